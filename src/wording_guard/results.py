"""Results of scanning files, and masking of personal numbers in what is shown.

Renderers (``output``, ``report``), the batch runner, the document check and the service all
carry findings in these types; none of them needs another's module.

A :class:`FileResult` either holds the whole scanned text or, *compact*, only what the
renderers show of it: the text around each finding, the bounds of the finding's line and its
region in the file (:class:`Excerpts`). Sweeps and files scanned in windows keep compact
results, so that memory does not grow with the size of what was scanned; every output is
the same from either form.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from .inputs import FileError, NotScanned
from .models import Category, Finding
from .pages import PageDate
from .source import SourceText

_LINE_BREAK = re.compile("\n")

EXCERPT_REACH = 32
"""Characters a compact result keeps on each side of a finding: at least as many as any
renderer shows around a span (``output`` and ``report``)."""


class Region(NamedTuple):
    """Where a finding sits in the file itself (the HTML source for an HTML page)."""

    line: int
    column: int
    end_line: int
    end_column: int
    offset: int
    length: int


class Spot(NamedTuple):
    """What a compact result keeps of one finding besides the text around it."""

    region: Region
    line_start: int
    """Offset in the scanned text where the finding's line starts."""
    line_end: int
    """… and where it ends (before its line break, ``\\r\\n`` or ``\\n``)."""


@dataclass
class Excerpts:
    """The parts of a scanned text that renderers show, the text itself not kept.

    ``pieces``: (offset, text) of the scanned text around the findings, sorted and apart
    (touching or overlapping ones are merged); ``spots``: per finding span (start, end)."""

    length: int
    pieces: list[tuple[int, str]] = field(default_factory=list)
    spots: dict[tuple[int, int], Spot] = field(default_factory=dict)
    _tail: list[str] = field(default_factory=list, repr=False, compare=False)
    """Text that extends the last piece, joined to it when pieces are read: joining on every
    merge would copy a growing piece once per finding (a line dense with findings)."""
    _end: int = field(default=0, repr=False, compare=False)
    """Where the last piece ends, its tail included."""

    def add_piece(self, start: int, text: str) -> None:
        """Keep ``text``, which starts at ``start``; pieces must come in order of start."""
        if self.pieces:
            if start < self.pieces[-1][0]:
                raise ValueError("pieces must be added in order")
            if start <= self._end:
                if start + len(text) > self._end:
                    self._tail.append(text[self._end - start :])
                    self._end = start + len(text)
                return
            self._join_tail()
        self.pieces.append((start, text))
        self._end = start + len(text)

    def all_pieces(self) -> list[tuple[int, str]]:
        """Every piece kept, in order."""
        self._join_tail()
        return self.pieces

    def _join_tail(self) -> None:
        if self._tail:
            start, text = self.pieces[-1]
            self.pieces[-1] = (start, text + "".join(self._tail))
            self._tail = []

    def slice(self, start: int, end: int) -> str:
        """The scanned text from ``start`` to ``end``, which must lie within one piece."""
        start, end = max(0, start), min(self.length, end)
        if end <= start:
            return ""
        self._join_tail()
        i = bisect.bisect_right(self.pieces, (start, "\U0010ffff")) - 1
        if i >= 0:
            piece_start, text = self.pieces[i]
            if end <= piece_start + len(text):
                return text[start - piece_start : end - piece_start]
        raise ValueError(f"text {start}-{end} was not kept")


