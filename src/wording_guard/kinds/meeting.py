"""Kind ``meeting``: names of Party congresses, Central Committee plenums and NPC / CPPCC
sessions built against their grammar or their fact table.

A meeting name is a grammar, not a list of strings: a term number with 届, a session number
with 次 (or 中全会 for a Central Committee plenum), and a body. Each entry of a rule of this
kind enables one *check* (its examples prove it); the rule carries the body names, the verbs
that say a meeting was held, and the fact table (which term met in which year, and on which
days where a source gives them; which plenum adopted which document), so that next year's
session is one line of data.

The same grammar names the meetings of a province's, a city's or a county's bodies (the
rule's ``local`` words: 县十八届人大四次会议, 市政协十五届三次会议, 县委十四届八次全会, 市第十三次
党代会); they have no fact table, so only their form is judged.

The fact checks judge only national meetings: a session of 全国人大 / 全国政协, a congress,
a plenum of the Party's Central Committee (not one of 农工党, 共青团, 省委 …, the rule's
``others``) or of its Central Commission for Discipline Inspection (二十届中央纪委三次全会).
Days without a year beside a meeting of another year, in a text dated within a month after
them, are read as the text's year's (全国政协十四届二次会议3月10日闭幕 in a text of
2025-03-11 names the wrong session, and so does 二十届中央纪委四次全会于1月8日至10日举行
in a text of 2024-01-12, though that plenum met later); a name with 开幕 or 闭幕 and no day,
in a text dated within another meeting's days of its body, gives that day's news
(全国政协十四届二次会议在京闭幕 in a text of 2025-03-10). A plenum of a term not elected by
the text's date is suggested as the last plenum held by then (二十届中央纪委六次全会 in
2022-01 → 十九届中央纪委六次全会). A plenum after the last the table lists for the
current term is judged not yet held up to the day the table says it is complete to
(``facts.complete_until``); a congress after the last listed, before the year it is due.
A yearly meeting (an NPC or CPPCC session, a CCDI plenum) of an earlier year is judged
only where its words make it this year's (``current``: 收看…开幕会直播 within this year's
session's days, 学习…精神 up to a month after this year's meeting): a text may name a past
session rightly in any other way (…以来, 通过的…).

The NPC Standing Committee's sessions (十四届全国人大常委会第五次会议) have their own table
(``facts.npc_standing``: the days of each, complete up to ``npc_standing_complete_until``):
one named as held before it met is judged (standing_not_held), and so is an earlier one
whose 精神 is studied within a month after a later one closed (standing_superseded); a
finished term's sessions past its last are none (no_such_session), and one named as
adopting a law another session made names the wrong one (standing_other_law,
``facts.npc_standing_laws``). The table file ``facts.npc_laws`` adds the sessions of
earlier terms (their last days) and the laws they and the NPC's own sessions made: a law
is judged by its short name, exactly (国家安全法 is not 香港特别行政区维护国家安全法), where
its title follows the session's name or stands before it in 《》 with 由 or 经
(《…法》已由…会议于…通过) or as its heading (…法（2018年8月31日…会议通过）), with 通过, not
修订 (a session may revise a law another made); and a session named as acting on a full
date that another session of the Standing Committee closed on names the wrong one
(standing_other_day: …第六次会议于2018年8月31日通过, 2018年8月31日…第六次会议通过).

A CCDI plenum held early in a year deploys that year's work (``facts.ccdi_work_years``): one
named with the deployment of a year another plenum deployed (学习十九届中央纪委五次全会精神，
部署2022年…工作: the sixth) is judged (ccdi_work_year), unless the text is dated before that
plenum met. The leading groups renamed commissions in March 2018 (``facts.commissions``:
中央财经领导小组 → 中央财经委员会) count their meetings anew; a group's numbered meeting named
in a text dated up to a month after the commission's meeting of that number, in a sentence
that names no year, is the commission's (commission_meeting).

A name with one fixed character (大, 次, 会, 议, 全, 体) typed by sound or by shape
(``slips``: 党的二十太, 三次会仪, 中央经济工作会仪) is found where a numeral stands a few
characters before that character, or 工作 right before it: put back, the character makes a
name of the grammar, or of a central conference (slip). One regex over the text finds those
places, so the check runs on texts that hold none of the other checks' literals.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator

from ..context import merge_spans, sentence_bounds
from ..errors import LexiconError
from ..lexicon.schema import EntryBase, RuleBase, Strict
from ..numerals import chinese, number
from .base import (
    Candidate,
    KindDoc,
    RuleKind,
    ScanEnv,
    ScanInput,
    alternation,
    data_file,
    entries_of,
)

if TYPE_CHECKING:
    from ..compiler import Builder
    from ..lexicon.loader import LoadedRule

Check = Literal[
    "session_word",  # 十四届全国人大三届会议: a session is numbered with 次
    "plenum_on_assembly",  # 全国政协十三届四中全会: only the Central Committee holds 中全会
    "standing_plenum",  # 十一届全国人大常委会全会: a standing committee meets in numbered 会议
    "congress_as_term",  # 党的第十九届全国代表大会 / 党的十九届大会: a congress is numbered with 次
    "term_as_congress",  # 县第十八次人民代表大会第四次会议: a term is numbered with 届
    "plenary_word",  # 中共…第十五届委员会第七次会议 / 第十四届全国人民代表大会第三次全体会议
    "split_body",  # 全国十四届人大三次会议, 全国政协十四届人大三次会议: 全国 or a body split
    "term_order",  # 县人大十八届四次会议, 省人大常委会第十四届第五次会议: the term misplaced
    "national_term_order",  # 全国人大十四届三次会议, 中央纪委十九届四次全会: the same, national
    "unnumbered_term",  # 省人大常委会第十二次会议: a standing committee's sessions restart each 届
    "standing_session_word",  # 全国人大常委会三次会议: a standing committee's session takes 第
    "congress_with_plenum",  # 二十大三中全会: a plenum belongs to the 届 of the committee
    "mixed_forms",  # 十九届第四中全会, 二十届三次全会, 党的第二十大: short and long forms mixed
    "no_such_session",  # 十九届八中全会, 十三届全国人大六次会议, 十三届全国人大常委会第四十次会议
    "held_in_other_year",  # 2017年党的十八大召开, …三次会议于2024年召开: year against facts
    "not_yet_held",  # 二十届三中全会 in a text of 2023: after the document's date
    "superseded",  # 十三届全国人大四次会议精神 in a text of 2022-03-14: last year's, as this year's
    "held_on_other_day",  # 7月15日至18日召开的二十届二中全会: day against the fact table
    "other_plenum_document",  # 十九届五中全会审议通过了…百年奋斗…决议: another plenum's document
    "held_elsewhere",  # 中国共产党第一次全国代表大会在北京召开: the congress met in 上海
    "local_plenum",  # 中共浙江省委十五届五中全会: a local committee's plenums are 次全会
    "local_congress_term",  # 市第十三届党代会: a local Party congress is numbered with 次
    "provincial_congress_term",  # 中国共产党江苏省第十三届代表大会: the same, a province's
    "provincial_plenum_at_date",  # 十二届省委第五次全体会议 a month after the congress: too soon
    "elected_later",  # 十六届二中全会选举胡锦涛为总书记: a term's first plenum elects its leaders
    "renamed_meeting",  # 中央金融工作会议7月14日至15日召开 in 2017: held under its old name then
    "standing_not_held",  # 十四届全国人大常委会第十六次会议精神 in 2025-05: not yet held then
    "standing_superseded",  # 学习…常委会第五次会议精神 in 2025-05-08: the fifteenth had just closed
    "standing_other_law",  # 十四届全国人大常委会第五次会议通过了民营经济促进法: the fifteenth did
    "standing_other_day",  # 第十三届…常务委员会第六次会议于2018年8月31日通过: the fifth closed then
    "ccdi_work_year",  # 学习十九届中央纪委五次全会精神，部署2022年…工作: the sixth deployed 2022's
    "commission_meeting",  # 中央财经领导小组第五次会议精神 in 2019-08-28: the commission's (08-26)
    "elected_term",  # 县第十八届人大第一次会议选举产生了县第十七届人大常委会: one term
    "annual_not_yet_held",  # 2022年中央经济工作会议精神 in 2022-10: it met in December
    "slip",  # 党的二十太, 十四届全国人大三次会仪, 中央经济工作会仪: a fixed character mistyped
]

NUM = r"(?:[一二三四五六七八九十]{1,3}|[0-9]{1,2})"
_A_YEAR = re.compile(r"(?:19|20)[0-9]{2}年")
_CLAUSE_BREAK = re.compile("[，,；;：:、]")
# how far before a standing committee's name its term may stand (第十四届 山东省人大常委会)
_TERM_REACH = 12
# the Central Committees whose plenums a local body's name may stand right before in a text
# that studies them (县委十九届六中全会精神宣讲): the current one and the two before it
_RECENT_TERMS = 3
# how many days before a year's NPC or CPPCC session text is taken to speak of it
_SEASON_DAYS = 14
# days without a year this many days before a text's date are read in its year
_THIS_YEAR_DAYS = 31
# where a meeting was held, between its name and the verb (在北京, 在北京人民大会堂, 在西柏坡)
_PLACE = r"[^，。；;\n]{1,10}?"
# words in a sentence that speak of studying a meeting's 精神 as a task to come (议程是：学习
# 贯彻…精神, 要精心组织…学习贯彻…全会精神 before the plenum met). A bare 要 is not one:
# 要认真学习贯彻…全会精神 is how a text asks for the study of what a plenum said; 将 and
# 即将 count only beside the name (the rule's ``ahead``), not in a clause on other work
# (结合即将开展的…评估).
_TO_BE = ("准备", "迎接", "议程", "安排", "计划", "筹备", "谋划")
# a study verb with 好 after it (学习好、宣传好、贯彻好…精神) and 精心组织: a task to come
# (not 组织 alone: 村党支部组织党员集中学习…精神 tells of study done)
_TO_BE_FORMS = re.compile(r"(?:学习|宣传|贯彻|落实|领会|把握|传达|组织)好|精心组织")
# a meeting's 精神 put as the task of now (作为当前首要政治任务): it exists already, whatever
# else in the sentence speaks of plans
_NOW = ("当前", "目前", "眼下", "当下")
# what a meeting adopted, right after its name (…全会审议通过的, 作出的, 公报)
_ADOPTED = ("审议通过", "通过的", "通过了", "作出的", "公报")


# a plan word whose object is another meeting (以迎接党的十九大召开为动力，学习…七中全会精神):
# it makes that meeting the coming one, not the meeting named beside 精神
_OTHER_AHEAD = re.compile(
    rf"(?:迎接|筹备|准备|谋划)[^，,；;：:。]{{0,12}}?(?:{NUM}大|中全会|次全会|次会议|代表大会|党代会)"
)


def _other_ahead(text: str, name: str) -> str:
    """``text`` without the plans whose object is a meeting other than ``name`` (迎接党的
    十九大 beside 十八届七中全会; not 迎接党的二十大 beside 二十大 itself)."""

    def other(m: re.Match[str]) -> str:
        return m[0] if m[0][-3:] in name else "\x00"

    return _OTHER_AHEAD.sub(other, text)


def _planned(sentence: str, name: str = "") -> bool:
    """Whether ``sentence`` speaks of studying a meeting's 精神 (the meeting ``name``) as a
    task to come."""
    sentence = _other_ahead(sentence, name)
    if any(w in sentence for w in _NOW):
        return False
    return any(w in sentence for w in _TO_BE) or _TO_BE_FORMS.search(sentence) is not None


# what after a yearly conference's name says it met (2022年中央经济工作会议精神, …部署的),
# and what says it is to come (…召开前, 召开之际)
_ANNUAL_HELD = (
    "精神",
    "部署",
    "提出",
    "强调",
    "要求",
    "指出",
    "明确",
    "作出",
    "确定",
    "闭幕",
    "以来",
)
_COMING = ("召开前", "前夕", "召开之际", "将于", "即将")
# a numbered meeting right after a body's name (中央财经委员会 第五次会议)
_NUMBERED = re.compile(rf"第({NUM})次会议")
# days after a meeting's last day that a text's own date still gives its news
_NEWS_DAYS = 2
# words that date a sentence in another year than the text's
# check slip: how far before and after a mistyped character its meeting's name may reach
# (中国人民政治协商会议第十四届全国委员会第三次会仪: 23 before)
_SLIP_BEFORE = 30
_SLIP_AFTER = 24
_OTHER_YEAR = ("去年", "前年", "上年", "上一年", "往年", "年前", "同期")


class MeetingNames(Strict):
    """How the bodies are written inside meeting names (folded text)."""

    party: list[str] = Field(min_length=1)
    """Words that name the Party before a congress or plenum (党的, 中共, 中国共产党)."""
    npc: list[str] = Field(min_length=1)
    """The National People's Congress (全国人大, 全国人民代表大会)."""
    cppcc: list[str] = Field(min_length=1)
    """The CPPCC National Committee (全国政协, 政协全国委员会)."""
    ccdi: list[str] = Field(default_factory=list)
    """The Central Commission for Discipline Inspection (中央纪委, 中央纪律检查委员会), whose
    plenums are numbered 二十届中央纪委三次全会 / 第二十届中央纪律检查委员会第三次全体会议."""
    cppcc_split: list[str] = Field(default_factory=list)
    """The CPPCC's name before its term in the long form, the National Committee's after it
    (中国人民政治协商会议 / 政协 第十四届 全国委员会 第三次会议)."""
    cppcc_national: list[str] = Field(default_factory=list)
    """What follows the term in that long form (全国委员会): a local committee's term is
    followed by its place's committee (政协某县第十届委员会), so only these are national."""
    npc_standing: list[str] = Field(default_factory=list)
    """The NPC Standing Committee after its term, before its session (十四届 全国人大常委会
    第五次会议, 第十四届 全国人民代表大会常务委员会 第五次会议): checks standing_not_held
    and standing_superseded."""


class TermOrder(Strict):
    """Which bodies take their term number before their name and which after it, in a
    session's name (folded text)."""

    before: list[str] = Field(default_factory=list)
    """县十八届人大四次会议, 十九届中央纪委四次全会 (人大, 人民代表大会, 中央纪委)."""
    after: list[str] = Field(default_factory=list)
    """县政协十届三次会议, 全国政协十四届三次会议 (政协)."""


class LocalNames(Strict):
    """How the bodies of a province, city, county or district are written inside the names
    of their meetings (folded text). Their grammar is the national one's; there is no fact
    table for them (which term met, which session was held is unknown), so only the form
    of a local name is judged."""

    places: list[str] = Field(default_factory=list)
    """Ends of place names right before a local body (省十四届人大, 市政协, 县委, 自治区党委):
    reported with the name where the body holds them (县人大十八届四次会议 → 县十八届人大…)."""
    npc: list[str] = Field(default_factory=list)
    """A local people's congress: its term before it, its sessions 次…会议 (县十八届人大四次
    会议, 县第十八届人民代表大会第四次会议; not 全会, 全体会议)."""
    cppcc: list[str] = Field(default_factory=list)
    """A local CPPCC committee: its term after it, its sessions 次…会议 (市政协十五届三次会议)."""
    committees: list[str] = Field(default_factory=list)
    """A local Party committee right after a place (省委, 自治区党委, 市纪委): its term with
    届, its plenums 次全会 or 次全体会议 (省委十五届五次全会; 中全会 is the Central
    Committee's)."""
    bare: list[str] = Field(default_factory=list)
    """The committees among ``committees`` whose plenum named without its term is judged
    (市委第五次全会: 委 right after a place; 社区党委第三次全体会议 and 省纪委第五次全体会议 are
    left alone)."""
    provinces: list[str] = Field(default_factory=list)
    """Ends of the names of provincial-level places (省, 自治区, 上海市): a province's Party
    congress has no delegates of a term (党代表任期制 is a county's or city's), so its
    delegates are its congress's (中国共产党某省第十三次代表大会代表)."""
    congress: list[str] = Field(default_factory=list)
    """Short names of a local Party congress (党代会, 党代表大会): numbered with 次 (市第十三次
    党代会, 中共某县第十五次代表大会)."""
    others: list[str] = Field(default_factory=list)
    """Other organizations whose local committees are named alike (团市委, 民盟省委, 军区党委):
    a committee's name whose place ends one, or after one in its clause, is left alone."""


class PastCues(Strict):
    """Words that speak of a meeting as held, just before its name (学习, 召开的) or just
    after it (闭幕, 精神, 审议通过)."""

    before: list[str] = Field(default_factory=list)
    after: list[str] = Field(default_factory=list)
    congress: list[str] = Field(default_factory=list)
    """A congress's name is said for a year before it meets (喜迎, 预祝…胜利召开, 代表选举):
    only these words right after it speak of it as held (精神, 以来, 闭幕)."""
    congress_studied: list[str] = Field(default_factory=list)
    """Words right after a congress's name that speak of it as held when a word of
    ``before`` precedes it (学习党的二十一大报告; not 二十一大报告起草)."""


class CurrentCues(Strict):
    """Words beside the name of a yearly meeting (an NPC or CPPCC session, a CCDI plenum)
    that speak of it as this year's (check ``superseded``)."""

    watched: list[str] = Field(default_factory=list)
    """Just before the name: its broadcast followed (收看, 观看, 收听)."""
    news: list[str] = Field(default_factory=list)
    """In the name's clause after it: the day's news of it (开幕, 闭幕)."""
    studied: list[str] = Field(default_factory=list)
    """Just before the name, with ``spirit`` right after it: its 精神 studied (学习, 传达)."""
    spirit: list[str] = Field(default_factory=list)
    """Right after the name (精神)."""
    looking_back: list[str] = Field(default_factory=list)
    """In the name's sentence: a look back over past years (一年来, 以来, 回顾), where an
    earlier year's meeting is named rightly."""
    study_days: int = Field(default=31, ge=1)
    """How many days after this year's meeting a text studying a meeting of its body's
    still studies this year's."""
    closed: list[str] = Field(default_factory=list)
    """In the name's clause after it: its closing told as news (胜利闭幕), which a county's
    page gives some days after the last day."""
    closed_days: int = Field(default=2, ge=0)
    """How many days after this year's meeting's last day a text telling a closing (``closed``)
    of a meeting of its body still tells this year's."""


class ElectedCues(Strict):
    """Words that say a Central Committee plenum elected the Party's leaders (check
    ``elected_later``), in its name's clause right after it (folded text)."""

    verbs: list[str] = Field(default_factory=list)
    """选举, 选出, 当选 (not 增选, 增补: a later plenum adds members)."""
    offices: list[str] = Field(default_factory=list)
    """What only an electing plenum elects, after the verb in its clause (总书记, 政治局常委,
    新一届中央领导机构)."""


class Held(Strict):
    """When a meeting was held: its year, and its first and last day where known."""

    year: int
    start: dt.date | None = None
    end: dt.date | None = None
    """None with a start: the last day is not known (yet)."""


_SPAN = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:/(?:(?:([0-9]{2})-)?([0-9]{2}))?)?")


def _held(value: Any) -> Any:
    """``2019`` (the year only), ``2022-10-23`` (one day), ``2019-10-28/31``,
    ``2012-10-31/11-02`` (first and last day), ``2012-11-08/`` (the last day not known)."""
    if isinstance(value, Held | dict):
        return value
    if isinstance(value, int):
        return Held(year=value)
    if isinstance(value, dt.date):
        return Held(year=value.year, start=value, end=value)
    m = _SPAN.fullmatch(str(value).strip())
    if m is None:
        raise ValueError(f"not a year, a day or a span of days: {value!r}")
    year, month, day = int(m[1]), int(m[2]), int(m[3])
    start = dt.date(year, month, day)
    if "/" not in m[0]:
        return Held(year=year, start=start, end=start)
    if m[5] is None:
        return Held(year=year, start=start)
    end = dt.date(year, int(m[4] or month), int(m[5]))
    if end < start:
        raise ValueError(f"ends before it starts: {value!r}")
    return Held(year=year, start=start, end=end)


