"""Reading input files: encoding detection and directory walking."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

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

    Raises :class:`InputError` for binary data or bytes that fit none of them.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: invalid UTF-16 at byte {exc.start}") from None
    if b"\x00" in data[:_SNIFF]:
        raise InputError(f"{name}: binary file (contains NUL bytes), not scanned")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            raise InputError(
                f"{name}: not UTF-8 (bad byte at offset {utf8_error.start}) nor GB18030/GBK; "
                "convert it to UTF-8"
            ) from None


def read_text_file(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return decode(data, str(path))


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
