"""Kind ``registry``: an agency-shaped name that is no body of the registry but one edit
from exactly one of them (国家数字局 for 国家数据局, 国家市场监督局 for 国家市场监督管理总局).

The rule carries the registry: every body with its official names and short forms, the
date it was set up (``since``) and, for abolished bodies, the date it ceased (``until``),
each with its source. A span that starts with one of the rule's ``prefixes`` (国家, 中央,
国务院) and ends with one of its ``suffixes`` (局, 总局, 署, 部, 委员会, 委, 办公室, 办) is
judged when it starts and ends on word boundaries and is no registered name: it is flagged,
suggesting the registered form, when exactly one body has a form one edit away — a
character replaced, dropped or inserted, a two-character word dropped or inserted, or, from
a name of nine or more characters, three characters dropped; with ``word_replaced`` a
two-character word replaced as well, and with ``nearest_wins`` the strictly nearest of
several bodies (an inserted character before a replaced one).

With check ``added``, a span that is a registered name with a 国家 before it or a 总
before its last 局 or 署 (or both) and itself no registered name is a name the body never
had, at any time (国家宗教事务总局 for 国家宗教事务局, 国家审计署 for 审计署, 国家新闻出版总署
for 新闻出版总署 until 2013 and 国家新闻出版署 since 2018): a certain error, not a guess, so
the entry may be given its own severity. The suggestion is the form the body had at the time
the text speaks of.

With check ``inserted``, a current body's official name with one of the rule's
``inserted.words`` (管理, 事务, 工作, 建设) put in right before one of its
``inserted.suffixes`` (部) is a name no body has (自然资源管理部 for 自然资源部, 生态环境建设部
for 生态环境部), and so is one with one of ``inserted.joined`` (和, 与) put between the two
words of a four-character stem (农业和农村部 for 农业农村部), flagged wherever it stands,
without a prefix: each such name is an error string of the entry, so the entry's
conditions judge it (部门, 部署 after it). With ``inserted.swapped`` the two words of such a
stem in the other order (环境生态部) are flagged the same way, and with ``inserted.joined_any``
a conjunction put between any two of the two-character words of a prefixed name's stem
(国家市场监督和管理总局). Never a
registered name (应急管理部, 退役军人事务部 are real), nor one inside a registered name, nor
a name whose stem already ends with the word.

What stays clear: every registered name, current or abolished (an old name is the outdated
rules' business, not a misspelling); a registered name with words before or after it
(中共中央统战部, 国家统计局局长, 中央军委办公厅); any span overlapping a registered name or
a listed wrong form after its prefix (a protected prefix, 全国政协, does not count); a word
inserted right after the prefix (中央成立科技委员会: a clause); a span in a sentence that
names a foreign country or party before it (美国国家安全局), or right after a local unit
(北京市国家安全局); bodies not set up yet at the time the text speaks of, and abolished
bodies unless the text speaks of their time.

With check ``suffix``, a span one edit from a body only by ``suffix_swapped`` (the body's
whole stem with another body suffix: 国家卫生和计划生育部 for 国家卫生和计划生育委员会, 国家
信访办公室 for 国家信访局) is reported by that entry rather than check ``one_edit``'s: the
stem names the body beyond doubt, only its rank is wrong.

With ``titles``, what is judged is the whole text of a title in 《》 (or 〈〉 inside one) that
is made of Han characters and ends with a suffix: a law's name (《行政许可证法》 for
行政许可法). The prefixes are optional there: the registered names are written without
them, and a title that starts with one is judged without it (中华人民共和国 + 安全生产管理法),
the suggestion keeping it. Besides the clear cases above (a registered name after words of
the title's own: 《美国国家安全法》, 《维护国家安全法》), a title with words inserted at its
start (《日本民法典》, 《五四宪法》), ending with a generic ending (《…管理办法》), or
followed by one of the rule's ``drafts`` (《…法》草案) stays clear.

With check ``not_yet``, a registered name of a body with ``since`` and ``earlier`` in a
document dated before the year the body was set up, whose sentence speaks of no later year,
names a body that did not exist yet (应急管理部 in a page of 2016, 国家卫生健康委员会 in one of
2015): flagged, suggesting of the ``earlier`` bodies (registered abolished bodies whose work
it took over) the one that ceased first after the time the text speaks of (卫生部 for 2010,
国家卫生和计划生育委员会 for 2015). The year, not the day, is compared: a body's name is in
use from the reform plan that creates it, weeks before it is set up. Only the document's own
date makes a text old (a page of 2024 may call a body of 2015 by its current name); a
document with no date is never judged. A body given no ``earlier`` is not checked (a new
body, or one whose name had an older namesake: 国家新闻出版署 of 1987), nor a form listed in
its ``namesakes`` (广电总局, also the short form of 国家广播电影电视总局), nor a name
inside a longer registered name, nor one standing for a foreign or local body or inside a
longer word (应急管理部门). The entry's ``unless`` clears the sentences that narrate
the body's founding or a plan (组建, 设立, 挂牌, 拟, 前身, 原).

A body given ``at_work``, the first day it worked under its name (its set-up, or its head
appointed before that: 国家数据局's director on 2023-07-28, three months before it was set
up), is judged against that day rather than the year of ``since``: 国家疾病预防控制局 in a page
of 2021-03 is flagged (set up 2021-05-13), and so is a sentence naming a month before that
day (2003年1月，国家发展和改革委员会…: set up 2003-03-10). With check ``unborn``, such a
body that took over from no registered one (国家数据局, 中央社会工作部) is judged too, by the
same conditions, and flagged with no suggestion: there was no body of that name to write.

With check ``meeting`` (beside not_yet or unborn), such a body's name with a numbered meeting
or a plenary session right after it (第一次会议, 第二次全体会议, 全体会议) is a meeting of a
body that did not exist yet: the whole meeting's name is marked by this entry, which may
report under its own ``category`` (meeting_name: 中央财经委员会第一次会议 in a page of 2015),
suggesting the earlier body's meeting of the same number, the one a text of that time means
(中央财经领导小组第一次会议); none for a body that took over from none.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, field_validator, model_validator

from ..context import sentence_bounds, sentence_year
from ..lexicon.schema import EntryBase, RuleBase, Strict, distinct_strings
from ..models import Category
from .base import (
    AnchorSearch,
    Candidate,
    KindDoc,
    RuleKind,
    ScanEnv,
    ScanInput,
    alternation,
    common_prefix_length,
    entries_of,
)

if TYPE_CHECKING:
    from ..compiler import Builder
    from ..lexicon.loader import LoadedRule
    from ..segment import Segmenter

Check = Literal["one_edit", "added", "inserted", "suffix", "not_yet", "unborn", "meeting"]

# how far before a span the sentence is read for a foreign country or party
_FOREIGN_REACH = 30
# the Han characters a span is made of
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
# check meeting: a numbered meeting or a plenary session written right after a body's name
_MEETING = re.compile(r"第[一二三四五六七八九十百零〇两0-9]{1,5}次(?:全体)?会议|全体会议")
# the bracket that opens a title, by the one that closes it
_OPENERS = {"》": "《", "〉": "〈"}


class Body(Strict):
    names: list[str] = Field(min_length=1)
    """The official name first, then its official short forms."""
    since: dt.date | None = None
    """The day the body was set up: text about an earlier time is not checked against it."""
    until: dt.date | None = None
    """The day the body ceased: it stays registered, and is suggested only for text about
    its own time."""
    informal: list[str] = Field(default_factory=list)
    """Names in common use that are not official (国家移民局): registered, never suggested."""
    earlier: list[str] = Field(default_factory=list)
    """Check ``not_yet``: the official names of the registered abolished bodies whose work
    this one took over (国家卫生和计划生育委员会, 卫生部 for 国家卫生健康委员会)."""
    at_work: dt.date | None = None
    """Checks ``not_yet`` and ``unborn``: the first day the body worked under its name (its
    set-up, or its head appointed before it), compared by the day; without it, the year of
    ``since`` is compared."""
    generic: bool = False
    """A name many bodies share (中央委员会 of every party): registered, never suggested."""
    namesakes: list[str] = Field(default_factory=list)
    """Checks ``not_yet`` and ``unborn``: those of ``names`` that an older body was called by
    too (广电总局 for 国家广播电影电视总局 before 2013): never judged by the body's dates."""
    source: str = Field(min_length=2)

    _names = field_validator("names")(distinct_strings)

    @model_validator(mode="after")
    def _namesakes_named(self) -> Body:
        if not set(self.namesakes) <= set(self.names):
            raise ValueError(f"{self.names[0]}: namesakes must be among its names")
        return self


