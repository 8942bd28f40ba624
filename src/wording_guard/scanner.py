"""The scanner: normalize, match, let each kind find, apply context and the overlap policy,
build findings. See ``docs/architecture.md`` for the pipeline."""

from __future__ import annotations

import bisect
import datetime as dt
import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property
from itertools import compress, repeat
from operator import itemgetter, not_
from pathlib import Path

from . import suppress
from .cache import load_compiled, load_matcher, trim_heap
from .charmodel import Models
from .compiler import ALNUM_END, ALNUM_START, ascii_alnum
from .context import (
    Context,
    ContextWords,
    dated_again,
    dated_before,
    dated_since,
    sentence_year,
)
from .dates import document_number_codes
from .errors import ConfigError, InputError
from .kinds import KINDS
from .kinds.base import Candidate, EntryInfo, Finder, RuleInfo, ScanEnv, ScanInput
from .matcher import DEFAULT_BACKEND, spans_by_pattern
from .models import Category, Finding, Severity
from .normalize import letter_spaced_runs
from .overlap import Shield, drop_advice_beside, drop_guesses_beside, resolve
from .pages import PAGE_RULE_IDS, TitleRules
from .segment import Segmenter
from .source import SourceText
from .startup import cache_dir, gc_paused
from .validators import builtin_registry

_NEWLINE = re.compile("\n")
_SPAM = Category.ILLEGAL_CONTENT
# the categories whose terms may be quoted as words a sentence speaks of (Context.mentioned):
# claims and slurs are reported and forbidden by quoting them; a misspelt name or a wrong
# formulation in quotes is still written wrong, and spam keywords quoted in a report of the
# hack (首页出现“…|…”字样) still put them on the page
_MENTION_CATEGORIES = frozenset({Category.IMPROPER_WORDING})
_ADVICE = Category.IMPROPER_WORDING

WHOLE_SCAN_CHARS = 1 << 20
"""Texts longer than this are scanned in windows (``stream.scan_chunks``): the findings are
those of a whole scan wherever what a check reads lies within a window's reach (see
``stream``), and memory no longer grows with the text besides the findings themselves."""


def _rules_of(rules: Sequence[RuleInfo], category: Category) -> frozenset[int]:
    """The indices of the rules of one category (a candidate's rule is tested against them
    per text: an int set test, not a category lookup)."""
    return frozenset(i for i, rule in enumerate(rules) if rule.category is category)


_START, _END, _PID, _SPAN = itemgetter(0), itemgetter(1), itemgetter(2), itemgetter(0, 1)
_ALLOW = itemgetter(2)  # of a shield: an allow-list term's
_ZERO_TO_ONE = bytes([1] + [0] * 255)  # a translation: 1 where a byte is 0, else 0
# what a hit asks for (Scanner._hit_kind), and translations of the kinds to 1 where one is
_CHECK, _PLAIN, _ROLE = 0, 1, 2
# a listed string at least this long that its context excuses shields the guesses inside it
# (shorter ones are often excused for standing across words, and name nothing)
_EXCUSED_LENGTH = 4
_PLAIN_OR_CHECK = bytes.maketrans(b"\x00\x01", bytes([_CHECK, _PLAIN]))
_IS_CHECK = bytes([1, 0, 0] + [0] * 253)
_IS_PLAIN = bytes([0, 1, 0] + [0] * 253)
_IS_ROLE = bytes([0, 0, 1] + [0] * 253)
_NO_ROLE: tuple[str | None, str | None] = (None, None)
# the text either side of a letter-spaced stretch read with it (a warning, a title before it)
_SPACED_CONTEXT = 80


