"""What a dispatch decides, without touching the database or the network: which claimed
rows deserve a message, how they are grouped into messages, and what becomes of a message's
rows after the channel's answer (sent, failed, or retried when).

Everything here is a function of its arguments (the batch's facts, read beforehand by
`scheduler.facts`; the clock; the channel's answer), in the way APScheduler's triggers
compute fire times: so the dispatcher (`scheduler.dispatch`) and the preview
(`scheduler.preview`) decide alike, and tests can ask directly.

A claimed row is not sent when:

- the deadline was cancelled, or the unit no longer answers for it → cancelled;
- the unit submitted → skipped;
- a later reminder of the same deadline and unit also falls due today → skipped as
  ``superseded`` (after downtime a unit gets the latest reminder once, not every missed
  one; an advance reminder made moot is never sent late);
- it fell due more than ``catch_up_days`` ago → skipped as ``stale``;
- a late list on which nobody is late any more → skipped.

The rest go out as one message per unit and family (a reminder, an overdue notice or a
digest of all its deadlines; the receiving office's late lists as one message of their
own). A message some addresses already have (the others refused it for now) goes again,
under its Message-ID, to the others only.

After the channel's answer (`settle`), each address has the message, refused it for good
(5xx), or refused it for now (4xx, greylisting): then the rows wait for a later run with
exponential backoff and jitter, up to ``retry_max_attempts``, and that address alone gets
it then. A row is ``sent`` once any address has it (the refusals kept in its error),
``failed`` when none does and none can. A failure of the whole message (refused at DATA,
a rendering bug) is retried the same way, or failed when permanent.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from itertools import chain
from typing import Any, Literal

from config.dates import shift_days
from config.settings import Settings
from notifiers.addresses import InvalidAddress, wire_address
from notifiers.base import Notice, SendResult, TransportError
from scheduler.claims import Claimed
from scheduler.models import CHASE_KINDS
from scheduler.notices import Deadline, NoticeBuilder, UnitInfo, message_id

_KIND_RANK = {"advance": 0, "due": 1, "overdue": 2, "late_list": 0, "manual": 0}
Verdict = tuple[str, str]  # (skipped or cancelled, reason)


def family(kind: str) -> str:
    """Reminders to a unit (advance, due, overdue), the office's late lists and the
    reminders the office sends by hand go out in separate messages: a manual one is
    neither superseded by a planned one due later today nor supersedes it."""
    return kind if kind in ("late_list", "manual") else "chase"


def rank(row: Claimed) -> tuple[datetime, int, int]:
    """Which of two reminders of the same deadline and unit is the later."""
    nearness = -row.offset if row.kind == "advance" else row.offset
    return (row.fire_at, _KIND_RANK[row.kind], nearness)


def end_of_day(day: date, settings: Settings) -> datetime:
    return datetime.combine(shift_days(day, 1), time(), tzinfo=settings.tz)


# --- the facts a batch is decided on ---------------------------------------------------


@dataclass(frozen=True)
class LateState:
    late: tuple[UnitInfo, ...]
    submitted: int
    total: int


@dataclass
class BatchContext:
    """What the decisions about one claim need, read by `scheduler.facts.load_context`."""

    deadlines: Mapping[int, Deadline]  # occurrence id → deadline
    units: Mapping[int, UnitInfo]  # unit id → unit
    assigned: set[tuple[int, int]]  # (event id, unit id)
    submitted: set[tuple[int, int]]  # (occurrence id, unit id)
    rivals: list[Claimed]  # other rows of the same deadlines and units, due by tonight
    late: dict[int, LateState]  # occurrence id → who is late (for late lists)


# --- what to send ----------------------------------------------------------------------


@dataclass
class Outgoing:
    """One message: a unit's rows of one family."""

    unit: UnitInfo
    family: str
    rows: list[Claimed]
    message_id: str
    new_id: bool  # True: the Message-ID is given to the rows now

    @property
    def ids(self) -> list[int]:
        return [r.id for r in self.rows]


