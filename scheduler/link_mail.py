"""A unit's calendar link by e-mail, at the office's request ("Gửi liên kết lịch cho đơn
vị" on the unit's page): the link as it stands (`calendars.feeds_tokens`), sent at once
through the configured channel like the receipts (`scheduler.receipts.send`), with a
Message-ID of its own. Nothing is recorded: the link is the same in every reminder.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from calendars import feeds_tokens
from calendars import models as m
from config.settings import Settings
from notifiers.base import Notice
from scheduler import notices
from translations import gettext as _


def calendar_link_notice(
    session: Session, settings: Settings, unit_code: str, now: datetime
) -> Notice:
    """The mail of an active unit's calendar link (`LookupError` for another unit,
    `ValueError` when the base URL makes no link)."""
    unit = session.scalar(select(m.Unit).where(m.Unit.code == unit_code))
    if unit is None or not unit.active:
        raise LookupError(f"no active unit {unit_code!r}")
    info = notices.unit_info(unit, feeds_tokens.generation_of(session, unit.id))
    # One message each time the office presses the button: a random part, not a row id.
    message_id = f"thidua.calendar-link.{unit.id}.{secrets.token_hex(6)}@{settings.uid_domain}"
    builder = notices.NoticeBuilder(settings)
    notice = builder.calendar_link(info, now.astimezone(settings.tz).date(), message_id)
    if notice.feed_url is None:
        raise ValueError(
            _("the base URL %(url)s makes no calendar link", url=repr(settings.base_url))
        )
    return notice
