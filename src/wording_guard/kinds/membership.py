"""Kind ``membership``: a country listed as a member of a named group of countries it does
not belong to (土耳其、沙特阿拉伯、埃及等阿拉伯国家; 德国、法国、挪威等欧盟国家).

Each entry is one group: the words that name it (阿拉伯国家, 阿盟成员国) and its members with
the dates they joined or left. Only a plain enumeration is judged: two or more country names
joined by 、 (和/及/与 before the last one) and ending in 等 + a label of the group
(…等阿拉伯国家), or written after a label and ending in 等国 (东盟国家越南、泰国、印度等国).
Every listed item must be a known country name (the project's country list and the names in
the entries) and another item a member, else the enumeration is not read as this group's.

An item is wrong when it is no member at the text's date (undated: today) nor in the year
its sentence names (a former member in a sentence about its time stands). Observers and
partners (``partners``) are wrong only after a label that says members (``member_labels``);
names whose status is unsettled (``unclear``) are never flagged. The span is the wrong
item; nothing is suggested (the message names the group).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, field_validator, model_validator

from ..context import sentence_bounds, sentence_year
from ..lexicon.schema import (
    EntryBase,
    RuleBase,
    Strict,
    as_list,
    distinct_strings,
    once_across,
)
from .base import AnchorSearch, Candidate, KindDoc, RuleKind, ScanEnv, ScanInput, entries_of

if TYPE_CHECKING:
    from ..compiler import Builder
    from ..lexicon.loader import LoadedRule

_ITEM_SEPARATOR = "、"
# joiners of the last two items (A、B和C); 以及 before 及, the longer first
_JOINERS = ("以及", "和", "及", "与")
_LIST_END = "等国"  # …越南、泰国等国 after a label
_REACH = 120  # characters of a sentence read before a label for its list


class Member(Strict):
    names: list[str] = Field(min_length=1)
    """The country's names: short form first, then other forms (沙特阿拉伯, 沙特,
    沙特阿拉伯王国)."""
    joined: dt.date | None = None
    """The day it became a member (none: a member for as long as the texts reach back)."""
    left: dt.date | None = None
    """The day it left (still counted a member that day)."""

    _lists = field_validator("names", mode="before")(as_list)

    @model_validator(mode="after")
    def _dates_in_order(self) -> Member:
        if self.joined and self.left and self.joined >= self.left:
            raise ValueError("joined must be earlier than left")
        return self


def _member(value: Any) -> Any:
    """A bare name or list of names is a member with no dates."""
    if isinstance(value, str | list):
        return {"names": as_list(value)}
    return value


class MembershipEntry(EntryBase):
    labels: list[str] = Field(min_length=1)
    """The words that name the group after 等 (阿拉伯国家, 阿盟成员国)."""
    member_labels: list[str] = Field(default_factory=list)
    """Labels that say members (金砖国家成员国): after them ``partners`` are flagged too.
    They need not be repeated in ``labels``."""
    members: list[Member] = Field(min_length=2)
    """Each member: a name, a list of names, or ``{names, joined, left}``."""
    partners: list[str] = Field(default_factory=list)
    """Observers, dialogue partners, partner countries: no members, but often counted with
    the group; flagged only after ``member_labels``."""
    unclear: list[str] = Field(default_factory=list)
    """Names whose membership is unsettled or disputed: never flagged."""

    @field_validator("members", mode="before")
    @classmethod
    def _bare_names(cls, value: Any) -> Any:
        return [_member(v) for v in value] if isinstance(value, list) else value

    _lists = field_validator("labels", "member_labels", "partners", "unclear", mode="before")(
        as_list
    )
    _distinct = field_validator("labels", "member_labels", "partners", "unclear")(distinct_strings)

    @model_validator(mode="after")
    def _names_once(self) -> MembershipEntry:
        seen: set[str] = set()
        for name in [n for m in self.members for n in m.names]:
            if name in seen:
                raise ValueError(f"member name {name!r} is listed twice")
            seen.add(name)
        for name in [*self.partners, *self.unclear]:
            if name in seen:
                raise ValueError(f"{name!r} is listed both as a member and as a non-member")
            seen.add(name)
        return self


class MembershipRule(RuleBase):
    kind: Literal["membership"]
    entries: list[MembershipEntry] = Field(min_length=1)
    label_stops: list[str] = Field(default_factory=list)
    """Words right after a label that make it no name of the group's members (等东盟国家和
    地区, 等金砖国家伙伴国, 等太平洋岛国论坛成员)."""
    negations: list[str] = Field(default_factory=list)
    """Words right before a label that negate it (非阿拉伯国家)."""
    lead_ins: list[str] = Field(default_factory=list)
    """What may stand between a label and the list written after it (东盟国家中的越南、…等国)."""

    _lists = field_validator("label_stops", "negations", "lead_ins", mode="before")(as_list)

    @model_validator(mode="after")
    def _one_group_per_label(self) -> MembershipRule:
        once_across(
            ({*e.labels, *e.member_labels} for e in self.entries), "label {} names two groups"
        )
        return self


@dataclass(frozen=True)
class _Member:
    names: tuple[str, ...]  # folded
    joined: dt.date | None
    left: dt.date | None

    def at(self, date: dt.date) -> bool:
        return (self.joined is None or self.joined <= date) and (
            self.left is None or date <= self.left
        )

    def in_year(self, year: int) -> bool:
        return (self.joined is None or self.joined.year <= year) and (
            self.left is None or year <= self.left.year
        )


@dataclass(frozen=True)
class _Group:
    entry: int
    members: tuple[_Member, ...]
    partners: frozenset[str]
    unclear: frozenset[str]


@dataclass
class _Data:
    groups: list[_Group]
    labels: dict[str, tuple[int, bool]]  # folded label → (group, says members)
    label_stops: set[str]
    negations: set[str]
    lead_ins: set[str]


class Membership(RuleKind):
    name = "membership"
    rule_model = MembershipRule
    doc = KindDoc(
        what="A country listed as a member of a named group it does not belong to at the "
        "text's date: 土耳其 in 土耳其、沙特阿拉伯、埃及等阿拉伯国家, 挪威 in 德国、法国、挪威等"
        "欧盟国家, 印度 in 东盟国家越南、泰国、印度等国. Only enumerations of two or more known "
        "country names ending in 等 + the group's label (or after a label, ending in 等国), "
        "with another item a member; a former member stands in a sentence about its time.",
        why="Each name is spelt right and the sentence reads well, yet it states a false fact "
        "about a country; the groups' member lists and their dates are the facts to check "
        "against.",
        example="- labels: [欧盟国家, 欧盟成员国]\n  members:\n    - 德国\n    - 法国\n"
        "    - {names: [英国], joined: 1973-01-01, left: 2020-01-31}\n"
        "# → flags 英国 in 英国、德国等欧盟国家 dated 2024, not dated 2019",
    )

    def compile(self, loaded: LoadedRule, builder: Builder) -> None:
        rule_index = builder.add_rule(loaded)
        fold = builder.normalizer.term
        data: _Data = builder.kind_data.setdefault(self.name, _Data([], {}, set(), set(), set()))
        rule = loaded.rule
        assert isinstance(rule, MembershipRule)
        # (a word that folds to nothing would match everywhere)
        data.label_stops.update(w for w in map(fold, rule.label_stops) if w)
        data.negations.update(w for w in map(fold, rule.negations) if w)
        data.lead_ins.update(w for w in map(fold, rule.lead_ins) if w)
        for _, entry, line in entries_of(loaded):
            assert isinstance(entry, MembershipEntry)
            index = builder.add_entry(rule_index, entry, line)
            group = len(data.groups)
            data.groups.append(
                _Group(
                    index,
                    tuple(
                        _Member(tuple(fold(n) for n in m.names), m.joined, m.left)
                        for m in entry.members
                    ),
                    frozenset(fold(n) for n in entry.partners),
                    frozenset(fold(n) for n in entry.unclear),
                )
            )
            for label in entry.labels:
                data.labels[fold(label)] = (group, False)
            for label in entry.member_labels:
                data.labels[fold(label)] = (group, True)

    def finder(self, data: Any, env: ScanEnv) -> MembershipFinder | None:
        return MembershipFinder(data, env.words.country_names) if data else None


class _Names:
    """Country names found in the folded text by their end or their start, longest first."""

    def __init__(self, names: set[str]) -> None:
        self.names = frozenset(n for n in names if len(n) >= 2)
        self.lengths = sorted({len(n) for n in self.names}, reverse=True)

    def ending_at(self, folded: str, pos: int, lo: int) -> int | None:
        """The start of the longest name ending at ``pos`` and starting at ``lo`` or later."""
        for n in self.lengths:
            if pos - n >= lo and folded[pos - n : pos] in self.names:
                return pos - n
        return None

    def starting_at(self, folded: str, pos: int) -> int | None:
        """The end of the longest name starting at ``pos``."""
        for n in self.lengths:
            if folded[pos : pos + n] in self.names:
                return pos + n
        return None


class MembershipFinder:
    """Reads the enumeration at each label of a group and judges its items."""

    def __init__(self, data: _Data, country_names: frozenset[str]) -> None:
        self._data = data
        self._labels = list(data.labels)
        self._search = AnchorSearch(self._labels, longest=True, folded=True)
        self.anchors = self._search.anchors
        known = set(country_names)
        for group in data.groups:
            known.update(n for m in group.members for n in m.names)
            known.update(group.partners | group.unclear)
        self._names = _Names(known)
        # each group's members by name, keyed by the group's entry
        self._members = {
            g.entry: {name: member for member in g.members for name in member.names}
            for g in data.groups
        }
        self._lead_ins = sorted(data.lead_ins, key=len, reverse=True)

    def find(self, scan: ScanInput) -> Iterator[Candidate]:
        folded = scan.folded
        date = scan.date or dt.date.today()
        for i, start, end in self._search.find(scan):
            group_index, says_members = self._data.labels[self._labels[i]]
            if any(folded.startswith(w, end) for w in self._data.label_stops):
                continue
            if start > 0 and folded[start - 1] == "等":
                parsed = self._before(folded, start - 1)
            elif any(folded.endswith(w, 0, start) for w in self._data.negations):
                continue
            else:
                parsed = self._after(folded, end)
            if parsed is None:
                continue
            items, before_joiner = parsed
            group = self._data.groups[group_index]
            yield from self._judge(folded, items, before_joiner, group, says_members, date)

    def _before(self, folded: str, pos: int) -> tuple[list[tuple[int, int]], int] | None:
        """The names listed right before ``pos`` (the 等 of 等阿拉伯国家), and how many of
        them stand before a joining word (和, 及, 与: 0 when none)."""
        lo, _ = sentence_bounds(folded, pos, pos, _REACH)
        items: list[tuple[int, int]] = []
        joined = False
        end = pos
        while True:
            start = self._names.ending_at(folded, end, lo)
            if start is None:
                break
            items.insert(0, (start, end))
            if start > lo and folded[start - 1] == _ITEM_SEPARATOR:
                end = start - 1
                continue
            joiner = next((j for j in _JOINERS if folded.endswith(j, lo, start)), None)
            if joiner is not None and len(items) == 1:
                end = start - len(joiner)
                joined = True
                continue
            break
        if len(items) < 2:
            return None
        return items, len(items) - 1 if joined else 0

    def _after(self, folded: str, pos: int) -> tuple[list[tuple[int, int]], int] | None:
        """The names listed right after a label (东盟国家越南、泰国、印度等国)."""
        i = pos
        for lead in self._lead_ins:
            if folded.startswith(lead, i):
                i += len(lead)
                break
        items: list[tuple[int, int]] = []
        last = False
        while True:
            end = self._names.starting_at(folded, i)
            if end is None:
                return None
            items.append((i, end))
            i = end
            if last:
                break
            if folded.startswith(_ITEM_SEPARATOR, i):
                i += 1
                continue
            joiner = next((j for j in _JOINERS if folded.startswith(j, i)), None)
            if joiner is None:
                break
            i += len(joiner)
            last = True
        if len(items) < 2 or not folded.startswith(_LIST_END, i):
            return None
        after = i + len(_LIST_END)
        if folded.startswith("家", after):
            after += 1
        if any(folded.startswith(w, after) for w in self._data.label_stops):
            return None
        return items, 0

    def _judge(
        self,
        folded: str,
        items: list[tuple[int, int]],
        before_joiner: int,
        group: _Group,
        says_members: bool,
        date: dt.date,
    ) -> Iterator[Candidate]:
        year = sentence_year(folded, items[0][0], items[-1][1])
        member_names = self._members[group.entry]
        verdicts: list[bool | None] = []  # per item: True member, False wrong, None unjudged
        for start, end in items:
            name = folded[start:end]
            member = member_names.get(name)
            if member is not None and (
                member.at(date) or (year is not None and member.in_year(year))
            ):
                verdicts.append(True)
            elif name in group.unclear or (name in group.partners and not says_members):
                verdicts.append(None)
            else:
                verdicts.append(False)
        # the names before 和 in 日本、韩国和越南等东盟国家 or 中国和沙特等阿拉伯国家 may be the
        # sentence's other parties, not items: judged only when one of them is a member
        if before_joiner and True not in verdicts[:before_joiner]:
            verdicts[:before_joiner] = [None] * before_joiner
        if True not in verdicts:
            return  # no member listed: not this group's enumeration
        for (start, end), verdict in zip(items, verdicts, strict=True):
            if verdict is False:
                yield Candidate(start, end, group.entry, self_dated=True)


KIND = Membership()
