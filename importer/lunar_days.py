"""Gatherings dated by days of the lunar calendar, as a Tết programme writes them: "Lễ kỷ
niệm … sẽ tổ chức vào lúc 7h30 ngày mùng 5 tháng Giêng năm Giáp Ngọ", "Hội thi đua thuyền sẽ
được tổ chức tại đầm … vào sáng ngày mùng 6 tết âm lịch", "… được tổ chức tại sân vận động
xã … vào các ngày mùng 7, 8 và 9 Tết âm lịch".

The day is turned into its solar day in the document's lunar year (or the year its can-chi
names: "năm Giáp Ngọ"), by `calendars.lunar`; the draft asks the office to check it. A lunar
day given with its solar one ("mùng 10 tháng 3 âm lịch (ngày 06/4/2036)") is read from the
solar day elsewhere; a holiday named by its days ("nghỉ từ mùng 1 đến mùng 5 Tết") is no
gathering: only what the clause says is held ("tổ chức", "diễn ra", "khai mạc") is read.
`lunar_day_at` gives one lunar day's solar day to `deadlines` ("trước rằm tháng 8 âm lịch"),
`can_chi_day` to `commemorations` ("ngày 12 tháng 6 năm Mậu Tuất").
"""

from __future__ import annotations

import re
from datetime import date
from itertools import pairwise

from calendars import lunar
from importer.context import Context
from importer.dates import first_hour
from importer.model import Meeting
from importer.text import Sentence, before, sentence_case
from translations import gettext as _

_STEMS = ("Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý")
_BRANCHES = ("Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi")
_SAME_BRANCH = {"Mẹo": "Mão", "Tị": "Tỵ"}

_CAN_CHI = rf"(?P<stem>{'|'.join(_STEMS)})\s+(?P<branch>{'|'.join((*_BRANCHES, *_SAME_BRANCH))})"
_MONTHS = {
    "giêng": 1, "hai": 2, "ba": 3, "tư": 4, "năm": 5, "sáu": 6,
    "bảy": 7, "tám": 8, "chín": 9, "mười": 10, "mười một": 11, "chạp": 12,
}  # fmt: skip
# "mùng 5 tháng Giêng", "các ngày mùng 7, 8 và 9 Tết", "ngày 15 tháng 7 âm lịch", "Rằm tháng
# Giêng" ("tháng Năm" in capitals only: "năm" is also the year's word)
_LUNAR_DAYS = re.compile(
    r"(?:(?:ngày\s+)?(?:mùng|mồng)\s+(?P<days>\d{1,2}(?:\s*(?:,|và|-|–|đến)\s*(?:mùng\s+|mồng\s+)?"
    r"\d{1,2})*)|ngày\s+(?P<day>\d{1,2})|(?:ngày\s+)?(?P<full>rằm))\s+"
    r"(?:(?P<tet>tết)|tháng\s+(?P<month>giêng|chạp|mười\s+một|mười|hai|ba|tư|(?-i:Năm)|sáu|bảy|"
    r"tám|chín|\d{1,2})(?!\s*[/.-]?\s*\d))"
    rf"(?:\s+(?:năm\s+)?{_CAN_CHI})?(?P<lunar>\s*\)?\s*\(?\s*(?:âm\s+lịch|ÂL)\b)?",
    re.I,
)


def extract(ctx: Context) -> list[Meeting]:
    """The gatherings the document dates by lunar days."""
    found: list[Meeting] = []
    for sentence in ctx.sentences():
        for match in _LUNAR_DAYS.finditer(sentence.text):
            meeting = _meeting(ctx, sentence, match)
            if meeting is not None:
                ctx.take(sentence, match.start(), match.end())
                found.append(meeting)
    return found


# the solar day given beside it: "(ngày 06/4/2036)", "(tức ngày 11/02/2036)", "tức 06/4"
_SOLAR_BESIDE = re.compile(r"\s*\)?\s*[(,]?\s*(?:tức\s+)?(?:ngày\s+)?\d{1,2}[/.-]\d{1,2}", re.I)
# what the clause says is held, and not as done ("tổ chức chính trị - xã hội" is a body)
_HELD = re.compile(
    r"\b(?:(?P<done>(?:đã|vừa)\s+(?:được\s+)?)?(?:tổ\s+chức(?!\s+(?:chính\s+trị|xã\s+hội|đoàn\s+thể|"
    r"hội|cá\s+nhân|quốc\s+tế|công\s+đoàn))|diễn\s+ra|khai\s+mạc|bế\s+mạc))\b",
    re.I,
)
# an aside that gives a solar day again in the lunar calendar: "(tức từ ngày 29 tháng Chạp …"
_SOLAR_FIRST = re.compile(r"^\s*(?:tức|nhằm)\b", re.I)


def _open_aside(lead: str) -> str:
    """What follows the last parenthesis still open in ``lead`` ("" when none is)."""
    depth = 0
    for at in range(len(lead) - 1, -1, -1):
        if lead[at] == ")":
            depth += 1
        elif lead[at] == "(":
            if depth == 0:
                return lead[at + 1 :]
            depth -= 1
    return ""


