"""Named functions that regex rules refer to by name: ``validator`` confirms a match,
``fix`` turns it into the suggestion. Lexicons name them; unknown names fail at load.

A validator gets the matched text (folded: half-width digits) and the whole folded text with
the match offsets, so it can look at context; it returns True to keep the hit.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

Validator = Callable[[str, str, int, int], bool]
Fixer = Callable[[str], str]

VALIDATORS: dict[str, Validator] = {}
FIXERS: dict[str, Fixer] = {}

_DIGITS = re.compile(r"[0-9xX]")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


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


def id_card_check_digit(first17: str) -> str:
    """GB 11643-1999 ISO 7064 MOD 11-2 check character."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS))
    return _ID_CHECK[total % 11]


@validator("resident_id")
def resident_id(match: str, text: str, start: int, end: int) -> bool:
    """18-digit resident ID: plausible region, a real birth date, a correct check digit."""
    number = digits_of(match)
    if len(number) != 18 or not number[:17].isdigit():
        return False
    if number[0] not in "1234569" or number[:2] in ("10", "20", "30", "40", "50", "60", "90"):
        return False
    try:
        birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    if not dt.date(1900, 1, 1) <= birth <= dt.date.today():
        return False
    return id_card_check_digit(number[:17]) == number[17]


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


@validator("bank_card")
def bank_card(match: str, text: str, start: int, end: int) -> bool:
    """16-19 digit card number passing the Luhn check."""
    number = digits_of(match)
    return 16 <= len(number) <= 19 and number.isdigit() and luhn_ok(number)


def _mask(text: str, keep_head: int, keep_tail: int) -> str:
    """Mask every digit/letter except the first ``keep_head`` and last ``keep_tail``."""
    positions = [i for i, ch in enumerate(text) if ch.isalnum()]
    hidden = set(positions[keep_head : len(positions) - keep_tail])
    return "".join("*" if i in hidden else ch for i, ch in enumerate(text))


@fixer("mask_resident_id")
def mask_resident_id(match: str) -> str:
    return _mask(match, 6, 4)


@fixer("mask_mobile")
def mask_mobile(match: str) -> str:
    return _mask(match, 3, 4)


@fixer("mask_bank_card")
def mask_bank_card(match: str) -> str:
    return _mask(match, 4, 4)


@fixer("mask_document")
def mask_document(match: str) -> str:
    return _mask(match, 2, 2)
