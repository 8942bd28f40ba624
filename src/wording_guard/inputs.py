"""Reading input files: encoding detection and directory walking, and the record of an
input that was not scanned."""

from __future__ import annotations

import codecs
import errno
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .errors import InputError

TEXT_SUFFIXES = frozenset(
    {
        ".txt",
        ".text",
        ".md",
        ".html",
        ".htm",
        ".shtml",
        ".xhtml",
        ".xml",
        ".csv",
        ".tsv",
        ".json",
        ".jsonl",
        ".yaml",
        ".yml",
        ".srt",
    }
)
ATTACHMENT_SUFFIXES = frozenset({".docx", ".xlsx", ".xlsm", ".pdf"})
"""Files read unit by unit by ``attachments.units`` (paragraphs, cells, pages)."""
SWEPT_SUFFIXES = TEXT_SUFFIXES | ATTACHMENT_SUFFIXES
"""What folder sweeps scan; they skip other files and count them by suffix."""
BINARY = "binary file (contains NUL bytes)"
_SNIFF = 8192


def decode(data: bytes, name: str = "<input>") -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK.

    Raises :class:`InputError` for binary data or bytes that fit none of them (offsets in
    the messages count the bytes of the file, BOM included).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(_bad_utf16(name, exc.start)) from None
    if b"\x00" in data[:_SNIFF]:
        raise InputError(_binary(name))
    bom = len(_UTF8_BOM) if data.startswith(_UTF8_BOM) else 0
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            raise InputError(_not_text(name, bom + utf8_error.start)) from None


_UTF8_BOM = b"\xef\xbb\xbf"


def _bad_utf16(name: str, offset: int) -> str:
    return f"{name}: invalid UTF-16 at byte {offset}"


def _binary(name: str) -> str:
    return f"{name}: {BINARY}"


def _not_text(name: str, offset: int) -> str:
    return f"{name}: not UTF-8 (bad byte at offset {offset}) nor GB18030/GBK; convert it to UTF-8"


def file_kind(path: Path) -> str:
    """``file``, ``pipe`` (a named pipe, ``<(command)``), ``device`` or ``socket``;
    :class:`InputError` when the path cannot be reached."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise InputError(_cannot_read(path, exc)) from None
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISFIFO(mode):
        return "pipe"
    return "socket" if stat.S_ISSOCK(mode) else "device"


def read_text_file(path: Path) -> str:
    return decode(read_bytes(path), str(path))


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(_cannot_read(path, exc)) from None


def _cannot_read(path: Path, exc: OSError) -> str:
    return f"{path}: cannot read: {exc.strerror or exc}"


def file_size(path: Path) -> int:
    """Bytes in the file (0 when it cannot be read: reading it then reports why)."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


def read_text_chunks(path: Path, block: int = 1 << 20) -> Iterator[str]:
    """The text of the file in pieces, decoded as :func:`read_text_file` decodes it (same
    encodings, same errors), for files too big to hold in memory at once.

    A first pass finds the encoding (the file is decoded once without keeping the text:
    a file that is not UTF-8 is GB18030 only if all of it decodes as such), so an error is
    raised before any text is yielded; the second yields the text, ``block`` bytes at a
    time."""
    try:
        with path.open("rb") as fh:
            head = fh.read(_SNIFF)
            if head.startswith((b"\xff\xfe", b"\xfe\xff")):
                encoding = "utf-16"
                bad = _first_error(fh, head, encoding, block)
                if bad is not None:
                    raise InputError(_bad_utf16(str(path), bad))
            else:
                if b"\x00" in head:
                    raise InputError(_binary(str(path)))
                encoding = "utf-8-sig"
                bad = _first_error(fh, head, encoding, block)
                if bad is not None:
                    fh.seek(0)
                    if _first_error(fh, fh.read(_SNIFF), "gb18030", block) is not None:
                        raise InputError(_not_text(str(path), bad))
                    encoding = "gb18030"
            fh.seek(0)
            decoder = codecs.getincrementaldecoder(encoding)()
            while data := fh.read(block):
                text = decoder.decode(data)
                if text:
                    yield text
            text = decoder.decode(b"", True)
            if text:
                yield text
    except OSError as exc:
        raise InputError(_cannot_read(path, exc)) from None


