"""``thidua feeds``, ``thidua units token`` and ``thidua export``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from starlette.testclient import TestClient

from calendars import feeds_tokens
from config.settings import Settings
from tests.conftest import EXAMPLES, Cli
from tests.ical_checks import check_feed_bytes, parsed_events
from tests.test_feeds_http import token_from
from thidua.context import AppContext, parse_now
from thidua.web import create_app
from translations import gettext

NOW = "2024-02-01T09:00"


@pytest.fixture
def loaded(sqlite_settings: Settings, cli: Cli) -> Iterator[AppContext]:
    result = cli("load", *sorted(EXAMPLES.iterdir()), "--now", "2024-01-02T08:00")
    assert result.exit_code == 0, result.output
    context = AppContext(settings=sqlite_settings)
    context.now_override = parse_now(NOW, context.settings)
    context.settings.feed_check_seconds = 0
    yield context
    context.close()


def test_feeds_prints_the_three_links_of_each_feed(loaded: AppContext, cli: Cli) -> None:
    result = cli("feeds", "--format", "json")
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert len(records) == 1 + 5 + 20  # everything, 5 campaigns, 20 groups
    first = records[0]
    assert first["https"] == "http://127.0.0.1:8000/feeds/all.ics"
    assert first["webcal"] == "webcal://127.0.0.1:8000/feeds/all.ics"
    google = urlsplit(first["google"])
    assert (google.netloc, google.path) == ("calendar.google.com", "/calendar/render")
    assert parse_qs(google.query)["cid"] == [first["webcal"]]
    titles = [r["feed"] for r in records]
    assert "Phong trào thi đua yêu nước năm 2024 huyện Tam Nông" in titles
    paths = {urlsplit(r["https"]).path for r in records}
    assert "/feeds/campaigns/tam-nong-2024.ics" in paths
    assert "/feeds/groups/khoi-tam-nong.ics" in paths
    text = cli("feeds")
    assert "  webcal://127.0.0.1:8000/feeds/all.ics\n" in text.stdout
    assert "https:// công khai" in text.stderr  # the base URL is local


def test_links_follow_the_base_url(
    loaded: AppContext, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("THIDUA_BASE_URL", "https://thidua.snv.phutho.gov.vn/")
    result = cli("feeds", "--format", "json")
    first = json.loads(result.stdout)[0]
    assert first["https"] == "https://thidua.snv.phutho.gov.vn/feeds/all.ics"
    assert first["webcal"] == "webcal://thidua.snv.phutho.gov.vn/feeds/all.ics"
    assert "public https://" not in result.stderr
    monkeypatch.setenv("THIDUA_BASE_URL", "ftp://x")
    refused = cli("feeds")
    assert refused.exit_code == 2
    wrong = gettext(
        "the base URL %(url)s must start with https:// (or http://)", "vi", url="'ftp://x'"
    )
    assert wrong in refused.output


def test_unit_links_are_shown_any_time_and_renewed(loaded: AppContext, cli: Cli) -> None:
    first = cli("feeds", "--unit", "so-noi-vu")
    assert first.exit_code == 0, first.output
    token = token_from(first.stdout)
    assert f"webcal://127.0.0.1:8000/feeds/units/{token}.ics" in first.stdout
    assert "Google Calendar: https://calendar.google.com/calendar/render?cid=" in first.stdout
    assert token_from(cli("feeds", "--unit", "so-noi-vu").stdout) == token
    assert token_from(cli("units", "token", "so-noi-vu").stdout) == token
    rotated = cli("units", "token", "so-noi-vu", "--rotate")
    assert rotated.exit_code == 0 and token_from(rotated.stdout) != token
    assert "404" in rotated.stderr
    assert token_from(cli("feeds", "--unit", "so-noi-vu").stdout) == token_from(rotated.stdout)
    unknown = cli("units", "token", "khong-co")
    assert unknown.exit_code == 2 and "'khong-co'" in unknown.output
    with loaded.database.session() as session:
        renewed = feeds_tokens.rotated(session)
    assert list(renewed) == ["so-noi-vu"]  # the store knows when, never the URL
    assert renewed["so-noi-vu"].tzinfo is not None


def test_export_writes_the_bytes_the_url_serves(
    loaded: AppContext, cli: Cli, tmp_path: Path
) -> None:
    token = token_from(cli("units", "token", "ubnd-tam-nong").stdout)
    exports = {
        "/feeds/all.ics": ["--all"],
        "/feeds/campaigns/tam-nong-2024.ics": ["--campaign", "tam-nong-2024"],
        "/feeds/groups/ubnd-huyen.ics": ["--group", "ubnd-huyen"],
        f"/feeds/units/{token}.ics": ["--unit", "ubnd-tam-nong"],
        "/feeds/all.ics?kind=deadline&alarms=1": ["--all", "--kind", "deadline", "--alarms"],
    }
    with TestClient(create_app(loaded)) as client:
        for number, (url, options) in enumerate(exports.items()):
            path = tmp_path / "out" / f"{number}.ics"
            result = cli("export", *options, "-o", path, "--now", NOW)
            assert result.exit_code == 0, result.output
            served = client.get(url)
            assert served.status_code == 200
            assert path.read_bytes() == served.content, url
            check_feed_bytes(path.read_bytes())
            assert "sự kiện vào" in result.stderr
    stdout = cli("export", "--campaign", "tam-nong-2024", "-o", "-", "--now", NOW)
    assert stdout.stdout_bytes == (tmp_path / "out" / "1.ics").read_bytes()
    assert len(parsed_events(stdout.stdout_bytes)) == 16


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ([], "hãy chọn một nguồn lịch"),
        (["--all", "--campaign", "tam-nong-2024"], "hãy chọn một nguồn lịch"),
        (["--campaign", "nope"], gettext("no campaign %(code)s", "vi", code="'nope'")),
        (["--group", "nope"], gettext("no group %(code)s", "vi", code="'nope'")),
        (["--unit", "nope"], gettext("no unit %(code)s", "vi", code="'nope'")),
    ],
)
def test_export_errors(
    loaded: AppContext, cli: Cli, tmp_path: Path, options: list[str], message: str
) -> None:
    target = tmp_path / "x.ics"
    result = cli("export", *options, "-o", target)
    assert result.exit_code == 2
    assert message in result.output
    assert not target.exists()
