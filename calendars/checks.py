"""What the dates of a campaign file mean, checked: the part of validation that needs the
calendar. Adds issues to a `Bundle` that `config.files` has read.

Errors: a deadline counted from an event that has no day, or from itself through others.
Warnings (the file still loads): a deadline, phase, review or meeting outside the
campaign's period; a commemoration with no day in the period; a count ("36 năm") that
contradicts the dates.
"""

from __future__ import annotations

from datetime import date

from calendars import anniversaries as anniv
from calendars.timeline import (
    MAX_RECURRING,
    Context,
    commemoration_days,
    in_dependency_order,
    written_days,
)
from calendars.workdays import WorkCalendar
from config.dates import vn_date
from config.files import Bundle, SourceFile
from config.schema import CampaignFile
from translations import N_, said


def check_bundle(bundle: Bundle, calendar: WorkCalendar) -> None:
    """Add date issues of every campaign in the bundle to it."""
    failed = {issue.file for issue in bundle.errors}
    for source in bundle.campaigns:
        if source.name in failed:
            continue  # its references are wrong: its dates cannot be worked out
        _check_relative_cycles(source, bundle)
        _check_dates(source, bundle, calendar)


def _check_relative_cycles(source: SourceFile[CampaignFile], bundle: Bundle) -> None:
    follows = {d.code: d.due.anchor for d in source.model.deadlines if d.due.rule == "relative"}
    for i, deadline in enumerate(source.model.deadlines):
        seen, current = {deadline.code}, follows.get(deadline.code)
        while current in follows:
            if current in seen:
                bundle.issues.append(
                    source.issue(
                        ("deadlines", i, "due", "after"),
                        said(
                            "deadlines count from each other in a circle (%(codes)s)",
                            codes=" → ".join(seen),
                        ),
                    )
                )
                break
            seen.add(current)
            current = follows[current]


Warnings = list[tuple[tuple, str]]

# What lies outside the period, each its own sentence (a translation may order it otherwise).
OUTSIDE = {
    "start": N_("start %(day)s is outside the campaign period (%(s)s – %(e)s)"),
    "end": N_("end %(day)s is outside the campaign period (%(s)s – %(e)s)"),
    "meeting": N_("the meeting %(day)s is outside the campaign period (%(s)s – %(e)s)"),
    "last day": N_("the last day %(day)s is outside the campaign period (%(s)s – %(e)s)"),
}


def _outside(period_start: date, period_end: date, what: str, day: date) -> str | None:
    if period_start <= day <= period_end:
        return None
    return said(OUTSIDE[what], day=vn_date(day), s=vn_date(period_start), e=vn_date(period_end))


def _check_dates(source: SourceFile[CampaignFile], bundle: Bundle, calendar: WorkCalendar) -> None:
    warnings: Warnings = []
    _check_ranges(source.model, warnings)
    _check_commemorations(source.model, warnings)
    _check_deadlines(source, bundle, calendar, warnings)
    for path, message in warnings:
        bundle.issues.append(source.issue(path, message, "warning"))


def _check_ranges(model: CampaignFile, warnings: Warnings) -> None:
    period = model.campaign.period
    dated = [
        ((section, i, key), key, getattr(item, key))
        for section in ("phases", "reviews")
        for i, item in enumerate(getattr(model, section))
        for key in ("start", "end")
    ]
    dated += [(("meetings", i, "date"), "meeting", m.date) for i, m in enumerate(model.meetings)]
    for path, what, day in dated:
        message = _outside(period.start, period.end, what, day)
        if message:
            warnings.append((path, message))


def _check_commemorations(model: CampaignFile, warnings: Warnings) -> None:
    period = model.campaign.period
    for i, item in enumerate(model.commemorations):
        days = commemoration_days(item, period.start, period.end)
        if not days:
            warnings.append(
                (("commemorations", i), said("has no day within the campaign period, so no event"))
            )
            continue
        counted = {day: anniv.years_since(origin, day.year) for day, origin, _ in days if origin}
        # A stated count names one occurrence: in a period over several years it must match
        # one of them, not all.
        if item.years is None or not counted or item.years in counted.values():
            continue
        origin = days[0][1]
        assert origin is not None
        found = ", ".join(
            said("%(n)d năm in %(year)d", n=n, year=d.year) for d, n in sorted(counted.items())
        )
        message = said(
            "the file says %(years)d năm, but from %(origin)s it is %(found)s",
            years=item.years,
            origin=vn_date(origin),
            found=found,
        )
        warnings.append((("commemorations", i, "years"), message))


def _check_deadlines(
    source: SourceFile[CampaignFile], bundle: Bundle, calendar: WorkCalendar, warnings: Warnings
) -> None:
    model = source.model
    period = model.campaign.period
    ctx = Context(model.campaign, calendar, "check")
    ctx.anchors.update({p.code: p.start for p in model.phases})
    ctx.anchors.update({r.code: r.start for r in model.reviews})
    ctx.anchors.update({m.code: m.date for m in model.meetings})
    ctx.anchors["period"] = period.start
    for deadline in in_dependency_order(model.deadlines):
        i = model.deadlines.index(deadline)
        days = written_days(ctx, deadline.due)
        if days is None:
            after = getattr(deadline.due, "after", "")
            bundle.issues.append(
                source.issue(
                    ("deadlines", i, "due", "after"),
                    said("counts from %(anchor)s, which has no day", anchor=repr(after)),
                )
            )
            continue
        if len(days) > MAX_RECURRING:
            bundle.issues.append(
                source.issue(
                    ("deadlines", i, "due", "rrule"),
                    said(
                        "the rule gives more than %(limit)d last days in the period: "
                        "repeat less often or shorten 'start'/'until'",
                        limit=MAX_RECURRING,
                    ),
                )
            )
            continue
        if not days:
            warnings.append(
                (("deadlines", i, "due"), said("the rule gives no day within the period"))
            )
        for _written, nominal in days:
            ctx.anchors.setdefault(deadline.code, nominal)
            message = _outside(period.start, period.end, "last day", nominal)
            if message:
                warnings.append((("deadlines", i, "due"), message))
