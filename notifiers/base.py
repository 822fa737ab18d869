"""What to tell whom, independent of the channel, and the interface every channel implements.

A `Notice` carries content, never tables: the scheduler builds it from the calendar and
the reminder table, a `Transport` delivers it (rendering it with the templates its channel
needs). Transports are chosen by configuration (``notifier = "outbox" | "smtp"``), looked
up in `TRANSPORTS` and made with `make_transport`.

A transport sends in two steps, `prepare` (render the message: CPU work, no I/O) and
`deliver` (put it on the wire), so that rendering the next message can overlap waiting on
the network for this one. A transport reports failure with `TransportError`, which says
whether retrying can help: ``permanent=True`` for a refusal that will not change (SMTP 5xx
for a recipient), False for what may pass (SMTP 4xx); and ``unreachable=True`` when the
server gave no verdict at all (connection refused, timeout, a session dropped before its
answer, TLS or login failing), which says nothing against the message itself. Refusals
are told per address: `SendResult.refused` (for good) and `SendResult.deferred` (for now)
when others were accepted, the same maps on the error when every address was refused.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from importlib import import_module
from types import TracebackType
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Self

if TYPE_CHECKING:
    from config.settings import Settings

NoticeKind = Literal[
    "reminder",
    "digest",
    "overdue",
    "late_list",
    "receipt",
    "returned",
    "accepted",
    "calendar_link",
]
ANSWER_KINDS = ("receipt", "returned", "accepted")  # about a report the unit sent
Language = Literal["vi", "en"]


@dataclass(frozen=True)
class Recipient:
    """A unit (or the receiving office) and the addresses that reach it."""

    code: str
    name: str
    addresses: tuple[str, ...]


@dataclass(frozen=True)
class DocumentRef:
    """The plan or directive a deadline comes from."""

    kind: str  # Kế hoạch, Chỉ thị …
    issuer: str
    number: str | None = None
    date: date | None = None


@dataclass(frozen=True)
class Attachment:
    filename: str  # may carry Vietnamese: encoded per RFC 2231 by the channel
    content_type: str  # "text/calendar; method=PUBLISH"
    data: bytes


@dataclass(frozen=True)
class Reporting:
    """How the unit sends what is due: the receiving office's mailbox (the message's
    Reply-To), the channel (``email``, ``upload``: this service's page, ``paper``: posted
    to ``address``) and whom to call."""

    mailbox: str
    channel: str = "email"
    address: str | None = None
    contact: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class DueItem:
    """One deadline occurrence as a unit must hear of it."""

    uid: str  # the occurrence's UID
    campaign: str  # campaign title
    document: DocumentRef
    title: str
    what: str  # what is due
    wording: str  # as written: "trước ngày 30/6/2023"
    receiver: str | None  # to whom it is sent
    nominal_date: date
    effective_date: date
    days_left: int  # effective_date − today; negative when late
    submit_url: str | None = None  # signed "Đã gửi báo cáo" link, when enabled
    ics: bytes | None = None  # the deadline's VEVENT as a VCALENDAR
    moved_because: str | None = None  # why nominal_date is off: "Mùng năm Tết Nguyên Đán"
    reporting: Reporting | None = None  # how to send it, when the campaign says


@dataclass(frozen=True)
class LateUnit:
    code: str
    name: str
    days_late: int


@dataclass(frozen=True)
class LateList:
    """For the receiving office: who has not submitted for one deadline."""

    item: DueItem
    late: tuple[LateUnit, ...]
    submitted: int
    total: int


@dataclass(frozen=True)
class Answer:
    """What became of a report a unit sent: received (the receipt), returned with a reason,
    or accepted. ``upload_url`` is where to send it (again)."""

    at: datetime  # when it was received, returned or accepted
    files: tuple[str, ...]  # the file names as kept
    note: str | None = None
    reason: str | None = None
    upload_url: str | None = None


@dataclass(frozen=True)
class Notice:
    """What to tell one recipient in one message.

    ``reminder``: one deadline ahead or due today; ``overdue``: deadlines past their day;
    ``digest``: several deadlines for one unit; ``late_list``: for the receiving office,
    the units late on each deadline. ``message_id`` is stable for the same reminder rows,
    so a message resent after a crash is recognisably the same message.
    """

    kind: NoticeKind
    to: Recipient
    today: date
    message_id: str  # without angle brackets: "r-123.456@thidua.local"
    language: Language = "vi"
    items: tuple[DueItem, ...] = ()
    late_lists: tuple[LateList, ...] = ()
    office: str = ""  # who sends: "Ban Thi đua - Khen thưởng tỉnh"
    feed_url: str | None = None  # the unit's subscribe link (https:// or http://)
    attachments: tuple[Attachment, ...] = field(default=())
    answer: Answer | None = None  # receipt, returned, accepted: the report in question
    reply_to: str | None = None  # the service's inbound address for this notice, if any

    @property
    def office_mailboxes(self) -> tuple[str, ...]:
        """The receiving offices' mailboxes its deadlines name, in order, each once: where
        a unit's reply goes (none for the late list, which goes to an office)."""
        if self.kind == "late_list":
            return ()
        found = (item.reporting.mailbox for item in self.items if item.reporting)
        return tuple(dict.fromkeys(found))