@dataclass
class FileResult:
    """The findings of one file. ``text`` is what was scanned (offsets of the findings);
    ``source`` is set when that text was extracted from the file's own content (HTML).
    A compact result (see :meth:`compact`) keeps ``excerpts`` instead: its ``text`` is empty
    and ``source`` None."""

    path: str
    text: str
    findings: list[Finding] = field(default_factory=list)
    source: SourceText | None = None
    excerpts: Excerpts | None = None
    stopped_at_line: int | None = None
    """Set when checking stopped at a findings limit: the line where the unchecked rest of
    the text starts."""
    date: PageDate | None = None
    """The date the text was judged by: the page's own (``pages.page_date``) or the one it was
    given (source ``given``)."""
    site: str | None = None
    """The site the page belongs to (its ``SiteName`` meta tag, or as a sweep input gave it)."""
    column: str | None = None
    """The site's column (栏目) the page is in (``ColumnName``, or as given)."""

    @property
    def text_length(self) -> int:
        """Characters of the scanned text."""
        return self.excerpts.length if self.excerpts is not None else len(self.text)

    def region(self, f: Finding) -> Region:
        """The finding's span in the file: in the source when there is one."""
        if self.excerpts is not None:
            return self.excerpts.spots[f.start, f.end].region
        if self.source is not None and f.source_start is not None and f.source_end is not None:
            where, start, end = self.source, f.source_start, f.source_end
        else:
            where, start, end = self._plain(), f.start, f.end
        line, column = where.source_line_column(start)
        end_line, end_column = where.source_line_column(end)
        return Region(line, column, end_line, end_column, start, end - start)

    def line_bounds(self, f: Finding) -> tuple[int, int]:
        """Offsets in the scanned text of the start and the end (before the line break) of
        the line the finding starts on."""
        if self.excerpts is not None:
            spot = self.excerpts.spots[f.start, f.end]
            return spot.line_start, spot.line_end
        return line_bounds(self.text, f.start)

    def shown(self, start: int, end: int, reveal_pii: bool = False) -> str:
        """The scanned text from ``start`` to ``end``, personal numbers found in the file
        masked unless ``reveal_pii``. On a compact result the span must lie within
        ``EXCERPT_REACH`` of a finding (as renderers use it)."""
        if self.excerpts is None:
            if reveal_pii:
                return self.text[max(0, start) : end]
            masked = self.__dict__.get("_masked")
            if masked is None or masked[0] is not self.text or masked[1] is not self.findings:
                masked = (self.text, self.findings, masked_text(self.text, self.findings))
                self.__dict__["_masked"] = masked
            return masked[2][max(0, start) : end]
        shown = self.excerpts.slice(start, end)
        if reveal_pii:
            return shown
        start = max(0, start)
        stop = start + len(shown)
        for n, lo, hi in self._numbers().overlapping(start, stop):
            shown = shown[: lo - start] + n.cover[lo - n.start : hi - n.start] + shown[hi - start :]
        return shown

    def _numbers(self) -> _Numbers:
        """The personal numbers found (computed once per findings list)."""
        cached = self.__dict__.get("_pii_numbers")
        if cached is None or cached[0] is not self.findings:
            cached = (self.findings, _Numbers(self.findings))
            self.__dict__["_pii_numbers"] = cached
        return cached[1]

    def masked(self) -> FileResult:
        """This result as shown: personal numbers masked in its findings (see
        :func:`mask_findings`) and its path."""
        return replace(self, path=redact_numbers(self.path), findings=mask_findings(self.findings))

    def compact(self) -> FileResult:
        """This result without the whole text: what the renderers show of it only."""
        if self.excerpts is not None:
            return self
        text = self.text
        excerpts = Excerpts(len(text))
        # the line breaks, found once: a long line is not walked once per finding on it
        breaks: list[int] | None = None
        for f in sorted(self.findings, key=lambda f: (f.start, f.end)):
            lo, hi = max(0, f.start - EXCERPT_REACH), min(len(text), f.end + EXCERPT_REACH)
            excerpts.add_piece(lo, text[lo:hi])
            if breaks is None:
                breaks = [m.start() for m in _LINE_BREAK.finditer(text)]
            i = bisect.bisect_left(breaks, f.start)
            line_start = breaks[i - 1] + 1 if i else 0
            line_end = breaks[i] if i < len(breaks) else len(text)
            if i < len(breaks) and line_end > line_start and text[line_end - 1] == "\r":
                line_end -= 1
            excerpts.spots[f.start, f.end] = Spot(self.region(f), line_start, line_end)
        return replace(self, text="", findings=list(self.findings), source=None, excerpts=excerpts)

    def _plain(self) -> SourceText:
        plain = self.__dict__.get("_plain_text")
        if plain is None or plain.text is not self.text:
            plain = SourceText.plain(self.text)
            self.__dict__["_plain_text"] = plain
        return plain


