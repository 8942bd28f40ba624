"""Text of an HTML page, as a ``SourceText`` that maps spans of it back to the HTML source.

What becomes text:

* character data, with entities and character references decoded (each reference maps to
  its whole source piece, so ``布&#32626;`` yields ``布署`` and maps back to ``布&#32626;``);
* the values of ``title`` and ``alt`` attributes (tooltips, image descriptions: people read
  them), each on a line of its own, mapped to the value inside the start tag;
* comments holding a wording-guard suppression (``MARKER``), kept as text so that they still
  work; every other comment is dropped.

Script, style, template and noscript contents are skipped. ``<head>`` text is kept (it is the
page ``<title>``; stray text there is shown by browsers too), but attributes of head elements
(``<link title=...>``) are not read. Block elements and ``<br>`` become a line break, so that
terms never join across paragraphs; breaks never double and never lead the text.

One pass over the source: positions come from ``HTMLParser.getpos`` and line starts computed
once, so extraction and every later lookup stay linear and logarithmic respectively.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape
from html.entities import html5
from html.parser import HTMLParser

from .source import SourceText
from .suppress import MARKER

__all__ = ["BLOCK_TAGS", "READ_ATTRIBUTES", "SKIP_TAGS", "extract"]

BLOCK_TAGS = frozenset(
    (
        "address article aside blockquote br caption dd details dialog div dl dt fieldset "
        "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol option p pre "
        "section summary table tbody td tfoot th thead title tr ul"
    ).split()
)
SKIP_TAGS = frozenset({"script", "style", "template", "noscript"})
# Elements that may stand in <head>; any other start tag ends the head (as browsers do).
HEAD_TAGS = frozenset(
    "base basefont bgsound head link meta noframes noscript script style template title".split()
)
READ_ATTRIBUTES = frozenset({"title", "alt"})

_Attr = tuple[str, str | None]
# (lower-case name, value start, value end) in the start tag text; (name, -1, -1): no value
_AttrSpan = tuple[str, int, int]


# --- attribute values -------------------------------------------------------------------
#
# HTMLParser hands out decoded attribute values only, so the raw value is found again in
# ``get_starttag_text()``. The start-tag grammar and the decoding of references inside values
# are those of html.parser: the tolerant ones of older releases, and the HTML-spec ones of
# newer ones (3.14 and the 2025 security releases of 3.9-3.13). A reading counts only if it
# reproduces every (name, value) pair the parser reported, so a value is never mapped to the
# wrong place; when none does, the value is looked up verbatim in its tag (see _unplaced_value).


class _TagGrammar:
    """Where attribute values stand in a start tag, for one way of reading start tags.

    ``space``: what separates attributes (one regex character); ``equals``: the value
    indicator; ``name_stop``: characters that end a tag name besides space, ``/`` and ``>``.
    """

    def __init__(self, space: str, equals: str, name_stop: str) -> None:
        gap = rf"(?:{space}|/(?!>))*"
        self.tag = re.compile(rf"<[a-zA-Z][^\t\n\r\f />{name_stop}]*{gap}")
        not_space = space[1:-1] if space.startswith("[") else space
        self.attr = re.compile(
            rf"""(?<=['"/]|{space})"""  # a name follows a quote, a space or a slash
            rf"([^{not_space}/>][^{not_space}/=>]*)"  # name
            rf"(?:{space}*{equals}{space}*"  # value indicator
            rf"""(?:'([^']*)'|"([^"]*)"|(?!['"])([^>{not_space}]*)))?""" + gap  # value
        )

    def spans(self, tag_text: str) -> list[_AttrSpan]:
        m = self.tag.match(tag_text)
        if m is None:
            return []
        spans: list[_AttrSpan] = []
        pos = m.end()
        while pos < len(tag_text):
            a = self.attr.match(tag_text, pos)
            if a is None:
                break
            name = a.group(1).lower()
            for group in (2, 3, 4):
                if a.group(group) is not None:
                    spans.append((name, a.start(group), a.end(group)))
                    break
            else:
                spans.append((name, -1, -1))
            pos = a.end()
        return spans


_LEGACY_GRAMMAR = _TagGrammar(r"\s", "=+", r"\x00")
_SPEC_GRAMMAR = _TagGrammar(r"[\t\n\r\f ]", "=", "")

# references as html.unescape finds them (decoded whole by it)
_LEGACY_REF = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")
# references in attribute values as the HTML spec reads them
_SPEC_REF = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*)[;=]?")


