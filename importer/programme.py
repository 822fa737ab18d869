"""A programme's table copied one cell a line (a web page's "CHƯƠNG TRÌNH HỘI THI …" with its
columns flattened): a line that gives only a day ("Ngày 17/5/2036", or a lunar day with its
solar day aside: "Ngày 11 tháng 6 năm Mậu Tuất (Tức ngày 23 tháng 7 năm 2036)") heads the rows
of that day, a line of hours only ("9h05’ - 9h15’") opens a row, and the line after it says
what is done.

A row whose words name a gathering ("Khai mạc Hội thi", "Lễ bế mạc") is a meeting on the day
above it, at the row's first hour; a programme whose title names a gathering is one meeting
from its first day heading to its last. Rows of other work (a welcome, a lunch, a test in a
room) are not events.

A programme written as a list ("1. Ngày 05 tháng 12 năm 2036:", then "– Buổi sáng, 7 giờ 45 phút:
Phiên chất vấn …") gives a row its hour and what is done on one line: a row that names a
gathering, or a sitting of a council's session ("Phiên khai mạc", "Phiên chất vấn"), is a
meeting on the day above it at that hour. A letter that announces its gathering just above the
day headings ("… tổ chức Lễ kỷ niệm … với nội dung chính như sau:") holds it over them.
"""

from __future__ import annotations

import re
from datetime import date, time

from importer.context import Context
from importer.dates import mentions
from importer.meetings import NOUN, title_of
from importer.model import DocumentInfo, Meeting, Source
from importer.text import Paragraph, sentence_case

# a line that is a day and nothing else, in figures or in words ("Ngày 17/5/2036", "Ngày 17 tháng
# 5 năm 2036"): the rows under it are that day's
_DAY_HEADING = re.compile(
    r"^\s*(?:\d{1,2}\s*[.)]\s*)?(?:(?:sáng|chiều|tối)\s+)?(?:(?:thứ\s+\w+|chủ\s+nhật)\s*,?\s*)?ngày\s+"
    r"(?:\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4})?|\d{1,2}\s+tháng\s+\d{1,2}(?:\s*,?\s*năm\s+\d{4})?"
    # a lunar day of a can-chi year, its solar day in the aside: "Ngày 11 tháng 6 năm Mậu Tuất
    # (Tức ngày 23 tháng 7 năm 2036)"
    r"|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\w+\s+\w+(?=\s*\(\s*tức\s))"
    r"\s*(?:\([^)]*\))?\s*:?\s*$",
    re.I,
)
_HOUR = r"\d{1,2}\s*(?:h|giờ|g|:)\s*(?:\d{2})?\s*(?:phút|['’])?"
# a list's row: its part of the day and hour, then what is done ("– Buổi sáng, 7 giờ 45 phút: …")
_HOUR_THEN_WHAT = re.compile(
    rf"^\s*[-–+•*]\s*(?:buổi\s+)?(?:sáng|chiều|tối)\s*,?\s*(?:từ\s+)?(?P<first>{_HOUR})\s*:\s*"
    r"(?P<what>\S.*)$",
    re.I,
)
# a sitting of a council's session: "Phiên khai mạc", "Phiên giải trình, chất vấn …"
_SITTING = re.compile(
    r"^Phiên\s+(?:họp|khai\s+mạc|bế\s+mạc|bế\s+giảng|giải\s+trình|chất\s+vấn|thảo\s+luận|"
    r"toàn\s+thể|trù\s+bị)\b",
    re.I,
)
_HOURS_ONLY = re.compile(rf"^\s*(?:từ\s+)?(?P<first>{_HOUR})\s*(?:[-–]\s*{_HOUR})?\s*$", re.I)


