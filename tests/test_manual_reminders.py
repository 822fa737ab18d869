"""Reminders sent at the office's request (`scheduler.manual`), the reminder rows as the
office reads them (`scheduler.deliveries.deadline_reminders`, `unit_deliveries`) and the
preview of a unit's message (`scheduler.preview.message`), on SQLite and PostgreSQL.

The campaign is the reminder tests' own (`tests.reminders`): two reports due Thursday
14/03/2024 for the six units of the "tổng hợp" bloc, one due 22/03 for two of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from itertools import pairwise
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect

from calendars.db import make_engine
from config.settings import Settings
from notifiers.base import Transport, TransportError
from scheduler import deliveries as reminder_rows
from scheduler import manual, planner, status
from scheduler import preview as previews
from scheduler.dispatch import Dispatcher
from scheduler.models import Reminder
from submissions.records import SubmissionError
from tests.conftest import Cli
from tests.reminders import (
    BLOC,
    UNITS,
    Recorder,
    at,
    dispatch,
    load,
    occurrence_id,
    rows,
    unit_id,
    write_campaign,
)
from thidua.context import AppContext
from thidua.database import alembic_config
from translations import gettext

QUY_1 = "thu-nghiem-2024/bao-cao-quy-1"
CHUYEN_DE = "thu-nghiem-2024/bao-cao-chuyen-de"


@pytest.fixture
def campaign(app: AppContext, cli: Cli, tmp_path: Path) -> AppContext:
    load(cli, UNITS, write_campaign(tmp_path / "files"))
    return app


def send_now(
    app: AppContext, recorder: Recorder, deadline: str, units: list[str], now: str
) -> manual.ManualReport:
    dispatcher = Dispatcher(
        app.database.sessions, app.settings, app.calendar, transport_factory=recorder
    )
    return manual.send_now(dispatcher, occurrence_id(app, deadline), units, at(app, now))


def manual_rows(app: AppContext, code: str) -> list[Reminder]:
    return rows(app, Reminder.kind == "manual", Reminder.unit_id == unit_id(app, code))


def test_a_reminder_sent_now_is_a_message_of_its_own_recorded_in_the_table(
    campaign: AppContext,
) -> None:
    recorder = Recorder()
    report = send_now(campaign, recorder, QUY_1, ["so-tu-phap"], "2024-03-11T10:15")
    assert [(o.unit, o.status, o.error) for o in report.outcomes] == [("so-tu-phap", "sent", None)]
    (notice,) = recorder.notices
    assert (notice.kind, notice.to.code) == ("reminder", "so-tu-phap")
    assert [(i.uid.split("@")[0], i.days_left) for i in notice.items] == [(QUY_1, 3)]
    assert notice.items[0].submit_url and notice.items[0].ics
    (row,) = manual_rows(campaign, "so-tu-phap")
    assert (row.status, row.offset, row.attempts) == ("sent", 1, 1)
    assert row.sent_at == at(campaign, "2024-03-11T10:15") and row.message_id
    # A double click (5 minutes later) sends nothing more; later the same day, a second
    # message and the second row; after the last day, an overdue notice.
    again = send_now(campaign, recorder, QUY_1, ["so-tu-phap"], "2024-03-11T10:20")
    assert [(o.unit, o.status, o.reason) for o in again.outcomes] == [
        ("so-tu-phap", "skipped", manual.JUST_REMINDED)
    ]
    send_now(campaign, recorder, QUY_1, ["so-tu-phap"], "2024-03-11T10:30")
    send_now(campaign, recorder, QUY_1, ["so-tu-phap", "so-noi-vu"], "2024-03-19T09:00")
    assert [r.offset for r in manual_rows(campaign, "so-tu-phap")] == [1, 2, 3]
    assert [n.kind for n in recorder.notices] == ["reminder", "reminder", "overdue", "overdue"]
    assert recorder.notices[-1].items[0].days_left == -5


def test_planned_reminders_and_manual_ones_leave_each_other_alone(
    campaign: AppContext,
) -> None:
    """Sent at 06:00 on the day of the 7-days reminder (07:30): both go out; planning,
    even after the calendar changed, never cancels or moves the manual row."""
    recorder = Recorder()
    send_now(campaign, recorder, QUY_1, ["so-noi-vu"], "2024-03-07T06:00")
    dispatch(campaign, recorder, "2024-03-07T07:30")
    kinds = [(n.to.code, n.kind) for n in recorder.to("so-noi-vu")]
    assert kinds == [("so-noi-vu", "reminder"), ("so-noi-vu", "digest")]
    with campaign.database.session() as session, session.begin():
        report = planner.plan(
            session, campaign.settings, campaign.calendar, at(campaign, "2024-03-07T08:00")
        )
    assert report.cancelled == 0
    assert [r.status for r in manual_rows(campaign, "so-noi-vu")] == ["sent"]


def test_a_unit_that_submitted_or_has_no_address_is_not_sent_anything(
    campaign: AppContext, cli: Cli
) -> None:
    assert cli("submit", QUY_1, "so-noi-vu", "--now", "2024-03-08T09:00").exit_code == 0
    recorder = Recorder()
    report = send_now(campaign, recorder, QUY_1, ["so-noi-vu", "so-tu-phap"], "2024-03-08T10:00")
    outcomes = {o.unit: (o.status, o.reason) for o in report.outcomes}
    assert outcomes == {"so-noi-vu": ("skipped", "submitted"), "so-tu-phap": ("sent", None)}
    assert [n.to.code for n in recorder.notices] == ["so-tu-phap"]


def test_who_cannot_be_reminded_is_named(campaign: AppContext) -> None:
    recorder = Recorder()

    def not_answering(code: str) -> str:  # the catalog's words, Vietnamese by default
        msgid = "unit %(code)s is not an active unit answering for deadline %(uid)s"
        return re.escape(gettext(msgid, "vi", code=repr(code), uid="").strip())

    with pytest.raises(SubmissionError, match=not_answering("so-y-te")):
        send_now(campaign, recorder, CHUYEN_DE, ["so-tu-phap", "so-y-te"], "2024-03-18T10:00")
    with pytest.raises(SubmissionError, match=not_answering("khong-co")):
        send_now(campaign, recorder, CHUYEN_DE, ["khong-co"], "2024-03-18T10:00")
    dispatcher = Dispatcher(campaign.database.sessions, campaign.settings, campaign.calendar)
    with pytest.raises(SubmissionError, match=gettext("no deadline %(id)s", "vi", id=999999)):
        manual.send_now(dispatcher, 999999, ["so-tu-phap"], at(campaign, "2024-03-18T10:00"))
    assert recorder.notices == [] and rows(campaign, Reminder.kind == "manual") == []


def test_a_failure_is_told_and_a_transient_one_retried_by_the_service(
    campaign: AppContext,
) -> None:
    recorder = Recorder()
    dispatch(campaign, recorder, "2024-03-11T07:30")  # the day's planned reminders
    recorder.clear()
    recorder.fail["so-tu-phap"] = TransportError("550 5.1.1 no such mailbox", permanent=True)
    recorder.fail["so-noi-vu"] = TransportError("451 4.3.0 try later", permanent=False)
    report = send_now(campaign, recorder, QUY_1, ["so-noi-vu", "so-tu-phap"], "2024-03-11T10:00")
    outcomes = {o.unit: o for o in report.outcomes}
    assert (outcomes["so-tu-phap"].status, outcomes["so-tu-phap"].error) == (
        "failed",
        "550 5.1.1 no such mailbox",
    )
    retry = outcomes["so-noi-vu"]
    assert (retry.status, retry.error) == ("pending", "451 4.3.0 try later")
    assert retry.next_attempt_at is not None
    assert retry.next_attempt_at > at(campaign, "2024-03-11T10:00")
    # Planning does not cancel the pending manual row; the next run after it is due sends it.
    del recorder.fail["so-noi-vu"]
    dispatch(campaign, recorder, "2024-03-11T10:30")
    assert [(n.to.code, n.kind) for n in recorder.notices] == [("so-noi-vu", "reminder")]
    assert [r.status for r in manual_rows(campaign, "so-noi-vu")] == ["sent"]


def test_when_the_mail_server_is_down_the_request_waits_for_the_next_run(
    campaign: AppContext,
) -> None:
    recorder = Recorder()
    dispatch(campaign, recorder, "2024-03-11T07:30")  # the day's planned reminders
    recorder.clear()
    report = send_now(campaign, Down(), QUY_1, ["so-noi-vu"], "2024-03-11T10:00")
    (outcome,) = report.outcomes
    assert outcome.status == "pending" and "Connection refused" in (outcome.error or "")
    assert report.dispatch.halted
    dispatch(campaign, recorder, "2024-03-11T10:01")
    assert [(n.to.code, n.kind) for n in recorder.notices] == [("so-noi-vu", "reminder")]


class Down(Recorder):
    """Transports of a mail server that cannot be reached."""

    def __call__(self, settings: Settings, clock: Callable[[], datetime]) -> Transport:
        transport = super().__call__(settings, clock)

        def refuse() -> None:
            raise ConnectionRefusedError(111, "Connection refused")

        transport.open = refuse  # type: ignore[method-assign]
        return transport


def test_the_office_reads_each_units_reminders_and_problems(campaign: AppContext, cli: Cli) -> None:
    submitted = cli("submit", QUY_1, "so-ke-hoach-dau-tu", "--note", "Số 15/BC", "--by", "Lan")
    assert submitted.exit_code == 0, submitted.output
    recorder = Recorder()
    recorder.fail["so-tu-phap"] = TransportError("550 5.1.1 no such mailbox", permanent=True)
    dispatch(campaign, recorder, "2024-03-07T07:30")
    send_now(campaign, recorder, QUY_1, ["so-noi-vu"], "2024-03-08T09:00")
    by_unit_id = occurrence_id(campaign, QUY_1)
    with campaign.database.session() as session:
        by_unit = reminder_rows.deadline_reminders(session, by_unit_id)
        deliveries = reminder_rows.unit_deliveries(session)
    assert sorted(by_unit) == sorted([*BLOC, "ban-tdkt"])  # the office's late lists too
    noi_vu = by_unit["so-noi-vu"]
    assert [(r.kind, r.status) for r in noi_vu][:2] == [("advance", "sent"), ("manual", "sent")]
    assert [r.kind for r in noi_vu if r.status == "pending"][:2] == ["advance", "advance"]
    assert all(a.fire_at <= b.fire_at for a, b in pairwise(noi_vu))
    tu_phap = deliveries["so-tu-phap"]
    assert tu_phap.last_sent is None and tu_phap.problem_count == 2  # two deadlines, one message
    assert tu_phap.problems[0].error == "550 5.1.1 no such mailbox"
    assert tu_phap.problems[0].problem and tu_phap.problems[0].status == "failed"
    assert deliveries["so-noi-vu"].last_sent == at(campaign, "2024-03-08T09:00")
    assert deliveries["so-noi-vu"].last_deadline == "Báo cáo thi đua quý I năm 2024"
    assert deliveries["so-noi-vu"].problems == []
    assert "so-y-te" not in deliveries  # never sent anything
    with campaign.database.session() as session:
        (found,) = status.deadlines(
            session, at(campaign, "2024-03-08T09:00").date(), occurrence_ids=[by_unit_id]
        )
    assert found.occurrence_id == by_unit_id
    (done,) = found.of("submitted")
    assert (done.code, done.by, done.note, done.source) == (
        "so-ke-hoach-dau-tu",
        "Lan",
        "Số 15/BC",
        "office",
    )
    assert status.unit_record(done)["note"] == "Số 15/BC"


def test_the_preview_is_the_message_the_unit_gets(campaign: AppContext) -> None:
    recorder = Recorder()
    now = at(campaign, "2024-03-11T10:15")
    with campaign.database.session() as session:
        shown = previews.message(
            session,
            campaign.settings,
            occurrence_id(campaign, QUY_1),
            unit_id(campaign, "so-tu-phap"),
            now,
        )
    send_now(campaign, recorder, QUY_1, ["so-tu-phap"], "2024-03-11T10:15")
    (sent,) = recorder.notices
    assert shown.notice.items == sent.items and shown.notice.kind == sent.kind == "reminder"
    assert "Báo cáo thi đua quý I năm 2024" in shown.wording.subject
    assert "còn 3 ngày" in shown.wording.subject + shown.wording.text
    assert "14/03/2024" in shown.wording.text
    assert shown.wording.html.lstrip().lower().startswith("<!doctype html")
    assert sent.items[0].submit_url in shown.wording.text  # the unit's own signed link


def test_the_manual_kind_migrates_up_and_down(app: AppContext) -> None:
    def kind_check() -> str:
        with engine.connect() as connection:
            found = inspect(connection).get_check_constraints("reminders")
        return next(c["sqltext"] for c in found if c["name"] == "ck_reminders_kind")

    app.database  # noqa: B018 - a new database is migrated when opened
    engine = make_engine(app.settings.effective_database_url)
    try:
        assert "manual" in kind_check()
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "s0001")
        assert "late_list" in kind_check() and "manual" not in kind_check()
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "heads")
        assert "manual" in kind_check()
        with engine.connect() as connection:
            assert inspect(connection).get_indexes("reminders")  # kept by the table copy
    finally:
        engine.dispose()
