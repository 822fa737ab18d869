"""Feeds over HTTP: ``/feeds/all.ics``, ``/feeds/campaigns/{code}.ics``,
``/feeds/groups/{code}.ics`` and ``/feeds/units/{token}.ics``, with ``?kind=`` and
``?alarms=1`` (and, for a unit's feed, ``?spans=1``: with the campaign-long spans).

The hot path does not touch the database. The store's counters (``calendar_version``,
``feed_tokens``, ``answers_version``) are read at most once per ``feed_check_seconds``; a
feed is cached under (query, counters, today), so an unchanged feed is answered from
memory: a 304 from its ETag, or its bytes. Such a request is answered by `CachedFeeds`,
the app's first middleware, before the office's session and guard, the router and
Starlette's request object, none of which a feed uses (they were three quarters of the
Python time of such a request); anything else goes on to the routes. A miss builds the
feed in a worker thread from fragments kept per event revision (`calendars.feeds`);
concurrent misses for one feed share one build, builds of different feeds run side by
side. Fragments rendered by a build are written to the database after the response
(`FeedServer.save_fragments`), so a restarted service reads them back instead of
rendering every event again.

HTTP: ``text/calendar; charset=utf-8``; a strong ETag and Last-Modified; If-None-Match
(which wins) and If-Modified-Since answer 304; HEAD; gzip when the client accepts it
(compressed once, with its own ETag, ``Vary: Accept-Encoding``); Cache-Control, private for
unit feeds. Shared feeds are public unless ``THIDUA_FEEDS_PUBLIC=false``; then they need
the API token, as a Bearer token or as the password of HTTP Basic (what calendar apps can
send). A unit's feed is found by its secret token only (`calendars.feeds_tokens`: derived
with the service's secret key); an unknown or rotated token is 404.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import logging
import math
import secrets
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date
from email.utils import format_datetime, parsedate_to_datetime
from functools import lru_cache
from typing import NamedTuple

from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp, Receive, Scope, Send

from calendars import feeds_tokens
from calendars.feeds import (
    Audience,
    AudienceKind,
    Feed,
    FeedBuilder,
    FeedNotFound,
    FeedQuery,
    LruCache,
    feed_state,
    parse_kinds,
)
from submissions import feed as feed_answers
from thidua.context import AppContext
from translations import gettext as _

log = logging.getLogger(__name__)
MAX_AGE = 300  # seconds a cache may reuse a feed before it asks again (with its ETag)
FEED_CACHE_BYTES = 64 * 1024 * 1024
REFRESH_AHEAD = 0.75  # of `feed_check_seconds`: the counters' age at which they are read again
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


PREFIX = "/feeds/"
UNIT_PREFIX = "/feeds/units/"
METHODS = ("GET", "HEAD")


def routes(server: FeedServer) -> list[BaseRoute]:
    methods = list(METHODS)
    return [
        Route("/feeds/all.ics", server.all_feed, methods=methods),
        Route("/feeds/campaigns/{code}.ics", server.campaign_feed, methods=methods),
        Route("/feeds/groups/{code}.ics", server.group_feed, methods=methods),
        Route(UNIT_PREFIX + "{token}.ics", server.unit_feed, methods=methods),
    ]


def middleware(server: FeedServer) -> Middleware:
    """`CachedFeeds` for the app's middleware, first (outermost) in its list."""
    return Middleware(CachedFeeds, server=server)


class CachedFeeds:
    """ASGI middleware: a feed already in memory answered at once (`FeedServer.answer_cached`);
    every other request, and a feed that must be built, checked or compressed first, goes on
    to the app (the routes below, which answer it the same way)."""

    def __init__(self, app: ASGIApp, server: FeedServer) -> None:
        self.app = app
        self.server = server

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        feed = scope["type"] == "http" and scope["path"].startswith(PREFIX)
        if not (feed and await self.server.answer_cached(scope, send)):
            await self.app(scope, receive, send)


