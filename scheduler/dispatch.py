"""Send what is due: claim rows, decide what each deserves, send one message per unit,
record the outcome of every row.

A run plans first when the calendar changed, then claims due rows a few units at a time
(`scheduler.claims`) until none is left. For each claimed row it decides:

- the deadline was cancelled, or the unit no longer answers for it → cancelled;
- the unit submitted → skipped;
- a later reminder of the same deadline and unit also falls due today → skipped as
  ``superseded`` (after downtime a unit gets the latest reminder once, not every missed
  one; an advance reminder made moot is never sent late);
- it fell due more than ``catch_up_days`` ago → skipped as ``stale``;
- a late list on which nobody is late any more → skipped;

and sends the rest as one message per unit (a reminder, an overdue notice or a digest of
all its deadlines; the receiving office's late lists as one message of their own). Each
message is recorded in its own transaction as soon as the channel has accepted it, so a
crash repeats at most the message in flight. A permanent refusal (SMTP 5xx) fails that
unit's rows and the run goes on; a transient one (4xx, timeout) retries the rows later with
exponential backoff and jitter, up to ``retry_max_attempts``. When the mail server cannot be
reached at all the run stops and gives its rows back untouched, to be retried next run
(an outage does not use up attempts).
"""

from __future__ import annotations

import logging
import random
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import chain
from typing import Any

from sqlalchemy import Connection, Engine, select
from sqlalchemy.orm import Session, joinedload, sessionmaker

from calendars import models as m
from calendars.feeds import audience_names
from calendars.ical import occurrence_calendar
from calendars.workdays import WorkCalendar
from config.settings import Settings
from notifiers.base import Notice, SendResult, Transport, TransportError, make_transport
from scheduler import claims
from scheduler.claims import Claimed
from scheduler.models import CHASE_KINDS, Reminder
from scheduler.notices import Deadline, NoticeBuilder, UnitInfo, deadline, message_id, unit_info
from scheduler.planner import PlanReport, plan_if_stale
from submissions import records

log = logging.getLogger("thidua.dispatch")

_KIND_RANK = {"advance": 0, "due": 1, "overdue": 2, "late_list": 0, "manual": 0}
_HALT_AFTER = 3  # consecutive transient failures that stop a run
Clock = Callable[[], datetime]
TransportFactory = Callable[[Settings, Clock], Transport]


def default_transport(settings: Settings, clock: Clock) -> Transport:
    """The configured channel; ``clock`` dates the messages (the run's ``now``)."""
    return make_transport(settings, clock=clock)


def family(kind: str) -> str:
    """Reminders to a unit (advance, due, overdue), the office's late lists and the
    reminders the office sends by hand go out in separate messages: a manual one is
    neither superseded by a planned one due later today nor supersedes it."""
    return kind if kind in ("late_list", "manual") else "chase"


def rank(row: Claimed) -> tuple[datetime, int, int]:
    """Which of two reminders of the same deadline and unit is the later."""
    nearness = -row.offset if row.kind == "advance" else row.offset
    return (row.fire_at, _KIND_RANK[row.kind], nearness)


@dataclass
class DispatchReport:
    messages: int = 0
    sent: int = 0
    failed: int = 0
    retrying: int = 0
    skipped: int = 0
    cancelled: int = 0
    released: int = 0
    planned: PlanReport | None = None
    halted: str | None = None  # why the run stopped before the end
    failures: list[str] = field(default_factory=list)

    def add_outcomes(self, outcomes: dict[int, tuple[str, str]]) -> None:
        for status, _reason in outcomes.values():
            if status == "cancelled":
                self.cancelled += 1
            else:
                self.skipped += 1


# --- what a batch needs to know --------------------------------------------------------


