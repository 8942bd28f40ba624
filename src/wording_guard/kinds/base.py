"""What every rule kind is made of, and the types that flow between kinds and the scanner.

A rule kind is one module under ``wording_guard.kinds`` with one :class:`RuleKind` subclass:

* ``rule_model``: the pydantic model of a rule file of that kind (``kind: Literal[...]`` and
  its own entry model; unknown keys forbidden); validators on the model are the load-time
  checks (patterns compile, dates in order);
* ``compile``: turns a validated rule into table rows through a :class:`Builder` (strings for
  the shared automaton, or the kind's own picklable data), once per lexicon set (cached);
* ``finder``: for kinds that search on their own (patterns, structures), the scan-time step
  that yields :class:`Candidate` hits; kinds made of lexicon strings find through the
  scanner's shared automaton and need none;
* ``doc``: what it flags, why, an example (shown by ``wording-guard explain``).
"""

from __future__ import annotations

import datetime as dt
import math
import operator
import pickle
import re
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain, compress, repeat
from operator import itemgetter, sub
from pathlib import Path
from typing import (
    TYPE_CHECKING,
    Any,
    ClassVar,
    Literal,
    NamedTuple,
    Protocol,
    SupportsIndex,
    cast,
    get_args,
)

from ..charmodel import is_han
from ..errors import LexiconError
from ..lexicon.schema import Conditions, EntryBase, RuleBase
from ..models import Category, Severity
from ..normalize import NOISE_CHAR

if TYPE_CHECKING:
    from ..charmodel import Models
    from ..compiler import Builder
    from ..context import ContextWords
    from ..lexicon.loader import LoadedRule
    from ..normalize import Normalizer, View
    from ..segment import Segmenter
    from ..validators import Registry


# By default, hits of lexicon strings up to this many characters must sit on word boundaries.
SHORT_HIT = 3


def alternation(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words`` literally, the longest first where
    several start at one place; ``(?!)`` (nothing) for no words."""
    ordered = sorted(words, key=len, reverse=True)
    return "(?:" + "|".join(map(re.escape, ordered)) + ")" if ordered else "(?!)"


def logistic(bias: float, weights: Sequence[float], features: Sequence[float]) -> float:
    """1 / (1 + exp(-(bias + sum of weight * feature))): the scores the kinds fitted offline
    give (statistical, homophone)."""
    z = bias + sum(w * x for w, x in zip(weights, features, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


@dataclass(frozen=True)
class KindDoc:
    """The fixed template every kind documents itself in."""

    what: str
    """What it flags."""
    why: str
    """Why that is an error worth a rule kind."""
    example: str
    """A minimal rule entry (YAML) and what it catches."""


class Candidate(NamedTuple):
    """A hit before context and overlap decide whether it becomes a finding."""

    start: int
    end: int
    entry: int
    """Index into the compiled entries."""
    suggestion: str | None = None
    """Replaces the entry's suggestions (a computed fix, a near-miss's correct form)."""
    lexical: bool = False
    """A lexicon string: short ones must sit on word boundaries (``boundary``)."""
    self_dated: bool = False
    """The kind judged the entry's dates itself; the scanner must not again."""
    tentative: bool = False
    """A statistical guess: it yields to any other candidate it overlaps."""
    unshielded: bool = False
    """A finding about how a correct form is written (a name broken by a space): the
    correct forms that shield error hits inside them do not shield it."""


@dataclass(frozen=True)
class RuleInfo:
    """A rule as the public catalogue shows it (``Scanner.rules``)."""

    id: str
    category: Category
    severity: Severity
    kind: str
    message: str
    source: str
    description: str | None
    path: str
    entries: int


