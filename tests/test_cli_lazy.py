"""The command line loads a command's module only when that command runs."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
from typing import Any

import click
from click.testing import CliRunner
from sqlalchemy import types

import thidua.cli as package
from scheduler.status import TABLES
from thidua.cli import COMMANDS, SUBCOMMANDS, main
from thidua.cli.lazy import load, source_help
from thidua.database import all_metadata, open_database
from translations import gettext as _
from translations import translations

# What no light command needs: migrations, templates, feeds, hashing, the scheduler's
# clock, the importer, PDF reading, the web app, the holiday tables.
HEAVY = {
    "alembic",
    "jinja2",
    "icalendar",
    "argon2",
    "apscheduler",
    "importer",
    "pypdf",
    "starlette",
    "holidays",
}


def _modules_after(*args: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``thidua ARGS`` (with the test's
    THIDUA_* settings, which the child inherits)."""
    code = (
        "import sys\n"
        "from thidua.cli import main\n"
        "try:\n"
        f"    main({list(args)!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return set(run.stderr.split())


def test_root_help_imports_no_room_of_the_service() -> None:
    loaded = _modules_after("--help")
    heavy = {"sqlalchemy", "starlette", "calendars", "scheduler", "pydantic", "rich", "babel"}
    # Nor the settings' reader: the help's language is read without it (`thidua.cli.i18n`).
    heavy |= {"pydantic_settings", "dotenv"}
    assert "config.settings" not in loaded
    assert not (heavy | HEAVY) & {name.split(".")[0] for name in loaded}
    assert "thidua.cli.calendar" not in loaded
    # The language is read from a settings file only when there is one (the tests' is absent).
    assert "tomllib" not in loaded


def test_status_on_a_current_store_imports_neither_alembic_nor_the_planner(
    sqlite_url: str, sqlite_settings: Any
) -> None:
    open_database(sqlite_url).dispose()  # a new store is migrated here, not in the child
    translations.cache_clear()
    translations("vi")  # the catalog is compiled here and kept: the child reads it without Babel
    # 1 November: the year-ahead guard has something to say, so its path is walked too.
    loaded = _modules_after("status", "--now", "2026-11-01T09:00")
    assert "scheduler.status" in loaded  # the command did run
    assert not (HEAVY | {"babel"}) & {name.split(".")[0] for name in loaded}
    writers = {"scheduler.planner", "scheduler.dispatch", "calendars.store", "calendars.feeds"}
    assert not writers & loaded
    # The overview reads with Core: no ORM, no model, no PostgreSQL dialect on SQLite.
    orm = {"sqlalchemy.orm", "calendars.db", "sqlalchemy.dialects.postgresql"}
    models = {"calendars.models", "submissions.models", "scheduler.models", "thidua.models"}
    assert not (orm | models) & loaded
    # The guard's message is plain text: no emoji codes read in it, nor their table loaded.
    assert "rich._emoji_codes" not in loaded


def test_status_before_october_reads_no_working_day_calendar(
    sqlite_url: str, sqlite_settings: Any
) -> None:
    open_database(sqlite_url).dispose()
    loaded = _modules_after("status", "--now", "2026-06-01T09:00")
    assert "scheduler.status" in loaded  # the command did run
    # The year-ahead guard is off until 1 October: no YAML, no catalog models, no calendar,
    # no lunar calendar to date next year's Tết.
    guard = {"yaml", "config.catalog", "config.yamlfile", "calendars.workdays", "calendars.lunar"}
    assert not guard & loaded
    # Without a settings file (the tests' is absent) no TOML reader is loaded.
    assert "tomllib" not in loaded
    # The table's headers are plain text: no markup read in them, no emoji codes loaded.
    assert "rich._emoji_codes" not in loaded


def test_status_reads_each_column_as_its_model_types_it() -> None:
    """`scheduler.status` names the columns it reads without the models: each is a column of
    its model's table, with the model's type wherever a value is converted when read."""
    plain = (types.Integer, types.String)  # read as the driver gives them on both engines
    tables = all_metadata().tables
    for light in TABLES:
        for column in light.columns:
            modelled = tables[light.name].columns[column.key].type
            if isinstance(column.type, types.NullType):
                assert isinstance(modelled, plain), f"{light.name}.{column.key}: {modelled!r}"
            else:
                assert type(column.type) is type(modelled), f"{light.name}.{column.key}"


def test_a_command_loads_only_its_own_module() -> None:
    loaded = _modules_after("campaigns", "--help")
    assert "thidua.cli.calendar" in loaded
    assert not {"thidua.cli.service", "thidua.cli.importer", "thidua.cli.mail"} & loaded


def test_every_command_is_where_the_table_says_with_the_help_listed() -> None:
    for name, spec in COMMANDS.items():
        command = load(spec)
        assert command.name == name
        listed = click.Command(name, help=_(source_help(spec))).get_short_help_str(60)
        assert listed == command.get_short_help_str(60), name


def test_root_help_lists_every_command_with_its_short_help() -> None:
    text = CliRunner().invoke(main, ["--help"]).output
    for name in COMMANDS:
        assert f"\n  {name} " in text


def test_a_subcommand_from_another_module_joins_its_group() -> None:
    result = CliRunner().invoke(main, ["units", "--help"])
    assert result.exit_code == 0
    for spec in SUBCOMMANDS["units"]:
        assert load(spec).name in result.output


def test_users_module_computes_no_hash_at_import() -> None:
    code = (
        "import argon2\n"
        "calls = []\n"
        "real = argon2.PasswordHasher.hash\n"
        "def counted(self, *args, **kwargs):\n"
        "    calls.append(1)\n"
        "    return real(self, *args, **kwargs)\n"
        "argon2.PasswordHasher.hash = counted\n"
        "import thidua.users\n"
        "print(len(calls))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert run.stdout.strip() == "0"


def test_every_command_defined_in_the_cli_package_is_reachable() -> None:
    """A command added to a module must also be added to `COMMANDS` (or `SUBCOMMANDS`)."""
    listed = set(COMMANDS.values()) | {s for specs in SUBCOMMANDS.values() for s in specs}
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"thidua.cli.{info.name}")
        for attribute, value in vars(module).items():
            defined_here = (
                getattr(value, "callback", None) is not None
                and getattr(value.callback, "__module__", "") == module.__name__
            )
            if isinstance(value, click.Command) and defined_here and value is not main:
                parent_is_group = any(
                    isinstance(load(spec), click.Group) and value in load(spec).commands.values()
                    for spec in COMMANDS.values()
                    if spec.startswith(f"{module.__name__}:")
                )
                assert parent_is_group or f"{module.__name__}:{attribute}" in listed, attribute
