"""Kind ``protected``: canonical forms whose near-misses (and listed wrong forms) are errors.

Near-misses are generated at build time and found by the shared automaton. Two runtime nets
catch what no confusion table lists:

* ``fuzzy_titles``: three Han characters right after or right before one of those titles
  that differ in one character from exactly one of the rule's three-character correct forms
  (总理朱榕基, 胡景涛总书记);
* ``office`` (an entry's): two Han characters right after the title of an office a
  two-character name held, one character away from that name and starting no other known
  name (国务院副总理黄鞠);
* ``fuzzy_forms``: a long formulation with one inner character replaced by any other
  (全流程人民民主) or a few characters inserted between two of its words
  (习近平总书记新时代中国特色社会主义思想). Each form is cut in two halves at a word
  boundary; one edit leaves one half intact, so an automaton over the halves finds every
  place to compare, and the comparison is a few string slices. For ``frozen`` forms it also
  takes a word replaced by another of one to three characters, or the form's last
  character or word, where much of the form stands intact around it (see ``_slots``:
  相互补充 for 相互促进, 永远在途中, 不是用来投资的); the intact start of the form is the
  anchor, or its intact end for a word near the start (巩固提升脱贫攻坚成果), and with
  less intact only a near word goes in (全方位人民民主 for 全过程人民民主). With the
  net's ``words``, any form's nouns are slots too (see ``_open_slots``: 以党的思想建设为
  统领), and where it stands long on both sides any word, one character longer or shorter
  too (``_long_slot``: 党的领导、人民当家作主、依法执政有机统一), but not a slot the
  background text fills (``_varied_slots``).

* ``fuzzy_names``: a transliterated name of four or more characters (阿塞拜疆, 毛里塔尼亚)
  with one character of its transliterated part replaced by any Han character (阿塞拜彊,
  毛里塔利亚), or its first or last one where enough of the name stands intact and the new
  character begins or ends no other name. Each name's first and last two characters (three
  for names of six or more) are the anchors: one replaced character leaves one of them
  intact. With ``drops_from``, a five-character name with one inner character left out
  (塔吉克坦) is a generated near-miss of its entry, made at build time.

A rule's ``name_words`` (names of bodies) adds generated near-misses of another kind: a word
of a name put as a near word or its suffix as another body's (``name_variants``: 上海协作组织,
国际货币基金会), the near words and suffixes being data.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from pydantic import Field, field_validator

from ..charmodel import is_han
from ..context import dated_before
from ..errors import LexiconError
from ..lexicon.schema import PeriodEntry, RuleBase, Strict, as_list, distinct_strings
from ..models import Severity
from ..nearmiss import MIN_LENGTH_FOR_INDEL, NUMERALS
from .base import (
    AnchorSearch,
    Candidate,
    KindDoc,
    NearNames,
    RuleKind,
    ScanEnv,
    ScanInput,
    common_prefix_length,
    entries_of,
)

if TYPE_CHECKING:
    from ..compiler import Builder
    from ..lexicon.loader import LoadedRule
    from ..segment import Segmenter


class ProtectedEntry(PeriodEntry):
    correct: list[str] = Field(min_length=1)
    """The canonical forms (a leader's name with title, a fixed formulation)."""
    wrong: list[str] = Field(default_factory=list)
    """Wrong forms listed by hand, beside the generated ones."""
    near_miss: bool | Literal["words"] = True
    """Generate near-miss variants of the correct forms (homophone or similar-shape
    substitution, adjacent swap, one character dropped or doubled in long forms);
    ``words``: only a word replaced by a near-synonym (``_data/formulation_synonyms.tsv``),
    for a long form whose parts are protected on their own and own their character slips
    (完整、准确、全面贯彻新发展理念 holds 新发展理念)."""
    frozen: bool = False
    """A slogan fixed to the character (不敢腐、不能腐、不想腐): the ``fuzzy_forms`` net takes
    any one inner character replaced as a slip, even one that makes a word or a function
    character (不愿腐, 人民城市惠人民): real text never rewords such a slogan. Two items of a
    list in it swapped are near-misses too (不能腐、不敢腐、不想腐; 生命至上、人民至上), and
    two items as long with their first two characters swapped (口粮基本自给、谷物绝对安全), and
    a two-character word left out with 6 characters of the form before it and 2 after
    (党中央权威和集中领导; ``nearmiss.word_drops``). The
    net also takes a word of it replaced, or its last word or character, where much of the
    form stands intact (6 characters before an inner word and 2 after, 9 before a last one:
    以国内大循环为主体、国内国际双循环相互补充, 全面从严治党永远在途中; 2 before and 6
    after, for a dictionary word as long: 巩固提升脱贫攻坚成果; 4 on one side, for a
    dictionary word as long sharing a character: 全方位人民民主), but never a list item's
    varying part (知情权、参与权、选举权 is another list); the entry is taken by the net
    even with ``near_miss: false``, and with ``words`` it takes a word replaced that
    differs in one character (新发展概念 in 完整、准确、全面贯彻新发展理念)."""
    boundary: bool = True
    """Short hits (up to 3 characters) must sit on word boundaries; ``false`` turns it off."""
    office: list[str] = Field(default_factory=list)
    """Titles of the office a two-character name held (国务院副总理 for 黄菊): right after
    one of them, two Han characters one character away from the name are flagged
    (国务院副总理黄鞠) when they start no other known name and are one character away from
    no other two-character holder of that title (so every such holder lists it). Two-character
    names get few generated variants (most read as ordinary text), and only their own office,
    next to them, says the string is that person."""
    # valid_from: the correct form is the reference from this date (a leader's current
    # office): text speaking of an earlier time is not judged against it

    _lists = field_validator("wrong", "correct", "office", mode="before")(as_list)
    _distinct = field_validator("wrong", "correct")(distinct_strings)

    def suggestion_list(self) -> list[str]:
        return self.correct


class FuzzyForms(Strict):
    """The runtime net for long formulations (see the module docstring)."""

    min_length: int = Field(default=6, ge=6)
    """Correct forms of at least this many characters are looked for."""
    severity: Severity = Severity.IMPROPER
    """Of the net's findings, at most: a form whose entry (or rule) is reported lower is
    reported as low."""
    message: str = Field(min_length=2)
    """With ``{text}`` and ``{suggestion}`` (the correct form)."""
    function_chars: str = "的地得之了着过和与及或并等在是为对把被向从"
    """Characters never taken for a typo, replaced or replacing, nor inside an inserted
    string: 中华民族的伟大复兴, 中国的现代化 are ordinary usage."""
    interchangeable: list[str] = Field(default_factory=lambda: ["国省市县区乡镇村校院企厂"])
    """Groups of characters that replace each other in real wordings (人才强国战略,
    人才强省战略, 人才强校战略): a substitution inside one group is no slip."""
    insertions: bool = False
    """Also look for a few characters inserted between two characters of a form. Only for
    names (习近平总书记新时代中国特色社会主义思想): descriptive formulations take words in
    running text (世界正在经历百年未有之大变局, 中华民族走向伟大复兴)."""
    max_inserted: int = Field(default=4, ge=1, le=8)
    """The longest inserted string looked for."""
    fixed_names: bool = False
    """The forms are names fixed to the character (住房和城乡建设局), not wordings that take
    other words: a replaced character that makes a word with a neighbour (住房和城市建设局)
    is a slip too."""
    words: str | None = None
    """Also look for a word of any form (frozen or not) replaced by another word as long, a
    noun for a noun (see :func:`_open_slots`): 以党的思想建设为统领, 多党合作和民主协商制度,
    藏粮于地、藏粮于民; any word, one character longer or shorter too, where the form stands
    long on both sides (:func:`_long_slot`: 依法执政 in …依法治国有机统一). The value is
    the list (a path from the rule file) of the variants real text holds
    (``scripts/build_formulation_word_variants.py``): never a variant listed there, nor a
    slot it fills with two or more other words. None: no such net."""


class FuzzyNames(Strict):
    """The runtime net for transliterated names (see the module docstring): a correct form
    of ``min_length`` or more characters with one character replaced, where

    * the replaced character is a transliteration character (``chars``), so the name's
      generic words (共和国, 联邦, 群岛) are left to the generated near-misses;
    * the new one is a Han character, no numeral nor function character, and at the name's
      first or last character (:meth:`SpeltNameFinder._edge`) one that begins (ends) no
      name of the rule (梅德韦杰娃 is another person), with ``edge_rest`` or more characters
      of the name intact that are no word nor name of their own (对俄罗斯 is no 白俄罗斯) and
      making no word with the character outside the name (巴拿马运河);
    * what is written is no dictionary word, no other name and one character away from no
      other name of the nets (马里亚纳 and 马里兰 are real places), and not one of the
      variants real text holds (``seen``), and it is not inside or across another correct
      form the text holds."""

    min_length: int = Field(default=4, ge=4)
    """Correct forms of at least this many characters are looked for."""
    edge_rest: int = Field(default=3, ge=3)
    """A first or last character replaced only where this many others stand intact."""
    chars: str
    """The transliteration character table, a path from the rule file: one character a
    line, a count after # (``scripts/build_transliteration_names.py``)."""
    seen: str
    """One-character variants of the names that real text holds (other places and persons,
    older transliterations), a path from the rule file: one a line, a count after #."""
    severity: Severity = Severity.IMPROPER
    """Of the net's findings, at most (never above an entry's own)."""
    message: str = Field(min_length=2)
    """With ``{text}`` and ``{suggestion}`` (the correct name)."""
    function_chars: str = "的地得之了着过和与及或并等在是为对把被向从"
    """Characters never taken for a replacing one."""
    drops_from: int | None = Field(default=None, ge=4)
    """Also a name of this many to five characters, all of them transliteration characters,
    with one inner character left out (塔吉克坦, 阿尔巴亚): made at build time as the entry's
    near-misses (names of six or more get drops from the generator already), so they cost no
    scan time. A name with a generic word (加蓬共和国) gets none: its drops are the short
    name of another state with the word (加共和国 in 哥斯达黎加共和国). A drop that is a
    listed or protected string, a name of the rule, or in ``seen`` is left out. Four-character
    names make three-character drops, which real text holds as other names (坦尼亚, 斯洛克):
    the rules use 5."""


class ProtectedRule(RuleBase):
    kind: Literal["protected"]
    fuzzy_titles: list[str] = Field(default_factory=list)
    """Titles beside which a three-character string one character away from one of the
    rule's three-character correct forms is flagged (a misspelt name); empty: no such net."""
    fuzzy_forms: FuzzyForms | None = None
    """Look for the rule's long correct forms with any inner character replaced or a word
    inserted; None: no such net."""
    fuzzy_names: FuzzyNames | None = None
    """Look for the rule's transliterated names with one character replaced by any other;
    None: no such net."""
    name_words: str | None = None
    """The entries are names of bodies: a word of a name replaced by a near word that
    writers put in its place (上海协作组织, 世界健康组织), or its suffix by another body's
    (国际货币基金会, 国际原子能组织), is a generated near-miss too, of names with
    ``near_miss`` on, 6 characters or more (see :func:`name_variants`). The value is the
    table (a path from the rule file, ``_data/org_name_words.tsv``); a variant that is real
    text (a real body of ``_data/nearmiss_real_bodies.txt``: 国际贸易组织, 伊斯兰会议组织)
    or another entry's string is dropped. None: no such variants."""
    entries: list[ProtectedEntry] = Field(min_length=1)


@dataclass(frozen=True)
class _Fuzzy:
    titles: tuple[str, ...]
    names: dict[str, int]  # three-character correct form -> entry


@dataclass(frozen=True)
class _Office:
    title: str  # normalized title of the office (国务院副总理)
    name: str  # normalized two-character correct form
    entry: int


@dataclass(frozen=True)
class _Form:
    text: str  # normalized correct form
    shown: str  # … as the lexicon writes it (the suggestion: 坚持真理、坚守理想，践行初心…)
    split: int  # where its two halves meet (a word boundary)
    entry: int  # the rule's derived entry for these hits
    valid_from: dt.date | None
    frozen: bool = False  # (ProtectedEntry.frozen)
    cuts: tuple[int, ...] = ()  # its inner word boundaries (for the frozen net's word slots)
    chars: bool = True  # the one-character net looks at it (near_miss not ``words``)


@dataclass(frozen=True)
class _FormsNet:
    forms: tuple[_Form, ...]
    function_chars: frozenset[str]
    max_inserted: int  # 0: no insertions looked for
    known: frozenset[str]  # real text that looks like a variant (older official wordings)
    interchangeable: tuple[str, ...]
    fixed: bool = False  # names fixed to the character (FuzzyForms.fixed_names)
    frozen: tuple[_Form, ...] = ()  # frozen forms, for the word net (_slots)
    worded: tuple[_Form, ...] = ()  # every form, for the open word net (_open_slots)
    open_slots: frozenset[tuple[str, int]] = frozenset()  # (form, where): real text varies it


def _halves(form: str, words: list[str]) -> int:
    """Where to cut ``form`` in two: the word boundary nearest the middle that leaves 3+
    characters each side, or the middle itself (人民代表大会|制度 leaves too few)."""
    cuts, pos = [], 0
    for word in words[:-1]:
        pos += len(word)
        cuts.append(pos)
    usable = [c for c in cuts if 3 <= c <= len(form) - 3]
    return min(usable, key=lambda c: abs(2 * c - len(form))) if usable else len(form) // 2


def _latest(*dates: dt.date | None) -> dt.date | None:
    given = [d for d in dates if d is not None]
    return max(given) if given else None


class Protected(RuleKind):
    name = "protected"
    rule_model = ProtectedRule
    doc = KindDoc(
        what="Near-misses of a canonical form: one character replaced by a homophone or a "
        "similar shape, two swapped, one dropped or doubled (扫黑险恶, 习近平新时代中国特色社会主"
        "义思想 with a changed character), plus any wrong forms listed; with the rule's "
        "`fuzzy_titles`, also a three-character name one character away from a correct form "
        "right beside such a title (朱榕基总理); with an entry's `office`, a two-character "
        "name one character away right after the title of that office (国务院副总理黄鞠); with "
        "`fuzzy_forms`, a long formulation with any "
        "inner character replaced (全过程人民氏主; with `fixed_names`, also where the new "
        "character makes a word: 住房和城市建设局, as in an item of a list form of three or "
        "more items or in the part two items share: 安全第一、预防为主、综合管理, "
        "精准扶贫、精确脱贫) or, for names, a word inserted "
        "(习近平总书记新时代中国特色社会主义思想), reported at the net's own severity (never "
        "above the entry's); for an "
        "entry `frozen: true`, also a word replaced or the last word or character, with much "
        "of the form intact around it (国内国际双循环相互补充, 全面从严治党永远在途中, "
        "不是用来投资的, 巩固提升脱贫攻坚成果, 全方位人民民主); with the net's `words`, in any "
        "form a noun replaced by another noun as long where 3 or more characters of the form "
        "stand on each side and 8 in all, or 7 on one side, or the last with 8 before it "
        "(以党的思想建设为统领, 以群众为中心的发展思想, 藏粮于地、藏粮于民), and any word, one "
        "character longer or shorter too, where 4 or more stand on each side and 12 in all (9 "
        "in a frozen form; 党的领导、人民当家作主、依法执政有机统一, 务必敢于担当、善于斗争), "
        "unless real text "
        "holds that variant or fills the slot with two or more other words "
        "(the list `words` names); for a frozen form also two items of a "
        "list with their first two characters swapped (口粮基本自给、谷物绝对安全) and a "
        "two-character word left out after 6 characters of the form and before 2 "
        "(党中央权威和集中领导); in any "
        "list form, two neighbouring items with their heads or tails crossed "
        "(公正执法、严格司法 in 科学立法、严格执法、公正司法、全民守法); with `fuzzy_names`, a "
        "transliterated name of four or more characters with one character of its "
        "transliteration replaced by any Han character (阿塞拜彊, 毛里塔利亚), its first or last "
        "one only where the rest is long and no word and the new character begins or ends no "
        "other name, unless what is written is a word, another name's near form or a variant "
        "real text holds (the net's `seen` list); with the rule's "
        "`name_words` (names of bodies), a word of a name replaced by a near word of the "
        "table it names, its suffix by another body's, or an inner word left out (上海协作"
        "组织, 国际货币基金会, 海湾国家合作委员会), unless a real body bears that name.",
        why="Names and formulations that must be written exactly are few, but their misspellings "
        "are endless; generating them catches errors nobody listed, while real words and "
        "ambiguous variants are filtered out at compile time.",
        example="- correct: 扫黑除恶\n# → flags 扫黑险恶, 扫黑除饿, 扫除黑恶 …",
    )

    def compile(self, loaded: LoadedRule, builder: Builder) -> None:
        rule_index = builder.add_rule(loaded)
        path = str(loaded.path)
        names: dict[str, int] = {}
        named = isinstance(loaded.rule, ProtectedRule) and bool(loaded.rule.fuzzy_titles)
        table = (
            _name_table(loaded, loaded.rule.name_words)
            if isinstance(loaded.rule, ProtectedRule) and loaded.rule.name_words
            else None
        )
        drops = _name_drops(loaded, builder)
        for _, entry, line in entries_of(loaded):
            assert isinstance(entry, ProtectedEntry)
            # dropped before the listed wrong form went out of use (valid_to) and before the
            # correct form became the reference (valid_from)
            index = builder.add_entry(
                rule_index,
                entry,
                line,
                flag_from=_latest(entry.valid_from, entry.valid_to),
                boundary=entry.boundary,
                undated=entry.undated,
            )
            for wrong in entry.wrong:
                builder.flag(wrong, index, path=path, line=line, key="wrong")
            for correct in entry.correct:
                norm = builder.protect(correct, path=path, line=line, entry=index)
                if entry.near_miss:
                    builder.near_misses(
                        index,
                        norm,
                        correct,
                        words_only=entry.near_miss == "words",
                        swapped_items=entry.frozen,  # a frozen list never reorders
                        also=(
                            name_variants(norm, table, builder.cut)
                            if table is not None and builder.cut is not None
                            else drops(norm)
                            if entry.when is None
                            else ()
                        ),
                    )
                if len(norm) == 3:
                    names[norm] = index
                if len(norm) == 2 and named:
                    _nets(builder).short.add(norm)
                if len(norm) == 2:
                    _nets(builder).offices.extend(
                        _Office(builder.normalizer.term(t), norm, index) for t in entry.office
                    )
        rule = loaded.rule
        assert isinstance(rule, ProtectedRule)
        if rule.fuzzy_titles and names:
            titles = tuple(builder.normalizer.term(t) for t in rule.fuzzy_titles)
            _nets(builder).names.append(_Fuzzy(titles, names))
        if rule.fuzzy_forms is not None:
            self._compile_forms(loaded, rule, rule_index, builder)
        if rule.fuzzy_names is not None:
            self._compile_names(loaded, rule, rule_index, builder)

    def _compile_names(
        self, loaded: LoadedRule, rule: ProtectedRule, rule_index: int, builder: Builder
    ) -> None:
        net = rule.fuzzy_names
        assert net is not None
        entry = builder.add_derived(rule_index, None, severity=net.severity, message=net.message)
        milder: dict[Severity, int] = {}
        names: dict[str, tuple[int, str]] = {}
        starts: set[str] = set()  # the first characters of every name of the rule
        ends: set[str] = set()  # … and the last ones
        every: set[str] = set()
        for _, item, _ in entries_of(loaded):
            assert isinstance(item, ProtectedEntry)
            norms = [(builder.normalizer.term(correct), correct) for correct in item.correct]
            for norm, _ in norms:
                starts.add(norm[:1])
                ends.add(norm[-1:])
                every.add(norm)
            if item.when is not None:
                continue  # a name that needs context
            at = _net_entry(builder, rule_index, item.severity or rule.severity, net, entry, milder)
            for norm, correct in norms:
                if len(norm) >= net.min_length:
                    names.setdefault(norm, (at, correct))
        if names:
            _nets(builder).spelt.append(
                _NamesNet(
                    names,
                    _seen_variants(loaded, net.chars, builder),
                    _seen_variants(loaded, net.seen, builder),
                    net.edge_rest,
                    frozenset(net.function_chars),
                    frozenset(starts),
                    frozenset(ends),
                    frozenset(every),
                )
            )

    def _compile_forms(
        self, loaded: LoadedRule, rule: ProtectedRule, rule_index: int, builder: Builder
    ) -> None:
        net = rule.fuzzy_forms
        assert net is not None
        entry = builder.add_derived(rule_index, None, severity=net.severity, message=net.message)
        milder: dict[Severity, int] = {}  # the net's entries for entries reported lower
        forms, frozen, worded = [], [], []
        for _, item, _ in entries_of(loaded):
            assert isinstance(item, ProtectedEntry)
            if item.when is not None:
                continue  # a form that needs context
            at = _net_entry(builder, rule_index, item.severity or rule.severity, net, entry, milder)
            for correct in item.correct:
                norm = builder.normalizer.term(correct)
                if len(norm) < net.min_length:
                    continue
                words = builder.cut(norm) if builder.cut is not None else [norm]
                split = _halves(norm, words)
                cuts = tuple(itertools.accumulate(map(len, words[:-1])))
                form = _Form(
                    norm,
                    correct,
                    split,
                    at,
                    item.valid_from,
                    item.frozen,
                    cuts,
                    chars=item.near_miss is True,
                )
                if item.frozen:
                    # a word of a frozen form replaced: its parts' own slips (near_miss off)
                    # are one character each, never a word
                    frozen.append(form)
                if item.near_miss is True:  # not a form whose near-misses are words
                    forms.append(form)
                if net.words is not None:
                    worded.append(form)
        if forms or frozen or worded:
            longest = max(len(f.text) + 1 for f in forms + frozen + worded) + net.max_inserted
            known = frozenset(w for w in builder.reject_variant if 6 <= len(w) <= longest)
            seen = _seen_variants(loaded, net.words, builder) if net.words else frozenset()
            known |= seen
            inserted = net.max_inserted if net.insertions else 0
            nets = _nets(builder).forms
            nets.append(
                _FormsNet(
                    tuple(forms),
                    frozenset(net.function_chars),
                    inserted,
                    known,
                    tuple(net.interchangeable),
                    net.fixed_names,
                    tuple(frozen),
                    tuple(worded),
                    _varied_slots(worded, seen),
                )
            )

    def finder(self, data: Any, env: ScanEnv) -> ProtectedFinder | None:
        return ProtectedFinder(data, env.segmenter) if data else None


@dataclass
class _Nets:
    """What the kind keeps for scan time: the runtime nets of all its rules."""

    names: list[_Fuzzy] = field(default_factory=list)
    forms: list[_FormsNet] = field(default_factory=list)
    offices: list[_Office] = field(default_factory=list)
    short: set[str] = field(default_factory=set)  # two-character names of the name rules
    spelt: list[_NamesNet] = field(default_factory=list)  # the transliterated names' nets
    # the form finder's tables, made of ``forms`` as they are pickled (the nets are complete
    # by then): a start reads them instead of making them again
    tables: _FormTables | None = field(default=None, compare=False, repr=False)

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        if self.forms and self.tables is None:
            state["tables"] = _form_tables(self.forms)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)


