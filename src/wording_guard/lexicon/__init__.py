"""Lexicon files: schema and loading."""

from .loader import LoadedRule, load_directory, load_rule_file, rule_files, shipped_lexicon_dir
from .schema import BadExample, Conditions, Entry, GoodExample, Kind, RuleFile

__all__ = [
    "BadExample",
    "Conditions",
    "Entry",
    "GoodExample",
    "Kind",
    "LoadedRule",
    "RuleFile",
    "load_directory",
    "load_rule_file",
    "rule_files",
    "shipped_lexicon_dir",
]
