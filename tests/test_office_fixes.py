"""What the clerk hit, fixed: a bulk "Nhắc ngay" asks first and names how many units; an
unknown address answers the office's page in Vietnamese (the feeds and the API keep their
plain answers); the units list filters by group, names groups rather than codes, and
pages; calendar entries link to their event; no monospace font that breaks Vietnamese.
"""

from __future__ import annotations

import re
from importlib import resources

import lxml.html
import pytest
from starlette.testclient import TestClient

from tests.office import csrf_of
from tests.reminders import occurrence_id
from tests.test_office_deadlines import VINH_PHUC, html, outbox_messages, text
from thidua.context import AppContext
from thidua.web.office import units

pytest_plugins = ["tests.office_fixtures"]


# --- a bulk reminder asks first --------------------------------------------------------


def test_reminding_the_ticked_units_asks_first(office: AppContext, signed_in: TestClient) -> None:
    oid = occurrence_id(office, VINH_PHUC)
    page = html(signed_in.get(f"/deadlines/{oid}"))
    (bulk,) = page.xpath("//form[@id='chosen-units']//button[@name='bulk']")
    token = csrf_of(signed_in.get("/").text)
    chosen = {"unit": ["so-y-te", "so-noi-vu"], "bulk": bulk.get("value"), "csrf_token": token}
    asked = signed_in.post(f"/deadlines/{oid}/reminders?show=pending", data=chosen)
    confirm = html(asked)
    assert text(confirm.xpath("//h1")[0]) == "Gửi thư nhắc ngay?"
    names = [text(li) for li in confirm.xpath("//ul[@class='confirm-units']/li")]
    assert names == ["Sở Y tế", "Sở Nội vụ"]
    assert outbox_messages(office) == []  # asked, not sent
    (form,) = confirm.xpath("//form[.//input[@name='confirmed']]")
    assert form.get("action") == f"/deadlines/{oid}/reminders?show=pending"
    sent = signed_in.post(form.get("action"), data={**chosen, "confirmed": "1"})
    assert (sent.status_code, sent.headers["location"]) == (303, f"/deadlines/{oid}?show=pending")
    assert len(outbox_messages(office)) == 2


def test_a_bulk_reminder_to_a_unit_not_answering_is_refused_before_asking(
    office: AppContext, signed_in: TestClient
) -> None:
    oid = occurrence_id(office, VINH_PHUC)
    token = csrf_of(signed_in.get("/").text)
    data = {"unit": ["so-y-te", "khong-co"], "bulk": "1", "csrf_token": token}
    response = signed_in.post(f"/deadlines/{oid}/reminders", data=data)
    assert response.status_code == 303
    page = html(signed_in.get(f"/deadlines/{oid}"))
    assert "khong-co không phải đơn vị đang hoạt động thực hiện thời hạn này." in text(page)
    assert outbox_messages(office) == []


# --- an unknown address ----------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/khong-co", "/campaigns/x/y/z", "/units/so-y-te/nope", "/static/nope.css"]
)
def test_an_unknown_address_is_a_vietnamese_page(signed_in: TestClient, path: str) -> None:
    response = signed_in.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    page = lxml.html.fromstring(response.text)
    assert page.get("lang") == "vi"
    assert text(page.xpath("//h1")[0]) == "Không tìm thấy"
    assert f"Không có trang nào ở địa chỉ {path}." in text(page)
    assert page.xpath("//a[@href='/']")  # the way back
    assert "Not Found" not in response.text


def test_an_unknown_address_in_english_and_a_wrong_method(signed_in: TestClient) -> None:
    token = csrf_of(signed_in.get("/").text)
    signed_in.post("/language", data={"lang": "en", "next": "/", "csrf_token": token})
    response = signed_in.get("/nowhere")
    assert response.status_code == 404
    assert "There is no page at the address /nowhere." in response.text
    wrong = signed_in.put("/units", headers={"x-csrf-token": token})
    assert wrong.status_code == 405
    assert "The address /units does not take this kind of request." in wrong.text
    assert wrong.headers["allow"]


def test_before_signing_in_an_unknown_address_asks_to_sign_in(client: TestClient) -> None:
    response = client.get("/khong-co")
    assert response.status_code == 303
    assert response.headers["location"].startswith("/signin")


