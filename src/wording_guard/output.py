"""Render findings: text for people, JSON / JSON Lines / SARIF 2.1.0 for machines.

JSON and SARIF also carry what a run did not check (:class:`Coverage`): inputs not scanned,
errors inside scanned files, files its folder sweeps skipped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal

from . import __version__
from .models import Finding, Severity
from .results import Coverage, FileResult, mask_findings, masked_results, redact_numbers

if TYPE_CHECKING:
    from .sweepstate import SweepSummary

JSON_SCHEMA_VERSION = 2
_COLOURS = {
    Severity.SERIOUS: "\x1b[1;31m",
    Severity.IMPROPER: "\x1b[1;33m",
    Severity.NOTICE: "\x1b[1;36m",
}
_RESET = "\x1b[0m"


@dataclass
class UnitResult(FileResult):
    """The findings of one unit (paragraph, table cell, sheet cell, page) of an attachment.

    ``path`` names the unit (:func:`unit_path`), ``file`` the attachment and ``unit`` the
    unit's location as its reader gives it (``{"paragraph": 3}``); the findings' offsets,
    lines and columns are in the unit's text."""

    file: str = ""
    unit: dict[str, Any] = field(default_factory=dict)

    def masked(self) -> UnitResult:
        unit = {k: redact_numbers(v) if isinstance(v, str) else v for k, v in self.unit.items()}
        return replace(
            self,
            path=redact_numbers(self.path),
            findings=mask_findings(self.findings),
            file=redact_numbers(self.file),
            unit=unit,
        )

    def compact(self) -> UnitResult:
        small = super().compact()
        if isinstance(small, UnitResult):
            return small
        return UnitResult(
            small.path,
            small.text,
            small.findings,
            small.source,
            small.excerpts,
            file=self.file,
            unit=self.unit,
        )


def unit_path(file: str, unit: Mapping[str, Any]) -> str:
    """The name of an attachment's unit: its path and the unit's location as a URI fragment,
    ``report.docx#paragraph=3``, ``report.docx#table=1&row=2&column=3``,
    ``data.xlsx#sheet=表1&cell=B2``, ``report.pdf#page=2`` (``%``, ``&``, ``=``, ``#`` and
    control characters in values percent-encoded)."""
    where = "&".join(
        f"{key}={_FRAGMENT_ESCAPE.sub(_escape, str(value))}" for key, value in unit.items()
    )
    return f"{file}#{where}"


_FRAGMENT_ESCAPE = re.compile(r"[%&=#\x00-\x1f\x7f]")


def _escape(m: re.Match[str]) -> str:
    return f"%{ord(m.group()):02X}"


def file_of(result: FileResult) -> str:
    """The path of the file a result is about (the attachment, for a unit of one)."""
    return result.file if isinstance(result, UnitResult) else result.path


def github_annotations(
    results: Sequence[FileResult], reveal_pii: bool = False, coverage: Coverage | None = None
) -> str:
    """GitHub Actions workflow commands: one ::error/::warning/::notice line per finding, and
    an ::error line per input not scanned and per error inside a file (``coverage``). A
    finding in a unit of an attachment is annotated on the attachment, its unit named in
    the title (a line of a PDF page is no line of the file)."""
    results = masked_results(results, reveal_pii)
    coverage = (coverage or Coverage()).shown(reveal_pii)
    level = {Severity.SERIOUS: "error", Severity.IMPROPER: "warning", Severity.NOTICE: "notice"}
    out = []
    for r in results:
        for f in r.findings:
            arrow = f" → {f.suggestions[0]}" if f.suggestions else ""
            if isinstance(r, UnitResult):
                place = f"file={_property(r.file)}"
                title = f"{f.rule_id} ({_property(r.path[len(r.file) + 1 :])})"
            else:
                where = r.region(f)
                place = (
                    f"file={_property(r.path)},line={where.line},col={where.column},"
                    f"endColumn={where.column + where.length}"
                )
                title = f.rule_id
            out.append(f"::{level[f.severity]} {place},title={title}::{_data(f.message + arrow)}")
    for n in coverage.not_scanned:
        out.append(f"::error file={_property(n.path)},title=not scanned::{_data(n.reason)}")
    for e in coverage.errors:
        place = f"file={_property(e.file or e.path)}" + ("" if e.file else f",line={e.line}")
        out.append(f"::error {place},title=not fully checked::{_data(e.message)}")
    return "\n".join(out) + ("\n" if out else "")


def _data(text: str) -> str:
    """A workflow command's message, escaped."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """A workflow command's property value, escaped."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def finding_dict(f: Finding, path: str | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {"path": path} if path is not None else {}
    data.update(f.model_dump(mode="json"))
    data["suggestions"] = list(f.suggestions)
    return data


