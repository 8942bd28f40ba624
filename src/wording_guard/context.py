"""Context conditions: decide whether a candidate hit stands, looking only around it.

Everything here works on the *folded* text (same offsets as the original) and never scans
a whole text: each check reads a bounded window around the hit. The words the checks look
for (correction cues, list labels, country names) are data: :class:`ContextWords`, read from
the ``_context/`` and ``_data/`` folders of every lexicon directory a scanner loads. A
:class:`Context` binds them, and the scanner's own segmenter, to the checks.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import LexiconError
from .lexicon.schema import Conditions
from .normalize import NOISE_CHARS
from .segment import Segmenter

SENTENCE_END = "。！？!?；;\n"
_AN_END = re.compile(f"[{SENTENCE_END}]")
_LAST_END = re.compile(f"[{SENTENCE_END}][^{SENTENCE_END}]*\\Z")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_OPEN_QUOTES = "“\"‘'「『"
_CLOSE_QUOTES = "”\"’'」』"
_WINDOW = 24
_LIST_JOINS = "、，,和及与或"
# the quotations listed right after a quoted hit (“A”“B”、“C”) and what may stand between the
# list and the noun that names it (等, 之类的, 一类, and adjectives of a claim: 虚假, 夸大 …)
_QUOTED_LIST = re.compile(r"\A(?:[、，,和及与或]?[“\"‘'「『][^”\"’'」』“]{1,24}[”\"’'」』])*")
_MENTION_LEAD = re.compile(
    r"\A(?:等|之类|一类|这类|此类|这样|这些)?(?:的)?"
    r"(?:虚假|夸大|夸张|违规|违法|不实|误导性?|绝对化|极限|不规范|不当|欺骗性|诱导性)?(?:的)?"
    r"(?:(?:宣传|广告)(?![语词]))?"
)


def _strip_noise_end(text: str) -> str:
    return text.rstrip(NOISE_CHARS)


def _strip_noise_start(text: str) -> str:
    return text.lstrip(NOISE_CHARS)


def sentence_bounds(text: str, start: int, end: int, limit: int = 200) -> tuple[int, int]:
    """The sentence around ``[start, end)``, at most ``limit`` characters each side."""
    # one regex search each way instead of a find per sentence end: the last end before
    # start is the one no other end follows up to start
    floor = max(0, start - limit)
    last = _LAST_END.search(text, floor, start)
    lo = last.start() + 1 if last is not None else floor
    ceiling = min(len(text), end + limit)
    first = _AN_END.search(text, end, ceiling)
    hi = first.start() if first is not None else ceiling
    return lo, hi


def preceded_by(folded: str, start: int, words: list[str]) -> bool:
    before = _strip_noise_end(folded[max(0, start - _WINDOW) : start])
    if not before or before[-1] in _LINE_BREAKS:
        # the start of a text or a line (a title, a table cell) opens a clause as
        # punctuation does; it is no opening quote or bracket (“中华台北 is quoted, a line
        # starting 中华台北 is not)
        return any(_is_punctuation(w, _OPENING) for w in words)
    return before.endswith(tuple(words))  # (one C-level test of all the words)


def followed_by(folded: str, end: int, words: list[str]) -> bool:
    after = _strip_noise_start(folded[end : end + _WINDOW])
    if not after or after[0] in _LINE_BREAKS:
        # the end of a text or a line closes a clause as punctuation does; it is no
        # closing quote or bracket
        return any(_is_punctuation(w, _CLOSING) for w in words)
    return after.startswith(tuple(words))


_LINE_BREAKS = "\n\r\u2028\u2029\x0b\x0c\x85"


_OPENING = frozenset({"Ps", "Pi"})  # Unicode categories of opening brackets and quotes
_CLOSING = frozenset({"Pe", "Pf"})


def _is_punctuation(word: str, but: frozenset[str]) -> bool:
    """``word`` is punctuation, none of it of the categories ``but``."""
    if any(ch in _STRAIGHT_QUOTES for ch in word):
        # a straight quote opens as often as it closes: the start of a line is not one
        return False
    categories = [unicodedata.category(ch) for ch in word]
    return bool(word) and all(c.startswith("P") and c not in but for c in categories)


_STRAIGHT_QUOTES = frozenset("\"'")


def inside(folded: str, start: int, end: int, words: list[str]) -> bool:
    for word in words:
        lo = max(0, end - len(word))
        hi = min(len(folded), start + len(word))
        pos = folded.find(word, lo, hi)
        while pos != -1:
            if pos <= start and end <= pos + len(word):
                return True
            pos = folded.find(word, pos + 1, hi)
    return False


def near(folded: str, start: int, end: int, words: list[str], window: int) -> bool:
    lo, hi = sentence_bounds(folded, start, end, window)
    left = folded[lo:start]
    right = folded[end:hi]
    return any(w in left or w in right for w in words)


def in_title(folded: str, start: int, end: int) -> bool:
    """Inside 《…》 (or 〈…〉 nested in a title) on the same line."""
    line_start = folded.rfind("\n", 0, start) + 1
    open_pos = max(folded.rfind("《", line_start, start), folded.rfind("〈", line_start, start))
    if open_pos == -1:
        return False
    close_before = max(folded.rfind("》", open_pos, start), folded.rfind("〉", open_pos, start))
    if close_before != -1:
        return False
    line_end = folded.find("\n", end)
    close_after = folded.find("》", end, line_end if line_end != -1 else len(folded))
    return close_after != -1


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Half-open spans merged where they overlap or touch, in order."""
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def sentence_year(folded: str, start: int, end: int) -> int | None:
    """The year the sentence speaks of at the hit: the nearest one written before it in the
    same sentence (2012年被农业部认定，2023年复核 → 2012), else the first one after it."""
    lo, hi = sentence_bounds(folded, start, end, 80)
    before = [int(m.group(1)) for m in _YEAR.finditer(folded, lo, start)]
    if before:
        return before[-1]
    after = _YEAR.search(folded, end, hi)
    return int(after.group(1)) if after else None


