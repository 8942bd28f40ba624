"""Kind ``enumeration``: a named fixed list (四个全面, 新发展理念) written out with a wrong,
missing or reordered item."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, field_validator

from ..charmodel import is_han
from ..context import dated_before, sentence_year
from ..lexicon.schema import EntryBase, PeriodEntry, RuleBase, as_list, distinct_strings
from ..normalize import Normalizer
from .base import (
    AnchorSearch,
    Candidate,
    KindDoc,
    RuleKind,
    ScanEnv,
    ScanInput,
    alternation,
    changed_chars,
    entries_of,
)

if TYPE_CHECKING:
    from ..compiler import Builder
    from ..lexicon.loader import LoadedRule

# 和/及 are not separators here: they occur inside items (和谐, 普及)
_ITEM_SEPARATORS = re.compile(r"[、，,；;]")
_LIST_END = "。；;！？!?）)”\n"
_GROUP_END = _LIST_END + "，,：:"  # what ends a comma-separated group of a list's items
_GROUP_SEPARATORS = ",，;；"  # what may set a list's groups apart (…和谐，自由… / …和谐；自由…)
_SPAN_AFTER = 120  # characters of items read after a list's name
_SPAN_BEFORE = 80  # … and before it


class EnumerationEntry(PeriodEntry):
    correct: list[str] = Field(min_length=1)
    """The list's name(s) (四个全面)."""
    items: list[str] = Field(min_length=2)
    """The items in official order."""
    alone: int = Field(default=0, ge=0)
    """Also judge the items written without the list's name (slogans: 爱国、敬业、友善、诚信):
    a run of at least this many of them, each written right or (one of them) one character
    off (治法, 法制 for 法治), is flagged when an item is off or out of order; 0: never.
    Only for lists whose items do not form other lists too. A list with dated versions (四个
    全面 before and after 2020) is judged by the version in force at the time the text speaks
    of (every version when that time is unknown), and a run that is another version's list,
    item for item, is left to the check beside the list's name."""
    # valid_from / valid_to: this version of the list is in force from / until then (a
    # later entry of the same name holds the new version)

    _lists = field_validator("correct", "items", mode="before")(as_list)
    _distinct = field_validator("correct", "items")(distinct_strings)


class EnumerationRule(RuleBase):
    kind: Literal["enumeration"]
    entries: list[EnumerationEntry] = Field(min_length=1)


@dataclass(frozen=True)
class _Version:
    entry: int
    name: str  # normalized
    items: tuple[str, ...]  # normalized
    valid_from: dt.date | None
    valid_to: dt.date | None
    alone: int = 0


class Enumeration(RuleKind):
    name = "enumeration"
    rule_model = EnumerationRule
    doc = KindDoc(
        what="A named list written out with a wrong, missing or reordered item, after its name "
        "(四个自信：道路自信、理论自信、制度自信、文明自信) or before it "
        "(创新、协调、绿色、开放、共享的新发展理念); the version in force at the text's date.",
        why="Each item can be a correct phrase while the list is wrong; the official list, "
        "in order, is the fact to check against.",
        example="- correct: 四个自信\n  items: [道路自信, 理论自信, 制度自信, 文化自信]\n"
        "# → flags 道路自信、理论自信、制度自信、文明自信 after 四个自信：",
    )

    def computed_suggestion(self, entry: EntryBase) -> bool:
        return True

    def compile(self, loaded: LoadedRule, builder: Builder) -> None:
        rule_index = builder.add_rule(loaded)
        versions: list[_Version] = builder.kind_data.setdefault(self.name, [])
        term = builder.normalizer.term
        for _, entry, line in entries_of(loaded):
            assert isinstance(entry, EnumerationEntry)
            index = builder.add_entry(rule_index, entry, line)
            items = tuple(term(i) for i in entry.items)
            for name in entry.correct:
                versions.append(
                    _Version(
                        index, term(name), items, entry.valid_from, entry.valid_to, entry.alone
                    )
                )

    def finder(self, data: Any, env: ScanEnv) -> EnumerationFinder | None:
        return EnumerationFinder(data, env.normalizer, env.words.enumeration_lead_ins)