class Asked(NamedTuple):
    """The request headers a feed's answer depends on."""

    accept_encoding: str = ""
    if_none_match: str | None = None
    if_modified_since: str | None = None
    authorization: str = ""


_ASKED = {
    b"accept-encoding": "accept_encoding",
    b"if-none-match": "if_none_match",
    b"if-modified-since": "if_modified_since",
    b"authorization": "authorization",
}


def asked(raw_headers: Iterable[tuple[bytes, bytes]]) -> Asked:
    """The headers of `Asked`, in one pass over the request's (ASGI: lower-case names; the
    first of a repeated header, as Starlette's ``Headers.get``)."""
    found: dict[str, str] = {}
    for name, value in raw_headers:
        field_name = _ASKED.get(name)
        if field_name is not None and field_name not in found:
            found[field_name] = value.decode("latin-1")
    return Asked(**found)


class Prepared(Response):
    """A response whose headers were encoded once per feed (Starlette would encode them on
    every request); each request still gets its own header list, which middleware may
    extend."""

    def __init__(self, status_code: int, raw_headers: list[tuple[bytes, bytes]], body: bytes):
        self.status_code = status_code
        self.raw_headers = list(raw_headers)
        self.body = body
        self.background = None


@dataclass
class Served:
    """A built feed and its response headers, per encoding and status, made once."""

    feed: Feed
    private: bool
    filename: str
    _raw: dict[tuple[bool, int], list[tuple[bytes, bytes]]] = field(default_factory=dict)

    def respond(self, request: Request) -> Response:
        """The answer of `answer` as a Starlette response (the routes')."""
        status, headers, body = self.answer(request.method, asked(request.headers.raw))
        return Prepared(status, headers, body)

    def answer(self, method: str, request: Asked) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
        """200 with the body (gzip when accepted), or 304 when the client's copy is current:
        the status, the headers (made once: not to be changed) and the body."""
        gzipped = accepts_gzip(request.accept_encoding)
        if not_modified(request.if_none_match, request.if_modified_since, self.feed):
            return 304, self._headers(gzipped, 304), b""
        body = self.feed.gzipped if gzipped else self.feed.body
        return 200, self._headers(gzipped, 200), b"" if method == "HEAD" else body

    def _headers(self, gzipped: bool, status: int) -> list[tuple[bytes, bytes]]:
        raw = self._raw.get((gzipped, status))
        if raw is None:
            feed = self.feed
            headers = {
                "etag": feed.gzip_etag if gzipped else feed.etag,
                "cache-control": f"{'private' if self.private else 'public'}, max-age={MAX_AGE}",
                "vary": "Accept-Encoding, Authorization",
            }
            if feed.last_modified is not None:
                headers["last-modified"] = format_datetime(feed.last_modified, usegmt=True)
            if status == 200:
                headers["content-type"] = "text/calendar; charset=utf-8"
                headers["content-disposition"] = f'inline; filename="{self.filename}"'
                headers["x-content-type-options"] = "nosniff"
                headers["content-length"] = str(len(feed.gzipped if gzipped else feed.body))
                if gzipped:
                    headers["content-encoding"] = "gzip"
            raw = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]
            self._raw[(gzipped, status)] = raw
        return raw


