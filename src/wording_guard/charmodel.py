"""A compact character n-gram model of official Chinese, for the statistical typo kind.

The model is counted offline (``scripts/build_typo_model.py``) from clean published text and
shipped as one gzip file beside the lexicons. It holds:

* the character vocabulary and unigram counts;
* every bigram seen, with its count, and per character the string of characters seen after
  it (most frequent pair first), so that "was this pair ever seen?" is a C-level substring
  test that usually stops early; and the same for the pairs seen more than once (the
  statistical kind wants its corrections to make those);
* trigrams seen at least ``min_trigram`` times, with their counts;
* for each character, the characters it is confused with (same or near sound, similar
  shape), most frequent first.

The file stores the n-grams as sorted integer keys; in memory no key is kept: an n-gram is
found by ``str.find`` of its last character among those seen after its prefix (see
:meth:`CharModel._pack`). A decoded copy in the cache folder loads in ~25 ms.

Text is reduced to *classes* before counting and scoring: Chinese characters stay as they are,
digits become ``0``, Latin letters ``a``, line ends and other breaks ``|``, common
punctuation stays, anything else becomes ``#``. :func:`classes` keeps the length, so a
position in the class string is a position in the text.
"""

from __future__ import annotations

import json
import math
import re
import threading
from array import array
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from itertools import pairwise
from pathlib import Path
from typing import Any, TypeVar

from .errors import LexiconError

FORMAT = "wording-guard-charmodel/1"
# the attributes a decoded copy in the cache folder holds; a new layout never reads an old copy
_LAYOUT = 8
_STATE = frozenset(
    "chars index size uni total confusables meta _chars0 _bi_lo _seconds bi_counts _tri_lo "
    "_thirds tri_counts successors frequent _firsts _first_lo _frequent_firsts "
    "_frequent_first_lo".split()
)
BREAK = "|"
PUNCTUATION = "，。、；：？！“”‘’（）《》—…·"
_ASCII_PUNCT = str.maketrans(",.;:?!()", "，。；：？！（）")
_DIGITS_LETTERS = str.maketrans(
    {
        **{chr(c): "0" for c in range(ord("0"), ord("9") + 1)},
        **{chr(c): "a" for c in range(ord("a"), ord("z") + 1)},
        **{chr(c): "a" for c in range(ord("A"), ord("Z") + 1)},
        "\n": BREAK,
        "\r": BREAK,
        "\t": BREAK,
    }
)
_OTHER = re.compile("[^\u4e00-\u9fff0a|" + re.escape(PUNCTUATION) + "]")


def classes(text: str) -> str:
    """``text`` reduced to the model's classes, same length."""
    return _OTHER.sub("#", text.translate(_DIGITS_LETTERS).translate(_ASCII_PUNCT))


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


@dataclass
class Counts:
    """Raw n-gram counts of class strings, before the model is packed."""

    uni: Counter[str] = field(default_factory=Counter)
    bi: Counter[str] = field(default_factory=Counter)
    tri: Counter[str] = field(default_factory=Counter)

    def add(self, line: str) -> None:
        text = BREAK + classes(line.strip()) + BREAK
        self.uni.update(text)
        self.bi.update(map(str.__add__, text, text[1:]))
        self.tri.update(a + b + c for a, b, c in zip(text, text[1:], text[2:], strict=False))

    def add_word(self, word: str) -> None:
        """A dictionary word: its inner pairs and triples count once, so that a rare but
        real word is never a pair the model has not seen."""
        text = classes(word)
        self.bi.update(map(str.__add__, text, text[1:]))
        self.tri.update(a + b + c for a, b, c in zip(text, text[1:], text[2:], strict=False))


def count_lines(lines: Iterable[str]) -> Counts:
    counts = Counts()
    for line in lines:
        if line.strip():
            counts.add(line)
    return counts


