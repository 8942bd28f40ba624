"""Kind ``division``: place names checked against the register of administrative divisions.

Every county and prefecture of China, with its province, is a fact of the national register
(GB/T 2260), so two errors nobody needs to list can be found by lookup:

* ``province``: a place written right after a province that it does not belong to (甘肃银川:
  银川 is in 宁夏); every name a code ever carried counts, so archive text using a place's
  name of its time is not flagged;
* ``autonomous``: an autonomous prefecture, county or banner whose ethnic groups are
  written in another order or with one missing or added (黔东南侗族苗族自治州 for
  黔东南苗族侗族自治州): the place before the groups names the unit, the register its
  official name; or an ordinary county or banner of the register, which no autonomous unit
  of that name ever was, called autonomous (丹巴藏族自治县 for 丹巴县);
* ``province_bureau`` and ``local_hall``: a department named for another level of
  government: a province's departments are 厅 (省教育厅), a city's or county's are 局
  (市教育局), for the functions the rule lists; municipalities, whose names vary, are left
  alone; ``province_commission``: a function whose provincial department is a 委员会
  (省发展和改革委员会, 省卫生健康委员会: the rule's ``commissions``) written with 厅 or 局
  after a province (省发展和改革厅); ``bureau_hall``: a function whose department is a 局
  at every level (统计局, 医疗保障局: the rule's ``bureaus``) written with 厅 or 总局
  after a province, city or county (省统计厅, 县市场监督管理总局); ``local_ministry``: any
  of these functions written with the 部 of a State Council ministry after a province,
  city or county (县退役军人事务部, 省教育部), suggesting the level's suffix; the Party
  committees' departments (组织部, 宣传部) are no such function, and 部 beginning a word
  (部门, 部分, 部署) names no body;
* ``misspelt``: a place name with one character replaced by one a writer confuses with it
  (山东荷泽 for 菏泽, 湖南来阳市 for 耒阳市, 郑州市荣阳市 for 荥阳市), where the text says
  it is a place: right after its province, or written with its unit's suffix right after
  another place (of the same province). The written form must be no registered name and no
  common dictionary word, and exactly one unit must be that close to it. In a strong context
  any one character may be replaced, or one dropped (but the first) from a stem of three or
  more: a name written with its unit's suffix (县, 市, 区, 旗, 自治县…) right after its own
  province or a prefecture of it (江苏省雎宁县, 福州市闽候县; a 区 only after its own city:
  信阳市师河区), or a prefecture's name in 市 right before one of its counties or districts
  (齐齐哈市昂昂溪区). Several units that close leave the one whose character was replaced
  by a like one (the confusion tables pair them or give them two likenesses in common: 丕州市
  is 邳州市, not 徐州市); the stem must be no common word near a stem (佛山市高新区), hold
  no 省/市/县/区 (河北三省市), and meet neither the place before nor its suffix in a frequent
  word (山东省会城市).
* ``misspelt_anywhere``: a county or prefecture written with its suffix anywhere, one
  character off (琢州市 for 涿州市, 赴璞阳市考察 for 濮阳市), with no province or place
  around to say it is one: precise only where nothing else reads so. The written stem is
  no registered name (of any date) and no common word, one confusable character (the
  tables, or the rule's ``anywhere.likenesses`` for a place's rare characters: 璞 for 濮)
  off exactly one registered name, whose stem is a place's and no ordinary word (at most
  ``anywhere.max_stem_count`` uses in the dictionary, tagged a place); the written name never
  occurs in the large background text (``anywhere.seen``, built by
  ``scripts/build_place_slips_seen.py``), and it stands as words like check ``misspelt``'s
  strong contexts (no 城市, 超市 across the suffix).
* ``renamed``: a city, county, district or banner written by a name no unit carries any
  more, in a text about a time after the change (湖北襄樊市 for 襄阳市 since 2010, 波阳县 for
  鄱阳县, 增城市 for 增城区), suggesting the unit's name now. The unit must go on under one
  certain name: its code's next name, or its stem with another suffix new the year the old
  name ended (X县 → X区; 遵义县 became 播州区, not the older city 遵义市). Not flagged: a
  name inside a longer one or a word (内丘县, 新增城市, 陇南康县), the short form of a live
  unit (临夏州东乡县 for 东乡族自治县) unless the place before says which, a stem that is
  an ordinary word (创建平安县) away from its province or city, and history: 原襄樊市, a
  sentence about the change or the past, a document dated, or a sentence's year, before the
  year after the change. A founding verb (设立, 建立) speaks of the change only with a
  registered unit after it in its clause (设立新的黄埔区; 在萝岗区设立研发中心 does not).
* ``merged``: the same for a unit absorbed by a merger, which the register ends without
  saying who took its area: the rule's ``mergers`` name the successor (上海市闸北区 →
  静安区 since 2016) or, for a unit split, every successor (山东省莱芜市 → 济南市莱芜区、钢城区).
* ``township``: an ethnic township or town called autonomous (喇叭沟门满族自治乡 for
  喇叭沟门满族乡, X族自治镇 for X族镇): autonomy stops at the county (宪法第三十条), below
  it are 民族乡 and 民族镇; not in a sentence about the years before 1956, when the
  autonomous townships of 1952 became 民族乡, nor one about that change.

The rule names the register file (``divisions``, built by ``scripts/build_divisions.py``),
the provinces with their short forms, the official names of the ethnic groups and, for
check ``renamed``, the marks and words of history and the stems that are ordinary words.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping, Set
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, model_validator

from ..charmodel import is_han
from ..context import dated_before, sentence_bounds, sentence_year
from ..errors import LexiconError
from ..lexicon.schema import EntryBase, RuleBase, Strict
from .base import (
    AnchorSearch,
    Candidate,
    JoinedWords,
    KindDoc,
    PackedValues,
    RuleKind,
    ScanEnv,
    ScanInput,
    alternation,
    data_file,
    entries_of,
    jieba_words,
    read_pairs,
)

if TYPE_CHECKING:
    from ..compiler import Builder
    from ..lexicon.loader import LoadedRule
    from ..segment import Segmenter

Check = Literal[
    "province",
    "autonomous",
    "province_bureau",
    "local_hall",
    "province_commission",
    "bureau_hall",
    "local_ministry",
    "misspelt",
    "misspelt_anywhere",
    "renamed",
    "merged",
    "township",
]

_AUTONOMOUS = ("自治州", "自治县", "自治旗")
# an autonomous county's or banner's suffix and that of the ordinary unit it may be written
# for (丹巴藏族自治县 for 丹巴县)
_PLAIN_OF = {"自治县": "县", "自治旗": "旗"}
# the names an ethnic township or town is miswritten with (check ``township``), and what the
# 1952 autonomous townships became by 1956 (国务院关于建立民族乡若干问题的指示, 1955-12-29)
_TOWNSHIPS = ("自治乡", "自治镇")
_TOWNSHIPS_UNTIL = 1956
# what ends the word before a township's own name (怀柔区喇叭沟门满族自治乡)
_NAME_BREAKS = frozenset("省市县区旗州盟局厅委，。、；：:（）()“”‘’《》 \n\t")
# words that may open the run before it and are no part of the name (到大河回族自治乡)
_NAME_LEADS = frozenset("到在赴与和同对向从及的了为是将由")
_TOWNSHIP_HISTORY = ("改为", "改设", "改建", "更名", "撤销", "前身", "原称", "原名")
# What a unit's name is also written without (彭水县 for 彭水苗族土家族自治县, 江津 for
# 江津区): any such short form of a unit in the province makes a place acceptable there.
_SUFFIXES = ("地区", "林区", "特区", "矿区", "市", "县", "区", "盟", "旗")
# Only current prefecture-level cities are looked for without their suffix (银川): the short
# names of counties, districts and old prefectures are too often ordinary words (合作市,
# 南部县, 惠民地区) or rivers and mountains (松花江地区, 大兴安岭地区).
_BARE_TRIGGER = "市"
# a street, lane or community named after a place (天津朝阳里, 上海南京西路) is not the place
_STREET = re.compile(r"[东西南北中]?[里路街巷村镇乡道]")
# district names made only of these (城区, 老城区, 市中区) name parts of most cities
_GENERIC = set("东西南北中上下城新老郊矿市内外前后")
_LONGEST_PLACE = 12
# the suffixes a misspelt name is recognised by after another place (郑州市荣阳市)
_MISSPELT_SUFFIXES = "市县"
# what may stand right before such a name: the last character of another place's name
# (郑州市荣阳市)
_PLACE_ENDS = frozenset("省市州盟区县")
# what stands for a place's name in published samples and templates (××区, 某旗)
_MASKS = frozenset("×ＸX某")
# words ending in 市 that name no city (城市管理, 超市)
_NOT_PLACES = frozenset({"城市", "超市", "都市", "门市", "股市", "集市", "夜市", "上市", "开市"})


class DivisionEntry(EntryBase):
    check: Check
    """Which check this entry enables (its examples prove it)."""


class Merger(Strict):
    """A unit absorbed by a merger (闸北区 into 静安区): the register ends its name, but only
    the decision says which unit took its area (check ``merged``)."""

    name: str = Field(min_length=2)
    """The absorbed unit's name, as the register ends it."""
    province: str = Field(min_length=2)
    into: list[str] = Field(min_length=1)
    """The live unit (or, when its area was split, units) that took the area."""
    within: str | None = None
    """The prefecture the successors now lie in, when it changed (济南市 for 莱芜市)."""
    year: int
    """The year of the decision: the old name is right until its end."""
    source: str = Field(min_length=2)


