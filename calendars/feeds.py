"""Feeds: what an audience sees in a window, assembled from fragments kept per revision.

- **Audiences**: everything; one campaign; one group (its units' deadlines and the other
  events of their campaigns); one unit (its own deadlines and the phases, reviews,
  commemorations and meetings of its campaigns), as `calendars.queries.occurrence_select`
  selects them.
- **Window**: from ``feed_window_back_days`` before today to ``feed_window_ahead_days``
  after (one year back, two ahead by default), so feeds stay small. "Today" is the
  service's time zone's day, passed in: the same data on the same day gives the same bytes.
- **Cancelled** occurrences stay as STATUS:CANCELLED for ``cancelled_grace_days`` days
  after the day they were cancelled, then leave the feed.
- **Fragments**: a VEVENT's bytes depend only on the occurrence's revision, the campaign's
  document line, the names of the units and groups it addresses and the render options.
  A renamed unit or group raises the revision of the deadlines naming it
  (`calendars.store`), so the key is (revision, campaign, options, a unit's answer): a
  rename re-renders the deadlines that show the name, not every deadline. That tuple is
  the key of an in-process LRU bounded by bytes, not by a count of events (the
  ``fragment_cache_bytes`` setting, 256 MiB: about 150,000 typical events), so a large
  calendar is not re-rendered at every build. A build reads only the columns of
  that key (no JSON, no ORM objects), then the full rows of the occurrences not in the
  cache: after one change it renders one event and joins the rest. Fragments are also
  kept in the database (`m.FeedFragment`, under the SHA-256 of that key and of the
  renderer's code; written by the service after it answered, `FeedBuilder.save`), so a
  restarted service reads the bytes back instead of rendering every event again; a newer
  revision of an event replaces the older ones there.
- **Feed**: body, strong ETag (SHA-256 of the bytes), Last-Modified and its gzip, made once.
  Last-Modified is the newest of: the last change anywhere in the calendar (a unit renamed,
  a group's members, a campaign's title: whatever a load or an edit changed), the day an
  event entered the window, and the day the last event left it (the window moved on, or a
  cancelled event's grace ended). It may move when the bytes do not (a client then fetches
  bytes it had), never the other way: a client that revalidates with If-Modified-Since
  alone never keeps stale data.
- **Revisions**: an event's SEQUENCE, LAST-MODIFIED and DTSTAMP move whenever its text
  does: its campaign's title and document are part of its content, and renaming a unit or
  group raises the revision of the deadlines that name it (`calendars.store`).
- **National days**: in the shared feeds (everything, a group) a catalog commemoration
  kept by several campaigns on one day is one event (`NationalDay`), the campaigns listed
  in its description, its UID the entry's and the day's (``ngay-ky-niem:…``): it stays
  when a campaign joins or leaves. A campaign's and a unit's feeds keep their own.
- **A unit's feed** says which of its deadlines it has met ("Đã gửi" in the SUMMARY, the day
  in the DESCRIPTION), from the `AnswersSource` the face gives the builder; every change of
  the unit's answer raises the event's SEQUENCE and moves its LAST-MODIFIED (and the
  ``answers_version`` counter tells caches). It leaves out the campaign-long spans
  (`SPAN_KINDS`) unless the query asks for them (``?spans=1``).
"""

from __future__ import annotations

import gzip
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from functools import lru_cache
from pathlib import Path
from typing import Any, Generic, Literal, NamedTuple, TypeVar
from urllib.parse import quote
from zoneinfo import ZoneInfo

import icalendar
from sqlalchemy import bindparam, delete, func, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from calendars import feeds_tokens, ical, queries
from calendars import models as m
from calendars.ical import CalendarMeta, CampaignInfo, Fragment, RenderOptions
from calendars.store import ANSWERS_VERSION, CALENDAR_VERSION
from calendars.timeline import KINDS, kind_label
from config.dates import shift_days
from config.settings import Settings
from translations import DEFAULT_LANGUAGE, N_
from translations import gettext as _