def render_text(
    results: Sequence[FileResult],
    colour: bool = False,
    reveal_pii: bool = False,
    sweep: SweepSummary | None = None,
) -> str:
    """One line per finding and its excerpt; in a sweep with a state, new findings are
    marked ``[new]``."""
    out: list[str] = []
    for i, result in enumerate(masked_results(results, reveal_pii)):
        for j, f in enumerate(result.findings):
            arrow = f" → {' / '.join(f.suggestions)}" if f.suggestions else ""
            where = result.region(f)
            new = "[new] " if sweep is not None and sweep.statuses[i][j] == "new" else ""
            head = (
                f"{result.path}:{where.line}:{where.column}: {f.severity.value} {new}{f.rule_id} "
            )
            out.append(_terminal_safe(f"{head}{f.message}{arrow}"))
            out.extend(_excerpt(result, f, colour, reveal_pii))
    return "\n".join(out) + ("\n" if out else "")


_CONTEXT = 24  # characters shown on each side of a span (≤ results.EXCERPT_REACH)


def _excerpt(result: FileResult, f: Finding, colour: bool, reveal_pii: bool) -> list[str]:
    """The span in its line (cut to a window around it), highlighted or underlined."""
    line_start, line_end = result.line_bounds(f)
    length = line_end - line_start
    col = f.column - 1
    width = max(1, min(f.end - f.start, length - col))
    lo = max(0, col - _CONTEXT)
    hi = min(length, col + width + _CONTEXT)
    shown = result.shown(line_start + lo, line_start + hi, reveal_pii)
    head = ("…" if lo else "") + _terminal_safe(shown[: col - lo])
    span = _terminal_safe(shown[col - lo : col - lo + width])
    tail = _terminal_safe(shown[col - lo + width :]) + ("…" if hi < length else "")
    if colour:
        return [f"    {head}{_COLOURS[f.severity]}{span}{_RESET}{tail}"]
    pad = "".join("　" if _wide(ch) else " " for ch in head)
    marks = "".join("＾" if _wide(ch) else "^" for ch in span)
    return [f"    {head}{span}{tail}", f"    {pad}{marks}"]


# What a terminal must not receive from a scanned text: control characters (an escape
# sequence, a carriage return that overwrites the line, a tab that shifts the underline) and
# line or paragraph separators become spaces; invisible format characters (zero-width, bidi
# overrides) are dropped, so the underline stays under its span.
_TERMINAL_SAFE = {
    **{cp: " " for cp in [*range(0x20), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029]},
    **dict.fromkeys([0xAD, *range(0x200B, 0x2010), *range(0x202A, 0x202F)], None),
    **dict.fromkeys([*range(0x2060, 0x2065), *range(0x2066, 0x2070), 0xFEFF], None),
}


def _terminal_safe(text: str) -> str:
    return text.translate(_TERMINAL_SAFE)


def _wide(ch: str) -> bool:
    import unicodedata

    return unicodedata.east_asian_width(ch) in ("W", "F")


