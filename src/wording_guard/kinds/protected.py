"""Kind ``protected``: canonical forms whose near-misses (and listed wrong forms) are errors."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

from pydantic import Field, field_validator

from ..lexicon.schema import PeriodEntry, RuleBase, as_list, distinct_strings
from .base import KindDoc, RuleKind, entries_of

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
    entries: list[ProtectedEntry] = Field(min_length=1)


def _latest(*dates: dt.date | None) -> dt.date | None:
    given = [d for d in dates if d is not None]
    return max(given) if given else None


class Protected(RuleKind):
    name = "protected"
    rule_model = ProtectedRule
    doc = KindDoc(
        what="Near-misses of a canonical form: one character replaced by a homophone or a "
        "similar shape, two swapped, one dropped or doubled (扫黑险恶, 习近平新时代中国特色社会主"
        "义思想 with a changed character), plus any wrong forms listed.",
        why="Names and formulations that must be written exactly are few, but their misspellings "
        "are endless; generating them catches errors nobody listed, while real words and "
        "ambiguous variants are filtered out at compile time.",
        example="- correct: 扫黑除恶\n# → flags 扫黑险恶, 扫黑除饿, 扫除黑恶 …",
    )

    def compile(self, loaded: LoadedRule, builder: Builder) -> None:
        rule_index = builder.add_rule(loaded)
        path = str(loaded.path)
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


KIND = Protected()
