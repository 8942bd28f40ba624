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
* adjacent swaps anywhere in the term;
* drops and additions only for terms of :data:`MIN_LENGTH_FOR_INDEL`+ characters, and only
  *inside* the term: without its first or last character a term is a substring of itself,
  so the variant also matches text where the term merely follows or precedes a word;
* an added character cannot be enumerated (any of thousands), so the generated addition is
  the one that is both frequent and unambiguous: a doubled inner character (全面从从严治党),
  from a repeated keystroke or a pasted fragment. Doubling the first or last character is
  left out for the reason above (学习|习近平). Inserted filler characters (的, 之) are not
  generated: 中华民族的伟大复兴 is correct usage, and such a pattern would flag it;
* numerals are never edited or produced: a changed number (二中全会, 十三五, 党的十二大)
  names another real meeting or plan, not a typo.
"""

from __future__ import annotations

import collections
import io
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

MIN_LENGTH_FOR_INDEL = 6
# Formulations this long get whole words swapped too.
MIN_LENGTH_FOR_BLOCK_SWAP = 5
SHORT_TERM = 3

HOMOPHONES_FILE = "homophones.tsv"
SHAPES_FILE = "similar_shape.tsv"
# Real words or phrases that a variant must not equal, one per line; the shipped list is
# built from the corpus, and a user lexicon directory may add its own ``_data/nearmiss_*.txt``.
WORD_LIST_GLOB = "nearmiss_*.txt"

# Numerals (see the module docstring): never substituted, dropped, doubled or swapped with
# each other, and never produced by a substitution.
NUMERALS = frozenset("〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟廿卅")

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

    @classmethod
    def load(cls, data_dir: Path) -> Tables:
        tight: dict[str, str] = {}
        loose: dict[str, str] = {}
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
        return cls(tight, loose)

    @classmethod
    def load_all(cls, dirs: Iterable[Path]) -> Tables:
        """The tables of every directory's ``_data`` folder, later ones adding to earlier."""
        tight: dict[str, str] = {}
        loose: dict[str, str] = {}
        for directory in dirs:
            one = cls.load(Path(directory) / "_data")
            for ch, more in one.tight.items():
                tight[ch] = tight.get(ch, "") + more
            for ch, more in one.loose.items():
                loose[ch] = loose.get(ch, "") + more
        return cls(tight, loose)

    def confusables(self, ch: str, *, tight_only: bool) -> str:
        found = self.tight.get(ch, "")
        return found if tight_only else found + self.loose.get(ch, "")


def shipped_tables() -> Tables:
    """The tables shipped in ``lexicons/_data``."""
    from .lexicon.paths import shipped_lexicon_dir

    return Tables.load(shipped_lexicon_dir() / "_data")


# -- variants -----------------------------------------------------------------------------


def swaps(term: str) -> Iterator[str]:
    """Two adjacent, different characters swapped (not two numerals: 二十 -> 十二)."""
    for i in range(len(term) - 1):
        a, b = term[i], term[i + 1]
        if a != b and _is_han(a) and _is_han(b) and not (a in NUMERALS and b in NUMERALS):
            yield term[:i] + b + a + term[i + 2 :]


def drops(term: str) -> Iterator[str]:
    """One inner character dropped (only for long terms, where the rest stays unambiguous)."""
    if len(term) < MIN_LENGTH_FOR_INDEL:
        return
    for i in range(1, len(term) - 1):
        if _editable(term[i]):
            yield term[:i] + term[i + 1 :]


def additions(term: str) -> Iterator[str]:
    """One inner character doubled (only for long terms; see the module docstring)."""
    if len(term) < MIN_LENGTH_FOR_INDEL:
        return
    for i in range(1, len(term) - 1):
        if _editable(term[i]):
            yield term[: i + 1] + term[i] + term[i + 1 :]


