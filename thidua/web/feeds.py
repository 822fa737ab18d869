"""Feeds over HTTP: ``/feeds/all.ics``, ``/feeds/campaigns/{code}.ics``,
``/feeds/groups/{code}.ics`` and ``/feeds/units/{token}.ics``, with ``?kind=`` and
``?alarms=1``.

The hot path does not touch the database. The store's counters (``calendar_version``,
``feed_tokens``) are read at most once per ``feed_check_seconds``; a feed is cached under
(query, counters, today), so an unchanged feed is answered from memory: a 304 from its
ETag, or its bytes. A miss builds the feed in a worker thread from fragments kept per event
revision (`calendars.feeds`); concurrent misses for one feed share one build.

HTTP: ``text/calendar; charset=utf-8``; a strong ETag and Last-Modified; If-None-Match
(which wins) and If-Modified-Since answer 304; HEAD; gzip when the client accepts it
(compressed once, with its own ETag, ``Vary: Accept-Encoding``); Cache-Control, private for
unit feeds. Shared feeds are public unless ``THIDUA_FEEDS_PUBLIC=false``; then they need
the API token, as a Bearer token or as the password of HTTP Basic (what calendar apps can
send). A unit's feed is found by its secret token only; an unknown or rotated token is 404.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import math
import secrets
import time
from dataclasses import dataclass, field
from datetime import UTC, date
from email.utils import format_datetime, parsedate_to_datetime

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from calendars import feeds_tokens
from calendars.feeds import (
    Audience,
    Feed,
    FeedBuilder,
    FeedNotFound,
    FeedQuery,
    LruCache,
    feed_state,
    parse_kinds,
)
from thidua.context import AppContext

MAX_AGE = 300  # seconds a cache may reuse a feed before it asks again (with its ETag)
FEED_CACHE_BYTES = 64 * 1024 * 1024
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def routes(context: AppContext) -> list[BaseRoute]:
    server = FeedServer(context)
    methods = ["GET", "HEAD"]
    return [
        Route("/feeds/all.ics", server.all_feed, methods=methods),
        Route("/feeds/campaigns/{code}.ics", server.campaign_feed, methods=methods),
        Route("/feeds/groups/{code}.ics", server.group_feed, methods=methods),
        Route("/feeds/units/{token}.ics", server.unit_feed, methods=methods),
    ]


@dataclass
class Served:
    """A feed with the response headers of each encoding, made once."""

    feed: Feed
    private: bool
    filename: str
    _headers: dict[bool, dict[str, str]] = field(default_factory=dict)

    def headers(self, gzipped: bool) -> dict[str, str]:
        headers = self._headers.get(gzipped)
        if headers is None:
            headers = {
                "etag": self.feed.gzip_etag if gzipped else self.feed.etag,
                "cache-control": f"{'private' if self.private else 'public'}, max-age={MAX_AGE}",
                "vary": "Accept-Encoding, Authorization",
            }
            if self.feed.last_modified is not None:
                headers["last-modified"] = format_datetime(self.feed.last_modified, usegmt=True)
            self._headers[gzipped] = headers
        return headers


class FeedServer:
    """The feed routes and the caches behind them (one per app)."""

    def __init__(self, context: AppContext, *, check_seconds: float | None = None) -> None:
        self.context = context
        self.settings = context.settings
        self.check_seconds = (
            self.settings.feed_check_seconds if check_seconds is None else check_seconds
        )
        self.builder = FeedBuilder(self.settings)
        self.feeds: LruCache[tuple[object, ...], Served] = LruCache(
            FEED_CACHE_BYTES, weigh=lambda served: len(served.feed.body) * 5 // 4
        )
        self.tokens: LruCache[str, str] = LruCache(10_000)  # token hash → unit code or ""
        self._state: tuple[int, int] | None = None
        self._checked = -math.inf
        self._building: dict[tuple[object, ...], asyncio.Task[Feed]] = {}

    # --- routes ----------------------------------------------------------------------

    async def all_feed(self, request: Request) -> Response:
        return await self._shared(request, Audience("all"), "thidua.ics")

    async def campaign_feed(self, request: Request) -> Response:
        code = request.path_params["code"]
        return await self._shared(request, Audience("campaign", code), f"{code}.ics")

    async def group_feed(self, request: Request) -> Response:
        code = request.path_params["code"]
        return await self._shared(request, Audience("group", code), f"{code}.ics")

    async def unit_feed(self, request: Request) -> Response:
        unit = await self._unit_for(request.path_params["token"])
        if not unit:
            return PlainTextResponse("no such feed", status_code=404)
        return await self._serve(request, Audience("unit", unit), f"{unit}.ics", private=True)

    # --- the parts ---------------------------------------------------------------------

    async def _shared(self, request: Request, audience: Audience, filename: str) -> Response:
        if not self.settings.feeds_public and not self._authorised(request.headers):
            return PlainTextResponse(
                "this feed needs the API token (THIDUA_FEEDS_PUBLIC is false)",
                status_code=401,
                headers={"www-authenticate": 'Basic realm="thidua feeds", charset="UTF-8"'},
            )
        return await self._serve(
            request, audience, filename, private=not self.settings.feeds_public
        )

    async def _serve(
        self, request: Request, audience: Audience, filename: str, *, private: bool
    ) -> Response:
        try:
            query = FeedQuery(
                audience,
                kinds=parse_kinds(request.query_params.getlist("kind")),
                alarms=_flag("alarms", request.query_params.get("alarms", "")),
            )
        except ValueError as exc:
            return PlainTextResponse(str(exc), status_code=400)
        try:
            served = await self._served(query, filename, private)
        except FeedNotFound as exc:
            return PlainTextResponse(str(exc), status_code=404)
        return respond(request, served)

    async def _served(self, query: FeedQuery, filename: str, private: bool) -> Served:
        state = await self._current_state()
        today = self.context.now().astimezone(self.settings.tz).date()
        key = (query, state, today)
        served = self.feeds.get(key)
        if served is not None:
            return served
        task = self._building.get(key)
        if task is None:
            task = asyncio.ensure_future(run_in_threadpool(self._build, query, today))
            self._building[key] = task
            task.add_done_callback(lambda _task: self._building.pop(key, None))
        feed = await asyncio.shield(task)
        served = self.feeds.get(key)
        if served is None:
            served = Served(feed, private, filename)
            self.feeds.put(key, served)
        return served

    def _build(self, query: FeedQuery, today: date) -> Feed:
        with self.context.database.session() as session:
            feed = self.builder.build(session, query, today)
        feed.gzipped  # noqa: B018 - compress here, in a worker thread, not in the event loop
        return feed

    async def _current_state(self) -> tuple[int, int]:
        """The store's counters, read at most once per ``check_seconds``."""
        now = time.monotonic()
        if self._state is None or now - self._checked >= self.check_seconds:
            state = await run_in_threadpool(self._read_state)
            if state != self._state:
                self.tokens.clear()
            self._state, self._checked = state, now
        return self._state

    def _read_state(self) -> tuple[int, int]:
        with self.context.database.session() as session:
            return feed_state(session)

    async def _unit_for(self, token: str) -> str:
        await self._current_state()
        digest = feeds_tokens.hash_token(token)
        unit = self.tokens.get(digest)
        if unit is None:
            unit = await run_in_threadpool(self._resolve, token) or ""
            self.tokens.put(digest, unit)
        return unit

    def _resolve(self, token: str) -> str | None:
        with self.context.database.session() as session:
            return feeds_tokens.unit_for_token(session, token)

    def _authorised(self, headers: Headers) -> bool:
        expected = self.settings.api_token
        given = credential(headers.get("authorization", ""))
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


