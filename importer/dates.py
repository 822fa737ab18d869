"""Dates as Vietnamese documents write them, found in running text.

A `When` is one mention: a day ("15/02/2024", "15-02-2024", "3.2.1930", "ngày 16 tháng 7 năm
2021"), a day without its year ("ngày 15/02", "ngày 3 tháng 2") or a month ("tháng 7/2024",
"tháng 01 năm 2024", "tháng 9"). A `Range` joins two mentions ("từ ngày 15/6 đến 30/6/2023",
"15/11-10/12/2023", "từ tháng 9/2021 đến tháng 11/2021", "từ tháng 1-12/2023", "từ ngày 15 đến
hết ngày 30/6/2025"); a year (or a month) left out comes from the other end or from the
document. Numbers that only look like dates ("16-17 nghìn", "7,5-8,5%", "02/BYT") are not
mentions: a bare day-month needs "ngày" before it or a partner in a range.

`cited` tells a date that belongs to a cited document ("Chỉ thị số 34-CT/TW ngày
07/4/2014", "Đề án 06 ngày 06/01/2022", "Theo Thông báo ngày 15/3/2025 của …"): such dates
are never events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time

from config.dates import checked_date, last_day_of_month
from importer.text import LOOK_BACK, before


@dataclass(frozen=True)
class When:
    """A date mention; ``day`` is None for a month, ``year`` None when left out."""

    start: int
    end: int
    text: str
    day: int | None
    month: int
    year: int | None
    weak: bool = False  # a bare "15/6" or "tháng 6": needs "ngày" or a range partner
    bare: bool = False  # a day alone that opens a range or a list ("ngày 14 và 15/9/2024")

    @property
    def is_day(self) -> bool:
        return self.day is not None

    def first(self, year: int | None = None) -> date:
        return date(self.year or year or 1, self.month, self.day or 1)

    def last(self, year: int | None = None) -> date:
        y = self.year or year or 1
        return date(y, self.month, self.day) if self.day else last_day_of_month(y, self.month)


@dataclass(frozen=True)
class Range:
    """Two mentions joined by "đến", "tới" or a dash; ``start``/``end`` span the text."""

    start: int
    end: int
    first: When
    last: When
    opened: bool  # written with "từ" before it

    def days(self, default_year: int) -> tuple[date, date] | None:
        """The first and last day; None when the range runs backwards."""
        a, b = self.first, self.last
        year_b = b.year or a.year or default_year
        if b.year is None and a.year is not None and (b.month, b.day or 1) < (a.month, a.day or 1):
            year_b = a.year + 1
        year_a = a.year
        if year_a is None:
            year_a = year_b if (a.month, a.day or 1) <= (b.month, b.day or 31) else year_b - 1
        try:
            start, end = a.first(year_a), b.last(year_b)
        except ValueError:
            return None
        return (start, end) if start <= end else None

    @property
    def anniversary(self) -> bool:
        """ "(03/02/1930 - 03/02/2024)": years apart, a founding day and its anniversary."""
        a, b = self.first, self.last
        if not (a.year and b.year and a.is_day and b.is_day):
            return False
        same_day = (a.day, a.month) == (b.day, b.month)
        # "từ ngày 31/12/2035 đến ngày 31/12/2036": a year of events, told as a span, runs from
        # a day to the same day a year on; a founding day and its first anniversary are paired
        # without "từ"
        return b.year - a.year >= 2 or (b.year - a.year == 1 and same_day and not self.opened)


_FULL_WORDS = re.compile(
    r"(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s*,?\s*năm\s+(?P<y>\d{4})(?!\d)", re.I
)
_FULL_NUM = re.compile(
    r"(?<![\w/.,])(?P<d>\d{1,2})\s?(?P<s>[/.-])\s?(?P<m>\d{1,2})\s?(?P=s)\s?(?P<y>\d{4})(?![\w/])"
)
_MONTH_YEAR = re.compile(
    r"tháng\s+(?P<m>\d{1,2})\s*(?:[/.-]|,?\s*năm)\s*(?P<y>\d{4})(?![\w/])", re.I
)
_WORDS_DAY_MONTH = re.compile(
    # a range's end after its first day's figure: "từ ngày 17 đến 19 tháng 4"
    r"(?:(?<=ngày\s)|(?<=mùng\s)|(?<=mồng\s)|(?<=ngày\s\d\sđến\s)|(?<=ngày\s\d\d\sđến\s)|"
    r"(?<=ngày\s\d\stới\s)|(?<=ngày\s\d\d\stới\s))(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})"
    r"(?!\d|\s*,?\s*năm\s+\d|\s*[/.-]\s*\d)",
    re.I,
)
# a day and its month, with or without the year, as a pattern other readers build into theirs
# (a schedule's week, a news lead): in figures ("14/7", "14-07-2025") or in words ("14 tháng 7
# năm 2025"), so that no rule hangs on one of the two ways of writing a day
DAY_WRITTEN = (
    r"\d{1,2}(?:\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4})?"
    r"|\s+tháng\s+\d{1,2}(?:\s*,?\s*năm\s+\d{4})?)"
)
_DAY_MONTH = re.compile(r"(?<![\w/.,#-])(?P<d>\d{1,2})(?P<s>[/.-])(?P<m>\d{1,2})(?!\w|[/.,]\d|-\d)")
# "từ ngày 19-21/6", "ngày 01-07/04": the end of days joined by a hyphen, which elsewhere joins a
# number to a code ("số 12-21/6"); the first day is read as a range's start (`_BARE_START`)
_DASHED_END = re.compile(
    r"(?:(?<=ngày\s\d-)|(?<=ngày\s\d\d-)|(?<=từ\s\d-)|(?<=từ\s\d\d-))"
    r"(?P<d>\d{1,2})(?P<s>[/.])(?P<m>\d{1,2})(?!\w|[/.,]\d|-\d)",
    re.I,
)
_MONTH = re.compile(r"(?<!\w)tháng\s+(?P<m>\d{1,2})(?![\w/]|\s*[/.-]\s*\d|\s+năm\s+\d)", re.I)
# "từ tháng 1-12/2036", "tháng 3 - 9/2036": months joined by a hyphen under one year; the last
# month is read with the year, then the first as its partner (over the masked text, '#' marks
# the last)
_DASHED_MONTH_END = re.compile(
    r"(?:(?<=tháng\s\d-)|(?<=tháng\s\d\d-)|(?<=tháng\s\d\s-\s)|(?<=tháng\s\d\d\s-\s))"
    r"(?P<m>\d{1,2})\s*(?:/|,?\s*năm\s+)(?P<y>\d{4})(?![\w/])",
    re.I,
)
_DASHED_MONTH_START = re.compile(r"(?<!\w)tháng\s+(?P<m>\d{1,2})(?=\s?-\s?#)", re.I)

# In the order they are tried; each masks what it found from the later ones.
_PATTERNS: tuple[tuple[re.Pattern[str], bool, bool], ...] = (
    (_FULL_WORDS, True, False),  # (pattern, has a day, weak)
    (_FULL_NUM, True, False),
    (_MONTH_YEAR, False, False),
    (_DASHED_MONTH_END, False, False),
    (_DASHED_MONTH_START, False, False),
    (_WORDS_DAY_MONTH, True, False),
    (_DAY_MONTH, True, True),
    (_DASHED_END, True, True),
    (_MONTH, False, True),
)
# "mùng 10 tháng 3 âm lịch": a day of the lunar calendar is no solar date
_LUNAR_AFTER = re.compile(
    r"\s*(?:năm\s+\w+\s+)?\(?\s*(?:âm\s+lịch|ÂL)\b"
    # "ngày 12 tháng 6 năm Mậu Tuất": a year named by its can-chi is a lunar one
    r"|\s*,?\s*năm\s+(?:Giáp|Ất|Bính|Đinh|Mậu|Kỷ|Canh|Tân|Nhâm|Quý)\s+"
    r"(?:Tý|Sửu|Dần|Mão|Mẹo|Thìn|Tỵ|Tị|Ngọ|Mùi|Thân|Dậu|Tuất|Hợi)\b",
    re.I,
)
# "ngày 15/6", and a part of the day said instead of "ngày": "Chiều 14/8, Sở Nội vụ gặp mặt
# báo chí", "9 giờ 30 phút sáng 22/8", "lúc 14h00 hôm nay (31/3)"; or the occasion: "sẽ được
# tổ chức vào dịp 21/6"
_AFTER_NGAY = re.compile(
    r"(?:ngày|mùng|mồng|(?<!\w)(?:sáng|trưa|chiều|tối|đêm)(?:\s+(?:nay|qua|mai)\s*\()?|"
    r"(?<!\w)(?:vào|nhân)\s+dịp|"
    r"(?:hôm|ngày)\s+(?:nay|qua|mai)\s*\(?)"
    r"\s*$",
    re.I,
)


def mentions(text: str) -> list[When]:
    """Every date mention in ``text``, in order; impossible dates are left out."""
    found: list[When] = []
    masked = text
    for pattern, has_day, weak in _PATTERNS:
        hits: list[tuple[int, int]] = []
        for match in pattern.finditer(masked):
            groups = match.groupdict()
            day = int(groups["d"]) if has_day else None
            month = int(groups["m"])
            year = int(groups["y"]) if groups.get("y") else None
            if not _valid(day, month, year) or _LUNAR_AFTER.match(text, match.end()):
                continue
            is_weak = weak and not _AFTER_NGAY.search(before(text, match.start(), 20))
            found.append(When(match.start(), match.end(), match.group(), day, month, year, is_weak))
            hits.append((match.start(), match.end()))
        masked = _masked(masked, hits)
    found.sort(key=lambda w: w.start)
    return sorted([*found, *_range_starts(masked, found)], key=lambda w: w.start)


def _masked(text: str, hits: list[tuple[int, int]]) -> str:
    """``text`` with each (start, end) stretch replaced by '#', in one pass."""
    if not hits:
        return text
    parts, at = [], 0
    for start, end in hits:
        parts += [text[at:start], "#" * (end - start)]
        at = end
    parts.append(text[at:])
    return "".join(parts)


# "từ ngày 15 đến hết ngày 30/6/2025", "(từ ngày 18 - 20/9/2024)": a day alone opens a range
# whose other end gives its month and year (over the masked text, '#' marks a mention).
_BARE_START = re.compile(
    r"(?:(?<=ngày\s)|(?<=ngày,\s)|(?<=từ\s))(?P<d>\d{1,2})"
    # "trong các ngày 12, 13, 14/11/2036": days listed between
    r"(?=(?:\s*,\s*\d{1,2}(?![\d/.-]))*\s*(?:-|–|đến|tới|và|,)\s*(?:hết\s+)?(?:ngày\s+)?#)",
    re.I,
)


# "diễn ra vào 24 - 25/05/2036": after "vào" only a dash or "đến" joins the two days (not "và",
# which may list two apart)
_BARE_START_AFTER_VAO = re.compile(
    r"(?<=vào\s)(?P<d>\d{1,2})(?=\s*(?:-|–|đến|tới)\s*(?:hết\s+)?(?:ngày\s+)?#)", re.I
)


def _range_starts(masked: str, found: list[When]) -> list[When]:
    starts = []
    bare = [*_BARE_START.finditer(masked), *_BARE_START_AFTER_VAO.finditer(masked)]
    for match in sorted(bare, key=lambda m: m.start()):
        end = next((w for w in found if w.start > match.end()), None)
        if end is None or end.day is None:
            continue
        day, month, year = int(match["d"]), end.month, end.year
        if day > end.day:  # "từ ngày 25 đến ngày 05/4": the month before
            month, year = (12, year - 1 if year else None) if month == 1 else (month - 1, year)
        if _valid(day, month, year):
            starts.append(
                When(match.start(), match.end(), match.group(), day, month, year, bare=True)
            )
    return starts


def _valid(day: int | None, month: int, year: int | None) -> bool:
    if year is not None and not 1800 <= year <= 2200:
        return False
    try:
        checked_date(year or 2024, month, day or 1, "")  # 2024 admits 29/02
    except ValueError:
        return False
    return True


# a day named by its weekday: "từ thứ Năm ngày 23/01 đến hết thứ Tư ngày 29/01/2036", "ngày
# 01/9 (thứ Năm) đến Chủ nhật ngày 04/9"
# ("thứ Bẩy": the northern spelling of Saturday)
_WEEKDAY = r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s+nhật)"
WEEKDAY = _WEEKDAY  # for the readers that pass a weekday before a day ("nghỉ bù vào thứ Hai …")
# the number of a quarter as written: "quý IV", "quý 2"
QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
# a weekday written beside a day: "THỨ NĂM, NGÀY 05/3", "ngày 01/9 (thứ Năm)"
_WEEKDAY_BEFORE = re.compile(rf"(?P<w>{_WEEKDAY})\s*[,:.–-]?\s*(?:ngày\s+)?$", re.I)
_WEEKDAY_AFTER = re.compile(rf"\s*\(\s*(?P<w>{_WEEKDAY})\s*\)", re.I)
# Monday is 0, as `date.weekday` counts; "thứ 2" is Monday, "thứ 7" Saturday
_WEEKDAY_INDEX = {"hai": 0, "ba": 1, "tư": 2, "năm": 3, "sáu": 4, "bảy": 5, "bẩy": 5}


def weekday_of(written: str) -> int:
    """The `date.weekday` index of a weekday as written ("thứ Năm", "thứ 5", "Chủ nhật")."""
    word = written.rsplit(maxsplit=1)[-1].lower()
    if word == "nhật":
        return 6
    return int(word) - 2 if word.isdigit() else _WEEKDAY_INDEX[word]


def weekday_days(text: str) -> list[tuple[int, int, int]]:
    """The days written without their year beside a weekday, as (weekday, month, day): a
    weekday fits only some years, so it tells which year a schedule's day is in."""
    found: list[tuple[int, int, int]] = []
    for when in mentions(text):
        if when.year is not None or when.day is None:
            continue
        named = _WEEKDAY_BEFORE.search(text[max(0, when.start - 20) : when.start])
        named = named or _WEEKDAY_AFTER.match(text, when.end)
        if named:
            found.append((weekday_of(named["w"]), when.month, when.day))
    return found


