"""Kind ``traditional``: protected names written in traditional characters that were
converted one character at a time, picking the wrong one of several traditional forms.

One simplified character can stand for several traditional ones (发: 發 to develop, 髮 hair;
里: 裡 inside, 里 a mile; 干: 幹, 乾, 干). A page converted character by character writes
經濟髮展 or 幹涉; folding to simplified before matching (as the scanner does) hides it, since
both fold to the correct simplified form. This kind re-reads the original text of every
protected correct form the shared automaton found (a leader's name, a formulation, a body's
name): where the original is in traditional characters, each character must be the simplified
one or the form a standard conversion of the whole term gives (OpenCC's ``s2t``, ``s2tw``,
``s2hk`` — phrase-aware, so 發展 but 頭髮); any other traditional character is flagged, with
the term as the standard conversion writes it. Texts without traditional characters cost one
string comparison.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from ..lexicon.schema import EntryBase, RuleBase
from .base import Candidate, KindDoc, RuleKind, ScanEnv, ScanInput, entries_of

if TYPE_CHECKING:
    from ..compiler import Builder
    from ..lexicon.loader import LoadedRule

Standard = Literal["s2t", "s2tw", "s2hk"]


class TraditionalEntry(EntryBase):
    standards: list[Standard] = Field(min_length=1)
    """The OpenCC conversions whose traditional forms are accepted (OpenCC's own standard,
    Taiwan's, Hong Kong's); the first one gives the suggestion."""


class TraditionalRule(RuleBase):
    kind: Literal["traditional"]
    entries: list[TraditionalEntry] = Field(min_length=1, max_length=1)


@dataclass(frozen=True)
class _Data:
    entry: int
    standards: tuple[str, ...]


class Traditional(RuleKind):
    name = "traditional"
    rule_model = TraditionalRule
    doc = KindDoc(
        what="A protected name or formulation in traditional characters with a character no "
        "standard conversion gives there (經濟髮展 for 經濟發展, 髮 being hair; 幹涉 for 干涉).",
        why="Pages converted character by character pick the wrong one of several traditional "
        "forms; folding to simplified before matching hides the error, so the original "
        "characters of every protected hit are checked against standard conversions.",
        example="- standards: [s2t, s2tw, s2hk]\n# → flags 新髮展理念, suggesting 新發展理念",
    )

    def computed_suggestion(self, entry: EntryBase) -> bool:
        return True

    def compile(self, loaded: LoadedRule, builder: Builder) -> None:
        rule_index = builder.add_rule(loaded)
        for _, entry, line in entries_of(loaded):
            assert isinstance(entry, TraditionalEntry)
            index = builder.add_entry(rule_index, entry, line)
            rules: list[_Data] = builder.kind_data.setdefault(self.name, [])
            rules.append(_Data(index, tuple(entry.standards)))

    def finder(self, data: Any, env: ScanEnv) -> TraditionalFinder | None:
        return TraditionalFinder(data) if data else None


class TraditionalFinder:
    """Checks the protected hits of texts that contain traditional characters. The OpenCC
    converters load on the first such text."""

    def __init__(self, rules: list[_Data]) -> None:
        self._rules = rules
        self._converters: dict[str, Any] = {}
        self._forms: dict[tuple[str, str], str] = {}  # (standard, term) -> converted term
        self._lock = threading.Lock()

    def _convert(self, standard: str, term: str) -> str:
        key = (standard, term)
        form = self._forms.get(key)
        if form is None:
            converter = self._converters.get(standard)
            if converter is None:
                with self._lock:
                    converter = self._converters.get(standard)
                    if converter is None:
                        import opencc

                        converter = self._converters[standard] = opencc.OpenCC(standard)
            form = self._forms[key] = str(converter.convert(term))
        return form

    def find(self, scan: ScanInput) -> Iterator[Candidate]:
        text, folded = scan.text, scan.folded
        if text == folded or not scan.protected:
            return
        for start, end in scan.protected:
            original = text[start:end]
            term = folded[start:end]
            if original == term:
                continue
            for data in self._rules:
                fixed = self._check(data, original, term)
                if fixed is not None:
                    yield Candidate(start, end, data.entry, fixed)

    def _check(self, data: _Data, original: str, term: str) -> str | None:
        """The term as the first standard writes it, where ``original`` has a traditional
        character that none of the standards gives; None when it reads right."""
        # only characters folded from a traditional form count (width and case folds do not)
        changed = [
            k
            for k, (o, f) in enumerate(zip(original, term, strict=True))
            if o != f and _han(o) and _han(f)
        ]
        if not changed:
            return None
        forms = [self._convert(s, term) for s in data.standards]
        if any(len(form) != len(term) for form in forms):
            return None  # a phrase conversion changed the length: positions do not align
        wrong = [k for k in changed if original[k] not in {form[k] for form in forms}]
        if not wrong:
            return None
        first = forms[0]
        return "".join(first[k] if k in wrong else o for k, o in enumerate(original))


def _han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


KIND = Traditional()
