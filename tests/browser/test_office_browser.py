"""The office's pages in a real browser (headless Chromium): sign in, the dashboard with
the seed campaigns in Vietnamese and their deadlines' progress (saved as
``test-artifacts/dashboard.png``), the month view, the English switch, keyboard use, a
phone's screen, colour contrast, uploading and loading a campaign file, a deadline's page
(record a submission and see it counted, undo it, send a reminder now, preview the e-mail),
a unit's calendar link issued and its feed downloaded, signing out."""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from calendars import models as m
from config.settings import Settings
from scheduler import answers
from submissions import records
from tests.browser.conftest import Site
from tests.conftest import EXAMPLES
from tests.ical_checks import parsed_events
from tests.office import NOW, PASSWORD, USERNAME, LiveServer, seed
from thidua.context import AppContext
from thidua.web import create_app

RUNNING_2024 = ("hung-yen-2024", "lai-chau-2024", "tam-nong-2024", "vinh-phuc-2024")
VINH_PHUC = "vinh-phuc-2024/van-ban-phat-dong"  # 46 units, last day Thursday 15/02/2024
# Reports already in on 01/02/2024, recorded before the dashboard's screenshot.
SUBMITTED = ("so-noi-vu", "so-tai-chinh", "so-tu-phap", "so-ke-hoach-dau-tu", "bao-tinh")

# WCAG 2 contrast of every piece of visible text against the background it sits on.
CONTRAST_AUDIT = """() => {
  const channel = (c) => {
    c /= 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const rgb = (text) => (text.match(/[\\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const background = (el) => {
    for (; el; el = el.parentElement) {
      const value = rgb(getComputedStyle(el).backgroundColor);
      if (value.length === 3 || (value.length === 4 && value[3] > 0)) return value.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const failures = [];
  let checked = 0;
  for (const el of document.querySelectorAll("body *")) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    const box = el.getBoundingClientRect();
    if (!own || box.width === 0 || box.height === 0) continue;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || style.clip === "rect(0px, 0px, 0px, 0px)") continue;
    const a = luminance(rgb(style.color)), b = luminance(background(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
    const large = size >= 24 || (size >= 18.66 && bold);
    checked += 1;
    if (ratio < (large ? 3 : 4.5)) {
      const what = el.textContent.trim().slice(0, 40);
      failures.push(`${el.tagName}.${el.className}: ${ratio.toFixed(2)} "${what}"`);
    }
  }
  return {checked, failures};
}"""

# Every visible form control has a label; every button says what it does.
LABEL_AUDIT = """() => {
  const failures = [];
  for (const el of document.querySelectorAll("input:not([type=hidden]), select, textarea")) {
    if (!el.labels || el.labels.length === 0) failures.push(el.outerHTML.slice(0, 80));
  }
  for (const el of document.querySelectorAll("button")) {
    if (!(el.textContent.trim() || el.getAttribute("aria-label"))) {
      failures.push(el.outerHTML.slice(0, 80));
    }
  }
  return failures;
}"""


def sign_in(page: Page, site: Site) -> None:
    page.goto(site.url + "/")
    expect(page).to_have_url(re.compile(r"/signin$"))
    page.get_by_label("Tên đăng nhập").fill(USERNAME)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(site.url + "/")


def campaign_titles(context: AppContext, codes: tuple[str, ...]) -> list[str]:
    with context.database.session() as session:
        rows = session.scalars(select(m.Campaign).where(m.Campaign.code.in_(codes)))
        return [c.title for c in rows]


def deadline_id(context: AppContext, ref: str = VINH_PHUC) -> int:
    with context.database.session() as session:
        return records.find_deadline(session, ref, context.settings.uid_domain).id


def record(context: AppContext, ref: str, codes: tuple[str, ...]) -> None:
    with context.database.session() as session, session.begin():
        occurrence = records.find_deadline(session, ref, context.settings.uid_domain)
        for code in codes:
            unit = records.find_unit(session, code)
            answers.record(session, occurrence, unit, now=NOW, source="office", by="Lan")


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


