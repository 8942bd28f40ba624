"""The exception tree of wording_guard.

WordingGuardError          base of everything this package raises on purpose
├── LexiconError           a lexicon file is malformed, contradictory or fails its own examples
├── ConfigError            a configuration value, allow-list or suppression is invalid
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


class InputError(WordingGuardError):
    """An input cannot be read or decoded."""