# "đến hết ngày", "đến hết ngày thứ Hai ngày 01/01" (the weekday between two "ngày"), and an
# hour on the last day: "từ 7 giờ ngày 19/02 đến 10 giờ 30 ngày 22/02";
# "đếnngày" run together as a page copied it
_CONNECTOR = re.compile(
    rf"^\s*(?:\(\s*{_WEEKDAY}\s*\))?\s*\)?\s*(?:-|–|—|(?:cho\s+)?(?:đến|tới)(?:\s+hết|\s+trước)?"
    r"(?:\s*\d{1,2}\s*(?:giờ|h|g)\s*(?:\d{2})?\s*(?:phút)?\s*,?)?"
    rf"(?:(?:\s+ngày)?\s+{_WEEKDAY}\s*,?)?(?:\s*ngày)?)\s*$",
    re.I,
)
# "trong 2 ngày 14 và 15/9/2024": two days listed are the span from the first to the last
_LISTED = re.compile(r"^\s*(?:,\s*\d{1,2}\s*)*(?:và|,)\s*(?:ngày\s+)?$", re.I)
# "từ hôm nay, 16.8, đến ngày 18.8", "từ hôm nay (16/8)": a news page's day of posting opens
# the span as "từ ngày" does
_OPENER = re.compile(
    rf"(?:từ|kể\s+từ)\s+(?:{_WEEKDAY}\s*,?\s*)?(?:ngày\s+|hôm\s+nay\s*[,(]\s*)?$", re.I
)
# "từ ngày 2/7, đến ngày 10/8": a comma before "đến" still joins a range opened by "từ"; so does
# an aside on the first day ("từ ngày 01/12/2021 (lấy sự kiện ngày thành lập Quân đội …) đến
# ngày 31/3/2022"), or one that gives the same day in the lunar calendar ("từ ngày 16/02/2031
# (tức ngày 28 tháng Chạp âm lịch) đến hết ngày …", "… đến hết Chủ nhật 22/2/2031"), even
# without "tức": "từ Thứ Bảy, 14/02/2037 (28 tháng Chạp) đến hết …", "(mùng 3 Tết)"
_LUNAR_GLOSS = (
    r"\s*(?:ngày\s+)?(?:(?:mùng|mồng)\s+)?\d{1,2}\s+(?:tết|tháng\s+(?:giêng|chạp|mười|hai|ba|tư|"
    r"năm|sáu|bảy|tám|chín))\b[^()\d]{0,40}"
)
_COMMA_CONNECTOR = re.compile(
    r"^\s*(?:,|\((?:[^()\d]{1,120}|\s*(?:tức|nhằm)\s+[^()]{1,60}|"
    rf"{_LUNAR_GLOSS})\))\s*(?:đến|tới)(?:\s+hết)?"
    rf"(?:(?:\s+ngày)?\s+{_WEEKDAY}\s*,?)?(?:\s+ngày)?\s*$",
    re.I,
)


