"""Acceptance: a unit answers a reminder by e-mail with its report attached, the reply
reaches the service's own SMTP endpoint (aiosmtpd on loopback) and becomes that unit's
submission of that deadline, stopping its reminders; a mail the service cannot place is
kept for the office, never dropped, and the office's page (``/mail``) assigns it to a unit
and deadline or sets it aside. The reminders themselves go out through the real SMTP
server of `tests.smtp`. On SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
import smtplib
import subprocess
import time
import unicodedata
from collections.abc import Iterator
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from config.settings import Settings
from scheduler import answers
from scheduler.models import Reminder
from scheduler.replies import Intake, ReminderLookups, read
from submissions.inbound import reply_address
from submissions.models import ReceivedMail, Submission
from submissions.receiver import SmtpReceiver
from tests.conftest import Cli
from tests.imap import Dovecot
from tests.office import DISPLAY_NAME, PASSWORD, USERNAME, csrf_of, sign_in
from tests.reminders import CAMPAIGN as REMINDERS_CAMPAIGN
from tests.reminders import (
    load,
    occurrence_id,
    start,
    statuses,
    stop,
    unit_id,
    use_smtp,
    write_campaign,
)
from tests.reports import docx_bytes, executable_bytes
from tests.smtp import Received, SmtpServer
from thidua import users as accounts
from thidua.context import AppContext, parse_now
from thidua.web import create_app

INBOUND = "baocao@snv.phutho.example"
OFFICE = "bantdkt@snv.phutho.example"
# The reminder tests' campaign with its first deadline only, for two units: one reminder
# a unit, one answer.
CAMPAIGN = REMINDERS_CAMPAIGN.split("  - code: dang-ky-khen-thuong")[0].replace(
    "units: [khoi-tong-hop]", "units: [so-tai-chinh, so-tu-phap]"
)
assert "so-tu-phap" in CAMPAIGN and "dang-ky" not in CAMPAIGN
DEADLINE = "thu-nghiem-2024/bao-cao-quy-1"


@pytest.fixture
def reminded(
    settings: Settings,
    cli: Cli,
    smtp_server: SmtpServer,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> Iterator[AppContext]:
    """The campaign loaded and the due-day reminders sent through the SMTP server."""
    monkeypatch.setenv("THIDUA_INBOUND_ADDRESS", INBOUND)
    monkeypatch.setenv("THIDUA_MAIL_REPLY_TO", f"Ban Thi đua - Khen thưởng <{OFFICE}>")
    smtp = use_smtp(smtp_server, monkeypatch)
    load(cli, Path("examples/units.yaml"), write_campaign(tmp_path / "files", CAMPAIGN))
    result = cli("send-due", "--now", "2024-03-14T08:00")
    assert result.exit_code == 0, result.output
    app = AppContext(settings=smtp, now_override=parse_now("2024-03-15T09:00", smtp))
    yield app
    app.close()


@pytest.fixture
def endpoint(reminded: AppContext) -> Iterator[SmtpReceiver]:
    """The service's SMTP endpoint, storing into the test's database."""
    intake = Intake(reminded.database.session, reminded.settings, "smtp")
    receiver = SmtpReceiver(
        intake,
        host="127.0.0.1",
        port=0,
        max_bytes=reminded.settings.inbound_max_bytes,
        inbound_address=INBOUND,
    )
    with receiver:
        yield receiver


def reminder_to(server: SmtpServer, address: str) -> Received:
    (found,) = server.to(address)
    return found


def answer(
    sender: str,
    *,
    replying_to: Received | None = None,
    to: str = INBOUND,
    files: tuple[tuple[str, bytes], ...] = (("Báo cáo quý I.docx", docx_bytes()),),
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = "Re: Báo cáo thi đua quý I năm 2024"
    if replying_to is not None:
        message["In-Reply-To"] = str(replying_to.message["Message-ID"])
        message["References"] = str(replying_to.message["Message-ID"])
    message.set_content("Kính gửi Ban Thi đua, đơn vị gửi báo cáo quý I.")
    for name, data in files:
        message.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    return message.as_bytes(policy=SMTP)  # CRLF, as a mail client sends it


def send(endpoint: SmtpReceiver, raw: bytes, to: str = INBOUND) -> None:
    with smtplib.SMTP(endpoint.host, endpoint.port, timeout=30) as smtp:
        smtp.sendmail("vanthu@stc.phutho.example", [to], raw)


def receipts_to(server: SmtpServer, address: str) -> int:
    return sum("thidua.receipt." in str(r.message["Message-ID"]) for r in server.to(address))


def kept(app: AppContext) -> list[ReceivedMail]:
    with app.database.session() as session:
        return list(session.scalars(select(ReceivedMail).order_by(ReceivedMail.id)))


def submissions(app: AppContext) -> list[tuple[int, int, str, list[str]]]:
    with app.database.session() as session:
        return [
            (s.occurrence_id, s.unit_id, s.source, [f.filename for f in s.files])
            for s in session.scalars(select(Submission).order_by(Submission.id))
        ]


def test_a_reply_with_a_report_becomes_the_units_submission(
    reminded: AppContext, endpoint: SmtpReceiver, smtp_server: SmtpServer
) -> None:
    reminder = reminder_to(smtp_server, "vanthu@stc.phutho.example")
    send(endpoint, answer("Văn thư <vanthu@stc.phutho.example>", replying_to=reminder))
    deadline, unit = occurrence_id(reminded, DEADLINE), unit_id(reminded, "so-tai-chinh")
    assert submissions(reminded) == [(deadline, unit, "mail", ["Báo cáo quý I.docx"])]
    (mail,) = kept(reminded)
    assert (mail.status, mail.how, mail.reason) == ("recorded", "reply", None)
    # The unit gets its receipt, as after an upload.
    assert receipts_to(smtp_server, "vanthu@stc.phutho.example") == 1
    # The unit is no longer chased for it; the other unit still is.
    chased = statuses(reminded, Reminder.unit_id == unit, Reminder.status == "pending")
    assert chased == {}
    other = unit_id(reminded, "so-tu-phap")
    assert statuses(reminded, Reminder.unit_id == other, Reminder.status == "pending")


def test_the_reply_is_tied_by_its_message_id_whoever_forwards_it(
    reminded: AppContext, endpoint: SmtpReceiver, smtp_server: SmtpServer
) -> None:
    """The report is the unit's that was reminded, even when another address replies."""
    reminder = reminder_to(smtp_server, "vanthu@stp.phutho.example")
    send(endpoint, answer("Chuyên viên <ca-nhan@gmail.example>", replying_to=reminder))
    deadline, unit = occurrence_id(reminded, DEADLINE), unit_id(reminded, "so-tu-phap")
    assert [s[:2] for s in submissions(reminded)] == [(deadline, unit)]


