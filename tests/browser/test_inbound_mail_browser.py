"""The office's incoming-mail page (``/mail``) in a real browser: a reply from an unknown
sender waits there, the page passes axe-core, and the clerk records it as a unit's report
with the form (unit and deadline chosen from the lists), after which it no longer waits."""

from __future__ import annotations

from collections.abc import Iterator
from email.message import EmailMessage
from email.policy import SMTP

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from calendars import models as m
from scheduler import replies
from submissions import records
from submissions.models import Submission
from tests.browser.conftest import Site
from tests.browser.test_office_audit_browser import axe_source, grave_violations  # noqa: F401
from tests.browser.test_office_browser import sign_in
from tests.reports import docx_bytes


def waiting_mail(site: Site) -> int:
    """An answer from an address no unit has, kept by the service as mail that came in."""
    message = EmailMessage()
    message["From"] = "Chuyên viên <chuyen-vien@gmail.example>"
    message["To"] = "baocao@snv.phutho.example"
    message["Subject"] = "Sở Y tế gửi báo cáo"
    message.set_content("Kính gửi Ban Thi đua, Sở Y tế gửi báo cáo.")
    message.add_attachment(
        docx_bytes(), maintype="application", subtype="octet-stream", filename="Báo cáo.docx"
    )
    intake = replies.Intake(site.context.database.session, site.context.settings, "smtp")
    return intake(message.as_bytes(policy=SMTP), ["baocao@snv.phutho.example"])


def one_it_answers_for(site: Site, unit_code: str, offered: list[str]) -> int:
    """The first deadline the page offers that the unit answers for."""
    with site.context.database.session() as session:
        unit = records.find_unit(session, unit_code)
        for value in filter(None, offered):
            occurrence = session.get(m.Occurrence, int(value))
            if occurrence is not None and records.is_responsible(session, occurrence, unit):
                return occurrence.id
    pytest.fail(f"the page offers no deadline {unit_code} answers for")


@pytest.fixture
def audited(browser: Browser) -> Iterator[Page]:
    """A tab that lets axe-core in (the office's CSP allows no inline script)."""
    context = browser.new_context(locale="vi-VN", bypass_csp=True)
    yield context.new_page()
    context.close()


def test_a_clerk_records_a_waiting_mail_as_a_units_report(
    audited: Page, site: Site, request: pytest.FixtureRequest
) -> None:
    page = audited
    mail_id = waiting_mail(site)
    sign_in(page, site)
    page.get_by_role("link", name="Thư đến").click()
    expect(page).to_have_url(site.url + "/mail")
    card = page.locator(f"#mail-{mail_id}")
    expect(card).to_contain_text("chuyen-vien@gmail.example")
    expect(card).to_contain_text("Địa chỉ người gửi không phải của đơn vị nào.")
    assert grave_violations(page, request.getfixturevalue("axe_source")) == []

    card.get_by_label("Đơn vị").select_option(label="Sở Y tế (so-y-te)")
    choices = card.get_by_label("Hạn được trả lời")
    offered = choices.locator("option").evaluate_all("options => options.map(o => o.value)")
    deadline = one_it_answers_for(site, "so-y-te", offered)
    choices.select_option(value=str(deadline))
    card.get_by_role("button", name="Ghi nhận là báo cáo của đơn vị này").click()
    expect(page.locator(".flash-success")).to_contain_text("Đã ghi nhận là báo cáo của Sở Y tế")
    expect(page.locator(f"#mail-{mail_id}")).to_have_count(0)
    with site.context.database.session() as session:
        submission = session.scalars(select(Submission)).one()
        assert (submission.occurrence_id, submission.source) == (deadline, "mail")
        assert [f.filename for f in submission.files] == ["Báo cáo.docx"]