def test_feeds_and_the_api_keep_their_plain_answers(client: TestClient) -> None:
    for path in ("/feeds/nope", "/api/nope"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.headers["content-type"].startswith("text/plain"), path
        assert response.text == "Not Found"


# --- the units list --------------------------------------------------------------------


def test_the_units_list_filters_by_group_and_names_groups(signed_in: TestClient) -> None:
    page = html(signed_in.get("/units"))
    options = {o.get("value"): text(o) for o in page.xpath("//select[@name='group']/option")}
    assert options["so-ban-nganh"] and options[""] == "Tất cả các nhóm"
    health = page.xpath("//tr[@id='unit-so-y-te']/td[4]")[0]
    assert options["so-ban-nganh"] in [text(a) for a in health.xpath(".//a")]
    members = page.xpath("//tr[@id='group-so-ban-nganh']/td[3]")[0]
    assert "Sở Y tế" in text(members) and "so-y-te" not in text(members)

    group = html(signed_in.get("/units?group=so-ban-nganh"))
    rows = group.xpath("//section[@aria-labelledby='units-title']//tbody/tr")
    count = text(group.xpath("//h2[@id='units-title']/span[@class='count']")[0])
    assert 0 < len(rows) == int(count) < 60
    assert all(options["so-ban-nganh"] in text(r.xpath("td[4]")[0]) for r in rows), (
        "every unit listed belongs to the group"
    )
    chosen = group.xpath("//select[@name='group']/option[@selected]")
    assert [o.get("value") for o in chosen] == ["so-ban-nganh"]
    found = html(signed_in.get("/units?group=so-ban-nganh&q=y+te"))
    assert found.xpath("//tbody/tr[starts-with(@id, 'unit-')]/@id")[:1] == ["unit-so-y-te"]


def test_a_long_units_list_pages(signed_in: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(units, "PAGE_SIZE", 25)
    first = html(signed_in.get("/units?all=1"))
    rows = first.xpath("//section[@aria-labelledby='units-title']//tbody/tr")
    assert len(rows) == 25
    total = int(text(first.xpath("//h2[@id='units-title']/span[@class='count']")[0]))
    links = first.xpath("//nav[@class='pager']//a")
    assert [text(a) for a in links] == [f"Trang {n}" for n in range(1, -(-total // 25) + 1)]
    assert links[0].get("aria-current") == "page"
    assert links[1].get("href") == "/units?all=1&page=2"
    last = html(signed_in.get(links[-1].get("href")))
    shown = last.xpath("//section[@aria-labelledby='units-title']//tbody/tr/@id")
    assert len(shown) == total - 25 * (len(links) - 1)
    assert set(shown).isdisjoint(r.get("id") for r in rows)
    beyond = html(signed_in.get("/units?page=999"))  # the last page, not an empty one
    assert beyond.xpath("//nav[@class='pager']//a[@aria-current='page']")


# --- calendar entries link to their event ------------------------------------------------


def test_calendar_entries_link_to_their_event(office: AppContext, signed_in: TestClient) -> None:
    page = html(signed_in.get("/calendar?month=2024-02"))
    links = page.xpath("//ul[@class='day-entries']/li/a")
    assert links and all(a.get("href") for a in links)
    deadline = next(a for a in links if "phát động" in text(a))
    assert deadline.get("href") == f"/deadlines/{occurrence_id(office, VINH_PHUC)}"
    assert signed_in.get(deadline.get("href")).status_code == 200
    for link in links:
        href = link.get("href")
        if "#" in href:  # on its campaign's page, at its own item
            path, anchor = href.split("#")
            target = html(signed_in.get(path))
            assert target.xpath(f"//li[@id='{anchor}']"), href
            assert text(link) in text(target.xpath(f"//li[@id='{anchor}']")[0])
    agenda = html(signed_in.get("/")).xpath("//section[@aria-labelledby='agenda-title']")[0]
    titles = agenda.xpath(".//p[@class='entry-title']")
    assert titles and all(t.xpath("a/@href") for t in titles)


# --- fonts -----------------------------------------------------------------------------


def test_no_monospace_font_that_breaks_vietnamese() -> None:
    css = (resources.files("thidua") / "static" / "office.css").read_text("utf-8")
    stacks = re.findall(r"(?:font-family|--mono)\s*:\s*([^;]+);", css)
    assert stacks
    for stack in stacks:
        fonts = [f.strip().strip('"') for f in stack.split(",")]
        assert "DejaVu Sans Mono" not in fonts, stack
        assert fonts[-1] != "monospace", stack  # the generic one is DejaVu Sans Mono on Linux
