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

Plans are big (a province: thousands of units × dozens of deadlines × several offsets), so
new rows go to the driver itself — one COPY per deadline on PostgreSQL, one executemany
elsewhere — with each distinct time converted to the driver's form once, not once per
column per row; a re-plan compares the times as stored, without converting them back.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any, NamedTuple

from sqlalchemy import Connection, bindparam, insert, select, text, type_coerce, update
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session
from sqlalchemy.types import NullType

from calendars import models as m
from calendars.store import (
    LoadReport,
    calendar_version,
    recompute_if_changed,
    workdays_changed,
)
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


class Existing(NamedTuple):
    """A planned row as stored (``fire_at`` in the driver's form: see `_Times`)."""

    id: int
    unit_id: int
    kind: str
    offset: int
    fire_at: Any
    status: str
    reason: str | None


@dataclass(frozen=True)
class Wanted:
    fire_at: datetime
    stored: Any  # fire_at in the driver's form
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
    query = (
        select(m.Assignment.event_id, m.Assignment.unit_id)
        .join(m.Unit, m.Unit.id == m.Assignment.unit_id)
        .where(m.Unit.active)
    )
    if occurrence_ids is not None:  # only the events of the occurrences planned
        occurrence_ids = list(occurrence_ids)
        events = select(m.Occurrence.event_id).where(m.Occurrence.id.in_(occurrence_ids))
        query = query.where(m.Assignment.event_id.in_(events))
    rows = session.execute(query)
    for event_id, unit_id in rows:
        assigned[event_id].add(unit_id)
    active = session.execute(select(m.Unit.code, m.Unit.id).where(m.Unit.active))
    unit_ids = dict(active.all())  # a Result itself would be read as a mapping
    submitted = records.done_pairs(session, occurrence_ids=occurrence_ids)
    return Inputs(assigned, unit_ids, submitted)


class _Times:
    """Times in the form the driver takes and gives back (SQLite: text; PostgreSQL: a
    naive UTC datetime), each converted once: a plan writes hundreds of thousands of rows
    with a handful of distinct times, and compares stored times without converting them."""

    def __init__(self, session: Session) -> None:
        dialect = session.get_bind().dialect
        stored_type = _table.c.fire_at.type.dialect_impl(dialect)
        self._bind = stored_type.bind_processor(dialect) or (lambda value: value)
        self._stored: dict[datetime, Any] = {}

    def __call__(self, moment: datetime) -> Any:
        stored = self._stored.get(moment)
        if stored is None:
            stored = self._stored[moment] = self._bind(moment)
        return stored


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
    times = _Times(session)
    report = PlanReport()
    for occurrence in occurrences:
        report.add(_plan_occurrence(session, occurrence, inputs, times, settings, calendar, now))
    if occurrence_ids is None:
        _remember_version(session, version, now)
    session.flush()
    return report


def plan_changes(
    session: Session,
    settings: Settings,
    calendar: WorkCalendar,
    now: datetime,
    report: LoadReport,
) -> PlanReport:
    """Plan what a load (``report``, in this session) changed: only the occurrences it
    touched when the reminders were planned for the calendar as it was just before the
    load, then they are planned for the calendar as it is; otherwise (an earlier change
    was never planned, or the load dated everything again) the whole calendar."""
    lock_for_planning(session)
    if report.touched is None or planned_version(session) != report.version_before:
        return plan(session, settings, calendar, now)
    planned = PlanReport()
    if report.touched:
        planned = plan(session, settings, calendar, now, occurrence_ids=sorted(report.touched))
    _remember_version(session, calendar_version(session), now)
    session.flush()
    return planned


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
    occurrence: m.Occurrence,
    inputs: Inputs,
    times: _Times,
    settings: Settings,
    calendar: WorkCalendar,
) -> dict[tuple[int, str, int], Wanted]:
    """(unit id, kind, offset) → the row this occurrence calls for; empty when cancelled."""
    if occurrence.cancelled_at is not None:
        return {}
    last_day = occurrence.end_date
    wanted: dict[tuple[int, str, int], Wanted] = {}
    chase = chase_slots(last_day, offsets_for(occurrence.details, settings), settings, calendar)
    # Each slot's two possible rows, made once for every unit.
    planned = [(s.kind, s.offset, _wanted(s, times, s.reason)) for s in chase]
    done = [(s.kind, s.offset, _wanted(s, times, "submitted")) for s in chase]
    for unit_id in inputs.assigned.get(occurrence.event_id, ()):
        submitted = (occurrence.id, unit_id) in inputs.submitted
        for kind, offset, want in done if submitted else planned:
            wanted[(unit_id, kind, offset)] = want
    office = inputs.unit_ids.get(occurrence.details.get("receiver_unit") or "")
    if office is not None:
        for slot in late_list_slots(last_day, settings, calendar):
            wanted[(office, slot.kind, slot.offset)] = _wanted(slot, times, None)
    return wanted