class Inserted(Strict):
    words: list[str] = Field(min_length=1)
    """Words put into a name (管理, 事务, 工作, 建设)."""
    suffixes: list[str] = Field(min_length=1)
    """Right before which of a name's suffixes (部)."""
    joined: list[str] = Field(default_factory=list)
    """Conjunctions put between the two words of a four-character stem before one of the
    ``suffixes`` (农业和农村部 for 农业农村部, 生态与环境部 for 生态环境部): the name with one
    function word inserted, a form no body has."""
    swapped: bool = False
    """The two words of a four-character stem before one of the ``suffixes`` written in the
    other order (环境生态部 for 生态环境部, 农村农业部 for 农业农村部)."""
    skipped: list[str] = Field(default_factory=list)
    """Forms made by ``swapped`` or ``joined_any`` left alone: other real names (技术科学部,
    an academic division of 中国科学院) or forms another rule lists (农村农业部)."""
    joined_any: list[str] = Field(default_factory=list)
    """Suffixes of names whose stem after the prefix (six or more characters, read as
    two-character words) gets ``joined`` flagged between any two of its words (国家市场
    监督和管理总局 for 国家市场监督管理总局); for stems of two-character words only."""


class SuffixSwap(Strict):
    prefixes: list[str] = Field(min_length=1)
    """After which of the rule's prefixes (国家: 国务院 had many short-lived offices)."""
    suffixes: list[str] = Field(min_length=1)
    """The suffixes judged when written in place of a body's own (办公室, 局)."""


class RegistryEntry(EntryBase):
    check: Check
    """The check this entry enables (see the kind's doc)."""
    category: Category | None = None
    """The category this check's findings are reported under (default: the rule's): a
    meeting of a body named before the body existed is a wrong meeting name."""