@dataclass
class Decisions:
    outcomes: dict[int, Verdict]  # not sent: id → (status, reason)
    messages: list[Outgoing]

    def message_ids(self) -> dict[int, str]:
        """Row id → the Message-ID it goes out in, for every row to be sent."""
        return {r.id: msg.message_id for msg in self.messages for r in msg.rows}

    def new_message_ids(self) -> dict[int, str]:
        """The same, for rows that get their Message-ID now."""
        return {r.id: msg.message_id for msg in self.messages if msg.new_id for r in msg.rows}


def decide(
    rows: Sequence[Claimed], ctx: BatchContext, now: datetime, settings: Settings
) -> Decisions:
    latest: dict[tuple[int, int, str], tuple[datetime, int, int]] = {}
    for row in chain(rows, ctx.rivals):
        key = (row.occurrence_id, row.unit_id, family(row.kind))
        latest[key] = max(latest.get(key, rank(row)), rank(row))
    stale_before = now - timedelta(days=settings.catch_up_days)
    outcomes: dict[int, Verdict] = {}
    groups: dict[tuple[int, str, str | None], list[Claimed]] = defaultdict(list)
    for row in rows:
        verdict = verdict_on(row, ctx, latest, stale_before)
        if verdict is not None:
            outcomes[row.id] = verdict
        else:
            groups[(row.unit_id, family(row.kind), row.message_id)].append(row)
    messages = []
    for (unit_id, fam, existing), group in sorted(groups.items(), key=_group_order):
        unit = still_to_reach(ctx.units[unit_id], group)
        if not unit.emails:  # the addresses left to try were taken off the unit
            outcomes.update((r.id, ("skipped", "no_address")) for r in group)
            continue
        mid = existing or message_id([r.id for r in group], fam, settings.uid_domain)
        messages.append(Outgoing(unit, fam, group, mid, existing is None))
    return Decisions(outcomes, messages)


def still_to_reach(unit: UnitInfo, rows: Sequence[Claimed]) -> UnitInfo:
    """The unit with the addresses its rows' message has not reached yet (all of them for a
    new message): those that have it, or refused it for good, are not tried again."""
    settled = {
        _address_key(address)
        for row in rows
        for address, record in (row.recipients or {}).items()
        if record["outcome"] != "deferred"
    }
    if not settled:
        return unit
    remaining = tuple(a for a in unit.emails if _address_key(a) not in settled)
    return replace(unit, emails=remaining)


def _address_key(address: str) -> str:
    """An address as the channel reports it (wire form: an IDNA domain), case-folded; the
    unit's files may spell it in Unicode."""
    try:
        return wire_address(address).casefold()
    except InvalidAddress:
        return address.casefold()


def _group_order(entry: tuple[tuple[int, str, str | None], list[Claimed]]) -> tuple[int, str, str]:
    (unit_id, fam, existing), _ = entry
    return (unit_id, fam, existing or "")


def verdict_on(
    row: Claimed,
    ctx: BatchContext,
    latest: dict[tuple[int, int, str], tuple[datetime, int, int]],
    stale_before: datetime,
) -> Verdict | None:
    """Why a claimed row is not sent, or None to send it."""
    dl = ctx.deadlines.get(row.occurrence_id)
    unit = ctx.units.get(row.unit_id)
    chase = row.kind in CHASE_KINDS
    if dl is None or dl.cancelled:
        return ("cancelled", "deadline_cancelled")
    if unit is None or not unit.active:
        return ("cancelled", "not_responsible")
    if chase and (dl.event_id, row.unit_id) not in ctx.assigned:
        return ("cancelled", "not_responsible")
    if chase and (row.occurrence_id, row.unit_id) in ctx.submitted:
        return ("skipped", "submitted")
    if rank(row) < latest[(row.occurrence_id, row.unit_id, family(row.kind))]:
        return ("skipped", "superseded")
    if row.fire_at < stale_before:
        return ("skipped", "stale")
    if not unit.emails:
        return ("skipped", "no_address")
    if not chase and not ctx.late[row.occurrence_id].late:
        return ("skipped", "nobody_late")
    return None


