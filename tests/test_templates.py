"""Templated lexicon entries (``foreach`` / ``values``) expand into ordinary entries."""

from __future__ import annotations

import copy
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from wording_guard.errors import LexiconError
from wording_guard.lexicon.loader import read_rule_data
from wording_guard.lexicon.templates import expand

NUMERALS = Path(__file__).resolve().parent.parent / "lexicons" / "meeting_name" / "numerals.yaml"

HEADER = """\
id: typo.demo
category: typo
severity: improper
kind: replace
message: “{text}”应为“{suggestion}”。
source: test
"""


def _raw(tmp_path: Path, body: str) -> dict[str, Any]:
    """Parse a rule file with the loader's line-recording YAML reader."""
    path = tmp_path / "typo" / "demo.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + textwrap.dedent(body), encoding="utf-8")
    raw = read_rule_data(path)
    assert isinstance(raw, dict)
    return raw


def _strip(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k != "__line__"}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def _entries(raw: dict[str, Any]) -> list[dict[str, Any]]:
    entries = _strip(expand(raw))["entries"]
    assert isinstance(entries, list)
    return entries


def test_product_of_two_variables_first_varies_slowest(tmp_path: Path) -> None:
    raw = _raw(
        tmp_path,
        """\
        values:
          congress: [{zh: 二十, n: "20"}, {zh: 十九, n: "19"}]
        entries:
          - foreach: {c: congress, org: [党的, 中共]}
            wrong: "{org}{c.n}大"
            correct: "{org}{c.zh}大"
            examples: {bad: "[[{org}{c.n}大]]召开", good: "{org}{c.zh}大召开"}
        """,
    )
    entries = _entries(raw)
    assert [(e["wrong"], e["correct"]) for e in entries] == [
        ("党的20大", "党的二十大"),
        ("中共20大", "中共二十大"),
        ("党的19大", "党的十九大"),
        ("中共19大", "中共十九大"),
    ]
    assert entries[3]["examples"] == {"bad": "[[中共19大]]召开", "good": "中共十九大召开"}


def test_values_and_foreach_are_removed(tmp_path: Path) -> None:
    raw = _raw(
        tmp_path,
        """\
        values:
          c: [{zh: 二十, n: "20"}]
        entries:
          - foreach: {c: c}
            wrong: "{c.n}大"
            correct: "{c.zh}大"
            examples: {bad: "[[{c.n}大]]", good: "{c.zh}大"}
        """,
    )
    out = _strip(expand(raw))
    assert "values" not in out
    assert out["entries"] == [
        {"wrong": "20大", "correct": "二十大", "examples": {"bad": "[[20大]]", "good": "二十大"}}
    ]
    assert out["id"] == "typo.demo" and out["message"] == "“{text}”应为“{suggestion}”。"


def test_scalar_rows_read_as_value_field(tmp_path: Path) -> None:
    raw = _raw(
        tmp_path,
        """\
        entries:
          - foreach: {t: [十, 十一, 15]}
            wrong: "第{t}次全国人民代表大会"
            correct: "第{t.value}届全国人民代表大会"
            examples: {bad: "[[第{t}次全国人民代表大会]]", good: "第{t}届全国人民代表大会"}
        """,
    )
    entries = _entries(raw)
    assert [e["wrong"] for e in entries] == [
        "第十次全国人民代表大会",
        "第十一次全国人民代表大会",
        "第15次全国人民代表大会",  # integers are written in decimal
    ]
    assert [e["correct"] for e in entries][-1] == "第15届全国人民代表大会"


def test_inline_and_named_values_expand_alike(tmp_path: Path) -> None:
    template = """\
      - foreach: {{p: {source}}}
        wrong: "{{p.n}}中全会"
        correct: "{{p.zh}}中全会"
        examples: {{bad: "[[{{p.n}}中全会]]", good: "{{p.zh}}中全会"}}
    """
    named = _raw(
        tmp_path,
        "values:\n  plenum: [{zh: 一, n: '1'}, {zh: 二, n: '2'}]\nentries:\n"
        + textwrap.indent(textwrap.dedent(template.format(source="plenum")), "  "),
    )
    inline = _raw(
        tmp_path,
        "entries:\n"
        + textwrap.indent(
            textwrap.dedent(template.format(source="[{zh: 一, n: '1'}, {zh: 二, n: '2'}]")),
            "  ",
        ),
    )
    assert _entries(named) == _entries(inline)
    assert [e["correct"] for e in _entries(named)] == ["一中全会", "二中全会"]


