"""Schedule tables that reach the importer as lines of cells ("| Nội dung công việc | Cụm
phía Bắc | Cụm phía Nam |" then "1 | Tổ chức bốc thăm bài dạy | 8 giờ ngày 17/02/2014 | 8 giờ
ngày 23/02/2014 |", a web page's table copied as text): each row becomes the sentence it stands
for, one per column that holds a date, "Tổ chức bốc thăm bài dạy (Cụm phía Bắc): 8 giờ ngày
17/02/2014.", so that what is done and when stay together and two columns of days give two
events. `time_phrase` is shared with the .docx reader's schedule tables.
"""

from __future__ import annotations

import re

_DATED = re.compile(r"\d{1,2}\s*[/.-]\s*\d{1,2}|\bngày\s+\d|\btháng\s+\d", re.I)
_INDEX = re.compile(r"^(?:\d{1,3}|[IVX]{1,4}|[a-zđ])[.)]?$", re.I)


def time_phrase(cell: str) -> str:
    """A time cell as running text says it: "15/3/2025" and "Ngày 15/3/2025" → "vào ngày
    15/3/2025", "Tháng 3/2025" → "trong tháng 3/2025", "Quý II" → "trong quý II"."""
    text = cell[:1].lower() + cell[1:]
    if text[:1].isdigit() and not re.match(r"\d{1,2}\s*(?:giờ|h|g)\b", text, re.I):
        return f"vào ngày {text}"
    if text.startswith("ngày"):
        return f"vào {text}"
    if text.startswith(("tháng", "quý")):
        return f"trong {text}"
    return text


# a week's schedule: a column of weekdays ("Thứ", "Thứ/Ngày", "Ngày, thứ") beside one of what is
# done (a plan's "| Ngày | Nội dung |" stays a table of sentences)
_DAY_HEAD = re.compile(r"(?:thứ|thứ\s*[/,-]?\s*ngày|ngày\s*[/,-]?\s*thứ)", re.I)
_WORK_HEAD = re.compile(r"(?:nội\s+dung|công\s+việc)(?:\s+công\s+việc)?", re.I)


def schedule_heading(line: str) -> bool:
    """Whether a row of headings opens a week's schedule (read by `agenda`, row by row)."""
    cells = [" ".join(c.split()) for c in line.split("|")]
    return any(_DAY_HEAD.fullmatch(c) for c in cells) and any(
        _WORK_HEAD.fullmatch(c) for c in cells
    )


def rows_as_sentences(lines: list[str]) -> list[str]:
    """The lines with each run of table rows (two "|" or more) read as sentences; other
    lines as they are (a week's schedule too: `agenda` reads it)."""
    out: list[str] = []
    heading: list[str] | None = None
    schedule = False
    for line in lines:
        if line.count("|") < 2:
            heading, schedule = None, False
            out.append(_timeline_item(line))
            continue
        schedule = schedule or schedule_heading(line)
        if schedule:
            out.append(line)
            continue
        cells = _cells(line)
        if not any(_DATED.search(c) for c in cells):
            heading = cells  # a row of headings (or of words only): kept, and it names columns
            out.append(line)
            continue
        # one line still, so that the lines after it keep their numbers
        out.append(" ".join(_row(cells, heading)) or line)
    return out


_DAY_OR_MONTH = (
    r"(?:(?:[Nn]gày\s+)?\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4})?"
    r"|[Tt]háng\s+\d{1,2}(?:\s*[/.-]\s*\d{4})?)"
)
# a plan's timeline: "- Ngày 25/3/2036: Các xã đăng ký thi đua về Phòng Nội vụ."
_TIMELINE = re.compile(
    rf"^\s*(?:[-–•+]\s*)?(?P<when>{_DAY_OR_MONTH}(?:\s*[-–]\s*{_DAY_OR_MONTH})?)\s*:\s*"
    r"(?P<what>\S.{3,})$"
)


def _timeline_item(line: str) -> str:
    """A line of a timeline, its day first, as the sentence it stands for: what is done, then
    when ("- Các xã đăng ký thi đua về Phòng Nội vụ: vào ngày 25/3/2036."), the form a table's
    row takes."""
    match = _TIMELINE.match(line)
    if match is None:
        return line
    return f"- {match['what'].rstrip(' .;,:')}: {time_phrase(match['when'])}."


def _cells(line: str) -> list[str]:
    cells = [" ".join(c.split()) for c in line.split("|")]
    cells = [c for c in cells if c]
    if len(cells) > 2 and _INDEX.match(cells[0]):
        cells = cells[1:]
    return cells


def _row(cells: list[str], heading: list[str] | None) -> list[str]:
    """One sentence per dated cell of a row whose first cell says what is done; one for a row
    whose first cell is its day."""
    work, rest = cells[0], cells[1:]
    if _DATED.search(work) and rest:
        # the day first ("| 15/3/2036 | Tổ chức Lễ phát động … | Phòng Nội vụ |"): what is done
        # is the first cell of words
        at = next(
            (i for i, c in enumerate(rest) if not _DATED.search(c) and len(c.split()) > 1), None
        )
        if at is None:
            return []
        return [f"{rest[at].rstrip(' .;,:')}: {time_phrase(work.rstrip(' .;,'))}."]
    if _DATED.search(work) or not rest:
        return []
    dated = [(i, c) for i, c in enumerate(rest) if _DATED.search(c)]
    sentences = []
    for i, cell in dated:
        column = _column_name(heading, len(rest), i) if len(dated) > 1 else ""
        what = f"{work.rstrip(' .;,:')} ({column})" if column else work.rstrip(" .;,:")
        sentences.append(f"{what}: {time_phrase(cell.rstrip(' .;,'))}.")
    return sentences


def _column_name(heading: list[str] | None, width: int, at: int) -> str:
    """The heading over a cell, counted from the right (rows and headings may differ in
    their first cells); its words before any parenthesis."""
    if not heading or len(heading) < width:
        return ""
    name = heading[len(heading) - width + at]
    return " ".join(name.split("(")[0].split()[:8]).strip(" ,.:;-")
