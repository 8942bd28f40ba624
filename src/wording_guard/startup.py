"""What a start needs before anything heavy loads: where the caches live, regular
expressions read back instead of compiled, and the cyclic collector paused.

Only the command line enters :func:`regex_cache`: it stands in for ``re``'s compiler in the
whole process while it is open, which a library must not do to the program that imports it.

**Regular expressions compiled once.** Python compiles every regular expression again in
each process. Parsing and optimizing the ~200 that a scan's start builds (the kinds'
grammars, the normalizer's, the validators', and those of the standard modules it imports:
tomllib, json) cost a sixth of a cold ``wording-guard scan``, spent on every start for the
same result. Inside :func:`regex_cache`, ``re``'s compiler takes the program of a pattern it
compiled before from a file beside the compiled lexicons and hands it to the constructor
``re`` itself calls, with the same arguments: the pattern object is the one ``re`` would
build (they compare equal, program included). Patterns not in the file are compiled as ever
and added to it as the outermost block ends. The file is keyed by the Python build, whose
regex engine the programs are written for; on a Python whose compiler differs in shape
(before 3.11) the block changes nothing.

**The collector paused** (:func:`gc_paused`) while a start makes objects that live to the
end: imports, the compiled tables and what a scanner builds over them.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import marshal
import os
import sys
import threading
import time
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def cache_dir() -> Path | None:
    """Where compiled tables are kept: ``WORDING_GUARD_CACHE_DIR`` (``off``: nowhere), else
    the user's cache directory."""
    configured = os.environ.get("WORDING_GUARD_CACHE_DIR")
    if configured == "off":
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "wording_guard"


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic collector off: building or reading the tables (and a scanner's own tables
    over them) makes ~10^6 objects, none of them cyclic garbage, and its passes over them
    cost a tenth of a build and a quarter of a start for nothing. Usable as a decorator.

    What the pause made is moved to the oldest generation as it ends: the young
    generation's count, grown by all of it, would otherwise start a pass over every one of
    those objects at the next allocation (~15 ms after reading the tables). The move is
    freeze-and-unfreeze, skipped when the program keeps objects frozen of its own (known
    without counting them when it froze them by :func:`freeze_for_good`)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if not _FROZEN_FOR_GOOD and not gc.get_freeze_count():
                gc.freeze()
                gc.unfreeze()
            gc.enable()


_FROZEN_FOR_GOOD: list[bool] = []  # one True once freeze_for_good ran (as gc's state: global)


def freeze_for_good() -> None:
    """``gc.freeze()`` for a program that keeps what it made out of the collector's sight to
    its end (the CLI, once its scanner stands), told to :func:`gc_paused`: it need not ask
    ``gc.get_freeze_count()``, which walks every frozen object (~20 ms after a scanner's
    start, at each pause: the segmenter's and the character model's loads in a first scan)."""
    gc.freeze()
    if not _FROZEN_FOR_GOOD:
        _FROZEN_FOR_GOOD.append(True)


# a file holds at most this many programs: past it, one keeps only those a run used
# (patterns built from edited lexicons would otherwise pile up)
MAX_PROGRAMS = 4096
KEEP_UNUSED_S = 7 * 24 * 3600
_FORMAT = 2  # (pattern, flags) -> (flags, program as bytes, groups - 1, groupindex, indexgroup)

_Key = tuple[Any, int]  # (pattern, flags): str or bytes, as given to re.compile