# "bắt đầu thi đấu từ ngày 28-7 và chương trình kéo dài tới ngày 6-8": a start and an end told
# apart in one clause ("Lễ Khai mạc vào ngày 01/8 và Lễ Bế mạc vào ngày 10/8" are two ceremonies)
_STARTS = re.compile(r"\bbắt\s+đầu(?:\s+\S+){0,3}?\s+(?:từ\s+|vào\s+)?(?:ngày\s+)?$", re.I)
_ENDS_LATER = re.compile(
    r"^\s*,?\s*và\s+[^.;,()]{0,40}?\b(?:kéo\s+dài|kết\s+thúc)\s+"
    r"(?:vào\s+|đến\s+|tới\s+)?(?:hết\s+)?(?:ngày\s+)?$",
    re.I,
)


# "Từ ngày 15.5 đến hết tháng 6": a day, then the whole of a month as the end
_TO_MONTH_END = re.compile(r"^\s*(?:đến|tới)\s+hết\s*$", re.I)


def _told_apart(text: str, a: When, b: When) -> bool:
    return bool(
        a.is_day
        and b.is_day
        # "từ ngày 23/6 và kết thúc vào ngày 14/7": "từ" opens the span as "bắt đầu" does
        and (_STARTS.search(before(text, a.start, 60)) or _OPENER.search(before(text, a.start, 30)))
        and _ENDS_LATER.match(text[a.end : b.start])
    )


