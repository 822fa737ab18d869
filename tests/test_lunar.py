"""The Vietnamese lunar calendar (`calendars.lunar`) against independent sources.

- Hồ Ngọc Đức's precomputed tables (as shipped by the `vnlunar` package, a test-only
  dependency): every day from 1968, when Vietnam's calendar moved to UTC+7, to 2053;
- the astronomical method as `vnlunar` implements it, independently written, on days drawn
  by hypothesis over 1900–2100 (the tables come from a finer ephemeris and differ in three
  months after 2053 whose new moons fall within minutes of midnight);
- the `holidays` package's own tables of Tết and Giỗ Tổ Hùng Vương, 1968–2099;
- the days the published calendars give (Giỗ Tổ 2005 and 2006, before it was a holiday).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import vnlunar
from holidays.calendars.chinese import VIETNAMESE_CALENDAR, _ChineseLunisolar
from hypothesis import given, settings
from hypothesis import strategies as st

from calendars import lunar
from calendars.anniversaries import lunar_day_in_year


def _as_tuple(record: dict[str, int]) -> tuple[int, int, bool, int]:
    return (record["year"], record["month"], bool(record["leap"]), record["day"])


def _mine(day: date) -> tuple[int, int, bool, int]:
    found = lunar.to_lunar(day)
    return (found.year, found.month, found.leap, found.day)


def test_every_day_1968_to_2053_matches_ho_ngoc_ducs_tables() -> None:
    day, wrong = date(1968, 1, 1), []
    while day <= date(2053, 12, 31):
        table = _as_tuple(vnlunar.get_lunar_date_from_table(day.day, day.month, day.year))
        if table != _mine(day):
            wrong.append((day, table, _mine(day)))
        day += timedelta(days=1)
    assert wrong == []


@settings(max_examples=3000, deadline=None)
@given(day=st.dates(date(1900, 2, 1), date(2100, 12, 31)))
def test_solar_to_lunar_matches_an_independent_implementation(day: date) -> None:
    # The meridian changed with the calendar of 1968, whose month 11 began in December
    # 1967; vnlunar takes the zone by the solar year, so the weeks between are left out.
    if date(1967, 11, 1) <= day <= date(1967, 12, 31):
        return
    zone = 7.0 if day.year >= 1968 else 8.0
    other = vnlunar.convert_solar_to_lunar(day.day, day.month, day.year, zone)
    assert _mine(day) == _as_tuple(other)


@settings(max_examples=2000, deadline=None)
@given(day=st.dates(date(1900, 3, 1), date(2100, 11, 30)))
def test_lunar_to_solar_goes_back_to_the_same_day(day: date) -> None:
    found = lunar.to_lunar(day)
    assert lunar.to_solar(found.year, found.month, found.day, found.leap) == day
    length = lunar.month_length(found.year, found.month, found.leap)
    assert length in (29, 30)
    assert lunar.to_solar(found.year, found.month, length + 1, found.leap) is None


@pytest.mark.parametrize("year", range(1968, 2100))
def test_tet_and_gio_to_match_the_holidays_packages_tables(year: int) -> None:
    tables = _ChineseLunisolar(VIETNAMESE_CALENDAR)
    assert lunar.tet(year) == tables.lunar_new_year_date(year)[0]
    assert lunar_day_in_year(10, 3, year) == tables.hung_kings_date(year)[0]


def test_gio_to_has_a_day_before_it_was_a_holiday() -> None:
    # Giỗ Tổ became a public holiday in 2007; a commemoration in 2005 or 2006 still has a day.
    assert lunar_day_in_year(10, 3, 2005) == date(2005, 4, 18)
    assert lunar_day_in_year(10, 3, 2006) == date(2006, 4, 7)


def test_vietnamese_and_chinese_new_years_differ_where_the_meridian_decides() -> None:
    assert lunar.tet(1985) == date(1985, 1, 21)  # China: 20/02/1985
    assert lunar.tet(2030) == date(2030, 2, 2)  # China: 03/02/2030


def test_a_leap_month_is_its_own_month() -> None:
    # 2023 (Quý Mão) had a leap second month: 22/03/2023 was 1/2 nhuận.
    assert lunar.to_lunar(date(2023, 3, 22)) == lunar.LunarDay(2023, 2, True, 1)
    assert lunar.to_solar(2023, 2, 1, leap=True) == date(2023, 3, 22)
    assert lunar.to_solar(2024, 2, 1, leap=True) is None
    # A yearly lunar day is kept in the ordinary month, not the leap one.
    assert lunar.in_solar_year(2, 15, 2023) == date(2023, 3, 6)
