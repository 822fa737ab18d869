""" "N năm" numbering of commemorations and round anniversaries.

The count in a year is year − origin year ("80 năm" in 2024 for 22/12/1944). Decree
145/2013/NĐ-CP art. 3 calls a count that is a multiple of 10 "năm tròn" and one that is a
multiple of 5 but not of 10 "năm lẻ 5"; both are celebrated on a larger scale.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from calendars import lunar
from config.catalog import Anniversary
from config.dates import vn_date

RoundKind = Literal["năm tròn", "năm lẻ 5"]


def years_since(origin: date, year: int) -> int:
    """The count of a commemoration in ``year``."""
    return year - origin.year


def round_kind(years: int) -> RoundKind | None:
    """Decree 145/2013/NĐ-CP art. 3: multiples of 10, then of 5; else not a round year."""
    if years <= 0 or years % 5:
        return None
    return "năm tròn" if years % 10 == 0 else "năm lẻ 5"


def day_in_year(origin: date, year: int) -> date:
    """The origin's day and month in ``year`` (29/02 falls on 28/02 in common years)."""
    try:
        return origin.replace(year=year)
    except ValueError:
        return date(year, 2, 28)


def lunar_day_in_year(day: int, month: int, year: int) -> date | None:
    """The solar day of a yearly lunar day in ``year``, by the Vietnamese lunar calendar
    (`calendars.lunar`), in every year, holiday or not: Giỗ Tổ Hùng Vương (10/3) was
    18/04/2005 and 07/04/2006, before it became a public holiday."""
    return lunar.in_solar_year(month, day, year)


def occurrence_day(anniversary: Anniversary, year: int) -> date | None:
    """When a catalog day falls in ``year``."""
    if anniversary.origin is not None:
        return day_in_year(anniversary.origin, year)
    if anniversary.lunar is not None:
        return lunar_day_in_year(anniversary.lunar[0], anniversary.lunar[1], year)
    return None


def commemoration_title(name: str, origin: date | None, day: date, *, counted: bool = True) -> str:
    """ "94 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 – 03/02/2024)"; a day whose
    years are not counted ("Ngày Môi trường thế giới (05/06/2024)"), or in its first year, by
    its day alone (no "0 năm")."""
    if origin is None or not counted or day.year <= origin.year:
        return f"{name} ({vn_date(day)})"
    return f"{years_since(origin, day.year)} năm {name} ({vn_date(origin)} – {vn_date(day)})"