HeldValue = Annotated[Held, BeforeValidator(_held)]


class PlenumDocument(Strict):
    """A document a Central Committee plenum adopted, known by words of its title."""

    plenum: list[tuple[int, int]] = Field(min_length=1)
    """The plenums (term, number) that adopted a document so titled; a phrase two plenums
    share (修改宪法) names neither."""
    phrases: list[str] = Field(min_length=1)
    """Words of the title no other plenum's document holds (十四五, 百年奋斗重大成就)."""
    source: str = Field(min_length=1)


class SessionDocument(Strict):
    """A document an NPC session adopted or approved, known by words of its title."""

    session: list[tuple[int, int]] = Field(min_length=1)
    """The NPC sessions (term, session) that adopted a document so titled."""
    phrases: list[str] = Field(min_length=1)
    """Words of the title no other session's document holds (“十三五”规划纲要)."""
    source: str = Field(min_length=1)


class StandingLaw(Strict):
    """A law the NPC Standing Committee adopted at one session, known by its name."""

    session: tuple[int, int]
    """The session (term, number) that adopted it."""
    phrases: list[str] = Field(min_length=1)
    """The law's short names, each held by no other law's (外国国家豁免法; not 能源法, which
    可再生能源法 holds)."""
    source: str = Field(min_length=1)


class RenamedMeeting(Strict):
    """A recurring meeting held under one name up to a day and under another from then
    (全国金融工作会议 → 中央金融工作会议), with the days each name's meetings were held."""

    old: str = Field(min_length=1)
    new: str = Field(min_length=1)
    old_held: list[HeldValue] = Field(min_length=1)
    new_held: list[HeldValue] = Field(min_length=1)
    source: str = Field(min_length=1)


class Commission(Strict):
    """A leading group of the Central Committee renamed a commission (中央财经领导小组 →
    中央财经委员会, 2018-03-21), with the days of the commission's numbered meetings."""

    group: str = Field(min_length=1)
    commission: str = Field(min_length=1)
    renamed: dt.date
    meetings: dict[int, dict[int, dt.date]] = Field(min_length=1)
    """Central Committee term → meeting number → its day (the commission counts its meetings
    from one in each term); a meeting not listed is not judged."""
    source: str = Field(min_length=1)


class AnnualMeeting(Strict):
    """A central work conference held once a year (中央经济工作会议, in December), with the
    days it was held in the years a source gives; a year not listed is not judged."""

    name: str = Field(min_length=1)
    held: list[HeldValue] = Field(min_length=1)
    source: str = Field(min_length=1)

    @model_validator(mode="after")
    def _one_a_year(self) -> AnnualMeeting:
        years = [h.year for h in self.held]
        if len(set(years)) != len(years) or any(h.start is None for h in self.held):
            raise ValueError(f"{self.name}: one meeting a year, each with its first day")
        return self


_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?")


def _month_or_day(value: Any) -> Any:
    """``2017-05`` (the month only) or ``2022-05-22`` (the first day): the first and the
    last day the meeting can have begun on."""
    if isinstance(value, tuple):
        return value
    if isinstance(value, dt.date):
        return (value, value)
    m = _MONTH.fullmatch(str(value).strip())
    if m is None:
        raise ValueError(f"not a month or a day: {value!r}")
    year, month = int(m[1]), int(m[2])
    if m[3]:
        day = dt.date(year, month, int(m[3]))
        return (day, day)
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (dt.date(year, month, 1), following - dt.timedelta(days=1))


BeganValue = Annotated[tuple[dt.date, dt.date], BeforeValidator(_month_or_day)]


class ProvinceCongresses(Strict):
    """A province's Party congresses: each elects a committee of its number (中共广东省
    第十二届委员会), whose plenums are numbered within its term (十二届省委第五次全会)."""

    name: str
    """The short name before 省委 (广东 in 广东省委)."""
    full: str
    """The province's name as a page or a sentence writes it (广东省): a plenum named
    without its province (十二届省委…, 省委十二届…) is judged only when its sentence, or
    the site's name before the text's first colon, names exactly one province."""
    congresses: dict[int, BeganValue] = Field(min_length=1)
    """Congress number (the committee's term) → the month (``2017-05``) or the first day
    (``2022-05-22``) it met."""


class MeetingFacts(Strict):
    """When each meeting was held: a year, or the days (``2019-10-28/31``) where a source
    gives them. A Central Committee term is complete (its number of plenums known) once
    the next congress is listed."""

    congress: dict[int, HeldValue] = Field(min_length=1)
    """Party congress number → when it was held."""
    plenums: dict[int, list[HeldValue]] = Field(min_length=1)
    """Central Committee term → when each of its plenums was held, in order."""
    ccdi_plenums: dict[int, list[HeldValue]] = Field(default_factory=dict)
    """Central Commission for Discipline Inspection term → when each of its plenums was
    held, in order (complete once the next congress is listed, as for the Central
    Committee)."""
    plenum_announced_days: int | None = Field(default=None, ge=1)
    """The most days before its first day that a plenum was made known (the Politburo decides
    it and its month). A plenum named as held in a text dated more than this before its
    first day (its year's own) cannot be one the text looks forward to: a 要 or 计划 in
    the sentence does not make it a plan (check ``not_yet_held``)."""
    complete_until: dt.date | None = None
    """The plenum lists hold every plenum held up to this day: a plenum after the last listed
    of the current term, named in a text dated up to this day, was not yet held (check
    ``not_yet_held``)."""
    next_plenum_from: dt.date | None = None
    """The first day the next plenum after the last listed of the current term can meet
    on, where the Politburo has called it for a month (2026-10-01 for one called for
    October): a plenum after the last listed, named as held in a text dated before this
    day, was not yet held, after ``complete_until`` too (check ``not_yet_held``)."""
    npc_first_session: dict[int, int] = Field(min_length=1)
    """NPC term → year of its first session (session n meets in year + n - 1)."""
    cppcc_first_session: dict[int, int] = Field(min_length=1)
    """CPPCC National Committee term → year of its first session."""
    sessions_per_term: int = Field(ge=1)
    """Sessions of one NPC / CPPCC term (five since the fifth NPC)."""
    congress_places: dict[int, list[str]] = Field(default_factory=dict)
    """Party congress number → the cities it met in (check ``held_elsewhere``; 上海 and 嘉兴
    for the first). A place written after a congress's name is judged only when it starts
    with a city of this table (在北京人民大会堂; not 在南湖红船上)."""
    npc_sessions: list[HeldValue] = Field(default_factory=list)
    """The days of NPC sessions (check ``held_on_other_day``), one a year."""
    cppcc_sessions: list[HeldValue] = Field(default_factory=list)
    """The days of CPPCC National Committee sessions, one a year."""
    documents: list[PlenumDocument] = Field(default_factory=list)
    """Documents plenums adopted (check ``other_plenum_document``)."""
    renamed: list[RenamedMeeting] = Field(default_factory=list)
    """Recurring meetings renamed (check ``renamed_meeting``)."""
    session_documents: list[SessionDocument] = Field(default_factory=list)
    """Documents NPC sessions adopted or approved (check ``other_plenum_document``: a
    session named as adopting another session's document)."""
    npc_standing: dict[int, list[HeldValue]] = Field(default_factory=dict)
    """NPC term → the days of its Standing Committee's sessions, in order from the first
    (checks standing_not_held and standing_superseded). The current term's list is complete
    up to ``npc_standing_complete_until``; a session decided but not yet held may be listed
    with the days decided."""
    npc_standing_total: dict[int, int] = Field(default_factory=dict)
    """Finished NPC term → how many sessions its Standing Committee held (a higher number
    names no session: check standing_not_held)."""
    npc_standing_laws: list[StandingLaw] = Field(default_factory=list)
    """Laws the NPC Standing Committee adopted (check standing_other_law: a session named as
    adopting another session's law)."""
    npc_laws: str | None = None
    """A table file (relative to the rule file) of the sessions of earlier terms, of the
    NPC Standing Committee (常委会) and of the NPC (大会), and the laws each made (checks
    standing_other_law, standing_other_day). Tab-separated: the body, the term, the
    session, its days (``2018-08-27/31``, ``-`` if not known), the laws it made, each by
    its short name, joined by 、 (``-`` for none), and the source."""
    npc_standing_complete_until: dt.date | None = None
    """``npc_standing`` holds every session held up to this day: a later session of the
    current term, named as held in a text dated up to this day, was not yet held."""
    leaders_elected: dict[int, list[int]] = Field(default_factory=dict)
    """Central Committee term → the plenums that elected its leaders (the first; 十三届四中全会
    too): a term not listed is not judged (check ``elected_later``)."""
    commissions: list[Commission] = Field(default_factory=list)
    """Leading groups renamed commissions (check ``commission_meeting``)."""
    annual: list[AnnualMeeting] = Field(default_factory=list)
    """Yearly central conferences and their days (check ``annual_not_yet_held``)."""
    provinces: list[ProvinceCongresses] = Field(default_factory=list)
    """Provinces' Party congresses (check provincial_plenum_at_date)."""
    provincial_plenums_first: int = Field(default=2, ge=1)
    """The most plenums a provincial committee can have held by the end of the month its
    congress met in (the first meets at the congress)."""
    provincial_months_per_plenum: int = Field(default=2, ge=1)
    """After that month, at most one more plenum per so many months (a bound, not a pace:
    check provincial_plenum_at_date flags only a number the term cannot have reached)."""
    ccdi_work_years: dict[int, dict[int, int]] = Field(default_factory=dict)
    """CCDI term → plenum → the year whose work it deployed (a plenum held early in a year
    deploys that year's: 十九届中央纪委六次全会, 2022-01, deployed 2022's). A plenum that
    deployed no year's work (a term's first and last, one held in autumn) is not listed; a
    term not listed is not judged (check ``ccdi_work_year``)."""

    @model_validator(mode="after")
    def _one_session_a_year(self) -> MeetingFacts:
        for name in ("npc_sessions", "cppcc_sessions"):
            years = [h.year for h in getattr(self, name)]
            if len(set(years)) != len(years):
                raise ValueError(f"{name}: one session a year")
            if any(h.start is None for h in getattr(self, name)):
                raise ValueError(f"{name}: each session needs its first day")
        return self


class MeetingEntry(EntryBase):
    check: Check
    """The check this entry enables (see the kind's doc)."""


class MeetingRule(RuleBase):
    kind: Literal["meeting"]
    names: MeetingNames
    held: list[str] = Field(min_length=1)
    """Verbs saying that a meeting was held (召开, 开幕, 闭幕, 举行)."""
    ahead: list[str] = Field(default_factory=list)
    """Words in a meeting's sentence that speak of it as coming (将, 即将, 筹备): check
    ``not_yet_held`` leaves those sentences alone."""
    past: PastCues = Field(default_factory=lambda: PastCues())
    """Words right beside a meeting's name that speak of it as held: check ``not_yet_held``
    needs one."""
    current: CurrentCues = Field(default_factory=lambda: CurrentCues())
    """Words that speak of a yearly meeting as this year's: check ``superseded``."""
    facts: MeetingFacts
    term_order: TermOrder = Field(default_factory=TermOrder)
    """For the check ``term_order``."""
    local: LocalNames = Field(default_factory=LocalNames)
    """The bodies of provinces, cities, counties and districts (checks session_word,
    term_as_congress, plenum_on_assembly, plenary_word, mixed_forms, term_order,
    unnumbered_term, local_plenum, local_congress_term)."""
    others: list[str] = Field(default_factory=list)
    """Ends of the names of other bodies whose plenums are numbered alike (农工党十七届二中全会,
    共青团, 省委): a plenum's name right after one is not the Central Committee's, and
    the checks held_on_other_day and other_plenum_document leave it alone."""
    acts: list[str] = Field(default_factory=list)
    """Verbs right after a meeting's name that say what it did (选举, 审议通过): a date right
    before the name dates the meeting as 召开 does (checks held_in_other_year and
    held_on_other_day: 2002年11月15日，党的十六届二中全会选举…); not before 的 (…通过的方案:
    the date may be another act's)."""
    elected: ElectedCues = Field(default_factory=lambda: ElectedCues())
    """For the check ``elected_later``."""
    adopted: list[str] = Field(default_factory=list)
    """Verbs right after a plenum's name saying it adopted the document that follows
    (审议通过了, 通过的, 作出的): check ``other_plenum_document``."""
    documents: list[str] = Field(default_factory=list)
    """Words that end a document's title (决定, 决议, 建议): an adopted title not in 《》
    must end in one (check ``other_plenum_document``)."""
    deployed: list[str] = Field(default_factory=list)
    """Words right before a year (…年) that say a meeting deployed that year's work (部署,
    安排): check ``ccdi_work_year``."""
    reported: list[str] = Field(default_factory=list)
    """Words in an adopted title that make it a report on a session's document, not the
    document (…规划纲要实施情况的报告, 中期评估): the sessions' documents are not judged
    there."""
    slips: dict[str, list[str]] = Field(default_factory=dict)
    """Check ``slip``: a fixed character of the names (大, 届, 次, 会, 议, 全, 体) → the
    characters written in its place by sound or by shape (大: 太, 犬)."""
    slip_conferences: list[str] = Field(default_factory=list)
    """Check ``slip``: the starts of the recurring conferences' names ending in 工作会议
    (中央): such a name with a slip in 会议 is judged too."""
    entries: list[MeetingEntry] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_entry_per_check(self) -> MeetingRule:
        checks = [e.check for e in self.entries]
        if len(set(checks)) != len(checks):
            raise ValueError("each check may be enabled by one entry only")
        return self


@dataclass
class _Data:
    checks: dict[str, int]  # check -> entry index
    held: tuple[str, ...]
    facts: MeetingFacts
    ahead: tuple[str, ...] = ()
    past_before: tuple[str, ...] = ()
    past_after: tuple[str, ...] = ()
    past_congress: tuple[str, ...] = ()
    past_congress_studied: tuple[str, ...] = ()
    current: CurrentCues | None = None  # folded
    folded: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # check held_on_other_day: the days of each year's NPC / CPPCC session
    npc_days: dict[int, Held] = field(default_factory=dict)
    cppcc_days: dict[int, Held] = field(default_factory=dict)
    # check other_plenum_document: folded title phrase -> the plenums that adopted it
    documents: dict[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)
    # the same for NPC sessions: folded title phrase -> the sessions (term, session)
    session_documents: dict[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)
    # checks standing_other_law and standing_other_day (``facts.npc_laws``): the sessions'
    # days by (body, term, session), body "s" the Standing Committee and "p" the NPC; the
    # Standing Committee's session that closed on a day; a law's folded short name -> the
    # session that made it
    sessions: dict[tuple[str, int, int], Held] = field(default_factory=dict)
    closed_on: dict[dt.date, tuple[str, int, int]] = field(default_factory=dict)
    laws: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    # check commission_meeting: each renamed group's folded name and its facts
    commissions: list[tuple[str, Commission]] = field(default_factory=list)
    # check slip: a character written in place of a fixed one -> the fixed ones it may be
    slip_of: dict[str, tuple[str, ...]] = field(default_factory=dict)


