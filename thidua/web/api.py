"""The JSON API for other systems (bearer token) and the signed submission link.

- ``POST /api/submissions`` ``{"deadline": "campaign/deadline", "unit": "code", "by": …,
  "note": …, "undo": false}``: records (201, or 200 when already recorded) or withdraws a
  unit's submission;
- ``GET /api/status[?campaign=C][&deadline=D]``: each deadline with its submitted,
  pending, late and unreachable units;
- ``GET /submit/{token}``: the "Đã gửi báo cáo" link of a reminder. It shows the unit and
  the deadline and asks to confirm; ``POST`` (the page's button) records the submission and
  comes back to the page, which then says it is recorded. Recording on GET would let mail
  scanners, which open every link of a message, submit for the unit.

The API is closed (403) until ``api_token`` is set; a missing or wrong token is 401.
Errors are JSON ``{"error": …, "field": …}`` naming what is wrong.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from importlib import resources
from typing import Any

from jinja2 import Environment, select_autoescape
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from scheduler import answers
from scheduler import status as deadline_status
from submissions import links, records
from submissions.records import SubmissionError
from thidua.context import AppContext

_pages = Environment(autoescape=select_autoescape(default=True), trim_blocks=True)
_SUBMIT_PAGE = _pages.from_string(
    resources.files(__package__).joinpath("templates/submit_link.html").read_text("utf-8")
)
_PRIVATE = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",  # the token is in the URL
    "X-Robots-Tag": "noindex",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # The page is one form with inline styles: nothing else may load, run or frame it.
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'"
    ),
}


class SubmissionRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    deadline: str = Field(min_length=1, max_length=300)
    unit: str = Field(min_length=1, max_length=64)
    by: str | None = Field(default=None, max_length=200)
    note: str | None = Field(default=None, max_length=2000)
    undo: bool = False


def routes(context: AppContext) -> list[BaseRoute]:
    api = Api(context)
    return [
        Route("/api/submissions", api.submissions, methods=["POST"]),
        Route("/api/status", api.status, methods=["GET"]),
        Route(links.PATH + "{token}", api.submit_link, methods=["GET", "POST"]),
    ]


def _error(status: int, message: str, field: str | None = None, **headers: str) -> JSONResponse:
    body: dict[str, Any] = {"error": message}
    if field is not None:
        body["field"] = field
    return JSONResponse(body, status_code=status, headers=headers or None)


MAX_BODY_BYTES = 64 * 1024  # a submission is a few hundred bytes


class BodyTooLarge(Exception):
    """The request says, or turns out, to be larger than MAX_BODY_BYTES."""


async def _bounded_body(request: Request) -> bytes:
    """The body, refused before it is read when Content-Length is too large, and refused as
    soon as the bytes received pass the limit when it lies or is absent (chunked)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise BodyTooLarge
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise BodyTooLarge
        chunks.append(chunk)
    return b"".join(chunks)


