"""Where the statistical typo kinds lose the wrong characters of an ECSpell file.

    python benchmarks/typo_misses.py --data odw.train [--examples N]

Run it on the tuning set (odw.train), never to tune on odw.test. Every wrong character of the
error sentences is put in the first class that holds it, in the order below (the statistical
kind's own steps, ``kinds/statistical.py``), and the sentences no serious or improper finding
catches are counted by the classes of their wrong characters:

* caught: a serious or improper finding covers it; notice only: only a notice does;
* not among the confusables: the right character is not in the model's confusion set of the
  written one (by relation: same pinyin and tone, other tone, neither);
* right correction scored below the loose level; another correction proposed there;
* no unseen pair: both pairs the character makes with its neighbours were seen (split by
  whether the typo.word_homophones table lists the written two-character word with the
  right one as a correction: those the homophone kind can reach without a seam);
* skip characters; the word guards (where two words meet, inside a word with one odd
  neighbour); the candidate filters (the right one makes a pair seen once at most, or leaves
  an unseen pair, or makes no dictionary word); dropped later (gain, names, tags).
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

from pypinyin import Style, pinyin

import wording_guard
from wording_guard.cache import cache_dir
from wording_guard.charmodel import CharModel, Models, is_han
from wording_guard.kinds.statistical import (
    Judgement,
    StatisticalFinder,
    _Data,
    _slices,
    _Words,
    unseen_pairs,
)
from wording_guard.models import Finding

ROOT = Path(__file__).resolve().parents[1]
HOMOPHONES = ROOT / "lexicons" / "_data" / "word_homophones.json.gz"


def readings(ch: str, tone: bool) -> set[str]:
    style = Style.TONE3 if tone else Style.NORMAL
    return set(pinyin(ch, style=style, heteronym=True)[0])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--examples", type=int, default=0, help="examples shown per class")
    args = parser.parse_args(argv)
    scanner = wording_guard.Scanner()
    (data,) = scanner.compiled.kind_data["statistical"]
    segmenter = scanner.context.segmenter
    finder = StatisticalFinder([data], segmenter, Models(cache_dir()))
    model = finder._model(data.model)
    has_word = segmenter.lookup()
    with gzip.open(HOMOPHONES, "rt", encoding="utf-8") as fh:
        suspects = {w: {x for x, _, _ in xs} for w, (_, _, xs) in json.load(fh)["suspects"].items()}

    def in_homophone_table(source: str, target: str, i: int) -> bool:
        for start in (i - 1, i):
            word = source[start : start + 2]
            if (
                start >= 0
                and len(word) == 2
                and target[start : start + 2] in suspects.get(word, ())
            ):
                return True
        return False

    classes: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    relations: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    sentences = errors = 0
    for line in args.data.read_text(encoding="utf-8").splitlines():
        label, source, target = line.split("\t")
        if int(label) == 0 or len(source) != len(target):
            continue
        sentences += 1
        found = scanner.scan(source)
        judged = {j.position: j for j in finder.judgements(data, source)}
        pairs = unseen_pairs(model, source)
        unseen_at = set(pairs)
        words = _Words(segmenter, source, pairs) if pairs else None
        seen: set[str] = set()
        for i, (ch, right) in enumerate(zip(source, target, strict=True)):
            if ch == right:
                continue
            errors += 1
            cls = _classify(
                source, target, i, found, judged, data, model, has_word, unseen_at, words
            )
            if cls == "not among the confusables":
                if readings(ch, True) & readings(right, True):
                    relations["same pinyin and tone"] += 1
                elif readings(ch, False) & readings(right, False):
                    relations["same pinyin, other tone"] += 1
                else:
                    relations["neither"] += 1
            if cls == "no unseen pair":
                listed = in_homophone_table(source, target, i)
                cls += ": the homophone table lists it" if listed else ": not in that table"
            classes[cls] += 1
            seen.add(cls)
            examples[cls].append(
                f"{source[max(0, i - 4) : i]}[{ch}>{right}]{source[i + 1 : i + 5]}"
            )
        if "caught" not in seen:
            missed.update(seen)
    print(f"{args.data.name}: {sentences} error sentences, {errors} wrong characters\n")
    print("| wrong characters | n | share |")
    print("|---|---:|---:|")
    for cls, n in classes.most_common():
        print(f"| {cls} | {n} | {n / errors:.3f} |")
    print(
        "\nnot among the confusables, by relation: "
        + ", ".join(f"{k} {n}" for k, n in relations.most_common())
    )
    print("\n| sentences caught by no serious or improper finding, with a wrong character … | n |")
    print("|---|---:|")
    for cls, n in missed.most_common():
        print(f"| {cls} | {n} |")
    if args.examples:
        for cls, _ in classes.most_common():
            print(f"\n{cls}: " + "  ".join(examples[cls][: args.examples]))
    return 0


def _classify(
    source: str,
    target: str,
    i: int,
    found: list[Finding],
    judged: dict[int, Judgement],
    data: _Data,
    model: CharModel,
    has_word: Callable[[str], bool],
    unseen_at: set[int],
    words: _Words | None,
) -> str:
    """The first class (module docstring) that holds the wrong character ``i``."""
    ch, right = source[i], target[i]
    covering = [f for f in found if f.start <= i < f.end]
    if any(f.severity.value != "notice" for f in covering):
        return "caught"
    if covering:
        return "notice only"
    if not (is_han(ch) and is_han(right)):
        return "not a Chinese character"
    if right not in model.confusables.get(ch, ""):
        return "not among the confusables"
    j = judged.get(i)
    if j is not None:
        if j.suggestion[i - j.start] == right:
            return "right correction scored below the loose level"
        return "another correction proposed"
    sides = (i - 1 in unseen_at, i in unseen_at)
    if not any(sides):
        return "no unseen pair"
    if not data.skip.isdisjoint(source[max(0, i - 1) : i + 2]):
        return "skip character beside"
    assert words is not None
    if all(words.between_words(j + 1) for j in (i - 1, i) if j in unseen_at):
        return "guard: where two words meet"
    if sides[0] != sides[1] and words.around(i)[0] > 1:
        return "guard: inside a word, one odd neighbour"
    left = source[i - 1] if i else "|"
    after = source[i + 1] if i + 1 < len(source) else "|"
    after_left = right in model.frequent.get(left, "")
    before_right = right in model.frequent_predecessors(after)
    if (sides[0] and sides[1] and not (after_left or before_right)) or (
        sides[0] != sides[1] and not (after_left and before_right)
    ):
        leaves = right not in model.successors.get(left, "") or after not in model.successors.get(
            right, ""
        )
        return (
            "candidate filter: leaves an unseen pair"
            if leaves
            else ("candidate filter: a pair seen once at most")
        )
    near = max(0, i - 3)
    local = source[near : i + 4]
    at = i - near
    fixed = local[:at] + right + local[at + 1 :]
    if not any(has_word(fixed[s]) for s in _slices(at, len(local))):
        return "candidate filter: makes no dictionary word"
    return "dropped later (gain, names, tags)"


if __name__ == "__main__":
    raise SystemExit(main())
