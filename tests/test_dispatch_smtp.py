"""Acceptance: the example campaigns, ``thidua send-due`` at a chosen sequence of times, a
real SMTP server (aiosmtpd on loopback). The messages received are exactly those expected
per unit and day, read back with the email package: subject, From/To, Vietnamese text and
HTML with the wording and the effective day, an .ics attachment icalendar parses, and the
signed "Đã gửi báo cáo" link that stops the unit's reminders."""

from __future__ import annotations

import re
import time
from collections import Counter
from email.header import decode_header, make_header
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import compat32
from email.utils import getaddresses
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
import yaml
from icalendar import Calendar
from sqlalchemy import func, select

from config.settings import Settings, get_settings
from scheduler import claims
from scheduler.models import Reminder
from scheduler.pipelined import Pipelined
from tests.conftest import EXAMPLES, Cli, make_settings
from tests.office import csrf_of
from tests.reminders import load_examples, request, use_smtp
from tests.smtp import Received, SmtpServer
from thidua.context import AppContext, parse_now

TITLE = "Gửi văn bản phát động thi đua năm 2024"
UID = "vinh-phuc-2024/van-ban-phat-dong@thidua.local"
FROM = ("Ban Thi đua - Khen thưởng", "thidua@snv.phutho.gov.vn")  # tests.smtp.OFFICE_SENDER
RESPONSIBLE = ["so-ban-nganh-doan-the", "ubnd-huyen", "co-quan-trung-uong", "doanh-nghiep"]


def at_time(text: str) -> Any:
    return parse_now(text, Settings())


def expected_units() -> dict[str, tuple[str, list[str]]]:
    """The units seed 000 makes responsible, read from the units file on its own: code →
    (name, addresses)."""
    data = yaml.safe_load((EXAMPLES / "units.yaml").read_text("utf-8"))
    groups = {g["code"]: g["members"] for g in data["groups"]}
    units = {u["code"]: (u["name"], u["emails"]) for u in data["units"]}
    found: set[str] = set()
    stack = list(RESPONSIBLE)
    while stack:
        code = stack.pop()
        if code in groups:
            stack.extend(groups[code])
        else:
            found.add(code)
    return {code: units[code] for code in found}


