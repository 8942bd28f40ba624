"""Kind ``clauses``: one member of a fixed enumeration that published text repeats word for
word (稳增长、稳就业、稳物价; 有法必依、执法必严、违法必究) written as a slip of itself
(违法必纠), the other members standing right and in order.

The rule's ``clauses`` file (``scripts/mine_enumerations.py``) holds the clauses of three to
eight members joined by 、 that recur verbatim in several documents of several years of
official text and that it never writes with a member replaced (open lists, whose places
take other members, are left out; a line may still list ``seen`` variants, never flagged).
No list is written by hand: the corpus is the source, its attestation count the evidence.

Each clause is cut in two halves at the 、 that balances their lengths, each half keeping its
separator (稳增长、 | 、稳就业、稳物价): one member changed leaves the other half intact, so
the halves of all clauses are anchors of the shared automaton (two a clause, not one a
member), and a hit is checked by slicing the text where the clause's members belong. A member
is flagged, suggesting the clause's, when

* every other member stands right, in its place, with the separators between them;
* it is as long as the clause's member, Han characters only, and a slip of it: one character
  replaced (with ``max_changed`` 2, a member of four or more characters may have one of its
  two-character words replaced: 失职问罪 for 失职追责), or its characters swapped;
* it is no other word a writer chose: a replaced character makes no dictionary word with a
  neighbour where the member's characters make one too (珍视 for 珍爱, 招商银行 for 工商银行),
  nor a three-character word (互动式 for 互动化), and swapped characters make no word (责权
  beside 权责);
* it is no other member of the clause and no variant the mining text holds at that place;
* the characters it changes are no function characters (融合的), and as the clause's last
  member, the text does not go on with a Han character other than 的 or 等 (融合发展 is no
  slip of 融合化): a list's last member may begin a longer word, its first may end one.

A hit is tentative: any other rule's finding on the same characters wins.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from ..charmodel import is_han
from ..errors import LexiconError
from ..lexicon.schema import EntryBase, RuleBase
from .base import (
    AnchorSearch,
    Candidate,
    KindDoc,
    RuleKind,
    ScanEnv,
    ScanInput,
    data_file,
    sole_entry,
)

if TYPE_CHECKING:
    from ..compiler import Builder
    from ..lexicon.loader import LoadedRule
    from ..segment import Segmenter

_SEP = "、"
_FUNCTION_CHARS = "的地得之了着过和与及或并等在是为对把被向从"


class ClausesEntry(EntryBase):
    max_changed: int = Field(default=1, ge=1, le=2)
    """How many characters of a member of four or more characters may differ (2: a
    two-character word of it replaced); shorter members: one."""


class ClausesRule(RuleBase):
    kind: Literal["clauses"]
    clauses: str
    """The mined clauses, relative to the rule file: ``clause<TAB>documents<TAB>years<TAB>
    seen`` lines (``#`` comments), the members joined by 、, seen variants as
    ``position:member`` joined by ``|``."""
    min_documents: int = Field(default=4, ge=2)
    """Only clauses found in at least this many documents are judged."""
    entries: list[ClausesEntry] = Field(min_length=1, max_length=1)


@dataclass(frozen=True)
class _Clause:
    members: tuple[str, ...]
    offsets: tuple[int, ...]  # where each member starts, from the clause's start
    cut: int  # where the second half (from its separator) starts
    seen: frozenset[tuple[int, str]]


@dataclass(frozen=True)
class _Data:
    entry: int
    max_changed: int
    clauses: tuple[_Clause, ...]
    anchors: tuple[str, ...]
    by_anchor: tuple[tuple[tuple[int, int], ...], ...]  # per anchor: (clause, its offset)


def read_clauses(path: Path, min_documents: int) -> list[tuple[tuple[str, ...], set[str]]]:
    """The clauses of a mined file found in ``min_documents`` or more documents, each with
    its seen variants."""
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 4 or not fields[1].isdigit():
            raise LexiconError("not clause, documents, years, seen", path=str(path), line=number)
        if int(fields[1]) < min_documents:
            continue
        members = tuple(fields[0].split(_SEP))
        if len(members) < 3:
            raise LexiconError("a clause has three members or more", path=str(path), line=number)
        out.append((members, set(filter(None, fields[3].split("|")))))
    return out


def _compile_clause(members: tuple[str, ...], seen: set[str]) -> _Clause:
    offsets, at = [], 0
    for member in members:
        offsets.append(at)
        at += len(member) + 1
    total = at - 1
    # the separator before the member that best balances the two halves' lengths
    k = min(range(1, len(members)), key=lambda i: abs(total - 2 * offsets[i]))
    variants = frozenset(
        (int(place), member) for place, _, member in (v.partition(":") for v in seen)
    )
    return _Clause(members, tuple(offsets), offsets[k] - 1, variants)


class Clauses(RuleKind):
    name = "clauses"
    rule_model = ClausesRule
    doc = KindDoc(
        what="One member of an enumeration that official text repeats word for word (the "
        "rule's mined `clauses`: 有法必依、执法必严、违法必究) written as a slip of itself, one "
        "character replaced or its characters swapped (违法必纠), the others right and in "
        "order, where that text never holds the variant.",
        why="Such clauses are too many to list by hand and each blind text changes another "
        "one; the corpus gives them with their real variants, so one file catches the slip "
        "of any member.",
        example="clauses: ../_data/enumeration_clauses.tsv\nentries:\n- max_changed: 1\n"
        "# → flags 违法必纠 in 有法必依、执法必严、违法必纠, suggesting 违法必究",
    )

    def computed_suggestion(self, entry: EntryBase) -> bool:
        return True

    def compile(self, loaded: LoadedRule, builder: Builder) -> None:
        rule = loaded.rule
        assert isinstance(rule, ClausesRule)
        entry, index = sole_entry(loaded, builder)
        assert isinstance(entry, ClausesEntry)
        term = builder.normalizer.term
        path = data_file(loaded, rule.clauses, "clause list")
        clauses = []
        for members, seen in read_clauses(path, rule.min_documents):
            normal = tuple(term(m) for m in members)
            if all(len(a) == len(b) for a, b in zip(normal, members, strict=True)):
                clauses.append(_compile_clause(normal, seen))
        by_anchor: dict[str, list[tuple[int, int]]] = {}
        for n, clause in enumerate(clauses):
            text = _SEP.join(clause.members)
            first, second = text[: clause.cut + 1], text[clause.cut :]
            by_anchor.setdefault(first, []).append((n, 0))
            by_anchor.setdefault(second, []).append((n, clause.cut))
        anchors = tuple(sorted(by_anchor))
        data = _Data(
            index,
            entry.max_changed,
            tuple(clauses),
            anchors,
            tuple(tuple(by_anchor[a]) for a in anchors),
        )
        builder.kind_data.setdefault(self.name, []).append(data)

    def finder(self, data: Any, env: ScanEnv) -> ClausesFinder | None:
        return ClausesFinder(data, env.segmenter) if data else None


class ClausesFinder:
    """Per rule, the clauses' halves found in the text, each checked where its clause's
    other members belong."""

    def __init__(self, rules: list[_Data], segmenter: Segmenter) -> None:
        self._segmenter = segmenter
        self._rules = [
            (data, AnchorSearch(data.anchors, longest=False, folded=True)) for data in rules
        ]
        self.anchors = tuple(a for _, search in self._rules for a in search.anchors)

    def find(self, scan: ScanInput) -> Iterator[Candidate]:
        folded = scan.folded
        is_word: Callable[[str], bool] | None = None  # the dictionary loads on first need
        for data, search in self._rules:
            found: dict[tuple[int, int], Candidate] = {}
            for anchor, start, _end in search.find(scan, ordered=False):
                for n, offset in data.by_anchor[anchor]:
                    clause = data.clauses[n]
                    hit = _judge(folded, start - offset, clause, data)
                    if hit is None:
                        continue
                    if is_word is None:
                        is_word = self._segmenter.lookup()
                    written = folded[hit.start : hit.end]
                    assert hit.suggestion is not None
                    if not _word_swap(written, hit.suggestion, is_word):
                        found.setdefault((hit.start, hit.end), hit)
            yield from (found[k] for k in sorted(found))


def _judge(folded: str, lo: int, clause: _Clause, data: _Data) -> Candidate | None:
    """The one slipped member of the clause standing at ``lo``, or None."""
    members = clause.members
    last = len(members) - 1
    hi = lo + clause.offsets[last] + len(members[last])
    if lo < 0 or hi > len(folded):
        return None
    odd = -1
    for k, member in enumerate(members):
        at = lo + clause.offsets[k]
        if k and folded[at - 1] != _SEP:
            return None
        if folded.startswith(member, at):
            continue
        if odd >= 0:
            return None
        odd = k
    if odd < 0:
        return None
    expected = members[odd]
    start = lo + clause.offsets[odd]
    end = start + len(expected)
    written = folded[start:end]
    if written in members or (odd, written) in clause.seen:
        return None
    if odd == last and end < len(folded) and is_han(folded[end]) and folded[end] not in "的等":
        return None  # the text goes on: a longer word, no slip of the last member
    if not _slip(written, expected, data.max_changed):
        return None
    return Candidate(start, end, data.entry, expected, self_dated=True, tentative=True)


def _word_swap(written: str, expected: str, is_word: Callable[[str], bool]) -> bool:
    """The written member is another word a writer chose, not a slip: a replaced character
    makes a dictionary word with a neighbour where the member's own characters make one too
    (珍视 for 珍爱, 招商银行 for 工商银行, 大开发 for 大开放; 加工 in 更加工平 is none: 加公
    is no word), or a three-character word (互动式 for 互动化); swapped characters make a
    word (责权 for 权责: both are written)."""
    changed = [i for i, (a, b) in enumerate(zip(written, expected, strict=True)) if a != b]
    if sorted(written) == sorted(expected):
        return is_word(written[changed[0] : changed[-1] + 1])
    for i in changed:
        for lo in range(max(0, i - 2), i + 1):
            pair = lo >= i - 1 and lo + 2 <= len(written)
            if pair and is_word(written[lo : lo + 2]) and is_word(expected[lo : lo + 2]):
                return True
            if lo + 3 <= len(written) and is_word(written[lo : lo + 3]):
                return True
    return False


def _slip(written: str, expected: str, max_changed: int) -> bool:
    """``written`` (as long as ``expected``) is a slip of it: Han characters only, one
    character replaced, the characters swapped, or (members of four or more, with
    ``max_changed`` 2) two characters replaced within one two-character word."""
    if not all(map(is_han, written)):
        return False
    changed = [i for i, (a, b) in enumerate(zip(written, expected, strict=True)) if a != b]
    if any(written[i] in _FUNCTION_CHARS for i in changed):
        return False  # 融合的 is no slip of 融合化: the list ended before it
    if len(changed) == 1:
        return True
    if sorted(written) == sorted(expected):
        return True
    if max_changed < 2 or len(expected) < 4 or len(changed) != 2:
        return False
    i, j = changed
    return j == i + 1 and i % 2 == 0


KIND = Clauses()
