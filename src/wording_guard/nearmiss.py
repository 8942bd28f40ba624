"""Near-miss variants of protected terms (leaders, meetings, formulations, names).

A protected term written with one character replaced by a homophone or a similar-shaped
character, two adjacent characters swapped, or -- for terms of 6+ characters -- one character
dropped or added, is reported with the correct form as suggestion. The compiler turns every
variant into an extra pattern of the term's entry; nothing is listed by hand:

* the confusion tables in ``lexicons/_data`` (``homophones.tsv``, ``similar_shape.tsv``) are
  generated from pypinyin readings and character shape data by
  ``scripts/build_confusion_tables.py`` and say which characters a writer mixes up;
* :func:`real_words` removes every variant that is real text, so that precision stays high:
  a word of jieba's dictionary or a string inside one, a string that a unigram model of the
  dictionary expects at word junctions (应|国 in 响应国家), a word of the term followed by
  ordinary words (西班牙|国王 for 西班牙王国), or a phrase of the real government corpus.

Which edits are generated, and why (``variants``):

* substitutions: terms of up to :data:`SHORT_TERM` characters (leader and country names such
  as 李强, 法国) only take the tight sets -- same pinyin *and* tone, or a shape that differs
  by a stroke or two. Most characters have several such neighbours, and a two-character
  variant collides with real text far more easily than a six-character one. Longer terms
  also take other-tone homophones among a syllable's most frequent characters (what an IME
  offers on its first page) and looser shape neighbours (除/险 in 扫黑险恶);
* adjacent swaps anywhere in the term, and in long formulations adjacent words swapped and
  a word replaced by a near-synonym that editors write in its place
  (``_data/formulation_synonyms.tsv``: 整体国家安全观, 人类命运联合体);
* drops and additions only for terms of :data:`MIN_LENGTH_FOR_INDEL`+ characters, never of a
  conjunction (人力资源社会保障局 is the short form of 人力资源和社会保障局), and only
  *inside* the term: without its first or last character a term is a substring of itself,
  so the variant also matches text where the term merely follows or precedes a word;
* an added character cannot be enumerated (any of thousands), so the generated addition is
  the one that is both frequent and unambiguous: a doubled inner character (全面从从严治党),
  from a repeated keystroke or a pasted fragment. Doubling the first or last character is
  left out for the reason above (学习|习近平). Inserted filler characters (的, 之) are not
  generated: 中华民族的伟大复兴 is correct usage, and such a pattern would flag it;
* in a counted formulation the measure word after the number may be replaced by another
  (四种意识, 四个基本原则) and 两 before it written 二 (二个确立): the count stays;
* numerals are otherwise never edited or produced: a changed number (二中全会, 十三五, 党的十二大)
  names another real meeting or plan, not a typo.
"""

from __future__ import annotations

import collections
import hashlib
import itertools
import json
import operator
import re
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, KeysView, Mapping, Set
from dataclasses import dataclass, field
from itertools import accumulate, compress, filterfalse, islice, repeat
from operator import add, eq, ne, sub, truediv
from pathlib import Path
from typing import Any, Protocol

MIN_LENGTH_FOR_INDEL = 6
# Formulations this long get whole words swapped too.
MIN_LENGTH_FOR_BLOCK_SWAP = 5
# Formulations this long get a word replaced by a near-synonym (word_substitutions): four
# characters is two words, and a four-character slogan with one of them replaced (精细扶贫,
# 铭记使命, 农村振兴) is as wrong as a longer formulation.
MIN_LENGTH_FOR_SYNONYM = 4
# Formulations this long get the two sides of a connector swapped (side_swaps).
MIN_LENGTH_FOR_SIDE_SWAP = 8
# Only connectors with a direction: swapped sides of 和/与 read on as ordinary text
# (有为政府和有效市场), of 引领 they reverse what leads what.
SWAP_CONNECTORS = frozenset(["引领", "带动", "促进", "推动", "驱动", "保障", "支撑"])
SHORT_TERM = 3

HOMOPHONES_FILE = "homophones.tsv"
SHAPES_FILE = "similar_shape.tsv"
SYNONYMS_FILE = "formulation_synonyms.tsv"
# Real words or phrases that a variant must not equal, one per line; the shipped list is
# built from the corpus, and a user lexicon directory may add its own ``_data/nearmiss_*.txt``.
WORD_LIST_GLOB = "nearmiss_*.txt"

# Numerals (see the module docstring): never substituted, dropped, doubled or swapped with
# each other, and never produced by a substitution.
NUMERALS = frozenset("〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟廿卅")
# Never dropped: a name without its conjunction is the standard short form (人力资源社会保障局
# for 人力资源和社会保障局, as 人力资源社会保障部 in State Council documents), not a slip.
CONJUNCTIONS = frozenset("和与及")
# Counted formulations (四个意识, 四项基本原则): the measure words after a numeral that
# ``_counted`` replaces, and those it puts in their place. 大 is only put in (四大意识): as
# the one replaced it is mostly a congress's number (二十大), not a measure word.
COUNTED_MEASURES = frozenset("个项条种点")
MEASURE_SLIPS = "个项条种点大"

# Dictionary evidence (see ``DictionaryStats.rate``). A variant is real text when the
# expected number of its occurrences per token of ordinary text, estimated from jieba's word
# frequencies, reaches this rate: one in a billion tokens. The estimate treats words as
# independent; the seam rule below covers the phrases it underrates most (西班牙|国王 for
# 西班牙王国: 2.6e-9 only).
JUNCTION_RATE = 1e-9
# Readings are built from pieces of up to this many characters. A longer piece is rarely
# the end or start of a dictionary word, and leaving it out keeps the pass cheap.
MAX_PART = 4
# Seam rule (see ``_seam_reads_as_text``): an edit next to a part of the term that is a
# word on its own (西班牙, 伊拉克, 生态环境) leaves that word and a few characters.
# When those few characters, read on their own, are at least this likely per token (国王
# after 西班牙, 和|国… after 伊拉克, 补|偿 after 生态环境), the variant is an ordinary
# phrase: the unigram estimate above multiplies the parts of a set phrase (生态|环境) and
# underrates it, so the term's part is taken as given here.
SEAM_RATE = 1e-5
# Recorded slips (see ``DictionaryStats.recorded_slips``): jieba's dictionary, counted from
# real text, holds some names misspelt (阿赛拜疆 3, for 阿塞拜疆 148; 马来稀亚 3, for 马来西亚
# 820). A variant one character from its term, of three characters or more, counted at most
# this often while the term is counted this many times as often, is such a record, not a
# word of its own (黑德兰, a swap of 德黑兰, and two-character words such as 江洋 stay words).
RECORDED_SLIP_MAX_COUNT = 3
RECORDED_SLIP_RATIO = 30
RECORDED_SLIP_MIN_LENGTH = 3


class _Normalizer(Protocol):
    def fold(self, text: str) -> str: ...

    def term(self, term: str) -> str: ...


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _editable(ch: str) -> bool:
    return _is_han(ch) and ch not in NUMERALS


