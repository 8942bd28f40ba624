"""Turn validated rule files into the flat tables the scanner runs on.

The scanner's shared automaton holds every lexicon string: the *error* strings (a term, a
wrong form, a generated near-miss), each owned by one entry, and after them the *correct*
forms, which shield what they cover (see ``overlap.py``). Kinds add to it through a
:class:`Builder`; kinds that search on their own keep picklable data under their name in
``Compiled.kind_data``. Everything here runs once per lexicon set and is cached on disk
(``cache.py``).
"""

from __future__ import annotations

import datetime as dt
import string
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, MutableSequence, Sequence, Set
from dataclasses import dataclass, field
from itertools import accumulate, compress, filterfalse, groupby, repeat
from operator import add, itemgetter, not_
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .context import ContextWords
from .errors import LexiconError
from .kinds import KINDS
from .kinds.base import SHORT_HIT, EntryInfo, Ints, Packed, RuleInfo
from .lexicon.schema import Conditions, EntryBase
from .matcher import nul_joined
from .models import Category, Severity
from .normalize import Normalizer
from .validators import PrivacyData, Registry

if TYPE_CHECKING:  # the scan path unpickles Compiled and must not import these
    from . import nearmiss
    from .lexicon.loader import LoadedRule

# ascii_edges bits: the pattern starts / ends with an ASCII letter or digit, so it only
# matches at a Latin word boundary there
ALNUM_START = 1
ALNUM_END = 2


@dataclass
class Compiled:
    """Flat tables: rules, entries, the shared automaton's patterns and each kind's data."""

    rules: list[RuleInfo] = field(default_factory=list)
    # (a Packed sequence once read from the cache)
    entries: Sequence[EntryInfo] = field(default_factory=list)
    # patterns[:error_count] are error strings, the rest correct forms (shields)
    patterns: list[str] = field(default_factory=list)
    error_count: int = 0
    # patterns[yielding_from:error_count] are generated slips: their hits are tentative (any
    # other candidate they overlap wins, as a listed error inside 党风廉正建设 does)
    yielding_from: int = 0
    # per error pattern: the entry that owns it
    # (compact arrays: a list of 10^5 ints costs ~4 MB in every process, an array 0.5 MB;
    # read from the cache, a read-only memoryview of one, see Ints)
    pattern_entry: MutableSequence[int] = field(default_factory=lambda: array("i"))
    # per error pattern: its own suggestion (the correct form a generated near-miss came
    # from, or a paired replace entry's form); "" for the entry's forms (an Interned once
    # read from the cache)
    generated: Sequence[str] = field(default_factory=list)
    # per pattern: ALNUM_START | ALNUM_END bits
    ascii_edges: bytes = b""
    # entry -> further entries for the same string, tried in order when the first one's
    # ``when`` does not hold (one term, different contexts)
    alternatives: dict[int, tuple[int, ...]] = field(default_factory=dict)
    # short lexicon strings: segmentation must keep them whole for boundary checks
    short_words: list[str] = field(default_factory=list)
    kind_data: dict[str, Any] = field(default_factory=dict)
    words: ContextWords = field(default_factory=ContextWords)
    privacy: PrivacyData | None = None
    # set when the compiled-lexicon cache left ``patterns`` on disk: scanning needs them only
    # to build an automaton the cache does not hold (~10 MB and ~15 ms per start saved)
    patterns_file: Path | None = None

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        if not isinstance(self.generated, Interned):
            state["generated"] = Interned.of(self.generated)
        owners = self.pattern_entry  # (an Ints already in share_equal's copy of a state)
        state["pattern_entry"] = owners if isinstance(owners, Ints) else Ints(narrow(owners))
        if not isinstance(self.entries, Packed):
            state["entries"] = Packed.of(self.entries)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    @property
    def pattern_count(self) -> int:
        return len(self.ascii_edges)

    def all_patterns(self) -> list[str]:
        """``patterns``, read back from ``patterns_file`` first when they were left there."""
        if self.patterns_file is not None and len(self.patterns) != self.pattern_count:
            data = self.patterns_file.read_bytes().decode("utf-8")
            patterns = data.split("\x00") if data else []
            if len(patterns) != self.pattern_count:
                raise ValueError(f"{self.patterns_file}: damaged pattern list")
            self.patterns = patterns
        return self.patterns


