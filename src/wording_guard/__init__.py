"""wording_guard: catch erroneous and sensitive expressions (错敏信息) in Chinese government
web content before publication.

    >>> import wording_guard
    >>> [f.suggestions for f in wording_guard.scan("要认真布署今年的工作。")]
    [('部署',)]
"""

__version__ = "0.1.0"

import datetime as _dt
from collections.abc import Iterable as _Iterable

from .errors import ConfigError, InputError, LexiconError, WordingGuardError
from .models import Category, Finding, Severity
from .scanner import Scanner
from .scanner import default_scanner as _default_scanner


def scan(
    text: str,
    *,
    date: _dt.date | str | None = None,
    disable: _Iterable[str] = (),
) -> list[Finding]:
    """Scan ``text`` with the shipped lexicons (compiled once per process, thread-safe).

    ``date``: the document's date (names correct on that date are not flagged as outdated);
    ``disable``: rule ids to skip for this call.
    """
    return _default_scanner().scan(text, date=date, disable=disable)


_LAZY = {"Attachment", "Document", "DocumentReport", "check_document"}


def __getattr__(name: str) -> object:
    # the document check (HTML, attachments) loads on first use: `scan` alone starts faster
    if name in _LAZY:
        from . import document

        return getattr(document, name)
    raise AttributeError(f"module 'wording_guard' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _LAZY)


__all__ = [
    "Attachment",
    "Category",
    "ConfigError",
    "Document",
    "DocumentReport",
    "Finding",
    "InputError",
    "LexiconError",
    "Scanner",
    "Severity",
    "WordingGuardError",
    "__version__",
    "check_document",
    "scan",
]
