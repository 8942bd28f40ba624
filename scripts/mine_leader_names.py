"""List the people official news names after a leader's title whom no leader_name lexicon
protects yet: candidates for leader_name entries (issue #9).

    python scripts/mine_leader_names.py FILE [FILE ...] [--min-count 3] [--all]

Each FILE is a text file (``.gz`` read as gzip); ``<doc id="xwlb-YYYYMMDD">`` lines date the
text after them, so first and last dates are given where the corpus has such lines. The script
reads nothing else unless told.

A title is a Chinese office (国务院副总理, 部长, 省委书记, 全国政协副主席 …) or a foreign one
(总统, 首相, 国王, 外长 …; counted only where a country's name ends right before it). The name
after it is grown from its first two characters one character at a time while one next
character follows that prefix in at least 70% of the prefix's occurrences after titles (so a
verb or particle that follows a name only sometimes ends it): at most 4 characters for a Chinese
title, 10 (with ·) for a foreign one. A name that no loaded leader_name entry holds as a correct
or wrong form (nor as an office holder) is printed with its count, the titles seen before it and
the first and last dates, most frequent first; ``--all`` prints the covered ones too, marked.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import re
from pathlib import Path

from corpus_text import dated_docs, entry_strings, read_text

from wording_guard.lexicon import shipped_lexicon_dir

_CN_TITLES = (
    "国务院总理",
    "国务院副总理",
    "国务委员",
    "全国人大常委会委员长",
    "全国人大常委会副委员长",
    "全国政协主席",
    "全国政协副主席",
    "国家副主席",
    "中央军委副主席",
    "中央书记处书记",
    "最高人民法院院长",
    "最高人民检察院检察长",
    "中央纪委书记",
    "国家监委主任",
    "部长",
    "主任",
    "局长",
    "署长",
    "行长",
    "审计长",
    "省委书记",
    "区党委书记",
    "市委书记",
    "省长",
    "市长",
    "自治区主席",
    "政府主席",
    "院长",
    "检察长",
    "社长",
)
_FOREIGN_TITLES = (
    "总统",
    "副总统",
    "总理",
    "副总理",
    "首相",
    "国王",
    "女王",
    "王储",
    "外长",
    "外交部长",
    "外交大臣",
    "国防部长",
    "议长",
    "秘书长",
    "总干事",
    "总裁",
    "主席",
    "苏丹",
    "埃米尔",
)
# international bodies whose heads news names like a country's
_BODIES = (
    "联合国",
    "世界卫生组织",
    "世卫组织",
    "世界贸易组织",
    "世贸组织",
    "国际货币基金组织",
    "世界银行",
    "国际奥委会",
    "欧盟委员会",
    "欧洲理事会",
    "欧洲议会",
    "欧盟",
    "东盟",
    "非盟委员会",
    "上海合作组织",
    "上合组织",
    "北约",
    "阿盟",
    "新开发银行",
    "亚投行",
)
# a character that ends a name at once: verbs, particles and punctuation after names
_STOP = set("在于对与和同及等并说表就向将为会出主发致今日昨已也又还、，。：；！？“”《》（）\n ")
_HAN = "\u4e00-\u9fff"


@dataclasses.dataclass
class Seen:
    """How often a name was seen after titles, which titles, first and last dates."""

    count: int = 0
    titles: collections.Counter[str] = dataclasses.field(default_factory=collections.Counter)
    first: str = ""
    last: str = ""


def title_pattern(titles: tuple[str, ...], foreign: bool) -> re.Pattern[str]:
    alts = "|".join(sorted(titles, key=len, reverse=True))
    tail = f"[{_HAN}·]{{2,10}}" if foreign else f"[{_HAN}]{{2,4}}"
    head = f"([{_HAN}]{{2,6}}?)" if foreign else "()"
    return re.compile(f"{head}({alts})({tail})")


def grow(tails: list[str], limit: int) -> dict[str, str]:
    """Map each tail to the name it starts with (see the module's doc)."""
    count: collections.Counter[str] = collections.Counter()
    for tail in tails:
        for n in range(2, len(tail) + 1):
            count[tail[:n]] += 1
    names: dict[str, str] = {}
    for tail in tails:
        name = tail[:2]
        while len(name) < min(limit, len(tail)):
            nxt = tail[: len(name) + 1]
            if nxt[-1] in _STOP or count[nxt] < 0.7 * count[name] or count[name] < 2:
                break
            name = nxt
        names[tail] = name
    return names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="+", type=Path, help="text files to mine")
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--all", action="store_true", help="print covered names too")
    args = parser.parse_args()
    countries = set()
    country_file = shipped_lexicon_dir() / "_data" / "country_names.txt"
    if country_file.exists():
        lines = country_file.read_text("utf-8").splitlines()
        countries = {line.strip() for line in lines if line.strip() and not line.startswith("#")}
    countries |= set(_BODIES)
    seen: list[tuple[bool, str, str, str]] = []  # foreign, title, tail, date
    for path in args.corpus:
        for date, chunk in dated_docs(read_text(path)):
            for foreign, titles in ((False, _CN_TITLES), (True, _FOREIGN_TITLES)):
                for m in title_pattern(titles, foreign).finditer(chunk):
                    head, title, tail = m.groups()
                    if tail[0] in _STOP or tail[1] in _STOP:
                        continue
                    if not foreign and chunk[m.start(2) - 1 : m.start(2)] == "副":
                        continue  # a deputy's title (副部长) is not the office
                    if foreign:
                        if not head or (countries and not any(head.endswith(c) for c in countries)):
                            continue
                        title = f"{head}{title}"
                    seen.append((foreign, title, tail, date))
    names: dict[tuple[bool, str], str] = {}
    for foreign in (False, True):
        tails = [t for f, _, t, _ in seen if f is foreign]
        for tail, name in grow(tails, 10 if foreign else 4).items():
            names[(foreign, tail)] = name
    stats: dict[str, Seen] = {}
    for foreign, title, tail, date in seen:
        name = names[(foreign, tail)].rstrip("·")
        row = stats.setdefault(name, Seen())
        row.count += 1
        row.titles[title] += 1
        if date:
            row.first = min(row.first or date, date)
            row.last = max(row.last, date)
    covered = set(entry_strings(("correct", "wrong", "holder", "name"), "leader_name"))
    printed = 0
    for name, row in sorted(stats.items(), key=lambda kv: -kv[1].count):
        if row.count < args.min_count:
            break
        known = name in covered
        if known and not args.all:
            continue
        printed += 1
        top = ",".join(f"{t}:{c}" for t, c in row.titles.most_common(3))
        mark = "covered\t" if known else ""
        print(f"{mark}{name}\t{row.count}\t{row.first}\t{row.last}\t{top}")
    print(f"# {len(stats)} names seen, {printed} printed", flush=True)


if __name__ == "__main__":
    main()
