"""Save a campaign, a unit or a group edited in the office's pages, through the same
validation and the same store path as ``thidua load``.

What a page saves is a document in the files' form (`thidua.exchange`): it is written as
YAML and read back by `thidua.bundles.check_uploads` — the reader, the schema and the date
checks of ``thidua check`` — so the browser has no validator of its own. A document with
errors stores nothing and comes back with the issues, each naming its field. A valid one is
stored by `thidua.bundles.store_bundle` (the diff of ``thidua load``: SEQUENCE and
LAST-MODIFIED move, cancelled events stay cancelled), and in the same transaction the
reminders are planned again (`scheduler.planner`) and the change is recorded with its
author (`thidua.history`).

A save that would cancel reminders already due (pending, their time come, not older than
``catch_up_days``) stops before storing and names them, unless ``confirm`` is given: the
page asks first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from calendars import models as m
from calendars.store import LoadReport
from config.files import Bundle, Issue
from scheduler import planner
from scheduler.models import Reminder
from thidua import bundles, exchange, history
from thidua.context import AppContext
from thidua.history import Author
from translations import N_

Recorder = Callable[[Session, LoadReport], None]  # writes the change's history
CODE_TAKEN = N_("a campaign with this code is already stored: choose another code")


@dataclass(frozen=True)
class DueReminder:
    """A reminder whose time has come that a save would cancel."""

    unit: str
    title: str
    kind: str
    offset: int
    fire_at: datetime


@dataclass
class Saved:
    """The outcome of a save: stored (``report``), or not, and why."""

    issues: list[Issue] = field(default_factory=list)
    due: list[DueReminder] = field(default_factory=list)  # to confirm before storing
    report: LoadReport | None = None

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def stored(self) -> bool:
        return self.report is not None


def check_document(app: AppContext, name: str, document: dict[str, Any]) -> Bundle:
    """The document read and checked exactly as ``thidua check`` reads a file."""
    text = exchange.dump_yaml(document)
    return bundles.check_uploads(app, [(name, text.encode("utf-8"))])


def check_campaign(app: AppContext, document: dict[str, Any], *, new: bool) -> Bundle:
    """The campaign file checked as ``thidua check`` would; a ``new`` one must not take a
    stored campaign's code (loading it would replace that campaign)."""
    code = str(document.get("campaign", {}).get("code") or "")
    name = f"{code or 'campaign'}.yaml"
    bundle = check_document(app, name, document)
    if new and code:
        with app.database.session() as session:
            if exchange.find_campaign(session, code) is not None:
                bundle.issues.append(Issue(name, None, "campaign.code", CODE_TAKEN))
    return bundle


def save_campaign(
    app: AppContext,
    document: dict[str, Any],
    author: Author,
    *,
    new: bool,
    confirm: bool = False,
) -> Saved:
    """Store a campaign file made in the browser; ``new`` refuses a code already stored."""
    code = str(document.get("campaign", {}).get("code") or "")
    with app.database.session() as session:
        stored = exchange.find_campaign(session, code) if code else None
        old = exchange.campaign_document(stored) if stored is not None else None
    bundle = check_campaign(app, document, new=new)

    def record(session: Session, report: LoadReport) -> None:
        items = history.campaign_changes(old, document)
        history.record(session, author, app.now(), "campaign", code, items, created=old is None)

    return _save(app, bundle, confirm, record)


def save_units(
    app: AppContext,
    document: dict[str, Any],
    author: Author,
    subject: tuple[str, str],
    *,
    confirm: bool = False,
) -> Saved:
    """Store the whole units file made from the store with one unit or group changed;
    ``subject`` is ("unit" or "group", its code), whose change is recorded."""
    kind, code = subject
    with app.database.session() as session:
        old = _subject_item(exchange.units_document(session), kind, code)
        if old is None:
            old = _inactive_item(session, kind, code)
    new = _subject_item(document, kind, code) or {"active": False}
    bundle = check_document(app, "units.yaml", document)

    def record(session: Session, report: LoadReport) -> None:
        items = history.field_changes(old or {}, new)
        history.record(session, author, app.now(), kind, code, items, created=old is None)

    return _save(app, bundle, confirm, record, prune=True)  # the whole list of units


def _subject_item(document: dict[str, Any], kind: str, code: str) -> dict[str, Any] | None:
    """The unit or group as the document lists it, marked active; None when not listed."""
    section = "units" if kind == "unit" else "groups"
    found = next((i for i in document.get(section, []) if i.get("code") == code), None)
    return None if found is None else {**found, "active": True}


def _inactive_item(session: Session, kind: str, code: str) -> dict[str, Any] | None:
    """A unit or group the store keeps but no longer lists, as it last was."""
    if kind == "unit":
        unit = session.scalar(select(m.Unit).where(m.Unit.code == code))
        if unit is None:
            return None
        codes = {unit.parent_id: unit.parent.code} if unit.parent is not None else {}
        return {**exchange.unit_item(unit, codes), "active": False}
    group = session.scalar(select(m.Group).where(m.Group.code == code))
    return None if group is None else {**exchange.group_item(group), "active": False}


def _save(
    app: AppContext, bundle: Bundle, confirm: bool, record: Recorder, *, prune: bool = False
) -> Saved:
    if bundle.errors:
        return Saved(bundle.issues)
    if not confirm:
        due = cancelled_due(app, bundle, prune=prune)
        if due:
            return Saved(bundle.issues, due)

    def after(session: Session, report: LoadReport) -> None:
        if report.changed:
            planner.plan(session, app.settings, app.calendar, app.now())
        record(session, report)

    report = bundles.store_bundle(app, bundle, after=after, prune=prune)
    return Saved(bundle.issues, [], report)


def cancelled_due(app: AppContext, bundle: Bundle, *, prune: bool = False) -> list[DueReminder]:
    """The reminders already due that storing the bundle and planning again would cancel:
    found by doing both in a transaction that is rolled back."""
    now = app.now()
    since = now - timedelta(days=app.settings.catch_up_days)

    def due_ids(session: Session) -> list[int]:
        return list(
            session.scalars(
                select(Reminder.id).where(
                    Reminder.status == "pending",
                    Reminder.next_attempt_at <= now,
                    Reminder.fire_at >= since,
                )
            )
        )

    def look(session: Session, report: LoadReport) -> list[DueReminder]:
        ids = due_ids(session)
        if not ids or not report.changed:
            return []
        planner.plan(session, app.settings, app.calendar, now)
        rows = session.execute(
            select(Reminder, m.Unit.name, m.Occurrence.title)
            .join(m.Unit, m.Unit.id == Reminder.unit_id)
            .join(m.Occurrence, m.Occurrence.id == Reminder.occurrence_id)
            .where(Reminder.id.in_(ids), Reminder.status == "cancelled")
            .order_by(Reminder.fire_at, m.Unit.name)
        )
        return [
            DueReminder(unit, title, reminder.kind, reminder.offset, reminder.fire_at)
            for reminder, unit, title in rows
        ]

    return bundles.try_bundle(app, bundle, look, prune=prune)
