"""A deadline's progress and page: submitted of total and the late units on the dashboard
and the campaign's page, each unit's status on the deadline's page (the same account as
``thidua status``), recording and undoing submissions, reminders sent now (through the
outbox and a real SMTP server) and the preview of a unit's e-mail.

The clock is Thursday 1 February 2024 (`tests.office.NOW`); Vĩnh Phúc's "trước ngày
15/02/2024" deadline (46 units) is two weeks ahead, Hà Giang's 2023 reports are late.
"""

from __future__ import annotations

import json
from datetime import timedelta
from email import message_from_bytes, policy
from typing import Any

import lxml.html
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from starlette.testclient import TestClient

from calendars import models as m
from scheduler import answers
from scheduler.models import Reminder
from submissions import records
from submissions.models import Submission
from tests.conftest import Cli
from tests.office import DISPLAY_NAME, NOW, csrf_of
from tests.reminders import occurrence_id
from tests.smtp import SmtpServer
from thidua.context import AppContext
from thidua.web.office import agenda
from thidua.web.office.deadline_preview import MESSAGE_POLICY
from thidua.web.office.progress import deadline_progress

pytest_plugins = ["tests.office_fixtures"]

VINH_PHUC = "vinh-phuc-2024/van-ban-phat-dong"
SO_KET = "ha-giang-2023/bao-cao-so-ket"
UNIT_ROWS = "//section[@aria-labelledby='units-title']//tbody/tr"  # not the reports' rows


def html(response: Any) -> Any:
    assert response.status_code == 200, response.text
    return lxml.html.fromstring(response.text)


def text(element: Any) -> str:
    return " ".join(element.text_content().split())


def row(page: Any, code: str) -> Any:
    return page.xpath(f"//tr[@id='unit-{code}']")[0]


def post(client: TestClient, path: str, data: dict[str, Any]) -> Any:
    token = csrf_of(client.get("/").text)
    response = client.post(path, data={**data, "csrf_token": token})
    assert response.status_code == 303, response.text
    return response


def flashes(page: Any) -> list[str]:
    return [text(f) for f in page.xpath("//main/div[contains(@class, 'flash')]")]


def record(office: AppContext, deadline: str, *codes: str) -> None:
    with office.database.session() as session, session.begin():
        occurrence = records.find_deadline(session, deadline, office.settings.uid_domain)
        for code in codes:
            unit = records.find_unit(session, code)
            answers.record(session, occurrence, unit, now=NOW, source="api", by="QLVB")


# --- progress on the dashboard and the campaign's page -----------------------------------


def test_the_dashboard_counts_submissions_and_links_the_deadline(
    office: AppContext, signed_in: TestClient
) -> None:
    record(office, VINH_PHUC, "so-y-te", "so-noi-vu", "so-tai-chinh")
    page = html(signed_in.get("/"))
    entry = page.xpath("//li[contains(@class, 'kind-deadline')]")[0]
    assert "3/46 đơn vị đã gửi · 43 đơn vị chưa đến hạn" in text(entry)
    assert entry.xpath(".//progress/@value") == ["3"]
    target = f"/deadlines/{occurrence_id(office, VINH_PHUC)}"
    assert entry.xpath(".//p[@class='entry-title']/a/@href") == [target]
    assert target in entry.xpath(".//div[contains(@class, 'progress')]//a/@href")
    assert not entry.xpath(".//p[@class='late']")  # nobody is late two weeks ahead


def test_late_units_are_highlighted_after_the_last_day(
    office: AppContext, signed_in: TestClient
) -> None:
    """Tuesday 20/02: the deadline of Thursday 15/02 is in "the last 30 days"; the units
    that have not submitted are late by 5 days."""
    record(office, VINH_PHUC, "so-y-te", "so-noi-vu")
    office.now_override = NOW + timedelta(days=19)
    page = html(signed_in.get("/"))
    recent = page.xpath("//section[@aria-labelledby='recent-title']")[0]
    progress = recent.xpath(".//div[contains(@class, 'progress')]")[0]
    assert "has-late" in progress.get("class")
    assert "2/46 đơn vị đã gửi" in text(progress)
    late = progress.xpath(".//p[@class='late']")[0]
    assert text(late).startswith("44 đơn vị quá hạn:")
    assert len(late.xpath(".//span[@class='late-unit']")) == 8  # a few, then a count
    assert "(5 ngày)" in text(late) and "và 36 đơn vị khác" in text(late)
    assert "Sở Y tế" not in text(late)


