"""Dispatch decisions, with a transport that records the notices it is given: one digest
per unit, what a submission, downtime or a failure does, leases and claims (SQLite and
PostgreSQL). The messages themselves, over real SMTP, are in test_dispatch_smtp.py."""

from __future__ import annotations

import random
import threading
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from config.settings import Settings
from notifiers.base import TransportError
from scheduler import claims, planner
from scheduler.decisions import retry_delay
from scheduler.dispatch import Dispatcher
from scheduler.models import Reminder
from tests.conftest import Cli, make_settings
from tests.reminders import (
    BLOC,
    UNITS,
    Recorder,
    at,
    dispatch,
    load,
    occurrence_id,
    rows,
    statuses,
    unit_id,
    write_campaign,
)
from thidua.context import AppContext

QUY_1 = "thu-nghiem-2024/bao-cao-quy-1"
DANG_KY = "thu-nghiem-2024/dang-ky-khen-thuong"
CHUYEN_DE = "thu-nghiem-2024/bao-cao-chuyen-de"


@pytest.fixture
def campaign(app: AppContext, cli: Cli, tmp_path: Path) -> AppContext:
    load(cli, UNITS, write_campaign(tmp_path / "files"))
    return app


def uids(notice: object) -> list[str]:
    return [item.uid.split("@")[0] for item in notice.items]  # type: ignore[attr-defined]


def test_each_unit_gets_one_digest_of_all_it_owes(campaign: AppContext) -> None:
    recorder = Recorder()
    report = dispatch(campaign, recorder, "2024-03-14T07:30")
    assert report.messages == len(BLOC)
    by_unit = {n.to.code: n for n in recorder.notices}
    assert sorted(by_unit) == BLOC
    # so-tai-chinh owes both reports due today and the one due in a week.
    notice = by_unit["so-tai-chinh"]
    assert notice.kind == "digest"
    assert uids(notice) == [QUY_1, DANG_KY, CHUYEN_DE]
    assert [i.days_left for i in notice.items] == [0, 0, 7]
    assert all(i.submit_url and "/submit/" in i.submit_url for i in notice.items)
    assert all(i.ics and b"BEGIN:VEVENT" in i.ics for i in notice.items)
    assert by_unit["so-noi-vu"].kind == "digest"
    assert uids(by_unit["so-noi-vu"]) == [QUY_1, DANG_KY]
    # The same moment again: nothing is due any more.
    again = dispatch(campaign, recorder, "2024-03-14T07:30")
    assert again.messages == 0
    assert len(recorder.notices) == len(BLOC)


def test_a_single_deadline_is_a_reminder_and_a_late_one_overdue(campaign: AppContext) -> None:
    recorder = Recorder()
    dispatch(campaign, recorder, "2024-03-15T07:30")  # first chase of quy-1 and dang-ky
    recorder.clear()
    dispatch(campaign, recorder, "2024-03-18T07:30")  # 3 days before chuyen-de
    kinds = {n.to.code: (n.kind, uids(n)) for n in recorder.notices if n.kind != "late_list"}
    assert kinds == {
        "so-tai-chinh": ("reminder", [CHUYEN_DE]),
        "so-tu-phap": ("reminder", [CHUYEN_DE]),
    }
    dispatch(campaign, recorder, "2024-03-20T07:30")  # second chase, and 1 day before
    recorder.clear()
    dispatch(campaign, recorder, "2024-03-22T07:30")  # the day after chuyen-de's last day
    notice = recorder.to("so-tu-phap")[0]
    assert (notice.kind, uids(notice)) == ("overdue", [CHUYEN_DE])
    assert [i.days_left for i in notice.items] == [-1]


def test_a_submission_stops_a_units_reminders_and_undo_brings_them_back(
    campaign: AppContext, cli: Cli
) -> None:
    recorder = Recorder()
    dispatch(campaign, recorder, "2024-03-07T07:30")
    assert {n.to.code for n in recorder.notices} == set(BLOC)
    result = cli("submit", QUY_1, "so-noi-vu", "--now", "2024-03-08T10:00", "--by", "Chị Lan")
    assert result.exit_code == 0, result.output
    recorder.clear()
    dispatch(campaign, recorder, "2024-03-11T07:30")
    assert uids(recorder.to("so-noi-vu")[0]) == [DANG_KY]  # quy-1 no more
    assert uids(recorder.to("so-tu-phap")[0]) == [QUY_1, DANG_KY]
    result = cli("submit", QUY_1, "so-noi-vu", "--undo", "--now", "2024-03-12T10:00")
    assert result.exit_code == 0, result.output
    recorder.clear()
    dispatch(campaign, recorder, "2024-03-13T07:30")
    assert uids(recorder.to("so-noi-vu")[0]) == [QUY_1, DANG_KY]


