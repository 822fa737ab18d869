"""What a report file is, read from its bytes: PDF, Word or Excel (OOXML or the legacy
binary formats), and nothing else.

The name a unit gives its file decides nothing: an executable renamed ``.pdf`` is refused,
and a Word file named ``.pdf`` is kept as ``.docx``. The checks are cheap and bounded, as
the bytes come from outside:

- the size is at most the configured limit, and never zero;
- a PDF starts with ``%PDF-``;
- an OOXML file is a zip that passes the house's safe-zip check (`config.archives`: bounded
  members, total and per-member size and packing ratio, nothing encrypted, no path leaving
  the archive — a zip bomb is refused from its table of contents, which ``zipfile`` then
  holds it to) and holds ``[Content_Types].xml`` with the main part of a Word
  (``word/document.xml``) or Excel (``xl/workbook.xml``) file, and no macros;
- a legacy ``.doc``/``.xls`` is an OLE compound file whose directory names a
  ``WordDocument`` or ``Workbook`` stream; one holding macros or an encrypted package is
  refused.

A refusal is a `ReportRefused` whose message is an English msgid with its parameters, so
that the face shows it in the reader's language (Vietnamese first).
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from config.archives import ArchiveError, check_zip, size_text
from translations import N_
from translations import gettext as _

MAX_NAME = 200  # characters of a file name
_DRIVE = re.compile(r"[A-Za-z]:")  # C:bao-cao.pdf: a folder too; "Báo cáo: quý I" is a name

PDF_MAGIC = b"%PDF-"
OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
ZIP_MAGIC = b"PK\x03\x04"
_MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
}


class ReportRefused(ValueError):
    """A file (or its name) that is not taken; ``field`` names the form field at fault."""

    def __init__(self, msgid: str, field: str = "file", **params: Any) -> None:
        super().__init__(msgid % params if params else msgid)
        self.msgid = msgid
        self.field = field
        self.params = params

    def text(self, language: str | None = None) -> str:
        """The message in ``language`` (default: the current one)."""
        return _(self.msgid, language=language, **self.params)


@dataclass(frozen=True)
class CheckedFile:
    filename: str  # the unit's base name, its extension the one its content calls for
    kind: str  # pdf, docx, xlsx, doc, xls
    size: int

    @property
    def media_type(self) -> str:
        return media_type(self.kind)


def media_type(kind: str) -> str:
    return _MEDIA_TYPES[kind]


def check_report(filename: str, data: bytes, *, max_bytes: int) -> CheckedFile:
    """The file's kind and clean name, or `ReportRefused` saying what is wrong."""
    name = clean_name(filename)
    if not data:
        raise ReportRefused(N_("The file %(name)s is empty."), name=name)
    if len(data) > max_bytes:
        raise ReportRefused(
            N_("The file %(name)s is %(size)s; the limit is %(limit)s."),
            name=name,
            size=size_text(len(data)),
            limit=size_text(max_bytes),
        )
    kind = kind_of(data, name)
    return CheckedFile(with_extension(name, kind), kind, len(data))


def clean_name(filename: str) -> str:
    """The name as a unit sees it, NFC; a name with a folder in it is refused (a browser
    sends the base name only, so a path is a forged form or a mistake worth a message)."""
    name = unicodedata.normalize("NFC", filename or "").strip()
    if not name:
        raise ReportRefused(N_("The file has no name."))
    if "/" in name or "\\" in name or name in (".", "..") or _DRIVE.match(name):
        raise ReportRefused(N_("Give the file's own name, without a folder: %(name)s"), name=name)
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in name):
        raise ReportRefused(N_("The file name holds control characters."))
    if len(name) > MAX_NAME:
        raise ReportRefused(N_("The file name is longer than %(n)d characters."), n=MAX_NAME)
    return name


def with_extension(name: str, kind: str) -> str:
    """``name`` ending in ``.kind``: the content decides, not the name."""
    path = PurePosixPath(name)
    if path.suffix.lower() == f".{kind}":
        return name
    stem = path.stem if path.suffix.lower() in {f".{k}" for k in _MEDIA_TYPES} else name
    return f"{stem}.{kind}"


def kind_of(data: bytes, name: str) -> str:
    if data.startswith(PDF_MAGIC):
        return "pdf"
    if data.startswith(ZIP_MAGIC):
        return ooxml_kind(data, name)
    if data.startswith(OLE_MAGIC):
        return ole_kind(data, name)
    raise _not_a_report(name)


def ooxml_kind(data: bytes, name: str) -> str:
    """docx or xlsx, once the archive passed the house's safe-zip check."""
    try:
        check_zip(data)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except ArchiveError as exc:
        raise ReportRefused(
            N_("%(name)s cannot be taken: %(reason)s."), name=name, reason=exc.message
        ) from exc
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise _macros(name)
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        return "docx"
    if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
        return "xlsx"
    raise _not_a_report(name)


def _macros(name: str) -> ReportRefused:
    return ReportRefused(
        N_("%(name)s holds macros; save it as a plain .docx or .xlsx and send it again."),
        name=name,
    )


def _not_a_report(name: str) -> ReportRefused:
    return ReportRefused(
        N_("%(name)s is not a PDF, Word or Excel file (whatever its name says)."), name=name
    )


def ole_kind(data: bytes, name: str) -> str:
    """doc or xls, from the stream names in the compound file's directory (UTF-16 names;
    looked up in the bytes, which is enough to tell Word from Excel from the rest)."""

    def has(stream: str) -> bool:
        return stream.encode("utf-16-le") in data

    if has("EncryptedPackage"):
        raise ReportRefused(
            N_("%(name)s is protected by a password; send it without one."), name=name
        )
    if has("_VBA_PROJECT") or has("Macros"):
        raise _macros(name)
    if has("WordDocument"):
        return "doc"
    if has("Workbook") or has("Book\x00"):
        return "xls"
    raise _not_a_report(name)
