"""General rules of the importer found on the fifth test split retired into dev (issue 11),
each shown on an invented sentence: an hour of action kept everywhere on one day (lights off
"trong 01 giờ (từ 20h30 đến 21h30) ngày …", or the hours on a line of their own under the call)
is a phase of that day; an evening's event at a place ("Đêm sự kiện … từ 20h00 đến 21h30
ngày … tại …") is a meeting at its first hour; a range written "đếnngày" is still a range;
activities put on "trong tháng 10" are a phase over the month, never a deadline ("chuyển đổi
số" sends nothing, "Theo kế hoạch" is no thing due); the campaign's days said again as a
phase are one span; days named with their weekday ("từ thứ Năm ngày … đến hết thứ Tư ngày …",
"đến hết ngày thứ Hai ngày …") make a range; a break of days off is one phase (the campaign
file has no kind for days off), the days it holds (Tết, days in lieu, the same days in the
lunar calendar) no events of their own; the flag flown on one day is a phase of that day; a
news lead after the agency's tag
("(HNMO) - Sáng 10-3, …") tells what was held, a venue named for gatherings ("Trung tâm Hội
nghị quốc gia") is no gathering; and days in which "có 4 đơn vị … tổ chức đại hội" are a round
across places, not the period a count covers; and a span with an end said as a month's
beginning, middle or end ("từ giữa tháng 4 đến giữa tháng 5", "từ ngày 27-5 và kết thúc vào
giữa tháng 9") is a phase, its end no deadline; a gathering itself held "trước ngày …" has
no day yet and is no deadline; a gathering put on in each hamlet ("tổ chức Ngày hội … ở khu dân
cư …, tại các ấp từ ngày …") is a window across them; and a campaign "sẽ được phát động vào
sáng ngày …" has its launch ceremony on that day; a deadline's hour may be followed by its
weekday ("trước 16 giờ 00 phút, Thứ Ba, ngày 18/4"); and in a list of activities split by
semicolons, each gathering ("chương trình văn nghệ", "giải đi bộ", "Hội thi …") takes its own
clause's day and place, an undated one none; a festival ("Lễ hội") over days is a phase, its
opening a meeting; a gathering that opens the sentence as where something was told ("Tại cuộc
họp báo diễn ra sáng 11/10, Hội … cho biết: …") is no event, and a dialogue planned later in the
sentence ("… đối thoại với … dự kiến diễn ra vào ngày 15/10") is a meeting; and a window of
consultation given by its end alone ("Thời gian lấy ý kiến 10 ngày (đến hết ngày 10-2)") is a
deadline on that day; election day ("đã quyết định ngày bầu cử … là vào Chủ nhật, ngày …": the
verb, not a decision cited) is a meeting; a speech given to a conference, as a caption tells
("… phát biểu chỉ đạo Hội nghị …, sáng 21/1"), tells it held."""

from __future__ import annotations

from datetime import date, time
from typing import TypeVar

from importer import extract
from importer.dates import ranges
from importer.model import Deadline, Event, Meeting, Period, Phase

E = TypeVar("E", bound=Event)


def of(kind: type[E], text: str) -> list[E]:
    """The events of one kind the importer reads in ``text``."""
    return [e for e in extract(text).events if isinstance(e, kind)]


def test_lights_off_for_an_hour_on_a_day_is_a_phase_of_that_day() -> None:
    text = (
        "KẾ HOẠCH năm 2036\n\nHuyện vận động các hộ gia đình, công sở, trường học tắt đèn và các "
        "thiết bị điện không cần thiết trong một giờ (từ 20h30 đến 21h30) ngày 29/3/2036."
    )
    phases = of(Phase, text)
    assert [(p.start, p.end) for p in phases] == [(date(2036, 3, 29), date(2036, 3, 29))]
    assert phases[0].title.startswith("Tắt đèn và các thiết bị điện")
    assert phases[0].title.endswith("(20h30–21h30)")
    assert not of(Meeting, text)


