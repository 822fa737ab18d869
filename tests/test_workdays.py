"""Vietnamese working days and deadline resolution, from real calendars and the seeds.

Expected days are written out from the published calendars (Vietnamese lunar calendar,
government holiday notices), not read back from the `holidays` package.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from calendars import workdays
from calendars.anniversaries import lunar_day_in_year
from calendars.workdays import WorkCalendar
from config.catalog import WorkdayChanges, workday_changes

CAL = WorkCalendar()

# Mùng một Tết and Giỗ Tổ Hùng Vương (10/3 âm lịch), 2024–2030.
TET = {
    2024: date(2024, 2, 10),
    2025: date(2025, 1, 29),
    2026: date(2026, 2, 17),
    2027: date(2027, 2, 6),
    2028: date(2028, 1, 26),
    2029: date(2029, 2, 13),
    2030: date(2030, 2, 2),  # the Chinese calendar has 3 February: the new moon is at 23:07 UTC+7
}
GIO_TO = {
    2024: date(2024, 4, 18),
    2025: date(2025, 4, 7),
    2026: date(2026, 4, 26),
    2027: date(2027, 4, 16),
    2028: date(2028, 4, 4),
    2029: date(2029, 4, 23),
    2030: date(2030, 4, 12),
}


@pytest.mark.parametrize("year", sorted(TET))
def test_tet_is_a_day_off_and_starts_the_break(year: int) -> None:
    tet = TET[year]
    assert CAL.holiday_name(tet) == "Tết Nguyên Đán"
    assert not CAL.is_working_day(tet)
    assert not CAL.is_working_day(tet - timedelta(days=1))  # Giao thừa
    for offset in range(1, 4):  # mùng 2, 3, 4 (Labour Code 2019 art. 112: 5 days)
        assert not CAL.is_working_day(tet + timedelta(days=offset))


@pytest.mark.parametrize("year", sorted(GIO_TO))
def test_gio_to_hung_vuong_follows_the_vietnamese_lunar_calendar(year: int) -> None:
    assert lunar_day_in_year(10, 3, year) == GIO_TO[year]
    assert not CAL.is_working_day(GIO_TO[year])


@pytest.mark.parametrize(
    ("year", "vietnam", "china"),
    [
        (1968, date(1968, 1, 29), date(1968, 1, 30)),
        (1985, date(1985, 1, 21), date(1985, 2, 20)),
        (2007, date(2007, 2, 17), date(2007, 2, 18)),
    ],
)
def test_tet_is_computed_for_utc_plus_7_not_for_china(
    year: int, vietnam: date, china: date
) -> None:
    assert CAL.holiday_name(vietnam) == "Tết Nguyên Đán"
    assert CAL.holiday_name(china) != "Tết Nguyên Đán"


def test_2024_tet_break_moves_a_deadline_both_ways() -> None:
    # "trước ngày 10/02/2024": the last day is 09/02 (Giao thừa), inside the break 08–14/02.
    nominal = workdays.before(date(2024, 2, 10))
    assert nominal == date(2024, 2, 9)
    assert CAL.apply_policy(nominal, "next_working_day").effective == date(2024, 2, 15)
    assert CAL.apply_policy(nominal, "previous_working_day").effective == date(2024, 2, 7)
    kept = CAL.apply_policy(nominal, "keep")
    assert (kept.nominal, kept.effective, kept.moved) == (nominal, nominal, False)


def test_2025_swap_saturday_worked_friday_off() -> None:
    assert CAL.is_working_day(date(2025, 4, 26))  # Saturday, worked
    assert not CAL.is_working_day(date(2025, 5, 2))  # Friday, off in exchange
    assert CAL.next_working_day(date(2025, 4, 30)) == date(2025, 5, 5)


def test_weekends_and_plain_days() -> None:
    assert CAL.is_working_day(date(2024, 3, 5))  # a Tuesday
    assert not CAL.is_working_day(date(2024, 3, 9))  # a Saturday
    assert CAL.next_working_day(date(2024, 3, 9)) == date(2024, 3, 11)
    assert CAL.previous_working_day(date(2024, 3, 10)) == date(2024, 3, 8)
    assert CAL.next_working_day(date(2024, 3, 5)) == date(2024, 3, 5)


def test_seed_deadlines_resolve_as_the_documents_mean() -> None:
    # Seed 004: "trước ngày 30/6/2023" → Thursday 29/06/2023, a working day.
    assert CAL.apply_policy(workdays.before(date(2023, 6, 30)), "next_working_day").effective == (
        date(2023, 6, 29)
    )
    # Seed 000: "trước ngày 15/02/2024" → 14/02/2024 is mùng 5 Tết → Thursday 15/02.
    resolved = CAL.apply_policy(workdays.before(date(2024, 2, 15)), "next_working_day")
    assert (resolved.nominal, resolved.effective) == (date(2024, 2, 14), date(2024, 2, 15))
    # Seed 002: "kết thúc trong tháng 7/2024" → Wednesday 31/07/2024.
    assert workdays.within_month(2024, 7) == date(2024, 7, 31)


@pytest.mark.parametrize(
    ("term", "month", "expected"),
    [
        ("dau_thang", 2, date(2024, 2, 1)),
        ("giua_thang", 2, date(2024, 2, 15)),
        ("cuoi_thang", 2, date(2024, 2, 29)),  # a leap year
        ("dau_nam", None, date(2024, 1, 1)),
        ("giua_nam", None, date(2024, 6, 30)),  # art. 146: the last day of June
        ("cuoi_nam", None, date(2024, 12, 31)),
    ],
)
def test_civil_code_article_146_fuzzy_days(term: str, month: int | None, expected: date) -> None:
    assert workdays.fuzzy_day(term, 2024, month) == expected  # type: ignore[arg-type]


def test_article_147_does_not_count_the_first_day() -> None:
    # "10 ngày kể từ ngày 05/03/2024" ends on 15/03; "5 ngày làm việc" from Friday 09/02/2024
    # (in the Tết break) counts 15, 16, 19, 20, 21 February.
    assert workdays.after_days(CAL, date(2024, 3, 5), 10, working_days=False) == date(2024, 3, 15)
    assert workdays.after_days(CAL, date(2024, 2, 9), 5, working_days=True) == date(2024, 2, 21)
    assert CAL.working_days_between(date(2024, 2, 9), date(2024, 2, 21)) == 5


def test_configured_swaps_and_local_days_off(tmp_path: Path) -> None:
    local = tmp_path / "workdays.yaml"
    local.write_text(
        "swaps:\n"
        "  - {work: 2031-01-04, off: 2031-01-03, source: Thông báo số 1/TB-BNV}\n"
        "days_off:\n"
        "  - {date: 2031-03-10, name: Ngày giải phóng tỉnh}\n",
        encoding="utf-8",
    )
    cal = WorkCalendar(workday_changes(local))
    assert cal.is_working_day(date(2031, 1, 4))  # a Saturday, worked
    assert not cal.is_working_day(date(2031, 1, 3))  # a Friday, off
    assert cal.holiday_name(date(2031, 1, 3)) == "Ngày nghỉ (thay cho ngày 04/01/2031)"
    assert cal.holiday_name(date(2031, 3, 10)) == "Ngày giải phóng tỉnh"
    assert cal.next_working_day(date(2031, 3, 10)) == date(2031, 3, 11)
    assert CAL.is_working_day(date(2031, 1, 3))  # the shipped calendar alone is unchanged


def test_a_worked_day_listed_alone_is_a_working_day() -> None:
    changes = WorkdayChanges.model_validate({"working_days": [{"date": "2031-02-08"}]})
    assert WorkCalendar(changes).is_working_day(date(2031, 2, 8))
