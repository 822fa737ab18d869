"""General rules of the importer found on dev batch 13 and the retired fourth split (issue 11),
each shown on an invented sentence: days off for a holiday are no ceremony, a page's stamp
with its weekday set off by a dash, a month in which activities take place is no deadline,
propaganda over a quarter of a written year is a phase over it, a week of activities is a
window, a council's session over days is a meeting, a tournament named again by its first
word closes on its day, a page's stamp written in words with its clock, and
the year of the anniversary a title's pair of days marks."""

from __future__ import annotations

from datetime import date

from importer import extract
from importer.model import Deadline, Meeting, Phase


def test_days_off_for_a_holiday_are_no_ceremony() -> None:
    text = """THÔNG BÁO
Về việc nghỉ lễ Ngày Chiến thắng năm 2031
Công chức được nghỉ 03 ngày, từ thứ Tư ngày 30/4/2031 đến thứ Sáu ngày 02/5/2031 (trong đó 02
ngày nghỉ lễ dịp Ngày Chiến thắng và 01 ngày nghỉ bù).
"""
    assert not [e for e in extract(text).events if isinstance(e, Meeting)]


def test_a_ceremony_named_after_days_off_is_still_one() -> None:
    text = """THÔNG BÁO
Các đơn vị bố trí trực trong những ngày nghỉ. Lễ chào cờ đầu tháng tổ chức lúc 7h00 ngày
05/5/2031 tại sân trụ sở.
"""
    meetings = [e for e in extract(text).events if isinstance(e, Meeting)]
    assert [m.day for m in meetings] == [date(2031, 5, 5)]


def test_a_stamp_with_its_weekday_set_off_by_a_dash_dates_the_page() -> None:
    text = """Hoạt động kỷ niệm Ngày thành lập huyện
Thứ năm - 12/06/2031 07:20 0
Quang cảnh cuộc họp triển khai các hoạt động kỷ niệm (ngày 10/6/2031).
Lễ mít tinh sẽ tổ chức lúc 8h00 ngày 20/6/2031 tại Quảng trường huyện.
"""
    extraction = extract(text)
    assert extraction.document.published == date(2031, 6, 12)
    meetings = [e for e in extraction.events if isinstance(e, Meeting)]
    assert [m.day for m in meetings] == [date(2031, 6, 20)]  # the one of 10/6 was held


def test_a_month_in_which_activities_take_place_is_no_deadline() -> None:
    text = """KẾ HOẠCH
Tuyên truyền năm 2032
Ủy ban nhân dân huyện đã ban hành kế hoạch tổ chức các hoạt động văn hóa diễn ra trong tháng
9/2032, cụ thể như sau.
"""
    assert not [e for e in extract(text).events if isinstance(e, Deadline)]


def test_a_plan_to_issue_within_a_month_is_still_due() -> None:
    text = """KẾ HOẠCH
Tuyên truyền năm 2032
Các xã ban hành kế hoạch tổ chức các hoạt động văn hóa trong tháng 9/2032.
"""
    deadlines = [e for e in extract(text).events if isinstance(e, Deadline)]
    assert [d.due for d in deadlines] == [{"rule": "within_month", "month": "9/2032"}]


def test_propaganda_over_a_quarter_of_a_written_year_is_a_phase_over_it() -> None:
    text = """HƯỚNG DẪN
Công tác thông tin năm 2033
Đảng ủy xã hướng dẫn các chi bộ đẩy mạnh tuyên truyền kỷ niệm các ngày lễ lớn trong quý III
năm 2033 trên loa truyền thanh.
"""
    phases = [e for e in extract(text).events if isinstance(e, Phase)]
    assert [(p.start, p.end) for p in phases] == [(date(2033, 7, 1), date(2033, 9, 30))]
    # a quarter without its year, or one in which something must be done, is no such phase
    for clause in (
        "tuyên truyền các ngày lễ lớn trong quý III",
        "báo cáo kết quả trong quý III/2033",
        "tuyên truyền cổ động, văn nghệ chào mừng các ngày lễ lớn trong quý III năm 2033",
    ):
        plain = f"HƯỚNG DẪN\nCông tác thông tin năm 2033\nCác chi bộ {clause}.\n"
        assert not [e for e in extract(plain).events if isinstance(e, Phase)]