def json_schema() -> dict[str, Any]:
    """JSON schema of ``--format json`` output (published as
    ``schema/findings-v{JSON_SCHEMA_VERSION}.json``)."""
    from pydantic import BaseModel, ConfigDict, Field

    class Tool(BaseModel):
        name: str
        version: str

    class FindingOut(Finding):
        status: Literal["new", "open"] | None = Field(
            None,
            description="With --state: new since the page was last swept, or still open",
        )

    class FixedOut(BaseModel):
        path: str
        rule_id: str
        text: str

    class SweepOut(BaseModel):
        sweep: int = Field(description="This sweep's number in the state file")
        previous: int | None = Field(description="The sweep compared with (null: the first)")
        pages: int
        rescanned: int = Field(description="Pages scanned: new, changed, or lexicons changed")
        unchanged: int = Field(description="Pages whose stored findings were reused")
        new: int
        open: int
        fixed: int
        not_swept: int = Field(description="Pages of earlier sweeps not in this one")
        fixed_findings: list[FixedOut]
        history: list[dict[str, Any]] = Field(description="Every finished sweep, oldest first")

    class PageDateOut(BaseModel):
        date: str = Field(description="YYYY-MM-DD")
        source: str = Field(
            description="where it was read: meta PubDate, a labelled date (成文日期 line 3), "
            "a date line (date line 40); given: --date or the sweep input's date"
        )

    class FileFindings(BaseModel):
        path: str = Field(
            description="The file, or a unit of an attachment: report.docx#paragraph=3, "
            "report.docx#table=1&row=2&column=3, data.xlsx#sheet=表1&cell=B2, "
            "report.pdf#page=2 (an attachment without findings appears once, as itself)"
        )
        file: str | None = Field(None, description="For a unit: the attachment's path")
        unit: dict[str, str | int] | None = Field(
            None,
            description="For a unit: its location; offsets, lines and columns of "
            "its findings are in the unit's text",
        )
        date: PageDateOut | None = Field(
            None,
            description="The date the page was judged by: its own (meta PubDate, a labelled "
            "date, a date line) or, source given, the date --date or its sweep input gave",
        )
        site: str | None = Field(None, description="The page's site (SiteName meta tag)")
        column: str | None = Field(None, description="The page's column (ColumnName meta tag)")
        findings: list[FindingOut]

    class NotScannedInput(BaseModel):
        path: str
        reason: str

    class ErrorInFile(BaseModel):
        path: str = Field(description="The file, or a unit of an attachment")
        line: int = Field(ge=1)
        message: str

    class Summary(BaseModel):
        files: int = Field(description="Files checked (an attachment counts once)")
        findings: int
        by_severity: dict[str, int]
        by_category: dict[str, int]
        not_scanned: int
        errors: int

    class Output(BaseModel):
        """Output of `wording-guard scan --format json`."""

        model_config = ConfigDict(title="wording-guard findings")
        schema_version: int = Field(JSON_SCHEMA_VERSION, ge=1)
        tool: Tool
        files: list[FileFindings]
        not_scanned: list[NotScannedInput] = Field(
            description="Inputs not scanned, or not all of them, with the reason (exit code 2)"
        )
        errors: list[ErrorInFile] = Field(
            description="Errors inside scanned files, such as an unknown inline suppression: "
            "the file was checked without the faulty part (exit code 2)"
        )
        skipped: dict[str, int] = Field(
            description="Files that folder sweeps left out (not a text or attachment type), "
            'by suffix ("" for none)'
        )
        summary: Summary
        sweep: SweepOut | None = Field(
            None, description="With --state: what changed since the previous sweep"
        )

    schema = Output.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = (
        f"https://pypi.org/project/wording-guard/schema/findings-v{JSON_SCHEMA_VERSION}.json"
    )
    return schema


def render_json(
    results: Sequence[FileResult],
    reveal_pii: bool = False,
    coverage: Coverage | None = None,
    sweep: SweepSummary | None = None,
) -> str:
    results = masked_results(results, reveal_pii)
    coverage = (coverage or Coverage()).shown(reveal_pii)
    files = [_file_entry(r) for r in results]
    if sweep is not None:
        for entry, statuses in zip(files, sweep.statuses, strict=True):
            for finding, status in zip(entry["findings"], statuses, strict=True):
                finding["status"] = status
    doc: dict[str, Any] = {
        "schema_version": JSON_SCHEMA_VERSION,
        "tool": {"name": "wording-guard", "version": __version__},
        "files": files,
        "not_scanned": [{"path": n.path, "reason": n.reason} for n in coverage.not_scanned],
        "errors": [{"path": e.path, "line": e.line, "message": e.message} for e in coverage.errors],
        "skipped": dict(sorted(coverage.skipped.items())),
        "summary": summary(results, coverage),
    }
    if sweep is not None:
        doc["sweep"] = sweep.as_dict()
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _file_entry(r: FileResult) -> dict[str, Any]:
    entry: dict[str, Any] = {"path": r.path}
    if isinstance(r, UnitResult):
        entry["file"] = r.file
        entry["unit"] = r.unit
    if r.date is not None:
        entry["date"] = {"date": r.date.date.isoformat(), "source": r.date.source}
    for key in ("site", "column"):
        if getattr(r, key):
            entry[key] = getattr(r, key)
    entry["findings"] = [finding_dict(f) for f in r.findings]
    return entry


def render_jsonl(
    results: Sequence[FileResult], reveal_pii: bool = False, sweep: SweepSummary | None = None
) -> str:
    """One JSON object per finding, with its path (and its ``status`` in a sweep with a
    state)."""
    lines = []
    for i, r in enumerate(masked_results(results, reveal_pii)):
        for j, f in enumerate(r.findings):
            data = finding_dict(f, r.path)
            if sweep is not None:
                data["status"] = sweep.statuses[i][j]
            lines.append(json.dumps(data, ensure_ascii=False))
    return "\n".join(lines) + ("\n" if lines else "")


def summary(results: Sequence[FileResult], coverage: Coverage | None = None) -> dict[str, Any]:
    """Counts: files checked (an attachment once, however many of its units have findings),
    findings by severity and category, inputs not scanned and errors inside files."""
    coverage = coverage or Coverage()
    by_severity = {s.value: 0 for s in Severity}
    by_category: dict[str, int] = {}
    for r in results:
        for f in r.findings:
            by_severity[f.severity.value] += 1
            by_category[f.category.value] = by_category.get(f.category.value, 0) + 1
    return {
        "files": len({file_of(r) for r in results}),
        "findings": sum(by_severity.values()),
        "by_severity": by_severity,
        "by_category": by_category,
        "not_scanned": len(coverage.not_scanned),
        "errors": len(coverage.errors),
    }