def extract(ctx: Context, info: DocumentInfo) -> list[Meeting]:
    """The gatherings a programme's rows name, and the programme itself."""
    found: list[Meeting] = []
    headings: list[tuple[date, Paragraph]] = []
    day: date | None = None
    body = ctx.body
    for at, paragraph in enumerate(body):
        if _DAY_HEADING.match(paragraph.text):
            day = _heading_day(ctx, paragraph.text)
            if day is not None:
                headings.append((day, paragraph))
            continue
        if day is not None and (listed := _listed_row(ctx, paragraph, day)):
            found.append(listed)
            continue
        hours = _HOURS_ONLY.match(paragraph.text)
        if day is None or hours is None or at + 1 >= len(body):
            continue
        row = body[at + 1]
        if NOUN.match(row.text) and ctx.plausible(day):
            found.append(
                Meeting(
                    title=title_of(row.text),
                    source=Source(f"{paragraph.text} {row.text}", row.line),
                    paragraph=row.index,
                    day=day,
                    start_time=_hour(hours["first"]),
                )
            )
    whole = _whole(info, headings) or _announced(body, headings)
    return found if whole is None else [whole, *found]


def _listed_row(ctx: Context, paragraph: Paragraph, day: date) -> Meeting | None:
    """A list's row with its hour, when what it does is a gathering or a session's sitting."""
    row = _HOUR_THEN_WHAT.match(paragraph.text)
    if row is None or not ctx.plausible(day):
        return None
    what = row["what"]
    if not (NOUN.match(what) or _SITTING.match(what)):
        return None
    return Meeting(
        title=sentence_case(" ".join(what.split()[:24]).rstrip(" .;,")),
        source=Source(paragraph.text, paragraph.line),
        paragraph=paragraph.index,
        day=day,
        start_time=_hour(row["first"]),
    )


def _heading_day(ctx: Context, text: str) -> date | None:
    when = next((w for w in mentions(text) if w.is_day), None)
    if when is None:
        return None
    try:
        return when.first(when.year or ctx.year_of(when.month, when.day or 1))
    except ValueError:
        return None


def _hour(text: str) -> time | None:
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    hour, minute = numbers[0], numbers[1] if len(numbers) > 1 else 0
    return time(hour, minute) if hour < 24 and minute < 60 else None


# the line a letter announces its gathering's programme with: "… long trọng tổ chức Lễ kỉ niệm …
# với nội dung chính như sau:"
_ANNOUNCES = re.compile(
    r"\btổ\s+chức\s+(?P<what>[^.;:]+?)\s+với\s+(?:các\s+)?nội\s+dung[^.;:]*:\s*$", re.I
)


def _announced(body: list[Paragraph], headings: list[tuple[date, Paragraph]]) -> Meeting | None:
    """A gathering the line just above the first day heading announces ("… tổ chức Lễ kỷ niệm …
    với nội dung chính như sau:"): one meeting over the day headings."""
    if not headings:
        return None
    at = next(i for i, p in enumerate(body) if p is headings[0][1])
    lead = body[at - 1] if at > 0 else None
    said = _ANNOUNCES.search(lead.text) if lead is not None else None
    if lead is None or said is None or not NOUN.match(said["what"]):
        return None
    days = sorted(d for d, _ in headings)
    return Meeting(
        title=title_of(said["what"]),
        source=Source(lead.text, lead.line),
        paragraph=lead.index,
        day=days[0],
        end=days[-1] if days[-1] != days[0] else None,
    )


def _whole(info: DocumentInfo, headings: list[tuple[date, Paragraph]]) -> Meeting | None:
    """A programme titled by a gathering ("CHƯƠNG TRÌNH HỘI THI …") over its day headings."""
    title = info.title or ""
    if not headings or (info.kind or "").casefold() != "chương trình" or not NOUN.search(title):
        return None
    days = sorted(d for d, _ in headings)
    first = headings[0][1]
    return Meeting(
        title=sentence_case(" ".join(title.split())),
        source=Source(first.text, first.line),
        paragraph=first.index,
        day=days[0],
        end=days[-1] if days[-1] != days[0] else None,
    )
