"""The unit's page behind the signed link of a reminder (``/submit/{token}``): upload the
report, or say it went another way.

``GET`` shows the unit, the deadline and where the unit stands (chưa gửi, chờ duyệt, trả
lại with the office's reason, đã duyệt), with two forms: the report itself (PDF, Word or
Excel, checked by content in `submissions.filecheck`, and a note), and the one-click "Đã
gửi báo cáo" for a report sent by other channels. ``POST`` records, then comes back to the
page (PRG) and mails the unit a receipt for a file. Nothing is recorded on ``GET``: mail
scanners open every link of a message.

The link is the unit's credential; the forms also carry a token derived from it with the
service's key (CSRF: a page elsewhere cannot post for the unit without having read this
one). The body is bounded before it is parsed: ``upload_max_bytes`` plus room for the form.
A refused file is said in the page's language (Vietnamese first) and nothing is stored.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import Message, Receive

from calendars import models as m
from notifiers.base import Notice
from scheduler import answers, receipts
from submissions import links, records, review, storage
from submissions.filecheck import ReportRefused, size_text
from submissions.records import SubmissionError
from thidua.context import AppContext
from thidua.web.office.render import environment
from translations import N_, using

FORM_ROOM = 64 * 1024  # the note, the token and the multipart framing
PRIVATE = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",  # the token is in the URL
    "X-Robots-Tag": "noindex",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # The page is two forms with inline styles: nothing else may load, run or frame it.
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'"
    ),
}


def routes(context: AppContext) -> list[BaseRoute]:
    page = UploadPage(context)
    return [Route(links.PATH + "{token}", page.handle, methods=["GET", "POST"])]


class BodyTooLarge(Exception):
    """The request says, or turns out, to be larger than the form may be."""


@dataclass
class Posted:
    csrf: str
    action: str
    filename: str | None = None
    data: bytes | None = None
    note: str | None = None


class UploadPage:
    def __init__(self, context: AppContext) -> None:
        self.context = context
        self.settings = context.settings

    def _now(self, request: Request) -> datetime:
        return getattr(request.app.state, "clock", self.context.now)()  # type: ignore[no-any-return]

    def csrf_for(self, token: str) -> str:
        key = self.settings.effective_secret_key().encode()
        return hmac.new(key, b"submit-form:" + token.encode(), hashlib.sha256).hexdigest()

    async def handle(self, request: Request) -> Response:
        token = request.path_params["token"]
        now = self._now(request)
        if request.method != "POST":
            return await run_in_threadpool(self.show, token, now)
        try:
            posted = await self._read_form(request)
        except BodyTooLarge:
            return await run_in_threadpool(
                self.show,
                token,
                now,
                error=N_("The file is larger than the limit of %(limit)s."),
                params={"limit": size_text(self.settings.upload_max_bytes)},
                status=413,
            )
        except (MultiPartException, ValueError):
            posted = Posted(csrf="", action="")
        if not hmac.compare_digest(posted.csrf, self.csrf_for(token)):
            return await run_in_threadpool(
                self.show,
                token,
                now,
                error=N_("This form has expired: open the link from the e-mail again."),
                status=403,
            )
        outcome = await run_in_threadpool(self.record, token, now, posted)
        if isinstance(outcome, Response):
            return outcome
        if outcome is not None:  # a file came in: the unit gets its receipt
            await run_in_threadpool(receipts.send, self.settings, outcome, now)
        return RedirectResponse(str(request.url), status_code=303, headers=PRIVATE)

    async def _read_form(self, request: Request) -> Posted:
        limit = self.settings.upload_max_bytes + FORM_ROOM
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise BodyTooLarge
        bounded = Request(request.scope, _bounded(request.receive, limit))
        async with bounded.form(max_files=1, max_fields=4, max_part_size=FORM_ROOM) as form:
            upload = form.get("report")
            posted = Posted(
                csrf=str(form.get("csrf_token", "")),
                action=str(form.get("action", "")),
                note=str(form.get("note", "")) or None,
            )
            if isinstance(upload, UploadFile):
                posted.filename = upload.filename or ""
                posted.data = await upload.read(limit + 1)
        return posted

    # --- in the thread pool ------------------------------------------------------------

    def record(self, token: str, now: datetime, posted: Posted) -> Response | Notice | None:
        """The page again (refused or gone), a receipt notice to send, or None."""
        found = self._link(token, now)
        if isinstance(found, Response):
            return found
        for attempt in (1, 2):
            try:
                return self._store(found, now, posted)
            except IntegrityError:  # the unit's other upload recorded first: join it
                if attempt == 2:
                    raise
            except SubmissionError:
                return self._page(410, "gone")
            except ReportRefused as refused:  # rolled back: nothing of it is kept
                return self.show(token, now, error=refused.msgid, params=refused.params, status=422)
        raise AssertionError("unreachable")

    def _store(self, found: links.SubmitLink, now: datetime, posted: Posted) -> Notice | None:
        with self.context.database.session() as session, session.begin():
            occurrence, unit = self._deadline_and_unit(session, found)
            if posted.action != "upload":
                answers.record(session, occurrence, unit, now=now, source="link")
                return None
            if posted.data is None:
                raise ReportRefused(N_("Choose the report file to send."))
            submission = storage.store_report(
                session,
                self.settings,
                deadline=occurrence,
                unit=unit,
                filename=posted.filename or "",
                data=posted.data,
                note=posted.note,
                source="link",
                now=now,
            )
            answers.report_received(session, submission, now)
            return receipts.answer_notice(session, self.settings, submission, "receipt", now)

    def show(
        self,
        token: str,
        now: datetime,
        *,
        error: str | None = None,
        params: dict[str, Any] | None = None,
        status: int = 200,
    ) -> Response:
        found = self._link(token, now)
        if isinstance(found, Response):
            return found
        with self.context.database.reader() as session:
            try:
                occurrence, unit = self._deadline_and_unit(session, found)
            except SubmissionError:
                return self._page(410, "gone")
            latest = review.latest(session, [occurrence.id], [unit.id]).get(
                (occurrence.id, unit.id)
            )
            return self._page(
                status,
                review.state_of(latest),
                occurrence=occurrence,
                unit=unit,
                latest=latest,
                error=error,
                params=params or {},
                csrf_token=self.csrf_for(token),
                limit=size_text(self.settings.upload_max_bytes),
            )

    def _link(self, token: str, now: datetime) -> links.SubmitLink | Response:
        try:
            link = links.read_token(self.settings.effective_secret_key(), token)
        except links.InvalidLink:
            return self._page(400, "invalid")
        if link.expired(now.astimezone(self.settings.tz).date()):
            return self._page(410, "expired", valid_until=link.valid_until)
        return link

    def _deadline_and_unit(
        self, session: Session, link: links.SubmitLink
    ) -> tuple[m.Occurrence, m.Unit]:
        occurrence = records.find_deadline(session, link.occurrence_uid, self.settings.uid_domain)
        unit = records.find_unit(session, link.unit_code)
        if occurrence.cancelled_at is not None or not records.is_responsible(
            session, occurrence, unit
        ):
            raise SubmissionError("gone", "deadline")
        return occurrence, unit

    def _page(self, status: int, state: str, **values: Any) -> HTMLResponse:
        language = self.settings.language
        with using(language):
            html = (
                environment(language)
                .get_template("submit_report.html")
                .render(state=state, lang=language, tz=self.settings.tz, **values)
            )
        return HTMLResponse(html, status_code=status, headers=PRIVATE)


def _bounded(receive: Receive, limit: int) -> Receive:
    """``receive``, raising `BodyTooLarge` once more than ``limit`` bytes came."""
    seen = 0

    async def bounded() -> Message:
        nonlocal seen
        message = await receive()
        seen += len(message.get("body", b""))
        if seen > limit:
            raise BodyTooLarge
        return message

    return bounded
