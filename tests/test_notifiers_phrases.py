"""The phrases every template shares: a day with its weekday, days left, a day off, the
document reference — in Vietnamese and English."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from calendars.timeline import WEEKDAY_NAMES
from notifiers.base import DocumentRef
from notifiers.phrases import Phrases

VI, EN = Phrases("vi"), Phrases("en")


def test_days_with_weekdays() -> None:
    assert VI.day(date(2024, 2, 15)) == "Thứ Năm, 15/02/2024"
    assert VI.day(date(2024, 2, 18)) == "Chủ nhật, 18/02/2024"
    assert EN.day(date(2024, 2, 15)) == "Thursday, 15 February 2024"


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_the_weekday_is_the_calendar_s(day: date) -> None:
    assert VI.day(day).startswith(WEEKDAY_NAMES[day.weekday()] + ", ")
    assert VI.day(day).endswith(f"{day.day:02d}/{day.month:02d}/{day.year}")
    assert EN.day(day).startswith(day.strftime("%A") + ", ")


@given(st.integers(min_value=-1000, max_value=1000))
def test_days_left_says_which_side_of_the_deadline(days: int) -> None:
    vi, en = VI.days_left(days), EN.days_left(days)
    if days > 0:
        assert vi == f"còn {days} ngày"
        assert en == (f"{days} day left" if days == 1 else f"{days} days left")
    elif days == 0:
        assert (vi, en) == ("hôm nay là hạn cuối", "today is the last day")
    else:
        assert vi == f"đã quá hạn {-days} ngày"
        assert en == (f"{-days} day overdue" if days == -1 else f"{-days} days overdue")


def test_a_day_off_names_its_reason_unless_it_is_the_weekday() -> None:
    tet = date(2024, 2, 14)
    assert VI.day_off(tet, "Mùng năm Tết Nguyên Đán") == (
        "Thứ Tư, 14/02/2024, ngày nghỉ Mùng năm Tết Nguyên Đán"
    )
    saturday = tet + timedelta(days=3)
    assert VI.day_off(saturday, WEEKDAY_NAMES[5]) == "Thứ Bảy, 17/02/2024, ngày nghỉ"
    assert VI.day_off(saturday + timedelta(days=1), "Chủ nhật") == "Chủ nhật, 18/02/2024, ngày nghỉ"
    assert EN.day_off(saturday, "Thứ Bảy") == "Saturday, 17 February 2024, a day off: Thứ Bảy"
    assert EN.day_off(tet, None) == "Wednesday, 14 February 2024, a day off"


def test_document_references() -> None:
    full = DocumentRef("Kế hoạch", "UBND tỉnh Phú Thọ", "12/KH-UBND", date(2024, 1, 5))
    assert VI.document(full) == "Kế hoạch số 12/KH-UBND ngày 05/01/2024 của UBND tỉnh Phú Thọ"
    assert EN.document(full) == (
        "Plan (Kế hoạch) No. 12/KH-UBND of 5 January 2024 issued by UBND tỉnh Phú Thọ"
    )
    blank = DocumentRef("Công văn", "UBND tỉnh Vĩnh Phúc")  # seed 000: number and day left blank
    assert VI.document(blank) == "Công văn của UBND tỉnh Vĩnh Phúc"
    assert EN.document(blank) == "Official letter (Công văn) issued by UBND tỉnh Vĩnh Phúc"
    other = DocumentRef("Kết luận", "Tỉnh ủy Phú Thọ", "05-KL/TU")
    assert EN.document(other) == "Kết luận No. 05-KL/TU issued by Tỉnh ủy Phú Thọ"
