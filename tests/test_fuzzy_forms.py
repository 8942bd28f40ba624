"""The protected kind's ``fuzzy_forms`` net: long formulations with one inner character
replaced by any other, or (for names of theories) a word inserted, on the shipped lexicons."""

from __future__ import annotations

import pytest

from wording_guard import Scanner
from wording_guard.models import Severity

FUZZY = "疑似"  # the nets' messages start so; the generated near-misses' do not


def _fuzzy(scanner: Scanner, text: str, date: str | None = None) -> list[tuple[str, str]]:
    return [
        (f.text, f.suggestions[0])
        for f in scanner.scan(text, date=date)
        if f.category.value == "political_phrase" and f.message.startswith(FUZZY)
    ]


@pytest.mark.parametrize(
    ("text", "span", "fix"),
    [
        # characters no homophone or shape table pairs with the right one
        ("发展全过程人民氏主。", "全过程人民氏主", "全过程人民民主"),
        ("坚持和完善人民代表大会剬度。", "人民代表大会剬度", "人民代表大会制度"),
        ("人类命运共问体理念深入人心。", "人类命运共问体", "人类命运共同体"),
        # a word inserted into the name of a theory
        (
            "深入学习习近平总书记新时代中国特色社会主义思想。",
            "习近平总书记新时代中国特色社会主义思想",
            "习近平新时代中国特色社会主义思想",
        ),
    ],
)
def test_unlisted_slips_in_long_formulations(
    scanner: Scanner, text: str, span: str, fix: str
) -> None:
    assert _fuzzy(scanner, text) == [(span, fix)]
    [finding] = [f for f in scanner.scan(text) if f.text == span]
    assert finding.severity is Severity.IMPROPER  # a guess: below the listed errors


@pytest.mark.parametrize(
    "text",
    [
        "实现中华民族的伟大复兴。",  # a function character inserted: ordinary usage
        "中国的现代化探索拓展了发展中国家走向现代化的途径。",  # 的 for 式
        "健全共商共建共管共享新体制。",  # a parallel pattern filled with another word
        "大运河文化是中国优秀传统文化的重要组成部分。",  # 中国 is a word of its own
        "总结全面从严管党治党经验。",  # a real wording, listed as such
        "当今世界正在经历百年未有之大变局。",  # descriptive formulations take words inside
        "十九届四中全会、十九届五中全会相继召开。",  # numerals are never edited
    ],
)
def test_real_wordings_are_not_flagged(scanner: Scanner, text: str) -> None:
    assert _fuzzy(scanner, text) == []


def test_an_older_official_wording_is_not_flagged(scanner: Scanner) -> None:
    text = "以习近平新时代中国特色社会主义经济思想为指导。"
    assert _fuzzy(scanner, text, date="2018-03-05") == []


def test_a_listed_wrong_form_is_judged_by_its_own_entry(scanner: Scanner) -> None:
    # 全面建设小康社会 was the official wording until 2012: its entry says so, and the net
    # must not flag it behind the entry's back
    assert _fuzzy(scanner, "全面建设小康社会的奋斗目标。", date="2005-06-01") == []


def test_offsets_point_into_the_original_text(scanner: Scanner) -> None:
    text = "发展全过程 人民氏主，保障人民当家作主。"  # a space copied from a PDF
    [finding] = [f for f in scanner.scan(text) if f.message.startswith(FUZZY)]
    assert text[finding.start : finding.end] == finding.text == "全过程 人民氏主"
