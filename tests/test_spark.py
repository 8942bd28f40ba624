"""Sweeps on Apache Spark (wording_guard.spark): the same findings as the CLI's, pages that
cannot be checked reported, dates respected, new/open/fixed against the previous findings
table, and the command line over Parquet, JSON Lines and web archives. One local[2]
session serves the module."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from pyspark.sql import DataFrame, SparkSession

from sweep_pages import corpus_pages, write_pages, write_warc
from wording_guard import spark as ws
from wording_guard.cli import main as cli_main

PAGES = 2000
# correct wording until the 19th Party Congress; flagged as outdated in a text of today
OLD_WORDING = "坚决维护以习近平同志为总书记的党中央权威。"
FINDING_FIELDS = [
    "path",
    "rule_id",
    "category",
    "severity",
    "start",
    "end",
    "text",
    "message",
    "suggestions",
    "line",
    "column",
    "source_start",
    "source_end",
]


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    session = (
        SparkSession.builder.master("local[2]")
        .appName("wording-guard tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        # the JVM's quick compiler only: a test session starts in a third of the time
        .config("spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
        .config("spark.pyspark.python", sys.executable)
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def run_cli(capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = cli_main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def jsonl(rows: list[dict]) -> str:  # type: ignore[type-arg]
    """Findings rows as ``scan --format jsonl`` prints them."""
    lines = [json.dumps({k: row[k] for k in FINDING_FIELDS}, ensure_ascii=False) for row in rows]
    return "".join(line + "\n" for line in lines)


def walk_order(row: dict) -> tuple[list[str], int]:  # type: ignore[type-arg]
    """The CLI walks folders depth first, entries in name order: ids compared by their
    parts, then the finding's place in its page."""
    return row["page"].split("/"), row["position"]


