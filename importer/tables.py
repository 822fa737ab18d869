"""Schedule tables that reach the importer as lines of cells ("| Nội dung công việc | Cụm
phía Bắc | Cụm phía Nam |" then "1 | Tổ chức bốc thăm bài dạy | 8 giờ ngày 17/02/2014 | 8 giờ
ngày 23/02/2014 |", a web page's table copied as text): each row becomes the sentence it stands
for, one per column that holds a date, "Tổ chức bốc thăm bài dạy (Cụm phía Bắc): 8 giờ ngày
17/02/2014.", so that what is done and when stay together and two columns of days give two
events. `time_phrase` is shared with the .docx reader's schedule tables.

A column headed as a deadline ("Ngày chậm nhất phải hoàn thành", "Thời hạn hoàn thành", "Hạn
chót", "Thời gian hoàn thành", …) gives each row's last day: its cell reads "chậm nhất ngày
21/01/2021", whether the table comes as lines of "|" cells or one cell a line (a web page's
table flattened: the row's number, what is done, then its day, each on a line of its own).
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


# a column that gives each row's last day, under any heading of that family ("Ngày chậm nhất phải
# hoàn thành", "Ngày hoàn thành chậm nhất", "Thời hạn (hoàn thành)", "Thời gian hoàn thành",
# "Hạn chót", "Hạn nộp"); "Số ngày chậm nhất …" counts days, and "Thời gian thực hiện" is a time
# to act, not a last day
_DUE_HEAD = re.compile(
    r"(?:thời\s+hạn|hạn(?:\s+(?:chót|cuối))?)(?:\s+[\wÀ-ỹ]+){0,4}"
    r"|(?:ngày|thời\s+gian|thời\s+điểm|mốc|tiến\s+độ)\s+(?:chậm\s+nhất\s+(?:phải\s+)?)?"
    r"(?:hoàn\s+thành|hoàn\s+tất|nộp|gửi)(?:\s+[\wÀ-ỹ]+){0,2}?(?:\s+chậm\s+nhất)?"
    r"|(?:ngày\s+|thời\s+gian\s+)?chậm\s+nhất(?:\s+[\wÀ-ỹ]+){0,3}"
    # "Hoàn thành trước ngày", "Gửi trước": each day is one not to reach
    r"|(?:(?:hoàn\s+thành|nộp|gửi)\s+)?trước(?:\s+ngày)?",
    re.I,
)
_BEFORE_HEAD = re.compile(r"\btrước\b", re.I)
# the cell of a column of last days: a day, a month or a quarter, with a weekday or a note in
# parentheses ("07/02/2021 (chủ Nhật)"), or already worded ("Trước 30/6/2021")
_DUE_CELL = re.compile(
    r"(?:(?:trước|chậm\s+nhất|hạn|cuối|đầu|giữa|trong|hết)\s+)*(?:ngày\s+)?"
    r"(?:\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4})?|tháng\s+\d{1,2}(?:\s*[/.-]\s*\d{4})?"
    r"|quý\s+(?:IV|III|II|I|[1-4])(?:\s*[/.-]\s*\d{4})?)\s*(?:\([^()]{0,30}\))?",
    re.I,
)
# a cell that words its own limit or gives a range: "Trước 30/6", "Từ 01/3 đến 15/3", "01/3 - 15/3"
_WORDED = re.compile(r"^(?:trước|chậm\s+nhất|hạn|hết)\b|\b(?:từ|đến|tới)\b|\s[-–]\s|–", re.I)


def due_heading(cell: str) -> bool:
    """Whether a column's heading says that its cells are each row's last day."""
    name = " ".join(cell.split("(", maxsplit=1)[0].split()).strip(" .:;,*")
    return bool(name) and len(name.split()) <= 8 and bool(_DUE_HEAD.fullmatch(name))


def due_phrase(cell: str, heading: str = "") -> str:
    """A day under a heading of last days as running text says it: "21/01/2021" → "chậm nhất
    ngày 21/01/2021" (under "Hoàn thành trước ngày": "trước ngày 21/01/2021"), "Cuối tháng 5" →
    "chậm nhất cuối tháng 5". A cell that words its own limit ("Trước 30/6/2021"), gives a
    range, or only a month or a quarter (a window of work as often as a limit) reads as any
    time cell does."""
    text = cell[:1].lower() + cell[1:]
    bound = "trước" if _BEFORE_HEAD.search(heading) else "chậm nhất"
    if _WORDED.search(text) or text.startswith(("tháng", "quý")):
        return time_phrase(cell)
    if text.startswith(("cuối", "đầu", "giữa")):
        return f"chậm nhất {text}"
    if text[:1].isdigit() and not re.match(r"\d{1,2}\s*(?:giờ|h|g)\b", text, re.I):
        return f"{bound} ngày {text}"
    if text.startswith("ngày"):
        return f"{bound} {text}"
    return time_phrase(cell)


# a row that names a gathering ("Hội nghị phát động …", "Họp Hội đồng …") is held on its day,
# whatever the column's heading
_HELD_ROW = re.compile(
    r"^(?:tổ\s+chức\s+)?(?:Hội\s+nghị|Họp|Phiên\s+họp|Cuộc\s+họp|Lễ|Đại\s+hội|Hội\s+thi|"
    r"Hội\s+diễn|Hội\s+thảo|Tọa\s+đàm|Toạ\s+đàm|Gặp\s+mặt|Khai\s+mạc|Bế\s+mạc)\b",
    re.I,
)


def row_phrase(what: str, cell: str, *, due: str | None) -> str:
    """A row's time cell as running text: under a heading of last days (``due``, the heading)
    a limit (`due_phrase`), unless the row names a gathering, which is held on its day
    (`time_phrase`)."""
    if due is None or _HELD_ROW.match(what.strip()):
        return time_phrase(cell)
    return due_phrase(cell, due)


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


def tab_cells(line: str) -> str:
    """A row copied from a Word or spreadsheet table with its cells joined by tabs ("1\tTổ
    chức Hội nghị\t15/3/2036\tUBND xã") as the "|" cells a web page's table comes with; a line
    of two parts (a header's two columns, an indented line) stays as it is."""
    cells = [c.strip() for c in re.split(r"\t+", line.strip(" \t"))]
    return " | ".join(cells) if len(cells) >= 3 else line


def rows_as_sentences(lines: list[str]) -> list[str]:
    """The lines with each run of table rows (two "|" or more) read as sentences; other
    lines as they are (a week's schedule too: `agenda` reads it)."""
    lines = _due_cells_read(lines)
    out: list[str] = []
    heading: list[str] | None = None
    heading_at: int | None = None
    row: tuple[int, str] | None = None  # the last dated row: where it was written, its cells
    schedule = False
    for line in lines:
        if line.count("|") < 2:
            heading, heading_at, schedule, row = None, None, False, None
            out.append(_timeline_item(line))
            continue
        schedule = schedule or schedule_heading(line)
        if schedule:
            out.append(line)
            continue
        cells = _cells(line)
        if row is not None and _goes_on(row[1], line):
            # the row above with its cells run on over this line: read whole, where it began
            merged = "|".join(
                f"{a} {b}" for a, b in zip(row[1].split("|"), line.split("|"), strict=True)
            )
            row = (row[0], merged)
            out[row[0]] = " ".join(_row(_cells(merged), heading)) or merged
            out.append("")
            continue
        row = None
        if not any(_DATED.search(c) for c in cells):
            heading = cells  # a row of headings (or of words only): kept, and it names columns
            heading_at = len(out)
            out.append(line)
            continue
        if heading_at is not None and heading and any(_TIME_HEAD.match(c) for c in heading):
            # the columns' names are no text of their own once the rows under them read as
            # sentences ("Thời gian thực hiện" over a row is not the campaign's time)
            out[heading_at], heading_at = "", None
        # one line still, so that the lines after it keep their numbers
        row = (len(out), line)
        out.append(" ".join(_row(cells, heading)) or line)
    return out


def _goes_on(row: str, line: str) -> bool:
    """Whether a line of cells carries on the row above ("| 1 | Tổ chức Hội nghị sơ kết |
    15/6/2036 |" then "| | công tác thi đua 6 tháng đầu năm | |"): as many cells, the first
    (its number, or what is done) empty, no day of its own."""
    before, after = row.split("|"), line.split("|")
    return (
        len(before) == len(after)
        and len(after) > 2
        and not after[1].strip()
        and any(c.strip() for c in after)
        and not any(_DATED.search(c) for c in after)
    )


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
    if _RECORD_LABEL.match(work):
        return []  # a register's facts about the document itself, kept as written
    if _DATED.search(work) and rest:
        # the day first ("| 15/3/2036 | Tổ chức Lễ phát động … | Phòng Nội vụ |"): what is done
        # is the first cell of words
        at = next(
            (i for i, c in enumerate(rest) if not _DATED.search(c) and len(c.split()) > 1), None
        )
        when = time_phrase(work.rstrip(" .;,"))
        days = _days_of_the_month(work, rest, heading)
        if at is None:
            # "| Tháng 3 | Ngày 04; 11; 18; 25 |": the month's days, with nothing else said
            return [f"{when[:1].upper()}{when[1:]}, {days}."] if days else []
        return [f"{rest[at].rstrip(' .;,:')}: {when}{', ' + days if days else ''}."]
    if _DATED.search(work) or not rest:
        return []
    dated = [(i, c) for i, c in enumerate(rest) if _DATED.search(c)]
    sentences = []
    for i, cell in dated:
        column = _column_name(heading, len(rest), i) if len(dated) > 1 else ""
        what = f"{work.rstrip(' .;,:')} ({column})" if column else work.rstrip(" .;,:")
        due = _under_due_heading(heading, len(rest), i, len(dated))
        sentences.append(f"{what}: {row_phrase(work, cell.rstrip(' .;,'), due=due)}.")
    return sentences


# a legal register's card of facts about the document ("Ngày ban hành: | 05/09/2036 | Hết hiệu
# lực: | …", "Ngày có hiệu lực:", "Ngày đăng công báo:", "Áp dụng:"): the document's own days,
# not work due on them
_RECORD_LABEL = re.compile(
    r"^(?:ngày\s+(?:ban\s+hành|ký|có\s+hiệu\s+lực|hiệu\s+lực|đăng(?:\s+công\s+báo)?|công\s+bố|"
    r"cập\s+nhật|văn\s+bản)|(?:hết\s+)?hiệu\s+lực|áp\s+dụng|tình\s+trạng(?:\s+hiệu\s+lực)?)"
    r"\s*:?$",
    re.I,
)


def _under_due_heading(heading: list[str] | None, width: int, at: int, dated: int) -> str | None:
    """The heading of last days a dated cell stands under, if it does: the heading over it,
    counted from the right; when empty cells leave the row too short to line up, the one
    dated cell of a table whose only heading of time is one of last days."""
    if not heading:
        return None
    if len(heading) >= width:
        over = heading[len(heading) - width + at]
        return over if due_heading(over) else None
    timed = [h for h in heading if due_heading(h) or _TIME_HEAD.search(h)]
    return timed[0] if dated == 1 and len(timed) == 1 and due_heading(timed[0]) else None


_TIME_HEAD = re.compile(r"\b(?:thời\s+gian|ngày|tháng|thời\s+điểm|mốc)\b", re.I)


# a month's row of a schedule ("| Tháng 7 | Nguyễn Văn A | Ngày 03; 10; 17; 24; 31 (Thứ 5) |"):
# its days listed as bare numbers, under "Ngày …" in the cell or over the column
_MONTH_CELL = re.compile(r"[Tt]háng\s+\d{1,2}(?:\s*[/.-]\s*\d{4})?")
_DAY_LIST = re.compile(
    r"(?:(?:các\s+)?ngày\s+)?\d{1,2}(?:\s*(?:[;,]|và)\s*\d{1,2})*(?![\d/.-])(?:\s*\([^()]*\))?",
    re.I,
)


def _days_of_the_month(work: str, rest: list[str], heading: list[str] | None) -> str:
    """The days a month's row lists ("ngày 03; 10; 17; 24; 31 (Thứ 5)"), as the row says
    them, so that the month's sentence keeps them; "" when it lists none."""
    if not _MONTH_CELL.fullmatch(work.rstrip(" .;,")):
        return ""
    for i, cell in enumerate(rest):
        if not _DAY_LIST.fullmatch(cell.rstrip(" .;,")):
            continue
        named = cell.casefold().startswith(("ngày", "các ngày"))
        if named or _column_name(heading, len(rest), i).casefold().startswith("ngày"):
            text = cell.rstrip(" .;,")
            return text[:1].lower() + text[1:] if named else f"ngày {text}"
    return ""


def _column_name(heading: list[str] | None, width: int, at: int) -> str:
    """The heading over a cell, counted from the right (rows and headings may differ in
    their first cells); its words before any parenthesis."""
    if not heading or len(heading) < width:
        return ""
    name = heading[len(heading) - width + at]
    return " ".join(name.split("(")[0].split()[:8]).strip(" ,.:;-")


# --- a table of last days copied one cell a line ---------------------------------------------

# the headings a table of work opens with: its number column, what is done
_ROW_HEAD = re.compile(
    r"^(?:s?tt|số\s+tt|nội\s+dung|công\s+việc|nhiệm\s+vụ|hoạt\s+động|tên)\b", re.I
)
_NEAR = 6  # lines either side of a heading of last days where the table's other headings are
_ROW_REACH = 12  # lines of a row: a longer run without a day is no longer the table
# a count of days in a column beside ("105 ngày"), not what is done
_COUNT = re.compile(r"^\d+\s+ngày(?:\s+làm\s+việc)?$", re.I)


def _due_cells_read(lines: list[str]) -> list[str]:
    """The lines with each day under a heading of last days, in a table copied one cell a
    line, read as the sentence its row stands for ("Triển khai công tác bầu cử ở cấp huyện:
    chậm nhất ngày 27/01/2021."); the row's first cell of words says what is done. Numbered
    rows start at their number; a day that comes before the words of its row waits for them."""
    out = list(lines)
    rows: _DueRows | None = None
    for at, line in enumerate(lines):
        text = " ".join(line.split())
        if line.count("|") >= 2:
            rows = None
        elif rows is None:
            if due_heading(text) and _among_headings(lines, at):
                rows = _DueRows(text)
        elif text and not rows.read(at, text, out):
            rows = None
    return out


class _DueRows:
    """Where a table of last days copied one cell a line is, row by row."""

    def __init__(self, heading: str) -> None:
        self.heading = heading
        self.what: str | None = None  # the current row's first cell of words
        self.waiting: int | None = None  # a day read before its row's words
        self.numbered = False
        self.since = 0  # lines since the last number or day

    def read(self, at: int, text: str, out: list[str]) -> bool:
        """Read a line of the table; False where the table has ended."""
        if _INDEX.match(text):
            self.numbered, self.what, self.waiting, self.since = True, None, None, 0
            return True
        if _DUE_CELL.fullmatch(text):
            if self.what:
                out[at] = f"{self.what}: {row_phrase(self.what, text, due=self.heading)}."
                self.what = None if not self.numbered else self.what
            else:
                self.waiting = at
            self.since = 0
            return True
        self.since += 1
        if self.what is None and _what_cell(text):
            self.what = text.rstrip(" .;,:")[:160]
            if self.waiting is not None:
                cell = " ".join(out[self.waiting].split())
                out[self.waiting] = f"{self.what}: {row_phrase(self.what, cell, due=self.heading)}."
                self.waiting = None
        return self.since <= _ROW_REACH


def _what_cell(text: str) -> bool:
    """A cell that says what is done: words, not a count of days, a note or another heading."""
    return (
        len(text.split()) >= 2
        and not _COUNT.match(text)
        and not text.startswith("(")
        and not due_heading(text)
        and not _DATED.search(text)
    )


def _among_headings(lines: list[str], at: int) -> bool:
    """Whether a heading of last days stands among a table's other headings (its number
    column, what is done), within a few lines either side."""
    near = [" ".join(line.split()) for line in lines[max(0, at - _NEAR) : at + _NEAR + 1]]
    return any(_ROW_HEAD.match(text) and len(text.split()) <= 12 for text in near if text)
