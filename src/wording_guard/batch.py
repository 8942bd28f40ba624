"""Scanning files one by one or in parallel worker processes (archive sweeps).

:func:`scan_text` and :func:`scan_file` scan one text file and raise what goes wrong.
:func:`check_text`, :func:`check_file` and :func:`scan_files` never stop at one input: each
gives an :class:`Outcome` with the results, the errors inside the input (an unknown inline
suppression: the input is checked as if it were absent) or why it was not scanned.
"""

from __future__ import annotations

import bisect
import datetime as dt
import gc
import hashlib
import importlib.util
import json
import os
import sys
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, BinaryIO, Protocol

from . import inputs, pages, stream, suppress
from .errors import ConfigError, InputError, SuppressionError
from .inputs import FileError, NotScanned
from .models import Finding
from .output import UnitResult, unit_path
from .results import FileResult
from .scanner import Scanner, default_scanner
from .source import SourceText

if TYPE_CHECKING:  # (what plain text files never need is imported where it is used)
    from concurrent.futures import Future, ProcessPoolExecutor

MAX_FINDINGS = 10_000
"""Findings reported per input by default: a page has tens at most; an input with more is
made of errors (or an attack), and reporting millions would take gigabytes."""

HTML_SUFFIXES = frozenset({".html", ".htm", ".shtml", ".xhtml"})


class Memo(Protocol):
    """What a sweep remembers of its pages (``sweepstate.SweepState``): the stored outcome
    of a page whose content is unchanged, and the outcome of each page scanned."""

    def lookup(self, key: str, digest: str) -> Outcome | None: ...

    def remember(self, key: str, digest: str, outcome: Outcome) -> None: ...


