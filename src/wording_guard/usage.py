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


_TAILS = ("左右", "上下", "以上", "为止", "多", "余")


def drop_redundant_tail(match: str) -> str:
    """约30%左右 → 约30%, 超过10%以上 → 超过10%, 截至目前为止 → 截至目前, 几百多 → 几百,
    数十余 → 数十 (约 and 左右, 超过 and 以上, 截至 and 为止, 几 or 数 and 多 or 余 say the
    same thing twice; the first word stays)."""
    for tail in _TAILS:
        if match.endswith(tail):
            return match[: -len(tail)]
    return match


def plan_to_guihua(match: str) -> str:
    """第十五个五年计划 → 第十五个五年规划, “十四五”计划 → “十四五”规划 (from the eleventh
    five-year plan on the document is a 规划: the last 计划 of the match becomes 规划)."""
    at = match.rfind("计划")
    return match if at < 0 else match[:at] + "规划" + match[at + 2 :]


def drop_doubled(match: str) -> str:
    """县县委 → 县委, 市市政府 → 市政府 (a character typed twice where a body's name begins:
    the first of the two goes)."""
    return match[1:] if len(match) > 1 and match[0] == match[1] else match


_CELSIUS = re.compile("(零下|负)?摄氏(零下|负)?(.+)度")


def celsius_after_number(match: str) -> str:
    """摄氏15度 → 15摄氏度, 摄氏零下5度 → 零下5摄氏度 (GB 3100-1993 and GB 3102: the unit
    name 摄氏度 is one word and follows the number)."""
    found = _CELSIUS.fullmatch(match)
    if found is None:
        return match
    below = found.group(1) or found.group(2) or ""
    return f"{below}{found.group(3)}摄氏度"


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


# Latin marks typed in Chinese text, and the Chinese marks they stand for (GB/T 15834-2011
# gives each mark its Chinese form: 4.1.2 。 4.4.2 ， 4.6.2 ； 4.7.2 ： 4.9.2 （）)
_FULL_WIDTH = str.maketrans(",;:.()!?", "，；：。（）！？")


def full_width_marks(match: str) -> str:
    """全年,共 → 全年，共; 县(处)级 → 县（处）级 (the Chinese form of each mark)."""
    return match.translate(_FULL_WIDTH)


def drop_dunhao(match: str) -> str:
    """三、四十 → 三四十 (two numbers that make one approximate number take no 顿号:
    GB/T 15835-2011 5.2.1)."""
    return match.replace("、", "")


def drop_last_mark(match: str) -> str:
    """吗？”？ → 吗？” , （一）、 → （一） (the second mark of one stop goes)."""
    return match[:-1]


def comma_for_dunhao(match: str) -> str:
    """第二、 → 第二， (a 第-ordinal is followed by a comma: GB/T 15834-2011 4.4.3.3)."""
    return match[:-1] + "，" if match.endswith("、") else match


_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")
_MAGNITUDE = {"千": 1000, "百": 100}


def arabic_magnitude(match: str) -> str:
    """1千 → 1000, 2.5千 → 2500, 3百 → 300 (Arabic digits take no 千 or 百: GB/T
    15835-2011 5.3, "4000 ... 不能写作'4千'"; 万 and 亿 may stay)."""
    number, unit = match[:-1].translate(_DIGITS), match[-1]
    try:
        value = float(number) * _MAGNITUDE[unit]
    except (KeyError, ValueError):
        return match
    return str(int(value)) if value == int(value) else str(value)


_RANGE = re.compile(r"([0-9０-９.．]+)(\s*)([-－~～—–])(\s*)([0-9０-９.．]+)(%|％|万亿|万|亿)")


def range_unit(match: str) -> str:
    """5-10% → 5%～10%, 10—20万 → 10万—20万 (both ends of a range carry % or 万/亿:
    GB/T 15835-2011 5.1.3 "15%～30%（不写为15～30%）", "9亿～16亿（不写为9～16亿）"; a
    hyphen is no range mark: GB/T 15834-2011 4.13.3.3 gives ～ or —)."""
    m = _RANGE.fullmatch(match)
    if not m:
        return match
    first, space, dash, space2, second, unit = m.groups()
    if dash in "-－~–":
        dash = "～"
    return f"{first}{unit}{space}{dash}{space2}{second}{unit}"


_DOTTED = re.compile(r"([0-9]{4})\.([0-9]{1,2})\.([0-9]{1,2})")


def dotted_date(match: str) -> str:
    """2024.1.5 → 2024年1月5日 (GB/T 15835-2011 5.1.4 writes dates as 年月日 or
    2024-01-05)."""
    m = _DOTTED.fullmatch(match.translate(_DIGITS))
    if not m:
        return match
    year, month, day = m.groups()
    return f"{year}年{int(month)}月{int(day)}日"


_SERIAL = re.compile("(〕)第?0*([0-9０-９]+号)")


def document_serial(match: str) -> str:
    """〔2023〕第5号 / 〔2023〕05号 → 〔2023〕5号 (a 发文顺序号 takes no 第 and no leading
    zero: GB/T 9704-2012 7.2.4)."""
    return _SERIAL.sub(r"\1\2", match)
