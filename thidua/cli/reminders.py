"""``thidua plan``, ``remind``, ``send-due``, ``status`` and ``submit``: reminders."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

import click

from submissions.errors import SubmissionError
from thidua.cli.common import (
    BadInput,
    DateParam,
    emit,
    err_console,
    format_option,
    now_option,
    pass_app,
)
from thidua.cli.i18n import command
from translations import N_, NC_, ngettext, pgettext
from translations import gettext as _

if TYPE_CHECKING:  # each command imports what it runs: `thidua status` stays light
    from sqlalchemy.orm import Session

    from calendars.models import Occurrence
    from scheduler.dispatch import DispatchReport
    from thidua.context import AppContext

# What a planned reminder is (not an event kind: those are `calendars.timeline.KIND_LABELS`).
REMINDER_KINDS = {
    "advance": NC_("reminder kind", "in advance"),
    "due": NC_("reminder kind", "due"),
    "overdue": NC_("reminder kind", "overdue"),
    "late_list": NC_("reminder kind", "late list"),
    "manual": NC_("reminder kind", "now"),
}


def register(main: click.Group) -> None:
    for each in (plan, remind, send_due, status, submit):
        main.add_command(each)


@command(
    help=N_(
        "Plan the reminders of every deadline (also done by send-due, serve and "
        "worker when the calendar changes). Planning an unchanged calendar writes "
        "nothing."
    )
)
@now_option
@pass_app
def plan(app: AppContext) -> None:
    from scheduler import planner  # noqa: PLC0415 (see TYPE_CHECKING above)

    with app.database.session() as session, session.begin():
        report = planner.plan(session, app.settings, app.calendar, app.now())
    err_console.print(
        _(
            "reminders: %(new)d new, %(changed)d changed, %(cancelled)d cancelled, "
            "%(unchanged)d unchanged",
            new=report.created,
            changed=report.updated,
            cancelled=report.cancelled,
            unchanged=report.unchanged,
        )
    )


@command(
    help=N_(
        "Who would get which reminder, and when (a table): the reminders due at "
        "--now, as send-due would treat them, and with --until those planned after. "
        "To send, run 'thidua send-due'."
    )
)
@click.option(
    "--dry-run", is_flag=True, help=N_("Show who would get what, and when; send nothing.")
)
@click.option(
    "--until",
    type=DateParam(),
    help=N_("Also list the reminders planned up to the end of this day."),
)
@click.option("--unit", metavar="CODE", help=N_("Only this unit's reminders."))
@click.option("--campaign", metavar="CODE", help=N_("Only this campaign's deadlines."))
@format_option
@now_option
@pass_app
def remind(
    app: AppContext,
    dry_run: bool,
    until: date | None,
    unit: str | None,
    campaign: str | None,
    fmt: str,
) -> None:
    from scheduler import preview  # noqa: PLC0415 (see TYPE_CHECKING above)

    if not dry_run:
        raise BadInput(_("remind only previews: add --dry-run, or run 'thidua send-due' to send"))
    now = app.now()
    end = (
        datetime.combine(until + timedelta(days=1), time(), tzinfo=app.settings.tz)
        if until
        else None
    )
    if end is not None and end <= now:
        raise BadInput(_("--until is before --now"))
    with app.database.session() as session:
        try:
            report, lines = preview.preview(session, app.settings, app.calendar, now, end)
        finally:
            session.rollback()  # a preview writes nothing, not even the plan
    records = [
        line.record(app.settings)
        for line in lines
        if (unit is None or line.unit == unit)
        and (campaign is None or line.deadline.split("/")[0] == campaign)
    ]
    for record in records:
        record["kind_label"] = pgettext("reminder kind", REMINDER_KINDS[str(record["kind"])])
        record["action_label"] = _action_label(str(record["action"]))
    if report.written:
        err_console.print(_("(the plan would change %(n)d reminder(s) first)", n=report.written))
    emit(
        fmt,
        records,
        [
            ("fire_at", N_("Send at")),
            ("unit", N_("Unit")),
            ("kind_label", N_("Kind")),
            ("deadline", N_("Deadline")),
            ("effective_date", N_("Last day")),
            ("days_left", N_("Days left")),
            ("addresses", N_("Send to")),
            ("action_label", N_("Action")),
        ],
        title=ngettext("%(n)d reminder", "%(n)d reminders", len(records)),
    )


def _action_label(action: str) -> str:
    from scheduler.models import REASONS  # noqa: PLC0415 (see TYPE_CHECKING above)

    if action == "send":
        return _("send")
    if action == "planned":
        return _("as planned")
    status, _colon, reason = action.partition(": ")
    message = N_("skipped: %(reason)s") if status == "skipped" else N_("cancelled: %(reason)s")
    return _(message, reason=REASONS.get(reason, reason))


@command(
    "send-due",
    help=N_(
        "Send every reminder due at --now (default: now), one message per unit.\n\n"
        "Running it again at the same time sends nothing. Exits with 1 when the mail "
        "server could not be reached (the reminders stay due for the next run)."
    ),
)
@now_option
@pass_app
def send_due(app: AppContext) -> None:
    from scheduler.dispatch import Dispatcher  # noqa: PLC0415 (see TYPE_CHECKING above)

    dispatcher = Dispatcher(app.database.sessions, app.settings, app.calendar)
    try:
        report = dispatcher.run(app.now())
    except ValueError as exc:  # a mail setting that cannot work: nothing was claimed
        raise BadInput(str(exc)) from exc
    print_report(report)
    if report.halted:
        raise SystemExit(1)


def print_report(report: DispatchReport) -> None:
    if report.planned is not None and report.planned.written:
        planned = report.planned
        err_console.print(
            _(
                "planned: %(new)d new, %(changed)d changed, %(cancelled)d cancelled",
                new=planned.created,
                changed=planned.updated,
                cancelled=planned.cancelled,
            )
        )
    err_console.print(
        _(
            "%(messages)d message(s) sent for %(sent)d reminder(s); %(skipped)d skipped, "
            "%(cancelled)d cancelled, %(retrying)d to retry, %(failed)d failed",
            messages=report.messages,
            sent=report.sent,
            skipped=report.skipped,
            cancelled=report.cancelled,
            retrying=report.retrying,
            failed=report.failed,
        )
    )
    for failure in report.failures:
        err_console.print(failure, style="red", markup=False)
    if report.halted:
        err_console.print(report.halted, style="red", markup=False)


def warn_missing_notice(app: AppContext) -> None:
    """The year-ahead guard: from 1 October, next year's Tết notice still missing."""
    from thidua.workdays import missing_notice, notice_season  # noqa: PLC0415 (see TYPE_CHECKING)

    today = app.now().astimezone(app.settings.tz).date()
    if not notice_season(today):
        return  # the working-day calendar (its YAML, the catalog's models) is not read
    missing = missing_notice(app.calendar.changes, today)
    if missing is not None:
        # Plain text: no markup nor emoji codes read in it (nor their table of 4,000 loaded).
        err_console.print(
            missing.message(), style="yellow", markup=False, emoji=False, soft_wrap=True
        )


