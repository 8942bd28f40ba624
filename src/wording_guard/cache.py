"""Compile lexicons once, keep the result on disk.

Building the fold table needs opencc, and compiling validates every rule file with pydantic
and generates near-miss variants; together that takes far longer than the 0.3 s a cold
``wording-guard scan`` may spend. The compiled tables are pickled under the user's cache
directory, keyed by the package version and the path, size and mtime of every input file;
any change to a lexicon rebuilds them. Set ``WORDING_GUARD_CACHE_DIR`` to move the cache, or
to ``off`` to disable it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import pickle
import tempfile
from pathlib import Path

from . import __version__
from .compiler import Compiled, compile_rules
from .lexicon.loader import LoadedRule, load_rule_file, rule_files, shipped_lexicon_dir
from .normalize import Normalizer, build_fold_table

_FORMAT = 1


def cache_dir() -> Path | None:
    configured = os.environ.get("WORDING_GUARD_CACHE_DIR")
    if configured == "off":
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "wording_guard"


def _inputs(dirs: list[Path]) -> list[Path]:
    files: list[Path] = []
    for directory in dirs:
        files.extend(rule_files(directory))
        data = directory / "_data"
        if data.is_dir():
            files.extend(sorted(p for p in data.rglob("*") if p.is_file()))
    return files


def _jieba_dictionary() -> str:
    """jieba's dictionary feeds the near-miss filter: a new jieba must rebuild the cache."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        return "no-jieba"
    dictionary = Path(spec.origin).parent / "dict.txt"
    try:
        stat = dictionary.stat()
    except OSError:
        return "no-dict"
    return f"{dictionary}|{stat.st_size}|{stat.st_mtime_ns}"


def _key(dirs: list[Path], allow: list[str]) -> str:
    digest = hashlib.sha256(f"{_FORMAT}|{__version__}|{_jieba_dictionary()}".encode())
    for path in _inputs(dirs):
        stat = path.stat()
        digest.update(f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    digest.update("\x00".join(allow).encode())
    return digest.hexdigest()[:32]


def build(dirs: list[Path], allow: list[str]) -> tuple[dict[int, int], Compiled]:
    from . import nearmiss

    table = build_fold_table()
    normalizer = Normalizer(table)
    loaded: list[LoadedRule] = []
    for directory in dirs:
        loaded.extend(load_rule_file(p) for p in rule_files(directory))
    reject = nearmiss.real_words(normalizer, dirs)
    return table, compile_rules(loaded, normalizer, allow, reject)


def load_compiled(
    extra_dirs: list[Path], include_shipped: bool, allow: list[str], use_cache: bool = True
) -> tuple[Normalizer, Compiled]:
    dirs = ([shipped_lexicon_dir()] if include_shipped else []) + extra_dirs
    where = cache_dir() if use_cache else None
    path = where / f"compiled-{_key(dirs, allow)}.pickle" if where else None
    if path is not None and path.is_file():
        try:
            with path.open("rb") as fh:
                table, compiled = pickle.load(fh)
            return Normalizer(table), compiled
        except Exception:  # a stale or truncated cache file is rebuilt, never trusted
            pass
    table, compiled = build(dirs, allow)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                pickle.dump((table, compiled), fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only home still scans, just without the cache
    return Normalizer(table), compiled
