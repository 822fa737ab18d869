"""Office staff accounts: names, password rules, hashing and sign-in checks.

The one place that knows how a password is kept and checked, for the ``thidua users``
commands and the sign-in page alike. Hashes are argon2id from argon2-cffi with its default
(RFC 9106 low-memory) parameters; a hash made with older parameters is replaced at the next
successful sign-in. Sign-in answers in the same time whether the user exists or not, and an
account refuses sign-in for `LOCK_MINUTES` after `MAX_FAILED_LOGINS` failures in a row.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import threading
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from thidua.models import StaffSession, User
from translations import gettext as _

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 1024
MAX_FAILED_LOGINS = 5
LOCK_MINUTES = 5

_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._@+-]{0,63}$")
_hasher = PasswordHasher()


@cache
def _dummy_hash() -> str:
    """Checked against when the user does not exist, so that both answers take as long.
    Made on the first sign-in, not at import: every command imports this module."""
    return _hasher.hash("not a password of anyone")


class UserError(ValueError):
    """A request about users that cannot be done; the message says why."""


class AccountLocked(UserError):
    """Too many failed sign-ins in a row."""

    def __init__(self, until: datetime) -> None:
        super().__init__(
            _(
                "too many failed sign-ins: the account is locked until %(time)s",
                time=f"{until:%H:%M}",
            )
        )
        self.until = until


@dataclass(frozen=True)
class StaffUser:
    """Who is signed in, as the pages need it (no hash)."""

    id: int
    username: str
    display_name: str

    @property
    def is_authenticated(self) -> bool:  # Starlette's BaseUser protocol
        return True


def normalize_username(text: str) -> str:
    """Usernames are compared lowercased and NFC; say what is wrong with a bad one."""
    name = unicodedata.normalize("NFC", text.strip()).lower()
    if not _USERNAME.match(name):
        raise UserError(
            _(
                "username %(name)s: use 1 to 64 letters a-z, digits and . _ @ + - "
                "(starting with a letter or digit)",
                name=repr(text),
            )
        )
    return name


def check_password_rules(password: str, username: str) -> None:
    """NIST SP 800-63B: a minimum length, no composition rules, not the username."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(
            _("the password must have at least %(n)d characters", n=MIN_PASSWORD_LENGTH)
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise UserError(_("the password must have at most %(n)d characters", n=MAX_PASSWORD_LENGTH))
    if password.strip().lower() == username:
        raise UserError(_("the password must not be the username"))


def find(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == username.strip().lower()))


def require(session: Session, username: str) -> User:
    user = find(session, username)
    if user is None:
        raise UserError(_("no user %(user)s", user=repr(username)))
    return user


def all_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def add_user(
    session: Session, username: str, password: str, *, display_name: str | None, now: datetime
) -> User:
    name = normalize_username(username)
    if find(session, name) is not None:
        raise UserError(_("user %(user)s already exists", user=repr(name)))
    check_password_rules(password, name)
    user = User(
        username=name,
        display_name=unicodedata.normalize("NFC", (display_name or "").strip()) or name,
        password_hash=_hasher.hash(password),
        active=True,
        failed_logins=0,
        created_at=now,
        password_changed_at=now,
    )
    session.add(user)
    session.flush()
    return user


def set_password(session: Session, username: str, password: str, *, now: datetime) -> User:
    """A new password; sessions signed in with the old one end (see `fingerprint`)."""
    user = require(session, username)
    check_password_rules(password, user.username)
    user.password_hash = _hasher.hash(password)
    user.password_changed_at = now
    user.failed_logins, user.locked_until = 0, None
    return user


def set_active(session: Session, username: str, active: bool) -> User:
    """Disable (its sessions end at their next request) or enable again, unlocked."""
    user = require(session, username)
    user.active = active
    user.failed_logins, user.locked_until = 0, None
    return user


