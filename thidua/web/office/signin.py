"""Sign-in, sign-out and the language switch.

After signing in, the user goes back to the page that sent them to sign in (``next``),
which must be a path of this site: never another host.
"""

from __future__ import annotations

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
    try:
        found = await run_in_threadpool(_authenticate, context, username, password)
    except accounts.AccountLocked as locked:
        found = None
        until = locked.until.astimezone(context.settings.tz)
        error = translate(
            request,
            N_("Too many failed attempts: this account can sign in again after %(time)s."),
            time=f"{until:%H:%M}",
        )
    if found is None:
        error = error or translate(
            request, N_("Wrong username or password, or the account is disabled.")
        )
        return page(
            request,
            "signin.html",
            {"next": target, "error": error, "username": username},
            status_code=200,
        )
    user, fingerprint = found
    state.sign_in(request.session, user, fingerprint)
    return RedirectResponse(target, status_code=303)


def _authenticate(
    context: AppContext, username: str, password: str
) -> tuple[StaffUser, str] | None:
    with context.database.reader() as session:  # the slow hash under no write lock
        checked = accounts.check_password(session, username, password)
    with context.database.session() as session, session.begin():
        user = accounts.authenticate(
            session, username, password, now=context.now(), checked=checked
        )
        if user is None:
            return None
        return accounts.staff(user), accounts.fingerprint(user)


async def signout(request: Request) -> Response:
    state.sign_out(request.session)
    state.flash(request.session, "info", N_("You have signed out."))
    return RedirectResponse("/signin", status_code=303)


async def language(request: Request) -> Response:
    form = await form_of(request)
    chosen = str(form.get("lang", ""))
    if chosen in i18n.LANGUAGES:
        request.session[state.LANGUAGE] = chosen
    return RedirectResponse(local_path(str(form.get("next", ""))), status_code=303)
