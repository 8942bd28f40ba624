"""Sweeps on Apache Spark: a province's pages checked by a cluster's executors, with the same
findings as ``wording-guard scan``. Needs the ``spark`` extra (``pip install
"wording-guard[spark]"``: PySpark, PyArrow and pandas, which PySpark's Arrow functions
require) and a Java runtime; nothing else in the package imports this module.

Pages go to the executors in Arrow batches (``DataFrame.mapInArrow``); each executor's
Python process checks them with :func:`batch.check_text`, as the CLI checks a JSON Lines
page, and sends each page's outcome back as a row of the *pages DataFrame*, from which the
*findings DataFrame* is derived.

Input (:func:`scan_pages`, :func:`scan_pages_outcomes`): a DataFrame with
    ``id``      string, the page's name (its URL): the findings' ``path``;
    ``text`` or ``html``  string (a table may have both columns: ``html`` is used where it is
                not null); HTML is reduced to its text, findings point into both;
    ``date``    optional, a date or a ``YYYY-MM-DD`` string: the page is judged as of that
                day (``date=`` of the call overrides it); without either, by its own date
                (``pages.page_date``: its PubDate meta tag, a 成文日期 line, …);
    ``site``, ``column``  optional strings: the page's site and column (栏目), else its
                ``SiteName`` and ``ColumnName`` meta tags.
Other columns are ignored. Web archives are read by :func:`scan_archives` from a DataFrame
of their paths (column ``path``, readable by every executor): each archive is read whole by
one executor with :func:`batch.warc_checks`, one outcome per page and per attachment.

Pages DataFrame (:data:`PAGES_SCHEMA`), one row per page, nothing dropped:
    ``id``  string; ``site``, ``site_column`` string (``column`` is taken by the findings'
    character column); ``page_date`` date, ``page_date_source`` string: the date the page
    was judged by and where it came from (``meta PubDate``, ``发布日期 line 3``, ``date
    line 40`` as ``pages.page_date`` says, or ``date column`` / ``date option`` when
    given; null when it had none: judged as of today); ``findings`` int, how many;
    ``not_scanned`` string, why the page was not checked (no text, a date that is not
    ``YYYY-MM-DD``, text that is not valid UTF-8 …) or null; ``errors`` array<string>,
    errors inside a page checked without the faulty part (``path:line: message``);
    ``record`` string, the outcome as ``json.dumps(records.outcome_record(outcome))``
    (what the driver builds the HTML report from: like a sweep's state it keeps the text
    around each finding with personal numbers unmasked); ``finding_rows``
    array<struct>, the page's findings as the findings DataFrame has them (the command
    line does not write this column to the pages table: the findings table holds them).

Findings DataFrame (:data:`FINDINGS_SCHEMA`), one row per finding, derived from the pages
DataFrame by :func:`findings_of` (``posexplode``):
    ``path`` string (the page's id; for a unit of an attachment ``url#page=2`` …), then the
    :class:`models.Finding` fields in the order and with the names of ``scan --format
    jsonl`` (``output.finding_dict``): ``rule_id``, ``category``, ``severity`` string,
    ``start``, ``end`` long, ``text``, ``message`` string, ``suggestions``
    array<string>, ``line``, ``column`` long, ``source_start``, ``source_end`` long
    (null for plain text); then the page's ``site``, ``site_column``, ``page_date``,
    ``page_date_source``; ``page`` string, the page's id as given (the key into the
    pages DataFrame); ``position`` int, the finding's place among its page's findings
    (the order ``scan`` prints them in). Personal numbers (ID, phone, card numbers) are
    masked in ``path``, ``text``, ``message`` and ``suggestions`` as every output of the
    CLI masks them, unless ``reveal_pii``.

Incremental sweeps (:func:`compare`): the previous sweep's findings table is its state. The
current findings get a ``status``, ``new`` or ``open``, and the previous findings that are
gone come as rows with ``status = 'fixed'``. As in ``sweepstate``, a finding is the same
when its path, rule and text (as shown, so both sweeps must mask alike) are, counted as a
multiset (two alike before and one now: one open, one fixed), and only pages the current
sweep checked can have fixed findings: which pages that is, the current pages DataFrame
says (a page without findings is in no findings table; a page not scanned this time is not
compared, nor is a page of the previous sweep that this one did not include).

Command line (``python -m wording_guard.spark …``, ``wording-guard sweep --engine spark
…``, or ``spark-submit`` given this file: ``spark-submit --master yarn "$(python -c 'import
wording_guard.spark as s; print(s.__file__)')" …``, which runs it as the package's module):
inputs are Parquet pages tables (a file or folder), JSON Lines of pages (``.jsonl``,
``.json``, ``.gz`` of them: ``{url or id, text or html, date, site, column}``) and web
archives (``.warc``, ``.warc.gz``, on a file system every executor can open); ``--out DIR``
writes ``DIR/findings`` (with ``status`` when compared) and ``DIR/pages`` (without
``finding_rows``) as Parquet; ``--report FILE`` the CLI's HTML report, from the records of
the pages with findings or problems brought to the driver; ``--previous DIR`` (an earlier
``--out``) adds the status and the fixed findings. Exit code as ``scan``'s: 2 when a page
was not (fully) checked, else 1 when a finding reaches ``--fail-on``.

Executors build one :class:`Scanner` per Python process (:func:`_executor_scanner`): a
scanner loads every compiled lexicon, the segmenter's dictionary and the typo model, about
3 s and 300 MB here, while a page takes about a millisecond to check. A scanner cannot be
sent from the driver (it does not pickle, and it would be sent with every task), and one
built per batch or per row would cost more than the pages it checks; Spark reuses
an executor's Python worker processes from task to task (``spark.python.worker.reuse``,
on by default), so a module-level cache keyed by the scanner's options builds it once per
process and serves every later task of the job, and of later jobs, in that process.
"""

