"""Attachments from outside are read within bounds (issue #11): zip bombs, lying zip headers,
huge shared-string tables, PDF decompression bombs; and XLSX rows past a wrong <dimension>.

Every hostile file is built here, in memory, from highly compressible XML or streams."""

from __future__ import annotations

import io
import re
import time
import tracemalloc
import zipfile
import zlib
from collections.abc import Iterable

import pytest

from wording_guard.attachments import AttachmentLimits, AttachmentTooLarge, Budget, units
from wording_guard.document import Attachment, Document, DocumentReport, check_document

BAD = "要认真布署今年的工作。"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCX_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
DOCX_RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def paragraph(text: str) -> bytes:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()


def build_docx(body: Iterable[bytes]) -> bytes:
    """A minimal DOCX whose body is ``body``, streamed into the zip (never held whole)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", DOCX_TYPES)
        package.writestr("_rels/.rels", DOCX_RELS)
        with package.open("word/document.xml", "w") as document:
            document.write(f'<w:document xmlns:w="{W_NS}"><w:body>'.encode())
            for piece in body:
                document.write(piece)
            document.write(b"</w:body></w:document>")
    return out.getvalue()


def too_large(report: DocumentReport) -> list[str]:
    return [i.message for i in report.document if i.rule_id == "document.attachment_too_large"]


def found_in(report: DocumentReport, name: str) -> list[dict[str, object]]:
    return [f.location for f in report.fields if f.attachment == name]


def test_docx_zip_bomb_is_read_up_to_the_limit(scanner) -> None:  # type: ignore[no-untyped-def]
    # 470 KB that inflate to 170 MB: a finding, then empty paragraphs spaced out
    padding = (b" " * 994 + b"<w:p/>") * 1000
    data = build_docx([paragraph(BAD), *(padding for _ in range(170)), paragraph(BAD)])
    assert len(data) < 1_000_000
    started = time.perf_counter()
    report = check_document(
        Document(attachments=[Attachment(name="bomb.docx", content=data)]), scanner=scanner
    )
    assert time.perf_counter() - started < 5
    assert found_in(report, "bomb.docx") == [{"paragraph": 1}]  # read before the limit
    [message] = too_large(report)
    assert message.startswith("附件过大，未完整检查：bomb.docx")
    assert "50,000,000 字节" in message  # the limit that stopped it
    [issue] = [i for i in report.document if i.field == "bomb.docx"]
    assert issue.severity.value == "improper"


def test_docx_of_many_paragraphs_stops_at_the_unit_limit(scanner) -> None:  # type: ignore[no-untyped-def]
    data = build_docx(paragraph(BAD) for _ in range(500))
    report = check_document(
        Document(attachments=[Attachment(name="many.docx", content=data)]),
        scanner=scanner,
        limits=AttachmentLimits(units=100),
    )
    assert found_in(report, "many.docx") == [{"paragraph": n} for n in range(1, 101)]
    [message] = too_large(report)
    assert "超过 100 个" in message


def test_docx_of_tiny_elements_stops_at_the_tag_limit() -> None:
    data = build_docx([paragraph(BAD), b"<w:p/>" * 3_000_000, paragraph(BAD)])
    read = []
    with pytest.raises(AttachmentTooLarge) as stopped:
        for location, _ in units("tiny.docx", data, Budget(AttachmentLimits(xml_tags=100_000))):
            read.append(location)
    assert stopped.value.limit == "xml_tags"
    assert read == [{"paragraph": 1}]


def test_docx_cell_spanning_two_billion_columns() -> None:
    cell = b'<w:tc><w:tcPr><w:gridSpan w:val="2000000000"/></w:tcPr>' + paragraph(BAD) + b"</w:tc>"
    data = build_docx([paragraph(BAD), b"<w:tbl><w:tr>" + cell + b"</w:tr></w:tbl>"])
    read = []
    with pytest.raises(AttachmentTooLarge) as stopped:
        for location, _ in units("span.docx", data):
            read.append(location)
    assert stopped.value.limit == "cells"
    assert read == [{"paragraph": 1}]


def test_text_node_past_the_parser_limit() -> None:
    data = build_docx([paragraph(BAD), b" " * 20_000_000])
    with pytest.raises(AttachmentTooLarge) as stopped:
        list(units("space.docx", data))
    assert stopped.value.limit == "xml_parser"


def test_lying_zip_header_is_never_inflated_past_its_declared_size(scanner) -> None:  # type: ignore[no-untyped-def]
    # document.xml inflates to 100 MB but its headers say 2,000 bytes: read() without a
    # size (python-docx's way) inflated all of it before cutting to the declared size
    data = bytearray(build_docx([paragraph(BAD), b" " * 100_000_000]))
    # the central directory's entry (zipfile reads the sizes there): size at +24
    end = data.rindex(b"PK\x05\x06")
    directory = int.from_bytes(data[end + 16 : end + 20], "little")
    entry = data.index(b"word/document.xml", directory) - 46
    assert data[entry : entry + 4] == b"PK\x01\x02"
    data[entry + 24 : entry + 28] = (2000).to_bytes(4, "little")
    tracemalloc.start()
    try:
        report = check_document(
            Document(attachments=[Attachment(name="lying.docx", content=bytes(data))]),
            scanner=scanner,
        )
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 50_000_000
    [issue] = report.document
    assert issue.rule_id == "document.attachment_unreadable" and "CRC" in issue.message


def test_too_many_zip_entries() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("[Content_Types].xml", DOCX_TYPES)
        for n in range(12):
            package.writestr(f"word/media/image{n}.png", b"")
    with pytest.raises(AttachmentTooLarge) as stopped:
        list(units("many.docx", out.getvalue(), Budget(AttachmentLimits(zip_entries=10))))
    assert "压缩包内的文件超过 10 个" in str(stopped.value)
    assert "合计" not in str(stopped.value)  # a limit of each file, not of the document


def build_xlsx(rows: int, cells: dict[int, str], dimension: str | None = None) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "名单"
    for row in range(1, rows + 1):
        sheet.cell(row=row, column=1, value=cells.get(row, f"第{row}行"))
    out = io.BytesIO()
    book.save(out)
    if dimension is None:
        return out.getvalue()
    return rewrite_member(
        out.getvalue(),
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(
            rb'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"'.encode(), xml
        ),
    )


def rewrite_member(data: bytes, member: str, change) -> bytes:  # type: ignore[no-untyped-def]
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            content = source.read(info.filename)
            package.writestr(info.filename, change(content) if info.filename == member else content)
    return out.getvalue()


def test_xlsx_rows_past_a_wrong_dimension_are_read(scanner) -> None:  # type: ignore[no-untyped-def]
    data = build_xlsx(50, {40: "党的２０大"}, dimension="A1:A2")
    report = check_document(
        Document(attachments=[Attachment(name="名单.xlsx", content=data)]), scanner=scanner
    )
    assert {"sheet": "名单", "cell": "A40"} in found_in(report, "名单.xlsx")
    assert report.document == []


def test_xlsx_shared_strings_bomb_is_refused_quickly() -> None:
    data = build_xlsx(3, {})
    strings = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + b"<si><t>\xe5\xb8\x83\xe7\xbd\xb2</t></si>" * 3_000_000
        + b"</sst>"
    )
    types = (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    )
    buffer = io.BytesIO(
        rewrite_member(data, "[Content_Types].xml", lambda xml: xml.replace(b"</Types>", types))
    )
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as package:
        package.writestr("xl/sharedStrings.xml", strings)
    data = buffer.getvalue()
    started = time.perf_counter()
    with pytest.raises(AttachmentTooLarge) as stopped:
        list(units("strings.xlsx", data))
    assert time.perf_counter() - started < 5
    assert stopped.value.limit == "xml_tags"


@pytest.mark.parametrize("dimension", [True, False])
def test_xlsx_cut_inside_a_sheet_keeps_the_rows_before(scanner, dimension: bool) -> None:  # type: ignore[no-untyped-def]
    data = build_xlsx(3000, {5: BAD})
    if not dimension:  # openpyxl then reads the sheet whole when it opens the book
        data = rewrite_member(
            data, "xl/worksheets/sheet1.xml", lambda xml: re.sub(rb"<dimension [^>]*/>", b"", xml)
        )
    report = check_document(
        Document(attachments=[Attachment(name="长表.xlsx", content=data)]),
        scanner=scanner,
        limits=AttachmentLimits(xml_tags=2000),
    )
    assert {"sheet": "名单", "cell": "A5"} in found_in(report, "长表.xlsx")
    [message] = too_large(report)
    assert "XML 标记超过 2,000 个" in message


def test_xlsx_row_numbers_far_apart_stop_at_the_cell_limit() -> None:
    data = rewrite_member(
        build_xlsx(2, {}),
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b'<row r="2"', b'<row r="900000000"').replace(
            b'r="A2"', b'r="A900000000"'
        ),
    )
    started = time.perf_counter()
    with pytest.raises(AttachmentTooLarge) as stopped:
        list(units("gaps.xlsx", data, Budget(AttachmentLimits(cells=100_000))))
    assert time.perf_counter() - started < 5
    assert stopped.value.limit == "cells"


def build_pdf(page_contents: list[bytes], forms: dict[bytes, bytes] | None = None) -> bytes:
    """One page per content stream (Helvetica as /F1, and ``forms`` as form XObjects)."""
    forms = forms or {}
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", b""]
    objects[2] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"

    def stream(content: bytes, extra: bytes = b"") -> int:
        packed = zlib.compress(content, 1)
        objects.append(
            b"<< /Length %d /Filter /FlateDecode %s >>\nstream\n" % (len(packed), extra)
            + packed
            + b"\nendstream"
        )
        return len(objects)

    names = b"".join(
        b"/%s %d 0 R "
        % (
            name,
            stream(
                content,
                b"/Type /XObject /Subtype /Form "
                b"/BBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >>",
            ),
        )
        for name, content in forms.items()
    )
    resources = b"<< /Font << /F1 3 0 R >> /XObject << %s>> >>" % names
    pages = []
    for content in page_contents:
        number = stream(content)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources %s "
            b"/Contents %d 0 R >>" % (resources, number)
        )
        pages.append(len(objects))
    kids = b" ".join(b"%d 0 R" % n for n in pages)
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def text_op(text: str) -> bytes:
    return b"BT /F1 12 Tf 72 700 Td (%s) Tj ET\n" % text.encode()


def test_pdf_page_limit() -> None:
    data = build_pdf([text_op(f"page {n}") for n in range(1, 6)])
    read = []
    with pytest.raises(AttachmentTooLarge) as stopped:
        for location, unit in units("five.pdf", data, Budget(AttachmentLimits(pdf_pages=3))):
            read.append((location, unit.text))
    assert read == [({"page": n}, f"page {n}") for n in (1, 2, 3)]
    assert "PDF 页数超过 3 页" in str(stopped.value)


def test_pdf_page_of_huge_content_is_not_parsed() -> None:
    # page 2 inflates to 40 MB of text operators: about 40 s of pypdf text extraction
    data = build_pdf([text_op("first"), text_op("x") * 1_300_000])
    started = time.perf_counter()
    read = []
    with pytest.raises(AttachmentTooLarge) as stopped:
        for location, unit in units("big.pdf", data):
            read.append((location, unit.text))
    assert time.perf_counter() - started < 5
    assert read == [({"page": 1}, "first")]
    assert stopped.value.limit == "pdf_content_bytes"


def test_pdf_form_drawn_many_times_counts_each_time() -> None:
    form = text_op("form") * 2_000  # 70 KB, drawn 1,000 times: 70 MB to parse
    data = build_pdf([b"/Fm1 Do\n" * 1_000], forms={b"Fm1": form})
    started = time.perf_counter()
    with pytest.raises(AttachmentTooLarge) as stopped:
        list(units("forms.pdf", data))
    assert time.perf_counter() - started < 5
    assert stopped.value.limit == "pdf_content_bytes"


def test_pdf_decompression_bomb_stops_at_pypdf_limit() -> None:
    data = build_pdf([b" " * 200_000_000])  # pypdf refuses to inflate a stream past 75 MB
    started = time.perf_counter()
    with pytest.raises(AttachmentTooLarge) as stopped:
        list(units("bomb.pdf", data))
    assert time.perf_counter() - started < 5
    assert stopped.value.limit in {"pdf_decoder", "pdf_content_bytes"}


def test_characters_are_shared_by_the_attachments_of_a_document(scanner) -> None:  # type: ignore[no-untyped-def]
    first = ("甲" * 50 + "\n").encode() * 3  # 153 characters, 150 of them text
    report = check_document(
        Document(
            attachments=[
                Attachment(name="a.txt", content=first),
                Attachment(name="b.txt", content=BAD.encode()),
                Attachment(name="c.html", content=f"<p>{BAD}</p>".encode()),
            ]
        ),
        scanner=scanner,
        limits=AttachmentLimits(characters=160),
    )
    # a.txt fits; b.txt (11 characters) is cut to the 10 left, still checked; c.html gets none
    assert found_in(report, "b.txt") == [{"line": 1}]
    assert sorted(i.field or "" for i in report.document) == ["b.txt", "c.html"]
    assert all("文字超过 160 个字符（本文档全部附件合计）" in m for m in too_large(report))


def test_long_html_attachment_is_cut_at_a_tag() -> None:
    page = f"<p>{BAD}</p>" + "<p>正文</p>" * 1000
    read = []
    with pytest.raises(AttachmentTooLarge):
        for _, unit in units("长.html", page.encode(), Budget(AttachmentLimits(characters=100))):
            read.append(unit)
    [unit] = read
    assert unit.source.endswith("</p>") and len(unit.source) <= 100
    assert BAD in unit.text and "<" not in unit.text
