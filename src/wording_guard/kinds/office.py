"""Kind ``office``: who holds which title. A title next to the name of someone who does not
hold it is wrong (国务院总理赵乐际), and so is a former holder's title in text about a time
after he left the office (``valid_to``), or before he first took it (``began``); ranked
names listed out of protocol order are flagged (``order_severity``). A title one person
holds at a time pins the name written after it: a name one character off that holder is a slip
(``pinned_message``: 法国总统马可龙, 中央纪委书记李文)."""

from __future__ import annotations

import datetime as dt
import itertools
import operator
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, field_validator, model_validator

from ..charmodel import is_han
from ..context import dated_before, sentence_year
from ..lexicon.schema import EntryBase, RuleBase, as_list, distinct_strings
from ..models import Severity
from ..nearmiss import NUMERALS
from .base import (
    AnchorSearch,
    Candidate,
    KindDoc,
    NearNames,
    RuleKind,
    ScanEnv,
    ScanInput,
    changed_chars,
    common_prefix_length,
    data_file,
    entries_of,
    read_pairs,
)

if TYPE_CHECKING:
    from ..compiler import Builder
    from ..lexicon.loader import LoadedRule
    from ..segment import Segmenter

# what may separate the names of a list of leaders
_NAME_LIST_SEPARATORS = "、，, "


class OfficeEntry(EntryBase):
    correct: list[str] = Field(min_length=1)
    """The holder's name (and its other written forms)."""
    titles: list[str] = Field(min_length=1)
    """The titles the holder holds (国务院总理, 总理)."""
    rank: int | None = Field(default=None, ge=1)
    """Protocol rank; lists of 3+ ranked names in another order are flagged."""
    valid_from: dt.date | None = None
    """The day the holder took the titles: text speaking of an earlier time is not checked."""
    valid_to: dt.date | None = None
    """The day the holder left the titles: text speaking of a later time that still gives
    the holder the title is flagged (an entry's ``unless`` keeps 原/时任 … unflagged)."""
    began: bool = False
    """``valid_from`` is the day the holder first took the titles, not the day a table's
    span begins: text speaking of an earlier year (or, naming none, dated before that day)
    that gives him one of them is flagged (国务委员梁光烈 in 2006), where no entry of his
    covers that time; his own title of the table then is suggested, else the bare name."""

    _lists = field_validator("correct", "titles", mode="before")(as_list)
    _distinct = field_validator("correct", "titles")(distinct_strings)


class OfficeRule(RuleBase):
    kind: Literal["office"]
    order_message: str | None = None
    """Message of the finding for ranked names out of order; needed when entries have ranks."""
    order_severity: Severity = Severity.NOTICE
    """Severity of a list of ranked names out of order (a notice unless the rule says
    otherwise)."""
    misspelt_message: str | None = None
    """When set, a three-character name right after or before a title that differs from a
    holder's name in one character (国务院总理李克祥, 习远平总书记) gets this message."""
    mistitled_message: str | None = None
    """When set, a title of three or more characters right before or after its holder's name
    with one character replaced or dropped (家主席江泽民, 习近平总书纪), or right before it
    with one inserted (国务院总经理李强; not 副/原/前/代/常), gets this message."""
    posts: list[str] = Field(default_factory=list)
    """The last words of titles (委员长, 主任, 书记): with ``mistitled_message``, a holder's
    title written with its body and another of these right before the name, a title that
    exists nowhere in the tables (全国人大常委会主任赵乐际), is mistitled too."""
    pinned_message: str | None = None
    """When set, a name right after a title that pins its holder gets this message: one
    character off the one holder of the title at the time the text speaks of (法国总统马可龙,
    中央纪委书记李文), see :meth:`OfficeFinder._pinned`."""
    pinned_severity: Severity | None = None
    """The severity of ``pinned_message`` findings (default: the rule's)."""
    pinned_yields: bool = False
    """``pinned_message`` findings yield to another rule's finding on the same name (the
    misspelt nets of leader_name.politburo_members beside 中央书记处书记): a table that adds
    pinned titles to those nets does not take over their findings."""
    surname_likenesses: str | None = None
    """A TSV (char, characters written for it) relative to the rule file: with
    ``pinned_message``, the surname of a two-character name may be off too where the written
    one is like the holder's (伊力 for 尹力: a phonetic part written with or without its
    radical), by this file in either direction or by the confusion tables. Another surname
    not like it is another man (李强 → 刘强)."""
    bare_titles: list[str] = Field(default_factory=list)
    """Titles written without the body's name (省委书记, 省长): one person per body holds each
    at a time, so no holder is pinned, but with ``pinned_message`` a name right after one is
    checked against every holder of a title of the table ending in it (云南省委书记, 贵州省长)
    at the time the text speaks of: one character off exactly one of them, that character
    like the holder's (confusion tables, ``surname_likenesses``), is a slip (省委书记汪宁 →
    王宁). Not after 副 (副省长)."""
    held_titles: list[str] = Field(default_factory=list)
    """Titles written without the body's name (省委书记, 省长, 市委书记) after which a person the
    table lists, named right after one, must hold a title of the table ending in it at the
    document's date: where every title of that kind he held began after it or ended before it,
    the title is wrong (省长娄勤俭 in 2019, 江苏省委书记 then), and his title of the table at the
    date is suggested, else the former one (原省委书记汪洋). Undated text, a person with a
    term of unknown bounds, 副/代/常务 or 原/前/时任/已故 before the title, a year of the
    sentence within his term, and sentences of elections and appointments are not checked.
    A title here but not in ``bare_titles`` (市委书记, 市长: a city's own on a city's page) is
    flagged only where the person held another title of the table at the date."""
    other_bodies: list[str] = Field(default_factory=list)
    """Names of other bodies whose offices end in a title of the table: the title right
    after one of them (团中央书记处书记, 朝鲜国务委员会副委员长) is that body's office and is
    not checked, as a title right after another country's name is not."""
    entries: list[OfficeEntry] = Field(min_length=1)

    @model_validator(mode="after")
    def _order_message(self) -> OfficeRule:
        if any(e.rank is not None for e in self.entries) and not self.order_message:
            raise ValueError("entries with 'rank' need the rule's 'order_message'")
        return self


@dataclass(frozen=True)
class _Office:
    rule: int  # the rule (table) the entry belongs to
    entry: int
    names: tuple[str, ...]  # normalized
    titles: tuple[str, ...]  # normalized
    rank: int | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    order_entry: int | None  # the notice entry for lists out of order
    misspelt_entry: int | None  # the entry for a misspelt name beside a title
    mistitled_entry: int | None  # the entry for a misspelt title beside its holder
    pinned_entry: int | None  # the entry for a misspelt name the title before it pins
    bodies: tuple[str, ...] = ()  # other bodies a title of the table may follow (normalized)
    yields: bool = False  # pinned findings yield to other rules' (pinned_yields)
    shown: tuple[str, ...] = ()  # the names as the table writes them (帕巴拉·格列朗杰)
    posts: tuple[str, ...] = ()  # the last words of titles (posts), normalized
    # per name, the characters its surname may be written as in a pinned slip of a
    # two-character name (surname_likenesses); "" where only the given name may differ
    surname_slips: tuple[str, ...] = ()
    bare: tuple[str, ...] = ()  # the rule's bare_titles this entry holds (normalized)
    # per name, per character, the characters it may be written as (pinned tables only)
    likes: tuple[tuple[str, ...], ...] = ()
    began: bool = False  # valid_from is the holder's first day in the titles (entry.began)
    held: tuple[str, ...] = ()  # the rule's held_titles this entry holds (normalized)
    # the rule's held_titles (normalized), and those of them that are no bare_titles
    held_titles: tuple[str, ...] = ()
    held_strict: tuple[str, ...] = ()


