"""A plan's calendar laid out as a table and copied one cell a line (a web page's or a Word
file's table flattened): headings such as "STT | NỘI DUNG HOẠT ĐỘNG | THỜI GIAN | ĐỊA ĐIỂM |
ĐƠN VỊ THỰC HIỆN" or "THÁNG | TUẦN | NỘI DUNG CÔNG VIỆC | BỘ PHẬN THỰC HIỆN", each on a line of
its own, then the rows, a cell a line, a cell's text often over several lines.

Two layouts come:

- what is done before when ("- Tổ chức giải Quần vợt mừng Xuân" then "Ngày 18 - 19/01/2019"
  then its place and who does it): each row is one event titled by its content cell and dated
  by its time cell; a parenthesised second time under it ("(Ngày 13-14/12/2018 Tháng chạp)",
  the same days in the lunar calendar) glosses it and is no event;
- when before what is done (a year's calendar by month: "8/2019", "Từ 05 - 31/8", then the
  month's tasks "- Nộp báo cáo khai giảng ( ngày 6/9)."): each task that gives its own day is
  an event on that day; the row's span ("Từ 05 - 31/8") is one phase of the tasks that give
  none.

The kind comes from the row's words: sending or finishing something ("Nộp/Gửi báo cáo …",
"… đúng thời gian") is a deadline, a review of a year, a term or a contest ("Tổng kết Hội
thi …", "Hội nghị tổng kết năm học") a review, a gathering ("họp", "hội nghị", "khai giảng",
"thi", "giải …", "văn nghệ") a meeting, anything else a phase. A column's heading ("Thời gian
thực hiện") is never a title. Every line of the table is marked as read, so that no other
reader dates it again; a row that only repeats an event the prose gives is dropped
(`unrepeated`).

A contest held site by site, a day each, is laid out the same way in lines: "- Ngày
21/3/2036, tại điểm thi Trường TH An Bình, gồm 05 đơn vị: …" two lines or more in a row under
a lead that names the contest ("Lịch thi “Nghi thức Đội” …"): one meeting a site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from config.dates import vn_date
from importer import agenda
from importer.context import Context
from importer.dates import first_hour, mentions, ranges
from importer.model import Deadline, Event, Meeting, Phase, Review, Source
from importer.tables import due_heading
from importer.text import Paragraph, sentence_case, shorten

# the column of what is done, and the columns of when (a due column is `tables`' to read)
_WORK_HEAD = re.compile(
    r"(?:stt\s+)?(?:nội\s+dung|công\s+việc|nhiệm\s+vụ|hoạt\s+động)"
    r"(?:\s+(?:công\s+việc|hoạt\s+động|chương\s+trình|thực\s+hiện|chính|nhiệm\s+vụ))?",
    re.I,
)
_TIME_HEAD = re.compile(
    r"thời\s+gian(?:\s+(?:thực\s+hiện|tổ\s+chức|dự\s+kiến|triển\s+khai|diễn\s+ra))?"
    r"|thời\s+điểm|tháng|tuần(?:\s+[\w.]+)?|ngày(?:\s+(?:thực\s+hiện|tổ\s+chức))?",
    re.I,
)
_NEAR = 5  # paragraphs between the column of work and a column of time, both headings
_HEADING_WORDS = 4  # a column's heading is short
_REACH = 14  # paragraphs of a row without a day or a task: past the table's end

_BULLET = re.compile(r"^\s*[-–+•]\s*")
# a month's or a week's cell that opens a row of a calendar: "8/2019", "Tháng 9", "Tuần 1"
_ROW_LABEL = re.compile(
    r"^(?:tháng\s+)?\d{1,2}\s*/\s*\d{4}$|^tháng\s+\d{1,2}(?:\s*/\s*\d{4})?$|^tuần\s+\d{1,2}$",
    re.I,
)
_MONTH_LABEL = re.compile(r"^(?:tháng\s+)?(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})$", re.I)
# a task's own day at its end: "(05/8)", "( chiều 28/9 )", "(Sáng 28/8)", "( ngày 6/9)."
_OWN_DAY = re.compile(r"\(\s*(?P<when>[^()]*\d{1,2}\s*[/.-]\s*\d{1,2}[^()]*)\)\s*[.;,]?\s*$")

_DUE = re.compile(
    r"^(?:[\w/]+\s+){0,3}?(?:nộp|gửi|hoàn\s+thành|hoàn\s+tất)\b|\bđúng\s+(?:thời\s+gian|hạn)\b"
    r"|\b(?:trước|chậm\s+nhất)\s+(?:ngày\s+)?\d",
    re.I,
)
_REVIEW = re.compile(
    r"^(?:tổ\s+chức\s+|dự\s+)?(?:(?:hội\s+nghị|lễ)\s+)?(?:tổng|sơ)\s+kết\s+"
    r"(?:năm\s+học|năm|học\s+kỳ|học\s+kì|\d+\s+tháng|tháng|đợt|hội\s+thi|cuộc\s+thi|giải|"
    r"phong\s+trào|công\s+tác\s+thi\s+đua|hội\s+diễn|hội\s+thao)"
    r"|^(?:tổ\s+chức\s+)?(?:tổng|sơ)\s+kết\b",
    re.I,
)
_GATHERING = re.compile(
    r"\b(?:họp|hội\s+nghị|hội\s+thi|hội\s+diễn|hội\s+thao|hội\s+giảng|hội\s+thảo|đại\s+hội|"
    r"khai\s+giảng|khai\s+mạc|bế\s+mạc|tựu\s+trường|liên\s+hoan|văn\s+nghệ|tọa\s+đàm|toạ\s+đàm|"
    r"mít\s+tinh|gặp\s+mặt|thi(?!\s+(?:đua|công|hành))|lễ\s+(?:khai|bế|kỷ|kỉ|ra\s+quân|phát\s+động|"
    r"chào|trao|tuyên|tổng|mít)|giải\s+(?-i:[A-ZĐ])|giải\s+(?:bóng|cờ|chạy|việt\s+dã|bơi|"
    r"điền\s+kinh|cầu\s+lông|quần\s+vợt|thể\s+thao))",
    re.I,
)


@dataclass
class _Row:
    """A row of the table: the lines that say what is done, when, and the rest."""

    work: list[Paragraph] = field(default_factory=list)
    when: Paragraph | None = None


def extract(ctx: Context) -> list[Event]:
    """The events of every table copied one cell a line that has a column of time; none in
    a week's schedule (`agenda` reads it)."""
    found: list[Event] = []
    at = 0
    body = ctx.body
    if agenda.is_agenda(body):
        return _sites(ctx)
    while at < len(body):
        columns = _headings(body, at)
        if columns is None:
            at += 1
            continue
        first, last, beside = columns
        read = body[first : last + 1]  # the headings
        if any(_HOURS.match(p.text) for p in body[last + 1 : last + 1 + 2 * _REACH]):
            at = last + 1  # a programme's rows by the hour: `programme` reads them
            continue
        if beside is None:
            at = _calendar(ctx, body, last + 1, found, read)
        else:
            at = _rows(ctx, body, last + 1, found, read, beside)
        # only the cells read: the prose after the table stays the other readers'
        for paragraph in read:
            _taken_whole(ctx, paragraph)
        at = max(at, last + 1)
    return found + _sites(ctx)


