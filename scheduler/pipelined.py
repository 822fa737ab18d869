"""PostgreSQL's pipeline mode, for the outcomes a dispatch stores.

Each message's outcome is written to the server, with a COMMIT after it, as soon as the
mail server has accepted the message, and the server's answers are read only when the next
message needs them: the calendar's version is written once that message's first command
has gone, and the answers to both are read before its data (one round trip, by then
usually answered). The server stores the outcome while the client goes on with the next
message; the client never waits for the disk, and no thread is needed (one, tried first,
cost more than the statement: its hand-offs and the interpreter's lock).

The connection is in autocommit: the statements written since the last COMMIT form one
implicit transaction, which that COMMIT ends (the server stores them on reaching it,
answered or not). A failure is raised when the answers are read; the statements after it
up to that read are skipped by the server, and the connection is dropped when closed, not
given back to the pool (what is left unread on it is unknown).

Statements are compiled once by SQLAlchemy and executed by the driver itself, their values
processed by the statement's own types (SQLAlchemy's execution of a compiled statement
costs several times the driver's, and this one runs once a message); one with a list of
values (an expanding IN) goes through SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import suppress
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.dml import UpdateBase


class Pipelined:
    """An autocommit connection in pipeline mode: `execute` writes without waiting.

    The driver raises a statement's failure as soon as it reads it, which may be while
    writing a later statement; from then on every call raises that failure, so that
    nothing written after it is taken as stored."""

    @staticmethod
    def available(engine: Engine) -> bool:
        """Whether ``engine`` can: PostgreSQL through psycopg 3 on a libpq with pipeline mode
        (the dispatcher records as on SQLite otherwise)."""
        if engine.dialect.name != "postgresql" or engine.dialect.driver != "psycopg":
            return False
        import psycopg  # noqa: PLC0415 - only PostgreSQL's stores need it

        return bool(psycopg.Pipeline.is_supported())

    def __init__(self, engine: Engine) -> None:
        autocommit = engine.execution_options(isolation_level="AUTOCOMMIT")
        self._connection: Connection = autocommit.connect()
        self._driver: Any = self._connection.connection.driver_connection
        self._mode: Any = self._driver.pipeline()
        self._pipeline: Any = self._mode.__enter__()
        self._failure: Exception | None = None
        self._unanswered = False
        self._reading: tuple[str, Any] | None = None

    def execute(self, statement: UpdateBase, values: Mapping[str, Any]) -> None:
        """Write ``statement`` with ``values``; its answer is read later."""
        driven = _driven(statement, self._connection.dialect)
        if driven is None:
            self._call(lambda: self._connection.execute(statement, dict(values)))
            return
        compiled, processors = driven
        parameters = compiled.construct_params(dict(values))
        for name, process in processors.items():
            parameters[name] = process(parameters[name])
        self._call(lambda: self._driver.execute(compiled.string, parameters, prepare=True))

    def commit(self) -> None:
        """End the implicit transaction of the statements written since the last COMMIT."""
        self._call(lambda: self._driver.execute("COMMIT"))

    def begin_read(self, sql: str) -> None:
        """Write ``sql`` now; `read` takes its answer."""
        self._reading = (sql, self._call(lambda: self._driver.execute(sql)))

    def read(self, sql: str) -> Any:
        """The first column of the first row of ``sql`` (written now unless `begin_read`
        wrote it), once every statement written before it has been answered."""
        reading, self._reading = self._reading, None
        if reading is not None and reading[0] == sql:
            cursor = reading[1]
        else:
            cursor = self._call(lambda: self._driver.execute(sql))
        self._call(self._pipeline.sync)
        self._unanswered = False
        row = cursor.fetchone()
        return row[0] if row else None

    def wait(self) -> None:
        """Read the answers to the statements written so far; a read begun and not taken
        is dropped."""
        self._reading = None
        if self._unanswered or self._failure is not None:
            self._call(self._pipeline.sync)
            self._unanswered = False

    def _call(self, work: Callable[[], Any]) -> Any:
        if self._failure is not None:
            raise self._failure
        self._unanswered = True
        try:
            return work()
        except Exception as exc:
            self._failure = exc
            raise

    def close(self) -> None:
        """Leave pipeline mode (reading what is left) and give the connection back; after a
        failure, then or before, drop it instead."""
        try:
            if self._failure is None:
                self._call(lambda: self._mode.__exit__(None, None, None))
        finally:
            if self._failure is not None:
                with suppress(Exception):  # its answers are not wanted any more
                    self._mode.__exit__(None, None, None)
                self._connection.invalidate()
            self._connection.close()


Processors = dict[str, Callable[[Any], Any]]


@lru_cache(maxsize=64)
def _driven(statement: UpdateBase, dialect: Dialect) -> tuple[SQLCompiler, Processors] | None:
    """``statement`` compiled for the driver, with the processors of its values' types;
    None when it takes a list of values (rendered anew for each length)."""
    compiled = statement.compile(dialect=dialect)
    assert isinstance(compiled, SQLCompiler)
    if any(bind.expanding for bind in compiled.bind_names):
        return None
    processors = {}
    for bind, name in compiled.bind_names.items():
        process = bind.type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            processors[name] = process
    return compiled, processors