class Office(RuleKind):
    name = "office"
    rule_model = OfficeRule
    doc = KindDoc(
        what="A leader's title paired with the name of someone who does not hold it "
        "(国务院总理赵乐际, 全国人大常委会委员长李强), from the day the holder took office; a "
        "former holder still given the title in text about a time after `valid_to` "
        "(国务院总理温家宝 in 2016; not when 原/前/时任 heads a chain of offices joined by 兼: "
        "原国务委员兼国防部长李尚福); with an entry's `began` (its `valid_from` the holder's "
        "first day in the titles), a title he took only later, in text about an earlier "
        "time (国务委员梁光烈 in 2006: the year written before the title, else the "
        "document's date), suggesting his title of the table then or the bare name; "
        "only pairs of one table (another table's 总理 "
        "beside a foreign leader is not checked), and the suggestion names the holder at the "
        "text's time when one is, or, for a title several people took on one day (国务院副总理, "
        "全国政协副主席), the person's own title then (全国政协副主席王东明 → "
        "全国人大常委会副委员长王东明); "
        "a title heading a chain of offices joined by 、 right before a name is checked "
        "against that name too (中共中央政治局委员、上海市委书记韩正; not a list of groups: "
        "常委、委员、书记处书记); a rank the person had not reached or had passed at that time, "
        "where he held another rank of the same body then, is wrong (政治局常委 for a 委员), "
        "and for a rank he had left the suggestion is his rank then; "
        "three or more ranked names listed out of protocol order (the rule's `order_message`, "
        "at `order_severity`, a notice unless set); with `misspelt_message`, a "
        "three-character name right after or before a title one character away from a "
        "holder's name (国家主席习远平, "
        "习远平总书记), or right after or before a list of three or more ranked holders one "
        "character away from the one the list lacks (…丁薛祥、李林); with "
        "`mistitled_message`, a holder's title written beside the name "
        "with one character replaced or dropped (家主席江泽民, 习近平总书纪), or before it "
        "with one inserted (国务院总经理李强), or before it with its body and another of the "
        "rule's `posts` making a title that exists nowhere (全国人大常委会主任赵乐际); with "
        "`pinned_message` (severity `pinned_severity`, default the rule's), a name right "
        "after a title one character off the one holder of that title at the time the text "
        "speaks of (the sentence's year, else the document's date; undated, any holder in "
        "the tables): 法国总统马可龙, 联合国秘书长古铁雷斯, 中央纪委书记李文 (of a two-"
        "character name only the given name may differ, or the surname too where the rule's "
        "`surname_likenesses` file or the confusion tables make it like the holder's: "
        "北京市委书记伊力 for 尹力); where no holder of that time is near, a holder of "
        "another time is, by characters like his (应急管理部部长王翔喜 in 2027 → 王祥喜); with "
        "`bare_titles`, a name right after a title written without its body (省委书记汪宁) "
        "against the holders of every title of the table ending in it, by characters like "
        "theirs, not after 副 (副省长) nor where a lone character may go on the name (省长刘结一); "
        "with `held_titles`, a person of the table right after such a title who held no "
        "title of the table ending in it at the document's date (省长娄勤俭 in 2019, then "
        "江苏省委书记): his title then is suggested, else the former one (原省委书记汪洋); "
        "not for undated text, terms of unknown bounds, 副/代/原/时任 before the title, a "
        "year of the sentence within his term, or sentences of elections and appointments; "
        "a title of `held_titles` not in `bare_titles` (市委书记, a city's own) only "
        "against a title of the table he held then; "
        "never when the written form is "
        "a name of the tables or a protected name, a dictionary word but a three-character "
        "name (检察长应当; 陈敏儿 is checked), or does "
        "not end where a word and a name end (检察长应强化, 总理李海瓒), nor after 原/前/时任 "
        "in a sentence that names no year; with `pinned_yields` such a finding yields to "
        "another rule's on the same name. A title right after another country's name, or "
        "after one of the table's `other_bodies` (团中央书记处书记), is not checked.",
        why="Every name and every title can be spelt right while the pair is wrong; only a "
        "table of who holds what catches it.",
        example="- correct: 李强\n  titles: [国务院总理, 总理]\n  valid_from: 2023-03-11\n"
        "# → flags 国务院总理赵乐际, suggesting 国务院总理李强",
    )

    def computed_suggestion(self, entry: EntryBase) -> bool:
        return True

    def compile(self, loaded: LoadedRule, builder: Builder) -> None:
        rule = loaded.rule
        assert isinstance(rule, OfficeRule)
        rule_index = builder.add_rule(loaded)
        offices: list[_Office] = builder.kind_data.setdefault(self.name, [])
        order_entry: int | None = None
        misspelt_entry: int | None = None
        if rule.misspelt_message:
            misspelt_entry = builder.add_derived(
                rule_index,
                loaded.entry_lines[0] if loaded.entry_lines else None,
                severity=rule.severity,
                message=rule.misspelt_message,
            )
        mistitled_entry: int | None = None
        if rule.mistitled_message:
            mistitled_entry = builder.add_derived(
                rule_index,
                loaded.entry_lines[0] if loaded.entry_lines else None,
                severity=rule.severity,
                message=rule.mistitled_message,
            )
        pinned_entry: int | None = None
        if rule.pinned_message:
            pinned_entry = builder.add_derived(
                rule_index,
                loaded.entry_lines[0] if loaded.entry_lines else None,
                severity=rule.pinned_severity or rule.severity,
                message=rule.pinned_message,
            )
        term = builder.normalizer.term
        bodies = tuple(term(b) for b in rule.other_bodies)
        likes: dict[str, str] = {}
        if rule.surname_likenesses:
            path = data_file(loaded, rule.surname_likenesses, "surname likenesses")
            for key, chars in read_pairs(path).items():
                for ch in chars:
                    # either way: 伊 is written for 尹 as 尹 is for 伊
                    likes[key] = likes.get(key, "") + ch
                    likes[ch] = likes.get(ch, "") + key

        liked: dict[str, str] = {}  # (one string per character, shared by the entries)

        def like(ch: str) -> str:
            if ch not in liked:
                chars = builder.tables.confusables(ch, tight_only=False) + likes.get(ch, "")
                liked[ch] = term(chars)
            return liked[ch]

        def slips(name: str) -> str:
            if not rule.surname_likenesses or len(name) != 2:
                return ""
            return like(name[0])

        bare_titles = tuple(term(t) for t in rule.bare_titles)
        held_titles = tuple(term(t) for t in rule.held_titles)
        held_strict = tuple(t for t in held_titles if t not in bare_titles)

        for _, entry, line in entries_of(loaded):
            assert isinstance(entry, OfficeEntry)
            index = builder.add_entry(rule_index, entry, line)
            for name in entry.correct:
                builder.person_names.setdefault(term(name), index)
            titles = tuple(term(t) for t in entry.titles)
            # the bare titles the entry holds: one of its titles ends in it, after a body
            bare = tuple(b for b in bare_titles if any(t.endswith(b) and t != b for t in titles))
            held = tuple(b for b in held_titles if any(t.endswith(b) and t != b for t in titles))
            if entry.rank is not None and order_entry is None:
                assert rule.order_message is not None
                order_entry = builder.add_derived(
                    rule_index, line, severity=rule.order_severity, message=rule.order_message
                )
            offices.append(
                _Office(
                    rule_index,
                    index,
                    tuple(term(n) for n in entry.correct),
                    titles,
                    entry.rank,
                    entry.valid_from,
                    entry.valid_to,
                    order_entry if entry.rank is not None else None,
                    misspelt_entry,
                    mistitled_entry,
                    pinned_entry,
                    bodies,
                    rule.pinned_yields,
                    tuple(entry.correct),
                    tuple(term(p) for p in rule.posts),
                    tuple(slips(n) for n in entry.correct),
                    bare,
                    tuple(tuple(like(c) for c in term(n)) for n in entry.correct)
                    if rule.pinned_message
                    else (),
                    entry.began,
                    held,
                    held_titles,
                    held_strict,
                )
            )

    def finder(self, data: Any, env: ScanEnv) -> OfficeFinder | None:
        if not data:
            return None
        # a title right after another country's name is that country's office (越南国家主席)
        foreign = frozenset(n for n in env.words.country_names if "中国" not in n)
        return OfficeFinder(data, foreign=foreign, segmenter=env.segmenter)