def test_sign_in_and_see_the_seed_campaigns(page: Page, site: Site, artifacts: Path) -> None:
    page.goto(site.url + "/calendar")
    expect(page).to_have_url(re.compile(r"/signin\?next=%2Fcalendar$"))
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    page.goto(site.url + "/")
    sign_in(page, site)
    expect(page.get_by_role("heading", level=1)).to_have_text("Tổng quan")
    expect(page.get_by_text("Hôm nay là Thứ Năm, ngày 01/02/2024.")).to_be_visible()
    running = page.locator("section[aria-labelledby=running-title] li.card h3")
    expect(running).to_have_count(4)
    titles = campaign_titles(site.context, RUNNING_2024)
    assert sorted(running.all_inner_texts()) == sorted(titles)
    assert any("Tam Nông" in t for t in titles)  # Vietnamese, diacritics intact
    expect(
        page.get_by_text("94 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 – 03/02/2024)")
    ).to_be_visible()
    expect(page.get_by_text("(14/02/2024 là ngày nghỉ: Mùng năm Tết Nguyên Đán)")).to_be_visible()
    expect(page.get_by_text("Nguyễn Thị Lan")).to_be_visible()
    # The deadline's progress: submitted of total, with a bar, and its page one click away.
    record(site.context, VINH_PHUC, SUBMITTED)
    page.reload()
    progress = page.locator("li.kind-deadline .progress").first
    expect(progress.locator(".progress-count")).to_have_text("5/46 đơn vị đã gửi")
    expect(progress.locator("progress")).to_have_attribute("value", "5")
    expect(progress).to_contain_text("41 đơn vị chưa đến hạn")
    target = artifacts / "dashboard.png"
    target.unlink(missing_ok=True)
    page.screenshot(path=str(target), full_page=True)
    width, height = png_size(target)
    assert width == 1280 and height >= 900


def test_month_view(page: Page, site: Site) -> None:
    sign_in(page, site)
    page.get_by_role("navigation", name="Trình đơn chính").get_by_role("link", name="Lịch").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lịch: Tháng 2 năm 2024")
    headers = page.locator("table.month thead abbr")
    expect(headers).to_have_text(["T2", "T3", "T4", "T5", "T6", "T7", "CN"])
    assert headers.first.get_attribute("title") == "Thứ Hai"
    tet = page.locator("td:has(time[datetime='2024-02-10'])")
    expect(tet).to_have_class(re.compile(r"\bholiday\b"))
    expect(tet.locator(".holiday-name")).to_have_text("Tết Nguyên Đán")
    expect(page.locator("td.holiday")).to_have_count(7)
    expect(page.locator("td:has(time[datetime='2024-02-15'])")).to_contain_text(
        "Gửi văn bản phát động thi đua năm 2024"
    )
    page.get_by_role("link", name="Tháng 3 năm 2024 →").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lịch: Tháng 3 năm 2024")
    page.get_by_label("Phong trào").select_option("tam-nong-2024")
    page.get_by_role("button", name="Xem").click()
    expect(page).to_have_url(re.compile(r"month=2024-03&campaign=tam-nong-2024"))