# -- confusion tables ---------------------------------------------------------------------


@dataclass(frozen=True)
class Tables:
    """Confusable characters: ``tight`` (same pinyin and tone; shape differing by a stroke
    or two) and ``loose`` (other tone among frequent characters; similar shape)."""

    tight: Mapping[str, str]
    loose: Mapping[str, str]
    # a word of a formulation -> the near-synonyms written in its place (word_substitutions)
    synonyms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def load(cls, data_dir: Path) -> Tables:
        tight: dict[str, str] = {}
        loose: dict[str, str] = {}
        synonyms: dict[str, tuple[str, ...]] = {}
        for name in (HOMOPHONES_FILE, SHAPES_FILE):
            path = data_dir / name
            if not path.is_file():
                continue
            for line in path.read_text(encoding="utf-8").splitlines():
                if not line or line.startswith("#"):
                    continue
                ch, _, rest = line.partition("\t")
                first, _, second = rest.partition("\t")
                tight[ch] = tight.get(ch, "") + first
                loose[ch] = loose.get(ch, "") + second
        path = data_dir / SYNONYMS_FILE
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line and not line.startswith("#"):
                    word, others, *_ = line.split("\t")
                    synonyms[word] = synonyms.get(word, ()) + tuple(others.split(","))
        return cls(tight, loose, synonyms)

    @classmethod
    def load_all(cls, dirs: Iterable[Path]) -> Tables:
        """The tables of every directory's ``_data`` folder, later ones adding to earlier."""
        tight: dict[str, str] = {}
        loose: dict[str, str] = {}
        synonyms: dict[str, tuple[str, ...]] = {}
        for directory in dirs:
            one = cls.load(Path(directory) / "_data")
            for ch, more in one.tight.items():
                tight[ch] = tight.get(ch, "") + more
            for ch, more in one.loose.items():
                loose[ch] = loose.get(ch, "") + more
            for word, others in one.synonyms.items():
                synonyms[word] = synonyms.get(word, ()) + others
        return cls(tight, loose, synonyms)

    def confusables(self, ch: str, *, tight_only: bool) -> str:
        found = self.tight.get(ch, "")
        return found if tight_only else found + self.loose.get(ch, "")


def shipped_tables() -> Tables:
    """The tables shipped in ``lexicons/_data``."""
    from .lexicon.paths import shipped_lexicon_dir

    return Tables.load(shipped_lexicon_dir() / "_data")


# -- variants -----------------------------------------------------------------------------


# Each generator yields (where the edit starts, variant): the real-word filter needs the
# edit's span (``_edit_span``), and the generator knows it without comparing strings.


def _swaps(term: str) -> Iterator[tuple[int, str]]:
    for i in range(len(term) - 1):
        a, b = term[i], term[i + 1]
        if a != b and _is_han(a) and _is_han(b) and not (a in NUMERALS and b in NUMERALS):
            yield i, term[:i] + b + a + term[i + 2 :]


def _drops(term: str) -> Iterator[tuple[int, str]]:
    if len(term) < MIN_LENGTH_FOR_INDEL:
        return
    for i in range(1, len(term) - 1):
        if _editable(term[i]) and term[i] not in CONJUNCTIONS:
            yield i, term[:i] + term[i + 1 :]


def _additions(term: str) -> Iterator[tuple[int, str]]:
    if len(term) < MIN_LENGTH_FOR_INDEL:
        return
    for i in range(1, len(term) - 1):
        if _editable(term[i]):
            yield i, term[: i + 1] + term[i] + term[i + 1 :]


def _substitutions(term: str, tables: Tables) -> Iterator[tuple[int, list[str]]]:
    """Per editable place, the variants with its character replaced."""
    tight_only = len(term) <= SHORT_TERM
    for i, ch in enumerate(term):
        if _editable(ch):
            head, tail = term[:i], term[i + 1 :]
            others = tables.confusables(ch, tight_only=tight_only)
            yield i, [head + o + tail for o in others if o != ch and o not in NUMERALS]


def _counted(term: str) -> Iterator[tuple[int, str]]:
    """A counted formulation (四个意识, 四项基本原则, 两个维护) with its measure word
    replaced by another (四种意识, 四个基本原则, 两大维护), or 两 before it written 二
    (二个确立). The count itself never changes (see ``NUMERALS``)."""
    for i in range(1, len(term) - 1):
        if term[i - 1] not in NUMERALS or not _is_han(term[i + 1]):
            continue
        measure = term[i]
        if measure in COUNTED_MEASURES:
            head, tail = term[:i], term[i + 1 :]
            for other in MEASURE_SLIPS:
                if other != measure:
                    yield i, head + other + tail
            if term[i - 1] == "两":
                yield i - 1, term[: i - 1] + "二" + term[i:]


def swaps(term: str) -> Iterator[str]:
    """Two adjacent, different characters swapped (not two numerals: 二十 -> 十二)."""
    return (variant for _, variant in _swaps(term))


def drops(term: str) -> Iterator[str]:
    """One inner character dropped (only for long terms, where the rest stays unambiguous)."""
    return (variant for _, variant in _drops(term))


def additions(term: str) -> Iterator[str]:
    """One inner character doubled (only for long terms; see the module docstring)."""
    return (variant for _, variant in _additions(term))


def substitutions(term: str, tables: Tables) -> Iterator[str]:
    """One character replaced by a homophone or a similar-shaped character."""
    return (variant for _, made in _substitutions(term, tables) for variant in made)


def block_swaps(term: str, cut: Callable[[str], list[str]]) -> Iterator[str]:
    """Two adjacent words of a long formulation swapped (新发展理念 -> 新理念发展): editors
    swap words, not only characters. Words are the dictionary cut of the term; both must be
    two characters or more, so a single character never wanders. Not generated: a swap of a
    two-word term as a whole (全面依法治国 -> 依法治国全面 reads on as 依法治国全面推进), and a
    swap whose two words form a word of their own (传统文化 -> 文化传统, an older wording)."""
    if len(term) < MIN_LENGTH_FOR_BLOCK_SWAP:
        return
    words = cut(term)
    if len(words) < 3:
        return
    for i in range(len(words) - 1):
        a, b = words[i], words[i + 1]
        if len(a) < 2 or len(b) < 2 or a == b or not all(map(_is_han, a + b)):
            continue
        if cut(b + a) == [b + a]:
            continue
        yield "".join([*words[:i], b, a, *words[i + 2 :]])


_ITEM_SEPARATORS = re.compile(r"([、,，])")
_MAX_PERMUTED = 4  # lists this short get every other order (全面、准确、完整); longer ones,
# two adjacent items swapped


