"""The protected kind's ``fuzzy_names`` net: transliterated names of four or more characters
with one character replaced by one no confusion table pairs with it, on the shipped lexicons."""

from __future__ import annotations

import pytest

from wording_guard import Scanner

FUZZY = "疑似"  # the nets' messages start so; the generated near-misses' do not


def _fuzzy(scanner: Scanner, text: str) -> list[tuple[str, str]]:
    return [
        (f.text, f.suggestions[0])
        for f in scanner.scan(text)
        if f.rule_id.endswith(("country_names", "capital_names", "foreign_leaders"))
        and f.message.startswith(FUZZY)
    ]


@pytest.mark.parametrize(
    ("text", "span", "fix"),
    [
        # an inner character, even one that makes a word with its neighbour (利亚)
        ("代表团访问毛里塔利亚，洽谈渔业合作。", "毛里塔利亚", "毛里塔尼亚"),
        ("我市企业赴乌兹别克朗坦参展。", "乌兹别克朗坦", "乌兹别克斯坦"),
        # the last character, the rest a long string that is no word
        ("我县茶叶首次出口阿塞拜彊。", "阿塞拜彊", "阿塞拜疆"),
        ("代表团抵达布宜诺斯艾利琮。", "布宜诺斯艾利琮", "布宜诺斯艾利斯"),
    ],
)
def test_one_character_of_a_transliteration(
    scanner: Scanner, text: str, span: str, fix: str
) -> None:
    assert _fuzzy(scanner, text) == [(span, fix)]


@pytest.mark.parametrize(
    "text",
    [
        "花样滑冰运动员梅德韦杰娃参加了表演。",  # a woman's name: 娃 ends another name
        "科考船从孟加拉湾返航。",  # 国 of 孟加拉国 is a state-form word's, 湾 the bay's
        "我市对俄罗斯出口增长。",  # 俄罗斯 is a name: 对俄罗斯 is no 白俄罗斯
        "以色列军队撤出了该地区。",  # 以色列 is a name: no 以色列国
        "货轮通过巴拿马运河。",  # 运河 is a word with the character after it
        "主演斯科特·里德出席首映。",  # a mark inside: two names, not 斯科普里
        "代表团访问了毛里塔尼亚和阿塞拜疆。",
    ],
)
def test_no_slip(scanner: Scanner, text: str) -> None:
    assert _fuzzy(scanner, text) == []
