"""Headers round-trip exactly: every subject and display name built by thidua reads back,
with ``email.policy.default``, as the text that was meant — over Vietnamese text
(hypothesis) and over the real templates' subjects for the example deadlines."""

from __future__ import annotations

import email
import unicodedata
from datetime import date, timedelta
from email import policy
from email.mime.text import MIMEText
from typing import cast

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from notifiers.addresses import mailbox, one_line, phrase
from notifiers.base import NoticeKind, Recipient
from notifiers.message import Sender, _subject_header, build_message, file_name, serialise
from tests import notices as n

VIETNAMESE = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxy"
    "AĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY"
    "áàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
    "ÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ"
)
PUNCTUATION = " –-—,.;:!?()[]{}\"'/\\<>@=_%&*#0123456789\t\r\n"
vietnamese_text = st.text(alphabet=VIETNAMESE + PUNCTUATION, max_size=300)
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=200)
SENDER = Sender("Ban Thi đua - Khen thưởng", "thidua@snv.phutho.example")
TODAY = date(2024, 2, 12)

# The subject from the issue: CPython 3.11's default policy folds it into encoded words
# with the space between "quý" and "–" outside them, and it comes back as "quý–".
ISSUE_SUBJECT = "[Nhắc lịch] Hạn nộp báo cáo quý – còn 1 ngày"


def subject_back(subject: str) -> str:
    part = MIMEText("x", "plain", "utf-8")
    part["Subject"] = _subject_header(subject)
    parsed = email.message_from_bytes(serialise(part), policy=policy.default)
    return str(parsed["Subject"])


def parse(data: bytes) -> email.message.EmailMessage:
    return cast(email.message.EmailMessage, email.message_from_bytes(data, policy=policy.default))


@given(vietnamese_text)
@example(ISSUE_SUBJECT)
@example("[Nhắc hạn] Báo cáo =?utf-8?q?gi=E1=BA=A3?= – còn 1 ngày")  # looks encoded: is not
@example("a" * 200)  # one long word
@example(" ".join(["Hạn"] * 60))
@settings(max_examples=400, deadline=None)
def test_any_vietnamese_subject_round_trips(text: str) -> None:
    subject = one_line(text)
    assert subject_back(subject) == subject


@given(any_text)
@settings(max_examples=300, deadline=None)
def test_any_unicode_subject_round_trips(text: str) -> None:
    subject = one_line(text)
    assert subject_back(subject) == subject


@given(vietnamese_text)
@settings(max_examples=150, deadline=None)
def test_a_reminder_subject_round_trips_through_the_whole_message(title: str) -> None:
    item = n.due_item(n.VINH_PHUC, TODAY, title=title)
    notice = n.notice("reminder", "so-tai-chinh", TODAY, (item,))
    message = build_message(notice, SENDER, n.at(TODAY))
    assert message.subject == one_line(f"[Nhắc hạn] {title} – còn 3 ngày")
    assert parse(message.data)["Subject"] == message.subject


def test_the_issue_subject_round_trips_in_a_real_reminder() -> None:
    item = n.due_item(n.VINH_PHUC, date(2024, 2, 14), title="Hạn nộp báo cáo quý")
    notice = n.notice("reminder", "so-tai-chinh", date(2024, 2, 14), (item,))
    message = build_message(notice, SENDER, n.at(date(2024, 2, 14)))
    assert parse(message.data)["Subject"] == "[Nhắc hạn] Hạn nộp báo cáo quý – còn 1 ngày"
    assert subject_back(ISSUE_SUBJECT) == ISSUE_SUBJECT


