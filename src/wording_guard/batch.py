"""Scanning files one by one or in parallel worker processes (archive sweeps)."""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat
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

# A short text that makes a scanner load what it loads on first use: the segmenter (a short
# hit, 法国 in 书法国画) and the typo model with its tagger (an unseen pair, 接照)
_WARM_UP = "书法国画展览。要认真布署今年的工作，接照规定执行。"


def _init_worker(options: dict[str, object]) -> None:
    global _worker
    _worker = Scanner(**options) if options else default_scanner()  # type: ignore[arg-type]


def _work(path: str, date: dt.date | None) -> FileResult | str:
    assert _worker is not None
    try:
        return scan_file(Path(path), _worker, date).compact()
    except InputError as exc:
        return str(exc)


def forks() -> bool:
    """Whether sweeps fork their workers from the loaded scanner (Linux)."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def _pool(scanner: Scanner, options: dict[str, object], workers: int) -> ProcessPoolExecutor:
    """Worker processes. On Linux they are forked from this one once its scanner is fully
    loaded and use it as it is (nothing to build or load again, its memory shared until
    written); elsewhere each builds its own from ``options`` (macOS offers fork too, but
    some of its system libraries are not safe to use in a forked child)."""
    global _worker
    if not forks():
        return ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(options,))
    scanner.scan(_WARM_UP)
    _worker = scanner
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))


def scan_files(
    paths: Sequence[Path],
    scanner: Scanner,
    date: dt.date | None,
    jobs: int = 1,
    scanner_options: dict[str, object] | None = None,
    progress: Callable[[], None] | None = None,
) -> Iterator[tuple[Path, FileResult | str]]:
    """(path, compact result or error message) for every path, in input order.

    Results are compact (``FileResult.compact``): a sweep's memory does not grow with the
    texts it scanned. With ``jobs > 1`` files are scanned by worker processes (see
    :func:`_pool`; ``scanner_options`` rebuild the scanner where they cannot fork)."""
    if jobs <= 1 or len(paths) < 2:
        for path in paths:
            try:
                yield path, scan_file(path, scanner, date).compact()
            except InputError as exc:
                yield path, str(exc)
            if progress:
                progress()
        return
    workers = min(jobs, os.cpu_count() or 1, len(paths))
    # small chunks: the last ones, on one worker while the other is done, take little time
    chunk = max(1, min(32, len(paths) // (workers * 32)))
    with _pool(scanner, scanner_options or {}, workers) as pool:
        # the workers are forked by the first submission (all of them, here): the collector
        # never walks the objects they inherit, so the pages of those stay shared
        gc.freeze()
        try:
            results = pool.map(_work, [str(p) for p in paths], repeat(date), chunksize=chunk)
        finally:
            gc.unfreeze()
        for path, result in zip(paths, results, strict=True):
            yield path, result
            if progress:
                progress()


__all__ = ["FileResult", "Finding", "SourceText", "scan_file", "scan_files", "scan_text"]