def ranges(text: str, found: list[When] | None = None) -> list[Range]:
    """Pairs of mentions that make a range; a weak end needs "từ … đến" or a strong partner."""
    found = mentions(text) if found is None else found
    result: list[Range] = []
    i = 0
    while i < len(found) - 1:
        if chain := _listed_chain(text, found, i):
            result.append(chain)
            i = found.index(chain.last) + 1
            continue
        a, b = found[i], found[i + 1]
        between = text[a.end : b.start]
        opened = bool(_OPENER.search(text[max(0, a.start - 30) : a.start]))
        strong_enough = opened or not (a.weak and b.weak)
        paired = (
            _anniversary_pair(a, b, between)
            or (a.bare and _LISTED.match(between))
            or _next_day_listed(a, b, between)
            or _told_apart(text, a, b)
        )
        joined = _CONNECTOR.match(between) or (opened and _COMMA_CONNECTOR.match(between))
        day_to_month = a.is_day and not b.is_day
        if day_to_month and _TO_MONTH_END.match(between):
            day_to_month = False  # the month's last day ends it
        if (joined or paired) and strong_enough and not day_to_month:
            start = a.start
            if opened:
                start = a.start - len(_OPENER.search(before(text, a.start, 30)).group())  # type: ignore[union-attr]
            result.append(Range(start, b.end, a, b, opened))
            i += 2
            continue
        i += 1
    return result


