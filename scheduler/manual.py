"""Send units their reminder of one deadline now, at the office's request ("Nhắc ngay" on
the office's deadline page).

Each request becomes a reminder row of kind ``manual`` (``offset``: the how-many-th sent by
hand to that unit for that deadline), inserted already claimed by this process and then
decided, sent and recorded by the dispatcher itself (`Dispatcher.send_claimed`). So the
reminder table stays the one record of what was sent; a unit that has submitted, no longer
answers for the deadline or has no address is skipped for the same reasons as a planned
reminder; a transient failure is retried by the service like any other; and when the mail
server cannot be reached, or this process dies in flight, the row is due again and the next
run of any worker sends it.

A unit reminded by hand of the same deadline less than `AGAIN_AFTER` ago is not reminded
again (outcome ``skipped``, reason ``just_reminded``): a double click, or "remind everyone"
pressed twice, sends each unit one message.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from calendars import models as m
from scheduler import claims
from scheduler.dispatch import Dispatcher, DispatchReport
from scheduler.models import Reminder
from submissions.records import SubmissionError
from translations import gettext as _

_r = Reminder.__table__
KIND = "manual"
AGAIN_AFTER = timedelta(minutes=10)
JUST_REMINDED = "just_reminded"


@dataclass(frozen=True)
class Outcome:
    """What became of one unit's manual reminder, read back from its row."""

    unit: str
    status: str  # sent, failed, skipped, cancelled, or pending (to be retried)
    reason: str | None  # skipped or cancelled: why (`scheduler.models.REASONS`)
    error: str | None  # the delivery problem: a failure, a retry, refused addresses
    next_attempt_at: datetime | None  # pending: when it is tried again


@dataclass(frozen=True)
class ManualReport:
    outcomes: list[Outcome]
    dispatch: DispatchReport


def send_now(
    dispatcher: Dispatcher, occurrence_id: int, unit_codes: Sequence[str], now: datetime
) -> ManualReport:
    """Send each unit (active, responsible for the deadline) its reminder of the deadline
    now; `SubmissionError` names a deadline or unit that cannot be reminded."""
    owner = f"{dispatcher.owner}/manual-{secrets.token_hex(3)}"  # one request's lease
    lease = timedelta(seconds=dispatcher.settings.dispatch_lease_seconds)
    for attempt in range(2):
        try:
            with dispatcher.sessions.begin() as session:
                rows = _claimed_rows(session, occurrence_id, unit_codes, owner, now, lease)
            break
        except IntegrityError:  # two requests took the same offset: count again
            if attempt:
                raise
    report = dispatcher.send_claimed(rows, owner, now)
    with dispatcher.sessions() as session:
        outcomes = _outcomes(session, [r.id for r in rows])
    sent = {o.unit for o in outcomes}
    recent = [
        Outcome(code, "skipped", JUST_REMINDED, None, None)
        for code in dict.fromkeys(c.strip() for c in unit_codes)
        if code not in sent
    ]
    return ManualReport(sorted(outcomes + recent, key=lambda o: o.unit), report)


def _claimed_rows(
    session: Session,
    occurrence_id: int,
    unit_codes: Sequence[str],
    owner: str,
    now: datetime,
    lease: timedelta,
) -> list[claims.Claimed]:
    occurrence = session.get(m.Occurrence, occurrence_id)
    if occurrence is None or occurrence.kind != "deadline":
        raise SubmissionError(_("no deadline %(id)s", id=occurrence_id), "deadline", missing=True)
    if occurrence.cancelled_at is not None:
        raise SubmissionError(_("deadline %(uid)s was cancelled", uid=occurrence.uid), "deadline")
    units = _responsible_units(session, occurrence, unit_codes)
    recent = _recently_reminded(session, occurrence.id, now)
    units = [u for u in units if u.id not in recent]
    wall = claims.wall_clock()
    new = [
        {
            "occurrence_id": occurrence.id,
            "unit_id": unit.id,
            "kind": KIND,
            "offset": _next_offset(session, occurrence.id, unit.id),
            "fire_at": now,
            "next_attempt_at": now,
            "status": "sending",
            "attempts": 1,
            "lease_owner": owner,
            "lease_until": wall + lease,
            "created_at": now,
            "updated_at": now,
        }
        for unit in units
    ]
    if not new:
        return []
    statement = insert(_r).returning(_r.c.id, sort_by_parameter_order=True)
    ids = list(session.execute(statement, new).scalars())
    return [
        claims.Claimed(i, occurrence.id, row["unit_id"], KIND, row["offset"], now, 1, None)
        for i, row in zip(ids, new, strict=True)
    ]


def _responsible_units(
    session: Session, occurrence: m.Occurrence, codes: Sequence[str]
) -> list[m.Unit]:
    wanted = list(dict.fromkeys(code.strip() for code in codes))
    units = {
        u.code: u
        for u in session.scalars(
            select(m.Unit)
            .join(m.Assignment, m.Assignment.unit_id == m.Unit.id)
            .where(
                m.Assignment.event_id == occurrence.event_id,
                m.Unit.code.in_(wanted),
                m.Unit.active,
            )
        )
    }
    for code in wanted:
        if code not in units:
            raise SubmissionError(
                _(
                    "unit %(code)s is not an active unit answering for deadline %(uid)s",
                    code=repr(code),
                    uid=occurrence.uid,
                ),
                "unit",
            )
    return [units[code] for code in wanted]


def _recently_reminded(session: Session, occurrence_id: int, now: datetime) -> set[int]:
    """Units reminded by hand of this deadline since `AGAIN_AFTER` ago (or being so now)."""
    return set(
        session.scalars(
            select(_r.c.unit_id).where(
                _r.c.occurrence_id == occurrence_id,
                _r.c.kind == KIND,
                _r.c.created_at > now - AGAIN_AFTER,
                _r.c.status.in_(("pending", "sending", "sent")),
            )
        )
    )


def _next_offset(session: Session, occurrence_id: int, unit_id: int) -> int:
    last = session.scalar(
        select(func.max(_r.c.offset)).where(
            _r.c.occurrence_id == occurrence_id, _r.c.unit_id == unit_id, _r.c.kind == KIND
        )
    )
    return (last or 0) + 1


def _outcomes(session: Session, ids: list[int]) -> list[Outcome]:
    if not ids:
        return []
    rows = session.execute(
        select(
            m.Unit.code,
            _r.c.status,
            _r.c.reason,
            _r.c.last_error,
            _r.c.next_attempt_at,
        )
        .join(m.Unit, m.Unit.id == _r.c.unit_id)
        .where(_r.c.id.in_(ids))
        .order_by(m.Unit.code)
    )
    return [
        Outcome(code, status, reason, error, retry if status == "pending" else None)
        for code, status, reason, error, retry in rows
    ]
