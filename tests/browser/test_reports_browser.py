"""A unit's report in a real browser (headless Chromium), mail through a real SMTP server:
from the link in its reminder, Sở Y tế uploads a PDF; the office returns it with a reason;
the unit gets that mail, opens its link and uploads again; the office accepts; no reminder
of that deadline reaches the unit any more; the unit's feed shows the deadline as met; the
.xlsx export lists the unit as accepted (read back with openpyxl)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from icalendar import Calendar
from playwright.sync_api import Page, expect

from scheduler.models import Reminder
from submissions import links
from tests.browser.conftest import Site, serve
from tests.browser.test_office_editing_browser import cli, sign_in
from tests.reminders import occurrence_id, statuses, unit_id
from tests.reports import docx_bytes, pdf_bytes
from tests.smtp import Received, SmtpServer
from tests.test_feeds_http import token_from

DEADLINE = "vinh-phuc-2024/van-ban-phat-dong"
TITLE = "Gửi văn bản phát động thi đua năm 2024"
UNIT_ADDRESS = "vanthu@syt.phutho.example"
# Thursday 08/02/2024, after that morning's reminders: the office's and the unit's day.
MORNING = datetime(2024, 2, 8, 10, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture
def mail_site(tmp_path: Path, smtp_server: SmtpServer) -> Iterator[Site]:
    """A store of its own whose mail goes to the test's SMTP server."""
    with serve(tmp_path / "var", MORNING, **smtp_server.settings_values()) as site:
        yield site


def send_due(site: Site, smtp_server: SmtpServer, now: str) -> None:
    cli(site, "send-due", "--now", now, THIDUA_BASE_URL=site.url, **smtp_server.settings_env())


def body(received: Received) -> str:
    return received.message.get_body(("plain",)).get_content()  # type: ignore[union-attr]


def link_in(site: Site, received: Received) -> str:
    """The unit's signed link for the deadline in a message (a digest holds several)."""
    secret = site.context.settings.effective_secret_key()
    for url in re.findall(r"http://\S+/submit/\S+", body(received)):
        if links.read_token(secret, url.rsplit("/", 1)[1]).occurrence_uid.startswith(DEADLINE):
            return url
    raise AssertionError(f"no link for {DEADLINE} in {received.message['Subject']}")


def mail_to_unit(smtp_server: SmtpServer, subject: str) -> Received:
    found = [
        r for r in smtp_server.to(UNIT_ADDRESS) if str(r.message["Subject"]).startswith(subject)
    ]
    assert len(found) == 1, [str(r.message["Subject"]) for r in smtp_server.to(UNIT_ADDRESS)]
    return found[0]


def upload(page: Page, url: str, path: Path, note: str) -> None:
    page.goto(url)
    page.locator("#report").set_input_files(path)
    page.get_by_label("Ghi chú gửi cơ quan thường trực (không bắt buộc)").fill(note)
    page.get_by_role("button", name="Gửi báo cáo", exact=True).click()
    expect(page.get_by_role("heading", name="Đã ghi nhận báo cáo – chờ duyệt")).to_be_visible()
    expect(page.locator("#state")).to_contain_text(path.name)


