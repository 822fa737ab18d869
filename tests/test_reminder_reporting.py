"""Acceptance over a real SMTP server (aiosmtpd on loopback): a reminder tells the unit how
to answer — Reply-To is the receiving office's mailbox, the channel and the contact are
stated, a deadline's own instructions replace the campaign's — and carries the unit's
calendar link; after the link is renewed the old one answers 404 and the next mail
carries the new one. And the instructions go through ``thidua export-yaml`` unchanged.
"""

from __future__ import annotations

import re
from email.message import EmailMessage
from pathlib import Path

import pytest
import yaml

from tests.conftest import Cli, make_settings
from tests.ical_checks import parsed_events
from tests.reminders import CAMPAIGN, UNITS, load, request, write_campaign
from tests.smtp import SmtpServer
from thidua.context import AppContext, parse_now

REPORTING = """\
  reporting:
    mailbox: bantdkt@snv.phutho.gov.vn
    channel: email
    contact: Nguyễn Thị Lan
    phone: 0210 3846 123
"""
PAPER = """\
    reporting:
      mailbox: vanphong@stp.phutho.gov.vn
      channel: paper
      address: Số 8 Trần Phú, phường Gia Cẩm, Việt Trì
      contact: Trần Văn Bình
      phone: "0210.3847.456"
"""
# The test campaign with the campaign's instructions, and a deadline with its own.
REPORTED = CAMPAIGN.replace(
    "  receiver_unit: ban-tdkt\n", "  receiver_unit: ban-tdkt\n" + REPORTING
)
REPORTED = REPORTED.replace(
    "    units: [so-tai-chinh, so-tu-phap]\n", "    units: [so-tai-chinh, so-tu-phap]\n" + PAPER
)
assert REPORTED.count("reporting:") == 2
STC = "vanthu@stc.phutho.example"  # Sở Tài chính
FEED = re.compile(r"http://127\.0\.0\.1:8000(/feeds/units/[A-Za-z0-9_-]+\.ics)")


@pytest.fixture
def app(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    sqlite_url: str,
    smtp_server: SmtpServer,
    cli: Cli,
) -> AppContext:
    settings = make_settings(
        monkeypatch, tmp_path / "var", sqlite_url, **smtp_server.settings_values()
    )
    load(cli, UNITS, write_campaign(tmp_path / "files", REPORTED))
    assert cli("plan", "--now", "2024-03-01T09:00").exit_code == 0
    return AppContext(settings=settings, now_override=parse_now("2024-03-07T09:00", settings))


def text_of(message: EmailMessage) -> str:
    return str(message.get_body(("plain",)).get_content())


def send_due(cli: Cli, now: str) -> None:
    result = cli("send-due", "--now", now)
    assert result.exit_code == 0, result.output


def test_a_reminder_says_how_to_answer_and_carries_the_calendar_link(
    app: AppContext, cli: Cli, smtp_server: SmtpServer
) -> None:
    # 07/03: a week before the two deadlines of 14/03, one message to each unit of the bloc.
    send_due(cli, "2024-03-07T07:30")
    (first,) = smtp_server.to(STC)
    message = first.message
    assert [a.addr_spec for a in message["Reply-To"].addresses] == ["bantdkt@snv.phutho.gov.vn"]
    assert message["Reply-To"].addresses[0].display_name == ""  # exactly the mailbox
    text = text_of(message)
    assert "Cách gửi:      gửi thư điện tử tới bantdkt@snv.phutho.gov.vn" in text
    assert "Liên hệ:       Nguyễn Thị Lan, 0210 3846 123" in text
    markup = message.get_body(("html",)).get_content()
    assert 'href="tel:02103846123"' in markup and "mailto:bantdkt@snv.phutho.gov.vn" in markup
    old = FEED.search(text)
    assert old is not None and "webcal://127.0.0.1:8000" + old[1] in text
    feed = request(app, "GET", old[1])
    assert feed.status_code == 200
    events = parsed_events(feed.content)
    description = str(events["thu-nghiem-2024/bao-cao-chuyen-de@thidua.local"]["DESCRIPTION"])
    assert "Cách gửi: văn bản giấy tới Số 8 Trần Phú, phường Gia Cẩm, Việt Trì" in description
    assert "Liên hệ: Trần Văn Bình, 0210.3847.456" in description

    # The office renews the unit's link: the old one answers 404 at once.
    renewed = cli("units", "token", "so-tai-chinh", "--rotate")
    assert renewed.exit_code == 0, renewed.output
    new = FEED.search(renewed.stdout)
    assert new is not None and new[1] != old[1]
    assert request(app, "GET", old[1]).status_code == 404
    assert request(app, "GET", new[1]).status_code == 200

    # Sở Tài chính reports the two deadlines of 14/03; on 15/03 the reminder of its own
    # deadline (22/03, reports on paper to another office) carries the new link.
    for code in ("bao-cao-quy-1", "dang-ky-khen-thuong"):
        uid = f"thu-nghiem-2024/{code}@thidua.local"
        assert cli("submit", uid, "so-tai-chinh", "--now", "2024-03-13T10:00").exit_code == 0
    send_due(cli, "2024-03-15T07:30")
    (_, second) = smtp_server.to(STC)
    message = second.message
    assert message["Subject"].startswith("[Nhắc hạn] Báo cáo chuyên đề cải cách hành chính")
    assert [a.addr_spec for a in message["Reply-To"].addresses] == ["vanphong@stp.phutho.gov.vn"]
    text = text_of(message)
    assert "gửi văn bản giấy tới Số 8 Trần Phú, phường Gia Cẩm, Việt Trì" in text
    assert "Liên hệ:       Trần Văn Bình, 0210.3847.456" in text
    assert FEED.findall(text) == [new[1]]
    assert old[1] not in text


def test_the_instructions_go_through_export_yaml(app: AppContext, cli: Cli, tmp_path: Path) -> None:
    exported = cli("export-yaml", "--campaign", "thu-nghiem-2024")
    assert exported.exit_code == 0, exported.output
    document = yaml.safe_load(exported.stdout)
    assert document["campaign"]["reporting"] == {
        "mailbox": "bantdkt@snv.phutho.gov.vn",
        "channel": "email",
        "contact": "Nguyễn Thị Lan",
        "phone": "0210 3846 123",
    }
    (own,) = [d for d in document["deadlines"] if d["code"] == "bao-cao-chuyen-de"]
    assert own["reporting"]["channel"] == "paper"
    # Loaded again, the export changes nothing.
    again = write_campaign(tmp_path / "again", exported.stdout)
    reloaded = cli("load", "--now", "2024-03-07T09:00", str(again))
    assert reloaded.exit_code == 0, reloaded.output
    assert "không có gì thay đổi" in reloaded.output


def test_a_placeholder_sender_sends_nothing_and_says_which_setting(
    app: AppContext, cli: Cli, smtp_server: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("THIDUA_MAIL_FROM", "Ban Thi đua - Khen thưởng <thidua@localhost>")
    refused = cli("send-due", "--now", "2024-03-07T07:30")
    assert refused.exit_code != 0
    assert "THIDUA_MAIL_FROM" in refused.output and "địa chỉ mẫu" in refused.output
    assert smtp_server.messages == []
    doctor = cli("doctor")
    assert "không thư nào được gửi qua SMTP" in doctor.stderr
    # Once the office's own address is set, the same reminders go.
    monkeypatch.setenv("THIDUA_MAIL_FROM", "Ban Thi đua - Khen thưởng <thidua@snv.phutho.gov.vn>")
    send_due(cli, "2024-03-07T07:30")
    assert len(smtp_server.to(STC)) == 1
