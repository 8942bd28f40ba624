"""Kind ``statistical``: typos nobody listed, found by a character language model.

A wrong character in official text usually leaves a pair of neighbouring characters that
clean official text never shows (接照, 发屐). At such a pair:

1. a pair where two words of the segmenter meet (增长率|市场) is a new combination of words,
   not a typo, and is skipped; so is a character inside a word with one odd neighbour. At
   such a seam a character is still judged when a confusable one is what official text writes
   on both sides of it and the original is never seen with its word's other neighbour
   (疫情防空|措施: 情防控 and 防控措 common, 情防空 unseen; ``SEAMS``);
2. the characters confused with the suspect one (same or near sound, similar shape, a shared
   part, and the rule's ``conversion_pairs``: 著 for 着, one traditional form standing for
   both) are tried in its place: a candidate must leave fewer unseen pairs, make pairs the
   model saw more than once, and form a dictionary word, or else three characters with its
   neighbours that the model saw often (凝心聚力, which no dictionary lists: ``TRIGRAM_WORD``);
3. the best candidate by the model's trigram estimate is scored: a logistic function of its
   features (``FEATURES``: the gain in log probability, how many fewer words the segmenter
   cuts the corrected text into, whether the original is rare, is a function word …), with
   weights fitted offline (benchmarks/typo_tuning.py);
4. each entry of the rule is a level with a threshold on that score: ``strict`` findings take
   the entry's severity (``improper``), a ``loose`` entry usually ``notice``. A correction
   below every level that turns a two-character string the model never saw, no dictionary
   word, into a pair it saw often is promoted to the strict level (``promote_floor``), from a
   lower score when the character is one of the same pinyin and tone (托欠 → 拖欠:
   ``promote_sound_floor``).

A character whose pairs with both neighbours the model saw only rarely (``weak_pairs``), as a
slip that makes no unseen pair does (访文期间, 攻艰克难), is judged word by word: never seen as
the three characters, inside no dictionary word nor parallel phrase (越滑越远), a confusable
one must make a dictionary word, three characters seen often, much commoner pairs and fewer
words; such judgements are reported at the lowest level only, past ``weak_threshold``.

Two neighbouring characters beside an unseen pair may be one slip, a word typed by its
sound, that no one-character correction mends (领导小组诚园名单 → 成员): where both are
common characters official text seldom writes together, and a dictionary word of the same
sound (the rule's ``same_sound``) is far commoner, fits both neighbours and cuts the text
into fewer words, it is proposed at the strict level (``_double_judgements``).

Names (one person's name turned into another's), idioms, strings the lexicons list and the
rule's ``skip`` characters (numerals, 某) are never corrected, nor is a character whose one
odd pair joins it to a string the lexicons list (that string's rules judge it: 上下要|卓厉奋发),
nor a chemical element's name cut as a word of its own in a substance's context
(``elements``: 汞蒸气中毒), nor a string the text uses again within ``REPEAT_REACH``
characters (a slip is seldom typed twice: 大庆式企业 twice is meant), the corrected word or
an unseen pair at the character (购彩者 … 理性购彩: a word of a field the model never read),
nor a stretch so dense in unseen pairs that it is not text the model knows (``DENSE_PAIRS``
in a ``BLOCK``), nor a sentence written in traditional characters (the model knows simplified
text: 隨後, 處於 are right there; the traditional kind checks those sentences).
Candidates are *tentative*: a listed error or a structural finding on the same text wins
over them.

Cost: the pair test runs for every character in C (a dictionary lookup and a substring test);
segmentation (one call for all the stretches around unseen pairs) and Python scoring run only
around unseen pairs, where a suspect's options are read off bit masks and the dictionary is
asked before the model weighs them; a seam's characters cost a trigram count and a few mask
tests each, and only those with a correction seen across the seam go on. Once numpy is
imported, the characters at unseen pairs none of whose confusables makes pairs seen more
than once with their neighbours (``_live``: rows of bits, all of a text at once) are dropped
before segmentation, and only the stretches holding the rest are cut; the first tests of
two-character slips run the same way (``_double_starts``), and once a finder has judged
``VECTOR_MIN`` characters their tests of the masks of characters of the same sound too, and
the seams' tests, for all the seams of a text at once (``_open_seams``: trigram counts
looked up in a sorted array of the model's trigram keys). The
findings are the same with or without numpy. The model loads on first use.
"""

from __future__ import annotations

import math
import operator
import re
import sys
import threading
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, partial
from itertools import accumulate, compress, repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from pydantic import Field, model_validator

from ..charmodel import BREAK, CharModel, Models, bit_rows, classes, code_units, is_han
from ..context import sentence_bounds
from ..errors import LexiconError
from ..lexicon.schema import EntryBase, RuleBase, Strict
from .base import (
    Candidate,
    KindDoc,
    RuleKind,
    ScanEnv,
    ScanInput,
    data_file,
    entries_of,
    logistic,
    read_pairs,
)
from .division import read_register

if TYPE_CHECKING:
    from ..compiler import Builder
    from ..lexicon.loader import LoadedRule
    from ..segment import Segmenter


FEATURES = (
    "gain",  # how much more probable the corrected text is (natural log, trigram model)
    "in_word",  # 1: the segmenter puts the original character inside a word of 2+ characters
    "both_unseen",  # 1: neither pair the character makes with its neighbours was ever seen
    "rare_char",  # 1: the original character is not in the model's vocabulary at all
    "char_freq",  # log10(1 + count) of the original character
    "suggestion_freq",  # log10(1 + count) of the suggested character
    "beside_word",  # 1: a one-character word whose unseen pair joins it to a longer word
    "word_length",  # length of the word the correction makes (2-4)
    "fix_unseen",  # pairs the correction leaves unseen (0 or 1; the original has more)
    "function_word",  # 1: the tagger reads the character as a one-character function word
    "proper_noun",  # 1: the tagger puts the character in a name (person, place, body, other)
    "pair_freq",  # log10(1 + count) of the commoner pair the original makes with a neighbour
    "fix_trigram",  # 1: the corrected character and its two neighbours were seen together
    "fewer_words",  # how many fewer words the nine characters around it are cut into, corrected
)
# the features only the tagger tells (the costliest step, run last)
_TAGGED = (FEATURES.index("function_word"), FEATURES.index("proper_noun"))
_FEWER = FEATURES.index("fewer_words")


class Weights(Strict):
    """A logistic score over the features of a proposed correction: the probability that it
    is a real typo is 1 / (1 + exp(-(bias + sum of weight * feature))). Fitted by
    benchmarks/typo_tuning.py on a tuning set, never on the benchmark."""

    bias: float
    gain: float
    in_word: float
    both_unseen: float
    rare_char: float
    char_freq: float
    suggestion_freq: float
    beside_word: float
    word_length: float
    fix_unseen: float
    function_word: float
    proper_noun: float
    pair_freq: float
    fix_trigram: float
    fewer_words: float

    def vector(self) -> tuple[float, ...]:
        return tuple(getattr(self, name) for name in FEATURES)


class StatisticalEntry(EntryBase):
    level: Literal["strict", "loose"]
    """``strict`` findings need the higher probability; ``loose`` ones the lower."""
    threshold: float = Field(gt=0, lt=1)
    """The score a proposed correction must pass (see ``weights``)."""


