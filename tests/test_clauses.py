"""The clauses kind: a slipped member of a mined fixed enumeration (kinds/clauses.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from wording_guard import Scanner
from wording_guard.errors import LexiconError
from wording_guard.kinds.clauses import _compile_clause, _slip, read_clauses

RULE = "political_phrase.mined_clauses"


def _mine(scanner: Scanner, text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(f.text, f.suggestions) for f in scanner.scan(text) if f.rule_id == RULE]


@pytest.mark.parametrize(
    ("text", "span", "fix"),
    [
        ("全体党员要做到有法必依、执法必严、违法必纠。", "违法必纠", "违法必究"),  # the last
        ("增强政治自觉、思想字觉、行动自觉。", "思想字觉", "思想自觉"),  # a middle one
        ("推动产业结购、生产方式、生活方式绿色转型。", "产业结购", "产业结构"),  # the first
        ("增强政治自觉、思想自觉、自觉行动。", "自觉行动", "行动自觉"),  # swapped
    ],
)
def test_a_slipped_member_is_flagged(scanner: Scanner, text: str, span: str, fix: str) -> None:
    assert _mine(scanner, text) == [(span, (fix,))]


@pytest.mark.parametrize(
    "text",
    [
        "全体党员要做到有法必依、执法必严、违法必究。",
        "推动产业结构、生产方式、生活方式绿色转型。",
        "要做到有法必依、执法必严、违法必究到底。",
        # the last member begins a longer word: no slip
        "坚持高标准、高质量、高水准推进建设。",
        # two members off: another list
        "增强政治自觉、思想认同、情感认同。",
    ],
)
def test_right_clauses_and_other_lists_stay_clear(scanner: Scanner, text: str) -> None:
    assert _mine(scanner, text) == []


def test_the_halves_cut_at_a_separator() -> None:
    clause = _compile_clause(("有法必依", "执法必严", "违法必究"), {"2:违法必纠"})
    text = "、".join(clause.members)
    assert text[clause.cut] == "、"
    assert clause.offsets == (0, 5, 10)
    assert (2, "违法必纠") in clause.seen


def test_a_slip_is_one_character_or_a_swap() -> None:
    assert _slip("违法必纠", "违法必究", 1)
    assert _slip("民主协商", "协商民主", 1)
    assert not _slip("违法惩处", "违法必究", 1)
    assert not _slip("融合的", "融合化", 1)  # a function character
    assert _slip("失职问罪", "失职追责", 2) and not _slip("失职问罪", "失职追责", 1)


def test_a_bad_clause_line_fails(tmp_path: Path) -> None:
    path = tmp_path / "clauses.tsv"
    path.write_text("# mined\n稳增长、稳就业\t5\t2022-2024\t\n", encoding="utf-8")
    with pytest.raises(LexiconError):
        read_clauses(path, 3)
    path.write_text("稳增长、稳就业、稳物价\t2\t2022-2024\t\n", encoding="utf-8")
    assert read_clauses(path, 3) == []
