"""Text of attachments (DOCX, XLSX, PDF, TXT, HTML) unit by unit, each with its location.

The readers are optional dependencies (``pip install "wording-guard[attachments]"``). A file
that cannot be read (corrupt, encrypted, unknown type, reader not installed) raises
:class:`AttachmentError`; the document check reports it and goes on with the rest.

Attachments come from outside, so reading them is bounded (:class:`AttachmentLimits`): a
558 KB DOCX can inflate to 170 MB of XML, a PDF page can hold a stream that decompresses to
gigabytes. A reader draws on one :class:`Budget` per document; when a limit is reached, the
units read so far have already been handed out and :class:`AttachmentTooLarge` says which
limit stopped the reading. Nothing is cut silently.
"""

from __future__ import annotations

import io
import itertools
import posixpath
import re
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, cast

from .errors import InputError
from .inputs import decode
from .source import SourceText

if TYPE_CHECKING:
    from docx.oxml.table import CT_Tbl
    from docx.types import ProvidesStoryPart
    from lxml import etree

# (location, text to scan with its source): location names the unit, e.g. {"paragraph": 3} or
# {"sheet": "表1", "cell": "B2"}; an HTML attachment's unit maps back into its markup
Unit = tuple[dict[str, Any], SourceText]


@dataclass(frozen=True)
class AttachmentLimits:
    """How much of one document's attachments is read.

    Every limit but ``zip_entries`` is shared by all the attachments of a document, so that
    a check ends in bounded time and memory however its bytes are split into files. The
    defaults keep each hostile input of ``benchmarks/hostile.py`` within about 10 s and
    1 GB on a 2-core machine, and are far above ordinary government attachments.
    """

    inflated_bytes: int = 50_000_000
    """XML inflated from DOCX and XLSX files (read with a cap, whatever their headers say)."""
    xml_tags: int = 2_000_000
    """Tags in that XML: parsing costs per element, a file of tiny elements stops here."""
    zip_entries: int = 10_000
    """Members of one DOCX or XLSX file."""
    cells: int = 1_000_000
    """DOCX table cells and XLSX cells visited, empty and merged ones included (an XLSX row
    without cells counts as one)."""
    pdf_pages: int = 2_000
    pdf_content_bytes: int = 4_000_000
    """Decoded page content that PDF text extraction parses: content streams, form XObjects
    as often as they are drawn, fonts' ToUnicode maps."""
    units: int = 30_000
    """Paragraphs, cells, lines and pages with text: each is scanned on its own."""
    characters: int = 2_000_000
    """Text taken from the attachments (the markup of HTML attachments included)."""


# what each limit means, for the report; per-document limits say so
_REASONS = {
    "inflated_bytes": "解压后的 XML 超过 {:,} 字节",
    "xml_tags": "XML 标记超过 {:,} 个",
    "zip_entries": "压缩包内的文件超过 {:,} 个",
    "cells": "表格单元格超过 {:,} 个",
    "pdf_pages": "PDF 页数超过 {:,} 页",
    "pdf_content_bytes": "PDF 页面内容超过 {:,} 字节",
    "units": "段落、单元格、行和页超过 {:,} 个",
    "characters": "文字超过 {:,} 个字符",
}
_PER_FILE = frozenset({"zip_entries"})
# limits of the readers themselves, which have no number of ours
_PDF_DECODER = "pdf_decoder"
_XML_PARSER = "xml_parser"
_OWN_LIMITS = {
    _PDF_DECODER: "PDF 中的数据流超出解压或解析上限",
    _XML_PARSER: "XML 中的文本过长或嵌套过深，超出解析上限",
}


class AttachmentError(InputError):
    """An attachment could not be read; the message says why."""


class AttachmentTooLarge(AttachmentError):
    """Reading stopped at a limit of :class:`AttachmentLimits`; the units before it were read.

    ``limit`` names the field of :class:`AttachmentLimits`, or a limit of the readers
    themselves: ``"pdf_decoder"`` (pypdf's decompression and parsing limits) or
    ``"xml_parser"`` (libxml2's: a text node over 10 MB, nesting over 256 levels). The
    message, in Chinese for the report, says what was exceeded.
    """

    def __init__(self, name: str, limit: str, limits: AttachmentLimits) -> None:
        if limit in _OWN_LIMITS:
            reason = _OWN_LIMITS[limit]
        else:
            reason = _REASONS[limit].format(getattr(limits, limit))
            if limit not in _PER_FILE:
                reason += "（本文档全部附件合计）"
        super().__init__(f"{name}：{reason}，其后的内容未检查")
        self.name = name
        self.limit = limit


