"""Named functions that regex rules refer to by name: ``validator`` confirms a match,
``fix`` turns it into the suggestion. Lexicons name them; unknown names fail at load.

A validator gets the matched text (folded: half-width digits, lower case) and the whole folded
text with the match offsets, so it can look at context; it returns True to keep the hit.
A fixer gets the *original* surface of the match and returns the suggestion.

The privacy validators (身份证、残疾人证、手机号、银行卡、护照及港澳台通行证) check the number
itself (check digit, real birth date, address code, number range) and read the labels around
it ("联系电话：", "订单号", "咨询热线", a table header above it). Their data lives in
``lexicons/_privacy/`` and is read lazily, once per process: ``region_codes.txt`` (GB/T 2260
codes ever assigned), ``mobile_prefixes.txt`` (mobile number ranges) and ``context.yaml``
(the labels). The fixers mask: only the digits and letters hidden, separators and width kept
(``138-****-1111``, ``４２０１０６＊＊＊＊＊＊＊＊００３Ｘ``), so the suggestion can replace the
original span as it is.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

Validator = Callable[[str, str, int, int], bool]
Fixer = Callable[[str], str]

VALIDATORS: dict[str, Validator] = {}
FIXERS: dict[str, Fixer] = {}

_DIGITS = re.compile(r"[0-9xX]")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# Separators allowed inside a written number (folded text): space, hyphen and hyphen-like dashes.
SEPARATORS = " -\u2010\u2011\u2012\u2013"
# Where a label stops applying: sentence ends and line breaks.
_CLAUSE_END = "。！？!?；;\n"
# How far before a number its label may stand (characters, same clause).
_LABEL_WINDOW = 32
# How far after a number a trailing label may stand ("13800001111（值班室）").
_TRAIL_WINDOW = 12
# A table row: cells separated by tabs, "|" or runs of two or more spaces.
_TABLE_ROW = re.compile(r"\t|\||  +")
# The longest line taken for a table cell of its own.
_CELL = 24


def validator(name: str) -> Callable[[Validator], Validator]:
    def register(func: Validator) -> Validator:
        VALIDATORS[name] = func
        return func

    return register


def fixer(name: str) -> Callable[[Fixer], Fixer]:
    def register(func: Fixer) -> Fixer:
        FIXERS[name] = func
        return func

    return register


def digits_of(text: str) -> str:
    """The digits (and X) of a match, separators dropped."""
    return "".join(_DIGITS.findall(text)).upper()


# -- data files (lexicons/_privacy), read once -----------------------------------------------


def _data_dir() -> Path:
    from .lexicon.loader import shipped_lexicon_dir

    return shipped_lexicon_dir() / "_privacy"


def _data_lines(name: str) -> Iterable[str]:
    for line in (_data_dir() / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            yield line


@lru_cache(maxsize=1)
def region_codes() -> frozenset[str]:
    """Every 6-digit GB/T 2260 address code ever assigned (``region_codes.txt``)."""
    codes: set[str] = set()
    for line in _data_lines("region_codes.txt"):
        prefix, *suffixes = line.split()
        codes.update(prefix + s for s in suffixes)
    return frozenset(codes)


@lru_cache(maxsize=1)
def mobile_prefixes() -> tuple[frozenset[str], ...]:
    """Allocated mobile ranges by prefix length: (3-digit, 4-digit, 5-digit) sets."""
    by_length: dict[int, set[str]] = {3: set(), 4: set(), 5: set()}
    for line in _data_lines("mobile_prefixes.txt"):
        for prefix in line.split():
            by_length[len(prefix)].add(prefix)
    return tuple(frozenset(by_length[n]) for n in (3, 4, 5))


@lru_cache(maxsize=1)
def _context() -> dict[str, Any]:
    import yaml

    data = yaml.safe_load((_data_dir() / "context.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@cache
def _labels(*groups: str) -> tuple[tuple[str, str], ...]:
    """(label, group) pairs from ``context.yaml``; a group is "section.key"."""
    pairs: list[tuple[str, str]] = []
    data = _context()
    for group in groups:
        section, key = group.split(".")
        pairs.extend((str(word), group) for word in data[section][key])
    return tuple(pairs)


def _words(group: str) -> tuple[str, ...]:
    return tuple(word for word, _ in _labels(group))


# -- context ---------------------------------------------------------------------------------


def _clause_start(text: str, start: int, limit: int) -> int:
    lo = max(0, start - limit)
    for i in range(start - 1, lo - 1, -1):
        if text[i] in _CLAUSE_END:
            return i + 1
    return lo


def _clause_end(text: str, end: int, limit: int) -> int:
    hi = min(len(text), end + limit)
    for i in range(end, hi):
        if text[i] in _CLAUSE_END:
            return i
    return hi


@cache
def _label_finder(labels: tuple[tuple[str, str], ...]) -> tuple[Any, dict[str, str]]:
    """One alternation over all labels, longest first, and the group of every label."""
    import regex

    groups = dict(labels)
    words = sorted(groups, key=lambda w: (-len(w), w))
    return regex.compile("|".join(regex.escape(w) for w in words)), groups


def _last_label(segment: str, labels: tuple[tuple[str, str], ...]) -> tuple[str, int] | None:
    """The group of the label that ends last in ``segment`` (the longer one on a tie), and
    where it ends."""
    finder, groups = _label_finder(labels)
    best: tuple[int, int, str] | None = None
    for m in finder.finditer(segment, overlapped=True):
        key = (m.end(), len(m.group()), m.group())
        if best is None or key[:2] > best[:2]:
            best = key
    return (groups[best[2]], best[0]) if best else None


def _first_label(segment: str, labels: tuple[tuple[str, str], ...]) -> str | None:
    finder, groups = _label_finder(labels)
    m = finder.search(segment)
    return groups[m.group()] if m else None


def _groups_in(segment: str, labels: tuple[tuple[str, str], ...]) -> set[str]:
    finder, groups = _label_finder(labels)
    return {groups[m.group()] for m in finder.finditer(segment, overlapped=True)}


def label_before(
    text: str, start: int, labels: tuple[tuple[str, str], ...], window: int = _LABEL_WINDOW
) -> str | None:
    """The group of the label nearest before ``start`` in the same clause."""
    lo = _clause_start(text, start, window)
    found = _last_label(text[lo:start], labels)
    return found[0] if found else None


def label_after(
    text: str, end: int, labels: tuple[tuple[str, str], ...], window: int = _TRAIL_WINDOW
) -> str | None:
    """The group of the first label after ``end`` in the same clause."""
    return _first_label(text[end : _clause_end(text, end, window)], labels)


def header_labels(
    text: str, start: int, labels: tuple[tuple[str, str], ...], lines: int = 8
) -> set[str]:
    """Groups of the labels in the header of the table the number stands in.

    A table is either rows of cells (tabs, "|" or runs of spaces between them) or one cell per
    line (short lines, as tables come out of HTML and PDF). Walks up through the lines of the
    same table, at most ``lines`` of them, to the first one that holds any label. When that
    header has as many cells as the row, only the header cell above the number counts."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    is_row = _TABLE_ROW.search(line) is not None
    if not (is_row or len(line) <= _CELL):
        return set()
    hi = line_start - 1
    for _ in range(lines):
        if hi <= 0:
            break
        lo = text.rfind("\n", 0, hi) + 1
        segment = text[lo:hi]
        if not (_TABLE_ROW.search(segment) if is_row else len(segment) <= _CELL):
            break  # left the table
        found = _groups_in(segment, labels)
        if found:
            if is_row:
                cells = _TABLE_ROW.split(line.strip())
                heads = _TABLE_ROW.split(segment.strip())
                column = len(_TABLE_ROW.split(text[line_start:start].lstrip())) - 1
                if len(cells) == len(heads) and column < len(heads):
                    return _groups_in(heads[column], labels)
            return found
        hi = lo - 1
    return set()


