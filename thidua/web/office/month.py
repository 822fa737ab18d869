"""The month view of the calendar (``/calendar?month=2024-02[&campaign=CODE]``): weeks
from Monday, Vietnamese weekday names, public holidays and worked weekend days marked,
and what starts on each day."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from calendars import queries
from config.dates import parse_month
from thidua.web.office import agenda
from thidua.web.office.i18n import N_
from thidua.web.office.render import context_of, error_page, page, today_of


def routes() -> list[BaseRoute]:
    return [Route("/calendar", month_view, methods=["GET"], name="calendar")]


def month_view(request: Request) -> Response:
    today = today_of(request)
    text = request.query_params.get("month") or f"{today:%Y-%m}"
    try:
        year, month = parse_month(text)
    except ValueError as exc:
        return error_page(request, 400, N_("month: %(problem)s"), problem=str(exc))
    if not 1900 <= year <= 2200:
        return error_page(
            request, 400, N_("month: %(month)s is outside the years 1900–2200"), month=text
        )
    campaign = request.query_params.get("campaign") or None
    context = context_of(request)
    with context.database.session() as session:
        campaigns = queries.campaigns(session)
        if campaign is not None and campaign not in {c.code for c in campaigns}:
            return error_page(
                request, 404, N_("campaign: there is no campaign %(code)s"), code=campaign
            )
        view = agenda.month(session, context.calendar, year, month, campaign=campaign)
    return page(request, "month.html", {"view": view, "campaigns": campaigns})