def narrow(values: Iterable[int]) -> array[int]:
    """Non-negative ints as an array of the narrowest unsigned type that holds them all: the
    ~6*10^5 entry and suggestion indexes of the shipped tables are below 2**16, 2 bytes each
    instead of 4 in every scanner."""
    items = values if isinstance(values, array) else array("q", values)
    top = max(items, default=0)
    if min(items, default=0) < 0:
        return array("q", items)
    for code in ("B", "H", "I"):
        if top < 1 << (8 * array(code).itemsize):
            return array(code, items)
    return array("Q", items)


class Interned(Sequence[str]):
    """A long sequence of few distinct strings, as those strings and an index per item: the
    ~5*10^5 suggestions of ~10^4 correct forms unpickle in ~1 ms, not ~10 ms as a list."""

    __slots__ = ("_forms", "_index")

    def __init__(self, forms: tuple[str, ...], index: array[int] | memoryview) -> None:
        self._forms = forms
        self._index = index

    @classmethod
    def of(cls, items: Iterable[str]) -> Interned:
        items = list(items)
        where = {form: n for n, form in enumerate(dict.fromkeys(items))}
        return cls(tuple(where), narrow(map(where.__getitem__, items)))

    def __reduce__(self) -> tuple[type[Interned], tuple[tuple[str, ...], Ints]]:
        return Interned, (self._forms, Ints(self._index))

    def __len__(self) -> int:
        return len(self._index)

    def __getitem__(self, at: int | slice) -> Any:
        if isinstance(at, slice):
            return list(map(self._forms.__getitem__, self._index[at]))
        return self._forms[self._index[at]]

    def __iter__(self) -> Iterator[str]:
        return map(self._forms.__getitem__, self._index)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  # equal to lists: unhashable as they are


_ALNUM = frozenset(string.ascii_letters + string.digits)


def ascii_alnum(ch: str) -> bool:
    """An ASCII letter or digit."""
    return ch in _ALNUM


# byte -> "A" for an ASCII letter or digit, NUL for NUL, "?" for the rest
_EDGE_CLASS = bytes(65 if chr(b) in _ALNUM else 0 if b == 0 else 63 for b in range(256))


def all_ascii_edges(patterns: list[str]) -> bytes:
    """The ALNUM_START | ALNUM_END bits of every pattern, one byte each (patterns are never
    empty). The patterns are joined by NUL and reduced to a byte per character ("A" for a
    Latin letter or digit): the few patterns with such an edge are then found by searching
    the bytes in C, not by reading both ends of each of ~10^5 patterns in Python."""
    joined = nul_joined(patterns)
    if joined is None:  # a NUL inside a pattern: one by one
        starts = map(_ALNUM.__contains__, map(itemgetter(0), patterns))
        ends = map(_ALNUM.__contains__, map(itemgetter(-1), patterns))
        return bytes(a * ALNUM_START + b * ALNUM_END for a, b in zip(starts, ends, strict=True))
    marks = b"\x00" + joined.encode("ascii", "replace").translate(_EDGE_CLASS) + b"\x00"
    out = bytearray(len(patterns))
    for bit, probe in ((ALNUM_START, b"\x00A"), (ALNUM_END, b"A\x00")):
        nuls = upto = 0  # NULs in marks[:upto]; pattern k follows the (k + 1)-th NUL
        at = marks.find(probe)
        while at >= 0:
            nuls += marks.count(0, upto, at + 1)
            upto = at + 1
            out[nuls - 1] |= bit
            at = marks.find(probe, at + 1)
    return bytes(out)


