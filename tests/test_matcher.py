"""Both Aho-Corasick backends return identical hits."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wording_guard.matcher import PyMatcher, RsMatcher, build_matcher

alphabet = st.sampled_from(list("中国台湾印度尼西亚ab𠀀\u0301"))
patterns = st.lists(st.text(alphabet, min_size=1, max_size=4), min_size=1, max_size=20, unique=True)


@settings(max_examples=300, deadline=None)
@given(patterns, st.text(alphabet, max_size=60))
def test_backends_agree(pats: list[str], text: str) -> None:
    rs = sorted(RsMatcher(pats).find(text))
    py = sorted(PyMatcher(pats).find(text))
    assert rs == py
    for index, start, end in rs:
        assert text[start:end] == pats[index]


def test_backends_agree_on_shipped_lexicons(scanner) -> None:  # type: ignore[no-untyped-def]
    from conftest import DATA

    text = (DATA / "gwr_2024.txt").read_text(encoding="utf-8")
    view = scanner.normalizer.compact(scanner.normalizer.fold(text)).text
    pats = scanner.compiled.patterns
    assert sorted(RsMatcher(pats).find(view)) == sorted(PyMatcher(pats).find(view))


def test_empty_and_duplicate_patterns_rejected() -> None:
    with pytest.raises(ValueError, match="empty"):
        build_matcher(["a", ""])
    with pytest.raises(ValueError, match="distinct"):
        build_matcher(["a", "a"])
    with pytest.raises(ValueError, match="unknown matcher backend"):
        build_matcher(["a"], backend="nope")
    assert build_matcher([]).find("abc") == []
