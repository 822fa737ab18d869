"""The face's own tables: the office staff who sign in to the web pages, and the history
of what they changed in the browser.

Passwords are kept only as argon2id hashes (argon2-cffi; see `thidua.users`). A user is
disabled, never deleted, so that what they recorded keeps a name. ``failed_logins`` and
``locked_until`` slow down password guessing: after a run of failures the account refuses
sign-in for a few minutes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from calendars.db import Base


class User(Base):
    """A member of the emulation office's staff."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    created_at: Mapped[datetime]
    password_changed_at: Mapped[datetime]
    last_login_at: Mapped[datetime | None]


class StaffSession(Base):
    """One sign-in of a staff member. The session cookie carries a random token; the server
    keeps only its SHA-256 and ends the row at sign-out, so a copied cookie stops working
    the moment its owner signs out (not 12 hours later)."""

    __tablename__ = "staff_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of the token
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]


class Change(Base):
    """One save of one thing from the office's pages: a campaign (its header and events),
    a unit or a group; who saved it, when, and what it changed (``items``: a list of
    ``{"event", "field", "old", "new"}``, values as the campaign and units files write them).

    Kept in the face's room, not in ``calendars``: it records what a signed-in member of
    staff (``users``, this room's table) did through the face, and a ``thidua load`` has no
    such author; ``calendars`` keeps what the calendar is, this table who made it so.
    ``author`` copies the name as it was then, so the history reads the same after a rename.
    """

    __tablename__ = "changes"
    __table_args__ = (Index("ix_changes_subject", "subject", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    author: Mapped[str] = mapped_column(String(200))
    subject: Mapped[str] = mapped_column(String(16))  # campaign, unit or group
    code: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(16))  # created or changed
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
