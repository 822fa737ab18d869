"""Store validated files: units and groups, campaigns, events, occurrences, assignments.

A load is a diff, not a rewrite. What is unchanged is not written at all (a reload of the
same files issues no INSERT, UPDATE or DELETE); what changed keeps its identity and gets
``sequence`` + 1; what left its file is marked cancelled with the time, never deleted. The
caller owns the transaction: `load_bundle` writes into the session it is given, and one
commit (or rollback) makes the whole load happen (or not).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from calendars import models as m
from calendars import timeline
from calendars.timeline import canonical_hash
from calendars.workdays import WorkCalendar
from config.files import Bundle, SourceFile
from config.schema import CampaignFile, UnitsFile

CALENDAR_VERSION = "calendar_version"
ANSWERS_VERSION = "answers_version"  # raised by `submissions` when a unit's answer changes
WORKDAYS_FINGERPRINT = "workdays_fingerprint"  # the working-day calendar occurrences reflect


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    cancelled: int = 0
    unchanged: int = 0
    # Units or groups stored and active that the units files do not list: kept active
    # unless the load prunes (then they are the ones cancelled).
    unlisted: list[str] = field(default_factory=list)
    # Units or groups made, made active again or deactivated: who may be told changed.
    toggled: list[str] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.cancelled


@dataclass
class LoadReport:
    """What a load changed, by kind of row."""

    units: Counts = field(default_factory=Counts)
    groups: Counts = field(default_factory=Counts)
    campaigns: Counts = field(default_factory=Counts)
    events: Counts = field(default_factory=Counts)
    occurrences: Counts = field(default_factory=Counts)
    assignments: Counts = field(default_factory=Counts)
    # What the reminders must follow: the ids of the occurrences the load made, changed or
    # cancelled, whose responsible units or receiving office changed; None when every
    # occurrence was dated again (the working-day calendar changed). The planner plans
    # these alone (`scheduler.planner.plan_changes`), so a save of one event does not
    # plan the whole calendar again.
    touched: set[int] | None = field(default_factory=set)
    version_before: int = 0  # the calendar's version before the load

    @property
    def changed(self) -> bool:
        return any(
            c.changed
            for c in (
                self.units,
                self.groups,
                self.campaigns,
                self.events,
                self.occurrences,
                self.assignments,
            )
        )


Progress = Callable[[str], None]


def load_bundle(
    session: Session,
    bundle: Bundle,
    calendar: WorkCalendar,
    *,
    domain: str,
    now: datetime,
    progress: Progress | None = None,
    prune: bool = False,
) -> LoadReport:
    """Write a validated bundle into ``session`` (the caller commits). Units and groups the
    units files do not list stay active unless ``prune``; either way the report names them."""
    if bundle.errors:
        raise ValueError("a bundle with errors cannot be loaded")
    report = LoadReport(version_before=calendar_version(session))
    note = progress or (lambda _message: None)
    membership_changed = False
    if bundle.units_files:
        note("units")
        membership_changed = _sync_units(session, bundle.units_files, now, report, prune=prune)
    loaded: set[str] = set()
    for source in bundle.campaigns:
        note(source.model.campaign.code)
        campaign = _sync_campaign(session, source, calendar, domain, now, report)
        _sync_assignments(session, campaign, report)
        loaded.add(campaign.code)
    if membership_changed:
        others = session.scalars(select(m.Campaign).where(m.Campaign.code.not_in(loaded)))
        for campaign in others:
            _sync_assignments(session, campaign, report)
    if report.changed:
        bump_version(session, now)
    if workdays_changed(session, calendar):
        # Campaigns loaded before the working-day calendar changed are dated again with it.
        stored = set(session.scalars(select(m.Campaign.code)))
        if stored <= loaded:
            remember_fingerprint(session, calendar.fingerprint, now)
        else:
            recompute(session, calendar, domain=domain, now=now)
            report.touched = None
    session.flush()
    if report.touched is not None:
        report.touched |= _receiving(session, set(report.units.toggled))
    return report


def bump_version(session: Session, now: datetime) -> None:
    """Tell watchers (feed caches, the planner) that the calendar changed."""
    bump_counter(session, CALENDAR_VERSION, now)


def bump_counter(session: Session, key: str, now: datetime) -> None:
    """Raise the `m.State` counter ``key`` (made at 1 when new)."""
    state = session.get(m.State, key)
    if state is None:
        session.add(m.State(key=key, value=1, updated_at=now))
    else:
        state.value += 1
        state.updated_at = now


def calendar_version(session: Session) -> int:
    state = session.get(m.State, CALENDAR_VERSION)
    return state.value if state else 0


@dataclass(frozen=True)
class Moved:
    """A deadline whose effective last day a change of the working-day calendar moved."""

    uid: str
    campaign: str
    title: str
    before: date
    after: date


def recompute(
    session: Session, calendar: WorkCalendar, *, domain: str, now: datetime
) -> tuple[list[Moved], LoadReport]:
    """Date every stored campaign again with ``calendar`` (from the files it was loaded
    from, as stored): occurrences that moved get sequence + 1 and a new LAST-MODIFIED,
    relative deadlines follow what they count from; the caller plans reminders in the same
    transaction and commits. Nothing changes when the calendar gives the same days."""
    report = LoadReport()
    moved: list[Moved] = []
    for campaign in session.scalars(select(m.Campaign).order_by(m.Campaign.code)):
        model = CampaignFile.model_validate(campaign.spec)
        events = {
            e.code: e
            for e in session.scalars(select(m.Event).where(m.Event.campaign_id == campaign.id))
        }
        before = _deadline_days(session, campaign.id)
        occurrences = timeline.expand(model, calendar, domain)
        _sync_occurrences(session, campaign, events, occurrences, now, report)
        for uid, day in _deadline_days(session, campaign.id).items():
            old = before.get(uid)
            if old is not None and old[0] != day[0]:
                moved.append(Moved(uid, campaign.code, day[1], old[0], day[0]))
    remember_fingerprint(session, calendar.fingerprint, now)
    if report.occurrences.changed:
        bump_version(session, now)
    session.flush()
    return moved, report


def recompute_if_changed(
    session: Session, calendar: WorkCalendar, *, domain: str, now: datetime
) -> list[Moved] | None:
    """`recompute` when the stored days were computed with another working-day calendar
    (the office's file changed); None when they were not."""
    if not workdays_changed(session, calendar):
        return None
    return recompute(session, calendar, domain=domain, now=now)[0]


def workdays_changed(session: Session, calendar: WorkCalendar) -> bool:
    """Whether the stored days were computed with another working-day calendar."""
    state = session.get(m.State, WORKDAYS_FINGERPRINT)
    return state is None or state.value != calendar.fingerprint


def remember_fingerprint(session: Session, fingerprint: int, now: datetime) -> None:
    state = session.get(m.State, WORKDAYS_FINGERPRINT)
    if state is None:
        session.add(m.State(key=WORKDAYS_FINGERPRINT, value=fingerprint, updated_at=now))
    elif state.value != fingerprint:
        state.value, state.updated_at = fingerprint, now


def _deadline_days(session: Session, campaign_id: int) -> dict[str, tuple[date, str]]:
    rows = session.execute(
        select(m.Occurrence.uid, m.Occurrence.start_date, m.Occurrence.title).where(
            m.Occurrence.campaign_id == campaign_id,
            m.Occurrence.kind == "deadline",
            m.Occurrence.cancelled_at.is_(None),
        )
    )
    return {uid: (day, title) for uid, day, title in rows}


# --- diffing rows -----------------------------------------------------------------------


def _sync_active(
    session: Session,
    table: type[m.Unit] | type[m.Group],
    desired: dict[str, Any],
    values: Callable[[Any], dict[str, Any]],
    now: datetime,
    counts: Counts,
    *,
    prune: bool,
) -> dict[str, Any]:
    """Rows keyed by code: create, update when the file's content changed; those active
    rows the files do not list are named in ``counts.unlisted`` and deactivated only when
    ``prune`` (a file of one new unit must not switch off the other sixty). Returns every
    row by code."""
    existing = {row.code: row for row in session.scalars(select(table))}
    for code, spec in desired.items():
        digest = canonical_hash(spec.model_dump(mode="json"))
        row = existing.get(code)
        if row is None:
            row = table(
                code=code,
                **values(spec),
                active=True,
                content_hash=digest,
                created_at=now,
                updated_at=now,
            )
            session.add(row)
            existing[code] = row
            counts.created += 1
            counts.toggled.append(code)
        elif row.content_hash != digest or not row.active:
            if not row.active:
                counts.toggled.append(code)
            for key, value in values(spec).items():
                setattr(row, key, value)
            row.active, row.content_hash, row.updated_at = True, digest, now
            counts.updated += 1
        else:
            counts.unchanged += 1
    for code, row in existing.items():
        if code not in desired and row.active:
            counts.unlisted.append(code)
            if prune:
                row.active, row.updated_at = False, now
                counts.cancelled += 1
                counts.toggled.append(code)
    session.flush()
    return existing


def _sync_versioned(
    session: Session,
    existing: dict[str, Any],
    desired: Iterable[tuple[str, str, dict[str, Any]]],
    make_row: Callable[..., Any],
    now: datetime,
    counts: Counts,
    changed: list[Any] | None = None,
) -> None:
    """Versioned rows (events, occurrences) by key: create; on a new content hash update
    them and raise their sequence; cancel, never delete, those no longer wanted (and
    restore a cancelled one that comes back, again with a new sequence). The rows made,
    updated or cancelled are appended to ``changed`` when given."""
    touched: list[Any] = [] if changed is None else changed
    wanted: set[str] = set()
    for key, digest, values in desired:
        wanted.add(key)
        row = existing.get(key)
        if row is None:
            row = make_row(
                **values, content_hash=digest, sequence=0, created_at=now, updated_at=now
            )
            session.add(row)
            existing[key] = row
            counts.created += 1
            touched.append(row)
        elif row.content_hash != digest or row.cancelled_at is not None:
            for name, value in values.items():
                setattr(row, name, value)
            row.content_hash, row.sequence = digest, row.sequence + 1
            row.updated_at, row.cancelled_at = now, None
            counts.updated += 1
            touched.append(row)
        else:
            counts.unchanged += 1
    for key, row in existing.items():
        if key not in wanted and row.cancelled_at is None:
            row.cancelled_at, row.updated_at = now, now
            row.sequence += 1
            counts.cancelled += 1
            touched.append(row)
    session.flush()


# --- units and groups ------------------------------------------------------------------


def _unit_values(spec: Any) -> dict[str, Any]:
    return {"name": spec.name, "emails": list(spec.emails), "note": spec.note}


def _group_values(spec: Any) -> dict[str, Any]:
    return {"name": spec.name, "kind": spec.kind, "members": list(spec.members), "note": spec.note}


def _sync_units(
    session: Session,
    files: list[SourceFile[UnitsFile]],
    now: datetime,
    report: LoadReport,
    *,
    prune: bool,
) -> bool:
    """Units and groups from the units files; True when who belongs where may have changed."""
    desired = {u.code: u for f in files for u in f.model.units}
    names_before = _names(session)
    units = _sync_active(session, m.Unit, desired, _unit_values, now, report.units, prune=prune)
    for code, spec in desired.items():
        parent_id = units[spec.parent].id if spec.parent else None
        if units[code].parent_id != parent_id:
            units[code].parent_id = parent_id
    groups = {g.code: g for f in files for g in f.model.groups}
    rows = _sync_active(session, m.Group, groups, _group_values, now, report.groups, prune=prune)
    _touch_deadlines_naming(session, _renamed(names_before, _names(session)), now, report)
    members = {code: set(spec.members) for code, spec in groups.items()}
    changed = False
    for code, group in rows.items():
        if code not in groups and not prune:
            continue  # an unlisted group keeps its members
        reach = _reachable_units(code, members) if code in groups else set()
        want = {units[u].id for u in reach}
        have = set(
            session.scalars(select(m.GroupUnit.unit_id).where(m.GroupUnit.group_id == group.id))
        )
        if want != have:
            changed = True
            _replace_links(session, m.GroupUnit, "group_id", group.id, have, want)
    return changed or report.units.created > 0 or report.units.cancelled > 0


def _names(session: Session) -> dict[str, str]:
    """Unit and group names by code, as deadline descriptions show them."""
    names = dict(session.execute(select(m.Unit.code, m.Unit.name)).all())
    names.update(session.execute(select(m.Group.code, m.Group.name)).all())
    return names


def _renamed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    """Codes whose shown name changed (a new code: it was shown as the bare code)."""
    return {code for code, name in after.items() if before.get(code) != name}


def _touch_deadlines_naming(
    session: Session, codes: set[str], now: datetime, report: LoadReport
) -> None:
    """A deadline shows the names of its responsible units and groups: when one is renamed,
    the deadline's text changes, so its revision (SEQUENCE, LAST-MODIFIED) moves too. Its
    content hash stays: a reload of the same files then finds nothing to do."""
    if not codes:
        return
    # Cancelled ones too: feeds show them for a grace period, and their fragments are kept
    # by revision (`calendars.feeds`). Only the text changes: the reminders stay as planned.
    # The details are read as columns, and only the deadlines naming a code as rows.
    rows = session.execute(
        select(m.Occurrence.id, m.Occurrence.details).where(m.Occurrence.kind == "deadline")
    )
    ids = [id_ for id_, details in rows if codes & set(details.get("responsible") or ())]
    if not ids:
        return
    for occ in session.scalars(select(m.Occurrence).where(m.Occurrence.id.in_(ids))):
        occ.sequence += 1
        occ.updated_at = now
        report.occurrences.updated += 1


def _reachable_units(group: str, members: dict[str, set[str]]) -> set[str]:
    """Unit codes a group reaches through nested groups (cycles were refused earlier)."""
    units: set[str] = set()
    stack, seen = [group], {group}
    while stack:
        for member in members.get(stack.pop(), ()):
            if member in members:
                if member not in seen:
                    seen.add(member)
                    stack.append(member)
            else:
                units.add(member)
    return units


def _replace_links(
    session: Session, table: Any, owner_column: str, owner_id: int, have: set[int], want: set[int]
) -> None:
    gone = have - want
    if gone:
        session.execute(
            delete(table).where(getattr(table, owner_column) == owner_id, table.unit_id.in_(gone))
        )
    for unit_id in sorted(want - have):
        session.add(table(**{owner_column: owner_id, "unit_id": unit_id}))


# --- campaigns, events, occurrences ----------------------------------------------------


def _event_specs(model: CampaignFile) -> list[tuple[str, str, dict[str, Any]]]:
    """(code, kind, spec) of every event in a file, the period included."""
    campaign = model.campaign
    specs: list[tuple[str, str, dict[str, Any]]] = [
        ("period", "period", {"title": campaign.title, **campaign.period.model_dump(mode="json")})
    ]
    for section, kind in (
        ("phases", "phase"),
        ("reviews", "review"),
        ("meetings", "meeting"),
        ("deadlines", "deadline"),
    ):
        specs.extend(
            (item.code, kind, item.model_dump(mode="json", exclude_none=True))
            for item in getattr(model, section)
        )
    specs.extend(
        (c.event_code, "commemoration", c.model_dump(mode="json", exclude_none=True))
        for c in model.commemorations
    )
    return specs


def _sync_campaign(
    session: Session,
    source: SourceFile[CampaignFile],
    calendar: WorkCalendar,
    domain: str,
    now: datetime,
    report: LoadReport,
) -> m.Campaign:
    model = source.model
    spec = model.model_dump(mode="json", exclude_none=True)
    digest = canonical_hash(spec)
    campaign = session.scalar(select(m.Campaign).where(m.Campaign.code == model.campaign.code))
    values = _campaign_values(model, source.name, spec, digest)
    if campaign is None:
        campaign = m.Campaign(**values, created_at=now, updated_at=now)
        session.add(campaign)
        session.flush()
        report.campaigns.created += 1
    elif campaign.content_hash != digest:
        for key, value in values.items():
            setattr(campaign, key, value)
        campaign.updated_at = now
        report.campaigns.updated += 1
    else:
        report.campaigns.unchanged += 1
    events = _sync_events(session, campaign, model, now, report)
    _sync_occurrences(
        session, campaign, events, timeline.expand(model, calendar, domain), now, report
    )
    return campaign


def _campaign_values(
    model: CampaignFile, source_name: str, spec: dict[str, Any], digest: str
) -> dict[str, Any]:
    c = model.campaign
    return {
        "code": c.code,
        "title": c.title,
        "theme": c.theme,
        "issuer": c.issuer,
        "doc_kind": c.document.kind,
        "doc_number": c.document.number,
        "doc_date": c.document.date,
        "signer": c.document.signer,
        "period_start": c.period.start,
        "period_end": c.period.end,
        "timezone": c.timezone,
        "policy": c.non_working_day,
        "receiver": c.receiver,
        "receiver_unit": c.receiver_unit,
        "source_file": source_name,
        "spec": spec,
        "content_hash": digest,
    }


def _sync_events(
    session: Session,
    campaign: m.Campaign,
    model: CampaignFile,
    now: datetime,
    report: LoadReport,
) -> dict[str, m.Event]:
    existing = {
        e.code: e
        for e in session.scalars(select(m.Event).where(m.Event.campaign_id == campaign.id))
    }
    desired = (
        (
            code,
            canonical_hash({"kind": kind, "spec": spec}),
            {"campaign_id": campaign.id, "code": code, "kind": kind, "spec": spec},
        )
        for code, kind, spec in _event_specs(model)
    )
    _sync_versioned(session, existing, desired, m.Event, now, report.events)
    return existing


def _sync_occurrences(
    session: Session,
    campaign: m.Campaign,
    events: dict[str, m.Event],
    desired: Iterable[timeline.Occurrence],
    now: datetime,
    report: LoadReport,
) -> None:
    existing = {
        o.uid: o
        for o in session.scalars(
            select(m.Occurrence).where(m.Occurrence.campaign_id == campaign.id)
        )
    }
    desired = _keep_recurring_uids(existing, events, list(desired))
    rows = (
        (
            occ.uid,
            occ.content_hash(),
            {
                "uid": occ.uid,
                "campaign_id": campaign.id,
                "event_id": events[occ.event].id,
                **_occurrence_values(occ),
            },
        )
        for occ in desired
    )
    changed: list[m.Occurrence] = []
    _sync_versioned(session, existing, rows, m.Occurrence, now, report.occurrences, changed)
    _touch(report, {row.id for row in changed})


def _keep_recurring_uids(
    existing: dict[str, m.Occurrence],
    events: dict[str, m.Event],
    desired: list[timeline.Occurrence],
) -> list[timeline.Occurrence]:
    """A recurring deadline's occurrences keep their UIDs when only their days move: the
    k-th new day whose UID is not stored takes the UID of the k-th stored live occurrence
    of the same deadline the rule no longer gives (in date order). So a monthly report
    moved from the 15th to the 20th updates its events (SEQUENCE + 1) instead of cancelling
    them all and adding new ones; such a UID then names the day first given, not today's."""
    wanted = {occ.uid for occ in desired}
    new: dict[str, list[timeline.Occurrence]] = {}
    for occ in desired:
        if occ.details.get("rule") == "recurring" and occ.uid not in existing:
            new.setdefault(occ.event, []).append(occ)
    if not new:
        return desired
    kept: dict[str, str] = {}
    for code, occurrences in new.items():
        event = events[code]
        left = sorted(
            (
                row
                for row in existing.values()
                if row.event_id == event.id and row.cancelled_at is None and row.uid not in wanted
            ),
            key=lambda row: (row.start_date, row.uid),
        )
        occurrences.sort(key=lambda occ: (occ.start, occ.uid))
        kept.update((occ.uid, row.uid) for occ, row in zip(occurrences, left, strict=False))
    return [replace(occ, uid=kept[occ.uid]) if occ.uid in kept else occ for occ in desired]


def _occurrence_values(occ: timeline.Occurrence) -> dict[str, Any]:
    return {
        "kind": occ.kind,
        "title": occ.title,
        "start_date": occ.start,
        "end_date": occ.end,
        "start_time": occ.start_time,
        "end_time": occ.end_time,
        "details": occ.details,
    }


# --- who answers for what --------------------------------------------------------------


class Responsible:
    """Who answers for unit and group codes: active units, groups expanded to their active
    members; read for all the codes of a campaign at once (three queries, not three per
    deadline)."""

    def __init__(self, session: Session, codes: Iterable[str]) -> None:
        codes = set(codes)
        self.units: dict[str, int] = dict(
            session.execute(
                select(m.Unit.code, m.Unit.id).where(m.Unit.code.in_(codes), m.Unit.active)
            ).all()
        )
        self.groups: dict[str, set[int]] = {}
        rows = session.execute(
            select(m.Group.code, m.GroupUnit.unit_id)
            .join(m.GroupUnit, m.GroupUnit.group_id == m.Group.id)
            .join(m.Unit, m.Unit.id == m.GroupUnit.unit_id)
            .where(m.Group.code.in_(codes), m.Group.active, m.Unit.active)
        )
        for group, unit_id in rows:
            self.groups.setdefault(group, set()).add(unit_id)

    def unit_ids(self, codes: Iterable[str]) -> set[int]:
        """Active units named by unit or group codes, groups expanded."""
        ids: set[int] = set()
        for code in codes:
            if code in self.units:
                ids.add(self.units[code])
            ids |= self.groups.get(code, set())
        return ids


def _sync_assignments(session: Session, campaign: m.Campaign, report: LoadReport) -> None:
    deadlines = list(
        session.scalars(
            select(m.Event).where(m.Event.campaign_id == campaign.id, m.Event.kind == "deadline")
        )
    )
    responsible = Responsible(session, {c for e in deadlines for c in e.spec["units"]})
    assigned: dict[int, set[int]] = {}
    rows = session.execute(
        select(m.Assignment.event_id, m.Assignment.unit_id).where(
            m.Assignment.event_id.in_([e.id for e in deadlines])
        )
    )
    for event_id, unit_id in rows:
        assigned.setdefault(event_id, set()).add(unit_id)
    for event in deadlines:
        want = responsible.unit_ids(event.spec["units"])
        have = assigned.get(event.id, set())
        if want != have:
            _replace_links(session, m.Assignment, "event_id", event.id, have, want)
            report.assignments.created += len(want - have)
            report.assignments.cancelled += len(have - want)
            occurrences = select(m.Occurrence.id).where(m.Occurrence.event_id == event.id)
            _touch(report, set(session.scalars(occurrences)))
        else:
            report.assignments.unchanged += len(want)


# --- what the reminders must follow ------------------------------------------------------


def _touch(report: LoadReport, occurrence_ids: set[int]) -> None:
    if report.touched is not None:
        report.touched |= occurrence_ids


def _receiving(session: Session, codes: set[str]) -> set[int]:
    """Deadline occurrences whose receiving office is one of the units ``codes`` (made,
    made active again or deactivated: its list of late units starts or stops)."""
    if not codes:
        return set()
    rows = session.execute(
        select(m.Occurrence.id, m.Occurrence.details).where(m.Occurrence.kind == "deadline")
    )
    return {id_ for id_, details in rows if details.get("receiver_unit") in codes}