class FeedServer:
    """The feed routes and the caches behind them (one per app)."""

    def __init__(self, context: AppContext, *, check_seconds: float | None = None) -> None:
        self.context = context
        self.settings = context.settings
        self.check_seconds = (
            self.settings.feed_check_seconds if check_seconds is None else check_seconds
        )
        tz = self.settings.tz
        self.builder = FeedBuilder(
            self.settings,
            answers=lambda session, unit, uids: feed_answers.answered(session, unit, uids, tz),
            keep=True,
        )
        self._saving: asyncio.Future[int] | None = None
        # (query, counters, today) → feed, and the request's (path, query string, counters,
        # today) → that key: a hit needs no parsing and no lookup in the store, and however
        # many spellings of a query arrive, each feed is built and kept once.
        self.feeds: LruCache[tuple[object, ...], Served] = LruCache(
            FEED_CACHE_BYTES, weigh=lambda served: len(served.feed.body) * 5 // 4
        )
        self.spellings: LruCache[tuple[object, ...], tuple[object, ...]] = LruCache(10_000)
        self.tokens: LruCache[str, str] = LruCache(10_000)  # token hash → unit code or ""
        self._now: tuple[tuple[int, ...], date] | None = None  # (counters, today)
        self._as_of = -math.inf  # when the read that gave `_now` began (monotonic)
        self._reading: asyncio.Task[tuple[tuple[int, ...], date]] | None = None
        self._reading_since = -math.inf
        self._building: dict[tuple[object, ...], asyncio.Task[Feed]] = {}
        self._expired = 0  # how many times `expire` was called
        context.on_change.add(self)

    def expire(self) -> None:
        """Read the store's counters again at the next request (a save in this process
        was committed): its change is served without waiting for ``check_seconds``. A read
        under way may have begun before the commit: the next request does not wait for it."""
        self._expired += 1
        self._as_of = -math.inf
        self._reading = None

    # --- the middleware's fast path -----------------------------------------------------

    async def answer_cached(self, scope: Scope, send: Send) -> bool:
        """Answer a request whose feed is in memory and current, as the routes would, and
        say so; False (nothing sent) when the routes must answer it: another method, the
        counters due for a read, a spelling not seen since they moved, a private shared
        feed without the token (401), gzip not made yet (made in a worker thread)."""
        if scope["method"] not in METHODS:
            return False
        now = self._fresh()
        if now is None:
            return False
        key = self.spellings.get((scope["path"], scope["query_string"], *now))
        served = self.feeds.get(key) if key is not None else None
        if served is None:
            return False
        request = asked(scope["headers"])
        if self._guarded(scope["path"]) and not self._authorised(request.authorization):
            return False
        if served.feed.needs_gzip and accepts_gzip(request.accept_encoding):
            return False
        status, headers, body = served.answer(scope["method"], request)
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
        return True

    def _guarded(self, path: str) -> bool:
        """Whether the feed at ``path`` needs the API token (a shared feed, not public)."""
        return not self.settings.feeds_public and not path.startswith(UNIT_PREFIX)

    # --- routes ----------------------------------------------------------------------

    async def all_feed(self, request: Request) -> Response:
        return await self._shared(request, "all", "")

    async def campaign_feed(self, request: Request) -> Response:
        return await self._shared(request, "campaign", request.path_params["code"])

    async def group_feed(self, request: Request) -> Response:
        return await self._shared(request, "group", request.path_params["code"])

    async def unit_feed(self, request: Request) -> Response:
        return await self._answer(request, private=True)

    # --- the parts ---------------------------------------------------------------------

    async def _shared(self, request: Request, kind: AudienceKind, code: str) -> Response:
        authorization = request.headers.get("authorization", "")
        if not self.settings.feeds_public and not self._authorised(authorization):
            return PlainTextResponse(
                _("this feed needs the API token (THIDUA_FEEDS_PUBLIC is false)"),
                status_code=401,
                headers={"www-authenticate": 'Basic realm="thidua feeds", charset="UTF-8"'},
            )
        audience = Audience(kind, code)
        return await self._answer(request, audience, private=not self.settings.feeds_public)

    async def _answer(
        self, request: Request, audience: Audience | None = None, *, private: bool
    ) -> Response:
        """The hot path: one dictionary lookup when the feed is cached; else parse, find the
        audience (a unit by its token) and build."""
        counters, today = await self._current()
        scope = request.scope
        spelling = (scope["path"], scope["query_string"], counters, today)  # as answer_cached
        key = self.spellings.get(spelling)
        served = self.feeds.get(key) if key is not None else None
        if served is None:
            try:
                query = FeedQuery(
                    audience or await self._unit_audience(request),
                    kinds=parse_kinds(request.query_params.getlist("kind")),
                    alarms=_flag("alarms", request.query_params.get("alarms", "")),
                    spans=_flag("spans", request.query_params.get("spans", "")),
                )
                key = (query, counters, today)
                served = self.feeds.get(key) or await self._build_served(key, private)
            except ValueError as exc:
                return PlainTextResponse(str(exc), status_code=400)
            except FeedNotFound as exc:
                return PlainTextResponse(str(exc), status_code=404)
            self.spellings.put(spelling, key)
        if served.feed.needs_gzip and accepts_gzip(request.headers.get("accept-encoding", "")):
            await run_in_threadpool(served.feed.compress)  # once, and not in the event loop
        return served.respond(request)

    async def _unit_audience(self, request: Request) -> Audience:
        token = request.path_params["token"]
        digest = feeds_tokens.hash_token(token)
        unit = self.tokens.get(digest)
        if unit is None:
            unit = await run_in_threadpool(self._resolve, token) or ""
            self.tokens.put(digest, unit)
        if not unit:
            raise FeedNotFound(_("no such feed"))
        return Audience("unit", unit)

    async def _build_served(self, key: tuple[object, ...], private: bool) -> Served:
        """Build in a worker thread; concurrent requests for one feed share the build."""
        query, _, today = key
        assert isinstance(query, FeedQuery) and isinstance(today, date)
        task = self._building.get(key)
        if task is None:
            task = asyncio.ensure_future(run_in_threadpool(self._build, query, today))
            self._building[key] = task
            task.add_done_callback(lambda _task: self._building.pop(key, None))
        feed = await asyncio.shield(task)
        if self._saving is None or self._saving.done():
            # Off the request path: the response does not wait for the database's write lock.
            self._saving = asyncio.ensure_future(run_in_threadpool(self.save_fragments))
        served = self.feeds.get(key)
        if served is None:
            served = Served(feed, private, f"{query.audience.code or 'thidua'}.ics")
            self.feeds.put(key, served)
        return served

    def _build(self, query: FeedQuery, today: date) -> Feed:
        with self.context.database.reader() as session:  # gzip: when a client asks for it
            return self.builder.build(session, query, today)

    def save_fragments(self) -> int:
        """Write the fragments rendered so far to the database, each batch in a transaction
        of its own, so that a restart serves its first requests from them. A failure (the
        database busy or read-only) is logged: those events are rendered again after a
        restart, nothing else is lost."""
        total = 0
        try:
            while True:
                with self.context.database.session() as session, session.begin():
                    saved = self.builder.save(session)
                if not saved:
                    return total
                total += saved
        except SQLAlchemyError as exc:
            log.warning("feed fragments not kept in the database: %s", exc)
            return total

    async def flush(self) -> None:
        """Wait for the fragments being written (a test, or a server shutting down)."""
        while self._saving is not None and not self._saving.done():
            await self._saving

    async def _current(self) -> tuple[tuple[int, ...], date]:
        """The store's counters and today's date, as read less than ``check_seconds`` ago.

        One read at a time, in a worker thread: the requests that find the state too old
        wait for the same read (each starting its own made every request of a busy moment
        query the store, and their threads took the interpreter from the event loop). Past
        `REFRESH_AHEAD` of its age the state is read again in the background, so that under
        steady traffic no request waits for the store at all."""
        fresh = self._fresh()
        if fresh is not None:
            return fresh
        now, reading = time.monotonic(), self._reading_now()
        if reading is None or now - self._reading_since >= self.check_seconds:
            reading = self._start_read(now)  # none under way, or begun too long ago
        return await asyncio.shield(reading)

    def _fresh(self) -> tuple[tuple[int, ...], date] | None:
        """The counters and today's date if read less than ``check_seconds`` ago (starting
        the background read past `REFRESH_AHEAD` of that age), else None."""
        now = time.monotonic()
        age = now - self._as_of
        if self._now is None or age >= self.check_seconds:
            return None
        if age >= self.check_seconds * REFRESH_AHEAD and self._reading_now() is None:
            self._start_read(now)
        return self._now

    def _reading_now(self) -> asyncio.Task[tuple[tuple[int, ...], date]] | None:
        """The read under way in this event loop, if any."""
        reading = self._reading
        if reading is not None and reading.get_loop() is not asyncio.get_running_loop():
            return None  # left by a loop that has ended (a test client's)
        return reading

    def _start_read(self, since: float) -> asyncio.Task[tuple[tuple[int, ...], date]]:
        task = asyncio.ensure_future(self._read(since))
        self._reading, self._reading_since = task, since
        task.add_done_callback(self._read_done)
        return task

    def _read_done(self, task: asyncio.Task[tuple[tuple[int, ...], date]]) -> None:
        if self._reading is task:
            self._reading = None
        if not task.cancelled() and task.exception() is not None:
            # Also retrieved for a background read that no request awaits; requests that
            # await it get the error itself.
            log.warning("feed counters not read: %s", task.exception())

    async def _read(self, since: float) -> tuple[tuple[int, ...], date]:
        expired = self._expired
        counters = await run_in_threadpool(self._read_state)
        if since >= self._as_of:  # a read begun earlier does not replace a later one
            if self._now is None or counters != self._now[0]:
                self.tokens.clear()
            today = self.context.now().astimezone(self.settings.tz).date()
            # A change committed while the counters were read may not be in them: then
            # the next request reads them again.
            as_of = since if expired == self._expired else -math.inf
            self._now, self._as_of = (counters, today), as_of
        assert self._now is not None
        return self._now

    def _read_state(self) -> tuple[int, ...]:
        with self.context.database.reader() as session:
            return feed_state(session)

    def _resolve(self, token: str) -> str | None:
        with self.context.database.reader() as session:
            return feeds_tokens.unit_for_token(session, self.settings.effective_secret_key(), token)

    def _authorised(self, authorization: str) -> bool:
        expected = self.settings.api_token
        given = credential(authorization)
        return bool(expected) and given is not None and secrets.compare_digest(given, expected)


