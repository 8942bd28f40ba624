"""Compile lexicons once, keep the result on disk.

Building the fold table needs opencc, and compiling validates every rule file with pydantic
and generates near-miss variants; together that takes far longer than a cold
``wording-guard scan`` may spend. The compiled tables are pickled under the user's cache
directory, keyed by the engine itself (a hash of the package's own source files), jieba's
dictionary (it feeds the near-miss filter) and the contents of every lexicon file read, data
folders included. Any change to any of them rebuilds. Allow lists are not part of the key:
the scanner applies them on top of the cached tables. Set ``WORDING_GUARD_CACHE_DIR`` to
move the cache, or to ``off`` to disable it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import importlib.util
import io
import json
import os
import pickle
import re
import threading
import time
from array import array
from collections.abc import Callable, Sequence
from enum import Enum
from functools import lru_cache, partial
from itertools import compress
from operator import is_not
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple, cast

from .lexicon.paths import rule_files, shipped_lexicon_dir
from .matcher import BACKENDS, Matcher, build_matcher, nul_joined
from .normalize import Normalizer
from .startup import cache_dir as cache_dir  # (re-exported: where the caches live)
from .startup import gc_paused as gc_paused

if TYPE_CHECKING:  # a warm start reads the tables and needs none of what builds them
    from .compiler import Compiled

_PACKAGE = Path(__file__).resolve().parent


def input_files(dirs: list[Path]) -> list[Path]:
    """Every file compiling ``dirs`` reads: rule files and the ``_*`` data folders."""
    files: list[Path] = []
    for directory in dirs:
        files.extend(rule_files(directory))
        for sub in sorted(directory.iterdir()):
            if sub.is_dir() and sub.name.startswith("_"):
                files.extend(sorted(p for p in sub.rglob("*") if p.is_file()))
    return files


@lru_cache(maxsize=1)
def engine_fingerprint() -> str:
    """A hash of the package's own source files: a changed engine never reads old tables.

    Cached per process: the installed sources do not change under a running program."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(str(path.relative_to(_PACKAGE)).encode())
        digest.update(path.read_bytes())
    digest.update(_jieba_dictionary().encode())
    return digest.hexdigest()


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