class Anywhere(Strict):
    """Check ``misspelt_anywhere``: what a misspelt name is read by with no place around."""

    suffixes: list[str] = Field(min_length=1)
    """The units' suffixes it is written with (市, 县; 州 for an autonomous prefecture's
    short form): one character each."""
    max_stem_count: int = Field(ge=0)
    """A registered stem used more often than this in the dictionary, or tagged no place
    there, is an ordinary word too (长安, 太平): its near forms are left alone."""
    likenesses: str | None = None
    """A TSV (char, characters written for it) of likenesses the confusion tables miss,
    relative to the rule file (scripts/build_place_likenesses.py)."""
    seen: str | None = None
    """A TSV (written name, count) of near forms found in the background text, never read
    as slips, relative to the rule file (scripts/build_place_slips_seen.py)."""
    joint_min_count: int = Field(ge=1)
    """The stem's last character and the suffix making a dictionary word used this often
    (园区, 院区, 菜市) are that word, no place's end (but 州市: two suffixes)."""
    scope: list[str] = Field(default_factory=list)
    """Characters that, first in a stem ending in 州, make it a list of kinds of unit
    (地州市: 地区、州、市), no name."""


class DivisionRule(RuleBase):
    kind: Literal["division"]
    divisions: str = Field(min_length=1)
    """The register TSV (code, province, name, first year, last year), relative to the rule
    file."""
    provinces: dict[str, list[str]] = Field(min_length=1)
    """Each province-level unit's full name and the short forms it is written with."""
    ethnic_groups: list[str] = Field(default_factory=list)
    """Official names of the ethnic groups (苗族, 土家族) as autonomous units write them
    (check ``autonomous``)."""
    departments: list[str] = Field(default_factory=list)
    """Functions whose department is a 厅 in a province and a 局 in a city or county
    (教育, 公安; checks ``province_bureau`` and ``local_hall``)."""
    commissions: list[str] = Field(default_factory=list)
    """Functions whose department is a 委员会 in every province (发展和改革, 卫生健康; check
    ``province_commission``): a 厅 or 局 of them after a province names no department."""
    bureaus: list[str] = Field(default_factory=list)
    """Functions whose department is a 局 at every level, a province's too (统计, 医疗保障;
    check ``bureau_hall``): a 厅 of them after a province, city or county names none."""
    word_after_ministry: list[str] = Field(default_factory=list)
    """Characters that, right after a function's 部, make 部 begin a word (部门, 部分, 部署):
    no body's name (县教育部门; check ``local_ministry``)."""
    municipalities: list[str] = Field(default_factory=list)
    """Province-level cities (北京市): their departments follow neither pattern."""
    not_after: list[str] = Field(default_factory=list)
    """A bare 省 right after one of these is no province's name (全省教育局长会议)."""
    other_places: list[str] = Field(default_factory=list)
    """Real places the register does not name (杨凌, named 杨陵区 there), never read as a
    misspelt place (check ``misspelt``)."""
    former_marks: list[str] = Field(default_factory=list)
    """Written right before an old name, these say it is one (原襄樊市; check ``renamed``)."""
    history_words: list[str] = Field(default_factory=list)
    """In the sentence of an old name, these say it speaks of the change or of the past
    (更名, 撤县设区, 时任; check ``renamed``)."""
    founding_words: list[str] = Field(default_factory=list)
    """Verbs that speak of the change only when a unit is their object (1983年设立襄樊市):
    they say so only with a registered name after them in their clause, since they are
    ordinary verbs too (在萝岗区设立研发中心, 与塘沽区企业建立合作; check ``renamed``)."""
    suffix_words: list[str] = Field(default_factory=list)
    """Words an old name's suffix begins (区段, 区域): there the stem is a word of its own,
    not a name (长江江东区段; check ``renamed``), whatever the segmenter makes of it."""
    word_stems: list[str] = Field(default_factory=list)
    """Old names' stems that are also ordinary words (平安县 in 创建平安县, 长寿县 in 世界长寿县):
    such a name counts only right after its province or city (check ``renamed``; common
    dictionary words not tagged as places are added by themselves)."""
    mergers: list[Merger] = Field(default_factory=list)
    """Units absorbed by mergers, each with the units that took its area (check ``merged``)."""
    anywhere: Anywhere | None = None
    """Check ``misspelt_anywhere``'s suffixes, threshold and data files."""
    entries: list[DivisionEntry] = Field(min_length=1)

    @model_validator(mode="after")
    def _data_for_checks(self) -> DivisionRule:
        checks = {e.check for e in self.entries}
        if ("merged" in checks) != bool(self.mergers):
            raise ValueError("check merged and mergers go together")
        if ("misspelt_anywhere" in checks) != (self.anywhere is not None):
            raise ValueError("check misspelt_anywhere and anywhere go together")
        if "misspelt_anywhere" in checks and "misspelt" not in checks:
            raise ValueError("check misspelt_anywhere needs check misspelt (its tables)")
        if "merged" in checks and "renamed" not in checks:
            raise ValueError("check merged needs check renamed (its marks and words)")
        if checks & {"autonomous", "township"} and not self.ethnic_groups:
            raise ValueError("checks autonomous and township need ethnic_groups")
        if checks & {"province_bureau", "local_hall"} and not self.departments:
            raise ValueError("checks province_bureau and local_hall need departments")
        if ("province_commission" in checks) != bool(self.commissions):
            raise ValueError("check province_commission and commissions go together")
        if ("bureau_hall" in checks) != bool(self.bureaus):
            raise ValueError("check bureau_hall and bureaus go together")
        if ("local_ministry" in checks) != bool(self.word_after_ministry):
            raise ValueError("check local_ministry and word_after_ministry go together")
        if "local_ministry" in checks and not self.departments:
            raise ValueError("check local_ministry needs departments")
        return self


@dataclass(frozen=True)
class _Unit:
    """An autonomous unit as the register names it."""

    name: str
    current: bool


@dataclass
class _Data:
    checks: dict[str, int]
    provinces: dict[str, tuple[str, str]]  # written form -> (full name, form of that kind)
    short_of: dict[str, str]  # full name -> its first short form
    places: frozenset[str]  # what is looked for after a province: full names, city names
    lies_in: dict[str, frozenset[str]]  # a place's short form -> provinces with such a unit
    home: dict[str, str]  # a place looked for -> the province of its unit (current first)
    units: dict[tuple[str, str], list[_Unit]]  # (place before the groups, 自治州) -> units
    groups: str  # regex alternation of the ethnic group names
    unit: re.Pattern[str]  # an autonomous unit's name: place, ethnic groups, suffix
    departments: tuple[str, ...]
    municipalities: frozenset[str]  # full and short forms
    local: frozenset[str]  # names of cities, counties and districts outside municipalities
    not_after: tuple[str, ...]
    # check ``misspelt``: where each registered name and short form lies; the common words
    # of the dictionary one character off a place; per province, its units' names (full
    # and short) under each form with one character masked (菏泽 → ?泽, 菏?); the same for
    # the three-character names ending in 市 or 县 of all provinces; what each character of
    # a name is confused with
    registered: dict[str, frozenset[str]] | None = None
    common: frozenset[str] = frozenset()
    near_in: Mapping[str, dict[str, tuple[str, ...]]] | None = None
    near_suffixed: dict[str, tuple[str, ...]] | None = None
    confused: dict[str, str] | None = None
    other_places: frozenset[str] = frozenset()
    # check ``misspelt`` in the strong contexts (any one character changed or dropped): per
    # province, its units' names under their near forms (see _near_keys); the prefectures'
    # names so; the provinces of each prefecture's and each county's or district's name;
    # where (first four digits of the code) each name lies; the common words near a stem;
    # frequent two-character words of a suffix or 省
    near_unit: Mapping[str, dict[str, tuple[str, ...]]] | None = None
    near_prefecture: dict[str, tuple[str, ...]] | None = None
    prefectures: dict[str, frozenset[str]] | None = None
    counties: dict[str, frozenset[str]] | None = None
    within: dict[str, frozenset[str]] | None = None
    strong_common: JoinedWords = field(default_factory=lambda: JoinedWords(()))
    frequent: frozenset[str] = frozenset()
    neighbours: dict[str, str] = field(default_factory=dict)  # each character's confusables
    # check ``misspelt_anywhere``: every registered name with an anywhere suffix under each
    # form with one stem character masked (涿州市 → ?州市, 涿?市); those of them whose stem
    # is no ordinary word; what each character is confused with (tables and likenesses);
    # the near forms seen in the background text; the suffixes
    anywhere: dict[str, tuple[str, ...]] | None = None
    distinctive: frozenset[str] = frozenset()
    anywhere_confused: dict[str, str] = field(default_factory=dict)
    seen: frozenset[str] = frozenset()
    anywhere_suffixes: str = ""
    joints: frozenset[str] = frozenset()  # 园区, 院区: stem end and suffix as one word
    scope: frozenset[str] = frozenset()
    # check ``renamed``: the old names no unit carries any more, each with the unit's name
    # now; every name the register knows; the rule's history marks and words
    renamed: dict[str, _Renamed] | None = None
    names: frozenset[str] = frozenset()
    former_marks: tuple[str, ...] = ()
    history_words: tuple[str, ...] = ()
    founding_words: tuple[str, ...] = ()
    suffix_words: tuple[str, ...] = ()
    commissions: tuple[str, ...] = ()  # check ``province_commission``
    bureaus: tuple[str, ...] = ()  # check ``bureau_hall``
    word_after_ministry: str = ""  # check ``local_ministry``
    # check ``autonomous``: the live counties and banners that are no autonomous unit (丹巴县)
    plain: frozenset[str] = frozenset()


