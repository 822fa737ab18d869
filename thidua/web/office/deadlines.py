"""A deadline's page (``/deadlines/{id}``, by occurrence id): where each responsible unit
stands — submitted (when, by whom, how), pending, late, not reachable — with its reminders
(the last sent, the next planned, the delivery problems), and the office's actions:

- record that units submitted, or undo it (``POST …/submissions``,
  `scheduler.submissions`, as ``thidua submit``);
- send units their reminder now (``POST …/reminders``, `scheduler.manual`: the
  dispatcher sends and records it, the page says what became of it);
- preview the e-mail a unit gets (``…/preview/{unit}``, `scheduler.preview.message`): the
  subject and text, and the HTML body in a sandboxed frame (``…/message.html``, served
  with a policy of its own that lets its inline styles in and nothing else).

The forms post back to this page (303); what they did is told in one-shot messages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, tzinfo
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from calendars import models as m
from scheduler import answers, manual
from scheduler import preview as previews
from scheduler import status as deadline_status
from scheduler.dispatch import Dispatcher
from scheduler.status import ReminderLine, UnitStatus
from submissions import records
from thidua.context import AppContext
from thidua.web.office import agenda, state
from thidua.web.office.i18n import N_
from thidua.web.office.progress import DeadlineProgress, progress_of
from thidua.web.office.render import (
    context_of,
    error_page,
    form_of,
    page,
    today_of,
    translate,
    user_of,
)

FILTERS = ("all", "late", "pending", "submitted", "unreachable")
MAX_NOTE = 2000
NAMED_IN_MESSAGES = 3  # units named in a message; beyond, a count (the cookie stays small)

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
    "submitted": N_("the unit has submitted"),
    "same_day": N_("a nearer reminder goes the same day"),
    "superseded": N_("a later reminder went instead"),
    "stale": N_("too long after it was due"),
    "nobody_late": N_("nobody is late any more"),
    "no_address": N_("the unit has no e-mail address"),
    "deadline_cancelled": N_("the deadline was cancelled"),
    "not_responsible": N_("the unit no longer answers for it"),
    "not_planned": N_("no longer planned"),
    manual.JUST_REMINDED: N_("reminded by hand less than %(minutes)d minutes ago"),
}
SOURCES = {"office": N_("recorded by the office"), "link": N_("the unit's link"), "api": N_("API")}


def routes() -> list[BaseRoute]:
    base = "/deadlines/{occurrence_id:int}"
    return [
        Route(base, deadline_page, methods=["GET"], name="deadline"),
        Route(base + "/submissions", record_submissions, methods=["POST"], name="submissions"),
        Route(base + "/reminders", remind_now, methods=["POST"], name="remind_now"),
        Route(base + "/preview/{unit}", preview_page, methods=["GET"], name="preview"),
        Route(base + "/preview/{unit}/message.html", preview_html, methods=["GET"]),
    ]


# --- reading ---------------------------------------------------------------------------


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
    reminders = deadline_status.deadline_reminders(session, occurrence_id)
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


def deadline_page(request: Request) -> Response:
    occurrence_id = request.path_params["occurrence_id"]
    chosen = request.query_params.get("show", "all")
    if chosen not in FILTERS:
        chosen = "all"
    context = context_of(request)
    with context.database.session() as session:
        view = load_view(context, session, occurrence_id, today_of(request))
    if view is None:
        return error_page(request, 404, N_("There is no deadline %(id)s."), id=occurrence_id)
    counts = {f: sum(1 for r in view.rows if r.shown_in(f)) for f in FILTERS}
    return page(
        request,
        "deadline.html",
        {
            "view": view,
            "e": view.entry,
            "p": view.progress,
            "rows": [r for r in view.rows if r.shown_in(chosen)],
            "chosen": chosen,
            "counts": counts,
            "reminder_kinds": REMINDER_KINDS,
            "reminder_states": REMINDER_STATES,
            "reasons": REASONS,
            "sources": SOURCES,
            "max_note": MAX_NOTE,
        },
    )


# --- recording submissions -------------------------------------------------------------


class Refused(Exception):
    """An action the page refuses: ``message`` is a msgid, ``params`` fill it."""

    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message)
        self.message, self.params = message, params


def _open_deadline(session: Session, occurrence_id: int, codes: Sequence[str]) -> m.Occurrence:
    """The deadline, when it can still be acted on for every unit of ``codes``."""
    occurrence = session.get(m.Occurrence, occurrence_id)
    if occurrence is None or occurrence.kind != "deadline":
        raise Refused(N_("There is no deadline %(id)s."), id=occurrence_id)
    if occurrence.cancelled_at is not None:
        raise Refused(N_("This deadline was cancelled: nothing can be done for it any more."))
    responsible = set(
        session.scalars(
            select(m.Unit.code)
            .join(m.Assignment, m.Assignment.unit_id == m.Unit.id)
            .where(m.Assignment.event_id == occurrence.event_id, m.Unit.active)
        )
    )
    for code in codes:
        if code not in responsible:
            raise Refused(
                N_("%(unit)s is not an active unit answering for this deadline."), unit=code
            )
    return occurrence


def _refused(request: Request, refusal: Refused) -> Response:
    state.flash(request.session, "error", refusal.message, **refusal.params)
    return _back(request)


def _units_chosen(form: Any) -> list[str]:
    return list(dict.fromkeys(str(v).strip() for v in form.getlist("unit") if str(v).strip()))


def _back(request: Request) -> RedirectResponse:
    """To the deadline's page, with the filter it was posted from."""
    target = f"/deadlines/{request.path_params['occurrence_id']}"
    shown = request.query_params.get("show")
    if shown in FILTERS and shown != "all":
        target += f"?show={shown}"
    return RedirectResponse(target, status_code=303)


