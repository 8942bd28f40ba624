"""The parts of a rule file every kind shares. Unknown keys are errors (``extra="forbid"``).

Each rule kind (``wording_guard.kinds``) defines its own entry model on top of
:class:`EntryBase` and its rule model on top of :class:`RuleBase`; the rule file is a
discriminated union of those on ``kind``. See ``docs/lexicon-format.md`` for the format.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..models import Category, Severity

_MARK = re.compile(r"\[\[(.+?)\]\]")

SHIPPED = "shipped"
"""The validation context's key (True) when the files validated are the shipped lexicons:
checks that the test suite runs on every shipped file, and that cost a first run much, are
then skipped (see :func:`~wording_guard.lexicon.loader.load_rule_file`)."""


class Strict(BaseModel):
    # defer_build: scanning from the cache never validates a rule file, so it never pays for
    # building these validators at import
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def as_list(value: Any) -> Any:
    """A single string where a list is expected is a list of one."""
    if isinstance(value, str):
        return [value]
    return value


class Conditions(Strict):
    """Context conditions on a hit. Under ``unless`` any true condition drops the hit; under
    ``when`` every listed condition must hold for the hit to stand.
    """

    preceded_by: list[str] = Field(default_factory=list)
    """The text just before the hit (noise skipped) ends with one of these strings."""
    followed_by: list[str] = Field(default_factory=list)
    """The text just after the hit starts with one of these strings."""
    inside: list[str] = Field(default_factory=list)
    """The hit lies inside an occurrence of one of these longer strings."""
    near: list[str] = Field(default_factory=list)
    """One of these strings occurs within ``window`` characters of the hit, same sentence."""
    window: int = Field(default=12, ge=1, le=200)
    in_title: bool | None = None
    """The hit lies inside a 《》 title."""
    in_country_list: bool | None = None
    """The hit is an item of an enumeration of countries (美国、日本、台湾等国家), not one
    labelled as countries *and regions*."""
    in_region_list: bool | None = None
    """The hit is an item of an enumeration with countries labelled 国家和地区 / 国家（地区）."""
    word_boundary: bool | None = None
    """The hit starts and ends on word boundaries of the segmented sentence."""
    word_start: bool | None = None
    """The hit starts on a word boundary of the segmented sentence (其中港澳台 does not:
    中 ends 其中); its end may fall inside a word (中台贸易额)."""

    _split_lists = field_validator("preceded_by", "followed_by", "inside", "near", mode="before")(
        as_list
    )

    def is_empty(self) -> bool:
        return self == Conditions()


class BadExample(Strict):
    """A sentence that must yield exactly the ``[[marked]]`` span(s) with ``suggestion``."""

    text: str
    suggestion: str | None = None
    date: dt.date | None = None

    @field_validator("text")
    @classmethod
    def _has_mark(cls, value: str) -> str:
        if not _MARK.search(value):
            raise ValueError("a bad example must mark the expected span as [[...]]")
        return value

    def plain(self) -> tuple[str, list[tuple[int, int]]]:
        """The sentence without marks and the marked spans as half-open offsets."""
        spans: list[tuple[int, int]] = []
        out: list[str] = []
        pos = 0
        length = 0
        for m in _MARK.finditer(self.text):
            before = self.text[pos : m.start()]
            out.append(before)
            length += len(before)
            out.append(m.group(1))
            spans.append((length, length + len(m.group(1))))
            length += len(m.group(1))
            pos = m.end()
        out.append(self.text[pos:])
        return "".join(out), spans


class GoodExample(Strict):
    """A near-miss sentence that must yield nothing."""

    text: str
    date: dt.date | None = None
    why: str | None = None

    @field_validator("text")
    @classmethod
    def _no_mark(cls, value: str) -> str:
        if "[[" in value:
            raise ValueError("a good example must not contain [[...]] marks")
        return value


def _coerce_example(value: Any) -> Any:
    if isinstance(value, str):
        return {"text": value}
    return value


class Examples(Strict):
    bad: list[BadExample] = Field(min_length=1)
    good: list[GoodExample] = Field(min_length=1)

    @field_validator("bad", "good", mode="before")
    @classmethod
    def _coerce(cls, value: Any) -> Any:
        if isinstance(value, (str, dict)):
            value = [value]
        if isinstance(value, list):
            return [_coerce_example(v) for v in value]
        return value


def once_across(groups: Iterable[Iterable[str]], problem: str) -> None:
    """Raise ``ValueError(problem.format(string))`` for the first string that stands in two
    of ``groups`` (each entry's phrases, labels …), or twice in one."""
    seen: set[str] = set()
    for group in groups:
        for string in group:
            if string in seen:
                raise ValueError(problem.format(repr(string)))
            seen.add(string)


def distinct_strings(value: list[str]) -> list[str]:
    """Validator body for string lists: no empty strings, no repeats."""
    for item in value:
        if not item or not item.strip():
            raise ValueError("empty strings are not allowed")
    if len(set(value)) != len(value):
        raise ValueError(f"repeated item in {value}")
    return value


class EntryBase(Strict):
    """Keys every entry of every kind accepts. Kinds add their own keys (and date keys only
    where they give them a meaning)."""

    severity: Severity | None = None
    message: str | None = None
    note: str | None = None
    source: str | None = None
    when: Conditions | None = None
    unless: Conditions | None = None
    examples: Examples

    def suggestion_list(self) -> list[str]:
        """The suggestions the entry itself gives (empty: computed by the kind, or delete)."""
        return []


class DatedEntry(EntryBase):
    """An entry whose flagged form was in force until ``valid_to``: hits in text that speaks
    of an earlier time are dropped."""

    valid_to: dt.date | None = None
    undated: bool = True
    """False: a text whose time is unknown (no document date, no year in the sentence) is
    not judged either: for forms that were right for years and fill old pages (转变经济增长
    方式 until 2007)."""


class PeriodEntry(DatedEntry):
    """An entry with both ends of a period (their meaning is the kind's to give)."""

    valid_from: dt.date | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> PeriodEntry:
        if self.valid_from and self.valid_to and self.valid_from >= self.valid_to:
            raise ValueError("valid_from must be earlier than valid_to")
        return self


class RuleBase(Strict):
    """A rule file's header: ``lexicons/<category>/<name>.yaml`` with ``id: <category>.<name>``.

    Each kind's rule model adds ``kind: Literal[...]`` and ``entries``."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*\.[a-z0-9_]+$")
    category: Category
    severity: Severity
    message: str
    source: str = Field(min_length=2)
    description: str | None = None
    entries: Sequence[EntryBase] = Field(min_length=1)