class _LimitReached(Exception):
    """Raised by :class:`Budget` inside a reader; :func:`units` adds the attachment's name."""

    def __init__(self, limit: str) -> None:
        super().__init__(limit)
        self.limit = limit


_TAG_START = re.compile(rb"<")


class Budget:
    """What is left of one document's :class:`AttachmentLimits`; the readers draw on it.

    A reader asks before it reads: an amount that does not fit raises, and what is left
    stays for the next attachment (text is the exception: the part of a unit that fits is
    still checked, and uses up the rest).
    """

    def __init__(self, limits: AttachmentLimits | None = None) -> None:
        self.limits = limits or AttachmentLimits()
        self._used: Counter[str] = Counter()

    def left(self, limit: str) -> int:
        return max(0, int(getattr(self.limits, limit)) - self._used[limit])

    def take(self, limit: str, amount: int) -> None:
        if amount > self.left(limit):
            raise _LimitReached(limit)
        self._used[limit] += amount

    def fit_xml(self, chunk: bytes) -> tuple[bytes, str | None]:
        """The part of ``chunk`` that fits (paid for), and the limit that cut it, if any."""
        cut_by = None
        room = self.left("inflated_bytes")
        if len(chunk) > room:
            chunk, cut_by = chunk[:room], "inflated_bytes"
        # every tag starts with "<", which cannot appear unescaped anywhere else in XML
        tags, room = chunk.count(b"<"), self.left("xml_tags")
        if tags > room:
            first_over = next(itertools.islice(_TAG_START.finditer(chunk), room, None))
            chunk, cut_by, tags = chunk[: first_over.start()], "xml_tags", room
        self._used["inflated_bytes"] += len(chunk)
        self._used["xml_tags"] += tags
        return chunk, cut_by


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def units(name: str, data: bytes, budget: Budget | None = None) -> Iterator[Unit]:
    """The text units of one attachment. ``budget`` is the document's (a fresh one with the
    default limits if not given); when it runs out, :class:`AttachmentTooLarge` is raised
    after the units read before."""
    budget = budget or Budget()
    suffix = PurePath(name).suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        raise AttachmentError(
            f"{name}: unsupported attachment type '{suffix or '?'}' "
            f"(supported: {', '.join(sorted(_READERS))})"
        )
    try:
        for location, unit in reader(name, data, budget):
            budget.take("units", 1)
            if isinstance(unit, str):
                # a reader may decode broken UTF-16 (a PDF's text strings) into lone
                # surrogates: the scanner refuses those, and one damaged string must not
                # make the whole attachment unreadable (same length: offsets hold)
                unit = _LONE_SURROGATE.sub("\ufffd", unit)
                left = budget.left("characters")
                if len(unit) > left:
                    # the part that fits is still checked
                    budget.take("characters", left)
                    if unit[:left].strip():
                        yield location, SourceText.plain(unit[:left])
                    raise _LimitReached("characters")
                budget.take("characters", len(unit))
                unit = SourceText.plain(unit)
            yield location, unit
    except _LimitReached as exc:
        raise AttachmentTooLarge(name, exc.limit, budget.limits) from None
    except AttachmentError:
        raise
    except ImportError as exc:
        raise AttachmentError(
            f"{name}: reading {suffix} needs an optional package ({exc.name}); "
            'install "wording-guard[attachments]"'
        ) from None
    except Exception as exc:  # readers raise many types on corrupt files
        own_limit = _reader_limit(exc)
        if own_limit is not None:
            raise AttachmentTooLarge(name, own_limit, budget.limits) from None
        raise AttachmentError(
            f"{name}: cannot read {suffix} file: {type(exc).__name__}: {exc}"
        ) from None


# A reader yields plain text (str), which units() charges to the character budget, or a
# SourceText whose characters the reader has charged itself.
_Read = Iterator[tuple[dict[str, Any], "str | SourceText"]]


def _txt(name: str, data: bytes, budget: Budget) -> _Read:
    text = decode(data, name)
    left = budget.left("characters")
    cut = len(text) > left
    if cut:
        text = text[:left]
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            yield {"line": number}, line
    if cut:
        raise _LimitReached("characters")