def test_the_campaign_page_shows_each_deadlines_progress(
    office: AppContext, signed_in: TestClient
) -> None:
    record(office, SO_KET, "so-y-te")
    page = html(signed_in.get("/campaigns/ha-giang-2023"))
    entries = {
        e.xpath(".//p[@class='entry-title']/a/@href")[0]: text(e)
        for e in page.xpath("//li[contains(@class, 'kind-deadline')]")
    }
    so_ket = entries[f"/deadlines/{occurrence_id(office, SO_KET)}"]
    assert "1/48 đơn vị đã gửi" in so_ket and "47 đơn vị quá hạn" in so_ket
    assert "(217 ngày)" in so_ket  # 29/06/2023 to 01/02/2024
    assert len(entries) == 3


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(picked=st.sets(st.integers(0, 45)), days=st.integers(-20, 40))
def test_progress_adds_up_whatever_was_submitted(
    office: AppContext, picked: set[int], days: int
) -> None:
    """Submitted + still in time + late is every responsible unit; late only after the
    effective last day (Thursday 15/02/2024), and then everyone who has not submitted."""
    today = NOW.date() + timedelta(days=14 + days)
    with office.database.session() as session:
        occurrence = records.find_deadline(session, VINH_PHUC, office.settings.uid_domain)
        units = sorted(
            session.scalars(
                select(m.Unit)
                .join(m.Assignment, m.Assignment.unit_id == m.Unit.id)
                .where(m.Assignment.event_id == occurrence.event_id)
            ),
            key=lambda u: u.code,
        )
        for index in picked:
            answers.record(session, occurrence, units[index], now=NOW, source="office")
        codes = [u.code for u in units]
        entry = agenda.entry(occurrence, codes)
        progress = deadline_progress(session, [entry], today)[occurrence.id]
        session.rollback()
    assert progress.total == 46 and progress.submitted == len(picked)
    assert progress.submitted + progress.pending + len(progress.late) == 46
    late_codes = {u.code for u in progress.late}
    if days > 0:
        assert late_codes == {code for i, code in enumerate(codes) if i not in picked}
        assert {u.days_late for u in progress.late} <= {days}
    else:
        assert late_codes == set() and progress.pending == 46 - len(picked)
    assert progress.done == (len(picked) == 46)


# --- the deadline's page -----------------------------------------------------------------


def test_the_deadline_page_is_the_cli_status_unit_by_unit(
    office: AppContext, signed_in: TestClient, cli: Cli
) -> None:
    record(office, SO_KET, "so-y-te", "bao-tinh")
    page = html(signed_in.get(f"/deadlines/{occurrence_id(office, SO_KET)}"))
    assert text(page.xpath("//h1")[0]) == "Báo cáo sơ kết phong trào thi đua năm 2023"
    assert "→ hạn cuối Thứ Năm 29/06/2023" in text(page)
    assert "ha-giang-2023/bao-cao-so-ket" in text(page.xpath("//dl[@class='facts']")[0])
    result = cli("status", "--deadline", SO_KET, "--now", "2024-02-01T09:00", "--format", "json")
    (status,) = json.loads(result.stdout)
    rows = page.xpath("//table[contains(@class, 'deadline-units')]/tbody/tr")
    assert [r.get("id").removeprefix("unit-") for r in rows] == [u["unit"] for u in status["units"]]
    for unit in status["units"]:
        shown = row(page, unit["unit"])
        assert f"state-{unit['state']}" in shown.get("class")
        assert unit["name"] in text(shown)
    submitted = text(row(page, "so-y-te"))
    assert "Đã gửi 01/02/2024 09:00" in submitted and "API · QLVB" in submitted
    late = row(page, "so-tai-chinh")
    assert text(late.xpath(".//span[contains(@class, 'state-late')]")[0]) == ("Quá hạn 217 ngày")
    tally = [text(li) for li in page.xpath("//ul[@class='tally']/li")]
    assert tally == ["2 đã gửi", "0 chưa đến hạn", "46 quá hạn", "0 không nhận được thư nhắc"]


