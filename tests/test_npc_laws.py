"""The NPC law table of the meeting kind (``lexicons/_data/npc_laws.tsv``): its rows, and the
checks standing_other_law and standing_other_day on the forms pages use."""

from __future__ import annotations

from pathlib import Path

import pytest

from wording_guard import Scanner

TABLE = Path(__file__).resolve().parent.parent / "lexicons" / "_data" / "npc_laws.tsv"
RULE = "meeting_name.structure"


@pytest.fixture(scope="module")
def scanner() -> Scanner:
    return Scanner()


def _hits(scanner: Scanner, text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(f.text, f.suggestions) for f in scanner.scan(text) if f.rule_id == RULE]


def test_each_row_has_six_columns_and_a_source() -> None:
    rows = [
        line.split("\t")
        for line in TABLE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert rows
    laws = [name for row in rows for name in row[4].split("、") if name != "-"]
    assert all(len(row) == 6 and row[5].strip() for row in rows)
    assert len(laws) == len(set(laws))


@pytest.mark.parametrize(
    ("text", "name", "right"),
    [
        (
            "中华人民共和国旅游法\n（2013年4月25日第十二届全国人民代表大会常务委员会第三次会议通过）",
            "第十二届全国人民代表大会常务委员会第三次会议",
            "第十二届全国人民代表大会常务委员会第二次会议",
        ),
        (
            "《中华人民共和国海警法》已由第十三届全国人民代表大会常务委员会第二十五次会议通过，"
            "自2021年2月1日起施行。",
            None,
            None,
        ),
        (
            "《反外国制裁法》经十三届全国人大常委会第三十次会议通过。",
            "十三届全国人大常委会第三十次会议",
            "十三届全国人大常委会第二十九次会议",
        ),
        (
            "十二届全国人大常委会第十五次会议通过了外商投资法。",
            "十二届全国人大常委会第十五次会议",
            "十三届全国人大二次会议",
        ),
    ],
)
def test_a_law_named_with_a_session(
    scanner: Scanner, text: str, name: str | None, right: str | None
) -> None:
    expected = [] if name is None else [(name, (right,))]
    assert _hits(scanner, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # another law whose name holds a listed one (国家安全法)
        "《中华人民共和国香港特别行政区维护国家安全法》由十三届全国人大常委会第二十次会议通过。",
        # a revision: a session may revise a law another made
        "《中华人民共和国反间谍法》已由第十四届全国人民代表大会常务委员会第二次会议于2023年4月26日修订通过。",
        # an amendment's title
        "十三届全国人大常委会第十次会议通过了关于修改旅游法的决定。",
        # a day within a session, not a day another closed on
        "2018年8月27日，第十三届全国人民代表大会常务委员会第五次会议在北京开幕。",
    ],
)
def test_left_alone(scanner: Scanner, text: str) -> None:
    assert _hits(scanner, text) == []