def _meeting(ctx: Context, sentence: Sentence, match: re.Match[str]) -> Meeting | None:
    text = sentence.text
    month = _month(match)
    if month is None or ctx.taken(sentence, match.start(), match.end()):
        return None
    if _SOLAR_BESIDE.match(text, match.end()):
        return None  # the solar day is written: read from it
    if _SOLAR_FIRST.search(_open_aside(before(text, match.start()))):
        return None  # "… ngày 23/01/2036 (tức từ ngày 29 tháng Chạp …)": the same day again
    lead = re.split(r"[.;]", before(text, match.start()))[-1]
    held = list(_HELD.finditer(lead))
    if not held or any(m["done"] for m in held):
        return None
    days = _solar_days(ctx, match, month)
    if not days or not all(ctx.plausible(d) for d in days):
        return None
    if ctx.issued is not None and days[-1] < ctx.issued:
        return None  # over before the page: told, not planned
    title = _name(lead)
    if not title:
        return None
    place = _PLACE.search(lead)
    written = " ".join(match.group().split())
    return Meeting(
        title=title,
        source=ctx.source(sentence),
        paragraph=sentence.paragraph.index,
        day=days[0],
        end=days[-1] if len(days) > 1 else None,
        start_time=first_hour(lead[-40:]),
        location=place["place"].strip() if place else None,
        review=[_("a day of the lunar calendar (%(lunar)s): check the solar day", lunar=written)],
    )


def lunar_day_at(ctx: Context, text: str, at: int) -> tuple[int, date] | None:
    """The one lunar day written at ``at`` ("rằm tháng 8 âm lịch", "mùng 10 tháng Giêng năm
    Canh Tý"): where its words end and its solar day. None when no lunar day stands there,
    when it lists several days, or when its solar day is written beside it (that day is read
    instead)."""
    match = _LUNAR_DAYS.match(text, at)
    if match is None or (month := _month(match)) is None or _SOLAR_BESIDE.match(text, match.end()):
        return None
    days = _solar_days(ctx, match, month)
    return (match.end(), days[0]) if len(days) == 1 else None


# a lunar day of a year named by its can-chi: "ngày 12 tháng 6 năm Mậu Tuất"
CAN_CHI_DAY = rf"ngày\s+(?P<day>\d{{1,2}})\s+tháng\s+(?P<month>\d{{1,2}})\s+năm\s+{_CAN_CHI}"


def can_chi_day(ctx: Context, match: re.Match[str]) -> date | None:
    """The solar day of a `CAN_CHI_DAY` match, in the year its can-chi names near the
    document's."""
    return lunar.to_solar(_lunar_year(ctx, match), int(match["month"]), int(match["day"]))


def _month(match: re.Match[str]) -> int | None:
    """The lunar month: Tết, tháng Giêng are the first, tháng Chạp the twelfth, and a full
    moon's ("Rằm tháng Bảy") is lunar; another month is lunar only when "âm lịch" follows."""
    if match["tet"]:
        return 1 if match["days"] else None
    word = " ".join(match["month"].casefold().split())
    month = int(word) if word.isdigit() else _MONTHS[word]
    lunar_by_name = word in ("giêng", "chạp") or match["full"]
    if not 1 <= month <= 12 or not (lunar_by_name or match["lunar"]):
        return None
    return month


def _solar_days(ctx: Context, match: re.Match[str], month: int) -> list[date]:
    """The solar days of the lunar days listed; the span from the first to the last when
    they follow one another ("mùng 7, 8 và 9"), else none."""
    if match["full"]:
        numbers = [15]
    else:
        numbers = [int(n) for n in re.findall(r"\d{1,2}", match["days"] or match["day"])]
    year = _lunar_year(ctx, match)
    days = [lunar.to_solar(year, month, n) for n in numbers]
    if any(d is None for d in days):
        return []
    solar = [d for d in days if d is not None]
    if any((b - a).days != 1 for a, b in pairwise(solar)):
        return []
    return [solar[0], solar[-1]] if len(solar) > 1 else solar


def _lunar_year(ctx: Context, match: re.Match[str]) -> int:
    """The lunar year a can-chi names near the document's year ("năm Giáp Ngọ" in a text of
    2014), else the document's year."""
    if match["stem"] and match["branch"]:
        stem = match["stem"].capitalize()
        branch = match["branch"].capitalize()
        branch = _SAME_BRANCH.get(branch, branch)
        for year in (ctx.year, ctx.year + 1, ctx.year - 1):
            if _STEMS[(year - 4) % 10] == stem and _BRANCHES[(year - 4) % 12] == branch:
                return year
    return ctx.year


_NAME_END = re.compile(
    r"\s+(?:sẽ|được|dự\s+kiến|tổ\s+chức|diễn\s+ra|vào|tại|lúc|khai\s+mạc)\b|\s*\(", re.I
)
_PLACE = re.compile(r"\btại\s+(?P<place>[^,;.()]{3,120}?)(?=\s+vào\b|\s*[,;.()]|$)", re.I)


def _name(lead: str) -> str:
    """The gathering's name: the last clause before the day, up to its verb ("Trong khuôn
    khổ …, Hội thi đua thuyền sẽ được tổ chức tại đầm Trà Ổ vào sáng" → "Hội thi đua
    thuyền")."""
    clauses = [c for c in re.split(r",\s+|:\s*", lead) if len(c.split()) >= 2]
    if not clauses:
        return ""
    clause = re.sub(r"^\W*(?:Theo\s+đó|Theo\s+kế\s+hoạch|Trong\s+đó)\s*,?\s*", "", clauses[-1])
    end = _NAME_END.search(clause)
    name = clause[: end.start()] if end else clause
    words = name.split()[:16]
    return sentence_case(" ".join(words).strip(" ,.:;-")) if len(words) >= 2 else ""