def _named(names: Sequence[str]) -> str:
    shown = ", ".join(names[:NAMED_IN_MESSAGES])
    return shown + (
        f" (+{len(names) - NAMED_IN_MESSAGES})" if len(names) > NAMED_IN_MESSAGES else ""
    )


async def record_submissions(request: Request) -> Response:
    form = await form_of(request)
    codes = _units_chosen(form)
    undo = form.get("action") == "undo"
    note = str(form.get("note") or "").strip() or None
    session_state = request.session
    if not codes:
        state.flash(session_state, "error", N_("Choose at least one unit."))
        return _back(request)
    if note is not None and len(note) > MAX_NOTE:
        state.flash(
            session_state,
            "error",
            N_("The note is longer than %(count)d characters."),
            count=MAX_NOTE,
        )
        return _back(request)
    user = user_of(request)
    by = user.display_name if user else None
    context = context_of(request)
    try:
        changed, unchanged = await run_in_threadpool(
            _record, context, request.path_params["occurrence_id"], codes, undo, by, note
        )
    except Refused as refusal:
        return _refused(request, refusal)
    if undo:
        if changed:
            state.flash(
                session_state,
                "success",
                N_("Submission withdrawn for %(units)s: their reminders resume."),
                units=_named(changed),
            )
        if unchanged:
            state.flash(
                session_state,
                "info",
                N_("No submission was recorded for %(units)s."),
                units=_named(unchanged),
            )
    else:
        if changed:
            state.flash(
                session_state,
                "success",
                N_("Recorded as submitted: %(units)s. Their reminders stop."),
                units=_named(changed),
            )
        if unchanged:
            state.flash(
                session_state,
                "info",
                N_("Already recorded before: %(units)s."),
                units=_named(unchanged),
            )
    return _back(request)


def _record(
    context: AppContext,
    occurrence_id: int,
    codes: list[str],
    undo: bool,
    by: str | None,
    note: str | None,
) -> tuple[list[str], list[str]]:
    """(units changed, units already as asked), by name; all or nothing."""
    now = context.now()
    changed: list[str] = []
    unchanged: list[str] = []
    with context.database.session() as session, session.begin():
        occurrence = _open_deadline(session, occurrence_id, codes)
        for code in codes:
            unit = records.find_unit(session, code)
            if undo:
                done = answers.undo(session, occurrence, unit, now=now, by=by) is not None
            else:
                recorded = answers.record(
                    session, occurrence, unit, now=now, source="office", by=by, note=note
                )
                done = recorded.created
            (changed if done else unchanged).append(unit.name)
    return changed, unchanged


# --- sending now -----------------------------------------------------------------------


async def remind_now(request: Request) -> Response:
    form = await form_of(request)
    context = context_of(request)
    occurrence_id = request.path_params["occurrence_id"]
    codes = _units_chosen(form)
    if form.get("everyone") == "1":
        codes = await run_in_threadpool(_open_units, context, occurrence_id, today_of(request))
        if not codes:
            state.flash(request.session, "info", N_("Every unit has submitted: nobody to remind."))
            return _back(request)
    if not codes:
        state.flash(request.session, "error", N_("Choose at least one unit."))
        return _back(request)
    try:
        report = await run_in_threadpool(_send_now, context, occurrence_id, codes)
    except Refused as refusal:
        return _refused(request, refusal)
    tell_outcomes(request, report)
    return _back(request)


