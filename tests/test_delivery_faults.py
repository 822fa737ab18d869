"""What the mail server or the calendar can do to a dispatch, with the real SMTP server
where it matters: an outage of three days costs no attempt, a greylisted address is tried
again alone (and a greylisted unit does not stop the others), a deadline moved while a run
is under way is never sent with its old day."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from config.settings import Settings
from scheduler.decisions import Outgoing
from scheduler.dispatch import Dispatcher
from scheduler.models import Reminder
from tests.conftest import Cli
from tests.reminders import (
    CAMPAIGN,
    UNITS,
    Recorder,
    at,
    dispatch,
    load,
    load_examples,
    message_ids,
    rows,
    statuses,
    unit_id,
    units_reached,
    use_smtp,
    write_campaign,
)
from tests.smtp import SmtpServer
from thidua.context import AppContext
from translations import gettext as _

# Sở Giáo dục has two addresses; the server greylists the second.
ANSWERS = "vanthu@sgddt.phutho.example"
GREYLISTED = "thiduakhenthuong@sgddt.phutho.example"
# Three units whose only address is greylisted too.
WHOLE_UNITS = (
    "vanthu@stc.phutho.example",
    "vanthu@syt.phutho.example",
    "vanthu@stp.phutho.example",
)
EXAMPLE_UNITS = 46  # reminded at 07:30 on 07/02/2024


@pytest.fixture
def examples(
    sqlite_settings: Settings, cli: Cli, smtp_server: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> AppContext:
    settings = use_smtp(smtp_server, monkeypatch)
    load_examples(cli)
    app = AppContext(settings=settings)
    yield app  # type: ignore[misc]
    app.close()


def test_three_days_without_a_mail_server_cost_no_attempt_and_lose_nothing(
    examples: AppContext, smtp_server: SmtpServer
) -> None:
    smtp_server.stop()
    dispatcher = Dispatcher(examples.database.sessions, examples.settings, examples.calendar)
    start = at(examples, "2024-02-07T07:30")
    # A worker run every hour for three days (the service runs every minute; eight runs
    # would spend every attempt if an outage counted).
    runs = [dispatcher.run(start + timedelta(hours=n)) for n in range(3 * 24)]
    assert all(r.messages == r.failed == r.retrying == 0 for r in runs)
    assert all((r.halted or "").startswith("mail server unreachable") for r in runs)
    waiting = [
        r
        for r in rows(examples, Reminder.fire_at <= start)
        if r.status not in ("skipped", "cancelled")  # planned so, or superseded
    ]
    assert len(waiting) == EXAMPLE_UNITS
    assert {(r.status, r.attempts) for r in waiting} == {("pending", 0)}
    # Kept in the office's language (Vietnamese by default), as the pages show it.
    cannot_connect = _("cannot connect to %(where)s", where="").strip()
    assert all(cannot_connect in (r.last_error or "") for r in waiting)
    smtp_server.start()  # the same port
    back = dispatcher.run(start + timedelta(days=3))
    messages = smtp_server.messages
    print(f"\noutage: {len(runs)} runs in three days, then {back.messages} messages")
    assert back.failed == 0 and back.halted is None
    assert len(messages) == back.messages == EXAMPLE_UNITS
    assert max(message_ids(messages).values()) == 1
    assert max(units_reached(messages).values()) == 1
    assert "failed" not in {status for status, _reason in statuses(examples)}
    ids = [r.id for r in waiting]
    assert {r.status for r in rows(examples, Reminder.id.in_(ids))} == {"sent"}


def test_a_greylisted_address_gets_the_message_alone_later_and_no_one_twice(
    examples: AppContext, smtp_server: SmtpServer
) -> None:
    for address in (GREYLISTED, *WHOLE_UNITS):
        smtp_server.refuse(address, 451, "4.7.1 Greylisted, try again later")
    dispatcher = Dispatcher(
        examples.database.sessions, examples.settings, examples.calendar, rng=random.Random(1)
    )
    first = dispatcher.run(at(examples, "2024-02-07T07:30"))
    assert first.halted is None  # four greylisted units do not stop the run
    reached = units_reached(smtp_server.messages)
    assert len(smtp_server.messages) == EXAMPLE_UNITS - len(WHOLE_UNITS)
    assert reached[ANSWERS] == 1
    assert not {GREYLISTED, *WHOLE_UNITS} & set(reached)
    sgddt = unit_id(examples, "so-giao-duc")
    waiting = rows(examples, Reminder.unit_id == sgddt, Reminder.attempts > 0)
    assert waiting and {r.status for r in waiting} == {"pending"}
    for row in waiting:
        assert row.recipients is not None
        assert row.recipients[ANSWERS]["outcome"] == "sent"
        assert row.recipients[GREYLISTED]["outcome"] == "deferred"
        assert "451" in row.recipients[GREYLISTED]["reply"]
    for address in (GREYLISTED, *WHOLE_UNITS):
        smtp_server.accept(address)
    # Backed off by half a minute to a minute: not yet at 07:30:20, due at 07:32.
    assert dispatcher.run(at(examples, "2024-02-07T07:30:20")).messages == 0
    later = dispatcher.run(at(examples, "2024-02-07T07:32"))
    assert later.messages == 1 + len(WHOLE_UNITS)
    messages = smtp_server.messages
    reached = units_reached(messages)
    assert max(reached.values()) == 1  # no one twice
    assert reached[GREYLISTED] == 1 and all(reached[a] == 1 for a in WHOLE_UNITS)
    [to_first] = smtp_server.to(ANSWERS)
    [to_second] = smtp_server.to(GREYLISTED)
    assert to_second.rcpt_to == (GREYLISTED,)  # alone
    assert to_second.message["Message-ID"] == to_first.message["Message-ID"]  # the same mail
    done = rows(examples, Reminder.unit_id == sgddt, Reminder.attempts > 0)
    assert {r.status for r in done} == {"sent"}
    assert all(
        {a: o["outcome"] for a, o in (r.recipients or {}).items()}
        == {ANSWERS: "sent", GREYLISTED: "sent"}
        for r in done
    )
    assert "failed" not in {status for status, _reason in statuses(examples)}


MOVED = CAMPAIGN.replace(
    "wording: chậm nhất ngày 14/3/2024\n    due: {rule: by, date: 14/03/2024}",
    "wording: chậm nhất ngày 21/3/2024\n    due: {rule: by, date: 21/03/2024}",
)


def test_a_deadline_moved_between_claim_and_send_goes_out_with_its_new_day(
    app: AppContext, cli: Cli, tmp_path: Path
) -> None:
    assert MOVED != CAMPAIGN
    files = tmp_path / "files"
    load(cli, UNITS, write_campaign(files))
    moved_before: list[str] = []

    def move_once(message: Outgoing) -> None:
        """The office moves the deadline after the rows were claimed and decided, just
        before the first message goes."""
        if not moved_before:
            moved_before.append(message.unit.code)
            load(cli, write_campaign(files, MOVED), now="2024-03-14T07:00")

    recorder = Recorder()
    report = dispatch(app, recorder, "2024-03-14T07:30", before_delivery=move_once)
    assert moved_before and report.released > 0
    days = {
        item.effective_date
        for notice in recorder.notices
        for item in notice.items
        if item.uid.startswith("thu-nghiem-2024/bao-cao-quy-1@")
    }
    # Its day-of reminder moved to 21/03; today's is the 7-day one, telling of 21/03.
    assert days == {date(2024, 3, 21)}
    assert report.messages == len(recorder.notices) == 6  # the bloc's six units, once each


def test_a_deadline_moved_after_the_first_message_stops_the_old_day_at_the_next(
    app: AppContext, cli: Cli, tmp_path: Path
) -> None:
    # The calendar is read again as each outcome is recorded (on PostgreSQL by the very
    # statement that records it): a move after the first message is seen before the second.
    files = tmp_path / "files"
    load(cli, UNITS, write_campaign(files))
    delivered: list[str] = []

    def move_at_the_second(message: Outgoing) -> None:
        delivered.append(message.unit.code)
        if len(delivered) == 2:
            load(cli, write_campaign(files, MOVED), now="2024-03-14T07:00")

    recorder = Recorder()
    report = dispatch(app, recorder, "2024-03-14T07:30", before_delivery=move_at_the_second)
    days = [
        item.effective_date
        for notice in recorder.notices
        for item in notice.items
        if item.uid.startswith("thu-nghiem-2024/bao-cao-quy-1@")
    ]
    assert report.released > 0
    assert days[0] == date(2024, 3, 14)  # sent before the move, with the day it had then
    assert set(days[1:]) == {date(2024, 3, 21)}  # every later one with its new day
    assert len(days) == report.messages == 6


def test_through_the_mail_server_a_move_after_the_first_message_is_seen_before_the_second(
    settings: Settings,
    smtp_server: SmtpServer,
    cli: Cli,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The same move, with the messages going to a real mail server: the calendar's version
    # is then read as the next message's first command goes (on PostgreSQL written with
    # the last outcome, answered before the data), not when the transport is called.
    files = tmp_path / "files"
    load(cli, UNITS, write_campaign(files))
    app = AppContext(settings=use_smtp(smtp_server, monkeypatch))
    delivered: list[str] = []

    def move_at_the_second(message: Outgoing) -> None:
        delivered.append(message.unit.code)
        if len(delivered) == 2:
            load(cli, write_campaign(files, MOVED), now="2024-03-14T07:00")

    try:
        dispatcher = Dispatcher(
            app.database.sessions, app.settings, app.calendar, before_delivery=move_at_the_second
        )
        report = dispatcher.run(at(app, "2024-03-14T07:30"))
    finally:
        app.close()
    days = [
        event.decoded("DTSTART")
        for received in smtp_server.messages
        for part in received.message.iter_attachments()
        if part.get_content_type() == "text/calendar"
        for event in Calendar.from_ical(part.get_payload(decode=True)).walk("VEVENT")
        if str(event["UID"]).startswith("thu-nghiem-2024/bao-cao-quy-1@")
    ]
    assert report.released > 0
    assert days[0] == date(2024, 3, 14)
    assert set(days[1:]) == {date(2024, 3, 21)}
    assert len(days) == report.messages == 6
