"""Sending units their reminder now (``POST /deadlines/{id}/reminders``,
`scheduler.manual`: the dispatcher sends and records it) and telling what became of it.

A bulk reminder (every unit that has not submitted, or the units ticked in the table)
first shows a confirmation naming how many units and which (`confirm_page`); only the
confirmation's own form, which carries those units, sends. A single unit's button sends
at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from calendars import models as m
from notifiers.email import channel_refusal
from scheduler import manual
from scheduler import status as deadline_status
from scheduler.dispatch import Dispatcher
from thidua.context import AppContext
from thidua.web.office import state
from thidua.web.office.deadline_actions import (
    Refused,
    back,
    named,
    open_deadline,
    refused,
    units_chosen,
)
from thidua.web.office.deadline_view import REASONS
from thidua.web.office.i18n import N_
from thidua.web.office.render import context_of, form_of, page, today_of, translate


async def remind_now(request: Request) -> Response:
    form = await form_of(request)
    context = context_of(request)
    occurrence_id = request.path_params["occurrence_id"]
    codes = units_chosen(form)
    if form.get("everyone") == "1":
        codes = await run_in_threadpool(_open_units, context, occurrence_id, today_of(request))
        if not codes:
            state.flash(request.session, "info", N_("Every unit has submitted: nobody to remind."))
            return back(request)
    if not codes:
        state.flash(request.session, "error", N_("Choose at least one unit."))
        return back(request)
    if form.get("bulk") == "1" and form.get("confirmed") != "1":
        try:
            chosen = await run_in_threadpool(_chosen, context, occurrence_id, codes)
        except Refused as refusal:
            return refused(request, refusal)
        return confirm_page(request, chosen)
    try:
        report = await run_in_threadpool(_send_now, context, occurrence_id, codes)
    except Refused as refusal:
        return refused(request, refusal)
    tell_outcomes(request, report)
    return back(request)


@dataclass(frozen=True)
class Chosen:
    """A bulk reminder waiting for its confirmation: the deadline and the units, by name."""

    occurrence_id: int
    title: str
    units: list[tuple[str, str]]  # (code, name)


def _chosen(context: AppContext, occurrence_id: int, codes: list[str]) -> Chosen:
    with context.database.session() as session:
        occurrence = open_deadline(session, occurrence_id, codes)
        names = dict(
            session.execute(select(m.Unit.code, m.Unit.name).where(m.Unit.code.in_(codes))).all()
        )
    return Chosen(occurrence_id, occurrence.title, [(c, names.get(c, c)) for c in codes])


def confirm_page(request: Request, chosen: Chosen) -> Response:
    """Nothing is sent yet: how many units, which, and the form that sends to them."""
    return page(
        request,
        "remind_confirm.html",
        {
            "chosen": chosen,
            "back_to": back(request).headers["location"],
            "action": request.url.path + (f"?{request.url.query}" if request.url.query else ""),
        },
    )


def _open_units(context: AppContext, occurrence_id: int, today: date) -> list[str]:
    with context.database.session() as session:
        found = deadline_status.deadlines(session, today, occurrence_ids=[occurrence_id])
    return [u.code for s in found for u in s.units if u.state != "submitted"]


def _send_now(context: AppContext, occurrence_id: int, codes: list[str]) -> manual.ManualReport:
    refusal = channel_refusal(context.settings)
    if refusal:  # before any reminder row is made
        raise Refused(N_("%(problem)s"), problem=refusal)
    with context.database.session() as session:
        open_deadline(session, occurrence_id, codes)
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
    return named([o.unit for o in outcomes])


def _short(text: str | None, limit: int = 200) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
