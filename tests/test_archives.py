"""The safe-zip checker, on real generated bombs and on real Office files."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from config.archives import ArchiveError, check_zip
from translations import using

MB = 1024 * 1024


def _zeros_member(archive: zipfile.ZipFile, name: str, size: int) -> None:
    """A member of ``size`` zero bytes, written in chunks (the test never holds it whole)."""
    chunk = b"\0" * MB
    with archive.open(name, "w") as member:
        left = size
        while left:
            member.write(chunk[: min(left, MB)])
            left -= min(left, MB)


def _zip(path: Path, members: dict[str, int], *, level: int = 6) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, size in members.items():
            _zeros_member(archive, name, size)
    return path


def _refusal(source: bytes | Path, **limits: int) -> ArchiveError:
    with pytest.raises(ArchiveError) as caught:
        check_zip(source, **limits)
    return caught.value


def test_a_real_word_file_passes(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Gửi báo cáo trước ngày 30/6/2025 về Sở Nội vụ.")
    document.add_table(rows=20, cols=5)
    path = tmp_path / "ke-hoach.docx"
    document.save(str(path))
    check_zip(path)
    check_zip(path.read_bytes())


def test_a_deflate_bomb_is_refused_by_its_ratio_before_inflating(tmp_path: Path) -> None:
    bomb = _zip(tmp_path / "bomb.docx", {"[Content_Types].xml": 1000, "word/document.xml": 8 * MB})
    assert bomb.stat().st_size < 100_000  # a real bomb: 8 MB promised by a few kilobytes

    error = _refusal(bomb)

    assert error.member == "word/document.xml"
    with using("en"):
        english = _refusal(bomb).message
    assert "word/document.xml" in english
    assert "times its compressed size" in english
    assert "thành phần word/document.xml giải nén ra gấp" in error.message  # Vietnamese first


def test_a_member_larger_than_the_limit_is_refused(tmp_path: Path) -> None:
    big = _zip(tmp_path / "big.xlsx", {"xl/worksheets/sheet1.xml": 65 * MB}, level=1)
    error = _refusal(big, max_ratio=10**6)
    assert error.member == "xl/worksheets/sheet1.xml"
    assert "65.0 MB" in error.message
    assert "64.0 MB" in error.message


def test_many_small_members_are_refused_by_their_total(tmp_path: Path) -> None:
    members = {f"word/media/part{i:03}.xml": MB for i in range(70)}
    error = _refusal(_zip(tmp_path / "many.docx", members))
    assert error.member is not None
    assert error.member.startswith("word/media/part06")  # the one that crosses 64 MB


def test_too_many_members_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "members.docx"
    with zipfile.ZipFile(path, "w") as archive:
        for i in range(1001):
            archive.writestr(f"m{i}.xml", b"")
    with using("en"):
        assert "1001 members, more than the 1000 allowed" in _refusal(path).message
    check_zip(path, max_members=1001)


def test_the_limits_are_arguments(tmp_path: Path) -> None:
    path = _zip(tmp_path / "small.docx", {"word/document.xml": 2 * MB})
    assert _refusal(path, max_uncompressed=MB).member == "word/document.xml"
    check_zip(path, max_ratio=10**6)


def test_an_encrypted_member_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", b"<w:document/>")
        archive.writestr("word/secret.xml", b"ciphertext")
    data = bytearray(buffer.getvalue())
    # The "encrypted" bit of the second member's directory entry, as zip -e sets it.
    entry = data.find(b"PK\x01\x02", data.find(b"PK\x01\x02") + 1)
    data[entry + 8] |= 0x1
    error = _refusal(bytes(data))
    assert error.member == "word/secret.xml"
    assert "mã hoá" in error.message


@pytest.mark.parametrize(
    "name",
    ["../../etc/cron.d/evil", "/etc/passwd", "word/../../x.xml", "..\\..\\x.xml", "C:/x.xml"],
)
def test_a_member_outside_the_archive_is_refused(name: str) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo(name), b"x")
    stored = zipfile.ZipFile(io.BytesIO(buffer.getvalue())).namelist()[0]
    error = _refusal(buffer.getvalue())
    assert error.member == stored
    with using("en"):
        assert "unsafe path" in _refusal(buffer.getvalue()).message


def test_a_deeply_nested_member_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("/".join(["d"] * 40) + "/x.xml", b"x")
    with using("en"):
        assert "nested more than 16 folders deep" in _refusal(buffer.getvalue()).message


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 truncated", b"%PDF-1.7\n" * 100])
def test_something_that_is_not_a_zip_is_refused(content: bytes) -> None:
    with using("en"):
        assert "not a valid zip archive" in _refusal(content).message


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with using("en"):
        assert "cannot be read" in _refusal(tmp_path / "absent.docx").message


def test_a_lying_member_cannot_expand_past_what_it_declares(tmp_path: Path) -> None:
    """The guarantee the callers rely on: zipfile delivers at most the declared size."""
    path = _zip(tmp_path / "liar.docx", {"word/document.xml": 4 * MB})
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        at = data.find(signature)
        data[at + offset : at + offset + 4] = (1000).to_bytes(4, "little")
    check_zip(bytes(data))  # declares 1000 bytes: passes
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive, pytest.raises(zipfile.BadZipFile):
        archive.read("word/document.xml")
