"""Send what is due: the batch loop. Claim rows, have them decided, send one message per
unit through the channel, record the outcome of every row.

A run plans first when the calendar changed, then claims due rows a few units at a time
(`scheduler.claims`) until none is left. What each claimed row deserves, how rows group
into messages and when a failed one is retried are `scheduler.decisions`' (pure functions
of the facts `scheduler.facts` reads); the channel is `scheduler.channel`'s. This module
only strings them together and records: each message in its own transaction once the
channel has accepted it and before the next message goes, so a crash repeats at most the
message in flight. That transaction also reads the calendar's version again (a deadline
moved during the run is never sent with its old day), and it runs in the channel's first
wait on the mail server for the next message (`scheduler.channel.Once`): the bookkeeping
overlaps the server's work instead of adding to it. On PostgreSQL that transaction is
written to the server as the next message's first command goes, without waiting
(`scheduler.pipelined`), and its answers are read before that message's data: the server
stores the outcome while the mail server answers the envelope.

A permanent refusal (SMTP 5xx) fails that unit's rows and the run goes on; a transient one
(4xx, timeout) retries the rows later with exponential backoff and jitter, up to
``retry_max_attempts``. When the mail server cannot be reached at all the run stops and
gives its rows back untouched, to be retried next run (an outage does not use up attempts).
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session, sessionmaker

from calendars.db import READ_ONLY
from calendars.store import calendar_version
from calendars.workdays import WorkCalendar
from config.settings import Settings
from notifiers.base import SendResult, TransportError
from scheduler import claims
from scheduler.channel import (
    Channel,
    Once,
    Rendering,
    TransportFactory,
    Unavailable,
    default_transport,
    renderings,
)
from scheduler.claims import Claimed
from scheduler.decisions import (
    BatchContext,
    Outgoing,
    Settlement,
    Verdict,
    build_notice,
    decide,
    settle,
)
from scheduler.facts import RunCache, calendar_version_of, calendar_version_sql, load_context
from scheduler.notices import NoticeBuilder
from scheduler.pipelined import Pipelined
from scheduler.planner import PlanReport, plan, plan_if_stale, planned_version

log = logging.getLogger("thidua.dispatch")

_HALT_AFTER = 3  # consecutive transient failures that stop a run


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

    def add_outcomes(self, outcomes: dict[int, Verdict]) -> None:
        for status, _reason in outcomes.values():
            if status == "cancelled":
                self.cancelled += 1
            else:
                self.skipped += 1


@dataclass
class _Claim:
    """One claim being sent: its lease owner, the facts its messages were decided on, the
    rows still held and until when."""

    owner: str
    now: datetime
    version: int  # the calendar version the claim was decided on
    rows: list[Claimed]
    ctx: BatchContext
    held: set[int]
    lease_until: datetime
    named: set[int]  # rows given their Message-ID by this claim
    transient_in_a_row: int = 0
    last: tuple[Outgoing, Settlement] | None = None  # the last message's, until recorded
    recording: tuple[Outgoing, Settlement] | None = None  # PostgreSQL's: written, unanswered


class _CalendarMoved(Exception):
    """The calendar changed since the claim was decided: the next message must not go."""


@dataclass(frozen=True)
class Halt:
    """Why a claim stops before its end, and what the rows given back record as their last
    error (None: they keep theirs). ``replan``: the calendar changed under the claim; the
    run plans again and goes on, the rows are claimed afresh."""

    reason: str | None  # None: no fault (stopping, replanning)
    error: str | None = None
    in_flight: frozenset[int] = frozenset()  # rows of a message the server may have had
    replan: frozenset[int] | None = None  # occurrences whose rows to plan again


_STOPPED = Halt(None)
_STALE_PLAN = -1  # the version of rows claimed while the plan lagged behind the calendar


def _calendar_changed(rows: Iterable[Claimed]) -> Halt:
    return Halt(None, replan=frozenset(r.occurrence_id for r in rows))


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
        before_delivery: Callable[[Outgoing], None] | None = None,
    ) -> None:
        """``before_delivery`` is called with each message just before the calendar is
        checked and the message sent (a seam for tests)."""
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
        self.before_delivery = before_delivery
        self._db: Connection | None = None
        self._reads: Connection | None = None
        # PostgreSQL: outcomes written without waiting for the answer (`_begin_check`).
        self._pipelined: Pipelined | None = None
        self._claims = 0

    def run(self, now: datetime) -> DispatchReport:
        """Plan if the calendar changed, then send everything due at ``now``."""
        report = DispatchReport()
        self._plan(now, report)
        with self._sending(now) as sending:
            while not self.stop.is_set():
                owner = self._next_owner()
                rows, planned_at = self._claim(owner, now)
                if not rows:
                    break
                halt = self._process(rows, owner, sending, now, report, planned_at)
                if halt is not None and halt.replan is None:
                    break
                if halt is not None:
                    self._plan(now, report, halt.replan)
        return report

    def _plan(
        self, now: datetime, report: DispatchReport, again: frozenset[int] | None = None
    ) -> None:
        """Plan if the calendar changed; and plan ``again`` the occurrences of rows given
        back because it changed while they were claimed (planning passed them by then)."""
        with self.sessions.begin() as session:
            planned = plan_if_stale(session, self.settings, self.calendar, now)
            if again:
                replanned = plan(session, self.settings, self.calendar, now, occurrence_ids=again)
                if planned is not None:
                    replanned.add(planned)
                planned = replanned
        if report.planned is None:
            report.planned = planned
        elif planned is not None:
            report.planned.add(planned)

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
        with ExitStack() as stack:
            stack.callback(channel.close)
            self._db = stack.enter_context(self.engine.connect())
            self._reads = stack.enter_context(self.engine.execution_options(**READ_ONLY).connect())
            if Pipelined.available(self.engine):
                self._pipelined = Pipelined(self.engine)
                stack.callback(self._pipelined.close)
            try:
                yield _Sending(cache, builder, channel)
            finally:
                self._db = self._reads = self._pipelined = None

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

    def _claim(self, owner: str, now: datetime) -> tuple[list[Claimed], int]:
        """Due rows, and the calendar version they were planned at (`_STALE_PLAN` when the
        plan lags behind the calendar)."""
        with self.sessions.begin() as session:
            rows = claims.claim(session, owner, now, units=self.units_per_claim, lease=self.lease)
            version = calendar_version(session)
            if planned_version(session) != version:
                version = _STALE_PLAN
        return rows, version

    def _process(
        self,
        rows: list[Claimed],
        owner: str,
        sending: _Sending,
        now: datetime,
        report: DispatchReport,
        planned_at: int | None = None,
    ) -> Halt | None:
        """Send one claim's messages; a `Halt` when the claim stopped before its end.
        ``planned_at``: the calendar version the rows were planned at (None: not planned,
        sent at the office's request)."""
        decided = self._decide(rows, owner, sending.cache, now, report, planned_at)
        if decided is None:
            return _calendar_changed(rows)
        claim, messages = decided
        today = now.astimezone(self.settings.tz).date()
        channel = sending.channel

        def render(message: Outgoing) -> Any:
            return channel.prepare(build_notice(message, claim.ctx, sending.builder, today))

        try:
            for rendering, following in renderings(render, messages):
                halt = self._before_delivery(claim, rendering.message, report)
                if halt is None:
                    halt = self.process_one(
                        claim, channel, rendering.message, rendering.result, following, report
                    )
                if halt is not None:
                    self._record_last(claim, report)
                    report.halted = halt.reason or report.halted
                    self._give_back(claim, report, halt)
                    return halt
        finally:
            self._record_last(claim, report)
        return None

    def _before_delivery(
        self, claim: _Claim, message: Outgoing, report: DispatchReport
    ) -> Halt | None:
        """Whether the claim may go on with this message: not when stopping; the lease
        renewed on the way. (Whether the calendar changed is read as the message goes.)"""
        if self.before_delivery is not None:
            self.before_delivery(message)
        if self.stop.is_set():
            return _STOPPED
        self._keep_lease(claim, report)
        return None

    def _record_last(self, claim: _Claim, report: DispatchReport, *, check: bool = False) -> None:
        """Record the outcome of the claim's last message, if not yet; with ``check``, read
        the calendar's version again (in the same transaction; on PostgreSQL once the
        outcome written is answered) and raise `_CalendarMoved` when it changed since the
        claim was decided."""
        recording, claim.recording = claim.recording, None  # PostgreSQL's, unanswered
        last, claim.last = claim.last, None
        version = claim.version
        if last is not None:
            with self._recording() as db:
                self._store(db, claim, *last)
                version = calendar_version_of(db) if check else version
            self._count(claim, *last, report)
        elif check:
            version = self._calendar_version_now()
        elif self._pipelined is not None:
            self._pipelined.wait()
        if recording is not None:  # answered by now: stored
            self._count(claim, *recording, report)
        if version != claim.version:
            raise _CalendarMoved

    def _calendar_version_now(self) -> int:
        """The calendar's version as stored now: one read (on PostgreSQL, once the
        outcomes written before it are answered, in the same round trip)."""
        if self._pipelined is not None:
            return self._pipelined.read(calendar_version_sql(self.engine.dialect)) or 0
        assert self._reads is not None
        with self._reads.begin():
            return calendar_version_of(self._reads)

    def _decide(
        self,
        rows: list[Claimed],
        owner: str,
        cache: RunCache,
        now: datetime,
        report: DispatchReport,
        planned_at: int | None,
    ) -> tuple[_Claim, list[Outgoing]] | None:
        """Decide a claim's rows; settle those not sent and name the messages of the rest.
        None, with the rows given back, when the calendar is no longer the one they were
        planned on."""
        with self.sessions.begin() as session:
            version = calendar_version(session)
            if planned_at is not None and planned_at != version:
                claims.release(session, owner, [r.id for r in rows], now=now)
                report.released += len(rows)
                return None
            cache.keep_for(version)
            ctx = load_context(session, rows, cache, now, self.settings)
            decisions = decide(rows, ctx, now, self.settings)
            claims.settle_decisions(session, owner, now, decisions.outcomes)
            claims.assign_message_ids(session, owner, decisions.new_message_ids())
        report.add_outcomes(decisions.outcomes)
        held = set(decisions.message_ids())
        lease_until = claims.wall_clock() + self.lease
        named = set(decisions.new_message_ids())
        claim = _Claim(owner, now, version, rows, ctx, held, lease_until, named)
        return claim, decisions.messages

    def _keep_lease(self, claim: _Claim, report: DispatchReport) -> None:
        """Renew the lease of the rows still held once half of it has run."""
        if claims.wall_clock() > claim.lease_until - self.lease / 2:
            self._record_last(claim, report)  # the rows held are known then
            with self._recording() as db:
                claim.lease_until = claims.renew(db, claim.owner, claim.held, lease=self.lease)

    def process_one(
        self,
        claim: _Claim,
        channel: Channel,
        message: Outgoing,
        prepared: Callable[[], Any],
        following: Rendering[Outgoing] | None,
        report: DispatchReport,
    ) -> Halt | None:
        """Deliver one message — before it goes, the previous one's outcome recorded and
        the calendar read again — and leave its own outcome to record (``claim.last``:
        before the next message, or when the claim ends); a `Halt` when the claim must stop
        (the claim's rows not recorded yet are still held then, and given back)."""
        before = Once(
            lambda: self._record_last(claim, report, check=True), self._begin_check(claim)
        )
        try:
            answer = self._deliver(channel, message, prepared, following, before)
        except _CalendarMoved:
            return _calendar_changed(r for r in claim.rows if r.id in claim.held)
        except Unavailable as exc:
            reason = f"mail server unreachable: {exc}"
            return Halt(reason, error=reason, in_flight=frozenset(message.ids))
        outcome = settle(message, answer, claim.now, self.settings, self.rng)
        claim.last = (message, outcome)
        failing = outcome.message_failed and outcome.status == "retry"
        claim.transient_in_a_row = claim.transient_in_a_row + 1 if failing else 0
        if claim.transient_in_a_row >= _HALT_AFTER:
            return Halt("the mail server keeps failing; the rest waits for the next run")
        return None

    def _begin_check(self, claim: _Claim) -> Callable[[], None] | None:
        """PostgreSQL: as the next message's first command goes, the last message's outcome
        and the read of the calendar's version are written, one transaction, without
        waiting; `_record_last` reads the answers before the data."""
        pipelined = self._pipelined
        if pipelined is None:
            return None
        sql = calendar_version_sql(self.engine.dialect)

        def begin() -> None:
            if claim.last is not None:
                claim.recording, claim.last = claim.last, None
                self._store(pipelined, claim, *claim.recording)
            pipelined.begin_read(sql)

        return begin

    @staticmethod
    def _deliver(
        channel: Channel,
        message: Outgoing,
        prepared: Callable[[], Any],
        following: Rendering[Outgoing] | None,
        before: Once,
    ) -> SendResult | TransportError:
        """The channel's answer; `Unavailable`, and the failures of ``before`` (the message
        did not go then), are raised."""
        try:
            return channel.deliver(prepared(), following and following.make, before)
        except Unavailable:
            raise
        except TransportError as exc:
            channel.reset()
            return exc
        except Exception as exc:  # a bug must not stop the other units' reminders
            if exc is before.failure:
                raise
            log.exception("reminder %s could not be sent", message.message_id)
            channel.reset()
            before()  # when the message could not even be rendered
            return TransportError(f"{type(exc).__name__}: {exc}", permanent=False)

    def _store(
        self, db: claims.Executor, claim: _Claim, message: Outgoing, outcome: Settlement
    ) -> None:
        """Store a message's outcome on its rows."""
        common = {"now": claim.now, "recipients": outcome.recipients}
        if outcome.status == "sent":
            claims.mark_sent(
                db,
                claim.owner,
                message.ids,
                message_id=message.message_id,
                refused=outcome.error,
                **common,
            )
        elif outcome.status == "retry":
            assert outcome.retry_at is not None and outcome.error is not None
            claims.mark_retry(
                db,
                claim.owner,
                message.ids,
                error=outcome.error,
                retry_at=outcome.retry_at,
                **common,
            )
        else:
            claims.mark_failed(db, claim.owner, message.ids, error=outcome.error or "", **common)

    @staticmethod
    def _count(
        claim: _Claim, message: Outgoing, outcome: Settlement, report: DispatchReport
    ) -> None:
        """A recorded message's rows are no longer held, and count in the report."""
        claim.held.difference_update(message.ids)
        rows = len(message.rows)
        if outcome.status == "sent":
            report.messages += 1
            report.sent += rows
        elif outcome.status == "retry":
            report.retrying += rows
        else:
            report.failed += rows
        if outcome.status != "retry" and outcome.error:
            report.failures.append(f"{message.unit.code}: {outcome.error}")

    def _give_back(self, claim: _Claim, report: DispatchReport, halt: Halt) -> None:
        """Give back the rows still held; those named by this claim and never sent lose
        their Message-ID (the calendar may group them otherwise next time)."""
        unnamed = (claim.held & claim.named) - halt.in_flight
        with self._recording() as db:
            claims.release(
                db, claim.owner, claim.held, now=claim.now, error=halt.error, unnamed=unnamed
            )
        report.released += len(claim.held)