def test_hours_on_a_line_of_their_own_under_the_call_are_the_phase() -> None:
    text = (
        "THÔNG BÁO năm 2036\n\nNhà trường mong phụ huynh cùng hưởng ứng.\n\n"
        "“HÃY TẮT CÁC THIẾT BỊ ĐIỆN KHÔNG CẦN THIẾT”\n\n- Từ 20h30 - 21h30 ngày 29/3/2036"
    )
    phases = of(Phase, text)
    assert [(p.start, p.title) for p in phases] == [
        (date(2036, 3, 29), "Tắt các thiết bị điện không cần thiết (20h30–21h30)")
    ]


def test_work_started_at_midnight_with_no_end_is_a_phase_of_its_first_day() -> None:
    text = (
        "Tổng điều tra kinh tế bắt đầu từ 0 giờ ngày 15/3/2037\n\n"
        "Theo Quyết định của Tổng cục, các Cục Thống kê đồng loạt tiến hành tổng điều tra kinh "
        "tế bắt đầu từ 0 giờ ngày 15/3/2037. Các cục đã tập huấn điều tra viên."
    )
    assert [(p.start, p.end, p.title.casefold()[:21]) for p in of(Phase, text)] == [
        (date(2037, 3, 15), date(2037, 3, 15), "tổng điều tra kinh tế")
    ]
    # an end in the sentence makes it a range, read as one
    ranged = of(Phase, "Đợt kiểm tra bắt đầu từ 0 giờ ngày 1/4/2037 đến hết ngày 30/4/2037.")
    assert [(p.start, p.end) for p in ranged] == [(date(2037, 4, 1), date(2037, 4, 30))]


def test_hours_of_a_gathering_at_a_place_are_no_phase() -> None:
    # a talk held at one hall for an hour is a meeting, not an hour kept everywhere
    text = (
        "KẾ HOẠCH năm 2036\n\nTổ chức tọa đàm trong 01 giờ từ 14h00 đến 15h00 ngày 12/5/2036 "
        "tại Hội trường xã."
    )
    assert not of(Phase, text)
    # nor is a window of hours under a line that calls for nothing to be switched off
    text = "THÔNG BÁO năm 2036\n\nKính mời phụ huynh tới dự.\n\nTừ 8h00 - 10h00 ngày 12/5/2036"
    assert not of(Phase, text)


def test_an_evening_event_at_a_place_is_a_meeting_at_its_first_hour() -> None:
    text = (
        "KẾ HOẠCH năm 2036\n\nTổ chức đêm văn nghệ chào mừng từ 19h30 đến 21h30 ngày 29/3/2036 "
        "tại Quảng trường trung tâm: bảo đảm an ninh trật tự."
    )
    meetings = of(Meeting, text)
    assert [(m.day, m.start_time, m.title, m.location) for m in meetings] == [
        (date(2036, 3, 29), time(19, 30), "Đêm văn nghệ chào mừng", "Quảng trường trung tâm")
    ]
    assert not of(Phase, text)


def test_a_night_said_of_a_time_is_no_gathering() -> None:
    # "đêm" alone is a time of day ("trong đêm 29/3"), not an event
    text = "KẾ HOẠCH năm 2036\n\nLực lượng trực bảo vệ trong đêm 29/3/2036 tại trụ sở."
    assert not of(Meeting, text)


def test_a_range_with_its_words_run_together_is_still_a_range() -> None:
    text = "KẾ HOẠCH năm 2036\n\n1. Thời gian thực hiện: Từ ngày 10/11/2036 đếnngày 10/12/2036."
    periods = of(Period, text)
    assert [(p.start, p.end) for p in periods] == [(date(2036, 11, 10), date(2036, 12, 10))]


def test_activities_put_on_in_a_month_are_a_phase_over_it_not_a_deadline() -> None:
    text = (
        "Tin ngày 01/9/2036\n\nTheo kế hoạch, trong tháng 10, Sở sẽ chủ trì triển khai nhiều "
        "hoạt động, trong đó có cuộc thi “Chuyển đổi số: gần dân hơn” trên mạng xã hội."
    )
    phases = of(Phase, text)
    assert [(p.start, p.end) for p in phases] == [(date(2036, 10, 1), date(2036, 10, 31))]
    assert phases[0].title == "Triển khai nhiều hoạt động (trong tháng 10)"
    assert not of(Deadline, text)


