"""A thin interface over Aho-Corasick automata.

Both backends take a list of distinct, non-empty patterns and return every occurrence,
overlapping ones included, as ``(pattern_index, start, end)`` half-open code-point offsets.
``RsMatcher`` (ahocorasick_rs, Rust) is the default: on lexicons with thousands of distinct
first characters it is 10-20x faster than pyahocorasick, which scans a node's children
linearly (numbers in benchmarks/RESULTS.md).
"""

from __future__ import annotations

from typing import Protocol


class Matcher(Protocol):
    def find(self, text: str) -> list[tuple[int, int, int]]:
        """All occurrences of all patterns in ``text``, overlapping included."""
        ...


class RsMatcher:
    """ahocorasick_rs backend (default)."""

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
        return self._ac.find_matches_as_indexes(text, overlapping=True)


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
        return [(i, end + 1 - lengths[i], end + 1) for end, i in self._ac.iter(text)]


BACKENDS: dict[str, type[RsMatcher] | type[PyMatcher]] = {
    "ahocorasick_rs": RsMatcher,
    "pyahocorasick": PyMatcher,
}
DEFAULT_BACKEND = "ahocorasick_rs"


def _check(patterns: list[str]) -> None:
    if any(not p for p in patterns):
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