def unrepeated(laid_out: list[Event], others: list[Event]) -> list[Event]:
    """The table's events that the prose does not already give (same kind, same days)."""
    said = {(e.kind, repr(e.key_dates())) for e in others}
    return [e for e in laid_out if (e.kind, repr(e.key_dates())) not in said]


def _heading(text: str) -> str:
    return " ".join(text.split()).strip(" .:*")


def _headings(body: list[Paragraph], at: int) -> tuple[int, int, int | None] | None:
    """The first and last paragraph of a run of a table's column headings with a column of
    work and one of time, and how many columns stand after the time's (None when time comes
    first); None when ``at`` holds no column of work."""
    work = _heading(body[at].text)
    if not _WORK_HEAD.fullmatch(work):
        return None
    window = range(max(0, at - _NEAR), min(len(body), at + _NEAR + 1))
    short = {
        i
        for i in window
        if len(_heading(body[i].text).split()) <= _HEADING_WORDS
        and not re.search(r"\d", body[i].text)
    }
    times = [
        i
        for i in sorted(short)
        if _TIME_HEAD.fullmatch(_heading(body[i].text)) and not due_heading(body[i].text)
    ]
    # the headings stand together: no line of other words between them
    times = [i for i in times if all(j in short for j in range(min(i, at), max(i, at) + 1))]
    if not times:
        return None
    first = last = at
    while first - 1 in short:
        first -= 1
    while last + 1 in short:
        last += 1
    if times[0] < at:
        return first, last, None
    return first, last, last - times[0]


