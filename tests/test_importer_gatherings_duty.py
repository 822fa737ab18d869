"""General rules of the importer found on the fourth test split retired into dev (issue 11),
each shown on an invented sentence: a council's session over days is a gathering; a tournament
named back by its head word ("Giải kết thúc ngày …") closes on its day; a range whose days are
also given in the lunar calendar ("(tức ngày 28 tháng Chạp âm lịch)") is one range."""

from __future__ import annotations

from datetime import date

from importer import extract
from importer.model import Meeting, Phase


def test_a_council_session_over_days_is_one_meeting() -> None:
    text = (
        "Kỳ họp thứ 12 HĐND tỉnh khóa XV diễn ra từ 14 đến 16-12\n\n"
        "Thường trực HĐND tỉnh vừa quyết định triệu tập kỳ họp thứ 12. Kỳ họp tiến hành vào "
        "các ngày 14, 15 và 16-12-2031 tại Hội trường 19/8 của tỉnh."
    )
    events = extract(text).events
    assert [(e.kind, e.day, e.end) for e in events if isinstance(e, Meeting)] == [
        ("meeting", date(2031, 12, 14), date(2031, 12, 16))
    ]
    assert not [e for e in events if isinstance(e, Phase)]


def test_supervision_between_two_sessions_is_no_meeting() -> None:
    text = (
        "KẾ HOẠCH giám sát năm 2031\n\n"
        "Giám sát giữa hai kỳ họp từ ngày 03/3/2031 đến ngày 06/3/2031 tại các xã."
    )
    events = extract(text).events
    assert not [e for e in events if isinstance(e, Meeting)]
    assert [(e.start, e.end) for e in events if isinstance(e, Phase)] == [
        (date(2031, 3, 3), date(2031, 3, 6))
    ]


def test_a_tournament_named_back_by_its_head_word_closes_on_its_day() -> None:
    text = (
        "Khai mạc Giải bóng bàn công nhân viên chức thị xã năm 2032\n\n"
        "Sáng 14.5, tại Nhà thi đấu thị xã, Liên đoàn Lao động thị xã khai mạc Giải bóng bàn "
        "công nhân viên chức thị xã năm 2032. Giải có 90 vận động viên.\n\n"
        "Giải kết thúc ngày 16.5.\n"
    )
    meetings = [e for e in extract(text).events if isinstance(e, Meeting)]
    assert [(m.day, m.title) for m in meetings] == [
        (date(2032, 5, 16), "Kết thúc Giải bóng bàn công nhân viên chức thị xã năm 2032")
    ]


def test_a_prize_is_no_tournament() -> None:
    text = (
        "Thông báo kết quả Hội thi vẽ tranh năm 2032\n\n"
        "Giải nhất được trao cho em Lê Thu Hà vào ngày 20.5. Giải thưởng sẽ được trao vào ngày "
        "22.5.2032 tại trường."
    )
    assert not [e for e in extract(text).events if isinstance(e, Meeting)]


def test_a_range_with_each_day_also_given_in_the_lunar_calendar_is_one_phase() -> None:
    text = (
        "Về việc trực Tết Nguyên đán năm 2031\n\n"
        "Các xã phân công cán bộ trực cơ quan từ ngày 20/01/2031 (tức ngày 27 tháng Chạp âm "
        "lịch) đến hết ngày 28/01/2031 (tức ngày mùng 5 tháng Giêng âm lịch)."
    )
    phases = [e for e in extract(text).events if isinstance(e, Phase)]
    assert [(p.start, p.end) for p in phases] == [(date(2031, 1, 20), date(2031, 1, 28))]
    # the lunar day written in figures is no solar day either
    figures = text.replace("27 tháng Chạp", "27/12").replace("mùng 5 tháng Giêng", "5/1")
    phases = [e for e in extract(figures).events if isinstance(e, Phase)]
    assert [(p.start, p.end) for p in phases] == [(date(2031, 1, 20), date(2031, 1, 28))]


def test_an_aside_with_another_day_still_parts_two_days() -> None:
    text = (
        "KẾ HOẠCH năm 2031\n\n"
        "Các xã gửi báo cáo trước ngày 20/01/2031 (kèm số liệu ngày 15/01/2031) đến Phòng Nội vụ."
    )
    assert not [e for e in extract(text).events if isinstance(e, Phase)]


def test_a_lead_whose_paragraph_tells_the_congress_parts_to_come_announces_it() -> None:
    text = (
        "Thông cáo về Đại hội Thi đua yêu nước tỉnh Hòa An\n"
        "Từ ngày 16 đến ngày 17/8/2036, tại Trung tâm Hội nghị tỉnh, UBND tỉnh Hòa An tổ chức "
        "Đại hội Thi đua yêu nước tỉnh lần thứ 6. Đại hội trù bị sẽ diễn ra chiều ngày "
        "16/8/2036, phiên chính thức sáng ngày 17/8/2036.\n"
    )
    meetings = extract(text).of(Meeting)
    congress = [m for m in meetings if m.end is not None]
    assert [(m.day, m.end) for m in congress] == [(date(2036, 8, 16), date(2036, 8, 17))]
    assert congress[0].title.startswith("Đại hội Thi đua yêu nước tỉnh")


def test_a_lead_told_as_held_or_followed_by_another_edition_to_come_stays_held() -> None:
    held = (
        "Tin hoạt động\n"
        "Trong 2 ngày 16 và 17/8/2036, tại Hội trường tỉnh, Sở Nội vụ tổ chức Hội thi cán bộ "
        "dân vận khéo. Ban tổ chức cho biết Hội thi lần sau sẽ diễn ra tại huyện Tân Phú.\n"
    )
    assert not extract(held).of(Meeting)
    done = (
        "Tin hoạt động\n"
        "Từ ngày 16 đến ngày 17/8/2036, tại Hội trường tỉnh, UBND tỉnh tổ chức Đại hội Thi đua "
        "yêu nước tỉnh. Đại hội đã biểu dương 150 điển hình tiên tiến.\n"
    )
    assert not extract(done).of(Meeting)


def test_the_day_of_a_press_conference_where_it_was_told_is_not_the_congress_day() -> None:
    text = (
        "Tin hoạt động\n"
        "“Đại hội lần này tôn vinh 300 điển hình”, bà Lê Thị Hoa cho biết như vậy tại buổi họp "
        "báo về Đại hội thi đua yêu nước của tỉnh, chiều 20-11-2036.\n"
        "Theo bà Hoa, đại hội sẽ diễn ra sáng 2-12-2036 tại Nhà hát tỉnh.\n"
    )
    meetings = extract(text).of(Meeting)
    assert [m.day for m in meetings] == [date(2036, 12, 2)]