class StatisticalRule(RuleBase):
    kind: Literal["statistical"]
    model: str = Field(min_length=1)
    """The model file, relative to the rule file (built by scripts/build_typo_model.py)."""
    skip: str = ""
    """Characters never judged nor suggested, nor judged next to (numerals: 一二三 …)."""
    name_after: list[str] = Field(default_factory=list)
    """Endings of the words after which a word the tagger reads as a person's name is one
    (县长, 书记, 网格员: a post or role); such names are never corrected."""
    name_before: list[str] = Field(default_factory=list)
    """Words that follow a person's name (同志, 先生): the one to three characters right
    before them are a name (冼志雄同志) and are never corrected."""
    elements: str = ""
    """Characters naming chemical elements (汞, 镉, 砷): one the segmenter cuts as a word of
    its own, with one of ``element_context`` near, names the element (汞蒸气中毒, 镉超标) and
    is never corrected."""
    element_context: list[str] = Field(default_factory=list)
    """Words of a substance's context (中毒, 超标, 排放): within ``ELEMENT_REACH`` characters
    of an element's name cut as a word, they make it the element (铅海地区 is still 沿海)."""
    place_names: str | None = None
    """The register of administrative divisions (relative to the rule file, as the
    ``division`` kind reads it): a character inside one of their names, written in full or
    without its unit (彬州市, 彬州), is never corrected. Places renamed since the dictionary
    was made are no words of it, and the model has rarely seen them."""
    region_abbreviations: str = ""
    """The one-character names of the province-level regions (甘, 黔, 琼): one right after a
    character of ``region_after`` names the region (来甘考察, 赴黔, 援藏) and is never
    corrected (来甘 is no slip of 来华)."""
    region_after: str = ""
    """The verbs of coming, going and staying that such a name follows (来, 赴, 驻 …)."""
    clause_openers: str = ""
    """Conjunctions that open a clause (且, 并): one right after a comma, a semicolon or a
    colon (…以上学历，且年龄在35周岁以下) is never corrected, whatever the tagger reads it as."""
    kind_suffixes: str = ""
    """Suffixes that make a class of things of a noun (类: 蜂类, 蛙类): a character the
    dictionary reads as a noun right before one is never corrected (蜂类 is no slip of 分类)."""
    conversion_pairs: str = ""
    """A file of ``character<TAB>partner`` lines (``#`` comments), relative to the rule file:
    standard simplified characters that one traditional character stands for (乾/干, 著/着),
    confused with each other besides the model's own confusion sets (随著 for 随着)."""
    rare_parts: str | None = None
    """A file of ``character<TAB>parts`` lines (``#`` comments), relative to the rule file
    (scripts/build_char_parts.py: the second part of each two-part cut, mostly not the
    radical): a character the model never saw is also tried as a slip for each of the
    ``rare_top`` commonest characters of the model that share such a part with it (枧 for 规,
    栺 for 指, 菅 for 管): official text never shows it, and the confusion sets hold few such
    pairs. (A rare character sharing only its radical is most often a real one: 泜河.)"""
    rare_top: int = Field(default=3500, ge=1)
    weak_pairs: int = Field(default=0, ge=0)
    """A character whose pairs with both neighbours the model saw, but at most this often,
    is judged too, word by word (0: never): when the three characters were seen at most
    once, it is inside no dictionary word and no parallel phrase (越滑越远), and a confusable
    one makes a dictionary word, three characters seen at least ``weak_trigram`` times, pairs
    ``weak_ratio`` times as common, and the text around it cut into fewer words (农机购制补贴:
    购制 5 times, 制补 once, 购置补 10 times; 购|制 → 购置)."""
    weak_trigram: int = Field(default=10, ge=1)
    weak_ratio: float = Field(default=5, gt=0)
    weak_threshold: float = Field(default=0.9, gt=0, lt=1)
    """The score a judgement at a rare pair must pass; it is then reported at the lowest
    level only (its precision on real text is that of a notice: a rare pair of real text
    is often a new phrase, 南涝北旱, 拆旧装新)."""
    promote_floor: float = Field(default=0.0, ge=0, lt=1)
    """A correction scoring above this, though below the strict threshold, still takes the
    strict level when it turns a two-character non-word into a common word (0: never): the
    original is no dictionary word and a pair the model never saw, the correction a pair
    seen at least ``promote_count`` times, and the text around it cut into fewer words
    (按置 → 安置, 疏撒 → 疏散)."""
    promote_count: int = Field(default=200, ge=1)
    promote_sound_floor: float = Field(default=0.0, ge=0, lt=1)
    """The same promotion for a correction by a character of the same pinyin and tone (the
    first column of ``same_sound``), from this lower score, the correction a pair seen at
    least ``promote_sound_count`` times (托欠 → 拖欠: 拖欠 84 times, 托欠 never; 0: never):
    a character typed by its sound for one of a common word."""
    promote_sound_count: int = Field(default=50, ge=1)
    same_sound: str | None = None
    """A file of ``character<TAB>same pinyin and tone<TAB>same pinyin, other tone`` lines
    (``#`` comments; _data/homophones.tsv), relative to the rule file: two neighbouring
    characters beside an unseen pair are also judged as one slip, a word typed by its sound
    (有关菲佣 → 费用, 机构领导诚园兼任 → 成员), which no one-character correction mends. None:
    never. Both characters common in official text, seen together at most ``double_inner``
    times and in no parallel phrase; a word of the same sound (either tone) seen at least
    ``double_count`` times and ``double_ratio`` times as often, beside both neighbours, in a
    dictionary, the text around it cut into fewer words, the two characters whole words of
    their own (no part of a longer word), no function word nor a string the lexicons list, and
    the model's gain at least ``double_gain``: reported at the strict level."""
    double_inner: int = Field(default=30, ge=0)
    double_count: int = Field(default=100, ge=1)
    double_ratio: float = Field(default=20, gt=1)
    double_min_char: int = Field(default=100, ge=0)
    """How often the model must have seen each of the two characters (a rare one is most
    often a real word of a field: 笙竽, 艏艉)."""
    double_gain: float = Field(default=8.0, ge=0)
    weights: Weights
    entries: list[StatisticalEntry] = Field(min_length=1, max_length=2)

    @model_validator(mode="after")
    def _levels(self) -> StatisticalRule:
        levels = [e.level for e in self.entries]
        if len(set(levels)) != len(levels):
            raise ValueError("each level may be given by one entry only")
        by_level = {e.level: e for e in self.entries}
        if len(by_level) == 2 and by_level["strict"].threshold <= by_level["loose"].threshold:
            raise ValueError("the strict threshold must be higher than the loose one")
        return self


class Judgement(NamedTuple):
    """A correction the model proposes, before a level's threshold decides on it."""

    start: int
    end: int
    """The word the correction makes (original offsets)."""
    position: int
    """The suspect character."""
    suggestion: str
    features: tuple[float, ...]
    """In the order of ``FEATURES``."""
    weak: bool = False
    """Found at a pair seen rarely (``weak_pairs``), not at an unseen one."""
    double: bool = False
    """Two neighbouring characters typed for a word of the same sound (``same_sound``);
    no features."""


@dataclass(frozen=True)
class _Level:
    entry: int
    threshold: float


@dataclass(frozen=True)
class _Data:
    model: Path
    skip: frozenset[str]
    name_after: tuple[str, ...]
    name_before: tuple[str, ...]
    elements: frozenset[str]
    element_context: tuple[str, ...]
    bias: float
    weights: tuple[float, ...]
    levels: tuple[_Level, ...]  # strictest first
    partners: dict[str, str]  # a character -> its conversion partners (conversion_pairs)
    places: frozenset[str] = frozenset()  # (place_names: full and short names)
    parts: dict[str, str] = field(default_factory=dict)  # (rare_parts)
    rare_top: int = 3500
    weak_pairs: int = 0
    weak_trigram: int = 10
    weak_ratio: float = 5.0
    weak_threshold: float = 0.9
    regions: frozenset[str] = frozenset()  # (region_abbreviations)
    region_after: frozenset[str] = frozenset()
    promote_floor: float = 0.0
    promote_count: int = 200
    sounds: dict[str, str] = field(default_factory=dict)  # (same_sound)
    double_inner: int = 30
    double_count: int = 100
    double_ratio: float = 20.0
    double_min_char: int = 100
    double_gain: float = 8.0
    tones: dict[str, str] = field(default_factory=dict)  # (same_sound: same pinyin and tone)
    promote_sound_floor: float = 0.0
    promote_sound_count: int = 50
    openers: frozenset[str] = frozenset()  # (clause_openers)
    kind_suffixes: frozenset[str] = frozenset()

    def score(self, features: tuple[float, ...]) -> float:
        return logistic(self.bias, self.weights, features)


class Statistical(RuleKind):
    name = "statistical"
    rule_model = StatisticalRule
    doc = KindDoc(
        what="Characters a language model of official text finds far less likely than a "
        "confusable one in their place (接照 for 按照, 发屐 for 发展), where no lexicon lists "
        "the error.",
        why="Listed typos cover a few percent of the wrong characters real editors type; the "
        "rest can only be judged against how official text is actually written.",
        example="weights: {bias: -9, gain: 0.8, …}\nentries:\n- level: strict\n"
        "  threshold: 0.9\n# → flags 接照 in 接照规定执行, suggesting 按照",
    )

    def computed_suggestion(self, entry: EntryBase) -> bool:
        return True

    def compile(self, loaded: LoadedRule, builder: Builder) -> None:
        rule = loaded.rule
        assert isinstance(rule, StatisticalRule)
        model = data_file(loaded, rule.model, "model file")
        rule_index = builder.add_rule(loaded)
        levels = []
        for _, entry, line in entries_of(loaded):
            assert isinstance(entry, StatisticalEntry)
            index = builder.add_entry(rule_index, entry, line)
            levels.append(_Level(index, entry.threshold))
        levels.sort(key=lambda lv: -lv.threshold)
        weights = rule.weights
        partners: dict[str, str] = {}
        if rule.conversion_pairs:
            path = data_file(loaded, rule.conversion_pairs, "conversion pairs file")
            for row in path.read_text(encoding="utf-8").splitlines():
                if row and not row.startswith("#"):
                    a, _, b = row.partition("\t")
                    if len(a) != 1 or len(b) != 1:
                        raise LexiconError(f"{path}: expected 'character<TAB>partner': {row!r}")
                    partners[a] = partners.get(a, "") + b
                    partners[b] = partners.get(b, "") + a
        data = _Data(
            model,
            frozenset(rule.skip),
            tuple(rule.name_after),
            tuple(rule.name_before),
            frozenset(rule.elements),
            tuple(rule.element_context),
            weights.bias,
            weights.vector(),
            tuple(levels),
            partners,
            _place_names(
                _optional_file(loaded, rule.place_names, "place_names file"),
                builder.normalizer.term,
            ),
            _read_parts(_optional_file(loaded, rule.rare_parts, "rare_parts file")),
            rule.rare_top,
            rule.weak_pairs,
            rule.weak_trigram,
            rule.weak_ratio,
            rule.weak_threshold,
            frozenset(rule.region_abbreviations),
            frozenset(rule.region_after),
            rule.promote_floor,
            rule.promote_count,
            _read_sounds(_optional_file(loaded, rule.same_sound, "same_sound file")),
            rule.double_inner,
            rule.double_count,
            rule.double_ratio,
            rule.double_min_char,
            rule.double_gain,
            _read_sounds(
                _optional_file(loaded, rule.same_sound, "same_sound file"), same_tone=True
            ),
            rule.promote_sound_floor,
            rule.promote_sound_count,
            frozenset(rule.clause_openers),
            frozenset(rule.kind_suffixes),
        )
        rules: list[_Data] = builder.kind_data.setdefault(self.name, [])
        rules.append(data)

    def finder(self, data: Any, env: ScanEnv) -> StatisticalFinder | None:
        return StatisticalFinder(data, env.segmenter, env.models) if data else None


def _optional_file(loaded: LoadedRule, given: str | None, what: str) -> Path | None:
    """The data file a rule's optional field names, resolved; None when it names none."""
    return None if given is None else data_file(loaded, given, what)


