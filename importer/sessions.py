"""Sessions held by a rule: an office's schedule of receiving citizens, a weekly briefing
("Chủ tịch UBND xã tiếp công dân định kỳ vào thứ 5 hàng tuần", "Ban Giám hiệu họp giao ban
vào sáng thứ Hai hằng tuần", "tiếp công dân định kỳ vào ngày 15 hàng tháng", "Hằng tháng,
vào ngày 15, …", "Chi bộ sinh hoạt vào thứ Sáu tuần đầu tiên hằng tháng", "vào thứ Năm cuối
cùng của mỗi tháng").

A rule followed by the days it falls on (a table's rows "| Tháng 7 | … | Ngày 03; 10; 17; 24;
31 (Thứ 5) |" or "| 1 | 01/10/2036 | … |", lines "Tháng 8/2036: các ngày 6, 13, 20 và 27") is
one meeting over those days (`Meeting.rrule`, `Meeting.days`), a listed day off the rule
marked for review. A rule that lists no days is dated by the span its schedule names ("Lịch
tiếp công dân … năm 2036", "lịch họp giao ban quý III năm 2036", "Kế hoạch tiếp công dân năm
2036") or its own sentence gives ("Từ tháng 6 đến tháng 12 năm 2036, …"): one meeting over the
days the rule gives in it, marked for review; with no such span (a standing rule, "nhiệm kỳ
2031-2036"), or told as done ("đã tiếp công dân … hằng tháng"), a note asks for the days, none
is made up. A monthly rule without its day ("tiếp dân định kỳ hằng tháng, cụ thể như sau:")
is dated by the rows that follow it, a month and its day, in one line or one cell a line
("Tháng 6" / "Ngày 18 (thứ Ba)"): its day is the one most rows give. What is sent by such a
rule ("gửi báo cáo vào ngày 25 hằng tháng") is a deadline's, not a session. A session the text
moves ("ngày 15 tháng 10 năm 2016 trùng vào ngày thứ bảy nên được chuyển sang thứ 2 ngày 17
tháng 10 năm 2016", "vào ngày 16/4 thay cho ngày 15/4") is a meeting on its new day; the day it
leaves is no event.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from importer.context import Context
from importer.dates import When, cited, mentions, weekday_of
from importer.meetings import NOUN
from importer.model import Meeting
from importer.text import LOOK_BACK, Paragraph, Sentence, before, sentence_case
from translations import gettext as _

# what is held by such a rule: receiving citizens, a briefing, a class meeting, a flag salute
_SESSION = re.compile(
    r"\b(?:phiên|buổi|tiếp\s+(?:công\s+)?dân|họp|giao\s+ban|sinh\s+hoạt|hội\s+ý|chào\s+cờ|"
    r"đối\s+thoại)\b",
    re.I,
)
_WEEKDAY = r"(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật)"
_WEEKDAYS = rf"{_WEEKDAY}(?:\s*(?:,|và|hoặc)\s*(?:ngày\s+)?{_WEEKDAY})*"
WEEKDAYS = (
    _WEEKDAYS  # "thứ Hai và thứ Năm": the weekdays of a weekly rule, as `weekday_codes` reads them
)
_PART_OF_DAY = r"(?:vào\s+)?(?:(?:buổi\s+)?(?:sáng|chiều)\s+)?(?:(?:các\s+)?ngày\s+)?"
_EVERY_WEEK = r"(?:hàng|hằng|mỗi)\s+tuần"
_WEEKLY = re.compile(
    rf"\b{_PART_OF_DAY}(?P<days>{_WEEKDAYS})\s+{_EVERY_WEEK}\b"
    rf"|\b{_EVERY_WEEK}\s*,?\s*{_PART_OF_DAY}(?P<later>{_WEEKDAYS})",
    re.I,
)
# "vào ngày 15 và 25 hằng tháng", "định kỳ ngày 10 hằng tháng", "vào ngày 15 và ngày 25 hằng tháng",
# or the rule first: "Hằng tháng, vào ngày 15, …" (not "hằng tháng, ngày 15/3")
_MONTH_DAY_LIST = r"\d{1,2}(?:\s*(?:,|và)\s*(?:ngày\s+)?\d{1,2})*"
_MONTHLY = re.compile(
    r"\b(?:vào\s+|(?<=định\skỳ\s))(?:các\s+)?ngày\s+"
    rf"(?P<days>{_MONTH_DAY_LIST})\s+(?:của\s+)?(?:hàng|hằng|mỗi)\s+tháng\b"
    r"|\b(?:hàng|hằng|mỗi)\s+tháng\s*,?\s*(?:vào\s+)?(?:các\s+)?ngày\s+"
    rf"(?P<later>{_MONTH_DAY_LIST})\b(?!\s*(?:[/.-]\s*\d|tháng\b|năm\b))",
    re.I,
)
_RULE_FIRST = re.compile(r"^(?:hàng|hằng|mỗi)\s", re.I)
# "vào thứ Sáu tuần đầu tiên hằng tháng", "sáng thứ Hai của tuần cuối mỗi tháng", "vào thứ Hai
# đầu tiên hằng tháng", "chiều thứ Năm cuối cùng của mỗi tháng"
_ORDINALS = {"đầu": 1, "đầu tiên": 1, "thứ nhất": 1, "thứ hai": 2, "thứ ba": 3, "thứ tư": 4}
_MONTHLY_WEEKDAY = re.compile(
    rf"\b{_PART_OF_DAY}(?P<days>{_WEEKDAY})\s+(?:(?:của\s+)?tuần\s+)?(?P<nth>đầu\s+tiên|đầu|"
    r"thứ\s+(?:nhất|hai|ba|tư)|cuối(?:\s+cùng)?)\s+(?:của\s+)?(?:hàng|hằng|mỗi)\s+tháng\b",
    re.I,
)
_ISO_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # date.weekday() order

_LIST = r"\d{1,2}(?:\s*(?:[;,]|và)\s*\d{1,2})*"
_LIST_OF_TWO = r"\d{1,2}(?:\s*(?:[;,]|và)\s*\d{1,2})+"
# "trong tháng 7, ngày 03; 10; 17" (a table's row), "Tháng 8/2036: các ngày 6, 13, 20 và 27";
# "các ngày 4, 11, 18 và 25 tháng 12 năm 2036", "ngày 3, 10, 17 và 24/7"
_MONTH_DAYS = re.compile(
    rf"\btháng\s+(?P<m>\d{{1,2}})(?:\s*[/.-]\s*(?P<y>\d{{4}}))?\s*[,:]\s*(?:vào\s+)?(?:các\s+)?"
    rf"ngày\s+(?P<days>{_LIST})(?!\d|\s*[/.-]\s*\d)"
    # days first: two days or more, so that one day in a sentence is not a list, or a line's
    # day before its month ("- ngày 16 (ngày 15 là Chủ nhật): trong tháng 2/2036.")
    rf"|\b(?:các\s+)?ngày\s+(?:(?P<days2>{_LIST_OF_TWO})\s*(?::\s*(?:trong\s+|vào\s+)?)?|"
    rf"(?P<day3>\d{{1,2}})(?:\s*\([^()]*\))?\s*:\s*(?:trong\s+|vào\s+)?)(?:tháng\s+|/)(?P<m2>\d{{1,2}})"
    r"(?:\s*(?:[/.-]|,?\s*năm)\s*(?P<y2>\d{4}))?(?![\d/])",
    re.I,
)
_MOVED_TO = re.compile(
    rf"\b(?:chuyển|dời|lùi|đổi)\s+(?:sang|đến|tới|vào)\s+(?:(?:ngày\s+)?{_WEEKDAY}\s*,?\s*)?"
    r"(?:ngày\s+)?$",
    re.I,
)
# "điều chỉnh lịch … từ ngày 02/9 sang ngày 04/9", "chuyển từ ngày 15/3 (Chủ nhật) sang ngày
# 16/3": the verb of moving earlier in the clause, "sang" just before the new day
_SANG = re.compile(rf"\bsang\s+(?:(?:ngày\s+)?{_WEEKDAY}\s*,?\s*)?(?:ngày\s+)?$", re.I)
_MOVE_VERB = re.compile(r"\b(?:chuyển|dời|lùi|đổi|điều\s+chỉnh)\b[^;]*$", re.I)
# the new day first: "… vào ngày 16/4/2036 thay cho ngày 15/4/2036"
_INSTEAD_OF = re.compile(r"\s*,?\s*(?:\([^()]*\)\s*)?thay\s+(?:cho|vì)\s+(?:ngày\s+)?", re.I)
_PLACE = re.compile(
    r"\btại\s+(?P<place>[^,;.()]{3,120}?)(?=\s+(?:được|sẽ|vào|quy\s+định|tổ\s+chức|diễn\s+ra|"
    r"từ|ngày|hàng|hằng|mỗi)\b|[,;.()]|$)",
    re.I,
)
# what names a thing after a session ("phòng họp", "lịch họp"): see `_a_thing`
_NOT_A_SESSION = re.compile(r"\b(?:phòng|biên\s+bản)\s+$", re.I)
_SCHEDULE_OF = re.compile(r"\blịch\s+$", re.I)
# what is sent on a monthly day is a deadline's ("gửi báo cáo về … vào ngày 25 hằng tháng")
_SENT = re.compile(r"\b(?:gửi|nộp|trình)\b", re.I)
_RECURRING = re.compile(rf"\bđịnh\s+kỳ\b|{_EVERY_WEEK}|(?:hàng|hằng|mỗi)\s+tháng", re.I)
_ROWS_AFTER = 4  # paragraphs between a rule and its first listed days ("Cụ thể:", a header row)
# "tiếp dân định kỳ hằng tháng, cụ thể như sau:": a monthly rule whose day its rows give
_MONTHLY_BARE = re.compile(r"\b(?:định\s+kỳ\s+)?(?:hàng|hằng|mỗi)\s+tháng\b", re.I)
# a table copied one cell a line: a row's month ("Tháng 6", "Tháng 6/2036"), its day on the
# next line ("Ngày 18 (thứ Ba)"), the row's number on a line of its own
_MONTH_CELL = re.compile(r"^tháng\s+(?P<m>\d{1,2})(?:\s*(?:[/.-]|năm)\s*(?P<y>\d{4}))?\s*$", re.I)
_DAY_CELL = re.compile(rf"^(?:các\s+)?ngày\s+(?P<days>{_LIST})\s*(?:\([^()]*\))?\s*\.?$", re.I)
_ROW_NUMBER = re.compile(r"^\d{1,3}[.)]?$")
# the span a schedule names for itself ("Lịch tiếp công dân của Chủ tịch UBND huyện năm 2036",
# "lịch họp giao ban quý III năm 2036", "lịch sinh hoạt 6 tháng cuối năm 2036", "lịch … tháng
# 9/2036", "Kế hoạch tiếp công dân năm 2036", "Thông báo về việc tiếp công dân định kỳ … năm
# 2036"); a term of office ("nhiệm kỳ 2031-2036") or a cited law's year ("theo Luật Tiếp công
# dân năm 2013") is none, and a week's or a day's schedule, or a holiday's duty roster ("Lịch
# trực Tết … năm 2036"), is no span for a rule
_SCHEDULE_SPAN = re.compile(
    r"(?:(?<!âm\s)(?<!dương\s)\blịch\s+(?:làm\s+việc|công\s+tác)"
    r"|\b(?:lịch|kế\s+hoạch|chương\s+trình|thông\s+báo)(?:\s+về)?(?:\s+việc)?(?:\s+lịch)?\s+"
    r"(?:tiếp|họp|giao\s+ban|sinh\s+hoạt|đối\s+thoại|chào\s+cờ))\b(?P<between>[^.;:!?]{0,120}?)"
    r"\b(?:(?:6\s+tháng\s+(?P<half>đầu|cuối)\s+)?năm\s+(?P<y>\d{4})(?!\s*[-–]\s*\d)"
    r"|quý\s+(?P<q>IV|I{1,3}|[1-4])\s*(?:,?\s*năm\s+|/\s*)(?P<qy>\d{4})"
    r"|tháng\s+(?P<m>\d{1,2})\s*(?:,?\s*năm\s+|/\s*)(?P<my>\d{4}))\b",
    re.I,
)
_CITED = re.compile(
    r"\b(?:luật|nghị\s+định|thông\s+tư|quyết\s+định|quy\s+định|số|tuần)\b|\bngày\s+\d|\d\s*/\s*\d",
    re.I,
)
# a span the rule's own sentence gives: "Năm 2036, …", "trong năm 2036", "từ tháng 6 đến
# tháng 12 năm 2036"
_OWN_SPAN = re.compile(
    r"(?:^|\btrong\s+)năm\s+(?P<y>\d{4})\b(?!\s*[-–]\s*\d)"
    r"|\btừ\s+tháng\s+(?P<m1>\d{1,2})(?:\s*[/.-]\s*(?P<y1>\d{4}))?\s+đến\s+(?:hết\s+)?"
    r"tháng\s+(?P<m2>\d{1,2})\s*(?:[/.-]|,?\s*năm)\s*(?P<y2>\d{4})\b",
    re.I,
)
_QUARTER = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
# "đã duy trì tiếp công dân vào ngày 15 hằng tháng": a report's look back, not a plan
_TOLD_DONE = re.compile(
    r"\b(?:đã|vừa)\s+(?:được\s+)?(?:duy\s+trì|thực\s+hiện|tổ\s+chức|tiếp|họp|"
    r"sinh\s+hoạt|giao\s+ban)\b",
    re.I,
)


@dataclass(frozen=True)
class _Rule:
    """A session's rule as written, in RFC 5545, and which days fall on it."""

    match: re.Match[str]
    rrule: str
    on: Callable[[date], bool]
    bare: bool = False  # "hằng tháng" without its day: the rows that follow give it


