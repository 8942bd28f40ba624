"""What a page says about itself: its meta tags and its date.

Chinese government pages carry standard meta tags (《政府网站发展指引》, 国办发〔2017〕47号:
``SiteName``, ``SiteDomain``, ``SiteIDCode``, ``ColumnName``, ``ArticleTitle``, ``PubDate``,
``ContentSource``), and documents state their own dates (成文日期, 发布日期, the date line
under the signature). A sweep judges each page by its own date, so that a 2015 page using
the wording of 2015 is not flagged as outdated: :func:`page_date` finds it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import html
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from .context import ContextWords
from .dates import DATE, dates_in
from .models import Category, Finding, Severity
from .source import SourceText

META_NAMES = (
    "SiteName",
    "SiteDomain",
    "SiteIDCode",
    "ColumnName",
    "ArticleTitle",
    "PubDate",
    "ContentSource",
)
"""The meta tags of 《政府网站发展指引》 that :func:`meta_tags` reads."""

_META_TAG = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([a-zA-Z_:-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)""")
_CANONICAL = {name.lower(): name for name in META_NAMES}
# a date a document gives itself: after its label, or alone on a line (the date under the
# signature of an official document, 成文日期)
_LABELLED = re.compile(r"(?:成文日期|发布日期|发布时间|印发日期|日期)\s*[:：]?\s*")
_DATE_LINE = re.compile(rf"^[ \t\u3000]*(?:{DATE.pattern})[ \t\u3000]*$", re.MULTILINE)


@dataclass(frozen=True)
class PageDate:
    """The date a page is judged by, and where it was read (``meta PubDate``,
    ``发布日期 line 3``, ``date line 40``)."""

    date: dt.date
    source: str


def meta_tags(page: str) -> dict[str, str]:
    """The standard meta tags of an HTML page (``META_NAMES``; names matched whatever their
    case), the first of each, contents unescaped and stripped."""
    found: dict[str, str] = {}
    for tag in _META_TAG.finditer(page):
        attributes = {
            key.lower(): html.unescape(value.strip("\"'"))
            for key, value in _ATTRIBUTE.findall(tag.group(0))
        }
        name = _CANONICAL.get(attributes.get("name", "").strip().lower())
        if name is not None and name not in found and "content" in attributes:
            found[name] = attributes["content"].strip()
    return found


def page_date(text: str, meta: Mapping[str, str] | None = None) -> PageDate | None:
    """The page's date: its ``PubDate`` meta tag, else the first labelled date of its text
    (成文日期：2016年5月3日), else the last line that is only a date (the date under an
    official document's signature). None when it gives none."""
    published = (meta or {}).get("PubDate")
    if published:
        date = _first_date(published)
        if date is not None:
            return PageDate(date, "meta PubDate")
    text = text.translate(_FULL_WIDTH_DIGITS)  # same length: lines stay where they are
    for label in _LABELLED.finditer(text):
        m = DATE.match(text, label.end())
        date = _first_date(m.group(0)) if m else None
        if date is not None:
            line = text.count("\n", 0, label.start()) + 1
            return PageDate(date, f"{label.group(0).strip(' :：')} line {line}")
    for m in reversed(list(_DATE_LINE.finditer(text))):
        date = _first_date(m.group(0))
        if date is not None:
            return PageDate(date, f"date line {text.count(chr(10), 0, m.start()) + 1}")
    return None


def _first_date(text: str) -> dt.date | None:
    folded = text.translate(_FULL_WIDTH_DIGITS)
    for _, _, date in dates_in(folded):
        return date
    return None


_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


# -- 文不对题: the page's title against the document's own title line ----------------------

TITLE_MISMATCH = "page.title_mismatch"
"""Rule id of the finding that a page's title disagrees with its document's title line."""
PAGE_RULE_IDS = frozenset({TITLE_MISMATCH})
"""Rules a page check adds beside the lexicons' (they can be disabled like those)."""
TITLE_MISMATCH_DOC = """page.title_mismatch  (improper_wording: 不规范、不当表述)
severity: improper (不规范表述); a check of HTML pages, no lexicon's rule
message:  页面标题“…”与正文标题“…”不一致（文不对题）
source:   政府网站检查通报中的“文不对题”；《政府网站发展指引》（国办发〔2017〕47号）ArticleTitle

The page's title (its ArticleTitle meta tag, else <title>) against the document's title
line (the first <h1>, else a heading or line with the date or source of publication under
it). Flagged only when they clearly disagree: site names before or after a separator,
titles cut with …, width, spaces, punctuation, 书名号 and traditional characters do not
count, nor a title found near the top of the page. Turn it off with
--disable page.title_mismatch."""