# a cell that opens a task: a verb of work first ("Tổ chức …", "Các thôn gửi …" is long enough)
_TASK = re.compile(
    r"^(?:tổ\s+chức|tuyên\s+truyền|xây\s+dựng|triển\s+khai|hướng\s+dẫn|kiểm\s+tra|báo\s+cáo|"
    r"nộp|gửi|tham\s+gia|phát\s+động|thực\s+hiện|treo|ra\s+quân|họp|dự|ban\s+hành|"
    r"tổng\s+kết|sơ\s+kết|phát\s+hành|trang\s+trí|thăm|chỉ\s+đạo)\b",
    re.I,
)
# a cell of hours only ("7h30 - 8h30’", "14 giờ 00"): a programme's row, read by the hour
_HOURS = re.compile(
    r"^\s*(?:từ\s+)?\d{1,2}\s*(?:h|giờ|g|:)\s*\d{0,2}\s*(?:phút|['’])?"
    r"(?:\s*[-–]\s*\d{1,2}\s*(?:h|giờ|g|:)\s*\d{0,2}\s*(?:phút|['’])?)?\s*$",
    re.I,
)
_TASK_WORDS = 8  # a cell this long says what is done, not where or who
_TIME_WORDS = 14  # a time cell is short: a longer line with a day is prose
# the table's end: the document's next part ("III. TỔ CHỨC THỰC HIỆN", "Nơi nhận:")
_ENDS = re.compile(r"^\s*(?:[IVX]{1,4}\s*[.)/-]\s*\S|nơi\s+nhận\b)", re.I)


def _opens_row(text: str, *, bullets: bool, after: bool) -> bool:
    """Whether a line after a row's time opens the next row: a task's bullet, where tasks
    are marked; else any line once the row's columns beside its time are read (``after``),
    a line that opens with a verb of work, or a long one."""
    if bullets:
        return bool(_BULLET.match(text))
    return after or bool(_TASK.match(text)) or len(text.split()) >= _TASK_WORDS


def _repeated_heading(text: str) -> bool:
    """A column's heading again, over the rows of a new page ("Thời gian thực hiện")."""
    name = _heading(text)
    return bool(
        (_WORK_HEAD.fullmatch(name) or _TIME_HEAD.fullmatch(name)) and not re.search(r"\d", name)
    )


def _rows(
    ctx: Context,
    body: list[Paragraph],
    at: int,
    found: list[Event],
    read: list[Paragraph],
    beside: int,
) -> int:
    """Rows whose cell of work comes before their cell of time, ``beside`` columns after it
    (where, who); where the table ends. Tasks marked as bullets open their rows; unmarked,
    a row's work is what comes after its time and its columns beside, or a cell that opens
    with a verb of work or is long."""
    bullets = any(_BULLET.match(p.text) for p in body[at : at + _REACH])
    row = _Row()
    quiet = 0  # paragraphs since the last task or day
    gloss = False  # inside a parenthesised second time
    cells = 0  # cells read after the row's time
    while at < len(body) and quiet <= _REACH:
        paragraph = body[at]
        text = paragraph.text
        if _ENDS.match(text):
            break
        at += 1
        quiet += 1
        if _repeated_heading(text):
            read.append(paragraph)  # the columns named again over a new page
            continue
        if gloss or (row.when is not None and text.lstrip().startswith("(")):
            gloss = ")" not in text
            read.append(paragraph)
            continue
        if row.when is None:
            if row.work and _time_like(text):
                row.when, quiet, cells = paragraph, 0, 0
            elif bullets and not row.work and not _BULLET.match(text):
                continue  # a line before the first task: no row's
            elif not bullets and row.work and _TASK.match(text):
                row = _Row(work=[paragraph])  # the row above gave no day: a new task
            else:
                row.work.append(paragraph)  # a task, or its cell's next line
            read.append(paragraph)
            quiet = 0
            continue
        if not _opens_row(text, bullets=bullets, after=cells >= beside):
            cells += 1  # where, who
            continue
        found.extend(_row_event(ctx, row))
        row = _Row(work=[paragraph])
        read.append(paragraph)
        quiet = 0
    if row.when is not None:
        found.extend(_row_event(ctx, row))
    return at


