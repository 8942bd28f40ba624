"""Checking a whole document as a CMS publishes it: title, body (text or HTML), dates and
attachments, with findings per field and document-level checks."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from . import attachments as _attachments
from . import htmltext, pages
from .attachments import AttachmentLimits
from .dates import dates_in
from .models import Finding, Severity
from .results import mask_findings, redact_numbers
from .scanner import Scanner, default_scanner


class Attachment(BaseModel):
    """An attached file: its name (the suffix selects the reader) and its bytes."""

    model_config = ConfigDict(frozen=True)

    name: str
    content: bytes


class Document(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = ""
    body: str = ""
    body_format: Literal["text", "html"] = "text"
    written_date: dt.date | None = None
    """成文日期"""
    publish_date: dt.date | None = None
    """发布日期"""
    attachments: list[Attachment] = Field(default_factory=list)


class FieldFindings(BaseModel):
    """Findings in one field or attachment unit."""

    model_config = ConfigDict(frozen=True)

    field: str  # "title", "body" or "attachment"
    attachment: str | None = None
    location: dict[str, Any] = Field(default_factory=dict)
    findings: list[Finding]
    """Offsets into the field's text; for HTML, ``source_start``/``source_end`` point into
    the markup as it was given."""


class DocumentIssue(BaseModel):
    """A finding about the document as a whole (dates, a title its body or attachment does
    not bear out, attachments unreadable or too large to read whole)."""

    model_config = ConfigDict(frozen=True)

    rule_id: str
    severity: Severity
    message: str
    field: str | None = None


class DocumentReport(BaseModel):
    model_config = ConfigDict(frozen=True)

    fields: list[FieldFindings]
    document: list[DocumentIssue]
    blocking: bool
    """True when anything is serious: a publishing hook should refuse the draft."""

    def all_findings(self) -> list[Finding]:
        return [f for field in self.fields for f in field.findings]


def check_document(
    document: Document,
    *,
    scanner: Scanner | None = None,
    reveal_pii: bool = False,
    limits: AttachmentLimits | None = None,
) -> DocumentReport:
    """Check every field of ``document``. Personal numbers are masked in the report unless
    ``reveal_pii``. The date used for outdated names is the written date, else the publish
    date.

    Attachments are read within ``limits`` (default :class:`AttachmentLimits`), shared by
    all of them: past a limit the rest is not read, what was read is checked, and an issue
    ``document.attachment_too_large`` names the attachment and the limit."""
    scanner = scanner or default_scanner()
    budget = _attachments.Budget(limits)
    date = document.written_date or document.publish_date
    fields: list[FieldFindings] = []
    issues: list[DocumentIssue] = []
    # the text each attachment opens with (its first units), for its title line
    openings: dict[str, str] = {}

    def keep(findings: list[Finding]) -> list[Finding]:
        return findings if reveal_pii else mask_findings(findings)

    def shown(name: str) -> str:  # an attachment's name, a message naming it
        return name if reveal_pii else redact_numbers(name)

    if document.title:
        fields.append(
            FieldFindings(field="title", findings=keep(scanner.scan(document.title, date=date)))
        )
    body_text = document.body
    if document.body_format == "html":
        extracted = htmltext.extract(document.body)
        body_text = extracted.text
        fields.append(
            FieldFindings(field="body", findings=keep(scanner.scan_source(extracted, date=date)))
        )
    elif document.body:
        fields.append(
            FieldFindings(field="body", findings=keep(scanner.scan(document.body, date=date)))
        )
    for attachment in document.attachments:
        try:
            opening: list[str] = []
            for location, unit in _attachments.units(attachment.name, attachment.content, budget):
                if len(opening) < 2 and unit.text.strip():
                    opening.append(unit.text.strip())
                    openings[attachment.name] = "\n".join(opening)
                found = scanner.scan_source(unit, date=date)
                if found:
                    fields.append(
                        FieldFindings(
                            field="attachment",
                            attachment=shown(attachment.name),
                            location={
                                key: shown(value) if isinstance(value, str) else value
                                for key, value in location.items()
                            },
                            findings=keep(found),
                        )
                    )
        except _attachments.AttachmentTooLarge as exc:
            # improper, not notice: part of the draft went unchecked and a publishing hook
            # failing on improper must see it; not serious, which would block every draft
            # with a large but harmless attachment
            issues.append(
                DocumentIssue(
                    rule_id="document.attachment_too_large",
                    severity=Severity.IMPROPER,
                    message=shown(f"附件过大，未完整检查：{exc}"),
                    field=shown(attachment.name),
                )
            )
        except _attachments.AttachmentError as exc:
            issues.append(
                DocumentIssue(
                    rule_id="document.attachment_unreadable",
                    severity=Severity.NOTICE,
                    message=shown(str(exc)),
                    field=shown(attachment.name),
                )
            )
    issues.extend(_title_issues(document, body_text, openings, scanner, shown))
    issues.extend(
        _date_issues(document, [document.title, body_text], scanner.words.future_date_cues)
    )
    blocking = any(f.severity is Severity.SERIOUS for fld in fields for f in fld.findings) or any(
        i.severity is Severity.SERIOUS for i in issues
    )
    return DocumentReport(
        fields=[f for f in fields if f.findings or f.field != "attachment"],
        document=issues,
        blocking=blocking,
    )


def _title_issues(
    document: Document,
    body_text: str,
    openings: dict[str, str],
    scanner: Scanner,
    shown: Callable[[str], str],
) -> list[DocumentIssue]:
    """文不对题: the document's title against the title its body opens with, and against
    that of an attachment which is the document itself (a DOCX or PDF whose title ends with
    the same kind, 通知 and 通知: not an annex, 附件1 or 《…办法》 of a 关于印发…的通知).
    Only clear disagreements (``pages.titles_disagree``)."""
    title = document.title.strip()
    if not title:
        return []
    fold, rules = scanner.normalizer.fold, scanner.title_rules
    issues = []
    own = pages.leading_title(body_text, rules=rules)
    if own is not None and pages.titles_disagree(title, own.text, fold=fold, rules=rules):
        issues.append(
            DocumentIssue(
                rule_id="document.title_mismatch",
                severity=Severity.IMPROPER,
                message=shown(f"标题“{title}”与正文标题“{own.text}”不一致（文不对题）"),
                field="body",
            )
        )
    kind = pages.title_kind(title, rules=rules)
    for name, opening in openings.items():
        if not name.lower().endswith((".docx", ".pdf")):
            continue
        theirs = pages.leading_title(opening, rules=rules)
        if theirs is None or kind is None or pages.title_kind(theirs.text, rules=rules) != kind:
            continue
        if pages.titles_disagree(title, theirs.text, fold=fold, rules=rules):
            issues.append(
                DocumentIssue(
                    rule_id="document.title_mismatch",
                    severity=Severity.IMPROPER,
                    message=shown(f"标题“{title}”与附件标题“{theirs.text}”不一致（文不对题）"),
                    field=shown(name),
                )
            )
    return issues


def _date_issues(
    document: Document, texts: list[str], future_cues: tuple[str, ...]
) -> list[DocumentIssue]:
    issues = []
    written, published = document.written_date, document.publish_date
    if written and published and published < written:
        issues.append(
            DocumentIssue(
                rule_id="document.publish_before_written",
                severity=Severity.SERIOUS,
                message=f"发布日期（{published}）早于成文日期（{written}）。",
            )
        )
    if published is None:
        return issues
    for name, text in zip(("title", "body"), texts, strict=True):
        for start, end, date in dates_in(text):
            if date is None or date <= published:
                continue
            before = re.split(r"[。！？；!?;\n]", text[max(0, start - 8) : start])[-1]
            after = re.split(r"[。！？；!?;\n，,]", text[end : end + 4])[0]
            if any(cue in before or cue in after for cue in future_cues):
                continue  # a deadline or a planned date
            issues.append(
                DocumentIssue(
                    rule_id="document.date_after_publish",
                    severity=Severity.NOTICE,
                    message=f"文中日期“{text[start:end]}”晚于发布日期（{published}），请核对。",
                    field=name,
                )
            )
    return issues
