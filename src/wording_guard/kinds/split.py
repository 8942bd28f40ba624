"""Kind ``split``: a protected name broken by whitespace, as text copied from a PDF or a
fixed-width page writes it (胡锦 涛, 中华人民 共和国, 国家发展和改革 委员会).

The scanner matches terms in the compact view, where spaces, no-break and full-width spaces
and a line break between two Chinese characters are noise: the name is found whole and, being
a correct form, shields what it covers — the break inside it goes unseen. This kind re-reads
the original text of every protected form the shared automaton found, so one check serves
every list of names (leaders, meetings, formulations, countries and regions, bodies): a form
with whitespace inside is reported under its own category, the whitespace removed as the
suggestion, the span over the whole form as written.

Not reported: a form with other noise inside besides whitespace (习 近·平: set apart on
purpose, which the name rules accept); whitespace beside a number (成立 75 周年); gaps
that join whole terms (``_junction``: a slogan's two halves, a title beside a person's
name); a form whose every two characters stand apart (李 鹏, 中 华 人 民 共 和 国:
letter-spacing and the aligned names of a list are deliberate typesetting), and a form
broken only by line breaks where the text is hard-wrapped (``WRAPPED_BREAKS`` or more line
breaks inside sentences within ``WRAP_REACH`` characters: a plain-text archive wrapped at a
fixed width breaks lines anywhere, names included). Texts without whitespace inside a run
of Chinese characters cost one regex search.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from ..lexicon.schema import EntryBase, RuleBase
from ..models import Category, Severity
from .base import Candidate, KindDoc, RuleKind, ScanEnv, ScanInput, entries_of
from .surface import Owners, derive_owners

if TYPE_CHECKING:
    from ..compiler import Builder
    from ..lexicon.loader import LoadedRule
    from ..normalize import Normalizer


class SplitEntry(EntryBase):
    categories: list[Category] = Field(min_length=1)
    """The categories of protected forms checked; a break is reported under the form's."""


class SplitRule(RuleBase):
    kind: Literal["split"]
    entries: list[SplitEntry] = Field(min_length=1, max_length=1)


@dataclass(frozen=True)
class _Data:
    owners: Owners


# whitespace a page shows as a gap: spaces (ASCII, no-break, full-width, the typographic
# ones) and line ends; zero-width characters and marks (also noise to the matcher) show none
_SPACE = " \t\r\n\u00a0\u3000\u2000-\u200a\u202f\u205f"
_HAN = "\u3400-\u9fff\uf900-\ufaff"
# a whitespace run between two Chinese characters (a space beside a number is typesetting:
# 成立 75 周年)
# (a character set first, the look-behind after it: the engine skips ahead to the spaces)
_GAP = re.compile(f"[{_SPACE}](?<=[{_HAN}][{_SPACE}])[{_SPACE}]*(?=[{_HAN}])")
# whitespace anywhere: what a broken name's suggestion leaves out
_SPACES = re.compile(f"[{_SPACE}]+")
# a line break inside a sentence (between two Chinese characters)
_WRAP = re.compile(f"(?<=[{_HAN}])\r?\n(?=[{_HAN}])")

# the longest half of a slogan whose two halves may be set apart (不忘初心 牢记使命)
_SLOGAN_HALF = 4

# the longest title after a person's name (同志, 总书记, 委员长) set apart by a space
_TITLE = 4

# a text with this many line breaks inside sentences within WRAP_REACH characters of a name
# is hard-wrapped there: its line breaks inside names are its layout, not a slip of the page.
# Judged near the name (as far as a page or a day's transcript runs), not over the whole
# text, so that a text scanned in windows (stream.REACH each way) decides as a whole scan
WRAPPED_BREAKS = 2
WRAP_REACH = 5000


class Split(RuleKind):
    name = "split"
    rule_model = SplitRule
    doc = KindDoc(
        what="A protected name (a leader, a meeting, a formulation, a country or region, a "
        "body) with a space, a full-width or no-break space or a line break inside it "
        "(胡锦 涛, 十八届 三中全会, 中华人民 共和国), reported under the name's category.",
        why="Text copied from PDFs and fixed-width pages breaks names; the matcher reads "
        "through whitespace, so the broken name was silently accepted as correct.",
        example="- categories: [leader_name, meeting_name]\n# → flags 胡锦 涛, suggesting 胡锦涛",
    )

    def computed_suggestion(self, entry: EntryBase) -> bool:
        return True

    def compile(self, loaded: LoadedRule, builder: Builder) -> None:
        rule_index = builder.add_rule(loaded)
        rule = loaded.rule
        assert isinstance(rule, SplitRule)
        for _, entry, line in entries_of(loaded):
            assert isinstance(entry, SplitEntry)
            builder.add_entry(rule_index, entry, line)
            owners = derive_owners(
                loaded, builder, rule_index, entry.categories, (entry.severity or rule.severity,)
            )
            rules: list[_Data] = builder.kind_data.setdefault(self.name, [])
            rules.append(_Data(owners))

    def finder(self, data: Any, env: ScanEnv) -> SplitFinder | None:
        return SplitFinder(data, env) if data else None


