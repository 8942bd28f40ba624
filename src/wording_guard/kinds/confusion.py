"""Kind ``confusion``: a real word written for a confusable real word, where the characters
around it decide (合法权力 → 权利, 行政体质改革 → 体制, 办公厅引发 → 印发). Both readings are
words, so neither a list of wrong forms nor the character model (which sees two likely
strings) catches it; the homophone kind never judges a word official text writes itself.

The rule's table (built offline by ``scripts/build_word_contexts.py`` from counted official
text) holds, for each ordered pair of confusable two-character words ``w`` → ``x`` (one
character apart, the two characters confusable in the character model's tables and of the
same sound), the *decisive contexts*: the two characters right before or after, where
official text writes ``x`` at least a few times and ``w`` at most once; and every context
seen with each word. A hit of ``w`` is reported with ``x`` when

1. one of its two contexts is decisive for ``w`` → ``x`` with at least an entry's ``support``
   (the count of ``x`` there) and at most its ``most_wrong`` (the count of ``w``), and
   ``w`` is common enough that official text would have written it there ``expected``
   times were the context neutral (support × count of ``w`` / count of ``x``),
2. the other context is a punctuation mark or a line's end, or one official text writes
   with ``x`` and never with ``w`` (推进整治殡葬 is no 推进政治: 政治殡葬 was never seen), and
   is not decisive the other way (``x`` → ``w``), and
3. the segmenter cuts ``w`` as a word of its own (not 政权|力量 read as 权力).

Levels: the entries are tried strictest first, as the statistical kind's. Candidates are
tentative: a listed error or a structural finding on the same text wins.

Cost: the words with a context that may pass the loosest level are anchors of the shared
automaton; a hit costs two set lookups, one with a decisive context a few dict lookups per
partner, and only hits past those are segmented (a few characters around).
The table loads on first need.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from ..charmodel import sha256_of, through_copy
from ..errors import LexiconError
from ..lexicon.schema import EntryBase, RuleBase
from .base import (
    AnchorSearch,
    Candidate,
    KindDoc,
    RuleKind,
    ScanEnv,
    ScanInput,
    data_file,
    entries_of,
    read_json_table,
)

if TYPE_CHECKING:
    from ..compiler import Builder
    from ..lexicon.loader import LoadedRule
    from ..segment import Segmenter

TABLE_FORMAT = "wording-guard-word-contexts/1"
# the attributes of a loaded table: a cached copy of another layout is made anew
_ATTRIBUTES = frozenset({"partners", "counts", "seen", "left", "right", "decisive"})


class ConfusionEntry(EntryBase):
    level: Literal["strict", "loose"]
    """``strict`` findings need the stronger evidence; ``loose`` ones the weaker."""
    support: int = Field(ge=1)
    """How often official text must write the other word in the decisive context."""
    most_wrong: int = Field(default=0, ge=0)
    """How often it may write the word as written there."""
    expected: float = Field(default=0.0, ge=0)
    """How often official text would have written the word as written there, were the
    context neutral between the two (the support times the ratio of the two words' counts):
    a rare word's context is unseen for want of text, not because it is wrong."""


class ConfusionRule(RuleBase):
    kind: Literal["confusion"]
    table: str = Field(min_length=1)
    """The table of decisive contexts, relative to the rule file."""
    exempt: list[str] = Field(default_factory=list)
    """Words never judged as written: ones official text writes in a context the counted
    text happens to lack (自…起试行 for a trial regulation)."""
    entries: list[ConfusionEntry] = Field(min_length=1, max_length=2)


@dataclass(frozen=True)
class _Data:
    table: Path
    words: tuple[str, ...]
    # (entry, support, most_wrong, expected), strictest first
    levels: tuple[tuple[int, int, int, float], ...]


class Table:
    """Per word, its partners; per ordered pair and side, the decisive contexts."""

    def __init__(self, raw: dict[str, Any]) -> None:
        if raw.get("format") != TABLE_FORMAT:
            raise ValueError(f"not a {TABLE_FORMAT} table")
        partners: dict[str, list[str]] = {}
        for key in (*raw["left"], *raw["right"]):
            w, x = key.split(" ")
            if x not in partners.setdefault(w, []):
                partners[w].append(x)
        self.partners = {w: tuple(sorted(xs)) for w, xs in partners.items()}
        # word -> how often the counted text writes it as a word
        self.counts: dict[str, int] = dict(raw["counts"])
        # word -> (contexts seen before it, contexts seen after it)
        self.seen: dict[str, tuple[frozenset[str], frozenset[str]]] = {
            w: (_split2(before), _split2(after)) for w, (before, after) in raw["seen"].items()
        }
        # (w, x) -> {context: (count with x, count with w)}
        self.left: dict[tuple[str, str], dict[str, tuple[int, int]]] = {
            tuple(k.split(" ")): {c: (n[0], n[1]) for c, n in v.items()}
            for k, v in raw["left"].items()
        }
        self.right: dict[tuple[str, str], dict[str, tuple[int, int]]] = {
            tuple(k.split(" ")): {c: (n[0], n[1]) for c, n in v.items()}
            for k, v in raw["right"].items()
        }
        # per word, every context decisive for one of its partners on either side: most hits
        # stop at these two set lookups
        decisive: dict[str, set[str]] = {}
        for (w, _), contexts in (*self.left.items(), *self.right.items()):
            decisive.setdefault(w, set()).update(contexts)
        self.decisive = {w: frozenset(contexts) for w, contexts in decisive.items()}

    @classmethod
    def load_cached(cls, path: Path, where: Path | None) -> Table:
        if where is None:
            return cls.load(path)
        copy = where / f"contexts-{TABLE_FORMAT.rsplit('/', 1)[1]}-{sha256_of(path)[:24]}.pickle"
        return through_copy(cls, copy, partial(cls.load, path), _ATTRIBUTES)

    @classmethod
    def load(cls, path: Path) -> Table:
        try:
            return cls(_read_table(path))
        except (KeyError, TypeError, ValueError) as err:
            raise LexiconError(f"{path}: not a word context table ({err})") from None

    @staticmethod
    def words_of(path: Path, support: int, expected: float) -> tuple[str, ...]:
        """The words with a context of at least ``support`` that would pass ``expected``
        (the anchors: the loosest level's), without building the rest."""
        raw = _read_table(path)
        try:
            counts = raw["counts"]
            out = set()
            for side in (raw["left"], raw["right"]):
                for key, contexts in side.items():
                    w, x = key.split(" ")
                    ratio = counts.get(w, 0) / max(counts.get(x, 1), 1)
                    if any(n >= support and n * ratio >= expected for n, _ in contexts.values()):
                        out.add(w)
            return tuple(sorted(out))
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            raise LexiconError(f"{path}: not a word context table ({err})") from None


def _han2(context: str) -> bool:
    return len(context) == 2 and all("\u4e00" <= ch <= "\u9fff" for ch in context)


def _split2(joined: str) -> frozenset[str]:
    return frozenset(joined[k : k + 2] for k in range(0, len(joined), 2))


def _read_table(path: Path) -> dict[str, Any]:
    return read_json_table(path, TABLE_FORMAT, "word context table")


class Confusion(RuleKind):
    name = "confusion"
    rule_model = ConfusionRule
    doc = KindDoc(
        what="A real two-character word written for a confusable one (one character apart, same "
        "sound) where the two characters before or after are ones official "
        "text writes only with the other word (合法权力 → 权利, 行政体质 → 体制).",
        why="Both readings are words, so no list of wrong forms and no character model "
        "catches the slip; counted contexts do, where they are decisive.",
        example="table: ../_data/word_contexts.json.gz\nentries:\n- level: strict\n"
        "  support: 20\n# → flags 权力 in 维护合法权力, suggesting 权利",
    )

    def computed_suggestion(self, entry: EntryBase) -> bool:
        return True

    def compile(self, loaded: LoadedRule, builder: Builder) -> None:
        rule = loaded.rule
        assert isinstance(rule, ConfusionRule)
        table = data_file(loaded, rule.table, "table file")
        rule_index = builder.add_rule(loaded)
        levels = []
        for _, entry, line in entries_of(loaded):
            assert isinstance(entry, ConfusionEntry)
            index = builder.add_entry(rule_index, entry, line)
            levels.append((index, entry.support, entry.most_wrong, entry.expected))
        levels.sort(key=lambda level: (-level[1], level[2]))
        exempt = set(rule.exempt)
        loosest = min(rule.entries, key=lambda e: e.support)
        anchors = Table.words_of(table, loosest.support, min(e.expected for e in rule.entries))
        words = tuple(w for w in anchors if w not in exempt)
        data = _Data(table, words, tuple(levels))
        builder.kind_data.setdefault(self.name, []).append(data)

    def finder(self, data: Any, env: ScanEnv) -> ConfusionFinder | None:
        return ConfusionFinder(data, env.segmenter, env) if data else None


class ConfusionFinder:
    """Per rule, the words found in the text, judged by the characters around them."""

    def __init__(self, rules: list[_Data], segmenter: Segmenter, env: ScanEnv) -> None:
        self._rules = [
            (data, AnchorSearch(data.words, longest=False, folded=True)) for data in rules
        ]
        self.anchors = tuple(a for _, search in self._rules for a in search.anchors)
        self._segmenter = segmenter
        self._models = env.models

    def find(self, scan: ScanInput) -> Iterator[Candidate]:
        for data, search in self._rules:
            hits = search.find(scan, ordered=False)
            if not hits:
                continue
            table = self._models.loaded(data.table, Table.load_cached)
            text = scan.folded
            decisive, words = table.decisive, data.words
            found = []
            for i, start, end in hits:
                w = words[i]
                contexts = decisive.get(w)
                if contexts is None or (
                    text[start - 2 : start] not in contexts and text[end : end + 2] not in contexts
                ):
                    continue
                judged = judge(table, data, text, w, start, end)
                if judged is not None:
                    found.append((start, end, *judged))
            if not found:
                continue
            cut = self._segmenter.cutter()
            for start, end, entry, x in sorted(found):
                if _cut_alone(cut, text, start, end):
                    yield Candidate(start, end, entry, x, tentative=True)


def evidence(
    table: Table, text: str, w: str, start: int, end: int
) -> Iterator[tuple[str, int, int]]:
    """(correction, support, count of ``w``) for each partner of the word ``w`` at
    ``start`` that one side decides for, where the other side was never seen with ``w`` and
    is not decisive for ``w``: the best side's counts."""
    lc, rc = text[max(0, start - 2) : start], text[end : end + 2]
    seen_before, seen_after = table.seen.get(w, (frozenset(), frozenset()))
    # a side of other than two Chinese characters (a line's end, a punctuation mark) says
    # nothing either way
    open_left, open_right = not _han2(lc), not _han2(rc)
    for x in table.partners.get(w, ()):
        on_left = table.left.get((w, x), {}).get(lc)
        on_right = table.right.get((w, x), {}).get(rc)
        x_before, x_after = table.seen.get(x, (frozenset(), frozenset()))
        # the other side must be one official text writes with the correction, and never
        # with the word as written (推进整治殡葬 is no 推进政治: 政治殡葬 was never seen)
        if on_left is not None and not (open_right or (rc in x_after and rc not in seen_after)):
            on_left = None
        if on_right is not None and not (open_left or (lc in x_before and lc not in seen_before)):
            on_right = None
        if on_left is None and on_right is None:
            continue
        # the other side must not prefer the word as written
        if table.left.get((x, w), {}).get(lc) or table.right.get((x, w), {}).get(rc):
            continue
        best = max(s for s in (on_left, on_right) if s is not None)
        yield x, best[0], best[1]


def judge(
    table: Table, data: _Data, text: str, w: str, start: int, end: int
) -> tuple[int, str] | None:
    """(entry, correction) for the word ``w`` at ``start``, by its contexts alone (the
    segmenter not asked), or None."""
    best: tuple[int, int, str] | None = None  # (level position, -support, x)
    counts = table.counts
    for x, support, wrong in evidence(table, text, w, start, end):
        expected = support * counts.get(w, 0) / max(counts.get(x, 1), 1)
        for position, (_, need, most_wrong, least) in enumerate(data.levels):
            if support >= need and wrong <= most_wrong and expected >= least:
                key = (position, -support, x)
                if best is None or key < best:
                    best = key
                break
    if best is None:
        return None
    return data.levels[best[0]][0], best[2]


def _cut_alone(cut: Any, text: str, start: int, end: int) -> bool:
    """Whether the segmenter cuts ``text[start:end]`` as a word of its own (read with up to
    six characters on either side)."""
    lo = max(0, start - 6)
    pos = lo
    for token in cut(text[lo : end + 6]):
        if pos == start:
            return pos + len(token) == end
        if pos > start:
            return False
        pos += len(token)
    return False


KIND = Confusion()