class StatisticalFinder:
    """Judges each rule's model over the folded text. Models load on first use."""

    def __init__(self, rules: list[_Data], segmenter: Segmenter, models: Models) -> None:
        self._rules = rules
        self._segmenter = segmenter
        self._models = models
        self._lock = threading.Lock()
        self._mask_sets: dict[Path, _Masks] = {}
        self._part_index: dict[Path, dict[str, str]] = {}
        self._double_luts: dict[int, Any] = {}
        self._skip_luts: dict[int, Any] = {}
        self._confusions: dict[tuple[Path, frozenset[str], tuple[str, ...]], _Confusion] = {}
        self._option_masks: dict[int, dict[str, int]] = {}
        self._judged_chars = 0  # (a race between threads only delays the switch to numpy)

    def _masks(self, path: Path) -> _Masks:
        masks = self._mask_sets.get(path)
        if masks is None:
            with self._lock:
                masks = self._mask_sets.get(path)
                if masks is None:
                    masks = self._mask_sets[path] = _Masks(self._models.get(path))
        return masks

    def _partners(self, model: CharModel, data: _Data, ch: str) -> str:
        """The characters confused with ``ch`` besides the model's own sets: its conversion
        partners and, for a character the model never saw, the common ones sharing a part
        with it (``rare_parts``)."""
        partners = data.partners.get(ch, "")
        parts = data.parts.get(ch) if ch not in model.index else None
        if parts:
            index = self._part_index.get(data.model)
            if index is None:
                with self._lock:
                    index = self._part_index.setdefault(data.model, _common_by_part(model, data))
            sharing = dict.fromkeys(ch for part in parts for ch in index.get(part, ""))
            partners += "".join(sharing)
        return partners

    def _options_of(self, model: CharModel, data: _Data, masks: _Masks, ch: str) -> int:
        """The mask of the characters ``ch`` may be a slip for: its confusables and
        :meth:`_partners`, but the rule's ``skip`` ones; kept per character (a long text
        asks for the same ones again and again)."""
        known = self._option_masks.get(id(data))  # (as in _double_tables)
        if known is None:
            known = self._option_masks.setdefault(id(data), {})
        mask = known.get(ch)
        if mask is None:
            if len(known) >= _Masks._MOST:
                known.clear()
            partners = self._partners(model, data, ch)
            mask = known[ch] = masks.confusable(ch, partners) & masks.besides(data.skip)
        return mask

    def _confusion(self, model: CharModel, data: _Data) -> _Confusion | None:
        """The model's confusion sets as arrays for :func:`_live` (None until numpy is
        imported: a short one-off scan never imports it for this)."""
        if "numpy" not in sys.modules:
            return None
        key = (data.model, data.skip, tuple(sorted(data.partners)))
        table = self._confusions.get(key)
        if table is None:
            with self._lock:
                table = self._confusions.get(key)
                if table is None:
                    table = self._confusions[key] = _confusion_arrays(model, data)
        return table

    def _skip_table(self, data: _Data) -> Any:
        """Per UTF-16 code unit (numpy), whether it is one of the rule's ``skip`` characters,
        for :func:`_positions` (None until numpy is imported)."""
        if "numpy" not in sys.modules:
            return None
        key = id(data)  # (as in _double_tables)
        table = self._skip_luts.get(key)
        if table is None:
            import numpy as np

            skipped = np.zeros(0x10000, dtype=bool)
            skipped[[ord(ch) for ch in data.skip if ord(ch) < 0x10000]] = True
            table = self._skip_luts[key] = (np, skipped)
        return table

    def _double_tables(self, model: CharModel, data: _Data) -> Any:
        """Per UTF-16 code unit (numpy), whether a character may be one of a two-character
        slip (``same_sound``: read like others, seen at least ``double_min_char`` times)
        and whether it is one of the rule's ``skip`` characters, for :func:`_double_starts`;
        once this finder has judged ``VECTOR_MIN`` characters, also the model's
        :meth:`CharModel.frequent_neighbours` and, per vocabulary index, the characters of
        its ``same_sound`` as a row of bits (as ``_Masks.sounds`` makes them) for the mask
        tests there (else None, as when the model's classes are past U+FFFF: 2 MB, ~0.05 s
        to make, worth it for a long run only)."""
        key = id(data)  # (the finder holds its rules: the id stays theirs)
        tables = self._double_luts.get(key)
        if tables is None:
            import numpy as np

            index, uni = model.index, model.uni
            sounding = np.zeros(0x10000, dtype=bool)
            sounding[
                [
                    ord(ch)
                    for ch in data.sounds
                    if len(ch) == 1
                    and ord(ch) < 0x10000
                    and ch in index
                    and uni[index[ch]] >= data.double_min_char
                ]
            ] = True
            _, skipped = self._skip_table(data)  # (numpy is imported: never None here)
            tables = self._double_luts[key] = (np, sounding, skipped, None)
        if tables[3] is None and self._judged_chars >= VECTOR_MIN:
            np = tables[0]
            rows: tuple[Any, ...] | None = None
            neighbours = model.frequent_neighbours()
            if neighbours:
                index = model.index
                same = np.zeros((model.size, model.size), dtype=bool)
                for ch, chars in data.sounds.items():
                    at = index.get(ch)
                    if at is not None:
                        same[at, [index.get(x, 0) for x in chars]] = True
                _, lut, after, before = neighbours
                rows = (lut, after, before, bit_rows(np, same), index.get(BREAK, 0))
            if rows is not None:
                tables = self._double_luts[key] = (*tables[:3], rows)
        return tables

    def find(self, scan: ScanInput) -> Iterator[Candidate]:
        for data in self._rules:
            floor = data.levels[-1].threshold
            for promote in (data.promote_floor, data.promote_sound_floor):
                if promote:
                    floor = min(floor, promote)
            for found in self.judgements(data, scan.folded, floor=floor, doubles=True):
                if _in_traditional(scan, found.position):
                    continue  # the model knows simplified text: 隨後 and 處於 are right there
                if found.double:
                    yield Candidate(
                        found.start,
                        found.end,
                        data.levels[0].entry,
                        found.suggestion,
                        tentative=True,
                    )
                    continue
                score = data.score(found.features)
                if found.weak:
                    if score > data.weak_threshold:
                        yield Candidate(
                            found.start,
                            found.end,
                            data.levels[-1].entry,
                            found.suggestion,
                            tentative=True,
                        )
                    continue
                for level in data.levels:
                    if score > level.threshold:
                        yield Candidate(
                            found.start, found.end, level.entry, found.suggestion, tentative=True
                        )
                        break
                else:
                    if self._promoted(data, scan.folded, found, score):
                        yield Candidate(
                            found.start,
                            found.end,
                            data.levels[0].entry,
                            found.suggestion,
                            tentative=True,
                        )

    def _promoted(self, data: _Data, text: str, found: Judgement, score: float) -> bool:
        """Whether a correction below every level turns a two-character non-word that the
        model never saw into a common word, the text around it cut into fewer words (the
        rule's ``promote_floor``; ``promote_sound_floor`` for a character of the same sound)."""
        written, fixed = text[found.start : found.end], found.suggestion
        if len(written) != 2 or len(fixed) != 2 or found.features[_FEWER] < 1:
            return False
        at = found.position - found.start
        if score > data.promote_floor > 0:
            need = data.promote_count
        elif score > data.promote_sound_floor > 0 and written[at] in data.tones.get(fixed[at], ""):
            need = data.promote_sound_count
        else:
            return False
        model = self._models.get(data.model)
        return (
            model.count2(written[0], written[1]) == 0
            and model.count2(fixed[0], fixed[1]) >= need
            and not self._segmenter.lookup()(written)
        )

    def judgements(
        self, data: _Data, text: str, *, floor: float | None = None, doubles: bool = False
    ) -> Iterator[Judgement]:
        """Every correction the model of ``data`` proposes in ``text``, whatever its score;
        with ``floor``, only those whose score can pass it (the rest never run the tagger);
        with ``doubles``, the two-character slips of ``same_sound`` too (no score)."""
        if not any(map(is_han, text)):
            return
        model = self._models.get(data.model)
        self._judged_chars += len(text)
        vectorized = self._judged_chars >= VECTOR_MIN
        both = None
        if data.weak_pairs and len(text) >= 3 and (vectorized or "numpy" in sys.modules):
            both = model.han_pairs(text, data.weak_pairs)  # both tests, one pass of numpy
        if both is not None:
            pairs, loose = both
        else:
            pairs, loose = unseen_pairs(model, text, vectorized=vectorized), None
        if len(pairs) > DENSE_PAIRS:
            pairs = _outside_dense_blocks(pairs)
        if data.weak_pairs:
            weak_floor = None if floor is None else max(floor, data.weak_threshold)
            yield from self._weak_judgements(
                data, model, text, set(pairs), weak_floor, vectorized, loose
            )
        if not pairs:
            return
        skip = data.skip
        unseen_at = set(pairs)
        has_word = self._segmenter.lookup()
        positions = _positions(self._skip_table(data), text, pairs)
        if positions is None:
            positions = [
                i
                for i in sorted({*pairs, *map((1).__add__, pairs)})
                if skip.isdisjoint(text[i - 1 if i else 0 : i + 2])
            ]
        # those of the characters at the pairs that some confusable could correct (see
        # _live): only their pairs are tested as seams and only their stretches are cut
        live = _live(model, self._confusion(model, data), text, positions, pairs)
        if live is not None:
            positions = live
        if not positions:
            if doubles and data.sounds:
                yield from self._double_judgements(data, model, has_word, text, pairs)
            return
        words = _Words(self._segmenter, text, pairs, positions if live is not None else None)
        # an unseen pair where one word ends and the next begins is a new combination of
        # words, not a typo (率|市场, 增长率 and 市场 are both words)
        between = words.between_words
        judged = set(positions)
        inside = [j for j in pairs if (j in judged or j + 1 in judged) and not between(j + 1)]
        suspects = {*inside, *map((1).__add__, inside)}
        # ... unless a confusable of a character at the seam makes a word that official text
        # writes there, on both sides of it (疫情防空|措施: 防控 after 疫情 and before 措施):
        # the other characters of the pairs are at seams
        around_of = words.around
        elements = data.elements
        masks = self._masks(data.model)
        count3, all_han = model.count3, _ALL_HAN.fullmatch
        # the seams' tests below, for all of them at once (numpy, once the finder is
        # vectorized): only the seams that pass them are left, and are not tested again
        tested = None
        if SEAMS and vectorized and live is not None:
            confusion = self._confusion(model, data)
            tested = _open_seams(model, confusion, text, positions, pairs, suspects)
        pending: set[int] | None = None
        if tested is not None:
            positions, pending = tested
        for i in positions:
            unseen = (i - 1 in unseen_at, i in unseen_at)
            seam = i not in suspects
            if seam and (pending is None or i in pending):
                if not SEAMS:
                    continue
                # _seam_odd written out (thousands of seams a long text, most of them ending
                # here), then the cheap test of a fitting confusable
                three = text[i : i + 3] if unseen[0] else text[i - 2 : i + 1] if i >= 2 else ""
                if len(three) < 3:
                    continue
                if not all_han(three):
                    three = classes(three)
                if count3(three[0], three[1], three[2]) > SEAM_OWN or not _may_fit(
                    model, masks, text, i, unseen, data.partners.get(text[i], "")
                ):
                    continue
            around = around_of(i)
            # inside a word, one odd neighbour is the word meeting an unusual next word
            if unseen[0] != unseen[1] and around[0] > 1 and not seam:
                continue
            if around[0] == 1 and text[i] in elements and _near(text, i, data.element_context):
                continue  # an element's name as a word of its own (汞蒸气中毒, 镉超标)
            found = self._judge(model, data, has_word, around, text, i, unseen, floor, seam)
            if found is not None:
                yield found
        if doubles and data.sounds:
            yield from self._double_judgements(data, model, has_word, text, pairs)

    def _double_judgements(
        self,
        data: _Data,
        model: CharModel,
        has_word: Callable[[str], bool],
        text: str,
        pairs: list[int],
    ) -> Iterator[Judgement]:
        """Two neighbouring characters, one of whose outer pairs the model never saw, typed
        for a common word of the same sound (the rule's ``same_sound``): cheap count tests
        first, the segmenter and the tagger for the few left."""
        n = len(text)
        sounds, skip, index, uni = data.sounds, data.skip, model.index, model.uni
        count2, count3 = model.count2, model.count3
        masks = self._masks(data.model)
        if "numpy" in sys.modules:
            starts = _double_candidates(text, pairs)
        else:
            starts = sorted({k for p in pairs for k in (p - 1, p + 1) if k >= 0 and k + 2 <= n})
        if len(starts) >= _DOUBLE_VECTOR and "numpy" in sys.modules:
            # most of them are pairs seen too often to be a slip (count2 > double_inner):
            # those are dropped in one pass of numpy over them
            rare = model.rare_han_pairs(text, data.double_inner, starts)
            if rare is not None:
                starts = rare
        if starts and "numpy" in sys.modules:
            # and those whose characters fail the per-character tests below
            starts = _double_starts(self._double_tables(model, data), text, starts)
        for j in starts:
            a, b = text[j], text[j + 1]
            if a not in sounds or b not in sounds or not skip.isdisjoint(text[j - 1 : j + 3]):
                continue
            around = text[max(0, j - 4) : j] + text[j + 2 : j + 6]
            if a in around or b in around:
                continue  # a parallel phrase (遇急有助、遇困有帮): meant
            ia, ib = index.get(a), index.get(b)
            if ia is None or ib is None or min(uni[ia], uni[ib]) < data.double_min_char:
                continue
            inner = count2(a, b)
            if inner > data.double_inner:
                continue
            window = classes(text[max(0, j - 1) : j + 3])
            left = window[0] if j else BREAK
            right = window[-1] if j + 2 < n else BREAK
            # the words of the same sound whose pairs with both neighbours were seen more
            # than once: two ANDs of bit masks each
            firsts = masks.sounds(a, sounds[a]) & masks.frequent_after(left)
            seconds = firsts and masks.sounds(b, sounds[b]) & masks.frequent_before(right)
            if not seconds:
                continue
            if count3(left, a, b) or count3(a, b, right) or has_word(a + b):
                # a string official text writes (百业俱兴); a word of its own (洗牙: the
                # homophone kind judges dictionary words)
                continue
            need = max(data.double_count, data.double_ratio * (inner + 1))
            ys = masks.chars(seconds)
            best, support = "", 0
            for x in masks.each(firsts):
                often = model.often_after(x, data.double_count - 1)  # (kept once counted)
                for y in ys:
                    if (
                        y in often
                        and count2(x, y) >= need
                        and count3(left, x, y) + count3(x, y, right) > max(support, 1)
                        and has_word(x + y)
                    ):
                        best, support = x + y, count3(left, x, y) + count3(x, y, right)
            if not best or _repeated(text, j, j + 2):
                continue
            if self._double_fits(data, model, text, j, best):
                yield Judgement(j, j + 2, j, best, (), double=True)

    def _double_fits(self, data: _Data, model: CharModel, text: str, j: int, fix: str) -> bool:
        """Whether ``fix`` in place of ``text[j : j + 2]`` passes the word tests of a
        two-character slip (``same_sound``)."""
        lo = max(0, j - 2)
        window = classes(text[lo : j + 4])
        ids = [model.index.get(c, 0) for c in window]
        base = model.window_logp_ids(ids, j - lo, 2)
        ids[j - lo], ids[j - lo + 1] = model.index[fix[0]], model.index[fix[1]]
        if model.window_logp_ids(ids, j - lo, 2) - base < data.double_gain:
            return False
        cut = self._segmenter.cutter()
        lo = max(0, j - 4)
        words = cut(text[lo : j + 6])
        ends = set(accumulate(map(len, words), initial=lo))
        if j not in ends or j + 2 not in ends:
            return False  # a part of a longer word (但是|又, 在|谁|手中)
        if len(cut(text[lo:j] + fix + text[j + 2 : j + 6])) >= len(words):
            return False  # the corrected text is no better cut
        if _in_place_name(data.places, text, j) or _in_place_name(data.places, text, j + 1):
            return False
        lo = max(0, j - 6)
        pos = lo
        role_end = -9
        for word, tag in self._segmenter.tagged(text[lo : j + 8]):
            end = pos + len(word)
            if (
                end > j
                and pos < j + 2
                and (
                    not tag
                    or pos < j
                    or end > j + 2  # the tagger's words too (是|股线, 义井镇)
                    or (len(word) == 1 and tag[:1] in _FUNCTION_TAGS)
                    or tag in _SET_PHRASES
                    or tag[:2] in _NAME_TAGS
                    or j - role_end < 3
                )
            ):
                # a lexicon string, a function word, a set phrase, a name (a page's
                # people and places: two common characters seldom written together)
                return False
            if data.name_after and word.endswith(data.name_after):
                role_end = end
            pos = end
        return not _before_name_word(text, j + 1, data.name_before)

    def _weak_judgements(
        self,
        data: _Data,
        model: CharModel,
        text: str,
        unseen_at: set[int],
        floor: float | None,
        vectorized: bool,
        loose: list[int] | None = None,
    ) -> Iterator[Judgement]:
        """The judgements at pairs seen at most ``weak_pairs`` times (see the rule's field):
        cheap count and mask tests first, the segmenter only for the few left. ``loose``:
        the :func:`loose_chars` of ``text``, when known."""
        if loose is None:
            loose = loose_chars(model, text, data.weak_pairs, vectorized=vectorized)
        if not loose:
            return
        masks = self._masks(data.model)
        has_word = self._segmenter.lookup()
        found: dict[int, str] = {}
        for i in loose:
            options = _weak_options(model, masks, data, has_word, text, i)
            if options:
                found[i] = options
        if not found:
            return
        words = _Words(self._segmenter, text, sorted(found))
        cut = self._segmenter.cutter()
        for i, options in found.items():
            lo4 = max(0, i - 4)
            before = len(cut(text[lo4 : i + 5]))
            options = "".join(
                x for x in options if len(cut(text[lo4:i] + x + text[i + 1 : i + 5])) < before
            )
            if not options:
                continue  # the corrected text is no better cut (a new word for an old one)
            judged = self._judge(
                model,
                data,
                has_word,
                words.around(i),
                text,
                i,
                (False, False),
                floor,
                weak=options,
            )
            if judged is not None:
                yield judged._replace(weak=True)

    def _judge(
        self,
        model: CharModel,
        data: _Data,
        has_word: Callable[[str], bool],
        around: tuple[int, int, int],
        text: str,
        i: int,
        unseen: tuple[bool, bool],
        floor: float | None,
        seam: bool = False,
        weak: str = "",
    ) -> Judgement | None:
        name_after = data.name_after
        successors = model.successors
        # the model's classes of the five characters around i (BREAK past the ends)
        lo = max(0, i - 2)
        window = text[lo : i + 3]
        if not _ALL_HAN.fullmatch(window):  # Chinese characters are their own classes
            window = classes(window)
        at = i - lo
        ch = window[at]
        left = window[at - 1] if at else BREAK
        right = window[at + 1] if at + 1 < len(window) else BREAK
        broken = unseen[0] + unseen[1]
        # a candidate must leave fewer unseen pairs than the original character does, and
        # make pairs seen more than once (a pair seen once proves little): both of them when
        # one was unseen, one of them when both were
        masks = self._masks(data.model)
        keep = self._options_of(model, data, masks, ch)
        if broken == 1:
            keep &= masks.frequent_after(left) & masks.frequent_before(right)
        elif broken == 2:
            keep &= masks.frequent_after(left) | masks.frequent_before(right)
        else:
            keep = 0
        options = weak or masks.chars(keep)
        if options and seam:
            options = "".join(_seam_fixes(model, window, at, options, unseen[0]))
        if not options:
            return None
        # the correction must make a dictionary word: a bare character proves little
        near = max(0, i - 3)
        local = text[near : i + 4]
        at_local = i - near
        head, tail = local[:at_local], local[at_local + 1 :]
        # short words first: they are the commonest, so most tests end after one or two
        slices = _slices(at_local, len(local))
        fitting = [
            x for x in options if any(map(has_word, map((head + x + tail).__getitem__, slices)))
        ]
        phrase = False
        if not fitting and TRIGRAM_WORD and not weak:
            # or a string official text writes often, though no dictionary lists it (凝心聚力)
            counts = model.count3s(left, options, right)
            fitting = [x for x, n in zip(options, counts, strict=True) if n >= TRIGRAM_WORD]
            phrase = True
        if not fitting:
            return None
        index = model.index
        ids = [index.get(c, 0) for c in window]
        logps = model.window_logps(ids, at, [ids[at], *[index.get(x, 0) for x in fitting]])
        base = logps[0]
        best, gain = "", 0.0
        for x, logp in zip(fitting, logps[1:], strict=True):
            score = logp - base
            if score > gain:
                best, gain = x, score
        if not best:
            return None
        fixed = local[:at_local] + best + local[at_local + 1 :]
        word_start, word_end = _word_covering(has_word, fixed, at_local, (4, 3, 2)) or (
            (max(0, at_local - 1), min(len(fixed), at_local + 2))
            if phrase
            else (at_local, at_local + 1)
        )
        own, before, after = around
        beside_word = own == 1 and ((unseen[0] and before > 1) or (unseen[1] and after > 1))
        index = model.index
        count2 = model.count2
        cut = self._segmenter.cutter()
        lo4 = max(0, i - 4)
        features = [
            gain,
            float(own > 1),
            float(unseen[0] and unseen[1]),
            float(ch not in index),
            math.log10(1 + model.uni[index[ch]]) if ch in index else 0.0,
            math.log10(1 + model.uni[index[best]]),
            float(beside_word),
            float(word_end - word_start),
            float((best not in successors.get(left, "")) + (right not in successors.get(best, ""))),
            0.0,  # function_word and proper_noun: the tagger tells, below
            0.0,
            # (at a seam the pair inside the character's word tells nothing: the unseen one)
            0.0 if seam else math.log10(1 + max(count2(left, ch), count2(ch, right))),
            float(model.count3(left, best, right) > 0),
            float(len(cut(text[lo4 : i + 5])) - len(cut(text[lo4:i] + best + text[i + 1 : i + 5]))),
        ]
        if floor is not None:
            # the score with the tagger's feature at its most favourable: the tagger (the
            # costliest step) runs only when the real score can pass the floor
            for k in _TAGGED:
                features[k] = float(data.weights[k] > 0)
            if data.score(tuple(features)) < floor - 1e-9:
                return None
        # (after the floor: no feature reads it, and most corrections end there)
        if _in_place_name(data.places, text, i):
            return None
        if i and text[i] in data.regions and text[i - 1] in data.region_after:
            return None  # a region's one-character name after 来, 赴 … (来甘考察)
        if (
            text[i + 1 : i + 2] in data.kind_suffixes
            and (noun := self._segmenter.tag(text[i])) is not None
            and noun[:1] == "n"
            and noun[:2] != "nr"
        ):
            return None  # a noun made a class of things (蜂类), no slip of a word (分类)
        if _repeated(text, near + word_start, near + word_end) or any(
            _repeated(text, j, j + 2) for j, odd in ((i - 1, unseen[0]), (i, unseen[1])) if odd
        ):
            # used twice nearby: meant (大庆式企业 … 大庆式企业), and so is a pair official text
            # never shows that the text writes twice (购彩者 … 理性购彩: a word of its own field)
            return None
        if _before_name_word(text, i, data.name_before):
            return None  # a name followed by 同志, 先生 …
        # the neighbour across the one unseen pair (the character's only odd side)
        other = (i - 1 if unseen[0] else i + 1) if unseen[0] != unseen[1] else -1
        word, tag, after_role, other_tag = self._tagged_at(text, i, name_after, other)
        if after_role:
            return None  # a person's name after a post or role (副县长钱沣)
        if len(word) == 1 and i and text[i] in data.openers and text[i - 1] in _CLAUSE_BREAKS:
            return None  # a conjunction opening a clause (，且年龄在35周岁以下)
        if other_tag == "":
            # the odd pair is the edge of a string the lexicons list, judged by their rules
            # (上下要|卓厉奋发: the listed slip 卓厉 makes 要卓 odd, not 要)
            return None
        if not tag or (len(word) > 2 and tag in _SET_PHRASES):
            # a string the lexicons list (tagged ""), whose rules judge it in context; an
            # idiom or set phrase the model does not know
            return None
        if tag.startswith("nr") and word_end - word_start <= 3:
            named = self._segmenter.tag(fixed[word_start:word_end])
            if named is not None and (named.startswith("nr") or not named):
                # one person's name made into another's (馆员蔡琦, not 蔡奇): a tag of ""
                # is a lexicon string, such as a leader's name
                return None
        features[_TAGGED[0]] = float(len(word) == 1 and tag[:1] in _FUNCTION_TAGS)
        features[_TAGGED[1]] = float(tag[:2] in _NAME_TAGS)
        return Judgement(
            near + word_start, near + word_end, i, fixed[word_start:word_end], tuple(features)
        )

    def _tagged_at(
        self, text: str, i: int, name_after: tuple[str, ...], other: int = -1
    ) -> tuple[str, str, bool, str | None]:
        """The word holding ``i`` and its tag, as the tagger (with its HMM) cuts the text,
        whether ``i`` is one of the three characters right after a word ending in one of
        ``name_after`` (a post or role: 副县长钱沣), where a name stands, and the tag of the
        word holding ``other`` (a neighbour of ``i``; None when -1 or past the text)."""
        lo = max(0, i - 6)
        pos = lo
        role_end = -9  # end of the last word before i that names a post or role
        found: tuple[str, str, bool] | None = None
        other_tag = None
        for word, tag in self._segmenter.tagged(text[lo : i + 7]):
            end = pos + len(word)
            if pos <= other < end:
                other_tag = tag
            if found is None and end > i:
                found = word, tag, i - role_end < 3
            if found is not None and other < end:
                break
            if name_after and word.endswith(name_after):
                role_end = end
            pos = end
        if found is None:
            found = text[i], "x", i - role_end < 3
        return (*found, other_tag)


