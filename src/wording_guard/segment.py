"""Word segmentation for boundary checks, one segmenter per scanner.

Short lexicon hits (书法国画 contains 法国) must start and end on word boundaries of the
sentence around them. Each :class:`Segmenter` cuts as jieba does without its HMM (jieba's
dictionary, the lexicon's own short strings added as words so that a listed misspelling is
never cut in two), in one of two ways with the same cuts (``benchmarks/segmenters.py`` and
``tests/test_segment.py`` compare them):

* rjieba, the Rust port of jieba: fast, but it builds its dictionary at every start (~0.1 s,
  ~35 MB) and cannot store it;
* :class:`_Dictionary`: the same dictionary compiled once into the cache (a daachorse
  automaton and the words' log frequencies, read in ~20 ms) and jieba's route computed in
  Python, ~10x slower per character than rjieba but cheap for the short windows a scan of a
  page cuts.

With a cache a segmenter starts on the compiled dictionary and moves to rjieba once it has
cut ``PYTHON_CHARS`` characters (a sweep, a long file) or is asked for HMM tags. Nothing is
shared between scanners, and nothing is loaded before the first cut: texts without short
hits never read the dictionary.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import math
import os
import pickle
import re
import threading
from array import array
from collections.abc import Callable, Sequence
from functools import cache, partial
from itertools import accumulate
from pathlib import Path
from typing import Any

# Characters a compiled segmenter may cut in Python before it loads rjieba (~0.1 s): about
# what rjieba's start-up buys back at its speed (benchmarks/RESULTS.md, segmenters).
PYTHON_CHARS = 50_000


class Segmenter:
    """Cuts text into words with jieba's dictionary (no HMM: unknown words stay split)."""

    def __init__(
        self, words: Sequence[str] = (), *, tokenizer: Any = None, store: Path | None = None
    ) -> None:
        """``tokenizer``: a plain rjieba one already loaded (:meth:`release`), to start from
        instead of reading the dictionary again (~0.07 s); this segmenter then owns it.
        ``store``: a cache file (the compiled tables): the compiled dictionary is kept beside
        it, and without a ``tokenizer`` the segmenter starts on it."""
        self.words = tuple(words)
        self._tokenizer: Any = None  # rjieba, with the words added
        self._dictionary: _Dictionary | None = None
        self._given = tokenizer
        self._store = store
        self._python_chars = 0  # cut by the compiled dictionary so far
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        """Whether a dictionary is loaded (the first cut or lookup loads one)."""
        return self._tokenizer is not None or self._dictionary is not None

    def release(self) -> Any:
        """Done with this segmenter: its tokenizer when loaded and plain (no words added),
        for another segmenter to start from, else None. Using this one again loads anew."""
        with self._lock:
            tokenizer, self._tokenizer = self._tokenizer, None
            self._dictionary = None
        return None if self.words else tokenizer

    # -- loading ---------------------------------------------------------------------------

    def _native(self) -> Any:
        """rjieba with the words added (loaded now if need be)."""
        tokenizer = self._tokenizer
        if tokenizer is None:
            with self._lock:
                if self._tokenizer is None:
                    self._tokenizer = self._load_native()
                    self._dictionary = None  # rjieba cuts from now on
                tokenizer = self._tokenizer
        return tokenizer

    def _load_native(self) -> Any:
        tokenizer, self._given = self._given, None
        if tokenizer is None:
            tokenizer = _tokenizer_class()()
        dictionary = self._dictionary
        if dictionary is not None:  # the same words, frequencies known: no suggest_freq
            for word, freq in zip(dictionary.added, dictionary.freqs, strict=True):
                tokenizer.add_word(word, freq, None)
            return tokenizer
        added: list[str] = []
        freqs: list[int] = []
        for word in self.words:
            if word and not tokenizer.has_word(word):
                added.append(word)
                freqs.append(tokenizer.add_word(word, tokenizer.suggest_freq(word), None))
        if self._store is not None:  # what a compiled dictionary needs to add them alike
            _store_words(self._store, self.words, added, freqs)
        return tokenizer

    def _ready(self) -> _Dictionary | Any:
        """The compiled dictionary when in use, else rjieba (loaded on first use)."""
        dictionary = self._dictionary
        if dictionary is not None:
            return dictionary
        tokenizer = self._tokenizer
        if tokenizer is not None:
            return tokenizer
        with self._lock:
            if self._tokenizer is None and self._dictionary is None:
                if self._given is None and self._store is not None:
                    from .cache import trim_heap

                    self._dictionary = _Dictionary.load(self._store, self.words)
                    trim_heap()  # the files' read buffers (~20 MB), copied and freed
                if self._dictionary is None:
                    self._tokenizer = self._load_native()
            return self._dictionary or self._tokenizer

    # -- cutting ---------------------------------------------------------------------------

    def _cut_compiled(self, text: str) -> list[str]:
        dictionary = self._dictionary
        if dictionary is not None:
            self._python_chars += len(text)
            if self._python_chars <= PYTHON_CHARS:
                return dictionary.cut(text)
        return list(self._native().cut(text, False))

    def lookup(self) -> Callable[[str], bool]:
        """The test "is this a dictionary word (or one of the lexicon's short strings)?",
        bound once: a tight loop pays no per-call overhead."""
        return self._ready().has_word

    def tag(self, word: str) -> str | None:
        """The dictionary's tag of ``word`` (``nr``: a person's name; ``""``: a string the
        lexicon added), or None when the dictionary does not hold it as one word."""
        tagged = self._native().tag(word, False)
        return str(tagged[0][1]) if len(tagged) == 1 and tagged[0][0] == word else None

    def tagged(self, text: str) -> list[tuple[str, str]]:
        """Words of ``text`` with their part-of-speech tags, unknown words guessed by the
        HMM (``nr``: a person's name, ``p``: a preposition …). Loads rjieba."""
        return [(str(w), str(t)) for w, t in self._native().tag(text, True)]

    def cutter(self) -> Callable[[str], list[str]]:
        """:meth:`tokens`, bound once for a tight loop."""
        ready = self._ready()
        if isinstance(ready, _Dictionary):
            return self._cut_compiled
        return partial(ready.cut, hmm=False)

    def tokens(self, text: str) -> list[str]:
        """The words of ``text``."""
        return list(self.cutter()(text))

    def cuts(self, text: str, offset: int = 0) -> list[int]:
        """Offsets of the word boundaries of ``text`` (both ends included), plus ``offset``."""
        return list(accumulate(map(len, self.cutter()(text)), initial=offset))