def _wanted(slot: Slot, times: _Times, reason: str | None) -> Wanted:
    status = "skipped" if reason else "pending"
    return Wanted(slot.fire_at, times(slot.fire_at), status, reason)


def _existing(session: Session, occurrence_id: int) -> list[Existing]:
    """The occurrence's planned rows, their times as stored (not converted)."""
    rows = session.execute(
        select(
            _table.c.id,
            _table.c.unit_id,
            _table.c.kind,
            _table.c.offset,
            type_coerce(_table.c.fire_at, NullType()),
            _table.c.status,
            _table.c.reason,
        ).where(
            _table.c.occurrence_id == occurrence_id,
            _table.c.kind.in_(PLANNED_KINDS),  # the office's manual reminders are not planned
        )
    )
    return list(map(Existing._make, rows.all()))


def _plan_occurrence(
    session: Session,
    occurrence: m.Occurrence,
    inputs: Inputs,
    times: _Times,
    settings: Settings,
    calendar: WorkCalendar,
    now: datetime,
) -> PlanReport:
    report = PlanReport()
    wanted = wanted_rows(occurrence, inputs, times, settings, calendar)
    assigned = inputs.assigned.get(occurrence.event_id, set())
    moved: list[dict[str, Any]] = []
    restated: list[dict[str, Any]] = []
    cancelled = occurrence.cancelled_at is not None
    for row in _existing(session, occurrence.id):
        want = wanted.pop((row.unit_id, row.kind, row.offset), None)
        change = _change(row, want, cancelled, assigned)
        if change is None:
            report.unchanged += 1
            continue
        status, reason, moves = change
        values = {"b_id": row.id, "b_status": status, "b_reason": reason, "b_updated_at": now}
        if moves:
            assert want is not None
            moved.append(values | {"b_fire_at": want.fire_at})
        else:
            restated.append(values)
        if status == "cancelled":
            report.cancelled += 1
        else:
            report.updated += 1
    if wanted:
        _insert(session, occurrence.id, wanted, times(now))
        report.created += len(wanted)
    if moved:
        session.execute(_MOVED, moved)
    if restated:
        session.execute(_RESTATED, restated)
    return report


# The columns a planned row is inserted with, in the table's order.
_INSERTED = (
    "occurrence_id",
    "unit_id",
    "kind",
    "offset",
    "fire_at",
    "status",
    "reason",
    "attempts",
    "next_attempt_at",
    "created_at",
    "updated_at",
)


def _insert(
    session: Session, occurrence_id: int, wanted: dict[tuple[int, str, int], Wanted], now: Any
) -> None:
    """New rows, in key order, written by the driver (the values already in its form):
    COPY on PostgreSQL, one executemany elsewhere."""
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        _copy(connection, _new_rows(occurrence_id, wanted, now, _COPY_TEXT))
    else:
        rows = _new_rows(occurrence_id, wanted, now, _PARAMETERS)
        connection.exec_driver_sql(_insert_sql(connection.dialect), rows)


class _Form(NamedTuple):
    """How rows go to the driver: the values after the unit (the same for every unit of a
    slot, so made once per slot), and a whole row from the occurrence, unit and those."""

    rest: Callable[[tuple[Any, ...]], Any]
    row: Callable[[int, int, Any], Any]


