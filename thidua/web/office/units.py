"""The units: their list (``/units[?q=…][&all=1]``) and each unit's page (``/units/CODE``).

The list shows units with their addresses, parent and groups, found by name, code or
address typed with or without diacritics; each unit's last reminder, its delivery
problems and whether it has a calendar link; and the groups (blocs, clusters, categories)
with the units they reach and the subscribe links of their shared feed.

A unit's page adds its calendar link, its deadlines with where it stands on each, and its
reminders' problems. A unit's feed is found by a secret token of which the store keeps
only a hash (`calendars.feeds_tokens`), so its link can be shown only when issued:
"issue a new link" (``POST /units/CODE/feed-link``, as ``thidua units token CODE
--rotate``) shows the new link once, with its QR code, and the old link stops working.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from calendars import feeds_tokens, queries
from calendars import models as m
from calendars.feeds import Audience
from config.catalog import fold
from scheduler import status as deadline_status
from thidua import history
from thidua.context import AppContext
from thidua.web.office import subscribe
from thidua.web.office.deadlines import REASONS, REMINDER_KINDS, REMINDER_STATES
from thidua.web.office.history import lines
from thidua.web.office.i18n import N_
from thidua.web.office.render import context_of, error_page, language_of, page, today_of


def routes() -> list[BaseRoute]:
    return [
        Route("/units", units_page, methods=["GET"], name="units"),
        Route("/units/{code}", unit_page, methods=["GET"], name="unit"),
        Route("/units/{code}/feed-link", issue_feed_link, methods=["POST"], name="feed_link"),
    ]


def search_key(text: str) -> str:
    """Folded for a search typed with or without diacritics: "so y te" finds "Sở Y tế"."""
    decomposed = unicodedata.normalize("NFD", fold(text).replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def matches(unit: m.Unit, key: str) -> bool:
    return any(key in search_key(value) for value in (unit.code, unit.name, *unit.emails))


LABELS = {"reminder_kinds": REMINDER_KINDS, "reminder_states": REMINDER_STATES, "reasons": REASONS}


def units_page(request: Request) -> Response:
    include_inactive = request.query_params.get("all") == "1"
    query = request.query_params.get("q", "").strip()
    context = context_of(request)
    with context.database.session() as session:
        units = queries.units(session, include_inactive=include_inactive)
        groups = queries.groups(session)
        parents = {u.id: u for u in queries.units(session, include_inactive=True)}
        deliveries = deadline_status.unit_deliveries(session)
        links = feeds_tokens.issued(session)
    if query:
        key = search_key(query)
        units = [u for u in units if matches(u, key)]
    groups_of: dict[int, list[str]] = {}
    for group in groups:
        for unit in group.units:
            groups_of.setdefault(unit.id, []).append(group.code)
    settings = context.settings
    return page(
        request,
        "units.html",
        {
            "units": units,
            "groups": groups,
            "groups_of": groups_of,
            "parents": parents,
            "include_inactive": include_inactive,
            "query": query,
            "deliveries": deliveries,
            "links": links,
            "group_feeds": {
                g.code: subscribe.shared(settings, Audience("group", g.code)) for g in groups
            },
            "feeds_public": settings.feeds_public,
            **LABELS,
        },
    )


# --- a unit's page ---------------------------------------------------------------------


@dataclass(frozen=True)
class UnitDeadline:
    """A deadline the unit answers for, and where the unit stands on it."""

    occurrence_id: int
    status: deadline_status.DeadlineStatus
    mine: deadline_status.UnitStatus


def _unit_values(session: Session, code: str, today: date) -> dict[str, Any]:
    unit = session.scalar(select(m.Unit).where(m.Unit.code == code))
    if unit is None:
        return {}
    groups = [g for g in queries.groups(session) if any(u.id == unit.id for u in g.units)]
    parent = session.get(m.Unit, unit.parent_id) if unit.parent_id else None
    mine = [
        UnitDeadline(s.occurrence_id, s, u)
        for s in deadline_status.deadlines(session, today)
        for u in s.units
        if u.code == unit.code
    ]
    return {
        "unit": unit,
        "groups": groups,
        "parent": parent,
        "deadlines": mine,
        "delivery": deadline_status.unit_deliveries(session, problems=10).get(unit.code),
        "link_issued": feeds_tokens.issued(session).get(unit.code),
        "changes": history.of_unit(session, unit.code),
        **LABELS,
    }


def _with_history(request: Request, values: dict[str, Any]) -> dict[str, Any]:
    """The unit's recorded changes as sentences of the page's language."""
    tz = context_of(request).settings.tz
    text = lines(values.pop("changes"), values["unit"].name, language_of(request), tz)
    return {**values, "history": text}


def unit_page(request: Request) -> Response:
    code = request.path_params["code"]
    context = context_of(request)
    with context.database.session() as session:
        values = _unit_values(session, code, today_of(request))
    if not values:
        return error_page(request, 404, N_("There is no unit %(code)s."), code=code)
    return page(
        request,
        "unit.html",
        {**_with_history(request, values), "issued": None, "replaced": False, "link_error": None},
    )


async def issue_feed_link(request: Request) -> Response:
    """A new token for the unit, shown once on its page (this response, never a redirect:
    the secret stays out of the address bar and the history)."""
    code = request.path_params["code"]
    context = context_of(request)
    return await run_in_threadpool(_issue, request, context, code)


class NoLink(Exception):
    """The base URL cannot make a link: nothing is issued."""


def _issue(request: Request, context: AppContext, code: str) -> Response:
    try:
        with context.database.session() as session, session.begin():
            unit = session.scalar(select(m.Unit).where(m.Unit.code == code))
            if unit is None:
                return error_page(request, 404, N_("There is no unit %(code)s."), code=code)
            if not unit.active:
                return error_page(
                    request,
                    409,
                    N_("%(code)s is no longer in the units file: it gets no calendar link."),
                    code=code,
                )
            replaced = feeds_tokens.has_token(session, code)
            token = feeds_tokens.issue_token(session, code, context.now(), rotate=True)
            try:
                issued = subscribe.subscribe(context.settings, Audience("unit", code), token)
            except ValueError as exc:
                raise NoLink(str(exc)) from exc  # rolls the new token back
    except NoLink as exc:
        issued, replaced, problem = None, False, str(exc)
    else:
        problem = None
    with context.database.session() as session:
        values = _unit_values(session, code, today_of(request))
    return page(
        request,
        "unit.html",
        {
            **_with_history(request, values),
            "issued": issued,
            "replaced": replaced,
            "link_error": problem,
        },
    )
