"""The ``word_start`` context condition: a hit must start on a word boundary of the
segmented sentence, while its end may fall inside a word (unlike ``word_boundary``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from wording_guard.scanner import Scanner

LEXICON = """\
id: country_region.test_word_start
category: country_region
severity: serious
kind: replace
message: test
source: test
entries:
  - wrong: 中港澳台
    correct: 海峡两岸和香港、澳门
    when: {word_start: true}
    examples:
      bad: 论坛邀请了[[中港澳台]]的专家学者。
      good: 今年接待境外游客1.8万人次，其中港澳台游客4000余人次。
  - wrong: 中台贸易
    correct: 两岸贸易
    when: {word_start: true}
    examples:
      bad: 去年[[中台贸易]]额再创新高。
      good: 这批货物集中台湾贸易商的订单。
  - wrong: 中台关系
    correct: 两岸关系
    when: {word_boundary: true}
    examples:
      bad: 会议回顾了[[中台关系]]的发展历程。
      good: 会议回顾了两岸关系的发展历程。
"""


@pytest.fixture(scope="module")
def scanner(tmp_path_factory: pytest.TempPathFactory) -> Scanner:
    root: Path = tmp_path_factory.mktemp("lex")
    (root / "country_region").mkdir()
    (root / "country_region" / "test_word_start.yaml").write_text(LEXICON, encoding="utf-8")
    return Scanner([root], include_shipped=False, use_cache=False)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("论坛邀请了中港澳台的专家学者。", ["中港澳台"]),
        # 中 ends the word 其中: the hit starts inside a word
        ("今年接待境外游客1.8万人次，其中港澳台游客4000余人次。", []),
        ("在座客商中，其中港澳台客商占四成。", []),
        # the end inside a word (贸易额) does not matter to word_start
        ("去年中台贸易额再创新高。", ["中台贸易"]),
        # word_boundary, beside it: start and end on word boundaries
        ("会议回顾了中台关系的发展历程。", ["中台关系"]),
    ],
)
def test_word_start(scanner: Scanner, text: str, found: list[str]) -> None:
    assert [f.text for f in scanner.scan(text)] == found