def respond(request: Request, served: Served) -> Response:
    """200 with the body (gzip when accepted), or 304 when the client's copy is current."""
    gzipped = accepts_gzip(request.headers.get("accept-encoding", ""))
    headers = dict(served.headers(gzipped))
    if not_modified(request.headers, served.feed):
        return Response(status_code=304, headers=headers)
    body = served.feed.gzipped if gzipped else served.feed.body
    headers["content-type"] = "text/calendar; charset=utf-8"
    headers["content-disposition"] = f'inline; filename="{served.filename}"'
    headers["x-content-type-options"] = "nosniff"
    headers["content-length"] = str(len(body))
    if gzipped:
        headers["content-encoding"] = "gzip"
    return Response(b"" if request.method == "HEAD" else body, headers=headers)


def not_modified(headers: Headers, feed: Feed) -> bool:
    """RFC 9110 §13.2.2: If-None-Match (weak comparison) decides when present; otherwise
    If-Modified-Since against Last-Modified."""
    if_none_match = headers.get("if-none-match")
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or feed.etag in tags or feed.gzip_etag in tags
    since_text = headers.get("if-modified-since")
    if not since_text or feed.last_modified is None:
        return False
    try:
        since = parsedate_to_datetime(since_text)
    except (TypeError, ValueError):
        return False
    if since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    return feed.last_modified <= since


def accepts_gzip(accept_encoding: str) -> bool:
    """Whether ``Accept-Encoding`` admits gzip (``gzip;q=0`` refuses it)."""
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
    raise ValueError(f"{name}={value!r}: write {name}=1 or {name}=0")