def item_swaps(term: str) -> Iterator[str]:
    """The items of a list written out in the term in another order (科学立法、依法立法、
    民主立法 for 科学立法、民主立法、依法立法; 全面、准确、完整贯彻… for 完整、准确、全面…):
    a list keeps every item when they change places, so neither a character table nor a
    word swap (the separator is a word between them) finds it. Up to _MAX_PERMUTED items,
    every order; beyond, two adjacent items swapped. Only for frozen forms (the compiler
    asks): real text reorders many lists (官僚主义、形式主义 in older reports; 保护主义、
    单边主义). The items are two Han characters or more and all differ; where the middle
    ones are of one length, the first and the last piece are cut to it, so the words
    before the first item and after the last stay in place (依法治国、…、依法行政|共同推进)."""
    pieces = _ITEM_SEPARATORS.split(term)
    items = pieces[::2]
    if len(items) < 2:
        return
    head = tail = ""
    middle = {len(item) for item in items[1:-1]}
    if len(middle) == 1:
        (size,) = middle
        if len(items[0]) > size:
            head, items[0] = items[0][:-size], items[0][-size:]
        if len(items[-1]) > size:
            items[-1], tail = items[-1][:size], items[-1][size:]
    if len(set(items)) < len(items) or any(len(x) < 2 or not all(map(_is_han, x)) for x in items):
        return
    if len(items) <= _MAX_PERMUTED:
        orders: Iterable[tuple[str, ...]] = itertools.permutations(items)
    else:
        orders = (
            (*items[:i], items[i + 1], items[i], *items[i + 2 :]) for i in range(len(items) - 1)
        )
    seps = [*pieces[1::2], ""]
    for order in orders:
        if list(order) != items:
            yield head + "".join(x for pair in zip(order, seps, strict=True) for x in pair) + tail
    # the qualifiers of two items as long swapped, their subjects in place (谷物基本自给、
    # 口粮绝对安全 written 口粮基本自给、谷物绝对安全; 不忘初心、牢记使命 as 牢记初心、不忘使命)
    for i, j in itertools.combinations(range(len(items)), 2):
        a, b = items[i], items[j]
        if len(a) != len(b) or len(a) < 4 or a[:2] == b[:2] or a[2:] == b[2:]:
            continue
        for new_a, new_b in ((b[:2] + a[2:], a[:2] + b[2:]), (a[:2] + b[2:], b[:2] + a[2:])):
            swapped = list(items)
            swapped[i], swapped[j] = new_a, new_b
            yield head + "".join(x for pair in zip(swapped, seps, strict=True) for x in pair) + tail


def crossed_items(term: str) -> Iterator[str]:
    """Two neighbouring items of a list with their heads (or their tails) crossed, the rest
    in place (严格执法、公正司法 written 公正执法、严格司法; 遏制耕地“非农化”、防止“非粮化”
    with the quoted words exchanged; 财政政策要加力提效，货币政策要精准有力 with the
    predicates exchanged): every word of the formulation is still there, so neither a
    character table nor a word swap finds it. A head is an equal-length start of both items,
    a tail an equal-length end, each leaving at least one character of the item and
    differing from the other item's. Only the whole formulation so crossed is an error string:
    one crossed item alone is often a phrase of its own (公正执法)."""
    pieces = _ITEM_SEPARATORS.split(term)
    items = pieces[::2]
    if len(items) < 2:
        return
    seps = pieces[1::2]
    for i in range(len(items) - 1):
        a, b = items[i], items[i + 1]
        if a == b:
            continue
        shortest = min(len(a), len(b))
        crossed: set[tuple[str, str]] = set()
        for k in range(1, shortest):
            if a[:k] != b[:k] and a[k:] != b[k:] and _is_han(a[k - 1]) and _is_han(b[k - 1]):
                crossed.add((b[:k] + a[k:], a[:k] + b[k:]))
            ta, tb = a[len(a) - k :], b[len(b) - k :]
            if ta != tb and a[: len(a) - k] != b[: len(b) - k]:
                crossed.add((a[: len(a) - k] + tb, b[: len(b) - k] + ta))
        for new_a, new_b in crossed:
            out = [*items[:i], new_a, new_b, *items[i + 2 :]]
            yield out[0] + "".join(sep + item for sep, item in zip(seps, out[1:], strict=True))


_DROP_BEFORE = 6  # characters of the form before a dropped word, at least
_DROP_AFTER = 2  # … and after it


def word_drops(term: str, cut: Callable[[str], list[str]]) -> Iterator[str]:
    """A two-character word of a frozen formulation left out (党中央权威和集中领导 for
    党中央权威和集中统一领导, 中国先进文化的方向 for …的前进方向): the rest of the form reads
    on, so no one-character edit finds it. A four-character word of the cut counts as two
    words of two (集中|统一). Only with 6 or more characters of the form before the word and
    2 or more after it, the form's start the anchor, and never a whole list item (the
    compiler asks for frozen forms only: real text shortens many descriptive wordings)."""
    pos, bounds = 0, [0]
    for word in cut(term):
        if len(word) == 4:
            bounds.append(pos + 2)
        pos += len(word)
        bounds.append(pos)
    items = {m.span() for m in re.finditer(r"[^、,，；;]+", term)}
    for lo, hi in itertools.pairwise(bounds):
        if hi - lo != 2 or lo < _DROP_BEFORE or len(term) - hi < _DROP_AFTER:
            continue
        if not all(map(_is_han, term[lo:hi])) or (lo, hi) in items:
            continue
        yield term[:lo] + term[hi:]


# Formulations this long get one inner word left out (inner_word_drops).
MIN_LENGTH_FOR_WORD_DROP = 5
_ITEM_MARKS = re.compile(r"[、,，；;]")


def inner_word_drops(term: str, cut: Callable[[str], list[str]]) -> Iterator[str]:
    """An inner word of two or more characters of a frozen formulation left out (全过程民主
    for 全过程人民民主, 人口巨大的现代化 for 人口规模巨大的现代化): the rest reads on, so no
    one-character edit finds it. Only in a form with no list marks (a list's items are
    judged by ``item_swaps`` and the enumeration kind), only a word with a word of the cut
    on each side (without its first or last word a form is a substring of itself), of Han
    characters and no numeral, and only where four characters or more remain. The compiler
    asks for frozen forms only (real text shortens descriptive wordings) and drops a variant
    the real-text lists hold (``_data/nearmiss_real_phrases.txt``: 巩固脱贫攻坚成果, the
    wording before 拓展 was added)."""
    if len(term) < MIN_LENGTH_FOR_WORD_DROP or _ITEM_MARKS.search(term):
        return
    words = cut(term)
    pos = 0
    for i, word in enumerate(words):
        start, pos = pos, pos + len(word)
        if i == 0 or i == len(words) - 1 or len(word) < 2:
            continue
        if not all(map(_is_han, word)) or any(ch in NUMERALS for ch in word):
            continue
        if len(term) - len(word) >= 4:
            yield term[:start] + term[pos:]


