"""A notice as the exact bytes of an e-mail message, the same for SMTP and the outbox.

    multipart/mixed
      multipart/alternative
        text/plain; charset=utf-8     (reads well alone)
        text/html; charset=utf-8      (autoescaped)
      text/calendar; method=PUBLISH   (each deadline's .ics, then the notice's attachments)

Headers: From from the settings, Reply-To the receiving office's mailbox (the campaign's
``reporting.mailbox``; else ``mail_reply_to``), To with the unit's name, Subject, Date,
``Message-ID: <notice.message_id>`` (stable, so a message resent after a crash is known as
the same one), ``Auto-Submitted: auto-generated`` (RFC 3834: no vacation replies) and
``X-Auto-Response-Suppress: All`` (the same for Exchange), ``Content-Language``.

Why the compat32 classes (`email.mime`) with headers encoded here, not `EmailMessage`:

- CPython 3.11's default policy folds some Vietnamese subjects into encoded words split
  at a space that it leaves *between* them, where RFC 2047 readers (its own parser
  included) drop it: "[Nhắc lịch] Hạn nộp báo cáo quý – còn 1 ngày" arrives as "…quý–
  còn 1 ngày" (4 of 1,000 example subjects in ``bench/messages.py``). Here the subject is
  cut into encoded words between characters, spaces inside them, so it comes back exactly
  (tested over Vietnamese text with hypothesis, and over every template's subject).
- Building is far cheaper: a reminder with HTML and .ics costs ~6 ms with `EmailMessage`,
  ~1.1 ms with the plain compat32 classes and ~0.5 ms here (``bench/messages.py``; the
  issue measured ~1.1 ms against ~0.36 ms for a simpler message), which matters when a
  morning's dispatch sends thousands.

The price is doing by hand what the default policy would: display names are encoded by
`notifiers.addresses`, attachment names per RFC 2231, ASCII headers are folded at spaces
by `_WirePolicy`, and the bytes use CRLF line ends (what SMTP sends, what an .eml file
holds). Boundaries derive from the Message-ID, so the same notice at the same time gives
the same bytes.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from email.encoders import encode_base64
from email.generator import NLCRE, BytesGenerator
from email.headerregistry import HeaderRegistry
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.nonmultipart import MIMENonMultipart
from email.policy import Compat32
from email.utils import format_datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from notifiers.addresses import InvalidAddress, mailbox, one_line, parse_mailbox, wire_address
from notifiers.base import Attachment, Notice, TransportError
from notifiers.wording import word
from translations import gettext as _

if TYPE_CHECKING:
    from config.settings import Settings


class _WirePolicy(Compat32):
    """compat32 with CRLF, folding plain ASCII headers itself.

    Every header but the Subject reaches the generator as ASCII already (encoded words,
    RFC 2231 parameters), so folding it is only breaking the line before a space, which
    unfolding undoes exactly. `Header`'s general folder costs ~50 µs a header; this costs
    a few. A value with a line break is refused: nothing here may add a header.
    """

    def fold_binary(self, name: str, value: Any) -> bytes:
        if not isinstance(value, str) or not value.isascii():
            return super().fold_binary(name, value)
        if "\r" in value or "\n" in value:
            raise ValueError(f"{name} header with a line break: {value!r}")
        return _fold_at_spaces(f"{name}: {value}", self.max_line_length, self.linesep)


def _fold_at_spaces(line: str, limit: int, linesep: str) -> bytes:
    if len(line) <= limit:
        return (line + linesep).encode("ascii")
    first, *pieces = line.split(" ")
    lines, current = [], first
    for piece in pieces:
        if piece and len(current) + 1 + len(piece) > limit and current.strip():
            lines.append(current)
            current = " " + piece
        else:
            current += " " + piece
    lines.append(current)
    return (linesep.join(lines) + linesep).encode("ascii")


WIRE = _WirePolicy(linesep="\r\n", max_line_length=78)
_MESSAGE_ID = re.compile(r"^[!#-'*-;=?A-~]+@[!#-'*-;=?A-~]+$")  # no <>, @, ", (), space
_UNSAFE_IN_FILE_NAME = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')
_PARSE_HEADER = HeaderRegistry()
_SUBJECT_CHUNK = 42  # UTF-8 bytes in one encoded word of the subject


@dataclass(frozen=True)
class Sender:
    """Who the messages come from (checked once, from the settings)."""

    name: str
    address: str
    reply_to: tuple[str, str] | None = None  # (name, address)

    @classmethod
    def from_settings(cls, settings: Settings) -> Sender:
        """From ``mail_from`` and ``mail_reply_to``; `InvalidAddress` names the setting."""
        name, address = parse_mailbox(settings.mail_from, "THIDUA_MAIL_FROM")
        reply_to = (
            parse_mailbox(settings.mail_reply_to, "THIDUA_MAIL_REPLY_TO")
            if settings.mail_reply_to.strip()
            else None
        )
        return cls(name, address, reply_to)


@dataclass(frozen=True)
class OutgoingMessage:
    """What a transport delivers: the envelope and the bytes."""

    message_id: str
    mail_from: str  # envelope sender
    recipients: tuple[str, ...]  # envelope recipients, checked, in wire form
    invalid: dict[str, str] = field(default_factory=dict)  # given address → why refused
    subject: str = ""
    data: bytes = b""  # CRLF line ends, not dot-stuffed


def build_message(notice: Notice, sender: Sender, now: datetime) -> OutgoingMessage:
    """The message for ``notice``, dated ``now`` (an aware datetime); a permanent
    `TransportError` when none of the unit's addresses can be used."""
    _check_message_id(notice.message_id)
    recipients, invalid = _recipients(notice.to.addresses)
    if not recipients:
        reasons = "; ".join(invalid.values()) or _("no address")
        raise TransportError(
            _("%(unit)s: no address to send to: %(reasons)s", unit=notice.to.code, reasons=reasons),
            permanent=True,
        )
    wording = word(notice, sender.name)
    shared = _Shared(sender, now, notice.language, wording.subject, tuple(_attachments(notice)))
    own = _Own(
        to=_to_header(notice, recipients),
        reply_to=_reply_to_header(notice, sender),
        message_id=f"<{notice.message_id}>",
        digest=_boundary_digest(notice.message_id),
        text=wording.text,
        html=wording.html,
    )
    draft = _draft(shared, own.reply_to is not None)
    return OutgoingMessage(
        message_id=notice.message_id,
        mail_from=sender.address,
        recipients=recipients,
        invalid=invalid,
        subject=wording.subject,
        data=_filled(draft, own) if draft is not None else serialise(_root(shared, own)),
    )


