"""Recording that units submitted a deadline's report, or undoing it (``POST
/deadlines/{id}/submissions``): `scheduler.answers`, as ``thidua submit`` does; all the
units chosen or none.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from scheduler import answers
from submissions import records
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
from thidua.web.office.deadline_view import MAX_NOTE
from thidua.web.office.i18n import N_
from thidua.web.office.render import context_of, form_of, user_of


async def record_submissions(request: Request) -> Response:
    form = await form_of(request)
    codes = units_chosen(form)
    undo = form.get("action") == "undo"
    note = str(form.get("note") or "").strip() or None
    session_state = request.session
    if not codes:
        state.flash(session_state, "error", N_("Choose at least one unit."))
        return back(request)
    if note is not None and len(note) > MAX_NOTE:
        state.flash(
            session_state,
            "error",
            N_("The note is longer than %(count)d characters."),
            count=MAX_NOTE,
        )
        return back(request)
    user = user_of(request)
    by = user.display_name if user else None
    context = context_of(request)
    try:
        changed, unchanged = await run_in_threadpool(
            _record, context, request.path_params["occurrence_id"], codes, undo, by, note
        )
    except Refused as refusal:
        return refused(request, refusal)
    if undo:
        if changed:
            state.flash(
                session_state,
                "success",
                N_("Submission withdrawn for %(units)s: their reminders resume."),
                units=named(changed),
            )
        if unchanged:
            state.flash(
                session_state,
                "info",
                N_("No submission was recorded for %(units)s."),
                units=named(unchanged),
            )
    else:
        if changed:
            state.flash(
                session_state,
                "success",
                N_("Recorded as submitted: %(units)s. Their reminders stop."),
                units=named(changed),
            )
        if unchanged:
            state.flash(
                session_state,
                "info",
                N_("Already recorded before: %(units)s."),
                units=named(unchanged),
            )
    return back(request)


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
        occurrence = open_deadline(session, occurrence_id, codes)
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
