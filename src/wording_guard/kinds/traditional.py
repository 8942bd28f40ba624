"""Kind ``traditional``: text in traditional characters that was converted one character
at a time, picking the wrong one of several traditional forms.

One simplified character can stand for several traditional ones (发: 發 to develop, 髮 hair;
里: 裡 inside, 里 a mile; 干: 幹, 乾, 干). A page converted character by character writes
經濟髮展 or 幹涉; folding to simplified before matching (as the scanner does) hides it, since
both fold to the correct simplified form. This kind re-reads the original text of every
protected correct form the shared automaton found (a leader's name, a formulation, a body's
name): where the original is in traditional characters, each character must be the simplified
one or the form a standard conversion of the whole term gives (OpenCC's ``s2t``, ``s2tw``,
``s2hk`` — phrase-aware, so 發展 but 頭髮); any other traditional character is flagged, with
the term as the standard conversion writes it. With the rule's ``ambiguous`` characters (发,
干, 里 …), clauses of sentences written in traditional characters are checked outside
protected names too, as a round trip: the clause is simplified as OpenCC's t2s does it, by the
word (乾部 → 干部, while 乾隆 stays), and each such character must be what a standard conversion
back gives, of the clause, of its word or of the characters around it (經濟髮達, 干部隊伍, 乾部,
38公裏). A form the fold keeps (乾) is judged only where its simplification makes a dictionary
word the written one is not (not in the name 王丙乾). The ``by_phrase`` characters (范, 沈 …:
surnames and places written one way) are judged only where every standard's phrase tables pick
the form (范仲淹, never the default 範). Texts without traditional characters cost one regex
search.

A slip inside a protected form of one of the entry's ``categories`` is reported under that
form's category and severity (科學髮展觀 is a wrong formulation, not a typo), through entries
derived per category (``surface.py``); in the forms of ``name_categories`` (people's names)
the ``in_names`` characters must have the form names use (范, 沈), whatever OpenCC's default.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from ..context import sentence_bounds
from ..lexicon.schema import EntryBase, RuleBase
from ..models import Category
from .base import Candidate, KindDoc, RuleKind, ScanEnv, ScanInput, entries_of
from .surface import Owners, derive_owners

if TYPE_CHECKING:
    from ..compiler import Builder
    from ..lexicon.loader import LoadedRule
    from ..segment import Segmenter

Standard = Literal["s2t", "s2tw", "s2hk"]


# texts up to this long are searched for traditional characters without a compiled pattern
_READ_BY_CHARACTER = 4096


class TraditionalEntry(EntryBase):
    standards: list[Standard] = Field(min_length=1)
    """The OpenCC conversions whose traditional forms are accepted (OpenCC's own standard,
    Taiwan's, Hong Kong's); the first one gives the suggestion."""
    categories: list[Category] = Field(default_factory=list)
    """A slip inside a protected form of one of these categories (a leader's name, a
    formulation, a body's name) is reported under that form's category and severity, not as
    a typo of this rule's."""
    name_categories: list[Category] = Field(default_factory=list)
    """Protected forms of these categories are people's names: their ``in_names``
    characters are checked against the rule's table, not a standard conversion."""


class TraditionalRule(RuleBase):
    kind: Literal["traditional"]
    ambiguous: dict[str, str] = Field(default_factory=dict)
    """Simplified characters that stand for several traditional ones, with those forms
    (发: 發髮). In clauses written in traditional characters, every such character is checked
    too, not only those inside protected names."""
    by_phrase: dict[str, str] = Field(default_factory=dict)
    """Simplified characters whose forms a standard picks by the word (范: 範范, 範圍 but
    范仲淹): checked in traditional clauses only where every standard's phrase tables decide
    the form (the word converts otherwise than the character alone), never by a default."""
    in_names: dict[str, str] = Field(default_factory=dict)
    """Simplified characters whose standard conversion is wrong in people's names, with the
    form names use (范: 范 — the surname, while OpenCC's default gives 範)."""
    entries: list[TraditionalEntry] = Field(min_length=1, max_length=1)


@dataclass(frozen=True)
class _Data:
    entry: int
    standards: tuple[str, ...]
    ambiguous: dict[str, str]
    by_phrase: dict[str, str]
    owners: Owners | None = None
    in_names: dict[str, str] = field(default_factory=dict)
    name_categories: frozenset[Category] = frozenset()


class Traditional(RuleKind):
    name = "traditional"
    rule_model = TraditionalRule
    doc = KindDoc(
        what="A protected name or formulation, or a word of a sentence in traditional "
        "characters, with a character no standard conversion gives there (經濟髮展 for "
        "經濟發展, 髮 being hair; 幹涉 for 干涉; 乾部 for 幹部; 38公裏 for 38公里).",
        why="Pages converted character by character pick the wrong one of several traditional "
        "forms; folding to simplified before matching hides the error, so the original "
        "characters of every protected hit are checked against standard conversions. A slip "
        "inside a protected form is reported under the form's category and severity "
        "(``categories``); people's names use the rule's ``in_names`` forms (范長龍, not "
        "OpenCC's 範).",
        example="- standards: [s2t, s2tw, s2hk]\n# → flags 新髮展理念, suggesting 新發展理念",
    )

    def computed_suggestion(self, entry: EntryBase) -> bool:
        return True

    def compile(self, loaded: LoadedRule, builder: Builder) -> None:
        rule_index = builder.add_rule(loaded)
        rule = loaded.rule
        assert isinstance(rule, TraditionalRule)
        for _, entry, line in entries_of(loaded):
            assert isinstance(entry, TraditionalEntry)
            index = builder.add_entry(rule_index, entry, line)
            rules: list[_Data] = builder.kind_data.setdefault(self.name, [])
            owners = (
                derive_owners(loaded, builder, rule_index, entry.categories)
                if entry.categories
                else None
            )
            rules.append(
                _Data(
                    index,
                    tuple(entry.standards),
                    dict(rule.ambiguous),
                    dict(rule.by_phrase),
                    owners,
                    dict(rule.in_names),
                    frozenset(entry.name_categories),
                )
            )

    def finder(self, data: Any, env: ScanEnv) -> TraditionalFinder | None:
        return TraditionalFinder(data, env) if data else None


class TraditionalFinder:
    """Checks the protected hits, and the clauses, of texts that contain traditional
    characters. The OpenCC converters load on the first such text."""

    def __init__(self, rules: list[_Data], env: ScanEnv) -> None:
        self._rules = rules
        self._segmenter = env.segmenter
        self._normalizer = env.normalizer
        self._entries = env.entries
        self._traditional: re.Pattern[str] | None = None
        self._traditional_set: frozenset[str] | None = None
        self._converters: dict[str, Any] = {}
        self._forms: dict[tuple[str, str], str] = {}  # (standard, term) -> converted term
        self._lock = threading.Lock()

    def _convert(self, standard: str, term: str) -> str:
        key = (standard, term)
        form = self._forms.get(key)
        if form is None:
            converter = self._converters.get(standard)
            if converter is None:
                with self._lock:
                    converter = self._converters.get(standard)
                    if converter is None:
                        import opencc

                        converter = self._converters[standard] = opencc.OpenCC(standard)
            form = self._forms[key] = str(converter.convert(term))
        return form

    def find(self, scan: ScanInput) -> Iterator[Candidate]:
        text, folded = scan.text, scan.folded
        if text == folded:
            return
        # where the text holds traditional characters (most texts that fold hold none: only
        # full-width punctuation and digits); nothing to check without them
        hits = self._traditional_at(text)
        if not hits:
            return
        for start, end in scan.protected:
            original = text[start:end]
            term = folded[start:end]
            if original == term:
                continue
            for data in self._rules:
                owner = self._owner(data, original)
                fixed = self._check(data, original, term)
                if fixed is not None:
                    # read with two characters either side, a standard may give the original
                    # (錯綜複雜: the term 错综复 alone converts to 錯綜復)
                    lo, hi = max(0, start - 2), min(len(text), end + 2)
                    if self._check(data, text[lo:hi], folded[lo:hi]) is None:
                        fixed = None
                if owner is not None and owner[1] in data.name_categories:
                    fixed = _in_names(data.in_names, original, term, fixed)
                if fixed is None:
                    continue
                yield Candidate(start, end, data.entry if owner is None else owner[0], fixed)
        for data in self._rules:
            if data.in_names and data.owners is not None and data.name_categories:
                yield from self._names(data, text, folded, scan.protected, hits)
            if (data.ambiguous or data.by_phrase) and len(hits) >= MIN_TRADITIONAL:
                yield from self._clauses(data, text, folded, scan.protected, hits)

    def _names(
        self,
        data: _Data,
        text: str,
        folded: str,
        protected: tuple[tuple[int, int], ...],
        hits: list[int],
    ) -> Iterator[Candidate]:
        """People's names that other kinds match beside titles (``Owners.names``: 沈跃跃
        after 全国人大常委会副委员长), not protected forms: where an ``in_names`` character
        written in another form (瀋) begins one, the name is flagged."""
        assert data.owners is not None
        in_names, owners = data.in_names, data.owners
        category = min(data.name_categories)
        for k in hits:
            form = in_names.get(folded[k])
            if form is None or text[k] == form:
                continue
            if any(s <= k < e for s, e in protected):
                continue  # judged with the protected form
            for n in _NAME_LENGTHS:
                entry = owners.name_entry(folded[k : k + n], self._entries, category)
                if entry is not None and k + n <= len(text):
                    yield Candidate(k, k + n, entry, form + text[k + 1 : k + n])
                    break

    def _clauses(
        self,
        data: _Data,
        text: str,
        folded: str,
        protected: tuple[tuple[int, int], ...],
        hits: list[int],
    ) -> Iterator[Candidate]:
        """Ambiguous characters outside protected names, in clauses (runs of Chinese
        characters) of sentences written in traditional characters (at least
        ``MIN_TRADITIONAL`` of the sentence's characters are traditional forms, ``hits`` the
        positions of all of the text's): each must be what a standard conversion of the whole
        clause gives there. The clause is first simplified as a standard does it, by the word
        (乾部 → 干部, while 乾隆 keeps 乾), so that a traditional form the character-by-character
        fold keeps (乾, 後) is checked too: the round trip must give back what is written."""
        ambiguous, by_phrase = data.ambiguous, data.by_phrase
        covered = {k for s, e in protected for k in range(s, e)}
        hi = 0
        for at in hits:
            if at < hi:
                continue
            lo, hi = _clause_at(folded, at)
            # a short clause between digits (38公裏) holds too few characters to tell: its
            # sentence tells
            first, last = sentence_bounds(folded, lo, hi, _SENTENCE_REACH)
            if bisect_left(hits, last) - bisect_left(hits, first) < MIN_TRADITIONAL:
                continue
            # (folded again by the character: the scan's fold also folds the kept forms of
            # one reading, 後, in traditional text, and 乾 must show here as kept)
            original = text[lo:hi]
            fold = self._normalizer.fold(original)
            clause = self._simplified(original, fold)
            suspects = [
                k
                for k, (o, f) in enumerate(zip(original, clause, strict=True))
                if lo + k not in covered
                and (
                    (f in ambiguous and (o == f or o in ambiguous[f]))
                    or (f in by_phrase and (o == f or o in by_phrase[f]))
                )
            ]
            if not suspects:
                continue
            forms = [self._convert(s, clause) for s in data.standards]
            if any(len(form) != len(clause) for form in forms):
                continue
            wrong = [
                k
                for k in suspects
                if original[k] not in {form[k] for form in forms}
                and (clause[k] in ambiguous or self._by_phrase(data, clause[k], forms, k))
            ]
            if any(original[k] == clause[k] for k in wrong) and not _written_traditional(
                original, clause, forms[0]
            ):
                # a simplified character is an error only in a clause written in traditional
                # characters, not in simplified text that quotes a traditional name (習進平)
                wrong = [k for k in wrong if original[k] != clause[k]]
            if not wrong:
                continue
            cuts = self._segmenter.cuts(clause)
            if any(original[k] == fold[k] != clause[k] for k in wrong):
                # a form the fold keeps (乾) is a slip only where its simplification makes a
                # word the original is not (乾部 → 干部); elsewhere it is a name (王丙乾)
                wrong = [
                    k
                    for k in wrong
                    if original[k] != fold[k]
                    or clause[k] == fold[k]
                    or _makes_word(self._segmenter, cuts, clause, fold, k)
                ]
            end = 0
            for k in wrong:
                s, e = _word_at(cuts, k, len(clause))
                if s < end or self._converts_to(data, clause, original, k, s, e):
                    continue
                end = e
                fixed = "".join(forms[0][j] if j == k else original[j] for j in range(s, e))
                yield Candidate(lo + s, lo + e, data.entry, fixed)

    def _owner(self, data: _Data, original: str) -> tuple[int, Category] | None:
        """The entry a slip inside the protected form ``original`` is reported under, and
        the form's category; None when it is reported as a typo of the rule."""
        owners = data.owners
        if owners is None:
            return None
        entry = owners.entry_for(self._normalizer.term(original), self._entries, None)
        if entry is None:
            return None
        category = self._entries[entry].category
        return None if category is None else (entry, Category(category))

    def _simplified(self, original: str, folded: str) -> str:
        """The clause as OpenCC's t2s simplifies it, by the word; the fold where the phrase
        tables change its length."""
        simplified = self._convert("t2s", original)
        return simplified if len(simplified) == len(original) else folded

    def _by_phrase(self, data: _Data, char: str, forms: list[str], k: int) -> bool:
        """Whether every standard's form at ``k`` comes from its phrase tables: it differs
        from the standard's conversion of the character alone (范仲淹, not the default 範)."""
        return all(
            form[k] != self._convert(standard, char)
            for standard, form in zip(data.standards, forms, strict=True)
        )

    def _traditional_at(self, text: str) -> list[int]:
        """Where the text holds Chinese characters that fold to another one (traditional
        forms): a search for them skips the ~99% of texts that have none, full-width
        punctuation and all. A short text is read character by character: compiling the
        search (a class of ~3,400 characters, ~10 ms) would cost a one-page scan more than
        reading it."""
        chars = self._traditional_set
        if chars is None:  # built on first use; threads may race harmlessly
            chars = self._traditional_set = frozenset(
                chr(cp)
                for cp, to in self._normalizer.fold_table.items()
                if cp != to and _han(chr(cp)) and _han(chr(to))
            )
        if len(text) <= _READ_BY_CHARACTER:
            return [k for k, ch in enumerate(text) if ch in chars]
        pattern = self._traditional
        if pattern is None:
            pattern = self._traditional = re.compile("[" + "".join(sorted(chars)) + "]")
        return [m.start() for m in pattern.finditer(text)]

    def _converts_to(self, data: _Data, clause: str, original: str, k: int, s: int, e: int) -> bool:
        """Whether a standard conversion of the word at ``k`` alone, or of a few characters
        around it, gives the original character: OpenCC's phrase matching depends on the
        text around a word (干涉 but 乾涉 inside a longer run), and any reading a standard
        gives is accepted."""
        pieces = [(s, e), (max(0, k - 2), min(len(clause), k + 3))]
        for a, b in pieces:
            for standard in data.standards:
                form = self._convert(standard, clause[a:b])
                if len(form) == b - a and form[k - a] == original[k]:
                    return True
        return False

    def _check(self, data: _Data, original: str, term: str) -> str | None:
        """The term as the first standard writes it, where ``original`` has a traditional
        character that none of the standards gives; None when it reads right."""
        # only characters folded from a traditional form count (width and case folds do not)
        changed = [
            k
            for k, (o, f) in enumerate(zip(original, term, strict=True))
            if o != f and _han(o) and _han(f)
        ]
        if not changed:
            return None
        forms = [self._convert(s, term) for s in data.standards]
        if any(len(form) != len(term) for form in forms):
            return None  # a phrase conversion changed the length: positions do not align
        wrong = [k for k in changed if original[k] not in {form[k] for form in forms}]
        # an ambiguous character left simplified where every standard converts it (國家標准化),
        # in a form written in traditional characters
        left = [
            k
            for k, (o, f) in enumerate(zip(original, term, strict=True))
            if o == f and f in data.ambiguous and all(form[k] != f for form in forms)
        ]
        if left and _written_traditional(original, term, forms[0]):
            wrong = sorted({*wrong, *left})
        if not wrong:
            return None
        first = forms[0]
        return "".join(first[k] if k in wrong else o for k, o in enumerate(original))


def _in_names(in_names: dict[str, str], original: str, term: str, fixed: str | None) -> str | None:
    """``fixed`` (or the original) with each ``in_names`` character of a person's name put
    in the form names use (範長龍 → 范長龍); None when nothing is wrong."""
    chars = list(fixed or original)
    wrong = False
    for k, f in enumerate(term):
        form = in_names.get(f)
        if form is not None and original[k] != form:
            chars[k] = form
            wrong = True
    return "".join(chars) if wrong else fixed


# the lengths of a person's name looked up from its surname, longest first
_NAME_LENGTHS = (4, 3, 2)


# a clause counts as traditional text when this many of its characters fold to another
MIN_TRADITIONAL = 2


# the share of a clause's convertible characters that must be in traditional form for it to
# count as written in traditional characters
TRADITIONAL_SHARE = 0.65


def _written_traditional(original: str, clause: str, converted: str) -> bool:
    """Whether most characters that a conversion changes are already traditional in the
    original (``clause``: folded, ``converted``: a standard conversion of it)."""
    convertible = [k for k, (f, c) in enumerate(zip(clause, converted, strict=True)) if f != c]
    written = sum(original[k] != clause[k] for k in convertible)
    return bool(convertible) and written >= TRADITIONAL_SHARE * len(convertible)


def _clause_at(folded: str, at: int) -> tuple[int, int]:
    """The run of Chinese characters around position ``at``."""
    lo = at
    while lo > 0 and _han(folded[lo - 1]):
        lo -= 1
    hi = at + 1
    while hi < len(folded) and _han(folded[hi]):
        hi += 1
    return lo, hi


def _makes_word(segmenter: Segmenter, cuts: list[int], clause: str, fold: str, k: int) -> bool:
    """Whether the word at ``k`` of the simplified ``clause`` is a dictionary word of two or
    more characters, no person's name, while the same characters as written (``fold``) are
    no word."""
    i = bisect_right(cuts, k)
    s, e = cuts[i - 1], cuts[i]
    if e - s < 2:
        return False
    has_word = segmenter.lookup()
    word = clause[s:e]
    return has_word(word) and not has_word(fold[s:e]) and segmenter.tag(word) != "nr"


# how far either side of a clause its sentence is read (a text without marks is no sentence)
_SENTENCE_REACH = 100


def _word_at(cuts: list[int], k: int, n: int) -> tuple[int, int]:
    """The word (between two ``cuts``) holding position ``k``; a one-character word is taken
    with its neighbours, so that the finding shows the context."""
    i = bisect_right(cuts, k)
    s, e = cuts[i - 1], cuts[i]
    return (max(0, k - 1), min(n, k + 2)) if e - s == 1 else (s, e)


def _han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


KIND = Traditional()