class CharModel:
    """Lookups over the packed counts. Read-only once built; safe to share between threads."""

    def __init__(
        self,
        chars: str,
        uni: array[int],
        bi_keys: array[int],
        bi_counts: array[int],
        tri_keys: array[int],
        tri_counts: array[int],
        confusables: dict[str, str],
        meta: dict[str, object],
    ) -> None:
        """The model from sorted keys and their counts (as :meth:`build` and the file give
        them), packed into the lookup layout described in :meth:`_pack`."""
        self.chars = chars
        self.index = {ch: i + 1 for i, ch in enumerate(chars)}  # 0: not in the vocabulary
        self.size = len(chars) + 1
        self.uni = uni
        self.total = sum(uni)
        self.confusables = confusables
        self.meta = meta
        self._chars0 = " " + chars  # index 0, out of the vocabulary: a space, never a class
        self._pack(bi_keys, bi_counts, tri_keys, tri_counts)

    def _pack(
        self,
        bi_keys: array[int],
        bi_counts: array[int],
        tri_keys: array[int],
        tri_counts: array[int],
    ) -> None:
        """The lookup layout: no key is kept, each n-gram is found by a C-level ``str.find``
        of its last character in the slice of the characters seen after its prefix.

        * ``_seconds``: the second character of every bigram, in key order: the bigrams of
          index ``ia`` are ``_seconds[_bi_lo[ia]:_bi_lo[ia + 1]]``; ``bi_counts`` holds their
          counts in the same order.
        * ``_thirds``: the third character of every trigram, in key order: the trigrams of
          the bigram at position ``p`` of ``_seconds`` are
          ``_thirds[_tri_lo[p]:_tri_lo[p + 1]]``; ``tri_counts`` in the same order. A
          trigram whose first two characters were never seen as a pair would never be read
          (its estimate needs that pair's count) and is left out."""
        import numpy as np  # ~1.5 M n-grams: numpy packs them in ~0.1 s, Python loops ~0.6 s

        size, chars0 = self.size, self._chars0
        code_points = np.array(list(map(ord, chars0)), dtype=np.uint32)
        bi = np.asarray(bi_keys, dtype=np.uint64)
        tri = np.asarray(tri_keys, dtype=np.uint64)
        counts2 = np.asarray(bi_counts).astype(np.uint32)
        counts3 = np.asarray(tri_counts).astype(np.uint32)
        first, second = bi // np.uint64(size), bi % np.uint64(size)
        bi_lo = np.searchsorted(bi, np.arange(size + 1, dtype=np.uint64) * np.uint64(size))
        self._bi_lo = _uints(bi_lo)
        self._seconds = _chars(code_points[second])
        self.bi_counts = _uints(counts2)
        # the trigrams of each bigram (by its key), in key order
        prefix = tri // np.uint64(size)
        pairs, per_pair = np.unique(prefix, return_counts=True)
        at = np.minimum(np.searchsorted(pairs, bi), max(len(pairs) - 1, 0))
        lengths = np.where(pairs[at] == bi, per_pair[at], 0) if len(pairs) else 0 * bi
        if int(lengths.sum()) != len(tri):  # some prefix is not a bigram: leave those out
            kept = np.isin(prefix, bi)
            tri, counts3 = tri[kept], counts3[kept]
        self._tri_lo = _uints(np.concatenate(([0], np.cumsum(lengths))))
        self._thirds = _chars(code_points[tri % np.uint64(size)])
        self.tri_counts = _uints(counts3)
        # the same pairs grouped by their second character, for predecessors()
        by_second = np.argsort(second, kind="stable")
        firsts = code_points[first[by_second]]
        self._firsts = _chars(firsts)
        first_lo = np.concatenate(([0], np.cumsum(np.bincount(second, minlength=size)[:size])))
        self._first_lo = _uints(first_lo)
        # and those seen more than once, for frequent_predecessors()
        more = counts2[by_second] > 1
        self._frequent_firsts = _chars(firsts[more])
        before = np.concatenate(([0], np.cumsum(more)))  # how many come before each pair
        self._frequent_first_lo = _uints(before[first_lo])
        self.successors = {}
        """Per character, the characters seen right after it, the most frequent pair first
        (a membership test of a common pair then stops early)."""
        self.frequent = {}
        """Per character, the characters seen right after it more than once: the head of its
        ``successors`` (a pair seen once is rare, often a word's one use or a dictionary
        word's only count)."""
        # each character's successors by count, highest first, ties in key order (stable)
        by_count = _chars(code_points[second[np.lexsort((-counts2.astype(np.int64), first))]])
        ones = np.concatenate(([0], np.cumsum(counts2 == 1))).tolist()
        for i, (lo, hi) in enumerate(pairwise(bi_lo.tolist())):
            if i and hi > lo:
                after = self.successors[chars0[i]] = by_count[lo:hi]
                repeated = hi - lo - (ones[hi] - ones[lo])
                if repeated:
                    self.frequent[chars0[i]] = after[:repeated]

    def frequent_predecessors(self, ch: str) -> str:
        """:meth:`predecessors` seen right before ``ch`` more than once."""
        ib = self.index.get(ch)
        if ib is None:
            return ""
        return self._frequent_firsts[self._frequent_first_lo[ib] : self._frequent_first_lo[ib + 1]]

    def predecessors(self, ch: str) -> str:
        """The characters seen right before ``ch``, in vocabulary order (``" "`` stands for
        those out of the vocabulary); none before a character out of the vocabulary."""
        ib = self.index.get(ch)
        return "" if ib is None else self._firsts[self._first_lo[ib] : self._first_lo[ib + 1]]

    def _keys(self) -> tuple[array[int], array[int], array[int], array[int]]:
        """The sorted bigram and trigram keys with their counts (:meth:`_pack` undone), as
        the model file stores them."""
        size, index = self.size, self.index
        seconds, thirds, bi_lo, tri_lo = self._seconds, self._thirds, self._bi_lo, self._tri_lo
        bi: list[tuple[int, int]] = []
        tri: list[tuple[int, int]] = []
        for ia, (lo, hi) in enumerate(pairwise(bi_lo)):
            for p in range(lo, hi):
                key = ia * size + index.get(seconds[p], 0)
                bi.append((key, self.bi_counts[p]))
                for q in range(tri_lo[p], tri_lo[p + 1]):
                    tri.append((key * size + index.get(thirds[q], 0), self.tri_counts[q]))
        bi.sort()
        tri.sort()
        return (
            array("Q", (k for k, _ in bi)),
            array("Q", (n for _, n in bi)),
            array("Q", (k for k, _ in tri)),
            array("Q", (n for _, n in tri)),
        )

    # -- building -------------------------------------------------------------------------

    @classmethod
    def build(
        cls,
        counts: Counts,
        confusion: dict[str, Iterable[str]],
        *,
        min_char: int = 3,
        min_trigram: int = 2,
        meta: dict[str, object] | None = None,
    ) -> CharModel:
        """Pack ``counts``; characters seen fewer than ``min_char`` times stay out of the
        vocabulary (and out of the confusion sets)."""
        chars = "".join(
            ch
            for ch, n in sorted(counts.uni.items(), key=lambda kv: (-kv[1], kv[0]))
            if n >= min_char
        )
        index = {ch: i + 1 for i, ch in enumerate(chars)}
        size = len(chars) + 1
        uni = array("Q", [0] * size)
        for ch, n in counts.uni.items():
            uni[index.get(ch, 0)] += n
        bi: Counter[int] = Counter()
        for pair, n in counts.bi.items():
            bi[index.get(pair[0], 0) * size + index.get(pair[1], 0)] += n
        tri: Counter[int] = Counter()
        for triple, n in counts.tri.items():
            a, b, c = (index.get(ch, 0) for ch in triple)
            tri[(a * size + b) * size + c] += n
        bi_sorted = sorted(bi.items())
        tri_sorted = sorted(kv for kv in tri.items() if kv[1] >= min_trigram)
        confusables = {}
        for ch, others in confusion.items():
            if not is_han(ch):  # rare characters keep their set: they are often the typo
                continue
            seen = dict.fromkeys(x for x in others if x != ch and x in index and is_han(x))
            if seen:
                # most frequent first: the likelier correction is tried first
                confusables[ch] = "".join(sorted(seen, key=index.__getitem__))
        info = dict(meta or {})
        info.update(min_char=min_char, min_trigram=min_trigram)
        return cls(
            chars,
            uni,
            array("Q", (k for k, _ in bi_sorted)),
            array("Q", (min(n, 2**32 - 1) for _, n in bi_sorted)),
            array("Q", (k for k, _ in tri_sorted)),
            array("Q", (min(n, 2**32 - 1) for _, n in tri_sorted)),
            confusables,
            info,
        )

    # -- storage --------------------------------------------------------------------------

    def save(self, path: Path) -> None:
        bi_keys, bi_counts, tri_keys, tri_counts = self._keys()
        sections = {
            "uni": array("I", self.uni),
            "bi_keys": array("I", bi_keys),
            "bi_counts": array("I", bi_counts),
            "tri_keys": array("Q", tri_keys),
            "tri_counts": array("I", tri_counts),
        }
        header = {
            "format": FORMAT,
            "chars": self.chars,
            "confusables": self.confusables,
            "meta": self.meta,
            "sections": [[name, arr.typecode, len(arr)] for name, arr in sections.items()],
        }
        import gzip  # (here and in load: a start that reads the decoded copy needs none)

        # mtime 0: the same counts always give the same bytes (the lexicon cache hashes them)
        with (
            open(path, "wb") as raw,
            gzip.GzipFile(filename="", fileobj=raw, mode="wb", compresslevel=9, mtime=0) as out,
        ):
            out.write(json.dumps(header, ensure_ascii=False, sort_keys=True).encode() + b"\n")
            for name, arr in sections.items():
                out.write((_delta(arr) if name.endswith("keys") else arr).tobytes())

    @classmethod
    def load(cls, path: Path) -> CharModel:
        """Read a model file; ValueError names the file when it is not one."""
        import gzip

        try:
            with gzip.open(path, "rb") as stream:
                header = json.loads(stream.readline())
                if header.get("format") != FORMAT:
                    raise ValueError(f"not a {FORMAT} file")
                arrays: dict[str, array[int]] = {}
                for name, typecode, length in header["sections"]:
                    arr = array(typecode)
                    arr.frombytes(stream.read(length * arr.itemsize))
                    if len(arr) != length:
                        raise ValueError(f"section {name} is cut short")
                    arrays[name] = _undelta(arr) if name.endswith("keys") else arr
        except (OSError, EOFError, json.JSONDecodeError, KeyError, TypeError) as err:
            raise ValueError(f"{path}: not a readable character model ({err})") from None
        except ValueError as err:
            raise ValueError(f"{path}: {err}") from None
        return cls(
            header["chars"],
            arrays["uni"],
            arrays["bi_keys"],
            arrays["bi_counts"],
            arrays["tri_keys"],
            arrays["tri_counts"],
            header["confusables"],
            header["meta"],
        )

    @classmethod
    def load_cached(cls, path: Path, where: Path | None) -> CharModel:
        """:meth:`load`, through a decoded copy in the cache folder ``where`` (None: no
        cache). Decoding the gzip and packing costs ~0.2 s; reading the decoded copy ~25 ms.
        The copy is named after the model file's SHA-256, so a new model never reads an old
        copy; a copy that cannot be read is rebuilt, never trusted."""
        if where is None:
            return cls.load(path)
        from .cache import trim_heap

        digest = sha256_of(path)[:24]
        copy = where / f"charmodel-{FORMAT.rsplit('/', 1)[1]}.{_LAYOUT}-{digest}.pickle"
        model = through_copy(cls, copy, partial(cls.load, path), _STATE)
        trim_heap()  # the copy's read buffers (~10 MB), freed
        return model

    # -- lookups --------------------------------------------------------------------------

    def unseen_han_pairs(self, text: str) -> list[int] | None:
        """Each j where ``text[j]`` and ``text[j + 1]`` are Chinese characters never seen
        together, tested for all pairs at once with numpy (~15× faster than one test per
        character in Python); None when ``text`` holds characters past U+FFFF. The table it
        reads (2 MB: one bit per pair of the vocabulary) is made on first use."""
        found = self.han_pairs(text)
        return None if found is None else found[0]

    def often_after(self, ch: str, most: int) -> str:
        """The characters seen right after ``ch`` more than ``most`` times: the head of its
        ``successors`` (most frequent first). Kept once counted (a common character has
        thousands of successors)."""
        known = self.__dict__.setdefault("_often_after", {})
        found: str | None = known.get((ch, most))
        if found is None:
            ia = self.index.get(ch)
            found = ""
            if ia is not None:
                lo, hi = self._bi_lo[ia], self._bi_lo[ia + 1]
                more = sum(map(most.__lt__, self.bi_counts[lo:hi]))
                found = self.successors.get(ch, "")[:more]
            known[ch, most] = found
        return found

    def loose_han_chars(self, text: str, most: int) -> list[int] | None:
        """Each i where ``text[i]`` is a Chinese character seen with both its neighbours (two
        Chinese characters, not the same one), but at most ``most`` times each (a slip that
        makes no unseen pair: 购制补 for 购置补), with numpy; None when ``text`` holds
        characters past U+FFFF. Its table (one bit per pair seen more often) is made on first
        use for each ``most``."""
        found = self.han_pairs(text, most)
        return None if found is None else found[1]

    def _strong_table(self, most: int) -> tuple[Any, Any, Any] | tuple[()]:
        """The pair table of :func:`_han_pair_bits` for pairs seen more than ``most`` times,
        built on first use and kept per ``most``."""
        tables: dict[int, tuple[Any, Any, Any] | tuple[()]]
        tables = self.__dict__.setdefault("_strong_pair_bits", {})
        table = tables.get(most)
        if table is None:
            table = tables[most] = _han_pair_bits(self, most)
        return table

    def han_pairs(self, text: str, most: int = 0) -> tuple[list[int], list[int]] | None:
        """:meth:`unseen_han_pairs` of ``text`` and, with ``most`` > 0, its
        :meth:`loose_han_chars` (else []), from one pass of numpy over its pairs; None when
        ``text`` holds characters past U+FFFF."""
        seen_table = self.__dict__.get("_han_pair_bits")
        if seen_table is None:
            seen_table = self._han_pair_bits = _han_pair_bits(self)
        if not seen_table:
            return None
        np, lut, seen_bits = seen_table
        strong = None
        if most > 0:
            table = self._strong_table(most)
            if not table:
                return None
            strong = table[2]
        units = code_units(np, text)
        if units is None:
            return None
        ids = lut[units].astype(np.int32)
        keys = ids[:-1] * self.size + ids[1:]
        bytes_at = keys >> 3
        shifts = (keys & 7).astype(np.uint8)
        seen = (seen_bits[bytes_at] >> shifts) & 1
        han = (units >= 0x4E00) & (units <= 0x9FFF)
        han_pairs = han[:-1] & han[1:]
        unseen: list[int] = np.flatnonzero(han_pairs & (seen == 0)).tolist()
        if strong is None:
            return unseen, []
        often = (strong[bytes_at] >> shifts) & 1
        weak = han_pairs & (seen == 1) & (often == 0)
        loose = weak[:-1] & weak[1:] & (units[:-2] != units[2:])
        return unseen, (np.flatnonzero(loose) + 1).tolist()

    def rare_han_pairs(self, text: str, most: int, starts: list[int]) -> list[int] | None:
        """Those of ``starts`` (positions of pairs ``text[j]`` ``text[j + 1]``, each j + 1 <
        ``len(text)``) whose characters are not two Chinese characters seen together more
        than ``most`` times (``count2`` > ``most``), in order, tested with numpy; None when
        ``text`` holds characters past U+FFFF. Its table is :meth:`loose_han_chars`' for the
        same ``most``."""
        table = self._strong_table(most)
        if not table:
            return None
        np, lut, strong = table
        units = code_units(np, text)
        if units is None:
            return None
        at = np.asarray(starts, dtype=np.intp)
        firsts, seconds = units[at], units[at + 1]
        keys = lut[firsts].astype(np.int32) * self.size + lut[seconds]
        often = (strong[keys >> 3] >> (keys & 7).astype(np.uint8)) & 1
        han = (firsts >= 0x4E00) & (firsts <= 0x9FFF) & (seconds >= 0x4E00) & (seconds <= 0x9FFF)
        return at[(often == 0) | ~han].tolist()  # type: ignore[no-any-return]

    def frequent_neighbours(self) -> tuple[Any, Any, Any, Any] | tuple[()]:
        """numpy, a table from UTF-16 code unit to the vocabulary index of its class (0: out
        of the vocabulary), and per index the characters seen right after it and those seen
        right before it more than once, as rows of bits over the vocabulary (uint64 words,
        bit ``k % 64`` of word ``k // 64`` for index k): the statistical kind's masks of
        :meth:`frequent` neighbours for all the characters of a text at once. Made on first
        use (~4 MB); () when a class is past U+FFFF."""
        table: tuple[Any, Any, Any, Any] | tuple[()] | None
        table = self.__dict__.get("_frequent_neighbours")
        if table is None:
            table = self._frequent_neighbours = _neighbour_rows(self)
        return table

    def trigram_counts(self) -> tuple[Any, Any, Any] | tuple[()]:
        """numpy, every trigram's key ``(ia * size + ib) * size + ic`` (vocabulary indices,
        sorted: the packed layout keeps key order) and its count, for :meth:`count3_ids`:
        the statistical kind's count tests for all the positions of a text at once. Made on
        first use (~15 MB, ~0.1 s); () when a class is past U+FFFF."""
        table: tuple[Any, Any, Any] | tuple[()] | None
        table = self.__dict__.get("_trigram_counts")
        if table is None:
            table = self._trigram_counts = _trigram_keys(self)
        return table

    def count3_ids(self, a: Any, b: Any, c: Any) -> Any:
        """:meth:`count3` of arrays of vocabulary indices (int64, one trigram per place),
        with numpy; the very same counts. Needs :meth:`trigram_counts` (not ())."""
        table = self.trigram_counts()
        assert table
        np, keys, counts = table
        size = self.size
        int64 = np.int64  # (keys need 36 bits)
        wanted = (a.astype(int64) * size + b) * size + c
        if len(wanted) > 64:
            # sorted keys are found faster (each search starts where the last one ended)
            order = np.argsort(wanted)
            at = np.empty_like(order)
            at[order] = np.searchsorted(keys, wanted[order])
        else:
            at = np.searchsorted(keys, wanted)
        at = np.minimum(at, len(keys) - 1)
        return np.where(keys[at] == wanted, counts[at], 0)

    def _count2(self, ia: int, ib: int) -> int:
        at = self._seconds.find(self._chars0[ib], self._bi_lo[ia], self._bi_lo[ia + 1])
        return self.bi_counts[at] if at >= 0 else 0

    def _count3(self, ia: int, ib: int, ic: int) -> int:
        at = self._seconds.find(self._chars0[ib], self._bi_lo[ia], self._bi_lo[ia + 1])
        if at < 0:
            return 0
        at = self._thirds.find(self._chars0[ic], self._tri_lo[at], self._tri_lo[at + 1])
        return self.tri_counts[at] if at >= 0 else 0

    def count2(self, a: str, b: str) -> int:
        # (:meth:`_count2` written out: the kinds ask tens of thousands of times a text)
        index, bi_lo = self.index, self._bi_lo
        ia = index.get(a, 0)
        at = self._seconds.find(self._chars0[index.get(b, 0)], bi_lo[ia], bi_lo[ia + 1])
        return self.bi_counts[at] if at >= 0 else 0

    def count3(self, a: str, b: str, c: str) -> int:
        # (:meth:`_count3` written out, as count2)
        index, bi_lo = self.index, self._bi_lo
        ia = index.get(a, 0)
        at = self._seconds.find(self._chars0[index.get(b, 0)], bi_lo[ia], bi_lo[ia + 1])
        if at < 0:
            return 0
        tri_lo = self._tri_lo
        at = self._thirds.find(self._chars0[index.get(c, 0)], tri_lo[at], tri_lo[at + 1])
        return self.tri_counts[at] if at >= 0 else 0

    def count3s(self, a: str, middles: Iterable[str], c: str) -> list[int]:
        """:meth:`count3` of ``a`` x ``c`` for each x of ``middles``, in order (the pair
        groups of ``a`` and the index of ``c`` looked up once)."""
        index, chars0, seconds, thirds = self.index, self._chars0, self._seconds, self._thirds
        bi_lo, tri_lo, tri_counts = self._bi_lo, self._tri_lo, self.tri_counts
        ia = index.get(a, 0)
        lo, hi = bi_lo[ia], bi_lo[ia + 1]
        last = chars0[index.get(c, 0)]
        out = []
        for x in middles:
            at = seconds.find(chars0[index.get(x, 0)], lo, hi)
            if at >= 0:
                at = thirds.find(last, tri_lo[at], tri_lo[at + 1])
                out.append(tri_counts[at] if at >= 0 else 0)
            else:
                out.append(0)
        return out

    def logp(self, a: str, b: str, c: str) -> float:
        """log P(c | a b), trigram/bigram/unigram interpolated with fixed weights."""
        index = self.index
        return self.logp_ids(index.get(a, 0), index.get(b, 0), index.get(c, 0))

    def logp_ids(self, ia: int, ib: int, ic: int) -> float:
        """:meth:`logp` of three vocabulary indices."""
        ab = self._count2(ia, ib)
        p3 = self._count3(ia, ib, ic) / ab if ab else 0.0
        nb = self.uni[ib]
        p2 = self._count2(ib, ic) / nb if nb else 0.0
        p1 = (self.uni[ic] + 0.5) / self.total
        return math.log(0.6 * p3 + 0.3 * p2 + 0.1 * p1)

    def window_logp(self, text: str, i: int) -> float:
        """The part of the log probability of ``text`` that depends on position ``i``."""
        index = self.index
        return self.window_logp_ids([index.get(ch, 0) for ch in text], i)

    def window_logp_ids(self, ids: list[int], i: int, width: int = 1) -> float:
        """:meth:`window_logp` of a text given as vocabulary indices (:meth:`logp_ids`
        written out in the loop: the statistical kind weighs every correction with it);
        ``width``: of the ``width`` characters from ``i`` (the sum of :meth:`logp_ids` of
        the trigrams that end in them or in the two after them, in that order)."""
        seconds, thirds, chars0 = self._seconds, self._thirds, self._chars0
        bi_lo, bi_counts, tri_lo, tri_counts = (
            self._bi_lo,
            self.bi_counts,
            self._tri_lo,
            self.tri_counts,
        )
        uni, total_count, log = self.uni, self.total, math.log
        start = self.index.get(BREAK, 0)
        total = 0.0
        for k in range(i, min(i + width + 2, len(ids))):
            ia, ib, ic = ids[k - 2] if k >= 2 else start, ids[k - 1], ids[k]
            at = seconds.find(chars0[ib], bi_lo[ia], bi_lo[ia + 1])
            ab = bi_counts[at] if at >= 0 else 0
            if ab:
                at = thirds.find(chars0[ic], tri_lo[at], tri_lo[at + 1])
                p3 = (tri_counts[at] if at >= 0 else 0) / ab
            else:
                p3 = 0.0
            nb = uni[ib]
            if nb:
                at = seconds.find(chars0[ic], bi_lo[ib], bi_lo[ib + 1])
                p2 = (bi_counts[at] if at >= 0 else 0) / nb
            else:
                p2 = 0.0
            p1 = (uni[ic] + 0.5) / total_count
            total += log(0.6 * p3 + 0.3 * p2 + 0.1 * p1)
        return total

    def window_logps(self, ids: list[int], i: int, choices: Iterable[int]) -> list[float]:
        """:meth:`window_logp_ids` of ``ids`` with each of ``choices`` at ``i`` (``ids`` is
        left as it was). With two characters on either side, the lookups that do not
        involve position ``i`` are made once for all choices; the numbers are the very same
        (the same counts, in the same arithmetic)."""
        if i < 2 or i + 3 > len(ids):
            out = []
            own = ids[i]
            for x in choices:
                ids[i] = x
                out.append(self.window_logp_ids(ids, i))
            ids[i] = own
            return out
        seconds, thirds, chars0 = self._seconds, self._thirds, self._chars0
        bi_lo, bi_counts, tri_lo, tri_counts = (
            self._bi_lo,
            self.bi_counts,
            self._tri_lo,
            self.tri_counts,
        )
        uni, total_count, log = self.uni, self.total, math.log
        ia, ib, ir, irr = ids[i - 2], ids[i - 1], ids[i + 1], ids[i + 2]
        cb, cr, crr = chars0[ib], chars0[ir], chars0[irr]
        # (a b) x: the pair a b and its trigram group, once
        at_ab = seconds.find(cb, bi_lo[ia], bi_lo[ia + 1])
        ab = bi_counts[at_ab] if at_ab >= 0 else 0
        ab_lo, ab_hi = (tri_lo[at_ab], tri_lo[at_ab + 1]) if ab else (0, 0)
        nb = uni[ib]
        b_lo, b_hi = bi_lo[ib], bi_lo[ib + 1]
        # x (r rr): the bigram and unigram parts of the last term
        nr = uni[ir]
        if nr:
            at = seconds.find(crr, bi_lo[ir], bi_lo[ir + 1])
            p2_last = (bi_counts[at] if at >= 0 else 0) / nr
        else:
            p2_last = 0.0
        p1_mid = (uni[ir] + 0.5) / total_count
        p1_last = (uni[irr] + 0.5) / total_count
        out = []
        for ix in choices:
            cx = chars0[ix]
            # a b x
            if ab:
                at = thirds.find(cx, ab_lo, ab_hi)
                p3 = (tri_counts[at] if at >= 0 else 0) / ab
            else:
                p3 = 0.0
            at_bx = seconds.find(cx, b_lo, b_hi)
            bx = bi_counts[at_bx] if at_bx >= 0 else 0
            p2 = bx / nb if nb else 0.0
            p1 = (uni[ix] + 0.5) / total_count
            total = 0.0
            total += log(0.6 * p3 + 0.3 * p2 + 0.1 * p1)
            # b x r
            if bx:
                at = thirds.find(cr, tri_lo[at_bx], tri_lo[at_bx + 1])
                p3 = (tri_counts[at] if at >= 0 else 0) / bx
            else:
                p3 = 0.0
            nx = uni[ix]
            at_xr = seconds.find(cr, bi_lo[ix], bi_lo[ix + 1])
            xr = bi_counts[at_xr] if at_xr >= 0 else 0
            p2 = xr / nx if nx else 0.0
            total += log(0.6 * p3 + 0.3 * p2 + 0.1 * p1_mid)
            # x r rr
            if xr:
                at = thirds.find(crr, tri_lo[at_xr], tri_lo[at_xr + 1])
                p3 = (tri_counts[at] if at >= 0 else 0) / xr
            else:
                p3 = 0.0
            total += log(0.6 * p3 + 0.3 * p2_last + 0.1 * p1_last)
            out.append(total)
        return out


