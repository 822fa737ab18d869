"""A deadline's page (``/deadlines/{id}``, by occurrence id): where each responsible unit
stands, with its reminders (`deadline_view`), and the office's actions, one module each,
the way Radicale's ``app/`` holds one module per method:

- record that units submitted, or undo it (`deadline_submit`, ``POST …/submissions``);
- send units their reminder now (`deadline_remind`, ``POST …/reminders``), a bulk one
  after a confirmation naming how many units;
- preview the e-mail a unit gets (`deadline_preview`, ``…/preview/{unit}`` and its
  ``message.html``);
- the reports units sent through their link: see them, download them, accept or return
  them, all as a zip, the status table as .xlsx (`reports`).

The forms post back to this page (303); what they did is told in one-shot messages.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from submissions.review import STATE_LABELS
from thidua.web.office import reports
from thidua.web.office.deadline_preview import preview_html, preview_page
from thidua.web.office.deadline_remind import remind_now
from thidua.web.office.deadline_submit import record_submissions
from thidua.web.office.deadline_view import (
    FILTERS,
    MAX_NOTE,
    REASONS,
    REMINDER_KINDS,
    REMINDER_STATES,
    SOURCES,
    load_view,
)
from thidua.web.office.i18n import N_
from thidua.web.office.render import context_of, error_page, page, today_of


def routes() -> list[BaseRoute]:
    base = "/deadlines/{occurrence_id:int}"
    return [
        Route(base, deadline_page, methods=["GET"], name="deadline"),
        Route(base + "/submissions", record_submissions, methods=["POST"], name="submissions"),
        Route(base + "/reminders", remind_now, methods=["POST"], name="remind_now"),
        Route(base + "/preview/{unit}", preview_page, methods=["GET"], name="preview"),
        Route(base + "/preview/{unit}/message.html", preview_html, methods=["GET"]),
    ]


def deadline_page(request: Request) -> Response:
    occurrence_id = request.path_params["occurrence_id"]
    chosen = request.query_params.get("show", "all")
    if chosen not in FILTERS:
        chosen = "all"
    context = context_of(request)
    with context.database.session() as session:
        view = load_view(context, session, occurrence_id, today_of(request))
        sent_in = reports.section(session, occurrence_id)  # the units' files, their states
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
            "reports": sent_in,
            "state_labels": STATE_LABELS,
        },
    )