# the gap between days of one list: "17, 24/05 và cả ngày 20, 27/05", "chiều ngày 31/05, 07/06
# và sáng ngày 03/06"
_LIST_GAP = re.compile(
    r"^\s*(?:,|và|;)?\s*(?:và\s+)?(?:cả\s+)?(?:(?:buổi\s+)?(?:sáng|chiều|tối)\s+)?"
    r"(?:các\s+)?(?:ngày\s+)?$",
    re.I,
)


def _listed_chain(text: str, found: list[When], i: int) -> Range | None:
    """Days listed in groups ("chiều ngày 17, 24/05/2036 và cả ngày 20, 27/05/2036"): one span
    from the first to the last, when a group shares its month (a day alone before it, already a
    span) and the list opens on its earliest day and closes on its latest. Days each written in
    full ("ngày 5/3, 12/3 và 19/3") stay what each is."""
    chain = [found[i]]
    for nxt in found[i + 1 :]:
        if not (nxt.is_day and not nxt.weak and _LIST_GAP.match(text[chain[-1].end : nxt.start])):
            break
        chain.append(nxt)
    if len(chain) < 3 or not any(w.bare for w in chain[:-1]) or chain[-1].bare:
        return None
    first, last = chain[0], chain[-1]
    year = last.year or 2024
    try:
        days = [w.first(w.year or year) for w in chain]
    except ValueError:
        return None
    if days[0] != min(days) or days[-1] != max(days) or days[0] == days[-1]:
        return None
    if len(set(days)) < len(days):
        return None
    return Range(first.start, last.end, first, last, False)


