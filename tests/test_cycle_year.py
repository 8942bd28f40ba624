"""The cycle_year kind: 干支 and 生肖 year names checked against the Gregorian year beside them."""

from __future__ import annotations

import datetime as dt

import pytest

from wording_guard import Scanner

RULE = "typo.cycle_years"
STEMS = "甲乙丙丁戊己庚辛壬癸"
BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
ANIMALS = "鼠牛虎兔龙蛇马羊猴鸡狗猪"

# years whose names the test states outright (checked against published calendars), not
# computed the way the kind computes them
KNOWN = {
    1894: "甲午",
    1911: "辛亥",
    1984: "甲子",
    2019: "己亥",
    2024: "甲辰",
    2025: "乙巳",
    2026: "丙午",
}


def _name(year: int) -> str:
    # counted from 1984 (甲子) by the test's own walk through the cycle
    stem, branch = 0, 0
    step = 1 if year >= 1984 else -1
    for _ in range(abs(year - 1984)):
        stem, branch = (stem + step) % 10, (branch + step) % 12
    return STEMS[stem] + BRANCHES[branch]


def _cycle_hits(scanner: Scanner, text: str, date: dt.date | None = None) -> list[tuple[str, str]]:
    return [
        (f.text, f.suggestions[0] if f.suggestions else "")
        for f in scanner.scan(text, date=date)
        if f.rule_id == RULE
    ]


def test_the_walk_agrees_with_the_known_years() -> None:
    assert {y: _name(y) for y in KNOWN} == KNOWN


@pytest.mark.parametrize("year", range(1990, 2051, 7))
def test_every_year_right_and_wrong(scanner: Scanner, year: int) -> None:
    right, wrong = _name(year), _name(year + 1)
    animal = ANIMALS[BRANCHES.index(right[1])]
    assert (
        _cycle_hits(scanner, f"值此{year}年{right}年春节到来之际，恭祝全县人民{animal}年吉祥。")
        == []
    )
    assert _cycle_hits(scanner, f"值此{year}年{wrong}年春节到来之际，向全县人民拜年。") == [
        (f"{wrong}年", f"{right}年")
    ]
    other = ANIMALS[(BRANCHES.index(right[1]) + 3) % 12]
    assert _cycle_hits(scanner, f"“{year}{other}年”迎春灯会今晚开幕。") == [
        (f"{other}年", f"{animal}年")
    ]


def test_a_historic_event_and_the_page_date(scanner: Scanner) -> None:
    assert _cycle_hits(scanner, "2014年是甲午战争爆发120周年，也是辛亥革命103周年。") == []
    assert _cycle_hits(scanner, "县政府恭祝全县人民乙亥年新春快乐！", dt.date(1995, 1, 20)) == []
    assert _cycle_hits(scanner, "县政府恭祝全县人民乙亥年新春快乐！", dt.date(2019, 1, 20)) == [
        ("乙亥年", "己亥年")
    ]
    # from October, the coming 春节 is of the next year
    assert _cycle_hits(scanner, "提前恭祝大家丙午年新春快乐！", dt.date(2025, 11, 28)) == []
    # a year in the sentence: the page's date is not the festival's
    text = "2019年全县接待游客120万人次，己亥年春节假期尤为火爆。"
    assert _cycle_hits(scanner, text, dt.date(2024, 3, 1)) == []


def test_an_animal_that_disagrees_with_its_branch(scanner: Scanner) -> None:
    assert _cycle_hits(scanner, "2024年甲辰蛇年春节联欢晚会成功举办。") == [
        ("甲辰蛇年", "甲辰龙年")
    ]
