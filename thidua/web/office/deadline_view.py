"""What a deadline's page shows (`deadlines`, and `deadline_preview`): each responsible
unit's status — submitted (when, by whom, how), pending, late, not reachable — with its
reminders, read through `scheduler.status` and `scheduler.deliveries`; and the words the
pages use for reminders, their fate and a submission's source (msgids, translated where
shown).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from calendars import models as m
from scheduler import deliveries as reminder_rows
from scheduler import manual
from scheduler import status as deadline_status
from scheduler.deliveries import ReminderLine
from scheduler.models import REASONS as PLANNED_REASONS
from scheduler.status import UnitStatus
from thidua.context import AppContext
from thidua.web.office import agenda
from thidua.web.office.i18n import N_
from thidua.web.office.progress import DeadlineProgress, progress_of

FILTERS = ("all", "late", "pending", "submitted", "unreachable")
MAX_NOTE = 2000

# What the pages call reminders and their fate; msgids, translated where shown.
REMINDER_KINDS = {
    "advance": N_("%(offset)d days before"),
    "due": N_("on the last day"),
    "overdue": N_("overdue, chase %(offset)d"),
    "late_list": N_("late list %(offset)d"),
    "manual": N_("sent by the office"),
}
REMINDER_STATES = {
    "pending": N_("planned"),
    "sending": N_("being sent"),
    "sent": N_("sent"),
    "failed": N_("not delivered"),
    "skipped": N_("not sent"),
    "cancelled": N_("cancelled"),
}
REASONS = {
    **PLANNED_REASONS,
    manual.JUST_REMINDED: N_("reminded by hand less than %(minutes)d minutes ago"),
}
SOURCES = {
    "office": N_("recorded by the office"),
    "link": N_("the unit's link"),
    "api": N_("API"),
    "mail": N_("a reply by e-mail"),
}


@dataclass(frozen=True)
class UnitRow:
    """One responsible unit on the deadline's page."""

    status: UnitStatus
    emails: tuple[str, ...]
    reminders: list[ReminderLine]
    effective_date: date
    tz: tzinfo  # the service's: a submission's day is the office's day

    @property
    def code(self) -> str:
        return self.status.code

    @property
    def next_reminder(self) -> ReminderLine | None:
        planned = [r for r in self.reminders if r.status == "pending"]
        return min(planned, key=lambda r: r.next_attempt_at) if planned else None

    @property
    def problems(self) -> list[ReminderLine]:
        return [r for r in self.reminders if r.problem]

    @property
    def unreachable(self) -> bool:
        return self.status.error is not None and self.status.state != "submitted"

    @property
    def submitted_days_late(self) -> int:
        """A submission recorded after the effective last day: by how many days."""
        moment = self.status.submitted_at
        if moment is None:
            return 0
        return max((moment.astimezone(self.tz).date() - self.effective_date).days, 0)

    def shown_in(self, chosen: str) -> bool:
        if chosen == "all":
            return True
        if chosen == "unreachable":
            return self.unreachable
        return self.status.state == chosen


@dataclass
class DeadlineView:
    entry: agenda.Entry
    campaign: m.Campaign
    progress: DeadlineProgress | None  # None: cancelled
    rows: list[UnitRow] = field(default_factory=list)
    office_lists: list[ReminderLine] = field(default_factory=list)  # late lists sent
    receiver_unit: str | None = None

    @property
    def open_units(self) -> list[UnitRow]:
        """Units that have not submitted: whom "remind all" reminds."""
        return [r for r in self.rows if r.status.state != "submitted"]


def load_view(
    context: AppContext, session: Session, occurrence_id: int, today: date
) -> DeadlineView | None:
    """The deadline's page, or None when ``occurrence_id`` names no deadline."""
    occurrence = session.get(m.Occurrence, occurrence_id)
    if occurrence is None or occurrence.kind != "deadline":
        return None
    units_of = {
        u.code: u
        for u in session.scalars(
            select(m.Unit)
            .join(m.Assignment, m.Assignment.unit_id == m.Unit.id)
            .where(m.Assignment.event_id == occurrence.event_id)
        )
    }
    entry = agenda.entry(occurrence, sorted(units_of))
    found = deadline_status.deadlines(session, today, occurrence_ids=[occurrence_id])
    view = DeadlineView(entry, occurrence.campaign, None)
    view.receiver_unit = occurrence.details.get("receiver_unit")
    reminders = reminder_rows.deadline_reminders(session, occurrence_id)
    if view.receiver_unit:
        view.office_lists = [
            r for r in reminders.get(view.receiver_unit, []) if r.kind == "late_list"
        ]
    if not found:  # cancelled: no status, no action
        return view
    view.progress = progress_of(found[0])
    tz = context.settings.tz
    view.rows = [
        UnitRow(
            unit,
            tuple(units_of[unit.code].emails),
            [r for r in reminders.get(unit.code, []) if r.kind != "late_list"],
            occurrence.end_date,
            tz,
        )
        for unit in found[0].units
    ]
    return view
