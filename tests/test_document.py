"""Document checks: fields, HTML, attachments with locations, dates, PII masking."""

from __future__ import annotations

import datetime as dt
import io

from wording_guard.document import Attachment, Document, check_document
from wording_guard.htmltext import extract

BAD = "要认真布署今年的工作。"
ID_NUMBER = "110105198503071230"  # synthetic: valid region, date and check digit


def test_html_extraction_keeps_blocks_and_maps_offsets() -> None:
    html = (
        "<html><head><title>标题</title><style>p{}</style></head><body><p>分布</p>"
        "<p>署名&amp;布&#32622;</p><br>尾<script>布署()</script></body></html>"
    )
    x = extract(html)
    assert "分布\n署名" in x.text  # paragraphs never join into 布署
    assert "布署()" not in x.text
    start = x.text.index("&")
    s, e = x.to_source(start, start + 1)
    assert html[s:e] == "&amp;"
    start = x.text.index("置")
    s, e = x.to_source(start, start + 1)
    assert html[s:e] == "&#32622;"


def test_document_fields_and_blocking(scanner) -> None:  # type: ignore[no-untyped-def]
    report = check_document(
        Document(title="关于" + BAD, body="<p>" + BAD + "</p>", body_format="html"), scanner=scanner
    )
    fields = {f.field: f for f in report.fields}
    assert [x.text for x in fields["title"].findings] == ["布署"]
    [found] = fields["body"].findings
    source = "<p>" + BAD + "</p>"
    assert source[found.source_start : found.source_end] == "布署"
    assert report.blocking is False  # a typo is not serious


def test_dates(scanner) -> None:  # type: ignore[no-untyped-def]
    report = check_document(
        Document(
            body="会议于2025年1月5日召开。活动将于2025年6月1日举行。",
            written_date=dt.date(2024, 3, 5),
            publish_date=dt.date(2024, 3, 1),
        ),
        scanner=scanner,
    )
    ids = [i.rule_id for i in report.document]
    assert "document.publish_before_written" in ids and report.blocking
    assert ids.count("document.date_after_publish") == 1  # 将于… is a planned date


def test_attachments_with_locations_and_unreadable_ones(scanner) -> None:  # type: ignore[no-untyped-def]
    import docx
    import openpyxl

    buffer = io.BytesIO()
    d = docx.Document()
    d.add_paragraph("附件")
    d.add_paragraph(BAD)
    d.save(buffer)
    book = openpyxl.Workbook()
    book.active.title = "名单"
    book.active["B3"] = "身份证号" + ID_NUMBER
    xlsx = io.BytesIO()
    book.save(xlsx)
    report = check_document(
        Document(
            attachments=[
                Attachment(name="a.docx", content=buffer.getvalue()),
                Attachment(name="b.xlsx", content=xlsx.getvalue()),
                Attachment(name="c.pdf", content=b"%PDF-1.4 broken"),
                Attachment(name="d.exe", content=b"MZ"),
                Attachment(name="e.txt", content=BAD.encode("gbk")),
            ]
        ),
        scanner=scanner,
    )
    where = {(f.attachment, tuple(sorted(f.location.items()))): f for f in report.fields}
    assert ("a.docx", (("paragraph", 2),)) in where
    xl = where[("b.xlsx", (("cell", "B3"), ("sheet", "名单")))]
    [pii] = [f for f in xl.findings if f.category.value == "privacy"]
    assert ID_NUMBER not in pii.text and ID_NUMBER not in pii.message  # masked by default
    assert ("e.txt", (("line", 1),)) in where
    problems = [i.message for i in report.document if i.rule_id == "document.attachment_unreadable"]
    assert len(problems) == 2 and any("c.pdf" in p for p in problems)
    assert any("unsupported" in p and "d.exe" in p for p in problems)
    assert report.blocking  # an unmasked ID number is serious


def test_reveal_pii(scanner) -> None:  # type: ignore[no-untyped-def]
    text = "申请人身份证号：" + ID_NUMBER
    masked = check_document(Document(body=text), scanner=scanner)
    shown = check_document(Document(body=text), scanner=scanner, reveal_pii=True)
    [m] = [f for f in masked.all_findings() if f.category.value == "privacy"]
    [s] = [f for f in shown.all_findings() if f.category.value == "privacy"]
    assert s.text == ID_NUMBER and m.text != ID_NUMBER and "*" in m.text


