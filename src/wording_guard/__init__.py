"""wording_guard: catch erroneous and sensitive expressions (错敏信息) in Chinese government
web content before publication.

    >>> import wording_guard
    >>> [f.suggestions for f in wording_guard.scan("要认真布署今年的工作。")]
    [('部署',)]

The package's names load on first use (``import wording_guard`` alone reads almost nothing,
so a CMS hook or a CLI that only asks ``--version`` starts at once).
"""

__version__ = "0.1.0"

import datetime as _dt
from collections.abc import Iterable as _Iterable
from importlib import import_module as _import_module
from typing import TYPE_CHECKING as _TYPE_CHECKING

from .errors import ConfigError, InputError, LexiconError, SuppressionError, WordingGuardError

if _TYPE_CHECKING:
    from .document import Attachment, Document, DocumentReport, check_document
    from .models import Category, Finding, Severity
    from .scanner import Scanner


def scan(
    text: str,
    *,
    date: _dt.date | str | None = None,
    disable: _Iterable[str] = (),
) -> "list[Finding]":
    """Scan ``text`` with the shipped lexicons (compiled once per process, thread-safe).

    ``date``: the document's date (names correct on that date are not flagged as outdated);
    ``disable``: rule ids to skip for this call.
    """
    from .scanner import default_scanner

    return default_scanner().scan(text, date=date, disable=disable)


# public name -> the module that defines it
_LAZY = {
    "Attachment": "document",
    "Document": "document",
    "DocumentReport": "document",
    "check_document": "document",
    "Category": "models",
    "Finding": "models",
    "Severity": "models",
    "Scanner": "scanner",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'wording_guard' has no attribute {name!r}")
    value = getattr(_import_module(f".{module}", __name__), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


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
    "SuppressionError",
    "WordingGuardError",
    "__version__",
    "check_document",
    "scan",
]
