"""The confusion kind: a real word written for a same-sound real word, decided by the two
characters around it in counted official text."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from wording_guard import Scanner
from wording_guard.errors import LexiconError

RULE = """\
id: typo.contexts
category: typo
severity: improper
kind: confusion
message: "“{text}”可能应为“{suggestion}”"
source: test
table: ../_data/contexts.json.gz
exempt: {exempt}
entries:
  - level: strict
    support: 100
    expected: 2
    examples: {bad: ["保障合法[[权力]]"], good: ["保障合法权利"]}
  - level: loose
    severity: notice
    support: 10
    expected: 2
    examples: {bad: ["维护[[权力]]"], good: ["维护权利"]}
"""


def _table(**changes: Any) -> dict[str, Any]:
    """A tiny table: 权力/权利 and 检测/监测, written like scripts/build_word_contexts.py's."""
    table: dict[str, Any] = {
        "format": "wording-guard-word-contexts/1",
        "meta": {},
        "counts": {"权力": 200, "权利": 250, "检测": 100, "监测": 120},
        "seen": {
            # 权力 is seen after 行使 and before 关进, 受到; 权利 after 合法, before 和义, 受到
            "权力": ["行使", "关进受到"],
            "权利": ["合法维护", "和义受到"],
            "检测": ["核酸", "报告"],
            "监测": ["环境", "预警"],
        },
        "left": {
            "权力 权利": {"合法": [150, 0], "维护": [12, 0]},
            "权利 权力": {"行使": [120, 0]},
            "检测 监测": {"环境": [30, 0]},
        },
        "right": {"权利 权力": {"关进": [140, 0]}},
    }
    table.update(changes)
    return table


def _scanner(tmp_path: Path, table: dict[str, Any] | str, exempt: str = "[]") -> Scanner:
    (tmp_path / "typo").mkdir(parents=True)
    (tmp_path / "_data").mkdir()
    raw = table if isinstance(table, str) else json.dumps(table, ensure_ascii=False)
    with gzip.open(tmp_path / "_data" / "contexts.json.gz", "wt", encoding="utf-8") as fh:
        fh.write(raw)
    rule = RULE.replace("{exempt}", exempt)
    (tmp_path / "typo" / "contexts.yaml").write_text(rule, encoding="utf-8")
    return Scanner([tmp_path], include_shipped=False, use_cache=False)


def _found(scanner: Scanner, text: str) -> list[tuple[str, str, str]]:
    return [
        (f.text, f.suggestions[0] if f.suggestions else "", f.severity.value)
        for f in scanner.scan(text)
    ]


def test_a_decisive_context_flags_the_word_with_its_level(tmp_path: Path) -> None:
    scanner = _scanner(tmp_path, _table())
    # 合法 before: 150 times with 权利, never with 权力 (strict); 维护: 12 times (loose)
    assert _found(scanner, "依法保障劳动者的合法权力。") == [("权力", "权利", "improper")]
    assert _found(scanner, "要切实维护权力。") == [("权力", "权利", "notice")]
    # the other direction, on the right: 权力 关进 (the cage of power), never 权利 关进
    assert _found(scanner, "把权利关进制度的笼子。") == [("权利", "权力", "improper")]


def test_correct_words_and_weak_evidence_pass(tmp_path: Path) -> None:
    scanner = _scanner(tmp_path, _table())
    assert _found(scanner, "依法保障劳动者的合法权利。") == []
    assert _found(scanner, "各级干部要正确行使权力。") == []
    # 合法 decides, but 受到 after it is at home with 权力 too: no finding
    assert _found(scanner, "合法权力受到限制。") == []
    # 环境 decides for 监测 with 30 (loose needs 10), but the expected count of 检测 there,
    # 30 x 100/120, passes: flagged; a word too rare to have been seen anywhere is not
    assert _found(scanner, "加强环境检测。") == [("检测", "监测", "notice")]
    rare = _table(counts={"权力": 1, "权利": 250, "检测": 100, "监测": 120})
    assert _found(_scanner(tmp_path / "rare", rare), "要切实维护权力。") == []


def test_the_other_side_must_be_one_official_text_writes_with_the_correction(
    tmp_path: Path,
) -> None:
    scanner = _scanner(tmp_path, _table())
    # 合法 decides for 权利 (150 against 0), but 权利 was never seen before 斗争: left alone
    assert _found(scanner, "合法权力斗争。") == []
    # 和义 follows 权利 only: flagged
    assert _found(scanner, "合法权力和义务。") == [("权力", "权利", "improper")]


def test_a_word_the_segmenter_joins_with_a_neighbour_is_no_hit(tmp_path: Path) -> None:
    scanner = _scanner(tmp_path, _table())
    # 行使 decides for 权力, but in 行使权利益 the segmenter reads 权利 not as a word of its own
    assert _found(scanner, "行使权利。") == [("权利", "权力", "improper")]
    assert _found(scanner, "行使主权利益") == []


def test_exempt_words_are_never_judged(tmp_path: Path) -> None:
    scanner = _scanner(tmp_path, _table(), exempt="[权力]")
    assert _found(scanner, "依法保障劳动者的合法权力。") == []
    assert _found(scanner, "行使权利。") == [("权利", "权力", "improper")]


def test_a_table_that_is_no_table_fails_at_compile(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="not a word context table"):
        _scanner(tmp_path, '{"format": "other"}')


def test_shipped_rule_on_sentences_of_its_own() -> None:
    scanner = Scanner()

    def typo(text: str) -> list[tuple[str, str]]:
        return [
            (f.text, f.suggestions[0])
            for f in scanner.scan(text)
            if f.rule_id == "typo.word_contexts"
        ]

    # words of the same sound, both real, where the characters around decide
    assert typo("全面推进经济体质改革。") == [("体质", "体制")]
    assert typo("省政府办公厅近日引发《实施方案》。") == [("引发", "印发")]
    # hard negatives: each word where it belongs
    assert typo("全面推进经济体制改革，增强青少年体质。") == []
    assert typo("持续降雨引发了山体滑坡。") == []
    assert typo("本规定自发布之日起试行。") == []