def test_a_week_of_activities_put_on_everywhere_is_a_window() -> None:
    text = """KẾ HOẠCH
Hưởng ứng Tuần lễ Quốc gia phòng chống thiên tai năm 2033
Đề nghị các phường, xã tổ chức Tuần lễ Quốc gia phòng chống thiên tai năm 2033 được tổ chức từ
ngày 12-18/5/2033. Lễ ra quân sẽ được tổ chức vào ngày 12/5/2033.
"""
    events = extract(text).events
    phases = [e for e in events if isinstance(e, Phase)]
    meetings = [e for e in events if isinstance(e, Meeting)]
    assert [(p.start, p.end) for p in phases] == [(date(2033, 5, 12), date(2033, 5, 18))]
    assert [(m.day, m.end) for m in meetings] == [(date(2033, 5, 12), None)]


def test_a_conference_over_days_stays_a_meeting() -> None:
    text = """KẾ HOẠCH
Hội nghị tập huấn năm 2033
Hội nghị tập huấn nghiệp vụ được tổ chức từ ngày 12-14/5/2033.
"""
    meetings = [e for e in extract(text).events if isinstance(e, Meeting)]
    assert [(m.day, m.end) for m in meetings] == [(date(2033, 5, 12), date(2033, 5, 14))]


def test_a_council_session_over_days_is_a_meeting() -> None:
    text = """Kỳ họp thứ 9 HĐND huyện khóa XII diễn ra từ 14 đến 16-12
Thường trực HĐND huyện vừa triệu tập kỳ họp thứ 9 HĐND huyện khóa XII (nhiệm kỳ 2031-2036).
Kỳ họp tiến hành vào các ngày 14, 15 và 16-12-2034 tại Hội trường huyện.
"""
    events = extract(text).events
    meetings = [e for e in events if isinstance(e, Meeting)]
    assert [(m.day, m.end) for m in meetings] == [(date(2034, 12, 14), date(2034, 12, 16))]
    assert not [e for e in events if isinstance(e, Phase)]


def test_a_tournament_named_again_closes_on_its_day() -> None:
    text = """Khai mạc Giải bóng bàn công nhân viên chức thị xã năm 2035
Sáng 14.4, tại Nhà thi đấu thị xã, Liên đoàn Lao động thị xã khai mạc Giải bóng bàn công nhân
viên chức thị xã năm 2035.
Giải kết thúc ngày 16.4.
"""
    meetings = [e for e in extract(text).events if isinstance(e, Meeting)]
    assert [m.day for m in meetings] == [date(2035, 4, 16)]


def test_a_prize_awarded_is_no_tournament() -> None:
    text = """THÔNG BÁO
Kết quả Hội thi văn nghệ năm 2035
Giải nhất được trao cho đội văn nghệ xã An Bình; ngày 16/4/2035 các đội nhận thưởng tại Nhà văn hóa.
"""
    assert not [e for e in extract(text).events if isinstance(e, Meeting)]


def test_a_stamp_in_words_with_its_clock_dates_the_page_and_is_no_title() -> None:
    text = """Thứ hai, ngày 14 tháng 3 năm 2033 [09:12:40 (GMT+7)]
Giấy mời dự Lễ Kỷ niệm 20 năm thành lập Khoa (15/3/2013 - 15/3/2033)
- Thời gian: Từ 8 giờ 00', ngày 15/3/2033.
- Địa điểm: Hội trường B.
"""
    extraction = extract(text)
    assert extraction.document.published == date(2033, 3, 14)
    assert extraction.document.title is not None
    assert extraction.document.title.startswith("Giấy mời")


def test_a_sentence_that_opens_with_a_day_in_words_is_no_stamp() -> None:
    text = """THÔNG BÁO
Thứ hai, ngày 14 tháng 3 năm 2033 lúc 8:00, Chi bộ họp xét kết nạp đảng viên tại phòng họp số
2 của trường, các đảng viên dự đầy đủ.
"""
    assert extract(text).document.published is None


def test_a_titles_pair_of_days_gives_the_year_over_history_in_the_body() -> None:
    text = (
        "Công đoàn trường tổ chức Tọa đàm kỷ niệm 95 năm Ngày thành lập Hội (20/10/1938 - "
        "20/10/2033) vào lúc 15h, ngày 19/10/2033.\n"
        "Phong trào của hội viên bắt đầu từ những lớp học ban đêm vào năm 1936, khi các chị em "
        "đứng lên.\n"
    )
    extraction = extract(text)
    assert extraction.document.year == 2033
    meetings = [e for e in extraction.events if isinstance(e, Meeting)]
    assert [m.day for m in meetings] == [date(2033, 10, 19)]
