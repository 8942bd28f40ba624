"""Pydantic models of a lexicon rule file. Unknown keys are errors (``extra="forbid"``).

See ``docs/lexicon-format.md`` for the format with examples.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..models import Category, Severity

_MARK = re.compile(r"\[\[(.+?)\]\]")


class Kind(str, Enum):
    """The few rule kinds the engine knows; every word lives in entries of these."""

    TERMS = "terms"  # flag each term as it is; optional suggestions
    REPLACE = "replace"  # wrong form(s) -> correct form(s); correct forms protect what they cover
    REGEX = "regex"  # a pattern, optionally confirmed by a named validator, fixed by a named fixer
    PROTECTED = "protected"  # canonical forms whose near-misses (and listed wrong forms) are errors
    OFFICE = "office"  # who holds which title: a title paired with someone else's name is wrong
    ENUMERATION = "enumeration"  # a named fixed list (四个全面…): wrong, missing or reordered items


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _as_list(value: Any) -> Any:
    if isinstance(value, str):
        return [value]
    return value


class Conditions(_Strict):
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
    in_quotes: bool | None = None
    """The hit lies inside quotation marks that cite a wrong form (应为“…”, 不得使用“…”)."""
    in_country_list: bool | None = None
    """The hit is an item of an enumeration of countries (美国、日本、台湾等国家), not one
    labelled as countries *and regions*."""
    in_region_list: bool | None = None
    """The hit is an item of an enumeration with countries labelled 国家和地区 / 国家（地区）."""
    word_boundary: bool | None = None
    """The hit starts and ends on word boundaries of the segmented sentence."""

    _split_lists = field_validator("preceded_by", "followed_by", "inside", "near", mode="before")(
        _as_list
    )

    def is_empty(self) -> bool:
        return self == Conditions()


class BadExample(_Strict):
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


class GoodExample(_Strict):
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


class Examples(_Strict):
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


class Entry(_Strict):
    """One entry of a rule. Which keys apply depends on the rule's kind (checked by the rule)."""

    terms: list[str] = Field(default_factory=list)
    wrong: list[str] = Field(default_factory=list)
    correct: list[str] = Field(default_factory=list)
    suggestions: list[str] = Field(default_factory=list)
    pattern: str | None = None
    titles: list[str] = Field(default_factory=list)
    """kind office: the titles the person named in ``correct`` holds (国务院总理, 总理)."""
    rank: int | None = Field(default=None, ge=1)
    """kind office: protocol rank; lists of names in another order yield a notice."""
    items: list[str] = Field(default_factory=list)
    """kind enumeration: the items of the list named in ``correct``, in official order."""
    validator: str | None = None
    fix: str | None = None
    triggers: list[str] = Field(default_factory=list)
    """kind regex: literal strings of which at least one must occur in the (folded) text for
    the pattern to run at all; keeps expensive patterns off texts that cannot match."""
    near_miss: bool = True
    boundary: bool = True
    """Short hits (up to 3 characters) must start and end on word boundaries of the
    segmented sentence (书法国画 does not contain 法国). ``false`` turns the check off."""
    severity: Severity | None = None
    message: str | None = None
    note: str | None = None
    source: str | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    when: Conditions | None = None
    unless: Conditions | None = None
    examples: Examples

    _split = field_validator(
        "terms", "wrong", "correct", "suggestions", "titles", "items", "triggers", mode="before"
    )(_as_list)

    @field_validator("terms", "wrong", "correct", "suggestions", "titles", "items")
    @classmethod
    def _non_empty_strings(cls, value: list[str]) -> list[str]:
        for item in value:
            if not item or not item.strip():
                raise ValueError("empty strings are not allowed")
        if len(set(value)) != len(value):
            raise ValueError(f"repeated item in {value}")
        return value

    @model_validator(mode="after")
    def _dates_in_order(self) -> Entry:
        if self.valid_from and self.valid_to and self.valid_from >= self.valid_to:
            raise ValueError("valid_from must be earlier than valid_to")
        return self

    def suggestion_list(self) -> list[str]:
        return self.suggestions or self.correct


class RuleFile(_Strict):
    """A whole rule file: ``lexicons/<category>/<name>.yaml`` with ``id: <category>.<name>``."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*\.[a-z0-9_]+$")
    category: Category
    severity: Severity
    kind: Kind
    message: str
    source: str = Field(min_length=2)
    description: str | None = None
    entries: list[Entry] = Field(min_length=1)

    @model_validator(mode="after")
    def _kind_keys(self) -> RuleFile:
        for index, entry in enumerate(self.entries):
            problem = _kind_problem(self.kind, entry)
            if problem:
                raise ValueError(f"entries[{index}]: {problem}")
        return self


def _kind_problem(kind: Kind, entry: Entry) -> str | None:
    has = {
        "terms": bool(entry.terms),
        "wrong": bool(entry.wrong),
        "correct": bool(entry.correct),
        "pattern": entry.pattern is not None,
        "titles": bool(entry.titles),
        "items": bool(entry.items),
        "rank": entry.rank is not None,
    }
    allowed = {
        Kind.TERMS: {"terms"},
        Kind.REPLACE: {"wrong", "correct"},
        Kind.REGEX: {"pattern"},
        Kind.PROTECTED: {"correct", "wrong"},
        Kind.OFFICE: {"correct", "titles", "rank"},
        Kind.ENUMERATION: {"correct", "items"},
    }[kind]
    extra = sorted(k for k, v in has.items() if v and k not in allowed)
    if extra:
        return f"key(s) {extra} do not apply to kind '{kind.value}'"
    if kind is Kind.TERMS and not entry.terms:
        return "kind 'terms' needs 'terms'"
    if kind is Kind.REPLACE and not (entry.wrong and entry.correct):
        return "kind 'replace' needs 'wrong' and 'correct'"
    if kind is Kind.REGEX and not entry.pattern:
        return "kind 'regex' needs 'pattern'"
    if kind is Kind.PROTECTED and not entry.correct:
        return "kind 'protected' needs 'correct'"
    if kind is Kind.OFFICE and not (entry.correct and entry.titles):
        return "kind 'office' needs 'correct' (the holder) and 'titles'"
    if kind is Kind.ENUMERATION and not (entry.correct and len(entry.items) >= 2):
        return "kind 'enumeration' needs 'correct' (the list's name) and 2+ 'items'"
    if kind is not Kind.REGEX and (entry.validator or entry.fix or entry.triggers):
        return "'validator', 'fix' and 'triggers' apply to kind 'regex' only"
    return None