class EnumerationFinder:
    """Reads the items written next to each list name and compares them with the versions."""

    def __init__(
        self, versions: list[_Version], normalizer: Normalizer, lead_ins: tuple[str, ...]
    ) -> None:
        self.by_name: dict[str, list[_Version]] = {}
        for version in versions:
            self.by_name.setdefault(version.name, []).append(version)
        self.normalizer = normalizer
        # names the shared automaton can look for (see kinds.base.Finder): the others are
        # searched for in every text
        self.probes = tuple(n for n in self.by_name if "\n" not in n and normalizer.term(n) == n)
        self._always = frozenset(self.by_name) - frozenset(self.probes)
        # what may stand between a list's name and its items: 四个意识”，即… / 四个全面：…
        self._lead_in = re.compile(
            r"^[”’\"]?[^,，。；;:：、“”]{0,6}?(?:[,，]?" + alternation(lead_ins) + r"|[:：]|[(（])"
        )
        # lists also judged without their name: their items followed by a separator are
        # anchors of the shared automaton (one version per list: the first)
        self._alone: list[_Version] = []
        for version in versions:
            if version.alone and version.items not in {v.items for v in self._alone}:
                self._alone.append(version)
        heads = [
            (n, item + sep)
            for n, v in enumerate(self._alone)
            for item in v.items
            for sep in _RUN_SEPARATORS
        ]
        self._head_list = [n for n, _ in heads]
        self._heads = AnchorSearch([h for _, h in heads], longest=False, folded=True)
        self.anchors = self._heads.anchors

    def find(self, scan: ScanInput) -> Iterator[Candidate]:
        yield from self._named(scan)
        if self._alone:
            yield from self._nameless(scan)

    def _nameless(self, scan: ScanInput) -> Iterator[Candidate]:
        """Runs of a list's items written without its name (see ``alone``)."""
        folded = scan.folded
        done: set[tuple[int, int]] = set()  # (clause start, list) judged
        for head, start, _end in self._heads.find(scan, ordered=False):
            which = self._head_list[head]
            version = self._alone[which]
            # the clause around the anchor, read at most _CLAUSE_REACH characters each way
            reach = max(0, start - _CLAUSE_REACH)
            lo = _clause_start(folded, reach, start)
            if (lo, which) in done:
                continue
            done.add((lo, which))
            after = _NEXT_CLAUSE_END.search(folded, start, start + _CLAUSE_REACH)
            hi = after.start() if after is not None else min(len(folded), start + _CLAUSE_REACH)
            if _out_of_force(folded, start, start + 1, version, scan.date):
                continue
            hit = _judge_run(folded, lo, hi, version)
            if hit is not None and not self._other_version(folded, hit, version):
                yield hit

    def _other_version(self, folded: str, hit: Candidate, version: _Version) -> bool:
        """The flagged run is, item for item, a run of another version of the list (全面建成
        小康社会、全面深化改革… of the 四个全面 until 2020): a list of its time, not a slip; an
        outdated list is judged only beside its name."""
        parts = tuple(self.normalizer.term(p) for p in _split(folded[hit.start : hit.end])[0])
        n = len(parts)
        return any(
            other.name == version.name
            and other.items != version.items
            and any(other.items[k : k + n] == parts for k in range(len(other.items) - n + 1))
            for other in self._alone
        )

    def _named(self, scan: ScanInput) -> Iterator[Candidate]:
        folded = scan.folded
        done: set[tuple[int, int]] = set()
        found = scan.found
        for name, versions in self.by_name.items():
            if found is not None and name not in found and name not in self._always:
                continue  # not in the compact view, so not in the folded text either
            pos = folded.find(name)
            while pos != -1:
                spans = (
                    (self._after(folded, pos + len(name)), False),
                    (_before(folded, pos), True),
                )
                for span, before in spans:
                    if span is None or span[:2] in done:
                        continue
                    hit = self._judge(folded, span, versions, scan.date, before)
                    if hit is not None:
                        done.add(span[:2])
                        yield hit
                pos = folded.find(name, pos + len(name))

    def _judge(
        self,
        folded: str,
        span: tuple[int, int, list[str], str],
        versions: list[_Version],
        date: dt.date | None,
        before: bool = False,
    ) -> Candidate | None:
        start, end, parts, sep = span
        all_items = {item for v in versions for item in v.items}
        if before:
            start, parts = self._groups_before(folded, start, parts, all_items)
        else:
            end, parts = self._groups_after(folded, end, parts, all_items)
        # a list before its name may follow other words of its clause, joined by the same
        # separators (完整、准确、全面贯彻创新、协调…的新发展理念): only the last parts can be it
        longest = max(len(v.items) for v in versions)
        if len(parts) > longest:
            start += sum(len(p) + 1 for p in parts[:-longest])
            parts = parts[-longest:]
        # the first part may carry the sentence's verb (坚持创新), the last one what follows
        # the list (全面从严治党的战略布局): trim both to the item they hold
        first = next((x for x in all_items if parts[0].endswith(x)), None)
        if first is not None:
            start += len(parts[0]) - len(first)
            parts = [first, *parts[1:]]
        last = next((x for x in all_items if parts[-1].startswith(x)), None)
        if last is not None:
            end -= len(parts[-1]) - len(last)
            parts = [*parts[:-1], last]
        seen = tuple(self.normalizer.term(p) for p in parts)
        matched = sum(1 for p in seen if p in all_items)
        if matched < 2 or matched < len(seen) - 1:
            return None  # not this list: an ordinary sentence next to the name
        in_force = []
        for version in versions:
            if version.valid_to is not None and not dated_before(
                folded, start, end, version.valid_to, date
            ):
                continue  # replaced before the document's date
            if version.valid_from is not None and dated_before(
                folded, start, end, version.valid_from, date
            ):
                continue  # not yet in force at the document's date
            in_force.append(version)
        if any(seen == v.items for v in in_force):
            return None
        target = in_force[0] if in_force else versions[0]
        return Candidate(start, end, target.entry, sep.join(target.items), self_dated=True)

    def _groups_before(
        self, folded: str, start: int, parts: list[str], all_items: set[str]
    ) -> tuple[int, list[str]]:
        """A list before its name may be written in groups set apart by commas (富强、民主、
        文明、和谐，自由、平等、公正、法治，爱国、敬业、诚信、友善的社会主义核心价值观): the
        groups before the one next to the name are read too, each of two or more parts joined
        by 、 of which all but one are items (the first may carry the sentence's verb:
        弘扬富强), so that the list is judged whole, not by its last group."""
        if self.normalizer.term(parts[0]) not in all_items:
            return start, parts
        while start > 1 and folded[start - 1] in _GROUP_SEPARATORS:
            lo = start - 1
            while lo > 0 and start - lo < _SPAN_BEFORE and folded[lo - 1] not in _GROUP_END:
                lo -= 1
            group = folded[lo : start - 1].split("、")
            terms = [self.normalizer.term(g) for g in group]
            head = next((x for x in all_items if terms[0].endswith(x)), None)
            if len(group) < 2 or head is None:
                break
            if sum(1 for t in terms[1:] if t not in all_items) > 1:
                break
            lo += len(group[0]) - len(head)
            start, parts = lo, [head, *group[1:], *parts]
            if terms[0] != head:
                break  # the verb opens the list
        return start, parts

    def _groups_after(
        self, folded: str, end: int, parts: list[str], all_items: set[str]
    ) -> tuple[int, list[str]]:
        """A list after its name may be written in groups set apart by semicolons (社会主义
        核心价值观：富强、民主、文明、和谐；自由、平等、公正、法治；爱国…): the groups after the
        first are read too, each of two or more parts of which all but one are items (the
        last may carry what follows the list), so that the list is judged whole."""
        if self.normalizer.term(parts[-1]) not in all_items:
            return end, parts
        while end < len(folded) - 1 and folded[end] in _GROUP_SEPARATORS:
            hi = end + 1
            while hi < len(folded) and hi - end < _SPAN_AFTER and folded[hi] not in _LIST_END:
                hi += 1
            group, _sep = _split(folded[end + 1 : hi])
            terms = [self.normalizer.term(g) for g in group]
            if len(group) < 2 or terms[0] not in all_items:
                break
            if sum(1 for t in terms[:-1] if t not in all_items) > 1:
                break
            end, parts = hi, [*parts, *group]
        return end, parts

    def _after(self, folded: str, pos: int) -> tuple[int, int, list[str], str] | None:
        """Items written after a list name: 四个全面，即全面…、全面…"""
        lead = self._lead_in.match(folded[pos : pos + 14])
        if lead is None:
            return None
        i = pos + lead.end()
        end = i
        while end < len(folded) and end - i < _SPAN_AFTER and folded[end] not in _LIST_END:
            end += 1
        parts, sep = _split(folded[i:end])
        if len(parts) < 2:
            return None
        return i, end, parts, sep


