"""Occurrences as iCalendar bytes (RFC 5545, RFC 7986), rendered with `icalendar`.

What every calendar app must read the same way:

- **UID**: campaign code + event code + a domain, and for events that recur
  (commemorations, recurring deadlines) the occurrence's date: ``tam-nong-2024/dot-1@d``,
  ``tam-nong-2024/thanh-lap-dang/20240203@d`` (`calendars.timeline.make_uid`); never a
  database id. A single event's UID has no date on purpose: a deadline that moves keeps its
  identity and its SEQUENCE goes up, so clients update it instead of showing a stale copy
  beside a new one.
- **DTSTAMP = LAST-MODIFIED** = the occurrence's last change (stable between requests);
  **SEQUENCE** its revision, raised by the store on every change. An occurrence removed from
  its file is published as ``STATUS:CANCELLED`` (its SEQUENCE raised) until
  `calendars.feeds` lets it go after the grace period.
- **Days**: all-day events are ``VALUE=DATE`` with DTEND the day after the last day (DTEND
  is exclusive); timed meetings carry ``TZID`` and the calendar a VTIMEZONE for every TZID
  it uses.
- **Text**: NFC; icalendar 7 writes CRLF and folds lines at 75 octets between characters,
  never inside a UTF-8 sequence. The same data gives the same bytes: nothing here reads the
  clock.
- **Alarms** only on request: subscribed clients mostly ignore them, and reminders are
  e-mail's job.

Speed by design: a feed is ``header + VTIMEZONEs + VEVENT fragments + footer``.
`event_fragment` renders one VEVENT; `calendars.feeds` keeps fragments per revision, so a
feed build joins bytes instead of serialising every event again.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Protocol
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, Timezone, vDuration, vText

from calendars import models as m
from calendars import timeline
from calendars.anniversaries import commemoration_title as anniversaries_title
from calendars.timeline import WEEKDAY_NAMES, kind_label
from config.catalog import anniversaries
from config.dates import shift_days, vn_date
from translations import DEFAULT_LANGUAGE, NC_, pgettext

PRODID = "-//thidua//Lịch thi đua//VI"
FOOTER = b"END:VCALENDAR\r\n"

REVIEW_LABELS = {
    "so_ket": NC_("review kind", "Mid-term review"),
    "tong_ket": NC_("review kind", "Final review"),
}
# Ranges and days to remember do not make anyone busy; a meeting does.
OPAQUE_KINDS = frozenset({"meeting"})


class SettingsLike(Protocol):
    """What rendering reads from `config.settings.Settings`."""

    base_url: str
    timezone: str
    feed_refresh: str
    reminder_offsets: list[int]
    digest_time: time


class CampaignFields(Protocol):
    """The campaign's columns an event's text uses (a `m.Campaign` or a row of them)."""

    @property
    def code(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def doc_kind(self) -> str: ...
    @property
    def doc_number(self) -> str | None: ...
    @property
    def doc_date(self) -> date | None: ...
    @property
    def issuer(self) -> str: ...


@dataclass(frozen=True)
class RenderOptions:
    """How events are rendered; part of every fragment's cache key."""

    base_url: str = ""  # empty: no URL property
    alarms: bool = False
    alarm_offsets: tuple[int, ...] = (7, 3, 1, 0)  # days before a deadline
    alarm_time: time = time(7, 30)  # of the day

    @classmethod
    def from_settings(cls, settings: SettingsLike, *, alarms: bool = False) -> RenderOptions:
        return cls(
            base_url=settings.base_url.rstrip("/"),
            alarms=alarms,
            alarm_offsets=tuple(settings.reminder_offsets),
            alarm_time=settings.digest_time,
        )


@dataclass(frozen=True)
class CampaignInfo:
    """The campaign's fields an event's text uses (hashable: part of the fragment key)."""

    code: str
    title: str
    document: str  # "Chỉ thị số 02/CT-UBND ngày 06/03/2024 của UBND tỉnh Hưng Yên"

    @classmethod
    def of(cls, campaign: CampaignFields) -> CampaignInfo:
        return cls(code=campaign.code, title=campaign.title, document=document_line(campaign))


