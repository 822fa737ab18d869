"""Report files: checked by content (`submissions.filecheck`), kept by SHA-256, and recorded
as a unit's submission of a deadline.

`store_report` is the one way in, for the upload page and for replies by mail alike. It
checks the file before anything is written, so a refused file leaves nothing behind. The
bytes go to a `FileStore`; the one this house ships keeps them on disk under
``reports_dir`` (default ``var/reports``), one file per SHA-256, written to a temporary
file and renamed into place so a reader never sees half a file. The same file sent twice
is stored once. A file whose database row is rolled back stays on disk unreferenced: it is
harmless, and the next upload of the same bytes reuses it.

Another store (S3-compatible) plugs in by implementing `FileStore`; none is shipped yet.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from sqlalchemy.orm import Session

from calendars import models as m
from config.settings import Settings
from submissions import records
from submissions.filecheck import CheckedFile, ReportRefused, check_report
from submissions.models import Submission, SubmissionFile
from translations import N_

MAX_NOTE = 2000  # characters


class FileStore(Protocol):
    """Where report bytes live, addressed by their SHA-256 (hex)."""

    def put(self, data: bytes) -> str: ...

    def get(self, sha256: str) -> bytes: ...


class DiskStore:
    """``root/ab/cd/abcd…``: two levels of folders keep each folder small."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise ValueError(f"not a SHA-256: {sha256!r}")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, data: bytes) -> str:
        sha256 = hashlib.sha256(data).hexdigest()
        target = self.path(sha256)
        if target.is_file() and target.stat().st_size == len(data):
            return sha256
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o750)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".part-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temporary, 0o640)
            os.replace(temporary, target)  # atomic: the whole file or none
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return sha256

    def get(self, sha256: str) -> bytes:
        return self.path(sha256).read_bytes()


def file_store(settings: Settings) -> FileStore:
    """The configured store (today: the disk under ``reports_dir``)."""
    return DiskStore(settings.effective_reports_dir)


def store_report(
    session: Session,
    settings: Settings,
    *,
    deadline: m.Occurrence,
    unit: m.Unit,
    filename: str,
    data: bytes,
    note: str | None,
    source: str,
    by: str | None = None,
    now: datetime | None = None,
    store: FileStore | None = None,
) -> Submission:
    """Check ``data``, keep it, and attach it to the unit's standing submission of
    ``deadline`` (recorded now, in state ``received``, when there is none). Raises
    `ReportRefused` (bad file, name or note; nothing stored) or `records.SubmissionError`
    (the unit does not answer for the deadline, or it was cancelled). The caller commits,
    and tells the scheduler (`scheduler.answers.report_received`), so that the unit's
    pending reminders are skipped at once (the dispatcher would skip them anyway)."""
    now = now or datetime.now(UTC)
    checked = check_report(filename, data, max_bytes=settings.upload_max_bytes)
    note = clean_note(note)
    existing = records.standing(session, deadline.id, unit.id)
    if existing is not None and existing.state == "accepted":
        raise ReportRefused(
            N_("The office has already accepted this report; to change it, contact the office.")
        )
    submission = records.record(
        session, deadline, unit, now=now, source=source, by=by, note=note
    ).submission
    if note and submission.note != note:
        submission.note = note
    attach(session, submission, checked, (store or file_store(settings)).put(data), now)
    return submission


def attach(
    session: Session, submission: Submission, checked: CheckedFile, sha256: str, now: datetime
) -> SubmissionFile:
    row = SubmissionFile(
        submission_id=submission.id,
        sha256=sha256,
        filename=checked.filename,
        kind=checked.kind,
        size=checked.size,
        stored_at=now,
    )
    session.add(row)
    session.flush()
    session.refresh(submission, ["files"])
    return row


def clean_note(note: str | None) -> str | None:
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise ReportRefused(
            N_("The note is longer than %(n)d characters."), field="note", n=MAX_NOTE
        )
    return note or None
