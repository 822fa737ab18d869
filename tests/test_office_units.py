"""A unit's calendar link from the office's pages (shown once, with its QR code; a new one
makes the old one stop working), the unit's own page, and the shared feeds' subscribe
links on the units, campaign and campaigns pages — while the feeds are public.
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
from thidua.context import AppContext
from thidua.web import create_app

pytest_plugins = ["tests.office_fixtures"]

UNIT_FEED = re.compile(r"http://127\.0\.0\.1:8000/feeds/units/([A-Za-z0-9_-]+)\.ics")


def html(response: Any) -> Any:
    assert response.status_code == 200, response.text
    return lxml.html.fromstring(response.text)


def text(element: Any) -> str:
    return " ".join(element.text_content().split())


def issue(client: TestClient, code: str) -> Any:
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


def test_a_units_link_is_shown_once_and_opens_its_feed(
    office: AppContext, fresh_feeds: TestClient
) -> None:
    signed_in = fresh_feeds
    before = html(signed_in.get("/units/so-y-te"))
    assert "Chưa cấp liên kết." in text(before)
    response = issue(signed_in, "so-y-te")
    assert response.status_code == 200  # shown in the answer itself, never in a URL
    assert response.headers["cache-control"] == "no-store"
    page = lxml.html.fromstring(response.text)
    alert = text(page.xpath("//div[contains(@class, 'new-link')]")[0])
    assert "Liên kết chỉ hiện lần này" in alert
    assert "Liên kết cũ" not in alert  # there was none
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
    with office.database.session() as session:
        assert feeds_tokens.unit_for_token(session, token) == "so-y-te"
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
    # Never shown again: the page and the list say when it was issued.
    again = signed_in.get("/units/so-y-te")
    assert token not in again.text
    assert "Liên kết đã được cấp ngày 01/02/2024 09:00." in text(html(again))
    listed = html(signed_in.get("/units")).xpath("//tr[@id='unit-so-y-te']")[0]
    assert "Cấp ngày 01/02/2024 09:00" in text(listed)
    # A new link: the old one answers 404 at once.
    renewed = lxml.html.fromstring(issue(signed_in, "so-y-te").text)
    assert "Liên kết cũ của đơn vị đã ngừng hoạt động" in text(renewed)
    new_https = links_of(renewed.xpath("//section[@aria-labelledby='feed']")[0])[
        "Địa chỉ web (https)"
    ]
    assert new_https != https
    assert signed_in.get(urlsplit(https).path).status_code == 404
    assert signed_in.get(urlsplit(new_https).path).status_code == 200


def test_no_link_for_a_unit_that_is_gone_or_unknown(
    office: AppContext, signed_in: TestClient
) -> None:
    with office.database.session() as session, session.begin():
        unit = session.scalar(select(m.Unit).where(m.Unit.code == "so-y-te"))
        unit.active = False
    page = html(signed_in.get("/units/so-y-te"))
    assert "Đơn vị này không còn trong tệp đơn vị" in text(page)
    assert page.xpath("//form[contains(@action, 'feed-link')]") == []
    refused = issue(signed_in, "so-y-te")
    assert refused.status_code == 409
    assert "so-y-te không còn trong tệp đơn vị" in refused.text
    assert issue(signed_in, "khong-co").status_code == 404
    missing = signed_in.get("/units/khong-co")
    assert missing.status_code == 404 and "Không có đơn vị khong-co." in missing.text
    with office.database.session() as session:
        assert feeds_tokens.issued(session) == {}


def test_a_base_url_that_cannot_make_links_issues_nothing(
    office: AppContext, signed_in: TestClient
) -> None:
    office.settings.base_url = "ftp://thidua.example"
    page = lxml.html.fromstring(issue(signed_in, "so-y-te").text)
    assert "Không tạo được liên kết: the base URL 'ftp://thidua.example' must start" in text(page)
    with office.database.session() as session:
        assert feeds_tokens.issued(session) == {}


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
