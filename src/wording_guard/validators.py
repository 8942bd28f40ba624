"""The functions that regex rules name in lexicons: a ``validator`` decides whether a match
is kept, a ``fix`` turns the match into the suggestion. Unknown names fail when a lexicon loads.

Nothing is registered on import and nothing is kept per process. :func:`builtin_registry`
returns a :class:`Registry` that lists every validator and fixer by name; the privacy
validators in it are bound to the :class:`PrivacyData` they were given, so two scanners over
different lexicon folders never share or overwrite each other's data.

A validator is called with the match (folded text: half-width digits, lower case; the
original text for an entry with ``view: original``), the whole text it was found in and the
offsets of the match, so it can read the context; it returns True to keep the hit. A fixer
is called with the *original* surface of the match and returns the suggestion.

The privacy validators (身份证、残疾人证、手机号、银行卡、护照及港澳台通行证) check the number
itself (check digit, a real birth date, a known address code, an allocated number range) and
the labels around it ("联系电话：", "订单号", "咨询热线", the header of the table it stands in).
:meth:`PrivacyData.load` reads their data from the ``_privacy/`` folder of every lexicon
directory it is given and merges it: ``region_codes.txt`` (GB/T 2260 address codes ever
assigned), ``mobile_prefixes.txt`` (allocated mobile ranges) and ``context.yaml`` (the labels,
by ``section.key``). The mask fixers hide only digits and letters and keep separators and
character width (``138-****-1111``, ``４２０１０６＊＊＊＊＊＊＊＊００３Ｘ``), so the suggestion
can stand in for the original span as it is.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from . import usage
from .dates import document_number_brackets, impossible_date, roc_year_to_gregorian
from .errors import LexiconError

Validator = Callable[[str, str, int, int], bool]
Fixer = Callable[[str], str]

_DIGITS = re.compile(r"[0-9xX]")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# Separators allowed inside a written number (folded text): space, hyphen and hyphen-like dashes.
SEPARATORS = " -\u2010\u2011\u2012\u2013"
# Where a label stops applying: sentence ends and line breaks.
_CLAUSE_END = "。！？!?；;\n"
# How far before a number its label may stand (characters, same clause).
_LABEL_WINDOW = 32
# How far after a number a trailing label may stand ("13800001111（值班室）").
_TRAIL_WINDOW = 12
# A table row: cells separated by tabs, "|" or runs of two or more spaces.
_TABLE_ROW = re.compile(r"\t|\||  +")
# The longest line taken for a table cell of its own.
_CELL = 24

# The travel documents: each has a validator of that name and a ``<name>.labels`` group.
DOCUMENTS = ("passport", "hk_macao_permit", "home_return_permit", "taiwan_permit")
# Every "section.key" of context.yaml that the validators read; other keys are typos.
LABEL_GROUPS = frozenset(
    {
        "resident_id.labels",
        "resident_id.not_personal",
        "resident_id.examples",
        "mobile.personal",
        "mobile.public",
        "bank_card.personal",
        "bank_card.public",
        "bank_card.holder",
        "bank_card.organisation",
        "common.sample",
        "person.surnames",
        "person.compound_surnames",
        "person.not_name_endings",
        *(f"{name}.labels" for name in DOCUMENTS),
    }
)
PRIVACY_FOLDER = "_privacy"
_REGION_FILE = "region_codes.txt"
_MOBILE_FILE = "mobile_prefixes.txt"
_CONTEXT_FILE = "context.yaml"
_REGION_PREFIX = re.compile(r"[0-9]{4}")
_REGION_SUFFIX = re.compile(r"[0-9]{2}")
_MOBILE_PREFIX = re.compile(r"[0-9]{3,5}")


def digits_of(text: str) -> str:
    """The digits (and X) of a match, separators dropped."""
    return "".join(_DIGITS.findall(text)).upper()


# -- data files (<lexicon dir>/_privacy) -----------------------------------------------------


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"cannot read privacy data: {exc}", path=str(path)) from exc


def _data_lines(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(line number, fields) of every line with content; ``#`` starts a comment."""
    for number, line in enumerate(_read(path).splitlines(), 1):
        fields = line.split("#", 1)[0].split()
        if fields:
            yield number, fields