def test_after_downtime_each_unit_gets_the_latest_reminder_once(campaign: AppContext) -> None:
    """Nothing ran from 01/03 to Thursday 21/03 09:00: the 7/3/1-day, due and first overdue
    reminders of quy-1 were missed. Each unit gets one message, with the latest state of
    every deadline; the missed ones are skipped, not sent late."""
    recorder = Recorder()
    report = dispatch(campaign, recorder, "2024-03-21T09:00")
    chase = [n for n in recorder.notices if n.kind != "late_list"]
    assert len(chase) == len(BLOC)
    tai_chinh = recorder.to("so-tai-chinh")[0]
    assert uids(tai_chinh) == [QUY_1, DANG_KY, CHUYEN_DE]
    assert [i.days_left for i in tai_chinh.items] == [-7, -7, 0]
    unit = unit_id(campaign, "so-noi-vu")
    occ = occurrence_id(campaign, QUY_1)
    mine = rows(campaign, Reminder.unit_id == unit, Reminder.occurrence_id == occ)
    assert [(r.kind, r.offset, r.status, r.reason) for r in mine] == [
        ("advance", 7, "skipped", "superseded"),
        ("advance", 3, "skipped", "superseded"),
        ("advance", 1, "skipped", "superseded"),
        ("due", 0, "skipped", "superseded"),
        ("overdue", 1, "skipped", "superseded"),
        ("overdue", 2, "sent", None),
        ("overdue", 3, "pending", None),
    ]
    # The office gets today's list only, not one per missed day.
    office = recorder.to("ban-tdkt")
    assert [n.kind for n in office] == ["late_list"]
    assert report.messages == len(BLOC) + 1
    # Later the same day: nothing more.
    assert dispatch(campaign, recorder, "2024-03-21T16:00").messages == 0


def test_reminders_missed_long_ago_are_skipped_as_stale(campaign: AppContext) -> None:
    recorder = Recorder()
    report = dispatch(campaign, recorder, "2024-05-20T09:00")
    assert report.messages == 0
    counts = statuses(campaign)
    assert counts[("skipped", "stale")] > 0
    assert set(counts) <= {
        ("skipped", "stale"),
        ("skipped", "superseded"),
        ("skipped", "same_day"),
    }


def test_the_office_gets_the_list_of_late_units_each_working_day(
    campaign: AppContext, cli: Cli
) -> None:
    for unit in ("so-noi-vu", "so-tu-phap"):
        assert cli("submit", QUY_1, unit, "--now", "2024-03-14T10:00").exit_code == 0
    recorder = Recorder()
    dispatch(campaign, recorder, "2024-03-15T07:30")
    (notice,) = recorder.to("ban-tdkt")
    assert notice.kind == "late_list"
    lists = {entry.item.uid.split("@")[0]: entry for entry in notice.late_lists}
    assert sorted(lists) == [QUY_1, DANG_KY]
    quy = lists[QUY_1]
    assert (quy.submitted, quy.total) == (2, 6)
    assert [u.code for u in quy.late] == sorted(set(BLOC) - {"so-noi-vu", "so-tu-phap"})
    assert {u.days_late for u in quy.late} == {1}
    # Everyone submits both: Monday's list is skipped, nobody is chased.
    for unit in BLOC:
        for deadline in (QUY_1, DANG_KY):
            cli("submit", deadline, unit, "--now", "2024-03-15T12:00")
    recorder.clear()
    report = dispatch(campaign, recorder, "2024-03-18T07:30")
    assert report.skipped >= 1
    # Only chuyen-de, not submitted, is still chased; the office's list is skipped.
    assert {(n.to.code, n.kind, tuple(uids(n))) for n in recorder.notices} == {
        ("so-tai-chinh", "reminder", (CHUYEN_DE,)),
        ("so-tu-phap", "reminder", (CHUYEN_DE,)),
    }
    office = unit_id(campaign, "ban-tdkt")
    assert statuses(campaign, Reminder.unit_id == office, Reminder.status != "pending") == {
        ("sent", None): 2,  # Friday's list: one message, a row per deadline
        ("skipped", "nobody_late"): 2,
    }


def test_a_permanent_failure_fails_that_unit_and_not_the_others(
    campaign: AppContext, cli: Cli
) -> None:
    recorder = Recorder()
    recorder.fail["so-tu-phap"] = TransportError("550 5.1.1 no such mailbox", permanent=True)
    report = dispatch(campaign, recorder, "2024-03-14T07:30")
    assert report.messages == len(BLOC) - 1
    assert report.failed == 3
    failed = rows(campaign, Reminder.status == "failed")
    assert {r.unit.code for r in failed} == {"so-tu-phap"}
    assert all("550" in (r.last_error or "") for r in failed)
    result = cli("status", "--deadline", QUY_1, "--now", "2024-03-14T08:00", "--format", "json")
    assert "550 5.1.1 no such mailbox" in result.stdout