class EntryInfo(NamedTuple):
    """A compiled entry: what a hit of it reports and when it stands. (A named tuple: a warm
    start unpickles ~6.5*10^3 of them, a third faster than dataclass instances.)"""

    rule: int
    severity: Severity
    message: str
    suggestions: tuple[str, ...]
    when: Conditions | None
    unless: Conditions | None
    flag_from: dt.date | None
    """Hits in text that speaks of a time before this date are dropped."""
    line: int | None
    boundary: int = SHORT_HIT
    """Lexical hits up to this many characters must sit on word boundaries (0: none)."""
    undated: bool = True
    """With ``flag_from``: hits in text whose time is unknown stand (False: dropped)."""
    flag_until: dt.date | None = None
    """Hits in text that speaks of this date or a later time are dropped, and so are hits
    in text whose time is unknown (judged as now, after it)."""
    category: Category | None = None
    """The category its findings are reported under, where a kind lets an entry differ from
    its rule's (None: the rule's)."""
    page_dated: bool = False
    """With ``flag_until``: only the document's date makes a text old: hits stand only in a
    document dated before ``flag_until`` whose sentence names no year from its year on (a
    page of 2024 about 2016 may call a body by its current name)."""


@dataclass(frozen=True)
class ScanInput:
    """One text being scanned, in the views the finders read."""

    text: str
    folded: str
    """Same length as ``text``: width, case and traditional forms folded."""
    view: View
    """``folded`` with noise removed, and the way back to original offsets."""
    date: dt.date | None
    protected: tuple[tuple[int, int], ...] = ()
    """Spans (original offsets) of the protected correct forms the shared automaton found."""
    listed: tuple[tuple[int, int], ...] = ()
    """Spans (original offsets) of the lexicon's error strings the shared automaton found,
    before context and dates judge them."""
    found: frozenset[str] | None = None
    """Which of the finders' ``probes`` the shared automaton found in ``view``; None when
    they were not looked for (a finder run on its own)."""
    anchored: Mapping[str, Sequence[tuple[int, int]]] | None = None
    """Where the finders' ``anchors`` occur in ``view`` (start, end), every occurrence; None
    when they were not looked for (a finder run on its own)."""


@dataclass(frozen=True)
class ScanEnv:
    """What a finder may use besides its own data: the compiled entries, the context words
    and the validators/fixers of the scanner that owns it."""

    entries: Sequence[EntryInfo]
    words: ContextWords
    registry: Registry
    normalizer: Normalizer
    backend: str
    segmenter: Segmenter
    models: Models
    """The character models, loaded on first use and shared between finders."""


class Finder(Protocol):
    """A finder may also have ``probes``: strings (folded, without noise) whose presence in
    the compact view the scanner's shared automaton reports in ``ScanInput.found``, so that
    the finder need not search for them itself; and ``anchors``: such strings whose every
    occurrence it reports in ``ScanInput.anchored`` (see :class:`AnchorSearch`)."""

    def find(self, scan: ScanInput) -> Iterable[Candidate]:
        """Candidates in the scanned text, original offsets."""
        ...


class RuleKind:
    """Base of the rule kinds; subclasses set the class attributes and override the steps."""

    name: ClassVar[str]
    rule_model: ClassVar[type[RuleBase]]
    doc: ClassVar[KindDoc]

    def computed_suggestion(self, entry: EntryBase) -> bool:
        """The suggestion is computed (an official list, a mask), not written in the entry;
        the self-test then checks only the span, unless the example names one."""
        return False

    def compile(self, loaded: LoadedRule, builder: Builder) -> None:
        raise NotImplementedError

    def finder(self, data: Any, env: ScanEnv) -> Finder | None:
        """The scan-time step over ``data`` (what ``compile`` stored), or None."""
        return None