@command(help=N_("Submitted, pending, late and unreachable units per deadline."))
@click.option("--campaign", metavar="CODE", help=N_("Only this campaign's deadlines."))
@click.option(
    "--deadline",
    metavar="DEADLINE",
    help=N_("One deadline (campaign/deadline), unit by unit."),
)
@format_option
@now_option
@pass_app
def status(app: AppContext, campaign: str | None, deadline: str | None, fmt: str) -> None:
    from scheduler import status as deadline_status  # noqa: PLC0415 (see TYPE_CHECKING above)

    today = app.now().astimezone(app.settings.tz).date()
    warn_missing_notice(app)
    if deadline is not None:
        _deadline_status(app, deadline, today, fmt)
        return
    # A Core connection that only reads: the overview loads neither the ORM nor a model.
    with app.database.reader_connection() as connection:
        try:
            found = deadline_status.deadlines(connection, today, campaign=campaign)
        except SubmissionError as exc:
            raise BadInput(str(exc)) from exc
    records = [s.record(detail=fmt == "json") for s in found]
    if fmt != "json":
        for record in records:
            record["progress"] = f"{record['submitted']}/{record['total']}"
            failed = [f"{f['unit']}: {f['error']}" for f in record["failed_units"]]
            if fmt == "table":
                record["late_units"] = _few(record["late_units"])
                failed = _few(failed)
            record["failed_list"] = failed
    emit(
        fmt,
        records,
        [
            ("deadline", N_("Deadline")),
            ("effective_date", N_("Last day")),
            ("progress", N_("Submitted")),
            ("pending", N_("Not yet due")),
            ("late", N_("Late")),
            ("late_units", N_("Late units")),
            ("failed_list", N_("Not reachable")),
        ],
        title=ngettext("%(n)d deadline", "%(n)d deadlines", len(records)),
    )


