"""Expand a campaign file into dated occurrences.

An occurrence is one dated thing a calendar shows: the campaign period, a phase, a review,
a meeting, a commemoration in one year, one last day of a deadline. Its UID is stable:
campaign code + event code (+ the occurrence's date for events that recur — commemorations
and recurring deadlines) + a domain; so a moved deadline keeps its UID and its revision
goes up, and a commemoration's 2024 and 2025 occurrences are different events.

This module is pure: files and a `WorkCalendar` in, occurrences out; `calendars.store`
keeps them.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from itertools import islice
from typing import Any

from dateutil.rrule import rrulestr

from calendars import anniversaries as anniv
from calendars import workdays
from calendars.workdays import WorkCalendar
from config.catalog import anniversaries
from config.dates import parse_date, vn_date
from config.schema import (
    Campaign,
    CampaignFile,
    Commemoration,
    Deadline,
    DueRule,
    Meeting,
    RangeEvent,
    names_no_day,
)
from translations import NC_, pgettext

MAX_RECURRING = 1000  # last days one recurring deadline may give (daily for ~4 years)

KINDS = ("period", "phase", "review", "commemoration", "meeting", "deadline")
# One name per kind for pages, feeds and the CLI: English msgids in the "event kind"
# context (a review is also a page's action), translated where they are shown.
KIND_LABELS = {
    "period": NC_("event kind", "Campaign period"),
    "phase": NC_("event kind", "Phase"),
    "review": NC_("event kind", "Review"),
    "commemoration": NC_("event kind", "Commemoration"),
    "meeting": NC_("event kind", "Meeting"),
    "deadline": NC_("event kind", "Deadline"),
}
WEEKDAY_NAMES = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


def kind_label(kind: str, language: str | None = None) -> str:
    """The name of an event kind in ``language`` (default: the current one); an unknown
    kind is shown as it is."""
    label = KIND_LABELS.get(kind)
    return pgettext("event kind", label, language=language) if label else kind


@dataclass(frozen=True)
class Occurrence:
    """One dated thing, ready to store, list or publish. ``end`` is inclusive."""

    uid: str
    campaign: str
    event: str
    kind: str
    title: str
    start: date
    end: date
    start_time: time | None = None
    end_time: time | None = None
    details: dict[str, Any] = field(default_factory=dict)

    def content_hash(self) -> str:
        """Changes exactly when what a calendar would show changes."""
        payload = {
            "kind": self.kind,
            "title": self.title,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "start_time": self.start_time.isoformat() if self.start_time else None,
            "end_time": self.end_time.isoformat() if self.end_time else None,
            "details": self.details,
        }
        return canonical_hash(payload)


def canonical_hash(payload: Any) -> str:
    """sha256 of canonical JSON: the same data always hashes the same."""
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def make_uid(campaign: str, event: str, domain: str, day: date | None = None) -> str:
    suffix = f"/{day:%Y%m%d}" if day is not None else ""
    return f"{campaign}/{event}{suffix}@{domain}"


@dataclass
class Context:
    campaign: Campaign
    calendar: WorkCalendar
    domain: str
    anchors: dict[str, date] = field(default_factory=dict)  # event code → its day

    def uid(self, event: str, day: date | None = None) -> str:
        return make_uid(self.campaign.code, event, self.domain, day)


def expand(model: CampaignFile, calendar: WorkCalendar, domain: str) -> list[Occurrence]:
    """Every occurrence a campaign file dates, in a stable order."""
    ctx = Context(model.campaign, calendar, domain)
    period = model.campaign.period
    occurrences = [
        Occurrence(
            uid=ctx.uid("period"),
            campaign=model.campaign.code,
            event="period",
            kind="period",
            title=model.campaign.title,
            start=period.start,
            end=period.end,
            details=_drop_none({"theme": model.campaign.theme}),
        )
    ]
    ctx.anchors["period"] = period.start
    for phase in model.phases:
        details = {"commemorations": phase.commemorations or None, "note": phase.note}
        occurrences.append(_range(ctx, "phase", phase, details))
    for review in model.reviews:
        occurrences.append(
            _range(ctx, "review", review, {"review_kind": review.kind, "note": review.note})
        )
    for commemoration in model.commemorations:
        occurrences.extend(_commemorations(ctx, commemoration))
    for meeting in model.meetings:
        ctx.anchors[meeting.code] = meeting.date
        occurrences.append(_meeting(ctx, meeting))
    for deadline in in_dependency_order(model.deadlines):
        occurrences.extend(_deadlines(ctx, deadline))
    # Every occurrence shows its campaign's title and document: when either changes (the
    # number is filled in, say), so does each occurrence, and its revision goes up.
    document = document_line(
        model.campaign.document.kind,
        model.campaign.issuer,
        model.campaign.document.number,
        model.campaign.document.date,
    )
    shown = {"document": document, "campaign_title": model.campaign.title}
    return [replace(o, details={**o.details, **shown}) for o in occurrences]


def document_line(kind: str, issuer: str, number: str | None, day: date | None) -> str:
    """ "Kế hoạch số 12/KH-UBND ngày 15/01/2024 của UBND huyện Tam Nông"; the number and the
    day are left out when the document leaves them blank."""
    parts = [kind]
    if number:
        parts.append(f"số {number}")
    if day:
        parts.append(f"ngày {vn_date(day)}")
    parts.append(f"của {issuer}")
    return " ".join(parts)


def _range(ctx: Context, kind: str, item: RangeEvent, details: dict[str, Any]) -> Occurrence:
    ctx.anchors[item.code] = item.start
    return Occurrence(
        uid=ctx.uid(item.code),
        campaign=ctx.campaign.code,
        event=item.code,
        kind=kind,
        title=item.title,
        start=item.start,
        end=item.end,
        details=_drop_none(details),
    )


def _drop_none(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


def commemoration_days(
    model: Commemoration, period_start: date, period_end: date
) -> list[tuple[date, date | None, str]]:
    """(day, origin, name) of each occurrence of a commemoration within a period."""
    lunar_day: tuple[int, int] | None = None
    if model.catalog is not None:
        entry = anniversaries()[model.catalog]
        name = model.title or entry.name
        origin = model.origin or entry.origin
        lunar_day = entry.lunar if origin is None else None
    else:
        name, origin = model.title or "", model.origin
    if model.lunar is not None:
        day_text, month_text = model.lunar.split("/")
        lunar_day, origin = (int(day_text), int(month_text)), None
    days = []
    years = [model.year] if model.year else range(period_start.year, period_end.year + 1)
    for year in years:
        if origin is not None:
            day: date | None = anniv.day_in_year(origin, year)
        elif lunar_day is not None:
            day = anniv.lunar_day_in_year(lunar_day[0], lunar_day[1], year)
        else:
            day = None
        if day is not None and period_start <= day <= period_end:
            days.append((day, origin, name))
    return days


def _commemorations(ctx: Context, model: Commemoration) -> list[Occurrence]:
    result = []
    period = ctx.campaign.period
    # a catalog day whose years nobody counts gets no "N năm", unless the text dated its founding
    counted = (
        model.catalog is None or model.origin is not None or anniversaries()[model.catalog].counted
    )
    for day, origin, name in commemoration_days(model, period.start, period.end):
        years = anniv.years_since(origin, day.year) if origin and counted else None
        years = years if years and years > 0 else None  # its first year: no "0 năm"
        round_kind = anniv.round_kind(years) if years is not None else None
        details = {
            "name": name,
            "catalog": model.catalog,
            "origin": origin.isoformat() if origin else None,
            "years": years,
            "round": round_kind is not None,
            "round_kind": round_kind,
            "lunar": True if origin is None else None,
            "note": model.note,
        }
        result.append(
            Occurrence(
                uid=ctx.uid(model.event_code, day),
                campaign=ctx.campaign.code,
                event=model.event_code,
                kind="commemoration",
                title=anniv.commemoration_title(name, origin, day, counted=counted),
                start=day,
                end=day,
                details=_drop_none(details),
            )
        )
    return result


def _meeting(ctx: Context, meeting: Meeting) -> Occurrence:
    return Occurrence(
        uid=ctx.uid(meeting.code),
        campaign=ctx.campaign.code,
        event=meeting.code,
        kind="meeting",
        title=meeting.title,
        start=meeting.date,
        end=meeting.end_date or meeting.date,
        start_time=meeting.start_time,
        end_time=meeting.end_time
        or (_plus_hour(meeting.start_time) if meeting.start_time else None),
        details=_drop_none(
            {
                "location": meeting.location,
                "timezone": ctx.campaign.timezone if meeting.start_time else None,
                "note": meeting.note,
            }
        ),
    )


def _plus_hour(start: time) -> time:
    moment = datetime.combine(date(2000, 1, 1), start) + timedelta(hours=1)
    return moment.time() if moment.date() == date(2000, 1, 1) else time(23, 59)


def in_dependency_order(deadlines: list[Deadline]) -> list[Deadline]:
    """Deadlines counted from another deadline come after it."""
    by_code = {d.code: d for d in deadlines}
    ordered: list[Deadline] = []
    placed: set[str] = set()

    def place(deadline: Deadline, visiting: frozenset[str]) -> None:
        if deadline.code in placed or deadline.code in visiting:
            return
        due = deadline.due
        if due.rule == "relative" and due.anchor in by_code:
            place(by_code[due.anchor], visiting | {deadline.code})
        placed.add(deadline.code)
        ordered.append(deadline)

    for deadline in deadlines:
        place(deadline, frozenset())
    return ordered


def written_days(ctx: Context, due: DueRule) -> list[tuple[date, date]] | None:
    """(day the wording names, nominal last day) for each occurrence of a rule; None when
    the rule counts from something without a day."""
    period = ctx.campaign.period
    if due.rule == "before":
        return [(due.date, workdays.before(due.date))]
    if due.rule == "by":
        return [(due.date, due.date)]
    if due.rule == "within_month":
        year, month = (int(part) for part in due.month.split("-"))
        last = workdays.within_month(year, month)
        return [(last, last)]
    if due.rule == "fuzzy":
        if due.month is not None:
            year, month = (int(part) for part in due.month.split("-"))
            day = workdays.fuzzy_day(due.term, year, month)
        else:
            day = workdays.fuzzy_day(due.term, due.year or period.start.year)
        return [(day, day)]
    if due.rule == "recurring":
        days = recurring_days(due.rrule, due.start or period.start, due.until or period.end)
        return [(d, workdays.before(d) if due.before else d) for d in days]
    anchor = _anchor_day(ctx, due.anchor)
    if anchor is None:
        return None
    if due.backwards:
        day = workdays.before_days(ctx.calendar, anchor, due.days, due.working_days)
    else:
        day = workdays.after_days(ctx.calendar, anchor, due.days, due.working_days)
    return [(day, day)]


def recurring_days(text: str, start: date, until: date) -> list[date]:
    """The days of an RRULE from ``start`` to ``until``, at most MAX_RECURRING + 1 of them
    (one more than allowed, so that `calendars.checks` can refuse the rule); a rule that
    names no day gives none, without dateutil's search to the year 9999."""
    rule = rrulestr(text, dtstart=datetime.combine(start, time()))
    if names_no_day(rule):
        return []
    bounded = rule.replace(until=datetime.combine(until, time()))
    return [moment.date() for moment in islice(bounded, MAX_RECURRING + 1)]