@dataclass(frozen=True)
class _Renamed:
    """An old name (襄樊市) whose unit continues under another (襄阳市)."""

    successor: str
    year: int  # the year the new name came in: the old one may be right until its end
    province: str
    needs: frozenset[str] | None  # a place one of which must be written right before it
    check: str = "renamed"  # or ``merged``: the unit was absorbed by another
    now: tuple[str, ...] = ()  # the names today (default: the successor)


def _masked(names: set[str]) -> dict[str, tuple[str, ...]]:
    """Each name under each of its forms with one character replaced by ``?``."""
    return _filed(names, lambda name: [name[:i] + "?" + name[i + 1 :] for i in range(len(name))])


def _filed(names: set[str], keys: Callable[[str], list[str]]) -> dict[str, tuple[str, ...]]:
    """Each name under each of its ``keys``: key -> the names filed under it, sorted."""
    index: dict[str, set[str]] = {}
    for name in names:
        for key in keys(name):
            index.setdefault(key, set()).add(name)
    return {key: tuple(sorted(found)) for key, found in index.items()}


def read_register(path: Path) -> list[tuple[str, str, str, str, str]]:
    """(code, province, name, first year, last year) rows of the register file."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 5:
            raise LexiconError(f"{path}: line {number}: expected 5 tab-separated fields")
        rows.append((fields[0], fields[1], fields[2], fields[3], fields[4]))
    return rows


def _short(name: str, unit: re.Pattern[str]) -> str:
    """A unit's name without its suffix (or its ethnic groups and suffix), when at least two
    characters are left; the name itself otherwise (城区)."""
    match = unit.fullmatch(name)
    if match is not None:
        return match.group(1)
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


class Division(RuleKind):
    name = "division"
    rule_model = DivisionRule
    doc = KindDoc(
        what="A place written after a province it does not lie in (甘肃银川); an autonomous "
        "prefecture, county or banner with its ethnic groups reordered, missing or added "
        "(黔东南侗族苗族自治州), or an ordinary county called autonomous (丹巴藏族自治县 for "
        "丹巴县); an ethnic township or town called autonomous (喇叭沟门满族自治乡 for "
        "喇叭沟门满族乡: autonomy stops at the county); a department named for another level "
        "of government (省教育局: "
        "a province's is a 厅; 市公安厅: a city's is a 局; 省发展和改革厅: a province's "
        "is a 委员会, the rule's `commissions`; 省统计厅: a 局 at every level, the rule's "
        "`bureaus`; 县退役军人事务部: 部 is a State Council ministry's, never a local "
        "government department's); a county or prefecture misspelt "
        "by one confusable character where the text says it is a place (山东荷泽 for 菏泽); a "
        "county or city written by a name its unit no longer carries, in a text about a time "
        "after the change (湖北襄樊市 for 襄阳市, 江西波阳县 for 鄱阳县, X县 made X区), or a "
        "unit since merged into another (上海市闸北区 for 静安区); with its suffix right after "
        "its province or prefecture, a name with any one character wrong or dropped "
        "(江苏省雎宁县, 福州市闽候县, 齐齐哈市); anywhere, with its suffix, a name one "
        "confusable character off one distinctive county or prefecture and never seen in "
        "the background text (琢州市 for 涿州市) — all looked up in the register of "
        "administrative divisions.",
        why="The register lists every county and prefecture with its province: such errors are "
        "found by lookup, not by listing each wrong form.",
        example="- check: province\n# → flags 甘肃银川 (银川 lies in 宁夏), not 宁夏银川",
    )

    def computed_suggestion(self, entry: EntryBase) -> bool:
        return True

    def compile(self, loaded: LoadedRule, builder: Builder) -> None:
        rule = loaded.rule
        assert isinstance(rule, DivisionRule)
        rule_index = builder.add_rule(loaded)
        checks: dict[str, int] = {}
        for _, entry, line in entries_of(loaded):
            assert isinstance(entry, DivisionEntry)
            checks[entry.check] = builder.add_entry(rule_index, entry, line)
        register = data_file(loaded, rule.divisions, "register")
        fold = builder.normalizer.fold
        # (no groups given: no name parses as an autonomous unit)
        groups = alternation(fold(g) for g in rule.ethnic_groups)
        unit = re.compile(rf"(.+?)((?:{groups})+)({'|'.join(_AUTONOMOUS)})")
        provinces: dict[str, tuple[str, str]] = {}
        short_of: dict[str, str] = {}
        for full, shorts in rule.provinces.items():
            provinces[fold(full)] = (full, full)
            for short in shorts:
                provinces[fold(short)] = (full, "short")
            short_of[full] = shorts[0] if shorts else full
        municipalities = {fold(m) for m in rule.municipalities}
        for full in rule.municipalities:
            municipalities.update(fold(x) for x in rule.provinces.get(full, ()))
        local: set[str] = set()
        places: set[str] = set()
        home: dict[str, str] = {}
        lies_in: dict[str, set[str]] = {}
        units: dict[tuple[str, str], list[_Unit]] = {}
        plain: set[str] = set()
        rows = read_register(register)
        for code, province, name, _, last in rows:
            if province not in rule.provinces:
                raise LexiconError(f"{register}: province {province} is not in the rule's list")
            name = fold(name)
            if province not in rule.municipalities:
                local.add(name)
            short = _short(name, unit)
            lies_in.setdefault(short, set()).add(province)
            if short != name and not set(short) <= _GENERIC:
                places.add(name)
                if not last or name not in home:
                    home[name] = province
            if code.endswith("00") and not last and name.endswith(_BARE_TRIGGER):
                places.add(short)
                home[short] = province
            match = unit.fullmatch(name)
            if match is not None:
                key = (match.group(1), match.group(3))
                units.setdefault(key, []).append(_Unit(name, not last))
            elif not last and name.endswith(tuple(_PLAIN_OF.values())) and "自治" not in name:
                plain.add(name)
        places -= set(provinces)  # 陕西重庆两地: two provinces, not a place in one
        # jieba's common words, read once for both checks that need them
        words = _common_words(fold) if {"misspelt", "renamed"} & set(checks) else []
        misspelt: dict[str, object] = {}
        if "misspelt" in checks:
            misspelt = _misspelt_tables(
                rows,
                rule,
                fold,
                unit,
                lambda ch: builder.tables.confusables(ch, tight_only=False),
                words,
                {
                    ch: builder.tables.confusables(ch, tight_only=False)
                    for ch in {*builder.tables.tight, *builder.tables.loose}
                },
            )
        if "misspelt_anywhere" in checks:
            assert rule.anywhere is not None
            misspelt.update(
                _anywhere_tables(
                    rows,
                    rule.anywhere,
                    loaded.path.parent,
                    fold,
                    unit,
                    lambda ch: builder.tables.confusables(ch, tight_only=False),
                    words,
                )
            )
        renamed: dict[str, object] = {}
        if "renamed" in checks:
            renamed = {
                "renamed": _renamed_table(rows, rule, fold, unit, _word_stems(rule, fold, words)),
                "names": frozenset(fold(name) for _, _, name, _, _ in rows),
                "former_marks": tuple(fold(w) for w in rule.former_marks),
                "history_words": tuple(fold(w) for w in rule.history_words),
                "founding_words": tuple(fold(w) for w in rule.founding_words),
                "suffix_words": tuple(fold(w) for w in rule.suffix_words),
            }
        data = _Data(
            checks,
            provinces,
            short_of,
            frozenset(places),
            {k: frozenset(v) for k, v in lies_in.items()},
            home,
            units,
            groups,
            unit,
            tuple(fold(d) for d in rule.departments),
            frozenset(municipalities),
            frozenset(local),
            tuple(fold(w) for w in rule.not_after),
            commissions=tuple(fold(c) for c in rule.commissions),
            bureaus=tuple(fold(b) for b in rule.bureaus),
            word_after_ministry="".join(fold(c) for c in rule.word_after_ministry),
            plain=frozenset(plain),
            **misspelt,  # type: ignore[arg-type]
            **renamed,  # type: ignore[arg-type]
        )
        _share_values(data)
        # (read a province at a time, after its name: kept pickled until then)
        for name in ("near_in", "near_unit"):
            table = getattr(data, name)
            if table is not None:
                setattr(data, name, PackedValues.of(table))
        rules: list[_Data] = builder.kind_data.setdefault(self.name, [])
        rules.append(data)

    def finder(self, data: Any, env: ScanEnv) -> DivisionFinder | None:
        if not data:
            return None
        # a foreign country named in a sentence may make a place in it foreign (check
        # misspelt_anywhere; 中国 aside)
        ours = {env.normalizer.fold("中国"), env.normalizer.fold("中华人民共和国")}
        countries = tuple(sorted(set(env.words.country_names) - ours, key=len, reverse=True))
        return DivisionFinder(data, env.segmenter, countries)


def _share_values(data: _Data) -> None:
    """One object for equal values in the tables' mappings: thousands of names map to the
    same few sets (lies_in: {'北京市'}, within: {'1101'}), and a scanner holds and unpickles
    each copy (~4 MB and ~5 ms of every start)."""
    shared: dict[object, object] = {}

    def share(table: dict[Any, Any]) -> dict[Any, Any]:
        if all(isinstance(v, frozenset | tuple) for v in table.values()):
            return {k: shared.setdefault(v, v) for k, v in table.items()}
        if all(isinstance(v, dict) for v in table.values()):  # per province (near_in)
            return {k: share(v) for k, v in table.items()}
        return table

    for name, table in vars(data).items():
        if isinstance(table, dict):
            setattr(data, name, share(table))


def _misspelt_tables(
    rows: list[tuple[str, str, str, str, str]],
    rule: DivisionRule,
    fold: Callable[[str], str],
    unit: re.Pattern[str],
    confusables: Callable[[str], str],
    words: list[tuple[str, str, int]],
    neighbours: dict[str, str],
) -> dict[str, object]:
    """The data of check ``misspelt`` (see :class:`_Data`), from the register's ``rows``
    and jieba's common ``words``."""
    registered: dict[str, set[str]] = {}
    by_province: dict[str, set[str]] = {}
    suffixed: set[str] = set()
    # the strong contexts: each province's names with their suffix, the prefectures, the
    # counties and districts; where (code's first four digits) each lies
    unit_names: dict[str, set[str]] = {}
    prefectures: dict[str, set[str]] = {}
    counties: dict[str, set[str]] = {}
    within: dict[str, set[str]] = {}
    for code, province, name, _, _ in rows:
        name = fold(name)
        short = _short(name, unit)
        for form in (name, short):
            registered.setdefault(form, set()).add(province)
        if set(short) <= _GENERIC or len(short) < 2:
            continue  # 城区, 市中区: no one place's name
        by_province.setdefault(province, set()).update((name, short))
        if len(name) == 3 and name[-1] in _MISSPELT_SUFFIXES:
            suffixed.add(name)
        if _unit_split(name) is None:
            continue
        within.setdefault(name, set()).add(code[:4])
        unit_names.setdefault(province, set()).add(name)
        (prefectures if code.endswith("00") else counties).setdefault(name, set()).add(province)
    for full, shorts in rule.provinces.items():
        for form in (full, *shorts):
            registered.setdefault(fold(form), set()).add(full)
    chars = {ch for names in by_province.values() for name in names for ch in name}
    confused = {ch: confusables(ch) for ch in chars}
    near_in = {p: _masked(names) for p, names in by_province.items()}
    near_suffixed = _masked(suffixed)
    # ordinary words one character off a place (中小 beside 中山, 大城 in 大城市) are known
    # text; jieba's dictionary also lists some misspelt names, so only its common words
    # count (毫州 is there 24 times, 小城 495)
    # (all masks merged into one index: ~10^5 words each looked up once per place, not once
    # per province)
    merged: dict[str, tuple[str, ...]] = {}
    for index in (*near_in.values(), near_suffixed):
        for key, names in index.items():
            merged[key] = merged.get(key, ()) + names
    common = {
        word
        for word, _, _ in words
        if len(word) <= 3 and word not in registered and _one_off(word, [merged], confused)
    }
    near_unit = {p: _near_keys(names) for p, names in unit_names.items()}
    near_prefecture = _near_keys(set(prefectures))
    stems = _near_keys({_unit_split(n)[0] + "?" for n in within}, suffix=1)  # type: ignore[index]
    # common words that are a unit's stem (or name) one character changed, dropped or not
    # (高新 beside 高明: 佛山市高新区 is the zone, no misspelt 高明区); words this frequent
    # across the suffix or the place before (城市 in 山东省会城市, 省会) are no place's
    strong_common = {
        word
        for word, _, _ in words
        if word not in registered and any(k in stems for k in _written_keys(word + "?", len(word)))
    }
    frequent = {
        word
        for word, _, count in words
        if len(word) == 2 and count >= _FREQUENT and set(word) & set("省市州盟区县旗")
    }
    return {
        "registered": {form: frozenset(p) for form, p in registered.items()},
        "common": frozenset(common),
        "near_unit": near_unit,
        "near_prefecture": near_prefecture,
        "prefectures": {n: frozenset(p) for n, p in prefectures.items()},
        "counties": {n: frozenset(p) for n, p in counties.items()},
        "within": {n: frozenset(p) for n, p in within.items()},
        "strong_common": JoinedWords(strong_common),  # (read only by _stands: rare)
        "frequent": frozenset(frequent),
        "neighbours": neighbours,
        "near_in": near_in,
        "near_suffixed": near_suffixed,
        "confused": confused,
        "other_places": frozenset(fold(x) for x in rule.other_places),
    }