def line_bounds(text: str, offset: int) -> tuple[int, int]:
    """Start and end (before ``\\n`` or ``\\r\\n``) of the line of ``text`` at ``offset``."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    if end == -1:
        end = len(text)
    elif end > start and text[end - 1] == "\r":
        end -= 1
    return start, end


def _mask_of(f: Finding) -> str:
    """What stands for the personal number ``f`` in shown text (as long as its span)."""
    masked = f.suggestions[0]
    return masked if len(masked) == f.end - f.start else "*" * (f.end - f.start)


def mask_pii(finding: Finding) -> Finding:
    """A privacy finding with its personal number replaced by the masked form (its
    suggestion). Other findings may cover a personal number too: see :func:`mask_findings`."""
    if finding.category is not Category.PRIVACY or not finding.suggestions:
        return finding
    masked = finding.suggestions[0]
    return finding.model_copy(
        update={
            "text": masked,
            "message": finding.message.replace(finding.text, masked),
        }
    )


@dataclass
class Coverage:
    """What a run did not check, reported with its findings."""

    not_scanned: list[NotScanned] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    """Errors inside files that were scanned (checked without the faulty part)."""
    skipped: dict[str, int] = field(default_factory=dict)
    """Files that folder sweeps left out (not a text or attachment type), by suffix."""

    def shown(self, reveal_pii: bool = False) -> Coverage:
        """This record as outputs show it: personal numbers masked in paths and reasons
        (``张三110105198001011238.pdf``) unless ``reveal_pii``."""
        if reveal_pii:
            return self
        return Coverage(
            [
                NotScanned(redact_numbers(n.path), redact_numbers(n.reason))
                for n in self.not_scanned
            ],
            [
                FileError(
                    redact_numbers(e.path),
                    e.line,
                    redact_numbers(e.message),
                    redact_numbers(e.file),
                )
                for e in self.errors
            ],
            dict(self.skipped),
        )

    @property
    def complete(self) -> bool:
        """Whether everything asked for was checked."""
        return not self.not_scanned and not self.errors


def masked_results(results: Sequence[FileResult], reveal_pii: bool) -> Sequence[FileResult]:
    """What renderers show of ``results``: personal numbers masked in the findings (see
    :func:`mask_findings`) and in the paths, unless ``reveal_pii``."""
    if reveal_pii:
        return results
    return [r.masked() for r in results]


# A part of a personal number this long or longer, shown by another finding, is masked
# there too; shorter ones (the "138" a spam span ends with) identify nobody.
_PIECE = 4


def mask_findings(findings: Sequence[Finding]) -> list[Finding]:
    """The findings of one text with every personal number found in it masked wherever it
    shows: in its own finding and in any other finding whose span covers all or part of it
    (the phone number at the end of a spam line), in text, message and suggestions."""
    numbers = _Numbers(findings)
    if not numbers.items:
        return list(findings)
    out = []
    for f in findings:
        if f.category is Category.PRIVACY:
            out.append(mask_pii(f))
            continue
        covered = [
            (lo, hi, n.cover[lo - n.start : hi - n.start], n.raw[lo - n.start : hi - n.start])
            for n, lo, hi in numbers.overlapping(f.start, f.end)
        ]
        out.append(_mask_covered(f, covered) if covered else f)
    return out


class _Number(NamedTuple):
    start: int
    end: int
    cover: str
    """What stands for it in shown text, as long as its span."""
    raw: str


class _Numbers:
    """The personal numbers (privacy findings with a masked form) among findings, by start,
    asked which of them reach into a span."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.items = sorted(
            _Number(f.start, f.end, _mask_of(f), f.text)
            for f in findings
            if f.category is Category.PRIVACY and f.suggestions
        )
        self._starts = [n.start for n in self.items]
        self._longest = max((n.end - n.start for n in self.items), default=0)

    def overlapping(self, start: int, end: int) -> Iterator[tuple[_Number, int, int]]:
        """Each number that reaches into ``[start, end)``, with the part of its span inside."""
        # the first that can reach in starts at most the longest one's length before start
        i = bisect.bisect_left(self._starts, start - self._longest)
        while i < len(self.items) and self.items[i].start < end:
            n = self.items[i]
            lo, hi = max(n.start, start), min(n.end, end)
            if lo < hi:
                yield n, lo, hi
            i += 1


