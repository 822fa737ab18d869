"""The face's own table: the office staff who sign in to the web pages.

Passwords are kept only as argon2id hashes (argon2-cffi; see `thidua.users`). A user is
disabled, never deleted, so that what they recorded keeps a name. ``failed_logins`` and
``locked_until`` slow down password guessing: after a run of failures the account refuses
sign-in for a few minutes.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
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