def _anywhere_names(
    rows: list[tuple[str, str, str, str, str]],
    suffixes: str,
    fold: Callable[[str], str],
    unit: re.Pattern[str],
) -> set[str]:
    """Check ``misspelt_anywhere``: the registered names (any date) of a two- or
    three-character stem written with one of ``suffixes`` (an autonomous unit by its short
    form: 恩施州)."""
    out: set[str] = set()
    for _, _, raw, _, _ in rows:
        name = fold(raw)
        match = unit.fullmatch(name)
        if match is not None:
            stem, suffix = match.group(1), match.group(3)[-1]
        else:
            split = _unit_split(name)
            if split is None:
                continue
            stem, suffix = split
        if suffix in suffixes and 2 <= len(stem) <= 3 and not set(stem) <= _GENERIC:
            out.add(stem + suffix)
    return out


def _anywhere_tables(
    rows: list[tuple[str, str, str, str, str]],
    anywhere: Anywhere,
    here: Path,
    fold: Callable[[str], str],
    unit: re.Pattern[str],
    confusables: Callable[[str], str],
    words: list[tuple[str, str, int]],
) -> dict[str, object]:
    """The data of check ``misspelt_anywhere`` (see :class:`_Data`)."""
    suffixes = "".join(fold(s) for s in anywhere.suffixes)
    names = _anywhere_names(rows, suffixes, fold, unit)
    likenesses = (
        {fold(k): fold(v) for k, v in read_pairs(here / anywhere.likenesses).items()}
        if anywhere.likenesses
        else {}
    )
    seen = set(read_pairs(here / anywhere.seen)) if anywhere.seen else set()
    # a stem the dictionary gives as a word of its own (太平, 和平 tagged no place) or uses
    # this often (长安) is no place's alone
    ordinary = {w for w, tag, count in words if tag != "ns" or count > anywhere.max_stem_count}
    chars = {ch for name in names for ch in name[:-1]}
    return {
        "anywhere": _filed(names, lambda n: [n[:i] + "?" + n[i + 1 :] for i in range(len(n) - 1)]),
        "distinctive": frozenset(n for n in names if n[:-1] not in ordinary),
        "anywhere_confused": {ch: confusables(ch) + likenesses.get(ch, "") for ch in chars},
        "seen": frozenset(fold(s) for s in seen),
        "anywhere_suffixes": suffixes,
        "joints": frozenset(
            fold(w)
            for w, count, _ in jieba_words()
            if len(w) == 2
            and w[1] in suffixes
            and w[0] not in _UNIT_CHARS | {"州"}
            and count >= anywhere.joint_min_count
        ),
        "scope": frozenset(fold(c) for c in anywhere.scope),
    }


def anywhere_near(data: _Data, written: str) -> set[str]:
    """The registered names (with their suffix) ``written`` (a stem and its suffix) is one
    confusable stem character off (check ``misspelt_anywhere``; the background scan of
    scripts/build_place_slips_seen.py reads the same)."""
    anywhere = data.anywhere
    assert anywhere is not None
    confused = data.anywhere_confused
    # a loop, not a comprehension: read for every suffix a text holds, most keys match none
    near: set[str] = set()
    for i in range(len(written) - 1):
        names = anywhere.get(written[:i] + "?" + written[i + 1 :])
        if names:
            char = written[i]
            for name in names:
                if char in confused.get(name[i], ""):
                    near.add(name)
    return near


# the suffixes of the old names check ``renamed`` looks for: 地区 is also "the area"
# (张家口地区), 南山矿区 any mine's; 盟 and the rest are too few to matter
_RENAMED_SUFFIXES = ("市", "县", "区", "旗")
_AREAS = ("地区", "矿区", "林区", "特区")
# a dictionary word tagged so is a place's name (jieba: ns; nr, nrt and nz are given to
# many places too)
_PLACE_TAGS = frozenset({"ns", "nr", "nrt", "nz"})


def _word_stems(
    rule: DivisionRule, fold: Callable[[str], str], words: list[tuple[str, str, int]]
) -> frozenset[str]:
    """Check ``renamed``: stems that are ordinary words, the rule's and the dictionary's
    common ``words`` tagged as no place (露天区, 平凉: jieba's tags are rough, the rule names
    the place-tagged ones: 长寿, 新建)."""
    common = {word for word, tag, _ in words if tag not in _PLACE_TAGS}
    return frozenset(common | {fold(w) for w in rule.word_stems})