def _first_error(fh: BinaryIO, head: bytes, encoding: str, block: int) -> int | None:
    """Offset in the file of the first byte that ``encoding`` cannot decode, reading on
    from ``head`` (the file's first bytes), or None when all of it decodes."""
    decoder = codecs.getincrementaldecoder(encoding)()
    fed = 0  # bytes given to the decoder so far
    data = head
    while True:
        final = not data
        pending = len(decoder.getstate()[0])
        try:
            decoder.decode(data, final)
        except UnicodeDecodeError as exc:
            # the decoder reads what it held back from the last block, then ``data``
            offset = fed - pending + exc.start
            if encoding == "utf-8-sig" and head.startswith(_UTF8_BOM) and fed == 0:
                offset += len(_UTF8_BOM)
            return offset
        if final:
            return None
        fed += len(data)
        data = fh.read(block)


@dataclass(frozen=True)
class NotScanned:
    """An input that was not scanned (or not all of it), and why: ``reason`` does not
    repeat the path."""

    path: str
    reason: str

    @classmethod
    def from_error(cls, path: str, error: Exception) -> NotScanned:
        """The record of an error whose message may start with the path."""
        reason = str(error)
        if reason.startswith(f"{path}: "):
            reason = reason[len(path) + 2 :]
        return cls(path, reason)


@dataclass(frozen=True)
class FileError:
    """An error inside an input that was scanned, e.g. an unknown inline suppression: the
    input was checked without the faulty part. ``path`` is the file or a unit of an
    attachment (``output.unit_path``), ``line`` 1-based in it; ``file`` is the attachment
    when ``path`` names a unit of it."""

    path: str
    line: int
    message: str
    file: str = ""


def walk(
    paths: list[Path],
    suffixes: frozenset[str] = SWEPT_SUFFIXES,
    skipped: dict[str, int] | None = None,
) -> Iterator[Path | NotScanned]:
    """Files to scan, in order, and the inputs that cannot be: every path is yielded as one
    or the other, or, in a folder, counted in ``skipped``.

    A path given is yielded whatever its suffix (reading it tells whether it is text).
    Folders are walked recursively in name order, hidden entries left out, symbolic links
    followed (a folder reached twice, as by a link to a parent, is walked once); from them
    only files with one of ``suffixes`` are taken, the others counted in ``skipped`` by
    suffix (lower case, "" for none). A path that does not exist, a broken or looping link,
    a folder that cannot be opened and anything that is not a regular file are yielded as
    :class:`NotScanned`."""
    walked: set[tuple[int, int]] = set()
    for path in paths:
        try:
            info = path.stat()
        except OSError as exc:
            yield NotScanned(str(path), _unreachable(path, exc))
            continue
        if stat.S_ISDIR(info.st_mode):
            walked.add((info.st_dev, info.st_ino))
            yield from _walk_folder(path, suffixes, skipped, walked)
        else:
            yield path


def _walk_folder(
    folder: Path,
    suffixes: frozenset[str],
    skipped: dict[str, int] | None,
    walked: set[tuple[int, int]],
) -> Iterator[Path | NotScanned]:
    # a stack of the open folders' remaining entries, not recursion: no depth limit
    stack: list[Iterator[os.DirEntry[str]]] = []
    opened = _entries(folder)
    if isinstance(opened, NotScanned):
        yield opened
        return
    stack.append(opened)
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        child = Path(entry.path)
        try:
            info = entry.stat()  # follows a symbolic link
        except OSError as exc:
            yield NotScanned(str(child), _unreachable(child, exc))
            continue
        if stat.S_ISDIR(info.st_mode):
            key = (info.st_dev, info.st_ino)
            if key not in walked:  # a link back up the tree would never end
                walked.add(key)
                opened = _entries(child)
                if isinstance(opened, NotScanned):
                    yield opened
                else:
                    stack.append(opened)
            continue
        suffix = child.suffix.lower()
        if suffix not in suffixes:
            if skipped is not None:
                skipped[suffix] = skipped.get(suffix, 0) + 1
        elif stat.S_ISREG(info.st_mode):
            yield child
        else:  # reading a pipe or a device could block the sweep for good
            yield NotScanned(str(child), "not a regular file")


def _entries(folder: Path) -> Iterator[os.DirEntry[str]] | NotScanned:
    """The entries of ``folder`` in name order."""
    try:
        with os.scandir(folder) as listing:
            return iter(sorted(listing, key=lambda entry: entry.name))
    except OSError as exc:
        return NotScanned(str(folder), f"cannot open folder: {exc.strerror or exc}")


def _unreachable(path: Path, exc: OSError) -> str:
    """Why ``path`` cannot be reached, from the error of stat()."""
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if isinstance(exc, FileNotFoundError):
        if path.is_symlink():
            try:
                target = os.readlink(path)
            except OSError:
                return "broken symbolic link"
            return f"broken symbolic link (to {target})"
        return "no such file or directory"
    return f"cannot read: {exc.strerror or exc}"