def dated_before(
    folded: str, start: int, end: int, valid_to: dt.date, date: dt.date | None
) -> bool:
    """The name was still in force at the time the text speaks of."""
    if date is not None and date < valid_to:
        return True
    year = sentence_year(folded, start, end)
    return year is not None and year < valid_to.year


def dated_again(
    folded: str, start: int, end: int, valid_again: dt.date, date: dt.date | None
) -> bool:
    """The form was right again at the time the text speaks of: the sentence's year is that
    of ``valid_again`` or later, else the document's date is not before it; a text of unknown
    time is judged as now."""
    year = sentence_year(folded, start, end)
    if year is not None:
        return year >= valid_again.year
    return date is None or date >= valid_again


def dated_since(folded: str, start: int, end: int, since: dt.date, date: dt.date | None) -> bool:
    """The name may be meant: the document is undated or dated ``since`` or later, or the
    sentence names a year from that of ``since`` on (only the document's date makes a text
    old: a page of 2024 may say 2016年，县卫生健康局… of the body's predecessor)."""
    if date is None or date >= since:
        return True
    year = sentence_year(folded, start, end)
    return year is not None and year >= since.year


_LIST_SEPARATORS = "、和与及"  # not "，": it separates clauses, not list items
_ITEM_CHARS = 12  # a list item (a place name) is at most this long


def _names_region(item: str) -> bool:
    """The item opens with a short place name and 地区 (台湾地区的港口), not a clause that
    mentions a region (日本企业在该地区)."""
    at = item.find("地区")
    return 2 <= at <= 4 and not any(c in item[:at] for c in "的在该各等")


def _list_items(folded: str, start: int, end: int) -> tuple[list[str], str] | None:
    """The items of the enumeration the hit belongs to and the text after the list, or None
    when the hit is not an item (not delimited by list separators or the list's ends) or
    its group is labelled regions by the list's last item (香港、台湾地区)."""
    lo, hi = sentence_bounds(folded, start, end, 120)
    items = [folded[start:end]]
    pos = start
    while pos > lo and folded[pos - 1] in _LIST_SEPARATORS:
        item_end = pos - 1
        item_start = item_end
        while (
            item_start > lo
            and item_end - item_start < _ITEM_CHARS
            and folded[item_start - 1] not in _LIST_SEPARATORS + "，。；：:“”《》()（）"
        ):
            item_start -= 1
        items.insert(0, folded[item_start:item_end])
        pos = item_start
    pos = end
    while pos < hi and folded[pos] in _LIST_SEPARATORS:
        item_start = pos + 1
        item_end = item_start
        while (
            item_end < hi
            and item_end - item_start < _ITEM_CHARS
            and folded[item_end] not in _LIST_SEPARATORS + "等，。；：:“”《》()（）"
        ):
            item_end += 1
        items.append(folded[item_start:item_end])
        pos = item_end
    if len(items) < 2 and not folded.startswith("等", end):
        return None
    # the items from the hit to the list's end form the hit's group: one whose last item is a
    # name and 地区 (日本、韩国以及香港、澳门地区的学校) labels its places regions, whatever
    # precedes it (the item runs on into the sentence: 地区 may stand anywhere in it)
    if pos > end and _names_region(items[-1]):
        return None
    return items, folded[pos : pos + 12]


