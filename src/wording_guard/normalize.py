"""Text normalization that never loses track of the original offsets.

Two views of a text are matched:

* the *folded* view: ``text.translate(fold_table)``; every character maps to exactly one
  character (width, case, traditional→simplified, compatibility forms), so offsets are the
  original offsets;
* the *compact* view: the folded view with noise characters (spaces, zero-width characters,
  combining marks, ``*·_-.``…) removed. Only texts that contain noise pay for an offset map,
  and the map is one entry per noise run, not per character.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from itertools import compress, filterfalse, repeat
from operator import add, eq, sub

# Characters skipped inside terms. Newlines are kept (terms do not join across lines), except
# one line break between two Chinese characters: text copied from a PDF or a fixed-width page
# wraps in mid-word (习近\n平), while paragraphs end in punctuation.
NOISE_CHARS = (
    " \t\r\u00a0\u3000\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad\u180e\u202f\u205f"
    "*·_-.•・|~‧∙⋅\u30fb\uff65\u2027"
)
_NOISE_CLASS = (
    "[" + re.escape(NOISE_CHARS) + r"\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff"
    r"\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f\U000e0100-\U000e01ef]+"
)
NOISE_RUN = re.compile("(?:" + _NOISE_CLASS + "|(?<=[\u4e00-\u9fff])\r?\n(?=[\u4e00-\u9fff]))+")
# NOISE_RUN's runs, found by two patterns that start with a character set or a literal, so
# that the engine skips ahead fast (NOISE_RUN starts with a group: 4x slower). Its runs are
# exactly these: "\r" is noise, so the line-break branch only ever matches a lone "\n"
# between two Chinese characters, never next to a noise run. (NOISE_CHAR is one noise
# character: a text without a line end holds a noise run iff it holds one.)
NOISE_CHAR = re.compile(_NOISE_CLASS)
_WRAPPED_LINE = re.compile("\n(?<=[\u4e00-\u9fff]\n)(?=[\u4e00-\u9fff])")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]+")

# Enclosed numbers (①, ⑴, ㈠) are list markers in official text; folding them to digits would
# glue them onto the numbers that follow.
_KEEP_RANGES = ((0x2460, 0x24FF), (0x3200, 0x32FF), (0x2150, 0x218F), (0x2776, 0x2793))


def build_fold_table() -> dict[int, int]:
    """Map code points to one code point each: NFKC (1:1 only), lower case, t2s per character.

    Each step runs over all ~110 k code points at once (``map`` over C functions, opencc on
    one string of them): a Python loop per code point took ~0.3 s. Callers cache the result.
    """
    import opencc

    ranges = [
        (0x00, 0x2FFF),
        (0x3000, 0x9FFF),
        (0xF900, 0xFFEF),
        (0x1D400, 0x1D7FF),
        (0x20000, 0x2FA1F),
    ]
    kept = {cp for lo, hi in _KEEP_RANGES for cp in range(lo, hi + 1)}
    chars = [
        chr(cp) for lo, hi in ranges for cp in filterfalse(kept.__contains__, range(lo, hi + 1))
    ]
    categories = map(unicodedata.category, chars)
    chars = [ch for ch, cat in zip(chars, categories, strict=True) if cat not in ("Cs", "Cn")]
    # NFKC when it gives one character, then lower case when that gives one
    nfkc = map(partial(unicodedata.normalize, "NFKC"), chars)
    out = [n if len(n) == 1 else ch for ch, n in zip(chars, nfkc, strict=True)]
    out = [low if len(low) == 1 else o for o, low in zip(out, map(str.lower, out), strict=True)]
    # traditional to simplified, one character at a time, for what GB 2312 (the standard
    # simplified characters) does not hold: never 著, 乾, 后…. Converted as one text, one
    # character a line: a line of one character converts as that character alone.
    standard = _gb2312()
    todo = [i for i, o in enumerate(out) if o >= "\u3400" and o not in standard]
    # Hong Kong's and Taiwan's standard forms next (衞 of 醫療衞生 is Hong Kong's 衛), for
    # what the general table leaves as it is
    for config in ("t2s", "hk2s", "tw2s"):
        if not todo:
            break
        convert = opencc.OpenCC(config).convert
        lines = convert("\n".join(out[i] for i in todo)).split("\n")
        if len(lines) != len(todo):  # a character became a line break: one at a time
            lines = [convert(out[i]) for i in todo]
        left = []
        for i, simp in zip(todo, lines, strict=True):
            if len(simp) == 1 and simp != out[i]:
                out[i] = simp
            else:
                left.append(i)
        todo = left
    return {ord(ch): ord(o) for ch, o in zip(chars, out, strict=True) if o != ch}


def _gb2312() -> frozenset[str]:
    """The characters of GB 2312 past ASCII: what its codec decodes from a pair of bytes
    (each pair alone: an undecodable one would shift the rest), ~3x faster than asking
    the encoder about each of 10^5 characters."""
    pairs = (bytes((first, second)) for first in range(0xA1, 0xFF) for second in range(0xA1, 0xFF))
    return frozenset("".join(pair.decode("gb2312", "ignore") for pair in pairs))


def _has_astral(text: str) -> bool:
    """``text`` holds a character past the BMP: a UTF-16 copy is then longer than two bytes a
    character (one C pass, ~10x faster than a regex search of a text of BMP characters)."""
    return len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)


def _char_class(code_points: Iterable[int]) -> str:
    """A regex character set of ``code_points``, as ranges."""
    ranges: list[list[int]] = []
    for cp in sorted(code_points):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    if not ranges:
        return "(?!)"  # matches nothing
    return "[" + "".join(re.escape(chr(lo)) + "-" + re.escape(chr(hi)) for lo, hi in ranges) + "]"


@dataclass(frozen=True)
class View:
    """A matchable view of a text and the way back to original offsets."""

    text: str
    # For each noise run removed: (position in the compact text where the run was, total
    # characters removed up to and including that run). Empty for texts without noise.
    _cuts: tuple[int, ...] = ()
    _shifts: tuple[int, ...] = ()

    @property
    def has_cuts(self) -> bool:
        """Whether anything was removed: offsets differ from the folded text's."""
        return bool(self._cuts)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of this view to a half-open span of the original text."""
        cuts = self._cuts
        if not cuts:
            return start, end
        # the shifts at start and at end - 1, written out: the scanner maps every hit
        shifts = self._shifts
        i = bisect_right(cuts, start) - 1
        j = bisect_right(cuts, end - 1) - 1
        return start + (shifts[i] if i >= 0 else 0), end + (shifts[j] if j >= 0 else 0)

    def to_original_spans(self, starts: list[int], ends: list[int]) -> tuple[list[int], list[int]]:
        """:meth:`to_original` of many spans at once, in C-level passes."""
        cuts = self._cuts
        if not cuts:
            return starts, ends
        shifts = (0, *self._shifts)  # shifts[k]: removed before the k-th cut's run
        at = partial(bisect_right, cuts)
        return (
            list(map(add, starts, map(shifts.__getitem__, map(at, starts)))),
            list(map(add, ends, map(shifts.__getitem__, map(at, map(sub, ends, repeat(1)))))),
        )

    def unbroken_spans(
        self, starts: list[int], ends: list[int]
    ) -> tuple[list[bool], list[int], list[int]]:
        """Which spans have nothing removed inside them, and :meth:`to_original` of those
        (the others are left out), in C-level passes: nothing is removed inside a span when
        its first and last characters lie past the same cut, and both then move by the same
        shift (fewer passes than mapping both ends and comparing lengths)."""
        cuts = self._cuts
        if not cuts:
            return [True] * len(starts), starts, ends
        shifts = (0, *self._shifts)
        at = partial(bisect_right, cuts)
        first = list(map(at, starts))
        kept = list(map(eq, first, map(at, map(sub, ends, repeat(1)))))
        if all(kept):
            moved = list(map(shifts.__getitem__, first))
            return kept, list(map(add, starts, moved)), list(map(add, ends, moved))
        moved = list(map(shifts.__getitem__, compress(first, kept)))
        return (
            kept,
            list(map(add, compress(starts, kept), moved)),
            list(map(add, compress(ends, kept), moved)),
        )


class Normalizer:
    """Folds and compacts texts with a precomputed translation table."""

    def __init__(self, fold_table: dict[int, int]) -> None:
        self.fold_table = fold_table
        # str.translate with a dict raises and catches a LookupError for every unmapped
        # character; a full BMP list never misses and folds about twice as fast.
        bmp = list(range(0x10000))
        for cp, to in fold_table.items():
            if cp < 0x10000:
                bmp[cp] = to
        self._bmp = bmp
        self._astral = {cp: to for cp, to in fold_table.items() if cp >= 0x10000}
        # Official text folds few characters, most of them full-width commas: those are
        # replaced in one C pass, and the runs of the rest found by one regex scan (~2x
        # faster than translating every character). The regex takes ~8 ms to build: built on
        # the first long text (idempotent, so threads may race harmlessly); short texts, as
        # in a one-off command, are translated
        self._comma = chr(bmp[0xFF0C])
        self._nul_kept = 0 not in fold_table and 0 not in fold_table.values()  # see terms()
        self._foldable: re.Pattern[str] | None = None

    def fold(self, text: str) -> str:
        """Width, case, traditional and compatibility forms folded; length unchanged."""
        # astral characters miss the list and stay; a short text is searched for them (a
        # third of the time of a UTF-16 copy), a long one copied (10x faster than a search)
        if len(text) < 4096:
            folded = text.translate(self._bmp)
            astral = bool(self._astral) and _ASTRAL.search(folded) is not None
        else:
            folded = self._fold_long(text)
            astral = bool(self._astral) and _has_astral(folded)
        if astral:
            folded = _ASTRAL.sub(lambda m: m.group().translate(self._astral), folded)
        return folded

    def _fold_long(self, text: str) -> str:
        foldable = self._foldable
        if foldable is None:
            keys = (cp for cp in self.fold_table if cp < 0x10000)
            foldable = self._foldable = re.compile(_char_class(keys) + "+")
        # past one run to fold per 32 characters (traditional script), translating every
        # character is the faster way
        limit = len(text) // 32 + 1
        folded, runs = foldable.subn(self._fold_run, text.replace("\uff0c", self._comma), limit)
        return text.translate(self._bmp) if runs == limit else folded

    def _fold_run(self, match: re.Match[str]) -> str:
        return match.group().translate(self._bmp)

    def compact(self, folded: str) -> View:
        """Remove noise runs from an already folded text."""
        runs = [m.span() for m in NOISE_CHAR.finditer(folded)]
        if "\n" in folded:
            wraps = [m.span() for m in _WRAPPED_LINE.finditer(folded)]
            if wraps:
                runs = sorted(runs + wraps)
        if not runs:
            return View(folded)
        pieces: list[str] = []
        cuts: list[int] = []
        shifts: list[int] = []
        removed = 0
        last = 0
        kept = 0
        for start, end in runs:
            pieces.append(folded[last:start])
            kept += start - last
            removed += end - start
            cuts.append(kept)
            shifts.append(removed)
            last = end
        pieces.append(folded[last:])
        return View("".join(pieces), tuple(cuts), tuple(shifts))

    def term(self, term: str) -> str:
        """The form a lexicon term is matched in: folded and compacted."""
        return _without_noise(self.fold(term))

    def terms(self, terms: Iterable[str]) -> list[str]:
        """:meth:`term` of each, in one pass over them all (a slips file holds ~10^5):
        joined by NUL, which folding leaves as it is and no noise run crosses."""
        terms = list(terms)
        blob = "\x00".join(terms)
        if self._nul_kept and blob.count("\x00") == len(terms) - 1:
            folded = self.fold(blob)
            # without a line break NOISE_RUN's runs are NOISE_CHAR's, found faster
            if "\n" in folded:
                return _without_noise(folded).split("\x00")
            return NOISE_CHAR.sub("", folded).split("\x00")
        return [self.term(t) for t in terms]


def _without_noise(folded: str) -> str:
    """``folded`` without its noise runs. A line break next to noise (栾\n-栾) joins two
    Chinese characters only once the noise is gone: a second pass takes it too, so that a
    term's form is its own form (the view of a text keeps such a break, and a span of it is
    compared by its term)."""
    text = NOISE_RUN.sub("", folded)
    return NOISE_RUN.sub("", text) if "\n" in text else text


# Letter-spaced text: four or more Chinese characters with the same separator (one
# character: a space, a middle dot, a bar…) between every two of them, as injected spam sets
# its keywords (赛 马 会 六 合 彩) so that they slip past filters. The compact view drops such
# noise too, but patterns read the folded view, where the characters stand apart. Two spaces
# apart are a table's cells (张  三), not letter-spacing.
_SPACER = "[ \u3000\u00a0\u2002\u2003·•・|/_*.\\-]"
_HAN = "[\u4e00-\u9fff]"
_LETTER_SPACED = re.compile(
    f"(?<!{_HAN}){_HAN}(?P<sep>{_SPACER}){_HAN}(?:(?P=sep){_HAN}){{2,}}(?!{_HAN})"
)
# a first look, five times cheaper (the engine skips ahead to the separators): three
# separated characters
_SPACED_GATE = re.compile(f"{_SPACER}{_HAN}{_SPACER}{_HAN}{_SPACER}{_HAN}")


def letter_spaced_runs(folded: str) -> list[tuple[str, list[int]]]:
    """The letter-spaced stretches of ``folded``, each closed up (its characters alone) with
    the offset of every character in ``folded``."""
    first = _SPACED_GATE.search(folded)
    if first is None:
        return []
    return [
        (folded[m.start() : m.end() : 2], list(range(m.start(), m.end(), 2)))
        for m in _LETTER_SPACED.finditer(folded, max(0, first.start() - 1))
    ]