@dataclass(frozen=True)
class CalendarMeta:
    """The calendar-level properties of one feed."""

    name: str
    description: str
    timezone: str = "Asia/Ho_Chi_Minh"
    refresh: str = "PT12H"  # ISO 8601 duration


@dataclass(frozen=True)
class Answered:
    """What one unit did about a deadline, as its own feed shows it: the day its report was
    sent (None when nothing stands: never sent, withdrawn or returned), how many times its
    answer changed (each raises the event's SEQUENCE) and when it last did."""

    sent_on: date | None
    changes: int
    changed_at: datetime


@dataclass(frozen=True)
class Fragment:
    """One VEVENT's bytes and the TZID it refers to, if any."""

    data: bytes
    tzid: str | None = None


def document_line(campaign: CampaignFields) -> str:
    """The campaign's document, as `calendars.timeline.document_line` words it."""
    return timeline.document_line(
        campaign.doc_kind, campaign.issuer, campaign.doc_number, campaign.doc_date
    )


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_LINE_BREAKS = re.compile(r"\s*\n\s*")


def nfc(text: str) -> str:
    """Text as a feed carries it: NFC, without the control characters RFC 5545 forbids in
    TEXT values (line breaks stay; icalendar escapes them)."""
    return _CONTROL.sub(" ", unicodedata.normalize("NFC", text).replace("\r\n", "\n"))


def one_line(text: str) -> str:
    """Text for a one-line property (SUMMARY, NAME, LOCATION): line breaks become spaces."""
    return _LINE_BREAKS.sub(" ", nfc(text)).strip()


class Text(vText):
    """A TEXT value escaped exactly as RFC 5545 3.3.11 says. icalendar's own escaping first
    turns a literal backslash-N into a line break, which would change a title holding one;
    it also leaves NAME and X- properties unescaped."""

    def to_ical(self) -> bytes:
        escaped = str(self).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        return escaped.replace("\n", "\\n").encode("utf-8")


class RawText(vText):
    """A one-line value written without escapes, for the properties that ical.js and
    icalendar read without unescaping them (NAME, X-WR-CALNAME, X-WR-CALDESC: types they do
    not know), so that a calendar's name shows as written rather than with ``\\,``. Line
    breaks and control characters are gone already (`one_line`); nothing else needs one."""

    def to_ical(self) -> bytes:
        return one_line(str(self)).encode("utf-8")


def duration(text: str) -> timedelta:
    """An ISO 8601 duration such as ``PT12H``, or a clear error."""
    try:
        return vDuration.from_ical(text)
    except ValueError as exc:
        raise ValueError(f"{text!r} is not an ISO 8601 duration (e.g. PT12H or P1D)") from exc


# --- one event ----------------------------------------------------------------------------


def event_fragment(
    occ: m.Occurrence,
    campaign: CampaignInfo,
    names: Mapping[str, str],
    options: RenderOptions,
    answered: Answered | None = None,
) -> Fragment:
    """One occurrence as VEVENT bytes. ``names`` gives unit and group names by code;
    ``answered``, in a unit's feed, what the unit did about a deadline."""
    tzid = occ.details.get("timezone") if occ.start_time is not None else None
    return Fragment(vevent(occ, campaign, names, options, answered).to_ical(), tzid)


def vevent(
    occ: m.Occurrence,
    campaign: CampaignInfo,
    names: Mapping[str, str],
    options: RenderOptions,
    answered: Answered | None = None,
) -> Event:
    changed = max(occ.updated_at, answered.changed_at) if answered else occ.updated_at
    event = Event()
    event.add("uid", occ.uid)
    event.add("dtstamp", changed)
    event.add("created", occ.created_at)
    event.add("last-modified", changed)
    event.add("sequence", occ.sequence + (answered.changes if answered else 0))
    _add_dates(event, occ)
    cancelled = occ.cancelled_at is not None
    sent_on = answered.sent_on if answered and not cancelled else None
    summary = summary_of(occ)
    if cancelled:
        event.add("summary", Text(one_line(f"Đã hủy: {summary}")))
    else:
        event.add("summary", Text(one_line(f"Đã gửi: {occ.title}" if sent_on else summary)))
    description = description_of(occ, campaign, names)
    if sent_on:
        description = f"Đơn vị đã gửi báo cáo ngày {vn_date(sent_on)}.\n{description}"
    event.add("description", Text(nfc(description)))
    if occ.details.get("location"):
        event.add("location", Text(one_line(occ.details["location"])))
    event.add("categories", [category_of(occ)])
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    # A cancelled meeting no longer makes anyone busy.
    busy = occ.kind in OPAQUE_KINDS and not cancelled
    event.add("transp", "OPAQUE" if busy else "TRANSPARENT")
    event.add("class", "PUBLIC")
    if options.base_url:
        event.add("url", f"{options.base_url}/feeds/campaigns/{campaign.code}.ics")
    if options.alarms and not cancelled and not sent_on:  # nothing left to be reminded of
        for alarm in alarms_of(occ, summary, options):
            event.add_component(alarm)
    return event