def _html(name: str, data: bytes, budget: Budget) -> _Read:
    from .htmltext import extract

    markup = decode(data, name)
    left = budget.left("characters")
    cut = len(markup) > left
    if cut:
        # end before the last tag that would be cut in two, so no half tag reads as text
        end = markup.rfind("<", 0, left + 1)
        markup = markup[: end if end > 0 else left]
    budget.take("characters", len(markup))  # extraction costs per character of markup
    source = extract(markup)
    if source.text.strip():
        yield {"document": name}, source
    if cut:
        raise _LimitReached("characters")


# --- DOCX and XLSX: zip files of XML -------------------------------------------------------

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc/.xls, and encrypted OOXML files
_CHUNK = 1 << 16
_PKG_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}Override"


def _open_zip(name: str, data: bytes, budget: Budget) -> zipfile.ZipFile:
    if data.startswith(_OLE):
        raise AttachmentError(f"{name}: encrypted or legacy (OLE) file, not read")
    archive = zipfile.ZipFile(io.BytesIO(data))
    if len(archive.infolist()) > budget.limits.zip_entries:
        raise _LimitReached("zip_entries")
    return archive


def _xml_chunks(archive: zipfile.ZipFile, member: str, budget: Budget) -> Iterator[bytes]:
    """A member's bytes, each chunk paid for before it is handed on, up to the limits.

    zipfile never inflates more than the size the header declares (and checks the CRC at
    the end), and asking for a chunk at a time keeps zlib from inflating the rest of the
    stream at once, as ``read()`` without a size does before it cuts to that size."""
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            chunk, cut_by = budget.fit_xml(chunk)
            if chunk:
                yield chunk
            if cut_by is not None:
                raise _LimitReached(cut_by)


def _read_xml(archive: zipfile.ZipFile, member: str, budget: Budget) -> bytes:
    return b"".join(_xml_chunks(archive, member, budget))


def _parse(xml: bytes) -> etree._Element:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.fromstring(xml, parser)


def _rels_member(part: str) -> str:
    """The member holding ``part``'s relationships ("" for the package's own)."""
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def _relationships(xml: bytes, part: str) -> list[tuple[str, str]]:
    """(type, member) of each relationship in ``xml``, the relationships of ``part``."""
    folder = posixpath.dirname(part)
    found = []
    for rel in _parse(xml).iter(_PKG_RELS):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External" or not target:
            continue
        member = target[1:] if target.startswith("/") else posixpath.join(folder, target)
        found.append((rel.get("Type", ""), posixpath.normpath(member)))
    return found


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_W_BODY, _W_P, _W_TBL, _W_TC = _W + "body", _W + "p", _W + "tbl", _W + "tc"
# the only elements that give a paragraph non-blank text (tabs and breaks give whitespace)
_W_VISIBLE = (_W + "t", _W + "noBreakHyphen")


def _docx(name: str, data: bytes, budget: Budget) -> _Read:
    """Paragraphs and table cells of the body, in document order, as python-docx reads them.

    The body is parsed as a stream. Each paragraph or table of the body that holds text is
    handed to python-docx's own parser, so its text is what ``Paragraph.text`` and
    ``_Cell.text`` give; everything read is then dropped, so memory stays flat however long
    the document is, and empty paragraphs cost only the stream parse."""
    from docx.oxml.parser import parse_xml
    from docx.table import Table
    from lxml import etree

    archive = _open_zip(name, data, budget)
    package_rels = _rels_member("")
    main = "word/document.xml"
    if package_rels in archive.NameToInfo:
        xml = _read_xml(archive, package_rels, budget)
        main = next((m for t, m in _relationships(xml, "") if t.endswith("/officeDocument")), main)
    parser = etree.XMLPullParser(
        events=("end",), tag=(_W_P, _W_TBL), remove_blank_text=True, resolve_entities=False
    )
    counts = {_W_P: 0, _W_TBL: 0}
    chunks = _xml_chunks(archive, main, budget)
    done = False
    while not done:
        chunk = next(chunks, None)
        if chunk is None:
            parser.close()
            done = True
        else:
            parser.feed(chunk)
        body = last = None
        for _, element in parser.read_events():
            parent = element.getparent()
            if parent is None or parent.tag != _W_BODY:
                continue  # inside a table (read with it) or a content control (skipped)
            body, last = parent, element
            counts[element.tag] += 1
            if not len(element) or next(element.iter(*_W_VISIBLE), None) is None:
                continue  # no text: tabs and breaks at most
            item = parse_xml(etree.tostring(element))
            if element.tag == _W_P:
                yield {"paragraph": counts[_W_P]}, str(item.text or "")  # CT_P.text
            else:
                # python-docx repeats a merged cell once per column it spans, in a tuple per
                # row: a span of two billion must not get that far
                if sum(tc.grid_span for tc in item.iter(_W_TC)) > budget.left("cells"):
                    raise _LimitReached("cells")
                table = Table(cast("CT_Tbl", item), cast("ProvidesStoryPart", None))
                yield from _table_cells(table, counts[_W_TBL], budget)
        if body is not None:
            del body[: body.index(last) + 1]  # what has been read