def _read_region_codes(path: Path) -> set[str]:
    """``1101 00 01 02``: a 4-digit prefix, then the last two digits of each code under it."""
    codes: set[str] = set()
    for number, (prefix, *suffixes) in _data_lines(path):
        if (
            not _REGION_PREFIX.fullmatch(prefix)
            or not suffixes
            or not all(_REGION_SUFFIX.fullmatch(s) for s in suffixes)
        ):
            raise LexiconError(
                "expected a 4-digit prefix and the 2-digit ends of its codes (1101 00 01 02)",
                path=str(path),
                line=number,
            )
        codes.update(prefix + s for s in suffixes)
    return codes


def _read_mobile_prefixes(path: Path) -> dict[int, set[str]]:
    """Prefixes of 3, 4 or 5 digits, separated by white space."""
    by_length: dict[int, set[str]] = {3: set(), 4: set(), 5: set()}
    for number, prefixes in _data_lines(path):
        for prefix in prefixes:
            if not _MOBILE_PREFIX.fullmatch(prefix):
                raise LexiconError(
                    f"a mobile prefix has 3, 4 or 5 digits, not {prefix!r}",
                    path=str(path),
                    line=number,
                )
            by_length[len(prefix)].add(prefix)
    return by_length


def _line(node: Any) -> int:
    return int(node.start_mark.line) + 1