AudienceKind = Literal["all", "campaign", "group", "unit"]
# What a cached fragment costs beyond its bytes (`fragment_weight`).
FRAGMENT_OVERHEAD = 300
SPAN_KINDS = ("period", "phase")  # months-long: left out of a unit's feed unless ?spans=1
# In a unit's feed, what the unit did about its deadlines, by UID (`submissions` knows;
# the face hands its reader in, as this room imports no room above it).
AnswersSource = Callable[[Session, str, list[str]], dict[str, ical.Answered]]
K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
T = TypeVar("T")


class LruCache(Generic[K, V]):
    """A least-recently-used map bounded by the total weight of its values; safe to share
    between threads (builds of different feeds run side by side)."""

    def __init__(self, max_weight: int, weigh: Callable[[V], int] = lambda _v: 1) -> None:
        self.max_weight = max_weight
        self.weigh = weigh
        self.weight = 0
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: K) -> V | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: K, value: V) -> None:
        weight = self.weigh(value)
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self.weight -= self.weigh(old)
            self._items[key] = value
            self.weight += weight
            while self.weight > self.max_weight and len(self._items) > 1:
                _, evicted = self._items.popitem(last=False)
                self.weight -= self.weigh(evicted)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.weight = 0


@dataclass(frozen=True)
class Audience:
    kind: AudienceKind
    code: str = ""  # campaign, group or unit code; empty for "all"

    def __str__(self) -> str:
        return "all" if self.kind == "all" else f"{self.kind} {self.code!r}"


@dataclass(frozen=True)
class FeedQuery:
    """One feed: an audience, the kinds it keeps (empty: all), whether it has alarms, and
    whether a unit's feed keeps the campaign-long spans (`SPAN_KINDS`)."""

    audience: Audience
    kinds: tuple[str, ...] = ()
    alarms: bool = False
    spans: bool = False

    @property
    def shown_kinds(self) -> tuple[str, ...] | None:
        """The kinds selected (None: all): a unit's feed leaves out the spans that would
        fill every day of a phone's calendar, unless asked for them (or for kinds)."""
        if self.kinds:
            return self.kinds
        if self.audience.kind == "unit" and not self.spans:
            return tuple(k for k in KINDS if k not in SPAN_KINDS)
        return None


@dataclass
class Feed:
    body: bytes
    etag: str  # strong, quoted
    last_modified: datetime | None
    events: int
    _gzipped: bytes | None = field(default=None, repr=False)
    # A strong ETag names one representation: the gzipped one gets its own.
    gzip_etag: str = field(init=False)

    def __post_init__(self) -> None:
        self.gzip_etag = self.etag[:-1] + '-gzip"'

    @property
    def needs_gzip(self) -> bool:
        return self._gzipped is None

    def compress(self) -> None:
        self.gzipped  # noqa: B018 - made and kept

    @property
    def gzipped(self) -> bytes:
        """The body gzipped once (mtime 0: the same bytes every time)."""
        if self._gzipped is None:
            self._gzipped = gzip.compress(self.body, compresslevel=6, mtime=0)
        return self._gzipped


class FeedNotFound(LookupError):
    """No such campaign, group or (active) unit; its message says which, in the current
    language (the command line's, or the feed's default for a calendar application)."""


# What a missing audience is called, by its kind.
NOT_FOUND = {
    "campaign": N_("no campaign %(code)s"),
    "group": N_("no group %(code)s"),
    "unit": N_("no unit %(code)s"),
}


def parse_kinds(values: Iterable[str]) -> tuple[str, ...]:
    """``deadline,phase`` or repeated values → a sorted tuple; an unknown kind is an error."""
    kinds: set[str] = set()
    for value in values:
        for part in value.split(","):
            kind = part.strip()
            if not kind:
                continue
            if kind not in KINDS:
                raise ValueError(
                    _(
                        "unknown kind %(kind)s: use one of %(kinds)s",
                        kind=repr(kind),
                        kinds=", ".join(KINDS),
                    )
                )
            kinds.add(kind)
    return tuple(sorted(kinds))


