"""Every office page in a real browser (headless Chromium), audited: axe-core (from npm,
``tests/js``) finds no serious or critical violation; the keyboard alone (Tab, Enter)
reaches every form's fields and buttons; each page is pictured at 1366×768 and 390×844
(PNG files under ``test-artifacts/screens``, kept out of the repository); the dashboard's
late units are above the fold at both sizes.

One browser for the module and one signed-in tab per screen size, reused page after page:
the machine is small.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import ARTIFACTS, Site
from tests.browser.test_office_browser import deadline_id, sign_in
from tests.conftest import EXAMPLES, ROOT, _in_ci

AXE = ROOT / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"
SCREENS = ARTIFACTS / "screens"
SIZES = {"desktop": (1366, 768), "phone": (390, 844)}
GRAVE = ("serious", "critical")

# Every page of the office a clerk can open, by address; `{deadline}` is Vĩnh Phúc's.
PAGES = {
    "dashboard": "/",
    "calendar": "/calendar?month=2024-02",
    "campaigns": "/campaigns",
    "campaign": "/campaigns/vinh-phuc-2024",
    "campaign-new": "/campaigns/new",
    "campaign-edit": "/campaigns/vinh-phuc-2024/edit",
    "units": "/units",
    "unit": "/units/so-y-te",
    "unit-new": "/units/new",
    "unit-edit": "/units/so-y-te/edit",
    "group-new": "/groups/new",
    "group-edit": "/groups/so-ban-nganh/edit",
    "deadline": "/deadlines/{deadline}",
    "preview": "/deadlines/{deadline}/preview/so-y-te",
    "workdays": "/workdays?year=2024",
    "not-found": "/khong-co",
}


def _upload_review(page: Page) -> None:
    page.goto(_base(page) + "/campaigns")
    page.get_by_label("Tệp (.yaml)").set_input_files(str(EXAMPLES / "002-tam-nong-2024.yaml"))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rà soát trước khi nạp")


def _draft_review(page: Page) -> None:
    page.goto(_base(page) + "/campaigns")
    text = (EXAMPLES / "texts" / "004_c16090252e2c5fc3.txt").read_text("utf-8")
    page.get_by_label("Nội dung văn bản").fill(text)
    page.get_by_role("button", name="Lập bản nháp").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rà soát bản nháp")


def _remind_confirm(page: Page) -> None:
    page.goto(_base(page) + "/")
    page.locator("li.kind-deadline .entry-title a").first.click()
    page.get_by_role("button", name=re.compile(r"^Nhắc ngay \d+ đơn vị chưa gửi")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gửi thư nhắc ngay?")


# Pages that only a form's answer shows: reached by filling the form, nothing stored.
ANSWERS = {
    "upload-review": _upload_review,
    "draft-review": _draft_review,
    "remind-confirm": _remind_confirm,
}


def _base(page: Page) -> str:
    match = re.match(r"https?://[^/]+", page.url)
    assert match, page.url
    return match.group(0)


@dataclass
class Tab:
    """A signed-in tab at one screen size."""

    page: Page
    size: str
    site: Site

    def open(self, name: str) -> None:
        if name in ANSWERS:
            ANSWERS[name](self.page)
        else:
            path = PAGES[name].format(deadline=deadline_id(self.site.context))
            self.page.goto(self.site.url + path)

    def picture(self, name: str) -> Path:
        SCREENS.mkdir(parents=True, exist_ok=True)
        target = SCREENS / f"{name}-{self.size}.png"
        self.page.screenshot(path=str(target), full_page=True)
        return target


def _tab(browser: Browser, site: Site, size: str) -> Iterator[Tab]:
    width, height = SIZES[size]
    phone = size == "phone"
    context = browser.new_context(
        locale="vi-VN",
        viewport={"width": width, "height": height},
        is_mobile=phone,
        has_touch=phone,
        bypass_csp=True,  # axe is injected as a script of the test's own
    )
    try:
        page = context.new_page()
        sign_in(page, site)
        yield Tab(page, size, site)
    finally:
        context.close()


@pytest.fixture(scope="module")
def desktop(browser: Browser, site: Site) -> Iterator[Tab]:
    yield from _tab(browser, site, "desktop")


@pytest.fixture(scope="module")
def phone(browser: Browser, site: Site) -> Iterator[Tab]:
    yield from _tab(browser, site, "phone")


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        message = f"no {AXE.relative_to(ROOT)}: run 'npm ci --prefix tests/js'"
        if _in_ci():
            pytest.fail(message + " (CI=true: the accessibility check must run)")
        pytest.skip(message)
    return AXE.read_text("utf-8")


AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
  }));
}"""


