"""Text of attachments (DOCX, XLSX, PDF, TXT, HTML) unit by unit, each with its location.

The readers are optional dependencies (``pip install "wording-guard[attachments]"``). A file
that cannot be read (corrupt, encrypted, unknown type, reader not installed) raises
:class:`AttachmentError`; the document check reports it and goes on with the rest.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import PurePath
from typing import Any

from .errors import InputError
from .inputs import decode
from .source import SourceText

# (location, text to scan with its source): location names the unit, e.g. {"paragraph": 3} or
# {"sheet": "表1", "cell": "B2"}; an HTML attachment's unit maps back into its markup
Unit = tuple[dict[str, Any], SourceText]


class AttachmentError(InputError):
    """An attachment could not be read; the message says why."""


def units(name: str, data: bytes) -> Iterator[Unit]:
    suffix = PurePath(name).suffix.lower()
    readers = {
        ".docx": _docx,
        ".xlsx": _xlsx,
        ".xlsm": _xlsx,
        ".pdf": _pdf,
        ".txt": _txt,
        ".csv": _txt,
        ".md": _txt,
        ".html": _html,
        ".htm": _html,
    }
    reader = readers.get(suffix)
    if reader is None:
        raise AttachmentError(
            f"{name}: unsupported attachment type '{suffix or '?'}' "
            f"(supported: {', '.join(sorted(readers))})"
        )
    try:
        yield from reader(name, data)
    except AttachmentError:
        raise
    except ImportError as exc:
        raise AttachmentError(
            f"{name}: reading {suffix} needs an optional package ({exc.name}); "
            'install "wording-guard[attachments]"'
        ) from None
    except Exception as exc:  # readers raise many types on corrupt files
        raise AttachmentError(
            f"{name}: cannot read {suffix} file: {type(exc).__name__}: {exc}"
        ) from None


def _txt(name: str, data: bytes) -> Iterator[Unit]:
    for number, line in enumerate(decode(data, name).splitlines(), 1):
        if line.strip():
            yield {"line": number}, SourceText.plain(line)


def _html(name: str, data: bytes) -> Iterator[Unit]:
    from .htmltext import extract

    source = extract(decode(data, name))
    if source.text.strip():
        yield {"document": name}, source


def _docx(name: str, data: bytes) -> Iterator[Unit]:
    import docx

    document = docx.Document(io.BytesIO(data))
    for number, paragraph in enumerate(document.paragraphs, 1):
        if paragraph.text.strip():
            yield {"paragraph": number}, SourceText.plain(paragraph.text)
    for t, table in enumerate(document.tables, 1):
        for r, row in enumerate(table.rows, 1):
            for c, cell in enumerate(row.cells, 1):
                if cell.text.strip():
                    yield {"table": t, "row": r, "column": c}, SourceText.plain(cell.text)


def _xlsx(name: str, data: bytes) -> Iterator[Unit]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        if "encrypt" in str(exc).lower() or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            raise AttachmentError(f"{name}: encrypted or legacy (OLE) workbook, not read") from None
        raise
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = getattr(cell, "value", None)
                if isinstance(value, str) and value.strip():
                    yield {"sheet": sheet.title, "cell": cell.coordinate}, SourceText.plain(value)
                elif isinstance(value, int) and len(str(value)) >= 11:
                    # long numbers (phones, cards) are often stored as numbers
                    yield (
                        {"sheet": sheet.title, "cell": cell.coordinate},
                        SourceText.plain(str(value)),
                    )
    book.close()


def _pdf(name: str, data: bytes) -> Iterator[Unit]:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        try:
            if not reader.decrypt(""):
                raise AttachmentError(f"{name}: encrypted PDF, not read")
        except AttachmentError:
            raise
        except Exception:
            raise AttachmentError(f"{name}: encrypted PDF, not read") from None
    for number, page in enumerate(reader.pages, 1):
        text = page.extract_text() or ""
        if text.strip():
            yield {"page": number}, SourceText.plain(text)