def _renamed_table(
    rows: list[tuple[str, str, str, str, str]],
    rule: DivisionRule,
    fold: Callable[[str], str],
    unit: re.Pattern[str],
    words: Set[str],
) -> dict[str, _Renamed]:
    """Check ``renamed``: each name no unit carries any more whose unit continues under one
    certain name today, with that name, the year it came in and where the unit lies."""
    # (name, code) -> (province, first year, last year): one unit under one name
    held: dict[tuple[str, str], tuple[str, int | None, int | None]] = {}
    coded: dict[str, list[str]] = {}
    named: dict[str, list[str]] = {}
    for code, province, raw, first, last in rows:
        name = fold(raw)
        held[name, code] = (province, int(first) if first else None, int(last) if last else None)
        coded.setdefault(code, []).append(name)
        named.setdefault(name, []).append(code)
    live = {name for name, code in held if held[name, code][2] is None}
    listed = {fold(w) for w in rule.word_stems}

    def stem(name: str) -> tuple[str, str] | None:
        """襄樊市 → (襄樊, 市); None for a name the check leaves alone (地区, 城区; a stem of
        generic characters only, unless it is listed among the word stems, which count only
        after their province or city: 杭州市下城区)."""
        if not name.endswith(_RENAMED_SUFFIXES) or name.endswith(_AREAS):
            return None
        short = _short(name, unit)
        if short == name or len(short) < 2 or (set(short) <= _GENERIC and short not in listed):
            return None
        return short, name[-1]

    def new_in(key: tuple[str, str], end: int) -> int | None:
        """The year ``key`` came in, when that was the year ``end`` or the next."""
        first = held[key][1]
        return first if first is not None and end <= first <= end + 1 else None

    def next_names(name: str, code: str) -> tuple[str, dict[tuple[str, str], int]]:
        """How the unit went on, new the year the old name ended or the next, and by what
        link: its name under a new code (南康市 of 1995 and of 1998), else the code's next
        name (襄樊市 → 襄阳市), else the stem with another suffix in the province (东乡县 →
        东乡区; 遵义县 is no 遵义市, a city long before)."""
        province, _, end = held[name, code]
        assert end is not None
        same = {
            (name, other): year
            for other in named[name]
            if held[name, other][0] == province and (year := new_in((name, other), end))
        }
        if same:
            return "same", same
        found = {
            (other, code): year
            for other in coded[code]
            if other != name and (year := new_in((other, code), end)) is not None
        }
        parts = stem(name)
        if found or parts is None:
            return "code", found
        level = code.endswith("00")  # a prefecture stays one (固原县 became 原州区, not 固原市)
        for suffix in _RENAMED_SUFFIXES:
            other = parts[0] + suffix
            for code2 in named.get(other, ()) if suffix != parts[1] else ():
                year = new_in((other, code2), end)
                same_level = code2.endswith("00") == level
                if held[other, code2][0] == province and same_level and year is not None:
                    found[other, code2] = year
        return "stem", found

    step = {key: next_names(*key) for key, (_, _, last) in held.items() if last is not None}
    before: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for key, (_, nexts) in step.items():
        for other in nexts:
            before.setdefault(other, []).append(key)

    def current(key: tuple[str, str], depth: int = 0) -> str | None:
        if held[key][2] is None:
            return key[0]
        _, nexts = step[key]
        if len(nexts) != 1 or depth > 5:
            return None  # no successor, or several (a unit split): none is certain
        (other,) = nexts
        if len(before[other]) > 1:
            # units merged (万盛区 and 綦江县 into 綦江区) or a code given to another (漠河县
            # became 漠河市 under 加格达奇区's code): only the one of the same stem went on
            mine = [k for k in before[other] if _short(k[0], unit) == _short(other[0], unit)]
            if mine != [key]:
                return None
        return current(other, depth + 1)

    def places(name: str) -> set[str]:
        """The province (full and short) and the prefectures a unit of ``name`` lay in."""
        out: set[str] = set()
        for code in named[name]:
            province = held[name, code][0]
            out.add(fold(province))
            out.update(fold(s) for s in rule.provinces.get(province, ()))
            for prefecture in coded.get(code[:4] + "00", ()) if code[4:] != "00" else ():
                out.update((prefecture, _short(prefecture, unit)))
        return out

    # live names by first character: the short-form test below looks at a few, not all
    live_by_first: dict[str, list[str]] = {}
    for n in live:
        live_by_first.setdefault(n[:1], []).append(n)

    def short_for(parts: tuple[str, str]) -> set[str]:
        """The live units whose names start with the stem and end with the suffix."""
        head, tail = parts
        return {
            n for n in live_by_first.get(head[:1], ()) if n.startswith(head) and n.endswith(tail)
        }

    def _needs(name: str) -> frozenset[str] | Literal[False] | None:
        """The places one of which must stand before ``name`` (None: none needed; False:
        never an old name): a live unit whose name this one could be short for (东乡县 for
        东乡族自治县, 沿河县 for 沿河土家族自治县) makes it no old name unless the place
        before tells; a stem that is a word needs its province or city."""
        parts = stem(name)
        assert parts is not None
        short_of = short_for(parts)
        if short_of:
            needs = frozenset(places(name) - set().union(*map(places, short_of)))
            return needs or False
        return frozenset(places(name)) if parts[0] in words else None

    table: dict[str, _Renamed] = {}
    for name, codes in named.items():
        parts = stem(name)
        if parts is None or name in live:
            continue
        end = max(held[name, code][2] or 0 for code in codes)
        ending = [code for code in codes if held[name, code][2] == end]
        found = {current((name, code)) for code in ending}
        successor = found.pop() if len(found) == 1 else None
        if successor is None:
            continue
        if set(_short(successor, unit)) <= _GENERIC:
            continue  # 汾江区 → 城区: no name to suggest
        # a live unit whose name this one could be short for (东乡县 for 东乡族自治县, 沿河县
        # for 沿河土家族自治县) makes it no old name, unless the place before tells
        if successor in short_for(parts):
            continue
        needs = _needs(name)
        if needs is False:
            continue
        year = max(y for code in ending for y in step[name, code][1].values())
        table[name] = _Renamed(successor, year, held[name, ending[0]][0], needs)
    for merger in rule.mergers:
        name = fold(merger.name)
        into = tuple(fold(n) for n in merger.into)
        within = fold(merger.within) if merger.within else ""
        ended = [c for c in named.get(name, ()) if held[name, c][0] == merger.province]
        if not ended or name in live or stem(name) is None:
            raise LexiconError(f"merger {merger.name}: no ended {merger.province} unit")
        for now in (*into, within) if within else into:
            if not any(held[now, c][0] == merger.province for c in named.get(now, ())):
                raise LexiconError(f"merger {merger.name}: {now} is no {merger.province} unit")
            if now not in live:
                raise LexiconError(f"merger {merger.name}: {now} is no live unit")
        needs = _needs(name)
        if needs is False:
            raise LexiconError(f"merger {merger.name}: a live unit is written so too")
        table[name] = _Renamed(
            within + "、".join(into), merger.year, merger.province, needs, "merged", into
        )
    return table


# a dictionary word this frequent is ordinary text, never a misspelt place (see above)
_COMMON_WORD = 30


def _common_words(fold: Callable[[str], str]) -> list[tuple[str, str, int]]:
    """jieba's dictionary words of two to four characters seen at least ``_COMMON_WORD``
    times, folded, with their tags and counts."""
    return [
        (fold(word), tag, count)
        for word, count, tag in jieba_words()
        if count >= _COMMON_WORD and 2 <= len(word) <= 4
    ]


# a unit's suffixes in the strong contexts, longest first (峨边彝族自治县: 自治县)
_UNIT_SUFFIXES = (
    "自治县",
    "自治旗",
    "自治州",
    "地区",
    "林区",
    "特区",
    "市",
    "县",
    "区",
    "旗",
    "盟",
)
# a two-character word this frequent is ordinary text (城市, 县城, 省会), never where a
# misspelt name meets its suffix or the place before it
_FREQUENT = 500
# no misspelt name's stem holds a unit's own word (三省市, 各市县)
_UNIT_CHARS = frozenset("省市县区旗盟")


def _unit_split(name: str) -> tuple[str, str] | None:
    """(stem, suffix) of a unit's name with at least two characters of stem, else None."""
    for suffix in _UNIT_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)], suffix
    return None


def _near_keys(names: set[str], suffix: int = 0) -> dict[str, tuple[str, ...]]:
    """Each name under each of its forms with one character of its stem replaced by ``?``
    or, a stem of three characters or more, one but its first dropped (齐齐哈尔市 →
    齐齐哈市). ``suffix``: the length of the names' suffix (default: the unit's)."""

    def keys(name: str) -> list[str]:
        size = len(name) - (suffix or len(_unit_split(name)[1]))  # type: ignore[index]
        return _written_keys(name, size, dropped=True)

    return _filed(names, keys)


def _written_keys(name: str, size: int, *, dropped: bool = False) -> list[str]:
    """The keys ``name`` with a stem of ``size`` characters is looked up (itself and each
    stem character masked) or, ``dropped``, filed under (each stem character masked, each
    but the first dropped)."""
    keys = [] if dropped else [name]
    keys += [name[:i] + "?" + name[i + 1 :] for i in range(size)]
    if dropped and size >= 3:
        keys += [name[:i] + name[i + 1 :] for i in range(1, size)]
    return keys


