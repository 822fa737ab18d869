"""A unit's calendar link from the office's pages (shown whenever the page is opened, with
its QR code; a renewal is post-redirect-get, and makes the old link stop working), the
unit's own page, and the shared feeds' subscribe links on the units, campaign and
campaigns pages — while the feeds are public.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import lxml.html
import pytest
import segno
from sqlalchemy import select
from starlette.testclient import TestClient

from calendars import feeds_tokens
from calendars import models as m
from tests.ical_checks import check_feed_bytes, parsed_events
from tests.office import csrf_of, sign_in
from tests.smtp import SmtpServer
from thidua.context import AppContext
from thidua.web import create_app
from translations import gettext

pytest_plugins = ["tests.office_fixtures"]

UNIT_FEED = re.compile(r"http://127\.0\.0\.1:8000/feeds/units/([A-Za-z0-9_-]+)\.ics")


def html(response: Any) -> Any:
    assert response.status_code == 200, response.text
    return lxml.html.fromstring(response.text)


def text(element: Any) -> str:
    return " ".join(element.text_content().split())


def renew(client: TestClient, code: str) -> Any:
    token = csrf_of(client.get("/").text)
    return client.post(f"/units/{code}/feed-link", data={"csrf_token": token})


def links_of(section: Any) -> dict[str, str]:
    return {
        text(li.xpath("span[@class='link-kind']")[0]): li.xpath("a/@href")[0]
        for li in section.xpath(".//ul[@class='links']/li")
    }


@pytest.fixture
def fresh_feeds(office: AppContext) -> Iterator[TestClient]:
    """Signed in to an app whose feeds look at the store on every request (by default a
    second may pass before a replaced link stops working)."""
    office.settings.feed_check_seconds = 0
    with TestClient(create_app(office), follow_redirects=False) as client:
        sign_in(client)
        yield client


def shown_link(client: TestClient, code: str) -> str:
    page = html(client.get(f"/units/{code}"))
    return links_of(page.xpath("//section[@aria-labelledby='feed']")[0])["Địa chỉ web (https)"]


def test_a_units_link_is_shown_on_its_page_and_opens_its_feed(
    office: AppContext, fresh_feeds: TestClient
) -> None:
    signed_in = fresh_feeds
    response = signed_in.get("/units/so-y-te")
    assert response.headers["cache-control"] == "no-store"
    page = html(response)
    links = links_of(page.xpath("//section[@aria-labelledby='feed']")[0])
    https = links["Địa chỉ web (https)"]
    token = UNIT_FEED.fullmatch(https)[1]  # type: ignore[index]
    assert links["Apple Calendar, Outlook, Thunderbird (webcal)"] == "webcal" + https[4:]
    google = urlsplit(links["Google Calendar"])
    assert parse_qs(google.query)["cid"] == ["webcal" + https[4:]]
    (qr,) = page.xpath("//details[@class='qr']/img/@src")
    assert qr.startswith("data:image/svg+xml") and "<svg" in unquote(qr)
    assert qr == segno.make("webcal" + https[4:], error="m").svg_data_uri(
        scale=4, border=2, dark="#1b1b1f"
    )
    secret = office.settings.effective_secret_key()
    with office.database.session() as session:
        assert feeds_tokens.unit_for_token(session, secret, token) == "so-y-te"
        assert feeds_tokens.unit_for_token(session, "another secret", token) is None
        assert session.scalars(select(m.FeedGeneration)).all() == []  # nothing is stored
    # The feed at that link: the unit's deadlines, not another unit's.
    feed = signed_in.get(urlsplit(https).path)
    assert feed.status_code == 200
    assert feed.headers["content-type"] == "text/calendar; charset=utf-8"
    check_feed_bytes(feed.content)
    uids = {uid.split("@")[0] for uid in parsed_events(feed.content)}
    assert {  # the feed's window starts a year back: not the registration of 09/01/2023
        "ha-giang-2023/bao-cao-so-ket",
        "ha-giang-2023/bao-cao-tong-ket",
        "vinh-phuc-2024/van-ban-phat-dong",
    } <= uids
    assert "tam-nong-2024/tong-ket-dot-1" not in uids  # the district's communes' report
    # Shown again, the same, whenever the page is opened; the list leads to it.
    assert shown_link(signed_in, "so-y-te") == https
    listed = html(signed_in.get("/units")).xpath("//tr[@id='unit-so-y-te']")[0]
    assert listed.xpath(".//a[@href='/units/so-y-te#feed']")
    assert "Cấp mới ngày" not in text(listed)


def test_renewing_redirects_so_reload_and_back_leave_one_valid_link(
    office: AppContext, fresh_feeds: TestClient
) -> None:
    signed_in = fresh_feeds
    first = shown_link(signed_in, "so-y-te")
    renewed = renew(signed_in, "so-y-te")
    assert renewed.status_code == 303  # post, redirect, get
    assert renewed.headers["location"] == "/units/so-y-te#feed"
    assert first not in renewed.text
    landed = signed_in.get(renewed.headers["location"])
    assert "Liên kết cũ của đơn vị đã ngừng hoạt động" in text(html(landed))
    new = shown_link(signed_in, "so-y-te")
    assert new != first
    # A reload asks for the page again (GET), and Back shows the page before the form:
    # neither renews the link.
    assert shown_link(signed_in, "so-y-te") == new
    assert "Liên kết cũ" not in signed_in.get("/units/so-y-te").text  # said once
    assert shown_link(signed_in, "so-y-te") == new
    assert signed_in.get(urlsplit(first).path).status_code == 404
    assert signed_in.get(urlsplit(new).path).status_code == 200
    with office.database.session() as session:
        (row,) = session.scalars(select(m.FeedGeneration)).all()
        assert row.generation == 2
        assert feeds_tokens.rotated(session) == {"so-y-te": row.rotated_at}
    listed = html(signed_in.get("/units")).xpath("//tr[@id='unit-so-y-te']")[0]
    assert "Cấp mới ngày 01/02/2024 09:00" in text(listed)
    assert "Liên kết này được tạo ngày 01/02/2024 09:00." in text(
        html(signed_in.get("/units/so-y-te"))
    )


def test_no_link_for_a_unit_that_is_gone_or_unknown(
    office: AppContext, signed_in: TestClient
) -> None:
    token = UNIT_FEED.fullmatch(shown_link(signed_in, "so-y-te"))[1]  # type: ignore[index]
    with office.database.session() as session, session.begin():
        unit = session.scalar(select(m.Unit).where(m.Unit.code == "so-y-te"))
        unit.active = False
    page = html(signed_in.get("/units/so-y-te"))
    assert "Đơn vị này không còn trong tệp đơn vị" in text(page)
    assert page.xpath("//form[contains(@action, 'feed-link')]") == []
    assert page.xpath("//section[@aria-labelledby='feed']//a[@class='url']") == []
    refused = renew(signed_in, "so-y-te")
    assert refused.status_code == 409
    assert "so-y-te không còn trong tệp đơn vị" in refused.text
    assert renew(signed_in, "khong-co").status_code == 404
    missing = signed_in.get("/units/khong-co")
    assert missing.status_code == 404 and "Không có đơn vị khong-co." in missing.text
    secret = office.settings.effective_secret_key()
    with office.database.session() as session:
        assert feeds_tokens.rotated(session) == {}
        assert feeds_tokens.unit_for_token(session, secret, token) is None


def test_a_base_url_that_cannot_make_links_shows_why(
    office: AppContext, signed_in: TestClient
) -> None:
    office.settings.base_url = "ftp://thidua.example"
    page = html(signed_in.get("/units/so-y-te"))
    why = gettext(  # the page's language, Vietnamese by default
        "the base URL %(url)s must start with https:// (or http://)",
        "vi",
        url="'ftp://thidua.example'",
    )
    assert f"Không tạo được liên kết: {why}" in text(page)
    assert page.xpath("//section[@aria-labelledby='feed']//a[@class='url']") == []


def test_a_units_page(office: AppContext, signed_in: TestClient) -> None:
    page = html(signed_in.get("/units/ubnd-xa-hien-quan"))
    assert text(page.xpath("//h1")[0]) == "UBND xã Hiền Quan"
    facts = {text(dt): text(dt.getnext()) for dt in page.xpath("//dl[@class='facts']/dt")}
    assert facts["Trực thuộc"] == "UBND huyện Tam Nông"
    assert facts["Mã"] == "ubnd-xa-hien-quan"
    deadlines = page.xpath("//section[@aria-labelledby='deadlines-title']//li")
    assert [text(d.xpath(".//p[@class='entry-title']")[0]) for d in deadlines] == [
        "Tổng kết đợt thi đua thứ nhất, sơ kết 6 tháng đầu năm 2024"
    ]
    assert "Chưa đến hạn" in text(deadlines[0])
    assert "Chưa gửi thư nhắc nào cho đơn vị này." in text(page)


def test_shared_feeds_are_offered_while_public(office: AppContext, signed_in: TestClient) -> None:
    units = html(signed_in.get("/units"))
    group = units.xpath("//tr[@id='group-khoi-tam-nong']")[0]
    assert links_of(group)["Địa chỉ web (https)"] == (
        "http://127.0.0.1:8000/feeds/groups/khoi-tam-nong.ics"
    )
    assert signed_in.get("/feeds/groups/khoi-tam-nong.ics").status_code == 200
    campaign = html(signed_in.get("/campaigns/vinh-phuc-2024"))
    section = campaign.xpath("//section[@aria-labelledby='feed-title']")[0]
    assert links_of(section)["Apple Calendar, Outlook, Thunderbird (webcal)"] == (
        "webcal://127.0.0.1:8000/feeds/campaigns/vinh-phuc-2024.ics"
    )
    everything = html(signed_in.get("/campaigns"))
    assert links_of(everything)["Địa chỉ web (https)"] == "http://127.0.0.1:8000/feeds/all.ics"
    office.settings.feeds_public = False
    units = html(signed_in.get("/units"))
    assert units.xpath("//ul[@class='links']") == []
    assert "Không công khai" in text(units.xpath("//tr[@id='group-khoi-tam-nong']")[0])
    campaign = html(signed_in.get("/campaigns/vinh-phuc-2024"))
    assert "Lịch chung cần mã API" in text(campaign)
    assert html(signed_in.get("/campaigns")).xpath("//ul[@class='links']") == []


def test_the_calendar_link_is_mailed_to_the_unit(
    office: AppContext, signed_in: TestClient, smtp_server: SmtpServer
) -> None:
    office.settings = office.settings.model_copy(update=smtp_server.settings_values())
    link = shown_link(signed_in, "so-y-te")
    forged = signed_in.post("/units/so-y-te/send-link", data={"csrf_token": "not-the-token"})
    assert forged.status_code == 403 and smtp_server.messages == []
    token = csrf_of(signed_in.get("/units/so-y-te").text)
    sent = signed_in.post("/units/so-y-te/send-link", data={"csrf_token": token})
    assert sent.status_code == 303 and sent.headers["location"] == "/units/so-y-te#feed"
    page = html(signed_in.get(sent.headers["location"]))
    assert "Đã gửi liên kết lịch cho Sở Y tế (vanthu@syt.phutho.example)." in text(page)
    (received,) = smtp_server.messages
    assert received.rcpt_to == ("vanthu@syt.phutho.example",)
    message = received.message
    assert message["Subject"] == "[Lịch] Lịch thi đua của Sở Y tế"
    body = message.get_body(("plain",)).get_content()
    assert link in body and "webcal" + link[4:] in body
    markup = lxml.html.fromstring(message.get_body(("html",)).get_content())
    assert {link, "webcal" + link[4:]} <= set(markup.xpath("//a/@href"))
    # A link mailed is the link shown, and it opens the unit's feed.
    assert signed_in.get(urlsplit(link).path).status_code == 200
    # A placeholder sender: the page names the setting to change, and nothing is sent.
    office.settings = office.settings.model_copy(update={"mail_from": "thidua@localhost"})
    refused = signed_in.post("/units/so-y-te/send-link", data={"csrf_token": token})
    page = html(signed_in.get(refused.headers["location"]))
    (flash,) = page.xpath("//div[contains(@class, 'flash-error')]")
    assert text(flash).startswith("không gửi thư: địa chỉ gửi thidua@localhost chỉ là địa chỉ mẫu")
    assert "THIDUA_MAIL_FROM" in text(flash)
    assert len(smtp_server.messages) == 1