class RegistryRule(RuleBase):
    kind: Literal["registry"]
    prefixes: list[str] = Field(min_length=1)
    """What an agency-shaped span starts with (国家, 中央, 国务院)."""
    suffixes: list[str] = Field(min_length=1)
    """What it ends with (局, 总局, 署, 部, 委员会, 委, 办公室, 办)."""
    min_length: int = Field(default=5, ge=3)
    """The shortest span judged, and the shortest registered form suggested."""
    local_units: list[str] = Field(default_factory=list)
    """Right before the span, these make it a local body (北京市国家安全局)."""
    foreign_cues: list[str] = Field(default_factory=list)
    """Besides the country names of ``_data/country_names.txt``: words that, earlier in the
    sentence, make the span a foreign body (越共: 越共中央对外部)."""
    generic_endings: list[str] = Field(default_factory=list)
    """Words that end a span as a generic phrase, not a body's suffix (中央国家机关部委)."""
    swapped_prefixes: dict[str, list[str]] = Field(default_factory=dict)
    """A prefix written in place of others (国家: [中国, 国务院]): a span after it whose rest
    is the rest of exactly one body's form after one of those is that body's name with the
    wrong prefix (国家民航局 for 中国民航局, 国家国资委 for 国务院国资委). Only swaps no
    renaming made: 国务院宗教事务局 was the name of today's 国家宗教事务局. A written prefix
    that is none of ``prefixes`` (中国: [国家]) is judged for this swap only (中国发改委 for
    国家发改委); its registered names (中国气象局) stay clear."""
    titles: bool = False
    """Judge the whole text of 《》 titles ending with a suffix (laws' names) instead of spans
    after a prefix; the prefixes are then optional, and the names are registered without
    them (安全生产法 stands for 中华人民共和国安全生产法 too)."""
    drafts: list[str] = Field(default_factory=list)
    """With ``titles``: words right after a title that make it a draft's name, which may
    differ from the law's (《突发事件应对管理法》草案)."""
    inserted: Inserted | None = None
    """Check ``inserted``: the words put in before which suffixes."""
    word_replaced: bool = False
    """A two-character word replaced is one edit too (全国生态文明保护大会 for 全国生态环境
    保护大会): for long names whose words are few and well apart."""
    suffix_swapped: SuffixSwap | None = None
    """After these prefixes, these suffixes written in place of a body's own suffix (another
    of ``suffixes``) make one edit too (国家信访办公室 for 国家信访局): ranked after the
    character edits, and only where the stem before the suffix is two or more characters
    after the prefix. Suffixes many unregistered real bodies end with (委员会: 国家能源委员会,
    国家禁毒委员会) and prefixes with many short-lived offices (国务院生产办公室 of 1991)
    stay out."""
    nearest_wins: bool = False
    """Of several bodies one edit away, the one strictly nearest is suggested (中央城市化工作
    会议: 中央城市工作会议 with a character inserted, not 中央城镇化工作会议 with one
    replaced); otherwise a span near two bodies is left alone."""
    bodies: list[Body] = Field(min_length=1)
    entries: list[RegistryEntry] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_entry_per_check(self) -> RegistryRule:
        checks = [e.check for e in self.entries]
        if len(set(checks)) != len(checks):
            raise ValueError("each check may be enabled by one entry only")
        if self.drafts and not self.titles:
            raise ValueError("drafts are read only with titles")
        if "meeting" in checks and not {"not_yet", "unborn"} & set(checks):
            raise ValueError("check meeting extends check not_yet or unborn")
        if "suffix" in checks and self.suffix_swapped is None:
            raise ValueError("check suffix judges suffix_swapped")
        if ("inserted" in checks) != (self.inserted is not None):
            raise ValueError("check inserted and inserted go together")
        seen: dict[str, int] = {}
        for n, body in enumerate(self.bodies):
            for name in (*body.names, *body.informal):
                if seen.setdefault(name, n) != n:
                    raise ValueError(f"{name} is registered for two bodies")
        abolished = {b.names[0] for b in self.bodies if b.until is not None}
        for body in self.bodies:
            if (body.earlier or body.at_work) and body.since is None:
                raise ValueError(f"{body.names[0]}: earlier bodies need the day it was set up")
            for name in body.earlier:
                if name not in abolished:
                    raise ValueError(f"{name}: an earlier body is a registered abolished one")
        return self


@dataclass(frozen=True)
class _Form:
    name: str
    body: int
    since: dt.date | None
    until: dt.date | None
    target: bool
    """May be suggested (not generic, long enough)."""
    order: int = 0
    """Where the name stands in its body's list (0: the official name)."""
    national: bool = False
    """The body's official name starts with 国家: 国家 before a short form of it is a mixed
    short form in common use (国家国防科工局), not a 国家 the body never had."""
    earlier: tuple[_Form, ...] = ()
    """Check ``not_yet``: the official names of the bodies it took over from."""
    at_work: dt.date | None = None
    """Checks ``not_yet`` and ``unborn``: the first day it worked under its name."""


@dataclass
class _Data:
    entry: int
    added: int | None
    """Check ``added``'s entry (None: not enabled)."""
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    min_length: int
    local_units: tuple[str, ...]
    foreign_cues: tuple[str, ...]
    generic_endings: tuple[str, ...]
    forms: dict[str, _Form]
    ends: frozenset[str]
    """The last characters of the suffixes."""
    titles: bool = False
    drafts: tuple[str, ...] = ()
    word_replaced: bool = False
    nearest_wins: bool = False
    not_yet: int | None = None
    """Check ``not_yet``'s entry (None: not enabled)."""
    unborn: int | None = None
    """Check ``unborn``'s entry (None: not enabled)."""
    meeting: int | None = None
    """Check ``meeting``'s entry (None: not enabled)."""
    suffix: int | None = None
    """Check ``suffix``'s entry (None: not enabled: check one_edit reports suffix swaps)."""
    swapped: dict[tuple[str, str], tuple[_Form, ...]] = field(default_factory=dict)
    swap_only: tuple[str, ...] = ()
    """Written prefixes of ``swapped`` that are none of ``prefixes``: judged for the swap only."""
    added_ends: frozenset[str] = frozenset()
    """Check ``added``: the last two characters of every form, and of every 局 or 署 with a
    总 added (short forms too: 审计署 is too short to be suggested by check one_edit)."""
    """(a prefix written in place of a form's own, the form's rest after its own) -> forms."""
    suffixes_longest: tuple[str, ...] = ()
    """The suffixes, longest first (read by suffix_swapped)."""
    suffix_swapped: tuple[str, ...] = ()
    """The written suffixes judged as a body's suffix replaced, longest first (else empty)."""
    swap_prefixes: tuple[str, ...] = ()
    """After which prefixes a suffix swap is judged."""
    successors: dict[str, _Form] = field(default_factory=dict)
    """Check ``added``: an abolished body's registered name -> the official form of the body
    that took over its work (农业部 -> 农业农村部), to suggest for a time after it ceased."""


class _Spans:
    """Spans, asked whether any overlaps a given one; sorted when first asked (most texts
    never ask)."""

    def __init__(self, spans: Callable[[], list[tuple[int, int]]]) -> None:
        self._given = spans
        self._spans: list[tuple[int, int]] = []
        self._starts: list[int] | None = None
        self._reach = 0

    def overlaps(self, start: int, end: int) -> bool:
        if self._starts is None:
            spans = self._spans = self._given()
            spans.sort()
            self._reach = max((e - s for s, e in spans), default=0)
            self._starts = [s for s, _ in spans]
        lo = bisect.bisect_right(self._starts, start - self._reach)
        hi = bisect.bisect_left(self._starts, end)
        return any(e > start for _, e in self._spans[lo:hi])


