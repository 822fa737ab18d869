"""Claims read what is due from partial indexes (SQLite and PostgreSQL): the s0004
migration makes them and takes them back, the claim's queries can use them, and a claim
takes the units of the rows due first, leases run out before them."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select, update

from calendars.db import make_engine
from scheduler import claims, planner
from scheduler.claims import _due_rows
from scheduler.models import Reminder
from tests.conftest import Cli
from tests.reminders import UNITS, at, load, write_campaign
from thidua.context import AppContext
from thidua.database import alembic_config, all_metadata

NEW = {"ix_reminders_pending", "ix_reminders_leased", "ix_reminders_unit"}
OLD = {"ix_reminders_due", "ix_reminders_unit_status"}
LEASE = timedelta(minutes=5)


@pytest.fixture
def planned(app: AppContext, cli: Cli, tmp_path: Path) -> AppContext:
    load(cli, UNITS, write_campaign(tmp_path / "files"))
    with app.database.sessions.begin() as session:
        planner.plan(session, app.settings, app.calendar, at(app, "2024-03-14T07:30"))
    return app


def index_names(engine: sa.Engine) -> set[str]:
    with engine.connect() as connection:
        return {i["name"] for i in inspect(connection).get_indexes("reminders")}


def test_the_due_indexes_migrate_down_and_up(app: AppContext) -> None:
    app.database  # noqa: B018 - a new database is migrated when opened
    engine = make_engine(app.settings.effective_database_url)
    try:
        assert index_names(engine) & (NEW | OLD) == NEW
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "s0003")
        assert index_names(engine) & (NEW | OLD) == OLD
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "heads")
        assert index_names(engine) & (NEW | OLD) == NEW
        with engine.connect() as connection:
            context = MigrationContext.configure(connection)
            differences = [
                d for d in compare_metadata(context, all_metadata()) if "reminders" in repr(d)
            ]
        assert differences == []
    finally:
        engine.dispose()


def plan_of(session: Any, query: Any) -> str:
    """The plan the database chose for ``query``, with the values inlined."""
    bind = session.get_bind()
    sql = str(query.compile(bind, compile_kwargs={"literal_binds": True}))
    if bind.dialect.name == "postgresql":
        # A few rows make a table scan cheaper: forbid it to see whether the index serves.
        session.execute(sa.text("SET LOCAL enable_seqscan = off"))
        return "\n".join(session.scalars(sa.text(f"EXPLAIN {sql}")))
    return "\n".join(str(row[-1]) for row in session.execute(sa.text(f"EXPLAIN QUERY PLAN {sql}")))


def test_a_claim_reads_due_units_from_the_partial_indexes(planned: AppContext) -> None:
    now = at(planned, "2024-03-14T07:30")
    with planned.database.sessions.begin() as session:
        # As the claims run: PostgreSQL locks the units it takes, SQLite's one writer needs no lock.
        lock = session.get_bind().dialect.name == "postgresql"
        leased, pending = (plan_of(session, q.limit(10)) for q in _due_rows(now, now, lock))
        session.rollback()
    assert "ix_reminders_leased" in leased
    assert "ix_reminders_pending" in pending


def test_a_claim_takes_expired_leases_then_the_units_due_first(planned: AppContext) -> None:
    now = at(planned, "2024-03-14T07:30")
    sessions = planned.database.sessions
    with sessions() as session:
        due = session.execute(
            select(Reminder.unit_id, Reminder.next_attempt_at)
            .where(claims.due_condition(Reminder.__table__, now, now))
            .order_by(Reminder.next_attempt_at, Reminder.unit_id)
        ).all()
    units = list(dict.fromkeys(unit for unit, _ in due))
    assert len(units) >= 3
    # The last unit in fire order is due first; its rows are made due earlier than all others.
    last = units[-1]
    earliest = due[0][1] - timedelta(days=1)
    with sessions.begin() as session:
        session.execute(
            update(Reminder)
            .where(Reminder.unit_id == last, Reminder.next_attempt_at <= now)
            .values(next_attempt_at=earliest)
        )
        first = claims.claim(session, "a/1", now, units=1, lease=LEASE, wall=now)
    assert {r.unit_id for r in first} == {last}
    # Its lease runs out: the next claim takes it over before any other unit.
    with sessions.begin() as session:
        again = claims.claim(session, "b/1", now, units=1, lease=LEASE, wall=now + 2 * LEASE)
    assert {r.unit_id for r in again} == {last}
    assert {r.id for r in again} == {r.id for r in first}
    with sessions.begin() as session:
        rest = claims.claim(session, "c/1", now, units=len(units), lease=LEASE, wall=now)
    assert {r.unit_id for r in rest} == set(units) - {last}


def test_message_ids_go_to_the_claims_own_rows_in_statements_of_a_bounded_size(
    planned: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = at(planned, "2024-03-14T07:30")
    sessions = planned.database.sessions
    with sessions.begin() as session:
        mine = claims.claim(session, "a/1", now, units=3, lease=LEASE, wall=now)
        theirs = claims.claim(session, "b/1", now, units=1, lease=LEASE, wall=now)
    assert len(mine) >= 4 and theirs
    monkeypatch.setattr(claims, "_NAMED_AT_ONCE", 3)  # several statements for the claim
    wanted = {r.id: f"<{r.id}.{r.unit_id}@thidua>" for r in mine}
    with sessions.begin() as session:
        # A row of another claim asked for by mistake keeps its Message-ID (none).
        claims.assign_message_ids(session, "a/1", {**wanted, theirs[0].id: "<not-mine@x>"})
    with sessions() as session:
        found = dict(session.execute(select(Reminder.id, Reminder.message_id)).all())
    assert {i: found[i] for i in wanted} == wanted
    assert all(found[r.id] is None for r in theirs)