def test_a_month_that_frames_a_list_or_bounds_a_report_is_no_phase() -> None:
    # the list's items give their own days
    text = (
        "THÔNG BÁO năm 2036\n\nTỉnh tổ chức nhiều hoạt động kỷ niệm diễn ra trong tháng 5/2036, "
        "cụ thể như sau:\n\n1. Dâng hương lúc 8h00 ngày 19/5/2036 tại Khu di tích."
    )
    assert not [p for p in of(Phase, text) if p.end == date(2036, 5, 31)]
    # papers handed on ("chuyển") within the month stay a deadline
    text = (
        "KẾ HOẠCH năm 2036\n\nCác xã tổ chức các hoạt động và chuyển báo cáo kết quả về Phòng "
        "Văn hóa trong tháng 10/2036."
    )
    assert [d.days for d in of(Deadline, text)] == [[date(2036, 10, 31)]]
    assert not of(Phase, text)


def test_activities_that_mark_anniversaries_in_a_month_are_no_phase() -> None:
    # the anniversaries are the events, each on its day; the month only frames them
    text = (
        "HƯỚNG DẪN năm 2036\n\nCác chi hội tổ chức các hoạt động kỷ niệm ngày thành lập Hội "
        "trong tháng 8/2036 bằng hình thức gọn nhẹ."
    )
    assert not [p for p in of(Phase, text) if p.end == date(2036, 8, 31)]


def test_the_campaigns_days_said_again_as_a_phase_are_one_span() -> None:
    text = (
        "HƯỚNG DẪN năm 2036\n\nCác khoa tập trung tổ chức chuỗi hoạt động đọc sách từ ngày 19 "
        "tháng 4 năm 2036 đến ngày 23 tháng 4 năm 2036. Thời gian: từ ngày 19 tháng 4 đến ngày "
        "23 tháng 4 năm 2036."
    )
    spans = [
        (e.kind, e.start, e.end) for e in extract(text).events if isinstance(e, Period | Phase)
    ]
    assert spans == [("period", date(2036, 4, 19), date(2036, 4, 23))]
    # a phase over other days than the period's stays
    text = text.replace(
        "ngày 19 tháng 4 năm 2036 đến ngày 23", "ngày 20 tháng 4 năm 2036 đến ngày 22"
    )
    phases = of(Phase, text)
    assert [(p.start, p.end) for p in phases] == [(date(2036, 4, 20), date(2036, 4, 22))]


def test_days_named_with_their_weekday_make_a_range() -> None:
    for text in (
        "Các đơn vị trực từ thứ Năm ngày 23/01/2036 đến hết thứ Tư ngày 29/01/2036.",
        "Các đơn vị trực từ ngày 23/01/2036 (thứ Tư) đến Chủ nhật ngày 27/01/2036.",
        # "thứ Bẩy", Saturday as the north spells it, opens the range past a lunar aside
        "Các đơn vị trực từ thứ Bẩy ngày 23/01/2036 (tức 26 tháng Chạp) đến hết thứ Tư ngày "
        "29/01/2036.",
    ):
        spans = ranges(text)
        assert [(r.first.day, r.last.day) for r in spans] == [(23, 29 if "hết" in text else 27)]
    # two days on their own, each with its weekday, stay apart
    text = "Họp vào thứ Năm ngày 23/01/2036; thứ Tư ngày 29/01/2036 nghỉ."
    assert ranges(text) == []


def test_the_last_day_may_be_said_ngay_before_its_weekday() -> None:
    # "đến hết ngày thứ Hai ngày …": "ngày", the weekday, then the day; also past a lunar aside
    for text in (
        "Phòng trực ban từ thứ Bảy ngày 30/12/2034 đến hết ngày thứ Hai ngày 01/01/2035.",
        "Phòng trực ban từ thứ Bảy ngày 30/12/2034 (tức 21/11 âm lịch) đến hết ngày thứ Hai "
        "ngày 01/01/2035.",
    ):
        assert [(r.first.day, r.last.day) for r in ranges(text)] == [(30, 1)]