class Registry(RuleKind):
    name = "registry"
    rule_model = RegistryRule
    doc = KindDoc(
        what="A name shaped like a central body's (国家/中央/国务院 … 局/署/部/委员会/办公室/办) "
        "that is no body of the rule's registry but one edit from exactly one registered name "
        "or official short form — a character replaced, dropped or inserted, a two-character "
        "word dropped or inserted, with ``word_replaced`` a two-character word replaced "
        "(全国生态文明保护大会 for 全国生态环境保护大会), with ``nearest_wins`` the strictly "
        "nearest of several (中央城市化工作会议: 中央城市工作会议, not 中央城镇化工作会议) "
        "(国家数字局 for 国家数据局, 国家消防局 for 国家消防救援局, "
        "国家市场监督局 for 国家市场监督管理总局), suggesting that name; never a registered "
        "name (abolished ones included), a registered name with words around it (国家统计局"
        "局长, 中共中央统战部), a body not yet set up at the time the text speaks of, nor a "
        "foreign or local body (美国国家安全局, 北京市国家安全局); with ``titles``, the whole "
        "text of a 《》 title ending with a suffix, judged without its optional prefix against "
        "a register of laws (《中华人民共和国安全生产管理法》 for 安全生产法, 《行政许可证法》 for "
        "行政许可法), never a title with words of its own before a registered name or before "
        "a law's name (《美国国家安全法》, 《日本民法典》), a generic ending (《…管理办法》) nor a "
        "draft (《…法》草案). A guess beyond the listed forms: it yields to any other finding "
        "it overlaps. With check ``added``, a registered name with a 国家 or a 总 added "
        "that is itself no registered name (国家宗教事务总局, 国家审计署, 国家新闻出版总署): "
        "a name the body never had, certain, so its entry may carry its own severity; the "
        "suggestion is the body's name at the time the text speaks of. With check "
        "``inserted``, a current body's official name with a listed word put in before a "
        "listed suffix (自然资源管理部 for 自然资源部), with or without a prefix, when that is "
        "no registered name (应急管理部 and 退役军人事务部 are real). With check "
        "``not_yet``, a registered name of a body with ``earlier`` bodies in a document dated "
        "before the year it was set up (应急管理部 in a page of 2016), suggesting the earlier "
        "body of that time (国家安全生产监督管理总局); never in an undated text, nor in a "
        "sentence about its founding or a plan (the entry's ``unless``). A body's ``at_work`` "
        "day (set up, or its head appointed) is compared by the day instead; with check "
        "``unborn``, such a body that took over from none (国家数据局) is judged too, flagged "
        "with no suggestion. With check ``meeting``, such a body's name followed by a numbered "
        "meeting or a plenary session (中央财经委员会第一次会议 in a page of 2015) is marked whole "
        "under the entry's own ``category`` (meeting_name), suggesting the earlier body's "
        "meeting of that number.",
        why="Misspellings of agency names and law titles are endless and most involve no "
        "confusable character; the list of bodies (or laws in force) is short, so any "
        "near-copy of one that is not on it is an error.",
        example="bodies:\n- {names: [国家数据局], since: 2023-10-25, source: 新华社…}\n"
        "entries:\n- check: one_edit\n# → flags 国家数字局, suggesting 国家数据局",
    )

    def computed_suggestion(self, entry: EntryBase) -> bool:
        return True

    def compile(self, loaded: LoadedRule, builder: Builder) -> None:
        rule = loaded.rule
        assert isinstance(rule, RegistryRule)
        rule_index = builder.add_rule(loaded)
        entry = -1
        added: int | None = None
        not_yet: int | None = None
        unborn: int | None = None
        meeting: int | None = None
        suffix: int | None = None
        inserted: tuple[int, int | None] | None = None
        for _, item, line in entries_of(loaded):
            assert isinstance(item, RegistryEntry)
            index = builder.add_entry(rule_index, item, line, category=item.category)
            if item.check == "added":
                added = index
            elif item.check == "inserted":
                inserted = (index, line)
            elif item.check == "not_yet":
                not_yet = index
            elif item.check == "unborn":
                unborn = index
            elif item.check == "meeting":
                meeting = index
            elif item.check == "suffix":
                suffix = index
            else:
                entry = index
        fold = builder.normalizer.fold
        prefixes = tuple(fold(p) for p in rule.prefixes)

        def registered(name: str) -> str:
            folded = fold(name)
            if rule.titles:
                # titles are judged without their optional prefix
                prefix = next((p for p in prefixes if folded.startswith(p)), "")
                folded = folded[len(prefix) :]
            return folded

        forms: dict[str, _Form] = {}
        for n, body in enumerate(rule.bodies):
            national = fold(body.names[0]).startswith(fold("国家"))
            for k, name in enumerate(body.names):
                folded = registered(name)
                target = not body.generic and len(folded) >= rule.min_length
                # (a namesake of an older body is never judged by this body's dates)
                work = None if name in body.namesakes else body.at_work
                forms[folded] = _Form(
                    folded, n, body.since, body.until, target, k, national, at_work=work
                )
            for name in body.informal:
                folded = registered(name)
                forms[folded] = _Form(folded, n, body.since, body.until, False, len(body.names))
        if not_yet is not None:
            _link_earlier(rule, forms, registered)
        if inserted is not None:
            assert rule.inserted is not None
            _flag_inserted(rule, rule.inserted, set(forms), fold, builder, inserted, loaded)
        data = _Data(
            entry,
            added,
            prefixes,
            tuple(fold(s) for s in rule.suffixes),
            rule.min_length,
            tuple(fold(u) for u in rule.local_units),
            tuple(fold(c) for c in rule.foreign_cues),
            tuple(fold(g) for g in rule.generic_endings),
            forms,
            frozenset(fold(s)[-1] for s in rule.suffixes),
            rule.titles,
            tuple(fold(d) for d in rule.drafts),
            rule.word_replaced,
            rule.nearest_wins,
            not_yet,
            unborn,
            meeting,
        )
        data.suffix = suffix
        if rule.suffix_swapped is not None:
            data.suffixes_longest = tuple(sorted((fold(x) for x in rule.suffixes), key=len)[::-1])
            swap = rule.suffix_swapped
            data.suffix_swapped = tuple(sorted((fold(x) for x in swap.suffixes), key=len)[::-1])
            data.swap_prefixes = tuple(fold(x) for x in swap.prefixes)
        if added is not None:
            for body in rule.bodies:
                for name in body.earlier:
                    data.successors[registered(name)] = forms[registered(body.names[0])]
            data.added_ends = frozenset(
                {name[-2:] for name in forms}
                | {"总" + name[-1] for name in forms if name.endswith(_RANKED)}
            )
        for written, officials in rule.swapped_prefixes.items():
            instead = fold(written)
            for prefix in (fold(p) for p in officials):
                for name, form in forms.items():
                    # (a rest of three or more: 中央办 is no body's name with another prefix)
                    if form.target and name.startswith(prefix) and len(name) - len(prefix) >= 3:
                        key = (instead, name[len(prefix) :])
                        data.swapped[key] = (*data.swapped.get(key, ()), form)
            if instead not in prefixes and instead not in data.swap_only:
                data.swap_only = (*data.swap_only, instead)
        builder.kind_data.setdefault(self.name, []).append(data)

    def finder(self, data: Any, env: ScanEnv) -> RegistryFinder | None:
        if not data:
            return None
        # China's own names are no foreign cue (中华人民共和国 holds no 中国)
        foreign = frozenset(
            n for n in env.words.country_names if "中国" not in n and "中华" not in n
        )
        return RegistryFinder(data, env.segmenter, foreign)


