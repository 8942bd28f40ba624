"""Where lexicons live: the shipped folder and the rule files of a lexicon directory."""

from __future__ import annotations

from pathlib import Path

from ..errors import LexiconError

RULE_SUFFIXES = (".yaml", ".yml", ".toml")


def rule_files(directory: Path) -> list[Path]:
    """Rule files of a lexicon directory: ``<dir>/<category>/<name>.yaml``, sorted.

    Folders whose name starts with ``_`` hold shared data, not rules.
    """
    if not directory.is_dir():
        raise LexiconError("lexicon directory does not exist", path=str(directory))
    found: list[Path] = []
    for sub in sorted(directory.iterdir()):
        if not sub.is_dir() or sub.name.startswith(("_", ".")):
            continue
        found.extend(p for p in sorted(sub.iterdir()) if p.suffix in RULE_SUFFIXES)
    return found


def shipped_lexicon_dir() -> Path:
    """The lexicons bundled with the package (wheel) or beside the source tree (checkout)."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "lexicons"
    if installed.is_dir():
        return installed
    checkout = here.parent.parent / "lexicons"
    if checkout.is_dir():
        return checkout
    raise LexiconError("the shipped lexicons were not found next to the package", path=str(here))