def window(settings: Settings, today: date) -> queries.Window:
    return queries.Window(
        shift_days(today, -settings.feed_window_back_days),
        shift_days(today, settings.feed_window_ahead_days),
    )


def still_shown(occ: m.Occurrence, today: date, grace_days: int, tz: ZoneInfo) -> bool:
    """Live occurrences, and cancelled ones within their grace period."""
    if occ.cancelled_at is None:
        return True
    return shift_days(occ.cancelled_at.astimezone(tz).date(), grace_days) > today


def feed_state(session: Session) -> tuple[int, int, int]:
    """The counters a feed's cache entry depends on: (calendar_version, feed_tokens,
    answers_version)."""
    keys = [CALENDAR_VERSION, feeds_tokens.FEED_TOKENS, ANSWERS_VERSION]
    query = select(m.State.key, m.State.value).where(m.State.key.in_(keys))
    values = dict(session.execute(query).all())
    calendar, tokens, answers = (values.get(key, 0) for key in keys)
    return calendar, tokens, answers


def calendar_changed_at(session: Session) -> datetime | None:
    """When anything in the calendar last changed (`calendars.store.bump_version`)."""
    return session.scalar(select(m.State.updated_at).where(m.State.key == CALENDAR_VERSION))


def audience_names(session: Session) -> dict[str, str]:
    """Names of units and groups by code, for "Đơn vị thực hiện" in descriptions."""
    names = dict(session.execute(select(m.Unit.code, m.Unit.name)).all())
    names.update(session.execute(select(m.Group.code, m.Group.name)).all())
    return names


_HEAD_COLUMNS = (
    m.Occurrence.uid,
    m.Occurrence.campaign_id,
    m.Occurrence.kind,
    m.Occurrence.start_date,
    m.Occurrence.start_time,
    m.Occurrence.sequence,
    m.Occurrence.content_hash,
    m.Occurrence.updated_at,
    m.Occurrence.cancelled_at,
    m.Occurrence.details["catalog"].as_string().label("catalog"),
    m.Occurrence.details["timezone"].as_string().label("timezone"),
)


class Head(NamedTuple):
    """What identifies an occurrence's revision (`_HEAD_COLUMNS`), as a plain tuple: a build
    reads its fields many times per event, faster than from a database row."""

    uid: str
    campaign_id: int
    kind: str
    start_date: date
    start_time: time | None
    sequence: int
    content_hash: str
    updated_at: datetime
    cancelled_at: datetime | None
    catalog: str | None
    timezone: str | None  # a timed event's: its fragment's TZID (`ical.event_fragment`)


SHARED_AUDIENCES = ("all", "group")  # where a national day kept by several campaigns is one


@dataclass(frozen=True)
class NationalDay:
    """A national day in a shared feed: the commemorations of one catalog entry on one
    day, from every campaign of the feed that keeps it, shown as one event. Its UID names
    the entry and the day only, so it stays when a campaign joins or leaves."""

    uid: str
    members: tuple[Head, ...]
    changed: datetime | None  # a group's feed: when its campaigns may have changed
    # The SEQUENCEs of members whose grace period after cancellation ended: still counted,
    # so that the day's SEQUENCE (the sum of its members') never goes down.
    retired: int = 0

    @property
    def start_date(self) -> date:
        return self.members[0].start_date

    @property
    def sequence(self) -> int:
        return sum(row.sequence for row in self.members) + self.retired

    start_time = None


def national_uid(catalog: str, day: date, domain: str) -> str:
    """``ngay-ky-niem:thanh-lap-dang/20240203@domain``: no campaign's UID has a colon."""
    return f"ngay-ky-niem:{catalog}/{day:%Y%m%d}@{domain}"