def _deadline_status(app: AppContext, deadline: str, today: date, fmt: str) -> None:
    """``thidua status --deadline``: one deadline, unit by unit."""
    from scheduler import status as deadline_status  # noqa: PLC0415 (see TYPE_CHECKING above)

    with app.database.reader() as session:
        occurrence = _deadline(session, deadline, app)
        found = deadline_status.deadlines(session, today, occurrence_ids=[occurrence.id])
    if fmt == "json":
        emit(fmt, [s.record() for s in found], [])
        return
    units = [deadline_status.unit_record(u) for u in found[0].units] if found else []
    for record in units:
        record["state_label"] = _state_label(record)
        for key in ("submitted_at", "last_reminder"):
            if record[key] and fmt == "table":
                moment = datetime.fromisoformat(record[key]).astimezone(app.settings.tz)
                record[key] = f"{moment:%d/%m/%Y %H:%M}"
    emit(
        fmt,
        units,
        [
            ("unit", N_("Code")),
            ("name", N_("Unit")),
            ("state_label", N_("Status")),
            ("submitted_at", N_("Report sent at")),
            ("last_reminder", N_("Last reminder")),
            ("error", N_("Delivery error")),
        ],
        title=_(
            "%(title)s — due %(date)s",
            title=found[0].title,
            date=f"{found[0].effective_date:%d/%m/%Y}",
        )
        if found
        else None,
    )


def _few(values: list[str], limit: int = 6) -> list[str]:
    """A table cell stays readable: the first few, and how many more (--format json has all)."""
    return values if len(values) <= limit else [*values[:limit], f"… (+{len(values) - limit})"]


def _state_label(record: dict[str, object]) -> str:
    if record["state"] == "submitted":
        return _("report sent")
    if record["state"] == "late":
        return ngettext("%(n)d day late", "%(n)d days late", int(str(record["days_late"])))
    return _("not yet due")


def _deadline(session: Session, ref: str, app: AppContext) -> Occurrence:
    from submissions import records  # noqa: PLC0415 (see TYPE_CHECKING above)

    try:
        return records.find_deadline(session, ref, app.settings.uid_domain)
    except SubmissionError as exc:
        raise BadInput(str(exc)) from exc


@command(
    help=N_(
        "Record that UNIT submitted for DEADLINE (campaign/deadline, e.g. ha-"
        "giang-2023/bao-cao-so-ket): its reminders stop. --undo brings them back."
    )
)
@click.argument("deadline", help=N_("The deadline: campaign/deadline."))
@click.argument("unit", help=N_("The unit's code."))
@click.option("--undo", is_flag=True, help=N_("Withdraw a submission recorded by mistake."))
@click.option("--by", metavar="NAME", help=N_("Who records it (default: the office)."))
@click.option("--note", metavar="TEXT", help=N_("A note kept with the submission."))
@now_option
@pass_app
def submit(
    app: AppContext, deadline: str, unit: str, undo: bool, by: str | None, note: str | None
) -> None:
    from scheduler import answers  # noqa: PLC0415 (see TYPE_CHECKING above)
    from submissions import records  # noqa: PLC0415

    now = app.now()
    with app.database.session() as session, session.begin():
        try:
            occurrence = records.find_deadline(session, deadline, app.settings.uid_domain)
            target = records.find_unit(session, unit)
            if undo:
                revoked = answers.undo(session, occurrence, target, now=now, by=by)
                message = (
                    N_("%(unit)s: submission for %(deadline)s withdrawn; reminders resume")
                    if revoked
                    else N_("%(unit)s had no submission recorded for %(deadline)s")
                )
                said = _(message, unit=target.code, deadline=deadline)
            else:
                recorded = answers.record(
                    session, occurrence, target, now=now, source="office", by=by, note=note
                )
                when = recorded.submission.submitted_at.astimezone(app.settings.tz)
                said = (
                    _(
                        "%(unit)s: submission for %(deadline)s recorded; reminders stop",
                        unit=target.code,
                        deadline=deadline,
                    )
                    if recorded.created
                    else _(
                        "%(unit)s: already recorded on %(when)s",
                        unit=target.code,
                        when=f"{when:%d/%m/%Y %H:%M}",
                    )
                )
        except SubmissionError as exc:
            raise BadInput(str(exc)) from exc
    err_console.print(said, markup=False)
