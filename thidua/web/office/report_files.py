"""What the office takes away from the units' reports: one file, all files of a deadline as
one zip, and the status table of a deadline or a campaign as an .xlsx workbook.

The zip is written to a temporary file and streamed, so a deadline with a hundred 20 MB
reports does not sit in memory; its entries are ``<unit code>/<file name>``. The workbook
(openpyxl) has one row per unit and deadline, its words in the office's language; text a
unit wrote never becomes a formula (a cell starting with ``=`` stays text).
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from datetime import tzinfo
from typing import IO, Any
from urllib.parse import quote

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from config.settings import Settings
from submissions import storage
from submissions.filecheck import media_type
from submissions.models import SubmissionFile
from submissions.review import STATE_LABELS, UnitReport
from translations import N_
from translations import gettext as _

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_CHUNK = 256 * 1024
_COLUMNS = (
    N_("Deadline"),
    N_("Last day"),
    N_("Unit code"),
    N_("Unit"),
    N_("State"),
    N_("Sent at"),
    N_("Files"),
    N_("Unit's note"),
    N_("Reason returned"),
    N_("Reviewed by"),
    N_("Reviewed at"),
)


def attachment_headers(filename: str, content_type: str) -> dict[str, str]:
    """Download headers; the name in RFC 5987 form (Vietnamese kept), never sniffed."""
    return {
        "Content-Type": content_type,
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}",
        "X-Content-Type-Options": "nosniff",
    }


def file_download(settings: Settings, row: SubmissionFile) -> tuple[bytes, dict[str, str]]:
    data = storage.file_store(settings).get(row.sha256)
    return data, attachment_headers(row.filename, media_type(row.kind))


def zip_of(settings: Settings, reports: Sequence[UnitReport]) -> IO[bytes]:
    """The standing files of ``reports`` in one zip (a temporary file, at its start)."""
    store = storage.file_store(settings)
    out = tempfile.TemporaryFile()  # noqa: SIM115 - the response streams and closes it
    seen: set[str] = set()
    try:
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:  # reports pack badly
            for report in reports:
                for row in report.files:
                    name = _unique(f"{report.unit.code}/{row.filename}", seen)
                    archive.writestr(name, store.get(row.sha256))
    except BaseException:
        out.close()
        raise
    out.seek(0)
    return out


def chunks(handle: IO[bytes]) -> Iterator[bytes]:
    """A file's bytes in pieces, closing (and so deleting) it at the end."""
    with handle:
        while piece := handle.read(_CHUNK):
            yield piece


def _unique(name: str, seen: set[str]) -> str:
    stem, dot, extension = name.rpartition(".")
    candidate, number = name, 2
    while candidate.casefold() in seen:
        candidate = f"{stem} ({number}){dot}{extension}" if dot else f"{name} ({number})"
        number += 1
    seen.add(candidate.casefold())
    return candidate


def workbook(reports: Sequence[UnitReport], title: str, tz: tzinfo, language: str) -> bytes:
    """The status table as .xlsx bytes: one row per unit and deadline."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Status", language=language)
    sheet.append([title])
    sheet.append([_(column, language=language) for column in _COLUMNS])
    for report in reports:
        sheet.append(_row(report, tz, language))
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":  # a unit's text starting with "=": text, not a formula
                cell.data_type = "s"
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    widths = (40, 12, 20, 36, 14, 17, 40, 30, 30, 20, 17)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A3"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _row(report: UnitReport, tz: tzinfo, language: str) -> list[Any]:
    latest = report.latest
    sent = latest.submitted_at.astimezone(tz).replace(tzinfo=None) if latest else None
    reviewed = (
        latest.reviewed_at.astimezone(tz).replace(tzinfo=None)
        if latest and latest.reviewed_at
        else None
    )
    return [
        report.occurrence.title,
        report.occurrence.end_date,
        report.unit.code,
        report.unit.name,
        _(STATE_LABELS[report.state], language=language),
        sent if report.state != "pending" else None,
        ", ".join(f.filename for f in report.files),
        latest.note if latest and report.state != "pending" else None,
        latest.reason if latest and report.state == "returned" else None,
        latest.reviewed_by if latest else None,
        reviewed,
    ]
