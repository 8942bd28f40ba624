"""The overlap policy: which of the candidates that survived their context become findings.

1. Allow-list terms (user-supplied) suppress every candidate they cover, equal span included.
2. Correct forms (of ``replace`` and ``protected`` entries) suppress every candidate they
   cover *strictly*: 印度尼西亚 protects the 印度 inside it.
3. Among overlapping candidates the longest wins (ties: higher severity, then rule order,
   then position). Never two findings for one span.
4. Tentative candidates (statistical guesses) come after all others: a listed error or a
   rule's structure beats a guess it overlaps, whatever their lengths.
5. Personal numbers (privacy findings) are resolved apart from the rest (the scanner calls
   :func:`resolve` for each): a leak stands beside the spam line that holds it.
6. A guess on a line that holds injected spam is dropped (:func:`drop_guesses_beside`): the
   whole line is to go, and a "typo" in a casino's slogan is noise.
7. Advice on wording (a label for people: 黑户 for 无户口人员) in a sentence that holds a
   candidate of injected spam is dropped before the rest of the policy
   (:func:`drop_advice_beside`): the loan ad 黑户秒下款 is to be deleted, not reworded, and
   spam found by its make-up is tentative, so it would lose to the label it covers.

O(n log n) in candidates and shields: number-dense pages (公示名单) yield thousands of hits.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from itertools import accumulate

from .kinds.base import Candidate

_LINE_BREAK = re.compile("\n")
_SENTENCE_END = re.compile("[\n。！？!?]")

Shield = tuple[int, int, bool]
"""(start, end, allow): a span of a correct form, or (allow) of an allow-list term, which
covers equal spans too. A plain tuple: a text holds thousands of correct forms."""


def resolve(
    candidates: list[Candidate],
    shields: Sequence[Shield],
    priority: Callable[[Candidate], tuple[int, int]],
) -> list[Candidate]:
    """Apply the policy. ``priority(c)`` is (severity rank, rule index) of a candidate."""
    if not candidates:
        return candidates
    if shields:
        covers = _Shields(shields)
        candidates = [c for c in candidates if c.unshielded or not covers.cover(c.start, c.end)]
    if len(candidates) < 2:
        return candidates

    def order(c: Candidate) -> tuple[bool, int, int, int, int]:
        rank, rule = priority(c)
        return (c.tentative, c.start - c.end, -rank, rule, c.start)

    starts: list[int] = []  # accepted spans never overlap, so sorted starts order them fully
    ends: list[int] = []
    kept: list[Candidate] = []
    for cand in sorted(candidates, key=order):
        s, e = cand.start, cand.end
        i = bisect.bisect_left(starts, s)
        if (i < len(starts) and starts[i] < e) or (i > 0 and ends[i - 1] > s):
            continue
        starts.insert(i, s)
        ends.insert(i, e)
        kept.append(cand)
    return kept


class _Shields:
    """Shields queried for 'does one cover (s, e)?'."""

    def __init__(self, shields: Sequence[Shield]) -> None:
        self.items = sorted(shields)
        self.starts = [start for start, _, _ in self.items]
        self.max_end: list[int] = list(accumulate((end for _, end, _ in self.items), max))

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


def drop_guesses_beside(
    kept: list[Candidate], text: str, marks: list[Candidate]
) -> list[Candidate]:
    """``kept`` without the tentative candidates, other than ``marks`` (findings of injected
    spam, some of them tentative too), that share a line of ``text`` with one of ``marks``."""
    # lines as indices into the sorted line breaks: one pass over the text, then a binary
    # search per candidate (a long line is never walked once per candidate)
    breaks = [m.start() for m in _LINE_BREAK.finditer(text)]
    lines = {bisect.bisect_left(breaks, m.start) for m in marks}
    spam = set(map(id, marks))
    return [
        c
        for c in kept
        if not (c.tentative and id(c) not in spam and bisect.bisect_left(breaks, c.start) in lines)
    ]


def drop_advice_beside(
    kept: list[Candidate], text: str, marks: list[Candidate], advice: Callable[[Candidate], bool]
) -> list[Candidate]:
    """``kept`` without the candidates ``advice`` holds (advice on wording) that share a
    sentence of ``text`` with one of ``marks`` (findings of injected spam)."""
    ends = [m.start() for m in _SENTENCE_END.finditer(text)]
    sentences = {bisect.bisect_left(ends, m.start) for m in marks}
    return [c for c in kept if not (advice(c) and bisect.bisect_left(ends, c.start) in sentences)]
