"""PostgreSQL's pipeline mode, for the outcomes a dispatch stores.

As the next message's first command goes to the mail server, the last message's outcome
and a read of the calendar's version are written to the database in one transaction,
without waiting; both answers are read before that message's data (one round trip, by
then usually answered). The database stores the outcome while the mail server answers the
envelope; the client never waits for the disk, and no thread is needed (one, tried first,
cost more than the statement: its hand-offs and the interpreter's lock).

The connection is in autocommit: the statements written since the last sync point form
one implicit transaction, which the next sync point (written with each read, or by
`wait`) ends; the server stores them on reaching it, answered or not. A failure is raised
when the answers are read; the statements after it up to the sync point are skipped by
the server, and the connection is dropped when closed, not given back to the pool (what is
left unread on it is unknown).

Statements are compiled by SQLAlchemy, their values processed by the statement's own types
(UTC datetimes, JSON), and run through libpq's own pipeline calls (psycopg's `pq` layer) as
statements prepared once per connection, their values written as text by psycopg's
adapters: psycopg's cursor, in pipeline mode, cost the client twice as much a message.
"""

from __future__ import annotations

import re
import secrets
import selectors
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

    A statement's failure is raised when the answers are read; from then on every call
    raises that failure, so that nothing written after it is taken as stored."""

    @staticmethod
    def available(engine: Engine) -> bool:
        """Whether ``engine`` can: PostgreSQL through psycopg 3 on a libpq with pipeline mode
        (the dispatcher records as on SQLite otherwise)."""
        if engine.dialect.name != "postgresql" or engine.dialect.driver != "psycopg":
            return False
        import psycopg  # noqa: PLC0415 - only PostgreSQL's stores need it

        return bool(psycopg.Pipeline.is_supported())

    def __init__(self, engine: Engine) -> None:
        from psycopg import pq  # noqa: PLC0415 - only PostgreSQL's stores need it
        from psycopg.adapt import PyFormat, Transformer  # noqa: PLC0415

        autocommit = engine.execution_options(isolation_level="AUTOCOMMIT")
        self._connection: Connection = autocommit.connect()
        driver: Any = self._connection.connection.driver_connection
        self._dialect = engine.dialect
        self._adapt: Any = Transformer(driver)  # the connection's own adapters
        self._pq: Any = driver.pgconn
        self._status: Any = pq.ExecStatus
        self._text = PyFormat.TEXT
        # Names of this object's prepared statements: unique on a pooled connection.
        self._prefix = f"thidua_{secrets.token_hex(4)}_"
        self._prepared: dict[bytes, bytes] = {}
        self._failure: Exception | None = None
        self._syncs = 0  # sync points written, not yet answered
        self._open = False  # statements written since the last sync point
        self._reading: bytes | None = None  # a read written, its answer not yet taken
        self._socket = selectors.DefaultSelector()
        try:
            self._socket.register(self._pq.socket, selectors.EVENT_READ)
            self._pq.enter_pipeline_mode()
        except Exception:
            self._socket.close()
            self._connection.close()
            raise

    def execute(self, statement: UpdateBase, values: Mapping[str, Any]) -> None:
        """Write ``statement`` with ``values``; its answer is read later."""
        self._call(lambda: self._write(*_bound(statement, self._dialect, values)))

    def begin_read(self, sql: str) -> None:
        """Write ``sql`` now; `read` takes its answer."""
        self._call(lambda: self._begin_read(sql.encode()))

    def read(self, sql: str) -> Any:
        """The first column of the first row of ``sql`` (written now unless `begin_read`
        wrote it), once every statement written before it has been answered."""
        query = sql.encode()
        if self._reading != query:
            self.begin_read(sql)
        self._reading = None
        rows = self._call(self._answers)
        if rows is None or rows.ntuples == 0:
            return None
        self._adapt.set_pgresult(rows)
        return self._adapt.load_row(0, tuple)[0]

    def wait(self) -> None:
        """Read the answers to the statements written so far (ending their transaction); a
        read begun and not taken is dropped."""
        self._reading = None
        if self._open or self._syncs or self._failure is not None:
            self._call(self._answers)

    def close(self) -> None:
        """Leave pipeline mode (reading what is left) and give the connection back; after a
        failure, then or before, drop it instead."""
        try:
            if self._failure is None:
                self._call(self._leave)
        finally:
            if self._failure is not None:
                with suppress(Exception):  # its answers are not wanted any more
                    self._pq.exit_pipeline_mode()
                self._connection.invalidate()
            self._socket.close()
            self._connection.close()

    # --- the pipeline ----------------------------------------------------------------------

    def _call(self, work: Callable[[], Any]) -> Any:
        if self._failure is not None:
            raise self._failure
        try:
            return work()
        except Exception as exc:
            self._failure = exc
            raise

    def _write(self, sql: bytes, parameters: list[Any]) -> None:
        name = self._prepared.get(sql)
        if name is None:  # the parameters' types are the casts SQLAlchemy writes in the SQL
            name = self._prepared[sql] = f"{self._prefix}{len(self._prepared)}".encode()
            self._pq.send_prepare(name, sql)
        text = self._adapt.dump_sequence(parameters, [self._text] * len(parameters))
        self._pq.send_query_prepared(name, text, [0] * len(parameters))
        self._open = True

    def _begin_read(self, sql: bytes) -> None:
        self._write(sql, [])
        self._reading = sql
        self._sync()

    def _sync(self) -> None:
        self._pq.pipeline_sync()
        self._syncs += 1
        self._open = False
        while self._pq.flush():  # the rest does not fit the socket's buffer yet
            self._socket.modify(self._pq.socket, selectors.EVENT_READ | selectors.EVENT_WRITE)
            self._socket.select()
            self._pq.consume_input()  # the server may be waiting for us to read
        self._socket.modify(self._pq.socket, selectors.EVENT_READ)

    def _answers(self) -> Any:
        """Every answer up to the last sync point (one written now if statements are
        waiting for it): the last rows read; the first failure raised."""
        if self._open:
            self._sync()
        rows, failure = None, None
        while self._syncs:
            result = self._next_result()
            if result is None:  # the end of one statement's answers
                continue
            status = result.status
            if status == self._status.PIPELINE_SYNC:
                self._syncs -= 1
            elif status == self._status.TUPLES_OK:
                rows = result
            elif status == self._status.FATAL_ERROR and failure is None:
                failure = _error(result)
        if failure is not None:
            raise failure
        return rows

    def _next_result(self) -> Any:
        while self._pq.is_busy():
            self._socket.select()
            self._pq.consume_input()
        return self._pq.get_result()

    def _leave(self) -> None:
        """Read what is left, drop this object's prepared statements and leave pipeline
        mode: the connection goes back to the pool as it came."""
        for name in self._prepared.values():
            self._pq.send_close_prepared(name)
        self._open = self._open or bool(self._prepared)
        self._answers()
        self._pq.exit_pipeline_mode()


def _error(result: Any) -> Exception:
    """The psycopg error a failed answer stands for (its SQLSTATE's class)."""
    import psycopg  # noqa: PLC0415
    from psycopg import pq  # noqa: PLC0415

    message = (result.error_message or b"").decode(errors="replace").strip()
    state = (result.error_field(pq.DiagnosticField.SQLSTATE) or b"").decode()
    try:
        return psycopg.errors.lookup(state)(message)
    except KeyError:
        return psycopg.DatabaseError(message)


Processors = dict[str, Callable[[Any], Any]]
_PLACEHOLDER = re.compile(r"%\((\w+)\)s|%%")


def _bound(
    statement: UpdateBase, dialect: Dialect, values: Mapping[str, Any]
) -> tuple[bytes, list[Any]]:
    """``statement`` with ``values`` as libpq takes it: the SQL with numbered placeholders,
    and the values in their order, processed by their types."""
    compiled, processors, expanding = _compiled(statement, dialect)
    if expanding:  # a list of values: the SQL is rendered for its length
        state = compiled.construct_expanded_state(dict(values))
        sql, parameters, expanded = (
            state.statement,
            dict(state.parameters),
            state.parameter_expansion,
        )
    else:
        sql, parameters, expanded = compiled.string, compiled.construct_params(values), {}
    for name, process in processors.items():
        for each in expanded.get(name, (name,)):
            parameters[each] = process(parameters[each])
    numbered, names = _numbered(sql)
    return numbered, [parameters[name] for name in names]


@lru_cache(maxsize=64)
def _compiled(statement: UpdateBase, dialect: Dialect) -> tuple[SQLCompiler, Processors, bool]:
    """``statement`` compiled once, with the processors of its values' types, and whether
    it takes a list of values (an expanding IN)."""
    compiled = statement.compile(dialect=dialect)
    assert isinstance(compiled, SQLCompiler)
    processors = {}
    for bind, name in compiled.bind_names.items():
        process = bind.type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            processors[name] = process
    return compiled, processors, any(bind.expanding for bind in compiled.bind_names)


@lru_cache(maxsize=256)
def _numbered(sql: str) -> tuple[bytes, tuple[str, ...]]:
    """SQLAlchemy's ``%(name)s`` placeholders as libpq's ``$1``, ``$2`` … (a name used
    twice is one value), and the names in their order."""
    names: list[str] = []

    def number(found: re.Match[str]) -> str:
        name = found.group(1)
        if name is None:
            return "%"
        if name not in names:
            names.append(name)
        return f"${names.index(name) + 1}"

    return _PLACEHOLDER.sub(number, sql).encode(), tuple(names)
