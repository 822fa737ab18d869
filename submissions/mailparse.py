"""A mail that came in, read with bounds: who sent it, what it answers, what it carries.

Everything here is pure: bytes in, an `InboundMail` out. The bounds are the service's
(``THIDUA_INBOUND_MAX_BYTES``, ``THIDUA_INBOUND_MAX_ATTACHMENTS``) and the depth of MIME
nesting (`MAX_DEPTH`): a message over the size is refused (`MailTooLarge`); one with more
attachments, more parts or deeper nesting is read up to the bound and says so
(``truncated``), so that the office still sees it whole in the stored .eml; one with
more multiparts than `MAX_MULTIPARTS` is read for its headers only. Attachment
names keep only their last path component: ``..\\..\\x.pdf`` and ``/etc/passwd`` become
``x.pdf`` and ``passwd``.
"""

from __future__ import annotations

import email
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesHeaderParser
from email.utils import getaddresses
from typing import cast

from translations import gettext as _

MAX_DEPTH = 8  # multipart inside multipart: real mail clients nest three or four
# The standard parser nests a generator per multipart it enters: a mail with more
# multiparts than this is read for its headers only, so that it cannot exhaust the stack.
MAX_MULTIPARTS = 64
_MULTIPART = re.compile(rb"content-type:\s*multipart/", re.IGNORECASE)
MAX_PARTS = 200  # parts walked at most, whatever the depth
MAX_NAME = 200  # characters kept of an attachment's name
MAX_IDS = 50  # message ids read from References
MAX_SUBJECT = 500
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_MSGID = re.compile(r"<([^<>\s]{1,255})>")


class MailTooLarge(ValueError):
    """More bytes than ``THIDUA_INBOUND_MAX_BYTES``: refused, never stored."""


@dataclass(frozen=True)
class Attachment:
    filename: str  # base name only, never empty
    content_type: str
    data: bytes


@dataclass(frozen=True)
class InboundMail:
    raw: bytes
    sender: str  # address, NFC and casefolded; "" when the mail names none
    sender_name: str
    recipients: tuple[str, ...]  # envelope and header recipients, NFC and casefolded
    message_id: str  # without <>; "" when missing
    answers: tuple[str, ...]  # In-Reply-To first, then References, newest first
    subject: str
    attachments: tuple[Attachment, ...] = ()
    truncated: bool = False  # more attachments, parts or nesting than the bounds


def normal_address(address: str) -> str:
    """The form addresses are compared in: NFC, casefolded, without surrounding spaces."""
    return unicodedata.normalize("NFC", address).strip().casefold()


def base_name(name: str) -> str:
    """The last component of a path, from either kind of slash, without control
    characters or leading dots; "" when nothing is left."""
    name = unicodedata.normalize("NFC", _CONTROL.sub("", name))
    last = name.replace("\\", "/").rsplit("/", 1)[-1].strip().lstrip(".").strip()
    return last[-MAX_NAME:]


def parse(
    raw: bytes, *, max_bytes: int, max_attachments: int, envelope_to: Iterable[str] = ()
) -> InboundMail:
    """Read a message; `MailTooLarge` when it is over ``max_bytes``."""
    if len(raw) > max_bytes:
        raise MailTooLarge(
            _(
                "message of %(size)d bytes, over the limit of %(limit)d",
                size=len(raw),
                limit=max_bytes,
            )
        )
    walk = _Walk(max_attachments)
    if len(_MULTIPART.findall(raw)) > MAX_MULTIPARTS:
        parser = BytesHeaderParser(policy=policy.default)
        message = cast(EmailMessage, parser.parsebytes(raw))
        walk.truncated = True
    else:
        message = cast(EmailMessage, email.message_from_bytes(raw, policy=policy.default))
        walk.visit(message, depth=0)
    name, sender = _sender(message)
    own_id = _ids(_header(message, "Message-ID"))
    return InboundMail(
        raw=raw,
        sender=sender,
        sender_name=name,
        recipients=_recipients(message, envelope_to),
        message_id=own_id[0] if own_id else "",
        answers=_answers(message),
        subject=_header(message, "Subject")[:MAX_SUBJECT],
        attachments=tuple(walk.found),
        truncated=walk.truncated,
    )


def _header(message: Message, name: str) -> str:
    """A header as text, decoded; a header too broken to parse is read as it came."""
    try:
        value = message.get(name)
    except (ValueError, IndexError, TypeError, AttributeError):
        value = next((v for k, v in message.raw_items() if k.lower() == name.lower()), None)
    return "" if value is None else _CONTROL.sub(" ", str(value)).strip()


def _addresses(message: Message, name: str) -> list[tuple[str, str]]:
    try:
        values = [str(v) for v in message.get_all(name, [])]
    except (ValueError, IndexError, TypeError, AttributeError):
        values = [str(v) for k, v in message.raw_items() if k.lower() == name.lower()]
    return [(n, a) for n, a in getaddresses(values) if "@" in a]


def _sender(message: Message) -> tuple[str, str]:
    """(display name, address) of From, else Sender, else Return-Path."""
    for name in ("From", "Sender", "Return-Path"):
        found = _addresses(message, name)
        if found:
            display, address = found[0]
            return _CONTROL.sub(" ", display)[:200], normal_address(address)
    return "", ""


def _recipients(message: Message, envelope_to: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {normal_address(a): None for a in envelope_to if "@" in a}
    for name in ("Delivered-To", "X-Original-To", "To", "Cc"):
        for _display, address in _addresses(message, name):
            seen.setdefault(normal_address(address), None)
    return tuple(seen)


def _ids(text: str) -> list[str]:
    return _MSGID.findall(text)


def _answers(message: Message) -> tuple[str, ...]:
    """The message ids this mail answers: In-Reply-To, then References from the newest."""
    ids = _ids(_header(message, "In-Reply-To"))
    ids += list(reversed(_ids(_header(message, "References"))))
    return tuple(dict.fromkeys(ids))[:MAX_IDS]


@dataclass
class _Walk:
    """The attachments of a message, depth first, within the bounds."""

    max_attachments: int
    found: list[Attachment] = field(default_factory=list)
    parts: int = 0
    truncated: bool = False

    def visit(self, part: Message, depth: int) -> None:
        self.parts += 1
        if depth > MAX_DEPTH or self.parts > MAX_PARTS:
            self.truncated = True
            return
        if part.is_multipart():
            for child in cast(list[Message], part.get_payload()):
                self.visit(child, depth + 1)
            return
        if part.get_content_type() == "message/rfc822" or not _is_attachment(part):
            return
        if len(self.found) >= self.max_attachments:
            self.truncated = True
            return
        data = part.get_payload(decode=True)
        if isinstance(data, bytes) and data:
            self.found.append(Attachment(_filename(part, len(self.found)), _type(part), data))


def _is_attachment(part: Message) -> bool:
    """A part with a file name, or one marked as an attachment: the body text is not."""
    try:
        disposition = part.get_content_disposition()
        filename = part.get_filename()
    except (ValueError, IndexError, TypeError, AttributeError):
        return True
    return disposition == "attachment" or bool(filename)


def _filename(part: Message, index: int) -> str:
    try:
        name = base_name(part.get_filename() or "")
    except (ValueError, IndexError, TypeError, AttributeError):
        name = ""
    return name or f"attachment-{index + 1}"


def _type(part: Message) -> str:
    return part.get_content_type()[:100]
