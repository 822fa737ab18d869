"""Which unit and deadline a mail that came in answers.

In this order: the reminder it replies to (its In-Reply-To or References name the
Message-ID of a reminder the service sent: the scheduler knows which, through `Lookups`);
then a reply token in a recipient's plus-address (``baocao+d12u3k….@office``, from
`reply_address`); then the sender's address among the units' (NFC, casefolded), with the
deadline the unit was chased for. What stays unknown or ambiguous is kept for the office
to assign, with the reason (`REASONS`) and whatever part of the answer was found.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from calendars import models as m
from submissions.mailparse import InboundMail, normal_address
from submissions.records import is_responsible, standing
from translations import N_

_TOKEN = re.compile(r"^d(\d{1,12})u(\d{1,12})k([a-z2-7]{16})$")
_TOKEN_SALT = b"thidua.reply-token:"

# Why a mail waits for the office.
# "refused": every file failed the check of `submissions.filecheck` (`scheduler.replies`).
REASONS = ("unknown_sender", "ambiguous", "no_attachment", "truncated", "not_open", "refused")
# What the office is told of each reason (msgids, translated where shown: the page, the CLI).
REASON_TEXTS: dict[str, str] = {
    "unknown_sender": N_("The sender is not the address of any unit."),
    "ambiguous": N_("It could be the answer of more than one unit or deadline."),
    "no_attachment": N_("No report is attached."),
    "truncated": N_("More attachments or parts than the service reads."),
    "not_open": N_("The deadline is closed, cancelled or its report already accepted."),
    "refused": N_("None of its files could be taken."),
}


class Lookups(Protocol):
    """What the scheduler knows about the reminders it sent."""

    def replied(self, session: Session, message_ids: Sequence[str]) -> list[tuple[int, int]]:
        """(occurrence id, unit id) of each deadline and unit the reminders with these
        Message-IDs chased."""
        ...

    def chased(self, session: Session, unit_id: int) -> list[int]:
        """The deadlines the unit was sent a chase for."""
        ...


@dataclass(frozen=True)
class Verdict:
    occurrence: m.Occurrence | None
    unit: m.Unit | None
    how: str | None  # "reply", "token" or "sender": what tied the mail
    reason: str | None  # None: record it as the unit's submission

    @property
    def complete(self) -> bool:
        return self.reason is None and self.occurrence is not None and self.unit is not None


def reply_token(secret: str, occurrence_id: int, unit_id: int) -> str:
    """A short token for a plus-address: lower case, because mail systems may fold the
    local part; 80 bits of HMAC, so it cannot be made up for another unit or deadline."""
    body = f"d{occurrence_id}u{unit_id}"
    return f"{body}k{_mac(secret, body)}"


def reply_address(inbound_address: str, secret: str, occurrence_id: int, unit_id: int) -> str:
    """``local+token@domain`` of the service's inbound address."""
    local, _, domain = inbound_address.rpartition("@")
    return f"{local}+{reply_token(secret, occurrence_id, unit_id)}@{domain}"


def read_token(secret: str, address: str) -> tuple[int, int] | None:
    """(occurrence id, unit id) of a plus-address this service made, else None."""
    local = normal_address(address).rpartition("@")[0]
    found = _TOKEN.match(local.rpartition("+")[2]) if "+" in local else None
    if found is None:
        return None
    body = f"d{found[1]}u{found[2]}"
    if not hmac.compare_digest(found[3], _mac(secret, body)):
        return None
    return int(found[1]), int(found[2])


def _mac(secret: str, body: str) -> str:
    digest = hmac.new(secret.encode(), _TOKEN_SALT + body.encode(), hashlib.sha256).digest()
    return base64.b32encode(digest[:10]).decode().lower()


def resolve(session: Session, mail: InboundMail, lookups: Lookups, secret: str) -> Verdict:
    """The unit and deadline the mail answers, or why it waits for the office."""
    verdict = _by_reply(session, mail, lookups) or _by_token(session, mail, secret)
    verdict = verdict or _by_sender(session, mail, lookups)
    if verdict.reason is None and not mail.attachments:
        return Verdict(verdict.occurrence, verdict.unit, verdict.how, "no_attachment")
    if verdict.reason is None and mail.truncated:
        return Verdict(verdict.occurrence, verdict.unit, verdict.how, "truncated")
    return verdict


def _by_reply(session: Session, mail: InboundMail, lookups: Lookups) -> Verdict | None:
    pairs = lookups.replied(session, mail.answers) if mail.answers else []
    return _decide(session, pairs, "reply") if pairs else None


def _by_token(session: Session, mail: InboundMail, secret: str) -> Verdict | None:
    pairs = [p for p in (read_token(secret, a) for a in mail.recipients) if p is not None]
    return _decide(session, pairs, "token") if pairs else None


def _by_sender(session: Session, mail: InboundMail, lookups: Lookups) -> Verdict:
    units = units_of_address(session, mail.sender) if mail.sender else []
    if not units:
        return Verdict(None, None, None, "unknown_sender")
    if len(units) > 1:
        return Verdict(None, None, "sender", "ambiguous")
    unit = units[0]
    pairs = [(occurrence_id, unit.id) for occurrence_id in lookups.chased(session, unit.id)]
    if not pairs:
        return Verdict(None, unit, "sender", "ambiguous")
    return _decide(session, pairs, "sender")


def units_of_address(session: Session, address: str) -> list[m.Unit]:
    """Active units that list this address (NFC, casefolded)."""
    wanted = normal_address(address)
    units = session.scalars(select(m.Unit).where(m.Unit.active).order_by(m.Unit.code))
    return [u for u in units if wanted in {normal_address(e) for e in u.emails or []}]


def _decide(session: Session, pairs: Iterable[tuple[int, int]], how: str) -> Verdict:
    """One deadline and unit from the candidates: among those that can still take a
    report (`_standing_state`), the ones still owed first (nothing standing, or returned),
    then those waiting for review (a second file); several left: ambiguous; none: the
    only candidate, marked ``not_open``."""
    found = _load(session, dict.fromkeys(pairs))
    if not found:
        return Verdict(None, None, how, "not_open")
    states = [(o, u, _standing_state(session, o, u)) for o, u in found]
    owed = [(o, u) for o, u, state in states if state in ("none", "returned")]
    takes = [(o, u) for o, u, state in states if state == "received"]
    chosen = owed or takes or found
    units = {u.id: u for _o, u in chosen}
    unit = next(iter(units.values())) if len(units) == 1 else None
    if len(chosen) > 1:
        return Verdict(None, unit, how, "ambiguous")
    occurrence, unit = chosen[0]
    return Verdict(occurrence, unit, how, None if owed or takes else "not_open")


def _load(session: Session, pairs: Iterable[tuple[int, int]]) -> list[tuple[m.Occurrence, m.Unit]]:
    found = []
    for occurrence_id, unit_id in pairs:
        occurrence, unit = session.get(m.Occurrence, occurrence_id), session.get(m.Unit, unit_id)
        if occurrence is not None and unit is not None and occurrence.kind == "deadline":
            found.append((occurrence, unit))
    return found


def _standing_state(session: Session, occurrence: m.Occurrence, unit: m.Unit) -> str:
    """``none``, ``received``, ``returned`` or ``accepted`` (the standing submission's
    state); ``closed`` when the deadline cannot take the unit's report (cancelled, the
    unit inactive or no longer answering for it)."""
    if occurrence.cancelled_at is not None or not unit.active:
        return "closed"
    if not is_responsible(session, occurrence, unit):
        return "closed"
    existing = standing(session, occurrence.id, unit.id)
    return "none" if existing is None else existing.state
