"""The dispatcher's pure decisions about a message once the channel has answered
(`scheduler.decisions.settle`): per address, for the whole message, and when attempts run
out. No database, no network: the answers are made here."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from config.settings import Settings
from notifiers.base import SendResult, TransportError
from scheduler.claims import Claimed
from scheduler.decisions import Outgoing, Settlement, settle, still_to_reach
from scheduler.notices import UnitInfo

NOW = datetime(2024, 3, 14, 0, 30, tzinfo=UTC)
A, B = "vanthu@snv.phutho.example", "bantdkt@snv.phutho.example"
UNIT = UnitInfo(1, "so-noi-vu", "Sở Nội vụ", (A, B), active=True)


@pytest.fixture
def settings() -> Settings:
    return Settings(_env_file=None, retry_base_seconds=60, retry_max_attempts=3)


def message(attempts: int = 1, recipients: dict[str, object] | None = None) -> Outgoing:
    row = Claimed(7, 1, 1, "due", 0, NOW, attempts, "r-7@thidua.local", recipients)  # type: ignore[arg-type]
    return Outgoing(UNIT, "chase", [row], "r-7@thidua.local", new_id=False)


def answer(
    settings: Settings, outgoing: Outgoing, result: SendResult | TransportError
) -> Settlement:
    return settle(outgoing, result, NOW, settings, random.Random(0))


def test_an_address_refused_for_now_waits_while_the_other_has_it(settings: Settings) -> None:
    result = SendResult("r-7@thidua.local", (A,), deferred={B: "451 4.7.1 greylisted"})
    outcome = answer(settings, message(), result)
    assert outcome.status == "retry" and not outcome.message_failed
    assert outcome.retry_at is not None and NOW < outcome.retry_at <= NOW.replace(minute=31)
    assert outcome.recipients is not None
    assert {a: r["outcome"] for a, r in outcome.recipients.items()} == {A: "sent", B: "deferred"}
    assert outcome.error == f"deferred: {B} (451 4.7.1 greylisted)"
    # The next attempt goes to the waiting address only.
    again = message(2, outcome.recipients)
    assert still_to_reach(UNIT, again.rows).emails == (B,)


def test_attempts_spent_on_a_waiting_address_leave_the_row_sent_with_the_refusal(
    settings: Settings,
) -> None:
    earlier = {A: {"outcome": "sent", "reply": None, "at": NOW.isoformat()}}
    result = TransportError(
        "every recipient refused", permanent=False, deferred={B: "451 4.7.1 greylisted"}
    )
    outcome = answer(settings, message(3, earlier), result)
    assert outcome.status == "sent"
    assert outcome.error == f"gave up after 3 attempts: refused: {B} (451 4.7.1 greylisted)"


@pytest.mark.parametrize(
    ("refusal", "status"),
    [
        (TransportError("all 5xx", permanent=True, refused={A: "550", B: "550"}), "failed"),
        (
            TransportError("4xx and 5xx", permanent=False, refused={A: "550"}, deferred={B: "451"}),
            "retry",
        ),
        (TransportError("554 rejected at DATA", permanent=True), "failed"),
        (TransportError("451 at DATA", permanent=False), "retry"),
    ],
)
def test_a_message_nobody_took(settings: Settings, refusal: TransportError, status: str) -> None:
    outcome = answer(settings, message(), refusal)
    assert outcome.status == status
    assert outcome.message_failed is (not (refusal.refused or refusal.deferred))


def test_an_address_refused_for_good_is_not_tried_again(settings: Settings) -> None:
    refused = {A: {"outcome": "refused", "reply": "550", "at": NOW.isoformat()}}
    waiting = {B: {"outcome": "deferred", "reply": "451", "at": NOW.isoformat()}}
    assert still_to_reach(UNIT, message(2, refused | waiting).rows).emails == (B,)
    assert still_to_reach(UNIT, message(1).rows) == UNIT


def test_an_address_is_known_in_the_form_the_relay_reports_it(settings: Settings) -> None:
    unicode = UnitInfo(2, "ubnd-xa", "UBND xã", ("VanThu@ubnd.thừathiên.vn", B), active=True)
    sent = {"vanthu@ubnd.xn--thathin-oya8320e.vn": {"outcome": "sent", "reply": None, "at": ""}}
    assert still_to_reach(unicode, message(2, sent).rows).emails == (B,)
