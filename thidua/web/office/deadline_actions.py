"""What the deadline's forms share (`deadline_submit`, `deadline_remind`): the refusal of
an action, the check that the deadline can still be acted on for the units chosen, the
units a form chose, the way back to the page (303, with its filter) and units named in a
one-shot message.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from calendars import models as m
from thidua.web.office import state
from thidua.web.office.deadline_view import FILTERS
from thidua.web.office.i18n import N_

NAMED_IN_MESSAGES = 3  # units named in a message; beyond, a count (the cookie stays small)


class Refused(Exception):
    """An action the page refuses: ``message`` is a msgid, ``params`` fill it."""

    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message)
        self.message, self.params = message, params


def open_deadline(session: Session, occurrence_id: int, codes: Sequence[str]) -> m.Occurrence:
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


def refused(request: Request, refusal: Refused) -> Response:
    state.flash(request.session, "error", refusal.message, **refusal.params)
    return back(request)


def units_chosen(form: Any) -> list[str]:
    return list(dict.fromkeys(str(v).strip() for v in form.getlist("unit") if str(v).strip()))


def back(request: Request) -> RedirectResponse:
    """To the deadline's page, with the filter it was posted from."""
    target = f"/deadlines/{request.path_params['occurrence_id']}"
    shown = request.query_params.get("show")
    if shown in FILTERS and shown != "all":
        target += f"?show={shown}"
    return RedirectResponse(target, status_code=303)


def named(names: Sequence[str]) -> str:
    shown = ", ".join(names[:NAMED_IN_MESSAGES])
    return shown + (
        f" (+{len(names) - NAMED_IN_MESSAGES})" if len(names) > NAMED_IN_MESSAGES else ""
    )