@dataclass(frozen=True)
class ContextWords:
    """The words context checks look for, merged from every lexicon directory (folded)."""

    correction_cues: tuple[str, ...] = ()
    mention_nouns: tuple[str, ...] = ()
    """Nouns that name a quoted string as words (“X”等用语, “X”字样): the string is mentioned."""
    mention_verbs: tuple[str, ...] = ()
    """Verbs right before a quoted string that report it as words (宣称“X”, 禁止出现“X”)."""
    mention_cues: tuple[str, ...] = ()
    """Words by which a sentence condemns or forbids what it quotes (虚假, 违法, 查处, 不得)."""
    region_list_labels: tuple[str, ...] = ()
    country_list_labels: tuple[str, ...] = ()
    enumeration_lead_ins: tuple[str, ...] = ()
    future_date_cues: tuple[str, ...] = ()
    dictionary_words: tuple[str, ...] = ()
    """Real words the segmenter's dictionary lacks (年审, 网帖): cut as words."""
    kept_traditional: tuple[tuple[str, str], ...] = ()
    """Traditional forms folding keeps (後, 乾淨 folded), each with the simplified form it
    stands for in traditional text, or "" where it has two readings there (覆)."""
    country_names: frozenset[str] = frozenset()
    # the words of the 文不对题 check (``pages.TitleRules``), as written: it reads the page's
    # text unfolded (a list of page tools holds 繁體 beside 繁体)
    title_kinds: tuple[str, ...] = ()
    """The kinds documents' titles end with (通知, 办法, 答记者问)."""
    title_about_words: tuple[str, ...] = ()
    """What opens the subject of a title (国务院办公厅关于…的通知)."""
    site_name_endings: tuple[str, ...] = ()
    """What sites' names end with (人民政府, 政府网)."""
    page_navigation_starts: tuple[str, ...] = ()
    """What a page's breadcrumb opens with (当前位置, 首页)."""
    page_label_words: tuple[str, ...] = ()
    """What a page's tool or label line opens with (字号, 打印, 上一篇, 索引号)."""
    page_text_size_switches: tuple[str, ...] = ()
    """A page's text-size switch (大中小), written with any spaces between its characters."""
    page_chrome_words: tuple[str, ...] = ()
    """The words of a page's tools and footer (搜索, 登录, 版权所有)."""
    page_published_labels: tuple[str, ...] = ()
    """The labels of a publication's date and source under a title (发布, 来源, 日期)."""
    page_count_suffixes: tuple[str, ...] = ()
    """What may follow such a label before its colon (浏览次数, 点击量)."""

    @classmethod
    def load(cls, dirs: Sequence[Path], fold: Callable[[str], str]) -> ContextWords:
        """Read ``_context/<field>.txt`` and ``_data/country_names.txt`` of each directory
        (one word per line, ``#`` starts a comment); later directories add to earlier ones.
        The words of the page checks (``_PAGE_WORD_FILES``) are kept as written, the others
        folded with ``fold``."""
        found: dict[str, list[str]] = {name: [] for name in (*_WORD_FILES, *_PAGE_WORD_FILES)}
        countries: set[str] = set()
        for directory in dirs:
            for name in _WORD_FILES:
                found[name].extend(_words(directory / "_context" / f"{name}.txt", fold))
            for name in _PAGE_WORD_FILES:
                found[name].extend(_words(directory / "_context" / f"{name}.txt", _as_written))
            countries.update(_words(directory / "_data" / "country_names.txt", fold))
        kept: list[tuple[str, str]] = []
        for directory in dirs:
            kept.extend(_kept_traditional(directory / "_context" / "kept_traditional.tsv", fold))
        return cls(
            **{name: tuple(dict.fromkeys(words)) for name, words in found.items()},
            country_names=frozenset(countries),
            kept_traditional=tuple(dict.fromkeys(kept)),
        )


_WORD_FILES = (
    "correction_cues",
    "mention_nouns",
    "mention_verbs",
    "mention_cues",
    "region_list_labels",
    "country_list_labels",
    "enumeration_lead_ins",
    "future_date_cues",
    "dictionary_words",
)
_PAGE_WORD_FILES = (
    "title_kinds",
    "title_about_words",
    "site_name_endings",
    "page_navigation_starts",
    "page_label_words",
    "page_text_size_switches",
    "page_chrome_words",
    "page_published_labels",
    "page_count_suffixes",
)


