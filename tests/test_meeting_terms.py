"""Meeting names judged by term and date beyond the lexicon's examples: a national term
after the last listed (its earliest year from the five-year term), a provincial plenum
numbered past what its term can have held, the month-or-day parser of the provincial
table, and the 届/次 and 会议/全会 grammar on places and numbers the examples do not use."""

from __future__ import annotations

import datetime as dt

import pytest

from wording_guard import Scanner
from wording_guard.kinds.meeting import _month_or_day


@pytest.fixture(scope="module")
def scanner() -> Scanner:
    return Scanner()


def _meeting(
    scanner: Scanner, text: str, date: dt.date | None = None
) -> list[tuple[str, tuple[str, ...]]]:
    return [
        (f.text, f.suggestions)
        for f in scanner.scan(text, date=date)
        if f.rule_id.startswith("meeting_name")
    ]


def test_month_or_day() -> None:
    assert _month_or_day("2017-05") == (dt.date(2017, 5, 1), dt.date(2017, 5, 31))
    assert _month_or_day("2016-12") == (dt.date(2016, 12, 1), dt.date(2016, 12, 31))
    assert _month_or_day("2022-05-22") == (dt.date(2022, 5, 22), dt.date(2022, 5, 22))
    with pytest.raises(ValueError):
        _month_or_day("2022年5月")


@pytest.mark.parametrize(
    ("text", "date", "fixed"),
    [
        ("十五届全国人大三次会议胜利闭幕。", dt.date(2025, 3, 12), "十四届全国人大三次会议"),
        ("全国政协十五届一次会议在京开幕。", dt.date(2023, 3, 5), "全国政协十四届一次会议"),
    ],
)
def test_a_term_not_yet_elected(scanner: Scanner, text: str, date: dt.date, fixed: str) -> None:
    found = _meeting(scanner, text, date)
    assert len(found) == 1 and found[0][1] == (fixed,)


def test_the_next_term_in_its_own_year(scanner: Scanner) -> None:
    assert _meeting(scanner, "十五届全国人大一次会议胜利闭幕。", dt.date(2028, 3, 12)) == []
    # (undated: not judged)
    assert _meeting(scanner, "十五届全国人大三次会议胜利闭幕。") == []


@pytest.mark.parametrize(
    ("text", "date", "flagged"),
    [
        ("浙江省委十四届三次全会在杭州召开。", dt.date(2017, 7, 5), True),
        ("浙江省委十四届三次全会在杭州召开。", dt.date(2017, 8, 20), False),
        ("陕西省委十三届一次全会在西安召开。", dt.date(2017, 4, 30), True),
        ("陕西省委十三届一次全会在西安召开。", dt.date(2017, 5, 11), False),
        ("江苏省委宣传部：十四届省委第六次全体会议在南京召开。", dt.date(2022, 3, 1), True),
        ("江苏省委宣传部：十四届省委第六次全体会议在南京召开。", dt.date(2023, 3, 1), False),
        # two provinces in the sentence: which one is meant is unknown
        ("江苏省和浙江省代表团学习十四届省委第六次全体会议精神。", dt.date(2022, 3, 1), False),
    ],
)
def test_provincial_plenum_at_date(
    scanner: Scanner, text: str, date: dt.date, flagged: bool
) -> None:
    assert bool(_meeting(scanner, text, date)) is flagged


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("中国共产党山东省第十二届代表大会代表名单公布。", "中国共产党山东省第十二次代表大会"),
        ("全国人大十二届三次全体会议在京开幕。", "全国人大十二届三次会议"),
        ("政协江西省第十二届委员会第二次全会隆重开幕。", "第十二届委员会第二次会议"),
    ],
)
def test_grammar_on_other_places(scanner: Scanner, text: str, fixed: str) -> None:
    assert [s for _, s in _meeting(scanner, text)] == [(fixed,)]


def test_grammar_near_misses(scanner: Scanner) -> None:
    for text in (
        "中国共产党山东省第十二次代表大会代表名单公布。",
        "中共某县第五届代表大会代表述职。",
        "十二届全国人大三次会议第二次全体会议在京举行。",
        "中共江西省第十五届委员会第二次全会召开。",
        "山东省第十四届人民代表大会代表选举产生。",
    ):
        assert _meeting(scanner, text) == [], text
