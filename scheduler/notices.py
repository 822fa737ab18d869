"""Turn reminder rows into `notifiers` notices: the channel-neutral content of a message.

What a deadline says (its document, what is due, to whom, the wording and the effective
last day, its .ics) is read once per run and kept in a `Deadline`; what depends on the
unit and the day (days left, the signed "Đã gửi báo cáo" link, the unit's calendar link)
is added per message.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from email.utils import parseaddr
from typing import Any

from sqlalchemy import Row

from calendars import feeds_tokens
from calendars import models as m
from calendars.feeds import Audience, feed_path, subscribe_links
from config.settings import Settings
from notifiers.base import (
    DocumentRef,
    DueItem,
    LateList,
    LateUnit,
    Notice,
    NoticeKind,
    Recipient,
    Reporting,
)
from submissions import inbound, links


@dataclass(frozen=True)
class Deadline:
    """A deadline occurrence as reminders tell of it."""

    id: int
    uid: str
    event_id: int
    cancelled: bool
    item: DueItem  # days_left 0, no link: made per message with `due_item`


@dataclass(frozen=True)
class UnitInfo:
    id: int
    code: str
    name: str
    emails: tuple[str, ...]
    active: bool
    feed_generation: int = feeds_tokens.FIRST_GENERATION  # of its calendar link

    @property
    def recipient(self) -> Recipient:
        return Recipient(self.code, self.name, self.emails)


def deadline(occurrence: m.Occurrence, ics: bytes | None = None) -> Deadline:
    details = occurrence.details
    campaign = occurrence.campaign
    item = DueItem(
        uid=occurrence.uid,
        campaign=campaign.title,
        document=DocumentRef(
            kind=campaign.doc_kind,
            issuer=campaign.issuer,
            number=campaign.doc_number,
            date=campaign.doc_date,
        ),
        title=occurrence.title,
        what=details.get("what", occurrence.title),
        wording=details.get("wording", ""),
        receiver=details.get("receiver"),
        nominal_date=date.fromisoformat(
            details.get("nominal_date", occurrence.end_date.isoformat())
        ),
        effective_date=occurrence.end_date,
        days_left=0,
        ics=ics,
        moved_because=details.get("moved_because"),
        reporting=_reporting(details.get("reporting")),
    )
    return Deadline(
        id=occurrence.id,
        uid=occurrence.uid,
        event_id=occurrence.event_id,
        cancelled=occurrence.cancelled_at is not None,
        item=item,
    )


def _reporting(stored: dict[str, str] | None) -> Reporting | None:
    """How to send, as the deadline's details keep it (`config.schema.Reporting`)."""
    if not stored:
        return None
    return Reporting(
        mailbox=stored["mailbox"],
        channel=stored.get("channel", "email"),
        address=stored.get("address"),
        contact=stored.get("contact"),
        phone=stored.get("phone"),
    )


def unit_info(
    unit: m.Unit | Row[Any], feed_generation: int = feeds_tokens.FIRST_GENERATION
) -> UnitInfo:
    """A unit (or a row of its id, code, name, emails and active) as notices tell of it."""
    return UnitInfo(unit.id, unit.code, unit.name, tuple(unit.emails), unit.active, feed_generation)


class NoticeBuilder:
    """Builds the notices of one run (reads the signing key once)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.secret = settings.effective_secret_key()
        self.office = parseaddr(settings.mail_from)[0] or settings.mail_from

    def due_item(self, dl: Deadline, unit: UnitInfo | None, today: date) -> DueItem:
        item = dl.item
        url = None
        if unit is not None and self.settings.submit_links:
            url = links.submit_url(
                self.settings, self.secret, dl.uid, unit.code, item.effective_date
            )
        return replace(item, days_left=(item.effective_date - today).days, submit_url=url)

    def chase(
        self, unit: UnitInfo, deadlines: Sequence[Deadline], today: date, message_id: str
    ) -> Notice:
        """A reminder (one deadline ahead or due today), an overdue notice (all past their
        day) or a digest (several)."""
        items = tuple(
            self.due_item(dl, unit, today)
            for dl in sorted(deadlines, key=lambda d: (d.item.effective_date, d.uid))
        )
        kind: NoticeKind
        if len(items) > 1:
            kind = "digest"
        elif items[0].days_left < 0:
            kind = "overdue"
        else:
            kind = "reminder"
        notice = self._notice(kind, unit, today, message_id, items=items, feed=self.feed_url(unit))
        return replace(notice, reply_to=self.reply_address(unit, deadlines))

    def reply_address(self, unit: UnitInfo, deadlines: Sequence[Deadline]) -> str | None:
        """Where a unit's reply goes to the service (`THIDUA_INBOUND_ADDRESS`): for one
        deadline, a plus-address whose token names it and the unit; for several, the
        address itself (the reply's In-Reply-To still names the unit)."""
        address = self.settings.inbound_address
        if not address:
            return None
        if len(deadlines) == 1:
            return inbound.reply_address(address, self.secret, deadlines[0].id, unit.id)
        return address

    def feed_url(self, unit: UnitInfo) -> str | None:
        """The unit's calendar link as it stands (https:// or http://, as the base URL is;
        mail programs open that, not webcal://), or None when the base URL makes none."""
        token = feeds_tokens.token_for(self.secret, unit.id, unit.code, unit.feed_generation)
        try:
            return subscribe_links(
                self.settings.base_url, feed_path(Audience("unit", unit.code), token)
            ).https
        except ValueError:
            return None

    def calendar_link(self, unit: UnitInfo, today: date, message_id: str) -> Notice:
        """The unit's calendar link on its own ("Gửi liên kết lịch cho đơn vị")."""
        return self._notice(
            "calendar_link", unit, today, message_id, items=(), feed=self.feed_url(unit)
        )

    def late_list(
        self,
        office: UnitInfo,
        lists: Sequence[tuple[Deadline, Sequence[UnitInfo], int, int]],
        today: date,
        message_id: str,
    ) -> Notice:
        """For the receiving office: per deadline, (deadline, late units, submitted, total)."""
        late_lists = tuple(
            LateList(
                item=self.due_item(dl, None, today),
                late=tuple(
                    LateUnit(u.code, u.name, (today - dl.item.effective_date).days)
                    for u in sorted(late, key=lambda u: u.code)
                ),
                submitted=submitted,
                total=total,
            )
            for dl, late, submitted, total in sorted(
                lists, key=lambda entry: (entry[0].item.effective_date, entry[0].uid)
            )
        )
        items = tuple(entry.item for entry in late_lists)
        return self._notice("late_list", office, today, message_id, items=items, lists=late_lists)

    def _notice(
        self,
        kind: NoticeKind,
        unit: UnitInfo,
        today: date,
        message_id: str,
        *,
        items: tuple[DueItem, ...],
        lists: tuple[LateList, ...] = (),
        feed: str | None = None,
    ) -> Notice:
        return Notice(
            kind=kind,
            to=unit.recipient,
            today=today,
            message_id=message_id,
            language=self.settings.language,
            items=items,
            late_lists=lists,
            office=self.office,
            feed_url=feed,
        )


def message_id(row_ids: Sequence[int], kind: str, domain: str) -> str:
    """Stable for the same rows: a message resent after a crash is recognisably the same."""
    ids = sorted(row_ids)
    digest = hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:12]
    return f"thidua.{kind}.{ids[0]}.{digest}@{domain}"
