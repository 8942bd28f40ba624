"""Kind ``regex``: a pattern, confirmed by a named validator and fixed by a named fixer."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Literal

import regex
from pydantic import Field, ValidationInfo, field_validator, model_validator

from ..errors import LexiconError
from ..lexicon.schema import (
    SHIPPED,
    DatedEntry,
    EntryBase,
    RuleBase,
    as_list,
    distinct_strings,
)
from ..matcher import Matcher, build_matcher, spans_by_pattern
from .base import Candidate, KindDoc, RuleKind, ScanEnv, ScanInput, alternation, entries_of

if TYPE_CHECKING:
    from ..compiler import Builder
    from ..lexicon.loader import LoadedRule


class RegexEntry(DatedEntry):
    pattern: str
    """A ``regex``-module pattern run on the folded text (same length as the original)."""
    validator: str | None = None
    """Name of a validator that must accept a match (check digits, labels around it)."""
    fix: str | None = None
    """Name of a fixer that computes the suggestion from the match (masking)."""
    suggestions: list[str] = Field(default_factory=list)
    triggers: list[str] = Field(default_factory=list)
    """Literal strings of which one must occur in the folded text for the pattern to run at
    all; keeps expensive patterns off texts that cannot match."""
    requires: str | None = None
    """A ``regex``-module pattern that finds a match in every text where ``pattern`` does,
    looked for first (once per scan, shared by the entries naming it): a gate for shapes no
    literal trigger names, such as ``'[0-9]{7}'`` before a pattern of seven digits or more
    (one search costs about what the cheapest pattern does; most texts hold no such run)."""
    reach: int | None = Field(default=None, gt=0)
    """With ``requires``: no match of ``pattern`` is longer than this, and every one overlaps
    a match of ``requires``. The pattern then runs only within ``reach`` characters of
    those matches (the same matches, found there): for a costly pattern whose ``requires``
    occurs in most long texts, but rarely (an address's 号楼 beside its 住址). Without
    ``requires``, counted from the occurrences of the ``triggers`` instead: every match
    starts at most this many characters before an occurrence of one of them (one it holds,
    or one its lookarounds read) and ends, with what its lookaheads read after it, at most
    this many after that occurrence ends (for a pattern whose trigger words are common, such
    as 第一 or 男, or a costly one: a long text is then read only near its triggers)."""

    view: Literal["folded", "original"] = "folded"
    """The text ``pattern`` runs on: ``original`` for what folding erases, the width of a
    mark (a Latin comma and a Chinese one fold alike). Its ``triggers`` are then looked for
    in the original text as written; ``requires`` is for the folded view only."""

    @model_validator(mode="after")
    def _reach_needs_requires(self) -> RegexEntry:
        if self.reach is not None and self.requires is None and not self.triggers:
            raise ValueError("reach needs requires or triggers (what it is counted from)")
        if self.view == "original" and self.requires is not None:
            raise ValueError("requires gates the folded view: use triggers with view original")
        return self

    _lists = field_validator("suggestions", "triggers", mode="before")(as_list)
    _distinct = field_validator("suggestions", "triggers")(distinct_strings)

    @field_validator("pattern", "requires")
    @classmethod
    def _compiles(cls, value: str | None, info: ValidationInfo) -> str | None:
        # (the shipped lexicons' patterns are compiled by the test suite, which loads them
        # with every check: a first run's build skips them, ~1 s of the regex module's
        # parser for ~700 patterns it compiles again only when a trigger is found)
        if info.context is not None and info.context.get(SHIPPED):
            return value
        try:
            if value is not None:
                regex.compile(value)
        except regex.error as exc:
            raise ValueError(f"bad pattern: {exc}") from None
        return value

    def suggestion_list(self) -> list[str]:
        return self.suggestions


class RegexRule(RuleBase):
    kind: Literal["regex"]
    entries: list[RegexEntry] = Field(min_length=1)


@dataclass(frozen=True)
class _Pattern:
    entry: int
    pattern: str
    validator: str | None
    fix: str | None
    triggers: tuple[str, ...]  # folded (as written when original); empty: always runs
    requires: str | None
    reach: int | None = None
    original: bool = False  # runs on the original text (view: original)


class Regex(RuleKind):
    name = "regex"
    rule_model = RegexRule
    doc = KindDoc(
        what="Matches of a pattern that a named validator accepts: unmasked ID-card, mobile and "
        "bank-card numbers (check digit, region code, labels around them), impossible dates, "
        "document numbers with the wrong brackets, spam keyword strings, Latin marks in Chinese "
        "text (read in the original text: folding makes ， and , one character).",
        why="Some errors are shapes, not strings; the validator keeps precision (an order "
        "number is not a phone number), the fixer computes the suggestion (the masked form).",
        example="- pattern: '(?<![0-9])1[3-9][0-9]{9}(?![0-9])'\n  validator: mobile_phone\n"
        "  fix: mask_mobile\n# → flags 13812345678 in 联系电话：13812345678",
    )

    def computed_suggestion(self, entry: EntryBase) -> bool:
        return isinstance(entry, RegexEntry) and entry.fix is not None

    def compile(self, loaded: LoadedRule, builder: Builder) -> None:
        rule_index = builder.add_rule(loaded)
        path = str(loaded.path)
        patterns: list[_Pattern] = builder.kind_data.setdefault(self.name, [])
        for _, entry, line in entries_of(loaded):
            assert isinstance(entry, RegexEntry)
            _known(entry.validator, builder.registry.validators, "validator", path, line)
            _known(entry.fix, builder.registry.fixers, "fix", path, line)
            index = builder.add_entry(rule_index, entry, line, flag_from=entry.valid_to)
            original = entry.view == "original"
            # an original-view entry's triggers are looked for as written
            fold = builder.normalizer.fold
            triggers = tuple(t if original else fold(t) for t in entry.triggers)
            patterns.append(
                _Pattern(
                    index,
                    entry.pattern,
                    entry.validator,
                    entry.fix,
                    triggers,
                    entry.requires,
                    entry.reach,
                    original,
                )
            )

    def finder(self, data: Any, env: ScanEnv) -> RegexFinder | None:
        return RegexFinder(data, env) if data else None


def _known(
    name: str | None, known: Mapping[str, object], key: str, path: str, line: int | None
) -> None:
    if name is not None and name not in known:
        raise LexiconError(
            f"unknown {key} '{name}' (known: {', '.join(sorted(known))})",
            path=path,
            line=line,
            key=key,
        )


class RegexFinder:
    """Runs the patterns on the folded text (original-view ones on the original text); gated
    ones only when a trigger occurs."""

    def __init__(self, patterns: list[_Pattern], env: ScanEnv) -> None:
        validators = env.registry.validators
        fixers = env.registry.fixers
        self._runs = [
            (
                p.entry,
                p.pattern,
                validators[p.validator] if p.validator else None,
                fixers[p.fix] if p.fix else None,
                bool(p.triggers),
                p.requires,
                p.reach,
                p.original,
                p.triggers,
            )
            for p in patterns
        ]
        # the runs read in every text, and the run of each gated pattern's entry: a scan
        # walks those and the armed ones only (most of the ~400 are gated, few armed)
        self._ungated = [n for n, p in enumerate(patterns) if not p.triggers]
        self._run_of = {p.entry: n for n, p in enumerate(patterns) if p.triggers}
        # compiled on first use: most texts arm few gated patterns, and compiling all of
        # them would dominate a cold start (idempotent, so threads may race harmlessly);
        # likewise the gates, by their pattern
        self._compiled: list[Any] = [None] * len(patterns)
        self._gates: dict[str, Any] = {}
        # the trigger literals of the gated folded-view patterns, and the patterns each one
        # arms; those of original-view patterns are looked for in the original text (a few
        # marks such as ",": one C search each)
        self._trigger_words = sorted({t for p in patterns if not p.original for t in p.triggers})
        self._armed_by: dict[str, list[int]] = {}
        self._armed_as_written: dict[str, list[int]] = {}
        for p in patterns:
            armed_by = self._armed_as_written if p.original else self._armed_by
            for word in p.triggers:
                armed_by.setdefault(word, []).append(p.entry)
        # The scanner's shared automaton looks for most of them, in the compact view: those
        # that compacting leaves as they are, so that each occurrence in the folded text is
        # one there too (one found there is checked in the folded text). The others are
        # looked for in the folded text directly.
        term = env.normalizer.term
        self.probes = tuple(w for w in self._trigger_words if "\n" not in w and term(w) == w)
        probes = set(self.probes)
        self._direct = [w for w in self._trigger_words if w not in probes]
        # one pass tells whether any of them occurs at all (most texts: none)
        self._any_direct = re.compile(alternation(self._direct))
        # one of them (官网_) leaves its form without noise (官网) in the compact view, so the
        # shared automaton tells first whether that pass can find anything (without line
        # ends, whose compacting depends on the characters around them)
        stems = {term(w) for w in self._direct}
        usable = all(stems) and not any("\n" in w for w in self._direct)
        self._direct_stems = frozenset(stems) if usable else None
        if usable:
            self.probes += tuple(sorted(stems - probes))
        self._backend = env.backend
        # for a scan without the shared automaton, and for a long text (see find)
        self._triggers: Matcher | None = None

    def _trigger_hits(self, folded: str) -> list[tuple[int, int, int]]:
        """Every occurrence (overlapping ones included) of every trigger word of the
        folded-view patterns in ``folded``, as the small automaton over ``_trigger_words``
        finds them (built on first use; idempotent, so threads may race harmlessly)."""
        if self._triggers is None:
            self._triggers = build_matcher(self._trigger_words, self._backend)
        return self._triggers.find(folded)

    def _armed(self, scan: ScanInput, hits: list[tuple[int, int, int]] | None) -> set[int]:
        """The entries of the gated patterns whose triggers occur in the text; ``hits``:
        the :meth:`_trigger_hits` of a long text, when found already."""
        folded = scan.folded
        armed_by = self._armed_by
        armed: set[int] = set()
        if hits is not None or scan.found is None:
            # one small automaton found them all: run on its own, or a long text, where
            # looking for each word the compact view holds in the folded text again costs
            # twice that pass (~140 searches over 2 MB, each reading far into the text)
            words = self._trigger_words
            for tid in set(map(_TID, self._trigger_hits(folded) if hits is None else hits)):
                armed.update(armed_by[words[tid]])
        else:
            # a word found in the compact view is looked for in the folded text only when it
            # arms a pattern not armed yet: each such search may read the whole text (most
            # words found arm patterns other words arm too)
            for word in scan.found:
                entries = armed_by.get(word)
                if entries is not None and not armed.issuperset(entries) and word in folded:
                    armed.update(entries)
            stems = self._direct_stems
            if (stems is None or not stems.isdisjoint(scan.found)) and self._any_direct.search(
                folded
            ):
                for word in self._direct:
                    if not armed.issuperset(armed_by[word]) and word in folded:
                        armed.update(armed_by[word])
        text = scan.text
        for word, entries in self._armed_as_written.items():
            if word in text:
                armed.update(entries)
        return armed

    def _gate(self, requires: str) -> Any:
        gate = self._gates.get(requires)
        if gate is None:
            gate = self._gates[requires] = regex.compile(requires)
        return gate

    def find(self, scan: ScanInput) -> Iterator[Candidate]:
        folded = scan.folded
        # a long text: its trigger words found in one pass of a small automaton, which arms
        # the gated patterns and gives the windows of those read near their triggers
        hits = self._trigger_hits(folded) if len(folded) > _WINDOWED else None
        armed = self._armed(scan, hits)
        text = scan.text
        gates: dict[str, bool] = {}
        near_gates: dict[tuple[str, int], list[tuple[int, int]]] = {}
        whole = ((0, len(folded)),)
        runs = self._runs
        occurrences: dict[str, list[tuple[int, int]]] | None = None  # made on first need
        for n in sorted([*self._ungated, *map(self._run_of.__getitem__, armed)]):
            entry, source, check, fix, _gated, requires, reach, original, words = runs[n]
            stretches: Sequence[tuple[int, int]] = whole
            if requires is None and reach is not None:
                # a short text is read whole: its windows would cost more than they save
                if len(folded) > _WINDOWED and original:
                    stretches = _near(words, text, reach)
                elif hits is not None:
                    # the windows _near(words, folded, reach) makes, from the shared pass
                    if occurrences is None:
                        trigger = self._trigger_words
                        by_id = spans_by_pattern(hits)
                        occurrences = {trigger[i]: spans for i, spans in by_id.items()}
                    spans = [span for word in words for span in occurrences.get(word, ())]
                    spans.sort()
                    stretches = _widened(spans, reach, len(folded))
            elif requires is not None and reach is not None:
                found = near_gates.get((requires, reach))
                if found is None:
                    found = near_gates[requires, reach] = _around(
                        self._gate(requires), folded, reach
                    )
                if not found:
                    continue
                stretches = found
            elif requires is not None:
                passed = gates.get(requires)
                if passed is None:
                    passed = gates[requires] = self._gate(requires).search(folded) is not None
                if not passed:
                    continue
            pattern = self._compiled[n]
            if pattern is None:
                pattern = self._compiled[n] = regex.compile(source)
            searched = text if original else folded
            for lo, hi in stretches:
                for m in pattern.finditer(searched, lo, hi):
                    s, e = m.span()
                    if s == e or (check is not None and not check(m.group(), searched, s, e)):
                        continue
                    yield Candidate(s, e, entry, fix(text[s:e]) if fix is not None else None)


_TID = itemgetter(2)


def _around(gate: Any, text: str, reach: int) -> list[tuple[int, int]]:
    """The stretches of ``text`` within ``reach`` characters of a match of ``gate``
    (overlapping ones included), merged where they overlap: a match of a pattern no longer
    than ``reach`` that overlaps a gate's match lies inside one, and the leftmost matches
    found stretch by stretch are those found in the whole text (lookbehinds still read the
    text before a stretch)."""
    return _widened((m.span() for m in gate.finditer(text, overlapped=True)), reach, len(text))


def _widened(spans: Iterable[tuple[int, int]], reach: int, n: int) -> list[tuple[int, int]]:
    """``spans`` (in order of their starts) each widened by ``reach`` within ``0..n``, merged
    where they overlap."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        lo, hi = max(0, s - reach), min(n, e + reach)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


_WINDOWED = 2000
"""Texts longer than this read a trigger-reach pattern only around its triggers."""


def _near(words: Sequence[str], text: str, reach: int) -> list[tuple[int, int]]:
    """The stretches of ``text`` within ``reach`` characters of an occurrence of one of
    ``words`` (overlapping ones included), merged as ``_around`` merges them: each word is
    looked for with ``str.find``, much cheaper than a regular expression's pass."""
    spans: list[tuple[int, int]] = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            spans.append((at, at + len(word)))
            at = text.find(word, at + 1)
    spans.sort()
    return _widened(spans, reach, len(text))


KIND = Regex()
