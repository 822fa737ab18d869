"""What the office has to do, for the top of the dashboard: the units that are late (on the
deadlines of the last `LATE_DAYS` days), the deadlines of this week and next with the
calendar and working days left, and the reminders sent today.

Working days come from the house's working-day calendar (`calendars.workdays.WorkCalendar`,
the one the deadlines were resolved with), never from a count of its own. Pure reads that
take a session and return values, so that the page only renders.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from calendars import models as m
from calendars import queries
from calendars.workdays import WorkCalendar
from scheduler import status
from scheduler.models import CHASE_KINDS, Reminder
from thidua.web.office import agenda

# A unit stays on the list while the deadline it missed is this recent: older lateness is
# history, kept on the campaign's and the deadline's pages.
LATE_DAYS = 90
LATE_NAMED = 12  # names shown before the rest is folded


@dataclass(frozen=True)
class LateUnit:
    code: str
    name: str
    deadlines: int  # how many recent deadlines it missed
    days_late: int  # the longest delay


@dataclass(frozen=True)
class DueSoon:
    """A deadline of this week or next, and the time left before its last day."""

    entry: agenda.Entry
    days_left: int
    working_days_left: int


@dataclass(frozen=True)
class SentToday:
    """The reminders of one deadline that went out today (or failed for good today)."""

    id: int  # the occurrence
    title: str
    sent: int
    failed: int


@dataclass(frozen=True)
class Worklist:
    today: date
    until: date  # the Sunday of next week
    late: list[LateUnit]
    due: list[DueSoon]
    sent: list[SentToday]

    @property
    def late_named(self) -> list[LateUnit]:
        return self.late[:LATE_NAMED]

    @property
    def late_folded(self) -> list[LateUnit]:
        return self.late[LATE_NAMED:]


def worklist(session: Session, calendar: WorkCalendar, today: date, tz: tzinfo) -> Worklist:
    until = today + timedelta(days=13 - today.weekday())  # Sunday of next week
    return Worklist(
        today=today,
        until=until,
        late=late_units(session, today),
        due=due_soon(session, calendar, today, until),
        sent=sent_today(session, today, tz),
    )


def late_units(session: Session, today: date) -> list[LateUnit]:
    """Units late on a deadline of the last `LATE_DAYS` days, the longest delay first."""
    ids = session.scalars(
        select(m.Occurrence.id).where(
            m.Occurrence.kind == "deadline",
            m.Occurrence.cancelled_at.is_(None),
            m.Occurrence.end_date < today,
            m.Occurrence.end_date >= today - timedelta(days=LATE_DAYS),
        )
    ).all()
    if not ids:
        return []
    missed: dict[str, list[status.UnitStatus]] = {}
    for found in status.deadlines(session, today, occurrence_ids=ids):
        for unit in found.of("late"):
            missed.setdefault(unit.code, []).append(unit)
    units = [
        LateUnit(code, rows[0].name, len(rows), max(u.days_late for u in rows))
        for code, rows in missed.items()
    ]
    return sorted(units, key=lambda u: (-u.days_late, u.name))


def due_soon(session: Session, calendar: WorkCalendar, today: date, until: date) -> list[DueSoon]:
    """Deadlines whose last day falls from ``today`` to ``until``, the nearest first."""
    found = agenda.entries(session, queries.Window(today, until), kinds=("deadline",))
    return [
        DueSoon(e, (e.end - today).days, calendar.working_days_between(today, e.end))
        for e in sorted(found, key=lambda e: (e.end, e.title))
        if today <= e.end <= until
    ]


def sent_today(session: Session, today: date, tz: tzinfo) -> list[SentToday]:
    """Today's reminders to the units (in the office's time zone), by deadline."""
    start = datetime.combine(today, time(0), tzinfo=tz)
    rows = session.execute(
        select(Reminder.occurrence_id, m.Occurrence.title, Reminder.status)
        .join(m.Occurrence, m.Occurrence.id == Reminder.occurrence_id)
        .where(
            Reminder.kind.in_(CHASE_KINDS),
            or_(
                and_(Reminder.status == "sent", _within(Reminder.sent_at, start)),
                and_(Reminder.status == "failed", _within(Reminder.updated_at, start)),
            ),
        )
    ).all()
    counts: Counter[tuple[int, str, str]] = Counter(rows)  # type: ignore[arg-type]
    titles = {(i, t) for i, t, _ in counts}
    return [
        SentToday(i, t, counts[(i, t, "sent")], counts[(i, t, "failed")])
        for i, t in sorted(titles, key=lambda key: key[1])
    ]


def _within(column: Any, start: datetime) -> ColumnElement[bool]:
    """``column`` on the day that begins at ``start``."""
    return and_(column >= start, column < start + timedelta(days=1))
