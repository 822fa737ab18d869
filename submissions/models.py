"""The submissions room's tables: a unit's answer to a deadline occurrence, its state in the
office's review, and the report files that came with it.

The ``submissions`` table was created by the scheduler's first revision (``s0001``), when
submissions lived there; its later changes, and ``submission_files``, are this room's own
revisions (``submissions/migrations``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal, get_args

from sqlalchemy import CheckConstraint, ForeignKey, Index, LargeBinary, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from calendars.db import Base
from calendars.models import Occurrence, Unit

SubmissionSource = Literal["office", "link", "api", "mail"]
SOURCES: tuple[str, ...] = get_args(SubmissionSource)

# The office's review: received (chờ duyệt) until it accepts (đã duyệt) or returns it with a
# reason (trả lại; the row is then revoked too, so the unit is chased again and may send anew).
ReviewState = Literal["received", "returned", "accepted"]
STATES: tuple[str, ...] = get_args(ReviewState)

FileKind = Literal["pdf", "docx", "xlsx", "doc", "xls"]
FILE_KINDS: tuple[str, ...] = get_args(FileKind)


def one_of(column: str, values: tuple[str, ...]) -> str:
    """A CHECK condition: ``column`` takes one of ``values``."""
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Submission(Base):
    """A unit's report for a deadline, as recorded by the office, the signed link, the API or
    a reply by mail. Undoing or returning one keeps the row (``revoked_at``): the history is
    the office's record."""

    __tablename__ = "submissions"
    __table_args__ = (
        Index(
            "uq_submissions_active",
            "occurrence_id",
            "unit_id",
            unique=True,
            sqlite_where=text("revoked_at IS NULL"),
            postgresql_where=text("revoked_at IS NULL"),
        ),
        CheckConstraint(one_of("source", SOURCES), name="source"),
        CheckConstraint(one_of("state", STATES), name="state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    occurrence_id: Mapped[int] = mapped_column(ForeignKey("occurrences.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    submitted_at: Mapped[datetime]
    by: Mapped[str | None] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(16))
    revoked_at: Mapped[datetime | None]
    revoked_by: Mapped[str | None] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(16), server_default="received")
    reviewed_at: Mapped[datetime | None]
    reviewed_by: Mapped[str | None] = mapped_column(String(200))
    reason: Mapped[str | None] = mapped_column(Text)  # why it was returned

    occurrence: Mapped[Occurrence] = relationship()
    unit: Mapped[Unit] = relationship()
    files: Mapped[list[SubmissionFile]] = relationship(
        back_populates="submission", order_by="SubmissionFile.id"
    )


class SubmissionFile(Base):
    """One report file of a submission: its bytes are kept by SHA-256 in the file store
    (`submissions.storage`), so the same file sent twice is stored once."""

    __tablename__ = "submission_files"
    __table_args__ = (CheckConstraint(one_of("kind", FILE_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    filename: Mapped[str] = mapped_column(String(255))  # base name only, as the unit named it
    kind: Mapped[str] = mapped_column(String(8))
    size: Mapped[int]
    stored_at: Mapped[datetime]

    submission: Mapped[Submission] = relationship(back_populates="files")


ReceivedStatus = Literal["recorded", "unassigned", "assigned", "dismissed"]
RECEIVED_STATUSES: tuple[str, ...] = get_args(ReceivedStatus)


class ReceivedMail(Base):
    """A mail that came in to the service's inbound address, kept whole (``raw``, at most
    ``THIDUA_INBOUND_MAX_BYTES``): ``recorded`` as a unit's submission when it answered a
    reminder with a report; else ``unassigned`` (``reason`` says why, ``unit_id`` and
    ``occurrence_id`` hold what was found) until the office assigns or dismisses it. The
    same bytes arriving twice (an IMAP poll cut short) are kept once (``sha256``)."""

    __tablename__ = "received_mails"
    __table_args__ = (
        CheckConstraint(one_of("status", RECEIVED_STATUSES), name="status"),
        Index("ix_received_mails_status", "status", "received_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    received_at: Mapped[datetime]
    transport: Mapped[str] = mapped_column(String(8))  # smtp, imap
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int]
    sender: Mapped[str] = mapped_column(String(320))
    sender_name: Mapped[str] = mapped_column(String(200))
    subject: Mapped[str] = mapped_column(Text)
    message_id: Mapped[str] = mapped_column(String(255), index=True)
    attachments: Mapped[int]  # how many the mail carried (within the bound)
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(String(32))
    problem: Mapped[str | None] = mapped_column(Text)  # a refused file's message
    how: Mapped[str | None] = mapped_column(String(8))  # reply, token, sender, office
    occurrence_id: Mapped[int | None] = mapped_column(ForeignKey("occurrences.id"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    submission_id: Mapped[int | None] = mapped_column(ForeignKey("submissions.id"))
    decided_by: Mapped[str | None] = mapped_column(String(200))
    decided_at: Mapped[datetime | None]
    raw: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)

    occurrence: Mapped[Occurrence | None] = relationship()
    unit: Mapped[Unit | None] = relationship()