def _net_entry(
    builder: Builder,
    rule_index: int,
    own: Severity,
    net: FuzzyForms | FuzzyNames,
    entry: int,
    milder: dict[Severity, int],
) -> int:
    """The entry a net's guess at a form is reported under: never above the form's own
    severity (a guess at a form whose exact slips the rule reports lower stays as low),
    one derived entry per milder severity, kept in ``milder``."""
    if own.rank >= net.severity.rank:
        return entry
    if own not in milder:
        milder[own] = builder.add_derived(rule_index, None, severity=own, message=net.message)
    return milder[own]


def _nets(builder: Builder) -> _Nets:
    nets = builder.kind_data.get(Protected.name)
    if nets is None:
        nets = builder.kind_data[Protected.name] = _Nets()
    assert isinstance(nets, _Nets)
    return nets


class ProtectedFinder:
    def __init__(self, nets: _Nets, segmenter: Segmenter) -> None:
        self._names = (
            FuzzyNameFinder(nets.names, nets.offices, nets.short, segmenter)
            if nets.names or nets.offices
            else None
        )
        self._forms = FuzzyFormFinder(nets.forms, segmenter, nets.tables) if nets.forms else None
        spelt = getattr(nets, "spelt", None)  # (a cache written before the net)
        self._spelt = SpeltNameFinder(spelt, segmenter) if spelt else None

    @property
    def anchors(self) -> tuple[str, ...]:
        names = self._names.anchors if self._names is not None else ()
        spelt = self._spelt.anchors if self._spelt is not None else ()
        return names + (self._forms.anchors if self._forms is not None else ()) + spelt

    def find(self, scan: ScanInput) -> Iterator[Candidate]:
        if self._names is not None:
            yield from self._names.find(scan)
        if self._forms is not None:
            yield from self._forms.find(scan)
        if self._spelt is not None:
            yield from self._spelt.find(scan)


