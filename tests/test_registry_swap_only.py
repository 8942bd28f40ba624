"""The ``registry`` kind's swap-only prefixes: 中国 written for a body's own 国家 (中国发改委
for 国家发改委) is judged for that swap alone; names that really start with 中国 and spans
that are no body's rest stay clear, and the body's dates decide as for other swaps."""

from __future__ import annotations

import datetime as dt

import pytest

from wording_guard import Scanner

LEXICON = """\
id: agency_name.test_registry
category: agency_name
severity: improper
kind: registry
message: 无“{text}”，应为“{suggestion}”。
source: test
prefixes: [国家, 国务院, 中央]
suffixes: [总局, 局, 署, 部, 委员会, 委, 办公室]
min_length: 5
local_units: [省, 市, 县]
swapped_prefixes: {国家: [中国], 中国: [国家]}
bodies:
  - {names: [国家发展和改革委员会, 国家发展改革委, 国家发改委], source: test}
  - {names: [国家统计局], source: test}
  - {names: [中国气象局], source: test}
  - {names: [国家气象局], until: 1994-01-01, source: test}
  - {names: [中国民用航空局, 中国民航局], source: test}
  - {names: [国家林业局], until: 2018-04-10, source: test}
entries:
  - check: one_edit
    examples:
      bad: {text: "[[中国发改委]]发布通知。", suggestion: 国家发改委}
      good: 国家发改委发布通知。
"""


@pytest.fixture(scope="module")
def scanner(tmp_path_factory: pytest.TempPathFactory) -> Scanner:
    root = tmp_path_factory.mktemp("lex")
    (root / "agency_name").mkdir()
    (root / "agency_name" / "test_registry.yaml").write_text(LEXICON, encoding="utf-8")
    return Scanner([root], include_shipped=False, use_cache=False)


def _found(scanner: Scanner, text: str, date: str | None = None) -> list[tuple[str, str]]:
    when = dt.date.fromisoformat(date) if date else None
    return [(f.text, f.suggestions[0]) for f in scanner.scan(text, date=when)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("中国发改委印发通知。", [("中国发改委", "国家发改委")]),
        ("中国发展和改革委员会印发通知。", [("中国发展和改革委员会", "国家发展和改革委员会")]),
        ("据中国统计局数据，经济增长。", [("中国统计局", "国家统计局")]),
        ("中国民航局发布通知。", []),  # a name that really starts with 中国
        ("中国气象局发布预警。", []),  # registered, though 国家气象局 shares its rest
        ("中国国家统计局局长出席。", []),  # 中国 + a whole 国家 name: no swap
        ("中国经济持续恢复向好。", []),  # no body's rest after 中国
        ("国家民航局发布通知。", [("国家民航局", "中国民航局")]),  # the other direction
    ],
)
def test_swap_only_prefix(scanner: Scanner, text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(scanner, text) == expected


def test_abolished_body_only_in_its_time(scanner: Scanner) -> None:
    assert _found(scanner, "2010年，中国林业局发布通知。", "2010-05-01") == [
        ("中国林业局", "国家林业局")
    ]
    assert _found(scanner, "中国林业局发布通知。", "2024-05-01") == []