def test_a_break_of_days_off_is_one_phase_and_holds_its_days() -> None:
    text = (
        "THÔNG BÁO năm 2036\n\nCán bộ, công chức các cơ quan, tổ chức chính trị - xã hội nghỉ "
        "Tết Âm lịch năm 2036 liền 07 ngày, từ thứ Hai ngày 28 tháng 01 năm 2036 đến hết Chủ "
        "nhật ngày 03 tháng 02 năm 2036 (tức từ ngày 29 tháng Chạp năm Ất Mão đến hết ngày "
        "mùng 6 tháng Giêng năm Bính Thìn); do ngày 30 tháng 01 năm 2036 và ngày 31 tháng 01 "
        "năm 2036 trùng vào ngày nghỉ hằng tuần nên công chức sẽ nghỉ bù vào ngày 01 tháng 02 "
        "năm 2036 và ngày 02 tháng 02 năm 2036."
    )
    events = extract(text).events
    assert [(e.kind, e.key_dates()) for e in events] == [
        ("phase", [(date(2036, 1, 28), date(2036, 2, 3))])
    ]
    assert events[0].title == "Nghỉ Tết Âm lịch năm 2036 liền 07 ngày"


def test_days_after_a_break_that_fall_outside_it_are_still_read() -> None:
    text = (
        "THÔNG BÁO năm 2036\n\nCông chức được nghỉ 03 ngày, từ ngày 30/4/2036 đến hết ngày "
        "02/5/2036; Hội nghị giao ban tổ chức vào ngày 05/5/2036 tại Hội trường."
    )
    events = extract(text).events
    assert [(e.kind, e.key_dates()) for e in events] == [
        ("phase", [(date(2036, 4, 30), date(2036, 5, 2))]),
        ("meeting", [(date(2036, 5, 5),)]),
    ]


def test_a_lunar_day_held_by_a_political_organisation_is_no_gathering() -> None:
    # "tổ chức chính trị" is a body, not "held"; a lunar day in a "tức" aside repeats a solar one
    text = (
        "THÔNG BÁO năm 2036\n\nCác tổ chức chính trị - xã hội trực Tết vào ngày mùng 2 "
        "tháng Giêng năm Bính Thìn."
    )
    assert not of(Meeting, text)
    text = "KẾ HOẠCH năm 2036\n\nHội thi đua thuyền được tổ chức vào ngày mùng 6 tháng Giêng."
    assert [m.title for m in of(Meeting, text)] == ["Hội thi đua thuyền"]


def test_the_flag_flown_on_one_day_is_a_phase_of_that_day() -> None:
    text = (
        "THÔNG BÁO năm 2036\n\nCác cơ quan, trường học và nhà dân treo cờ Tổ quốc vào ngày "
        "1-1-2036."
    )
    phases = of(Phase, text)
    assert [(p.start, p.end, p.title) for p in phases] == [
        (date(2036, 1, 1), date(2036, 1, 1), "Treo cờ Tổ quốc")
    ]
    # a flag told as flown before the page is no phase
    text = "Tin ngày 05/01/2036\n\nNgày 02/01/2036, các xã đã treo cờ Tổ quốc vào ngày 1-1-2036."
    assert not of(Phase, text)


def test_a_lead_after_the_agencys_tag_tells_what_was_held() -> None:
    text = (
        "Tin tức\n\n(ABCNews) - Sáng 12/4/2036, tại Hà Nội, Đại hội đại biểu Hội Nông dân tỉnh "
        "lần thứ X tổ chức phiên khai mạc với sự tham dự của 300 đại biểu."
    )
    assert not of(Meeting, text)
    # a tag that is no agency's (lower case, spaced) does not open a lead
    told = text.replace("(ABCNews) - Sáng", "(xem thêm) - Sáng")
    assert [m.day for m in of(Meeting, told)] == [date(2036, 4, 12)]


