"""Editing in the browser's pages (Starlette's TestClient): a campaign, a unit, a group.
Each save goes through the store path of ``thidua load``; an error is shown beside its
field, in Vietnamese, and nothing is stored; a change is recorded with who made it; one
that would cancel reminders already due asks first."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import lxml.html
import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from calendars import models as m
from config.settings import Settings
from scheduler import planner
from scheduler.models import Reminder
from tests.forms import PageForm
from tests.office import DISPLAY_NAME, NOW, sign_in
from thidua.context import AppContext
from thidua.web import create_app

pytest_plugins = ["tests.office_fixtures"]

CAMPAIGN = "vinh-phuc-2024"
EDIT = f"/campaigns/{CAMPAIGN}/edit"


def text(response: Any) -> str:
    return " ".join(lxml.html.fromstring(response.text).text_content().split())


def errors_beside(response: Any, name: str) -> list[str]:
    """The error messages in the field whose control is named ``name``."""
    page = lxml.html.fromstring(response.text)
    controls = page.xpath(f"//*[@name='{name}']")
    assert controls, f"no field {name}"
    field = controls[0].xpath("ancestor::div[contains(@class, 'field')][1]")[0]
    return [" ".join(p.text_content().split()) for p in field.xpath(".//p[@class='field-error']")]


def stored_spec(context: AppContext, code: str = CAMPAIGN) -> dict[str, Any]:
    with context.database.session() as session:
        campaign = session.scalar(select(m.Campaign).where(m.Campaign.code == code))
        assert campaign is not None
        return campaign.spec


def event(context: AppContext, code: str, campaign: str = CAMPAIGN) -> m.Event:
    with context.database.session() as session:
        row = session.scalar(
            select(m.Event)
            .join(m.Campaign)
            .where(m.Campaign.code == campaign, m.Event.code == code)
        )
        assert row is not None
        return row


def edit_form(client: TestClient) -> PageForm:
    response = client.get(EDIT)
    assert response.status_code == 200
    return PageForm(response.text, EDIT)


# --- a campaign ------------------------------------------------------------------------


def test_saving_an_unchanged_campaign_changes_nothing(
    office: AppContext, signed_in: TestClient
) -> None:
    before = stored_spec(office)
    deadline = event(office, "van-ban-phat-dong")
    form = edit_form(signed_in)
    response = form.post(signed_in, EDIT, action="save")
    assert response.status_code == 303, text(response)
    assert stored_spec(office) == before
    assert event(office, "van-ban-phat-dong").sequence == deadline.sequence
    page = signed_in.get(f"/campaigns/{CAMPAIGN}")
    assert "Chưa có thay đổi nào được thực hiện từ các trang này." in text(page)


def test_a_changed_deadline_is_stored_with_its_history(
    sqlite_settings: Settings, office: AppContext
) -> None:
    before = event(office, "van-ban-phat-dong")
    later = AppContext(settings=sqlite_settings, now_override=NOW + timedelta(hours=1, minutes=32))
    with TestClient(create_app(later), follow_redirects=False) as client:
        sign_in(client)
        form = edit_form(client)
        row = form.row_of("code", "van-ban-phat-dong")
        assert form.get(f"{row}.due.date") == "2024-02-15"
        form.set(f"{row}.due.date", "2024-02-20").set(f"{row}.wording", "trước ngày 20/02/2024")
        response = form.post(client, EDIT, action="save")
        assert response.status_code == 303, text(response)
        page = text(client.get(f"/campaigns/{CAMPAIGN}"))
    later.close()
    after = event(office, "van-ban-phat-dong")
    assert after.spec["due"] == {"rule": "before", "date": "2024-02-20"}
    assert after.sequence == before.sequence + 1
    assert after.updated_at == NOW + timedelta(hours=1, minutes=32)
    with office.database.session() as session:
        occurrence = session.scalar(select(m.Occurrence).where(m.Occurrence.event_id == after.id))
        assert occurrence is not None and occurrence.end_date.isoformat() == "2024-02-19"
    assert (
        f"{DISPLAY_NAME} đổi ngày hạn của sự kiện van-ban-phat-dong từ 15/02/2024 thành "
        "20/02/2024 lúc 10:32 ngày 01/02/2024"
    ) in page


def test_an_error_is_shown_beside_its_field_and_nothing_is_stored(
    office: AppContext, signed_in: TestClient
) -> None:
    before = stored_spec(office)
    form = edit_form(signed_in)
    row = form.row_of("code", "van-ban-phat-dong")
    form.set(f"{row}.due.date", "2024-02-31").set(f"{row}.title", "Tên mới")
    form.set("campaign.period.end", "2023-12-01")
    response = form.post(signed_in, EDIT, action="save")
    assert response.status_code == 422
    assert errors_beside(response, f"{row}.due.date") == ["2024-02-31 không phải là ngày hợp lệ"]
    assert errors_beside(response, "campaign.period.end") == []  # the range's, not the day's
    assert "khoảng thời gian kết thúc (01/12/2023) trước khi bắt đầu (01/01/2024)" in text(response)
    assert "2 lỗi: không có gì được lưu." in text(response)
    assert stored_spec(office) == before
    # What was typed stays in the form, for the clerk to correct.
    again = PageForm(response.text, EDIT)
    assert again.get(f"{row}.title") == "Tên mới"
    assert again.get(f"{row}.due.date") == "2024-02-31"


def test_how_units_send_is_edited_in_the_campaign_form(
    office: AppContext, signed_in: TestClient
) -> None:
    form = edit_form(signed_in)
    assert form.get("campaign.reporting.mailbox") == ""
    form.set("campaign.reporting.mailbox", "bantdkt@snv.vinhphuc.gov.vn")
    form.set("campaign.reporting.channel", "paper")
    form.set("campaign.reporting.contact", "Nguyễn Thị Lan")
    form.set("campaign.reporting.phone", "0211 3862 555")
    refused = form.post(signed_in, EDIT, action="save")
    assert refused.status_code == 422  # paper needs an address: nothing is stored
    assert "gửi báo cáo bằng văn bản giấy cần ghi địa chỉ nhận" in text(refused)
    assert "reporting" not in stored_spec(office)["campaign"]
    again = PageForm(refused.text, EDIT)
    again.set("campaign.reporting.address", "Số 1 Nguyễn Trãi, Vĩnh Yên")
    assert again.post(signed_in, EDIT, action="save").status_code == 303
    assert stored_spec(office)["campaign"]["reporting"] == {
        "mailbox": "bantdkt@snv.vinhphuc.gov.vn",
        "channel": "paper",
        "address": "Số 1 Nguyễn Trãi, Vĩnh Yên",
        "contact": "Nguyễn Thị Lan",
        "phone": "0211 3862 555",
    }
    with office.database.session() as session:
        occurrence = session.scalar(
            select(m.Occurrence).where(
                m.Occurrence.event_id == event(office, "van-ban-phat-dong").id
            )
        )
        assert occurrence is not None
        assert occurrence.details["reporting"]["mailbox"] == "bantdkt@snv.vinhphuc.gov.vn"
    exported = signed_in.get(f"/campaigns/{CAMPAIGN}/export.yaml")
    assert exported.status_code == 200
    assert "mailbox: bantdkt@snv.vinhphuc.gov.vn" in exported.text
    # Emptied again, the block leaves the file.
    cleared = edit_form(signed_in)
    for name in ("mailbox", "channel", "address", "contact", "phone"):
        cleared.set(f"campaign.reporting.{name}", "")
    assert cleared.post(signed_in, EDIT, action="save").status_code == 303
    assert "reporting" not in stored_spec(office)["campaign"]


def test_an_unknown_unit_is_named_beside_the_picker(
    office: AppContext, signed_in: TestClient
) -> None:
    before = stored_spec(office)
    form = edit_form(signed_in)
    row = form.row_of("code", "van-ban-phat-dong")
    form.set(f"{row}.units", "so-ban-nganh", "so-noi-vuu")
    response = form.post(signed_in, EDIT, action="save")
    assert response.status_code == 422
    assert errors_beside(response, f"{row}.units") == [
        "Không có đơn vị hay nhóm nào mang mã so-noi-vuu (có phải ý bạn là so-noi-vu?)"
    ]
    assert PageForm(response.text, EDIT).all(f"{row}.units") == ["so-noi-vuu", "so-ban-nganh"]
    assert stored_spec(office) == before


def test_checking_names_the_errors_without_storing(
    office: AppContext, signed_in: TestClient
) -> None:
    form = edit_form(signed_in).set("campaign.title")
    response = form.post(signed_in, EDIT, action="check")
    assert response.status_code == 422
    assert errors_beside(response, "campaign.title") == ["bắt buộc, nhưng còn trống"]
    assert stored_spec(office)["campaign"]["title"].startswith("Phong trào thi đua")


def test_a_dropped_event_is_cancelled_and_an_added_one_stored(
    office: AppContext, signed_in: TestClient
) -> None:
    form = edit_form(signed_in)
    response = form.post(signed_in, EDIT, action="add", add_kind="meetings")
    form = PageForm(response.text, EDIT)
    new = [n.split(".")[0] for n, v in form.fields if n.endswith(".section") and v == "meetings"]
    assert len(new) == 1
    form.set(f"{new[0]}.code", "hoi-nghi").set(f"{new[0]}.title", "Hội nghị sơ kết")
    form.set(f"{new[0]}.date", "2024-07-10").set(f"{new[0]}.start_time", "08:00")
    deadline = form.row_of("code", "van-ban-phat-dong")
    form.set(f"{deadline}.keep")
    response = form.post(signed_in, EDIT, action="save")
    assert response.status_code == 303, text(response)
    assert event(office, "van-ban-phat-dong").cancelled_at is not None
    meeting = event(office, "hoi-nghi")
    assert meeting.spec["start_time"] == "08:00" and meeting.spec["date"] == "2024-07-10"


def test_a_new_campaign_needs_a_code_of_its_own(office: AppContext, signed_in: TestClient) -> None:
    form = PageForm(signed_in.get("/campaigns/new").text, "/campaigns/new")
    values = {
        "campaign.code": CAMPAIGN,
        "campaign.title": "Phong trào thi đua mới",
        "campaign.issuer": "UBND tỉnh Vĩnh Phúc",
        "campaign.document.kind": "Kế hoạch",
        "campaign.period.start": "2025-01-01",
        "campaign.period.end": "2025-12-31",
    }
    for name, value in values.items():
        form.set(name, value)
    response = form.post(signed_in, "/campaigns/new", action="save")
    assert response.status_code == 422
    assert errors_beside(response, "campaign.code") == [
        "Đã có một phong trào mang mã này: hãy chọn mã khác"
    ]
    form.set("campaign.code", "vinh-phuc-2025")
    response = form.post(signed_in, "/campaigns/new", action="save")
    assert response.status_code == 303, text(response)
    assert stored_spec(office, "vinh-phuc-2025")["campaign"]["title"] == "Phong trào thi đua mới"
    assert f"{DISPLAY_NAME} tạo Phong trào thi đua mới" in text(
        signed_in.get("/campaigns/vinh-phuc-2025")
    )


# --- units and groups ------------------------------------------------------------------


def test_a_units_address_is_changed_and_its_history_shown(
    office: AppContext, signed_in: TestClient
) -> None:
    url = "/units/so-y-te/edit"
    form = PageForm(signed_in.get(url).text, url)
    old = form.get("emails")
    form.set("emails", "vanthu.moi@syt.vinhphuc.example")
    response = form.post(signed_in, url, action="save")
    assert response.status_code == 303, text(response)
    with office.database.session() as session:
        unit = session.scalar(select(m.Unit).where(m.Unit.code == "so-y-te"))
        assert unit is not None and unit.emails == ["vanthu.moi@syt.vinhphuc.example"]
    page = text(signed_in.get("/units/so-y-te"))
    assert (
        f"{DISPLAY_NAME} đổi địa chỉ e-mail của Sở Y tế từ {old} thành "
        "vanthu.moi@syt.vinhphuc.example lúc 09:00 ngày 01/02/2024"
    ) in page


def test_a_bad_address_is_named_beside_its_field(office: AppContext, signed_in: TestClient) -> None:
    url = "/units/so-y-te/edit"
    form = PageForm(signed_in.get(url).text, url).set("emails", "vanthu@@syt")
    response = form.post(signed_in, url, action="save")
    assert response.status_code == 422
    assert errors_beside(response, "emails") == ["Đây không phải là một địa chỉ e-mail hợp lệ"]
    with office.database.session() as session:
        unit = session.scalar(select(m.Unit).where(m.Unit.code == "so-y-te"))
        assert unit is not None and unit.emails != ["vanthu@@syt"]


def test_a_groups_members_are_changed(office: AppContext, signed_in: TestClient) -> None:
    url = "/groups/khoi-van-hoa-xa-hoi/edit"
    form = PageForm(signed_in.get(url).text, url)
    members = form.all("members")
    assert "so-y-te" in members and "so-noi-vu" not in members
    form.set("members", *[c for c in members if c != "so-y-te"], "so-noi-vu")
    response = form.post(signed_in, url, action="save")
    assert response.status_code == 303, text(response)
    with office.database.session() as session:
        group = session.scalar(select(m.Group).where(m.Group.code == "khoi-van-hoa-xa-hoi"))
        assert group is not None
        assert {u.code for u in group.units} == {*members, "so-noi-vu"} - {"so-y-te"}
    page = text(signed_in.get("/units/so-y-te"))
    assert f"{DISPLAY_NAME} đổi thành viên của khoi-van-hoa-xa-hoi từ" in page


# --- reminders already due -------------------------------------------------------------


@pytest.fixture
def due_office(sqlite_settings: Settings, office: AppContext) -> Iterator[AppContext]:
    """The office on Wednesday 07/02/2024 at 08:00, reminders planned: those of 07:30 are
    due (the Vĩnh Phúc deadline's, for 46 units)."""
    moment = datetime(2024, 2, 7, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    context = AppContext(settings=sqlite_settings, now_override=moment)
    with context.database.session() as session, session.begin():
        planner.plan(session, context.settings, context.calendar, moment)
    yield context
    context.close()


def test_a_change_that_cancels_due_reminders_asks_first(due_office: AppContext) -> None:
    with TestClient(create_app(due_office), follow_redirects=False) as client:
        sign_in(client)
        url = "/groups/so-ban-nganh/edit"
        form = PageForm(client.get(url).text, url)
        form.set("members", *[c for c in form.all("members") if c != "so-y-te"])
        response = form.post(client, url, action="save")
        assert response.status_code == 200
        assert "Lưu sẽ hủy 1 lần nhắc đã đến hạn gửi" in text(response)
        assert "Sở Y tế — Gửi văn bản phát động thi đua năm 2024" in text(response)
        with due_office.database.session() as session:
            group = session.scalar(select(m.Group).where(m.Group.code == "so-ban-nganh"))
            assert group is not None and "so-y-te" in group.members
        confirmed = PageForm(response.text, url)
        response = confirmed.post(client, url, action="confirm")
        assert response.status_code == 303, text(response)
    with due_office.database.session() as session:
        cancelled = session.scalars(
            select(Reminder.status)
            .join(m.Unit, m.Unit.id == Reminder.unit_id)
            .where(m.Unit.code == "so-y-te", Reminder.kind == "advance")
        ).all()
        assert "cancelled" in cancelled and "pending" not in cancelled
