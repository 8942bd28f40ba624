"""Scanning a text too big to hold at once: in windows, with memory flat in its size.

The text is read in pieces (``inputs.read_text_chunks``) and scanned a window at a time.
Each window *owns* a stretch of the text, cut after a line break (a line longer than half a
window is cut where the window ends), and is scanned together with context on both sides:
at least ``reach`` characters before and after, widened to whole lines when a line break
is near (``line_reach``). Only the findings that start in the owned stretch are kept, their
offsets, lines and columns moved to the whole text's. The result is compact
(``results.Excerpts``): the text itself is never held whole.

What the scanner reads around a hit, and why ``REACH`` (5,120 characters, widened to whole
lines) covers it on real text:

* context conditions (``context.py``) read the sentence around a hit, at most 200
  characters each way (``sentence_bounds``), 24 for ``preceded_by``/``followed_by``; the
  date of a sentence (``dated_before``: a year written before a term) and the correction
  cue before quotes (``in_quotes``) read the same sentence; ``in_title`` reads the line;
* the kinds read bounded stretches too: enumerations 120 characters after and 80 before a
  list's name, meetings 60 around their anchors, a name broken by a line end 5,000 (``split``:
  is the text hard-wrapped there, ``WRAP_REACH``), evidence chains ``reach`` (24) each way,
  regex rules match within a line (their gates are implied by their patterns), the
  table-header look-up of personal numbers up to 8 lines up;
* word segmentation (short hits, the statistical kind) cuts merged windows around nearby
  hits; a cut that starts elsewhere agrees again after a few words, far less than the reach;
  the statistical kind's repeat guard (a string used again nearby is meant) looks
  ``REPEAT_REACH`` (5,000) characters each way, the farthest any check reads;
* the spam-line policy (``overlap.drop_guesses_beside``) works per line, and windows hold
  whole lines (up to ``line_reach``);
* inline suppressions (``suppress.py``) may run to the end of the file: the rules disabled
  before a window are carried into it (see :func:`scan_chunks`), so a ``disable`` far back
  still holds and an ``enable`` still ends it.

Where a line is longer than ``line_reach`` (a file without line breaks), windows are cut
inside it: checks that read the whole line (titles, the spam-line policy) then see the
line only as far as the reach.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path

from . import inputs, suppress
from .errors import SuppressionError
from .models import Finding
from .results import EXCERPT_REACH, Excerpts, FileResult, Region, Spot
from .scanner import Scanner

STREAM_BYTES = 1 << 20
"""Files larger than this are scanned in windows; smaller ones in one piece."""
WINDOW = 1 << 18
"""Characters each window owns (its scan takes ~30 MB besides the scanner)."""
REACH = 5120
"""Characters of context scanned on each side of what a window owns, at least (no less than
the statistical kind's ``REPEAT_REACH``)."""
LINE_REACH = 1 << 16
"""How much further the context is widened to reach a line break."""


def scan_path(
    path: Path,
    scanner: Scanner,
    date: dt.date | str | None = None,
    *,
    window: int | None = None,
    reach: int | None = None,
    line_reach: int | None = None,
) -> FileResult:
    """Scan a text file in windows (decoded as ``inputs.read_text_file`` does)."""
    chunks = inputs.read_text_chunks(path)
    return scan_chunks(
        str(path), chunks, scanner, date, window=window, reach=reach, line_reach=line_reach
    )


def scan_chunks(
    name: str,
    chunks: Iterable[str],
    scanner: Scanner,
    date: dt.date | str | None = None,
    *,
    window: int | None = None,
    reach: int | None = None,
    line_reach: int | None = None,
    disable: Iterable[str] = (),
    max_findings: int | None = None,
) -> FileResult:
    """Scan the text made of ``chunks`` in windows; a compact result. ``window``, ``reach``
    and ``line_reach`` default to ``WINDOW``, ``REACH`` and ``LINE_REACH``; ``disable``
    names rules to skip, as for :meth:`Scanner.scan`. Once ``max_findings`` findings are
    found the scan stops after that window: the result keeps the first ``max_findings`` and
    ``stopped_at_line`` says where the unchecked rest starts.

    Suppressions: the scanner applies those it reads in a window; the rules disabled by
    directives before the window (still open where the previous window's own stretch
    ended) are carried in as one ``disable`` directive put before the window's text, and
    :func:`suppress.suppressed_spans` of that text tells which findings they suppress and
    which rules are still disabled at the end of the window's own stretch."""
    window = WINDOW if window is None else window
    reach = REACH if reach is None else reach
    line_reach = LINE_REACH if line_reach is None else line_reach
    if window < 2 or reach < 1 or line_reach < 0:
        raise ValueError("window must be 2 or more, reach 1 or more")
    text = _Text(iter(chunks))
    known = frozenset(scanner.rule_ids)
    findings: list[Finding] = []
    excerpts = Excerpts(0)
    stopped_at_line: int | None = None
    carried: list[str] = []  # rules (or "all") disabled where the next window's own part starts
    own_start = 0
    while True:
        text.fill(own_start + window + reach + line_reach + EXCERPT_REACH + 1)
        available = text.end
        # what this window owns: up to a line break in its second half, if there is one
        if text.eof and available <= own_start + window:
            own_end = available
        else:
            cut = text.rfind("\n", own_start + window // 2, own_start + window)
            own_end = cut + 1 if cut >= 0 else own_start + window
        # context after it: whole lines when a line break is near
        if text.eof and own_end + reach >= available:
            look_end = available
        else:
            cut = text.find("\n", own_end + reach, own_end + reach + line_reach)
            look_end = cut + 1 if cut >= 0 else own_end + reach
        # context before it: from the start of a line, when one is near
        if own_start - reach <= 0:
            ctx = 0
        else:
            cut = text.rfind("\n", own_start - reach - line_reach, own_start - reach)
            ctx = cut + 1 if cut >= 0 else own_start - reach
        piece = text.slice(ctx, look_end)
        ctx_line, ctx_column = text.line_column(ctx)
        try:
            found = scanner.scan(piece, date=date, disable=disable)
        except SuppressionError as exc:  # where it is in the whole text
            raise SuppressionError(
                exc.detail, line=exc.line + ctx_line, start=exc.start + ctx, end=exc.end + ctx
            ) from None
        kept = [f for f in found if own_start <= ctx + f.start < own_end]
        if carried or suppress.MARKER in piece:
            prefix = f"{suppress.MARKER} disable {', '.join(carried)}\n" if carried else ""
            spans = suppress.suppressed_spans(prefix + piece, known)
            shift = len(prefix) - ctx
            kept = [
                f
                for f in kept
                if not suppress.is_suppressed(f.rule_id, f.start + len(prefix), spans)
            ]
            at = own_end + shift  # where the own stretch ends, in the prefixed text
            carried = sorted(
                rule
                for rule, open_spans in spans.items()
                if any(a <= at < b for a, b in open_spans)
            )
        for f in kept:
            moved = _moved(f, ctx, ctx_line, ctx_column)
            findings.append(moved)
            s, e = moved.start, moved.end
            lo, hi = max(0, s - EXCERPT_REACH), min(available, e + EXCERPT_REACH)
            excerpts.add_piece(lo, text.slice(lo, hi))
            text.spot(excerpts, moved, _region(moved, piece, ctx))
        if text.eof and own_end >= available:
            break
        if max_findings is not None and len(findings) >= max_findings:
            stopped_at_line = text.line_column(own_end)[0] + 1
            del findings[max_findings:]
            break
        own_start = own_end
        text.drop(own_start - reach - line_reach)
    excerpts.length = text.end
    text.close(excerpts)
    return FileResult(name, "", findings, None, excerpts, stopped_at_line)


def _moved(f: Finding, ctx: int, ctx_line: int, ctx_column: int) -> Finding:
    """``f``, found in the window's text that starts at ``ctx``, in the whole text."""
    return f.model_copy(
        update={
            "start": f.start + ctx,
            "end": f.end + ctx,
            "line": f.line + ctx_line,
            "column": f.column + ctx_column if f.line == 1 else f.column,
        }
    )


def _region(f: Finding, piece: str, ctx: int) -> Region:
    """The region of ``f`` (already in the whole text's terms) in the file."""
    s, e = f.start - ctx, f.end - ctx
    breaks = piece.count("\n", s, e)
    end_column = e - piece.rfind("\n", s, e) if breaks else f.column + e - s
    return Region(f.line, f.column, f.line + breaks, end_column, f.start, e - s)


class _Text:
    """The stretch of the text a scan needs: read on from the chunks, dropped behind it."""

    def __init__(self, chunks: Iterator[str]) -> None:
        self._chunks = chunks
        self._buf = ""
        self.base = 0  # offset of _buf[0] in the whole text
        self._base_line = 0  # line breaks before it
        self._base_column = 0  # characters between the last of them and it
        self.eof = False
        # findings whose line had not ended in what was read: (key, region, line start)
        self._pending: list[tuple[tuple[int, int], Region, int]] = []
        self._pending_excerpts: Excerpts | None = None
        # the last line break looked for: (from where, where found or -1); findings come in
        # order, so a long line is not walked once per finding on it
        self._break: tuple[int, int] | None = None

    @property
    def end(self) -> int:
        return self.base + len(self._buf)

    def fill(self, upto: int) -> None:
        while not self.eof and self.end < upto:
            chunk = next(self._chunks, None)
            if chunk is None:
                self.eof = True
                break
            if self._pending and "\n" in chunk:
                self._resolve(self.end + chunk.index("\n"), chunk)
            self._buf += chunk
            self._break = None

    def drop(self, upto: int) -> None:
        """Forget the text before ``upto``."""
        k = min(len(self._buf), upto - self.base)
        if k <= 0:
            return
        gone = self._buf[:k]
        last = gone.rfind("\n")
        self._base_line += gone.count("\n")
        self._base_column = k - last - 1 if last >= 0 else self._base_column + k
        self._buf = self._buf[k:]
        self.base += k

    def slice(self, start: int, end: int) -> str:
        assert start >= self.base, "text before the buffer"
        return self._buf[start - self.base : end - self.base]

    def find(self, sub: str, start: int, end: int) -> int:
        i = self._buf.find(sub, max(0, start - self.base), max(0, end - self.base))
        return i + self.base if i >= 0 else -1

    def rfind(self, sub: str, start: int, end: int) -> int:
        i = self._buf.rfind(sub, max(0, start - self.base), max(0, end - self.base))
        return i + self.base if i >= 0 else -1

    def line_column(self, offset: int) -> tuple[int, int]:
        """Line breaks before ``offset``, and characters between the last of them and it."""
        k = offset - self.base
        last = self._buf.rfind("\n", 0, k)
        line = self._base_line + self._buf.count("\n", 0, k)
        return line, (k - last - 1 if last >= 0 else self._base_column + k)

    def spot(self, excerpts: Excerpts, f: Finding, region: Region) -> None:
        """Keep the region and line bounds of ``f`` (the line's end may come later)."""
        line_start = f.start - (f.column - 1)
        line_end = self._line_break_from(f.start)
        if line_end < 0:
            self._pending.append(((f.start, f.end), region, line_start))
            self._pending_excerpts = excerpts
            return
        end = line_end - self.base
        if line_end > line_start and end > 0 and self._buf[end - 1] == "\r":
            line_end -= 1
        excerpts.spots[f.start, f.end] = Spot(region, line_start, line_end)

    def _line_break_from(self, offset: int) -> int:
        """Offset of the first line break at or after ``offset`` in what was read, or -1."""
        if self._break is not None:
            since, found = self._break
            if since <= offset and (found < 0 or found >= offset):
                return found
        i = self._buf.find("\n", offset - self.base)
        found = i + self.base if i >= 0 else -1
        self._break = (offset, found)
        return found

    def _resolve(self, line_end: int, chunk: str) -> None:
        """The line of the pending findings ends at ``line_end`` (a ``\\n`` in ``chunk``)."""
        before = chunk[: line_end - self.end]
        last = before[-1:] or self._buf[-1:]
        excerpts = self._pending_excerpts
        assert excerpts is not None
        for key, region, line_start in self._pending:
            end = line_end - 1 if last == "\r" and line_end - 1 >= line_start else line_end
            excerpts.spots[key] = Spot(region, line_start, end)
        self._pending = []

    def close(self, excerpts: Excerpts) -> None:
        """At the end of the text: the pending lines end with it."""
        for key, region, line_start in self._pending:
            excerpts.spots[key] = Spot(region, line_start, self.end)
        self._pending = []
