"""``PATCH /api/campaigns/{code}/events/{event}``: one event edited through the API reaches
the store, the feeds and the reminder plan in one save, through the office's path
(`thidua.editing`: ``thidua check``'s reader, ``thidua load``'s store). Real parts: the app
in process over HTTP, SQLite, the feed parsed back with icalendar, the reminders read
from the database and from ``thidua remind --dry-run``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import anyio
import httpx2
import pytest
from icalendar import Calendar
from sqlalchemy import func, select

from calendars import models as m
from calendars.store import calendar_version
from config.settings import Settings
from scheduler import planner
from scheduler.models import Reminder
from tests.conftest import Cli
from tests.reminders import UNITS, load, occurrence_id, request, write_campaign
from thidua import editing, exchange
from thidua.context import AppContext, parse_now
from thidua.history import Author, Change
from thidua.web import create_app

TOKEN = "office-api-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
CAMPAIGN = "thu-nghiem-2024"
URL = f"/api/campaigns/{CAMPAIGN}/events/bao-cao-chuyen-de"
NOW = "2024-03-12T10:00"


def loaded(settings: Settings, cli: Cli, folder: Path) -> AppContext:
    load(cli, UNITS, write_campaign(folder))
    assert cli("plan", "--now", NOW).exit_code == 0
    return AppContext(
        settings=settings.model_copy(update={"api_token": TOKEN}),
        now_override=parse_now(NOW, settings),
    )


@pytest.fixture
def api(sqlite_settings: Settings, cli: Cli, tmp_path: Path) -> Iterator[AppContext]:
    context = loaded(sqlite_settings, cli, tmp_path / "files")
    yield context
    context.close()


@pytest.fixture
def api_both(settings: Settings, cli: Cli, tmp_path: Path) -> Iterator[AppContext]:
    """The same on SQLite and on PostgreSQL: what planning touches, on both engines."""
    context = loaded(settings, cli, tmp_path / "files")
    yield context
    context.close()


def feed_event(context: AppContext, uid_stem: str) -> dict[str, object]:
    response = request(context, "GET", f"/feeds/campaigns/{CAMPAIGN}.ics")
    assert response.status_code == 200
    for event in Calendar.from_ical(response.content).walk("VEVENT"):
        if str(event["UID"]).startswith(uid_stem):
            return {
                "start": event.decoded("DTSTART"),
                "sequence": int(event["SEQUENCE"]),
                "last_modified": event.decoded("LAST-MODIFIED"),
            }
    raise AssertionError(f"{uid_stem} is not in the feed")


def planned(context: AppContext, uid_stem: str) -> dict[tuple[int, str, int], tuple[datetime, str]]:
    """The deadline's planned reminders: (unit, kind, offset) → (fire time, status)."""
    occurrence = occurrence_id(context, uid_stem)
    with context.database.session() as session:
        rows = session.scalars(select(Reminder).where(Reminder.occurrence_id == occurrence))
        return {(r.unit_id, r.kind, r.offset): (r.fire_at, r.status) for r in rows}


def stored_state(context: AppContext) -> tuple[object, ...]:
    with context.database.session() as session:
        campaign = session.scalar(select(m.Campaign).where(m.Campaign.code == CAMPAIGN))
        assert campaign is not None
        changes = session.scalar(select(func.count()).select_from(Change))
        return campaign.spec, calendar_version(session), changes


# --- the edit reaches the store, the feed and the plan ----------------------------------


