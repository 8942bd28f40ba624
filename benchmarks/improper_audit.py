"""Item-by-item audit of improper wording against the public lists (issue #9).

benchmarks/data/improper_audit.tsv holds one row per item of a public list (新华社 banned
and cautioned words, the 中国残联 and 中国妇女报 lists, legal terms of the criminal and
administrative procedure laws, GB/T 15834/15835, titles of offices, 公文 redundancies) and
a few ad-hoc probes: a sentence that uses the item wrongly and one that uses its
neighbourhood correctly. Rows the project deliberately leaves alone (the wording is common
in published text, or no public rule backs it) stay in the table as known misses.

    python benchmarks/improper_audit.py            # summary and the misses
    python benchmarks/improper_audit.py --all      # one line per row

A row is caught when the bad sentence yields a finding; its good sentence must yield none.
Run it with PYTHONPATH pointing at another checkout's src/ to compare two versions.
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

import wording_guard

TABLE = Path(__file__).resolve().parent / "data" / "improper_audit.tsv"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="print every row, not only misses")
    args = parser.parse_args()
    by_list: collections.Counter[tuple[str, str]] = collections.Counter()
    false_alarms = 0
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, item, bad, good = line.split("\t")
        found = wording_guard.scan(bad)
        alarms = wording_guard.scan(good)
        status = "caught" if found else "missed"
        by_list[(name, status)] += 1
        false_alarms += bool(alarms)
        if args.all or not found or alarms:
            spans = "|".join(f"{f.rule_id}:{f.text}" for f in found)
            alarm = "|".join(f"{f.rule_id}:{f.text}" for f in alarms)
            print(f"{status}\t{name}\t{item}\t{spans}\t{alarm}")
    names = sorted({name for name, _ in by_list})
    print("\nlist\tcaught\tmissed", file=sys.stderr)
    for name in names:
        print(f"{name}\t{by_list[(name, 'caught')]}\t{by_list[(name, 'missed')]}", file=sys.stderr)
    caught = sum(v for (_, s), v in by_list.items() if s == "caught")
    missed = sum(v for (_, s), v in by_list.items() if s == "missed")
    print(f"ALL\t{caught}\t{missed}\tgood sentences flagged: {false_alarms}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
