"""Report files as units send them, for the submission tests: a PDF (reportlab), a Word file
(python-docx), an Excel file (openpyxl), and the bad ones the service must refuse."""

from __future__ import annotations

import io
import sys
import zipfile
from datetime import datetime
from pathlib import Path

import docx
import openpyxl

from scheduler import answers
from submissions import records, storage
from submissions.models import Submission
from tests.documents import text_pdf
from thidua.context import AppContext


def keep_report(
    context: AppContext,
    deadline: str,
    unit: str,
    filename: str,
    data: bytes,
    *,
    note: str = "",
    now: datetime,
) -> Submission:
    """A unit's report kept as its upload page keeps it (and its chasing stopped)."""
    with context.database.session() as session, session.begin():
        submission = storage.store_report(
            session,
            context.settings,
            deadline=records.find_deadline(session, deadline, context.settings.uid_domain),
            unit=records.find_unit(session, unit),
            filename=filename,
            data=data,
            note=note,
            source="link",
            now=now,
        )
        answers.report_received(session, submission, now)
        return submission


BROKEN = Path(__file__).parent / "data" / "broken" / "import-text"


def pdf_bytes(tmp_path: Path, text: str = "Báo cáo kết quả phong trào thi đua quý I") -> bytes:
    path = tmp_path / "report-source.pdf"
    text_pdf(text, path)
    return path.read_bytes()


def docx_bytes(text: str = "Báo cáo thi đua quý I năm 2024") -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes(rows: tuple[tuple[str, int], ...] = (("Đơn vị", 1),)) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)  # type: ignore[union-attr]
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def executable_bytes() -> bytes:
    """This very Python interpreter: a real executable, to be renamed ``.pdf``."""
    return Path(sys.executable).resolve().read_bytes()


def packed_docx_bomb() -> bytes:
    """A real .docx with one more part of 20 MB of spaces: within the total size, but packed
    a thousand times — the ratio gives it away."""
    source = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    out = io.BytesIO()
    with source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in source.infolist():
            bomb.writestr(info, source.read(info))
        bomb.writestr("word/media/padding.xml", b" " * (20 * 1024 * 1024))
    return out.getvalue()
