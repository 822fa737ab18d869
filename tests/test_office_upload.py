"""Loading files from the campaigns page: checked with the CLI's reading and messages,
shown for review with what loading would change, loaded in one transaction on
confirmation, or refused with nothing stored. And the directive form's problems (its
review page: `test_office_draft_review`).
"""

from __future__ import annotations

import dataclasses
import io
import re
import tempfile
from pathlib import Path
from typing import Any

import docx
import lxml.html
import pytest
from sqlalchemy import func, select
from starlette.testclient import TestClient

from calendars import models as m
from calendars import timeline
from config.settings import Settings
from tests.conftest import EXAMPLES, ROOT
from tests.documents import text_pdf
from tests.office import NOW, csrf_of, seed, sign_in
from thidua import bundles
from thidua.context import AppContext
from thidua.web import create_app
from translations import gettext

pytest_plugins = ["tests.office_fixtures"]

BROKEN = ROOT / "tests" / "data" / "broken"
TAM_NONG = EXAMPLES / "002-tam-nong-2024.yaml"
WINDOWS_1258 = b"K\xea\xec ho\xf2ach"  # "Kế hoạch" as an old Windows editor saved it
SEED_TEXT = EXAMPLES / "texts" / "002_a25be4fb0705ebd4.txt"


def new_campaign_text(code: str = "tam-nong-2025", title: str | None = None) -> str:
    """The Tam Nông example as another campaign (a new code), optionally retitled."""
    text = TAM_NONG.read_text(encoding="utf-8").replace("code: tam-nong-2024", f"code: {code}")
    if title is not None:
        text = re.sub(r"(?m)^  title: .*$", f"  title: {title!r}", text, count=1)
    return text


def upload(client: TestClient, *files: tuple[str, bytes], path: str = "/campaigns/check") -> Any:
    token = csrf_of(client.get("/campaigns").text)
    return client.post(
        path,
        data={"csrf_token": token},
        files=[("files", (name, data, "application/yaml")) for name, data in files],
    )


def review_form(response: Any) -> dict[str, Any]:
    """The review page's form as the browser would send it back."""
    page = lxml.html.fromstring(response.text)
    form = page.xpath("//form[@action='/campaigns/load']")[0]
    return {
        "csrf_token": form.xpath(".//input[@name='csrf_token']/@value")[0],
        "name": form.xpath(".//input[@name='name']/@value"),
        "content": [t.text or "" for t in form.xpath(".//textarea[@name='content']")],
    }


def campaign_count(context: AppContext) -> int:
    with context.database.session() as session:
        return session.scalar(select(func.count()).select_from(m.Campaign)) or 0


def text(response: Any) -> str:
    return " ".join(lxml.html.fromstring(response.text).text_content().split())


def test_upload_review_then_load(office: AppContext, signed_in: TestClient) -> None:
    content = new_campaign_text()
    response = upload(signed_in, ("tam-nong-2025.yaml", content.encode()))
    assert response.status_code == 200
    page = lxml.html.fromstring(response.text)
    assert "Có thể nạp các tệp này." in text(response)
    assert "1 tệp: 0 lỗi, 0 cảnh báo." in text(response)
    changes = {
        " ".join(row.xpath("th")[0].text_content().split()): [
            int(td.text) for td in row.xpath("td")
        ]
        for row in page.xpath("//section[@aria-labelledby='changes-title']//tbody/tr")
    }
    bundle = bundles.check_uploads(office, [("x.yaml", content.encode())])
    expected = timeline.expand(bundle.campaigns[0].model, office.calendar, "thidua.local")
    assert changes["phong trào"] == [1, 0, 0, 0]
    assert changes["mốc thời gian"][0] == len(expected)
    events = page.xpath("//details//li[contains(@class, 'entry')]")
    assert len(events) == len(expected)
    assert campaign_count(office) == 5, "a review stores nothing"

    response = signed_in.post("/campaigns/load", data=review_form(response))
    assert response.status_code == 303
    assert response.headers["location"] == "/campaigns/tam-nong-2025"
    assert campaign_count(office) == 6
    page_text = text(signed_in.get("/campaigns/tam-nong-2025"))
    assert "Đã nạp tam-nong-2025.yaml: phong trào: 1 mới, 0 thay đổi, 0 loại bỏ" in page_text
    with office.database.session() as session:
        stored = session.scalar(select(m.Campaign).where(m.Campaign.code == "tam-nong-2025"))
        assert stored is not None and stored.source_file == "tam-nong-2025.yaml"

    again = upload(signed_in, ("tam-nong-2025.yaml", content.encode()))
    assert "Không có gì thay đổi" in text(again)