def test_a_venue_named_for_gatherings_is_no_gathering() -> None:
    text = (
        "KẾ HOẠCH năm 2036\n\nLễ tuyên dương điển hình tiên tiến tổ chức vào ngày 12/4/2036 "
        "tại Trung tâm Hội nghị tỉnh."
    )
    assert [m.title for m in of(Meeting, text)] == ["Lễ tuyên dương điển hình tiên tiến"]
    text = (
        "KẾ HOẠCH năm 2036\n\nNgày 20/4/2036, tại Trung tâm Hội nghị tỉnh, đoàn viên các chi "
        "đoàn dọn vệ sinh khuôn viên."
    )
    assert not of(Meeting, text)


def test_units_that_each_hold_a_congress_in_the_days_are_a_round() -> None:
    text = (
        "Tin năm 2036\n\nĐược biết, trong hai ngày 14 và 15/9/2036 có 5 đơn vị cấp xã tổ chức "
        "đại hội đại biểu, gồm các xã Tân Lập, Tân Hòa."
    )
    phases = of(Phase, text)
    assert [(p.start, p.end) for p in phases] == [(date(2036, 9, 14), date(2036, 9, 15))]
    assert phases[0].title == "5 đơn vị cấp xã tổ chức đại hội"
    # a count over the days stays no event
    text = "Tin năm 2036\n\nTrong hai ngày 14 và 15/9/2036 có 120 đơn vị tham gia hiến máu."
    assert not of(Phase, text)


def test_a_span_ending_at_a_months_middle_is_a_phase() -> None:
    text = (
        "Tin năm 2036\n\nKế hoạch sẽ được triển khai từ giữa tháng 4 đến cuối tháng 5 tại nhiều "
        "địa phương."
    )
    phases = of(Phase, text)
    assert [(p.start, p.end) for p in phases] == [(date(2036, 4, 15), date(2036, 5, 31))]


def test_a_span_that_ends_at_a_months_term_is_no_deadline() -> None:
    text = (
        "Tin năm 2036\n\nCác hoạt động hè năm 2036 do Huyện đoàn tổ chức sẽ chính thức diễn ra "
        "từ ngày 27-5 và kết thúc vào giữa tháng 9-2036."
    )
    events = extract(text).events
    assert [(e.kind, e.key_dates()) for e in events] == [
        ("phase", [(date(2036, 5, 27), date(2036, 9, 15))])
    ]
    assert events[0].title.startswith("Các hoạt động hè năm 2036 do Huyện đoàn")
    # a report due by a month's middle stays a deadline
    text = "KẾ HOẠCH năm 2036\n\nCác xã gửi báo cáo kết quả vào giữa tháng 9/2036."
    assert [d.days for d in of(Deadline, text)] == [[date(2036, 9, 15)]]
    assert not of(Phase, text)


def test_a_ceremony_held_before_a_day_is_no_deadline_and_has_no_day() -> None:
    text = (
        "Tin năm 2036\n\nLễ kỷ niệm được dự kiến tổ chức trước ngày 28/8/2036 tại Cung Văn hóa "
        "thành phố."
    )
    extraction = extract(text)
    assert extraction.events == []
    assert any("28/8/2036" in n.message for n in extraction.notes)
    # units told to hold their congress before a day have it due
    text = "KẾ HOẠCH năm 2036\n\nCác xã tổ chức Đại hội Hội Nông dân trước ngày 30/6/2036."
    assert [d.days for d in of(Deadline, text)] == [[date(2036, 6, 30)]]


def test_a_festival_in_each_hamlet_over_days_is_a_window_across_them() -> None:
    text = (
        "Tin năm 2036\n\nỦy ban hướng dẫn các ấp tổ chức Ngày hội văn hóa ở khu dân cư nhằm "
        "tuyên truyền truyền thống, thời gian tổ chức lễ hội tại các ấp từ ngày 10 đến ngày 15 "
        "tháng 11 năm 2036."
    )
    phases = of(Phase, text)
    assert [(p.start, p.end, p.title) for p in phases] == [
        (date(2036, 11, 10), date(2036, 11, 15), "Ngày hội văn hóa ở khu dân cư")
    ]
    assert not of(Meeting, text)
    # one held at one hall over the days stays a gathering
    text = (
        "KẾ HOẠCH năm 2036\n\nNgày hội văn hóa huyện tổ chức tại Nhà văn hóa huyện từ ngày 10 "
        "đến ngày 12 tháng 11 năm 2036."
    )
    assert [(m.day, m.end) for m in of(Meeting, text)] == [(date(2036, 11, 10), date(2036, 11, 12))]