class Meeting(RuleKind):
    name = "meeting"
    rule_model = MeetingRule
    doc = KindDoc(
        what="Meeting names built wrongly: 届 for 次 in a session number "
        "(十四届全国人大三届会议), a plenum on a body that has none "
        "(全国政协十三届四中全会), a congress numbered as a term (党的十九届大会) and a "
        "term as a congress (县第十八次人民代表大会第四次会议), a Party committee's "
        "plenum called a 会议 or a CPPCC or people's congress session a 全体会议 "
        "(第二十届中央委员会第三次会议, 第十四届全国人民代表大会第三次全体会议), "
        "全体大会 in place of either (中国共产党第二十届中央委员会第三次全体大会), "
        "a plenum hung on a congress (二十大三中全会), a session the term never had "
        "(十九届八中全会, 十九届中央纪委八次全会, 全国政协十四届六次会议), short and long "
        "forms mixed (十九届第四中全会, 二十届三次全会, 党的第二十大, 中共中央第二十届第四次"
        "全体会议), two bodies in one name (全国政协十四届人大三次会议), a term number on the "
        "wrong side of its body (县人大十八届四次会议 for "
        "县十八届人大四次会议, 县十届政协三次会议 for 县政协十届三次会议, 中央纪委十九届四次全会, "
        "全国人民代表大会常务委员会第十四届第五次会议, 省人大常委会第十四届第五次会议), "
        "a year that contradicts the fact table, before or after the "
        "name (2017年党的十八大召开, 十四届全国人大三次会议于2024年开幕; a date right before "
        "the name dates it also when an act follows it: 2002年11月15日，党的十六届二中全会"
        "选举…, not …通过的…), a later plenum said to elect the Party's leaders (十六届二中"
        "全会选举胡锦涛为总书记: a term's first plenum does, and the later ones that did are "
        "listed, 十三届四中全会), a meeting "
        "after the document's date (二十届中央纪委四次全会 in 2024-01, 党的二十一大 in 2025), "
        "days or a month that contradict it "
        "(7月15日至18日召开的二十届二中全会, 十三届全国人大三次会议于3月5日开幕: 开幕 "
        "the first day, 闭幕 the last, 召开 / 举行 a day within or the whole span; the "
        "meeting held on those days is suggested when there is one), a year beside a "
        "meeting held in another year (the span runs from the year to the name: the name "
        "is renamed when the year and month point to one other meeting of its body, else the "
        "year is fixed), a plenum or session whose 精神 is studied in a text dated before it "
        "met, a session or CCDI plenum of an earlier year named as this year's (its broadcast "
        "watched or its 开幕 given as news within the days of this year's meeting of its body, "
        "its closing, 胜利闭幕, up to a week after, "
        "its 精神 studied up to a month after that meeting: 十三届全国人大四次会议精神 in a text "
        "of 2022-03-14; not in a sentence that names a year or looks back, 以来, 一年来), "
        "a session or plenum named with 开幕 / 闭幕 as the news of a text dated within "
        "another meeting's days (全国政协十四届二次会议在京闭幕 in a text of 2025-03-10), a "
        "plenum of a term not yet elected (二十届中央纪委六次全会 in 2022-01), the short national "
        "forms in the wrong order for any term (全国人大十四届三次会议, 十二届全国政协三次会议), "
        "a congress said to meet in a city it did not meet in (中国共产党第一次全国代表"
        "大会在北京召开), a congress given a plenum (中国共产党第二十次全国代表大会第三次全体"
        "会议), and a plenum named as adopting (审议通过, 通过, 关于 or a title in 《》 right "
        "after its name) another plenum's document (十九届五中全会审议通过了…百年奋斗重大成就和"
        "历史经验的决议, 十二届二中全会通过《中共中央关于经济体制改革的决定》) or an NPC "
        "session as approving another session's (十二届全国人大三次会议审议通过“十三五”规划纲要), "
        "and a renamed recurring meeting under the name it did not bear on the days written "
        "beside it (中央金融工作会议7月14日至15日召开 in a text of 2017: 全国金融工作会议). "
        "A CCDI plenum named with the deployment of a year's work another plenum deployed "
        "(学习十九届中央纪委五次全会精神，部署2022年…工作: the sixth), and a leading group's "
        "numbered meeting named within a month after the commission that replaced it held "
        "the meeting of that number (中央财经领导小组第五次会议精神 in 2019-08-28: "
        "中央财经委员会). "
        "An NPC Standing Committee session is judged against its days: one named as held "
        "before it met (十四届全国人大常委会第十六次会议精神 in 2025-05-20), an earlier one "
        "whose 精神 is studied within a month after a later one closed (…第五次会议精神 in "
        "2025-05-08, after the fifteenth), one past the last of a finished term "
        "(十三届全国人大常委会第四十次会议), one named as adopting a law another "
        "session made (十四届全国人大常委会第五次会议表决通过了民营经济促进法: the fifteenth; "
        "《中华人民共和国数据安全法》由十三届全国人大常委会第三十次会议通过: the twenty-ninth; "
        "a law the NPC itself made: 十三届全国人大三次会议 for 民法典), and one named as acting "
        "on a day another session closed on (…第六次会议于2018年8月31日通过: the fifth). "
        "An NPC or CPPCC session is read in its long forms as in its short ones "
        "(中国人民政治协商会议第十一届全国委员会第四次会议). "
        "Local bodies (a province's, a city's, a county's) are judged by "
        "the same grammar, without facts: 届 and 次 confused or swapped "
        "(市政协十五届三届会议, 县十八次人大四届会议, 市委十四次八届全会), a session called a "
        "全会 or 全体会议 (市人大十五届三次全会, 县十八届人大四次全体会议), 全会议 "
        "(县委十四届八次全会议), a local committee's plenum called a 中全会 (中共浙江省委"
        "十五届五中全会 for 省委十五届五次全会), a local Party congress numbered with 届 "
        "(市第十三届党代会; not 第五届代表大会第五次会议, which meets each year of its term) "
        "and a committee's plenum without its term (市委第五次全会). "
        "A name of the grammar or a central conference's (中央…工作会议) with one fixed "
        "character typed by sound or by shape (党的二十太, 十四届全国人大三次会仪, 中央经济工作"
        "会仪: the rule's ``slips``) is marked whole, the character put back. A congress's "
        "精神 studied in its own year before it met (党的十八大精神 in 2012-08), unless the "
        "sentence speaks of plans, and a plenum's more than ``plenum_announced_days`` before "
        "it met, are judged as not yet held.",
        why="Meeting names are a grammar over numbers; listing every wrong string cannot keep up, "
        "while the grammar and a one-line-per-term fact table catch any number.",
        example="- check: session_word\n# → flags 十四届全国人大三届会议, suggesting "
        "十四届全国人大三次会议",
    )

    def computed_suggestion(self, entry: EntryBase) -> bool:
        return True

    def compile(self, loaded: LoadedRule, builder: Builder) -> None:
        rule = loaded.rule
        assert isinstance(rule, MeetingRule)
        rule_index = builder.add_rule(loaded)
        checks: dict[str, int] = {}
        for _, entry, line in entries_of(loaded):
            assert isinstance(entry, MeetingEntry)
            checks[entry.check] = builder.add_entry(rule_index, entry, line)
        fold = builder.normalizer.fold
        data = _Data(
            checks,
            tuple(fold(w) for w in rule.held),
            rule.facts,
            ahead=tuple(fold(w) for w in rule.ahead),
            past_before=tuple(fold(w) for w in rule.past.before),
            past_after=tuple(fold(w) for w in rule.past.after),
            past_congress=tuple(fold(w) for w in rule.past.congress),
            past_congress_studied=tuple(fold(w) for w in rule.past.congress_studied),
            current=CurrentCues(
                watched=[fold(w) for w in rule.current.watched],
                news=[fold(w) for w in rule.current.news],
                studied=[fold(w) for w in rule.current.studied],
                spirit=[fold(w) for w in rule.current.spirit],
                looking_back=[fold(w) for w in rule.current.looking_back],
                study_days=rule.current.study_days,
                closed=[fold(w) for w in rule.current.closed],
                closed_days=rule.current.closed_days,
            ),
        )
        words = {
            "party": rule.names.party,
            "npc": rule.names.npc,
            "cppcc": rule.names.cppcc,
            "ccdi": rule.names.ccdi,
            "cppcc_split": rule.names.cppcc_split,
            "cppcc_national": rule.names.cppcc_national,
            "npc_standing": rule.names.npc_standing,
            "term_before": rule.term_order.before,
            "term_after": rule.term_order.after,
            "places": rule.local.places,
            "local_npc": rule.local.npc,
            "local_cppcc": rule.local.cppcc,
            "local_committees": rule.local.committees,
            "local_bare": rule.local.bare,
            "local_provinces": rule.local.provinces,
            "local_congress": rule.local.congress,
            "local_others": rule.local.others,
            "others": rule.others,
            "adopted": rule.adopted,
            "documents": rule.documents,
            "reported": rule.reported,
            "deployed": rule.deployed,
            "acts": rule.acts,
            "elect_verbs": rule.elected.verbs,
            "offices": rule.elected.offices,
            "slip_conferences": rule.slip_conferences,
        }
        data.folded = {key: tuple(map(fold, listed)) for key, listed in words.items()}
        data.commissions = [(fold(c.group), c) for c in rule.facts.commissions]
        slip_of: dict[str, list[str]] = {}
        for right, wrongs in rule.slips.items():
            for wrong in wrongs:
                slip_of.setdefault(fold(wrong), []).append(fold(right))
        data.slip_of = {wrong: tuple(rights) for wrong, rights in slip_of.items()}
        data.npc_days = {h.year: h for h in rule.facts.npc_sessions}
        data.cppcc_days = {h.year: h for h in rule.facts.cppcc_sessions}
        documents: dict[str, list[tuple[int, int]]] = {}
        for document in rule.facts.documents:
            for phrase in document.phrases:
                documents.setdefault(fold(phrase), []).extend(document.plenum)
        data.documents = {k: tuple(dict.fromkeys(v)) for k, v in documents.items()}
        by_session: dict[str, list[tuple[int, int]]] = {}
        for said in rule.facts.session_documents:
            for phrase in said.phrases:
                by_session.setdefault(fold(phrase), []).extend(said.session)
        data.session_documents = {k: tuple(dict.fromkeys(v)) for k, v in by_session.items()}
        _law_table(loaded, rule.facts, data, fold)
        if "term_order" in checks or "national_term_order" in checks:
            # (the term order of the national sessions is this grammar's: no other rule's
            # generated near-miss may report it, with another severity)
            facts = rule.facts
            terms = sorted({*facts.npc_first_session, *facts.cppcc_first_session})
            sessions = range(1, facts.sessions_per_term + 1)
            builder.judged_by_grammar(
                form
                for t, n in ((chinese(t), chinese(n)) for t in terms for n in sessions)
                for form in (
                    f"全国人大{t}届{n}次会议",
                    f"{t}届全国政协{n}次会议",
                    f"全国人大第{t}届第{n}次会议",
                    f"全国人民代表大会第{t}届第{n}次会议",
                    f"第{t}届全国政协第{n}次会议",
                )
            )
        rules: list[_Data] = builder.kind_data.setdefault(self.name, [])
        rules.append(data)

    def finder(self, data: Any, env: ScanEnv) -> MeetingFinder | None:
        return MeetingFinder(data) if data else None


# Where each pattern can match: around one of these literals, within so many characters
# before it and after its end. Scanning the whole text with each pattern would cost more
# than all other kinds together; finding literals with str.find costs next to nothing.
_ANCHORS: dict[str, tuple[tuple[str, ...], int, int]] = {
    "session_word": (("届会议", "届全体会议"), 30, 0),
    "plenum_on_assembly": (("中全会",), 30, 0),
    "standing_plenum": (("常委会全会", "常务委员会全会", "中全会", "次全会"), 24, 2),
    "congress_as_term": (("届全国代表大会", "届大会", "届党代会"), 24, 6),
    "term_as_congress": (("次会议", "次全体会议", "届会议", "届全体会议"), 24, 0),
    "elected_term": (("选举",), 40, 40),
    # 2022年中央经济工作会议: the year before a yearly conference's name (the names are the
    # rule's, added as needles)
    "annual": ((), 7, 0),
    "plenary_word": (("次会议", "次全体会议", "次全体大会", "次全会"), 40, 2),
    "congress_with_plenum": (("中全会", "次全体会议"), 24, 0),
    "mixed_forms": (("中全会", "次全会", "党的第", "中共第", "中国共产党第", "次全体会议"), 24, 6),
    "plenum": (("中全会", "次全体会议"), 24, 0),
    "session": (("次会议",), 30, 0),
    "split_body": (("届人大", "届政协"), 8, 8),
    "term_order": (("次会议", "次全会", "次全体会议", "常委会会议"), 24, 0),
    "unnumbered_term": (("人大常委会第",), 6, 12),
    "standing_session_word": (("人大常委会", "人民代表大会常务委员会"), 0, 8),
    "unnumbered_plenum": (("次全会", "次全体会议"), 10, 0),
    # 广东省委十二届五次全会, 十二届广东省委第五次全体会议, 中国共产党广东省第十二届委员会第五次
    # 全体会议 (the longest, 24 before)
    "provincial_plenum": (("次全会", "次全体会议"), 24, 0),
    # a local body's session or plenum (县十八届人大四次会议, 市政协十五届三次会议, 县委十四届
    # 八次全会) however its numbers and its last word are written: the longest, 自治区第十三届
    # 人民代表大会第十四, stands 16 before; two after: 全会议 and the character after it
    "local": (
        ("次会议", "届会议", "次全会", "届全会", "中全会", "次全体会议", "届全体会议"),
        18,
        2,
    ),
    # a local Party congress numbered with 届 (the rule's names of it, after 届, are added;
    # six after: what follows may make it a term's meeting, 第十五次…)
    "local_congress_term": (("届代表大会",), 24, 6),
    "held": (("召开", "开幕", "闭幕", "举行"), 60, 2),
    # 1997年9月在北京召开的党的十五大: the date and the verb before the name
    "held_before": (("召开的", "举行的"), 24, 40),
    "named": (("中全会", "次全体会议", "次会议", "次全会"), 30, 0),
    # a congress's name for the checks held_on_other_day (党的二十大, 中共二十大,
    # 中国共产党第二十次全国代表大会)
    "congress_short": (("党的", "中共"), 0, 8),
    "congress_long": (("次全国代表大会",), 12, 0),
    # the NPC Standing Committee's sessions (十四届全国人大常委会第五次会议; the long form's
    # 常务委员会第: 第十四届全国人民代表大会常务委员会第五次会议)
    "standing": (("人大常委会第", "常务委员会第"), 18, 8),
}


# a character that every match of a pattern consumes, so that a window without it holds
# none: the year's 年 of the dated patterns and the 于 of held_after (each read in windows
# around every 召开, 举行 … of a text, a quarter and a seventh of which hold one)
_REQUIRED = {"held": "年", "held_before": "年", "held_after": "于"}


_NEEDLES = tuple(sorted({needle for needles, _, _ in _ANCHORS.values() for needle in needles}))


class _Anchors:
    """Where the literals of _ANCHORS stand in one text (non-overlapping, from the left),
    each looked for once (several patterns share one) when a pattern first needs it."""

    def __init__(self, scan: ScanInput) -> None:
        self.text = scan.folded
        self.original = scan.text  # (same length: a fix is written in the text's characters)
        self._scan = scan
        self._found: dict[str, list[int]] = {}
        # the matches of a rule's pattern in its windows (see _matches), by the rule's
        # patterns, the pattern and its anchors: several checks read the same ones
        self.matched: dict[tuple[int, str, str], list[re.Match[str]]] = {}

    def positions(self, needle: str) -> list[int]:
        found = self._found.get(needle)
        if found is None:
            found = self._found[needle] = self._look_for(needle)
        return found

    def _look_for(self, needle: str) -> list[int]:
        text, anchored = self.text, self._scan.anchored
        found: list[int] = []
        if anchored is None:  # run on its own
            pos = text.find(needle)
            while pos != -1:
                found.append(pos)
                pos = text.find(needle, pos + len(needle))
            return found
        # the scanner's pass found them in the compact view: each occurrence in the folded
        # text is one there (a literal holds no noise), mapped back with nothing removed
        to_original = self._scan.view.to_original
        end = 0
        for s, e in anchored.get(needle, ()):
            start, stop = to_original(s, e)
            if start >= end and text.startswith(needle, start) and stop - start == len(needle):
                found.append(start)
                end = stop
        return found

    def windows(self, key: str, more: tuple[str, ...] = ()) -> list[tuple[int, int]]:
        """Merged spans of the text in which the pattern ``key`` can match (around its
        literals and those of ``more``)."""
        needles, before, after = _ANCHORS[key]
        needles += more
        n = len(self.text)
        spans = [
            (max(0, pos - before), min(n, pos + len(needle) + after))
            for needle in needles
            for pos in self.positions(needle)
        ]
        return merge_spans(spans)


@cache
def _said_held_in(known: str, held: tuple[str, ...]) -> re.Pattern[str]:
    """在 one of the places ``known`` (an alternation), then a word of ``held``: compiled
    once (re's own cache of patterns can lose it between two texts)."""
    return re.compile(
        rf"在(?P<place>{known})[^，,。；;\n]{{0,8}}?(?:胜利|隆重)?(?:{alternation(held)})"
    )


def _slip_triggers(folded: str, patterns: _Patterns) -> Iterator[re.Match[str]]:
    """The matches of the slip trigger in ``folded``, as its ``finditer`` over the whole text
    gives them, searched only where one can stand: a match ends at a slipped character and
    starts at most ``_TRIGGER_REACH`` characters before it. The trigger's search from every
    character of the text (~15 ms/MB) becomes one character-class scan for the slipped
    characters and searches in the merged stretches before them (none crosses a stretch's
    edge, so the matches and their order are the same)."""
    trigger = patterns["slip_trigger"]
    lo, hi = 0, -1  # the stretch being merged: [lo, hi)
    for m in patterns["slipped"].finditer(folded):
        q = m.start()
        if q - _TRIGGER_REACH > hi:
            if hi > lo:
                yield from trigger.finditer(folded, lo, hi)
            lo = max(0, q - _TRIGGER_REACH)
        hi = q + 1
    if hi > lo:
        yield from trigger.finditer(folded, lo, hi)


# the trigger's most characters before its slipped one: a numeral and up to seven others
_TRIGGER_REACH = 8


class _Patterns(dict[str, "re.Pattern[str]"]):
    """A rule's patterns by name, each compiled on first use: most texts hold no anchor of
    most patterns, and compiling them all took ~17 ms of every scanner's start."""

    def __init__(
        self, sources: dict[str, str], needles: dict[str, tuple[str, ...]] | None = None
    ) -> None:
        super().__init__()
        self._sources = sources
        # literals of a pattern taken from the rule's words, besides those of _ANCHORS
        self.needles = needles or {}

    def __missing__(self, name: str) -> re.Pattern[str]:
        pattern = self[name] = re.compile(self._sources[name])
        return pattern


def _matches(
    patterns: _Patterns, anchors: _Anchors, name: str, anchored_as: str | None = None
) -> list[re.Match[str]]:
    """Matches of the pattern ``name`` in the windows around its anchors (those of
    ``anchored_as`` when it shares another pattern's); searched once a text (the names of
    meetings are read by four checks)."""
    key = anchored_as or name
    done = anchors.matched.get((id(patterns), name, key))
    if done is not None:
        return done
    found: list[re.Match[str]] = []
    windows = anchors.windows(key, patterns.needles.get(key, ()))
    needed = _REQUIRED.get(name)
    if needed is not None:
        text = anchors.text
        windows = [(lo, hi) for lo, hi in windows if text.find(needed, lo, hi) >= 0]
    if windows:
        pattern = patterns[name]
        # lookbehind assertions still see the text before a window's start
        for lo, hi in windows:
            found.extend(pattern.finditer(anchors.text, lo, hi))
    anchors.matched[id(patterns), name, key] = found
    return found


def _body(m: re.Match[str]) -> str | None:
    """The body (NPC or CPPCC) a session's name ``m`` names, as written (None: no session)."""
    return m["a1"] or m["a2"] or m["a3"]


def _term_group(m: re.Match[str]) -> str:
    """The group that writes the term of a session's name ``m``."""
    return "t1" if m["t1"] else "t2" if m["t2"] else "t3"


def _session_days(m: re.Match[str], data: _Data) -> dict[int, Held]:
    """The days of each year's session of the body (NPC or CPPCC) ``m`` names."""
    return data.npc_days if _body(m) in data.folded["npc"] else data.cppcc_days


def _congress_held(m: re.Match[str], data: _Data) -> Held | None:
    """When the congress ``m`` names (group c1 or c2) was held, if the fact table knows."""
    n = number(m["c1"] or m["c2"])
    return data.facts.congress.get(n) if n is not None else None


def _in_season(m: re.Match[str], data: _Data, date: dt.date) -> bool:
    """Whether ``date`` falls in the days of the session ``m``'s body holds in that year, or
    in the fortnight before it (委员抵京报到): text then speaks of this year's session."""
    held = _session_days(m, data).get(date.year)
    if held is None or held.start is None:
        return False
    season = held.start - dt.timedelta(days=_SEASON_DAYS)
    return season <= date <= (held.end or held.start)


