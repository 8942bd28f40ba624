"""The exception tree of wording_guard.

WordingGuardError          base of everything this package raises on purpose
├── LexiconError           a lexicon file is malformed, contradictory or fails its own examples
├── ConfigError            a configuration value, allow-list or suppression is invalid
│   └── SuppressionError   an inline suppression in a scanned text is malformed (with its line)
└── InputError             an input text or file cannot be read or decoded
"""

from __future__ import annotations


class WordingGuardError(Exception):
    """Base class for all errors raised by wording_guard."""


class LexiconError(WordingGuardError):
    """A lexicon file is malformed or contradicts another one.

    The message names the file, the entry (with its line) and the key.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        key: str | None = None,
    ) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.key = key
        where = path or "<lexicon>"
        if line is not None:
            where += f":{line}"
        if key:
            where += f" [{key}]"
        super().__init__(f"{where}: {message}")


class ConfigError(WordingGuardError):
    """A configuration value, allow-list or suppression is invalid."""


class SuppressionError(ConfigError):
    """An inline suppression (``wording-guard: …``) in a scanned text is unknown or names an
    unknown rule. ``line`` is 1-based in that text; ``start``/``end`` are the directive's
    offsets in it; ``detail`` is the message without the line."""

    def __init__(self, detail: str, *, line: int, start: int, end: int) -> None:
        self.detail = detail
        self.line = line
        self.start = start
        self.end = end
        super().__init__(f"line {line}: {detail}")

    def __reduce__(self) -> tuple[object, ...]:
        # keyword-only arguments: rebuilt by hand when pickled (worker processes)
        return _rebuild_suppression_error, (self.detail, self.line, self.start, self.end)


def _rebuild_suppression_error(detail: str, line: int, start: int, end: int) -> SuppressionError:
    return SuppressionError(detail, line=line, start=start, end=end)


class InputError(WordingGuardError):
    """An input cannot be read or decoded."""
