"""The office's pages show the example campaigns as the store and the CLI know them, in
Vietnamese (English on request): the dashboard, the month view, a campaign, the units.

The clock is Thursday 1 February 2024 (`tests.office.NOW`): four campaigns of 2024 run,
Tết falls on 8–14 February, and Vĩnh Phúc's "trước ngày 15/02/2024" deadline has its
nominal last day (14/02, in the Tết break) moved to Thursday 15/02.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from datetime import date, timedelta
from html import escape
from typing import Any

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from starlette.testclient import TestClient

from calendars import models as m
from calendars.timeline import WEEKDAY_NAMES
from calendars.workdays import WorkCalendar
from tests.conftest import Cli
from tests.office import NOW, csrf_of
from thidua.context import AppContext
from thidua.database import Database, open_database
from thidua.web.office import agenda
from thidua.web.office.units import search_key
from translations import gettext

pytest_plugins = ["tests.office_fixtures"]

RUNNING_2024 = {
    "hung-yen-2024",
    "lai-chau-2024",
    "tam-nong-2024",
    "vinh-phuc-2024",
}


def html(response: Any) -> Any:
    assert response.status_code == 200, response.text
    return lxml.html.fromstring(response.text)


def text(element: Any) -> str:
    return " ".join(element.text_content().split())


def switch_to_english(client: TestClient) -> None:
    token = csrf_of(client.get("/").text)
    response = client.post("/language", data={"lang": "en", "next": "/", "csrf_token": token})
    assert response.status_code == 303


# --- the dashboard ---------------------------------------------------------------------


def test_dashboard_lists_the_running_campaigns(office: AppContext, signed_in: TestClient) -> None:
    page = html(signed_in.get("/"))
    assert page.get("lang") == "vi"
    assert text(page.xpath("//h1")[0]) == "Tổng quan"
    assert "Hôm nay là Thứ Năm, ngày 01/02/2024." in text(page)
    cards = page.xpath("//section[@aria-labelledby='running-title']//li[@class='card']")
    links = {card.xpath(".//h3/a/@href")[0].removeprefix("/campaigns/") for card in cards}
    assert links == RUNNING_2024
    with office.database.session() as session:
        titles = {c.code: c.title for c in session.scalars(select(m.Campaign))}
    shown = {text(card.xpath(".//h3")[0]) for card in cards}
    assert shown == {titles[code] for code in RUNNING_2024}
    tam_nong = next(c for c in cards if "tam-nong" in c.xpath(".//h3/a/@href")[0])
    assert "Đang diễn ra: Đợt thi đua thứ nhất (01/01/2024 – 30/06/2024)" in text(tam_nong)
    assert "Thời gian: 01/01/2024 – 31/12/2024" in text(tam_nong)


def test_dashboard_agenda_matches_the_cli(
    office: AppContext, signed_in: TestClient, cli: Cli
) -> None:
    """Every deadline, review and commemoration of the next 30 days, as `thidua events`
    gives them: on its day, with its wording, effective day and count."""
    page = html(signed_in.get("/"))
    agenda_section = page.xpath("//section[@aria-labelledby='agenda-title']")[0]
    assert text(agenda_section.xpath("h2")[0]) == "30 ngày tới"
    days = {
        day.xpath(".//h3/time/@datetime")[0]: text(day)
        for day in agenda_section.xpath(".//li[@class='agenda-day']")
    }
    result = cli(
        "events",
        "--from",
        "2024-02-01",
        "--to",
        "2024-03-01",
        "--kind",
        "deadline",
        "--kind",
        "commemoration",
        "--kind",
        "review",
        "--format",
        "json",
    )
    records = json.loads(result.stdout)
    assert records, "the examples date something in February 2024"
    for record in records:
        shown = days[max(record["start"], "2024-02-01")]
        assert record["title"] in shown
        if record["kind"] == "deadline":
            effective = date.fromisoformat(record["effective_date"])
            assert f"{record['wording']} → hạn cuối" in shown
            weekday = WEEKDAY_NAMES[effective.weekday()]
            assert f"hạn cuối {weekday} {effective:%d/%m/%Y}" in shown
            assert f"0/{len(record['units'])} đơn vị đã gửi" in shown
    assert set(days) == {max(r["start"], "2024-02-01") for r in records}


def test_dashboard_shows_a_moved_deadline_with_both_days(signed_in: TestClient) -> None:
    page = html(signed_in.get("/"))
    entry = page.xpath("//li[contains(@class, 'kind-deadline')]")[0]
    assert text(entry.xpath(".//p[@class='wording']")[0]) == (
        "trước ngày 15/02/2024 → hạn cuối Thứ Năm 15/02/2024 "
        "(14/02/2024 là ngày nghỉ: Mùng năm Tết Nguyên Đán)"
    )


def test_dashboard_commemoration_with_its_count(signed_in: TestClient) -> None:
    page = html(signed_in.get("/"))
    day = page.xpath("//li[@class='agenda-day'][.//time[@datetime='2024-02-03']]")[0]
    assert "Thứ Bảy, 03/02/2024" in text(day)
    assert "94 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 – 03/02/2024)" in text(day)


def test_deadline_progress_counts_the_responsible_units(
    office: AppContext, signed_in: TestClient
) -> None:
    page = html(signed_in.get("/"))
    progress = page.xpath("//div[contains(@class, 'progress')]")
    assert progress and all(p.get("data-progress") == "known" for p in progress)
    with office.database.session() as session:
        event = session.scalar(select(m.Event).where(m.Event.code == "van-ban-phat-dong"))
        count = session.scalar(
            select(func.count()).select_from(m.Assignment).where(m.Assignment.event_id == event.id)
        )
    assert count == 46
    assert text(progress[0].xpath(".//span[@class='progress-count']")[0]) == ("0/46 đơn vị đã gửi")
    assert progress[0].xpath(".//progress/@max") == ["46"]


def test_dashboard_recent_deadlines(office: AppContext, signed_in: TestClient) -> None:
    office.now_override = NOW.replace(month=8, day=5)
    page = html(signed_in.get("/"))
    recent = page.xpath("//section[@aria-labelledby='recent-title']")[0]
    assert text(recent.xpath("h2")[0]) == "Thời hạn trong 30 ngày qua"
    assert "kết thúc trong tháng 7/2024 → hạn cuối Thứ Tư 31/07/2024" in text(recent)


def test_dashboard_when_nothing_runs(office: AppContext, signed_in: TestClient) -> None:
    office.now_override = NOW.replace(year=2030)
    page = html(signed_in.get("/"))
    assert "Hôm nay không có phong trào nào đang triển khai." in text(page)
    assert "Không có sự kiện nào trong những ngày này." in text(page)


# --- the month view --------------------------------------------------------------------


def cell(page: Any, day: str) -> Any:
    return page.xpath(f"//td[.//time[@datetime='{day}']]")[0]


def test_month_view_of_tet_2024(office: AppContext, signed_in: TestClient) -> None:
    page = html(signed_in.get("/calendar?month=2024-02"))
    assert text(page.xpath("//h1")[0]) == "Lịch: Tháng 2 năm 2024"
    headers = page.xpath("//table[@class='month']/thead//th/abbr")
    assert [h.text for h in headers] == ["T2", "T3", "T4", "T5", "T6", "T7", "CN"]
    assert [h.get("title") for h in headers] == [
        "Thứ Hai",
        "Thứ Ba",
        "Thứ Tư",
        "Thứ Năm",
        "Thứ Sáu",
        "Thứ Bảy",
        "Chủ nhật",
    ]
    rows = page.xpath("//table[@class='month']/tbody/tr")
    assert len(rows) == 5 and all(len(r.xpath("td")) == 7 for r in rows)
    assert cell(page, "2024-01-29").get("class").split()[:2] == ["day", "other-month"]
    for offset in range(7):  # 8–14 February 2024: the Tết break
        day = date(2024, 2, 8) + timedelta(days=offset)
        td = cell(page, day.isoformat())
        assert {"day-off", "holiday"} <= set(td.get("class").split())
        name = office.calendar.holiday_name(day)
        assert name and text(td.xpath(".//p[@class='holiday-name']")[0]) == name
    assert "Tết Nguyên Đán" in text(cell(page, "2024-02-10"))
    assert "day-off" in cell(page, "2024-02-17").get("class")  # a Saturday
    assert "day-off" not in cell(page, "2024-02-15").get("class")
    assert "is-today" in cell(page, "2024-02-01").get("class")
    assert "94 năm Ngày thành lập Đảng" in text(cell(page, "2024-02-03"))
    deadline = text(cell(page, "2024-02-15"))
    assert "Gửi văn bản phát động thi đua năm 2024" in deadline
    assert "(trước ngày 15/02/2024)" in deadline
    holidays = page.xpath("//section[@aria-labelledby='holidays-title']//li")
    assert len(holidays) == 7
    assert text(holidays[0]) == "Thứ Năm 08/02/2024: 29 Tết"


def test_month_view_marks_a_swapped_working_saturday(signed_in: TestClient) -> None:
    """2025: Saturday 26/4 worked, Friday 2/5 off (the Government's swap)."""
    april = html(signed_in.get("/calendar?month=2025-04"))
    saturday = cell(april, "2025-04-26")
    assert "worked" in saturday.get("class") and "day-off" not in saturday.get("class")
    assert "Ngày làm việc (hoán đổi)" in text(saturday)
    may = html(signed_in.get("/calendar?month=2025-05"))
    assert "day-off" in cell(may, "2025-05-02").get("class")


def test_month_view_defaults_to_this_month_and_pages(signed_in: TestClient) -> None:
    page = html(signed_in.get("/calendar"))
    assert text(page.xpath("//h1")[0]) == "Lịch: Tháng 2 năm 2024"
    assert page.xpath("//a[@rel='prev']/@href") == ["/calendar?month=2024-01"]
    assert page.xpath("//a[@rel='next']/@href") == ["/calendar?month=2024-03"]
    december = html(signed_in.get("/calendar?month=12/2024"))
    assert december.xpath("//a[@rel='next']/@href") == ["/calendar?month=2025-01"]


def test_month_view_filters_by_campaign(signed_in: TestClient) -> None:
    page = html(signed_in.get("/calendar?month=2024-02&campaign=vinh-phuc-2024"))
    assert "Gửi văn bản phát động" in text(cell(page, "2024-02-15"))
    assert "94 năm" not in text(cell(page, "2024-02-03"))  # Tam Nông's commemoration
    assert page.xpath("//select[@name='campaign']/option[@selected]/@value") == ["vinh-phuc-2024"]
    assert page.xpath("//a[@rel='next']/@href") == [
        "/calendar?month=2024-03&campaign=vinh-phuc-2024"
    ]


def test_month_view_names_what_is_wrong(signed_in: TestClient) -> None:
    response = signed_in.get("/calendar?month=2024-13")
    assert response.status_code == 400
    no_month = gettext(  # the page's language: the catalog's words
        "%(text)s is not a month: there is no month %(month)d", "vi", text="2024-13", month=13
    )
    assert f"tháng: {no_month}" in response.text
    response = signed_in.get("/calendar?month=tháng-hai")
    assert response.status_code == 400
    write = gettext("%(text)s is not a month: write 2024-07 or 7/2024", "vi", text="")
    assert escape(write) in response.text
    response = signed_in.get("/calendar?month=0999-01")
    assert response.status_code == 400
    response = signed_in.get("/calendar?month=2024-02&campaign=khong-co")
    assert response.status_code == 404
    assert "không có phong trào khong-co" in response.text


@pytest.fixture(scope="module")
def empty_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    database = open_database(f"sqlite:///{tmp_path_factory.mktemp('empty') / 'thidua.db'}")
    yield database
    database.dispose()


@settings(max_examples=60, deadline=None)
@given(year=st.integers(1990, 2100), month=st.integers(1, 12))
def test_month_grid_properties(empty_store: Database, year: int, month: int) -> None:
    """Any month: weeks start on Monday, every day of the month appears once, and the
    marks are the working-day calendar's."""
    work_calendar = _work_calendar()
    with empty_store.session() as session:
        view = agenda.month(session, work_calendar, year, month)
    days = [c.day for week in view.weeks for c in week]
    assert all(week[0].day.weekday() == 0 for week in view.weeks)
    assert days == sorted(days) and len(days) == 7 * len(view.weeks)
    in_month = [c for week in view.weeks for c in week if c.in_month]
    assert [c.day.day for c in in_month] == list(range(1, len(in_month) + 1))
    assert all(c.day.month == month for c in in_month)
    for c in in_month:
        assert c.working == work_calendar.is_working_day(c.day)
        assert c.holiday == work_calendar.holiday_name(c.day)
        assert c.worked_weekend == (c.day.weekday() >= 5 and c.working)
    assert view.previous < view.first < view.next
    assert (view.next.year * 12 + view.next.month) - (year * 12 + month) == 1


_CALENDAR: list[WorkCalendar] = []


def _work_calendar() -> WorkCalendar:
    if not _CALENDAR:
        _CALENDAR.append(WorkCalendar())
    return _CALENDAR[0]


# --- a campaign, the campaigns, the units ----------------------------------------------


def test_campaign_page(office: AppContext, signed_in: TestClient) -> None:
    page = html(signed_in.get("/campaigns/tam-nong-2024"))
    assert text(page.xpath("//h1")[0]) == "Phong trào thi đua yêu nước năm 2024 huyện Tam Nông"
    terms = page.xpath("//dl[@class='facts']/dt")
    facts = {text(dt): text(dt.getnext()) for dt in terms}
    assert facts["Cơ quan ban hành"] == "UBND huyện Tam Nông"
    assert facts["Văn bản"] == "Kế hoạch (chưa ghi số)"
    assert facts["Người ký"] == "Quách Hải Lý"
    assert facts["Thời gian"] == "01/01/2024 – 31/12/2024"
    assert facts["Hạn cuối rơi vào ngày nghỉ"] == (
        "chuyển sang ngày làm việc tiếp theo (Điều 148 Bộ luật Dân sự)"
    )
    with office.database.session() as session:
        count = session.scalar(
            select(func.count())
            .select_from(m.Occurrence)
            .join(m.Campaign)
            .where(m.Campaign.code == "tam-nong-2024", m.Occurrence.cancelled_at.is_(None))
        )
    entries = page.xpath("//ul[@class='entries']/li")
    assert len(entries) == count == 16
    army = next(e for e in entries if "Quân đội nhân dân" in text(e))
    assert "80 năm Ngày thành lập Quân đội nhân dân Việt Nam (22/12/1944 – 22/12/2024)" in text(
        army
    )
    assert "năm tròn" in text(army)
    assert signed_in.get("/campaigns/khong-co").status_code == 404


def test_campaigns_page_lists_every_campaign_with_its_state(signed_in: TestClient) -> None:
    page = html(signed_in.get("/campaigns"))
    rows = page.xpath("//table[@class='list']/tbody/tr")
    assert len(rows) == 5
    states = {row.xpath(".//code")[0].text: text(row.xpath("td[4]")[0]) for row in rows}
    assert states["ha-giang-2023"] == "đã kết thúc"
    assert {states[code] for code in RUNNING_2024} == {"đang triển khai"}
    hung_yen = next(r for r in rows if r.xpath(".//code")[0].text == "hung-yen-2024")
    assert "Chỉ thị số 02/CT-UBND ngày 06/03/2024" in text(hung_yen)
    labels = page.xpath("//label/@for")
    assert {"files", "directive-text", "directive-file"} <= set(labels)


def test_units_page(office: AppContext, signed_in: TestClient) -> None:
    page = html(signed_in.get("/units"))
    units = page.xpath("//section[@aria-labelledby='units-title']//tbody/tr")
    assert len(units) == 60
    health = page.xpath("//tr[@id='unit-so-y-te']")[0]
    assert "Sở Y tế" in text(health)
    assert health.xpath(".//a[starts-with(@href, 'mailto:')]/text()") == [
        "vanthu@syt.phutho.example"
    ]
    groups = {a.get("href").removeprefix("#group-") for a in health.xpath(".//td[4]//a")}
    assert {"so-ban-nganh", "khoi-van-hoa-xa-hoi", "so-ban-nganh-doan-the"} <= groups
    assert health.xpath(".//td[4]//code") == []  # names, not codes
    commune = page.xpath("//tr[@id='unit-ubnd-xa-hien-quan']")[0]
    assert "UBND huyện Tam Nông" in text(commune)  # its parent
    group_rows = page.xpath("//section[@aria-labelledby='groups-title']//tbody/tr")
    with office.database.session() as session:
        assert len(group_rows) == session.scalar(
            select(func.count()).select_from(m.Group).where(m.Group.active)
        )
    khoi = next(r for r in group_rows if r.get("id") == "group-khoi-van-hoa-xa-hoi")
    assert "Khối thi đua" in text(khoi)


# --- languages and text ----------------------------------------------------------------


def test_english_switch(signed_in: TestClient) -> None:
    switch_to_english(signed_in)
    page = html(signed_in.get("/"))
    assert page.get("lang") == "en"
    assert text(page.xpath("//h1")[0]) == "Dashboard"
    assert "Today is Thursday, 01/02/2024." in text(page)
    assert "last day Thursday 15/02/2024" in text(page)
    assert "0 of 46 units have submitted · 46 still have time" in text(page)
    month = html(signed_in.get("/calendar?month=2024-02"))
    assert text(month.xpath("//h1")[0]) == "Calendar: February 2024"
    assert month.xpath("//thead//abbr/text()") == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    # The campaigns' own words stay as their documents wrote them.
    assert "Phong trào thi đua yêu nước năm 2024 huyện Tam Nông" in text(page)
    token = csrf_of(signed_in.get("/").text)
    signed_in.post("/language", data={"lang": "vi", "next": "/", "csrf_token": token})
    assert html(signed_in.get("/")).get("lang") == "vi"


def test_the_language_is_kept_after_signing_out(signed_in: TestClient) -> None:
    switch_to_english(signed_in)
    token = csrf_of(signed_in.get("/").text)
    signed_in.post("/signout", data={"csrf_token": token})
    page = html(signed_in.get("/signin"))
    assert page.get("lang") == "en" and "You have signed out." in text(page)


def test_unknown_language_is_ignored(signed_in: TestClient) -> None:
    token = csrf_of(signed_in.get("/").text)
    signed_in.post("/language", data={"lang": "fr", "next": "/", "csrf_token": token})
    assert html(signed_in.get("/")).get("lang") == "vi"


def test_pages_are_nfc_utf8_with_diacritics(signed_in: TestClient) -> None:
    for path in (
        "/",
        "/calendar?month=2024-02",
        "/campaigns",
        "/units",
        "/campaigns/lai-chau-2024",
    ):
        response = signed_in.get(path)
        assert response.headers["content-type"] == "text/html; charset=utf-8"
        assert unicodedata.is_normalized("NFC", response.text), path
    assert "Thi đua - Khen thưởng" in signed_in.get("/").text


def test_the_layout_is_accessible(signed_in: TestClient) -> None:
    for path in ("/", "/calendar?month=2024-02", "/campaigns", "/units"):
        page = html(signed_in.get(path))
        skip = page.xpath("//a[@class='skip-link']")[0]
        assert skip.get("href") == "#main" and page.xpath("//main[@id='main']")
        assert page.xpath("//nav[@aria-label]//a[@aria-current='page']"), path
        assert len(page.xpath("//h1")) == 1, path
        assert page.xpath("//meta[@name='viewport']/@content") == [
            "width=device-width, initial-scale=1"
        ]
        for control in page.xpath("//input[not(@type='hidden')] | //select | //textarea"):
            assert control.get("id") and page.xpath(f"//label[@for='{control.get('id')}']"), (
                path,
                lxml.html.tostring(control),
            )
        for button in page.xpath("//button"):
            assert text(button), path


def test_units_search_with_or_without_diacritics(signed_in: TestClient) -> None:
    for query in ("Sở Y tế", "so y te", "SỞ Y TẾ", "syt.phutho", "so-y-te"):
        page = html(signed_in.get("/units", params={"q": query}))
        codes = page.xpath("//section[@aria-labelledby='units-title']//tbody/tr/@id")
        assert "unit-so-y-te" in codes, query
        assert len(codes) < 60, query
    page = html(signed_in.get("/units", params={"q": "doan"}))
    rows = page.xpath("//section[@aria-labelledby='units-title']//tbody/tr")
    assert rows and all("doan" in search_key(text(row)) for row in rows)
    assert any("Đoàn" in text(row) for row in rows)  # "doan" found "Đoàn"
    page = html(signed_in.get("/units", params={"q": "không có đơn vị này"}))
    assert "Không có đơn vị nào khớp với không có đơn vị này." in text(page)
