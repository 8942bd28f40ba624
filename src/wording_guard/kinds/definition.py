"""Kind ``definition``: a definitional fact stated with the wrong member of its predicate's
family (人民代表大会制度是我国的基本政治制度: it is the 根本政治制度).

Each entry names a subject, its official predicate and the confusable predicates of the same
family. A confusable is flagged when it stands in one clause with the subject and is the
first member of the family after it, joined by a short link that opens with a copula or a
particle (是, 是我国的, 的, 这一 …; 人民代表大会制度是我国的基本政治制度), or before it with a
bare copula (我国的基本政治制度是人民代表大会制度). A link holding a list mark or a negation
(、和等, 不, 非) is no definition of the subject alone (人民代表大会制度和民族区域自治制度等;
人民代表大会制度不是基本政治制度), nor is a subject followed by another noun
(中国特色社会主义制度的最大优势 is not said of 中国特色社会主义) or a member followed by 的,
which qualifies another noun (国务院是最高国家权力机关的执行机关).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, field_validator, model_validator

from ..charmodel import is_han
from ..context import sentence_bounds
from ..lexicon.schema import EntryBase, RuleBase, as_list, distinct_strings
from .base import AnchorSearch, Candidate, KindDoc, RuleKind, ScanEnv, ScanInput, entries_of

if TYPE_CHECKING:
    from ..compiler import Builder
    from ..lexicon.loader import LoadedRule

# clause ends in the folded text (full-width marks fold to ASCII ones)
_CLAUSE_ENDS = frozenset("，。；！？：,.;!?:\n")


class DefinitionEntry(EntryBase):
    subject: list[str] = Field(min_length=1)
    """What is defined (人民代表大会制度), in its written forms."""
    predicate: list[str] = Field(min_length=1)
    """The official predicate (根本政治制度); the first is the suggestion."""
    confusable: list[str] = Field(min_length=1)
    """The other members of the family, wrong of this subject (基本政治制度, 重要政治制度)."""

    _lists = field_validator("subject", "predicate", "confusable", mode="before")(as_list)
    _distinct = field_validator("subject", "predicate", "confusable")(distinct_strings)

    @model_validator(mode="after")
    def _apart(self) -> DefinitionEntry:
        if set(self.predicate) & set(self.confusable):
            raise ValueError("a predicate cannot also be a confusable")
        return self

    def suggestion_list(self) -> list[str]:
        return self.predicate


class DefinitionRule(RuleBase):
    kind: Literal["definition"]
    links: list[str] = Field(
        default_factory=lambda: [
            "是",
            "就是",
            "乃是",
            "才是",
            "也是",
            "都是",
            "始终是",
            "为",
            "作为",
            "的",
            "这一",
            "这个",
        ]
    )
    """What a link from the subject to its predicate opens with (or is empty)."""
    reverse_links: list[str] = Field(default_factory=lambda: ["是", "就是", "即"])
    """The whole link from a predicate to its subject after it (我国的根本政治制度是…)."""
    max_link: int = Field(default=12, ge=0)
    """The longest link, in characters."""
    blockers: str = "、和与及等或不非没"
    """Characters no link holds: a list, an alternative or a negation."""
    entries: list[DefinitionEntry] = Field(min_length=1)


@dataclass(frozen=True)
class _Rules:
    links: tuple[str, ...]
    reverse_links: frozenset[str]
    max_link: int
    blockers: frozenset[str]


@dataclass(frozen=True)
class _Fact:
    entry: int
    rules: int  # index into the kind's link rules
    subjects: frozenset[str]
    family: frozenset[str]  # predicates and confusables
    wrong: frozenset[str]


class Definition(RuleKind):
    name = "definition"
    rule_model = DefinitionRule
    doc = KindDoc(
        what="A definitional fact with a confusable predicate: the subject and a wrong member of "
        "its predicate's family in one clause, joined by a copula or particle (人民代表大会制度"
        "是我国的基本政治制度 → 根本政治制度; 全过程人民民主是社会主义民主政治的本质特征 → "
        "本质属性; 中国特色社会主义最鲜明的特征 → 最本质的特征).",
        why="The Constitution, the Party Constitution and the Congress reports define a few "
        "subjects with words of one family (根本/基本/重要政治制度, 本质属性/本质特征/本质要求); "
        "each word is right of another subject, so only the pair can be wrong.",
        example="- subject: 人民代表大会制度\n  predicate: 根本政治制度\n"
        "  confusable: [基本政治制度, 重要政治制度]\n"
        "# → flags 基本政治制度 in 人民代表大会制度是我国的基本政治制度",
    )

    def compile(self, loaded: LoadedRule, builder: Builder) -> None:
        rule_index = builder.add_rule(loaded)
        rule = loaded.rule
        assert isinstance(rule, DefinitionRule)
        fold = builder.normalizer.fold
        data = builder.kind_data.setdefault(self.name, {"rules": [], "facts": []})
        data["rules"].append(
            _Rules(
                tuple(fold(w) for w in rule.links),
                frozenset(fold(w) for w in rule.reverse_links),
                rule.max_link,
                frozenset(fold(rule.blockers)),
            )
        )
        for _, entry, line in entries_of(loaded):
            assert isinstance(entry, DefinitionEntry)
            index = builder.add_entry(rule_index, entry, line)
            data["facts"].append(
                _Fact(
                    index,
                    len(data["rules"]) - 1,
                    frozenset(map(fold, entry.subject)),
                    frozenset(map(fold, entry.predicate + entry.confusable)),
                    frozenset(map(fold, entry.confusable)),
                )
            )

    def finder(self, data: Any, env: ScanEnv) -> DefinitionFinder | None:
        return DefinitionFinder(data["rules"], data["facts"]) if data else None


# names holding a blocker that joins nothing (是中华人民共和国的根本制度)
_NAMES_WITH_BLOCKERS = ("共和国",)


def _clean(link: str, blockers: frozenset[str]) -> bool:
    for name in _NAMES_WITH_BLOCKERS:
        link = link.replace(name, "")
    return all(is_han(c) and c not in blockers for c in link)


class DefinitionFinder:
    """Finds the confusables through the shared automaton, then reads their clause."""

    def __init__(self, rules: list[_Rules], facts: list[_Fact]) -> None:
        self._rules = rules
        self._facts = facts
        self._strings = sorted({s for f in facts for s in f.subjects | f.family})
        self._search = AnchorSearch(self._strings, longest=False, folded=True)
        self.anchors = self._search.anchors
        self._wrong = {w for f in facts for w in f.wrong}

    def find(self, scan: ScanInput) -> Iterator[Candidate]:
        strings = self._strings
        hits = [(strings[i], s, e) for i, s, e in self._search.find(scan, ordered=False)]
        if not any(h[0] in self._wrong for h in hits):
            return
        folded = scan.folded
        hits.sort(key=lambda h: (h[1], -h[2]))
        for fact in self._facts:
            rules = self._rules[fact.rules]
            mine = [h for h in hits if h[0] in fact.subjects or h[0] in fact.family]
            for string, start, end in mine:
                if string not in fact.wrong:
                    continue
                if any(s <= start and end <= e and (s, e) != (start, end) for _, s, e in mine):
                    continue  # inside a longer member (最本质的特征 holds 本质的特征)
                if folded.startswith("的", end):
                    continue  # qualifies another noun: 是最高国家权力机关的执行机关
                if self._defined(fact, rules, mine, folded, start, end):
                    yield Candidate(start, end, fact.entry)

    @staticmethod
    def _defined(
        fact: _Fact,
        rules: _Rules,
        mine: list[tuple[str, int, int]],
        folded: str,
        start: int,
        end: int,
    ) -> bool:
        """The confusable at ``[start, end)`` is said of the fact's subject in its clause."""
        lo, hi = sentence_bounds(folded, start, end, 80)
        # the subject before it, with no other member of the family between them
        before = [h for h in mine if lo <= h[1] and h[2] <= start]
        if before:
            string, _, e = max(before, key=lambda h: (h[2], -h[1]))
            link = folded[e:start]
            if (
                string in fact.subjects
                and len(link) <= rules.max_link
                and not (_CLAUSE_ENDS & set(link))
                and _clean(link, rules.blockers)
                and (not link or link.startswith(rules.links))
            ):
                return True
        # or after it, joined by a bare copula
        after = [h for h in mine if end <= h[1] and h[2] <= hi and h[0] in fact.subjects]
        return any(folded[end:s] in rules.reverse_links for _, s, _ in after)


KIND = Definition()
