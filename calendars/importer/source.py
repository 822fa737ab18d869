"""Read a document file into text: UTF-8 text (with or without a byte-order mark; UTF-16
when it has one) and Word .docx through python-docx, paragraphs and table cells in the order
they stand in the body (the header of a decree-style document is a two-column table).

`UnreadableDocument` says what is wrong with a file a person can fix.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph


class UnreadableDocument(ValueError):
    """The file cannot be read as a document; the message says why and what to do."""


def read_document(path: Path) -> str:
    if not path.exists():
        raise UnreadableDocument(f"{path}: no such file")
    if path.is_dir():
        raise UnreadableDocument(f"{path}: is a directory, not a document")
    suffix = path.suffix.casefold()
    if suffix == ".docx":
        return _read_docx(path)
    if suffix in {".doc", ".pdf", ".odt", ".rtf"}:
        raise UnreadableDocument(
            f"{path}: {suffix} files are not read; save the document as .docx or as UTF-8 text"
        )
    return _read_text(path)


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if data.startswith(b"PK\x03\x04"):
        raise UnreadableDocument(f"{path}: looks like a Word file; give it the .docx suffix")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UnreadableDocument(
            f"{path}:{line}: not UTF-8 text (byte {data[exc.start]:#04x} at offset "
            f"{exc.start}); save the file as UTF-8"
        ) from exc
    if "\x00" in text:
        raise UnreadableDocument(f"{path}: a binary file, not text")
    return text


def _read_docx(path: Path) -> str:
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise UnreadableDocument(f"{path}: not a readable .docx file ({exc})") from exc
    return "\n".join(_blocks(document))


def _blocks(document: DocxDocument) -> list[str]:
    """Paragraph texts in body order; each table cell's paragraphs in reading order."""
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            lines.append(Paragraph(child, document).text)
        elif child.tag == qn("w:tbl"):
            table = Table(child, document)
            for row in table.rows:
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell repeats
                        continue
                    seen.add(id(cell._tc))
                    lines.extend(p.text for p in cell.paragraphs)
            lines.append("")
    return lines