def _kept_traditional(path: Path, fold: Callable[[str], str]) -> Iterable[tuple[str, str]]:
    """The lines of ``kept_traditional.tsv``: a traditional form (folded), a tab and the
    simplified form of the same length it stands for, or the form alone."""
    for number, text in _lines(path):
        written, _, simplified = text.partition("\t")
        if "\t" in simplified or len(simplified) not in (0, len(written)) or not written:
            raise LexiconError(
                "expected a traditional form, optionally a tab and its simplified form of "
                f"the same length; got {text!r}",
                path=str(path),
                line=number,
            )
        yield fold(written), simplified


def _as_written(word: str) -> str:
    return word


def _lines(path: Path) -> Iterable[tuple[int, str]]:
    """The numbered lines of a word file that hold something (``#`` starts a comment); a
    missing file has none."""
    if not path.is_file():
        return
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"cannot read word list: {exc}", path=str(path)) from exc
    for number, line in enumerate(lines, 1):
        text = line.split("#", 1)[0].strip()
        if text:
            yield number, text


def _words(path: Path, fold: Callable[[str], str]) -> Iterable[str]:
    for number, word in _lines(path):
        if any(ch.isspace() for ch in word):
            raise LexiconError(f"one word per line; got {word!r}", path=str(path), line=number)
        yield fold(word)


def _past_second_quote(after: str) -> int:
    """Where, in the text right after a quoted hit, a second quotation that follows within two
    characters of the first's close ends (“X”系“Y”之误: the offset right after “Y”), or 0."""
    close = next((i for i, ch in enumerate(after[:4]) if ch in _CLOSE_QUOTES), -1)
    if close < 0:
        return 0
    opened = next(
        (i for i in range(close + 1, min(close + 4, len(after))) if after[i] in _OPEN_QUOTES), -1
    )
    if opened < 0:
        return 0
    end = next(
        (i for i in range(opened + 1, min(opened + 40, len(after))) if after[i] in _CLOSE_QUOTES),
        -1,
    )
    return end + 1 if end >= 0 else 0