def _read_context(path: Path) -> Iterator[tuple[str, list[str]]]:
    """("section.key", words) of ``context.yaml``. Words are taken as written (a number such
    as 440524188001010014 stays the string it is)."""
    import yaml  # read at compile time only; scanning never needs it

    try:
        root = yaml.compose(_read(path), Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise LexiconError(f"invalid YAML: {exc}", path=str(path), line=line) from exc
    if root is None:
        return
    if not isinstance(root, yaml.MappingNode):
        raise LexiconError("expected a mapping: section -> key -> words", path=str(path))
    seen: set[str] = set()
    for section_node, keys_node in root.value:
        section = str(section_node.value)
        if not isinstance(keys_node, yaml.MappingNode):
            raise LexiconError(
                "a section must be a mapping of keys to word lists",
                path=str(path),
                line=_line(keys_node),
                key=section,
            )
        for key_node, words_node in keys_node.value:
            group = f"{section}.{key_node.value}"
            if group not in LABEL_GROUPS:
                raise LexiconError(
                    f"unknown key (known: {', '.join(sorted(LABEL_GROUPS))})",
                    path=str(path),
                    line=_line(key_node),
                    key=group,
                )
            if group in seen:
                raise LexiconError("duplicate key", path=str(path), line=_line(key_node), key=group)
            seen.add(group)
            if not isinstance(words_node, yaml.SequenceNode) or not all(
                isinstance(w, yaml.ScalarNode) and w.value for w in words_node.value
            ):
                raise LexiconError(
                    "expected a list of words",
                    path=str(path),
                    line=_line(words_node),
                    key=group,
                )
            yield group, [str(w.value) for w in words_node.value]


@dataclass(frozen=True)
class PrivacyData:
    """Data of the privacy validators, merged from the ``_privacy/`` folders of all lexicon
    dirs: address codes and mobile prefixes are united, the word lists of ``context.yaml``
    are joined per ``section.key`` (in the order of the dirs, without repeats).

    Plain frozensets, tuples and dicts only, so that it pickles (compiled lexicons cache it).
    """

    region_codes: frozenset[str]
    mobile_prefixes: tuple[frozenset[str], frozenset[str], frozenset[str]]  # 3-, 4-, 5-digit
    labels: Mapping[str, Mapping[str, tuple[str, ...]]] = field(hash=False)

    @staticmethod
    def files(dirs: Sequence[Path]) -> list[Path]:
        """The data files that :meth:`load` reads from ``dirs``, in reading order."""
        names = (_REGION_FILE, _MOBILE_FILE, _CONTEXT_FILE)
        found = (Path(d) / PRIVACY_FOLDER / name for d in dirs for name in names)
        return [path for path in found if path.exists()]

    @classmethod
    def load(cls, dirs: Sequence[Path]) -> PrivacyData:
        """Read ``<dir>/_privacy/{region_codes.txt, mobile_prefixes.txt, context.yaml}`` of
        every dir where present. Malformed data raises :class:`LexiconError` naming the file
        (and the line)."""
        codes: set[str] = set()
        prefixes: dict[int, set[str]] = {3: set(), 4: set(), 5: set()}
        words: dict[str, dict[str, list[str]]] = {}
        for path in cls.files(dirs):
            if path.name == _REGION_FILE:
                codes |= _read_region_codes(path)
            elif path.name == _MOBILE_FILE:
                for length, found in _read_mobile_prefixes(path).items():
                    prefixes[length] |= found
            else:
                for group, group_words in _read_context(path):
                    section, key = group.split(".")
                    merged = words.setdefault(section, {}).setdefault(key, [])
                    merged.extend(w for w in group_words if w not in merged)
        return cls(
            region_codes=frozenset(codes),
            mobile_prefixes=(
                frozenset(prefixes[3]),
                frozenset(prefixes[4]),
                frozenset(prefixes[5]),
            ),
            labels={
                section: {key: tuple(ws) for key, ws in keys.items()}
                for section, keys in words.items()
            },
        )

    def words(self, group: str) -> tuple[str, ...]:
        """The words of a ``section.key`` group of ``context.yaml`` (none when absent)."""
        section, key = group.split(".")
        return tuple(self.labels.get(section, {}).get(key, ()))


class LabelSet:
    """The words of some ``context.yaml`` groups, found together in a text: every label maps
    to its group (a word listed in two groups belongs to the later one)."""

    def __init__(self, data: PrivacyData, *groups: str) -> None:
        self.groups: dict[str, str] = {}
        for group in groups:
            for word in data.words(group):
                self.groups[word] = group
        self._finder: Any = None

    def _find(self) -> Any:
        """One alternation over all labels, longest first; built on first use."""
        if self._finder is None:
            words = sorted(self.groups, key=lambda w: (-len(w), w))
            self._finder = regex.compile("|".join(regex.escape(w) for w in words))
        return self._finder

    def last(self, segment: str) -> tuple[str, int] | None:
        """The group of the label that ends last in ``segment`` (the longer one on a tie),
        and where it ends."""
        if not self.groups:
            return None
        best: tuple[int, int, str] | None = None
        for m in self._find().finditer(segment, overlapped=True):
            key = (m.end(), len(m.group()), m.group())
            if best is None or key[:2] > best[:2]:
                best = key
        return (self.groups[best[2]], best[0]) if best else None

    def first(self, segment: str) -> str | None:
        """The group of the first label in ``segment``."""
        if not self.groups:
            return None
        m = self._find().search(segment)
        return self.groups[m.group()] if m else None

    def all_in(self, segment: str) -> set[str]:
        """The groups of all labels in ``segment``."""
        if not self.groups:
            return set()
        return {self.groups[m.group()] for m in self._find().finditer(segment, overlapped=True)}


# -- context ---------------------------------------------------------------------------------


def _clause_start(text: str, start: int, limit: int) -> int:
    lo = max(0, start - limit)
    for i in range(start - 1, lo - 1, -1):
        if text[i] in _CLAUSE_END:
            return i + 1
    return lo


def _clause_end(text: str, end: int, limit: int) -> int:
    hi = min(len(text), end + limit)
    for i in range(end, hi):
        if text[i] in _CLAUSE_END:
            return i
    return hi


def label_before(
    text: str, start: int, labels: LabelSet, window: int = _LABEL_WINDOW
) -> str | None:
    """The group of the label nearest before ``start`` in the same clause."""
    lo = _clause_start(text, start, window)
    found = labels.last(text[lo:start])
    return found[0] if found else None


def label_after(text: str, end: int, labels: LabelSet, window: int = _TRAIL_WINDOW) -> str | None:
    """The group of the first label after ``end`` in the same clause."""
    return labels.first(text[end : _clause_end(text, end, window)])


def header_labels(text: str, start: int, labels: LabelSet, lines: int = 8) -> set[str]:
    """Groups of the labels in the header of the table the number stands in.

    A table is either rows of cells (tabs, "|" or runs of spaces between them) or one cell per
    line (short lines, as tables come out of HTML and PDF). Walks up through the lines of the
    same table, at most ``lines`` of them, to the first one that holds any label. When that
    header has as many cells as the row, only the header cell above the number counts."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    is_row = _TABLE_ROW.search(line) is not None
    if not (is_row or len(line) <= _CELL):
        return set()
    hi = line_start - 1
    for _ in range(lines):
        if hi <= 0:
            break
        lo = text.rfind("\n", 0, hi) + 1
        segment = text[lo:hi]
        if not (_TABLE_ROW.search(segment) if is_row else len(segment) <= _CELL):
            break  # left the table
        found = labels.all_in(segment)
        if found:
            if is_row:
                cells = _TABLE_ROW.split(line.strip())
                heads = _TABLE_ROW.split(segment.strip())
                column = len(_TABLE_ROW.split(text[line_start:start].lstrip())) - 1
                if len(cells) == len(heads) and column < len(heads):
                    return labels.all_in(heads[column])
            return found
        hi = lo - 1
    return set()


def _glued(text: str, start: int, end: int) -> bool:
    """A number written in groups (138 0000 1111) that goes on with one more group of digits
    after the same kind of separator: it is a part of a longer code, not a number of its own.
    (Plain numbers in a list, "13800001111 13900002222", are not glued.)"""
    used = {ch for ch in text[start:end] if ch in SEPARATORS}
    if not used:
        return False
    after = text[end : end + 2]
    before = text[max(0, start - 2) : start]
    return (len(after) == 2 and after[0] in used and after[1].isdigit()) or (
        len(before) == 2 and before[1] in used and before[0].isdigit()
    )


# -- 居民身份证号码 (GB 11643-1999) -----------------------------------------------------------


def id_card_check_digit(first17: str) -> str:
    """GB 11643-1999 ISO 7064 MOD 11-2 check character."""
    total = sum(int(d) * w for d, w in zip(first17[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def _real_date(year: int, month: int, day: int) -> bool:
    try:
        born = dt.date(year, month, day)
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= born <= dt.date.today()


def uscc_valid(code: str) -> bool:
    """A 统一社会信用代码 with a correct GB 32100-2015 check character (MOD 31)."""
    code = code.upper()
    if len(code) != 18 or any(ch not in _USCC_ALPHABET for ch in code):
        return False
    total = sum(
        _USCC_ALPHABET.index(ch) * w for ch, w in zip(code[:17], _USCC_WEIGHTS, strict=True)
    )
    return _USCC_ALPHABET[(31 - total % 31) % 31] == code[17]


def id_shaped(number: str, data: PrivacyData) -> bool:
    """18 digits with a known address code and a real birth date, whatever the check digit:
    such a number is an ID number (maybe mistyped), never a bank card or an order number."""
    return (
        len(number) == 18
        and number[:17].isdigit()
        and number[:6] in data.region_codes
        and _real_date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    )


def is_resident_id(number: str, data: PrivacyData) -> bool:
    """A valid 18-digit 公民身份号码 (also 港澳台居民居住证, code 810000/820000/830000) or
    2023 外国人永久居留身份证 number (first digit 9, same date and check rules)."""
    number = number.upper()
    if len(number) != 18 or not number[:17].isdigit():
        return False
    if id_card_check_digit(number[:17]) != number[17]:
        return False
    if not _real_date(int(number[6:10]), int(number[10:12]), int(number[12:14])):
        return False
    if number[0] == "9":
        # 外国人永久居留身份证: 9 + province of the issuing office + nationality code. All-digit
        # 统一社会信用代码 of companies also start with 9: those are organisations.
        return number[1:3] + "0000" in data.region_codes and not uscc_valid(number)
    return number[:6] in data.region_codes


# -- 手机号码 ---------------------------------------------------------------------------------


def is_mobile_number(number: str, data: PrivacyData) -> bool:
    """11 digits in an allocated mainland mobile range."""
    if len(number) != 11 or not number.isdigit():
        return False
    three, four, five = data.mobile_prefixes
    return number[:3] in three or number[:4] in four or number[:5] in five


# -- 银行卡号 ---------------------------------------------------------------------------------


def luhn_ok(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def is_card_number(number: str, data: PrivacyData) -> bool:
    """16-19 digits, an issuer digit of a payment card (3 4 5 6, 9 for old domestic cards),
    passing the Luhn check, and not shaped like an ID number."""
    return (
        16 <= len(number) <= 19
        and number.isdigit()
        and number[0] in "34569"
        and luhn_ok(number)
        and not id_shaped(number, data)
    )


# An 18-character run that may be an ID number (folded text).
_ID_RUN = re.compile(r"(?<![0-9a-z])[1-9][0-9]{16}[0-9x](?![0-9a-z])")
# the cells of a payment roster's row (刘某某⇥6230…⇥2000元): a person's name, a sum
_NAME_CELL = re.compile(r"[\u4e00-\u9fff]{2,3}")
_HAN_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")
_SUM_CELL = re.compile(r"[0-9][0-9,]*(?:\.[0-9]{1,2})?(?:元|万元)?")
# The name after a holder label: label, optional colon, then up to the next delimiter.
_HOLDER_NAME = re.compile(r"[:：]?\s*([^，,；;。、\t（(）)\s]*)")


# -- the privacy validators, bound to their data ---------------------------------------------


class _Privacy:
    """The privacy validators over one :class:`PrivacyData`; the label sets they read are
    built here once per registry."""

    def __init__(self, data: PrivacyData) -> None:
        self.data = data
        self.samples = data.words("common.sample")
        self.id_examples = data.words("resident_id.examples")
        self.id_labels = LabelSet(data, "resident_id.labels", "resident_id.not_personal")
        self.personal = {
            section: LabelSet(data, f"{section}.personal", f"{section}.public")
            for section in ("mobile", "bank_card")
        }
        self.surnames = frozenset(data.words("person.surnames"))
        self.compound_surnames = frozenset(data.words("person.compound_surnames"))
        self.not_name_endings = data.words("person.not_name_endings")
        self.holders = data.words("bank_card.holder")
        self.organisations = data.words("bank_card.organisation")

    def _sample(self, text: str, start: int, end: int) -> bool:
        """The number is shown as a format sample (例如、示例、样例…) in the same clause."""
        lo = _clause_start(text, start, _LABEL_WINDOW)
        hi = _clause_end(text, end, _TRAIL_WINDOW)
        segment = text[lo:start] + "\n" + text[end:hi]
        return any(cue in segment for cue in self.samples)

    # -- 居民身份证号码 --

    def resident_id(self, match: str, text: str, start: int, end: int) -> bool:
        """18-digit resident ID: known address code, a real birth date, a correct check digit;
        not a number labelled as something else (订单号、统一社会信用代码), not a format
        example."""
        number = digits_of(match)
        if (
            not is_resident_id(number, self.data)
            or _glued(text, start, end)
            or self._sample(text, start, end)
        ):
            return False
        if number.lower() in self.id_examples:
            return False
        group = label_before(text, start, self.id_labels)
        if number[0] == "9":
            # 外国人永久居留身份证 numbers are rare and share their first digit with company
            # codes and other serial numbers: only taken when labelled as an ID number
            if group is None:
                group = (
                    "resident_id.labels"
                    if "resident_id.labels" in header_labels(text, start, self.id_labels)
                    else None
                )
            return group == "resident_id.labels"
        return group != "resident_id.not_personal"

    def disability_card_id(self, match: str, text: str, start: int, end: int) -> bool:
        """20-digit 残疾人证号: a valid 18-character ID number, then the category (1-7) and
        the level (1-4) of the disability."""
        number = digits_of(match)
        if len(number) != 20 or not number[18:].isdigit() or number[0] == "9":
            return False
        if not (
            is_resident_id(number[:18], self.data)
            and number[18] in "1234567"
            and number[19] in "1234"
        ):
            return False
        if _glued(text, start, end) or self._sample(text, start, end):
            return False
        return label_before(text, start, self.id_labels) != "resident_id.not_personal"

    def resident_id_15(self, match: str, text: str, start: int, end: int) -> bool:
        """First-generation 15-digit ID (address code, YYMMDD, sequence; no check digit): too
        weak alone, so it must be labelled as an ID number, by a label before it or by the
        header cell of its table column (户主姓名⇥身份证号 over 刘某⇥4305…)."""
        number = digits_of(match)
        if len(number) != 15 or not number.isdigit() or _glued(text, start, end):
            return False
        if self._sample(text, start, end):
            return False
        if number[:6] not in self.data.region_codes:
            return False
        if not _real_date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12])):
            return False
        group = label_before(text, start, self.id_labels)
        if group is None:
            found = header_labels(text, start, self.id_labels)
            group = "resident_id.labels" if found == {"resident_id.labels"} else None
        return group == "resident_id.labels"

    # -- 手机号码 --

    def _personal(self, text: str, start: int, end: int, section: str) -> bool:
        """The number is introduced as a person's (姓名、联系人、手机、电话…), not as a public
        line (热线、办公室、咨询电话…). The nearest label before it decides; else a label
        right after it; else the header of the table it stands in."""
        labels = self.personal[section]
        group = label_before(text, start, labels)
        if group is None:
            group = label_after(text, end, labels)
        if group is None:
            found = header_labels(text, start, labels)
            group = f"{section}.personal" if found == {f"{section}.personal"} else None
        if group is None and section == "mobile" and self._after_name(text, start, end):
            return True  # 居民陈某某（13800001111）: the number of the person just named
        if group is None and self._beside_resident_id(text, start, end):
            return True  # a record of a person: 张某 420106…0521 13800001111
        if group is None and section == "bank_card" and self._roster_row(text, start, end):
            return True  # a payment roster: 刘某某⇥6230…⇥2000元
        return group == f"{section}.personal"

    def _after_name(self, text: str, start: int, end: int) -> bool:
        """The number stands alone in brackets right after a person's name: two or three
        Chinese characters starting with a common surname (four with a compound one), not
        ending as a place's or a body's name does (context.yaml, ``person``)."""
        if start < 3 or text[start - 1] != "(" or text[end : end + 1] != ")":
            return False
        for size in (2, 3, 4):
            name = text[start - 1 - size : start - 1]
            if len(name) != size or not _HAN_NAME.fullmatch(name):
                continue
            surname_ok = (
                name[:2] in self.compound_surnames
                if size == 4
                else name[0] in self.surnames or name[:2] in self.compound_surnames
            )
            if surname_ok and not name.endswith(self.not_name_endings):
                return True
        return False

    def _roster_row(self, text: str, start: int, end: int) -> bool:
        """The number is a cell of a table row (tabs, "|" or runs of spaces between cells)
        that also holds a person's name (two or three Han characters, no organisation's word)
        and a sum paid: a roster of payments to people's cards (慰问金、补贴发放表)."""
        lo = text.rfind("\n", 0, start) + 1
        hi = text.find("\n", end)
        line = text[lo : hi if hi >= 0 else len(text)]
        cells = [c.strip() for c in _TABLE_ROW.split(line.strip())]
        number = text[start:end].strip()
        if len(cells) < 3 or number not in cells:
            return False
        names = [
            c
            for c in cells
            if _NAME_CELL.fullmatch(c) and not any(w in c for w in self.organisations)
        ]
        sums = [c for c in cells if c != number and _SUM_CELL.fullmatch(c)]
        return bool(names) and bool(sums)

    def _beside_resident_id(self, text: str, start: int, end: int, window: int = 60) -> bool:
        """A valid resident ID number stands on the same line, close to the number."""
        lo = max(text.rfind("\n", max(0, start - window), start) + 1, start - window)
        hi = text.find("\n", end, end + window)
        hi = end + window if hi < 0 else hi
        return any(
            is_resident_id(m.group(), self.data)
            for m in _ID_RUN.finditer(text, max(lo, 0), hi)
            if m.end() <= start or m.start() >= end
        )

    def mobile_phone(self, match: str, text: str, start: int, end: int) -> bool:
        """A mainland mobile number (optionally +86) written as a person's contact number."""
        number = digits_of(match)
        if not is_mobile_number(number[-11:], self.data) or _glued(text, start, end):
            return False
        if self._sample(text, start, end):
            return False
        return self._personal(text, start, end, "mobile")

    # -- 银行卡号 --

    def _organisation_account(self, text: str, start: int, end: int) -> bool:
        """The account is held by an organisation: a holder label in the same clause (户名、
        收款单位, before or after the number) names a 局、中心、公司…, or the number is
        followed by the organisation's name in brackets."""
        organisation = self.organisations
        lo = _clause_start(text, start, 80)
        hi = _clause_end(text, end, 40)
        for segment in (text[lo:start], text[end:hi]):
            for word in self.holders:
                pos = segment.find(word)
                while pos >= 0:
                    name = _HOLDER_NAME.match(segment, pos + len(word)).group(1)  # type: ignore[union-attr]
                    if any(w in name for w in organisation):
                        return True
                    pos = segment.find(word, pos + 1)
        after = text[end:hi].lstrip(" ")
        if after[:1] in ("（", "("):
            closing = min((i for i in (after.find("）"), after.find(")")) if i > 0), default=-1)
            return closing > 0 and any(w in after[1:closing] for w in organisation)
        return False

    def bank_card(self, match: str, text: str, start: int, end: int) -> bool:
        """16-19 digit card number passing the Luhn check, introduced as a person's card or
        account (卡号、银行账号…), not an organisation's account (户名：某某局、对公账户)."""
        number = digits_of(match)
        if (
            not is_card_number(number, self.data)
            or _glued(text, start, end)
            or self._sample(text, start, end)
        ):
            return False
        return self._personal(text, start, end, "bank_card") and not self._organisation_account(
            text, start, end
        )

    # -- 护照、港澳台通行证 --

    def document(self, section: str) -> Validator:
        """The validator of a travel document: its number introduced by the document's name
        (``<section>.labels`` of context.yaml)."""
        labels = LabelSet(self.data, f"{section}.labels", "resident_id.not_personal")
        wanted = f"{section}.labels"

        def check(match: str, text: str, start: int, end: int) -> bool:
            if _glued(text, start, end) or self._sample(text, start, end):
                return False
            return label_before(text, start, labels) == wanted

        check.__name__ = section
        check.__doc__ = f"A {section} number, introduced by its document's name (context.yaml)."
        return check