def test_placeholders_in_examples_and_other_keys(tmp_path: Path) -> None:
    raw = _raw(
        tmp_path,
        """\
        entries:
          - foreach: {c: [{zh: 二十, n: "20"}, {zh: 十九, n: "19"}]}
            wrong: ["{c.n}届三中全会", "{c.zh}大三中全会"]
            correct: ["{c.zh}届三中全会"]
            note: "{c.zh}届中央委员会"
            unless: {preceded_by: ["第{c.zh}"]}
            examples:
              bad:
                - "党的[[{c.n}届三中全会]]召开。"
                - text: "党的[[{c.zh}大三中全会]]召开。"
                  suggestion: "{c.zh}届三中全会"
              good:
                - text: "党的{c.zh}届三中全会召开。"
                  why: "{c.zh}届是中央委员会的届次"
        """,
    )
    second = _entries(raw)[1]
    assert second == {
        "wrong": ["19届三中全会", "十九大三中全会"],
        "correct": ["十九届三中全会"],
        "note": "十九届中央委员会",
        "unless": {"preceded_by": ["第十九"]},
        "examples": {
            "bad": [
                "党的[[19届三中全会]]召开。",
                {"text": "党的[[十九大三中全会]]召开。", "suggestion": "十九届三中全会"},
            ],
            "good": [{"text": "党的十九届三中全会召开。", "why": "十九届是中央委员会的届次"}],
        },
    }


def test_placeholder_free_examples_only_in_first_expansion(tmp_path: Path) -> None:
    raw = _raw(
        tmp_path,
        """\
        values:
          c: [{zh: 二十, n: "20"}, {zh: 十九, n: "19"}, {zh: 十八, n: "18"}]
        entries:
          - foreach: {c: c}
            wrong: "党的{c.n}大"
            correct: "党的{c.zh}大"
            examples:
              bad:
                - "学习[[党的{c.n}大]]精神。"
              good:
                - "学习党的{c.zh}大精神。"
                - text: "2023年全球前20大集装箱港口中我国占据多席。"
                  why: "“前20大”是排名"
                - "全球前20大企业"
        """,
    )
    goods = [e["examples"]["good"] for e in _entries(raw)]
    assert goods[0] == [
        "学习党的二十大精神。",
        {"text": "2023年全球前20大集装箱港口中我国占据多席。", "why": "“前20大”是排名"},
        "全球前20大企业",
    ]
    assert goods[1] == ["学习党的十九大精神。"]
    assert goods[2] == ["学习党的十八大精神。"]
    assert [e["examples"]["bad"] for e in _entries(raw)][2] == ["学习[[党的18大]]精神。"]


def test_a_list_of_only_one_off_examples_is_an_error(tmp_path: Path) -> None:
    raw = _raw(
        tmp_path,
        """\
        entries:
          - foreach: {c: [{zh: 二十, n: "20"}, {zh: 十九, n: "19"}]}
            wrong: "党的{c.n}大"
            correct: "党的{c.zh}大"
            examples: {bad: "[[{c.n}大]]", good: ["全球前20大企业"]}
        """,
    )
    with pytest.raises(LexiconError, match="placeholder") as exc:
        expand(raw)
    assert exc.value.line == 8 and exc.value.key == "examples.good"


def test_double_braces_are_literal(tmp_path: Path) -> None:
    raw = _raw(
        tmp_path,
        """\
        entries:
          - foreach: {c: [{zh: 二十, n: "20"}]}
            wrong: "{c.n}大"
            correct: "{c.zh}大"
            message: "“{{text}}”应为“{{suggestion}}”（{{{c.zh}}}）"
            examples: {bad: "[[{c.n}大]]", good: "{{{c.zh}}}}}"}
          - wrong: 甲乙
            correct: 甲丙
            message: "{text}不变，{{也不变}}"
            examples: {bad: "[[甲乙]]", good: "甲丙"}
        """,
    )
    entries = _entries(raw)
    assert entries[0]["message"] == "“{text}”应为“{suggestion}”（{二十}）"
    assert entries[0]["examples"]["good"] == "{二十}}"
    # an entry without foreach is taken literally
    assert entries[1]["message"] == "{text}不变，{{也不变}}"


def test_unknown_variable_names_template_line_and_placeholder(tmp_path: Path) -> None:
    raw = _raw(
        tmp_path,
        """\
        entries:
          - wrong: 甲乙
            correct: 甲丙
            examples: {bad: "[[甲乙]]", good: "甲丙"}
          - foreach: {c: [{zh: 二十, n: "20"}]}
            wrong: ["{c.n}大", "{congress.n}大"]
            correct: "{c.zh}大"
            examples: {bad: "[[{c.n}大]]", good: "{c.zh}大"}
        """,
    )
    with pytest.raises(LexiconError) as exc:
        expand(raw)
    assert exc.value.line == 11
    assert exc.value.key == "wrong[1]"
    assert "{congress.n}" in str(exc.value) and "unknown variable 'congress'" in str(exc.value)


