"""What a unit's answer does to its reminders: recording a submission (or a report file)
pauses the unit's chasing for that deadline, undoing it resumes it.

The unit's pending reminders for the deadline are skipped at once (reason ``submitted``)
and come back to pending when the submission is undone; the dispatcher decides then which
of them are still worth sending. The record itself is `submissions.records`'.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlalchemy.orm import Session

from calendars import models as m
from scheduler.models import CHASE_KINDS, Reminder
from submissions import records, review
from submissions.models import Submission


def record(
    session: Session,
    occurrence: m.Occurrence,
    unit: m.Unit,
    *,
    now: datetime,
    source: str,
    by: str | None = None,
    note: str | None = None,
) -> records.Recorded:
    """Record the unit's submission and stop chasing it (the caller commits)."""
    recorded = records.record(session, occurrence, unit, now=now, source=source, by=by, note=note)
    if recorded.created:
        set_chasing(session, occurrence.id, unit.id, now, chase=False)
    return recorded


def report_received(session: Session, submission: Submission, now: datetime) -> None:
    """Stop chasing the unit once its report file is kept
    (`submissions.storage.store_report`; the caller commits)."""
    set_chasing(session, submission.occurrence_id, submission.unit_id, now, chase=False)


def accept(
    session: Session, submission: Submission, *, now: datetime, by: str | None = None
) -> None:
    """The office takes the report: the unit stays unchased (the caller commits)."""
    review.accept(session, submission, now=now, by=by)
    set_chasing(session, submission.occurrence_id, submission.unit_id, now, chase=False)


def send_back(
    session: Session, submission: Submission, *, now: datetime, by: str | None, reason: str
) -> None:
    """The office returns the report with ``reason``: the unit is chased again until it
    sends anew (the caller commits, then mails the unit: `scheduler.receipts`)."""
    review.send_back(session, submission, now=now, by=by, reason=reason)
    set_chasing(session, submission.occurrence_id, submission.unit_id, now, chase=True)


def undo(
    session: Session,
    occurrence: m.Occurrence,
    unit: m.Unit,
    *,
    now: datetime,
    by: str | None = None,
) -> Submission | None:
    """Revoke the standing submission, if any, and chase the unit again."""
    revoked = records.undo(session, occurrence, unit, now=now, by=by)
    if revoked is not None:
        set_chasing(session, occurrence.id, unit.id, now, chase=True)
    return revoked


def set_chasing(
    session: Session, occurrence_id: int, unit_id: int, now: datetime, *, chase: bool
) -> None:
    """Skip the unit's pending reminders of the deadline, or bring them back."""
    table = Reminder.__table__
    where = [
        table.c.occurrence_id == occurrence_id,
        table.c.unit_id == unit_id,
        table.c.kind.in_(CHASE_KINDS),
    ]
    if chase:
        where += [table.c.status == "skipped", table.c.reason == "submitted"]
        values = {"status": "pending", "reason": None}
    else:
        where.append(table.c.status == "pending")
        values = {"status": "skipped", "reason": "submitted"}
    session.execute(update(table).where(*where).values(updated_at=now, **values))
    session.flush()
