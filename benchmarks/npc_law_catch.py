"""How many wrong NPC sessions named beside the laws they made the scanner catches (issue #9).

    python benchmarks/npc_law_catch.py [--lexicons DIR] [--show N]

For every law of the meeting kind's fact tables (``lexicons/_data/npc_laws.tsv`` and
``facts.npc_standing_laws`` of ``meeting_name/structure.yaml``), sentences are generated in
the forms pages use: the session then the law (…常委会第五次会议表决通过了电子商务法), the
law in 《》 then the session (《中华人民共和国电子商务法》已由…会议于2018年8月31日通过, with
the day where the table has it, else without), and a law's heading (…法（2018年8月31日…会议
通过）). Each is written with the session that made the law (must stay silent) and with a
wrong one: the session number one or two off, the same number in the term before or after,
or a Standing Committee session for a law the NPC itself made. A wrong one counts as caught
when a finding of rule ``meeting_name.structure`` covers the session's name, and as fixed
when it suggests the right session. Prints the rates by form and by kind of error, and the
true sentences that drew a finding (false alarms).

``--lexicons``: where the tables are read (default: this checkout's).
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

import wording_guard
from wording_guard.numerals import chinese

RULE = "meeting_name.structure"
HERE = Path(__file__).resolve().parent.parent / "lexicons"


@dataclass(frozen=True)
class Law:
    name: str
    body: str  # "s" the Standing Committee, "p" the NPC
    term: int
    session: int
    day: dt.date | None  # the session's last day, if the table has it


def _last_day(days: object) -> dt.date | None:
    text = str(days)
    if text == "-":
        return None
    first, _, rest = text.partition("/")
    start = dt.date.fromisoformat(first)
    if not rest:
        return start
    parts = rest.split("-")
    month = int(parts[0]) if len(parts) == 2 else start.month
    return dt.date(start.year, month, int(parts[-1]))


def load(lexicons: Path) -> tuple[list[Law], dict[int, int]]:
    """The laws of the tables, and each term's number of Standing Committee sessions."""
    facts = yaml.safe_load((lexicons / "meeting_name/structure.yaml").read_text("utf-8"))["facts"]
    days14 = {
        (term, n): _last_day(d)
        for term, listed in facts["npc_standing"].items()
        for n, d in enumerate(listed, 1)
    }
    totals = {int(t): n for t, n in facts.get("npc_standing_total", {}).items()}
    for term, listed in facts["npc_standing"].items():
        totals.setdefault(int(term), len(listed))
    laws: list[Law] = []
    for said in facts.get("npc_standing_laws", []):
        term, n = said["session"]
        for name in said["phrases"]:
            laws.append(Law(name, "s", term, n, days14.get((term, n))))
    table = (lexicons / facts["npc_laws"].removeprefix("../")).read_text("utf-8")
    for line in table.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        body, term, n, days, names, _ = line.split("\t")
        key = (int(term), int(n))
        day = _last_day(days) if days != "-" else None
        if body == "常委会" and day is None:
            day = days14.get(key)
        for name in names.split("、"):
            if name != "-":
                laws.append(Law(name, "s" if body == "常委会" else "p", *key, day))
    return laws, totals


def _ymd(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def sentences(law: Law, term: int, session: int) -> list[tuple[str, str, str]]:
    """(form, sentence, the session's name in it) naming the Standing Committee's session
    ``term``/``session`` as making ``law``."""
    short = f"{chinese(term)}届全国人大常委会第{chinese(session)}次会议"
    full = f"第{chinese(term)}届全国人民代表大会常务委员会第{chinese(session)}次会议"
    out = [
        ("after", f"{short}表决通过了{law.name}，自公布之日起施行。", short),
        ("after-title", f"经{full}审议通过的《中华人民共和国{law.name}》正式施行。", full),
        ("before", f"《中华人民共和国{law.name}》由{short}审议通过。", short),
    ]
    if law.day is not None:
        when = _ymd(law.day)
        out.append(
            (
                "before+day",
                f"《中华人民共和国{law.name}》已由中华人民共和国{full}于{when}通过，现予公布。",
                full,
            )
        )
        out.append(
            ("heading", f"中华人民共和国{law.name}\n（{when}{full}通过）\n第一章 总则", full)
        )
    return out


def right_name(law: Law, name: str) -> str:
    long = "常务委员会" in name
    if law.body == "p":
        if long:
            return f"第{chinese(law.term)}届全国人民代表大会第{chinese(law.session)}次会议"
        return f"{chinese(law.term)}届全国人大{chinese(law.session)}次会议"
    if long:
        return f"第{chinese(law.term)}届全国人民代表大会常务委员会第{chinese(law.session)}次会议"
    return f"{chinese(law.term)}届全国人大常委会第{chinese(law.session)}次会议"


def wrong_sessions(law: Law, totals: dict[int, int]) -> list[tuple[str, int, int]]:
    """(kind of error, term, session) for the law's wrong sessions."""
    if law.body == "p":
        return [("npc_law", law.term, n) for n in (1, 3, 10) if n <= totals.get(law.term, 0)]
    out = []
    for delta in (-2, -1, 1, 2):
        n = law.session + delta
        if 1 <= n <= totals.get(law.term, 0):
            out.append((f"number{delta:+d}", law.term, n))
    for term in (law.term - 1, law.term + 1):
        if law.session <= totals.get(term, 0):
            out.append(("term", term, law.session))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lexicons", type=Path, default=HERE)
    parser.add_argument("--show", type=int, default=5, help="misses and false alarms to print")
    args = parser.parse_args()
    laws, totals = load(args.lexicons)

    def findings(text: str) -> list[wording_guard.Finding]:
        return [f for f in wording_guard.scan(text) if f.rule_id == RULE]

    true_n = collections.Counter[str]()
    alarms: list[str] = []
    caught = collections.Counter[tuple[str, str]]()
    fixed = collections.Counter[tuple[str, str]]()
    total = collections.Counter[tuple[str, str]]()
    misses: list[str] = []
    for law in laws:
        if law.body == "s":
            for form, text, _ in sentences(law, law.term, law.session):
                true_n[form] += 1
                if findings(text):
                    alarms.append(text)
        for kind, term, session in wrong_sessions(law, totals):
            for form, text, name in sentences(law, term, session):
                key = (form, kind.rstrip("+-0123456789") if kind.startswith("number") else kind)
                total[key] += 1
                hits = [f for f in findings(text) if f.text == name]
                if hits:
                    caught[key] += 1
                    if any(right_name(law, name) in f.suggestions for f in hits):
                        fixed[key] += 1
                else:
                    misses.append(text)
    print(f"laws: {len(laws)} ({sum(law.body == 'p' for law in laws)} made by the NPC)")
    print(f"true sentences: {sum(true_n.values())}, false alarms: {len(alarms)}")
    for text in alarms[: args.show]:
        print("  alarm:", text.replace("\n", " "))
    print(f"{'form':<12}{'error':<10}{'wrong':>7}{'caught':>8}{'fixed':>8}")
    for key in sorted(total):
        n = total[key]
        print(f"{key[0]:<12}{key[1]:<10}{n:>7}{caught[key] / n:>8.1%}{fixed[key] / n:>8.1%}")
    all_n = sum(total.values())
    print(
        f"{'all':<22}{all_n:>7}{sum(caught.values()) / all_n:>8.1%}"
        f"{sum(fixed.values()) / all_n:>8.1%}"
    )
    for text in misses[: args.show]:
        print("  miss:", text.replace("\n", " "))


if __name__ == "__main__":
    main()