def _next_day_listed(a: When, b: When, between: str) -> bool:
    """ "07h00 – 11h00 ngày 08/12/2014 và ngày 09/12/2014": two whole days, one the day after
    the other, listed with "và" are one span (days further apart stay two events)."""
    if not (a.is_day and b.is_day and not a.weak and not b.weak and _LISTED.match(between)):
        return False
    year = b.year or a.year or 2024
    try:
        first, second = a.first(a.year or year), b.first(year)
    except ValueError:
        return False
    return (second - first).days == 1


def _anniversary_pair(a: When, b: When, between: str) -> bool:
    """ "(30/04/1975 30/04/2016)": a founding day and its anniversary with the dash lost."""
    return bool(
        not between.strip()
        and a.year
        and b.year
        and a.year < b.year
        and (a.day, a.month) == (b.day, b.month)
        and a.day is not None
    )


def singles(text: str, found: list[When], taken: list[Range]) -> list[When]:
    """Mentions that are not an end of a range and stand on their own (not weak)."""
    ends = {id(r.first) for r in taken} | {id(r.last) for r in taken}
    return [w for w in found if id(w) not in ends and not w.weak]


# --- dates that belong to other documents ----------------------------------------------

DOC_KINDS = (
    r"Luật|Bộ\s+luật|Nghị\s+quyết|Nghị\s+định|Quyết\s+định|Chỉ\s+thị|Thông\s+tư|Thông\s+tri|"
    r"Thông\s+báo|Công\s+văn|Công\s+điện|Kế\s+hoạch|Kết\s+luận|Hướng\s+dẫn|Đề\s+án|"
    r"Chương\s+trình|Văn\s+bản|Tờ\s+trình|Pháp\s+lệnh|Quy\s+định|Quy\s+chế|Điều\s+lệ|"
    r"Hiến\s+pháp|Báo\s+cáo"
)
_NUMBER_BEFORE = re.compile(
    r"\d+[\w.]*\s*[/-]\s*[\w./-]*[A-ZĐ][\w./-]*(?:\s*-\s*[A-ZĐ][\w./-]*)?\s*,?\s*"
    r"(?:ban\s+hành\s+)?(?:ngày\s*)?$"
)
_KIND_NUMBER_BEFORE = re.compile(
    rf"\b(?:{DOC_KINDS})\s+(?:số\s*:?\s*)?[\w./-]*\d[\w./-]*\s*,?\s*(?:ngày\s*)?$", re.I
)
# "Theo Thông báo ngày 15/3/2025 của Văn phòng …": a document cited by its kind and day alone
_KIND_DAY_BEFORE = re.compile(
    r"\b(?:Thông\s+báo|Công\s+văn|Văn\s+bản|Quyết\s+định|Nghị\s+quyết|Chỉ\s+thị|Kết\s+luận|"
    r"Công\s+điện|Tờ\s+trình|Hướng\s+dẫn|Thông\s+tư|Nghị\s+định|Luật|Thông\s+tri|Kế\s+hoạch)"
    # "Quyết định phê duyệt ngày 12/02/2036", "Thông báo kết luận ngày …"
    r"(?:\s+(?:phê\s+duyệt|kết\s+luận|liên\s+tịch|ban\s+hành))?\s+ngày\s*$"
)
_ISSUED_BEFORE = re.compile(
    r"\b(?:ban\s+hành|thông\s+qua|ký\s+ban\s+hành)\s+(?:vào\s+)?ngày\s*$", re.I
)