DEADLINES = (n.VINH_PHUC, n.HA_GIANG_MID, n.HA_GIANG_END, n.TAM_NONG)
KINDS: tuple[NoticeKind, ...] = ("reminder", "digest", "overdue", "late_list")


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_every_template_subject_round_trips(kind: NoticeKind, language: str) -> None:
    checked = 0
    for uid in DEADLINES:
        effective = n.due_item(uid, TODAY).effective_date
        for offset in (7, 3, 1, 0, -1, -4):
            today = effective - timedelta(days=offset)
            items = (n.due_item(uid, today),)
            if kind == "digest":
                items += tuple(n.due_item(other, today) for other in DEADLINES if other != uid)
            lists = (n.late_list(uid, today, ("so-tai-chinh", "ubnd-tam-nong"), 40),)
            notice = n.notice(
                kind,
                "ban-tdkt" if kind == "late_list" else "ubnd-tam-nong",
                today,
                () if kind == "late_list" else items,
                late_lists=lists if kind == "late_list" else (),
                language=language,
            )
            message = build_message(notice, SENDER, n.at(today))
            assert parse(message.data)["Subject"] == message.subject
            assert unicodedata.is_normalized("NFC", message.subject)
            checked += 1
    assert checked == 24


@given(st.lists(vietnamese_text, min_size=1, max_size=3))
@example(["Ủy ban nhân dân huyện Tam Nông, tỉnh Phú Thọ (Văn phòng HĐND và UBND huyện)"])
@example(['Sở "Nội vụ", Phú Thọ', "Plain, Name \\ x", "=?utf-8?q?x?="])
@example(["Sở Tài chính\r\nBcc: evil@attacker.example"])
@example(["a" * 200, "x " * 100, '"' * 90])
@settings(max_examples=300, deadline=None)
def test_display_names_round_trip_and_add_no_address(names: list[str]) -> None:
    addresses = [f"unit{i}@phutho.example" for i in range(len(names))]
    part = MIMEText("x", "plain", "utf-8")
    part["To"] = ", ".join(mailbox(name, a) for name, a in zip(names, addresses, strict=True))
    parsed = parse(serialise(part))
    found = [(a.display_name, a.addr_spec) for a in parsed["To"].addresses]
    assert found == [(one_line(name), a) for name, a in zip(names, addresses, strict=True)]
    assert [key for key, _ in parsed.items()] == [
        "Content-Type",
        "MIME-Version",
        "Content-Transfer-Encoding",
        "To",
    ]


def test_plain_ascii_names_stay_readable() -> None:
    assert phrase("Ban TDKT") == "Ban TDKT"
    assert phrase("Ban T.D.K.T, Phu Tho") == 'Ban "T.D.K.T," Phu Tho'
    assert phrase("Sở Tài chính").startswith("=?utf-8?")
    assert phrase("Ban Thi đua - Khen thưởng").startswith("Ban Thi =?utf-8?")


def test_a_long_name_needs_no_overlong_header_line() -> None:
    unit = Recipient(
        "ubnd",
        "Ủy ban nhân dân huyện Tam Nông, tỉnh Phú Thọ (Văn phòng HĐND và UBND huyện)",
        ("vanthu@tamnong.phutho.example", "noivu@tamnong.phutho.example"),
    )
    notice = n.notice(
        "reminder", "ubnd-tam-nong", TODAY, (n.due_item(n.VINH_PHUC, TODAY),), to=unit
    )
    message = build_message(notice, SENDER, n.at(TODAY))
    headers = message.data.split(b"\r\n\r\n", 1)[0].split(b"\r\n")
    assert max(len(line) for line in headers) <= 78
    assert [a.display_name for a in parse(message.data)["To"].addresses] == [unit.name] * 2


@given(any_text)
@example("Kế hoạch/số 12:2024 *mới*?.ics")
@example("..")
@example("Báo cáo " * 80)
@settings(max_examples=300, deadline=None)
def test_file_names_are_safe_nfc_and_short(text: str) -> None:
    name = file_name(text)
    assert name and name not in {".", ".."}
    assert not set(name) & set('/\\:*?"<>|\x00\r\n')
    assert unicodedata.is_normalized("NFC", name)
    assert len(name.encode()) <= 120
