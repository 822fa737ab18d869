"""The signed "Đã gửi báo cáo" link in each reminder.

The link names one deadline occurrence (its UID) and one unit (its code), and the last day
it is good for: ``submit_link_valid_days`` after the deadline's effective last day. It is
signed with itsdangerous under the service's secret key, so it cannot be forged or
altered; the same unit and deadline always get the same link, and using it twice records
one submission.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from itsdangerous import BadData, URLSafeSerializer

from config.dates import shift_days
from config.settings import Settings
from translations import gettext as _

_SALT = "thidua.submit-link"
PATH = "/submit/"


class InvalidLink(ValueError):
    """Not a link this service signed (forged, altered or truncated)."""


@dataclass(frozen=True)
class SubmitLink:
    occurrence_uid: str
    unit_code: str
    valid_until: date

    def expired(self, today: date) -> bool:
        return today > self.valid_until


@lru_cache(maxsize=8)
def _serializer(secret: str) -> URLSafeSerializer:
    """One per key: it is made for every reminder of a run."""
    return URLSafeSerializer(secret, salt=_SALT)


def valid_until(last_day: date, settings: Settings) -> date:
    return shift_days(last_day, settings.submit_link_valid_days)


def make_token(secret: str, link: SubmitLink) -> str:
    return _serializer(secret).dumps(
        [link.occurrence_uid, link.unit_code, link.valid_until.isoformat()]
    )


def read_token(secret: str, token: str) -> SubmitLink:
    try:
        uid, unit, until = _serializer(secret).loads(token)
        return SubmitLink(str(uid), str(unit), date.fromisoformat(until))
    except (BadData, ValueError, TypeError) as exc:
        raise InvalidLink(
            _("this link was not issued by this service or has been altered")
        ) from exc


def submit_url(
    settings: Settings, secret: str, occurrence_uid: str, unit_code: str, last_day: date
) -> str:
    """The absolute link for a reminder, under ``base_url`` (``secret``: the settings'
    `effective_secret_key`, read once by the caller)."""
    link = SubmitLink(occurrence_uid, unit_code, valid_until(last_day, settings))
    token = make_token(secret, link)
    return f"{settings.base_url.rstrip('/')}{PATH}{token}"
