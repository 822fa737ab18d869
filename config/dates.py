"""Dates as files write them: ISO (``2024-02-15``) or Vietnamese (``15/02/2024``, ``15/2/2024``),
months (``2024-07``, ``7/2024``) and days of the year (``03/02``).

Every parser raises `ValueError` with a message that says, in plain words, why the text is
not a date: "31/02/2024 is not a date: February 2024 has 29 days".
"""

from __future__ import annotations

import calendar
import re
from datetime import date, time, timedelta

from translations import N_, said

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_VN = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_VN_MONTH = re.compile(r"^(\d{1,2})[/.-](\d{4})$")
_DAY_MONTH = re.compile(r"^(\d{1,2})[/.-](\d{1,2})$")
_TIME = re.compile(r"^(\d{1,2})[:hg](\d{2})?$")

# The years a date may name. Commemorations count from origins as old as 1800; the days a
# campaign dates (its period, events and deadlines) lie within CAMPAIGN_YEARS. Beyond them a
# date is a typo (31/12/9999), and arithmetic on it would leave Python's calendar.
MIN_YEAR = 1800
MAX_YEAR = 2200
CAMPAIGN_YEARS = (1900, MAX_YEAR)

# Month names as msgids, indexed by month number (the stdlib's follow the locale):
# "February 2024 has 29 days" is "tháng 2 năm 2024 có 29 ngày".
MONTHS = (
    "",
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)


def checked_date(year: int, month: int, day: int, text: str) -> date:
    """Build a date or say exactly why it does not exist."""
    if not 1 <= month <= 12:
        raise ValueError(
            said("%(text)s is not a date: there is no month %(month)d", text=text, month=month)
        )
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise ValueError(
            said(
                "%(text)s is not a date: %(month)s %(year)d has %(last)d days",
                text=text,
                month=said(MONTHS[month]),
                year=year,
                last=last,
            )
        )
    if year < MIN_YEAR:
        raise ValueError(
            said(
                "%(text)s is not a date this service handles (year before %(limit)d)",
                text=text,
                limit=MIN_YEAR,
            )
        )
    if year > MAX_YEAR:
        raise ValueError(
            said(
                "%(text)s is not a date this service handles (year after %(limit)d)",
                text=text,
                limit=MAX_YEAR,
            )
        )
    return date(year, month, day)


def campaign_day(day: date) -> date:
    """``day`` when a campaign may date it (within CAMPAIGN_YEARS), else `ValueError`."""
    low, high = CAMPAIGN_YEARS
    if not low <= day.year <= high:
        raise ValueError(
            said(
                "%(day)s is outside the years a campaign may date (%(low)d–%(high)d)",
                day=vn_date(day),
                low=low,
                high=high,
            )
        )
    return day


def shift_days(day: date, days: int) -> date:
    """``day`` moved by ``days``, held at the calendar's ends instead of overflowing: what is
    already stored must never stop a feed or a dispatch run with an `OverflowError`."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def parse_date(value: object) -> date:
    """A day from ISO or dd/mm/yyyy text (or a `date` already)."""
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if match := _ISO.match(text):
        year, month, day = (int(g) for g in match.groups())
        return checked_date(year, month, day, text)
    if match := _VN.match(text):
        day, month, year = (int(g) for g in match.groups())
        return checked_date(year, month, day, text)
    raise ValueError(
        said("%(text)s is not a date: write 2024-02-15 or 15/02/2024", text=repr(text))
    )


def parse_month(value: object) -> tuple[int, int]:
    """A (year, month) from ``2024-07`` or ``7/2024``."""
    text = str(value).strip()
    if match := _ISO_MONTH.match(text):
        year, month = int(match[1]), int(match[2])
    elif match := _VN_MONTH.match(text):
        month, year = int(match[1]), int(match[2])
    else:
        raise ValueError(said("%(text)s is not a month: write 2024-07 or 7/2024", text=repr(text)))
    if not 1 <= month <= 12:
        raise ValueError(
            said("%(text)s is not a month: there is no month %(month)d", text=text, month=month)
        )
    low, high = CAMPAIGN_YEARS
    if not low <= year <= high:
        raise ValueError(
            said(
                "%(text)s is outside the years a campaign may date (%(low)d–%(high)d)",
                text=text,
                low=low,
                high=high,
            )
        )
    return year, month


def parse_day_month(value: object) -> tuple[int, int]:
    """A (day, month) from ``03/02``; 29/02 is allowed (it falls on 28/02 in common years)."""
    text = str(value).strip()
    match = _DAY_MONTH.match(text)
    if not match:
        raise ValueError(
            said("%(text)s is not a day of the year: write 03/02 for 3 February", text=repr(text))
        )
    day, month = int(match[1]), int(match[2])
    checked_date(2024, month, day, text)  # 2024 is a leap year: admits 29/02
    return day, month


def parse_time(value: object) -> time:
    """A time of day from ``08:00``, ``8h30`` or ``14g``."""
    if isinstance(value, time):
        return value
    text = str(value).strip()
    match = _TIME.match(text)
    if not match:
        raise ValueError(
            said("%(text)s is not a time of day: write 08:00 or 14:30", text=repr(text))
        )
    hour, minute = int(match[1]), int(match[2] or 0)
    if hour > 23 or minute > 59:
        raise ValueError(said("%(text)s is not a time of day", text=text))
    return time(hour, minute)


def last_day_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def vn_date(day: date) -> str:
    """dd/mm/yyyy, the way Vietnamese documents write a day."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"