class Api:
    def __init__(self, context: AppContext) -> None:
        self.context = context
        self.settings = context.settings

    def _now(self, request: Request) -> datetime:
        clock: Callable[[], datetime] = getattr(request.app.state, "clock", self.context.now)
        return clock()

    def _refused(self, request: Request) -> JSONResponse | None:
        """None when the request carries the API's bearer token."""
        expected = self.settings.api_token
        if not expected:
            return _error(403, "the API is closed: set THIDUA_API_TOKEN to open it")
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
            token.strip().encode(), expected.encode()
        ):
            return _error(
                401,
                "missing or wrong bearer token (Authorization: Bearer …)",
                **{"WWW-Authenticate": 'Bearer realm="thidua"'},
            )
        return None

    # --- POST /api/submissions ---------------------------------------------------------

    async def submissions(self, request: Request) -> Response:
        if (refusal := self._refused(request)) is not None:
            return refusal
        try:
            body = json.loads(await _bounded_body(request))
        except BodyTooLarge:
            return _error(413, f"the body is larger than {MAX_BODY_BYTES} bytes")
        except ValueError:
            return _error(400, "the body is not JSON")
        try:
            wanted = SubmissionRequest.model_validate(body)
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(part) for part in first["loc"]) or None
            return _error(422, f"{field}: {first['msg']}", field)
        now = self._now(request)
        try:
            return await run_in_threadpool(self._record, wanted, now)
        except SubmissionError as exc:
            return _error(404 if str(exc).startswith("no ") else 422, str(exc), exc.field)

    def _record(self, wanted: SubmissionRequest, now: datetime) -> JSONResponse:
        with self.context.database.session() as session, session.begin():
            occurrence = records.find_deadline(session, wanted.deadline, self.settings.uid_domain)
            unit = records.find_unit(session, wanted.unit)
            if wanted.undo:
                revoked = answers.undo(session, occurrence, unit, now=now, by=wanted.by)
                state = "withdrawn" if revoked else "not_recorded"
                return JSONResponse(
                    {"status": state, "deadline": occurrence.uid, "unit": unit.code}
                )
            recorded = answers.record(
                session,
                occurrence,
                unit,
                now=now,
                source="api",
                by=wanted.by,
                note=wanted.note,
            )
            sub = recorded.submission
            body = {
                "status": "recorded" if recorded.created else "already_recorded",
                "deadline": occurrence.uid,
                "unit": unit.code,
                "submitted_at": sub.submitted_at.astimezone(UTC).isoformat(),
                "source": sub.source,
                "by": sub.by,
                "note": sub.note,
            }
        return JSONResponse(body, status_code=201 if recorded.created else 200)

    # --- GET /api/status ---------------------------------------------------------------

    async def status(self, request: Request) -> Response:
        if (refusal := self._refused(request)) is not None:
            return refusal
        campaign = request.query_params.get("campaign")
        deadline = request.query_params.get("deadline")
        today = self._now(request).astimezone(self.settings.tz).date()
        try:
            records = await run_in_threadpool(self._status, today, campaign, deadline)
        except SubmissionError as exc:
            return _error(404, str(exc), exc.field)
        return JSONResponse(records)

    def _status(self, today: date, campaign: str | None, deadline: str | None) -> list[Any]:
        with self.context.database.session() as session:
            ids = None
            if deadline:
                occ = records.find_deadline(session, deadline, self.settings.uid_domain)
                ids = [occ.id]
            found = deadline_status.deadlines(session, today, campaign=campaign, occurrence_ids=ids)
            return [s.record() for s in found]

    # --- /submit/{token} ---------------------------------------------------------------

    async def submit_link(self, request: Request) -> Response:
        token = request.path_params["token"]
        now = self._now(request)
        page = await run_in_threadpool(self._link_page, token, now, request.method == "POST")
        if request.method == "POST" and page.status_code == 200:
            return RedirectResponse(str(request.url), status_code=303, headers=_PRIVATE)
        return page

    def _link_page(self, token: str, now: datetime, confirm: bool) -> HTMLResponse:
        today = now.astimezone(self.settings.tz).date()
        try:
            link = links.read_token(self.settings.effective_secret_key(), token)
        except links.InvalidLink:
            return self._page(400, "invalid")
        if link.expired(today):
            return self._page(410, "expired", valid_until=link.valid_until)
        with self.context.database.session() as session, session.begin():
            try:
                occurrence = records.find_deadline(
                    session, link.occurrence_uid, self.settings.uid_domain
                )
                unit = records.find_unit(session, link.unit_code)
            except SubmissionError:
                return self._page(410, "gone")
            if occurrence.cancelled_at is not None:
                return self._page(410, "gone")
            facts = {
                "unit": unit.name,
                "title": occurrence.title,
                "what": occurrence.details.get("what", occurrence.title),
                "wording": occurrence.details.get("wording", ""),
                "effective_date": occurrence.end_date,
                "campaign": occurrence.campaign.title,
            }
            existing = records.standing(session, occurrence.id, unit.id)
            if existing is None and confirm:
                try:
                    answers.record(session, occurrence, unit, now=now, source="link")
                except SubmissionError:
                    return self._page(410, "gone")
                return HTMLResponse("", status_code=200)  # redirected to the page (PRG)
            if existing is not None:
                when = existing.submitted_at.astimezone(self.settings.tz)
                return self._page(200, "recorded", submitted_at=when, **facts)
            return self._page(200, "confirm", **facts)

    def _page(self, status: int, state: str, **facts: Any) -> HTMLResponse:
        html = _SUBMIT_PAGE.render(state=state, lang=self.settings.language, **facts)
        return HTMLResponse(html, status_code=status, headers=_PRIVATE)
