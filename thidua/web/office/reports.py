"""The units' reports of a deadline, on its page and as downloads:

- the section "Báo cáo đơn vị gửi" of ``/deadlines/{id}`` (`section`): each unit's state
  (chưa gửi, chờ duyệt, trả lại, đã duyệt), its files, note and the reason of a return;
- ``GET /deadlines/{id}/files/{file}``: one file, as the unit sent it;
- ``POST /deadlines/{id}/reports/{submission}``: accept it, or return it with a reason
  (`scheduler.answers`); the unit is told by e-mail (`scheduler.receipts`) and, when
  returned, chased again;
- ``GET /deadlines/{id}/reports.zip``: every standing file of the deadline;
- ``GET /deadlines/{id}/status.xlsx`` and ``/campaigns/{code}/status.xlsx``: the status
  table for the office's own summaries.

The one-click "đã gửi" of `deadline_submit` stays for reports that came another way.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response, StreamingResponse
from starlette.routing import BaseRoute, Route

from calendars import models as m
from notifiers.base import Notice
from scheduler import answers, receipts
from submissions import review
from submissions.filecheck import ReportRefused
from submissions.models import Submission, SubmissionFile
from thidua.context import AppContext
from thidua.web.office import report_files, state
from thidua.web.office.i18n import N_
from thidua.web.office.render import context_of, error_page, form_of, language_of, user_of

MAX_REASON = review.MAX_REASON


def routes() -> list[BaseRoute]:
    base = "/deadlines/{occurrence_id:int}"
    return [
        Route(base + "/files/{file_id:int}", download_file, methods=["GET"]),
        Route(base + "/reports/{submission_id:int}", judge, methods=["POST"]),
        Route(base + "/reports.zip", download_zip, methods=["GET"]),
        Route(base + "/status.xlsx", deadline_workbook, methods=["GET"]),
        Route("/campaigns/{code}/status.xlsx", campaign_workbook, methods=["GET"]),
    ]


def section(session: Session, occurrence_id: int) -> list[review.UnitReport]:
    """The rows of the deadline page's reports section: the units whose report stands or
    was returned (the others are "chưa gửi" in the table above it, and in the .xlsx)."""
    occurrence = session.get(m.Occurrence, occurrence_id)
    if occurrence is None:
        return []
    return [r for r in review.table(session, [occurrence]) if r.state != "pending"]


# --- judging ---------------------------------------------------------------------------


async def judge(request: Request) -> Response:
    form = await form_of(request)
    action = str(form.get("action", ""))
    reason = str(form.get("reason", ""))
    context = context_of(request)
    user = user_of(request)
    by = user.display_name if user else None
    occurrence_id = request.path_params["occurrence_id"]
    back = RedirectResponse(f"/deadlines/{occurrence_id}#reports", status_code=303)
    if action not in ("accept", "return"):
        return back
    now = context.now()
    try:
        notice = await run_in_threadpool(
            _judge,
            context,
            occurrence_id,
            request.path_params["submission_id"],
            action,
            reason,
            by,
            now,
        )
    except ReportRefused as refused:
        state.flash(request.session, "error", refused.msgid, **refused.params)
        return back
    except review.ReviewError:
        state.flash(request.session, "error", N_("This report was already returned or withdrawn."))
        return back
    if notice is None:
        return error_page(request, 404, N_("There is no such report for this deadline."))
    sent = await run_in_threadpool(receipts.send, context.settings, notice, now)
    done = {
        "accept": N_("Accepted the report of %(unit)s."),
        "return": N_("Returned the report of %(unit)s: its reminders resume."),
    }[action]
    state.flash(request.session, "success", done, unit=notice.to.name)
    if not sent:
        state.flash(
            request.session,
            "warning",
            N_("The e-mail to %(unit)s could not be sent: tell the unit another way."),
            unit=notice.to.name,
        )
    return back


def _judge(
    context: AppContext,
    occurrence_id: int,
    submission_id: int,
    action: str,
    reason: str,
    by: str | None,
    now: datetime,
) -> Notice | None:
    with context.database.session() as session, session.begin():
        submission = session.get(Submission, submission_id)
        if submission is None or submission.occurrence_id != occurrence_id:
            return None
        if action == "accept":
            answers.accept(session, submission, now=now, by=by)
            kind = "accepted"
        else:
            answers.send_back(session, submission, now=now, by=by, reason=reason)
            kind = "returned"
        return receipts.answer_notice(session, context.settings, submission, kind, now)


# --- downloads -------------------------------------------------------------------------


def download_file(request: Request) -> Response:
    context = context_of(request)
    with context.database.session() as session:
        row = session.scalar(
            select(SubmissionFile)
            .join(Submission, Submission.id == SubmissionFile.submission_id)
            .where(
                SubmissionFile.id == request.path_params["file_id"],
                Submission.occurrence_id == request.path_params["occurrence_id"],
            )
        )
        if row is None:
            return error_page(request, 404, N_("There is no such report for this deadline."))
        data, headers = report_files.file_download(context.settings, row)
    return Response(data, headers=headers)


def _deadline(request: Request, session: Session) -> m.Occurrence | None:
    occurrence = session.get(m.Occurrence, request.path_params["occurrence_id"])
    return occurrence if occurrence is not None and occurrence.kind == "deadline" else None


def _no_deadline(request: Request) -> Response:
    occurrence_id = request.path_params["occurrence_id"]
    return error_page(request, 404, N_("There is no deadline %(id)s."), id=occurrence_id)


def download_zip(request: Request) -> Response:
    context = context_of(request)
    with context.database.session() as session:
        if (occurrence := _deadline(request, session)) is None:
            return _no_deadline(request)
        handle = report_files.zip_of(context.settings, review.table(session, [occurrence]))
        name = f"{occurrence.uid.split('@')[0].replace('/', '-')}.zip"
    return StreamingResponse(
        report_files.chunks(handle),
        headers=report_files.attachment_headers(name, "application/zip"),
    )


def deadline_workbook(request: Request) -> Response:
    with context_of(request).database.session() as session:
        if (occurrence := _deadline(request, session)) is None:
            return _no_deadline(request)
        name = occurrence.uid.split("@")[0].replace("/", "-")
        return _workbook(request, review.table(session, [occurrence]), occurrence.title, name)


def campaign_workbook(request: Request) -> Response:
    context = context_of(request)
    code = request.path_params["code"]
    with context.database.session() as session:
        campaign = session.scalar(select(m.Campaign).where(m.Campaign.code == code))
        if campaign is None:
            return error_page(request, 404, N_("There is no campaign %(code)s."), code=code)
        deadlines = session.scalars(
            select(m.Occurrence)
            .where(
                m.Occurrence.campaign_id == campaign.id,
                m.Occurrence.kind == "deadline",
                m.Occurrence.cancelled_at.is_(None),
            )
            .order_by(m.Occurrence.end_date, m.Occurrence.uid)
        )
        return _workbook(request, review.table(session, list(deadlines)), campaign.title, code)


def _workbook(
    request: Request, reports: list[review.UnitReport], title: str, name: str
) -> Response:
    tz = context_of(request).settings.tz
    data = report_files.workbook(reports, title, tz, language_of(request))
    return Response(
        data, headers=report_files.attachment_headers(f"{name}.xlsx", report_files.XLSX)
    )
