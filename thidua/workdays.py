"""The office keeps the working-day calendar current: swaps and notices written to its own
file, everything that depends on the calendar dated again at once, and a guard that says
when next year's Tết notice is still missing.

``thidua workdays add-swap`` and the office's ``/workdays`` page both go through
`add_swap`, so a swap means the same wherever it comes from: the file is written, then the
stored deadlines are dated again and their reminders re-planned in one transaction; when
the transaction fails the file is put back as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from config.dates import vn_date
from translations import gettext as _
from translations import ngettext

if TYPE_CHECKING:  # `thidua status` asks `notice_season` without loading the catalog's
    # models and YAML, and reads the guard below without loading the planner
    from calendars.store import Moved
    from calendars.workdays import WorkCalendar
    from config.catalog import NoticeSubject, WorkdayChanges
    from thidua.context import AppContext

GUARD_FROM = (10, 1)  # from 1 October, next year's notice is expected
TET_WINDOW = timedelta(days=20)  # a swap this close to Tết belongs to its notice
MAX_SOURCE = 300


class WorkdayError(ValueError):
    """Input the office can fix: the message says what is wrong, in the current language."""


@dataclass
class Outcome:
    """What a change of the working-day calendar did."""

    moved: list[Moved]
    reminders_written: int
    path: Path

    def summary(self, language: str | None = None) -> str:
        """ "3 thời hạn dời ngày" (and the reminders re-planned)."""
        moved = ngettext(
            "%(n)d deadline moved", "%(n)d deadlines moved", len(self.moved), language=language
        )
        planned = ngettext(
            "%(n)d reminder re-planned",
            "%(n)d reminders re-planned",
            self.reminders_written,
            language=language,
        )
        return f"{moved}; {planned}"


def _check_swap(calendar: WorkCalendar, work: date, off: date, source: str) -> str:
    source = " ".join(source.split())
    if not source:
        raise WorkdayError(_("Give the notice the swap comes from (number and date)."))
    if len(source) > MAX_SOURCE:
        raise WorkdayError(_("The source is longer than %(n)d characters.", n=MAX_SOURCE))
    if work == off:
        raise WorkdayError(_("The day worked and the day off are the same day."))
    if calendar.is_working_day(work):
        raise WorkdayError(
            _("%(day)s is already a working day: the day worked must be a day off.", day=_vn(work))
        )
    if not calendar.is_working_day(off):
        raise WorkdayError(
            _(
                "%(day)s is already a day off: the day taken off must be a working day.",
                day=_vn(off),
            )
        )
    if abs((work - off).days) > 60:
        raise WorkdayError(_("The two days of a swap are more than 60 days apart."))
    return source


def _vn(day: date) -> str:
    return vn_date(day)


def add_swap(app: AppContext, work: date, off: date, source: str) -> Outcome:
    """Write a swap to the office's file and date everything again with it."""
    calendar = app.calendar
    calendar.refresh()
    source = _check_swap(calendar, work, off, source)
    from config.catalog import Swap, read_workday_file  # noqa: PLC0415 (see TYPE_CHECKING)

    path = app.settings.effective_workdays_file
    own = read_workday_file(path)
    changed = own.model_copy(
        update={"swaps": [*own.swaps, Swap(work=work, off=off, source=source)]}
    )
    return _apply(app, path, changed)


def add_notice(
    app: AppContext, year: int, subject: NoticeSubject, source: str, note: str = ""
) -> Outcome:
    """Record a notice that swaps nothing (Tết 2026 needed none): the year is checked."""
    source = " ".join(source.split())
    if not source:
        raise WorkdayError(_("Give the notice the swap comes from (number and date)."))
    if len(source) > MAX_SOURCE or len(note) > MAX_SOURCE:
        raise WorkdayError(_("The source is longer than %(n)d characters.", n=MAX_SOURCE))
    from config.catalog import Notice, read_workday_file  # noqa: PLC0415 (see TYPE_CHECKING)

    path = app.settings.effective_workdays_file
    own = read_workday_file(path)
    notice = Notice(year=year, subject=subject, source=source, note=" ".join(note.split()))
    changed = own.model_copy(update={"notices": [*own.notices, notice]})
    return _apply(app, path, changed)


def _apply(app: AppContext, path: Path, changed: WorkdayChanges) -> Outcome:
    from config.catalog import write_workday_file  # noqa: PLC0415 (see TYPE_CHECKING)

    previous = path.read_bytes() if path.exists() else None
    write_workday_file(path, changed)
    try:
        app.calendar.refresh()
        return recompute_and_plan(app, path)
    except Exception:
        if previous is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(previous)
        app.calendar.refresh()
        raise


def recompute_and_plan(app: AppContext, path: Path) -> Outcome:
    """Date the stored campaigns again and re-plan the reminders, in one transaction."""
    from calendars.store import recompute  # noqa: PLC0415 (see TYPE_CHECKING above)
    from scheduler import planner  # noqa: PLC0415

    now = app.now()
    with app.database.session() as session, session.begin():
        moved, _report = recompute(session, app.calendar, domain=app.settings.uid_domain, now=now)
        plan = planner.plan(session, app.settings, app.calendar, now)
    return Outcome(moved, plan.written, path)


# --- the year ahead ---------------------------------------------------------------------


@dataclass(frozen=True)
class MissingNotice:
    """Next year's Tết notice is not in the catalog nor in the office's file."""

    year: int
    tet: date

    def message(self, language: str | None = None) -> str:
        return _(
            "No notice for Tết %(year)d is loaded yet (mùng 1 Tết: %(tet)s). When the "
            "government announces the Tết break and its swaps, add each swap with "
            "'thidua workdays add-swap --work DATE --off DATE --source NOTICE' (or on the "
            "Working days page), or the notice itself when it swaps nothing: 'thidua "
            "workdays add-notice --year %(year)d --subject tet --source NOTICE'.",
            language=language,
            year=self.year,
            tet=vn_date(self.tet),
        )


def notice_season(today: date) -> bool:
    """Whether the guard looks for next year's notice: from 1 October to the year's end.
    Before then a caller need not read the working-day calendar at all."""
    return (today.month, today.day) >= GUARD_FROM


def missing_notice(changes: WorkdayChanges, today: date) -> MissingNotice | None:
    """From 1 October, whether next year's Tết notice (or a swap around it) is missing."""
    if not notice_season(today):
        return None
    from calendars import lunar  # noqa: PLC0415 (the guard's season only: see TYPE_CHECKING)

    year = today.year + 1
    tet = lunar.tet(year)
    if any(n.year == year and n.subject == "tet" for n in changes.notices):
        return None
    days = [s.work for s in changes.swaps] + [s.off for s in changes.swaps]
    days += [d.date for d in (*changes.days_off, *changes.working_days)]
    if any(abs(day - tet) <= TET_WINDOW for day in days):
        return None
    return MissingNotice(year, tet)