def test_the_review_page_can_be_corrected_and_checked_again(
    office: AppContext, signed_in: TestClient
) -> None:
    broken = new_campaign_text().replace("end: 31/12/2024}", "end: 31/13/2024}")
    response = upload(signed_in, ("sua.yaml", broken.encode()))
    wrong = gettext(  # the page's language, Vietnamese by default
        "%(text)s is not a date: there is no month %(month)d", "vi", text="31/13/2024", month=13
    )
    assert f"sua.yaml:14: campaign.period.end: {wrong}" in text(response)
    assert "Chưa thể lưu cho đến khi sửa hết lỗi." in text(response)
    assert "Nạp vào lịch" not in text(response)
    form = review_form(response)
    assert form["content"] == [broken]  # the text comes back as it was, to be edited
    form["content"] = [form["content"][0].replace("31/13/2024", "31/12/2024")]
    response = signed_in.post("/campaigns/check", data=form)
    assert "Có thể nạp các tệp này." in text(response)


def test_issues_are_the_cli_messages(office: AppContext, signed_in: TestClient) -> None:
    """Every file of the broken corpus, uploaded: the same issues `thidua check` prints
    (naming the uploaded file instead of its path), and nothing can be loaded."""
    files = sorted(BROKEN.glob("*.yaml"))
    assert len(files) >= 40
    for path in files:
        expected = bundles.check_files(office, [path], use_store=True)
        assert expected.errors, path
        wanted = [
            str(
                dataclasses.replace(
                    i, file=path.name, message=i.message.replace(str(path), path.name)
                )
            )
            for i in expected.issues
        ]
        response = upload(signed_in, (path.name, path.read_bytes()))
        assert response.status_code == 200
        page = lxml.html.fromstring(response.text)
        shown = [" ".join(li.text_content().split()) for li in page.xpath("//li[@class]")]
        shown = [s for s in shown if s.startswith(path.name)]
        assert shown == [" ".join(w.split()) for w in wanted], path
        assert not page.xpath("//button[text()='Nạp vào lịch']"), path
    assert campaign_count(office) == 5


def test_load_checks_again_and_stores_nothing_on_errors(
    office: AppContext, signed_in: TestClient
) -> None:
    token = csrf_of(signed_in.get("/campaigns").text)
    good = new_campaign_text()
    bad = (BROKEN / "unknown-unit.yaml").read_text(encoding="utf-8")
    response = signed_in.post(
        "/campaigns/load",
        data={"csrf_token": token, "name": ["a.yaml", "b.yaml"], "content": [good, bad]},
    )
    assert response.status_code == 422
    unknown = gettext("unknown unit or group %(code)s", "vi", code="")  # the page's language
    assert "b.yaml:" in text(response) and unknown.strip() in text(response)
    assert campaign_count(office) == 5  # not even the good file: one transaction


def test_a_units_file_that_drops_units_says_so(office: AppContext, signed_in: TestClient) -> None:
    units = (EXAMPLES / "units.yaml").read_text(encoding="utf-8")
    shorter = re.sub(r"(?ms)^  - code: thanh-tra-tinh\n.*?(?=^  - code: )", "", units, count=1)
    assert shorter != units
    response = upload(signed_in, ("units.yaml", shorter.encode()))
    if "Có thể nạp" not in text(response):  # the group lists must not name it either
        shorter = shorter.replace("thanh-tra-tinh, ", "").replace(", thanh-tra-tinh", "")
        response = upload(signed_in, ("units.yaml", shorter.encode()))
    assert "Có thể nạp" in text(response), text(response)
    assert "vẫn hoạt động, trừ khi bạn đánh dấu" in text(response)
    assert "thanh-tra-tinh" in text(response)
    token = csrf_of(signed_in.get("/campaigns").text)
    kept = signed_in.post(
        "/campaigns/load",
        data={"csrf_token": token, "name": ["units.yaml"], "content": [shorter]},
    )
    assert kept.status_code == 303
    assert _active(office, "thanh-tra-tinh")
    pruned = signed_in.post(
        "/campaigns/load",
        data={"csrf_token": token, "name": ["units.yaml"], "content": [shorter], "prune": "1"},
    )
    assert pruned.status_code == 303
    assert not _active(office, "thanh-tra-tinh")


