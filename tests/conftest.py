"""Shared fixtures: a database per test (SQLite, and the real PostgreSQL server), settings
that point at a temporary ``var`` folder, the CLI, and the seed documents.

PostgreSQL is the server on 127.0.0.1:5432 (user postgres, trust auth), or the one in
``THIDUA_TEST_POSTGRES_URL``. Each test gets a database of its own, dropped afterwards.
When the server cannot be reached the PostgreSQL cases are skipped — except under CI
(``CI=true``), where they fail: a CI run must not pass without them.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import hypothesis
import pytest
import sqlalchemy as sa
from click.testing import CliRunner, Result

from config.settings import Settings, get_settings
from tests.imap import dovecot  # noqa: F401 - the real IMAP server fixture
from tests.smtp import smtp_server  # noqa: F401 - the real SMTP server fixture
from thidua.cli import main
from thidua.context import AppContext

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
VENDORED_SEEDS = Path(__file__).resolve().parent / "data" / "seeds"
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"
# The suite reads no administrator's settings: every THIDUA_* variable of the environment
# (but the tests' own THIDUA_TEST_*) is dropped before any test runs, and no thidua.toml of
# the current folder is read. Tests set what they need through `make_settings`.
for _name in [n for n in os.environ if n.startswith("THIDUA_")]:
    if not _name.startswith("THIDUA_TEST_"):
        del os.environ[_name]
os.environ["THIDUA_CONFIG"] = str(Path(__file__).resolve().parent / "no-such-config.toml")

# Property tests may be slow on a loaded machine: no per-example deadline anywhere.
hypothesis.settings.register_profile("thidua", deadline=None)
hypothesis.settings.load_profile("thidua")

PG_ADMIN_URL = os.environ.get(
    "THIDUA_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


def seeds_dir() -> Path:
    """The seed documents' folder: the shared one when this checkout sits beside it, else the
    copy kept in the tests (a clean clone elsewhere)."""
    return SHARED_SEEDS if (SHARED_SEEDS / "gold").is_dir() else VENDORED_SEEDS


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def pg_admin() -> Iterator[sa.Engine]:
    engine = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect():
            pass
    except sa.exc.OperationalError as exc:
        engine.dispose()
        message = f"PostgreSQL unreachable at {PG_ADMIN_URL}: {exc.orig}"
        if _in_ci():
            pytest.fail(message + " (CI=true: PostgreSQL tests must run)")
        pytest.skip(message)
    yield engine
    engine.dispose()


@pytest.fixture
def pg_url(pg_admin: sa.Engine) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test."""
    name = f"thidua_test_{secrets.token_hex(6)}"
    with pg_admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.engine.make_url(PG_ADMIN_URL).set(database=name)
    yield url.render_as_string(hide_password=False)
    with pg_admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each store test runs on the embedded SQLite and on the PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'var' / 'thidua.db'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'var' / 'thidua.db'}"


def make_settings(monkeypatch: pytest.MonkeyPatch, var_dir: Path, url: str, **env: Any) -> Settings:
    """Settings for a test, also exported as THIDUA_* for the CLI and child processes."""
    values = {
        "THIDUA_VAR_DIR": str(var_dir),
        "THIDUA_DATABASE_URL": url,
        "THIDUA_CONFIG": str(var_dir / "absent.toml"),
        "THIDUA_SECRET_KEY": "test-secret-key",
        **{f"THIDUA_{k.upper()}": str(v) for k, v in env.items()},
    }
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    return Settings()


@pytest.fixture
def settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, database_url: str) -> Settings:
    return make_settings(monkeypatch, tmp_path / "var", database_url)


@pytest.fixture
def sqlite_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, sqlite_url: str) -> Settings:
    return make_settings(monkeypatch, tmp_path / "var", sqlite_url)


@pytest.fixture
def app(settings: Settings) -> Iterator[AppContext]:
    context = AppContext(settings=settings)
    yield context
    context.close()


Cli = Callable[..., Result]


@pytest.fixture
def cli() -> Cli:
    """Run ``thidua ARGS`` in-process with the test's THIDUA_* settings."""

    def run(*args: str, input: str | None = None) -> Result:
        return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)

    return run


class WriteCounter:
    """Counts the INSERT, UPDATE and DELETE statements an engine executes."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        self.statements: list[str] = []
        sa.event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        verb = statement.lstrip().split(None, 1)[0].upper()
        if verb in {"INSERT", "UPDATE", "DELETE"}:
            self.statements.append(statement)

    def close(self) -> None:
        sa.event.remove(self.engine, "before_cursor_execute", self._seen)


@pytest.fixture
def write_counter() -> Iterator[Callable[[sa.Engine], WriteCounter]]:
    counters: list[WriteCounter] = []

    def attach(engine: sa.Engine) -> WriteCounter:
        counters.append(WriteCounter(engine))
        return counters[-1]

    yield attach
    for counter in counters:
        counter.close()
