"""Lexicon files: the shared schema parts and loading. Each kind's own models live in
``wording_guard.kinds``."""

from typing import TYPE_CHECKING, Any

from .schema import BadExample, Conditions, EntryBase, GoodExample, RuleBase

if TYPE_CHECKING:
    from .loader import (
        LoadedRule,
        load_directory,
        load_rule_file,
        rule_files,
        shipped_lexicon_dir,
    )

_LOADER = {"LoadedRule", "load_directory", "load_rule_file", "rule_files", "shipped_lexicon_dir"}


def __getattr__(name: str) -> Any:
    # the loader (YAML, templates) is imported on first use: scanning from the cache needs
    # only the schema's shared parts
    if name in _LOADER:
        from . import loader

        return getattr(loader, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "BadExample",
    "Conditions",
    "EntryBase",
    "GoodExample",
    "LoadedRule",
    "RuleBase",
    "load_directory",
    "load_rule_file",
    "rule_files",
    "shipped_lexicon_dir",
]