def _mask_covered(f: Finding, covered: list[tuple[int, int, str, str]]) -> Finding:
    """``f`` with the parts (start, end, masked, raw) of personal numbers it covers masked."""
    surface = list(f.text)
    for lo, hi, masked, _raw in covered:
        surface[lo - f.start : hi - f.start] = masked
    shown = "".join(surface)
    message = f.message.replace(f.text, shown)
    suggestions = list(f.suggestions)
    for _lo, _hi, masked, raw in sorted(covered, key=lambda c: -len(c[3])):
        if sum(ch.isalnum() for ch in raw) >= _PIECE:
            message = message.replace(raw, masked)
            suggestions = [s.replace(raw, masked) for s in suggestions]
    return f.model_copy(
        update={"text": shown, "message": message, "suggestions": tuple(suggestions)}
    )


# Digit runs that may be personal numbers in a name or a message (file and attachment
# names, errors): 11 (mobile) to 19 (card) digits, ASCII or full-width, an ID's final X.
_NUMBER_RUN = re.compile(r"(?<![0-9０-９])[0-9０-９]{11,19}[xX×ｘＸ]?(?![0-9０-９])")
_TO_ASCII = str.maketrans("０１２３４５６７８９ｘＸ×", "0123456789XXX")


def redact_numbers(text: str) -> str:
    """``text`` with anything that reads as a personal number masked, whatever surrounds it:
    for names and messages (``张三110105198001011238.pdf``), where no context tells
    a person's number from another. An ID number (18 characters with its check digit and a
    real birth date), a mobile number (11 digits from 13 to 19) and a card number (16 to 19
    digits passing the Luhn check) are masked as the privacy rules mask them."""
    if not _NUMBER_RUN.search(text):
        return text
    from .validators import (
        id_card_check_digit,
        luhn_ok,
        mask_bank_card,
        mask_mobile,
        mask_resident_id,
    )

    def masked(m: re.Match[str]) -> str:
        run = m.group(0)
        digits = run.translate(_TO_ASCII)
        if (
            len(digits) == 18
            and digits[:17].isdigit()
            and id_card_check_digit(digits[:17]) == digits[17]
            and _birth_date(digits[6:14])
        ):
            return mask_resident_id(run)
        if not digits.isdigit():
            return run
        if len(digits) == 11 and digits[0] == "1" and digits[1] in "3456789":
            return mask_mobile(run)
        if 16 <= len(digits) <= 19 and luhn_ok(digits):
            return mask_bank_card(run)
        return run

    return _NUMBER_RUN.sub(masked, text)


def _birth_date(yyyymmdd: str) -> bool:
    import datetime as dt

    try:
        born = dt.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:]))
    except ValueError:
        return False
    return born.year >= 1900


def masked_text(text: str, findings: Sequence[Finding]) -> str:
    """``text`` with every personal number found in it masked (for excerpts and reports)."""
    numbers = _Numbers(findings).items
    if not numbers:
        return text
    parts = []
    done = 0
    for n in numbers:  # apart: privacy findings never overlap one another
        if n.start < done:
            continue
        parts += [text[done : n.start], n.cover]
        done = n.end
    parts.append(text[done:])
    return "".join(parts)
