"""``thidua db``: the database schema."""

from __future__ import annotations

import click

from calendars.db import make_engine
from thidua import database
from thidua.cli.common import err_console
from thidua.context import AppContext


def register(main: click.Group) -> None:
    main.add_command(db)


@click.group()
def db() -> None:
    """The database schema (a new database is migrated on first use)."""


@db.command()
@click.pass_obj
def upgrade(app: AppContext) -> None:
    """Migrate an existing database to this version's schema."""
    engine = make_engine(app.settings.effective_database_url)
    try:
        database.upgrade(engine)
        with engine.connect() as connection:
            heads = sorted(database.current_heads(connection))
    finally:
        engine.dispose()
    err_console.print(f"schema at {', '.join(heads)}")


@db.command()
@click.pass_obj
def current(app: AppContext) -> None:
    """Print the schema revisions the database is at, and whether it is current."""
    engine = make_engine(app.settings.effective_database_url)
    try:
        with engine.connect() as connection:
            heads = database.current_heads(connection)
            current = database.is_current(connection)
    finally:
        engine.dispose()
    state = "current" if current else "outdated: run 'thidua db upgrade'"
    click.echo(f"{', '.join(sorted(heads)) or '(empty)'}: {state}")