def test_a_transient_failure_is_retried_later_with_backoff(campaign: AppContext) -> None:
    recorder = Recorder()
    recorder.fail["so-tu-phap"] = TransportError("451 4.3.0 try later", permanent=False)
    report = dispatch(campaign, recorder, "2024-03-14T07:30")
    assert report.retrying == 3
    retry = rows(
        campaign, Reminder.unit_id == unit_id(campaign, "so-tu-phap"), Reminder.attempts > 0
    )
    assert {r.status for r in retry} == {"pending"}
    now = at(campaign, "2024-03-14T07:30")
    base = timedelta(seconds=campaign.settings.retry_base_seconds)
    assert all(now + base / 2 <= r.next_attempt_at <= now + base for r in retry)
    assert all(r.last_error == "451 4.3.0 try later" for r in retry)
    # Not yet due again at 07:30:20; due a minute later, and then delivered, once.
    assert dispatch(campaign, recorder, "2024-03-14T07:30:20").messages == 0
    del recorder.fail["so-tu-phap"]
    report = dispatch(campaign, recorder, "2024-03-14T07:31:01")
    assert report.messages == 1
    assert len(recorder.to("so-tu-phap")) == 1


def test_a_message_that_cannot_be_rendered_is_retried_alone(campaign: AppContext) -> None:
    # Each message is rendered while the one before it is delivered: the failure must stay
    # with its own unit, neither the message delivered meanwhile nor the run.
    recorder = Recorder()
    recorder.broken.add("so-tu-phap")
    report = dispatch(campaign, recorder, "2024-03-14T07:30")
    assert report.messages == len(BLOC) - 1
    assert report.retrying == 3
    assert not recorder.to("so-tu-phap")
    retry = rows(campaign, Reminder.status == "pending", Reminder.attempts > 0)
    assert {r.unit.code for r in retry} == {"so-tu-phap"}
    assert {r.last_error for r in retry} == {"RuntimeError: cannot render so-tu-phap"}


def test_retries_give_up_after_the_limit(campaign: AppContext) -> None:
    campaign.settings.retry_max_attempts = 2
    recorder = Recorder()
    recorder.fail["so-tu-phap"] = TransportError("451 4.3.0 try later", permanent=False)
    dispatch(campaign, recorder, "2024-03-14T07:30")
    report = dispatch(campaign, recorder, "2024-03-14T08:30")
    assert report.failed == 3
    failed = rows(campaign, Reminder.status == "failed")
    assert {r.last_error for r in failed} == {"gave up after 2 attempts: 451 4.3.0 try later"}


def test_backoff_doubles_and_is_capped() -> None:
    settings = Settings(_env_file=None, retry_base_seconds=60)
    low = random.Random(0)
    delays = [retry_delay(n, settings, low).total_seconds() for n in range(1, 10)]
    for attempt, delay in enumerate(delays, start=1):
        ceiling = min(60 * 2 ** (attempt - 1), 3600)
        assert ceiling / 2 <= delay <= ceiling
    assert delays[-1] <= 3600


def test_rows_of_a_dead_worker_are_taken_over_when_the_lease_runs_out(
    campaign: AppContext,
) -> None:
    sessions = campaign.database.sessions
    now = at(campaign, "2024-03-14T07:30")
    with sessions.begin() as session:
        planner.plan(session, campaign.settings, campaign.calendar, now)
    with sessions.begin() as session:
        taken = claims.claim(session, "dead-worker/1", now, units=2, lease=timedelta(seconds=30))
    with sessions.begin() as session:
        claims.assign_message_ids(
            session, "dead-worker/1", {r.id: f"u{r.unit_id}@x" for r in taken}
        )
    dead_units = {r.unit_id for r in taken}
    assert len(dead_units) == 2
    codes = sorted(code for code in BLOC if unit_id(campaign, code) in dead_units)
    recorder = Recorder()
    # While the lease runs, another worker leaves those units alone.
    dispatch(campaign, recorder, "2024-03-14T07:30")
    assert {n.to.code for n in recorder.notices} == set(BLOC) - set(codes)
    # Once it has run out, they are taken over and sent, with the Message-ID given before.
    with sessions.begin() as session:
        session.execute(
            Reminder.__table__.update()
            .where(Reminder.id.in_([r.id for r in taken]))
            .values(lease_until=claims.wall_clock() - timedelta(seconds=1))
        )
    recorder.clear()
    dispatch(campaign, recorder, "2024-03-14T07:30")
    assert sorted(n.to.code for n in recorder.notices) == codes
    assert all(n.message_id.endswith("@x") for n in recorder.notices)
    sent = rows(campaign, Reminder.id.in_([r.id for r in taken]))
    # Sent on the second attempt; the earlier reminders of the day before were superseded.
    assert {(r.status, r.reason, r.attempts, r.lease_until) for r in sent} == {
        ("sent", None, 2, None),
        ("skipped", "superseded", 1, None),
    }
    # The row tells which worker settled it: not the dead one.
    this_process = claims.new_worker_id().rsplit(":", 1)[0]  # host:pid
    assert {r.lease_owner.rsplit(":", 1)[0] for r in sent} == {this_process}