def build_notice(
    message: Outgoing, ctx: BatchContext, builder: NoticeBuilder, today: date
) -> Notice:
    """What the message says: the channel-neutral notice of its rows."""
    deadlines = [ctx.deadlines[r.occurrence_id] for r in message.rows]
    if message.family != "late_list":
        return builder.chase(message.unit, deadlines, today, message.message_id)
    lists = [
        (dl, ctx.late[dl.id].late, ctx.late[dl.id].submitted, ctx.late[dl.id].total)
        for dl in deadlines
    ]
    return builder.late_list(message.unit, lists, today, message.message_id)


# --- when to retry ---------------------------------------------------------------------


def retry_delay(attempts: int, settings: Settings, rng: random.Random) -> timedelta:
    """Exponential backoff (base × 2^(attempts−1), at most an hour or the base) with jitter
    (a random half of it), so that retries of many rows spread out."""
    base = settings.retry_base_seconds
    delay = min(base * 2 ** max(attempts - 1, 0), max(3600, base))
    return timedelta(seconds=delay * rng.uniform(0.5, 1.0))


def retry_at(
    rows: Sequence[Claimed], now: datetime, settings: Settings, rng: random.Random
) -> datetime | None:
    """When rows that failed for now are tried again, or None: their attempts are spent."""
    attempts = max(r.attempts for r in rows)
    if attempts >= settings.retry_max_attempts:
        return None
    return now + retry_delay(attempts, settings, rng)


# --- what became of a message ----------------------------------------------------------

Outcome = Literal["sent", "retry", "failed"]


@dataclass(frozen=True)
class Settlement:
    """What becomes of a message's rows after the channel's answer."""

    status: Outcome
    error: str | None  # the failure, the retry's cause, or the addresses refused
    recipients: dict[str, Any] | None  # per address, to be stored on the rows
    retry_at: datetime | None = None
    message_failed: bool = False  # the message itself failed for now (not one address)


def settle(
    message: Outgoing,
    answer: SendResult | TransportError,
    now: datetime,
    settings: Settings,
    rng: random.Random,
) -> Settlement:
    """The rows' outcome: per address when the channel answered per address, else for
    the whole message."""
    previous = _recipients_so_far(message.rows)
    if isinstance(answer, TransportError) and not (answer.refused or answer.deferred):
        return _message_failed(message, answer, previous, now, settings, rng)
    stamp = now.isoformat()
    records = dict(previous)
    accepted = answer.accepted if isinstance(answer, SendResult) else ()
    for address in accepted:
        records[address] = {"outcome": "sent", "reply": None, "at": stamp}
    for outcome, replies in (("refused", answer.refused), ("deferred", answer.deferred)):
        for address, reply in replies.items():
            records[address] = {"outcome": outcome, "reply": reply, "at": stamp}
    when = retry_at(message.rows, now, settings, rng) if answer.deferred else None
    if when is not None:
        return Settlement("retry", _listing("deferred", answer.deferred), records, when)
    gave_up = _gave_up(message.rows) if answer.deferred else ""
    refusals = answer.refused | answer.deferred
    if any(r["outcome"] == "sent" for r in records.values()):
        error = _listing("refused", refusals, gave_up) if refusals else None
        return Settlement("sent", error, records)
    return Settlement("failed", gave_up + str(answer), records)


def _message_failed(
    message: Outgoing,
    error: TransportError,
    previous: dict[str, Any],
    now: datetime,
    settings: Settings,
    rng: random.Random,
) -> Settlement:
    recipients = previous or None
    when = None if error.permanent else retry_at(message.rows, now, settings, rng)
    if when is not None:
        return Settlement("retry", str(error), recipients, when, message_failed=True)
    gave_up = "" if error.permanent else _gave_up(message.rows)
    status: Outcome = "sent" if _reached_before(previous) else "failed"
    return Settlement(status, gave_up + str(error), recipients, message_failed=True)


def _recipients_so_far(rows: Sequence[Claimed]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for row in rows:
        merged.update(row.recipients or {})
    return merged


def _reached_before(records: dict[str, Any]) -> bool:
    return any(r["outcome"] == "sent" for r in records.values())


def _gave_up(rows: Sequence[Claimed]) -> str:
    return f"gave up after {max(r.attempts for r in rows)} attempts: "


def _listing(what: str, replies: dict[str, str], prefix: str = "") -> str:
    return prefix + what + ": " + "; ".join(f"{a} ({why})" for a, why in replies.items())
