"""A notice as message bytes, parsed back with the e-mail package's default policy:
headers, the text and HTML parts in Vietnamese and English, the .ics attachments."""

from __future__ import annotations

import base64
import email
import re
from dataclasses import replace
from datetime import date
from email import policy
from email.message import EmailMessage
from typing import cast

import idna
import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar

from config.settings import Settings
from notifiers import message as message_module
from notifiers.addresses import InvalidAddress
from notifiers.base import Attachment, DocumentRef, Notice, Recipient, TransportError
from notifiers.message import OutgoingMessage, Sender, build_message
from tests import notices as n
from translations import gettext

SENDER = Sender(
    "Ban Thi đua - Khen thưởng",
    "thidua@snv.phutho.example",
    ("Văn phòng Ban TĐKT", "bantdkt@snv.phutho.example"),
)
TODAY = date(2024, 2, 12)  # Thứ Hai; Vĩnh Phúc's deadline is Thứ Năm 15/02/2024


def build(notice: Notice, sender: Sender = SENDER) -> tuple[OutgoingMessage, EmailMessage]:
    message = build_message(notice, sender, n.at(notice.today))
    parsed = email.message_from_bytes(message.data, policy=policy.default)
    return message, cast(EmailMessage, parsed)


def text_of(parsed: EmailMessage) -> str:
    body = parsed.get_body(("plain",))
    assert body is not None
    return cast(str, body.get_content())


def html_of(parsed: EmailMessage) -> str:
    body = parsed.get_body(("html",))
    assert body is not None
    return cast(str, body.get_content())


def reminder(today: date = TODAY, **changes: object) -> Notice:
    item = n.due_item(n.VINH_PHUC, today)
    return n.notice("reminder", "so-tai-chinh", today, (item,), **changes)


# --- the reminder of a real document ---------------------------------------------------


def test_reminder_headers() -> None:
    message, parsed = build(reminder())
    assert parsed["Subject"] == "[Nhắc hạn] Gửi văn bản phát động thi đua năm 2024 – còn 3 ngày"
    sender = parsed["From"].addresses[0]
    assert (sender.display_name, sender.addr_spec) == (SENDER.name, SENDER.address)
    reply_to = parsed["Reply-To"].addresses[0]
    assert (reply_to.display_name, reply_to.addr_spec) == SENDER.reply_to
    [to] = parsed["To"].addresses
    assert (to.display_name, to.addr_spec) == ("Sở Tài chính", "vanthu@stc.phutho.example")
    assert parsed["Message-ID"] == "<r-reminder-so-tai-chinh-20240212@thidua.local>"
    assert parsed["Auto-Submitted"] == "auto-generated"
    assert parsed["Date"].datetime == n.at(TODAY)
    assert parsed["Content-Language"] == "vi"
    assert message.mail_from == "thidua@snv.phutho.example"
    assert message.recipients == ("vanthu@stc.phutho.example",)
    assert not parsed.defects


def test_reminder_structure_is_mixed_alternative_and_calendar() -> None:
    _, parsed = build(reminder())
    assert parsed.get_content_type() == "multipart/mixed"
    parts = [part.get_content_type() for part in parsed.walk()]
    assert parts == [
        "multipart/mixed",
        "multipart/alternative",
        "text/plain",
        "text/html",
        "text/calendar",
    ]