from __future__ import annotations

import sys

if __name__ == "__main__" and not __package__:
    # spark-submit runs a file, not a module: run the package's module instead, with the
    # package's folder off the path (its modules' names would hide others)
    from pathlib import Path as _Path

    sys.path[0] = str(_Path(__file__).resolve().parents[1])
    from wording_guard.spark import main as _main

    raise SystemExit(_main())

import argparse
import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import pyarrow as pa
from pyspark import StorageLevel
from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F
from pyspark.sql import types as T

from . import batch, records
from .batch import Outcome
from .cli import EXIT_ERROR, EXIT_FOUND, EXIT_OK, FAIL_ON, read_allow_file
from .inputs import NotScanned
from .models import Severity
from .output import finding_dict
from .results import Coverage, FileResult, masked_results, redact_numbers
from .scanner import Scanner, default_scanner
from .sweepstate import HISTORY_COLUMNS, FixedFinding, SweepSummary

# -- schemas ----------------------------------------------------------------------------------

_FINDING_FIELDS: list[tuple[str, T.DataType, pa.DataType]] = [
    ("path", T.StringType(), pa.string()),
    ("rule_id", T.StringType(), pa.string()),
    ("category", T.StringType(), pa.string()),
    ("severity", T.StringType(), pa.string()),
    ("start", T.LongType(), pa.int64()),
    ("end", T.LongType(), pa.int64()),
    ("text", T.StringType(), pa.string()),
    ("message", T.StringType(), pa.string()),
    ("suggestions", T.ArrayType(T.StringType()), pa.list_(pa.string())),
    ("line", T.LongType(), pa.int64()),
    ("column", T.LongType(), pa.int64()),
    ("source_start", T.LongType(), pa.int64()),
    ("source_end", T.LongType(), pa.int64()),
]
"""The fields of a finding, as ``output.finding_dict`` orders them."""

_PAGE_FIELDS: list[tuple[str, T.DataType, pa.DataType]] = [
    ("site", T.StringType(), pa.string()),
    ("site_column", T.StringType(), pa.string()),
    ("page_date", T.DateType(), pa.date32()),
    ("page_date_source", T.StringType(), pa.string()),
]

_FINDING_STRUCT = T.StructType([T.StructField(n, t) for n, t, _ in _FINDING_FIELDS])

PAGES_SCHEMA = T.StructType(
    [
        T.StructField("id", T.StringType()),
        *(T.StructField(n, t) for n, t, _ in _PAGE_FIELDS),
        T.StructField("findings", T.IntegerType()),
        T.StructField("not_scanned", T.StringType()),
        T.StructField("errors", T.ArrayType(T.StringType())),
        T.StructField("record", T.StringType()),
        T.StructField("finding_rows", T.ArrayType(_FINDING_STRUCT)),
    ]
)
"""One row per page (see the module's documentation)."""

