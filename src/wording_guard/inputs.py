"""Reading input files: encoding detection and directory walking."""

from __future__ import annotations

import codecs
from collections.abc import Iterator
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
    return f"{name}: binary file (contains NUL bytes), not scanned"


def _not_text(name: str, offset: int) -> str:
    return f"{name}: not UTF-8 (bad byte at offset {offset}) nor GB18030/GBK; convert it to UTF-8"


def read_text_file(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(_cannot_read(path, exc)) from None
    return decode(data, str(path))


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


def walk(
    paths: list[Path],
    suffixes: frozenset[str] = TEXT_SUFFIXES,
    skipped: list[Path] | None = None,
) -> Iterator[Path | str]:
    """Files to scan, in order. Directories are walked recursively (hidden entries skipped)
    and only files with a text suffix are taken from them; the others are appended to
    ``skipped`` so the caller can say so. A path that does not exist is yielded as an error
    string so the caller reports it and goes on."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path)
                if any(part.startswith(".") for part in rel.parts) or not child.is_file():
                    continue
                if child.suffix.lower() in suffixes:
                    yield child
                elif skipped is not None:
                    skipped.append(child)
        elif path.exists():
            yield path
        else:
            yield f"{path}: no such file or directory"
