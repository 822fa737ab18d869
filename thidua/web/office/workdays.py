"""The working-day calendar page (``/workdays``): a year's days off and worked weekend days
with their notices, and a form that adds a swap exactly as ``thidua workdays add-swap``
does (`thidua.workdays.add_swap`); and the year-ahead guard the dashboard shows.

Its words come from the translations room (``translations``), handed to the templates as
``t``.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import HTTPConnection, Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from config.dates import parse_date
from thidua.context import AppContext
from thidua.web.office.render import context_of, form_of, language_of, page, today_of
from thidua.workdays import MissingNotice, Outcome, WorkdayError, add_swap, missing_notice
from translations import gettext, using

MAX_FIELD = 300


def routes() -> list[BaseRoute]:
    return [
        Route("/workdays", workdays_page, methods=["GET"], name="workdays"),
        Route("/workdays/swaps", add_swap_form, methods=["POST"], name="workdays_swap"),
    ]


def words(connection: HTTPConnection) -> Any:
    """``t("msgid", name=…)`` in the page's language."""
    return partial(gettext, language=language_of(connection))


def year_ahead(connection: HTTPConnection) -> MissingNotice | None:
    """The guard: next year's Tết notice, when it is due and still missing."""
    context = context_of(connection)
    context.calendar.refresh()
    return missing_notice(context.calendar.changes, today_of(connection))


def _year(request: Request) -> int:
    text = request.query_params.get("year", "")
    year = int(text) if text.isdigit() else today_of(request).year
    return year if 1900 <= year <= 2199 else today_of(request).year


def _values(request: Request, year: int, **extra: Any) -> dict[str, Any]:
    context = context_of(request)
    context.calendar.refresh()
    return {
        "t": words(request),
        "year": year,
        "days": context.calendar.changed_days(year),
        "year_ahead": year_ahead(request),
        "outcome": None,
        "problem": None,
        "form": {"work": "", "off": "", "source": ""},
        **extra,
    }


def workdays_page(request: Request) -> Response:
    return page(request, "workdays.html", _values(request, _year(request)))


async def add_swap_form(request: Request) -> Response:
    form = await form_of(request)
    fields = {k: str(form.get(k) or "").strip()[:MAX_FIELD] for k in ("work", "off", "source")}
    return await run_in_threadpool(_add, request, context_of(request), fields)


def _add(request: Request, context: AppContext, fields: dict[str, str]) -> Response:
    t = words(request)
    problem: str | None = None
    outcome: Outcome | None = None
    try:
        work = _day(t, fields["work"], t("day worked"))
        off = _day(t, fields["off"], t("day off"))
        with using(language_of(request)):
            outcome = add_swap(context, work, off, fields["source"])
    except WorkdayError as exc:
        problem = str(exc)
    values = _values(
        request,
        _shown_year(fields["work"], today_of(request).year),
        outcome=outcome,
        problem=problem,
        form=fields if problem else {"work": "", "off": "", "source": ""},
    )
    return page(request, "workdays.html", values, status_code=400 if problem else 200)


def _shown_year(work: str, default: int) -> int:
    try:
        return parse_date(work).year
    except ValueError:
        return default


def _day(t: Any, text: str, what: str) -> date:
    try:
        return parse_date(text)
    except ValueError as exc:
        message = t(
            "The %(what)s is not a date (%(text)s): write 10/01/2026.", what=what, text=text
        )
        raise WorkdayError(message) from exc
