"""Numbers written in Chinese numerals, as meeting names, calendar years and anniversaries
write them."""

from __future__ import annotations

_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NAMES = "零一二三四五六七八九"


def number(text: str) -> int | None:
    """A number written in digits, or 1-99 in Chinese numerals (十九, 二十一); None otherwise."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return _DIGITS.get(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or (tens and tens not in _DIGITS):
        return None
    if ones and ones not in _DIGITS:
        return None
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)


def number_to_999(text: str) -> int | None:
    """:func:`number`, and 100-999 in Chinese numerals (一百, 一百零一, 一百三十)."""
    if "百" not in text:
        return number(text)
    hundreds, _, rest = text.partition("百")
    if hundreds not in _DIGITS:
        return None
    if not rest:
        return _DIGITS[hundreds] * 100
    if rest[0] == "零":  # 一百零五
        rest = rest[1:]
        if len(rest) != 1:
            return None
    elif "十" not in rest or rest.startswith("十"):  # 一百三十, not 一百三 or 一百十
        return None
    tail = None if rest.isdigit() else number(rest)
    return None if tail is None else _DIGITS[hundreds] * 100 + tail


def chinese(n: int) -> str:
    """``n`` (1-999) in Chinese numerals, as :func:`number_to_999` reads them (一百零一, 七十五)."""
    if not 0 < n < 1000:
        raise ValueError(n)
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = _NAMES[hundreds] + "百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else _NAMES[tens]) + "十"
    elif hundreds and ones:
        out += "零"
    return out + (_NAMES[ones] if ones else "")