class Builder:
    """Collects what the kinds compile, checks duplicates and contradictions, and lays out
    the tables. One builder per lexicon set."""

    def __init__(
        self,
        normalizer: Normalizer,
        registry: Registry,
        tables: nearmiss.Tables,
        reject_variant: set[str] | None = None,
        cut: Callable[[str], list[str]] | None = None,
        variants: nearmiss.Variants | None = None,
    ) -> None:
        from .nearmiss import Variants

        self.normalizer = normalizer
        self.registry = registry
        self.tables = tables
        self.cut = cut
        self.variants = variants or Variants(tables, cut)
        self.reject_variant = reject_variant or set()
        self.rules: list[RuleInfo] = []
        self.entries: list[EntryInfo] = []
        self.kind_data: dict[str, Any] = {}
        self._rule_paths: dict[str, str] = {}
        # normalized error string -> (entry, path, line)
        self._owners: dict[str, tuple[int, str, int | None]] = {}
        # an error string's own suggestion, where its entry pairs wrong and correct forms
        self._own_suggestion: dict[str, str] = {}
        self._with_when: set[int] = set()
        # equal conditions (a shared unless: *history) are one object in every scanner
        self._conditions: dict[str, Conditions] = {}
        self._alternatives: dict[int, tuple[int, ...]] = {}
        self._protect: dict[str, tuple[str, int | None]] = {}
        self._near_miss_sources: list[tuple[int, str, str, bool, bool, frozenset[str]]] = []
        # strings a grammar kind judges (全国人大十四届三次会议: the meeting kind's term
        # order): no generated near-miss equals one, so the grammar's finding stands
        self._judged: set[str] = set()
        # protected correct forms (normalized) -> the entry they are the correct form of: the
        # surface-form kinds report a slip inside one under that entry's category
        self.protected_entry: dict[str, int] = {}
        # people's names (normalized) a kind matches itself, beside titles (kind ``office``)
        # -> their entry: the surface-form kinds check how they are written too
        self.person_names: dict[str, int] = {}
        self._slips: list[tuple[int, dict[str, str]]] = []

    # -- rules and entries --------------------------------------------------------------

    def add_rule(self, loaded: LoadedRule) -> int:
        rule = loaded.rule
        path = str(loaded.path)
        if rule.id in self._rule_paths:
            raise LexiconError(
                f"rule id '{rule.id}' is also defined in {self._rule_paths[rule.id]}",
                path=path,
                key="id",
            )
        self._rule_paths[rule.id] = path
        kind = getattr(rule, "kind")  # noqa: B009  (each kind's model declares it)
        self.rules.append(
            RuleInfo(
                rule.id,
                rule.category,
                rule.severity,
                kind,
                rule.message,
                rule.source,
                rule.description,
                path,
                len(rule.entries),
            )
        )
        return len(self.rules) - 1

    def add_entry(
        self,
        rule_index: int,
        entry: EntryBase,
        line: int | None,
        *,
        flag_from: dt.date | None = None,
        boundary: bool | int = True,
        undated: bool = True,
        flag_until: dt.date | None = None,
        category: Category | None = None,
        page_dated: bool = False,
    ) -> int:
        rule = self.rules[rule_index]
        self.entries.append(
            EntryInfo(
                rule=rule_index,
                severity=entry.severity or rule.severity,
                message=entry.message or rule.message,
                suggestions=tuple(entry.suggestion_list()),
                when=self._fold_conditions(entry.when),
                unless=self._fold_conditions(entry.unless),
                flag_from=flag_from,
                line=line,
                # True: the usual short hits; a number: hits up to that many characters
                boundary=SHORT_HIT if boundary is True else int(boundary),
                undated=undated,
                flag_until=flag_until,
                category=category,
                page_dated=page_dated,
            )
        )
        # a form wrong only between two days is right outside them: conditional like `when`
        if entry.when is not None or flag_until is not None:
            self._with_when.add(len(self.entries) - 1)
        return len(self.entries) - 1

    def add_derived(
        self,
        rule_index: int,
        line: int | None,
        *,
        severity: Severity,
        message: str,
        category: Category | None = None,
    ) -> int:
        """An entry a kind derives from its rule (no suggestions, no conditions), such as the
        office kind's notice for names listed out of order; ``category``: reported under
        another category than the rule's."""
        self.entries.append(
            EntryInfo(rule_index, severity, message, (), None, None, None, line, category=category)
        )
        return len(self.entries) - 1

    def _fold_conditions(self, cond: Conditions | None) -> Conditions | None:
        """Condition words are compared with the folded text, so fold them the same way."""
        if cond is None or cond.is_empty():
            return None
        fold = self.normalizer.fold
        folded = cond.model_copy(
            update={
                key: [fold(w) for w in getattr(cond, key)]
                for key in ("preceded_by", "followed_by", "inside", "near")
            }
        )
        return self._conditions.setdefault(folded.model_dump_json(), folded)

    # -- strings of the shared automaton -------------------------------------------------

    def term(self, text: str, *, path: str, line: int | None, key: str) -> str:
        """``text`` as the automaton matches it; empty after normalization is an error."""
        norm = self.normalizer.term(text)
        if not norm:
            raise LexiconError(
                f"term '{text}' is empty after normalization", path=path, line=line, key=key
            )
        return norm

    def flag(
        self,
        text: str,
        entry_index: int,
        *,
        path: str,
        line: int | None,
        key: str,
        suggestion: str | None = None,
    ) -> None:
        """An error string owned by ``entry_index``, suggesting ``suggestion`` alone when
        given (else its entry's forms). A string may belong to several entries only when each
        has ``when`` (the first whose conditions hold wins)."""
        norm = self.term(text, path=path, line=line, key=key)
        other = self._owners.get(norm)
        if other is None:
            self._owners[norm] = (entry_index, path, line)
            if suggestion is not None:
                self._own_suggestion[norm] = suggestion
            return
        first = other[0]
        if first in self._with_when and entry_index in self._with_when:
            self._alternatives[first] = (*self._alternatives.get(first, ()), entry_index)
            return
        raise LexiconError(
            f"'{text}' is already a term of the entry at {other[1]}:{other[2]}"
            " (a string may repeat only when every entry for it has `when`)",
            path=path,
            line=line,
            key=key,
        )

    def flagged(self, text: str) -> bool:
        """Whether ``text`` (normalized) is already an error string of some entry."""
        return self.normalizer.term(text) in self._owners

    def protect(self, text: str, *, path: str, line: int | None, entry: int | None = None) -> str:
        """A correct form: shields the strictly shorter error hits it covers. ``entry``: the
        entry it is the correct form of (``protected_entry``; the first one keeps it)."""
        norm = self.term(text, path=path, line=line, key="correct")
        self._protect.setdefault(norm, (path, line))
        if entry is not None:
            self.protected_entry.setdefault(norm, entry)
        return norm

    def near_misses(
        self,
        entry_index: int,
        norm: str,
        original: str,
        *,
        words_only: bool = False,
        swapped_items: bool = False,
        also: Iterable[str] = (),
    ) -> None:
        """Generate near-miss variants of the correct form ``norm`` as error strings;
        ``words_only``: only its words replaced by near-synonyms (``word_substitutions``);
        ``swapped_items``: two items of a list in it swapped too (``item_swaps``). Any list
        form also gets two neighbouring items with their heads or tails crossed
        (``crossed_items``). ``also``: variants the kind made itself (normalized: an
        organisation name with a near word, ``protected``'s ``name_words``), dropped as the
        generated ones are when they are real text or another entry's."""
        self._near_miss_sources.append(
            (entry_index, norm, original, words_only, swapped_items, frozenset(also))
        )

    def judged_by_grammar(self, texts: Iterable[str]) -> None:
        """Strings a grammar kind judges: generated near-misses never equal one of them
        (a block swap of 十四届|全国人大 is the meeting kind's term order, not a typo)."""
        self._judged.update(self.normalizer.term(t) for t in texts)

    def slips(self, entry_index: int, pairs: dict[str, str]) -> None:
        """Error strings generated offline (normalized wrong form -> its correct form), each
        suggesting its own correction. One another rule lists, protects or generates is
        left to that rule."""
        self._slips.append((entry_index, pairs))

    # -- layout ------------------------------------------------------------------------------

    def finish(self, words: ContextWords, privacy: PrivacyData) -> Compiled:
        for norm, (path, line) in self._protect.items():
            other = self._owners.get(norm)
            # a right word may be flagged where a condition says it is misused (罄竹难书 for
            # good deeds): then the conditional entry owns the string; otherwise the lexicon
            # contradicts itself
            if other is not None and other[0] not in self._with_when:
                raise LexiconError(
                    f"'{norm}' is a correct form here but a wrong form at {other[1]}:{other[2]}",
                    path=path,
                    line=line,
                    key="correct",
                )
        out = Compiled(
            rules=self.rules,
            entries=self.entries,
            alternatives=self._alternatives,
            kind_data=self.kind_data,
            words=words,
            privacy=privacy,
        )
        generated: list[str] = []
        out.generated = generated
        out.patterns.extend(self._owners)
        out.pattern_entry.extend(owner[0] for owner in self._owners.values())
        generated.extend(self._own_suggestion.get(p, "") for p in self._owners)
        # Generated near-misses: drop any that is a lexicon string, a real word, or ambiguous
        # (made for two entries; for one entry, the last correct form that made it stays).
        # ~10^5 of them: sets and maps in C, a Python loop only over those made twice.
        blocked = set(self._owners) | set(self._protect) | self.reject_variant | self._judged
        candidates: dict[str, tuple[int, str]] = {}
        ambiguous: set[str] = set()
        from .nearmiss import (
            crossed_items,
            inner_word_drops,
            item_swaps,
            word_drops,
            word_substitutions,
        )

        for entry_index, norm, original, words_only, items, also in self._near_miss_sources:
            fresh = self.variants(norm) - blocked
            if words_only and self.cut is not None:
                fresh &= {v for _, v in word_substitutions(norm, self.tables, self.cut)}
            if items:
                fresh |= set(item_swaps(norm)) - blocked
                if self.cut is not None:  # a frozen form's word left out
                    fresh |= set(word_drops(norm, self.cut)) - blocked
                    fresh |= set(inner_word_drops(norm, self.cut)) - blocked
            # two items' heads crossed: a list of the same words, never a real wording
            fresh |= set(crossed_items(norm)) - blocked
            fresh |= also - blocked
            for variant in fresh & candidates.keys():
                if candidates[variant][0] != entry_index:
                    ambiguous.add(variant)
            candidates.update(dict.fromkeys(fresh, (entry_index, original)))
        kept = sorted(candidates.keys() - ambiguous)
        made = list(map(candidates.__getitem__, kept))
        out.patterns.extend(kept)
        out.pattern_entry.extend(map(itemgetter(0), made))
        generated.extend(map(itemgetter(1), made))
        out.yielding_from = len(out.patterns)
        taken = blocked | candidates.keys()
        errors = self._owners.keys() | candidates.keys()
        holders = _Holders(
            errors, max((len(w) for _, pairs in self._slips for w in pairs), default=0)
        )
        for entry_index, pairs in self._slips:
            # one holding another error string is left to that string's rule (公平竟争: 竟争)
            # in the file's order, which is nearly the sorted one: sorting it is ~5x faster
            untaken = list(filterfalse(taken.__contains__, pairs))
            slips = sorted(compress(untaken, map(not_, holders.holding(untaken))))
            taken.update(slips)
            out.patterns.extend(slips)
            out.pattern_entry.extend(repeat(entry_index, len(slips)))
            generated.extend(map(pairs.__getitem__, slips))
        out.error_count = len(out.patterns)
        out.patterns.extend(p for p in self._protect if p not in self._owners)
        out.ascii_edges = all_ascii_edges(out.patterns)
        out.short_words = sorted({p for p in [*self._owners, *self._protect] if 2 <= len(p) <= 4})
        return out


