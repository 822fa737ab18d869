"""How mail reaches the service: an SMTP endpoint of its own, or an IMAP mailbox it polls.

Both hand each message's bytes to a `Deliver` callback (the scheduler's
`scheduler.replies.take_mail` in the service) and treat its outcome the same way: a
message over the size limit is refused for good (SMTP 552; over IMAP it is flagged and
left in the mailbox for a person), any other failure is temporary (SMTP 451, so the
sending server tries again; over IMAP the message stays unseen for the next poll). A mail
is marked done only once the callback has returned, so none is lost between the two.

`TransportError` says whether a failure of the transport itself is permanent (a wrong
password, a folder that does not exist) or may pass (the server is down). The IMAP password
is never logged.
"""

from __future__ import annotations

import asyncio
import imaplib
import logging
import re
import socket
import ssl
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from config.settings import Settings
from submissions.mailparse import MailTooLarge, normal_address
from translations import gettext as _

log = logging.getLogger(__name__)

Deliver = Callable[[bytes, Sequence[str]], object]  # raw message, envelope recipients
Security = Literal["none", "starttls", "ssl"]
_SIZE = re.compile(rb"RFC822\.SIZE (\d+)")


class TransportError(RuntimeError):
    """The mail transport failed; ``permanent``: trying again will not help."""

    def __init__(self, message: str, *, permanent: bool) -> None:
        super().__init__(message)
        self.permanent = permanent


def accepts(inbound_address: str, recipient: str) -> bool:
    """Whether a recipient is the inbound address, with or without a ``+tag``; every
    recipient is accepted when no inbound address is set."""
    if not inbound_address:
        return True
    local, _, domain = normal_address(recipient).rpartition("@")
    return f"{local.partition('+')[0]}@{domain}" == normal_address(inbound_address)


class _Handler:
    def __init__(self, deliver: Deliver, inbound_address: str) -> None:
        self.deliver = deliver
        self.inbound_address = inbound_address

    async def handle_RCPT(
        self, _smtp: SMTP, _session: Session, envelope: Envelope, address: str, _options: Any
    ) -> str:
        if not accepts(self.inbound_address, address):
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, _smtp: SMTP, _session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or b""
        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(None, self.deliver, raw, list(envelope.rcpt_tos))
        except MailTooLarge:
            return "552 5.3.4 Message too big"
        except Exception:  # the sending server keeps the mail and tries again
            log.exception("an incoming mail could not be stored; the sender will retry")
            return "451 4.3.0 Temporary failure, try again later"
        return "250 2.0.0 Message accepted"


class SmtpReceiver:
    """aiosmtpd on ``host:port`` (port 0: the system picks one, read back in ``port``)."""

    def __init__(
        self,
        deliver: Deliver,
        *,
        host: str,
        port: int,
        max_bytes: int,
        inbound_address: str = "",
    ) -> None:
        self.host, self.port = host, port
        self._controller = _Controller(
            _Handler(deliver, inbound_address), host, port, data_size_limit=max_bytes
        )

    def start(self) -> SmtpReceiver:
        try:
            self._controller.start()
        except (OSError, RuntimeError) as exc:
            raise TransportError(
                _(
                    "cannot listen on %(host)s:%(port)s: %(reason)s",
                    host=self.host,
                    port=self.port,
                    reason=exc,
                ),
                permanent=True,
            ) from exc
        self.port = self._controller.port
        return self

    def stop(self) -> None:
        self._controller.stop()

    def __enter__(self) -> SmtpReceiver:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()


class _Controller(Controller):
    """aiosmtpd's controller on a socket it binds itself, so that port 0 (the system
    picks) can be read back."""

    def __init__(self, handler: _Handler, host: str, port: int, **options: Any) -> None:
        super().__init__(handler, hostname=host, port=port, ready_timeout=10.0, **options)

    def _create_server(self) -> Any:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((self.hostname, self.port))
        listener.listen(128)
        # The base class checks the server by connecting to (hostname, port): the port
        # bound, not 0.
        self.port = listener.getsockname()[1]
        return self.loop.create_server(self._factory_invoker, sock=listener)


@dataclass(frozen=True)
class ImapAccount:
    host: str
    port: int
    security: Security
    username: str
    password: str
    folder: str = "INBOX"
    timeout: float = 30.0

    def __repr__(self) -> str:  # never the password
        return f"ImapAccount({self.username}@{self.host}:{self.port}/{self.folder})"

    @classmethod
    def from_settings(cls, settings: Settings) -> ImapAccount | None:
        """The mailbox of ``THIDUA_INBOUND_IMAP_*``; None when no host and user are set."""
        s = settings
        if not s.inbound_imap_host or not s.inbound_imap_username:
            return None
        return cls(
            host=s.inbound_imap_host,
            port=s.inbound_imap_port,
            security=s.inbound_imap_security,
            username=s.inbound_imap_username,
            password=s.inbound_imap_password,
            folder=s.inbound_imap_folder,
        )