def extract(ctx: Context) -> list[Meeting]:
    found: list[Meeting] = []
    for sentence in ctx.sentences():
        for rule in _rules(sentence.text):
            clause = re.split(r"[;:]", before(sentence.text, rule.match.start()))[-1]
            if _RULE_FIRST.match(rule.match.group()):  # "Hằng tháng, vào ngày 25, … gửi …"
                clause += re.split(r"[;:.]", sentence.text[rule.match.end() :])[0]
            if ctx.taken(sentence, rule.match.start(), rule.match.end()) or _SENT.search(clause):
                continue
            if rule.bare:
                if _SESSION.search(clause):
                    found.extend(_by_rows(ctx, sentence, rule))
            elif _SESSION.search(sentence.text[: rule.match.end() + LOOK_BACK]):
                found.extend(_session(ctx, sentence, rule))
        found.extend(_moved(ctx, sentence))
    return found


def _rules(text: str) -> list[_Rule]:
    """The rules a sentence writes: weekly, a weekday of the month's n-th week, days of each
    month."""
    rules = []
    for match in _WEEKLY.finditer(text):
        byday = weekday_codes(match["days"] or match["later"])
        rule = f"FREQ=WEEKLY;BYDAY={','.join(byday)}"
        rules.append(_Rule(match, rule, lambda d, days=byday: _ISO_DAYS[d.weekday()] in days))
    for match in _MONTHLY_WEEKDAY.finditer(text):
        weekday = weekday_codes(match["days"])[0]
        nth = _ORDINALS.get(" ".join(match["nth"].casefold().split()), -1)
        rule = f"FREQ=MONTHLY;BYDAY={nth:+d}{weekday}"
        rules.append(
            _Rule(
                match,
                rule,
                lambda d, w=weekday, n=nth: (
                    _ISO_DAYS[d.weekday()] == w
                    and n in {_week_of_month(d), _week_of_month(d, from_end=True)}
                ),
            )
        )
    for match in _MONTHLY.finditer(text):
        days = sorted({int(n) for n in re.findall(r"\d{1,2}", match["days"] or match["later"])})
        if not all(1 <= n <= 31 for n in days):
            continue
        rule = f"FREQ=MONTHLY;BYMONTHDAY={','.join(map(str, days))}"
        rules.append(_Rule(match, rule, lambda d, days=days: d.day in days))
    spans = [r.match.span() for r in rules]
    for match in _MONTHLY_BARE.finditer(text):
        if not any(start < match.end() and match.start() < end for start, end in spans):
            rules.append(_Rule(match, "FREQ=MONTHLY", lambda _d: True, bare=True))
    return rules


