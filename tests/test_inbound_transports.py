"""The two ways mail comes in, against real servers: the service's own SMTP endpoint
(aiosmtpd on loopback, spoken to with smtplib) and an IMAP mailbox (Dovecot, `tests.imap`).

Each checks what reaches the callback, what the sender or the mailbox is told when the
callback fails or the mail is too large, and that nothing is marked done before it is
stored.
"""

from __future__ import annotations

import imaplib
import smtplib
from collections.abc import Sequence
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

import pytest

from submissions.mailparse import InboundMail, MailTooLarge, parse
from submissions.receiver import (
    ImapAccount,
    ImapPoller,
    Polled,
    Security,
    SmtpReceiver,
    TransportError,
    accepts,
)
from tests.imap import CA, Dovecot

INBOUND = "baocao@snv.example.vn"


def reply(subject: str = "Re: Nhắc hạn báo cáo", size: int = 0) -> bytes:
    message = EmailMessage()
    message["From"] = "Văn thư UBND xã <vanthu@xa.example.vn>"
    message["To"] = INBOUND
    message["Subject"] = subject
    message["Message-ID"] = "<tra-loi-1@xa.example.vn>"
    message.set_content("Đơn vị gửi báo cáo.\n" + "x" * size)
    message.add_attachment(
        b"%PDF-1.4\n", maintype="application", subtype="pdf", filename="Báo cáo.pdf"
    )
    return message.as_bytes(policy=SMTP)  # CRLF, as a mail client sends it


def read(raw: bytes) -> InboundMail:
    return parse(raw, max_bytes=1_000_000, max_attachments=5)


class Recorder:
    """The callback: records what it is handed, or fails as told."""

    def __init__(self, fail: Exception | None = None) -> None:
        self.taken: list[tuple[bytes, tuple[str, ...]]] = []
        self.fail = fail

    def __call__(self, raw: bytes, envelope_to: Sequence[str]) -> None:
        if self.fail is not None:
            raise self.fail
        self.taken.append((raw, tuple(envelope_to)))


def receiver(deliver: Recorder, max_bytes: int = 1_000_000) -> SmtpReceiver:
    return SmtpReceiver(
        deliver, host="127.0.0.1", port=0, max_bytes=max_bytes, inbound_address=INBOUND
    )


def send(port: int, raw: bytes, to: str = INBOUND) -> None:
    with smtplib.SMTP("127.0.0.1", port, timeout=30) as smtp:
        smtp.sendmail("vanthu@xa.example.vn", [to], raw)


def test_smtp_hands_the_whole_message_and_its_recipients_to_the_callback() -> None:
    recorder = Recorder()
    raw = reply()
    with receiver(recorder) as server:
        send(server.port, raw, to="BaoCao+d1u2kabc@snv.example.vn")
    assert len(recorder.taken) == 1
    taken, envelope_to = recorder.taken[0]
    assert taken.rstrip() == raw.rstrip()  # smtplib ends the data with a line break
    assert envelope_to == ("BaoCao+d1u2kabc@snv.example.vn",)


def test_smtp_refuses_other_recipients() -> None:
    recorder = Recorder()
    with receiver(recorder) as server, pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
        send(server.port, reply(), to="someone@else.example")
    assert refused.value.recipients["someone@else.example"][0] == 550
    assert recorder.taken == []


def test_smtp_refuses_a_message_over_the_size_for_good() -> None:
    recorder = Recorder()
    with receiver(recorder, max_bytes=4096) as server, pytest.raises(smtplib.SMTPException) as e:
        send(server.port, reply(size=20_000))
    assert getattr(e.value, "smtp_code", None) == 552

    assert recorder.taken == []


def test_smtp_answers_a_failed_store_with_a_temporary_error() -> None:
    """The sending server keeps the mail and tries again: nothing is lost."""
    failing = Recorder(fail=RuntimeError("database is locked"))
    with receiver(failing) as server, pytest.raises(smtplib.SMTPDataError) as refused:
        send(server.port, reply())
    assert refused.value.smtp_code == 451


def test_smtp_callback_refusing_the_size_is_a_permanent_error() -> None:
    failing = Recorder(fail=MailTooLarge("too big"))
    with receiver(failing) as server, pytest.raises(smtplib.SMTPDataError) as refused:
        send(server.port, reply())
    assert refused.value.smtp_code == 552


def test_a_port_in_use_is_a_permanent_transport_error() -> None:
    with receiver(Recorder()) as first:
        second = SmtpReceiver(Recorder(), host="127.0.0.1", port=first.port, max_bytes=1000)
        with pytest.raises(TransportError) as failed:
            second.start()
    assert failed.value.permanent


