"""The reminder rows as the office reads them: each unit's reminders of one deadline
(`deadline_reminders`) and each unit's last reminder and delivery problems
(`unit_deliveries`), read with Core through the columns `scheduler.status` names.

Apart from `scheduler.status` so that ``thidua status``, which reads neither, does not make
their two dataclasses at import: making a dataclass compiles its methods, some 12 M
instructions for these two, close to 1% of the command's start.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from scheduler.status import OCCURRENCES, REMINDERS, UNITS

if TYPE_CHECKING:
    from scheduler.status import Reader


@dataclass(frozen=True)
class ReminderLine:
    """One reminder row: planned, sent, failed, skipped (and why)."""

    unit: str
    deadline: str  # the occurrence UID
    title: str
    kind: str
    offset: int
    fire_at: datetime
    status: str
    reason: str | None
    attempts: int
    next_attempt_at: datetime
    sent_at: datetime | None
    error: str | None  # the failure, the retry's cause, or the addresses refused

    @property
    def problem(self) -> bool:
        return self.error is not None and self.status in ("sent", "failed", "pending")


def _lines(session: Reader, *where: Any) -> list[ReminderLine]:
    reminder = REMINDERS.c
    query = (
        select(
            UNITS.c.code,
            OCCURRENCES.c.uid,
            OCCURRENCES.c.title,
            reminder.kind,
            reminder.offset,
            reminder.fire_at,
            reminder.status,
            reminder.reason,
            reminder.attempts,
            reminder.next_attempt_at,
            reminder.sent_at,
            reminder.last_error,
        )
        .select_from(REMINDERS)
        .join(UNITS, UNITS.c.id == reminder.unit_id)
        .join(OCCURRENCES, OCCURRENCES.c.id == reminder.occurrence_id)
        .where(*where)
        .order_by(reminder.fire_at, reminder.id)
    )
    return [ReminderLine(*row) for row in session.execute(query)]


def deadline_reminders(session: Reader, occurrence_id: int) -> dict[str, list[ReminderLine]]:
    """Unit code → its reminders of one deadline, by fire time (the receiving office's late
    lists included)."""
    result: dict[str, list[ReminderLine]] = defaultdict(list)
    for line in _lines(session, REMINDERS.c.occurrence_id == occurrence_id):
        result[line.unit].append(line)
    return dict(result)


@dataclass
class UnitDeliveries:
    """A unit's last reminder sent, of any deadline, and its latest delivery problems."""

    last_sent: datetime | None = None
    last_deadline: str | None = None  # the title of the deadline it was about
    problems: list[ReminderLine] = field(default_factory=list)  # latest first
    problem_count: int = 0


def unit_deliveries(session: Reader, *, problems: int = 3) -> dict[str, UnitDeliveries]:
    """Unit code → its deliveries, for every unit that was sent (or failed) anything."""
    table = REMINDERS
    result: dict[str, UnitDeliveries] = defaultdict(UnitDeliveries)
    sent = (
        select(table.c.unit_id, func.max(table.c.sent_at).label("last"))
        .where(table.c.status == "sent")
        .group_by(table.c.unit_id)
        .subquery()
    )
    latest = session.execute(
        select(UNITS.c.code, table.c.sent_at, OCCURRENCES.c.title)
        .select_from(table)
        .join(sent, (sent.c.unit_id == table.c.unit_id) & (sent.c.last == table.c.sent_at))
        .join(UNITS, UNITS.c.id == table.c.unit_id)
        .join(OCCURRENCES, OCCURRENCES.c.id == table.c.occurrence_id)
        .where(table.c.status == "sent")
        .order_by(OCCURRENCES.c.end_date)
    )
    for code, sent_at, title in latest:
        result[code].last_sent, result[code].last_deadline = sent_at, title
    failing = _lines(
        session,
        table.c.last_error.is_not(None),
        table.c.status.in_(("sent", "failed", "pending")),
    )
    for line in sorted(failing, key=lambda line: line.fire_at, reverse=True):
        entry = result[line.unit]
        entry.problem_count += 1
        if len(entry.problems) < problems:
            entry.problems.append(line)
    return dict(result)
