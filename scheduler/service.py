"""The reminder service: APScheduler 3 runs planning and dispatch in the background of
``thidua serve`` and ``thidua worker``.

APScheduler keeps only its periodic jobs, in memory; the reminder table is the truth, so
any number of processes (on PostgreSQL) can run this service side by side, and a restart
forgets nothing. The jobs:

- at start: plan everything, then dispatch what is due;
- ``dispatch`` every minute: plans first when the calendar changed (a ``thidua load`` in
  another process), then sends what is due;
- ``dispatch-next``: one run at the next fire time, so that a reminder planned for 07:30
  leaves at 07:30 and not up to a minute later.

Job settings, on purpose: one worker thread and ``max_instances=1`` (runs never overlap
in a process; other processes are kept apart by the claims); ``coalesce=True`` (after a
pause — a suspended machine, a long run — the missed minutes make one run, not a burst);
the minute job's ``misfire_grace_time`` is one interval (a run later than that is replaced
by the next one), the next-fire-time job's is None (it runs however late: it is the one
that carries a due reminder). Stopping sets an event the dispatcher checks between
messages: the message in flight is finished and recorded, the rest of the claim is given
back at once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy.orm import Session, sessionmaker

from calendars.workdays import WorkCalendar
from config.settings import Settings
from notifiers.addresses import InvalidAddress
from scheduler import claims, planner
from scheduler.channel import TransportFactory, default_transport
from scheduler.dispatch import Dispatcher, DispatchReport

log = logging.getLogger("thidua.reminders")

Clock = Callable[[], datetime]


def shifted_clock(start: datetime | None) -> Clock:
    """The real clock, or one that started at ``start`` and runs on from there (``--now``
    for a long-running process: a demo or a test at a chosen moment)."""
    if start is None:
        return lambda: datetime.now(UTC)
    offset = start - datetime.now(UTC)
    return lambda: datetime.now(UTC) + offset


class ReminderService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        settings: Settings,
        calendar: WorkCalendar,
        *,
        clock: Clock | None = None,
        transport_factory: TransportFactory = default_transport,
        interval: float = 60.0,
    ) -> None:
        self.sessions = sessions
        self.settings = settings
        self.calendar = calendar
        self.clock = clock or shifted_clock(None)
        self.interval = interval
        self.stopping = threading.Event()
        self.dispatcher = Dispatcher(
            sessions,
            settings,
            calendar,
            transport_factory=transport_factory,
            stop=self.stopping,
        )
        self.last_report: DispatchReport | None = None
        self.runs = 0
        self.scheduler = BackgroundScheduler(
            jobstores={"default": MemoryJobStore()},
            executors={"default": ThreadPoolExecutor(max_workers=1)},
            job_defaults={"coalesce": True, "max_instances": 1},
            timezone=UTC,
        )

    @property
    def owner(self) -> str:
        return self.dispatcher.owner

    def start(self) -> None:
        now = datetime.now(UTC)
        self.scheduler.add_job(self._start_up, id="start", next_run_time=now)
        self.scheduler.add_job(
            self.dispatch,
            "interval",
            seconds=self.interval,
            id="dispatch",
            next_run_time=now + timedelta(seconds=self.interval),
            misfire_grace_time=max(int(self.interval), 1),
        )
        self.scheduler.start()
        log.info("reminders: worker %s started", self.owner)

    def stop(self, wait: bool = True) -> None:
        """Finish the message in flight, give the rest back, stop."""
        self.stopping.set()
        if self.scheduler.running:
            self.scheduler.shutdown(wait=wait)
        log.info("reminders: worker %s stopped", self.owner)

    def wake(self) -> None:
        """Dispatch now (after a load or a submission in this process)."""
        if self.scheduler.running and not self.stopping.is_set():
            self.scheduler.modify_job("dispatch", next_run_time=datetime.now(UTC))

    def _start_up(self) -> None:
        self.plan()
        self.dispatch()

    def plan(self) -> planner.PlanReport:
        with self.sessions.begin() as session:
            report = planner.plan(session, self.settings, self.calendar, self.clock())
        if report.written:
            log.info(
                "reminders planned: %d new, %d changed, %d cancelled",
                report.created,
                report.updated,
                report.cancelled,
            )
        return report

    def dispatch(self) -> None:
        if self.stopping.is_set():
            return
        try:
            report = self.dispatcher.run(self.clock())
        except InvalidAddress as exc:  # a setting to change (a placeholder sender): no trace
            log.error("reminders: not sent: %s", exc)
            return
        except Exception:  # the next minute tries again; the table keeps the state
            log.exception("reminders: dispatch failed")
            return
        self.last_report, self.runs = report, self.runs + 1
        if report.messages or report.failed or report.retrying or report.halted:
            log.info(
                "reminders: %d message(s) for %d reminder(s), %d skipped, %d to retry, %d failed%s",
                report.messages,
                report.sent,
                report.skipped,
                report.retrying,
                report.failed,
                f"; {report.halted}" if report.halted else "",
            )
        self._schedule_next()

    def _schedule_next(self) -> None:
        """A one-off run at the next fire time, retry or lease expiry, if it comes before
        the next tick."""
        now, wall = self.clock(), datetime.now(UTC)
        with self.sessions() as session:
            due = claims.next_due(session, now)
            lease = claims.next_lease_expiry(session)
        waits = [w for w in (due and due - now, lease and lease - wall) if w is not None]
        if not waits or self.stopping.is_set():
            return
        wait = max(min(waits), timedelta(0))
        if wait > timedelta(seconds=self.interval):
            return
        self.scheduler.add_job(
            self.dispatch,
            "date",
            run_date=wall + wait + timedelta(milliseconds=50),
            id="dispatch-next",
            replace_existing=True,
            misfire_grace_time=None,
        )
