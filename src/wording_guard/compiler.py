"""Turn validated rule files into the flat tables the scanner runs on.

Everything here runs once per lexicon set; the result is cached on disk (see ``cache.py``).
Raw hits in the scanner are tuples of ints that index into these tables.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from . import nearmiss
from .errors import LexiconError
from .lexicon.loader import LoadedRule
from .lexicon.schema import Conditions, Kind
from .models import Category, Severity
from .normalize import Normalizer

ORDER_MESSAGE = "排名顺序与正式排序不一致，请核对：“{text}”，建议“{suggestion}”。"

# pattern roles
PROTECT = -1  # a correct form: suppresses strictly shorter error hits it covers
ALLOW = -2  # an allow-list term: suppresses every hit it covers, equal span included


@dataclass(frozen=True)
class RuleInfo:
    id: str
    category: Category
    severity: Severity
    kind: Kind
    message: str
    source: str
    description: str | None
    path: str


@dataclass(frozen=True)
class EntryInfo:
    rule: int
    severity: Severity
    message: str
    suggestions: tuple[str, ...]
    when: Conditions | None
    unless: Conditions | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    validator: str | None
    fix: str | None
    line: int | None
    boundary: bool = True


@dataclass
class Compiled:
    """Flat tables: patterns, what each pattern means, rules, entries and regex entries."""

    rules: list[RuleInfo] = field(default_factory=list)
    entries: list[EntryInfo] = field(default_factory=list)
    patterns: list[str] = field(default_factory=list)
    # per pattern: entry index (>= 0), PROTECT or ALLOW
    targets: list[int] = field(default_factory=list)
    # per pattern: the correct form a generated near-miss came from; "" for lexicon strings
    generated: list[str] = field(default_factory=list)
    # per pattern: bit 1 = starts with ASCII alnum, bit 2 = ends with ASCII alnum
    ascii_edges: list[int] = field(default_factory=list)
    regexes: list[tuple[int, str]] = field(default_factory=list)
    # regex entry index -> folded trigger literals (empty: always runs)
    triggers: dict[int, tuple[str, ...]] = field(default_factory=dict)
    # entry index -> further entries for the same string, tried in order when the first
    # one's ``when`` conditions do not hold (one term, different contexts)
    alternatives: dict[int, tuple[int, ...]] = field(default_factory=dict)
    # kind office: (entry index, holder names, titles, rank or 0), all normalized
    offices: list[tuple[int, tuple[str, ...], tuple[str, ...], int]] = field(default_factory=list)
    # office rule index -> synthetic notice entry for names listed out of protocol order
    order_entries: dict[int, int] = field(default_factory=dict)
    # kind enumeration: (entry index, list name, items), all normalized
    enumerations: list[tuple[int, str, tuple[str, ...]]] = field(default_factory=list)
    # short strings written in the lexicons: added to jieba's dictionary for boundary checks
    short_words: list[str] = field(default_factory=list)


def _ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _fold_conditions(cond: Conditions | None, normalizer: Normalizer) -> Conditions | None:
    """Condition words are compared with the folded text, so fold them the same way."""
    if cond is None or cond.is_empty():
        return None
    return cond.model_copy(
        update={
            key: [normalizer.fold(w) for w in getattr(cond, key)]
            for key in ("preceded_by", "followed_by", "inside", "near")
        }
    )


def compile_rules(
    loaded: Iterable[LoadedRule],
    normalizer: Normalizer,
    allow_terms: Iterable[str] = (),
    reject_variant: set[str] | None = None,
) -> Compiled:
    """Compile rules into flat tables. Raises :class:`LexiconError` on duplicates and
    contradictions (a string that is a wrong form in one place and correct in another).

    ``reject_variant``: real words and phrases that generated near-misses must not equal.
    """
    out = Compiled()
    # normalized string -> (entry index, path, line) of the error entry that owns it
    owners: dict[str, tuple[int, str, int | None]] = {}
    has_when: set[int] = set()
    protect: dict[str, tuple[str, int | None]] = {}
    protected_terms: list[tuple[int, str, str]] = []
    seen_ids: dict[str, str] = {}

    for item in loaded:
        rule = item.rule
        path = str(item.path)
        if rule.id in seen_ids:
            raise LexiconError(
                f"rule id '{rule.id}' is also defined in {seen_ids[rule.id]}", path=path, key="id"
            )
        seen_ids[rule.id] = path
        rule_index = len(out.rules)
        out.rules.append(
            RuleInfo(
                rule.id,
                rule.category,
                rule.severity,
                rule.kind,
                rule.message,
                rule.source,
                rule.description,
                path,
            )
        )
        for n, entry in enumerate(rule.entries):
            line = item.entry_lines[n] if n < len(item.entry_lines) else None
            entry_index = len(out.entries)
            out.entries.append(
                EntryInfo(
                    rule=rule_index,
                    severity=entry.severity or rule.severity,
                    message=entry.message or rule.message,
                    suggestions=tuple(entry.suggestion_list()),
                    when=_fold_conditions(entry.when, normalizer),
                    unless=_fold_conditions(entry.unless, normalizer),
                    valid_from=entry.valid_from,
                    valid_to=entry.valid_to,
                    validator=entry.validator,
                    fix=entry.fix,
                    line=line,
                    boundary=entry.boundary,
                )
            )
            if rule.kind is Kind.REGEX:
                assert entry.pattern is not None
                out.regexes.append((entry_index, entry.pattern))
                if entry.triggers:
                    out.triggers[entry_index] = tuple(normalizer.fold(t) for t in entry.triggers)
                continue
            if rule.kind is Kind.OFFICE:
                if entry.rank is not None and rule_index not in out.order_entries:
                    out.order_entries[rule_index] = len(out.entries)
                    out.entries.append(
                        EntryInfo(
                            rule=rule_index,
                            severity=Severity.NOTICE,
                            message=ORDER_MESSAGE,
                            suggestions=(),
                            when=None,
                            unless=None,
                            valid_from=None,
                            valid_to=None,
                            validator=None,
                            fix=None,
                            line=line,
                        )
                    )
                out.offices.append(
                    (
                        entry_index,
                        tuple(normalizer.terms(entry.correct)),
                        tuple(normalizer.terms(entry.titles)),
                        entry.rank or 0,
                    )
                )
                continue
            if rule.kind is Kind.ENUMERATION:
                for name in entry.correct:
                    out.enumerations.append(
                        (entry_index, normalizer.term(name), tuple(normalizer.terms(entry.items)))
                    )
                continue
            flagged = entry.terms if rule.kind is Kind.TERMS else entry.wrong
            for term in flagged:
                norm = normalizer.term(term)
                if not norm:
                    raise LexiconError(
                        f"term '{term}' is empty after normalization",
                        path=path,
                        line=line,
                        key="terms",
                    )
                if entry.when is not None:
                    has_when.add(entry_index)
                if norm in owners:
                    other = owners[norm]
                    # one string may have several entries only when each is bound to a
                    # context (`when`), e.g. 台湾 in a list of countries vs. of regions
                    if other[0] in has_when and entry_index in has_when:
                        first = other[0]
                        out.alternatives[first] = (*out.alternatives.get(first, ()), entry_index)
                        continue
                    raise LexiconError(
                        f"'{term}' is already a term of the entry at {other[1]}:{other[2]}"
                        " (a string may repeat only when every entry for it has `when`)",
                        path=path,
                        line=line,
                        key="wrong" if entry.wrong else "terms",
                    )
                owners[norm] = (entry_index, path, line)
            for term in entry.correct:
                protect.setdefault(normalizer.term(term), (path, line))
                if rule.kind is Kind.PROTECTED and entry.near_miss:
                    protected_terms.append((entry_index, normalizer.term(term), term))

    for norm, (path, line) in protect.items():
        if norm in owners:
            other = owners[norm]
            raise LexiconError(
                f"'{norm}' is a correct form here but a wrong form at {other[1]}:{other[2]}",
                path=path,
                line=line,
                key="correct",
            )

    def add(pattern: str, target: int, generated: str) -> None:
        out.patterns.append(pattern)
        out.targets.append(target)
        out.generated.append(generated)
        edges = (1 if _ascii_alnum(pattern[0]) else 0) | (2 if _ascii_alnum(pattern[-1]) else 0)
        out.ascii_edges.append(edges)

    allow = {normalizer.term(t) for t in allow_terms} - {""}
    for norm, (entry_index, _path, _line) in owners.items():
        if norm not in allow:
            add(norm, entry_index, "")
    out.short_words = sorted({p for p in [*owners, *protect] if 2 <= len(p) <= 4})
    for norm in protect:
        if norm not in allow:
            add(norm, PROTECT, "")
    for norm in sorted(allow):
        add(norm, ALLOW, "")

    # Generated near-misses: drop any that is a lexicon string, a real word, or ambiguous.
    taken = set(out.patterns)
    reject = reject_variant or set()
    candidates: dict[str, tuple[int, str]] = {}
    ambiguous: set[str] = set()
    for entry_index, norm, original in protected_terms:
        for variant in nearmiss.variants(norm):
            if variant in taken or variant in reject:
                continue
            previous = candidates.get(variant)
            if previous is not None and previous[0] != entry_index:
                ambiguous.add(variant)
            candidates[variant] = (entry_index, original)
    for variant in sorted(candidates.keys() - ambiguous):
        entry_index, original = candidates[variant]
        add(variant, entry_index, original)
    return out