# a document's dating line, also where a page runs it into other text ("… LIÊN ĐỘI TRƯỜNG THCS
# An Lạc An Lạc, ngày 08 tháng 11 năm 2036 Số 10 KẾ HOẠCH …"): a place's name, a comma, the day
# in words or in figures ("An Lạc, ngày 08/11/2036"), then the line's end, the number or the
# title in capitals
_DATING_PLACE = re.compile(r"(?:^|\s)((?:\w[\w.]*\s+){0,5}\w[\w.]*)\s*,\s*ngày\s*$")
_DATING_DAY = re.compile(
    r"(?:\d{1,2}\s+tháng\s+\d{1,2}\s*,?\s*năm\s+|\d{1,2}([/.-])\d{1,2}\1)\d{4}(?![\d/.-])\s*",
    re.I,
)
_WEEKDAY_WORDS = re.compile(r"\b(?:thứ|chủ\s+nhật|sáng|chiều|tối|trưa)\b", re.I)


def dating_line(text: str, start: int) -> bool:
    """Whether the date at ``start`` is a document's own dating line ("Hà Nội, ngày 14 tháng 5
    năm 2036"): when the document was signed, never an event."""
    day = _DATING_DAY.match(text, start)
    place = _DATING_PLACE.search(text[max(0, start - 60) : start])
    if day is None or place is None or _WEEKDAY_WORDS.search(place[1]):
        return False
    if not all(word[0].isupper() or word[0].isdigit() for word in place[1].split()[-2:]):
        return False
    follows = text[day.end() : day.end() + 12].split()
    return not follows or follows[0].rstrip(":") == "Số" or follows[0].isupper()


def cited(text: str, start: int) -> bool:
    """Whether the date at ``start`` dates a cited document (or the document itself, on its
    dating line) rather than an event."""
    return cites_document(text, start) or dating_line(text, start)


def cites_document(text: str, start: int) -> bool:
    """Whether the date at ``start`` dates another document the text cites ("Quyết định số
    12/QĐ-TTg ngày 5/3/2036", "ban hành ngày …"), its own dating line not counted."""
    window = text[max(0, start - 90) : start]
    window = re.split(r"[;]", window)[-1]
    return bool(
        _NUMBER_BEFORE.search(window)
        or _KIND_NUMBER_BEFORE.search(window)
        or _ISSUED_BEFORE.search(window)
        or _KIND_DAY_BEFORE.search(window)
    )


# an hour of the day: "07h00", "8 giờ 30", "14g"
_CLOCK = re.compile(r"(?<![\d/])(?P<h>\d{1,2})\s*(?:h|giờ|g)\s*(?P<m>\d{2})?(?!\w)", re.I)


def first_hour(text: str) -> time | None:
    """The first hour of the day ``text`` gives ("07h00 – 11h00 ngày …"), if any."""
    match = _CLOCK.search(text)
    if match is None or int(match["h"]) > 23 or int(match["m"] or 0) > 59:
        return None
    return time(int(match["h"]), int(match["m"] or 0))


def resolve_day(when: When, year: int) -> date | None:
    """A day mention's date, ``year`` filling a year left out."""
    if when.day is None:
        return None
    try:
        return date(when.year or year, when.month, when.day)
    except ValueError:
        return None


_TENSE = re.compile(
    r"\b(?P<ahead>sẽ|dự\s+kiến|sắp(?!\s+xếp)|theo\s+lịch)\b|\b(?:đã|vừa)\s+(?:được\s+)?\w+", re.I
)


# words that tell something is to come; "chuẩn bị" does ("chuẩn bị khai mạc"), not when it names
# the work of preparing ("Hội nghị triển khai công tác chuẩn bị Đại hội …": that conference is
# held); nor does the plan a thing is measured against ("rút ngắn 1,5 ngày so với dự kiến")
AHEAD = r"sẽ|(?<!so\svới\s)dự\s+kiến|sắp|(?<!công\stác\s)(?<!việc\s)(?<!khâu\s)chuẩn\s+bị"


