"""The scanner: normalize, match, apply context and the overlap policy, build findings."""

from __future__ import annotations

import bisect
import datetime as dt
import re
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

import regex

from . import context, suppress
from . import dates as _dates  # noqa: F401  (registers the date validators and fixers)
from .cache import load_compiled
from .compiler import ALLOW, EntryInfo
from .errors import ConfigError, LexiconError
from .matcher import DEFAULT_BACKEND, build_matcher
from .models import Finding, Severity
from .structured import STRUCTURED, EnumerationChecker, OfficeChecker
from .validators import FIXERS, VALIDATORS

_NEWLINE = re.compile("\n")

# Hits of lexicon terms up to this many characters must sit on word boundaries.
SHORT_HIT = 3

# A raw candidate: (start, end, entry index, pattern index (-1 regex, STRUCTURED), suggestion)
_Raw = tuple[int, int, int, int, "str | None"]


def _ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


class Scanner:
    """A compiled set of lexicons, ready to scan texts. Immutable and thread-safe.

    >>> scanner = Scanner()                      # the shipped lexicons
    >>> custom = Scanner(lexicon_dirs=[Path("my_lexicons")], include_shipped=True,
    ...                  allow=["某某专用语"], disable=["typo.common"],
    ...                  severity_overrides={"improper_wording.xinhua": "notice"})
    """

    def __init__(
        self,
        lexicon_dirs: Sequence[str | Path] = (),
        *,
        include_shipped: bool = True,
        allow: Iterable[str] = (),
        disable: Iterable[str] = (),
        severity_overrides: Mapping[str, str | Severity] | None = None,
        backend: str = DEFAULT_BACKEND,
        use_cache: bool = True,
    ) -> None:
        self.normalizer, self.compiled = load_compiled(
            [Path(d) for d in lexicon_dirs], include_shipped, sorted(set(allow)), use_cache
        )
        self.backend = backend
        context.set_jieba_words(self.compiled.short_words)
        self._offices = OfficeChecker(self.compiled)
        self._enumerations = EnumerationChecker(self.compiled, self.normalizer)
        self._matcher = build_matcher(self.compiled.patterns, backend)
        known = {r.id for r in self.compiled.rules}
        self._known_ids = frozenset(known)
        self.disabled = frozenset(disable)
        unknown = sorted(self.disabled - known)
        if unknown:
            raise ConfigError(f"unknown rule id(s) to disable: {', '.join(unknown)}")
        overrides: dict[str, Severity] = {}
        for rule_id, level in (severity_overrides or {}).items():
            if rule_id not in known:
                raise ConfigError(f"unknown rule id in severity overrides: {rule_id}")
            try:
                overrides[rule_id] = Severity(level)
            except ValueError:
                raise ConfigError(
                    f"severity for {rule_id} must be serious, improper or notice, not {level!r}"
                ) from None
        self.severity_overrides = overrides
        self._regexes = []
        for entry_index, pattern in self.compiled.regexes:
            entry = self.compiled.entries[entry_index]
            rule = self.compiled.rules[entry.rule]
            try:
                compiled = regex.compile(pattern)
            except regex.error as exc:
                raise LexiconError(
                    f"bad pattern: {exc}", path=rule.path, line=entry.line, key="pattern"
                ) from exc
            if entry.validator and entry.validator not in VALIDATORS:
                raise LexiconError(
                    f"unknown validator '{entry.validator}'",
                    path=rule.path,
                    line=entry.line,
                    key="validator",
                )
            if entry.fix and entry.fix not in FIXERS:
                raise LexiconError(
                    f"unknown fix '{entry.fix}'", path=rule.path, line=entry.line, key="fix"
                )
            self._regexes.append((entry_index, compiled))
        # one small automaton finds the trigger literals of all gated regex entries
        literals = sorted({t for ts in self.compiled.triggers.values() for t in ts})
        self._trigger_words = literals
        self._trigger_of: dict[str, list[int]] = {}
        for entry_index, words in self.compiled.triggers.items():
            for word in words:
                self._trigger_of.setdefault(word, []).append(entry_index)
        self._trigger_matcher = build_matcher(literals, backend) if literals else None

    @property
    def rule_ids(self) -> list[str]:
        return [r.id for r in self.compiled.rules]

    def scan(
        self,
        text: str,
        *,
        date: dt.date | str | None = None,
        disable: Iterable[str] = (),
    ) -> list[Finding]:
        """Findings in ``text``, sorted by position. ``date`` is the document's date: names
        that were correct on that date are not flagged as outdated."""
        if not isinstance(text, str):
            raise TypeError(f"scan() needs a str, not {type(text).__name__}")
        if isinstance(date, str):
            try:
                date = dt.date.fromisoformat(date)
            except ValueError:
                raise ConfigError(f"date must be YYYY-MM-DD, not {date!r}") from None
        disabled = self.disabled
        if disable:
            extra = frozenset(disable)
            unknown = sorted(extra - self._known_ids)
            if unknown:
                raise ConfigError(f"unknown rule id(s) to disable: {', '.join(unknown)}")
            disabled = disabled | extra
        folded = self.normalizer.fold(text)
        raws, shields = self._candidates(text, folded, date)
        entries = self.compiled.entries
        short = [
            (r[0], r[1])
            for r in raws
            if r[3] >= 0 and r[1] - r[0] <= SHORT_HIT and entries[r[2]].boundary
        ]
        cuts = context.word_cuts(folded, short) if short else set()
        kept: list[_Raw] = []
        for raw in raws:
            entry_index = self._standing_entry(raw, folded, date, disabled, cuts)
            if entry_index is not None:
                kept.append(raw if entry_index == raw[2] else (*raw[:2], entry_index, *raw[3:]))
        kept = _resolve_overlaps(kept, shields, self.compiled.entries, self._severity_rank)
        if suppress.MARKER in text:
            spans = suppress.suppressed_spans(text, self._known_ids)
            rules = self.compiled.rules
            entries = self.compiled.entries
            kept = [
                r
                for r in kept
                if not suppress.is_suppressed(rules[entries[r[2]].rule].id, r[0], spans)
            ]
        return self._findings(text, kept)

    # -- internals -------------------------------------------------------------------------

    def _candidates(
        self, text: str, folded: str, date: dt.date | None
    ) -> tuple[list[_Raw], list[tuple[int, int, bool]]]:
        compiled = self.compiled
        targets = compiled.targets
        edges = compiled.ascii_edges
        view = self.normalizer.compact(folded)
        vtext = view.text
        raws: list[_Raw] = []
        shields: list[tuple[int, int, bool]] = []
        for pid, s, e in self._matcher.find(vtext):
            target = targets[pid]
            edge = edges[pid]
            if edge and (
                (edge & 1 and s > 0 and _ascii_alnum(vtext[s - 1]))
                or (edge & 2 and e < len(vtext) and _ascii_alnum(vtext[e]))
            ):
                continue
            os, oe = view.to_original(s, e)
            if target < 0:
                shields.append((os, oe, target == ALLOW))
            else:
                generated = compiled.generated[pid]
                raws.append((os, oe, target, pid, generated or None))
        raws.extend(self._offices.find(vtext, view.to_original, folded, compiled, date))
        raws.extend(self._enumerations.find(folded, compiled, date))
        gated = compiled.triggers
        armed: set[int] = set()
        if self._trigger_matcher is not None:
            words = self._trigger_words
            for tid, _s, _e in self._trigger_matcher.find(folded):
                armed.update(self._trigger_of[words[tid]])
        for entry_index, pattern in self._regexes:
            if entry_index in gated and entry_index not in armed:
                continue
            entry = compiled.entries[entry_index]
            check = VALIDATORS[entry.validator] if entry.validator else None
            for m in pattern.finditer(folded):
                s, e = m.span()
                if s == e or (check is not None and not check(m.group(), folded, s, e)):
                    continue
                fix = FIXERS[entry.fix](text[s:e]) if entry.fix else None
                raws.append((s, e, entry_index, -1, fix))
        return raws, shields

    def _standing_entry(
        self,
        raw: _Raw,
        folded: str,
        date: dt.date | None,
        disabled: frozenset[str],
        cuts: set[int],
    ) -> int | None:
        """The entry a candidate stands for in its context, or None when it is dropped.

        ``cuts``: word boundaries around the short hits, segmented once per scan."""
        s, e, first, pid = raw[0], raw[1], raw[2], raw[3]
        entries = self.compiled.entries
        if (
            pid >= 0
            and e - s <= SHORT_HIT
            and entries[first].boundary
            and not (s in cuts and e in cuts)
        ):
            return None
        for entry_index in (first, *self.compiled.alternatives.get(first, ())):
            entry = entries[entry_index]
            if disabled and self.compiled.rules[entry.rule].id in disabled:
                continue
            if (
                entry.valid_to is not None
                and pid != STRUCTURED
                and context.dated_before(folded, s, e, entry.valid_to, date)
            ):
                continue
            if entry.unless is not None and context.any_holds(entry.unless, folded, s, e):
                continue
            if entry.when is None or context.check(entry.when, folded, s, e):
                # a wrong form cited in order to correct it (应为“…”，不得写成“…”) is not an
                # error; checked last because it reads the whole sentence
                return None if context.in_quotes(folded, s, e) else entry_index
        return None

    def _severity(self, entry: EntryInfo) -> Severity:
        rule_id = self.compiled.rules[entry.rule].id
        return self.severity_overrides.get(rule_id, entry.severity)

    def _severity_rank(self, entry: EntryInfo) -> int:
        return self._severity(entry).rank

    def _findings(self, text: str, kept: list[_Raw]) -> list[Finding]:
        if not kept:
            return []
        kept.sort(key=lambda r: (r[0], r[1]))
        newlines = [m.start() for m in _NEWLINE.finditer(text)]
        compiled = self.compiled
        out: list[Finding] = []
        for s, e, entry_index, _pid, override in kept:
            entry = compiled.entries[entry_index]
            rule = compiled.rules[entry.rule]
            suggestions = (override,) if override is not None else entry.suggestions
            surface = text[s:e]
            first = suggestions[0] if suggestions else ""
            message = entry.message.replace("{text}", surface).replace("{suggestion}", first)
            line = bisect.bisect_left(newlines, s)
            column = s - (newlines[line - 1] + 1 if line else 0) + 1
            out.append(
                Finding(
                    rule_id=rule.id,
                    category=rule.category,
                    severity=self._severity(entry),
                    start=s,
                    end=e,
                    text=surface,
                    message=message,
                    suggestions=suggestions,
                    line=line + 1,
                    column=column,
                )
            )
        return out


