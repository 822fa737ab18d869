"""The embedded channel: each message written as an .eml file into a folder
(``outbox_dir``, by default ``var/outbox``), so that the service runs with no mail server.

The file holds exactly the bytes SMTP would send (CRLF line ends); any mail program opens
it. Its name reads like the message and sorts by day::

    2024-02-08 Sở Tài chính – [Nhắc hạn] Gửi văn bản phát động… – r-17.3@thidua.local.eml

Vietnamese is kept (NFC); the Message-ID at the end makes it unique per message, so the
same message written again the same day replaces its file instead of adding one. Files
appear whole or not at all: written under a hidden temporary name, flushed to disk, then
renamed. They are readable by their owner only: they carry signed submission links.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from notifiers.base import Notice, SendResult, Transport, TransportError
from notifiers.message import OutgoingMessage, Sender, build_message, file_name
from translations import gettext as _

if TYPE_CHECKING:
    from config.settings import Settings

_NAME_LIMIT = 240  # bytes; most file systems allow 255


class OutboxTransport(Transport):
    """See the module docstring."""

    name = "outbox"

    def __init__(self, settings: Settings, clock: Callable[[], datetime] | None = None) -> None:
        super().__init__(settings, clock)
        self.sender = Sender.from_settings(settings)
        self.folder = settings.effective_outbox_dir

    def open(self) -> None:
        self._ensure_folder()

    def prepare(self, notice: Notice) -> tuple[OutgoingMessage, str]:
        message = build_message(notice, self.sender, self.clock())
        return message, message_file_name(notice, message)

    def deliver(
        self,
        prepared: tuple[OutgoingMessage, str],
        meanwhile: Callable[[], None] | None = None,
        before: Callable[[], None] | None = None,
    ) -> SendResult:
        message, name = prepared
        if before is not None:
            before()
        self._ensure_folder()
        path = self.folder / name
        try:
            write_atomically(path, message.data)
        except OSError as exc:
            raise TransportError(
                _("cannot write %(path)s: %(reason)s", path=str(path), reason=exc), permanent=False
            ) from exc
        return SendResult(
            message_id=message.message_id, accepted=message.recipients, refused=message.invalid
        )

    def _ensure_folder(self) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise TransportError(
                _("cannot create %(path)s: %(reason)s", path=str(self.folder), reason=exc),
                permanent=False,
            ) from exc


def message_file_name(notice: Notice, message: OutgoingMessage) -> str:
    """``<day> <unit> – <subject> – <message id>.eml``, the subject shortened to fit."""
    head = f"{notice.today.isoformat()} {file_name(notice.to.name, 80)} – "
    tail = f" – {file_name(message.message_id, 100)}.eml"
    room = _NAME_LIMIT - len(head.encode()) - len(tail.encode())
    subject = file_name(message.subject, room)
    if subject != file_name(message.subject, 10_000):
        subject = file_name(subject, room - len("…".encode())) + "…"
    return head + subject + tail


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never a
    part, and the new one survives a crash once this returns."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
