"""The dashboard (``/``): running campaigns, the next 30 days, recent deadlines."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from thidua.web.office import agenda, workdays
from thidua.web.office.progress import deadline_progress
from thidua.web.office.render import context_of, page, today_of


def routes() -> list[BaseRoute]:
    return [Route("/", dashboard, methods=["GET"], name="dashboard")]


def dashboard(request: Request) -> Response:
    """A sync endpoint: Starlette runs it in its thread pool, away from the event loop."""
    today = today_of(request)
    with context_of(request).database.session() as session:
        view = agenda.dashboard(session, today)
        deadlines = [e for day in view.agenda for e in day.entries] + view.recent_deadlines
        progress = deadline_progress(session, deadlines, today)
    return page(
        request,
        "dashboard.html",
        {
            "view": view,
            "progress": progress,
            "year_ahead": workdays.year_ahead(request),
            "t": workdays.words(request),
        },
    )
