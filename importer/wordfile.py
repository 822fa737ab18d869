"""Word .docx files read through python-docx: paragraphs and table cells in the order they
stand in the body (the header of a decree-style document is a two-column table).

A schedule table ("Nội dung công việc | Đơn vị thực hiện | Thời gian hoàn thành") is read
row by row as the sentence it stands for, "Các cơ quan, đơn vị: Báo cáo sơ kết 6 tháng,
trước ngày 15/6/2026.", so that what is due, who sends it and by when stay together.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from lxml import etree

from config.archives import ArchiveError, check_zip
from importer.tables import due_heading, row_phrase
from importer.text import plain
from translations import gettext as _


class WordError(ValueError):
    """The .docx cannot be read; the message says why."""


def read_docx(path: Path) -> str:
    """The text of a .docx: its archive checked first (member sizes and ratios), then read."""
    try:
        check_zip(path)
    except ArchiveError as exc:
        where = _(" (member %(member)s)", member=exc.member) if exc.member else ""
        raise WordError(
            _("%(path)s: not a readable .docx file: %(why)s", path=path, why=exc.message) + where
        ) from exc
    try:
        document = docx.Document(str(path))
        return "\n".join(_blocks(document))
    except etree.LxmlError as exc:
        raise WordError(
            _(
                "%(path)s: the .docx holds malformed XML (%(error)s)",
                path=path,
                error=_one_line(exc),
            )
        ) from exc
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise WordError(
            _("%(path)s: not a readable .docx file (%(error)s)", path=path, error=_one_line(exc))
        ) from exc


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:300]


def _blocks(document: DocxDocument) -> list[str]:
    """Paragraph texts in body order; each table cell's paragraphs in reading order."""
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            lines.append(Paragraph(child, document).text)
        elif child.tag == qn("w:tbl"):
            table = Table(child, document)
            schedule = _schedule(table)
            if schedule is not None:
                lines.extend([*schedule, ""])
                continue
            for row in table.rows:
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell repeats
                        continue
                    seen.add(id(cell._tc))
                    lines.extend(p.text for p in cell.paragraphs)
            lines.append("")
    return lines


# Column headings of a schedule table, folded (no marks, lower case); the time column is
# looked for first, since "Thời gian thực hiện" and "Đơn vị thực hiện" share a word.
# (`plain` folds "y" as "i": "Ngày" is "ngai")
_TIME_HEADINGS = ("thoi gian", "thoi han", "tien do", "han hoan thanh", "han nop", "ngai")
_WORK_HEADINGS = ("noi dung", "cong viec", "nhiem vu", "hoat dong", "ten")
_UNIT_HEADINGS = ("don vi", "co quan", "chu tri", "thuc hien", "phu trach", "trach nhiem")


def _schedule(table: Table) -> list[str] | None:
    """The rows of a schedule table as sentences; None for any other table."""
    rows = list(table.rows)
    if len(rows) < 2 or len(rows[0].cells) < 2:
        return None
    # headings are short; a decree's header table ("ỦY BAN NHÂN DÂN …", "…, ngày 10 tháng
    # 01 năm 2025") is not one
    headings = [" ".join(plain(_cell_text(cell)).split()) for cell in rows[0].cells]
    if any(len(_cell_text(cell)) > 40 for cell in rows[0].cells):
        return None
    time_col = _column(headings, _TIME_HEADINGS, set())
    work_col = _column(headings, _WORK_HEADINGS, {time_col})
    if time_col is None or work_col is None:
        return None
    unit_col = _column(headings, _UNIT_HEADINGS, {time_col, work_col})
    # a column of last days ("Thời hạn hoàn thành", "Ngày chậm nhất phải hoàn thành") dates
    # deadlines, another column of time the days things are held
    time_heading = _cell_text(rows[0].cells[time_col])
    due = time_heading if due_heading(time_heading) else None
    lines = []
    for row in rows[1:]:
        cells = row.cells
        if len({id(cell._tc) for cell in cells}) == 1:  # a heading across the table
            lines.append(_cell_text(cells[0]))
            continue
        work = _cell_text(cells[work_col]).rstrip(" .;,")
        when = _cell_text(cells[time_col]).rstrip(" .;,")
        who = _cell_text(cells[unit_col]).rstrip(" .;,") if unit_col is not None else ""
        if not work:
            continue
        sentence = f"{who}: {work}" if who else work
        phrase = row_phrase(work, when, due=due)
        lines.append(f"{sentence}, {phrase}." if when else f"{sentence}.")
    return lines


def _column(headings: list[str], words: tuple[str, ...], taken: set[int | None]) -> int | None:
    """The first column whose heading has the first of ``words`` that any heading has."""
    for word in words:
        for i, heading in enumerate(headings):
            if i not in taken and f" {word} " in f" {heading} ":
                return i
    return None


def _cell_text(cell: _Cell) -> str:
    return " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
