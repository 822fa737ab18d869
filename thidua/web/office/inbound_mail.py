"""Incoming mail the service could not place (``/mail``): who sent it, what it says, why it
waits (`submissions.inbound.REASONS`), the mail itself to download (``/mail/{id}.eml``),
and a form per mail that assigns it to a unit and deadline (``POST /mail/{id}/assign``:
its report files become the unit's submission, `scheduler.replies.assign`) or sets it
aside (``POST /mail/{id}/dismiss``). The forms post back to the list (303); what they did
is told in one-shot messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from calendars import models as m
from scheduler import receipts, replies
from submissions.inbound import REASON_TEXTS
from submissions.models import ReceivedMail
from submissions.records import SubmissionError, is_responsible
from thidua.context import AppContext
from thidua.web.office import state
from thidua.web.office.i18n import N_
from thidua.web.office.render import context_of, error_page, form_of, page, today_of, user_of

DEADLINE_WINDOW = timedelta(days=120)  # deadlines offered: this far back and ahead
MAX_OPTIONS = 300


def routes() -> list[BaseRoute]:
    return [
        Route("/mail", mail_page, methods=["GET"], name="mail"),
        Route("/mail/{mail_id:int}.eml", mail_download, methods=["GET"], name="mail_eml"),
        Route("/mail/{mail_id:int}/assign", assign_mail, methods=["POST"], name="mail_assign"),
        Route("/mail/{mail_id:int}/dismiss", dismiss_mail, methods=["POST"], name="mail_dismiss"),
    ]


@dataclass(frozen=True)
class Waiting:
    mail: ReceivedMail
    reason: str  # a msgid
    deadlines: list[m.Occurrence]  # the choices, the suggested one first


def mail_page(request: Request) -> Response:
    context = context_of(request)
    with context.database.session() as session:
        units = list(session.scalars(select(m.Unit).where(m.Unit.active).order_by(m.Unit.name)))
        waiting = [
            Waiting(
                mail, REASON_TEXTS.get(mail.reason or "", ""), _deadlines(session, mail, request)
            )
            for mail in replies.unassigned(session)
        ]
        return page(request, "mail.html", {"waiting": waiting, "units": units})


def _deadlines(session: Session, mail: ReceivedMail, request: Request) -> list[m.Occurrence]:
    """Deadlines near today, the unit's own when the mail names a unit."""
    today = today_of(request)
    query = (
        select(m.Occurrence)
        .where(
            m.Occurrence.kind == "deadline",
            m.Occurrence.cancelled_at.is_(None),
            m.Occurrence.end_date >= today - DEADLINE_WINDOW,
            m.Occurrence.start_date <= today + DEADLINE_WINDOW,
        )
        .order_by(m.Occurrence.end_date, m.Occurrence.title)
        .limit(MAX_OPTIONS)
    )
    if mail.unit_id is not None:
        query = query.join(m.Assignment, m.Assignment.event_id == m.Occurrence.event_id).where(
            m.Assignment.unit_id == mail.unit_id
        )
    found = list(session.scalars(query))
    if mail.occurrence is not None and mail.occurrence not in found:
        found.insert(0, mail.occurrence)
    return found


def mail_download(request: Request) -> Response:
    """The mail as it came: a .eml file, never shown inline."""
    with context_of(request).database.session() as session:
        mail = session.get(ReceivedMail, request.path_params["mail_id"])
        if mail is None:
            return error_page(
                request, 404, N_("There is no mail %(id)s."), id=request.path_params["mail_id"]
            )
        raw = mail.raw
    return Response(
        raw,
        media_type="message/rfc822",
        headers={"Content-Disposition": f'attachment; filename="thu-{mail.id}.eml"'},
    )


class Refused(ValueError):
    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message)
        self.message, self.params = message, params


async def assign_mail(request: Request) -> Response:
    form = await form_of(request)
    try:
        unit_id, deadline_id = _int(form.get("unit")), _int(form.get("deadline"))
        user = user_of(request)
        outcome = await run_in_threadpool(
            _assign,
            context_of(request),
            request.path_params["mail_id"],
            unit_id,
            deadline_id,
            user.display_name if user else "?",
        )
    except Refused as refusal:
        state.flash(request.session, "error", refusal.message, **refusal.params)
        return _back()
    unit, deadline, problem = outcome
    state.flash(
        request.session,
        "success",
        N_("Recorded as the report of %(unit)s for %(deadline)s."),
        unit=unit,
        deadline=deadline,
    )
    if problem:
        state.flash(request.session, "warning", N_("Files not taken: %(problem)s"), problem=problem)
    return _back()


def _int(value: Any) -> int:
    text = str(value or "").strip()
    if not text.isdigit() or len(text) > 12:
        raise Refused(N_("Choose a unit and a deadline for the mail."))
    return int(text)


def _assign(
    context: AppContext, mail_id: int, unit_id: int, deadline_id: int, by: str
) -> tuple[str, str, str]:
    with context.database.session() as session, session.begin():
        mail = _waiting(session, mail_id)
        unit, deadline = session.get(m.Unit, unit_id), session.get(m.Occurrence, deadline_id)
        if unit is None or deadline is None or deadline.kind != "deadline":
            raise Refused(N_("Choose a unit and a deadline for the mail."))
        if deadline.cancelled_at is not None or not is_responsible(session, deadline, unit):
            raise Refused(
                N_("%(unit)s does not answer for %(deadline)s."),
                unit=unit.name,
                deadline=deadline.title,
            )
        try:
            stored = replies.assign(
                session, context.settings, mail, deadline, unit, by=by, now=context.now()
            )
        except SubmissionError as exc:
            raise Refused(
                N_("The mail could not be recorded: %(reason)s"), reason=str(exc)
            ) from exc
        named = (unit.name, deadline.title, "; ".join(stored.refused))
    if stored.receipt is not None:  # after the commit; a failure only goes to the log
        receipts.send(context.settings, stored.receipt, context.now())
    return named


def _waiting(session: Session, mail_id: int) -> ReceivedMail:
    mail = session.get(ReceivedMail, mail_id)
    if mail is None or mail.status != "unassigned":
        raise Refused(N_("That mail is no longer waiting."))
    return mail


async def dismiss_mail(request: Request) -> Response:
    user = user_of(request)
    try:
        await run_in_threadpool(
            _dismiss,
            context_of(request),
            request.path_params["mail_id"],
            user.display_name if user else "?",
        )
    except Refused as refusal:
        state.flash(request.session, "error", refusal.message, **refusal.params)
        return _back()
    state.flash(request.session, "success", N_("The mail was set aside; it is kept."))
    return _back()


def _dismiss(context: AppContext, mail_id: int, by: str) -> None:
    with context.database.session() as session, session.begin():
        replies.dismiss(_waiting(session, mail_id), by=by, now=context.now())


def _back() -> RedirectResponse:
    return RedirectResponse("/mail", status_code=303)