def substitutions(term: str, tables: Tables) -> Iterator[str]:
    """One character replaced by a homophone or a similar-shaped character."""
    tight_only = len(term) <= SHORT_TERM
    for i, ch in enumerate(term):
        if not _editable(ch):
            continue
        for other in tables.confusables(ch, tight_only=tight_only):
            if other != ch and other not in NUMERALS:
                yield term[:i] + other + term[i + 1 :]


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


def variants(term: str, tables: Tables, cut: Callable[[str], list[str]] | None = None) -> set[str]:
    """All generated variants of ``term`` (not yet filtered against real words). With
    ``cut`` (a word segmenter) long terms also get their adjacent words swapped."""
    found = set(swaps(term)) | set(drops(term)) | set(additions(term))
    found.update(substitutions(term, tables))
    if cut is not None:
        found.update(block_swaps(term, cut))
    found.discard(term)
    return found


# -- protected terms of lexicon directories -----------------------------------------------


def _read_rule_data(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".toml":
        if sys.version_info >= (3, 11):
            import tomllib
        else:  # pragma: no cover - exercised on 3.10 only
            import tomli as tomllib
        return tomllib.loads(text)
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)


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
    from .lexicon.loader import rule_files

    terms: set[str] = set()
    for directory in dirs:
        for path in rule_files(Path(directory)):
            try:
                data = _read_rule_data(path)
            except Exception:  # the validating loader reports it with file and line
                continue
            if not isinstance(data, dict) or data.get("kind") != "protected":
                continue
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


class _Needs:
    """The strings whose dictionary statistics a set of readings needs."""

    def __init__(self) -> None:
        self.heads: set[str] = set()  # must be the end of a word
        self.tails: set[str] = set()  # must be the start of a word
        self.whole: set[str] = set()  # must be whole words
        self.spans: set[str] = set()  # pieces of terms: are they words (of any length)?

    def reading(self, text: str) -> None:
        """Word end + whole words + word start (``DictionaryStats.rate``)."""
        n = len(text)
        if n > 2 * MAX_PART:
            return
        self.heads.update(text[:i] for i in range(1, min(n - 1, MAX_PART) + 1))
        self.tails.update(text[i:] for i in range(max(1, n - MAX_PART), n))
        self._whole(text, 1, n - 1)

    def _whole(self, text: str, first: int, last: int) -> None:
        """Pieces of ``text`` within [first, last) that may be whole words."""
        whole = self.whole
        for i in range(first, last):
            for j in range(i + 1, min(last, i + MAX_PART) + 1):
                whole.add(text[i:j])

    def term(self, term: str) -> None:
        """Every piece of 2+ characters of a protected term (stems of ``_standalone``)."""
        n = len(term)
        for i in range(n):
            self.spans.update(term[i:j] for j in range(i + 2, n + 1))

    def tail(self, text: str) -> None:
        """Whole words + word start (``DictionaryStats.tail_rate``)."""
        n = len(text)
        if n <= 2 * MAX_PART:
            self.tails.update(text[i:] for i in range(max(0, n - MAX_PART), n))
            self._whole(text, 0, n - 1)

    def head(self, text: str) -> None:
        """Word end + whole words (``DictionaryStats.head_rate``)."""
        n = len(text)
        if n <= 2 * MAX_PART:
            self.heads.update(text[:i] for i in range(1, min(n, MAX_PART) + 1))
            self._whole(text, 1, n)


