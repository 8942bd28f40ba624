"""Text of an HTML page with a map back to offsets in the HTML source.

Script, style and template contents are skipped; block elements and <br> become line breaks
so that terms never join across paragraphs; entities are decoded. Comments are dropped,
except wording-guard suppression comments, which are kept as text so that they still work.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

from .suppress import MARKER

BLOCK_TAGS = frozenset(
    (
        "address article aside blockquote br caption dd details dialog div dl dt fieldset "
        "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol option p pre "
        "section summary table tbody td tfoot th thead title tr ul"
    ).split()
)
SKIP_TAGS = frozenset({"script", "style", "template", "noscript", "head"})
# <title> is inside <head> but is the page's title: read it.
KEEP_IN_HEAD = frozenset({"title"})


@dataclass
class HtmlText:
    """Extracted text; ``to_source`` maps a span of it to a span of the HTML source."""

    text: str
    # per segment: (start in text, start in source, length in text, length in source)
    _segments: list[tuple[int, int, int, int]] = field(default_factory=list)

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        return self._point(start, False), self._point(end - 1, True)

    def _point(self, pos: int, after: bool) -> int:
        starts = [s[0] for s in self._segments]
        i = max(0, bisect.bisect_right(starts, pos) - 1)
        t0, s0, tlen, slen = self._segments[i]
        if tlen == slen:  # plain text: one to one
            return s0 + (pos - t0) + (1 if after else 0)
        return s0 + (slen if after else 0)  # an entity or a break: the whole source piece


class _Extractor(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0]
        for i, ch in enumerate(source):
            if ch == "\n":
                self.line_starts.append(i + 1)
        self.parts: list[str] = []
        self.segments: list[tuple[int, int, int, int]] = []
        self.length = 0
        self.skip_depth = 0
        self.in_head_keep = 0

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _emit(self, text: str, source_start: int, source_len: int) -> None:
        if not text:
            return
        self.parts.append(text)
        self.segments.append((self.length, source_start, len(text), source_len))
        self.length += len(text)

    def _break(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self._emit("\n", self._offset(), 0)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP_TAGS and tag != "head":
            self.skip_depth += 1
        if tag in BLOCK_TAGS:
            self._break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK_TAGS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP_TAGS and tag != "head" and self.skip_depth:
            self.skip_depth -= 1
        if tag in BLOCK_TAGS:
            self._break()

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        self._emit(data, self._offset(), len(data))

    def handle_entityref(self, name: str) -> None:
        if not self.skip_depth:
            raw = f"&{name};"
            start = self._offset()
            length = len(raw) if self.source.startswith(raw, start) else len(raw) - 1
            self._emit(unescape(self.source[start : start + length]), start, length)

    def handle_charref(self, name: str) -> None:
        if not self.skip_depth:
            start = self._offset()
            end = self.source.find(";", start, start + 12)
            length = (end + 1 - start) if end != -1 else len(name) + 2
            self._emit(unescape(self.source[start : start + length]), start, length)

    def handle_comment(self, data: str) -> None:
        if MARKER in data:
            self._break()
            start = self._offset()
            inner = data.strip()
            offset_in = self.source.find(inner, start)
            self._emit(inner, offset_in if offset_in != -1 else start, len(inner))
            self._break()


def extract(html_source: str) -> HtmlText:
    parser = _Extractor(html_source)
    parser.feed(html_source)
    parser.close()
    return HtmlText("".join(parser.parts), parser.segments)
