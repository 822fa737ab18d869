"""The units: their list (``/units[?q=…][&group=…][&all=1][&page=N]``) and each unit's
page (``/units/CODE``).

The list shows units with their addresses, parent and groups (by name), found by name,
code or address typed with or without diacritics, or by the group they belong to, a page
of `PAGE_SIZE` at a time; each unit's last reminder, its delivery
problems and whether it has a calendar link; and the groups (blocs, clusters, categories)
with the units they reach and the subscribe links of their shared feed.

A unit's page adds its calendar link, its deadlines with where it stands on each, and its
reminders' problems. A unit's feed is found by a secret token derived from the unit's link
generation and the service's secret key (`calendars.feeds_tokens`), so the page shows the
current link, with its QR code, whenever it is opened. "Renew the link" (``POST
/units/CODE/feed-link``, as ``thidua units token CODE --rotate``) makes the old link stop
working and redirects to the page (303): a reload or Back shows the new link again and
never renews it twice.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from calendars import feeds_tokens, queries
from calendars import models as m
from calendars.feeds import Audience
from config.catalog import fold
from config.settings import Settings
from notifiers.email import channel_refusal
from scheduler import deliveries as reminder_rows
from scheduler import link_mail, receipts
from scheduler import status as deadline_status
from thidua import history
from thidua.context import AppContext
from thidua.web.office import state, subscribe
from thidua.web.office.deadline_view import REASONS, REMINDER_KINDS, REMINDER_STATES
from thidua.web.office.history import lines
from thidua.web.office.i18n import N_
from thidua.web.office.render import context_of, error_page, language_of, page, today_of


def routes() -> list[BaseRoute]:
    return [
        Route("/units", units_page, methods=["GET"], name="units"),
        Route("/units/{code}", unit_page, methods=["GET"], name="unit"),
        Route("/units/{code}/feed-link", renew_feed_link, methods=["POST"], name="feed_link"),
        Route("/units/{code}/send-link", send_feed_link, methods=["POST"], name="send_link"),
    ]


def search_key(text: str) -> str:
    """Folded for a search typed with or without diacritics: "so y te" finds "Sở Y tế"."""
    decomposed = unicodedata.normalize("NFD", fold(text).replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def matches(unit: m.Unit, key: str) -> bool:
    return any(key in search_key(value) for value in (unit.code, unit.name, *unit.emails))


LABELS = {"reminder_kinds": REMINDER_KINDS, "reminder_states": REMINDER_STATES, "reasons": REASONS}


PAGE_SIZE = 100  # units on a page of the list: a province's departments and districts fit


@dataclass(frozen=True)
class ListQuery:
    """What the list shows: the search, the group, inactive units too, the page."""

    text: str = ""
    group: str = ""
    include_inactive: bool = False
    page: int = 1

    @classmethod
    def of(cls, request: Request) -> ListQuery:
        params = request.query_params
        number = params.get("page", "1")
        return cls(
            params.get("q", "").strip()[:200],
            params.get("group", "").strip()[:100],
            params.get("all") == "1",
            int(number) if number.isdigit() and 0 < int(number) < 10_000 else 1,
        )

    def href(self, page: int) -> str:
        """The list's address with the same search and group, on ``page``."""
        params = {"q": self.text, "group": self.group, "all": "1" if self.include_inactive else ""}
        params["page"] = str(page) if page > 1 else ""
        query = urlencode({k: v for k, v in params.items() if v})
        return "/units" + (f"?{query}" if query else "")


