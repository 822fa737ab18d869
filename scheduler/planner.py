"""Plan reminders: deadline occurrences × responsible units × offsets → reminder rows.

For each deadline, each responsible unit gets an ``advance`` reminder ``offset`` days
before the effective last day (the deadline's own offsets, else the campaign's, else
``reminder_offsets``), a ``due`` one on the day (offset 0), and ``overdue`` ones on the first
working day after it and then every ``overdue_every_working_days`` working days, at most
``overdue_max`` times. The receiving office (``receiver_unit``) gets a ``late_list`` on each
of the ``late_list_working_days`` working days after the last day. All go out at
``digest_time`` in the service's time zone, on working days: a reminder that would fall on a
day off goes on the working day before it (an overdue one, on the next working day). When
two reminders land on the same working day, the one nearer the deadline stays and the other
is skipped (``same_day``).

Planning is a diff, like loading the calendar: a row is inserted once; a moved deadline
moves its unsent rows; a cancelled deadline, a unit no longer responsible or an offset no
longer wanted cancels its pending rows; a unit that submitted has its pending rows skipped
(and back to pending when the submission is undone). Rows already sent, failed or being
sent are never touched, nor are the reminders the office sent by hand (``manual``).
Re-planning an unchanged calendar issues no write at all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, insert, select, text, update
from sqlalchemy.orm import Session

from calendars import models as m
from calendars.store import calendar_version, recompute_if_changed, workdays_changed
from calendars.workdays import WorkCalendar
from config.settings import Settings
from scheduler.models import CHASE_KINDS, PLANNED_KINDS, PLANNER_REASONS, Reminder
from submissions import records

PLANNED_VERSION = "reminders_planned_version"  # calendar version the reminders reflect
# PostgreSQL advisory lock: one planner at a time, and no claim while a plan is written.
PLAN_LOCK = 0x7468_6970  # "thip"
UNSETTLED = frozenset({"pending", "skipped", "cancelled"})  # what planning may change


@dataclass(frozen=True)
class Slot:
    """One reminder an occurrence calls for, before it is given a unit."""

    kind: str
    offset: int
    fire_at: datetime
    reason: str | None = None  # planned as skipped, and why


@dataclass
class PlanReport:
    created: int = 0
    updated: int = 0
    cancelled: int = 0
    unchanged: int = 0

    @property
    def written(self) -> int:
        return self.created + self.updated + self.cancelled

    def add(self, other: PlanReport) -> None:
        self.created += other.created
        self.updated += other.updated
        self.cancelled += other.cancelled
        self.unchanged += other.unchanged


# --- when ------------------------------------------------------------------------------


def fire_time(day: date, settings: Settings) -> datetime:
    """The digest hour of ``day`` in the service's time zone, as UTC."""
    return datetime.combine(day, settings.digest_time, tzinfo=settings.tz).astimezone(UTC)


def offsets_for(details: dict[str, Any], settings: Settings) -> list[int]:
    """Days before the last day: the deadline's (or its campaign's) own, else the settings'."""
    own = details.get("reminders")
    offsets = settings.reminder_offsets if own is None else own
    return sorted({int(o) for o in offsets}, reverse=True)


def chase_slots(
    last_day: date, offsets: Sequence[int], settings: Settings, calendar: WorkCalendar
) -> list[Slot]:
    """Advance, due and overdue reminders of a deadline whose effective last day is given."""
    slots: list[Slot] = []
    kept: dict[date, int] = {}  # working day → the smallest offset sent that day
    for offset in sorted(offsets):
        day = calendar.previous_working_day(last_day - timedelta(days=offset))
        kind = "due" if offset == 0 else "advance"
        reason = "same_day" if day in kept else None
        kept.setdefault(day, offset)
        slots.append(Slot(kind, offset, fire_time(day, settings), reason))
    day = last_day
    for number in range(1, settings.overdue_max + 1):
        step = 1 if number == 1 else settings.overdue_every_working_days
        day = calendar.add_working_days(day, step)
        slots.append(Slot("overdue", number, fire_time(day, settings)))
    return slots


def late_list_slots(last_day: date, settings: Settings, calendar: WorkCalendar) -> list[Slot]:
    """The receiving office's daily list of late units, on the working days after the last
    day (the dispatcher skips a day on which nobody is late)."""
    slots = []
    day = last_day
    for number in range(1, settings.late_list_working_days + 1):
        day = calendar.add_working_days(day, 1)
        slots.append(Slot("late_list", number, fire_time(day, settings)))
    return slots


