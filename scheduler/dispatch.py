"""Send what is due: the batch loop. Claim rows, have them decided, send one message per
unit through the channel, record the outcome of every row.

A run plans first when the calendar changed, then claims due rows a few units at a time
(`scheduler.claims`) until none is left. What each claimed row deserves, how rows group
into messages and when a failed one is retried are `scheduler.decisions`' (pure functions
of the facts `scheduler.facts` reads); the channel is `scheduler.channel`'s. This module
only strings them together and records: each message in its own transaction as soon as
the channel has accepted it, so a crash repeats at most the message in flight.

A permanent refusal (SMTP 5xx) fails that unit's rows and the run goes on; a transient one
(4xx, timeout) retries the rows later with exponential backoff and jitter, up to
``retry_max_attempts``. When the mail server cannot be reached at all the run stops and
gives its rows back untouched, to be retried next run (an outage does not use up attempts).
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session, sessionmaker

from calendars.workdays import WorkCalendar
from config.settings import Settings
from notifiers.base import SendResult, TransportError
from scheduler import claims
from scheduler.channel import (
    Channel,
    Rendering,
    TransportFactory,
    Unavailable,
    default_transport,
    renderings,
)
from scheduler.claims import Claimed
from scheduler.decisions import BatchContext, Outgoing, Verdict, build_notice, decide, retry_at
from scheduler.facts import RunCache, load_context
from scheduler.notices import NoticeBuilder
from scheduler.planner import PlanReport, plan_if_stale

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
    ctx: BatchContext
    held: set[int]
    lease_until: datetime
    transient_in_a_row: int = 0


@dataclass(frozen=True)
class Halt:
    """Why a run stops before the end, and what the rows given back record as their last
    error (None: they keep theirs)."""

    reason: str
    error: str | None = None


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
        claim, messages = self._decide(rows, owner, sending.cache, now, report)
        today = now.astimezone(self.settings.tz).date()
        channel = sending.channel

        def render(message: Outgoing) -> Any:
            return channel.prepare(build_notice(message, claim.ctx, sending.builder, today))

        for rendering, following in renderings(render, messages):
            if self.stop.is_set():
                return self._give_back(claim, report, None)
            self._keep_lease(claim)
            halt = self.process_one(
                claim, channel, rendering.message, rendering.result, following, report
            )
            if halt is not None:
                report.halted = halt.reason
                return self._give_back(claim, report, halt.error)
        return True

    def _decide(
        self,
        rows: list[Claimed],
        owner: str,
        cache: RunCache,
        now: datetime,
        report: DispatchReport,
    ) -> tuple[_Claim, list[Outgoing]]:
        """Decide a claim's rows; settle those not sent and name the messages of the rest."""
        with self.sessions.begin() as session:
            ctx = load_context(session, rows, cache, now, self.settings)
            decisions = decide(rows, ctx, now, self.settings)
            claims.settle_decisions(session, owner, now, decisions.outcomes)
            claims.assign_message_ids(session, owner, decisions.new_message_ids())
        report.add_outcomes(decisions.outcomes)
        held = set(decisions.message_ids())
        claim = _Claim(owner, now, ctx, held, claims.wall_clock() + self.lease)
        return claim, decisions.messages

    def _keep_lease(self, claim: _Claim) -> None:
        """Renew the lease of the rows still held once half of it has run."""
        if claims.wall_clock() > claim.lease_until - self.lease / 2:
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
        """Deliver one message and record what became of its rows; a `Halt` when the run
        must stop (the claim's other rows are still held then)."""
        transient = False
        try:
            result = channel.deliver(prepared(), following and following.make)
        except Unavailable as exc:
            reason = f"mail server unreachable: {exc}"
            return Halt(reason, error=reason)
        except TransportError as exc:
            channel.reset()
            transient = not exc.permanent
            self._not_sent(claim, message, str(exc), exc.permanent, report)
        except Exception as exc:  # a bug must not stop the other units' reminders
            log.exception("reminder %s could not be sent", message.message_id)
            channel.reset()
            transient = True
            self._not_sent(claim, message, f"{type(exc).__name__}: {exc}", False, report)
        else:
            self._sent(claim, message, result, report)
        claim.held.difference_update(message.ids)
        claim.transient_in_a_row = claim.transient_in_a_row + 1 if transient else 0
        if claim.transient_in_a_row >= _HALT_AFTER:
            return Halt("the mail server keeps failing; the rest waits for the next run")
        return None

    def _sent(
        self, claim: _Claim, message: Outgoing, result: SendResult, report: DispatchReport
    ) -> None:
        refused = None
        if result.refused:
            refused = "refused: " + "; ".join(f"{a} ({why})" for a, why in result.refused.items())
            report.failures.append(f"{message.unit.code}: {refused}")
        with self._recording() as db:
            claims.mark_sent(
                db,
                claim.owner,
                message.ids,
                now=claim.now,
                message_id=message.message_id,
                refused=refused,
            )
        report.messages += 1
        report.sent += len(message.rows)

    def _not_sent(
        self,
        claim: _Claim,
        message: Outgoing,
        error: str,
        permanent: bool,
        report: DispatchReport,
    ) -> None:
        """A failed message's rows: retried later, or failed for good (a permanent refusal,
        or attempts spent)."""
        when = None if permanent else retry_at(message.rows, claim.now, self.settings, self.rng)
        if when is not None:
            with self._recording() as db:
                claims.mark_retry(
                    db, claim.owner, message.ids, now=claim.now, error=error, retry_at=when
                )
            report.retrying += len(message.rows)
            return
        if not permanent:
            error = f"gave up after {max(r.attempts for r in message.rows)} attempts: {error}"
        with self._recording() as db:
            claims.mark_failed(db, claim.owner, message.ids, now=claim.now, error=error)
        report.failed += len(message.rows)
        report.failures.append(f"{message.unit.code}: {error}")

    def _give_back(self, claim: _Claim, report: DispatchReport, error: str | None) -> bool:
        with self._recording() as db:
            claims.release(db, claim.owner, claim.held, now=claim.now, error=error)
        report.released += len(claim.held)
        return False
