"""Word segmentation for boundary checks, one segmenter per scanner.

Short lexicon hits (书法国画 contains 法国) must start and end on word boundaries of the
sentence around them. Each :class:`Segmenter` owns its tokenizer (rjieba, the Rust port of
jieba: same dictionary, same algorithm, same cuts on our texts — see
``benchmarks/segmenters.py`` — at a tenth of the start-up and a third of the memory), with the
lexicon's own short strings added as words so that a listed misspelling is never cut in two.
Nothing is shared between scanners. The tokenizer is built on first use: texts without short
hits never load the dictionary.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import threading
from collections.abc import Callable, Sequence
from functools import cache, partial
from pathlib import Path
from typing import Any


class Segmenter:
    """Cuts text into words with jieba's dictionary (no HMM: unknown words stay split)."""

    def __init__(self, words: Sequence[str] = (), *, tokenizer: Any = None) -> None:
        """``tokenizer``: a plain one already loaded (:meth:`release`), to start from instead
        of reading the dictionary again (~0.07 s); this segmenter then owns it."""
        self.words = tuple(words)
        self._tokenizer: Any = None
        self._given = tokenizer
        self._lock = threading.Lock()

    def release(self) -> Any:
        """Done with this segmenter: its tokenizer when loaded and plain (no words added),
        for another segmenter to start from, else None. Using this one again loads anew."""
        with self._lock:
            tokenizer, self._tokenizer = self._tokenizer, None
        return None if self.words else tokenizer

    def _load(self) -> Any:
        tokenizer, self._given = self._given, None
        if tokenizer is None:
            tokenizer = _tokenizer_class()()
        for word in self.words:
            if not tokenizer.has_word(word):
                tokenizer.add_word(word, tokenizer.suggest_freq(word), None)
        return tokenizer

    def _ready(self) -> Any:
        tokenizer = self._tokenizer
        if tokenizer is None:
            with self._lock:  # built once; read-only afterwards, so cutting needs no lock
                if self._tokenizer is None:
                    self._tokenizer = self._load()
                tokenizer = self._tokenizer
        return tokenizer

    def lookup(self) -> Callable[[str], bool]:
        """The test "is this a dictionary word (or one of the lexicon's short strings)?",
        bound once: a tight loop pays no per-call overhead."""
        return self._ready().has_word  # type: ignore[no-any-return]

    def tag(self, word: str) -> str | None:
        """The dictionary's tag of ``word`` (``nr``: a person's name; ``""``: a string the
        lexicon added), or None when the dictionary does not hold it as one word."""
        tagged = self._ready().tag(word, False)
        return str(tagged[0][1]) if len(tagged) == 1 and tagged[0][0] == word else None

    def tagged(self, text: str) -> list[tuple[str, str]]:
        """Words of ``text`` with their part-of-speech tags, unknown words guessed by the
        HMM (``nr``: a person's name, ``p``: a preposition …)."""
        return [(str(w), str(t)) for w, t in self._ready().tag(text, True)]

    def cutter(self) -> Callable[[str], list[str]]:
        """:meth:`tokens`, bound once for a tight loop."""
        return partial(self._ready().cut, hmm=False)

    def tokens(self, text: str) -> list[str]:
        """The words of ``text``."""
        return list(self._ready().cut(text, False))

    def cuts(self, text: str, offset: int = 0) -> list[int]:
        """Offsets of the word boundaries of ``text`` (both ends included), plus ``offset``."""
        pos = offset
        out = [pos]
        for token in self._ready().cut(text, False):
            pos += len(token)
            out.append(pos)
        return out


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