def digest_of(*parts: bytes | str) -> str:
    """The content hash of a page: its bytes, and whatever else it was given with."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part)
        h.update(b"\x00")
    return h.hexdigest()


@dataclass(frozen=True)
class Check:
    """A page or file to check: ``call(scanner, *args)`` gives its outcome (a module-level
    function, so that worker processes can be sent it). ``key`` names the page and
    ``digest`` its content, for a :class:`Memo` ("": not remembered)."""

    key: str
    digest: str
    call: Callable[..., Outcome]
    args: tuple[Any, ...]


@dataclass
class Outcome:
    """What became of one input.

    ``results``: one for a text file; for an attachment one per unit with findings
    (:class:`output.UnitResult`), or one for the whole file when no unit has any.
    ``errors``: errors inside the input, which was checked without the faulty part.
    ``not_scanned``: why the input was not scanned, or not all of it (an attachment that
    fails part-way keeps the results of the units read before)."""

    path: str
    results: list[FileResult] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    not_scanned: NotScanned | None = None


def scan_text(
    name: str, text: str, scanner: Scanner, date: dt.date | None, html: bool = False
) -> FileResult:
    """Scan one text. For HTML the page's text is scanned and each finding also points into
    the HTML source (``source_start``/``source_end``; the result's ``region``)."""
    if not html:
        return FileResult(name, text, scanner.scan(text, date=date))
    from . import htmltext

    source = htmltext.extract(text)
    return FileResult(name, source.text, scanner.scan_source(source, date=date), source)


def scan_file(path: Path, scanner: Scanner, date: dt.date | None) -> FileResult:
    """Scan one text file. A file larger than ``stream.STREAM_BYTES`` is scanned in windows
    (memory flat in its size) and its result is compact; HTML is always scanned whole."""
    html = path.suffix.lower() in HTML_SUFFIXES
    if not html and inputs.file_size(path) > stream.STREAM_BYTES:
        return stream.scan_path(path, scanner, date)
    text = inputs.read_text_file(path)
    return scan_text(str(path), text, scanner, date, html)


def check_text(
    name: str,
    text: str,
    scanner: Scanner,
    date: dt.date | None,
    html: bool = False,
    max_findings: int | None = MAX_FINDINGS,
    given: Mapping[str, str] | None = None,
) -> Outcome:
    """As :func:`scan_text`, but a bad inline suppression is an error of the outcome (with
    the line of the text, of the HTML source for HTML) and the text is checked without it.
    Beyond ``max_findings`` findings (None: no limit) the rest are not reported, and the
    outcome has an error that says from which line. Without ``date`` the text is judged by
    its own (``pages.page_date``: its PubDate meta tag, a labelled date, a date line). The
    result records the date used (source ``given`` for ``date``), with the page's site and
    column (``given``, as a sweep input names them, else its ``SiteName`` and ``ColumnName``
    meta tags)."""
    if html:
        from . import htmltext

        source = htmltext.extract(text)
    else:
        source = SourceText.plain(text)
    meta = pages.meta_tags(text) if html else {}
    if date is None:
        own_date = pages.page_date(source.text, meta)
        date = own_date.date if own_date is not None else None
    else:
        own_date = pages.PageDate(date, "given")
    findings, errors = _check_source(name, source, scanner, date)
    if html and pages.TITLE_MISMATCH not in scanner.disabled:
        mismatch = pages.title_finding(
            text, source, meta, scanner.normalizer.fold, rules=scanner.title_rules
        )
        if mismatch is not None:  # in its place among the others, sorted by (start, end)
            at = bisect.bisect_right(
                [(f.start, f.end) for f in findings], (mismatch.start, mismatch.end)
            )
            findings.insert(at, mismatch)
    if max_findings is not None and len(findings) > max_findings:
        first_left_out = findings[max_findings]
        findings = findings[:max_findings]
        line = (
            first_left_out.line
            if first_left_out.source_start is None
            else source.source_line_column(first_left_out.source_start)[0]
        )
        errors.append(FileError(name, line, _over_the_limit(max_findings, "not reported")))
    given = given or {}
    result = FileResult(
        name,
        source.text,
        findings,
        _mapped(source),
        date=own_date,
        site=given.get("site") or meta.get("SiteName"),
        column=given.get("column") or meta.get("ColumnName"),
    )
    return Outcome(name, [result], errors)


def _over_the_limit(max_findings: int, what: str) -> str:
    return (
        f"more than {max_findings:,} findings: those from this line on are {what} "
        "(--max-findings raises the limit)"
    )


def check_file(
    path: Path, scanner: Scanner, date: dt.date | None, max_findings: int | None = MAX_FINDINGS
) -> Outcome:
    """Check one file, its results compact: a text file as :func:`check_text` does (in
    windows when large, as :func:`scan_file`), an attachment (``inputs.ATTACHMENT_SUFFIXES``)
    unit by unit. A file that cannot be read is not scanned, and the outcome says why.
    Checking stops after ``max_findings`` findings (None: no limit), with an error that
    says where: memory and time stay bounded on a file made of errors."""
    name = str(path)
    suffix = path.suffix.lower()
    try:
        kind = inputs.file_kind(path)
        if kind == "pipe":  # read as it comes, as stdin is: its size is unknown
            with path.open("rb") as fh:
                return check_stream(name, fh, scanner, date, suffix in HTML_SUFFIXES, max_findings)
        if kind != "file":
            # a device (/dev/zero never ends) or a socket: nothing to check
            return Outcome(name, not_scanned=NotScanned(name, f"not a regular file ({kind})"))
        if suffix in inputs.ATTACHMENT_SUFFIXES:
            return _check_attachment(path, scanner, date, max_findings)
        if suffix not in HTML_SUFFIXES and inputs.file_size(path) > stream.STREAM_BYTES:
            return _check_large_text(path, scanner, date, max_findings)
        outcome = check_text(
            name,
            inputs.read_text_file(path),
            scanner,
            date,
            suffix in HTML_SUFFIXES,
            max_findings,
        )
    except InputError as exc:
        not_scanned = NotScanned.from_error(name, exc)
        if not_scanned.reason == inputs.BINARY and suffix not in inputs.SWEPT_SUFFIXES:
            supported = " ".join(sorted(inputs.ATTACHMENT_SUFFIXES))
            not_scanned = NotScanned(
                name,
                f"{inputs.BINARY}; {suffix or 'a file without suffix'} is neither text nor "
                f"an attachment type ({supported})",
            )
        return Outcome(name, not_scanned=not_scanned)
    outcome.results = [r.compact() for r in outcome.results]
    return outcome


def check_stream(
    name: str,
    fh: BinaryIO,
    scanner: Scanner,
    date: dt.date | None,
    html: bool = False,
    max_findings: int | None = MAX_FINDINGS,
) -> Outcome:
    """Check the text read from ``fh`` (stdin) as :func:`check_file` checks a file: more than
    ``stream.STREAM_BYTES`` of plain text is spooled to a temporary file and scanned in
    windows, so memory stays flat however much is piped in."""
    head = fh.read(stream.STREAM_BYTES + 1)
    if html or len(head) <= stream.STREAM_BYTES:
        try:
            text = inputs.decode(head + fh.read(), name)
        except InputError as exc:
            return Outcome(name, not_scanned=NotScanned.from_error(name, exc))
        outcome = check_text(name, text, scanner, date, html, max_findings)
        outcome.results = [r.compact() for r in outcome.results]
        return outcome
    import shutil  # (with tempfile, ~4 ms of a start that spools nothing)
    import tempfile

    with tempfile.TemporaryDirectory(prefix="wording-guard-") as folder:
        spooled = Path(folder) / "stdin.txt"
        with spooled.open("wb") as out:
            out.write(head)
            shutil.copyfileobj(fh, out, 1 << 20)
        try:
            outcome = _check_large_text(spooled, scanner, date, max_findings)
        except InputError as exc:
            return Outcome(name, not_scanned=NotScanned(name, _without(str(exc), spooled)))
    # the findings are the text's; only the name the user knows it by changes
    return Outcome(
        name,
        [replace(r, path=name) for r in outcome.results],
        [replace(e, path=name) for e in outcome.errors],
        None
        if outcome.not_scanned is None
        else NotScanned(name, _without(outcome.not_scanned.reason, spooled)),
    )


def check_pages(
    path: Path,
    scanner: Scanner,
    date: dt.date | None,
    max_findings: int | None = MAX_FINDINGS,
    memo: Memo | None = None,
    jobs: int = 1,
    scanner_options: dict[str, object] | None = None,
) -> Iterator[Outcome]:
    """Check the pages of a web archive (``.warc``, ``.warc.gz``: :func:`warc_checks`), a
    Parquet table (``.parquet``: :func:`_parquet_checks`) or a JSON Lines file (else:
    :func:`_json_checks`), one outcome per page. ``memo``, ``jobs``, ``scanner_options``: as
    for :func:`run_checks`."""
    if path.name.lower().endswith((".warc", ".warc.gz")):
        checks = warc_checks(path, date, max_findings)
    elif path.suffix.lower() == ".parquet":
        checks = _parquet_checks(path, date, max_findings)
    else:
        checks = _json_checks(path, date, max_findings)
    return run_checks(checks, scanner, jobs, scanner_options, memo)


WARC_RECORD_BYTES = 50_000_000
"""Largest payload of a web archive record that is read (a page or an attachment)."""

_PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
_ATTACHMENT_TYPES = {
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
}


def warc_checks(
    path: Path, date: dt.date | None, max_findings: int | None
) -> Iterator[Check | Outcome]:
    """The checks of the pages and attachments of a web archive (WARC, as wget
    ``--warc-file``, Heritrix and Browsertrix write it; ``warcio`` reads it, gzipped or not)
    for :func:`run_checks`, one per response, named by its URL (an outcome instead for one
    that is not checked). HTML and plain-text responses are pages (judged by
    ``date``, else their own date: the crawl's date is not the page's); PDF, DOCX and XLSX
    responses are attachments, read unit by unit. A response with an error status is not
    scanned (and says so); redirects and other resources (images, scripts, styles) are
    no pages."""
    if importlib.util.find_spec("warcio") is None:
        reason = 'reading web archives needs warcio: pip install "wording-guard[sweep]"'
        yield Outcome(str(path), not_scanned=NotScanned(str(path), reason))
        return
    for url, data, kind, suffix in _warc_responses(path):
        if isinstance(data, Outcome):
            yield data
        else:
            args = (url, kind, suffix, data, date, max_findings)
            yield Check(url, digest_of(kind, data), _check_response, args)


def _warc_responses(path: Path) -> Iterator[tuple[str, Outcome | bytes, str, str]]:
    """(url, payload or the outcome that says why it is not scanned, content type, suffix)
    of each page or attachment response of an archive; a damaged archive ends with the
    outcome that says so."""
    from warcio.archiveiterator import ArchiveIterator

    name = str(path)
    try:
        with path.open("rb") as archive:
            records = 0
            for record in ArchiveIterator(archive, check_digests=True):
                if record.rec_type is None:  # what warcio makes of a cut header
                    cut = "a record without a type (the archive is truncated or damaged)"
                    yield name, Outcome(name, not_scanned=NotScanned(name, cut)), "", ""
                    return
                records += 1
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or name
                status = int(record.http_headers.get_statuscode() or 0)
                if 300 <= status < 400:
                    continue
                kind = (record.http_headers.get_header("Content-Type") or "").split(";")[0]
                kind = kind.strip().lower()
                suffix = _ATTACHMENT_TYPES.get(kind) or _url_suffix(url)
                if kind not in _PAGE_TYPES and suffix not in inputs.ATTACHMENT_SUFFIXES:
                    continue
                if status >= 400:
                    yield (
                        url,
                        Outcome(url, not_scanned=NotScanned(url, f"HTTP status {status}")),
                        kind,
                        suffix,
                    )
                    continue
                data = record.content_stream().read(WARC_RECORD_BYTES + 1)
                reason: str | None = None
                if len(data) > WARC_RECORD_BYTES:
                    reason = f"response over {WARC_RECORD_BYTES:,} bytes, not read"
                elif getattr(record.raw_stream, "limit", 0) > 0:
                    # warcio reads a cut record as if it were whole: what it declared is left
                    reason = "record cut short (the archive is truncated or damaged)"
                elif record.digest_checker.passed is False:
                    reason = "payload digest does not match (the archive is damaged)"
                if reason is not None:
                    yield url, Outcome(url, not_scanned=NotScanned(url, reason)), kind, suffix
                    continue
                yield url, data, kind, suffix
            if records == 0 and path.stat().st_size:
                reason = "no record read: not a web archive, or cut short in its first record"
                yield name, Outcome(name, not_scanned=NotScanned(name, reason)), "", ""
            elif path.name.lower().endswith(".gz") and not _whole_gzip(path):
                # warcio ends quietly at a record cut inside its header: the records after
                # the last whole one would be lost without a word
                reason = "cut short after its last whole record: the rest was not read"
                yield name, Outcome(name, not_scanned=NotScanned(name, reason)), "", ""
    except Exception as exc:  # a damaged archive (warcio raises many kinds) or an OSError
        reason = f"cannot read on: {type(exc).__name__}: {exc}"
        yield name, Outcome(name, not_scanned=NotScanned(name, reason)), "", ""


def _whole_gzip(path: Path) -> bool:
    """Whether every gzip member of the file is complete (one more pass of zlib, a few
    seconds per gigabyte: little beside checking the pages)."""
    import gzip  # (here and for WARC files: scanning plain files needs none)

    try:
        with gzip.open(path, "rb") as members:
            while members.read(1 << 20):
                pass
    except (EOFError, OSError, zlib.error):
        return False
    return True


def _url_suffix(url: str) -> str:
    from urllib.parse import urlsplit

    return PurePosixPath(urlsplit(url).path).suffix.lower()


def _check_response(
    scanner: Scanner,
    url: str,
    kind: str,
    suffix: str,
    data: bytes,
    date: dt.date | None,
    max_findings: int | None,
) -> Outcome:
    if kind not in _PAGE_TYPES:
        outcome = _check_attachment_data(
            url, data, scanner, date, max_findings, reader_name=f"attachment{suffix}"
        )
        outcome.results = [replace(r, path=url) if not r.findings else r for r in outcome.results]
        return outcome
    try:
        text = inputs.decode(data, url)
        outcome = check_text(url, text, scanner, date, kind != "text/plain", max_findings)
    except InputError as exc:
        return Outcome(url, not_scanned=NotScanned.from_error(url, exc))
    outcome.results = [r.compact() for r in outcome.results]
    return outcome


def _json_checks(
    path: Path, date: dt.date | None, max_findings: int | None
) -> Iterator[Check | Outcome]:
    """Check a JSON Lines file of pages (a crawl, a CMS export), one outcome per page, read
    a line at a time (``.gz`` files decompressed as they are read). A page is an object
    with ``text`` or ``html``, named by its ``url``, ``id`` or ``path`` (else
    ``FILE:LINE``), with an optional ``date`` (YYYY-MM-DD) that ``date`` overrides; without
    either, its own date (``pages.page_date``). A line that is no such page is an error of
    the file, named with its line, and the rest is checked."""
    import gzip

    name = str(path)
    try:
        raw_file = path.open("rb")
    except OSError as exc:
        yield Outcome(name, not_scanned=NotScanned(name, f"cannot read: {exc.strerror or exc}"))
        return
    with raw_file, gzip.open(raw_file) if path.suffix.lower() == ".gz" else raw_file as lines:
        number = 0
        try:
            for number, raw in enumerate(lines, 1):
                if not raw.strip():
                    continue
                try:
                    page, text, html, page_day, given = _page(raw)
                except ValueError as exc:
                    yield Outcome(name, errors=[FileError(name, number, f"not a page: {exc}")])
                    continue
                title = page or f"{name}:{number}"
                args = (title, text, date or page_day, html, max_findings, given)
                yield Check(title, digest_of(raw), check_page, args)
        except (OSError, EOFError, zlib.error) as exc:  # a truncated or damaged .gz
            reason = f"cannot read past line {number}: {type(exc).__name__}: {exc}"
            yield Outcome(name, not_scanned=NotScanned(name, reason))


PARQUET_BATCH_ROWS = 256
"""Rows of a Parquet table read at a time: memory stays flat in the table's size."""


def _parquet_checks(
    path: Path, date: dt.date | None, max_findings: int | None
) -> Iterator[Check | Outcome]:
    """Check a Parquet table of pages (an export of a data platform, the input of a Spark
    sweep), one outcome per row, read a batch of rows at a time. Its columns are those of a
    JSON Lines page: ``text`` or ``html`` (a row uses ``html`` when it is set), ``url``,
    ``id`` or ``path``, and optional ``date`` (a date, or YYYY-MM-DD), ``site`` and
    ``column``. A row that is no page is an error of the table, named by its row number."""
    name = str(path)
    if importlib.util.find_spec("pyarrow") is None:
        reason = 'reading Parquet tables needs pyarrow: pip install "wording-guard[sweep]"'
        yield Outcome(name, not_scanned=NotScanned(name, reason))
        return
    import pyarrow.parquet as pq

    wanted = ("url", "id", "path", "text", "html", "date", "site", "column")
    number = 0
    try:
        table = pq.ParquetFile(path)
        columns = [c for c in table.schema_arrow.names if c in wanted]
        rows = (
            row
            for batch in table.iter_batches(PARQUET_BATCH_ROWS, columns=columns)
            for row in batch.to_pylist()
        )
    except Exception as exc:  # pyarrow raises many kinds for a damaged or foreign file
        reason = f"not a Parquet table: {type(exc).__name__}: {exc}"
        yield Outcome(name, not_scanned=NotScanned(name, reason))
        return
    if not {"text", "html"} & set(columns):
        reason = 'a table of pages needs a "text" or "html" column'
        yield Outcome(name, not_scanned=NotScanned(name, reason))
        return
    while True:
        try:
            row = next(rows, None)
        except Exception as exc:  # a damaged row group
            reason = f"cannot read past row {number}: {type(exc).__name__}: {exc}"
            yield Outcome(name, not_scanned=NotScanned(name, reason))
            return
        if row is None:
            return
        number += 1
        try:
            page, text, html, page_day, given = _page_fields(row)
        except ValueError as exc:
            message = f"row {number}: not a page: {exc}"
            yield Outcome(name, errors=[FileError(name, number, message)])
            continue
        title = page or f"{name}#row={number}"
        content = json.dumps(row, ensure_ascii=False, sort_keys=True, default=str)
        args = (title, text, date or page_day, html, max_findings, given)
        yield Check(title, digest_of(content), check_page, args)


def check_page(
    scanner: Scanner,
    title: str,
    text: str,
    date: dt.date | None,
    html: bool,
    max_findings: int | None,
    given: dict[str, str],
) -> Outcome:
    """One page of a sweep input (a JSON Lines object, a table row) as :func:`check_text`
    checks it, its results compact; text that is no valid Unicode is not scanned."""
    try:
        outcome = check_text(title, text, scanner, date, html, max_findings, given)
    except InputError as exc:  # text that is not valid Unicode (JSON \ud800)
        return Outcome(title, not_scanned=NotScanned(title, str(exc)))
    outcome.results = [r.compact() for r in outcome.results]
    return outcome


def _page(raw: bytes) -> tuple[str | None, str, bool, dt.date | None, dict[str, str]]:
    """(name, text, whether it is HTML, date, its site and column) of one JSON Lines page;
    ValueError says what is wrong with it (never quoting it: it may hold personal
    numbers)."""
    try:
        page = json.loads(raw)
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 (bad byte at offset {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON ({exc.msg} at character {exc.pos})") from None
    if not isinstance(page, dict):
        raise ValueError(f"a JSON {type(page).__name__}, not an object")
    return _page_fields(page)


def _page_fields(
    page: Mapping[str, object],
) -> tuple[str | None, str, bool, dt.date | None, dict[str, str]]:
    """(name, text, whether it is HTML, date, its site and column) of a page given as a
    mapping (a JSON object, a table row): ``html`` when it is set, else ``text``."""
    html = page.get("html") is not None
    text = page.get("html" if html else "text")
    if not isinstance(text, str):
        raise ValueError('needs "text" or "html" as a string')
    names = [page.get(key) for key in ("url", "id", "path")]
    title = next((str(n) for n in names if isinstance(n, str | int) and str(n)), None)
    given = {key: v for key in ("site", "column") if isinstance(v := page.get(key), str)}
    day = page.get("date")
    return title, text, html, None if day is None else page_day(day), given


def page_day(value: object) -> dt.date:
    """The date a sweep input gives a page: a date (a timestamp's day), or text that starts
    with YYYY-MM-DD; ValueError says what is wrong (quoting at most 20 characters)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise ValueError(f'"date" is not YYYY-MM-DD: {str(value)[:20]!r}') from None


def _without(message: str, path: Path) -> str:
    """An error message about the spooled file, as one about the input itself."""
    return message.replace(f"{path}: ", "").replace(str(path), "the input")


def _check_large_text(
    path: Path, scanner: Scanner, date: dt.date | None, max_findings: int | None
) -> Outcome:
    name = str(path)
    bad: list[SuppressionError] = []
    chunks = suppress.disarm_chunks(inputs.read_text_chunks(path), scanner.rule_ids, bad)
    try:
        result = stream.scan_chunks(name, chunks, scanner, date, max_findings=max_findings)
    except ConfigError as exc:
        # a directive cut by a window inside a line longer than stream.LINE_REACH
        return Outcome(name, not_scanned=NotScanned(name, str(exc)))
    errors = [FileError(name, e.line, _ignored(e)) for e in bad]
    if result.stopped_at_line is not None and max_findings is not None:
        errors.append(
            FileError(name, result.stopped_at_line, _over_the_limit(max_findings, "not checked"))
        )
    return Outcome(name, [result], errors)


def _check_attachment(
    path: Path, scanner: Scanner, date: dt.date | None, max_findings: int | None
) -> Outcome:
    return _check_attachment_data(str(path), inputs.read_bytes(path), scanner, date, max_findings)


def _check_attachment_data(
    name: str,
    data: bytes,
    scanner: Scanner,
    date: dt.date | None,
    max_findings: int | None,
    reader_name: str | None = None,
) -> Outcome:
    """An attachment's bytes, unit by unit; ``reader_name`` (its suffix picks the reader)
    when ``name`` is no file name (a URL with a query)."""
    from . import attachments

    outcome = Outcome(name)
    found = 0
    try:
        for location, unit in attachments.units(reader_name or name, data):
            where = unit_path(name, location)
            if max_findings is not None and found >= max_findings:
                message = _over_the_limit(max_findings, "not checked")
                outcome.errors.append(FileError(where, 1, message.replace("line", "unit"), name))
                break
            findings, errors = _check_source(where, unit, scanner, date, file=name)
            found += len(findings)
            outcome.errors.extend(errors)
            if findings:
                result = UnitResult(
                    where, unit.text, findings, _mapped(unit), file=name, unit=dict(location)
                )
                outcome.results.append(result.compact())
    except attachments.AttachmentError as exc:
        outcome.not_scanned = NotScanned.from_error(name, exc)
        return outcome
    if not outcome.results:
        outcome.results.append(FileResult(name, "", []))
    return outcome


def _mapped(source: SourceText) -> SourceText | None:
    """The source a result keeps: only one that differs from the text."""
    return None if source.is_identity else source


def _check_source(
    name: str, source: SourceText, scanner: Scanner, date: dt.date | None, file: str = ""
) -> tuple[list[Finding], list[FileError]]:
    """Findings in ``source`` as ``scanner.scan_source`` gives them, bad inline suppressions
    left out of the scan and returned as errors (lines of ``source.source``)."""
    if suppress.MARKER not in source.text:
        return scanner.scan_source(source, date=date), []
    disarmed, bad = suppress.disarm(source.text, scanner.rule_ids)
    if not bad:
        return scanner.scan_source(source, date=date), []
    errors = [FileError(name, _source_line(source, e), _ignored(e), file) for e in bad]
    # the same length: a source's map holds for the disarmed text
    scanned = SourceText.plain(disarmed) if source.is_identity else replace(source, text=disarmed)
    return scanner.scan_source(scanned, date=date), errors


def _ignored(error: SuppressionError) -> str:
    return f"{error.detail} (ignored: checked without it)"


def _source_line(source: SourceText, error: SuppressionError) -> int:
    if source.is_identity:
        return error.line
    return source.source_line_column(source.to_source(error.start, error.end)[0])[0]


# -- worker processes ---------------------------------------------------------------------

_worker: Scanner | None = None

# A short text that makes a scanner load what it loads on first use: the segmenter (a short
# hit, 法国 in 书法国画) and the typo model with its tagger (an unseen pair, 接照)
WARM_UP = "书法国画展览。要认真布署今年的工作，接照规定执行。"


def _init_worker(options: dict[str, object]) -> None:
    global _worker
    _worker = Scanner(**options) if options else default_scanner()  # type: ignore[arg-type]


def _work(checks: list[tuple[Callable[..., Outcome], tuple[Any, ...]]]) -> list[Outcome]:
    assert _worker is not None
    return [call(_worker, *args) for call, args in checks]


def forks() -> bool:
    """Whether sweeps fork their workers from the loaded scanner (Linux)."""
    import multiprocessing

    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def _pool(scanner: Scanner, options: dict[str, object], workers: int) -> ProcessPoolExecutor:
    """Worker processes. On Linux they are forked from this one once its scanner is fully
    loaded and use it as it is (nothing to build or load again, its memory shared until
    written); elsewhere each builds its own from ``options`` (macOS offers fork too, but
    some of its system libraries are not safe to use in a forked child)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _worker
    if not forks():
        return ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(options,))
    scanner.scan(WARM_UP)
    _worker = scanner
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))


