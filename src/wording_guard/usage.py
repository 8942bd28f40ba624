"""Fixers for number, punctuation and wording usage (GB/T 15835-2011 出版物上数字用法,
GB/T 15834-2011 标点符号用法, words said twice and negations that reverse a sentence): each
turns the text a ``regex`` rule matched into its standard form. The rules themselves, with
their patterns and examples, are in ``lexicons/improper_wording``."""

from __future__ import annotations

import re

# what stands for zero in a year written in Chinese numerals, besides 〇 itself: the digit
# (half or full width), the letter O and the Greek omicron, and 零 (the zero of amounts)
_ZEROS = re.compile("[0０OoＯｏΟο零]")


def chinese_year_zero(match: str) -> str:
    """二0二四 / 二零二四 → 二〇二四 (a year in Chinese numerals writes zero as 〇)."""
    return _ZEROS.sub("〇", match)


_TAILS = ("左右", "上下", "以上", "为止", "多")


def drop_redundant_tail(match: str) -> str:
    """约30%左右 → 约30%, 超过10%以上 → 超过10%, 截至目前为止 → 截至目前, 几百多 → 几百
    (约 and 左右, 超过 and 以上, 截至 and 为止, 几 and 多 say the same thing twice; the
    first word stays)."""
    for tail in _TAILS:
        if match.endswith(tail):
            return match[: -len(tail)]
    return match


def drop_negation(match: str) -> str:
    """防止事故不再发生 → 防止事故再发生 (防止, 避免, 杜绝 already negate: a second 不 turns
    the sentence into its opposite)."""
    at = match.rfind("不再")
    return match[:at] + match[at + 1 :] if at >= 0 else match


def single_punctuation(match: str) -> str:
    """，， → ，; ，。 → 。 (a mark doubled keeps one; two marks in a row keep the last, which
    ends the sentence or the clause)."""
    return match[-1] if match else match


_PERCENT = re.compile("百分之([0-9０-９.．]+)")


def percent_digits(match: str) -> str:
    """百分之5 → 5% (a percentage is written in Arabic numerals with %, or all in Chinese:
    百分之五; not both)."""
    m = _PERCENT.fullmatch(match)
    return f"{m.group(1)}%" if m else match


_DIGIT_NAMES = "〇一二三四五六七八九"
_TENS = re.compile("([1-9])0")


def chinese_tens(match: str) -> str:
    """10几 → 十几, 几20 → 几二十 (an approximate number with 几 is written in Chinese
    numerals: GB/T 15835-2011 4.1.1 c)."""
    return _TENS.sub(lambda m: ("" if m[1] == "1" else _DIGIT_NAMES[int(m[1])]) + "十", match)