class AnchorSearch:
    """Where a finder's strings occur in the compact view (or, ``folded``, in the folded
    text), as an Aho-Corasick search of them alone would report them (``(index, start,
    end)``): every occurrence by end, the longest first (``longest=False``), or the
    leftmost-longest matches. Read from the scanner's shared automaton, which finds its
    ``anchors`` in its one pass (each automaton pass over the text costs ~1-2 ms/MB more
    than its matches, mostly in cache misses); a finder run on its own searches with an
    automaton of its own, built on first such use.

    In the folded text, a string that holds no noise (nor a line end) stands wherever the
    compact view holds it with nothing removed inside; a set with a string that holds some
    is no anchors and is always searched on its own."""

    def __init__(self, strings: Sequence[str], *, longest: bool, folded: bool = False) -> None:
        self.strings = tuple(strings)
        # each string's number in ``strings`` (the last, where a string repeats)
        self.numbers = dict(zip(self.strings, _numbers(len(self.strings)), strict=False))
        self._longest = longest
        self._folded = folded
        # one search over all strings (~10^4 of them at every start): the separator is no
        # noise, so a noise run in one of them holds a line end or a noise character; with no
        # line end, a run is a noise character (a search for one skips ahead 4x faster than
        # one for NOISE_RUN, which starts with a group: ~7 ms of every start)
        joined = "\x00".join(self.strings)
        shared = not folded or not ("\n" in joined or NOISE_CHAR.search(joined))
        self.anchors = self.strings if shared else ()
        self._own: Any = None  # idempotent, so threads may race harmlessly

    def find(self, scan: ScanInput, *, ordered: bool = True) -> list[tuple[int, int, int]]:
        """The occurrences; ``ordered=False``: in no particular order (saves a sort)."""
        if scan.anchored is None or not self.anchors:
            return self._alone(scan.folded if self._folded else scan.view.text)
        anchored, index = scan.anchored, self.numbers
        # the strings of these found in the text: the intersection walks the smaller side
        # in C (the anchors of all finders found in a long text run to thousands, and six
        # finders read them); ordered by index so that results never depend on string hashes
        strings = self.strings
        found = sorted(map(index.__getitem__, index.keys() & anchored.keys()))
        mapped = self._folded and scan.view.has_cuts
        if not ordered and not mapped:
            # (as fast as the passes below, and faster for the few hits most searches have)
            return [(i, s, e) for i in found for s, e in anchored[strings[i]]]
        # the hits as (index, start, end), in C-level passes (thousands of hits a long text):
        # each found string's index repeated once per span, beside the spans' starts and ends
        spans = list(map(anchored.__getitem__, map(strings.__getitem__, found)))
        numbers = list(chain.from_iterable(map(repeat, found, map(len, spans))))
        starts = list(map(_FIRST, chain.from_iterable(spans)))
        ends = list(map(_SECOND, chain.from_iterable(spans)))
        if mapped:
            # mapped back; a hit with something removed inside is dropped
            kept, starts, ends = scan.view.unbroken_spans(starts, ends)
            if len(starts) != len(numbers):
                numbers = list(compress(numbers, kept))
        if not ordered:
            return list(zip(numbers, starts, ends, strict=True))
        if not self._longest:
            # by end, the longest first (one string per span: tuples compare in C)
            by_end = sorted(zip(ends, map(sub, starts, ends), numbers, starts, strict=True))
            return list(
                zip(map(_THIRD, by_end), map(_FOURTH, by_end), map(_FIRST, by_end), strict=True)
            )
        # by start, the longest first (unique per hit, as above), then the leftmost-longest
        by_start = sorted(zip(starts, map(sub, starts, ends), numbers, ends, strict=True))
        chosen = []
        end = 0
        for s, _, i, e in by_start:
            if s >= end:
                chosen.append((i, s, e))
                end = e
        return chosen

    def grouped(self, scan: ScanInput) -> Iterable[tuple[int, Sequence[tuple[int, int]]]]:
        """The occurrences of ``find(scan, ordered=False)`` in the same order, as (index,
        spans): those of one string together where the shared automaton found them (a
        finder then reads what it keeps per string once, not once a hit)."""
        anchored = scan.anchored
        if anchored is None or not self.anchors or (self._folded and scan.view.has_cuts):
            return [(i, ((s, e),)) for i, s, e in self.find(scan, ordered=False)]
        index, strings = self.numbers, self.strings
        found = sorted(map(index.__getitem__, index.keys() & anchored.keys()))
        return list(
            zip(found, map(anchored.__getitem__, map(strings.__getitem__, found)), strict=True)
        )

    @staticmethod
    def order(index: int, start: int, end: int) -> tuple[int, int, int, int]:
        """Where a hit stands in the order ``find`` gives without ``longest`` (by end, the
        longest first): a finder that makes few results of many hits may take them
        unordered and sort only its results by their hits' keys (unique per hit)."""
        return end, start - end, index, start

    def _alone(self, text: str) -> list[tuple[int, int, int]]:
        import ahocorasick_rs

        kind = ahocorasick_rs.MatchKind
        if self._own is None:
            self._own = ahocorasick_rs.AhoCorasick(
                list(self.strings),
                matchkind=kind.LeftmostLongest if self._longest else kind.Standard,
            )
        return self._own.find_matches_as_indexes(text, overlapping=not self._longest)  # type: ignore[no-any-return]