class FuzzyNameFinder:
    """Three Han characters beside a title, one character away from exactly one name."""

    def __init__(
        self,
        nets: list[_Fuzzy],
        offices: Sequence[_Office] = (),
        short: Iterable[str] = (),
        segmenter: Segmenter | None = None,
    ) -> None:
        self._segmenter = segmenter
        self._nets = []
        # one index over every rule's names: a window one character off the names of two
        # rules (李建桦: 李建国 and 李建华) is nobody's sure misspelling
        self._everyone = NearNames(name for net in nets for name in net.names)
        for net in nets:
            self._nets.append((net, AnchorSearch(sorted(set(net.titles)), longest=True)))
        # two-character names after their own office's title (国务院副总理黄鞠)
        self._offices: dict[str, list[_Office]] = {}
        for office in offices:
            self._offices.setdefault(office.title, []).append(office)
        self._short = frozenset(short) | {o.name for o in offices}
        self._office_search = AnchorSearch(sorted(self._offices), longest=True)
        self.anchors = tuple(t for _, search in self._nets for t in search.strings)
        self.anchors += self._office_search.strings

    def find(self, scan: ScanInput) -> Iterator[Candidate]:
        view = scan.view
        text = view.text
        for net, search in self._nets:
            seen: set[int] = set()
            for _, s, e in search.find(scan):
                for lo in (e, s - 3):
                    if lo < 0 or lo in seen:
                        continue
                    name = self._everyone.misspelt(text[lo : lo + 3])
                    if name is None or name not in net.names:
                        continue
                    seen.add(lo)
                    a, b = view.to_original(lo, lo + 3)
                    # another rule's name stands there (省委书记刘奇|主持 is not 刘奇葆)
                    if any(p < b and a < q for p, q in scan.protected):
                        continue
                    # a misspelt name is wrong at any date: the entry's dates do not apply
                    yield Candidate(a, b, net.names[name], name, self_dated=True)
        if self._offices:
            yield from self._after_office(scan)

    def _after_office(self, scan: ScanInput) -> Iterator[Candidate]:
        """Two Han characters right after an office's title, one character away from the
        two-character name of one who held it (and of no other holder listed), and the start
        of no other known name (a three-character one, 政治局常委李长春, or one misspelt)."""
        view = scan.view
        text = view.text
        for i, _, e in self._office_search.find(scan):
            window = text[e : e + 2]
            if len(window) != 2 or not all(map(is_han, window)) or window in self._short:
                continue
            longer = text[e : e + 3]
            if longer in self._everyone.names or self._everyone.misspelt(longer) is not None:
                continue
            # one character off two holders of the office (李蔷: 李鹏 and 李强, both 国务院总理)
            # is nobody's sure misspelling
            close = [
                o
                for o in self._offices[self._office_search.strings[i]]
                if sum(x != y for x, y in zip(o.name, window, strict=True)) == 1
            ]
            if len({o.name for o in close}) != 1:
                continue
            # an ordinary word after the title (北京市委书记大力推进…, 副总理马上赶到) is no name
            tag = self._segmenter.tag(window) if self._segmenter is not None else None
            if tag is not None and tag not in ("nr", ""):
                continue
            a, b = view.to_original(e, e + 2)
            if any(p < b and a < q for p, q in scan.protected):
                continue
            # lexical: the two characters must be a word of their own (国务委员王忠禹 holds
            # no 王忠)
            yield Candidate(a, b, close[0].entry, close[0].name, lexical=True, self_dated=True)


