"""The engine and the column type every room's times share, without the ORM: a command that
only reads with SQLAlchemy Core (``thidua status``) connects through here and never imports
`sqlalchemy.orm` (`calendars.db` adds the declarative base and the sessions).

SQLite is the embedded default; PostgreSQL is the engine for several processes. Times are
stored as UTC and always come back time-zone aware, whichever engine holds them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import DateTime, Engine, create_engine, event
from sqlalchemy.engine import Dialect, make_url
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime, stored as naive UTC (SQLite has no time zones)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: the store keeps aware times only")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None else None


_READ_ONLY_KEY = "thidua_read_only"
READ_ONLY = {_READ_ONLY_KEY: True}
"""Execution options of connections and sessions that only read (feeds, checks): on SQLite
their transactions begin deferred, and take no write lock (``engine.execution_options(
**READ_ONLY)``); other engines ignore them."""


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine with the settings each backend needs (SQLite: WAL, foreign keys, a busy
    timeout, and transactions that SQLAlchemy, not the driver, begins: IMMEDIATE unless
    the connection only reads)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)
        _configure_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy emit BEGIN itself, so that transactions and SAVEPOINTs behave.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # IMMEDIATE: a transaction takes the write lock when it begins, waiting for it up to
        # the busy timeout. A deferred one that reads and then writes cannot wait: when
        # another connection wrote meanwhile, SQLite fails it at once ("database is
        # locked"), whatever the timeout. Readers that never write ask for a deferred
        # BEGIN (`READ_ONLY`) and, under WAL, never wait for a writer.
        deferred = connection.get_execution_options().get(_READ_ONLY_KEY, False)
        # Straight to the driver: SQLAlchemy's statement path would cost more than the
        # BEGIN itself, once per transaction (one per reminder sent).
        connection.connection.driver_connection.execute("BEGIN" if deferred else "BEGIN IMMEDIATE")
