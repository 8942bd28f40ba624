"""Kind ``idiom``: a four-character idiom with its first or last character replaced by a
confusable one (严惩不怠 for 严惩不贷, 谈泊名利 for 淡泊名利).

Idioms are fixed, so three of their characters in a row name the idiom: the rule's list of
idioms (``idioms``, built by ``scripts/build_idioms.py``) gives every idiom's first three and
last three characters to one automaton. Where three of them stand in the text and the fourth
character is not the idiom's but one the confusion tables pair with it (a homophone or a
similar shape), the four characters are flagged with the idiom as the suggestion, unless they
read as a phrase of their own: they are a word of the dictionary (一刀两段 and 一刀两断 are both
listed), the odd character makes a word with its neighbour inside or outside them (重要条件
is no 充要条件, 精神入人心 no 深入人心), or the three intact characters are a word on their own
(在进一步 is 在 + 进一步).

A character replaced in the middle of an idiom leaves no three in a row; with ``middle`` among
an entry's positions, the two characters on its other side are anchors instead, for the
idioms whose pair official text seldom writes outside them (呕心 of 呕心沥血, 敷衍 of 敷衍了事:
at most ``middle_pair_max`` times in the rule's character ``model``; 发展 or 工程 names no
idiom). Where such a pair stands, the idiom's far character stands beside the gap and the
character in it is a confusable of the idiom's (呕心历血), the four are flagged, unless they
are a word, the odd character makes a word with a neighbour inside them, or the idiom's first
or last character makes a word with the character outside (开工和建设 is no 工程建设). A
common pair would make the anchors fire every few characters; the model's count keeps them
rare. Candidates are tentative: a listed misspelling wins the overlap.

Some places of an idiom are distinct: with the rule's ``anchors`` (per idiom and place, how
often a background corpus holds the other three characters with another one there, counted by
``scripts/build_idiom_anchors.py``), a place is distinct where that count is at most
``distinct_max``, or the idiom itself was seen ``distinct_ratio`` times as often (功亏一_ and
墨守_规 hold nothing else; 一年一_, 不_不_ and 大_大_ patterns hold many words). The three
characters name the idiom there by themselves, so two tests are loosened: besides the tables'
confusables, the characters of the rule's ``near_sounds`` may stand for the idiom's (those of
the same syllable once the fuzzy pairs of pinyin input, zh/z, ch/c, sh/s and ang/an, eng/en,
ing/in, are merged: 陈 for 成, 映 for 印), and the odd character may make a word with its
neighbour inside the four (墨守陈规: 陈规 is a word), where it is a near sound the tables
do not hold: a homophone or shape of the tables making a word there is as often a phrase of
its own (截至日前 beside 截至目前, 气势恢弘 beside 恢宏) as a slip. The three intact ones
being a word no longer clears the four there (墨守成 is a dictionary word, yet 墨守成归 is a
slip: at a distinct place nothing else follows it). The other tests stand: the four a
dictionary word, the odd one a word with the character outside.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, compress
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, model_validator

from ..charmodel import CharModel, is_han
from ..errors import LexiconError
from ..lexicon.schema import EntryBase, RuleBase
from ..normalize import NOISE_CHAR
from ..startup import cache_dir
from .base import (
    AnchorSearch,
    Candidate,
    KindDoc,
    Packed,
    RuleKind,
    ScanEnv,
    ScanInput,
    data_file,
    read_pairs,
    sole_entry,
)

if TYPE_CHECKING:
    from ..charmodel import Models
    from ..compiler import Builder
    from ..lexicon.loader import LoadedRule
    from ..segment import Segmenter


class IdiomEntry(EntryBase):
    positions: list[Literal["first", "middle", "last"]] = Field(
        default=["first", "last"], min_length=1
    )
    """Which character of an idiom may be found replaced: the first (the last three stand),
    the last (the first three stand), the second or third (``middle``: the pair on the other
    side and the far character stand; needs the rule's ``model``)."""


class IdiomRule(RuleBase):
    kind: Literal["idiom"]
    idioms: str
    """The list of four-character idioms, one per line (``#`` comments), relative to the
    rule file."""
    model: str | None = None
    """The character model (as the statistical kind's), relative to the rule file: for the
    ``middle`` position, which idioms' pairs are rare enough to name them."""
    middle_pair_max: int = Field(default=20, ge=0)
    """A pair of an idiom anchors the search for its middle characters only where the model
    saw the two together at most this often (呕心: once; 发展: thousands of times)."""
    anchors: str | None = None
    """Per idiom and place, how often the background corpus holds the other three characters
    with another one there (``scripts/build_idiom_anchors.py``), relative to the rule file:
    the places where the three name the idiom by themselves (``distinct_max``)."""
    distinct_max: int = Field(default=0, ge=0)
    """A place of an idiom is distinct where the corpus saw its other three characters with
    another one there at most this often (功亏一_: never; 一年一_: often) ..."""
    distinct_ratio: int = Field(default=100, ge=1)
    """... or where it saw the idiom itself at least this many times as often (睦邻友好 262
    times, 睦_友好 with another character once)."""
    distinct_pair_max: int = Field(default=300, ge=0)
    """At a distinct place the far pair anchors the search where the model saw it at most
    this often: a pair of official text's commonest words (国家, 社会, 精神) would make the
    anchor fire every few characters for a handful of idioms."""
    rare_pair_max: int | None = Field(default=None, ge=0)
    """At a distinct first or last place, a confusable of the tables may make a dictionary
    word with its neighbour inside the four where the rule's ``model`` saw that pair at most
    this often: a word official text never writes (坚苦 of 坚苦奋斗 for 艰苦奋斗) is no phrase
    of its own, where a pair it writes often is (截至日前, 恢弘). None: never (the pair being
    a word clears the four)."""
    near_sounds: str | None = None
    """Per character, those that sound alike once the fuzzy pairs of pinyin input are merged
    (``scripts/build_near_sounds.py``: 成 and 陈, 印 and 映), relative to the rule file: at a
    distinct place, these may stand for the idiom's character too."""
    entries: list[IdiomEntry] = Field(min_length=1, max_length=1)

    @model_validator(mode="after")
    def _middle_needs_a_model(self) -> IdiomRule:
        if self.model is None and any("middle" in e.positions for e in self.entries):
            raise ValueError("the middle position needs the rule's model")
        return self


@dataclass(frozen=True)
class _Data:
    entry: int
    ends: tuple[str, ...]
    """First three and last three characters of the idioms, and the rare first two and last
    two (``middle``), the automaton's patterns."""
    idioms: Sequence[tuple[tuple[str, int, str, str, bool], ...]]
    """Per pattern: (idiom, position of the character that may be replaced (3 or 0 after
    three, 2 or 1 after a pair), the characters that may stand there by mistake (at a
    distinct place the near sounds too), those of them that may make a word inside the four
    (at a distinct place, the near sounds the tables do not hold), whether the place is
    distinct)."""
    rare_model: Path | None = None
    """The character model that tells a rare pair at a distinct place (``rare_pair_max``)."""
    rare_pair_max: int = 0
    gates: str = ""
    gate_ends: array[int] = field(default_factory=lambda: array("I", [0]))
    """Per pattern ``p``, every character that may stand by mistake right after it
    (``gates[gate_ends[2p]:gate_ends[2p+1]]``) and right before it (up to
    ``gate_ends[2p+2]``): of ~10^4 hits a text a few dozen have one, and the rest are passed
    over without reading their forms. (One string and an array: a tuple of ~4*10^4 strings
    took ~40 ms of every start to unpickle.)"""


def read_idioms(path: Path) -> list[str]:
    """The idioms of a list file; a line that is not four Chinese characters is an error."""
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        word = line.strip()
        if not word or word.startswith("#"):
            continue
        if len(word) != 4 or not all(map(is_han, word)):
            raise LexiconError(
                f"'{word}' is not four Chinese characters", path=str(path), line=number
            )
        out.append(word)
    return out


def read_anchors(path: Path) -> dict[str, tuple[int, ...]]:
    """Per idiom of an anchors file, how often it was seen, then how often each of its
    places held another character."""
    out = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        idiom, *counts = line.split("\t")
        if len(idiom) != 4 or len(counts) != 5 or not all(c.isdigit() for c in counts):
            raise LexiconError("not an idiom and five counts", path=str(path), line=number)
        out[idiom] = tuple(map(int, counts))
    return out


class Idiom(RuleKind):
    name = "idiom"
    rule_model = IdiomRule
    doc = KindDoc(
        what="A four-character idiom with its first or last character replaced by a homophone "
        "or a similar shape (严惩不怠 for 严惩不贷, 谈泊名利 for 淡泊名利), where the four "
        "characters are no word themselves; with `middle`, its second or third (呕心历血 for "
        "呕心沥血), where the pair on the other side is one official text seldom writes "
        "outside the idiom (the rule's `model`, `middle_pair_max`). Where a corpus never "
        "holds an idiom's other three characters with another one (the rule's `anchors`, "
        "`distinct_max`, `distinct_ratio`), also a near sound of pinyin input (`near_sounds`: "
        "陈 for 成), which may make a word inside the four.",
        why="Thousands of idioms can each be misspelt a dozen ways; three characters in a row "
        "name the idiom, so one list and the confusion tables catch slips nobody listed.",
        example="- positions: [first, last]\n"
        "# with idioms: ../_data/idioms.txt → flags 严惩不怠, suggesting 严惩不贷",
    )

    def computed_suggestion(self, entry: EntryBase) -> bool:
        return True

    def compile(self, loaded: LoadedRule, builder: Builder) -> None:
        rule = loaded.rule
        assert isinstance(rule, IdiomRule)
        entry, index = sole_entry(loaded, builder)
        assert isinstance(entry, IdiomEntry)
        checked = {"last": (3,), "first": (0,), "middle": (1, 2)}
        positions = {at for p in entry.positions for at in checked[p]}
        path = data_file(loaded, rule.idioms, "idiom list")
        fold, tables = builder.normalizer.fold, builder.tables
        model: CharModel | None = None
        if rule.model is not None and 1 in positions:  # (and 2: ``middle`` gives both)
            try:
                # through the decoded copy in the cache folder that the scanner's statistical
                # and homophone kinds read next: the model is decoded and packed once a first
                # run, not twice (~0.3 s)
                model = CharModel.load_cached(
                    data_file(loaded, rule.model, "model file"), cache_dir()
                )
            except ValueError as err:
                raise LexiconError(str(err), path=str(loaded.path), key="model") from None
        most = rule.middle_pair_max
        distinct: dict[str, set[int]] = {}
        if rule.anchors is not None:
            counts = read_anchors(data_file(loaded, rule.anchors, "idiom anchors"))
            few, ratio = rule.distinct_max, rule.distinct_ratio
            distinct = {
                fold(idiom): {at for at, n in enumerate(others) if n <= few or seen >= ratio * n}
                for idiom, (seen, *others) in counts.items()
            }
        near: dict[str, str] = {}
        if rule.near_sounds is not None:
            near = read_pairs(data_file(loaded, rule.near_sounds, "near-sound table"))
        by_end: dict[str, list[tuple[str, int, str, str, bool]]] = {}
        # per character and distinctness, what it is mistaken for, and which of those may
        # make a word inside the four
        confused: dict[tuple[str, bool], tuple[str, str]] = {}
        for idiom in map(fold, read_idioms(path)):
            places = distinct.get(idiom, set())
            anchors = [(idiom[:3], 3), (idiom[1:], 0)]
            if model is not None:
                # the pair on the far side of a middle character, where it is rare or where
                # the other three name the idiom
                anchors += [
                    (pair, at)
                    for pair, at in ((idiom[:2], 2), (idiom[2:], 1))
                    if (n := model.count2(pair[0], pair[1])) <= most
                    or (at in places and n <= rule.distinct_pair_max)
                ]
            for end, at in anchors:
                if at not in positions:
                    continue
                ch, sure = idiom[at], at in places
                known = confused.get((ch, sure))
                if known is None:
                    others = set(tables.confusables(ch, tight_only=False)) - {ch}
                    loose: set[str] = set()
                    if sure:
                        # a near sound only: a homophone or a shape of the tables making a
                        # word inside is as often a word of its own (截至日前, 恢弘 beside
                        # 恢宏) as a slip
                        loose = set(near.get(ch, "")) - others - {ch}
                        others |= loose
                    known = confused[ch, sure] = ("".join(sorted(others)), "".join(sorted(loose)))
                if known[0]:
                    by_end.setdefault(end, []).append((idiom, at, *known, sure))
        ends = tuple(sorted(by_end))
        # the characters that may stand after an end (its idiom's last place, or the place
        # after a first pair) and before it (the first place, or the one before a last pair)
        gates: list[str] = []
        for e in ends:
            forms = by_end[e]
            gates.append("".join(sorted({c for f in forms if f[1] >= 2 for c in f[2]})))
            gates.append("".join(sorted({c for f in forms if f[1] < 2 for c in f[2]})))
        joined = "".join(gates)
        if "\n" in joined or NOISE_CHAR.search(joined):
            # the finder tests the gates in the compact view, where noise is removed
            raise LexiconError("a confusable is a noise character", path=str(loaded.path))
        # (read by index, a few a page: kept pickled until read)
        rare_model = None
        if rule.model is not None and rule.rare_pair_max is not None:
            rare_model = data_file(loaded, rule.model, "model file")
        data = _Data(
            index,
            ends,
            Packed.of(tuple(by_end[e]) for e in ends),
            rare_model,
            rule.rare_pair_max or 0,
            joined,
            array("I", [0, *accumulate(map(len, gates))]),
        )
        builder.kind_data.setdefault(self.name, []).append(data)

    def finder(self, data: Any, env: ScanEnv) -> IdiomFinder | None:
        return IdiomFinder(data, env.segmenter, env.models) if data else None


class IdiomFinder:
    """Per rule, the idioms' three-character ends found in the text."""

    def __init__(self, rules: list[_Data], segmenter: Segmenter, models: Models) -> None:
        # the ends are anchors of the scanner's shared automaton (one pass for all finders)
        self._rules = [
            (data, AnchorSearch(data.ends, longest=False, folded=True)) for data in rules
        ]
        self.anchors = tuple(a for _, search in self._rules for a in search.anchors)
        self._segmenter = segmenter
        self._models = models

    def find(self, scan: ScanInput) -> Iterator[Candidate]:
        folded = scan.folded
        n = len(folded)
        is_word: Callable[[str], bool] | None = None  # the dictionary loads on first need
        for data, search in self._rules:
            # thousands of hits a text, a few candidates: those are put in the hits' order
            found: list[tuple[tuple[int, int, int, int], int, Candidate]] = []
            # each end's forms read from the packed table once a text (common ends such as
            # 进一步 stand hundreds of times in a long one)
            forms_of: dict[int, tuple[tuple[str, int, str, str, bool], ...]] = {}
            gates, gate_ends = data.gates, data.gate_ends
            for pattern, start, end in self._hits(scan, data, search):
                # the character after the end (or before it) is no confusable of the idiom's:
                # nothing to read (an anchor's hit spans its string: end - start is its
                # length, so an idiom's place after it is ``end``, before it ``start - 1``)
                g = 2 * pattern
                if not (
                    (end < n and gates.find(folded[end], gate_ends[g], gate_ends[g + 1]) >= 0)
                    or (
                        start
                        and gates.find(folded[start - 1], gate_ends[g + 1], gate_ends[g + 2]) >= 0
                    )
                ):
                    continue
                forms = forms_of.get(pattern)
                if forms is None:
                    forms = forms_of[pattern] = data.idioms[pattern]
                for k, (idiom, at, wrong, loose, distinct) in enumerate(forms):
                    lo = start - _BEFORE_ANCHOR[at]
                    if lo < 0 or lo + 4 > n:
                        continue
                    ch = folded[lo + at]
                    if ch not in wrong:
                        continue
                    # at a distinct place a near sound may make a word inside the four
                    # (墨守陈规, 心心相映)
                    sure = ch in loose
                    window = folded[lo : lo + 4]
                    if at in (1, 2):
                        far = 0 if at == 1 else 3  # the character beyond the gap
                        if window[far] != idiom[far]:
                            continue
                        if is_word is None:
                            is_word = self._segmenter.lookup()
                        # a phrase of its own: a word, the odd character a word with a
                        # neighbour inside, the ends words with the characters outside
                        # (开|工和建设)
                        if not (
                            is_word(window)
                            or (not sure and is_word(window[at - 1 : at + 1]))
                            or (not sure and is_word(window[at : at + 2]))
                            or (lo and is_word(folded[lo - 1 : lo + 1]))
                            or (lo + 5 <= n and is_word(folded[lo + 3 : lo + 5]))
                        ):
                            candidate = Candidate(lo, lo + 4, data.entry, idiom, tentative=True)
                            found.append((search.order(pattern, start, end), k, candidate))
                        continue
                    if is_word is None:
                        is_word = self._segmenter.lookup()
                    # a phrase of its own, not a slip: the four characters are a word; the
                    # odd character makes a word with its neighbour inside (重要|条件 is no
                    # 充要条件) or outside (精神|入人心, 画面 in 这样的画面); the three intact
                    # ones are a word the odd one merely stands beside (在|进一步), unless the
                    # place is distinct: there the three name the idiom even where the
                    # dictionary lists them (墨守成 of 墨守成规: 墨守成归)
                    if at == 3:
                        pair, intact, outside = window[2:], window[:3], folded[lo + 3 : lo + 5]
                    else:
                        pair, intact, outside = (
                            window[:2],
                            window[1:],
                            folded[max(0, lo - 1) : lo + 1],
                        )
                    if not (
                        is_word(window)
                        or (not sure and is_word(pair) and not self._rare(data, pair, distinct))
                        or (not distinct and is_word(intact))
                        or (len(outside) == 2 and is_word(outside))
                    ):
                        candidate = Candidate(lo, lo + 4, data.entry, idiom, tentative=True)
                        found.append((search.order(pattern, start, end), k, candidate))
            found.sort()
            yield from (candidate for _, _, candidate in found)

    def _hits(
        self, scan: ScanInput, data: _Data, search: AnchorSearch
    ) -> list[tuple[int, int, int]]:
        """The hits of ``search.find(scan, ordered=False)`` that may be read, in some order:
        those read from the shared automaton first passed through the gates in the compact
        view, whose characters are the folded text's less the noise removed (no confusable
        is noise: see compile), and only the few that pass mapped back (of ~10^4 hits a
        long text, mapping all took most of the kind's time)."""
        anchored = scan.anchored
        if anchored is None or not search.anchors:
            return search.find(scan, ordered=False)
        view = scan.view
        text, m = view.text, len(view.text)
        gates, gate_ends = data.gates, data.gate_ends
        index = search.numbers
        kept: list[tuple[int, int, int]] = []
        # (in the folded text the character after a hit is the view's after it, or noise,
        # which no gate holds: the view's test lets through every hit the folded one would)
        for pattern in index.keys() & anchored.keys():
            i = index[pattern]
            g = 2 * i
            after = gates[gate_ends[g] : gate_ends[g + 1]]
            before = gates[gate_ends[g + 1] : gate_ends[g + 2]]
            spans = anchored[pattern]
            # (comprehensions: a common end, 进一步, stands hundreds of times a long text)
            if after and before:
                kept += [
                    (i, s, e)
                    for s, e in spans
                    if (e < m and text[e] in after) or (s and text[s - 1] in before)
                ]
            elif after:
                kept += [(i, s, e) for s, e in spans if e < m and text[e] in after]
            else:
                kept += [(i, s, e) for s, e in spans if s and text[s - 1] in before]
        if not kept or not view.has_cuts:
            return kept
        # mapped back; a hit with something removed inside is dropped (as search.find does)
        numbers = [i for i, _, _ in kept]
        unbroken, starts, ends = view.unbroken_spans(
            [s for _, s, _ in kept], [e for _, _, e in kept]
        )
        return list(zip(compress(numbers, unbroken), starts, ends, strict=True))

    def _rare(self, data: _Data, pair: str, distinct: bool) -> bool:
        """At a distinct place, the odd character's dictionary word with its inner neighbour
        is one official text (the rule's model) all but never writes (坚苦 of 坚苦奋斗)."""
        if not distinct or data.rare_model is None:
            return False
        model = self._models.get(data.rare_model)
        return model.count2(pair[0], pair[1]) <= data.rare_pair_max


# where an idiom starts, before its anchor's start, by the position the anchor leaves open:
# after its first three (3) or two (2), it starts there; before its last three (0), one
# earlier; before its last two (1), two earlier
_BEFORE_ANCHOR = {3: 0, 2: 0, 0: 1, 1: 2}

KIND = Idiom()