def _week_of_month(day: date, *, from_end: bool = False) -> int:
    """1 for the first seven days of the month; -1 for the last seven when ``from_end``."""
    if not from_end:
        return (day.day - 1) // 7 + 1
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return -(((following - day).days - 1) // 7 + 1)


def _session(ctx: Context, sentence: Sentence, rule: _Rule) -> list[Meeting]:
    """A session held by a rule and the days the text lists for it: one meeting over them;
    a note when it lists none that fall on the rule."""
    ctx.take(sentence, rule.match.start(), rule.match.end())
    listed = _listed_days(ctx, sentence, rule)
    review = []
    if not listed and (span := _schedule_span(ctx, sentence, rule)):
        listed = [d for d in _days_of(span) if rule.on(d)]
        review.append(
            _(
                "the days of the rule over %(start)s - %(end)s, the span its schedule names; "
                "the text lists none: check each (a day off moves the session)",
                start=f"{span[0]:%d/%m/%Y}",
                end=f"{span[1]:%d/%m/%Y}",
            )
        )
    if not any(rule.on(d) for d in listed):  # no days, or none on the rule (a year misread): ask
        _ask_for_days(ctx, sentence, rule.match)
        return []
    return [_meeting(ctx, sentence, rule, listed, review)]


def _by_rows(ctx: Context, sentence: Sentence, rule: _Rule) -> list[Meeting]:
    """A monthly rule without its day, over the rows that follow it: one meeting over their
    days, on the day most of them give; nothing when they give fewer than two, or no day
    that half of them share (no note: "họp hằng tháng" alone is no schedule)."""
    listed = _listed_days(ctx, sentence, rule)
    if len(listed) < 2:
        return []
    day, count = Counter(d.day for d in listed).most_common(1)[0]
    if 2 * count < len(listed):
        return []
    ctx.take(sentence, rule.match.start(), rule.match.end())
    on_day = _Rule(rule.match, f"FREQ=MONTHLY;BYMONTHDAY={day}", lambda d: d.day == day)
    return [_meeting(ctx, sentence, on_day, listed, [])]


def _schedule_span(ctx: Context, sentence: Sentence, rule: _Rule) -> tuple[date, date] | None:
    """The span the schedule of a rule names for itself, in the title or up to the rule's
    sentence (the nearest), unless the rule is told as done."""
    clause = re.split(r"[;:.]", before(sentence.text, rule.match.start()))[-1]
    if _TOLD_DONE.search(clause):
        return None
    texts = [ctx.title or ""]
    texts += [p.text for p in ctx.body if p.index < sentence.paragraph.index]
    texts.append(sentence.text[: rule.match.start()])
    spans = [
        span
        for text in texts
        for match in _SCHEDULE_SPAN.finditer(text)
        if not _CITED.search(match["between"]) and (span := _span(match)) is not None
    ]
    own = re.sub(r"^\W*(?:\d{1,2}\s*[.)-]\s*)?", "", sentence.text)
    spans += [span for m in _OWN_SPAN.finditer(own) if (span := _own_span(m)) is not None]
    return spans[-1] if spans and ctx.plausible(spans[-1][0]) else None


def _own_span(match: re.Match[str]) -> tuple[date, date] | None:
    if match["y"]:
        return _months(int(match["y"]), 1, 12)
    year = int(match["y2"])
    if match["y1"] and int(match["y1"]) != year:
        return None
    return _months(year, int(match["m1"]), int(match["m2"]))


def _span(match: re.Match[str]) -> tuple[date, date] | None:
    if match["q"]:
        year, first = int(match["qy"]), 3 * _QUARTER[match["q"].casefold()] - 2
        last = first + 2
    elif match["m"]:
        year, first = int(match["my"]), int(match["m"])
        last = first
    else:
        year = int(match["y"])
        half = (match["half"] or "").casefold()
        first, last = (7, 12) if half == "cuối" else (1, 6) if half == "đầu" else (1, 12)
    return _months(year, first, last)


def _months(year: int, first: int, last: int) -> tuple[date, date] | None:
    """From the first day of month ``first`` to the last of month ``last`` of ``year``."""
    if not 1 <= first <= last <= 12:
        return None
    following = date(year + last // 12, last % 12 + 1, 1)
    return date(year, first, 1), following - timedelta(days=1)


def _days_of(span: tuple[date, date]) -> list[date]:
    return [span[0] + timedelta(days=n) for n in range((span[1] - span[0]).days + 1)]


def _meeting(
    ctx: Context, sentence: Sentence, rule: _Rule, listed: list[date], review: list[str]
) -> Meeting:
    """One meeting over a rule's days; a listed day off the rule is marked for review."""
    on_rule = [d for d in listed if rule.on(d)]
    title = _title(sentence.text, rule.match)
    place = _PLACE.search(sentence.text)
    meeting = Meeting(
        title=title,
        source=ctx.source(sentence),
        paragraph=sentence.paragraph.index,
        day=listed[0],
        location=" ".join(place["place"].split()) if place else None,
        rrule=rule.rrule,
        days=listed,
        review=review,
    )
    if off := [d for d in listed if d not in on_rule]:
        meeting.review.append(
            _(
                "%(days)s: not on the weekday of the rule (“%(rule)s”)",
                days=", ".join(f"{d:%d/%m/%Y}" for d in off),
                rule=" ".join(rule.match.group().split()),
            )
        )
    return meeting


def weekday_codes(written: str) -> list[str]:
    """ "thứ Hai và thứ 5" → ["MO", "TH"] (RFC 5545 BYDAY codes, Monday first)."""
    days = re.findall(r"thứ\s*(hai|ba|tư|năm|sáu|bảy|[2-7])|(chủ\s+nhật)", written, re.I)
    codes = [_ISO_DAYS[weekday_of(w or s)] for w, s in days]
    return sorted(set(codes), key=_ISO_DAYS.index)


def _listed_days(ctx: Context, sentence: Sentence, rule: _Rule) -> list[date]:
    """The days listed for a rule: in its own sentence after it, else in the lines that
    follow it (a table's rows, one month each, or one day each), as long as each line lists
    some."""
    after = rule.match.end()
    own = _days_in(ctx, sentence, sentence.text[after:], after)
    if own:
        return own
    days: list[date] = []
    later = [p for p in ctx.body if p.index > sentence.paragraph.index]
    month: tuple[int, int | None] | None = None  # the month cell of a row copied a cell a line
    at = 0
    for paragraph in later:
        text = paragraph.text.strip()
        if cell := _MONTH_CELL.match(text):
            month = int(cell["m"]), int(cell["y"]) if cell["y"] else None
            continue
        if _ROW_NUMBER.match(text):
            continue
        found = [d for s in paragraph.sentences for d in _days_in(ctx, s, s.text, 0)]
        found = found or _day_cells(ctx, paragraph, month)
        if not rule.bare:  # whole days need the rule's own day to be read as its rows
            found = found or _row_days(ctx, paragraph, rule)
        month = None
        if found:
            days.extend(found)
        elif days or at >= _ROWS_AFTER:
            break
        at += 1
    return sorted(set(days))


def _day_cells(
    ctx: Context, paragraph: Paragraph, month: tuple[int, int | None] | None
) -> list[date]:
    """The days of a row's day cell ("Ngày 18 (thứ Ba)") under its month cell."""
    cell = _DAY_CELL.match(paragraph.text.strip())
    if month is None or cell is None:
        return []
    days = []
    for number in re.findall(r"\d{1,2}", cell["days"]):
        year = month[1] or ctx.year_of(month[0], int(number))
        try:
            days.append(date(year, month[0], int(number)))
        except ValueError:
            continue
    for sentence in paragraph.sentences:
        ctx.take(sentence, 0, len(sentence.text))
    return days


def _row_days(ctx: Context, paragraph: Paragraph, rule: _Rule) -> list[date]:
    """A line that gives whole days of the rule ("Nguyễn Văn A: vào ngày 04/3/2036.", a
    table's row): each on the rule, and no other gathering named on it."""
    if NOUN.search(paragraph.text) and not _SESSION.search(paragraph.text):
        return []
    found = []
    for sentence in paragraph.sentences:
        for when in mentions(sentence.text):
            if not when.is_day or cited(sentence.text, when.start):
                continue
            day = _day(ctx, when)
            if day is None or not rule.on(day):
                return []
            found.append((sentence, when, day))
    for sentence, when, _day_found in found:
        ctx.take(sentence, when.start, when.end)
    return [day for _s, _w, day in found]


def _days_in(ctx: Context, sentence: Sentence, text: str, offset: int) -> list[date]:
    days = []
    for match in _MONTH_DAYS.finditer(text):
        month = int(match["m"] or match["m2"])
        written = match["y"] or match["y2"]
        for number in re.findall(r"\d{1,2}", match["days"] or match["days2"] or match["day3"]):
            year = int(written) if written else ctx.year_of(month, int(number))
            try:
                days.append(date(year, month, int(number)))
            except ValueError:
                continue
        ctx.take(sentence, offset + match.start(), offset + match.end())
    return days


def _title(text: str, rule: re.Match[str]) -> str:
    """What is held: the clause before the rule ("Chủ tịch UBND xã … tiếp công dân định kỳ"),
    else the one after it ("Hàng tuần vào sáng thứ Hai, Ban Giám hiệu họp giao ban")."""
    clause = re.split(r"[;:]|^\W+", before(text, rule.start()))[-1]
    clause = re.sub(r"^\s*(?:[-–•+]|\d{1,2}\s*[.)-]|[a-dđ][.)])\s*", "", clause)
    if not _SESSION.search(clause):
        clause = re.split(r"[;.(]", text[rule.end() :].lstrip(" ,"))[0]
    clause = re.split(r"\s+tại\b", clause, flags=re.I)[0]  # the place is the meeting's own field
    clause = re.sub(r"\s*(?:,\s*)?(?:vào|được|sẽ)\s*$", "", clause.strip(), flags=re.I)
    words = clause.split()[:16]
    return sentence_case(" ".join(words).strip(" ,.:;-")) or _("Periodic session")


def _ask_for_days(ctx: Context, sentence: Sentence, rule: re.Match[str]) -> None:
    """A session's rule with no days to date it: said in the draft, no day made up."""
    clause = re.split(r"[;:.]", before(sentence.text, rule.start()))[-1]
    session = _SESSION.search(clause)
    what = _session_name(clause, session.start()) if session else _("Periodic session")
    ctx.note(
        _(
            "%(what)s “%(rule)s”: a session held by a rule, for which the text lists no days; "
            "add its days by hand",
            what=what,
            rule=" ".join(rule.group().split()),
        ),
        sentence,
    )


def _session_name(text: str, at: int) -> str:
    """A session's name from where it is first named ("phiên tiếp công dân định kỳ của lãnh
    đạo tỉnh tại …": up to the place, the rule or the day)."""
    name = re.split(
        r"\s+(?:tại|quy\s+định|vào|được|sẽ|trùng|ngày|nên|hàng|hằng|mỗi|từ|sang)\b|[,;(:]",
        text[at:],
        flags=re.I,
    )[0]
    return sentence_case(" ".join(name.split()[:16]).strip(" ,.")) or _("Periodic session")


def _moved(ctx: Context, sentence: Sentence) -> list[Meeting]:
    """A session of a recurring schedule moved to another day: a meeting on that day, the day
    it leaves taken and dropped."""
    text = sentence.text
    found = mentions(text)
    for when in found:
        if not when.is_day or cited(text, when.start) or ctx.taken(sentence, when.start, when.end):
            continue
        if not _moves_to(text, when):
            continue
        named = _session_named(ctx, sentence)
        if named is None:
            return []
        day = _day(ctx, when)
        if day is None or not ctx.plausible(day):
            return []
        for left in found:
            ctx.take(sentence, left.start, left.end)  # the day it leaves, before or after
        ctx.take(sentence, when.start, when.end)
        title, place = named
        return [
            Meeting(
                title=title,
                source=ctx.source(sentence),
                paragraph=sentence.paragraph.index,
                day=day,
                location=place,
            )
        ]
    return []


def _a_thing(prefix: str, word: str) -> bool:
    """ "phòng họp", "Phòng tiếp công dân", "biên bản họp", "lịch họp": a thing named after a
    session, not one ("lịch tiếp công dân" is the sessions' own schedule)."""
    if _NOT_A_SESSION.search(prefix):
        return True
    return word.casefold() == "họp" and bool(_SCHEDULE_OF.search(prefix))


def _moves_to(text: str, when: When) -> bool:
    """Whether a day is where a session is moved to."""
    near = before(text, when.start, 60)
    return bool(
        _MOVED_TO.search(near)
        or (_SANG.search(near) and _MOVE_VERB.search(before(text, when.start, 160)))
        or _INSTEAD_OF.match(text, when.end)
    )


def _day(ctx: Context, when: When) -> date | None:
    try:
        return when.first(when.year or ctx.year_of(when.month, when.day or 1))
    except ValueError:
        return None


def _session_named(ctx: Context, sentence: Sentence) -> tuple[str, str | None] | None:
    """The recurring session a moving sentence speaks of: named in it or in the sentence or
    paragraph before ("phiên tiếp công dân định kỳ … quy định vào ngày 15 hàng tháng")."""
    paragraph: Paragraph = sentence.paragraph
    earlier = [s.text for s in paragraph.sentences if s.start < sentence.start][-1:]
    earlier += [p.text for p in ctx.earlier(paragraph, 2)][::-1]
    # one that says it recurs first (it names the session in full, with its place), then the
    # moving sentence itself ("phiên tiếp công dân tháng 5 … được lùi sang ngày …")
    for text, recurs in [
        (sentence.text, True),
        *((t, True) for t in earlier),
        (sentence.text, False),
    ]:
        named = [
            m
            for m in _SESSION.finditer(text)
            if not _a_thing(before(text, m.start(), 12), m.group())
        ]
        if not named or (recurs and not _RECURRING.search(text)):
            continue
        session = next((m for m in named if m.group().casefold() in {"phiên", "buổi"}), named[0])
        place = _PLACE.search(text[session.start() :])
        return _session_name(text, session.start()), place["place"].strip() if place else None
    return None