_UNITS = "省市县区旗盟州"
_LONGEST_PLACE = 8  # characters of a name looked up around a character (呼和浩特市 …)


def _read_sounds(path: Path | None, *, same_tone: bool = False) -> dict[str, str]:
    """``same_sound``: each character and the characters read like it (either tone; with
    ``same_tone``, the same pinyin and tone only: the second column)."""
    sounds: dict[str, str] = {}
    if path is not None:
        for row in path.read_text(encoding="utf-8").splitlines():
            if row and not row.startswith("#"):
                ch, _, rest = row.partition("\t")
                sounds[ch] = rest.partition("\t")[0] if same_tone else rest.replace("\t", "")
    return sounds


def _read_parts(path: Path | None) -> dict[str, str]:
    """The ``rare_parts`` file: a character -> its parts."""
    if path is None:
        return {}
    parts = read_pairs(path)
    for ch, of in parts.items():
        if len(ch) != 1 or not of:
            raise LexiconError(f"{path}: expected 'character<TAB>parts': {ch!r} {of!r}")
    return parts


def _common_by_part(model: CharModel, data: _Data) -> dict[str, str]:
    """Per part, the ``rare_top`` commonest characters of ``model`` made with it (a part that
    is such a character itself among them), most frequent first."""
    common = [ch for ch in model.chars if is_han(ch)][: data.rare_top]
    by_part: dict[str, list[str]] = {}
    for ch in common:
        for part in data.parts.get(ch, ""):
            by_part.setdefault(part, []).append(ch)
    for ch in common:
        if ch in by_part:
            by_part[ch].insert(0, ch)
    return {part: "".join(chars) for part, chars in by_part.items()}