def _sample(text: str, start: int, end: int) -> bool:
    """The number is shown as a format sample (例如、示例、样例…) in the same clause."""
    lo = _clause_start(text, start, _LABEL_WINDOW)
    hi = _clause_end(text, end, _TRAIL_WINDOW)
    segment = text[lo:start] + "\n" + text[end:hi]
    return any(cue in segment for cue in _words("common.sample"))


def _glued(text: str, start: int, end: int) -> bool:
    """A number written in groups (138 0000 1111) that goes on with one more group of digits
    after the same kind of separator: it is a part of a longer code, not a number of its own.
    (Plain numbers in a list, "13800001111 13900002222", are not glued.)"""
    used = {ch for ch in text[start:end] if ch in SEPARATORS}
    if not used:
        return False
    after = text[end : end + 2]
    before = text[max(0, start - 2) : start]
    return (len(after) == 2 and after[0] in used and after[1].isdigit()) or (
        len(before) == 2 and before[1] in used and before[0].isdigit()
    )


# -- 居民身份证号码 (GB 11643-1999) -----------------------------------------------------------


def id_card_check_digit(first17: str) -> str:
    """GB 11643-1999 ISO 7064 MOD 11-2 check character."""
    total = sum(int(d) * w for d, w in zip(first17[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def _real_date(year: int, month: int, day: int) -> bool:
    try:
        born = dt.date(year, month, day)
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= born <= dt.date.today()


def uscc_valid(code: str) -> bool:
    """A 统一社会信用代码 with a correct GB 32100-2015 check character (MOD 31)."""
    code = code.upper()
    if len(code) != 18 or any(ch not in _USCC_ALPHABET for ch in code):
        return False
    total = sum(
        _USCC_ALPHABET.index(ch) * w for ch, w in zip(code[:17], _USCC_WEIGHTS, strict=True)
    )
    return _USCC_ALPHABET[(31 - total % 31) % 31] == code[17]


def id_shaped(number: str) -> bool:
    """18 digits with a known address code and a real birth date, whatever the check digit:
    such a number is an ID number (maybe mistyped), never a bank card or an order number."""
    return (
        len(number) == 18
        and number[:17].isdigit()
        and number[:6] in region_codes()
        and _real_date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    )


def is_resident_id(number: str) -> bool:
    """A valid 18-digit 公民身份号码 (also 港澳台居民居住证, code 810000/820000/830000) or
    2023 外国人永久居留身份证 number (first digit 9, same date and check rules)."""
    number = number.upper()
    if len(number) != 18 or not number[:17].isdigit():
        return False
    if id_card_check_digit(number[:17]) != number[17]:
        return False
    if not _real_date(int(number[6:10]), int(number[10:12]), int(number[12:14])):
        return False
    if number[0] == "9":
        # 外国人永久居留身份证: 9 + province of the issuing office + nationality code. All-digit
        # 统一社会信用代码 of companies also start with 9: those are organisations.
        return number[1:3] + "0000" in region_codes() and not uscc_valid(number)
    return number[:6] in region_codes()


@validator("resident_id")
def resident_id(match: str, text: str, start: int, end: int) -> bool:
    """18-digit resident ID: known address code, a real birth date, a correct check digit;
    not a number labelled as something else (订单号、统一社会信用代码), not a format example."""
    number = digits_of(match)
    if not is_resident_id(number) or _glued(text, start, end) or _sample(text, start, end):
        return False
    if number.lower() in _words("resident_id.examples"):
        return False
    labels = _labels("resident_id.labels", "resident_id.not_personal")
    group = label_before(text, start, labels)
    if number[0] == "9":
        # 外国人永久居留身份证 numbers are rare and share their first digit with company codes
        # and other serial numbers: only taken when labelled as an ID number
        if group is None:
            group = (
                "resident_id.labels"
                if "resident_id.labels" in header_labels(text, start, labels)
                else None
            )
        return group == "resident_id.labels"
    return group != "resident_id.not_personal"


@validator("disability_card_id")
def disability_card_id(match: str, text: str, start: int, end: int) -> bool:
    """20-digit 残疾人证号: a valid 18-character ID number, then the category (1-7) and the
    level (1-4) of the disability."""
    number = digits_of(match)
    if len(number) != 20 or not number[18:].isdigit() or number[0] == "9":
        return False
    if not (is_resident_id(number[:18]) and number[18] in "1234567" and number[19] in "1234"):
        return False
    if _glued(text, start, end) or _sample(text, start, end):
        return False
    labels = _labels("resident_id.labels", "resident_id.not_personal")
    return label_before(text, start, labels) != "resident_id.not_personal"


@validator("resident_id_15")
def resident_id_15(match: str, text: str, start: int, end: int) -> bool:
    """First-generation 15-digit ID (address code, YYMMDD, sequence; no check digit): too weak
    alone, so it must be labelled as an ID number."""
    number = digits_of(match)
    if len(number) != 15 or not number.isdigit() or _glued(text, start, end):
        return False
    if _sample(text, start, end):
        return False
    if number[:6] not in region_codes():
        return False
    if not _real_date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12])):
        return False
    labels = _labels("resident_id.labels", "resident_id.not_personal")
    return label_before(text, start, labels) == "resident_id.labels"