_Loaded = TypeVar("_Loaded")


def through_copy(
    cls: type[_Loaded],
    copy: Path,
    read: Callable[[], _Loaded],
    attributes: frozenset[str] | None = None,
) -> _Loaded:
    """An object of ``cls`` restored from the pickled attributes in ``copy``; when the copy
    is missing, unreadable or (with ``attributes``) of another layout, ``read()`` makes it and
    the copy is written anew (atomically; a read-only folder just goes without).

    Its large arrays of ints (the character model's counts and offsets, ~8 MB) are written
    out of band to a file beside the copy (``.buffers``) that is mapped, not read: they read
    back as memoryviews of their type, whose pages a scan never indexes stay on disk."""
    from .cache import dump_mapped, load_mapped

    try:
        state = load_mapped(copy)
        if attributes is not None and state.keys() != attributes:
            raise ValueError(copy)  # a copy from another layout under the same name
        made: _Loaded = cls.__new__(cls)
        made.__dict__.update(state)
        return made
    except Exception:  # missing, stale or truncated: read the source again, never trust it
        pass
    made = read()
    from .kinds.base import Ints

    large = {
        name: Ints(value)
        for name, value in made.__dict__.items()
        if isinstance(value, array) and len(value) * value.itemsize >= _OUT_OF_BAND
    }
    dump_mapped(copy, {**made.__dict__, **large})  # (a read-only folder goes without)
    return made


