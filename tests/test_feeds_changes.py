"""What a subscribed client sees when the plan changes: one changed event gets SEQUENCE + 1
and a new ETag while every other event keeps its bytes; an unchanged reload changes
nothing; a removed event is CANCELLED for the grace period, then leaves the feed."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from calendars.feeds import Audience, FeedBuilder, FeedQuery
from tests.conftest import EXAMPLES, Cli
from tests.ical_checks import check_feed_bytes, parsed_events, vevents, write_extra_campaign
from thidua.context import AppContext, parse_now
from thidua.web import create_app

DEADLINE = "tam-nong-2024/tong-ket-dot-1@thidua.local"
DIEN_BIEN_PHU = "vinh-phuc-2024/dien-bien-phu/20240507@thidua.local"
VINH_PHUC = "/feeds/campaigns/vinh-phuc-2024.ics"


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


def load(cli: Cli, files: Path, now: str) -> str:
    result = cli("load", *sorted(files.glob("*.yaml")), "--now", now)
    assert result.exit_code == 0, result.output
    return result.output


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


def test_reload_unchanged_gives_the_same_bytes(client: TestClient, cli: Cli, files: Path) -> None:
    before = client.get("/feeds/all.ics")
    assert "không có gì thay đổi" in load(cli, files, "2024-01-20T08:00")
    after = client.get("/feeds/all.ics")
    assert after.content == before.content
    assert after.headers["etag"] == before.headers["etag"]
    assert after.headers["last-modified"] == before.headers["last-modified"]
    repeat = client.get("/feeds/all.ics", headers={"if-none-match": before.headers["etag"]})
    assert repeat.status_code == 304


def test_one_changed_event(client: TestClient, cli: Cli, files: Path) -> None:
    before = client.get("/feeds/all.ics")
    elsewhere = client.get("/feeds/campaigns/vinh-phuc-2024.ics")
    old_blocks = vevents(before.content)
    # "kết thúc trong tháng 7/2024" becomes August
    edit(
        files / "002-tam-nong-2024.yaml",
        "wording: kết thúc trong tháng 7/2024\n    due: {rule: within_month, month: 7/2024}",
        "wording: kết thúc trong tháng 8/2024\n    due: {rule: within_month, month: 8/2024}",
    )
    load(cli, files, "2024-01-25T10:00")
    after = client.get("/feeds/all.ics")
    check_feed_bytes(after.content)
    assert after.headers["etag"] != before.headers["etag"]
    new_blocks = vevents(after.content)
    assert new_blocks.keys() == old_blocks.keys()
    changed = {uid for uid in new_blocks if new_blocks[uid] != old_blocks[uid]}
    assert changed == {DEADLINE}  # every other event's bytes are the same
    old, new = parsed_events(before.content)[DEADLINE], parsed_events(after.content)[DEADLINE]
    assert new.decoded("SEQUENCE") == old.decoded("SEQUENCE") + 1
    assert new["UID"] == old["UID"]  # a moved deadline keeps its identity
    # 31/08/2024 is a Saturday, 02/09 and 03/09 are the National Day holidays: art. 148
    # moves the last day to Wednesday 04/09
    assert (old.decoded("DTSTART"), new.decoded("DTSTART")) == (date(2024, 7, 31), date(2024, 9, 4))
    assert new.decoded("LAST-MODIFIED") > old.decoded("LAST-MODIFIED")
    assert new.decoded("DTSTAMP") == new.decoded("LAST-MODIFIED")
    assert after.headers["last-modified"] != before.headers["last-modified"]
    # a feed without the event keeps its bytes and ETag
    unchanged = client.get("/feeds/campaigns/vinh-phuc-2024.ics")
    assert unchanged.content == elsewhere.content
    assert unchanged.headers["etag"] == elsewhere.headers["etag"]


def test_a_change_renders_one_fragment(app: AppContext, cli: Cli, files: Path) -> None:
    """Speed by design: a rebuild after one change renders one event and joins the rest."""
    load(cli, files, "2024-01-02T08:00")
    builder = FeedBuilder(app.settings)
    query, today = FeedQuery(Audience("all")), parse_now("2024-02-01", app.settings).date()
    with app.database.session() as session:
        first = builder.build(session, query, today)
    assert builder.rendered == first.events
    edit(files / "000-vinh-phuc-2024.yaml", "trước ngày 15/02/2024", "trước ngày 16/02/2024")
    edit(files / "000-vinh-phuc-2024.yaml", "date: 15/02/2024}", "date: 16/02/2024}")
    load(cli, files, "2024-01-25T10:00")
    with app.database.session() as session:
        second = builder.build(session, query, today)
    assert builder.rendered == first.events + 1
    assert second.etag != first.etag


def test_a_removed_event_is_cancelled_for_the_grace_period(
    app: AppContext, client: TestClient, cli: Cli, files: Path
) -> None:
    before = parsed_events(client.get(VINH_PHUC).content)[DIEN_BIEN_PHU]
    edit(files / "000-vinh-phuc-2024.yaml", "  - {catalog: dien-bien-phu, years: 70}\n", "")
    load(cli, files, "2024-02-01T08:00")
    feed = client.get(VINH_PHUC).content
    cancelled = parsed_events(feed)[DIEN_BIEN_PHU]
    assert cancelled["STATUS"] == "CANCELLED"
    assert cancelled.decoded("SEQUENCE") == before.decoded("SEQUENCE") + 1
    assert str(cancelled["SUMMARY"]).startswith("Đã hủy: 70 năm")
    assert cancelled.decoded("DTSTART") == before.decoded("DTSTART")
    others = {uid for uid, e in parsed_events(feed).items() if e["STATUS"] == "CANCELLED"}
    assert others == {DIEN_BIEN_PHU}
    # the 30 days of grace are counted from the day it was removed (01/02/2024)
    app.now_override = parse_now("2024-03-01T23:00", app.settings)
    assert parsed_events(client.get(VINH_PHUC).content)[DIEN_BIEN_PHU]["STATUS"] == ("CANCELLED")
    app.now_override = parse_now("2024-03-02T00:30", app.settings)
    gone = client.get(VINH_PHUC).content
    assert DIEN_BIEN_PHU not in parsed_events(gone)
    assert "vinh-phuc-2024/thanh-lap-quan-doi/20241222@thidua.local" in parsed_events(gone)
    # put back, it is live again with a higher SEQUENCE
    edit(
        files / "000-vinh-phuc-2024.yaml",
        "commemorations:\n",
        "commemorations:\n  - {catalog: dien-bien-phu, years: 70}\n",
    )
    load(cli, files, "2024-03-02T08:00")
    back = parsed_events(client.get(VINH_PHUC).content)[DIEN_BIEN_PHU]
    assert back["STATUS"] == "CONFIRMED"
    assert back.decoded("SEQUENCE") == before.decoded("SEQUENCE") + 2


def test_a_recurring_rules_occurrences_keep_their_uids_when_their_days_move(
    client: TestClient, cli: Cli, files: Path
) -> None:
    """The quarterly report moves from the 15th to the 20th: the same four events, each
    with its new day and SEQUENCE + 1, none cancelled; a reload keeps them as they are;
    the files as they were bring the days back under the same UIDs."""
    extra = write_extra_campaign(files)
    load(cli, files, "2024-01-10T08:00")
    path = "/feeds/campaigns/hop-thi-dua-2024.ics"
    before = parsed_events(client.get(path).content)
    quarterly = sorted(uid for uid in before if "/bao-cao-quy/" in uid)
    assert len(quarterly) == 4
    text = extra.read_text("utf-8")
    extra.write_text(text.replace("BYMONTHDAY=15", "BYMONTHDAY=20"), "utf-8")
    load(cli, files, "2024-01-20T08:00")
    after = parsed_events(client.get(path).content)
    assert sorted(uid for uid in after if "/bao-cao-quy/" in uid) == quarterly
    for uid in quarterly:
        old, new = before[uid], after[uid]
        assert new["STATUS"] == "CONFIRMED", uid
        # "before the 20th": the working day before it
        assert new.decoded("DTSTART") > old.decoded("DTSTART"), uid
        assert new.decoded("DTSTART").day in {17, 18, 19}, uid
        assert new.decoded("SEQUENCE") == old.decoded("SEQUENCE") + 1, uid
        assert new.decoded("LAST-MODIFIED") > old.decoded("LAST-MODIFIED"), uid
    assert "không có gì thay đổi" in load(cli, files, "2024-01-21T08:00")
    assert parsed_events(client.get(path).content) == after
    extra.write_text(text, "utf-8")
    load(cli, files, "2024-01-22T08:00")
    back = parsed_events(client.get(path).content)
    assert sorted(uid for uid in back if "/bao-cao-quy/" in uid) == quarterly
    for uid in quarterly:
        assert back[uid].decoded("DTSTART") == before[uid].decoded("DTSTART"), uid
        assert back[uid].decoded("SEQUENCE") == before[uid].decoded("SEQUENCE") + 2, uid


def test_a_rename_renders_the_deadlines_showing_the_name_and_no_other(
    app: AppContext, cli: Cli, files: Path
) -> None:
    load(cli, files, "2024-01-02T08:00")
    builder = FeedBuilder(app.settings)
    query, today = FeedQuery(Audience("all")), parse_now("2024-02-01", app.settings).date()
    with app.database.session() as session:
        first = builder.build(session, query, today)
    edit(
        files / "units.yaml",
        "name: Các đơn vị thành viên các Khối thi đua huyện Tam Nông",
        "name: Các đơn vị thành viên Khối thi đua huyện Tam Nông",
    )
    load(cli, files, "2024-01-20T08:00")
    rendered = builder.rendered
    with app.database.session() as session:
        second = builder.build(session, query, today)
    before, after = vevents(first.body), vevents(second.body)
    changed = {uid for uid in after if after[uid] != before.get(uid)}
    assert DEADLINE in changed and len(changed) < len(after) // 4
    parsed = parsed_events(second.body)
    assert all("Khối thi đua huyện Tam Nông" in str(parsed[uid]["DESCRIPTION"]) for uid in changed)
    assert builder.rendered - rendered == len(changed)
