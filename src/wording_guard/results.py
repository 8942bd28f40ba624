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
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from .models import Category, Finding
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

    def add_piece(self, start: int, text: str) -> None:
        """Keep ``text``, which starts at ``start``; pieces must come in order of start."""
        if self.pieces:
            last_start, last = self.pieces[-1]
            last_end = last_start + len(last)
            if start < last_start:
                raise ValueError("pieces must be added in order")
            if start <= last_end:
                if start + len(text) > last_end:
                    self.pieces[-1] = (last_start, last + text[last_end - start :])
                return
        self.pieces.append((start, text))

    def slice(self, start: int, end: int) -> str:
        """The scanned text from ``start`` to ``end``, which must lie within one piece."""
        start, end = max(0, start), min(self.length, end)
        if end <= start:
            return ""
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
        starts, covers, longest = self._pii()
        # the first personal number that can reach into the span starts at most the longest
        # one's length before it
        i = bisect.bisect_left(starts, start - longest)
        while i < len(starts) and starts[i] < stop:
            f_start, cover, f_end = covers[i]
            lo, hi = max(f_start, start), min(f_end, stop)
            if lo < hi:
                shown = (
                    shown[: lo - start] + cover[lo - f_start : hi - f_start] + shown[hi - start :]
                )
            i += 1
        return shown

    def _pii(self) -> tuple[list[int], list[tuple[int, str, int]], int]:
        """The personal numbers found, by start: their starts, (start, cover, end) of each,
        and the longest one's length (computed once per findings list)."""
        cached = self.__dict__.get("_pii_spans")
        if cached is not None and cached[0] is self.findings:
            return cached[1], cached[2], cached[3]
        spans = sorted(
            (f.start, _mask_of(f), f.end)
            for f in self.findings
            if f.category is Category.PRIVACY and f.suggestions
        )
        longest = max((e - s for s, _, e in spans), default=0)
        starts = [s for s, _, _ in spans]
        self.__dict__["_pii_spans"] = (self.findings, starts, spans, longest)
        return starts, spans, longest

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
        return FileResult(self.path, "", list(self.findings), None, excerpts)

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
    """The finding with a personal number replaced by its masked form (its suggestion)."""
    if finding.category is not Category.PRIVACY or not finding.suggestions:
        return finding
    masked = finding.suggestions[0]
    return finding.model_copy(
        update={
            "text": masked,
            "message": finding.message.replace(finding.text, masked),
        }
    )


def masked_text(text: str, findings: Sequence[Finding]) -> str:
    """``text`` with every personal number found in it masked (for excerpts and reports)."""
    for f in sorted(findings, key=lambda f: -f.start):
        if f.category is Category.PRIVACY and f.suggestions:
            text = text[: f.start] + _mask_of(f) + text[f.end :]
    return text