_RUN_SEPARATORS = ("、", ",")  # (a full-width comma is folded to ",")
_CLAUSE_END = '。；;：:！？!?“”"\n（）()《》'
_CLAUSE_REACH = 120
# the text up to the last clause end before a position (greedy: read back from the position)
_UP_TO_CLAUSE_END = re.compile(f"(?s).*[{re.escape(_CLAUSE_END)}]")
_NEXT_CLAUSE_END = re.compile(f"[{re.escape(_CLAUSE_END)}]")


def _out_of_force(
    folded: str, start: int, end: int, version: _Version, date: dt.date | None
) -> bool:
    """The version is not the one in force at the time the text speaks of, when that time
    is known (the document's date, or a year in the sentence); an undated text judges every
    version (see ``_other_version``)."""
    known = date is not None or sentence_year(folded, start, end) is not None
    if (
        version.valid_to is not None
        and known
        and not dated_before(folded, start, end, version.valid_to, date)
    ):
        return True
    if version.valid_from is not None:
        return dated_before(folded, start, end, version.valid_from, date)
    return False


def _clause_start(folded: str, reach: int, at: int) -> int:
    """Where the clause ending at ``at`` starts, read back to ``reach`` at most: the start of
    the leftmost match of ``[^<clause ends>]*$`` in ``folded[reach:at]`` (a line end right
    before ``at`` ends the clause there, as ``$`` matches before a last line end), found in
    one backward pass rather than one forward pass from every position."""
    end = at - 1 if at > reach and folded[at - 1] == "\n" else at
    last = _UP_TO_CLAUSE_END.match(folded, reach, end)
    return last.end() if last is not None else reach


