"""A thin interface over Aho-Corasick automata.

Every backend takes a list of distinct, non-empty patterns and returns every occurrence,
overlapping ones included, as ``(start, end, pattern_index)`` half-open code-point offsets,
ordered by end. ``DaachorseMatcher`` (daachorse's character-wise double array, Rust) is the
default: on the shipped lexicons it scans ~2.5x faster than ahocorasick_rs and, unlike it,
serializes, so a warm start reads the automaton from the compiled-lexicon cache in a few
milliseconds instead of rebuilding it (~0.3 s). ahocorasick_rs and pyahocorasick stay
available behind the same interface (numbers for all three in benchmarks/RESULTS.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol


class Matcher(Protocol):
    name: str

    def find(self, text: str) -> list[tuple[int, int, int]]:
        """All occurrences of all patterns in ``text``, overlapping included."""
        ...


class DaachorseMatcher:
    """daachorse backend (default); :meth:`to_bytes` / :meth:`from_bytes` round-trip it."""

    name = "daachorse"

    def __init__(self, patterns: list[str], *, _automaton: object = None) -> None:
        if _automaton is not None:
            self._ac = _automaton
            return
        import daachorse

        _check(patterns)
        self._ac = (
            daachorse.CharwiseDoubleArrayAhoCorasick(
                patterns, match_kind=daachorse.MATCH_KIND_STANDARD
            )
            if patterns
            else None
        )

    def find(self, text: str) -> list[tuple[int, int, int]]:
        if self._ac is None:
            return []
        return self._ac.find_overlapping(text)  # type: ignore[attr-defined, no-any-return]

    def to_bytes(self) -> bytes:
        return b"" if self._ac is None else self._ac.serialize()  # type: ignore[attr-defined]

    @classmethod
    def from_bytes(cls, data: bytes) -> DaachorseMatcher:
        """The matcher :meth:`to_bytes` wrote; ``ValueError`` when ``data`` is not one
        (daachorse validates the structure before using it)."""
        if not data:
            return cls([])
        import daachorse

        return cls([], _automaton=daachorse.CharwiseDoubleArrayAhoCorasick.deserialize(data))


class RsMatcher:
    """ahocorasick_rs backend."""

    name = "ahocorasick_rs"

    def __init__(self, patterns: list[str]) -> None:
        import ahocorasick_rs

        _check(patterns)
        self._empty = not patterns
        # store_patterns=False: matches are read as indexes, and a second copy of every
        # pattern inside the automaton costs ~9 MB for the shipped lexicons
        self._ac = ahocorasick_rs.AhoCorasick(
            patterns or ["\x00"],
            matchkind=ahocorasick_rs.MatchKind.Standard,
            store_patterns=False,
        )

    def find(self, text: str) -> list[tuple[int, int, int]]:
        if self._empty:
            return []
        return [(s, e, i) for i, s, e in self._ac.find_matches_as_indexes(text, overlapping=True)]


class PyMatcher:
    """pyahocorasick backend, kept for comparison and as a fallback."""

    name = "pyahocorasick"

    def __init__(self, patterns: list[str]) -> None:
        import ahocorasick

        _check(patterns)
        self._ac = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for index, pattern in enumerate(patterns):
            self._ac.add_word(pattern, index)
        self._lengths = [len(p) for p in patterns]
        self._empty = not patterns
        if patterns:
            self._ac.make_automaton()

    def find(self, text: str) -> list[tuple[int, int, int]]:
        if self._empty:
            return []
        lengths = self._lengths
        return [(end + 1 - lengths[i], end + 1, i) for end, i in self._ac.iter(text)]


BACKENDS: dict[str, type[DaachorseMatcher] | type[RsMatcher] | type[PyMatcher]] = {
    "daachorse": DaachorseMatcher,
    "ahocorasick_rs": RsMatcher,
    "pyahocorasick": PyMatcher,
}
DEFAULT_BACKEND = "daachorse"


def spans_by_pattern(hits: Iterable[tuple[int, int, int]]) -> dict[int, list[tuple[int, int]]]:
    """The spans of ``hits`` (a matcher's, or some of them) by pattern index, each pattern's
    in the order given: one pass, where sorting and grouping tens of thousands of hits costs
    about twice as much."""
    out: dict[int, list[tuple[int, int]]] = {}
    for s, e, pid in hits:
        spans = out.get(pid)
        if spans is None:
            out[pid] = [(s, e)]
        else:
            spans.append((s, e))
    return out


def nul_joined(strings: list[str]) -> str | None:
    """The strings joined by NUL, or None when one holds a NUL (the joined text would not
    tell them apart): one C-level string to hash or search instead of a Python loop."""
    joined = "\x00".join(strings)
    return joined if joined.count("\x00") == len(strings) - 1 else None


def _check(patterns: list[str]) -> None:
    if "" in patterns:
        raise ValueError("empty patterns cannot be matched")
    if len(set(patterns)) != len(patterns):
        raise ValueError("patterns must be distinct")


def build_matcher(patterns: list[str], backend: str = DEFAULT_BACKEND) -> Matcher:
    try:
        cls = BACKENDS[backend]
    except KeyError:
        raise ValueError(
            f"unknown matcher backend '{backend}'; use one of {sorted(BACKENDS)}"
        ) from None
    return cls(patterns)
