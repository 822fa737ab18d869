"""Read the stored calendar: occurrences in a window (for a campaign, a unit, a group, a
kind), campaigns and units, and the plain records the CLI and the JSON API print.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import Session, joinedload

from calendars import models as m

# Rows of `stream_occurrence_records` read and shown at a time.
STREAM_BATCH = 1000


@dataclass(frozen=True)
class Window:
    """Occurrences that overlap [start, end] (both inclusive; None is open)."""

    start: date | None = None
    end: date | None = None


def occurrences(
    session: Session,
    window: Window = Window(),
    *,
    campaign: str | None = None,
    unit: str | None = None,
    group: str | None = None,
    kinds: Sequence[str] | None = None,
    include_cancelled: bool = False,
) -> list[m.Occurrence]:
    """Occurrences in a window, ordered by day, with their campaign and event.

    For a unit: its own deadlines, and the other events (period, phases, reviews,
    commemorations, meetings) of the campaigns in which it answers for a deadline. For a
    group: the same, for the deadlines of any of its units.
    """
    query = occurrence_select(
        window,
        campaign=campaign,
        unit=unit,
        group=group,
        kinds=kinds,
        include_cancelled=include_cancelled,
    )
    return list(session.scalars(shown(query)))


def shown(query: Select[tuple[m.Occurrence]]) -> Select[tuple[m.Occurrence]]:
    """An `occurrence_select` with what showing an occurrence needs loaded alongside."""
    return query.options(
        # Showing an occurrence needs neither the campaign file nor the event's spec:
        # decoding that JSON again for every joined row cost ~1 s per 1,000 rows.
        joinedload(m.Occurrence.campaign).defer(m.Campaign.spec),
        joinedload(m.Occurrence.event).defer(m.Event.spec),
    )


def occurrence_select(
    window: Window = Window(),
    *,
    campaign: str | None = None,
    unit: str | None = None,
    group: str | None = None,
    kinds: Sequence[str] | None = None,
    include_cancelled: bool = False,
) -> Select[tuple[m.Occurrence]]:
    """The statement behind `occurrences`, without loader options: callers that need only
    some columns (the feeds' fragment keys) narrow it with ``with_only_columns``."""
    query: Select[tuple[m.Occurrence]] = select(m.Occurrence).order_by(
        m.Occurrence.start_date, m.Occurrence.start_time, m.Occurrence.uid
    )
    if window.start is not None:
        query = query.where(m.Occurrence.end_date >= window.start)
    if window.end is not None:
        query = query.where(m.Occurrence.start_date <= window.end)
    if campaign is not None:
        query = query.join(m.Campaign).where(m.Campaign.code == campaign)
    if kinds:
        query = query.where(m.Occurrence.kind.in_(list(kinds)))
    if not include_cancelled:
        query = query.where(m.Occurrence.cancelled_at.is_(None))
    if unit is not None or group is not None:
        query = query.where(_audience_filter(unit, group))
    return query


def _audience_filter(unit: str | None, group: str | None) -> Any:
    unit_ids = (
        select(m.Unit.id).where(m.Unit.code == unit)
        if unit is not None
        else (select(m.GroupUnit.unit_id).join(m.Group).where(m.Group.code == group))
    )
    own_events = select(m.Assignment.event_id).where(m.Assignment.unit_id.in_(unit_ids))
    own_campaigns = select(m.Event.campaign_id).where(m.Event.id.in_(own_events))
    return or_(
        m.Occurrence.event_id.in_(own_events),
        and_(m.Occurrence.kind != "deadline", m.Occurrence.campaign_id.in_(own_campaigns)),
    )


def units_by_event(session: Session, event_ids: Iterable[int]) -> dict[int, list[str]]:
    """Codes of the units that answer for each deadline event."""
    result: dict[int, list[str]] = defaultdict(list)
    rows = session.execute(
        select(m.Assignment.event_id, m.Unit.code)
        .join(m.Unit, m.Unit.id == m.Assignment.unit_id)
        .where(m.Assignment.event_id.in_(list(set(event_ids))))
        .order_by(m.Unit.code)
    )
    for event_id, code in rows:
        result[event_id].append(code)
    return result


def occurrence_record(occ: m.Occurrence, units: list[str] | None = None) -> dict[str, Any]:
    """The plain record of an occurrence (``thidua events --format json``)."""
    record: dict[str, Any] = {
        "uid": occ.uid,
        "campaign": occ.campaign.code,
        "kind": occ.kind,
        "code": occ.event.code,
        "title": occ.title,
        "start": occ.start_date.isoformat(),
        "end": occ.end_date.isoformat(),
        "sequence": occ.sequence,
        "last_modified": occ.updated_at.isoformat(),
    }
    if occ.start_time is not None:
        record["start_time"] = occ.start_time.strftime("%H:%M")
        record["end_time"] = occ.end_time.strftime("%H:%M") if occ.end_time else None
    if occ.cancelled_at is not None:
        record["cancelled_at"] = occ.cancelled_at.isoformat()
    details = dict(occ.details)
    if occ.kind == "deadline":
        details["units"] = units or []
    record.update(details)
    return record


def occurrence_records(session: Session, rows: list[m.Occurrence]) -> list[dict[str, Any]]:
    units = units_by_event(session, (o.event_id for o in rows if o.kind == "deadline"))
    return [occurrence_record(o, units.get(o.event_id)) for o in rows]


def stream_occurrence_records(
    session: Session, query: Select[tuple[m.Occurrence]], batch: int | None = None
) -> Iterator[dict[str, Any]]:
    """The records of the occurrences ``query`` (`occurrence_select`) selects, in its order,
    read ``batch`` rows (default `STREAM_BATCH`) at a time: a server-side cursor on
    PostgreSQL, SQLite's stepping cursor. Memory holds one batch and its deadlines' units,
    not the whole window, so consume the records inside the session."""
    batched = shown(query).execution_options(yield_per=batch or STREAM_BATCH)
    rows_in_batches = session.scalars(batched)
    for rows in rows_in_batches.partitions():
        units = units_by_event(session, (o.event_id for o in rows if o.kind == "deadline"))
        for occ in rows:
            yield occurrence_record(occ, units.get(occ.event_id))


def campaigns(session: Session) -> list[m.Campaign]:
    return list(
        session.scalars(select(m.Campaign).order_by(m.Campaign.period_start, m.Campaign.code))
    )


def units(session: Session, *, include_inactive: bool = False) -> list[m.Unit]:
    query = select(m.Unit).order_by(m.Unit.code)
    if not include_inactive:
        query = query.where(m.Unit.active)
    return list(session.scalars(query))


def groups(session: Session) -> list[m.Group]:
    return list(
        session.scalars(
            select(m.Group)
            .where(m.Group.active)
            .options(joinedload(m.Group.units))
            .order_by(m.Group.code)
        ).unique()
    )


def known_codes(session: Session) -> tuple[frozenset[str], frozenset[str]]:
    """Active unit and group codes, for files that refer to stored units."""
    unit_codes = frozenset(session.scalars(select(m.Unit.code).where(m.Unit.active)))
    group_codes = frozenset(session.scalars(select(m.Group.code).where(m.Group.active)))
    return unit_codes, group_codes
