"""The calendar's tables: units and groups, campaigns, their events and the dated
occurrences of those events, and which units answer for which deadline.

Events and occurrences are never deleted: one that leaves its file is marked cancelled
(``cancelled_at``); one that changes gets ``sequence`` + 1 and a new ``updated_at``, which
feeds publish as SEQUENCE and LAST-MODIFIED. ``content_hash`` is how a reload knows that
nothing changed and writes nothing.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from calendars.db import Base


class Unit(Base):
    """A unit (đơn vị) that answers for deadlines and receives reminders."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    emails: Mapped[list[str]]
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    note: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(default=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    parent: Mapped[Unit | None] = relationship(remote_side=[id])


class Group(Base):
    """A bloc (Khối thi đua), a cluster (Cụm thi đua) or a category ("sở, ban, ngành")."""

    __tablename__ = "groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(16))
    members: Mapped[list[str]]  # as declared: unit and group codes
    note: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(default=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    units: Mapped[list[Unit]] = relationship(secondary="group_units", order_by=Unit.code)


class GroupUnit(Base):
    """Membership with nested groups expanded: every unit a group reaches."""

    __tablename__ = "group_units"

    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)


class Campaign(Base):
    __tablename__ = "campaigns"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(Text)
    theme: Mapped[str | None] = mapped_column(Text)
    issuer: Mapped[str] = mapped_column(String(300))
    doc_kind: Mapped[str] = mapped_column(String(100))
    doc_number: Mapped[str | None] = mapped_column(String(100))
    doc_date: Mapped[date | None]
    signer: Mapped[str | None] = mapped_column(String(200))
    period_start: Mapped[date]
    period_end: Mapped[date]
    timezone: Mapped[str] = mapped_column(String(64))
    policy: Mapped[str] = mapped_column(String(32))
    receiver: Mapped[str | None] = mapped_column(Text)
    receiver_unit: Mapped[str | None] = mapped_column(String(64))
    source_file: Mapped[str] = mapped_column(Text)
    spec: Mapped[dict[str, Any]]  # the validated file, as JSON
    content_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    events: Mapped[list[Event]] = relationship(back_populates="campaign")


class Event(Base):
    """A phase, review, commemoration, meeting or deadline as the file defines it."""

    __tablename__ = "events"
    __table_args__ = (UniqueConstraint("campaign_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"))
    code: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    spec: Mapped[dict[str, Any]]
    content_hash: Mapped[str] = mapped_column(String(64))
    sequence: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    cancelled_at: Mapped[datetime | None]

    campaign: Mapped[Campaign] = relationship(back_populates="events")
    units: Mapped[list[Unit]] = relationship(secondary="assignments", order_by=Unit.code)


class Occurrence(Base):
    """One dated occurrence of an event: what a calendar shows and a reminder is about."""

    __tablename__ = "occurrences"
    __table_args__ = (
        Index("ix_occurrences_dates", "start_date", "end_date"),
        Index("ix_occurrences_campaign_kind", "campaign_id", "kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(255), unique=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"))
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(Text)
    start_date: Mapped[date]
    end_date: Mapped[date]  # inclusive
    start_time: Mapped[time | None]
    end_time: Mapped[time | None]
    details: Mapped[dict[str, Any]]
    content_hash: Mapped[str] = mapped_column(String(64))
    sequence: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    cancelled_at: Mapped[datetime | None]

    campaign: Mapped[Campaign] = relationship()
    event: Mapped[Event] = relationship()


class Assignment(Base):
    """A unit that answers for a deadline (the file's groups expanded)."""

    __tablename__ = "assignments"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True, index=True)


class State(Base):
    """Counters other rooms watch; ``calendar_version`` goes up on every change."""

    __tablename__ = "state"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int]
    updated_at: Mapped[datetime]


class FeedGeneration(Base):
    """A unit's feed link generation (`calendars.feeds_tokens`): the link is derived from it
    with the service's secret key, which is not in the database. A unit without a row is at
    generation 1; a rotation adds one, and the previous link stops working."""

    __tablename__ = "feed_generations"

    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    generation: Mapped[int]
    rotated_at: Mapped[datetime]


class FeedFragment(Base):
    """A VEVENT as a feed renders it (`calendars.feeds`), kept so that a restarted service
    serves its first requests from these bytes instead of rendering every event again.
    ``key`` is the SHA-256 of everything the bytes depend on (the occurrence's UID,
    revision and content hash, its campaign's text, the names it shows, the render
    options, a unit's answer); ``uid`` and ``sequence`` let a newer revision replace the
    older ones."""

    __tablename__ = "feed_fragments"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    uid: Mapped[str] = mapped_column(String(255), index=True)
    sequence: Mapped[int]
    data: Mapped[bytes] = mapped_column(LargeBinary)
    tzid: Mapped[str | None] = mapped_column(String(64))