def _new_rows(
    occurrence_id: int, wanted: dict[tuple[int, str, int], Wanted], now: Any, form: _Form
) -> list[Any]:
    made: dict[tuple[int, str, int], Any] = {}
    rows = []
    for key in sorted(wanted):
        unit_id, kind, offset = key
        want = wanted[key]
        slot = (id(want), kind, offset)
        rest = made.get(slot)
        if rest is None:
            values = (kind, offset, want.stored, want.status, want.reason, 0, want.stored, now, now)
            rest = made[slot] = form.rest(values)
        rows.append(form.row(occurrence_id, unit_id, rest))
    return rows


@lru_cache(maxsize=4)
def _insert_sql(dialect: Dialect) -> str:
    compiled = insert(_table).compile(dialect=dialect, column_keys=list(_INSERTED))
    assert tuple(compiled.positiontup or ()) == _INSERTED, compiled.positiontup
    return str(compiled)


def _copy(connection: Connection, lines: list[bytes]) -> None:
    """PostgreSQL's COPY (text format), through psycopg, in the session's transaction."""
    columns = ", ".join(connection.dialect.identifier_preparer.quote(c) for c in _INSERTED)
    driver: Any = connection.connection.driver_connection
    with driver.cursor() as cursor, cursor.copy(f"COPY reminders ({columns}) FROM STDIN") as copy:
        copy.write(b"".join(lines))


def _copy_value(value: Any) -> bytes:
    """A value as COPY's text format writes it."""
    if value is None:
        return b"\\N"
    if isinstance(value, datetime):
        return value.isoformat(" ").encode("ascii")
    if isinstance(value, int):
        return b"%d" % value
    text = str(value)
    for raw, escaped in (("\\", "\\\\"), ("\t", "\\t"), ("\n", "\\n"), ("\r", "\\r")):
        text = text.replace(raw, escaped)
    return text.encode("utf-8")


_PARAMETERS = _Form(lambda rest: rest, lambda occurrence, unit, rest: (occurrence, unit, *rest))
_COPY_TEXT = _Form(
    lambda rest: b"\t".join(_copy_value(value) for value in rest) + b"\n",
    lambda occurrence, unit, rest: b"%d\t%d\t%s" % (occurrence, unit, rest),
)


_table = Reminder.__table__
_MOVED = (
    update(_table)
    .where(_table.c.id == bindparam("b_id"))
    .values(
        status=bindparam("b_status"),
        reason=bindparam("b_reason"),
        fire_at=bindparam("b_fire_at"),
        next_attempt_at=bindparam("b_fire_at"),
        updated_at=bindparam("b_updated_at"),
    )
)
_RESTATED = (
    update(_table)
    .where(_table.c.id == bindparam("b_id"))
    .values(
        status=bindparam("b_status"),
        reason=bindparam("b_reason"),
        updated_at=bindparam("b_updated_at"),
    )
)


def _change(
    row: Existing, want: Wanted | None, cancelled: bool, assigned: set[int]
) -> tuple[str, str | None, bool] | None:
    """The new status and reason of an existing row and whether it moves to the wanted
    time, or None to leave it as it is."""
    if row.status not in UNSETTLED:
        return None  # sent, failed or in flight: history
    if want is None:
        if row.status != "pending":
            return None
        return ("cancelled", _gone(row, cancelled, assigned), False)
    if row.fire_at != want.stored or row.status == "cancelled":
        # Moved (or back from cancelled): a reminder of its own, whatever became of it.
        return (want.status, want.reason, True)
    if row.status == "skipped" and row.reason not in PLANNER_REASONS:
        return None  # the dispatcher's decision stands
    if (row.status, row.reason) == (want.status, want.reason):
        return None
    return (want.status, want.reason, False)


def _gone(row: Existing, cancelled: bool, assigned: set[int]) -> str:
    """Why a row no longer wanted is cancelled."""
    if cancelled:
        return "deadline_cancelled"
    if row.kind in CHASE_KINDS and row.unit_id not in assigned:
        return "not_responsible"
    return "not_planned"