# -- the compiled dictionary ---------------------------------------------------------------

# jieba's blocks: runs of these characters are cut with the dictionary, anything else is a
# word by itself ("\r\n" one word). The ranges are rjieba's (jieba-rs' is_han_default).
_HAN = re.compile(
    "([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002a6df\U0002a700-\U0002b73f"
    "\U0002b740-\U0002b81f\U0002b820-\U0002ceaf\U0002ceb0-\U0002ebef\U0002f800-\U0002fa1f"
    "a-zA-Z0-9+#&._%\\-]+)"
)
# single characters the route leaves alone that jieba joins into one word (abc, 2024)
_ASCII_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_FORMAT = 1  # of the files below: a change reads none of the old ones


class _Base:
    """jieba's dictionary compiled: an automaton over the words in UTF-16 (a character is
    two bytes in the basic plane: offsets halve to character offsets, and building it takes
    a fifth of the character-wise automaton's time), their ``ln(frequency)`` and the total."""

    def __init__(self, automaton: Any, log_freqs: array[float], total: int) -> None:
        self.automaton = automaton
        self.log_freqs = log_freqs
        self.total = total

    @staticmethod
    def path(store: Path) -> Path:
        """Beside the compiled tables, shared by every lexicon set: keyed by jieba's
        dictionary and the binaries that read it."""
        digest = hashlib.sha256(str(_FORMAT).encode())
        for part in (_jieba_dict(), _binary("rjieba"), _binary("daachorse")):
            stat = part.stat()
            digest.update(f"{part}|{stat.st_size}|{stat.st_mtime_ns}\x00".encode())
        return store.with_name(f"jieba-{digest.hexdigest()[:16]}.dict")

    @classmethod
    def load(cls, path: Path) -> _Base:
        """Two plain files (no pickle: the automaton's 15 MB are copied once, into it)."""
        import daachorse

        # the automaton first, its bytes freed before the frequencies are read; those read
        # straight into their array (no copy of the file, nor of its tail, beside it)
        automaton = daachorse.DoubleArrayAhoCorasick.deserialize(path.read_bytes())
        log_freqs = array("d")
        with path.with_suffix(".freqs").open("rb") as fh:
            head = fh.read(8)
            size = os.fstat(fh.fileno()).st_size - 8
            if len(head) != 8 or size % log_freqs.itemsize:
                raise ValueError(f"{path}: damaged frequencies")
            log_freqs.fromfile(fh, size // log_freqs.itemsize)  # (EOFError if cut short)
        return cls(automaton, log_freqs, int.from_bytes(head, "little"))

    @classmethod
    def build(cls, path: Path) -> _Base:
        """From jieba's dict.txt (rjieba embeds the same file): a later line of a word
        replaces its frequency; the total counts every line, as jieba's does."""
        import daachorse

        from .cache import _write

        fields = _jieba_dict().read_text(encoding="utf-8").split()
        if len(fields) % 3:
            raise ValueError("jieba's dictionary is not word/frequency/tag lines")
        counts = list(map(int, fields[1::3]))
        freqs = dict(zip(fields[0::3], counts, strict=True))
        automaton = daachorse.DoubleArrayAhoCorasick([w.encode("utf-16-be") for w in freqs])
        log_freqs = array("d", map(math.log, freqs.values()))
        total = sum(counts)
        head = total.to_bytes(8, "little")
        if _write(path.with_suffix(".freqs"), lambda fh: fh.write(head + log_freqs.tobytes())):
            data = automaton.serialize()
            _write(path, lambda fh: fh.write(data))
        return cls(automaton, log_freqs, total)


class _Dictionary:
    """jieba's dictionary plus the lexicon's words, cut as rjieba cuts without the HMM: the
    text split into blocks, each block's dictionary words found by the automata, and the
    route of highest log probability taken from the end (jieba's ``calc``, the same float
    operations in the same order; on a tie the longer word). Where two routes have exactly
    the same probability (人人人) rjieba's pick may differ: both are jieba's best cut."""

    def __init__(self, base: _Base, added: list[str], freqs: list[int], automaton: Any) -> None:
        self.added = added
        self.freqs = freqs
        self._find = base.automaton.find_overlapping
        self._find_added = automaton.find_overlapping if automaton is not None else None
        self._first_added = len(base.log_freqs)  # the added words' ids follow the base's
        self._log_freqs = base.log_freqs + array("d", map(math.log, freqs))
        self._log_total = math.log(base.total + sum(freqs))
        self._added = frozenset(added)

    @classmethod
    def load(cls, store: Path, words: Sequence[str]) -> _Dictionary | None:
        """From the cache, built if need be; None when the words' frequencies are not stored
        yet (rjieba must work them out: its ``suggest_freq`` as each word is added)."""
        import daachorse

        from .cache import _unpickle

        try:
            added, freqs, data = _unpickle(_words_path(store, words).read_bytes())
        except Exception:
            return None
        try:
            base_path = _Base.path(store)
            try:
                base = _Base.load(base_path)
            except Exception:  # missing or damaged: built again
                base = _Base.build(base_path)
                if not base_path.is_file():  # could not be stored: rjieba starts faster
                    return None
        except Exception:  # no jieba dictionary to compile: rjieba has its own
            return None
        automaton = daachorse.DoubleArrayAhoCorasick.deserialize(data) if data else None
        return cls(base, added, freqs, automaton)

    def has_word(self, word: str) -> bool:
        if word in self._added:
            return True
        encoded = word.encode("utf-16-be")
        end = len(encoded)
        # matches come by end, the longest first: the whole word is the first to end last
        for start, stop, _ in reversed(self._find(encoded)):
            if stop != end:
                return False
            if start == 0:
                return True
        return False

    def cut(self, text: str) -> list[str]:
        out: list[str] = []
        for i, part in enumerate(_HAN.split(text)):
            if i & 1:
                self._cut_block(part, out)
            elif "\r\n" in part:
                out.extend(re.findall(r"\r\n|.", part, re.DOTALL))
            else:
                out.extend(part)
        return out

    def _cut_block(self, block: str, out: list[str]) -> None:
        n = len(block)
        encoded = block.encode("utf-16-be")
        found = self._find(encoded)
        if self._find_added is not None:
            first = self._first_added
            found += [(s, e, first + i) for s, e, i in self._find_added(encoded)]
        if len(encoded) == 2 * n:  # a match at an odd byte is no match of characters
            matches = [(s >> 1, e >> 1, i) for s, e, i in found if not s & 1]
        else:  # characters beyond the basic plane take four bytes
            at = {u: k for k, u in enumerate(accumulate(map(_utf16_len, block), initial=0))}
            matches = [(at[s], at[e], i) for s, e, i in found if s in at and e in at]
        matches.sort()
        log_freqs = self._log_freqs
        log_total = self._log_total
        single = 0.0 - log_total  # a character the dictionary lacks: frequency 1
        prob = [0.0] * (n + 1)
        ends = list(range(1, n + 2))
        k = len(matches) - 1
        for idx in range(n - 1, -1, -1):
            if k >= 0 and matches[k][0] == idx:
                # the matches starting here, longest first: a later one must beat it
                _, end, word = matches[k]
                best = log_freqs[word] - log_total + prob[end]
                best_end = end
                k -= 1
                while k >= 0 and matches[k][0] == idx:
                    _, end, word = matches[k]
                    p = log_freqs[word] - log_total + prob[end]
                    if p > best:
                        best = p
                        best_end = end
                    k -= 1
                prob[idx] = best
                ends[idx] = best_end
            else:
                prob[idx] = single + prob[idx + 1]
        x = 0
        run = -1  # start of a run of single ASCII letters and digits, joined into one word
        while x < n:
            y = ends[x]
            if y - x == 1 and block[x] in _ASCII_ALNUM:
                if run < 0:
                    run = x
            else:
                if run >= 0:
                    out.append(block[run:x])
                    run = -1
                out.append(block[x:y])
            x = y
        if run >= 0:
            out.append(block[run:])


def _utf16_len(ch: str) -> int:
    return 2 if ch < "\U00010000" else 4


def _words_path(store: Path, words: Sequence[str]) -> Path:
    digest = hashlib.sha256(_Base.path(store).name.encode())
    digest.update("\x00".join(words).encode("utf-8", "surrogatepass"))
    return store.with_name(f"{store.stem}.{digest.hexdigest()[:16]}.words")


def _store_words(store: Path, words: Sequence[str], added: list[str], freqs: list[int]) -> None:
    """The words rjieba added (in order) with their frequencies, and their automaton."""
    import daachorse

    from .cache import _write

    try:
        data = (
            daachorse.DoubleArrayAhoCorasick([w.encode("utf-16-be") for w in added]).serialize()
            if added
            else b""
        )
        stored = (added, freqs, data)
        path = _words_path(store, words)
    except Exception:  # a word daachorse or UTF-16 refuses: this set keeps to rjieba
        return
    _write(path, lambda fh: pickle.dump(stored, fh, protocol=pickle.HIGHEST_PROTOCOL))


def _jieba_dict() -> Path:
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("jieba (its dict.txt) is needed to compile the dictionary")
    return Path(spec.origin).resolve().parent / "dict.txt"


def _binary(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None:
        raise ModuleNotFoundError(package)
    if not spec.submodule_search_locations:  # a module of its own
        return Path(str(spec.origin))
    suffixes = importlib.machinery.EXTENSION_SUFFIXES
    for location in spec.submodule_search_locations:
        for path in sorted(Path(location).iterdir()):
            if any(path.name.endswith(suffix) for suffix in suffixes):
                return path
    raise ModuleNotFoundError(f"{package}'s compiled module")


@cache
def _tokenizer_class() -> Any:
    """rjieba's tokenizer class. Its compiled module is loaded without the package's
    ``__init__``, which builds a default tokenizer at import that no scanner uses (~90 ms
    and ~30 MB at every start); ``import rjieba`` afterwards still works and shares the
    class. Any surprise in the package's layout falls back to the plain import."""
    try:
        spec = importlib.util.find_spec("rjieba")
        if spec is None or not spec.submodule_search_locations:
            raise ImportError("rjieba is not a package")
        suffixes = importlib.machinery.EXTENSION_SUFFIXES
        (binary,) = [
            path
            for location in spec.submodule_search_locations
            for path in Path(location).glob("rjieba.*")
            if any(path.name.endswith(suffix) for suffix in suffixes)
        ]
        loader = importlib.machinery.ExtensionFileLoader("rjieba.rjieba", str(binary))
        module = importlib.util.module_from_spec(
            importlib.util.spec_from_loader("rjieba.rjieba", loader)  # type: ignore[arg-type]
        )
        loader.exec_module(module)
        return module.Jieba
    except Exception:
        import rjieba

        return rjieba.Jieba