def _near(part: str, items: tuple[str, ...]) -> int | None:
    """The index of the item ``part`` is one character off (法制, 治法 for 法治), or None."""
    for k, item in enumerate(items):
        same_length = len(part) == len(item) and part != item
        if same_length and (changed_chars(part, item) == 1 or sorted(part) == sorted(item)):
            return k
    return None


def _slipped_tail(part: str, items: tuple[str, ...], at_end: bool) -> int | None:
    """The index of the item ``part`` begins with one character off, when what follows it
    is 的 (开放、共赢的发展理念) or, for an item of _SLIP_LENGTH characters or more, anything
    at the clause's end (保基层运转 written 保基本运转任务); else None."""
    for k, item in enumerate(items):
        head, rest = part[: len(item)], part[len(item) :]
        if not rest or _near(head, (item,)) is None:
            continue
        if rest.startswith("的") or (at_end and len(item) >= _SLIP_LENGTH):
            return k
    return None


def _judge_run(folded: str, lo: int, hi: int, version: _Version) -> Candidate | None:
    """The run of ``version``'s items in the clause ``folded[lo:hi]``, flagged when one item
    is off or the items are out of order."""
    clause = folded[lo:hi]
    parts, sep = _split(clause)
    items = version.items
    index = {item: k for k, item in enumerate(items)}
    prefix, suffix = _common_affixes(items)
    # a list of five or more items of one length that share their first character (稳就业、
    # 稳金融…) takes a part of that length with it as a stand-in too (稳物价 for 稳预期): with
    # every other item right and in order around it (_place_stand_in), it is the list misquoted
    head_char = ""
    if len(items) >= 5 and len({len(x) for x in items}) == 1 and len({x[0] for x in items}) == 1:
        head_char = items[0][0]
    # each part as an item's index (a first part may carry a verb: 倡导富强), or _STAND_IN
    # for a part shaped like the items (see _place_stand_in); any other part ends a run
    runs: list[list[tuple[int, int, int, bool]]] = [[]]  # (start, end, item, off)
    leads = [""]  # what each run's first part carries before its item (必须 of 必须坚持…)
    pos = lo
    for n, part in enumerate(parts):
        start, end = pos, pos + len(part)
        pos = end + 1
        lead = leads[-1]
        if lead and part.startswith(lead) and len(part) > len(lead) and runs[-1]:
            start, part = start + len(lead), part[len(lead) :]  # 必须坚持自信自立
        k = index.get(part)
        off = False
        if k is None and not runs[-1]:
            # a run's first part may carry a verb (倡导富强, 必须坚持人民至上)
            head = next((x for x in items if part.endswith(x)), None)
            if head is not None:
                leads[-1] = part[: len(part) - len(head)]
                start, k = start + len(leads[-1]), index[head]
        closes = False
        if k is None and runs[-1]:
            # a run's last part may carry what follows the list (…发展史学习教育), and so may
            # a part before the clause's end that goes on with 的 (开放的发展理念，以…为主线;
            # not 平等和可持续的, another list): the item it begins with ends the run
            tail = next((x for x in items if part.startswith(x)), None)
            at_end = n == len(parts) - 1
            if tail is not None and (at_end or part[len(tail) : len(tail) + 1] == "的"):
                end, k, closes = start + len(tail), index[tail], True
            elif tail is None:
                # … or begin with an item one character off (共赢的发展理念 for 共享…;
                # 保基本运转任务 at the clause's end): a short item only before 的
                slip = _slipped_tail(part, items, at_end)
                if slip is not None:
                    end, k, off, closes = start + len(items[slip]), slip, True, True
        if k is None:
            near = _near(part, items)
            if near is not None:
                k, off = near, True
        if k is None and _shaped_like(part, prefix or head_char, suffix):
            k, off = _STAND_IN, True
        if k is None:
            runs.append([])
            leads.append("")
        else:
            runs[-1].append((start, end, k, off))
            if closes:
                runs.append([])
                leads.append("")
    pieces = (
        (piece, lead)
        for found, lead in zip(runs, leads, strict=True)
        for piece in _place_stand_in(folded, found, items)
    )
    for run, lead in pieces:
        right = [r for r in run if not r[3]]
        if len(run) - len(right) > 1:
            continue
        if len(right) < version.alone and not _slipped_slice(folded, run, items):
            continue
        order = [r[2] for r in run]
        if not any(r[3] for r in run) and order == sorted(order) and len(set(order)) == len(order):
            continue  # right, in order (a gap is another wording, not this list)
        first, last = min(order), max(order)
        # each item after the first written with the first's lead: so is the suggestion
        led = lead and all(folded[r[0] - len(lead) : r[0]] == lead for r in run[1:])
        joiner = sep + lead if led else sep
        return Candidate(
            run[0][0],
            run[-1][1],
            version.entry,
            joiner.join(items[first : last + 1]),
            self_dated=True,
        )
    return None


