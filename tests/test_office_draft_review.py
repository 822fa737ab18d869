"""The draft review: a directive becomes a form, not YAML — the header's fields, then each
proposed event beside its source sentence (dated words marked) and its review notes, each
accepted or dropped. Saving stores the same campaign as ``thidua import-text`` then
``thidua load`` would, less the dropped rows; nothing is stored while an error remains."""

from __future__ import annotations

from typing import Any

import lxml.html
from sqlalchemy import select
from starlette.testclient import TestClient

from calendars import models as m
from config.yamlfile import parse_yaml
from tests.conftest import EXAMPLES, Cli
from tests.forms import PageForm
from tests.office import csrf_of
from thidua.context import AppContext
from thidua.web.office import highlight, importing
from thidua.web.office.campaign_form import SECTIONS

pytest_plugins = ["tests.office_fixtures"]

SEED_TEXT = EXAMPLES / "texts" / "002_a25be4fb0705ebd4.txt"  # the Tam Nông plan of 2024
SAVE = "/campaigns/draft/save"


def text(response: Any) -> str:
    return " ".join(lxml.html.fromstring(response.text).text_content().split())


def read(client: TestClient, *, pasted: str = "", file: Any = None) -> Any:
    token = csrf_of(client.get("/campaigns").text)
    return client.post(
        "/campaigns/import",
        data={"csrf_token": token, "text": pasted},
        files={"document": file} if file else None,
    )


def rows(response: Any) -> list[Any]:
    return lxml.html.fromstring(response.text).xpath("//fieldset[contains(@class, 'event-row')]")


def test_a_directive_becomes_a_form_with_its_sentences(
    office: AppContext, signed_in: TestClient
) -> None:
    pasted = SEED_TEXT.read_text(encoding="utf-8")
    response = read(signed_in, pasted=pasted)
    assert response.status_code == 200
    assert "Rà soát bản nháp" in text(response)
    assert "code:" not in text(response) and "<textarea" not in response.text  # no YAML
    draft = importing.draft_from_directive(office, "van-ban.txt", pasted.encode())
    shown = rows(response)
    assert len(shown) == sum(len(draft.document.get(s) or []) for s in SECTIONS) > 10
    # Each row quotes its sentence with the dated words marked, and its notes beside it.
    deadline = next(r for r in shown if "kind-deadline" in r.get("class"))
    quote = deadline.xpath(".//blockquote[@class='source']")[0]
    marked = quote.xpath(".//mark/text()")
    assert marked and all(part in quote.text_content() for part in marked)
    assert all(any(c.isdigit() for c in part) or " " in part for part in marked)
    notes = [n for r in shown for n in r.xpath(".//ul[@class='notes']/li/text()")]
    assert len(notes) == sum(len(s.notes) for s in draft.sources.values())
    # The units responsible are picked from the stored groups and units.
    picker = deadline.xpath(".//select[@multiple]")[0]
    assert picker.xpath(".//optgroup/option[@value='ubnd-huyen']")
    assert picker.xpath(".//option[@selected]")


def test_the_form_holds_the_draft_the_cli_writes(
    office: AppContext, signed_in: TestClient, cli: Cli
) -> None:
    """Read back unchanged, the form is the campaign file ``thidua import-text`` writes."""
    expected = cli("import-text", str(SEED_TEXT))
    assert expected.exit_code == 0, expected.stderr
    response = read(signed_in, file=(SEED_TEXT.name, SEED_TEXT.read_bytes(), "text/plain"))
    form = PageForm(response.text, SAVE)
    checked = form.post(signed_in, SAVE, action="check")
    assert "Đã có một phong trào mang mã này" in text(checked)  # the example is stored
    written = parse_yaml(expected.stdout).data
    again = PageForm(checked.text, SAVE)
    assert again.get("campaign.code") == written["campaign"]["code"]
    assert len(rows(checked)) == sum(len(written.get(s) or []) for s in SECTIONS)


def test_a_reviewed_draft_is_saved_less_the_dropped_rows(
    office: AppContext, signed_in: TestClient
) -> None:
    response = read(signed_in, pasted=SEED_TEXT.read_text(encoding="utf-8"))
    form = PageForm(response.text, SAVE)
    form.set("campaign.code", "tam-nong-2024-ban-nhap")
    proposed = [n.split(".")[0] for n, _v in form.fields if n.endswith(".section")]
    form.set(f"{proposed[0]}.keep")  # unticked: dropped
    saved = form.post(signed_in, SAVE, action="save")
    assert saved.status_code == 303, text(saved)
    assert saved.headers["location"] == "/campaigns/tam-nong-2024-ban-nhap"
    with office.database.session() as session:
        campaign = session.scalar(
            select(m.Campaign).where(m.Campaign.code == "tam-nong-2024-ban-nhap")
        )
        assert campaign is not None
        stored = sum(len(campaign.spec.get(s) or []) for s in SECTIONS)
    assert stored == len(proposed) - 1


def test_nothing_is_stored_while_an_error_remains(
    office: AppContext, signed_in: TestClient
) -> None:
    response = read(signed_in, pasted=SEED_TEXT.read_text(encoding="utf-8"))
    form = PageForm(response.text, SAVE).set("campaign.code", "mã có dấu")
    saved = form.post(signed_in, SAVE, action="save")
    assert saved.status_code == 422
    field = lxml.html.fromstring(saved.text).xpath("//input[@name='campaign.code']/..")[0]
    assert "không phải là mã hợp lệ" in field.text_content()
    with office.database.session() as session:
        assert session.scalar(select(m.Campaign).where(m.Campaign.code == "mã có dấu")) is None


def test_dated_words_are_marked() -> None:
    sentence = (
        "Các đơn vị gửi báo cáo trước ngày 15/6/2024 (số 15/KH-UBND), tổng kết trong tháng 12/2024."
    )
    marked = [part for part, dated in highlight.parts(sentence) if dated]
    assert marked == ["ngày 15/6/2024", "tháng 12/2024"]
    assert "".join(part for part, _dated in highlight.parts(sentence)) == sentence