def _place_names(register: Path | None, term: Callable[[str], str]) -> frozenset[str]:
    """The names of the register (see ``place_names``), folded, with and without their unit
    when two characters or more are left."""
    if register is None:
        return frozenset()
    names: set[str] = set()
    for _, _, name, _, _ in read_register(register):
        name = term(name)
        names.add(name)
        if name[-1] in _UNITS and len(name) >= 3:
            names.add(name[:-1])
    return frozenset(names)


class _Confusion(NamedTuple):
    """A model's confusion sets as numpy arrays, for :func:`_live`."""

    rows: Any
    """Per vocabulary index, its confusables but the rule's ``skip`` characters, as a row
    of bits (see :meth:`CharModel.frequent_neighbours`)."""
    exact: Any
    """Per vocabulary index, True where a test in Python must decide: a character with
    conversion partners, or out of the vocabulary (index 0: rare parts, its own set)."""


def _confusion_arrays(model: CharModel, data: _Data) -> _Confusion:
    import numpy as np

    index, chars0, confusables, skip = model.index, model._chars0, model.confusables, data.skip
    matrix = np.zeros((model.size, model.size), dtype=bool)
    for c in range(1, model.size):
        others = [index[x] for x in confusables.get(chars0[c], "") if x not in skip]
        matrix[c, others] = True
    exact = np.zeros(model.size, dtype=bool)
    exact[0] = True
    exact[[index[ch] for ch in data.partners if ch in index]] = True
    return _Confusion(bit_rows(np, matrix), exact)


def _code_units(model: CharModel, text: str) -> tuple[tuple[Any, Any, Any, Any], Any] | None:
    """The model's neighbour table (:meth:`CharModel.frequent_neighbours`) and ``text`` as a
    numpy array of UTF-16 code units, one per character; None without the table or when
    a character is past U+FFFF (two units would shift every position)."""
    table = model.frequent_neighbours()
    if not table:
        return None
    units = code_units(table[0], text)
    return None if units is None else (table, units)


