"""Limits: files too large for the corpus, settings out of range, and defence in depth —
a far date already stored (from before the limits) stops no command and no feed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from starlette.testclient import TestClient

import config.dates
from config.settings import Settings
from config.yamlfile import MAX_DEPTH, YamlError, parse_yaml
from tests.conftest import EXAMPLES, Cli
from thidua.context import AppContext, parse_now
from thidua.web import create_app
from translations import using

FAR = (EXAMPLES / "004-ha-giang-2023.yaml").read_text("utf-8")


def _refused(cli: Cli, path: Path) -> str:
    result = cli("load", path)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.stderr
    return result.stderr


def test_a_file_over_two_megabytes_is_refused_unread(
    tmp_path: Path, sqlite_settings: Settings, cli: Cli
) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(FAR.replace("title:", "note: " + "x" * 2_200_000 + "\n  title:", 1))
    with using("en"):
        stderr = _refused(cli, path)
    assert f"{path}: the file is 2.1 MB, more than the 2 MB allowed" in stderr


def test_more_than_20000_units_are_refused(
    tmp_path: Path, sqlite_settings: Settings, cli: Cli
) -> None:
    path = tmp_path / "units.yaml"
    rows = "".join(f"  - {{code: u{i}, name: U{i}, emails: [a@b.vn]}}\n" for i in range(20_001))
    path.write_text("units:\n" + rows, encoding="utf-8")
    assert path.stat().st_size < 2 * 1024 * 1024
    with using("en"):
        stderr = _refused(cli, path)
    assert f"{path}:1: units: has 20001 items, more than the 20000 allowed" in stderr


def test_nesting_is_counted_exactly() -> None:
    at_limit = "a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)
    assert parse_yaml(at_limit).data is not None
    with pytest.raises(YamlError, match="nested more than 20 levels deep"), using("en"):
        parse_yaml("a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH)


def test_an_anchor_without_an_alias_is_harmless() -> None:
    assert parse_yaml("a: &x 1\nb: 2\n").data == {"a": 1, "b": 2}


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("FEED_WINDOW_AHEAD_DAYS", "800000"),
        ("FEED_WINDOW_BACK_DAYS", "-1"),
        ("SUBMIT_LINK_VALID_DAYS", "10000000"),
        ("REMINDER_OFFSETS", "[1000000]"),
        ("CANCELLED_GRACE_DAYS", "999999999"),
    ],
)
def test_settings_out_of_range_are_refused_with_their_name(
    variable: str, value: str, sqlite_settings: Settings, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(f"THIDUA_{variable}", value)
    result = cli("campaigns")
    assert result.exit_code == 2
    assert f"THIDUA_{variable}:" in result.stderr
    assert "cấu hình sai" in result.stderr  # Vietnamese first


def test_a_settings_file_that_is_no_toml_is_refused_with_where(
    tmp_path: Path, sqlite_settings: Settings, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "thidua.toml"
    broken.write_text('language = "en\n', encoding="utf-8")  # the string is never closed
    monkeypatch.setenv("THIDUA_CONFIG", str(broken))
    result = cli("campaigns")
    assert result.exit_code == 2
    assert f"{broken}: không phải TOML hợp lệ" in result.stderr
    assert "line 1" in result.stderr  # tomllib's own words say where


# --- defence in depth --------------------------------------------------------------------


@pytest.fixture
def far_deadline_stored(
    tmp_path: Path, sqlite_settings: Settings, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A deadline of 31/12/9999 stored as a version without the year limit stored it."""
    path = tmp_path / "far.yaml"
    path.write_text(
        FAR.replace("due: {rule: before, date: 30/11/2023}", "due: {rule: by, date: 31/12/9999}"),
        encoding="utf-8",
    )
    with monkeypatch.context() as old_version:
        old_version.setattr(config.dates, "MAX_YEAR", 9999)
        old_version.setattr(config.dates, "CAMPAIGN_YEARS", (1900, 9999))
        result = cli("load", EXAMPLES / "units.yaml", path)
        assert result.exit_code == 0, result.output
    assert _refused(cli, path)  # the limit holds again
    return path


@pytest.mark.parametrize(
    "command",
    [
        ("plan", "--now", "2023-11-01T08:00"),
        ("send-due", "--now", "2023-12-01T08:00"),
        ("remind", "--dry-run", "--now", "2023-11-01T08:00"),
        ("export", "--all", "-o", "-", "--now", "9999-12-01T08:00"),
        ("export", "--unit", "ubnd-ha-hoa", "--alarms", "-o", "-", "--now", "2023-11-01"),
        ("status",),
    ],
    ids=lambda c: c[0] if isinstance(c, tuple) else str(c),
)
def test_a_stored_far_deadline_stops_no_command(
    far_deadline_stored: Path, cli: Cli, command: tuple[str, ...]
) -> None:
    result = cli(*command)
    assert result.exit_code == 0, result.output


def test_a_stored_far_deadline_stops_no_feed(
    far_deadline_stored: Path, sqlite_settings: Settings, cli: Cli
) -> None:
    assert cli("plan", "--now", "2023-11-01T08:00").exit_code == 0
    context = AppContext(settings=sqlite_settings)
    try:
        for now in ("2023-11-01T08:00", "9999-12-30T08:00"):
            context.now_override = parse_now(now, context.settings)
            with TestClient(create_app(context)) as client:
                response = client.get("/feeds/all.ics")
                assert response.status_code == 200, now
                assert b"BEGIN:VCALENDAR" in response.content
    finally:
        context.close()


def test_window_arithmetic_is_held_at_the_calendars_ends() -> None:
    assert config.dates.shift_days(date(9999, 12, 30), 800_000) == date.max
    assert config.dates.shift_days(date(1, 1, 2), -5) == date.min
    assert config.dates.shift_days(date(2024, 2, 28), 1) == date(2024, 2, 29)