def _legacy_decode(ref: str) -> str:
    return unescape(ref)


def _spec_decode(ref: str) -> str:
    if ref.startswith("&#"):
        return unescape(ref)
    if not ref.endswith("=") and ref[1:] in html5:
        return unescape(ref)
    return ref


# (raw start, raw end, decoded) pieces of a raw value; literal runs have decoded == raw
_Piece = tuple[int, int, str]
_READINGS: tuple[tuple[_TagGrammar, re.Pattern[str], Callable[[str], str]], ...] = (
    (_LEGACY_GRAMMAR, _LEGACY_REF, _legacy_decode),
    (_SPEC_GRAMMAR, _SPEC_REF, _spec_decode),
)


def _pieces(
    raw: str, start: int, end: int, ref: re.Pattern[str], decode: Callable[[str], str]
) -> list[_Piece]:
    pieces: list[_Piece] = []
    literal = start
    pos = raw.find("&", start, end)
    while pos != -1:
        m = ref.match(raw, pos, end)
        if m is None:
            pos = raw.find("&", pos + 1, end)
            continue
        decoded = decode(m.group())
        if decoded != m.group():
            if literal < pos:
                pieces.append((literal, pos, raw[literal:pos]))
            pieces.append((pos, m.end(), decoded))
            literal = m.end()
        pos = raw.find("&", m.end(), end)
    if literal < end:
        pieces.append((literal, end, raw[literal:end]))
    return pieces


def _read_values(tag_text: str, attrs: list[_Attr]) -> list[list[_Piece] | None] | None:
    """Per attribute, the pieces of its raw value in ``tag_text`` (None: no value).

    None when no reading reproduces what the parser reported.
    """
    for grammar, ref, decode in _READINGS:
        spans = grammar.spans(tag_text)
        if len(spans) != len(attrs):
            continue
        values: list[list[_Piece] | None] = []
        for (name, start, end), (parsed_name, parsed_value) in zip(spans, attrs, strict=True):
            if name != parsed_name:
                break
            if start < 0:
                if parsed_value is not None:
                    break
                values.append(None)
                continue
            pieces = _pieces(tag_text, start, end, ref, decode)
            if parsed_value is None or "".join(p[2] for p in pieces) != parsed_value:
                break
            values.append(pieces)
        else:
            return values
    return None


# --- extraction ---------------------------------------------------------------------------