@dataclass
class _Slot:
    """A row of a calendar under its cell of time: the tasks it lists without a day of their
    own, or the one cell that says what is done."""

    cell: Paragraph
    days: tuple[date, date]
    undated: list[Paragraph] = field(default_factory=list)
    work: Paragraph | None = None

    def events(self) -> list[Event]:
        """The row's cell of work on its days; else its span as one phase of its tasks."""
        start, end = self.days
        if self.work is not None:
            text = f"{self.work.text} {self.cell.text}"
            return [_event(_title(self.work.text), text, self.work, start, end, kind_of=text)]
        if not self.undated or start == end:
            return []
        first = self.undated[0]
        return [
            Phase(
                title=_title(first.text),
                source=Source(shorten(f"{self.cell.text} {first.text}", 300), self.cell.line),
                paragraph=first.index,
                start=start,
                end=end,
            )
        ]


# a cell of time opens with a word of time or a number ("Ngày 05/3/2041", "Từ 05 - 31/8",
# "Trước ngày 30/3", "Sáng 28/8")
_TIME_CELL = re.compile(
    r"^(?:từ|ngày|trước|chậm\s+nhất|hạn|sáng|chiều|tối|đêm|dự\s+kiến|thứ|chủ\s+nhật|\d)", re.I
)


def _calendar(
    ctx: Context, body: list[Paragraph], at: int, found: list[Event], read: list[Paragraph]
) -> int:
    """Rows whose cells of time come first (a month, a week's span, a day), then tasks that
    may give their own day, or the one cell that says what is done; where the table ends."""
    slot: _Slot | None = None
    quiet = 0
    label: tuple[int, int] | None = None  # the row's month and year ("8/2019")
    while at < len(body) and quiet <= _REACH:
        paragraph = body[at]
        text = " ".join(paragraph.text.split())
        if _ENDS.match(text):
            break
        at += 1
        quiet += 1
        if _repeated_heading(text):
            read.append(paragraph)
            continue
        days = _time_cell(ctx, text, label)
        if _ROW_LABEL.match(text) or days is not None:
            if month := _MONTH_LABEL.match(text):
                label = (int(month["m"]), int(month["y"]))
            if days is not None:
                found.extend(slot.events() if slot else [])
                slot = _Slot(paragraph, days)
            read.append(paragraph)
            quiet = 0
            continue
        if not _BULLET.match(text):
            if slot is not None and slot.work is None and not slot.undated and _what(text):
                slot.work = paragraph
                read.append(paragraph)
                quiet = 0
            continue
        own = _OWN_DAY.search(text)
        what = text[: own.start()] if own else text
        if own is None and at < len(body):
            own = _OWN_DAY.fullmatch(body[at].text.strip())  # "( 19/8/2019)" on the next line
        day = _day(ctx, own["when"], label=label) if own else None
        if day is not None:
            found.append(_event(_title(what), text, paragraph, day, day))
            read.extend(body[at - 1 : at + (own.string != text)])
            quiet = 0
        elif len(text.split()) >= 4 and slot is not None:
            slot.undated.append(paragraph)
            quiet = 0
    found.extend(slot.events() if slot else [])
    return at


def _time_cell(ctx: Context, text: str, label: tuple[int, int] | None) -> tuple[date, date] | None:
    """The days of a calendar's cell of time: a span, or one day."""
    if _BULLET.match(text) or not _TIME_CELL.match(text) or len(text.split()) > _TIME_WORDS:
        return None
    days = _span(ctx, text, words=_TIME_WORDS, label=label)
    if days is None and (day := _day(ctx, text, label=label)) is not None:
        days = (day, day)
    return days


