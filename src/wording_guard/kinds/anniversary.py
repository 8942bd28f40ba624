"""Kind ``anniversary``: the number of a commemoration that its event's year rules out
(毛泽东同志逝世119周年; 中国共产党成立101周年 in a text of 2021; 第十个全民国家安全教育日 in
2026).

A commemoration is a fact plus a number: the year of a birth, a death or an event, and the
anniversary is the year spoken of minus that year. The rule carries the fact table (people
with their birth and death dates, events with their date and official names, annual days
with the year of the first), each row with its source; each entry enables one *check*.
Only the written phrase is read: a person's name right before (同志)诞辰 / 逝世, an event's
official name right before the number, a day's name right after 第N个; another body's
anniversary (a school's, a company's, a foreign party's 建党) never matches.

With check ``stated_year``, an event's ``stated`` phrases — the rule's ``stated_forms``
with each of the event's ``partners`` put in (中国同{}建交 → 中国同洪都拉斯建交) — are the
event told as it happened: a year written right before one in its clause, with at most a
month, a day and a comma between (2020年3月，我国与洪都拉斯正式建交), that is not the
event's year is flagged from the year to the phrase, suggesting the event's year. A phrase
followed by a number (建交5周年) or an event with several years (尼加拉瓜: 1985 and, after
a break, 2021; such an event lists its restored ties under 复交 forms only) is not read.

A rule with ``meetings`` reads only the commemorations named as meetings held: the number
followed by one of them (纪念…胜利70周年大会), and one of the rule's ``held`` verbs after it
in its clause (…大会在北京隆重举行), not 上 right after it (在…100周年大会上的讲话 cites a past
meeting). The span reaches to the meeting's word, and a round number of a past year does not
stand there: the meeting is held in the year the text speaks of.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, model_validator

from ..context import sentence_bounds
from ..lexicon.schema import EntryBase, RuleBase, Strict
from ..numerals import chinese, number_to_999
from .base import (
    AnchorSearch,
    Candidate,
    KindDoc,
    RuleKind,
    ScanEnv,
    ScanInput,
    alternation,
    entries_of,
)

if TYPE_CHECKING:
    from ..compiler import Builder
    from ..lexicon.loader import LoadedRule

Check = Literal[
    "impossible",  # 毛泽东同志逝世119周年: no year up to now (or N <= 0) gives that number
    "other_year",  # 中国共产党成立101周年 in 2021: the year the text speaks of gives another
    "stated_year",  # 2020年，我国与洪都拉斯建交: the event's year is 2023
]

_NUM = r"(?P<n>[0-9]{1,3}|[一二三四五六七八九十百零]{1,5})"
# a year in digits or in Chinese numerals (二〇二九年)
_YEAR = re.compile(
    r"((?:19|20)[0-9]{2}|一九[〇零一二三四五六七八九]{2}|二[〇零][〇零一二三四五六七八九]{2})\s*年"
)
_ASIDE = re.compile(r"《[^《》\n]*》|（[^（）\n]*）|\([^()\n]*\)")
_YEAR_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
# what may stand before a short form (建党) other than a lead-in: the start of a clause
# a document of this month or later may speak of next year's anniversary without a cue
_LATE_MONTH = 11
_CLAUSE_START = '，,。；;：:、“”"《（(\n 　'
# check stated_year: what may stand between a year and the phrase telling the event (3月26日，)
_YEAR_TO_PHRASE = re.compile(
    r"(?:[0-9一二三四五六七八九十]{1,2}月(?:[0-9一二三四五六七八九十]{1,3}[日号])?)?[,，]?\s*"
)
# a number right after the phrase: an anniversary (建交5周年, 建交三十周年)
_NUMBER_AFTER = re.compile(r"\s*[0-9一二两三四五六七八九十百〇零]")


class Person(Strict):
    name: str = Field(min_length=2)
    aliases: list[str] = Field(default_factory=list)
    """Other names read right before 诞辰 / 逝世, without honorifics (毛主席, 小平同志)."""
    born: int = Field(ge=1800, le=2100)
    """The year of birth."""
    died: int | None = Field(default=None, ge=1800, le=2100)
    """The year of death (None: not commemorated as such)."""
    source: str = Field(min_length=2)


class Event(Strict):
    names: list[str] = Field(min_length=1)
    """Official names written right before the number (中国共产党成立, 新中国成立)."""
    short: list[str] = Field(default_factory=list)
    """Short names other bodies share (建党, 建军): read only after one of the rule's
    ``lead_ins`` or at the start of a clause (庆祝建党100周年, not 劳动党建党80周年)."""
    year: int = Field(ge=1800, le=2100)
    huadan: bool = False
    """The names are read only before N周年华诞 (新中国76周年华诞)."""
    goals: list[int] = Field(default_factory=list)
    """Anniversaries spoken of as goals long before they come (新中国成立100周年: 2049)."""
    partners: list[str] = Field(default_factory=list)
    """Check ``stated_year``: the names put into the rule's ``stated_forms`` (洪都拉斯)."""
    stated: list[str] = Field(default_factory=list)
    """Check ``stated_year``: further phrases telling the event (中洪建交)."""
    source: str = Field(min_length=2)


