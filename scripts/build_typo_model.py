"""Count the character model of the statistical typo kind (a developer tool).

Writes ``lexicons/_model/charmodel.bin.gz`` (see ``wording_guard.charmodel``) from clean
published text and character confusion sets::

    python scripts/build_typo_model.py \\
        --text xwlb_2022_2026.txt.gz --text policy_titles.txt \\
        --confusion tsv:lexicons/_data/homophones.tsv \\
        --confusion tsv:lexicons/_data/similar_shape.tsv \\
        --confusion pinyin:same_pinyin.txt --confusion groups:same_stroke.txt \\
        --confusion json:soundConfusion.json --confusion json:shapeConfusion.json \\
        --confusion tsv:lexicons/_model/component_pairs.tsv

(``component_pairs.tsv`` is made by scripts/build_component_pairs.py; the exact sources and
their licences are in lexicons/_model/SOURCES.md.)

``--text``: UTF-8 text, plain or gzip; one paragraph per line; lines starting with ``<``
(document markers) are skipped. Text the model is counted from must not be text its false
alarms are measured on: keep the government corpus of ``benchmarks/corpus`` out.

``--words PATH``: a word list in jieba's dict.txt layout (``word freq [tag]``); words of 2+
characters with a frequency of at least ``--min-word-freq`` add their inner pairs once, so that
rare but real words do not look like typos (jieba's own dict.txt is the default).

``--confusion FORMAT:PATH`` (repeatable), FORMAT one of
  ``tsv``    char TAB chars [TAB chars ...] (this project's near-miss tables);
  ``pinyin`` the same layout, ``#`` comment lines (pycorrector's same_pinyin.txt);
  ``groups`` whitespace-separated groups of mutually confusable characters;
  ``json``   {"char": ["char", ...]};
  ``ncu``    char,chars (traditional forms are folded to simplified with OpenCC).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from wording_guard.charmodel import CharModel, count_lines

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "lexicons" / "_model" / "charmodel.bin.gz"
FORMATS = ("tsv", "pinyin", "groups", "json", "ncu")


def jieba_dictionary() -> Path:
    import jieba

    return Path(jieba.__file__).parent / "dict.txt"


def text_lines(path: Path) -> Iterator[str]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as stream:
        for line in stream:
            if not line.startswith("<"):
                yield line


def read_confusion(spec: str, table: dict[str, set[str]]) -> None:
    form, _, name = spec.partition(":")
    if form not in FORMATS or not name:
        raise SystemExit(f"--confusion {spec!r}: expected FORMAT:PATH, FORMAT in {FORMATS}")
    path = Path(name)
    raw = path.read_text(encoding="utf-8")
    if form == "json":
        for ch, others in json.loads(raw).items():
            table[ch].update(others)
        return
    if form == "ncu":
        import opencc

        fold = opencc.OpenCC("t2s").convert
        for line in raw.splitlines():
            ch, sep, others = line.partition(",")
            if sep:
                table[fold(ch)].update(fold(others))
        return
    for number, line in enumerate(raw.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if form == "groups":
            group = line.split()
            for ch in group:
                table[ch].update(group)
            continue
        cells = line.split("\t")
        if len(cells[0]) != 1:
            raise SystemExit(f"{path}:{number}: first cell must be one character")
        for cell in cells[1:]:
            table[cells[0]].update(cell.replace(" ", ""))


def digest(paths: list[Path]) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()[:16] for p in paths}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--text", type=Path, action="append", required=True)
    parser.add_argument("--confusion", action="append", required=True)
    parser.add_argument("--words", type=Path, default=jieba_dictionary())
    parser.add_argument("--min-word-freq", type=int, default=5)
    parser.add_argument("--min-trigram", type=int, default=2)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    counts = count_lines(line for path in args.text for line in text_lines(path))
    words = 0
    for line in args.words.read_text(encoding="utf-8").splitlines():
        word, _, rest = line.partition(" ")
        freq = rest.split(" ")[0]
        if len(word) >= 2 and freq.isdigit() and int(freq) >= args.min_word_freq:
            counts.add_word(word)
            words += 1
    table: dict[str, set[str]] = defaultdict(set)
    for spec in args.confusion:
        read_confusion(spec, table)
    meta = {
        "texts": digest(args.text),
        "words": {**digest([args.words]), "count": words, "min_freq": args.min_word_freq},
        "confusion": digest([Path(s.partition(":")[2]) for s in args.confusion]),
        "characters_counted": sum(counts.uni.values()),
    }
    model = CharModel.build(counts, table, min_trigram=args.min_trigram, meta=meta)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.out)
    print(
        f"{args.out}: {len(model.chars)} characters, {len(model.bi_counts)} bigrams, "
        f"{len(model.tri_counts)} trigrams, {len(model.confusables)} confusion sets, "
        f"{args.out.stat().st_size / 1e6:.1f} MB, {time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