# --- what exists -----------------------------------------------------------------------


@dataclass(frozen=True)
class Existing:
    id: int
    unit_id: int
    kind: str
    offset: int
    fire_at: datetime
    next_attempt_at: datetime
    status: str
    reason: str | None

    @property
    def key(self) -> tuple[int, str, int]:
        return (self.unit_id, self.kind, self.offset)


@dataclass(frozen=True)
class Wanted:
    fire_at: datetime
    status: str  # pending or skipped
    reason: str | None


@dataclass
class Inputs:
    """What planning reads besides the occurrences, loaded once per plan."""

    assigned: dict[int, set[int]]  # event id → active responsible unit ids
    unit_ids: dict[str, int]  # active unit code → id
    submitted: set[tuple[int, int]]  # (occurrence id, unit id) with a submission


def load_inputs(session: Session, occurrence_ids: Iterable[int] | None = None) -> Inputs:
    assigned: dict[int, set[int]] = defaultdict(set)
    rows = session.execute(
        select(m.Assignment.event_id, m.Assignment.unit_id)
        .join(m.Unit, m.Unit.id == m.Assignment.unit_id)
        .where(m.Unit.active)
    )
    for event_id, unit_id in rows:
        assigned[event_id].add(unit_id)
    active = session.execute(select(m.Unit.code, m.Unit.id).where(m.Unit.active))
    unit_ids = dict(active.all())  # a Result itself would be read as a mapping
    submitted = records.done_pairs(session, occurrence_ids=occurrence_ids)
    return Inputs(assigned, unit_ids, submitted)


# --- the plan --------------------------------------------------------------------------


def plan(
    session: Session,
    settings: Settings,
    calendar: WorkCalendar,
    now: datetime,
    *,
    occurrence_ids: Iterable[int] | None = None,
) -> PlanReport:
    """Bring the reminder rows in line with the calendar (the caller commits). A full plan
    first dates the stored deadlines again when the working-day calendar changed."""
    lock_for_planning(session)
    if occurrence_ids is None:
        calendar.refresh()
        recompute_if_changed(session, calendar, domain=settings.uid_domain, now=now)
    version = calendar_version(session)
    query = select(m.Occurrence).where(m.Occurrence.kind == "deadline").order_by(m.Occurrence.id)
    if occurrence_ids is not None:
        query = query.where(m.Occurrence.id.in_(list(occurrence_ids)))
    occurrences = list(session.scalars(query))
    inputs = load_inputs(session, occurrence_ids)
    report = PlanReport()
    for occurrence in occurrences:
        report.add(_plan_occurrence(session, occurrence, inputs, settings, calendar, now))
    if occurrence_ids is None:
        _remember_version(session, version, now)
    session.flush()
    return report


def plan_if_stale(
    session: Session, settings: Settings, calendar: WorkCalendar, now: datetime
) -> PlanReport | None:
    """Plan when the calendar (or the working-day calendar) changed since the last plan;
    None when it had not."""
    calendar.refresh()
    if planned_version(session) == calendar_version(session) and not workdays_changed(
        session, calendar
    ):
        return None
    return plan(session, settings, calendar, now)


def planned_version(session: Session) -> int | None:
    state = session.get(m.State, PLANNED_VERSION)
    return state.value if state else None


def _remember_version(session: Session, version: int, now: datetime) -> None:
    state = session.get(m.State, PLANNED_VERSION)
    if state is None:
        session.add(m.State(key=PLANNED_VERSION, value=version, updated_at=now))
    elif state.value != version:
        state.value, state.updated_at = version, now