def cache_key(dirs: list[Path]) -> str:
    """A hash of the engine and of the contents of every file compiling ``dirs`` reads.

    Reading ~10 MB of lexicons to hash them is a tenth of a cold start, so the key is
    remembered in the cache beside the files' full status (size, modification and change
    times, inode): on POSIX no write to a file leaves its change time as it was, even when
    its size and modification time are put back, so a file whose status is unchanged has
    its content unchanged too."""
    files = input_files(dirs)
    return _remembered(files, lambda: _content_key(dirs, files), places=dirs, engine=_engine_status)


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file (hex), remembered in the cache beside its full status as
    :func:`cache_key` remembers keys: the character model (3.6 MB) is named by its digest,
    which hashing again cost ~10 ms of every start that reads it."""
    return _remembered([path], lambda: _sha256_of(path))


def _sha256_of(path: Path) -> str:
    # read in small pieces: a large passing buffer would make the C allocator keep the
    # model's own large blocks afterwards (its threshold for returning them to the system
    # rises to the largest block freed), ~8 MB more resident memory for good
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for piece in iter(partial(fh.read, 1 << 16), b""):
            digest.update(piece)
    return digest.hexdigest()


def _remembered(
    files: list[Path],
    compute: Callable[[], str],
    *,
    places: Sequence[Path] = (),
    engine: Callable[[], str] | None = None,
) -> str:
    """``compute()``, a digest of the contents of ``files`` (and of the engine, and the
    ``places`` their tables point into), remembered under a hash of their full status; on
    POSIX only (elsewhere a change time may stay as it was)."""
    where = cache_dir() if os.name == "posix" else None
    memo = None
    if where is not None:
        try:
            signature = hashlib.sha256(b"" if engine is None else engine().encode())
            for directory in places:
                signature.update(f"\x00{Path(directory).resolve()}\x00".encode())
            for path in files:
                signature.update(f"\x00{path}|{_status(path)}".encode())
            memo = where / "keys" / signature.hexdigest()[:32]
            return memo.read_text(encoding="ascii")
        except (OSError, ValueError):
            pass  # no memo yet (or unreadable): computed below
    value = compute()
    if memo is not None and _write(memo, lambda fh: fh.write(value.encode("ascii"))):
        _prune_keys(memo.parent)
    return value


def _status(path: Path) -> str:
    st = path.stat()
    return f"{st.st_size}|{st.st_mtime_ns}|{st.st_ctime_ns}|{st.st_ino}"


def _engine_status() -> str:
    """The package's source files by their full status, and jieba's dictionary: what
    :func:`engine_fingerprint` hashes, without reading it (a memo's key)."""
    return "\x00".join(
        [_jieba_dictionary()]
        + [
            f"{path.relative_to(_PACKAGE)}|{_status(path)}"
            for path in sorted(_PACKAGE.rglob("*.py"))
        ]
    )


def _engine_and_places(dirs: list[Path]) -> hashlib._Hash:
    """A hash started with the engine and where the directories are: the compiled tables
    hold paths into them (the typo model), so a copy elsewhere must not read tables that
    point into a tree since deleted."""
    digest = hashlib.sha256(engine_fingerprint().encode())
    for directory in dirs:
        digest.update(f"\x00{Path(directory).resolve()}\x00".encode())
    return digest


def _content_key(dirs: list[Path], files: list[Path]) -> str:
    digest = _engine_and_places(dirs)
    for path in files:
        digest.update(f"\x00{path.name}\x00".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def _prune_keys(where: Path) -> None:
    """Forget remembered keys unused for KEEP_RECENT_S (each lexicon edit leaves one)."""
    try:
        now = time.time()
        for old in where.iterdir():
            if now - old.stat().st_mtime > KEEP_RECENT_S:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # housekeeping: never a reason to fail a scan


def trim_heap() -> None:
    """Hand the C heap's free pages back to the system (glibc only; elsewhere nothing).

    Loading reads each cached file whole into memory and copies it into what it builds (an
    automaton, a pickle's objects); glibc keeps the freed buffers of that size in the heap
    rather than unmapping them, ~10 MB after a scanner's start and ~20 MB after the
    segmenter's, which a process that scans one file would hold to its end."""
    _libc_malloc_trim()()


@lru_cache(maxsize=1)
def _libc_malloc_trim() -> Callable[[], object]:
    try:
        import ctypes

        trim = ctypes.CDLL(None).malloc_trim
        trim.argtypes = [ctypes.c_size_t]
        return lambda: trim(0)
    except (OSError, AttributeError):
        return lambda: None


def build(dirs: list[Path]) -> tuple[dict[int, int], Compiled]:
    table, compiled, _ = _build(dirs)
    return table, compiled


def _build(dirs: list[Path]) -> tuple[dict[int, int], Compiled, Any]:
    """The fold table, the compiled tables, and the plain tokenizer the build cut with
    (for the scanner that asked for the tables: it need not read the dictionary again)."""
    with gc_paused():
        return _build_paused(dirs)


def _build_paused(dirs: list[Path]) -> tuple[dict[int, int], Compiled, Any]:
    from . import nearmiss
    from .compiler import compile_rules
    from .context import ContextWords
    from .kinds.base import jieba_words
    from .lexicon.loader import LoadedRule, load_rule_file, read_rule_data
    from .normalize import build_fold_table
    from .segment import Segmenter
    from .validators import PrivacyData, builtin_registry

    table = build_fold_table()
    normalizer = Normalizer(table)
    loaded: list[LoadedRule] = []
    terms: set[str] = set()  # each file is parsed once, for the near-miss filter too
    shipped = shipped_lexicon_dir()
    for directory in dirs:
        for path in rule_files(directory):
            raw = read_rule_data(path)
            loaded.append(load_rule_file(path, raw=raw, shipped=directory == shipped))
            terms |= nearmiss.protected_terms_of(normalizer, raw)
    privacy = PrivacyData.load(dirs)
    # confusable characters are facts of the language, not of a lexicon: the shipped tables
    # always, plus what each directory adds
    tables = nearmiss.Tables.load_all(list(dict.fromkeys([shipped_lexicon_dir(), *dirs])))
    segmenter = Segmenter()
    cut = segmenter.tokens  # the plain dictionary: how an editor's words fall
    made = nearmiss.Variants(tables, cut)  # the filter and the compiler ask for the same terms
    try:
        compiled = compile_rules(
            loaded,
            normalizer,
            registry=builtin_registry(privacy),
            words=ContextWords.load(dirs, normalizer.fold),
            privacy=privacy,
            tables=tables,
            reject_variant=nearmiss.real_words(
                normalizer, dirs, tables, cut, terms=terms, made=made
            ),
            cut=cut,
            variants=made,
        )
    finally:
        jieba_words.cache_clear()  # the kinds that read jieba's dictionary are done
    return table, compiled, segmenter.release()


class Loaded(NamedTuple):
    """What :func:`load_compiled` gives a scanner."""

    normalizer: Normalizer
    compiled: Compiled
    path: Path | None
    """The cache file the tables were read from or written to (None without a cache):
    files that belong to the same tables are named after it."""
    tokenizer: Any
    """A plain tokenizer a build loaded (None when the tables came from the cache)."""
    automaton: list[Prefetched]
    """The automaton read ahead of the tables, if any (for :func:`load_matcher`, which
    takes it out of the list)."""


class Prefetched(NamedTuple):
    """An automaton file read before the tables it belongs to (see :func:`load_compiled`)."""

    path: Path
    pids: list[int]
    edges: bytes
    matcher: Matcher


def load_compiled(
    extra_dirs: list[Path],
    include_shipped: bool,
    use_cache: bool = True,
    backend: str | None = None,
) -> Loaded:
    """The compiled tables of ``extra_dirs`` (and the shipped lexicons), from the cache
    when it holds them, else built (and stored).

    With ``backend``, the set's automaton file of that backend, when it has exactly one, is
    read on a thread of its own while the tables are unpickled: reading the file and
    daachorse's check of it release the GIL, so the two (~70 ms each on a warm start) overlap.
    Which file a scanner needs depends on its allow list and its finders' strings,
    known only after the tables: :func:`load_matcher` uses the one read ahead only when it
    is that file."""
    dirs = ([shipped_lexicon_dir()] if include_shipped else []) + extra_dirs
    where = cache_dir() if use_cache else None
    path = where / f"compiled-{cache_key(dirs)}.pickle" if where else None
    if path is not None and path.is_file():
        try:
            reader, ahead = _reading_ahead(path, backend)
            try:
                with gc_paused():
                    table, compiled = load_mapped(path)
            finally:
                reader.join()
            if compiled.patterns_file is not None:  # wherever the cache is now
                compiled.patterns_file = path.with_suffix(".patterns")
                if not compiled.patterns_file.is_file():  # half a set: built again
                    raise FileNotFoundError(compiled.patterns_file)
            _touch(path)
            return Loaded(Normalizer(table), compiled, path, None, ahead)
        except Exception:  # a stale or truncated cache file is rebuilt, never trusted
            ahead = []
    table, compiled, tokenizer = _build(dirs)
    if path is not None:
        if _store(path, table, compiled):
            _prune(path.parent)
        else:
            path = None  # a read-only home still scans, just without the cache
    return Loaded(Normalizer(table), compiled, path, tokenizer, [])


def _reading_ahead(tables: Path, backend: str | None) -> tuple[threading.Thread, list[Prefetched]]:
    """:func:`_read_ahead` on a started thread (to be joined), and the list it fills."""
    ahead: list[Prefetched] = []
    reader = threading.Thread(
        target=lambda: ahead.extend(_read_ahead(tables, backend)), name="wording-guard automaton"
    )
    reader.start()
    return reader, ahead


def _read_ahead(tables: Path, backend: str | None) -> list[Prefetched]:
    """The automaton of the set ``tables`` names for ``backend``, when one file of it is
    cached (a set used with several allow lists has several: none is guessed)."""
    from_bytes = getattr(BACKENDS.get(backend or ""), "from_bytes", None)
    if from_bytes is None:
        return []
    try:
        found = list(tables.parent.glob(f"{tables.stem}.{backend}-*.automaton"))
        if len(found) != 1:
            return []
        pids, edges, data = _read_automaton(found[0])
        return [Prefetched(found[0], pids, edges, from_bytes(data))]
    except Exception:  # unreadable or damaged: load_matcher reads or builds it as ever
        return []


KEEP_COMPILED = 8
KEEP_RECENT_S = 7 * 24 * 3600


def _prune(where: Path) -> None:
    """Keep the files of the KEEP_COMPILED most recently used lexicon sets, and of any used
    in the last KEEP_RECENT_S: every engine upgrade and lexicon edit builds a new set (~20 MB),
    and none is read again once its inputs changed. A set is "used" when built or loaded
    (loading touches it), so a long-running scanner's set, whose pattern list is read
    lazily, is never removed under it by a sweep that builds others."""
    try:
        now = time.time()
        built = sorted(
            where.glob("compiled-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True
        )
        for old in built[KEEP_COMPILED:]:
            if now - old.stat().st_mtime < KEEP_RECENT_S:
                continue
            for member in where.glob(f"{old.stem}.*"):
                member.unlink(missing_ok=True)
    except OSError:
        pass  # pruning is housekeeping: never a reason to fail a scan


def _touch(path: Path) -> None:
    """Mark a set as used (see :func:`_prune`)."""
    with contextlib.suppress(OSError):  # a read-only cache is still read
        os.utime(path)


def _store(path: Path, table: dict[int, int], compiled: Compiled) -> bool:
    # the pattern list goes to a file of its own, read only when an automaton is built
    patterns = compiled.patterns
    joined = "\x00".join(patterns)
    # (no pattern holds a NUL when the joined text holds only the separators: counted in C)
    if patterns and joined.count("\x00") == len(patterns) - 1:
        blob = joined.encode("utf-8")
        if not _write(path.with_suffix(".patterns"), lambda fh: fh.write(blob)):
            return False
        stored = dataclasses.replace(
            compiled, patterns=[], patterns_file=path.with_suffix(".patterns")
        )
    else:
        stored = compiled
    return dump_mapped(path, share_equal((table, stored)))


def dump_mapped(path: Path, obj: Any) -> bool:
    """``obj`` pickled (protocol 5) to ``path``, its out-of-band buffers (when it has any) to
    the ``.buffers`` file beside it, written first: a pickle on disk has its buffers too.
    False when a file could not be written (a read-only home goes without)."""
    buffers: list[pickle.PickleBuffer] = []
    data = pickle.dumps(obj, protocol=5, buffer_callback=buffers.append)
    side = path.with_suffix(".buffers")
    if buffers and not _write(side, partial(_write_buffers, buffers=buffers)):
        return False
    return _write(path, lambda fh: fh.write(data))


def load_mapped(path: Path) -> Any:
    """What :func:`dump_mapped` wrote to ``path``, its buffers mapped, not read (their pages
    a scan never reads are never in memory). The pickle is read as it is unpickled, not
    whole first: no second copy of it beside what it makes. Fails (an exception) for a
    buffers file missing, cut short or of another format where the pickle needs one."""
    side = path.with_suffix(".buffers")
    buffers = _mapped_buffers(side) if side.is_file() else []
    with path.open("rb") as fh:
        return pickle.load(fh, buffers=buffers)


# The out-of-band buffers of the tables' pickle (protocol 5: the large pickled groups of
# Packed sequences, the arrays of Ints): this line (8 bytes), their count and each one's
# length (8 bytes each, little-endian), then the buffers, each padded with NULs to a multiple
# of 8 bytes (an array's items stay aligned). A scanner maps the file rather than reads it:
# the pages of items a scan never reads are never in its memory (~10 MB of the shipped
# tables).
_BUFFERS_FORMAT = b"wg-buf1\n"


def _write_buffers(fh: BinaryIO, buffers: list[pickle.PickleBuffer]) -> None:
    views = [buffer.raw() for buffer in buffers]
    fh.write(_BUFFERS_FORMAT + len(views).to_bytes(8, "little"))
    fh.write(b"".join(view.nbytes.to_bytes(8, "little") for view in views))
    for view in views:
        fh.write(view)
        fh.write(bytes(-view.nbytes % 8))


def _mapped_buffers(path: Path) -> list[memoryview]:
    """The buffers :func:`_write_buffers` wrote, as read-only views of the file mapped
    into memory; ValueError for a file of another format or of another length."""
    import mmap

    with path.open("rb") as fh:
        mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    view = memoryview(mapped)
    at = len(_BUFFERS_FORMAT)
    if view[:at] != _BUFFERS_FORMAT or len(view) < at + 8:
        raise ValueError(f"{path}: not a buffers file of this format")
    count = int.from_bytes(view[at : at + 8], "little")
    at += 8
    if len(view) < at + 8 * count:
        raise ValueError(f"{path}: cut short")
    sizes = [int.from_bytes(view[k : k + 8], "little") for k in range(at, at + 8 * count, 8)]
    at += 8 * count
    out = []
    for size in sizes:
        out.append(view[at : at + size])
        at += size + -size % 8
    if at != len(view):
        raise ValueError(f"{path}: cut short or longer than written")
    return out


# kept as they are: no string inside, or one the pickle writes in a form of its own
_ATOMS: tuple[type, ...] = (int, float, complex, bytes, bytearray, array, range, type, Enum)
_ATOMS += (PurePath, re.Pattern, dt.date, dt.time, dt.timedelta, type(None))


_SCALARS = frozenset((int, bool, float, type(None)))  # (exactly these types: atoms)
_PLAIN = frozenset((str, int))  # (exactly these types: no bool equal to 1, no float, no enum)
_STR = frozenset((str,))


class _Pool(dict[str, str]):
    """Each string the first time it comes, as the one object for all equal to it."""

    def __missing__(self, key: str) -> str:
        self[key] = key
        return key


def share_equal(root: Any) -> Any:
    """``root`` with one object for each distinct string in it, and the tuples and frozensets
    holding those strings rebuilt over them (mutable containers and objects' attributes are
    updated in place; nothing changes value).

    The kinds fold and slice their names where they need them, so the same name is often
    several equal objects (a division rule's places, its register's names, another rule's
    copy): a pickle writes every object once, and half the compiled tables' ~3*10^5 strings
    were copies, ~12 MB of every scanner's memory (and time to unpickle them); equal tuples
    and frozensets ~1 MB more. An object whose ``__getstate__`` makes tables as it is
    pickled (the protected kind's form tables, ~4 MB) is replaced by one holding that
    state, shared likewise."""
    pool = _Pool()
    # tuples of strings and ints (and of such tuples), frozensets of strings, by value: equal
    # ones become one object too (sets of provinces, names filed under a key). (Not sets of
    # other things: equal ones may iterate in different orders, strings' are random anyway)
    same: dict[tuple[type, Any], Any] = {}
    plain: set[int] = set()
    done: dict[int, Any] = {}
    alive: list[Any] = []  # what was replaced stays alive: its id is never reused meanwhile

    def each(items: Any) -> list[Any]:
        # walk's result for every item, its commonest cases (~9 in 10 items: a string, an
        # int, None) inline rather than one call each
        return [
            pool[item] if (kind := type(item)) is str else item if kind in _SCALARS else walk(item)
            for item in items
        ]

    def walk(obj: Any) -> Any:
        kind = type(obj)
        if kind is str:
            return pool[obj]
        if kind is tuple or kind is frozenset:  # (the commonest containers: looked at first)
            key = id(obj)
            if key in done:
                return done[key]
            done[key] = obj
            alive.append(obj)
            items = each(obj)
            new = kind(items) if any(map(is_not, items, obj)) else obj
            if (
                # (each item's type looked up without a call of ours; ids only if need be)
                all(map(_PLAIN.__contains__, map(type, items)))
                or all(type(item) in _PLAIN or id(item) in plain for item in items)
                if kind is tuple
                else all(map(_STR.__contains__, map(type, items)))
            ):
                new = same.setdefault((kind, new), new)
                plain.add(id(new))
            done[key] = new
            return new
        if isinstance(obj, _ATOMS):
            return obj
        key = id(obj)
        if key in done:
            return done[key]
        done[key] = obj
        alive.append(obj)
        if isinstance(obj, tuple) and _fields(kind):
            items = each(obj)
            if any(map(is_not, items, obj)):
                done[key] = kind._make(items)
            return done[key]
        if _own_state(kind):
            # an object that pickles a state of its own making (tables made as they are
            # pickled): that state, its strings shared, in a copy the pickle writes as it is
            state = walk(obj.__getstate__())
            done[key] = new = cast(Any, kind).__new__(kind)  # (as pickle makes it)
            new.__setstate__(state)
            return new
        if kind is list:
            obj[:] = each(obj)
        elif kind is dict:
            pairs = list(zip(each(obj), each(obj.values()), strict=True))
            obj.clear()
            obj.update(pairs)
        elif kind is set:
            items = each(obj)
            if any(map(is_not, items, obj)):  # (a set's elements cannot be replaced)
                done[key] = set(items)
                return done[key]
        else:
            state = getattr(obj, "__dict__", None)
            if isinstance(state, dict):
                for name, value in list(state.items()):
                    state[name] = walk(value)
            for cls in kind.__mro__:
                slots = cls.__dict__.get("__slots__", ())
                for name in (slots,) if isinstance(slots, str) else slots:
                    if name not in ("__dict__", "__weakref__") and hasattr(obj, name):
                        object.__setattr__(obj, name, walk(getattr(obj, name)))
        return obj

    return walk(root)


def _own_state(kind: type) -> bool:
    """A class that defines ``__getstate__`` and ``__setstate__`` (and leaves pickling's
    protocol as it is)."""
    return (
        getattr(kind, "__getstate__", None) is not getattr(object, "__getstate__", None)
        and hasattr(kind, "__setstate__")
        and getattr(kind, "__reduce_ex__", None) is getattr(object, "__reduce_ex__", None)
        and getattr(kind, "__reduce__", None) is getattr(object, "__reduce__", None)
    )


def _fields(kind: type) -> bool:
    """A named tuple's class."""
    return issubclass(kind, tuple) and hasattr(kind, "_fields")


def load_matcher(
    tables: Path | None,
    compiled: Compiled,
    strings: list[str],
    backend: str,
    ahead: list[Prefetched] | None = None,
) -> tuple[list[int], bytes, Matcher]:
    """The automaton over the compiled patterns plus ``strings`` (allow-list terms, the
    finders' probes and anchors), and where those strings stand in it: ``(pids, edges,
    matcher)``, ``pids`` the index of each of ``strings`` in the automaton (a compiled
    pattern's own, else one after the patterns: the strings that are no pattern, in the order
    they first come, are numbered from ``compiled.pattern_count``), ``edges`` the
    ALNUM_START | ALNUM_END bits of those numbered after the patterns, one byte each.

    When the backend serializes (daachorse) all three are kept beside the compiled
    ``tables``, keyed by the strings: a warm start reads them in a few milliseconds instead
    of reading 100 k patterns and building the automaton (~0.3 s), and of numbering the
    ~4*10^4 strings again (~15 ms). ``ahead``: what :func:`load_compiled` read ahead, taken
    out of the list (used when it is the file these strings name, else dropped before that
    one is read)."""
    prefetched = ahead.pop() if ahead else None
    # the strings written unambiguously: joined by NUL after a NUL when none holds one (JSON
    # never starts with one), else as JSON (~4 ms for the finders' ~35 k strings)
    joined = nul_joined(strings)
    listed = json.dumps(strings, ensure_ascii=False) if joined is None else "\x00" + joined
    variant = hashlib.sha256(listed.encode("utf-8")).hexdigest()[:16]
    from_bytes = getattr(BACKENDS.get(backend), "from_bytes", None)
    path = None
    if tables is not None and from_bytes is not None:
        path = tables.with_name(f"{tables.stem}.{backend}-{variant}.automaton")
        if (
            prefetched is not None
            and prefetched.path == path
            and len(prefetched.pids) == len(strings)
        ):
            return prefetched.pids, prefetched.edges, prefetched.matcher
    prefetched = None  # another allow list's: freed before this one is read or built
    if path is not None and from_bytes is not None:
        try:
            pids, edges, data = _read_automaton(path)
            if len(pids) != len(strings):
                raise ValueError(f"{path}: not the strings asked for")
            return pids, edges, from_bytes(data)
        except Exception:  # missing or damaged: built and rewritten below
            pass
    from .compiler import all_ascii_edges  # (only to build: a warm start reads the edges)

    patterns = compiled.all_patterns()
    wanted = set(strings)
    held = list(map(wanted.__contains__, patterns))  # (~6*10^5 patterns: in C)
    known = dict(zip(compress(patterns, held), compress(range(len(held)), held), strict=True))
    extra = list(dict.fromkeys(s for s in strings if s not in known))
    count = compiled.pattern_count
    at = {**known, **dict(zip(extra, range(count, count + len(extra)), strict=True))}
    pids = [at[s] for s in strings]
    edges = all_ascii_edges(extra)
    matcher = build_matcher(patterns + extra, backend)
    if path is not None:
        data = matcher.to_bytes()  # type: ignore[attr-defined]
        _write(path, lambda fh: _write_automaton(fh, pids, edges, data))
    return pids, edges, matcher


# An automaton file: this line, the lengths of the pickled (pids, edges) and of the
# automaton (8 bytes each, little-endian), then both. The automaton's bytes (~30 MB for
# the shipped lexicons) are read straight into the one bytes object the backend reads:
# inside a pickle they were copied once more, ~20 ms of a start. The pids are an array of
# 32-bit ints (read back as one block, not ~4*10^4 objects of a pickled dict and list).
_AUTOMATON_FORMAT = b"wording-guard automaton 3\n"


def _write_automaton(fh: BinaryIO, pids: list[int], edges: bytes, data: bytes) -> None:
    head = pickle.dumps((array("i", pids), edges), protocol=pickle.HIGHEST_PROTOCOL)
    fh.write(_AUTOMATON_FORMAT + len(head).to_bytes(8, "little") + len(data).to_bytes(8, "little"))
    fh.write(head)
    fh.write(data)


def _read_automaton(path: Path) -> tuple[list[int], bytes, bytes]:
    """What :func:`_write_automaton` wrote; ValueError for a file of another format or cut
    short."""
    with path.open("rb", buffering=0) as fh:  # unbuffered: the tail is read in one piece
        start = _exactly(fh, len(_AUTOMATON_FORMAT) + 16)
        if not start.startswith(_AUTOMATON_FORMAT):
            raise ValueError(f"{path}: not an automaton file of this format")
        sizes = start[len(_AUTOMATON_FORMAT) :]
        head = _exactly(fh, int.from_bytes(sizes[:8], "little"))
        data = fh.readall()  # sized by the file's status: one allocation, no copy
        if len(data) != int.from_bytes(sizes[8:], "little"):
            raise ValueError(f"{path}: cut short or longer than written")
    # (no pause of the collector: two objects, and this may run on the automaton's thread,
    # where a pause would race the main thread's)
    pids, edges = pickle.loads(head)
    if not isinstance(pids, array) or not isinstance(edges, bytes):
        raise ValueError(f"{path}: not an automaton file of this format")
    return pids.tolist(), edges, data


def _exactly(fh: io.FileIO, size: int) -> bytes:
    data = b""
    while len(data) < size:
        more = fh.read(size - len(data))
        if not more:
            raise ValueError("cut short")
        data += more
    return data


def _unpickle(data: bytes) -> Any:
    with gc_paused():
        return pickle.loads(data)


def _write(path: Path, dump: Callable[..., object]) -> bool:
    """Write a cache file atomically (readers never see half of one); False on failure."""
    import tempfile  # (it imports shutil: ~4 ms of a start that writes nothing)

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                dump(fh)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return False
    return True
