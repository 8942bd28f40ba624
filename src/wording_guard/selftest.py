"""Run the examples of rule files against a scanner: each rule proves itself.

* a bad sentence yields exactly its [[marked]] spans from its rule, with the suggestion;
* the bad sentence with the suggestions applied yields nothing from that rule;
* a good sentence (near-miss) yields nothing at all, from any rule.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .kinds import KINDS
from .kinds.base import entries_of
from .lexicon.loader import LoadedRule
from .lexicon.schema import BadExample, GoodExample
from .scanner import Scanner


@dataclass(frozen=True)
class Case:
    rule_id: str
    where: str  # path:line of the entry
    example: BadExample | GoodExample
    suggestions: tuple[str, ...]
    computed_fix: bool  # the suggestion comes from a fix function, not the entry

    @property
    def name(self) -> str:
        kind = "bad" if isinstance(self.example, BadExample) else "good"
        return f"{self.rule_id}:{self.where.rsplit(':', 1)[-1]}:{kind}"


def cases(rules: list[LoadedRule]) -> Iterator[Case]:
    for loaded in rules:
        kind = KINDS[getattr(loaded.rule, "kind")]  # noqa: B009
        for n, entry, line in entries_of(loaded):
            where = f"{loaded.path}:{line if line is not None else f'entries[{n}]'}"
            examples: list[BadExample | GoodExample] = [*entry.examples.bad, *entry.examples.good]
            computed = kind.computed_suggestion(entry)
            for example in examples:
                yield Case(loaded.rule.id, where, example, tuple(entry.suggestion_list()), computed)


def run_case(scanner: Scanner, case: Case) -> str | None:
    """None when the example behaves, else a sentence saying what went wrong."""
    example = case.example
    if isinstance(example, GoodExample):
        found = scanner.scan(example.text, date=example.date)
        if found:
            hits = "; ".join(f"{f.rule_id} [{f.text}]@{f.start}" for f in found)
            return f"good example {example.text!r} must yield nothing, got: {hits}"
        return None
    text, spans = example.plain()
    found = [f for f in scanner.scan(text, date=example.date) if f.rule_id == case.rule_id]
    got = sorted((f.start, f.end) for f in found)
    if got != spans:
        shown = ", ".join(f"[{text[s:e]}]@{s}" for s, e in got) or "nothing"
        want = ", ".join(f"[{text[s:e]}]@{s}" for s, e in spans)
        return f"bad example {example.text!r}: expected {want}, got {shown}"
    expected = example.suggestion
    if expected is None and not case.computed_fix:
        expected = case.suggestions[0] if case.suggestions else ""
    fixed = text
    for f in sorted(found, key=lambda f: -f.start):
        first = f.suggestions[0] if f.suggestions else ""
        if expected is not None and first != expected:
            return f"bad example {example.text!r}: suggestion {first!r}, expected {expected!r}"
        fixed = fixed[: f.start] + first + fixed[f.end :]
    again = [f for f in scanner.scan(fixed, date=example.date) if f.rule_id == case.rule_id]
    if again:
        return f"corrected sentence {fixed!r} is still flagged: {[a.text for a in again]}"
    return None