class DictionaryStats:
    """What jieba's dictionary says about a set of candidate strings, from one pass over it
    (word, frequency): whether they are words, and how likely they are in ordinary text
    under a unigram model of the dictionary's frequencies (:meth:`rate`)."""

    def __init__(
        self,
        normalizer: _Normalizer,
        candidates: Iterable[str],
        needs: _Needs | None = None,
        path: Path | None = None,
    ) -> None:
        candidates = set(candidates)
        needs = needs or _Needs()
        for cand in candidates:
            needs.reading(cand)
        heads, tails, whole, spans = needs.heads, needs.tails, needs.whole, needs.spans
        text = normalizer.fold((path or jieba_dict_path()).read_text(encoding="utf-8"))
        lengths = sorted({len(c) for c in candidates if len(c) >= 2})
        self.words: set[str] = set()  # candidates that are dictionary words
        self.standalone: dict[tuple[str, str], bool] = {}  # memo of ``_standalone``
        # per word length: the (start, size) of every shorter piece a candidate could be
        longest = max(lengths, default=0)
        shortest = min(lengths, default=longest + 1)
        pieces = [
            [(i, size) for size in lengths if size < n for i in range(n - size + 1)]
            for n in range(longest + 2)
        ]
        inside: dict[str, int] = collections.defaultdict(int)
        start_mass: dict[str, int] = collections.defaultdict(int)
        end_mass: dict[str, int] = collections.defaultdict(int)
        word_mass: dict[str, int] = collections.defaultdict(int)
        known: dict[str, int] = collections.defaultdict(int)
        words = self.words
        # a word can only start a tail piece with one of these characters (and so on)
        tail_firsts = {t[0] for t in tails}
        head_lasts = {h[-1] for h in heads}
        total = 0
        for line in io.StringIO(text):  # line by line: no list of 350k strings at once
            word, _, rest = line.partition(" ")
            count = rest.partition(" ")[0].rstrip()
            if not count.isdigit():
                continue
            freq = int(count)
            total += freq
            n = len(word)
            if n >= 2:
                if word in candidates:
                    words.add(word)
                if word in spans:
                    known[word] += freq
                if n > shortest:
                    spots = (
                        pieces[n]
                        if n <= longest
                        else [(i, m) for m in lengths for i in range(n - m + 1)]
                    )
                    for i, size in spots:
                        piece = word[i : i + size]
                        if piece in candidates:
                            inside[piece] += freq
            if n <= MAX_PART and word in whole:
                word_mass[word] += freq
            top = n if n < MAX_PART else MAX_PART
            if word[0] in tail_firsts:
                for k in range(1, top + 1):
                    head = word[:k]
                    if head in tails:
                        start_mass[head] += freq
            if word[-1] in head_lasts:
                for k in range(1, top + 1):
                    tail = word[n - k :]
                    if tail in heads:
                        end_mass[tail] += freq
        self.inside = dict(inside)
        self.start_mass = dict(start_mass)
        self.end_mass = dict(end_mass)
        self.word_mass = dict(word_mass)
        self.known = dict(known)
        self.total = total

    def is_word(self, text: str) -> bool:
        """A dictionary word (``text`` must have been a candidate or a needed piece)."""
        return (
            text in self.words or text in self.known or (len(text) > 1 and text in self.word_mass)
        )

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
        if cand in self.words:
            return float("inf")
        if not self.total:
            return 0.0
        rate = self.inside.get(cand, 0) / self.total
        n = len(cand)
        if n > 2 * MAX_PART:
            return rate
        reach = self._forward(cand, first=None)
        for q in range(max(1, n - MAX_PART), n):
            if reach[q]:
                rate += reach[q] * self.start_mass.get(cand[q:], 0) / self.total
        return rate

    def tail_rate(self, text: str) -> float:
        """Probability per token that ``text`` is whole words then the start of a word."""
        n = len(text)
        if not self.total or n > 2 * MAX_PART:
            return 0.0
        reach = self._forward(text, first=1.0)
        return sum(
            reach[q] * self.start_mass.get(text[q:], 0) / self.total
            for q in range(max(0, n - MAX_PART), n)
            if reach[q]
        )

    def head_rate(self, text: str) -> float:
        """Probability per token that ``text`` is the end of a word then whole words."""
        n = len(text)
        if not self.total or n > 2 * MAX_PART:
            return 0.0
        reach = self._forward(text, first=None)
        return reach[n]

    def _forward(self, text: str, first: float | None) -> list[float]:
        """reach[p]: probability that text[:p] is (the end of a word, or nothing when
        ``first`` is given) followed by whole words."""
        total = self.total
        n = len(text)
        reach = [0.0] * (n + 1)
        if first is not None:
            reach[0] = first
        for p in range(1, n + 1):
            value = (
                self.end_mass.get(text[:p], 0) / total if first is None and p <= MAX_PART else 0.0
            )
            for q in range(max(0, p - MAX_PART), p):
                if reach[q]:
                    value += reach[q] * self.word_mass.get(text[q:p], 0) / total
            reach[p] = value
        return reach


