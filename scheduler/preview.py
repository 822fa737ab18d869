"""Who would get what, and when (``thidua remind --dry-run``); and what one unit would
read (`message`, the office's preview of a reminder).

The reminders due at ``now`` go through the dispatcher's own decisions
(`scheduler.decisions.decide`, on the facts `scheduler.facts` reads), so the preview says
exactly what ``send-due`` would do at that moment (send, or skip and why); reminders due
later, up to ``until``, are listed as planned. Nothing is claimed or written: the caller
runs this in a transaction it rolls back (planning included).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from calendars.workdays import WorkCalendar
from config.settings import Settings
from notifiers.base import Notice
from notifiers.wording import Wording, word
from scheduler.claims import CLAIMED_COLUMNS, Claimed, due_condition, wall_clock
from scheduler.decisions import BatchContext, Outgoing, build_notice, decide
from scheduler.facts import RunCache, load_context
from scheduler.models import Reminder
from scheduler.notices import NoticeBuilder, message_id
from scheduler.planner import PlanReport, plan

_r = Reminder.__table__


@dataclass(frozen=True)
class Line:
    fire_at: datetime
    kind: str
    offset: int
    unit: str
    unit_name: str
    addresses: tuple[str, ...]
    deadline: str  # the occurrence UID without the domain
    title: str
    effective_date: date
    days_left: int  # on the day it goes out
    action: str  # send, planned, or skipped/cancelled: reason
    message: str | None  # the Message-ID it would go out in

    def record(self, settings: Settings) -> dict[str, object]:
        return {
            "fire_at": self.fire_at.astimezone(settings.tz).strftime("%Y-%m-%d %H:%M"),
            "kind": self.kind,
            "offset": self.offset,
            "unit": self.unit,
            "unit_name": self.unit_name,
            "addresses": list(self.addresses),
            "deadline": self.deadline,
            "title": self.title,
            "effective_date": self.effective_date.isoformat(),
            "days_left": self.days_left,
            "action": self.action,
            "message_id": self.message,
        }


def preview(
    session: Session,
    settings: Settings,
    calendar: WorkCalendar,
    now: datetime,
    until: datetime | None = None,
) -> tuple[PlanReport, list[Line]]:
    report = plan(session, settings, calendar, now)
    due = _rows(session, due_condition(_r, now, wall_clock()))
    cache = RunCache(settings, ics=False)
    lines: list[Line] = []
    if due:
        ctx = load_context(session, due, cache, now, settings)
        decisions = decide(due, ctx, now, settings)
        sending = decisions.message_ids()
        for row in due:
            if row.id in sending:
                action = "send"
            else:
                status, reason = decisions.outcomes[row.id]
                action = f"{status}: {reason}"
            lines.append(_line(row, cache, now, settings, action, sending.get(row.id)))
    if until is not None and until > now:
        later = _rows(
            session,
            (_r.c.status == "pending") & (_r.c.next_attempt_at > now) & (_r.c.fire_at <= until),
        )
        cache.load(session, {r.occurrence_id for r in later}, {r.unit_id for r in later})
        lines += [_line(row, cache, row.fire_at, settings, "planned", None) for row in later]
    lines.sort(key=lambda line: (line.fire_at, line.unit, line.deadline, line.kind))
    return report, lines


def _rows(session: Session, condition: object) -> list[Claimed]:
    query = select(*CLAIMED_COLUMNS).where(condition)  # type: ignore[arg-type]
    return [Claimed(*row) for row in session.execute(query)]


def _line(
    row: Claimed,
    cache: RunCache,
    when: datetime,
    settings: Settings,
    action: str,
    message: str | None,
) -> Line:
    dl = cache.deadlines[row.occurrence_id]
    unit = cache.units[row.unit_id]
    day = when.astimezone(settings.tz).date()
    return Line(
        fire_at=row.fire_at,
        kind=row.kind,
        offset=row.offset,
        unit=unit.code,
        unit_name=unit.name,
        addresses=unit.emails,
        deadline=dl.uid.split("@")[0],
        title=dl.item.title,
        effective_date=dl.item.effective_date,
        days_left=(dl.item.effective_date - day).days,
        action=action,
        message=message,
    )


@dataclass(frozen=True)
class MessagePreview:
    """One unit's reminder of one deadline, as it would be worded (subject, text, HTML)."""

    notice: Notice
    wording: Wording


def message(
    session: Session, settings: Settings, occurrence_id: int, unit_id: int, now: datetime
) -> MessagePreview:
    """The message the unit would get about the deadline if reminded at ``now`` ("send
    now", or a planned reminder of that day): the dispatcher's notice, the channel's words."""
    cache = RunCache(settings)
    cache.load(session, {occurrence_id}, {unit_id})
    if occurrence_id not in cache.deadlines or unit_id not in cache.units:
        raise LookupError(f"no deadline {occurrence_id} or no unit {unit_id}")
    builder = NoticeBuilder(settings)
    today = now.astimezone(settings.tz).date()
    row = Claimed(0, occurrence_id, unit_id, "manual", 0, now, 0, None)
    preview_id = message_id([occurrence_id, unit_id], "preview", settings.uid_domain)
    outgoing = Outgoing(cache.units[unit_id], "chase", [row], preview_id, new_id=True)
    context = BatchContext(cache.deadlines, cache.units, set(), set(), [], {})
    notice = build_notice(outgoing, context, builder, today)
    return MessagePreview(notice, word(notice, builder.office))
