"""Kind ``replace``: a wrong form and the correct form to write instead."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

from pydantic import Field, field_validator, model_validator

from ..lexicon.schema import DatedEntry, RuleBase, as_list, distinct_strings
from .base import KindDoc, RuleKind, entries_of

if TYPE_CHECKING:
    from ..compiler import Builder
    from ..lexicon.loader import LoadedRule


class ReplaceEntry(DatedEntry):
    wrong: list[str] = Field(min_length=1)
    """The forms flagged."""
    correct: list[str] = Field(min_length=1)
    """The forms to write; the first is the main suggestion. Each also shields the shorter
    hits it covers."""
    boundary: bool = True
    """Short hits (up to 3 characters) must sit on word boundaries; ``false`` turns it off."""
    paired: bool = False
    """The wrong and correct forms are pairs, in order: each wrong form suggests only the
    correct form at its place (好象 → 好像, 就象 → 就像), not the entry's first."""

    valid_again: dt.date | None = None
    """The flagged form was right again from this day (a name dropped and later restored):
    with ``valid_to``, only text speaking of a time between the two days is flagged; text
    of unknown time is judged as now."""

    valid_from: dt.date | None = None
    """The flagged form names a body first set up on this day (right from then on): only a
    document dated before it is flagged, where its sentence names no year from then on; an
    undated text is not judged. ``correct`` names the body of that earlier time."""

    _lists = field_validator("wrong", "correct", mode="before")(as_list)
    _distinct = field_validator("wrong", "correct")(distinct_strings)

    def suggestion_list(self) -> list[str]:
        return self.correct

    @model_validator(mode="after")
    def _pairs(self) -> ReplaceEntry:
        if self.paired and len(self.wrong) != len(self.correct):
            raise ValueError("paired: wrong and correct must list as many forms")
        if self.valid_to and self.valid_again and self.valid_to >= self.valid_again:
            raise ValueError("valid_again must be later than valid_to")
        if self.valid_from and (self.valid_to or self.valid_again):
            raise ValueError("valid_from stands alone: not with valid_to or valid_again")
        return self


class ReplaceRule(RuleBase):
    kind: Literal["replace"]
    entries: list[ReplaceEntry] = Field(min_length=1)


class Replace(RuleKind):
    name = "replace"
    rule_model = ReplaceRule
    doc = KindDoc(
        what="Each listed wrong form, suggesting the correct one: typos (布署 → 部署), outdated "
        "names (卫计委 → 卫健委, with `valid_to`), wrong numerals in meeting names; with "
        "`valid_again`, a name out of use only between two days (阿斯塔纳 in text of 2020, when "
        "the city was named 努尔苏丹); with `valid_from`, a body's name in a document dated "
        "before the body was set up (县应急管理局 in a page of 2016).",
        why="Most editorial errors are a known wrong form of a known word; the correct form "
        "also protects longer correct text that contains a wrong form.",
        example="- wrong: 布署\n  correct: 部署\n# → flags 布署 in 要认真布署今年的工作",
    )

    def compile(self, loaded: LoadedRule, builder: Builder) -> None:
        rule_index = builder.add_rule(loaded)
        path = str(loaded.path)
        for _, entry, line in entries_of(loaded):
            assert isinstance(entry, ReplaceEntry)
            index = builder.add_entry(
                rule_index,
                entry,
                line,
                flag_from=entry.valid_to,
                boundary=entry.boundary,
                flag_until=entry.valid_again or entry.valid_from,
                page_dated=entry.valid_from is not None,
            )
            for k, wrong in enumerate(entry.wrong):
                own = entry.correct[k] if entry.paired else None
                builder.flag(wrong, index, path=path, line=line, key="wrong", suggestion=own)
            if entry.valid_again is not None or entry.valid_from is not None:
                continue  # right only in a period: it shields nothing
            for correct in entry.correct:
                builder.protect(correct, path=path, line=line, entry=index)


KIND = Replace()
