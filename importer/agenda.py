"""A week's work schedule ("Lịch làm việc tuần 21 của Thường trực …", "LỊCH CÔNG TÁC CỦA LÃNH
ĐẠO UBND XÃ …"): under each day's heading ("Thứ ba" then "22/5", "THỨ HAI (09/02/2026):",
"Thứ Hai, ngày 21/5/2018"), every line that says what is done is a meeting on that day
("+ Ban Pháp chế giám sát Sở Tài nguyên và Môi trường", "08 giờ 00’: Thăm, chúc tết …").

Who attends, where, who prepares ("Thành phần", "Địa điểm", "Chuẩn bị") and a person's name
before a colon are not what is done.
"""

from __future__ import annotations

import re
from datetime import date

from importer.context import Context
from importer.dates import mentions
from importer.model import Meeting
from importer.text import Paragraph, sentence_case

_TITLE = re.compile(r"\blịch\s+(?:làm\s+việc|công\s+tác)\b", re.I)
_WEEKDAY = re.compile(r"^\s*(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật)\b", re.I)
_BARE_DAY = re.compile(
    r"^\s*\(?\s*(?:ngày\s+)?\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4})?\s*\)?\s*:?\s*$"
)
_NOT_WHAT = re.compile(
    r"^\s*(?:Thành\s+phần|Địa\s+điểm|Thời\s+gian|Chuẩn\s+bị|Giao\s|Chủ\s+trì|Mời|Lưu\s+ý|"
    r"Ghi\s+chú|Nơi\s+nhận|Ngày\s*$|Nội\s+dung)",
    re.I,
)
_MARKS = re.compile(
    r"^\s*(?:[-–+•*]\s*)?(?:\d+[.)]\s*)?(?:(?:SÁNG|CHIỀU|TỐI|Sáng|Chiều|Tối)\s*:?\s*)?"
    r"(?:\d+[.)]\s*)?(?:\d{1,2}\s*(?:giờ|h|g|:)\s*\d{0,2}\s*[’']?\s*(?:phút)?\s*:?\s*)?",
)


def is_agenda(body: list[Paragraph]) -> bool:
    return any(_TITLE.search(p.text) for p in body[:3])


def set_aside_its_title(ctx: Context) -> None:
    """The schedule's own week ("(từ ngày 21/5/2018 đến ngày 28/5/2018)") is no event."""
    for paragraph in ctx.body[:3]:
        if _TITLE.search(paragraph.text) or paragraph.text.lstrip().startswith("("):
            for sentence in paragraph.sentences:
                ctx.take(sentence, 0, len(sentence.text))


def extract(ctx: Context) -> list[Meeting]:
    """The meetings of a week's schedule; none when the document is not one."""
    if not is_agenda(ctx.body):
        return []
    found: list[Meeting] = []
    day: date | None = None
    weekday_seen = False
    for paragraph in ctx.body[1:]:
        text = paragraph.text
        if _WEEKDAY.match(text):
            weekday_seen, day = True, _day_in(ctx, text)  # None: the day follows alone
            continue
        if weekday_seen and _BARE_DAY.match(text):
            day = _day_in(ctx, text)
            continue
        if day is None or _NOT_WHAT.match(text):
            continue
        title = _what(text)
        if title:
            found.append(
                Meeting(
                    title=title,
                    source=ctx.source(paragraph.sentences[0], text),
                    paragraph=paragraph.index,
                    day=day,
                )
            )
    return found


def _day_in(ctx: Context, text: str) -> date | None:
    for when in mentions(text):
        if when.day is not None:
            year = when.year or ctx.year_of(when.month, when.day)
            try:
                return date(year, when.month, when.day)
            except ValueError:
                return None
    return None


def _what(text: str) -> str | None:
    rest = _MARKS.sub("", text, count=1).strip()
    _, colon, after = rest.partition(":")
    if colon and not after.strip():
        return None  # "2. Chủ tịch UBND xã Nguyễn Văn Lưu:": who, not what
    words = rest.split()
    if len(words) < 3:
        return None
    return sentence_case(" ".join(words[:24]).rstrip(" .;,"))
