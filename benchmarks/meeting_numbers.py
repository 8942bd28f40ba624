"""How many numbered central meetings named against their facts the scanner catches (issue #9).

    python benchmarks/meeting_numbers.py [--lexicons DIR]

The sentences are generated from the fact table of ``meeting_name/structure.yaml``:

- ``ccdi_work_years``: for each year a CCDI plenum deployed, a sentence that studies a plenum
  and deploys that year's work, dated a month after the right plenum met (February 20th of
  the year), in four wordings (short and long names, 部署 and 安排部署). Every other plenum
  of the 18th to 20th terms named there is an error (caught when a finding covers the name;
  right when it suggests the plenum that deployed the year); the right plenum is clean.
- ``commissions``: for each dated meeting of a commission, its number under the leading
  group's old name in a text dated two days after it (an error: caught when a finding covers
  the group's name and suggests the commission), under the commission's name (clean), and
  under the group's name two months later (clean: not judged).

Prints caught / right / errors and false alarms / clean sentences by part.
``--lexicons``: where the fact table is read (default: this checkout's), so that a scanner
of another version (``PYTHONPATH``) can be measured on the same sentences.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
from pathlib import Path

import yaml

from wording_guard.numerals import chinese
from wording_guard.scanner import default_scanner

STUDY = (
    "县纪委监委传达学习{name}精神，部署{year}年全县纪检监察工作。",
    "局党组会议学习贯彻{name}精神，研究部署{year}年党风廉政建设和反腐败工作。",
    "会议传达学习{name}精神，安排部署{year}年全面从严治党工作。",
)
NEWS = (
    "{day}，{body}第{n}次会议召开，区委有关部门随即组织学习。",
    "市有关部门传达学习{body}第{n}次会议精神，研究贯彻落实举措。",
)


def short(term: int, plenum: int) -> str:
    return f"{chinese(term)}届中央纪委{chinese(plenum)}次全会"


def long(term: int, plenum: int) -> str:
    return f"中国共产党第{chinese(term)}届中央纪律检查委员会第{chinese(plenum)}次全体会议"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    here = Path(__file__).resolve().parent.parent / "lexicons"
    parser.add_argument("--lexicons", type=Path, default=here)
    args = parser.parse_args()
    rule = yaml.safe_load((args.lexicons / "meeting_name/structure.yaml").read_text("utf-8"))
    facts = rule["facts"]
    scanner = default_scanner()
    # part -> [errors, caught, right, clean, false alarms]
    score: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0, 0, 0, 0])

    def judge(part: str, text: str, date: dt.date, span: str | None, want: str | None) -> None:
        found = scanner.scan(text, date=date)
        counts = score[part]
        if span is None:
            counts[3] += 1
            counts[4] += bool(found)
            return
        start = text.index(span)
        hits = [f for f in found if f.start <= start and start + len(span) <= f.end + 1]
        counts[0] += 1
        counts[1] += bool(hits)
        counts[2] += any(want in f.suggestions for f in hits)

    plenums = {int(t): len(listed) for t, listed in facts["ccdi_plenums"].items()}
    work = {
        int(t): {int(n): int(y) for n, y in v.items()} for t, v in facts["ccdi_work_years"].items()
    }
    for term, listed in work.items():
        for plenum, year in listed.items():
            date = dt.date(year, 2, 20)
            for form in (short, long):
                for template in STUDY:
                    right = form(term, plenum)
                    judge(
                        "ccdi_work_year", template.format(name=right, year=year), date, None, None
                    )
                    for other in (t for t in work if t in plenums):
                        for n in range(1, plenums[other] + 1):
                            if (other, n) == (term, plenum):
                                continue
                            name = form(other, n)
                            text = template.format(name=name, year=year)
                            judge("ccdi_work_year", text, date, name, right)
    for body in facts.get("commissions", []):
        for listed in body["meetings"].values():
            for n, day in listed.items():
                when = f"{day.month}月{day.day}日"
                for template in NEWS:
                    number = chinese(int(n))
                    bad = template.format(day=when, body=body["group"], n=number)
                    later = day + dt.timedelta(days=2)
                    judge("commission_meeting", bad, later, body["group"], body["commission"])
                    good = template.format(day=when, body=body["commission"], n=number)
                    judge("commission_meeting", good, later, None, None)
                    judge("commission_meeting", bad, day + dt.timedelta(days=60), None, None)
    print(f"{'part':20} {'errors':>7} {'caught':>7} {'right':>7} {'clean':>7} {'false':>7}")
    for part, counts in score.items():
        print(f"{part:20} " + " ".join(f"{c:7}" for c in counts))


if __name__ == "__main__":
    main()