def _likest(data: _Data, fits: set[tuple[int, int, str]], folded: str) -> set[tuple[int, int, str]]:
    """Of several names one character off what is written at (start, end), those whose
    character was replaced by a like one (or dropped): 丕州市 is 邳州市 (丕 and 邳 sound
    alike), not 徐州市 or 常州市. Two characters are alike when the confusion tables pair
    them, or give them two likenesses in common (雎 and 睢: 雏, 雌)."""
    if len(fits) < 2:
        return fits
    neighbours = data.neighbours

    def alike(start: int, end: int, name: str) -> bool:
        written = folded[start:end]
        if len(written) != len(name):
            return True  # a character dropped
        i = next(i for i, (a, b) in enumerate(zip(written, name, strict=True)) if a != b)
        a, b = written[i], name[i]
        near_a, near_b = neighbours.get(a, ""), neighbours.get(b, "")
        return b in near_a or a in near_b or len(set(near_a) & set(near_b)) >= 2

    return {fit for fit in fits if alike(*fit)}


def _near(index: dict[str, tuple[str, ...]], written: str) -> set[str]:
    """The names of ``index`` (see _near_keys) ``written`` is one character off of, or
    has one dropped from (its suffix as theirs)."""
    split = _unit_split(written)
    if split is None:
        return set()
    return {n for key in _written_keys(written, len(split[0])) for n in index.get(key, ())}


def _one_off(
    written: str, masks: list[dict[str, tuple[str, ...]]], confused: dict[str, str]
) -> set[str]:
    """The names of ``masks`` that ``written`` is one confusable character off."""
    return {
        name
        for index in masks
        for i in range(len(written))
        for name in index.get(written[:i] + "?" + written[i + 1 :], ())
        if written[i] in confused.get(name[i], "")
    }


