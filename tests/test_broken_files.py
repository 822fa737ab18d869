"""A corpus of broken files: each is refused with exit code 2 and a message naming the file,
the line, the field and what is wrong; the database loaded before stays exactly as it was.

Each file in ``tests/data/broken/`` says what it expects on its first line:
``# expect: line=13 field=deadlines[0].due.date message=31/02/2024 is not a date…``.

The corpus holds the bombs too (a YAML alias bomb, 5,000 levels of nesting, FREQ=SECONDLY,
a daily rule over three centuries, 31/12/9999): each is also loaded by a child process whose
own resource usage (``os.wait4``) must stay within a bound on what the file adds to a
trivial refusal, so that a bomb cannot hide behind a clean message.
"""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from calendars.db import make_engine
from tests.conftest import EXAMPLES, Cli, make_settings
from thidua.cli import main
from thidua.database import all_metadata
from translations import gettext

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
    with examples_loaded(var, url):
        yield url


@contextmanager
def examples_loaded(var: Path, url: str) -> Iterator[None]:
    """The examples loaded into ``url``, with settings pointing there for the block."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        make_settings(monkeypatch, var, url)
        result = CliRunner().invoke(main, ["load", *map(str, sorted(EXAMPLES.iterdir()))])
        assert result.exit_code == 0, result.output
        yield


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
    assert len(CASES) >= 60


def assert_refused(path: Path, stderr: str, exit_code: int) -> None:
    """Exit 2, the file and the place named with the expected message, no traceback."""
    line, field, message = expectation(path)
    assert exit_code == 2, stderr
    assert "Traceback" not in stderr
    where = f"{path}:{line}:" if line else f"{path}:"
    reported = [row for row in stderr.splitlines() if row.startswith(str(path))]
    assert reported, stderr
    assert any(
        row.startswith(where) and (not field or f" {field}: " in row) and message in row
        for row in reported
    ), f"expected {where} {field}: …{message}… in:\n{stderr}"
    assert "không lưu gì" in stderr  # "nothing was stored", in the default language


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_broken_file_is_refused_and_nothing_changes(
    path: Path, loaded_store: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cli: Cli
) -> None:
    make_settings(monkeypatch, tmp_path, loaded_store)
    before = snapshot(loaded_store)

    result = cli("load", path)

    assert_refused(path, result.stderr, result.exit_code)
    assert snapshot(loaded_store) == before


# What a file may add to the cost of a trivial refusal, in the child's own CPU seconds and
# peak memory: generous, since these bound bombs (minutes, gigabytes), not normal work.
EXTRA_CPU_SECONDS = 2.0
EXTRA_MEMORY_MB = 200


def run_child(*args: str | Path, workdir: Path) -> tuple[int, str, float, float]:
    """``thidua ARGS`` in a child process: exit code, stderr, CPU seconds and peak MB of
    that child alone (``os.wait4`` gives the resource usage of the one process waited for)."""
    thidua = Path(sys.executable).with_name("thidua")
    err = workdir / f"stderr-{secrets.token_hex(4)}"
    with err.open("wb") as stderr:
        child = subprocess.Popen(
            [str(thidua), *map(str, args)], stdout=subprocess.DEVNULL, stderr=stderr
        )
        _pid, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    peak_mb = usage.ru_maxrss / 1024  # kilobytes on Linux
    return child.returncode, err.read_text("utf-8"), cpu, peak_mb


def refusal_baseline(workdir: Path) -> tuple[float, float]:
    """CPU seconds and peak MB of refusing an empty file, measured next to each case so
    that both see the same load on the machine: the cost of starting at all."""
    empty = workdir / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    return run_child("load", empty, workdir=workdir)[2:]


@pytest.mark.slow
@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_broken_file_is_refused_cheaply_by_a_child_process(
    path: Path,
    sqlite_store: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    make_settings(monkeypatch, tmp_path, sqlite_store)
    before = snapshot(sqlite_store)
    base_cpu, base_mb = refusal_baseline(tmp_path)

    code, stderr, cpu, peak_mb = run_child("load", path, workdir=tmp_path)

    assert_refused(path, stderr, code)
    assert cpu < base_cpu + EXTRA_CPU_SECONDS, (cpu, base_cpu)
    assert peak_mb < base_mb + EXTRA_MEMORY_MB, (peak_mb, base_mb)
    assert snapshot(sqlite_store) == before


@pytest.fixture(scope="module")
def sqlite_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A SQLite database with the examples loaded, for the child processes."""
    var = tmp_path_factory.mktemp("children")
    url = f"sqlite:///{var / 'thidua.db'}"
    with examples_loaded(var, url):
        yield url


def test_check_reports_without_storing(tmp_path: Path, sqlite_settings: Any, cli: Cli) -> None:
    path = BROKEN / "impossible-date-31-02.yaml"
    result = cli("check", "--no-store", EXAMPLES / "units.yaml", path)
    assert result.exit_code == 2
    wrong = gettext(  # Vietnamese, the default: the catalog's words, not a copy
        "%(text)s is not a date: %(month)s %(year)d has %(last)d days",
        "vi",
        text="31/02/2024",
        month=gettext("February", "vi"),
        year=2024,
        last=29,
    )
    assert f"{path}:13: deadlines[0].due.date: {wrong}" in result.stderr
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


def test_warnings_do_not_stop_a_load(
    tmp_path: Path, sqlite_settings: Any, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    campaign = tmp_path / "warn.yaml"
    campaign.write_text(
        (EXAMPLES / "004-ha-giang-2023.yaml")
        .read_text("utf-8")
        .replace("years: 75", "years: 76")
        .replace("due: {rule: before, date: 30/11/2023}", "due: {rule: before, date: 15/01/2024}"),
        encoding="utf-8",
    )
    monkeypatch.setenv("THIDUA_LANGUAGE", "en")  # the words as the code writes them
    result = cli("load", EXAMPLES / "units.yaml", campaign)
    assert result.exit_code == 0, result.output
    assert (
        "warning: commemorations[0].years: the file says 76 năm, "
        "but from 11/06/1948 it is 75 năm in 2023" in result.stderr
    )
    assert "warning: deadlines[2].due: the last day 14/01/2024 is outside the campaign period" in (
        result.stderr
    )