def _table_cells(table: Any, number: int, budget: Budget) -> _Read:
    for r, row in enumerate(table.rows, 1):
        cells = row.cells
        budget.take("cells", len(cells))
        previous, text = None, ""
        for c, cell in enumerate(cells, 1):
            if cell is not previous:  # a merged cell repeats: read it once
                previous, text = cell, cell.text
            if text.strip():
                yield {"table": number, "row": r, "column": c}, text


_SHEET_TYPES = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "application/vnd.ms-excel.template.macroEnabled.main+xml",
)
_SHARED_STRINGS = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def _xlsx(name: str, data: bytes, budget: Budget) -> _Read:
    """Cells holding text or long numbers, sheet by sheet, read by openpyxl.

    openpyxl gets a copy of the workbook holding only the parts it reads for cell values
    (content types, workbook and its relationships, shared strings, worksheets), each read
    here with a cap: it never inflates a member itself. When the budget runs out inside a
    part, the copy ends there; the rows before are read, then the limit is reported."""
    import openpyxl

    copy, stopped = _workbook_copy(_open_zip(name, data, budget), budget)
    try:
        book = openpyxl.load_workbook(
            io.BytesIO(copy), read_only=True, data_only=True, keep_links=False
        )
    except Exception:
        if stopped is not None:  # a part it needs was cut
            raise stopped from None
        raise
    try:
        for sheet in book.worksheets:
            # the sheet's <dimension> can be wrong: openpyxl would stop at the row it names
            sheet.reset_dimensions()
            for row in sheet.iter_rows():
                budget.take("cells", max(1, len(row)))
                for cell in row:
                    value = getattr(cell, "value", None)
                    if isinstance(value, str) and value.strip():
                        yield {"sheet": sheet.title, "cell": cell.coordinate}, value
                    elif isinstance(value, int) and len(str(value)) >= 11:
                        # long numbers (phones, cards) are often stored as numbers
                        yield {"sheet": sheet.title, "cell": cell.coordinate}, str(value)
    except _LimitReached:
        raise
    except Exception:
        if stopped is not None:  # the sheet that was cut ends in the middle of a tag
            raise stopped from None
        raise
    finally:
        book.close()
    if stopped is not None:
        raise stopped


def _workbook_copy(archive: zipfile.ZipFile, budget: Budget) -> tuple[bytes, _LimitReached | None]:
    """The parts openpyxl reads, copied with a cap; the limit that cut the copy, if any."""
    types_member = "[Content_Types].xml"
    types = _read_xml(archive, types_member, budget)
    overrides = {
        o.get("PartName", "").lstrip("/"): o.get("ContentType", "")
        for o in _parse(types).iter(_CONTENT_TYPES)
    }
    workbooks = [part for part, kind in overrides.items() if kind in _SHEET_TYPES]
    workbook = workbooks[0] if workbooks else "xl/workbook.xml"
    workbook_rels = _rels_member(workbook)
    rels = _read_xml(archive, workbook_rels, budget)
    sheets = [m for t, m in _relationships(rels, workbook) if t.endswith("/worksheet")]
    strings = [part for part, kind in overrides.items() if kind == _SHARED_STRINGS]
    out = io.BytesIO()
    stopped: _LimitReached | None = None
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:
        copy.writestr(types_member, types)
        copy.writestr(workbook_rels, rels)
        for member in [workbook, *strings]:  # openpyxl cannot open the book without these
            if member in archive.NameToInfo:
                copy.writestr(member, _read_xml(archive, member, budget))
        for member in dict.fromkeys(sheets):
            if member not in archive.NameToInfo:
                continue
            parts: list[bytes] = []
            try:
                parts.extend(_xml_chunks(archive, member, budget))
            except _LimitReached as exc:
                stopped = exc
            sheet = b"".join(parts)
            copy.writestr(member, sheet if stopped is None else _end_after_last_row(sheet))
            if stopped is not None:
                break  # later sheets are left out; openpyxl skips missing ones
    return out.getvalue(), stopped