def _link_earlier(
    rule: RegistryRule, forms: dict[str, _Form], registered: Callable[[str], str]
) -> None:
    """Check ``not_yet``: each form of a body with ``since`` and ``earlier`` gets the forms
    of its earlier bodies (registered, abolished)."""
    for body in rule.bodies:
        if not body.earlier:
            continue
        earlier = tuple(forms[registered(name)] for name in body.earlier)
        for name in body.names:
            if name in body.namesakes:
                continue
            folded = registered(name)
            forms[folded] = dataclasses.replace(forms[folded], earlier=earlier)


def _flag_inserted(
    rule: RegistryRule,
    inserted: Inserted,
    registered: set[str],
    fold: Callable[[str], str],
    builder: Builder,
    at: tuple[int, int | None],
    loaded: LoadedRule,
) -> None:
    """Check ``inserted``: each current body's official name with a word put in before its
    suffix (自然资源管理部), or a conjunction between the two words of a four-character stem
    (农业和农村部), when that is no registered name nor inside one, as an error string
    suggesting the official name."""
    index, line = at
    made: set[str] = {fold(x) for x in inserted.skipped}

    def add(official: str, forms: list[str]) -> None:
        for written in forms:
            folded = fold(written)
            if folded in made or any(folded in name for name in registered):
                continue
            if builder.flagged(written):
                continue  # a form another rule lists speaks with that rule's conditions
            made.add(folded)
            builder.flag(
                written,
                index,
                path=str(loaded.path),
                line=line,
                key="inserted",
                suggestion=official,
            )

    for body in rule.bodies:
        official = body.names[0]
        if body.generic or body.until is not None or len(fold(official)) < rule.min_length:
            continue
        for suffix in inserted.suffixes:
            stem = official[: -len(suffix)]
            if not official.endswith(suffix) or len(stem) < 2:
                continue
            # (a conjunction between the two words of a four-character stem: 农业和农村部)
            joined = [stem[:2] + c + stem[2:] for c in inserted.joined] if len(stem) == 4 else []
            if inserted.swapped and len(stem) == 4 and stem[2:] != stem[:2]:
                # (the two words in the other order: 环境生态部)
                joined.append(stem[2:] + stem[:2])
            add(
                official,
                [stem + w + suffix for w in inserted.words if not stem.endswith(w)]
                + [j + suffix for j in joined],
            )
        add(official, _joined_any(rule, inserted, official))


def _joined_any(rule: RegistryRule, inserted: Inserted, official: str) -> list[str]:
    """``official`` with one of ``inserted.joined`` put between two of the two-character
    words of its stem (the name between its prefix and one of ``inserted.joined_any``), when
    that stem is four or more characters long, even, and holds no conjunction already."""
    prefix = next((p for p in rule.prefixes if official.startswith(p)), None)
    suffix = next(
        (x for x in sorted(inserted.joined_any, key=len, reverse=True) if official.endswith(x)),
        None,
    )
    if prefix is None or suffix is None:
        return []
    stem = official[len(prefix) : len(official) - len(suffix)]
    if len(stem) < 4 or len(stem) % 2 or any(c in stem for c in inserted.joined):
        return []
    return [
        prefix + stem[:k] + c + stem[k:] + suffix
        for k in range(2, len(stem), 2)
        for c in inserted.joined
    ]


def one_edit(written: str, name: str, word_replaced: bool = False) -> int | None:
    """How far ``written`` is from ``name`` when it is one edit away (a character replaced,
    one or two dropped or inserted, three dropped from a name of nine or more, and with
    ``word_replaced`` two replaced side by side), else None; the distance ranks several
    forms of one body."""
    short = min(len(written), len(name))
    p = common_prefix_length(written, name)
    s = 0
    while s < short - p and written[-1 - s] == name[-1 - s]:
        s += 1
    dropped, inserted = len(name) - p - s, len(written) - p - s
    if (dropped, inserted) in ((1, 1), (1, 0), (0, 1), (2, 0), (0, 2)):
        return dropped + inserted
    if (dropped, inserted) == (3, 0) and len(name) >= 9:
        return 3
    if word_replaced and (dropped, inserted) == (2, 2):
        return 4
    return None


def _suffix_swap(written: str, name: str, data: _Data, prefix: int) -> int | None:
    """5 when ``written`` is ``name`` with its suffix replaced by one of the rule's
    ``suffix_swapped`` and a stem of two or more characters after the prefix."""
    own = next((x for x in data.suffixes_longest if name.endswith(x)), None)
    other = next((x for x in data.suffix_swapped if written.endswith(x)), None)
    if own is None or other is None or own == other:
        return None
    stem = len(name) - len(own)
    if stem - prefix < 2 or written[: len(written) - len(other)] != name[:stem]:
        return None
    return 5


