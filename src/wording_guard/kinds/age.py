"""Kind ``age``: an age idiom that the person's stated birth year or age rules out
(年逾古稀的王某（1962年出生） in 2024: 62 is 花甲, not 古稀).

Each entry lists idioms of one age range (古稀之年, 年逾古稀: 70-79). An idiom is judged only
with evidence about the same person right beside it in its sentence: a birth year written as
an aside (（1962年出生）, ，1962年生，, 生于1962年) or a stated age (现年62岁, （62岁）). A birth
year needs a year to count from: the other years the sentence names and the document's date;
the idiom stands when any of them gives an age in its range (the exact birthday is unknown,
so each year gives two ages). Without a year to count from, or without such evidence, nothing
is flagged; the suggestion is an idiom of the same shape (年逾…, …之年) whose range holds the
age.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, field_validator, model_validator

from ..context import sentence_bounds
from ..lexicon.schema import EntryBase, RuleBase, as_list, distinct_strings, once_across
from .base import AnchorSearch, Candidate, KindDoc, RuleKind, ScanEnv, ScanInput, entries_of

if TYPE_CHECKING:
    from ..compiler import Builder
    from ..lexicon.loader import LoadedRule

# evidence must lie this close to the idiom (either side), in its sentence: an aside about
# the person the idiom describes, not about someone else later in a long sentence
_REACH = 24
_ASIDE_START = r"(?:(?<=[（(，,、：:])|^)"
_ASIDE_END = r"(?=[）)，,。；;、]|$)"
# a birth year as an aside: （1962年出生）, （女，1962年3月生）, ，1962年生，; or 生于1962年
_BORN = re.compile(
    _ASIDE_START
    + r"(?:[男女][，,])?(?P<y>(?:19|20)[0-9]{2})\s*年(?:[0-9]{1,2}\s*月)?(?:[0-9]{1,2}\s*日)?"
    r"(?:出生|生人|生)" + _ASIDE_END + r"|(?:出生于|生于)(?P<y2>(?:19|20)[0-9]{2})\s*年"
)
# a stated age: 现年62岁, （62岁）
_AGED = re.compile(r"现年(?P<a>[0-9]{1,3})周?岁|[（(](?P<b>[0-9]{1,3})周?岁[）)]")
_YEAR = re.compile(r"((?:19|20)[0-9]{2})\s*年")


class AgeEntry(EntryBase):
    phrases: list[str] = Field(min_length=1)
    """Idioms that say a person's age lies in ``ages`` (年逾古稀, 古稀之年)."""
    ages: list[int] = Field(min_length=2, max_length=2)
    """The range of ages, both ends included: ``[70, 79]``."""

    _lists = field_validator("phrases", mode="before")(as_list)
    _distinct = field_validator("phrases")(distinct_strings)

    @field_validator("ages")
    @classmethod
    def _ordered(cls, value: list[int]) -> list[int]:
        if not 0 < value[0] <= value[1] <= 150:
            raise ValueError("ages: [youngest, oldest], 0 < youngest <= oldest <= 150")
        return value


class AgeRule(RuleBase):
    kind: Literal["age"]
    entries: list[AgeEntry] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_range_per_phrase(self) -> AgeRule:
        once_across((e.phrases for e in self.entries), "phrase {} is listed twice")
        return self


@dataclass(frozen=True)
class _Idiom:
    entry: int
    youngest: int
    oldest: int


class Age(RuleKind):
    name = "age"
    rule_model = AgeRule
    doc = KindDoc(
        what="An age idiom that the person's birth year or age, written right beside it, "
        "rules out (年逾古稀的王某（1962年出生） in a text of 2024; 年近花甲的李某（现年45岁）), "
        "counting from the years the sentence names and the document's date (the idiom "
        "stands when any of them gives an age in its range; with no year, a birth year is not "
        "judged), "
        "suggesting an idiom of the same shape for the age (年逾花甲).",
        why="古稀, 花甲 and 耄耋 name ages by number; an editor who guesses from a photo or "
        "copies a template writes one the facts in the same sentence contradict.",
        example="- phrases: [年逾古稀, 古稀之年]\n  ages: [70, 79]\n"
        "# → flags 年逾古稀 in 年逾古稀的王某（1962年出生） dated 2024",
    )

    def computed_suggestion(self, entry: EntryBase) -> bool:
        return True

    def compile(self, loaded: LoadedRule, builder: Builder) -> None:
        rule_index = builder.add_rule(loaded)
        fold = builder.normalizer.fold
        idioms: dict[str, _Idiom] = builder.kind_data.setdefault(self.name, {})
        for _, entry, line in entries_of(loaded):
            assert isinstance(entry, AgeEntry)
            index = builder.add_entry(rule_index, entry, line)
            for phrase in entry.phrases:
                idioms[fold(phrase)] = _Idiom(index, entry.ages[0], entry.ages[1])

    def finder(self, data: Any, env: ScanEnv) -> AgeFinder | None:
        return AgeFinder(data) if data else None


