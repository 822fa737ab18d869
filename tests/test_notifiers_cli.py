"""``thidua mail-test``: one test reminder through the configured channel, and a clear
word on what went wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Cli, make_settings
from tests.smtp import SmtpServer
from translations import gettext


def test_mail_test_through_smtp(
    cli: Cli, smtp_server: SmtpServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    env = {k.removeprefix("THIDUA_").lower(): v for k, v in smtp_server.settings_env().items()}
    make_settings(monkeypatch, tmp_path / "var", "sqlite://", **env)
    result = cli("mail-test", "vanthu@stc.phutho.example", "--now", "2024-02-12T07:30")
    assert result.exit_code == 0, result.output
    assert f"đã gửi qua máy chủ SMTP 127.0.0.1:{smtp_server.port}" in result.output
    [received] = smtp_server.messages
    assert received.rcpt_to == ("vanthu@stc.phutho.example",)
    message = received.message
    assert message["Subject"] == (
        "[Nhắc hạn] Thư thử – kiểm tra cấu hình gửi thư của thidua – còn 3 ngày"
    )
    assert message["Date"].datetime.isoformat() == "2024-02-12T07:30:00+07:00"
    assert "Thứ Năm, 15/02/2024" in message.get_body(("plain",)).get_content()


def test_mail_test_in_english_to_the_outbox(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    settings = make_settings(monkeypatch, tmp_path / "var", "sqlite://")
    result = cli("mail-test", "vanthu@stc.phutho.example", "--language", "en")
    assert result.exit_code == 0, result.output
    [path] = settings.effective_outbox_dir.glob("*.eml")
    assert "[Reminder] Test message – checking thidua's mail settings" in path.name


def test_mail_test_says_why_and_whether_a_retry_helps(
    cli: Cli, smtp_server: SmtpServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    env = {k.removeprefix("THIDUA_").lower(): v for k, v in smtp_server.settings_env().items()}
    make_settings(monkeypatch, tmp_path / "var", "sqlite://", **env)
    smtp_server.refuse("vanthu@stc.phutho.example", 550)
    result = cli("mail-test", "vanthu@stc.phutho.example")
    assert result.exit_code == 1
    assert "550 5.1.1 No such mailbox" in result.output and "(lỗi lâu dài)" in result.output
    smtp_server.stop()
    result = cli("mail-test", "vanthu@stc.phutho.example")
    assert result.exit_code == 1
    assert gettext("cannot connect to %(where)s", "vi", where="127.0.0.1") in result.output
    assert "lỗi tạm thời: gửi lại có thể thành công" in result.output


def test_mail_test_refuses_settings_that_cannot_work(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    make_settings(monkeypatch, tmp_path / "var", "sqlite://", mail_from="Ban TĐKT")
    result = cli("mail-test", "vanthu@stc.phutho.example")
    assert result.exit_code == 2
    assert "THIDUA_MAIL_FROM" in result.output