def _month(ctx: Context, text: str) -> tuple[date, date] | None:
    """The month a time cell gives ("Tháng 02/2036"), first day to last."""
    when = next((w for w in mentions(text) if not w.is_day), None)
    if when is None:
        return None
    year = when.year or ctx.year_of(when.month)
    return when.first(year), when.last(year)


def _what(text: str) -> bool:
    """A cell that says what is done: three words or more, no day."""
    return len(text.split()) >= 3 and not _dated(text) and not text.startswith("(")


def _dated(text: str) -> bool:
    return any(w.is_day or w.year for w in mentions(text))


def _time_like(text: str) -> bool:
    """A short cell that gives a day, a month with its year, or opens with a month ("Tháng
    7", "Trong tháng 9")."""
    if len(text.split()) > _TIME_WORDS:
        return False
    return _dated(text) or bool(re.match(r"\s*(?:trong\s+)?tháng\s+\d{1,2}\b", text, re.I))


def _span(
    ctx: Context, text: str, words: int = 8, label: tuple[int, int] | None = None
) -> tuple[date, date] | None:
    """The days of a time cell of at most ``words`` words that gives a range ("Từ 05 -
    31/8")."""
    if len(text.split()) > words:
        return None
    for found in ranges(text):
        days = found.days(_year(ctx, found.last.month, found.last.day or 1, label))
        if days is not None:
            return days
    return None


def _day(ctx: Context, text: str, label: tuple[int, int] | None = None) -> date | None:
    when = next((w for w in mentions(text) if w.is_day), None)
    if when is None:
        return None
    try:
        return when.first(when.year or _year(ctx, when.month, when.day or 1, label))
    except ValueError:
        return None


def _year(ctx: Context, month: int, day: int, label: tuple[int, int] | None) -> int:
    """The year of a day written without one: its row's ("8/2019" over "(05/8)"; a month
    long before the row's is in the next year), else the document's."""
    if label is None:
        return ctx.year_of(month, day)
    return label[1] + 1 if month < label[0] - 6 else label[1]


def _row_event(ctx: Context, row: _Row) -> list[Event]:
    """A row read whole: its first task names it, its time cell dates it."""
    assert row.when is not None
    cell = row.when.text
    # a short cell first is who does the row above ("- BGH"), not what this one does
    first = next((p for p in row.work if len(p.text.split()) >= 4), row.work[0])
    days = _span(ctx, cell, words=16)
    if days is None and (day := _day(ctx, cell)) is not None:
        days = (day, day)
    if days is None:
        days = _month(ctx, cell)
        # a month is the time of work or of a review ("Sơ kết 6 tháng: Tháng 7/2036"), not
        # the day of a gathering
        gathering = _GATHERING.search(first.text) and not _REVIEW.search(
            _BULLET.sub("", first.text)
        )
        if days is None or gathering:
            return []
    if not (ctx.plausible(days[0]) and ctx.plausible(days[1])):
        return []
    words = " ".join(p.text for p in row.work)
    return [
        _event(_title(first.text), f"{words} {cell}", first, *days, kind_of=f"{first.text} {cell}")
    ]


def _event(
    title: str, text: str, paragraph: Paragraph, start: date, end: date, kind_of: str = ""
) -> Event:
    """The event a row stands for, its kind from its words."""
    words = _BULLET.sub("", kind_of or text)
    source = Source(shorten(" ".join(text.split()), 300), paragraph.line)
    where = paragraph.index
    if start == end and _DUE.search(words):
        return Deadline(
            title=title,
            source=source,
            paragraph=where,
            what=title,
            wording=text,
            due={"rule": "by", "date": vn_date(start)},
            sense="by",
            days=[start],
        )
    if _REVIEW.search(words):
        kind = "so_ket" if re.search(r"\bsơ\s+kết", words, re.I) else "tong_ket"
        return Review(
            title=title, source=source, paragraph=where, start=start, end=end, review_kind=kind
        )
    if _GATHERING.search(words):
        return Meeting(
            title=title,
            source=source,
            paragraph=where,
            day=start,
            end=end if end != start else None,
        )
    return Phase(title=title, source=source, paragraph=where, start=start, end=end)