@dataclass(frozen=True)
class _NamesNet:
    """One rule's ``fuzzy_names`` net (:class:`FuzzyNames`)."""

    names: dict[str, tuple[int, str]]  # normalized name -> (entry, the name as listed)
    chars: frozenset[str]  # transliteration characters
    seen: frozenset[str]  # variants real text holds
    edge_rest: int
    function_chars: frozenset[str]
    # the first characters of the rule's names, and the last ones (the finder takes those
    # of every net)
    starts: frozenset[str] = frozenset()
    ends: frozenset[str] = frozenset()
    every: frozenset[str] = frozenset()  # every correct form of the rule, of any length


class SpeltNameFinder:
    """Transliterated names with one character replaced (:class:`FuzzyNames`): every rule's
    names in one index, so that a string one character away from two names (or a name
    itself) is nobody's misspelling; each name's first and last two characters (three for
    a name of six or more, whose one replaced character leaves one of them intact too) are
    the anchors of the search."""

    def __init__(self, nets: Sequence[_NamesNet], segmenter: Segmenter) -> None:
        self._segmenter = segmenter
        self._names: dict[str, tuple[_NamesNet, int, str]] = {}
        for net in nets:
            for name, (entry, shown) in net.names.items():
                self._names.setdefault(name, (net, entry, shown))
        self._keys: dict[str, set[str]] = {}
        heads: dict[str, list[str]] = {}
        tails: dict[str, list[str]] = {}
        for name in self._names:
            for k in range(len(name)):
                self._keys.setdefault(name[:k] + "?" + name[k + 1 :], set()).add(name)
            width = 2 if len(name) < 6 else 3
            heads.setdefault(name[:width], []).append(name)
            tails.setdefault(name[-width:], []).append(name)
        strings = sorted(set(heads) | set(tails))
        self._heads = [tuple(heads.get(s, ())) for s in strings]
        self._tails = [tuple(tails.get(s, ())) for s in strings]
        self._search = AnchorSearch(strings, longest=False)
        self.anchors = self._search.strings
        self._starts = frozenset().union(*(net.starts for net in nets))
        self._ends = frozenset().union(*(net.ends for net in nets))
        self._every = frozenset().union(*(net.every for net in nets))

    def find(self, scan: ScanInput) -> Iterator[Candidate]:
        text = scan.view.text
        found: dict[tuple[int, int], tuple[int, str]] = {}
        for i, s, e in self._search.find(scan, ordered=False):
            for names, head in ((self._heads[i], True), (self._tails[i], False)):
                for name in names:
                    start = s if head else e - len(name)
                    if start < 0 or (start, start + len(name)) in found:
                        continue
                    at = self._misspelt(text, start, name)
                    if at is not None:
                        found[start, start + len(name)] = (start + at, name)
        for (start, end), (changed, name) in sorted(found.items()):
            _, entry, shown = self._names[name]
            lo, hi = scan.view.to_original(start, end)
            if hi - lo != end - start:
                continue  # a mark inside (斯科特·里, 亚-培尼亚): two names, not one misspelt
            # inside or across another correct form (巴布亚新几内亚), not one inside it (印度)
            if any(p < hi and lo < q and not (lo <= p and q <= hi) for p, q in scan.protected):
                continue
            lo_at, hi_at = scan.view.to_original(changed, changed + 1)
            if any(p < hi_at and lo_at < q for p, q in scan.listed):
                continue  # a string the lexicons list: its own entry judges it
            yield Candidate(lo, hi, entry, shown, self_dated=True, tentative=True)

    def _misspelt(self, text: str, start: int, name: str) -> int | None:
        """Where ``text`` at ``start`` reads ``name`` with one character replaced as the net
        looks for it (see :class:`FuzzyNames`), or None."""
        n = len(name)
        window = text[start : start + n]
        if len(window) != n or window == name:
            return None
        differ = [k for k in range(n) if window[k] != name[k]]
        if len(differ) != 1:
            return None
        at = differ[0]
        net = self._names[name][0]
        new, old = window[at], name[at]
        if not is_han(new) or new in NUMERALS or new in net.function_chars:
            return None
        if old not in net.chars:
            return None  # a generic word of the name (共和国), the generated near-misses'
        if (at == 0 or at == n - 1) and not self._edge(text, start, name, at):
            return None
        if window in self._names or window in net.seen:
            return None
        close = set().union(
            *(self._keys.get(window[:k] + "?" + window[k + 1 :], ()) for k in range(n))
        )
        if close != {name}:
            return None  # near two names: nobody's sure misspelling
        if self._segmenter.lookup()(window):
            return None  # a word of the dictionary
        return at

    def _edge(self, text: str, start: int, name: str, at: int) -> bool:
        """The first or last character of ``name`` replaced at ``text[start + at]`` reads
        as a slip: the new one begins (or, for a last one, ends) no name of the nets
        (梅德韦杰娃, a woman's name, for 梅德韦杰夫), ``edge_rest`` or more characters stand
        intact, and they are no word nor name of their own (白俄罗斯 is no slip for 对俄罗斯,
        nor 以色列国 for 以色列军), and the new character makes no word with the one outside
        the name (巴拿马运河)."""
        net, n = self._names[name][0], len(name)
        if n - 1 < net.edge_rest or text[start + at] in (self._starts if at == 0 else self._ends):
            return False  # (梅德韦杰娃 for 梅德韦杰夫: another name's ending, another person)
        rest = name[1:] if at == 0 else name[:-1]
        lookup = self._segmenter.lookup()
        if lookup(rest) or rest in self._every:
            return False
        i = start + at
        if at == 0:
            outside = [text[j : i + 1] for j in (i - 2, i - 1) if j >= 0]
        else:
            outside = [text[i : i + 2], text[i : i + 3]]
        return not any(len(w) >= 2 and lookup(w) for w in outside)


_Half = tuple[
    int,
    bool,
    bool,
    tuple["_Test", ...],
    tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]] | None,
]


# a slot test as FuzzyFormFinder._find_words reads it: tail, the form's text before the word
# and its length, the text after it and its length, the word lengths, the slot
_WordTest = tuple[bool, str, int, str, int, tuple[int, ...], "_Slot"]


