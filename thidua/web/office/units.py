"""The units page (``/units``): units with their addresses, parent and groups; the groups
(blocs, clusters, categories) with the units they reach.

PHASE 2 (issue 6): each unit's subscribe links (https, webcal, Google) with a QR code, its
last reminder and delivery failures — from the feeds and reminders rooms.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from calendars import queries
from thidua.web.office.render import context_of, page


def routes() -> list[BaseRoute]:
    return [Route("/units", units_page, methods=["GET"], name="units")]


def units_page(request: Request) -> Response:
    include_inactive = request.query_params.get("all") == "1"
    with context_of(request).database.session() as session:
        units = queries.units(session, include_inactive=include_inactive)
        groups = queries.groups(session)
        parents = {u.id: u for u in queries.units(session, include_inactive=True)}
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
        },
    )