def test_recipients_accepted_with_or_without_a_plus_tag() -> None:
    assert accepts(INBOUND, "BAOCAO@snv.example.vn")
    assert accepts(INBOUND, "baocao+d1u2kxyz@snv.example.vn")
    assert not accepts(INBOUND, "baocao@other.example.vn")
    assert not accepts(INBOUND, "bao@snv.example.vn")
    assert accepts("", "anyone@anywhere.example")


def account(
    server: Dovecot,
    password: str | None = None,
    folder: str = "INBOX",
    security: Security = "none",
) -> ImapAccount:
    return ImapAccount(
        host=server.host,
        port=server.ssl_port if security == "ssl" else server.port,
        security=security,
        username=server.username,
        password=server.password if password is None else password,
        folder=folder,
        timeout=30,
    )


def flags(server: Dovecot) -> list[bytes]:
    """Each message's flags, read by a client of the test's own."""
    client = imaplib.IMAP4(server.host, server.port, timeout=30)
    try:
        client.login(server.username, server.password)
        client.select("INBOX", readonly=True)
        _status, data = client.fetch("1:*", "(FLAGS)")
        return [item for item in data if isinstance(item, bytes)]
    finally:
        client.logout()


def test_imap_takes_each_unseen_message_once(dovecot: Dovecot) -> None:
    dovecot.deliver(reply("Re: báo cáo 1"))
    dovecot.deliver(reply("Re: báo cáo 2"))
    recorder = Recorder()
    poller = ImapPoller(account(dovecot), max_bytes=1_000_000)
    assert poller.poll(recorder) == Polled(taken=2, too_large=0, failed=0)
    subjects = sorted(read(raw).subject for raw, _ in recorder.taken)
    assert subjects == ["Re: báo cáo 1", "Re: báo cáo 2"]
    assert all(b"\\Seen" in line for line in flags(dovecot))
    assert poller.poll(recorder) == Polled(taken=0, too_large=0, failed=0)
    assert len(recorder.taken) == 2


def test_imap_leaves_a_message_unseen_when_it_could_not_be_stored(dovecot: Dovecot) -> None:
    dovecot.deliver(reply())
    poller = ImapPoller(account(dovecot), max_bytes=1_000_000)
    failing = Recorder(fail=RuntimeError("database is locked"))
    assert poller.poll(failing) == Polled(taken=0, too_large=0, failed=1)
    assert not any(b"\\Seen" in line for line in flags(dovecot))
    recorder = Recorder()
    assert poller.poll(recorder).taken == 1
    assert len(recorder.taken) == 1


def test_imap_flags_a_message_over_the_size_and_leaves_it(dovecot: Dovecot) -> None:
    dovecot.deliver(reply(size=20_000))
    recorder = Recorder()
    assert ImapPoller(account(dovecot), max_bytes=4096).poll(recorder).too_large == 1
    assert recorder.taken == []
    (line,) = flags(dovecot)
    assert b"\\Flagged" in line


def test_imap_wrong_password_is_permanent_and_not_logged(
    dovecot: Dovecot, caplog: pytest.LogCaptureFixture
) -> None:
    wrong = account(dovecot, password="mat-khau-sai-123")
    with pytest.raises(TransportError) as failed:
        ImapPoller(wrong, max_bytes=1000).poll(Recorder())
    assert failed.value.permanent
    assert "mat-khau-sai-123" not in str(failed.value) + repr(wrong) + caplog.text


def test_imap_missing_folder_is_permanent(dovecot: Dovecot) -> None:
    with pytest.raises(TransportError) as failed:
        ImapPoller(account(dovecot, folder="Khong-co"), max_bytes=1000).poll(Recorder())
    assert failed.value.permanent


def test_imap_server_down_is_temporary(dovecot: Dovecot) -> None:
    settings = account(dovecot)
    dovecot.stop()
    with pytest.raises(TransportError) as failed:
        ImapPoller(settings, max_bytes=1000).poll(Recorder())
    assert not failed.value.permanent


@pytest.fixture
def trusted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The machine trusts the test CA as an office trusts its own: SSL_CERT_FILE."""
    path = tmp_path / "ca.pem"
    CA.cert_pem.write_to_path(str(path))
    monkeypatch.setenv("SSL_CERT_FILE", str(path))


@pytest.mark.usefixtures("trusted")
@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_imap_over_tls(dovecot: Dovecot, security: Security) -> None:
    dovecot.deliver(reply())
    recorder = Recorder()
    poller = ImapPoller(account(dovecot, security=security), max_bytes=1_000_000)
    assert poller.poll(recorder).taken == 1


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_an_untrusted_imap_certificate_is_a_permanent_error(
    dovecot: Dovecot, security: Security
) -> None:
    with pytest.raises(TransportError) as failed:
        ImapPoller(account(dovecot, security=security), max_bytes=1000).poll(Recorder())
    assert failed.value.permanent
    assert "certificate" in str(failed.value)
