"""Government pages for sweep tests and benchmarks: the real texts of ``benchmarks/corpus``
(政府工作报告 and CPC congress reports, see its SOURCES.md) cut into pages of a paragraph or
two, each dressed as an HTML page with the meta tags of 《政府网站发展指引》 (SiteName,
SiteDomain, ColumnName, ArticleTitle, PubDate, ContentSource), spread over a few sites and
columns; each document is published by one site and reprinted (转载) by the next. Every
``INJECT_EVERY``-th page gets one sentence with a known error appended.

A page's PubDate is the date of its document: 5 March of a work report's year (the NPC
session; the exact day varies from year to year, which no rule depends on), the opening
day of a congress for its report.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "benchmarks" / "corpus"

CONGRESS_DATES = {
    14: ("十四", "1992-10-12"),
    19: ("十九", "2017-10-18"),
    20: ("二十", "2022-10-16"),
}
"""Numeral and opening day of the CPC national congresses whose reports are in the corpus."""

SITES = (
    ("某省人民政府", "www.example-province.gov.cn", "省政府文件"),
    ("某市人民政府", "www.example-city.gov.cn", "政策文件"),
    ("某县人民政府", "www.example-county.gov.cn", "通知公告"),
)

INJECT_EVERY = 97
INJECTED = (
    "会上，有关人士提及台湾总统的讲话。",
    "要认真布署今年的各项工作。",
    "请联系经办人，电话13800138000。",
    "要认真学习党的２０大精神。",
)
"""Sentences appended to every ``INJECT_EVERY``-th page, in turn: each is found by a rule."""


@dataclass(frozen=True)
class Page:
    id: str
    """Its path below the sweep's root (site domain/column/document/number.html)."""
    html: str
    site: str
    column: str
    date: str
    title: str


def _documents() -> list[tuple[str, str, str]]:
    """(name, title, date) of the corpus documents that have a known date."""
    docs = []
    for path in sorted(CORPUS.glob("*.txt")):
        name = path.stem
        if name.startswith("gwr_"):
            year = int(name[4:])
            docs.append((name, f"{year}年国务院政府工作报告", f"{year}-03-05"))
        elif name.startswith("cpc_congress_report_"):
            numeral, date = CONGRESS_DATES[int(name.rsplit("_", 1)[1])]
            docs.append((name, f"中国共产党第{numeral}次全国代表大会报告", date))
    return docs


def corpus_pages(count: int | None = None) -> list[Page]:
    """Pages from the corpus, in a fixed order (the first ``count`` of them)."""
    pages: list[Page] = []
    documents = _documents()
    placed = [(doc, SITES[d % len(SITES)]) for d, doc in enumerate(documents)]
    reprints = [(doc, SITES[(d + 1) % len(SITES)]) for d, doc in enumerate(documents)]
    for (name, title, date), (site, domain, column) in placed + [
        (doc, (site, domain, "转载")) for doc, (site, domain, _) in reprints
    ]:
        lines = [ln.strip() for ln in (CORPUS / f"{name}.txt").read_text("utf-8").splitlines()]
        paragraphs = [ln for ln in lines if ln]
        chunk: list[str] = []
        part = 0
        for paragraph in paragraphs:
            chunk.append(paragraph)
            if sum(len(c) for c in chunk) < 60:  # a short heading goes with what follows
                continue
            part += 1
            pages.append(_page(domain, column, site, name, title, date, part, chunk, len(pages)))
            chunk = []
            if count is not None and len(pages) >= count:
                return pages
        if chunk:
            part += 1
            pages.append(_page(domain, column, site, name, title, date, part, chunk, len(pages)))
    return pages if count is None else pages[:count]


def _page(
    domain: str,
    column: str,
    site: str,
    name: str,
    title: str,
    date: str,
    part: int,
    paragraphs: list[str],
    number: int,
) -> Page:
    body = list(paragraphs)
    if number % INJECT_EVERY == INJECT_EVERY - 1:
        body.append(INJECTED[(number // INJECT_EVERY) % len(INJECTED)])
    page_title = f"{title}（{part}）"
    meta = {
        "SiteName": site,
        "SiteDomain": domain,
        "ColumnName": column,
        "ArticleTitle": page_title,
        "PubDate": date,
        "ContentSource": "中国政府网",
    }
    head = "".join(
        f'<meta name="{k}" content="{html.escape(v, quote=True)}">' for k, v in meta.items()
    )
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in body)
    document = (
        f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">{head}'
        f"<title>{html.escape(page_title)}_{html.escape(site)}</title></head><body>"
        f'<div class="nav">首页 &gt; {html.escape(column)}</div>'
        f'<h1>{html.escape(page_title)}</h1><div class="content">{paras}</div></body></html>'
    )
    return Page(
        f"{domain}/{column}/{name}/{part:04d}.html", document, site, column, date, page_title
    )


def write_pages(root: Path, pages: list[Page]) -> list[Path]:
    """Each page as a file below ``root`` (its id as the path)."""
    paths = []
    for page in pages:
        path = root / page.id
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.html, encoding="utf-8")
        paths.append(path)
    return paths


def write_warc(path: Path, responses: list[tuple[str, int, str, bytes]]) -> None:
    """A web archive of HTTP responses (url, status, content type, body), gzipped when the
    name ends in .gz, as wget --warc-file writes one."""
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
