"""PostgreSQL's pipeline mode for a dispatch's outcomes (`scheduler.pipelined`): a statement
run through libpq stores what SQLAlchemy's execution of it stores, nothing is stored
before the transaction's sync point, and a failure is raised when the answers are read, with the
connection usable after it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from psycopg.errors import StringDataRightTruncation
from sqlalchemy import select

from scheduler import claims, planner
from scheduler.facts import calendar_version_of, calendar_version_sql
from scheduler.models import Reminder
from scheduler.pipelined import Pipelined
from tests.conftest import Cli, make_settings
from tests.reminders import UNITS, at, load, write_campaign
from thidua.context import AppContext

pytestmark = pytest.mark.postgres

OWNER = "worker-a/1"
RECIPIENTS = {"vp@snv.phutho.gov.vn": {"outcome": "sent", "reply": "250 OK", "at": "07:30"}}


@pytest.fixture
def held(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, pg_url: str, cli: Cli
) -> tuple[AppContext, list[int]]:
    """A PostgreSQL store with reminder rows claimed by ``OWNER``."""
    settings = make_settings(monkeypatch, tmp_path / "var", pg_url)
    app = AppContext(settings=settings)
    load(cli, UNITS, write_campaign(tmp_path / "files"))
    now = at(app, "2024-03-14T07:30")
    with app.database.sessions.begin() as session:
        planner.plan(session, app.settings, app.calendar, now)
        rows = claims.claim(session, OWNER, now, units=50, lease=timedelta(minutes=5))
    assert len(rows) >= 4
    return app, sorted(r.id for r in rows)


def stored(app: AppContext, ids: list[int]) -> list[tuple[Any, ...]]:
    columns = (Reminder.status, Reminder.sent_at, Reminder.updated_at, Reminder.message_id)
    more = (Reminder.last_error, Reminder.recipients, Reminder.lease_until, Reminder.reason)
    with app.database.session() as session:
        found = session.execute(select(Reminder.id, *columns, *more).where(Reminder.id.in_(ids)))
        return [tuple(row[1:]) for row in sorted(found)]


def test_a_statement_run_by_the_driver_stores_what_sqlalchemy_stores(
    held: tuple[AppContext, list[int]],
) -> None:
    app, ids = held
    now = datetime(2024, 3, 14, 0, 30, 5, 123456, tzinfo=UTC)
    local = now.astimezone(app.settings.tz)  # the same instant, as the dispatcher holds it
    values: dict[str, Any] = {"message_id": "a@thidua", "refused": None, "recipients": RECIPIENTS}
    with app.database.engine.begin() as connection:
        claims.mark_sent(connection, OWNER, [ids[0]], now=local, **values)
        claims.mark_sent(connection, OWNER, ids[2:4], now=local, **values)  # an expanding IN
    pipelined = Pipelined(app.database.engine)
    try:
        claims.mark_sent(pipelined, OWNER, [ids[1]], now=local, **values)
        claims.mark_sent(pipelined, OWNER, ids[4:6], now=local, **values)
        assert stored(app, [ids[1]])[0][0] == "sending"  # written, not committed
        pipelined.wait()
    finally:
        pipelined.close()
    by_sqlalchemy, by_driver = stored(app, [ids[0], *ids[2:4]]), stored(app, [ids[1], *ids[4:6]])
    assert by_driver == by_sqlalchemy
    status, sent_at, _updated, _mid, _error, recipients, lease_until, _reason = by_driver[0]
    assert (status, sent_at, recipients, lease_until) == ("sent", now, RECIPIENTS, None)


def test_a_failure_is_raised_when_the_answers_are_read_and_nothing_after_it_is_stored(
    held: tuple[AppContext, list[int]],
) -> None:
    app, ids = held
    now = at(app, "2024-03-14T07:31")
    sql = calendar_version_sql(app.database.engine.dialect)
    with app.database.engine.connect() as connection:
        version = calendar_version_of(connection)
    before = stored(app, ids[:2])
    too_long = "x" * 300  # Message-ID is a VARCHAR(255)
    pipelined = Pipelined(app.database.engine)
    try:
        # The driver raises it as soon as it reads it: at the latest when the answers are read.
        with pytest.raises(StringDataRightTruncation):
            claims.mark_sent(pipelined, OWNER, [ids[0]], now=now, message_id="a@thidua")
            claims.mark_sent(pipelined, OWNER, [ids[1]], now=now, message_id=too_long)
            pipelined.begin_read(sql)
            pipelined.read(sql)
        with pytest.raises(StringDataRightTruncation):
            pipelined.wait()  # and again: nothing after it is taken as stored
    finally:
        pipelined.close()  # quiet: the connection is dropped
    assert stored(app, ids[:2]) == before  # one transaction: neither row stored
    again = Pipelined(app.database.engine)
    try:
        claims.mark_sent(again, OWNER, [ids[1]], now=now, message_id="b@thidua")
        assert again.read(sql) == version  # read once the store is answered
    finally:
        again.close()
    assert [row[3] for row in stored(app, ids[:2])] == [None, "b@thidua"]


def test_the_connection_goes_back_to_the_pool_as_it_came(
    held: tuple[AppContext, list[int]],
) -> None:
    """Out of pipeline mode, idle, its prepared statements dropped: the next user of the
    pooled connection (a claim, a page) finds a plain one."""
    app, ids = held
    now = at(app, "2024-03-14T07:31")
    sql = calendar_version_sql(app.database.engine.dialect)
    pipelined = Pipelined(app.database.engine)
    driver = pipelined._connection.connection.driver_connection
    try:
        for row_id, more in ((ids[0], [ids[1]]), (ids[2], ids[3:5])):
            claims.mark_sent(pipelined, OWNER, [row_id], now=now, message_id=f"{row_id}@thidua")
            claims.mark_sent(pipelined, OWNER, more, now=now, message_id=f"{more[0]}@thidua")
            pipelined.begin_read(sql)
            assert pipelined.read(sql) is not None
        prepared = pipelined.read("SELECT count(*) FROM pg_prepared_statements")
    finally:
        pipelined.close()
    assert prepared == 4  # one row, an IN of two, the two reads: each prepared once
    assert driver.pgconn.pipeline_status == 0  # off
    assert driver.info.transaction_status == 0  # idle
    left = driver.execute("SELECT count(*) FROM pg_prepared_statements").fetchone()
    driver.rollback()  # back in the pool, the connection is no longer in autocommit
    assert left == (0,)
    assert [row[0] for row in stored(app, ids[:5])] == ["sent"] * 5