def side_swaps(term: str, cut: Callable[[str], list[str]]) -> Iterator[str]:
    """The two sides of a connector word swapped (以党的自我革命引领社会革命 ->
    以社会革命引领党的自我革命): a formulation of the form *A 引领 B* keeps every word when
    written the wrong way round, so no character table finds it. The left side starts the
    term, or follows its first word when that is one character (以, 把); the right one ends
    it, or precedes its last word when that has three characters or more (相结合). Both
    sides are two characters or more and differ."""
    if len(term) < MIN_LENGTH_FOR_SIDE_SWAP:
        return
    words = cut(term)
    n = len(words)
    a = 1 if len(words[0]) == 1 else 0
    ends = (n, n - 1) if len(words[-1]) >= 3 else (n,)
    for i, connector in enumerate(words):
        if connector not in SWAP_CONNECTORS or i <= a:
            continue
        left = "".join(words[a:i])
        for b in ends:
            right = "".join(words[i + 1 : b])
            if min(len(left), len(right)) < 2 or left == right:
                continue
            if all(map(_is_han, left + right)):
                yield "".join([*words[:a], right, connector, left, *words[b:]])


# Predicates that join the two sides of a pair (A和B相协调, A与B和谐共生): the order of the
# pair is part of the formulation (物质文明和精神文明, 人与自然), though swapping it keeps every
# word (精神文明和物质文明相协调). Only before such a predicate, and only in a protected form
# of MIN_LENGTH_FOR_PAIR_SWAP+ characters: a bare A和B reads on as ordinary text.
PAIR_CONNECTORS = frozenset("和与同")
PAIR_PREDICATES = ("相协调", "和谐共生", "相结合", "相统一", "相适应", "相促进")
MIN_LENGTH_FOR_PAIR_SWAP = 7
_PAIR_LEADS = frozenset("把将使以")
_PAIR = re.compile(
    r"^(?P<a>[\u4e00-\u9fff]{1,12})(?P<c>[和与同])(?P<b>[\u4e00-\u9fff]{1,12}?)"
    "(?P<p>" + "|".join(PAIR_PREDICATES) + ")"
)


def pair_swaps(term: str) -> Iterator[str]:
    """The two sides of a pair swapped before a joining predicate (精神文明和物质文明相协调
    for 物质文明和精神文明相协调, 自然与人和谐共生 for 人与自然和谐共生): the pair's order is
    fixed in the formulation, and the swapped form keeps every character, so no one-character
    edit finds it. The pair starts the form; its sides differ and hold no conjunction."""
    if len(term) < MIN_LENGTH_FOR_PAIR_SWAP:
        return
    m = _PAIR.match(term)
    if m is None:
        return
    a, b = m["a"], m["b"]
    lead = a[0] if len(a) > 2 and a[0] in _PAIR_LEADS else ""  # 把A同B相结合
    a = a[len(lead) :]
    if a == b or any(ch in PAIR_CONNECTORS for ch in a + b):
        return
    yield lead + b + m["c"] + a + term[m.end("b") :]


def word_substitutions(
    term: str, tables: Tables, cut: Callable[[str], list[str]]
) -> Iterator[tuple[tuple[int, int] | None, str]]:
    """A word of a long formulation replaced by a near-synonym of the tables (整体国家安全观,
    人类命运联合体, 全流程人民民主): editors write a word that means the same, and the
    formulation is no longer the official one. The replaced word lies within one word of the
    dictionary cut of the term (过程 in 全过程) or is whole words of it (着力|点), never
    part of two. Each variant comes with its ``_edit_span``: the changed characters (the
    term's untouched right part starts at its end), for a shorter synonym where the dropped
    characters were (集中统一 → 统一), for a longer one (中国式 → 中国特色) none, as for
    an addition."""
    if len(term) < MIN_LENGTH_FOR_SYNONYM or not tables.synonyms:
        return
    inside: list[tuple[int, int]] = []  # the words of the term, as spans
    pos = 0
    for word in cut(term):
        inside.append((pos, pos + len(word)))
        pos += len(word)
    cuts = {a for a, _ in inside} | {pos}
    for word, others in tables.synonyms.items():
        at = term.find(word)
        while at >= 0:
            end = at + len(word)
            if (at in cuts and end in cuts) or any(a <= at and end <= b for a, b in inside):
                for other in others:
                    if other == word:
                        continue
                    variant = term[:at] + other + term[end:]
                    yield _edit_span(term, variant), variant
            at = term.find(word, at + 1)


def variants(term: str, tables: Tables, cut: Callable[[str], list[str]] | None = None) -> set[str]:
    """All generated variants of ``term`` (not yet filtered against real words). With
    ``cut`` (a word segmenter) long terms also get their words swapped."""
    return set(edits(term, tables, cut))


def edits(
    term: str, tables: Tables, cut: Callable[[str], list[str]] | None = None
) -> dict[str, tuple[int, int] | None]:
    """:func:`variants`, each with its ``_edit_span``, as the way it was made gives it. A
    string made twice gets the same span either way: two substitutions (one changed
    character), a swap (two) and a block swap (two or more) never make the same string
    but by being the same edit, nor do drops (shorter) and additions (longer) make
    anything else."""
    found: dict[str, tuple[int, int] | None] = {}
    for i, variant in _swaps(term):
        found[variant] = (i, i + 2)
    n = len(term)
    for i, variant in _drops(term):
        # a dropped character of a run (全面从从严): the first difference is the run's end
        while i < n - 1 and term[i] == term[i + 1]:
            i += 1
        found[variant] = (i, i)
    for _, variant in _additions(term):
        found[variant] = None
    for i, made in _substitutions(term, tables):
        found.update(dict.fromkeys(made, (i, i + 1)))
    for i, variant in _counted(term):
        found.setdefault(variant, (i, i + 1))
    if cut is not None:
        for variant in block_swaps(term, cut):
            found[variant] = _edit_span(term, variant)
        for span, variant in word_substitutions(term, tables, cut):
            found.setdefault(variant, span)
        for variant in side_swaps(term, cut):
            found.setdefault(variant, _edit_span(term, variant))
        for variant in pair_swaps(term):
            found.setdefault(variant, _edit_span(term, variant))
    found.pop(term, None)
    return found


# -- protected terms of lexicon directories -----------------------------------------------


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def protected_terms(normalizer: _Normalizer, dirs: Iterable[Path]) -> set[str]:
    """Normalized correct forms of ``protected`` entries with ``near_miss`` (as the compiler
    takes them). Files are read without validation: the compiler validates them anyway, and
    a file that cannot be read here simply contributes no terms."""
    from .lexicon.loader import read_rule_data, rule_files

    terms: set[str] = set()
    for directory in dirs:
        for path in rule_files(Path(directory)):
            try:
                data = read_rule_data(path)
            except Exception:  # the validating loader reports it with file and line
                continue
            terms |= protected_terms_of(normalizer, data)
    return terms


def protected_terms_of(normalizer: _Normalizer, data: Any) -> set[str]:
    """:func:`protected_terms` of one rule file as parsed (templates not expanded)."""
    terms: set[str] = set()
    if not isinstance(data, dict) or data.get("kind") != "protected":
        return terms
    for entry in data.get("entries") or []:
        if isinstance(entry, dict) and entry.get("near_miss", True) is not False:
            for term in _as_list(entry.get("correct")):
                norm = normalizer.term(term)
                if norm:
                    terms.add(norm)
    return terms


# -- real words ---------------------------------------------------------------------------