class DivisionFinder:
    def __init__(
        self, rules: list[_Data], segmenter: Segmenter, countries: tuple[str, ...] = ()
    ) -> None:
        def search(words: list[str]) -> AnchorSearch:
            return AnchorSearch(words, longest=True, folded=True)

        # each search is built only for a rule that enables its check
        self._rules = []
        for data in rules:
            after_province = {"province", "misspelt"} & data.checks.keys()
            provinces = search(sorted(data.provinces)) if after_province else None
            groups_at_end = re.compile(rf"(?:{data.groups})+$")
            # a 局 of a bureau's function is right at every level: only its 厅 is looked for;
            # 部 only where check local_ministry reads it
            ministry = "部" if "local_ministry" in data.checks else ""
            offices = [
                *(d + s for d in data.departments + data.commissions for s in "厅局" + ministry),
                *(b + s for b in data.bureaus for s in ("厅", "总局", *ministry)),
            ]
            departments = search(offices) if offices else None
            old = search(sorted(data.renamed)) if data.renamed else None
            cities = search(sorted(data.prefectures)) if data.prefectures else None
            self._rules.append((data, provinces, groups_at_end, departments, old, cities))
        self._segmenter = segmenter
        self._countries = countries
        self.anchors = tuple(
            w
            for _, p, _, d, o, c in self._rules
            for s in (p, d, o, c)
            if s is not None
            for w in s.anchors
        )

    def find(self, scan: ScanInput) -> Iterator[Candidate]:
        folded = scan.folded
        for data, provinces, groups_at_end, departments, old, cities in self._rules:
            if provinces is not None:
                hits = provinces.find(scan)
                if "province" in data.checks:
                    yield from self._province(data, hits, folded)
                if "misspelt" in data.checks:
                    yield from self._misspelt_after(data, hits, folded)
            if cities is not None:
                yield from self._misspelt_in_city(data, cities.find(scan), folded)
                yield from self._misspelt_city(data, folded)
            if "misspelt" in data.checks:
                yield from self._misspelt_suffixed(data, folded)
            if "misspelt_anywhere" in data.checks:
                yield from self._misspelt_anywhere(data, folded)
            if "autonomous" in data.checks:
                yield from _autonomous(data, groups_at_end, folded)
            if "township" in data.checks:
                yield from _townships(data, groups_at_end, folded, scan.date)
            if departments is not None:
                yield from _departments(data, departments.find(scan), folded)
            if old is not None:
                yield from self._renamed(data, old.find(scan), folded, scan.date)

    def _renamed(
        self, data: _Data, hits: list[tuple[int, int, int]], folded: str, date: dt.date | None
    ) -> Iterator[Candidate]:
        """襄樊市 in a text of 2011 or later: a name its unit no longer carries."""
        assert data.renamed is not None
        for _, start, end in hits:
            old = data.renamed[folded[start:end]]
            if self._not_renamed(data, old, folded, start, end):
                continue
            if dated_before(folded, start, end, dt.date(old.year + 1, 1, 1), date):
                continue  # the old name was right then (or the year of the change)
            yield Candidate(start, end, data.checks[old.check], old.successor, self_dated=True)

    def _not_renamed(self, data: _Data, old: _Renamed, folded: str, start: int, end: int) -> bool:
        """The hit is no old name written for the unit today: part of a longer name or word
        (内丘县, 新增城市, 陇南康县), history (原襄樊市, 襄樊市更名为襄阳市), or, written after a
        place, a unit of another place."""
        name = folded[start:end]
        for length in range(len(name) + 1, min(_LONGEST_PLACE, end) + 1):
            if folded[end - length : end] in data.names:
                return True  # 内丘县 holds 丘县
        for split in range(1, len(name) - 1):
            # 陇南康县: a place ends inside the hit and a registered name follows it
            if name[split:] in data.names and _place_before(data, folded, start + split, split + 1):
                return True
        place = _place_before(data, folded, start)
        if old.needs is not None and (place is None or place not in old.needs):
            return True  # a live unit is written so too (临夏州东乡县: 东乡族自治县)
        if place in data.provinces and data.provinces[place][0] != old.province:
            return True  # another province's unit (the province check judges a wrong one)
        if folded[max(0, start - 2) : start].endswith(data.former_marks):
            return True
        if folded.startswith(data.suffix_words, end - 1):
            return True  # 江东区段: 江东 + 区段
        lo, hi = sentence_bounds(folded, start, end, 80)
        sentence = folded[lo:hi]
        now = old.now or (old.successor,)
        if any(n in sentence for n in now) or any(w in sentence for w in data.history_words):
            return True
        if any(_founds_unit(data, sentence, w) for w in data.founding_words):
            return True
        lo = max(0, start - 6)
        cuts = set(self._segmenter.cuts(folded[lo : end + 6], lo))
        return start not in cuts or end not in cuts

    def _province(
        self, data: _Data, hits: list[tuple[int, int, int]], folded: str
    ) -> Iterator[Candidate]:
        for _, start, end in hits:
            place = _longest_place(data, folded, end)
            if place is None:
                continue
            full, form = data.provinces[folded[start:end]]
            lies_in = data.lies_in.get(place) or data.lies_in[_short(place, data.unit)]
            if full in lies_in:
                continue
            stop = end + len(place)
            if _STREET.match(folded, stop):
                continue
            # the province and the place must be words of the sentence, not parts of others
            # (黄河南岸 holds 河南; 山东青岛 is two words)
            lo = max(0, start - 6)
            cuts = set(self._segmenter.cuts(folded[lo : stop + 6], lo))
            if start not in cuts or stop not in cuts:
                continue
            right = data.home[place]
            written = right if form != "short" else data.short_of[right]
            yield Candidate(start, stop, data.checks["province"], written + folded[end:stop])

    def _misspelt_after(
        self, data: _Data, hits: list[tuple[int, int, int]], folded: str
    ) -> Iterator[Candidate]:
        """山东荷泽: a name one character off a unit of the province written before it."""
        assert data.near_in is not None and data.registered is not None
        for _, start, end in hits:
            if _longest_place(data, folded, end) is not None:
                continue  # a real place follows (check ``province`` judges it)
            province = data.provinces[folded[start:end]][0]
            names = data.near_in.get(province)
            if not names or any(
                province in data.registered.get(folded[end : end + n], ()) for n in (2, 3, 4)
            ):
                continue  # nothing to miss, or a place of the province (莱阳是)
            lo = max(0, start - 6)
            if start in self._segmenter.cuts(folded[lo : end + 2], lo):
                strong = self._near_unit(data, folded, end, frozenset({province}), None)
                if strong is not None:
                    yield strong
                    continue
            for length in (3, 2):
                written = folded[end : end + length]
                found = self._misspelt(data, names, written, end, {province})
                if found is None:
                    continue
                # the province and the name stand as words (芜湖南陵县 holds 湖南; in 天津和北京
                # the 北 is 北京's)
                lo = max(0, start - 6)
                cuts = self._segmenter.cuts(folded[lo : end + length + 6], lo)
                if start in cuts and end in cuts and end + length in cuts:
                    yield found
                break

    def _misspelt_in_city(
        self, data: _Data, hits: list[tuple[int, int, int]], folded: str
    ) -> Iterator[Candidate]:
        """福州市闽候县, 信阳市师河区: a name with its suffix right after a prefecture, any
        one character off a unit of the prefecture's province (a district: of the
        prefecture itself)."""
        assert data.prefectures is not None and data.within is not None
        for _, start, end in hits:
            city = folded[start:end]
            found = self._near_unit(data, folded, end, data.prefectures[city], data.within[city])
            if found is not None:
                yield found

    def _misspelt_city(self, data: _Data, folded: str) -> Iterator[Candidate]:
        """齐齐哈市昂昂溪区: a name ending in 市 right before a county or district, any one
        character off (or one dropped from) the prefecture that unit lies in."""
        assert data.counties is not None and data.within is not None
        assert data.near_prefecture is not None
        pos = folded.find("市", 2)
        while pos != -1:
            at = pos + 1
            unit = next(
                (
                    folded[at : at + n]
                    for n in range(min(_LONGEST_PLACE, len(folded) - at), 2, -1)
                    if folded[at : at + n] in data.counties
                ),
                None,
            )
            if unit is not None and _place_ending(data, folded, at) is None:
                fits = {
                    (start, name)
                    for start in range(max(0, at - 7), at - 2)
                    for name in _near(data.near_prefecture, folded[start:at])
                    if data.within[name] & data.within[unit]
                }
                fits = {
                    (start, name)
                    for start, _, name in _likest(
                        data, {(start, at, name) for start, name in fits}, folded
                    )
                }
                if len(fits) == 1:
                    ((start, name),) = fits
                    if self._stands(data, folded, start, at, name):
                        yield Candidate(start, at, data.checks["misspelt"], name)
            pos = folded.find("市", at)

    def _near_unit(
        self,
        data: _Data,
        folded: str,
        at: int,
        provinces: frozenset[str],
        city: frozenset[str] | None,
    ) -> Candidate | None:
        """The name with its suffix written at ``at``, right after a province (``city``
        None) or a prefecture (the first four digits of its codes), as the one unit of
        ``provinces`` it is any one character off (or has one character dropped from); a
        district only of that prefecture."""
        assert data.near_unit is not None and data.registered is not None
        assert data.within is not None
        if any(folded[at : at + n] in data.registered for n in range(2, 9)):
            return None  # a real place follows (莱阳是, 福州市闽侯县)
        fits: set[tuple[int, str]] = set()
        for province in provinces:
            index = data.near_unit.get(province, {})
            for end in range(at + 3, min(len(folded), at + _LONGEST_PLACE) + 1):
                if not is_han(folded[end - 1]):
                    break
                split = _unit_split(folded[at:end])
                if split is None or (split[1].endswith("区") and city is None):
                    continue
                for name in _near(index, folded[at:end]):
                    if not split[1].endswith("区") or (city and data.within[name] & city):
                        fits.add((end, name))
        if len(fits) > 1 and city:
            fits = {(end, name) for end, name in fits if data.within[name] & city}
        likest = _likest(data, {(at, end, name) for end, name in fits}, folded)
        if len(likest) != 1:
            return None  # nothing close, or two units equally close: nobody's sure slip
        ((_, end, name),) = likest
        if not self._stands(data, folded, at, end, name):
            return None
        return Candidate(at, end, data.checks["misspelt"], name)

    def _stands(self, data: _Data, folded: str, start: int, end: int, name: str) -> bool:
        """``folded[start:end]`` may be read as a misspelt ``name``: it is no registered
        name or known place, its stem no common word near a place's; it stands as words
        of the sentence, the place before ending at ``start``; no frequent word joins the
        stem's end to the suffix (会城市: 城市) or the place before to it (省会)."""
        assert data.registered is not None
        written = folded[start:end]
        split = _unit_split(written)
        if split is None:
            return False
        stem = split[0]
        if (
            not all(map(is_han, written))
            or set(stem) & _UNIT_CHARS  # 河北三省市: a count of provinces and cities
            or written in data.registered
            or stem in data.registered
            or stem in data.other_places
            or stem in data.strong_common
            or written in data.strong_common
            or folded[start - 1 : start + 1] in data.frequent
        ):
            return False
        lo = max(0, start - 6)
        cuts = set(self._segmenter.cuts(folded[lo : end + 6], lo))
        if start not in cuts or end not in cuts:
            return False
        joint = start + len(stem)
        if joint not in cuts:
            left = max(c for c in cuts if c < joint)
            right = min(c for c in cuts if c > joint)
            if (
                folded[left:right] in data.frequent
                or folded[joint - 1 : joint + 1] in data.frequent
            ):
                return False
        return True

    def _misspelt_anywhere(self, data: _Data, folded: str) -> Iterator[Candidate]:
        """琢州市, 赴璞阳市考察: a name with its suffix, one confusable character off one
        registered name of a distinctive stem, with nothing around to say it is a place."""
        for suffix in data.anywhere_suffixes:
            pos = folded.find(suffix, 2)
            while pos != -1:
                found = self._anywhere_at(data, folded, pos)
                if found is not None:
                    yield found
                pos = folded.find(suffix, pos + 1)

    def _anywhere_at(self, data: _Data, folded: str, pos: int) -> Candidate | None:
        """The slip whose suffix is at ``pos``: a three-character stem before a two."""
        end = pos + 1
        for size in (3, 2):
            start = pos - size
            written = folded[start:end]
            if start < 0 or not all(map(is_han, written)):
                continue
            fits = anywhere_near(data, written)
            if not fits:
                continue
            if len(fits) > 1 or not fits <= data.distinctive:
                return None  # two names that close, or an ordinary word's: nobody's slip
            (name,) = fits
            if (
                written in data.seen
                or written in data.common
                or folded[start:pos] in data.common
                or folded[pos - 1 : end] in data.joints  # 进园区, 雄安院区
                or (written[-2] == "州" and written[0] in data.scope)  # 地州市
                # after a place: a foreign state's (得克萨斯州基林市) or, of ours, judged
                # by check misspelt
                or folded[start - 1 : start] in _PLACE_ENDS
                or _place_ending(data, folded, pos) is not None  # 某琢州 holds a real place
                or _place_ending(data, folded, end) is not None
                or not self._stands(data, folded, start, end, name)
                or self._foreign(folded, start, end)
                or _foreign_list(data, folded, start, end)
            ):
                return None
            return Candidate(start, end, data.checks["misspelt_anywhere"], name)
        return None

    def _foreign(self, folded: str, start: int, end: int) -> bool:
        """A foreign country is named in the sentence (石川县珠洲市 in a report on Japan)."""
        lo, hi = sentence_bounds(folded, start, end, 80)
        sentence = folded[lo:hi]
        return any(country in sentence for country in self._countries)

    def _misspelt_suffixed(self, data: _Data, folded: str) -> Iterator[Candidate]:
        """郑州市荣阳市: a name with its unit's suffix, right after another place, one
        character off a unit of that place's province. (After a break it would be read
        too often in foreign names: 福冈县, 珠洲市.)"""
        assert data.near_suffixed is not None and data.registered is not None
        for suffix in _MISSPELT_SUFFIXES:
            pos = folded.find(suffix, 3)
            while pos != -1:
                start = pos - 2
                written = folded[start : pos + 1]
                if (
                    folded[start - 1] in _PLACE_ENDS
                    and written not in data.registered
                    and written[:2] not in data.registered
                ):
                    where = _place_ending(data, folded, start)
                    found = (
                        None
                        if where is None
                        else self._misspelt(data, data.near_suffixed, written, start, where)
                    )
                    # the name is one word, or characters of its own before the suffix
                    # standing alone (荣|阳|市); never words across it (座|城市, 高于|市场)
                    if found is not None:
                        lo = max(0, start - 6)
                        cuts = set(self._segmenter.cuts(folded[lo : pos + 6], lo))
                        inside = cuts & {start + 1, pos}
                        if {start, pos + 1} <= cuts and inside in (set(), {start + 1, pos}):
                            yield found
                pos = folded.find(suffix, pos + 1)

    def _misspelt(
        self,
        data: _Data,
        names: dict[str, tuple[str, ...]],
        written: str,
        start: int,
        provinces: Set[str],
    ) -> Candidate | None:
        """``written`` at ``start`` as the one name of ``names`` it is a slip of (of a unit
        in ``provinces`` when several are that close)."""
        if (
            len(written) < 2
            or written in data.common
            or written in data.other_places
            or not all(map(is_han, written))
        ):
            return None
        assert data.confused is not None and data.registered is not None
        fits = _one_off(written, [names], data.confused)
        if len(fits) > 1:
            fits = {name for name in fits if data.registered.get(name, set()) & provinces}
        if len(fits) != 1:
            return None  # nothing close, or two units equally close: nobody's sure slip
        (name,) = fits
        return Candidate(start, start + len(written), data.checks["misspelt"], name)


# what joins the items of a list of places (轮岛市、珠洲市)
_LIST_MARKS = "、和及与"


def _foreign_list(data: _Data, folded: str, start: int, end: int) -> bool:
    """The name written at ``[start, end)`` stands in a list beside a name with a suffix
    that is no place of ours nor a slip of one (轮岛市、珠洲市: places of Japan)."""
    assert data.registered is not None
    sides = []
    if folded[start - 1 : start] in _LIST_MARKS:
        sides.append([folded[max(0, start - 1 - n) : start - 1] for n in (3, 4)])
    if folded[end : end + 1] in _LIST_MARKS:
        sides.append([folded[end + 1 : end + 1 + n] for n in (3, 4)])
    for windows in sides:
        names = [w for w in windows if len(w) >= 3 and w[-1] in data.anywhere_suffixes]
        if not names or not all(map(is_han, names[0])) or names[0][:-1] in data.common:
            continue
        if any(w in data.registered or w[:-1] in data.registered for w in names):
            continue  # a place of ours (北京市、琢州市)
        if not any(anywhere_near(data, w) for w in names):
            return True
    return False