class _FormTables(NamedTuple):
    """What :class:`FuzzyFormFinder` searches by, made of the nets alone (~20 ms): kept with
    the nets in the compiled cache (``_Nets.__getstate__``), where it is read in a third."""

    halves: list[_Half]
    search: AnchorSearch
    slots: list[list[_Slot]]
    # per anchor, what a hit of it tests (thousands of hits a text): each slot with the
    # form's text before and after its word and the word lengths looked for in it
    slot_tests: list[tuple[tuple[_Slot, str, str, tuple[int, ...]], ...]]
    frozen: AnchorSearch


def _form_tables(nets: list[_FormsNet]) -> _FormTables:
    """The halves of every form and the word slots, each with what its hits test."""
    halves: dict[str, list[tuple[_FormsNet, _Form, bool]]] = {}
    for net in nets:
        for form in net.forms:
            halves.setdefault(form.text[: form.split], []).append((net, form, True))
            halves.setdefault(form.text[form.split :], []).append((net, form, False))
    # per half, what its hits test first, worked out once (thousands of hits a text):
    # its length, whether it begins any form and whether it ends any (the characters
    # next to it a hit then reads once per side), and each form's _Test
    halves_tests = [
        (
            len(half),
            any(head for _, _, head in forms),
            not all(head for _, _, head in forms),
            tests,
            _near_chars(tests),
        )
        for half, forms in halves.items()
        for tests in (tuple(_Test.of(net, form, head) for net, form, head in forms),)
    ]
    # overlapping: a half inside another form's half still counts
    search = AnchorSearch(list(halves), longest=False)
    # the frozen forms' word slots, by the intact part of the form that anchors them
    # (the part before the word, or for a ``tail`` slot the part after it)
    slots: dict[str, list[_Slot]] = {}
    for net in nets:
        for form in net.frozen:
            for at, old, tail, loose in _slots(form):
                anchor = form.text[at + len(old) :] if tail else form.text[:at]
                slots.setdefault(anchor, []).append(_Slot(net, form, at, old, tail, loose))
    for net in nets:
        taken = {(f.text, at) for f in net.frozen for at, *_ in _slots(f)}
        for form in net.worded:
            for at, old, tail in _open_slots(form):
                if (form.text, at) in taken or (form.text, at) in net.open_slots:
                    continue  # the frozen net's slot; a slot real text varies
                anchor = form.text[at + len(old) :] if tail else form.text[:at]
                slots.setdefault(anchor, []).append(_Slot(net, form, at, old, tail, opened=True))
    slot_groups = list(slots.values())
    slot_tests = [
        tuple(
            (
                slot,
                slot.form.text[: slot.where],
                slot.form.text[slot.where + len(slot.old) :],
                _lengths(slot),
            )
            for slot in group
        )
        for group in slot_groups
    ]
    return _FormTables(
        halves_tests, search, slot_groups, slot_tests, AnchorSearch(list(slots), longest=False)
    )


