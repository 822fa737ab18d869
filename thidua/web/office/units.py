"""The units page (``/units[?q=…][&all=1]``): units with their addresses, parent and groups,
found by name, code or address typed with or without diacritics; the groups (blocs,
clusters, categories) with the units they reach.

PHASE 2 (issue 6): each unit's subscribe links (https, webcal, Google) with a QR code, its
last reminder and delivery failures — from the feeds and reminders rooms.
"""

from __future__ import annotations

import unicodedata

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from calendars import models as m
from calendars import queries
from config.catalog import fold
from thidua.web.office.render import context_of, page


def routes() -> list[BaseRoute]:
    return [Route("/units", units_page, methods=["GET"], name="units")]


def search_key(text: str) -> str:
    """Folded for a search typed with or without diacritics: "so y te" finds "Sở Y tế"."""
    decomposed = unicodedata.normalize("NFD", fold(text).replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def matches(unit: m.Unit, key: str) -> bool:
    return any(key in search_key(value) for value in (unit.code, unit.name, *unit.emails))


def units_page(request: Request) -> Response:
    include_inactive = request.query_params.get("all") == "1"
    query = request.query_params.get("q", "").strip()
    with context_of(request).database.session() as session:
        units = queries.units(session, include_inactive=include_inactive)
        groups = queries.groups(session)
        parents = {u.id: u for u in queries.units(session, include_inactive=True)}
    if query:
        key = search_key(query)
        units = [u for u in units if matches(u, key)]
    groups_of: dict[int, list[str]] = {}
    for group in groups:
        for unit in group.units:
            groups_of.setdefault(unit.id, []).append(group.code)
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
        },
    )
