"""Kind ``cycle_year``: a 干支 or 生肖 year name that does not fit the Gregorian year written
beside it (2019年乙亥年: 2019 is 己亥; 2025龙年: 2025 is a 蛇年), or, for a 春节 or 新春 named
by its year name without a Gregorian year in the sentence, the document's date.

The entry gives the ten stems, the twelve branches, the twelve animals (in the branches'
order) and one year whose name is the first stem with the first branch (1984, 甲子); the
name of any year follows by counting from it. A name is judged only in a year's shape: a 干支
followed by 年, 春节 or 新春 (甲午战争, 辛亥革命, 戊戌变法 name events, not the page's year),
with its animal or not (丙午马年), or an animal followed by 年 (马年, not 猴年马月). The
Gregorian year must stand just before the name, with 年 and a few characters between
(2019年春节·己亥年) or none (2024龙年), or in brackets just after it (己亥年（2019年）).
The lunar year begins at 春节, so a 腊月 or 除夕 just after the name may be of the year
before (2019年2月4日是戊戌年除夕: a month in between leaves the name unjudged anyway). A
document's date counts only for 春节 or 新春 with no year in the sentence: the festival
of its year, or, from October, of the next.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, field_validator

from ..context import sentence_bounds
from ..lexicon.schema import EntryBase, RuleBase
from .base import AnchorSearch, Candidate, KindDoc, RuleKind, ScanEnv, ScanInput, entries_of

if TYPE_CHECKING:
    from ..compiler import Builder
    from ..lexicon.loader import LoadedRule

# a Gregorian year just before the name: 2019年 with up to six characters between (no
# sentence break, comma or digit), or the digits right against it (2024龙年); not a span's
# bound (2012年以来, 到2020年) nor a number of things (1300名)
_BEFORE = re.compile(r"(?<![0-9到至比])((?:19|20)[0-9]{2})(?:年([^0-9。！？；;!?，,\n]{0,6}))?$")
_SPAN_WORDS = ("以来", "至今", "以前", "之前", "以后", "之后", "到", "至", "起")
# a Gregorian year in brackets just after the name: 己亥年（2019年）
_AFTER = re.compile(r"[（(]((?:19|20)[0-9]{2})\s*年?[）)]")
_ANY_YEAR = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])")
_FESTIVAL = ("春节", "新春")
# the months of the lunar year's end, which fall in the next Gregorian year
_YEAR_END = ("腊月", "除夕", "小年", "冬月")


class CycleEntry(EntryBase):
    stems: str = Field(min_length=10, max_length=10)
    """The ten 天干 in order (甲乙丙丁戊己庚辛壬癸)."""
    branches: str = Field(min_length=12, max_length=12)
    """The twelve 地支 in order (子丑寅卯辰巳午未申酉戌亥)."""
    animals: str = Field(min_length=12, max_length=12)
    """The twelve 生肖 in the branches' order (鼠牛虎兔龙蛇马羊猴鸡狗猪)."""
    epoch: int
    """A Gregorian year named by the first stem and the first branch (1984, 甲子)."""

    @field_validator("stems", "branches", "animals")
    @classmethod
    def _distinct(cls, value: str) -> str:
        if len(set(value)) != len(value):
            raise ValueError("a character is listed twice")
        return value


class CycleRule(RuleBase):
    kind: Literal["cycle_year"]
    entries: list[CycleEntry] = Field(min_length=1, max_length=1)


@dataclass(frozen=True)
class _Cycle:
    entry: int
    stems: str
    branches: str
    animals: str
    epoch: int

    def stem(self, year: int) -> str:
        return self.stems[(year - self.epoch) % 10]

    def branch(self, year: int) -> int:
        return (year - self.epoch) % 12


class CycleYear(RuleKind):
    name = "cycle_year"
    rule_model = CycleRule
    doc = KindDoc(
        what="A 干支 or 生肖 year name that does not fit the Gregorian year written just "
        "before it (2019年乙亥年, 2025龙年) or in brackets after it (乙亥年（2019年）), or, "
        "for 春节/新春 named by the year name alone, the document's date; suggesting the "
        "name of that year in the same shape (己亥年, 蛇年). Only a year's shape is judged "
        "(…年, …春节, …新春): 甲午战争 and 辛亥革命 name events.",
        why="Greetings and notices are copied from last year's or written from memory; a "
        "wrong year name on a 春节 greeting is a plain error any reader sees, and it is "
        "computed, not listed: the names repeat every 60 (干支) and 12 (生肖) years.",
        example="- stems: 甲乙丙丁戊己庚辛壬癸\n  branches: 子丑寅卯辰巳午未申酉戌亥\n"
        "  animals: 鼠牛虎兔龙蛇马羊猴鸡狗猪\n  epoch: 1984\n"
        "# → flags 乙亥年 in 值此2019年乙亥年春节来临之际, suggesting 己亥年",
    )

    def computed_suggestion(self, entry: EntryBase) -> bool:
        return True

    def compile(self, loaded: LoadedRule, builder: Builder) -> None:
        rule_index = builder.add_rule(loaded)
        cycles: list[_Cycle] = builder.kind_data.setdefault(self.name, [])
        for _, entry, line in entries_of(loaded):
            assert isinstance(entry, CycleEntry)
            index = builder.add_entry(rule_index, entry, line)
            cycles.append(_Cycle(index, entry.stems, entry.branches, entry.animals, entry.epoch))

    def finder(self, data: Any, env: ScanEnv) -> CycleYearFinder | None:
        return CycleYearFinder(data[0]) if data else None


