"""The ``registry`` kind with ``titles``: whole 《》 titles judged against a register of laws."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from wording_guard import Scanner
from wording_guard.errors import LexiconError
from wording_guard.lexicon import load_rule_file

LEXICON = """\
id: improper_wording.laws
category: improper_wording
severity: improper
kind: registry
message: 无“{text}”这一法律，应为“{suggestion}”。
source: test
prefixes: [中华人民共和国]
suffixes: [法典, 法]
titles: true
min_length: 4
foreign_cues: [美方]
generic_endings: [办法]
drafts: [草案, (草案]
bodies:
  - {names: [安全生产法], source: test}
  - {names: [行政许可法], source: test}
  - {names: [数据安全法], source: test}
  - {names: [国家安全法], source: test}
  - {names: [出口管制法], source: test}
  - {names: [药品管理法], source: test}
  - {names: [民法典], source: test}
  - {names: [仲裁法], source: test}
  - {names: [劳动争议调解仲裁法], source: test}
  - {names: [香港特别行政区基本法, 香港基本法], informal: [香港特区基本法], source: test}
  - {names: [国家公园法], since: 2025-09-12, source: test}
  - {names: [合同法], until: 2021-01-01, source: test}
entries:
  - check: one_edit
    examples:
      bad: {text: "依据《[[行政许可证法]]》。", suggestion: 行政许可法}
      good: 依据《行政许可法》。
"""


@pytest.fixture(scope="module")
def scanner(tmp_path_factory: pytest.TempPathFactory) -> Scanner:
    root = tmp_path_factory.mktemp("lex")
    (root / "improper_wording").mkdir()
    (root / "improper_wording" / "laws.yaml").write_text(LEXICON, encoding="utf-8")
    return Scanner([root], include_shipped=False, use_cache=False)


def _found(scanner: Scanner, text: str, date: str | None = "2025-12-01") -> list[tuple[str, str]]:
    when = dt.date.fromisoformat(date) if date else None
    return [(f.text, f.suggestions[0]) for f in scanner.scan(text, date=when)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # the prefix is optional, and kept in the suggestion
        (
            "落实《中华人民共和国安全生产管理法》。",
            ("中华人民共和国安全生产管理法", "中华人民共和国安全生产法"),
        ),
        ("落实《安全生产管理法》。", ("安全生产管理法", "安全生产法")),
        ("依据《行政许可证法》。", ("行政许可证法", "行政许可法")),
        (
            "依据《中华人民共和国数椐安全法》。",
            ("中华人民共和国数椐安全法", "中华人民共和国数据安全法"),
        ),
        # a title inside a title
        (
            "《军队实施〈中华人民共和国药品管里法〉办法》",
            ("中华人民共和国药品管里法", "中华人民共和国药品管理法"),
        ),
        # a short registered name ending a misspelt one is no reason to stay clear
        ("依据《劳动争议仲裁法》。", ("劳动争议仲裁法", "劳动争议调解仲裁法")),
        # China's own name is no foreign country
        (
            "依据《中华人民共和国监察法》《中华人民共和国行政许可证法》。",
            ("中华人民共和国行政许可证法", "中华人民共和国行政许可法"),
        ),
        # a law set up by then
        ("依据《国家公圆法》。", ("国家公圆法", "国家公园法")),
    ],
)
def test_a_misspelt_title_is_flagged(scanner: Scanner, text: str, found: tuple[str, str]) -> None:
    assert _found(scanner, text) == [found]


@pytest.mark.parametrize(
    "text",
    [
        "落实《中华人民共和国安全生产法》《安全生产法》。",
        "《民法典》《中华人民共和国民法典》",
        "依据《中华人民共和国合同法》。",  # repealed, registered
        "《香港特区基本法》《香港基本法》",  # informal and official short forms
        "《美国国家安全法》",  # a registered name after words of the title's own
        "《日本民法典》《美国出口管制法》",  # words before a law's name
        "《药品管理办法》",  # a generic ending
        "审议《安全生产管理法》草案。",  # a draft
        "审议《安全生产管理法（草案）》。",  # not shaped like a law's name
        "美方依据《出口管理法》实施制裁。",  # a foreign cue earlier in the sentence
        "依据《数安法》。",  # too short
        "依据《行政许可证法",  # no closing bracket
        "“行政许可证法”",  # no title
        "依据《二〇二四年行政许可证法》",  # not Han characters only
    ],
)
def test_stays_clear(scanner: Scanner, text: str) -> None:
    assert _found(scanner, text) == []


def test_a_law_is_not_suggested_for_text_before_it(scanner: Scanner) -> None:
    assert _found(scanner, "依据《国家公圆法》。", "2024-06-01") == []
    # undated: the sentence's year
    assert _found(scanner, "2024年，依据《国家公圆法》。", None) == []
    assert _found(scanner, "2026年，依据《国家公圆法》。", None) == [("国家公圆法", "国家公园法")]


def test_drafts_need_titles(tmp_path: Path) -> None:
    (tmp_path / "improper_wording").mkdir()
    path = tmp_path / "improper_wording" / "laws.yaml"
    path.write_text(LEXICON.replace("titles: true\n", ""), encoding="utf-8")
    with pytest.raises(LexiconError, match="drafts are read only with titles"):
        load_rule_file(path)