def test_reminder_text_names_document_what_receiver_wording_and_last_day() -> None:
    text = text_of(build(reminder())[1])
    assert text.startswith("Kính gửi: Sở Tài chính\n")
    for expected in (
        "Gửi văn bản phát động thi đua năm 2024",
        "Hạn cuối:      Thứ Năm, 15/02/2024 – còn 3 ngày",
        # The document's "trước ngày 15/02/2024" means 14/02, a Tết day: moved to the 15th.
        "(ngày cuối theo văn bản là Thứ Tư, 14/02/2024, ngày nghỉ Mùng năm Tết Nguyên Đán)",
        "Theo văn bản:  trước ngày 15/02/2024",
        "Nội dung:      Văn bản phát động thi đua của cơ quan, đơn vị",
        "Gửi về:        Cơ quan Thường trực Hội đồng Thi đua - Khen thưởng tỉnh",
        "Căn cứ:        Công văn của UBND tỉnh Vĩnh Phúc",
        "Phong trào:    Phong trào thi đua thực hiện thắng lợi các mục tiêu",
        "http://127.0.0.1:8000/submit/vinh-phuc-2024/van-ban-phat-dong@thidua.local?sig=abc&unit=x",
        "http://127.0.0.1:8000/feeds/unit/so-tai-chinh-token.ics",
        "Tệp lịch (.ics) đính kèm",
    ):
        assert expected in text, expected
    assert "<" not in text  # no markup in the text part


def test_reminder_html_says_the_same_and_links() -> None:
    html = html_of(build(reminder())[1])
    assert '<html lang="vi">' in html
    for expected in (
        "Sở Tài chính",
        "Thứ Năm, 15/02/2024",
        "còn 3 ngày",
        "trước ngày 15/02/2024",
        "Công văn của UBND tỉnh Vĩnh Phúc",
        ">Đã gửi báo cáo</a>",
        'href="http://127.0.0.1:8000/submit/vinh-phuc-2024/van-ban-phat-dong@thidua.local'
        '?sig=abc&amp;unit=x"',
        'href="http://127.0.0.1:8000/feeds/unit/so-tai-chinh-token.ics"',
    ):
        assert expected in html, expected


def test_the_ics_attachment_parses_with_icalendar() -> None:
    _, parsed = build(reminder())
    [attachment] = list(parsed.iter_attachments())
    assert attachment.get_filename() == "Gửi văn bản phát động thi đua năm 2024.ics"
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_param("method") == "PUBLISH"
    payload = attachment.get_payload(decode=True)
    assert isinstance(payload, bytes)
    [event] = Calendar.from_ical(payload).walk("VEVENT")
    assert str(event["UID"]) == n.VINH_PHUC
    assert event.decoded("DTSTART") == date(2024, 2, 15)
    assert str(event["SUMMARY"]) == "Gửi văn bản phát động thi đua năm 2024"


def test_the_document_number_and_date_when_known() -> None:
    document = DocumentRef("Kế hoạch", "UBND tỉnh Phú Thọ", "12/KH-UBND", date(2024, 1, 5))
    item = n.due_item(n.VINH_PHUC, TODAY, document=document)
    notice = n.notice("reminder", "so-tai-chinh", TODAY, (item,))
    assert "Căn cứ:        Kế hoạch số 12/KH-UBND ngày 05/01/2024 của UBND tỉnh Phú Thọ" in (
        text_of(build(notice)[1])
    )
    english = n.notice("reminder", "so-tai-chinh", TODAY, (item,), language="en")
    assert (
        "Under:         Plan (Kế hoạch) No. 12/KH-UBND of 5 January 2024"
        " issued by UBND tỉnh Phú Thọ" in text_of(build(english)[1])
    )


@pytest.mark.parametrize(
    ("today", "vi", "en"),
    [
        (date(2024, 2, 8), "còn 7 ngày", "7 days left"),
        (date(2024, 2, 14), "còn 1 ngày", "1 day left"),
        (date(2024, 2, 15), "hôm nay là hạn cuối", "today is the last day"),
        (date(2024, 2, 16), "đã quá hạn 1 ngày", "1 day overdue"),
        (date(2024, 2, 19), "đã quá hạn 4 ngày", "4 days overdue"),
    ],
)
def test_days_left_in_both_languages(today: date, vi: str, en: str) -> None:
    _, parsed = build(reminder(today))
    assert parsed["Subject"].endswith(f" – {vi}")
    assert vi in text_of(parsed) and vi in html_of(parsed)
    _, english = build(reminder(today, language="en"))
    assert english["Subject"].endswith(f" – {en}")
    assert en in text_of(english) and en in html_of(english)


