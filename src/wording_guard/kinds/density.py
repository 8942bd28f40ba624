"""Kind ``density``: injected spam recognised by how densely its cues stand, across the
punctuation of the page chrome it hides in.

Spam planted in site maps, RSS titles, 相关阅读 lists, attachment links or questionnaires is
often a brand of Chinese characters nobody listed (鸿运阁, 银鲨国际, 蜜柚) glued to a word
gambling and porn sites name themselves with (娱乐城, 真人娱乐, 视频成人版, 直播一对一) and
the lure of its trade (在线开户, 注册即送, 现金兑换, 最新网址), the pieces often parted by a
comma, a 、 or brackets (银鲨国际真人娱乐，注册就送58元，日赚八百). One such cue is
ordinary text or a report (娱乐场所, 棋牌室, 注册即送 in a warning); several distinct cues of
different kinds within a few characters are not.

The rule lists its cues by *class*, each with a ``weight`` (and ``most``, the most distinct
words of the class that count); cues of ``trigger`` classes start a look at the text up to
``reach`` characters either side, within a line and a sentence (。！？; commas, 、 and
brackets do not end it). There the cues fall into runs, each cue at most ``gap`` characters
after the one before (a sum of money after a cue not counted: 注册就送58元，日赚); a run
holding a trigger cue is scored: each distinct cue word adds its class's weight, and a
``brand`` right before the run's first cue, if that is of a class the brand names (2 to 4
Chinese characters after a separator of page chrome, none of the ``not_names`` openings of
official and media names), adds its own. An entry stands when the score reaches its
``score`` with cues of at least ``kinds`` classes (the brand is no class). Words of the rule's
``not_cues`` (棋牌室, 体育彩票, 娱乐场所, 一对一辅导) hold a cue word but are ordinary: a cue
overlapping one does not count. A ``veto`` word (打击, 查处, 赌博, 警方) within
``veto_window`` characters of the evidence in its sentence clears it: reports on the fight
against gambling and warnings quoting the bait. Evidence that stands without a brand and
is glued straight onto prose (…推进会召开鼎泰真人视讯在线开户) takes the brand's ``glued``
characters before it into its span, unless jieba's dictionary reads them as a word of prose.
The finding spans the evidence from the brand or first cue to the last cue, with a sum of
money right after it (注册就送58元); it is tentative, so a listed brand or a template over the
same text says more.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import ahocorasick_rs
from pydantic import Field, model_validator

from ..charmodel import is_han
from ..context import sentence_bounds
from ..lexicon.schema import EntryBase, RuleBase, Strict
from .base import (
    AnchorSearch,
    Candidate,
    KindDoc,
    RuleKind,
    ScanEnv,
    ScanInput,
    entries_of,
    jieba_words,
    word_classes,
)

if TYPE_CHECKING:
    from ..compiler import Builder
    from ..lexicon.loader import LoadedRule

# a rule's glued dictionary: (words of prose, all words) of two characters
_Dictionary = Callable[["_Rule"], tuple[frozenset[str], frozenset[str]]]
# what ends the look around a trigger: a line and a sentence (not a comma: the pieces of
# injected text are often parted by one)
_STOPS = frozenset("\n。！？!?；;")
# a sum of money right after the evidence is part of the bait (注册就送58元)
_AMOUNT = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:元|%|倍)?|[一二两三四五六七八九十百千万]+(?:元|倍)")
_BRAND = "brand"
_OPEN, _CLOSE = frozenset("【["), frozenset("】]")


class CueClass(Strict):
    words: list[str] = Field(min_length=1)
    weight: int = Field(default=1, ge=1, le=10)
    """What each distinct word of this class adds to the score."""
    trigger: bool = False
    """A word of this class starts a look at the text around it; a finding holds one."""
    most: int | None = Field(default=None, ge=1)
    """At most this many distinct words of the class count (words ordinary alone, 棋牌 and
    娱乐 of a club's 棋牌、娱乐项目, weigh as one)."""


class BrandCue(Strict):
    """A name nobody listed: a run of Chinese characters standing alone right before a cue."""

    before: list[str] = Field(min_length=1)
    """The classes whose cues a brand is glued in front of (娱乐城, 体育)."""
    weight: int = Field(default=1, ge=1, le=10)
    shortest: int = Field(default=2, ge=1)
    longest: int = Field(default=4, ge=1, le=8)
    not_names: list[str] = Field(default_factory=list)
    """Openings of names that are no brand (中国, 国家, 县: official and media names)."""
    not_chars: str = ""
    """Characters no name holds (等, 的, 和: a run of prose, 乒乓球等, is none)."""
    after: str = ""
    """Characters a name may stand after (besides a line's start): separators of page chrome
    (|, ·, ：, 【), not the 、 and comma of an enumeration in prose."""
    glued: int = Field(default=0, ge=0, le=2)
    """Characters of a name glued straight onto prose (…推进会召开金沙娱乐城注册送): where
    the evidence stands without a brand, this many Chinese characters right before its first
    cue are taken into the span (weighing nothing: which characters of prose a glued name
    holds is a guess, so the guess only widens a finding that stands without it). They are
    not taken when jieba's dictionary reads them as a word of prose (过半, 公示: a word of
    ``glued_count`` uses or more not tagged with one of ``glued_name_tags``), or their first
    character as the end of a word (推进中: 推进)."""
    glued_count: int = Field(default=20, ge=1)
    glued_name_tags: list[str] = Field(default_factory=list)
    """jieba's tags of names (nr, ns, nz): a name of the dictionary may be a brand (金沙)."""


class DensityEntry(EntryBase):
    score: int = Field(ge=2)
    """The least sum of the weights of the distinct cues (and the brand)."""
    kinds: int = Field(default=2, ge=1)
    """The least number of cue classes among them (the brand is none)."""


class DensityRule(RuleBase):
    kind: Literal["density"]
    cues: dict[str, CueClass] = Field(min_length=1)
    brand: BrandCue | None = None
    not_cues: list[str] = Field(default_factory=list)
    """Ordinary words that hold a cue word (棋牌室 holds 棋牌): a cue overlapping one is none."""
    veto: list[str] = Field(default_factory=list)
    """Words of reports and warnings that clear evidence near them in its sentence."""
    veto_window: int = Field(default=30, ge=1, le=200)
    reach: int = Field(default=24, ge=4, le=80)
    """Characters looked at either side of a trigger word."""
    gap: int = Field(default=3, ge=0, le=20)
    """The most characters between two cues of one piece of evidence (a comma, a 、, 】【),
    a sum of money after a cue not counted (注册就送58元，日赚)."""
    entries: list[DensityEntry] = Field(min_length=1)

    @model_validator(mode="after")
    def _known_classes(self) -> DensityRule:
        if not any(c.trigger for c in self.cues.values()):
            raise ValueError("at least one cue class must be a trigger")
        if self.brand is not None:
            unknown = sorted(set(self.brand.before) - set(self.cues))
            if unknown:
                raise ValueError(f"unknown class in brand.before: {', '.join(unknown)}")
            if self.brand.shortest > self.brand.longest:
                raise ValueError("brand.shortest is longer than brand.longest")
        if _BRAND in self.cues:
            raise ValueError(f"{_BRAND!r} is the found brand, no cue class")
        return self


@dataclass(frozen=True)
class _Rule:
    words: tuple[str, ...]  # folded cue words
    word_class: tuple[str, ...]  # class of each word
    weights: tuple[tuple[str, int, int], ...]  # class, weight, most words counted
    triggers: frozenset[str]  # trigger classes
    trigger_words: tuple[str, ...]
    not_cues: tuple[str, ...]
    veto: tuple[str, ...]
    veto_window: int
    reach: int
    gap: int
    brand_before: frozenset[str]
    brand_weight: int
    brand_sizes: tuple[int, int]
    not_names: tuple[str, ...]
    not_chars: frozenset[str]
    brand_after: frozenset[str]
    glued: int
    glued_words: str  # jieba's words of two characters, joined: words of prose, then names
    glued_prose: int  # how many characters of glued_words are words of prose
    checks: tuple[tuple[int, int, int], ...]  # entry, score, kinds


class Density(RuleKind):
    name = "density"
    rule_model = DensityRule
    doc = KindDoc(
        what="Injected spam whose distinct cues stand densely, across commas, 、 and brackets: "
        "cue words by class with a weight each (a site's head word 娱乐城, 真人娱乐, "
        "视频成人版; its lure 在线开户, 注册即送, 最新网址), a brand of 2 to 4 Chinese "
        "characters nobody listed right before a cue (鸿运阁, 银鲨国际), scored within "
        "`reach` characters of a trigger cue in its sentence; an entry stands at its `score` "
        "with cues of `kinds` classes (鸿运阁娱乐城在线开户; 银鲨国际真人娱乐，注册就送58元). "
        "`not_cues` (棋牌室, 体育彩票) hold a cue word but are ordinary; `veto` words "
        "(打击, 警方) near the evidence clear it.",
        why="Spam brands written in Chinese change weekly and hide in page chrome between "
        "punctuation; what does not change is that the name, the gambling or porn word and "
        "the lure stand together, while one such word alone is ordinary text or a report.",
        example="- score: 4\n  kinds: 2\n# → flags 鸿运阁娱乐城在线开户 in a site map",
    )

    def compile(self, loaded: LoadedRule, builder: Builder) -> None:
        rule = loaded.rule
        assert isinstance(rule, DensityRule)
        rule_index = builder.add_rule(loaded)
        checks = []
        for _, entry, line in entries_of(loaded):
            assert isinstance(entry, DensityEntry)
            index = builder.add_entry(rule_index, entry, line)
            checks.append((index, entry.score, entry.kinds))
        fold = builder.normalizer.fold
        owner = word_classes(rule.cues, fold)
        triggers = frozenset(n for n, c in rule.cues.items() if c.trigger)
        brand = rule.brand
        data = _Rule(
            tuple(owner),
            tuple(owner.values()),
            tuple((n, c.weight, c.most or len(c.words)) for n, c in rule.cues.items()),
            triggers,
            tuple(w for w, c in owner.items() if c in triggers),
            tuple(fold(w) for w in rule.not_cues),
            tuple(fold(w) for w in rule.veto),
            rule.veto_window,
            rule.reach,
            rule.gap,
            frozenset(brand.before) if brand else frozenset(),
            brand.weight if brand else 0,
            (brand.shortest, brand.longest) if brand else (0, 0),
            tuple(fold(w) for w in brand.not_names) if brand else (),
            frozenset(brand.not_chars) if brand else frozenset(),
            frozenset(brand.after + fold(brand.after)) if brand else frozenset(),
            brand.glued if brand else 0,
            *_dictionary(brand, fold),
            tuple(checks),
        )
        builder.kind_data.setdefault(self.name, []).append(data)

    def finder(self, data: Any, env: ScanEnv) -> DensityFinder | None:
        return DensityFinder(data) if data else None


def _dictionary(brand: BrandCue | None, fold: Callable[[str], str]) -> tuple[str, int]:
    """jieba's words of two characters used ``glued_count`` times or more: the words of prose
    (not tagged as names), then the names, joined into one string (a small cache entry)."""
    if brand is None or not brand.glued:
        return "", 0
    tags = set(brand.glued_name_tags)
    prose: set[str] = set()
    names: set[str] = set()
    for word, count, tag in jieba_words():
        if len(word) == 2 and count >= brand.glued_count and all(map(is_han, word)):
            (names if tag in tags else prose).add(fold(word))
    prose_words = "".join(sorted(prose))
    return prose_words + "".join(sorted(names - prose)), len(prose_words)


class DensityFinder:
    def __init__(self, rules: list[_Rule]) -> None:
        self._rules = []
        # (prose words, all words) of each rule's glued dictionary, read when first needed
        self._words: dict[int, tuple[frozenset[str], frozenset[str]]] = {}
        for rule in rules:
            words = ahocorasick_rs.AhoCorasick(
                list(rule.words), matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
            )
            # (every occurrence: a not-cue that starts after a cue word may still hold it,
            # 直播一对一辅导)
            masks = ahocorasick_rs.AhoCorasick(list(rule.not_cues)) if rule.not_cues else None
            triggers = AnchorSearch(rule.trigger_words, longest=True, folded=True)
            self._rules.append((rule, words, masks, triggers))
        self.anchors = tuple(w for *_, triggers in self._rules for w in triggers.anchors)

    def _dictionary(self, rule: _Rule) -> tuple[frozenset[str], frozenset[str]]:
        known = self._words.get(id(rule))
        if known is None:
            pairs = [rule.glued_words[i : i + 2] for i in range(0, len(rule.glued_words), 2)]
            known = frozenset(pairs[: rule.glued_prose // 2]), frozenset(pairs)
            self._words[id(rule)] = known
        return known

    def find(self, scan: ScanInput) -> Iterator[Candidate]:
        text = scan.folded
        for rule, words, masks, triggers in self._rules:
            done = 0  # findings do not overlap: a look starts after the last one
            for _, start, end in triggers.find(scan):
                if start < done:
                    continue
                lo = _stop_before(text, start, max(done, start - rule.reach))
                hi = _stop_after(text, end, end + rule.reach)
                hit = _judge(rule, words, masks, text, lo, hi, self._dictionary)
                if hit is not None:
                    done = hit.end
                    yield hit


def _stop_before(text: str, start: int, floor: int) -> int:
    lo = start
    while lo > floor and text[lo - 1] not in _STOPS:
        lo -= 1
    return max(lo, 0)


def _stop_after(text: str, end: int, ceiling: int) -> int:
    hi = end
    limit = min(ceiling, len(text))
    while hi < limit and text[hi] not in _STOPS:
        hi += 1
    return hi


def _judge(
    rule: _Rule,
    words: ahocorasick_rs.AhoCorasick,
    masks: ahocorasick_rs.AhoCorasick | None,
    text: str,
    lo: int,
    hi: int,
    dictionary: _Dictionary,
) -> Candidate | None:
    region = text[lo:hi]
    shields = masks.find_matches_as_indexes(region, overlapping=True) if masks else []
    cues = [
        (rule.word_class[index], s, e)
        for index, s, e in words.find_matches_as_indexes(region)
        if not any(a < e and s < b for _, a, b in shields)
    ]
    for run in _runs(rule, region, cues):
        hit = _score(rule, text, lo, region, run, dictionary)
        if hit is not None:
            return hit
    return None


def _runs(
    rule: _Rule, region: str, cues: list[tuple[str, int, int]]
) -> Iterator[list[tuple[str, int, int]]]:
    """The cues in runs: each cue at most ``gap`` characters after the last one (a sum of
    money after a cue is part of it: 注册就送58元，日赚), holding a trigger cue."""
    run: list[tuple[str, int, int]] = []
    stop = 0
    for cue in cues:
        if run and cue[1] - stop > rule.gap:
            if any(c in rule.triggers for c, _, _ in run):
                yield run
            run = []
        run.append(cue)
        amount = _AMOUNT.match(region, cue[2])
        stop = amount.end() if amount is not None else cue[2]
    if any(c in rule.triggers for c, _, _ in run):
        yield run


def _score(
    rule: _Rule,
    text: str,
    lo: int,
    region: str,
    run: list[tuple[str, int, int]],
    dictionary: _Dictionary,
) -> Candidate | None:
    distinct: dict[str, set[str]] = {}
    for c, s, e in run:
        distinct.setdefault(c, set()).add(region[s:e])
    score = sum(weight * min(most, len(distinct.get(c, ()))) for c, weight, most in rule.weights)
    kinds = len(distinct)
    head, first, _ = run[0]
    last = run[-1][2]
    glued = False
    if head in rule.brand_before:
        brand = _brand(rule, text, lo, lo + first)
        if brand is not None:
            score += rule.brand_weight
            first = brand - lo
        else:
            glued = True
    entry = next((e for e, least, n in rule.checks if score >= least and kinds >= n), None)
    if entry is None:
        return None
    if glued:
        first = _glued(rule, text, lo, lo + first, dictionary) - lo
    amount = _AMOUNT.match(region, last)
    if amount is not None:
        last = amount.end()
    # brackets around the evidence are part of what is to go (【…直播一对一】【附近约会】)
    if region[first - 1 : first] in _OPEN and region[last : last + 1] in _CLOSE:
        first, last = first - 1, last + 1
    # a veto word near the evidence in its sentence: a report or a warning, not spam
    s_lo, s_hi = sentence_bounds(text, lo + first, lo + last)
    near = text[max(s_lo, lo + first - rule.veto_window) : min(s_hi, lo + last + rule.veto_window)]
    if any(v in near for v in rule.veto):
        return None
    return Candidate(lo + first, lo + last, entry, tentative=True)


def _brand(rule: _Rule, text: str, lo: int, start: int) -> int | None:
    """Where the brand before the run's first cue at ``start`` begins: a run of Chinese
    characters of the rule's sizes right before it, standing after a line's start or a
    character of the rule's ``after``, holding none of its ``not_chars`` and opening with
    none of its ``not_names``; None if there is none."""
    shortest, longest = rule.brand_sizes
    begin = start
    while begin > 0 and start - begin <= longest and is_han(text[begin - 1]):
        begin -= 1
    if not shortest <= start - begin <= longest or begin < lo:
        return None
    if begin > 0 and text[begin - 1] not in rule.brand_after and text[begin - 1] != "\n":
        return None
    name = text[begin:start]
    if name.startswith(rule.not_names) or rule.not_chars.intersection(name):
        return None
    return begin


def _glued(rule: _Rule, text: str, lo: int, start: int, dictionary: _Dictionary) -> int:
    """Where a name glued onto prose before the cue at ``start`` begins: ``glued`` Chinese
    characters right after more Chinese characters, holding none of the ``not_chars``,
    opening with none of the ``not_names``, no word of prose and not ending a word of the
    dictionary; ``start`` itself if there is none."""
    begin = start - rule.glued
    if not rule.glued or begin - 1 < lo or not all(is_han(c) for c in text[begin - 1 : start]):
        return start
    name = text[begin:start]
    if name.startswith(rule.not_names) or rule.not_chars.intersection(name):
        return start
    prose, words = dictionary(rule)
    if name in prose or text[begin - 1 : begin + 1] in words:
        return start
    return begin


KIND = Density()
