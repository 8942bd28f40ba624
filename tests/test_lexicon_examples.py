"""Every example of every shipped rule proves the rule (LanguageTool-style).

* a bad sentence yields exactly its [[marked]] spans from that rule, with the suggestion;
* the bad sentence with the suggestion applied yields nothing from that rule;
* a good sentence (near-miss) yields nothing at all, from any rule.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from wording_guard.lexicon import load_directory, shipped_lexicon_dir
from wording_guard.lexicon.schema import BadExample, GoodExample

RULES = load_directory(shipped_lexicon_dir())


def _cases() -> Iterator[Any]:
    for loaded in RULES:
        rule = loaded.rule
        for n, entry in enumerate(rule.entries):
            line = loaded.entry_lines[n] if n < len(loaded.entry_lines) else n
            suggestions = entry.suggestion_list()
            for k, bad in enumerate(entry.examples.bad):
                yield pytest.param(rule.id, bad, suggestions, entry.fix,
                                   id=f"{rule.id}:{line}:bad{k}")
            for k, good in enumerate(entry.examples.good):
                yield pytest.param(rule.id, good, None, None, id=f"{rule.id}:{line}:good{k}")


@pytest.mark.parametrize(("rule_id", "example", "suggestions", "fix"), list(_cases()))
def test_example(scanner, rule_id, example, suggestions, fix):  # type: ignore[no-untyped-def]
    if isinstance(example, GoodExample):
        found = scanner.scan(example.text, date=example.date)
        assert found == [], f"good example must stay unflagged ({example.why or ''}): {found}"
        return
    assert isinstance(example, BadExample)
    text, spans = example.plain()
    found = [f for f in scanner.scan(text, date=example.date) if f.rule_id == rule_id]
    assert sorted((f.start, f.end) for f in found) == spans, found
    fixed = text
    for f in sorted(found, key=lambda f: -f.start):
        expected = example.suggestion
        if expected is None and fix is None:
            expected = suggestions[0] if suggestions else ""
        if expected is not None:
            assert f.suggestions[:1] == ((expected,) if expected else ()), f
        replacement = f.suggestions[0] if f.suggestions else ""
        fixed = fixed[: f.start] + replacement + fixed[f.end :]
    again = [f for f in scanner.scan(fixed, date=example.date) if f.rule_id == rule_id]
    assert again == [], f"the corrected sentence {fixed!r} must not be flagged: {again}"


def test_every_rule_has_examples() -> None:
    # the schema already requires them; this guards against a loader that drops entries
    for loaded in RULES:
        for entry in loaded.rule.entries:
            assert entry.examples.bad and entry.examples.good, loaded.rule.id
