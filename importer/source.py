"""Read a document file into text, as offices have them: UTF-8 text (with or without a
byte-order mark; UTF-16 when it has one), text in a legacy encoding (Windows-1258, TCVN3:
detected and converted, with a note), Word .docx (`wordfile`), PDF with a text layer or
scanned, and images of pages (`scans`, through Tesseract).

Every file is bounded before it is read: its size, the text's length, and one line's
length, so that a hostile file costs bounded time and memory. `UnreadableDocument` says
what is wrong with a file, and where, in words a person can act on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from importer.legacy import decode_legacy, repair_tcvn3
from importer.scans import ScanError, ocr_image, read_pdf
from importer.wordfile import WordError, read_docx
from translations import gettext as _

MAX_FILE_BYTES = 20 * 1024 * 1024  # a scanned PDF of a long plan stays well under it
MAX_TEXT_CHARACTERS = 1_000_000  # some 330 pages
MAX_LINE_CHARACTERS = 50_000
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".pnm", ".pgm", ".ppm"}
REFUSED_SUFFIXES = {".doc", ".odt", ".rtf", ".xls", ".xlsx"}


class UnreadableDocument(ValueError):
    """The file cannot be read as a document; the message says why and what to do."""


@dataclass
class Document:
    """A document's text and how it was read (notes for the draft)."""

    text: str
    notes: list[str] = field(default_factory=list)


def read_document(path: Path) -> str:
    """The text of a document file."""
    return load_document(path).text


def load_document(path: Path) -> Document:
    """The text of a document file and notes on how it was read."""
    if not path.exists():
        raise UnreadableDocument(_("%(path)s: no such file", path=path))
    if path.is_dir():
        raise UnreadableDocument(_("%(path)s: is a directory, not a document", path=path))
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise UnreadableDocument(
            _(
                "%(path)s: %(size)d MB; a document of at most %(max)d MB is read",
                path=path,
                size=size // 2**20,
                max=MAX_FILE_BYTES // 2**20,
            )
        )
    suffix = path.suffix.casefold()
    if suffix in REFUSED_SUFFIXES:
        raise UnreadableDocument(
            _(
                "%(path)s: %(suffix)s files are not read; save the document as .docx, .pdf or "
                "UTF-8 text",
                path=path,
                suffix=suffix,
            )
        )
    try:
        document = _read(path, suffix)
    except (WordError, ScanError) as exc:
        raise UnreadableDocument(str(exc)) from exc
    checked(path, document.text)
    return document


def _read(path: Path, suffix: str) -> Document:
    if suffix == ".docx":
        return Document(read_docx(path))
    if suffix == ".pdf":
        text, scanned = read_pdf(path)
        notes = []
        if scanned:
            pages = ", ".join(map(str, scanned))
            notes.append(
                _("page(s) %(pages)s were read by OCR: check dates and numbers", pages=pages)
            )
        return Document(text, notes)
    if suffix in IMAGE_SUFFIXES:
        return Document(ocr_image(path), [_("the page was read by OCR: check dates and numbers")])
    return _read_text(path)


def _read_text(path: Path) -> Document:
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Document(data.decode("utf-16"))
        except UnicodeDecodeError as exc:
            raise UnreadableDocument(
                _("%(path)s: broken UTF-16 text at byte %(offset)d", path=path, offset=exc.start)
            ) from exc
    if data.startswith(b"PK\x03\x04"):
        raise UnreadableDocument(
            _("%(path)s: looks like a Word file; give it the .docx suffix", path=path)
        )
    if data.startswith(b"%PDF-"):
        raise UnreadableDocument(
            _("%(path)s: looks like a PDF file; give it the .pdf suffix", path=path)
        )
    if b"\x00" in data:
        offset = data.index(b"\x00")
        line = data[:offset].count(b"\n") + 1
        raise UnreadableDocument(
            _(
                "%(path)s:%(line)d: a NUL byte at offset %(offset)d: a binary file, not text",
                path=path,
                line=line,
                offset=offset,
            )
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        legacy = decode_legacy(data)
        if legacy is None:
            line = data[: exc.start].count(b"\n") + 1
            raise UnreadableDocument(
                _(
                    "%(path)s:%(line)d: not UTF-8 text (byte %(byte)s at offset %(offset)d) nor "
                    "Windows-1258 or TCVN3; save the file as UTF-8",
                    path=path,
                    line=line,
                    byte=f"{data[exc.start]:#04x}",
                    offset=exc.start,
                )
            ) from exc
        text, encoding = legacy
        return Document(
            text, [_("the file is written in %(encoding)s; it was converted", encoding=encoding)]
        )
    repaired = repair_tcvn3(text)
    if repaired is not None:
        return Document(repaired, [_("the text's letters are TCVN3's; they were converted")])
    return Document(text)


def checked(path: Path, text: str) -> None:
    """Refuse a text too long, with a line too long, or with NUL characters."""
    if len(text) > MAX_TEXT_CHARACTERS:
        raise UnreadableDocument(
            _(
                "%(path)s: %(n)d characters of text; a document of at most %(max)d is read",
                path=path,
                n=len(text),
                max=MAX_TEXT_CHARACTERS,
            )
        )
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise UnreadableDocument(
            _("%(path)s:%(line)d: a NUL character in the text", path=path, line=line)
        )
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_LINE_CHARACTERS:
            raise UnreadableDocument(
                _(
                    "%(path)s:%(line)d: a line of %(n)d characters; at most %(max)d are read in "
                    "one line",
                    path=path,
                    line=number,
                    n=len(line),
                    max=MAX_LINE_CHARACTERS,
                )
            )
