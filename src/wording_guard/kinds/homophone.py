"""Kind ``homophone``: a two-character word typed in place of another with the same pinyin
(有关淡味 for 单位, 每年照开 for 召开, 规划桂花纲要 for 规划纲要): an input-method slip that
leaves two real words, so that no listed typo and no single wrong character gives it away.

The rule's table (built offline by ``scripts/build_word_homophones.py`` from counted official
text and jieba's dictionary) lists the *suspects*: dictionary words for which a word of the same
toneless pinyin is far commoner in official text, with those *corrections*, and the word pairs
official text shows around each correction. A suspect is judged only

1. where one of the two character pairs at its edges was never seen by the character model (a
   slip leaves a seam: 有关|淡味; a word that belongs there is usually seen beside its
   neighbours), and
2. where the segmenter cuts it as a word of its own.

A suspect the counted official text never uses as a word, whose two characters it seldom
writes together (刑政, 当政), is judged without a seam as well (with ``seamless_weights``, fitted
apart) where the seam is one of degree: a correction makes a pair with the character before or
after that the model saw ``seamless_ratio`` times as often as the suspect's (打破刑政性垄断:
破行 against 破刑), and neither three-character string the suspect makes with a neighbour is
one official text writes (积极性 holds 极性).

A correction is weighed only where official text puts it beside a neighbouring word of two or
more characters, or where it joins the text around into fewer words (联席悔意办公室 → 会议); then
each correction is scored by a logistic function of ``FEATURES`` (the character model's
gain, how often official text puts the correction beside the neighbouring words, how rare the
suspect is anywhere, whether the text uses it more than once …), with weights fitted offline,
and the best one that passes a level's threshold is reported. A suspect the counted official
text itself writes ``notice_common`` times or more (游轮 beside 邮轮, 违犯 beside 违反) is a real
reading too: it is weighed only where a seam joins it to a word of two or more characters (not
号|游轮, a name's suffix), and reported at the loosest level at most. Candidates are tentative: a
listed error or a structural finding on the same text wins.

Cost: the suspects are anchors of the shared automaton; a hit costs two pair lookups (a hit of
a suspect judged without a seam a few more), and only the few past the seam test are segmented
and scored. The table (1.6 MB) loads on first need.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from pydantic import Field, model_validator

from ..charmodel import BREAK, CharModel, Models, classes, is_han, sha256_of, through_copy
from ..errors import LexiconError
from ..lexicon.schema import EntryBase, RuleBase, Strict
from ..normalize import View
from .base import (
    AnchorSearch,
    Candidate,
    KindDoc,
    RuleKind,
    ScanEnv,
    ScanInput,
    data_file,
    entries_of,
    logistic,
    read_json_table,
)

if TYPE_CHECKING:
    from ..compiler import Builder
    from ..lexicon.loader import LoadedRule
    from ..segment import Segmenter

TABLE_FORMAT = "wording-guard-word-homophones/2"
FEATURES = (
    "gain",  # natural-log gain of the character model over the four trigrams the word touches
    "rarity",  # log10 of the suspect's jieba frequency / 6e7 (how common it is anywhere)
    "left_pmi",  # PMI of (previous word, correction) in official text, in [-2, 8]; -2 unseen
    "right_pmi",  # PMI of (correction, next word), likewise
    "left_content",  # 1: the previous word is two or more Chinese characters
    "right_content",  # 1: the next word is
    "fewer_words",  # how many fewer words the ten characters around are cut into, corrected
    "seams",  # how many of the suspect's two edge pairs the character model never saw (1-2)
    "repeated",  # 1: the suspect occurs again within REPEAT_REACH characters
    "verb",  # 1: jieba tags the correction as a verb
)
MIN_GAIN = 2.0  # corrections the character model does not clearly prefer are not scored
MIN_BIGRAM = 2  # word pairs seen fewer times are unseen
REPEAT_REACH = 5000  # a document's neighbourhood: a word used twice there is meant
_UNSEEN_PMI = -2.0


class HomophoneWeights(Strict):
    """A logistic score: the probability that the correction is right is
    1 / (1 + exp(-(bias + sum of weight * feature))). Fitted offline (see the rule file)."""

    bias: float
    gain: float
    rarity: float
    left_pmi: float
    right_pmi: float
    left_content: float
    right_content: float
    fewer_words: float
    seams: float
    repeated: float
    verb: float

    def vector(self) -> tuple[float, ...]:
        return tuple(getattr(self, name) for name in FEATURES)


class HomophoneEntry(EntryBase):
    level: Literal["strict", "loose"]
    """``strict`` findings need the higher probability; ``loose`` ones the lower."""
    threshold: float = Field(gt=0, lt=1)
    """The probability a correction must pass."""


class HomophoneRule(RuleBase):
    kind: Literal["homophone"]
    table: str = Field(min_length=1)
    """The table of suspects, relative to the rule file (scripts/build_word_homophones.py)."""
    model: str = Field(min_length=1)
    """The character model, relative to the rule file (as the statistical kind's)."""
    weights: HomophoneWeights
    common: int = Field(default=10, ge=1)
    """A suspect the counted official text itself uses this often is a word of its own
    there (趋于, 制订), never judged."""
    notice_common: int | None = Field(default=None, ge=1)
    """A suspect the counted official text itself uses at least this often (and fewer than
    ``common`` times) is a word official text writes as well as its correction (游轮 beside
    邮轮, 违犯 beside 违反): a reading the model cannot rule out, reported at the loosest
    level (a notice) at most. None: every suspect may take any level."""
    seamless_weights: HomophoneWeights | None = None
    """The score of the corrections of a suspect the counted official text never uses (刑政,
    当政), weighed without a seam. Fitted apart, on those corrections only. None: a seam is
    always needed."""
    seamless_ratio: float = Field(default=10.0, gt=1)
    """Such a suspect is weighed where a correction's pair with the character before or after
    was seen at least this many times as often as the suspect's (打破刑政: 破行 against 破刑)."""
    seamless_common: int = Field(default=1, ge=1)
    """Suspects the counted official text uses as a word fewer times than this are weighed
    without a seam (1: only those it never uses) …"""
    seamless_pair_max: int = Field(default=30, ge=0)
    """… and whose two characters the character model saw together at most this often (not
    极性, 一系: inside 积极性, 一系列 official text writes them all the time)."""
    entries: list[HomophoneEntry] = Field(min_length=1, max_length=2)

    @model_validator(mode="after")
    def _levels(self) -> HomophoneRule:
        levels = [e.level for e in self.entries]
        if len(set(levels)) != len(levels):
            raise ValueError("each level may be given by one entry only")
        return self


@dataclass(frozen=True)
class _Data:
    table: Path
    model: Path
    suspects: tuple[str, ...]
    bias: float
    weights: tuple[float, ...]
    levels: tuple[tuple[int, float], ...]  # (entry, threshold), strictest first
    # the weights of the corrections weighed without a seam, and the suspects (indices into
    # ``suspects``) that may be: those the counted official text uses fewer than
    # ``seamless_common`` times
    seamless: tuple[float, tuple[float, ...]] | None = None
    never_used: frozenset[int] = frozenset()
    seamless_ratio: float = 10.0
    seamless_pair_max: int = 30
    # the suspects official text itself writes ``notice_common`` times or more: the loosest
    # level at most
    capped: frozenset[str] = frozenset()

    def probability(self, features: tuple[float, ...], seamless: bool = False) -> float:
        if seamless:
            assert self.seamless is not None
            return logistic(*self.seamless, features)
        return logistic(self.bias, self.weights, features)


class Table:
    """The suspects, their corrections and the word pairs around the corrections."""

    def __init__(self, raw: dict[str, Any]) -> None:
        if raw.get("format") != TABLE_FORMAT:
            raise ValueError(f"not a {TABLE_FORMAT} table")
        # suspect -> how often the counted official text uses it
        self.counts: dict[str, int] = {w: count for w, (_, count, _) in raw["suspects"].items()}
        # suspect -> (its jieba frequency, its corrections (two characters each, commonest
        # first), a bit per correction: 1 for a verb); compact: 18 k of them
        self.suspects: dict[str, tuple[int, str, int]] = {
            w: (jf, "".join(x for x, _, _ in xs), sum(v << k for k, (_, _, v) in enumerate(xs)))
            for w, (jf, _count, xs) in raw["suspects"].items()
        }
        # per correction: the words seen before / after it, each between NULs, and their
        # PMIs in tenths, one character each (chr(32 + tenths))
        self.left: dict[str, tuple[str, str]] = {x: tuple(v) for x, v in raw["left"].items()}
        self.right: dict[str, tuple[str, str]] = {x: tuple(v) for x, v in raw["right"].items()}

    @classmethod
    def load_cached(cls, path: Path, where: Path | None) -> Table:
        """:meth:`load`, through a pickled copy in the cache folder ``where`` (None: no
        cache): reading the gzip JSON takes ~0.1 s, the copy ~15 ms. The copy is named after
        the table file's SHA-256; one that cannot be read is rebuilt, never trusted."""
        if where is None:
            return cls.load(path)
        copy = where / f"homophones-{TABLE_FORMAT.rsplit('/', 1)[1]}-{sha256_of(path)[:24]}.pickle"
        return through_copy(cls, copy, partial(cls.load, path))

    @classmethod
    def load(cls, path: Path) -> Table:
        raw = _read_table(path)
        try:
            return cls(raw)
        except (KeyError, TypeError, ValueError) as err:
            raise LexiconError(f"{path}: not a word homophone table ({err})") from None

    @staticmethod
    def counts_of(path: Path) -> dict[str, int]:
        """:attr:`counts` of the table file, without building the rest (compiling needs
        no more)."""
        raw = _read_table(path)
        try:
            return {w: count for w, (_, count, _) in raw["suspects"].items()}
        except (KeyError, TypeError, ValueError) as err:
            raise LexiconError(f"{path}: not a word homophone table ({err})") from None

    @staticmethod
    def pmi(pairs: dict[str, tuple[str, str]], x: str, other: str) -> float:
        """How much more often than chance official text shows ``x`` beside ``other`` (on
        the side ``pairs`` holds), in [0, 8]; -2 for a pair seen too rarely."""
        entry = pairs.get(x)
        if entry is None:
            return _UNSEEN_PMI
        words, codes = entry
        at = words.find(f"\x00{other}\x00")
        if at < 0:
            return _UNSEEN_PMI
        return (ord(codes[words.count("\x00", 0, at)]) - 32) / 10


def _read_table(path: Path) -> dict[str, Any]:
    return read_json_table(path, TABLE_FORMAT, "word homophone table")


class Homophone(RuleKind):
    name = "homophone"
    rule_model = HomophoneRule
    doc = KindDoc(
        what="A two-character word typed for another of the same pinyin, where the text "
        "around wants the other (有关淡味 → 单位, 每年照开 → 召开, 说明才聊 → 材料); with "
        "`notice_common`, one official text writes itself (游轮, 违犯) only beside a word it "
        "is cut from, as a notice.",
        why="Input methods offer every word of a pinyin; picking the wrong one leaves two "
        "real words, which no list of typos and no unseen character pair catches alone.",
        example="table: ../_data/word_homophones.json.gz\nentries:\n- level: strict\n"
        "  threshold: 0.95\n# → flags 淡味 in 有关淡味同志, suggesting 单位",
    )

    def computed_suggestion(self, entry: EntryBase) -> bool:
        return True

    def compile(self, loaded: LoadedRule, builder: Builder) -> None:
        rule = loaded.rule
        assert isinstance(rule, HomophoneRule)
        table = data_file(loaded, rule.table, "table file")
        model = data_file(loaded, rule.model, "model file")
        counts = Table.counts_of(table)
        suspects = tuple(sorted(w for w, n in counts.items() if n < rule.common))
        rule_index = builder.add_rule(loaded)
        levels = []
        for _, entry, line in entries_of(loaded):
            assert isinstance(entry, HomophoneEntry)
            levels.append((builder.add_entry(rule_index, entry, line), entry.threshold))
        levels.sort(key=lambda level: -level[1])
        weights, seamless = rule.weights, rule.seamless_weights
        data = _Data(
            table,
            model,
            suspects,
            weights.bias,
            weights.vector(),
            tuple(levels),
            (seamless.bias, seamless.vector()) if seamless else None,
            frozenset(i for i, w in enumerate(suspects) if counts[w] < rule.seamless_common)
            if seamless
            else frozenset(),
            rule.seamless_ratio,
            rule.seamless_pair_max,
            frozenset(w for w in suspects if counts[w] >= rule.notice_common)
            if rule.notice_common is not None
            else frozenset(),
        )
        builder.kind_data.setdefault(self.name, []).append(data)

    def finder(self, data: Any, env: ScanEnv) -> HomophoneFinder | None:
        return HomophoneFinder(data, env.segmenter, env.models) if data else None


class HomophoneFinder:
    """Per rule, the suspects found in the text, judged where they leave a seam."""

    def __init__(self, rules: list[_Data], segmenter: Segmenter, models: Models) -> None:
        self._rules = [
            (data, AnchorSearch(data.suspects, longest=False, folded=True)) for data in rules
        ]
        self.anchors = tuple(a for _, search in self._rules for a in search.anchors)
        self._segmenter = segmenter
        # the lexicons' own short strings: a correction that would make one of them with a
        # neighbour (四个资信 → 四个自信) is left to their rules, whose near-misses decided
        # whether the written form is a slip of it. Made on first need, not at start-up
        # (idempotent: threads may race harmlessly)
        self._lexicon_terms: frozenset[str] | None = None
        self._models = models
        # per rule (by id), whether a suspect is weighed without a seam, by its index, once
        # asked (idempotent: threads may race harmlessly)
        self._seamless: dict[int, dict[int, bool]] = {}

    def _table(self, path: Path) -> Table:
        return self._models.loaded(path, Table.load_cached)

    def find(self, scan: ScanInput) -> Iterator[Candidate]:
        for data, search in self._rules:
            hits = search.find(scan, ordered=False)
            if not hits:
                continue
            loosest = data.levels[-1][1]
            # start -> (gain, correction, p, suspect)
            best: dict[int, tuple[float, str, float, str]] = {}
            for found in self._judged(data, scan.folded, hits, kept_only=True):
                p = data.probability(found.features, found.seamless)
                if p > loosest and (found.start not in best or found.gain > best[found.start][0]):
                    best[found.start] = (found.gain, found.correction, p, found.word)
            for start, (_, correction, p, word) in sorted(best.items()):
                if word in data.capped:
                    entry = data.levels[-1][0]  # a word official text writes: a notice at most
                else:
                    entry = next(entry for entry, threshold in data.levels if p > threshold)
                yield Candidate(start, start + 2, entry, correction, tentative=True)

    def judgements(self, data: _Data, text: str) -> Iterator[Judgement]:
        """Every correction the rule of ``data`` weighs in ``text``, whatever its score, and
        those the word-pair gate drops too (``kept`` False: never reported, but they help fit
        the weights; benchmarks/homophone_tuning.py)."""
        # the rule's own search, whose automaton is built once (not once per text)
        search = next((s for d, s in self._rules if d is data), None) or AnchorSearch(
            data.suspects, longest=False, folded=True
        )
        view = View(text)
        yield from self._judged(
            data, text, search.find(ScanInput(text, text, view, None)), kept_only=False
        )

    def _judged(
        self, data: _Data, text: str, hits: list[tuple[int, int, int]], *, kept_only: bool
    ) -> Iterator[Judgement]:
        model = self._models.get(data.model)
        successors = model.successors
        n = len(text)
        never_used = data.never_used
        # whether a suspect is weighed without a seam: one of ``never_used`` whose characters
        # the model saw together at most ``seamless_pair_max`` times (asked once per suspect)
        seamless = self._seamless.setdefault(id(data), {}) if never_used else {}
        count2, most = model.count2, data.seamless_pair_max
        for i, start, _end in hits:
            # the seam test first: two substring tests per hit (Chinese characters are
            # their own classes, anything else is read as the model's class)
            left = text[start - 1] if start else BREAK
            right = text[start + 2] if start + 2 < n else BREAK
            # (is_han written out: thousands of hits a text)
            if not "\u4e00" <= left <= "\u9fff" and left != BREAK:
                left = classes(left)
            if not "\u4e00" <= right <= "\u9fff" and right != BREAK:
                right = classes(right)
            word = data.suspects[i]
            seam_left = word[0] not in successors.get(left, "")
            seam_right = right not in successors.get(word[1], "")
            if seam_left or seam_right:
                yield from self._weigh(
                    data, model, text, start, word, (seam_left, seam_right), kept_only
                )
            elif i in never_used:
                ok = seamless.get(i)
                if ok is None:
                    ok = seamless[i] = count2(word[0], word[1]) <= most
                if ok and self._relative_seam(data, model, left, word, right):
                    yield from self._weigh(
                        data, model, text, start, word, (False, False), kept_only
                    )

    def _relative_seam(
        self, data: _Data, model: CharModel, left: str, word: str, right: str
    ) -> bool:
        """Whether a correction of ``word`` makes a pair with ``left`` or ``right`` seen at
        least ``seamless_ratio`` times as often as the pair ``word`` makes there (plus one):
        a seam in degree, where the suspect's own pairs were seen (打破刑政: 破行 against 破刑);
        never where ``word`` and a neighbour make a three-character string the model saw."""
        count3 = model.count3
        if count3(left, word[0], word[1]) or count3(word[0], word[1], right):
            return False  # part of a longer string official text writes (积极性, 坚定不移)
        joined = self._table(data.table).suspects[word][1]
        count2, ratio = model.count2, data.seamless_ratio
        need_left = ratio * (count2(left, word[0]) + 1)
        need_right = ratio * (count2(word[1], right) + 1)
        return any(
            count2(left, joined[k]) >= need_left or count2(joined[k + 1], right) >= need_right
            for k in range(0, len(joined), 2)
        )

    def _weigh(
        self,
        data: _Data,
        model: CharModel,
        text: str,
        start: int,
        word: str,
        sides: tuple[bool, bool],
        kept_only: bool,
    ) -> Iterator[Judgement]:
        """The corrections of ``word`` at ``start``, where ``sides`` tells at which of its
        edges the model saw no such pair (neither: weighed without a seam)."""
        seams = sides[0] + sides[1]
        table = self._table(data.table)
        rarity, joined, verbs = table.suspects[word]
        # the characters around, as read with each correction in place (local offsets)
        local_lo = max(0, start - 6)
        local = text[local_lo : start + 8]
        at = start - local_lo
        window = _Window(model, local, at)
        base = window.logp()
        # the corrections the character model clearly prefers, before anything is segmented
        # (about half of the suspects past the seam test have none)
        corrections = []
        for k in range(0, len(joined), 2):
            x = joined[k : k + 2]
            gain = window.logp(x) - base
            if gain > MIN_GAIN:
                fixed = local[:at] + x + local[at + 2 :]
                corrections.append((x, bool(verbs >> (k // 2) & 1), fixed, gain))
        if not corrections:
            return
        cut: Callable[[str], list[str]] = self._segmenter.cutter()
        lo = max(0, start - 8)
        before, after = _neighbours(cut(text[lo : start + 10]), start - lo, len(word))
        if before is None or after is None:
            return  # the segmenter does not cut the suspect as a word of its own
        near = slice(max(0, at - 4), at + 6)
        words_before = len(cut(local[near]))
        repeated = text.count(word, max(0, start - REPEAT_REACH), start + REPEAT_REACH) > 1
        content_before, content_after = _content(before), _content(after)
        # a word official text writes itself (``capped``) is weighed only where a seam joins
        # it to a word of two or more characters: beside a one-character word (号|游轮, a
        # name's suffix) an unseen pair says little about a word that is real
        beside_word = (sides[0] and content_before) or (sides[1] and content_after)
        weak_seam = word in data.capped and not beside_word
        terms = self._lexicon_terms
        if terms is None:
            terms = self._lexicon_terms = frozenset(w for w in self._segmenter.words if len(w) > 2)
        for x, verb, fixed, gain in corrections:
            if before + x in terms or x + after in terms:
                continue
            left_pmi = table.pmi(table.left, x, before)
            right_pmi = table.pmi(table.right, x, after)
            fewer = words_before - len(cut(fixed[near]))
            # the correction must be a word official text puts beside a neighbouring word (a
            # word, not a full stop), or one that joins the text around into fewer words
            # (联席悔意办公室 → 会议, 副品开发办公室 → 扶贫: a slip beside a rare word has no seen
            # pair): without either a big gain only says that the correction is the commoner
            # word (泔水喂猪。 is no 泔水为主。)
            kept = not weak_seam and (
                fewer > 0
                or (left_pmi > _UNSEEN_PMI and content_before)
                or (right_pmi > _UNSEEN_PMI and content_after)
            )
            if kept_only and not kept:
                continue
            features = (
                gain,
                math.log10(rarity / 6e7 + 1e-9),
                left_pmi,
                right_pmi,
                float(content_before),
                float(content_after),
                float(fewer),
                float(seams),
                float(repeated),
                float(verb),
            )
            yield Judgement(start, word, x, gain, features, kept, not seams)


class Judgement(NamedTuple):
    """A correction weighed, before a level's threshold decides on it."""

    start: int
    word: str
    correction: str
    gain: float
    features: tuple[float, ...]
    """In the order of ``FEATURES``."""
    kept: bool
    """Past the word-pair gate (the scanner reports no other)."""
    seamless: bool = False
    """Weighed without a seam (``seamless_weights`` score it)."""


def _neighbours(words: list[str], at: int, length: int) -> tuple[str | None, str | None]:
    """The words right before and after the word at ``at`` (``<s>``/``</s>`` at a line's
    ends), or (None, None) when no word of ``length`` starts there."""
    pos = 0
    for k, token in enumerate(words):
        if pos == at:
            if len(token) != length:
                return None, None
            before = words[k - 1] if k else "<s>"
            after = words[k + 1] if k + 1 < len(words) else "</s>"
            return (
                "<s>" if before.isspace() else before,
                "</s>" if after.isspace() else after,
            )
        if pos > at:
            break
        pos += len(token)
    return None, None


class _Window:
    """The character model's log probability of the four characters from ``i`` in ``text``
    (a suspect and the two after it), each given the two before it (a line's end past the
    text), with the suspect as written or replaced by a correction: the context is read into
    vocabulary indices once for all corrections (classes are per character)."""

    def __init__(self, model: CharModel, text: str, i: int) -> None:
        lo = max(0, i - 2)
        padded = BREAK * (2 - (i - lo)) + classes(text[lo : i + 4]) + BREAK * 4
        self._index = index = model.index
        self._ids = [index.get(ch, 0) for ch in padded[:6]]
        self._sum = model.window_logp_ids

    def logp(self, word: str | None = None) -> float:
        """With ``word`` (two characters) in place of the suspect, if given."""
        ids = self._ids
        if word is not None:
            index, pair = self._index, classes(word)
            ids = [ids[0], ids[1], index.get(pair[0], 0), index.get(pair[1], 0), ids[4], ids[5]]
        return self._sum(ids, 2, 2)  # the four trigrams ending from the suspect on


def _content(word: str) -> bool:
    return len(word) >= 2 and all(map(is_han, word))


KIND = Homophone()