class RegistryFinder:
    """Judges every agency-shaped span after one of the rules' prefixes, and every title of
    the rules that judge titles."""

    def __init__(self, rules: list[_Data], segmenter: Segmenter, countries: frozenset[str]) -> None:
        self._segmenter = segmenter
        self._rules = []
        self._title_rules = []
        for data in rules:
            index: dict[str, list[_Form]] = {}
            for form in data.forms.values():
                if not form.target:
                    continue
                # every edit the check allows keeps a name's first three characters or its
                # last two (names are five or more long)
                index.setdefault("<" + form.name[:3], []).append(form)
                index.setdefault(">" + form.name[-2:], []).append(form)
            cues = [*countries, *data.foreign_cues]
            foreign = _Cues(cues) if cues else None
            longest = max(map(len, data.forms)) + 2
            if data.titles:
                longest += max(map(len, data.prefixes))
                self._title_rules.append((data, index, foreign, longest))
            else:
                self._rules.append((data, index, foreign, longest))
        named = [data for data in rules if not data.titles]
        words = sorted({p for data in named for p in (*data.prefixes, *data.swap_only)})
        self._prefixes = AnchorSearch(words, longest=False, folded=True)
        names = sorted({n for data in named for n in data.forms})
        self._names = AnchorSearch(names, longest=False, folded=True)
        # check not_yet: the forms of bodies with earlier ones, by name
        self._unborn: dict[str, list[tuple[_Data, _Form, _Cues | None]]] = {}
        for data, _, foreign, _ in self._rules:
            for form in data.forms.values():
                if (form.earlier and data.not_yet is not None) or (
                    not form.earlier and form.at_work and data.unborn is not None
                ):
                    self._unborn.setdefault(form.name, []).append((data, form, foreign))
        # a title is found by its end: a suffix right before the closing bracket
        ends = sorted(
            {s + c for data in rules if data.titles for s in data.suffixes for c in _OPENERS}
        )
        self._title_ends = AnchorSearch(ends, longest=False, folded=True)
        self.anchors = (
            *self._prefixes.anchors,
            *self._names.anchors,
            *self._title_ends.anchors,
        )

    def find(self, scan: ScanInput) -> Iterator[Candidate]:
        if self._unborn and scan.date is not None:
            yield from self._find_unborn(scan, scan.date)
        if self._rules:
            yield from self._find_names(scan)
        if self._title_rules:
            yield from self._find_titles(scan)

    def _find_names(self, scan: ScanInput) -> Iterator[Candidate]:
        starts = self._prefixes.find(scan, ordered=False)
        if not starts:
            return
        registered = _Spans(
            lambda: [
                *((s, e) for _, s, e in self._names.find(scan, ordered=False)),
                *scan.protected,
                *scan.listed,
            ]
        )
        listed = {s for s, _ in scan.listed}
        seen: set[int] = set()
        for _, start, _ in sorted(starts, key=lambda h: h[1]):
            if start in seen:
                continue
            seen.add(start)
            for data, index, foreign, longest in self._rules:
                hit = self._judge(scan, data, index, foreign, longest, start, registered, listed)
                if hit is not None:
                    yield hit
                    break

    def _find_unborn(self, scan: ScanInput, date: dt.date) -> Iterator[Candidate]:
        """Check ``not_yet``: registered names of bodies set up after the year of a dated
        document (and of the time it speaks of there)."""
        unborn = self._unborn
        hits = [(s, e) for _, s, e in self._names.find(scan, ordered=False)]
        folded = scan.folded
        for start, end in hits:
            name = folded[start:end]
            if name not in unborn or any(
                s <= start and end <= e and e - s > end - start for s, e in hits
            ):
                continue
            year: int | None = None
            read = False  # the sentence's year, read for the first body older than the page
            for data, form, foreign in unborn[name]:
                assert form.since is not None
                # the first day of the name's use: at_work, else the year of since
                first = form.at_work or dt.date(form.since.year, 1, 1)
                if date >= first:
                    continue
                if not read:
                    year, read = sentence_year(folded, start, end), True
                # (a year of the body's own time named at it, even past the page's date, is
                # the time spoken of: a page edited later, 2008年起…由工业和信息化部指导;
                # in the year of its at_work day, a month written before it: 2003年1月)
                month = None
                if year is not None and year == first.year and form.at_work is not None:
                    month = _month_of(folded, start, end, year)
                    if month is None or month >= first.month:
                        continue
                elif year is not None and year >= form.since.year:
                    continue
                when = dt.date(year, month, 1) if year and month else _time_of(scan, year)
                if when is None or when >= first:
                    continue
                if not form.earlier:
                    # check unborn: no body of that name to suggest
                    assert data.unborn is not None
                    if self._stands(scan, data, foreign, start, end):
                        tail = _meeting_after(data, folded, end)
                        if tail and data.meeting is not None:
                            yield Candidate(start, tail, data.meeting, None, self_dated=True)
                        else:
                            yield Candidate(start, end, data.unborn, None, self_dated=True)
                        break
                    continue
                assert data.not_yet is not None
                # of the earlier bodies still there at that time, the one that ceased first
                timely = [f for f in form.earlier if f.until is not None and when < f.until]
                if not timely or not self._stands(scan, data, foreign, start, end):
                    continue
                was = min(timely, key=lambda f: (f.until, f.order))
                tail = _meeting_after(data, folded, end)
                if tail and data.meeting is not None:
                    # the meeting's whole name, suggested with the body of that time: its
                    # meeting of that number is the one a text of then speaks of
                    fix = was.name + scan.text[end:tail]
                    yield Candidate(start, tail, data.meeting, fix, self_dated=True)
                else:
                    yield Candidate(start, end, data.not_yet, was.name, self_dated=True)
                break

    def _find_titles(self, scan: ScanInput) -> Iterator[Candidate]:
        hits = self._title_ends.find(scan, ordered=False)
        if not hits:
            return
        folded = scan.folded
        for end in sorted({e - 1 for _, _, e in hits}):
            opener = _OPENERS[folded[end]]
            for data, index, foreign, longest in self._title_rules:
                start = end
                floor = max(0, end - longest)
                while start > floor and "\u4e00" <= folded[start - 1] <= "\u9fff":
                    start -= 1
                if start == 0 or folded[start - 1] != opener:
                    continue
                near = self._judge_title(scan, data, index, start, end)
                if near is None:
                    continue
                # (a protected name inside, 残疾人, is no reason to stay clear: the title is
                # judged whole, and the guess yields to any finding of the name's own nets)
                lo, _ = sentence_bounds(folded, start, end, _FOREIGN_REACH)
                if foreign is not None and foreign.search(folded, lo, start):
                    break
                # a guess beyond the listed forms: it yields to the protected names' own nets
                yield Candidate(start, end, data.entry, near, self_dated=True, tentative=True)
                break

    def _judge_title(
        self,
        scan: ScanInput,
        data: _Data,
        index: dict[str, list[_Form]],
        start: int,
        end: int,
    ) -> str | None:
        """The registered name a title is one edit from, with the title's prefix, or None."""
        folded = scan.folded
        title = folded[start:end]
        prefix = next((p for p in data.prefixes if title.startswith(p)), "")
        written = title[len(prefix) :]
        if len(written) < data.min_length or not written.endswith(data.suffixes):
            return None
        forms = data.forms
        # a law's name after words of the title's own (《美国国家安全法》), not a short one
        # that ends a misspelt name (劳动争议 + 仲裁法)
        if written in forms or any(len(t) >= data.min_length for t in _tails(written, forms)):
            return None
        if written.endswith(data.generic_endings):
            return None
        after = folded[end + 1 : end + 9]
        if after.startswith(data.drafts):
            return None
        # an insertion at the title's start is words of its own (《日本民法典》): prefix 0
        near = self._nearest(data, written, index, scan, start, end, 0)
        return None if near is None else prefix + near

    def _judge(
        self,
        scan: ScanInput,
        data: _Data,
        index: dict[str, list[_Form]],
        foreign: _Cues | None,
        longest: int,
        start: int,
        registered: _Spans,
        listed: set[int],
    ) -> Candidate | None:
        folded = scan.folded
        # (one C test first: most starts are no prefix of this rule's)
        if not folded.startswith(data.prefixes, start):
            if data.swap_only and folded.startswith(data.swap_only, start):
                return self._judge_swap(scan, data, foreign, longest, start)
            return None
        run = _HAN_RUN.match(folded, start, min(len(folded), start + longest))
        if run is None or run.end() - start < data.min_length:
            return None
        prefix = next(p for p in data.prefixes if folded.startswith(p, start))
        forms = data.forms
        ends = data.ends
        # a span is near a body only through its first three characters or its last two
        # (see _nearest): without the first, only ends with known last two are read
        # (全国 starts hundreds of spans in a long text)
        by_head = "<" + folded[start : start + 3] in index
        # longest span first: 国家市场监督局 before 国家市场监督
        for end in range(run.end(), start + data.min_length - 1, -1):
            if folded[end - 1] not in ends or not folded.endswith(data.suffixes, start, end):
                continue
            if (
                not by_head
                and ">" + folded[end - 2 : end] not in index
                and folded[end - 2 : end] not in data.added_ends
            ):
                continue
            written = folded[start:end]
            if written in forms:
                continue
            swapped = _swapped(data, written, prefix, scan, start, end)
            if swapped is not None:
                if self._stands(scan, data, foreign, start, end):
                    # (a listed wrong form's own rule speaks first: nonstandard_prefix)
                    return Candidate(
                        start, end, data.entry, swapped, self_dated=True, tentative=True
                    )
                continue
            # (a listed wrong form with this start speaks, with its dates: 国家人事部 until
            # 2008; not the bare name inside, 新闻出版总署 in 国家新闻出版总署)
            if data.added is not None and start not in listed:
                was = _added(data, written, scan, start, end)
                if was is not None:
                    if self._stands(scan, data, foreign, start, end):
                        return Candidate(start, end, data.added, was, self_dated=True)
                    continue
            if any(_tails(written, forms)):
                continue
            if folded.endswith(data.generic_endings, start, end):
                continue
            near = self._nearest(data, written, index, scan, start, end, len(prefix))
            # (a protected name that is the prefix itself, 全国政协, is no reason to stay clear)
            if near is None or registered.overlaps(start + len(prefix), end):
                continue
            if not self._stands(scan, data, foreign, start, end):
                continue
            if (
                data.suffix is not None
                and one_edit(written, near, data.word_replaced) is None
                and _suffix_swap(written, near, data, len(prefix)) is not None
            ):
                # the body's whole stem with another body's suffix: a wrong rank
                return Candidate(start, end, data.suffix, near, self_dated=True, tentative=True)
            # a guess beyond the listed forms: it yields to the protected names' own nets
            return Candidate(start, end, data.entry, near, self_dated=True, tentative=True)
        return None

    def _judge_swap(
        self, scan: ScanInput, data: _Data, foreign: _Cues | None, longest: int, start: int
    ) -> Candidate | None:
        """A span after a swap-only prefix that is a body's name with that prefix in place of
        its own (中国发改委 for 国家发改委), the longest first; registered names stay clear."""
        folded = scan.folded
        run = _HAN_RUN.match(folded, start, min(len(folded), start + longest))
        if run is None:
            return None
        prefix = next(p for p in data.swap_only if folded.startswith(p, start))
        for end in range(run.end(), start + len(prefix) + 2, -1):
            written = folded[start:end]
            if (prefix, written[len(prefix) :]) not in data.swapped or written in data.forms:
                continue
            swapped = _swapped(data, written, prefix, scan, start, end)
            if swapped is not None and self._stands(scan, data, foreign, start, end):
                # (not tentative: the protected names' nets read 国市场监管总局 inside it)
                return Candidate(start, end, data.entry, swapped, self_dated=True)
            return None
        return None

    @staticmethod
    def _nearest(
        data: _Data,
        written: str,
        index: dict[str, list[_Form]],
        scan: ScanInput,
        start: int,
        end: int,
        prefix: int,
    ) -> str | None:
        """The one body's form ``written`` is one edit from, or None (none or several)."""
        candidates = {*index.get("<" + written[:3], ()), *index.get(">" + written[-2:], ())}
        best: dict[int, tuple[int, int, str]] = {}
        when: dt.date | bool | None = False  # not read yet
        for form in candidates:
            distance = one_edit(written, form.name, data.word_replaced)
            if distance is None and data.suffix_swapped and written.startswith(data.swap_prefixes):
                distance = _suffix_swap(written, form.name, data, prefix)
            if distance is None:
                continue
            # a word inserted right after the prefix is a clause: 中央成立科技委员会
            if len(written) > len(form.name) and common_prefix_length(written, form.name) == prefix:
                continue
            if form.since is not None or form.until is not None:
                if when is False:
                    when = _spoken_of(scan, start, end)
                if not _existed(form, when):
                    continue
            # of one body's forms as near, the official name (listed first) before short ones
            if (distance, form.order, form.name) < best.get(form.body, (99, 0, "")):
                best[form.body] = (distance, form.order, form.name)
        ranked = sorted(best.values())
        if not ranked or (
            len(ranked) > 1 and not (data.nearest_wins and ranked[0][0] < ranked[1][0])
        ):
            return None
        return ranked[0][2]

    def _stands(
        self,
        scan: ScanInput,
        data: _Data,
        foreign: _Cues | None,
        start: int,
        end: int,
    ) -> bool:
        """Not a foreign or local body, and a span of whole words."""
        folded = scan.folded
        if folded.endswith(data.local_units, 0, start):
            return False
        lo, _ = sentence_bounds(folded, start, end, _FOREIGN_REACH)
        if foreign is not None and foreign.search(folded, lo, start):
            return False
        lo = max(0, start - 8)
        cuts = set(self._segmenter.cuts(folded[lo : end + 6], lo))
        return start in cuts and end in cuts


