"""calendars.ical: every feed of the examples follows RFC 5545 / 7986 to the byte, each kind
of event carries what a calendar needs, and Vietnamese text survives any fold."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from calendars import ical
from calendars import models as m
from calendars.feeds import Audience, FeedBuilder, FeedQuery
from calendars.ical import CampaignInfo, RenderOptions
from config.settings import Settings
from tests.conftest import EXAMPLES, Cli
from tests.ical_checks import (
    check_feed_bytes,
    parsed_events,
    unfold,
    write_extra_campaign,
)
from thidua.context import AppContext

TODAY = date(2024, 1, 15)


@pytest.fixture
def loaded(sqlite_settings: Settings, cli: Cli, tmp_path: Path) -> Iterator[AppContext]:
    """The examples and a campaign with a meeting and a recurring deadline, on SQLite."""
    extra = write_extra_campaign(tmp_path)
    result = cli("load", *sorted(EXAMPLES.iterdir()), extra, "--now", "2024-01-02T08:00")
    assert result.exit_code == 0, result.output
    context = AppContext(settings=sqlite_settings)
    yield context
    context.close()


def build(context: AppContext, query: FeedQuery, today: date = TODAY) -> bytes:
    with context.database.session() as session:
        return FeedBuilder(context.settings).build(session, query, today).body


def all_queries(context: AppContext) -> list[FeedQuery]:
    with context.database.session() as session:
        campaigns = [c.code for c in session.query(m.Campaign)]
        groups = [g.code for g in session.query(m.Group)]
    audiences = [Audience("all"), Audience("unit", "so-noi-vu"), Audience("unit", "ubnd-tam-nong")]
    audiences += [Audience("campaign", c) for c in campaigns]
    audiences += [Audience("group", g) for g in groups]
    queries = [FeedQuery(a) for a in audiences]
    queries += [FeedQuery(Audience("all"), alarms=True), FeedQuery(Audience("all"), ("deadline",))]
    return queries


def test_every_feed_follows_the_byte_rules(loaded: AppContext) -> None:
    queries = all_queries(loaded)
    assert len(queries) > 25
    for query in queries:
        data = build(loaded, query)
        check_feed_bytes(data)
        Calendar.from_ical(data)  # and icalendar reads it back


def test_calendar_properties(loaded: AppContext) -> None:
    text = unfold(build(loaded, FeedQuery(Audience("campaign", "tam-nong-2024"))))
    header = text.split("BEGIN:VEVENT")[0]
    for line in (
        "VERSION:2.0",
        "PRODID:-//thidua//Lịch thi đua//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "NAME:Phong trào thi đua yêu nước năm 2024 huyện Tam Nông",
        "X-WR-CALNAME:Phong trào thi đua yêu nước năm 2024 huyện Tam Nông",
        "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
        "REFRESH-INTERVAL;VALUE=DURATION:PT12H",
        "X-PUBLISHED-TTL:PT12H",
    ):
        assert f"\n{line}\n" in header, line
    assert "\nDESCRIPTION:Kế hoạch của UBND huyện Tam Nông. Chủ đề: Đảng bộ\\, " in header
    # ical.js and icalendar read X-WR-CALDESC as written: no TEXT escapes
    assert "\nX-WR-CALDESC:Kế hoạch của UBND huyện Tam Nông. Chủ đề: Đảng bộ, " in header
    # no TZID is used, so no VTIMEZONE is sent
    assert "VTIMEZONE" not in text


def test_commemoration_deadline_phase_and_meeting(loaded: AppContext) -> None:
    events = parsed_events(build(loaded, FeedQuery(Audience("all"))))
    # a campaign's own feed keeps its commemorations (shared feeds merge national days)
    tam_nong = parsed_events(build(loaded, FeedQuery(Audience("campaign", "tam-nong-2024"))))
    party = tam_nong["tam-nong-2024/thanh-lap-dang/20240203@thidua.local"]
    assert party["SUMMARY"] == (
        "94 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 – 03/02/2024)"
    )
    assert party.decoded("DTSTART") == date(2024, 2, 3)
    assert party.decoded("DTEND") == date(2024, 2, 4)
    assert party["DTSTART"].params["VALUE"] == "DATE"
    assert (party["TRANSP"], party["STATUS"]) == ("TRANSPARENT", "CONFIRMED")
    assert party["CATEGORIES"].cats == ["Ngày kỷ niệm"]
    assert party.decoded("SEQUENCE") == 0
    assert party.decoded("DTSTAMP") == party.decoded("LAST-MODIFIED")
    assert party.decoded("DTSTAMP") == datetime(2024, 1, 2, 1, 0, tzinfo=UTC)
    assert str(party["URL"]) == "http://127.0.0.1:8000/feeds/campaigns/tam-nong-2024.ics"

    army = events["ngay-ky-niem:thanh-lap-quan-doi/20241222@thidua.local"]
    assert army["SUMMARY"].startswith("80 năm Ngày thành lập Quân đội nhân dân Việt Nam")
    assert "Năm chẵn (năm tròn)" in army["DESCRIPTION"]

    deadline = events["vinh-phuc-2024/van-ban-phat-dong@thidua.local"]
    assert deadline["SUMMARY"] == "Hạn: Gửi văn bản phát động thi đua năm 2024"
    assert deadline.decoded("DTSTART") == date(2024, 2, 15)
    assert deadline.decoded("DTEND") == date(2024, 2, 16)
    description = str(deadline["DESCRIPTION"])
    for part in (
        "Hạn cuối: Thứ Năm, 15/02/2024",  # the effective day
        "Theo văn bản: trước ngày 15/02/2024",  # the wording
        "Ngày 14/02/2024 là Mùng năm Tết Nguyên Đán",  # why it moved
        "Nội dung: Văn bản phát động thi đua của cơ quan, đơn vị",  # what is due
        "Đơn vị thực hiện: Các sở, ban, ngành",  # from whom (group names, not codes)
        "Nơi nhận: Cơ quan Thường trực Hội đồng Thi đua - Khen thưởng tỉnh",  # to whom
        "Văn bản: Công văn của UBND tỉnh Vĩnh Phúc",  # the document
    ):
        assert part in description, part
    assert deadline["CATEGORIES"].cats == ["Thời hạn"]

    phase = events["tam-nong-2024/dot-1@thidua.local"]
    assert phase["TRANSP"] == "TRANSPARENT"
    assert phase.decoded("DTEND") == date(2024, 7, 1)
    assert "Chào mừng: Ngày thành lập Đảng Cộng sản Việt Nam" in phase["DESCRIPTION"]

    meeting = events["hop-thi-dua-2024/hoi-nghi-ky-giao-uoc@thidua.local"]
    start = meeting.decoded("DTSTART")
    assert start == datetime(2024, 1, 23, 1, 0, tzinfo=UTC)
    assert meeting["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert meeting.decoded("DTEND") - start == timedelta(hours=3, minutes=30)
    assert meeting["TRANSP"] == "OPAQUE"
    assert str(meeting["LOCATION"]).startswith("Hội trường UBND tỉnh")

    quarterly = [uid for uid in events if uid.startswith("hop-thi-dua-2024/bao-cao-quy/")]
    # recurring: one UID per occurrence, named by the day the rule gives
    assert quarterly == [
        "hop-thi-dua-2024/bao-cao-quy/20240315@thidua.local",
        "hop-thi-dua-2024/bao-cao-quy/20240615@thidua.local",
        "hop-thi-dua-2024/bao-cao-quy/20240915@thidua.local",
        "hop-thi-dua-2024/bao-cao-quy/20241215@thidua.local",
    ]


def test_a_timed_meeting_brings_its_vtimezone(loaded: AppContext) -> None:
    data = build(loaded, FeedQuery(Audience("campaign", "hop-thi-dua-2024")))
    text = unfold(data)
    assert text.count("BEGIN:VTIMEZONE") == 1
    assert text.index("BEGIN:VTIMEZONE") < text.index("BEGIN:VEVENT")
    assert "DTSTART;TZID=Asia/Ho_Chi_Minh:20240123T080000" in text
    calendar = Calendar.from_ical(data)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]


def test_alarms_only_on_request(loaded: AppContext) -> None:
    plain = build(loaded, FeedQuery(Audience("campaign", "hop-thi-dua-2024")))
    assert b"VALARM" not in plain
    with_alarms = parsed_events(
        build(loaded, FeedQuery(Audience("campaign", "hop-thi-dua-2024"), alarms=True))
    )
    deadline = with_alarms["hop-thi-dua-2024/bao-cao-quy/20240315@thidua.local"]
    triggers = [alarm.decoded("TRIGGER") for alarm in deadline.walk("VALARM")]
    # 7, 3, 1 and 0 days before the last day (14/03), at the digest hour 07:30
    assert triggers == [
        timedelta(days=-7, hours=7, minutes=30),
        timedelta(days=-3, hours=7, minutes=30),
        timedelta(days=-1, hours=7, minutes=30),
        timedelta(hours=7, minutes=30),
    ]
    assert [str(a["ACTION"]) for a in deadline.walk("VALARM")] == ["DISPLAY"] * 4
    meeting = with_alarms["hop-thi-dua-2024/hoi-nghi-ky-giao-uoc@thidua.local"]
    assert [a.decoded("TRIGGER") for a in meeting.walk("VALARM")] == [timedelta(hours=-1)]
    commemoration = with_alarms["hop-thi-dua-2024/thanh-lap-tinh/20240101@thidua.local"]
    assert commemoration.walk("VALARM") == []


def test_no_url_without_a_base_url(loaded: AppContext) -> None:
    loaded.settings.base_url = ""
    assert b"\r\nURL:" not in build(loaded, FeedQuery(Audience("all")))


def test_same_data_same_bytes(loaded: AppContext) -> None:
    for query in all_queries(loaded)[:6]:
        assert build(loaded, query) == build(loaded, query)
    # a builder keeps its fragments; the bytes are the same as from a fresh one
    with loaded.database.session() as session:
        builder = FeedBuilder(loaded.settings)
        first = builder.build(session, FeedQuery(Audience("all")), TODAY)
        again = builder.build(session, FeedQuery(Audience("all")), TODAY)
    assert first.body == again.body and first.etag == again.etag
    assert builder.rendered == first.events  # the second build rendered nothing


def test_occurrence_calendar_for_a_reminder(loaded: AppContext) -> None:
    with loaded.database.session() as session:
        occurrence = (
            session.query(m.Occurrence)
            .filter_by(uid="hop-thi-dua-2024/hoi-nghi-ky-giao-uoc@thidua.local")
            .one()
        )
        data = ical.occurrence_calendar(occurrence, occurrence.campaign, loaded.settings)
    check_feed_bytes(data)
    calendar = Calendar.from_ical(data)
    assert calendar["METHOD"] == "PUBLISH"
    assert [str(e["UID"]) for e in calendar.walk("VEVENT")] == [occurrence.uid]
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    assert calendar["X-WR-CALNAME"] == "Hội nghị và báo cáo định kỳ về thi đua năm 2024"


# --- text and folding, whatever the text ---------------------------------------------------

VIETNAMESE = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
)
text_strategy = st.text(
    alphabet=st.sampled_from(
        [*VIETNAMESE, *VIETNAMESE.upper(), " ", ",", ";", "\\", ":", "\n", "–", "“", "😀", "\u0301"]
    ),
    min_size=1,
    max_size=400,
)


def transient_occurrence(title: str, note: str) -> m.Occurrence:
    moment = datetime(2024, 1, 2, 1, 0, tzinfo=UTC)
    return m.Occurrence(
        uid="c/e@thidua.local",
        campaign_id=1,
        event_id=1,
        kind="deadline",
        title=title,
        start_date=date(2024, 2, 15),
        end_date=date(2024, 2, 15),
        start_time=None,
        end_time=None,
        details={"what": title, "wording": note, "note": note, "responsible": ["u"]},
        content_hash="x",
        sequence=3,
        created_at=moment,
        updated_at=moment,
        cancelled_at=None,
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=text_strategy, note=text_strategy)
def test_any_vietnamese_text_folds_safely_and_round_trips(title: str, note: str) -> None:
    occurrence = transient_occurrence(title, note)
    info = CampaignInfo(code="c", title=note, document="Kế hoạch của UBND tỉnh")
    fragment = ical.event_fragment(occurrence, info, {"u": title}, RenderOptions())
    meta = ical.CalendarMeta(name=title, description=note)
    data = ical.assemble(meta, [fragment])
    check_feed_bytes(data)
    event = Calendar.from_ical(data).walk("VEVENT")[0]
    nfc_title = unicodedata.normalize("NFC", title)
    # one-line properties turn line breaks into spaces
    summary = re.sub(r"\s*\n\s*", " ", f"Hạn: {nfc_title}").strip()
    assert str(event["SUMMARY"]) == summary
    assert f"Nội dung: {nfc_title}" in str(event["DESCRIPTION"])
    assert f"Ghi chú: {unicodedata.normalize('NFC', note)}" in str(event["DESCRIPTION"])
    # icalendar and ical.js read X- properties raw: the name is written as it reads
    raw_name = Calendar.from_ical(data)["X-WR-CALNAME"].to_ical().decode()
    assert raw_name == re.sub(r"\s*\n\s*", " ", nfc_title).strip()


def test_a_cancelled_event_says_so() -> None:
    occurrence = transient_occurrence("Báo cáo", "trước ngày 15/02/2024")
    occurrence.cancelled_at = datetime(2024, 1, 10, tzinfo=UTC)
    info = CampaignInfo(code="c", title="Phong trào", document="Kế hoạch của UBND tỉnh")
    fragment = ical.event_fragment(occurrence, info, {}, RenderOptions(alarms=True))
    event = Calendar.from_ical(ical.assemble(ical.CalendarMeta("a", "b"), [fragment]))
    vevent = event.walk("VEVENT")[0]
    assert vevent["STATUS"] == "CANCELLED"
    assert vevent["SUMMARY"] == "Đã hủy: Hạn: Báo cáo"
    assert vevent.walk("VALARM") == []  # no alarm for what will not happen


def test_refresh_interval_comes_from_settings() -> None:
    header = ical.calendar_header(ical.CalendarMeta("a", "b", refresh="P1D"))
    assert b"\r\nREFRESH-INTERVAL;VALUE=DURATION:P1D\r\n" in header
    assert b"\r\nX-PUBLISHED-TTL:P1D\r\n" in header
    with pytest.raises(ValueError, match="not an ISO 8601 duration"):
        ical.calendar_header(ical.CalendarMeta("a", "b", refresh="12h"))


GOOD = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nREFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n"
    "BEGIN:VTIMEZONE\r\nTZID:Asia/Ho_Chi_Minh\r\nEND:VTIMEZONE\r\n"
    "BEGIN:VEVENT\r\nUID:a@x\r\nDTSTART;TZID=Asia/Ho_Chi_Minh:20240101T080000\r\n"
    "SUMMARY:Ngày thành lập Đảng Cộng sản Việt Nam\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:b@x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


@pytest.mark.parametrize(
    ("broken", "why"),
    [
        (GOOD.replace("VERSION:2.0\r\n", "VERSION:2.0\n"), "bare LF"),
        (GOOD.replace("UID:b@x", "UID:a@x"), "duplicate UIDs"),
        (GOOD.replace("TZID:Asia/Ho_Chi_Minh\r\n", "TZID:UTC\r\n"), "TZIDs without"),
        (GOOD.replace(";VALUE=DURATION", ""), "REFRESH-INTERVAL"),
        (GOOD.replace("SUMMARY:", "SUMMARY:" + "x" * 70), "octets"),
        # "Đảng" folded between the two bytes of "ả"'s UTF-8 sequence
        (GOOD.replace("Đảng", "Đ\xe1\r\n \xba\xa3ng"), "decode"),
    ],
)
def test_the_byte_checks_catch_what_they_promise(broken: str, why: str) -> None:
    check_feed_bytes(GOOD.encode("utf-8"))
    data = broken.encode("utf-8") if "\xba" not in broken else _raw(broken)
    with pytest.raises((AssertionError, UnicodeDecodeError), match=why):
        check_feed_bytes(data)


def _raw(text: str) -> bytes:
    """Text whose \\xe1 \\xba \\xa3 stand for raw bytes (a UTF-8 sequence cut by a fold)."""
    return b"".join(bytes([ord(c)]) if c in "\xe1\xba\xa3" else c.encode("utf-8") for c in text)


@settings(max_examples=200, deadline=None)
@given(
    start=st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 1)),
    days=st.integers(min_value=0, max_value=400),
    at=st.one_of(st.none(), st.times().map(lambda t: t.replace(second=0, microsecond=0))),
)
def test_any_day_or_range_reads_back_the_same(start: date, days: int, at: time | None) -> None:
    occurrence = transient_occurrence("Hội nghị", "ghi chú")
    occurrence.kind = "phase" if at is None else "meeting"
    occurrence.start_date = start
    occurrence.end_date = start + timedelta(days=0 if at else days)
    occurrence.start_time = at
    occurrence.end_time = at
    occurrence.details = {"timezone": "Asia/Ho_Chi_Minh"} if at else {}
    info = CampaignInfo(code="c", title="Phong trào", document="Kế hoạch của UBND tỉnh")
    fragment = ical.event_fragment(occurrence, info, {}, RenderOptions())
    data = ical.assemble(ical.CalendarMeta("a", "b"), [fragment])
    check_feed_bytes(data)
    event = Calendar.from_ical(data).walk("VEVENT")[0]
    if at is None:
        assert event["DTSTART"].params["VALUE"] == "DATE"
        assert event.decoded("DTSTART") == start
        assert event.decoded("DTEND") == occurrence.end_date + timedelta(days=1)
    else:
        zone = ZoneInfo("Asia/Ho_Chi_Minh")
        assert event["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
        assert event.decoded("DTSTART") == datetime.combine(start, at, tzinfo=zone)