def told_as_coming(text: str, at: int) -> bool:
    """Whether the last word of tense before ``at`` in its clause says what is dated there is
    to come ("sẽ", "dự kiến", "theo lịch"), after an earlier "đã" that told something else
    done ("… đã tổ chức tập huấn … sẽ diễn ra từ 25/7 đến 06/8")."""
    left = max(text.rfind(";", 0, at) + 1, at - LOOK_BACK, 0)
    marks = list(_TENSE.finditer(text, left, at))
    return bool(marks) and marks[-1]["ahead"] is not None


# a month's beginning, middle or end standing for a day at one end of a span (Civil Code 2015
# art. 146: the 1st, the 15th, the last): "từ giữa tháng 4 đến giữa tháng 5", "diễn ra từ ngày
# 27-5 và kết thúc vào giữa tháng 9-2015"
_TERM = (
    r"(?P<{0}term>đầu|giữa|cuối)\s+tháng\s+(?P<{0}month>\d{{1,2}})"
    r"(?:\s*[/.-]\s*|\s+năm\s+)?(?P<{0}year>\d{{4}})?"
)
_DAY = (
    r"(?:ngày\s+)?(?P<{0}day>\d{{1,2}})\s*[/.-]\s*(?P<{0}dmonth>\d{{1,2}})"
    r"(?:\s*[/.-]\s*(?P<{0}dyear>\d{{4}}))?"
)
_TERM_RANGE = re.compile(
    rf"\btừ\s+(?:{_TERM.format('a')}|{_DAY.format('a')})\s*(?:(?:đến|tới)\s+(?:hết\s+)?|,?\s*và\s+"
    rf"kết\s+thúc\s+(?:vào\s+)?)(?:{_TERM.format('b')}|{_DAY.format('b')})(?![\d/])",
    re.I,
)
_TERM_DAYS = {"đầu": 1, "giữa": 15}


@dataclass(frozen=True)
class TermRange:
    """A span with an end said as a month's beginning, middle or end."""

    start: int
    end: int
    first: date
    last: date


def term_ranges(text: str, default_year: int) -> list[TermRange]:
    """The spans of ``text`` with at least one end said by a term of a month."""
    found = []
    for match in _TERM_RANGE.finditer(text):
        if not (match["aterm"] or match["bterm"]):
            continue  # two days: `ranges` reads them
        written = match["ayear"] or match["adyear"] or match["byear"] or match["bdyear"]
        year = int(written) if written else default_year
        try:
            first, last = _term_end(match, "a", year), _term_end(match, "b", year)
        except ValueError:
            continue
        if first.year != last.year and not (match["ayear"] or match["adyear"]):
            first = first.replace(year=last.year)
        if first <= last:
            found.append(TermRange(match.start(), match.end(), first, last))
    return found


def _term_end(match: re.Match[str], side: str, year: int) -> date:
    own = match[f"{side}year"] or match[f"{side}dyear"]
    year = int(own) if own else year
    if match[f"{side}term"]:
        month = int(match[f"{side}month"])
        term = match[f"{side}term"].casefold()
        return date(year, month, _TERM_DAYS.get(term) or last_day_of_month(year, month).day)
    return checked_date(year, int(match[f"{side}dmonth"]), int(match[f"{side}day"]), "")


# a closure that lasts to a day: "tiếp tục cho học sinh nghỉ học đến ngày 10/10", "các cơ sở tạm
# dừng hoạt động đến hết ngày 15/3", "trường đóng cửa tới ngày 2/5"
KEPT_OFF_UNTIL = re.compile(
    r"(?P<what>\b(?:nghỉ\s+học|nghỉ\s+làm(?:\s+việc)?|tạm\s+(?:dừng|ngừng|nghỉ|đóng\s+cửa)|"
    r"đóng\s+cửa|ngừng\s+hoạt\s+động|phong\s+tỏa|giãn\s+cách)[^.;:\d]{0,40}?)"
    r"\s*,?\s*(?:kéo\s+dài\s+)?(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?$",
    re.I,
)


def closure_until(text: str, start: int) -> re.Match[str] | None:
    """The closure whose last day is the date at ``start``, if one comes just before it: the
    day ends a phase, not a deadline."""
    return KEPT_OFF_UNTIL.search(before(text, start))