# -- masks -----------------------------------------------------------------------------------


def _is_code_char(ch: str) -> bool:
    return ch.isalnum() and (ch.isascii() or "\uff10" <= ch <= "\uff5a")


def _mask(text: str, keep_head: int, keep_tail: int, tail_only_of: int | None = None) -> str:
    """Mask every digit/letter except the first ``keep_head`` and last ``keep_tail``;
    separators stay where they are, a full-width character becomes a full-width ＊.
    ``tail_only_of``: the number proper is the last N characters (a +86 prefix is kept)."""
    positions = [i for i, ch in enumerate(text) if _is_code_char(ch)]
    if tail_only_of is not None and len(positions) > tail_only_of:
        positions = positions[len(positions) - tail_only_of :]
    hidden = set(positions[keep_head : max(keep_head, len(positions) - keep_tail)])
    return "".join(
        ("＊" if ch >= "\uff10" else "*") if i in hidden else ch for i, ch in enumerate(text)
    )


def mask_resident_id(match: str) -> str:
    """420106********1525: address code and the last four kept (15-digit: last three)."""
    n = sum(1 for ch in match if _is_code_char(ch))
    return _mask(match, 6, 4 if n >= 18 else 3)


def mask_mobile(match: str) -> str:
    """138****1234 (a +86 prefix is kept as written)."""
    return _mask(match, 3, 4, tail_only_of=11)


