"""Scanning files one by one or in parallel worker processes (archive sweeps)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from . import htmltext, inputs, stream
from .errors import InputError
from .models import Finding
from .results import FileResult
from .scanner import Scanner, default_scanner
from .source import SourceText

HTML_SUFFIXES = frozenset({".html", ".htm", ".shtml", ".xhtml"})


def scan_text(
    name: str, text: str, scanner: Scanner, date: dt.date | None, html: bool = False
) -> FileResult:
    """Scan one text. For HTML the page's text is scanned and each finding also points into
    the HTML source (``source_start``/``source_end``; the result's ``region``)."""
    if not html:
        return FileResult(name, text, scanner.scan(text, date=date))
    source = htmltext.extract(text)
    return FileResult(name, source.text, scanner.scan_source(source, date=date), source)


def scan_file(path: Path, scanner: Scanner, date: dt.date | None) -> FileResult:
    """Scan one file. A text file larger than ``stream.STREAM_BYTES`` is scanned in windows
    (memory flat in its size) and its result is compact; HTML is always scanned whole."""
    html = path.suffix.lower() in HTML_SUFFIXES
    if not html and inputs.file_size(path) > stream.STREAM_BYTES:
        return stream.scan_path(path, scanner, date)
    text = inputs.read_text_file(path)
    return scan_text(str(path), text, scanner, date, html)


# -- worker processes ---------------------------------------------------------------------

_worker: Scanner | None = None


def _init_worker(options: dict[str, object]) -> None:
    global _worker
    _worker = Scanner(**options) if options else default_scanner()  # type: ignore[arg-type]


def _work(path: str, date: dt.date | None) -> tuple[str, FileResult | str]:
    assert _worker is not None
    try:
        return path, scan_file(Path(path), _worker, date)
    except InputError as exc:
        return path, str(exc)


def scan_files(
    paths: Sequence[Path],
    scanner: Scanner,
    date: dt.date | None,
    jobs: int = 1,
    scanner_options: dict[str, object] | None = None,
    progress: Callable[[], None] | None = None,
) -> Iterator[tuple[Path, FileResult | str]]:
    """(path, result or error message) for every path, in input order.

    With ``jobs > 1`` files are scanned by worker processes that each build the scanner
    from ``scanner_options`` (the compiled-lexicon cache makes that cheap)."""
    if jobs <= 1 or len(paths) < 2:
        for path in paths:
            try:
                yield path, scan_file(path, scanner, date)
            except InputError as exc:
                yield path, str(exc)
            if progress:
                progress()
        return
    workers = min(jobs, os.cpu_count() or 1, len(paths))
    with ProcessPoolExecutor(
        workers, initializer=_init_worker, initargs=(scanner_options or {},)
    ) as pool:
        chunk = max(1, min(64, len(paths) // (workers * 8) or 1))
        for (name, result), path in zip(
            pool.map(_work, [str(p) for p in paths], [date] * len(paths), chunksize=chunk),
            paths,
            strict=True,
        ):
            del name
            yield path, result
            if progress:
                progress()


__all__ = ["FileResult", "Finding", "SourceText", "scan_file", "scan_files", "scan_text"]