def test_the_filters_show_one_state(office: AppContext, signed_in: TestClient) -> None:
    record(office, SO_KET, "so-y-te")
    base = f"/deadlines/{occurrence_id(office, SO_KET)}"
    submitted = html(signed_in.get(base + "?show=submitted"))
    assert [r.get("id") for r in submitted.xpath(UNIT_ROWS)] == ["unit-so-y-te"]
    current = submitted.xpath("//nav[@class='filters']//a[@aria-current='page']")[0]
    assert text(current) == "Đã gửi 1"
    assert len(html(signed_in.get(base + "?show=late")).xpath(UNIT_ROWS)) == 47
    assert html(signed_in.get(base + "?show=unreachable")).xpath(UNIT_ROWS) == []
    assert len(html(signed_in.get(base + "?show=<script>")).xpath(UNIT_ROWS)) == 48


def test_recording_and_undoing_a_submission(office: AppContext, signed_in: TestClient) -> None:
    oid = occurrence_id(office, VINH_PHUC)
    response = post(
        signed_in,
        f"/deadlines/{oid}/submissions?show=pending",
        {"unit": "so-y-te", "action": "record", "note": "Công văn số 15/SYT ngày 01/02/2024"},
    )
    assert response.headers["location"] == f"/deadlines/{oid}?show=pending"
    page = html(signed_in.get(f"/deadlines/{oid}"))
    assert flashes(page) == [
        "Đã ghi nhận đã gửi báo cáo: Sở Y tế. Thư nhắc cho các đơn vị này dừng lại."
    ]
    shown = text(row(page, "so-y-te"))
    assert "Đã gửi 01/02/2024 09:00" in shown
    assert f"văn phòng ghi nhận · {DISPLAY_NAME}" in shown
    assert "Ghi chú: Công văn số 15/SYT ngày 01/02/2024" in shown
    assert "1/46 đơn vị đã gửi" in text(html(signed_in.get("/")))
    with office.database.session() as session:
        (stored,) = session.scalars(select(Submission))
        assert (stored.source, stored.by, stored.submitted_at) == ("office", DISPLAY_NAME, NOW)
    # Recorded again: nothing new. Then undone: the unit is back to "still has time".
    post(signed_in, f"/deadlines/{oid}/submissions", {"unit": "so-y-te", "action": "record"})
    assert flashes(html(signed_in.get(f"/deadlines/{oid}"))) == [
        "Đã được ghi nhận từ trước: Sở Y tế."
    ]
    post(signed_in, f"/deadlines/{oid}/submissions", {"unit": "so-y-te", "action": "undo"})
    page = html(signed_in.get(f"/deadlines/{oid}"))
    assert flashes(page) == ["Đã hoàn tác ghi nhận của Sở Y tế: thư nhắc tiếp tục."]
    assert "state-pending" in row(page, "so-y-te").get("class")
    assert "0/46 đơn vị đã gửi" in text(html(signed_in.get("/")))
    with office.database.session() as session:
        (stored,) = session.scalars(select(Submission))
        assert stored.revoked_at == NOW and stored.revoked_by == DISPLAY_NAME


def test_recording_several_units_at_once_stops_their_reminders(
    office: AppContext, signed_in: TestClient, cli: Cli
) -> None:
    assert cli("plan", "--now", "2024-02-01T09:00").exit_code == 0
    oid = occurrence_id(office, VINH_PHUC)
    units = ["so-y-te", "so-noi-vu", "so-tai-chinh", "bao-tinh", "so-xay-dung"]
    post(signed_in, f"/deadlines/{oid}/submissions", {"unit": units, "action": "record"})
    page = html(signed_in.get(f"/deadlines/{oid}"))
    assert flashes(page) == [
        "Đã ghi nhận đã gửi báo cáo: Sở Y tế, Sở Nội vụ, Sở Tài chính (+2). "
        "Thư nhắc cho các đơn vị này dừng lại."
    ]
    assert "5/46 đơn vị đã gửi" in text(page)
    with office.database.session() as session:
        pending = session.scalars(
            select(Reminder)
            .join(m.Unit)
            .where(Reminder.occurrence_id == oid, m.Unit.code.in_(units))
        ).all()
    assert pending and {r.status for r in pending} == {"skipped"}  # none left to send
    assert {r.reason for r in pending} == {"submitted", "same_day"}
    # The next planned reminder shows for a unit still owing, not for those that submitted:
    # 7, 3 and 1 day before fall in Tết, so one goes on Wednesday 07/02, the last working day
    # before it.
    assert "Lần tới: 07/02/2024 07:30 · trước hạn 1 ngày · dự kiến" in text(row(page, "so-tu-phap"))
    assert "Lần tới" not in text(row(page, "so-y-te"))