class _Holders:
    """Which texts hold one of ``strings`` as a strict substring (two characters or more),
    for texts of up to ``longest`` characters: one automaton over the strings short enough
    to be inside one (~5*10^4 of the ~2.5*10^5 error strings), built once for all slips
    files, run over each file's texts joined by NUL; a match shorter than its text is a
    holding. (Slicing every piece of ~4.5*10^5 slips to look it up took twice as long.)"""

    def __init__(self, strings: Set[str], longest: int) -> None:
        self._strings = strings
        self._short = [s for s in strings if 2 <= len(s) < longest and "\x00" not in s]
        self._automaton: Any = None

    def holding(self, texts: list[str]) -> list[bool]:
        joined = nul_joined(texts)
        if joined is None:  # a text holds a NUL: the pieces are looked up one by one
            return _holding_any(texts, self._strings)
        if not self._short:
            return [False] * len(texts)
        if self._automaton is None:
            import daachorse

            self._automaton = daachorse.CharwiseDoubleArrayAhoCorasick(
                self._short, match_kind=daachorse.MATCH_KIND_STANDARD
            )
        lengths = list(map(len, texts))
        starts = list(accumulate(map(add, lengths, repeat(1)), initial=0))
        holding = [False] * len(texts)
        for start, end, _ in self._automaton.find_overlapping(joined):
            at = bisect_right(starts, start) - 1
            if end - start < lengths[at]:
                holding[at] = True
        return holding