def text_rates(
    normalizer: _Normalizer, candidates: set[str], path: Path | None = None
) -> dict[str, float]:
    """:meth:`DictionaryStats.rate` of every candidate."""
    stats = DictionaryStats(normalizer, candidates, path=path)
    return {cand: stats.rate(cand) for cand in candidates}


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
        return i, i  # term[i] dropped: variant[i:] == term[i + 1:]
    if (
        i + 1 < n
        and variant[i] == term[i + 1]
        and variant[i + 1] == term[i]
        and variant[i + 2 :] == term[i + 2 :]
    ):
        return i, i + 2
    return i, i + 1


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
    return all(ch in NUMERALS for ch in text)


def _seam_reads_as_text(term: str, variant: str, stats: DictionaryStats) -> bool:
    """When the part of the term left of the edit stands on its own (``_standalone``), the
    variant is real text if the rest reads as words + the start of a word often enough
    (西班牙王国 -> 西班牙|国王, 伊拉克共和国 -> 伊拉克|和|国际, 生态环境部 -> 生态环境|补偿).
    Mirrored for the part right of the edit: the rest must then end a word often enough
    (全面从严治党 -> 全|从严治党, as in 健全从严治党).
    Numerals are followed by a measure word (十八届), not by a phrase: no seam there."""
    span = _edit_span(term, variant)
    if span is None:
        return False
    start, resume = span
    left, right = variant[:start], variant[resume:]
    if (
        left
        and not _numeral(left)
        and _standalone(left, term, stats)
        and stats.tail_rate(variant[start:]) >= SEAM_RATE
    ):
        return True
    return (
        bool(right)
        and not _numeral(right)
        and not _numeral(variant[:resume])
        and _standalone(right, term, stats)
        and stats.head_rate(variant[:resume]) >= SEAM_RATE
    )


def _seam_needs(term: str, variant: str, needs: _Needs) -> None:
    span = _edit_span(term, variant)
    if span is None:
        return
    start, resume = span
    needs.tail(variant[start:])
    needs.head(variant[:resume])


def real_words(
    normalizer: _Normalizer,
    dirs: Iterable[Path],
    tables: Tables,
    cut: Callable[[str], list[str]] | None = None,
) -> set[str]:
    """Generated variants of the protected terms in ``dirs`` that are real words or real
    text; the compiler drops them. Evidence: the ``_data/nearmiss_*.txt`` lists of the
    directories (the shipped one: variants found in the real government corpus; all their
    strings are returned, for the runtime nets to skip too), and
    jieba's dictionary -- a variant that is a word, that :meth:`DictionaryStats.rate`
    expects in ordinary text, or whose seam reads as text (``_seam_reads_as_text``).

    Only variants are checked, never the whole dictionary: the result stays small and the
    dictionary is streamed once (~1 s, only when the compiled cache is rebuilt).
    """
    dirs = [Path(d) for d in dirs]
    origins: dict[str, list[str]] = {}
    for term in sorted(protected_terms(normalizer, dirs)):
        for variant in variants(term, tables, cut):
            origins.setdefault(variant, []).append(term)
    listed = listed_words(normalizer, dirs)
    if not origins:
        return listed
    real = set(listed)
    rest = origins.keys() - real
    needs = _Needs()
    for term in {term for variant in rest for term in origins[variant]}:
        needs.term(term)
    for variant in rest:
        for term in origins[variant]:
            _seam_needs(term, variant, needs)
    stats = DictionaryStats(normalizer, rest, needs)
    for variant in rest:
        if stats.rate(variant) >= JUNCTION_RATE or any(
            _seam_reads_as_text(term, variant, stats) for term in origins[variant]
        ):
            real.add(variant)
    return real
