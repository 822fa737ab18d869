"""The SMTP transport against a real SMTP server (aiosmtpd on loopback): delivery and the
message parsed back, one connection per batch, a dropped idle connection, an outage,
refusals with 5xx and 4xx, timeouts, STARTTLS, implicit TLS and AUTH."""

from __future__ import annotations

import re
import ssl
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import trustme
from icalendar import Calendar

from config.settings import Settings
from notifiers.addresses import InvalidAddress
from notifiers.base import Notice, Recipient, TransportError, make_transport
from notifiers.email import SmtpTransport
from notifiers.message import Sender, build_message
from notifiers.outbox import OutboxTransport
from scheduler.channel import Once
from tests import notices as n
from tests.conftest import make_settings
from tests.smtp import OFFICE_SENDER, Security, SmtpServer
from translations import gettext

TODAY = date(2024, 2, 12)


def smtp_settings(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, server: SmtpServer, **env: Any
) -> Settings:
    values = {key.removeprefix("THIDUA_").lower(): v for key, v in server.settings_env().items()}
    values["mail_reply_to"] = "Văn phòng Ban TĐKT <bantdkt@snv.phutho.example>"
    return make_settings(monkeypatch, tmp_path / "var", "sqlite://", **(values | env))


def transport(settings: Settings) -> SmtpTransport:
    made = make_transport(settings, clock=lambda: n.at(TODAY))
    assert isinstance(made, SmtpTransport)
    return made


def reminder(unit: str = "so-tai-chinh", **changes: Any) -> Notice:
    item = n.due_item(n.VINH_PHUC, TODAY)
    changes.setdefault("message_id", f"r-{unit}@thidua.local")
    return n.notice("reminder", unit, TODAY, (item,), **changes)


