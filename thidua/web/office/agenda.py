"""What the dashboard, the month view and a campaign's page show, read through
`calendars.queries`: occurrences as plain `Entry` values (a deadline with its wording, its
nominal and effective last day and the units that answer for it; a commemoration with its
count), the running campaigns, and a month's grid marked with the working-day calendar's
holidays and worked weekend days.

Pure reads that take a session and return values, so that the pages only render.
"""

from __future__ import annotations

import calendar as month_calendar
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from itertools import groupby
from typing import Any

from sqlalchemy.orm import Session

from calendars import models as m
from calendars import queries
from calendars.workdays import WorkCalendar

AGENDA_DAYS = 30
AGENDA_KINDS = ("phase", "review", "commemoration", "meeting", "deadline")
RECENT_DAYS = 30


@dataclass(frozen=True)
class Entry:
    """One occurrence, as a page shows it."""

    id: int
    uid: str
    kind: str
    title: str
    start: date
    end: date
    start_time: time | None
    end_time: time | None
    campaign: str
    campaign_title: str
    details: dict[str, Any]
    units: tuple[str, ...] = ()  # deadlines: the codes of the units that answer for it
    cancelled: bool = False

    @property
    def single_day(self) -> bool:
        return self.start == self.end

    def detail(self, key: str) -> Any:
        return self.details.get(key)

    @property
    def nominal(self) -> date | None:
        value = self.details.get("nominal_date")
        return date.fromisoformat(value) if value else None

    @property
    def moved(self) -> bool:
        return self.nominal is not None and self.nominal != self.start


def entry(occurrence: m.Occurrence, units: list[str] | None = None) -> Entry:
    return Entry(
        id=occurrence.id,
        uid=occurrence.uid,
        kind=occurrence.kind,
        title=occurrence.title,
        start=occurrence.start_date,
        end=occurrence.end_date,
        start_time=occurrence.start_time,
        end_time=occurrence.end_time,
        campaign=occurrence.campaign.code,
        campaign_title=occurrence.campaign.title,
        details=dict(occurrence.details),
        units=tuple(units or ()),
        cancelled=occurrence.cancelled_at is not None,
    )


def entries(
    session: Session,
    window: queries.Window,
    *,
    campaign: str | None = None,
    kinds: tuple[str, ...] = (),
    include_cancelled: bool = False,
) -> list[Entry]:
    rows = queries.occurrences(
        session, window, campaign=campaign, kinds=kinds, include_cancelled=include_cancelled
    )
    units = queries.units_by_event(session, (o.event_id for o in rows if o.kind == "deadline"))
    return [entry(o, units.get(o.event_id)) for o in rows]


# --- the dashboard ---------------------------------------------------------------------


@dataclass(frozen=True)
class Day:
    day: date
    entries: list[Entry]


@dataclass(frozen=True)
class Dashboard:
    today: date
    days: int
    until: date  # the last day of the agenda: today + days − 1
    running: list[m.Campaign]
    current_phases: dict[str, list[Entry]]  # campaign code → its phases under way today
    upcoming_campaigns: list[m.Campaign]
    agenda: list[Day]
    recent_deadlines: list[Entry]


def dashboard(session: Session, today: date, days: int = AGENDA_DAYS) -> Dashboard:
    """Running campaigns with their phase under way; what happens in the next ``days``
    days, by day (a review under way is listed on ``today``); deadlines of the last
    `RECENT_DAYS` days, latest first."""
    until = today + timedelta(days=days - 1)
    campaigns = queries.campaigns(session)
    upcoming = [
        e
        for e in entries(session, queries.Window(today, until), kinds=AGENDA_KINDS)
        if e.start >= today or e.kind == "review"  # a review under way is work to do now
    ]
    phases: dict[str, list[Entry]] = {}
    for phase in entries(session, queries.Window(today, today), kinds=("phase",)):
        phases.setdefault(phase.campaign, []).append(phase)
    by_day = [
        Day(day, list(group))
        for day, group in groupby(
            sorted(upcoming, key=lambda e: (max(e.start, today), e.kind != "deadline")),
            key=lambda e: max(e.start, today),
        )
    ]
    recent = entries(
        session,
        queries.Window(today - timedelta(days=RECENT_DAYS), today - timedelta(days=1)),
        kinds=("deadline",),
    )
    return Dashboard(
        today=today,
        days=days,
        until=until,
        running=[c for c in campaigns if c.period_start <= today <= c.period_end],
        current_phases=phases,
        upcoming_campaigns=[c for c in campaigns if today < c.period_start <= until],
        agenda=by_day,
        recent_deadlines=[e for e in reversed(recent) if e.end < today],
    )


# --- the month view --------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    day: date
    in_month: bool
    holiday: str | None
    working: bool
    entries: list[Entry] = field(default_factory=list)

    @property
    def weekend(self) -> bool:
        return self.day.weekday() >= 5

    @property
    def worked_weekend(self) -> bool:
        """A Saturday or Sunday worked in exchange for a day off (the yearly swaps)."""
        return self.weekend and self.working

    @property
    def day_off(self) -> bool:
        return not self.working


@dataclass(frozen=True)
class Month:
    year: int
    month: int
    weeks: list[list[Cell]]
    spans: list[Entry]  # what lasts several days and overlaps the month
    campaign: str | None

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def previous(self) -> date:
        return (self.first - timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> date:
        return (self.first + timedelta(days=32)).replace(day=1)

    @property
    def holidays(self) -> list[Cell]:
        return [c for w in self.weeks for c in w if c.in_month and c.holiday]


def month(
    session: Session,
    work_calendar: WorkCalendar,
    year: int,
    month_number: int,
    *,
    campaign: str | None = None,
) -> Month:
    """The month's weeks (Monday first); each day with its holiday and what starts on it."""
    weeks = month_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month_number)
    found = entries(session, queries.Window(weeks[0][0], weeks[-1][-1]), campaign=campaign)
    starting: dict[date, list[Entry]] = {}
    for item in found:
        if item.kind != "period":
            starting.setdefault(item.start, []).append(item)
    first = date(year, month_number, 1)
    last = date(year, month_number, month_calendar.monthrange(year, month_number)[1])
    return Month(
        year=year,
        month=month_number,
        weeks=[
            [
                Cell(
                    day=day,
                    in_month=day.month == month_number,
                    holiday=work_calendar.holiday_name(day),
                    working=work_calendar.is_working_day(day),
                    entries=starting.get(day, []),
                )
                for day in week
            ]
            for week in weeks
        ],
        spans=[e for e in found if not e.single_day and e.start <= last and e.end >= first],
        campaign=campaign,
    )