class Day(Strict):
    names: list[str] = Field(min_length=1)
    """The day's names, read after 第N个 (全民国家安全教育日)."""
    first: int = Field(ge=1800, le=2100)
    """The year of the first one (第1个)."""
    source: str = Field(min_length=2)


class AnniversaryEntry(EntryBase):
    check: Check
    """The check this entry enables (see the kind's doc)."""


class AnniversaryRule(RuleBase):
    kind: Literal["anniversary"]
    honorifics: list[str] = Field(default_factory=list)
    """What may stand between a person's name and 诞辰 / 逝世 (同志, 先生)."""
    lead_ins: list[str] = Field(default_factory=list)
    """Words after which an event's short name is read (庆祝, 纪念, 迎接)."""
    ahead_cues: list[str] = Field(default_factory=list)
    """Words that, in the sentence, speak of the next anniversary before its year (明年,
    迎接, 即将): without one, next year's number is flagged, unless the document is of
    November or December."""
    goal_ends: list[str] = Field(default_factory=list)
    """What, right after N周年, makes a round N (a multiple of five) a goal of the future
    (到新中国成立八十周年时: 时, 之时)."""
    stated_forms: list[str] = Field(default_factory=list)
    """Check ``stated_year``: phrases telling an event, with {} for one of its ``partners``
    (中国同{}建交, {}与中国建交)."""
    behind_cues: list[str] | None = None
    """None: last year's number always stands (a review of the year past: 我们隆重庆祝…);
    a list: only with one of these words in the sentence (去年), for days counted every
    year (第N个教师节), where a review names the year."""
    meetings: list[str] = Field(default_factory=list)
    """Words right after N周年 that make it a meeting's name (大会, 纪念大会): with them, only
    such names said to be held (``held``) are read, round numbers of the past included."""
    held: list[str] = Field(default_factory=list)
    """Verbs after a meeting's name in its clause that say it is held (举行, 召开, 开幕)."""
    persons: list[Person] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    days: list[Day] = Field(default_factory=list)
    entries: list[AnniversaryEntry] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_entry_per_check(self) -> AnniversaryRule:
        checks = [e.check for e in self.entries]
        if len(set(checks)) != len(checks):
            raise ValueError("each check may be enabled by one entry only")
        if not (self.persons or self.events or self.days):
            raise ValueError("a rule needs persons, events or days")
        if any("{}" not in f for f in self.stated_forms):
            raise ValueError("each of stated_forms holds {} for a partner")
        if bool(self.meetings) != bool(self.held):
            raise ValueError("meetings and held go together")
        return self


@dataclass(frozen=True)
class _Form:
    """A phrase before 周年 (or a day's name after 第N个) and the year its number counts
    from: N = year spoken of - base."""

    base: int
    goals: frozenset[int]
    short: bool
    huadan: bool = False
    swap: tuple[str, str, int] | None = None
    """A person's 诞辰 form: (诞辰, 逝世, death year), and the other way round: the number
    may be right for the other word (毛主席逝世119周年 in 2012 is 诞辰119周年)."""


