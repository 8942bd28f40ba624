"""A page's own date (issue #12): meta tags and the document's date lines, used when a
sweep is given no date."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from sweep_pages import write_warc
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


def test_pages_and_attachments_of_a_web_archive(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    import io

    import docx

    report = docx.Document()
    report.add_paragraph("要认真学习党的２０大精神。")
    buffer = io.BytesIO()
    report.save(buffer)
    gbk_page = f"<html><body><p>{OLD_WORDING}</p></body></html>".encode("gbk")
    archive = tmp_path / "crawl.warc.gz"
    write_warc(
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


# -- 文不对题: the page's title against the document's title line --------------------------

HEADING = "关于做好2024年春季森林防火工作的通知"
OTHER = "关于开展城镇燃气安全专项整治的实施意见"


def _titled_page(
    heading: str | None = HEADING,
    article_title: str | None = HEADING,
    title: str | None = None,
    before: str = "",
    heading_html: str | None = None,
) -> str:
    head = "<head><meta charset='utf-8'>"
    if title is not None:
        head += f"<title>{title}</title>"
    head += "<meta name='SiteName' content='某市人民政府'>"
    if article_title is not None:
        head += f'<meta name="ArticleTitle" content="{article_title}">'
    body = (
        "<body><div class='logo'><h1><a href='/'><img alt='某市人民政府' src='l.png'></a></h1>"
        "</div><ul><li><a href='/'>首页</a></li><li><a href='/a'>政务公开</a></li>"
        "<li><a href='/b'>政府信息公开指南</a></li></ul>"
        "<div>当前位置：<a href='/'>首页</a> &gt; <a href='/a'>政务公开</a> &gt; 通知公告</div>"
        + before
    )
    if heading_html is not None:
        body += heading_html
    elif heading is not None:
        body += f"<h2>{heading}</h2>"
    body += (
        "<div>发布时间：2024-03-05　来源：市林业局　字号：[ 大 中 小 ]</div>"
        "<p>各区县人民政府，市政府各部门：</p><p>当前已进入春季森林防火紧要期，现就有关工作通知如下。</p>"
        "<div>上一篇：<a href='/p'>关于公布2023年度全市政务公开考核结果的通报</a></div></body>"
    )
    return f"<html>{head}</head>{body}</html>"


def _mismatch(page: str):  # type: ignore[no-untyped-def]
    from wording_guard.htmltext import extract
    from wording_guard.pages import title_finding

    return title_finding(page, extract(page), rules=_rules())


def _rules():  # type: ignore[no-untyped-def]
    from wording_guard.scanner import default_scanner

    return default_scanner().title_rules


def test_a_page_whose_title_is_another_documents_is_flagged() -> None:
    page = _titled_page(article_title=OTHER)
    found = _mismatch(page)
    assert found is not None
    assert found.rule_id == "page.title_mismatch"
    assert (found.category.value, found.severity.value) == ("improper_wording", "improper")
    assert found.text == HEADING and found.suggestions == (HEADING,)
    assert page[found.source_start : found.source_end] == HEADING
    assert found.message == f"页面标题“{OTHER}”与正文标题“{HEADING}”不一致（文不对题）"


def test_the_title_element_stands_in_for_a_missing_article_title() -> None:
    assert _mismatch(_titled_page(article_title=None, title=f"{OTHER}_某市人民政府")) is not None
    assert _mismatch(_titled_page(article_title=None, title=f"{HEADING}_某市人民政府")) is None


@pytest.mark.parametrize(
    "title",
    [
        HEADING,
        f"{HEADING}_某市人民政府",
        f"某市人民政府 - {HEADING}",
        f"{HEADING} | 通知公告 | 某市人民政府门户网站",
        "关于做好2024年春季森林防火…",  # cut by the CMS
        "关于做好2024年春季森林防火...",
        "关于做好２０２４年春季森林防火工作的通知",  # full width
        "关于 做好2024年 春季森林防火工作 的通知",
        "關於做好2024年春季森林防火工作的通知",  # traditional
        "《关于做好2024年春季森林防火工作的通知》",
        "某市人民政府关于做好2024年春季森林防火工作的通知",  # the issuer before it
        "做好2024年春季森林防火工作",
        "关于做好2024年春季森林防火工作的通知",
    ],
)
def test_a_title_that_agrees_after_normalising_is_not_flagged(title: str) -> None:
    from wording_guard.scanner import default_scanner

    fold = default_scanner().normalizer.fold
    from wording_guard.htmltext import extract
    from wording_guard.pages import title_mismatch

    for page in (_titled_page(article_title=title), _titled_page(article_title=None, title=title)):
        assert title_mismatch(page, extract(page), fold=fold, rules=_rules()) is None, page


def test_quotes_and_entities_in_the_article_title() -> None:
    heading = "关于印发《某市“十四五”森林防火规划》的通知"
    for given in (
        "关于印发&lt;某市&quot;十四五&quot;森林防火规划&gt;的通知",
        "关于印发&#12298;某市&ldquo;十四五&rdquo;森林防火规划&#12299;的通知",
        "关于印发某市十四五森林防火规划的通知",
    ):
        assert _mismatch(_titled_page(heading, given)) is None
    assert (
        _mismatch(_titled_page(heading, "关于印发&lt;某市燃气安全专项整治方案&gt;的通知"))
        is not None
    )


def test_a_title_wrapped_onto_two_lines() -> None:
    wrapped = "<h1>关于做好2024年春季<br>森林防火工作的通知</h1>"
    assert _mismatch(_titled_page(article_title=HEADING, heading_html=wrapped)) is None
    found = _mismatch(_titled_page(article_title=OTHER, heading_html=wrapped))
    assert found is not None and found.text == "关于做好2024年春季\n森林防火工作的通知"
    assert found.suggestions == (HEADING,)
    # without heading markup: two lines, the second ending as titles end
    lines = "<div class='title'><p>关于做好2024年春季</p><p>森林防火工作的通知</p></div>"
    assert _mismatch(_titled_page(article_title=HEADING, heading_html=lines)) is None
    found = _mismatch(_titled_page(article_title=OTHER, heading_html=lines))
    assert found is not None and found.suggestions == (HEADING,)


def test_navigation_and_page_tools_before_the_heading() -> None:
    tools = (
        "<div>请输入关键字 搜索</div><div>无障碍 长者模式</div>"
        "<div>索引号：11370000/2024-00012</div><div>发文机关：某市人民政府</div>"
        "<div>首页 > 政务公开 > 通知公告 > 正文</div>"
    )
    plain = f"<div class='bt'>{HEADING}</div>"
    assert _mismatch(_titled_page(article_title=HEADING, before=tools, heading_html=plain)) is None
    found = _mismatch(_titled_page(article_title=OTHER, before=tools, heading_html=plain))
    assert found is not None and found.text == HEADING


def test_nothing_said_without_a_title_line_or_a_page_title() -> None:
    assert _mismatch(_titled_page(heading=None, article_title=OTHER)) is None
    assert _mismatch(_titled_page(article_title=None)) is None
    # links (menus, lists of other pages) are no page's own title
    links = "<ul><li><a href='/x'>关于开展城镇燃气安全专项整治的通知</a></li></ul>"
    assert _mismatch(_titled_page(heading=None, article_title=HEADING, before=links)) is None
    # a title that is the site's or the column's name only, or too short to judge
    assert _mismatch(_titled_page(article_title="某市人民政府")) is None
    assert _mismatch(_titled_page(article_title="通知")) is None


def test_titles_disagree_and_the_title_line() -> None:
    from wording_guard.pages import BodyTitle, body_title, titles_disagree
    from wording_guard.source import SourceText

    rules = _rules()
    assert titles_disagree(OTHER, HEADING, rules=rules)
    # the same issuer and kind: what differs is what stands between 关于 and 的通知
    assert titles_disagree(
        "国务院办公厅关于成立全国服务业发展领导小组的通知",
        "国务院办公厅关于加强政府网站域名管理的通知",
        rules=rules,
    )
    assert not titles_disagree(
        "国务院办公厅关于加强政府网站域名管理工作的通知",
        "国务院办公厅关于加强政府网站域名管理的通知",
        rules=rules,
    )
    assert not titles_disagree("通知", HEADING, rules=rules)  # too short to judge
    text = f"首页 > 通知公告\n{HEADING}\n发布时间：2024-03-05\n正文。"
    assert body_title(SourceText.plain(text), rules=rules) == BodyTitle(
        10, 10 + len(HEADING), HEADING
    )
    assert (
        body_title(SourceText.plain(f"{HEADING}\n正文。"), rules=rules) is None
    )  # no date or source under it


def test_the_title_words_are_data_a_user_directory_adds_to(tmp_path: Path) -> None:
    from wording_guard.context import ContextWords
    from wording_guard.lexicon.paths import shipped_lexicon_dir
    from wording_guard.pages import TitleRules, title_kind

    (tmp_path / "_context").mkdir()
    (tmp_path / "_context" / "title_kinds.txt").write_text("# more kinds\n倡议书\n", "utf-8")
    (tmp_path / "_context" / "page_chrome_words.txt").write_text("智能问答\n", "utf-8")
    words = ContextWords.load([shipped_lexicon_dir(), tmp_path], _rules_fold())
    assert words.title_kinds[-1] == "倡议书" and "通知" in words.title_kinds
    assert "繁體" in words.page_chrome_words  # as written: the page's text is not folded
    rules = TitleRules.from_words(words)
    assert title_kind("关于文明祭扫的倡议书", rules=rules) == "倡议书"
    assert title_kind("关于文明祭扫的倡议书", rules=_rules()) is None
    assert title_kind("关于做好防汛工作的复函", rules=rules) == "复函"  # the longest kind
    assert rules.chrome.sub("", "智能问答 搜索 繁體") == "  "
    # without words no pattern matches anything (an empty alternation would match all)
    empty = TitleRules.from_words(ContextWords())
    assert title_kind(HEADING, rules=empty) is None
    assert not empty.navigation.search("当前位置：首页") and not empty.label.search("打印")
    assert empty.label.search("发布时间：2024-03-05")  # a label before a colon is syntax


def _rules_fold():  # type: ignore[no-untyped-def]
    from wording_guard.scanner import default_scanner

    return default_scanner().normalizer.fold


def test_check_text_adds_the_finding_in_order_and_disable_drops_it(scanner) -> None:  # type: ignore[no-untyped-def]
    from wording_guard.batch import check_text
    from wording_guard.scanner import Scanner

    page = _titled_page(article_title=OTHER).replace("现就有关工作", "现就有关工作布署")
    [result] = check_text("p.html", page, scanner, None, html=True).results
    assert next(f.rule_id for f in result.findings) == "page.title_mismatch"
    assert [(f.start, f.end) for f in result.findings] == sorted(
        (f.start, f.end) for f in result.findings
    )
    assert "typo" in {f.category.value for f in result.findings}
    quiet = Scanner(disable=["page.title_mismatch"])
    [result] = check_text("p.html", page, quiet, None, html=True).results
    assert "page.title_mismatch" not in [f.rule_id for f in result.findings]
    assert result.findings  # the others stay
    # plain text pages have no page title
    [result] = check_text("p.txt", HEADING + "\n正文。", scanner, None).results
    assert not result.findings


def test_cli_reports_and_disables_the_title_check(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "p.html"
    page.write_text(_titled_page(article_title=OTHER), encoding="utf-8")
    assert (
        main(["scan", str(page), "--format", "json", "--no-config", "--fail-on", "improper"]) == 1
    )
    [entry] = json.loads(capsys.readouterr().out)["files"]
    assert [f["rule_id"] for f in entry["findings"]] == ["page.title_mismatch"]
    argv = [
        "scan",
        str(page),
        "--format",
        "json",
        "--no-config",
        "--disable",
        "page.title_mismatch",
    ]
    assert main(argv) == 0
    assert json.loads(capsys.readouterr().out)["files"][0]["findings"] == []


def test_explain_the_title_check(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["explain", "page.title_mismatch", "--no-config"]) == 0
    assert "文不对题" in capsys.readouterr().out