def jieba_dict_path() -> Path:
    """jieba's main dictionary (word, frequency, tag per line), without importing jieba."""
    import importlib.util

    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("jieba is required to compile near-miss variants")
    return Path(spec.origin).resolve().parent / "dict.txt"


def jieba_entries() -> Iterator[tuple[str, int, str]]:
    """(word, count, tag) of each line of jieba's main dictionary."""
    with jieba_dict_path().open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 3 and parts[1].isdigit():
                yield parts[0], int(parts[1]), parts[2]


def listed_words(normalizer: _Normalizer, dirs: Iterable[Path]) -> set[str]:
    """Words of the ``_data/nearmiss_*.txt`` lists of the lexicon directories."""
    words: set[str] = set()
    for directory in dirs:
        for path in sorted((Path(directory) / "_data").glob(WORD_LIST_GLOB)):
            for line in path.read_text(encoding="utf-8").splitlines():
                line = line.split("#", 1)[0].strip()  # a word may carry its source after #
                if line:
                    words.add(normalizer.term(line))
    return words


# One line of jieba's dictionary: the word (up to the first space), then its count (the next
# field). A line without a space holds no count.
_DICT_WORD = re.compile(r"^([^ \n]*) ", re.MULTILINE)
_DICT_COUNT = re.compile(r"^[^ \n]* ([^ \n]*)", re.MULTILINE)
_LAST_CHAR = chr(sys.maxunicode)
_BACKWARDS = operator.itemgetter(slice(None, None, -1))


class _Starts:
    """Words in order with running totals of their frequencies. The words that start with a
    string stand together, from the string itself up to the string followed by the last
    character (when no word holds that one): their total frequency is two binary searches.

    Batches of strings are searched by ``map`` over C functions, in order (a binary search
    after a near one finds its path in cache)."""

    def __init__(self, keys: list[str], counts: Iterable[int], any_last_char: bool) -> None:
        self.keys = keys  # in order
        self.sums = [0, *accumulate(counts)]
        self._after = [*self.keys, ""]  # keys[i] for every search result, "" past the last
        self.any_last_char = any_last_char
        self.memo: dict[str, int] = {}

    def masses(self, prefixes: list[str]) -> list[int]:
        """Per prefix, the total frequency of the words that start with it."""
        memo = self.memo
        missing = sorted(set(prefixes).difference(memo))
        if missing:
            keys, sums = self.keys, self.sums
            memo.update(dict.fromkeys(missing, 0))
            lo = list(map(bisect_left, repeat(keys), missing))
            # most strings start no word at all, as the first word from there tells: only
            # the others need the second search, for the end of their run
            starting = list(map(str.startswith, map(self._after.__getitem__, lo), missing))
            found = list(compress(missing, starting))
            lo = list(compress(lo, starting))
            if self.any_last_char:  # the end of the run is past the prefix's last non-last char
                hi = []
                for prefix, start in zip(found, lo, strict=True):
                    stem = prefix.rstrip(_LAST_CHAR)
                    end = stem[:-1] + chr(ord(stem[-1]) + 1) if stem else None
                    hi.append(len(keys) if end is None else bisect_left(keys, end, start))
            else:
                ends = map(add, found, repeat(_LAST_CHAR))
                hi = list(map(bisect_left, repeat(keys), ends, lo))
            memo.update(
                zip(
                    found,
                    map(sub, map(sums.__getitem__, hi), map(sums.__getitem__, lo)),
                    strict=True,
                )
            )
        return list(map(memo.__getitem__, prefixes))


