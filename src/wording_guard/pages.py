"""What a page says about itself: its meta tags and its date.

Chinese government pages carry standard meta tags (《政府网站发展指引》, 国办发〔2017〕47号:
``SiteName``, ``SiteDomain``, ``SiteIDCode``, ``ColumnName``, ``ArticleTitle``, ``PubDate``,
``ContentSource``), and documents state their own dates (成文日期, 发布日期, the date line
under the signature). A sweep judges each page by its own date, so that a 2015 page using
the wording of 2015 is not flagged as outdated: :func:`page_date` finds it.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass

from .dates import DATE, dates_in

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