def units_page(request: Request) -> Response:
    chosen = ListQuery.of(request)
    context = context_of(request)
    with context.database.session() as session:
        units = queries.units(session, include_inactive=chosen.include_inactive)
        groups = queries.groups(session)
        parents = {u.id: u for u in queries.units(session, include_inactive=True)}
        deliveries = reminder_rows.unit_deliveries(session)
        links = feeds_tokens.rotated(session)
    if chosen.text:
        key = search_key(chosen.text)
        units = [u for u in units if matches(u, key)]
    group = next((g for g in groups if g.code == chosen.group), None)
    if group is not None:
        members = {u.id for u in group.units}
        units = [u for u in units if u.id in members]
    groups_of: dict[int, list[m.Group]] = {}
    for each in groups:
        for unit in each.units:
            groups_of.setdefault(unit.id, []).append(each)
    pages = max(1, -(-len(units) // PAGE_SIZE))
    number = min(chosen.page, pages)
    settings = context.settings
    return page(
        request,
        "units.html",
        {
            "units": units[(number - 1) * PAGE_SIZE : number * PAGE_SIZE],
            "total": len(units),
            "pages": [(n, chosen.href(n)) for n in range(1, pages + 1)] if pages > 1 else [],
            "page_number": number,
            "groups": groups,
            "group": group,
            "groups_of": groups_of,
            "names": {u.code: u.name for u in parents.values()} | {g.code: g.name for g in groups},
            "parents": parents,
            "include_inactive": chosen.include_inactive,
            "query": chosen.text,
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


def _unit_values(session: Session, settings: Settings, code: str, today: date) -> dict[str, Any]:
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
        "delivery": reminder_rows.unit_deliveries(session, problems=10).get(unit.code),
        "link_renewed": feeds_tokens.rotated(session).get(unit.code),
        "link": _link_of(session, settings, unit),
        "changes": history.of_unit(session, unit.code),
        **LABELS,
    }


def _with_history(request: Request, values: dict[str, Any]) -> dict[str, Any]:
    """The unit's recorded changes as sentences of the page's language."""
    tz = context_of(request).settings.tz
    text = lines(values.pop("changes"), values["unit"].name, language_of(request), tz)
    return {**values, "history": text}


def _link_of(
    session: Session, settings: Settings, unit: m.Unit
) -> subscribe.Subscribe | str | None:
    """The unit's current calendar link, or why there is none (the base URL cannot make
    links), or None for a unit that is gone."""
    if not unit.active:
        return None
    try:
        return subscribe.unit(session, settings, unit.code)
    except ValueError as exc:
        return str(exc)


def unit_page(request: Request) -> Response:
    code = request.path_params["code"]
    context = context_of(request)
    with context.database.session() as session:
        values = _unit_values(session, context.settings, code, today_of(request))
    if not values:
        return error_page(request, 404, N_("There is no unit %(code)s."), code=code)
    return page(request, "unit.html", _with_history(request, values))


async def renew_feed_link(request: Request) -> Response:
    """A new link for the unit (the old one stops working at once), then back to its page,
    which shows it: post, redirect, get, so that a reload cannot renew it again."""
    code = request.path_params["code"]
    context = context_of(request)
    return await run_in_threadpool(_renew, request, context, code)


def _renew(request: Request, context: AppContext, code: str) -> Response:
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
        feeds_tokens.rotate(session, code, context.now())
    state.flash(
        request.session,
        "warning",
        N_(
            "A new link for %(unit)s. The unit's previous link has stopped working: calendars "
            "subscribed with it must subscribe again with this one."
        ),
        unit=unit.name,
    )
    return RedirectResponse(f"/units/{code}#feed", status_code=303)


async def send_feed_link(request: Request) -> Response:
    """Mail the unit its current calendar link (to every address of the unit), then back
    to its page, which says whether the mail went."""
    code = request.path_params["code"]
    context = context_of(request)
    return await run_in_threadpool(_send_link, request, context, code)


def _send_link(request: Request, context: AppContext, code: str) -> Response:
    now = context.now()
    with context.database.session() as session:
        unit = session.scalar(select(m.Unit).where(m.Unit.code == code))
        if unit is None:
            return error_page(request, 404, N_("There is no unit %(code)s."), code=code)
        try:
            notice = link_mail.calendar_link_notice(session, context.settings, code, now)
        except (LookupError, ValueError):
            return error_page(
                request,
                409,
                N_("%(code)s is no longer in the units file: it gets no calendar link."),
                code=code,
            )
    refusal = channel_refusal(context.settings)
    if refusal:
        state.flash(request.session, "error", N_("%(problem)s"), problem=refusal)
    elif not notice.to.addresses:
        state.flash(request.session, "error", N_("%(unit)s has no e-mail address."), unit=unit.name)
    elif receipts.send(context.settings, notice, now):
        state.flash(
            request.session,
            "success",
            N_("The calendar link was sent to %(unit)s (%(addresses)s)."),
            unit=unit.name,
            addresses=", ".join(notice.to.addresses),
        )
    else:
        state.flash(
            request.session,
            "error",
            N_("The calendar link could not be sent to %(unit)s: see the service's log."),
            unit=unit.name,
        )
    return RedirectResponse(f"/units/{code}#feed", status_code=303)