def _live(
    model: CharModel,
    confusion: _Confusion | None,
    text: str,
    positions: list[int],
    pairs: list[int],
) -> list[int] | None:
    """Those of ``positions`` (the characters at the unseen ``pairs``) where some confusable
    makes pairs seen more than once with both neighbours (one unseen pair at it) or with one
    of them (two): :meth:`StatisticalFinder._judge` finds no option at the others, so they
    are never judged. All positions are tested at once, with numpy's rows of bits; None when
    it cannot tell (numpy not imported, characters past U+FFFF)."""
    if confusion is None or not positions:
        return None
    coded = _code_units(model, text)
    if coded is None:
        return None
    (np, lut, after, before), units = coded
    n = len(units)
    at = np.asarray(positions, dtype=np.int64)
    start = model.index.get(BREAK, 0)
    own = lut[units[at]]
    left = np.where(at > 0, lut[units[np.maximum(at - 1, 0)]], start)
    right = np.where(at + 1 < n, lut[units[np.minimum(at + 1, n - 1)]], start)
    unseen = np.zeros(n + 1, dtype=bool)
    unseen[pairs] = True
    one = unseen[at - 1] != unseen[at]  # one unseen pair at it, not two (at >= 1 when both)
    seen_after, seen_before = after[left], before[right]
    fits = np.where(one[:, None], seen_after & seen_before, seen_after | seen_before)
    fits &= confusion.rows[own]
    keep = fits.any(axis=1) | confusion.exact[own]
    return at[keep].tolist()  # type: ignore[no-any-return]


def _open_seams(
    model: CharModel,
    confusion: _Confusion | None,
    text: str,
    positions: list[int],
    pairs: list[int],
    suspects: set[int],
) -> tuple[list[int], set[int]] | None:
    """``positions`` without the seams (those not in ``suspects``) that the seam tests of
    :meth:`StatisticalFinder.judgements` drop, all at once with numpy: the original seen
    more than ``SEAM_OWN`` times with the two characters on its word's side (or no such two
    in the text), or (:func:`_may_fit`, for a seam whose five characters around it are
    Chinese ones and which has no conversion partners) no confusable but the rule's ``skip``
    characters that makes pairs seen more than once with its neighbours and is seen
    ``SEAM_FIX`` times across the seam and with its word's side (:func:`_seam_fixes`).
    :meth:`StatisticalFinder._judge` proposes nothing at a seam dropped: the findings are
    the same. With them, the seams left whose :func:`_may_fit` Python must tell (a
    character with conversion partners). None when it cannot tell (no table, characters
    past U+FFFF)."""
    if confusion is None or not positions:
        return None
    coded = _code_units(model, text)
    if coded is None or not model.trigram_counts():
        return None
    (np, lut, after, before), units = coded
    n = len(units)
    at = np.asarray(positions, dtype=np.int64)
    seam = np.ones(len(at), dtype=bool)
    if suspects:
        seam &= ~np.isin(at, np.fromiter(suspects, dtype=np.int64, count=len(suspects)))
    unseen = np.zeros(n + 1, dtype=bool)
    unseen[pairs] = True
    # the seam's word lies right of it when the pair before it is unseen (as in the loop:
    # position -1 reads unseen[n], never set)
    starts, both = unseen[at - 1], unseen[at - 1] & unseen[at]
    # the five characters around each (read there only: a whole text costs more), as the
    # indices of their classes; columns 0-4 for at - 2 … at + 2
    places = at[:, None] + np.arange(-2, 3)
    inside = (places >= 0) & (places < n)
    codes = units[np.clip(places, 0, n - 1)]
    ids = lut[codes].astype(np.int64)
    han = inside & (codes >= 0x4E00) & (codes <= 0x9FFF)
    whole = np.where(starts, inside[:, 4], inside[:, 0])  # the two on the word's side
    first = 2 * starts  # the column where those three characters begin
    rows = np.arange(len(at))
    own = model.count3_ids(ids[rows, first], ids[rows, first + 1], ids[rows, first + 2])
    drop = seam & (~whole | (own > SEAM_OWN))
    # _may_fit: where the five characters are Chinese ones and the character has no partners
    full = han.all(axis=1)
    exact = confusion.exact[ids[:, 2]]
    test = np.flatnonzero(seam & ~drop & full & ~exact)
    if len(test):
        window = ids[test]
        seen_after, seen_before = after[window[:, 1]], before[window[:, 3]]
        fits = np.where(both[test, None], seen_after | seen_before, seen_after & seen_before)
        fits &= confusion.rows[window[:, 2]]
        # the confusables left, as (row, index): the few words holding some, unpacked
        row, word = np.nonzero(fits)
        bits = np.unpackbits(
            fits[row, word].view(np.uint8).reshape(-1, 8), axis=1, bitorder="little"
        )
        one, bit = np.nonzero(bits)
        row, x = row[one], word[one] * 64 + bit
        window = window[row]
        across = model.count3_ids(window[:, 1], x, window[:, 3]) >= SEAM_FIX
        row, x, window = row[across], x[across], window[across]  # (most seams: none left)
        side = starts[test][row]
        # the three characters on the word's side, the confusable in place
        a = np.where(side, x, window[:, 0])
        b = np.where(side, window[:, 3], window[:, 1])
        c = np.where(side, window[:, 4], x)
        fixes = model.count3_ids(a, b, c) >= SEAM_FIX
        fitting = np.zeros(len(test), dtype=bool)
        fitting[row[fixes]] = True
        drop[test[~fitting]] = True
    pending = at[seam & ~drop & full & exact].tolist()
    return at[~drop].tolist(), set(pending)


def _positions(table: Any, text: str, pairs: list[int]) -> list[int] | None:
    """The characters at the unseen ``pairs`` (both of each), sorted, but those with a
    ``skip`` character among them and their neighbours, as
    :meth:`StatisticalFinder.judgements` lists them, with numpy (``table``: from
    ``_skip_table``); None when it cannot tell (no table, characters past U+FFFF)."""
    if table is None:
        return None
    np, skipped = table
    units = code_units(np, text)
    if units is None:
        return None
    n = len(units)
    at = np.asarray(pairs, dtype=np.int64)
    marked = np.zeros(n + 1, dtype=bool)
    marked[at] = True
    marked[at + 1] = True
    found = np.flatnonzero(marked)
    # blocked[i + 1]: the character at i is a skip one (none past either end)
    blocked = np.zeros(n + 2, dtype=bool)
    blocked[1:-1] = skipped[units]
    clear = ~(blocked[found] | blocked[found + 1] | blocked[found + 2])
    return found[clear].tolist()  # type: ignore[no-any-return]


def _double_candidates(text: str, pairs: list[int]) -> list[int]:
    """The two-character stretches beside the unseen ``pairs`` (starting one before and one
    after each), sorted, each whole in ``text``: as a set comprehension would list them, with
    numpy."""
    import numpy as np

    # marked in an array as long as the text (faster than sorting the starts to unique)
    n = len(text)
    at = np.asarray(pairs, dtype=np.int64)
    marked = np.zeros(n + 1, dtype=bool)
    marked[at + 1] = True
    marked[at[at > 0] - 1] = True
    marked[n - 1 :] = False  # (a stretch must end inside the text)
    return np.flatnonzero(marked).tolist()  # type: ignore[no-any-return]


def _double_starts(tables: Any, text: str, starts: list[int]) -> list[int]:
    """Those of ``starts`` (each j + 2 <= ``len(text)``) that pass the first tests of
    :meth:`StatisticalFinder._double_judgements`, all at once with numpy: both characters
    read like others and common, no ``skip`` character from j - 1 to j + 2, neither of them
    among the four characters before and after the two (a parallel phrase), and (its mask
    tests) some character read like the first is seen more than once after the character
    before the two, and some read like the second before the one after them. j = 0 is left
    to those tests (its slice of ``skip`` reaches back to the end of ``text``); so is a text
    with characters past U+FFFF."""
    np, sounding, skipped, rows = tables
    units = code_units(np, text)
    if units is None:
        return starts
    n = len(units)
    padded = np.concatenate((np.zeros(4, np.uint16), units, np.zeros(6, np.uint16)))
    at = np.asarray(starts, dtype=np.int64) + 4  # j in ``padded``
    a, b = padded[at], padded[at + 1]
    keep = sounding[a] & sounding[b]
    blocked = skipped[padded]
    for k in (-1, 0, 1, 2):
        keep &= ~blocked[at + k]
    for k in (-4, -3, -2, -1, 2, 3, 4, 5):
        other = padded[at + k]
        keep &= (other != a) & (other != b)
    first = at == 4
    if rows is not None:
        lut, after, before, same, start = rows
        at = at[keep | first]
        first = at == 4
        # the neighbours' classes (the break past either end) and the two characters' own
        left = np.where(first, start, lut[padded[at - 1]])
        right = np.where(at - 4 + 2 < n, lut[padded[at + 2]], start)
        keep = (same[lut[padded[at]]] & after[left]).any(axis=1)
        keep &= (same[lut[padded[at + 1]]] & before[right]).any(axis=1)
    keep |= first
    return (at[keep] - 4).tolist()  # type: ignore[no-any-return]


def _in_place_name(places: frozenset[str], text: str, i: int) -> bool:
    """Whether the character at ``i`` is inside one of ``places`` written in ``text``."""
    if not places:
        return False
    for size in range(2, _LONGEST_PLACE + 1):
        for start in range(max(0, i - size + 1), min(i, len(text) - size) + 1):
            if text[start : start + size] in places:
                return True
    return False


def _may_fit(
    model: CharModel, masks: _Masks, text: str, i: int, unseen: tuple[bool, bool], partners: str
) -> bool:
    """Whether some confusable of ``text[i]``, at a seam, is seen often beside its
    neighbours and across the seam, as :meth:`StatisticalFinder._judge` requires: a cheap
    test before it for the many seams that have none (a window with characters that are no
    Chinese ones is left to it)."""
    lo = i - 2
    window = text[lo : i + 3] if lo >= 0 else ""
    if len(window) < 5 or not _ALL_HAN.fullmatch(window):
        return True
    confusable = masks.confusable(text[i], partners)
    after, before = masks.frequent_after(text[i - 1]), masks.frequent_before(text[i + 1])
    keep = confusable & (after | before if unseen[0] and unseen[1] else after & before)
    # one candidate at a time until one passes (most seams: none)
    return bool(keep) and next(_seam_fixes(model, window, 2, masks.each(keep), unseen[0]), "") != ""


