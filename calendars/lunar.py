"""The Vietnamese lunar calendar (âm lịch): solar ↔ lunar days, in every year.

Hồ Ngọc Đức's published method: new moons and the sun's longitude from Jean Meeus'
"Astronomical Algorithms", taken in the time zone of the calendar in force — UTC+7 since
1968, UTC+8 before (Vietnam kept the Chinese calendar's meridian until then). Month 11
is the month of the winter solstice; in a 13-month year the leap month is the first one
without a major solar term. That is why Tết 1985 fell on 21/01 here and on 20/02 in China.

`holidays` carries a few lunar holidays from tables, not arbitrary lunar days, and the
lunar packages on PyPI compute either the Chinese calendar (UTC+8 throughout) or come
with unclear licences: the method is short and public, so it lives here, and the tests
check it against Hồ Ngọc Đức's own precomputed tables over 1900–2100.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

_EPOCH_JD = 2415021.076998695  # the new moon of 1 January 1900 (k = 0)
_SYNODIC = 29.530588853
_ORDINAL_TO_JD = 1721425  # date.toordinal() + this = Julian day number


@dataclass(frozen=True, order=True)
class LunarDay:
    """A day of the lunar calendar; ``year`` is the lunar year (Tết starts it)."""

    year: int
    month: int
    leap: bool
    day: int


def _time_zone(year: int) -> float:
    return 7.0 if year >= 1968 else 8.0


def _jd(day: date) -> int:
    return day.toordinal() + _ORDINAL_TO_JD


def _from_jd(jd: int) -> date:
    return date.fromordinal(jd - _ORDINAL_TO_JD)


def _new_moon(k: int, zone: float) -> int:
    """The Julian day (local) of the k-th new moon after 1 January 1900."""
    t = k / 1236.85
    t2, t3 = t * t, t * t * t
    dr = math.pi / 180
    jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
    jd1 += 0.00033 * math.sin((166.56 + 132.87 * t - 0.009173 * t2) * dr)
    m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3
    mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3
    f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3
    c1 = (0.1734 - 0.000393 * t) * math.sin(m * dr) + 0.0021 * math.sin(2 * dr * m)
    c1 += -0.4068 * math.sin(mpr * dr) + 0.0161 * math.sin(dr * 2 * mpr)
    c1 += -0.0004 * math.sin(dr * 3 * mpr)
    c1 += 0.0104 * math.sin(dr * 2 * f) - 0.0051 * math.sin(dr * (m + mpr))
    c1 += -0.0074 * math.sin(dr * (m - mpr)) + 0.0004 * math.sin(dr * (2 * f + m))
    c1 += -0.0004 * math.sin(dr * (2 * f - m)) - 0.0006 * math.sin(dr * (2 * f + mpr))
    c1 += 0.0010 * math.sin(dr * (2 * f - mpr)) + 0.0005 * math.sin(dr * (2 * mpr + m))
    if t < -11:
        delta_t = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    else:
        delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2
    return math.floor(jd1 + c1 - delta_t + 0.5 + zone / 24)


def _sun_sector(jd: int, zone: float) -> int:
    """The sun's longitude at local midnight starting ``jd``, in 30° sectors (0–11)."""
    t = (jd - 2451545.5 - zone / 24) / 36525
    t2 = t * t
    dr = math.pi / 180
    m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
    l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
    dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * math.sin(dr * m)
    dl += (0.019993 - 0.000101 * t) * math.sin(dr * 2 * m) + 0.000290 * math.sin(dr * 3 * m)
    longitude = (l0 + dl) * dr
    longitude -= math.pi * 2 * math.floor(longitude / (math.pi * 2))
    return math.floor(longitude / math.pi * 6)


@lru_cache(maxsize=512)
def _month_11(year: int, zone: float) -> int:
    """The Julian day of the first day of the month holding the winter solstice of ``year``."""
    k = math.floor((_jd(date(year, 12, 31)) - 2415021) / _SYNODIC)
    moon = _new_moon(k, zone)
    if _sun_sector(moon, zone) >= 9:
        moon = _new_moon(k - 1, zone)
    return moon