@dataclass
class _Data:
    checks: dict[str, int]  # check -> entry index
    forms: dict[str, _Form]  # folded phrase before N周年
    days: dict[str, _Form]  # folded day name after 第N个
    lead_ins: tuple[str, ...]
    ahead_cues: tuple[str, ...] = ()
    behind_cues: tuple[str, ...] | None = None
    goal_ends: tuple[str, ...] = ()
    stated: dict[str, int] = field(default_factory=dict)
    """Check ``stated_year``: folded phrase telling an event -> the event's year."""
    meetings: tuple[str, ...] = ()
    """Longest first (see the rule's ``meetings``)."""
    held: tuple[str, ...] = ()


class Anniversary(RuleKind):
    name = "anniversary"
    rule_model = AnniversaryRule
    doc = KindDoc(
        what="The number of a commemoration that the fact table rules out: one no year up to "
        "now gives (毛泽东同志逝世119周年, 中国共产党成立0周年), or, when the document's date or "
        "the sentence's year is known, one that year does not give (中国共产党成立101周年 in "
        "2021; 第十个全民国家安全教育日 in 2026), suggesting the right number; a year before or "
        "after (明年是…75周年, 去年…), round numbers of the past (在庆祝…100周年大会上的讲话) "
        "and listed goals (新中国成立100周年) stand. With check ``stated_year``, a year "
        "written right before a phrase telling an event (the rule's ``stated_forms`` with the "
        "event's ``partners``: 2020年3月，我国与洪都拉斯正式建交) that is not the event's "
        "year, suggesting it. A rule with ``meetings`` reads only a commemoration's meeting "
        "said to be held (纪念…胜利70周年大会在北京隆重举行 in 2025), where a round number "
        "of the past does not stand.",
        why="Editors copy last year's commemoration or mistype its number; the phrase is "
        "spelt right, only the year of the event tells it is wrong.",
        example="persons: [{name: 毛泽东, born: 1893, died: 1976, source: …}]\n"
        "entries:\n- check: impossible\n# → flags 毛泽东同志逝世119周年",
    )

    def computed_suggestion(self, entry: EntryBase) -> bool:
        return True

    def compile(self, loaded: LoadedRule, builder: Builder) -> None:
        rule = loaded.rule
        assert isinstance(rule, AnniversaryRule)
        rule_index = builder.add_rule(loaded)
        checks: dict[str, int] = {}
        for _, entry, line in entries_of(loaded):
            assert isinstance(entry, AnniversaryEntry)
            checks[entry.check] = builder.add_entry(rule_index, entry, line)
        fold = builder.normalizer.fold
        forms: dict[str, _Form] = {}
        none: frozenset[int] = frozenset()
        for person in rule.persons:
            names = [person.name + hon for hon in ("", *rule.honorifics)] + person.aliases
            for name in names:
                if person.died is None:
                    forms[fold(f"{name}诞辰")] = _Form(person.born, none, False)
                    continue
                born, died = person.born, person.died
                forms[fold(f"{name}诞辰")] = _Form(born, none, False, swap=("诞辰", "逝世", died))
                forms[fold(f"{name}逝世")] = _Form(died, none, False, swap=("逝世", "诞辰", born))
        for event in rule.events:
            goals = frozenset(event.goals)
            for name in event.names:
                forms[fold(name)] = _Form(event.year, goals, False, event.huadan)
            for name in event.short:
                forms.setdefault(fold(name), _Form(event.year, goals, True))
        stated: dict[str, int] = {}
        for event in rule.events:
            phrases = [f.format(p) for f in rule.stated_forms for p in event.partners]
            for phrase in (*phrases, *event.stated):
                # (a phrase two events share tells neither)
                year = stated.setdefault(fold(phrase), event.year)
                if year != event.year:
                    stated[fold(phrase)] = 0
        days = {
            fold(n): _Form(day.first - 1, frozenset(), False)
            for day in rule.days
            for n in day.names
        }
        data = _Data(
            checks,
            forms,
            days,
            tuple(fold(w) for w in rule.lead_ins),
            tuple(fold(w) for w in rule.ahead_cues),
            None if rule.behind_cues is None else tuple(fold(w) for w in rule.behind_cues),
            tuple(fold(w) for w in rule.goal_ends),
            {k: v for k, v in stated.items() if v} if "stated_year" in checks else {},
            tuple(sorted((fold(w) for w in rule.meetings), key=len, reverse=True)),
            tuple(fold(w) for w in rule.held),
        )
        builder.kind_data.setdefault(self.name, []).append(data)

    def finder(self, data: Any, env: ScanEnv) -> AnniversaryFinder | None:
        return AnniversaryFinder(data) if data else None


