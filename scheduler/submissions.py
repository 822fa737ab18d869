"""Record that a unit submitted for a deadline, or undo it — from the office (``thidua
submit``), the signed link or the API — and stop (or restart) that unit's reminders.

Recording is idempotent: a unit has at most one standing submission per deadline, and
recording it again returns the standing one. Undoing keeps the row, marked revoked. The
unit's pending reminders for that deadline are skipped at once (reason ``submitted``) and
come back to pending on undo; the dispatcher decides then which of them are still worth
sending.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session, joinedload

from calendars import models as m
from scheduler.models import CHASE_KINDS, Reminder, Submission


class SubmissionError(ValueError):
    """A reference that names no deadline or unit, or a unit that does not answer for it;
    ``field`` says which of the two is wrong."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Recorded:
    submission: Submission
    created: bool  # False: it was already recorded


def find_deadline(session: Session, ref: str, domain: str) -> m.Occurrence:
    """A deadline occurrence by UID, with or without ``@domain`` (``ha-giang-2023/bao-cao-so-ket``,
    ``campaign/event/20240315`` for one occurrence of a recurring deadline)."""
    ref = ref.strip()
    uid = ref if "@" in ref else f"{ref}@{domain}"
    found = session.scalar(
        select(m.Occurrence)
        .options(joinedload(m.Occurrence.campaign))
        .where(m.Occurrence.uid == uid, m.Occurrence.kind == "deadline")
    )
    if found is not None:
        return found
    candidates = _recurring_candidates(session, uid)
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        listed = ", ".join(c.uid.split("@")[0] for c in candidates[:6])
        raise SubmissionError(
            f"deadline {ref!r} recurs: name one occurrence ({listed} …)", "deadline"
        )
    raise SubmissionError(
        f"no deadline {ref!r}: write campaign/deadline (see 'thidua events --kind deadline')",
        "deadline",
    )


def _recurring_candidates(session: Session, uid: str) -> list[m.Occurrence]:
    stem, _, domain = uid.partition("@")
    pattern = f"{stem}/%@{domain}"
    return list(
        session.scalars(
            select(m.Occurrence)
            .options(joinedload(m.Occurrence.campaign))
            .where(
                m.Occurrence.uid.like(pattern),
                m.Occurrence.kind == "deadline",
                m.Occurrence.cancelled_at.is_(None),
            )
            .order_by(m.Occurrence.start_date)
        )
    )


def find_unit(session: Session, code: str) -> m.Unit:
    unit = session.scalar(select(m.Unit).where(m.Unit.code == code.strip(), m.Unit.active))
    if unit is None:
        raise SubmissionError(f"no unit {code!r} (see 'thidua units')", "unit")
    return unit


def is_responsible(session: Session, occurrence: m.Occurrence, unit: m.Unit) -> bool:
    return (
        session.scalar(
            select(m.Assignment.unit_id).where(
                m.Assignment.event_id == occurrence.event_id, m.Assignment.unit_id == unit.id
            )
        )
        is not None
    )


def standing(session: Session, occurrence_id: int, unit_id: int) -> Submission | None:
    return session.scalar(
        select(Submission).where(
            Submission.occurrence_id == occurrence_id,
            Submission.unit_id == unit_id,
            Submission.revoked_at.is_(None),
        )
    )


def record(
    session: Session,
    occurrence: m.Occurrence,
    unit: m.Unit,
    *,
    now: datetime,
    source: str,
    by: str | None = None,
    note: str | None = None,
) -> Recorded:
    """Record the unit's submission (the caller commits)."""
    if occurrence.cancelled_at is not None:
        raise SubmissionError(f"deadline {occurrence.uid} was cancelled", "deadline")
    if not is_responsible(session, occurrence, unit):
        raise SubmissionError(
            f"unit {unit.code!r} does not answer for deadline {occurrence.uid}", "unit"
        )
    existing = standing(session, occurrence.id, unit.id)
    if existing is not None:
        return Recorded(existing, created=False)
    submission = Submission(
        occurrence_id=occurrence.id,
        unit_id=unit.id,
        submitted_at=now,
        by=by,
        note=note,
        source=source,
    )
    session.add(submission)
    _set_reminders(session, occurrence.id, unit.id, now, submitted=True)
    session.flush()
    return Recorded(submission, created=True)


def undo(
    session: Session,
    occurrence: m.Occurrence,
    unit: m.Unit,
    *,
    now: datetime,
    by: str | None = None,
) -> Submission | None:
    """Revoke the standing submission, if any (the caller commits)."""
    existing = standing(session, occurrence.id, unit.id)
    if existing is None:
        return None
    existing.revoked_at, existing.revoked_by = now, by
    _set_reminders(session, occurrence.id, unit.id, now, submitted=False)
    session.flush()
    return existing


def _set_reminders(
    session: Session, occurrence_id: int, unit_id: int, now: datetime, *, submitted: bool
) -> None:
    table = Reminder.__table__
    where = [
        table.c.occurrence_id == occurrence_id,
        table.c.unit_id == unit_id,
        table.c.kind.in_(CHASE_KINDS),
    ]
    if submitted:
        where.append(table.c.status == "pending")
        values = {"status": "skipped", "reason": "submitted"}
    else:
        where += [table.c.status == "skipped", table.c.reason == "submitted"]
        values = {"status": "pending", "reason": None}
    session.execute(update(table).where(*where).values(updated_at=now, **values))