class _Cues:
    """Words looked for before a span, compiled on first use: most texts hold no span to
    judge, and the alternation of ~200 country names costs milliseconds of every start."""

    def __init__(self, words: list[str]) -> None:
        self._source = alternation(words)
        self._pattern: re.Pattern[str] | None = None  # threads may race harmlessly

    def search(self, text: str, start: int, end: int) -> bool:
        if self._pattern is None:
            self._pattern = re.compile(self._source)
        return self._pattern.search(text, start, end) is not None


def _spoken_of(scan: ScanInput, start: int, end: int) -> dt.date | None:
    """The time the text speaks of at a span: the year its sentence names (2015年，国家工商
    总局… in a page of 2024 speaks of 2015), unless it is after the document's date (a plan
    for 2030), else the document's date."""
    return _time_of(scan, sentence_year(scan.folded, start, end))


def _meeting_after(data: _Data, folded: str, end: int) -> int | None:
    """Check ``meeting``: the end of a numbered meeting or a plenary session written right
    after a body's name ending at ``end`` (中央财经委员会 + 第一次会议), or None."""
    if data.meeting is None:
        return None
    found = _MEETING.match(folded, end, end + 12)
    return None if found is None else found.end()


def _month_of(folded: str, start: int, end: int, year: int) -> int | None:
    """The month written right after ``year`` before the span in its sentence (2003年1月，
    国家发展和改革委员会…), or None."""
    lo, _ = sentence_bounds(folded, start, end, 80)
    found = list(re.finditer(f"{year}年([0-9]{{1,2}})月", folded[lo:start]))
    if not found:
        return None
    month = int(found[-1].group(1))
    return month if 1 <= month <= 12 else None


