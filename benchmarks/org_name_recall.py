"""Recall on organisation names with a word swapped, dropped or their suffix changed.

An editor who writes an international organisation's name from memory keeps its shape and
changes a word: a near word for one of its words (上海协作组织 for 上海合作组织, 世界健康组织
for 世界卫生组织), another body's suffix (国际货币基金会 for 国际货币基金组织), or a word
left out (亚太合作组织). This benchmark makes such names of the correct forms of every
protected rule with ``name_words`` (6 characters or more), in three classes:

* ``synonym``: a word of the name replaced by a near word of the rule's table (its ``word``
  lines);
* ``suffix``: the name's suffix replaced by another of the suffixes bodies take
  (:data:`SUFFIXES`, a fixed list, not the rule's table);
* ``drop``: one inner word of the name, as the dictionary cuts it, left out.

A variant that is a real body (``_data/nearmiss_real_bodies.txt``), a correct form of the
lexicons, or (with ``--corpus``) found in real text is not an error and is left out. Each
variant is put in a sentence (the template picked by the seed) and counts as caught when a
finding covers it.

    python benchmarks/org_name_recall.py [--seed N] [--show] [--corpus FILE] [--dump FILE]
    python benchmarks/org_name_recall.py --cases FILE

``--dump``: also write the cases (class, variant, sentence a line) to FILE; ``--cases``: scan
the cases of such a file instead of making them (to score an older checkout of the engine on
the same cases: run it with that checkout first on PYTHONPATH).

``--corpus``: also print the variants the file holds (with counts): each is a real body or
alias to list in nearmiss_real_bodies.txt with its source, or its pair to leave out.
"""

from __future__ import annotations

import argparse
import collections
import random
from pathlib import Path

import wording_guard
from wording_guard.kinds.protected import ProtectedEntry, ProtectedRule
from wording_guard.lexicon import shipped_lexicon_dir
from wording_guard.lexicon.loader import load_directory

SUFFIXES = ("基金会", "基金", "组织", "机构", "委员会", "理事会", "联合会", "协会", "联盟", "论坛")
"""The suffixes of bodies that are written for one another (the issue's list)."""

TEMPLATES = (
    "市长会见{}代表团一行，双方就深化务实合作交换意见。",
    "据{}最新发布的报告，全球经济增速有所放缓。",
    "我市两名干部参加了{}举办的专题培训班。",
    "{}秘书处官员来我省考察交流。",
    "会议邀请{}有关负责人出席并致辞。",
)
MIN_LENGTH = 6
TABLE = "org_name_words.tsv"


def names() -> list[tuple[str, ProtectedRule]]:
    """The correct forms of the rules with ``name_words``, 6 characters or more."""
    found = []
    for loaded in load_directory(shipped_lexicon_dir()):
        rule = loaded.rule
        if not isinstance(rule, ProtectedRule) or not rule.name_words:
            continue
        for entry in rule.entries:
            assert isinstance(entry, ProtectedEntry)
            if entry.near_miss is True and entry.when is None:
                found += [(c, rule) for c in entry.correct if len(c) >= MIN_LENGTH]
    return found


def variants(cut: object) -> dict[str, tuple[str, str]]:
    """Variant -> (class, correct form)."""
    from wording_guard.kinds.protected import _name_table

    assert callable(cut)
    made: dict[str, tuple[str, str]] = {}
    for loaded in load_directory(shipped_lexicon_dir()):
        rule = loaded.rule
        if not isinstance(rule, ProtectedRule) or not rule.name_words:
            continue
        # the shipped table, whatever the rule names (a run with the rule's table emptied
        # measures the recall before)
        table = _name_table(loaded, str(shipped_lexicon_dir() / "_data" / TABLE))
        for entry in rule.entries:
            assert isinstance(entry, ProtectedEntry)
            if entry.near_miss is not True or entry.when is not None:
                continue
            for name in entry.correct:
                if len(name) < MIN_LENGTH or not all("\u4e00" <= c <= "\u9fff" for c in name):
                    continue
                words = cut(name)
                for word, others in table.words.items():
                    if word in name:
                        for other in others:
                            made.setdefault(name.replace(word, other, 1), ("synonym", name))
                for suffix in SUFFIXES:
                    if name.endswith(suffix):
                        for other in SUFFIXES:
                            stem = name[: -len(suffix)]
                            if other != suffix and not stem.endswith(other[:2]):
                                made.setdefault(stem + other, ("suffix", name))
                for i in range(1, len(words) - 1):
                    if len(words[i]) >= 2:
                        dropped = "".join(words[:i] + words[i + 1 :])
                        made.setdefault(dropped, ("drop", name))
    return made


def real_strings() -> set[str]:
    """The real bodies listed and every correct form of the lexicons."""
    real = set()
    path = shipped_lexicon_dir() / "_data" / "nearmiss_real_bodies.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            real.add(line)
    for loaded in load_directory(shipped_lexicon_dir()):
        for entry in loaded.rule.entries:
            if isinstance(entry, ProtectedEntry):
                real.update(entry.correct)
    return real


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--show", action="store_true", help="print the variants missed")
    parser.add_argument("--corpus", type=Path, help="real text to look the variants up in")
    parser.add_argument("--dump", type=Path, help="write the cases to this file")
    parser.add_argument("--cases", type=Path, help="scan the cases of this file")
    args = parser.parse_args(argv)
    if args.cases is not None:
        lines = args.cases.read_text(encoding="utf-8").splitlines()
        report([tuple(line.split("\t")) for line in lines], args.show)  # type: ignore[misc]
        return
    from wording_guard.segment import Segmenter

    made = variants(Segmenter().tokens)
    real = real_strings()
    if args.corpus is not None:
        text = args.corpus.read_text(encoding="utf-8")
        for variant in sorted(made):
            count = text.count(variant)
            if count and variant not in real:
                print(
                    f"in corpus {count:5d}  {variant}  ({made[variant][0]} of {made[variant][1]})"
                )
    rng = random.Random(args.seed)
    cases = []
    for variant, (kind, _) in sorted(made.items()):
        if variant in real or any(variant in r for r in real if len(r) > len(variant)):
            continue  # a real body, or part of one
        cases.append((kind, variant, rng.choice(TEMPLATES).format(variant)))
    if args.dump is not None:
        args.dump.write_text("".join("\t".join(c) + "\n" for c in cases), encoding="utf-8")
    report(cases, args.show)


def report(cases: list[tuple[str, str, str]], show: bool) -> None:
    """Scan each case's sentence and print the share caught per class."""
    total: collections.Counter[str] = collections.Counter()
    caught: collections.Counter[str] = collections.Counter()
    for kind, variant, sentence in cases:
        start = sentence.index(variant)
        end = start + len(variant)
        total[kind] += 1
        if any(f.start < end and start < f.end for f in wording_guard.scan(sentence)):
            caught[kind] += 1
        elif show:
            print(f"missed  {kind:8s} {variant}")
    for kind in ("synonym", "suffix", "drop"):
        n = total[kind]
        print(f"{kind:8s} {caught[kind]:4d}/{n:<4d} {caught[kind] / max(n, 1):6.1%}")
    n = sum(total.values())
    print(f"{'all':8s} {sum(caught.values()):4d}/{n:<4d} {sum(caught.values()) / max(n, 1):6.1%}")


if __name__ == "__main__":
    main()
