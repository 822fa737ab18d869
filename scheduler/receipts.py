"""Mails about a report a unit sent, sent at once rather than planned: the receipt when the
report arrives, and the office's verdict — returned with its reason (the unit is chased
again), or accepted.

They go through the configured channel like reminders, with a Message-ID of their own. A
failure does not undo what the office or the unit did: it is logged (without addresses or
links) and the caller says so on the page.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime

from sqlalchemy.orm import Session

from config.settings import Settings
from notifiers.addresses import InvalidAddress
from notifiers.base import Answer, Notice, NoticeKind, TransportError, make_transport
from scheduler import notices
from submissions import links
from submissions.models import Submission

log = logging.getLogger(__name__)


def answer_notice(
    session: Session, settings: Settings, submission: Submission, kind: NoticeKind, now: datetime
) -> Notice:
    """The receipt, ``returned`` or ``accepted`` notice of ``submission`` (read while its
    session is open; sent with `send` after the commit)."""
    session.refresh(submission, ["files"])
    builder = notices.NoticeBuilder(settings)
    occurrence, unit = submission.occurrence, submission.unit
    today = now.astimezone(settings.tz).date()
    item = replace(builder.due_item(notices.deadline(occurrence), None, today), submit_url=None)
    upload_url = None
    if kind != "accepted" and settings.submit_links:
        upload_url = links.submit_url(
            settings, builder.secret, occurrence.uid, unit.code, item.effective_date
        )
    when = submission.reviewed_at if kind != "receipt" else _last_received(submission)
    answer = Answer(
        at=(when or now).astimezone(settings.tz),
        files=tuple(f.filename for f in submission.files),
        note=submission.note,
        reason=submission.reason if kind == "returned" else None,
        upload_url=upload_url,
    )
    return Notice(
        kind=kind,
        to=notices.unit_info(unit).recipient,
        today=today,
        message_id=f"thidua.{kind}.{submission.id}.{len(answer.files)}@{settings.uid_domain}",
        language=settings.language,
        items=(item,),
        office=builder.office,
        answer=answer,
    )


def _last_received(submission: Submission) -> datetime:
    return max((f.stored_at for f in submission.files), default=submission.submitted_at)


def send(settings: Settings, notice: Notice, now: datetime) -> bool:
    """Deliver ``notice`` now; False (logged) when the unit has no address or the channel
    failed."""
    if not notice.to.addresses:
        log.warning(
            "%s for %s not sent: the unit has no e-mail address", notice.kind, notice.to.code
        )
        return False
    try:
        with make_transport(settings, clock=lambda: now) as transport:
            transport.send(notice)
    except (TransportError, InvalidAddress, OSError) as exc:
        log.warning("%s for %s not sent: %s", notice.kind, notice.to.code, type(exc).__name__)
        return False
    return True
