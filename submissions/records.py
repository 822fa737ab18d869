"""Record that a unit submitted for a deadline, or undo it — from the office (``thidua
submit``), the signed link, the API or a reply by mail — and find what a reference names.

Recording is idempotent: a unit has at most one standing submission per deadline, and
recording it again returns the standing one. Undoing keeps the row, marked revoked. What
that does to the unit's reminders is the scheduler's business (`scheduler.answers`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from calendars import models as m
from calendars.store import ANSWERS_VERSION, bump_counter
from submissions.errors import SubmissionError
from submissions.models import Submission
from translations import gettext as _


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
            _(
                "deadline %(ref)s recurs: name one occurrence (%(listed)s …)",
                ref=repr(ref),
                listed=listed,
            ),
            "deadline",
        )
    raise SubmissionError(
        _(
            "no deadline %(ref)s: write campaign/deadline (see 'thidua events --kind deadline')",
            ref=repr(ref),
        ),
        "deadline",
        missing=True,
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
        raise SubmissionError(
            _("no unit %(code)s (see 'thidua units')", code=repr(code)), "unit", missing=True
        )
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
        raise SubmissionError(_("deadline %(uid)s was cancelled", uid=occurrence.uid), "deadline")
    if not is_responsible(session, occurrence, unit):
        raise SubmissionError(
            _(
                "unit %(code)s does not answer for deadline %(uid)s",
                code=repr(unit.code),
                uid=occurrence.uid,
            ),
            "unit",
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
    answer_changed(session, now)
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
    answer_changed(session, now)
    session.flush()
    return existing


def answer_changed(session: Session, now: datetime) -> None:
    """Tell the feed caches that a unit's answer changed (its feed shows it)."""
    bump_counter(session, ANSWERS_VERSION, now)


def done_pairs(
    session: Session,
    *,
    occurrence_ids: Iterable[int] | None = None,
    unit_ids: Iterable[int] | None = None,
) -> set[tuple[int, int]]:
    """(occurrence id, unit id) of every unit that is done with a deadline: it has a
    standing submission, so nobody chases it."""
    query = select(Submission.occurrence_id, Submission.unit_id).where(
        Submission.revoked_at.is_(None)
    )
    if occurrence_ids is not None:
        query = query.where(Submission.occurrence_id.in_(list(occurrence_ids)))
    if unit_ids is not None:
        query = query.where(Submission.unit_id.in_(list(unit_ids)))
    return {(occurrence_id, unit_id) for occurrence_id, unit_id in session.execute(query)}