def merge_national_days(
    heads: list[Head], gone: list[Head], domain: str, changed: datetime | None
) -> list[Head | NationalDay]:
    """The rows with every catalog commemoration replaced by its day's `NationalDay`
    (``gone``: the rows of the window no longer shown, whose SEQUENCEs still count)."""
    retired: dict[tuple[str, date], int] = {}
    for row in gone:
        if row.kind == "commemoration" and row.catalog:
            key = (row.catalog, row.start_date)
            retired[key] = retired.get(key, 0) + row.sequence
    days: dict[tuple[str, date], list[Head]] = {}
    items: list[Head | NationalDay] = []
    for row in heads:
        if row.kind == "commemoration" and row.catalog:
            days.setdefault((row.catalog, row.start_date), []).append(row)
        else:
            items.append(row)
    for (catalog, day), members in days.items():
        members.sort(key=lambda row: row.uid)
        uid = national_uid(catalog, day, domain)
        items.append(NationalDay(uid, tuple(members), changed, retired.get((catalog, day), 0)))
    return items


@dataclass(frozen=True)
class _RenderContext:
    """What every fragment of one build is rendered with, and the fragments' cache key."""

    campaigns: dict[int, CampaignInfo]
    names: dict[str, str]
    options: RenderOptions
    answered: dict[str, ical.Answered] = field(default_factory=dict)  # a unit's feed

    def key(self, row: Any) -> Hashable:
        """A revision of an occurrence as rendered: from a head row or a full row."""
        return (
            row.uid,
            row.sequence,
            row.content_hash,
            row.updated_at,
            row.cancelled_at is not None,
            self.campaigns[row.campaign_id],
            self.options,
            self.answered.get(row.uid),
        )


def _position(item: Head | NationalDay) -> tuple[date, time, str]:
    """The order of events in a feed (the engines order NULL start times differently: the
    bytes must not depend on it)."""
    return (item.start_date, item.start_time or time.min, item.uid)


def _campaigns(session: Session, ids: set[int]) -> dict[int, tuple[CampaignInfo, datetime]]:
    """The text each campaign lends its events, and when the campaign last changed."""
    if not ids:
        return {}
    rows = session.execute(
        select(
            m.Campaign.id,
            m.Campaign.code,
            m.Campaign.title,
            m.Campaign.doc_kind,
            m.Campaign.doc_number,
            m.Campaign.doc_date,
            m.Campaign.issuer,
            m.Campaign.updated_at,
        ).where(m.Campaign.id.in_(sorted(ids)))
    )
    return {row.id: (CampaignInfo.of(row), row.updated_at) for row in rows}


def _digest(data: bytes | object) -> str:
    raw = data if isinstance(data, bytes) else repr(data).encode("utf-8")
    return hashlib.sha256(raw).hexdigest()


def _chunks(items: list[T], size: int) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# What a stored fragment's bytes also depend on: the code that renders them. A new version
# of the renderer (or of icalendar) gives new keys, and the fragments of the old one are
# rendered again (and replace theirs as each event changes).
RENDERER = _digest(Path(ical.__file__).read_bytes() + icalendar.__version__.encode("ascii"))


def _stored_key(key: Hashable) -> str:
    """A fragment's key in the database: the digest of its in-memory key, whose parts all
    have a stable repr (strings, numbers, dates, frozen dataclasses of them). An event's
    campaign and options are the same for many keys: their repr is made once."""
    assert isinstance(key, tuple)
    if len(key) == 8:  # an occurrence's (`_RenderContext.key`): the usual case, made quick
        uid, sequence, content, updated, cancelled, campaign, options, answered = key
        text = (
            f"{uid}|{sequence}|{content}|{updated.isoformat()}|{cancelled}|"
            f"{_shared_repr(campaign)}|{_shared_repr(options)}|{answered!r}"
        )
    else:
        text = repr(key)
    return _digest(f"{RENDERER}|{text}".encode())


@lru_cache(maxsize=4096)
def _shared_repr(part: CampaignInfo | RenderOptions) -> str:
    return repr(part)