def test_a_campaign_to_be_launched_on_a_day_has_its_ceremony_then() -> None:
    text = (
        "Tin năm 2036\n\nTháng hành động vì môi trường năm 2036 có chủ đề: “Sống xanh” sẽ được "
        "phát động vào sáng ngày 5/6/2036 tại Công viên trung tâm."
    )
    meetings = of(Meeting, text)
    assert [(m.day, m.title, m.location) for m in meetings] == [
        (
            date(2036, 6, 5),
            "Lễ phát động Tháng hành động vì môi trường năm 2036",
            "Công viên trung tâm",
        )
    ]
    # one told as launched already is no meeting
    text = text.replace("sẽ được phát động", "đã được phát động")
    assert not of(Meeting, text)


def test_a_deadline_with_its_hour_and_weekday_is_a_deadline() -> None:
    text = (
        "THÔNG BÁO năm 2036\n\nThời hạn nộp hồ sơ đề tài về Phòng Khoa học là: trước 16 giờ 00 "
        "phút, Thứ Ba, ngày 15/4/2036."
    )
    deadlines = of(Deadline, text)
    assert [(d.days, d.sense) for d in deadlines] == [([date(2036, 4, 15)], "before")]
    assert not of(Meeting, text)
    # a meeting at its hour on a weekday stays a meeting
    text = "KẾ HOẠCH năm 2036\n\nHội nghị tổng kết tổ chức lúc 8 giờ 00, Thứ Ba, ngày 15/4/2036."
    assert [(m.day, m.start_time) for m in of(Meeting, text)] == [(date(2036, 4, 15), time(8, 0))]
    assert not of(Deadline, text)


def test_each_activity_of_a_list_takes_its_own_clauses_day_and_place() -> None:
    text = (
        "Tin năm 2036\n\nHuyện sẽ tổ chức nhiều hoạt động như: chương trình văn nghệ chào mừng "
        "năm mới với chủ đề “Mùa xuân” vào ngày 12/02/2036; Tổ chức lễ trao danh hiệu văn hóa "
        "tại các thôn; Tổ chức Hội thi Cây cảnh năm 2036 vào ngày 21/02/2036; Tổ chức giải đi "
        "bộ người cao tuổi vào ngày 16/02/2036 tại Quảng trường huyện."
    )
    meetings = sorted(of(Meeting, text), key=lambda m: m.day)
    assert [(m.day, m.title.split()[0], m.location) for m in meetings] == [
        (date(2036, 2, 12), "Chương", None),
        (date(2036, 2, 16), "Giải", "Quảng trường huyện"),
        (date(2036, 2, 21), "Hội", None),
    ]


def test_a_festival_over_days_is_a_phase_and_its_opening_a_meeting() -> None:
    text = (
        "KẾ HOẠCH năm 2036\n\n- Thời gian: Lễ hội diễn ra trong 04 ngày, từ ngày 05/01/2036 đến "
        "ngày 08/01/2036.\n\n+ Khai mạc Lễ hội: vào lúc 09 giờ 00, ngày 05/01/2036."
    )
    events = extract(text).events
    assert [(e.kind, e.key_dates()) for e in events] == [
        ("phase", [(date(2036, 1, 5), date(2036, 1, 8))]),
        ("meeting", [(date(2036, 1, 5),)]),
    ]
    # a ceremony over two days stays a gathering
    text = "KẾ HOẠCH năm 2036\n\nLễ kỷ niệm diễn ra trong 02 ngày, từ ngày 07/3/2036 đến 08/3/2036."
    assert [(m.day, m.end) for m in of(Meeting, text)] == [(date(2036, 3, 7), date(2036, 3, 8))]