@dataclass(frozen=True)
class _Shared:
    """What the messages of one draft have in common (every unit told of the same
    deadlines at the same moment)."""

    sender: Sender
    now: datetime
    language: str
    subject: str
    attachments: tuple[Attachment, ...]


@dataclass(frozen=True)
class _Own:
    """What is a message's own: its unit's addresses and wording, its Message-ID."""

    to: str
    reply_to: str | None
    message_id: str
    digest: str  # of the boundaries
    text: str
    html: str


def _root(shared: _Shared, own: _Own) -> MIMEBase:
    root = _body(own.text, own.html, list(shared.attachments))
    _name_boundaries(root, own.digest)
    _add_headers(root, shared, own)
    return root


# --- drafts: one serialisation for every message told the same ------------------------
#
# The generator costs more than all the rest of a message. Messages that share a draft
# differ in a few headers, the boundaries and the two bodies, so the draft is serialised
# once with a marker in place of each, and each message is the draft's pieces joined with
# its own values: the same bytes (tests/test_notifiers_message.py compares them with a
# message serialised on its own). Markers hold NUL, which nothing serialised carries.

_MARK = "\x00"
_DIGEST_MARK = _MARK + "-" * 22 + _MARK  # as long as a digest: headers fold alike
_TEXT_MARK = _MARK + "text" + _MARK
_HTML_MARK = _MARK + "html" + _MARK
_MARKED = _Own(
    to=_MARK + "to" + _MARK,
    reply_to=_MARK + "reply" + _MARK,
    message_id=_MARK + "id" + _MARK,
    digest=_DIGEST_MARK,
    text=_TEXT_MARK,
    html=_HTML_MARK,
)
_HEADER_MARKS = {"To": _MARKED.to, "Reply-To": _MARKED.reply_to, "Message-ID": _MARKED.message_id}
# A marked header, whole line; or a marker in a header or body.
_PIECES = re.compile(b"((?:To|Reply-To|Message-ID): \x00\\w+\x00\r\n|\x00[^\x00]*\x00)")


