"""The house's one safe-zip checker: a .docx or .xlsx is looked at before anything is read.

Office files are zip archives, and a zip can promise little and expand to a lot (a 2 MB
"zip bomb" expanding to gigabytes), hold thousands of members, hide encrypted parts, or
name members outside any folder (``../../etc/passwd``). `check_zip` reads only the
archive's central directory (the table of contents at its end) and refuses such an archive
with an `ArchiveError` that names the member, before a single member is decompressed.

The declared sizes checked here are also the sizes Python's ``zipfile`` will deliver: a
member whose data expands past its declared size is cut there and fails its CRC check
(``BadZipFile``), so a reader that calls `check_zip` first can trust the totals.

Nested archives (a spreadsheet embedded in a Word file) are ordinary members here: the
callers never open them, so they are bounded by the same sizes as any other member.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import PurePosixPath

from translations import gettext as _

MAX_MEMBERS = 1000
MAX_UNCOMPRESSED = 64 * 1024 * 1024
MAX_RATIO = 100
# Small members compress very well when they are repetitive XML (styles, empty tables):
# the ratio is judged only for members that expand past this size, so ordinary documents
# pass, while the total size bounds any number of small members.
RATIO_FLOOR = 1024 * 1024
MAX_PATH_DEPTH = 16


class ArchiveError(ValueError):
    """An archive that will not be read; ``member`` is the member at fault, if one is."""

    def __init__(self, message: str, member: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.member = member


def check_zip(
    source: bytes | str | os.PathLike[str],
    *,
    max_members: int = MAX_MEMBERS,
    max_uncompressed: int = MAX_UNCOMPRESSED,
    max_ratio: int = MAX_RATIO,
) -> None:
    """Refuse ``source`` (the archive's bytes or its path) unless it is safe to read.

    Checks, from the central directory only: it is a zip; at most ``max_members`` members;
    no member encrypted, absolute, reaching outside its folder or nested absurdly deep; each
    member's and the total declared size at most ``max_uncompressed`` bytes; no large member
    expanding more than ``max_ratio`` times its compressed size.
    """
    members = _central_directory(source)
    if len(members) > max_members:
        raise ArchiveError(
            _(
                "the archive has %(count)d members, more than the %(limit)d allowed",
                count=len(members),
                limit=max_members,
            )
        )
    total = 0
    for info in members:
        _check_member(info, max_uncompressed=max_uncompressed, max_ratio=max_ratio)
        total += info.file_size
        if total > max_uncompressed:
            raise ArchiveError(
                _(
                    "the archive expands to more than %(limit)s (at member %(member)s)",
                    limit=size_text(max_uncompressed),
                    member=info.filename,
                ),
                info.filename,
            )


def _central_directory(source: bytes | str | os.PathLike[str]) -> list[zipfile.ZipInfo]:
    """The archive's members as its table of contents declares them; nothing is inflated."""
    opened = io.BytesIO(source) if isinstance(source, bytes | bytearray) else source
    try:
        with zipfile.ZipFile(opened) as archive:
            return archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        raise ArchiveError(_("not a valid zip archive (%(reason)s)", reason=str(exc))) from exc
    except OSError as exc:
        raise ArchiveError(
            _("the archive cannot be read (%(reason)s)", reason=exc.strerror or str(exc))
        ) from exc


def _check_member(info: zipfile.ZipInfo, *, max_uncompressed: int, max_ratio: int) -> None:
    name = info.filename
    if info.flag_bits & 0x1:
        raise ArchiveError(_("member %(member)s is encrypted", member=name), name)
    if not _safe_path(name):
        raise ArchiveError(
            _(
                "member %(member)s has an unsafe path (absolute or outside the archive)",
                member=name,
            ),
            name,
        )
    if len(PurePosixPath(name).parts) > MAX_PATH_DEPTH:
        raise ArchiveError(
            _(
                "member %(member)s is nested more than %(limit)d folders deep",
                member=name,
                limit=MAX_PATH_DEPTH,
            ),
            name,
        )
    if info.file_size > max_uncompressed:
        raise ArchiveError(
            _(
                "member %(member)s expands to %(size)s, more than the %(limit)s allowed",
                member=name,
                size=size_text(info.file_size),
                limit=size_text(max_uncompressed),
            ),
            name,
        )
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > RATIO_FLOOR and ratio > max_ratio:
        raise ArchiveError(
            _(
                "member %(member)s expands %(ratio)d times its compressed size "
                "(at most %(limit)d allowed)",
                member=name,
                ratio=int(ratio),
                limit=max_ratio,
            ),
            name,
        )


def _safe_path(name: str) -> bool:
    """A relative path that stays inside the archive's folder, in either slash style."""
    if "\x00" in name or not name:
        return False
    normal = name.replace("\\", "/")
    if normal.startswith("/") or (len(normal) > 1 and normal[1] == ":"):
        return False
    return ".." not in PurePosixPath(normal).parts


def size_text(count: int) -> str:
    """A byte count as people read it (MB with one decimal, or bytes below a kilobyte)."""
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.1f} MB"
    if count >= 1024:
        return f"{count / 1024:.1f} KB"
    return f"{count} B"
