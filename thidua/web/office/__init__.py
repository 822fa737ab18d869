"""The emulation office's pages: sign-in, dashboard, month view, campaigns, deadlines,
units.

Server-rendered (Starlette + Jinja2, ``thidua/templates``), no front-end build: plain CSS and
a few lines of plain JavaScript in ``thidua/static``. One module per page or concern:
`guard` (sign-in required, CSRF, security headers), `state` (the session cookie), `i18n`
(Vietnamese, with an English switch, over `translations`), `render`, `signin`, `dashboard`,
`month`, `campaigns` (loading files), `draft_review` (a directive's draft as a form,
through `importing`), `edit_campaign` (both with `campaign_editor` and `campaign_form`),
`export_yaml`, `deadlines` (each unit's status; `deadline_view`, `deadline_submit`,
`deadline_remind`, `deadline_preview` and `deadline_actions` one module per action),
`worklist` (the dashboard's to-do), `units` (with their calendar links), `edit_units`
(units and groups), `history` (who changed what), `inbound_mail` (replies by mail
that wait for the office), `not_found` (an unknown address: a
page, not "Not Found"); `agenda` reads the calendar for them, `progress` each deadline's
submissions and `subscribe` a feed's subscribe links and QR code.

`thidua.web.create_app` composes `routes` and `middleware` with the other rooms' routes.
"""

from __future__ import annotations

from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles

from thidua.context import AppContext
from thidua.web.office import (
    campaigns,
    dashboard,
    deadlines,
    draft_review,
    edit_campaign,
    edit_units,
    export_yaml,
    inbound_mail,
    month,
    not_found,
    reports,
    signin,
    units,
    workdays,
)
from thidua.web.office.guard import OfficeGuard
from thidua.web.office.state import SESSION_MAX_AGE

SESSION_COOKIE = "thidua_session"


def routes(context: AppContext) -> list[BaseRoute]:
    return [
        *signin.routes(),
        *dashboard.routes(),
        *month.routes(),
        *draft_review.routes(),
        *edit_campaign.routes(),  # before campaigns': /campaigns/new is not a campaign's page
        *export_yaml.routes(),
        *campaigns.routes(),
        *deadlines.routes(),
        *reports.routes(),
        *edit_units.routes(),  # before units': /units/new is not a unit's page
        *units.routes(),
        *workdays.routes(),
        *inbound_mail.routes(),
        Mount("/static", StaticFiles(packages=[("thidua", "static")]), name="static"),
    ]


def exception_handlers() -> dict[type[Exception], object]:
    """An unknown address: the office's 404 page (`not_found`)."""
    return not_found.exception_handlers()


def middleware(context: AppContext) -> list[Middleware]:
    """The session cookie (signed, HttpOnly, SameSite=Lax, Secure behind https), then the
    guard, which needs the session."""
    return [
        Middleware(
            SessionMiddleware,
            secret_key=context.settings.effective_secret_key(),
            session_cookie=SESSION_COOKIE,
            max_age=SESSION_MAX_AGE,
            same_site="lax",
            https_only=context.settings.base_url.startswith("https://"),
        ),
        Middleware(OfficeGuard, context=context),
    ]