def test_bad_requests_say_what_is_wrong_and_change_nothing(
    office: AppContext, signed_in: TestClient
) -> None:
    oid = occurrence_id(office, VINH_PHUC)
    cases = [
        ({"action": "record"}, "Hãy chọn ít nhất một đơn vị."),
        (
            {"unit": ["so-y-te", "ubnd-xa-hien-quan"], "action": "record"},
            "ubnd-xa-hien-quan không phải đơn vị đang hoạt động thực hiện thời hạn này.",
        ),
        ({"unit": "so-y-te", "note": "x" * 2001}, "Ghi chú dài quá 2000 ký tự."),
    ]
    for data, said in cases:
        post(signed_in, f"/deadlines/{oid}/submissions", data)
        assert flashes(html(signed_in.get(f"/deadlines/{oid}"))) == [said]
    post(signed_in, f"/deadlines/{oid}/reminders", {"unit": "khong-co"})
    assert flashes(html(signed_in.get(f"/deadlines/{oid}"))) == [
        "khong-co không phải đơn vị đang hoạt động thực hiện thời hạn này."
    ]
    with office.database.session() as session:
        assert session.scalars(select(Submission)).all() == []
        assert session.scalars(select(Reminder)).all() == []
    missing = signed_in.get("/deadlines/999999")
    assert missing.status_code == 404 and "Không có thời hạn 999999." in missing.text
    commemoration = occurrence_id(office, "tam-nong-2024/thanh-lap-dang/20240203")
    assert signed_in.get(f"/deadlines/{commemoration}").status_code == 404


def test_a_cancelled_deadline_shows_no_action(office: AppContext, signed_in: TestClient) -> None:
    oid = occurrence_id(office, VINH_PHUC)
    with office.database.session() as session, session.begin():
        session.get(m.Occurrence, oid).cancelled_at = NOW
    page = html(signed_in.get(f"/deadlines/{oid}"))
    assert "Thời hạn này đã bị hủy" in text(page)
    assert page.xpath("//form[contains(@action, '/submissions')]") == []
    post(signed_in, f"/deadlines/{oid}/submissions", {"unit": "so-y-te", "action": "record"})
    assert flashes(html(signed_in.get(f"/deadlines/{oid}"))) == [
        "Thời hạn này đã bị hủy: không thể ghi nhận hay nhắc việc nữa."
    ]


def test_the_page_in_english(office: AppContext, signed_in: TestClient) -> None:
    token = csrf_of(signed_in.get("/").text)
    signed_in.post("/language", data={"lang": "en", "next": "/", "csrf_token": token})
    record(office, SO_KET, "so-y-te")
    page = html(signed_in.get(f"/deadlines/{occurrence_id(office, SO_KET)}"))
    assert "1 of 48 units have submitted" in text(page)
    assert "47 units are late" in text(page)
    assert text(row(page, "so-tai-chinh").xpath(".//span[contains(@class, 'state-late')]")[0]) == (
        "Late by 217 days"
    )
    remind = row(page, "so-tai-chinh").xpath(".//button[not(@name)]")[0]
    assert text(remind) == "Remind now (Sở Tài chính)"


# --- reminders sent now ------------------------------------------------------------------


def outbox_messages(office: AppContext) -> list[Any]:
    folder = office.settings.effective_outbox_dir
    files = sorted(folder.glob("*.eml")) if folder.exists() else []
    return [message_from_bytes(f.read_bytes(), policy=policy.default) for f in files]


