"""``thidua inbound``: replies by mail. ``serve`` is the service's own SMTP endpoint (the
office's mail server forwards the inbound address to it); ``poll`` fetches the unseen mail
of an IMAP mailbox, once or every ``THIDUA_INBOUND_POLL_SECONDS``; ``list`` shows the mails
waiting for the office. What each mail becomes is `scheduler.replies`'."""

from __future__ import annotations

import logging
import signal
import threading
from types import FrameType

import click

from scheduler.replies import Intake, unassigned
from submissions.inbound import REASON_TEXTS
from submissions.receiver import ImapAccount, ImapPoller, SmtpReceiver, TransportError
from thidua.cli import collector
from thidua.cli.common import BadInput, emit, err_console, format_option, pass_app
from thidua.cli.i18n import group
from thidua.context import AppContext
from translations import N_
from translations import gettext as _

log = logging.getLogger("thidua.inbound")


@group(help=N_("Reports that units send back by e-mail: receive them over SMTP or IMAP."))
def inbound() -> None:
    pass


def _stop_on_signal() -> threading.Event:
    stop = threading.Event()

    def request_stop(signum: int, _frame: FrameType | None) -> None:
        err_console.print(_("%(signal)s: stopping", signal=signal.Signals(signum).name))
        stop.set()

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, request_stop)
    return stop


def _log_to_stderr() -> None:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )


@inbound.command(
    "serve", help=N_("Receive replies with an SMTP endpoint of the service's own, until stopped.")
)
@click.option("--host", help=N_("Address to listen on (default: THIDUA_INBOUND_SMTP_HOST)."))
@click.option(
    "--port", type=click.IntRange(0, 65_535), help=N_("Port (default: THIDUA_INBOUND_SMTP_PORT).")
)
@pass_app
def serve(app: AppContext, host: str | None, port: int | None) -> None:
    collector.running_on()
    _log_to_stderr()
    settings = app.settings
    receiver = SmtpReceiver(
        Intake(app.database.session, settings, "smtp"),
        host=host or settings.inbound_smtp_host,
        port=settings.inbound_smtp_port if port is None else port,
        max_bytes=settings.inbound_max_bytes,
        inbound_address=settings.inbound_address,
    )
    stop = _stop_on_signal()
    try:
        receiver.start()
    except TransportError as exc:
        raise click.ClickException(str(exc)) from exc
    err_console.print(
        _("Receiving mail by SMTP on %(host)s:%(port)d", host=receiver.host, port=receiver.port)
    )
    stop.wait()
    receiver.stop()


def _account(app: AppContext) -> ImapAccount:
    account = ImapAccount.from_settings(app.settings)
    if account is None:
        raise BadInput(
            _("no IMAP mailbox: set THIDUA_INBOUND_IMAP_HOST and THIDUA_INBOUND_IMAP_USERNAME")
        )
    return account


@inbound.command(
    "poll", help=N_("Fetch the unseen mail of the IMAP mailbox and record the replies in it.")
)
@click.option("--once", is_flag=True, help=N_("Poll once and exit (default: until stopped)."))
@pass_app
def poll(app: AppContext, once: bool) -> None:
    if not once:
        collector.running_on()
    _log_to_stderr()
    poller = ImapPoller(_account(app), max_bytes=app.settings.inbound_max_bytes)
    intake = Intake(app.database.session, app.settings, "imap")
    stop = None if once else _stop_on_signal()
    while True:
        try:
            polled = poller.poll(intake)
            log.info(
                "IMAP: %d taken, %d too large, %d failed",
                polled.taken,
                polled.too_large,
                polled.failed,
            )
        except TransportError as exc:
            if once or exc.permanent:
                raise click.ClickException(str(exc)) from exc
            log.warning("IMAP poll failed, trying again later: %s", exc)
        if stop is None or stop.wait(app.settings.inbound_poll_seconds):
            return


@inbound.command(
    "list", help=N_("The mails that wait for the office to assign them to a unit and deadline.")
)
@format_option
@pass_app
def list_waiting(app: AppContext, fmt: str) -> None:
    with app.database.reader() as session:
        records = [
            {
                "id": row.id,
                "received": row.received_at.isoformat(timespec="minutes"),
                "sender": row.sender,
                "subject": row.subject,
                "reason": row.reason or "",
                "reason_text": _(REASON_TEXTS[row.reason]) if row.reason in REASON_TEXTS else "",
            }
            for row in unassigned(session)
        ]
    emit(
        fmt,
        records,
        [
            ("id", "#"),
            ("received", N_("Received")),
            ("sender", N_("Sender")),
            ("subject", N_("Subject")),
            ("reason_text", N_("Reason")),
        ],
        title=_("Mails waiting for the office"),
    )
