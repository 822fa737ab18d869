"""Editing in a real browser (headless Chromium): a plan read from a document file,
reviewed as a form (a date changed, a row dropped) and saved, then found in the feed and
in the reminders; a unit's address and a group's members changed, the next reminder
delivered to the new address through a real SMTP server, and the history naming who
changed what.

The plan is a PDF with a text layer made here (reportlab, as the importer's own tests make
theirs: `tests.documents.text_pdf`), uploaded as an office would have it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from icalendar import Calendar
from playwright.sync_api import Page, expect

from tests.browser.conftest import Site, serve
from tests.documents import text_pdf
from tests.office import DISPLAY_NAME, PASSWORD, USERNAME
from tests.smtp import SmtpServer
from thidua.cli import main

PLAN = """\
UỶ BAN NHÂN DÂN
HUYỆN LẬP THẠCH
Số: 25/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Lập Thạch, ngày 10 tháng 01 năm 2024
KẾ HOẠCH
Phát động phong trào thi đua năm 2024
I. THỜI GIAN
Phong trào thi đua được thực hiện từ ngày 01/01/2024 đến ngày 31/12/2024.
II. NỘI DUNG
1. Đợt thi đua thứ nhất từ ngày 01/01/2024 đến ngày 30/6/2024.
2. Các sở, ban, ngành gửi bản đăng ký thi đua về Phòng Nội vụ chậm nhất ngày 15/3/2024.
3. Các sở, ban, ngành gửi báo cáo sơ kết 6 tháng đầu năm về Phòng Nội vụ trước ngày 20/6/2024.
4. Hội nghị tổng kết phong trào thi đua được tổ chức vào ngày 20/12/2024 tại Hội trường UBND huyện.
Nơi nhận:
- Các sở, ban, ngành;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn Bình
"""
CAMPAIGN = "lap-thach-2024"


@pytest.fixture
def fresh_site(tmp_path: Path) -> Iterator[Site]:
    """A store of its own (the examples, one user), the clock on 1 February 2024: these
    tests change what the others read."""
    with serve(tmp_path / "var") as site:
        yield site


def cli(site: Site, *args: str, **env: str) -> str:
    """``thidua ARGS`` on the site's store, as an administrator would run it."""
    settings = site.context.settings
    variables = {
        "THIDUA_VAR_DIR": str(settings.var_dir),
        "THIDUA_DATABASE_URL": settings.effective_database_url,
        "THIDUA_CONFIG": str(settings.var_dir / "absent.toml"),
        "THIDUA_SECRET_KEY": "browser-test-secret",
        **env,
    }
    result = CliRunner().invoke(main, list(args), env=variables, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def sign_in(page: Page, site: Site) -> None:
    page.goto(site.url + "/signin")
    page.get_by_label("Tên đăng nhập").fill(USERNAME)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(site.url + "/")


def plan_document(folder: Path) -> Path:
    path = folder / "ke-hoach-lap-thach.pdf"
    text_pdf(PLAN, path)
    return path


def test_a_plan_is_reviewed_changed_and_saved(page: Page, fresh_site: Site, tmp_path: Path) -> None:
    site = fresh_site
    sign_in(page, site)
    page.goto(site.url + "/campaigns")
    page.get_by_label("Hoặc tệp văn bản (.txt, .docx hoặc .pdf)").set_input_files(
        plan_document(tmp_path)
    )
    page.get_by_role("button", name="Lập bản nháp").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rà soát bản nháp")
    expect(page.get_by_text("Đọc từ ke-hoach-lap-thach.pdf.")).to_be_visible()
    registration = page.locator("fieldset.event-row").filter(has_text="Bản đăng ký thi đua")
    expect(registration.locator("blockquote.source mark")).to_have_text(["ngày 15/3/2024"])
    date_field = registration.get_by_label("Ngày ghi trong văn bản")
    expect(date_field).to_have_value("2024-03-15")
    date_field.fill("2024-03-20")
    registration.get_by_label("Thời hạn như văn bản ghi").fill("chậm nhất ngày 20/3/2024")
    meeting = page.locator("fieldset.event-row.kind-meeting")
    expect(meeting).to_have_count(1)
    meeting.get_by_label("Nhận sự kiện này").uncheck()
    page.get_by_role("button", name="Lưu phong trào").click()
    expect(page).to_have_url(site.url + f"/campaigns/{CAMPAIGN}")
    expect(page.get_by_text("Đã lưu phong trào.")).to_be_visible()

    feed = page.request.get(site.url + "/feeds/all.ics")
    assert feed.ok
    events = {str(e["UID"]): e for e in Calendar.from_ical(feed.body()).walk("VEVENT")}
    domain = site.context.settings.uid_domain
    changed = events[f"{CAMPAIGN}/ban-dang-ky-thi-dua@{domain}"]
    assert changed.decoded("DTSTART") == date(2024, 3, 20)
    assert str(changed["SUMMARY"]).startswith("Hạn: ")
    assert f"{CAMPAIGN}/bao-cao-so-ket-6@{domain}" in events
    assert not [uid for uid in events if uid.startswith(f"{CAMPAIGN}/hoi-nghi")]

    records = json.loads(
        cli(
            site,
            "remind",
            "--dry-run",
            "--now",
            "2024-03-13T07:30",
            "--until",
            "2024-03-20",
            "--campaign",
            CAMPAIGN,
            "--format",
            "json",
        )
    )
    mine = [r for r in records if r["deadline"] == f"{CAMPAIGN}/ban-dang-ky-thi-dua"]
    assert mine and {r["effective_date"] for r in mine} == {"2024-03-20"}
    assert {r["kind"] for r in mine} == {"advance", "due"}
    assert "so-y-te" in {r["unit"] for r in mine}  # the group's units, expanded


def test_an_address_and_a_group_are_changed_and_the_reminder_follows(
    page: Page, fresh_site: Site, smtp_server: SmtpServer
) -> None:
    site = fresh_site
    sign_in(page, site)
    page.goto(site.url + "/units/so-y-te")
    old = page.locator("dl.facts a[href^='mailto:']").first.inner_text()
    page.get_by_role("link", name="Sửa đơn vị").click()
    page.get_by_label("Địa chỉ thư điện tử").fill("vanthu.moi@syt.vinhphuc.example")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page).to_have_url(site.url + "/units/so-y-te")
    expect(page.get_by_text("Đã lưu.")).to_be_visible()

    # Sở Tư pháp leaves the departments: it no longer answers for their deadlines.
    page.goto(site.url + "/groups/so-ban-nganh/edit")
    members = page.get_by_label("Thành viên", exact=True)
    chosen = members.evaluate("s => [...s.selectedOptions].map(o => o.value)")
    assert "so-tu-phap" in chosen
    members.select_option([c for c in chosen if c != "so-tu-phap"])
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_text("Đã lưu.")).to_be_visible()

    page.goto(site.url + "/units/so-y-te")
    history = page.locator("section.history")
    expect(history).to_contain_text(
        f"{DISPLAY_NAME} đổi địa chỉ e-mail của Sở Y tế từ {old} thành "
        "vanthu.moi@syt.vinhphuc.example lúc 09:00 ngày 01/02/2024"
    )
    page.goto(site.url + "/units/so-tu-phap")
    expect(page.locator("section.history")).to_contain_text(
        f"{DISPLAY_NAME} đổi thành viên của so-ban-nganh"
    )

    # The next reminders: Wednesday 07/02/2024 at 07:30, through a real SMTP server.
    cli(site, "send-due", "--now", "2024-02-07T07:30", **smtp_server.settings_env())
    received = smtp_server.messages
    assert received
    to_new = smtp_server.to("vanthu.moi@syt.vinhphuc.example")
    assert len(to_new) == 1
    assert "Sở Y tế" in str(to_new[0].message["To"])
    assert smtp_server.to(old) == []
    tu_phap = [r for r in received if re.search(r"Sở Tư pháp", str(r.message["To"]))]
    assert tu_phap == []
