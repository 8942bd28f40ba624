"""Bad lexicon files fail at load with the file, the line and the key."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml

from wording_guard import LexiconError, Scanner
from wording_guard.lexicon import load_rule_file, loader, rule_files, shipped_lexicon_dir

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


class _ByTheConstructor(loader._SafeLoader):  # type: ignore[misc]
    """The line-recording loader with PyYAML's constructor building every node."""


_ByTheConstructor.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, loader._construct_mapping
)
_ByTheConstructor.yaml_implicit_resolvers = loader._LineLoader.yaml_implicit_resolvers


def _load(text: str, cls: type) -> tuple[str, object]:
    try:
        return "ok", yaml.load(text, Loader=cls)
    except Exception as exc:  # the same error either way
        return type(exc).__name__, str(exc)


@pytest.mark.parametrize(
    "text",
    [
        GOOD,
        "a: &x {b: 1, c: [1, 2, &y {d: 2020-01-01}]}\ne: *x\nf: *y\ng: {<<: *x, h: yes}\n",
        "i: ~\nj: 0x1F\nk: 1.5e3\nl: !!str 12\nm: !!set {a, b}\nn: !!omap [{a: 1}, {b: 2}]\n",
        "- 1\n- two\n- [3, {four: 4}]\n",
        "just text\n",
        "",
        "a: 1\na: 2\n",
        "a: &m {b: *m}\n",
        "? [1, 2]\n: 3\n",
    ],
)
def test_the_walk_over_the_nodes_builds_what_the_constructor_builds(text: str) -> None:
    walked, built = _load(text, loader._LineLoader), _load(text, _ByTheConstructor)
    assert walked == built
    if walked[0] == "ok" and isinstance(walked[1], dict) and "e" in walked[1]:
        assert isinstance(built[1], dict)
        assert (walked[1]["e"] is walked[1]["a"]) == (built[1]["e"] is built[1]["a"])  # alias


def test_the_walk_builds_every_shipped_file_as_the_constructor_does() -> None:
    for path in rule_files(shipped_lexicon_dir()):
        text = path.read_text(encoding="utf-8")
        assert _load(text, loader._LineLoader) == _load(text, _ByTheConstructor), path