class DictionaryStats:
    """What jieba's dictionary says about a set of candidate strings: whether they are words,
    and how likely they are in ordinary text under a unigram model of the dictionary's
    frequencies (:meth:`rate`).

    The dictionary is read once into a frequency per word, and the words sorted forwards
    and backwards (:class:`_Starts`), which give the mass of any word start or word end:
    nothing has to be known about the candidates before the pass but the frequency of the
    longer words around them (:attr:`inside`). ``terms``: the protected terms the candidates
    come from (``_standalone`` asks whether their pieces are words).

    The work is done for many strings at once (:meth:`rates`, :meth:`tail_rates`,
    :meth:`head_rates`): one ``map`` over C functions per step instead of a Python loop per
    string, with the same arithmetic in the same order as one string at a time."""

    def __init__(
        self,
        normalizer: _Normalizer,
        candidates: Iterable[str],
        terms: Iterable[str] = (),
        path: Path | None = None,
    ) -> None:
        candidates = set(candidates)
        text = normalizer.fold((path or jieba_dict_path()).read_text(encoding="utf-8"))
        words = _DICT_WORD.findall(text)
        counts = _DICT_COUNT.findall(text)
        if not all(map(str.isdigit, counts)):  # not jieba's own file: skip what is no count
            rows = [
                (w, c.rstrip()) for w, c in zip(words, counts, strict=True) if c.rstrip().isdigit()
            ]
            words, counts = [w for w, _ in rows], [c for _, c in rows]
        numbers = list(map(int, counts))
        self.total = sum(numbers)
        # the words in order, with their counts: the words that start with a string, and
        # (read backwards) those that end with one, stand together
        order = sorted(range(len(words)), key=words.__getitem__)  # nearly sorted already
        words = list(map(words.__getitem__, order))
        numbers = list(map(numbers.__getitem__, order))
        backwards = list(map(_BACKWARDS, words))
        order = sorted(range(len(words)), key=backwards.__getitem__)
        any_last_char = _LAST_CHAR in text
        self._starts = _Starts(words, numbers, any_last_char)
        self._ends = _Starts(
            list(map(backwards.__getitem__, order)),
            map(numbers.__getitem__, order),
            any_last_char,
        )
        freq = dict(zip(words, numbers, strict=True))  # word -> frequency (the last count)
        # folding made a few words twice, side by side now: add the counts before the last
        for i in compress(range(1, len(words)), map(eq, islice(words, 1, None), words)):
            freq[words[i]] += numbers[i - 1]
        self._freq = freq
        # the candidates that are words (of two characters or more)
        self.words = {c for c in candidates.intersection(freq) if len(c) >= 2}
        # the pieces of the terms (two characters or more) that are words
        longest = max(map(len, freq), default=0)
        spans = {
            t[i:j]
            for t in terms
            for i in range(len(t))
            for j in range(i + 2, min(len(t), i + longest) + 1)
        }
        self.known = {s: freq[s] for s in spans.intersection(freq)}
        self.standalone: dict[tuple[str, str], bool] = {}  # memo of ``_standalone``
        self._reach_memo = {"": 0.0}  # ``_reach`` without ``first``
        self.inside = self._inside(candidates)

    def _inside(self, candidates: set[str]) -> dict[str, int]:
        """Per candidate, the frequency of the longer words it lies inside (他国家 in
        其他国家), once per place it takes in each. The pieces of one length at one place of
        all words of one length are cut at once and intersected with the candidates in C;
        only the rare pieces found are added up in Python. Candidates of up to three
        characters lie inside most of the dictionary's words, so their places at a word's
        start or end are counted from the masses of word starts and ends instead (all
        words that start with the candidate but the candidate itself)."""
        freq = self._freq
        lengths = sorted(set(map(len, candidates)) - {0, 1})
        inside: dict[str, int] = collections.defaultdict(int)
        by_mass = [size for size in lengths if size <= 3]
        short = [c for c in candidates if 2 <= len(c) <= 3]
        itself = list(map(freq.get, short, repeat(0)))
        for masses in (self._starts.masses(short), self.end_masses(short)):
            for cand, mass, own in zip(short, masses, itself, strict=True):
                if mass > own:
                    inside[cand] += mass - own
        # a place between the ends of a word needs four characters or more
        longer = compress(freq, map(operator.ge, map(len, freq), repeat(4)))
        for n, group in itertools.groupby(sorted(longer, key=len), len):
            words = list(group)
            counts: list[int] | None = None
            for size in lengths:
                if size >= n:
                    break
                ends = size in by_mass  # places 0 and n - size counted above
                for i in range(1 if ends else 0, n - size if ends else n - size + 1):
                    pieces = list(map(operator.itemgetter(slice(i, i + size)), words))
                    found = candidates.intersection(pieces)
                    if found:
                        counts = counts or list(map(freq.__getitem__, words))
                        for piece, count in zip(pieces, counts, strict=True):
                            if piece in found:
                                inside[piece] += count
        return dict(inside)

    def end_masses(self, texts: list[str]) -> list[int]:
        """Per text, the total frequency of the words that end with it."""
        return self._ends.masses(list(map(_BACKWARDS, texts)))

    def start_masses(self, texts: list[str]) -> list[int]:
        """Per text, the total frequency of the words that start with it."""
        return self._starts.masses(texts)

    def is_word(self, text: str) -> bool:
        """A dictionary word of two characters or more."""
        return len(text) > 1 and text in self._freq

    def rate(self, cand: str) -> float:
        """How often ``cand`` is expected in ordinary text, per token (``inf`` for a word).

        The sum, under a unigram model of the dictionary's frequencies, of

        * the frequency of longer words that contain it (他国 inside 其他国家), and
        * every way to read it across word boundaries -- the end of one word, zero or more
          whole words, the start of another word (pieces at most :data:`MAX_PART` long):
          the product of those pieces' frequency masses. 应国 (a homophone variant of 英国)
          is the end of 响应/相应/适应 followed by the start of 国家/国际: frequent;
          工信不 (for 工信部) is 员工 + 信 + 不…, rarer; 习进平 has no reading at all.

        Candidates longer than ``2 * MAX_PART`` only get the first two checks: a long
        near-miss does not arise by chance at a word junction.
        """
        return self.rates([cand])[cand]

    def recorded_slips(self, term: str, variants: Iterable[str]) -> set[str]:
        """The ``variants`` of ``term`` that the dictionary holds only as records of the
        term misspelt: one character replaced, rare, and the term far more frequent (see
        ``RECORDED_SLIP_MAX_COUNT``)."""
        freq = self._freq
        own = freq.get(term, 0)
        if len(term) < RECORDED_SLIP_MIN_LENGTH or own <= RECORDED_SLIP_RATIO:
            return set()
        return {
            v
            for v in variants
            if len(v) == len(term)
            and 0 < freq.get(v, 0) <= RECORDED_SLIP_MAX_COUNT
            and own >= RECORDED_SLIP_RATIO * freq[v]
            and sum(map(ne, v, term)) == 1
        }

    def rates(self, candidates: Iterable[str]) -> dict[str, float]:
        """:meth:`rate` of many candidates."""
        total = self.total
        candidates = set(candidates)
        out = dict.fromkeys(self.words & candidates, float("inf"))
        rest = candidates - self.words
        if not total:
            out.update(dict.fromkeys(rest, 0.0))
            return out
        inside = self.inside.get
        rest_list = list(rest)
        is_long = list(map(operator.gt, map(len, rest_list), repeat(2 * MAX_PART)))
        long = list(compress(rest_list, is_long))
        out.update(
            zip(long, map(truediv, map(inside, long, repeat(0)), repeat(total)), strict=True)
        )
        short = list(compress(rest_list, map(operator.not_, is_long)))
        reach = self._reach(short, None, whole=False)
        for n, group in itertools.groupby(sorted(short, key=len), len):
            cands = list(group)
            rate = list(map(truediv, map(inside, cands, repeat(0)), repeat(total)))
            for q in range(max(1, n - MAX_PART), n):
                heads = map(reach.__getitem__, map(operator.itemgetter(slice(q)), cands))
                starts = self.start_masses(list(map(operator.itemgetter(slice(q, None)), cands)))
                rate = _plus(rate, heads, starts, total)
            out.update(zip(cands, rate, strict=True))
        return out

    def tail_rate(self, text: str) -> float:
        """Probability per token that ``text`` is whole words then the start of a word."""
        return self.tail_rates([text])[text]

    def tail_rates(self, texts: Iterable[str]) -> dict[str, float]:
        """:meth:`tail_rate` of many texts."""
        out, short = self._short(texts)
        reach = self._reach(short, 1.0, whole=False)
        for n, group in itertools.groupby(sorted(short, key=len), len):
            same = list(group)
            rate: list[float] = [0] * len(same)  # an int 0, as sum() starts
            for q in range(max(0, n - MAX_PART), n):
                heads = map(reach.__getitem__, map(operator.itemgetter(slice(q)), same))
                starts = self.start_masses(list(map(operator.itemgetter(slice(q, None)), same)))
                rate = _plus(rate, heads, starts, self.total)
            out.update(zip(same, rate, strict=True))
        return out

    def head_rate(self, text: str) -> float:
        """Probability per token that ``text`` is the end of a word then whole words."""
        return self.head_rates([text])[text]

    def head_rates(self, texts: Iterable[str]) -> dict[str, float]:
        """:meth:`head_rate` of many texts."""
        out, short = self._short(texts)
        reach = self._reach(short, None, whole=True)
        out.update(zip(short, map(reach.__getitem__, short), strict=True))
        return out

    def _short(self, texts: Iterable[str]) -> tuple[dict[str, float], list[str]]:
        """Rates of 0 for the texts too long to read as text (or all without a dictionary),
        and the others."""
        out: dict[str, float] = {}
        short = []
        for text in set(texts):
            if not self.total or len(text) > 2 * MAX_PART:
                out[text] = 0.0
            else:
                short.append(text)
        return out, short

    def _reach(self, texts: list[str], first: float | None, whole: bool) -> dict[str, float]:
        """reach[prefix] for every prefix of the texts (but the texts themselves unless
        ``whole``): the probability that it is (the end of a word, or nothing when
        ``first`` is given) followed by whole words. Each depends on the prefix alone, so
        it is summed once per distinct prefix, for all of one length at once (a term's
        variants share most of theirs), and kept (those of the candidates serve
        ``head_rates`` of their seams)."""
        total = self.total
        reach = self._reach_memo if first is None else {"": first}
        texts = sorted(texts, key=len, reverse=True)
        lengths = [len(t) - (0 if whole else 1) for t in texts]
        for p in range(1, (lengths[0] if texts else 0) + 1):
            longer = texts[: bisect_right(lengths, -p, key=operator.neg)]  # p or more to go
            prefixes = dict.fromkeys(map(operator.itemgetter(slice(p)), longer))
            level = list(filterfalse(reach.__contains__, prefixes))
            if first is None and p <= MAX_PART:
                value = list(map(truediv, self.end_masses(level), repeat(total)))
            else:
                value = [0.0] * len(level)
            for q in range(max(0 if first else 1, p - MAX_PART), p):  # reach[""] 0: adds 0
                before = map(reach.__getitem__, map(operator.itemgetter(slice(q)), level))
                pieces = map(operator.itemgetter(slice(q, p)), level)
                value = _plus(value, before, map(self._freq.get, pieces, repeat(0)), total)
            reach.update(zip(level, value, strict=True))
        return reach


