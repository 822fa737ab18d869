"""Every feed of the examples, read by three parsers: icalendar, recurring-ical-events and
Mozilla's ical.js (Thunderbird's) under node. Zero errors, the same events in each, and
every gold event of the seeds on its right days."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import recurring_ical_events
import yaml
from icalendar import Calendar

from calendars import queries as q
from calendars.feeds import Audience, FeedBuilder, FeedQuery, national_uid
from config.settings import Settings
from tests.conftest import EXAMPLES, Cli
from tests.ical_checks import check_feed_bytes, icaljs, write_extra_campaign
from tests.test_examples_gold import gold_files, matches
from thidua.context import AppContext

# One year back from here reaches 01/01/2023: every gold event of the seeds is in the window.
TODAY = date(2024, 1, 1)


@pytest.fixture
def feeds(sqlite_settings: Settings, cli: Cli, tmp_path: Path) -> Iterator[dict[str, Path]]:
    """Every feed of the loaded examples (and of a campaign with a timed meeting), as files."""
    extra = write_extra_campaign(tmp_path)
    result = cli("load", *sorted(EXAMPLES.iterdir()), extra)
    assert result.exit_code == 0, result.output
    context = AppContext(settings=sqlite_settings)
    queries = {"all": FeedQuery(Audience("all")), "alarms": FeedQuery(Audience("all"), alarms=True)}
    with context.database.session() as session:
        builder = FeedBuilder(context.settings)
        for campaign in q.campaigns(session):
            queries[f"campaign-{campaign.code}"] = FeedQuery(Audience("campaign", campaign.code))
        for group in q.groups(session):
            queries[f"group-{group.code}"] = FeedQuery(Audience("group", group.code))
        for unit in ("so-noi-vu", "ubnd-tam-nong", "phong-noi-vu-tam-nong"):
            queries[f"unit-{unit}"] = FeedQuery(Audience("unit", unit))
        paths = {}
        for name, query in queries.items():
            path = tmp_path / f"{name}.ics"
            path.write_bytes(builder.build(session, query, TODAY).body)
            paths[name] = path
    context.close()
    yield paths


def test_three_parsers_read_every_feed_without_error(feeds: dict[str, Path]) -> None:
    assert len(feeds) > 25
    records = {Path(r["file"]).stem: r for r in icaljs(list(feeds.values()))}
    total = 0
    for name, path in feeds.items():
        data = path.read_bytes()
        check_feed_bytes(data)
        calendar = Calendar.from_ical(data)
        uids = sorted(str(e["UID"]) for e in calendar.walk("VEVENT"))
        expanded = recurring_ical_events.of(calendar).between(date(2022, 1, 1), date(2027, 12, 31))
        assert sorted(str(e["UID"]) for e in expanded) == uids, name
        assert sorted(e["uid"] for e in records[name]["events"]) == uids, name
        assert records[name]["properties"]["refresh-interval"] == {
            "type": "duration",
            "value": "PT12H",
        }
        total += len(uids)
    assert total > 200
    alarms = records["alarms"]["events"]
    assert sum(e["alarms"] for e in alarms) > 0
    assert sum(e["alarms"] for e in records["all"]["events"]) == 0
    meeting = next(e for e in records["all"]["events"] if e["tzid"])
    assert (meeting["start"], meeting["tzid"]) == ("2024-01-23T08:00:00", "Asia/Ho_Chi_Minh")


def _gold_uids(cli: Cli) -> list[tuple[str, dict[str, Any]]]:
    result = cli("events", "--format", "json")
    assert result.exit_code == 0, result.output
    events = json.loads(result.stdout)
    found = []
    for path in gold_files():
        for gold in yaml.safe_load(path.read_text("utf-8"))["events"]:
            hits = [e for e in events if matches(gold, e)]
            assert hits, f"{path.name}: {gold}"
            found.append((path.name, hits[0]))
    assert len(found) == 25
    return found


def test_every_gold_event_is_in_the_feed_on_its_days(feeds: dict[str, Path], cli: Cli) -> None:
    data = feeds["all"].read_bytes()
    by_icalendar = {str(e["UID"]): e for e in Calendar.from_ical(data).walk("VEVENT")}
    expanded = recurring_ical_events.of(Calendar.from_ical(data)).between(
        date(2022, 1, 1), date(2027, 12, 31)
    )
    by_recurring = {str(e["UID"]): e for e in expanded}
    by_icaljs = {e["uid"]: e for e in icaljs([feeds["all"]])[0]["events"]}
    for source, event in _gold_uids(cli):
        uid, start = event["uid"], date.fromisoformat(event["start"])
        if event["kind"] == "commemoration" and event.get("catalog"):
            uid = national_uid(event["catalog"], start, "thidua.local")  # one per national day
        end = date.fromisoformat(event["end"]) + timedelta(days=1)  # DTEND is exclusive
        for parser, parsed in (("icalendar", by_icalendar), ("recurring", by_recurring)):
            assert uid in parsed, f"{source}: {uid} not read by {parser}"
            assert parsed[uid]["DTSTART"].params.get("VALUE") == "DATE"
            assert (parsed[uid].decoded("DTSTART"), parsed[uid].decoded("DTEND")) == (
                start,
                end,
            ), f"{source}: {uid} ({parser})"
        js = by_icaljs[uid]
        assert js["start_is_date"] is True
        assert (js["start"], js["end"]) == (start.isoformat(), end.isoformat()), uid
        if event["kind"] == "deadline":
            assert js["summary"].startswith("Hạn: ")
            assert event["wording"] in js["description"]
        if event["kind"] == "commemoration":
            assert js["summary"].startswith(f"{event['years']} năm ")
