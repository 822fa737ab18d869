"""General rules of the importer found on the fourth test split retired into dev (issue 11),
each shown on an invented sentence: a council's session over days is a gathering; a tournament
named back by its head word ("Giải kết thúc ngày …") closes on its day; …"""

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