@lru_cache(maxsize=64)
def _draft(shared: _Shared, reply_to: bool) -> tuple[bytes, ...] | None:
    """The draft's bytes cut at its markers (a marker alone at each odd index), or None
    when a marker is not where expected."""
    marked = _MARKED if reply_to else replace(_MARKED, reply_to=None)
    pieces = tuple(_PIECES.split(serialise(_root(shared, marked))))
    found = [piece.split(b": ")[0] if b": " in piece else piece for piece in pieces[1::2]]
    expected = {b"To", b"Message-ID", _TEXT_MARK.encode(), _HTML_MARK.encode()}
    if reply_to:
        expected.add(b"Reply-To")
    single = [piece for piece in found if piece != _DIGEST_MARK.encode()]
    if sorted(single) != sorted(expected) or any(_MARK.encode() in p for p in pieces[::2]):
        return None
    return pieces


def _filled(pieces: tuple[bytes, ...], own: _Own) -> bytes:
    """A draft with a message's own values in place of the markers."""
    values = {
        _DIGEST_MARK.encode(): own.digest.encode("ascii"),
        _TEXT_MARK.encode(): _base64_lines(own.text),
        _HTML_MARK.encode(): _base64_lines(own.html),
    }
    for name, value in (("To", own.to), ("Reply-To", own.reply_to), ("Message-ID", own.message_id)):
        if value is not None:
            values[f"{name}: {_HEADER_MARKS[name]}\r\n".encode()] = WIRE.fold_binary(name, value)
    out = list(pieces)
    out[1::2] = [values[piece] for piece in pieces[1::2]]
    return b"".join(out)


def _base64_lines(text: str) -> bytes:
    """A body as `_text_part` encodes it and the generator writes it: base64 in lines of
    76 characters, each ending in CRLF. Encoded in one call and cut, where
    `base64.encodebytes` encodes each line's 57 bytes in a call of its own."""
    encoded = binascii.b2a_base64(text.encode("utf-8"), newline=False)
    return b"".join(encoded[at : at + 76] + b"\r\n" for at in range(0, len(encoded), 76))


class _WireGenerator(BytesGenerator):
    """The stock generator, writing a part's body in one piece: the stock one splits it
    and encodes and writes each 76-character base64 line on its own (~200 calls a
    message, a fifth of the cost of building one). Same bytes."""

    def _write_lines(self, lines: str) -> None:
        if "\r" not in lines:  # base64 and our templates' text: "\n" only
            self.write(lines.replace("\n", self._NL))
        elif lines:
            self.write(self._NL.join(NLCRE.split(lines)))


def serialise(message: MIMEBase) -> bytes:
    out = io.BytesIO()
    _WireGenerator(out, mangle_from_=False, policy=WIRE).flatten(message)
    return out.getvalue()


def file_name(text: str, limit: int = 120) -> str:
    """``text`` made safe as a file name on any system: NFC, Vietnamese kept, no path or
    reserved characters, at most ``limit`` UTF-8 bytes."""
    name = _UNSAFE_IN_FILE_NAME.sub("-", one_line(text)).strip(" .-") or "thidua"
    while len(name.encode()) > limit:
        name = name[:-1]
    return unicodedata.normalize("NFC", name.rstrip(" .-"))


