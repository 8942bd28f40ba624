"""Bad lexicon files fail at load with the file, the line and the key."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from wording_guard import LexiconError, Scanner
from wording_guard.lexicon import load_rule_file

GOOD = """\
id: typo.demo
category: typo
severity: improper
kind: replace
message: “{text}”应为“{suggestion}”。
source: test
entries:
  - wrong: 甲乙
    correct: 甲丙
    examples: {bad: "[[甲乙]]", good: "甲丙"}
"""


def _write(tmp_path: Path, body: str, name: str = "demo", folder: str = "typo") -> Path:
    path = tmp_path / folder / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def test_good_file_loads(tmp_path: Path) -> None:
    loaded = load_rule_file(_write(tmp_path, GOOD))
    assert loaded.rule.id == "typo.demo" and loaded.entry_lines == (8,)


@pytest.mark.parametrize(
    ("body", "line", "key", "words"),
    [
        (
            GOOD.replace("    correct: 甲丙\n", "    correct: 甲丙\n    colour: red\n"),
            8,
            "entries[0].colour",
            "Extra inputs",
        ),
        (GOOD.replace('good: "甲丙"', "good: []"), 8, "entries[0].examples.good", "at least 1"),
        (
            GOOD.replace('bad: "[[甲乙]]"', 'bad: "甲乙"'),
            8,
            "entries[0].examples.bad.0.text",
            "[[...]]",
        ),
        (GOOD.replace("kind: replace", "kind: magic"), None, "kind", "unknown kind 'magic'"),
        (GOOD.replace("    correct: 甲丙\n", ""), 8, "entries[0].correct", "Field required"),
        (GOOD.replace("id: typo.demo", "id: typo.other"), None, "id", "must mirror its path"),
        (GOOD + "  - wrong: x\n    wrong: y\n", 12, "wrong", "duplicate key"),
    ],
)
def test_bad_file_names_file_line_key(
    tmp_path: Path, body: str, line: int | None, key: str | None, words: str
) -> None:
    path = _write(tmp_path, body)
    with pytest.raises(LexiconError) as info:
        load_rule_file(path)
    err = info.value
    assert err.path == str(path)
    assert words in str(err)
    if line is not None:
        assert err.line == line
    if key is not None:
        assert err.key == key


def test_duplicate_and_contradictory_entries(tmp_path: Path) -> None:
    _write(tmp_path, GOOD)
    _write(tmp_path, GOOD.replace("typo.demo", "typo.second"), name="second")
    with pytest.raises(LexiconError, match="already a term"):
        Scanner([tmp_path], include_shipped=False, use_cache=False)
    (tmp_path / "typo" / "second.yaml").write_text(
        textwrap.dedent(
            GOOD.replace("typo.demo", "typo.second")
            .replace("wrong: 甲乙", "wrong: 丁戊")
            .replace("correct: 甲丙", "correct: 甲乙")
            .replace('"[[甲乙]]"', '"[[丁戊]]"')
            .replace('good: "甲丙"', 'good: "甲乙x"')
        ),
        encoding="utf-8",
    )
    with pytest.raises(LexiconError, match="correct form here but a wrong form"):
        Scanner([tmp_path], include_shipped=False, use_cache=False)


def test_invalid_yaml_names_line(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD + "  - wrong: [unclosed\n")
    with pytest.raises(LexiconError, match="invalid YAML") as info:
        load_rule_file(path)
    assert info.value.line is not None


def test_toml_rules_load(tmp_path: Path) -> None:
    path = tmp_path / "typo" / "tomldemo.toml"
    path.parent.mkdir()
    path.write_text(
        textwrap.dedent("""\
        id = "typo.tomldemo"
        category = "typo"
        severity = "improper"
        kind = "replace"
        message = "“{text}”应为“{suggestion}”。"
        source = "test"
        [[entries]]
        wrong = "甲乙"
        correct = "甲丙"
        examples = { bad = "[[甲乙]]", good = "甲丙" }
        """),
        encoding="utf-8",
    )
    scanner = Scanner([tmp_path], include_shipped=False, use_cache=False)
    assert [f.suggestions for f in scanner.scan("xx甲乙")] == [("甲丙",)]


def test_unknown_validator_is_a_load_error(tmp_path: Path) -> None:
    _write(
        tmp_path,
        """\
        id: privacy.demo
        category: privacy
        severity: serious
        kind: regex
        message: m
        source: test
        entries:
          - pattern: '[0-9]{5}'
            validator: no_such_check
            examples: {bad: "[[12345]]", good: "1234"}
        """,
        folder="privacy",
    )
    with pytest.raises(LexiconError, match="unknown validator"):
        Scanner([tmp_path], include_shipped=False, use_cache=False)