def _fragment_row(digest: str, item: Head | NationalDay, fragment: Fragment) -> dict[str, Any]:
    if isinstance(item, NationalDay):
        uid, sequence = item.uid, item.sequence
    else:
        uid, sequence = item.uid, item.sequence
    return {
        "key": digest,
        "uid": uid,
        "sequence": sequence,
        "data": fragment.data,
        "tzid": fragment.tzid,
    }


def load_fragments(session: Session, digests: list[str]) -> dict[str, Fragment]:
    """The stored fragments among ``digests``."""
    table = m.FeedFragment.__table__
    found: dict[str, Fragment] = {}
    for chunk in _chunks(digests, 500):
        query = select(table.c.key, table.c.data, table.c.tzid).where(table.c.key.in_(chunk))
        found.update(
            (key, Fragment(bytes(data), tzid)) for key, data, tzid in session.execute(query).all()
        )
    return found


def save_fragments(session: Session, rows: list[dict[str, Any]]) -> None:
    """Store rendered fragments (one already there is left as it is: same key, same
    bytes) and drop the older revisions of their events."""
    if not rows:
        return
    table = m.FeedFragment.__table__
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    for chunk in _chunks(rows, 1000):
        session.execute(insert(table).on_conflict_do_nothing(index_elements=["key"]), chunk)
    older = [{"u": row["uid"], "s": row["sequence"]} for row in rows if row["sequence"] > 0]
    if older:
        condition = (table.c.uid == bindparam("u")) & (table.c.sequence < bindparam("s"))
        session.execute(delete(table).where(condition), older)


def fragment_weight(fragment: Fragment) -> int:
    """What a cached fragment costs in memory: its bytes, and a few hundred bytes for its
    key (a tuple of the revision's fields) and the objects around them."""
    return len(fragment.data) + FRAGMENT_OVERHEAD


# Events whose fragments a feed's `FeedBuilder.pieces` gathers at a time.
PIECE_BATCH = 1000


@dataclass(frozen=True)
class FeedPlan:
    """A feed before its events' bytes: its calendar's properties and VTIMEZONEs, its
    events in order, what they are rendered with, and its Last-Modified."""

    meta: CalendarMeta
    tzids: list[str]
    items: list[Head | NationalDay]
    context: _RenderContext
    last_modified: datetime | None