def test_a_reminder_sent_now_goes_out_and_is_recorded(
    office: AppContext, signed_in: TestClient
) -> None:
    oid = occurrence_id(office, VINH_PHUC)
    post(signed_in, f"/deadlines/{oid}/reminders", {"unit": "so-y-te"})
    page = html(signed_in.get(f"/deadlines/{oid}"))
    assert flashes(page) == ["Đã gửi thư nhắc tới so-y-te."]
    (message,) = outbox_messages(office)
    assert message["To"].addresses[0].addr_spec == "vanthu@syt.phutho.example"
    assert message["Subject"] == "[Nhắc hạn] Gửi văn bản phát động thi đua năm 2024 – còn 14 ngày"
    assert "Last sent" not in text(row(page, "so-y-te"))
    assert "Lần nhắc gần nhất: 01/02/2024 09:00" in text(row(page, "so-y-te"))
    with office.database.session() as session:
        (sent,) = session.scalars(select(Reminder))
        assert (sent.kind, sent.status, sent.sent_at) == ("manual", "sent", NOW)
    units = html(signed_in.get("/units"))
    assert "Lần nhắc gần nhất: 01/02/2024 09:00" in text(units.xpath("//tr[@id='unit-so-y-te']")[0])
    # Pressed again by mistake: nothing more goes out.
    post(signed_in, f"/deadlines/{oid}/reminders", {"unit": "so-y-te"})
    assert flashes(html(signed_in.get(f"/deadlines/{oid}"))) == [
        "Không gửi tới so-y-te: vừa được nhắc ngay chưa đầy 10 phút trước."
    ]
    assert len(outbox_messages(office)) == 1


def test_reminding_everyone_who_has_not_submitted(
    office: AppContext, signed_in: TestClient
) -> None:
    record(office, VINH_PHUC, "so-y-te", "so-noi-vu")
    oid = occurrence_id(office, VINH_PHUC)
    page = html(signed_in.get(f"/deadlines/{oid}"))
    (button,) = page.xpath("//form[.//input[@name='everyone']]//button")
    assert text(button) == "Nhắc ngay 44 đơn vị chưa gửi"
    # The button asks first: how many units and which; nothing is sent yet.
    token = csrf_of(signed_in.get("/").text)
    asked = signed_in.post(
        f"/deadlines/{oid}/reminders", data={"everyone": "1", "bulk": "1", "csrf_token": token}
    )
    confirm = html(asked)
    assert text(confirm.xpath("//h2[@id='confirm-title']")[0]) == (
        "Thư nhắc sẽ được gửi ngay tới 44 đơn vị:"
    )
    assert len(confirm.xpath("//ul[@class='confirm-units']/li")) == 44
    assert "Sở Y tế" not in text(confirm.xpath("//ul[@class='confirm-units']")[0])
    assert outbox_messages(office) == []
    (cancel,) = confirm.xpath("//form//a")
    assert (text(cancel), cancel.get("href")) == ("Huỷ, không gửi", f"/deadlines/{oid}")
    (form,) = confirm.xpath("//form[.//input[@name='confirmed']]")
    fields: dict[str, list[str]] = {}
    for field in form.xpath(".//input"):
        fields.setdefault(field.get("name"), []).append(field.get("value"))
    assert len(fields["unit"]) == 44
    assert text(form.xpath(".//button")[0]) == "Gửi tới 44 đơn vị"
    response = signed_in.post(form.get("action"), data=fields)
    assert response.status_code == 303
    page = html(signed_in.get(f"/deadlines/{oid}"))
    assert flashes(page)[0].startswith(
        "Đã gửi thư nhắc tới ban-quan-ly-kcn, bao-tinh, bhxh-tinh (+"
    )
    messages = outbox_messages(office)
    assert len(messages) == 44
    reached = {a.addr_spec for msg in messages for a in msg["To"].addresses}
    assert "vanthu@syt.phutho.example" not in reached