TITLE_AGREEMENT = 0.5
"""Titles whose normalised forms share a longest common subsequence of less than this part
of the shorter one disagree (measured on real policy titles: variants of one title score
0.8 and more, two titles of the same issuer and kind up to 0.5; see ``titles_disagree``)."""

# bounded: an element left open never makes the search rescan the rest of the page
_TITLE_ELEMENT = re.compile(r"<title\b[^>]*>(.{0,2000}?)</title\s*>", re.IGNORECASE | re.DOTALL)
_HEAD_END = re.compile(r"</head\s*>|<body\b", re.IGNORECASE)
_HEADING_ELEMENT = re.compile(
    r"<(h[1-3])\b[^>]{0,2000}>(.{0,2000}?)</\1\s*>", re.IGNORECASE | re.DOTALL
)
_LINK_ELEMENT = re.compile(r"<a\b[^>]{0,2000}>.{0,2000}?</a\s*>", re.IGNORECASE | re.DOTALL)
# what separates a site's name from the title in <title>: 关于…的通知_某市人民政府,
# 某市人民政府 - 关于…, 标题｜栏目｜站名
_AFFIX_SEPARATOR = re.compile(
    r"\s*[_|｜–—]+\s*|\s+[-:：]\s+|\s*-{2,}\s*|(?<=[^\x00-\x7f])-(?=[^\x00-\x7f])"
)
_ELLIPSIS = re.compile(r"(?:…+|\.{2,}|。{3,}|⋯+)\s*$")
_NOT_TITLE_CHAR = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class TitleRules:
    """The patterns of the 文不对题 check, built from the words of ``_context/`` (merged
    from every lexicon directory, :class:`~wording_guard.context.ContextWords`) once per
    scanner (``Scanner.title_rules``): :meth:`from_words`. The words are data; the
    separators and punctuation around them are the patterns' syntax."""

    navigation: re.Pattern[str]
    """A breadcrumb: 当前位置…, 首页 > 政务公开."""
    label: re.Pattern[str]
    """A labelled line (发布时间：…, 标　　题：…) or a page's tool (【字号】, 打印, 上一篇)."""
    chrome: re.Pattern[str]
    """The words of a page's tools and footer (搜索, 登录, 版权所有)."""
    site_ending: re.Pattern[str]
    """A site's name (某市人民政府), not a title (关于…)."""
    published: re.Pattern[str]
    """The label of a publication's date or source (发布时间：, 浏览次数：)."""
    title_ending: re.Pattern[str]
    """The end of a document's title: its kind (…的通知, …办法》)."""
    frame_end: re.Pattern[str]
    """What titles of one issuer and kind share at their end (…的通知)."""
    kind_end: re.Pattern[str]
    """The kind a normalised title ends with."""
    about: re.Pattern[str]
    """What opens a title's subject (国务院办公厅关于…)."""

    @classmethod
    def from_words(cls, words: ContextWords) -> TitleRules:
        kinds = _alternation(words.title_kinds)
        about = _alternation(words.title_about_words)
        sizes = [
            r"\s*".join(map(re.escape, w)) for w in _longest_first(words.page_text_size_switches)
        ]
        labels = _alternation(words.page_label_words, sizes)
        return cls(
            navigation=re.compile(
                rf"^(?:{_alternation(words.page_navigation_starts)})|[>＞»›→]|\s/\s"
            ),
            label=re.compile(
                r"^[\w\u3000 ]{1,8}[:：]"  # 发布时间：…, 来源：…, 标　　题：…, 各位代表：
                rf"|^[【\[［(（]?\s*(?:{labels})"
            ),
            chrome=re.compile(_alternation(words.page_chrome_words)),
            site_ending=re.compile(
                rf"^(?:(?!{about}).)*(?:{_alternation(words.site_name_endings)})$"
            ),
            published=re.compile(
                rf"(?:{_alternation(words.page_published_labels)})"
                rf"(?:{_alternation(words.page_count_suffixes)})?\s*[:：]"
            ),
            title_ending=re.compile(rf"(?:{kinds})[》”\"]?$"),
            frame_end=re.compile(rf"的?(?:{kinds})$"),
            kind_end=re.compile(rf"(?:{kinds})$"),
            about=re.compile(about),
        )


