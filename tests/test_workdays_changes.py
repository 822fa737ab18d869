"""A change of the working-day calendar reaches everything stored: a swap added with
``thidua workdays add-swap`` on a loaded database moves the deadlines it touches (SEQUENCE
+ 1 in the feeds, parsed back by icalendar) and re-plans their reminders, with no campaign
file loaded again; bad input changes nothing; ``check`` lists the days the `holidays`
package and the catalog disagree on; the year-ahead guard in ``thidua status``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from calendars import models as m
from config.catalog import Swap, WorkdayChanges, write_workday_file
from config.settings import Settings
from scheduler.models import Reminder
from tests.conftest import EXAMPLES, Cli
from tests.ical_checks import parsed_events
from thidua.context import AppContext, parse_now
from thidua.web import create_app

UID = "vinh-phuc-2024/van-ban-phat-dong@thidua.local"
TZ = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def loaded(settings: Settings, cli: Cli) -> Iterator[AppContext]:
    result = cli("load", *sorted(EXAMPLES.glob("*.yaml")), "--now", "2024-01-02T08:00")
    assert result.exit_code == 0, result.output
    result = cli("plan", "--now", "2024-01-02T08:00")
    assert result.exit_code == 0, result.output
    context = AppContext(settings=settings)
    context.now_override = parse_now("2024-01-15T09:00", settings)
    context.settings.feed_check_seconds = 0
    yield context
    context.close()


def _feed_event(context: AppContext) -> object:
    with TestClient(create_app(context)) as client:
        response = client.get("/feeds/all.ics")
    assert response.status_code == 200
    return parsed_events(response.content)[UID]


def _due_reminders(context: AppContext) -> set[datetime]:
    with context.database.session() as session:
        occurrence = session.scalar(select(m.Occurrence).where(m.Occurrence.uid == UID))
        assert occurrence is not None
        rows = session.scalars(
            select(Reminder).where(
                Reminder.occurrence_id == occurrence.id,
                Reminder.kind == "due",
                Reminder.status == "pending",
            )
        )
        return {row.fire_at.astimezone(TZ) for row in rows}


def _stored_campaigns(context: AppContext) -> dict[str, tuple[datetime, str]]:
    with context.database.session() as session:
        return {c.code: (c.updated_at, c.content_hash) for c in session.scalars(select(m.Campaign))}


def _deadline_days(context: AppContext) -> dict[str, date]:
    with context.database.session() as session:
        rows = session.scalars(select(m.Occurrence).where(m.Occurrence.kind == "deadline"))
        return {o.uid: o.start_date for o in rows}


def test_a_swap_moves_stored_deadlines_their_feeds_and_reminders(
    loaded: AppContext, cli: Cli
) -> None:
    before = _feed_event(loaded)
    # "trước ngày 15/02/2024": nominal 14/02 (Tết), effective Thursday 15/02/2024.
    assert before["DTSTART"].dt == date(2024, 2, 15)
    assert _due_reminders(loaded) == {datetime(2024, 2, 15, 7, 30, tzinfo=TZ)}
    campaigns, days = _stored_campaigns(loaded), _deadline_days(loaded)

    result = cli(
        "workdays",
        "add-swap",
        "--work",
        "17/02/2024",
        "--off",
        "15/02/2024",
        "--source",
        "Quyết định 99/QĐ-UBND ngày 20/01/2024 (thử)",
        "--now",
        "2024-01-15T09:00",
    )
    assert result.exit_code == 0, result.output

    after = _feed_event(loaded)
    assert after["DTSTART"].dt == date(2024, 2, 16)  # Thursday 15/02 is off now: Friday
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    assert after["LAST-MODIFIED"].dt > before["LAST-MODIFIED"].dt
    assert _due_reminders(loaded) == {datetime(2024, 2, 16, 7, 30, tzinfo=TZ)}
    # No campaign was loaded again; the summary counts what moved.
    assert _stored_campaigns(loaded) == campaigns
    moved = {uid for uid, day in _deadline_days(loaded).items() if days[uid] != day}
    assert UID in moved
    assert f"{len(moved)} thời hạn dời ngày" in result.stderr
    # The settings read the office's file: a new process sees the swap.
    fresh = AppContext(settings=Settings())
    assert not fresh.calendar.is_working_day(date(2024, 2, 15))
    assert fresh.calendar.is_working_day(date(2024, 2, 17))
    fresh.close()
    # Planning again, or adding nothing, writes nothing more.
    again = cli("plan", "--now", "2024-01-15T09:00")
    assert "0 mới, 0 thay đổi, 0 hủy" in again.stderr


def test_a_file_edited_by_hand_is_noticed_by_the_next_plan(loaded: AppContext, cli: Cli) -> None:
    write_workday_file(
        loaded.settings.effective_workdays_file,
        WorkdayChanges(swaps=[Swap(work=date(2024, 2, 17), off=date(2024, 2, 15), source="x")]),
    )
    result = cli("plan", "--now", "2024-01-15T09:00")
    assert result.exit_code == 0, result.output
    assert _deadline_days(loaded)[UID] == date(2024, 2, 16)
    assert _due_reminders(loaded) == {datetime(2024, 2, 16, 7, 30, tzinfo=TZ)}


@pytest.mark.parametrize(
    ("work", "off", "source", "message"),
    [
        ("16/02/2024", "15/02/2024", "Quyết định 1", "đã là ngày làm việc"),
        ("17/02/2024", "14/02/2024", "Quyết định 1", "đã là ngày nghỉ"),
        ("17/02/2024", "15/02/2024", "   ", "văn bản"),
    ],
)
def test_a_bad_swap_is_refused_and_nothing_changes(
    loaded: AppContext, cli: Cli, work: str, off: str, source: str, message: str
) -> None:
    days = _deadline_days(loaded)
    result = cli("workdays", "add-swap", "--work", work, "--off", off, "--source", source)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not loaded.settings.effective_workdays_file.exists()
    assert _deadline_days(loaded) == days


def test_the_year_lists_days_off_and_worked_days_with_their_notices(
    sqlite_settings: Settings, cli: Cli
) -> None:
    result = cli("workdays", "--year", "2026", "--format", "json", "--now", "2026-03-01")
    assert result.exit_code == 0, result.output
    records = {r["date"]: r for r in json.loads(result.stdout)}
    assert records["2026-01-02"]["working"] is False
    assert records["2026-01-10"]["working"] is True
    assert "12729/VPCP-KGVX" in records["2026-01-10"]["source"]
    assert records["2026-02-17"]["reason"] == "Tết Nguyên Đán"
    assert "2026-01-05" not in records  # an ordinary Monday


def test_check_lists_the_days_the_package_does_not_know(
    sqlite_settings: Settings, cli: Cli
) -> None:
    result = cli("workdays", "check", "--year", "2026", "--format", "json")
    assert result.exit_code == 1
    days = {r["date"]: r for r in json.loads(result.stdout)}
    # holidays 0.109 lacks Công văn 12729/VPCP-KGVX; every other 2026 day agrees.
    assert set(days) == {"2026-01-02", "2026-01-10"}
    assert cli("workdays", "check", "--year", "2025").exit_code == 0


def test_status_names_the_missing_notice_from_october(loaded: AppContext, cli: Cli) -> None:
    late = cli("status", "--now", "2026-11-01T09:00")
    assert "Tết 2027" in late.stderr and "add-notice" in late.stderr
    early = cli("status", "--now", "2026-09-30T09:00")
    assert "Tết 2027" not in early.stderr
    added = cli(
        "workdays",
        "add-notice",
        "--year",
        "2027",
        "--source",
        "Công văn …/VPCP-KGVX (thử)",
        "--now",
        "2026-11-01T09:00",
    )
    assert added.exit_code == 0, added.output
    assert "Tết 2027" not in cli("status", "--now", "2026-11-01T09:00").stderr