class CycleYearFinder:
    """Reads the year beside each 干支 pair and each 生肖年 the shared automaton found."""

    def __init__(self, cycle: _Cycle) -> None:
        self._cycle = cycle
        pairs = [s + b for s in cycle.stems for b in cycle.branches]
        # the sixty pairs (a stem with a branch of the same parity) and the animals' years
        names = [p for p in pairs if cycle.stems.index(p[0]) % 2 == cycle.branches.index(p[1]) % 2]
        self._strings = names + [a + "年" for a in cycle.animals]
        self._search = AnchorSearch(self._strings, longest=False, folded=True)
        self.anchors = self._search.anchors

    def find(self, scan: ScanInput) -> Iterator[Candidate]:
        folded = scan.folded
        cycle = self._cycle
        for _, start, _end in self._search.find(scan, ordered=False):
            name = _name_at(folded, start, cycle)
            if name is None:
                continue
            stem, branch, animal, end, festival = name
            year = _written_year(folded, start, end)
            if year is None:
                if not festival or scan.date is None:
                    continue
                lo, hi = sentence_bounds(folded, start, end, 80)
                if _ANY_YEAR.search(folded, lo, hi):
                    continue  # the sentence names a year: it may be the festival's
                years = [scan.date.year]
                if scan.date.month >= 10:
                    years.append(scan.date.year + 1)
            else:
                years = [year]
                if folded.startswith(_YEAR_END, end) or folded.startswith(_YEAR_END, end + 1):
                    years.append(year - 1)
            if any(_fits(cycle, y, stem, branch) for y in years):
                continue
            right = years[0]
            fixed = cycle.stem(right) + cycle.branches[cycle.branch(right)] if stem else ""
            if animal:
                fixed += cycle.animals[cycle.branch(right)]
            if folded[end - 1] == "年":
                fixed += "年"
            yield Candidate(start, end, cycle.entry, fixed, self_dated=True)


def _name_at(folded: str, start: int, cycle: _Cycle) -> tuple[str, int, bool, int, bool] | None:
    """The year name starting at ``start``: its stem ("" when only an animal is written), its
    branch's index (-1 when the animal disagrees with the branch: 丙午龙年 is wrong whatever
    the year), whether an animal is written, its end (through 年 if written) and whether 春节
    or 新春 follows; None when it is not in a year's shape."""
    first = folded[start]
    animal = False
    if first in cycle.stems:
        stem, branch = first, cycle.branches.index(folded[start + 1])
        end = start + 2
        if folded[end : end + 1] and folded[end] in cycle.animals:
            animal = True
            if cycle.animals.index(folded[end]) != branch:
                branch = -1
            end += 1
    else:
        if start >= 2 and folded[start - 2] in cycle.stems and folded[start - 1] in cycle.branches:
            return None  # 丙午马年: read from its 干支
        if folded.startswith("猴年马月", max(0, start - 2)) or folded.startswith("猴年马月", start):
            return None
        stem, branch, animal = "", cycle.animals.index(first), True
        end = start + 1
    written_year = folded.startswith("年", end)
    if written_year:
        end += 1
    festival = folded.startswith(_FESTIVAL, end)
    if not (written_year or festival):
        return None
    return stem, branch, animal, end, festival


def _written_year(folded: str, start: int, end: int) -> int | None:
    """The Gregorian year written just before the name or in brackets just after it."""
    m = _BEFORE.search(folded, max(0, start - 14), start)
    if m is not None and m.end() == start:
        gap = m.group(2) or ""
        if not any(w in gap for w in _SPAN_WORDS):
            return int(m.group(1))
    m = _AFTER.match(folded, end)
    if m is not None:
        return int(m.group(1))
    return None


def _fits(cycle: _Cycle, year: int, stem: str, branch: int) -> bool:
    return (not stem or cycle.stem(year) == stem) and cycle.branch(year) == branch


KIND = CycleYear()
