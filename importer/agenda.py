"""A week's work schedule ("Lịch làm việc tuần 21 của Thường trực …", "LỊCH CÔNG TÁC CỦA LÃNH
ĐẠO UBND XÃ …"): under each day's heading ("Thứ ba" then "22/5", "THỨ HAI (09/02/2026):",
"Thứ Hai, ngày 21/5/2018"), every line that says what is done is a meeting on that day
("+ Ban Pháp chế giám sát Sở Tài nguyên và Môi trường", "08 giờ 00’: Thăm, chúc tết …").

Who attends, where, who prepares ("Thành phần", "Địa điểm", "Chuẩn bị") and a person's name
before a colon are not what is done; nor, in a table copied one cell a line, the cells beside
an activity that say where ("P. họp 5 tầng 2", "Trụ sở Công an tỉnh") or who goes ("PCT Trần
Văn An", "Các Phó Chủ tịch liên quan").

A schedule copied from a page with its lines hard-wrapped ("LỊCH" then "LÀM VIỆC"; "- Thứ" then
"Ba: 25/3"; "08h30: PGĐ … dự lễ khai mạc giải" then "Quần vợt Châu Á …") is read whole: a line
with no mark of its own goes on the item or label above it while that has not ended its
sentence, and a "Địa điểm:" line gives the item above it its place.

A copy cut from a schedule's page without its title opens on a day's heading ("THỨ BẢY, NGÀY
25/3/2036") and heads more days below it. A person's line may list the day's hours one after
another ("Phó Chủ tịch …: 7 giờ, dự …. 14 giờ, làm việc với …"): one meeting an hour, the who
before the colon not what is done, "điểm tại …" its place; a day at the office is none.

A day's schedule page ("Hôm nay: ngày 14 / 3 / 2036" alone on its line) whose entries each open
with an hour and a "Nội dung:" label ("9 giờ 00: Nội dung: Họp giao ban … Địa điểm: …") dates
each entry on that day; the page's other lines (slogans, menus) are no entries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time

from importer import tables
from importer.context import Context
from importer.dates import DAY_WRITTEN, mentions
from importer.model import Meeting
from importer.noise import LABELLED_ENTRY
from importer.text import Paragraph, sentence_case

_TITLE = re.compile(r"\blịch\s+(?:làm\s+việc|công\s+tác)\b", re.I)
_WEEKDAY = re.compile(
    r"^\s*(?:[-–+•*]\s*)?(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật)\b", re.I
)
# a day's heading hard-wrapped after its first word ("- Thứ" then "Ba: 25/3")
_CUT_WEEKDAY = re.compile(r"^\s*(?:[-–+•*]\s*)?(?:thứ|chủ)\s*$", re.I)
_BARE_DAY = re.compile(
    r"^\s*\(?\s*(?:ngày\s+)?\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4})?\s*\)?\s*:?\s*$"
)
_NOT_WHAT = re.compile(
    r"^\s*(?:[-–+•*]\s*)?(?:Thành\s+phần|Địa\s+điểm|Thời\s+gian|Chuẩn\s+bị|Giao\s|Chủ\s+trì|Mời|Lưu\s+ý|"
    r"Cùng\s+dự|"
    r"Ghi\s+chú|Nơi\s+nhận|Ngày\s*$|Nội\s+dung)",
    re.I,
)
# a cell that says where: a meeting room, a seat of an office, a hall
_PLACE_CELL = re.compile(
    r"^\s*(?:P\.\s*họp|Phòng\s+họp|Hội\s+trường|Trụ\s+sở|Nhà\s+(?:khách|văn\s+hóa|văn\s+hoá)|"
    r"Trung\s+tâm\s+Hội\s+nghị|Tại\s)[^.;:]{0,60}$",
    re.I,
)
# a cell that says who goes: roles and names, no verb ("PCTTT Nguyễn Văn An", "Các Phó Chủ tịch
# liên quan", "Đ/c Bí thư, Chủ tịch UBND xã")
_ROLE = re.compile(
    r"\b(?:các|đ/c|đồng\s+chí|phó|chủ\s+tịch|bí\s+thư|giám\s+đốc|trưởng|thủ\s+trưởng|lãnh\s+đạo|"
    r"thành\s+viên|ủy\s+viên|uỷ\s+viên|thường\s+trực|liên\s+quan|ban|phòng|tỉnh|huyện|xã|phường|"
    r"thành\s+phố|quận|và)\b",
    re.I,
)


def _who_only(text: str) -> bool:
    """Roles and names only, with no word for what is done."""
    rest = _ROLE.sub(" ", text).replace(",", " ").split()
    return len(text.split()) <= 8 and all(w[0].isupper() for w in rest)


_MARKS = re.compile(
    r"^\s*(?:[-–+•*]\s*)?(?:\d+\s*[.)-]\s*)?(?:(?:SÁNG|CHIỀU|TỐI|Sáng|Chiều|Tối|Cả\s+ngày|CẢ\s+NGÀY)\s*:?\s*)?"
    r"(?:\d+\s*[.)-]\s*)?\(?(?:(?P<h>\d{1,2})\s*(?:giờ|h|g|:)\s*(?P<m>\d{0,2})\s*[’']?\s*(?:phút)?\s*\)?\s*[:,]?\s*)?",
)


def is_agenda(body: list[Paragraph]) -> bool:
    """A title that says so, on its first lines or hard-wrapped over them ("LỊCH" then "LÀM
    VIỆC"), a table whose heading row is a schedule's, or a copy cut from a schedule's page
    without its title that opens on a day's heading and has another lower down."""
    opening = " ".join(p.text for p in body[:3])
    return (
        bool(_TITLE.search(opening))
        or any(tables.schedule_heading(p.text) for p in body[:12] if p.text.count("|") >= 2)
        or _opens_on_days(body)
        or _labelled_day_page(body)
    )


# a day's schedule page: the day alone on its line, as the page gives it ("Hôm nay: ngày 14 / 3 /
# 2036", "Thứ Tư, ngày 14/3/2036"), and entries that open on an hour and a "Nội dung:" label
_DAY_OF_PAGE = re.compile(
    r"^\s*(?:hôm\s+nay\s*:?\s*)?(?:(?:thứ\s+\w+|chủ\s+nhật)\s*,?\s*)?(?:ngày\s+)?"
    r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}\s*:?\s*$",
    re.I,
)