# --- parts ----------------------------------------------------------------------------


def _body(text: str, html: str, attachments: list[Attachment]) -> MIMEBase:
    alternative = MIMEMultipart("alternative")
    alternative.attach(_text_part(text, "plain"))
    alternative.attach(_text_part(html, "html"))
    if not attachments:
        return alternative
    mixed = MIMEMultipart("mixed")
    mixed.attach(_inner(alternative))
    for attachment in attachments:
        mixed.attach(_attachment_part(attachment))
    return mixed


def _text_part(text: str, subtype: str) -> MIMEBase:
    """UTF-8 text in base64: 7-bit safe, shorter than quoted-printable for Vietnamese, and
    encoded in C (`MIMEText` encodes line by line in Python). A draft's marker as is."""
    part = MIMENonMultipart("text", subtype, charset="utf-8")
    part["Content-Transfer-Encoding"] = "base64"
    marked = text in (_TEXT_MARK, _HTML_MARK)
    part.set_payload(text if marked else base64.encodebytes(text.encode("utf-8")).decode("ascii"))
    return _inner(part)


def _boundary_digest(message_id: str) -> str:
    """Boundaries from the Message-ID instead of random ones: the same notice at the same
    time gives the same bytes."""
    return hashlib.sha256(message_id.encode()).hexdigest()[:24]


def _name_boundaries(root: MIMEBase, digest: str) -> None:
    """ "=_" cannot occur in base64 or quoted-printable text."""
    for depth, part in enumerate(p for p in root.walk() if p.is_multipart()):
        part.set_boundary(f"=_thidua_{digest}_{depth}")


def _inner(part: MIMEBase) -> MIMEBase:
    """A part inside another: MIME-Version belongs to the top only."""
    del part["MIME-Version"]
    return part


def _attachments(notice: Notice) -> tuple[Attachment, ...]:
    """Each deadline's .ics, then the notice's own attachments; names made unique."""
    calendars = tuple(
        (item.effective_date, item.title, item.ics) for item in notice.items if item.ics
    )
    return _named_attachments(calendars, notice.attachments)


@lru_cache(maxsize=256)
def _named_attachments(
    calendars: tuple[tuple[date, str, bytes], ...], attachments: tuple[Attachment, ...]
) -> tuple[Attachment, ...]:
    found = [
        Attachment(f"{file_name(title, 100)}.ics", "text/calendar; method=PUBLISH", ics)
        for _day, title, ics in sorted(calendars, key=lambda entry: entry[:2])
    ]
    found.extend(attachments)
    seen: set[str] = set()
    unique = []
    for attachment in found:
        name = _unique(attachment.filename, seen)
        unique.append(
            attachment
            if name == attachment.filename
            else Attachment(name, attachment.content_type, attachment.data)
        )
    return tuple(unique)


def _unique(filename: str, seen: set[str]) -> str:
    stem, dot, extension = file_name(filename).rpartition(".")
    if not dot:
        stem, extension = extension, ""
    candidate, number = file_name(filename), 2
    while candidate.casefold() in seen:
        candidate = f"{stem} ({number}){dot}{extension}"
        number += 1
    seen.add(candidate.casefold())
    return candidate


@lru_cache(maxsize=64)
def _content_type(text: str) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """(maintype, subtype, params) of an attachment's type, parsed once per text."""
    parsed = _PARSE_HEADER("content-type", text)
    if parsed.defects or "\r" in text or "\n" in text:
        raise ValueError(f"{text!r} is not a content type")
    params = dict(parsed.params)
    if parsed.maintype == "text":
        params.setdefault("charset", "utf-8")
    return parsed.maintype, parsed.subtype, tuple(params.items())