def verdict(
    n: int,
    form: _Form,
    years: list[int],
    this_year: int,
    ahead: bool = False,
    behind: bool = True,
    round_past: bool = True,
) -> tuple[str, int | None] | None:
    """The check the number ``n`` of ``form`` fails, and the number it should be (for the
    first of ``years``), or None when it stands.

    ``years`` are the years the text may speak of (the document's, those named in the
    sentence); ``this_year`` is the latest any text can be written in. The number is right
    for a year when it is that year's anniversary, the last one when the text may look back
    (``behind``: 去年…, a review of the year past), or the next one when it looks ahead
    (``ahead``: 明年是…, 迎接…); a round number (a multiple of five) of the past stands too,
    for the great commemorations are cited for years (在庆祝中国共产党成立100周年大会上的讲话),
    unless ``round_past`` is False (a meeting held in the year spoken of).
    No year at all: only an impossible number is flagged."""
    if n in form.goals:
        return None
    if n <= 0 or n > this_year - form.base + 1:
        return ("impossible", None)
    if not years:
        return None
    for year in years:
        expected = year - form.base
        if expected - behind <= n <= expected + ahead or (
            round_past and n < expected and n % 5 == 0
        ):
            return None
    right = years[0] - form.base
    return ("other_year", right if right > 0 else None)


