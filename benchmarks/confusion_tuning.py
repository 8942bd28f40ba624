"""Evidence of the ``confusion`` kind (typo.word_contexts) at every support level, to choose
its thresholds: on ECSpell odw.train (true hits: the flagged word covers a wrong character
and the correction restores the target) and on held-out official text (every hit a false
flag: the text is published and correct).

    python benchmarks/confusion_tuning.py --ecspell FILE [--clean FILE...] [--years 2025,2026]

``--clean`` files are read a line at a time (``.gz`` as gzip); lines of 新闻联播 documents
(``<doc id="xwlb-YYYYMMDD">``) count only in the years of ``--years`` (the ones the table
was not counted from). Prints, per (support, count of the written word) threshold, the true
hits on odw.train and the false flags per 100k characters of clean text.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from wording_guard.kinds.confusion import Table, _cut_alone, evidence  # noqa: E402
from wording_guard.segment import Segmenter  # noqa: E402

TABLE = ROOT / "lexicons/_data/word_contexts.json.gz"


def hits(table: Table, cut: Any, text: str) -> Iterator[tuple[int, str, str, int, int, float]]:
    """(start, word, correction, support, count of the word, expected count of the word)
    of every hit with evidence, cut as a word of its own."""
    words = table.partners
    for start in range(len(text) - 1):
        w = text[start : start + 2]
        if w not in words:
            continue
        for x, support, wrong in evidence(table, text, w, start, start + 2):
            if _cut_alone(cut, text, start, start + 2):
                expected = support * table.counts.get(w, 0) / max(table.counts.get(x, 1), 1)
                yield start, w, x, support, wrong, expected


def _clean_lines(paths: list[Path], years: set[str]) -> Iterator[str]:
    for path in paths:
        opener: Any = gzip.open if path.suffix == ".gz" else open
        keep = True
        with opener(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("<doc"):
                    m = re.match(r'<doc id="[a-z]+-(\d{4})', line)
                    keep = not m or m.group(1) in years
                    continue
                if keep and line.strip() and not line.startswith("</doc"):
                    yield line.strip()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ecspell", type=Path, required=True)
    ap.add_argument("--clean", type=Path, nargs="*", default=[])
    ap.add_argument("--years", default="2025,2026")
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args()
    table = Table.load(TABLE)
    cut = Segmenter().cutter()
    good: list[tuple[int, int, float]] = []
    bad: list[tuple[int, int, float]] = []
    for line in args.ecspell.read_text(encoding="utf-8").splitlines():
        _, src, tgt = line.split("\t")
        for start, w, x, support, wrong, lam in hits(table, cut, src):
            right = tgt[start : start + 2] == x and src[start : start + 2] != tgt[start : start + 2]
            (good if right else bad).append((support, wrong, lam))
            if args.show:
                print(
                    "TP" if right else "FP",
                    support,
                    wrong,
                    f"{lam:.1f}",
                    src[max(0, start - 6) : start],
                    f"[{w}→{x}]",
                    src[start + 2 : start + 8],
                    sep="\t",
                )
    clean: list[tuple[int, int, float]] = []
    chars = 0
    for line in _clean_lines(args.clean, set(args.years.split(","))):
        chars += len(line)
        for start, w, x, support, wrong, lam in hits(table, cut, line):
            clean.append((support, wrong, lam))
            if args.show:
                print(
                    "CLEAN",
                    support,
                    wrong,
                    f"{lam:.1f}",
                    line[max(0, start - 8) : start],
                    f"[{w}→{x}]",
                    line[start + 2 : start + 10],
                    sep="\t",
                )
    print(f"clean text: {chars} characters")
    print("support most_wrong expected  odw.train-true odw.train-false  clean/100k")
    for most_wrong in (0, 1):
        for support in (5, 10, 15, 20, 30, 50, 100):
            for expected in (0, 1, 2, 5):
                level = (support, most_wrong, expected)
                n_good, n_bad, n_clean = (_passing(rows, level) for rows in (good, bad, clean))
                print(
                    f"{support:7} {most_wrong:10} {expected:8}  {n_good:14} {n_bad:15}  "
                    f"{n_clean * 1e5 / max(chars, 1):10.2f}"
                )


def _passing(rows: list[tuple[int, int, float]], level: tuple[int, int, float]) -> int:
    support, most_wrong, expected = level
    return sum(1 for s, w, lam in rows if s >= support and w <= most_wrong and lam >= expected)


if __name__ == "__main__":
    main()
