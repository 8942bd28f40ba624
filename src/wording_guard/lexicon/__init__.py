"""Lexicon files: the shared schema parts and loading. Each kind's own models live in
``wording_guard.kinds``."""

from .loader import LoadedRule, load_directory, load_rule_file, rule_files, shipped_lexicon_dir
from .schema import BadExample, Conditions, EntryBase, GoodExample, RuleBase

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