def test_a_mail_from_a_units_address_is_that_units_answer(
    reminded: AppContext, endpoint: SmtpReceiver
) -> None:
    """No In-Reply-To (a new mail, not a reply): the sender's address names the unit,
    compared without regard to case or Unicode form; its one chased deadline is the one."""
    sender = unicodedata.normalize("NFD", "Văn thư <VanThu@STC.phutho.example>")
    send(endpoint, answer(sender))
    (mail,) = kept(reminded)
    assert (mail.status, mail.how) == ("recorded", "sender")
    unit = unit_id(reminded, "so-tai-chinh")
    assert [s[:2] for s in submissions(reminded)] == [(occurrence_id(reminded, DEADLINE), unit)]


def test_the_reminders_reply_to_carries_a_token_that_names_the_unit_and_deadline(
    reminded: AppContext, endpoint: SmtpReceiver, smtp_server: SmtpServer
) -> None:
    """Reply-To: the office's mailbox (when set) and the service's plus-address; a reply to
    it is placed by its token alone, whoever sends it and whatever it quotes."""
    reminder = reminder_to(smtp_server, "vanthu@stp.phutho.example")
    office, address = [a.addr_spec for a in reminder.message["Reply-To"].addresses]
    assert office == OFFICE
    assert address.startswith("baocao+d") and address.endswith("@snv.phutho.example")
    send(endpoint, answer("Ai đó <ai-do@gmail.example>", to=address), to=address)
    deadline, unit = occurrence_id(reminded, DEADLINE), unit_id(reminded, "so-tu-phap")
    assert [s[:2] for s in submissions(reminded)] == [(deadline, unit)]
    assert kept(reminded)[0].how == "token"


