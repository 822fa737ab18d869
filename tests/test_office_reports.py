"""The office and the units' reports: each submission on the deadline's page, downloaded
one by one or all as a zip; accepted, or returned with a reason (the unit is told and chased
again); the status table of a deadline and of a campaign as .xlsx, read back with openpyxl.

The clock is 1 February 2024 (`tests.office.NOW`); Vĩnh Phúc's deadline of 15/02/2024 has
46 units. Mail goes to the outbox (the browser test uses a real SMTP server)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
from sqlalchemy import select
from starlette.testclient import TestClient

from scheduler.models import Reminder
from submissions.models import Submission
from tests.conftest import Cli
from tests.office import NOW, csrf_of
from tests.reminders import occurrence_id, statuses, unit_id
from tests.reports import docx_bytes, keep_report, pdf_bytes, xlsx_bytes
from tests.test_office_deadlines import VINH_PHUC, html, outbox_messages, post, text
from thidua.context import AppContext

pytest_plugins = ["tests.office_fixtures"]


def sent_in(office: AppContext, unit: str, filename: str, data: bytes, note: str = "") -> int:
    """A unit's report as its upload page keeps it; the submission's id."""
    return keep_report(office, VINH_PHUC, unit, filename, data, note=note, now=NOW).id


def report_row(client: TestClient, oid: int, code: str) -> str:
    page = html(client.get(f"/deadlines/{oid}"))
    return text(page.xpath(f"//tr[@id='report-{code}']")[0])


def test_the_deadline_page_shows_each_report_and_serves_its_file(
    office: AppContext, signed_in: TestClient, tmp_path: Path
) -> None:
    data = pdf_bytes(tmp_path)
    sent_in(office, "so-y-te", "Báo cáo Sở Y tế.pdf", data, note="Số 12/BC-SYT")
    oid = occurrence_id(office, VINH_PHUC)
    mine = report_row(signed_in, oid, "so-y-te")
    assert "chờ duyệt" in mine and "Báo cáo Sở Y tế.pdf" in mine and "Số 12/BC-SYT" in mine
    assert html(signed_in.get(f"/deadlines/{oid}")).xpath("//tr[@id='report-so-tu-phap']") == []
    page = html(signed_in.get(f"/deadlines/{oid}"))
    [link] = page.xpath("//tr[@id='report-so-y-te']//a[@download]/@href")
    got = signed_in.get(link)
    assert got.status_code == 200 and got.content == data
    assert got.headers["content-type"] == "application/pdf"
    assert got.headers["content-disposition"] == (
        "attachment; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20S%E1%BB%9F%20Y%20t%E1%BA%BF.pdf"
    )
    other = occurrence_id(office, "ha-giang-2023/bao-cao-so-ket")
    assert (
        signed_in.get(link.replace(f"/deadlines/{oid}/", f"/deadlines/{other}/")).status_code == 404
    )


def test_returning_tells_the_unit_and_chases_it_again_accepting_ends_it(
    office: AppContext, signed_in: TestClient, cli: Cli
) -> None:
    assert cli("plan", "--now", "2024-02-01T09:00").exit_code == 0
    first = sent_in(office, "so-y-te", "bao-cao.docx", docx_bytes())
    oid = occurrence_id(office, VINH_PHUC)
    mine = (Reminder.unit_id == unit_id(office, "so-y-te"), Reminder.occurrence_id == oid)
    assert statuses(office, *mine)[("skipped", "submitted")] > 0
    assert ("pending", None) not in statuses(office, *mine)

    post(signed_in, f"/deadlines/{oid}/reports/{first}", {"action": "return", "reason": ""})
    assert "chờ duyệt" in report_row(signed_in, oid, "so-y-te")  # no reason: refused
    assert "lý do" in signed_in.get(f"/deadlines/{oid}").text.lower()

    reason = "Thiếu số liệu quý IV, đề nghị bổ sung"
    post(signed_in, f"/deadlines/{oid}/reports/{first}", {"action": "return", "reason": reason})
    assert "trả lại" in report_row(signed_in, oid, "so-y-te") and reason in report_row(
        signed_in, oid, "so-y-te"
    )
    assert ("pending", None) in statuses(office, *mine)  # chased again
    [told] = outbox_messages(office)
    assert told["Subject"].startswith("[Trả lại] ")
    body = told.get_body(("plain",)).get_content()
    assert reason in body and "/submit/" in body

    again = sent_in(office, "so-y-te", "bao-cao-bo-sung.docx", docx_bytes("Bản bổ sung"))
    assert again != first
    post(signed_in, f"/deadlines/{oid}/reports/{again}", {"action": "accept"})
    assert "đã duyệt" in report_row(signed_in, oid, "so-y-te")
    assert ("pending", None) not in statuses(office, *mine)
    assert outbox_messages(office)[-1]["Subject"].startswith("[Đã duyệt] ")
    with office.database.session() as session:
        accepted = session.get(Submission, again)
        assert accepted is not None and accepted.reviewed_by == "Nguyễn Thị Lan"


def test_all_reports_of_a_deadline_download_as_one_zip(
    office: AppContext, signed_in: TestClient, tmp_path: Path
) -> None:
    pdf, word = pdf_bytes(tmp_path), docx_bytes()
    sent_in(office, "so-y-te", "bao-cao.pdf", pdf)
    sent_in(office, "so-y-te", "bao-cao.pdf", word)  # a second file of the same name
    returned = sent_in(office, "so-tu-phap", "cu.docx", docx_bytes("Bản cũ"))
    oid = occurrence_id(office, VINH_PHUC)
    post(
        signed_in, f"/deadlines/{oid}/reports/{returned}", {"action": "return", "reason": "Sai mẫu"}
    )
    got = signed_in.get(f"/deadlines/{oid}/reports.zip")
    assert got.status_code == 200 and got.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(got.content)) as archive:
        assert archive.namelist() == ["so-y-te/bao-cao.pdf", "so-y-te/bao-cao.docx"]
        assert archive.read("so-y-te/bao-cao.pdf") == pdf
        assert archive.read("so-y-te/bao-cao.docx") == word


def rows_of(content: bytes) -> list[tuple[object, ...]]:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def test_the_status_tables_export_to_xlsx(office: AppContext, signed_in: TestClient) -> None:
    first = sent_in(office, "so-y-te", "tong-hop.xlsx", xlsx_bytes(), note="=HYPERLINK(1)")
    oid = occurrence_id(office, VINH_PHUC)
    post(signed_in, f"/deadlines/{oid}/reports/{first}", {"action": "accept"})
    got = signed_in.get(f"/deadlines/{oid}/status.xlsx")
    assert got.status_code == 200 and got.headers["content-disposition"].endswith(".xlsx")
    _title, header, *rows = rows_of(got.content)
    assert header[:5] == ("Hạn báo cáo", "Hạn cuối", "Mã đơn vị", "Đơn vị", "Trạng thái")
    by_unit = {row[2]: row for row in rows}
    assert len(by_unit) == 46
    assert by_unit["so-y-te"][4:8] == (
        "đã duyệt",
        by_unit["so-y-te"][5],
        "tong-hop.xlsx",
        "=HYPERLINK(1)",
    )
    assert by_unit["so-y-te"][9] == "Nguyễn Thị Lan"
    assert by_unit["so-tu-phap"][4] == "chưa gửi"

    campaign = signed_in.get("/campaigns/vinh-phuc-2024/status.xlsx")
    assert campaign.status_code == 200
    title, _header, *all_rows = rows_of(campaign.content)
    assert str(title[0]).startswith("Phong trào thi đua thực hiện thắng lợi")
    assert all_rows == rows  # its one deadline
    several = signed_in.get("/campaigns/ha-giang-2023/status.xlsx")
    _title, _header, *late_rows = rows_of(several.content)
    assert len({row[0] for row in late_rows}) > 1  # every deadline of the campaign
    assert {row[4] for row in late_rows} == {"chưa gửi"}
    with office.database.session() as session:
        assert session.scalar(select(Submission.state).where(Submission.id == first)) == "accepted"


def test_judging_needs_the_office_s_token(office: AppContext, signed_in: TestClient) -> None:
    first = sent_in(office, "so-y-te", "bao-cao.docx", docx_bytes())
    oid = occurrence_id(office, VINH_PHUC)
    refused = signed_in.post(f"/deadlines/{oid}/reports/{first}", data={"action": "accept"})
    assert refused.status_code == 403
    token = csrf_of(signed_in.get("/").text)
    assert token and "chờ duyệt" in report_row(signed_in, oid, "so-y-te")
