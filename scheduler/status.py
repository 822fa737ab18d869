"""Where each deadline stands: which responsible units submitted, which are still within
their time, which are late, and which could not be reached (``thidua status``,
``GET /api/status``).

A unit "could not be reached" when the last reminder that went out to it for the
deadline failed (the mail server refused it for good, or retries ran out) or was refused
for some of its addresses.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from calendars import models as m
from scheduler.models import CHASE_KINDS, Reminder, Submission
from scheduler.submissions import SubmissionError

State = str  # submitted, pending (not yet late), late


@dataclass(frozen=True)
class UnitStatus:
    code: str
    name: str
    state: State
    days_late: int = 0
    submitted_at: datetime | None = None
    by: str | None = None
    source: str | None = None
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
        "last_reminder": unit.last_sent.isoformat() if unit.last_sent else None,
        "error": unit.error,
    }


def deadlines(
    session: Session,
    today: date,
    *,
    campaign: str | None = None,
    occurrence_ids: Sequence[int] | None = None,
) -> list[DeadlineStatus]:
    """The status of each deadline (not cancelled), ordered by its last day."""
    if (
        campaign is not None
        and session.scalar(select(m.Campaign.id).where(m.Campaign.code == campaign)) is None
    ):
        raise SubmissionError(f"no campaign {campaign!r}", "campaign")
    query = (
        select(m.Occurrence)
        .options(joinedload(m.Occurrence.campaign))
        .where(m.Occurrence.kind == "deadline", m.Occurrence.cancelled_at.is_(None))
        .order_by(m.Occurrence.end_date, m.Occurrence.uid)
    )
    if campaign is not None:
        query = query.join(m.Campaign).where(m.Campaign.code == campaign)
    if occurrence_ids is not None:
        query = query.where(m.Occurrence.id.in_(list(occurrence_ids)))
    occurrences = list(session.scalars(query))
    if not occurrences:
        return []
    ids = [o.id for o in occurrences]
    units = _responsible(session, {o.event_id for o in occurrences})
    submissions = {
        (s.occurrence_id, s.unit_id): s
        for s in session.scalars(
            select(Submission).where(
                Submission.occurrence_id.in_(ids), Submission.revoked_at.is_(None)
            )
        )
    }
    deliveries = _deliveries(session, ids)
    result = []
    for occ in occurrences:
        status = DeadlineStatus(
            uid=occ.uid,
            campaign=occ.campaign.code,
            title=occ.title,
            wording=occ.details.get("wording", ""),
            effective_date=occ.end_date,
        )
        for unit in units.get(occ.event_id, []):
            status.units.append(
                _unit_status(occ, unit, submissions.get((occ.id, unit.id)), deliveries, today)
            )
        result.append(status)
    return result


def _responsible(session: Session, event_ids: set[int]) -> dict[int, list[m.Unit]]:
    result: dict[int, list[m.Unit]] = defaultdict(list)
    rows = session.execute(
        select(m.Assignment.event_id, m.Unit)
        .join(m.Unit, m.Unit.id == m.Assignment.unit_id)
        .where(m.Assignment.event_id.in_(event_ids), m.Unit.active)
        .order_by(m.Unit.code)
    )
    for event_id, unit in rows:
        result[event_id].append(unit)
    return result


def _deliveries(
    session: Session, occurrence_ids: list[int]
) -> dict[tuple[int, int], tuple[datetime | None, str | None]]:
    """(occurrence, unit) → (when the last reminder went out, its delivery problem)."""
    table = Reminder.__table__
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
    occ: m.Occurrence,
    unit: m.Unit,
    submission: Submission | None,
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
