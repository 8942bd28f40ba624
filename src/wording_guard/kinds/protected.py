"""Kind ``protected``: canonical forms whose near-misses (and listed wrong forms) are errors.

Near-misses are generated at build time and found by the shared automaton. A rule may also
name ``fuzzy_titles``: then, at scan time, three Han characters right after or right before
one of those titles that differ in one character from exactly one of the rule's
three-character correct forms are flagged too (总理朱榕基, 胡景涛总书记) — the net for names
whose characters no confusion table lists.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import ahocorasick_rs
from pydantic import Field, field_validator

from ..lexicon.schema import PeriodEntry, RuleBase, as_list, distinct_strings
from .base import Candidate, KindDoc, NearNames, RuleKind, ScanEnv, ScanInput, entries_of

if TYPE_CHECKING:
    from ..compiler import Builder
    from ..lexicon.loader import LoadedRule


class ProtectedEntry(PeriodEntry):
    correct: list[str] = Field(min_length=1)
    """The canonical forms (a leader's name with title, a fixed formulation)."""
    wrong: list[str] = Field(default_factory=list)
    """Wrong forms listed by hand, beside the generated ones."""
    near_miss: bool = True
    """Generate near-miss variants of the correct forms (homophone or similar-shape
    substitution, adjacent swap, one character dropped or doubled in long forms)."""
    boundary: bool = True
    """Short hits (up to 3 characters) must sit on word boundaries; ``false`` turns it off."""
    # valid_from: the correct form is the reference from this date (a leader's current
    # office): text speaking of an earlier time is not judged against it

    _lists = field_validator("wrong", "correct", mode="before")(as_list)
    _distinct = field_validator("wrong", "correct")(distinct_strings)

    def suggestion_list(self) -> list[str]:
        return self.correct


class ProtectedRule(RuleBase):
    kind: Literal["protected"]
    fuzzy_titles: list[str] = Field(default_factory=list)
    """Titles beside which a three-character string one character away from one of the
    rule's three-character correct forms is flagged (a misspelt name); empty: no such net."""
    entries: list[ProtectedEntry] = Field(min_length=1)


@dataclass(frozen=True)
class _Fuzzy:
    titles: tuple[str, ...]
    names: dict[str, int]  # three-character correct form -> entry


def _latest(*dates: dt.date | None) -> dt.date | None:
    given = [d for d in dates if d is not None]
    return max(given) if given else None


class Protected(RuleKind):
    name = "protected"
    rule_model = ProtectedRule
    doc = KindDoc(
        what="Near-misses of a canonical form: one character replaced by a homophone or a "
        "similar shape, two swapped, one dropped or doubled (扫黑险恶, 习近平新时代中国特色社会主"
        "义思想 with a changed character), plus any wrong forms listed; with the rule's "
        "`fuzzy_titles`, also a three-character name one character away from a correct form "
        "right beside such a title (朱榕基总理).",
        why="Names and formulations that must be written exactly are few, but their misspellings "
        "are endless; generating them catches errors nobody listed, while real words and "
        "ambiguous variants are filtered out at compile time.",
        example="- correct: 扫黑除恶\n# → flags 扫黑险恶, 扫黑除饿, 扫除黑恶 …",
    )

    def compile(self, loaded: LoadedRule, builder: Builder) -> None:
        rule_index = builder.add_rule(loaded)
        path = str(loaded.path)
        names: dict[str, int] = {}
        for _, entry, line in entries_of(loaded):
            assert isinstance(entry, ProtectedEntry)
            # dropped before the listed wrong form went out of use (valid_to) and before the
            # correct form became the reference (valid_from)
            index = builder.add_entry(
                rule_index,
                entry,
                line,
                flag_from=_latest(entry.valid_from, entry.valid_to),
                boundary=entry.boundary,
            )
            for wrong in entry.wrong:
                builder.flag(wrong, index, path=path, line=line, key="wrong")
            for correct in entry.correct:
                norm = builder.protect(correct, path=path, line=line)
                if entry.near_miss:
                    builder.near_misses(index, norm, correct)
                if len(norm) == 3:
                    names[norm] = index
        rule = loaded.rule
        assert isinstance(rule, ProtectedRule)
        if rule.fuzzy_titles and names:
            titles = tuple(builder.normalizer.term(t) for t in rule.fuzzy_titles)
            nets: list[_Fuzzy] = builder.kind_data.setdefault(self.name, [])
            nets.append(_Fuzzy(titles, names))

    def finder(self, data: Any, env: ScanEnv) -> FuzzyNameFinder | None:
        return FuzzyNameFinder(data) if data else None


class FuzzyNameFinder:
    """Three Han characters beside a title, one character away from exactly one name."""

    def __init__(self, nets: list[_Fuzzy]) -> None:
        self._nets = []
        for net in nets:
            titles = sorted(set(net.titles))
            matcher = ahocorasick_rs.AhoCorasick(
                titles, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
            )
            self._nets.append((net, NearNames(net.names), matcher))

    def find(self, scan: ScanInput) -> Iterator[Candidate]:
        view = scan.view
        text = view.text
        for net, near, matcher in self._nets:
            seen: set[int] = set()
            for _, s, e in matcher.find_matches_as_indexes(text):
                for lo in (e, s - 3):
                    if lo < 0 or lo in seen:
                        continue
                    name = near.misspelt(text[lo : lo + 3])
                    if name is None:
                        continue
                    seen.add(lo)
                    # a misspelt name is wrong at any date: the entry's dates do not apply
                    yield Candidate(
                        *view.to_original(lo, lo + 3), net.names[name], name, self_dated=True
                    )


KIND = Protected()
