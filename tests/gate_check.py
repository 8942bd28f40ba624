"""What every gated regex entry must satisfy, for the property tests that generate texts."""

from __future__ import annotations

from typing import Any

from wording_guard.kinds.regex import _around


def assert_gate_holds(pattern: Any, gate: Any, reach: int | None, text: str) -> None:
    """Wherever ``pattern`` matches, its gate does; and with ``reach``, the pattern run only
    within reach of the gate's matches finds exactly what it finds in the whole text."""
    if pattern.search(text):
        assert gate.search(text), text
    if reach is not None:
        whole = [m.span() for m in pattern.finditer(text)]
        near = [
            m.span()
            for lo, hi in _around(gate, text, reach)
            for m in pattern.finditer(text, lo, hi)
        ]
        assert near == whole, text
