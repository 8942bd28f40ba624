"""A correction notice quotes the wrong form and the right one (“X”系“Y”之误，特此更正): the wrong
form cited there is not an error, for every kind; the same form written as text still is."""

from __future__ import annotations

import pytest

import wording_guard
from wording_guard.context import _past_second_quote


@pytest.mark.parametrize(
    "text",
    [
        "更正说明：本网3月2日刊发的评论中“不忘初心、牢忘使命”系“不忘初心、牢记使命”之误，特此更正。",
        # a long right form pushes 之误 past the words read right after the first quotation
        "本刊第5期“坚持以人民为中心的发展思相”系“坚持以人民为中心的发展思想”之误，特此致歉。",
        "原文“中央经济工作会仪”有误，应为“中央经济工作会议”。",
        "昨日消息中“不忘初心、牢忘使命”一句有误，现更正。",
    ],
)
def test_a_correction_notice_cites_the_wrong_form(text: str) -> None:
    assert wording_guard.scan(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "全县党员干部要做到“不忘初心、牢忘使命”，在新征程上建功立业。",
        "文中“不忘初心、牢忘使命”的提法在全县推广。",
        # a second quotation that says nothing of the first is no correction
        "他说“不忘初心、牢忘使命”，又说“担当作为”。",
    ],
)
def test_the_same_form_outside_a_notice_is_still_found(text: str) -> None:
    assert [f.text for f in wording_guard.scan(text)] == ["不忘初心、牢忘使命"]


def test_the_second_quotation_is_read_to_its_end() -> None:
    assert _past_second_quote("”系“甲乙丙”之误") == len("”系“甲乙丙”")
    assert _past_second_quote("”应为「甲」。") == len("”应为「甲」")
    assert _past_second_quote("”的提法") == 0  # no second quotation
    assert _past_second_quote("”，各地要认真“学习”") == 0  # too far from the first
    assert _past_second_quote("”系“" + "甲" * 50) == 0  # never closed
