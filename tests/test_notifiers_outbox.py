"""The outbox: each message an .eml file holding exactly the bytes SMTP sends, named in
readable Vietnamese, one file per message, written whole or not at all."""

from __future__ import annotations

import email
import re
import stat
import unicodedata
from datetime import date
from email import policy
from pathlib import Path

import pytest

from config.settings import Settings
from notifiers.base import Notice, Recipient, TransportError, make_transport
from notifiers.email import SmtpTransport
from notifiers.outbox import OutboxTransport
from tests import notices as n
from tests.conftest import make_settings
from tests.smtp import SmtpServer
from translations import gettext

TODAY = date(2024, 2, 12)


@pytest.fixture
def outbox_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Settings:
    return make_settings(monkeypatch, tmp_path / "var", "sqlite://")


def outbox(settings: Settings, today: date = TODAY) -> OutboxTransport:
    made = make_transport(settings, clock=lambda: n.at(today))
    assert isinstance(made, OutboxTransport)
    return made


def reminder(unit: str = "so-tai-chinh", today: date = TODAY, **changes: object) -> Notice:
    changes.setdefault("message_id", f"r-{unit}@thidua.local")
    return n.notice("reminder", unit, today, (n.due_item(n.VINH_PHUC, today),), **changes)


def eml_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.eml"))


def test_the_default_outbox_is_var_outbox(outbox_settings: Settings) -> None:
    assert outbox_settings.notifier == "outbox"
    assert outbox_settings.effective_outbox_dir == outbox_settings.var_dir / "outbox"


def test_a_message_is_written_with_a_readable_vietnamese_name(outbox_settings: Settings) -> None:
    with outbox(outbox_settings) as box:
        result = box.send(reminder())
    assert result.accepted == ("vanthu@stc.phutho.example",)
    [path] = eml_files(outbox_settings.effective_outbox_dir)
    assert path.name == (
        "2024-02-12 Sở Tài chính – [Nhắc hạn] Gửi văn bản phát động thi đua năm 2024"
        " – còn 3 ngày – r-so-tai-chinh@thidua.local.eml"
    )
    assert unicodedata.is_normalized("NFC", path.name)
    parsed = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert parsed["Subject"] == "[Nhắc hạn] Gửi văn bản phát động thi đua năm 2024 – còn 3 ngày"
    assert parsed["Message-ID"] == "<r-so-tai-chinh@thidua.local>"
    assert "Thứ Năm, 15/02/2024" in parsed.get_body(("plain",)).get_content()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # it carries signed links


def test_the_file_holds_exactly_what_smtp_sends(
    outbox_settings: Settings, smtp_server: SmtpServer
) -> None:
    smtp_settings = outbox_settings.model_copy(update=smtp_server.settings_values())
    with outbox(smtp_settings.model_copy(update={"notifier": "outbox"})) as box:
        box.send(reminder("so-noi-vu"))
    smtp = make_transport(smtp_settings, clock=lambda: n.at(TODAY))
    assert isinstance(smtp, SmtpTransport)
    with smtp:
        smtp.send(reminder("so-noi-vu"))
    [path] = eml_files(outbox_settings.effective_outbox_dir)
    [received] = smtp_server.messages
    assert path.read_bytes() == received.data
    assert received.data.count(b"\r\n") == received.data.count(b"\n")  # CRLF throughout


def test_the_same_message_again_replaces_its_file(outbox_settings: Settings) -> None:
    with outbox(outbox_settings) as box:
        box.send(reminder("so-tai-chinh"))
        box.send(reminder("so-tai-chinh"))  # resent after a crash: same Message-ID
        box.send(reminder("so-y-te"))
    folder = outbox_settings.effective_outbox_dir
    assert len(eml_files(folder)) == 2
    assert not [p for p in folder.iterdir() if p.suffix != ".eml"]  # no temporary left


def test_digests_to_many_units_sort_by_day(outbox_settings: Settings) -> None:
    for day in (date(2024, 2, 8), date(2024, 2, 12), date(2024, 2, 14)):
        with outbox(outbox_settings, day) as box:
            for unit in ("so-tai-chinh", "ubnd-tam-nong"):
                box.send(reminder(unit, day, message_id=f"r-{unit}-{day:%d}@thidua.local"))
    names = [p.name for p in eml_files(outbox_settings.effective_outbox_dir)]
    assert [name[:10] for name in names] == ["2024-02-08"] * 2 + ["2024-02-12"] * 2 + [
        "2024-02-14"
    ] * 2
    assert "2024-02-14 UBND huyện Tam Nông – [Nhắc hạn]" in names[-1]
    assert "còn 1 ngày" in names[-1]


def test_a_very_long_subject_is_shortened_in_the_name(outbox_settings: Settings) -> None:
    title = "Báo cáo tổng kết phong trào thi đua " * 10
    item = n.due_item(n.VINH_PHUC, TODAY, title=title)
    notice = n.notice("reminder", "so-tai-chinh", TODAY, (item,), message_id="r-long@thidua.local")
    with outbox(outbox_settings) as box:
        box.send(notice)
    [path] = eml_files(outbox_settings.effective_outbox_dir)
    assert len(path.name.encode()) <= 240
    assert "…" in path.name and path.name.endswith(" – r-long@thidua.local.eml")


def test_unsafe_characters_never_make_a_path(outbox_settings: Settings) -> None:
    unit = Recipient("x", "../../etc/Sở: Tài*chính?", ("vanthu@stc.phutho.example",))
    with outbox(outbox_settings) as box:
        box.send(reminder(to=unit, message_id="r-../../x@thidua.local"))
    [path] = eml_files(outbox_settings.effective_outbox_dir)
    assert path.parent == outbox_settings.effective_outbox_dir
    assert "/" not in path.name and ":" not in path.name


def test_invalid_addresses_are_reported_like_smtp_refusals(outbox_settings: Settings) -> None:
    unit = Recipient("x", "Sở Tài chính", ("vanthu@stc.phutho.example", "bad address"))
    with outbox(outbox_settings) as box:
        result = box.send(reminder(to=unit))
        assert result.accepted == ("vanthu@stc.phutho.example",)
        wrong = gettext(  # the catalog's words, Vietnamese by default
            "%(text)s is not an e-mail address (%(reason)s)", "vi", text="'bad address'", reason=""
        )
        assert result.refused["bad address"].startswith(wrong.removesuffix("()"))
        nobody = Recipient("x", "Sở Tài chính", ("bad address",))
        with pytest.raises(TransportError) as caught:
            box.send(reminder(to=nobody))
    assert caught.value.permanent


def test_a_folder_that_is_a_file_is_a_transient_failure(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "outbox"
    blocker.write_text("not a folder")
    settings = make_settings(monkeypatch, tmp_path / "var", "sqlite://", outbox_dir=blocker)
    box = outbox(settings)
    cannot = gettext("cannot create %(path)s: %(reason)s", "vi", path=blocker, reason="")
    with pytest.raises(TransportError, match=re.escape(cannot)) as caught:
        box.send(reminder())
    assert not caught.value.permanent
    assert blocker.read_text() == "not a folder"