def test_a_deadline_moved_through_the_api_is_served_and_planned_again(
    api_both: AppContext, cli: Cli
) -> None:
    api = api_both
    stem = f"{CAMPAIGN}/bao-cao-chuyen-de"
    before = feed_event(api, stem)
    other = planned(api, f"{CAMPAIGN}/bao-cao-quy-1")
    old_plan = planned(api, stem)
    assert before["start"] == date(2024, 3, 21)  # before 22/03: the day before

    response = request(api, "PATCH", URL, headers=AUTH, json={"due": {"date": "2024-04-12"}})

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["item"]["due"] == {"rule": "before", "date": "2024-04-12"}
    [occurrence] = body["occurrences"]
    assert occurrence["end"] == "2024-04-11"
    after = feed_event(api, stem)
    assert after["start"] == date(2024, 4, 11)
    assert after["sequence"] == before["sequence"] + 1 == occurrence["sequence"]
    assert after["last_modified"] == api.now().astimezone(UTC)
    assert after["last_modified"] > before["last_modified"]  # type: ignore[operator]
    new_plan = planned(api, stem)
    assert new_plan.keys() == old_plan.keys()
    assert all(new_plan[k][0] > old_plan[k][0] for k in new_plan if new_plan[k][1] == "pending")
    assert planned(api, f"{CAMPAIGN}/bao-cao-quy-1") == other  # the other deadline untouched
    # The plan made for this deadline alone is what planning everything again makes.
    with api.database.session() as session, session.begin():
        assert planner.planned_version(session) == calendar_version(session)
        again = planner.plan(session, api.settings, api.calendar, api.now())
    assert again.written == 0
    dry = cli("remind", "--dry-run", "--now", NOW, "--until", "2024-04-30", "--format", "json")
    assert dry.exit_code == 0, dry.output
    days = {
        r["effective_date"] for r in json.loads(dry.stdout) if "bao-cao-chuyen-de" in r["deadline"]
    }
    assert days == {"2024-04-11"}


def test_the_change_is_recorded_as_the_apis(api: AppContext) -> None:
    response = request(api, "PATCH", URL, headers=AUTH, json={"title": "Báo cáo chuyên đề CCHC"})
    assert response.status_code == 200, response.text
    with api.database.session() as session:
        change = session.scalars(select(Change).order_by(Change.id.desc())).first()
        assert change is not None
        assert (change.author, change.subject, change.code) == ("API", "campaign", CAMPAIGN)
        assert any(item["new"] == "Báo cáo chuyên đề CCHC" for item in change.items)


# --- what is refused stores nothing ---------------------------------------------------


@pytest.mark.parametrize(
    ("patch", "field", "words"),
    [
        ({"due": {"date": "2024-02-30"}}, "due.date", "không phải là ngày"),
        ({"units": ["khong-co-don-vi"]}, "units[0]", "khong-co-don-vi"),
        ({"colour": "đỏ"}, "colour", "không có trong mẫu"),
    ],
)
def test_a_bad_value_is_named_and_nothing_is_stored(
    api: AppContext, patch: dict[str, object], field: str, words: str
) -> None:
    before = stored_state(api)
    response = request(api, "PATCH", URL, headers=AUTH, json=patch)
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["field"] == field
    assert words in body["message"]
    assert body["error"].startswith(f"{field}: ")
    assert stored_state(api) == before


def test_errors_are_vietnamese_first_and_english_when_asked(api: AppContext) -> None:
    patch = {"due": {"date": "2024-02-30"}}
    english = request(api, "PATCH", URL, headers={**AUTH, "Accept-Language": "en"}, json=patch)
    vietnamese = request(api, "PATCH", URL, headers=AUTH, json=patch)
    assert "is not a date" in english.json()["message"]
    assert "không phải là ngày" in vietnamese.json()["message"]


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        (b"{not json", 400, None),
        (b"[1, 2]", 422, None),
        (b"{}", 422, None),
        (b'{"code": "khac"}', 422, "code"),
        (b'{"title": "' + b"x" * 70_000 + b'"}', 413, None),
    ],
)
def test_a_body_that_is_not_a_patch_is_refused(
    api: AppContext, body: bytes, status: int, field: str | None
) -> None:
    before = stored_state(api)
    headers = {**AUTH, "Content-Type": "application/json"}
    response = request(api, "PATCH", URL, headers=headers, content=body)
    assert response.status_code == status, response.text
    assert response.json().get("field") == field
    assert stored_state(api) == before


def test_an_unknown_campaign_or_event_is_404(api: AppContext) -> None:
    patch = {"title": "x"}
    campaign = request(api, "PATCH", "/api/campaigns/khong-co/events/a", headers=AUTH, json=patch)
    event = request(
        api, "PATCH", f"/api/campaigns/{CAMPAIGN}/events/khong-co", headers=AUTH, json=patch
    )
    assert (campaign.status_code, campaign.json()["field"]) == (404, "campaign")
    assert "Không có phong trào khong-co" in campaign.json()["error"]
    assert (event.status_code, event.json()["field"]) == (404, "event")


