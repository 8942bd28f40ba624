"""An input's outcome as plain JSON data and back: what a sweep's state (``sweepstate``)
stores for a page it need not scan again, and what a Spark executor sends back to the driver.

A record holds the compact results (``FileResult.compact``: the text around each finding,
never the whole text), the errors inside the input and why it was not scanned. Like the
scanned text itself, the text around a finding keeps personal numbers unmasked: renderers
mask them when they show a result, as they do for a fresh one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .batch import Outcome
from .inputs import FileError, NotScanned
from .models import Finding
from .output import UnitResult
from .pages import PageDate
from .results import Excerpts, FileResult, Region, Spot

VERSION = 1
"""Bumped when the layout changes: a record of another version is not read back."""


def outcome_record(outcome: Outcome) -> dict[str, Any]:
    """``outcome`` as JSON-ready data (its results made compact)."""
    return {
        "v": VERSION,
        "path": outcome.path,
        "results": [_result_record(r.compact()) for r in outcome.results],
        "errors": [[e.path, e.line, e.message, e.file] for e in outcome.errors],
        "not_scanned": None
        if outcome.not_scanned is None
        else [outcome.not_scanned.path, outcome.not_scanned.reason],
    }


def outcome_from_record(record: dict[str, Any]) -> Outcome:
    """The outcome :func:`outcome_record` made the record of; ValueError when it is no such
    record (another version, or damaged)."""
    if not isinstance(record, dict) or record.get("v") != VERSION:
        raise ValueError("not an outcome record of this version")
    try:
        not_scanned = record["not_scanned"]
        return Outcome(
            record["path"],
            [_result(r) for r in record["results"]],
            [FileError(*e) for e in record["errors"]],
            None if not_scanned is None else NotScanned(*not_scanned),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"damaged outcome record: {type(exc).__name__}: {exc}") from None


def _result_record(result: FileResult) -> dict[str, Any]:
    excerpts = result.excerpts
    assert excerpts is not None  # compact
    record: dict[str, Any] = {
        "path": result.path,
        "length": excerpts.length,
        "pieces": [[start, text] for start, text in excerpts.all_pieces()],
        "spots": [
            [*span, *spot.region, spot.line_start, spot.line_end]
            for span, spot in excerpts.spots.items()
        ],
        "findings": [f.model_dump(mode="json") for f in result.findings],
    }
    if result.stopped_at_line is not None:
        record["stopped_at_line"] = result.stopped_at_line
    if result.date is not None:
        record["date"] = [result.date.date.isoformat(), result.date.source]
    if result.site is not None:
        record["site"] = result.site
    if result.column is not None:
        record["column"] = result.column
    if isinstance(result, UnitResult):
        record["file"] = result.file
        record["unit"] = result.unit
    return record


def _result(record: dict[str, Any]) -> FileResult:
    excerpts = Excerpts(int(record["length"]))
    for start, text in record["pieces"]:
        excerpts.add_piece(int(start), str(text))
    for start, end, *region, line_start, line_end in record["spots"]:
        excerpts.spots[int(start), int(end)] = Spot(Region(*region), line_start, line_end)
    date = record.get("date")
    fields: dict[str, Any] = {
        "path": record["path"],
        "text": "",
        "findings": [Finding.model_validate(f) for f in record["findings"]],
        "excerpts": excerpts,
        "stopped_at_line": record.get("stopped_at_line"),
        "date": None if date is None else PageDate(dt.date.fromisoformat(date[0]), date[1]),
        "site": record.get("site"),
        "column": record.get("column"),
    }
    if "file" in record:
        return UnitResult(**fields, file=record["file"], unit=dict(record["unit"]))
    return FileResult(**fields)