_FIRST, _SECOND, _THIRD, _FOURTH = itemgetter(0), itemgetter(1), itemgetter(2), itemgetter(3)


_NUMBERS: list[int] = []


def _numbers(count: int) -> list[int]:
    """0, 1, … (at least ``count`` of them), the same int objects for every caller: a
    scanner's searches number ~5*10^4 strings, ~1 MB as ints of their own. (Replaced whole,
    never changed: threads that race each make a correct list.)"""
    global _NUMBERS
    numbers = _NUMBERS
    if len(numbers) < count:
        numbers = _NUMBERS = numbers + list(range(len(numbers), count))
    return numbers


class Packed(Sequence[Any]):
    """A sequence of picklable items kept pickled, a group of :data:`PACKED_GROUP` items at a
    time, each group unpickled when one of its items is first read: for the large tables a
    scan reads only by index, and only a few items of (the compiled entries, ~7.7*10^3 of
    them, and the idiom kind's forms per anchor, ~2*10^4). Unpickling them whole took a
    sixth of a warm start's tables (~15 ms); a page's scan reads a few dozen. A warm start
    reads one bytes object and an array of offsets. The items read are equal to those
    packed (their strings are no longer shared with the rest of the tables); threads that
    race to unpickle one group each make an equal copy, and one of them stays.

    The blob pickles as a buffer of protocol 5: the compiled-lexicon cache writes it out of
    band, in a file a scanner maps rather than reads (see ``cache``), so the pages of groups
    never read are never in memory (the idiom kind's are ~6 MB)."""

    __slots__ = ("_blob", "_ends", "_groups", "_length")

    def __init__(self, blob: bytes | memoryview, ends: array[int], length: int) -> None:
        # (an out-of-band buffer comes as the object the loader was given: read as a view)
        self._blob = blob if isinstance(blob, bytes) else memoryview(blob)
        self._ends = ends  # where each group's pickle ends in the blob
        self._length = length
        self._groups: list[list[Any] | None] = [None] * len(ends)

    @classmethod
    def of(cls, items: Iterable[Any]) -> Packed:
        items = list(items)
        pieces = [
            pickle.dumps(items[at : at + PACKED_GROUP], protocol=pickle.HIGHEST_PROTOCOL)
            for at in range(0, len(items), PACKED_GROUP)
        ]
        ends = array("Q", accumulate(map(len, pieces)))
        return cls(b"".join(pieces), ends, len(items))

    def __reduce_ex__(self, protocol: SupportsIndex) -> tuple[Any, ...]:
        return Packed, (_buffer(self._blob, protocol), self._ends, self._length)

    def _group(self, number: int) -> list[Any]:
        group = self._groups[number]
        if group is None:
            start = self._ends[number - 1] if number else 0
            group = self._groups[number] = pickle.loads(self._blob[start : self._ends[number]])
        return group

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, at: int | slice) -> Any:
        if isinstance(at, slice):
            return [self[k] for k in range(*at.indices(self._length))]
        if at < 0:
            at += self._length
        if not 0 <= at < self._length:
            raise IndexError("Packed index out of range")
        return self._group(at // PACKED_GROUP)[at % PACKED_GROUP]

    def __iter__(self) -> Iterator[Any]:
        for number in range(len(self._ends)):
            yield from self._group(number)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  # equal to lists: unhashable as they are


PACKED_GROUP = 16  # items per pickled group of a Packed sequence


def _buffer(data: bytes | memoryview, protocol: SupportsIndex) -> bytes | pickle.PickleBuffer:
    """``data`` as a pickle writes it: a buffer (in or out of band) from protocol 5 on."""
    return pickle.PickleBuffer(data) if operator.index(protocol) >= 5 else bytes(data)


class Ints(Sequence[int]):
    """An array of ints (``array`` or a ``memoryview`` cast to one type) that pickles as a
    buffer of protocol 5, read back as a read-only ``memoryview`` of that type. Out of band
    in the compiled-lexicon cache (see :class:`Packed`): a scan reads the items of its hits
    only, the pages of the rest are never in memory."""

    __slots__ = ("_values",)

    def __init__(self, values: array[int] | memoryview) -> None:
        self._values = values

    def __len__(self) -> int:
        return len(self._values)

    def __getitem__(self, at: int | slice) -> Any:
        return self._values[at]

    def __iter__(self) -> Iterator[int]:
        return iter(self._values)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, (Sequence, array, memoryview)) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  # equal to arrays: unhashable as they are

    def __reduce_ex__(self, protocol: SupportsIndex) -> tuple[Any, ...]:
        values = self._values
        code = values.typecode if isinstance(values, array) else values.format
        return ints_view, (code, _buffer(memoryview(values).cast("B"), protocol))