FINDINGS_SCHEMA = T.StructType(
    [
        *(T.StructField(n, t) for n, t, _ in _FINDING_FIELDS),
        *(T.StructField(n, t) for n, t, _ in _PAGE_FIELDS),
        T.StructField("page", T.StringType()),
        T.StructField("position", T.IntegerType()),
    ]
)
"""One row per finding (see the module's documentation)."""

_PAGES_ARROW = pa.schema(
    [
        ("id", pa.string()),
        *((n, a) for n, _, a in _PAGE_FIELDS),
        ("findings", pa.int32()),
        ("not_scanned", pa.string()),
        ("errors", pa.list_(pa.string())),
        ("record", pa.string()),
        ("finding_rows", pa.list_(pa.struct([(n, a) for n, _, a in _FINDING_FIELDS]))),
    ]
)

_ARCHIVE_ROWS = 256
"""Pages of a web archive sent back in one Arrow batch (an archive may hold millions)."""

# -- executors --------------------------------------------------------------------------------

_scanners: dict[str, Scanner] = {}
"""This process's scanners by their options (see the module's documentation: why)."""


def _executor_scanner(options: Mapping[str, Any]) -> Scanner:
    """The scanner for ``options`` in this Python process, built on first use."""
    key = json.dumps(options, sort_keys=True, default=str)
    scanner = _scanners.get(key)
    if scanner is None:
        scanner = Scanner(**options) if options else default_scanner()
        _scanners[key] = scanner
    return scanner


@dataclass(frozen=True)
class _Settings:
    """What the executors are told besides the pages (pickled with every task: small)."""

    date: dt.date | None = None
    scanner_options: dict[str, Any] = field(default_factory=dict)
    reveal_pii: bool = False
    max_findings: int | None = batch.MAX_FINDINGS


