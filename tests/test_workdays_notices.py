"""The government's notices for 2024–2026 in the shipped catalog, the days they decide, the
rules that count across them ("05 ngày làm việc trước" a meeting), and properties of the
working-day arithmetic checked over many years against a day-by-day count.

Expected days are written out from the notices (Công văn 2450/VPCP-KGVX, 8726/VPCP-KGVX,
12729/VPCP-KGVX …) and the lunar calendar, not read back from the code.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import holidays
import pytest
import vnlunar
from hypothesis import given, settings
from hypothesis import strategies as st

from calendars import workdays
from calendars.checks import check_bundle
from calendars.timeline import expand
from calendars.workdays import WorkCalendar
from config.catalog import anniversaries, shipped_workday_changes
from config.files import read_bundle

CAL = WorkCalendar(shipped_workday_changes())


def test_the_2026_new_year_swap_is_in_the_catalog() -> None:
    # Công văn 12729/VPCP-KGVX, 25/12/2025: Friday 02/01/2026 off, Saturday 10/01 worked.
    assert not CAL.is_working_day(date(2026, 1, 2))
    assert CAL.is_working_day(date(2026, 1, 10))
    assert CAL.apply_policy(date(2026, 1, 1), "next_working_day").effective == date(2026, 1, 5)
    assert CAL.apply_policy(date(2026, 1, 1), "previous_working_day").effective == date(
        2025, 12, 31
    )
    assert CAL.add_working_days(date(2025, 12, 31), 3) == date(2026, 1, 7)


@pytest.mark.parametrize(
    ("worked", "off"),
    [
        (date(2024, 5, 4), date(2024, 4, 29)),  # Công văn 2450/VPCP-KGVX, 12/04/2024
        (date(2025, 4, 26), date(2025, 5, 2)),  # Công văn 8726/VPCP-KGVX, 26/11/2024
        (date(2026, 1, 10), date(2026, 1, 2)),  # Công văn 12729/VPCP-KGVX, 25/12/2025
        (date(2026, 8, 22), date(2026, 8, 31)),  # Quốc khánh 2026: 29/08–02/09
    ],
)
def test_each_swap_of_2024_to_2026_has_its_notice(worked: date, off: date) -> None:
    assert worked.weekday() == 5 and off.weekday() < 5
    assert CAL.is_working_day(worked)
    assert not CAL.is_working_day(off)
    sources = {d.day: d.source for year in (2024, 2025, 2026) for d in CAL.changed_days(year)}
    assert "/VPCP-KGVX" in sources[worked] or "Văn phòng Chính phủ" in sources[worked]
    assert sources[worked] == sources[off]


def test_every_year_of_2024_to_2026_has_its_tet_notice() -> None:
    years = {n.year for n in shipped_workday_changes().notices if n.subject == "tet"}
    assert {2024, 2025, 2026} <= years


def test_the_tet_breaks_of_2024_to_2026() -> None:
    breaks = {
        2024: (date(2024, 2, 8), date(2024, 2, 14)),  # Thursday to Wednesday: 7 days
        2025: (date(2025, 1, 25), date(2025, 2, 2)),  # Saturday to Sunday: 9 days
        2026: (date(2026, 2, 14), date(2026, 2, 22)),  # Saturday to Sunday: 9 days
    }
    for first, last in breaks.values():
        day = first
        while day <= last:
            assert not CAL.is_working_day(day), day
            day += timedelta(days=1)
        assert CAL.is_working_day(CAL.previous_working_day(first - timedelta(days=1)))
        assert CAL.is_working_day(last + timedelta(days=1))


def test_tet_labels_come_from_the_lunar_date() -> None:
    # Tháng Chạp of Giáp Thìn had 29 days: Monday 27/01/2025 was the 28th.
    assert CAL.holiday_name(date(2025, 1, 27)) == "28 Tết"
    # Tháng Chạp of Quý Mão had 30 days: Thursday 08/02/2024 was the 29th.
    assert CAL.holiday_name(date(2024, 2, 8)) == "29 Tết"


@settings(max_examples=60, deadline=None)
@given(year=st.integers(1995, 2099))
def test_every_tet_label_names_its_lunar_day(year: int) -> None:
    calendar = WorkCalendar()
    for day, name in holidays.country_holidays("VN", years=year, language="vi").items():
        label = calendar.holiday_name(day)
        if label and label.endswith(" Tết") and label[0].isdigit():
            lunar_day = vnlunar.get_lunar_date_from_table(day.day, day.month, day.year)
            assert lunar_day["month"] == 12, (day, name)
            assert label == f"{lunar_day['day']} Tết"


def _campaign(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "c.yaml"
    path.write_text(
        "campaign:\n"
        "  code: hoi-nghi-2026\n"
        "  title: Hội nghị tổng kết\n"
        "  issuer: UBND tỉnh Phú Thọ\n"
        "  document: {kind: Kế hoạch, number: 1/KH-UBND, date: 05/01/2026}\n"
        "  period: {start: 01/01/2026, end: 31/12/2026}\n" + body,
        encoding="utf-8",
    )
    return path


def test_five_working_days_before_a_meeting_across_tet_2026(tmp_path: Path) -> None:
    path = _campaign(
        tmp_path,
        "meetings:\n"
        "  - {code: hoi-nghi, title: Hội nghị tổng kết, date: 23/02/2026}\n"
        "deadlines:\n"
        "  - code: ho-so\n"
        "    title: Hồ sơ đề nghị khen thưởng\n"
        "    what: Hồ sơ đề nghị khen thưởng\n"
        "    wording: gửi hồ sơ trước 05 ngày làm việc tính đến ngày tổ chức Hội nghị\n"
        "    due: {rule: relative, before: hoi-nghi, days: 5, working_days: true}\n"
        "    units: [so-noi-vu]\n"
        "  - code: giay-moi\n"
        "    title: Giấy mời\n"
        "    what: Danh sách đại biểu\n"
        "    wording: trước 10 ngày tính đến ngày Hội nghị\n"
        "    due: {rule: relative, before: hoi-nghi, days: 10}\n"
        "    units: [so-noi-vu]\n",
    )
    bundle = read_bundle([path, Path("examples/units.yaml")])
    check_bundle(bundle, CAL)
    assert bundle.errors == []
    occurrences = {o.event: o for o in expand(bundle.campaigns[0].model, CAL, "t.example")}
    # Monday 23/02/2026; Tết 16–20/02 is not counted: 13, 12, 11, 10, 09/02.
    assert occurrences["ho-so"].start == date(2026, 2, 9)
    # 10 calendar days before: Friday 13/02/2026, a working day.
    assert occurrences["giay-moi"].start == date(2026, 2, 13)


def test_a_relative_rule_names_after_or_before_not_both(tmp_path: Path) -> None:
    path = _campaign(
        tmp_path,
        "deadlines:\n"
        "  - code: ho-so\n"
        "    title: Hồ sơ\n"
        "    what: Hồ sơ\n"
        "    wording: trước 5 ngày\n"
        "    due: {rule: relative, before: 23/02/2026, after: 01/02/2026, days: 5}\n"
        "    units: [so-noi-vu]\n",
    )
    bundle = read_bundle([path, Path("examples/units.yaml")])
    messages = [str(issue) for issue in bundle.errors]
    assert any("deadlines[0].due" in m and "'before'" in m for m in messages), messages


def test_a_campaign_lunar_commemoration_has_a_day_every_year(tmp_path: Path) -> None:
    path = _campaign(
        tmp_path,
        "commemorations:\n"
        "  - {code: le-hoi-den, title: Lễ hội đền Mẫu, lunar: 15/1}\n"
        "  - {catalog: gio-to-hung-vuong}\n",
    )
    bundle = read_bundle([path])
    assert bundle.errors == []
    days = {o.event: o.start for o in expand(bundle.campaigns[0].model, CAL, "t.example")}
    assert days["le-hoi-den"] == date(2026, 3, 3)  # Rằm tháng Giêng Bính Ngọ
    assert days["gio-to-hung-vuong"] == date(2026, 4, 26)


def test_the_catalog_has_the_missing_days_and_spells_them_right() -> None:
    catalog = anniversaries()
    assert catalog["hoi-lien-hiep-thanh-nien"].origin == date(1956, 10, 15)
    assert catalog["van-hoa-viet-nam"].origin is not None
    assert (catalog["van-hoa-viet-nam"].origin.day, catalog["van-hoa-viet-nam"].origin.month) == (
        24,
        11,
    )
    assert catalog["giai-phong-mien-nam"].name.startswith("Ngày Giải phóng miền Nam")
    assert not CAL.is_working_day(date(2026, 11, 24))  # a day off from 2026


# --- properties over many years, against a day-by-day count ---------------------------


PACKAGE = holidays.country_holidays("VN")
CHANGES = shipped_workday_changes()


def _plain_working(day: date) -> bool:
    """Working or not, from the package and the catalog's lists, without WorkCalendar."""
    if day in CHANGES.off():
        return False
    if day in CHANGES.worked():
        return True
    return PACKAGE.is_working_day(day)


def _count_back(anchor: date, n: int) -> date:
    """The plain way: walk back one day at a time, counting working days."""
    day, seen = anchor, 0
    while seen < n:
        day -= timedelta(days=1)
        seen += _plain_working(day)
    return day


@settings(max_examples=300, deadline=None)
@given(anchor=st.dates(date(2000, 1, 1), date(2040, 12, 31)), n=st.integers(1, 40))
def test_counting_back_matches_a_day_by_day_count(anchor: date, n: int) -> None:
    found = workdays.before_days(CAL, anchor, n, working_days=True)
    assert found == _count_back(anchor, n)
    assert CAL.is_working_day(found)
    between = sum(_plain_working(found + timedelta(days=i)) for i in range((anchor - found).days))
    assert between == n


@settings(max_examples=300, deadline=None)
@given(anchor=st.dates(date(2000, 1, 1), date(2040, 12, 31)), n=st.integers(1, 40))
def test_counting_back_then_forward_returns_to_a_working_anchor(anchor: date, n: int) -> None:
    working = CAL.next_working_day(anchor)
    back = CAL.subtract_working_days(working, n)
    assert CAL.add_working_days(back, n) == working
