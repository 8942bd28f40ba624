"""Kind ``terms``: flag each listed string as it is written."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field, field_validator

from ..lexicon.schema import DatedEntry, RuleBase, as_list, distinct_strings
from .base import KindDoc, RuleKind, entries_of

if TYPE_CHECKING:
    from ..compiler import Builder
    from ..lexicon.loader import LoadedRule


class TermsEntry(DatedEntry):
    terms: list[str] = Field(min_length=1)
    """The strings flagged wherever they occur (after normalization)."""
    suggestions: list[str] = Field(default_factory=list)
    """What to write instead; none means: delete or rephrase."""
    boundary: bool = True
    """Hits of up to 3 characters must start and end on word boundaries of the segmented
    sentence (书法国画 does not contain 法国); ``false`` turns the check off."""

    _lists = field_validator("terms", "suggestions", mode="before")(as_list)
    _distinct = field_validator("terms", "suggestions")(distinct_strings)

    def suggestion_list(self) -> list[str]:
        return self.suggestions


class TermsRule(RuleBase):
    kind: Literal["terms"]
    entries: list[TermsEntry] = Field(min_length=1)


class Terms(RuleKind):
    name = "terms"
    rule_model = TermsRule
    doc = KindDoc(
        what="Each listed term, wherever it occurs: banned or cautioned words (新华社禁用词), "
        "gambling brand names, slurs.",
        why="Some strings are wrong in any context a government page can give them; listing "
        "them is the whole rule. Context conditions (`when`/`unless`) carve out the few "
        "legitimate uses.",
        example="- terms: 残废人\n  suggestions: 残疾人\n# → flags 残废人 in 关爱残废人群体",
    )

    def compile(self, loaded: LoadedRule, builder: Builder) -> None:
        rule_index = builder.add_rule(loaded)
        path = str(loaded.path)
        for _, entry, line in entries_of(loaded):
            assert isinstance(entry, TermsEntry)
            index = builder.add_entry(
                rule_index, entry, line, flag_from=entry.valid_to, boundary=entry.boundary
            )
            for term in entry.terms:
                builder.flag(term, index, path=path, line=line, key="terms")


KIND = Terms()