class RunCache:
    """Deadlines (with their .ics) and units, read once per run."""

    def __init__(self, settings: Settings, *, ics: bool = True) -> None:
        self.settings = settings
        self.ics = ics
        self.names: dict[str, str] | None = None  # unit and group names, for the .ics
        self.deadlines: dict[int, Deadline] = {}
        self.units: dict[int, UnitInfo] = {}

    def load(self, session: Session, occurrence_ids: set[int], unit_ids: set[int]) -> None:
        missing = occurrence_ids - self.deadlines.keys()
        if missing:
            occurrences = session.scalars(
                select(m.Occurrence)
                .options(joinedload(m.Occurrence.campaign))
                .where(m.Occurrence.id.in_(missing))
            )
            for occ in occurrences:
                self.deadlines[occ.id] = deadline(occ, self._ics(session, occ))
        self.load_units(session, unit_ids)

    def _ics(self, session: Session, occ: m.Occurrence) -> bytes | None:
        """The deadline as a one-event calendar, rendered as the feeds render it."""
        if not self.ics:
            return None
        if self.names is None:
            self.names = audience_names(session)
        return occurrence_calendar(occ, occ.campaign, self.settings, names=self.names)

    def load_units(self, session: Session, unit_ids: Iterable[int]) -> None:
        missing = set(unit_ids) - self.units.keys()
        if missing:
            for unit in session.scalars(select(m.Unit).where(m.Unit.id.in_(missing))):
                self.units[unit.id] = unit_info(unit)


@dataclass(frozen=True)
class LateState:
    late: tuple[UnitInfo, ...]
    submitted: int
    total: int


@dataclass
class BatchContext:
    cache: RunCache
    assigned: set[tuple[int, int]]  # (event id, unit id)
    submitted: set[tuple[int, int]]  # (occurrence id, unit id)
    rivals: list[Claimed]  # other rows of the same deadlines and units, due by tonight
    late: dict[int, LateState]  # occurrence id → who is late (for late lists)


def end_of_day(day: date, settings: Settings) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(), tzinfo=settings.tz)


def load_context(
    session: Session,
    rows: Sequence[Claimed],
    cache: RunCache,
    now: datetime,
    settings: Settings,
) -> BatchContext:
    occurrence_ids = {r.occurrence_id for r in rows}
    unit_ids = {r.unit_id for r in rows}
    cache.load(session, occurrence_ids, unit_ids)
    event_ids = {cache.deadlines[o].event_id for o in occurrence_ids if o in cache.deadlines}
    assigned = {
        (event_id, unit_id)
        for event_id, unit_id in session.execute(
            select(m.Assignment.event_id, m.Assignment.unit_id).where(
                m.Assignment.unit_id.in_(unit_ids), m.Assignment.event_id.in_(event_ids)
            )
        )
    }
    submitted = records.done_pairs(session, occurrence_ids=occurrence_ids, unit_ids=unit_ids)
    today = now.astimezone(settings.tz).date()
    table = Reminder.__table__
    rivals = [
        Claimed(*row, attempts=0, message_id=None)
        for row in session.execute(
            select(
                table.c.id,
                table.c.occurrence_id,
                table.c.unit_id,
                table.c.kind,
                table.c.offset,
                table.c.fire_at,
            ).where(
                table.c.occurrence_id.in_(occurrence_ids),
                table.c.unit_id.in_(unit_ids),
                table.c.status.in_(("pending", "sending", "sent")),
                table.c.fire_at < end_of_day(today, settings),
                table.c.id.not_in([r.id for r in rows]),
            )
        )
    ]
    late_ids = {r.occurrence_id for r in rows if r.kind == "late_list"}
    late = {o: late_state(session, cache, o) for o in late_ids if o in cache.deadlines}
    return BatchContext(cache, assigned, submitted, rivals, late)


def late_state(session: Session, cache: RunCache, occurrence_id: int) -> LateState:
    dl = cache.deadlines[occurrence_id]
    responsible = list(
        session.scalars(
            select(m.Assignment.unit_id)
            .join(m.Unit, m.Unit.id == m.Assignment.unit_id)
            .where(m.Assignment.event_id == dl.event_id, m.Unit.active)
        )
    )
    done = {unit for _, unit in records.done_pairs(session, occurrence_ids=[occurrence_id])}
    cache.load_units(session, responsible)
    late = tuple(cache.units[u] for u in responsible if u not in done)
    return LateState(late, len(set(responsible) & done), len(responsible))


# --- deciding --------------------------------------------------------------------------


@dataclass
class Outgoing:
    """One message: a unit's rows of one family."""

    unit: UnitInfo
    family: str
    rows: list[Claimed]
    message_id: str
    new_id: bool  # True: the Message-ID is given to the rows now