class FuzzyFormFinder:
    """Long formulations with one inner character replaced or a few characters inserted;
    the halves of every rule's forms in one automaton, searched once per text."""

    def __init__(
        self, nets: list[_FormsNet], segmenter: Segmenter, tables: _FormTables | None = None
    ) -> None:
        """``tables``: :func:`_form_tables` of ``nets``, read from the compiled cache."""
        self._segmenter = segmenter
        self._halves, self._search, self._slots, self._slot_tests, self._frozen = (
            tables or _form_tables(nets)
        )
        self.anchors = self._search.strings + self._frozen.strings
        # the slot tests as _find_words reads them, made on first use (idempotent, so threads
        # may race harmlessly)
        self._word_tests: list[tuple[_WordTest, ...]] | None = None

    def find(self, scan: ScanInput) -> Iterator[Candidate]:
        text = scan.view.text
        # thousands of hits a text, a few variants: the hits are read in no order, and the
        # variants put in the hits' order (then the form's) before the first of a span wins
        variants: list[tuple[tuple[int, ...], int, _FormsNet, _Form, _Variant]] = []
        for pattern, spans in self._search.grouped(scan):
            length, begins, ends, forms, near_chars = self._halves[pattern]
            for at, hit_end in spans:
                # the two characters after the hit, and the two before it (see _Test)
                if begins:
                    after1, after2 = (
                        text[at + length : at + length + 1],
                        text[at + length + 1 : at + length + 2],
                    )
                if ends:
                    before1, before2 = text[at - 1 : at], text[at - 2 : at - 1]
                if near_chars is not None:
                    # no form of the half is near (most hits): each would end at the test below
                    firsts, seconds, lasts, seconds_last = near_chars
                    if not (
                        (begins and (after1 in firsts or after2 in seconds))
                        or (ends and (before1 in lasts or before2 in seconds_last))
                    ):
                        continue
                for net, form, head, offset, first, second, inserting, written, far, end in forms:
                    # (a _Test) one replaced character leaves one of the two characters next to
                    # the intact half as they are: most hits (社会主义 in 建设社会主义) end here
                    if head:
                        near = after1 == first or after2 == second
                    else:
                        near = before1 == first or before2 == second
                    if not inserting and (not near or text[at + far : at + far + 1] != end):
                        continue
                    start = at + offset
                    if start < 0 or text.startswith(written, start):
                        continue
                    variant = self._variant(net, text, form, start, head, near)
                    if variant is not None:
                        order = self._search.order(pattern, at, hit_end)
                        variants.append((order, len(variants), net, form, variant))
        variants.sort()
        seen: set[tuple[int, int]] = set()
        for _, _, net, form, variant in variants:
            if variant[:2] in seen:
                continue
            seen.add(variant[:2])
            hit = self._judge(net, scan, form, *variant)
            if hit is not None:
                yield hit
        if self._slots:
            yield from self._find_words(scan, seen)

    def _find_words(self, scan: ScanInput, seen: set[tuple[int, int]]) -> Iterator[Candidate]:
        """Frozen forms with a word replaced (see :func:`_slots`) where the rest of the form
        stands as it is on both sides; a span of the one-character net (``seen``) is not
        looked at again."""
        text = scan.view.text
        found: list[tuple[int, int, int, _FormsNet, _Form]] = []
        tests = self._word_tests
        if tests is None:
            # (thousands of hits a text): what decides first, then the slot, unpacked only
            # for a hit whose rest of the form stands
            tests = self._word_tests = [
                tuple(
                    (slot.tail, head, len(head), rest, len(rest), lengths, slot)
                    for slot, head, rest, lengths in group
                )
                for group in self._slot_tests
            ]
        starts_with = text.startswith
        for pattern, spans in self._frozen.grouped(scan):
            group = tests[pattern]
            for at, end in spans:
                for tail, head, head_length, rest, rest_length, lengths, slot in group:
                    for length in lengths:
                        if tail:  # the anchor is the form's end: the word and its start before it
                            changed, stop = at - length, end
                            start = changed - head_length
                            if start < 0 or not starts_with(head, start):
                                continue
                            if not head and not self._boundary(text, start):
                                continue  # the new first word is the end of a longer one
                        else:
                            start, changed = at, end
                            stop = end + length + rest_length
                            if not starts_with(rest, end + length):
                                continue
                            if not rest and not self._boundary(text, stop):
                                continue
                        net, form, where, old, _, loose, opened = slot
                        new = text[changed : changed + length]
                        if opened:
                            if len(new) < length or not self._open_slip(net, form, where, old, new):
                                continue
                        elif len(new) < length or not self._word_slip(net, form, where, old, new):
                            continue
                        if (
                            (tail or loose)
                            and not opened
                            and not self._dictionary_word(new, old, loose)
                        ):
                            continue
                        found.append((start, stop, changed, net, form))
        found.sort(key=lambda hit: hit[:3])
        for start, stop, changed, net, form in found:
            if any(a < stop and start < b for a, b in seen):
                continue
            seen.add((start, stop))
            hit = self._judge(net, scan, form, start, stop, changed)
            if hit is not None:
                yield hit

    def _word_slip(self, net: _FormsNet, form: _Form, where: int, old: str, new: str) -> bool:
        """``new`` standing for the word ``old`` of a frozen form is a slip this net looks
        for: Han characters, no function character nor numeral, no interchangeable character
        for another, and not what the one-character net finds (one inner character of a form
        it looks at; in a form it leaves to its parts, only a new word: 新发展概念 in
        完整、准确、全面贯彻新发展理念, whose 新发展理年 is 新发展理念's own slip)."""
        if old in new or not all(map(is_han, new)):
            return False  # (a word added to it is not one in its place: 拓展好)
        if net.function_chars & set(new) or NUMERALS & set(new):
            return False
        if len(new) == len(old):
            differ = [i for i, (a, b) in enumerate(zip(new, old, strict=True)) if a != b]
            last = where + differ[-1] == len(form.text) - 1
            if len(differ) == 1 and not last and form.chars:
                return False  # the one-character net's
            if len(differ) == 1 and not last and not self._segmenter.lookup()(new):
                return False  # a character slip of a part, which its own entry judges
            if len(differ) == 1 and any(
                new[differ[0]] in group and old[differ[0]] in group for group in net.interchangeable
            ):
                return False
        return True

    def _open_slip(self, net: _FormsNet, form: _Form, at: int, old: str, new: str) -> bool:
        """``new`` standing for the word ``old`` at ``at`` in an open slot
        (:func:`_open_slots`) is an editor's word put for the form's: Han characters, no
        function character nor numeral, not one of an interchangeable group for another
        (人才强省战略), and a dictionary word when longer than one character (政治 → 思想,
        not a typo's pair of characters, which the one-character net judges); a noun for a
        noun unless the slot is long-anchored (:func:`_long_slot`)."""
        if new == old or not all(map(is_han, new)):
            return False
        if net.function_chars & set(new) or NUMERALS & set(new):
            return False
        if len(new) != len(old):  # a long-anchored slot's longer or shorter word
            return old not in new and new not in old and self._segmenter.lookup()(new)
        differ = [i for i, (a, b) in enumerate(zip(new, old, strict=True)) if a != b]
        if len(differ) == 1 and any(
            new[differ[0]] in group and old[differ[0]] in group for group in net.interchangeable
        ):
            return False
        if len(new) > 1 and not self._segmenter.lookup()(new):
            return False
        # nouns only: real text puts other verbs into a formulation freely (以高水平安全护航
        # 高质量发展, 保持经济增长在合理区间), an editor's slip in a core formulation is mostly
        # a noun of the same field (以党的思想建设为统领, 以群众为中心的发展思想); where the
        # form stands long on both sides, any word (依法执政 in …依法治国有机统一)
        if _long_slot(form, at, len(old)):
            return True
        return all(_noun(self._segmenter.tag(word)) for word in (old, new))

    def _dictionary_word(self, new: str, old: str, loose: bool) -> bool:
        """A word put in a ``tail`` or ``loose`` slot (see :func:`_slots`) is a dictionary
        word, and in a loose slot one as long as the word it replaces sharing a character with
        it (全方位 for 全过程, 奢侈 for 奢靡): an editor's near word, not other wording."""
        if loose and (len(new) != len(old) or not set(new) & set(old)):
            return False
        return self._segmenter.lookup()(new)

    def _boundary(self, text: str, at: int) -> bool:
        """A word starts or ends at ``at`` (a form's first or last word replaced stands on its
        own, not inside a longer word that goes on: 交往交流交汇 but not 交往交流交心得)."""
        if at <= 0 or at >= len(text) or not is_han(text[at]) or not is_han(text[at - 1]):
            return True
        lo = max(0, at - 2)
        return at in self._segmenter.cuts(text[lo : at + 3], lo)

    def _variant(
        self, net: _FormsNet, text: str, form: _Form, start: int, head: bool, near: bool
    ) -> _Variant | None:
        """The span of a variant of ``form`` that would start at ``start`` if nothing were
        inserted, and where its character was replaced (None: an insertion); its first half
        (``head``) or its second half is intact. None: no variant. ``near``: a character
        next to the intact half is as in the form (without it, no character was replaced)."""
        n, split = len(form.text), form.split
        changed = (
            _one_change(text, start, form.text, split if head else 0, n if head else split)
            if near
            else None
        )
        if changed is not None:
            typo_like = changed > 0 and changed < n - 1
            typo_like = typo_like and self._typo_like(net, text, start + changed, form, start)
            if typo_like:
                return start, start + n, start + changed
            # no slip, but maybe the start of an insertion: the inserted string stands where
            # the form's last characters were (阿拉伯联合酋长王国: 王 where 国 stood)
        for gap in range(1, net.max_inserted + 1):
            begin = start if head else start - gap  # an insertion before the intact half
            if begin < 0:
                break
            window = text[begin : begin + n + gap]
            # an insertion leaves both ends of the form in place (most windows end here)
            if window[:1] != form.text[:1] or window[-1:] != form.text[-1:]:
                continue
            at = common_prefix_length(window, form.text)
            if 0 < at < n and window[at + gap :] == form.text[at:]:
                inserted = window[at : at + gap]
                # beside a conjunction of the form the text names the parts the form joins
                # (圣多美岛和普林西比岛 for 圣多美和普林西比), it does not misspell the whole
                joint = net.function_chars & {form.text[at - 1], form.text[at]}
                if all(map(is_han, inserted)) and not net.function_chars & set(inserted) | joint:
                    return begin, begin + n + gap, None
                return None
        return None

    def _typo_like(self, net: _FormsNet, text: str, at: int, form: _Form, start: int) -> bool:
        """The character replaced at ``at`` reads as a slip, not as another wording:
        * neither it nor the one it replaces is a function character (中国的现代化, 全党以
          自我革命精神);
        * the two are not of one interchangeable group (人才强省战略 beside 人才强国战略);
        * not after a character the form repeats: 共建共治共享 and 不敢腐、不能腐 are parallel
          patterns that real text fills with other words (共建共管共享);
        * the dictionary cuts it off as a character of its own: the substitute does not
          make a word with a neighbour (中国优秀传统文化, 全面从严管党治党 are real wordings),
          unless the forms are names fixed to the character (``fixed_names``) or the
          character lies in the part a list item shares with another item
          (:func:`_parallel_part`: 精准扶贫、精确脱贫, where the near word 精确 breaks the
          list's parallel 精准…、精准…; real text rewords a list, not one item's shared part)
          or inside an item of a list of :data:`LIST_ITEMS` or more items (:func:`_list_item`:
          安全第一、预防为主、综合管理): with every other item intact around it, the list is
          quoted, and one item with a near word in it is misquoted.
        A frozen slogan (``ProtectedEntry.frozen``) is held only to the interchangeable groups
        and takes a conjunction for a list separator."""
        new, old = text[at], form.text[at - start]
        if any(new in group and old in group for group in net.interchangeable):
            return False
        if not is_han(old) and new in net.function_chars:
            return False  # a list's last 、 written 和 (知情权、参与权、表达权和监督权)
        if form.frozen:
            return True  # a slogan takes no other character, not even a function one
        if new in net.function_chars or old in net.function_chars:
            return False
        if _parallel_part(form.text, at - start) or _list_item(form.text, at - start):
            return True  # one item of a fixed list changed (精准…、精确…; …、综合管理)
        before = form.text[at - start - 1]
        places = [i for i, ch in enumerate(form.text) if ch == before]
        if any(b - a > 1 for a, b in itertools.pairwise(places)):
            return False  # 共… 共… (not 人民民主: one character doubled is no pattern)
        if net.fixed:
            return True  # a name takes no other word (住房和城市建设局)
        lo = max(0, at - 3)
        cuts = self._segmenter.cuts(text[lo : at + 4], lo)
        return at in cuts and at + 1 in cuts

    def _judge(
        self,
        net: _FormsNet,
        scan: ScanInput,
        form: _Form,
        start: int,
        end: int,
        changed: int | None,
    ) -> Candidate | None:
        if scan.view.text[start:end] in net.known:
            return None
        lo, hi = scan.view.to_original(start, end)
        # a correct form of another entry (习近平法治思想 beside 习近平经济思想), or inside one;
        # or a shorter correct form followed by other words, the replaced character right
        # after it (国家卫生健康委|已会同; not 五位一体|总时布局, a slip; nor an insertion
        # right after one, the error itself: 习近平|总书记|新时代…)
        after = scan.view.to_original(changed, changed + 1)[0] if changed is not None else -1
        if any((p <= lo and hi <= q) or (p == lo and q == after) for p, q in scan.protected):
            return None
        # a string the lexicons list: its own entry judges it, with its dates and context
        # (全面建设小康社会 was the official wording until 2012); for a replaced character,
        # only one listed where it stands (not 有效率, a medical claim's word, in 更有效率、
        # 更加公平、更可继续)
        lo_at, hi_at = (lo, hi) if changed is None else scan.view.to_original(changed, changed + 1)
        if any(p < hi_at and lo_at < q for p, q in scan.listed):
            return None
        if form.valid_from is not None and dated_before(
            scan.folded, lo, hi, form.valid_from, scan.date
        ):
            return None  # text about a time before the formulation existed
        return Candidate(lo, hi, form.entry, form.shown, self_dated=True, tentative=True)


_Variant = tuple[int, int, int | None]  # (start, end, where a character was replaced)