def test_english_switch(page: Page, site: Site) -> None:
    sign_in(page, site)
    page.get_by_role("button", name="Chuyển ngôn ngữ sang English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    expect(page.get_by_text("Today is Thursday, 01/02/2024.")).to_be_visible()
    page.get_by_role("link", name="Calendar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Calendar: February 2024")
    page.get_by_role("button", name="Switch the language to Tiếng Việt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lịch: Tháng 2 năm 2024")


def test_keyboard_only(page: Page, site: Site) -> None:
    page.goto(site.url + "/signin")
    expect(page.get_by_label("Tên đăng nhập")).to_be_focused()  # the one thing to do here
    page.keyboard.type(USERNAME)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(site.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Bỏ qua, đến nội dung chính")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box is not None and box["y"] >= 0  # shown when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    link = page.get_by_role("link", name="Lịch")
    link.focus()
    outline = link.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline == "solid"


PAGES = [
    "/",
    "/calendar?month=2024-02",
    "/campaigns",
    "/campaigns/vinh-phuc-2024",
    "/units",
    "/units/so-y-te",
    "/deadlines/{deadline}",
    "/deadlines/{deadline}/preview/so-y-te",
]


@pytest.mark.parametrize("path", PAGES)
def test_contrast_and_labels(page: Page, site: Site, path: str) -> None:
    sign_in(page, site)
    page.goto(site.url + path.format(deadline=deadline_id(site.context)))
    contrast = page.evaluate(CONTRAST_AUDIT)
    assert contrast["checked"] > 20 and contrast["failures"] == []
    assert page.evaluate(LABEL_AUDIT) == []


def test_on_a_phone(browser: Browser, site: Site, artifacts: Path) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True
    )
    try:
        page = context.new_page()
        sign_in(page, site)
        for path in PAGES:
            page.goto(site.url + path.format(deadline=deadline_id(site.context)))
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, (path, overflow)
        page.goto(site.url + "/calendar?month=2024-02")
        expect(page.locator("table.month thead")).to_be_hidden()  # a list of days
        expect(page.get_by_text("Thứ Bảy, 10/2")).to_be_visible()
        page.goto(site.url + "/")
        page.screenshot(path=str(artifacts / "dashboard-phone.png"), full_page=True)
    finally:
        context.close()


@pytest.fixture
def fresh_site(tmp_path: Path) -> Iterator[Site]:
    """A site of its own, for a test that changes the store; its links (feeds, the e-mails'
    "Đã gửi báo cáo") point at it, and its feeds see a change at the next request."""
    var = tmp_path / "var"
    settings = Settings(
        var_dir=var,
        database_url=f"sqlite:///{var / 'thidua.db'}",
        secret_key="fresh",
    )
    settings.feed_check_seconds = 0  # below the setting's bound: every request looks
    context = AppContext(settings=settings, now_override=NOW)
    seed(context)
    with LiveServer(create_app(context)) as server:
        settings.base_url = server.url
        yield Site(server.url, context)
    context.close()


def test_upload_check_and_load(page: Page, fresh_site: Site) -> None:
    site = fresh_site
    sign_in(page, site)
    page.get_by_role("link", name="Phong trào", exact=True).first.click()
    source = (EXAMPLES / "002-tam-nong-2024.yaml").read_text("utf-8")
    broken = source.replace("code: tam-nong-2024", "code: tam-nong-2025").replace(
        "end: 31/12/2024}", "end: 31/13/2024}"
    )
    page.get_by_label("Tệp (.yaml)").set_input_files(
        [{"name": "tam-nong-2025.yaml", "mimeType": "application/yaml", "buffer": broken.encode()}]
    )
    page.get_by_role("button", name="Kiểm tra tệp").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rà soát trước khi nạp")
    issue = page.get_by_role(
        "link", name=re.compile(r"tam-nong-2025\.yaml:14: campaign\.period\.end")
    )
    expect(issue).to_contain_text("31/13/2024 không phải là ngày hợp lệ: không có tháng 13")
    expect(page.get_by_role("button", name="Nạp vào lịch")).to_have_count(0)
    issue.click()  # the script puts the cursor on the line
    area = page.get_by_label("Nội dung tam-nong-2025.yaml")
    expect(area).to_be_focused()
    selected = area.evaluate("el => el.value.slice(el.selectionStart, el.selectionEnd)")
    assert "31/13/2024" in selected
    area.fill(area.input_value().replace("31/13/2024", "31/12/2024"))
    page.get_by_role("button", name="Kiểm tra lại").click()
    expect(page.get_by_text("Có thể nạp các tệp này.")).to_be_visible()
    page.get_by_role("button", name="Nạp vào lịch").click()
    expect(page).to_have_url(site.url + "/campaigns/tam-nong-2025")
    expect(page.get_by_role("status")).to_contain_text("Đã nạp tam-nong-2025.yaml")
    with site.context.database.session() as session:
        assert session.scalar(select(m.Campaign.code).where(m.Campaign.code == "tam-nong-2025"))


def test_sign_out(page: Page, site: Site) -> None:
    sign_in(page, site)
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page).to_have_url(re.compile(r"/signin$"))
    expect(page.get_by_role("status")).to_have_text("Bạn đã đăng xuất.")
    page.goto(site.url + "/units")
    expect(page).to_have_url(re.compile(r"/signin\?next=%2Funits$"))