class FeedBuilder:
    """Builds feeds from the store, keeping rendered fragments across builds. Builds may
    run in several threads at once: nothing is shared but the fragment cache, which locks
    itself for each lookup (the web layer makes concurrent requests for one feed share
    one build)."""

    def __init__(
        self,
        settings: Settings,
        *,
        max_fragment_bytes: int | None = None,
        answers: AnswersSource | None = None,
        keep: bool = False,
    ):
        """``keep``: remember what is rendered for `save` (the service keeps fragments in
        the database; a command that builds one feed and exits does not).
        ``max_fragment_bytes``: the cache's bound (default: ``fragment_cache_bytes``)."""
        self.settings = settings
        self.answers = answers
        self.tz = settings.tz
        bound = settings.fragment_cache_bytes if max_fragment_bytes is None else max_fragment_bytes
        self.fragments: LruCache[Hashable, Fragment] = LruCache(bound, weigh=fragment_weight)
        self.rendered = 0  # fragments rendered (not found in the cache) since creation
        self.loaded = 0  # fragments read back from the database (`m.FeedFragment`)
        self.keep = keep
        self._unsaved: list[dict[str, Any]] = []  # rendered, not yet in the database
        self._unsaved_lock = threading.Lock()

    def build(self, session: Session, query: FeedQuery, today: date) -> Feed:
        """The feed's bytes for ``today``; `FeedNotFound` for an unknown audience."""
        plan = self.plan(session, query, today)
        body = b"".join(self.pieces(session, plan))
        return Feed(
            body=body,
            etag=f'"{_digest(body)[:40]}"',
            last_modified=plan.last_modified,
            events=len(plan.items),
        )

    def plan(self, session: Session, query: FeedQuery, today: date) -> FeedPlan:
        """What the feed holds, in order, and its validators, before any event's bytes;
        `FeedNotFound` for an unknown audience."""
        meta, audience_changed = self._meta(session, query)
        audience = query.audience
        statement = queries.occurrence_select(
            window(self.settings, today),
            campaign=audience.code if audience.kind == "campaign" else None,
            group=audience.code if audience.kind == "group" else None,
            unit=audience.code if audience.kind == "unit" else None,
            kinds=query.shown_kinds,
            include_cancelled=True,
        )
        # First only what identifies each revision: a fragment in the cache needs no more.
        grace = self.settings.cancelled_grace_days
        heads, gone = [], []
        rows = session.execute(statement.with_only_columns(*_HEAD_COLUMNS)).all()
        for row in map(Head._make, rows):
            (heads if still_shown(row, today, grace, self.tz) else gone).append(row)
        campaigns = _campaigns(session, {row.campaign_id for row in heads})
        names = audience_names(session) if any(r.kind == "deadline" for r in heads) else {}
        context = _RenderContext(
            campaigns={cid: info for cid, (info, _) in campaigns.items()},
            names=names,
            options=RenderOptions.from_settings(self.settings, alarms=query.alarms),
            answered=self._answered(session, audience, heads),
        )
        items: list[Head | NationalDay] = list(heads)
        if audience.kind in SHARED_AUDIENCES:
            domain = self.settings.uid_domain
            items = merge_national_days(heads, gone, domain, audience_changed)
        items.sort(key=_position)
        changes = [changed for _, changed in campaigns.values()]
        changes += [answer.changed_at for answer in context.answered.values()]
        changes += self._departures(session, query, today, gone)
        for moment in (audience_changed, calendar_changed_at(session)):
            if moment is not None:
                changes.append(moment)
        # National days are all-day: only occurrences with a time name a zone.
        tzids = sorted({r.timezone for r in heads if r.start_time is not None and r.timezone})
        return FeedPlan(meta, tzids, items, context, self._last_modified(heads, changes))

    def pieces(self, session: Session, plan: FeedPlan) -> Iterator[bytes]:
        """The feed's bytes in order (`ical.assemble`'s), the events' fragments found or
        rendered `PIECE_BATCH` at a time: a whole feed is never held by this generator."""
        yield ical.calendar_header(plan.meta)
        yield from (ical.timezone_block(tzid) for tzid in plan.tzids)
        for batch in _chunks(plan.items, PIECE_BATCH):
            yield from (fragment.data for fragment in self._fragments(session, batch, plan.context))
        yield ical.FOOTER

    def _answered(
        self, session: Session, audience: Audience, heads: list[Head]
    ) -> dict[str, ical.Answered]:
        if audience.kind != "unit" or self.answers is None:
            return {}
        uids = [row.uid for row in heads if row.kind == "deadline"]
        return self.answers(session, audience.code, uids) if uids else {}

    def _fragments(
        self, session: Session, items: list[Head | NationalDay], context: _RenderContext
    ) -> list[Fragment]:
        """The fragments of the items: from the cache, else from the database (after a
        restart), else rendered from full rows."""
        keys = [self._key(item, context) for item in items]
        found = {key: self.fragments.get(key) for key in keys}
        missing = [(item, key) for item, key in zip(items, keys, strict=True) if found[key] is None]
        if missing:
            stored = {_stored_key(key): (item, key) for item, key in missing}
            for digest, fragment in load_fragments(session, list(stored)).items():
                key = stored.pop(digest)[1]
                self.fragments.put(key, fragment)
                found[key] = fragment
                self.loaded += 1
            self._render_missing(session, stored, context, found)
        return [found[key] for key in keys]  # type: ignore[misc]

    def _render_missing(
        self,
        session: Session,
        missing: dict[str, tuple[Head | NationalDay, Hashable]],
        context: _RenderContext,
        found: dict[Hashable, Fragment | None],
    ) -> None:
        """Render what neither the cache nor the database had, from full rows read 500 at
        a time (a cold build of a large calendar holds one batch of rows, not all)."""
        rendered = []
        for batch in _chunks(list(missing.items()), 500):
            uids = [
                row.uid
                for _, (item, _) in batch
                for row in (item.members if isinstance(item, NationalDay) else (item,))
            ]
            query = select(m.Occurrence).where(m.Occurrence.uid.in_(uids))
            full = {occ.uid: occ for occ in session.scalars(query)}
            for digest, (item, key) in batch:
                fragment = self._render(item, full, context)
                self.fragments.put(key, fragment)
                found[key] = fragment
                self.rendered += 1
                if self.keep:
                    rendered.append(_fragment_row(digest, item, fragment))
        if rendered:
            with self._unsaved_lock:
                self._unsaved += rendered

    def save(self, session: Session) -> int:
        """Write the fragments rendered since the last save into ``session`` (the caller
        commits); returns how many."""
        with self._unsaved_lock:
            rows, self._unsaved = self._unsaved, []
        save_fragments(session, rows)
        return len(rows)

    @staticmethod
    def _key(item: Head | NationalDay, context: _RenderContext) -> Hashable:
        if isinstance(item, NationalDay):
            members = tuple(context.key(row) for row in item.members)
            return (item.uid, members, item.changed, item.retired)
        return context.key(item)

    @staticmethod
    def _render(
        item: Head | NationalDay, full: dict[str, m.Occurrence], context: _RenderContext
    ) -> Fragment:
        if isinstance(item, NationalDay):
            members = [full[row.uid] for row in item.members]
            return ical.national_fragment(
                item.uid,
                [(occ, context.campaigns[occ.campaign_id]) for occ in members],
                context.options,
                changed=item.changed,
                sequence=item.sequence,
            )
        occ = full[item.uid]
        return ical.event_fragment(
            occ,
            context.campaigns[occ.campaign_id],
            context.names,
            context.options,
            context.answered.get(occ.uid),
        )

    def _departures(
        self, session: Session, query: FeedQuery, today: date, gone: list[Head]
    ) -> list[datetime]:
        """When the latest events left the feed without any change to the data: the last
        to leave the window as it moved on, and cancelled ones whose grace period ended."""
        shown = window(self.settings, today)
        assert shown.start is not None
        audience = query.audience
        left = queries.occurrence_select(
            queries.Window(None, shown.start),
            campaign=audience.code if audience.kind == "campaign" else None,
            group=audience.code if audience.kind == "group" else None,
            unit=audience.code if audience.kind == "unit" else None,
            kinds=query.shown_kinds,
            include_cancelled=True,
        ).where(m.Occurrence.end_date < shown.start)
        last_end = session.scalar(
            left.order_by(None).with_only_columns(func.max(m.Occurrence.end_date))
        )
        back = self.settings.feed_window_back_days
        days = [shift_days(last_end, back + 1)] if last_end else []
        grace = self.settings.cancelled_grace_days
        days += [shift_days(row.cancelled_at.astimezone(self.tz).date(), grace) for row in gone]
        return [datetime.combine(day, time.min, tzinfo=self.tz).astimezone(UTC) for day in days]

    def _last_modified(self, heads: list[Head], changes: list[datetime]) -> datetime | None:
        """The newest of the given changes and departures, an occurrence's last change, and
        the day an occurrence entered the window; so that a client that only sends
        If-Modified-Since still sees every change."""
        ahead = self.settings.feed_window_ahead_days
        moments = list(changes)
        for row in heads:
            entered = datetime.combine(shift_days(row.start_date, -ahead), time.min, self.tz)
            moments += [row.updated_at, entered.astimezone(UTC)]
        if not moments:
            return None
        return max(moments).replace(microsecond=0)

    def _meta(self, session: Session, query: FeedQuery) -> tuple[CalendarMeta, datetime | None]:
        """The calendar's name and description, and when the audience itself last changed."""
        audience = query.audience
        changed: datetime | None = None
        if audience.kind == "all":
            name = "Lịch thi đua"
            description = (
                "Đợt thi đua, ngày kỷ niệm, sơ kết, tổng kết và thời hạn báo cáo "
                "của các phong trào thi đua"
            )
        elif audience.kind == "campaign":
            campaign = self._one(session, m.Campaign, audience)
            name, description = campaign.title, ical.document_line(campaign)
            if campaign.theme:
                description += f". Chủ đề: {campaign.theme}"
            changed = campaign.updated_at
        elif audience.kind == "group":
            group = self._one(session, m.Group, audience)
            name = f"{group.name} – lịch thi đua"
            description = (
                f"Thời hạn của các đơn vị thuộc {group.name} và sự kiện của các phong trào "
                "thi đua liên quan"
            )
            changed = group.updated_at
        else:
            unit = self._one(session, m.Unit, audience)
            name = f"{unit.name} – lịch thi đua"
            description = (
                f"Thời hạn của {unit.name} và sự kiện của các phong trào thi đua đơn vị tham gia"
            )
            changed = unit.updated_at
        if query.kinds:
            name += " (" + ", ".join(kind_label(k, DEFAULT_LANGUAGE) for k in query.kinds) + ")"
        meta = CalendarMeta(
            name=name,
            description=description,
            timezone=self.settings.timezone,
            refresh=self.settings.feed_refresh,
        )
        return meta, changed

    @staticmethod
    def _one(
        session: Session, model: type[m.Campaign] | type[m.Group] | type[m.Unit], audience: Audience
    ) -> m.Campaign | m.Group | m.Unit:
        row = session.scalar(select(model).where(model.code == audience.code))
        if row is None or not getattr(row, "active", True):
            raise FeedNotFound(_(NOT_FOUND[audience.kind], code=repr(audience.code)))
        return row