def _open_units(context: AppContext, occurrence_id: int, today: date) -> list[str]:
    with context.database.session() as session:
        found = deadline_status.deadlines(session, today, occurrence_ids=[occurrence_id])
    return [u.code for s in found for u in s.units if u.state != "submitted"]


def _send_now(context: AppContext, occurrence_id: int, codes: list[str]) -> manual.ManualReport:
    with context.database.session() as session:
        _open_deadline(session, occurrence_id, codes)
    dispatcher = Dispatcher(context.database.sessions, context.settings, context.calendar)
    return manual.send_now(dispatcher, occurrence_id, codes, context.now())


def tell_outcomes(request: Request, report: manual.ManualReport) -> None:
    """One message per kind of outcome, naming a few units; the table has the rest."""
    by_state: dict[str, list[manual.Outcome]] = {}
    for outcome in report.outcomes:
        by_state.setdefault(outcome.status, []).append(outcome)
    session = request.session
    if sent := by_state.get("sent"):
        state.flash(session, "success", N_("Reminder sent to %(units)s."), units=_codes(sent))
        refused = [o for o in sent if o.error]
        if refused:
            state.flash(
                session,
                "warning",
                N_("Some addresses of %(units)s refused it: %(error)s"),
                units=_codes(refused),
                error=_short(refused[0].error),
            )
    for skipped in (by_state.get("skipped", []), by_state.get("cancelled", [])):
        for reason in dict.fromkeys(o.reason for o in skipped):
            units = [o for o in skipped if o.reason == reason]
            state.flash(
                session,
                "info",
                N_("Not sent to %(units)s: %(reason)s."),
                units=_codes(units),
                reason=translate(
                    request,
                    REASONS.get(reason or "", reason or ""),
                    minutes=manual.AGAIN_AFTER.seconds // 60,
                ),
            )
    if failed := by_state.get("failed"):
        state.flash(
            session,
            "error",
            N_("Could not be delivered to %(units)s: %(error)s"),
            units=_codes(failed),
            error=_short(failed[0].error),
        )
    if waiting := by_state.get("pending"):
        state.flash(
            session,
            "warning",
            N_("Not sent yet to %(units)s (%(error)s): it will be tried again automatically."),
            units=_codes(waiting),
            error=_short(waiting[0].error),
        )


def _codes(outcomes: Sequence[manual.Outcome]) -> str:
    return _named([o.unit for o in outcomes])


def _short(text: str | None, limit: int = 200) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- the preview -----------------------------------------------------------------------


@dataclass(frozen=True)
class Preview:
    view: DeadlineView
    unit: m.Unit
    message: previews.MessagePreview
    reminders: list[ReminderLine]


def _preview(request: Request) -> Preview | Response:
    occurrence_id = request.path_params["occurrence_id"]
    code = request.path_params["unit"]
    context = context_of(request)
    with context.database.session() as session:
        view = load_view(context, session, occurrence_id, today_of(request))
        if view is None:
            return error_page(request, 404, N_("There is no deadline %(id)s."), id=occurrence_id)
        if code not in view.entry.units:
            return error_page(
                request, 404, N_("%(unit)s does not answer for this deadline."), unit=code
            )
        unit = session.scalar(select(m.Unit).where(m.Unit.code == code))
        assert unit is not None
        message = previews.message(session, context.settings, occurrence_id, unit.id, context.now())
        reminders = deadline_status.deadline_reminders(session, occurrence_id).get(code, [])
    return Preview(view, unit, message, [r for r in reminders if r.kind != "late_list"])


def preview_page(request: Request) -> Response:
    found = _preview(request)
    if isinstance(found, Response):
        return found
    return page(
        request,
        "preview.html",
        {
            "view": found.view,
            "e": found.view.entry,
            "unit": found.unit,
            "message": found.message,
            "reminders": found.reminders,
            "reminder_kinds": REMINDER_KINDS,
            "reminder_states": REMINDER_STATES,
            "reasons": REASONS,
            "when": found.message.notice.today,
        },
    )


# The message's HTML, framed by the preview page: its inline styles and data: images, no
# script, no request elsewhere, no form; only the office's own pages may frame it.
MESSAGE_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox"
)


def preview_html(request: Request) -> Response:
    found = _preview(request)
    if isinstance(found, Response):
        return found
    return Response(
        found.message.wording.html,
        media_type="text/html; charset=utf-8",
        headers={"Content-Security-Policy": MESSAGE_POLICY, "X-Frame-Options": "SAMEORIGIN"},
    )
