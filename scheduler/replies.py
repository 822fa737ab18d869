"""Replies by mail: a mail that came in becomes the unit's submission, or waits for the
office.

`take_mail` is what both transports (`submissions.receiver`) hand each message to, through
`Intake`. It keeps the mail whole (`ReceivedMail`), asks `submissions.inbound` which unit
and deadline it answers — the reminders' Message-IDs are this room's, through
`ReminderLookups` — and, when both are known and it carries a report, stores each
attachment through `submissions.storage.store_report` (which checks it by content), stops
chasing the unit (`answers.report_received`) and has its receipt sent (`receipts`), as
the upload page does. Files the check refuses (a signature's logo beside the PDF) are left
in the kept mail; a mail with no acceptable file, an unknown sender or an ambiguous answer
is kept ``unassigned``, never dropped. `assign` and `dismiss` are the office's decisions
on those.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from calendars import models as m
from config.settings import Settings
from notifiers.base import Notice
from scheduler import answers, receipts
from scheduler.models import CHASE_KINDS, Reminder
from submissions import storage
from submissions.filecheck import ReportRefused
from submissions.inbound import Verdict, resolve
from submissions.mailparse import Attachment, InboundMail, parse
from submissions.models import ReceivedMail, Submission
from submissions.records import SubmissionError

MAX_PROBLEM = 1000
log = logging.getLogger(__name__)


class ReminderLookups:
    """`submissions.inbound.Lookups` from the reminders table."""

    def replied(self, session: Session, message_ids: Sequence[str]) -> list[tuple[int, int]]:
        rows = session.execute(
            select(Reminder.occurrence_id, Reminder.unit_id)
            .where(Reminder.message_id.in_(list(message_ids)), Reminder.kind.in_(CHASE_KINDS))
            .distinct()
            .order_by(Reminder.occurrence_id, Reminder.unit_id)
        )
        return [(occurrence_id, unit_id) for occurrence_id, unit_id in rows]

    def chased(self, session: Session, unit_id: int) -> list[int]:
        return list(
            session.scalars(
                select(Reminder.occurrence_id)
                .where(
                    Reminder.unit_id == unit_id,
                    Reminder.kind.in_(CHASE_KINDS),
                    Reminder.status == "sent",
                )
                .distinct()
                .order_by(Reminder.occurrence_id)
            )
        )


@dataclass(frozen=True)
class Stored:
    submission: Submission | None
    refused: list[str]  # "name: why" of each file the check refused
    receipt: Notice | None = None  # `assign`'s: the unit's receipt, to send once committed


def read(settings: Settings, raw: bytes, envelope_to: Sequence[str] = ()) -> InboundMail:
    """Parse under the service's bounds (`MailTooLarge` over the size)."""
    return parse(
        raw,
        max_bytes=settings.inbound_max_bytes,
        max_attachments=settings.inbound_max_attachments,
        envelope_to=envelope_to,
    )


@dataclass(frozen=True)
class Taken:
    mail: ReceivedMail
    receipt: Notice | None  # for the unit whose report was just recorded: send once committed


def take_mail(
    session: Session,
    settings: Settings,
    raw: bytes,
    *,
    envelope_to: Sequence[str] = (),
    transport: str = "smtp",
    now: datetime | None = None,
) -> Taken:
    """Keep the mail and record what it answers (the caller commits, then sends the
    receipt). The same bytes twice give the row kept the first time, and no receipt."""
    now = now or datetime.now(UTC)
    mail = read(settings, raw, envelope_to)
    digest = hashlib.sha256(raw).hexdigest()
    kept = session.scalar(select(ReceivedMail).where(ReceivedMail.sha256 == digest))
    if kept is not None:
        return Taken(kept, None)
    verdict = resolve(session, mail, ReminderLookups(), settings.effective_secret_key())
    row = _keep(session, mail, digest, verdict, transport, now)
    receipt = None
    if verdict.complete:
        assert verdict.occurrence is not None and verdict.unit is not None
        stored = _store(session, settings, mail, verdict.occurrence, verdict.unit, now)
        _settle(row, stored, status="recorded", by=None, now=now)
        receipt = _receipt(session, settings, stored, now)
    session.flush()
    return Taken(row, receipt)


def _receipt(session: Session, settings: Settings, stored: Stored, now: datetime) -> Notice | None:
    """The unit's receipt, as the upload page sends it, when a report was stored."""
    if stored.submission is None or not stored.submission.files:
        return None
    return receipts.answer_notice(session, settings, stored.submission, "receipt", now)


