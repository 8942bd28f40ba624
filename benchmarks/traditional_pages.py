"""False alarms on the same real texts written in traditional characters.

Mainland portals offer 繁體 versions of their pages, converted from the simplified text by
software. The corpus documents are converted with OpenCC (``s2t``, its own standard, and
``s2hk``, Hong Kong's), each scanned with its date, and every serious or improper finding of
the converted text that the simplified original does not have at the same place is listed:
a converted correct text should add none. (Documents whose conversion changes their length,
by a phrase table, are skipped and counted; ``s2twp`` changes Taiwan's vocabulary and is not
used for that reason.)

    python benchmarks/traditional_pages.py [--corpus DIR]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import opencc
from corpus_findings import DEFAULT_CORPUS, doc_date

import wording_guard

STANDARDS = ("s2t", "s2hk")


def _findings(text: str, date: object) -> dict[tuple[int, int], tuple[str, str]]:
    """The serious and improper findings by span (a slip may be reported by another rule
    of the same category in the two scripts: 时侯 by one list, 時侯 by another)."""
    return {
        (f.start, f.end): (f.rule_id, f.text)
        for f in wording_guard.scan(text, date=date)  # type: ignore[arg-type]
        if f.severity != "notice"
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    paths = sorted(args.corpus.glob("*.txt"))
    print("## False alarms on the corpus converted to traditional characters")
    print()
    print("Command: `python benchmarks/traditional_pages.py` (OpenCC s2t and s2hk conversions)")
    print()
    print("| conversion | documents | characters | added findings |")
    print("|---|---:|---:|---:|")
    listed: list[str] = []
    for standard in STANDARDS:
        convert = opencc.OpenCC(standard).convert
        added: Counter[str] = Counter()
        documents = characters = 0
        for path in paths:
            text = path.read_text(encoding="utf-8")
            converted = convert(text)
            if len(converted) != len(text):
                continue
            documents += 1
            characters += len(text)
            date = doc_date(path)
            before = _findings(text, date)
            for (start, end), (rule, written) in sorted(_findings(converted, date).items()):
                if (start, end) in before:
                    continue
                added[rule] += 1
                listed.append(f"{standard} {path.name}:{start}-{end} {rule} “{written}”")
        print(f"| {standard} | {documents}/{len(paths)} | {characters:,} | {sum(added.values())} |")
    print()
    print("Added findings (each a false alarm unless the conversion itself is wrong):")
    print()
    print("```")
    print("\n".join(listed) if listed else "none")
    print("```")


if __name__ == "__main__":
    main()