# what ends a founding verb's clause (设立研发中心，塘沽区…: the place is no object of it)
_CLAUSE_END = re.compile(r"[，。；：！？、,;:!?\n]")


def _founds_unit(data: _Data, sentence: str, word: str) -> bool:
    """``word`` (设立) stands in ``sentence`` with a registered unit after it in its clause
    (设立新的黄埔区, 1983年设立襄樊市): the sentence speaks of setting the unit up."""
    at = sentence.find(word)
    while at >= 0:
        after = sentence[at + len(word) : at + len(word) + 16]
        cut = _CLAUSE_END.search(after)
        clause = after[: cut.start()] if cut else after
        for i in range(len(clause)):
            for j in range(i + 2, min(len(clause), i + _LONGEST_PLACE) + 1):
                if clause[i:j] in data.names:
                    return True
        at = sentence.find(word, at + 1)
    return False


def _place_before(data: _Data, folded: str, at: int, shortest: int = 2) -> str | None:
    """The province or registered place (full or short) written right before ``at``, of
    ``shortest`` characters or more."""
    for length in range(min(_LONGEST_PLACE, at), shortest - 1, -1):
        before = folded[at - length : at]
        if before in data.provinces or before in data.names or before in data.lies_in:
            return before
    return None


def _place_ending(data: _Data, folded: str, at: int) -> frozenset[str] | None:
    """The provinces of the registered place that ends at ``at`` (None: none)."""
    assert data.registered is not None
    for length in range(min(_LONGEST_PLACE, at), 1, -1):
        found = data.registered.get(folded[at - length : at])
        if found:
            return found
    return None


def _longest_place(data: _Data, folded: str, at: int) -> str | None:
    for length in range(min(_LONGEST_PLACE, len(folded) - at), 1, -1):
        if folded[at : at + length] in data.places:
            return folded[at : at + length]
    return None


def _each(folded: str, suffixes: tuple[str, ...]) -> Iterator[tuple[int, str]]:
    """Every place where one of ``suffixes`` stands, with the suffix."""
    for suffix in suffixes:
        pos = folded.find(suffix)
        while pos != -1:
            yield pos, suffix
            pos = folded.find(suffix, pos + len(suffix))


def _autonomous(data: _Data, groups_at_end: re.Pattern[str], folded: str) -> Iterator[Candidate]:
    for pos, suffix in _each(folded, _AUTONOMOUS):
        hit = _judge_unit(data, groups_at_end, folded, pos, suffix)
        if hit is not None:
            yield hit


def _townships(
    data: _Data, groups_at_end: re.Pattern[str], folded: str, date: dt.date | None
) -> Iterator[Candidate]:
    if date is not None and date.year < _TOWNSHIPS_UNTIL:
        return
    for pos, suffix in _each(folded, _TOWNSHIPS):
        hit = _township(data, groups_at_end, folded, pos, suffix)
        if hit is not None:
            yield hit


def _township(
    data: _Data, groups_at_end: re.Pattern[str], folded: str, pos: int, suffix: str
) -> Candidate | None:
    end = pos + len(suffix)
    if folded.startswith("乡镇", pos + 2):
        return None  # 自治乡镇: townships in general, no name
    run = groups_at_end.search(folded[max(0, pos - 30) : pos])
    if run is None:
        return None  # no ethnic group before it (村民自治镇): not a township's name
    head = pos - (min(30, pos) - run.start())
    start = head
    while start > 0 and head - start < 6 and folded[start - 1] not in _NAME_BREAKS:
        start -= 1
    while head - start > 2 and folded[start] in _NAME_LEADS:
        start += 1
    if head - start >= 6 or not all(is_han(c) for c in folded[start:head]):
        start = head  # no break near: the name's start is unknown, report from the groups
    lo, hi = sentence_bounds(folded, start, end, 80)
    sentence = folded[lo:hi]
    year = sentence_year(folded, start, end)
    if (year is not None and year < _TOWNSHIPS_UNTIL) or any(
        w in sentence for w in _TOWNSHIP_HISTORY
    ):
        return None
    written = folded[start:end]
    return Candidate(start, end, data.checks["township"], written[: -len(suffix)] + suffix[-1])


def _judge_unit(
    data: _Data, groups_at_end: re.Pattern[str], folded: str, pos: int, suffix: str
) -> Candidate | None:
    before = folded[max(0, pos - 30) : pos]
    run = groups_at_end.search(before)
    if run is None:
        return None  # no ethnic group written (黔东南州, 鄂伦春自治旗): not this check's case
    head = pos - len(before) + run.start()
    for length in range(min(6, head), 1, -1):
        known = data.units.get((folded[head - length : head], suffix))
        if known is None:
            continue
        start = head - length
        written = folded[start : pos + len(suffix)]
        if any(u.name == written for u in known):
            return None
        best = next((u for u in known if u.current), known[-1])
        return Candidate(start, pos + len(suffix), data.checks["autonomous"], best.name)
    # no autonomous unit of that name ever: an ordinary county or banner called autonomous,
    # its name opening the word (after a place or a mark), the groups and suffix no unit's
    # whole name (临夏东乡族自治县: 临夏 + 东乡族自治县)
    plain = _PLAIN_OF.get(suffix)
    end = pos + len(suffix)
    if plain is not None and not any(
        folded[k:end] in data.names for k in range(max(0, head - 6), head + 1)
    ):
        for length in range(min(6, head), 1, -1):
            stem = folded[head - length : head]
            opens = head - length == 0 or folded[head - length - 1] in _NAME_BREAKS | _NAME_LEADS
            if opens and stem + plain in data.plain:
                return Candidate(
                    head - length, pos + len(suffix), data.checks["autonomous"], stem + plain
                )
    return None


def _departments(data: _Data, hits: list[tuple[int, int, int]], folded: str) -> Iterator[Candidate]:
    """省教育局 (a province's department is a 厅), 市教育厅 (a city's is a 局),
    省发展和改革厅 (a province's is a 委员会), 省统计厅 (a 局 at every level) and
    县退役军人事务部 (部 is a ministry's)."""
    for _, start, end in hits:
        function, suffix = folded[start : end - 1], folded[end - 1]
        if function.endswith("总") and function[:-1] in data.bureaus:
            function = function[:-1]  # 省市场监督管理总局: a 总局 is the state's alone
        if suffix == "部":
            after = folded[end : end + 1]
            if after and after in data.word_after_ministry:
                continue  # 部门, 部分, 部署: 县教育部门 is no body's name
            level = _level(data, folded, start)
            if level is not None and "local_ministry" in data.checks:
                yield Candidate(
                    start,
                    end,
                    data.checks["local_ministry"],
                    function + _suffix(data, function, level),
                )
            continue
        level = _level(data, folded, start)
        if function in data.bureaus:
            if level is not None and "bureau_hall" in data.checks:
                yield Candidate(start, end, data.checks["bureau_hall"], function + "局")
        elif function in data.commissions:
            # a city's or county's may be a 局 (县发展和改革局): only a province's is certain
            if level == "province" and "province_commission" in data.checks:
                yield Candidate(start, end, data.checks["province_commission"], function + "委员会")
        elif suffix == "局" and level == "province" and "province_bureau" in data.checks:
            yield Candidate(start, end, data.checks["province_bureau"], function + "厅")
        elif suffix == "厅" and level == "local" and "local_hall" in data.checks:
            yield Candidate(start, end, data.checks["local_hall"], function + "局")


def _suffix(data: _Data, function: str, level: str) -> str:
    """The suffix of ``function``'s department at ``level`` (a county's 发展和改革 may also
    be a 局: the 委员会 is right at every level)."""
    if function in data.commissions:
        return "委员会"
    return "厅" if level == "province" and function in data.departments else "局"


def _level(data: _Data, folded: str, at: int) -> str | None:
    """Whose department starts at ``at``: a province's, a city's or county's (``local``),
    or None (a municipality's, whose names vary, or nobody's that can be told)."""
    for length in range(min(_LONGEST_PLACE, at), 1, -1):
        before = folded[at - length : at]
        if before in data.municipalities:
            return None
        if before in data.provinces:
            return "province"
        if before in data.local:
            # a district of a municipality (北京市朝阳区): named like the municipality's
            head = folded[max(0, at - length - 3) : at - length]
            return None if any(head.endswith(m) for m in data.municipalities) else "local"
    if at == 0:
        return None
    last = folded[at - 1]
    if last == "省":
        after = folded[: at - 1]
        return None if after.endswith(data.not_after) else "province"
    if last in "市县" and folded[max(0, at - 2) : at] not in _NOT_PLACES:
        return "local"
    if folded[max(0, at - 3) : at] == "自治区":
        return "province"
    # a unit whose name is masked (××区, 某旗): a bare 区 or 州 is too often no unit's
    # (社区, 园区; 加州, 俄亥俄州: a foreign state)
    if last in "区州盟旗" and folded[at - 2 : at - 1] in _MASKS:
        return "local"
    return None


KIND = Division()