@lru_cache(maxsize=256)
def _attachment_part(attachment: Attachment) -> MIMEBase:
    """The part of an attachment, made once: a deadline's .ics goes to every unit that
    answers for it. Parts are never changed once made, so messages may share one."""
    maintype, subtype, params = _content_type(attachment.content_type)
    part = MIMEBase(maintype, subtype, **dict(params))
    part.set_payload(attachment.data)
    encode_base64(part)  # exact bytes back, whatever the line ends
    part.set_param("name", attachment.filename, charset="utf-8")
    part.add_header(
        "Content-Disposition", "attachment", filename=("utf-8", "", attachment.filename)
    )
    return _inner(part)


# --- headers --------------------------------------------------------------------------


def _add_headers(root: MIMEBase, shared: _Shared, own: _Own) -> None:
    sender = shared.sender
    root["From"] = mailbox(sender.name, sender.address)
    root["To"] = own.to
    if own.reply_to is not None:
        root["Reply-To"] = own.reply_to
    root["Subject"] = _subject_header(shared.subject)
    root["Date"] = format_datetime(shared.now)
    root["Message-ID"] = own.message_id
    root["Auto-Submitted"] = "auto-generated"
    root["X-Auto-Response-Suppress"] = "All"
    root["Content-Language"] = shared.language


def _to_header(notice: Notice, recipients: tuple[str, ...]) -> str:
    return ", ".join(mailbox(notice.to.name, address) for address in recipients)


def _reply_to_header(notice: Notice, sender: Sender) -> str | None:
    """The receiving office's mailbox, exactly (a reply reaches the office that receives
    the report); the configured Reply-To only when the campaign names none."""
    offices = _office_replies(notice)
    replies = offices or ([mailbox(*sender.reply_to)] if sender.reply_to else [])
    if notice.reply_to:  # the service's own inbound address: a reply with the report counts
        replies.append(mailbox(sender.name, notice.reply_to))
    return ", ".join(replies) if replies else None


def _office_replies(notice: Notice) -> list[str]:
    """The offices' mailboxes as wire addresses; one that cannot be written in a header
    (a Vietnamese local part) is left out rather than stop the reminder."""
    replies = []
    for address in notice.office_mailboxes:
        with contextlib.suppress(InvalidAddress):
            replies.append(wire_address(address))
    return replies


def _subject_header(subject: str) -> str:
    """The subject as RFC 2047 encoded words, each at most 42 UTF-8 bytes (68 characters
    encoded, so that "Subject: " and one word fit a line), split between characters and
    never at a space outside them: readers join adjacent encoded words as they are, so the
    text comes back exactly. Always encoded, even ASCII: ASCII that looks like an encoded
    word would otherwise be decoded by the reader. (`Header` does the same at ~100 µs a
    subject, character by character.)"""
    words, chunk, size = [], [], 0
    for char in subject:
        width = len(char.encode("utf-8"))
        if size + width > _SUBJECT_CHUNK and chunk:
            words.append(_encoded_word("".join(chunk)))
            chunk, size = [], 0
        chunk.append(char)
        size += width
    words.append(_encoded_word("".join(chunk)))
    return " ".join(words)


def _encoded_word(text: str) -> str:
    return f"=?utf-8?b?{base64.b64encode(text.encode('utf-8')).decode('ascii')}?="


def _check_message_id(message_id: str) -> None:
    if not _MESSAGE_ID.match(message_id):
        raise ValueError(f"Message-ID {message_id!r} must look like 'left@right', no <>")


def _recipients(addresses: tuple[str, ...]) -> tuple[tuple[str, ...], dict[str, str]]:
    """The checked addresses (first spelling of each, case-insensitively) and the refused
    ones with the reason."""
    valid: dict[str, str] = {}
    invalid: dict[str, str] = {}
    for address in addresses:
        try:
            checked = wire_address(address)
        except InvalidAddress as exc:
            invalid[address] = str(exc)
            continue
        valid.setdefault(checked.casefold(), checked)
    return tuple(valid.values()), invalid