def test_a_directive_read_into_a_draft_and_loaded(page: Page, fresh_site: Site) -> None:
    site = fresh_site
    sign_in(page, site)
    page.goto(site.url + "/campaigns")
    text = (EXAMPLES / "texts" / "004_c16090252e2c5fc3.txt").read_text("utf-8")
    page.get_by_label("Nội dung văn bản").fill(text)
    page.get_by_role("button", name="Lập bản nháp").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rà soát bản nháp")
    rows = page.locator("fieldset.event-row")
    assert rows.count() > 3
    expect(rows.first.locator("blockquote.source")).to_be_visible()  # its source sentence
    code = page.get_by_label("Mã", exact=True).first
    code.fill(code.input_value() + "-ban-nhap")  # the example of this plan is stored
    page.get_by_role("button", name="Lưu phong trào").click()
    expect(page.get_by_role("status").first).to_contain_text("Đã lưu phong trào.")
    expect(page.get_by_role("heading", level=1)).to_contain_text("2023")


def test_record_a_submission_see_it_counted_and_undo_it(
    page: Page, fresh_site: Site, artifacts: Path
) -> None:
    site = fresh_site
    sign_in(page, site)
    deadline = page.locator("li.kind-deadline").first
    expect(deadline.locator(".progress-count")).to_have_text("0/46 đơn vị đã gửi")
    deadline.get_by_role("link", name="Gửi văn bản phát động thi đua năm 2024").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Gửi văn bản phát động thi đua năm 2024"
    )
    expect(page.get_by_text("(14/02/2024 là ngày nghỉ: Mùng năm Tết Nguyên Đán)")).to_be_visible()
    row = page.locator("tr#unit-so-y-te")
    expect(row.locator(".badge")).to_have_text("Chưa đến hạn")
    row.get_by_role("button", name="Ghi nhận đã gửi (Sở Y tế)").click()
    expect(page.get_by_role("status").first).to_have_text(
        "Đã ghi nhận đã gửi báo cáo: Sở Y tế. Thư nhắc cho các đơn vị này dừng lại."
    )
    expect(row).to_have_class(re.compile(r"\bstate-submitted\b"))
    expect(row).to_contain_text("Đã gửi 01/02/2024 09:00")
    expect(row).to_contain_text("văn phòng ghi nhận · Nguyễn Thị Lan")
    expect(page.locator("#progress-title + .progress .progress-count")).to_have_text(
        "1/46 đơn vị đã gửi"
    )
    # Two more at once, ticked in the table, with a note kept with them.
    page.get_by_label("Chọn Sở Nội vụ").check()
    page.get_by_label("Chọn Sở Tài chính").check()
    page.get_by_label("Ghi chú lưu cùng báo cáo (không bắt buộc)").fill("Nhận qua hệ thống QLVB")
    page.get_by_role("button", name="Ghi nhận đã gửi", exact=True).first.click()
    expect(page.locator("tr#unit-so-noi-vu")).to_contain_text("Ghi chú: Nhận qua hệ thống QLVB")
    page.get_by_role("link", name="Tổng quan").click()
    expect(page.locator("li.kind-deadline .progress-count").first).to_have_text(
        "3/46 đơn vị đã gửi"
    )
    page.go_back()
    page.locator("tr#unit-so-y-te").get_by_role("button", name="Hoàn tác (Sở Y tế)").click()
    expect(page.get_by_role("status").first).to_have_text(
        "Đã hoàn tác ghi nhận của Sở Y tế: thư nhắc tiếp tục."
    )
    expect(page.locator("tr#unit-so-y-te .badge")).to_have_text("Chưa đến hạn")
    page.get_by_role("link", name="Đã gửi 2").click()  # the filter
    expect(page.locator("section[aria-labelledby='units-title'] tbody tr")).to_have_count(2)
    page.get_by_role("link", name="Tất cả 46").click()
    page.screenshot(path=str(artifacts / "deadline.png"), full_page=False)


