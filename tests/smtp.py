"""A real SMTP server for the tests: aiosmtpd on 127.0.0.1, a port the system picks.

`SmtpServer` records every message it accepts (envelope and the message parsed back with
the default policy), refuses the recipients it is told to (550 for good, 450 for now),
can answer DATA with an error, slowly or only when the test says, can drop every open
connection (a relay closing an idle session), and can be stopped and started again on the
same port (an outage).
It speaks plain SMTP, STARTTLS or implicit TLS, with AUTH PLAIN/LOGIN when given users.

The fixture `smtp_server` gives each test a plain one; `SmtpServer.settings_env()` gives
the ``THIDUA_*`` variables that point the service (or a child process) at it.
"""

from __future__ import annotations

import asyncio
import email
import socket
import ssl
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from functools import cached_property
from typing import Any, Literal, cast

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

Security = Literal["none", "starttls", "ssl"]


# A sender of an office's own domain: the SMTP channel refuses a placeholder sender.
OFFICE_SENDER = "Ban Thi đua - Khen thưởng <thidua@snv.phutho.gov.vn>"


@dataclass(frozen=True)
class Received:
    """One message as the server accepted it."""

    mail_from: str
    rcpt_to: tuple[str, ...]
    data: bytes  # exactly the bytes after DATA, dot-unstuffed
    authenticated_as: str | None
    tls: bool

    @cached_property
    def message(self) -> EmailMessage:
        """Parsed back with ``email.policy.default`` when first asked for: the server
        itself only records, so that thousands of messages a second can arrive."""
        return cast(EmailMessage, email.message_from_bytes(self.data, policy=policy.default))


@dataclass
class _Behaviour:
    """What the server does, changeable while it runs."""

    refused: dict[str, tuple[int, str]] = field(default_factory=dict)
    data_reply: str | None = None  # e.g. "451 4.3.0 try later"; None: accept
    data_delay: float = 0.0
    data_gate: threading.Event | None = None  # when set up: DATA is answered once it opens
    data_arrived: threading.Event = field(default_factory=threading.Event)
    data_probe: Callable[[], None] | None = None  # run as each message's data arrives


class _Handler:
    def __init__(self, server: SmtpServer) -> None:
        self.server = server

    async def handle_RCPT(
        self, _smtp: SMTP, _session: Session, envelope: Envelope, address: str, _options: Any
    ) -> str:
        refusal = self.server.behaviour.refused.get(address.casefold())
        if refusal:
            code, text = refusal
            return f"{code} {text}"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, smtp: SMTP, session: Session, envelope: Envelope) -> str:
        behaviour = self.server.behaviour
        behaviour.data_arrived.set()
        if behaviour.data_probe is not None:
            await asyncio.get_running_loop().run_in_executor(None, behaviour.data_probe)
        if behaviour.data_gate is not None:
            await asyncio.get_running_loop().run_in_executor(None, behaviour.data_gate.wait, 30)
        if behaviour.data_delay:
            await asyncio.sleep(behaviour.data_delay)
        if behaviour.data_reply:
            return behaviour.data_reply
        data = cast(bytes, envelope.original_content)
        login = session.auth_data.login if isinstance(session.auth_data, LoginPassword) else None
        self.server._record(
            Received(
                mail_from=envelope.mail_from or "",
                rcpt_to=tuple(envelope.rcpt_tos),
                data=data,
                authenticated_as=login.decode() if isinstance(login, bytes) else login,
                tls=smtp.transport.get_extra_info("sslcontext") is not None,
            )
        )
        return "250 2.0.0 Message accepted for delivery"


class _Controller(Controller):
    """aiosmtpd's controller bound to a socket we made: port 0 on the first start, the same
    port on a restart, and the sessions tracked so that they can be dropped."""

    def __init__(self, owner: SmtpServer, **kwargs: Any) -> None:
        super().__init__(_Handler(owner), hostname="127.0.0.1", port=owner.port, **kwargs)
        self.owner = owner
        self.sessions: set[SMTP] = set()

    def factory(self) -> SMTP:
        with warnings.catch_warnings():
            # "AUTH without requiring TLS": implicit TLS is TLS, aiosmtpd cannot tell.
            warnings.simplefilter("ignore", UserWarning)
            smtp = super().factory()
        self.sessions.add(smtp)
        self.owner.connections += 1
        return smtp

    def _create_server(self) -> Any:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(128)
        self.port = listener.getsockname()[1]
        return self.loop.create_server(self._factory_invoker, sock=listener, ssl=self.ssl_context)

    def open_sessions(self) -> int:
        return sum(1 for smtp in self.sessions if smtp.transport is not None)

    def drop_sessions(self) -> None:
        def close_all() -> None:
            for smtp in list(self.sessions):
                if smtp.transport is not None:
                    smtp.transport.close()
            self.sessions.clear()

        done = threading.Event()
        self.loop.call_soon_threadsafe(lambda: (close_all(), done.set()))
        done.wait(5)


