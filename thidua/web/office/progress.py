"""Each deadline's progress: how many of its units have submitted, and which are late.

PHASE 2 (issue 6, after the reminders branch is merged): fill `DeadlineProgress.submitted`
and `late` from the scheduler's submissions table. Until then only ``total`` is known (the
units that answer for the deadline, from `calendars.models.Assignment`), ``submitted`` is
None and the pages say that submissions are not recorded yet. Pages already call
`deadline_progress` for every deadline they list and render `DeadlineProgress` through
``templates/_progress.html``, so phase 2 changes this module and that template only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from thidua.web.office.agenda import Entry


@dataclass(frozen=True)
class DeadlineProgress:
    total: int  # units that answer for the deadline
    submitted: int | None = None  # None: submissions are not recorded yet (phase 2)
    late: tuple[str, ...] = ()  # codes of units past the effective day without a submission

    @property
    def known(self) -> bool:
        return self.submitted is not None


def deadline_progress(
    session: Session, deadlines: Iterable[Entry], today: date
) -> dict[int, DeadlineProgress]:
    """Progress of each deadline occurrence, by occurrence id."""
    return {d.id: DeadlineProgress(total=len(d.units)) for d in deadlines if d.kind == "deadline"}