def test_a_report_goes_back_and_forth_until_it_is_accepted(
    page: Page, mail_site: Site, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    site = mail_site
    send_due(site, smtp_server, "2024-02-08T07:30")
    reminders = [r for r in smtp_server.to(UNIT_ADDRESS) if TITLE in body(r)]
    assert reminders, "the test needs a reminder of the deadline to Sở Y tế"
    link = link_in(site, reminders[-1])
    assert link.startswith(site.url + "/submit/")

    # The unit uploads its PDF from the reminder's link, and gets a receipt.
    first = tmp_path / "Báo cáo Sở Y tế.pdf"
    first.write_bytes(pdf_bytes(tmp_path, "Báo cáo của Sở Y tế"))
    upload(page, link, first, "Bản ký số, số 15/BC-SYT")
    assert "Báo cáo Sở Y tế.pdf" in body(mail_to_unit(smtp_server, "[Đã nhận] "))

    # The office returns it with a reason.
    office = page.context.new_page()
    sign_in(office, site)
    deadline_page = f"{site.url}/deadlines/{occurrence_id(site.context, DEADLINE)}"
    office.goto(deadline_page)
    row = office.locator("#report-so-y-te")
    expect(row).to_contain_text("chờ duyệt")
    expect(row).to_contain_text("Bản ký số, số 15/BC-SYT")
    reason = "Thiếu chữ ký của lãnh đạo, đề nghị gửi lại"
    row.get_by_placeholder("Lý do trả lại").fill(reason)
    row.get_by_role("button", name="Trả lại").click()
    expect(office.locator("#report-so-y-te")).to_contain_text("trả lại")
    expect(office.locator("#report-so-y-te")).to_contain_text(reason)

    # The unit reads the mail, opens its link and sends a corrected file.
    returned = mail_to_unit(smtp_server, "[Trả lại] ")
    assert reason in body(returned)
    again = link_in(site, returned)
    page.goto(again)
    expect(
        page.get_by_role("heading", name="Cơ quan thường trực đã trả lại báo cáo")
    ).to_be_visible()
    expect(page.locator("#state")).to_contain_text(reason)
    corrected = tmp_path / "Báo cáo Sở Y tế (bổ sung).docx"
    corrected.write_bytes(docx_bytes("Báo cáo của Sở Y tế, đã có chữ ký"))
    upload(page, again, corrected, "Đã bổ sung chữ ký")

    # The office accepts it.
    office.goto(deadline_page)
    row = office.locator("#report-so-y-te")
    expect(row).to_contain_text(corrected.name)
    row.get_by_role("button", name="Duyệt").click()
    expect(office.locator("#report-so-y-te")).to_contain_text("đã duyệt")
    assert "đã duyệt báo cáo" in body(mail_to_unit(smtp_server, "[Đã duyệt] "))
    page.goto(again)
    expect(page.get_by_role("heading", name="Cơ quan thường trực đã duyệt báo cáo")).to_be_visible()
    expect(page.locator("form")).to_have_count(0)  # nothing more to send

    # Chasing has stopped: no reminder of this deadline is planned or sent any more.
    sent_before = len(smtp_server.messages)
    for day in ("2024-02-12", "2024-02-14", "2024-02-15", "2024-02-20", "2024-02-23"):
        send_due(site, smtp_server, f"{day}T07:30")
    later = smtp_server.messages[sent_before:]
    assert later, "the other units are still chased"
    assert not [r for r in later if UNIT_ADDRESS in r.rcpt_to and TITLE in body(r)]
    mine = (
        Reminder.unit_id == unit_id(site.context, "so-y-te"),
        Reminder.occurrence_id == occurrence_id(site.context, DEADLINE),
    )
    assert ("pending", None) not in statuses(site.context, *mine)

    # The unit's feed shows the deadline as met.
    token = token_from(cli(site, "units", "token", "so-y-te"))
    feed = page.request.get(f"{site.url}/feeds/units/{token}.ics")
    assert feed.ok
    events = {str(e["UID"]): e for e in Calendar.from_ical(feed.body()).walk("VEVENT")}
    met = events[f"{DEADLINE}@thidua.local"]
    assert str(met["SUMMARY"]) == f"Đã gửi: {TITLE}"
    assert "Đơn vị đã gửi báo cáo ngày 08/02/2024." in str(met["DESCRIPTION"])

    # The status table, downloaded as the office does, lists the unit as accepted.
    office.goto(deadline_page)
    with office.expect_download() as download:
        office.get_by_role("link", name="Bảng trạng thái (.xlsx)").click()
    saved = tmp_path / "status.xlsx"
    download.value.save_as(saved)
    sheet = openpyxl.load_workbook(saved).active
    assert sheet is not None
    rows = {row[2]: row for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert rows["so-y-te"][4] == "đã duyệt"
    assert rows["so-y-te"][6] == corrected.name
    assert rows["so-tu-phap"][4] == "chưa gửi"
