"""Kind ``evidence``: injected spam recognised by what it is made of, not by its brand.

Gambling and porn text planted in hacked pages changes brands every week, but not its make-up:
a brand code (kaiyun, yabo88), gambling words (体育, 真人, 投注), advertising words (官网,
app下载, 手机版) and keyword chains joined by ``_`` ``|`` ``·`` ``-``. The rule lists words by
*class*; each entry says how many distinct words of which classes one chain must hold
(``require``), and its examples prove it.

A *chain* is the run of text around a trigger word (a word of a class marked as a trigger)
made of Chinese characters, Latin letters, digits, joiners, brackets and spaces, up to ``reach``
characters either side; sentence punctuation ends it. Words of a ``veto`` class in the chain
(打击, 非法, 查处: a report on the fight against gambling) clear it, and so do they anywhere
in the sentence of a chain that stands in quotes (a warning quoting the bait). Words of the
rule's ``news`` (被告人, 宣判, 警方) clear evidence written as prose, with no joiner inside it,
anywhere in its sentence: court and police news tell of a case in sentences (其组织他人在境外
网站投注百家乐), spam is a keyword chain. A page's metadata line is no sentence: its fields,
each a label after a wide space (索引号：…　主题分类：…　发布机构：××县公安局), end one another,
and a news word in another field clears nothing. Four classes are not listed but found: ``brand`` (a
token of Latin letters and digits, not one of the rule's ``not_brands``), ``joiner`` (a
joiner between two words),
``repeat`` (a name of two Han characters or Latin letters and digits that opens two
or more items of the chain, or runs of a keyword list: one unknown brand sold twice,
鑫淼开奖直播-鑫淼手机版下载),
``segment`` (the pieces of the chain between joiners and spaces that hold a trigger word: the
items of a keyword chain, 激情诱惑_偷拍走光), ``named`` (such an item that is a short name and a
trigger word of three or more characters and nothing else, the way a gambling site names
itself: 恒达彩票计划 in a hot-search bar; not a word of the rule's ``venues``, which real
places' names end with too: 时代娱乐城), ``domain`` (a brand code of letters and digits with its
domain: taihe9988.vip) and ``list`` (the runs of a keyword list, below).
A word of Latin letters and digits only (casino, pk10) counts only as a whole Latin word: bet
is no word of between or alphabet. The finding spans the evidence, from its first word to its
last, with a sum of money right after it (注册送38元); a brand code beside it is part of it,
but not in an English chain (Best Online Casino | Sports Betting Odds), whose every word is
such a token.

Keyword lists are also written with a comma (同城约会,成人视频在线观看,免费看片网站), which in
prose ends a clause. A chain reaches over a separator of the rule's ``lists`` only to a run that
holds a trigger word itself, run after run, and a chain so joined is judged only by the entries
that require ``list`` (the number of runs): clauses of a sentence rarely each hold one, and never
count as joiners (有码可查，无码禁售 is a traceability rule, not two porn tags). A short run
(``_ITEM`` characters at most) holding a word of one of the rule's ``list_tags`` classes joins a
list too: a keywords line holds bare tags among the bait (桃花视频,夜色直播间,免费观看). A domain
right after the evidence (泰和娱乐城 taihe9988.vip) is part of it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import ahocorasick_rs
from pydantic import Field, field_validator, model_validator

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
    word_classes,
)

if TYPE_CHECKING:
    from ..compiler import Builder
    from ..lexicon.loader import LoadedRule

_FOUND = ("brand", "joiner", "segment", "named", "domain", "list", "repeat")
# the longest run a list_tags word lets join a keyword list (桃花视频), and the shortest
# trigger word an item of a name and that word counts as ``named`` (娱乐城, not 交友)
_ITEM = 6
_NAMED_WORD = 3
# the most runs of a keyword list one chain joins
_LIST_RUNS = 8
_TOKEN = re.compile(r"[a-z0-9]{2,16}")
_VETO_REACH = 12
# the length of a name that opens two items of a chain (``repeat``)
_REPEAT = 2
_SPACES = " \u3000"
# the label of a metadata field after a space (　发布机构：, 　主题分类：; the wide space and the
# wide colon fold to the narrow ones)
_FIELD = re.compile(r"[ \u3000\t]+[\u4e00-\u9fff]{2,6}[:：]")
# a name left or right of the evidence up to the next joiner (开云, 九游, 欧洲杯) belongs to it
_NAME_REACH = 3
# a sum of money or a share right after the evidence is part of the bait (注册送38元, 返水1.5%)
_AMOUNT = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:元|%|倍)?")
# a domain's rest right after the evidence (taihe9988 → .vip): dots end a chain
_DOMAIN = re.compile(r"(?:\.[a-z0-9-]+)*\.[a-z]{2,6}(?![a-z0-9])")


class WordClass(Strict):
    words: list[str] = Field(min_length=1)
    trigger: bool = False
    """A word of this class starts a look at the chain around it."""


class EvidenceEntry(EntryBase):
    require: dict[str, int] = Field(min_length=1)
    """Class -> the least number of distinct words of it the chain must hold."""

    @field_validator("require")
    @classmethod
    def _positive(cls, value: dict[str, int]) -> dict[str, int]:
        if any(n < 1 for n in value.values()):
            raise ValueError("each required count must be at least 1")
        return value


class EvidenceRule(RuleBase):
    kind: Literal["evidence"]
    classes: dict[str, WordClass] = Field(min_length=1)
    veto: list[str] = Field(default_factory=list)
    """Words that clear a chain (reports on the fight against spam)."""
    news: list[str] = Field(default_factory=list)
    """Words of court and police news (被告人, 宣判) that clear evidence without a joiner in
    it anywhere in its sentence: such news tells of a case in prose."""
    not_brands: list[str] = Field(default_factory=list)
    """Latin and digit tokens that are no brand code (cctv, app, 5g)."""
    joiners: str = "_|·-/"
    lists: str = ""
    """Separators of keyword lists that also end clauses of prose (the comma): runs they join
    are judged only by entries that require ``list``."""
    reach: int = Field(default=24, ge=4, le=80)
    venues: list[str] = Field(default_factory=list)
    """Trigger words that also end real places' names (娱乐城: 时代娱乐城 | 万达广场): an item
    of a name and one of them is no ``named`` evidence."""
    list_tags: list[str] = Field(default_factory=list)
    plain_names: list[str] = Field(default_factory=list)
    """Openings of official and ordinary names (县, 中国, 体育): a name opening two items of a
    chain that starts with one is no ``repeat`` (县体育中心-县体育馆官网)."""
    """Classes whose words let a short run join a keyword list without a trigger word of its
    own (桃花视频 beside 夜色直播间,免费观看)."""
    entries: list[EvidenceEntry] = Field(min_length=1)

    @model_validator(mode="after")
    def _known_classes(self) -> EvidenceRule:
        known = set(self.classes) | set(_FOUND)
        for entry in self.entries:
            unknown = sorted(set(entry.require) - known)
            if unknown:
                raise ValueError(f"unknown class in require: {', '.join(unknown)}")
        if not any(c.trigger for c in self.classes.values()):
            raise ValueError("at least one class must be a trigger")
        unknown = sorted(set(self.list_tags) - set(self.classes))
        if unknown:
            raise ValueError(f"unknown class in list_tags: {', '.join(unknown)}")
        if not self.lists and any("list" in entry.require for entry in self.entries):
            raise ValueError("an entry requires list, but the rule names no lists separators")
        return self


_Check = tuple[int, tuple[tuple[str, int], ...]]  # entry, requirements


@dataclass(frozen=True)
class _Rule:
    words: tuple[str, ...]  # folded
    word_class: tuple[str, ...]  # class of each word
    triggers: frozenset[str]
    veto: tuple[str, ...]
    news: tuple[str, ...]
    not_brands: frozenset[str]
    joiners: str
    lists: str
    reach: int
    checks: tuple[_Check, ...]
    list_checks: tuple[_Check, ...]  # those requiring list
    latin: frozenset[str]  # classes of Latin words only, and the found classes but brand
    list_tags: frozenset[str] = frozenset()
    venues: frozenset[str] = frozenset()
    plain_names: tuple[str, ...] = ()


class Evidence(RuleKind):
    name = "evidence"
    rule_model = EvidenceRule
    doc = KindDoc(
        what="Injected spam from brands nobody listed: a chain of text holding enough distinct "
        "words of the required classes (a brand code, gambling words, advertising words, "
        "joiners: 开云kaiyun·体育(中国)官方网站, 九游娱乐·官方网站|九游体育app下载); with the "
        "rule's `lists`, a keyword list whose comma-joined runs each hold a trigger word, judged "
        "only by the entries that require `list` (同城约会,成人视频在线观看,免费看片网站); "
        "`segment` counts the items of a keyword chain that hold a trigger word "
        "(丝袜美腿_少妇诱惑), `named` an item that is a short name and such a word "
        "(恒达彩票计划; not the rule's `venues`: 时代娱乐城), `repeat` a name of two characters "
        "opening two items (鑫淼开奖直播-鑫淼手机版下载; not one of the rule's `plain_names`: "
        "县体育中心-县体育馆官网), `domain` a code of letters and "
        "digits with its domain (taihe9988.vip, taken into the finding); a short run with a "
        "word of the rule's `list_tags` joins a keyword list (桃花视频); the rule's `news` "
        "words (被告人, 宣判) clear evidence told in prose in their sentence; a word of "
        "Latin letters counts only as a whole word (Best Online Casino | Sports Betting "
        "Odds; bet is no word of between).",
        why="Spam brands change weekly, its make-up does not; counting evidence by class "
        "catches new brands while reports on the fight against gambling (a veto word) and "
        "ordinary mentions of sport or lotteries (too little evidence) stay clear.",
        example="- require: {brand: 1, gambling: 1, promo: 1}\n"
        "# → flags kaiyun开云体育官网 in a page title",
    )

    def compile(self, loaded: LoadedRule, builder: Builder) -> None:
        rule = loaded.rule
        assert isinstance(rule, EvidenceRule)
        rule_index = builder.add_rule(loaded)
        checks: list[_Check] = []
        list_checks: list[_Check] = []
        for _, entry, line in entries_of(loaded):
            assert isinstance(entry, EvidenceEntry)
            index = builder.add_entry(rule_index, entry, line)
            needs = (index, tuple(sorted(entry.require.items())))
            (list_checks if "list" in entry.require else checks).append(needs)
        fold = builder.normalizer.fold
        owner = word_classes(rule.classes, fold)
        triggers = frozenset(n for n, c in rule.classes.items() if c.trigger)
        data = _Rule(
            tuple(owner),
            tuple(owner.values()),
            triggers,
            tuple(fold(w) for w in rule.veto),
            tuple(fold(w) for w in rule.news),
            frozenset(fold(w) for w in rule.not_brands),
            rule.joiners,
            rule.lists,
            rule.reach,
            tuple(checks),
            tuple(list_checks),
            frozenset(
                [n for n, c in rule.classes.items() if all(w.isascii() for w in c.words)]
                + [n for n in _FOUND if n != "brand"]
            ),
            frozenset(rule.list_tags),
            frozenset(fold(w) for w in rule.venues),
            tuple(fold(w) for w in rule.plain_names),
        )
        builder.kind_data.setdefault(self.name, []).append(data)

    def finder(self, data: Any, env: ScanEnv) -> EvidenceFinder | None:
        return EvidenceFinder(data) if data else None


class EvidenceFinder:
    def __init__(self, rules: list[_Rule]) -> None:
        self._rules = []
        for rule in rules:
            words = ahocorasick_rs.AhoCorasick(
                list(rule.words), matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
            )
            trigger_ids = [i for i, c in enumerate(rule.word_class) if c in rule.triggers]
            triggers = AnchorSearch([rule.words[i] for i in trigger_ids], longest=True, folded=True)
            joiners = re.escape(rule.joiners)
            # (a space links too: injected keyword lists are often spaced, 满堂彩票官网 极速快三)
            link = re.compile(rf"[\u4e00-\u9fffa-z0-9{joiners}()（） \u3000]")
            self._rules.append((rule, words, triggers, link))
        self.anchors = tuple(w for _, _, triggers, _ in self._rules for w in triggers.anchors)

    def find(self, scan: ScanInput) -> Iterator[Candidate]:
        folded = scan.folded
        for rule, words, triggers, link in self._rules:
            lists = frozenset(rule.lists)
            done = 0  # chains do not overlap: each starts after the last one judged
            for _, start, end in triggers.find(scan):
                if start < done:
                    continue
                lo, hi = _chain(folded, start, end, rule.reach, link)
                done = hi
                hit = _judge(rule, rule.checks, words, folded, lo, hi)
                if (
                    hit is None
                    and rule.list_checks
                    and (folded[hi : hi + 1] in lists or folded[lo - 1 : lo] in lists)
                ):
                    first, last, runs = _list(rule, words, folded, lo, hi, link)
                    if runs > 1:
                        hit = _judge(rule, rule.list_checks, words, folded, first, last, runs)
                        if hit is not None:
                            lo, hi = first, last
                            done = max(done, hi)
                if (
                    hit is not None
                    and not _quoted_in_warning(rule, folded, lo, hi)
                    and not _in_news(rule, folded, hit.start, hit.end)
                ):
                    yield hit


def _chain(text: str, start: int, end: int, reach: int, link: re.Pattern[str]) -> tuple[int, int]:
    lo = start
    while lo > 0 and start - lo < reach and link.match(text, lo - 1):
        lo -= 1
    hi = end
    while hi < len(text) and hi - end < reach and link.match(text, hi):
        hi += 1
    return lo, hi


def _list(
    rule: _Rule,
    words: ahocorasick_rs.AhoCorasick,
    text: str,
    lo: int,
    hi: int,
    link: re.Pattern[str],
) -> tuple[int, int, int]:
    """The keyword list around the chain ``lo:hi``: the neighbouring runs, each across one
    separator of ``rule.lists``, that hold a trigger word themselves; its bounds and runs."""

    def run_holds_trigger(s: int, e: int) -> bool:
        run = text[s:e]
        found = words.find_matches_as_indexes(run)
        # (a bare tag: a short run holding a word of the list_tags classes)
        short = len(run.strip(_SPACES)) <= _ITEM
        return any(
            (
                rule.word_class[index] in rule.triggers
                or (short and rule.word_class[index] in rule.list_tags)
            )
            and not _latin_cut(run, rule.words[index], a, b)
            for index, a, b in found
        )

    runs = 1
    while runs < _LIST_RUNS and hi < len(text) and text[hi] in rule.lists:
        end = hi + 1
        while end < len(text) and end - hi <= rule.reach and link.match(text, end):
            end += 1
        if not run_holds_trigger(hi + 1, end):
            break
        hi, runs = end, runs + 1
    while runs < _LIST_RUNS and lo > 0 and text[lo - 1] in rule.lists:
        start = lo - 1
        while start > 0 and lo - start <= rule.reach and link.match(text, start - 1):
            start -= 1
        if not run_holds_trigger(start, lo - 1):
            break
        lo, runs = start, runs + 1
    return lo, hi, runs


# opening quotes: a warning names the bait in quotes (“真人百家乐”“首充送彩金”等均为…诱饵)
_QUOTES = frozenset("“\"「『‘'")


def _quoted_in_warning(rule: _Rule, text: str, lo: int, hi: int) -> bool:
    """The chain stands in quotes in a sentence with a veto word: a warning or a report
    quoting spam, whose veto words stand outside the quotes (injected spam is not quoted)."""
    if text[lo - 1 : lo] not in _QUOTES:
        return False
    start, end = sentence_bounds(text, lo, hi)
    sentence = text[start:end]
    return any(v in sentence for v in rule.veto)


def _in_news(rule: _Rule, text: str, start: int, end: int) -> bool:
    """The evidence is prose (no joiner inside it) in a sentence of court or police news."""
    if not rule.news or any(j in text[start:end] for j in rule.joiners):
        return False
    lo, hi = sentence_bounds(text, start, end)
    # a field of a page's metadata line ends at the next field's label (索引号：…　主题分类：…
    # 　发布机构：××县公安局): the publisher named in another field tells no case
    for field in _FIELD.finditer(text, lo, hi):
        if field.end() <= start:
            lo = field.start()
        elif field.start() >= end:
            hi = field.start()
            break
    sentence = text[lo:hi]
    return any(w in sentence for w in rule.news)


def _judge(
    rule: _Rule,
    checks: tuple[_Check, ...],
    words: ahocorasick_rs.AhoCorasick,
    text: str,
    lo: int,
    hi: int,
    runs: int = 1,
) -> Candidate | None:
    chain = text[lo:hi]
    found: dict[str, set[str]] = {}
    spans: list[tuple[int, int]] = []
    # (a word of an English class is a brand token still: B-Sports, 88win)
    not_tokens: list[tuple[int, int]] = []
    # where the chain breaks into the items of a keyword chain (joiners and spaces)
    breaks = [i for i, ch in enumerate(chain) if ch in rule.joiners or ch in _SPACES]
    for index, s, e in words.find_matches_as_indexes(chain):
        if _latin_cut(chain, rule.words[index], s, e):
            continue
        word_class = rule.word_class[index]
        found.setdefault(word_class, set()).add(chain[s:e])
        spans.append((s, e))
        if word_class not in rule.latin:
            not_tokens.append((s, e))
        if word_class in rule.triggers:
            item = bisect_left(breaks, s)
            found.setdefault("segment", set()).add(str(item))
            # the item is a short name and the word (恒达彩票计划, 泰和娱乐城)
            begin = breaks[item - 1] + 1 if item else 0
            stop = breaks[item] if item < len(breaks) else len(chain)
            if (
                e == stop
                and e - s >= _NAMED_WORD
                and chain[s:e] not in rule.venues
                and 2 <= s - begin <= _NAME_REACH
                and all("\u4e00" <= ch <= "\u9fff" for ch in chain[begin:s])
            ):
                found.setdefault("named", set()).add(chain[begin:e])
    brands: list[tuple[int, int]] = []
    for match in _TOKEN.finditer(chain):
        token = match.group()
        if token.endswith("app") and token[:-3].isdigit():
            token = token[:-3]  # a service number's app (交管12123app下载) is no brand code
        if token in rule.not_brands or token.isdigit() or _inside(not_tokens, match.span()):
            continue
        found.setdefault("brand", set()).add(token)
        brands.append(match.span())
        # a code of letters and digits with its domain (taihe9988.vip): a dot ends the chain
        if (
            match.end() == len(chain)
            and not token.isalpha()
            and _DOMAIN.match(text, lo + match.end())
        ):
            found["domain"] = {token}
    joined = [i for i in breaks if chain[i] in rule.joiners and 0 < i < len(chain) - 1]
    if joined:
        found["joiner"] = {str(i) for i in joined}
    if runs > 1:
        found["list"] = {str(i) for i in range(runs)}
        # the runs of a keyword list are items too (银河开奖直播,银河手机版下载)
        breaks = sorted([*breaks, *(i for i, ch in enumerate(chain) if ch in rule.lists)])
    if breaks:
        repeated = _repeated_names(chain, breaks, rule.plain_names)
        if repeated:
            found["repeat"] = repeated
    counts = {name: len(words) for name, words in found.items()}
    for entry, needs in checks:
        # (a plain loop: this runs for every chain around a trigger word)
        for name, n in needs:
            if counts.get(name, 0) < n:
                break
        else:
            # a brand code beside the evidence is part of it, but not in an English chain,
            # whose every word is such a token
            english = all(name in rule.latin for name, _ in needs)
            found_spans = spans if english else spans + brands
            first = min(s for s, _ in found_spans)
            last = max(e for _, e in found_spans)
            # a veto word among the evidence or near it: a report on spam, not spam
            near = chain[max(0, first - _VETO_REACH) : last + _VETO_REACH]
            if any(v in near for v in rule.veto):
                return None
            # (a space parts items too: 通知公告 樱桃直播_夜间福利直播; so does a bracket:
            # 决算表（金沙国际棋牌官方版）.xls)
            first, last = _with_names(chain, first, last, rule.joiners + _SPACES + "()（）")
            amount = _AMOUNT.match(chain, last)
            if amount is not None:
                last = amount.end()
            while chain[first] in _SPACES:  # (a name reached over a space keeps none)
                first += 1
            while chain[last - 1] in _SPACES:
                last -= 1
            if lo + last == hi and _is_latin(chain[last - 1 : last]):
                domain = _DOMAIN.match(text, hi)
                if domain is not None:
                    last += domain.end() - hi
            # a generalisation: a listed brand or template over the same text says more
            return Candidate(lo + first, lo + last, entry, tentative=True)
    return None


def _repeated_names(chain: str, breaks: list[int], plain: tuple[str, ...]) -> set[str]:
    """The names of ``_REPEAT`` characters, all Han or all Latin letters and digits, that
    open two or more items of the chain (the items run between ``breaks``) and do not start
    with one of ``plain``."""
    seen: set[str] = set()
    repeated: set[str] = set()
    begin = 0
    for stop in [*breaks, len(chain)]:
        name = chain[begin : begin + _REPEAT]
        if (
            stop - begin > _REPEAT
            and (
                all("\u4e00" <= ch <= "\u9fff" for ch in name)
                or (all(_is_latin(ch) for ch in name) and not name.isdigit())
            )
            and not name.startswith(plain)
        ):
            (repeated if name in seen else seen).add(name)
        begin = stop + 1
    return repeated


def _with_names(chain: str, first: int, last: int, joiners: str) -> tuple[int, int]:
    """The evidence span, widened over a short name before or after it up to a joiner, a
    space or the chain's end (开云 in 开云kaiyun·体育…)."""
    left = max((chain.rfind(j, 0, first) for j in joiners), default=-1) + 1
    if 0 < first - left <= _NAME_REACH:
        first = left
    cut = [i for i in (chain.find(j, last) for j in joiners) if i != -1]
    right = min(cut, default=len(chain))
    if 0 < right - last <= _NAME_REACH:
        last = right
    return first, last


def _latin_cut(text: str, word: str, start: int, end: int) -> bool:
    """A word of Latin letters and digits found inside a longer Latin word (bet in between)."""
    if not word.isascii():
        return False
    return _is_latin(text[start - 1 : start]) or _is_latin(text[end : end + 1])


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _inside(spans: list[tuple[int, int]], span: tuple[int, int]) -> bool:
    """The token is part of a listed word (app in app下载)."""
    return any(s <= span[0] and span[1] <= e for s, e in spans)


KIND = Evidence()
