"""Notices made from the real example campaigns (``examples/``), for the notifier tests.

The deadlines come from the same expansion the service stores (`calendars.timeline`), so
a reminder's wording, nominal and effective days are those of the documents: Vĩnh Phúc's
"trước ngày 15/02/2024" falls on Tết and moves to Thứ Năm, 15/02/2024.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from calendars.timeline import Occurrence, expand
from calendars.workdays import WorkCalendar
from config.catalog import workday_changes
from config.files import read_bundle
from config.schema import CampaignFile, Unit
from notifiers.base import (
    DocumentRef,
    DueItem,
    LateList,
    LateUnit,
    Notice,
    NoticeKind,
    Recipient,
)

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
VINH_PHUC = "vinh-phuc-2024/van-ban-phat-dong@thidua.local"  # trước ngày 15/02/2024, Tết
HA_GIANG_MID = "ha-giang-2023/bao-cao-so-ket@thidua.local"  # trước ngày 30/6/2023
HA_GIANG_END = "ha-giang-2023/bao-cao-tong-ket@thidua.local"  # trước ngày 30/11/2023
TAM_NONG = "tam-nong-2024/tong-ket-dot-1@thidua.local"  # kết thúc trong tháng 7/2024


@cache
def _examples() -> tuple[dict[str, tuple[CampaignFile, Occurrence]], dict[str, Unit]]:
    bundle = read_bundle(sorted(EXAMPLES.glob("*.yaml")))
    assert not bundle.errors, bundle.errors
    calendar = WorkCalendar(workday_changes())
    deadlines = {
        occurrence.uid: (source.model, occurrence)
        for source in bundle.campaigns
        for occurrence in expand(source.model, calendar, "thidua.local")
        if occurrence.kind == "deadline"
    }
    return deadlines, bundle.units()


def deadline(uid: str) -> tuple[CampaignFile, Occurrence]:
    return _examples()[0][uid]


def recipient(code: str) -> Recipient:
    unit = _examples()[1][code]
    return Recipient(code=unit.code, name=unit.name, addresses=tuple(str(e) for e in unit.emails))


def ics(occurrence: Occurrence, title: str | None = None) -> bytes:
    """The deadline as a one-event VCALENDAR, as the feeds publish it."""
    calendar = Calendar()
    calendar.add("prodid", "-//thidua//thidua tests//VI")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", occurrence.uid)
    event.add("dtstamp", datetime(2024, 1, 1, tzinfo=ZoneInfo("UTC")))
    event.add("dtstart", occurrence.start)
    event.add("dtend", occurrence.end + timedelta(days=1))
    event.add("summary", title or occurrence.title)
    event.add("description", occurrence.details.get("wording", ""))
    calendar.add_component(event)
    return calendar.to_ical()


def due_item(uid: str, today: date, **changes: Any) -> DueItem:
    """The deadline ``uid`` as a unit hears of it on ``today``."""
    campaign, occurrence = deadline(uid)
    details = occurrence.details
    document = campaign.campaign.document
    effective = date.fromisoformat(details["effective_date"])
    item = DueItem(
        uid=occurrence.uid,
        campaign=campaign.campaign.title,
        document=DocumentRef(
            kind=document.kind,
            issuer=campaign.campaign.issuer,
            number=document.number,
            date=document.date,
        ),
        title=occurrence.title,
        what=details["what"],
        wording=details["wording"],
        receiver=details.get("receiver"),
        nominal_date=date.fromisoformat(details["nominal_date"]),
        effective_date=effective,
        days_left=(effective - today).days,
        submit_url=f"http://127.0.0.1:8000/submit/{occurrence.uid}?sig=abc&unit=x",
        ics=ics(occurrence),
        moved_because=details.get("moved_because"),
    )
    return replace(item, **changes)


def notice(
    kind: NoticeKind,
    unit: str,
    today: date,
    items: tuple[DueItem, ...] = (),
    **changes: Any,
) -> Notice:
    """A notice to the example unit ``unit``; ``changes`` replace any field."""
    values: dict[str, Any] = {
        "kind": kind,
        "to": recipient(unit),
        "today": today,
        "message_id": f"r-{kind}-{unit}-{today:%Y%m%d}@thidua.local",
        "items": items,
        "office": "Sở Nội vụ tỉnh Phú Thọ",
        "feed_url": f"http://127.0.0.1:8000/feeds/unit/{unit}-token.ics",
    }
    values.update(changes)
    return Notice(**values)


def late_list(uid: str, today: date, late: tuple[str, ...], total: int) -> LateList:
    item = due_item(uid, today, submit_url=None)
    units = _examples()[1]
    return LateList(
        item=item,
        late=tuple(LateUnit(code, units[code].name, -item.days_left) for code in late),
        submitted=total - len(late),
        total=total,
    )


def at(day: date, hour: int = 7, minute: int = 30) -> datetime:
    """A moment of ``day`` in the service's time zone (the digest hour by default)."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)
