"""Every example of every shipped rule proves the rule (see wording_guard.selftest)."""

from __future__ import annotations

import pytest

from wording_guard.lexicon import load_directory, shipped_lexicon_dir
from wording_guard.selftest import Case, cases, run_case

RULES = load_directory(shipped_lexicon_dir())
CASES = list(cases(RULES))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_example(scanner, case: Case) -> None:  # type: ignore[no-untyped-def]
    problem = run_case(scanner, case)
    assert problem is None, f"{case.where}: {problem}"


def test_every_entry_has_bad_and_good_examples() -> None:
    # the schema requires both; this guards against a loader that drops entries
    for loaded in RULES:
        for entry in loaded.rule.entries:
            assert entry.examples.bad and entry.examples.good, loaded.rule.id


def test_every_category_has_rules() -> None:
    from wording_guard import Category

    present = {loaded.rule.category for loaded in RULES}
    assert set(Category) <= present, sorted(c.value for c in set(Category) - present)