def _labelled_day_page(body: list[Paragraph]) -> bool:
    """A line that is a day alone, right above an entry with an hour and a "Nội dung:" label,
    within the page's first lines: a day's schedule whatever its title (a bare date at a
    page's top is often its clock, so the labelled entry under it is what tells)."""
    return any(
        _DAY_OF_PAGE.match(p.text) and LABELLED_ENTRY.match(body[at + 1].text)
        for at, p in enumerate(body[:6])
        if at + 1 < len(body)
    )


def _labelled_entries(ctx: Context) -> list[Meeting]:
    """One meeting per labelled entry, on the day whose line is the nearest above it."""
    found: list[Meeting] = []
    day: date | None = None
    for paragraph in ctx.body:
        if _DAY_OF_PAGE.match(paragraph.text):
            day = _day_in(ctx, paragraph.text)
            continue
        entry = LABELLED_ENTRY.match(paragraph.text)
        if day is None or entry is None:
            continue
        what = paragraph.text[entry.end() :]  # the label is not what is done
        item = _Item(paragraph, _hour_of(paragraph.text) + what, day)
        if _what(item.text):
            found.append(_item_meeting(ctx, item))
            _taken_whole(ctx, paragraph)
    return found


def _hour_of(text: str) -> str:
    """The hour an entry opens with, kept before what is done once its label is cut out."""
    hour = _HOUR.search(text)
    return f"{hour.group(0)}: " if hour else ""


# a day's heading alone on its line, with its date: "THỨ BẢY, NGÀY 25/3/2023", "Chủ nhật
# (26/3):", "- Thứ 2 - 27/3/2023", or with the day's lunar date in brackets after it ("* THỨ
# HAI 13/01/2036 (nhằm 14/12 ÂL)", "Thứ Ba, 14/01 (tức 15 tháng Chạp)"): a gloss, not a task
_DAY_HEADING = re.compile(
    r"^\s*(?:[-–+•*]\s*)?(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật)\s*[,:(–-]?\s*"
    r"(?:ngày\s+)?\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4})?\s*\)?\s*"
    r"(?:\((?:nhằm|tức|ngày)?[^()]{0,30}(?:âl|âm\s+lịch|tháng\s+\w+)\s*\)\s*)?:?\s*$",
    re.I,
)


