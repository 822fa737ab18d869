"""Property tests over many years (1990–2100): every computed day keeps its promises."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from calendars import anniversaries as anniv
from calendars import workdays
from calendars.workdays import WorkCalendar
from config.catalog import anniversaries

CAL = WorkCalendar()
FIRST, LAST = date(1990, 1, 1), date(2100, 12, 31)
days = st.dates(min_value=FIRST, max_value=LAST)
policies = st.sampled_from(["next_working_day", "previous_working_day"])


@cache
def longest_break() -> int:
    """The longest run of consecutive days off, 1990–2100 (Tết with its weekends)."""
    longest = run = 0
    day = FIRST - timedelta(days=30)
    while day <= LAST + timedelta(days=30):
        run = 0 if CAL.is_working_day(day) else run + 1
        longest = max(longest, run)
        day += timedelta(days=1)
    return longest


def test_the_longest_break_is_a_tet_break() -> None:
    # Tết is 5 days by law; joined to weekends and swaps it has reached 9 days, never 2 weeks.
    assert 5 <= longest_break() <= 12


@settings(max_examples=400, deadline=None)
@given(day=days, policy=policies)
def test_the_effective_day_is_a_working_day_close_to_the_nominal(day: date, policy: str) -> None:
    resolved = CAL.apply_policy(day, policy)  # type: ignore[arg-type]
    assert CAL.is_working_day(resolved.effective)
    shift = (resolved.effective - day).days
    assert abs(shift) <= longest_break()
    if policy == "next_working_day":
        assert shift >= 0
        assert all(not CAL.is_working_day(day + timedelta(days=i)) for i in range(shift))
    else:
        assert shift <= 0
        assert all(not CAL.is_working_day(day - timedelta(days=i)) for i in range(-shift))
    assert (shift == 0) == CAL.is_working_day(day)


@settings(max_examples=200, deadline=None)
@given(day=days)
def test_keep_never_moves(day: date) -> None:
    resolved = CAL.apply_policy(day, "keep")
    assert resolved.nominal == resolved.effective == day


@settings(max_examples=200, deadline=None)
@given(day=days, count=st.integers(min_value=1, max_value=30))
def test_n_working_days_after_counts_exactly_n(day: date, count: int) -> None:
    end = workdays.after_days(CAL, day, count, working_days=True)
    assert CAL.is_working_day(end)
    assert CAL.working_days_between(day, end) == count


@settings(max_examples=200, deadline=None)
@given(day=days)
def test_before_is_the_previous_calendar_day(day: date) -> None:
    assert workdays.before(day) == day - timedelta(days=1)


@settings(max_examples=200, deadline=None)
@given(year=st.integers(1990, 2100), month=st.integers(1, 12))
def test_within_month_is_the_months_last_day(year: int, month: int) -> None:
    last = workdays.within_month(year, month)
    assert (last.year, last.month) == (year, month)
    assert (last + timedelta(days=1)).day == 1
    assert workdays.fuzzy_day("cuoi_thang", year, month) == last


@settings(max_examples=300, deadline=None)
@given(
    code=st.sampled_from(sorted(c for c, a in anniversaries().items() if a.origin)),
    year=st.integers(1990, 2100),
)
def test_the_count_is_year_minus_origin(code: str, year: int) -> None:
    origin = anniversaries()[code].origin
    assert origin is not None
    if year <= origin.year:
        return
    years = anniv.years_since(origin, year)
    assert years == year - origin.year
    kind = anniv.round_kind(years)
    assert (kind == "năm tròn") == (years % 10 == 0)
    assert (kind == "năm lẻ 5") == (years % 5 == 0 and years % 10 != 0)
    day = anniv.day_in_year(origin, year)
    assert (day.month, day.day) == (origin.month, origin.day)
    title = anniv.commemoration_title(anniversaries()[code].name, origin, day)
    assert title.startswith(f"{years} năm ")


@settings(max_examples=100, deadline=None)
@given(year=st.integers(2007, 2100))
def test_gio_to_is_a_day_off_in_march_or_april(year: int) -> None:
    day = anniv.lunar_day_in_year(10, 3, year)
    assert day is not None
    assert day.month in (3, 4, 5)
    assert not CAL.is_working_day(day)
