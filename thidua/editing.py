"""Save a campaign, a unit or a group edited in the office's pages, through the same
validation and the same store path as ``thidua load``.

What a page saves is a document in the files' form (`thidua.exchange`): it is written as
YAML and read back by `thidua.bundles.check_uploads` — the reader, the schema and the date
checks of ``thidua check`` — so the browser has no validator of its own. A document with
errors stores nothing and comes back with the issues, each naming its field. A valid one is
stored by `thidua.bundles.store_bundle` (the diff of ``thidua load``: SEQUENCE and
LAST-MODIFIED move, cancelled events stay cancelled), and in the same transaction the
reminders of what the load touched are planned again (`scheduler.planner.plan_changes`:
one changed deadline plans that deadline, not the whole calendar) and the change is
recorded with its author (`thidua.history`).

A save that would cancel reminders already due (pending, their time come, not older than
``catch_up_days``) is rolled back and names them, unless ``confirm`` is given: the page asks
first. The store, the plan and that look happen in one transaction, so a save loads its
document once.
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
from translations import gettext as _

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


class _Unconfirmed(Exception):
    """Raised inside a save's transaction, so that it rolls back: the save would cancel
    reminders already due, and the page asks first."""

    def __init__(self, due: list[DueReminder]) -> None:
        super().__init__(f"{len(due)} reminders already due would be cancelled")
        self.due = due


def _save(
    app: AppContext, bundle: Bundle, confirm: bool, record: Recorder, *, prune: bool = False
) -> Saved:
    """Store, plan what the store touched and record, in one transaction; the reminders
    already due that the plan cancels are looked for in that same transaction, which is
    rolled back when there are some and ``confirm`` is not given."""
    if bundle.errors:
        return Saved(bundle.issues)
    now = app.now()

    def after(session: Session, report: LoadReport) -> None:
        if report.changed:
            due = [] if confirm else _due_ids(session, app, now)
            planner.plan_changes(session, app.settings, app.calendar, now, report)
            cancelled = _cancelled(session, due)
            if cancelled:
                raise _Unconfirmed(cancelled)
        record(session, report)

    try:
        report = bundles.store_bundle(app, bundle, after=after, prune=prune)
    except _Unconfirmed as unconfirmed:
        return Saved(bundle.issues, unconfirmed.due)
    if report.changed:
        app.changed()  # committed: the feeds of this process look at once
    return Saved(bundle.issues, [], report)


def _due_ids(session: Session, app: AppContext, now: datetime) -> list[int]:
    """Pending reminders whose time has come, not older than ``catch_up_days``."""
    since = now - timedelta(days=app.settings.catch_up_days)
    return list(
        session.scalars(
            select(Reminder.id).where(
                Reminder.status == "pending",
                Reminder.next_attempt_at <= now,
                Reminder.fire_at >= since,
            )
        )
    )


def _cancelled(session: Session, ids: list[int]) -> list[DueReminder]:
    """Those of the reminders ``ids`` that are now cancelled."""
    if not ids:
        return []
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


# --- one event, as the API edits it ----------------------------------------------------


class NoSuchEvent(LookupError):
    """The campaign, or the event in it, is not stored; ``field`` names which."""

    def __init__(self, field: str, code: str) -> None:
        what = N_("no campaign %(code)s") if field == "campaign" else N_("no event %(code)s")
        super().__init__(_(what, code=code))
        self.field = field
        self.code = code


@dataclass
class EventSaved:
    """An event's edit: the outcome of saving its campaign, and the item as saved."""

    saved: Saved
    section: str  # where the campaign file lists the event: deadlines, meetings, …
    index: int  # its place there (issues name it: ``deadlines[3].due.date``)
    item: dict[str, Any]


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7396's JSON merge patch: a mapping patches a mapping key by key, ``null``
    removes a key, anything else replaces what it patches."""
    if not isinstance(patch, dict):
        return patch
    merged = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = merge_patch(merged.get(key), value)
    return merged


def event_item(document: dict[str, Any], code: str) -> tuple[str, int] | None:
    """(section, index) of the event ``code`` in a campaign file; None when it has none
    (a commemoration is known by its own code, else by its catalog code)."""
    for section in exchange.SECTIONS:
        for index, item in enumerate(document.get(section) or ()):
            if (item.get("code") or item.get("catalog")) == code:
                return section, index
    return None


def save_event(
    app: AppContext,
    campaign: str,
    event: str,
    patch: dict[str, Any],
    author: Author,
    *,
    confirm: bool = False,
) -> EventSaved:
    """Edit one event of a stored campaign by a merge patch of its item in the campaign
    file, and save the campaign as the office's form does (`save_campaign`): the same
    reader and checks as ``thidua check``, the same store as ``thidua load``; only what
    changed is written and planned again."""
    with app.database.session() as session:
        stored = exchange.find_campaign(session, campaign)
        if stored is None:
            raise NoSuchEvent("campaign", campaign)
        document = exchange.campaign_document(stored)
    found = event_item(document, event)
    if found is None:
        raise NoSuchEvent("event", event)
    section, index = found
    items = list(document[section])
    items[index] = merge_patch(items[index], patch)
    document = {**document, section: items}
    saved = save_campaign(app, document, author, new=False, confirm=confirm)
    return EventSaved(saved, section, index, items[index])