def _resolve_overlaps(
    raws: list[_Raw],
    shields: list[tuple[int, int, bool]],
    entries: list[EntryInfo],
    severity_rank: Callable[[EntryInfo], int],
) -> list[_Raw]:
    """Apply the overlap policy (docs/lexicon-format.md): shields first, then longest wins.

    O(n log n) in hits and shields: number-dense pages (公示名单) yield thousands of hits."""
    if not raws:
        return raws
    if shields:
        covers = _Shields(shields)
        raws = [r for r in raws if not covers.cover(r[0], r[1])]
    if len(raws) < 2:
        return raws
    order = sorted(
        raws,
        key=lambda r: (-(r[1] - r[0]), -severity_rank(entries[r[2]]), entries[r[2]].rule, r[0]),
    )
    starts: list[int] = []  # accepted spans never overlap, so sorted starts order them fully
    ends: list[int] = []
    kept: list[_Raw] = []
    for raw in order:
        s, e = raw[0], raw[1]
        i = bisect.bisect_left(starts, s)
        if (i < len(starts) and starts[i] < e) or (i > 0 and ends[i - 1] > s):
            continue
        starts.insert(i, s)
        ends.insert(i, e)
        kept.append(raw)
    return kept


class _Shields:
    """Spans of correct forms and allow-list terms, queried for 'does one cover (s, e)?'."""

    def __init__(self, shields: list[tuple[int, int, bool]]) -> None:
        self.items = sorted(shields)
        self.starts = [x[0] for x in self.items]
        self.max_end: list[int] = []
        best = -1
        for _, end, _ in self.items:
            best = max(best, end)
            self.max_end.append(best)

    def cover(self, s: int, e: int) -> bool:
        i = bisect.bisect_right(self.starts, s) - 1
        if i < 0 or self.max_end[i] < e:
            return False
        # some shield starting at or before s reaches e; only an equal-span correct form
        # (not an allow-list term) does not count, so look closer in that rare case
        for j in range(i, -1, -1):
            if self.max_end[j] < e:
                break  # no shield at or before j reaches e
            ss, se, is_allow = self.items[j]
            if se >= e and (is_allow or se - ss > e - s):
                return True
        return False


_default: Scanner | None = None
_default_lock = threading.Lock()


def default_scanner() -> Scanner:
    """The scanner over the shipped lexicons, built once per process."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Scanner()
    return _default
