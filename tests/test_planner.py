"""Planning reminders from the calendar: when each goes out, what a change of the calendar
or a submission does to the rows, and that re-planning an unchanged calendar writes
nothing (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import update

from calendars.workdays import WorkCalendar
from config.settings import Settings
from scheduler import planner
from scheduler.models import Reminder
from tests.conftest import EXAMPLES, Cli
from tests.reminders import (
    BLOC,
    UNITS,
    at,
    load,
    load_examples,
    occurrence_id,
    rows,
    statuses,
    unit_id,
    write_campaign,
)
from thidua.context import AppContext

ICT = timedelta(hours=7)


def local(moment: datetime) -> str:
    return (moment.astimezone(UTC) + ICT).strftime("%Y-%m-%d %H:%M")


def run_plan(app: AppContext, now: str = "2024-01-10T09:00") -> planner.PlanReport:
    with app.database.session() as session, session.begin():
        return planner.plan(session, app.settings, app.calendar, at(app, now))


def test_tet_holidays_pull_advance_reminders_to_the_last_working_day(
    app: AppContext, cli: Cli
) -> None:
    """Seed 000: "trước ngày 15/02/2024" — the nominal last day 14/02 is in the Tết holidays
    (08–14/02/2024), so the effective day is Thursday 15/02. The 7-, 3- and 1-day reminders
    (08, 12 and 14/02) all fall in the holidays and move to Wednesday 07/02: one is sent,
    the other two are skipped as the same day."""
    load_examples(cli)
    run_plan(app)
    unit = unit_id(app, "so-tai-chinh")
    occ = occurrence_id(app, "vinh-phuc-2024/van-ban-phat-dong")
    found = rows(app, Reminder.unit_id == unit, Reminder.occurrence_id == occ)
    plan = [(r.kind, r.offset, local(r.fire_at), r.status, r.reason) for r in found]
    assert plan == [
        ("advance", 1, "2024-02-07 07:30", "pending", None),
        ("advance", 3, "2024-02-07 07:30", "skipped", "same_day"),
        ("advance", 7, "2024-02-07 07:30", "skipped", "same_day"),
        ("due", 0, "2024-02-15 07:30", "pending", None),
        ("overdue", 1, "2024-02-16 07:30", "pending", None),
        ("overdue", 2, "2024-02-21 07:30", "pending", None),
        ("overdue", 3, "2024-02-26 07:30", "pending", None),
    ]
    office = rows(app, Reminder.occurrence_id == occ, Reminder.kind == "late_list")
    assert {r.unit.code for r in office} == {"ban-tdkt"}
    assert [local(r.fire_at)[:10] for r in office[:4]] == [
        "2024-02-16",
        "2024-02-19",
        "2024-02-20",
        "2024-02-21",
    ]
    assert len(office) == app.settings.late_list_working_days


def test_every_responsible_unit_gets_every_offset(
    app: AppContext, cli: Cli, tmp_path: Path
) -> None:
    load(cli, UNITS, write_campaign(tmp_path))
    report = run_plan(app)
    occ = occurrence_id(app, "thu-nghiem-2024/bao-cao-quy-1")
    planned = rows(app, Reminder.occurrence_id == occ, Reminder.kind != "late_list")
    assert sorted({r.unit.code for r in planned}) == BLOC
    assert Counter((r.kind, r.offset) for r in planned) == {
        (kind, offset): len(BLOC)
        for kind, offset in [
            ("advance", 7),
            ("advance", 3),
            ("advance", 1),
            ("due", 0),
            ("overdue", 1),
            ("overdue", 2),
            ("overdue", 3),
        ]
    }
    # 3 deadlines: 6 + 6 + 2 units × 7, and 20 late lists each for the Board.
    assert report.created == 14 * 7 + 3 * 20


def test_replanning_an_unchanged_calendar_writes_nothing(
    app: AppContext, cli: Cli, write_counter: Any
) -> None:
    load_examples(cli)
    first = run_plan(app)
    assert first.created > 1000
    counter = write_counter(app.database.engine)
    second = run_plan(app, "2024-06-01T10:00")
    assert second.written == 0
    assert second.unchanged == first.created
    assert counter.statements == []


def test_a_deadline_given_its_own_offsets(app: AppContext, cli: Cli, tmp_path: Path) -> None:
    text = (EXAMPLES / "004-ha-giang-2023.yaml").read_text("utf-8")
    text = text.replace(
        "    due: {rule: before, date: 30/06/2023}\n",
        "    due: {rule: before, date: 30/06/2023}\n    reminders: [10, 2]\n",
    )
    load(cli, UNITS, write_campaign(tmp_path, text, "004.yaml"))
    run_plan(app)
    occ = occurrence_id(app, "ha-giang-2023/bao-cao-so-ket")
    found = rows(app, Reminder.occurrence_id == occ, Reminder.unit_id == unit_id(app, "so-y-te"))
    # "trước ngày 30/6/2023": last day Thursday 29/06; 10 days before is Monday 19/06.
    assert [(r.kind, r.offset, local(r.fire_at)[:10]) for r in found][:3] == [
        ("advance", 10, "2023-06-19"),
        ("advance", 2, "2023-06-27"),
        ("overdue", 1, "2023-06-30"),
    ]


def test_a_moved_deadline_moves_pending_rows_and_leaves_sent_ones(
    app: AppContext, cli: Cli, tmp_path: Path
) -> None:
    path = write_campaign(tmp_path)
    load(cli, UNITS, path)
    run_plan(app)
    occ = occurrence_id(app, "thu-nghiem-2024/bao-cao-quy-1")
    sent_at = at(app, "2024-03-07T07:31")
    with app.database.session() as session, session.begin():
        session.execute(
            update(Reminder)
            .where(Reminder.occurrence_id == occ, Reminder.offset == 7, Reminder.kind == "advance")
            .values(status="sent", sent_at=sent_at, message_id="x@y")
        )
    text = path.read_text("utf-8").replace(
        "wording: chậm nhất ngày 14/3/2024\n    due: {rule: by, date: 14/03/2024}",
        "wording: chậm nhất ngày 28/3/2024\n    due: {rule: by, date: 28/03/2024}",
    )
    assert "28/03/2024" in text
    path.write_text(text, encoding="utf-8")
    load(cli, UNITS, path, now="2024-03-08T09:00")
    report = run_plan(app, "2024-03-08T09:00")
    assert report.updated == len(BLOC) * 6 + 20  # every unsent row, and the late lists
    found = rows(app, Reminder.occurrence_id == occ, Reminder.unit_id == unit_id(app, "so-noi-vu"))
    assert [(r.kind, r.offset, local(r.fire_at)[:10], r.status) for r in found] == [
        ("advance", 7, "2024-03-07", "sent"),  # history: not touched
        ("advance", 3, "2024-03-25", "pending"),
        ("advance", 1, "2024-03-27", "pending"),
        ("due", 0, "2024-03-28", "pending"),
        ("overdue", 1, "2024-03-29", "pending"),
        ("overdue", 2, "2024-04-03", "pending"),
        ("overdue", 3, "2024-04-08", "pending"),
    ]
    assert found[0].sent_at == sent_at


def test_a_cancelled_deadline_cancels_its_pending_rows(
    app: AppContext, cli: Cli, tmp_path: Path
) -> None:
    path = write_campaign(tmp_path)
    load(cli, UNITS, path)
    run_plan(app)
    text = path.read_text("utf-8")
    start = text.index("  - code: bao-cao-chuyen-de")
    path.write_text(text[:start], encoding="utf-8")
    load(cli, UNITS, path)
    report = run_plan(app)
    occ = occurrence_id(app, "thu-nghiem-2024/bao-cao-chuyen-de")
    assert report.cancelled == 2 * 7 + 20
    assert statuses(app, Reminder.occurrence_id == occ) == {
        ("cancelled", "deadline_cancelled"): 2 * 7 + 20
    }
    # Put back: the same rows come back, none is duplicated.
    path.write_text(text, encoding="utf-8")
    load(cli, UNITS, path)
    run_plan(app)
    assert statuses(app, Reminder.occurrence_id == occ) == {("pending", None): 2 * 7 + 20}


def test_a_unit_that_leaves_the_group_has_its_rows_cancelled(
    app: AppContext, cli: Cli, tmp_path: Path
) -> None:
    load(cli, UNITS, write_campaign(tmp_path))
    run_plan(app)
    units = UNITS.read_text("utf-8").replace(
        "members: [van-phong-ubnd, so-noi-vu, so-tai-chinh, so-ke-hoach-dau-tu, so-tu-phap, "
        "thanh-tra-tinh]",
        "members: [van-phong-ubnd, so-noi-vu, so-tai-chinh, so-ke-hoach-dau-tu, so-tu-phap]",
    )
    smaller = tmp_path / "units" / "units.yaml"
    smaller.parent.mkdir()
    smaller.write_text(units, encoding="utf-8")
    load(cli, smaller)
    run_plan(app)
    gone = unit_id(app, "thanh-tra-tinh")
    assert statuses(app, Reminder.unit_id == gone) == {("cancelled", "not_responsible"): 14}
    assert statuses(app, Reminder.unit_id == unit_id(app, "so-noi-vu")) == {("pending", None): 14}


def test_a_submission_skips_a_units_rows_and_undo_restores_them(
    app: AppContext, cli: Cli, tmp_path: Path
) -> None:
    load(cli, UNITS, write_campaign(tmp_path))
    run_plan(app)
    occ = occurrence_id(app, "thu-nghiem-2024/bao-cao-quy-1")
    unit = unit_id(app, "so-tu-phap")
    mine = (Reminder.occurrence_id == occ, Reminder.unit_id == unit)
    result = cli("submit", "thu-nghiem-2024/bao-cao-quy-1", "so-tu-phap", "--now", "2024-03-01")
    assert result.exit_code == 0, result.output
    assert statuses(app, *mine) == {("skipped", "submitted"): 7}
    # The planner agrees with what the submission did, and writes nothing.
    assert run_plan(app).written == 0
    result = cli("submit", "thu-nghiem-2024/bao-cao-quy-1", "so-tu-phap", "--undo")
    assert result.exit_code == 0, result.output
    assert statuses(app, *mine) == {("pending", None): 7}
    assert run_plan(app).written == 0


# --- properties of the schedule --------------------------------------------------------

CALENDAR = WorkCalendar()
SETTINGS = Settings(_env_file=None)


@settings(max_examples=150, deadline=None)
@given(
    last_day=st.dates(min_value=date(2023, 1, 1), max_value=date(2027, 12, 31)),
    offsets=st.sets(st.integers(min_value=0, max_value=40), max_size=6),
    overdue_max=st.integers(min_value=0, max_value=5),
    every=st.integers(min_value=1, max_value=5),
)
def test_reminders_fall_on_working_days_in_order(
    last_day: date, offsets: set[int], overdue_max: int, every: int
) -> None:
    if not CALENDAR.is_working_day(last_day):
        last_day = CALENDAR.next_working_day(last_day)
    config = SETTINGS.model_copy(
        update={"overdue_max": overdue_max, "overdue_every_working_days": every}
    )
    slots = planner.chase_slots(last_day, sorted(offsets, reverse=True), config, CALENDAR)
    sent = [s for s in slots if s.reason is None]
    days = [(s.fire_at + ICT).date() for s in sent]
    for slot, day in zip(sent, days, strict=True):
        assert CALENDAR.is_working_day(day)
        assert local(slot.fire_at).endswith("07:30")
        if slot.kind == "overdue":
            assert day > last_day
        else:
            assert day <= last_day
            assert day <= last_day - timedelta(days=slot.offset)  # never later than asked
    assert len(set(days)) == len(days)  # one reminder a day at most
    assert len(slots) == len(offsets) + overdue_max
    overdue = [d for s, d in zip(sent, days, strict=True) if s.kind == "overdue"]
    assert overdue == sorted(overdue)
    if overdue:
        assert CALENDAR.working_days_between(last_day, overdue[0]) == 1
        for before, after in pairwise(overdue):
            assert CALENDAR.working_days_between(before, after) == every


@pytest.mark.parametrize(
    ("offset", "expected"),
    [(0, date(2024, 5, 2)), (1, date(2024, 4, 26)), (3, date(2024, 4, 26)), (7, date(2024, 4, 25))],
)
def test_a_reminder_on_a_day_off_goes_on_the_working_day_before(
    offset: int, expected: date
) -> None:
    """Last day Thursday 02/05/2024, after the 30/4–1/5 holidays: 27/04 to 01/05 are off
    (Monday 29/04 swapped for Saturday 04/05), so the 1- and 3-day reminders go on Friday
    26/04."""
    slots = planner.chase_slots(date(2024, 5, 2), [offset], SETTINGS, CALENDAR)
    assert (slots[0].fire_at + ICT).date() == expected