def mask_bank_card(match: str) -> str:
    """6222 **** **** 1234: the first and the last four digits kept."""
    return _mask(match, 4, 4)


def mask_document(match: str) -> str:
    """E1*****78: the first two and the last two characters kept."""
    return _mask(match, 2, 2)


# Posts a leading 原 moves in front of (the longest first: 常务副书记 before 书记)
_POSTS = sorted(
    (
        "常务副书记 副书记 书记 常务副省长 副省长 省长 常务副市长 副市长 市长 常务副县长 副县长 "
        "县长 副区长 区长 副州长 州长 副主席 主席 副主任 主任 常委 秘书长"
    ).split(),
    key=len,
    reverse=True,
)


def former_before_post(match: str) -> str:
    """原辽宁省委书记 → 辽宁省委原书记: 原 belongs in front of the post, after the organ that
    still exists."""
    body = match[1:] if match.startswith("原") else match
    post = next((p for p in _POSTS if body.endswith(p)), None)
    return body[: -len(post)] + "原" + post if post else match


def mainland_to_neidi(match: str) -> str:
    """大陆游客及香港游客 → 内地游客及香港游客: beside Hong Kong and Macao the rest of the
    country is 内地 (大陆 is Taiwan's counterpart)."""
    return match.replace("大陆", "内地")