def test_english_reminder() -> None:
    _, parsed = build(reminder(language="en"))
    assert parsed["Subject"] == "[Reminder] Gửi văn bản phát động thi đua năm 2024 – 3 days left"
    assert parsed["Content-Language"] == "en"
    text = text_of(parsed)
    assert text.startswith("To: Sở Tài chính\n")
    assert "Last day:      Thursday, 15 February 2024 – 3 days left" in text
    assert "(the document's last day is Wednesday, 14 February 2024, a day off: Mùng năm" in text
    assert "As written:    trước ngày 15/02/2024" in text
    assert "Under:         Official letter (Công văn) issued by UBND tỉnh Vĩnh Phúc" in text
    html = html_of(parsed)
    assert '<html lang="en">' in html and ">Report sent</a>" in html


# --- the other kinds -----------------------------------------------------------------


def test_digest_lists_every_item_late_first_and_attaches_each_ics() -> None:
    today = date(2023, 7, 3)
    late = n.due_item(n.HA_GIANG_MID, today)  # 29/06/2023: 4 days late
    coming = n.due_item(n.HA_GIANG_END, today)  # 29/11/2023
    notice = n.notice("digest", "so-tai-chinh", today, (coming, late))
    _, parsed = build(notice)
    assert parsed["Subject"] == "[Nhắc hạn] 2 nội dung cần gửi, 1 nội dung đã quá hạn"
    text = text_of(parsed)
    assert text.index("ĐÃ QUÁ HẠN") < text.index("1. Báo cáo sơ kết") < text.index("SẮP ĐẾN HẠN")
    assert text.index("SẮP ĐẾN HẠN") < text.index("2. Báo cáo tổng kết")
    assert "Thứ Năm, 29/06/2023 – đã quá hạn 4 ngày" in text
    assert "Thứ Tư, 29/11/2023 – còn 149 ngày" in text
    names = [part.get_filename() for part in parsed.iter_attachments()]
    assert names == [
        "Báo cáo sơ kết phong trào thi đua năm 2023.ics",
        "Báo cáo tổng kết phong trào thi đua năm 2023.ics",
    ]


def test_digest_of_coming_items_names_the_first_day() -> None:
    today = date(2023, 6, 26)
    items = (n.due_item(n.HA_GIANG_END, today), n.due_item(n.HA_GIANG_MID, today))
    _, parsed = build(n.notice("digest", "so-y-te", today, items))
    assert (
        parsed["Subject"]
        == "[Nhắc hạn] 2 nội dung cần gửi – gần nhất Thứ Năm, 29/06/2023 (còn 3 ngày)"
    )
    _, english = build(n.notice("digest", "so-y-te", today, items, language="en"))
    assert english["Subject"] == (
        "[Reminder] 2 items due – the first on Thursday, 29 June 2023 (3 days left)"
    )


def test_a_digest_of_one_reads_like_a_reminder_and_a_reminder_of_many_like_a_digest() -> None:
    today = date(2023, 7, 3)
    late = n.due_item(n.HA_GIANG_MID, today)
    coming = n.due_item(n.HA_GIANG_END, today)
    _, one = build(n.notice("digest", "so-y-te", today, (coming,)))
    assert (
        one["Subject"] == "[Nhắc hạn] Báo cáo tổng kết phong trào thi đua năm 2023 – còn 149 ngày"
    )
    _, one_late = build(n.notice("digest", "so-y-te", today, (late,)))
    assert one_late["Subject"].startswith("[Quá hạn] Báo cáo sơ kết")
    _, many = build(n.notice("reminder", "so-y-te", today, (coming, late), language="en"))
    assert many["Subject"] == "[Reminder] 2 items due, 1 overdue"


