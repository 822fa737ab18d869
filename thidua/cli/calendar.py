"""``thidua check``, ``load``, ``events``, ``campaigns``, ``units`` and ``groups``."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import click
from rich.progress import Progress, SpinnerColumn, TextColumn
from sqlalchemy import select
from sqlalchemy.orm import Session

from calendars import models as m
from calendars import queries
from calendars.store import LoadReport
from calendars.timeline import KINDS, document_line, kind_label
from config.dates import vn_date
from config.files import Bundle
from thidua.bundles import check_files, preview_bundle, store_bundle
from thidua.cli.common import (
    BadInput,
    DateParam,
    emit,
    err_console,
    format_option,
    now_option,
    pass_app,
    print_issues,
    store_exists,
)
from thidua.cli.i18n import command, group
from thidua.context import AppContext
from translations import N_, ngettext
from translations import gettext as _

files_argument = click.argument(
    "files",
    nargs=-1,
    required=True,
    type=click.Path(path_type=Path),
    help=N_("Campaign and units files (.yaml), or folders of them."),
)


def register(main: click.Group) -> None:
    for each in (check, load, events, campaigns, units, groups):
        main.add_command(each)


def read_and_check(app: AppContext, files: tuple[Path, ...], *, use_store: bool) -> Bundle:
    """Read, validate and date-check files; print their issues."""
    bundle = check_files(app, files, use_store=use_store)
    print_issues(bundle.issues)
    return bundle


def _summary(bundle: Bundle) -> str:
    count = len(bundle.campaigns) + len(bundle.units_files)
    errors, warnings = len(bundle.errors), len(bundle.warnings)
    return _(
        "%(count)d file(s) read: %(errors)d error(s), %(warnings)d warning(s)",
        count=count,
        errors=errors,
        warnings=warnings,
    )


@command(
    help=N_(
        "Validate campaign and units FILES (or directories of them); store nothing.\n\n"
        "Exits with 2 when any file has an error; warnings alone exit with 0."
    )
)
@files_argument
@click.option(
    "--no-store",
    is_flag=True,
    help=N_("Do not look up unit and group codes in the database."),
)
@pass_app
def check(app: AppContext, files: tuple[Path, ...], no_store: bool) -> None:
    use_store = not no_store and store_exists(app)
    bundle = read_and_check(app, files, use_store=use_store)
    err_console.print(_summary(bundle))
    if bundle.errors:
        raise SystemExit(2)


@command(
    help=N_(
        "Validate FILES and store them in one transaction.\n\n"
        "On any error nothing is stored and the exit code is 2. Reloading unchanged "
        "files writes nothing; a changed event keeps its UID and its sequence goes "
        "up; an event that left its file is marked cancelled. A units file adds and "
        "updates units; those it does not mention stay active unless --prune."
    )
)
@files_argument
@click.option(
    "--prune",
    is_flag=True,
    help=N_(
        "Deactivate the stored units and groups the units files do not list "
        "(they are listed first). Without it they stay active."
    ),
)
@now_option
@pass_app
def load(app: AppContext, files: tuple[Path, ...], prune: bool) -> None:
    bundle = read_and_check(app, files, use_store=True)
    if bundle.errors:
        err_console.print(_("%(summary)s; nothing was stored", summary=_summary(bundle)))
        raise SystemExit(2)
    if prune and bundle.units_files:
        _print_unlisted(preview_bundle(app, bundle, prune=True), pruned=True)
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), console=err_console, transient=True
    ) as progress:
        task = progress.add_task(_("loading"), total=None)

        def note(what: str) -> None:
            progress.update(task, description=_("loading %(what)s", what=what))

        report = store_bundle(app, bundle, progress=note, prune=prune)
    if not prune:
        _print_unlisted(report, pruned=False)
    err_console.print(_summary(bundle))
    err_console.print(_report_line(report))


def _print_unlisted(report: LoadReport, *, pruned: bool) -> None:
    """Name the stored units and groups the units files leave out, and what happens to them."""
    messages = {
        (True, "units"): N_("--prune deactivates %(n)d units the files do not list: %(codes)s"),
        (True, "groups"): N_("--prune deactivates %(n)d groups the files do not list: %(codes)s"),
        (False, "units"): N_(
            "%(n)d stored units not in the files stay active (--prune deactivates them): %(codes)s"
        ),
        (False, "groups"): N_(
            "%(n)d stored groups not in the files stay active (--prune deactivates them): %(codes)s"
        ),
    }
    for what, counts in (("units", report.units), ("groups", report.groups)):
        if not counts.unlisted:
            continue
        message = _(
            messages[pruned, what], n=len(counts.unlisted), codes=", ".join(counts.unlisted)
        )
        err_console.print(message, markup=False, soft_wrap=True)


# What a load report counts, as its line names it.
REPORTED = {
    "units": N_("units"),
    "groups": N_("groups"),
    "campaigns": N_("campaigns"),
    "events": N_("events"),
    "occurrences": N_("dated occurrences"),
    "assignments": N_("unit assignments"),
}


def _report_line(report: LoadReport) -> str:
    if not report.changed:
        return _("nothing changed")
    parts = []
    for name, label in REPORTED.items():
        counts = getattr(report, name)
        if counts.changed:
            line = (
                N_("%(what)s: %(new)d new, %(changed)d changed, %(gone)d removed")
                if name == "assignments"
                else N_("%(what)s: %(new)d new, %(changed)d changed, %(gone)d cancelled")
            )
            parts.append(
                _(
                    line,
                    what=_(label),
                    new=counts.created,
                    changed=counts.updated,
                    gone=counts.cancelled,
                )
            )
    return "; ".join(parts)


EVENT_COLUMNS = [
    ("when", N_("Date")),
    ("label", N_("Kind")),
    ("campaign", N_("Campaign")),
    ("summary", N_("Content")),
]


def _event_row(record: dict[str, Any]) -> dict[str, Any]:
    """A record as a table shows it: one readable date span, the kind in words."""
    start, end = date.fromisoformat(record["start"]), date.fromisoformat(record["end"])
    when = vn_date(start) if start == end else f"{vn_date(start)} – {vn_date(end)}"
    if record.get("start_time"):
        when += f" {record['start_time']}"
    summary = record["title"]
    if record["kind"] == "deadline":
        summary += f"\n{record['wording']}"
        if record["nominal_date"] != record["effective_date"]:
            nominal = vn_date(date.fromisoformat(record["nominal_date"]))
            summary += " " + _("(%(day)s is a day off)", day=nominal)
    if record.get("cancelled_at"):
        summary = _("[cancelled] %(summary)s", summary=summary)
    return {
        "when": when,
        "label": kind_label(record["kind"]),
        "campaign": record["campaign"],
        "summary": summary,
    }


@command(
    help=N_(
        "The dated occurrences in a window: periods, phases, reviews, commemorations,"
        " meetings and deadlines (with their wording, nominal and effective days)."
    )
)
@click.option("--campaign", "campaign", metavar="CODE", help=N_("Only this campaign."))
@click.option("--unit", "unit", metavar="CODE", help=N_("What concerns this unit."))
@click.option("--group", "group", metavar="CODE", help=N_("What concerns this group's units."))
@click.option("--from", "start", type=DateParam(), help=N_("From this day (default: open)."))
@click.option("--to", "end", type=DateParam(), help=N_("To this day (default: open)."))
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(KINDS),
    help=N_("Only these kinds (repeatable)."),
)
@click.option("--include-cancelled", is_flag=True, help=N_("Also events removed from their file."))
@format_option
@pass_app
def events(
    app: AppContext,
    campaign: str | None,
    unit: str | None,
    group: str | None,
    start: date | None,
    end: date | None,
    kinds: tuple[str, ...],
    include_cancelled: bool,
    fmt: str,
) -> None:
    if start and end and end < start:
        raise BadInput(_("--to is before --from"))
    # A reader: on SQLite it takes no write lock, which the service's writers would wait
    # for as long as the output takes (a slow pipe, a pager).
    with app.database.reader() as session:
        _require_known(session, campaign=campaign, unit=unit, group=group)
        query = queries.occurrence_select(
            queries.Window(start, end),
            campaign=campaign,
            unit=unit,
            group=group,
            kinds=kinds,
            include_cancelled=include_cancelled,
        )
        records = queries.stream_occurrence_records(session, query)
        if fmt != "table":
            # Written as the rows are read: memory holds a batch, whatever the window.
            emit(fmt, records, _EVENT_FIELDS)
            return
        rows = [_event_row(r) for r in records]  # a table is sized to all its rows
    title = ngettext("%(n)d event", "%(n)d events", len(rows))
    emit(fmt, rows, EVENT_COLUMNS, title=title)


# CSV columns: the fields every record has, and the deadline's days.
_EVENT_FIELDS = [
    (key, key)
    for key in (
        "uid",
        "campaign",
        "kind",
        "code",
        "title",
        "start",
        "end",
        "wording",
        "nominal_date",
        "effective_date",
        "years",
        "origin",
    )
]


def _require_known(
    session: Session,
    *,
    campaign: str | None = None,
    unit: str | None = None,
    group: str | None = None,
) -> None:
    for value, model, message in (
        (campaign, m.Campaign, N_("no campaign %(code)s")),
        (unit, m.Unit, N_("no unit %(code)s")),
        (group, m.Group, N_("no group %(code)s")),
    ):
        if (
            value is not None
            and session.scalar(select(model.id).where(model.code == value)) is None
        ):
            raise BadInput(_(message, code=repr(value)))


@command(help=N_("The stored campaigns."))
@format_option
@pass_app
def campaigns(app: AppContext, fmt: str) -> None:
    with app.database.session() as session:
        records = [
            {
                "code": c.code,
                "title": c.title,
                "issuer": c.issuer,
                "document": document_line(c.doc_kind, c.issuer, c.doc_number, c.doc_date),
                "start": c.period_start.isoformat(),
                "end": c.period_end.isoformat(),
                "policy": c.policy,
                "source_file": c.source_file,
            }
            for c in queries.campaigns(session)
        ]
    emit(
        fmt,
        records,
        [
            ("code", N_("Code")),
            ("issuer", N_("Issuer")),
            ("document", N_("Document")),
            ("start", N_("From")),
            ("end", N_("Ends")),
            ("title", N_("Campaign name")),
        ],
        title=ngettext("%(n)d campaign", "%(n)d campaigns", len(records)),
    )


@group(
    invoke_without_command=True,
    help=N_("The stored units (and, as subcommands, what can be done to one)."),
)
@click.option(
    "--all", "include_inactive", is_flag=True, help=N_("Also units no longer in the file.")
)
@format_option
@click.pass_context
def units(ctx: click.Context, include_inactive: bool, fmt: str) -> None:
    if ctx.invoked_subcommand is not None:
        return
    app: AppContext = ctx.obj
    with app.database.session() as session:
        group_names: dict[int, list[str]] = {}
        for group in queries.groups(session):
            for unit in group.units:
                group_names.setdefault(unit.id, []).append(group.code)
        records = [
            {
                "code": u.code,
                "name": u.name,
                "emails": u.emails,
                "parent": u.parent.code if u.parent else None,
                "groups": group_names.get(u.id, []),
                "active": u.active,
            }
            for u in queries.units(session, include_inactive=include_inactive)
        ]
    emit(
        fmt,
        records,
        [
            ("code", N_("Code")),
            ("name", N_("Unit name")),
            ("emails", N_("E-mail addresses")),
            ("groups", N_("Groups")),
        ],
        title=ngettext("%(n)d unit", "%(n)d units", len(records)),
    )


@command(
    help=N_("The stored groups: blocs (Khối), clusters (Cụm) and categories, with their units.")
)
@format_option
@pass_app
def groups(app: AppContext, fmt: str) -> None:
    with app.database.session() as session:
        records = [
            {
                "code": g.code,
                "name": g.name,
                "kind": g.kind,
                "members": g.members,
                "units": [u.code for u in g.units],
            }
            for g in queries.groups(session)
        ]
    emit(
        fmt,
        records,
        [("code", N_("Code")), ("kind", N_("Kind")), ("name", N_("Name")), ("units", N_("Units"))],
        title=ngettext("%(n)d group", "%(n)d groups", len(records)),
    )