# a sentence with this many characters in traditional form is written in traditional ones
_TRADITIONAL = 2
# how far either side of a position its sentence is read (as the traditional kind reads it)
_SENTENCE_REACH = 100


def _in_traditional(scan: ScanInput, i: int) -> bool:
    """Whether position ``i`` is in a sentence written in traditional characters: at least
    ``_TRADITIONAL`` Chinese characters of it fold to another one."""
    text, folded = scan.text, scan.folded
    first, last = sentence_bounds(folded, i, i, _SENTENCE_REACH)
    found = 0
    for k in range(first, last):
        if text[k] != folded[k] and is_han(text[k]) and is_han(folded[k]):
            found += 1
            if found >= _TRADITIONAL:
                return True
    return False


def _seam_odd(model: CharModel, text: str, i: int, starts: bool) -> bool:
    """Whether ``text[i]``, at a seam where two words meet (the first character of its word
    when ``starts``, else the last), is seen at most ``SEAM_OWN`` times with the two
    characters on its word's side (情防空 in 疫情防空|措施: never)."""
    three = text[i : i + 3] if starts else text[i - 2 : i + 1] if i >= 2 else ""
    if len(three) < 3:
        return False
    if not _ALL_HAN.fullmatch(three):  # (punctuation, digits: the model's classes)
        three = classes(three)
    return model.count3(*three) <= SEAM_OWN


def _seam_fixes(
    model: CharModel, window: str, at: int, options: Iterable[str], starts: bool
) -> Iterator[str]:
    """Those of ``options`` for ``window[at]`` (at a seam, see :func:`_seam_odd`) that the
    model saw at least ``SEAM_FIX`` times both across the seam and with the word's side
    (防控措 and 情防控 for 疫情防空|措施; 人民防空 keeps 民防空, seen): those seen across
    the seam counted at once (most seams have none), the word's side lazily."""
    count3 = model.count3
    before, after = window[at - 1], window[at + 1]
    chars = "".join(options)
    counts = model.count3s(before, chars, after)
    across = [x for x, n in zip(chars, counts, strict=True) if n >= SEAM_FIX]
    if starts:  # the word's side is to the right
        right2 = window[at + 2]
        return (x for x in across if count3(x, after, right2) >= SEAM_FIX)
    left2 = window[at - 2]
    return (x for x in across if count3(left2, before, x) >= SEAM_FIX)


def _weak_options(
    model: CharModel,
    masks: _Masks,
    data: _Data,
    has_word: Callable[[str], bool],
    text: str,
    i: int,
) -> str:
    """The confusables of ``text[i]``, a character between two rare pairs (``weak_pairs``),
    that make the word the rule's field asks for: the original's three characters seen at
    most once, inside no dictionary word, not in a parallel phrase; the confusable's seen at
    least ``weak_trigram`` times, its pairs ``weak_ratio`` times as common, a dictionary word
    covering it."""
    three = text[i - 1 : i + 2]
    if len(three) < 3 or not data.skip.isdisjoint(three):
        return ""
    left, ch, right = three[0], three[1], three[2]
    if ch in text[max(0, i - 4) : i] or ch in text[i + 1 : i + 5]:
        return ""  # a parallel phrase (应改尽改, 汇众智、凝众力; 越滑越远: loose_chars): meant
    count2, count3 = model.count2, model.count3
    if count3(left, ch, right):
        return ""  # the three characters are seen
    keep = (
        masks.confusable(ch, data.partners.get(ch, ""))
        & masks.frequent_after(left)
        & masks.frequent_before(right)
        & masks.besides(data.skip)
    )
    if not keep:
        return ""
    ratio = data.weak_ratio
    own_left, own_right = count2(left, ch), count2(ch, right)
    chars = masks.chars(keep)
    options = [
        x
        for x, n in zip(chars, model.count3s(left, chars, right), strict=True)
        if n >= data.weak_trigram
        and count2(left, x) >= ratio * own_left
        and count2(x, right) >= ratio * own_right
    ]
    if not options:
        return ""
    near = max(0, i - 3)
    local = text[near : i + 4]
    at = i - near
    slices = _slices(at, len(local))
    if any(map(has_word, map(local.__getitem__, slices))):
        return ""  # the original is a word there (a new combination, not a slip)
    head, tail = local[:at], local[at + 1 :]
    return "".join(
        x for x in options if any(map(has_word, map((head + x + tail).__getitem__, slices)))
    )


def loose_chars(model: CharModel, text: str, most: int, *, vectorized: bool = False) -> list[int]:
    """Each i where text[i] is a Chinese character seen with both its neighbours, Chinese
    characters not the same one, at most ``most`` times each (see
    :meth:`CharModel.loose_han_chars`). ``vectorized``: with numpy (same result)."""
    if len(text) < 3:
        return []
    if vectorized or "numpy" in sys.modules:
        found = model.loose_han_chars(text, most)
        if found is not None:
            return found
    return _loose_chars_plain(model, text, most)


def _loose_chars_plain(model: CharModel, text: str, most: int) -> list[int]:
    """:func:`loose_chars` without numpy."""
    # as _unseen_pairs_plain: one byte per pair from C-level loops, seen and seen often
    # (the characters' often-seen successors looked up once per distinct character)
    chars = list(text)
    successors = model.successors
    often = {ch: model.often_after(ch, most) for ch in set(chars)}
    following = iter(chars)
    next(following, None)
    seen = bytes(map(operator.contains, map(successors.get, chars, repeat("")), following))
    following = iter(chars)
    next(following, None)
    frequent = bytes(map(operator.contains, map(often.__getitem__, chars), following))
    n = len(seen)
    weak = int.from_bytes(seen, "little") & ~int.from_bytes(frequent, "little")
    code_units = text.encode("utf-16-be")
    if len(code_units) == 2 * len(text):  # (else the Chinese test below, one by one)
        han = code_units[::2].translate(_HAN_HIGH)
        weak &= int.from_bytes(han[:-1], "little") & int.from_bytes(han[1:], "little")
    loose = (weak & (weak >> 8)).to_bytes(n, "little")  # pair i - 1 and pair i (byte i - 1)
    return [
        j + 1
        for j in map(_START, _FOUND.finditer(loose))
        if text[j] != text[j + 2]
        and is_han(text[j])
        and is_han(text[j + 1])
        and is_han(text[j + 2])
    ]


def _near(text: str, i: int, words: tuple[str, ...]) -> bool:
    """Whether one of ``words`` occurs within ``ELEMENT_REACH`` characters of ``i``."""
    stretch = text[max(0, i - ELEMENT_REACH) : i + ELEMENT_REACH + 1]
    return any(word in stretch for word in words)