@pytest.fixture
def settings_for(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Any:
    def make(server: SmtpServer, **env: Any) -> Settings:
        return smtp_settings(monkeypatch, tmp_path, server, **env)

    return make


# --- delivery ----------------------------------------------------------------------------


def test_a_reminder_arrives_and_reads_back(smtp_server: SmtpServer, settings_for: Any) -> None:
    settings = settings_for(smtp_server)
    with transport(settings) as smtp:
        result = smtp.send(reminder())
    assert result.message_id == "r-so-tai-chinh@thidua.local"
    assert result.accepted == ("vanthu@stc.phutho.example",) and result.refused == {}
    [received] = smtp_server.messages
    assert received.mail_from == "thidua@snv.phutho.gov.vn"
    assert received.rcpt_to == ("vanthu@stc.phutho.example",)
    message = received.message
    assert message["Subject"] == "[Nhắc hạn] Gửi văn bản phát động thi đua năm 2024 – còn 3 ngày"
    assert message["From"].addresses[0].display_name == "Ban Thi đua - Khen thưởng"
    assert message["Reply-To"].addresses[0].addr_spec == "bantdkt@snv.phutho.example"
    assert message["To"].addresses[0].display_name == "Sở Tài chính"
    assert message["Message-ID"] == "<r-so-tai-chinh@thidua.local>"
    assert message["Auto-Submitted"] == "auto-generated"
    text = message.get_body(("plain",)).get_content()
    assert "Hạn cuối:      Thứ Năm, 15/02/2024 – còn 3 ngày" in text
    assert "Theo văn bản:  trước ngày 15/02/2024" in text
    assert "Thứ Năm, 15/02/2024" in message.get_body(("html",)).get_content()
    [attachment] = message.iter_attachments()
    [event] = Calendar.from_ical(attachment.get_payload(decode=True)).walk("VEVENT")
    assert event.decoded("DTSTART") == date(2024, 2, 15)
    # The server got exactly the bytes thidua built (and the outbox would write).
    sender = Sender.from_settings(settings)
    assert received.data == build_message(reminder(), sender, n.at(TODAY)).data


def test_every_address_of_a_unit_gets_the_one_message(
    smtp_server: SmtpServer, settings_for: Any
) -> None:
    with transport(settings_for(smtp_server)) as smtp:
        result = smtp.send(reminder("so-noi-vu"))
    assert result.accepted == ("vanthu@snv.phutho.example", "bantdkt@snv.phutho.example")
    [received] = smtp_server.messages
    assert received.rcpt_to == result.accepted
    assert [a.display_name for a in received.message["To"].addresses] == ["Sở Nội vụ"] * 2
    assert smtp_server.by_address() == {address: [received] for address in result.accepted}


def test_a_batch_uses_one_connection(smtp_server: SmtpServer, settings_for: Any) -> None:
    units = ("so-tai-chinh", "so-y-te", "so-giao-duc", "ubnd-tam-nong", "cuc-thue")
    before = smtp_server.connections
    with transport(settings_for(smtp_server)) as smtp:
        for unit in units:
            smtp.send(reminder(unit))
    assert smtp_server.connections - before == 1
    assert len(smtp_server.messages) == len(units)


def test_the_next_work_runs_while_the_server_reads_the_message(
    smtp_server: SmtpServer, settings_for: Any
) -> None:
    # The server answers DATA only when ``meanwhile`` opens the gate: a transport that read
    # the verdict first would wait for it in vain (and time out).
    gate, arrived = smtp_server.hold_data()
    calls: list[bool] = []

    def meanwhile() -> None:
        calls.append(arrived.wait(10))  # the message's data is at the server already
        gate.set()

    with transport(settings_for(smtp_server)) as smtp:
        result = smtp.deliver(smtp.prepare(reminder()), meanwhile)
        assert calls == [True]
        assert result.accepted == ("vanthu@stc.phutho.example",)
        smtp.deliver(smtp.prepare(reminder("so-y-te")))  # the work is never run again
    assert calls == [True]
    assert len(smtp_server.messages) == 2


def test_work_due_before_a_message_runs_before_it_goes_and_its_failure_stops_it(
    smtp_server: SmtpServer, settings_for: Any
) -> None:
    # ``before`` (the dispatcher records the previous message's outcome in it) runs once
    # per message, before its data reaches the server; when it fails, the message does not
    # go, its error comes out as it is, and the batch goes on on a new connection.
    seen: list[int] = []

    class Broken(Exception):
        pass

    def broken() -> None:
        raise Broken

    connections = smtp_server.connections
    with transport(settings_for(smtp_server)) as smtp:
        smtp.deliver(smtp.prepare(reminder()), None, lambda: seen.append(len(smtp_server.messages)))
        assert seen == [0]
        with pytest.raises(Broken):
            smtp.deliver(smtp.prepare(reminder("so-y-te")), None, broken)
        smtp.deliver(smtp.prepare(reminder("ubnd-tam-nong")))
    assert [m.rcpt_to for m in smtp_server.messages] == [
        reminder().to.addresses,
        reminder("ubnd-tam-nong").to.addresses,
    ]
    assert smtp_server.connections - connections == 2


def test_work_begun_at_the_first_command_is_finished_before_the_data_and_its_failure_stops_it(
    smtp_server: SmtpServer, settings_for: Any
) -> None:
    # The dispatcher on PostgreSQL writes its read of the calendar once MAIL FROM is written
    # (`Once.start` runs ``begin``) and reads the answer before the data (the Once's call);
    # a failure of either withholds the message as a failure done inline does.
    seen: list[tuple[str, int]] = []

    class Broken(Exception):
        pass

    def step(name: str) -> Callable[[], None]:
        return lambda: seen.append((name, len(smtp_server.messages)))

    def broken() -> None:
        raise Broken

    with transport(settings_for(smtp_server)) as smtp:
        smtp.deliver(smtp.prepare(reminder()), None, Once(step("read"), step("write")))
        failing_begin = Once(step("never"), broken)
        with pytest.raises(Broken) as begin_raised:
            smtp.deliver(smtp.prepare(reminder("so-y-te")), None, failing_begin)
        failing_rest = Once(broken, step("write"))
        with pytest.raises(Broken) as rest_raised:
            smtp.deliver(smtp.prepare(reminder("so-tai-chinh")), None, failing_rest)
        smtp.deliver(
            smtp.prepare(reminder("ubnd-tam-nong")), None, Once(step("read"), step("write"))
        )
    assert begin_raised.value is failing_begin.failure
    assert rest_raised.value is failing_rest.failure
    # each part once, before its message's data; nothing after a failed begin
    assert seen == [("write", 0), ("read", 0), ("write", 1), ("write", 1), ("read", 1)]
    assert [m.rcpt_to for m in smtp_server.messages] == [
        reminder().to.addresses,
        reminder("ubnd-tam-nong").to.addresses,
    ]


def test_work_in_two_parts_runs_each_once_and_keeps_its_failure() -> None:
    runs: list[str] = []

    def work() -> None:
        runs.append("rest")
        raise ValueError("the database is gone")

    once = Once(work, lambda: runs.append("begin"))
    assert once.start() and once.start()  # the rest waits for the call, each time asked
    assert runs == ["begin"]
    with pytest.raises(ValueError, match="database is gone"):
        once()
    once()  # done: nothing runs again, nothing is raised again
    assert runs == ["begin", "rest"]
    assert isinstance(once.failure, ValueError)
    inline = Once(lambda: runs.append("inline"))  # no first part: start does nothing
    assert not inline.start()
    inline()
    inline()
    assert runs == ["begin", "rest", "inline"]


def test_a_send_outside_a_batch_connects_and_hangs_up(
    smtp_server: SmtpServer, settings_for: Any
) -> None:
    smtp = transport(settings_for(smtp_server))
    smtp.send(reminder("so-tai-chinh"))
    smtp.send(reminder("so-y-te"))
    assert smtp._smtp is None
    assert len(smtp_server.messages) == 2


def test_a_dropped_idle_connection_is_opened_again_once(
    smtp_server: SmtpServer, settings_for: Any
) -> None:
    before = smtp_server.connections
    with transport(settings_for(smtp_server)) as smtp:
        smtp.send(reminder("so-tai-chinh"))
        smtp_server.drop_connections()  # the relay's idle timeout
        result = smtp.send(reminder("so-y-te"))
    assert result.accepted == ("vanthu@syt.phutho.example",)
    assert [m.message["Message-ID"] for m in smtp_server.messages] == [
        "<r-so-tai-chinh@thidua.local>",
        "<r-so-y-te@thidua.local>",
    ]
    assert smtp_server.connections - before == 2


# --- failures ------------------------------------------------------------------------------


def test_an_outage_is_transient_and_fails_the_batch_fast(
    smtp_server: SmtpServer, settings_for: Any
) -> None:
    settings = settings_for(smtp_server)
    smtp_server.stop()
    with transport(settings) as smtp:
        cannot = gettext("cannot connect to %(where)s", "vi", where="127.0.0.1:")
        with pytest.raises(TransportError, match=re.escape(cannot) + r"\d+") as first:
            smtp.send(reminder("so-tai-chinh"))
        with pytest.raises(TransportError) as second:
            smtp.send(reminder("so-y-te"))
    assert not first.value.permanent
    assert second.value is first.value  # not tried again in the same batch
    smtp_server.start()  # same port
    with transport(settings) as smtp:
        smtp.send(reminder("so-tai-chinh"))
        smtp.send(reminder("so-y-te"))
    assert len(smtp_server.messages) == 2


def test_the_server_stopping_mid_batch(smtp_server: SmtpServer, settings_for: Any) -> None:
    with transport(settings_for(smtp_server)) as smtp:
        smtp.send(reminder("so-tai-chinh"))
        smtp_server.stop()
        with pytest.raises(TransportError) as caught:
            smtp.send(reminder("so-y-te"))
        assert not caught.value.permanent
    assert len(smtp_server.messages) == 1


def test_one_address_refused_for_good_the_others_delivered(
    smtp_server: SmtpServer, settings_for: Any
) -> None:
    smtp_server.refuse("bantdkt@snv.phutho.example", 550)
    with transport(settings_for(smtp_server)) as smtp:
        result = smtp.send(reminder("so-noi-vu"))
        smtp.send(reminder("so-tai-chinh"))
    assert result.accepted == ("vanthu@snv.phutho.example",)
    assert result.refused == {"bantdkt@snv.phutho.example": "550 5.1.1 No such mailbox"}
    assert [m.rcpt_to for m in smtp_server.messages] == [
        ("vanthu@snv.phutho.example",),
        ("vanthu@stc.phutho.example",),
    ]


@pytest.mark.parametrize(
    ("codes", "permanent"),
    [((550,), True), ((550, 553), True), ((450,), False), ((550, 451), False)],
)
def test_every_address_refused(
    smtp_server: SmtpServer, settings_for: Any, codes: tuple[int, ...], permanent: bool
) -> None:
    addresses = ("vanthu@snv.phutho.example", "bantdkt@snv.phutho.example")[: len(codes)]
    for address, code in zip(addresses, codes, strict=True):
        smtp_server.refuse(address, code)
    unit = Recipient("so-noi-vu", "Sở Nội vụ", addresses)
    with transport(settings_for(smtp_server)) as smtp:
        with pytest.raises(TransportError, match="every recipient refused") as caught:
            smtp.send(reminder("so-noi-vu", to=unit))
        assert caught.value.permanent is permanent
        assert str(codes[0]) in str(caught.value)
        smtp.send(reminder("so-tai-chinh"))  # the connection is still good for the next
    assert [m.rcpt_to for m in smtp_server.messages] == [("vanthu@stc.phutho.example",)]


@pytest.mark.parametrize(
    ("reply", "permanent"),
    [("554 5.6.0 Message rejected", True), ("451 4.3.0 Try again later", False)],
)
def test_a_refusal_at_data(
    smtp_server: SmtpServer, settings_for: Any, reply: str, permanent: bool
) -> None:
    smtp_server.answer_data(reply)
    with (
        transport(settings_for(smtp_server)) as smtp,
        pytest.raises(TransportError, match=reply.split(maxsplit=1)[0]) as caught,
    ):
        smtp.send(reminder())
    assert caught.value.permanent is permanent


def test_a_silent_server_times_out(smtp_server: SmtpServer, settings_for: Any) -> None:
    smtp_server.delay_data(3)
    with (
        transport(settings_for(smtp_server, smtp_timeout=0.3)) as smtp,
        pytest.raises(
            TransportError,
            match=re.escape(gettext("no answer in time (THIDUA_SMTP_TIMEOUT)", "vi")),
        ) as caught,
    ):
        smtp.send(reminder())
    assert not caught.value.permanent


NOWHERE = gettext("%(unit)s: no address to send to: %(reasons)s", "vi", unit="x", reasons="")


def test_invalid_addresses_are_refused_before_sending(
    smtp_server: SmtpServer, settings_for: Any
) -> None:
    unit = Recipient("x", "Sở Tài chính", ("vanthu@stc.phutho.example\r\nRCPT TO:<e@x.vn>",))
    with (
        transport(settings_for(smtp_server)) as smtp,
        pytest.raises(TransportError, match=re.escape(NOWHERE)) as caught,
    ):
        smtp.send(reminder(to=unit))
    assert caught.value.permanent
    assert smtp_server.messages == []


# --- TLS and AUTH --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def test_ca() -> trustme.CA:
    return trustme.CA(organization_name="thidua tests")


@pytest.fixture(scope="session")
def tls(test_ca: trustme.CA) -> tuple[ssl.SSLContext, ssl.SSLContext]:
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    test_ca.issue_cert("127.0.0.1", "localhost").configure_cert(server)
    client = ssl.create_default_context()
    test_ca.configure_trust(client)
    return server, client


@pytest.fixture
def trusted(test_ca: trustme.CA, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The service trusts the test CA the way an office trusts its own: SSL_CERT_FILE."""
    path = tmp_path / "ca.pem"
    test_ca.cert_pem.write_to_path(str(path))
    monkeypatch.setenv("SSL_CERT_FILE", str(path))


@pytest.fixture
def tls_server(
    request: pytest.FixtureRequest, tls: tuple[ssl.SSLContext, ssl.SSLContext]
) -> Iterator[SmtpServer]:
    security: Security = request.param
    with SmtpServer(security=security, tls=tls, users={"thidua": "mat-khau-dung"}) as server:
        yield server


@pytest.mark.usefixtures("trusted")
@pytest.mark.parametrize("tls_server", ["starttls", "ssl"], indirect=True)
def test_tls_and_auth(tls_server: SmtpServer, settings_for: Any) -> None:
    with transport(settings_for(tls_server)) as smtp:
        smtp.send(reminder())
    [received] = tls_server.messages
    assert received.tls and received.authenticated_as == "thidua"
    assert received.message["Subject"].startswith("[Nhắc hạn]")


@pytest.mark.usefixtures("trusted")
@pytest.mark.parametrize("tls_server", ["starttls"], indirect=True)
def test_a_wrong_password_is_transient_and_names_the_settings(
    tls_server: SmtpServer, settings_for: Any
) -> None:
    with (
        transport(settings_for(tls_server, smtp_password="sai")) as smtp,
        pytest.raises(TransportError, match="THIDUA_SMTP_PASSWORD") as caught,
    ):
        smtp.send(reminder())
    assert not caught.value.permanent
    assert tls_server.messages == []


@pytest.mark.parametrize("tls_server", ["starttls", "ssl"], indirect=True)
def test_an_untrusted_certificate_is_refused(tls_server: SmtpServer, settings_for: Any) -> None:
    with (
        transport(settings_for(tls_server)) as smtp,
        pytest.raises(TransportError, match="CERTIFICATE_VERIFY_FAILED") as caught,
    ):
        smtp.send(reminder())
    assert not caught.value.permanent
    assert tls_server.messages == []


def test_a_password_is_never_sent_in_clear_to_another_host(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    env = {
        "smtp_host": "relay.snv.phutho.example",
        "smtp_username": "thidua",
        "mail_from": OFFICE_SENDER,
    }
    settings = make_settings(monkeypatch, tmp_path / "var", "sqlite://", notifier="smtp", **env)
    in_clear = gettext(  # the catalog's words, Vietnamese by default
        "THIDUA_SMTP_USERNAME is set but THIDUA_SMTP_SECURITY is 'none': the password "
        "would cross the network to %(host)s in clear; use starttls or ssl",
        "vi",
        host="relay.snv.phutho.example",
    )
    with pytest.raises(ValueError, match=re.escape(in_clear)):
        make_transport(settings)


def test_make_transport_follows_the_setting(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    outbox = make_settings(monkeypatch, tmp_path / "var", "sqlite://")
    assert isinstance(make_transport(outbox), OutboxTransport)
    smtp = make_settings(
        monkeypatch, tmp_path / "var", "sqlite://", notifier="smtp", mail_from=OFFICE_SENDER
    )
    assert isinstance(make_transport(smtp), SmtpTransport)


@pytest.mark.parametrize(
    "sender",
    ["Ban Thi đua - Khen thưởng <thidua@localhost>", "thidua@example.com", "a@snv.example.org"],
)
def test_smtp_refuses_a_placeholder_sender_but_the_outbox_takes_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, sender: str
) -> None:
    outbox = make_settings(monkeypatch, tmp_path / "var", "sqlite://", mail_from=sender)
    assert isinstance(make_transport(outbox), OutboxTransport)  # the demo writes files
    smtp = outbox.model_copy(update={"notifier": "smtp"})
    with pytest.raises(InvalidAddress) as refused:
        make_transport(smtp)
    message = str(refused.value)  # Vietnamese first: the service's language
    assert message.startswith("không gửi thư: địa chỉ gửi") and "THIDUA_MAIL_FROM" in message
    assert sender in message