class MeetingFinder:
    """One set of patterns per rule; each match is judged against the rule's facts."""

    # found by the scanner's shared automaton: ~14 str.find passes over the text fewer
    anchors = _NEEDLES

    def __init__(self, rules: list[_Data]) -> None:
        self._rules = [(data, self._patterns(data)) for data in rules]
        more = {n for _, p in self._rules for needles in p.needles.values() for n in needles}
        self.anchors = tuple(sorted(set(_NEEDLES) | more))
        # a text without any of these holds no name the patterns judge: 届, 大 (党的二十大, 人大),
        # 全会, 第十次委员会第五次会议 (term_as_congress), 市委第五次全体会议 (unnumbered_term),
        # 市政协十五次三次会议 (a local CPPCC's term numbered with 次)
        local = {w for data, _ in self._rules for w in data.folded["local_cppcc"]}
        renamed = {n for data, _ in self._rules for r in data.facts.renamed for n in (r.old, r.new)}
        groups = {g for data, _ in self._rules for g, _ in data.commissions}
        groups |= {a.name for data, _ in self._rules for a in data.facts.annual}
        self._some = (
            "届",
            "大",
            "全会",
            "次委员会",
            "次全国委员会",
            "次全体会议",
            *sorted(local | renamed | groups),
        )

    @staticmethod
    def _patterns(data: _Data) -> _Patterns:
        party = alternation(data.folded["party"])
        npc = alternation(data.folded["npc"])
        cppcc = alternation(data.folded["cppcc"])
        assembly = f"(?:{npc}|{cppcc})"
        # the long form of a CPPCC National Committee session (中国人民政治协商会议第十四届全国
        # 委员会第三次会议): the body's name split by its term
        split = alternation(data.folded.get("cppcc_split", ())) or "(?!)"
        national = alternation(data.folded.get("cppcc_national", ())) or "(?!)"
        held = alternation(data.held)
        # (atomic: 审议通过的 is not 审议 before 通过; before 的 the act is a title's or another
        # act's, 十八届二中全会通过的方案经…批准)
        act = rf"(?>{alternation(data.folded.get('acts', ()))})了?(?![的者后前之以时期])"
        places = alternation(data.folded.get("places", ()))
        ccdi = alternation(data.folded.get("ccdi", ()))
        # a local Party committee stands right after a place (省委, 自治区党委): after the
        # last character of one (a lookbehind is of one width)
        ends = "".join(sorted({p[-1] for p in data.folded.get("places", ())}))
        after_place = f"(?<=[{re.escape(ends)}])" if ends else "(?!)"
        committees = alternation(data.folded.get("local_committees", ()))
        local_npc = alternation(data.folded.get("local_npc", ()))
        local_cppcc = alternation(data.folded.get("local_cppcc", ()))
        local_congress = alternation(data.folded.get("local_congress", ()))
        annual = alternation([a.name for a in data.facts.annual]) or "(?!)"
        provinces = alternation([p.name for p in data.facts.provinces]) or "(?!)"
        # a meeting whose year the fact table knows: a congress, a plenum (of the Central
        # Committee or of the CCDI), an NPC or CPPCC session (short or long form)
        meeting = (
            rf"(?P<m>{party}(?:第(?P<c1>{NUM})次全国代表大会|(?P<c2>{NUM})大)"
            rf"|(?:{party})?第?(?P<t>{NUM})届(?:(?P<p>{NUM})中全会"
            rf"|中央委员会第(?P<p2>{NUM})次全体会议)"
            rf"|(?:{party})?第?(?P<k>{NUM})届{ccdi}第?(?P<q>{NUM})次(?:全会|全体会议)"
            rf"|(?:第?(?P<t1>{NUM})届(?P<a1>{assembly})|(?P<a2>{assembly})第?(?P<t2>{NUM})届"
            rf"|(?P<a3>{split})第(?P<t3>{NUM})届{national})"
            rf"第?(?P<s>{NUM})次会议)"
        )
        # (a month alone is judged only after a year: 于2024年3月在北京召开)
        days = (
            r"(?:(?P<y>(?:19|20)[0-9]{2})年)?(?P<m1>[0-9]{1,2})月(?:(?P<d1>[0-9]{1,2})日"
            r"(?:(?:至|到|—|-|~)(?:(?P<m2>[0-9]{1,2})月)?(?P<d2>[0-9]{1,2})日)?)?"
        )
        clock = r"(?:上午|下午|晚上|晚)?(?:[0-9]{1,2}[时点](?:[0-9]{1,2}分|半)?)?"
        where = r"(?:在[^，,。；;\n]{1,8}?)?(?:胜利|隆重)?"
        # (the verb ends the clause: 举行预备会议, 闭幕后 speak of something else)
        verb = (
            rf"(?P<v>{held})(?P<w>开幕会|闭幕会|开幕式|闭幕式)?"
            r"(?=[，,。；;、：:！!？?\n）)”」]|$)"
        )
        # check slip: a character written for a fixed one of a name, a numeral a few
        # characters before it (党的二十太, 十九界, 三次会仪, 第三次全休会议) or 工作 right
        # before it (中央经济工作会仪); and the recurring conferences' names (中央…工作会议)
        slipped = "".join(sorted(data.slip_of))
        slip_trigger = (
            rf"[0-9〇一二三四五六七八九十][^，,。；;\n]{{0,7}}?[{re.escape(slipped)}]"
            rf"|工作[^，,。；;\n]?[{re.escape(slipped)}]"
            if slipped
            else "(?!)"
        )
        starts = alternation(data.folded.get("slip_conferences", ())) or "(?!)"
        return _Patterns(
            {
                "slip_trigger": slip_trigger,
                # (where the trigger can end: see _slips)
                "slipped": rf"[{re.escape(slipped)}]" if slipped else "(?!)",
                "conference": rf"(?:{starts})[\u4e00-\u9fff]{{2,8}}?工作会议",
                # 十四届全国人大三届会议 / 全国政协十三届二届会议 /
                # 第十四届全国人民代表大会第三届会议;
                # any term-numbered body of ours whose session or plenum is given a 届:
                # 十四届全国人大常委会第十届会议, 第二十届中央委员会第四届全体会议,
                # 市第十七届人民代表大会第三届会议 (the term number first: bodies abroad number
                # their sessions 届, 联合国人权理事会第49届会议)
                "session_word": (
                    rf"(?:第?(?P<t1>{NUM})届{assembly}|{assembly}第?(?P<t2>{NUM})届)"
                    rf"(?P<s>第?{NUM})(?P<w>届)会议"
                    rf"|第?{NUM}届[^，。；、\n0-9]{{0,10}}?"
                    rf"(?:人民代表大会|人大|政协|委员会|常委会|常务委员会)"
                    rf"第?{NUM}(?P<w2>届)(?:全体)?会议"
                ),
                # 县人大十八届四次会议 / 中央纪委十九届四次全会 (the term after a body that
                # takes it before: 县十八届人大四次会议) and 县十届政协三次会议 (the term before
                # one that takes it after: 县政协十届三次会议); not after 全国: the national
                # forms are the alternatives below and split_body's
                "term_order": (
                    rf"(?<!全国)(?P<p1>{places})?(?P<b1>{alternation(data.folded['term_before'])})"
                    rf"(?P<t1>第?{NUM}届)(?P<s1>第?{NUM}次(?:全体会议|全会|会议))"
                    rf"|(?<!全国)(?<!全国第)(?P<p2>{places})?(?<![0-9一二三四五六七八九十第])"
                    rf"(?P<t2>第?{NUM}届)(?P<b2>{alternation(data.folded['term_after'])})"
                    rf"(?P<s2>第?{NUM}次(?:全体会议|会议))"
                    # the national standing committees: 全国人大十四届常委会第十二次会议 for
                    # 十四届全国人大常委会…, 十四届全国政协常委会…会议 for 全国政协十四届常委会…
                    rf"|全国人大(?P<t3>第?{NUM}届)(?P<s3>常委会第?{NUM}次会议)"
                    rf"|(?<![0-9一二三四五六七八九十第])(?P<t4>第?{NUM}届)全国政协"
                    rf"(?P<s4>常委会(?:第?{NUM}次)?会议)"
                    # the short national forms, any term and session (全国人大十四届三次会议 for
                    # 十四届全国人大三次会议, 十四届全国政协三次会议 for 全国政协十四届三次会议)
                    rf"|(?:全国人大|全国人民代表大会)(?P<t8>第?{NUM})届(?P<s8>{NUM}次会议)"
                    rf"|(?<![0-9一二三四五六七八九十第])(?P<t9>第?{NUM})届全国政协"
                    rf"(?P<s9>{NUM}次会议)"
                    # the long national forms (第十三届全国政协第一次会议 for 政协第十三届全国
                    # 委员会第一次会议, 全国人大第十四届第三次会议)
                    rf"|(?<![0-9一二三四五六七八九十第])(?P<t6>第?{NUM}届)全国政协"
                    rf"(?P<s6>第{NUM}次会议)"
                    rf"|(?:全国人大|全国人民代表大会)(?P<t7>第?{NUM}届)(?P<s7>第{NUM}次会议)"
                    # a standing committee's term after its name (全国人民代表大会常务委员会
                    # 第十四届第五次会议, 省人大常委会第十四届第五次会议)
                    rf"|(?P<p5>全国|{places})?(?P<b5>人大常委会|人民代表大会常务委员会)"
                    rf"(?P<t5>第?{NUM}届)(?P<s5>第?{NUM}次会议)"
                ),
                # 省人大常委会第十二次会议 (judged only when no 届 stands just before)
                "unnumbered_term": (
                    # (with its level: a bare 人大常委会第十四次会议 in reports of the 1980s
                    # is the national one, named as was usual then)
                    # (not 全国: 全国人大常委会第二十次会议 in news is the current term's, an
                    # incomplete name, not a wrong one)
                    rf"(?:{places})人大常委会第(?P<s>{NUM})次会议"
                ),
                # 十四届全国人大常委会第五次会议 / 第十四届全国人民代表大会常务委员会第五次会议
                "standing": (
                    rf"(?<![0-9一二三四五六七八九十])第?(?P<t>{NUM})届"
                    rf"(?:{alternation(data.folded.get('npc_standing', ())) or '(?!)'})"
                    rf"第(?P<s>{NUM})次会议"
                ),
                # 十四届全国人大常委会三次会议: 第 dropped (or the plenary session's name
                # given the standing committee's body)
                "standing_session_word": (
                    rf"(?P<b>人大常委会|人民代表大会常务委员会)(?P<s>{NUM})次会议(?![室厅])"
                ),
                # a provincial Party committee's plenum (check provincial_plenum_at_date):
                # 广东省委十二届五次全会, 十二届省委第五次全体会议, 中国共产党广东省第十二届
                # 委员会第五次全体会议 (a province written before it, or none: then the
                # sentence's or the site's)
                "provincial_plenum": (
                    rf"(?:(?P<p1>{provinces})|(?<![\u4e00-\u9fff])|(?<=[的在和与及是为由对据了共]))"
                    rf"(?:省委|省委员会)(?P<t1>第?{NUM})届(?P<s1>第?{NUM})次(?:全会|全体会议)"
                    rf"|(?<![0-9一二三四五六七八九十第])(?P<t2>第?{NUM})届(?P<p2>{provinces})?"
                    rf"省委第?(?P<s2>{NUM})次(?:全会|全体会议)"
                    rf"|(?:中国共产党|中共)(?P<p3>{provinces})省第(?P<t3>{NUM})届委员会"
                    rf"第(?P<s3>{NUM})次全体会议"
                ),
                "province_full": alternation([p.full for p in data.facts.provinces]) or "(?!)",
                # 市委第五次全会: a local Party committee's plenums restart each 届 too
                "unnumbered_plenum": (
                    rf"(?P<k>{places}{after_place}{alternation(data.folded.get('local_bare', ()))})"
                    rf"第(?P<s>{NUM})次(?:全体会议|全会)"
                ),
                # a local body's session or plenum, its numbers with 届 or 次 and its last word
                # whatever they are (the grammar judges them: _local): a people's congress
                # with its term before it or after it (县十八届人大四次会议, 县人大十八届…), a
                # CPPCC committee (市政协十五届三次会议, 县十届政协…), a Party committee
                # (县委十四届八次全会, 中共浙江省委十五届五中全会); not after 全国 (the national
                # bodies are named in full: 全国人大, 全国政协)
                "local": (
                    rf"(?<!全国)(?P<lp>{places})?(?:"
                    rf"(?P<lt1>第?{NUM})(?P<lu1>[届次])(?P<ln1>{local_npc})"
                    rf"|(?P<ln2>{local_npc})(?P<lt2>第?{NUM})(?P<lu2>[届次])"
                    rf"|(?P<lc1>{local_cppcc})(?P<lt3>第?{NUM})(?P<lu3>[届次])"
                    rf"|(?P<lt4>第?{NUM})(?P<lu4>[届次])(?P<lc2>{local_cppcc})"
                    rf"|{after_place}(?P<lk>{committees})(?P<lt5>第?{NUM})(?P<lu5>[届次]))"
                    rf"(?P<ls>第?{NUM})(?:(?P<lv>[次届])(?P<lw>全会议|全体会议|全会|会议)|中全会)"
                    # (全会议程, 全会议定: the agenda of a 全会, what it settled)
                    r"(?![程题定案决事论])"
                ),
                # 市第十三届党代会 / 中国共产党湖南省第十二届代表大会: a local congress is
                # numbered with 次 (中共某县第十五次代表大会); not one that meets each year
                # of its term (中共台州市路桥区第五届代表大会第五次会议, 党代会常任制), nor
                # its delegates
                "local_congress_term": (
                    rf"(?:(?P<a>(?:中国共产党|中共)[^，。；、\n0-9]{{1,12}}?{places})"
                    rf"(?P<ad>第)(?P<an>{NUM})届(?P<aw>代表大会|{local_congress})"
                    rf"|(?P<b>{places})(?P<bd>第?)(?P<bn>{NUM})届(?P<bw>{local_congress}))"
                    rf"(?!第?{NUM}次|年会|常任)"
                ),
                "congress_yearly": (
                    rf"届(?:代表大会|{local_congress})第?{NUM}次(?:全体)?会议|年会制|常任制"
                ),
                # 全国十四届人大三次会议 / 全国十四届政协二次会议, and the two bodies in one
                # name: 全国政协十四届人大三次会议
                "split_body": (
                    rf"(?:全国|(?P<a>全国政协|全国人大))第?(?P<t>{NUM})届(?P<b>人大|政协)"
                    rf"第?(?P<s>{NUM})次会议"
                ),
                # 十一届全国人大常委会全会 / 省人大常委会全会 / 全国人大常委会二中全会: a standing
                # committee's meetings
                # are its numbered sessions (its 全体会议 are sittings within one)
                "standing_plenum": (
                    # (a numbered 中全会 only with the committee's term before it: 县人大常委会
                    # 四中全会精神宣讲 may be the committee studying the Party's plenum)
                    rf"(?:(?P<t>第?{NUM}届)(?:全国|{places})?(?:人大常委会|人民代表大会常务委员会)"
                    rf"{NUM}中全会"
                    rf"|(?:第?{NUM}届)?(?:全国|{places})?(?:人大常委会|人民代表大会常务委员会)全会"
                    # a numbered session called a plenum (区十七届人大常委会第二次全会): its
                    # number is the session's, 全会 the wrong word for it
                    rf"|(?:人大常委会|人民代表大会常务委员会)第{NUM}次(?P<w>全会))"
                    r"(?![议程题定案决事论])"
                ),
                # 全国政协十三届四中全会 / 十三届全国人大二中全会
                "plenum_on_assembly": (
                    rf"(?:第?{NUM}届{assembly}|{assembly}第?{NUM}届)(?P<s>{NUM})(?P<w>中全会)"
                ),
                # 县第十八次人民代表大会第四次会议 / 中共某县第十五次委员会第三次全体会议 /
                # 政协某县第十次委员会第五次会议: the body's term given a 次 (a party
                # congress, 第十五次代表大会, is numbered with 次 and is not matched)
                # a Party committee meets in plenums (第二十届中央委员会第三次全体会议, 中共某县
                # 第十五届委员会第七次全体会议), a CPPCC committee in sessions (政协某县第十一届
                # 委员会第三次会议; 全体会议 are the sittings within one): the wrong word after
                # the committee's term
                "plenary_word": (
                    rf"(?:中共|中国共产党)[^，,。；;：:\n]{{0,14}}?"
                    rf"(?P<a>第{NUM}届(?:中央)?委员会第{NUM}次)(?P<party>会议)"
                    rf"|政协[^，,。；;：:\n]{{0,14}}?"
                    rf"(?P<b>第{NUM}届(?:[^，,。；;：:\n]{{1,8}})?委员会第{NUM}次)(?P<cppcc>全体会议|全会)"
                    # a people's congress meets in sessions too (第十四届全国人民代表大会第三次
                    # 会议; its 全体会议 are the sittings within one: …第三次会议第二次全体会议)
                    rf"|(?P<c>第?{NUM}届(?:全国)?人民代表大会第{NUM}次)(?P<npc>全体会议)"
                    # the short national forms (十三届全国人大四次全体会议, 全国政协十三届四次
                    # 全体会议): not a plenary sitting's name, which follows the session's
                    # (十三届全国人大四次会议第二次全体会议)
                    rf"|(?<![0-9一二三四五六七八九十第])(?P<g>(?:第?{NUM}届(?:{npc}|全国政协)"
                    rf"|(?:{npc}|全国政协)第?{NUM}届)第?{NUM}次)(?P<npc2>全体会议|全会)"
                    # 全体大会 in place of 全体会议 or 会议 (中国共产党第二十届中央委员会第三次
                    # 全体大会, 第十四届全国人民代表大会第三次全体大会)
                    rf"|(?:中共|中国共产党)[^，,。；;：:\n]{{0,14}}?"
                    rf"(?P<d>第{NUM}届(?:中央|中央纪律检查)?委员会第{NUM}次)(?P<big>全体大会)"
                    rf"|(?P<e>第?{NUM}届(?:全国)?人民代表大会第{NUM}次"
                    rf"|{split}第{NUM}届{national}第{NUM}次)(?P<big2>全体大会)"
                    # 全会议 for a CCDI plenum (二十届中央纪委三次全会议; 三中全会议: typos.yaml)
                    rf"|(?<![0-9一二三四五六七八九十])(?P<f>{NUM}届{ccdi}第?{NUM}次全会)议"
                    r"(?![程题定案决事论])"
                ),
                "term_as_congress": (
                    # (and a CPPCC National Committee's: 政协第十次全国委员会第四次会议)
                    # (and both numbers' words swapped: 政协某市第九次委员会第三届会议)
                    rf"(?<!全国)第{NUM}(?P<w>次)(?:人民代表大会|全国委员会|委员会)第{NUM}(?P<w2>[次届])"
                    rf"(?:全体)?会议"
                ),
                # 县第十八届人民代表大会第一次会议选举产生了县第十八届人大常委会 / 中共某县第十五次
                # 代表大会选举产生了中共某县第十五届委员会: the body a congress elects is of the
                # congress's number (check elected_term compares them)
                "elected_term": (
                    rf"(?:第?(?P<n1>{NUM})届(?:全国)?(?:人民代表大会|人大)第?{NUM}次(?:全体)?会议"
                    rf"|第(?P<n2>{NUM})次(?:全国)?(?:代表大会|党代会))"
                    rf"[^，,。；;：:\n]{{0,6}}?选举(?:产生)?了?[^，,。；;：:、\n]{{0,14}}?"
                    # (not 新一届, 上一届: no term's number)
                    rf"(?<![0-9一二三四五六七八九十新上下本每首])(?P<m>第?(?P<k>{NUM})届)"
                    rf"(?:(?P<s>(?:全国)?(?:人大常委会|人民代表大会常务委员会))"
                    rf"|(?P<c>(?:中央)?(?:纪律检查)?委员会))"
                ),
                # 党的第十九届全国代表大会 / 党的十九届大会 (a local congress: local_congress_term);
                # 第二十届党代会 with no place before it (a place's: local_congress_term), not its
                # delegates nor a yearly meeting of its term (第五届党代会第三次会议)
                "congress_as_term": (
                    rf"{party}(?P<d>第?)(?P<n>{NUM})届(?P<w>全国代表大会|大会)"
                    rf"|(?<![省市县区州旗盟乡镇村])第(?P<n2>{NUM})届党代会(?!第?{NUM}次|代表|年会|常任)"
                ),
                # 二十大三中全会, 中国共产党第二十次全国代表大会第三次全体会议 (the Party's
                # congress holds no numbered plenary meetings; other bodies' congresses do:
                # 中国科学技术协会第十一次全国代表大会第二次全体会议)
                "congress_with_plenum": (
                    rf"(?<![0-9一二三四五六七八九十])(?P<n>{NUM})大(?P<s>{NUM})中全会"
                    rf"|(?P<pa>中国共产党|中共)第(?P<n2>{NUM})次全国代表大会第(?P<s2>{NUM})次全体会议"
                ),
                # 十九届第四中全会 (short form with 第), 十九次三中全会 (the term numbered with 次),
                # 二十届三次全会 / 中央委员会第三次全会 (次 with
                # the short 全会; not after 委 or 委员会: a local committee's plenum is 省委
                # 十一届八次全会, 民盟某省委员会十二届三次全会),
                # 党的第二十大 (short congress form with 第; from the tenth on,
                # so that 党的第一大政治优势 is left alone), 全国人大…第二次全会 (an assembly's
                # session is a 会议)
                "mixed_forms": (
                    rf"(?<![0-9一二三四五六七八九十])(?P<t>{NUM})届第(?P<s>{NUM})中全会"
                    rf"|(?<![0-9一二三四五六七八九十委会])(?P<t3>{NUM})届(?P<s3>{NUM})次全会"
                    rf"|(?<![0-9一二三四五六七八九十])(?P<t4>{NUM})次(?P<s4>{NUM})中全会"
                    rf"|中央委员会第(?P<s2>{NUM})次全会"
                    rf"|(?P<party>{party})第(?P<n>[一二三四五六七八九]?十[一二三四五六七八九]?|[0-9]{{2}})大"
                    rf"(?![会学型类家])"
                    rf"|(?P<a>(?:第?{NUM}届{assembly}|{assembly}第?{NUM}届)第?{NUM}次)全会"
                    # the Central Committee's long form without 委员会 (中共中央第二十届第四次
                    # 全体会议 for 中国共产党第二十届中央委员会第四次全体会议)
                    rf"|(?:中共中央|党中央|中国共产党|中共)第?(?P<t5>{NUM})届第?(?P<s5>{NUM})次全体会议"
                ),
                # 十九届八中全会 / 第十九届中央委员会第八次全体会议
                "plenum": (
                    rf"(?<![0-9一二三四五六七八九十])第?(?P<t>{NUM})届"
                    rf"(?:中央委员会第?(?P<s2>{NUM})次全体会议|(?P<s>{NUM})中全会)"
                ),
                # 十三届全国人大六次会议 / 全国政协十三届六次会议 / 中国人民政治协商会议第十三届
                # 全国委员会第六次会议
                "session": (
                    rf"(?:第?(?P<t1>{NUM})届(?P<a1>{assembly})|(?P<a2>{assembly})第?(?P<t2>{NUM})届"
                    rf"|(?P<a3>{split})第(?P<t3>{NUM})届{national})"
                    rf"第?(?P<s>{NUM})次会议"
                ),
                # 2017年10月，党的十八大在北京召开 (the year dates the meeting itself: only a date
                # may stand between them, and the verb must not go on to 以来/后/前 …)
                "held": (
                    rf"(?P<y>(?:19|20)[0-9]{{2}})年(?:[0-9]{{1,2}}月(?:[0-9]{{1,2}}日)?)?[，,]?"
                    rf"{meeting}"
                    rf"(?:(?:在{_PLACE})?(?:胜利|隆重)?{held}(?![后前的之以时期一周])|{act})"
                ),
                # a plenum or session the fact table dates (check not_yet_held)
                "named": meeting,
                # check held_on_other_day: a day or days beside a meeting's name, and the
                # verb that says what happened on them (each matched at the name's end, or
                # ending at its start)
                # 十四届全国人大三次会议于3月5日上午在北京开幕 / …3月4日举行闭幕会 (not
                # …3月4日举行预备会议, the day of another event)
                "dated_after": rf"(?:于|将于)?(?P<days>{days}){clock}[，,]?{where}{verb}",
                # 7月15日至18日召开的党的二十届三中全会
                "dated_before": rf"(?P<days>{days}){clock}[，,]?{where}(?P<v>{held})的$",
                # 3月5日，十四届全国人大三次会议在京开幕
                "dated_lead": rf"(?P<days>{days}){clock}[，,]$",
                "verb_after": rf"{where}{verb}",
                # 3月5日，十四届全国人大三次会议审议… (what the meeting did on the day before it)
                "act_after": rf"(?P<v>{act})",
                # check elected_later: 十六届二中全会选举胡锦涛为中央委员会总书记 (the verb and
                # the office in the name's clause)
                "elected": (
                    r"(?:会上|上)?[，,]?[^，,。；;：:\n]{0,8}?"
                    rf"(?P<v>{alternation(data.folded.get('elect_verbs', ()))})"
                    r"[^，,。；;：:\n]{0,16}?"
                    rf"(?P<o>{alternation(data.folded.get('offices', ()))})"
                ),
                # check other_plenum_document: 审议通过了《…》 right after a plenum's name
                # (a title not in 《》 runs to a word that ends one: 审议通过了“十五五”规划建议，
                # not 提出的重大改革举措、…以及“十五五”规划前期研究谋划工作等)
                # (or a title in 《》 right after the name: 十八届三中全会《中共中央关于…的决定》)
                "adopted": rf"(?:{alternation(data.folded['adopted'])})"
                rf"(?P<title>《[^》\n]{{1,80}}》"
                rf"|[^《，,。；;：:\n]{{0,60}}?{alternation(data.folded['documents'])}"
                r"(?=[”\"，,。；;：:\n]|$))"
                r"|的?(?P<named>《[^》\n]{1,80}》)",
                "phrases": alternation(tuple(data.documents)),
                "session_phrases": alternation(tuple(data.session_documents)) or "(?!)",
                # 2016年10月召开的党的十八届六中全会 (a date, a place, the verb and 的 right
                # before the name: 2018年召开全国…会议的 is another meeting's)
                "held_before": (
                    rf"(?P<y>(?:19|20)[0-9]{{2}})年(?:[0-9]{{1,2}}月(?:[0-9]{{1,2}}日)?)?"
                    rf"(?:[0-9]{{1,2}}日至[0-9]{{1,2}}日)?[，,]?(?:在{_PLACE})?"
                    rf"(?:胜利|隆重)?(?:召开|举行)的{meeting}(?!{NUM}中全会)"
                ),
                # 党的二十大于2021年10月召开 / 十四届全国人大三次会议于2024年3月在北京开幕
                "held_after": (
                    rf"{meeting}于(?P<y>(?:19|20)[0-9]{{2}})年(?:[0-9]{{1,2}}月(?:[0-9]{{1,2}}日)?)?"
                    rf"(?:在{_PLACE})?(?:胜利|隆重)?{held}(?![后前的之以时期一周])"
                ),
                # 2022年中央经济工作会议: a yearly conference with the year it met in
                "annual": (rf"(?<![0-9])(?P<y>(?:19|20)[0-9]{{2}})年度?(?P<n>{annual})"),
            },
            {
                "annual": tuple(a.name for a in data.facts.annual),
                "local_congress_term": tuple(
                    f"届{w}" for w in data.folded.get("local_congress", ())
                ),
                # (2002年11月15日，党的十六届二中全会选举…: the act dates the meeting too)
                "held": data.folded.get("acts", ()),
            },
        )

    def find(self, scan: ScanInput) -> Iterator[Candidate]:
        folded = scan.folded
        if any(word in folded for word in self._some):
            anchors = _Anchors(scan)
            for data, patterns in self._rules:
                yield from self._grammar(folded, anchors, data, patterns)
                yield from self._facts(anchors, data, patterns, scan.date)
        # (a name with a slip may hold none of those: 党的二十太; one regex finds where to look)
        for data, patterns in self._rules:
            entry = data.checks.get("slip")
            if entry is not None and data.slip_of:
                yield from self._slips(folded, data, patterns, entry)

    @staticmethod
    def _slips(folded: str, data: _Data, patterns: _Patterns, entry: int) -> Iterator[Candidate]:
        """A meeting's name with one fixed character written by sound or by shape (党的二十太,
        十四届全国人大三次会仪, 二十届中央纪委四次全汇, 中央经济工作会仪): the character put
        back makes a name of the grammar (pattern named) or a recurring conference's name,
        the character inside it (in a conference's, in its 会议). The whole name is
        marked; the suggestion is the name with the character put back."""
        for t in _slip_triggers(folded, patterns):
            at = t.end() - 1
            lo, hi = max(0, at - _SLIP_BEFORE), min(len(folded), at + _SLIP_AFTER)
            for right in data.slip_of.get(folded[at], ()):
                window = folded[lo:at] + right + folded[at + 1 : hi]
                where = at - lo
                span = next(
                    (
                        m.span()
                        for m in patterns["named"].finditer(window)
                        if m.start() <= where < m.end()
                    ),
                    None,
                ) or next(
                    (
                        m.span()
                        for m in patterns["conference"].finditer(window)
                        if m.end() - 2 <= where < m.end()
                    ),
                    None,
                )
                if span is not None:
                    s, e = span
                    yield Candidate(lo + s, lo + e, entry, window[s:e])
                    break

    def _grammar(
        self, folded: str, anchors: _Anchors, data: _Data, patterns: _Patterns
    ) -> Iterator[Candidate]:
        checks = data.checks
        entry = checks.get("session_word")
        if entry is not None:
            for m in _matches(patterns, anchors, "session_word"):
                s, e = m.span()
                w = "w" if m["w"] else "w2"
                fixed = folded[s : m.start(w)] + "次" + folded[m.end(w) : e]
                yield Candidate(s, e, entry, fixed)
        entry = checks.get("plenum_on_assembly")
        if entry is not None:
            for m in _matches(patterns, anchors, "plenum_on_assembly"):
                s, e = m.span()
                fixed = folded[s : m.start("w")] + "次会议"
                yield Candidate(s, e, entry, fixed)
        entry = checks.get("standing_plenum")
        if entry is not None:
            for m in _matches(patterns, anchors, "standing_plenum"):
                # (which session is meant is unknown: no suggestion, unless it is numbered)
                s, e = m.span()
                numbered = folded[s : m.start("w")] + "会议" if m["w"] else None
                yield Candidate(s, e, entry, numbered)
        entry = checks.get("plenary_word")
        if entry is not None:
            for m in _matches(patterns, anchors, "plenary_word"):
                head = next(g for g in ("a", "b", "c", "d", "e", "f", "g") if m[g])
                fixed = m[head] + {"a": "全体会议", "d": "全体会议", "f": ""}.get(head, "会议")
                yield Candidate(m.start(head), m.end(), entry, fixed)
        entry = checks.get("term_as_congress")
        if entry is not None:
            for m in _matches(patterns, anchors, "term_as_congress"):
                s, e = m.span()
                fixed = (
                    folded[s : m.start("w")]
                    + "届"
                    + folded[m.end("w") : m.start("w2")]
                    + "次"
                    + folded[m.end("w2") : e]
                )
                yield Candidate(s, e, entry, fixed)
        entry = checks.get("congress_as_term")
        if entry is not None:
            for m in _matches(patterns, anchors, "congress_as_term"):
                s, e = m.span()
                if m["n2"]:
                    yield Candidate(s, e, entry, f"第{m['n2']}次党代会")
                    continue
                head = folded[s : m.start("d")]
                yield Candidate(s, e, entry, f"{head}第{m['n']}次全国代表大会")
        entry = checks.get("split_body")
        if entry is not None:
            for m in _matches(patterns, anchors, "split_body"):
                if m["a"] and m["a"].endswith(m["b"]):
                    continue  # (全国人大…届人大: one body)
                if (m["a"] or m["b"]).endswith("人大"):
                    fixed = f"{m['t']}届全国人大{m['s']}次会议"
                else:
                    fixed = f"全国政协{m['t']}届{m['s']}次会议"
                yield Candidate(*m.span(), entry, fixed)
        local_entry = checks.get("term_order")
        national_entry = checks.get("national_term_order")
        if local_entry is not None or national_entry is not None:
            for m in _matches(patterns, anchors, "term_order"):
                s, e = m.span()
                if (m["b1"] in data.folded["local_npc"] and not m["s1"].endswith("次会议")) or (
                    m["b2"] and m["s2"].endswith("全体会议")
                ):
                    continue  # a session called 全会 or 全体会议 as well: _local's
                # (a national body's session, 全国人大十四届三次会议, 中央纪委十九届四次全会,
                # is an important meeting; a county's is its own)
                if m["b1"] or m["b2"]:
                    national = m["b1"] in data.folded["ccdi"]
                else:
                    national = not m["b5"] or m["p5"] == "全国"
                entry = national_entry if national else local_entry
                if entry is None:
                    continue
                if m["b1"]:
                    fixed = f"{m['p1'] or ''}{m['t1']}{m['b1']}{m['s1']}"
                elif m["b2"]:
                    fixed = f"{m['p2'] or ''}{m['b2']}{m['t2']}{m['s2']}"
                elif m["t3"]:
                    fixed = f"{m['t3']}全国人大{m['s3']}"
                elif m["t4"]:
                    fixed = f"全国政协{m['t4']}{m['s4']}"
                elif m["t8"]:
                    fixed = f"{m['t8'].lstrip('第')}届全国人大{m['s8']}"
                elif m["t9"]:
                    fixed = f"全国政协{m['t9'].lstrip('第')}届{m['s9']}"
                elif m["t6"]:
                    fixed = f"政协第{m['t6'].lstrip('第')}全国委员会{m['s6']}"
                elif m["t7"]:
                    fixed = f"第{m['t7'].lstrip('第')}全国人民代表大会{m['s7']}"
                else:
                    fixed = _standing_committee(m["p5"] or "", m["b5"], m["t5"], m["s5"])
                yield Candidate(s, e, entry, fixed)
        entry = checks.get("standing_session_word")
        if entry is not None:
            for m in _matches(patterns, anchors, "standing_session_word"):
                yield Candidate(*m.span(), entry, f"{m['b']}第{m['s']}次会议")
        entry = checks.get("elected_term")
        if entry is not None:
            for m in _matches(patterns, anchors, "elected_term"):
                # (a people's congress elects its standing committee, a Party congress its
                # committee and commission for discipline inspection, each of its number)
                said = m["n1"] if m["s"] else m["n2"] if m["c"] else None
                if said is None or number(said) == number(m["k"]):
                    continue
                fixed = folded[m.start("m") : m.start("k")] + said + "届"
                yield Candidate(m.start("m"), m.end(), entry, fixed + (m["s"] or m["c"]))
        entry = checks.get("unnumbered_term")
        if entry is not None:
            for m in _matches(patterns, anchors, "unnumbered_term"):
                s, e = m.span()
                # (界: the term is there, misspelt: a typo rule's to flag)
                before = folded[max(0, s - _TERM_REACH) : s]
                # (a second mention of a session the text has named in full is short for it)
                named = "届" + folded[s:e] in folded[max(0, s - 2000) : s]
                if "届" not in before and "界" not in before and not named:
                    yield Candidate(s, e, entry, None)
            yield from self._unnumbered_plenum(folded, anchors, data, patterns, entry)
        entry = checks.get("mixed_forms")
        if entry is not None:
            for m in _matches(patterns, anchors, "mixed_forms"):
                if m["s"]:
                    fixed = f"{m['t']}届{m['s']}中全会"
                elif m["s3"]:
                    fixed = f"{m['t3']}届{m['s3']}中全会"
                elif m["s4"]:
                    fixed = f"{m['t4']}届{m['s4']}中全会"
                elif m["s2"]:
                    fixed = f"中央委员会第{m['s2']}次全体会议"
                elif m["party"]:
                    fixed = f"{m['party']}{m['n']}大"
                elif m["t5"]:
                    fixed = f"中国共产党第{m['t5']}届中央委员会第{m['s5']}次全体会议"
                else:
                    fixed = f"{m['a']}会议"
                yield Candidate(*m.span(), entry, fixed)
        entry = checks.get("congress_with_plenum")
        if entry is not None:
            for m in _matches(patterns, anchors, "congress_with_plenum"):
                s, e = m.span()
                if m["pa"]:
                    fixed = f"{m['pa']}第{m['n2']}届中央委员会第{m['s2']}次全体会议"
                else:
                    fixed = f"{m['n']}届{m['s']}中全会"
                yield Candidate(s, e, entry, fixed)
        entry = checks.get("local_congress_term")
        province_entry = checks.get("provincial_congress_term")
        if entry is not None or province_entry is not None:
            provinces = tuple(data.folded.get("local_provinces", ()))
            # (a text that names a congress's yearly meeting, 县第十六届党代会第一次会议, or
            # 年会制: a place whose congress meets each year of its term, 届 and all; a
            # county's or a city's, never a province's)
            yearly = None
            for m in _matches(patterns, anchors, "local_congress_term"):
                place = m["a"] or m["b"]
                province = place.endswith(provinces) if m["a"] else place in provinces
                if not province:
                    if yearly is None:
                        yearly = patterns["congress_yearly"].search(folded) is not None
                    # (its delegates: a term's where the congress has one, 党代表任期制 in
                    # counties and cities; a province's congress never has, so 中国共产党
                    # 某省第十三届代表大会代表 names the congress wrongly)
                    if yearly or folded.startswith("代表", m.end()):
                        continue
                chosen = province_entry if province else entry
                if chosen is None:
                    continue
                if m["a"]:
                    fixed = f"{m['a']}第{m['an']}次{m['aw']}"
                else:
                    fixed = f"{m['b']}{m['bd']}{m['bn']}次{m['bw']}"
                yield Candidate(*m.span(), chosen, fixed)
        yield from self._local(folded, anchors, data, patterns)

    @staticmethod
    def _local(
        folded: str, anchors: _Anchors, data: _Data, patterns: _Patterns
    ) -> Iterator[Candidate]:
        """A local body's session or plenum named against the grammar, reported by the check
        its first flaw belongs to, with the whole name put right: 届 for 次 (session_word;
        县十八次人大四届会议 swapped both), 次 for 届 (term_as_congress), 中全会 (a committee's:
        local_plenum; an assembly's: plenum_on_assembly), 全会议 (mixed_forms), and a
        people's congress or CPPCC session called 全会 (mixed_forms) or 全体会议
        (plenary_word). A term on the wrong side of its body alone is term_order's."""
        checks, others = data.checks, data.folded["local_others"]
        for m in _matches(patterns, anchors, "local"):
            k = next(i for i in "12345" if m["lt" + i])
            term, unit, session = m["lt" + k], m["lu" + k], m["ls"]
            said, word = m["lv"], m["lw"]  # (None: 中全会)
            committee = m["lk"]
            if committee:
                # (the place with what comes before it in the clause: 团市委, 民盟省委, 军区党委)
                owner = folded[max(0, m.start() - 12) : m.end("lp") if m["lp"] else m.start()]
                if any(w in _CLAUSE_BREAK.split(owner)[-1] for w in others):
                    continue  # not the Party's
                last = word if word in ("全体会议", "会议") else "全会"
                start, fixed = m.start(), f"{m['lp'] or ''}{committee}{term}届{session}次{last}"
            else:
                # the place stays where it is: the name is put right after it
                npc = m["ln1"] or m["ln2"]
                body = f"{term}届{npc}" if npc else f"{m['lc1'] or m['lc2']}{term}届"
                start, fixed = m.end("lp") if m["lp"] else m.start(), f"{body}{session}次会议"
            if said == "届":
                check = "session_word"
            elif unit == "次":
                check = "term_as_congress"
            elif said is None:
                # (县委十九届六中全会精神宣讲: a body beside a plenum of the Central Committee,
                # one the fact table lists or one of its current term; not 县十八届人大四中全会)
                # (only a recent term's: 市政协十五届三中全会 is the body's own session
                # misnamed, not the 15th Central Committee's plenum of 1998)
                t = number(term.lstrip("第")) or 0
                held = data.facts.plenums.get(t, [])
                beside = m.end("lt" + k) + 1 == m.start("ls")
                latest = max(data.facts.congress)
                if beside and (
                    t >= latest
                    or (latest - t < _RECENT_TERMS and 0 < (number(session) or 0) <= len(held))
                ):
                    continue
                check = "local_plenum" if committee else "plenum_on_assembly"
            elif word == "全会议" or (not committee and word == "全会"):
                check = "mixed_forms"
            elif not committee and word == "全体会议":
                check = "plenary_word"
            else:
                continue  # right (or its term misplaced only: term_order's)
            entry = checks.get(check)
            if entry is not None:
                yield Candidate(start, m.end(), entry, fixed)

    @staticmethod
    def _unnumbered_plenum(
        folded: str, anchors: _Anchors, data: _Data, patterns: _Patterns, entry: int
    ) -> Iterator[Candidate]:
        """市委第五次全会: a local Party committee's plenum without its term (its plenums
        restart each 届: 市委十三届五次全会), unless a 届 stands just before (十三届市委第五次
        全会), a year in its sentence dates it (2004年2月6日，他在省纪委第五次全体会议上…)
        or the text has named the committee with its term or a congress before (a second
        mention; 市第十三次党代会闭幕后，市委第一次全体会议选举…: the new committee's)."""
        others = data.folded["local_others"]
        congress = alternation((*data.folded["local_congress"], "代表大会"))
        for m in _matches(patterns, anchors, "unnumbered_plenum"):
            s, e = m.span()
            before = folded[max(0, s - _TERM_REACH) : s]
            if "届" in before or "界" in before:
                continue
            if _A_YEAR.search(folded, sentence_bounds(folded, s, e)[0], s):
                continue
            owner = folded[max(0, s - _TERM_REACH) : m.end("k") - 1]
            if any(w in _CLAUSE_BREAK.split(owner)[-1] for w in others):
                continue  # (团市委第三次全会: not the Party's)
            body = re.escape(m["k"])
            if re.search(rf"{body}第?{NUM}届|届{body}|{congress}", folded[max(0, s - 2000) : s]):
                continue
            yield Candidate(s, e, entry, None)

    def _facts(
        self,
        anchors: _Anchors,
        data: _Data,
        patterns: _Patterns,
        date: dt.date | None = None,
    ) -> Iterator[Candidate]:
        facts = data.facts
        entry = data.checks.get("no_such_session")
        if entry is not None:
            latest = max(facts.congress)
            for m in _matches(patterns, anchors, "plenum"):
                term = number(m["t"])
                session = number(m["s"] or m["s2"])
                known = facts.plenums.get(term) if term is not None else None
                # only a finished term's plenums are all known: the next congress is listed
                if known is None or term is None or term >= latest or session is None:
                    continue
                if session > len(known):
                    yield Candidate(*m.span(), entry, None)
            for m in _matches(patterns, anchors, "named"):
                if not m["k"]:
                    continue  # (the Central Committee's: pattern plenum above)
                plenums, term, plenum, _ = _plenum(m, data)
                if term is None or plenum is None or term >= latest or not plenums:
                    continue
                if plenum > len(plenums):
                    yield Candidate(*m.span(), entry, None)
            for m in _matches(patterns, anchors, "session"):
                session = number(m["s"])
                if session is not None and session > facts.sessions_per_term:
                    yield Candidate(*m.span(), entry, None)
        day_entry = data.checks.get("held_on_other_day")
        document_entry = data.checks.get("other_plenum_document")
        national = (
            self._national(anchors, data, patterns)
            if day_entry is not None
            or document_entry is not None
            or "held_elsewhere" in data.checks
            or "elected_later" in data.checks
            else []
        )
        documents: list[Candidate] = []
        if document_entry is not None and (data.documents or data.session_documents):
            documents = list(
                self._other_document(national, anchors.text, data, patterns, document_entry)
            )
            yield from documents
        entry = data.checks.get("held_in_other_year")
        if entry is not None:
            # (a plenum named with another plenum's document: that check names the right one)
            renamed = {(c.start, c.end) for c in documents}
            for key, anchor in (
                ("held", "held"),
                ("held_after", "held"),
                ("held_before", "held_before"),
            ):
                for m in _matches(patterns, anchors, key, anchor):
                    year = int(m["y"])
                    right = self._year(m, data)
                    if right is not None and right != year and m.span("m") not in renamed:
                        lo, hi, fixed = _year_or_name(m, data, anchors.original, date, right)
                        yield Candidate(lo, hi, entry, fixed)
        entry = data.checks.get("not_yet_held")
        if entry is not None and date is not None:
            yield from self._not_yet_held(anchors, data, patterns, date, entry)
        entry = data.checks.get("superseded")
        if entry is not None and date is not None:
            yield from self._superseded(anchors, data, patterns, date, entry)
        entry = data.checks.get("annual_not_yet_held")
        if entry is not None and date is not None and facts.annual:
            yield from self._annual_not_yet_held(anchors, data, patterns, date, entry)
        if day_entry is not None:
            yield from self._other_day(national, anchors.text, data, patterns, date, day_entry)
        place_entry = data.checks.get("held_elsewhere")
        if place_entry is not None and facts.congress_places:
            yield from self._elsewhere(national, anchors.original, data, place_entry)
        entry = data.checks.get("elected_later")
        if entry is not None and facts.leaders_elected:
            yield from self._elected_later(national, anchors.text, data, patterns, entry)
        entry = data.checks.get("renamed_meeting")
        if entry is not None and facts.renamed:
            yield from self._renamed_meeting(anchors.text, data, patterns, date, entry)
        entry = data.checks.get("ccdi_work_year")
        if entry is not None and facts.ccdi_work_years:
            yield from self._ccdi_work_year(anchors, data, patterns, date, entry)
        entry = data.checks.get("commission_meeting")
        if entry is not None and data.commissions and date is not None:
            yield from self._commission_meeting(anchors.text, data, date, entry)
        entry = data.checks.get("provincial_plenum_at_date")
        if entry is not None and date is not None and facts.provinces:
            yield from self._provincial_plenum(anchors, data, patterns, date, entry)
        if facts.npc_standing or facts.npc_standing_total:
            yield from self._standing(anchors, data, patterns, date)

    @staticmethod
    def _provincial_plenum(
        anchors: _Anchors, data: _Data, patterns: _Patterns, date: dt.date, entry: int
    ) -> Iterator[Candidate]:
        """A provincial Party committee's plenum whose number its term cannot have reached
        by the text's date: the term's congress had not met (十三届省委 named before the
        thirteenth congress), or the plenum's number is past the most the term can have
        held (``provincial_plenums_first`` by the end of the congress's month, one more per
        ``provincial_months_per_plenum`` months after it). A plenum named without its
        province is judged by the one province its sentence, or else the site's name before
        the text's first colon, names; none or two: not judged. A sentence that speaks of
        what is to come (将, 筹备 …) is left alone."""
        facts, text = data.facts, anchors.text
        by_name = {p.name: p for p in facts.provinces}
        by_full = {p.full: p for p in facts.provinces}
        for m in _matches(patterns, anchors, "provincial_plenum"):
            lo, hi = sentence_bounds(text, m.start(), m.end())
            # (before the name or in its own clause: …审议通过了有关决定 is what it did)
            clause = _CLAUSE_BREAK.split(text[m.end() : hi])[0]
            over = [clause.find(w) for w in data.past_after + _ADOPTED if w in clause]
            around = text[lo : m.start()] + "\x00" + clause[: min(over, default=len(clause))]
            if any(w in around for w in data.ahead):
                continue
            written = m["p1"] or m["p2"] or m["p3"]
            if written:
                province = by_name[written]
            else:
                named = {x[0] for x in patterns["province_full"].finditer(text, lo, hi)}
                if not named:
                    colon = min(
                        (i for i in (text.find("："), text.find(":")) if i >= 0), default=-1
                    )
                    if 0 <= colon < min(lo, 30):
                        named = {x[0] for x in patterns["province_full"].finditer(text, 0, colon)}
                if len(named) != 1:
                    continue
                province = by_full[named.pop()]
            term = number((m["t1"] or m["t2"] or m["t3"]).lstrip("第"))
            plenum = number((m["s1"] or m["s2"] or m["s3"]).lstrip("第"))
            began = province.congresses.get(term) if term is not None else None
            if began is None or plenum is None:
                continue
            first, last = began
            if date < first:
                yield Candidate(*m.span(), entry, None)  # its congress had not met
                continue
            months = 0 if date <= last else (date.year - first.year) * 12 + date.month - first.month
            if (
                plenum
                > facts.provincial_plenums_first + months // facts.provincial_months_per_plenum
            ):
                yield Candidate(*m.span(), entry, None)

    def _standing(
        self, anchors: _Anchors, data: _Data, patterns: _Patterns, date: dt.date | None
    ) -> Iterator[Candidate]:
        """The NPC Standing Committee's sessions against their fact table: a session after
        the last a finished term held (十三届全国人大常委会第四十次会议: check
        no_such_session); one named as adopting a law another session made (check
        standing_other_law); in a text dated before it met, one named as held (学习…精神,
        审议通过, 闭幕 beside it; not 将, 决定 … in its sentence: check standing_not_held);
        and one named as this season's when a later one has closed: its 精神 studied (学习,
        传达 right before, 精神 right after) in a text dated from the third day to
        ``current.study_days`` after the latest session's last day, in a sentence that names
        no year and does not look back (check standing_superseded). The suggestion is the
        latest session held by the text's date (none before the term's first: not judged)."""
        missing = data.checks.get("standing_not_held")
        later = data.checks.get("standing_superseded")
        none = data.checks.get("no_such_session")
        law = data.checks.get("standing_other_law")
        facts, text, cues = data.facts, anchors.text, data.current
        for m in _matches(patterns, anchors, "standing"):
            term, session = number(m["t"]), number(m["s"])
            if term is None or session is None or session < 1:
                continue
            total = facts.npc_standing_total.get(term)
            if total is not None and session > total:
                if none is not None:
                    yield Candidate(m.start(), m.end(), none, None)
                continue
            day = data.checks.get("standing_other_day")
            if day is not None and data.closed_on:
                closed = self._standing_day(m, text, data, term, session)
                if closed is not None:
                    yield Candidate(m.start(), m.end(), day, _session_named(m, closed))
                    continue
            if law is not None and data.laws:
                adopted = self._standing_law(m, text, data, patterns, term, session)
                if adopted is not None:
                    yield Candidate(m.start(), m.end(), law, _session_named(m, adopted))
                    continue
            days = facts.npc_standing.get(term)
            if not days or date is None:
                continue
            held = [h for h in days if h.start is not None and h.start <= date]
            latest = _renamed(m, {"s": len(held)}) if held else None
            lo, hi = sentence_bounds(text, m.start(), m.end())
            sentence = text[lo:hi]
            if _A_YEAR.search(sentence) or any(w in sentence for w in _OTHER_YEAR):
                continue  # dated in its sentence
            clause = _CLAUSE_BREAK.split(text[m.end() : hi])[0]
            over = [clause.find(w) for w in data.past_after + _ADOPTED if w in clause]
            around = text[lo : m.start()] + "\x00" + clause[: min(over, default=len(clause))]
            if any(word in around for word in data.ahead):
                continue  # coming
            before = _CLAUSE_BREAK.split(text[max(lo, m.start() - 10) : m.start()])[-1]
            after = _CLAUSE_BREAK.split(text[m.end() : m.end() + 12])[0]
            said_held = any(w in before for w in data.past_before) or any(
                w in after for w in data.past_after
            )
            until = facts.npc_standing_complete_until
            own = days[session - 1] if session <= len(days) else None
            if own is None:
                not_yet = until is not None and date <= until
            else:
                not_yet = own.start is not None and date < own.start
            if not_yet:
                if missing is not None and said_held and latest is not None:
                    yield Candidate(m.start(), m.end(), missing, latest)
                continue
            if later is None or cues is None or not held or session >= len(held):
                continue
            last = held[-1].end or held[-1].start
            assert last is not None
            if not (
                last + dt.timedelta(days=3) <= date <= last + dt.timedelta(days=cues.study_days)
            ):
                continue
            if any(w in sentence for w in cues.looking_back):
                continue
            if any(w in before for w in cues.studied) and after.startswith(tuple(cues.spirit)):
                yield Candidate(m.start(), m.end(), later, latest)

    @staticmethod
    def _standing_law(
        m: re.Match[str], text: str, data: _Data, patterns: _Patterns, term: int, session: int
    ) -> tuple[str, int, int] | None:
        """The session that made the law the Standing Committee's session ``m`` is named as
        adopting, when the fact table gives another (of its term or of another, or a session
        of the NPC itself): the law's title right after the name (审议通过了, 表决通过 …), or
        in 《》 right before it with 由 or 经 (《…法》已由…会议于…通过), or a law's heading
        (…法（2018年8月31日…会议通过）); the verb 通过, not 修订 or 修正, and not a draft's or
        an amendment's title (``reported``): a session may have revised a law another made."""
        reported = data.folded.get("reported", ())
        a = patterns["adopted"].match(text, m.end())
        title = (a["title"] or a["named"]) if a is not None else None
        if title is None:
            before = text[max(0, m.start() - 60) : m.start()]
            b = _TITLE_BEFORE.search(before) or _HEADING_BEFORE.search(before)
            after = _DAY_AFTER.match(text, m.end())
            verb = after["v"] if after is not None else text[m.end() : m.end() + 6]
            if b is None or not re.match("[，,]?(?:审议|表决)?通过", verb):
                return None
            title = b["title"]
        if not title:
            return None
        made, rest = _named_law(title, data.laws)
        if made is None or made == ("s", term, session) or any(w in rest for w in reported):
            return None
        return made

    @staticmethod
    def _standing_day(
        m: re.Match[str], text: str, data: _Data, term: int, session: int
    ) -> tuple[str, int, int] | None:
        """The Standing Committee's session that closed on the full date the session ``m``
        is named as acting on (…会议于2018年8月31日通过, 2018年8月31日…会议通过), when it is
        another: laws and decisions are voted on a session's last day."""
        after = _DAY_AFTER.match(text, m.end())
        day = _a_day(after) if after is not None else None
        if day is None:
            before = _DAY_BEFORE.search(text, max(0, m.start() - 20), m.start())
            if before is None or not _ACT_AFTER.match(text, m.end()):
                return None
            day = _a_day(before)
        closed = data.closed_on.get(day) if day is not None else None
        return closed if closed is not None and closed != ("s", term, session) else None

    @staticmethod
    def _ccdi_work_year(
        anchors: _Anchors,
        data: _Data,
        patterns: _Patterns,
        date: dt.date | None,
        entry: int,
    ) -> Iterator[Candidate]:
        """A CCDI plenum named with the deployment of a year's work that another plenum
        deployed, later in its sentence with no other CCDI plenum between (学习十九届中央纪委
        五次全会精神，部署2022年…工作: the sixth, 2022-01). In a text dated before the plenum
        that deployed that year's work met, the last one is named rightly (a meeting of
        December planning the next year). The suggestion is the plenum that deployed it."""
        years = data.facts.ccdi_work_years
        by_year = {year: (term, n) for term, listed in years.items() for n, year in listed.items()}
        deployed = _deployed(data.folded.get("deployed", ()))
        if deployed is None:
            return
        text, ccdi = anchors.text, data.folded["ccdi"]
        for m in _matches(patterns, anchors, "named"):
            if not m["k"]:
                continue
            _, term, plenum, _ = _plenum(m, data)
            if term not in years or plenum is None:
                continue
            _, hi = sentence_bounds(text, m.start(), m.end())
            said = deployed.search(text, m.end(), hi)
            if said is None or any(w in text[m.end() : said.start()] for w in ccdi):
                continue
            year = int(said["y"])
            right = by_year.get(year)
            if right is None or years[term].get(plenum) == year:
                continue
            plenums = data.facts.ccdi_plenums.get(right[0], [])
            held = plenums[right[1] - 1] if right[1] <= len(plenums) else None
            if held is None:
                continue
            # (a plenum known by its year alone met in January or February)
            if date is not None and date < (held.start or dt.date(held.year, 2, 1)):
                continue
            yield Candidate(m.start(), m.end(), entry, _renamed(m, {"k": right[0], "q": right[1]}))

    @staticmethod
    def _commission_meeting(
        text: str, data: _Data, date: dt.date, entry: int
    ) -> Iterator[Candidate]:
        """A renamed leading group's numbered meeting (its name without a term before it)
        named in a text dated after the renaming, up to ``current.study_days`` after the
        commission's meeting of that number met, in a sentence that names no year: the
        commission's (中央全面深化改革领导小组第十次会议召开 in a text of 2019-09-10). The
        suggestion is the commission's name."""
        days = dt.timedelta(days=data.current.study_days if data.current else 31)
        for group, body in data.commissions:
            if date <= body.renamed:
                continue
            recent = {
                n
                for listed in body.meetings.values()
                for n, day in listed.items()
                if day <= date <= day + days
            }
            if not recent:
                continue
            start = text.find(group)
            while start >= 0:
                end = start + len(group)
                m = _NUMBERED.match(text, end)
                if m is not None and number(m[1]) in recent and text[start - 1 : start] != "届":
                    lo, hi = sentence_bounds(text, start, end)
                    if not _A_YEAR.search(text, lo, hi):
                        yield Candidate(start, end, entry, body.commission)
                start = text.find(group, end)

    @staticmethod
    def _renamed_meeting(
        text: str, data: _Data, patterns: _Patterns, date: dt.date | None, entry: int
    ) -> Iterator[Candidate]:
        """A renamed meeting's name with days beside it (7月14日至15日在北京召开, 2017年7月
        召开的) on which only a meeting under its other name was held: days without a year
        are read in the text's year, and only in a text dated within a month after them
        (an archive's or a look back's days are left alone). The other name is suggested."""
        for said in data.facts.renamed:
            for name, own, other, theirs in (
                (said.old, said.old_held, said.new, said.new_held),
                (said.new, said.new_held, said.old, said.old_held),
            ):
                pos = text.find(name)
                while pos != -1:
                    end = pos + len(name)
                    if MeetingFinder._held_as_other(text, pos, end, own, theirs, patterns, date):
                        yield Candidate(pos, end, entry, other)
                    pos = text.find(name, end)

    @staticmethod
    def _held_as_other(
        text: str,
        pos: int,
        end: int,
        own: list[Held],
        theirs: list[Held],
        patterns: _Patterns,
        date: dt.date | None,
    ) -> bool:
        """Whether the days beside the name at ``pos``..``end`` fit a meeting of ``theirs``
        and none of ``own``."""
        claims: list[tuple[re.Match[str], str, str | None]] = []
        after = patterns["dated_after"].match(text, end)
        if after is not None:
            claims.append((after, after["v"], after["w"]))
        before = patterns["dated_before"].search(text, max(0, pos - 40), pos)
        if before is not None:
            claims.append((before, before["v"], None))
        for days, verb, word in claims:
            if days["y"]:
                year = int(days["y"])
            elif date is None or not days["d1"]:
                continue
            else:
                year = date.year
                claimed = _claimed(days, year)
                if claimed is None or not 0 <= (date - claimed[0]).days <= _THIS_YEAR_DAYS:
                    continue
            what = _what(verb, word)
            if _fits(days, what, theirs, year) and not _fits(days, what, own, year):
                return True
        return False

    @staticmethod
    def _elected_later(
        national: list[re.Match[str]],
        text: str,
        data: _Data,
        patterns: _Patterns,
        entry: int,
    ) -> Iterator[Candidate]:
        """A Central Committee plenum said to elect the Party's leaders (选举…总书记, 选举产生
        …政治局常委) that did not: a term's first plenum elects them, and the few later ones
        that did are listed (十三届四中全会). The term's first plenum is suggested."""
        for m in national:
            if not m["t"]:
                continue  # (a congress, a session, a CCDI plenum)
            _, term, plenum, group = _plenum(m, data)
            electing = data.facts.leaders_elected.get(term or 0)
            if not electing or plenum is None or plenum in electing:
                continue
            if patterns["elected"].match(text, m.end()) is None:
                continue
            # (the short name without the Party's: 党的十六届二中全会 → 十六届二中全会)
            lo = m.start("t") - (m["p"] is not None and text[m.start("t") - 1] == "第")
            lo = m.start() if m["p2"] else lo
            # (the last plenum of the term that elected them before this one: 十三届五中全会 →
            # 十三届四中全会)
            right = max((p for p in electing if p < plenum), default=electing[0])
            fixed = _renamed(m, {group: right})[lo - m.start() :]
            yield Candidate(lo, m.end(), entry, fixed)

    @staticmethod
    def _national(anchors: _Anchors, data: _Data, patterns: _Patterns) -> list[re.Match[str]]:
        """The names of national meetings in the text: a congress, a plenum of the Central
        Committee (not one of a body in ``others``: 农工党十七届二中全会), a session of the
        NPC or the CPPCC National Committee (not a local one: 市政协第十届三次会议)."""
        text, found = anchors.text, {}
        for key in ("named", "congress_short", "congress_long"):
            for m in _matches(patterns, anchors, "named", key):
                if m.start() in found:
                    continue
                body = m["a1"] or m["a2"]
                if body is not None and "全国" not in body:  # (a3: the National Committee's)
                    continue
                if m["t"] and not m[0].startswith(data.folded["party"]):
                    before = text[max(0, m.start() - 10) : m.start()]
                    if before.endswith(data.folded["others"]):
                        continue
                found[m.start()] = m
        return [found[k] for k in sorted(found)]

    def _other_day(
        self,
        national: list[re.Match[str]],
        text: str,
        data: _Data,
        patterns: _Patterns,
        date: dt.date | None,
        entry: int,
    ) -> Iterator[Candidate]:
        """A day or days written beside a meeting's name that are not when the fact table
        has it held: 开幕 is the first day, 闭幕 the last, 召开 / 举行 a day within or the
        whole span. The suggestion is the meeting of the same body held on those days when
        there is one, else the right days."""
        for m in national:
            held = self._days(m, data)
            if held is None or held.start is None:
                continue
            # (days of the text's own year, or the text's own day, name the meeting held
            # then even when the one named met later: 二十届中央纪委四次全会于1月8日至10日
            # 举行 in a text of 2024-01-12)
            renamed = self._this_year(m, text, data, patterns, date, held)
            if renamed is None:
                renamed = self._on_the_day(m, text, data, patterns, date, held)
            if renamed is not None:
                yield Candidate(m.start(), m.end(), entry, renamed)
                continue
            if date is not None and date < held.start:
                continue  # written before it met: a plan (postponed in 2020)
            claims: list[tuple[re.Match[str], str, str | None]] = []
            after = patterns["dated_after"].match(text, m.end())
            if after is not None:
                claims.append((after, after["v"], after["w"]))
            before = patterns["dated_before"].search(text, max(0, m.start() - 40), m.start())
            if before is not None:
                claims.append((before, before["v"], None))
            else:
                lead = patterns["dated_lead"].search(text, max(0, m.start() - 16), m.start())
                then = lead and (
                    patterns["verb_after"].match(text, m.end())
                    or patterns["act_after"].match(text, m.end())
                )
                if lead and then:
                    claims.append((lead, then["v"], then.groupdict().get("w")))
            if not claims:
                continue
            lo, _ = sentence_bounds(text, m.start(), m.end())
            for days, verb, word in claims:
                # (将于, 决定…召开 before the name or in the words that date it: coming, and
                # the days announced may change)
                said = text[lo : m.start()] + "\x00" + text[m.end() : max(m.end(), days.end())]
                if any(w in said for w in data.ahead) or not (days["d1"] or days["y"]):
                    continue
                what = _what(verb, word)
                if not _off(days, what, held):
                    continue
                other = self._held_then(m, data, days, what)
                if other is not None:
                    yield Candidate(m.start(), m.end(), entry, other)
                else:
                    fixed = _written(held, what, days["y"], month_only=not days["d1"])
                    if fixed is not None:
                        yield Candidate(days.start("days"), days.end("days"), entry, fixed)
                break

    @staticmethod
    def _elsewhere(
        national: list[re.Match[str]], original: str, data: _Data, entry: int
    ) -> Iterator[Candidate]:
        """A congress said to be held (在…召开, 举行, 开幕, 闭幕 right after its name) in a
        city of the fact table it did not meet in; the span runs from the name to the verb,
        and the suggestion names the congress's first city."""
        places = data.facts.congress_places
        known = alternation(sorted({p for listed in places.values() for p in listed}))
        said = _said_held_in(known, data.held)
        for m in national:
            if not (m["c1"] or m["c2"]):
                continue
            listed = places.get(number(m["c1"] or m["c2"]) or 0)
            there = said.match(m.string, m.end())
            if not listed or there is None or there["place"] in listed:
                continue
            s, e = there.span("place")
            fixed = original[m.start() : s] + listed[0] + original[e : there.end()]
            yield Candidate(m.start(), there.end(), entry, fixed)

    def _this_year(
        self,
        m: re.Match[str],
        text: str,
        data: _Data,
        patterns: _Patterns,
        date: dt.date | None,
        held: Held,
    ) -> str | None:
        """Days without a year right after the name of a meeting of another year, in a text
        dated within a month after them (全国政协十四届二次会议3月10日闭幕 in a text of
        2025-03-11): they are this year's, and the meeting of the same body and term held
        on them is suggested."""
        if date is None or held.year == date.year:
            return None
        days = patterns["dated_after"].match(text, m.end())
        if days is None or days["y"] or not days["d1"]:
            return None
        claimed = _claimed(days, date.year)
        if claimed is None or not 0 <= (date - claimed[0]).days <= _THIS_YEAR_DAYS:
            return None
        lo, hi = sentence_bounds(text, m.start(), m.end())
        sentence, said = text[lo:hi], text[lo : days.end()]
        if any(w in sentence for w in _OTHER_YEAR) or _A_YEAR.search(sentence):
            return None  # (去年…, 2024年…: another year named)
        if any(w in said for w in data.ahead):
            return None
        return self._held_then(m, data, days, _what(days["v"], days["w"]), date.year)

    def _on_the_day(
        self,
        m: re.Match[str],
        text: str,
        data: _Data,
        patterns: _Patterns,
        date: dt.date | None,
        held: Held,
    ) -> str | None:
        """A meeting's name with 开幕 or 闭幕 right after it and no day written (在京闭幕), in
        a text dated within the days of another meeting of its body or the two days after:
        the text gives the day's news, and the meeting held then is suggested
        (全国政协十四届二次会议在京闭幕 in a text of 2025-03-10 → 全国政协十四届三次会议)."""
        if date is None or held.start is None:
            return None
        said = patterns["verb_after"].match(text, m.end())
        if said is None or not _what(said["v"], said["w"]):
            return None
        lo, hi = sentence_bounds(text, m.start(), m.end())
        sentence = text[lo:hi]
        if any(w in sentence for w in _OTHER_YEAR) or _A_YEAR.search(sentence):
            return None  # (去年…, 2024年…: another year named)
        if any(w in text[lo : said.end()] for w in data.ahead):
            return None  # (将在京开幕)
        now = _held_around(m, data, date)
        if now is None or now == held:
            return None
        return self._held_then_on(m, data, now)

    @staticmethod
    def _held_then_on(m: re.Match[str], data: _Data, now: Held) -> str | None:
        """The name ``m`` renamed to the meeting of its body held on the days ``now`` (of
        its own term, or for a plenum of any term of the table)."""
        if m["s"]:
            first = _first_session(m, data)
            if first is None or not 0 <= now.year - first < data.facts.sessions_per_term:
                return None
            return _renamed(m, {"s": now.year - first + 1})
        if m["c1"] or m["c2"]:
            return None
        table = data.facts.ccdi_plenums if m["k"] else data.facts.plenums
        _, _, _, group = _plenum(m, data)
        for term, plenums in table.items():
            if now in plenums:
                return _renamed(m, {"k" if m["k"] else "t": term, group: plenums.index(now) + 1})
        return None

    @staticmethod
    def _days(m: re.Match[str], data: _Data) -> Held | None:
        """When the fact table has the meeting ``m`` names held, if it knows."""
        if m["c1"] or m["c2"]:
            return _congress_held(m, data)
        if m["s"]:
            year = MeetingFinder._year(m, data)
            return _session_days(m, data).get(year) if year is not None else None
        plenums, _, plenum, _ = _plenum(m, data)
        return plenums[plenum - 1] if plenum is not None and 0 < plenum <= len(plenums) else None

    @staticmethod
    def _held_then(
        m: re.Match[str], data: _Data, days: re.Match[str], what: str, year: int | None = None
    ) -> str | None:
        """The name ``m`` renamed to the one meeting of its body (and term) held on
        ``days`` (read in ``year`` when they write none), if there is exactly one."""
        facts = data.facts
        options: list[tuple[dict[str, int], Held]] = []
        if m["c1"] or m["c2"]:
            group = "c1" if m["c1"] else "c2"
            options = [({group: n}, h) for n, h in facts.congress.items()]
        elif m["s"]:
            first = _first_session(m, data)
            held = _session_days(m, data)
            if first is not None:
                for n in range(1, facts.sessions_per_term + 1):
                    if first + n - 1 in held:
                        options.append(({"s": n}, held[first + n - 1]))
        else:
            plenums, _, _, group = _plenum(m, data)
            options = [({group: n}, h) for n, h in enumerate(plenums, 1)]
        fits = [o for o, h in options if h.start is not None and not _off(days, what, h, year)]
        return _renamed(m, fits[0]) if len(fits) == 1 else None

    @staticmethod
    def _other_document(
        national: list[re.Match[str]],
        text: str,
        data: _Data,
        patterns: _Patterns,
        entry: int,
    ) -> Iterator[Candidate]:
        """A plenum named as adopting (审议通过了, 作出的 … right after its name) a document
        whose title holds words of another plenum's document only; an NPC session named as
        adopting another session's document."""
        for m in national:
            if m["s"] and _body(m) in data.folded["npc"]:
                found = MeetingFinder._other_session(m, text, data, patterns)
                if found is not None:
                    yield Candidate(m.start(), m.end(), entry, found)
                continue
            if not m["t"]:
                continue  # a congress or a session
            term, plenum = number(m["t"]), number(m["p"] or m["p2"])
            if term is None or plenum is None:
                continue
            adopted = patterns["adopted"].match(text, m.end())
            if adopted is None:
                continue
            title = adopted["title"] or adopted["named"]
            if "中全会" in title or "全体会议" in title:
                continue  # another plenum named closer to the title
            owners = [data.documents[p] for p in patterns["phrases"].findall(title)]
            if not owners or any((term, plenum) in o for o in owners):
                continue
            right = {o[0] for o in owners if len(o) == 1}
            if len(right) != 1 or any(len(o) > 1 for o in owners):
                continue  # a phrase two plenums share names neither
            (t, n) = right.pop()
            fixed = _renamed(m, {"t": t, "p" if m["p"] else "p2": n})
            yield Candidate(m.start(), m.end(), entry, fixed)

    @staticmethod
    def _other_session(m: re.Match[str], text: str, data: _Data, patterns: _Patterns) -> str | None:
        """The NPC session ``m`` renamed to the one that adopted the document it is said
        to adopt (十二届全国人大三次会议审议通过“十三五”规划纲要 → …四次会议), if the title
        holds words of another session's document only."""
        if not data.session_documents:
            return None
        adopted = patterns["adopted"].match(text, m.end())
        if adopted is None:
            return None
        title = adopted["title"] or adopted["named"]
        if "次会议" in title or any(w in title for w in data.folded["reported"]):
            return None  # (another session named closer to the title; a report on it)
        # (quotes dropped: “十三五”规划纲要 is listed as 十三五规划纲要)
        title = re.sub("[“”\"「」『』‘’']", "", title)
        owners = [data.session_documents[p] for p in patterns["session_phrases"].findall(title)]
        term, session = number(m[_term_group(m)]), number(m["s"])
        if not owners or any((term, session) in o for o in owners):
            return None
        right = {o[0] for o in owners if len(o) == 1}
        if len(right) != 1 or any(len(o) > 1 for o in owners):
            return None
        (t, n) = right.pop()
        return _renamed(m, {_term_group(m): t, "s": n})

    def _not_yet_held(
        self, anchors: _Anchors, data: _Data, patterns: _Patterns, date: dt.date, entry: int
    ) -> Iterator[Candidate]:
        """A congress, plenum or session the fact table puts after the document's year (or,
        for a plenum after the last listed of the current term, after its date while the
        table is complete), spoken of as held (闭幕, 精神, 审议通过 … beside it) and not as
        coming (将, 关于召开 … in its sentence). The suggestion is the term's meeting of the
        document's year, when there is exactly one (for a congress, the last one held)."""
        text, year = anchors.text, date.year
        found: dict[int, re.Match[str]] = {}
        for key in ("named", "congress_short", "congress_long"):
            for m in _matches(patterns, anchors, "named", key):
                found.setdefault(m.start(), m)
        for m in (found[k] for k in sorted(found)):
            when = self._year(m, data)
            if when is None and (m["c1"] or m["c2"]):
                when = _congress_due(m, data)
            elif when is None and m["s"]:
                when = _session_due(m, data)
            # (one of the text's own year before its first day only when its 精神 is studied
            # and nothing says it is to be: 要学习贯彻好…全会精神 in the months before a
            # plenum speaks of it as coming)
            early = unannounced = False
            if when is None:
                if not self._after_the_last(m, data, date):
                    continue
            elif when == year:
                # (a congress's 精神 is put on agendas and plans all through its year, 会议议程
                # 是：学习贯彻中国共产党第二十次全国代表大会精神, 新闻联播 2022-10-13: the words
                # of a plan, _TO_BE, anywhere in the sentence leave it alone)
                held = self._days(m, data)
                if held is None or held.start is None or date >= held.start:
                    continue
                early = True
                ahead = data.facts.plenum_announced_days
                unannounced = (
                    ahead is not None
                    and not (m["c1"] or m["c2"] or m["s"])
                    and (held.start - date).days > ahead
                )
            elif when < year:
                continue
            lo, hi = sentence_bounds(text, m.start(), m.end())
            sentence = text[lo : m.start()] + "\x00" + text[m.end() : hi]
            # what comes is said before the name or in its own clause after it (将于明年召开
            # …; not …全会精神，研究部署明年经济工作), and before what says it is over
            # (…会议审议通过了…的决定: the 决定 is what it adopted)
            clause = _CLAUSE_BREAK.split(text[m.end() : hi])[0]
            over = [clause.find(w) for w in data.past_after + _ADOPTED if w in clause]
            around = text[lo : m.start()] + "\x00" + clause[: min(over, default=len(clause))]
            around = _other_ahead(around, m[0])
            if any(word in around for word in data.ahead) or _A_YEAR.search(sentence):
                continue  # coming, or dated in the sentence (check held_in_other_year's)
            # (within the clause: 研究了召开…会议的有关事项；审议通过了 is two)
            before = _CLAUSE_BREAK.split(text[max(lo, m.start() - 10) : m.start()])[-1]
            after = _CLAUSE_BREAK.split(text[m.end() : m.end() + 12])[0]
            studied = any(w in before for w in data.past_before)
            if early:
                # (what a meeting adopted, 审议通过的…, cannot be before it met, plans or none;
                # its 精神 can be a plan's object unless put as the task of now)
                # (…全会审议通过规划建议后: what is to follow it)
                adopted = after.startswith(_ADOPTED) and "后" not in clause
                if not adopted and not (studied and after.startswith("精神")):
                    continue
                if not (unannounced or adopted) and _planned(text[lo:hi], m[0]):
                    continue
                yield Candidate(m.start(), m.end(), entry, _previous(m, data, date))
                continue
            if m["s"] and when == year + 1 and _in_season(m, data, date):
                pass  # next year's session named while this year's meets: its number is off
            elif m["c1"] or m["c2"]:
                if not after.startswith(data.past_congress) and not (
                    studied and after.startswith(data.past_congress_studied)
                ):
                    continue
            elif not studied and not any(w in after for w in data.past_after):
                continue  # nothing says it is over (a motion sent to it, its name alone)
            fixed = self._held_in(m, data, year)
            if _unelected(m, data, date):
                fixed = _last_held(m, data, date)
            yield Candidate(m.start(), m.end(), entry, fixed)

    @staticmethod
    def _annual_not_yet_held(
        anchors: _Anchors, data: _Data, patterns: _Patterns, date: dt.date, entry: int
    ) -> Iterator[Candidate]:
        """A yearly conference named with its year (2022年中央经济工作会议) as held (its 精神,
        what it deployed) in a text dated before that year's meeting began, and not spoken of
        as coming (将, 即将, 召开前 … in its sentence). The suggestion is the last one held
        before the text's date, when the table lists it."""
        text = anchors.text
        held = {a.name: {h.year: h for h in a.held} for a in data.facts.annual}
        for m in _matches(patterns, anchors, "annual"):
            year, name = int(m["y"]), m["n"]
            days = held.get(name, {}).get(year)
            if days is None or days.start is None or date >= days.start:
                continue
            lo, hi = sentence_bounds(text, m.start(), m.end())
            clause = _CLAUSE_BREAK.split(text[m.end() : hi])[0]
            around = text[lo : m.start()] + "\x00" + clause
            if any(w in around for w in data.ahead) or any(w in clause for w in _COMING):
                continue
            before = _CLAUSE_BREAK.split(text[max(lo, m.start() - 10) : m.start()])[-1]
            if not (clause.startswith(_ANNUAL_HELD) or any(w in before for w in data.past_before)):
                continue  # nothing says it met
            last = [h for h in held[name].values() if h.start is not None and h.start <= date]
            fixed = f"{max(last, key=lambda h: h.year).year}年{name}" if last else None
            yield Candidate(m.start(), m.end(), entry, fixed)

    def _superseded(
        self, anchors: _Anchors, data: _Data, patterns: _Patterns, date: dt.date, entry: int
    ) -> Iterator[Candidate]:
        """A yearly meeting (an NPC or CPPCC session, a CCDI plenum) of an earlier year named
        as this year's: its broadcast watched (收看) or its 开幕 / 闭幕 given as news, in a
        text dated within the days of this year's meeting of its body or the two days after
        (its closing, ``closed``: up to ``closed_days`` after), or its 精神 studied in a
        text dated from this year's first day to ``study_days`` after its last
        (十三届全国人大四次会议精神 in a text of 2022-03-14, after the fifth session had closed
        on 03-11). A sentence that names a year or looks back (一年来,
        以来) names earlier meetings rightly. The suggestion is this year's meeting."""
        cues = data.current
        if cues is None:
            return
        text = anchors.text
        for m in _matches(patterns, anchors, "named"):
            if not (m["s"] or m["k"]):
                continue  # (congresses and Central Committee plenums are not yearly)
            own = self._days(m, data)
            now = _this_years(m, data, date)
            if own is None or now is None or own.year >= now[0].year:
                continue
            held, name = now
            assert held.start is not None
            last = held.end or held.start
            lo, hi = sentence_bounds(text, m.start(), m.end())
            sentence = text[lo:hi]
            if _A_YEAR.search(sentence) or any(w in sentence for w in _OTHER_YEAR):
                continue
            if any(w in sentence for w in cues.looking_back) or any(
                w in text[lo : m.start()] for w in data.ahead
            ):
                continue
            before = _CLAUSE_BREAK.split(text[max(lo, m.start() - 10) : m.start()])[-1]
            clause = _CLAUSE_BREAK.split(text[m.end() : hi])[0]
            news = held.start <= date <= last + dt.timedelta(days=_NEWS_DAYS) and (
                any(w in before for w in cues.watched) or any(w in clause for w in cues.news)
            )
            news = news or (
                held.start <= date <= last + dt.timedelta(days=cues.closed_days)
                and any(w in clause for w in cues.closed)
            )
            studied = (
                held.start <= date <= last + dt.timedelta(days=cues.study_days)
                and any(w in before for w in cues.studied)
                and clause.startswith(tuple(cues.spirit))
            )
            if news or studied:
                yield Candidate(m.start(), m.end(), entry, name)

    @staticmethod
    def _after_the_last(m: re.Match[str], data: _Data, date: dt.date) -> bool:
        """Whether ``m`` names a plenum after the last the fact table lists for the current
        term, in a text dated while the table is complete (二十届五中全会 in 2025-11)."""
        until, called = data.facts.complete_until, data.facts.next_plenum_from
        if until is None or m["c1"] or m["c2"] or m["s"]:
            return False
        if date > until and (called is None or date >= called or m["k"]):
            return False  # (the call is the Central Committee's plenum's)
        plenums, term, plenum, _ = _plenum(m, data)
        current = max(data.facts.congress)
        return term == current and plenum is not None and 0 < len(plenums) < plenum

    @staticmethod
    def _held_in(m: re.Match[str], data: _Data, year: int) -> str | None:
        """The name ``m`` with the number of the term's meeting of ``year`` in place of its
        own, when the term held exactly one that year (for a congress, the last one held by
        then)."""
        if m["c1"] or m["c2"]:
            held = [n for n, h in data.facts.congress.items() if h.year <= year]
            return _renamed(m, {"c1" if m["c1"] else "c2": max(held)}) if held else None
        if m["s"]:
            first = _first_session(m, data)
            if first is None:
                # (a term after the last listed, 十五届全国人大四次会议 in 2026: the term
                # sitting that year, with its session)
                current = _term_of(m, data, year)
                if current is None:
                    return None
                term, first = current
                return _renamed(m, {_term_group(m): term, "s": year - first + 1})
            if not 0 <= year - first < data.facts.sessions_per_term:
                return None
            group, right = "s", year - first + 1
        else:
            plenums, _, _, group = _plenum(m, data)
            years = [h.year for h in plenums]
            if years.count(year) != 1:
                return None
            right = years.index(year) + 1
        return _renamed(m, {group: right})

    @staticmethod
    def _year(m: re.Match[str], data: _Data) -> int | None:
        """The year the fact table gives for the meeting ``m`` names, if it knows it."""
        facts = data.facts
        if m["c1"] or m["c2"]:
            held = _congress_held(m, data)
            return held.year if held is not None else None
        if m["s"]:
            first, session = _first_session(m, data), number(m["s"])
            if first is None or session is None or not 0 < session <= facts.sessions_per_term:
                return None
            return first + session - 1
        plenums, _, plenum, _ = _plenum(m, data)
        if plenum is None:
            return None
        return plenums[plenum - 1].year if 0 < plenum <= len(plenums) else None


