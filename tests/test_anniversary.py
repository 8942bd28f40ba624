"""The date logic of the ``anniversary`` kind: which numbers a year allows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from wording_guard import Scanner
from wording_guard.kinds.anniversary import _Form, verdict
from wording_guard.numerals import chinese, number_to_999

PARTY = _Form(base=1921, goals=frozenset({100}), short=False)
FIXTURES = Path(__file__).parent / "fixtures" / "kinds"


@pytest.mark.parametrize(
    ("n", "years", "ahead", "behind", "expected"),
    [
        (100, [2021], False, True, None),  # the year's own
        (101, [2021], False, True, ("other_year", 100)),  # next year's, no cue
        (101, [2021], True, True, None),  # 明年是…101周年
        (99, [2021], False, True, None),  # last year's: a review of the year past
        (99, [2021], False, False, ("other_year", 100)),  # … not for days counted yearly
        (95, [2024], False, True, None),  # a round number of the past: cited for years
        (97, [2024], False, True, ("other_year", 103)),  # not round: said only in its year
        (97, [2024, 2018], False, True, None),  # the sentence's own year (2018年…) gives it
        (100, [2015], False, True, None),  # a listed goal (两个一百年)
        (104, [], False, True, None),  # no date: only impossible numbers
        (0, [], False, True, ("impossible", None)),
        (108, [], False, True, ("impossible", None)),  # 1921 + 108 > 2026 + 1
    ],
)
def test_verdict(
    n: int, years: list[int], ahead: bool, behind: bool, expected: tuple[str, int | None] | None
) -> None:
    assert verdict(n, PARTY, years, 2026, ahead, behind) == expected


def test_the_bound_moves_with_the_year_the_text_may_be_written() -> None:
    # 2027 + 1 - 1921 = 107: possible once the year is 2027
    assert verdict(107, PARTY, [], 2026) == ("impossible", None)
    assert verdict(107, PARTY, [], 2027) is None


def test_chinese_numerals_round_trip() -> None:
    for n in range(1, 1000):
        assert number_to_999(chinese(n)) == n
    assert chinese(105) == "一百零五"
    assert number_to_999("一百三") is None


@pytest.fixture(scope="module")
def scanner() -> Scanner:
    return Scanner([FIXTURES], include_shipped=False)


def _ids(scanner: Scanner, text: str, date: dt.date | None) -> list[tuple[str, tuple[str, ...]]]:
    return [
        (f.text, f.suggestions)
        for f in scanner.scan(text, date=date)
        if f.rule_id == "political_phrase.anniversary"
    ]


def test_document_date_decides_and_suggests_in_the_numerals_written(scanner: Scanner) -> None:
    text = "热烈庆祝中国共产党成立一百零二周年。"
    assert _ids(scanner, text, dt.date(2023, 7, 1)) == []
    assert _ids(scanner, text, dt.date(2025, 7, 1)) == [
        ("中国共产党成立一百零二周年", ("中国共产党成立一百零四周年",))
    ]
    # a document of November may speak of next year's without a cue
    assert _ids(scanner, text, dt.date(2022, 11, 20)) == []
    assert _ids(scanner, text, dt.date(2022, 7, 1)) != []


def test_sentence_year_outside_brackets(scanner: Scanner) -> None:
    assert _ids(scanner, "2024年是中国共产党成立103周年。", None) == []
    assert _ids(scanner, "2024年是中国共产党成立106周年。", None) != []
    # a year in brackets or a title dates something else
    assert _ids(scanner, "纪念中国共产党成立103周年《文集（1949年）》出版。", None) == []


def test_a_meeting_held_takes_no_round_number_of_the_past() -> None:
    # 95周年 in 2024 is cited for years, but a 95周年大会 held in 2024 was the 103rd
    assert verdict(95, PARTY, [2024], 2026, round_past=False) == ("other_year", 103)
    assert verdict(103, PARTY, [2024], 2026, round_past=False) is None