def _opens_on_days(body: list[Paragraph]) -> bool:
    """Whether the copy opens on a day's heading (one of its first two lines) and heads at
    least one more day lower down: a week's schedule whose title the copy left out. A
    programme's days sit under its own title and are never the copy's first line."""
    heads = [at for at, p in enumerate(body) if _DAY_HEADING.match(p.text)]
    return len(heads) >= 2 and heads[0] <= 1


def set_aside_its_title(ctx: Context) -> None:
    """The schedule's own week ("(từ ngày 21/5/2018 đến ngày 28/5/2018)", or a line "Từ ngày
    14/07/2025 đến ngày 20/07/2025" under the title, before the first day) is no event."""
    for at, paragraph in enumerate(ctx.body[:12]):
        if _WEEKDAY.match(paragraph.text):
            break
        heading = _TITLE.search(paragraph.text) or paragraph.text.lstrip().startswith("(")
        if (at < 3 and heading) or _WEEK.match(paragraph.text):
            for sentence in paragraph.sentences:
                ctx.take(sentence, 0, len(sentence.text))


# "Từ ngày 14/07 đến ngày 20/07/2025", "Tuần 13, từ …", or the week's number hard-wrapped from
# its word: "13 (24/3/2025 - 30/3/2025)"; a day in figures or in words ("14 tháng 7 năm 2025")
_WEEK_DAY = rf"(?:ngày\s+)?{DAY_WRITTEN}"
_WEEK = re.compile(
    r"^\W*(?:tuần\s+\S+\s*[,:(]?\s*(?:từ\s+)?|\d{1,2}\s*[,:(]\s*(?:từ\s+)?|từ\s+)"
    rf"{_WEEK_DAY}\s*(?:đến|-|–)\s*{_WEEK_DAY}\W*$",
    re.I,
)


def extract(ctx: Context) -> list[Meeting]:
    """The meetings of a week's schedule; none when the document is not one."""
    if not is_agenda(ctx.body):
        return []
    if _labelled_day_page(ctx.body):
        return _labelled_entries(ctx)
    found: list[Meeting] = []
    items: list[_Item] = []
    day: date | None = None
    weekday_seen = False
    table, wrap = _Table(), _Wrap()
    cut = ""  # the first word of a day's heading, its line hard-wrapped after it
    for paragraph in ctx.body if _opens_on_days(ctx.body) else ctx.body[1:]:
        text, cut = f"{cut} {paragraph.text}".strip() if cut else paragraph.text, ""
        if text.count("|") >= 2:
            day, row = table.row(ctx, text, day)
            if row is not None:
                found.append(_row_meeting(ctx, paragraph, row, day))
                _taken_whole(ctx, paragraph)  # read here: no other reader dates it again
            continue
        if _CUT_WEEKDAY.match(text):
            cut = text
            continue
        if _WEEKDAY.match(text) or (weekday_seen and _BARE_DAY.match(text)):
            weekday_seen, day = True, _day_in(ctx, text)  # None: the day follows alone
            wrap.close()
            continue
        if day is None or _LONE_MARK.match(text):
            continue
        if _PLACE_CELL.match(text) or _who_only(text):
            wrap.close()
        elif not wrap.takes(text):
            item = _Item(paragraph, text, day) if not _NOT_WHAT.match(text) else None
            if item is not None and _what(text):
                items.append(item)
            wrap.open(text, item, items[-1] if items else None)
    return found + [_item_meeting(ctx, part) for item in items for part in _parts(item)]


# who an item is for, before its hour: "Chủ tịch: 7 giờ 30 phút, …", "- Phó Chủ tịch Nguyễn Văn
# An: 8 giờ, …" (the who is not what is done; the hour after it is the item's)
_WHO_BEFORE_HOUR = re.compile(
    r"^\s*(?:[-–+•*]\s*)?[^\W\d][^:;.\d]{0,80}(?:\.\s*[^\W\d][^:;.\d]{0,40})?:\s*"
    r"(?=\(?\d{1,2}\s*(?:giờ|h|g)\b)",
    re.I,
)
# a further hour of the same person's day, after the sentence before it ends: "… (LĐVP: Đ/c
# An). 14 giờ, làm việc với …", "…; 10 giờ 30’, dự …"
_NEXT_HOUR = re.compile(
    r"(?<=[.;])\s+(?=\d{1,2}\s*(?:giờ|h)\s*(?:\d{2}\s*(?:phút|[’'])?\s*)?,)", re.I
)


