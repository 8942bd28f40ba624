"""Results of scanning files, and masking of personal numbers in what is shown.

Renderers (``output``, ``report``), the batch runner, the document check and the service all
carry findings in these types; none of them needs another's module.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from .models import Category, Finding
from .source import SourceText


class Region(NamedTuple):
    """Where a finding sits in the file itself (the HTML source for an HTML page)."""

    line: int
    column: int
    end_line: int
    end_column: int
    offset: int
    length: int


@dataclass
class FileResult:
    """The findings of one file. ``text`` is what was scanned (offsets of the findings);
    ``source`` is set when that text was extracted from the file's own content (HTML)."""

    path: str
    text: str
    findings: list[Finding] = field(default_factory=list)
    source: SourceText | None = None

    def region(self, f: Finding) -> Region:
        """The finding's span in the file: in the source when there is one."""
        if self.source is not None and f.source_start is not None and f.source_end is not None:
            where, start, end = self.source, f.source_start, f.source_end
        else:
            where, start, end = self._plain(), f.start, f.end
        line, column = where.source_line_column(start)
        end_line, end_column = where.source_line_column(end)
        return Region(line, column, end_line, end_column, start, end - start)

    def _plain(self) -> SourceText:
        plain = self.__dict__.get("_plain_text")
        if plain is None or plain.text is not self.text:
            plain = SourceText.plain(self.text)
            self.__dict__["_plain_text"] = plain
        return plain


def mask_pii(finding: Finding) -> Finding:
    """The finding with a personal number replaced by its masked form (its suggestion)."""
    if finding.category is not Category.PRIVACY or not finding.suggestions:
        return finding
    masked = finding.suggestions[0]
    return finding.model_copy(
        update={
            "text": masked,
            "message": finding.message.replace(finding.text, masked),
        }
    )


def masked_text(text: str, findings: Sequence[Finding]) -> str:
    """``text`` with every personal number found in it masked (for excerpts and reports)."""
    for f in sorted(findings, key=lambda f: -f.start):
        if f.category is Category.PRIVACY and f.suggestions:
            masked = f.suggestions[0]
            if len(masked) == f.end - f.start:
                text = text[: f.start] + masked + text[f.end :]
            else:
                text = text[: f.start] + "*" * (f.end - f.start) + text[f.end :]
    return text
