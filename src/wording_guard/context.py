"""Context conditions: decide whether a candidate hit stands, looking only around it.

Everything here works on the *folded* text (same offsets as the original) and never scans
a whole text: each check reads a bounded window around the hit.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from .lexicon.schema import Conditions
from .normalize import NOISE_CHARS

SENTENCE_END = "。！？!?；;\n"
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_CORRECTION_CUES = (
    "应为", "应是", "应当为", "应改为", "改为", "更正为", "纠正为", "而非", "而不是", "不是",
    "不得使用", "不使用", "不宜使用", "不能使用", "不应使用", "禁止使用", "禁用", "慎用",
    "避免使用", "不要使用", "不得写成", "不能写成", "不应写成", "误写为", "误写成", "错写为",
    "错写成", "写作", "误作", "不称", "不得称", "不应称", "不能称", "不再使用", "规范表述为",
)
_OPEN_QUOTES = "“\"‘'「『"
_CLOSE_QUOTES = "”\"’'」』"
_WINDOW = 24


def _strip_noise_end(text: str) -> str:
    return text.rstrip(NOISE_CHARS)


def _strip_noise_start(text: str) -> str:
    return text.lstrip(NOISE_CHARS)


def sentence_bounds(text: str, start: int, end: int, limit: int = 200) -> tuple[int, int]:
    """The sentence around ``[start, end)``, at most ``limit`` characters each side."""
    lo = start
    floor = max(0, start - limit)
    while lo > floor and text[lo - 1] not in SENTENCE_END:
        lo -= 1
    hi = end
    ceiling = min(len(text), end + limit)
    while hi < ceiling and text[hi] not in SENTENCE_END:
        hi += 1
    return lo, hi


def preceded_by(folded: str, start: int, words: list[str]) -> bool:
    before = _strip_noise_end(folded[max(0, start - _WINDOW) : start])
    return any(before.endswith(w) for w in words)


def followed_by(folded: str, end: int, words: list[str]) -> bool:
    after = _strip_noise_start(folded[end : end + _WINDOW])
    return any(after.startswith(w) for w in words)


def inside(folded: str, start: int, end: int, words: list[str]) -> bool:
    for word in words:
        lo = max(0, end - len(word))
        hi = min(len(folded), start + len(word))
        pos = folded.find(word, lo, hi)
        while pos != -1:
            if pos <= start and end <= pos + len(word):
                return True
            pos = folded.find(word, pos + 1, hi)
    return False


def near(folded: str, start: int, end: int, words: list[str], window: int) -> bool:
    lo, hi = sentence_bounds(folded, start, end, window)
    left = folded[lo:start]
    right = folded[end:hi]
    return any(w in left or w in right for w in words)


def in_title(folded: str, start: int, end: int) -> bool:
    """Inside 《…》 (or 〈…〉 nested in a title) on the same line."""
    line_start = folded.rfind("\n", 0, start) + 1
    open_pos = max(folded.rfind("《", line_start, start), folded.rfind("〈", line_start, start))
    if open_pos == -1:
        return False
    close_before = max(folded.rfind("》", open_pos, start), folded.rfind("〉", open_pos, start))
    if close_before != -1:
        return False
    line_end = folded.find("\n", end)
    close_after = folded.find("》", end, line_end if line_end != -1 else len(folded))
    return close_after != -1


def in_quotes(folded: str, start: int, end: int) -> bool:
    """The hit is quoted in order to be corrected: 应为“X”, 不得使用“X”, “X”应为“Y”."""
    lo, hi = sentence_bounds(folded, start, end, 60)
    before = folded[lo:start]
    after = folded[end:hi]
    open_pos = max(before.rfind(q) for q in _OPEN_QUOTES)
    if open_pos == -1:
        return False
    if not any(q in after[:4] for q in _CLOSE_QUOTES):
        return False
    outside_before = before[max(0, open_pos - 12) : open_pos]
    outside_after = after[:20]
    return any(c in outside_before for c in _CORRECTION_CUES) or any(
        c in outside_after for c in _CORRECTION_CUES
    )


def sentence_year(folded: str, start: int, end: int) -> int | None:
    """The latest year written in the same sentence before or just after the hit (2017年…)."""
    lo, hi = sentence_bounds(folded, start, end, 80)
    years = [int(m.group(1)) for m in _YEAR.finditer(folded, lo, hi)]
    return max(years) if years else None


def dated_before(
    folded: str, start: int, end: int, valid_to: dt.date, date: dt.date | None
) -> bool:
    """The name was still in force at the time the text speaks of."""
    if date is not None and date < valid_to:
        return True
    year = sentence_year(folded, start, end)
    return year is not None and year < valid_to.year


@lru_cache(maxsize=1)
def _jieba():  # type: ignore[no-untyped-def]
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def word_boundary(folded: str, start: int, end: int) -> bool:
    """The hit starts and ends on a word boundary of the segmented window around it."""
    lo, hi = sentence_bounds(folded, start, end, 12)
    tokenizer = _jieba()
    cuts = {lo}
    pos = lo
    for token in tokenizer.cut(folded[lo:hi], HMM=False):
        pos += len(token)
        cuts.add(pos)
    return start in cuts and end in cuts


def check(
    cond: Conditions, folded: str, start: int, end: int
) -> bool:
    """True when every condition given in ``cond`` holds for the hit."""
    if cond.preceded_by and not preceded_by(folded, start, cond.preceded_by):
        return False
    if cond.followed_by and not followed_by(folded, end, cond.followed_by):
        return False
    if cond.inside and not inside(folded, start, end, cond.inside):
        return False
    if cond.near and not near(folded, start, end, cond.near, cond.window):
        return False
    if cond.in_title is not None and in_title(folded, start, end) != cond.in_title:
        return False
    if cond.in_quotes is not None and in_quotes(folded, start, end) != cond.in_quotes:
        return False
    if cond.word_boundary is not None and word_boundary(
        folded, start, end
    ) != cond.word_boundary:
        return False
    return True


def any_holds(cond: Conditions, folded: str, start: int, end: int) -> bool:
    """True when at least one condition given in ``cond`` holds (for ``unless``)."""
    return (
        (bool(cond.preceded_by) and preceded_by(folded, start, cond.preceded_by))
        or (bool(cond.followed_by) and followed_by(folded, end, cond.followed_by))
        or (bool(cond.inside) and inside(folded, start, end, cond.inside))
        or (bool(cond.near) and near(folded, start, end, cond.near, cond.window))
        or (cond.in_title is not None and in_title(folded, start, end) == cond.in_title)
        or (cond.in_quotes is not None and in_quotes(folded, start, end) == cond.in_quotes)
        or (
            cond.word_boundary is not None
            and word_boundary(folded, start, end) == cond.word_boundary
        )
    )
