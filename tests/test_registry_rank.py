"""The ``registry`` kind's rank and order checks: a body's whole stem with another body's
suffix (check ``suffix``), two words of a stem swapped or a conjunction put between them
(check ``inserted``), and a 国家 added to an abolished ministry suggested by the body of the
time spoken of (check ``added``)."""

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
inserted:
  words: [管理]
  suffixes: [部]
  joined: [和, 与]
  swapped: true
  skipped: [技术科学部]
  joined_any: [总局, 局, 委员会]
suffix_swapped: {prefixes: [国家], suffixes: [办公室, 局, 部]}
bodies:
  - {names: [生态环境部], source: test}
  - {names: [科学技术部], source: test}
  - {names: [交通运输部], source: test}
  - {names: [国家体育总局], source: test}
  - {names: [国家市场监督管理总局], source: test}
  - {names: [国家民族事务委员会], source: test}
  - {names: [国家安全部], source: test}
  - {names: [国家信访局], source: test}
  - {names: [林业部], until: 1998-03-10, source: test}
  - {names: [国家林业局], since: 1998-03-10, until: 2018-04-10, earlier: [林业部], source: test}
  - {names: [国家林业和草原局], since: 2018-04-10, earlier: [国家林业局], source: test}
entries:
  - check: one_edit
    examples:
      bad: {text: "[[国家体育总署]]发布通知。", suggestion: 国家体育总局}
      good: 国家体育总局发布通知。
  - check: suffix
    severity: serious
    examples:
      bad: {text: "[[国家信访办公室]]发布通知。", suggestion: 国家信访局}
      good: 国家信访局发布通知。
  - check: added
    severity: serious
    examples:
      bad: {text: "[[国家林业部]]发布通知。", suggestion: 林业部, date: 1990-05-01}
      good: {text: 林业部发布通知。, date: 1990-05-01}
  - check: inserted
    severity: serious
    when: {word_boundary: true}
    unless:
      followed_by: [门]
    examples:
      bad: {text: "[[环境生态部]]发布通知。", suggestion: 生态环境部}
      good: 生态环境部发布通知。
"""


@pytest.fixture(scope="module")
def scanner(tmp_path_factory: pytest.TempPathFactory) -> Scanner:
    root = tmp_path_factory.mktemp("lex")
    (root / "agency_name").mkdir()
    (root / "agency_name" / "test_registry.yaml").write_text(LEXICON, encoding="utf-8")
    return Scanner([root], include_shipped=False, use_cache=False)


def _found(scanner: Scanner, text: str, date: str | None) -> list[tuple[str, str, str]]:
    when = dt.date.fromisoformat(date) if date else None
    return [(f.text, f.suggestions[0], f.severity.value) for f in scanner.scan(text, date=when)]


@pytest.mark.parametrize(
    ("text", "date", "found"),
    [
        # check suffix: the whole stem of a registered body, its rank written wrong
        ("该项目已报国家民族事务部审批。", None, ("国家民族事务部", "国家民族事务委员会")),
        ("国家信访办公室发布通知。", None, ("国家信访办公室", "国家信访局")),
        # check inserted: words swapped, a conjunction between two words of the stem
        ("该标准由运输交通部发布。", None, ("运输交通部", "交通运输部")),
        (
            "国家市场和监督管理总局发布通知。",
            None,
            ("国家市场和监督管理总局", "国家市场监督管理总局"),
        ),
        (
            "国家市场监督与管理总局发布通知。",
            None,
            ("国家市场监督与管理总局", "国家市场监督管理总局"),
        ),
        ("国家民族和事务委员会发布通知。", None, ("国家民族和事务委员会", "国家民族事务委员会")),
        # check added: a 国家 the ministry never had, the body of the time suggested
        ("国家林业部发布通知。", "1995-06-01", ("国家林业部", "林业部")),
        ("国家林业部发布通知。", "2010-06-01", ("国家林业部", "国家林业局")),
        ("国家林业部发布通知。", "2020-06-01", ("国家林业部", "国家林业和草原局")),
    ],
)
def test_serious(scanner: Scanner, text: str, date: str | None, found: tuple[str, str]) -> None:
    assert _found(scanner, text, date) == [(*found, "serious")]


@pytest.mark.parametrize(
    "text",
    [
        "国家安全部发布通知。",  # registered
        "国家体育总局发布通知。",
        "中国科学院技术科学部召开会议。",  # a swap that is another real name (skipped)
        "各级环境生态部门加强协作。",  # 部门 after it
        "省交通运输厅转发了交通运输部的通知。",  # a real local body beside the ministry
        "国家林业局发布通知。",  # an abolished name is the outdated rules' business
        "市国家信访办公室发布通知。",  # after a local unit
    ],
)
def test_clear(scanner: Scanner, text: str) -> None:
    assert _found(scanner, text, "2010-06-01") == []


def test_one_edit_stays_improper(scanner: Scanner) -> None:
    # a character edit is a guess: the rule's own severity
    assert _found(scanner, "国家体育总署发布通知。", None) == [
        ("国家体育总署", "国家体育总局", "improper")
    ]