def national_fragment(
    uid: str,
    members: Sequence[tuple[m.Occurrence, CampaignInfo]],
    options: RenderOptions,
    *,
    changed: datetime | None = None,
    sequence: int | None = None,
) -> Fragment:
    """One national day (a catalog commemoration on one day) kept by several campaigns, as
    one VEVENT of a shared feed: the catalog's name in the SUMMARY, the campaigns that
    celebrate it listed in the DESCRIPTION. Its SEQUENCE is the sum of its members' (or
    ``sequence``: with those no longer shown) and its
    LAST-MODIFIED the latest of theirs (and ``changed``: when the audience's campaigns may
    have changed), so both move whenever one member's text does; it is cancelled only when
    every member is."""
    live = [(o, c) for o, c in members if o.cancelled_at is None]
    base = (live or list(members))[0][0]
    catalog = anniversaries().get(base.details.get("catalog", ""))
    origin = base.details.get("origin")
    title = base.title
    if catalog is not None:
        start = date.fromisoformat(origin) if origin else None
        counted = base.details.get("years") is not None  # none for a day nobody counts
        title = anniversaries_title(catalog.name, start, base.start_date, counted=counted)
    updated = [o.updated_at for o, _ in members] + ([changed] if changed else [])
    merged = m.Occurrence(
        uid=uid,
        kind="commemoration",
        title=title,
        start_date=base.start_date,
        end_date=base.end_date,
        start_time=None,
        end_time=None,
        details=dict(base.details),
        sequence=sum(o.sequence for o, _ in members) if sequence is None else sequence,
        created_at=min(o.created_at for o, _ in members),
        updated_at=max(updated),
        cancelled_at=None if live else max(o.cancelled_at for o, _ in members),
    )
    # No URL: the day belongs to no single campaign's feed.
    event = vevent(merged, members[0][1], {}, replace(options, base_url=""))
    lines = _commemoration_lines(merged)
    lines.append("Các phong trào thi đua chào mừng:")
    lines += [f"- {info.title} ({info.document})" for _, info in (live or members)]
    if not live:
        lines.insert(0, "Sự kiện này đã bị hủy (không còn trong kế hoạch).")
    event.pop("DESCRIPTION")
    event.add("description", Text(nfc("\n".join(lines))))
    return Fragment(event.to_ical())


def _add_dates(event: Event, occ: m.Occurrence) -> None:
    if occ.start_time is None:
        event.add("dtstart", occ.start_date)
        event.add("dtend", shift_days(occ.end_date, 1))
        return
    zone = ZoneInfo(occ.details.get("timezone") or "Asia/Ho_Chi_Minh")
    event.add("dtstart", datetime.combine(occ.start_date, occ.start_time, tzinfo=zone))
    end_time = occ.end_time or occ.start_time
    event.add("dtend", datetime.combine(occ.end_date, end_time, tzinfo=zone))


def summary_of(occ: m.Occurrence) -> str:
    """Commemorations carry their count in the title ("94 năm Ngày thành lập Đảng …");
    deadlines read "Hạn: what is due"."""
    if occ.kind == "deadline":
        return f"Hạn: {occ.title}"
    return occ.title


