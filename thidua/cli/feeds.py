"""``thidua feeds``, ``export`` and ``units token``: subscribe links and offline feeds.

URLs are printed as plain lines (a table would fold them); ``--format json|csv`` gives
records. A unit's URL holds a secret token derived from the unit's link generation and the
service's secret key (`calendars.feeds_tokens`): ``thidua units token U`` (or ``thidua
feeds --unit U``) prints it at any time, and ``--rotate`` renews it, after which the old URL
answers 404.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

import click
from sqlalchemy import select

from calendars import feeds_tokens
from calendars import models as m
from calendars.feeds import (
    Audience,
    FeedBuilder,
    FeedNotFound,
    FeedQuery,
    SubscribeLinks,
    feed_path,
    subscribe_links,
    unit_links,
)
from calendars.queries import campaigns, groups
from calendars.timeline import KINDS
from thidua.cli.common import BadInput, emit, err_console, now_option, pass_app
from thidua.cli.i18n import command
from thidua.context import AppContext
from translations import N_
from translations import gettext as _

LINK_COLUMNS = [
    ("feed", N_("Calendar")),
    ("https", "https"),
    ("webcal", "webcal"),
    ("google", "Google"),
]


def register(main: click.Group) -> None:
    main.add_command(feeds)
    main.add_command(export)
    units = main.commands["units"]
    assert isinstance(units, click.Group)
    units.add_command(token)


def _links(app: AppContext, path: str) -> SubscribeLinks:
    try:
        return subscribe_links(app.settings.base_url, path)
    except ValueError as exc:
        raise BadInput(str(exc)) from exc


def _print_links(records: list[dict[str, str]], fmt: str) -> None:
    if fmt != "text":
        emit(fmt, records, LINK_COLUMNS)
        return
    for record in records:
        click.echo(record["feed"])
        click.echo(f"  {record['https']}")
        click.echo(f"  {record['webcal']}")
        click.echo(f"  Google Calendar: {record['google']}")


def _record(label: str, links: SubscribeLinks) -> dict[str, str]:
    return {"feed": label, "https": links.https, "webcal": links.webcal, "google": links.google}


def _warn_if_local(app: AppContext) -> None:
    if not app.settings.base_url.startswith("https://"):
        err_console.print(
            _(
                "note: the base URL is %(url)s; calendar apps elsewhere (and Google Calendar) "
                "need the service's public https:// address in THIDUA_BASE_URL",
                url=app.settings.base_url,
            ),
            style="yellow",
        )


format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "csv"]),
    default="text",
    show_default=True,
    help=N_("Output format."),
)


@command(
    help=N_(
        "Subscribe links of the feeds: https://, webcal:// and Google Calendar's.\n\n"
        "Without --unit: the feed of everything, of each campaign and of each group."
    )
)
@click.option(
    "--unit", metavar="CODE", help=N_("The unit's private feed (as 'thidua units token').")
)
@format_option
@now_option
@pass_app
def feeds(app: AppContext, unit: str | None, fmt: str) -> None:
    if unit is not None:
        _print_unit_links(app, unit, rotate=False, fmt=fmt)
        return
    with app.database.session() as session:
        records = [_record(_("All campaigns"), _links(app, feed_path(Audience("all"))))]
        records += [
            _record(c.title, _links(app, feed_path(Audience("campaign", c.code))))
            for c in campaigns(session)
        ]
        records += [
            _record(g.name, _links(app, feed_path(Audience("group", g.code))))
            for g in groups(session)
        ]
    _print_links(records, fmt)
    _warn_if_local(app)


@command(
    help=N_(
        "Print UNIT's private feed links, or renew them (--rotate).\n\n"
        "The links are derived from the service's secret key, not stored: they can be"
        " printed again at any time, and each reminder to the unit carries them."
    )
)
@click.argument("unit", metavar="UNIT", help=N_("The unit's code."))
@click.option("--rotate", is_flag=True, help=N_("Renew the link: the old URL stops working."))
@format_option
@now_option
@pass_app
def token(app: AppContext, unit: str, rotate: bool, fmt: str) -> None:
    _print_unit_links(app, unit, rotate=rotate, fmt=fmt)


def _print_unit_links(app: AppContext, unit: str, *, rotate: bool, fmt: str) -> None:
    with app.database.session() as session, session.begin():
        row = session.scalar(select(m.Unit).where(m.Unit.code == unit))
        if row is None or not row.active:
            raise BadInput(_("no active unit %(code)s (see 'thidua units')", code=repr(unit)))
        if rotate:
            feeds_tokens.rotate(session, unit, app.now())
        try:
            links = unit_links(session, app.settings, unit)
        except ValueError as exc:
            raise BadInput(str(exc)) from exc  # rolls a rotation back
        name = row.name
    _print_links([_record(name, links)], fmt)
    err_console.print(
        _(
            "Keep this URL private: it opens the unit's feed without a password; "
            "'thidua units token %(code)s --rotate' renews it.",
            code=unit,
        )
        + (" " + _("The old URL now answers 404.") if rotate else ""),
        style="yellow",
    )
    _warn_if_local(app)


@command(help=N_("Write a feed to a file: the same bytes as its URL serves today (or --now)."))
@click.option("--campaign", metavar="CODE", help=N_("The feed of one campaign."))
@click.option("--group", metavar="CODE", help=N_("The feed of one group's units."))
@click.option("--unit", metavar="CODE", help=N_("The feed of one unit."))
@click.option("--all", "everything", is_flag=True, help=N_("The feed of every campaign."))
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(KINDS),
    help=N_("Only these kinds (repeatable), as ?kind= does."),
)
@click.option("--alarms", is_flag=True, help=N_("With alarms, as ?alarms=1 does."))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path, allow_dash=True),
    help=N_("The .ics file to write ('-' for standard output)."),
)
@now_option
@pass_app
def export(
    app: AppContext,
    campaign: str | None,
    group: str | None,
    unit: str | None,
    everything: bool,
    kinds: tuple[str, ...],
    alarms: bool,
    output: Path,
) -> None:
    chosen = [
        audience
        for audience, wanted in (
            (Audience("campaign", campaign or ""), campaign is not None),
            (Audience("group", group or ""), group is not None),
            (Audience("unit", unit or ""), unit is not None),
            (Audience("all"), everything),
        )
        if wanted
    ]
    if len(chosen) != 1:
        raise BadInput(_("choose one feed: --campaign CODE, --group CODE, --unit CODE or --all"))
    query = FeedQuery(chosen[0], kinds=tuple(sorted(set(kinds))), alarms=alarms)
    today = app.now().astimezone(app.settings.tz).date()
    # One feed, then the process ends: no fragment is worth keeping in memory, and the
    # bytes go out as they are rendered (memory holds a batch, not the feed).
    builder = FeedBuilder(app.settings, max_fragment_bytes=0)
    with app.database.reader() as session:  # no write lock on SQLite while it writes
        try:
            plan = builder.plan(session, query, today)
        except FeedNotFound as exc:
            raise BadInput(str(exc)) from exc
        pieces = builder.pieces(session, plan)
        if str(output) == "-":
            sys.stdout.buffer.writelines(pieces)
            sys.stdout.buffer.flush()
        else:
            write_atomically(output, pieces)
    events = len(plan.items)
    err_console.print(_("%(n)d event(s) written to %(path)s", n=events, path=str(output)))


def write_atomically(path: Path, pieces: Iterable[bytes]) -> None:
    """Readers see the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.writelines(pieces)
        os.chmod(temp, 0o644)  # a feed to share, not mkstemp's private 0600
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