def test_send_a_reminder_now_and_preview_it(page: Page, fresh_site: Site) -> None:
    site = fresh_site
    sign_in(page, site)
    page.goto(site.url + f"/deadlines/{deadline_id(site.context)}")
    row = page.locator("tr#unit-so-y-te")
    row.get_by_role("link", name="Xem trước thư (Sở Y tế)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thư gửi Sở Y tế")
    subject = "[Nhắc hạn] Gửi văn bản phát động thi đua năm 2024 – còn 14 ngày"
    expect(page.locator(".message-head .subject")).to_have_text(subject)
    framed = page.frame_locator("iframe.message-frame")
    expect(framed.get_by_text("Kính gửi:")).to_be_visible()  # the frame's policy lets it in
    expect(framed.get_by_role("link", name="Đã gửi báo cáo")).to_be_visible()
    assert page.locator("iframe.message-frame").get_attribute("sandbox") == ""
    page.get_by_role("link", name="Về trang thời hạn").click()
    page.locator("tr#unit-so-y-te").get_by_role("button", name="Nhắc ngay (Sở Y tế)").click()
    expect(page.get_by_role("status").first).to_have_text("Đã gửi thư nhắc tới so-y-te.")
    expect(page.locator("tr#unit-so-y-te")).to_contain_text("Lần nhắc gần nhất: 01/02/2024 09:00")
    (sent,) = site.context.settings.effective_outbox_dir.glob("*.eml")
    assert "vanthu@syt.phutho.example" in sent.read_text("utf-8")


def test_a_units_link_is_renewed_once_whatever_reload_and_back_do(
    page: Page, fresh_site: Site
) -> None:
    site = fresh_site
    sign_in(page, site)
    page.get_by_role("navigation", name="Trình đơn chính").get_by_role(
        "link", name="Đơn vị"
    ).click()
    page.get_by_role("link", name="Sở Y tế", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sở Y tế")
    page.get_by_text("Mã QR để quét bằng điện thoại").click()
    expect(page.get_by_role("img", name="Mã QR của liên kết webcal của Sở Y tế")).to_be_visible()
    link = page.locator(".subscribe a.url").first
    first = link.inner_text()
    assert first.startswith(site.url + "/feeds/units/") and first.endswith(".ics")
    with page.expect_download() as download_info:
        link.click()
    events = parsed_events(Path(download_info.value.path()).read_bytes())
    mine = {uid.split("@")[0] for uid in events}
    assert "vinh-phuc-2024/van-ban-phat-dong" in mine
    assert "tam-nong-2024/tong-ket-dot-1" not in mine  # another unit's report
    # Shown again as it is, any time the page is opened.
    page.goto(site.url + "/units/so-y-te")
    assert link.inner_text() == first
    page.get_by_role("button", name="Cấp liên kết mới").click()
    expect(page).to_have_url(site.url + "/units/so-y-te#feed")  # 303: the page is a GET
    expect(page.get_by_role("status").filter(has_text="Liên kết cũ")).to_be_visible()
    renewed = link.inner_text()
    assert renewed != first
    page.reload()
    assert link.inner_text() == renewed
    page.go_back()  # to the page as it was before the renewal: asked again (no-store)
    expect(page).to_have_url(site.url + "/units/so-y-te")
    assert link.inner_text() == renewed
    page.go_forward()
    assert link.inner_text() == renewed
    # Exactly one valid link: the one shown; the first answers 404.
    assert page.request.get(first).status == 404
    response = page.request.get(renewed)
    assert response.status == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    with site.context.database.session() as session:
        renewals = session.scalars(select(m.FeedGeneration.generation)).all()
    assert renewals == [2]  # one renewal, whatever reload and Back did