def _parts(item: _Item) -> list[_Item]:
    """An item split at each further hour in it: one person's line that lists several things
    done through the day is one meeting an hour. A day at the office is none."""
    text = _WHO_BEFORE_HOUR.sub("", item.text, count=1)
    pieces = [p.strip() for p in _NEXT_HOUR.split(text) if p.strip()]
    parts = [_Item(item.paragraph, piece, item.day, item.place) for piece in pieces]
    return [part for part in parts if _what(part.text) and not _AT_DESK.search(part.text)]


# a person's day at the office is no meeting: "PGĐ: Sáng làm việc tại cơ quan", "Trực cơ quan",
# "- 13 giờ 30, đồng chí Phó Bí thư làm việc tại cơ quan" (who, after the hour, does nothing else)
_AT_DESK = re.compile(
    r"(?:^|:|,)\s*(?:[-–+•*]\s*)?(?:(?:sáng|chiều|cả\s+ngày)\s*:?\s*)?"
    r"(?:(?:đồng\s+chí|đ/c)\s+[^,;.:()]{2,60}?\s+)?"
    r"(?:làm\s+việc\s+tại|trực)\s+cơ\s+quan\W*$",
    re.I,
)


_LONE_MARK = re.compile(r"^\s*[-–+•*]?\s*$")
# a line that opens with a mark of its own: a bullet, a number, an hour, a part of the day, a
# label ("Địa điểm:")
_OPENS = re.compile(
    r"^\s*(?:[-–+•*]|\d+\s*[.)-]|\(?\d{1,2}\s*(?:giờ|h|g|:)|(?:sáng|chiều|tối|cả\s+ngày)\b|"
    r"[^\W\d][\w\s]{0,24}:)",
    re.I,
)
_PLACE_LABEL = re.compile(r"^\s*(?:[-–+•*]\s*)?Địa\s+điểm\s*:\s*(?P<place>.*)$", re.I)


@dataclass
class _Item:
    """An item of a day: the lines that say what is done, and where, when a line says so."""

    paragraph: Paragraph
    text: str
    day: date
    place: str | None = None


@dataclass
class _Wrap:
    """The line a hard-wrapped schedule goes on with ("08h30: PGĐ … dự lễ khai mạc giải" then
    "Quần vợt Châu Á …"; "Địa điểm: Sân quần vợt số 2," then "Cụm sân …"): an item that opened
    with its own mark, or a label, while it has not ended its sentence. A line with no mark
    after an item that had none is an item of its own."""

    item: _Item | None = None
    place_of: _Item | None = None  # the item a "Địa điểm:" line gives the place of
    ended: bool = True

    def open(self, text: str, item: _Item | None, last: _Item | None) -> None:
        marked = bool(_OPENS.match(text))
        self.item = item if marked else None
        self.place_of = None
        if item is None and (place := _PLACE_LABEL.match(text)) and last is not None:
            last.place, self.place_of = place["place"], last
        self.ended = not marked or text.rstrip().endswith((".", ";", "!", "?"))

    def takes(self, text: str) -> bool:
        if self.ended or _OPENS.match(text):
            return False
        if self.item is not None:
            self.item.text = f"{self.item.text} {text}"
        if self.place_of is not None:
            self.place_of.place = f"{self.place_of.place} {text}"
        self.ended = text.rstrip().endswith((".", ";", "!", "?"))
        return True

    def close(self) -> None:
        self.item, self.place_of, self.ended = None, None, True


def _item_meeting(ctx: Context, item: _Item) -> Meeting:
    title = _what(item.text)
    assert title is not None
    place = item.place.strip(" .;,") if item.place else _place(item.text)
    return Meeting(
        title=title,
        source=ctx.source(item.paragraph.sentences[0], item.text),
        paragraph=item.paragraph.index,
        day=item.day,
        start_time=_hour(item.text),
        location=" ".join(place.split()) if place else None,
    )


_CONTENT_HEAD = re.compile(r"^(?:nội\s+dung|công\s+việc|nội\s+dung\s+công\s+việc)\b", re.I)
_PLACE_HEAD = re.compile(r"^địa\s+điểm\b", re.I)
_HOUR = re.compile(r"(?<!\d)(?P<h>\d{1,2})\s*(?:giờ|h|g|:)\s*(?P<m>\d{2})?(?!\d)", re.I)


