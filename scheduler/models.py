"""The scheduler's table: reminders (the outbox of record). Submissions live in the
`submissions` room.

`Reminder` is the one truth about what was and will be sent: one row per (deadline
occurrence, unit, kind, offset), planned ahead by `scheduler.planner`, claimed and settled
by `scheduler.dispatch`. APScheduler holds no state of its own, so a restart, a second
process or a second machine (on PostgreSQL) carries on from these rows.

Kinds and what ``offset`` means for each:

- ``advance``: ``offset`` days before the effective last day (7, 3, 1 by default);
- ``due``: on the last day itself (``offset`` 0);
- ``overdue``: the ``offset``-th chase after the last day (1, 2, 3 …);
- ``late_list``: for the receiving office, the list of late units on the ``offset``-th
  working day after the last day;
- ``manual``: sent at the office's request ("Nhắc ngay", `scheduler.manual`), the
  ``offset``-th for that deadline and unit; never planned, and never changed by planning.

A row's life: ``pending`` → ``sending`` (claimed under a lease) → ``sent`` or ``failed``,
or back to ``pending`` with ``next_attempt_at`` after a transient failure. ``recipients``
keeps what became of the message at each address of the unit (`scheduler.decisions`):
an address that refused it for now is tried again alone, in the same message, and one
that has it never gets it twice. The planner may
``cancel`` a pending row or ``skip`` it (``reason`` says why); the dispatcher skips rows made
moot. ``sent``, ``failed`` and ``sending`` rows are never changed by planning.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from calendars.db import Base
from calendars.models import Occurrence, Unit
from scheduler.kinds import CHASE_KINDS, KINDS, PLANNED_KINDS, STATUSES
from submissions.models import one_of
from translations import N_

__all__ = [  # the kinds are named here too, where the rooms have always found them
    "CHASE_KINDS",
    "KINDS",
    "PLANNED_KINDS",
    "PLANNER_REASONS",
    "REASONS",
    "STATUSES",
    "Reminder",
]

# Why a row was skipped or cancelled. The planner owns the first group (it may undo them
# when the calendar or a submission changes); the dispatcher's decisions are final.
PLANNER_REASONS = frozenset({"submitted", "same_day"})
# Msgids, translated where they are shown (the command line, the pages).
REASONS: dict[str, str] = {
    "submitted": N_("the unit has submitted"),
    "same_day": N_("a nearer reminder goes the same day"),
    "superseded": N_("a later reminder went instead"),
    "stale": N_("too long after it was due"),
    "nobody_late": N_("nobody is late any more"),
    "no_address": N_("the unit has no e-mail address"),
    "deadline_cancelled": N_("the deadline was cancelled"),
    "not_responsible": N_("the unit no longer answers for it"),
    "not_planned": N_("no longer planned"),
}


def _where(name: str, status: str, *columns: str) -> Index:
    """An index of the rows in one status only (partial on both databases). Queries name the
    status as a literal (`scheduler.claims`), so that both planners see they may use it."""
    where = text(f"status = '{status}'")
    return Index(name, *columns, postgresql_where=where, sqlite_where=where)


class Reminder(Base):
    """One message to one unit about one deadline, planned or sent."""

    __tablename__ = "reminders"
    __table_args__ = (
        UniqueConstraint("occurrence_id", "unit_id", "kind", "offset"),
        # What is due, in fire order: a claim takes the first units from it, and since a
        # claimed row leaves it, a claim costs the same at the start and the end of a run.
        _where("ix_reminders_pending", "pending", "next_attempt_at", "unit_id"),
        _where("ix_reminders_leased", "sending", "lease_until", "unit_id"),
        Index("ix_reminders_unit", "unit_id"),
        CheckConstraint(one_of("kind", KINDS), name="kind"),
        CheckConstraint(one_of("status", STATUSES), name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    occurrence_id: Mapped[int] = mapped_column(ForeignKey("occurrences.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    kind: Mapped[str] = mapped_column(String(16))
    offset: Mapped[int]
    fire_at: Mapped[datetime]  # when it is planned to go out
    status: Mapped[str] = mapped_column(String(16), default="pending")
    reason: Mapped[str | None] = mapped_column(String(32))  # skipped or cancelled: why
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime]  # fire_at, or later after a transient failure
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None]
    message_id: Mapped[str | None] = mapped_column(String(255))
    # address → {"outcome": sent | deferred | refused, "reply": the server's, "at": ISO time}
    recipients: Mapped[dict[str, Any] | None]
    lease_owner: Mapped[str | None] = mapped_column(String(128))  # then: who settled it
    lease_until: Mapped[datetime | None]  # wall-clock time; a dead owner's lease runs out
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    occurrence: Mapped[Occurrence] = relationship()
    unit: Mapped[Unit] = relationship()
