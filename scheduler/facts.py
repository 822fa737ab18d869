"""What a dispatch's decisions are made on, read from the database: the claimed rows'
deadlines (with their .ics) and units, kept for a run in a `RunCache`, and for each claim
who answers for what, who submitted, the rival rows due today and who is late.

`load_context` gathers it into a `scheduler.decisions.BatchContext`; nothing here decides.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session, joinedload

from calendars import feeds_tokens
from calendars import models as m
from calendars.feeds import audience_names
from calendars.ical import occurrence_calendar
from calendars.store import CALENDAR_VERSION
from config.settings import Settings
from scheduler.claims import Claimed
from scheduler.decisions import BatchContext, LateState, end_of_day
from scheduler.models import Reminder
from scheduler.notices import Deadline, UnitInfo, deadline, unit_info
from submissions import records


class RunCache:
    """Deadlines (with their .ics) and units, read once per run and calendar version."""

    def __init__(self, settings: Settings, *, ics: bool = True) -> None:
        self.settings = settings
        self.ics = ics
        self.version: int | None = None  # the calendar version what is kept was read at
        self.names: dict[str, str] | None = None  # unit and group names, for the .ics
        self.deadlines: dict[int, Deadline] = {}
        self.units: dict[int, UnitInfo] = {}

    def load(self, session: Session, occurrence_ids: set[int], unit_ids: set[int]) -> None:
        missing = occurrence_ids - self.deadlines.keys()
        if missing:
            occurrences = session.scalars(
                select(m.Occurrence)
                .options(joinedload(m.Occurrence.campaign))
                .where(m.Occurrence.id.in_(missing))
            )
            for occ in occurrences:
                self.deadlines[occ.id] = deadline(occ, self._ics(session, occ))
        self.load_units(session, unit_ids)

    def _ics(self, session: Session, occ: m.Occurrence) -> bytes | None:
        """The deadline as a one-event calendar, rendered as the feeds render it."""
        if not self.ics:
            return None
        if self.names is None:
            self.names = audience_names(session)
        return occurrence_calendar(occ, occ.campaign, self.settings, names=self.names)

    def load_units(self, session: Session, unit_ids: Iterable[int]) -> None:
        """The units, and their calendar link generations read afresh: a link renewed
        during a run is in the unit's next message, not the old one."""
        wanted = set(unit_ids)
        if not wanted:
            return
        rows = session.execute(
            select(m.FeedGeneration.unit_id, m.FeedGeneration.generation).where(
                m.FeedGeneration.unit_id.in_(wanted)
            )
        )
        generations = {unit_id: generation for unit_id, generation in rows}  # noqa: C416
        missing = wanted - self.units.keys()
        if missing:
            # Their columns, not ORM objects: a claim reads a hundred units at a time.
            columns = (m.Unit.id, m.Unit.code, m.Unit.name, m.Unit.emails, m.Unit.active)
            for unit in session.execute(select(*columns).where(m.Unit.id.in_(missing))):
                self.units[unit.id] = unit_info(unit)
        for unit_id in wanted & self.units.keys():
            generation = generations.get(unit_id, feeds_tokens.FIRST_GENERATION)
            if self.units[unit_id].feed_generation != generation:
                self.units[unit_id] = replace(self.units[unit_id], feed_generation=generation)

    def keep_for(self, version: int) -> None:
        """Drop what was read at another calendar version (it changed during the run)."""
        if version != self.version:
            self.names = None
            self.deadlines.clear()
            self.units.clear()
            self.version = version


def calendar_version_of(db: Connection) -> int:
    """The calendar's version as stored now (`calendars.store.calendar_version`), read on a
    plain connection: checked before every message, so it costs one indexed read, made
    by the driver itself in the connection's transaction (a statement through SQLAlchemy
    costs several times the read)."""
    driver: Any = db.connection.driver_connection
    found = driver.execute(calendar_version_sql(db.dialect)).fetchone()
    return (found[0] if found else None) or 0


@lru_cache(maxsize=4)
def calendar_version_sql(dialect: Dialect) -> str:
    """The read of `calendar_version_of`, as the driver of ``dialect`` takes it."""
    query = select(m.State.value).where(m.State.key == CALENDAR_VERSION)
    return str(query.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))


def load_context(
    session: Session,
    rows: Sequence[Claimed],
    cache: RunCache,
    now: datetime,
    settings: Settings,
) -> BatchContext:
    occurrence_ids = {r.occurrence_id for r in rows}
    unit_ids = {r.unit_id for r in rows}
    cache.load(session, occurrence_ids, unit_ids)
    event_ids = {cache.deadlines[o].event_id for o in occurrence_ids if o in cache.deadlines}
    assigned = {
        (event_id, unit_id)
        for event_id, unit_id in session.execute(
            select(m.Assignment.event_id, m.Assignment.unit_id).where(
                m.Assignment.unit_id.in_(unit_ids), m.Assignment.event_id.in_(event_ids)
            )
        )
    }
    submitted = records.done_pairs(session, occurrence_ids=occurrence_ids, unit_ids=unit_ids)
    late_ids = {r.occurrence_id for r in rows if r.kind == "late_list"}
    late = {o: late_state(session, cache, o) for o in late_ids if o in cache.deadlines}
    return BatchContext(
        deadlines=cache.deadlines,
        units=cache.units,
        assigned=assigned,
        submitted=submitted,
        rivals=_rivals(session, rows, now, settings),
        late=late,
    )


def _rivals(
    session: Session, rows: Sequence[Claimed], now: datetime, settings: Settings
) -> list[Claimed]:
    """Other rows of the same deadlines and units, due by tonight (a later one supersedes)."""
    today = now.astimezone(settings.tz).date()
    table = Reminder.__table__
    query = select(
        table.c.id,
        table.c.occurrence_id,
        table.c.unit_id,
        table.c.kind,
        table.c.offset,
        table.c.fire_at,
    ).where(
        table.c.occurrence_id.in_({r.occurrence_id for r in rows}),
        table.c.unit_id.in_({r.unit_id for r in rows}),
        table.c.status.in_(("pending", "sending", "sent")),
        table.c.fire_at < end_of_day(today, settings),
        table.c.id.not_in([r.id for r in rows]),
    )
    return [Claimed(*row, attempts=0, message_id=None) for row in session.execute(query)]


def late_state(session: Session, cache: RunCache, occurrence_id: int) -> LateState:
    dl = cache.deadlines[occurrence_id]
    responsible = list(
        session.scalars(
            select(m.Assignment.unit_id)
            .join(m.Unit, m.Unit.id == m.Assignment.unit_id)
            .where(m.Assignment.event_id == dl.event_id, m.Unit.active)
        )
    )
    done = {unit for _, unit in records.done_pairs(session, occurrence_ids=[occurrence_id])}
    cache.load_units(session, responsible)
    late = tuple(cache.units[u] for u in responsible if u not in done)
    return LateState(late, len(set(responsible) & done), len(responsible))
