"""Each deadline's progress: how many of its units have submitted, which are late and
which could not be reached, read from the scheduler's submissions and reminder rows
(`scheduler.status`, the same account as ``thidua status``).

The dashboard and a campaign's page call `deadline_progress` for every deadline they list
and render `DeadlineProgress` through ``templates/_progress.html``; the deadline's own page
(`thidua.web.office.deadlines`) shows the same figures unit by unit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from scheduler import status
from scheduler.status import DeadlineStatus, UnitStatus
from thidua.web.office.agenda import Entry

LATE_SHOWN = 8  # late units named in a list; the deadline's page names them all


@dataclass(frozen=True)
class DeadlineProgress:
    id: int  # the occurrence
    total: int  # active units that answer for the deadline
    submitted: int
    pending: int  # not submitted, not yet late
    late: tuple[UnitStatus, ...]  # past the effective last day without a submission
    unreachable: tuple[UnitStatus, ...]  # not submitted, and the last reminder failed

    @property
    def late_shown(self) -> tuple[UnitStatus, ...]:
        return self.late[:LATE_SHOWN]

    @property
    def late_hidden(self) -> int:
        return max(len(self.late) - LATE_SHOWN, 0)

    @property
    def done(self) -> bool:
        return self.total > 0 and self.submitted == self.total

    @property
    def percent(self) -> int:
        return round(100 * self.submitted / self.total) if self.total else 0


def progress_of(found: DeadlineStatus) -> DeadlineProgress:
    return DeadlineProgress(
        id=found.occurrence_id,
        total=len(found.units),
        submitted=len(found.of("submitted")),
        pending=len(found.of("pending")),
        late=tuple(sorted(found.of("late"), key=lambda u: (-u.days_late, u.name))),
        unreachable=tuple(found.unreachable),
    )


def deadline_progress(
    session: Session, deadlines: Iterable[Entry], today: date
) -> dict[int, DeadlineProgress]:
    """Progress of each deadline occurrence (cancelled ones have none), by occurrence id."""
    ids = [d.id for d in deadlines if d.kind == "deadline" and not d.cancelled]
    if not ids:
        return {}
    found = status.deadlines(session, today, occurrence_ids=ids)
    return {s.occurrence_id: progress_of(s) for s in found}
