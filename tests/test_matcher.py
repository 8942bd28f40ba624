"""The Aho-Corasick backends return identical hits; daachorse round-trips through bytes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wording_guard.matcher import DaachorseMatcher, PyMatcher, RsMatcher, build_matcher

alphabet = st.sampled_from(list("中国台湾印度尼西亚ab𠀀\u0301"))
patterns = st.lists(st.text(alphabet, min_size=1, max_size=4), min_size=1, max_size=20, unique=True)


@settings(max_examples=300, deadline=None)
@given(patterns, st.text(alphabet, max_size=60))
def test_backends_agree(pats: list[str], text: str) -> None:
    daac = DaachorseMatcher(pats)
    found = daac.find(text)
    assert sorted(RsMatcher(pats).find(text)) == sorted(found)
    assert sorted(PyMatcher(pats).find(text)) == sorted(found)
    assert DaachorseMatcher.from_bytes(daac.to_bytes()).find(text) == found
    assert [e for _s, e, _i in found] == sorted(e for _s, e, _i in found)  # by end
    for start, end, index in found:
        assert text[start:end] == pats[index]


def test_backends_agree_on_shipped_lexicons(scanner) -> None:  # type: ignore[no-untyped-def]
    from conftest import DATA

    text = (DATA / "gwr_2024.txt").read_text(encoding="utf-8")
    view = scanner.normalizer.compact(scanner.normalizer.fold(text)).text
    pats = scanner.compiled.all_patterns()
    found = sorted(DaachorseMatcher(pats).find(view))
    assert sorted(RsMatcher(pats).find(view)) == found
    assert sorted(PyMatcher(pats).find(view)) == found


def test_empty_and_duplicate_patterns_rejected() -> None:
    with pytest.raises(ValueError, match="empty"):
        build_matcher(["a", ""])
    with pytest.raises(ValueError, match="distinct"):
        build_matcher(["a", "a"])
    with pytest.raises(ValueError, match="unknown matcher backend"):
        build_matcher(["a"], backend="nope")
    for backend in ("daachorse", "ahocorasick_rs", "pyahocorasick"):
        assert build_matcher([], backend).find("abc") == []
    assert DaachorseMatcher.from_bytes(b"").find("abc") == []


def test_damaged_automaton_bytes_are_refused() -> None:
    data = DaachorseMatcher(["中国", "国家", "ab"]).to_bytes()
    for damaged in (data[: len(data) // 2], data[:-1], b"not an automaton"):
        with pytest.raises(ValueError):
            DaachorseMatcher.from_bytes(damaged)
