"""What a unit's own feed shows of its answers: for each of its deadlines, whether a report
stands (and the day it was sent), and how often and when its answer last changed — every
submission recorded and every one withdrawn or returned is a change (`calendars.feeds`
raises the event's SEQUENCE by their count, so it only ever goes up).
"""

from __future__ import annotations

from datetime import tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from calendars import models as m
from calendars.ical import Answered
from submissions.models import Submission


def answered(session: Session, unit_code: str, uids: list[str], tz: tzinfo) -> dict[str, Answered]:
    """By occurrence UID, the unit's answers to those of ``uids`` it has answered."""
    rows = session.execute(
        select(m.Occurrence.uid, Submission.submitted_at, Submission.revoked_at)
        .join(Submission, Submission.occurrence_id == m.Occurrence.id)
        .join(m.Unit, m.Unit.id == Submission.unit_id)
        .where(m.Unit.code == unit_code, m.Occurrence.uid.in_(uids))
        .order_by(Submission.id)
    )
    found: dict[str, Answered] = {}
    for uid, submitted_at, revoked_at in rows:  # oldest first: the last one stands, if any
        before = found.get(uid)
        moments = [submitted_at, revoked_at or submitted_at]
        found[uid] = Answered(
            sent_on=None if revoked_at else submitted_at.astimezone(tz).date(),
            changes=(before.changes if before else 0) + (2 if revoked_at else 1),
            changed_at=max([*moments, before.changed_at] if before else moments),
        )
    return found