@pytest.mark.parametrize("kind", ["reminder", "digest", "overdue", "late_list"])
def test_a_notice_without_content_is_refused(kind: str) -> None:
    with pytest.raises(ValueError, match="names no deadline"):
        build(n.notice(kind, "so-y-te", TODAY, ()))  # type: ignore[arg-type]


def test_overdue_notice() -> None:
    today = date(2023, 7, 3)
    notice = n.notice("overdue", "ubnd-tam-nong", today, (n.due_item(n.HA_GIANG_MID, today),))
    _, parsed = build(notice)
    assert (
        parsed["Subject"]
        == "[Quá hạn] Báo cáo sơ kết phong trào thi đua năm 2023 – đã quá hạn 4 ngày"
    )
    text = text_of(parsed)
    assert (
        "Đến Thứ Hai, 03/07/2023, Sở Nội vụ tỉnh Phú Thọ chưa nhận được của UBND huyện Tam Nông"
        in text
    )
    assert "Đề nghị đơn vị khẩn trương gửi" in text


def test_late_list_for_the_office() -> None:
    today = date(2023, 7, 3)
    lists = (n.late_list(n.HA_GIANG_MID, today, ("so-tai-chinh", "ubnd-tam-nong"), total=40),)
    notice = n.notice("late_list", "ban-tdkt", today, late_lists=lists, feed_url=None)
    _, parsed = build(notice)
    assert (
        parsed["Subject"]
        == "[Đôn đốc] 2/40 đơn vị chưa gửi: Báo cáo sơ kết phong trào thi đua năm 2023"
    )
    text = text_of(parsed)
    assert "Đã gửi:        38/40 đơn vị" in text
    assert "- Sở Tài chính (so-tai-chinh), chậm 4 ngày" in text
    assert "- UBND huyện Tam Nông (ubnd-tam-nong), chậm 4 ngày" in text
    assert "Mở liên kết sau" not in text  # the office does not submit
    html = html_of(parsed)
    assert "<li>Sở Tài chính" in html and "Đã gửi báo cáo" not in html
    two = (*lists, n.late_list(n.HA_GIANG_END, date(2023, 12, 4), ("so-y-te",), total=40))
    _, parsed = build(n.notice("late_list", "ban-tdkt", today, late_lists=two, language="en"))
    assert parsed["Subject"] == "[Follow-up] Units not yet submitted – 2 deadlines, 3 July 2023"


# --- what cannot get in ---------------------------------------------------------------


def test_html_is_autoescaped_and_text_is_not() -> None:
    item = n.due_item(n.VINH_PHUC, TODAY, what='<script>alert("x")</script> & <b>báo cáo</b>')
    hostile = Recipient("x", "Sở <img src=x onerror=alert(1)>", ("vanthu@stc.phutho.example",))
    _, parsed = build(n.notice("reminder", "so-tai-chinh", TODAY, (item,), to=hostile))
    html = html_of(parsed)
    assert "<script>" not in html and "<img" not in html and "<b>báo" not in html
    assert (
        "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;báo cáo&lt;/b&gt;" in html
    )
    assert '<script>alert("x")</script> & <b>báo cáo</b>' in text_of(parsed)


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "http://x.vn/a\r\nBcc: y@z.vn", "http://x.vn/a b", "//x.vn"]
)
def test_only_web_addresses_become_links(link: str) -> None:
    with pytest.raises(ValueError, match="not a web address"):
        build(reminder(feed_url=link))
    item = n.due_item(n.VINH_PHUC, TODAY, submit_url=link)
    with pytest.raises(ValueError, match="not a web address"):
        build(n.notice("reminder", "so-tai-chinh", TODAY, (item,)))