_STAND_IN = -1  # a part that may stand in for a missing item (_place_stand_in)
_SLIP_LENGTH = 4  # the shortest item whose one-character slip a short run may show


def _slipped_slice(
    folded: str, run: list[tuple[int, int, int, bool]], items: tuple[str, ...]
) -> bool:
    """A run shorter than the list's ``alone`` bar still tells: consecutive items of the
    list in order, two or more of them right and one of at least _SLIP_LENGTH characters
    one character off or with its characters swapped (坚持人民至上、坚持自信自立、坚持守正出新):
    a writer citing the list, whose slip in a long item is no other wording. Short items
    (公平 for 公正) and stand-ins (another word in the item's place) need the full bar."""
    order = [r[2] for r in run]
    if len(run) < 3 or order != list(range(order[0], order[0] + len(run))):
        return False
    slips = [r for r in run if r[3]]
    if len(slips) != 1:
        return False
    start, end, k, _ = slips[0]
    part = folded[start:end]
    if len(items[k]) < _SLIP_LENGTH:
        return False
    return _near(part, items) == k or _word_replaced(part, items[k], _common_affixes(items)[0])


def _word_replaced(part: str, item: str, prefix: str) -> bool:
    """``part`` is ``item`` with one word of it replaced, the other kept: both begin with
    the items' shared beginning (坚持), and of the four or more characters after it one half
    stays (坚持系统思维 for 坚持系统观念, one of the 六个必须坚持): a writer citing the list
    with a near word, where the list's neighbours around it anchor it."""
    if not prefix or len(part) != len(item) or part == item:
        return False
    if not (part.startswith(prefix) and item.startswith(prefix)):
        return False
    mine, theirs = part[len(prefix) :], item[len(prefix) :]
    if len(theirs) < 4 or len(theirs) % 2 or not all(map(is_han, mine)):
        return False
    half = len(theirs) // 2
    return mine[:half] == theirs[:half] or mine[half:] == theirs[half:]


