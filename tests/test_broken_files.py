"""A corpus of broken files: each is refused with exit code 2 and a message naming the file,
the line, the field and what is wrong; the database loaded before stays exactly as it was.

Each file in ``tests/data/broken/`` says what it expects on its first line:
``# expect: line=13 field=deadlines[0].due.date message=31/02/2024 is not a date…``.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from calendars.db import make_engine
from tests.conftest import EXAMPLES, Cli, make_settings
from thidua.cli import main
from thidua.database import all_metadata

BROKEN = Path(__file__).parent / "data" / "broken"
CASES = sorted(BROKEN.glob("*.yaml"))
EXPECT = re.compile(r"^# expect: line=(\d*) field=(\S*) message=(.*)$")


def expectation(path: Path) -> tuple[int | None, str, str]:
    first = path.read_bytes().split(b"\n", 1)[0].decode("utf-8")
    match = EXPECT.match(first)
    assert match, f"{path.name} has no expectation line"
    line, field, message = match.groups()
    return (int(line) if line else None), field, message


def snapshot(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a stable order."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return {
                table.name: sorted(
                    (tuple(map(repr, row)) for row in connection.execute(sa.select(table))),
                )
                for table in all_metadata().sorted_tables
            }
    finally:
        engine.dispose()


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def loaded_store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A database with the examples loaded, shared by the corpus (nothing may change it)."""
    var = tmp_path_factory.mktemp("var")
    if request.param == "sqlite":
        url = f"sqlite:///{var / 'thidua.db'}"
    else:
        url = _module_pg_database(request)
    with pytest.MonkeyPatch.context() as monkeypatch:
        make_settings(monkeypatch, var, url)
        result = CliRunner().invoke(main, ["load", *map(str, sorted(EXAMPLES.iterdir()))])
        assert result.exit_code == 0, result.output
        yield url


def _module_pg_database(request: pytest.FixtureRequest) -> str:
    admin: sa.Engine = request.getfixturevalue("pg_admin")
    name = f"thidua_test_corpus_{secrets.token_hex(6)}"
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    request.addfinalizer(lambda: _drop(admin, name))
    return admin.url.set(database=name).render_as_string(hide_password=False)


def _drop(admin: sa.Engine, name: str) -> None:
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 25


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_broken_file_is_refused_and_nothing_changes(
    path: Path, loaded_store: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cli: Cli
) -> None:
    make_settings(monkeypatch, tmp_path, loaded_store)
    before = snapshot(loaded_store)
    line, field, message = expectation(path)

    result = cli("load", path)

    assert result.exit_code == 2, result.output
    where = f"{path}:{line}:" if line else f"{path}:"
    reported = [row for row in result.stderr.splitlines() if row.startswith(str(path))]
    assert reported, result.stderr
    assert any(
        row.startswith(where) and (not field or f" {field}: " in row) and message in row
        for row in reported
    ), f"expected {where} {field}: …{message}… in:\n{result.stderr}"
    assert "nothing was stored" in result.stderr
    assert snapshot(loaded_store) == before


def test_check_reports_without_storing(tmp_path: Path, sqlite_settings: Any, cli: Cli) -> None:
    path = BROKEN / "impossible-date-31-02.yaml"
    result = cli("check", "--no-store", EXAMPLES / "units.yaml", path)
    assert result.exit_code == 2
    assert f"{path}:13: deadlines[0].due.date: 31/02/2024 is not a date" in result.stderr
    assert not (tmp_path / "var" / "thidua.db").exists()


def test_an_error_in_the_second_file_stores_nothing_of_the_first(
    tmp_path: Path, sqlite_settings: Any, cli: Cli
) -> None:
    good = EXAMPLES / "004-ha-giang-2023.yaml"
    bad = BROKEN / "unknown-rule.yaml"
    result = cli("load", EXAMPLES / "units.yaml", good, bad)
    assert result.exit_code == 2
    result = cli("campaigns", "--format", "json")
    assert result.stdout.strip() == "[]"


def test_warnings_do_not_stop_a_load(tmp_path: Path, sqlite_settings: Any, cli: Cli) -> None:
    campaign = tmp_path / "warn.yaml"
    campaign.write_text(
        (EXAMPLES / "004-ha-giang-2023.yaml")
        .read_text("utf-8")
        .replace("years: 75", "years: 76")
        .replace("due: {rule: before, date: 30/11/2023}", "due: {rule: before, date: 15/01/2024}"),
        encoding="utf-8",
    )
    result = cli("load", EXAMPLES / "units.yaml", campaign)
    assert result.exit_code == 0, result.output
    assert (
        "warning: commemorations[0].years: the file says 76 năm, "
        "but from 11/06/1948 it is 75 năm in 2023" in result.stderr
    )
    assert "warning: deadlines[2].due: the last day 14/01/2024 is outside the campaign period" in (
        result.stderr
    )
