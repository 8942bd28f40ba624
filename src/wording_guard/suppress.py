"""Inline suppressions: ``wording-guard: disable RULE[, RULE…]`` … ``wording-guard: enable RULE``.

They may stand in any comment form (``<!-- … -->`` in HTML, a ``#`` line in text). A disable
without an enable runs to the end of the text; ``all`` names every rule. A directive stands
on one line. An unknown directive or rule id is an error (:class:`SuppressionError`), so a
typo in a suppression never silently suppresses nothing.

Sweeps must not stop at one such typo (a saved log may hold ``wording-guard: report …``):
:func:`disarm` and :func:`disarm_chunks` give the text with the bad directives made inert,
and the errors to report, so the file is checked as if they were absent.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator

from .errors import SuppressionError

MARKER = "wording-guard:"
_RULE = r"(?:all|[a-z][a-z0-9_]*\.[a-z0-9_]+)"
_BLANK = r"[^\S\n]"  # white space within the line
_DIRECTIVE = re.compile(
    rf"wording-guard:{_BLANK}*(disable|enable){_BLANK}+({_RULE}(?:{_BLANK}*,{_BLANK}*{_RULE})*)"
    # a bad one is quoted up to its first word only: what follows is the page's own text
    rf"|wording-guard:{_BLANK}*([A-Za-z0-9_.\-]{{0,40}})"
)


def _directives(
    text: str, known: Collection[str]
) -> Iterator[tuple[re.Match[str], SuppressionError | None]]:
    """Every directive in ``text``, with the error that makes it invalid (or None)."""
    for m in _DIRECTIVE.finditer(text):
        error = None
        if m.group(1) is None:
            error = (
                f"unknown suppression '{m.group(0)}'; "
                "write 'wording-guard: disable RULE' or 'wording-guard: enable RULE'"
            )
        else:
            unknown = [r for r in _rules(m) if r != "all" and r not in known]
            if unknown:
                error = f"unknown rule id '{unknown[0]}' in suppression"
        if error is None:
            yield m, None
        else:
            line = text.count("\n", 0, m.start()) + 1
            yield m, SuppressionError(error, line=line, start=m.start(), end=m.end())


def _rules(m: re.Match[str]) -> list[str]:
    return [r.strip() for r in m.group(2).split(",")]


def suppressed_spans(text: str, known: Collection[str]) -> dict[str, list[tuple[int, int]]]:
    """Rule id (or ``all``) -> half-open spans of ``text`` where it is disabled. Raises
    :class:`SuppressionError` at the first bad directive."""
    spans: dict[str, list[tuple[int, int]]] = {}
    open_at: dict[str, int] = {}
    for m, error in _directives(text, known):
        if error is not None:
            raise error
        action = m.group(1)
        for rule in _rules(m):
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


def disarm(text: str, known: Collection[str]) -> tuple[str, list[SuppressionError]]:
    """``text`` with every bad directive made inert, and the errors about them (in order).

    The text keeps its length and every character but the colon of each bad directive's
    marker, so offsets and lines found in it hold for ``text``; :func:`suppressed_spans`
    no longer raises on it."""
    errors: list[SuppressionError] = []
    while MARKER in text:
        found = [error for _, error in _directives(text, known) if error is not None]
        if not found:
            break
        errors.extend(found)
        chars = list(text)
        for error in found:
            chars[error.start + len(MARKER) - 1] = " "
        # once more: a marker the bad directive had swallowed may now stand on its own
        text = "".join(chars)
    errors.sort(key=lambda e: e.start)
    return text, errors


def disarm_chunks(
    chunks: Iterable[str], known: Collection[str], errors: list[SuppressionError]
) -> Iterator[str]:
    """The text made of ``chunks``, with bad directives made inert as :func:`disarm` does,
    in pieces; the errors (lines and offsets in the whole text) are appended to ``errors``.

    Directives stand on one line, so whole lines are disarmed at a time: a piece is held
    until its line ends (a file without line breaks is held whole, only if it has a
    marker)."""
    held = ""
    lines_before = 0
    offset = 0  # of ``held`` in the whole text
    for chunk in chunks:
        held += chunk
        cut = held.rfind("\n") + 1
        if MARKER not in held:
            # no marker to hold back for: all but a possible start of one
            cut = max(cut, len(held) - len(MARKER) + 1)
        if cut <= 0:
            continue
        piece, held = held[:cut], held[cut:]
        yield _disarmed_piece(piece, known, errors, lines_before, offset)
        lines_before += piece.count("\n")
        offset += len(piece)
    if held:
        yield _disarmed_piece(held, known, errors, lines_before, offset)


def _disarmed_piece(
    piece: str, known: Collection[str], errors: list[SuppressionError], lines: int, offset: int
) -> str:
    if MARKER not in piece:
        return piece
    piece, found = disarm(piece, known)
    for error in found:
        errors.append(
            SuppressionError(
                error.detail,
                line=error.line + lines,
                start=error.start + offset,
                end=error.end + offset,
            )
        )
    return piece
