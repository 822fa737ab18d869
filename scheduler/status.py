"""Where each deadline stands: which responsible units submitted, which are still within
their time, which are late, and which could not be reached (``thidua status``,
``GET /api/status``).

The office's pages read the reminder rows themselves (each unit's reminders of a deadline,
its last reminder and delivery problems) through `scheduler.deliveries`, with the columns
named here.

A unit "could not be reached" when the last reminder that went out to it for the
deadline failed (the mail server refused it for good, or retries ran out) or was refused
for some of its addresses.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Boolean, Date, column, select, table

from calendars.engine import UTCDateTime
from scheduler.kinds import CHASE_KINDS
from submissions.errors import SubmissionError
from translations import gettext as _

if TYPE_CHECKING:
    from sqlalchemy import Connection, Row
    from sqlalchemy.orm import Session

    Reader = Session | Connection  # the office's session, or the CLI's Core connection

State = str  # submitted, pending (not yet late), late

# The columns read here, as Core clauses of the tables the models define (`calendars.models`,
# `submissions.models`, `scheduler.models`): importing the models and configuring their
# mappers would cost ``thidua status`` more than its queries. A column whose values are
# converted when read (dates, times, JSON, booleans) carries its model's type;
# tests/test_cli_lazy.py checks every one against its model.
CAMPAIGNS = table("campaigns", column("id"), column("code"))
UNITS = table("units", column("id"), column("code"), column("name"), column("active", Boolean))
ASSIGNMENTS = table("assignments", column("event_id"), column("unit_id"))
OCCURRENCES = table(
    "occurrences",
    column("id"),
    column("uid"),
    column("campaign_id"),
    column("event_id"),
    column("kind"),
    column("title"),
    column("details", JSON),
    column("end_date", Date),
    column("cancelled_at", UTCDateTime()),
)
SUBMISSIONS = table(
    "submissions",
    column("occurrence_id"),
    column("unit_id"),
    column("submitted_at", UTCDateTime()),
    column("by"),
    column("source"),
    column("note"),
    column("revoked_at", UTCDateTime()),
)
REMINDERS = table(
    "reminders",
    column("id"),
    column("occurrence_id"),
    column("unit_id"),
    column("kind"),
    column("offset"),
    column("fire_at", UTCDateTime()),
    column("status"),
    column("reason"),
    column("attempts"),
    column("next_attempt_at", UTCDateTime()),
    column("sent_at", UTCDateTime()),
    column("last_error"),
    column("updated_at", UTCDateTime()),
)
TABLES = (CAMPAIGNS, UNITS, ASSIGNMENTS, OCCURRENCES, SUBMISSIONS, REMINDERS)


@dataclass(frozen=True)
class UnitStatus:
    code: str
    name: str
    state: State
    days_late: int = 0
    submitted_at: datetime | None = None
    by: str | None = None
    source: str | None = None
    note: str | None = None
    last_sent: datetime | None = None
    error: str | None = None  # the last delivery problem


@dataclass
class DeadlineStatus:
    uid: str
    campaign: str
    title: str
    wording: str
    effective_date: date
    units: list[UnitStatus] = field(default_factory=list)
    occurrence_id: int = 0

    def of(self, state: State) -> list[UnitStatus]:
        return [u for u in self.units if u.state == state]

    @property
    def unreachable(self) -> list[UnitStatus]:
        return [u for u in self.units if u.error and u.state != "submitted"]

    def record(self, *, detail: bool = True) -> dict[str, Any]:
        record: dict[str, Any] = {
            "deadline": self.uid.split("@")[0],
            "uid": self.uid,
            "campaign": self.campaign,
            "title": self.title,
            "wording": self.wording,
            "effective_date": self.effective_date.isoformat(),
            "total": len(self.units),
            "submitted": len(self.of("submitted")),
            "pending": len(self.of("pending")),
            "late": len(self.of("late")),
            "failed": len(self.unreachable),
            "late_units": [u.code for u in self.of("late")],
            "failed_units": [{"unit": u.code, "error": u.error} for u in self.unreachable],
        }
        if detail:
            record["units"] = [unit_record(u) for u in self.units]
        return record


def unit_record(unit: UnitStatus) -> dict[str, Any]:
    return {
        "unit": unit.code,
        "name": unit.name,
        "state": unit.state,
        "days_late": unit.days_late,
        "submitted_at": unit.submitted_at.isoformat() if unit.submitted_at else None,
        "by": unit.by,
        "source": unit.source,
        "note": unit.note,
        "last_reminder": unit.last_sent.isoformat() if unit.last_sent else None,
        "error": unit.error,
    }


def deadlines(
    session: Reader,
    today: date,
    *,
    campaign: str | None = None,
    occurrence_ids: Sequence[int] | None = None,
) -> list[DeadlineStatus]:
    """The status of each deadline (not cancelled), ordered by its last day."""
    if (
        campaign is not None
        and session.scalar(select(CAMPAIGNS.c.id).where(CAMPAIGNS.c.code == campaign)) is None
    ):
        raise SubmissionError(
            _("no campaign %(code)s", code=repr(campaign)), "campaign", missing=True
        )
    occ = OCCURRENCES.c
    query = (
        select(
            occ.id,
            occ.uid,
            occ.event_id,
            occ.title,
            occ.details,
            occ.end_date,
            CAMPAIGNS.c.code.label("campaign"),
        )
        .select_from(OCCURRENCES)
        .join(CAMPAIGNS, CAMPAIGNS.c.id == occ.campaign_id)
        .where(occ.kind == "deadline", occ.cancelled_at.is_(None))
        .order_by(occ.end_date, occ.uid)
    )
    if campaign is not None:
        query = query.where(CAMPAIGNS.c.code == campaign)
    if occurrence_ids is not None:
        query = query.where(occ.id.in_(list(occurrence_ids)))
    occurrences = session.execute(query).all()
    if not occurrences:
        return []
    ids = [o.id for o in occurrences]
    units = _responsible(session, {o.event_id for o in occurrences})
    sub = SUBMISSIONS.c
    submissions = {
        (s.occurrence_id, s.unit_id): s
        for s in session.execute(
            select(
                sub.occurrence_id, sub.unit_id, sub.submitted_at, sub.by, sub.source, sub.note
            ).where(sub.occurrence_id.in_(ids), sub.revoked_at.is_(None))
        )
    }
    deliveries = _deliveries(session, ids)
    result = []
    for occ_row in occurrences:
        status = DeadlineStatus(
            uid=occ_row.uid,
            campaign=occ_row.campaign,
            title=occ_row.title,
            wording=occ_row.details.get("wording", ""),
            effective_date=occ_row.end_date,
            occurrence_id=occ_row.id,
        )
        for unit in units.get(occ_row.event_id, []):
            submission = submissions.get((occ_row.id, unit.id))
            status.units.append(_unit_status(occ_row, unit, submission, deliveries, today))
        result.append(status)
    return result


def _responsible(session: Reader, event_ids: set[int]) -> dict[int, list[Row[Any]]]:
    """Event → its active responsible units (id, code, name), by code."""
    result: dict[int, list[Row[Any]]] = defaultdict(list)
    rows = session.execute(
        select(ASSIGNMENTS.c.event_id, UNITS.c.id, UNITS.c.code, UNITS.c.name)
        .select_from(ASSIGNMENTS)
        .join(UNITS, UNITS.c.id == ASSIGNMENTS.c.unit_id)
        .where(ASSIGNMENTS.c.event_id.in_(event_ids), UNITS.c.active)
        .order_by(UNITS.c.code)
    )
    for row in rows:
        result[row.event_id].append(row)
    return result


def _deliveries(
    session: Reader, occurrence_ids: list[int]
) -> dict[tuple[int, int], tuple[datetime | None, str | None]]:
    """(occurrence, unit) → (when the last reminder went out, its delivery problem)."""
    table = REMINDERS
    rows = session.execute(
        select(
            table.c.occurrence_id,
            table.c.unit_id,
            table.c.status,
            table.c.sent_at,
            table.c.last_error,
        )
        .where(
            table.c.occurrence_id.in_(occurrence_ids),
            table.c.kind.in_(CHASE_KINDS),
            table.c.status.in_(("sent", "failed")),
        )
        .order_by(table.c.updated_at, table.c.id)
    )
    result: dict[tuple[int, int], tuple[datetime | None, str | None]] = {}
    for occ_id, unit_id, status, sent_at, error in rows:
        last_sent = sent_at if status == "sent" else result.get((occ_id, unit_id), (None, None))[0]
        result[(occ_id, unit_id)] = (last_sent, error)
    return result


def _unit_status(
    occ: Row[Any],
    unit: Row[Any],
    submission: Row[Any] | None,
    deliveries: dict[tuple[int, int], tuple[datetime | None, str | None]],
    today: date,
) -> UnitStatus:
    last_sent, error = deliveries.get((occ.id, unit.id), (None, None))
    if submission is not None:
        return UnitStatus(
            unit.code,
            unit.name,
            "submitted",
            submitted_at=submission.submitted_at,
            by=submission.by,
            source=submission.source,
            note=submission.note,
            last_sent=last_sent,
        )
    days_late = (today - occ.end_date).days
    state = "late" if days_late > 0 else "pending"
    return UnitStatus(
        unit.code,
        unit.name,
        state,
        days_late=max(days_late, 0),
        last_sent=last_sent,
        error=error,
    )