def test_reminders_sent_now_over_smtp_tell_each_outcome(
    office: AppContext, signed_in: TestClient, smtp_server: SmtpServer
) -> None:
    office.settings = office.settings.model_copy(update=smtp_server.settings_values())
    smtp_server.refuse("vanthu@sxd.phutho.example")  # 550: refused for good
    record(office, SO_KET, "so-tu-phap")
    oid = occurrence_id(office, SO_KET)
    post(
        signed_in,
        f"/deadlines/{oid}/reminders",
        {"unit": ["so-y-te", "so-xay-dung", "so-tu-phap"]},
    )
    page = html(signed_in.get(f"/deadlines/{oid}"))
    assert flashes(page) == [
        "Đã gửi thư nhắc tới so-y-te.",
        "Không gửi tới so-tu-phap: đơn vị đã gửi báo cáo.",
        "Không gửi được tới so-xay-dung: every recipient refused: "
        "vanthu@sxd.phutho.example: 550 5.1.1 No such mailbox",
    ]
    (received,) = smtp_server.messages
    assert received.rcpt_to == ("vanthu@syt.phutho.example",)
    assert "quá hạn 217 ngày" in received.message["Subject"]
    failed = row(page, "so-xay-dung")
    assert "unreachable" in failed.get("class")
    assert "Gửi thư không thành công" in text(failed)
    assert "550 5.1.1 No such mailbox" in text(failed)
    assert "1 đơn vị không nhận được thư nhắc" in text(page)
    units = html(signed_in.get("/units"))
    problem = units.xpath("//tr[@id='unit-so-xay-dung']//p[@class='problem']")[0]
    assert text(problem).startswith("1 lần gửi thư lỗi:")
    unit = html(signed_in.get("/units/so-xay-dung"))
    assert "550 5.1.1 No such mailbox" in text(unit.xpath("//ul[@class='problems']")[0])


# --- the e-mail's preview ----------------------------------------------------------------


def test_the_preview_shows_the_e_mail_the_unit_gets(
    office: AppContext, signed_in: TestClient
) -> None:
    oid = occurrence_id(office, VINH_PHUC)
    base = f"/deadlines/{oid}/preview/so-y-te"
    page = html(signed_in.get(base))
    assert text(page.xpath("//h1")[0]) == "Thư gửi Sở Y tế"
    head = text(page.xpath("//dl[contains(@class, 'message-head')]")[0])
    assert "Sở Y tế <vanthu@syt.phutho.example>" in head
    assert "[Nhắc hạn] Gửi văn bản phát động thi đua năm 2024 – còn 14 ngày" in head
    body = text(page.xpath("//pre[@class='message-text']")[0])
    assert "Kính gửi: Sở Y tế" in body and "Thứ Năm, 15/02/2024 – còn 14 ngày" in body
    assert "/submit/" in body  # the unit's own "Đã gửi báo cáo" link
    (frame,) = page.xpath("//iframe")
    assert frame.get("sandbox") == "" and frame.get("src") == base + "/message.html"
    framed = signed_in.get(base + "/message.html")
    assert framed.status_code == 200
    assert framed.headers["content-type"] == "text/html; charset=utf-8"
    assert framed.headers["content-security-policy"] == MESSAGE_POLICY
    assert "sandbox" in MESSAGE_POLICY and "script" not in MESSAGE_POLICY
    assert framed.headers["x-frame-options"] == "SAMEORIGIN"
    assert "Kính gửi: <strong>Sở Y tế</strong>" in framed.text
    # Nothing of it is sent, and it is the same message "send now" sends.
    assert outbox_messages(office) == []
    post(signed_in, f"/deadlines/{oid}/reminders", {"unit": "so-y-te"})
    (sent,) = outbox_messages(office)
    assert sent["Subject"] in head
    assert "Thứ Năm, 15/02/2024 – còn 14 ngày" in sent.get_body(("plain",)).get_content()


def test_a_preview_escapes_what_the_files_say(office: AppContext, signed_in: TestClient) -> None:
    oid = occurrence_id(office, VINH_PHUC)
    with office.database.session() as session, session.begin():
        unit = session.scalar(select(m.Unit).where(m.Unit.code == "so-y-te"))
        unit.name = "Sở Y tế <script>alert(1)</script>"
    page = signed_in.get(f"/deadlines/{oid}/preview/so-y-te")
    assert "<script>alert(1)" not in page.text and "&lt;script&gt;alert(1)" in page.text
    framed = signed_in.get(f"/deadlines/{oid}/preview/so-y-te/message.html")
    assert "<script>alert(1)" not in framed.text


def test_no_preview_for_a_unit_that_does_not_answer(
    office: AppContext, signed_in: TestClient
) -> None:
    oid = occurrence_id(office, VINH_PHUC)
    for path in (f"/deadlines/{oid}/preview/ubnd-xa-hien-quan", "/deadlines/999999/preview/x"):
        response = signed_in.get(path)
        assert response.status_code == 404
        assert signed_in.get(path + "/message.html").status_code == 404
