"""What the surface-form kinds (``traditional``, ``split``) share: a slip in how a protected
name reached the page (a wrong traditional character, a space or line break inside it) is
reported under the name's own category, not as a typo.

The compiler records, for every protected correct form, the entry it is the correct form of
(``Builder.protected_entry``). A surface-form rule derives one entry per (category, severity)
it may report; at scan time a protected span's normalized text finds its owner entry, and the
owner's category picks the derived entry.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..models import Category, Severity

if TYPE_CHECKING:
    from ..compiler import Builder
    from ..lexicon.loader import LoadedRule
    from .base import EntryInfo, RuleInfo


@dataclass(frozen=True)
class Owners:
    """The protected forms' owner entries and the rules (both the builder's own objects,
    complete once the last rule is compiled), and the derived entries of one surface rule."""

    owner: dict[str, int]
    """Normalized protected form -> the entry it is the correct form of."""
    rules: list[RuleInfo]
    derived: dict[tuple[Category, Severity], int]
    """(category, severity) -> the surface rule's entry reported for it."""
    names: dict[str, int]
    """Normalized people's names a kind matches itself (``Builder.person_names``) -> their
    entry."""

    def _owner(self, norm: str, entries: Sequence[EntryInfo]) -> tuple[EntryInfo, Category] | None:
        """The entry the protected form ``norm`` is the correct form of, and its category."""
        index = self.owner.get(norm)
        if index is None:
            return None
        entry = entries[index]
        return entry, Category(entry.category or self.rules[entry.rule].category)

    def category_of(self, norm: str, entries: Sequence[EntryInfo]) -> Category | None:
        """The category of the protected form ``norm``; None when it is none."""
        owner = self._owner(norm, entries)
        return None if owner is None else owner[1]

    def name_entry(self, norm: str, entries: Sequence[EntryInfo], category: Category) -> int | None:
        """The derived entry for a slip in the person's name ``norm`` (of ``names`` or a
        protected form of ``category``), with its entry's severity; None when it is none."""
        index = self.names.get(norm)
        if index is None:
            return (
                self.entry_for(norm, entries, None)
                if self.category_of(norm, entries) == category
                else None
            )
        entry = entries[index]
        return self.derived.get((category, Severity(entry.severity)))

    def entry_for(
        self, norm: str, entries: Sequence[EntryInfo], severity: Severity | None
    ) -> int | None:
        """The derived entry for a slip inside the protected form ``norm``: under its owner's
        category, with ``severity`` (None: the owner's). None when the form has no owner or
        its category is not one the rule reports under."""
        owner = self._owner(norm, entries)
        if owner is None:
            return None
        entry, category = owner
        return self.derived.get((category, Severity(severity or entry.severity)))


def derive_owners(
    loaded: LoadedRule,
    builder: Builder,
    rule_index: int,
    categories: list[Category],
    severities: tuple[Severity, ...] = tuple(Severity),
) -> Owners:
    """One derived entry of the rule per category it reports under and severity."""
    rule = loaded.rule
    derived = {
        (category, severity): builder.add_derived(
            rule_index, None, severity=severity, message=rule.message, category=category
        )
        for category in categories
        for severity in severities
    }
    return Owners(builder.protected_entry, builder.rules, derived, builder.person_names)
