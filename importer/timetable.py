"""A timetable of tests or exams listed a day a line: a school's plan gives each subject and
class its day ("- Ngày 10/5/2036: kiểm tra môn Toán lớp 3.", "2.3/ Môn Lịch sử lớp 4, 5: kiểm
tra trong ngày Thứ Ba, ngày 11/5/2036."). Each such line is a one-day phase titled from its
line. (A table copied as "|" cells reaches the readers already turned into sentences by
`tables`, which the deadline and meeting readers read.)

Only a listed line (a bullet or a number) that names a subject ("môn …") of a test or
an exam and gives one day, and no span, is read: prose that dates several things, a window
("từ ngày … đến …"), and a test told as held ("đã kiểm tra …") are left to the other readers.

An exam's day given once, its sittings listed by hour below ("Thi cấp trường là vòng 11, ngày
04/01/2016 và thi theo khung giờ sau:" then "- Khối 6: Từ 08h00 đến 09h00"), is one meeting a
sitting, on that day at its hour (`slots`).
"""

from __future__ import annotations

import re
from datetime import date, time

from importer.context import Context
from importer.dates import mentions, ranges
from importer.model import Meeting, Phase
from importer.text import Paragraph, sentence_case

# a listed line: a bullet, or a number ("1.3/", "2.", "a)")
_LISTED = re.compile(r"^\s*(?:[-–+•*]|\d+(?:\.\d+)*\s*[/.)]|[a-zđ]\s*[).])\s*", re.I)
# a test or an exam of a subject ("kiểm tra môn Toán", "Môn Địa lý: thi …"), in either order
_TEST = re.compile(r"\b(?:kiểm\s+tra|thi)\b", re.I)
_SUBJECT = re.compile(r"\bmôn\b", re.I)


def extract(ctx: Context) -> list[Phase]:
    """The one-day phases of a timetable of tests or exams; none in prose."""
    return [phase for p in ctx.body if (phase := _line_phase(ctx, p)) is not None]


# told as held: a report's line, not a plan's
_HELD = re.compile(r"\b(?:đã|vừa|đã\s+được)\s+(?:tổ\s+chức\s+)?(?:kiểm\s+tra|thi)\b", re.I)
# the line's day before what is done: "Ngày 10/5/2036: kiểm tra …", "Thứ Hai (10/5): thi …"
_DAY_FIRST = re.compile(
    r"^(?:(?:thứ\s+\w+|chủ\s+nhật)\s*,?\s*)?\(?(?:ngày\s+)?\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?"
    r"\)?\s*:\s*",
    re.I,
)


def _line_phase(ctx: Context, paragraph: Paragraph) -> Phase | None:
    listed = _LISTED.match(paragraph.text)
    if listed is None:
        return None
    text = paragraph.text[listed.end() :]
    if not (_TEST.search(text) and _SUBJECT.search(text)) or _HELD.search(text):
        return None
    if ranges(text) or any(
        ctx.taken(s, 0, len(s.text)) and mentions(s.text) for s in paragraph.sentences
    ):
        return None  # a window, or a day another reader has already read
    day = _one_day(ctx, text)
    return _phase(ctx, paragraph, _title(text), day) if day is not None else None


def _one_day(ctx: Context, text: str) -> date | None:
    days = [w for w in mentions(text) if w.day is not None]
    if len(days) != 1:
        return None
    when = days[0]
    try:
        return date(when.year or ctx.year_of(when.month, when.day or 1), when.month, when.day or 1)
    except ValueError:
        return None


def _title(text: str) -> str:
    """What the line tests: after its day ("Ngày 10/5: kiểm tra môn Toán lớp 3"), or its label
    before the colon ("Môn Lịch sử lớp 4, 5: kiểm tra trong ngày …"), with the test's verb."""
    if day_first := _DAY_FIRST.match(text):
        what = text[day_first.end() :]
    else:
        what = text.partition(":")[0]
        if not _TEST.search(what) and (verb := _TEST.search(text)):
            what = f"{verb.group(0)} {what[:1].lower()}{what[1:]}"
    words = what.split()[:24]
    return sentence_case(" ".join(words).rstrip(" .;,:"))


def _phase(ctx: Context, paragraph: Paragraph, title: str, day: date) -> Phase:
    for sentence in paragraph.sentences:
        ctx.take(sentence, 0, len(sentence.text))
    return Phase(
        title=title,
        source=ctx.source(paragraph.sentences[0], paragraph.text),
        paragraph=paragraph.index,
        start=day,
        end=day,
    )


# the lead of a list of sittings: "… ngày 04/01/2016 và thi theo khung giờ sau:"
_SLOTS_LEAD = re.compile(r"\b(?:khung\s+giờ|ca\s+thi)\s+(?:như\s+)?sau\s*:\s*$", re.I)
# a sitting: "- Khối 6: Từ 08h00 đến 09h00", "- Lớp 10: 7 giờ 30"
_SLOT = re.compile(
    r"^\s*[-–+•*]\s*(?P<who>[^:]{1,40}):\s*(?:từ\s+)?(?P<h>\d{1,2})\s*(?:h|giờ|g)\s*(?P<m>\d{2})?",
    re.I,
)


def slots(ctx: Context) -> list[Meeting]:
    """The sittings of an exam listed by hour under the line that gives its day."""
    found: list[Meeting] = []
    for at, paragraph in enumerate(ctx.body):
        lead = paragraph.sentences[-1] if paragraph.sentences else None
        if lead is None or not _SLOTS_LEAD.search(lead.text):
            continue
        days = [w for w in mentions(lead.text) if w.is_day and not w.weak]
        if len(days) != 1 or ctx.taken(lead, days[0].start, days[0].end):
            continue
        when = days[0]
        day = when.first(when.year or ctx.year_of(when.month, when.day or 1))
        exam = _exam_of(lead.text[: when.start])
        sittings = [_sitting(ctx, item, exam, day) for item in _items(ctx.body[at + 1 :])]
        if sittings:
            ctx.take(lead, when.start, when.end)
            found.extend(sittings)
    return found


def _exam_of(text: str) -> str:
    """What is held on the lead's day: its clause before the day ("Thi cấp trường là vòng 11")."""
    clause = re.split(r"[:;.]", text)[-1]
    return re.sub(r"\s*,?\s*(?:vào\s+)?(?:ngày)?\s*$", "", clause, flags=re.I).strip()


def _items(after: list[Paragraph]) -> list[tuple[Paragraph, re.Match[str]]]:
    """The sittings listed one a line, up to the end of the list or the next one's lead."""
    items = []
    for paragraph in after:
        if (slot := _SLOT.match(paragraph.text)) is None:
            break
        items.append((paragraph, slot))
        if _SLOTS_LEAD.search(paragraph.text):
            break  # the last sitting run into the next list's lead
    return items


def _sitting(ctx: Context, item: tuple[Paragraph, re.Match[str]], exam: str, day: date) -> Meeting:
    paragraph, slot = item
    who = " ".join(slot["who"].split())
    return Meeting(
        title=sentence_case(f"{exam}, {who[:1].lower()}{who[1:]}" if exam else who),
        source=ctx.source(paragraph.sentences[0], slot.group()),
        paragraph=paragraph.index,
        day=day,
        start_time=time(int(slot["h"]), int(slot["m"] or 0)),
    )