def _active(office: AppContext, code: str) -> bool:
    with office.database.session() as session:
        return bool(session.scalar(select(m.Unit.active).where(m.Unit.code == code)))


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([("ke-hoach.txt", b"campaign: {}")], "ke-hoach.txt: hãy tải lên tệp phong trào"),
        ([("a.yaml", b"x: 1"), ("a.yaml", b"y: 2")], "a.yaml: có hai tệp trùng tên."),
        ([("lon.yaml", b"#" * (2 * 1024 * 1024 + 1))], "lon.yaml: tệp lớn hơn 2 MB."),
        ([("../../etc/passwd.yaml", b"x: 1")], "passwd.yaml:"),
    ],
)
def test_upload_problems_are_named(
    signed_in: TestClient, files: list[tuple[str, bytes]], message: str
) -> None:
    response = upload(signed_in, *files)
    assert message in text(response)
    assert "Nạp vào lịch" not in text(response)


def test_an_empty_upload(signed_in: TestClient) -> None:
    token = csrf_of(signed_in.get("/campaigns").text)
    response = signed_in.post("/campaigns/check", data={"csrf_token": token})
    assert "Hãy chọn ít nhất một tệp phong trào hoặc tệp đơn vị." in text(response)


def test_uploaded_text_is_escaped(office: AppContext, signed_in: TestClient) -> None:
    attack = "<script>alert('x')</script>"
    content = new_campaign_text(code="xss-2024", title=f"Phong trào {attack}")
    content += "\n# </textarea><script>alert(1)</script>\n"
    response = upload(signed_in, ("xss.yaml", content.encode()))
    assert "<script>alert" not in response.text
    assert "&lt;/textarea&gt;&lt;script&gt;" in response.text
    assert signed_in.post("/campaigns/load", data=review_form(response)).status_code == 303
    page = signed_in.get("/campaigns/xss-2024")
    assert "<script>alert" not in page.text
    assert "Phong trào &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page.text
    assert "<script>alert" not in signed_in.get("/").text


# --- the directive form ----------------------------------------------------------------


def post_directive(client: TestClient, *, text_value: str = "", file: Any = None) -> Any:
    token = csrf_of(client.get("/campaigns").text)
    return client.post(
        "/campaigns/import",
        data={"csrf_token": token, "text": text_value},
        files={"document": file} if file else None,
    )


def test_a_word_document_is_read(signed_in: TestClient) -> None:
    document = docx.Document()
    for paragraph in SEED_TEXT.read_text(encoding="utf-8").split("\n"):
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    response = post_directive(
        signed_in, file=("ke-hoach.docx", buffer.getvalue(), "application/octet-stream")
    )
    assert response.status_code == 200, text(response)
    assert "Đọc từ ke-hoach.docx." in text(response)
    assert "Đợt thi đua thứ nhất" in text(response)


def test_a_pdf_of_a_plan_is_read(signed_in: TestClient, tmp_path: Path) -> None:
    pdf = tmp_path / "ke-hoach.pdf"
    text_pdf(SEED_TEXT.read_text(encoding="utf-8"), pdf)
    response = post_directive(signed_in, file=("ke-hoach.pdf", pdf.read_bytes(), "application/pdf"))
    assert response.status_code == 200, text(response)
    assert "Đọc từ ke-hoach.pdf." in text(response)
    assert "Đợt thi đua thứ nhất" in text(response)