def test_html_attachment_is_extracted_and_mapped(scanner) -> None:  # type: ignore[no-untyped-def]
    page = "<html><body><p>要认真布&#32626;今年的工作。</p><img alt='扫黑险恶'></body></html>"
    report = check_document(
        Document(attachments=[Attachment(name="通知.html", content=page.encode("utf-8"))]),
        scanner=scanner,
    )
    [unit] = [f for f in report.fields if f.attachment == "通知.html"]
    found = {f.text: f for f in unit.findings}
    assert set(found) == {"布署", "扫黑险恶"}  # markup is not text; alt text is read
    typo = found["布署"]
    assert page[typo.source_start : typo.source_end] == "布&#32626;"
    alt = found["扫黑险恶"]
    assert page[alt.source_start : alt.source_end] == "扫黑险恶"


def _docx(*paragraphs: str) -> bytes:
    import docx

    buffer = io.BytesIO()
    d = docx.Document()
    for text in paragraphs:
        d.add_paragraph(text)
    d.save(buffer)
    return buffer.getvalue()


TITLE = "关于做好2024年春季森林防火工作的通知"


def _title_issues(document: Document, scanner) -> list:  # type: ignore[no-untyped-def]
    report = check_document(document, scanner=scanner)
    return [i for i in report.document if i.rule_id == "document.title_mismatch"]


def test_a_title_its_body_does_not_bear_out(scanner) -> None:  # type: ignore[no-untyped-def]
    other = "关于开展城镇燃气安全专项整治的通知"
    [issue] = _title_issues(Document(title=other, body=f"{TITLE}\n各区县：\n正文。"), scanner)
    assert issue.severity.value == "improper" and issue.field == "body"
    assert issue.message == f"标题“{other}”与正文标题“{TITLE}”不一致（文不对题）"
    html = "<h1>关于做好2024年春季<br>森林防火工作的通知</h1><p>各区县：</p><p>正文。</p>"
    assert _title_issues(Document(title=other, body=html, body_format="html"), scanner)
    for body, body_format in (
        (f"{TITLE}\n各区县：\n正文。", "text"),
        (html, "html"),
        ("各区县人民政府，市政府各部门：\n现将有关事项通知如下。", "text"),  # opens with addressees
        ("某市人民政府文件\n某政发〔2024〕3号\n" + TITLE, "text"),  # a red header
        ("", "text"),
    ):
        document = Document(title=TITLE, body=body, body_format=body_format)  # type: ignore[arg-type]
        assert not _title_issues(document, scanner), body
    variants = (
        "某市人民政府关于做好2024年春季森林防火工作的通知",
        "关于做好２０２４年春季森林防火工作的通知",
    )
    for title in variants:
        assert not _title_issues(Document(title=title, body=f"{TITLE}\n正文。"), scanner)


def test_an_attachment_that_is_the_document_itself(scanner) -> None:  # type: ignore[no-untyped-def]
    other = "关于开展城镇燃气安全专项整治的通知"
    same = Attachment(name="通知.docx", content=_docx(TITLE, "各区县：", "正文。"))
    [issue] = _title_issues(Document(title=other, attachments=[same]), scanner)
    assert issue.field == "通知.docx" and "附件标题“" + TITLE in issue.message
    assert not _title_issues(Document(title=TITLE, attachments=[same]), scanner)
    # annexes have titles of their own: never compared
    annexes = [
        Attachment(name="附件1.docx", content=_docx("附件1", "森林防火重点区域名单")),
        Attachment(name="办法.docx", content=_docx("某市森林防火管理办法", "第一条 为了……")),
        Attachment(name="附件2.docx", content=_docx("附件2：关于开展燃气安全整治的通知", "正文。")),
    ]
    title = "关于印发《某市城镇燃气安全管理规定》的通知"
    assert not _title_issues(Document(title=title, attachments=annexes), scanner)
