"""Claim due reminder rows under a lease, and settle them.

A claim takes every due row of a few units at once (a unit's due rows are never split
between two claims, so a unit gets one digest per run):

- the units are those of the first due rows in fire order, read from a partial index of
  pending rows that a claimed row leaves: a claim costs the same at the start and the end
  of a run;
- PostgreSQL: the units are locked with ``SELECT … FOR NO KEY UPDATE SKIP LOCKED``, so
  concurrent workers take disjoint units and never wait on each other, then their due rows
  are taken with one ``UPDATE … RETURNING`` whose own snapshot rechecks that they are still
  due; a shared advisory lock waits for a planner writing the same rows;
- SQLite: the same read, then the ``UPDATE … RETURNING``, in one transaction begun
  IMMEDIATE; SQLite's single writer makes it atomic.

A claimed row is ``sending`` with ``lease_owner`` and ``lease_until``. The lease is wall-clock
time (not the ``--now`` business clock): a row whose owner died is due again once its lease
has run out, and the next claim takes it over. Every settlement below checks the owner, so a
worker whose lease was taken over cannot overwrite its successor's outcome.
"""

from __future__ import annotations

import os
import secrets
import socket
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import (
    JSON,
    Select,
    String,
    Text,
    and_,
    bindparam,
    case,
    func,
    literal_column,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.orm import Session

from calendars import models as m
from scheduler.models import Reminder
from scheduler.planner import PLAN_LOCK

_r = Reminder.__table__


def new_worker_id() -> str:
    """host:pid:random — unique per process, readable in ``thidua status``."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


def wall_clock() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Claimed:
    """A claimed row, as the dispatcher needs it."""

    id: int
    occurrence_id: int
    unit_id: int
    kind: str
    offset: int
    fire_at: datetime
    attempts: int  # including the attempt this claim starts
    message_id: str | None
    recipients: dict[str, Any] | None = None  # what became of it at each address so far


CLAIMED_COLUMNS = (  # what a claim returns: the fields of `Claimed`, in order
    _r.c.id,
    _r.c.occurrence_id,
    _r.c.unit_id,
    _r.c.kind,
    _r.c.offset,
    _r.c.fire_at,
    _r.c.attempts,
    _r.c.message_id,
    _r.c.recipients,
)


# Statuses as literals, not parameters: the planners then see that the partial indexes on
# pending and sending rows (`scheduler.models`) hold every row a query asks for.
PENDING = literal_column("'pending'", String)
SENDING = literal_column("'sending'", String)


def _pending_due(table: Any, now: datetime) -> Any:
    return and_(table.c.status == PENDING, table.c.next_attempt_at <= now)


def _lease_expired(table: Any, wall: datetime) -> Any:
    return and_(table.c.status == SENDING, table.c.lease_until < wall)


def due_condition(table: Any, now: datetime, wall: datetime) -> Any:
    """Pending and due by the business clock, or sending under a lease that has run out."""
    return or_(_pending_due(table, now), _lease_expired(table, wall))


def claim(
    session: Session,
    owner: str,
    now: datetime,
    *,
    units: int,
    lease: timedelta,
    wall: datetime | None = None,
) -> list[Claimed]:
    """Claim every due row of up to ``units`` units; commits nothing (the caller does).
    Units whose lease ran out come first, then those of the rows due first."""
    wall = wall or wall_clock()
    postgres = session.get_bind().dialect.name == "postgresql"
    if not postgres:
        return _claim_rows(session, owner, now, wall, lease, _due_units(session, now, wall, units))
    session.execute(text("SELECT pg_advisory_xact_lock_shared(:key)"), {"key": PLAN_LOCK})
    for _ in range(_STALE_RETRIES):
        locked = _due_units(session, now, wall, units, lock=True)
        if not locked:
            return []
        rows = _claim_rows(session, owner, now, wall, lease, locked)
        if rows:
            return rows
        # The units were chosen from a snapshot taken just before another worker's claim
        # committed: their rows are no longer due. The next statement sees that.
    return []


_STALE_RETRIES = 10


def _claim_rows(
    session: Session, owner: str, now: datetime, wall: datetime, lease: timedelta, units: list[int]
) -> list[Claimed]:
    """Every due row of ``units``, made ``sending`` under a lease."""
    if not units:
        return []
    statement = (
        update(_r)
        .where(_r.c.unit_id.in_(units), due_condition(_r, now, wall))
        .values(
            status="sending",
            lease_owner=owner,
            lease_until=wall + lease,
            attempts=_r.c.attempts + 1,
            updated_at=now,
        )
        .returning(*CLAIMED_COLUMNS)
    )
    rows = [Claimed(*row) for row in session.execute(statement)]
    rows.sort(key=lambda row: (row.unit_id, row.id))
    return rows


def _due_units(
    session: Session, now: datetime, wall: datetime, units: int, *, lock: bool = False
) -> list[int]:
    """The first ``units`` units with due rows: expired leases first, then in fire order.

    Each query walks a partial index from its start and stops after ``wanted`` rows, so its
    cost does not grow with the rows already sent. A unit may own several of those rows:
    the query is asked again for the units still wanted, past those found, until enough are
    found or the rows run out. ``lock`` (PostgreSQL): the units are locked with ``FOR NO KEY
    UPDATE SKIP LOCKED`` as they are read, so that concurrent workers take disjoint units and
    never wait on each other (``NO KEY``: loading the calendar's foreign keys is not
    blocked); rows of units locked by others are skipped and do not count in the limit, and
    no unit is locked that the claim does not take. SQLite's single writer makes its claim
    atomic without a lock."""
    found: dict[int, None] = {}  # in order, without repeats
    for query in _due_rows(now, wall, lock):
        while len(found) < units:
            wanted = units - len(found)
            past = query.where(_r.c.unit_id.not_in(list(found))) if found else query
            seen = list(session.scalars(past.limit(wanted)))
            found.update(dict.fromkeys(seen))
            if len(seen) < wanted:
                break
    return list(found)


def _due_rows(now: datetime, wall: datetime, lock: bool) -> list[Select[tuple[int]]]:
    """The units of rows whose lease ran out, and of pending rows in fire order."""
    queries = [
        select(_r.c.unit_id)
        .where(_lease_expired(_r, wall))
        .order_by(_r.c.lease_until, _r.c.unit_id),
        select(_r.c.unit_id)
        .where(_pending_due(_r, now))
        .order_by(_r.c.next_attempt_at, _r.c.unit_id),
    ]
    if not lock:
        return queries
    return [
        query.join(_units, _units.c.id == _r.c.unit_id).with_for_update(
            of=_units, skip_locked=True, key_share=True
        )
        for query in queries
    ]


_units = m.Unit.__table__


def next_due(session: Session, after: datetime) -> datetime | None:
    """When the next pending row falls due (for the service's next wake-up)."""
    return session.scalar(
        select(func.min(_r.c.next_attempt_at)).where(
            _r.c.status == PENDING, _r.c.next_attempt_at > after
        )
    )


def next_lease_expiry(session: Session) -> datetime | None:
    """When the first lease held now runs out (wall clock): a dead worker's rows are due
    again then."""
    return session.scalar(select(func.min(_r.c.lease_until)).where(_r.c.status == SENDING))


# --- settling --------------------------------------------------------------------------
# Built once: a dispatch settles a row (or a message's rows) thousands of times a run.

_MINE = and_(_r.c.status == "sending", _r.c.lease_owner == bindparam("b_owner"))
_IDS = _r.c.id.in_(bindparam("b_ids", expanding=True))
_FREE = {"lease_owner": None, "lease_until": None}  # back to pending: nobody's
_DONE = {"lease_until": None}  # settled: lease_owner stays, to tell who settled it
_RECIPIENTS = bindparam("b_recipients", type_=JSON(none_as_null=True))
_DECIDED = (
    update(_r)
    .where(_r.c.id == bindparam("b_id"), _MINE)
    .values(
        status=bindparam("b_status"),
        reason=bindparam("b_reason"),
        attempts=_r.c.attempts - 1,
        updated_at=bindparam("b_now"),
        **_DONE,
    )
)
_SENT_VALUES = {
    "status": "sent",
    "sent_at": bindparam("b_now"),
    "message_id": bindparam("b_mid"),
    "last_error": bindparam("b_error"),
    "recipients": _RECIPIENTS,
    "reason": None,
    "updated_at": bindparam("b_now"),
    **_DONE,
}
_SENT = update(_r).where(_IDS, _MINE).values(**_SENT_VALUES)
# Most messages carry one row: without an expanding IN the statement is a third cheaper,
# and it runs once a message, in the hot path.
_SENT_ONE = update(_r).where(_r.c.id == bindparam("b_id"), _MINE).values(**_SENT_VALUES)
_FAILED = (
    update(_r)
    .where(_IDS, _MINE)
    .values(
        status="failed",
        last_error=bindparam("b_error"),
        recipients=_RECIPIENTS,
        updated_at=bindparam("b_now"),
        **_DONE,
    )
)
_RETRY = (
    update(_r)
    .where(_IDS, _MINE)
    .values(
        status="pending",
        next_attempt_at=bindparam("b_retry_at"),
        last_error=bindparam("b_error"),
        recipients=_RECIPIENTS,
        updated_at=bindparam("b_now"),
        **_FREE,
    )
)
_RELEASED = (
    update(_r)
    .where(_IDS, _MINE)
    .values(
        status="pending",
        attempts=_r.c.attempts - 1,
        last_error=func.coalesce(bindparam("b_error", type_=Text()), _r.c.last_error),
        updated_at=bindparam("b_now"),
        **_FREE,
    )
)
_UNNAMED = update(_r).where(_IDS, _MINE).values(message_id=None)
_RENEWED = update(_r).where(_IDS, _MINE).values(lease_until=bindparam("b_until"))


class Executor(Protocol):
    """What settles rows: a connection, a session, or `scheduler.pipelined.Pipelined`."""

    def execute(self, statement: Any, parameters: Any, /) -> Any: ...


def settle_decisions(
    db: Executor, owner: str, now: datetime, outcomes: dict[int, tuple[str, str]]
) -> None:
    """Rows the dispatcher decided not to send: id → (skipped or cancelled, reason); the
    attempt the claim counted is taken back."""
    if outcomes:
        db.execute(
            _DECIDED,
            [
                {"b_id": i, "b_status": status, "b_reason": reason, "b_owner": owner, "b_now": now}
                for i, (status, reason) in sorted(outcomes.items())
            ],
        )


def assign_message_ids(db: Executor, owner: str, ids: dict[int, str]) -> None:
    """Give rows the Message-ID of the message they go out in, before it is sent, so that a
    resend after a crash carries the same Message-ID. One statement for up to
    `_NAMED_AT_ONCE` rows (one a row cost PostgreSQL a round trip each; the bound keeps a
    statement far below the 65,535 values PostgreSQL takes)."""
    ordered = sorted(ids.items())
    for start in range(0, len(ordered), _NAMED_AT_ONCE):
        some = dict(ordered[start : start + _NAMED_AT_ONCE])
        named = case(some, value=_r.c.id, else_=_r.c.message_id)
        statement = update(_r).where(_IDS, _MINE).values(message_id=named)
        db.execute(statement, {"b_ids": list(some), "b_owner": owner})


_NAMED_AT_ONCE = 1000


def mark_sent(
    db: Executor,
    owner: str,
    ids: Collection[int],
    *,
    now: datetime,
    message_id: str,
    refused: str | None = None,
    recipients: dict[str, Any] | None = None,
) -> None:
    values = {
        "b_owner": owner,
        "b_now": now,
        "b_mid": message_id,
        "b_error": refused,
        "b_recipients": recipients,
    }
    if len(ids) == 1:
        db.execute(_SENT_ONE, {"b_id": next(iter(ids)), **values})
    else:
        db.execute(_SENT, {"b_ids": list(ids), **values})


def mark_failed(
    db: Executor,
    owner: str,
    ids: Collection[int],
    *,
    now: datetime,
    error: str,
    recipients: dict[str, Any] | None = None,
) -> None:
    db.execute(
        _FAILED,
        {
            "b_ids": list(ids),
            "b_owner": owner,
            "b_now": now,
            "b_error": error,
            "b_recipients": recipients,
        },
    )


def mark_retry(
    db: Executor,
    owner: str,
    ids: Collection[int],
    *,
    now: datetime,
    error: str,
    retry_at: datetime,
    recipients: dict[str, Any] | None = None,
) -> None:
    db.execute(
        _RETRY,
        {
            "b_ids": list(ids),
            "b_owner": owner,
            "b_now": now,
            "b_error": error,
            "b_retry_at": retry_at,
            "b_recipients": recipients,
        },
    )


def release(
    db: Executor,
    owner: str,
    ids: Iterable[int],
    *,
    now: datetime,
    error: str | None = None,
    unnamed: Collection[int] = (),
) -> None:
    """Give back rows not attempted (shutdown, mail server down): due again at once, and
    the attempt the claim counted is taken back. ``unnamed``: rows among them whose
    Message-ID was given by this claim and never went out, taken back too, so that they
    can be grouped afresh."""
    ids = list(ids)
    if unnamed:
        db.execute(_UNNAMED, {"b_ids": list(unnamed), "b_owner": owner})
    if ids:
        db.execute(_RELEASED, {"b_ids": ids, "b_owner": owner, "b_now": now, "b_error": error})


def renew(db: Executor, owner: str, ids: Collection[int], *, lease: timedelta) -> datetime:
    """Extend the lease of rows still held; returns the new expiry."""
    until = wall_clock() + lease
    if ids:
        db.execute(_RENEWED, {"b_ids": list(ids), "b_owner": owner, "b_until": until})
    return until