_SARIF_LEVEL = {Severity.SERIOUS: "error", Severity.IMPROPER: "warning", Severity.NOTICE: "note"}


def render_sarif(
    results: Sequence[FileResult],
    rules: Sequence[Any] = (),
    reveal_pii: bool = False,
    coverage: Coverage | None = None,
    sweep: SweepSummary | None = None,
) -> str:
    """SARIF 2.1.0: one run, rules from the lexicons, one result per finding (its
    ``baselineState`` new or unchanged in a sweep with a state).

    A finding in a unit of an attachment points to the attachment, with the unit as a
    logical location and its region in the unit's text as the result's ``unitRegion``
    property (a line in a PDF page is no line of the file), and offers no fix. Inputs not
    scanned and errors inside files are the invocation's notifications (level error), and
    make ``executionSuccessful`` false."""
    coverage = (coverage or Coverage()).shown(reveal_pii)
    results = masked_results(results, reveal_pii)
    used = sorted({f.rule_id for r in results for f in r.findings})
    by_id = {r.id: r for r in rules}
    rule_objs = []
    for rule_id in used:
        info = by_id.get(rule_id)
        obj: dict[str, Any] = {"id": rule_id}
        if info is not None:
            obj["shortDescription"] = {
                "text": info.message.replace("{text}", "…").replace("{suggestion}", "…")
            }
            obj["properties"] = {"category": info.category.value, "source": info.source}
            obj["defaultConfiguration"] = {"level": _SARIF_LEVEL[info.severity]}
        rule_objs.append(obj)
    index = {rule_id: i for i, rule_id in enumerate(used)}
    sarif_results = []
    for i, r in enumerate(results):
        for j, f in enumerate(r.findings):
            where = r.region(f)
            region = {
                "startLine": where.line,
                "startColumn": where.column,
                "endLine": where.end_line,
                "endColumn": where.end_column,
                "charOffset": where.offset,
                "charLength": where.length,
            }
            properties: dict[str, Any] = {
                "category": f.category.value,
                "severity": f.severity.value,
            }
            location: dict[str, Any]
            if isinstance(r, UnitResult):
                location = {
                    "physicalLocation": {"artifactLocation": {"uri": r.file}},
                    "logicalLocations": [
                        {"name": r.path[len(r.file) + 1 :], "fullyQualifiedName": r.path}
                    ],
                }
                properties.update(unit=r.unit, unitRegion=region)
            else:
                location = {
                    "physicalLocation": {"artifactLocation": {"uri": r.path}, "region": region}
                }
            result: dict[str, Any] = {
                "ruleId": f.rule_id,
                "ruleIndex": index[f.rule_id],
                "level": _SARIF_LEVEL[f.severity],
                "message": {"text": f.message},
                "locations": [location],
                "properties": properties,
            }
            if sweep is not None:
                result["baselineState"] = "new" if sweep.statuses[i][j] == "new" else "unchanged"
            if f.suggestions and not isinstance(r, UnitResult):
                result["fixes"] = [
                    {
                        "description": {"text": f"→ {f.suggestions[0]}"},
                        "artifactChanges": [
                            {
                                "artifactLocation": {"uri": r.path},
                                "replacements": [
                                    {
                                        "deletedRegion": {
                                            "charOffset": where.offset,
                                            "charLength": where.length,
                                        },
                                        "insertedContent": {"text": f.suggestions[0]},
                                    }
                                ],
                            }
                        ],
                    }
                ]
            sarif_results.append(result)
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "wording-guard",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/wording-guard/",
                        "rules": rule_objs,
                    }
                },
                "invocations": [_invocation(coverage)],
                "columnKind": "unicodeCodePoints",
                "results": sarif_results,
            }
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _invocation(coverage: Coverage) -> dict[str, Any]:
    notes = [_notification(f"not scanned: {n.reason}", n.path) for n in coverage.not_scanned]
    for e in coverage.errors:
        if e.file:  # in a unit of an attachment: its lines are not the file's
            notes.append(_notification(f"{e.path}:{e.line}: {e.message}", e.file))
        else:
            notes.append(_notification(e.message, e.path, e.line))
    invocation: dict[str, Any] = {"executionSuccessful": coverage.complete}
    if notes:
        invocation["toolExecutionNotifications"] = notes
    return invocation


def _notification(message: str, uri: str, line: int | None = None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri}}
    if line is not None:
        physical["region"] = {"startLine": line}
    return {
        "level": "error",
        "message": {"text": message},
        "locations": [{"physicalLocation": physical}],
    }