def _keep(
    session: Session,
    mail: InboundMail,
    digest: str,
    verdict: Verdict,
    transport: str,
    now: datetime,
) -> ReceivedMail:
    row = ReceivedMail(
        received_at=now,
        transport=transport,
        sha256=digest,
        size=len(mail.raw),
        sender=mail.sender[:320],
        sender_name=mail.sender_name[:200],
        subject=mail.subject,
        message_id=mail.message_id[:255],
        attachments=len(mail.attachments),
        status="unassigned",
        reason=verdict.reason,
        how=verdict.how,
        occurrence_id=verdict.occurrence.id if verdict.occurrence else None,
        unit_id=verdict.unit.id if verdict.unit else None,
        raw=mail.raw,
    )
    session.add(row)
    session.flush()
    return row


def _store(
    session: Session,
    settings: Settings,
    mail: InboundMail,
    occurrence: m.Occurrence,
    unit: m.Unit,
    now: datetime,
) -> Stored:
    """Each attachment as a file of the unit's submission, those the check accepts; one
    refused leaves the others stored."""
    submission: Submission | None = None
    refused: list[str] = []
    for attachment in mail.attachments:
        try:
            with session.begin_nested():
                submission = _store_one(session, settings, mail, attachment, occurrence, unit, now)
        except ReportRefused as exc:  # in the office's language: the office reads it
            refused.append(f"{attachment.filename}: {exc.text(settings.language)}")
        except SubmissionError as exc:
            refused.append(f"{attachment.filename}: {exc}")
    return Stored(submission, refused)


def _store_one(
    session: Session,
    settings: Settings,
    mail: InboundMail,
    attachment: Attachment,
    occurrence: m.Occurrence,
    unit: m.Unit,
    now: datetime,
) -> Submission:
    submission = storage.store_report(
        session,
        settings,
        deadline=occurrence,
        unit=unit,
        filename=attachment.filename,
        data=attachment.data,
        note=mail.subject[:500] or None,
        source="mail",
        by=mail.sender or None,
        now=now,
    )
    answers.report_received(session, submission, now)
    return submission


def _settle(
    row: ReceivedMail, stored: Stored, *, status: str, by: str | None, now: datetime
) -> None:
    row.problem = "\n".join(stored.refused)[:MAX_PROBLEM] or None
    if stored.submission is None:
        row.reason = "refused"
        return
    row.status, row.reason, row.submission_id = status, None, stored.submission.id
    row.decided_by, row.decided_at = by, now


def unassigned(session: Session, *, limit: int = 200) -> list[ReceivedMail]:
    """The mails waiting for the office, oldest first."""
    return list(
        session.scalars(
            select(ReceivedMail)
            .where(ReceivedMail.status == "unassigned")
            .order_by(ReceivedMail.received_at, ReceivedMail.id)
            .limit(limit)
        )
    )


def assign(
    session: Session,
    settings: Settings,
    row: ReceivedMail,
    occurrence: m.Occurrence,
    unit: m.Unit,
    *,
    by: str,
    now: datetime,
) -> Stored:
    """The office's decision: the mail is this unit's answer to this deadline. Its files
    are stored as the unit's submission; with none the check accepts, the submission is
    recorded without a file (a reply saying the report went by post). The caller commits,
    then sends the unit's receipt (``receipt``) when a file was stored."""
    mail = read(settings, row.raw)
    stored = _store(session, settings, mail, occurrence, unit, now)
    if stored.submission is None:
        recorded = answers.record(
            session, occurrence, unit, now=now, source="mail", by=mail.sender or None
        )
        stored = Stored(recorded.submission, stored.refused)
    _settle(row, stored, status="assigned", by=by, now=now)
    row.how, row.occurrence_id, row.unit_id = "office", occurrence.id, unit.id
    session.flush()
    return replace(stored, receipt=_receipt(session, settings, stored, now))


def dismiss(row: ReceivedMail, *, by: str, now: datetime) -> None:
    """Not an answer of any unit (advertising, an out-of-office reply): kept, set aside."""
    row.status, row.decided_by, row.decided_at = "dismissed", by, now


SessionFactory = Callable[[], Session]


class Intake:
    """The callback the transports call: one session and one commit per mail."""

    def __init__(self, sessions: SessionFactory, settings: Settings, transport: str) -> None:
        self.sessions, self.settings, self.transport = sessions, settings, transport

    def __call__(self, raw: bytes, envelope_to: Sequence[str]) -> int:
        """The kept mail's id; the unit's receipt is sent once the mail is committed (a
        failure to send it is logged, and changes nothing stored)."""
        now = datetime.now(UTC)
        with self.sessions() as session:
            taken = take_mail(
                session,
                self.settings,
                raw,
                envelope_to=envelope_to,
                transport=self.transport,
                now=now,
            )
            session.commit()
            mail_id = taken.mail.id
        if taken.receipt is not None:
            try:
                receipts.send(self.settings, taken.receipt, now)
            except Exception:  # the mail is stored: a failed receipt must not undo its 250
                log.exception("the receipt of incoming mail %s could not be sent", mail_id)
        return mail_id
