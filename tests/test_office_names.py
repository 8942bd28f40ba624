"""The protected kind's ``office`` net: a two-character name of a past central leader with one
character changed, right after the title of an office that leader held (shipped lexicons)."""

from __future__ import annotations

import pytest

from wording_guard import Scanner


def _names(scanner: Scanner, text: str, date: str | None = None) -> list[tuple[str, str]]:
    return [
        (f.text, f.suggestions[0])
        for f in scanner.scan(text, date=date)
        if f.category.value == "leader_name"
    ]


@pytest.mark.parametrize(
    ("text", "span", "fix"),
    [
        # characters that the generated near-misses leave out (鞠 is in no table row of 菊;
        # 罗甘 reads as ordinary text to the real-word filter)
        ("国务院副总理黄鞠出席全国质量工作会议。", "黄鞠", "黄菊"),
        ("中共中央政治局常委罗甘在会上讲话。", "罗甘", "罗干"),
        ("国务院副总理吴宜主持召开专题会议。", "吴宜", "吴仪"),
    ],
)
def test_two_character_names_after_their_office(
    scanner: Scanner, text: str, span: str, fix: str
) -> None:
    assert _names(scanner, text, date="2005-06-15") == [(span, fix)]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("国务院副总理黄菊出席全国质量工作会议。", "2005-06-15"),  # the right name
        # another holder of the office (王勇's), at a time both held it
        ("国务委员王毅会见了来访的外宾。", "2019-06-15"),
        ("国务委员王忠禹出席会议并讲话。", "2005-06-15"),  # the start of a three-character name
        ("国务院副总理吴学谦出席会议。", "2005-06-15"),  # 吴学 is no word of its own
        # a listed three-character name (刘鹤's office), in his own term
        ("国务院副总理刘国中出席会议。", "2024-06-15"),
        ("村民黄鞠领到了今年的种粮补贴。", "2005-06-15"),  # no office beside it
    ],
)
def test_other_names_after_an_office_are_left_alone(scanner: Scanner, text: str, date: str) -> None:
    assert _names(scanner, text, date=date) == []


def test_a_window_near_two_names_is_no_sure_misspelling(scanner: Scanner) -> None:
    # 李蔷 is one character off 李鹏 (国务院总理 until 1998) and 李强 (since 2023)
    assert _names(scanner, "国务院总理李蔷主持召开国务院常务会议。", date="2015-01-01") == []


def test_an_ordinary_word_after_the_title_is_no_name(scanner: Scanner) -> None:
    # 马上 is one character off 马凯 (国务院副总理), but a word of its own
    assert _names(scanner, "国务院副总理马上赶到现场指导救援。", date="2015-01-01") == []
