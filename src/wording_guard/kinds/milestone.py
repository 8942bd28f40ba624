"""Kind ``milestone``: a national milestone claimed as reached at a time before the day it was
declared (2019年，我国已经全面建成小康社会: declared on 2021-07-01).

Each entry lists the claims of one milestone written as done (已经全面建成小康社会,
全面建成了小康社会), the day it was declared and the subjects that make the claim the
nation's (我国, 全国, 中国): a province or county reached its own 小康 or 脱贫 earlier, and a
claim without such a subject may be its own. A claim is flagged when its sentence names that
subject before it and speaks of an earlier time: the nearest year written before the claim
in the sentence (not a span's start, 2012年以来), else the document's date. A sentence with
no year in a document without a date is not judged.

An entry without ``subjects`` is a formulation named before the day it was first put forward
(四个自信 on a page of 2013: 文化自信 joined the other three on 2016-07-01; “五位一体”总体布局
in a sentence of 2009): any mention at an earlier time is flagged, and ``correct`` gives the
form of that time (三个自信), if there was one. A sentence that also names a year from that day
on speaks of a span of years and is left alone. Inside a longer correct form (做到“两个维护”)
the whole form is reported, as a correct form shields the hits strictly inside it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, field_validator

from ..context import sentence_bounds
from ..lexicon.schema import EntryBase, RuleBase, as_list, distinct_strings
from .base import AnchorSearch, Candidate, KindDoc, RuleKind, ScanEnv, ScanInput, entries_of

if TYPE_CHECKING:
    from ..compiler import Builder
    from ..lexicon.loader import LoadedRule

# a year the sentence speaks of; not the start of a span (2012年以来, 2019年至今) nor a year
# compared with (比2019年, 与2019年相比, 从2012年的…增长到…), nor a deadline (到2020年); a
# month and day may stand between the year and the word that opens the span (2012年12月至)
_YEAR = re.compile(
    r"(?<![0-9比较与同到至从由])((?:19|20)[0-9]{2})\s*年"
    r"(?!(?:[0-9]{1,2}月(?:[0-9]{1,2}日)?)?(?:以来|来|至|到|起|开始|初以来|底前|前|相比|同期|—|-|－|~|～))"
)
# any year a sentence names (a formulation's sentence that names one of its own time spans
# the years: 消费的贡献率从2012年的51.8%提升到2021年的65.4%，国内国际双循环相互促进)
_ANY_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})\s*年")


class MilestoneEntry(EntryBase):
    claims: list[str] = Field(min_length=1)
    """The milestone written as reached (已经全面建成小康社会)."""
    reached: dt.date
    """The day it was declared reached."""
    subjects: list[str] = Field(default_factory=list)
    """Who must claim it in the sentence, before the claim, for the claim to be the nation's;
    none: a formulation, flagged at any mention before the day it was put forward."""
    correct: list[str] = Field(default_factory=list)
    """What to write of that earlier time (决胜全面建成小康社会); none: rephrase."""

    _lists = field_validator("claims", "subjects", "correct", mode="before")(as_list)
    _distinct = field_validator("claims", "subjects", "correct")(distinct_strings)

    def suggestion_list(self) -> list[str]:
        return self.correct


class MilestoneRule(RuleBase):
    kind: Literal["milestone"]
    entries: list[MilestoneEntry] = Field(min_length=1)


@dataclass(frozen=True)
class _Milestone:
    entry: int
    reached: dt.date
    subjects: tuple[str, ...]


class Milestone(RuleKind):
    name = "milestone"
    rule_model = MilestoneRule
    doc = KindDoc(
        what="A national milestone claimed as reached (已经全面建成小康社会, "
        "脱贫攻坚战取得了全面胜利) by the nation (我国, 全国) in a sentence about an earlier "
        "time than the day it was declared: the nearest year written before the claim, else "
        "the document's date.",
        why="小康 and the victory over poverty were declared on given days; a page that dates "
        "them earlier misstates a political fact, and a template's 已经 is easily kept when "
        "a year is changed. Without subjects: a formulation named before the day it was put "
        "forward (四个自信 on a page of 2013).",
        example="- claims: [已经全面建成小康社会]\n  reached: 2021-07-01\n  subjects: [我国]\n"
        "# → flags 已经全面建成小康社会 in 2019年，我国已经全面建成小康社会",
    )

    def compile(self, loaded: LoadedRule, builder: Builder) -> None:
        rule_index = builder.add_rule(loaded)
        fold = builder.normalizer.fold
        claims: dict[str, _Milestone] = builder.kind_data.setdefault(self.name, {})
        for _, entry, line in entries_of(loaded):
            assert isinstance(entry, MilestoneEntry)
            index = builder.add_entry(rule_index, entry, line)
            made = _Milestone(index, entry.reached, tuple(map(fold, entry.subjects)))
            for claim in entry.claims:
                claims[fold(claim)] = made

    def finder(self, data: Any, env: ScanEnv) -> MilestoneFinder | None:
        return MilestoneFinder(data) if data else None


class MilestoneFinder:
    def __init__(self, claims: dict[str, _Milestone]) -> None:
        self._claims = claims
        self._strings = list(claims)
        self._search = AnchorSearch(self._strings, longest=True, folded=True)
        self.anchors = self._search.anchors

    def find(self, scan: ScanInput) -> Iterator[Candidate]:
        folded = scan.folded
        for i, start, end in self._search.find(scan, ordered=False):
            made = self._claims[self._strings[i]]
            lo, hi = sentence_bounds(folded, start, end, 80)
            before = folded[lo:start]
            if made.subjects and not any(s in before for s in made.subjects):
                continue
            if not made.subjects and any(
                int(m.group(1)) >= made.reached.year for m in _ANY_YEAR.finditer(folded, lo, hi)
            ):
                continue  # a sentence that names a year of its time too spans the years
            years = [int(m.group(1)) for m in _YEAR.finditer(folded, lo, start)]
            if years:
                earlier = years[-1] < made.reached.year
            else:
                earlier = scan.date is not None and scan.date < made.reached
            if not earlier:
                continue
            if not made.subjects:
                # a formulation inside a longer correct form (做到“两个维护”) is reported as
                # that form: the form is right as text, only not yet at that time, and a span
                # strictly inside a correct form would be shielded by it
                for s, e in scan.protected:
                    if s <= start and end <= e and (s, e) != (start, end):
                        start, end = min(start, s), max(end, e)
            yield Candidate(start, end, made.entry, self_dated=True)


KIND = Milestone()