class SmtpServer:
    """See the module docstring."""

    def __init__(
        self,
        *,
        security: Security = "none",
        tls: tuple[ssl.SSLContext, ssl.SSLContext] | None = None,
        users: dict[str, str] | None = None,
    ) -> None:
        """``tls`` is (server context, client context) for "starttls" and "ssl";
        ``users`` turns AUTH on (and requires it)."""
        self.security = security
        self.host = "127.0.0.1"
        self.port = 0
        self.users = users
        self.behaviour = _Behaviour()
        self._tls = tls
        self._lock = threading.Lock()
        self._received: list[Received] = []
        self._controller: _Controller | None = None
        self.connections = 0  # accepted so far (start() makes one to check the server)

    # --- running -----------------------------------------------------------------------

    def start(self) -> SmtpServer:
        assert self._controller is None, "already running"
        self._controller = _Controller(self, **self._smtp_options())
        self._controller.start()
        self.port = self._controller.port
        return self

    def stop(self) -> None:
        """Close every connection and stop listening (connections are refused)."""
        if self._controller is None:
            return
        self._controller.drop_sessions()
        self._controller.stop()
        self._controller = None

    def restart(self) -> None:
        self.stop()
        self.start()

    @property
    def running(self) -> bool:
        return self._controller is not None

    def drop_connections(self) -> None:
        """Close the open sessions, as a relay does with idle ones; keep listening."""
        if self._controller is not None:
            self._controller.drop_sessions()

    def _smtp_options(self) -> dict[str, Any]:
        options: dict[str, Any] = {"ready_timeout": 10.0}
        server_context = self._tls[0] if self._tls else None
        if self.security == "ssl":
            assert server_context, "implicit TLS needs a certificate"
            options["ssl_context"] = server_context
        elif self.security == "starttls":
            assert server_context, "STARTTLS needs a certificate"
            options.update(tls_context=server_context, require_starttls=True)
        if self.users is not None:
            options.update(
                authenticator=self._authenticate,
                auth_required=True,
                # aiosmtpd counts only STARTTLS as TLS; implicit TLS is TLS from the start.
                auth_require_tls=self.security == "starttls",
            )
        return options

    def _authenticate(
        self, _server: SMTP, _session: Session, _envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        users = self.users or {}
        if mechanism in {"LOGIN", "PLAIN"} and isinstance(data, LoginPassword):
            login, password = data.login.decode(), data.password.decode()
            if users.get(login) == password:
                return AuthResult(success=True, auth_data=data)
        return AuthResult(success=False, handled=False)

    # --- behaviour ---------------------------------------------------------------------

    def refuse(self, address: str, code: int = 550, text: str | None = None) -> None:
        """Refuse RCPT TO this address: 5xx for good, 4xx for now."""
        default = "5.1.1 No such mailbox" if code >= 500 else "4.2.1 Mailbox busy, try later"
        self.behaviour.refused[address.casefold()] = (code, text or default)

    def accept(self, address: str) -> None:
        self.behaviour.refused.pop(address.casefold(), None)

    def answer_data(self, reply: str | None) -> None:
        """Answer DATA with this reply ("554 5.6.0 rejected"); None accepts again."""
        self.behaviour.data_reply = reply

    def probe_data(self, probe: Callable[[], None] | None) -> None:
        """Run ``probe`` as each message's data arrives, before the server answers it."""
        self.behaviour.data_probe = probe

    def delay_data(self, seconds: float) -> None:
        self.behaviour.data_delay = seconds

    def hold_data(self) -> tuple[threading.Event, threading.Event]:
        """From now on DATA is answered only once the returned gate opens; the other event
        is set when a message's data has all arrived."""
        self.behaviour.data_arrived.clear()
        self.behaviour.data_gate = threading.Event()
        return self.behaviour.data_gate, self.behaviour.data_arrived

    # --- what arrived ------------------------------------------------------------------

    def _record(self, received: Received) -> None:
        with self._lock:
            self._received.append(received)

    @property
    def messages(self) -> list[Received]:
        with self._lock:
            return list(self._received)

    def clear(self) -> None:
        with self._lock:
            self._received.clear()

    def to(self, address: str) -> list[Received]:
        """Messages whose envelope reached this address."""
        key = address.casefold()
        return [m for m in self.messages if key in {a.casefold() for a in m.rcpt_to}]

    def by_address(self) -> dict[str, list[Received]]:
        """Every envelope recipient (lower case) and the messages that reached it."""
        found: dict[str, list[Received]] = {}
        for message in self.messages:
            for address in message.rcpt_to:
                found.setdefault(address.casefold(), []).append(message)
        return found

    def wait_for(self, count: int, timeout: float = 60.0) -> list[Received]:
        """The messages once at least ``count`` have arrived (for senders in another
        thread or process); fails the test if they do not come."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            messages = self.messages
            if len(messages) >= count:
                return messages
            time.sleep(0.02)
        pytest.fail(f"SMTP server got {len(self.messages)} messages, expected {count}")

    def wait_disconnected(self, timeout: float = 60.0) -> None:
        """Return once no client is connected: after a sender was killed, nothing more of
        what it wrote can still be recorded (aiosmtpd cancels a session's handler when its
        connection is lost)."""
        deadline = time.monotonic() + timeout
        while self._controller is not None and self._controller.open_sessions():
            if time.monotonic() > deadline:
                pytest.fail("an SMTP client stayed connected")
            time.sleep(0.02)

    def settings_values(self) -> dict[str, Any]:
        """Settings fields that send through this server (``Settings.model_copy``)."""
        return {
            "notifier": "smtp",
            "smtp_host": self.host,
            "smtp_port": self.port,
            "smtp_timeout": 10.0,
            "mail_from": OFFICE_SENDER,
        }

    def settings_env(self) -> dict[str, str]:
        """``THIDUA_*`` variables that send through this server."""
        env = {
            "THIDUA_NOTIFIER": "smtp",
            "THIDUA_SMTP_HOST": self.host,
            "THIDUA_SMTP_PORT": str(self.port),
            "THIDUA_SMTP_SECURITY": self.security,
            "THIDUA_SMTP_TIMEOUT": "10",
            "THIDUA_MAIL_FROM": OFFICE_SENDER,
        }
        if self.users:
            login, password = next(iter(self.users.items()))
            env |= {"THIDUA_SMTP_USERNAME": login, "THIDUA_SMTP_PASSWORD": password}
        return env

    def __enter__(self) -> SmtpServer:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """A plain SMTP server on loopback, stopped after the test."""
    with SmtpServer() as server:
        yield server