def grave_violations(page: Page, axe_source: str) -> list[dict[str, object]]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    return [v for v in page.evaluate(AXE_RUN) if v["impact"] in GRAVE]


ALL = [*PAGES, *ANSWERS]


def test_every_page_passes_axe_and_is_pictured(desktop: Tab, phone: Tab, axe_source: str) -> None:
    found: dict[str, object] = {}
    for tab in (desktop, phone):
        for name in ALL:
            tab.open(name)
            tab.picture(name)
            violations = grave_violations(tab.page, axe_source)
            if violations:
                found[f"{name} ({tab.size})"] = violations
    assert found == {}
    # The audit sees what it must: a button without a name is a critical violation.
    phone.page.evaluate(
        "() => document.querySelector('main').append(document.createElement('button'))"
    )
    assert "button-name" in {v["id"] for v in grave_violations(phone.page, axe_source)}
    pictures = sorted(p.name for p in SCREENS.glob("*.png"))
    assert {f"{n}-{s}.png" for n in ALL for s in SIZES} <= set(pictures)


def test_the_signin_page_passes_axe(browser: Browser, site: Site, axe_source: str) -> None:
    context = browser.new_context(locale="vi-VN", bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(site.url + "/signin")
        assert grave_violations(page, axe_source) == []
    finally:
        context.close()


@pytest.mark.parametrize("size", SIZES)
def test_the_late_units_are_above_the_fold(
    request: pytest.FixtureRequest, size: str, site: Site
) -> None:
    tab: Tab = request.getfixturevalue(size)
    tab.open("dashboard")
    late = tab.page.locator("section.late-units")
    expect(late.locator("li a").first).to_be_visible()
    box = late.bounding_box()
    height = SIZES[size][1]
    assert box is not None
    assert box["y"] >= 0 and box["y"] + box["height"] <= height, (size, box)
    tab.picture("dashboard-fold")


# Each visible, enabled form control of the page (fields and buttons), marked with an index
# so that the keyboard's walk can say which it reached.
MARK_CONTROLS = """() => {
  const controls = [...document.querySelectorAll(
    "form input:not([type=hidden]), form select, form textarea, form button, "
    + "input[form], button[form]")]
    .filter((el) => !el.disabled && el.getClientRects().length > 0
      && getComputedStyle(el).visibility !== "hidden");
  controls.forEach((el, i) => { el.dataset.kb = String(i); });
  return controls.map((el) => `${el.tagName.toLowerCase()} ${el.name || el.textContent.trim()}`);
}"""


def walk_with_tab(page: Page, limit: int = 1500) -> set[str]:
    """Press Tab from the top of the page until focus comes round again: the marked
    controls it reached."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); }")
    page.evaluate("() => window.scrollTo(0, 0)")
    reached: set[str] = set()
    seen_first: str | None = None
    for _ in range(limit):
        page.keyboard.press("Tab")
        key = page.evaluate(
            "() => { const el = document.activeElement;"
            " return el === document.body ? '' : (el.dataset.kb ?? el.outerHTML.slice(0, 60)); }"
        )
        if key == seen_first or key == "":
            break
        seen_first = seen_first or key
        reached.add(key)
    return reached


FORM_PAGES = [
    "dashboard",
    "calendar",
    "campaigns",
    "campaign-new",
    "campaign-edit",
    "units",
    "unit",
    "unit-edit",
    "group-edit",
    "deadline",
    "workdays",
    "draft-review",
    "remind-confirm",
]


def test_the_keyboard_reaches_every_form(desktop: Tab) -> None:
    missed: dict[str, list[str]] = {}
    for name in FORM_PAGES:
        desktop.open(name)
        controls = desktop.page.evaluate(MARK_CONTROLS)
        assert controls, name
        if name == "deadline":  # a tick box and two buttons for each of its 46 units
            assert len(controls) > 3 * 46
        reached = walk_with_tab(desktop.page)
        lost = [c for i, c in enumerate(controls) if str(i) not in reached]
        if lost:
            missed[name] = lost
    assert missed == {}


def test_forms_are_sent_with_the_keyboard(desktop: Tab) -> None:
    """Enter in a field sends its form; Enter on a focused button presses it."""
    page = desktop.page
    desktop.open("units")
    page.get_by_label("Tìm đơn vị").focus()
    page.keyboard.type("y te")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/units\?q=y\+te"))
    expect(page.locator("tr#unit-so-y-te")).to_be_visible()
    desktop.open("calendar")
    page.get_by_label("Phong trào").focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")  # to the "Xem" button
    expect(page.get_by_role("button", name="Xem")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/calendar\?month=2024-02&campaign=[a-z0-9-]+"))