def test_without_the_office_token_nothing_is_edited(api: AppContext, cli: Cli) -> None:
    before = stored_state(api)
    links = cli("units", "token", "so-tai-chinh")
    assert links.exit_code == 0, links.output
    unit_token = links.output.split("/feeds/units/")[1].split(".ics")[0]
    patch = {"title": "x"}
    for headers in (
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": f"Bearer {unit_token}"},
    ):
        response = request(api, "PATCH", URL, headers=headers, json=patch)
        assert response.status_code == 401
    closed = AppContext(settings=api.settings.model_copy(update={"api_token": ""}))
    try:
        assert request(closed, "PATCH", URL, headers=AUTH, json=patch).status_code == 403
    finally:
        closed.close()
    assert stored_state(api) == before


def test_an_edit_that_cancels_due_reminders_needs_confirming(api: AppContext) -> None:
    # 14/03/2024 at 10:00: the "due" reminders of bao-cao-quy-1 came at 08:00, unsent.
    api.now_override = parse_now("2024-03-14T10:00", api.settings)
    url = f"/api/campaigns/{CAMPAIGN}/events/bao-cao-quy-1"
    patch = {"units": ["so-tu-phap"]}
    before = stored_state(api)
    asked = request(api, "PATCH", url, headers=AUTH, json=patch)
    assert asked.status_code == 409, asked.text
    assert asked.json()["due"] and "?confirm=1" in asked.json()["error"]
    assert stored_state(api) == before
    confirmed = request(api, "PATCH", f"{url}?confirm=1", headers=AUTH, json=patch)
    assert confirmed.status_code == 200, confirmed.text
    with api.database.session() as session:
        cancelled = session.scalar(
            select(func.count())
            .select_from(Reminder)
            .where(
                Reminder.occurrence_id == occurrence_id(api, f"{CAMPAIGN}/bao-cao-quy-1"),
                Reminder.status == "cancelled",
            )
        )
    assert cancelled


# --- served at once, planned as a full plan would ---------------------------------------


def test_the_edit_is_served_at_once_by_the_same_process(api: AppContext) -> None:
    """The feeds of the process that saved look at the store again at their next request,
    however long their interval between checks."""
    api.settings = api.settings.model_copy(update={"feed_check_seconds": 3600.0})
    feed = f"/feeds/campaigns/{CAMPAIGN}.ics"

    async def go() -> tuple[bytes, bytes, bytes]:
        transport = httpx2.ASGITransport(app=create_app(api))
        async with httpx2.AsyncClient(transport=transport, base_url="http://thidua.test") as c:
            first = (await c.get(feed)).content
            cached = (await c.get(feed)).content
            patch = {"due": {"date": "2024-04-12"}}
            assert (await c.patch(URL, headers=AUTH, json=patch)).status_code == 200
            return first, cached, (await c.get(feed)).content

    first, cached, after = anyio.run(go)
    assert first == cached
    assert b"DTSTART;VALUE=DATE:20240411" in after
    assert b"DTSTART;VALUE=DATE:20240411" not in first


def test_a_unit_left_out_of_a_group_is_planned_as_a_full_plan_would(
    api_both: AppContext,
) -> None:
    api = api_both
    """A group's members changed in the office's form: only the deadlines the group answers
    for are planned again, and planning everything afterwards finds nothing to do."""
    with api.database.session() as session:
        document = exchange.units_document(session)
    group = next(g for g in document["groups"] if g["code"] == "khoi-tong-hop")
    group["members"] = [c for c in group["members"] if c != "so-noi-vu"]
    subject = ("group", "khoi-tong-hop")
    saved = editing.save_units(api, document, Author("Lan"), subject, confirm=True)
    assert saved.stored, saved.issues
    assert saved.report is not None and saved.report.touched
    with api.database.session() as session, session.begin():
        gone = session.scalar(
            select(func.count())
            .select_from(Reminder)
            .join(m.Unit, m.Unit.id == Reminder.unit_id)
            .where(m.Unit.code == "so-noi-vu", Reminder.reason == "not_responsible")
        )
        again = planner.plan(session, api.settings, api.calendar, api.now())
    assert gone
    assert again.written == 0