def test_names_and_addresses_cannot_inject_headers() -> None:
    to = Recipient(
        "x",
        "Sở Tài chính\r\nBcc: evil@attacker.example",
        (
            "vanthu@stc.phutho.example\r\nBcc: evil@attacker.example",
            "a@stc.phutho.example, evil@attacker.example",
            "Evil <evil@attacker.example>",
            "ketoan@stc.phutho.example",
        ),
    )
    item = n.due_item(n.VINH_PHUC, TODAY, title="Báo cáo\r\nBcc: evil@attacker.example")
    message, parsed = build(n.notice("reminder", "so-tai-chinh", TODAY, (item,), to=to))
    assert message.recipients == ("ketoan@stc.phutho.example",)
    assert set(message.invalid) == set(to.addresses[:3])
    assert "Bcc" not in parsed
    assert [a.addr_spec for a in parsed["To"].addresses] == ["ketoan@stc.phutho.example"]
    assert parsed["To"].addresses[0].display_name == "Sở Tài chính Bcc: evil@attacker.example"
    assert parsed["Subject"].startswith("[Nhắc hạn] Báo cáo Bcc: evil@attacker.example – ")
    assert b"evil@attacker.example>" not in message.data


def test_no_usable_address_is_a_permanent_failure() -> None:
    to = Recipient("x", "Sở Tài chính", ("not an address", "a@b@c"))
    nowhere = gettext("%(unit)s: no address to send to: %(reasons)s", "vi", unit="x", reasons="")
    with pytest.raises(TransportError, match=re.escape(nowhere)) as caught:
        build(n.notice("reminder", "so-tai-chinh", TODAY, (), to=to))
    assert caught.value.permanent


def test_duplicate_addresses_are_sent_once() -> None:
    to = Recipient(
        "x", "Sở Nội vụ", ("vanthu@snv.example", "VanThu@SNV.example", "bantdkt@snv.example")
    )
    message, parsed = build(reminder(to=to))
    assert message.recipients == ("vanthu@snv.example", "bantdkt@snv.example")
    assert len(parsed["To"].addresses) == 2


def test_internationalised_domain_goes_on_the_wire_in_idna() -> None:
    to = Recipient("x", "Sở Nội vụ", ("vanthu@sởnộivụ.vn",))
    message, parsed = build(reminder(to=to))
    expected = idna.encode("sởnộivụ.vn").decode()  # an independent IDNA implementation
    assert expected.startswith("xn--")
    assert message.recipients == (f"vanthu@{expected}",)
    assert parsed["To"].addresses[0].domain == expected


def test_a_vietnamese_local_part_is_refused_not_mangled() -> None:
    to = Recipient("x", "Sở Nội vụ", ("vănthư@snv.vn", "vanthu@snv.vn"))
    message, _ = build(reminder(to=to))
    assert message.recipients == ("vanthu@snv.vn",)
    assert "SMTPUTF8" in message.invalid["vănthư@snv.vn"]


def test_message_id_must_be_one_id() -> None:
    for bad in ("<r-1@x>", "r-1@x\r\nBcc: y@z", "no-at-sign", "a b@c"):
        with pytest.raises(ValueError, match="Message-ID"):
            build(reminder(message_id=bad))


def test_the_message_is_seven_bit_with_short_lines() -> None:
    long_title = "Báo cáo " + "tổng kết phong trào thi đua " * 12
    item = n.due_item(n.VINH_PHUC, TODAY, title=long_title)
    message, parsed = build(n.notice("reminder", "so-tai-chinh", TODAY, (item,)))
    assert message.data.isascii()
    lines = message.data.split(b"\r\n")
    assert b"\n" not in b"".join(lines)  # CRLF only
    assert max(len(line) for line in lines) <= 998
    header_block = message.data.split(b"\r\n\r\n", 1)[0]
    assert all(len(line) <= 78 for line in header_block.split(b"\r\n"))
    assert parsed["Subject"] == f"[Nhắc hạn] {' '.join(long_title.split())} – còn 3 ngày"


