"""Move the slips that open with a measure word out of the word lists into their own list.

A generated slip of a three- or four-character word whose first character is kept and is a
measure word (家用电器 → 家用电企, 个人所得 → 个人所得) reads, right after a numeral, as the
measure word and the start of other words: 两家用电企业 is 两家 | 用电企业, no slip of
家用电器. Hits of four characters are not checked against word boundaries (a slip often makes
the segmenter cut its own word apart), so such slips go to ``classifier_slips.tsv``, whose
entry in ``typo.common_word_slips`` drops a hit right after a numeral. The script is
idempotent: run it after ``build_common_word_slips.py`` or ``build_everyday_slips.py``
rewrote their lists.

    python scripts/split_classifier_slips.py
"""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "lexicons" / "_data"
SOURCES = ("common_word_slips.tsv", "everyday_word_slips.tsv")
TARGET = "classifier_slips.tsv"
# measure words that follow a numeral and also begin frequent words (家用, 个人, 项目, 台风 …)
MEASURE_WORDS = frozenset("家个项所座台批类种户次名位条件间栋处场支套份张部本块片只辆")
HEADER = (
    "# Slips of words that open with a measure word, moved out of common_word_slips.tsv and\n"
    "# everyday_word_slips.tsv by scripts/split_classifier_slips.py: wrong<TAB>correct.\n"
    "# After a numeral the measure word starts a new phrase (两家用电企业), so their entry\n"
    "# in typo.common_word_slips drops a hit right after one.\n"
)


def _moves(wrong: str, correct: str) -> bool:
    return len(wrong) >= 4 and wrong[0] == correct[0] and wrong[0] in MEASURE_WORDS


def main() -> int:
    moved: dict[str, str] = {}
    target = DATA / TARGET
    if target.is_file():
        for line in target.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                wrong, _, correct = line.partition("\t")
                moved[wrong] = correct
    for name in SOURCES:
        path = DATA / name
        kept: list[str] = []
        for line in path.read_text(encoding="utf-8").splitlines():
            wrong, tab, correct = line.partition("\t")
            if tab and not line.startswith("#") and _moves(wrong, correct):
                moved.setdefault(wrong, correct)
            else:
                kept.append(line)
        path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    body = "".join(f"{w}\t{c}\n" for w, c in sorted(moved.items()))
    target.write_text(HEADER + body, encoding="utf-8")
    print(f"{len(moved)} slips in {TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