def test_unknown_field_names_the_row(tmp_path: Path) -> None:
    raw = _raw(
        tmp_path,
        """\
        values:
          c: [{zh: 二十, n: "20"}, {zh: 十九}]
        entries:
          - foreach: {c: c}
            wrong: "{c.n}大"
            correct: "{c.zh}大"
            examples: {bad: "[[{c.n}大]]", good: "{c.zh}大"}
        """,
    )
    with pytest.raises(LexiconError, match=r"'\{c\.n\}': row 2 of values list 'c'") as exc:
        expand(raw)
    assert exc.value.line == 10 and exc.value.key == "wrong"


@pytest.mark.parametrize(
    ("foreach", "wrong", "words"),
    [
        ("{c: congress}", "{c.n}大", "unknown values list 'congress'"),
        ("{c: []}", "{c.n}大", "non-empty list"),
        ("{c: c, d: c}", "{c.n}大", "'d' is used by no placeholder"),
        ("{c: c}", "{c.n}大{", "stray or malformed brace"),
        ("{c: c}", "{c n}大", "stray or malformed brace"),
        ("[c]", "{c.n}大", "'foreach' must map"),
    ],
)
def test_malformed_templates(tmp_path: Path, foreach: str, wrong: str, words: str) -> None:
    raw = _raw(
        tmp_path,
        f"""\
        values:
          c: [{{zh: 二十, n: "20"}}]
        entries:
          - foreach: {foreach}
            wrong: "{wrong}"
            correct: "二十大"
            examples: {{bad: "[[20大]]", good: "二十大"}}
        """,
    )
    with pytest.raises(LexiconError, match=words) as exc:
        expand(raw)
    assert exc.value.line == 10


def test_rows_must_hold_strings(tmp_path: Path) -> None:
    raw = _raw(
        tmp_path,
        """\
        values:
          c:
            - {zh: 二十, n: [20]}
        entries:
          - foreach: {c: c}
            wrong: "{c.n}大"
            correct: "{c.zh}大"
            examples: {bad: "[[{c.n}大]]", good: "{c.zh}大"}
        """,
    )
    with pytest.raises(LexiconError, match="field 'n' must be a string") as exc:
        expand(raw)
    assert exc.value.line == 9 and exc.value.key == "values.c[0].n"


def test_file_without_foreach_is_returned_unchanged(tmp_path: Path) -> None:
    raw = _raw(
        tmp_path,
        """\
        entries:
          - wrong: "{甲}乙"
            correct: 甲丙
            examples: {bad: "[[{甲}乙]]", good: "甲丙"}
        """,
    )
    before = copy.deepcopy(raw)
    assert expand(raw) is raw
    assert raw == before


def test_input_is_not_modified_and_lines_are_kept(tmp_path: Path) -> None:
    raw = _raw(
        tmp_path,
        """\
        values:
          c: [{zh: 二十, n: "20"}, {zh: 十九, n: "19"}]
        entries:
          - wrong: 甲乙
            correct: 甲丙
            examples: {bad: "[[甲乙]]", good: "甲丙"}
          - foreach: {c: c}
            wrong: "{c.n}大"
            correct: "{c.zh}大"
            examples: {bad: "[[{c.n}大]]", good: ["{c.zh}大", "前20大"]}
        """,
    )
    before = copy.deepcopy(raw)
    out = expand(raw)
    assert raw == before
    assert [e["__line__"] for e in out["entries"]] == [10, 13, 13]


def test_plain_yaml_without_line_numbers() -> None:
    raw = yaml.safe_load(
        textwrap.dedent(
            """\
            entries:
              - foreach: {n: [一, 二]}
                wrong: "{n}中全会会"
                correct: "{n}中全会"
                examples: {bad: "[[{n}中全会会]]", good: "{n}中全会"}
            """
        )
    )
    assert [e["correct"] for e in expand(raw)["entries"]] == ["一中全会", "二中全会"]
    assert "__line__" not in expand(raw)["entries"][0]


def test_shipped_numerals_expand_to_distinct_entries() -> None:
    raw = read_rule_data(NUMERALS)
    assert isinstance(raw, dict)
    assert any("foreach" in entry for entry in raw["entries"])
    entries = expand(raw)["entries"]
    assert len(entries) > 200
    wrongs = [
        w for e in entries for w in ([e["wrong"]] if isinstance(e["wrong"], str) else e["wrong"])
    ]
    assert len(wrongs) == len(set(wrongs))
    for entry in entries:
        assert "foreach" not in entry and isinstance(entry["__line__"], int)
        examples = entry["examples"]
        assert examples["bad"] and examples["good"], entry["correct"]
        assert all("[[" in (b if isinstance(b, str) else b["text"]) for b in examples["bad"])
    assert "党的二十大" in {c for e in entries for c in e["correct"]}