def _longest_first(words: Iterable[str]) -> list[str]:
    return sorted(set(words), key=lambda word: (-len(word), word))


def _alternation(words: Iterable[str], patterns: Iterable[str] = ()) -> str:
    """``words`` (escaped, longest first) and ``patterns`` as the branches of an
    alternation; one that never matches when there are none."""
    branches = [*map(re.escape, _longest_first(words)), *patterns]
    return "|".join(branches) if branches else "(?!)"


_SENTENCE_END = re.compile(r"[。；;，,！!？?：:]$")


@cache
def _cjk() -> re.Pattern[str]:
    """A Chinese character (compiled on first use: its range costs ~1.5 ms, and only pages'
    titles are read with it)."""
    return re.compile(r"[\u3400-\u9fff]")


MIN_TITLE = 6
"""Characters (normalised) a title needs to be compared: shorter ones (通知, 首页) say too
little."""
MAX_TITLE = 300
"""Longer page titles are not compared (no title is that long; comparing costs its square)."""
_LOOK_LINES = 80  # lines of a page's text searched for its title and its heading
_MAX_LINE = 300
_INFO_LINES = 4  # lines under a title within which its date or source is looked for
_FALLBACK_LINE = 80  # a line without heading markup longer than this is a paragraph


@dataclass(frozen=True)
class BodyTitle:
    """A document's own title line: ``text`` (its lines joined) spans ``start``..``end``
    of the text it was found in; ``heading`` when it stands in an ``<h1>``-``<h3>``."""

    start: int
    end: int
    text: str
    heading: bool = False


@dataclass(frozen=True)
class TitleMismatch:
    """A page whose title (``page_title``, as the page gives it) disagrees with its
    document's title line (``body``)."""

    page_title: str
    body: BodyTitle


def page_title(page: str, meta: Mapping[str, str] | None = None) -> str | None:
    """The title a page gives itself: its ``ArticleTitle`` meta tag, else its ``<title>``
    element (references decoded, white space collapsed). None when it gives none."""
    given = (meta if meta is not None else meta_tags(page)).get("ArticleTitle", "")
    if not given.strip():
        m = _TITLE_ELEMENT.search(page)
        given = html.unescape(m.group(1)) if m else ""
    title = " ".join(given.split())
    return title or None


def body_title(source: SourceText, *, rules: TitleRules) -> BodyTitle | None:
    """The document's own title line in the text of a page (``htmltext.extract``) or of a
    plain text: the first heading (``<h1>``, else ``<h2>``, ``<h3>``) that reads as a title,
    else the first line that does, after the navigation, the labelled lines (发布时间：…,
    来源：…) and the page's ``<title>``. A title wrapped onto a second line (in the same
    heading, or a short line that ends as titles end: …的通知) is joined. None when no line
    reads as a title. ``rules``: the scanner's (``Scanner.title_rules``)."""
    lines = _body_lines(source)
    headings: list[tuple[str, int, int]] = []
    if not source.is_identity:
        # a link is no page's own title: a menu item, a list of other pages
        links = [(m.start(), m.end()) for m in _LINK_ELEMENT.finditer(source.source)]
        lines = [line for line in lines if _within(line[3], links) is None]
        headings = _heading_spans(source.source)
    for level in ("h1", "h2", "h3"):
        # an <h1> is the page's heading; a lower one, or a line without heading markup, is
        # taken only with the date or source of a publication under it (else it may be a
        # menu item or a list of other pages, in a page whose document is not in the text)
        spans = [(s, e) for tag, s, e in headings if tag == level]
        if not spans:
            continue
        index = 0
        while index < len(lines):
            span = _within(lines[index][3], spans)
            if span is None:
                index += 1
                continue
            last = index
            while last + 1 < len(lines) and _within(lines[last + 1][3], [span]) is not None:
                last += 1
            joined = "".join(line[2].strip() for line in lines[index : last + 1])
            if _reads_as_title(joined, rules) and (
                level == "h1" or _published_under(lines, last, rules)
            ):
                return BodyTitle(lines[index][0], lines[last][1], joined, heading=True)
            index = last + 1
    for index, (start, end, text, _) in enumerate(lines):
        if (
            not _reads_as_title(text, rules)
            or _SENTENCE_END.search(text)
            or len(text) > _FALLBACK_LINE
        ):
            continue
        if index + 1 < len(lines) and not rules.title_ending.search(text):
            _, next_end, next_text, _ = lines[index + 1]
            wrapped = len(next_text) <= 30 and rules.title_ending.search(next_text) is not None
            if (
                wrapped
                and _plain_line(next_text, rules)
                and _published_under(lines, index + 1, rules)
            ):
                return BodyTitle(start, next_end, text.strip() + next_text.strip())
        if _published_under(lines, index, rules):
            return BodyTitle(start, end, text.strip())
    return None