_ROW_END = re.compile(rb"</([\w.-]+:)?row>")


def _end_after_last_row(sheet: bytes) -> bytes:
    """A sheet cut at a limit, closed after its last whole row so that it parses to the end
    (openpyxl reads a sheet without <dimension> whole when it opens the book)."""
    tail = max(0, len(sheet) - (1 << 20))
    last = next(reversed(list(_ROW_END.finditer(sheet, tail))), None)
    if last is None:
        return sheet  # cut before the first row, or inside one long row
    prefix = last[1] or b""
    return sheet[: last.end()] + b"</%ssheetData></%sworksheet>" % (prefix, prefix)


# --- PDF --------------------------------------------------------------------------------------


def _pdf(name: str, data: bytes, budget: Budget) -> _Read:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        try:
            if not reader.decrypt(""):
                raise AttachmentError(f"{name}: encrypted PDF, not read")
        except AttachmentError:
            raise
        except Exception:
            raise AttachmentError(f"{name}: encrypted PDF, not read") from None
    pages = reader.pages
    for number in range(1, len(pages) + 1):
        budget.take("pdf_pages", 1)
        page = pages[number - 1]
        left = budget.left("pdf_content_bytes")
        budget.take("pdf_content_bytes", _pdf_work(page, left))
        text = page.extract_text() or ""
        if text.strip():
            yield {"page": number}, text


# "/Name Do" draws an XObject; comments may sit between the operand and the operator
_PDF_DRAW = re.compile(rb"/([^\s/\[\]()<>{}%]+)(?:\s|%[^\r\n]*)*Do(?![^\s/\[\]()<>{}%])")
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")


def _pdf_work(page: Any, ceiling: int) -> int:
    """Bytes that extracting ``page``'s text parses; counting stops once past ``ceiling``.

    pypdf parses the page's content, and the content of each form XObject every time it is
    drawn, with the fonts' ToUnicode maps of each; text extraction runs at about 1 MB/s, and
    one small form drawn thousands of times (or a form of forms) costs as much as the sum."""
    contents = page.get_contents()
    content = contents.get_data() if contents is not None else b""
    return _pdf_stream_work(content, page.get("/Resources"), ceiling, depth=0)


def _pdf_stream_work(content: bytes, resources: Any, ceiling: int, depth: int) -> int:
    work = len(content)
    resources = resources.get_object() if resources is not None else None
    if not hasattr(resources, "get"):
        return work  # no resources: pypdf extracts nothing, and draws no form
    fonts = resources.get("/Font")
    for font in fonts.get_object().values() if fonts is not None else ():
        to_unicode = font.get_object().get("/ToUnicode")
        if to_unicode is not None and hasattr(to_unicode.get_object(), "get_data"):
            work += len(to_unicode.get_object().get_data())
        if work > ceiling:
            return work
    xobjects = resources.get("/XObject")
    if xobjects is None or depth >= 20:
        return work
    xobjects = xobjects.get_object()
    draws = Counter(_PDF_DRAW.findall(content))
    for raw, times in draws.items():
        key = "/" + _PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m[1], 16)]), raw).decode(
            "utf-8", "replace"
        )
        form = xobjects.get(key)
        form = form.get_object() if form is not None else None
        if form is None or form.get("/Subtype") != "/Form" or not hasattr(form, "get_data"):
            continue
        inner = _pdf_stream_work(form.get_data(), form.get("/Resources"), ceiling - work, depth + 1)
        work += times * inner
        if work > ceiling:
            return work
    return work


def _reader_limit(exc: Exception) -> str | None:
    """The reader's own limit that ``exc`` reports, if it is one."""
    kind = type(exc)
    if kind.__name__ == "LimitReachedError" and kind.__module__.startswith("pypdf"):
        return _PDF_DECODER
    # libxml2 names the option that would lift its limits ("try XML_PARSE_HUGE")
    if kind.__name__ == "XMLSyntaxError" and "XML_PARSE_HUGE" in str(exc):
        return _XML_PARSER
    return None


_READERS = {
    ".docx": _docx,
    ".xlsx": _xlsx,
    ".xlsm": _xlsx,
    ".pdf": _pdf,
    ".txt": _txt,
    ".csv": _txt,
    ".md": _txt,
    ".html": _html,
    ".htm": _html,
}