_OUT_OF_BAND = 1 << 16  # the smallest array (bytes) a copy maps rather than holds


def sha256_of(path: Path) -> str:
    from .cache import file_sha256  # (remembered beside the file's status)

    return file_sha256(path)


def _han_pair_bits(model: CharModel, more_than: int = 0) -> tuple[Any, Any, Any] | tuple[()]:
    """numpy, a table from UTF-16 code unit to vocabulary index (0 for all but Chinese
    characters) and a bit set over ``index * size + index`` of the pairs of Chinese characters
    seen more than ``more_than`` times. (A pair with a character out of the vocabulary is
    never seen.)"""
    import numpy as np

    size = model.size
    codes = np.frombuffer(model._chars0.encode("utf-16-le"), dtype=np.uint16)
    if len(codes) != size:  # a class past U+FFFF (none today): the plain test serves
        return ()
    lut = np.zeros(0x10000, dtype=np.uint16)
    han = (codes >= 0x4E00) & (codes <= 0x9FFF)
    lut[codes[han]] = np.flatnonzero(han)
    seconds = lut[np.frombuffer(model._seconds.encode("utf-16-le"), dtype=np.uint16)]
    firsts = np.repeat(np.arange(size, dtype=np.int32), np.diff(np.asarray(model._bi_lo)))
    firsts = np.where(han[firsts], firsts, 0)
    counted = np.asarray(model.bi_counts) > more_than
    keys = (firsts * size + seconds)[(firsts > 0) & (seconds > 0) & counted]
    bits = np.zeros((size * size + 7) // 8, dtype=np.uint8)
    np.bitwise_or.at(bits, keys >> 3, np.left_shift(1, keys & 7).astype(np.uint8))
    return np, lut, bits


def code_units(np: Any, text: str) -> Any | None:
    """``text`` as a numpy array of its UTF-16 code units, one per character (the numpy
    tables here are indexed by code unit); None when a character is past U+FFFF (two units
    would shift every later position)."""
    units = np.frombuffer(text.encode("utf-16-le"), dtype=np.uint16)
    return units if len(units) == len(text) else None


def _trigram_keys(model: CharModel) -> tuple[Any, Any, Any] | tuple[()]:
    """:meth:`CharModel.trigram_counts` made: the packed layout undone with numpy."""
    import numpy as np

    size = model.size
    codes = np.frombuffer(model._chars0.encode("utf-16-le"), dtype=np.uint16)
    if len(codes) != size or len(model.tri_counts) == 0:
        return ()
    vocabulary = np.zeros(0x10000, dtype=np.int64)  # code unit -> index (0: none)
    vocabulary[codes[1:]] = np.arange(1, size)
    firsts = np.repeat(np.arange(size, dtype=np.int64), np.diff(np.asarray(model._bi_lo)))
    seconds = vocabulary[np.frombuffer(model._seconds.encode("utf-16-le"), dtype=np.uint16)]
    thirds = vocabulary[np.frombuffer(model._thirds.encode("utf-16-le"), dtype=np.uint16)]
    per_pair = np.diff(np.asarray(model._tri_lo)).astype(np.int64)
    keys = np.repeat(firsts * size + seconds, per_pair) * size + thirds
    return np, keys, np.asarray(model.tri_counts, dtype=np.int64)


def _neighbour_rows(model: CharModel) -> tuple[Any, Any, Any, Any] | tuple[()]:
    """:meth:`CharModel.frequent_neighbours` made."""
    import numpy as np

    size = model.size
    codes = np.frombuffer(model._chars0.encode("utf-16-le"), dtype=np.uint16)
    if len(codes) != size:
        return ()
    vocabulary = np.zeros(0x10000, dtype=np.int64)  # code unit -> index (0: none)
    vocabulary[codes[1:]] = np.arange(1, size)
    index = model.index
    # every code unit's class, looked up once (a lone surrogate is never scanned this way)
    lut = np.array(
        [index.get(c, 0) for c in classes("".join(map(chr, range(0x10000))))], dtype=np.int32
    )
    firsts = np.repeat(np.arange(size, dtype=np.int64), np.diff(np.asarray(model._bi_lo)))
    seconds = vocabulary[np.frombuffer(model._seconds.encode("utf-16-le"), dtype=np.uint16)]
    kept = (firsts > 0) & (seconds > 0) & (np.asarray(model.bi_counts) > 1)
    pairs = np.zeros((size, size), dtype=bool)
    pairs[firsts[kept], seconds[kept]] = True
    return np, lut, bit_rows(np, pairs), bit_rows(np, pairs.T)


def bit_rows(np: Any, matrix: Any) -> Any:
    """A square boolean matrix as rows of bits (uint64 words, bit k % 64 of word k // 64)."""
    rows = np.packbits(matrix, axis=1, bitorder="little")
    width = -(-rows.shape[1] // 8) * 8
    padded = np.zeros((rows.shape[0], width), dtype=np.uint8)
    padded[:, : rows.shape[1]] = rows
    return padded.view("<u8")


def _chars(code_points: Any) -> str:
    """A numpy array of code points as a string."""
    return str(code_points.astype("<u4").tobytes().decode("utf-32-le"))


def _uints(values: Any) -> array[int]:
    """A numpy array of non-negative integers as an ``array("I")``."""
    out = array("I")
    out.frombytes(values.astype(f"={out.typecode}").tobytes())
    return out


def _delta(keys: array[int]) -> array[int]:
    # sorted keys compress far better as gaps; counts are stored as they are
    out = array(keys.typecode, keys)
    for i in range(len(out) - 1, 0, -1):
        out[i] -= out[i - 1]
    return out


def _undelta(gaps: array[int]) -> array[int]:
    import numpy as np

    sums = np.cumsum(np.asarray(gaps, dtype=np.uint64), dtype=np.uint64)
    out = array(gaps.typecode)
    if len(sums) and int(sums[-1]) >> (8 * out.itemsize):  # as array() would refuse it
        raise OverflowError("key out of range")
    out.frombytes(sums.astype(f"={gaps.typecode}").tobytes())
    return out


class Models:
    """The model files of one scanner (character models, the homophone kind's tables), each
    loaded on first use (through a decoded copy in the cache folder) and shared by the kinds
    that read it. Thread-safe."""

    def __init__(self, where: Path | None) -> None:
        self.where = where
        """The cache folder for decoded copies (None: none)."""
        self._loaded: dict[tuple[Any, Path], Any] = {}
        self._lock = threading.Lock()

    def get(self, path: Path) -> CharModel:
        """The character model of ``path``; LexiconError when the file is no model (a rule
        file names it, so the lexicon is what is wrong)."""
        try:
            return self.loaded(path, CharModel.load_cached)
        except ValueError as err:
            raise LexiconError(str(err)) from None

    def loaded(self, path: Path, load: Callable[[Path, Path | None], _Loaded]) -> _Loaded:
        """What ``load(path, cache folder)`` makes of ``path``, made once."""
        key = (load, path)
        made = self._loaded.get(key)
        if made is None:
            with self._lock:
                made = self._loaded.get(key)
                if made is None:
                    made = self._loaded[key] = load(path, self.where)
        return made
