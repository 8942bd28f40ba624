"""One source map for every input: the text that is scanned, and the way back to the source.

Plain text is its own source. HTML (``htmltext.extract``) and attachment units are not: a
finding keeps ``text[start:end] == finding.text`` on the extracted text, and its
``source_start``/``source_end`` point into the source. Lookups are O(log n) on tables built
in one linear pass, so mapping many findings never rereads the source.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SourceText:
    """Extracted ``text`` with a map of its spans back into ``source``.

    The map is a list of segments: a run of ``text`` that came from one run of ``source``.
    A segment of equal length maps character by character (plain text); any other segment
    (an entity such as ``&#32626;``, an inserted line break) maps as a whole.
    """

    text: str
    source: str
    # per segment, parallel tuples: start in text, start in source, length in text, in source
    text_starts: tuple[int, ...] = ()
    source_starts: tuple[int, ...] = ()
    text_lengths: tuple[int, ...] = ()
    source_lengths: tuple[int, ...] = ()
    # line starts of ``source``, computed on first use (see ``source_line_column``)
    _lines: tuple[int, ...] | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def plain(cls, text: str) -> SourceText:
        """A text that is its own source."""
        return cls(text, text)

    @property
    def is_identity(self) -> bool:
        """True when offsets in the text are offsets in the source."""
        return not self.text_starts and self.text is self.source

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """The half-open span of ``source`` that produced ``text[start:end]``."""
        if self.is_identity:
            return start, end
        if not self.text_starts:
            return 0, 0
        if end <= start:
            point = self._point(start, after=False)
            return point, point
        return self._point(start, after=False), self._point(end - 1, after=True)

    def _point(self, pos: int, *, after: bool) -> int:
        i = max(0, bisect.bisect_right(self.text_starts, pos) - 1)
        t0 = self.text_starts[i]
        s0 = self.source_starts[i]
        tlen = self.text_lengths[i]
        slen = self.source_lengths[i]
        if tlen == slen:  # copied text: one to one
            return s0 + (pos - t0) + (1 if after else 0)
        return s0 + (slen if after else 0)  # decoded or inserted: the whole source piece

    def source_line_column(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a source offset (line starts computed once)."""
        lines = self._lines
        if lines is None:
            starts = [0]
            pos = self.source.find("\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = self.source.find("\n", pos + 1)
            lines = tuple(starts)
            # one reference swap: threads sharing this text never see a half-built table
            object.__setattr__(self, "_lines", lines)
        offset = min(max(offset, 0), len(self.source))
        line = bisect.bisect_right(lines, offset) - 1
        return line + 1, offset - lines[line] + 1
