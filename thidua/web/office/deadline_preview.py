"""The e-mail a unit gets for a deadline, previewed (``/deadlines/{id}/preview/{unit}``,
`scheduler.preview.message`): the subject and text, and the HTML body in a sandboxed frame
(``…/message.html``, served with a policy of its own that lets its inline styles in and
nothing else).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from starlette.requests import Request
from starlette.responses import Response

from calendars import models as m
from scheduler import deliveries as reminder_rows
from scheduler import preview as previews
from scheduler.deliveries import ReminderLine
from thidua.web.office.deadline_view import (
    REASONS,
    REMINDER_KINDS,
    REMINDER_STATES,
    DeadlineView,
    load_view,
)
from thidua.web.office.i18n import N_
from thidua.web.office.render import context_of, error_page, page, today_of


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
        reminders = reminder_rows.deadline_reminders(session, occurrence_id).get(code, [])
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
