"""The ``traditional`` kind: protected names in traditional characters checked against the
standard conversions, on the shipped lexicons."""

from __future__ import annotations

import pytest

from wording_guard import Scanner

RULE = "typo.traditional_conversion"


def _hits(scanner: Scanner, text: str) -> list[tuple[str, str]]:
    return [(f.text, f.suggestions[0]) for f in scanner.scan(text) if f.rule_id == RULE]


@pytest.mark.parametrize(
    ("text", "span", "fix"),
    [
        ("堅持新髮展理念，推動高質量發展。", "新髮展理念", "新發展理念"),  # 髮 is hair
        ("全面準確貫徹一國兩製方針。", "一國兩製", "一國兩制"),  # 製 is to manufacture
        # no protected name here: the clause is traditional, 髮 is hair
        ("沿海經濟髮達地區要發揮帶動作用。", "髮達", "發達"),
        # a simplified character left in a clause written in traditional characters
        ("加強干部隊伍建設，提高服務水準。", "干部隊伍", "幹部隊伍"),
    ],
)
def test_a_wrong_one_of_several_traditional_forms_is_flagged(
    scanner: Scanner, text: str, span: str, fix: str
) -> None:
    assert _hits(scanner, text) == [(span, fix)]


@pytest.mark.parametrize(
    "text",
    [
        "堅持新發展理念，推動高質量發展。",  # OpenCC's standard form
        "全面準確貫徹一國兩制方針。",
        "坚持新发展理念，全面准确贯彻一国两制方针。",  # simplified: not this rule's business
        "堅持新发展理念。",  # mixed scripts: each character is a right one
        "我国与其他WTO成员开展了多轮磋商。",  # width and case folds are no conversions
        "他的頭髮很長，面色紅潤。",  # 頭髮 is hair; 面色 keeps 面
        "錯綜複雜的國際形勢。",  # a standard reading with its neighbours (错综复 alone: 錯綜復)
        "中共中央总书记、国家主席習進平主持会议并发表重要讲话。",  # simplified text, one name
        "他們在臺灣和台灣的朋友都來了。",  # 台/臺 are both in use: not checked
    ],
)
def test_standard_and_simplified_forms_pass(scanner: Scanner, text: str) -> None:
    assert _hits(scanner, text) == []


def test_the_span_points_into_the_original(scanner: Scanner) -> None:
    text = "第一段。\n堅持新髮展理念。"
    [found] = [f for f in scanner.scan(text) if f.rule_id == RULE]
    assert text[found.start : found.end] == "新髮展理念"
    assert (found.line, found.column) == (2, 3)
