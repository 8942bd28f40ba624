"""Inline suppressions: ``wording-guard: disable RULE[, RULE…]`` … ``wording-guard: enable RULE``.

They may stand in any comment form (``<!-- … -->`` in HTML, a ``#`` line in text). A disable
without an enable runs to the end of the text; ``all`` names every rule. An unknown rule id
is an error, so a typo in a suppression never silently suppresses nothing.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from .errors import ConfigError

MARKER = "wording-guard:"
_DIRECTIVE = re.compile(
    r"wording-guard:\s*(disable|enable)\s+((?:all|[a-z][a-z0-9_]*\.[a-z0-9_]+)"
    r"(?:\s*,\s*(?:all|[a-z][a-z0-9_]*\.[a-z0-9_]+))*)"
    r"|wording-guard:\s*(\S+)"
)


def suppressed_spans(text: str, known: Collection[str]) -> dict[str, list[tuple[int, int]]]:
    """Rule id (or ``all``) -> half-open spans of ``text`` where it is disabled."""
    spans: dict[str, list[tuple[int, int]]] = {}
    open_at: dict[str, int] = {}
    for m in _DIRECTIVE.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        if m.group(1) is None:
            raise ConfigError(
                f"line {line}: unknown suppression '{m.group(0)}'; "
                "write 'wording-guard: disable RULE' or 'wording-guard: enable RULE'"
            )
        action = m.group(1)
        for rule in (r.strip() for r in m.group(2).split(",")):
            if rule != "all" and rule not in known:
                raise ConfigError(f"line {line}: unknown rule id '{rule}' in suppression")
            if action == "disable":
                open_at.setdefault(rule, m.start())
            elif rule in open_at:
                spans.setdefault(rule, []).append((open_at.pop(rule), m.end()))
    for rule, start in open_at.items():
        spans.setdefault(rule, []).append((start, len(text)))
    return spans


def is_suppressed(rule_id: str, start: int, spans: dict[str, list[tuple[int, int]]]) -> bool:
    for key in (rule_id, "all"):
        for lo, hi in spans.get(key, ()):
            if lo <= start < hi:
                return True
    return False