class Context:
    """The context checks of one scanner: its words and its segmenter."""

    def __init__(self, words: ContextWords, segmenter: Segmenter) -> None:
        self.words = words
        self.segmenter = segmenter
        self._long_countries = frozenset(n for n in words.country_names if len(n) >= 2)

    def in_quotes(self, folded: str, start: int, end: int) -> bool:
        """The hit is quoted in order to be corrected: 应为“X”, 不得使用“X”, “X”应为“Y”."""
        lo, hi = sentence_bounds(folded, start, end, 60)
        before = folded[lo:start]
        after = folded[end:hi]
        open_pos = max(before.rfind(q) for q in _OPEN_QUOTES)
        if open_pos == -1:
            return False
        if not any(q in after[:4] for q in _CLOSE_QUOTES):
            return False
        outside_before = before[max(0, open_pos - 12) : open_pos]
        # a correction notice quotes the right form right after the wrong one (“X”系“Y”之误,
        # “X”应为“Y”): the words after the hit are read past that second quotation
        outside_after = after[: _past_second_quote(after) + 20]
        cues = self.words.correction_cues
        return any(c in outside_before for c in cues) or any(c in outside_after for c in cues)

    def mentioned(self, folded: str, start: int, end: int) -> bool:
        """The hit is the whole text of a quotation that the sentence speaks of as words,
        not words it uses: its quotation, with the quotations listed right after it, is
        named by a noun of ``mention_nouns`` (以“无效退款”“三十分钟见效”等虚假用语误导消费者,
        标有“特效”字样), or opened right after a verb of ``mention_verbs`` (宣称“包治百病”,
        不得出现“国家级”), in a sentence holding a word of ``mention_cues`` (虚假, 查处)."""
        if start == 0 or end >= len(folded):
            return False
        lo, hi = sentence_bounds(folded, start, end, 60)
        # only a sentence that condemns or forbids what it quotes: a report that repeats a
        # claim neutrally (自称“国家级新药”, 打出“…”的口号，销售额增长三成) spreads it
        sentence = folded[lo:hi]
        if not any(c in sentence for c in self.words.mention_cues):
            return False
        open_pos = start - 1
        while open_pos >= max(lo, start - 3) and folded[open_pos] not in _OPEN_QUOTES:
            open_pos -= 1
        if open_pos < max(lo, start - 3) or folded[open_pos] not in _OPEN_QUOTES:
            return False
        close = end
        while close < min(hi, end + 3) and folded[close] not in _CLOSE_QUOTES:
            close += 1
        if close >= min(hi, end + 3) or folded[close] not in _CLOSE_QUOTES:
            return False
        verbs = self.words.mention_verbs
        # a quotation listed after others (以“A”“B”等用语): the verb stands before the first
        first = open_pos
        for _ in range(6):
            k = first - 1
            if k > lo and folded[k] in _LIST_JOINS:
                k -= 1
            if k <= lo or folded[k] not in _CLOSE_QUOTES:
                break
            opened = max(folded.rfind(q, max(lo, k - 25), k) for q in _OPEN_QUOTES)
            if opened < 0:
                break
            first = opened
        before = folded[max(lo, first - 8) : first]
        if verbs and any(before.endswith(v) for v in verbs):
            return True
        nouns = self.words.mention_nouns
        if not nouns:
            return False
        after = _QUOTED_LIST.sub("", folded[close + 1 : hi], count=1)
        return after.startswith(nouns) or _MENTION_LEAD.sub("", after, count=1).startswith(nouns)

    def _is_country(self, item: str) -> bool:
        if item in self.words.country_names:
            return True
        # list items carry prefixes such as 来自/访问/与: accept an item that ends with a name
        # after at most three characters (its few suffixes looked up, not every name tried)
        names = self._long_countries
        return any(item[k:] in names for k in range(min(4, len(item))))

    def _country_list(self, folded: str, start: int, end: int) -> str | None:
        """'countries' when the hit is listed as a peer of countries, 'regions' when the list
        is labelled 国家和地区, None when it is not such a list item."""
        parsed = _list_items(folded, start, end)
        if parsed is None:
            return None
        items, after = parsed
        hit = folded[start:end]
        others = [i for i in items if i != hit]
        with_china = any(i.endswith("中国") for i in others)
        countries = [i for i in others if self._is_country(i)]
        if any(label in after for label in self.words.region_list_labels):
            return "regions" if countries or with_china else None
        country_labels = self.words.country_list_labels
        if countries or (
            country_labels and after.startswith(country_labels) and "地区" not in after[:8]
        ):
            return "countries"
        return None

    def in_country_list(self, folded: str, start: int, end: int) -> bool:
        return self._country_list(folded, start, end) == "countries"

    def in_region_list(self, folded: str, start: int, end: int) -> bool:
        return self._country_list(folded, start, end) == "regions"

    def word_cuts(self, folded: str, spans: list[tuple[int, int]]) -> set[int]:
        """Word-boundary offsets of the windows around ``spans``, each window segmented once.

        Windows are the sentence around a hit, at most 12 characters each side; windows that
        overlap are merged, so nearby hits share one segmentation and nothing else of the
        text is segmented."""
        cuts: set[int] = set()
        for lo, hi in merge_spans(sentence_bounds(folded, s, e, 12) for s, e in spans):
            cuts.update(self.segmenter.cuts(folded[lo:hi], lo))
        return cuts

    def word_boundary(self, folded: str, start: int, end: int) -> bool:
        """The hit starts and ends on a word boundary of the segmented window around it."""
        cuts = self.word_cuts(folded, [(start, end)])
        return start in cuts and end in cuts

    def word_start(self, folded: str, start: int, end: int) -> bool:
        """The hit starts on a word boundary of the segmented window around it."""
        return start in self.word_cuts(folded, [(start, end)])

    def _results(self, cond: Conditions, folded: str, start: int, end: int) -> Iterator[bool]:
        """One verdict per condition set in ``cond``, computed lazily (cheapest first)."""
        if cond.preceded_by:
            yield preceded_by(folded, start, cond.preceded_by)
        if cond.followed_by:
            yield followed_by(folded, end, cond.followed_by)
        if cond.inside:
            yield inside(folded, start, end, cond.inside)
        if cond.near:
            yield near(folded, start, end, cond.near, cond.window)
        if cond.in_title is not None:
            yield in_title(folded, start, end) == cond.in_title
        if cond.in_country_list is not None:
            yield self.in_country_list(folded, start, end) == cond.in_country_list
        if cond.in_region_list is not None:
            yield self.in_region_list(folded, start, end) == cond.in_region_list
        if cond.word_boundary is not None:
            yield self.word_boundary(folded, start, end) == cond.word_boundary
        if cond.word_start is not None:
            yield self.word_start(folded, start, end) == cond.word_start

    def check(self, cond: Conditions, folded: str, start: int, end: int) -> bool:
        """True when every condition given in ``cond`` holds for the hit (``when``)."""
        return all(self._results(cond, folded, start, end))

    def any_holds(self, cond: Conditions, folded: str, start: int, end: int) -> bool:
        """True when at least one condition given in ``cond`` holds (``unless``)."""
        return any(self._results(cond, folded, start, end))