def category_of(occ: m.Occurrence) -> str:
    """The event's kind as a category, in Vietnamese like the rest of a feed (cached
    fragments are shared by every reader, whatever the language of the request)."""
    review = REVIEW_LABELS.get(occ.details.get("review_kind", ""))
    if occ.kind == "review" and review:
        return pgettext("review kind", review, language=DEFAULT_LANGUAGE)
    return kind_label(occ.kind, DEFAULT_LANGUAGE)


def description_of(occ: m.Occurrence, campaign: CampaignInfo, names: Mapping[str, str]) -> str:
    details = occ.details
    lines: list[str] = []
    if occ.kind == "deadline":
        lines += _deadline_lines(occ, names)
    elif occ.kind == "commemoration":
        lines += _commemoration_lines(occ)
    elif occ.kind == "meeting":
        lines.append(f"Thời gian: {_meeting_time(occ)}")
        if details.get("location"):
            lines.append(f"Địa điểm: {details['location']}")
    else:
        lines.append(f"Thời gian: {_range(occ.start_date, occ.end_date)}")
    if occ.kind == "period" and details.get("theme"):
        lines.append(f"Chủ đề: {details['theme']}")
    if occ.kind == "phase" and details.get("commemorations"):
        celebrated = "; ".join(_commemoration_name(c) for c in details["commemorations"])
        lines.append(f"Chào mừng: {celebrated}")
    if occ.kind != "period":
        lines.append(f"Phong trào: {campaign.title}")
    lines.append(f"Văn bản: {campaign.document}")
    if details.get("note"):
        lines.append(f"Ghi chú: {details['note']}")
    if occ.cancelled_at is not None:
        lines.insert(0, "Sự kiện này đã bị hủy (không còn trong kế hoạch).")
    return "\n".join(lines)


def _deadline_lines(occ: m.Occurrence, names: Mapping[str, str]) -> list[str]:
    details = occ.details
    lines = [f"Hạn cuối: {_weekday_date(occ.start_date)}"]
    if details.get("wording"):
        lines.append(f"Theo văn bản: {details['wording']}")
    if details.get("moved_because"):
        nominal = date.fromisoformat(details["nominal_date"])
        rule = (
            "hạn được chuyển lên ngày làm việc liền trước"
            if details.get("policy") == "previous_working_day"
            else "hạn kéo dài đến hết ngày làm việc tiếp theo (Bộ luật Dân sự 2015, điều 148)"
        )
        lines.append(f"Ngày {vn_date(nominal)} là {details['moved_because']}: {rule}.")
    if details.get("what"):
        lines.append(f"Nội dung: {details['what']}")
    responsible = details.get("responsible") or []
    if responsible:
        lines.append("Đơn vị thực hiện: " + "; ".join(names.get(c, c) for c in responsible))
    if details.get("receiver"):
        lines.append(f"Nơi nhận: {details['receiver']}")
    return lines + _reporting_lines(details.get("reporting"))


_CHANNELS = {
    "email": "thư điện tử tới {mailbox}",
    "upload": "tải lên trang nộp báo cáo của hệ thống (liên kết trong thư nhắc)",
    "paper": "văn bản giấy tới {address}",
}


def _reporting_lines(reporting: Mapping[str, str] | None) -> list[str]:
    """How to send, as the reminders say it (`config.schema.Reporting`)."""
    if not reporting:
        return []
    channel = _CHANNELS.get(reporting.get("channel", "email"), _CHANNELS["email"])
    lines = [
        "Cách gửi: "
        + channel.format(mailbox=reporting["mailbox"], address=reporting.get("address")),
        f"Hộp thư nhận: {reporting['mailbox']}",
    ]
    contact = ", ".join(v for v in (reporting.get("contact"), reporting.get("phone")) if v)
    if contact:
        lines.append(f"Liên hệ: {contact}")
    return lines


def _commemoration_lines(occ: m.Occurrence) -> list[str]:
    details = occ.details
    lines = [f"Ngày: {_weekday_date(occ.start_date)}"]
    if details.get("origin") and details.get("years") is not None:
        origin = date.fromisoformat(details["origin"])
        lines.append(f"Kỷ niệm {details['years']} năm, kể từ {vn_date(origin)}")
    if details.get("round_kind"):
        lines.append(f"Năm chẵn ({details['round_kind']}): tổ chức kỷ niệm quy mô lớn hơn")
    if details.get("lunar"):
        lines.append("Ngày theo âm lịch")
    return lines