def _holding_any(texts: list[str], strings: Set[str]) -> list[bool]:
    """Per text, whether a strict substring of it (two characters or more) is in
    ``strings``. Per length of text, each place of a substring is cut from all texts of
    that length and looked up at once, in C (~10^5 slips)."""
    holding: set[str] = set()
    for n, group in groupby(sorted(texts, key=len), len):
        same = list(group)
        for k in range(2, n):
            for i in range(n - k + 1):
                pieces = map(itemgetter(slice(i, i + k)), same)
                holding.update(compress(same, map(strings.__contains__, pieces)))
    return list(map(holding.__contains__, texts))


def compile_rules(
    loaded: Iterable[LoadedRule],
    normalizer: Normalizer,
    *,
    registry: Registry,
    words: ContextWords,
    privacy: PrivacyData,
    tables: nearmiss.Tables,
    reject_variant: set[str] | None = None,
    cut: Callable[[str], list[str]] | None = None,
    variants: nearmiss.Variants | None = None,
) -> Compiled:
    """Compile rules into flat tables. Raises :class:`LexiconError` on duplicates and
    contradictions (a string that is a wrong form in one place and correct in another, unless
    the wrong form's entry has ``when``: a right word misused in a context).

    ``reject_variant``: real words and phrases that generated near-misses must not equal;
    ``cut``: a word segmenter, for word swaps in long formulations; ``variants``: the
    near-misses made so far of ``tables`` and ``cut`` (``nearmiss.real_words`` made them)."""
    builder = Builder(normalizer, registry, tables, reject_variant, cut, variants)
    for item in loaded:
        kind = KINDS[getattr(item.rule, "kind")]  # noqa: B009
        kind.compile(item, builder)
    return builder.finish(words, privacy)