def test_same_pages_give_byte_identical_findings_in_one_process_two_workers_and_spark(  # type: ignore[no-untyped-def]
    capsys, spark: SparkSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = corpus_pages(PAGES)
    root = tmp_path / "site"
    write_pages(root, pages)
    monkeypatch.chdir(root)
    outputs = {}
    for jobs in ("1", "2"):
        code, out, err = run_cli(capsys, "scan", ".", "-j", jobs, "--format", "jsonl", "-q")
        assert code == 1, err
        outputs[jobs] = out
    frame = spark.createDataFrame(
        [(p.id, (root / p.id).read_text("utf-8")) for p in pages], "id string, html string"
    ).repartition(8)
    rows = [r.asDict(recursive=True) for r in ws.scan_pages(frame).collect()]
    outputs["spark"] = jsonl(sorted(rows, key=walk_order))
    assert outputs["1"].count("\n") > 30
    assert outputs["1"] == outputs["2"] == outputs["spark"]
    # pages judged by their own date, site and column from their meta tags
    by_id = {p.id: p for p in pages}
    for row in rows:
        page = by_id[row["page"]]
        assert (row["site"], row["site_column"]) == (page.site, page.column)
        assert (row["page_date"].isoformat(), row["page_date_source"]) == (
            page.date,
            "meta PubDate",
        )


def pages_frame(spark: SparkSession, rows: list[tuple], schema: str) -> DataFrame:  # type: ignore[type-arg]
    return spark.createDataFrame(rows, schema)


def outcomes(frame: DataFrame, **options) -> dict[str, dict]:  # type: ignore[no-untyped-def,type-arg]
    return {
        r["id"]: r.asDict(recursive=True)
        for r in ws.scan_pages_outcomes(frame, **options).collect()
    }


def test_text_and_html_rows(spark: SparkSession) -> None:
    sentence = "要认真布署今年的工作，电话13800138000。"
    frame = pages_frame(
        spark,
        [
            ("plain", sentence, None),
            ("page", "不看这段", f"<html><body><p>{sentence}</p></body></html>"),
        ],
        "id string, text string, html string",
    )
    found = outcomes(frame)
    plain, page = found["plain"]["finding_rows"], found["page"]["finding_rows"]
    assert [(f["rule_id"], f["text"]) for f in plain] == [(f["rule_id"], f["text"]) for f in page]
    assert {f["rule_id"] for f in plain} == {"typo.official_terms", "privacy.mobile"}
    assert all(f["source_start"] is None for f in plain)
    assert all(f["source_start"] > f["start"] for f in page)  # offsets into the HTML too
    # personal numbers masked as the CLI masks them, unless asked
    assert "13800138000" not in json.dumps(plain, ensure_ascii=False)
    shown = outcomes(frame, reveal_pii=True)["plain"]["finding_rows"]
    assert "13800138000" in json.dumps(shown, ensure_ascii=False)
    # the record of the outcome, for the driver's report
    record = json.loads(found["page"]["record"])
    assert record["path"] == "page" and record["not_scanned"] is None


def test_pages_that_cannot_be_checked_are_reported_not_dropped(
    spark: SparkSession, tmp_path: Path
) -> None:
    # a string column with bytes that are not UTF-8, as a careless export writes it
    ids = pa.array(["good", "no text", "bad date", "bad bytes", None])
    data = b"".join([b"\xe5\xb8\x83\xe7\xbd\xb2", b"ok", b"\xff\xfe"])
    offsets = pa.array([0, 6, 6, 8, 10, 10], pa.int32())
    # validity bits, the first row's lowest: "no text" and the unnamed row are null
    validity = pa.py_buffer(bytes([0b01101]))
    texts = pa.Array.from_buffers(
        pa.string(), 5, [validity, offsets.buffers()[1], pa.py_buffer(data)]
    )
    dates = pa.array([None, None, "2015-13-01", None, None])
    path = tmp_path / "pages.parquet"
    pq.write_table(pa.table({"id": ids, "text": texts, "date": dates}), path)
    found = {r["id"]: r for r in ws.scan_pages_outcomes(spark.read.parquet(str(path))).collect()}
    assert len(found) == 5
    assert found["good"]["not_scanned"] is None and found["good"]["findings"] == 1
    assert found["no text"]["not_scanned"] == "no text or html"
    assert found["bad date"]["not_scanned"] == "\"date\" is not YYYY-MM-DD: '2015-13-01'"
    assert found["bad bytes"]["not_scanned"] == "not valid UTF-8 (bad byte at offset 0)"
    assert found[None]["not_scanned"] == "no id"
    assert all(r["findings"] == 0 for k, r in found.items() if k != "good")


def test_date_column_and_the_pages_own_date(spark: SparkSession) -> None:
    dated = f'<html><head><meta name="PubDate" content="2015-06-01"></head><p>{OLD_WORDING}</p>'
    frame = pages_frame(
        spark,
        [
            ("judged today", OLD_WORDING, None, None),
            ("2015 by its column", OLD_WORDING, None, dt.date(2015, 6, 1)),
            ("2015 by its meta tag", None, dated, None),
        ],
        "id string, text string, html string, date date",
    )
    found = outcomes(frame)
    assert found["judged today"]["findings"] == 1
    assert found["judged today"]["page_date"] is None
    assert found["2015 by its column"]["findings"] == 0
    assert found["2015 by its column"]["page_date_source"] == "date column"
    assert found["2015 by its meta tag"]["findings"] == 0
    assert (
        found["2015 by its meta tag"]["page_date"],
        found["2015 by its meta tag"]["page_date_source"],
    ) == (dt.date(2015, 6, 1), "meta PubDate")
    # a date string works as a date column; the date option overrides both
    strings = pages_frame(
        spark, [("p", OLD_WORDING, "2015-06-01")], "id string, text string, date string"
    )
    assert outcomes(strings)["p"]["findings"] == 0
    forced = outcomes(strings, date="2024-01-01")["p"]
    assert (forced["findings"], forced["page_date_source"]) == (1, "date option")


def test_compare_new_open_fixed(spark: SparkSession) -> None:
    twice = "要认真布署今年的工作。还要布署明年的工作。"
    schema = "id string, text string"
    before = pages_frame(
        spark,
        [("a", twice), ("b", "台湾总统"), ("c", "台湾总统"), ("d", "要认真布署。")],
        schema,
    )
    now = pages_frame(
        spark,
        [("a", "要认真布署今年的工作。"), ("b", "台湾地区领导人。要认真布署。"), ("d", None)],
        schema,
    )
    previous = ws.scan_pages(before)
    pages = ws.scan_pages_outcomes(now)
    compared = ws.compare(previous, ws.findings_of(pages), pages=pages)
    got = sorted((r["path"], r["rule_id"], r["text"], r["status"]) for r in compared.collect())
    assert got == [
        ("a", "typo.official_terms", "布署", "fixed"),  # one of the two is gone
        ("a", "typo.official_terms", "布署", "open"),
        ("b", "country_region.taiwan_statehood", "台湾总统", "fixed"),
        ("b", "typo.official_terms", "布署", "new"),
        # c: not in this sweep; d: not scanned this time: neither is compared
    ]
    # a compared table is a previous table too: its fixed rows are left out
    again = ws.compare(compared, ws.findings_of(pages), pages=pages)
    assert sorted((r["path"], r["status"]) for r in again.collect()) == [
        ("a", "open"),
        ("b", "open"),
    ]


def test_command_line_parquet_and_json_lines_with_out_report_and_previous(  # type: ignore[no-untyped-def]
    capsys, spark: SparkSession, tmp_path: Path
) -> None:
    pages = corpus_pages(300)
    table = tmp_path / "pages.parquet"
    pq.write_table(
        pa.table(
            {
                "id": [p.id for p in pages[:100]],
                "html": [p.html for p in pages[:100]],
                "date": [dt.date.fromisoformat(p.date) for p in pages[:100]],
            }
        ),
        table,
    )
    lines = tmp_path / "pages.jsonl"
    with lines.open("w", encoding="utf-8") as out:
        for p in pages[100:]:
            out.write(json.dumps({"url": p.id, "html": p.html, "site": "某站"}) + "\n")
        out.write("not json\n")
    out_dir, report = tmp_path / "out", tmp_path / "report.html"
    code = ws.main([str(table), str(lines), "--out", str(out_dir), "--report", str(report)])
    err = capsys.readouterr().err
    assert code == 2, err  # the line that is no page
    assert "301 page(s)" in err and "1 not scanned" in err
    swept = {r["id"]: r for r in spark.read.parquet(str(out_dir / "pages")).collect()}
    assert (
        len(swept) == 301
        and "finding_rows" not in spark.read.parquet(str(out_dir / "pages")).columns
    )
    assert [r["not_scanned"] for r in swept.values() if r["not_scanned"]] == ["no text or html"]
    assert swept[pages[150].id]["site"] == "某站"
    findings = spark.read.parquet(str(out_dir / "findings"))
    assert findings.columns[:13] == FINDING_FIELDS
    assert findings.count() == sum(r["findings"] for r in swept.values()) > 0
    html = report.read_text("utf-8")
    assert "138****8000" in html and "13800138000" not in html
    assert "no text or html" in html  # the coverage: pages not scanned

    # the page with an injected phone number (sweep_pages.INJECTED) fixed; the other pages
    # of the JSON Lines file are not in this sweep: their findings are not compared
    [fixed] = [p for p in pages if "13800138000" in p.html]
    lines.write_text(
        json.dumps({"url": fixed.id, "html": fixed.html.replace("13800138000", "")}) + "\n",
        encoding="utf-8",
    )
    code = cli_main(
        [
            "sweep",
            "--engine",
            "spark",
            str(table),
            str(lines),
            "--previous",
            str(out_dir),
            "--out",
            str(tmp_path / "next"),
            "--report",
            str(report),
        ]
    )
    err = capsys.readouterr().err
    assert code == 1, err
    # the report shows what changed since the previous folder, and the trend of both sweeps
    html = report.read_text("utf-8")
    assert f"与 {out_dir} 相比" in html and "已修正的问题" in html and "138****8000" in html
    assert 'aria-label="历次检查趋势"' in html and "#1" in html and "#2" in html
    history = spark.read.json(str(tmp_path / "next" / "history")).orderBy("id").collect()
    assert [(h["id"], h["fixed"]) for h in history] == [(1, 0), (2, 1)]
    rows = spark.read.parquet(str(tmp_path / "next" / "findings")).collect()
    assert [(r["path"], r["rule_id"]) for r in rows if r["status"] == "fixed"] == [
        (fixed.id, "privacy.mobile")
    ]
    # the Parquet table's pages: the same findings, open
    assert {r["status"] for r in rows if r["page"] != fixed.id} == {"open"}
    assert sum(r["page"] != fixed.id for r in rows) == sum(
        r["findings"] for r in swept.values() if r["id"] in {p.id for p in pages[:100]}
    )


def test_web_archives(capsys, spark: SparkSession, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import docx

    document = docx.Document()
    document.add_paragraph("要认真学习党的２０大精神。")
    buffer = BytesIO()
    document.save(buffer)
    old = f'<html><head><meta name="PubDate" content="2015-06-01"></head><p>{OLD_WORDING}</p>'
    first, second = tmp_path / "a.warc.gz", tmp_path / "b.warc"
    write_warc(
        first,
        [
            ("http://a.gov.cn/old.html", 200, "text/html", old.encode()),
            ("http://a.gov.cn/new.html", 200, "text/html", f"<p>{OLD_WORDING}</p>".encode()),
            ("http://a.gov.cn/gone.html", 404, "text/html", b""),
        ],
    )
    write_warc(
        second,
        [
            (
                "http://b.gov.cn/report.docx",
                200,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                buffer.getvalue(),
            )
        ],
    )
    paths = spark.createDataFrame([(str(first),), (str(second),)], "path string")
    found = {r["id"]: r for r in ws.scan_archives(paths).collect()}
    assert set(found) == {
        "http://a.gov.cn/old.html",
        "http://a.gov.cn/new.html",
        "http://a.gov.cn/gone.html",
        "http://b.gov.cn/report.docx",
    }
    assert found["http://a.gov.cn/old.html"]["findings"] == 0
    assert found["http://a.gov.cn/new.html"]["findings"] == 1
    assert found["http://a.gov.cn/gone.html"]["not_scanned"] == "HTTP status 404"
    [unit] = found["http://b.gov.cn/report.docx"]["finding_rows"]
    assert unit["path"] == "http://b.gov.cn/report.docx#paragraph=1"

    # through the command line, with the report
    report = tmp_path / "report.html"
    code = ws.main([str(first), str(second), "--report", str(report)])
    err = capsys.readouterr().err
    assert code == 2 and "4 page(s), 2 finding(s)" in err, err
    html = report.read_text("utf-8")
    assert "report.docx" in html and "HTTP status 404" in html
