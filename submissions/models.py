"""The submissions room's table: a unit's answer to a deadline occurrence.

The table was created by the scheduler's first revision (``s0001``), when submissions lived
there; its later changes are this room's own revisions (``submissions/migrations``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal, get_args

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from calendars.db import Base
from calendars.models import Occurrence, Unit

SubmissionSource = Literal["office", "link", "api"]
SOURCES: tuple[str, ...] = get_args(SubmissionSource)


def one_of(column: str, values: tuple[str, ...]) -> str:
    """A CHECK condition: ``column`` takes one of ``values``."""
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Submission(Base):
    """A unit's report for a deadline, as recorded by the office, the signed link or the
    API. Undoing one keeps the row (``revoked_at``): the history is the office's record."""

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

    occurrence: Mapped[Occurrence] = relationship()
    unit: Mapped[Unit] = relationship()