def credential(authorization: str) -> str | None:
    """The secret of ``Bearer TOKEN`` or the password of ``Basic base64(user:password)``."""
    scheme, _, value = authorization.partition(" ")
    scheme = scheme.lower()
    if scheme == "bearer":
        return value.strip() or None
    if scheme == "basic":
        try:
            decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None
        return decoded.partition(":")[2] or None
    return None


def not_modified(if_none_match: str | None, since_text: str | None, feed: Feed) -> bool:
    """RFC 9110 §13.2.2: If-None-Match (weak comparison) decides when present; otherwise
    If-Modified-Since against Last-Modified."""
    if if_none_match in (feed.etag, feed.gzip_etag):
        return True  # the usual case, without parsing a list
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or feed.etag in tags or feed.gzip_etag in tags
    if not since_text or feed.last_modified is None:
        return False
    try:
        since = parsedate_to_datetime(since_text)
    except (TypeError, ValueError):
        return False
    if since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    return feed.last_modified <= since


@lru_cache(maxsize=256)  # clients send a few spellings, each parsed once
def accepts_gzip(accept_encoding: str) -> bool:
    """Whether ``Accept-Encoding`` admits gzip (``gzip;q=0`` refuses it)."""
    if "gzip" not in accept_encoding and "*" not in accept_encoding:
        return False
    for part in accept_encoding.split(","):
        name, _, params = part.partition(";")
        if name.strip().lower() not in {"gzip", "x-gzip", "*"}:
            continue
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            return True
    return False


def _flag(name: str, value: str) -> bool:
    text = value.strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(
        _("%(name)s=%(value)s: write %(name)s=1 or %(name)s=0", name=name, value=repr(value))
    )
