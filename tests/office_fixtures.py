"""Fixtures of the office pages' tests; a test module asks for them with
``pytest_plugins = ["tests.office_fixtures"]``."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from config.settings import Settings
from tests.office import NOW, seed, sign_in
from thidua.context import AppContext
from thidua.web import create_app


@pytest.fixture(scope="session")
def seeded_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file holding the examples and one user, made once (loading the examples
    and hashing a password take a second): each test gets a copy."""
    var = tmp_path_factory.mktemp("seeded") / "var"
    settings = Settings(var_dir=var, database_url=f"sqlite:///{var / 'thidua.db'}")
    context = AppContext(settings=settings, now_override=NOW)
    seed(context)
    context.close()
    return var / "thidua.db"


@pytest.fixture
def office(sqlite_settings: Settings, seeded_store: Path) -> Iterator[AppContext]:
    """A SQLite store with the examples and one user; the clock on 1 February 2024."""
    target = Path(sqlite_settings.effective_database_url.removeprefix("sqlite:///"))
    target.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(seeded_store)) as source, closing(sqlite3.connect(target)) as copy:
        source.backup(copy)
    context = AppContext(settings=sqlite_settings, now_override=NOW)
    yield context
    context.close()


@pytest.fixture
def client(office: AppContext) -> Iterator[TestClient]:
    with TestClient(create_app(office), follow_redirects=False) as test_client:
        yield test_client


@pytest.fixture
def signed_in(client: TestClient) -> TestClient:
    sign_in(client)
    return client