def _time_of(scan: ScanInput, year: int | None) -> dt.date | None:
    """``_spoken_of`` given the year the sentence names (None: none)."""
    if year and (scan.date is None or year <= scan.date.year):
        return dt.date(year, 7, 1)
    return scan.date


def _existed(form: _Form, when: dt.date | bool | None) -> bool:
    """The body may be meant at that time: set up by then (or the time unknown), and, if
    abolished, a time before that."""
    if form.since is not None and isinstance(when, dt.date) and when < form.since:
        return False
    return form.until is None or (isinstance(when, dt.date) and when < form.until)


def _swapped(
    data: _Data, written: str, prefix: str, scan: ScanInput, start: int, end: int
) -> str | None:
    """The one body's form ``written`` is with another prefix (国家民航局 → 中国民航局),
    the official name of its body first, or None (no body, or several, or a registered
    name after words of its own: 中共 + 中央统战部)."""
    forms = data.swapped.get((prefix, written[len(prefix) :]))
    if not forms or any(tail.startswith(data.prefixes) for tail in _tails(written, data.forms)):
        return None
    when = _spoken_of(scan, start, end)
    found = [form for form in forms if _existed(form, when)]
    if len({form.body for form in found}) != 1:
        return None
    return min(found, key=lambda form: form.order).name


# a 总 written before these makes a bureau a general administration (国家宗教事务总局)
_RANKED = ("局", "署")


def _added(data: _Data, written: str, scan: ScanInput, start: int, end: int) -> str | None:
    """The registered form ``written`` is with a 国家 or a 总 (or both) added, the one of its
    time first (国家新闻出版总署: 新闻出版总署 in 2011, 国家新闻出版署 today), or None."""
    bare: list[str] = []
    if written.endswith(_RANKED) and written[-2:-1] == "总":
        bare.append(written[:-2] + written[-1])
    found = [data.forms[b] for b in bare if b in data.forms]
    if written.startswith("国家"):
        # (国家 + 中央… would be two names, not one with a 国家 added)
        rests = [b[2:] for b in (written, *bare) if not b[2:].startswith(data.prefixes)]
        found += [
            data.forms[b]
            for b in rests
            if len(b) >= 3 and b in data.forms and not data.forms[b].national
        ]
    if not found:
        return None
    when = _spoken_of(scan, start, end)
    timely = [form for form in found if _existed(form, when)]
    if not timely:
        # an abolished body's name at a later time: the body that took over its work then
        # (国家农业部 in 2020: 农业农村部)
        for form in found:
            later = data.successors.get(form.name)
            for _ in range(4):
                if later is None or _existed(later, when):
                    break
                later = data.successors.get(later.name)
            if later is not None:
                timely.append(later)
    return (timely or found)[0].name


def _tails(written: str, forms: dict[str, _Form]) -> Iterator[str]:
    """The registered names ``written`` ends with after words of its own (中共+中央统战部)."""
    for k in range(2, len(written)):
        tail = written[k:]
        if tail in forms:
            yield tail


KIND = Registry()
