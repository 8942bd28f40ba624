"""Normalizer.terms (many terms in one pass) gives what Normalizer.term gives each."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wording_guard.normalize import Normalizer, build_fold_table

# Chinese (simplified and traditional), full-width forms, noise, line breaks, NUL, astral
ALPHABET = "中国國發展全面从严治党ＡＢｃ１２ ,，.·*_-\u3000\u200b\t\r\n\x00\U00020000\U0001d400"


@pytest.fixture(scope="module")
def normalizer() -> Normalizer:
    return Normalizer(build_fold_table())


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=ALPHABET, max_size=12), max_size=600))
def test_terms_are_each_term(normalizer: Normalizer, terms: list[str]) -> None:
    assert normalizer.terms(terms) == [normalizer.term(t) for t in terms]


def test_many_terms_past_the_long_fold(normalizer: Normalizer) -> None:
    terms = ["發展 全面從嚴治黨", "中\n国", "ＡＢ·ｃ", ""] * 2000  # joined: past 4096 characters
    assert normalizer.terms(terms) == [normalizer.term(t) for t in terms]