# -- 手机号码 ---------------------------------------------------------------------------------


def is_mobile_number(number: str) -> bool:
    """11 digits in an allocated mainland mobile range."""
    if len(number) != 11 or not number.isdigit():
        return False
    three, four, five = mobile_prefixes()
    return number[:3] in three or number[:4] in four or number[:5] in five


def _personal(text: str, start: int, end: int, section: str) -> bool:
    """The number is introduced as a person's (姓名、联系人、手机、电话…), not as a public line
    (热线、办公室、咨询电话…). The nearest label before it decides; else a label right after
    it; else the header of the table it stands in."""
    labels = _labels(f"{section}.personal", f"{section}.public")
    group = label_before(text, start, labels)
    if group is None:
        group = label_after(text, end, labels)
    if group is None:
        found = header_labels(text, start, labels)
        group = f"{section}.personal" if found == {f"{section}.personal"} else None
    if group is None and _beside_resident_id(text, start, end):
        return True  # a record of a person: 张某 420106…0521 13800001111
    return group == f"{section}.personal"


_ID_RUN = re.compile(r"(?<![0-9a-z])[1-9][0-9]{16}[0-9x](?![0-9a-z])")


def _beside_resident_id(text: str, start: int, end: int, window: int = 60) -> bool:
    """A valid resident ID number stands on the same line, close to the number."""
    lo = max(text.rfind("\n", max(0, start - window), start) + 1, start - window)
    hi = text.find("\n", end, end + window)
    hi = end + window if hi < 0 else hi
    return any(
        is_resident_id(m.group())
        for m in _ID_RUN.finditer(text, max(lo, 0), hi)
        if m.end() <= start or m.start() >= end
    )


