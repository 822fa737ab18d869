"""What stands in front of every office page: sign-in, CSRF tokens and security headers.

One ASGI middleware, so that a new page is protected without doing anything:

- paths of other rooms that carry their own credentials (`FOREIGN_PREFIXES`: feeds with
  unguessable tokens, the API with its bearer token, the signed submission link; and
  ``/health``) pass untouched;
- every other request is an office request. Signed out, it is redirected to the sign-in
  page, except the few `OPEN_PATHS` (sign-in, the language switch) and static files;
- every office request with a method that changes something must carry the session's CSRF
  token (form field ``csrf_token`` or header ``X-CSRF-Token``): missing or wrong → 403;
- every office response gets a strict Content-Security-Policy (no inline script, no
  framing), ``nosniff``, a same-origin referrer policy, and — for signed-in pages —
  ``Cache-Control: no-store``, so that a shared office computer keeps no copy.

The user is read from the store on every request, so disabling a user (``thidua users
disable``) or changing their password ends their sessions at once.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from urllib.parse import quote

from starlette.authentication import UnauthenticatedUser
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.requests import HTTPConnection, Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from thidua import users as accounts
from thidua.context import AppContext
from thidua.models import User
from thidua.users import StaffUser
from thidua.web.office import state
from thidua.web.office.i18n import N_
from thidua.web.office.render import FORM_LIMITS, error_page, language_of
from translations import gettext as _
from translations import using

FOREIGN_PREFIXES = ("/feeds/", "/api/", "/submit/")
FOREIGN_PATHS = frozenset({"/health"})
OPEN_PATHS = frozenset({"/signin", "/language"})
STATIC_PREFIX = "/static/"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
MAX_BODY_BYTES = 16 * 1024 * 1024
SIGNIN_PATH = "/signin"

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def is_foreign(path: str) -> bool:
    return path in FOREIGN_PATHS or path.startswith(FOREIGN_PREFIXES)


def is_open(path: str) -> bool:
    return path in OPEN_PATHS or path.startswith(STATIC_PREFIX)


class BodyTooLarge(Exception):
    pass


class OfficeGuard:
    """The middleware; see the module's docstring."""

    def __init__(self, app: ASGIApp, context: AppContext) -> None:
        self.app = app
        self.context = context

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or is_foreign(scope["path"]):
            await self.app(scope, receive, send)
            return
        if scope["path"].startswith(STATIC_PREFIX):  # public files: no user to look up
            await self.app(scope, receive, _with_security_headers(send, private=False))
            return
        connection = HTTPConnection(scope)
        user = await run_in_threadpool(signed_in_user, self.context, connection.session)
        scope["user"] = user or UnauthenticatedUser()
        send = _with_security_headers(send, private=user is not None)
        if user is None and not is_open(scope["path"]):
            await _signin_redirect(connection)(scope, receive, send)
            return
        if scope["method"] not in SAFE_METHODS:
            try:
                body = await _read_body(receive)
            except BodyTooLarge:
                too_large = _("request too large", language_of(connection))
                await PlainTextResponse(too_large, 413)(scope, receive, send)
                return
            receive = _replay(body)
            if not await _csrf_ok(scope, body):
                response = error_page(
                    connection,
                    403,
                    N_(
                        "This form has expired or did not come from this site. "
                        "Go back, reload the page and send it again."
                    ),
                )
                await response(scope, receive, send)
                return
        # The page's language is the current one while it is made, so that a message made
        # on the way (a file's issue, a setting's error) speaks it too.
        with using(language_of(connection)):
            await self.app(scope, receive, send)


def signed_in_user(context: AppContext, session: state.Session) -> StaffUser | None:
    """The session's user while still active and with the same password; else None (and
    the session forgets them)."""
    user_id = session.get(state.USER_ID)
    if user_id is None:
        return None
    with context.database.session() as db:
        user = db.get(User, user_id)
        if (
            user is None
            or not user.active
            or not secrets.compare_digest(
                accounts.fingerprint(user), str(session.get(state.FINGERPRINT, ""))
            )
            or not accounts.session_is_live(db, user.id, str(session.get(state.SESSION_ID, "")))
        ):
            state.sign_out(session)
            return None
        return accounts.staff(user)


def _signin_redirect(connection: HTTPConnection) -> Response:
    target = SIGNIN_PATH
    if connection.scope["method"] in SAFE_METHODS:
        here = connection.url.path + (f"?{connection.url.query}" if connection.url.query else "")
        if here != "/":
            target += "?next=" + quote(here, safe="")
    return RedirectResponse(target, status_code=303)


async def _read_body(receive: Receive) -> bytes:
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise BodyTooLarge
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes) -> Receive:
    """A ``receive`` that hands the app the body the guard has already read."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return {"type": "http.disconnect"}

    return receive


async def _csrf_ok(scope: Scope, body: bytes) -> bool:
    expected = scope["session"].get(state.CSRF)
    if not expected:
        return False
    request = Request(scope, _replay(body))
    given = request.headers.get(CSRF_HEADER)
    if given is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        try:
            async with request.form(**FORM_LIMITS) as form:
                value = form.get(CSRF_FIELD)
                given = value if isinstance(value, str) else None
        except (HTTPException, MultiPartException):  # an unreadable form has no valid token
            return False
    return given is not None and secrets.compare_digest(given.encode(), str(expected).encode())


def _with_security_headers(send: Send, *, private: bool) -> Callable[[Message], Awaitable[None]]:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = MutableHeaders(scope=message)
            for name, value in SECURITY_HEADERS.items():
                headers.setdefault(name, value)
            if private:
                headers["Cache-Control"] = "no-store"
        await send(message)

    return wrapped