class SplitFinder:
    def __init__(self, rules: list[_Data], env: ScanEnv) -> None:
        self._rules = rules
        self._entries = env.entries
        self._normalizer: Normalizer = env.normalizer

    def find(self, scan: ScanInput) -> Iterator[Candidate]:
        if not scan.protected or len(scan.view.text) == len(scan.text):
            return  # no noise at all: nothing the matcher read through
        text = scan.text
        gaps = [(m.start(), m.end()) for m in _GAP.finditer(text)]
        if not gaps:
            return
        starts = [s for s, _ in gaps]
        spans: list[tuple[int, int, list[tuple[int, int]]]] = []
        spaced: set[tuple[int, int]] = set()
        for start, end in scan.protected:
            # the gaps wholly inside the form
            i = bisect_right(starts, start)
            inside = []
            while i < len(gaps) and gaps[i][1] < end:
                inside.append(gaps[i])
                i += 1
            if not inside:
                continue
            if len(inside) >= end - start - sum(e - s for s, e in inside) - 1:
                # letter-spaced or aligned: every two characters apart (李 强), also where a
                # longer form holds it (国务院总理李 强)
                spaced.update(inside)
            else:
                spans.append((start, end, inside))
        found: list[tuple[Candidate, list[tuple[int, int]]]] = []
        for start, end, inside in spans:
            inside = [gap for gap in inside if gap not in spaced]
            if not inside:
                continue
            original = text[start:end]
            joined = _SPACES.sub("", original)
            if all(_is_break(text[s:e]) for s, e in inside):
                near = _WRAP.findall(text, max(0, start - WRAP_REACH), end + WRAP_REACH)
                if len(near) >= WRAPPED_BREAKS:
                    continue
            norm = self._normalizer.term(original)
            if len(norm) != len(joined):
                continue  # other noise too (习 近·平): no layout slip, a name set apart on purpose
            pieces = _pieces(text, start, end, inside)
            for data in self._rules:
                entry = data.owners.entry_for(norm, self._entries, _severity(data))
                if entry is None:
                    continue
                if self._junction(data.owners, pieces):
                    break
                found.append((Candidate(start, end, entry, joined, unshielded=True), inside))
                break
        for cand, inside in found:
            if not self._holds_name(text, found, cand, inside):
                yield cand

    def _holds_name(
        self,
        text: str,
        found: list[tuple[Candidate, list[tuple[int, int]]]],
        outer: Candidate,
        inside: list[tuple[int, int]],
    ) -> bool:
        """Whether a person's name reported within ``outer`` holds all of its gaps (胡锦 涛
        inside 国家主席胡锦 涛, a title-and-name form of another list): the break is reported
        once, on the name it breaks."""
        for cand, _ in found:
            if (cand.start, cand.end) == (outer.start, outer.end):
                continue
            if not (outer.start <= cand.start and cand.end <= outer.end):
                continue
            if not all(cand.start < gap < cand.end for gap, _ in inside):
                continue
            norm = self._normalizer.term(text[cand.start : cand.end])
            for data in self._rules:
                if data.owners.category_of(norm, self._entries) == Category.LEADER_NAME:
                    return True
        return False

    def _junction(self, owners: Owners, pieces: list[str]) -> bool:
        """Whether the gaps join whole terms rather than break one: two halves of the same
        length (不忘初心 牢记使命, 新时代 新征程: a slogan's parallel parts set apart in a
        title), every piece a protected form itself, the last a person's name (国家主席 习近平:
        a title before the name), or the first one before a short title (胡锦涛 同志)."""
        if len(pieces) == 2 and len(pieces[0]) == len(pieces[1]) <= _SLOGAN_HALF:
            return True  # two parallel halves of a slogan set apart (新时代 新征程)
        categories = [owners.category_of(self._normalizer.term(p), self._entries) for p in pieces]
        if all(c is not None for c in categories) or categories[-1] == Category.LEADER_NAME:
            return True
        # a name before a short title (李克强 总理, 胡锦涛 同志), not before a formulation
        return categories[0] == Category.LEADER_NAME and 2 <= sum(map(len, pieces[1:])) <= _TITLE


def _pieces(text: str, start: int, end: int, gaps: list[tuple[int, int]]) -> list[str]:
    """The text of ``start``..``end`` between the ``gaps`` inside it."""
    bounds = [start, *(x for gap in gaps for x in gap), end]
    return [text[bounds[k] : bounds[k + 1]] for k in range(0, len(bounds), 2)]


def _severity(data: _Data) -> Severity:
    return next(iter(data.owners.derived))[1]


def _is_break(gap: str) -> bool:
    """A gap that is only a line end (a hard wrap), no space."""
    return gap.strip("\r\n") == ""


KIND = Split()
