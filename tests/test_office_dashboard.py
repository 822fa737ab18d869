"""The top of the dashboard says what to do: which units are late (counted, named, each a
link), the deadlines of this week and next with the calendar and working days left (the
working-day calendar's count, Tết included), and what was sent today.

The clock is Thursday 1 February 2024 (`tests.office.NOW`) unless a test moves it: Hà
Giang's 2023 reports are late; Vĩnh Phúc's deadline (46 units) falls on Thursday 15/02,
after the Tết break of 08–14/02.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from starlette.testclient import TestClient

from scheduler import status
from tests.office import NOW, csrf_of
from tests.reminders import occurrence_id
from tests.test_office_deadlines import VINH_PHUC, html, record, text
from thidua.context import AppContext
from thidua.web.office import worklist

pytest_plugins = ["tests.office_fixtures"]


def section(page: Any, title_id: str) -> Any:
    (found,) = page.xpath(f"//section[@aria-labelledby='{title_id}']")
    return found


def test_the_late_units_come_first_counted_and_linked(
    office: AppContext, signed_in: TestClient
) -> None:
    page = html(signed_in.get("/"))
    late = section(page, "late-title")
    sections = page.xpath("//main//section")
    assert sections[0] is late  # before the campaigns and the agenda
    with office.database.session() as session:
        found = status.deadlines(session, NOW.date())
    expected = {
        u.code: u.name
        for d in found
        if NOW.date() - timedelta(days=worklist.LATE_DAYS) <= d.effective_date < NOW.date()
        for u in d.of("late")
    }
    assert expected, "the examples' 2023 reports are late on 01/02/2024"
    assert text(late.xpath("h2/span[@class='count']")[0]) == str(len(expected))
    links = {a.get("href").removeprefix("/units/"): text(a) for a in late.xpath(".//li/a")}
    assert links == expected
    for code in list(expected)[:3]:
        assert signed_in.get(f"/units/{code}").status_code == 200


def test_a_unit_that_submits_leaves_the_late_list(
    office: AppContext, signed_in: TestClient
) -> None:
    office.now_override = NOW.replace(day=20)  # five days after Vĩnh Phúc's last day
    today = office.now_override.date()
    with office.database.session() as session:
        only_here = worklist.late_units(session, today)[-1]  # the shortest delay
        missed = [
            d.uid.split("@")[0]
            for d in status.deadlines(session, today)
            if only_here.code in {u.code for u in d.of("late")}
        ]
    assert len(missed) >= only_here.deadlines  # older ones are history, not listed
    before = section(html(signed_in.get("/")), "late-title")
    assert only_here.code in {a.get("href").removeprefix("/units/") for a in before.xpath(".//a")}
    for deadline in missed:  # it sends every report it owed
        record(office, deadline, only_here.code)
    after = section(html(signed_in.get("/")), "late-title")
    codes = {a.get("href").removeprefix("/units/") for a in after.xpath(".//a")}
    assert only_here.code not in codes
    count = int(text(after.xpath("h2/span[@class='count']")[0]))
    assert count == int(text(before.xpath("h2/span[@class='count']")[0])) - 1 == len(codes)
    assert only_here.name not in text(after)
    folded = after.xpath(".//details[@class='late-more']")  # 45 names: the rest folded
    assert folded and text(folded[0].xpath("summary")[0]).startswith("và ")


def test_this_weeks_and_next_weeks_deadlines_with_working_days_left(
    office: AppContext, signed_in: TestClient
) -> None:
    office.now_override = NOW.replace(day=7)  # Wednesday before Tết
    due = section(html(signed_in.get("/")), "due-title")
    (item,) = [li for li in due.xpath(".//li") if "phát động" in text(li)]
    assert item.xpath("a/@href") == [f"/deadlines/{occurrence_id(office, VINH_PHUC)}"]
    assert "hạn cuối Thứ Năm 15/02/2024" in text(item)
    # Eight calendar days; of them only Thursday 15/02 is worked (08–14/02 is Tết).
    calendar = office.calendar
    assert calendar.working_days_between(date(2024, 2, 7), date(2024, 2, 15)) == 1
    assert text(item.xpath("strong[@class='days-left']")[0]) == "còn 8 ngày – 1 ngày làm việc"
    assert "0/46 đơn vị đã gửi" in text(item)


def test_deadlines_beyond_next_week_wait_for_the_agenda(
    office: AppContext, signed_in: TestClient
) -> None:
    due = section(html(signed_in.get("/")), "due-title")  # until Sunday 11/02
    with office.database.session() as session:
        found = status.deadlines(session, NOW.date())
    expected = sorted(
        d.title for d in found if date(2024, 2, 1) <= d.effective_date <= date(2024, 2, 11)
    )
    assert sorted(text(a) for a in due.xpath(".//li/a")) == expected
    assert "phát động" not in text(due)  # Thursday 15/02: the week after next
    if not expected:
        assert "(đến 11/02/2024)" in text(due)


def test_what_was_sent_today(office: AppContext, signed_in: TestClient) -> None:
    sent = section(html(signed_in.get("/")), "sent-title")
    assert text(sent).endswith("Hôm nay chưa gửi thư nhắc nào.")
    oid = occurrence_id(office, VINH_PHUC)
    token = csrf_of(signed_in.get("/").text)
    data = {"unit": ["so-y-te", "so-noi-vu"], "csrf_token": token}
    assert signed_in.post(f"/deadlines/{oid}/reminders", data=data).status_code == 303
    sent = section(html(signed_in.get("/")), "sent-title")
    (line,) = sent.xpath(".//li")
    assert text(line) == "Gửi văn bản phát động thi đua năm 2024: 2 thư nhắc đã gửi"
    assert line.xpath("a/@href") == [f"/deadlines/{oid}"]
    office.now_override = NOW + timedelta(days=1)  # tomorrow, nothing yet
    assert "Hôm nay chưa gửi thư nhắc nào." in text(section(html(signed_in.get("/")), "sent-title"))


def test_the_to_do_in_english(signed_in: TestClient, office: AppContext) -> None:
    office.now_override = NOW.replace(day=7)
    token = csrf_of(signed_in.get("/").text)
    signed_in.post("/language", data={"lang": "en", "next": "/", "csrf_token": token})
    page = html(signed_in.get("/"))
    assert text(section(page, "late-title").xpath("h2")[0]).startswith("Late units")
    due = text(section(page, "due-title"))
    assert "8 days left – 1 working day" in due
    assert "Sent today" in text(section(page, "sent-title"))
