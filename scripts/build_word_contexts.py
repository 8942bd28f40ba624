"""Build ``lexicons/_data/word_contexts.json.gz``: the table of the ``confusion`` kind
(typo.word_contexts), which finds a real word written for a confusable real word where the
characters around decide (合法权力 → 权利, 行政体质改革 → 体制, 办公厅引发 → 印发).

    python scripts/build_word_contexts.py --text TEXT_FILE... [--max-year 2024]

*Confusable pairs* are two-character content words of jieba's dictionary (``FUNCTION_TAGS``
left out) that differ in one character, the two characters being confusable in the character
model's tables (``lexicons/_model/charmodel.bin.gz``) and of the same toneless pinyin in the
two words, each word counted at least ``MIN_WORD`` times as a word of its own in the counted
text.

For each word ``w`` of a pair and its partner ``x``, the table keeps the *decisive contexts*:
the two characters right before (or after) ``w`` wherever it stands in the counted text (the
segmenter joins many a word with a neighbour: 合法权利, 亟待解决), where ``x`` was seen at
least ``MIN_CONTEXT`` times and ``w`` at most ``MOST_WRONG`` times in the counted text (all
Chinese characters). JSON, gzip::

    {"format": ..., "meta": {...}, "counts": {w: count of the string},
     "seen": {w: [contexts seen before it, contexts seen after it]},
     "left": {"w x": {context: [count with x, count with w]}}, "right": {...}}

(``seen``: the two-character contexts each concatenated, sorted.) A hit is judged where one
side is decisive and the other was never seen with the word as written.

Counts come from the text files of ``--text`` (``.gz`` read as gzip), cut by the project's
segmenter a line at a time; ``<doc …>`` lines are skipped, and with ``--max-year`` the 新闻联播
documents of later years are skipped too (the shipped table: government work reports and
Party congress reports, 新闻联播 up to 2024; 2025-2026 held out to measure false alarms). The
text itself is never shipped.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))
# the same corpus reading and file digests as the word homophone table's build
from build_word_homophones import _lines, _sha  # noqa: E402

FORMAT = "wording-guard-word-contexts/1"
MIN_WORD = 10
MIN_CONTEXT = 3
MOST_WRONG = 1
# jieba's tags of words left out: pronouns, numerals and measures, times, adverbs, function
# words, names of people and places (她们/他们, 多架/多家, 今日/近日, 一致/一直 and 大型/大兴
# are each right in their own places, which two characters around cannot tell apart)
FUNCTION_TAGS = frozenset("r m mq q t tg d dg p c u uj ul f nr nrt nrfg ns nt".split())


def _han(text: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in text)


def pairs_of(words: Iterable[str], confusables: dict[str, str]) -> set[tuple[str, str]]:
    """The pairs (a, b), a < b, of ``words`` differing in one confusable character of the
    same toneless pinyin (as read in the word: 体质/体制, 权力/权利; not 五次/三次 or
    大国/美国, which the shape tables pair)."""
    from pypinyin import lazy_pinyin

    present = set(words)
    out: set[tuple[str, str]] = set()
    for w in present:
        for k in range(2):
            for ch in confusables.get(w[k], ""):
                x = w[:k] + ch + w[k + 1 :]
                if x != w and x in present and lazy_pinyin(x) == lazy_pinyin(w):
                    out.add((min(w, x), max(w, x)))
    return out


def build(texts: list[Path], max_year: int | None) -> dict[str, Any]:
    from wording_guard.charmodel import CharModel
    from wording_guard.nearmiss import jieba_dict_path
    from wording_guard.segment import Segmenter

    model = CharModel.load(ROOT / "lexicons/_model/charmodel.bin.gz")
    dictionary: set[str] = set()
    with open(jieba_dict_path(), encoding="utf-8") as fh:
        for line in fh:
            w, _, tag = line.split()
            if len(w) == 2 and _han(w) and tag not in FUNCTION_TAGS:
                dictionary.add(w)
    cut = Segmenter().cutter()
    lines = list(_lines(texts, max_year))
    counts: Counter[str] = Counter()
    for line in lines:
        counts.update(t for t in cut(line) if len(t) == 2)
    common = [w for w in dictionary if counts[w] >= MIN_WORD]
    pairs = pairs_of(common, model.confusables)
    partners: dict[str, set[str]] = defaultdict(set)
    for a, b in pairs:
        partners[a].add(b)
        partners[b].add(a)
    left: dict[str, Counter[str]] = defaultdict(Counter)
    right: dict[str, Counter[str]] = defaultdict(Counter)
    # contexts wherever the two characters stand, not only where the segmenter cuts them as
    # a word: it joins many a word with a neighbour (合法权利, 亟待解决, 群众反映), and those
    # are the contexts that decide
    raw: Counter[str] = Counter()
    for line in lines:
        for i in range(len(line) - 1):
            token = line[i : i + 2]
            if token in partners:
                raw[token] += 1
                lc, rc = line[max(0, i - 2) : i], line[i + 2 : i + 4]
                if len(lc) == 2 and _han(lc):
                    left[token][lc] += 1
                if len(rc) == 2 and _han(rc):
                    right[token][rc] += 1
    out_left: dict[str, dict[str, list[int]]] = {}
    out_right: dict[str, dict[str, list[int]]] = {}
    for side, out in ((left, out_left), (right, out_right)):
        for w, xs in partners.items():
            for x in xs:
                decisive = {
                    ctx: [n, side[w][ctx]]
                    for ctx, n in side[x].items()
                    if n >= MIN_CONTEXT and side[w][ctx] <= MOST_WRONG
                }
                if decisive:
                    out[f"{w} {x}"] = dict(sorted(decisive.items()))
    used = {w for key in (*out_left, *out_right) for w in key.split()}
    # every context seen with a word (packed: contexts concatenated, two characters each),
    # so that a hit can tell whether the other side of it is one official text writes with
    # the word as written
    seen = {w: ["".join(sorted(left[w])), "".join(sorted(right[w]))] for w in sorted(used)}
    return {
        "format": FORMAT,
        "meta": {
            "texts": {p.name: _sha(p) for p in texts},
            "max_year": max_year,
            "min_word": MIN_WORD,
            "min_context": MIN_CONTEXT,
            "most_wrong": MOST_WRONG,
            "pairs": len(pairs),
        },
        "counts": {w: raw[w] for w in sorted(used)},
        "seen": seen,
        "left": dict(sorted(out_left.items())),
        "right": dict(sorted(out_right.items())),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--text", type=Path, nargs="+", action="extend", required=True)
    ap.add_argument("--max-year", type=int, default=None)
    ap.add_argument("--out", type=Path, default=ROOT / "lexicons/_data/word_contexts.json.gz")
    args = ap.parse_args()
    data = build(args.text, args.max_year)
    with gzip.open(args.out, "wt", encoding="utf-8", compresslevel=9) as fh:
        json.dump(data, fh, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    n = sum(len(v) for v in (*data["left"].values(), *data["right"].values()))
    print(
        f"{args.out}: {data['meta']['pairs']} pairs, {len(data['counts'])} words, "
        f"{n} decisive contexts, {args.out.stat().st_size / 1e6:.2f} MB"
    )


if __name__ == "__main__":
    main()