@validator("mobile_phone")
def mobile_phone(match: str, text: str, start: int, end: int) -> bool:
    """A mainland mobile number (optionally +86) written as a person's contact number."""
    number = digits_of(match)
    if not is_mobile_number(number[-11:]) or _glued(text, start, end):
        return False
    if _sample(text, start, end):
        return False
    return _personal(text, start, end, "mobile")


# -- 银行卡号 ---------------------------------------------------------------------------------


def luhn_ok(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def is_card_number(number: str) -> bool:
    """16-19 digits, an issuer digit of a payment card (3 4 5 6, 9 for old domestic cards),
    passing the Luhn check, and not shaped like an ID number."""
    return (
        16 <= len(number) <= 19
        and number.isdigit()
        and number[0] in "34569"
        and luhn_ok(number)
        and not id_shaped(number)
    )


# The name after a holder label: label, optional colon, then up to the next delimiter.
_HOLDER_NAME = re.compile(r"[:：]?\s*([^，,；;。、\t（(）)\s]*)")


def _organisation_account(text: str, start: int, end: int) -> bool:
    """The account is held by an organisation: a holder label in the same clause (户名、
    收款单位, before or after the number) names a 局、中心、公司…, or the number is followed by
    the organisation's name in brackets."""
    organisation = _words("bank_card.organisation")
    lo = _clause_start(text, start, 80)
    hi = _clause_end(text, end, 40)
    for segment in (text[lo:start], text[end:hi]):
        for word in _words("bank_card.holder"):
            pos = segment.find(word)
            while pos >= 0:
                name = _HOLDER_NAME.match(segment, pos + len(word)).group(1)  # type: ignore[union-attr]
                if any(w in name for w in organisation):
                    return True
                pos = segment.find(word, pos + 1)
    after = text[end:hi].lstrip(" ")
    if after[:1] in ("（", "("):
        closing = min((i for i in (after.find("）"), after.find(")")) if i > 0), default=-1)
        return closing > 0 and any(w in after[1:closing] for w in organisation)
    return False


@validator("bank_card")
def bank_card(match: str, text: str, start: int, end: int) -> bool:
    """16-19 digit card number passing the Luhn check, introduced as a person's card or
    account (卡号、银行账号…), not an organisation's account (户名：某某局、对公账户)."""
    number = digits_of(match)
    if not is_card_number(number) or _glued(text, start, end) or _sample(text, start, end):
        return False
    return _personal(text, start, end, "bank_card") and not _organisation_account(text, start, end)


# -- 护照、港澳台通行证 -----------------------------------------------------------------------


def _document(section: str) -> Validator:
    def check(match: str, text: str, start: int, end: int) -> bool:
        if _glued(text, start, end) or _sample(text, start, end):
            return False
        labels = _labels(f"{section}.labels", "resident_id.not_personal")
        return label_before(text, start, labels) == f"{section}.labels"

    check.__name__ = section
    check.__doc__ = f"A {section} number, introduced by its document's name (context.yaml)."
    return check


for _name in ("passport", "hk_macao_permit", "home_return_permit", "taiwan_permit"):
    validator(_name)(_document(_name))


# -- masks -----------------------------------------------------------------------------------


def _is_code_char(ch: str) -> bool:
    return ch.isalnum() and (ch.isascii() or "\uff10" <= ch <= "\uff5a")


def _mask(text: str, keep_head: int, keep_tail: int, tail_only_of: int | None = None) -> str:
    """Mask every digit/letter except the first ``keep_head`` and last ``keep_tail``;
    separators stay where they are, a full-width character becomes a full-width ＊.
    ``tail_only_of``: the number proper is the last N characters (a +86 prefix is kept)."""
    positions = [i for i, ch in enumerate(text) if _is_code_char(ch)]
    if tail_only_of is not None and len(positions) > tail_only_of:
        positions = positions[len(positions) - tail_only_of :]
    hidden = set(positions[keep_head : max(keep_head, len(positions) - keep_tail)])
    return "".join(
        ("＊" if ch >= "\uff10" else "*") if i in hidden else ch for i, ch in enumerate(text)
    )


@fixer("mask_resident_id")
def mask_resident_id(match: str) -> str:
    """420106********1525: address code and the last four kept (15-digit: last three)."""
    n = sum(1 for ch in match if _is_code_char(ch))
    return _mask(match, 6, 4 if n >= 18 else 3)


@fixer("mask_mobile")
def mask_mobile(match: str) -> str:
    """138****1234 (a +86 prefix is kept as written)."""
    return _mask(match, 3, 4, tail_only_of=11)


@fixer("mask_bank_card")
def mask_bank_card(match: str) -> str:
    """6222 **** **** 1234: the first and the last four digits kept."""
    return _mask(match, 4, 4)


@fixer("mask_document")
def mask_document(match: str) -> str:
    """E1*****78: the first two and the last two characters kept."""
    return _mask(match, 2, 2)