def _plus(
    values: list[float], reach: Iterable[float], masses: Iterable[int], total: int
) -> list[float]:
    """``value + reach * mass / total`` of each, in numpy: the same float operations in the
    same order as one at a time (the masses, counts far below 2**53, convert exactly). Where
    ``reach`` is 0 this adds 0.0, which leaves a (never negative) value as it is: the same as
    skipping it."""
    import numpy as np

    n = len(values)
    reached = np.fromiter(reach, np.float64, n)
    weights = np.fromiter(masses, np.float64, n)
    return (np.asarray(values, np.float64) + reached * weights / total).tolist()  # type: ignore[no-any-return]


def text_rates(
    normalizer: _Normalizer, candidates: set[str], path: Path | None = None
) -> dict[str, float]:
    """:meth:`DictionaryStats.rate` of every candidate."""
    return DictionaryStats(normalizer, candidates, path=path).rates(candidates)


def dictionary_evidence(
    normalizer: _Normalizer, candidates: set[str], path: Path | None = None
) -> set[str]:
    """The candidates that jieba's dictionary shows to be real text (rate over the bar)."""
    rates = text_rates(normalizer, candidates, path)
    return {cand for cand, rate in rates.items() if rate >= JUNCTION_RATE}


def _edit_span(term: str, variant: str) -> tuple[int, int] | None:
    """For a substitution, swap or drop: where the edit starts, and where the term's
    untouched right part starts in the variant; None for an addition."""
    n = len(term)
    if len(variant) > n:
        return None
    i = 0
    while i < len(variant) and term[i] == variant[i]:
        i += 1
    if len(variant) < n:
        return i, i  # term[i:i + k] dropped: variant[i:] == term[i + k:]
    if (
        i + 1 < n
        and variant[i] == term[i + 1]
        and variant[i + 1] == term[i]
        and variant[i + 2 :] == term[i + 2 :]
    ):
        return i, i + 2
    # a substitution: up to the last changed character (two or more for a synonym or words
    # swapped)
    j = n - 1
    while j > i and term[j] == variant[j]:
        j -= 1
    return i, j + 1


def _standalone(stem: str, term: str, stats: DictionaryStats) -> bool:
    """The term's side of an edit is a dictionary word (生态环境, 西班牙, 从严治党), more
    frequent than any word of the term that contains it: text has it without the rest of
    the term. A part of a name (国家卫生健康, 冈比亚共和, or 巴基斯 inside 巴基斯坦) occurs
    only inside the name."""
    freq = stats.known.get(stem, 0)
    if not freq:
        return False
    found = stats.standalone.get((stem, term))
    if found is None:
        n, k = len(term), len(stem)
        longer = (term[a:b] for a in range(n) for b in range(a + k + 1, n + 1))
        found = all(stats.known.get(piece, 0) <= freq for piece in longer if stem in piece)
        stats.standalone[(stem, term)] = found
    return found


def _numeral(text: str) -> bool:
    return NUMERALS.issuperset(text)


def _seam_reads_as_text(
    term: str, variant: str, span: tuple[int, int] | None, stats: DictionaryStats
) -> bool:
    """When the part of the term left of the edit stands on its own (``_standalone``), the
    variant is real text if the rest reads as words + the start of a word often enough
    (西班牙王国 -> 西班牙|国王, 伊拉克共和国 -> 伊拉克|和|国际, 生态环境部 -> 生态环境|补偿).
    Mirrored for the part right of the edit: the rest must then end a word often enough
    (全面从严治党 -> 全|从严治党, as in 健全从严治党).
    Numerals are followed by a measure word (十八届), not by a phrase: no seam there.
    ``span``: the edit's ``_edit_span``."""
    tail, head = _seam_readings(term, variant, span, stats)
    return (tail is not None and stats.tail_rate(tail) >= SEAM_RATE) or (
        head is not None and stats.head_rate(head) >= SEAM_RATE
    )


def _seam_readings(
    term: str, variant: str, span: tuple[int, int] | None, stats: DictionaryStats
) -> tuple[str | None, str | None]:
    """What decides ``_seam_reads_as_text``: the rest of the variant right of a left part
    that stands on its own (its ``tail_rate``) and the variant up to a right part that does
    (its ``head_rate``); None for a side that does not."""
    if span is None:
        return None, None
    start, resume = span
    # a side stands on its own only if it is a word, which most are not: asked first
    known = stats.known
    left, right = variant[:start], variant[resume:]
    tail = (
        variant[start:]
        if left in known and not _numeral(left) and _standalone(left, term, stats)
        else None
    )
    head = (
        variant[:resume]
        if right in known
        and not _numeral(right)
        and not _numeral(variant[:resume])
        and _standalone(right, term, stats)
        else None
    )
    return tail, head


class Variants:
    """:func:`edits` of terms, each term's made once: the real-word filter and the compiler
    ask for the same terms."""

    def __init__(self, tables: Tables, cut: Callable[[str], list[str]] | None = None) -> None:
        self.tables = tables
        self.cut = cut
        self._made: dict[str, dict[str, tuple[int, int] | None]] = {}

    def edits(self, term: str) -> dict[str, tuple[int, int] | None]:
        made = self._made.get(term)
        if made is None:
            made = self._made[term] = edits(term, self.tables, self.cut)
        return made

    def __call__(self, term: str) -> KeysView[str]:
        """The variants of ``term``."""
        return self.edits(term).keys()

    def short_synonyms(self, terms: Iterable[str]) -> set[str]:
        """The near-synonym variants (``word_substitutions``) of those ``terms`` shorter
        than :data:`MIN_LENGTH_FOR_BLOCK_SWAP`, which no other word edit reaches."""
        if self.cut is None:
            return set()
        return {
            variant
            for term in terms
            if len(term) < MIN_LENGTH_FOR_BLOCK_SWAP
            for _, variant in word_substitutions(term, self.tables, self.cut)
        }

    def swapped_words(self, term: str) -> set[str]:
        """The variants of ``term`` with two words swapped (``block_swaps``)."""
        return set(block_swaps(term, self.cut)) if self.cut is not None else set()