def _commemoration_name(code: str) -> str:
    entry = anniversaries().get(code)
    return entry.name if entry else code


def _weekday_date(day: date) -> str:
    return f"{WEEKDAY_NAMES[day.weekday()]}, {vn_date(day)}"


def _range(start: date, end: date) -> str:
    return vn_date(start) if start == end else f"{vn_date(start)} – {vn_date(end)}"


def _meeting_time(occ: m.Occurrence) -> str:
    assert occ.start_time is not None
    hours = f"{occ.start_time:%H:%M}"
    if occ.end_time is not None:
        hours += f"–{occ.end_time:%H:%M}"
    return f"{hours}, {_weekday_date(occ.start_date)}"


def alarms_of(occ: m.Occurrence, summary: str, options: RenderOptions) -> list[Alarm]:
    """Deadlines: at the digest hour, the configured days before (the deadline's own offsets
    first); meetings: an hour before. Other kinds are not tasks and get none."""
    if occ.kind == "meeting":
        return [_alarm(timedelta(hours=-1), f"Sắp diễn ra: {summary}")]
    if occ.kind != "deadline":
        return []
    offsets = occ.details.get("reminders") or options.alarm_offsets
    at = timedelta(hours=options.alarm_time.hour, minutes=options.alarm_time.minute)
    result = []
    for days in sorted(set(offsets), reverse=True):
        text = "Hôm nay là hạn cuối" if days == 0 else f"Còn {days} ngày"
        result.append(_alarm(timedelta(days=-days) + at, f"{text}: {summary}"))
    return result


def _alarm(trigger: timedelta, text: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", trigger)
    alarm.add("description", Text(nfc(text)))
    return alarm


# --- the calendar around the events --------------------------------------------------------


def calendar_header(meta: CalendarMeta) -> bytes:
    """Everything before the first component: BEGIN:VCALENDAR and the calendar properties."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    name = RawText(one_line(meta.name))
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("description", Text(nfc(meta.description)))
    calendar.add("x-wr-caldesc", RawText(one_line(meta.description)))
    calendar.add("x-wr-timezone", meta.timezone)
    refresh = duration(meta.refresh)
    # icalendar 7 leaves out VALUE=DURATION, which RFC 7986 requires on REFRESH-INTERVAL.
    calendar.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(refresh))
    data = calendar.to_ical()
    assert data.endswith(FOOTER)
    return data[: -len(FOOTER)]


@lru_cache(maxsize=64)
def timezone_block(tzid: str) -> bytes:
    """The VTIMEZONE of a zone, computed once (fixed span: the same bytes every time)."""
    return Timezone.from_tzid(
        tzid, first_date=date(1970, 1, 1), last_date=date(2100, 1, 1)
    ).to_ical()


def assemble(meta: CalendarMeta, fragments: Sequence[Fragment]) -> bytes:
    """A complete VCALENDAR from rendered fragments: one join, no serialisation."""
    tzids = sorted({f.tzid for f in fragments if f.tzid})
    return b"".join(
        [
            calendar_header(meta),
            *(timezone_block(tzid) for tzid in tzids),
            *(f.data for f in fragments),
            FOOTER,
        ]
    )


def occurrence_calendar(
    occurrence: m.Occurrence,
    campaign: m.Campaign,
    settings: SettingsLike,
    *,
    names: Mapping[str, str] | None = None,
    alarms: bool = False,
) -> bytes:
    """A complete VCALENDAR (METHOD:PUBLISH, VTIMEZONE when the event is timed) holding one
    occurrence: the attachment of a reminder e-mail. ``names`` maps unit and group codes
    to names for the description (`calendars.feeds.audience_names`); without it, codes."""
    info = CampaignInfo.of(campaign)
    fragment = event_fragment(
        occurrence, info, names or {}, RenderOptions.from_settings(settings, alarms=alarms)
    )
    meta = CalendarMeta(
        name=info.title,
        description=info.document,
        timezone=settings.timezone,
        refresh=settings.feed_refresh,
    )
    return assemble(meta, [fragment])