def _values(batch_: pa.RecordBatch, name: str, raw: bool = False) -> list[Any]:
    """A column of the batch as Python values (None for every row when it is missing);
    ``raw``: strings as their UTF-8 bytes, decoded by the caller, who reports bad ones."""
    if name not in batch_.schema.names:
        return [None] * batch_.num_rows
    column = batch_.column(name)
    if raw and (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
        column = column.cast(pa.large_binary())
    values: list[Any] = column.to_pylist()
    return values


def _check_page_batches(
    batches: Iterable[pa.RecordBatch], settings: _Settings
) -> Iterator[pa.RecordBatch]:
    scanner = _executor_scanner(settings.scanner_options)
    for pages in batches:
        ids = _values(pages, "id")
        texts = _values(pages, "text", raw=True)
        htmls = _values(pages, "html", raw=True)
        dates = _values(pages, "date")
        sites = _values(pages, "site")
        columns = _values(pages, "column")
        rows = []
        for i, page_id in enumerate(ids):
            given = {
                key: str(value)
                for key, value in (("site", sites[i]), ("column", columns[i]))
                if value is not None and str(value)
            }
            name = None if page_id is None else str(page_id)
            outcome, judged_by = _check_page(
                name, texts[i], htmls[i], dates[i], given, scanner, settings
            )
            rows.append(_page_row(name, outcome, given, judged_by, settings.reveal_pii))
        yield pa.RecordBatch.from_pylist(rows, schema=_PAGES_ARROW)


def _check_page(
    name: str | None,
    text: bytes | None,
    html: bytes | None,
    day: object,
    given: dict[str, str],
    scanner: Scanner,
    settings: _Settings,
) -> tuple[Outcome, tuple[dt.date, str] | None]:
    """The page's outcome, and the date it was judged by when one was given."""
    title = name or ""
    if name is None or not name:
        return Outcome(title, not_scanned=NotScanned(title, "no id")), None
    raw, is_html = (html, True) if html is not None else (text, False)
    if raw is None:
        return Outcome(title, not_scanned=NotScanned(title, "no text or html")), None
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        reason = f"not valid UTF-8 (bad byte at offset {exc.start})"
        return Outcome(title, not_scanned=NotScanned(title, reason)), None
    judged_by: tuple[dt.date, str] | None = None
    if settings.date is not None:
        judged_by = (settings.date, "date option")
    elif day is not None:
        try:  # a table's text column may carry spaces around the date
            judged_by = (
                batch.page_day(day.strip() if isinstance(day, str) else day),
                "date column",
            )
        except ValueError as exc:
            return Outcome(title, not_scanned=NotScanned(title, str(exc))), None
    date = judged_by[0] if judged_by else None
    outcome = batch.check_page(scanner, title, content, date, is_html, settings.max_findings, given)
    return outcome, judged_by


def _page_row(
    name: str | None,
    outcome: Outcome,
    given: Mapping[str, str],
    judged_by: tuple[dt.date, str] | None,
    reveal_pii: bool,
) -> dict[str, Any]:
    """The pages DataFrame's row of one outcome."""
    described = next((r for r in outcome.results if r.date or r.site or r.column), None)
    site = described.site if described else None
    column = described.column if described else None
    own = described.date if described else None
    # a date given says where from (the option or the column); else the page's own
    when = judged_by or ((own.date, own.source) if own is not None else None)
    rows: list[dict[str, Any]] = []
    for result in masked_results(outcome.results, reveal_pii):
        rows.extend(finding_dict(f, result.path) for f in result.findings)

    def shown(text: str) -> str:
        return text if reveal_pii else redact_numbers(text)

    not_scanned = outcome.not_scanned
    return {
        "id": name,
        "site": site or given.get("site"),
        "site_column": column or given.get("column"),
        "page_date": when[0] if when else None,
        "page_date_source": when[1] if when else None,
        "findings": len(rows),
        "not_scanned": None if not_scanned is None else shown(not_scanned.reason),
        "errors": [shown(f"{e.path}:{e.line}: {e.message}") for e in outcome.errors],
        "record": json.dumps(records.outcome_record(outcome), ensure_ascii=False),
        "finding_rows": rows,
    }


def _check_archive_batches(
    batches: Iterable[pa.RecordBatch], settings: _Settings
) -> Iterator[pa.RecordBatch]:
    scanner = _executor_scanner(settings.scanner_options)
    rows: list[dict[str, Any]] = []
    for archives in batches:
        for path in _values(archives, "path"):
            if path is None:
                continue
            checks = batch.warc_checks(Path(str(path)), settings.date, settings.max_findings)
            for outcome in batch.run_checks(checks, scanner):
                judged_by = None if settings.date is None else (settings.date, "date option")
                rows.append(_page_row(outcome.path, outcome, {}, judged_by, settings.reveal_pii))
                if len(rows) >= _ARCHIVE_ROWS:
                    yield pa.RecordBatch.from_pylist(rows, schema=_PAGES_ARROW)
                    rows = []
    if rows:
        yield pa.RecordBatch.from_pylist(rows, schema=_PAGES_ARROW)


# -- the driver's API -------------------------------------------------------------------------


def _settings(
    date: dt.date | str | None,
    scanner_options: Mapping[str, Any] | None,
    reveal_pii: bool,
    max_findings: int | None,
) -> _Settings:
    day = dt.date.fromisoformat(date) if isinstance(date, str) else date
    return _Settings(day, dict(scanner_options or {}), reveal_pii, max_findings)


def scan_pages_outcomes(
    pages: DataFrame,
    *,
    date: dt.date | str | None = None,
    scanner_options: Mapping[str, Any] | None = None,
    reveal_pii: bool = False,
    max_findings: int | None = batch.MAX_FINDINGS,
) -> DataFrame:
    """The pages DataFrame (:data:`PAGES_SCHEMA`) of a DataFrame of pages: one row per page,
    those that could not be checked included, with why. ``date`` judges every page as of
    that day (default: each by its ``date`` column, else by its own date);
    ``scanner_options`` are :class:`Scanner`'s keyword arguments (``{}``: the default
    scanner; lexicon directories must be readable by every executor); ``max_findings``
    per page (None: no limit)."""
    if "id" not in pages.columns or not {"text", "html"} & set(pages.columns):
        raise ValueError(
            f"a pages DataFrame needs an id column and text or html; it has {pages.columns}"
        )
    wanted = [c for c in ("id", "text", "html", "date", "site", "column") if c in pages.columns]
    settings = _settings(date, scanner_options, reveal_pii, max_findings)
    return pages.select(*wanted).mapInArrow(
        partial(_check_page_batches, settings=settings), PAGES_SCHEMA
    )


def scan_pages(
    pages: DataFrame,
    *,
    date: dt.date | str | None = None,
    scanner_options: Mapping[str, Any] | None = None,
    reveal_pii: bool = False,
    max_findings: int | None = batch.MAX_FINDINGS,
) -> DataFrame:
    """The findings DataFrame (:data:`FINDINGS_SCHEMA`) of a DataFrame of pages, as
    :func:`scan_pages_outcomes` checks them. Pages that could not be checked have no
    findings: their reasons are in the pages DataFrame, which a sweep should keep
    (:func:`scan_pages_outcomes`, then :func:`findings_of`)."""
    return findings_of(
        scan_pages_outcomes(
            pages,
            date=date,
            scanner_options=scanner_options,
            reveal_pii=reveal_pii,
            max_findings=max_findings,
        )
    )


def scan_archives(
    archives: DataFrame,
    *,
    date: dt.date | str | None = None,
    scanner_options: Mapping[str, Any] | None = None,
    reveal_pii: bool = False,
    max_findings: int | None = batch.MAX_FINDINGS,
) -> DataFrame:
    """The pages DataFrame of the web archives (WARC, gzipped or not) whose paths are the
    ``path`` column of ``archives``: each archive is read by one executor task (the rows
    are spread one archive to a partition, up to ``spark.default.parallelism`` × 4
    partitions), one row per page and per attachment, named by its URL. A damaged
    archive's row says how far it was read."""
    count = archives.count()
    spark = archives.sparkSession
    parallel = spark.sparkContext.defaultParallelism
    spread = archives.select("path").repartition(max(1, min(count, parallel * 4)))
    settings = _settings(date, scanner_options, reveal_pii, max_findings)
    return spread.mapInArrow(partial(_check_archive_batches, settings=settings), PAGES_SCHEMA)


def findings_of(pages: DataFrame) -> DataFrame:
    """The findings DataFrame (:data:`FINDINGS_SCHEMA`) of a pages DataFrame."""
    exploded = pages.select(
        *(n for n, _, _ in _PAGE_FIELDS),
        F.col("id").alias("page"),
        F.posexplode("finding_rows").alias("position", "f"),
    )
    return exploded.select(
        *(F.col(f"f.{n}").alias(n) for n, _, _ in _FINDING_FIELDS),
        *(n for n, _, _ in _PAGE_FIELDS),
        "page",
        F.col("position").cast("int").alias("position"),
    )


_KEY = ["path", "rule_id", "text"]


def compare(previous: DataFrame, current: DataFrame, *, pages: DataFrame) -> DataFrame:
    """The current findings with a ``status`` column, ``new`` or ``open``, and the previous
    findings fixed since, as rows with ``status = 'fixed'`` (their columns as the previous
    table had them). ``previous`` is an earlier findings table (one with a ``status``
    column too: its fixed rows are left out); ``pages`` is the current sweep's pages
    DataFrame, which says which pages it checked: only those can have fixed findings.
    Findings are matched by (path, rule_id, text) as a multiset, in page order
    (``position``): the first as many as there were before are open, the rest new."""
    if "status" in previous.columns:
        previous = previous.where(F.col("status") != "fixed").drop("status")
    order = Window.partitionBy(*_KEY).orderBy("page", "position")
    now = current.withColumn("_n", F.row_number().over(order))
    before = previous.withColumn("_n", F.row_number().over(order))
    seen = before.select(*_KEY, "_n").withColumn("_seen", F.lit(True))
    marked = now.join(seen, [*_KEY, "_n"], "left").select(
        *current.columns,
        F.when(F.col("_seen"), F.lit("open")).otherwise(F.lit("new")).alias("status"),
    )
    checked = pages.where(F.col("not_scanned").isNull()).select(F.col("id").alias("page"))
    fixed = (
        before.join(now.select(*_KEY, "_n"), [*_KEY, "_n"], "left_anti")
        .join(checked, "page", "left_semi")
        .select(*current.columns, F.lit("fixed").alias("status"))
    )
    return marked.unionByName(fixed)


# -- command line -----------------------------------------------------------------------------

_JSON_PAGE = T.StructType(
    [
        T.StructField(name, T.StringType())
        for name in ("url", "id", "path", "text", "html", "date", "site", "column")
    ]
)


def read_json_pages(spark: SparkSession, paths: Sequence[str]) -> DataFrame:
    """JSON Lines of pages (``{url or id, text or html, date, site, column}``; ``.gz``
    read as it comes) as a pages input DataFrame. A line that is no such page (invalid
    JSON, no text) becomes a page without text, named by its file when it has no name:
    it is reported as not scanned, not dropped."""
    raw = spark.read.schema(_JSON_PAGE).json(list(paths))
    return raw.select(
        F.coalesce("url", "id", "path", F.col("_metadata.file_path")).alias("id"),
        "text",
        "html",
        "date",
        "site",
        "column",
    )


def read_inputs(
    spark: SparkSession, inputs: Sequence[str], settings: _Settings, partitions: int | None
) -> DataFrame:
    """The pages DataFrame of the command line's inputs."""
    archives = [p for p in inputs if p.lower().endswith((".warc", ".warc.gz"))]
    json_files = [
        p for p in inputs if p.lower().endswith((".jsonl", ".json", ".jsonl.gz", ".json.gz"))
    ]
    tables = [p for p in inputs if p not in archives and p not in json_files]
    options: dict[str, Any] = {
        "date": settings.date,
        "scanner_options": settings.scanner_options,
        "reveal_pii": settings.reveal_pii,
        "max_findings": settings.max_findings,
    }
    frames = []
    if json_files:
        frames.append(read_json_pages(spark, json_files))
    if tables:
        frames.append(spark.read.parquet(*tables))
    results = [scan_pages_outcomes(_spread(frame, partitions), **options) for frame in frames]
    if archives:
        paths = spark.createDataFrame([(p,) for p in archives], "path string")
        results.append(scan_archives(paths, **options))
    union = results[0]
    for frame in results[1:]:
        union = union.unionByName(frame)
    return union


def _spread(frame: DataFrame, partitions: int | None) -> DataFrame:
    """``frame`` in ``partitions`` partitions, or in as many as the executors have cores
    when it has fewer (a single JSON Lines file is read by one task)."""
    parallel = frame.sparkSession.sparkContext.defaultParallelism
    if partitions:
        return frame.repartition(partitions)
    if frame.rdd.getNumPartitions() < parallel:
        return frame.repartition(parallel * 2)
    return frame


def _parser(prog: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog or "python -m wording_guard.spark",
        description="Sweep pages on Apache Spark: Parquet pages tables (id, text or html, "
        "date, site, column), JSON Lines of pages and web archives (.warc, .warc.gz), "
        "checked by the executors; the findings and pages tables written as Parquet, the "
        "HTML report built on the driver. Exit code 1 when a finding reaches --fail-on, 2 "
        "when a page could not be checked (or not all of it).",
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT")
    parser.add_argument(
        "--out", metavar="DIR", help="write DIR/findings and DIR/pages as Parquet (overwritten)"
    )
    parser.add_argument("--report", type=Path, metavar="FILE", help="write the HTML report")
    parser.add_argument(
        "--previous",
        metavar="DIR",
        help="an earlier --out: each finding gets its status (new, open) and the findings "
        "fixed since are added (status fixed)",
    )
    parser.add_argument(
        "--date",
        type=dt.date.fromisoformat,
        help="judge every page as of YYYY-MM-DD (default: each page by its date column, else "
        "by its own date)",
    )
    parser.add_argument(
        "--disable", action="append", default=[], metavar="RULE", help="rule id to skip"
    )
    parser.add_argument(
        "--lexicon",
        action="append",
        default=[],
        metavar="DIR",
        help="extra lexicon directory, readable by every executor (repeatable)",
    )
    parser.add_argument(
        "--allow",
        action="append",
        default=[],
        type=Path,
        metavar="FILE",
        help="allow-list file, read on the driver (repeatable)",
    )
    parser.add_argument(
        "--max-findings",
        type=int,
        default=batch.MAX_FINDINGS,
        metavar="N",
        help="findings reported per page (default 10000; 0: no limit)",
    )
    parser.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default="serious",
        help="exit 1 when a finding reaches this severity (default serious)",
    )
    parser.add_argument(
        "--master",
        help="Spark master URL (default: spark-submit's, else local[*])",
    )
    parser.add_argument("--partitions", type=int, metavar="N", help="spread the pages over N tasks")
    parser.add_argument(
        "--show-pii",
        action="store_true",
        help="show ID, phone and card numbers unmasked (default: masked)",
    )
    return parser


def main(argv: Sequence[str] | None = None, prog: str | None = None) -> int:
    parser = _parser(prog)
    args = parser.parse_args(argv)
    if args.out and args.previous and args.out.rstrip("/") == args.previous.rstrip("/"):
        parser.error("--out must be another folder than --previous (which is read meanwhile)")
    options: dict[str, Any] = {}
    if args.disable or args.lexicon or args.allow:
        options = {
            "lexicon_dirs": list(args.lexicon),
            "allow": [t for f in args.allow for t in read_allow_file(f)],
            "disable": list(args.disable),
        }
    settings = _Settings(args.date, options, args.show_pii, args.max_findings or None)
    running = SparkSession.getActiveSession()
    spark = running or _session(args.master)
    try:
        return _sweep(spark, args, settings)
    finally:
        if running is None:
            spark.stop()


def _session(master: str | None) -> SparkSession:
    """A session on ``master``; without one, spark-submit's (which starts this process with
    the gateway's port in its environment), else ``local[*]``. A local master's Python
    workers run this Python, as the driver does."""
    import os

    builder = SparkSession.builder.appName("wording-guard sweep")
    if master is None and "PYSPARK_GATEWAY_PORT" not in os.environ:
        master = "local[*]"
    if master is not None:
        builder = builder.master(master)
    if (master or "").startswith("local") and "PYSPARK_PYTHON" not in os.environ:
        builder = builder.config("spark.pyspark.python", sys.executable)
    return builder.getOrCreate()


_HISTORY_SCHEMA = T.StructType(
    [
        T.StructField(name, T.StringType() if name == "started" else T.LongType())
        for name in HISTORY_COLUMNS
    ]
)
"""``DIR/history`` of an ``--out`` folder: the counts of every sweep compared in a chain
(each ``--previous`` passing its history on), for the report's trend chart."""


def _history(spark: SparkSession, previous: str | None) -> list[dict[str, Any]]:
    """The sweeps before this one: the previous ``--out`` folder's history (none when it
    has none, as a folder written before histories were kept)."""
    if not previous:
        return []
    from pyspark.errors import AnalysisException

    try:
        rows = spark.read.schema(_HISTORY_SCHEMA).json(_under(previous, "history")).collect()
    except AnalysisException:
        return []
    return sorted((row.asDict() for row in rows), key=lambda row: int(row["id"]))


def _statuses(findings: DataFrame) -> tuple[dict[tuple[str, int], str], list[Any]]:
    """The status of each current finding, by (page, position), and the fixed findings
    (path, rule id, text), from the compared findings table."""
    marks: dict[tuple[str, int], str] = {}
    fixed = []
    rows = findings.select("page", "position", "status", "path", "rule_id", "text")
    for row in rows.orderBy("page", "position").toLocalIterator():
        if row["status"] == "fixed":
            fixed.append(FixedFinding(row["path"], row["rule_id"], row["text"]))
        else:
            marks[row["page"], int(row["position"])] = row["status"]
    return marks, fixed


def _sweep(spark: SparkSession, args: argparse.Namespace, settings: _Settings) -> int:
    started = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    pages = read_inputs(spark, args.inputs, settings, args.partitions)
    pages = pages.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        findings = findings_of(pages)
        if args.previous:
            previous = spark.read.parquet(_under(args.previous, "findings"))
            findings = compare(previous, findings, pages=pages)
        if args.out:
            findings.write.mode("overwrite").parquet(_under(args.out, "findings"))
            pages.drop("finding_rows").write.mode("overwrite").parquet(_under(args.out, "pages"))
        counts = pages.agg(
            F.count(F.lit(1)).alias("pages"),
            F.coalesce(F.sum("findings"), F.lit(0)).alias("findings"),
            F.count("not_scanned").alias("not_scanned"),
            F.sum(F.when(F.size("errors") > 0, 1).otherwise(0)).alias("with_errors"),
        ).first()
        assert counts is not None
        levels = {
            row["severity"]: row["n"]
            for row in findings_of(pages).groupBy("severity").agg(F.count("*").alias("n")).collect()
        }
        statuses: dict[str, int] = {}
        if args.previous:
            statuses = {
                row["status"]: row["n"]
                for row in findings.groupBy("status").agg(F.count("*").alias("n")).collect()
            }
        line = (
            f"{counts['pages']} page(s), {counts['findings']} finding(s): "
            f"{levels.get('serious', 0)} serious, {levels.get('improper', 0)} improper, "
            f"{levels.get('notice', 0)} notice"
        )
        if args.previous:
            line += (
                f"; {statuses.get('new', 0)} new, {statuses.get('open', 0)} open, "
                f"{statuses.get('fixed', 0)} fixed since {args.previous}"
            )
        if counts["not_scanned"]:
            line += f"; {counts['not_scanned']} not scanned"
        if counts["with_errors"]:
            line += f"; {counts['with_errors']} page(s) with errors"
        print(f"wording-guard: {line}", file=sys.stderr)
        history = _history(spark, args.previous)
        history.append(
            {
                "id": (int(history[-1]["id"]) + 1) if history else 1,
                "started": started,
                "pages": int(counts["pages"]),
                "rescanned": int(counts["pages"]),
                "findings": int(counts["findings"]),
                **{level: int(levels.get(level, 0)) for level in ("serious", "improper", "notice")},
                "new": int(statuses.get("new", 0) if args.previous else counts["findings"]),
                "fixed": int(statuses.get("fixed", 0)),
                "not_scanned": int(counts["not_scanned"]),
            }
        )
        if args.out:
            table = spark.createDataFrame(history, _HISTORY_SCHEMA)
            table.coalesce(1).write.mode("overwrite").json(_under(args.out, "history"))
        if args.report:
            from .report import write_html_report

            marks = _statuses(findings) if args.previous else None
            results, coverage, sweep = report_inputs(pages, marks, args.previous, history)
            write_html_report(
                results,
                args.report,
                reveal_pii=settings.reveal_pii,
                coverage=coverage,
                sweep=sweep,
            )
            print(f"wording-guard: report written to {args.report}", file=sys.stderr)
    finally:
        pages.unpersist()
    if counts["not_scanned"] or counts["with_errors"]:
        return EXIT_ERROR
    if args.fail_on != "never":
        threshold = Severity(args.fail_on)
        if any(levels.get(s.value, 0) for s in Severity if s >= threshold):
            return EXIT_FOUND
    return EXIT_OK


def _under(folder: str, name: str) -> str:
    """A table's path in an output folder, which may be a URL (``hdfs:///sweeps/06``: no
    ``Path``, which would fold its slashes)."""
    return f"{folder.rstrip('/')}/{name}"


def report_inputs(
    pages: DataFrame,
    compared: tuple[dict[tuple[str, int], str], list[Any]] | None = None,
    previous: str | None = None,
    history: Sequence[dict[str, Any]] = (),
) -> tuple[list[FileResult], Coverage, SweepSummary | None]:
    """The results and coverage of the HTML report, from the records of the pages with
    findings or problems (brought to the driver in id order, one partition at a time), and,
    when the sweep was ``compared`` (:func:`_statuses`) with the ``previous`` one, what
    changed, with the ``history`` of the sweeps for the trend chart."""
    notable = pages.where(
        (F.col("findings") > 0) | F.col("not_scanned").isNotNull() | (F.size("errors") > 0)
    )
    results: list[FileResult] = []
    statuses: list[list[str]] = []
    coverage = Coverage()
    marks = compared[0] if compared is not None else {}
    for row in notable.select("id", "record").orderBy("id").toLocalIterator():
        outcome = records.outcome_from_record(json.loads(row["record"]))
        position = 0  # as finding_rows numbers them: across the page's results
        for result in outcome.results:
            if not result.findings:
                continue
            results.append(result)
            statuses.append(
                [marks.get((row["id"], position + j), "new") for j in range(len(result.findings))]
            )
            position += len(result.findings)
        coverage.errors.extend(outcome.errors)
        if outcome.not_scanned is not None:
            coverage.not_scanned.append(outcome.not_scanned)
    if compared is None:
        return results, coverage, None
    this = history[-1] if history else {}
    sweep = SweepSummary(
        sweep=int(this.get("id", 0)),
        previous=int(history[-2]["id"]) if len(history) > 1 else None,
        pages=int(this.get("pages", 0)),
        rescanned=int(this.get("rescanned", 0)),
        new=sum(s.count("new") for s in statuses),
        open=sum(s.count("open") for s in statuses),
        fixed=compared[1],
        statuses=statuses,
        not_swept=0,
        history=list(history),
        compared_with=previous,
    )
    return results, coverage, sweep


__all__ = [
    "FINDINGS_SCHEMA",
    "PAGES_SCHEMA",
    "compare",
    "findings_of",
    "main",
    "read_json_pages",
    "report_inputs",
    "scan_archives",
    "scan_pages",
    "scan_pages_outcomes",
]

if __name__ == "__main__":
    raise SystemExit(main())