# --- where feeds are ------------------------------------------------------------------------


def feed_path(audience: Audience, token: str | None = None) -> str:
    """The URL path of a feed; a unit's feed is found by its secret token, not its code."""
    if audience.kind == "all":
        return "/feeds/all.ics"
    if audience.kind == "unit":
        if not token:
            raise ValueError("a unit's feed URL needs its token")  # a caller's mistake
        return f"/feeds/units/{token}.ics"
    return f"/feeds/{audience.kind}s/{quote(audience.code, safe='')}.ics"


@dataclass(frozen=True)
class SubscribeLinks:
    https: str  # the feed itself (http:// when the base URL is)
    webcal: str  # opens the subscribe dialog of Apple Calendar, Outlook, Thunderbird
    google: str  # Google Calendar's "add by URL" page for the feed


def subscribe_links(base_url: str, path: str) -> SubscribeLinks:
    if not base_url:
        raise ValueError(_("no base URL: set THIDUA_BASE_URL to the service's public address"))
    url = base_url.rstrip("/") + path
    scheme, _sep, rest = url.partition("://")
    if scheme not in {"http", "https"}:
        raise ValueError(
            _("the base URL %(url)s must start with https:// (or http://)", url=repr(base_url))
        )
    webcal = f"webcal://{rest}"
    google = "https://calendar.google.com/calendar/render?cid=" + quote(webcal, safe="")
    return SubscribeLinks(https=url, webcal=webcal, google=google)


def unit_links(session: Session, settings: Settings, unit_code: str) -> SubscribeLinks:
    """An active unit's current subscribe links (`LookupError` for another unit,
    `ValueError` when the base URL cannot make links)."""
    token = feeds_tokens.current_token(session, settings.effective_secret_key(), unit_code)
    return subscribe_links(settings.base_url, feed_path(Audience("unit", unit_code), token))