def titles_disagree(
    page: str,
    body: str,
    site_names: tuple[str, ...] = (),
    fold: Callable[[str], str] | None = None,
    *,
    rules: TitleRules,
) -> bool:
    """Whether a page's title and its document's title line clearly disagree. Both are
    normalised (width, case, ``fold``: traditional to simplified; white space, punctuation,
    quotes and 书名号 dropped); the page's title is also tried without a site's name before
    or after a separator (关于…的通知_某市人民政府) or any of ``site_names``, and without a
    trailing … (a title cut by the CMS). They agree when one form holds the other, or when
    their longest common subsequence is at least ``TITLE_AGREEMENT`` of the shorter one.
    A title too short to judge (under ``MIN_TITLE`` characters) never disagrees."""
    heading = _normal(body, fold)
    forms = [f for f in _title_forms(page, site_names, fold, rules) if len(f) >= MIN_TITLE]
    if len(heading) < MIN_TITLE or not forms:
        return False
    return not any(_agree(form, heading, rules) for form in forms)


def title_mismatch(
    page: str,
    source: SourceText,
    meta: Mapping[str, str] | None = None,
    fold: Callable[[str], str] | None = None,
    *,
    rules: TitleRules,
) -> TitleMismatch | None:
    """文不对题: the page's title (:func:`page_title`) against its document's title line
    (:func:`body_title`), when both are there and clearly disagree (:func:`titles_disagree`).
    A page whose title agrees with any line near the top of its text (the title in a
    breadcrumb, a heading the check did not pick) is never flagged, nor one whose title is
    its column's or site's name."""
    meta = meta if meta is not None else meta_tags(page)
    title = page_title(page, meta)
    if title is None or len(title) > MAX_TITLE:
        return None
    sites = tuple(meta[k] for k in ("SiteName", "ColumnName") if meta.get(k))
    found = body_title(source, rules=rules)
    if found is None or not titles_disagree(title, found.text, sites, fold, rules=rules):
        return None
    forms = [f for f in _title_forms(title, sites, fold, rules) if len(f) >= MIN_TITLE]
    lines = [line[2] for line in _body_lines(source)]
    for index, line in enumerate(lines):
        for text in (line, line + lines[index + 1] if index + 1 < len(lines) else ""):
            normal = _normal(text, fold)
            if len(normal) >= MIN_TITLE and any(_same(f, normal) for f in forms):
                return None
    return TitleMismatch(title, found)


def _body_lines(source: SourceText) -> list[tuple[int, int, str, int]]:
    """(start, end, text, source offset) of the first non-blank lines of the text after
    the page's head (its <title> is part of the text), none longer than ``_MAX_LINE``."""
    text = source.text
    skip_to = -1
    if not source.is_identity:
        end_of_head = _HEAD_END.search(source.source) or _TITLE_ELEMENT.search(source.source)
        skip_to = end_of_head.end() if end_of_head is not None else -1
    lines: list[tuple[int, int, str, int]] = []
    pos = 0
    while pos < len(text) and len(lines) < _LOOK_LINES:
        end = text.find("\n", pos)
        end = len(text) if end == -1 else end
        line = text[pos:end]
        if line.strip() and len(line) <= _MAX_LINE:
            at = source.to_source(pos, end)[0]
            if at >= skip_to:
                lines.append((pos, end, line, at))
        pos = end + 1
    return lines


