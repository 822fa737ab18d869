"""The JSON API for other systems (bearer token).

- ``POST /api/submissions`` ``{"deadline": "campaign/deadline", "unit": "code", "by": …,
  "note": …, "undo": false}``: records (201, or 200 when already recorded) or withdraws a
  unit's submission;
- ``GET /api/status[?campaign=C][&deadline=D]``: each deadline with its submitted,
  pending, late and unreachable units;
- ``PATCH /api/campaigns/{code}/events/{event}[?confirm=1]``: edits one event (a deadline,
  a meeting, a phase, a review, a commemoration) by a JSON merge patch (RFC 7396) of its
  item in the campaign file, e.g. ``{"due": {"date": "2026-03-20"}}``. It is saved as the
  office's form saves (`thidua.editing`): ``thidua check``'s reader and checks,
  ``thidua load``'s store, only that event's reminders planned again, in one transaction;
  the answer lists the event's occurrences with their SEQUENCE and LAST-MODIFIED. An issue
  is 422 naming the field in the event (``due.date``), in Vietnamese unless
  ``Accept-Language`` asks for English; a save that would cancel reminders already due is
  409 until sent again with ``?confirm=1``.

The signed link of the reminders (``/submit/{token}``) is `thidua.web.upload`'s.

The API is closed (403) until ``api_token`` is set; a missing or wrong token is 401.
Errors are JSON ``{"error": …, "field": …}`` naming what is wrong.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from calendars import models as m
from config.files import Issue, plain_message
from scheduler import answers
from scheduler import status as deadline_status
from submissions import records
from submissions.records import SubmissionError
from thidua import editing, exchange
from thidua.context import AppContext
from thidua.history import Author
from thidua.web.office.issue_text import translated
from translations import N_, using
from translations import gettext as _


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
        Route("/api/campaigns/{code}/events/{event}", api.edit_event, methods=["PATCH"]),
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
            return _error(
                403, _("the API is closed: set THIDUA_API_TOKEN to open it", _language(request))
            )
        scheme, _sep, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
            token.strip().encode(), expected.encode()
        ):
            return _error(
                401,
                _("missing or wrong bearer token (Authorization: Bearer …)", _language(request)),
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
            return _error(
                413,
                _(
                    "the body is larger than %(limit)d bytes",
                    _language(request),
                    limit=MAX_BODY_BYTES,
                ),
            )
        except ValueError:
            return _error(400, _("the body is not JSON", _language(request)))
        try:
            wanted = SubmissionRequest.model_validate(body)
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(part) for part in first["loc"]) or None
            with using(_language(request)):  # pydantic's error in the client's language
                return _error(422, f"{field}: {plain_message(first)}", field)
        now = self._now(request)
        try:
            with using(_language(request)):  # the reasons it gives, in the client's language
                return await run_in_threadpool(self._record, wanted, now)
        except SubmissionError as exc:
            return _error(404 if exc.missing else 422, str(exc), exc.field)

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

    # --- PATCH /api/campaigns/{code}/events/{event} ---------------------------------------

    async def edit_event(self, request: Request) -> Response:
        if (refusal := self._refused(request)) is not None:
            return refusal
        language = _language(request)
        try:
            patch = json.loads(await _bounded_body(request))
        except BodyTooLarge:
            return _error(413, _(TOO_LARGE, language, limit=MAX_BODY_BYTES))
        except ValueError:
            return _error(400, _(NOT_JSON, language))
        if not isinstance(patch, dict) or not patch:
            return _error(422, _(NOT_FIELDS, language))
        if "code" in patch:
            return _error(422, _(CODE_KEPT, language), "code")
        code, event = request.path_params["code"], request.path_params["event"]
        confirm = request.query_params.get("confirm", "") in {"1", "true", "yes"}
        try:
            edited = await run_in_threadpool(self._save_event, code, event, patch, confirm)
        except editing.NoSuchEvent as exc:
            missing = NO_CAMPAIGN if exc.field == "campaign" else NO_EVENT
            return _error(404, _(missing, language, code=code, event=event), exc.field)
        return self._edited(edited, code, event, language)

    def _save_event(
        self, code: str, event: str, patch: dict[str, Any], confirm: bool
    ) -> editing.EventSaved:
        author = Author(API_AUTHOR)
        return editing.save_event(self.context, code, event, patch, author, confirm=confirm)

    def _edited(
        self, edited: editing.EventSaved, code: str, event: str, language: str
    ) -> JSONResponse:
        saved = edited.saved
        if saved.errors:
            prefix = f"{edited.section}[{edited.index}]"
            issues = [_issue(issue, prefix, language) for issue in saved.errors]
            first = issues[0]
            return JSONResponse(
                {"error": f"{first['field']}: {first['message']}", **first, "issues": issues},
                status_code=422,
            )
        if saved.due:
            due = [_due(reminder) for reminder in saved.due]
            message = _(WOULD_CANCEL, language, count=len(due))
            return JSONResponse({"error": message, "due": due}, status_code=409)
        with self.context.database.session() as session:
            occurrences = _occurrences(session, code, event)
        return JSONResponse(
            {
                "campaign": code,
                "event": event,
                "kind": edited.section,
                "item": edited.item,
                "changed": bool(saved.report and saved.report.changed),
                "occurrences": occurrences,
            }
        )


API_AUTHOR = "API"  # who the history names for a change made through the API
NOT_JSON = N_("the body is not JSON")
TOO_LARGE = N_("the body is larger than %(limit)d bytes")
NOT_FIELDS = N_("the body must be a JSON object of the event's fields to change")
CODE_KEPT = N_("an event's code cannot be changed: its calendar events are known by it")
NO_CAMPAIGN = N_("There is no campaign %(code)s.")
NO_EVENT = N_("campaign %(code)s has no event %(event)s")
WOULD_CANCEL = N_(
    "saving would cancel %(count)d reminders already due: send it again with ?confirm=1"
)


def _language(request: Request) -> str:
    """Vietnamese, unless the client's Accept-Language puts English first."""
    first = request.headers.get("accept-language", "").split(",")[0].strip().lower()
    return "en" if first.startswith("en") else "vi"


def _issue(issue: Issue, prefix: str, language: str) -> dict[str, str]:
    """An issue with its field named within the event (``deadlines[3].due.date`` →
    ``due.date``) and its message in ``language``."""
    field = issue.field
    if field == prefix or field.startswith(f"{prefix}."):
        field = field[len(prefix) :].lstrip(".") or "event"
    return {"field": field, "message": translated(issue.message, language)}


def _due(reminder: editing.DueReminder) -> dict[str, Any]:
    return {**asdict(reminder), "fire_at": reminder.fire_at.astimezone(UTC).isoformat()}


def _occurrences(session: Any, code: str, event: str) -> list[dict[str, Any]]:
    """The event's occurrences as the feeds show them: UID, days, SEQUENCE, LAST-MODIFIED."""
    campaign = exchange.find_campaign(session, code)
    rows = session.scalars(
        select(m.Occurrence)
        .join(m.Event, m.Event.id == m.Occurrence.event_id)
        .where(m.Event.campaign_id == campaign.id, m.Event.code == event)
        .order_by(m.Occurrence.start_date, m.Occurrence.uid)
    )
    return [
        {
            "uid": occ.uid,
            "start": occ.start_date.isoformat(),
            "end": occ.end_date.isoformat(),
            "sequence": occ.sequence,
            "last_modified": occ.updated_at.astimezone(UTC).isoformat(),
            "cancelled": occ.cancelled_at is not None,
        }
        for occ in rows
    ]