def test_a_press_conference_where_news_was_told_is_no_event_the_dialogue_it_announced_is() -> None:
    text = (
        "Tin tức\n\nTại cuộc họp báo diễn ra sáng 11/10/2036, Hội Nông dân tỉnh cho biết: hoạt "
        "động trọng tâm là chương trình Chủ tịch tỉnh đối thoại với nông dân về chuyển đổi số, "
        "dự kiến diễn ra vào ngày 15/10/2036."
    )
    meetings = of(Meeting, text)
    assert [(m.day, m.title) for m in meetings] == [
        (date(2036, 10, 15), "Đối thoại với nông dân về chuyển đổi số")
    ]
    # a press conference announced for a day stays a meeting
    text = "KẾ HOẠCH năm 2036\n\nTổ chức họp báo vào ngày 11/10/2036 tại Hội trường tỉnh."
    assert [m.day for m in of(Meeting, text)] == [date(2036, 10, 11)]


def test_a_consultation_window_given_by_its_end_is_a_deadline() -> None:
    text = (
        "Tin năm 2036\n\nBan Thi đua đăng danh sách đề nghị khen thưởng. Thời gian dự kiến lấy ý "
        "kiến 10 ngày (đến hết ngày 10-2-2036)."
    )
    deadlines = of(Deadline, text)
    assert [(d.days, d.title) for d in deadlines] == [([date(2036, 2, 10)], "Lấy ý kiến 10 ngày")]
    # a span that runs to a day with nothing to send stays no deadline
    text = "Tin năm 2036\n\nTriển lãm mở cửa 10 ngày (đến hết ngày 10-2-2036) tại Bảo tàng."
    assert not of(Deadline, text)


def test_election_day_decided_is_a_meeting() -> None:
    text = (
        "Tin năm 2036\n\nQuốc hội đã quyết định ngày bầu cử đại biểu Quốc hội khóa XX là vào Chủ "
        "nhật, ngày 25/5/2036."
    )
    assert [(m.day, m.title.split()[:3]) for m in of(Meeting, text)] == [
        (date(2036, 5, 25), ["Ngày", "bầu", "cử"])
    ]


def test_a_speech_given_to_a_conference_tells_it_held() -> None:
    text = (
        "Tin năm 2036\n\nChủ tịch tỉnh phát biểu chỉ đạo Hội nghị trực tuyến triển khai công tác "
        "bầu cử, sáng 21/1/2036."
    )
    assert not of(Meeting, text)
    # one who will speak to it names a conference to come
    text = text.replace("phát biểu chỉ đạo", "sẽ phát biểu chỉ đạo")
    assert [m.day for m in of(Meeting, text)] == [date(2036, 1, 21)]


def test_a_ceremony_for_a_day_with_its_own_hour_and_place_is_a_meeting_beside_it() -> None:
    text = (
        "Trường Cao đẳng Sư phạm Hòa Bình long trọng tổ chức Lễ kỷ niệm 54 năm Ngày Nhà giáo "
        "Việt Nam (20/11/1982 - 20/11/2036) cùng cán bộ, giảng viên.\n"
        "Thời gian: 07:30, ngày 20/11/2036\n"
        "Địa điểm: Hội trường B, số 9 đường Trần Hưng Đạo.\n"
    )
    meetings = of(Meeting, text)
    assert [(m.day, m.start_time, m.title, m.location) for m in meetings] == [
        (
            date(2036, 11, 20),
            time(7, 30),
            "Lễ kỷ niệm 54 năm Ngày Nhà giáo Việt Nam",
            "Hội trường B, số 9 đường Trần Hưng Đạo",
        )
    ]


def test_a_pages_time_stamp_before_its_date_is_no_hour_of_a_gathering() -> None:
    text = (
        "Hội thi văn nghệ quần chúng huyện Lạc Sơn năm 2036\n08:15 14/06/2036\n"
        "Các xã đăng ký tham gia hội thi theo hướng dẫn.\n"
    )
    assert not of(Meeting, text)
