"""``thidua doctor`` and the production section's backup and restore, on real parts: the
aiosmtpd server, a port nobody listens on, a migrated and an outdated database, and
SQLite's online backup API."""

from __future__ import annotations

import socket
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from calendars.db import make_engine
from tests.conftest import EXAMPLES, Cli
from tests.imap import Dovecot
from tests.smtp import SmtpServer
from translations import using

GOOD = {
    "THIDUA_MAIL_FROM": "Ban Thi đua - Khen thưởng <thidua@snv.phutho.gov.vn>",
    "THIDUA_BASE_URL": "https://thidua.phutho.gov.vn",
    "THIDUA_NOTIFIER": "smtp",
}


@pytest.fixture(autouse=True)
def english() -> Any:
    """The findings in English (the tests read them); Vietnamese is checked once."""
    with using("en"):
        yield


@pytest.fixture
def production(
    sqlite_settings: Any, cli: Cli, smtp_server: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> Cli:
    """Settings an office would use, a migrated database and a real SMTP server."""
    for key, value in {
        **GOOD,
        "THIDUA_SMTP_HOST": smtp_server.host,
        "THIDUA_SMTP_PORT": str(smtp_server.port),
    }.items():
        monkeypatch.setenv(key, value)
    assert cli("db", "upgrade").exit_code == 0
    return cli


def test_a_ready_installation_passes(production: Cli) -> None:
    result = production("doctor")
    assert result.exit_code == 0, result.stderr
    assert "ok: sender Ban Thi đua - Khen thưởng <thidua@snv.phutho.gov.vn>" in result.stderr
    assert "ok: base URL https://thidua.phutho.gov.vn" in result.stderr
    assert "answers" in result.stderr
    assert "problem" not in result.stderr


def test_the_embedded_defaults_are_not_production(sqlite_settings: Any, cli: Cli) -> None:
    with using("vi"):
        vietnamese = cli("doctor").stderr
    assert "vấn đề: địa chỉ gửi" in vietnamese and "cách sửa: đặt THIDUA_MAIL_FROM" in vietnamese
    result = cli("doctor")
    assert result.exit_code == 1
    problems = [line for line in result.stderr.splitlines() if line.startswith("problem:")]
    assert len(problems) == 4, result.stderr  # sender, base URL, outbox, schema
    assert any("thidua@localhost" in p and "THIDUA_MAIL_FROM" in p for p in problems)
    assert any("http://127.0.0.1:8000" in p and "THIDUA_BASE_URL" in p for p in problems)
    assert any("THIDUA_NOTIFIER=smtp" in p for p in problems)
    assert any("thidua db upgrade" in p for p in problems)


@pytest.mark.parametrize(
    ("variable", "value", "named"),
    [
        ("THIDUA_MAIL_FROM", "thidua@example.com", "placeholder"),
        ("THIDUA_BASE_URL", "https://localhost:8443", "local address"),
        ("THIDUA_BASE_URL", "http://thidua.phutho.gov.vn", "not https"),
    ],
)
def test_each_wrong_setting_is_named_with_its_fix(
    production: Cli, monkeypatch: pytest.MonkeyPatch, variable: str, value: str, named: str
) -> None:
    monkeypatch.setenv(variable, value)
    result = production("doctor")
    assert result.exit_code == 1
    [problem] = [line for line in result.stderr.splitlines() if line.startswith("problem:")]
    assert named in problem and value in problem and variable in problem


def test_an_smtp_server_that_does_not_answer(
    production: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nobody listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("THIDUA_SMTP_PORT", str(port))
    result = production("doctor")
    assert result.exit_code == 1
    assert f"the SMTP server 127.0.0.1:{port} (none) does not answer" in result.stderr


def test_an_outdated_schema_is_found(production: Cli, sqlite_settings: Any) -> None:
    engine = make_engine(sqlite_settings.effective_database_url)
    with engine.begin() as connection:
        # The office room's head, whichever it is now, goes back to its first revision.
        connection.execute(sa.text("DELETE FROM alembic_version WHERE version_num LIKE 't%'"))
        connection.execute(sa.text("INSERT INTO alembic_version VALUES ('t0001')"))
    engine.dispose()
    result = production("doctor")
    assert result.exit_code == 1
    assert "the database schema is not current" in result.stderr


# --- backup and restore, as the README's production section does them --------------------


def test_an_online_backup_restores_the_same_events(
    sqlite_settings: Any, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("load", *sorted(EXAMPLES.iterdir())).exit_code == 0
    before = cli("events", "--from", "2023-01-01", "--to", "2025-12-31", "--format", "json")
    live = Path(sqlite_settings.effective_database_url.removeprefix("sqlite:///"))
    backup = tmp_path / "backup" / "thidua-backup.db"
    backup.parent.mkdir()

    # The backup: SQLite's online backup API, safe while the service writes.
    with closing(sqlite3.connect(live)) as source, closing(sqlite3.connect(backup)) as target:
        source.backup(target)

    # The restore: the backup file becomes the database of a fresh installation.
    restored = tmp_path / "restored" / "thidua.db"
    restored.parent.mkdir()
    restored.write_bytes(backup.read_bytes())
    monkeypatch.setenv("THIDUA_DATABASE_URL", f"sqlite:///{restored}")
    monkeypatch.setenv("THIDUA_VAR_DIR", str(restored.parent))
    after = cli("events", "--from", "2023-01-01", "--to", "2025-12-31", "--format", "json")

    assert after.exit_code == 0, after.output
    assert after.stdout == before.stdout
    assert '"uid"' in after.stdout  # events, not an empty list
    assert cli("db", "current").stdout.rstrip().endswith(": current")


def imap_settings(server: Dovecot, monkeypatch: pytest.MonkeyPatch, password: str) -> None:
    for key, value in {
        "HOST": server.host,
        "PORT": str(server.port),
        "SECURITY": "none",
        "USERNAME": server.username,
        "PASSWORD": password,
    }.items():
        monkeypatch.setenv(f"THIDUA_INBOUND_IMAP_{key}", value)


def test_the_imap_mailbox_for_replies_is_checked(
    production: Cli, dovecot: Dovecot, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "ok: no IMAP mailbox is polled for replies" in production("doctor").stderr
    imap_settings(dovecot, monkeypatch, dovecot.password)
    result = production("doctor")
    assert result.exit_code == 0, result.stderr
    assert f"ok: IMAP mailbox {dovecot.username}@127.0.0.1:{dovecot.port}" in result.stderr
    imap_settings(dovecot, monkeypatch, "mat-khau-sai-456")
    result = production("doctor")
    assert result.exit_code == 1
    [problem] = [line for line in result.stderr.splitlines() if line.startswith("problem:")]
    assert "refused the login" in problem and "THIDUA_INBOUND_IMAP_HOST" in problem
    assert "mat-khau-sai-456" not in result.stderr