@dataclass(frozen=True)
class SendResult:
    """A message the channel accepted; ``refused`` names addresses it refused for good
    while accepting the others, ``deferred`` those it refused for now (SMTP 4xx: worth
    trying again later, alone); each with the server's reply."""

    message_id: str
    accepted: tuple[str, ...]
    refused: dict[str, str] = field(default_factory=dict)
    deferred: dict[str, str] = field(default_factory=dict)


class TransportError(Exception):
    """Delivery failed; ``permanent`` says whether retrying cannot help, ``unreachable``
    that the server gave no verdict on the message (it was not reached, or the session
    broke before the answer). When every recipient was refused, ``refused`` and
    ``deferred`` say how each was, as on `SendResult`."""

    def __init__(
        self,
        message: str,
        *,
        permanent: bool,
        unreachable: bool = False,
        refused: dict[str, str] | None = None,
        deferred: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.permanent = permanent
        self.unreachable = unreachable
        self.refused = refused or {}
        self.deferred = deferred or {}


class Transport(ABC):
    """A channel. Used as a context manager around a batch, so that a connection is
    opened once and reused for every notice of the batch."""

    name: ClassVar[str]

    def __init__(self, settings: Settings, clock: Callable[[], datetime] | None = None) -> None:
        """``clock`` gives the time that dates a message (the ``Date`` header); it is the
        wall clock in the service's time zone unless given (``--now`` runs)."""
        self.settings = settings
        self.clock = clock or (lambda: datetime.now(settings.tz))

    def open(self) -> None:  # noqa: B027 - channels without a connection need nothing
        """Prepare for a batch (connect)."""

    def close(self) -> None:  # noqa: B027
        """End a batch (disconnect); must not raise."""

    def __enter__(self) -> Self:
        self.open()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def send(self, notice: Notice) -> SendResult:
        """Deliver one notice, or raise `TransportError`."""
        return self.deliver(self.prepare(notice))

    @abstractmethod
    def prepare(self, notice: Notice) -> Any:
        """Render what `deliver` sends. Pure work on the notice — no connection, no side
        effect — so that a dispatcher may prepare the next message while this one is on
        the wire. Raises `TransportError` for a notice that cannot be sent."""

    @abstractmethod
    def deliver(
        self,
        prepared: Any,
        meanwhile: Callable[[], None] | None = None,
        before: Callable[[], None] | None = None,
    ) -> SendResult:
        """Send what `prepare` made, or raise `TransportError`.

        ``meanwhile`` is the caller's next piece of work (rendering the next message): a
        channel that waits on the far end may run it while it waits, at most once. It
        must not raise, and the caller cannot count on it having run.

        ``before`` is work that must be done before the message goes (recording what
        became of the previous one): a channel runs it, once, before the message's content
        leaves — in a wait on the far end that comes before, if it has one. When it raises,
        the message is not sent and its error is raised as is. The caller cannot count on it
        having run when the channel failed (it may call it again: it must be idempotent)."""


# name → "module:Class"; imported only when chosen.
TRANSPORTS: dict[str, str] = {
    "outbox": "notifiers.outbox:OutboxTransport",
    "smtp": "notifiers.email:SmtpTransport",
}


def make_transport(
    settings: Settings, name: str | None = None, clock: Callable[[], datetime] | None = None
) -> Transport:
    """The transport the settings choose (``notifier``), or the one named."""
    target = TRANSPORTS[name or settings.notifier]
    module_name, class_name = target.split(":")
    transport_class: type[Transport] = getattr(import_module(module_name), class_name)
    return transport_class(settings, clock)