def _may_have_seams(
    term: str, made: Variants, known: Mapping[str, int]
) -> Iterator[tuple[str, tuple[int, int]]]:
    """The variants of ``term``, with their edits' spans, that have a word on a side of the
    edit (``_seam_readings``), and so may have a seam. Left of the edit a variant is the
    term, and so is it right of the edit -- but where words were swapped: those are all
    taken. One check serves each run of variants with the same span (most are the
    replacements of one character)."""
    n = len(term)
    lefts = {s for s in range(2, n) if term[:s] in known}  # the words start the term
    rights = {k for k in range(2, n) if term[n - k :] in known}  # the words end it
    swapped = made.swapped_words(term)
    for span, run in itertools.groupby(made.edits(term).items(), key=operator.itemgetter(1)):
        if span is None:
            continue
        members = [variant for variant, _ in run]
        start, resume = span
        if not (start in lefts or len(members[0]) - resume in rights):
            members = [variant for variant in members if variant in swapped]
        yield from zip(members, repeat(span))


def real_words(
    normalizer: _Normalizer,
    dirs: Iterable[Path],
    tables: Tables,
    cut: Callable[[str], list[str]] | None = None,
    *,
    terms: Iterable[str] | None = None,
    made: Variants | None = None,
    judged: Mapping[str, tuple[str, list[str]]] | None = None,
) -> set[str]:
    """Generated variants of the protected terms in ``dirs`` that are real words or real
    text; the compiler drops them. Evidence: the ``_data/nearmiss_*.txt`` lists of the
    directories (the shipped one: variants found in the real government corpus; all their
    strings are returned, for the runtime nets to skip too), and
    jieba's dictionary -- a variant that is a word, that :meth:`DictionaryStats.rate`
    expects in ordinary text, or whose seam reads as text (``_seam_reads_as_text``).

    Only variants are checked, never the whole dictionary: the result stays small and the
    dictionary is read once (only when the compiled cache is rebuilt), and only for the
    terms that the shipped judgements (:func:`shipped_judgements`) do not cover.
    ``terms``: :func:`protected_terms` of ``dirs`` when the caller has them already;
    ``made``: the variants made so far of ``tables`` and ``cut`` (shared with the compiler);
    ``judged``: judgements to use instead of the shipped ones (``{}``: none).
    """
    dirs = [Path(d) for d in dirs]
    made = made or Variants(tables, cut)
    terms = set(protected_terms(normalizer, dirs) if terms is None else terms)
    real = listed_words(normalizer, dirs)
    if judged is None:
        judged = shipped_judgements(normalizer)
    fresh = set()
    for term in terms:
        known = judged.get(term)
        if known is not None and known[0] == made_digest(term, made):
            real.update(known[1])
        else:
            fresh.add(term)
    listed = frozenset(real)
    for found in judge(normalizer, fresh, made, listed).values():
        real |= found
    return real


def judge(
    normalizer: _Normalizer, terms: Iterable[str], made: Variants, listed: Set[str] = frozenset()
) -> dict[str, set[str]]:
    """Per term, its variants (but those in ``listed``) that jieba's dictionary shows to be
    real text (see :func:`real_words`). A variant's judgement depends on the term, the
    variant, the dictionary and the fold table alone, never on the other terms judged with
    it: judgements made once hold for any set of terms."""
    terms = set(terms)
    rest = set().union(*map(made, terms)) - listed
    if not rest:
        return {}
    judged = {term for term in terms if not made(term) <= listed}  # with a variant to judge
    stats = DictionaryStats(normalizer, rest, judged)
    # a short formulation's near-synonym variants (农村振兴, 精细扶贫) are two ordinary words
    # side by side, which the junction rate always expects: they are real text only as a
    # word of the dictionary (or a listed phrase, already left out above)
    synonymous = made.short_synonyms(judged) & rest
    rates = stats.rates(rest - synonymous)
    by_rate = {variant for variant in rest - synonymous if rates[variant] >= JUNCTION_RATE}
    by_rate |= set(filter(stats.is_word, synonymous))
    found = {
        term: by_rate.intersection(made(term)) - stats.recorded_slips(term, made(term))
        for term in judged
    }
    # the seam rule for the others (``_seam_reads_as_text``), its readings rated together
    readings = [
        (term, variant, _seam_readings(term, variant, span, stats))
        for term in judged
        for variant, span in _may_have_seams(term, made, stats.known)
        if variant not in listed and variant not in by_rate and variant not in synonymous
    ]
    tails = stats.tail_rates(tail for _, _, (tail, _) in readings if tail is not None)
    heads = stats.head_rates(head for _, _, (_, head) in readings if head is not None)
    for term, variant, (tail, head) in readings:
        if (tail is not None and tails[tail] >= SEAM_RATE) or (
            head is not None and heads[head] >= SEAM_RATE
        ):
            found[term].add(variant)
    return found


# -- shipped judgements -------------------------------------------------------------------

# Judging the variants of the shipped terms reads jieba's whole dictionary: ~1.7 s of a
# first run. Their judgements are shipped (``scripts/build_nearmiss_judged.py`` writes them,
# tests/test_nearmiss_judged.py proves them current), each used only when the variants made
# now are those judged, and all of them only under the dictionary, fold table and code that
# made them; any other term (a user's lexicon) is judged as ever.
JUDGED_FILE = "nearmiss_judged.json"


def made_digest(term: str, made: Variants) -> str:
    """What a term's judgements depend on besides the dictionary: its variants, with the
    edit each was made by and whether it swaps words."""
    edits = made.edits(term)  # in the order they are made (a new order: judged anew)
    swapped = sorted(made.swapped_words(term))
    text = "\x00".join([*edits, repr(list(edits.values())), *swapped])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def judgement_key(normalizer: _Normalizer) -> str | None:
    """Under what judgements hold: this module, jieba's dictionary and the fold table (None
    without a fold table to hash)."""
    table = getattr(normalizer, "fold_table", None)
    if table is None:
        return None
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(jieba_dict_path().read_bytes())
    digest.update(repr(sorted(table.items())).encode("utf-8"))
    return digest.hexdigest()[:32]


def shipped_judgements(normalizer: _Normalizer) -> dict[str, tuple[str, list[str]]]:
    """The shipped judgements (term -> its :func:`made_digest` and the variants judged real
    text), or none when made under another key or unreadable."""
    from .lexicon.paths import shipped_lexicon_dir

    try:
        data = json.loads((shipped_lexicon_dir() / "_data" / JUDGED_FILE).read_text("utf-8"))
        if data["key"] != judgement_key(normalizer):
            return {}
        return {term: (digest, found) for term, (digest, found) in data["terms"].items()}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def write_judgements(path: Path, key: str, judgements: Mapping[str, tuple[str, list[str]]]) -> None:
    """The judgements as :func:`shipped_judgements` reads them, one term a line (sorted,
    so that a changed term changes its line only)."""
    lines = [
        json.dumps(term, ensure_ascii=False) + ": " + json.dumps(list(row), ensure_ascii=False)
        for term, row in sorted(judgements.items())
    ]
    body = ",\n".join(lines)
    path.write_text(f'{{"key": "{key}",\n"terms": {{\n{body}\n}}}}\n', encoding="utf-8")