@dataclass
class OfficeFinder:
    offices: list[_Office]
    foreign: frozenset[str] = frozenset()  # other countries' names (folded)
    segmenter: Segmenter | None = None  # for the words around a title slip
    holder_of: dict[str, _Office] = field(default_factory=dict)  # name -> first office
    offices_of: dict[str, list[_Office]] = field(default_factory=dict)  # name -> all
    titles: dict[str, set[int]] = field(default_factory=dict)  # title -> entries holding it
    title_rules: dict[str, set[int]] = field(default_factory=dict)  # title -> rules listing it
    display: dict[int, str] = field(default_factory=dict)  # entry -> first name
    shown: dict[str, str] = field(default_factory=dict)  # name -> as the table writes it

    def __post_init__(self) -> None:
        for office in self.offices:
            for name in office.names:
                # a name may hold offices one after the other (李鹏: 总理, then 委员长); the
                # first entry (the current office) speaks for it in lists and suggestions
                self.holder_of.setdefault(name, office)
                self.offices_of.setdefault(name, []).append(office)
            for title in office.titles:
                self.titles.setdefault(title, set()).add(office.entry)
                self.title_rules.setdefault(title, set()).add(office.rule)
            for name, shown in zip(office.names, office.shown or office.names, strict=True):
                self.shown.setdefault(name, shown)
            self.display[office.entry] = self.shown[office.names[0]]
        # only names a rule that checks misspellings lists: another table's names must not
        # make a slip ambiguous, and a person it lists stays checked when a table without
        # the net lists him too (李希, 中央纪委书记 and once 广东省委书记)
        self._misspelt_entry = {
            n: next(o.misspelt_entry for o in offs if o.misspelt_entry is not None)
            for n, offs in self.offices_of.items()
            if any(o.misspelt_entry is not None for o in offs)
        }
        self._near = NearNames(self._misspelt_entry)
        # the titles that open that net: those of the tables that check misspellings (a
        # province's title beside 黄坤朋 is the province's table's, and another rule's, to judge)
        self._misspelt_titles = frozenset(
            t for o in self.offices if o.misspelt_entry is not None for t in o.titles
        )
        self._titles_set = frozenset(self.titles)
        # a name's titles of 3+ characters, longest first, in the tables that check them
        long_titles: dict[str, tuple[tuple[str, ...], int]] = {}
        posts: dict[str, tuple[str, ...]] = {}
        for name, offices in self.offices_of.items():
            checked = [o for o in offices if o.mistitled_entry is not None]
            if checked:
                titles = {t for o in checked for t in o.titles if len(t) >= 3}
                entry = checked[0].mistitled_entry
                assert entry is not None
                long_titles[name] = (tuple(sorted(titles, key=len, reverse=True)), entry)
                posts[name] = tuple(sorted({p for o in checked for p in o.posts}, key=len))
        self._long_titles = long_titles
        # per name, what _post_swapped tests, worked out once (tokens of leaders' names run
        # to thousands in a long text): each title written with its body and another post
        self._swaps = {
            name: _post_swaps(titles, posts[name]) for name, (titles, _) in long_titles.items()
        }
        # per title, the forms with one character dropped (_title_slip)
        self._dropped = {
            t: frozenset(t[:i] + t[i + 1 :] for i in range(len(t)))
            for titles, _ in long_titles.values()
            for t in titles
        }
        # ranked holders whose rule checks misspellings (check of lists: _listed)
        self._ranked = {
            n: o for n, o in self.holder_of.items() if o.rank is not None and o.misspelt_entry
        }
        # title -> every office holding it, when some holder's rule checks pinned names
        holding: dict[str, list[_Office]] = {}
        for office in self.offices:
            for title in office.titles:
                holding.setdefault(title, []).append(office)
        self._pinning = {
            t: tuple(offs)
            for t, offs in holding.items()
            if any(o.pinned_entry is not None for o in offs)
        }
        self._shared = frozenset(t for t, offs in holding.items() if _held_together(offs))
        # title -> the other bodies whose office it is when written right after them
        self._bodies = {
            t: tuple({b for o in offs for b in o.bodies})
            for t, offs in holding.items()
            if any(o.bodies for o in offs)
        }
        # the last words of titles, written alone in a list of groups (政治局常委、委员)
        self._rank_words = frozenset(
            t[i:] for t in self.titles for i in range(max(1, len(t) - 4), len(t) - 1)
        )
        # bare title -> the offices holding a title that ends in it (省委书记: 云南省委书记 …)
        bare: dict[str, list[_Office]] = {}
        for office in self.offices:
            if office.pinned_entry is not None:
                for title in office.bare:
                    if title not in self.titles:
                        bare.setdefault(title, []).append(office)
        self._bare = {t: tuple(offs) for t, offs in bare.items()}
        # held title -> name -> that person's offices in the tables listing the title
        held: dict[str, dict[str, list[_Office]]] = {}
        for office in self.offices:
            for title in office.held_titles:
                if title not in self.titles:
                    per_name = held.setdefault(title, {})
                    for name in office.names:
                        per_name.setdefault(name, []).append(office)
        self._held = held
        self._words = sorted(
            set(self.holder_of) | set(self.titles) | set(self._bare) | set(self._held)
        )
        self._search = AnchorSearch(self._words, longest=True)

    @property
    def anchors(self) -> tuple[str, ...]:
        return self._search.strings

    def find(self, scan: ScanInput) -> Iterator[Candidate]:
        view = scan.view
        words = self._words
        tokens = [(words[i], s, e) for i, s, e in self._search.find(scan)]
        misspelt = list(self._misspelt(tokens, view.text, view.to_original, scan.listed))
        yield from misspelt
        yield from self._pinned(tokens, scan, {c.start for c in misspelt})
        yield from self._held_at_date(tokens, scan)
        yield from self._listed(tokens, view.text, view.to_original)
        yield from self._mistitled(tokens, view.text, view.to_original)
        if len(tokens) < 2:
            return
        for title, st, et, name, sn, en in self._pairs(tokens, view.text):
            title_first = st < sn
            sa, eb = min(st, sn), max(et, en)
            if self._foreign_title(view.text, st, title):
                continue
            os, oe = view.to_original(sa, eb)
            if any(ch.isspace() for ch in scan.text[os:oe]):
                # a line or a headline's items end between them: a list (委员长⏎赵乐际⏎
                # 副委员长⏎…), or 国家主席中央军委主席 赵乐际当选全国人大常委会委员长
                continue
            offices = self.offices_of[name]
            if not any(o.rule in self.title_rules[title] for o in offices):
                # a title of another table (总理 of the State Council beside 莫迪): that table
                # does not know the name, this one does not know the title
                continue
            # the finding is the title's table's (王东峰 beside 河北省长 is the provincial table's)
            own = [o for o in offices if o.rule in self.title_rules[title]]
            office = own[0]
            # the offices between a title and the name in a chain (政治局委员、国务院副总理丁薛祥)
            between = view.text[et:sn] if title_first else view.text[en:st]
            holding = [o for o in offices if o.entry in self.titles[title]]
            if holding:
                if _former_chain(view.text, st):
                    continue  # 时任…、 names every office of the chain as a former one
                if (
                    title_first
                    and view.text[st - 1 : st] == "原"
                    and "原" not in title
                    and scan.date is not None
                    and _spoken_year(scan.folded, os, oe, scan.date) is None
                    and all(_still_holds(o, scan.date) for o in holding)
                ):
                    # 原 before the title of one who still held it at the document's date
                    # (原国务院总理温家宝 on a page of 2011): the title without 原
                    fs, fe = view.to_original(st - 1, eb)
                    fixed = title + between + self.shown[name]
                    yield Candidate(fs, fe, holding[0].entry, fixed, self_dated=True)
                    continue
                # the holder had left the office by the time the text speaks of (国务院原总理
                # names it a former one itself) ...
                left = "原" not in title and all(
                    o.valid_to is not None
                    and _speaks_after(scan.folded, os, oe, o.valid_to, scan.date)
                    for o in holding
                )
                # ... or held another rank of the body then (政治局常委 in 2019, a 委员 then)
                year = _spoken_year(scan.folded, os, oe, scan.date)
                other_time = (year is not None or scan.date is not None) and not any(
                    _covers(o, year, scan.date) for o in holding
                )
                if left or other_time:
                    # his rank then (政治局委员 → 政治局常委), else the former office
                    now = self._own_title_then(title, own, scan, os, oe, same_body=True)
                    if now is not None or left:
                        suggestion = (now or "原" + title) + between + self.shown[name]
                        yield Candidate(os, oe, holding[0].entry, suggestion, self_dated=True)
                    elif _not_yet(holding, _year_before(scan.folded, os, scan.date), scan.date):
                        # a title he took only later (国务委员梁光烈 in 2006): his title of
                        # the table then, else the bare name
                        then = self._own_title_then(title, own, scan, os, oe)
                        suggestion = (then + between if then else "") + self.shown[name]
                        if not title_first:
                            suggestion = self.shown[name] + (between + then if then else "")
                        yield Candidate(os, oe, holding[0].entry, suggestion, self_dated=True)
                continue
            # the person's first office in the title's table: another table's earlier
            # office (胡春华, 河北省长 in 2008) says nothing of when this one's titles apply
            starts = [o.valid_from for o in own if o.valid_from is not None]
            if starts and dated_before(scan.folded, os, oe, min(starts), scan.date):
                continue  # before the person's first known office, other titles were right
            right, shown = self._suggested(title, name, own, scan, os, oe)
            suggestion = right + between + shown if title_first else shown + between + right
            yield Candidate(os, oe, office.entry, suggestion, self_dated=True)
        yield from self._order(tokens, view.text, view.to_original, scan)

    def _pairs(
        self, tokens: list[tuple[str, int, int]], text: str
    ) -> Iterator[tuple[str, int, int, str, int, int]]:
        """(title, start, end, name, start, end) of each title written right before or after
        a name of the tables, and of each title heading a chain of offices joined by 、 that
        ends right before a name: 中共中央政治局委员、上海市委书记韩正 pairs the rank with
        韩正 as well."""
        titles, holders = self.titles, self.holder_of
        for i, (a, sa, ea) in enumerate(tokens):
            if a not in titles:
                if a in holders and i + 1 < len(tokens):
                    b, sb, eb = tokens[i + 1]
                    if sb == ea and b in titles:
                        yield b, sb, eb, a, sa, ea
                continue
            for b, sb, eb in tokens[i + 1 :]:
                if sb > ea + _CHAIN_REACH:
                    break
                if b in holders and sb >= ea:
                    if sb == ea or _office_chain(text[ea:sb], self._rank_words):
                        yield a, sa, ea, b, sb, eb
                    break

    def _own_title_then(
        self,
        title: str,
        own: list[_Office],
        scan: ScanInput,
        start: int,
        end: int,
        same_body: bool = False,
    ) -> str | None:
        """For a title several people hold at once, the person's own title of the table at
        the time the text speaks of (any time, when the text gives none), written in the form
        of ``title`` where the table's entries list their forms in one order (政治局委员 →
        政治局常委); None when he held none then. With ``same_body``, only another rank of
        the same body: a title that differs from ``title`` in its last characters only
        (政治局委员 → 政治局常委, not 中央书记处书记)."""
        if title not in self._shared:
            return None
        year = _spoken_year(scan.folded, start, end, scan.date)
        timed = year is not None or scan.date is not None
        mine = [
            o for o in own if (not timed or _covers(o, year, scan.date)) and "原" not in o.titles[0]
        ]
        # where the title stands among its entries' forms (中央政治局常委: the second)
        at = next((o.titles.index(title) for o in self.offices if o.entry in self.titles[title]), 0)
        written = [(o, o.titles[at] if at < len(o.titles) else o.titles[0]) for o in mine]
        if same_body:
            written = [(o, t) for o, t in written if _same_body(title, t)]
        written = [(o, t) for o, t in written if title not in o.titles]
        if not written:
            return None
        return max(written, key=lambda ot: ot[0].valid_from or dt.date.min)[1]

    def _suggested(
        self,
        title: str,
        name: str,
        own: list[_Office],
        scan: ScanInput,
        start: int,
        end: int,
    ) -> tuple[str, str]:
        """The title and name to suggest for ``name`` beside a ``title`` he did not hold:
        the title's holder at the time (国务院总理赵乐际 → 国务院总理李强), or, for a title
        several people hold at once, the person's own title of the table at that time
        (全国政协副主席王东明 → 全国人大常委会副委员长王东明), where he had one."""
        right = self._own_title_then(title, own, scan, start, end, same_body=True)
        if right is None:
            right = self._own_title_then(title, own, scan, start, end)
        if right is not None:
            return right, self.shown[name]
        return title, self.display[self._holder_at(title, scan.folded, start, end, scan.date)]

    def _holder_at(
        self, title: str, folded: str, start: int, end: int, date: dt.date | None
    ) -> int:
        """The entry to suggest for ``title``: the one holder whose term covers the time the
        text speaks of (韩国总统野田佳彦 in 2012 → 李明博), else the first listed holder."""
        year = _spoken_year(folded, start, end, date)
        if year is None and date is None:
            return min(self.titles[title])
        held = [o for o in self.offices if o.entry in self.titles[title] and _covers(o, year, date)]
        first = min(self.titles[title])
        if len(held) == 1:
            return held[0].entry
        if held and all(o.entry != first for o in held):
            # the first listed holder had left (a table listed oldest first): the holder
            # who took office last of those the time allows
            return max(held, key=lambda o: (o.valid_from or dt.date.min, -o.entry)).entry
        return first

    def _pinned(
        self, tokens: list[tuple[str, int, int]], scan: ScanInput, taken: set[int]
    ) -> Iterator[Candidate]:
        """A name right after a title that pins its holder (法国总统马可龙, 中央纪委书记李文):
        of the holders of the title at the time the text speaks of (the sentence's year,
        else the document's date; undated, every holder in the tables; not after 原/前/时任
        without a year) exactly one has a name the written one is one character off, any
        character but the surname of a two-character name (李希 → 李文; 李强 → 刘强 may be
        another man) unless the rule's ``surname_likenesses`` make the written one like
        the holder's (北京市委书记伊力 → 尹力), counting only names that end where the
        written name ends when several are near (王光千: 王光 is near 王勇 too, but the
        name goes on). The written form must be nobody's name in the tables, no
        protected name, no dictionary word but a three-character name (应当; 陈敏儿 for 陈敏尔
        is checked), no other monarch (伊丽莎白一世)
        and end where the name ends (:meth:`_name_ends`). Where no holder of the time is
        near, a holder of another time is, by characters like his (``likes``); after a bare
        title (``bare_titles``: 省委书记) only by such characters, against every holder of a
        title of the table ending in it.
        ``taken``: starts the misspelt net already reported."""
        view = scan.view
        text = view.text
        starts = {s for _, s, _ in tokens}
        lookup: Callable[[str], bool] | None = None
        for word, s, e in tokens:
            offices = self._pinning.get(word)
            bare = offices is None and word in self._bare
            if bare:
                offices = self._bare[word]
                if text.endswith(_NOT_BARE, 0, s):
                    continue  # 副省长: a deputy's title, held by several at once
            if offices is None or e in starts or self._foreign_title(text, s, word):
                continue  # a known name or title follows, or another country's title
            ts, te = view.to_original(s, e)
            year = _spoken_year(scan.folded, ts, te, scan.date)
            if year is None and text.endswith(_FORMER_MARKS, 0, s):
                continue  # 原/时任全国政协副主席: a former holder, at a time the text does not give
            near = _near_holders(text, e, offices, year, scan.date, like=bare)
            if not near and (year is not None or scan.date is not None):
                # no holder of the time is near: a former holder written with a character
                # like his (应急管理部部长王详喜 in 2027 still misspells 王祥喜); not one who
                # took the title later (国务院总理李蔷 in 2015 is no slip of 李强's)
                began = [o for o in offices if not _after(o.valid_from, year, scan.date)]
                near = _near_holders(text, e, tuple(began), None, None, like=True)
            if len(near) > 1 and self.segmenter is not None:
                # 王光千: 王光 is one character off 王勇 too, but the name goes on past it
                near = {n: w for n, w in near.items() if self._name_ends(text, e, e + len(n))}
            if len(near) != 1:
                continue
            ((name, (written, office)),) = near.items()
            right = self.shown[name]
            if office.pinned_entry is None or written in self.holder_of:
                continue
            a, b = view.to_original(e, e + len(written))
            if a in taken or any(ch.isspace() for ch in scan.text[ts:b]):
                continue
            if _overlaps(a, b, scan.protected):
                continue  # another rule's name stands there
            if self.segmenter is not None:
                if lookup is None:
                    lookup = self.segmenter.lookup()
                # a dictionary word, not a string the lexicons add to it (应永, a wrong form
                # another rule lists beside a province's titles only) nor a three-character
                # name the dictionary lists (陈敏儿 for 陈敏尔, after a title only he held)
                tag = self.segmenter.tag(written) if lookup(written) else ""
                if tag and not (len(written) == 3 and (tag or "").startswith("nr")):
                    continue
                if not self._name_ends(text, e, e + len(written)):
                    continue
                if bare and len(written) == 2 and not self._word_follows(text, e + 2):
                    continue  # 省长刘结一: a three-character name may go on past a near one
            # tentative where a rule lists the string (as in _misspelt) or the table yields
            yield Candidate(
                a,
                b,
                office.pinned_entry,
                right,
                self_dated=True,
                tentative=office.yields or (a, b) in scan.listed,
            )

    def _held_at_date(
        self, tokens: list[tuple[str, int, int]], scan: ScanInput
    ) -> Iterator[Candidate]:
        """A listed person right after a title written without its body (``held_titles``:
        省委书记娄勤俭) who held no title of the table ending in it at the document's date:
        his title of the table then is suggested (省长李鸿忠 in 2010 → 湖北省长李鸿忠), else,
        where he had held one of that kind before, the former title (原省委书记汪洋)."""
        date = scan.date
        if date is None or not self._held or len(tokens) < 2:
            return
        view = scan.view
        text = view.text
        names = {s: (w, e) for w, s, e in tokens}
        for word, s, e in tokens:
            pool = self._held.get(word)
            if pool is None or e not in names:
                continue
            name, en = names[e]
            offices = pool.get(name)
            if not offices or text.endswith(_NOT_HELD, 0, s) or _former_chain(text, s):
                continue
            ends = [_end_by(o, offices) for o in offices]
            if any(
                o.valid_from is None and end is None for o, end in zip(offices, ends, strict=True)
            ):
                continue  # a term of unknown bounds: he may have held the title then
            spans = [(o, o.valid_from, end) for o, end in zip(offices, ends, strict=True)]
            kind = [(o, lo, hi) for o, lo, hi in spans if word in o.held]
            if any((lo is None or lo <= date) and (hi is None or date <= hi) for _, lo, hi in kind):
                continue
            if self.segmenter is not None and not self._name_ends(text, e, en):
                continue  # 省长李强国: another name
            ts, te = view.to_original(s, en)
            year = _spoken_year(scan.folded, ts, te, date)
            if year is not None and any(
                (lo is None or lo.year <= year) and (hi is None or year <= hi.year)
                for _, lo, hi in kind
            ):
                continue  # 2009年，省委书记… within his term
            if _appointing(text, s, en):
                continue  # the election or appointment itself (当选省长)
            now = [
                (o, lo)
                for o, lo, hi in spans
                if lo is not None and hi is not None and lo <= date <= hi
            ]
            shown = self.shown[name]
            former = [(o, hi) for o, _, hi in kind if hi is not None and hi < date]
            if now:
                office = max(now, key=operator.itemgetter(1))[0]
                suggestion = _short_title(office) + shown
            elif former and word not in _strict_titles(offices):
                office = max(former, key=operator.itemgetter(1))[0]
                suggestion = "原" + word + shown
            else:
                continue
            entry = office.entry
            yield Candidate(ts, te, entry, suggestion, self_dated=True)

    def _foreign_title(self, text: str, title_start: int, title: str = "") -> bool:
        """The title at ``title_start`` follows another country's name (尼日尔总理, 韩国前总理)
        or another body its table names (团中央书记处书记: ``other_bodies``)."""
        bodies = self._bodies.get(title)
        if bodies and text.endswith(bodies, 0, title_start):
            return True
        foreign = self.foreign
        if text[title_start - 1 : title_start] in _FORMER:
            title_start -= 1
        return any(
            text[title_start - n : title_start] in foreign
            for n in range(2, min(title_start, 10) + 1)
        )

    def _word_follows(self, text: str, at: int) -> bool:
        """What follows ``at`` goes on no name: not a Han character, a word the segmenter
        reads as two or more characters (深入), or a function word (在, 到, 和); a lone
        character (一 of 刘结一, 平 of 刘杰平) may end a three-character name."""
        if self.segmenter is None or not is_han(text[at : at + 1]) or text[at] in _NAME_STOPS:
            return True
        cuts = self.segmenter.cuts(text[at : at + 6], at)
        return next((c for c in cuts if c > at), at + 2) >= at + 2

    def _name_ends(self, text: str, start: int, end: int) -> bool:
        """The name written at ``start``-``end`` ends there: a word ends there (检察长应强化
        is 应 + 强化) and what follows is no more of a name (总理李海瓒: the tagger reads 瓒
        as a name's character)."""
        if self.segmenter is None:
            return True
        lo = max(0, start - 4)
        if end not in self.segmenter.cuts(text[lo : end + 4], lo):
            return False
        pos = lo
        for word, tag in self.segmenter.tagged(text[lo : end + 4]):
            if pos == end:
                return not tag.startswith("nr")
            if pos + len(word) > end:
                # a word across the end: the whole name read on past it (李稻葵), or a name
                # from inside it (李海瓒), is another name; another word from inside the
                # name is the tagger's own cut where the segmenter cuts at the end (王详喜到:
                # 王详 + 喜到)
                return start < pos and not tag.startswith("nr")
            pos += len(word)
        return True

    def _misspelt(
        self,
        tokens: list[tuple[str, int, int]],
        view_text: str,
        to_original: Callable[[int, int], tuple[int, int]],
        listed: tuple[tuple[int, int], ...] = (),
    ) -> Iterator[Candidate]:
        """Three Han characters right after a title (国家主席习远平) or right before one
        (习远平总书记), one character away from exactly one holder's three-character name,
        where no known name stands. Where a rule lists the very string (``listed``: 李干洁,
        a wrong form of leader_name.politburo_members), its own finding says more: the
        candidate is tentative, and stands only when that rule's context rejects it."""
        starts = {s for _, s, _ in tokens}
        ends = {e for _, _, e in tokens}
        seen: set[int] = set()
        for word, s, e in tokens:
            if word not in self._misspelt_titles:
                continue
            for lo in (e, s - 3):
                if lo < 0 or lo in seen or (lo == e and e in starts) or (lo < s and s in ends):
                    continue
                name = self._near.misspelt(view_text[lo : lo + 3])
                if name is None:
                    continue
                entry = self._misspelt_entry[name]
                if entry is not None:
                    seen.add(lo)
                    a, b = to_original(lo, lo + 3)
                    listed_too = (a, b) in listed
                    yield Candidate(a, b, entry, name, self_dated=True, tentative=listed_too)

    def _listed(
        self,
        tokens: list[tuple[str, int, int]],
        view_text: str,
        to_original: Callable[[int, int], tuple[int, int]],
    ) -> Iterator[Candidate]:
        """The item right after or before a list of three or more ranked holders
        (李强、赵乐际、王沪宁、蔡奇、丁薛祥、李林) that is one character off exactly one ranked
        holder the list lacks: a name misspelt where the list says who it must be."""
        ranked = self._ranked
        runs: list[list[tuple[str, int, int]]] = []
        for word, s, e in tokens:
            if word not in ranked:
                continue
            last = runs[-1][-1] if runs else None
            if last is not None and last[2] + 1 == s and view_text[last[2]] in _LIST_JOINERS:
                runs[-1].append((word, s, e))
            else:
                runs.append([(word, s, e)])
        for run in runs:
            if len(run) < 3:
                continue
            missing = set(ranked) - {word for word, _, _ in run}
            end, start = run[-1][2], run[0][1]
            after = view_text[end : end + 1] in _LIST_JOINERS
            before = start > 0 and view_text[start - 1] in _LIST_JOINERS
            near = set()
            for name in missing:
                n = len(name)
                # the next item (its end is unknown: 李林出席会议) or the one before
                spans = ([(end + 1, end + 1 + n)] if after else []) + (
                    [(start - 1 - n, start - 1)] if before and start - 1 - n >= 0 else []
                )
                for lo, hi in spans:
                    item = view_text[lo:hi]
                    if (
                        len(item) == n
                        and all(map(is_han, item))
                        and item not in self.holder_of
                        and changed_chars(name, item) == 1
                    ):
                        near.add((lo, hi, name))
            if len(near) == 1:
                lo, hi, name = near.pop()
                entry = ranked[name].misspelt_entry
                assert entry is not None
                yield Candidate(*to_original(lo, hi), entry, name, self_dated=True)

    def _mistitled(
        self,
        tokens: list[tuple[str, int, int]],
        view_text: str,
        to_original: Callable[[int, int], tuple[int, int]],
    ) -> Iterator[Candidate]:
        """A holder's title of 3+ characters right before or after the name with one
        character replaced or dropped (家主席江泽民, 李鹏总书计): not another known title, and
        a dropped form no dictionary word (习近平书记 drops 总 but 书记 is a word of its own)."""
        known: frozenset[str] | None = None  # built for the first name with titles to check
        for word, s, e in tokens:
            checked = self._long_titles.get(word)
            if not checked or not checked[0]:
                continue
            titles, entry = checked
            if known is None:
                known = self._titles_set | {w for w, _, _ in tokens}
            hit = _title_slip(view_text, s, e, titles, known, self.segmenter, self._dropped)
            if hit is None:
                hit = _post_swapped(view_text, s, e, titles, self._swaps[word], known)
            if hit is not None:
                lo, hi, right = hit
                yield Candidate(*to_original(lo, hi), entry, right, self_dated=True)

    def _order(
        self,
        tokens: list[tuple[str, int, int]],
        view_text: str,
        to_original: Callable[[int, int], tuple[int, int]],
        scan: ScanInput,
    ) -> Iterator[Candidate]:
        """Three or more ranked names joined by a list's separators in another order than
        their ranks; when the text's time is known (the sentence's year, else the
        document's date), only while each of them held the ranked office (李强、王沪宁、
        赵乐际 in 2020 is no list of the Standing Committee elected in 2022)."""
        run: list[tuple[str, int, int]] = []
        for token in [*tokens, ("", -1, -1)]:
            office = self.holder_of.get(token[0])
            ranked = office is not None and office.rank is not None
            joined = (
                bool(run)
                and 0 < token[1] - run[-1][2] <= 1
                and view_text[run[-1][2]] in _NAME_LIST_SEPARATORS
            )
            if ranked and (not run or joined):
                run.append(token)
                continue
            if len(run) >= 3:
                ranks = [self.holder_of[n].rank or 0 for n, _, _ in run]
                # (the list's time is read only for a list out of order: most are in order)
                if ranks != sorted(ranks):
                    os, oe = to_original(run[0][1], run[-1][2])
                    year = _spoken_year(scan.folded, os, oe, scan.date)
                    timed = year is not None or scan.date is not None
                    if not timed or all(
                        _covers(self.holder_of[n], year, scan.date) for n, _, _ in run
                    ):
                        sep = view_text[run[0][2]]
                        ordered = sep.join(
                            n for _, n in sorted(zip(ranks, [r[0] for r in run], strict=True))
                        )
                        notice = self.holder_of[run[0][0]].order_entry
                        assert notice is not None
                        yield Candidate(os, oe, notice, ordered, self_dated=True)
            run = [token] if ranked else []