@pytest.fixture
def smtp_settings(
    settings: Settings, smtp_server: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> Settings:
    for key, value in smtp_server.settings_env().items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    return Settings()


def send_due(cli: Cli, now: str) -> None:
    result = cli("send-due", "--now", now)
    assert result.exit_code == 0, result.output


def by_unit(messages: list[Received], units: dict[str, tuple[str, list[str]]]) -> dict[str, Any]:
    """Messages keyed by the unit whose addresses they went to (exactly one each); the
    Board's late list goes to ban-tdkt's address."""
    owner = {tuple(sorted(addresses)): code for code, (_name, addresses) in units.items()}
    owner[("bantdkt@snv.phutho.example",)] = "ban-tdkt"
    keyed: dict[str, Any] = {}
    for received in messages:
        code = owner[tuple(sorted(received.rcpt_to))]
        assert code not in keyed, f"{code} got two messages"
        keyed[code] = received
    return keyed


def subject_round_trips(received: Received, expected: str) -> None:
    """The subject reads back exactly, whichever way it is parsed."""
    assert str(received.message["Subject"]) == expected
    raw = BytesParser(policy=compat32).parsebytes(received.data)["Subject"]
    assert str(make_header(decode_header(raw))) == expected


def check_message(received: Received, code: str, units: dict[str, tuple[str, list[str]]]) -> str:
    message: EmailMessage = received.message
    name, addresses = units[code]
    assert getaddresses([str(message["From"])]) == [FROM]
    assert sorted(a for _n, a in getaddresses([str(message["To"])])) == sorted(addresses)
    assert sorted(received.rcpt_to) == sorted(addresses)
    assert message["Auto-Submitted"] == "auto-generated"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    for body in (text, html):
        assert name in body
        assert "trước ngày 15/02/2024" in body  # the wording as written
        assert "15/02/2024" in body  # the effective last day
    (ics,) = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    calendar = Calendar.from_ical(ics.get_payload(decode=True))
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == UID
    assert event.decoded("DTSTART").isoformat() == "2024-02-15"
    return text


SLOW_SENT_TRIGGER = """
CREATE FUNCTION slow_sent() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN PERFORM pg_sleep(0.02); RETURN NEW; END $$;
CREATE TRIGGER slow_sent BEFORE UPDATE ON reminders FOR EACH ROW
WHEN (NEW.status = 'sent') EXECUTE FUNCTION slow_sent();
"""


def test_each_message_reaches_the_server_only_once_the_ones_before_are_stored(
    smtp_settings: Settings, smtp_server: SmtpServer, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Outcomes are stored while the next message is begun (on PostgreSQL written without
    # waiting for the answer), never after its data: as each message's data arrives, another
    # connection already reads every earlier message as sent, and not this one. Each store
    # is made slower than the next message's first commands (on PostgreSQL in the server,
    # where the statement is waited for), so that a message not waiting for it would reach
    # the server first.
    assert_stored_before_data(smtp_settings.database_url, smtp_server, cli, monkeypatch)


@pytest.mark.postgres
def test_postgres_without_pipeline_mode_records_as_sqlite_does(
    pg_url: str, tmp_path: Path, smtp_server: SmtpServer, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A driver or libpq without pipeline mode: each outcome in a transaction of its own, in
    # the next message's first wait, as on SQLite.
    make_settings(monkeypatch, tmp_path / "var", pg_url)
    use_smtp(smtp_server, monkeypatch)
    monkeypatch.setattr(Pipelined, "available", staticmethod(lambda _engine: False))
    monkeypatch.setattr(Pipelined, "__init__", lambda *_: pytest.fail("pipeline mode used"))
    assert_stored_before_data(pg_url, smtp_server, cli, monkeypatch)


def assert_stored_before_data(
    url: str, smtp_server: SmtpServer, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_examples(cli)
    engine = sa.create_engine(url)
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.execute(sa.text(SLOW_SENT_TRIGGER))
    else:
        stored = claims.mark_sent

        def slow_store(*args: Any, **kwargs: Any) -> None:
            time.sleep(0.02)
            stored(*args, **kwargs)

        monkeypatch.setattr(claims, "mark_sent", slow_store)
    sent_before: list[int] = []

    def count_sent() -> None:
        with engine.connect() as connection:
            query = select(func.count(func.distinct(Reminder.message_id))).where(
                Reminder.status == "sent"
            )
            sent_before.append(connection.scalar(query) or 0)

    smtp_server.probe_data(count_sent)
    try:
        send_due(cli, "2024-02-07T07:30")
    finally:
        smtp_server.probe_data(None)
        engine.dispose()
    assert len(smtp_server.messages) == 46
    assert sent_before == list(range(46))


def test_the_examples_remind_every_unit_once_per_day_until_it_submits(
    smtp_settings: Settings, smtp_server: SmtpServer, cli: Cli
) -> None:
    load_examples(cli)
    units = expected_units()
    assert len(units) == 46

    # Wednesday 07/02/2024, the last working day before Tết: the 7-, 3- and 1-day reminders
    # of "trước ngày 15/02/2024" (effective Thursday 15/02) all fall here, as one message.
    send_due(cli, "2024-02-07T07:30")
    day1 = by_unit(smtp_server.messages, units)
    assert sorted(day1) == sorted(units)
    for code, received in day1.items():
        subject_round_trips(received, f"[Nhắc hạn] {TITLE} – còn 8 ngày")
        text = check_message(received, code, units)
        assert "Mùng năm Tết Nguyên Đán" in text  # why 14/02 is not the last day
    assert len({str(r.message["Message-ID"]) for r in day1.values()}) == 46

    # The same moment again sends nothing.
    send_due(cli, "2024-02-07T07:30")
    assert len(smtp_server.messages) == 46

    # Sở Tài chính reports to the office; Sở Nội vụ uses the link in its reminder.
    assert cli("submit", UID, "so-tai-chinh", "--now", "2024-02-09T10:00").exit_code == 0
    link = re.search(
        r"http://\S+/submit/\S+", day1["so-noi-vu"].message.get_body(("plain",)).get_content()
    )
    assert link is not None
    app = AppContext(settings=Settings(), now_override=at_time("2024-02-10T09:00"))
    try:
        path = link.group(0).split("8000", 1)[1]
        page = request(app, "GET", path)
        assert page.status_code == 200
        assert "<form" in page.text
        form = {"csrf_token": csrf_of(page.text), "action": "confirm"}
        done = request(app, "POST", path, data=form, follow_redirects=True)
        assert done.status_code == 200
        assert "Đã ghi nhận" in done.text
    finally:
        app.close()

    # The last day: everyone else, once.
    smtp_server.clear()
    send_due(cli, "2024-02-15T07:30")
    day2 = by_unit(smtp_server.messages, units)
    assert sorted(day2) == sorted(set(units) - {"so-tai-chinh", "so-noi-vu"})
    for code, received in day2.items():
        subject_round_trips(received, f"[Nhắc hạn] {TITLE} – hôm nay là hạn cuối")
        check_message(received, code, units)

    # The day after: overdue to the late units, and the list of them to the Board.
    smtp_server.clear()
    send_due(cli, "2024-02-16T07:30")
    day3 = by_unit(smtp_server.messages, units)
    late = sorted(set(units) - {"so-tai-chinh", "so-noi-vu"})
    assert sorted(day3) == sorted([*late, "ban-tdkt"])
    for code in late:
        subject_round_trips(day3[code], f"[Quá hạn] {TITLE} – đã quá hạn 1 ngày")
        check_message(day3[code], code, units)
    board = day3["ban-tdkt"]
    subject_round_trips(board, f"[Đôn đốc] 44/46 đơn vị chưa gửi: {TITLE}")
    assert board.rcpt_to == ("bantdkt@snv.phutho.example",)
    listing = board.message.get_body(("plain",)).get_content()
    listed = re.findall(r"^\s+- (.+) \(([a-z0-9-]+)\), chậm 1 ngày$", listing, re.MULTILINE)
    assert sorted(listed) == sorted((units[code][0], code) for code in late)
    assert Counter(len(r.rcpt_to) for r in day3.values())[1] >= 40