def scan_files(
    paths: Sequence[Path],
    scanner: Scanner,
    date: dt.date | None,
    jobs: int = 1,
    scanner_options: dict[str, object] | None = None,
    progress: Callable[[], None] | None = None,
    max_findings: int | None = MAX_FINDINGS,
    memo: Memo | None = None,
) -> Iterator[tuple[Path, Outcome]]:
    """(path, outcome of :func:`check_file`) for every path, in input order. ``jobs``,
    ``scanner_options``, ``memo``: as for :func:`run_checks`; ``progress`` is called after
    each file."""
    checks = (
        Check(str(p), _file_digest(p) if memo else "", _check_path, (p, date, max_findings))
        for p in paths
    )
    jobs = jobs if len(paths) > 1 else 1
    outcomes = run_checks(checks, scanner, jobs, scanner_options, memo)
    for path, outcome in zip(paths, outcomes, strict=True):
        yield path, outcome
        if progress:
            progress()


def _check_path(
    scanner: Scanner, path: Path, date: dt.date | None, max_findings: int | None
) -> Outcome:
    return check_file(path, scanner, date, max_findings)


def _file_digest(path: Path) -> str:
    """The hash of a regular file's content ("" for what cannot be read, or is no regular
    file: it is checked, and says why it cannot be)."""
    try:
        if inputs.file_kind(path) != "file":
            return ""
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            while block := fh.read(1 << 20):
                digest.update(block)
        return digest.hexdigest()
    except (OSError, InputError):
        return ""