@dataclass(frozen=True)
class Polled:
    taken: int  # handed to the callback and marked seen
    too_large: int  # flagged and left for a person
    failed: int  # left unseen for the next poll


class ImapPoller:
    """Fetches the unseen messages of one mailbox folder, one poll at a time."""

    def __init__(self, account: ImapAccount, *, max_bytes: int) -> None:
        self.account = account
        self.max_bytes = max_bytes

    def check(self) -> None:
        """Sign in and open the folder, then leave (`TransportError` when it fails)."""
        _close(self._connect())

    def poll(self, deliver: Deliver) -> Polled:
        client = self._connect()
        try:
            return self._take_unseen(client, deliver)
        except (imaplib.IMAP4.abort, OSError) as exc:
            raise TransportError(
                _("IMAP connection lost: %(reason)s", reason=exc), permanent=False
            ) from exc
        finally:
            _close(client)

    def _connect(self) -> imaplib.IMAP4:
        account = self.account
        try:
            if account.security == "ssl":
                client: imaplib.IMAP4 = imaplib.IMAP4_SSL(
                    account.host,
                    account.port,
                    ssl_context=ssl.create_default_context(),
                    timeout=account.timeout,
                )
            else:
                client = imaplib.IMAP4(account.host, account.port, timeout=account.timeout)
                if account.security == "starttls":
                    client.starttls(ssl.create_default_context())
        except ssl.SSLCertVerificationError as exc:  # a setting to change, not an outage
            raise TransportError(
                _(
                    "the IMAP server %(host)s has a certificate this machine does not "
                    "trust: %(reason)s",
                    host=account.host,
                    reason=exc.verify_message,
                ),
                permanent=True,
            ) from exc
        except (OSError, imaplib.IMAP4.error) as exc:
            raise TransportError(
                _(
                    "cannot reach the IMAP server %(host)s:%(port)s: %(reason)s",
                    host=account.host,
                    port=account.port,
                    reason=exc,
                ),
                permanent=False,
            ) from exc
        self._sign_in(client)
        return client

    def _sign_in(self, client: imaplib.IMAP4) -> None:
        account = self.account
        try:
            client.login(account.username, account.password)
        except imaplib.IMAP4.error as exc:
            _close(client)
            raise TransportError(
                _("the IMAP server refused the login of %(user)s", user=repr(account.username)),
                permanent=True,
            ) from exc
        status, _data = client.select(_quoted(account.folder))
        if status != "OK":
            _close(client)
            raise TransportError(
                _("no IMAP folder %(folder)s", folder=repr(account.folder)), permanent=True
            )

    def _take_unseen(self, client: imaplib.IMAP4, deliver: Deliver) -> Polled:
        status, data = client.uid("SEARCH", "UNSEEN")
        uids = data[0].split() if status == "OK" and data and data[0] else []
        taken = too_large = failed = 0
        for uid in uids:
            outcome = self._take_one(client, uid.decode(), deliver)
            taken += outcome == "taken"
            too_large += outcome == "too_large"
            failed += outcome == "failed"
        return Polled(taken, too_large, failed)

    def _take_one(self, client: imaplib.IMAP4, uid: str, deliver: Deliver) -> str:
        size = _size(client, uid)
        if size is None or size > self.max_bytes:
            log.warning("IMAP message %s is over the size limit: flagged, left in the mailbox", uid)
            client.uid("STORE", uid, "+FLAGS", r"(\Seen \Flagged)")
            return "too_large"
        raw = _body(client, uid)
        try:
            deliver(raw, ())
        except MailTooLarge:
            client.uid("STORE", uid, "+FLAGS", r"(\Seen \Flagged)")
            return "too_large"
        except Exception:  # left unseen: the next poll tries it again
            log.exception("IMAP message %s could not be stored; it stays unseen", uid)
            return "failed"
        client.uid("STORE", uid, "+FLAGS", r"(\Seen)")
        return "taken"


def _size(client: imaplib.IMAP4, uid: str) -> int | None:
    status, data = client.uid("FETCH", uid, "(RFC822.SIZE)")
    found = _SIZE.search(_first_bytes(data)) if status == "OK" else None
    return int(found[1]) if found else None


def _body(client: imaplib.IMAP4, uid: str) -> bytes:
    """The whole message, without setting \\Seen (BODY.PEEK): it is set once stored."""
    status, data = client.uid("FETCH", uid, "(BODY.PEEK[])")
    for item in data if status == "OK" else []:
        if isinstance(item, tuple) and len(item) == 2:
            return bytes(item[1])
    raise TransportError(_("IMAP message %(uid)s could not be fetched", uid=uid), permanent=False)


def _first_bytes(data: list[Any]) -> bytes:
    item = data[0] if data else b""
    return item[0] if isinstance(item, tuple) else (item or b"")


def _quoted(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _close(client: imaplib.IMAP4) -> None:
    try:
        if client.state == "SELECTED":
            client.close()
        client.logout()
    except (imaplib.IMAP4.error, OSError):
        pass