def _title_slip(
    text: str,
    start: int,
    end: int,
    titles: tuple[str, ...],
    known: frozenset[str],
    segmenter: Segmenter | None,
    dropped: Mapping[str, frozenset[str]],
) -> tuple[int, int, str] | None:
    """(start, end, correct text) of a slip in one of ``titles`` written right before the
    name at ``start``-``end`` or right after it, or None. The slipped title must stand as
    words of its own: 委书记 in 省委书记习近平 is part of another title. ``dropped``: per
    title, its forms with one character dropped."""
    for title in titles:
        n = len(title)
        before, after = text[max(0, start - n) : start], text[end : end + n]
        if before == title or after == title:
            return None  # the title is there, spelt right
    lookup = segmenter.lookup() if segmenter is not None else None

    def stands_alone(lo: int, hi: int) -> bool:
        if segmenter is None:
            return True
        cuts = segmenter.cuts(text[max(0, lo - 4) : hi + 4], max(0, lo - 4))
        return lo in cuts and hi in cuts

    for title in titles:
        n = len(title)
        name = text[start:end]
        dropped_forms = dropped[title]
        for window, lo, hi, fixed in (
            (text[max(0, start - n) : start], start - n, end, title + name),
            (text[end : end + n], start, end + n, name + title),
        ):
            edge = (lo, start) if lo < start else (end, hi)
            if _one_replaced(window, title) and window not in known and stands_alone(*edge):
                return lo, hi, fixed
        for window, lo, hi, fixed in (
            (text[max(0, start - n + 1) : start], start - n + 1, end, title + name),
            (text[end : end + n - 1], start, end + n - 1, name + title),
        ):
            edge = (lo, start) if lo < start else (end, hi)
            if (
                window in dropped_forms  # (_one_dropped, looked up)
                and window not in known
                and not (lookup is not None and lookup(window))
                and text[lo - 1 : lo] != title[0]
                and stands_alone(*edge)
            ):
                return lo, hi, fixed
        # one character inserted (国务院总经理李强); only before the name: after it the
        # window runs on into the next words
        lo = start - n - 1
        window = text[max(0, lo) : start]
        if (
            lo >= 0
            and _one_inserted(window, title)
            and window not in known
            and stands_alone(lo, start)
        ):
            return lo, end, title + text[start:end]
    return None