class UnknownNames:
    """Failed sign-ins under names that are no active account, counted as an account's are
    (in this process): after MAX_FAILED_LOGINS the same "locked" answer, so that the answer
    never tells an existing name from a missing one."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._failures: dict[str, int] = {}
        self._locked: dict[str, datetime] = {}

    def check(self, name: str, now: datetime) -> None:
        with self._lock:
            until = self._locked.get(name)
            if until is not None and until > now:
                raise AccountLocked(until)
            self._locked.pop(name, None)

    def failed(self, name: str, now: datetime) -> None:
        with self._lock:
            if len(self._failures) + len(self._locked) > 10_000:  # a flood forgets old names
                self._failures.clear()
                self._locked.clear()
            count = self._failures.get(name, 0) + 1
            if count >= MAX_FAILED_LOGINS:
                self._locked[name] = now + timedelta(minutes=LOCK_MINUTES)
                count = 0
            self._failures[name] = count


@dataclass(frozen=True)
class PasswordCheck:
    """A password checked against the hash stored when it was read (`check_password`)."""

    password_hash: str | None  # None: no such active user
    matches: bool


def check_password(session: Session, username: str, password: str) -> PasswordCheck:
    """Check a password with a read-only session, before `authenticate` records the outcome
    in a write transaction: the hash is slow on purpose, and on SQLite a write transaction
    held meanwhile would keep every other writer (the dispatcher, the API) waiting."""
    user = find(session, unicodedata.normalize("NFC", username))
    if user is None or not user.active:
        _verify(_dummy_hash(), password)
        return PasswordCheck(None, matches=False)
    return PasswordCheck(user.password_hash, _verify(user.password_hash, password))


def authenticate(
    session: Session,
    username: str,
    password: str,
    *,
    now: datetime,
    checked: PasswordCheck | None = None,
    unknown: UnknownNames | None = None,
) -> User | None:
    """The active user with this password, or None; raises `AccountLocked` while locked.

    Records the outcome (last sign-in, or one more failure) in ``session``; the caller
    commits. ``checked``: the password already checked (`check_password`); used when the
    stored hash is still the one it was checked against. A name that is no active account
    is checked against a dummy hash and locked after as many failures (counted in
    ``unknown``, the web app's), so both answers take as long and read the same."""
    name = unicodedata.normalize("NFC", username)
    user = find(session, name)
    if user is None or not user.active:
        unknown = unknown or UnknownNames()
        unknown.check(name, now)
        if checked is None:
            _verify(_dummy_hash(), password)
        unknown.failed(name, now)
        return None
    if user.locked_until is not None and user.locked_until > now:
        raise AccountLocked(user.locked_until)
    if checked is not None and checked.password_hash == user.password_hash:
        matches = checked.matches
    else:
        matches = _verify(user.password_hash, password)
    if not matches:
        user.failed_logins += 1
        if user.failed_logins >= MAX_FAILED_LOGINS:
            user.locked_until = now + timedelta(minutes=LOCK_MINUTES)
            user.failed_logins = 0
        return None
    if _hasher.check_needs_rehash(user.password_hash):  # rare: a hash of older parameters
        user.password_hash = _hasher.hash(password)
    user.failed_logins, user.locked_until = 0, None
    user.last_login_at = now
    return user


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def fingerprint(user: User) -> str:
    """Ties a session to the password it was opened with: a new password ends it. The hash
    is salted, so this short digest of it tells nothing about the password."""
    return hashlib.sha256(user.password_hash.encode("ascii")).hexdigest()[:16]


def staff(user: User) -> StaffUser:
    return StaffUser(user.id, user.username, user.display_name)


# --- server-side sessions ---------------------------------------------------------------


def _session_key(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def open_session(session: Session, user: User, *, now: datetime, max_age: timedelta) -> str:
    """A new sign-in of ``user``: its token (for the cookie); the server keeps its digest.
    Sessions older than ``max_age`` (their cookies have expired) are deleted on the way."""
    session.execute(delete(StaffSession).where(StaffSession.created_at < now - max_age))
    token = secrets.token_urlsafe(32)
    session.add(StaffSession(id=_session_key(token), user_id=user.id, created_at=now))
    return token


def session_is_live(session: Session, user_id: int, token: str) -> bool:
    """Whether ``token`` names a session of ``user_id`` that has not been ended."""
    row = session.get(StaffSession, _session_key(token)) if token else None
    return row is not None and row.user_id == user_id and row.ended_at is None


def end_session(session: Session, token: str, *, now: datetime) -> None:
    """Sign-out: the session's cookie is worth nothing from now on, wherever it was copied."""
    row = session.get(StaffSession, _session_key(token)) if token else None
    if row is not None and row.ended_at is None:
        row.ended_at = now