def test_stopping_finishes_the_message_in_flight_and_gives_the_rest_back(
    campaign: AppContext,
) -> None:
    stop = threading.Event()
    recorder = Recorder()
    original = recorder.__call__

    def factory(settings: Settings, clock: object) -> object:
        transport = original(settings, clock)  # type: ignore[arg-type]
        deliver = transport.deliver

        def deliver_then_stop(
            prepared: object, meanwhile: object = None, before: object = None
        ) -> object:
            result = deliver(prepared, meanwhile, before)
            stop.set()
            return result

        transport.deliver = deliver_then_stop  # type: ignore[method-assign]
        return transport

    dispatcher = Dispatcher(
        campaign.database.sessions,
        campaign.settings,
        campaign.calendar,
        transport_factory=factory,  # type: ignore[arg-type]
        stop=stop,
    )
    report = dispatcher.run(at(campaign, "2024-03-14T07:30"))
    assert report.messages == 1
    assert report.released > 0
    with campaign.database.session() as session:
        states = session.execute(
            select(Reminder.status, Reminder.attempts, Reminder.lease_owner).where(
                Reminder.fire_at <= at(campaign, "2024-03-14T07:30"),
                Reminder.status.in_(("pending", "sending")),
                Reminder.next_attempt_at == at(campaign, "2024-03-14T07:30"),
            )
        ).all()
    assert states
    assert {tuple(s) for s in states} == {("pending", 0, None)}
    # The next run sends the rest.
    recorder.clear()
    rest = dispatch(campaign, recorder, "2024-03-14T07:30")
    assert rest.messages == len(BLOC) - 1


def test_a_message_goes_only_once_the_one_before_is_recorded(
    campaign: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Recording overlaps the next message's first wait on the server, but never its
    # sending: when recording the second message fails, the third does not go.
    recorded = claims.mark_sent
    calls: list[object] = []

    def failing_the_second(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        if len(calls) == 2:
            raise RuntimeError("the disk is full")
        return recorded(*args, **kwargs)

    monkeypatch.setattr(claims, "mark_sent", failing_the_second)
    recorder = Recorder()
    with pytest.raises(RuntimeError, match="the disk is full"):
        dispatch(campaign, recorder, "2024-03-14T07:30")
    first, second = (n.to.code for n in recorder.notices)
    assert "sent" in statuses_of(campaign, first)
    assert "sent" not in statuses_of(campaign, second)
    assert "sending" in statuses_of(campaign, second)  # given back when its lease runs out


def statuses_of(app: AppContext, unit: str) -> set[str]:
    return {r.status for r in rows(app, Reminder.unit_id == unit_id(app, unit))}


@pytest.mark.postgres
def test_concurrent_claims_take_disjoint_whole_units(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, pg_url: str, cli: Cli
) -> None:
    settings = make_settings(monkeypatch, tmp_path / "var", pg_url)
    app = AppContext(settings=settings)
    try:
        load(cli, UNITS, write_campaign(tmp_path / "files"))
        now = at(app, "2024-03-14T07:30")
        sessions = app.database.sessions
        with sessions.begin() as session:
            planner.plan(session, settings, app.calendar, now)
        first, second = sessions(), sessions()
        try:
            first.begin()
            second.begin()
            a = claims.claim(first, "a/1", now, units=3, lease=timedelta(minutes=5))
            b = claims.claim(second, "b/1", now, units=3, lease=timedelta(minutes=5))
            first.commit()
            second.commit()
        finally:
            first.close()
            second.close()
        units_a, units_b = {r.unit_id for r in a}, {r.unit_id for r in b}
        assert len(units_a) == 3
        assert len(units_b) == 3
        assert not units_a & units_b
        with sessions() as session:
            due = session.execute(
                select(Reminder.unit_id, Reminder.status).where(
                    Reminder.next_attempt_at <= now, Reminder.status.in_(("pending", "sending"))
                )
            ).all()
        for unit, status in due:
            # every due row of a claimed unit is claimed: units are never split
            assert status == ("sending" if unit in units_a | units_b else "pending")
    finally:
        app.close()
