"""The command line the corpus-built lists share: clean official text files (``.gz`` read as
gzip), a minimum count and the list to write."""

from __future__ import annotations

import argparse
import gzip
from collections.abc import Sequence
from pathlib import Path


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