def test_attachments_of_the_notice_keep_vietnamese_names_and_get_unique_ones() -> None:
    data = b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    extra = (
        Attachment(
            "Gửi văn bản phát động thi đua năm 2024.ics", "text/calendar; method=PUBLISH", data
        ),
        Attachment("Kế hoạch/số 12.pdf", "application/pdf", b"%PDF-1.4"),
    )
    _, parsed = build(reminder(attachments=extra))
    names = [part.get_filename() for part in parsed.iter_attachments()]
    assert names == [
        "Gửi văn bản phát động thi đua năm 2024.ics",
        "Gửi văn bản phát động thi đua năm 2024 (2).ics",
        "Kế hoạch-số 12.pdf",
    ]
    pdf = list(parsed.iter_attachments())[2]
    assert pdf.get_content_type() == "application/pdf"
    assert pdf.get_payload(decode=True) == b"%PDF-1.4"


# --- drafts ---------------------------------------------------------------------------


def varied_notices() -> list[Notice]:
    """Notices that share drafts and notices that cannot: several units, long and hostile
    names, several addresses, a Reply-To of the service's own, attachments, no .ics."""
    today = date(2023, 7, 3)
    mid, end = n.due_item(n.HA_GIANG_MID, today), n.due_item(n.HA_GIANG_END, today)
    long_name = "Ủy ban nhân dân huyện " + "Tam Nông tỉnh Phú Thọ " * 6
    pdf = Attachment("Kế hoạch/số 12.pdf", "application/pdf", b"%PDF-1.4")
    found = []
    for unit in ("so-tai-chinh", "so-y-te", "ubnd-tam-nong"):
        found += [
            n.notice("reminder", unit, today, (end,)),
            n.notice("digest", unit, today, (end, mid), language="en"),
            n.notice("overdue", unit, today, (mid,), reply_to=f"nop+{unit}@snv.phutho.example"),
            n.notice("reminder", unit, today, (replace(end, ics=None),), attachments=(pdf,)),
        ]
    odd = Recipient("x", long_name + ' "<b>', ("a@x.vn", "B@X.VN", "c@sởnộivụ.vn", "bad"))
    found.append(n.notice("reminder", "so-y-te", today, (end,), to=odd))
    found.append(n.notice("calendar_link", "so-y-te", today))
    return found


def test_a_message_from_a_draft_has_the_bytes_of_one_serialised_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    message_module._draft.cache_clear()
    drafted = [build_message(notice, SENDER, n.at(notice.today)) for notice in varied_notices()]
    assert message_module._draft.cache_info().hits > 0  # messages shared drafts
    monkeypatch.setattr(message_module, "_draft", lambda *_: None)
    alone = [build_message(notice, SENDER, n.at(notice.today)) for notice in varied_notices()]
    assert [m.data for m in drafted] == [m.data for m in alone]
    assert len({m.data for m in drafted}) == len(drafted)


def test_sender_from_settings_names_the_setting_when_wrong(tmp_path: object) -> None:
    good = Sender.from_settings(
        Settings(mail_from="Ban Thi đua - Khen thưởng <thidua@localhost>", mail_reply_to="")
    )
    assert good == Sender("Ban Thi đua - Khen thưởng", "thidua@localhost", None)
    with pytest.raises(InvalidAddress, match="THIDUA_MAIL_FROM"):
        Sender.from_settings(Settings(mail_from="Ban TĐKT <thidua@localhost>\r\nBcc: x@y.z"))
    with pytest.raises(InvalidAddress, match="THIDUA_MAIL_REPLY_TO"):
        Sender.from_settings(Settings(mail_reply_to="not an address"))


@given(st.text(max_size=2000))
def test_a_body_is_laid_out_as_the_email_package_writes_base64(text: str) -> None:
    # The fast path cuts one encoding into lines; the email package encodes line by line.
    expected = base64.encodebytes(text.encode("utf-8")).replace(b"\n", b"\r\n")
    assert message_module._base64_lines(text) == expected