@dataclass
class Decisions:
    outcomes: dict[int, tuple[str, str]]  # not sent: id → (status, reason)
    messages: list[Outgoing]


def decide(
    rows: Sequence[Claimed], ctx: BatchContext, now: datetime, settings: Settings
) -> Decisions:
    latest: dict[tuple[int, int, str], tuple[datetime, int, int]] = {}
    for row in chain(rows, ctx.rivals):
        key = (row.occurrence_id, row.unit_id, family(row.kind))
        latest[key] = max(latest.get(key, rank(row)), rank(row))
    stale_before = now - timedelta(days=settings.catch_up_days)
    outcomes: dict[int, tuple[str, str]] = {}
    groups: dict[tuple[int, str, str | None], list[Claimed]] = defaultdict(list)
    for row in rows:
        verdict = _verdict(row, ctx, latest, stale_before)
        if verdict is not None:
            outcomes[row.id] = verdict
        else:
            groups[(row.unit_id, family(row.kind), row.message_id)].append(row)
    messages = []
    for (unit_id, fam, existing), group in sorted(groups.items(), key=_group_order):
        mid = existing or message_id([r.id for r in group], fam, settings.uid_domain)
        messages.append(Outgoing(ctx.cache.units[unit_id], fam, group, mid, existing is None))
    return Decisions(outcomes, messages)


def _group_order(entry: tuple[tuple[int, str, str | None], list[Claimed]]) -> tuple[int, str, str]:
    (unit_id, fam, existing), _ = entry
    return (unit_id, fam, existing or "")


def _verdict(
    row: Claimed,
    ctx: BatchContext,
    latest: dict[tuple[int, int, str], tuple[datetime, int, int]],
    stale_before: datetime,
) -> tuple[str, str] | None:
    """Why a claimed row is not sent, or None to send it."""
    dl = ctx.cache.deadlines.get(row.occurrence_id)
    unit = ctx.cache.units.get(row.unit_id)
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
    deadlines = [ctx.cache.deadlines[r.occurrence_id] for r in message.rows]
    if message.family != "late_list":
        return builder.chase(message.unit, deadlines, today, message.message_id)
    lists = [
        (dl, ctx.late[dl.id].late, ctx.late[dl.id].submitted, ctx.late[dl.id].total)
        for dl in deadlines
    ]
    return builder.late_list(message.unit, lists, today, message.message_id)


# --- sending ---------------------------------------------------------------------------


class Unavailable(Exception):
    """The channel cannot be reached at all (the mail server is down)."""


class Channel:
    """A channel for one run: messages are prepared by a transport made up front (a bad
    setting fails the run before anything is claimed), and delivered by one opened on
    first use and made again after a failure."""

    def __init__(self, factory: TransportFactory, settings: Settings, clock: Clock) -> None:
        self.factory = factory
        self.settings = settings
        self.clock = clock
        self.renderer = factory(settings, clock)
        self.transport: Transport | None = None

    def prepare(self, notice: Notice) -> Any:
        """Render a message (no I/O, no state)."""
        return self.renderer.prepare(notice)

    def deliver(self, prepared: Any, meanwhile: Callable[[], None] | None = None) -> SendResult:
        if self.transport is None:
            transport = self.factory(self.settings, self.clock)
            try:
                transport.open()
            except (TransportError, OSError) as exc:
                transport.close()
                raise Unavailable(str(exc) or type(exc).__name__) from exc
            self.transport = transport
        return self.transport.deliver(prepared, meanwhile)

    def reset(self) -> None:
        if self.transport is not None:
            self.transport.close()
            self.transport = None

    close = reset


class _Rendering:
    """One message's rendering, made once: by the channel while it waits on the mail server
    for the previous message's verdict (``meanwhile``), or else when it is needed. A
    failure is kept and raised where the message is delivered, as that message's own."""

    def __init__(self, render: Callable[[Outgoing], Any], message: Outgoing) -> None:
        self.message = message
        self._render = render
        self._done = False
        self._value: Any = None
        self._error: Exception | None = None

    def make(self) -> None:
        if self._done:
            return
        try:
            self._value = self._render(self.message)
        except Exception as exc:  # raised again by result(), as the message's own
            self._error = exc
        self._done = True

    def result(self) -> Any:
        self.make()
        if self._error is not None:
            raise self._error
        return self._value