def _renamed(m: re.Match[str], numbers: dict[str, int]) -> str:
    """The name ``m`` with each of the groups in ``numbers`` numbered anew, in the
    numerals it is written in."""
    name, base = m[0], m.start()
    for group in sorted(numbers, key=m.start, reverse=True):
        written = m[group]
        new = str(numbers[group]) if written.isdigit() else chinese(numbers[group])
        name = name[: m.start(group) - base] + new + name[m.end(group) - base :]
    return name


@cache
def _deployed(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """A year right after one of ``words`` (部署2022年, 安排部署了2024年)."""
    if not words:
        return None
    return re.compile(rf"(?:{alternation(words)})了?(?P<y>(?:19|20)[0-9]{{2}})年")


def _standing_committee(place: str, body: str, term: str, session: str) -> str:
    """A standing committee's session named with its term first: 第十四届全国人民代表大会
    常务委员会第五次会议, 省十四届人大常委会第五次会议."""
    term = term.lstrip("第")
    if body == "人大常委会":
        return (
            f"{term}全国人大常委会{session}" if place == "全国" else f"{place}{term}{body}{session}"
        )
    return (
        f"第{term}{place}{body}{session}" if place == "全国" else f"{place}第{term}{body}{session}"
    )


def _what(verb: str, word: str | None) -> str:
    """What a verb says of the day beside it: 开幕 (the first), 闭幕 (the last), or ""
    (召开, 举行: a day within or the whole span)."""
    for said in ("开幕", "闭幕"):
        if verb == said or (word or "").startswith(said):
            return said
    return ""


def _claimed(days: re.Match[str], year: int) -> tuple[dt.date, dt.date | None] | None:
    """The first and last day ``days`` writes (in ``year`` when it writes none; the first
    of the month when it writes a month only)."""
    year = int(days["y"]) if days["y"] else year
    try:
        first = dt.date(year, int(days["m1"]), int(days["d1"] or 1))
        last = None
        if days["d2"]:
            last = dt.date(year, int(days["m2"] or days["m1"]), int(days["d2"]))
    except ValueError:
        return None
    return first, last


def _off(days: re.Match[str], what: str, held: Held, year: int | None = None) -> bool:
    """Whether the days written contradict ``held`` (a year of its own is the check
    held_in_other_year's); days without a year are read in ``year`` if given, else in the
    meeting's."""
    claimed = _claimed(days, year or held.year)
    if claimed is None or held.start is None or (days["y"] and int(days["y"]) != held.year):
        return False
    if year is not None and not days["y"] and year != held.year:
        return True
    first, last = claimed
    if not days["d1"]:  # a month only: 2024年3月召开
        end = held.end or held.start
        if what == "开幕":
            return first.month != held.start.month
        if what == "闭幕":
            return held.end is not None and first.month != end.month
        return not held.start.month <= first.month <= end.month
    if what == "开幕":
        return first != held.start
    if what == "闭幕":
        return held.end is not None and (last or first) != held.end
    if last is not None:  # a span: both ends
        return first != held.start or (held.end is not None and last != held.end)
    if held.end is None:
        return first < held.start
    return not held.start <= first <= held.end


def _fits(days: re.Match[str], what: str, listed: list[Held], year: int) -> bool:
    """Whether the days written (read in ``year``) fit a meeting of ``listed`` held in
    that year."""
    return any(
        h.start is not None and h.year == year and not _off(days, what, h, year) for h in listed
    )


def _written(held: Held, what: str, year: str | None, month_only: bool = False) -> str | None:
    """The days of ``held`` as a text writes them (the first for 开幕, the last for 闭幕; the
    month only where the text gives one)."""
    start, end = held.start, held.end
    if start is None or (what != "开幕" and end is None):
        return None
    head = f"{year}年" if year else ""
    if month_only:
        if what == "开幕" or (end is not None and end.month == start.month):
            return f"{head}{start.month}月"
        return f"{head}{end.month}月" if what == "闭幕" and end is not None else None
    if what == "开幕":
        return f"{head}{start.month}月{start.day}日"
    assert end is not None
    if what == "闭幕" or start == end:
        return f"{head}{end.month}月{end.day}日"
    tail = f"{end.day}日" if end.month == start.month else f"{end.month}月{end.day}日"
    return f"{head}{start.month}月{start.day}日至{tail}"


def _year_or_name(
    m: re.Match[str], data: _Data, original: str, date: dt.date | None, right: int
) -> tuple[int, int, str]:
    """A year written beside a meeting held in another year (``right``): the span from the
    year to the name (either may be wrong) and that span fixed. The name is renamed to the
    one meeting of its body (and term) held in the year and month written when there is
    one, unless the month written is the named meeting's own (1979年12月…十一届三中全会:
    the year is off) and the text was not written within a month after the date written
    (2016年3月5日…第五次会议开幕 in a text of that day: the date is the news); else the
    year is fixed."""
    year = int(m["y"])
    lo, hi = min(m.start("y"), m.start("m")), max(m.end("y") + 1, m.end("m"))
    text = m.string
    said = re.match(r"([0-9]{1,2})月(?:([0-9]{1,2})日)?", text[m.end("y") + 1 : m.end("y") + 7])
    month = int(said[1]) if said else None
    written: dt.date | None = None
    if said and said[2]:
        try:
            written = dt.date(year, month or 1, int(said[2]))
        except ValueError:
            written = None

    def fits(held: Held | None) -> bool:
        if month is None or held is None or held.start is None:
            return True
        return held.start.month <= month <= (held.end or held.start).month

    facts = data.facts
    options: list[tuple[dict[str, int], Held | None]] = []
    if m["c1"] or m["c2"]:
        group = "c1" if m["c1"] else "c2"
        options = [({group: n}, h) for n, h in facts.congress.items() if h.year == year]
    elif m["s"]:
        first = _first_session(m, data)
        if first is not None and 0 <= year - first < facts.sessions_per_term:
            options = [({"s": year - first + 1}, _session_days(m, data).get(year))]
    else:
        plenums, _, _, group = _plenum(m, data)
        options = [({group: n}, h) for n, h in enumerate(plenums, 1) if h.year == year]
        if written is not None:
            # (a day written names the plenum of any term held on it: 中国共产党第十四届中央
            # 委员会第一次全体会议于2012年11月15日 → 十八届)
            table = data.facts.ccdi_plenums if m["k"] else data.facts.plenums
            on_the_day: list[tuple[dict[str, int], Held | None]] = [
                ({"k" if m["k"] else "t": term, group: n}, h)
                for term, listed in table.items()
                for n, h in enumerate(listed, 1)
                if h.start is not None and h.start <= written <= (h.end or h.start)
            ]
            options = on_the_day or options
    found = [numbers for numbers, held in options if fits(held)]
    own = MeetingFinder._days(m, data)
    news = written is not None and date is not None and 0 <= (date - written).days <= 31
    own_month = month is not None and own is not None and own.start is not None and fits(own)
    if len(found) == 1 and (news or not own_month):
        out = original[lo:hi]
        for group in sorted(found[0], key=m.start, reverse=True):
            n = found[0][group]
            new = str(n) if m[group].isdigit() else chinese(n)
            out = out[: m.start(group) - lo] + new + out[m.end(group) - lo :]
        return lo, hi, out
    return lo, hi, original[lo : m.start("y")] + str(right) + original[m.end("y") : hi]


def _previous(m: re.Match[str], data: _Data, date: dt.date) -> str | None:
    """The name ``m`` (a congress, a plenum or a session) renamed to the last meeting of its
    kind (of its term) held before ``date`` (the one whose 精神 a text of that day can
    study), if the fact table knows it."""
    if m["c1"] or m["c2"]:
        held = [n for n, h in data.facts.congress.items() if h.start and h.start < date]
        return _renamed(m, {"c1" if m["c1"] else "c2": max(held)}) if held else None
    if m["s"]:
        session = number(m["s"])
        return _renamed(m, {"s": session - 1}) if session is not None and session > 1 else None
    plenums, _, plenum, group = _plenum(m, data)
    if plenum is None:
        return None
    before = [n for n, h in enumerate(plenums[: plenum - 1], 1) if h.start and h.start < date]
    return _renamed(m, {group: before[-1]}) if before else None


def _this_years(m: re.Match[str], data: _Data, date: dt.date) -> tuple[Held, str] | None:
    """The meeting of the body ``m`` names (a session of the NPC or the CPPCC, a plenum of
    the CCDI) held first in ``date``'s year, if it had begun by then and the fact table
    knows its days, with ``m`` renamed to it."""
    if m["s"]:
        held = _session_days(m, data).get(date.year)
        if held is None or held.start is None or date < held.start:
            return None
        facts = data.facts
        npc = _body(m) in data.folded["npc"]
        firsts = facts.npc_first_session if npc else facts.cppcc_first_session
        for term, first in firsts.items():
            if 0 <= date.year - first < facts.sessions_per_term:
                group = _term_group(m)
                return held, _renamed(m, {group: term, "s": date.year - first + 1})
        return None
    if not m["k"]:
        return None
    found = [
        (h.start, term, n, h)
        for term, plenums in data.facts.ccdi_plenums.items()
        for n, h in enumerate(plenums, 1)
        if h.year == date.year and h.start is not None
    ]
    if not found:
        return None
    start, term, n, held = min(found)
    if date < start:
        return None
    return held, _renamed(m, {"k": term, "q": n})


def _held_around(m: re.Match[str], data: _Data, date: dt.date) -> Held | None:
    """The meeting of the body ``m`` names (a session of the NPC or the CPPCC, a plenum of
    the Central Committee or of the CCDI) whose days, or the two days after them, hold
    ``date``, if the fact table knows their days."""
    if m["c1"] or m["c2"]:
        return None
    if m["s"]:
        listed = [_session_days(m, data).get(date.year)]
    else:
        table = data.facts.ccdi_plenums if m["k"] else data.facts.plenums
        listed = [h for plenums in table.values() for h in plenums if h.year == date.year]
    for held in listed:
        if held is None or held.start is None or held.end is None:
            continue
        if held.start <= date <= held.end + dt.timedelta(days=_NEWS_DAYS):
            return held
    return None


def _last_held(m: re.Match[str], data: _Data, date: dt.date) -> str | None:
    """The name ``m`` (a plenum) renamed to the last plenum of its body, of any term, that
    met on or before ``date`` (its term was not elected then: 二十届中央纪委六次全会 in a
    text of 2022-01-20 → 十九届中央纪委六次全会)."""
    if m["s"] or m["c1"] or m["c2"]:
        return None
    table = data.facts.ccdi_plenums if m["k"] else data.facts.plenums
    _, _, _, group = _plenum(m, data)
    held = [
        (h.start, term, n)
        for term, plenums in table.items()
        for n, h in enumerate(plenums, 1)
        if h.start is not None and h.start <= date
    ]
    if not held:
        return None
    _, term, n = max(held)
    return _renamed(m, {"k" if m["k"] else "t": term, group: n})


def _unelected(m: re.Match[str], data: _Data, date: dt.date) -> bool:
    """Whether the term of the plenum ``m`` names was not yet elected on ``date``: its
    first plenum, held with its congress, met after it."""
    if m["s"] or m["c1"] or m["c2"]:
        return False
    plenums = _plenum(m, data)[0]
    return bool(plenums) and plenums[0].start is not None and date < plenums[0].start


def _congress_due(m: re.Match[str], data: _Data) -> int | None:
    """The earliest year a congress after the last listed can meet: five years (the Party
    constitution's term) after it for each number, so a text dated before that year cannot
    speak of it as held."""
    congress = data.facts.congress
    n, latest = number(m["c1"] or m["c2"]), max(congress)
    if n is None or n <= latest:
        return None
    return congress[latest].year + 5 * (n - latest)


def _session_due(m: re.Match[str], data: _Data) -> int | None:
    """The earliest year a session of an NPC or CPPCC term after the last listed can meet:
    each term lasts five years (宪法第六十条; 政协章程), so term N's first session is at
    least five years per term after the last listed one's (十五届全国人大四次会议: 2031 at the
    earliest, so a text of 2026 cannot speak of it as held)."""
    facts = data.facts
    firsts = (
        facts.npc_first_session if _body(m) in data.folded["npc"] else facts.cppcc_first_session
    )
    term, session = number(m[_term_group(m)]), number(m["s"])
    latest = max(firsts)
    if term is None or session is None or term <= latest:
        return None
    if not 0 < session <= facts.sessions_per_term:
        return None
    return firsts[latest] + facts.sessions_per_term * (term - latest) + session - 1


def _term_of(m: re.Match[str], data: _Data, year: int) -> tuple[int, int] | None:
    """The listed term of the body ``m`` names (NPC or CPPCC) whose sessions span ``year``,
    with the year of its first session."""
    facts = data.facts
    firsts = (
        facts.npc_first_session if _body(m) in data.folded["npc"] else facts.cppcc_first_session
    )
    for term, first in firsts.items():
        if 0 <= year - first < facts.sessions_per_term:
            return term, first
    return None


def _first_session(m: re.Match[str], data: _Data) -> int | None:
    """The year of the first session of the NPC or CPPCC term a session's name ``m`` names."""
    facts = data.facts
    firsts = (
        facts.npc_first_session if _body(m) in data.folded["npc"] else facts.cppcc_first_session
    )
    term = number(m[_term_group(m)])
    return firsts.get(term) if term is not None else None


def _plenum(m: re.Match[str], data: _Data) -> tuple[list[Held], int | None, int | None, str]:
    """For a plenum's name ``m`` (of the Central Committee or of the CCDI): the plenums its
    term held, the term, the plenum's number and the group that writes it."""
    if m["k"]:
        table, term, group = data.facts.ccdi_plenums, number(m["k"]), "q"
    else:
        table, term, group = data.facts.plenums, number(m["t"]), "p" if m["p"] else "p2"
    plenums = table.get(term, []) if term is not None else []
    return plenums, term, number(m[group]), group


KIND = Meeting()


# the bodies of the law table's first column: the NPC Standing Committee, the NPC
_BODIES = {"常委会": "s", "大会": "p"}


def _law_table(
    loaded: LoadedRule, facts: MeetingFacts, data: _Data, fold: Callable[[str], str]
) -> None:
    """The sessions' days and the laws they made (checks standing_other_law and
    standing_other_day), from ``facts.npc_standing`` / ``npc_standing_laws`` and the table
    file ``facts.npc_laws``. A law made by two sessions, or a day two sessions closed on,
    is an error of the table."""
    sessions: dict[tuple[str, int, int], Held] = {}
    laws: dict[str, tuple[str, int, int]] = {}

    def made(name: str, key: tuple[str, int, int], where: str) -> None:
        folded = fold(name)
        if laws.setdefault(folded, key) != key:
            raise LexiconError(f"{where}: {name} is made by two sessions")

    for term, days in facts.npc_standing.items():
        for number_, held in enumerate(days, 1):
            sessions[("s", term, number_)] = held
    for said in facts.npc_standing_laws:
        for phrase in said.phrases:
            made(phrase, ("s", *said.session), str(loaded.path))
    if facts.npc_laws:
        path = data_file(loaded, facts.npc_laws, "NPC law table")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            where = f"{path}:{n}"
            if len(cols) != 6 or cols[0] not in _BODIES or not cols[5].strip():
                raise LexiconError(f"{where}: body, term, session, days, laws, source")
            try:
                key = (_BODIES[cols[0]], int(cols[1]), int(cols[2]))
                span = None if cols[3] == "-" else Held.model_validate(_held(cols[3]))
            except ValueError as err:
                raise LexiconError(f"{where}: {err}") from None
            if span is not None and sessions.setdefault(key, span) != span:
                raise LexiconError(f"{where}: other days for this session")
            for name in cols[4].split("、"):
                if name != "-":
                    made(name, key, where)
    closed: dict[dt.date, tuple[str, int, int]] = {}
    for key, held in sessions.items():
        if key[0] == "s" and held.end is not None and closed.setdefault(held.end, key) != key:
            raise LexiconError(f"{loaded.path}: two sessions closed on {held.end}")
    data.sessions, data.closed_on, data.laws = sessions, closed, laws


# a law's title in a page's words: 中华人民共和国 dropped, several joined by 、 和 及
_LAW_PREFIX = "中华人民共和国"
_LAW_JOIN = re.compile("[和及与]")
# 《中华人民共和国电子商务法》已由中华人民共和国第十三届…会议 (the title right before the
# session's name, joined by 由 or 经)
_TITLE_BEFORE = re.compile(r"《(?P<title>[^》\n]{1,40})》(?:已|业已)?(?:由|经)(?:中华人民共和国)?$")
# 中华人民共和国电子商务法（2018年8月31日第十三届…会议通过）: a law's heading
_HEADING_BEFORE = re.compile(
    r"(?P<title>[^\s（(《》，。；]{2,40}?)》?\s*[（(]\s*"
    r"(?P<y>(?:19|20)[0-9]{2})年(?P<mo>[0-9]{1,2})月(?P<d>[0-9]{1,2})日$"
)
# a full date right before the name (2018年8月31日第十三届…; 根据2018年12月29日第十三届…)
_DAY_BEFORE = re.compile(
    r"(?P<y>(?:19|20)[0-9]{2})年(?P<mo>[0-9]{1,2})月(?P<d>[0-9]{1,2})日[，,]?(?:中华人民共和国)?$"
)
# …会议于2018年8月31日（修订）通过 / 审议通过 / 表决通过 (right after the name)
_DAY_AFTER = re.compile(
    r"(?:于|在)(?P<y>(?:19|20)[0-9]{2})年(?P<mo>[0-9]{1,2})月(?P<d>[0-9]{1,2})日"
    r"(?P<v>(?:修订|修正)?(?:审议|表决)?(?:通过|修订|修正|批准|作出|决定)|[，,]?(?:审议|表决)通过)"
)
# what follows a name its date precedes (…会议通过）, …会议《关于修改…的决定》修正)
_ACT_AFTER = re.compile(r"(?:审议|表决)?通过|《|修订|修正|决定|批准")


def _a_day(m: re.Match[str]) -> dt.date | None:
    try:
        return dt.date(int(m["y"]), int(m["mo"]), int(m["d"]))
    except ValueError:
        return None


def _named_law(
    title: str, laws: dict[str, tuple[str, int, int]]
) -> tuple[tuple[str, int, int] | None, str]:
    """The session that made the laws a title names, when every law it names that the
    table knows was made by that one session (电子商务法和土壤污染防治法; None when it
    names none the table knows or laws of two sessions), and the title without those laws'
    names (where a draft's or an amendment's word is looked for: 资产评估法 is a law)."""
    found: set[tuple[str, int, int]] = set()
    rest = title
    for part in re.split("[、，,]", title):
        part = part.strip('《》〈〉“”" ').removeprefix(_LAW_PREFIX)
        pieces = [part] if part in laws else _LAW_JOIN.split(part)
        for piece in pieces:
            piece = piece.strip('《》〈〉“”" ').removeprefix(_LAW_PREFIX)
            if piece in laws:
                found.add(laws[piece])
                rest = rest.replace(piece, "")
    return (found.pop() if len(found) == 1 else None), rest


def _session_named(m: re.Match[str], key: tuple[str, int, int]) -> str:
    """The Standing Committee's session ``m`` named as the session ``key`` in its form: the
    term and the number renumbered, or the NPC's session of that term in the same length
    (十三届全国人大三次会议, 第十三届全国人民代表大会第三次会议)."""
    body, term, session = key
    if body == "s":
        return _renamed(m, {"t": term, "s": session})
    if "常务委员会" in m[0]:
        return f"第{chinese(term)}届全国人民代表大会第{chinese(session)}次会议"
    return f"{chinese(term)}届全国人大{chinese(session)}次会议"