_IntCode = Literal["b", "B", "h", "H", "i", "I", "l", "L", "q", "Q"]
_INT_CODES: frozenset[str] = frozenset(get_args(_IntCode))


def ints_view(code: str, data: bytes | memoryview) -> memoryview:
    """What :class:`Ints` pickled: ``data`` read as items of type ``code``."""
    if code not in _INT_CODES:
        raise ValueError(f"not an array of ints: {code!r}")
    return memoryview(data).cast("B").cast(cast(_IntCode, code))


class PackedValues(Mapping[str, Any]):
    """A mapping with few keys and large values, each value kept pickled until it is first
    read (as :class:`Packed`): the division kind's tables per province (~7 ms of every
    start unpickled whole), of which a scan reads those of the provinces it names. Threads
    that race to unpickle one value each make an equal copy, and one of them stays. The
    values pickle as buffers of protocol 5 (see :class:`Packed`)."""

    __slots__ = ("_pickled", "_read")

    def __init__(self, pickled: Mapping[str, bytes | memoryview]) -> None:
        self._pickled = {
            k: v if isinstance(v, bytes) else memoryview(v) for k, v in pickled.items()
        }
        self._read: dict[str, Any] = {}

    @classmethod
    def of(cls, mapping: Mapping[str, Any]) -> PackedValues:
        return cls(
            {k: pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL) for k, v in mapping.items()}
        )

    def __reduce_ex__(self, protocol: SupportsIndex) -> tuple[Any, ...]:
        return PackedValues, ({k: _buffer(v, protocol) for k, v in self._pickled.items()},)

    def __getitem__(self, key: str) -> Any:
        try:
            return self._read[key]
        except KeyError:
            value = self._read[key] = pickle.loads(self._pickled[key])
            return value

    def __contains__(self, key: object) -> bool:
        return key in self._pickled

    def __iter__(self) -> Iterator[str]:
        return iter(self._pickled)

    def __len__(self) -> int:
        return len(self._pickled)


class JoinedWords:
    """A large set of strings a rare path looks up, held as one string: each word between
    NULs (no word holds one). A lookup searches it in C (~10 µs for 10^5 characters), and
    the set costs two bytes a character instead of ~100 bytes a word (an object and its
    slot in a hash table): ~3.5 MB for the division kind's 2*10^4 common words."""

    __slots__ = ("_joined",)

    def __init__(self, words: Iterable[str]) -> None:
        listed = sorted(set(words))
        if any("\x00" in word for word in listed):
            raise ValueError("a word holds a NUL")
        self._joined = "\x00" + "".join(word + "\x00" for word in listed)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and "\x00" not in word and f"\x00{word}\x00" in self._joined

    def __len__(self) -> int:
        return self._joined.count("\x00") - 1

    def __iter__(self) -> Iterator[str]:
        return iter(self._joined[1:-1].split("\x00") if len(self._joined) > 1 else ())

    def __reduce__(self) -> tuple[Any, ...]:
        return _joined_words, (self._joined,)


def _joined_words(joined: str) -> JoinedWords:
    """A :class:`JoinedWords` of its joined string, as pickled (no sort or test again)."""
    words = JoinedWords.__new__(JoinedWords)
    words._joined = joined
    return words