class _Slot(NamedTuple):
    """A word of a frozen form that :meth:`FuzzyFormFinder._find_words` looks for replaced:
    the form's text before it (``where`` characters) is the anchor, or with ``tail`` the text
    after it; ``loose``: only a near word goes in (see :func:`_slots`)."""

    net: _FormsNet
    form: _Form
    where: int
    old: str
    tail: bool = False
    loose: bool = False
    opened: bool = False  # an open slot (:func:`_open_slots`)


def _open_slots(form: _Form) -> Iterator[tuple[int, str, bool]]:
    """The words of a form that the open word net (``FuzzyForms.words``) looks for replaced
    by another word as long, as (offset, word, tail): a word of one to three Han characters
    (a four-character word counts as two of two) with 3 or more characters of the form on
    each side and 8 or more in all, or 7 or more on one side (以人民为中心的发展思想),
    or its last word or character with 8 or more before it (藏粮于地、藏粮于技); ``tail``:
    the longer intact side, the anchor, is the one after it. A form's first word is never
    one: any text may stand before it. A slot with long anchors on both sides
    (:func:`_long_slot`) takes any word, one character longer or shorter too."""
    text, n = form.text, len(form.text)
    cuts = sorted({0, *form.cuts, n})
    cuts += [lo + 2 for lo, hi in itertools.pairwise(cuts) if hi - lo == 4]
    words = set(itertools.pairwise(sorted(cuts))) | {(n - 1, n)}
    for lo, hi in sorted(words):
        word = text[lo:hi]
        if lo == 0 or len(word) > 3 or not all(map(is_han, word)):
            continue
        before, after = lo, n - hi
        if after == 0:
            ok = before >= 8
        else:
            ok = (min(before, after) >= 3 and before + after >= 8) or max(before, after) >= 7
        if ok:
            yield lo, word, after > before


LONG_SIDE, LONG_ALL, LONG_ALL_FROZEN = 4, 12, 9
"""An open slot with this many characters of the form intact on each side and in all (in a
frozen form, whose wording real text never changes: LONG_ALL_FROZEN) is long-anchored: a
verb put for a verb (党的领导、人民当家作主、依法执政有机统一, 务必敢于担当、善于斗争) or
a word one character longer or shorter is a slip there too. Set on 新闻联播 2025-2026 held
out of the variant list: 以高水平安全护航高质量发展 (6 + 5), 保持经济增长在合理区间 (4 + 5),
新就业形态人员权益保障 (5 + 4) are real wordings of forms that are not frozen."""


def _long_slot(form: _Form, at: int, width: int) -> bool:
    """The open slot of ``width`` characters at ``at`` in ``form`` is long-anchored."""
    before, after = at, len(form.text) - at - width
    need = LONG_ALL_FROZEN if form.frozen else LONG_ALL
    return min(before, after) >= LONG_SIDE and before + after >= need


def _lengths(slot: _Slot) -> tuple[int, ...]:
    """The lengths of word :meth:`FuzzyFormFinder._find_words` looks for in ``slot``."""
    if slot.opened:
        return _slot_widths(slot.form, slot.where, slot.old)
    if slot.loose or slot.tail or slot.where + len(slot.old) == len(slot.form.text):
        return (len(slot.old),)
    return (1, 2, 3)


def _slot_widths(form: _Form, at: int, old: str) -> tuple[int, ...]:
    """The lengths of word looked for in the open slot of ``old``: its own, and one more or
    one less (never one character) in a long-anchored slot (:func:`_long_slot`)."""
    if not _long_slot(form, at, len(old)):
        return (len(old),)
    return tuple(w for w in (len(old) - 1, len(old), len(old) + 1) if 2 <= w <= 4 or w == len(old))


def _name_drops(loaded: LoadedRule, builder: Builder) -> Callable[[str], frozenset[str]]:
    """A rule's ``fuzzy_names`` drops (:attr:`FuzzyNames.drops_from`): for a name, its
    variants with one inner character left out, but those the rule's names or the net's
    ``seen`` list hold."""
    rule = loaded.rule
    net = rule.fuzzy_names if isinstance(rule, ProtectedRule) else None
    if net is None or net.drops_from is None:
        return lambda name: frozenset()
    shortest = net.drops_from
    chars = _seen_variants(loaded, net.chars, builder)
    skip = _seen_variants(loaded, net.seen, builder) | {
        builder.normalizer.term(correct)
        for _, item, _ in entries_of(loaded)
        if isinstance(item, ProtectedEntry)
        for correct in item.correct
    }
    longest = MIN_LENGTH_FOR_INDEL - 1  # longer names: the generator's own drops

    def drops(name: str) -> frozenset[str]:
        if not shortest <= len(name) <= longest or not chars.issuperset(name):
            return frozenset()
        made = {name[:i] + name[i + 1 :] for i in range(1, len(name) - 1) if name[i] != name[i - 1]}
        return frozenset(made - skip)

    return drops


def _seen_variants(loaded: LoadedRule, name: str, builder: Builder) -> frozenset[str]:
    """The variants of a ``FuzzyForms.words`` list: one a line, its count after #."""
    path = (loaded.path.parent / name).resolve()
    if not path.is_file():
        raise LexiconError(f"words file {name} not found ({path})", path=str(loaded.path))
    lines = path.read_text(encoding="utf-8").splitlines()
    variants = (line.split("#", 1)[0].strip() for line in lines)
    return frozenset(builder.normalizer.term(v) for v in variants if v)


def _noun(tag: str | None) -> bool:
    """A dictionary tag of a noun (n, nr, ns, nz, ng …; not vn, a verb used as one)."""
    return tag is not None and tag.startswith("n")


def _varied_slots(forms: list[_Form], known: frozenset[str]) -> frozenset[tuple[str, int]]:
    """The open slots (:func:`_open_slots`) that real text fills with two or more other words
    of a length the slot takes (:func:`_slot_widths`): ``known`` (the background variants)
    holds the form with them."""
    fillers: dict[tuple[str, int, int, str], set[str]] = {}
    for k in known:
        for at in range(1, len(k)):
            for width in (1, 2, 3, 4):
                if at + width <= len(k):
                    key = (k[:at], at, width, k[at + width :])
                    fillers.setdefault(key, set()).add(k[at : at + width])
    varied = set()
    for form in forms:
        for at, old, _ in _open_slots(form):
            head, rest = form.text[:at], form.text[at + len(old) :]
            found = set().union(
                *(fillers.get((head, at, w, rest), set()) for w in _slot_widths(form, at, old))
            )
            if len(found - {old}) >= 2:
                varied.add((form.text, at))
    return frozenset(varied)


def _slots(form: _Form) -> Iterator[tuple[int, str, bool, bool]]:
    """The words of a frozen form that may be replaced, as (offset, word, tail, loose). Real
    text rewords the short ones (人与自然和谐相处, 绿水青山变成金山银山, 交往交流交心) and fills
    a list's parallel slot with another item (党员的知情权、参与权、选举权、监督权), so a word is
    looked for only where much of the form stays intact, the longer intact side its anchor:
    * a word of one or two Han characters (a four-character word counts as two of two:
      相互促进) with 6 or more characters before it and 2 or more after it, or (``tail``: the
      anchor after it, the new word a dictionary word as long as it) 2 or more before and 6
      or more after (巩固提升脱贫攻坚成果, 以深化需求侧结构性改革为主线; not a title put
      for another: 确立习近平总书记党中央的核心 is real text);
    * the last word, or the one before a last character, or the last character alone
      (the one-character net never replaces a form's first or last character), with 9 or
      more before it (永远在途中, 相互补充 in 以国内大循环为主体、…, 不是用来投资的);
    * else (``loose``) a word of two or three characters with 4 or more intact on one side,
      replaced only by a dictionary word as long as it that shares a character with it
      (全方位人民民主 for 全过程人民民主), unless another word of the form begins or ends
      as it does (交融 of 交往交流交融: real text fills the pattern, 交往交流交心);
    * never the varying part of a list item shaped like another item (表达 of 表达权 beside
      知情权; but 路上 of 党的自我革命永远在路上 beside 全面从严治党永远在路上 is no slot
      of a pattern)."""
    text, n = form.text, len(form.text)
    cuts = sorted({0, *form.cuts, n})
    cuts += [lo + 2 for lo, hi in itertools.pairwise(cuts) if hi - lo == 4]
    words = set(itertools.pairwise(sorted(cuts))) | {(n - 1, n)}
    items = [m.span() for m in _ITEM.finditer(text)]
    for lo, hi in sorted(words):
        word = text[lo:hi]
        if len(word) > 3 or not all(map(is_han, word)):
            continue
        a, b = next((a, b) for a, b in items if a <= lo and hi <= b)
        head, tail = text[a:lo], text[hi:b]
        if any(
            q - p == b - a and text.startswith(head, p) and text[p:q].endswith(tail)
            for p, q in items
            if (p, q) != (a, b)
        ):
            continue  # a parallel slot (表达 in 知情权、参与权、表达权)
        before, after = lo, n - hi
        if len(word) <= 2 and ((before >= 6 and after >= 2) or (before >= 9 and after <= 1)):
            yield lo, word, False, False
        elif len(word) <= 2 and before >= 2 and after >= 6:
            yield lo, word, True, False
        elif len(word) >= 2 and max(before, after) >= 4 and not _patterned(text, lo, hi, words):
            yield lo, word, after > before, True


