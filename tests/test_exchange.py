"""YAML stays the exchange format: a stored campaign, and the units and groups, export to
the files ``thidua load`` reads, and loading the export changes nothing — for the example
files, and for a campaign edited in the browser's path. The office's download is the same
text as ``thidua export-yaml``."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from sqlalchemy import func, select
from starlette.testclient import TestClient

from calendars import models as m
from config.settings import Settings
from tests.conftest import EXAMPLES, Cli
from tests.office import NOW, seed, sign_in
from thidua import exchange
from thidua.context import AppContext
from thidua.editing import save_campaign
from thidua.history import Author
from thidua.models import Change
from thidua.web import create_app

CAMPAIGNS = ("vinh-phuc-2024", "hung-yen-2024", "tam-nong-2024", "lai-chau-2024", "ha-giang-2023")


@pytest.fixture
def loaded(settings: Settings, cli: Cli) -> Cli:
    result = cli("load", *sorted(EXAMPLES.glob("*.yaml")))
    assert result.exit_code == 0, result.output
    return cli


def versions(settings: Settings) -> tuple[int, int]:
    """The calendar's version and how many events there are: a load that changes nothing
    moves neither."""
    context = AppContext(settings=settings)
    try:
        with context.database.session() as session:
            version = session.scalar(select(m.State.value).where(m.State.key == "calendar_version"))
            count = session.scalar(select(func.count()).select_from(m.Event))
            return int(version or 0), int(count or 0)
    finally:
        context.close()


@pytest.mark.parametrize("code", CAMPAIGNS)
def test_an_exported_campaign_loads_back_unchanged(
    loaded: Cli, settings: Settings, tmp_path: Path, code: str
) -> None:
    target = tmp_path / f"{code}.yaml"
    result = loaded("export-yaml", "--campaign", code, "-o", str(target))
    assert result.exit_code == 0, result.output
    assert f"code: {code}" in target.read_text(encoding="utf-8")
    before = versions(settings)
    again = loaded("load", str(target))
    assert again.exit_code == 0, again.output
    assert "không có gì thay đổi" in again.output
    assert versions(settings) == before


def test_the_exported_units_load_back_unchanged(
    loaded: Cli, settings: Settings, tmp_path: Path
) -> None:
    target = tmp_path / "units.yaml"
    assert loaded("export-yaml", "--units", "-o", str(target)).exit_code == 0
    before = versions(settings)
    again = loaded("load", str(target))
    assert again.exit_code == 0 and "không có gì thay đổi" in again.output, again.output
    assert versions(settings) == before


def test_export_names_bad_input(loaded: Cli) -> None:
    assert loaded("export-yaml").exit_code == 2
    missing = loaded("export-yaml", "--campaign", "khong-co")
    assert missing.exit_code == 2 and "khong-co" in missing.output


def test_a_campaign_edited_in_the_browser_exports_to_what_was_stored(
    loaded: Cli, settings: Settings, tmp_path: Path
) -> None:
    context = AppContext(settings=settings)
    try:
        with context.database.session() as session:
            campaign = exchange.find_campaign(session, "ha-giang-2023")
            assert campaign is not None
            document = copy.deepcopy(exchange.campaign_document(campaign))
        document["campaign"]["title"] += " (sửa)"
        document["deadlines"][0]["wording"] = "chậm nhất ngày 30/6/2023"
        document["deadlines"][0]["due"] = {"rule": "by", "date": "2023-06-30"}
        saved = save_campaign(context, document, Author("Nguyễn Thị Lan", None), new=False)
        assert saved.stored and not saved.errors, saved.issues
        with context.database.session() as session:
            assert session.scalar(select(func.count()).select_from(Change)) == 1
    finally:
        context.close()
    target = tmp_path / "ha-giang-2023.yaml"
    assert loaded("export-yaml", "--campaign", "ha-giang-2023", "-o", str(target)).exit_code == 0
    exported = target.read_text(encoding="utf-8")
    assert "(sửa)" in exported and "chậm nhất ngày 30/6/2023" in exported
    before = versions(settings)
    again = loaded("load", str(target))
    assert "không có gì thay đổi" in again.output, again.output
    assert versions(settings) == before


def test_the_pages_download_is_the_cli_export(loaded: Cli, settings: Settings) -> None:
    context = AppContext(settings=settings, now_override=NOW)
    seed(context, examples=False)
    try:
        with TestClient(create_app(context), follow_redirects=False) as client:
            sign_in(client)
            page = client.get("/campaigns/tam-nong-2024/export.yaml")
            units = client.get("/units/export.yaml")
    finally:
        context.close()
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("application/yaml")
    assert "attachment" in page.headers["content-disposition"]
    assert page.text == loaded("export-yaml", "--campaign", "tam-nong-2024").output
    assert units.text == loaded("export-yaml", "--units").output
