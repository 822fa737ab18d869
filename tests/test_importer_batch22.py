"""General rules of the importer found on dev batch 22, each shown on invented sentences: a
news page's stamp set as a bullet ("• Thứ ba, 18/3/2031 16:05 (GMT+7)") dates the page; the
plan a thing is measured against ("so với dự kiến ban đầu") does not tell it to come; a summer
day outside a school year read as the period is the summer that closes it, unless a text written
before the year opens dates that summer still to come; a
congress or a conference a clause opens with, its days next, is one meeting over up to two weeks
(a conference listed before a colon in a plan is no such); in a week's schedule, an hour at
which someone only works at the office ("đồng chí Phó Bí thư làm việc tại cơ quan") is none; a
gathering over days a later paragraph tells to close before its last day ends then (its programme
shortened); one named on its first day in the same paragraph is no meeting apart."""

from __future__ import annotations

from datetime import date

from importer import extract
from importer.model import Deadline, Event, Meeting


def _events(text: str) -> list[Event]:
    return [e for e in extract(text).events if e.kind != "period"]


def _kinds(text: str) -> list[tuple[str, list[tuple[date, ...]]]]:
    return [(e.kind, e.key_dates()) for e in _events(text)]


_BULLETED = (
    "Hội đồng nhân dân huyện Bắc Sơn họp kỳ thứ 7\n\n"
    "  • Thứ ba, 18/3/2031 16:05 (GMT+7)\n  • 2 giờ trước\n\n"
)


def test_a_page_stamp_set_as_a_bullet_dates_the_page() -> None:
    text = _BULLETED + "Kỳ họp thứ 7 sẽ khai mạc vào sáng ngày 20/3."
    extraction = extract(text)
    assert extraction.document.published == date(2031, 3, 18)
    assert [(e.kind, e.day) for e in extraction.of(Meeting)] == [("meeting", date(2031, 3, 20))]


def test_a_sitting_measured_against_the_plan_on_the_pages_day_is_held() -> None:
    text = _BULLETED + (
        "Chiều 18/3, tại phiên họp toàn thể, Hội đồng đã biểu quyết kéo dài kỳ họp thêm một "
        "ngày so với dự kiến ban đầu."
    )
    assert _kinds(text) == []


_FRAME = (
    "Bộ GD&ĐT điều chỉnh khung kế hoạch thời gian năm học 2031-2032\n\n"
    "Theo đó, các trường hoàn thành chương trình học kỳ II trước ngày 4/7 và kết thúc năm học "
    "trước ngày 10/7. Tuyển sinh vào lớp 6 hoàn thành trước ngày 5/8."
)


def test_summer_days_of_a_school_year_fall_in_the_summer_that_closes_it() -> None:
    days = sorted(d for e in extract(_FRAME).of(Deadline) for d in e.days)
    assert days == [date(2032, 7, 4), date(2032, 7, 10), date(2032, 8, 5)]


def test_a_text_written_before_the_school_year_keeps_that_summers_days() -> None:
    text = (
        "KẾ HOẠCH\nNhiệm vụ năm học 2031-2032\n\nBắc Sơn, ngày 20 tháng 7 năm 2031\n\n"
        "Các tổ chuyên môn nộp kế hoạch dạy học trước ngày 15/8."
    )
    assert [d for e in extract(text).of(Deadline) for d in e.days] == [date(2031, 8, 15)]


def test_a_congress_over_nine_days_is_one_meeting() -> None:
    text = (
        "Tin tức\n\nĐại hội đại biểu Hội Nông dân tỉnh Bắc Sơn lần thứ X sẽ diễn ra từ ngày "
        "3/10 đến ngày 12/10/2031."
    )
    assert _kinds(text) == [("meeting", [(date(2031, 10, 3), date(2031, 10, 12))])]


def test_a_conference_a_plan_lists_before_a_colon_is_no_long_meeting() -> None:
    text = "KẾ HOẠCH năm 2031\n\nHội nghị cán bộ, công chức: từ ngày 1/12 đến ngày 15/12/2031."
    assert all(e.kind != "meeting" for e in _events(text))


_WEEK = """LỊCH LÀM VIỆC CỦA THƯỜNG TRỰC HUYỆN ỦY (từ ngày 6/10 đến ngày 10/10/2031)
Thứ Tư, ngày 8/10/2031
- 7 giờ 30, đồng chí Bí thư Huyện ủy dự Hội nghị sơ kết công tác dân vận quý III. Điểm tại \
Hội trường Huyện ủy.
- 13 giờ 30, đồng chí Phó Bí thư Huyện ủy làm việc tại cơ quan.
"""


def test_an_hour_at_the_office_in_a_week_schedule_is_no_meeting() -> None:
    meetings = extract(_WEEK).of(Meeting)
    assert [(m.day, m.start_time.hour if m.start_time else None) for m in meetings] == [
        (date(2031, 10, 8), 7)
    ]


def test_a_gathering_told_later_to_close_earlier_ends_then() -> None:
    text = (
        "Tin tức\n\nHội nghị Ban Chấp hành Hội Nông dân tỉnh sẽ diễn ra từ ngày 10 đến "
        "14/11/2031.\n\nDo hoàn thành sớm các nội dung, Hội nghị sẽ bế mạc vào ngày 13/11."
    )
    spans = [e.key_dates() for e in extract(text).of(Meeting) if e.end]
    assert spans == [[(date(2031, 11, 10), date(2031, 11, 13))]]


def test_a_gathering_named_on_its_first_day_in_its_paragraph_is_one_meeting() -> None:
    text = (
        "Tin tức\n\nNgày 3/6, tại Hà Nội, Hội nghị Bộ trưởng Nông nghiệp ASEAN lần thứ 12 sẽ bước "
        "vào ngày làm việc đầu tiên. Hội nghị Bộ trưởng Nông nghiệp ASEAN lần thứ 12 và các cuộc "
        "họp liên quan từ ngày 3-6/6/2031 tại Hà Nội."
    )
    assert _kinds(text) == [("meeting", [(date(2031, 6, 3), date(2031, 6, 6))])]
