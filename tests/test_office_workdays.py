"""The working-day page and the year-ahead guard, driven through the office's HTTP app:
the guard shows on the dashboard on 01/11 of a year without next year's Tết notice, and not
once a swap of that Tết is added on the /workdays page (CSRF as every form); a bad swap is
refused with the reason and changes nothing."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from starlette.testclient import TestClient

from tests.office import csrf_of
from thidua.context import AppContext

pytest_plugins = ["tests.office_fixtures"]

GUARD = "Chưa có thông báo nghỉ Tết 2027"


def _at(office: AppContext, moment: str) -> None:
    office.now_override = datetime.fromisoformat(moment).replace(
        tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")
    )


def test_the_guard_shows_from_october_until_the_notice_is_added(
    office: AppContext, signed_in: TestClient
) -> None:
    _at(office, "2026-09-30T09:00")
    assert GUARD not in signed_in.get("/").text
    _at(office, "2026-11-01T09:00")
    dashboard = signed_in.get("/").text
    assert GUARD in dashboard
    assert 'href="/workdays?year=2027"' in dashboard

    page = signed_in.get("/workdays?year=2027")
    assert page.status_code == 200
    assert GUARD in page.text
    # Tết Đinh Mùi: mùng 1 is Saturday 06/02/2027, the break starts Thursday 04/02;
    # a swap that makes it start a day earlier.
    response = signed_in.post(
        "/workdays/swaps",
        data={
            "work": "30/01/2027",
            "off": "03/02/2027",
            "source": "Công văn 1/VPCP-KGVX ngày 01/11/2026 (thử)",
            "csrf_token": csrf_of(page.text),
        },
    )
    assert response.status_code == 200, response.text
    assert "Đã thêm ngày hoán đổi" in response.text
    assert "thời hạn dời ngày" in response.text
    assert GUARD not in response.text
    assert GUARD not in signed_in.get("/").text
    listed = signed_in.get("/workdays?year=2027").text
    assert "30/01/2027" in listed and "Công văn 1/VPCP-KGVX" in listed
    assert not office.calendar.is_working_day(datetime(2027, 2, 3).date())


def test_a_swap_needs_the_csrf_token(office: AppContext, signed_in: TestClient) -> None:
    response = signed_in.post(
        "/workdays/swaps", data={"work": "30/01/2027", "off": "04/02/2027", "source": "x"}
    )
    assert response.status_code == 403
    assert not office.settings.effective_workdays_file.exists()


def test_a_bad_swap_is_refused_with_its_reason(office: AppContext, signed_in: TestClient) -> None:
    page = signed_in.get("/workdays").text
    response = signed_in.post(
        "/workdays/swaps",
        data={
            "work": "01/02/2027",  # a Monday: already a working day
            "off": "04/02/2027",
            "source": "Công văn thử",
            "csrf_token": csrf_of(page),
        },
    )
    assert response.status_code == 400
    assert "01/02/2027 đã là ngày làm việc" in response.text
    assert not office.settings.effective_workdays_file.exists()