class _Table:
    """A schedule copied as a table, one row a line ("| Thứ Hai 15/12 | 8h00 | Giao ban lãnh
    đạo Sở | Phòng họp 1 | Giám đốc |"): its heading row says which column is what is done
    and which is where; a row whose day cell is empty keeps the day above."""

    def __init__(self) -> None:
        self.content: int | None = None
        self.place: int | None = None

    def row(
        self, ctx: Context, text: str, day: date | None
    ) -> tuple[date | None, tuple[str, str | None, str] | None]:
        cells = [" ".join(c.split()) for c in text.strip().strip("|").split("|")]
        heads = [i for i, c in enumerate(cells) if _CONTENT_HEAD.match(c)]
        if heads:
            self.content = heads[0]
            self.place = next((i for i, c in enumerate(cells) if _PLACE_HEAD.match(c)), None)
            return day, None
        for cell in cells[: self.content or 2]:
            if _WEEKDAY.match(cell) or _BARE_DAY.match(cell) or re.search(r"\d/\d", cell):
                day = _day_in(ctx, cell) or day
        if self.content is None or self.content >= len(cells) or day is None:
            return day, None
        what = cells[self.content]
        if len(what.split()) < 3:
            return day, None
        place = cells[self.place] if self.place is not None and self.place < len(cells) else None
        hours = " ".join(cells[: self.content])
        return day, (what, place or None, hours)


def _taken_whole(ctx: Context, paragraph: Paragraph) -> None:
    for sentence in paragraph.sentences:
        ctx.take(sentence, 0, len(sentence.text))


def _row_meeting(
    ctx: Context, paragraph: Paragraph, row: tuple[str, str | None, str], day: date | None
) -> Meeting:
    what, place, hours = row
    assert day is not None
    hour = _HOUR.search(hours)
    start = None
    if hour and int(hour["h"]) < 24 and int(hour["m"] or 0) < 60:
        start = time(int(hour["h"]), int(hour["m"] or 0))
    return Meeting(
        title=sentence_case(" ".join(what.split()[:24]).rstrip(" .;,")),
        source=ctx.source(paragraph.sentences[0], paragraph.text),
        paragraph=paragraph.index,
        day=day,
        start_time=start,
        location=place,
    )


def _day_in(ctx: Context, text: str) -> date | None:
    for when in mentions(text):
        if when.day is not None:
            year = when.year or ctx.year_of(when.month, when.day)
            try:
                return date(year, when.month, when.day)
            except ValueError:
                return None
    return None


def _hour(text: str) -> time | None:
    """The hour an item opens with ("(8h30) Hội nghị …", "08 giờ 00’: Thăm …")."""
    marks = _MARKS.match(text)
    if marks is None or marks["h"] is None:
        return None
    hour, minute = int(marks["h"]), int(marks["m"] or 0)
    return time(hour, minute) if hour < 24 and minute < 60 else None


# "… họp giao ban. Địa điểm: Phòng họp số 1", "…, điểm tại Hội trường II": where, after what is
# done (the office staff named after it in brackets, "(LĐVP: Đ/c An)", is not the place)
_WHERE = re.compile(
    r"(?:[.;,]?\s*\bĐịa\s+điểm\s*:|,\s*điểm\s+(?:tại\s+)?|[.;]\s*Điểm\s*:\s*(?:tại\s+)?)"
    r"\s*(?P<place>[^.;(]+)",
    re.I,
)
# a label after what is done, its sentence ended: who is invited or prepares ("… với HTX An
# Bình. Mời: Đồng chí Bí thư …", ". Thành phần: …") is not what is done
_LABEL_AFTER = re.compile(r"[.;]\s*(?:Mời|Thành\s+phần|Chuẩn\s+bị|Cùng\s+dự|LĐVP)\s*:", re.I)


def _place(text: str) -> str | None:
    where = _WHERE.search(text)
    return " ".join(where["place"].split()).rstrip(" ,") if where else None


def _what(text: str) -> str | None:
    rest = _MARKS.sub("", text, count=1).strip()
    rest = rest[: where.start()] if (where := _WHERE.search(rest)) else rest
    rest = rest[: label.start()] if (label := _LABEL_AFTER.search(rest)) else rest
    _, colon, after = rest.partition(":")
    if colon and not after.strip():
        return None  # "2. Chủ tịch UBND xã Nguyễn Văn Lưu:": who, not what
    words = rest.split()
    if len(words) < 3:
        return None
    return sentence_case(" ".join(words[:24]).rstrip(" .;,"))