def _evidence(folded: str, start: int, end: int) -> tuple[int | None, int | None, list[int]]:
    """The birth year and the stated age nearest the idiom within reach in its sentence
    (None when not written), and the other years the sentence names."""
    lo, hi = sentence_bounds(folded, start, end, 80)
    near_lo, near_hi = max(lo, start - _REACH), min(hi, end + _REACH)
    born: int | None = None
    born_at: tuple[int, int] | None = None
    for m in _BORN.finditer(folded, lo, hi):
        if m.end() < near_lo or m.start() > near_hi:
            continue
        if born_at is None or _gap(m.span(), start, end) < _gap(born_at, start, end):
            born, born_at = int(m["y"] or m["y2"]), m.span()
    aged: int | None = None
    for m in _AGED.finditer(folded, near_lo, near_hi):
        aged = int(m["a"] or m["b"])
        break
    years = [
        int(y.group(1))
        for y in _YEAR.finditer(folded, lo, hi)
        if born_at is None or not (born_at[0] <= y.start() < born_at[1])
    ]
    return born, aged, years


def _gap(span: tuple[int, int], start: int, end: int) -> int:
    s, e = span
    return s - end if s >= end else start - e if e <= start else 0


class AgeFinder:
    """Reads the evidence beside each idiom the shared automaton found."""

    def __init__(self, idioms: dict[str, _Idiom]) -> None:
        self._idioms = idioms
        self._phrases = list(idioms)  # in the rule's order: the suggestion's preference
        self._anchors = AnchorSearch(self._phrases, longest=True, folded=True)
        self.anchors = self._anchors.anchors

    def find(self, scan: ScanInput) -> Iterator[Candidate]:
        hits = self._anchors.find(scan, ordered=False)
        folded = scan.folded
        for i, start, end in hits:
            phrase = self._phrases[i]
            idiom = self._idioms[phrase]
            born, aged, years = _evidence(folded, start, end)
            if born is not None:
                refs = [y for y in years if y >= born]
                if scan.date is not None:
                    refs.append(scan.date.year)
                if not refs:
                    continue
                # the birthday is unknown: each year gives two ages
                if any(idiom.youngest <= r - born and r - born - 1 <= idiom.oldest for r in refs):
                    continue
                # the document's year first: the suggestion is for it
                if scan.date is not None:
                    refs.insert(0, refs.pop())
                ages = [r - born for r in refs]
            elif aged is not None:
                # one year either way: 虚岁
                if idiom.youngest - 1 <= aged <= idiom.oldest + 1:
                    continue
                ages = [aged]
            else:
                continue
            fixed = next((f for a in ages if (f := self._suggest(phrase, a)) is not None), None)
            if fixed is not None:
                yield Candidate(start, end, idiom.entry, fixed, self_dated=True)

    def _suggest(self, phrase: str, age: int) -> str | None:
        """An idiom whose range holds ``age``, of the written one's shape if there is one
        (年逾古稀 → 年逾花甲, 古稀之年 → 花甲之年); None when no idiom fits (the evidence is
        then likely about someone else: a grandchild's birth year)."""
        fits = [p for p in self._phrases if self._fits(p, age)]
        if not fits:
            return None
        # the shape: the lead of 年逾… / 年近…, else the ending (…之年, …老人)
        if phrase.startswith("年"):
            same = [p for p in fits if p[:2] == phrase[:2]]
        else:
            same = [p for p in fits if p[-2:] == phrase[-2:]]
        return (same or fits)[0]

    def _fits(self, phrase: str, age: int) -> bool:
        idiom = self._idioms[phrase]
        return idiom.youngest <= age <= idiom.oldest


KIND = Age()
