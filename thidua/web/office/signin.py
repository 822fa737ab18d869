"""Sign-in, sign-out and the language switch.

After signing in, the user goes back to the page that sent them to sign in (``next``),
which must be a path of this site: never another host.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from thidua import users as accounts
from thidua.context import AppContext
from thidua.users import StaffUser
from thidua.web.office import i18n, state
from thidua.web.office.i18n import N_
from thidua.web.office.render import context_of, form_of, page, translate, user_of
from thidua.web.office.throttle import Throttle

# Failed sign-ins per client address (behind a proxy, the address uvicorn takes from
# X-Forwarded-For of a trusted proxy): enough for an office sharing one address, too few
# for guessing passwords of many accounts.
ADDRESS_LIMIT = 20
ADDRESS_WINDOW = timedelta(minutes=15)


@dataclass
class Limits:
    """What one app remembers of failed sign-ins (in memory, per process)."""

    addresses: Throttle = field(
        default_factory=lambda: Throttle(limit=ADDRESS_LIMIT, window=ADDRESS_WINDOW)
    )
    names: accounts.UnknownNames = field(default_factory=accounts.UnknownNames)


def limits_of(request: Request) -> Limits:
    app_state = request.app.state
    if not hasattr(app_state, "signin_limits"):
        app_state.signin_limits = Limits()
    return app_state.signin_limits


def routes() -> list[BaseRoute]:
    return [
        Route("/signin", signin_form, methods=["GET"], name="signin"),
        Route("/signin", signin, methods=["POST"], name="signin_post"),
        Route("/signout", signout, methods=["POST"], name="signout"),
        Route("/language", language, methods=["POST"], name="language"),
    ]


def local_path(target: str | None, default: str = "/") -> str:
    """``target`` when it is a path on this site, else ``default`` (no open redirects)."""
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    if "\\" in target or any(ord(c) < 32 for c in target):
        return default
    return target


async def signin_form(request: Request) -> Response:
    if user_of(request) is not None:
        return RedirectResponse(local_path(request.query_params.get("next")), status_code=303)
    return page(request, "signin.html", {"next": local_path(request.query_params.get("next"))})


async def signin(request: Request) -> Response:
    form = await form_of(request)
    username = str(form.get("username", "")).strip()
    password = str(form.get("password", ""))
    target = local_path(str(form.get("next", "")))
    context = context_of(request)
    error: str | None = None
    address = request.client.host if request.client else ""
    limits = limits_of(request)
    blocked = limits.addresses.blocked_until(address, context.now())
    if blocked is not None:
        return page(
            request,
            "signin.html",
            {
                "next": target,
                "username": username,
                "error": translate(
                    request,
                    N_("Too many failed sign-ins from this address: try again after %(time)s."),
                    time=f"{blocked.astimezone(context.settings.tz):%H:%M}",
                ),
            },
            status_code=429,
        )
    try:
        found = await run_in_threadpool(_authenticate, context, username, password, limits.names)
    except accounts.AccountLocked as locked:
        found = None
        until = locked.until.astimezone(context.settings.tz)
        error = translate(
            request,
            N_("Too many failed attempts: this account can sign in again after %(time)s."),
            time=f"{until:%H:%M}",
        )
    if found is None:
        limits.addresses.failed(address, context.now())
        error = error or translate(
            request, N_("Wrong username or password, or the account is disabled.")
        )
        return page(
            request,
            "signin.html",
            {"next": target, "error": error, "username": username},
            status_code=200,
        )
    user, fingerprint, token = found
    state.sign_in(request.session, user, fingerprint, token)
    return RedirectResponse(target, status_code=303)


def _authenticate(
    context: AppContext, username: str, password: str, names: accounts.UnknownNames
) -> tuple[StaffUser, str, str] | None:
    now = context.now()
    with context.database.reader() as session:  # the slow hash under no write lock
        checked = accounts.check_password(session, username, password)
    with context.database.session() as session, session.begin():
        user = accounts.authenticate(
            session, username, password, now=now, checked=checked, unknown=names
        )
        if user is None:
            return None
        max_age = timedelta(seconds=state.SESSION_MAX_AGE)
        token = accounts.open_session(session, user, now=now, max_age=max_age)
        return accounts.staff(user), accounts.fingerprint(user), token


def _end_session(context: AppContext, token: str) -> None:
    with context.database.session() as session, session.begin():
        accounts.end_session(session, token, now=context.now())


async def signout(request: Request) -> Response:
    token = str(request.session.get(state.SESSION_ID, ""))
    await run_in_threadpool(_end_session, context_of(request), token)
    state.sign_out(request.session)
    state.flash(request.session, "info", N_("You have signed out."))
    return RedirectResponse("/signin", status_code=303)


async def language(request: Request) -> Response:
    form = await form_of(request)
    chosen = str(form.get("lang", ""))
    if chosen in i18n.LANGUAGES:
        request.session[state.LANGUAGE] = chosen
    return RedirectResponse(local_path(str(form.get("next", ""))), status_code=303)