# -- the registry ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Registry:
    """The validators and fixers that lexicons can name, by name."""

    validators: Mapping[str, Validator]
    fixers: Mapping[str, Fixer]


def builtin_registry(data: PrivacyData) -> Registry:
    """Every named validator and fixer, listed explicitly; the privacy validators are bound to
    ``data``. Registries built from different data are independent of each other."""
    privacy = _Privacy(data)
    validators: dict[str, Validator] = {
        "resident_id": privacy.resident_id,
        "disability_card_id": privacy.disability_card_id,
        "resident_id_15": privacy.resident_id_15,
        "mobile_phone": privacy.mobile_phone,
        "bank_card": privacy.bank_card,
        **{name: privacy.document(name) for name in DOCUMENTS},
        "impossible_date": impossible_date,
    }
    fixers: dict[str, Fixer] = {
        "mask_resident_id": mask_resident_id,
        "mask_mobile": mask_mobile,
        "mask_bank_card": mask_bank_card,
        "mask_document": mask_document,
        "document_number_brackets": document_number_brackets,
        "former_before_post": former_before_post,
        "mainland_to_neidi": mainland_to_neidi,
        "roc_year_to_gregorian": roc_year_to_gregorian,
        "chinese_year_zero": usage.chinese_year_zero,
        "drop_redundant_tail": usage.drop_redundant_tail,
        "drop_doubled": usage.drop_doubled,
        "plan_to_guihua": usage.plan_to_guihua,
        "celsius_after_number": usage.celsius_after_number,
        "single_punctuation": usage.single_punctuation,
        "percent_digits": usage.percent_digits,
        "chinese_tens": usage.chinese_tens,
        "drop_negation": usage.drop_negation,
        "full_width_marks": usage.full_width_marks,
        "drop_dunhao": usage.drop_dunhao,
        "drop_last_mark": usage.drop_last_mark,
        "comma_for_dunhao": usage.comma_for_dunhao,
        "arabic_magnitude": usage.arabic_magnitude,
        "range_unit": usage.range_unit,
        "dotted_date": usage.dotted_date,
        "document_serial": usage.document_serial,
    }
    return Registry(validators=validators, fixers=fixers)
