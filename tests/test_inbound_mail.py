"""Reading a mail that came in, within bounds (`submissions.mailparse`), and the reply
tokens of plus-addresses (`submissions.inbound`)."""

from __future__ import annotations

import re
from email.message import EmailMessage
from email.policy import SMTP

import pytest
from pydantic import ValidationError

from config.settings import Settings
from submissions.inbound import read_token, reply_address, reply_token
from submissions.mailparse import MAX_DEPTH, MailTooLarge, base_name, parse
from translations import gettext

PDF = b"%PDF-1.4\n%%EOF\n"


def mail(files: int = 1, **headers: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = headers.pop("From", "Văn thư <vanthu@xa.example.vn>")
    message["To"] = "baocao@snv.example.vn"
    message["Subject"] = "Re: Nhắc hạn báo cáo"
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content("Đơn vị gửi báo cáo.")
    for index in range(files):
        message.add_attachment(
            PDF, maintype="application", subtype="pdf", filename=f"bao-cao-{index}.pdf"
        )
    return message


def read(message: EmailMessage, **bounds: int) -> object:
    limits = {"max_bytes": 1_000_000, "max_attachments": 5} | bounds
    return parse(message.as_bytes(policy=SMTP), **limits)


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\lan\\Báo cáo.pdf", "Báo cáo.pdf"),
        ("/tmp/x.pdf", "x.pdf"),
        ("..", ""),
        ("bao\x00cao\n.pdf", "baocao.pdf"),
        (".hidden.pdf", "hidden.pdf"),
    ],
)
def test_attachment_names_keep_only_their_base_name(name: str, kept: str) -> None:
    assert base_name(name) == kept


def test_a_path_in_an_attachment_name_is_dropped() -> None:
    message = mail(files=0)
    message.add_attachment(
        PDF, maintype="application", subtype="pdf", filename="..\\..\\Windows\\Báo cáo.pdf"
    )
    (attachment,) = read(message).attachments  # type: ignore[attr-defined]
    assert (attachment.filename, attachment.data) == ("Báo cáo.pdf", PDF)


def test_sender_recipients_and_answers_are_read_in_normal_form() -> None:
    message = mail(
        From="Văn thư <VanThu@Xa.Example.VN>",
        Cc="Ai Đó <ai-do@example.org>",
        In_Reply_To="<thidua.due.7.abc@thidua.local>",
        References="<goc@thidua.local> <thidua.due.7.abc@thidua.local>",
        Message_ID="<tra-loi@xa.example.vn>",
    )
    read_back = read(message)
    assert read_back.sender == "vanthu@xa.example.vn"  # type: ignore[attr-defined]
    assert read_back.sender_name == "Văn thư"  # type: ignore[attr-defined]
    assert read_back.recipients == ("baocao@snv.example.vn", "ai-do@example.org")  # type: ignore[attr-defined]
    assert read_back.answers == ("thidua.due.7.abc@thidua.local", "goc@thidua.local")  # type: ignore[attr-defined]
    assert read_back.message_id == "tra-loi@xa.example.vn"  # type: ignore[attr-defined]


def test_a_mail_over_the_size_is_refused() -> None:
    raw = mail().as_bytes(policy=SMTP)
    with pytest.raises(MailTooLarge):
        parse(raw, max_bytes=len(raw) - 1, max_attachments=5)


def test_attachments_beyond_the_bound_are_not_read_and_the_mail_says_so() -> None:
    read_back = read(mail(files=4), max_attachments=2)
    assert len(read_back.attachments) == 2  # type: ignore[attr-defined]
    assert read_back.truncated  # type: ignore[attr-defined]
    assert not read(mail(files=2), max_attachments=2).truncated  # type: ignore[attr-defined]


@pytest.mark.parametrize("depth", [20, 1000])
def test_mime_nesting_is_read_to_a_bounded_depth(depth: int) -> None:
    """Multiparts inside each other: read to `MAX_DEPTH`; a thousand of them, for their
    headers only (no recursion error)."""
    boundary = "b{}"
    lines = ["From: x@example.org", "Subject: nested", "MIME-Version: 1.0"]
    for level in range(depth):
        lines += [f'Content-Type: multipart/mixed; boundary="{boundary.format(level)}"', ""]
        lines += [f"--{boundary.format(level)}"]
    lines += ["Content-Type: application/pdf", 'Content-Disposition: attachment; filename="x.pdf"']
    lines += ["", "%PDF-1.4"]
    for level in reversed(range(depth)):
        lines += [f"--{boundary.format(level)}--"]
    raw = "\r\n".join(lines).encode()
    read_back = parse(raw, max_bytes=10_000_000, max_attachments=5)
    assert read_back.truncated
    assert read_back.attachments == ()
    assert depth > MAX_DEPTH


def test_a_broken_from_header_leaves_no_sender_and_no_error() -> None:
    raw = b"From: <<<not an address\r\nSubject: x\r\n\r\nbody\r\n"
    read_back = parse(raw, max_bytes=10_000, max_attachments=5)
    assert (read_back.sender, read_back.attachments) == ("", ())


def test_reply_tokens_are_checked_and_survive_case_folding() -> None:
    address = reply_address("baocao@snv.example.vn", "secret", 12, 3)
    assert address.startswith("baocao+d12u3k") and address.endswith("@snv.example.vn")
    assert read_token("secret", address) == (12, 3)
    assert read_token("secret", address.upper()) == (12, 3)
    assert read_token("another secret", address) is None
    forged = address.replace("d12u3", "d12u4")
    assert read_token("secret", forged) is None
    assert read_token("secret", "baocao@snv.example.vn") is None
    assert len(reply_token("secret", 10**9, 10**6)) < 64  # fits a local part


@pytest.mark.parametrize(
    "address", ["baocao", "Ban TĐKT <baocao@snv.vn>", "a@b.vn, c@d.vn", "bảocáo@snv.vn"]
)
def test_the_inbound_address_setting_is_one_plain_address(address: str) -> None:
    wrong = gettext("%(value)s is not one plain e-mail address (baocao@snv.gov.vn)", "vi", value="")
    with pytest.raises(ValidationError, match=re.escape(wrong.strip())):
        Settings(inbound_address=address)
    assert Settings(inbound_address=" baocao@snv.vn ").inbound_address == "baocao@snv.vn"