def lock_for_planning(session: Session) -> None:
    """PostgreSQL: wait for any other planner; SQLite's single writer needs nothing."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PLAN_LOCK})


def wanted_rows(
    occurrence: m.Occurrence, inputs: Inputs, settings: Settings, calendar: WorkCalendar
) -> dict[tuple[int, str, int], Wanted]:
    """(unit id, kind, offset) → the row this occurrence calls for; empty when cancelled."""
    if occurrence.cancelled_at is not None:
        return {}
    last_day = occurrence.end_date
    wanted: dict[tuple[int, str, int], Wanted] = {}
    chase = chase_slots(last_day, offsets_for(occurrence.details, settings), settings, calendar)
    for unit_id in inputs.assigned.get(occurrence.event_id, ()):
        submitted = (occurrence.id, unit_id) in inputs.submitted
        for slot in chase:
            reason = "submitted" if submitted else slot.reason
            wanted[(unit_id, slot.kind, slot.offset)] = Wanted(
                slot.fire_at, "skipped" if reason else "pending", reason
            )
    office = inputs.unit_ids.get(occurrence.details.get("receiver_unit") or "")
    if office is not None:
        for slot in late_list_slots(last_day, settings, calendar):
            wanted[(office, slot.kind, slot.offset)] = Wanted(slot.fire_at, "pending", None)
    return wanted


def _existing(session: Session, occurrence_id: int) -> list[Existing]:
    table = Reminder.__table__
    rows = session.execute(
        select(
            table.c.id,
            table.c.unit_id,
            table.c.kind,
            table.c.offset,
            table.c.fire_at,
            table.c.next_attempt_at,
            table.c.status,
            table.c.reason,
        ).where(
            table.c.occurrence_id == occurrence_id,
            table.c.kind.in_(PLANNED_KINDS),  # the office's manual reminders are not planned
        )
    )
    return [Existing(*row) for row in rows]


def _plan_occurrence(
    session: Session,
    occurrence: m.Occurrence,
    inputs: Inputs,
    settings: Settings,
    calendar: WorkCalendar,
    now: datetime,
) -> PlanReport:
    report = PlanReport()
    wanted = wanted_rows(occurrence, inputs, settings, calendar)
    assigned = inputs.assigned.get(occurrence.event_id, set())
    changes: list[dict[str, Any]] = []
    for row in _existing(session, occurrence.id):
        want = wanted.pop(row.key, None)
        if occurrence.cancelled_at is not None:
            gone = "deadline_cancelled"
        elif row.kind in CHASE_KINDS and row.unit_id not in assigned:
            gone = "not_responsible"
        else:
            gone = "not_planned"
        change = _change(row, want, gone)
        if change is None:
            report.unchanged += 1
            continue
        changes.append({"b_id": row.id, "b_updated_at": now, **change})
        if change["b_status"] == "cancelled":
            report.cancelled += 1
        else:
            report.updated += 1
    new = [
        {
            "occurrence_id": occurrence.id,
            "unit_id": unit_id,
            "kind": kind,
            "offset": offset,
            "fire_at": want.fire_at,
            "next_attempt_at": want.fire_at,
            "status": want.status,
            "reason": want.reason,
            "attempts": 0,
            "created_at": now,
            "updated_at": now,
        }
        for (unit_id, kind, offset), want in sorted(wanted.items())
    ]
    if new:
        session.execute(insert(Reminder.__table__), new)
        report.created += len(new)
    if changes:
        session.execute(_UPDATE, changes)
    return report


_table = Reminder.__table__
_UPDATE = (
    update(_table)
    .where(_table.c.id == bindparam("b_id"))
    .values(
        status=bindparam("b_status"),
        reason=bindparam("b_reason"),
        fire_at=bindparam("b_fire_at"),
        next_attempt_at=bindparam("b_next_attempt_at"),
        updated_at=bindparam("b_updated_at"),
    )
)


def _change(row: Existing, want: Wanted | None, gone: str) -> dict[str, Any] | None:
    """The new state of an existing row, or None to leave it as it is; ``gone`` is why a
    row no longer wanted is cancelled."""
    if row.status not in UNSETTLED:
        return None  # sent, failed or in flight: history
    if want is None:
        if row.status != "pending":
            return None
        return _values("cancelled", gone, row.fire_at, row.next_attempt_at)
    if row.fire_at != want.fire_at or row.status == "cancelled":
        # Moved (or back from cancelled): a reminder of its own, whatever became of it.
        return _values(want.status, want.reason, want.fire_at, want.fire_at)
    if row.status == "skipped" and row.reason not in PLANNER_REASONS:
        return None  # the dispatcher's decision stands
    if (row.status, row.reason) == (want.status, want.reason):
        return None
    return _values(want.status, want.reason, row.fire_at, row.next_attempt_at)


def _values(
    status: str, reason: str | None, fire_at: datetime, next_attempt_at: datetime
) -> dict[str, Any]:
    return {
        "b_status": status,
        "b_reason": reason,
        "b_fire_at": fire_at,
        "b_next_attempt_at": next_attempt_at,
    }