def _office_chain(between: str, rank_words: frozenset[str]) -> bool:
    """``between`` (from a title to a name) is 、 or 兼 and a chain of offices joined by
    them: 中共中央政治局委员、国务院副总理 ⟶ 丁薛祥, 国务委员兼外交部长 ⟶ 王毅; not a list
    of groups (常委、委员、书记处书记, 委员和国务委员: an item is the end of a title, or joins
    groups) nor text running past a stop."""
    if len(between) > _CHAIN_REACH or not between.startswith(("、", "兼")):
        return False
    items = between[1:].replace("兼", "、").split("、")
    return all(
        0 < len(item) <= _CHAIN_ITEM
        and item not in rank_words
        and not any(ch in _CHAIN_STOPS or ch.isspace() or ch in "和及与等" for ch in item)
        for item in items
    )


def _same_body(title: str, other: str) -> bool:
    """Two titles of one body that differ in their last characters only: ranks of it
    (中共中央政治局委员, 中共中央政治局常委, 中共中央政治局候补委员)."""
    shared = common_prefix_length(title, other)
    return shared >= max(3, len(title) - 4, len(other) - 4)


def _post_swaps(titles: tuple[str, ...], posts: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(written, title) of each of ``titles`` written with its body and another of ``posts``,
    in the order :func:`_post_swapped` tries them."""
    out = []
    for title in titles:
        post = next((p for p in reversed(posts) if title.endswith(p)), None)
        if post is None or len(title) - len(post) < 2:
            continue
        body = title[: -len(post)]
        for other in posts:
            # 副委员长 is a rank of its own, the person may have held it
            if other != post and not (other.startswith("副") or post.startswith("副")):
                out.append((body + other, title))
    return tuple(out)


def _post_swapped(
    text: str,
    start: int,
    end: int,
    titles: tuple[str, ...],
    swaps: tuple[tuple[str, str], ...],
    known: frozenset[str],
) -> tuple[int, int, str] | None:
    """(start, end, correct text) of one of ``titles`` written right before the name at
    ``start``-``end`` with its body and another post (``swaps``: see :func:`_post_swaps`), a
    title the tables know nowhere (全国人大常委会主任赵乐际 for 委员长), or None. The title
    itself right before the name, or a title someone holds, is no slip."""
    before = text[max(0, start - 16) : start]
    if before.endswith(titles):
        return None
    for written, title in swaps:
        if before.endswith(written) and written not in known:
            return start - len(written), end, title + text[start:end]
    return None


def _one_inserted(window: str, title: str) -> bool:
    """``window`` is ``title`` with one Han character inserted (国务院总经理), not one that
    makes another office of it (副, 原: 国务院副秘书长, 外交部原部长)."""
    if len(window) != len(title) + 1:
        return False
    i = common_prefix_length(window, title)
    return (
        0 < i < len(title)  # inside the title: 总书记的习近平 is a title and a particle
        and window[i + 1 :] == title[i:]
        and is_han(window[i])
        and window[i] not in _NOT_INSERTED
        and not (i > 0 and window[i] == window[i - 1])  # a doubled character: one dropped
    )


def _held_together(offices: list[_Office]) -> bool:
    """Two or more people took the title on one day (国务院副总理, 全国政协副主席, elected
    together): not a title one person holds at a time, whose tables may leave a holder's
    end open past his successor's start."""
    names: dict[dt.date, int] = {}
    for office in offices:
        if office.valid_from is not None:
            names[office.valid_from] = names.get(office.valid_from, 0) + len(office.names)
    return any(n > 1 for n in names.values())


def _former_chain(text: str, title_start: int) -> bool:
    """The title ends a chain of offices joined by 兼 or 、 that 原/前/时任 heads: 原国务委员兼
    国防部长 and 时任中共中央政治局委员、广东省委书记 name every office as a former one (so does
    时任国家主席胡锦涛、国务院总理温家宝 every holder)."""
    lo = max(0, title_start - _CHAIN_REACH)
    chain = text[lo:title_start]
    for stop in _CHAIN_STOPS:
        chain = chain.rpartition(stop)[2]
    *items, last = chain.split("、")
    if last.startswith(_FORMER_MARKS) and len(last) <= _CHAIN_ITEM and last.endswith("兼"):
        return True  # 中央军委原委员、原国务委员兼国防部长
    # each item an office (or an office and its holder's name), not a clause
    return (
        bool(items)
        and chain.startswith(_FORMER_MARKS)
        and (last == "" or last.endswith("兼"))
        and all(0 < len(i) <= _CHAIN_ITEM for i in items)
    )


def _one_replaced(window: str, title: str) -> bool:
    # the differences counted in C first: most windows differ in more than one character
    if len(window) != len(title) or sum(map(operator.ne, window, title)) != 1:
        return False
    changed = next(itertools.compress(window, map(operator.ne, window, title)))
    return is_han(changed)


def _overlaps(start: int, end: int, spans: tuple[tuple[int, int], ...]) -> bool:
    return any(p < end and start < q for p, q in spans)


def _near_holders(
    text: str,
    at: int,
    offices: tuple[_Office, ...],
    year: int | None,
    date: dt.date | None,
    like: bool,
) -> dict[str, tuple[str, _Office]]:
    """Per holder's name one character off the name written at ``at``, (written, office): of
    ``offices`` held at the time (the year, else the date; any time without either), any
    character but the surname of a two-character name unless like it (``surname_slips``);
    with ``like``, every changed character must be like the holder's (``likes``)."""
    timed = year is not None or date is not None
    near: dict[str, tuple[str, _Office]] = {}
    for office in offices:
        if timed and not _covers(office, year, date):
            continue
        for i, (name, slips) in enumerate(
            itertools.zip_longest(office.names, office.surname_slips)
        ):
            n = len(name)
            written = text[at : at + n]
            if (
                len(written) == n
                and changed_chars(name, written) == 1
                and (n > 2 or written[0] == name[0] or written[0] in (slips or ""))
                and (
                    not like or (bool(office.likes) and _like_name(name, written, office.likes[i]))
                )
                and all(map(is_han, written))
                and all(map(is_han, name))
                and not _regnal(name, written)
            ):
                # the name itself: an entry may list several holders of a term
                near.setdefault(name, (written, office))
    return near


def _end_by(office: _Office, offices: list[_Office]) -> dt.date | None:
    """The day ``office`` ended by: its ``valid_to``, else, where it is open, the day before
    a later office of the same person in another region began, or the last day of a later
    one in the same region (陕西省长 from 2012, open, ended by the end of his 陕西省委书记
    term); None where nothing bounds it."""
    if office.valid_to is not None or office.valid_from is None:
        return office.valid_to
    start, region = office.valid_from, office.titles[0][:2]
    later = [
        # another region's office: he had left this one when he took it; the same region's
        # (省长, then 省委书记) he may have kept this one through
        (o.valid_from - dt.timedelta(days=1)) if o.titles[0][:2] != region else o.valid_to
        for o in offices
        if o.valid_from is not None and o.valid_from > start
    ]
    return min((d for d in later if d is not None), default=None)


def _strict_titles(offices: list[_Office]) -> tuple[str, ...]:
    """The held titles of the offices' tables flagged only against a title held then."""
    return tuple({t for o in offices for t in o.held_strict})


def _short_title(office: _Office) -> str:
    """The shortest of the office's titles that ends in one of its table's held titles
    (湖北省长 of 湖北省省长, 湖北省长), else its first title."""
    ending = [t for t in office.titles if t.endswith(office.held_titles) and len(t) > 2]
    return min(ending, key=len) if ending else office.titles[0]


def _appointing(text: str, start: int, end: int) -> bool:
    """The sentence around ``start``-``end`` elects or appoints (当选, 任命, 提名 …): it may
    name the title he takes or leaves."""
    lo = max(text.rfind(ch, 0, start) for ch in _SENTENCE_ENDS) + 1
    his = [text.find(ch, end) for ch in _SENTENCE_ENDS]
    hi = min((h for h in his if h >= 0), default=len(text))
    sentence = text[lo:hi]
    return any(w in sentence for w in _APPOINTING)


def _after(day: dt.date | None, year: int | None, date: dt.date | None) -> bool:
    """``day`` is after the time the text speaks of (the year, else the date)."""
    if day is None:
        return False
    if year is not None:
        return day.year > year
    return date is not None and day > date


def _year_before(folded: str, start: int, date: dt.date | None) -> int | None:
    """The year the sentence names before ``start`` (2006年8月，国务委员梁光烈), not one after
    it: what the holder says of a span (倪虹表示，2019年以来) is not when he spoke. None
    when it names none, or one after the document's date."""
    year = sentence_year(folded[:start], start, start)
    return None if year is not None and date is not None and year > date.year else year


def _not_yet(holding: list[_Office], year: int | None, date: dt.date | None) -> bool:
    """The holder first took the title after the time the text speaks of: its earliest entry
    of his is marked ``began`` and begins after that time (the year written before the
    title, else the date)."""
    first = min(holding, key=lambda o: o.valid_from or dt.date.min)
    return first.began and _after(first.valid_from, year, date)


def _like_name(name: str, written: str, likes: tuple[str, ...]) -> bool:
    """Each character of ``written`` that is not ``name``'s is one ``likes`` (per character
    of the name, the characters it may be written as) allows: 汪 for 王, 鳞 for 麟."""
    return all(w == c or w in ls for c, w, ls in zip(name, written, likes, strict=True))


def _regnal(name: str, written: str) -> bool:
    """The two differ in a numeral: another monarch of the name (伊丽莎白一世, 费利佩五世)."""
    return any(
        x != y and x in NUMERALS and y in NUMERALS for x, y in zip(name, written, strict=True)
    )


def _covers(office: _Office, year: int | None, date: dt.date | None) -> bool:
    """The office was held in ``year`` (when given), else on ``date``."""
    lo, hi = office.valid_from, office.valid_to
    if year is not None:
        return (lo is None or lo.year <= year) and (hi is None or year <= hi.year)
    assert date is not None
    return (lo is None or lo <= date) and (hi is None or date <= hi)


# how long before a table's last day a document's date must be for its holder to be taken
# as still in office (a table's last day may be the month's end, not the handover's day)
_HANDOVER_DAYS = 31


def _still_holds(office: _Office, date: dt.date) -> bool:
    """The office was held on ``date``, a month clear of the table's last day."""
    lo, hi = office.valid_from, office.valid_to
    return (lo is not None and lo <= date) and (
        hi is None or date <= hi - dt.timedelta(days=_HANDOVER_DAYS)
    )


def _spoken_year(folded: str, start: int, end: int, date: dt.date | None) -> int | None:
    """The year the sentence names, unless it is after the document's date: a plan the
    holder of the document's day speaks of (英国首相斯塔默表示，到2027年…), where the date
    decides. None when the sentence names no year."""
    year = sentence_year(folded, start, end)
    return None if year is not None and date is not None and year > date.year else year


def _speaks_after(folded: str, start: int, end: int, day: dt.date, date: dt.date | None) -> bool:
    """The text speaks of a time after ``day``: the year :func:`_spoken_year` finds, else
    the document's date. Unknown time: False."""
    year = _spoken_year(folded, start, end, date)
    if year is not None:
        return year > day.year
    return date is not None and date > day


KIND = Office()


# what may stand between a country and its office (韩国前总理)
_FORMER = ("前", "原")

# what makes a bare title another office (副省长: several deputies at once)
_NOT_BARE = ("副", "常务")

# before a held title: another office, or a former holder (原省委书记, 时任省长, 代省长)
_NOT_HELD = ("副", "常务", "代", "原", "前", "时任", "已故", "届", "曾任", "历任")

# sentences that elect or appoint: the title may be the one he takes or leaves
_APPOINTING = (
    "当选",
    "任命",
    "提名",
    "任免",
    "接任",
    "继任",
    "出任",
    "担任",
    "调任",
    "升任",
    "拟任",
    "免去",
    "辞去",
    "卸任",
    "离任",
    "就任",
    "履新",
    "不再",
    "选举",
    "人选",
)
_SENTENCE_ENDS = "。！？!?\n"

# one-character words that go on no name (徐麟在遵义: 在)
_NAME_STOPS = frozenset("在到和与及同等就也都对向为于是的了又还已将被把从、")

# characters whose insertion into a title makes another office (国务院副总理, 外交部原部长)
_NOT_INSERTED = frozenset("副原前代常")

# what heads a chain of former offices (原国务委员兼国防部长), and what ends such a chain
_FORMER_MARKS = ("原", "前", "时任")
_CHAIN_STOPS = "，,。；;：:！？!?\n“”（）()"
# how far before a title a chain of offices headed by a former mark is read, and how long
# one office of it (or an office and its holder's name) may be
_CHAIN_REACH = 48
_CHAIN_ITEM = 16

# what joins the names of a list of leaders (a tuple: "" is in no tuple, but in any string)
_LIST_JOINERS = ("、", "，", ",")