def _title(text: str) -> str:
    """A task's words, up to its first sentence's end (a place may follow in the cell)."""
    first = _BULLET.sub("", text)
    for stop in re.finditer(r"(?<=\w)\.\s+(?=\w)", first):
        if first[stop.end()].isupper():
            first = first[: stop.start()]
            break
    words = first.split()[:24]
    return sentence_case(" ".join(words).strip(" .;,:-"))


def _taken_whole(ctx: Context, paragraph: Paragraph) -> None:
    for sentence in paragraph.sentences:
        ctx.take(sentence, 0, len(sentence.text))


# --- a contest held site by site, a day each ------------------------------------------------

# "- Ngày 21/3/2036, tại điểm thi Trường TH An Bình, gồm 05 đơn vị: …" (the day in figures or in
# words, "Ngày 21 tháng 3 năm 2036, tại …"): a day, then only where (what is held there is the
# list's lead: "lịch thi", "Hội thi …"); a news lead "Sáng 20/1, tại …, UBND tỉnh tổ chức …" goes
# on with who and what, and is not one
_SITE = re.compile(
    r"^\s*[-–+•]?\s*(?:(?:sáng|chiều|tối)\s+)?(?:(?:thứ\s+\w+|chủ\s+nhật)\s*,?\s*)?(?:ngày\s+)?"
    r"(?P<day>\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4})?"
    r"|\d{1,2}\s+tháng\s+\d{1,2}(?:\s*,?\s*năm\s+\d{4})?)\s*[,:]\s*tại\s+"
    r"(?:(?:các\s+)?(?:điểm\s+thi|địa\s+điểm|điểm)\s*:?\s*)?"
    r"(?P<place>[^,;:()]{3,80}?)\s*(?:[,;:(]\s*(?:gồm|có|với|dành\s+cho)\b.*|[.;]?)\s*$",
    re.I,
)
# the contest the sites hold: its name in quotes ("Hội thi “Nghi thức Đội”", "lịch thi “…”")
_CONTEST = re.compile(
    r"\b(?:hội\s+thi|cuộc\s+thi|thi|hội\s+diễn|hội\s+thao|giải|liên\s+hoan)\s+“[^”]{2,60}”", re.I
)
_CONTEST_WORD = re.compile(r"\b(?:thi|hội\s+diễn|hội\s+thao|giải|liên\s+hoan)\b", re.I)
# "khai mạc lúc 7 giờ 30": the hour itself is read by dates.first_hour
_OPENING_AT = re.compile(r"\bkhai\s+mạc\s+(?:lúc\s+)?(?=\d{1,2}\s*(?:giờ|h|g))", re.I)
_SITES_LEAD = 8  # paragraphs above a list of sites where its contest is named


def _sites(ctx: Context) -> list[Event]:
    """A contest's sites listed a day each (two lines or more in a row): one meeting a
    site, on its day, titled by the contest and the place, at the opening hour the text
    gives for every site."""
    body = ctx.body
    found: list[Event] = []
    at = 0
    while at < len(body):
        run = []
        while at < len(body) and (site := _SITE.match(" ".join(body[at].text.split()))):
            run.append((body[at], site))
            at += 1
        at += 1
        if len(run) < 2:
            continue
        above = [p.text for p in ctx.earlier(run[0][0], _SITES_LEAD)]
        lead = " ".join([ctx.title or "", *above])
        if not _CONTEST_WORD.search(lead):
            continue
        named = [m.group() for m in _CONTEST.finditer(lead)]
        contest = named[-1] if named else "Thi"
        contest = re.sub(r"^(?:hội\s+thi|cuộc\s+thi)\b", "Thi", contest, flags=re.I)
        opening = _OPENING_AT.search(lead)
        start = first_hour(lead[opening.end() :]) if opening else None
        for paragraph, site in run:
            day = _day(ctx, f"ngày {site['day']}")  # "21 tháng 3" is a day after "ngày"
            if day is None or not ctx.plausible(day):
                continue
            place = " ".join(site["place"].split())
            found.append(
                Meeting(
                    title=sentence_case(f"{contest} tại {place}"),
                    source=Source(shorten(paragraph.text, 300), paragraph.line),
                    paragraph=paragraph.index,
                    day=day,
                    start_time=start,
                    location=place,
                )
            )
            _taken_whole(ctx, paragraph)
    return found