def _patterned(text: str, lo: int, hi: int, words: set[tuple[int, int]]) -> bool:
    """The word ``text[lo:hi]`` is one of a pattern: another word of two or more characters
    begins or ends with its character (交往交流交融, 共建共治共享)."""
    return any(
        (p, q) != (lo, hi) and q - p >= 2 and (text[p] == text[lo] or text[q - 1] == text[hi - 1])
        for p, q in words
    )


_ITEM = re.compile(r"[^、，,；;]+")  # a list's items

PARALLEL_PART = 2
"""The shortest beginning or ending two items of a list must share for
:func:`_parallel_part` (精准 of 精准扶贫、精准脱贫; not 不 of 不敢腐、不能腐, a pattern real
text fills with other words)."""


LIST_ITEMS = 3
"""The fewest items of a list form in which :func:`_list_item` takes any inner character of
an item replaced as a slip."""


def _list_item(form: str, at: int) -> bool:
    """Character ``at`` of ``form`` lies inside an item of a list of :data:`LIST_ITEMS` or
    more items, not at the item's first character (综合治理 of 安全第一、预防为主、综合治理:
    综合管理 is the list misquoted; the one-character net never tests the form's first and
    last characters)."""
    items = [m.span() for m in _ITEM.finditer(form)]
    if len(items) < LIST_ITEMS:
        return False
    return any(a < at < b for a, b in items)


def _parallel_part(form: str, at: int) -> bool:
    """Character ``at`` of ``form`` lies in the beginning (or ending) of
    :data:`PARALLEL_PART` or more characters that its list item shares with another item of
    the form (精准 of 精准扶贫、精准脱贫, 意识 of 政治意识、大局意识): replaced in one item
    only, the list is no longer parallel, whatever word the new character makes."""
    items = [m.span() for m in _ITEM.finditer(form)]
    mine = next(((a, b) for a, b in items if a <= at < b), None)
    if mine is None or len(items) < 2:
        return False
    a, b = mine
    for p, q in items:
        if (p, q) == mine:
            continue
        head = common_prefix_length(form[a:b], form[p:q])
        if head >= PARALLEL_PART and at < a + head:
            return True
        tail = common_prefix_length(form[a:b][::-1], form[p:q][::-1])
        if tail >= PARALLEL_PART and at >= b - tail:
            return True
    return False


def _near_chars(
    tests: tuple[_Test, ...],
) -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]] | None:
    """The characters next to a half that make one of its forms near (see
    :meth:`FuzzyFormFinder.find`): the first and second characters after it of the forms it
    begins, and before it of those it ends; None when a form may take an insertion (tested
    whether near or not)."""
    if any(test.inserting for test in tests):
        return None
    heads = [test for test in tests if test.head]
    tails = [test for test in tests if not test.head]
    return (
        frozenset(test.first_char for test in heads),
        frozenset(test.second_char for test in heads),
        frozenset(test.first_char for test in tails),
        frozenset(test.second_char for test in tails),
    )


class _Test(NamedTuple):
    """What a hit of one half of ``form`` (``head``: the first) tests first, as offsets from
    the hit: the two characters of the other half next to the intact one (right after the
    hit for all the forms a half begins, right before it for all it ends: when one of them is
    as in the form, one character may have been replaced, else at least two differ), where
    the form would start, and its far end, where a replaced character never stands
    (:meth:`_variant`): a form no insertion may change is looked at only where its far end
    is in place."""

    net: _FormsNet
    form: _Form
    head: bool
    start: int
    first_char: str
    second_char: str
    inserting: bool
    text: str
    far: int
    far_char: str

    @classmethod
    def of(cls, net: _FormsNet, form: _Form, head: bool) -> _Test:
        text, split = form.text, form.split
        if head:  # the second half follows the hit at split; the form starts at the hit
            start, first, second, far = 0, text[split], text[split + 1], len(text) - 1
        else:  # the first half precedes the hit, which is at split
            start, first, second, far = -split, text[split - 1], text[split - 2], -split
        far_char = text[-1] if head else text[0]
        return cls(net, form, head, start, first, second, net.max_inserted > 0, text, far, far_char)


def _one_change(text: str, start: int, form: str, lo: int, hi: int) -> int | None:
    """Where ``text`` at ``start`` reads ``form`` with exactly one character of
    ``form[lo:hi]`` replaced by another Chinese character (the rest is known to match);
    numerals are neither replaced nor replacing (a changed number names another real
    meeting or plan). None if it does not."""
    if start + len(form) > len(text):
        return None
    at = -1
    for i in range(lo, hi):
        if text[start + i] != form[i]:
            at = i
            break
    # the rest compared at once (most texts differ in a second character too)
    if at < 0 or text[start + at + 1 : start + hi] != form[at + 1 : hi]:
        return None
    new, old = text[start + at], form[at]
    return at if is_han(new) and new not in NUMERALS and old not in NUMERALS else None


KIND = Protected()


class NameWords(NamedTuple):
    """An organisation-name table (``ProtectedRule.name_words``): a word of a name -> the near
    words written in its place anywhere in it (``words``) or at its end only (``ends``)."""

    words: dict[str, tuple[str, ...]]
    ends: dict[str, tuple[str, ...]]


MIN_NAME_VARIANT = 6
"""A name's variant this long at least: a shorter one (欧洲组织 of 欧洲联盟) reads as other
text."""


def _name_table(loaded: LoadedRule, name: str) -> NameWords:
    """The table ``name`` (a path from the rule file): one line a word, the words written in
    its place (comma-separated), ``word`` or ``end`` (where it is replaced), then why."""
    path = (loaded.path.parent / name).resolve()
    if not path.is_file():
        raise LexiconError(f"name_words file {name} not found ({path})", path=str(loaded.path))
    table = NameWords({}, {})
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        word, others, place, *_ = line.split("\t")
        if place not in ("word", "end"):
            raise LexiconError(f"{name}: place {place!r} is neither word nor end", path=str(path))
        into = table.words if place == "word" else table.ends
        into[word] = into.get(word, ()) + tuple(others.split(","))
    return table


def name_variants(name: str, table: NameWords, cut: Callable[[str], list[str]]) -> set[str]:
    """``name`` (normalized) with a word replaced by a near word of ``table.words`` (the word
    within one word of the dictionary cut of the name, or whole words of it, never part of
    two: 合作 in 上海|合作|组织) or its end by one of ``table.ends`` (基金组织 → 基金会;
    not one that starts with the two characters before it); variants shorter than
    :data:`MIN_NAME_VARIANT` are left out. Also the name with an inner word of two characters
    or more left out, :data:`MIN_NAME_DROP` characters or more remaining and no conjunction
    next to the gap (海湾国家合作委员会)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for word in cut(name):
        spans.append((pos, pos + len(word)))
        pos += len(word)
    cuts = {a for a, _ in spans} | {pos}

    def one_word(at: int, end: int) -> bool:
        return (at in cuts and end in cuts) or any(a <= at and end <= b for a, b in spans)

    found: set[str] = set()
    for word, others in table.words.items():
        at = name.find(word)
        while at >= 0:
            if one_word(at, at + len(word)):
                found.update(name[:at] + other + name[at + len(word) :] for other in others)
            at = name.find(word, at + 1)
    for word, others in table.ends.items():
        at = len(name) - len(word)
        if at > 0 and name.endswith(word) and one_word(at, len(name)):
            # not a suffix that repeats the word before it (国际货币基金 + 基金会)
            found.update(name[:at] + o for o in others if not name[:at].endswith(o[:2]))
    found = {v for v in found if len(v) >= MIN_NAME_VARIANT}
    # an inner word of two characters or more left out, where the rest is long and no
    # conjunction is left dangling (海湾国家合作委员会, not 欧洲安全与组织)
    for a, b in spans[1:-1]:
        long = b - a >= 2 and len(name) - (b - a) >= MIN_NAME_DROP
        if long and not {name[a - 1], name[b]} & _CONJUNCTIONS:
            found.add(name[:a] + name[b:])
    found.discard(name)
    return found


MIN_NAME_DROP = 7
"""A name with a word left out this long at least (集体安全组织 and 国际发展基金 read as
other bodies or generic words)."""
_CONJUNCTIONS = frozenset("和与及")
