"""Checks of structure rather than strings: who holds which title (kind ``office``) and
named fixed lists (kind ``enumeration``). Both look only around their anchors.

Raw hits have the scanner's shape: (start, end, entry index, STRUCTURED, suggestion).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterator

import ahocorasick_rs

from . import context
from .compiler import Compiled
from .normalize import Normalizer

_Raw = tuple[int, int, int, int, "str | None"]
# pattern index of raw hits from these checks: they judge dates themselves
STRUCTURED = -2
_NAME_LIST_SEPARATORS = "、，, "
# 和/及 are not separators here: they occur inside items (和谐, 普及)
_ITEM_SEPARATORS = re.compile(r"[、，,；;]")
_LIST_END = "。；;！？!?）)”\n"
# what may stand between a list's name and its items: 四个意识”，即… / 四个全面战略布局：…
_LEAD_IN = re.compile(
    r"^[”’\"]?[^,，。；;:：、“”]{0,6}?(?:[,，]?(?:即|就是|是指|包括)|[:：]|[(（])"
)


class OfficeChecker:
    """A current office-holder's name next to a title held by someone else → serious;
    3+ ranked names listed out of protocol order → the entry's list order notice."""

    def __init__(self, compiled: Compiled) -> None:
        self.holder_of: dict[str, int] = {}  # name -> entry
        self.titles: dict[str, set[int]] = {}  # title -> entries that hold it
        self.display: dict[int, tuple[str, str]] = {}  # entry -> (name, first title)
        self.rank: dict[int, int] = {}
        for entry_index, names, titles, rank in compiled.offices:
            for name in names:
                self.holder_of[name] = entry_index
            for title in titles:
                self.titles.setdefault(title, set()).add(entry_index)
            self.display[entry_index] = (names[0], titles[0])
            if rank:
                self.rank[entry_index] = rank
        words = sorted(set(self.holder_of) | set(self.titles))
        self._ac = (
            ahocorasick_rs.AhoCorasick(words, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
            if words
            else None
        )
        self._words = words

    def find(
        self,
        view_text: str,
        to_original: Callable[[int, int], tuple[int, int]],
        folded: str,
        compiled: Compiled,
        date: dt.date | None,
    ) -> Iterator[_Raw]:
        if self._ac is None:
            return
        tokens = [(self._words[i], s, e) for i, s, e in self._ac.find_matches_as_indexes(view_text)]
        if len(tokens) < 2:
            return
        for (a, sa, ea), (b, sb, eb) in itertools.pairwise(tokens):
            if ea != sb:
                continue
            if a in self.titles and b in self.holder_of:
                title, name = a, b
            elif a in self.holder_of and b in self.titles:
                name, title = a, b
            else:
                continue
            holder = self.holder_of[name]
            if holder in self.titles[title]:
                continue
            os, oe = to_original(sa, eb)
            entry = compiled.entries[holder]
            if entry.valid_from is not None and context.dated_before(
                folded, os, oe, entry.valid_from, date
            ):
                continue  # before the person took the current office, other titles were right
            right_holder = min(self.titles[title])
            suggestion = (
                title + self.display[right_holder][0]
                if a == title
                else self.display[right_holder][0] + title
            )
            yield os, oe, holder, STRUCTURED, suggestion
        yield from self._order(tokens, view_text, to_original, compiled)

    def _order(
        self,
        tokens: list[tuple[str, int, int]],
        view_text: str,
        to_original: Callable[[int, int], tuple[int, int]],
        compiled: Compiled,
    ) -> Iterator[_Raw]:
        run: list[tuple[str, int, int]] = []
        for token in [*tokens, ("", -1, -1)]:
            name = token[0]
            ranked = name in self.holder_of and self.holder_of[name] in self.rank
            joined = (
                bool(run)
                and 0 < token[1] - run[-1][2] <= 1
                and view_text[run[-1][2]] in _NAME_LIST_SEPARATORS
            )
            if ranked and (not run or joined):
                run.append(token)
                continue
            if len(run) >= 3:
                ranks = [self.rank[self.holder_of[n]] for n, _, _ in run]
                if ranks != sorted(ranks):
                    sep = view_text[run[0][2]]
                    ordered = sep.join(
                        n for _, n in sorted(zip(ranks, [r[0] for r in run], strict=True))
                    )
                    os, oe = to_original(run[0][1], run[-1][2])
                    rule = compiled.entries[self.holder_of[run[0][0]]].rule
                    yield os, oe, compiled.order_entries[rule], STRUCTURED, ordered
            run = [token] if ranked else []


class EnumerationChecker:
    """A named list (四个全面：…) whose items are wrong, missing or out of order → serious."""

    def __init__(self, compiled: Compiled, normalizer: Normalizer) -> None:
        self.lists = compiled.enumerations
        self.normalizer = normalizer

    def find(self, folded: str, compiled: Compiled, date: dt.date | None) -> Iterator[_Raw]:
        done: set[tuple[int, int]] = set()
        by_name: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        for entry_index, name, items in self.lists:
            by_name.setdefault(name, []).append((entry_index, items))
        for name, versions in by_name.items():
            pos = folded.find(name)
            while pos != -1:
                for span in (_after(folded, pos + len(name)), _before(folded, pos)):
                    if span is None or span[:2] in done:
                        continue
                    hit = self._judge(folded, span, versions, compiled, date)
                    if hit is not None:
                        done.add(span[:2])
                        yield hit
                pos = folded.find(name, pos + len(name))

    def _judge(
        self,
        folded: str,
        span: tuple[int, int, list[str], str],
        versions: list[tuple[int, tuple[str, ...]]],
        compiled: Compiled,
        date: dt.date | None,
    ) -> _Raw | None:
        start, end, parts, sep = span
        all_items = {item for _, items in versions for item in items}
        # the first part may carry the sentence's verb (坚持创新), the last one what follows
        # the list (全面从严治党的战略布局): trim both to the item they hold
        first = next((x for x in all_items if parts[0].endswith(x)), None)
        if first is not None:
            start += len(parts[0]) - len(first)
            parts = [first, *parts[1:]]
        last = next((x for x in all_items if parts[-1].startswith(x)), None)
        if last is not None:
            end -= len(parts[-1]) - len(last)
            parts = [*parts[:-1], last]
        seen = tuple(self.normalizer.term(p) for p in parts)
        matched = sum(1 for p in seen if p in all_items)
        if matched < 2 or matched < len(seen) - 1:
            return None  # not this list: an ordinary sentence next to the name
        in_force = []
        for entry_index, items in versions:
            entry = compiled.entries[entry_index]
            if entry.valid_to is not None and not context.dated_before(
                folded, start, end, entry.valid_to, date
            ):
                continue  # replaced before the document's date
            if entry.valid_from is not None and context.dated_before(
                folded, start, end, entry.valid_from, date
            ):
                continue  # not yet in force at the document's date
            in_force.append((entry_index, items))
        if any(seen == items for _, items in in_force):
            return None
        target = in_force[0] if in_force else versions[0]
        return start, end, target[0], STRUCTURED, sep.join(target[1])


def _split(segment: str) -> tuple[list[str], str]:
    parts = [p for p in _ITEM_SEPARATORS.split(segment)]
    seps = _ITEM_SEPARATORS.findall(segment)
    sep = "、" if "、" in seps else (seps[0] if seps else "、")
    return parts, sep


def _after(folded: str, pos: int) -> tuple[int, int, list[str], str] | None:
    """Items written after a list name: 四个全面，即全面…、全面…"""
    lead = _LEAD_IN.match(folded[pos : pos + 14])
    if lead is None:
        return None
    i = pos + lead.end()
    end = i
    while end < len(folded) and end - i < 120 and folded[end] not in _LIST_END:
        end += 1
    parts, sep = _split(folded[i:end])
    if len(parts) < 2:
        return None
    return i, end, parts, sep


def _before(folded: str, pos: int) -> tuple[int, int, list[str], str] | None:
    """Items written before a list name: 创新、协调、绿色、开放、共享的新发展理念"""
    end = pos
    if folded[max(0, end - 1) : end] == "的":
        end -= 1
    start = end
    while start > 0 and end - start < 80 and folded[start - 1] not in _LIST_END + "，,：:":
        start -= 1
    parts, sep = _split(folded[start:end])
    if len(parts) < 2:
        return None
    # the first part carries the verb of the sentence (坚持创新): trim it to the item length
    return start, end, parts, sep
