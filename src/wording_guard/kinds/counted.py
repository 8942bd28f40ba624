"""Kind ``counted``: a fixed formulation that carries a number (四个自信, 两个确立, 三严三实,
中央八项规定) written with another number (五个自信, 三个确立, 两严三实, 中央九项规定).

The near-miss generator never edits numerals (``nearmiss``: 二中全会 and 十三五 name other
real things), so a wrong count slips past every listed and generated form. Here the
numbers are slots: each entry gives the formulation in force, and the text is read for the
same words with any number in their place. The entry says which other counts are right
too: an earlier version (三个自信, before 文化自信 was added in 2016) is outdated only in
text about a later time, and a real formulation of its own (两个务必 of 1949 beside the 三个
务必 of 2022) is never flagged.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, field_validator, model_validator

from ..context import dated_before, sentence_bounds
from ..lexicon.schema import EntryBase, RuleBase, as_list
from ..models import Severity
from ..numerals import number
from .base import AnchorSearch, Candidate, KindDoc, RuleKind, ScanEnv, ScanInput, entries_of

if TYPE_CHECKING:
    from ..compiler import Builder
    from ..lexicon.loader import LoadedRule

# the numerals a count is written in (两 and 二 are one number); a run of them is one count
_HAN_NUMERALS = "〇零一二两三四五六七八九十百"
_RUN = re.compile(f"[{_HAN_NUMERALS}]+|[0-9]+")
_SLOT = f"([{_HAN_NUMERALS}]{{1,4}}|[0-9]{{1,3}})"
_SLOT_WIDTH = 4  # the most characters a slot reads
# before a count: no other numeral (the run is read whole), no ordinal or vague number
# (第五个自信 is the fifth, 数十个以色列目标 a vague number), no word that makes it a part of
# the list (其余三个全面, 前三个自信, 这三个自信的基础上又提出文化自信)
_NOT_BEFORE = re.escape(_HAN_NUMERALS + "0123456789第数几每前后余另外这那头")
# (tuples: the empty string at a text's edge is none of them)
_OPEN_QUOTES = tuple("“‘「『\"'")
_CLOSE_QUOTES = tuple("”’」』\"'")
# the numbers an anchor may hold between two one-character parts (三严三实: 严三实)
_SINGLE = "一二两三四五六七八九十"


def _value(written: str) -> int | None:
    return number(written.replace("两", "二"))


@dataclass(frozen=True)
class Pattern:
    """A formulation's words around its counts: ``parts[0]`` count ``parts[1]`` count …
    ``parts[-1]`` (中央/八/项规定: ``("中央", "项规定")``)."""

    parts: tuple[str, ...]

    @classmethod
    def of(cls, form: str, counts: list[int] | None = None) -> tuple[Pattern, tuple[int, ...]]:
        """The pattern of ``form`` and its counts. Every run of numerals is a count, unless
        ``counts`` says which runs are (五位一体: [5]; 一 is a word of the core)."""
        runs = [(m.start(), m.end(), _value(m.group())) for m in _RUN.finditer(form)]
        if counts is not None:
            chosen, k = [], 0
            for run in runs:
                if k < len(counts) and run[2] == counts[k]:
                    chosen.append(run)
                    k += 1
            if k < len(counts):
                raise ValueError(f"{form}: its numerals do not give the counts {counts}")
            runs = chosen
        if not runs:
            raise ValueError(f"{form}: no count in it")
        if any(v is None for _, _, v in runs):
            raise ValueError(f"{form}: a count that is no number of 1-99")
        parts, at = [], 0
        for start, end, _ in runs:
            parts.append(form[at:start])
            at = end
        parts.append(form[at:])
        if not parts[-1] or any(not p for p in parts[1:-1]):
            raise ValueError(f"{form}: counts must be separated by words and end before one")
        return cls(tuple(parts)), tuple(v for _, _, v in runs if v is not None)

    def regex(self) -> re.Pattern[str]:
        body = _SLOT.join(map(re.escape, self.parts))
        lead = "" if self.parts[0] else f"(?<![{_NOT_BEFORE}])"
        return re.compile(lead + body)

    def anchors(self) -> list[tuple[str, int]]:
        """Strings of the pattern a text holding it holds, with the most characters of the
        pattern before each: its longest part of two characters or more, or else its first
        two inner parts with a one-character count between them (严三实)."""
        widths = []  # characters before each part, at most
        at = 0
        for n, part in enumerate(self.parts):
            widths.append(at)
            at += len(part) + (_SLOT_WIDTH if n < len(self.parts) - 1 else 0)
        n, longest = max(enumerate(self.parts), key=lambda p: len(p[1]))
        if len(longest) >= 2:
            return [(longest, widths[n])]
        if len(self.parts) < 3:
            raise ValueError(f"{''.join(self.parts)}: too short to look for")
        a, b = self.parts[1], self.parts[2]
        return [(a + d + b, widths[1]) for d in _SINGLE]

    def reach(self) -> int:
        return sum(map(len, self.parts)) + _SLOT_WIDTH * (len(self.parts) - 1)

    def counts_of(self, form: str) -> tuple[int, ...] | None:
        """The counts ``form`` writes in this pattern, or None when it is not of it."""
        m = re.fullmatch(_SLOT.join(map(re.escape, self.parts)), form)
        if m is None:
            return None
        values = tuple(_value(g) for g in m.groups())
        return None if None in values else values  # type: ignore[return-value]


class CountedEntry(EntryBase):
    correct: str = Field(min_length=2)
    """The formulation in force (四个自信); its runs of numerals are its counts."""
    counts: list[int] | None = None
    """Which numbers of ``correct`` are counts, in order, when not all are (五位一体: [5])."""
    valid_from: dt.date | None = None
    """In force from this day: text about an earlier time is not checked, and ``older``
    forms are outdated only in text about a later one."""
    older: list[str] = Field(default_factory=list)
    """Earlier counts of the same formulation (三个自信), in force until ``valid_from``."""
    others: list[str] = Field(default_factory=list)
    """Other counts that are real formulations of their own (两个务必 beside 三个务必)."""
    quoted: bool = False
    """Written in quotes (“三个确立”), the form names the formulation even where ``when``
    does not hold (for formulations whose words no ordinary phrase quotes: not 三个结合)."""

    _lists = field_validator("older", "others", mode="before")(as_list)

    @model_validator(mode="after")
    def _same_pattern(self) -> CountedEntry:
        pattern, right = Pattern.of(self.correct, self.counts)
        pattern.anchors()  # long enough to look for
        for form in (*self.older, *self.others):
            counts = pattern.counts_of(form)
            if counts is None or counts == right:
                raise ValueError(f"{form}: not {self.correct} with other counts")
        if self.older and self.valid_from is None:
            raise ValueError("older forms need valid_from (when they went out of force)")
        return self

    def suggestion_list(self) -> list[str]:
        return [self.correct]


class CountedRule(RuleBase):
    kind: Literal["counted"]
    outdated_message: str = "提法已更新：“{text}”自{since}起应表述为“{suggestion}”。"
    """The message of an older count in text about a later time ({since}: valid_from)."""
    outdated_severity: Severity = Severity.IMPROPER
    entries: list[CountedEntry] = Field(min_length=1)


@dataclass(frozen=True)
class _Family:
    pattern: Pattern
    correct: str  # folded
    counts: tuple[int, ...]
    valid_from: dt.date | None
    older: frozenset[tuple[int, ...]]
    others: frozenset[tuple[int, ...]]
    entry: int  # a wrong count
    outdated: int  # an older count in text about a later time
    quoted: tuple[int, int]  # the two, for a form in quotes (without the entry's `when`)


class Counted(RuleKind):
    name = "counted"
    rule_model = CountedRule
    doc = KindDoc(
        what="A fixed formulation that carries a number written with another number (五个自信, "
        "三个确立, “三个全面”战略布局, 两严三实, 中央九项规定), suggesting the formulation in "
        "force; an earlier count (三个自信, 四位一体总体布局) is outdated (the rule's "
        "`outdated_message` and `outdated_severity`, default improper) only in text about a "
        "time after the change and not in a sentence that names the new one (从“三个自信”到"
        "“四个自信”); other counts that are formulations of their own (两个务必, 八个明确) and "
        "一个 (an article: 一个自信开放的中国), ordinals (第五个), vague numbers (数十个) and "
        "parts of the list (其余三个全面, 前三个自信) stand; with `quoted`, a form in quotes "
        "(“三个确立”) is read even where the entry's `when` does not hold.",
        why="The near-miss generator never changes a number, for a changed number mostly names "
        "another real thing (二中全会, 十三五); for a counted formulation only the table of its "
        "real counts tells a slip from another formulation.",
        example="- correct: 四个自信\n  valid_from: 2016-07-01\n  older: [三个自信]\n"
        "# → flags 五个自信, suggesting 四个自信; 三个自信 (improper) in text after 2016-07",
    )

    def compile(self, loaded: LoadedRule, builder: Builder) -> None:
        rule = loaded.rule
        assert isinstance(rule, CountedRule)
        rule_index = builder.add_rule(loaded)
        fold = builder.normalizer.fold
        families: list[_Family] = builder.kind_data.setdefault(self.name, [])
        for _, entry, line in entries_of(loaded):
            assert isinstance(entry, CountedEntry)
            since = entry.valid_from
            message = rule.outdated_message.replace(
                "{since}", f"{since.year}年{since.month}月" if since else ""
            )
            old = entry.model_copy(update={"severity": rule.outdated_severity, "message": message})
            wrong = builder.add_entry(rule_index, entry, line)
            outdated = builder.add_entry(rule_index, old, line)
            quoted = (wrong, outdated)
            if entry.quoted and entry.when is not None:
                free = {"when": None}
                quoted = (
                    builder.add_entry(rule_index, entry.model_copy(update=free), line),
                    builder.add_entry(rule_index, old.model_copy(update=free), line),
                )
            pattern, counts = Pattern.of(fold(entry.correct), entry.counts)
            families.append(
                _Family(
                    pattern,
                    fold(entry.correct),
                    counts,
                    since,
                    frozenset(c for f in entry.older if (c := pattern.counts_of(fold(f)))),
                    frozenset(c for f in entry.others if (c := pattern.counts_of(fold(f)))),
                    wrong,
                    outdated,
                    quoted,
                )
            )

    def finder(self, data: Any, env: ScanEnv) -> CountedFinder | None:
        return CountedFinder(data) if data else None


class CountedFinder:
    """Finds each pattern through its anchors and judges the counts written in it."""

    def __init__(self, families: list[_Family]) -> None:
        by_pattern: dict[Pattern, list[_Family]] = {}
        for family in families:
            by_pattern.setdefault(family.pattern, []).append(family)
        self._patterns = list(by_pattern)
        self._families = [by_pattern[p] for p in self._patterns]
        self._regexes = [p.regex() for p in self._patterns]
        # the counts right for any entry of a pattern: a formulation of its own to the others
        # (十个坚持 历史经验 beside 十四个坚持 基本方略)
        self._right = [
            frozenset(c for f in fams for c in (f.counts, *f.others)) for fams in self._families
        ]
        # per anchor string, (pattern, most characters of it before the string)
        of: dict[str, list[tuple[int, int]]] = {}
        for n, pattern in enumerate(self._patterns):
            for string, before in pattern.anchors():
                of.setdefault(string, []).append((n, before))
        self._anchor_of = list(of.values())
        self._anchors = AnchorSearch(list(of), longest=False, folded=True)
        self.anchors = self._anchors.anchors

    def find(self, scan: ScanInput) -> Iterator[Candidate]:
        folded = scan.folded
        seen: set[tuple[int, int, int]] = set()
        for index, start, end in self._anchors.find(scan, ordered=False):
            for n, before in self._anchor_of[index]:
                lo = max(0, start - before)
                hi = min(len(folded), lo + self._patterns[n].reach())
                for m in self._regexes[n].finditer(folded, lo, max(hi, end)):
                    if m.start() > start or m.end() < end or (n, *m.span()) in seen:
                        continue
                    seen.add((n, *m.span()))
                    yield from self._judge(scan, n, m)

    def _judge(self, scan: ScanInput, n: int, m: re.Match[str]) -> Iterator[Candidate]:
        values = tuple(_value(g) for g in m.groups())
        if None in values or values in self._right[n]:
            return
        folded, date = scan.folded, scan.date
        s, e = m.span()
        quoted = folded[s - 1 : s] in _OPEN_QUOTES and folded[e : e + 1] in _CLOSE_QUOTES
        for family in self._families[n]:
            if values[0] == 1 and family.counts[0] != 1:
                continue  # 一个: an article (一个自信开放的中国), not a count
            since = family.valid_from
            if since is not None and dated_before(folded, s, e, since, date):
                continue  # text about a time before the formulation
            wrong, outdated = family.quoted if quoted else (family.entry, family.outdated)
            if values not in family.older:
                yield Candidate(s, e, wrong, family.correct, self_dated=True)
                continue
            # an earlier count: outdated after the change (the day itself has both), not in
            # a sentence that names the new one (从“三个自信”到“四个自信”)
            assert since is not None
            if dated_before(folded, s, e, since + dt.timedelta(days=1), date):
                continue
            lo, hi = sentence_bounds(folded, s, e, 80)
            if folded.find(family.correct, lo, hi) == -1:
                yield Candidate(s, e, outdated, family.correct, self_dated=True)


KIND = Counted()
