"""``thidua workdays``: a year's days off and worked weekend days, with their reasons and
notices; ``add-swap`` and ``add-notice`` write to the office's file and date everything
again; ``check`` lists the days the `holidays` package and the catalog disagree on."""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from calendars.timeline import WEEKDAY_NAMES
from calendars.workdays import ChangedDay, Disagreement, disagreements
from config.catalog import NOTICE_SUBJECTS
from config.dates import vn_date
from thidua.cli.common import (
    BadInput,
    DateParam,
    emit,
    err_console,
    format_option,
    now_option,
    pass_app,
)
from thidua.cli.i18n import group
from thidua.cli.reminders import warn_missing_notice
from thidua.context import AppContext
from thidua.workdays import WorkdayError, add_notice, add_swap
from translations import N_
from translations import gettext as _


def register(main: click.Group) -> None:
    main.add_command(workdays)


def _day(day: date) -> str:
    return f"{WEEKDAY_NAMES[day.weekday()]} {vn_date(day)}"


def _changed_record(changed: ChangedDay) -> dict[str, Any]:
    return {
        "date": changed.day.isoformat(),
        "day": _day(changed.day),
        "working": changed.working,
        "what": _("worked") if changed.working else _("day off"),
        "reason": changed.reason,
        "source": changed.source,
    }


@group(
    invoke_without_command=True,
    help=N_("A year's days off and worked weekend days, with why and the notice they come from."),
)
@click.option("--year", type=click.IntRange(1900, 2199), help=N_("The year (default: this year)."))
@format_option
@now_option
@click.pass_context
def workdays(ctx: click.Context, year: int | None, fmt: str) -> None:
    if ctx.invoked_subcommand is not None:
        return
    app: AppContext = ctx.obj
    year = year or app.now().astimezone(app.settings.tz).year
    records = [_changed_record(c) for c in app.calendar.changed_days(year)]
    emit(
        fmt,
        records,
        [
            ("day", N_("Day")),
            ("what", N_("Day off or worked")),
            ("reason", N_("Reason")),
            ("source", N_("Source notice")),
        ],
        title=_("Working-day calendar %(year)d", year=year),
    )
    warn_missing_notice(app)


@workdays.command(
    "add-swap",
    help=N_(
        "Add a swap to the office's file (THIDUA_WORKDAYS_FILE, default "
        "var/workdays.yaml), then date every stored deadline again and re-plan its "
        "reminders, in one transaction."
    ),
)
@click.option("--work", "work", type=DateParam(), required=True, help=N_("The weekend day worked."))
@click.option(
    "--off", "off", type=DateParam(), required=True, help=N_("The working day taken off.")
)
@click.option("--source", required=True, help=N_('The notice: "Công văn 12729/VPCP-KGVX ngày …".'))
@now_option
@pass_app
def add_swap_command(app: AppContext, work: date, off: date, source: str) -> None:
    try:
        outcome = add_swap(app, work, off, source)
    except WorkdayError as exc:
        raise BadInput(str(exc)) from exc
    _print_outcome(outcome)


@workdays.command(
    "add-notice",
    help=N_("Record a notice that swaps no day (the year's holidays have been checked)."),
)
@click.option("--year", type=click.IntRange(1900, 2199), required=True)
@click.option("--subject", type=click.Choice(NOTICE_SUBJECTS), default="tet", show_default=True)
@click.option("--source", required=True, help=N_("The notice's number and date."))
@click.option("--note", default="", help=N_("What it decides, in a line."))
@now_option
@pass_app
def add_notice_command(app: AppContext, year: int, subject: str, source: str, note: str) -> None:
    try:
        outcome = add_notice(app, year, subject, source, note)  # type: ignore[arg-type]
    except WorkdayError as exc:
        raise BadInput(str(exc)) from exc
    _print_outcome(outcome)


def _print_outcome(outcome: Any) -> None:
    err_console.print(_("Written to %(path)s", path=str(outcome.path)), markup=False)
    for moved in outcome.moved:
        err_console.print(
            f"{moved.campaign}: {moved.title}: {vn_date(moved.before)} → {vn_date(moved.after)}",
            markup=False,
            soft_wrap=True,
        )
    err_console.print(outcome.summary(), markup=False)


@workdays.command(
    "check",
    help=N_(
        "List every day the `holidays` package and the catalog (with the office's "
        "file) disagree on; exit code 1 when there is one."
    ),
)
@click.option("--year", "years", type=click.IntRange(1900, 2199), multiple=True)
@format_option
@now_option
@pass_app
def check(app: AppContext, years: tuple[int, ...], fmt: str) -> None:
    if not years:
        this_year = app.now().astimezone(app.settings.tz).year
        listed = [d.year for d in (*app.calendar.changes.off(), *app.calendar.changes.worked())]
        years = tuple(range(min([*listed, this_year]), this_year + 2))
    found = disagreements(app.calendar, years)
    emit(
        fmt,
        [_disagreement_record(d) for d in found],
        [
            ("day", N_("Day")),
            ("catalog", N_("Catalog")),
            ("package", N_("holidays package")),
            ("reason", N_("Reason")),
            ("source", N_("Source notice")),
        ],
    )
    if found:
        raise SystemExit(1)


def _working_word(working: bool | None) -> str:
    if working is None:
        return _("not listed")
    return _("working day") if working else _("day off")


def _disagreement_record(found: Disagreement) -> dict[str, Any]:
    return {
        "date": found.day.isoformat(),
        "day": _day(found.day),
        "catalog": _working_word(found.listed),
        "package": _working_word(found.package),
        "reason": found.reason,
        "source": found.source,
    }


__all__ = ["BadInput", "register"]