class AnniversaryFinder:
    """Reads the phrase before each 周年 and after each 第N个 against the rule's facts."""

    def __init__(self, rules: list[_Data]) -> None:
        self._rules = []
        for data in rules:
            before = (
                re.compile(f"(?P<f>{alternation(data.forms)}){_NUM}周年") if data.forms else None
            )
            after = re.compile(f"第{_NUM}个(?P<f>{alternation(data.days)})") if data.days else None
            reach = max((len(f) for f in data.forms), default=0) + 5
            self._rules.append((data, before, after, reach))
        self._days = sorted({d for data in rules for d in data.days})
        # found by the scanner's shared automaton: 周年 and the days' names
        self._anchors = AnchorSearch(["周年", *self._days], longest=True, folded=True)
        self._stated = sorted({p for data in rules for p in data.stated})
        self._told = AnchorSearch(self._stated, longest=True, folded=True)
        self.anchors = (*self._anchors.anchors, *self._told.anchors)

    def find(self, scan: ScanInput) -> Iterator[Candidate]:
        if self._stated:
            yield from self._find_stated(scan)
        hits = self._anchors.find(scan, ordered=False)
        if not hits:
            return
        folded = scan.folded
        this_year = max(dt.date.today().year, scan.date.year if scan.date else 0)
        for data, before, after, reach in self._rules:
            seen: set[tuple[int, int]] = set()
            for i, start, end in hits:
                if i == 0:
                    if before is None:
                        continue
                    # the phrase must end right at this 周年
                    for m in before.finditer(folded, max(0, start - reach), end):
                        if m.end() == end and m.span() not in seen:
                            seen.add(m.span())
                            if not data.meetings:
                                yield from self._judge(scan, data, m, data.forms, this_year)
                                continue
                            held = _held_meeting(folded, end, data)
                            if held is not None:
                                yield from self._judge(scan, data, m, data.forms, this_year, held)
                elif after is not None:
                    for m in after.finditer(folded, max(0, start - 6), end):
                        if m.end() == end and m.span() not in seen:
                            seen.add(m.span())
                            yield from self._judge(scan, data, m, data.days, this_year)

    def _find_stated(self, scan: ScanInput) -> Iterator[Candidate]:
        """Check ``stated_year``: the year written right before a phrase telling an event."""
        folded = scan.folded
        for i, start, end in self._told.find(scan, ordered=False):
            phrase = self._stated[i]
            # 建交5周年: an anniversary, the other checks' business
            if _NUMBER_AFTER.match(folded, end):
                continue
            lo, _ = sentence_bounds(folded, start, end, 40)
            years = list(_YEAR.finditer(folded, lo, start))
            if not years or not _YEAR_TO_PHRASE.fullmatch(folded, years[-1].end(), start):
                continue
            year = years[-1]
            written = int(year.group(1).translate(_YEAR_DIGITS))
            for data in self._rules:
                right = data[0].stated.get(phrase)
                entry = data[0].checks.get("stated_year")
                if right is None or entry is None or right == written:
                    continue
                fixed = f"{right}年" + scan.text[year.end() : end]
                yield Candidate(year.start(), end, entry, fixed, self_dated=True)
                break

    @staticmethod
    def _judge(
        scan: ScanInput,
        data: _Data,
        m: re.Match[str],
        forms: dict[str, _Form],
        this_year: int,
        meeting_end: int | None = None,
    ) -> Iterator[Candidate]:
        """``meeting_end``: the end of the meeting's word after the number (rules with
        ``meetings``): the span reaches to it, and a round number of the past is judged."""
        form = forms[m["f"]]
        folded = scan.folded
        s, e = m.span()
        if form.huadan and not folded.startswith("华诞", e):
            return
        # a short name (建党) only after a lead-in or at a clause's start
        if (
            form.short
            and s > 0
            and folded[s - 1] not in _CLAUSE_START
            and not any(folded.endswith(w, 0, s) for w in data.lead_ins)
        ):
            return
        written = m["n"]
        n = number_to_999(written)
        if n is None:
            return
        if n % 5 == 0 and any(folded.startswith(w, e) for w in data.goal_ends):
            return  # a goal: 到…成立八十周年时
        lo, hi = sentence_bounds(folded, s, e, 80)
        # a year in a title or in brackets dates something else (《邓小平文集（一九二五—
        # 一九四九年）》 beside 邓小平同志诞辰120周年)
        aside = [b.span() for b in _ASIDE.finditer(folded, lo, hi)]
        years = [
            int(y.group(1).translate(_YEAR_DIGITS))
            for y in _YEAR.finditer(folded, lo, hi)
            if not any(a <= y.start() < b for a, b in aside)
        ]
        # a year the sentence names may be a plan's (到二〇二九年…成立八十周年时)
        latest = max([this_year, *years])
        # the document's date first: the suggestion is for it
        if scan.date is not None:
            years.insert(0, scan.date.year)
        ahead = (scan.date is not None and scan.date.month >= _LATE_MONTH) or any(
            folded.find(cue, lo, hi) != -1 for cue in data.ahead_cues
        )
        cues = data.behind_cues
        behind = cues is None or any(folded.find(cue, lo, hi) != -1 for cue in cues)
        judged = verdict(n, form, years, latest, ahead, behind, meeting_end is None)
        if judged is None:
            return
        check, right = judged
        entry = data.checks.get(check)
        if entry is None:
            return
        fixed = None
        if form.swap is not None:
            # the number fits the other word: 逝世 written for 诞辰 (or the reverse)
            word, other, base = form.swap
            swapped = _Form(base, form.goals, False)
            if verdict(n, swapped, years, latest, ahead, behind) is None:
                at = m.start("n") - len(word)
                yield Candidate(
                    s, e, entry, folded[s:at] + other + folded[m.start("n") : e], self_dated=True
                )
                return
        if right is not None:
            digits = written.isdigit()
            fixed = folded[s : m.start("n")] + (str(right) if digits else chinese(right))
            fixed += folded[m.end("n") : e]
        if meeting_end is not None:
            fixed = None if fixed is None else fixed + folded[e:meeting_end]
            e = meeting_end
        yield Candidate(s, e, entry, fixed, self_dated=True)


# where a clause ends: a meeting's verb is looked for up to there
_CLAUSE_END = re.compile(r"[，,。；;！!？?\n]")


def _held_meeting(folded: str, end: int, data: _Data) -> int | None:
    """Rules with ``meetings``: the end of the meeting's word right after ``end`` (N周年)
    when the clause says the meeting is held there (…大会在北京隆重举行), else None."""
    word = next((w for w in data.meetings if folded.startswith(w, end)), None)
    if word is None:
        return None
    after = end + len(word)
    if folded.startswith("上", after):
        return None  # 在…大会上的讲话: a meeting cited
    stop = _CLAUSE_END.search(folded, after)
    clause = folded[after : stop.start() if stop else len(folded)]
    return after if any(verb in clause for verb in data.held) else None


KIND = Anniversary()
