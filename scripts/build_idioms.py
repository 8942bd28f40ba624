"""Write the list of four-character idioms the ``idiom`` kind checks (a developer tool)::

    python scripts/build_idioms.py --out lexicons/_data/idioms.txt \
        --also lexicons/typo/idioms.yaml --also lexicons/typo/official_terms.yaml \
        --also lexicons/political_phrase/formulations.yaml \
        --also lexicons/political_phrase/concepts.yaml \
        --also lexicons/political_phrase/development.yaml

The idioms and set phrases of jieba's dictionary (tags ``i`` and ``l``), four Chinese
characters, seen at least ``--min-freq`` times in jieba's counts; the dictionary is the one
the installed jieba package ships (MIT). jieba tags many idioms otherwise (淡泊名利 as a
place, 墨守成规 as a name), so ``--also`` adds the four-character correct forms of rule files
(the curated idiom typos). The output is sorted, one idiom per line, after a header naming
its sources.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

_FOUR_HAN = re.compile(r"[\u4e00-\u9fff]{4}")

HEADER = """\
# Four-character idioms and set phrases, for the `idiom` kind (lexicons/typo/idiom_slips.yaml).
# SOURCE: the dictionary of the jieba package (MIT): words tagged i (idiom) or l (set phrase),
# four Chinese characters, frequency >= {min_freq}; plus the four-character correct forms of
# {also}. Built by scripts/build_idioms.py.
"""


def idioms(dictionary: Path, min_freq: int) -> list[str]:
    found = set()
    for line in dictionary.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) != 3:
            continue
        word, freq, tag = parts
        if tag in ("i", "l") and int(freq) >= min_freq and _FOUR_HAN.fullmatch(word):
            found.add(word)
    return sorted(found)


def correct_forms(rule_file: Path) -> set[str]:
    """The four-character correct forms of a rule file's entries."""
    import yaml

    data = yaml.safe_load(rule_file.read_text(encoding="utf-8"))
    found = set()
    for entry in data.get("entries", []):
        correct = entry.get("correct") or []
        for form in [correct] if isinstance(correct, str) else correct:
            if _FOUR_HAN.fullmatch(form):
                found.add(form)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--min-freq", type=int, default=10)
    parser.add_argument("--also", type=Path, action="append", default=[])
    args = parser.parse_args(argv)
    from wording_guard.nearmiss import jieba_dict_path

    words = set(idioms(jieba_dict_path(), args.min_freq))
    for path in args.also:
        words |= correct_forms(path)
    also = ", ".join(p.as_posix() for p in args.also) or "no rule file"
    text = HEADER.format(min_freq=args.min_freq, also=also) + "".join(
        f"{w}\n" for w in sorted(words)
    )
    args.out.write_text(text, encoding="utf-8")
    print(f"{len(words)} idioms written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
