"""Render findings: text for people, JSON / JSON Lines / SARIF 2.1.0 for machines."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from . import __version__
from .models import Finding, Severity
from .results import FileResult, masked_results

JSON_SCHEMA_VERSION = 1
_COLOURS = {
    Severity.SERIOUS: "\x1b[1;31m",
    Severity.IMPROPER: "\x1b[1;33m",
    Severity.NOTICE: "\x1b[1;36m",
}
_RESET = "\x1b[0m"


def github_annotations(results: Sequence[FileResult], reveal_pii: bool = False) -> str:
    """GitHub Actions workflow commands: one ::error/::warning/::notice line per finding."""
    results = masked_results(results, reveal_pii)
    level = {Severity.SERIOUS: "error", Severity.IMPROPER: "warning", Severity.NOTICE: "notice"}
    out = []
    for r in results:
        for f in r.findings:
            arrow = f" → {f.suggestions[0]}" if f.suggestions else ""
            message = (
                (f.message + arrow).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            )
            path = r.path.replace(",", "%2C").replace(":", "%3A")
            where = r.region(f)
            out.append(
                f"::{level[f.severity]} file={path},line={where.line},col={where.column},"
                f"endColumn={where.column + where.length},title={f.rule_id}::{message}"
            )
    return "\n".join(out) + ("\n" if out else "")


def finding_dict(f: Finding, path: str | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {"path": path} if path is not None else {}
    data.update(f.model_dump(mode="json"))
    data["suggestions"] = list(f.suggestions)
    return data


def render_text(
    results: Sequence[FileResult], colour: bool = False, reveal_pii: bool = False
) -> str:
    out: list[str] = []
    for result in masked_results(results, reveal_pii):
        for f in result.findings:
            arrow = f" → {' / '.join(f.suggestions)}" if f.suggestions else ""
            where = result.region(f)
            head = f"{result.path}:{where.line}:{where.column}: {f.severity.value} {f.rule_id} "
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
    """JSON schema of ``--format json`` output (published as schema/findings-v1.json)."""
    from pydantic import BaseModel, ConfigDict, Field

    class Tool(BaseModel):
        name: str
        version: str

    class FileFindings(BaseModel):
        path: str
        findings: list[Finding]

    class Summary(BaseModel):
        files: int
        findings: int
        by_severity: dict[str, int]
        by_category: dict[str, int]

    class Output(BaseModel):
        """Output of `wording-guard scan --format json`."""

        model_config = ConfigDict(title="wording-guard findings")
        schema_version: int = Field(JSON_SCHEMA_VERSION, ge=1)
        tool: Tool
        files: list[FileFindings]
        summary: Summary

    schema = Output.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = (
        f"https://pypi.org/project/wording-guard/schema/findings-v{JSON_SCHEMA_VERSION}.json"
    )
    return schema


def render_json(results: Sequence[FileResult], reveal_pii: bool = False) -> str:
    results = masked_results(results, reveal_pii)
    doc = {
        "schema_version": JSON_SCHEMA_VERSION,
        "tool": {"name": "wording-guard", "version": __version__},
        "files": [
            {"path": r.path, "findings": [finding_dict(f) for f in r.findings]} for r in results
        ],
        "summary": summary(results),
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def render_jsonl(results: Sequence[FileResult], reveal_pii: bool = False) -> str:
    results = masked_results(results, reveal_pii)
    lines = [
        json.dumps(finding_dict(f, r.path), ensure_ascii=False) for r in results for f in r.findings
    ]
    return "\n".join(lines) + ("\n" if lines else "")


def summary(results: Sequence[FileResult]) -> dict[str, Any]:
    by_severity = {s.value: 0 for s in Severity}
    by_category: dict[str, int] = {}
    for r in results:
        for f in r.findings:
            by_severity[f.severity.value] += 1
            by_category[f.category.value] = by_category.get(f.category.value, 0) + 1
    return {
        "files": len(results),
        "findings": sum(by_severity.values()),
        "by_severity": by_severity,
        "by_category": by_category,
    }


_SARIF_LEVEL = {Severity.SERIOUS: "error", Severity.IMPROPER: "warning", Severity.NOTICE: "note"}


def render_sarif(
    results: Sequence[FileResult], rules: Sequence[Any] = (), reveal_pii: bool = False
) -> str:
    """SARIF 2.1.0: one run, rules from the lexicons, one result per finding."""
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
    for r in results:
        for f in r.findings:
            where = r.region(f)
            result: dict[str, Any] = {
                "ruleId": f.rule_id,
                "ruleIndex": index[f.rule_id],
                "level": _SARIF_LEVEL[f.severity],
                "message": {"text": f.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": r.path},
                            "region": {
                                "startLine": where.line,
                                "startColumn": where.column,
                                "endLine": where.end_line,
                                "endColumn": where.end_column,
                                "charOffset": where.offset,
                                "charLength": where.length,
                            },
                        }
                    }
                ],
                "properties": {"category": f.category.value, "severity": f.severity.value},
            }
            if f.suggestions:
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
                "columnKind": "unicodeCodePoints",
                "results": sarif_results,
            }
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