CHECKS_PER_TASK = 16
"""Checks sent to a worker process at a time: a page takes about a millisecond, a task's
round trip a fraction of one."""

_WINDOW_ITEMS = 1024
"""Items (checks and outcomes) held in one slot of the window of work in flight."""


def run_checks(
    items: Iterable[Check | Outcome],
    scanner: Scanner,
    jobs: int = 1,
    scanner_options: dict[str, object] | None = None,
    memo: Memo | None = None,
) -> Iterator[Outcome]:
    """The outcome of every item, in order: an outcome as it is, a check run. With a
    ``memo``, a check whose page it remembers (same key and digest) is not run: its
    remembered outcome is given, and the outcome of each check run is remembered.

    Results are compact (``FileResult.compact``): a sweep's memory does not grow with the
    texts it scanned. With ``jobs > 1`` checks run in worker processes (see :func:`_pool`;
    ``scanner_options`` rebuild the scanner where they cannot fork), a few tasks per worker
    in flight at a time: memory stays flat however many items come, and the memo is used
    by this process only."""

    def known(check: Check) -> Outcome | None:
        if memo is None or not check.digest:
            return None
        return memo.lookup(check.key, check.digest)

    def remember(check: Check, outcome: Outcome) -> None:
        if memo is not None and check.digest:
            memo.remember(check.key, check.digest, outcome)

    if jobs <= 1:
        for item in items:
            if isinstance(item, Check):
                outcome = known(item)
                if outcome is None:
                    outcome = item.call(scanner, *item.args)
                    remember(item, outcome)
                item = outcome
            yield item
        return

    workers = min(jobs, os.cpu_count() or 1)
    pool: ProcessPoolExecutor | None = None
    window: deque[tuple[list[Check | Outcome], Future[list[Outcome]] | None]] = deque()

    def submit(checks: list[Check]) -> Future[list[Outcome]] | None:
        nonlocal pool
        if not checks:
            return None
        if pool is None:
            pool = _pool(scanner, scanner_options or {}, workers)
            # the workers are forked by the first submission (all of them): the collector
            # never walks the objects they inherit, so the pages of those stay shared
            gc.freeze()
            try:
                return pool.submit(_work, [(c.call, c.args) for c in checks])
            finally:
                gc.unfreeze()
        return pool.submit(_work, [(c.call, c.args) for c in checks])

    def finish(
        slot: tuple[list[Check | Outcome], Future[list[Outcome]] | None],
    ) -> Iterator[Outcome]:
        slot_items, future = slot
        outcomes = iter(future.result() if future is not None else ())
        for item in slot_items:
            if isinstance(item, Check):
                outcome = next(outcomes)
                remember(item, outcome)
                yield outcome
            else:
                yield item

    try:
        slot: list[Check | Outcome] = []
        pending: list[Check] = []
        for item in items:
            if isinstance(item, Check):
                remembered = known(item)
                if remembered is None:
                    pending.append(item)
                else:
                    item = remembered
            slot.append(item)
            if not window and not pending:  # nothing in flight: outcomes only, given at once
                for ready in slot:
                    assert isinstance(ready, Outcome)
                    yield ready
                slot = []
            elif len(pending) >= CHECKS_PER_TASK or len(slot) >= _WINDOW_ITEMS:
                window.append((slot, submit(pending)))
                slot, pending = [], []
                while len(window) > 2 * workers:
                    yield from finish(window.popleft())
        window.append((slot, submit(pending)))
        while window:
            yield from finish(window.popleft())
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


__all__ = [
    "FileResult",
    "Finding",
    "Outcome",
    "SourceText",
    "check_file",
    "check_text",
    "scan_file",
    "scan_files",
    "scan_text",
]
