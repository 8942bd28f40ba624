"""Regex entries with a ``reach`` counted from their triggers (no ``requires``): in a long
text they run only around the triggers' occurrences, and must find there what they find in
the whole text."""

from __future__ import annotations

import re
from typing import Any

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from wording_guard.kinds.base import alternation
from wording_guard.kinds.regex import _WINDOWED, RegexEntry, _around, _near, _widened
from wording_guard.lexicon import load_directory
from wording_guard.lexicon.paths import shipped_lexicon_dir
from wording_guard.matcher import DEFAULT_BACKEND, build_matcher
from wording_guard.normalize import Normalizer, build_fold_table

_MARK = re.compile(r"\[\[|\]\]")


def _trigger_reach_entries() -> list[RegexEntry]:
    return [
        entry
        for loaded in load_directory(shipped_lexicon_dir())
        for entry in loaded.rule.entries
        if isinstance(entry, RegexEntry) and entry.reach is not None and entry.requires is None
    ]


ENTRIES = _trigger_reach_entries()


def test_some_entries_use_a_trigger_reach() -> None:
    assert ENTRIES


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.pattern[:30])
def test_every_example_match_lies_within_reach_of_a_trigger(entry: RegexEntry) -> None:
    # each example, alone and inside a long text whose far parts hold its triggers too,
    # yields the same matches read whole and read only around the triggers
    fold = Normalizer(build_fold_table()).fold
    assert entry.reach is not None
    view = entry.view == "original"
    triggers = [t if view else fold(t) for t in entry.triggers]
    pattern = regex.compile(entry.pattern)
    far = "。".join(triggers) + "。" + "文" * _WINDOWED + "。"
    examples = [b.text for b in entry.examples.bad] + [g.text for g in entry.examples.good]
    found_any = False
    for example in examples:
        plain = _MARK.sub("", example)
        for text in (plain, far + plain + far):
            text = text if view else fold(text)
            whole = [m.span() for m in pattern.finditer(text)]
            near = [
                m.span()
                for lo, hi in _near(triggers, text, entry.reach)
                for m in pattern.finditer(text, lo, hi)
            ]
            assert sorted(near) == sorted(whole), example
            for s, e in whole:
                found_any = True
                # near an occurrence of a trigger: held by the match or read by its
                # lookarounds
                assert any(
                    at - entry.reach <= s and e <= at + len(t) + entry.reach
                    for t in triggers
                    for at in _occurrences(t, text)
                ), example
    assert found_any


def _occurrences(word: str, text: str) -> list[int]:
    return [m.start() for m in re.finditer(f"(?={re.escape(word)})", text)]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["台", "港", "台港", "第一"]), min_size=1, max_size=3, unique=True),
    st.text("台港第一文、", max_size=60),
    st.integers(1, 12),
)
def test_windows_around_words_are_those_around_their_regex(
    words: list[str], text: str, reach: int
) -> None:
    gate: Any = regex.compile(alternation(words))
    assert _near(words, text, reach) == _around(gate, text, reach)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["台", "港", "台港", "港台港", "第一"]), min_size=1, max_size=4, unique=True
    ),
    st.text("台港第一文、", max_size=60),
    st.integers(1, 12),
)
def test_one_automaton_pass_makes_the_windows_of_a_find_per_word(
    words: list[str], text: str, reach: int
) -> None:
    # RegexFinder finds the triggers of all such patterns in one pass of an automaton
    spans = sorted((s, e) for s, e, _ in build_matcher(words, DEFAULT_BACKEND).find(text))
    assert _widened(spans, reach, len(text)) == _near(words, text, reach)
