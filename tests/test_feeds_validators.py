"""Both validators of a feed (ETag and Last-Modified) move whenever its bytes do, whatever
changed: a unit's name, a group's members, a campaign's title, the window moving on; and
an event's SEQUENCE, LAST-MODIFIED and DTSTAMP move whenever its text does. A client that
revalidates with If-Modified-Since alone then never keeps stale data."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from starlette.testclient import TestClient

from calendars.feeds import national_uid
from scheduler import answers
from submissions import records
from tests.conftest import EXAMPLES, Cli
from tests.ical_checks import icaljs, parsed_events, write_extra_campaign
from tests.test_feeds_http import token_from
from thidua.context import AppContext, parse_now
from thidua.web import create_app

DEADLINE = "tam-nong-2024/tong-ket-dot-1@thidua.local"
TAM_NONG = "/feeds/campaigns/tam-nong-2024.ics"
TAM_NONG_TITLE = "Phong trào thi đua yêu nước năm 2024 huyện Tam Nông"
VINH_PHUC_TITLE = "Phong trào thi đua thực hiện thắng lợi các mục tiêu, nhiệm vụ"
MEETING = "hop-thi-dua-2024/hoi-nghi-ky-giao-uoc@thidua.local"


@pytest.fixture
def files(tmp_path: Path) -> Path:
    folder = tmp_path / "files"
    shutil.copytree(EXAMPLES, folder)
    return folder


@pytest.fixture
def client(app: AppContext, cli: Cli, files: Path) -> Iterator[TestClient]:
    load(cli, files, "2024-01-02T08:00")
    app.now_override = parse_now("2024-02-01T09:00", app.settings)
    app.settings.feed_check_seconds = 0
    with TestClient(create_app(app)) as test_client:
        yield test_client


def load(cli: Cli, files: Path, now: str) -> None:
    result = cli("load", *sorted(files.glob("*.yaml")), "--now", now)
    assert result.exit_code == 0, result.output


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


def assert_validators_moved(client: TestClient, path: str, before: Any) -> None:
    """New bytes, a new ETag, a later Last-Modified, and 200 to the old If-Modified-Since."""
    after = client.get(path)
    assert after.content != before.content
    assert after.headers["etag"] != before.headers["etag"]
    assert after.headers["last-modified"] != before.headers["last-modified"]
    again = client.get(path, headers={"if-modified-since": before.headers["last-modified"]})
    assert again.status_code == 200


def test_renaming_a_unit_moves_the_feed_and_the_deadlines_naming_it(
    client: TestClient, cli: Cli, files: Path
) -> None:
    before = client.get(TAM_NONG)
    old = parsed_events(before.content)[DEADLINE]
    edit(
        files / "units.yaml",
        "name: Các đơn vị thành viên các Khối thi đua huyện Tam Nông",
        "name: Các đơn vị thành viên Khối thi đua huyện Tam Nông",
    )
    load(cli, files, "2024-01-20T08:00")
    assert_validators_moved(client, TAM_NONG, before)
    new = parsed_events(client.get(TAM_NONG).content)[DEADLINE]
    assert "Khối thi đua huyện Tam Nông" in str(new["DESCRIPTION"])
    assert new.decoded("SEQUENCE") == old.decoded("SEQUENCE") + 1
    assert new.decoded("LAST-MODIFIED") > old.decoded("LAST-MODIFIED")
    assert new.decoded("DTSTAMP") == new.decoded("LAST-MODIFIED")
    # and a reload of the same files changes nothing more
    load(cli, files, "2024-01-21T08:00")
    assert parsed_events(client.get(TAM_NONG).content)[DEADLINE].decoded("SEQUENCE") == (
        new.decoded("SEQUENCE")
    )


def test_a_group_gaining_a_member_moves_the_group_feed(
    client: TestClient, cli: Cli, files: Path
) -> None:
    path = "/feeds/groups/cum-2.ics"
    before = client.get(path)
    assert DEADLINE not in parsed_events(before.content)
    edit(
        files / "units.yaml",
        "members: [ubnd-tam-nong, ubnd-thanh-thuy, ubnd-cam-khe, ubnd-thanh-son]",
        "members: [ubnd-tam-nong, ubnd-thanh-thuy, ubnd-cam-khe, ubnd-thanh-son, ubnd-xa-di-nau]",
    )
    load(cli, files, "2024-01-20T08:00")
    assert_validators_moved(client, path, before)
    assert DEADLINE in parsed_events(client.get(path).content)


def test_a_new_campaign_title_moves_every_event_of_the_campaign(
    client: TestClient, cli: Cli, files: Path
) -> None:
    before = client.get(TAM_NONG)
    old = parsed_events(before.content)
    edit(
        files / "002-tam-nong-2024.yaml",
        f"title: {TAM_NONG_TITLE}",
        "title: Phong trào thi đua yêu nước huyện Tam Nông năm 2024",
    )
    load(cli, files, "2024-01-20T08:00")
    assert_validators_moved(client, TAM_NONG, before)
    new = parsed_events(client.get(TAM_NONG).content)
    assert new.keys() == old.keys()
    for uid, event in new.items():
        text = f"{event['SUMMARY']}\n{event['DESCRIPTION']}"
        assert "huyện Tam Nông năm 2024" in text, uid
        assert event.decoded("SEQUENCE") == old[uid].decoded("SEQUENCE") + 1, uid
        assert event.decoded("LAST-MODIFIED") > old[uid].decoded("LAST-MODIFIED"), uid


def test_events_leaving_the_window_move_the_feed(app: AppContext, client: TestClient) -> None:
    before = client.get(TAM_NONG)
    shown = parsed_events(before.content)
    # a year and a day after the deadline, the window (a year back) has let it go
    app.now_override = parse_now("2025-08-01T09:00", app.settings)
    after = client.get(TAM_NONG)
    assert DEADLINE in shown and DEADLINE not in parsed_events(after.content)
    assert_validators_moved(client, TAM_NONG, before)


def test_a_cancelled_meeting_makes_no_one_busy(client: TestClient, cli: Cli, files: Path) -> None:
    extra = write_extra_campaign(files)
    load(cli, files, "2024-01-10T08:00")
    assert parsed_events(client.get("/feeds/all.ics").content)[MEETING]["TRANSP"] == "OPAQUE"
    text = extra.read_text("utf-8")
    extra.write_text(text[: text.index("meetings:")] + text[text.index("commemorations:") :])
    load(cli, files, "2024-01-20T08:00")
    cancelled = parsed_events(client.get("/feeds/all.ics").content)[MEETING]
    assert (cancelled["STATUS"], cancelled["TRANSP"]) == ("CANCELLED", "TRANSPARENT")


def test_calendar_names_read_as_written_by_both_parsers(
    client: TestClient, cli: Cli, files: Path, tmp_path: Path
) -> None:
    title = "Phong trào thi đua yêu nước; năm 2024, huyện Tam Nông"
    edit(
        files / "002-tam-nong-2024.yaml",
        "title: Phong trào thi đua yêu nước năm 2024 huyện Tam Nông",
        f"title: {title!r}".replace("'", '"'),
    )
    load(cli, files, "2024-01-20T08:00")
    path = tmp_path / "feed.ics"
    path.write_bytes(client.get(TAM_NONG).content)
    calendar = Calendar.from_ical(path.read_bytes())
    assert str(calendar["NAME"]) == str(calendar["X-WR-CALNAME"]) == title
    (record,) = icaljs([path])
    assert record["properties"]["name"]["value"] == title
    assert record["properties"]["x-wr-calname"]["value"] == title


def test_a_national_day_is_one_event_in_the_shared_feeds(
    app: AppContext, client: TestClient, cli: Cli, files: Path, tmp_path: Path
) -> None:
    """07/05/2024 is kept by Vĩnh Phúc and Tam Nông (under two titles): one VEVENT in the
    shared feeds, both campaigns in its description, the catalog's name in its summary; a
    campaign leaving it keeps its UID and moves its SEQUENCE and LAST-MODIFIED."""
    uid = national_uid("dien-bien-phu", date(2024, 5, 7), "thidua.local")
    before = client.get("/feeds/all.ics")
    events = parsed_events(before.content)
    on_the_day = [e for e in events.values() if e.decoded("DTSTART") == date(2024, 5, 7)]
    assert [str(e["UID"]) for e in on_the_day] == [uid]
    day = events[uid]
    assert str(day["SUMMARY"]) == "70 năm Chiến thắng Điện Biên Phủ (07/05/1954 – 07/05/2024)"
    description = str(day["DESCRIPTION"])
    assert "Các phong trào thi đua chào mừng:" in description
    assert TAM_NONG_TITLE in description and VINH_PHUC_TITLE in description
    assert "URL" not in day  # the day belongs to no single campaign
    assert not any(u.endswith("/dien-bien-phu/20240507@thidua.local") for u in events)
    for group in ("cum-2", "khoi-tam-nong", "so-ban-nganh-doan-the"):
        shown = parsed_events(client.get(f"/feeds/groups/{group}.ics").content)
        assert not any(u.endswith("/dien-bien-phu/20240507@thidua.local") for u in shown), group
    assert uid in shown  # so-ban-nganh-doan-the answers to Vĩnh Phúc
    # both campaigns keep their own event in their own feeds
    assert "tam-nong-2024/dien-bien-phu/20240507@thidua.local" in parsed_events(
        client.get(TAM_NONG).content
    )
    saved = tmp_path / "all.ics"
    saved.write_bytes(before.content)
    (record,) = icaljs([saved])
    assert [e["uid"] for e in record["events"]].count(uid) == 1

    edit(files / "000-vinh-phuc-2024.yaml", "  - {catalog: dien-bien-phu, years: 70}\n", "")
    load(cli, files, "2024-01-20T08:00")
    assert_validators_moved(client, "/feeds/all.ics", before)
    after = parsed_events(client.get("/feeds/all.ics").content)[uid]
    assert after["STATUS"] == "CONFIRMED"  # Tam Nông still keeps it
    assert VINH_PHUC_TITLE not in str(after["DESCRIPTION"])
    assert TAM_NONG_TITLE in str(after["DESCRIPTION"])
    assert after.decoded("SEQUENCE") > day.decoded("SEQUENCE")
    assert after.decoded("LAST-MODIFIED") > day.decoded("LAST-MODIFIED")
    # Vĩnh Phúc's cancelled day leaves after its 30 days of grace: the SEQUENCE stays
    app.now_override = parse_now("2024-02-20T09:00", app.settings)
    later = parsed_events(client.get("/feeds/all.ics").content)[uid]
    assert later.decoded("SEQUENCE") == after.decoded("SEQUENCE")
    assert str(later["DESCRIPTION"]) == str(after["DESCRIPTION"])


def test_a_units_feed_says_when_it_met_a_deadline(
    app: AppContext, client: TestClient, cli: Cli, tmp_path: Path
) -> None:
    """ "Đã gửi" and the day in the unit's own feed, the event's SEQUENCE and LAST-MODIFIED
    raised at each change of its answer (sent, then returned); the campaign's feed, which
    every unit shares, as it was."""
    path = f"/feeds/units/{token_from(cli('units', 'token', 'phong-noi-vu-tam-nong').stdout)}.ics"
    before, shared = client.get(path), client.get(TAM_NONG)
    old = parsed_events(before.content)[DEADLINE]
    assert str(old["SUMMARY"]).startswith("Hạn: ")

    def answer(what: Callable[..., Any], at: str) -> None:
        with app.database.session() as session, session.begin():
            occurrence = records.find_deadline(session, DEADLINE, app.settings.uid_domain)
            unit = records.find_unit(session, "phong-noi-vu-tam-nong")
            what(session, occurrence, unit, now=parse_now(at, app.settings))

    answer(partial(answers.record, source="link"), "2024-02-01T10:15")
    assert_validators_moved(client, path, before)
    met = parsed_events(client.get(path).content)[DEADLINE]
    assert str(met["SUMMARY"]) == "Đã gửi: " + str(old["SUMMARY"]).removeprefix("Hạn: ")
    assert str(met["DESCRIPTION"]).startswith("Đơn vị đã gửi báo cáo ngày 01/02/2024.\n")
    assert met.decoded("SEQUENCE") == old.decoded("SEQUENCE") + 1
    assert met.decoded("LAST-MODIFIED") > old.decoded("LAST-MODIFIED")
    assert met.decoded("DTSTAMP") == met.decoded("LAST-MODIFIED")
    assert client.get(TAM_NONG).content == shared.content  # the campaign's feed is everyone's
    saved = tmp_path / "unit.ics"
    saved.write_bytes(client.get(path).content)
    (record,) = icaljs([saved])
    summaries = {event["uid"]: event["summary"] for event in record["events"]}
    assert summaries[DEADLINE].startswith("Đã gửi: ")

    answer(answers.undo, "2024-02-02T08:00")  # returned: the deadline is open again
    reopened = parsed_events(client.get(path).content)[DEADLINE]
    assert str(reopened["SUMMARY"]) == str(old["SUMMARY"])
    assert reopened.decoded("SEQUENCE") == old.decoded("SEQUENCE") + 2
    assert reopened.decoded("LAST-MODIFIED") > met.decoded("LAST-MODIFIED")
