"""The dashboard (``/``): first what to do (`worklist`: late units, this week's and next
week's deadlines, what was sent today), then the running campaigns, the next 30 days and
the recent deadlines."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from thidua.web.office import agenda, workdays, worklist
from thidua.web.office.progress import deadline_progress
from thidua.web.office.render import context_of, page, today_of


def routes() -> list[BaseRoute]:
    return [Route("/", dashboard, methods=["GET"], name="dashboard")]


def dashboard(request: Request) -> Response:
    """A sync endpoint: Starlette runs it in its thread pool, away from the event loop."""
    today = today_of(request)
    context = context_of(request)
    context.calendar.refresh()
    with context.database.session() as session:
        view = agenda.dashboard(session, today)
        todo = worklist.worklist(session, context.calendar, today, context.settings.tz)
        deadlines = [e for day in view.agenda for e in day.entries] + view.recent_deadlines
        deadlines += [d.entry for d in todo.due]
        progress = deadline_progress(session, deadlines, today)
    return page(
        request,
        "dashboard.html",
        {
            "view": view,
            "todo": todo,
            "late_days": worklist.LATE_DAYS,
            "progress": progress,
            "year_ahead": workdays.year_ahead(request),
            "t": workdays.words(request),
        },
    )
