"""``thidua db``: the database schema."""

from __future__ import annotations

import click

from calendars.db import make_engine
from thidua import database
from thidua.cli.common import err_console
from thidua.cli.i18n import group
from thidua.context import AppContext
from translations import N_
from translations import gettext as _


def register(main: click.Group) -> None:
    main.add_command(db)


@group(help=N_("The database schema (a new database is migrated on first use)."))
def db() -> None:
    pass


@db.command(help=N_("Migrate an existing database to this version's schema."))
@click.pass_obj
def upgrade(app: AppContext) -> None:
    engine = make_engine(app.settings.effective_database_url)
    try:
        database.upgrade(engine)
        with engine.connect() as connection:
            heads = sorted(database.current_heads(connection))
    finally:
        engine.dispose()
    err_console.print(_("schema at %(heads)s", heads=", ".join(heads)))


@db.command(help=N_("Print the schema revisions the database is at, and whether it is current."))
@click.pass_obj
def current(app: AppContext) -> None:
    engine = make_engine(app.settings.effective_database_url)
    try:
        with engine.connect() as connection:
            heads = database.current_heads(connection)
            current = database.is_current(connection)
    finally:
        engine.dispose()
    named = ", ".join(sorted(heads)) or _("(empty)")
    if current:
        click.echo(_("%(heads)s: current", heads=named))
    else:
        click.echo(_("%(heads)s: outdated: run 'thidua db upgrade'", heads=named))
