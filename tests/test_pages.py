"""A page's own date (issue #12): meta tags and the document's date lines, used when a
sweep is given no date."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from wording_guard.cli import main
from wording_guard.pages import PageDate, meta_tags, page_date

# correct wording until the 19th Party Congress; flagged as outdated in a text of today
OLD_WORDING = "坚决维护以习近平同志为总书记的党中央权威。"


def test_meta_tags_whatever_their_case_order_and_quotes() -> None:
    page = (
        '<head><META content="2015-03-02 10:11" NAME="pubdate">'
        "<meta name='SiteName' content='某市人民政府'>"
        '<meta name=ColumnName content="通知公告&amp;公示"><meta name="keywords" content="x">'
        '<meta name="PubDate" content="2020-01-01"></head>'
    )
    assert meta_tags(page) == {
        "PubDate": "2015-03-02 10:11",
        "SiteName": "某市人民政府",
        "ColumnName": "通知公告&公示",
    }


@pytest.mark.parametrize(
    ("text", "meta", "expected"),
    [
        ("", {"PubDate": "2015-03-02 10:11:00"}, PageDate(dt.date(2015, 3, 2), "meta PubDate")),
        ("", {"PubDate": "2015年3月2日"}, PageDate(dt.date(2015, 3, 2), "meta PubDate")),
        (
            "通知\n成文日期：２０１６年５月３日\n正文",
            {},
            PageDate(dt.date(2016, 5, 3), "成文日期 line 2"),
        ),
        (
            "通知\n发布时间: 2016-05-03\n",
            {"PubDate": "not a date"},
            PageDate(dt.date(2016, 5, 3), "发布时间 line 2"),
        ),
        (
            "正文2013年1月1日起施行。\n某某市人民政府\n　2014年12月1日\n",
            {},
            PageDate(dt.date(2014, 12, 1), "date line 3"),
        ),
        ("正文2013年1月1日起施行。", {}, None),  # a date inside a sentence is no page date
        ("成文日期：2016年2月30日", {}, None),  # no such day
    ],
)
def test_page_date(text: str, meta: dict[str, str], expected: PageDate | None) -> None:
    assert page_date(text, meta) == expected


def _page(pub_date: str) -> str:
    return (
        f'<html><head><meta name="PubDate" content="{pub_date}"><title>要闻</title></head>'
        f"<body><p>{OLD_WORDING}</p></body></html>"
    )


def test_a_sweep_judges_each_page_by_its_own_date(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "old.html").write_text(_page("2015-06-01 09:00"), encoding="utf-8")
    (tmp_path / "new.html").write_text(_page("2024-06-01 09:00"), encoding="utf-8")
    (tmp_path / "dated.txt").write_text(f"{OLD_WORDING}\n\n2016年3月1日\n", encoding="utf-8")
    assert main(["scan", str(tmp_path), "--format", "json", "--no-config"]) == 1
    files = {Path(f["path"]).name: f for f in json.loads(capsys.readouterr().out)["files"]}
    assert files["old.html"]["findings"] == []
    assert files["old.html"]["date"] == {"date": "2015-06-01", "source": "meta PubDate"}
    assert files["dated.txt"]["findings"] == []
    assert files["dated.txt"]["date"] == {"date": "2016-03-01", "source": "date line 3"}
    assert [f["rule_id"] for f in files["new.html"]["findings"]] == ["political_phrase.party"]
    # a date given on the command line is the date of every page
    assert main(["scan", str(tmp_path), "--format", "json", "--date", "2024-01-01"]) == 1
    files = {Path(f["path"]).name: f for f in json.loads(capsys.readouterr().out)["files"]}
    assert all(f["date"] == {"date": "2024-01-01", "source": "given"} for f in files.values())
    assert len(files["old.html"]["findings"]) == 1


def test_pages_from_json_lines(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    import gzip

    lines = [
        {"url": "http://a.gov.cn/1.html", "html": _page("2015-06-01")},
        {"url": "http://a.gov.cn/2.html", "html": _page("2024-06-01")},
        {"id": 3, "text": "扫黑险恶专项斗争", "date": "2019-01-01"},
        {"url": "http://a.gov.cn/4.html", "text": OLD_WORDING, "date": "2015-01-01"},
        "not a page",
        {"url": "http://a.gov.cn/6.html"},
        {"url": "http://a.gov.cn/7.html", "text": "x\ud800"},
    ]
    body = "\n".join(json.dumps(line, ensure_ascii=True) for line in lines) + "\n{broken\n"
    crawl = tmp_path / "crawl.jsonl.gz"
    crawl.write_bytes(gzip.compress(body.encode()))
    assert main(["scan", "--pages", str(crawl), "--format", "json", "--no-config"]) == 2
    doc = json.loads(capsys.readouterr().out)
    found = {f["path"]: [g["rule_id"] for g in f["findings"]] for f in doc["files"]}
    assert found == {
        "http://a.gov.cn/1.html": [],  # its PubDate is 2015
        "http://a.gov.cn/2.html": ["political_phrase.party"],
        "3": ["political_phrase.party"],
        "http://a.gov.cn/4.html": [],  # its date field is 2015
    }
    assert [(e["line"], e["message"].split(":")[0]) for e in doc["errors"]] == [
        (5, "not a page"),
        (6, "not a page"),
        (8, "not a page"),
    ]
    [refused] = doc["not_scanned"]
    assert refused["path"] == "http://a.gov.cn/7.html" and "lone surrogate" in refused["reason"]


def _warc(path: Path, responses: list[tuple[str, int, str, bytes]]) -> None:
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=path.suffix == ".gz")
        for url, status, kind, body in responses:
            headers = StatusAndHeaders(f"{status} X", [("Content-Type", kind)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=BytesIO(body), http_headers=headers
            )
            writer.write_record(record)


def test_pages_and_attachments_of_a_web_archive(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    import io

    import docx

    report = docx.Document()
    report.add_paragraph("要认真学习党的２０大精神。")
    buffer = io.BytesIO()
    report.save(buffer)
    gbk_page = f"<html><body><p>{OLD_WORDING}</p></body></html>".encode("gbk")
    archive = tmp_path / "crawl.warc.gz"
    _warc(
        archive,
        [
            ("http://a.gov.cn/old.html", 200, "text/html", _page("2015-06-01").encode()),
            ("http://a.gov.cn/gbk.html", 200, "text/html; charset=gbk", gbk_page),
            ("http://a.gov.cn/moved", 301, "text/html", b""),
            ("http://a.gov.cn/logo.png", 200, "image/png", b"\x89PNG"),
            ("http://a.gov.cn/gone.html", 404, "text/html", b"not found"),
            (
                "http://a.gov.cn/f.docx?id=1",
                200,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                buffer.getvalue(),
            ),
        ],
    )
    assert main(["scan", "--pages", str(archive), "--format", "json", "--no-config"]) == 2
    doc = json.loads(capsys.readouterr().out)
    found = {f["path"]: [g["rule_id"] for g in f["findings"]] for f in doc["files"]}
    assert found == {
        "http://a.gov.cn/old.html": [],  # judged by its own PubDate, 2015
        "http://a.gov.cn/gbk.html": ["political_phrase.party"],  # no date of its own
        "http://a.gov.cn/f.docx?id=1#paragraph=1": ["meeting_name.numerals"],
    }
    assert doc["not_scanned"] == [
        {"path": "http://a.gov.cn/gone.html", "reason": "HTTP status 404"}
    ]
    # an archive cut short is named, never read as an empty one
    damaged = tmp_path / "damaged.warc.gz"
    whole = archive.read_bytes()
    for cut in (100, 300, len(whole) // 3, len(whole) - 20):
        damaged.write_bytes(whole[:cut])
        assert main(["scan", "--pages", str(damaged), "--format", "json", "--no-config"]) == 2
        refused = json.loads(capsys.readouterr().out)["not_scanned"]
        assert any("truncated" in r["reason"] or "cut short" in r["reason"] for r in refused), (
            cut,
            refused,
        )


def test_site_and_column_from_meta_tags_or_as_given(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    page = (
        '<html><head><meta name="SiteName" content="某市人民政府">'
        '<meta name="ColumnName" content="通知公告"></head><body>党的２０大</body></html>'
    )
    lines = [
        {"url": "u1", "html": page},
        {"url": "u2", "html": page, "site": "某县人民政府", "column": "政策解读"},
        {"url": "u3", "text": "党的２０大"},
    ]
    crawl = tmp_path / "crawl.jsonl"
    crawl.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    assert main(["scan", "--pages", str(crawl), "--format", "json", "--no-config"]) == 1
    files = json.loads(capsys.readouterr().out)["files"]
    assert [(f["path"], f.get("site"), f.get("column")) for f in files] == [
        ("u1", "某市人民政府", "通知公告"),
        ("u2", "某县人民政府", "政策解读"),
        ("u3", None, None),
    ]


def test_the_report_groups_pages_by_site_and_column(scanner) -> None:  # type: ignore[no-untyped-def]
    from wording_guard.report import render_html_report
    from wording_guard.results import FileResult

    found = scanner.scan("党的２０大")
    results = [
        FileResult("http://a.gov.cn/1.html", "党的２０大", found, site="某市", column="要闻"),
        FileResult("http://a.gov.cn/2.html", "党的２０大", found, site="某市"),
        FileResult("local/3.txt", "党的２０大", found),
    ]
    page = render_html_report(results)
    assert "📁 某市 › 要闻" in page and "📁 某市<" in page and "📁 local" in page