def _heading_spans(page: str) -> list[tuple[str, int, int]]:
    return [(m.group(1).lower(), m.start(), m.end()) for m in _HEADING_ELEMENT.finditer(page)]


def _published_under(lines: list[tuple[int, int, str, int]], index: int, rules: TitleRules) -> bool:
    """Whether one of the few lines under ``lines[index]`` gives a publication's date or
    source (发布时间：…, 来源：…, a date)."""
    return any(
        rules.published.search(line[2]) or DATE.search(line[2].translate(_FULL_WIDTH_DIGITS))
        for line in lines[index + 1 : index + 1 + _INFO_LINES]
    )


def _within(at: int, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The span (of sorted, disjoint ones) that holds ``at``."""
    index = bisect.bisect_right(spans, (at, len(spans) and spans[-1][1] + 1)) - 1
    if index >= 0 and spans[index][0] <= at < spans[index][1]:
        return spans[index]
    return None


def _reads_as_title(line: str, rules: TitleRules) -> bool:
    """A line that may be a document's title: enough Chinese, no navigation, no label, no
    date alone, not a site's name."""
    text = line.strip()
    if len(_cjk().findall(text)) < MIN_TITLE or not _plain_line(text, rules) or "。" in text:
        return False
    if _DATE_LINE.fullmatch(text) or (len(text) <= 15 and rules.site_ending.search(text)):
        return False
    return len(text.split()) < 4  # a row of menu items: 首页 政务公开 政务服务 互动交流


def _plain_line(text: str, rules: TitleRules) -> bool:
    """No navigation, label or page tool."""
    if rules.navigation.search(text) or rules.label.search(text):
        return False
    return len(_cjk().findall(rules.chrome.sub("", text))) >= 4  # not mostly 请输入关键字 搜索


def _normal(text: str, fold: Callable[[str], str] | None) -> str:
    text = unicodedata.normalize("NFKC", html.unescape(text)).lower()
    if fold is not None:
        text = fold(text)
    return _NOT_TITLE_CHAR.sub("", text)


def _title_forms(
    title: str,
    site_names: tuple[str, ...],
    fold: Callable[[str], str] | None,
    rules: TitleRules,
) -> list[str]:
    """The normalised forms a page's title may be meant as: whole, each part between
    separators, and each without a site's name; a trailing … dropped."""
    title = _ELLIPSIS.sub("", title.strip())
    parts = [title, *(p for p in _AFFIX_SEPARATOR.split(title) if p)]
    names = {_normal(site, fold) for site in site_names}
    forms = []
    for part in parts:
        part = _ELLIPSIS.sub("", part.strip())
        if _normal(part, fold) in names or (len(part) <= 15 and rules.site_ending.search(part)):
            continue  # the site's or the column's name: 关于…的通知_某市人民政府
        forms.append(part)
        for site in site_names:
            if site and site in part and site != part:
                forms.append(part.replace(site, " "))
    seen: list[str] = []
    for form in forms:
        normal = _normal(form, fold)
        if normal and normal not in seen:
            seen.append(normal)
    return seen


def _agree(a: str, b: str, rules: TitleRules) -> bool:
    """Whether two normalised titles agree: one holds the other, or their cores (what
    stands between 关于 and the kind: 国务院办公厅关于 … 的通知) do, or the cores (the whole
    titles when a core is under 4 characters) share a longest common subsequence of at least
    ``TITLE_AGREEMENT`` of the shorter."""
    if a in b or b in a:
        return True
    core_a, core_b = _core(a, rules), _core(b, rules)
    if min(len(core_a), len(core_b)) < 4:
        core_a, core_b = a, b
    elif core_a in core_b or core_b in core_a:
        return True
    return _lcs_at_least(core_a, core_b, TITLE_AGREEMENT * min(len(core_a), len(core_b)))


def _core(title: str, rules: TitleRules) -> str:
    about = rules.about.search(title)
    return rules.frame_end.sub("", title[about.end() :] if about is not None else title)


def _same(title: str, line: str) -> bool:
    """Whether a line gives the page's title (the safeguard of ``title_mismatch``): it holds
    the title (a breadcrumb), or is most of it (a wrapped title's first line), or differs in
    a few characters only."""
    if title in line:
        return True
    if line in title:
        return len(line) >= 0.6 * len(title)
    return _lcs_at_least(title, line, 0.8 * max(len(title), len(line)))


def _lcs_at_least(a: str, b: str, length: float) -> bool:
    """Whether ``a`` and ``b`` share a common subsequence of ``length`` characters; the
    characters they have in common bound it, and most lines fall short of that at once."""
    if min(len(a), len(b)) < length:
        return False
    if sum((Counter(a) & Counter(b)).values()) < length:
        return False
    return _lcs(a, b) >= length


def _lcs(a: str, b: str) -> int:
    """Length of the longest common subsequence (one row of the table at a time)."""
    if len(a) < len(b):
        a, b = b, a
    row = [0] * (len(b) + 1)
    for ch in a:
        diagonal = 0
        for j, other in enumerate(b, 1):
            above = row[j]
            row[j] = diagonal + 1 if ch == other else max(above, row[j - 1])
            diagonal = above
    return row[-1]


def title_finding(
    page: str,
    source: SourceText,
    meta: Mapping[str, str] | None = None,
    fold: Callable[[str], str] | None = None,
    *,
    rules: TitleRules,
) -> Finding | None:
    """The ``page.title_mismatch`` finding of a page (:func:`title_mismatch`): it spans the
    document's title line in ``source.text`` (and in the HTML, ``source_start``/
    ``source_end``), names both titles and suggests the title line as the page's title."""
    found = title_mismatch(page, source, meta, fold, rules=rules)
    if found is None:
        return None
    body = found.body
    text = source.text
    line = text.count("\n", 0, body.start) + 1
    column = body.start - (text.rfind("\n", 0, body.start) + 1) + 1
    source_start, source_end = (
        (None, None) if source.is_identity else source.to_source(body.start, body.end)
    )
    return Finding(
        rule_id=TITLE_MISMATCH,
        category=Category.IMPROPER_WORDING,
        severity=Severity.IMPROPER,
        start=body.start,
        end=body.end,
        text=text[body.start : body.end],
        message=f"页面标题“{_shown(found.page_title)}”与正文标题“{_shown(body.text)}”不一致（文不对题）",
        suggestions=(body.text,),
        line=line,
        column=column,
        source_start=source_start,
        source_end=source_end,
    )


def _shown(title: str, most: int = 60) -> str:
    return title if len(title) <= most else title[: most - 1] + "…"


def leading_title(text: str, *, rules: TitleRules) -> BodyTitle | None:
    """The title a document's own text opens with (a CMS body, an attachment): its first
    non-blank line, joined with the next when the title wraps onto it, when it reads as a
    title and ends as documents' titles end (…的通知, …办法). None otherwise: a body that
    opens with its addressees (各区县人民政府：), a red header (某市人民政府文件), 附件1."""
    lines: list[tuple[int, int, str]] = []
    pos = 0
    while pos <= len(text) and len(lines) < 2:
        end = text.find("\n", pos)
        end = len(text) if end == -1 else end
        if text[pos:end].strip():
            lines.append((pos, end, text[pos:end]))
        pos = end + 1
    if not lines:
        return None
    start, end, first = lines[0]
    if (
        len(first) > _FALLBACK_LINE
        or not _reads_as_title(first, rules)
        or _SENTENCE_END.search(first.strip())
    ):
        return None
    if rules.title_ending.search(first.strip()):
        return BodyTitle(start, end, first.strip())
    if len(lines) == 2:
        _, second_end, second = lines[1]
        second = second.strip()
        if len(second) <= 30 and rules.title_ending.search(second) and _plain_line(second, rules):
            return BodyTitle(start, second_end, first.strip() + second)
    return None


def title_kind(title: str, *, rules: TitleRules) -> str | None:
    """The kind a document's title ends with (通知, 意见, 办法), None when it ends with
    none."""
    m = rules.kind_end.search(_normal(title, None))
    return m.group(0) if m else None
