"""The office's review of what units sent: each unit of a deadline is in one of four states,
as Vietnamese offices keep them —

- ``pending`` (chưa gửi): nothing standing (never sent, or the submission was undone);
- ``received`` (chờ duyệt): a standing submission the office has not judged;
- ``returned`` (trả lại): the office sent it back with a reason; the row is revoked, so the
  unit is chased again and its next upload is a new submission;
- ``accepted`` (đã duyệt): the office took it; nothing more is asked of the unit.

A unit's state is read from its latest submission row for the deadline. Telling the unit
and chasing it again are the scheduler's business (`scheduler.answers`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from calendars import models as m
from submissions import records
from submissions.filecheck import ReportRefused
from submissions.models import Submission, SubmissionFile
from translations import N_
from translations import gettext as _

UnitState = Literal["pending", "received", "returned", "accepted"]
UNIT_STATES: tuple[UnitState, ...] = ("pending", "received", "returned", "accepted")
# Msgids of the states as offices name them (chưa gửi, chờ duyệt, trả lại, đã duyệt).
STATE_LABELS: dict[str, str] = {
    "pending": N_("not yet sent"),
    "received": N_("awaiting review"),
    "returned": N_("returned"),
    "accepted": N_("accepted"),
}
MAX_REASON = 2000


class ReviewError(ValueError):
    """A review that does not apply (nothing standing to judge)."""


def state_of(latest: Submission | None) -> UnitState:
    if latest is None:
        return "pending"
    if latest.revoked_at is None:
        return "accepted" if latest.state == "accepted" else "received"
    return "returned" if latest.state == "returned" else "pending"


def latest(
    session: Session, occurrence_ids: Iterable[int], unit_ids: Iterable[int] | None = None
) -> dict[tuple[int, int], Submission]:
    """The latest submission row (standing or not) of each (occurrence id, unit id), with
    its files."""
    query = (
        select(Submission)
        .options(selectinload(Submission.files))
        .where(Submission.occurrence_id.in_(list(occurrence_ids)))
        .order_by(Submission.id)
    )
    if unit_ids is not None:
        query = query.where(Submission.unit_id.in_(list(unit_ids)))
    found: dict[tuple[int, int], Submission] = {}
    for row in session.scalars(query):
        found[(row.occurrence_id, row.unit_id)] = row  # later rows win
    return found


@dataclass(frozen=True)
class UnitReport:
    """One responsible unit of one deadline, and where its report stands."""

    occurrence: m.Occurrence
    unit: m.Unit
    latest: Submission | None

    @property
    def state(self) -> UnitState:
        return state_of(self.latest)

    @property
    def files(self) -> list[SubmissionFile]:
        """The files of a standing submission (a returned one's are history)."""
        standing = self.latest is not None and self.latest.revoked_at is None
        return list(self.latest.files) if standing and self.latest else []


def table(session: Session, occurrences: Sequence[m.Occurrence]) -> list[UnitReport]:
    """Every active responsible unit of each deadline (in the given order, units by code)
    with its latest submission."""
    event_ids = {o.event_id for o in occurrences}
    units_of: dict[int, list[m.Unit]] = {}
    for event_id, unit in session.execute(
        select(m.Assignment.event_id, m.Unit)
        .join(m.Unit, m.Unit.id == m.Assignment.unit_id)
        .where(m.Assignment.event_id.in_(event_ids), m.Unit.active)
        .order_by(m.Unit.code)
    ):
        units_of.setdefault(event_id, []).append(unit)
    found = latest(session, [o.id for o in occurrences])
    return [
        UnitReport(occurrence, unit, found.get((occurrence.id, unit.id)))
        for occurrence in occurrences
        for unit in units_of.get(occurrence.event_id, [])
    ]


def accept(session: Session, submission: Submission, *, now: datetime, by: str | None) -> None:
    """Mark the standing submission accepted (the caller commits)."""
    _check_standing(submission)
    submission.state, submission.reviewed_at, submission.reviewed_by = "accepted", now, by
    session.flush()


def send_back(
    session: Session, submission: Submission, *, now: datetime, by: str | None, reason: str
) -> None:
    """Return the standing submission with ``reason``: it is revoked, so the unit is asked
    again (the caller commits and tells the scheduler)."""
    _check_standing(submission)
    reason = (reason or "").strip()
    if not reason:
        raise ReportRefused(N_("Say why the report is returned."), field="reason")
    if len(reason) > MAX_REASON:
        raise ReportRefused(
            N_("The reason is longer than %(n)d characters."), field="reason", n=MAX_REASON
        )
    submission.state, submission.reason = "returned", reason
    submission.reviewed_at, submission.reviewed_by = now, by
    submission.revoked_at, submission.revoked_by = now, by
    records.answer_changed(session, now)
    session.flush()


def _check_standing(submission: Submission) -> None:
    if submission.revoked_at is not None:
        raise ReviewError(
            _("submission %(id)d was withdrawn or returned already", id=submission.id)
        )
