"""Read a document's text into an `Extraction`: its header, its dated events, and notes on
what was set aside. The extractors run in an order that lets each date be read once:
commemorations (which own their founding days), deadlines (which own the day after their
wording), ranges (periods, phases, reviews), meetings, and reviews dated by one day.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from datetime import date, datetime, time
from itertools import pairwise

from dateutil.rrule import rrulestr

from calendars import workdays
from calendars.workdays import WorkCalendar
from config.dates import vn_date
from importer import (
    agenda,
    commemorations,
    deadlines,
    grid,
    header,
    lunar_days,
    meetings,
    noise,
    periods,
    programme,
    sessions,
    timetable,
)
from importer.context import Context
from importer.dates import cited, cites_document, mentions, resolve_day, weekday_days
from importer.model import (
    Commemoration,
    Deadline,
    DocumentInfo,
    Event,
    Extraction,
    Meeting,
    Note,
    Period,
    Phase,
    Review,
    covering,
)
from importer.text import clean, paragraphs, plain, split_sentences
from translations import N_
from translations import gettext as _

KIND_ORDER = ("period", "phase", "review", "commemoration", "meeting", "deadline")


def extract(
    raw: str, *, year: int | None = None, calendar: WorkCalendar | None = None
) -> Extraction:
    """Everything the importer reads from a document's text. ``year`` overrides the year
    the document is read as (a year left out of a date is taken from it)."""
    every = paragraphs(clean(raw))
    parts = noise.split(every)
    info = header.read_header(every, parts.body)
    info.published = parts.published
    if (founded := _founding_dating_line(info, parts.body)) is not None:
        info.date, info.year = None, founded  # the line dates history, not the text
    # a page with no headline still sums itself up in its opening line (a news lead): what
    # dates the campaign and what heads the page are read there, though it is no title
    summary = info.title or header.opening_line(parts.body)
    found_year = year or _campaign_year(
        info, parts.body, parts.published_month, parts.posted, summary=summary
    )
    # nothing dates the document: read it as of a stand-in year, then ask instead of guessing
    info.year = found_year or UNDATED_YEAR
    info.period, info.period_inferred = _inferred_period(info, parts.body)
    if not info.year_unknown and (school := _school_year_of_dates(parts.body)):
        info.period, info.period_inferred = school
    # a page's time stamp dates a news article only when the text names no other year
    published = info.published if info.published and info.published.year == info.year else None
    # a stamp that says it dates the post ("Cập nhật, 15:08, 22/04/2021") dates it whatever year
    # the text is about
    published = parts.posted or published
    ctx = Context(
        parts.body,
        info.year,
        info.period,
        info.date or published,
        reported=info.date is None and published is not None,
        year_known=found_year is not None,
        # a document dates itself, or at least opens as one ("THÔNG BÁO", "KẾ HOẠCH"); a news
        # page does neither
        page_month=parts.published_month,
        dating_line=(info.date is not None and not info.date_reported)
        or header.opens_as_document(every),
        notes=list(parts.notes),
        written_years=_written_years(parts.body),
        opening_days=_opening_days(parts.body),
        title=summary,
    )
    _weekdays_checked(ctx)

    # a week's schedule lists each item once, on its own line: never a repeat
    scheduled: list[Event] = []
    if agenda.is_agenda(ctx.body):
        agenda.set_aside_its_title(ctx)
        scheduled += agenda.extract(ctx)
    events: list[Event] = []
    # a session's rule owns the days listed under it ("thứ 5 hàng tuần", then a month a row)
    events += sessions.extract(ctx)
    events += commemorations.extract(ctx)
    # a table copied one cell a line: read before the readers of prose, added after them
    laid_out = grid.extract(ctx)
    events += deadlines.extract(ctx)
    ranged, windows = periods.extract(ctx)
    events += ranged + windows
    # a test's day a line, once the windows and deadlines of the plan are read
    events += timetable.extract(ctx)
    events += timetable.slots(ctx)
    events += meetings.extract(ctx)
    events += lunar_days.extract(ctx)
    events += programme.extract(ctx, info)
    events += grid.unrepeated(laid_out, events)
    events = _first_days_dropped(_closed_earlier(_moved_meetings(_put_off_dropped(ctx, events))))
    events = scheduled + _repeats_dropped(events)

    explicit = [e for e in events if isinstance(e, Period)]
    if explicit:
        info.period, info.period_inferred = (explicit[0].start, explicit[0].end), None
        # the campaign's days said again as a phase ("Các đơn vị tập trung tổ chức … từ ngày 19/4
        # đến ngày 23/4/2036 … Thời gian: từ ngày 19/4 đến ngày 23/4/2036"): one span, the period
        events = [
            e
            for e in events
            if not (isinstance(e, Phase) and e.key_dates() == explicit[0].key_dates())
        ]
        for extra in explicit[1:]:
            events.remove(extra)
            events.append(
                Phase(title=extra.title, source=extra.source, start=extra.start, end=extra.end)
            )
    elif info.period is not None:
        info.period = covering(info.period, events)
    info.receiver = header.follow_up_office(parts.body)
    info.addressees = header.addressed(parts.body)
    _settle_deadlines(ctx, info, events, calendar or WorkCalendar())
    _link_phases(events)
    events.sort(key=lambda e: (KIND_ORDER.index(e.kind), e.key_dates()[:1] or [(date.max,)]))
    if found_year is None:
        return _undated(info, events, ctx.notes)
    return Extraction(info, events, _notes(ctx.notes))


# The year an undated text is read as, never shown as an event's year: a leap year, so that
# "29/02" reads.
UNDATED_YEAR = 2000


def _written_years(body: list) -> dict[tuple[int, int], set[int]]:
    """The years the text writes each day with, the days of cited documents left out."""
    found: dict[tuple[int, int], set[int]] = {}
    for paragraph in body:
        for when in mentions(paragraph.text):
            if when.is_day and when.year and not cited(paragraph.text, when.start):
                found.setdefault((when.month, when.day or 1), set()).add(when.year)
    return found


# a school year's opening: its students return ("tựu trường", "tới trường", "nhập học") or it
# opens ("khai giảng")
_OPENING = re.compile(r"\b(?:tựu\s+trường|khai\s+giảng|nhập\s+học|(?:tới|đến)\s+trường)\b", re.I)


def _opening_days(body: list) -> set[tuple[int, int]]:
    """The August days written without their year in a sentence about a school year's opening
    ("tựu trường ngày 14.8"): the summer before the school year, not the one that closes it
    (an enrolment "hoàn thành trước ngày 15/8" is)."""
    found: set[tuple[int, int]] = set()
    for paragraph in body:
        for sentence in split_sentences(paragraph):
            if not _OPENING.search(sentence.text):
                continue
            found |= {
                (w.month, w.day)
                for w in mentions(sentence.text)
                if w.is_day and w.year is None and w.month == 8 and w.day
            }
    return found


def _undated(info: DocumentInfo, events: list[Event], notes: list[Note]) -> Extraction:
    """A text that writes no year: what it dates is listed for a person to date, not
    guessed (from the clock or elsewhere)."""
    info.year_unknown = True
    held = [
        Note(
            _(
                "%(title)s (%(when)s): the text writes no year; give the year with --year",
                title=e.title,
                when=e.when().replace(f"/{UNDATED_YEAR}", ""),
            ),
            e.source.line,
        )
        for e in events
    ]
    return Extraction(info, [], _notes([*notes, *held]))


def _campaign_year(
    info: DocumentInfo,
    body: list,
    page_month: tuple[int, int] | None = None,
    posted: date | None = None,
    *,
    summary: str | None = None,
) -> int | None:
    """The year the campaign is for, from what dates the document itself: its title's ("…
    năm 2024", "năm học 2021-2022": the first), its theme's, its own dating line, the year
    its opening paragraphs name for the campaign ("phát động phong trào thi đua năm 2036"),
    else the year its body's full dates and "năm YYYY" name most. A news page's time stamp
    comes last; the clock never."""
    for text in (summary or info.title, info.theme):
        if text and (school := _SCHOOL_YEAR.search(text)):
            return int(school[1])
        if text and (
            years := re.findall(
                r"(?<!tháng\s\d\d\s)(?<!tháng\s\d\s)năm\s+(\d{4})" + _NOT_A_SPAN,
                _LAUNCHED.sub(" ", _HORIZON.sub(" ", text)),
            )
        ):
            return int(years[-1])
        # "Lễ Kỷ niệm 40 năm … (20/11/1982 - 20/11/2036)": the year of the anniversary it marks
        if text and (pair := _ANNIVERSARY_PAIR.search(text)) and _not_after(int(pair["y"]), posted):
            return int(pair["y"])
    if info.year:
        return info.year
    if info.date:
        return info.date.year
    for paragraph in body[:12]:
        if school := _SCHOOL_YEAR.search(paragraph.text):
            return int(school[1])
        if match := _CAMPAIGN_YEAR.search(_LAUNCHED.sub(" ", _HORIZON.sub(" ", paragraph.text))):
            return int(match["y"])
    # a year the body names more than a year before the day a stamp says the post was made is
    # history (a post of 2015 that recalls "những năm 1960" is about 2015); a page date alone may
    # be the site's clock
    since = posted.year - 1 if posted else None
    if named := _year_the_body_names(body, since):
        return named
    if info.published:
        return info.published.year
    if page_month:  # "date 2024-07": the page's month still gives its year
        return page_month[0]
    return _span_a_summing_up_closes(body) or _term_a_congress_opens(body)


def _not_after(year: int, posted: date | None) -> bool:
    """Whether a year a page's opening line names can be the post's: a post stamped in 2015
    does not celebrate an anniversary of 2024 (a site's banner over every page does)."""
    return posted is None or year <= posted.year + 1


# a summing-up, or an emulation congress, in a text; and the span of years of a movement it
# reviews: "tuyên dương … trong phong trào thi đua “…” giai đoạn 2031 - 2035" (a congress's own
# span, "Đại hội thi đua … lần thứ V, giai đoạn 2031-2035", is named either way: by the years it
# closes or by those it opens)
_CLOSING = re.compile(r"\b(?:đại\s+hội\s+thi\s+đua|tổng\s+kết)\b", re.I)
# a span of years a review looks back on as gone by: "trong thập kỷ qua (2031-2040)", "nhiệm
# kỳ vừa qua (2031 - 2036)", "10 năm qua (2031-2040)"
_SPAN_GONE_BY = re.compile(
    r"\b(?:đánh\s+giá|tổng\s+kết|nhìn\s+lại)\b[^.;]{0,120}?"
    r"\b(?:thập\s+kỷ|thập\s+niên|nhiệm\s+kỳ|giai\s+đoạn|\d{1,2}\s+năm)\s+(?:vừa\s+)?qua\s*"
    r"\(\s*(?:19|20)\d{2}\s*[-–]\s*((?:19|20)\d{2})\s*\)",
    re.I,
)
_MOVEMENT_SPAN = re.compile(
    r"\b(?:phong\s+trào|tổng\s+kết)\b(?:(?!đại\s+hội)[^.;]){0,80}?"
    r"\bgiai\s+đoạn\s+(?:19|20)\d{2}\s*[-–]\s*((?:19|20)\d{2})\b",
    re.I,
)


def _span_a_summing_up_closes(body: list) -> int | None:
    """A text that writes no year of its own but tells of a summing-up, or an emulation
    congress, and of the span of years of a movement it reviews: the span's last year, when
    the review is held (a congress "sẽ diễn ra sáng 7-12" that honours the movement's
    "giai đoạn 2031- 2035" is of 2035). One span only: two leave the year to the reader."""
    text = "\n".join(p.text for p in body)
    ends = {int(m[1]) for m in _MOVEMENT_SPAN.finditer(text)} if _CLOSING.search(text) else set()
    if re.search(r"\bđại\s+hội\b", text, re.I):
        # "Đại hội … các đại biểu sẽ đánh giá … trong thập kỷ qua (2031-2040)": the span told
        # as gone by, so the congress that looks back on it is held in the year after
        ends |= {int(m[1]) + 1 for m in _SPAN_GONE_BY.finditer(text)}
    return ends.pop() if len(ends) == 1 else None


# a congress named by the term it opens, then held: "Đại hội … lần thứ XI, nhiệm kỳ 2036 – 2041
# diễn ra từ ngày 29 đến 30/8" (not a term told as gone by: "nhiệm kỳ 2031 - 2036 vừa qua")
_TERM_OPENED = re.compile(
    r"\bĐại\s+hội\b[^.;]{0,150}?\bnhiệm\s+kỳ\s+((?:19|20)\d{2})\s*[-–]\s*(?:19|20)\d{2}\b"
    r"(?!\s*\)|\s+(?:vừa\s+)?qua\b)[^.;]{0,40}?\b(?:diễn\s+ra|tổ\s+chức|khai\s+mạc)\b"
)


def _term_a_congress_opens(body: list) -> int | None:
    """A text that writes no year of its own but a congress of a term, held on days written
    without their year: the term's first year, when congresses open it. One term only."""
    starts = {
        int(match[1])
        for paragraph in body
        for match in _TERM_OPENED.finditer(paragraph.text)
        if any(
            w.is_day and w.year is None
            for w in mentions(paragraph.text[match.end() : match.end() + 60])
        )
    }
    return starts.pop() if len(starts) == 1 else None


# a title that counts a day's years: "Kỷ niệm 77 năm ngày Truyền thống ngành …"
_TITLE_COUNT = re.compile(
    r"\b(?:kỷ\s+niệm|chào\s+mừng|mừng|hướng\s+tới)\s+(?P<n>\d{1,3})\s+năm\b", re.I
)


def _founding_dating_line(info: DocumentInfo, body: list) -> int | None:
    """A page whose only dating line ("Ngày 15/8/1945", no place) is the founding day of what
    its title counts the years of ("Kỷ niệm 77 năm ngày Truyền thống ngành …"), a day its body
    writes again without a year ("ngày 15/8 trở thành Ngày truyền thống …"): the line is
    history; the text is of that year plus the count."""
    if info.date is None or info.place or not info.title:
        return None
    count = _TITLE_COUNT.search(info.title)
    if count is None or int(count["n"]) < 2:
        return None
    day = (info.date.month, info.date.day)
    kept = any(
        w.is_day and w.year is None and (w.month, w.day) == day
        for paragraph in body
        for w in mentions(paragraph.text)
    )
    return info.date.year + int(count["n"]) if kept else None


_SCHOOL_YEAR = re.compile(r"năm\s+học\s+(\d{4})\s*[-–]\s*\d{4}", re.I)
# the founding day of an anniversary pair "(7/5/1954 - 7/5/2036)" is history, not the year read
_FOUNDING = re.compile(
    r"\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d{2}(?=\s*[-–—]\s*\d{1,2}[/.-]\d{1,2}[/.-]\d{4})"
)
_ANNIVERSARY_PAIR = re.compile(
    r"\(\s*\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d{2}\s*[-–—]\s*\d{1,2}[/.-]\d{1,2}[/.-](?P<y>\d{4})\s*\)"
)
# the first year of a span of years ("phong trào thi đua 05 năm 2031 - 2035" is reviewed at its
# end, the plan "giai đoạn 2036 - 2040" made before its start): not the one year a text is about
_NOT_A_SPAN = r"(?!\s*[-–]\s*(?:19|20)\d{2}\b)"
# (not a date's year in words: "Kế hoạch số 196/KH-UBND ngày 19 tháng 8 năm 2020" cites a plan)
_CAMPAIGN_YEAR = re.compile(
    r"(?:phong\s+trào|thi\s+đua|kế\s+hoạch|chương\s+trình)[^.;]{0,80}?"
    r"(?<!đến\s)(?<!tới\s)(?<!tháng\s\d\s)(?<!tháng\s\d\d\s)\bnăm\s+(?P<y>\d{4})\b"
    rf"{_NOT_A_SPAN}",
    re.I,
)
# a year the text reaches toward ("Chương trình … đến năm 2025, định hướng đến năm 2030", "tầm
# nhìn đến năm 2045"): a horizon, not the year the text is about ("đến hết năm 2024", to the end
# of the year, is); nor is the year a look back starts from ("khen thưởng … từ năm 2015 đến nay")
_HORIZON = re.compile(
    r"\b(?:đến|tới)\s+năm\s+\d{4}|\btầm\s+nhìn\s+\d{4}"
    r"|\btừ\s+năm\s+\d{4}\s*(?:[-–]|đến|tới)\s*(?:nay|hiện\s+nay|bây\s+giờ)\b",
    re.I,
)
# the year a standing campaign or body began ("do Thủ tướng phát động từ năm 1997", "ra đời năm
# 1945", "được tổ chức lần đầu tiên vào năm 2001"): history, not the year the text plans for
_LAUNCHED = re.compile(
    r"\b(?:phát\s+động|ra\s+đời|thành\s+lập|khởi\s+xướng|khai\s+sinh|tổ\s+chức\s+lần\s+đầu)"
    r"(?:\s+tiên)?\s+(?:(?:từ|vào|trong)\s+)?năm\s+\d{4}",
    re.I,
)
# the years the body names: "năm 2024", a full date "15/3/2024", a month "tháng 11/2025" (not
# the month a span runs to: "từ tháng 7/2021 đến tháng 4/2022" is about 2021)
# a date spaced out round its slashes ("21 / 9 / 2036", a schedule page's day) names its year too
_BODY_YEAR = re.compile(
    r"(?:năm\s+|\d{1,2}[/.-]\d{1,2}[/.-]|\d{1,2}\s+/\s+\d{1,2}\s+/\s+"
    r"|(?<!đến\s)(?<!tới\s)\btháng\s+(?:trong\s+)?\d{1,2}\s*[/.-]\s*)"
    rf"(20\d{{2}}|19[5-9]\d)(?![\d/]){_NOT_A_SPAN}",
    re.I,
)
# "chào mừng 80 năm Quốc khánh 2/9": a count of a catalog day's years
_COUNT = re.compile(r"\b(\d{1,3})\s+nam\s+")


def _year_the_body_names(body: list, since: int | None = None) -> int | None:
    """The year the body's full dates, months and "năm YYYY" name most (founding days and
    horizons left out), else the year a count of a national day's years gives."""
    found = Counter(
        year for p in body for year in _years_named(p.text) if since is None or year >= since
    )
    if not found:
        # a text that dates only the documents it cites ("Tờ trình số 03 ngày 31/7/2036") is
        # of their time: the latest of them, not none
        found = Counter(
            year
            for p in body
            for year in _years_named(p.text, cited_too=True)
            if since is None or year >= since
        )
    if found:
        # a tie goes to the later year: an earlier one is more often history than plan
        ranked = sorted(found, key=lambda year: (found[year], year), reverse=True)
        return _year_the_weekdays_fit(body, ranked)
    return _counted_anniversary_year(body)


def _year_the_weekdays_fit(body: list, ranked: list[int]) -> int:
    """Of the years the body names (most named first), the first in which every day written
    beside a weekday without its year ("THỨ NĂM, NGÀY 05/3") falls on that weekday: a
    schedule's days are dated by their weekdays more surely than by the years of the work
    they name ("báo cáo năm 2019, phương hướng năm 2020"). None fits: the most named."""
    days = [d for p in body for d in weekday_days(p.text)]
    for year in ranked:
        if all(_falls_on(year, month, day, weekday) for weekday, month, day in days):
            return year
    return ranked[0]


_WEEKDAY_OFF = N_(
    "%(day)s, read in %(year)d, is not the weekday the text writes beside it: check the year"
)


def _weekdays_checked(ctx: Context) -> None:
    """A weekday beside a day the year read does not fit ("THỨ NĂM, NGÀY 05/3" read in a year
    it is a Tuesday): the year is in doubt, and a person is asked (once). A stand-in year is
    asked for anyway."""
    if not ctx.year_known:
        return
    for paragraph in ctx.body:
        for weekday, month, day in weekday_days(paragraph.text):
            year = ctx.year_of(month, day)
            if not _falls_on(year, month, day, weekday):
                ctx.note(_(_WEEKDAY_OFF, day=f"{day:02d}/{month:02d}", year=year))
                return


def _falls_on(year: int, month: int, day: int, weekday: int) -> bool:
    try:
        return date(year, month, day).weekday() == weekday
    except ValueError:  # 29/02 of a common year
        return False


def _years_named(text: str, *, cited_too: bool = False) -> list[int]:
    """The years one paragraph names for what it plans: founding days, horizons, launch years
    and the days of cited documents left out (a decision of 1997 does not date 2036's week)."""
    for history in (_FOUNDING, _HORIZON, _LAUNCHED):
        # blanked to the same length, so that a date's place still reads its citing words
        text = history.sub(lambda m: " " * len(m[0]), text)
    return [
        int(m[1])
        for m in _BODY_YEAR.finditer(text)
        if cited_too or not cites_document(text, m.start())
    ]


def _counted_anniversary_year(body: list) -> int | None:
    """A text that writes no year but counts a national day's years ("chào mừng kỷ niệm 80
    năm Quốc khánh 2/9") is about that day's year: its founding year and the count."""
    for paragraph in body:
        folded = plain(paragraph.text)
        for match in _COUNT.finditer(folded):
            entry = commemorations.catalog_day_at(folded, match.end())
            if entry is not None and entry.origin is not None and entry.counted:
                return entry.origin.year + int(match[1])
    return None


def _school_year_of_dates(body: list) -> tuple[tuple[date, date], str] | None:
    """A text about a school year that does not name it ("Tổ chức khai giảng vào ngày 5.9.
    Kết thúc học kỳ I trước ngày 16.1.2022 …"): the school year its full dates fall in, from
    August to July, so that a day written without its year lands in it."""
    text = "\n".join(p.text for p in body)
    if not re.search(r"\bnăm\s+học\b", text, re.I) or _SCHOOL_YEAR.search(text):
        return None
    starts = [
        w.year if w.month >= 8 else w.year - 1
        for p in body
        for w in mentions(p.text)
        if w.year and w.is_day and not cited(p.text, w.start)
    ]
    if len(starts) < 3:
        return None
    first, count = Counter(starts).most_common(1)[0]
    if count < 0.8 * len(starts):
        return None
    return (date(first, 8, 1), date(first + 1, 7, 31)), _school_year(first, first + 1)


def _inferred_period(info: DocumentInfo, body: list | None = None) -> tuple[tuple[date, date], str]:
    """The period the file format needs when the text dates none: a school year ("năm học
    2024-2025": 01/09 to 31/05, in the title or the opening lines when it is the year read), a
    stretch of years in the title ("giai đoạn 2021-2025"), else the campaign's year."""
    title = f"{info.title or ''} {info.theme or ''}"
    opening = next((m for p in (body or [])[:12] if (m := _SCHOOL_YEAR.search(p.text))), None)
    if not _SCHOOL_YEAR.search(title) and opening and int(opening[1]) == info.year:
        title += f" {opening.group()}"
    if match := re.search(r"năm\s+học\s+(\d{4})\s*[-–]\s*(\d{4})", title, re.I):
        first, last = int(match[1]), int(match[2])
        return (date(first, 9, 1), date(last, 5, 31)), _school_year(first, last)
    if info.title and (
        match := re.search(r"giai\s+đoạn\s+(\d{4})\s*[-–]\s*(\d{4})", info.title, re.I)
    ):
        return (
            date(int(match[1]), 1, 1),
            date(int(match[2]), 12, 31),
        ), _("the years %(first)s–%(last)s", first=match[1], last=match[2])
    year = info.year or UNDATED_YEAR
    return (date(year, 1, 1), date(year, 12, 31)), _("the year %(year)d", year=year)


def _school_year(first: int, last: int) -> str:
    """How a review note names the school year taken as the period (in the note's language:
    it is read inside a Vietnamese sentence)."""
    return _("the school year %(first)d–%(last)d", first=first, last=last)


def _settle_deadlines(
    ctx: Context, info: DocumentInfo, events: list[Event], calendar: WorkCalendar
) -> None:
    """Fill what needs the whole document: recurring days within the period, what a relative
    deadline counts from, the receiver and the addressees left unsaid."""
    start, end = info.period or (date(ctx.year, 1, 1), date(ctx.year, 12, 31))
    # a rule's days gone by when the text was written are none to keep
    since = ctx.issued or _after_what_it_cites(ctx.body)
    since = since if since is not None and start < since <= end else start
    for item in [e for e in events if isinstance(e, Deadline)]:
        due = item.due
        if due["rule"] == "recurring":
            item.days = _rule_days(due["rrule"], since, end)
            if item.days != _rule_days(due["rrule"], start, end):
                # the file says so too, or loading it would bring the days gone by back
                due["start"] = vn_date(since)
        elif due["rule"] == "relative" and not _anchor(item, info, events, calendar):
            # "10 ngày kể từ ngày nhận được hồ sơ": no day to count from, so no date is made up
            events.remove(item)
            ctx.notes.append(
                Note(
                    _(
                        "%(what)s: “%(wording)s” counts from a day the text does not give; "
                        "add the deadline by hand when it is known",
                        what=item.what,
                        wording=item.wording,
                    ),
                    item.source.line,
                )
            )
            continue
        if item.receiver is None and info.receiver:
            item.receiver = info.receiver
        if not item.addressees and info.addressees:
            item.addressees = list(info.addressees)
            item.addressees_from = "document"


def _rule_days(text: str, start: date, end: date) -> list[date]:
    """The days of an RRULE from ``start`` to ``end``, both included."""
    rule = rrulestr(text, dtstart=datetime.combine(start, time()))
    first, last = datetime.combine(start, time()), datetime.combine(end, time())
    return [moment.date() for moment in rule.between(first, last, inc=True)]


def _after_what_it_cites(body: list) -> date | None:
    """An undated text written in answer to the documents it cites ("Sở nhận được văn bản số
    12/SKHCN ngày 07/4/2036 …") was written after the latest of them."""
    days = [
        when.first()
        for paragraph in body
        for when in mentions(paragraph.text)
        if when.is_day and when.year and cited(paragraph.text, when.start)
    ]
    return max(days, default=None)


def _anchor(
    item: Deadline, info: DocumentInfo, events: list[Event], calendar: WorkCalendar
) -> bool:
    """Date a relative deadline from the event it names (the launch, a meeting, a phase's
    end, the document's date); False when the text dates no such event."""
    written = item.due["after"].casefold()
    anchor_day: date | None = None
    named_meeting = next(
        (
            e
            for e in events
            if isinstance(e, Meeting)
            and len(e.title.split()) >= 2
            and " ".join(e.title.casefold().split()[:4]) in written
        ),
        None,
    )
    if named_meeting is not None:
        item.anchor, anchor_day = named_meeting, named_meeting.end or named_meeting.day
    if "phát động" in written:
        launch = next(
            (e for e in events if isinstance(e, Meeting) and "phát động" in e.title.casefold()),
            None,
        )
        if launch is not None:
            item.anchor, anchor_day = launch, launch.day
    # "kể từ ngày nhận được văn bản": the day each unit receives it is not the document's day
    documentary = re.search(r"phát\s+động|ký|ban\s+hành|văn\s+bản", written) and not re.search(
        r"\bnhận\b", written
    )
    if anchor_day is None and documentary and info.date:
        item.due["after"], anchor_day = "document", info.date
    if anchor_day is None and (day := _written_day(written, info)) is not None:
        # "kể từ ngày 10/6/2022": the day is written, so it is counted from as it stands
        item.due["after"], anchor_day = vn_date(day), day
    if anchor_day is None and (named := _named_range(written, events)) is not None:
        # the file's anchor is an event's first day, so its last day is written out
        item.due["after"], anchor_day = vn_date(named.end), named.end
    if anchor_day is None:
        return False
    item.days = [
        workdays.after_days(calendar, anchor_day, item.due["days"], item.due["working_days"])
    ]
    return True


# the day a count starts from, written at the head of the wording: "ngày 10/6/2022 gửi …",
# "05/3 …" (a day without its year takes the document's)
_DAY_FIRST = re.compile(r"^(?:ngày\s+)?(?=\d)", re.I)


def _written_day(written: str, info: DocumentInfo) -> date | None:
    """The day a relative deadline counts from when the wording writes it ("kể từ ngày
    10/6/2022"); None when it names an event instead ("kể từ ngày phát động")."""
    head = _DAY_FIRST.match(written)
    if head is None:
        return None
    found = mentions(written)
    if not found or found[0].start != head.end() or found[0].day is None:
        return None
    year = found[0].year or (info.date.year if info.date else None)
    return resolve_day(found[0], year) if year else None


_ENDED = re.compile(r"^(?:khi\s+)?(?:kết\s+thúc|hết|hoàn\s+thành|tổng\s+kết)\b")


def _named_range(written: str, events: list[Event]) -> Phase | Review | None:
    """The phase or review a relative deadline counts from: one whose title the wording
    names, or, for "(sau khi) kết thúc đợt thi đua", the document's only phase."""
    ranged = [e for e in events if isinstance(e, Phase | Review)]
    for event in ranged:
        if event.title.casefold() in written:
            return event
    phases = [e for e in ranged if isinstance(e, Phase)]
    if _ENDED.match(written) and re.search(r"\bđợt\b", written) and len(phases) == 1:
        return phases[0]
    return None


# "Theo đó, dự kiến kỳ thi … được tổ chức ngày 7, 8/12/2036. Tuy nhiên, … Sở thông báo lùi lịch
# tổ chức kỳ thi …, thời gian cụ thể sẽ thông báo sau": put off, and no new day is given
_PUT_OFF = re.compile(
    r"\b(?:lùi\s+(?:lịch|thời\s+gian|ngày|lại)|(?:tạm\s+)?hoãn(?:\s+lại)?|dời\s+lại|"
    r"tạm\s+dừng|chưa\s+tổ\s+chức)\b",
    re.I,
)
_DAY_LATER = re.compile(
    r"\b(?:thông\s+báo\s+sau|sẽ\s+(?:có\s+)?thông\s+báo(?:\s+cụ\s+thể)?\s+(?:sau|khi)|"
    r"chưa\s+(?:ấn\s+định|xác\s+định|có\s+lịch)|đến\s+khi\s+có\s+(?:thông\s+báo|chỉ\s+đạo))",
    re.I,
)


def _put_off_dropped(ctx: Context, events: list[Event]) -> list[Event]:
    """A gathering or span the next sentences of its paragraph put off without a new day
    ("… lùi lịch tổ chức kỳ thi …, thời gian cụ thể sẽ thông báo sau"): not an event, and the
    draft says so, for the office to ask when it is held."""
    by_index = {p.index: p for p in ctx.body}
    kept: list[Event] = []
    for event in events:
        paragraph = by_index.get(event.paragraph)
        later = _said_after(paragraph.text, event) if paragraph else ""
        if isinstance(event, Meeting | Phase | Review) and (
            _put_off_in(later) or _put_off_in(event.source.quote, after_a_day=True)
        ):
            message = _(
                "“%(title)s” (%(when)s) is put off and no new day is given: not an event",
                title=event.title,
                when=event.when(),
            )
            ctx.notes.append(Note(message, paragraph.line if paragraph else None))
            continue
        kept.append(event)
    return kept


def _put_off_in(text: str, *, after_a_day: bool = False) -> bool:
    """Whether ``text`` puts something off and gives no new day for it; in the event's own
    sentence ("Hội thi dự kiến ngày 20/3 được hoãn lại; thời gian sẽ thông báo sau"), only
    after a day it names."""
    put_off = _PUT_OFF.search(text)
    days = [w for w in mentions(text) if w.is_day]
    if put_off is None or not _DAY_LATER.search(text, put_off.start()):
        return False
    if after_a_day and not any(w.end <= put_off.start() for w in days):
        return False
    return not any(w.start > put_off.start() for w in days)


def _said_after(text: str, event: Event) -> str:
    """The sentence of a paragraph right after the one an event was read from."""
    quote = event.source.quote.rstrip("…").strip()
    at = text.find(quote[:60]) if quote else -1
    if at == -1:
        return ""
    end = text.find(". ", at + min(len(quote), 60))
    if end == -1:
        return ""
    following = text.find(". ", end + 2)
    return text[end + 1 : following if following != -1 else len(text)]


_MOVED = re.compile(r"\b(?:chuyển|dời|lùi|hoãn|thay\s+đổi|điều\s+chỉnh)\b", re.I)


def _moved_meetings(events: list[Event]) -> list[Event]:
    """A meeting the text moves ("sẽ tổ chức vào ngày 03-04/01 … quyết định chuyển thời gian
    tổ chức Hội nghị … sang ngày 08-09/01"): only its new days are an event."""
    by_name: dict[str, list[Meeting]] = {}
    for meeting in (e for e in events if isinstance(e, Meeting)):
        by_name.setdefault(" ".join(meeting.title.casefold().split()[:5]), []).append(meeting)
    dropped: set[int] = set()
    for namesakes in by_name.values():  # compared by name only: linear in the meetings
        moved_to = [m for m in namesakes if _MOVED.search(m.source.quote)]
        for meeting in namesakes:
            if not _MOVED.search(meeting.source.quote) and any(
                other.key_dates() != meeting.key_dates() for other in moved_to
            ):
                dropped.add(id(meeting))
    return [e for e in events if id(e) not in dropped]


# a gathering told to close: "Dự kiến, Đại hội sẽ bế mạc vào ngày 23/1"
_CLOSES = re.compile(r"\b(?:bế\s+mạc|kết\s+thúc)\b", re.I)


def _closed_earlier(events: list[Event]) -> list[Event]:
    """A gathering over days that a later paragraph tells to close on a day before its last
    ("Đại hội … sẽ chính thức diễn ra từ ngày 19 đến 25/1", then "Dự kiến, Đại hội sẽ bế mạc
    vào ngày 23/1"): its programme was shortened, the new end replaces the old one."""
    meetings = [e for e in events if isinstance(e, Meeting)]
    for span in (m for m in meetings if m.end and m.end != m.day):
        assert span.end is not None
        closing = [
            m.day
            for m in meetings
            if m.end is None
            and m.paragraph > span.paragraph
            and span.day < m.day < span.end
            and _CLOSES.search(m.source.quote)
            and _head(m.title) == _head(span.title)
        ]
        if closing:
            span.end = max(closing)
    return events


def _head(title: str) -> list[str]:
    """The first two words of a gathering's name: its kind ("Đại hội", "Hội nghị")."""
    return title.casefold().split()[:2]


def _first_days_dropped(events: list[Event]) -> list[Event]:
    """A gathering over days named on its first day in the same paragraph ("Ngày 9/5, tại Hà
    Nội, Hội nghị … lần thứ hai (SOM 2) … bước vào ngày làm việc đầu tiên. … Hội nghị … lần
    thứ hai và các cuộc họp liên quan từ ngày 9-21/5"): that day is the gathering's opening,
    no meeting apart (one name the start of the other)."""
    spans = [e for e in events if isinstance(e, Meeting) and e.end and e.end != e.day]
    return [e for e in events if not any(_its_first_day(e, span) for span in spans)]


def _its_first_day(event: Event, span: Meeting) -> bool:
    """Whether ``event`` is a one-day meeting of the span's paragraph on its first day, named
    alike (a lead that tells the gathering's opening day)."""
    one_day = isinstance(event, Meeting) and not (event.end or event.days)
    same_place = event.paragraph == span.paragraph
    return one_day and same_place and event.day == span.day and _named_alike(event, span)


def _named_alike(a: Event, b: Event) -> bool:
    """Whether one event's name is the start of the other's."""
    first, second = _title_key(a), _title_key(b)
    return first.startswith(second) or second.startswith(first)


def _title_key(event: Event) -> str:
    """An event's name as titles are compared: case and spacing aside."""
    return " ".join(event.title.casefold().split())


def _repeats_dropped(events: list[Event]) -> list[Event]:
    """A meeting or span the text says twice (a lead repeated as the first paragraph, a
    meeting named by its noun and again by its hour) is one event: same kind and days, and
    the same name (or, in one paragraph, one name the start of the other), at no two
    different hours."""
    kept: list[Event] = []
    by_days: dict[tuple[str, str], list[Event]] = {}  # twins share kind and days: linear
    for event in events:
        bucket = by_days.setdefault((type(event).__name__, repr(event.key_dates())), [])
        twin = next((k for k in bucket if _same_event(k, event)), None)
        if twin is None:
            kept.append(event)
            bucket.append(event)
        elif isinstance(event, Meeting) and isinstance(twin, Meeting) and twin.start_time is None:
            twin.start_time = event.start_time
            twin.location = twin.location or event.location
    return kept


def _same_event(a: Event, b: Event) -> bool:
    if not isinstance(a, Meeting | Phase) or type(a) is not type(b):
        return False
    if a.key_dates() != b.key_dates():
        return False
    if (
        isinstance(a, Meeting)
        and isinstance(b, Meeting)
        and a.start_time
        and b.start_time
        and a.start_time != b.start_time
    ):
        return False
    first, second = _title_key(a), _title_key(b)
    if first == second:
        return True
    if a.paragraph == b.paragraph and _named_alike(a, b):
        return True
    if isinstance(a, Meeting) and _opening_told_twice(a, b):
        return True
    if isinstance(a, Meeting) and isinstance(b, Meeting) and _assembly_of(a, b):
        return True
    # one gathering named twice on its one day ("Ngày hội … năm 2020 vào ngày 04/11/2020", then
    # "Ngày hội cấp huyện … được tổ chức ngày 04/11/2020")
    if isinstance(a, Meeting):
        return first.split()[:2] == second.split()[:2]
    # two tests of one day, of two subjects ("kiểm tra môn Toán …", "kiểm tra môn Lịch sử …")
    subjects = {m[1] for e in (first, second) if (m := _SUBJECT.search(e))}
    if len(subjects) == 2:
        return False
    # one window said twice over the same days ("Các đơn vị treo cờ Tổ quốc từ ngày 30/8 …",
    # then "Thời gian treo cờ: từ ngày 30/8 …"): two words in a row in common
    return bool(_pairs(first) & _pairs(second))


_SUBJECT = re.compile(r"\bmôn\s+(\w+)")


_OPENS = re.compile(r"\bkhai\s+mạc\b", re.I)


def _opening_told_twice(a: Event, b: Event) -> bool:
    """ "Giải … sẽ khai mạc vào ngày 7/7" in the lead, then "Lễ khai mạc bắt đầu từ 15h00 ngày
    7/7": one opening on its one day, the one titled by it and the other told by it."""
    return any(
        _OPENS.search(x.title) and _OPENS.search(y.source.quote) for x, y in ((a, b), (b, a))
    )


# a group's call to assemble, titled by nothing else: "Khối 1: Tập trung", "Lớp 12: có mặt"
_ASSEMBLY = re.compile(r"^(?:[^:]{1,40}:\s*)?(?:tập\s+trung|có\s+mặt)\W*$", re.I)


def _assembly_of(a: Meeting, b: Meeting) -> bool:
    """ "Học sinh lớp 1 tựu trường ngày 21/8", then "+ Khối 1: Tập trung 7 giờ 00 phút, ngày
    21/8": a group's call to assemble on the day of a gathering the text names with no hour
    is that gathering's hour, not another gathering."""
    return any(
        x.start_time is None and y.start_time is not None and _ASSEMBLY.match(y.title)
        for x, y in ((a, b), (b, a))
    )


def _pairs(title: str) -> set[tuple[str, str]]:
    words = [w for w in re.findall(r"\w+", title) if w not in _FILLER]
    return set(pairwise(words))


_FILLER = {"thời", "gian", "các", "đơn", "vị", "tổ", "chức", "thực", "hiện", "từ", "ngày", "đến"}


def _link_phases(events: list[Event]) -> None:
    """A phase celebrates the commemorations its own paragraphs name."""
    phases = sorted((e for e in events if isinstance(e, Phase)), key=lambda p: p.paragraph)
    memorials = sorted(
        (e for e in events if isinstance(e, Commemoration)), key=lambda c: c.paragraph
    )
    where = [c.paragraph for c in memorials]
    for i, phase in enumerate(phases):
        until = phases[i + 1].paragraph if i + 1 < len(phases) else phase.paragraph + 2
        first, last = bisect_left(where, phase.paragraph), bisect_left(where, until)
        phase.commemorations = [commemorations.own_code(c) for c in memorials[first:last]]


def _notes(notes: list[Note]) -> list[Note]:
    return list(dict.fromkeys(notes))
