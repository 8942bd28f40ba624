"""Slip audit of the country and international-organisation names: for every item of a list,
write one-character slips of it with the project's confusion tables (the tight set: same
pinyin and tone, or a shape a stroke or two apart; for organisation names also the last
character doubled, 上海合作组织织), put each in a neutral sentence, scan it, and count the
slips some finding covers. The correct name in the same sentence must yield nothing.

    python scripts/audit_country_slips.py [LIST ...] [--per-place N] [--disable RULE,...]
        [--misses FILE]

Lists (all by default):

* ``short``: sovereign states' short names (the table of country_region.country_names_full),
  alone in a sentence;
* ``short_list``: the same names as an item of a list of countries;
* ``full``: their full names;
* ``capital``: the capitals of country_region.capitals and country_region.capital_names;
* ``org``: the names of country_region.international_organizations;
* ``wrong_capital``: a country with 首都 and another country's capital after it
  (country_region.capital_of_another's table).

``--disable`` measures the catch rate without some rules (the rate before they existed).
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterable
from pathlib import Path

import yaml

import wording_guard
from wording_guard.lexicon import shipped_lexicon_dir
from wording_guard.nearmiss import Tables

SENTENCES = {
    "short": "我市代表团近日访问了{}，双方签署了经贸合作备忘录。",
    "short_list": "我市产品已出口到日本、{}、新加坡等国家。",
    "full": "我市代表团近日访问了{}，双方签署了经贸合作备忘录。",
    "capital": "代表团抵达{}，出席了双边经贸合作论坛。",
    "org": "我国积极参与{}框架下的各项合作。",
}
DOUBLED_TAILS = ("组织", "联盟", "论坛")


def _rule(name: str) -> dict[str, object]:
    path = shipped_lexicon_dir() / "country_region" / f"{name}.yaml"
    data: dict[str, object] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def _rows(rule: dict[str, object], table: str) -> list[dict[str, str]]:
    values = rule["values"]
    assert isinstance(values, dict)
    rows: list[dict[str, str]] = values[table]
    return rows


def _corrects(rule: dict[str, object]) -> list[str]:
    found: list[str] = []
    entries = rule["entries"]
    assert isinstance(entries, list)
    for entry in entries:
        correct = entry["correct"]
        found.extend(correct if isinstance(correct, list) else [correct])
    return found


def name_lists() -> dict[str, list[str]]:
    countries = _rows(_rule("country_names_full"), "country")
    short = sorted({row["s"] for row in countries})
    full = sorted({row["f"] for row in countries if row["f"] != row["s"]})
    capitals = {row["cap"] for row in _rows(_rule("capitals"), "fixed")}
    capitals |= set(_corrects(_rule("capital_names")))
    return {
        "short": short,
        "short_list": short,
        "full": full,
        "capital": sorted(capitals),
        "org": _corrects(_rule("international_organizations")),
    }


def slips(name: str, tables: Tables, per_place: int, rnd: random.Random, org: bool) -> list[str]:
    out = []
    for i, ch in enumerate(name):
        others = [c for c in tables.tight.get(ch, "") if c != ch]
        rnd.shuffle(others)
        out.extend(name[:i] + c + name[i + 1 :] for c in others[:per_place])
    if org and name.endswith(DOUBLED_TAILS):
        out.append(name + name[-1])
    return [s for s in dict.fromkeys(out) if s != name]


def covered(sentence: str, start: int, end: int, disable: Iterable[str]) -> bool:
    return any(
        f.start < end and f.end > start for f in wording_guard.scan(sentence, disable=disable)
    )


def audit_wrong_capitals(disable: list[str], rnd: random.Random) -> tuple[int, int, list[str]]:
    rows = _rows(_rule("capital_of_another"), "country")
    capitals = sorted({row["cap"] for row in rows})
    hit = total = 0
    missed = []
    for row in rows:
        for other in rnd.sample([c for c in capitals if c != row["cap"]], 5):
            sentence = f"代表团抵达{row['s']}首都{other}，出席双边合作论坛。"
            start = sentence.index(other, len(row["s"]) + 5)
            total += 1
            if covered(sentence, start, start + len(other), disable):
                hit += 1
            else:
                missed.append(f"{row['s']}首都{other}")
    return hit, total, missed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("lists", nargs="*")
    parser.add_argument("--per-place", type=int, default=2)
    parser.add_argument("--disable", default="")
    parser.add_argument("--misses", type=Path)
    args = parser.parse_args()
    disable = [r for r in args.disable.split(",") if r]
    tables = Tables.load(shipped_lexicon_dir() / "_data")
    lists = name_lists()
    which = args.lists or [*lists, "wrong_capital"]
    misses: dict[str, list[str]] = {}
    for name in which:
        rnd = random.Random(7)
        if name == "wrong_capital":
            hit, total, missed = audit_wrong_capitals(disable, rnd)
            print(f"wrong_capital: slips={total} caught={hit} rate={hit / total:.3f}")
            misses[name] = missed
            continue
        template = SENTENCES[name]
        start = template.index("{}")
        hit = total = 0
        loud: list[str] = []
        missed = []
        for item in lists[name]:
            if covered(template.format(item), start, start + len(item), disable):
                loud.append(item)
            for slip in slips(item, tables, args.per_place, rnd, name == "org"):
                total += 1
                if covered(template.format(slip), start, start + len(slip), disable):
                    hit += 1
                else:
                    missed.append(f"{item}->{slip}")
        misses[name] = missed
        print(
            f"{name}: items={len(lists[name])} slips={total} caught={hit} "
            f"rate={hit / max(total, 1):.3f} correct-flagged={loud}"
        )
    if args.misses:
        args.misses.write_text(json.dumps(misses, ensure_ascii=False, indent=0), encoding="utf-8")


if __name__ == "__main__":
    main()
