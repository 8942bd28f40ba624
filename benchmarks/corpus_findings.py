"""List every finding on a corpus of real government texts, with context.

Each document is scanned with its date as the document date (from the file name: 5 March for
a 政府工作报告, the congress's opening day for its report, the session's last day for an NPC
resolution), so names that were correct then are not flagged. Prints one line per finding
and a summary: serious findings (target 0) and improper findings per 100k characters
(target <= 5).

    python benchmarks/corpus_findings.py [--corpus DIR] [--rule PREFIX] [--summary]

``--corpus`` is a folder of UTF-8 ``.txt`` documents named like the default's files
(gwr_<year>, cpc_congress_report_<N>, npcNN_sK_...: the name gives the date); the default is
the subset shipped in benchmarks/corpus/ (see its SOURCES.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections import Counter
from pathlib import Path

import wording_guard

# real government texts shipped with the repository (origins in benchmarks/corpus/SOURCES.md)
DEFAULT_CORPUS = Path(__file__).resolve().parent / "corpus"


def doc_date(path: Path) -> dt.date | None:
    m = re.search(r"(19|20)\d{2}", path.stem)
    if path.stem.startswith("gwr_") and m:
        return dt.date(int(m.group()), 3, 5)
    if path.stem.startswith("cpc_congress_report_"):
        # the report is delivered on the congress's opening day (a check that reads the day,
        # such as a formulation not yet put forward, needs the exact one)
        opened = {
            12: dt.date(1982, 9, 1),
            13: dt.date(1987, 10, 25),
            14: dt.date(1992, 10, 12),
            15: dt.date(1997, 9, 12),
            16: dt.date(2002, 11, 8),
            17: dt.date(2007, 10, 15),
            18: dt.date(2012, 11, 8),
            19: dt.date(2017, 10, 18),
            20: dt.date(2022, 10, 16),
        }
        return opened.get(int(path.stem.rsplit("_", 1)[1]))
    m = re.match(r"npc(\d+)_s(\d)", path.stem)
    if m:
        term, session = int(m.group(1)), int(m.group(2))
        # the resolution is adopted on a session's last day: mid-March, except the 13th
        # NPC's third session, held 2020-05-22 to 05-28
        if (term, session) == (13, 3):
            return dt.date(2020, 5, 28)
        first_year = {2: 1959, 10: 2003, 11: 2008, 12: 2013, 13: 2018, 14: 2023}[term]
        return dt.date(first_year + session - 1, 3, 15)
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus",
        type=Path,
        default=DEFAULT_CORPUS,
        metavar="DIR",
        help="folder of UTF-8 .txt documents (default: %(default)s)",
    )
    parser.add_argument("--rule", default="", help="only findings whose rule id starts so")
    parser.add_argument("--summary", action="store_true", help="print only the summary")
    args = parser.parse_args(argv)
    files = sorted(args.corpus.glob("*.txt"))
    if not files:
        print(f"no .txt files in {args.corpus}", file=sys.stderr)
        return 2
    chars = 0
    counts: Counter[str] = Counter()
    by_rule: Counter[str] = Counter()
    for path in files:
        text = path.read_text(encoding="utf-8")
        chars += len(text)
        for f in wording_guard.scan(text, date=doc_date(path)):
            if not f.rule_id.startswith(args.rule):
                continue
            counts[f.severity.value] += 1
            by_rule[f.rule_id] += 1
            if not args.summary:
                ctx = text[max(0, f.start - 12) : f.end + 12].replace("\n", " ")
                print(
                    f"{path.name}:{f.line}:{f.column}: {f.severity.value} {f.rule_id} "
                    f"[{f.text}] -> {'/'.join(f.suggestions)} | {ctx}"
                )
    per100k = counts["improper"] * 100_000 / max(chars, 1)
    print(f"\n{len(files)} documents, {chars} characters")
    print(
        f"serious: {counts['serious']} (target 0); improper: {counts['improper']} "
        f"= {per100k:.2f} per 100k chars (target <= 5); notice: {counts['notice']}"
    )
    for rule_id, n in by_rule.most_common():
        print(f"  {n:5d}  {rule_id}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