def test_a_forged_token_is_not_taken(reminded: AppContext, endpoint: SmtpReceiver) -> None:
    deadline, unit = occurrence_id(reminded, DEADLINE), unit_id(reminded, "so-tu-phap")
    address = reply_address(INBOUND, "not-the-service-secret", deadline, unit)
    send(endpoint, answer("Ai đó <ai-do@gmail.example>", to=address), to=address)
    assert submissions(reminded) == []
    assert [(m.status, m.reason) for m in kept(reminded)] == [("unassigned", "unknown_sender")]


def test_a_mail_from_an_unknown_sender_is_kept_for_the_office(
    reminded: AppContext, endpoint: SmtpReceiver
) -> None:
    raw = answer("Người lạ <nguoi-la@example.org>")
    send(endpoint, raw)
    assert submissions(reminded) == []
    (mail,) = kept(reminded)
    assert (mail.status, mail.reason, mail.sender) == (
        "unassigned",
        "unknown_sender",
        "nguoi-la@example.org",
    )
    with reminded.database.session() as session:
        stored = session.get(ReceivedMail, mail.id)
        assert stored is not None
        assert stored.raw.rstrip() == raw.rstrip()  # kept whole, the report in it
        (report,) = read(reminded.settings, stored.raw).attachments
        assert report.filename == "Báo cáo quý I.docx"


def test_an_address_two_units_share_is_ambiguous(
    reminded: AppContext, endpoint: SmtpReceiver
) -> None:
    send(endpoint, answer("Ban TĐKT <bantdkt@snv.phutho.example>"))
    assert [(m.status, m.reason) for m in kept(reminded)] == [("unassigned", "ambiguous")]


def test_a_reply_without_a_report_or_with_a_refused_file_waits_for_the_office(
    reminded: AppContext, endpoint: SmtpReceiver, smtp_server: SmtpServer
) -> None:
    reminder = reminder_to(smtp_server, "vanthu@stc.phutho.example")
    send(endpoint, answer("vanthu@stc.phutho.example", replying_to=reminder, files=()))
    program = (("bao-cao.pdf", executable_bytes()),)
    send(endpoint, answer("vanthu@stc.phutho.example", replying_to=reminder, files=program))
    assert submissions(reminded) == []
    first, second = kept(reminded)
    assert (first.status, first.reason, first.unit_id) == (
        "unassigned",
        "no_attachment",
        unit_id(reminded, "so-tai-chinh"),
    )
    assert (second.status, second.reason) == ("unassigned", "refused")
    assert second.problem is not None and "bao-cao.pdf" in second.problem


def test_the_same_mail_twice_is_kept_and_recorded_once(
    reminded: AppContext, endpoint: SmtpReceiver, smtp_server: SmtpServer
) -> None:
    raw = answer("Văn thư <vanthu@stc.phutho.example>")
    send(endpoint, raw)
    send(endpoint, raw)
    assert len(kept(reminded)) == 1
    assert [s[3] for s in submissions(reminded)] == [["Báo cáo quý I.docx"]]
    assert receipts_to(smtp_server, "vanthu@stc.phutho.example") == 1