class _Hook:
    """The state of the block (one per process: it stands in for ``re``'s compiler, which
    is one per process too). Reentrant and thread-safe; a no-op where ``re`` differs."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0
        self._path: Path | None = None
        self._programs: dict[_Key, tuple[Any, ...]] = {}
        self._used: set[_Key] = set()
        self._added = False
        self._original: Any = None  # re's own compile, once seen (kept: a thread may still
        self._installed = False  # be inside the stand-in as the block ends)

    def enter(self) -> None:
        with self._lock:
            self._depth += 1
            if self._depth > 1:
                return
            compiler = _compiler_module()
            where = cache_dir()
            if compiler is None or where is None:
                return
            self._path = where / f"regex-{_build_tag()}.marshal"
            try:
                programs = marshal.loads(self._path.read_bytes())
                self._programs = programs if isinstance(programs, dict) else {}
            except (OSError, ValueError, EOFError, TypeError):
                self._programs = {}
            self._used = set()
            self._added = False
            if self._original is None:
                self._original = compiler.compile
            compiler.compile = self._compile
            self._installed = True

    def exit(self) -> None:
        with self._lock:
            self._depth -= 1
            if self._depth or not self._installed:
                return
            compiler = _compiler_module()
            assert compiler is not None
            compiler.compile = self._original
            self._installed = False
            programs, used, path = self._programs, self._used, self._path
            self._programs, self._used = {}, set()
            if self._added and path is not None:
                if len(programs) > MAX_PROGRAMS:
                    programs = {k: v for k, v in programs.items() if k in used}
                with contextlib.suppress(ValueError):  # (never: exact types only)
                    _write(path, marshal.dumps(programs))
                _prune(path)

    def _compile(self, p: Any, flags: int = 0) -> Any:
        """``re._compiler.compile``, with the program read back when it was kept."""
        import _sre
        import re._compiler as compiler
        import re._parser as parser

        # (only what the file can hold: exact strings and flags, no debug output)
        if type(p) not in (str, bytes) or type(flags) is not int or flags & compiler.SRE_FLAG_DEBUG:
            return self._original(p, flags)
        key = (p, flags)
        args = self._programs.get(key)
        if args is not None:
            try:
                final_flags, program, *more = args
                pattern = _sre.compile(p, final_flags, _code_list(program), *more)
                self._used.add(key)
                return pattern
            except Exception:  # a damaged entry: compiled below and written again
                pass
        # what re._compiler.compile does, keeping the constructor's arguments
        parsed = parser.parse(p, flags)  # (a bad pattern raises re.error here, as in re)
        try:
            code = compiler._code(parsed, flags)
            groupindex = parsed.state.groupdict
            indexgroup: list[str | None] = [None] * parsed.state.groups
            for name, index in groupindex.items():
                indexgroup[index] = name
            rest = (parsed.state.groups - 1, dict(groupindex), tuple(indexgroup))
            pattern = _sre.compile(p, flags | parsed.state.flags, code, *rest)
        except Exception:  # a Python whose private compiler changed shape: re's own way
            return self._original(p, flags)
        self._programs[key] = (flags | parsed.state.flags, _code_bytes(code), *rest)
        self._used.add(key)
        self._added = True
        return pattern


def _word_type() -> str | None:
    """The array type of the regex engine's code words (``_sre.CODESIZE`` bytes), if any."""
    import _sre

    return next((t for t in "IL" if array(t).itemsize == _sre.CODESIZE), None)


_WORD = _word_type()


def _compiler_module() -> Any:
    """``re._compiler`` where its ``compile`` has the shape :class:`_Hook` reproduces (3.11
    and later, CPython), else None."""
    if sys.implementation.name != "cpython" or sys.version_info < (3, 11) or _WORD is None:
        return None
    try:
        import re._compiler as compiler
        import re._parser  # noqa: F401
    except ImportError:
        return None
    needed = ("_code", "SRE_FLAG_DEBUG", "compile")
    return compiler if all(hasattr(compiler, n) for n in needed) else None


def _code_bytes(code: list[int]) -> bytes:
    """A program as the bytes of its words (read back ~10x faster than a list of ints)."""
    assert _WORD is not None
    return array(_WORD, code).tobytes()


def _code_list(data: bytes) -> list[int]:
    assert _WORD is not None
    words = array(_WORD)
    words.frombytes(data)
    return words.tolist()


def _build_tag() -> str:
    """The Python build the programs are written for."""
    import _sre

    tag = f"{_FORMAT}|{sys.version}|{sys.implementation.cache_tag}|{_sre.MAGIC}|{_sre.CODESIZE}"
    return hashlib.sha256(tag.encode()).hexdigest()[:16]


def _write(path: Path, data: bytes) -> None:
    """Atomically; a cache that cannot be written is only not written."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()


def _prune(kept: Path) -> None:
    """Remove the files of other Python builds unused for a week."""
    with contextlib.suppress(OSError):
        for other in kept.parent.glob("regex-*.marshal"):
            if other != kept and time.time() - other.stat().st_mtime > KEEP_UNUSED_S:
                other.unlink(missing_ok=True)


_HOOK = _Hook()


@contextlib.contextmanager
def regex_cache() -> Iterator[None]:
    """Within the block, ``re`` reads the programs of the patterns it compiled in earlier
    runs from the cache (see the module's doc). Usable as a decorator."""
    _HOOK.enter()
    try:
        yield
    finally:
        _HOOK.exit()
