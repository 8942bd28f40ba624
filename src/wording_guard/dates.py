"""Dates and document numbers in official text: a validator and a fixer for regex rules
(listed by name in :func:`wording_guard.validators.builtin_registry`), and date extraction
for document-level checks."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from .numerals import number_to_999

# 2023年2月30日 / 2023-02-30 / 2023.2.30 (digits folded to half-width before matching)
DATE = re.compile(
    r"(?<![0-9])((?:19|20)[0-9]{2})\s*(?:年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日"
    r"|[-./]([0-9]{1,2})[-./]([0-9]{1,2})(?![0-9]))"
)
_CN_DIGITS = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def _parts(match: re.Match[str]) -> tuple[int, int, int]:
    year = int(match.group(1))
    month = int(match.group(2) or match.group(4))
    day = int(match.group(3) or match.group(5))
    return year, month, day


def dates_in(text: str) -> Iterator[tuple[int, int, dt.date | None]]:
    """(start, end, date or None when impossible) for every full date written in ``text``."""
    for m in DATE.finditer(text):
        try:
            date = dt.date(*_parts(m))
        except ValueError:
            date = None
        yield m.start(), m.end(), date


def impossible_date(match: str, text: str, start: int, end: int) -> bool:
    """A written date that does not exist (2023年2月30日, 2024年13月1日)."""
    m = DATE.fullmatch(match)
    if m is None:
        return False
    try:
        dt.date(*_parts(m))
    except ValueError:
        return True
    return False


_NUMBER = re.compile(
    r"(?P<head>.*?)[\[［(（【〔](?P<year>(?:19|20)[0-9]{2})[\]］)）】〕]"
    r"(?P<tail>[0-9]+号)"
)


# a document number's year and serial (〔2023〕56号), its issuer code (机关代字) before it
_YEAR_SERIAL = re.compile(r"[\[［(（【〔](?:19|20)[0-9]{2}[\]］)）】〕][0-9]{1,5}号")
_CODE_MOST = 8  # characters of an issuer code (国办发, 市监处罚, 湛府办函)


def document_number_codes(text: str) -> list[tuple[int, int]]:
    """Spans of the issuer codes of the document numbers in ``text`` (市监处罚 of
    市监处罚〔2023〕56号): the Chinese characters right before the bracketed year, at most
    ``_CODE_MOST`` of them. An abbreviation, not prose (GB/T 9704 发文字号)."""
    spans: list[tuple[int, int]] = []
    after = 0  # the end of the previous number: its 号 starts no code
    for m in _YEAR_SERIAL.finditer(text):
        end = start = m.start()
        while (
            start > after and end - start < _CODE_MOST and "\u4e00" <= text[start - 1] <= "\u9fff"
        ):
            start -= 1
        if start < end:
            spans.append((start, end))
        after = m.end()
    return spans


def document_number_brackets(match: str) -> str:
    """湛府办函[2023]55号 → 湛府办函〔2023〕55号 (GB/T 9704: the year goes in 六角括号)."""
    m = _NUMBER.fullmatch(match)
    if m is None:
        return match
    return f"{m.group('head')}〔{m.group('year')}〕{m.group('tail')}"


# 民国56年 / 中华民国五十六年: the Republic's calendar counts from 1912 (民国元年)
_ROC_YEAR = re.compile(r"(?:中华)?民国([0-9]{1,3}|[一二三四五六七八九十百零]{1,5})年")


def roc_year_to_gregorian(match: str) -> str:
    """民国56年 → 1967年 (the Gregorian year a year of the Republic's calendar names)."""
    m = _ROC_YEAR.fullmatch(match)
    year = number_to_999(m.group(1)) if m else None
    return f"{1911 + year}年" if year else match
