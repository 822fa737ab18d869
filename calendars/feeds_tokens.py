"""Unit feed tokens: the secret in ``/feeds/units/{token}.ics``.

A token is 192 random bits from `secrets` (URL-safe text). The store keeps only its SHA-256
(a token is not a password: it has full entropy, so a fast hash cannot be guessed back),
so the URL can be shown once, when the token is issued, and never again; a rotation
replaces the hash and the old URL stops working at once. Every issue bumps the
``feed_tokens`` counter, which the web app watches to forget the tokens it resolved.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from calendars import models as m

TOKEN_BYTES = 24  # 192 bits; the issue asks for at least 128
FEED_TOKENS = "feed_tokens"  # the `State` counter of token changes
_MAX_TOKEN_LENGTH = 128


class TokenExists(RuntimeError):
    """The unit has a token already; only its hash is kept, so it cannot be shown again."""


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_token(session: Session, unit_code: str, now: datetime, *, rotate: bool = False) -> str:
    """A new token for an active unit, returned once (the caller commits). Without
    ``rotate`` a unit that already has one raises `TokenExists`."""
    unit = session.scalar(select(m.Unit).where(m.Unit.code == unit_code))
    if unit is None or not unit.active:
        raise LookupError(f"no active unit {unit_code!r}")
    row = session.get(m.FeedToken, unit.id)
    if row is not None and not rotate:
        raise TokenExists(
            f"unit {unit_code!r} already has a feed token, issued "
            f"{row.issued_at:%Y-%m-%d %H:%M} UTC; only its hash is kept, so its URL cannot be "
            "shown again: rotate it to get a new URL (the old one then stops working)"
        )
    token = secrets.token_urlsafe(TOKEN_BYTES)
    if row is None:
        session.add(m.FeedToken(unit_id=unit.id, token_hash=hash_token(token), issued_at=now))
    else:
        row.token_hash, row.issued_at = hash_token(token), now
    _bump(session, now)
    session.flush()
    return token


def has_token(session: Session, unit_code: str) -> bool:
    return (
        session.scalar(select(m.FeedToken.unit_id).join(m.Unit).where(m.Unit.code == unit_code))
        is not None
    )


def issued(session: Session) -> dict[str, datetime]:
    """When each unit's current token was issued, by unit code (the office's units pages)."""
    rows = session.execute(
        select(m.Unit.code, m.FeedToken.issued_at).join(
            m.FeedToken, m.FeedToken.unit_id == m.Unit.id
        )
    )
    return {code: issued_at for code, issued_at in rows}  # noqa: C416 - a Result has keys()


def unit_for_token(session: Session, token: str) -> str | None:
    """The code of the active unit a token belongs to, or None."""
    if not token or len(token) > _MAX_TOKEN_LENGTH:
        return None
    return session.scalar(
        select(m.Unit.code)
        .join(m.FeedToken, m.FeedToken.unit_id == m.Unit.id)
        .where(m.FeedToken.token_hash == hash_token(token), m.Unit.active)
    )


def _bump(session: Session, now: datetime) -> None:
    state = session.get(m.State, FEED_TOKENS)
    if state is None:
        session.add(m.State(key=FEED_TOKENS, value=1, updated_at=now))
    else:
        state.value += 1
        state.updated_at = now
