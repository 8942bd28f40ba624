"""The measure-word slips live in their own list, whose entry drops a hit after a numeral."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from wording_guard import Scanner

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "lexicons" / "_data"


def _split_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "split_classifier_slips", ROOT / "scripts" / "split_classifier_slips.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pairs(name: str) -> list[tuple[str, str]]:
    out = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            wrong, _, correct = line.partition("\t")
            out.append((wrong, correct))
    return out


def test_split_is_complete() -> None:
    """No list the script splits still holds a slip it would move, and every moved slip
    opens with the measure word its word opens with."""
    split = _split_module()
    for name in split.SOURCES:
        assert not [p for p in _pairs(name) if split._moves(*p)], name
    moved = _pairs(split.TARGET)
    assert moved
    assert all(split._moves(w, c) for w, c in moved)


def test_numeral_before_measure_word(scanner: Scanner) -> None:
    """两家用电企业 is 两家 | 用电企业; 家用电企 alone is a slip of 家用电器."""
    assert not scanner.scan("我市两家用电企业和3家用电企业申报首批试点。")
    found = scanner.scan("商场家用电企专柜开展以旧换新活动。")
    assert [(f.text, f.suggestions) for f in found] == [("家用电企", ("家用电器",))]