class Scanner:
    """A compiled set of lexicons, ready to scan texts. Immutable and thread-safe; owns all
    it uses (tables, segmenter, validators), so scanners never affect each other.

    >>> scanner = Scanner()                      # the shipped lexicons
    >>> custom = Scanner(lexicon_dirs=[Path("my_lexicons")], include_shipped=True,
    ...                  allow=["某某专用语"], disable=["typo.common"],
    ...                  severity_overrides={"improper_wording.xinhua": "notice"})
    """

    @gc_paused()
    def __init__(
        self,
        lexicon_dirs: Sequence[str | Path] = (),
        *,
        include_shipped: bool = True,
        allow: Iterable[str] = (),
        disable: Iterable[str] = (),
        severity_overrides: Mapping[str, str | Severity] | None = None,
        backend: str = DEFAULT_BACKEND,
        use_cache: bool = True,
    ) -> None:
        loaded = load_compiled([Path(d) for d in lexicon_dirs], include_shipped, use_cache, backend)
        self.normalizer, self.compiled, tables, tokenizer = loaded[:4]
        ahead = loaded.automaton  # (taken out by load_matcher: the list is the only holder)
        del loaded
        compiled = self.compiled
        self.backend = backend
        self.rules: tuple[RuleInfo, ...] = tuple(compiled.rules)
        """The rule catalogue (read-only)."""
        assert compiled.privacy is not None
        self.registry = builtin_registry(compiled.privacy)
        segmenter = Segmenter(
            [*compiled.short_words, *compiled.words.dictionary_words],
            tokenizer=tokenizer,
            store=tables,
        )
        self.context = Context(compiled.words, segmenter)
        env = ScanEnv(
            compiled.entries,
            compiled.words,
            self.registry,
            self.normalizer,
            backend,
            segmenter,
            Models(cache_dir()),
        )
        # each finder with the ids of the rules it serves: one whose rules are all disabled
        # for a scan does not run (the statistical kind costs more than the rest together)
        self._finders: list[tuple[Finder, frozenset[str]]] = []
        for name, kind in KINDS.items():
            data = compiled.kind_data.get(name)
            finder = kind.finder(data, env) if data is not None else None
            if finder is not None:
                served = frozenset(r.id for r in self.rules if r.kind == name)
                self._finders.append((finder, served))
        # allow-list terms and the finders' probes and anchors join the automaton here (so
        # the cached tables never depend on them; the automaton file is keyed by them)
        allow_norms = sorted({n for n in (self.normalizer.term(t) for t in set(allow)) if n})
        probe_list = [p for finder, _ in self._finders for p in getattr(finder, "probes", ())]
        anchor_list = [a for finder, _ in self._finders for a in getattr(finder, "anchors", ())]
        pids, extra_edges, self._matcher = load_matcher(
            tables, compiled, [*allow_norms, *probe_list, *anchor_list], backend, ahead
        )
        # where each string stands in the automaton: those that are no compiled pattern are
        # numbered after the patterns
        count = compiled.pattern_count
        probes_at = len(allow_norms)
        anchors_at = probes_at + len(probe_list)
        self._allowed = frozenset(pids[:probes_at])
        # the ASCII edges of the strings after the patterns (the patterns' own are compiled)
        self._extra_edges = extra_edges
        # the finders' probes and anchors join too (one pass over the text finds them all);
        # one that is also a lexicon string or an allow-list term keeps that role as well.
        # Each string's roles (as a probe, as an anchor): those numbered after the patterns
        # (nearly all ~4*10^4) in two lists by their number past the patterns, the few that
        # are patterns too in a dict; written in C-level passes (a loop over them in Python
        # cost ~10 ms of every start), and no tuple and int per string (~5 MB of a scanner)
        probe_pids = pids[probes_at:anchors_at]
        anchor_pids = pids[anchors_at:]
        extra = len(extra_edges)
        self._probe_of: list[str | None] = [None] * extra
        self._anchor_of: list[str | None] = [None] * extra
        low: dict[int, tuple[str | None, str | None]] = {}
        for pids_of, strings, of in (
            (probe_pids, probe_list, self._probe_of),
            (anchor_pids, anchor_list, self._anchor_of),
        ):
            held = list(map(count.__le__, pids_of))
            for pid, string in zip(
                map(count.__rsub__, compress(pids_of, held)), compress(strings, held), strict=True
            ):
                of[pid] = string
            for pid, string in zip(
                compress(pids_of, map(not_, held)), compress(strings, map(not_, held)), strict=True
            ):
                probe, anchor = low.get(pid, (None, None))
                low[pid] = (string, anchor) if of is self._probe_of else (probe, string)
        self._low_roles = low
        # per automaton string, what a hit of it asks for (see _candidates): _PLAIN, a
        # correct form with no role, no ASCII edge and no allow-list term, only mapping back
        # to the original text; _ROLE, a probe or anchor that is nothing else, only to be
        # recorded; _CHECK, the rest (errors, terms with an edge or a role besides)
        edges = compiled.ascii_edges + extra_edges
        total = len(edges)
        shields = bytearray(total)
        shields[compiled.error_count : count] = b"\x01" * (count - compiled.error_count)
        # (the roles and allow-list terms after the patterns stand where nothing shields)
        for pid in filter(count.__gt__, pids):
            shields[pid] = 0
        no_edge = edges.translate(_ZERO_TO_ONE)
        plain = (int.from_bytes(shields, "little") & int.from_bytes(no_edge, "little")).to_bytes(
            total, "little"
        )
        hit_kind = bytearray(plain.translate(_PLAIN_OR_CHECK))
        # every string after the patterns is a probe, an anchor or an allow-list term: the
        # first two are only recorded, unless the last
        hit_kind[count:] = bytes([_ROLE]) * (total - count)
        for pid in self._allowed:
            if pid >= count:
                hit_kind[pid] = _CHECK
        self._hit_kind = bytes(hit_kind)
        self._privacy_rules = _rules_of(compiled.rules, Category.PRIVACY)
        self._spam_rules = _rules_of(compiled.rules, _SPAM)
        self._advice_rules = _rules_of(compiled.rules, _ADVICE)
        # typo rules whose forms may hold a kept traditional character (not the kind that
        # judges traditional characters itself)
        self._twin_typo_rules = frozenset(
            i
            for i, rule in enumerate(compiled.rules)
            if rule.category is Category.TYPO and rule.kind != "traditional"
        )
        # traditional forms folding keeps (後, 覆): the characters a typo may not turn into
        # their simplified forms in traditional text, and the forms of one reading there with
        # the simplified one (後 → 后, 乾淨 → 干净), longest first
        kept_traditional = compiled.words.kept_traditional
        self._kept_traditional = frozenset(
            ch
            for form, to in kept_traditional
            for k, ch in enumerate(form)
            if not to or to[k] != ch
        )
        self._twin_of = {form: to for form, to in kept_traditional if to}
        self._twins = (
            re.compile("|".join(map(re.escape, sorted(self._twin_of, key=len, reverse=True))))
            if self._twin_of
            else None
        )
        known = {r.id for r in self.rules}
        self._known_ids = frozenset(known)
        self.disabled = frozenset(disable)
        # the page checks' rules (batch.check_text) are disabled here as the lexicons' are
        unknown = sorted(self.disabled - known - PAGE_RULE_IDS)
        if unknown:
            raise ConfigError(f"unknown rule id(s) to disable: {', '.join(unknown)}")
        overrides: dict[str, Severity] = {}
        for rule_id, level in (severity_overrides or {}).items():
            if rule_id not in known:
                raise ConfigError(f"unknown rule id in severity overrides: {rule_id}")
            try:
                overrides[rule_id] = Severity(level)
            except ValueError:
                raise ConfigError(
                    f"severity for {rule_id} must be serious, improper or notice, not {level!r}"
                ) from None
        self.severity_overrides = overrides
        trim_heap()  # the cache files' read buffers, freed above

    @cached_property
    def title_rules(self) -> TitleRules:
        """The patterns of the 文不对题 check (``pages``), built from this scanner's words
        when a page is first checked (plain texts never need them)."""
        return TitleRules.from_words(self.compiled.words)

    @property
    def rule_ids(self) -> list[str]:
        return [r.id for r in self.rules]

    @property
    def words(self) -> ContextWords:
        """The context words this scanner read from its lexicon directories."""
        return self.compiled.words

    def scan(
        self,
        text: str,
        *,
        date: dt.date | str | None = None,
        disable: Iterable[str] = (),
    ) -> list[Finding]:
        """Findings in ``text``, sorted by position. ``date`` is the document's date: names
        that were correct on that date are not flagged as outdated."""
        if not isinstance(text, str):
            raise TypeError(f"scan() needs a str, not {type(text).__name__}")
        require_unicode(text)
        if len(text) > WHOLE_SCAN_CHARS:
            # in windows: the scan's own memory stays that of a window (tens of bytes a
            # character), whatever the size of the text
            from .stream import WINDOW, scan_chunks

            pieces = (text[i : i + WINDOW] for i in range(0, len(text), WINDOW))
            return scan_chunks("<text>", pieces, self, date, disable=disable).findings
        day = _as_date(date)
        disabled = self._disabled(disable)
        folded = self.normalizer.fold(text)
        if self._twins is not None and self._twins.search(folded):
            folded = self._fold_twins(text, folded)
        scan = ScanInput(text, folded, self.normalizer.compact(folded), day)
        candidates, shields = self._candidates(scan, disabled)
        entries = self.compiled.entries
        cuts = self._cuts(folded, candidates)
        kept: list[Candidate] = []
        excused: list[tuple[int, int]] = []
        for cand in candidates:
            entry_index = self._standing_entry(cand, folded, day, disabled, cuts)
            if entry_index is not None:
                kept.append(cand if entry_index == cand.entry else cand._replace(entry=entry_index))
            elif (
                cand.lexical
                and cand.end - cand.start >= _EXCUSED_LENGTH
                and self.compiled.rules[entries[cand.entry].rule].id not in disabled
                # a hit that stands across words (志原服务|队 of 志原服务队) is not excused
                # text, only not this string: the guesses inside it still stand
                and not self._across_words(cand, cuts)
            ):
                excused.append((cand.start, cand.end))
        # letter-spaced spam (赛 马 会 六 合 彩 资 料): the spam rules read each such stretch
        # closed up, and what stands there is mapped back onto the spaced characters
        for closed, at in letter_spaced_runs(folded) if self._spam_rules else ():
            found_spaced, shields_spaced = self._letter_spaced(folded, closed, at, day, disabled)
            kept += found_spaced
            shields += shields_spaced
        if "号" in folded:
            # a document number's issuer code (市监处罚 of 市监处罚〔2023〕56号) is an
            # abbreviation, not prose: no guess of the statistical kinds inside it
            excused += document_number_codes(folded)
        if excused:
            # a listed string its context excuses (所谓“阿鲁纳恰尔邦”) is known text: no guess
            # of the statistical kinds inside it
            kept = [
                c
                for c in kept
                if not c.tentative or not any(s <= c.start and c.end <= e for s, e in excused)
            ]
        if self._kept_traditional:
            kept = self._drop_traditional_twins(text, folded, kept)
        # advice on wording in a sentence of injected spam goes before the overlap policy:
        # spam found by its make-up is tentative and would lose to a label it covers (黑户 of
        # the loan ad 黑户秒下款)
        advice, spam_rules = self._advice_rules, self._spam_rules
        if any(entries[c.entry].rule in advice for c in kept):
            spam = [c for c in kept if entries[c.entry].rule in spam_rules]
            if spam:
                kept = drop_advice_beside(
                    kept, text, spam, lambda c: entries[c.entry].rule in advice
                )
        # a personal number stands beside whatever else covers it: the leak is a problem of
        # its own, and masking it in every output depends on its finding
        privacy = self._privacy_rules
        if any(entries[c.entry].rule in privacy for c in kept):
            numbers = [c for c in kept if entries[c.entry].rule in privacy]
            others = [c for c in kept if entries[c.entry].rule not in privacy]
            kept = resolve(others, shields, self._priority)
            kept += resolve(numbers, shields, self._priority)
        else:
            kept = resolve(kept, shields, self._priority)
        if any(c.tentative for c in kept):
            spam = [c for c in kept if entries[c.entry].rule in self._spam_rules]
            if spam:
                kept = drop_guesses_beside(kept, text, spam)
        if suppress.MARKER in text:
            spans = suppress.suppressed_spans(text, self._known_ids)
            rules = self.compiled.rules
            kept = [
                c
                for c in kept
                if not suppress.is_suppressed(rules[entries[c.entry].rule].id, c.start, spans)
            ]
        return self._findings(text, kept)

    def _fold_twins(self, text: str, folded: str) -> str:
        """``folded`` with the kept traditional characters of one reading (後, 於) folded too
        in the sentences written in traditional characters (一切權力屬於人民 matches
        一切权力属于人民 there; 随後 of a simplified sentence stays a slip)."""
        twins, twin_of = self._twins, self._twin_of
        assert twins is not None
        chars: list[str] | None = None
        verdicts: dict[int, bool] = {}  # per stretch of _TWIN_REACH characters
        for match in twins.finditer(folded):
            at = match.start()
            stretch = at // _TWIN_REACH
            traditional = verdicts.get(stretch)
            if traditional is None:
                traditional = verdicts[stretch] = _holds_traditional(
                    text, folded, *_twin_window(stretch)
                )
            if traditional:
                if chars is None:
                    chars = list(folded)
                chars[at : match.end()] = twin_of[match.group()]
        return folded if chars is None else "".join(chars)

    def _drop_traditional_twins(
        self, text: str, folded: str, kept: list[Candidate]
    ) -> list[Candidate]:
        """``kept`` less the typo hits whose only change is a kept traditional character
        (反覆 → 反复, 藉口 → 借口) in text written in traditional characters, where it is
        right; in simplified text they stand (随後 → 随后)."""
        typo, twins, entries = self._twin_typo_rules, self._kept_traditional, self.compiled.entries
        doubtful = [
            c
            for c in kept
            if entries[c.entry].rule in typo and not twins.isdisjoint(text[c.start : c.end])
        ]
        dropped = set()
        for c in doubtful:
            fixes = (c.suggestion,) if c.suggestion is not None else entries[c.entry].suggestions
            span, written = folded[c.start : c.end], text[c.start : c.end]
            if any(
                len(fix) == len(span)
                and all(a == b or o in twins for a, b, o in zip(span, fix, written, strict=True))
                for fix in fixes
            ) and _holds_traditional(text, folded, *_twin_window(c.start // _TWIN_REACH)):
                dropped.add(id(c))
        return [c for c in kept if id(c) not in dropped] if dropped else kept

    def scan_source(
        self,
        source: SourceText,
        *,
        date: dt.date | str | None = None,
        disable: Iterable[str] = (),
    ) -> list[Finding]:
        """Findings in ``source.text``, each also pointing into ``source.source``
        (``source_start``/``source_end``) when the two differ (HTML, attachments)."""
        found = self.scan(source.text, date=date, disable=disable)
        if source.is_identity:
            return found
        out = []
        for f in found:
            s, e = source.to_source(f.start, f.end)
            out.append(f.model_copy(update={"source_start": s, "source_end": e}))
        return out

    # -- internals -------------------------------------------------------------------------

    def _disabled(self, disable: Iterable[str]) -> frozenset[str]:
        if not disable:
            return self.disabled
        extra = frozenset(disable)
        unknown = sorted(extra - self._known_ids - PAGE_RULE_IDS)
        if unknown:
            raise ConfigError(f"unknown rule id(s) to disable: {', '.join(unknown)}")
        return self.disabled | extra

    def _candidates(
        self, scan: ScanInput, disabled: frozenset[str] = frozenset()
    ) -> tuple[list[Candidate], list[Shield]]:
        compiled = self.compiled
        errors = compiled.error_count
        yielding = compiled.yielding_from
        owner = compiled.pattern_entry
        generated = compiled.generated
        edges, extra_edges = compiled.ascii_edges, self._extra_edges
        allowed = self._allowed
        view = scan.view
        vtext = view.text
        to_original = view.to_original
        candidates: list[Candidate] = []
        shields: list[Shield] = []
        count = compiled.pattern_count
        probe_of, anchor_of, low_roles = self._probe_of, self._anchor_of, self._low_roles
        found: set[str] = set()
        anchored: dict[str, list[tuple[int, int]]] = {}
        hits = self._matcher.find(vtext)
        # most hits are plain correct forms or pure probes and anchors: those are set aside
        # in C-level passes, and only the rest walked one by one
        kinds = bytes(map(self._hit_kind.__getitem__, map(_PID, hits)))
        if kinds.count(_PLAIN):
            plain_hits = list(compress(hits, kinds.translate(_IS_PLAIN)))
            starts, ends = view.to_original_spans(
                list(map(_START, plain_hits)), list(map(_END, plain_hits))
            )
            shields.extend(zip(starts, ends, repeat(False)))
        if kinds.count(_ROLE):
            # by string, each one's hits in the automaton's order
            by_string = spans_by_pattern(compress(hits, kinds.translate(_IS_ROLE)))
            for pid in sorted(by_string):  # (in the order of the strings, as before)
                if pid >= count:
                    probe, anchor = probe_of[pid - count], anchor_of[pid - count]
                else:
                    probe, anchor = low_roles[pid]
                if probe is not None:
                    found.add(probe)
                if anchor is not None:
                    spans = anchored.get(anchor)
                    if spans is None:
                        anchored[anchor] = by_string[pid]
                    else:
                        spans.extend(by_string[pid])
        for s, e, pid in compress(hits, kinds.translate(_IS_CHECK)):
            if pid >= count:
                probe, anchor = probe_of[pid - count], anchor_of[pid - count]
                edge = extra_edges[pid - count]
            else:
                probe, anchor = low_roles.get(pid, _NO_ROLE)
                edge = edges[pid]
            if probe is not None:
                found.add(probe)
            if anchor is not None:
                anchored.setdefault(anchor, []).append((s, e))
            if edge and (
                (edge & ALNUM_START and s > 0 and ascii_alnum(vtext[s - 1]))
                or (edge & ALNUM_END and e < len(vtext) and ascii_alnum(vtext[e]))
            ):
                continue
            os, oe = to_original(s, e)
            if allowed and pid in allowed:
                shields.append((os, oe, True))
            elif pid < errors:
                candidates.append(
                    Candidate(
                        os, oe, owner[pid], generated[pid] or None, True, tentative=pid >= yielding
                    )
                )
            else:
                shields.append((os, oe, False))
        # (C-level passes: a long text holds thousands of correct forms)
        protected = tuple(map(_SPAN, compress(shields, map(not_, map(_ALLOW, shields)))))
        listed = tuple(map(_SPAN, candidates))
        scan = ScanInput(
            scan.text,
            scan.folded,
            scan.view,
            scan.date,
            protected,
            listed,
            frozenset(found),
            anchored,
        )
        for finder, served in self._finders:
            if not served <= disabled:
                candidates.extend(finder.find(scan))
        return candidates, shields

    def _letter_spaced(
        self,
        folded: str,
        closed: str,
        at: list[int],
        day: dt.date | None,
        disabled: frozenset[str],
    ) -> tuple[list[Candidate], list[Shield]]:
        """The spam found in one letter-spaced stretch of ``folded`` read closed up
        (``closed``; ``at``: the offset of each of its characters), with the text around it
        as it is (a warning or a police report there clears it as it would the keywords
        written plainly), and the correct forms there that shield other hits."""
        lo = max(0, at[0] - _SPACED_CONTEXT)
        hi = min(len(folded), at[-1] + 1 + _SPACED_CONTEXT)
        text = folded[lo : at[0]] + closed + folded[at[-1] + 1 : hi]
        offsets = [*range(lo, at[0]), *at, *range(at[-1] + 1, hi)]
        first, last = at[0] - lo, at[0] - lo + len(closed)  # the stretch in ``text``
        candidates, shields = self._candidates(
            ScanInput(text, text, self.normalizer.compact(text), day), disabled
        )
        entries, spam = self.compiled.entries, self._spam_rules
        candidates = [
            c
            for c in candidates
            if entries[c.entry].rule in spam and c.start < last and c.end > first
        ]
        if not candidates:
            return [], []
        cuts = self._cuts(text, candidates)
        out: list[Candidate] = []
        for cand in candidates:
            entry_index = self._standing_entry(cand, text, day, disabled, cuts)
            if entry_index is not None:
                out.append(
                    cand._replace(
                        start=offsets[cand.start], end=offsets[cand.end - 1] + 1, entry=entry_index
                    )
                )
        return out, [(offsets[s], offsets[e - 1] + 1, allow) for s, e, allow in shields if e > s]

    def _across_words(self, cand: Candidate, cuts: set[int]) -> bool:
        """A short listed hit that does not start and end on word boundaries (``cuts``)."""
        s, e = cand.start, cand.end
        return (
            cand.lexical
            and e - s <= self.compiled.entries[cand.entry].boundary
            and not (s in cuts and e in cuts)
        )

    def _cuts(self, text: str, candidates: list[Candidate]) -> set[int]:
        """Where the segmenter cuts ``text`` around the short lexical candidates (a short
        string must stand as a word of its own), or nothing when there are none."""
        entries = self.compiled.entries
        short = [
            (c.start, c.end)
            for c in candidates
            if c.lexical and c.end - c.start <= entries[c.entry].boundary
        ]
        return self.context.word_cuts(text, short) if short else set()

    def _standing_entry(
        self,
        cand: Candidate,
        folded: str,
        date: dt.date | None,
        disabled: frozenset[str],
        cuts: set[int],
    ) -> int | None:
        """The entry a candidate stands for in its context, or None when it is dropped.

        ``cuts``: word boundaries around the short hits, segmented once per scan."""
        s, e, first = cand.start, cand.end, cand.entry
        entries = self.compiled.entries
        if self._across_words(cand, cuts):
            return None
        context = self.context
        for entry_index in (first, *self.compiled.alternatives.get(first, ())):
            entry = entries[entry_index]
            if disabled and self.compiled.rules[entry.rule].id in disabled:
                continue
            if (
                entry.flag_from is not None
                and not cand.self_dated
                and (
                    dated_before(folded, s, e, entry.flag_from, date)
                    or (not entry.undated and date is None and sentence_year(folded, s, e) is None)
                )
            ):
                continue
            if (
                entry.flag_until is not None
                and not cand.self_dated
                and (
                    dated_since(folded, s, e, entry.flag_until, date)
                    if entry.page_dated
                    else dated_again(folded, s, e, entry.flag_until, date)
                )
            ):
                continue
            if entry.unless is not None and context.any_holds(entry.unless, folded, s, e):
                continue
            if entry.when is None or context.check(entry.when, folded, s, e):
                # a wrong form cited in order to correct it (应为“…”，不得写成“…”) is not an
                # error; checked last because it reads the whole sentence
                if context.in_quotes(folded, s, e):
                    return None
                # a term of the wording categories quoted as words the sentence speaks of
                # (以“无效退款”等虚假用语误导消费者) is a mention, not a use
                category = entry.category or self.compiled.rules[entry.rule].category
                if category in _MENTION_CATEGORIES and context.mentioned(folded, s, e):
                    return None
                return entry_index
        return None

    def _severity(self, entry: EntryInfo) -> Severity:
        rule_id = self.compiled.rules[entry.rule].id
        return self.severity_overrides.get(rule_id, entry.severity)

    def _priority(self, cand: Candidate) -> tuple[int, int]:
        entry = self.compiled.entries[cand.entry]
        return self._severity(entry).rank, entry.rule

    def _findings(self, text: str, kept: list[Candidate]) -> list[Finding]:
        if not kept:
            return []
        kept.sort(key=lambda c: (c.start, c.end))
        newlines = [m.start() for m in _NEWLINE.finditer(text)]
        compiled = self.compiled
        out: list[Finding] = []
        for s, e, entry_index, override, *_flags in kept:
            entry = compiled.entries[entry_index]
            rule = compiled.rules[entry.rule]
            suggestions = (override,) if override is not None else entry.suggestions
            surface = text[s:e]
            first = suggestions[0] if suggestions else ""
            message = entry.message.replace("{text}", surface).replace("{suggestion}", first)
            line = bisect.bisect_left(newlines, s)
            column = s - (newlines[line - 1] + 1 if line else 0) + 1
            # built unvalidated: every value comes typed from the compiled tables, and the
            # first validated Finding would build pydantic's validator (~30 ms of a start)
            out.append(
                Finding.model_construct(
                    rule_id=rule.id,
                    category=entry.category or rule.category,
                    severity=self._severity(entry),
                    start=s,
                    end=e,
                    text=surface,
                    message=message,
                    suggestions=suggestions,
                    line=line + 1,
                    column=column,
                )
            )
        return out


# a kept traditional character (後) is read as traditional where the text around it holds
# traditional characters: a stretch of this many characters and one on each side (a short
# sentence, 育人的根本在於立德, may hold none of its own)
_TWIN_REACH = 100


def _twin_window(stretch: int) -> tuple[int, int]:
    return max(0, (stretch - 1) * _TWIN_REACH), (stretch + 2) * _TWIN_REACH


def _holds_traditional(text: str, folded: str, lo: int, hi: int) -> bool:
    """``text[lo:hi]`` is written in traditional characters: at least 3 of its CJK
    characters, and a tenth of them, are ones folding changed (width and case folds change
    none of these blocks). Simplified text with a character left unconverted (关於) is not."""
    changed = total = 0
    for a, b in zip(text[lo:hi], folded[lo:hi], strict=True):
        if "\u3400" <= a <= "\u9fff":
            total += 1
            changed += a != b
    return changed >= 3 and 10 * changed >= total


def require_unicode(text: str) -> None:
    """Raise :class:`InputError` when ``text`` is not valid Unicode (a lone surrogate, as
    a JSON ``\\ud800`` escape or a ``surrogateescape`` decoding gives). The message names
    where, never the text: it may hold personal numbers."""
    try:
        text.encode("utf-16-le")  # one C pass; only lone surrogates fail
    except UnicodeEncodeError as exc:
        at = exc.start
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        raise InputError(
            f"line {line}, column {column}: not valid Unicode (a lone surrogate "
            f"U+{ord(text[at]):04X} at character {at}); decode the input properly or "
            "replace such characters before checking"
        ) from None


def _as_date(date: dt.date | str | None) -> dt.date | None:
    if isinstance(date, str):
        try:
            return dt.date.fromisoformat(date)
        except ValueError:
            raise ConfigError(f"date must be YYYY-MM-DD, not {date!r}") from None
    return date


_default: Scanner | None = None
_default_lock = threading.Lock()


def default_scanner() -> Scanner:
    """The scanner over the shipped lexicons, built once per process."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Scanner()
    return _default
