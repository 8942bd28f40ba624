"""The rule kinds: one module each, registered here. Adding a kind is one new module and one
line in ``KINDS``; the rule-file schema is the discriminated union of their rule models."""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any, Union

from pydantic import Field, TypeAdapter

from . import (
    age,
    anniversary,
    clauses,
    confusion,
    counted,
    cycle_year,
    definition,
    density,
    division,
    enumeration,
    evidence,
    homophone,
    idiom,
    meeting,
    membership,
    milestone,
    office,
    protected,
    regex,
    registry,
    replace,
    slips,
    split,
    statistical,
    terms,
    traditional,
)
from .base import Candidate, EntryInfo, KindDoc, RuleInfo, RuleKind, ScanEnv, ScanInput

KINDS: dict[str, RuleKind] = {
    kind.name: kind
    for kind in (
        terms.KIND,
        replace.KIND,
        protected.KIND,
        regex.KIND,
        office.KIND,
        enumeration.KIND,
        counted.KIND,
        meeting.KIND,
        statistical.KIND,
        traditional.KIND,
        split.KIND,
        division.KIND,
        evidence.KIND,
        idiom.KIND,
        clauses.KIND,
        slips.KIND,
        homophone.KIND,
        confusion.KIND,
        anniversary.KIND,
        age.KIND,
        registry.KIND,
        membership.KIND,
        definition.KIND,
        milestone.KIND,
        cycle_year.KIND,
        density.KIND,
    )
}

# the rule file: one of the kinds' rule models, chosen by its `kind` key
RuleFile: Any = Annotated[
    Union[tuple(kind.rule_model for kind in KINDS.values())],  # noqa: UP007
    Field(discriminator="kind"),
]


@cache
def rule_file_adapter() -> TypeAdapter[Any]:
    """The validator of a whole rule file (built on first use: scanning never needs it)."""
    return TypeAdapter(RuleFile)


_COMMON_KEYS = ("severity", "message", "note", "source", "when", "unless", "examples")


def entry_keys(kind: RuleKind) -> list[str]:
    """The keys an entry of ``kind`` takes besides the ones every entry takes."""
    entries = kind.rule_model.model_fields["entries"].annotation
    model = getattr(entries, "__args__", (None,))[0]
    fields = getattr(model, "model_fields", {})
    return [name for name in fields if name not in _COMMON_KEYS]


def reference() -> str:
    """The kinds section of docs/lexicon-format.md, from each kind's own doc."""
    out = []
    for name, kind in KINDS.items():
        doc = kind.doc
        keys = ", ".join(f"`{k}`" for k in entry_keys(kind))
        out.append(
            f"### `{name}`\n\n**What it flags.** {doc.what}\n\n**Why.** {doc.why}\n\n"
            f"**Entry keys.** {keys}\n\n**Example.**\n\n```yaml\n{doc.example}\n```\n"
        )
    return "\n".join(out)


__all__ = [
    "KINDS",
    "Candidate",
    "EntryInfo",
    "KindDoc",
    "RuleFile",
    "RuleInfo",
    "RuleKind",
    "ScanEnv",
    "ScanInput",
    "entry_keys",
    "reference",
    "rule_file_adapter",
]
