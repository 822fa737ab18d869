"""The channel a dispatch sends through: the configured `notifiers` transport, made once
per run, opened on first use and made again after a failure, and each message's rendering
overlapped with the delivery of the one before it.

The transport says what a failure means (`notifiers.base.TransportError`); the channel
turns the failures that give no verdict on the message (the server refused the connection,
timed out, dropped the session before answering, TLS or login failed) into `Unavailable`:
no message of the run can go, and none is to blame, so the run stops and counts no attempt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Any, Generic, TypeVar

from config.settings import Settings
from notifiers.base import Notice, SendResult, Transport, TransportError, make_transport

Clock = Callable[[], datetime]
TransportFactory = Callable[[Settings, Clock], Transport]
M = TypeVar("M")


def default_transport(settings: Settings, clock: Clock) -> Transport:
    """The configured channel; ``clock`` dates the messages (the run's ``now``)."""
    return make_transport(settings, clock=clock)


class Unavailable(Exception):
    """The channel cannot be reached at all (the mail server is down)."""


class Channel:
    """A channel for one run: messages are prepared by a transport made up front (a bad
    setting fails the run before anything is claimed), and delivered by one opened on
    first use and made again after a failure."""

    def __init__(self, factory: TransportFactory, settings: Settings, clock: Clock) -> None:
        self.factory = factory
        self.settings = settings
        self.clock = clock
        self.renderer = factory(settings, clock)
        self.transport: Transport | None = None

    def prepare(self, notice: Notice) -> Any:
        """Render a message (no I/O, no state)."""
        return self.renderer.prepare(notice)

    def deliver(
        self,
        prepared: Any,
        meanwhile: Callable[[], None] | None = None,
        before: Once | None = None,
    ) -> SendResult:
        """Deliver a message; ``before`` (see `notifiers.base.Transport.deliver`) has run
        once this returns or raises, in the transport's first wait or else here."""
        try:
            return self._deliver(prepared, meanwhile, before)
        finally:
            if before is not None:
                before()

    def _deliver(
        self, prepared: Any, meanwhile: Callable[[], None] | None, before: Once | None
    ) -> SendResult:
        if self.transport is None:
            transport = self.factory(self.settings, self.clock)
            try:
                transport.open()
            except (TransportError, OSError) as exc:
                transport.close()
                raise Unavailable(str(exc) or type(exc).__name__) from exc
            self.transport = transport
        try:
            return self.transport.deliver(prepared, meanwhile, before)
        except TransportError as exc:
            if not exc.unreachable:
                raise
            self.reset()
            raise Unavailable(str(exc)) from exc

    def reset(self) -> None:
        if self.transport is not None:
            self.transport.close()
            self.transport = None

    close = reset


class Once:
    """Work done at most once, by whoever comes first: the channel in a wait before the
    message goes, or the loop. Its failure is kept, to be told from the channel's own.

    With ``begin``, the work has a first part: the channel runs it (`start`) once the
    first command of the message's transaction is written (a database's read written, not
    waited for), and the rest when the Once is called, before the message's content
    leaves: the database's round trip overlaps the mail server's replies instead of adding
    to them. A failure of ``begin`` is raised when the Once is called."""

    def __init__(self, work: Callable[[], None], begin: Callable[[], None] | None = None) -> None:
        self._work: Callable[[], None] | None = work
        self._begin = begin
        self._split = begin is not None
        self._failed: Exception | None = None
        self.failure: Exception | None = None

    def start(self) -> bool:
        """Run ``begin``, if not yet; whether the rest waits until the Once is called."""
        begin, self._begin = self._begin, None
        if begin is not None and self._work is not None:
            try:
                begin()
            except Exception as exc:  # raised when called, as the Once's own
                self._work = None
                self._failed = self.failure = exc
        return self._split

    def __call__(self) -> None:
        work, self._work = self._work, None
        failed, self._failed = self._failed, None
        if failed is not None:
            raise failed
        if work is None:
            return
        try:
            work()
        except Exception as exc:
            self.failure = exc
            raise


class Rendering(Generic[M]):
    """One message's rendering, made once: by the channel while it waits on the mail server
    for the previous message's verdict (``meanwhile``), or else when it is needed. A
    failure is kept and raised where the message is delivered, as that message's own."""

    def __init__(self, render: Callable[[M], Any], message: M) -> None:
        self.message = message
        self._render = render
        self._done = False
        self._value: Any = None
        self._error: Exception | None = None

    def make(self) -> None:
        if self._done:
            return
        try:
            self._value = self._render(self.message)
        except Exception as exc:  # raised again by result(), as the message's own
            self._error = exc
        self._done = True

    def result(self) -> Any:
        self.make()
        if self._error is not None:
            raise self._error
        return self._value


def renderings(
    render: Callable[[M], Any], messages: Iterable[M]
) -> Iterator[tuple[Rendering[M], Rendering[M] | None]]:
    """Each message's rendering with the next one's, which can be made while this one is
    delivered."""
    upcoming = (Rendering(render, message) for message in messages)
    current = next(upcoming, None)
    while current is not None:
        following = next(upcoming, None)
        yield current, following
        current = following