class _Extractor(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0]
        pos = source.find("\n")
        while pos != -1:
            self.line_starts.append(pos + 1)
            pos = source.find("\n", pos + 1)
        self.parts: list[str] = []
        self.text_starts: list[int] = []
        self.source_starts: list[int] = []
        self.text_lengths: list[int] = []
        self.source_lengths: list[int] = []
        self.length = 0  # of the text so far
        self.cursor = 0  # end in the source of the last segment; segments never overlap
        self.open_line = False  # text so far is non-empty and does not end with "\n"
        self.skip_depth = 0
        self.in_head = False

    # positions and segments

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _segment(self, text: str, source_start: int, source_length: int) -> None:
        if not text:
            return
        self.parts.append(text)
        self.text_starts.append(self.length)
        self.source_starts.append(source_start)
        self.text_lengths.append(len(text))
        self.source_lengths.append(source_length)
        self.length += len(text)
        self.cursor = source_start + source_length
        self.open_line = not text.endswith("\n")

    def _copy(self, text: str, at: int) -> None:
        """``text`` that stands verbatim at ``at`` in the source."""
        if at >= self.cursor and self.source.startswith(text, at):
            self._segment(text, at, len(text))
        else:  # not where the parser said: keep the text, map it to an empty span
            self._segment(text, self.cursor, 0)

    def _decoded(self, text: str, at: int, length: int) -> None:
        """``text`` decoded from ``source[at : at + length]`` (mapped as a whole)."""
        if text == self.source[at : at + length]:
            self._copy(text, at)
        elif at >= self.cursor and len(text) != length:
            self._segment(text, at, length)
        else:
            self._segment(text, self.cursor, 0)

    def _break(self, at: int) -> None:
        if self.open_line:
            self._segment("\n", max(at, self.cursor), 0)

    # parser events

    def handle_starttag(self, tag: str, attrs: list[_Attr]) -> None:
        self._start(tag, attrs)
        if tag in SKIP_TAGS:
            self.skip_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[_Attr]) -> None:
        self._start(tag, attrs)

    def _start(self, tag: str, attrs: list[_Attr]) -> None:
        at = self._offset()
        if tag == "head":
            self.in_head = True
        elif tag not in HEAD_TAGS:
            self.in_head = False
        if tag in BLOCK_TAGS:
            self._break(at)
        if self.skip_depth or self.in_head or tag in SKIP_TAGS:
            return
        for name, value in attrs:
            if name in READ_ATTRIBUTES and value and not value.isspace():
                self._attributes(at, attrs)
                return

    def _attributes(self, at: int, attrs: list[_Attr]) -> None:
        tag_text = self.get_starttag_text() or ""
        if not self.source.startswith(tag_text, at):
            tag_text = ""
        values = _read_values(tag_text, attrs) if tag_text else None
        for index, (name, value) in enumerate(attrs):
            if name not in READ_ATTRIBUTES or not value or value.isspace():
                continue
            pieces = values[index] if values is not None else None
            if pieces is None:
                self._unplaced_value(value, at, tag_text)
                continue
            self._break(at + pieces[0][0])
            for start, end, text in pieces:
                self._decoded(text, at + start, end - start)
            self._break(at + pieces[-1][1])

    def _unplaced_value(self, value: str, at: int, tag_text: str) -> None:
        """A value the tag could not be read for: find it verbatim, or map it to the tag."""
        self._break(at)
        tag_end = at + len(tag_text)
        start = max(at, self.cursor)
        found = self.source.find(value, start, tag_end) if tag_text else -1
        if found != -1:
            self._copy(value, found)
        elif tag_end - start > len(value):
            self._segment(value, start, tag_end - start)
        else:
            self._segment(value, self.cursor, 0)
        self._break(self.cursor)

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP_TAGS and self.skip_depth:
            self.skip_depth -= 1
        elif tag == "head":
            self.in_head = False
        if tag in BLOCK_TAGS:
            self._break(self._offset())

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self._copy(data, self._offset())

    def handle_entityref(self, name: str) -> None:
        if not self.skip_depth:
            self._reference("&" + name)

    def handle_charref(self, name: str) -> None:
        if not self.skip_depth:
            self._reference("&#" + name)

    def _reference(self, head: str) -> None:
        """A reference ``head`` (``&name``, ``&#123``), with its ``;`` when the source has one."""
        at = self._offset()
        if not self.source.startswith(head, at):
            self._segment(unescape(head + ";"), self.cursor, 0)
            return
        length = len(head) + (1 if self.source.startswith(";", at + len(head)) else 0)
        self._decoded(unescape(self.source[at : at + length]), at, length)

    def handle_comment(self, data: str) -> None:
        if MARKER not in data:
            return
        at = self._offset()
        inner = data.strip()
        start = at + 4  # <!--data-->
        if not self.source.startswith(data, start):
            start = at + 2  # <!data> and </data>: bogus comments
            if not self.source.startswith(data, start):
                start = self.source.find(data, at, at + len(data) + 8)
        self._break(at)
        if start == -1:
            self._segment(inner, self.cursor, 0)
        else:
            self._copy(inner, start + len(data) - len(data.lstrip()))
        self._break(self.cursor)


def extract(html_source: str) -> SourceText:
    """The text of ``html_source`` with its map back into the source."""
    parser = _Extractor(html_source)
    parser.feed(html_source)
    parser.close()
    return SourceText(
        "".join(parser.parts),
        html_source,
        tuple(parser.text_starts),
        tuple(parser.source_starts),
        tuple(parser.text_lengths),
        tuple(parser.source_lengths),
    )