def test_a_second_reply_adds_its_file_until_the_office_accepts(
    reminded: AppContext, endpoint: SmtpReceiver, smtp_server: SmtpServer
) -> None:
    """A correction sent while the report waits for review joins it; once accepted, a
    further reply waits for the office instead."""
    reminder = reminder_to(smtp_server, "vanthu@stc.phutho.example")
    sender = "Văn thư <vanthu@stc.phutho.example>"
    send(endpoint, answer(sender, replying_to=reminder))
    correction = (("Báo cáo quý I (sửa).docx", docx_bytes("Bản sửa")),)
    send(endpoint, answer(sender, replying_to=reminder, files=correction))
    ((_o, _u, _s, files),) = submissions(reminded)
    assert files == ["Báo cáo quý I.docx", "Báo cáo quý I (sửa).docx"]
    with reminded.database.session() as session, session.begin():
        submission = session.scalars(select(Submission)).one()
        answers.accept(session, submission, now=reminded.now(), by="Nguyễn Thị Lan")
    late = (("Báo cáo quý I (bản 3).docx", docx_bytes("Bản 3")),)
    send(endpoint, answer(sender, replying_to=reminder, files=late))
    assert [s[3] for s in submissions(reminded)] == [files]
    assert [(m.status, m.reason) for m in kept(reminded)][-1] == ("unassigned", "not_open")


def test_reminders_are_found_by_their_message_ids(
    reminded: AppContext, smtp_server: SmtpServer
) -> None:
    reminder = reminder_to(smtp_server, "vanthu@stc.phutho.example")
    message_id = reminder.message["Message-ID"].strip("<>")
    with reminded.database.session() as session:
        found = ReminderLookups().replied(session, [message_id, "other@example"])
    assert found == [(occurrence_id(reminded, DEADLINE), unit_id(reminded, "so-tai-chinh"))]