def test_directive_form_problems(signed_in: TestClient) -> None:
    response = post_directive(signed_in)
    assert response.status_code == 400 and "Hãy dán nội dung hoặc chọn tệp." in text(response)
    response = post_directive(signed_in, file=("ke-hoach.odt", b"PK\x03\x04", "text/plain"))
    assert response.status_code == 400
    assert "ke-hoach.odt: hãy chọn tệp .txt, .docx hoặc .pdf." in text(response)
    response = post_directive(
        signed_in,
        file=("latin.txt", WINDOWS_1258, "text/plain"),
    )
    assert response.status_code == 400
    assert "latin.txt:1: không phải văn bản UTF-8" in text(response)
    assert "thidua-directive-" not in response.text
    response = post_directive(signed_in, file=("trong.txt", b"  \n", "text/plain"))
    empty = gettext("%(name)s: the document has no text", "vi", name="trong.txt")
    assert response.status_code == 400 and empty in text(response)
    pasted = "Kế hoạch không có ngày nào"
    response = post_directive(
        signed_in, text_value=pasted, file=("x.pdf", b"%PDF", "application/pdf")
    )
    page = lxml.html.fromstring(response.text)
    assert page.xpath("//textarea[@name='text']")[0].text == pasted  # kept for another try


# --- on both engines -------------------------------------------------------------------


def test_loading_from_the_page_on_each_engine(settings: Settings) -> None:
    """The same load on SQLite and on PostgreSQL: stored, then unchanged when repeated."""
    context = AppContext(settings=settings, now_override=NOW)
    try:
        seed(context, examples=False)
        with TestClient(create_app(context), follow_redirects=False) as client:
            sign_in(client)
            files = [(p.name, p.read_bytes()) for p in sorted(EXAMPLES.glob("*.yaml"))]
            response = upload(client, *files)
            assert "6 tệp: 0 lỗi" in text(response), text(response)
            assert client.post("/campaigns/load", data=review_form(response)).status_code == 303
            assert campaign_count(context) == 5
            flash = text(client.get("/campaigns"))
            assert "Đã nạp 000-vinh-phuc-2024.yaml" in flash and "đơn vị: 60 mới" in flash
            response = upload(client, *files)
            assert "Không có gì thay đổi" in text(response)
    finally:
        context.close()


def test_store_paths_in_issues_never_leak(office: AppContext, signed_in: TestClient) -> None:
    """The temporary folder the upload is checked in is named nowhere on the page."""
    response = upload(signed_in, ("x.yaml", b"campaign: [\n"))
    assert "thidua-upload-" not in response.text
    assert tempfile.gettempdir() not in response.text
    assert "x.yaml:" in text(response)
    units = (BROKEN / "units-group-code-is-a-unit.yaml").read_bytes()
    response = upload(signed_in, ("units.yaml", units))
    named = {"code": "'so-y-te'", "file": "units.yaml"}  # the upload's name, not the path
    assert gettext("code %(code)s is already a unit (in %(file)s)", "vi", **named) in text(response)
    assert "thidua-upload-" not in response.text


def test_path_is_a_plain_file_name() -> None:
    with pytest.raises(ValueError, match="plain file name"):
        bundles.check_uploads(None, [("../x.yaml", b"")])  # type: ignore[arg-type]


def test_a_file_s_issues_are_in_the_page_s_language(
    office: AppContext, signed_in: TestClient
) -> None:
    """The same upload reads in Vietnamese, then in English once the page is switched: the
    file, the line and the field, and the catalog's words for what is wrong."""
    path = BROKEN / "impossible-date-31-02.yaml"

    def wrong(language: str) -> str:
        month = gettext("February", language)
        why = gettext(
            "%(text)s is not a date: %(month)s %(year)d has %(last)d days",
            language,
            text="31/02/2024",
            month=month,
            year=2024,
            last=29,
        )
        return f"{path.name}:13: deadlines[0].due.date: {why}"

    assert wrong("vi") in text(upload(signed_in, (path.name, path.read_bytes())))
    token = csrf_of(signed_in.get("/campaigns").text)
    signed_in.post("/language", data={"lang": "en", "next": "/", "csrf_token": token})
    assert wrong("en") in text(upload(signed_in, (path.name, path.read_bytes())))
