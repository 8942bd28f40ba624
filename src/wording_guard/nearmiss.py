"""Near-miss variants of protected terms (leaders, meetings, formulations, names).

A protected term written with one character replaced by a homophone or a similar-shaped
character, two adjacent characters swapped, or -- for terms of 6+ characters -- one character
dropped or doubled, is reported with the correct form as suggestion. Variants are generated
from data (``lexicons/_data``) at compile time; the compiler drops variants that are real
words or phrases.
"""

from __future__ import annotations

from collections.abc import Iterator

MIN_LENGTH_FOR_INDEL = 6


def swaps(term: str) -> Iterator[str]:
    """Two adjacent, different characters swapped."""
    for i in range(len(term) - 1):
        if term[i] != term[i + 1]:
            yield term[:i] + term[i + 1] + term[i] + term[i + 2 :]


def drops(term: str) -> Iterator[str]:
    """One character dropped (only for long terms, where the rest stays unambiguous)."""
    if len(term) < MIN_LENGTH_FOR_INDEL:
        return
    for i in range(len(term)):
        yield term[:i] + term[i + 1 :]


def variants(term: str) -> set[str]:
    """All generated variants of ``term`` (not yet filtered against real words)."""
    found = set(swaps(term)) | set(drops(term))
    found.discard(term)
    return found


def real_words(normalizer: object, dirs: object) -> set[str]:
    """Words and phrases that a generated variant must not equal (filled in by the lexicon
    work: jieba's dictionary and the corpus)."""
    return set()
