"""Report files: told apart by content, refused with a Vietnamese message when bad, kept by
SHA-256 under the data folder, and recorded as the unit's submission (which stops its
reminders). The store runs on both engines."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select

from config.settings import Settings
from scheduler.models import Reminder
from submissions import filecheck, storage
from submissions.filecheck import ReportRefused, check_report
from submissions.models import Submission, SubmissionFile
from submissions.records import SubmissionError
from tests.conftest import Cli
from tests.reminders import UNITS, load, occurrence_id, statuses, unit_id, write_campaign
from tests.reports import (
    BROKEN,
    docx_bytes,
    executable_bytes,
    keep_report,
    packed_docx_bomb,
    pdf_bytes,
    xlsx_bytes,
)
from thidua.context import AppContext
from thidua.database import all_metadata

LIMIT = 5 * 1024 * 1024
QUY_1 = "thu-nghiem-2024/bao-cao-quy-1"
NOW = datetime(2024, 3, 12, 3, 0, tzinfo=UTC)


# --- by content, not by name -------------------------------------------------------------


def test_a_pdf_a_word_and_an_excel_file_are_known_by_their_content(tmp_path: Path) -> None:
    assert check_report("bao-cao.pdf", pdf_bytes(tmp_path), max_bytes=LIMIT).kind == "pdf"
    assert check_report("bao-cao.docx", docx_bytes(), max_bytes=LIMIT).kind == "docx"
    assert check_report("tong-hop.xlsx", xlsx_bytes(), max_bytes=LIMIT).kind == "xlsx"


def test_a_colon_is_part_of_a_name_but_a_drive_is_a_folder() -> None:
    assert check_report("Báo cáo: quý I.docx", docx_bytes(), max_bytes=LIMIT).filename == (
        "Báo cáo: quý I.docx"
    )
    with pytest.raises(ReportRefused):
        check_report("C:bao-cao.docx", docx_bytes(), max_bytes=LIMIT)


def test_a_word_file_named_pdf_is_kept_as_docx() -> None:
    checked = check_report("Báo cáo quý I.pdf", docx_bytes(), max_bytes=LIMIT)
    assert (checked.kind, checked.filename) == ("docx", "Báo cáo quý I.docx")
    assert checked.media_type.endswith("wordprocessingml.document")


def test_a_legacy_word_file_is_known_by_its_directory() -> None:
    header = filecheck.OLE_MAGIC + bytes(504)
    word = header + "Root Entry".encode("utf-16-le") + "WordDocument".encode("utf-16-le")
    assert check_report("cu.doc", word, max_bytes=LIMIT).kind == "doc"
    excel = header + "Workbook".encode("utf-16-le")
    assert check_report("cu.xls", excel, max_bytes=LIMIT).kind == "xls"
    with pytest.raises(ReportRefused, match="password"):
        check_report("khoa.docx", header + "EncryptedPackage".encode("utf-16-le"), max_bytes=LIMIT)


def refusal(filename: str, data: bytes, limit: int = LIMIT) -> ReportRefused:
    with pytest.raises(ReportRefused) as caught:
        check_report(filename, data, max_bytes=limit)
    return caught.value


def test_an_executable_renamed_pdf_is_refused() -> None:
    refused = refusal("bao-cao.pdf", executable_bytes())
    assert "không phải tệp PDF, Word hay Excel" in refused.text("vi")
    assert "bao-cao.pdf" in refused.text("vi")


def test_an_empty_file_and_one_over_the_limit_are_refused(tmp_path: Path) -> None:
    assert "rỗng" in refusal("bao-cao.pdf", b"").text("vi")
    big = pdf_bytes(tmp_path)
    over = refusal("bao-cao.pdf", big, limit=len(big) - 1).text("vi")
    assert "vượt quá giới hạn" in over and "KB" in over


@pytest.mark.parametrize(
    "bomb",
    [
        pytest.param((BROKEN / "zip-bomb.docx").read_bytes, id="80-MB-part"),
        pytest.param(packed_docx_bomb, id="packed-1000-times"),
    ],
)
def test_a_zip_bomb_inside_a_docx_is_refused(bomb: Callable[[], bytes]) -> None:
    refused = refusal("bao-cao.docx", bomb())
    assert "không nhận được" in refused.text("vi")
    assert "bao-cao.docx" in refused.text("vi")


def test_too_many_parts_macros_and_foreign_zips_are_refused() -> None:
    assert "1100" in refusal("x.docx", (BROKEN / "too-many-members.docx").read_bytes()).text("vi")
    assert "không phải tệp" in refusal("x.docx", (BROKEN / "open-document.odt").read_bytes()).text(
        "vi"
    )
    assert "không phải tệp" in refusal("x.pdf", (BROKEN / "junk.pdf").read_bytes()).text("vi")


@pytest.mark.parametrize(
    "name", ["../../etc/bao-cao.pdf", "thu-muc/bao-cao.pdf", "C:\\Users\\lan\\bao-cao.pdf", ".."]
)
def test_a_path_in_the_file_name_is_refused(name: str, tmp_path: Path) -> None:
    refused = refusal(name, pdf_bytes(tmp_path))
    assert refused.text("vi").startswith("Chỉ ghi tên tệp")


def test_every_refusal_reads_in_english_too() -> None:
    assert refusal("a.pdf", b"").text("en") == "The file a.pdf is empty."


# --- kept and recorded -------------------------------------------------------------------


@pytest.fixture
def store(app: AppContext, cli: Cli, tmp_path: Path) -> Iterator[AppContext]:
    load(cli, UNITS, write_campaign(tmp_path / "files"))
    assert cli("plan", "--now", "2024-03-01T09:00").exit_code == 0
    yield app


def keep(
    app: AppContext, unit: str, filename: str, data: bytes, note: str = "Gửi kèm báo cáo"
) -> Submission:
    return keep_report(app, QUY_1, unit, filename, data, note=note, now=NOW)


def stored_files(settings: Settings) -> list[Path]:
    return sorted(p for p in settings.effective_reports_dir.rglob("*") if p.is_file())


def count(app: AppContext, table: type) -> int:
    with app.database.session() as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def test_a_report_is_kept_by_its_sha256_and_stops_the_chasing(store: AppContext) -> None:
    data = docx_bytes()
    sha = hashlib.sha256(data).hexdigest()
    keep(store, "so-noi-vu", "Báo cáo quý I.docx", data)
    [path] = stored_files(store.settings)
    assert path.name == sha and path.parent.parent.name == sha[:2]
    assert path.read_bytes() == data
    assert not list(path.parent.glob(".part-*"))  # written whole, then renamed
    with store.database.session() as session:
        row = session.scalar(select(SubmissionFile))
        assert row is not None
        assert (row.sha256, row.filename, row.kind, row.size) == (
            sha,
            "Báo cáo quý I.docx",
            "docx",
            len(data),
        )
        assert (row.submission.state, row.submission.note) == ("received", "Gửi kèm báo cáo")
        assert storage.file_store(store.settings).get(sha) == data
    left = statuses(
        store,
        Reminder.unit_id == unit_id(store, "so-noi-vu"),
        Reminder.occurrence_id == occurrence_id(store, QUY_1),
    )
    assert left and set(left) == {("skipped", "submitted")}


def test_a_second_file_joins_the_standing_submission_and_equal_bytes_are_kept_once(
    store: AppContext, tmp_path: Path
) -> None:
    data = pdf_bytes(tmp_path)
    first = keep(store, "so-noi-vu", "bao-cao.pdf", data)
    again = keep(store, "so-noi-vu", "ban-sao.pdf", data, note="Bản sửa")
    assert first.id == again.id
    assert count(store, SubmissionFile) == 2
    assert len(stored_files(store.settings)) == 1


def test_a_refused_file_leaves_nothing_behind(store: AppContext) -> None:
    with pytest.raises(ReportRefused):
        keep(store, "so-noi-vu", "bao-cao.pdf", executable_bytes())
    with pytest.raises(ReportRefused):
        keep(store, "so-noi-vu", "bao-cao.docx", docx_bytes(), note="x" * 2001)
    with pytest.raises(SubmissionError):  # not one of the deadline's units
        keep(store, "so-y-te", "bao-cao.docx", docx_bytes())
    assert stored_files(store.settings) == []
    assert count(store, Submission) == count(store, SubmissionFile) == 0


def test_the_submission_tables_match_their_models(app: AppContext) -> None:
    """On each engine: what s0001 and uploads0001 make is what `submissions.models` says."""
    with app.database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = [
            diff for diff in compare_metadata(context, all_metadata()) if "submission" in repr(diff)
        ]
    assert differences == []
