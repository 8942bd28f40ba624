"""The command line the corpus-built lists share: clean official text files (``.gz`` read as
gzip), a minimum count and the list to write; and what the corpus-mining scripts share: the
dated documents of a transcript corpus, the strings the shipped lexicons already hold."""

from __future__ import annotations

import argparse
import gzip
import re
from collections.abc import Sequence
from pathlib import Path

from wording_guard.lexicon import shipped_lexicon_dir
from wording_guard.lexicon.loader import load_directory

_DOC_LINE = re.compile(r'<doc id="[a-z]+-(\d{8})">')


def read_text(path: Path) -> str:
    if path.suffix == ".gz":
        with gzip.open(path, "rt", encoding="utf-8") as f:
            return f.read()
    return path.read_text(encoding="utf-8")


def corpus_arguments(
    argv: list[str] | None,
    doc: str,
    *,
    min_count: int,
    out: Path,
    more: Sequence[tuple[str, type, object]] = (),
) -> tuple[argparse.Namespace, str]:
    """The parsed arguments and the corpus files' text, joined by line breaks; a missing file
    is a usage error. ``more``: further options (name, type, default)."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("corpus", nargs="+", type=Path, help="clean official text files")
    parser.add_argument("--min-count", type=int, default=min_count)
    parser.add_argument("--out", type=Path, default=out)
    for name, kind, default in more:
        parser.add_argument(name, type=kind, default=default)
    args = parser.parse_args(argv)
    for path in args.corpus:
        if not path.is_file():
            parser.error(f"{path}: no such file")
    return args, "\n".join(read_text(p) for p in args.corpus)


def write_slips(out: Path, header: list[str], kept: dict[str, str]) -> None:
    """``wrong<TAB>correct`` lines under ``header`` (comment lines), by correct form then
    wrong one, so that a rebuild changes only the lines that changed."""
    lines = header + [f"{v}\t{w}" for v, w in sorted(kept.items(), key=lambda kv: (kv[1], kv[0]))]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def confusable_columns(tables: Sequence[tuple[str, int]]) -> dict[str, str]:
    """Character -> the characters of one column of each named build table (a file of
    lexicons/_data and a column number after the character), joined in the order named."""
    out: dict[str, str] = {}
    for name, column in tables:
        path = shipped_lexicon_dir() / "_data" / name
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                ch, *rest = line.split("\t")
                out[ch] = out.get(ch, "") + (rest[column - 1] if len(rest) >= column else "")
    return out


def dated_docs(text: str) -> list[tuple[str, str]]:
    """(YYYYMMDD, body) for each document of a corpus whose documents open with a
    ``<doc id="name-YYYYMMDD">`` line (the 新闻联播 transcripts); the text before the first
    such line comes first, dated ''."""
    parts = _DOC_LINE.split(text)
    return [("", parts[0])] + [(parts[i], parts[i + 1]) for i in range(1, len(parts) - 1, 2)]


def entry_strings(keys: Sequence[str], category: str | None = None) -> list[str]:
    """Every string the shipped lexicons' entries (of ``category`` only, when given) hold under
    one of ``keys``, alone or in a list."""
    found: list[str] = []
    for loaded in load_directory(shipped_lexicon_dir()):
        if category is not None and loaded.rule.category != category:
            continue
        for entry in loaded.rule.entries:
            for key in keys:
                value = getattr(entry, key, None)
                for string in value if isinstance(value, (list, tuple)) else [value]:
                    if isinstance(string, str):
                        found.append(string)
    return found