def _leap_offset(a11: int, zone: float) -> int:
    """Which month after month 11 is the leap one (the first without a major term)."""
    k = math.floor((a11 - _EPOCH_JD) / _SYNODIC + 0.5)
    last, i = 0, 1
    arc = _sun_sector(_new_moon(k + i, zone), zone)
    while arc != last and i < 14:
        last = arc
        i += 1
        arc = _sun_sector(_new_moon(k + i, zone), zone)
    return i - 1


@dataclass(frozen=True)
class _Month:
    start: int  # Julian day of its first day
    end: int  # Julian day of the next month's first day
    year: int
    number: int
    leap: bool


@lru_cache(maxsize=256)
def _months(lunar_year: int) -> tuple[_Month, ...]:
    """The months from month 11 of the year before up to (not including) month 11 of
    ``lunar_year``: 11 and 12 of the year before, then 1 to 10 of ``lunar_year``, with a
    leap month somewhere when there are 13."""
    zone = _time_zone(lunar_year)
    a11, b11 = _month_11(lunar_year - 1, zone), _month_11(lunar_year, zone)
    k = math.floor(0.5 + (a11 - _EPOCH_JD) / _SYNODIC)
    count = round((b11 - a11) / _SYNODIC)
    leap = _leap_offset(a11, zone) if count == 13 else None
    starts = [_new_moon(k + i, zone) for i in range(count)] + [b11]
    months: list[_Month] = []
    number, year = 10, lunar_year - 1
    for i in range(count):
        is_leap = leap is not None and i == leap
        if not is_leap:
            number = number % 12 + 1
            if number == 1:
                year = lunar_year
        months.append(_Month(starts[i], starts[i + 1], year, number, is_leap))
    return tuple(months)


def to_lunar(day: date) -> LunarDay:
    """The lunar day of a solar day."""
    jd = _jd(day)
    for lunar_year in (day.year, day.year + 1):
        for month in _months(lunar_year):
            if month.start <= jd < month.end:
                return LunarDay(month.year, month.number, month.leap, jd - month.start + 1)
    raise ValueError(f"{day} is outside the computed lunar years")


def _find_month(year: int, number: int, leap: bool) -> _Month | None:
    for month in _months(year + 1 if number >= 11 else year):
        if (month.year, month.number, month.leap) == (year, number, leap):
            return month
    return None


def month_length(year: int, month: int, leap: bool = False) -> int | None:
    """Days in a lunar month (29 or 30); None when that (leap) month does not exist."""
    found = _find_month(year, month, leap)
    return None if found is None else found.end - found.start


def to_solar(year: int, month: int, day: int, leap: bool = False) -> date | None:
    """The solar day of a lunar day; None when that day does not exist (a 30th of a short
    month, a leap month the year does not have)."""
    found = _find_month(year, month, leap)
    if found is None or not 1 <= day <= found.end - found.start:
        return None
    return _from_jd(found.start + day - 1)


def in_solar_year(month: int, day: int, year: int) -> date | None:
    """The day a yearly lunar date (day/month, not leap) falls on in solar ``year``: the
    occurrence of lunar year ``year``, or for months 11 and 12 the one inside ``year``; a
    30th in a month of 29 days is kept on the month's last day, the 29th."""
    for lunar_year in (year, year - 1):
        length = month_length(lunar_year, month) or 29
        solar = to_solar(lunar_year, month, min(day, length))
        if solar is not None and solar.year == year:
            return solar
    return None


def tet(year: int) -> date:
    """Mùng một Tết of lunar ``year``."""
    found = to_solar(year, 1, 1)
    assert found is not None
    return found


def days_before_tet(day: date) -> int:
    """How many days ``day`` lies before the next Tết (0 on Tết itself)."""
    return (tet(to_lunar(day + timedelta(days=1)).year + 1) - day).days