def _anchor_day(ctx: Context, after: str) -> date | None:
    if after == "document":
        return ctx.campaign.document.date
    if after in ctx.anchors:
        return ctx.anchors[after]
    try:
        return parse_date(after)
    except ValueError:
        return None


def _deadlines(ctx: Context, deadline: Deadline) -> list[Occurrence]:
    days = (written_days(ctx, deadline.due) or [])[:MAX_RECURRING]
    recurring = deadline.due.rule == "recurring"
    policy = ctx.campaign.non_working_day
    result = []
    for written, nominal in days:
        resolved = ctx.calendar.apply_policy(nominal, policy)
        ctx.anchors.setdefault(deadline.code, resolved.effective)
        details = {
            "what": deadline.what,
            "wording": deadline.wording,
            "rule": deadline.due.rule,
            "sense": _sense(deadline.due),
            "date": written.isoformat(),
            "nominal_date": resolved.nominal.isoformat(),
            "effective_date": resolved.effective.isoformat(),
            "policy": policy,
            "moved_because": _day_off_reason(ctx.calendar, nominal) if resolved.moved else None,
            "responsible": list(deadline.units),
            "receiver": deadline.receiver or ctx.campaign.receiver,
            "receiver_unit": deadline.receiver_unit or ctx.campaign.receiver_unit,
            "reminders": deadline.reminders or ctx.campaign.reminders,
            "note": deadline.note,
        }
        reporting = deadline.reporting or ctx.campaign.reporting
        if reporting is not None:  # only then: a file without it dates as it always did
            details["reporting"] = reporting.model_dump(mode="json", exclude_none=True)
        result.append(
            Occurrence(
                uid=ctx.uid(deadline.code, written if recurring else None),
                campaign=ctx.campaign.code,
                event=deadline.code,
                kind="deadline",
                title=deadline.title,
                start=resolved.effective,
                end=resolved.effective,
                details=_drop_none(details),
            )
        )
    return result


def _sense(due: DueRule) -> str:
    """ "before" when the named day itself is too late ("trước ngày D"), else "by"."""
    return "before" if due.rule == "before" or getattr(due, "before", False) else "by"


def _day_off_reason(calendar: WorkCalendar, day: date) -> str:
    return calendar.holiday_name(day) or WEEKDAY_NAMES[day.weekday()]
