"""The face's own table: the office staff who sign in to the web pages.

Passwords are kept only as argon2id hashes (argon2-cffi; see `thidua.users`). A user is
disabled, never deleted, so that what they recorded keeps a name. ``failed_logins`` and
``locked_until`` slow down password guessing: after a run of failures the account refuses
sign-in for a few minutes.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
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
