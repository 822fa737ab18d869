"""``thidua mail-test``: check the mail settings by sending one clearly marked test message.

It goes through the configured channel exactly as reminders do (templates, headers,
.ics attachment, TLS and AUTH), so an office can see in its own mail program what units
will receive — and, when it fails, whether the failure is one a retry can fix.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

import click

from notifiers.base import (
    DocumentRef,
    DueItem,
    Language,
    Notice,
    Recipient,
    TransportError,
    make_transport,
)
from thidua.cli.common import BadInput, err_console, now_option, pass_app
from thidua.cli.i18n import command
from thidua.context import AppContext
from translations import N_
from translations import gettext as _


@dataclass(frozen=True)
class _Sample:
    title: str
    what: str
    wording: str
    campaign: str
    document: DocumentRef
    mailbox: str


_SAMPLES = {
    "vi": _Sample(
        title="Thư thử – kiểm tra cấu hình gửi thư của thidua",
        what="Không cần làm gì: thư này chỉ để kiểm tra việc gửi thư nhắc",
        wording="thư thử, không phải hạn thật",
        campaign="Kiểm tra hệ thống nhắc lịch thi đua",
        document=DocumentRef(kind="Thư thử", issuer="hệ thống thidua"),
        mailbox="Hộp thư nhận thư thử",
    ),
    "en": _Sample(
        title="Test message – checking thidua's mail settings",
        what="Nothing to do: this message only checks that reminders can be sent",
        wording="a test, not a real deadline",
        campaign="Checking the campaign reminder service",
        document=DocumentRef(kind="Test message", issuer="the thidua service"),
        mailbox="Test mailbox",
    ),
}


def register(main: click.Group) -> None:
    main.add_command(mail_test)


@command("mail-test", help=N_("Send one test reminder to ADDRESS through the configured channel."))
@click.argument("address", help=N_("The e-mail address to send the test to."))
@click.option("--language", type=click.Choice(["vi", "en"]), help=N_("Default: the setting."))
@now_option
@pass_app
def mail_test(app: AppContext, address: str, language: str | None) -> None:
    settings = app.settings
    now = app.now().astimezone(settings.tz)
    chosen = cast(Language, language or settings.language)
    notice = _test_notice(address, now, chosen, settings.uid_domain)
    try:
        transport = make_transport(settings, clock=lambda: now)
    except ValueError as exc:  # a setting that cannot work
        raise BadInput(str(exc)) from exc
    where = (
        _(
            "the SMTP server %(host)s:%(port)d (%(security)s)",
            host=settings.smtp_host,
            port=settings.smtp_port,
            security=settings.smtp_security,
        )
        if settings.notifier == "smtp"
        else _("the outbox %(dir)s", dir=str(settings.effective_outbox_dir))
    )
    try:
        with transport:
            result = transport.send(notice)
    except TransportError as exc:
        kind = _("permanent") if exc.permanent else _("transient: a retry may pass")
        err_console.print(
            _("not sent via %(where)s: %(error)s (%(kind)s)", where=where, error=exc, kind=kind),
            markup=False,
            soft_wrap=True,
        )
        raise SystemExit(1) from exc
    click.echo(
        _(
            "sent via %(where)s: Message-ID <%(id)s> to %(to)s",
            where=where,
            id=result.message_id,
            to=", ".join(result.accepted),
        )
    )
    for refused, why in result.refused.items():
        err_console.print(
            _("refused %(address)s: %(why)s", address=refused, why=why),
            markup=False,
            soft_wrap=True,
        )
    for deferred, why in result.deferred.items():
        err_console.print(
            _("deferred %(address)s: %(why)s", address=deferred, why=why),
            markup=False,
            soft_wrap=True,
        )


def _test_notice(address: str, now: datetime, language: Language, domain: str) -> Notice:
    sample = _SAMPLES[language]
    stamp = f"{now:%Y%m%dT%H%M%S}"
    day = now.date() + timedelta(days=3)
    item = DueItem(
        uid=f"mail-test/{stamp}@{domain}",
        campaign=sample.campaign,
        document=sample.document,
        title=sample.title,
        what=sample.what,
        wording=sample.wording,
        receiver=None,
        nominal_date=day,
        effective_date=day,
        days_left=3,
    )
    return Notice(
        kind="reminder",
        to=Recipient(code="mail-test", name=sample.mailbox, addresses=(address,)),
        today=now.date(),
        message_id=f"mail-test.{stamp}.{secrets.token_hex(4)}@{domain}",
        language=language,
        items=(item,),
    )