def _renderings(
    render: Callable[[Outgoing], Any], messages: Iterable[Outgoing]
) -> Iterator[tuple[_Rendering, _Rendering | None]]:
    """Each message's rendering with the next one's, which can be made while this one is
    delivered."""
    upcoming = (_Rendering(render, message) for message in messages)
    current = next(upcoming, None)
    while current is not None:
        following = next(upcoming, None)
        yield current, following
        current = following


def retry_delay(attempts: int, settings: Settings, rng: random.Random) -> timedelta:
    """Exponential backoff (base × 2^(attempts−1), at most an hour or the base) with jitter
    (a random half of it), so that retries of many rows spread out."""
    base = settings.retry_base_seconds
    delay = min(base * 2 ** max(attempts - 1, 0), max(3600, base))
    return timedelta(seconds=delay * rng.uniform(0.5, 1.0))


@dataclass(frozen=True)
class _Sending:
    """What sending at one moment needs, for every claim of a run."""

    cache: RunCache
    builder: NoticeBuilder
    channel: Channel


class Dispatcher:
    """Runs dispatch for one process; ``stop`` ends a run after the message in flight."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        settings: Settings,
        calendar: WorkCalendar,
        *,
        transport_factory: TransportFactory = default_transport,
        owner: str | None = None,
        stop: threading.Event | None = None,
        units_per_claim: int = 100,
        ics: bool = True,
        rng: random.Random | None = None,
    ) -> None:
        self.sessions = sessions
        self.settings = settings
        self.calendar = calendar
        self.transport_factory = transport_factory
        self.owner = owner or claims.new_worker_id()
        self.stop = stop or threading.Event()
        self.units_per_claim = units_per_claim
        self.ics = ics
        self.rng = rng or random.Random()  # noqa: S311 - jitter, not a secret
        self.lease = timedelta(seconds=settings.dispatch_lease_seconds)
        # Outcomes are recorded through plain connections: one short transaction a message.
        self.engine: Engine = sessions.kw["bind"]
        self._db: Connection | None = None
        self._claims = 0

    def run(self, now: datetime) -> DispatchReport:
        """Plan if the calendar changed, then send everything due at ``now``."""
        report = DispatchReport()
        with self.sessions.begin() as session:
            report.planned = plan_if_stale(session, self.settings, self.calendar, now)
        with self._sending(now) as sending:
            while not self.stop.is_set():
                owner = self._next_owner()
                rows = self._claim(owner, now)
                if not rows:
                    break
                if not self._process(rows, owner, sending, now, report):
                    break
        return report

    def send_claimed(self, rows: list[Claimed], owner: str, now: datetime) -> DispatchReport:
        """Decide, send and record rows this process claimed itself under ``owner`` (the
        office's "send now", `scheduler.manual`), exactly as a run does its claims."""
        report = DispatchReport()
        with self._sending(now) as sending:
            self._process(rows, owner, sending, now, report)
        return report

    @contextmanager
    def _sending(self, now: datetime) -> Iterator[_Sending]:
        """What sending at ``now`` needs, and the connection outcomes are recorded on."""
        cache = RunCache(self.settings, ics=self.ics)
        builder = NoticeBuilder(self.settings)
        dated = now.astimezone(self.settings.tz)
        channel = Channel(self.transport_factory, self.settings, lambda: dated)
        self._db = self.engine.connect()
        try:
            yield _Sending(cache, builder, channel)
        finally:
            channel.close()
            self._db.close()
            self._db = None

    @contextmanager
    def _recording(self) -> Iterator[Connection]:
        """A transaction of its own on the run's connection: one per message recorded, as
        soon as the channel accepted it (a crash repeats at most the message in flight)."""
        assert self._db is not None
        with self._db.begin():
            yield self._db

    def _next_owner(self) -> str:
        """A lease owner of its own for each claim: settling one claim cannot touch
        another's rows."""
        self._claims += 1
        return f"{self.owner}/{self._claims}"

    def _claim(self, owner: str, now: datetime) -> list[Claimed]:
        with self.sessions.begin() as session:
            return claims.claim(
                session,
                owner,
                now,
                units=self.units_per_claim,
                lease=self.lease,
            )

    def _process(
        self,
        rows: list[Claimed],
        owner: str,
        sending: _Sending,
        now: datetime,
        report: DispatchReport,
    ) -> bool:
        """Send one claim's messages; False when the run must stop."""
        cache, builder = sending.cache, sending.builder
        channel = sending.channel
        today = now.astimezone(self.settings.tz).date()
        with self.sessions.begin() as session:
            ctx = load_context(session, rows, cache, now, self.settings)
            decisions = decide(rows, ctx, now, self.settings)
            claims.settle_decisions(session, owner, now, decisions.outcomes)
            claims.assign_message_ids(
                session,
                owner,
                {
                    r.id: msg.message_id
                    for msg in decisions.messages
                    if msg.new_id
                    for r in msg.rows
                },
            )
        report.add_outcomes(decisions.outcomes)
        held = {r.id for msg in decisions.messages for r in msg.rows}
        lease_until = claims.wall_clock() + self.lease
        transient_in_a_row = 0

        def render(message: Outgoing) -> Any:
            return channel.prepare(build_notice(message, ctx, builder, today))

        for rendering, following in _renderings(render, decisions.messages):
            message = rendering.message
            if self.stop.is_set():
                return self._give_back(owner, held, now, report, None)
            if claims.wall_clock() > lease_until - self.lease / 2:
                with self._recording() as db:
                    lease_until = claims.renew(db, owner, held, lease=self.lease)
            ids = [r.id for r in message.rows]
            try:
                result = channel.deliver(rendering.result(), following and following.make)
            except Unavailable as exc:
                report.halted = f"mail server unreachable: {exc}"
                return self._give_back(owner, held, now, report, report.halted)
            except TransportError as exc:
                channel.reset()
                if exc.permanent:
                    self._fail(owner, message, now, str(exc), report)
                    transient_in_a_row = 0
                else:
                    self._retry(owner, message, now, str(exc), report)
                    transient_in_a_row += 1
            except Exception as exc:  # a bug must not stop the other units' reminders
                log.exception("reminder %s could not be sent", message.message_id)
                channel.reset()
                self._retry(owner, message, now, f"{type(exc).__name__}: {exc}", report)
                transient_in_a_row += 1
            else:
                transient_in_a_row = 0
                self._sent(owner, message, now, result, report)
            held.difference_update(ids)
            if transient_in_a_row >= _HALT_AFTER:
                report.halted = "the mail server keeps failing; the rest waits for the next run"
                return self._give_back(owner, held, now, report, None)
        return True

    def _sent(
        self,
        owner: str,
        message: Outgoing,
        now: datetime,
        result: SendResult,
        report: DispatchReport,
    ) -> None:
        refused = None
        if result.refused:
            refused = "refused: " + "; ".join(f"{a} ({why})" for a, why in result.refused.items())
            report.failures.append(f"{message.unit.code}: {refused}")
        with self._recording() as db:
            claims.mark_sent(
                db,
                owner,
                [r.id for r in message.rows],
                now=now,
                message_id=message.message_id,
                refused=refused,
            )
        report.messages += 1
        report.sent += len(message.rows)

    def _fail(
        self, owner: str, message: Outgoing, now: datetime, error: str, report: DispatchReport
    ) -> None:
        with self._recording() as db:
            claims.mark_failed(db, owner, [r.id for r in message.rows], now=now, error=error)
        report.failed += len(message.rows)
        report.failures.append(f"{message.unit.code}: {error}")

    def _retry(
        self, owner: str, message: Outgoing, now: datetime, error: str, report: DispatchReport
    ) -> None:
        attempts = max(r.attempts for r in message.rows)
        if attempts >= self.settings.retry_max_attempts:
            self._fail(owner, message, now, f"gave up after {attempts} attempts: {error}", report)
            return
        retry_at = now + retry_delay(attempts, self.settings, self.rng)
        with self._recording() as db:
            claims.mark_retry(
                db,
                owner,
                [r.id for r in message.rows],
                now=now,
                error=error,
                retry_at=retry_at,
            )
        report.retrying += len(message.rows)

    def _give_back(
        self,
        owner: str,
        held: set[int],
        now: datetime,
        report: DispatchReport,
        error: str | None,
    ) -> bool:
        with self._recording() as db:
            claims.release(db, owner, held, now=now, error=error)
        report.released += len(held)
        return False