@lru_cache(maxsize=1)
def jieba_words() -> tuple[tuple[str, int, str], ...]:
    """``nearmiss.jieba_entries()``, read once per build: several kinds go through jieba's
    dictionary (~3.5*10^5 lines, ~0.15 s a reading). The build lets it go when done
    (``jieba_words.cache_clear()``)."""
    from ..nearmiss import jieba_entries

    return tuple(jieba_entries())


def read_json_table(path: Path, table_format: str, what: str) -> dict[str, Any]:
    """The JSON object of a (gzipped, by its suffix) data table, checked for its
    ``format``; a LexiconError saying the file is no ``what`` otherwise."""
    import gzip  # (a start that reads the pickled copy needs none)
    import json

    opener: Any = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8") as fh:
            raw = json.load(fh)
        if not isinstance(raw, dict) or raw.get("format") != table_format:
            raise ValueError(f"not a {table_format} table")
        return raw
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise LexiconError(f"{path}: not a {what} ({err})") from None


def data_file(loaded: LoadedRule, given: str, what: str) -> Path:
    """A data file a rule names (``given``, relative to the rule file), resolved; a
    LexiconError naming the rule and ``what`` the file is when it is missing."""
    path = (loaded.path.parent / given).resolve()
    if not path.is_file():
        raise LexiconError(f"{loaded.path}: {what} {given} not found ({path})")
    return path


def read_pairs(path: Path) -> dict[str, str]:
    """The first two tab-separated fields of each line of a data file (# comments)."""
    if not path.is_file():
        raise LexiconError(f"data file {path} not found")
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            key, _, rest = line.partition("\t")
            out[key] = rest.partition("\t")[0]
    return out


def entries_of(loaded: LoadedRule) -> Iterable[tuple[int, EntryBase, int | None]]:
    """(index, entry, line) of every entry of a loaded rule."""
    lines = loaded.entry_lines
    for n, entry in enumerate(loaded.rule.entries):
        yield n, entry, lines[n] if n < len(lines) else None


def sole_entry(loaded: LoadedRule, builder: Builder) -> tuple[EntryBase, int]:
    """The one entry of a rule whose kind takes one (its data is in a file of the rule's),
    registered with the builder after the rule: (the entry, its index)."""
    rule_index = builder.add_rule(loaded)
    ((_, entry, line),) = entries_of(loaded)
    return entry, builder.add_entry(rule_index, entry, line)


class NearNames:
    """Three-character names, and the one a three-character window misspells: the window
    differs from exactly one of them in exactly one character (习远平 → 习近平). Shared by the
    nets that look for misspelt names beside titles (kinds ``office`` and ``protected``)."""

    def __init__(self, names: Iterable[str]) -> None:
        self.names = frozenset(n for n in names if len(n) == 3)
        self._keys: dict[str, set[str]] = {}
        for name in self.names:
            for k in range(3):
                self._keys.setdefault(name[:k] + "?" + name[k + 1 :], set()).add(name)

    def misspelt(self, window: str) -> str | None:
        """The name ``window`` misspells, or None (not three Han characters, a name itself,
        or near no name or several)."""
        if len(window) != 3 or window in self.names:
            return None
        if not all(map(is_han, window)):
            return None
        close = set().union(
            *(self._keys.get(window[:k] + "?" + window[k + 1 :], ()) for k in range(3))
        )
        return next(iter(close)) if len(close) == 1 else None


def word_classes(classes: Mapping[str, Any], fold: Any) -> dict[str, str]:
    """Each folded word of named word classes (each with ``.words``) with the first class
    that lists it, in listing order (the spam kinds' cue and word classes)."""
    owner: dict[str, str] = {}
    for name, word_class in classes.items():
        for word in word_class.words:
            owner.setdefault(fold(word), name)
    return owner


def changed_chars(a: str, b: str) -> int:
    """How many characters of two strings of one length differ."""
    return sum(x != y for x, y in zip(a, b, strict=True))


def common_prefix_length(a: str, b: str) -> int:
    """How many characters two strings share at their start (where an edit between them
    begins)."""
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i
