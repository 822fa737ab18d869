"""Faults, with the real SMTP server: an outage in the middle of a dispatch, a refused
address, a worker killed with SIGKILL halfway through 5,000 reminders, and two workers
sharing 10,000 reminders on PostgreSQL. Each test prints what it measured."""

from __future__ import annotations

import json
import signal
import threading
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa
from sqlalchemy import func, select

from config.settings import Settings
from scheduler import claims
from scheduler.dispatch import Dispatcher, DispatchReport
from scheduler.models import Reminder
from tests import scale
from tests.conftest import Cli, make_settings
from tests.reminders import (
    at,
    load,
    load_examples,
    message_ids,
    start,
    stop,
    units_reached,
    use_smtp,
)
from tests.scale import ONE_A_UNIT, SCALE_DAY
from tests.smtp import SmtpServer
from thidua.context import AppContext


def test_an_outage_mid_dispatch_then_restart_delivers_every_reminder_once(
    sqlite_settings: Settings,
    cli: Cli,
    smtp_server: SmtpServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = use_smtp(smtp_server, monkeypatch)
    load_examples(cli)
    app = AppContext(settings=settings)
    try:
        report: list[DispatchReport] = []
        dispatcher = Dispatcher(app.database.sessions, settings, app.calendar, units_per_claim=5)
        run = threading.Thread(
            target=lambda: report.append(dispatcher.run(at(app, "2024-02-07T07:30")))
        )
        run.start()
        smtp_server.wait_for(10)
        smtp_server.stop()  # the relay goes away mid-dispatch
        run.join(60)
        first = report[0]
        assert first.halted is not None
        delivered_before = len(smtp_server.messages)
        assert 10 <= delivered_before < 46
        # Still down ten minutes later: nothing more, nothing lost.
        down = Dispatcher(app.database.sessions, settings, app.calendar).run(
            at(app, "2024-02-07T07:40")
        )
        assert down.messages == 0
        assert down.halted is not None
        smtp_server.start()  # back, on the same port
        result = cli("send-due", "--now", "2024-02-07T08:00")
        assert result.exit_code == 0, result.output
    finally:
        app.close()
    messages = smtp_server.messages
    reached = units_reached(messages)
    print(
        f"\noutage: {delivered_before} delivered before, {len(messages) - delivered_before} "
        f"after the restart, {len(messages)} messages for 46 units"
    )
    assert len(messages) == 46
    assert max(message_ids(messages).values()) == 1
    assert max(reached.values()) == 1  # none twice


@pytest.mark.postgres
def test_postgres_going_away_mid_dispatch_repeats_at_most_the_message_in_flight(
    pg_url: str,
    tmp_path: Path,
    cli: Cli,
    smtp_server: SmtpServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The database's connections are cut as the tenth message is about to go: the run stops
    # with the error, that message is withheld (its outcome before it cannot be read back),
    # and once the leases have run out the next run sends the rest. At most the message in
    # flight (accepted by the relay, its outcome written but not answered) goes twice.
    make_settings(monkeypatch, tmp_path / "var", pg_url)
    settings = use_smtp(smtp_server, monkeypatch)
    load_examples(cli)
    app = AppContext(settings=settings)
    admin = sa.create_engine(pg_url, poolclass=sa.pool.NullPool)
    cut_at: list[int] = []

    def cut_the_database(_message: object) -> None:
        if len(smtp_server.messages) == 9 and not cut_at:
            cut_at.append(len(smtp_server.messages))
            with admin.connect() as connection:
                connection.execute(sa.text(TERMINATE_OTHERS))

    try:
        dispatcher = Dispatcher(
            app.database.sessions, settings, app.calendar, before_delivery=cut_the_database
        )
        with pytest.raises((sa.exc.DBAPIError, psycopg.Error)):
            dispatcher.run(at(app, "2024-02-07T07:30"))
        delivered_before = len(smtp_server.messages)
        assert cut_at == [9] and delivered_before == 9  # the tenth was withheld
        later = claims.wall_clock() + timedelta(seconds=settings.dispatch_lease_seconds + 1)
        monkeypatch.setattr(claims, "wall_clock", lambda: later)  # the leases have run out
        rest = Dispatcher(app.database.sessions, settings, app.calendar).run(
            at(app, "2024-02-07T07:40")
        )
    finally:
        app.close()
        admin.dispose()
    sent = message_ids(smtp_server.messages)  # a message sent again keeps its Message-ID
    print(f"\ndatabase cut: {delivered_before} before, {rest.messages} after, for 46 units")
    assert len(sent) == 46  # every unit's message
    assert sum(sent.values()) - 46 <= 1  # at most the message in flight twice
    assert rest.messages == len(smtp_server.messages) - delivered_before


TERMINATE_OTHERS = """
SELECT pg_terminate_backend(pid) FROM pg_stat_activity
WHERE datname = current_database() AND pid <> pg_backend_pid()
"""


def test_a_refused_address_fails_that_unit_and_status_shows_it(
    sqlite_settings: Settings,
    cli: Cli,
    smtp_server: SmtpServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    use_smtp(smtp_server, monkeypatch)
    load_examples(cli)
    smtp_server.refuse("vanthu@stc.phutho.example")  # Sở Tài chính's only address
    smtp_server.refuse("thiduakhenthuong@sgddt.phutho.example")  # one of Sở Giáo dục's two
    result = cli("send-due", "--now", "2024-02-07T07:30")
    assert result.exit_code == 0, result.output
    assert "so-tai-chinh" in result.output
    reached = units_reached(smtp_server.messages)
    assert len(smtp_server.messages) == 45
    assert "vanthu@stc.phutho.example" not in reached
    assert reached["vanthu@sgddt.phutho.example"] == 1
    status = cli(
        "status",
        "--deadline",
        "vinh-phuc-2024/van-ban-phat-dong",
        "--now",
        "2024-02-07T09:00",
        "--format",
        "json",
    )
    (deadline,) = json.loads(status.stdout)
    failed = {f["unit"]: f["error"] for f in deadline["failed_units"]}
    assert sorted(failed) == ["so-giao-duc", "so-tai-chinh"]
    assert "550" in failed["so-tai-chinh"]
    assert "thiduakhenthuong@sgddt.phutho.example" in failed["so-giao-duc"]
    listing = cli("status", "--now", "2024-02-07T09:00", "--format", "csv").stdout
    assert "so-tai-chinh: every recipient refused: vanthu@stc.phutho.example: 550" in listing


@pytest.mark.slow
def test_a_worker_stopped_then_killed_halfway_through_5000_reminders(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    sqlite_url: str,
    cli: Cli,
    smtp_server: SmtpServer,
) -> None:
    count = 5000
    settings = make_settings(
        monkeypatch, tmp_path / "var", sqlite_url, dispatch_lease_seconds=3, **ONE_A_UNIT
    )
    load(
        cli,
        scale.write_units(tmp_path / "files", count),
        scale.write_campaign(tmp_path / "files", 1),
    )
    env = smtp_server.settings_env()
    app = AppContext(settings=settings)

    def table() -> tuple[set[str], int]:
        """Message-IDs recorded as sent, and rows still claimed."""
        with app.database.session() as session:
            sent = session.scalars(select(Reminder.message_id).where(Reminder.status == "sent"))
            claimed = session.scalar(select(func.count()).where(Reminder.status == "sending"))
        return {f"<{mid}>" for mid in sent}, claimed or 0

    try:
        # First a clean stop (SIGTERM) at a fifth: everything delivered is recorded, and
        # what the worker held is given back at once.
        polite = start(["worker", "--now", SCALE_DAY], tmp_path / "polite.log", env)
        try:
            smtp_server.wait_for(count // 5, timeout=600)
        finally:
            assert stop(polite) == 0
        recorded, claimed = table()
        assert claimed == 0
        assert set(message_ids(smtp_server.messages)) == recorded
        # Then SIGKILL at half.
        first = start(["worker", "--now", SCALE_DAY], tmp_path / "first.log", env)
        try:
            smtp_server.wait_for(count // 2, timeout=600)
        finally:
            stop(first, signal.SIGKILL)
        smtp_server.wait_disconnected()  # what the killed worker wrote is all read
        at_kill = smtp_server.messages
        recorded, _claimed = table()
    finally:
        app.close()
    in_flight = set(message_ids(at_kill)) - recorded
    second = start(["worker", "--now", SCALE_DAY], tmp_path / "second.log", env)
    try:
        deadline = time.monotonic() + 600
        while len(units_reached(smtp_server.messages)) < count:
            assert time.monotonic() < deadline, "not every unit was reached"
            assert second.poll() is None, (tmp_path / "second.log").read_text("utf-8")
            time.sleep(0.2)
    finally:
        # A clean stop: every message the worker sent was answered before it exited, so
        # anything it sent twice has arrived by now.
        assert stop(second) == 0
    messages = smtp_server.messages
    resent = {mid: n for mid, n in message_ids(messages).items() if n > 1}
    print(
        f"\nSIGKILL: {len(at_kill)} of {count} delivered at the kill, "
        f"{len(in_flight)} in flight (delivered, not yet recorded); "
        f"{len(messages)} messages in all, {sum(resent.values()) - len(resent)} duplicate(s)"
    )
    assert set(units_reached(messages)) == {scale.unit_address(n) for n in range(1, count + 1)}
    assert set(resent) <= in_flight  # only what was in flight at the kill went twice
    assert len(messages) - count <= len(in_flight)


@pytest.mark.slow
@pytest.mark.postgres
def test_two_workers_on_postgres_deliver_10000_reminders_once_each(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    pg_url: str,
    cli: Cli,
    smtp_server: SmtpServer,
) -> None:
    count = 10_000
    settings = make_settings(monkeypatch, tmp_path / "var", pg_url, **ONE_A_UNIT)
    t0 = time.monotonic()
    load(
        cli,
        scale.write_units(tmp_path / "files", count),
        scale.write_campaign(tmp_path / "files", 1),
    )
    t1 = time.monotonic()
    env = smtp_server.settings_env()
    workers = [
        start(["worker", "--now", SCALE_DAY], tmp_path / f"worker{n}.log", env) for n in (1, 2)
    ]
    try:
        smtp_server.wait_for(count, timeout=900)
    finally:
        # Clean stops: each worker exits only after its messages were answered, so anything
        # sent twice has arrived by now.
        codes = [stop(worker) for worker in workers]
    assert codes == [0, 0], [(tmp_path / f"worker{n}.log").read_text("utf-8") for n in (1, 2)]
    messages = smtp_server.messages
    reached = units_reached(messages)
    app = AppContext(settings=settings)
    try:
        with app.database.session() as session:
            states = dict(
                session.execute(
                    select(Reminder.status, func.count()).group_by(Reminder.status)
                ).all()
            )
            by_worker = Counter(
                owner.rsplit(":", 1)[0]
                for owner in session.scalars(select(Reminder.lease_owner))
                if owner
            )
    finally:
        app.close()
    print(
        f"\ntwo workers: {len(messages)} messages; sent per worker {dict(by_worker)}; "
        f"load {t1 - t0:.1f} s, dispatch {time.monotonic() - t1:.1f} s"
    )
    assert len(messages) == count
    assert len(reached) == count
    assert max(reached.values()) == 1
    assert states == {"sent": count}
    assert len(by_worker) == 2  # both took part
