"""The JSON API for other systems (bearer token).

- ``POST /api/submissions`` ``{"deadline": "campaign/deadline", "unit": "code", "by": …,
  "note": …, "undo": false}``: records (201, or 200 when already recorded) or withdraws a
  unit's submission;
- ``GET /api/status[?campaign=C][&deadline=D]``: each deadline with its submitted,
  pending, late and unreachable units.

The signed link of the reminders (``/submit/{token}``) is `thidua.web.upload`'s.

The API is closed (403) until ``api_token`` is set; a missing or wrong token is 401.
Errors are JSON ``{"error": …, "field": …}`` naming what is wrong.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from scheduler import answers
from scheduler import status as deadline_status
from submissions import records
from submissions.records import SubmissionError
from thidua.context import AppContext


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
