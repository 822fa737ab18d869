"""The unit's upload page behind a reminder's signed link: a report goes in, a receipt goes
out through a real SMTP server, and bad uploads are refused in Vietnamese with nothing
stored (no row, no file, no mail)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from scheduler.models import Reminder
from submissions import links
from submissions.models import Submission, SubmissionFile
from tests.conftest import Cli, make_settings
from tests.office import csrf_of
from tests.reminders import UNITS, load, occurrence_id, request, statuses, unit_id, write_campaign
from tests.reports import BROKEN, docx_bytes, executable_bytes, pdf_bytes
from tests.smtp import SmtpServer
from thidua.context import AppContext, parse_now

QUY_1 = "thu-nghiem-2024/bao-cao-quy-1"
LIMIT = 100_000


@pytest.fixture
def unit_page(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    sqlite_url: str,
    smtp_server: SmtpServer,
    cli: Cli,
) -> Iterator[AppContext]:
    settings = make_settings(
        monkeypatch,
        tmp_path / "var",
        sqlite_url,
        **smtp_server.settings_values(),
        upload_max_bytes=LIMIT,
    )
    load(cli, UNITS, write_campaign(tmp_path / "files"))
    assert cli("plan", "--now", "2024-03-01T09:00").exit_code == 0
    context = AppContext(settings=settings, now_override=parse_now("2024-03-12T10:00", settings))
    yield context
    context.close()


def link_path(context: AppContext, unit: str = "so-tai-chinh") -> str:
    url = links.submit_url(
        context.settings,
        context.settings.effective_secret_key(),
        f"{QUY_1}@thidua.local",
        unit,
        date(2024, 3, 14),
    )
    return url.split("8000", 1)[1]


def upload(
    context: AppContext, filename: str, data: bytes, note: str = "", *, token: str | None = None
) -> tuple[int, str]:
    """Post the page's upload form as a browser does; (status, the page in the end)."""
    path = link_path(context)
    page = request(context, "GET", path)
    form = {"csrf_token": csrf_of(page.text) if token is None else token, "action": "upload"}
    answer = request(
        context,
        "POST",
        path,
        data={**form, "note": note},
        files={"report": (filename, data, "application/octet-stream")},
        follow_redirects=True,
    )
    return answer.status_code, answer.text


def stored(context: AppContext) -> tuple[int, int, int]:
    """(submissions, file rows, files on disk)."""
    with context.database.session() as session:
        rows = session.scalar(select(func.count()).select_from(Submission)) or 0
        files = session.scalar(select(func.count()).select_from(SubmissionFile)) or 0
    folder = context.settings.effective_reports_dir
    on_disk = sum(1 for p in folder.rglob("*") if p.is_file()) if folder.exists() else 0
    return rows, files, on_disk


def test_a_unit_uploads_its_report_and_gets_a_receipt(
    unit_page: AppContext, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    page = request(unit_page, "GET", link_path(unit_page))
    assert "Chưa gửi" in page.text and 'enctype="multipart/form-data"' in page.text
    status, text = upload(unit_page, "Báo cáo quý I.pdf", pdf_bytes(tmp_path), "Gửi bản ký số")
    assert status == 200
    assert "Đã ghi nhận báo cáo – chờ duyệt" in text and "Báo cáo quý I.pdf" in text
    assert stored(unit_page) == (1, 1, 1)
    mine = (
        Reminder.unit_id == unit_id(unit_page, "so-tai-chinh"),
        Reminder.occurrence_id == occurrence_id(unit_page, QUY_1),
    )
    assert set(statuses(unit_page, *mine)) == {("skipped", "submitted")}
    [receipt] = smtp_server.messages
    assert receipt.rcpt_to == ("vanthu@stc.phutho.example",)
    assert receipt.message["Subject"] == "[Đã nhận] Báo cáo thi đua quý I năm 2024"
    body = receipt.message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "đã nhận báo cáo của Sở Tài chính lúc 10:00" in body
    assert re.search(r"Tệp báo cáo: +Báo cáo quý I\.pdf", body) and "Gửi bản ký số" in body
    assert link_path(unit_page) in body  # where to send a corrected file


def test_the_form_needs_its_token(unit_page: AppContext, smtp_server: SmtpServer) -> None:
    status, text = upload(unit_page, "bao-cao.docx", docx_bytes(), token="forged")
    assert status == 403 and "Biểu mẫu đã hết hạn" in text
    assert stored(unit_page) == (0, 0, 0) and smtp_server.messages == []


BAD_UPLOADS: dict[str, tuple[Callable[[], tuple[str, bytes]], str]] = {
    "executable renamed .pdf": (
        lambda: ("bao-cao.pdf", executable_bytes()[: LIMIT - 1000]),
        "bao-cao.pdf không phải tệp PDF, Word hay Excel",
    ),
    "over the limit": (
        lambda: ("bao-cao.docx", docx_bytes() + b"\0" * LIMIT),
        "vượt quá giới hạn 97.7 KB",
    ),
    "far over the limit": (
        lambda: ("bao-cao.docx", b"\0" * (LIMIT * 3)),
        "Tệp vượt quá giới hạn 97.7 KB",
    ),
    "empty": (lambda: ("bao-cao.pdf", b""), "Tệp bao-cao.pdf rỗng"),
    "zip bomb inside a .docx": (
        lambda: ("bao-cao.docx", (BROKEN / "zip-bomb.docx").read_bytes()),
        "Tệp bao-cao.docx không nhận được",
    ),
    "path in the file name": (
        lambda: ("../../etc/bao-cao.docx", docx_bytes()),
        "Chỉ ghi tên tệp, không kèm thư mục",
    ),
}


@pytest.mark.parametrize("case", list(BAD_UPLOADS))
def test_a_bad_upload_is_refused_in_vietnamese_and_nothing_is_stored(
    unit_page: AppContext, smtp_server: SmtpServer, case: str
) -> None:
    make, message = BAD_UPLOADS[case]
    filename, data = make()
    status, text = upload(unit_page, filename, data)
    assert status in (413, 422)
    assert "Báo cáo chưa được nhận." in text and message in text
    assert stored(unit_page) == (0, 0, 0) and smtp_server.messages == []
    assert "Chưa gửi" in text  # the page as it was, ready for another try


def test_the_page_reads_in_english_too(unit_page: AppContext) -> None:
    english = AppContext(
        settings=unit_page.settings.model_copy(update={"language": "en"}),
        now_override=unit_page.now_override,
    )
    try:
        page = request(english, "GET", link_path(english))
        assert page.status_code == 200 and '<html lang="en">' in page.text
        for words in ("Send the report", "Not sent yet", "Report file (PDF, Word or Excel"):
            assert words in page.text
        refused = request(english, "POST", link_path(english), data={"action": "upload"})
        assert refused.status_code == 403
        assert "This form has expired: open the link from the e-mail again." in refused.text
    finally:
        english.close()