def _repeated(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` occurs again within ``REPEAT_REACH`` characters: a slip is
    seldom typed twice, a string used twice in a document is meant (顺差过大 … 涨幅过大)."""
    return text.count(text[start:end], max(0, start - REPEAT_REACH), end + REPEAT_REACH) > 1


def _before_name_word(text: str, i: int, name_before: tuple[str, ...]) -> bool:
    """Whether ``i`` is one of the one to three Chinese characters right before one of
    ``name_before`` (冼志雄同志: 冼, 志 and 雄)."""
    return any(
        text.startswith(name_before, k) and _ALL_HAN.fullmatch(text[i:k]) is not None
        for k in range(i + 1, min(i + 4, len(text)))
    )


# a document's neighbourhood (as the homophone kind's): a string used twice there is meant
REPEAT_REACH = 5000
# how far a substance's context word (element_context) may stand from an element's name
ELEMENT_REACH = 8
# where two words meet at an unseen pair, the characters at the seam are judged (SEAMS) when
# the original was never seen with its word's other neighbour (at most SEAM_OWN times) and the
# correction was seen at least SEAM_FIX times both across the seam and inside the word
# (_seam_fixes; 30: on ECSpell odw.train the seam proposals then hold no false alarm)
SEAMS = True
SEAM_OWN = 0
SEAM_FIX = 30
# a correction that makes no dictionary word stands when the model saw it with both
# neighbours this often (凝心聚: 415 times); 0: never
TRIGRAM_WORD = 50

# jieba tags: idioms and set phrases; prepositions, conjunctions, particles, pronouns,
# adverbs, locatives (one-character function words that join freely with any neighbour)
_SET_PHRASES = frozenset({"i", "l"})
_FUNCTION_TAGS = frozenset("pcurdfy")
# the marks a clause opens after (a conjunction right after one is meant: ，且)
_CLAUSE_BREAKS = frozenset("，；：,;:")
# jieba tags of names: people, places, organisations, other proper nouns (乳扇 is a plain noun)
_NAME_TAGS = frozenset({"nr", "ns", "nt", "nz"})


class _Masks:
    """Sets of a model's characters as bit masks over their vocabulary indices (Python ints),
    each built on first use: the characters seen after one and before one more than once, and
    those confused with one.
    A suspect's options are then two or three ANDs, whatever the length of the sets."""

    _MOST = 4096  # masks kept per kind of set (a mask is at most ~550 bytes)

    def __init__(self, model: CharModel) -> None:
        self._model = model
        self._confusable: dict[str, int] = {}
        self._besides: dict[frozenset[str], int] = {}
        self._frequent_after: dict[str, int] = {}
        self._frequent_before: dict[str, int] = {}
        self._sounds: dict[str, int] = {}

    def _mask(self, chars: str, cache: dict[str, int], key: str) -> int:
        index, size = self._model.index, self._model.size
        digits = bytearray(b"0") * size
        for i in map(index.get, chars, repeat(0)):
            digits[i] = 49  # "1"
        digits.reverse()  # the binary digits of the mask, index 0 last
        if len(cache) >= self._MOST:
            cache.clear()
        mask = cache[key] = int(digits, 2)
        return mask

    def frequent_after(self, ch: str) -> int:
        """The characters seen right after ``ch`` more than once."""
        mask = self._frequent_after.get(ch)
        if mask is None:
            mask = self._mask(self._model.frequent.get(ch, ""), self._frequent_after, ch)
        return mask

    def frequent_before(self, ch: str) -> int:
        """The characters seen right before ``ch`` more than once."""
        mask = self._frequent_before.get(ch)
        if mask is None:
            chars = self._model.frequent_predecessors(ch)
            mask = self._mask(chars, self._frequent_before, ch)
        return mask

    def confusable(self, ch: str, partners: str = "") -> int:
        """The characters confused with ``ch``, with its conversion ``partners``."""
        key = ch + partners
        mask = self._confusable.get(key)
        if mask is None:
            chars = self._model.confusables.get(ch, "") + partners
            mask = self._mask(chars, self._confusable, key)
        return mask

    def sounds(self, ch: str, chars: str) -> int:
        """``chars``, the characters read like ``ch`` (the rule's ``same_sound``)."""
        mask = self._sounds.get(ch)
        if mask is None:
            mask = self._mask(chars, self._sounds, ch)
        return mask

    def besides(self, chars: frozenset[str]) -> int:
        """All the characters but ``chars``."""
        mask = self._besides.get(chars)
        if mask is None:
            index = self._model.index
            mask = self._besides[chars] = ~sum(1 << index[ch] for ch in chars if ch in index)
        return mask

    def each(self, mask: int) -> Iterator[str]:
        """The characters of ``mask`` one by one, in the order of :meth:`chars`."""
        chars0 = self._model._chars0
        while mask:
            low = mask & -mask
            yield chars0[low.bit_length() - 1]
            mask ^= low

    def chars(self, mask: int) -> str:
        """The characters of ``mask``, in vocabulary order (most frequent first)."""
        return "".join(self.each(mask))


class _Words:
    """How the segmenter cuts the text around the unseen pairs (each stretch cut on its own).

    The stretches are cut in one call, joined by a separator: the segmenter cuts each run of
    Chinese characters, letters and digits on its own, and a character that is none of these
    (nor a space) is a word by itself, so each stretch is cut as if alone. Words are kept in
    the joined string's offsets; a stretch's own words never reach past its ends."""

    _SEPARATOR = "\x00"

    def __init__(
        self, segmenter: Segmenter, text: str, pairs: list[int], needed: list[int] | None = None
    ) -> None:
        """The words around ``pairs``; with ``needed`` (sorted positions at the pairs), only
        the stretches holding one of them are cut (no word of the others is asked for)."""
        # the windows around the pairs, merged where they overlap or touch (the pairs come
        # sorted and the windows are all as wide: no sorting needed)
        # (windows [j - 5, j + 7): two pairs at most 12 apart share one)
        n = len(text)
        gaps = list(map(operator.sub, pairs[1:], pairs))
        firsts = [pairs[0], *compress(pairs[1:], map((12).__lt__, gaps))]
        lasts = [*compress(pairs, map((12).__lt__, gaps)), pairs[-1]]
        los = [first - 5 if first > 5 else 0 for first in firsts]
        his = [min(n, last + 7) for last in lasts]
        if needed is not None:
            # the stretches holding a needed position (each is cut on its own: the others
            # change none of their words)
            # (each position's stretch is the first ending past it: bisected in C, no loop)
            kept = sorted(set(map(partial(bisect_right, his), needed)))
            los, his = list(map(los.__getitem__, kept)), list(map(his.__getitem__, kept))
        # where each stretch starts in the joined string (one separator after each)
        joined_los = list(accumulate(map(operator.sub, his, los), initial=0))
        joined_los = list(map(operator.add, joined_los, range(len(joined_los))))
        self._los, self._his = los, his
        self._shifts = list(map(operator.sub, los, joined_los))  # text offset - joined offset
        joined = self._SEPARATOR.join(map(text.__getitem__, map(slice, los, his)))
        self._edges = list(accumulate(map(len, segmenter.cutter()(joined)), initial=0))

    def _token(self, i: int) -> tuple[int, int, int, int]:
        """The word holding text offset ``i``: its index in the edges, the joined offset of
        ``i``, and where its stretch starts and ends (joined offsets); -1 outside them."""
        s = bisect_right(self._los, i) - 1
        if s < 0 or i >= self._his[s]:
            return -1, 0, 0, 0
        shift = self._shifts[s]
        at = i - shift
        return bisect_right(self._edges, at) - 1, at, self._los[s] - shift, self._his[s] - shift

    def between_words(self, boundary: int) -> bool:
        """Words of two or more characters end and begin at ``boundary``."""
        k, at, first, _ = self._token(boundary)
        edges = self._edges
        return (
            k > 0
            and edges[k] == at
            and at > first  # (a stretch's first word has no word before it)
            and edges[k + 1] - at > 1
            and at - edges[k - 1] > 1
        )

    def around(self, i: int) -> tuple[int, int, int]:
        """Lengths of the word holding ``i`` and of the words just before and after it."""
        k, _, first, last = self._token(i)
        if k < 0:
            return 1, 0, 0
        edges = self._edges
        start, end = edges[k], edges[k + 1]
        before = start - edges[k - 1] if start > first else 0
        after = edges[k + 2] - end if end < last else 0
        return end - start, before, after


def _word_covering(
    has_word: Callable[[str], bool], text: str, i: int, lengths: tuple[int, ...]
) -> tuple[int, int] | None:
    """The first dictionary word covering position ``i``, trying ``lengths`` in order."""
    for start, end in _spans(i, len(text), lengths):
        if has_word(text[start:end]):
            return start, end
    return None


@cache
def _spans(i: int, n: int, lengths: tuple[int, ...]) -> tuple[tuple[int, int], ...]:
    """The spans of the given lengths in a text of ``n`` characters that cover position
    ``i``, in the order :func:`_word_covering` tries them (few shapes: computed once)."""
    return tuple(
        (start, start + length)
        for length in lengths
        for start in range(max(0, i - length + 1), min(i, n - length) + 1)
    )


@cache
def _slices(i: int, n: int) -> tuple[slice, ...]:
    """:func:`_spans` for words of 2 to 4 characters, as slices: testing them all is then
    one C-level loop, ``any(map(has_word, map(text.__getitem__, slices)))``."""
    return tuple(slice(a, b) for a, b in _spans(i, n, (2, 3, 4)))


_ALL_HAN = re.compile("[\u4e00-\u9fff]*")
_UNSEEN = re.compile(b"\x00")
_FOUND = re.compile(b"\x01")
_START = operator.methodcaller("start")
# the high byte of a UTF-16 code unit: 1 for U+4E00-U+9FFF, 0 for the rest
_HAN_HIGH = bytes(int(0x4E <= b <= 0x9F) for b in range(256))


# A stretch where unseen pairs are this dense is not text the model knows (random or
# repeated characters, another language, garbled encoding): guesses there would be noise,
# and judging every pair of a hostile page would take seconds. On the real corpus a block
# of BLOCK characters holds at most ~130 (6.4% of its Chinese characters); random
# characters and a repeated 布署 give one per character.
BLOCK = 2000
DENSE_PAIRS = 400


def _outside_dense_blocks(pairs: list[int]) -> list[int]:
    """``pairs`` without those in blocks of ``BLOCK`` characters holding more than
    ``DENSE_PAIRS`` of them."""
    counts = Counter(j // BLOCK for j in pairs)
    dense = {block for block, n in counts.items() if n > DENSE_PAIRS}
    return [j for j in pairs if j // BLOCK not in dense] if dense else pairs


# From this many pairs to judge as two-character slips, those seen too often are dropped with
# numpy (CharModel.rare_han_pairs; its table, ~2 MB, is made on first use)
_DOUBLE_VECTOR = 200

# Once a finder has judged this many characters, pairs are tested with numpy
# (CharModel.unseen_han_pairs, ~15× faster): its import (~0.05 s, once per process) then
# costs less than the plain test did (~0.1 s per million characters). A one-off scan of a
# short text never pays it; numpy already imported serves at once.
VECTOR_MIN = 300_000


def unseen_pairs(model: CharModel, text: str, *, vectorized: bool = False) -> list[int]:
    """Each j where text[j] text[j+1] are Chinese characters never seen together in the text
    the model counted (Chinese characters are their own classes). ``vectorized``: with numpy
    (same result)."""
    if len(text) < 2:
        return []
    if vectorized or "numpy" in sys.modules:
        found = model.unseen_han_pairs(text)
        if found is not None:
            return found
    return _unseen_pairs_plain(model, text)


def _unseen_pairs_plain(model: CharModel, text: str) -> list[int]:
    """:func:`unseen_pairs` without numpy (a short text need not import it; characters past
    U+FFFF)."""
    # one byte per pair, 0 where unseen, from a C-level loop. The characters listed once:
    # iterating the text twice (text, text[1:]) would make two string objects per character
    chars = list(text)
    following = iter(chars)
    next(following, None)
    successors = model.successors
    seen = bytearray(map(operator.contains, map(successors.get, chars, repeat("")), following))
    code_units = text.encode("utf-16-be")
    if len(code_units) != 2 * len(text):  # characters past U+FFFF: keep the unseen pairs of
        return [  # two Chinese characters one by one
            j
            for j in map(_START, _UNSEEN.finditer(seen))
            if "\u4e00" <= text[j] <= "\u9fff" and "\u4e00" <= text[j + 1] <= "\u9fff"
        ]
    # the pairs of two Chinese characters and not seen, as bits of integers (one byte per
    # pair, 1 or 0): three C-level operations over the text instead of a test per unseen pair
    han = code_units[::2].translate(_HAN_HIGH)
    kept = (
        int.from_bytes(han[:-1], "little")
        & int.from_bytes(han[1:], "little")
        & ~int.from_bytes(seen, "little")
    )
    return list(map(_START, _FOUND.finditer(kept.to_bytes(len(seen), "little"))))


KIND = Statistical()
