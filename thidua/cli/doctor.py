"""``thidua doctor``: is this installation ready to serve an office? Each check says what it
found and, when something is wrong, what to change; the exit code is 1 when anything is.

The checks are those of the README's production section: the sender is the office's real
address, the base URL is the public https:// address, the SMTP server answers (with its TLS
and login), the IMAP mailbox for replies lets the service in (when one is set), the
database is migrated to this version, and the clock and time zone are sane.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

import click
from sqlalchemy import text

from calendars.db import make_engine
from config.settings import Settings, placeholder_sender
from notifiers.email import SmtpTransport
from submissions.receiver import ImapAccount, ImapPoller, TransportError
from thidua import database
from thidua.cli.common import err_console, pass_app
from thidua.cli.i18n import command
from thidua.context import AppContext
from translations import N_
from translations import gettext as _

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}  # noqa: S104 - compared, not bound
CLOCK_TOLERANCE_SECONDS = 60


@dataclass(frozen=True)
class Finding:
    ok: bool
    what: str  # what was found
    fix: str = ""  # what to change, when not ok


def register(main: click.Group) -> None:
    main.add_command(doctor)


@command(
    help=N_(
        "Check the settings for production: sender, base URL, SMTP, migrations, "
        "clock.\n\n"
        "Prints each finding and what to fix; exits 1 when anything needs fixing."
    )
)
@pass_app
def doctor(app: AppContext) -> None:
    findings = [check(app.settings) for check in CHECKS]
    for finding in findings:
        if finding.ok:
            err_console.print(_("ok: %(what)s", what=finding.what), markup=False, soft_wrap=True)
        else:
            err_console.print(
                _("problem: %(what)s — fix: %(fix)s", what=finding.what, fix=finding.fix),
                style="red",
                markup=False,
                soft_wrap=True,
            )
    problems = sum(not f.ok for f in findings)
    if problems:
        err_console.print(_("%(n)d problem(s) to fix before serving an office", n=problems))
        raise SystemExit(1)
    err_console.print(_("ready: nothing to fix"))


def check_sender(settings: Settings) -> Finding:
    """A placeholder sender: the SMTP channel refuses to send (`notifiers.email`)."""
    if placeholder_sender(settings.mail_from):
        what = _("the sender %(sender)s is a placeholder", sender=settings.mail_from)
        if settings.notifier == "smtp":
            what += _(": nothing is sent by SMTP until it is changed")
        return Finding(
            False,
            what,
            _("set THIDUA_MAIL_FROM to the office's address, e.g. thidua@snv.gov.vn"),
        )
    return Finding(True, _("sender %(sender)s", sender=settings.mail_from))


def check_base_url(settings: Settings) -> Finding:
    parts = urlsplit(settings.base_url)
    host = (parts.hostname or "").lower()
    fix = _(
        "set THIDUA_BASE_URL to the public https:// address the reverse proxy serves "
        "(links in mails and feeds use it)"
    )
    if parts.scheme != "https":
        return Finding(False, _("the base URL %(url)s is not https", url=settings.base_url), fix)
    if host in LOCAL_HOSTS or host.endswith(".local") or not host:
        return Finding(
            False, _("the base URL %(url)s is a local address", url=settings.base_url), fix
        )
    return Finding(True, _("base URL %(url)s", url=settings.base_url))


def check_smtp(settings: Settings) -> Finding:
    if settings.notifier != "smtp":
        return Finding(
            False,
            _("reminders are written to %(dir)s, not sent", dir=settings.effective_outbox_dir),
            _("set THIDUA_NOTIFIER=smtp and THIDUA_SMTP_HOST, _PORT, _SECURITY, _USERNAME"),
        )
    where = f"{settings.smtp_host}:{settings.smtp_port} ({settings.smtp_security})"
    transport = SmtpTransport(settings.model_copy(update={"smtp_timeout": 10.0}), probe=True)
    try:
        # The transport's own connect (TLS, AUTH as reminders use them), then QUIT.
        transport._connect().quit()
    except Exception as exc:  # any failure is the finding
        return Finding(
            False,
            _("the SMTP server %(where)s does not answer: %(error)s", where=where, error=exc),
            _("check THIDUA_SMTP_HOST, _PORT, _SECURITY and the login, then 'thidua mail-test'"),
        )
    return Finding(True, _("SMTP server %(where)s answers", where=where))


def check_inbound(settings: Settings) -> Finding:
    """Replies by mail are optional; a mailbox that is set must let the service in."""
    account = ImapAccount.from_settings(settings)
    if account is None:
        return Finding(True, _("no IMAP mailbox is polled for replies (optional)"))
    where = f"{account.username}@{account.host}:{account.port} ({account.security})"
    try:
        ImapPoller(account, max_bytes=settings.inbound_max_bytes).check()
    except TransportError as exc:
        return Finding(
            False,
            _("the IMAP mailbox %(where)s cannot be read: %(error)s", where=where, error=exc),
            _("check THIDUA_INBOUND_IMAP_HOST, _PORT, _SECURITY, _USERNAME, _PASSWORD, _FOLDER"),
        )
    return Finding(True, _("IMAP mailbox %(where)s can be read", where=where))


def check_migrations(settings: Settings) -> Finding:
    engine = make_engine(settings.effective_database_url)
    try:
        with engine.connect() as connection:
            current = database.is_current(connection)
            heads = sorted(database.current_heads(connection))
    except Exception as exc:
        return Finding(
            False,
            _("the database cannot be opened: %(error)s", error=exc),
            _("check THIDUA_DATABASE_URL"),
        )
    finally:
        engine.dispose()
    if not current:
        return Finding(
            False,
            _("the database schema is not current (%(heads)s)", heads=", ".join(heads) or "-"),
            _("run 'thidua db upgrade' (after a backup)"),
        )
    return Finding(True, _("database schema current (%(heads)s)", heads=", ".join(heads)))


def check_clock(settings: Settings) -> Finding:
    now = datetime.now(UTC)
    local = now.astimezone(settings.tz)
    seen = f"{local:%d/%m/%Y %H:%M} {settings.timezone} (UTC{local:%z})"
    if not 2024 <= local.year <= 2200:
        return Finding(
            False,
            _("the clock says %(now)s", now=seen),
            _("set the system clock (timedatectl set-ntp true)"),
        )
    drift = _database_clock_drift(settings, now)
    if drift is not None and abs(drift) > CLOCK_TOLERANCE_SECONDS:
        return Finding(
            False,
            _("this machine's clock is %(drift)d s off the database server's", drift=drift),
            _("synchronise both clocks with NTP (timedatectl set-ntp true)"),
        )
    return Finding(True, _("clock %(now)s", now=seen))


def _database_clock_drift(settings: Settings, now: datetime) -> float | None:
    """Seconds this clock is ahead of PostgreSQL's (SQLite shares this machine's clock)."""
    url = settings.effective_database_url
    if not url.startswith("postgresql"):
        return None
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            server = connection.execute(text("SELECT now()")).scalar_one()
    except Exception:
        return None
    finally:
        engine.dispose()
    return (now - server).total_seconds()


CHECKS: tuple[Callable[[Settings], Finding], ...] = (
    check_sender,
    check_base_url,
    check_smtp,
    check_inbound,
    check_migrations,
    check_clock,
)
