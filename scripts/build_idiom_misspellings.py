"""Build lexicons/_data/idiom_misspellings.tsv: misspelt idioms that jieba's dictionary lists as
words (成群结对 for 成群结队, 不知所错 for 不知所措), for the ``slips`` rule
lexicons/typo/idiom_misspellings.yaml.

    python scripts/build_idiom_misspellings.py            # write the list
    python scripts/build_idiom_misspellings.py --report   # every candidate and its fate

jieba's dictionary (the ``dict.txt`` of the installed jieba package, MIT) holds hundreds of
common misspellings of idioms as rare words (count 3 most often). The ``idiom`` kind skips any
four characters that are a dictionary word, so these slips pass it; and a character replaced
in an idiom's middle is never its business. The list is made thus:

1. the idioms: those of ``lexicons/_data/idioms.txt`` (the idiom kind's list) and the
   four-character words jieba tags as idioms or set phrases (``i``, ``l``), each seen at least
   ``--min-idiom`` times in jieba's counts;
2. the candidates: four-character dictionary words that are an idiom with one character (any
   position) replaced by one the confusion tables pair with it (``nearmiss.Tables``, tight and
   loose sets, numerals never touched), where the idiom is at least ``--ratio`` times as
   frequent in jieba's counts as the candidate. A candidate near several idioms is
   corrected to the most frequent one;
3. dropped: the reviewed exclusions of ``lexicons/_data/idiom_misspellings_review.tsv``
   (variant forms that 《现代汉语词典》 or 《第一批异形词整理表》 admit, 作/做 and 辞/词 pairs,
   classical wordings, phrases of their own; one line each with its reason), and strings
   another rule file already lists as a wrong or correct form (its own rule owns them). The
   same file may name a better correction than the nearest idiom, when that is itself a
   variant (一榻胡涂: 一塌糊涂, not 一塌胡涂).

Every candidate was reviewed by hand: what the exclusions do not name is a clear misspelling.
A new jieba version or confusion table can bring new candidates: ``--report`` marks them
``NEW`` until they are reviewed (kept in the list, or excluded with a reason).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from wording_guard import nearmiss  # noqa: E402
from wording_guard.lexicon.loader import read_rule_data, rule_files  # noqa: E402

DATA = ROOT / "lexicons" / "_data"
OUT = DATA / "idiom_misspellings.tsv"
REVIEW = DATA / "idiom_misspellings_review.tsv"
IDIOMS = DATA / "idioms.txt"
RULE = ROOT / "lexicons" / "typo" / "idiom_misspellings.yaml"
_FOUR_HAN = re.compile(r"[\u4e00-\u9fff]{4}")
_LISTING_KEYS = ("wrong", "correct", "term", "terms")


def dictionary() -> dict[str, tuple[int, str]]:
    """jieba's dictionary: word -> (count, tag)."""
    return {word: (count, tag) for word, count, tag in nearmiss.jieba_entries()}


def read_lines(path: Path) -> list[str]:
    return [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def listed_forms() -> dict[str, str]:
    """Four-character strings other rule files list (wrong or correct forms, terms), and the
    wrong forms of other slips files: string -> where."""
    out: dict[str, str] = {}

    def walk(value: Any, where: str, key: str | None = None) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                if k != "examples":
                    walk(v, where, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, where, key)
        elif isinstance(value, str) and key in _LISTING_KEYS and _FOUR_HAN.fullmatch(value):
            out.setdefault(value, where)

    for path in rule_files(ROOT / "lexicons"):
        if path.resolve() == RULE.resolve():
            continue
        data = read_rule_data(path)
        where = str(path.relative_to(ROOT))
        walk(data, where)
        for entry in data.get("entries", []) if isinstance(data, dict) else []:
            slips = entry.get("slips") if isinstance(entry, dict) else None
            if slips and (path.parent / slips).resolve() != OUT.resolve():
                for line in read_lines((path.parent / slips).resolve()):
                    out.setdefault(line.split("\t")[0], str(path.relative_to(ROOT)))
    return out


def candidates(
    words: dict[str, tuple[int, str]], min_idiom: int, ratio: float
) -> dict[str, tuple[str, int, int]]:
    """Misspelling candidates: wrong -> (idiom, idiom's count, wrong's count)."""
    idioms = set(read_lines(IDIOMS))
    idioms |= {w for w, (_, tag) in words.items() if tag in ("i", "l") and _FOUR_HAN.fullmatch(w)}
    idioms = {w for w in idioms if words.get(w, (0, ""))[0] >= min_idiom}
    tables = nearmiss.shipped_tables()
    found: dict[str, tuple[str, int, int]] = {}
    for idiom in sorted(idioms):
        count = words[idiom][0]
        for at, ch in enumerate(idiom):
            if ch in nearmiss.NUMERALS:
                continue
            for other in set(tables.confusables(ch, tight_only=False)) - {ch}:
                if other in nearmiss.NUMERALS:
                    continue
                wrong = idiom[:at] + other + idiom[at + 1 :]
                if wrong not in words or count < ratio * words[wrong][0]:
                    continue
                best = found.get(wrong)
                if best is None or count > best[1]:
                    found[wrong] = (idiom, count, words[wrong][0])
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--min-idiom", type=int, default=5, help="least jieba count of an idiom")
    parser.add_argument("--ratio", type=float, default=2.0, help="idiom count / candidate count")
    parser.add_argument("--report", action="store_true", help="print every candidate's fate")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)

    words = dictionary()
    found = candidates(words, args.min_idiom, args.ratio)
    excluded: dict[str, str] = {}
    better: dict[str, str] = {}
    for line in read_lines(REVIEW):
        wrong, correct, reason = line.split("\t")
        if correct == "-":
            excluded[wrong] = reason
        else:
            better[wrong] = correct
    # the list written last time holds the candidates already reviewed and kept
    reviewed = (
        {line.split("\t")[0] for line in read_lines(args.out)} if args.out.is_file() else set()
    )
    listed = listed_forms()
    kept: dict[str, str] = {}
    for wrong, (idiom, count, own) in sorted(found.items()):
        if wrong in excluded:
            fate = f"excluded: {excluded[wrong]}"
        elif wrong in listed:
            fate = f"listed in {listed[wrong]}"
        else:
            kept[wrong] = better.get(wrong, idiom)
            fate = "kept" if wrong in reviewed else "NEW (not reviewed)"
        if args.report:
            print(f"{wrong}\t{idiom}\t{own}/{count}\t{fate}")
    for wrong in sorted((excluded.keys() | better.keys()) - found.keys()):
        print(f"note: reviewed {wrong} is no candidate", file=sys.stderr)

    lines = [
        "# Misspelt idioms that jieba's dictionary (MIT) lists as words: wrong<TAB>correct.",
        "# Generated by scripts/build_idiom_misspellings.py (see its docstring): an idiom with",
        "# one character replaced by a confusable one, the idiom at least "
        f"{args.ratio:g} times as frequent",
        f"# (idiom count >= {args.min_idiom}); reviewed by hand, exclusions with their reasons in",
        "# idiom_misspellings_review.tsv.",
    ]
    lines += [f"{w}\t{c}" for w, c in sorted(kept.items(), key=lambda item: (item[1], item[0]))]
    if not args.report:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(
        f"{len(found)} candidates, {len(found.keys() & excluded.keys())} excluded, "
        f"{len(found.keys() & listed.keys() - excluded.keys())} listed elsewhere, "
        f"{len(kept)} kept" + ("" if args.report else f" → {args.out}"),
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
