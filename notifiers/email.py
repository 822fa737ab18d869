"""E-mail over SMTP: one connection for a batch, TLS, AUTH, and every failure sorted into
what a retry can fix and what it cannot.

The connection is opened at the batch's first message and kept until `close`, so a
morning's dispatch costs one TCP and TLS handshake, not thousands. Relays close idle
sessions; when a reused connection turns out to be dead, it is opened again once and the
message sent on it. When the server cannot be reached, the rest of the batch fails at
once with the same error instead of waiting out a timeout per message.

The server reads a message while the client waits for its verdict; `deliver` runs the
caller's next piece of work (``meanwhile``: rendering the next message) in that wait, once
the message's data is written and before the reply is read, so the two overlap. Work that
must be done before a message goes (``before``: recording the previous message's outcome)
runs in the first wait of its transaction, once ``MAIL FROM`` is written (or, when it is in
two parts, begins then and is finished before the data); when it fails, the connection is
dropped before the data is sent, so the server delivers nothing.

Security (``smtp_security``): ``starttls`` upgrades the session before AUTH, ``ssl`` is
implicit TLS (port 465); certificates are verified against the system's CA store
(``SSL_CERT_FILE`` names another, e.g. an internal CA). AUTH is used when
``smtp_username`` is set, and refused over plain SMTP unless the relay is on loopback.

How failures are classed (`TransportError.permanent`, ``unreachable``):

- a recipient refused while others were accepted: delivered, the refusal in
  `SendResult.refused` (5xx) or `SendResult.deferred` (4xx, greylisting: to be tried
  again alone); every recipient refused: an error carrying the same two maps, permanent
  when all were 5xx;
- the message refused at DATA with 5xx (too big, rejected content): permanent; with 4xx:
  transient;
- no verdict at all — connection refused, timeouts, a session dropped before the answer,
  TLS failures, a refused login: unreachable (transient, and nothing against the message:
  the dispatcher stops its run and counts no attempt); a login or certificate is a setting
  to correct, after which the reminders should still go;
- the sender refused: transient.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from collections.abc import Callable, Sequence
from datetime import datetime
from functools import lru_cache
from ipaddress import ip_address
from typing import TYPE_CHECKING, NamedTuple

from config.settings import placeholder_sender
from notifiers.addresses import InvalidAddress
from notifiers.base import Notice, SendResult, Transport, TransportError
from notifiers.message import OutgoingMessage, Sender, build_message
from translations import gettext as _

if TYPE_CHECKING:
    from config.settings import Settings

_CLOSING = 421  # "service not available, closing transmission channel"
_END_OF_DATA = b"\r\n.\r\n"


class _Dropped(Exception):
    """The session is gone: the server closed it (idle timeout, restart) or the socket
    broke."""

    def __init__(self, reason: BaseException) -> None:
        super().__init__(str(reason))
        self.reason = reason


class _Withheld(Exception):
    """``before`` failed: the message must not go."""

    def __init__(self, failure: Exception) -> None:
        super().__init__(str(failure))
        self.failure = failure


@lru_cache(maxsize=4096)
def _quoted(address: str) -> str:
    """An envelope address as smtplib writes it in MAIL FROM and RCPT TO, parsed once: a
    dispatch writes the same sender thousands of times, and smtplib parses it each time
    (a sixth of a reminder's client CPU)."""
    return smtplib.quoteaddr(address)


class _Client(smtplib.SMTP):
    """smtplib's client with two hooks: ``before_sending`` runs once the first command of a
    message's transaction is written and before its reply is read (at the latest, before
    the data); ``while_server_reads`` once the data is written and before the server's
    verdict is read. (`smtplib.SMTP.data` writes the data, dot-terminated, in one `send`,
    then reads the reply.) MAIL FROM and RCPT TO are smtplib's, with each address quoted
    once (`_quoted`)."""

    while_server_reads: Callable[[], None] | None = None
    before_sending: Callable[[], None] | None = None

    def mail(self, sender: str, options: Sequence[str] = ()) -> tuple[int, bytes]:
        if any(option.lower() == "smtputf8" for option in options):
            return super().mail(sender, options)  # smtplib switches the command encoding
        extra = " " + " ".join(options) if options and self.does_esmtp else ""
        self.putcmd("mail", f"from:{_quoted(sender)}{extra}")
        return self.getreply()

    def rcpt(self, recip: str, options: Sequence[str] = ()) -> tuple[int, bytes]:
        extra = " " + " ".join(options) if options else ""
        self.putcmd("rcpt", f"to:{_quoted(recip)}{extra}")
        return self.getreply()

    def send(self, s: bytes | str) -> None:
        data = s[-5:] == _END_OF_DATA
        if data and self.before_sending is not None:
            self._before()
        super().send(s)
        if self.before_sending is not None:
            # Work in two parts begins now and is finished before the data; other work is
            # done here, in the wait for this command's reply.
            start = getattr(self.before_sending, "start", None)
            if start is None or not start():
                self._before()
        if self.while_server_reads is not None and data:
            work, self.while_server_reads = self.while_server_reads, None
            work()

    def _before(self) -> None:
        assert self.before_sending is not None
        work, self.before_sending = self.before_sending, None
        try:
            work()
        except Exception as exc:
            raise _Withheld(exc) from exc


class _ClientSSL(_Client, smtplib.SMTP_SSL):
    """The same over implicit TLS."""


class _Hooks(NamedTuple):
    meanwhile: Callable[[], None] | None
    before: Callable[[], None] | None


class SmtpTransport(Transport):
    """See the module docstring."""

    name = "smtp"

    def __init__(
        self,
        settings: Settings,
        clock: Callable[[], datetime] | None = None,
        *,
        probe: bool = False,
    ) -> None:
        """``probe``: only to see whether the server answers (``thidua doctor``), which a
        placeholder sender does not stop; anything else refuses it here, before a run
        claims a reminder."""
        super().__init__(settings, clock)
        problem = None if probe else sender_problem(settings)
        if problem:
            raise InvalidAddress(problem)
        self.sender = Sender.from_settings(settings)
        _check_auth_is_protected(settings)
        self._smtp: _Client | None = None
        self._in_batch = False
        self._unreachable: TransportError | None = None

    # --- batch ---------------------------------------------------------------------------

    def open(self) -> None:
        """Start a batch; the connection opens with its first message."""
        self._in_batch = True
        self._unreachable = None

    def close(self) -> None:
        self._in_batch = False
        self._unreachable = None
        self._hang_up()

    # --- sending -------------------------------------------------------------------------

    def prepare(self, notice: Notice) -> OutgoingMessage:
        return build_message(notice, self.sender, self.clock())

    def deliver(
        self,
        prepared: OutgoingMessage,
        meanwhile: Callable[[], None] | None = None,
        before: Callable[[], None] | None = None,
    ) -> SendResult:
        try:
            return self._deliver(prepared, _Hooks(meanwhile, before))
        finally:
            if not self._in_batch:
                self._hang_up()

    def _deliver(self, message: OutgoingMessage, hooks: _Hooks) -> SendResult:
        """Send built bytes; when a reused connection turns out dead, open a new one and
        send again (once: a fresh connection that drops is a failure)."""
        while True:
            reused = self._smtp is not None
            try:
                return self._sendmail(self._connection(), message, hooks)
            except _Withheld as exc:
                self._discard()  # the transaction begun must not end with the data
                raise exc.failure from None
            except _Dropped as exc:
                self._discard()
                if not reused:
                    raise _no_verdict(_("the server closed the connection"), exc.reason) from exc

    def _sendmail(self, smtp: _Client, message: OutgoingMessage, hooks: _Hooks) -> SendResult:
        smtp.while_server_reads, smtp.before_sending = hooks
        try:
            refused = smtp.sendmail(message.mail_from, list(message.recipients), message.data)
        except (smtplib.SMTPServerDisconnected, ConnectionError) as exc:
            if isinstance(exc.__context__, TimeoutError):  # smtplib reports it as a close
                raise _no_verdict(_("timed out"), exc.__context__) from exc
            raise _Dropped(exc) from exc
        except smtplib.SMTPRecipientsRefused as exc:
            if _all_closing(exc.recipients):
                raise _Dropped(exc) from exc
            raise _recipients_refused(exc.recipients) from exc
        except smtplib.SMTPSenderRefused as exc:
            if exc.smtp_code == _CLOSING:
                raise _Dropped(exc) from exc
            raise _transient(
                _(
                    "the server refused the sender %(sender)s (THIDUA_MAIL_FROM)",
                    sender=message.mail_from,
                ),
                exc,
            ) from exc
        except smtplib.SMTPDataError as exc:
            if exc.smtp_code >= 500:
                raise TransportError(
                    _("message refused: %(reply)s", reply=_reply(exc)), permanent=True
                ) from exc
            raise _transient(_("message deferred"), exc) from exc
        except TimeoutError as exc:
            self._discard()  # the session is in an unknown state
            raise _no_verdict(_("timed out"), exc) from exc
        except OSError as exc:
            self._discard()
            raise _no_verdict(_("sending failed"), exc) from exc
        except smtplib.SMTPException as exc:
            self._discard()
            raise _transient(_("sending failed"), exc) from exc
        finally:
            smtp.while_server_reads = smtp.before_sending = None
        for_good, for_now = _split_refusals(refused)
        accepted = tuple(a for a in message.recipients if a not in refused)
        return SendResult(
            message_id=message.message_id,
            accepted=accepted,
            refused=for_good | message.invalid,
            deferred=for_now,
        )

    # --- connection ----------------------------------------------------------------------

    def _connection(self) -> _Client:
        if self._unreachable is not None:
            raise self._unreachable
        if self._smtp is None:
            try:
                self._smtp = self._connect()
            except TransportError as exc:
                if self._in_batch:
                    self._unreachable = exc
                raise
        return self._smtp

    def _connect(self) -> _Client:
        s = self.settings
        where = f"{s.smtp_host}:{s.smtp_port}"
        # Made only for TLS: loading the system's CA store costs more than a hundred
        # messages' worth of the client's work.
        context = ssl.create_default_context() if s.smtp_security != "none" else None
        try:
            if s.smtp_security == "ssl":
                smtp: _Client = _ClientSSL(
                    s.smtp_host,
                    s.smtp_port,
                    local_hostname=_local_hostname(),
                    timeout=s.smtp_timeout,
                    context=context,
                )
            else:
                smtp = _Client(
                    s.smtp_host,
                    s.smtp_port,
                    local_hostname=_local_hostname(),
                    timeout=s.smtp_timeout,
                )
        except (smtplib.SMTPException, OSError) as exc:
            raise _no_verdict(_("cannot connect to %(where)s", where=where), exc) from exc
        try:
            smtp.ehlo()
            if s.smtp_security == "starttls":
                smtp.starttls(context=context)
                smtp.ehlo()
            if s.smtp_username:
                smtp.login(s.smtp_username, s.smtp_password)
        except smtplib.SMTPAuthenticationError as exc:
            smtp.close()
            raise _no_verdict(
                _(
                    "%(where)s refused the login of %(user)s "
                    "(THIDUA_SMTP_USERNAME, THIDUA_SMTP_PASSWORD)",
                    where=where,
                    user=repr(s.smtp_username),
                ),
                exc,
            ) from exc
        except (smtplib.SMTPException, OSError) as exc:
            smtp.close()
            raise _no_verdict(_("cannot open a session with %(where)s", where=where), exc) from exc
        return smtp

    def _hang_up(self) -> None:
        if self._smtp is None:
            return
        try:
            self._smtp.quit()
        except (smtplib.SMTPException, OSError):
            self._smtp.close()
        self._smtp = None

    def _discard(self) -> None:
        if self._smtp is not None:
            self._smtp.close()
            self._smtp = None


# --- failures ----------------------------------------------------------------------------


def _recipients_refused(recipients: dict[str, tuple[int, bytes]]) -> TransportError:
    reasons = "; ".join(f"{a}: {_reply_text(code, text)}" for a, (code, text) in recipients.items())
    for_good, for_now = _split_refusals(recipients)
    return TransportError(
        f"every recipient refused: {reasons}",
        permanent=not for_now,
        refused=for_good,
        deferred=for_now,
    )


def _split_refusals(
    recipients: dict[str, tuple[int, bytes]],
) -> tuple[dict[str, str], dict[str, str]]:
    """Refused recipients: those refused for good (5xx), and for now (4xx)."""
    replies = {a: (code, _reply_text(code, text)) for a, (code, text) in recipients.items()}
    for_good = {a: reply for a, (code, reply) in replies.items() if code >= 500}
    for_now = {a: reply for a, (code, reply) in replies.items() if code < 500}
    return for_good, for_now


def _all_closing(recipients: dict[str, tuple[int, bytes]]) -> bool:
    return bool(recipients) and all(code == _CLOSING for code, _ in recipients.values())


# ``what`` is translated by the caller; the server's own reply follows it as it came.
def _transient(what: str, exc: BaseException) -> TransportError:
    return TransportError(f"{what}: {_describe(exc)}", permanent=False)


def _no_verdict(what: str, exc: BaseException) -> TransportError:
    return TransportError(f"{what}: {_describe(exc)}", permanent=False, unreachable=True)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        return _reply(exc)
    if isinstance(exc, TimeoutError):
        return _("no answer in time (THIDUA_SMTP_TIMEOUT)")
    return str(exc) or type(exc).__name__


def _reply(exc: smtplib.SMTPResponseException) -> str:
    return _reply_text(exc.smtp_code, exc.smtp_error)


def _reply_text(code: int, text: bytes | str) -> str:
    message = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    return f"{code} {' '.join(message.split())}"


def sender_problem(settings: Settings) -> str | None:
    """Why this channel will not send for real: a placeholder sender (mail from
    thidua@localhost reaches no one, or lands as spam under a name that is not the
    office's). The outbox, which sends nothing, takes any sender (the demo)."""
    if not placeholder_sender(settings.mail_from):
        return None
    return _(
        "not sending: the sender %(sender)s is a placeholder; set THIDUA_MAIL_FROM to the "
        "office's own address (e.g. Ban TĐKT <thidua@snv.gov.vn>)",
        sender=settings.mail_from,
    )


def channel_refusal(settings: Settings) -> str | None:
    """Why the configured channel will not send (for a page to say before it tries)."""
    return sender_problem(settings) if settings.notifier == "smtp" else None


def _check_auth_is_protected(settings: Settings) -> None:
    if not (settings.smtp_username + settings.smtp_password).isascii():
        raise ValueError(
            _(
                "THIDUA_SMTP_USERNAME and THIDUA_SMTP_PASSWORD must be ASCII: SMTP AUTH "
                "(as smtplib speaks it) sends them so"
            )
        )
    in_clear = settings.smtp_security == "none" and not _is_loopback(settings.smtp_host)
    if settings.smtp_username and in_clear:
        raise ValueError(
            _(
                "THIDUA_SMTP_USERNAME is set but THIDUA_SMTP_SECURITY is 'none': the password "
                "would cross the network to %(host)s in clear; use starttls or ssl",
                host=settings.smtp_host,
            )
        )


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


@lru_cache(maxsize=1)
def _local_hostname() -> str:
    """The name given in EHLO, looked up once per process."""
    return socket.getfqdn()