def _common_affixes(items: tuple[str, ...]) -> tuple[str, str]:
    """The beginning and the ending all items share, each when it is a word of two or more
    characters (坚持 of 坚持人民至上, 坚持自信自立 …; 自信 of 道路自信, 理论自信 …), else ""."""
    shortest = min(map(len, items))
    head = tail = 0
    while head < shortest and len({item[head] for item in items}) == 1:
        head += 1
    while tail < shortest and len({item[-1 - tail] for item in items}) == 1:
        tail += 1
    first = items[0]
    return (first[:head] if head >= 2 else ""), (first[len(first) - tail :] if tail >= 2 else "")


def _shaped_like(part: str, prefix: str, suffix: str) -> bool:
    """``part`` has the items' shared beginning or ending, and another word beside it."""
    if not all(map(is_han, part)):
        return False
    return bool(prefix and part.startswith(prefix) and len(part) > len(prefix)) or bool(
        suffix and part.endswith(suffix) and len(part) > len(suffix)
    )


def _place_stand_in(
    folded: str, run: list[tuple[int, int, int, bool]], items: tuple[str, ...]
) -> list[list[tuple[int, int, int, bool]]]:
    """A run of all items but one, written right and in order, with a part shaped like them
    where the missing one belongs and as long as it (道路自信、理论自信、制度自信、民族自信;
    坚持人民至上、坚持自立自强、坚持守正创新…): the run with that part as the missing item,
    off. A stand-in right after an item that is the next item with a word replaced
    (:func:`_word_replaced`: 坚持问题导向、坚持系统思维、坚持胸怀天下) is that item, off, for
    :func:`_slipped_slice` to judge; any other stand-in is no item: it splits the run."""
    at = [n for n, r in enumerate(run) if r[2] == _STAND_IN]
    if not at:
        return [run]
    prefix = _common_affixes(items)[0]
    right = [r[2] for r in run if r[2] != _STAND_IN]
    missing = sorted(set(range(len(items))) - set(right))
    if len(at) == 1 and len(missing) == 1 and len(right) == len(items) - 1:
        (n,), (k,) = at, missing
        start, end, _, _ = run[n]
        placed = [*run[:n], (start, end, k, True), *run[n + 1 :]]
        if [r[2] for r in placed] == list(range(len(items))) and end - start == len(items[k]):
            return [placed]
    pieces: list[list[tuple[int, int, int, bool]]] = [[]]
    for r in run:
        if r[2] != _STAND_IN:
            pieces[-1].append(r)
            continue
        # a stand-in right after an item, in the next one's place and that item with a word
        # replaced (see _word_replaced; _slipped_slice judges the run): no split
        start, end, _, _ = r
        k = pieces[-1][-1][2] + 1 if pieces[-1] else -1
        if 0 < k < len(items) and _word_replaced(folded[start:end], items[k], prefix):
            pieces[-1].append((start, end, k, True))
        else:
            pieces.append([])
    return pieces


def _split(segment: str) -> tuple[list[str], str]:
    parts = _ITEM_SEPARATORS.split(segment)
    seps = _ITEM_SEPARATORS.findall(segment)
    sep = "、" if "、" in seps else (seps[0] if seps else "、")
    # the folded text has one comma for both widths: a suggestion in Chinese text takes ，
    return parts, "，" if sep == "," else sep


def _before(folded: str, pos: int) -> tuple[int, int, list[str], str] | None:
    """Items written before a list name: 创新、协调、绿色、开放、共享的新发展理念"""
    end = pos
    if folded[max(0, end - 1) : end] == "的":
        end -= 1
    start = end
    while (
        start > 0 and end - start < _SPAN_BEFORE and folded[start - 1] not in _LIST_END + "，,：:"
    ):
        start -= 1
    parts, sep = _split(folded[start:end])
    if len(parts) < 2:
        return None
    return start, end, parts, sep


KIND = Enumeration()
