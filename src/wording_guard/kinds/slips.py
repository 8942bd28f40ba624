"""Kind ``slips``: wrong forms generated offline from a list, each with its own correction.

The rule names a file of ``wrong<TAB>correct`` lines (``#`` comments), such as the frequent
words of official text with one character replaced by a confusable one (水务总局 for 税务总局,
依法刑政 for 依法行政) that ``scripts/build_common_word_slips.py`` writes after checking each
against jieba's dictionary and a large corpus of published official text, or the frequent
multi-word terms with a slip in one of their words (疫苗接肿 for 疫苗接种: a two-character
word's slip, 接肿, could not be listed on its own). The wrong forms join
the shared automaton like listed ones, so their cost at scan time is that of their hits; a
hit of up to ``boundary`` characters must start and end on word boundaries of its sentence,
as listed short forms must. (Four-character hits are not checked by default: a wrong
character often makes the segmenter cut its word apart, 服份有限公司. A term list sets it to
its longest hit: a term's slip may meet a neighbour, 今天起影响 holding 天起影响.) A form
another rule lists or protects, or that the protected kind generates, is left to that rule.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from ..errors import LexiconError
from ..lexicon.schema import EntryBase, RuleBase
from .base import SHORT_HIT, KindDoc, RuleKind, entries_of

if TYPE_CHECKING:
    from ..compiler import Builder
    from ..lexicon.loader import LoadedRule


class SlipsEntry(EntryBase):
    slips: str = Field(min_length=1)
    """The file of ``wrong<TAB>correct`` lines, relative to the rule file."""
    boundary: int = Field(default=SHORT_HIT, ge=0, le=8)
    """Hits up to this many characters must sit on word boundaries (0: none)."""


class SlipsRule(RuleBase):
    kind: Literal["slips"]
    entries: list[SlipsEntry] = Field(min_length=1)


class Slips(RuleKind):
    name = "slips"
    rule_model = SlipsRule
    doc = KindDoc(
        what="The wrong forms of a generated list, each suggesting its own correct form: "
        "frequent official words with one character replaced by a confusable one (水务总局 "
        "→ 税务总局, 依法刑政 → 依法行政).",
        why="Thousands of words are written wrong in the same few ways; generated and checked "
        "against real text offline, they cost an automaton hit at scan time and nothing else.",
        example="- slips: ../_data/common_word_slips.tsv\n# → flags 依法刑政, suggesting 依法行政",
    )

    def computed_suggestion(self, entry: EntryBase) -> bool:
        return True

    def compile(self, loaded: LoadedRule, builder: Builder) -> None:
        rule_index = builder.add_rule(loaded)
        for _, entry, line in entries_of(loaded):
            assert isinstance(entry, SlipsEntry)
            path = (loaded.path.parent / entry.slips).resolve()
            if not path.is_file():
                raise LexiconError(
                    f"slips file {entry.slips} not found ({path})", path=str(loaded.path), line=line
                )
            index = builder.add_entry(rule_index, entry, line, boundary=entry.boundary)
            builder.slips(index, _read_pairs(path, builder))


def _read_pairs(path: Path, builder: Builder) -> dict[str, str]:
    """The normalized wrong forms of a slips file, each with its correct form."""
    wrongs: list[str] = []
    correct_forms: list[str] = []
    corrections: dict[str, str] = {}  # one string per correct form (tens of slips share it)
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not text or text.startswith("#"):
            continue
        wrong, tab, correct = text.partition("\t")
        if not tab or not wrong or not correct or "\t" in correct or wrong == correct:
            raise LexiconError(
                f"{path}:{number}: expected 'wrong<TAB>correct' (two different strings), "
                f"got {text!r}"
            )
        wrongs.append(wrong)
        correct_forms.append(corrections.setdefault(correct, correct))
    return dict(zip(builder.normalizer.terms(wrongs), correct_forms, strict=True))


KIND = Slips()
