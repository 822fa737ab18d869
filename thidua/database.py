"""Open the database and keep its schema current, for every room at once.

Each room keeps its Alembic revisions under ``<room>/migrations/versions``, on a branch of
its own; this module runs them all. A new (empty) database is migrated when it is opened;
an existing one that is behind is left alone until ``thidua db upgrade``, so that a
deployment decides when its data is migrated. Migrations hold a lock (PostgreSQL: an
advisory lock; SQLite: a lock file), so processes starting together do not race.

Opening a database at the newest schema imports no Alembic: its version table is read with
plain SQL and compared with `CURRENT_VERSIONS`; only a database that differs (new, behind,
or a stale constant) is checked through Alembic's scripts. Nor does it import the ORM: the
sessions are made when first asked for, so a command that reads with Core through
`Database.reader_connection` (``thidua status``) loads neither `sqlalchemy.orm` nor a model.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from importlib import import_module, resources
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.engine import make_url

from calendars.engine import READ_ONLY, make_engine
from config.settings import Settings, get_settings
from translations import gettext as _

if TYPE_CHECKING:  # Alembic loads only to migrate or to check a database not current; the
    # ORM only for sessions (a command that reads with Core needs none)
    from alembic.config import Config
    from sqlalchemy import MetaData
    from sqlalchemy.orm import Session, sessionmaker

ROOMS = ("calendars", "submissions", "scheduler", "notifiers", "thidua")
_ADVISORY_LOCK = 0x7468_6964  # "thid"
# The version table of a database at the newest schema (what ``upgrade heads`` leaves in
# it). A new revision changes it: tests/test_cli_calendar.py says so until it is updated;
# until then every command checks the schema through Alembic, slower but right.
CURRENT_VERSIONS = frozenset({"t0003", "s0004", "inbound0001", "fragments_c0004"})


class SchemaOutdated(RuntimeError):
    """The database holds an older schema than this code; ``thidua db upgrade`` migrates it."""


@dataclass
class Database:
    engine: Engine

    @cached_property
    def sessions(self) -> sessionmaker[Session]:
        from calendars.db import make_sessionmaker  # noqa: PLC0415 (the ORM: see TYPE_CHECKING)

        return make_sessionmaker(self.engine)

    @cached_property
    def readers(self) -> sessionmaker[Session]:
        """Sessions that only read: no write lock on SQLite."""
        from calendars.db import make_reader  # noqa: PLC0415 (the ORM: see TYPE_CHECKING)

        return make_reader(self.engine)

    def session(self) -> Session:
        return self.sessions()

    def reader(self) -> Session:
        return self.readers()

    def reader_connection(self) -> Connection:
        """A Core connection that only reads (no write lock on SQLite), without the ORM."""
        return self.engine.execution_options(**READ_ONLY).connect()

    def dispose(self) -> None:
        self.engine.dispose()


def all_metadata() -> MetaData:
    """Every room's tables (importing a room's models registers them on the shared base)."""
    from calendars.db import Base  # noqa: PLC0415 (the ORM: see TYPE_CHECKING)

    for room in ROOMS:
        with contextlib.suppress(ModuleNotFoundError):
            import_module(f"{room}.models")
    return Base.metadata


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config  # noqa: PLC0415 (see TYPE_CHECKING above)

    config = Config()
    config.set_main_option("script_location", str(resources.files("thidua") / "migrations"))
    locations = []
    for room in ROOMS:
        path = Path(str(resources.files(room))) / "migrations" / "versions"
        if path.is_dir():
            locations.append(str(path))
    config.set_main_option("path_separator", "os")
    config.set_main_option("version_locations", os.pathsep.join(locations))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def schema_heads() -> set[str]:
    from alembic.script import ScriptDirectory  # noqa: PLC0415 (see TYPE_CHECKING above)

    return set(ScriptDirectory.from_config(alembic_config()).get_heads())


def current_heads(connection: Connection) -> set[str]:
    """The version table's rows, read with plain SQL (empty: a new database)."""
    if not inspect(connection).has_table("alembic_version"):
        return set()
    rows = connection.execute(text("SELECT version_num FROM alembic_version"))
    return {version for (version,) in rows}


def is_current(connection: Connection) -> bool:
    """Whether every revision has been applied. Not a comparison of heads: a branch that
    ``depends_on`` another's head leaves only its own head in the version table."""
    current = current_heads(connection)
    if not current:
        return False
    return current == CURRENT_VERSIONS or _applies_every_revision(current)


def _applies_every_revision(current: set[str]) -> bool:
    """Alembic's answer: the revisions below the stored ones are all the revisions."""
    from alembic.script import ScriptDirectory  # noqa: PLC0415 (see TYPE_CHECKING above)

    script = ScriptDirectory.from_config(alembic_config())
    applied = {rev.revision for rev in script.iterate_revisions(tuple(current), "base")}
    return applied == {rev.revision for rev in script.walk_revisions()}


def open_database(url: str | None = None, *, settings: Settings | None = None) -> Database:
    """Connect; migrate a new database; refuse an outdated one with `SchemaOutdated`."""
    settings = settings or get_settings()
    engine = make_engine(url or settings.effective_database_url)
    try:
        ensure_schema(engine)
    except BaseException:
        engine.dispose()
        raise
    return Database(engine)


def ensure_schema(engine: Engine) -> None:
    with engine.connect() as connection:
        if is_current(connection):
            return
    with _migration_lock(engine):
        with engine.connect() as connection:
            if is_current(connection):
                return
            if current_heads(connection) or _has_tables(connection):
                raise SchemaOutdated(
                    _(
                        "the database schema is older than this version of thidua: "
                        "run 'thidua db upgrade'"
                    )
                )
        _upgrade_unlocked(engine)


def upgrade(engine: Engine) -> None:
    """Migrate to the newest schema (``thidua db upgrade``)."""
    with _migration_lock(engine):
        _upgrade_unlocked(engine)


def _upgrade_unlocked(engine: Engine) -> None:
    from alembic import command  # noqa: PLC0415 (see TYPE_CHECKING above)

    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "heads")


def _has_tables(connection: Connection) -> bool:
    return bool(inspect(connection).get_table_names())


@contextlib.contextmanager
def _migration_lock(engine: Engine) -> Iterator[None]:
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _ADVISORY_LOCK})
            connection.commit()
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _ADVISORY_LOCK})
                connection.commit()
        return
    database = make_url(str(engine.url)).database
    if not database or database == ":memory:":
        yield
        return
    lock_path = Path(database + ".migrate-lock")
    with lock_path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