def test_a_reply_in_an_imap_mailbox_is_recorded_by_thidua_inbound_poll(
    reminded: AppContext,
    smtp_server: SmtpServer,
    dovecot: Dovecot,
    cli: Cli,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reminder = reminder_to(smtp_server, "vanthu@stc.phutho.example")
    dovecot.deliver(answer("Văn thư <vanthu@stc.phutho.example>", replying_to=reminder))
    dovecot.deliver(answer("Người lạ <nguoi-la@example.org>"))
    imap = {
        "HOST": dovecot.host,
        "PORT": str(dovecot.port),
        "SECURITY": "none",
        "USERNAME": dovecot.username,
        "PASSWORD": dovecot.password,
    }
    for key, value in imap.items():
        monkeypatch.setenv(f"THIDUA_INBOUND_IMAP_{key}", value)
    result = cli("inbound", "poll", "--once")
    assert result.exit_code == 0, result.output
    assert dovecot.password not in result.output
    unit = unit_id(reminded, "so-tai-chinh")
    assert [s[:3] for s in submissions(reminded)] == [
        (occurrence_id(reminded, DEADLINE), unit, "mail")
    ]
    assert [(m.transport, m.status) for m in kept(reminded)] == [
        ("imap", "recorded"),
        ("imap", "unassigned"),
    ]
    assert cli("inbound", "poll", "--once").exit_code == 0  # nothing new: nothing twice
    assert len(kept(reminded)) == 2
    listed = cli("inbound", "list", "--format", "json")
    assert "nguoi-la@example.org" in listed.output


def test_thidua_inbound_serve_records_replies_until_stopped(
    reminded: AppContext, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    """The command as a process of its own: it says where it listens, answers 250 once
    the reply is stored, and stops cleanly on SIGTERM."""
    log = tmp_path / "inbound.log"
    process = start(["inbound", "serve", "--port", "0"], log)
    try:
        port = listening_port(log, process)
        reminder = reminder_to(smtp_server, "vanthu@stc.phutho.example")
        raw = answer("Văn thư <vanthu@stc.phutho.example>", replying_to=reminder)
        with smtplib.SMTP("127.0.0.1", port, timeout=30) as smtp:
            smtp.sendmail("vanthu@stc.phutho.example", [INBOUND], raw)
        assert [s[2] for s in submissions(reminded)] == ["mail"]
    finally:
        assert stop(process) == 0, log.read_text("utf-8")


def listening_port(log: Path, process: subprocess.Popen[bytes]) -> int:
    """The port the command says it listens on, once it says so."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        found = re.search(r"SMTP .*:(\d+)\s*$", log.read_text("utf-8"), re.MULTILINE)
        if found:
            return int(found[1])
        assert process.poll() is None, log.read_text("utf-8")
        time.sleep(0.05)
    pytest.fail(f"thidua inbound serve did not start: {log.read_text('utf-8')}")


# --- the office's page ---------------------------------------------------------------------


@pytest.fixture
def clerk(reminded: AppContext) -> Iterator[TestClient]:
    with reminded.database.session() as session, session.begin():
        accounts.add_user(
            session, USERNAME, PASSWORD, display_name=DISPLAY_NAME, now=reminded.now()
        )
    with TestClient(create_app(reminded), follow_redirects=False) as client:
        sign_in(client)
        yield client


def test_the_office_assigns_a_waiting_mail_to_a_unit_and_deadline(
    reminded: AppContext, endpoint: SmtpReceiver, clerk: TestClient, smtp_server: SmtpServer
) -> None:
    raw = answer("Người lạ <nguoi-la@example.org>")
    send(endpoint, raw)
    (mail,) = kept(reminded)
    listing = clerk.get("/mail")
    assert listing.status_code == 200
    assert "nguoi-la@example.org" in listing.text
    assert "Địa chỉ người gửi không phải của đơn vị nào." in listing.text
    eml = clerk.get(f"/mail/{mail.id}.eml")
    assert eml.headers["content-type"].startswith("message/rfc822")
    assert eml.headers["content-disposition"].startswith("attachment")
    assert eml.content.rstrip() == raw.rstrip()

    deadline, unit = occurrence_id(reminded, DEADLINE), unit_id(reminded, "so-tu-phap")
    form = {"unit": str(unit), "deadline": str(deadline)}
    assert clerk.post(f"/mail/{mail.id}/assign", data=form).status_code == 403  # no CSRF
    assert submissions(reminded) == []
    answer_page = clerk.post(
        f"/mail/{mail.id}/assign", data={**form, "csrf_token": csrf_of(listing.text)}
    )
    assert (answer_page.status_code, answer_page.headers["location"]) == (303, "/mail")
    assert submissions(reminded) == [(deadline, unit, "mail", ["Báo cáo quý I.docx"])]
    (mail,) = kept(reminded)
    assert (mail.status, mail.how, mail.decided_by) == ("assigned", "office", DISPLAY_NAME)
    assert receipts_to(smtp_server, "vanthu@stp.phutho.example") == 1
    after = clerk.get("/mail").text
    assert "Đã ghi nhận là báo cáo của Sở Tư pháp" in after
    assert "nguoi-la@example.org" not in after


def test_the_office_is_told_in_vietnamese_when_a_unit_does_not_answer_for_it(
    reminded: AppContext, endpoint: SmtpReceiver, clerk: TestClient
) -> None:
    send(endpoint, answer("Người lạ <nguoi-la@example.org>"))
    (mail,) = kept(reminded)
    token = csrf_of(clerk.get("/mail").text)
    form = {
        "unit": str(unit_id(reminded, "so-noi-vu")),
        "deadline": str(occurrence_id(reminded, DEADLINE)),
        "csrf_token": token,
    }
    assert clerk.post(f"/mail/{mail.id}/assign", data=form).status_code == 303
    assert "Sở Nội vụ không phải trả lời hạn Báo cáo thi đua quý I" in clerk.get("/mail").text
    assert submissions(reminded) == []
    assert kept(reminded)[0].status == "unassigned"


def test_the_office_sets_a_mail_aside_and_keeps_it(
    reminded: AppContext, endpoint: SmtpReceiver, clerk: TestClient
) -> None:
    send(endpoint, answer("Quảng cáo <khuyen-mai@example.org>", files=()))
    (mail,) = kept(reminded)
    token = csrf_of(clerk.get("/mail").text)
    assert clerk.post(f"/mail/{mail.id}/dismiss", data={"csrf_token": token}).status_code == 303
    (mail,) = kept(reminded)
    assert mail.status == "dismissed"
    assert "khuyen-mai@example.org" not in clerk.get("/mail").text
    assert clerk.get(f"/mail/{mail.id}.eml").status_code == 200  # kept
