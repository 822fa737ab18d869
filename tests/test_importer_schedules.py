"""Schedules and spans the importer reads as one event (issue 11, the retired third split),
each shown on an invented text: a session held by a weekly or monthly rule over the days a
table or a list gives it, or over the span its schedule names (and a note, no day made up,
when it has neither; nothing when the rule is for sending), a session moved to another day, a
show put on at a place for weeks, a gathering dated under "Thời gian tổ chức:" or a bare hour
in a document titled by it, and work launched on a day that goes on to another; a week's
schedule whose lines are hard-wrapped (its title, a day's heading, an item, a place) read as
one item a meeting."""

from __future__ import annotations

import re
from datetime import date, time

from importer import build_draft, builtin_directory, extract
from importer.model import Deadline, Meeting, Phase
from translations import gettext as _

WEEKLY_TABLE = """UBND PHƯỜNG HÒA BÌNH
Lịch tiếp công dân của Chủ tịch UBND phường Hòa Bình năm 2036
1. Tiếp công dân định kỳ
Chủ tịch UBND phường trực tiếp tiếp công dân vào sáng thứ Ba hằng tuần tại Trụ sở UBND phường.
Cụ thể:
| Tháng | Người tiếp công dân | Ngày tiếp |
| Tháng 3 | Lê Văn Bình | Ngày 04; 11; 18; 25 |
| Tháng 4 | Lê Văn Bình | Ngày 01; 08; 15; 23; 29 |
2. Tiếp công dân thường xuyên
Công chức Văn phòng tiếp công dân vào các ngày làm việc trong tuần.
"""


def test_a_weekly_session_over_the_days_a_table_lists_is_one_meeting() -> None:
    meetings = extract(WEEKLY_TABLE).of(Meeting)
    assert len(meetings) == 1
    session = meetings[0]
    assert session.rrule == "FREQ=WEEKLY;BYDAY=TU"
    assert session.days[:4] == [date(2036, 3, d) for d in (4, 11, 18, 25)]
    assert len(session.days) == 9
    assert session.location == "Trụ sở UBND phường"
    assert "tiếp công dân" in session.title
    # 23/04/2036 is a Wednesday: listed, kept as written, and marked for a person's eye
    assert len(session.review) == 1 and "23/04/2036" in session.review[0]
    assert "23/04/2036" not in " ".join(session.title)


def test_the_draft_writes_a_weekly_session_as_one_meeting_a_day() -> None:
    draft = build_draft(extract(WEEKLY_TABLE), builtin_directory(), source_name="lich.txt")
    days = [m.date for m in draft.model.meetings]
    assert days[0] == date(2036, 3, 4) and days[-1] == date(2036, 4, 29)
    assert len(days) == len({m.code for m in draft.model.meetings}) == 9
    assert "FREQ=WEEKLY;BYDAY=TU" in draft.text


def test_a_weekly_rule_said_first_and_days_listed_in_lines_make_one_meeting() -> None:
    text = (
        "Thông báo lịch họp giao ban của Đảng ủy xã Tân Phú quý III năm 2036\n"
        "Hằng tuần, vào chiều thứ Hai, Thường trực Đảng ủy họp giao ban tại phòng họp số 2.\n"
        "Tháng 8/2036: các ngày 4, 11, 18 và 25.\n"
        "Tháng 9/2036: các ngày 1, 8, 15, 22 và 29.\n"
    )
    session = extract(text).of(Meeting)[0]
    assert session.rrule == "FREQ=WEEKLY;BYDAY=MO"
    assert len(session.days) == 9 and session.review == []
    assert session.days[-1] == date(2036, 9, 29)
    assert session.title.startswith("Thường trực Đảng ủy họp giao ban")


def test_a_rule_with_no_days_listed_is_a_note_not_a_made_up_date() -> None:
    # a term of office names no span of the schedule: the rules stand, undated
    text = (
        "THÔNG BÁO lịch tiếp công dân của Bí thư Huyện ủy Sơn Hà nhiệm kỳ 2035-2040\n"
        "Bí thư Huyện ủy tiếp công dân định kỳ vào ngày 10 hằng tháng tại Trụ sở Tiếp công dân "
        "huyện.\n"
        "Phó Bí thư Thường trực tiếp công dân vào thứ Năm hàng tuần.\n"
    )
    extraction = extract(text)
    assert extraction.events == []
    asked = [n.message for n in extraction.notes if "vào ngày 10 hằng tháng" in n.message]
    assert asked and "hãy thêm các ngày bằng tay" in asked[0]
    assert any("vào thứ Năm hàng tuần" in n.message for n in extraction.notes)


def test_a_rule_with_no_days_in_a_schedule_of_a_year_is_one_meeting_over_its_days() -> None:
    text = (
        "Thông báo lịch tiếp công dân của Chủ tịch UBND xã Hòa Phú năm 2036\n"
        "Căn cứ Luật Tiếp công dân năm 2013, UBND xã thông báo như sau:\n"
        "1. Chủ tịch UBND xã tiếp công dân định kỳ vào ngày 5 và 20 hằng tháng tại Trụ sở UBND "
        "xã, nếu trùng ngày nghỉ thì chuyển sang ngày làm việc tiếp theo.\n"
    )
    session = extract(text).of(Meeting)[0]
    assert session.rrule == "FREQ=MONTHLY;BYMONTHDAY=5,20"
    assert len(session.days) == 24
    assert session.days[0] == date(2036, 1, 5) and session.days[-1] == date(2036, 12, 20)
    assert session.title.startswith("Chủ tịch UBND xã tiếp công dân")
    assert len(session.review) == 1 and "31/12/2036" in session.review[0]


def test_a_weekly_rule_in_a_schedule_of_a_quarter_is_dated_over_the_quarter() -> None:
    text = (
        "Lịch họp giao ban quý II năm 2036 của Đảng ủy phường An Lạc\n"
        "Thường trực Đảng ủy họp giao ban vào sáng thứ Hai hằng tuần tại phòng họp số 1.\n"
    )
    session = extract(text).of(Meeting)[0]
    assert session.rrule == "FREQ=WEEKLY;BYDAY=MO"
    assert session.days[0] == date(2036, 4, 7) and session.days[-1] == date(2036, 6, 30)
    assert all(d.weekday() == 0 for d in session.days) and len(session.days) == 13


def test_a_plan_of_the_year_or_the_rules_own_months_date_its_sessions() -> None:
    plan = (
        "Kế hoạch tiếp công dân năm 2036 của UBND xã Tân Lập\n"
        "Chủ tịch UBND xã tiếp công dân định kỳ ngày 10 hằng tháng tại Trụ sở UBND xã.\n"
    )
    months = (
        "Thông báo của Ban Thường vụ Đảng ủy xã Phú Hòa\n"
        "Từ tháng 6 đến tháng 12 năm 2036, Bí thư Đảng ủy xã tiếp dân vào ngày 18 và ngày 28 "
        "hằng tháng.\n"
    )
    first = extract(plan).of(Meeting)[0]
    assert first.rrule == "FREQ=MONTHLY;BYMONTHDAY=10" and len(first.days) == 12
    second = extract(months).of(Meeting)[0]
    assert second.rrule == "FREQ=MONTHLY;BYMONTHDAY=18,28"
    assert second.days[0] == date(2036, 6, 18) and len(second.days) == 14


def test_the_first_or_last_weekday_of_each_month_is_a_monthly_rule() -> None:
    first = (
        "Lịch sinh hoạt chi bộ năm 2036 của Chi bộ Trường THCS An Bình\n"
        "Chi bộ sinh hoạt định kỳ vào chiều thứ Hai đầu tiên hằng tháng tại phòng họp.\n"
    )
    last = (
        "Lịch sinh hoạt năm 2036 của Chi đoàn khối cơ quan\n"
        "Chi đoàn sinh hoạt vào thứ Năm cuối cùng của mỗi tháng.\n"
    )
    mondays = extract(first).of(Meeting)[0]
    assert mondays.rrule == "FREQ=MONTHLY;BYDAY=+1MO" and len(mondays.days) == 12
    assert mondays.days[:2] == [date(2036, 1, 7), date(2036, 2, 4)]
    thursdays = extract(last).of(Meeting)[0]
    assert thursdays.rrule == "FREQ=MONTHLY;BYDAY=-1TH" and len(thursdays.days) == 12
    assert thursdays.days[:3] == [date(2036, 1, 31), date(2036, 2, 28), date(2036, 3, 27)]


def test_a_monthly_rule_said_first_then_its_days_is_the_same_rule() -> None:
    held = (
        "Thông báo lịch tiếp công dân năm 2036 của UBND phường Tân Mai\n"
        "Hằng tháng, vào ngày 12 và 26, Chủ tịch UBND phường tiếp công dân tại Trụ sở UBND "
        "phường.\n"
    )
    session = extract(held).of(Meeting)[0]
    assert session.rrule == "FREQ=MONTHLY;BYMONTHDAY=12,26" and len(session.days) == 24
    sent = (
        "Lịch họp giao ban năm 2036 của Đảng ủy xã Hòa Bình\n"
        "Hằng tháng, vào ngày 25, các chi bộ gửi biên bản họp về Văn phòng Đảng ủy.\n"
        "Hằng tháng, ngày 15/3 và ngày 15/9 Thường trực Đảng ủy họp giao ban với các chi bộ.\n"
    )
    assert [m for m in extract(sent).of(Meeting) if m.rrule] == []


def test_a_schedule_without_its_own_span_or_told_as_done_dates_no_session() -> None:
    cited = (
        "Thông báo lịch tiếp công dân theo Luật Tiếp công dân năm 2013\n"
        "Phó Chủ tịch UBND huyện tiếp công dân vào ngày 12 hằng tháng.\n"
    )
    done = (
        "Lịch tiếp công dân năm 2036 của UBND xã Bình Minh\n"
        "Năm 2035, Chủ tịch UBND xã đã duy trì tiếp công dân định kỳ vào ngày 10 hằng tháng.\n"
    )
    week = (
        "Lịch công tác tuần 12 năm 2036 của Trường THCS Lê Lợi\n"
        "Ban Giám hiệu họp giao ban vào sáng thứ Hai hằng tuần tại phòng Hiệu trưởng.\n"
    )
    duty = (
        "Lịch trực Tết Nguyên đán năm 2036 của UBND xã Hòa An\n"
        "Lãnh đạo UBND xã họp giao ban vào sáng thứ Hai hằng tuần tại phòng họp.\n"
    )
    for text in (cited, done, week, duty):
        assert [m for m in extract(text).of(Meeting) if m.rrule] == [], text


MONTH_A_ROW = """Thông báo lịch đối thoại với dân của Chủ tịch UBND huyện Krông Bông năm 2036
1- Chủ tịch UBND huyện đối thoại với nhân dân định kỳ hằng tháng, cụ thể như sau:
STT
Tháng
Ngày đối thoại
1
Tháng 3
Ngày 12 (thứ Tư)
2
Tháng 4
Ngày 14 (thứ Hai)
3
Tháng 5
Ngày 12 (thứ Hai)
2- Địa điểm: Trụ sở UBND huyện.
"""


def test_a_monthly_rule_over_a_table_one_cell_a_line_takes_the_day_most_rows_give() -> None:
    session = extract(MONTH_A_ROW).of(Meeting)[0]
    assert session.rrule == "FREQ=MONTHLY;BYMONTHDAY=12"
    assert session.days == [date(2036, 3, 12), date(2036, 4, 14), date(2036, 5, 12)]
    assert session.title == "Chủ tịch UBND huyện đối thoại với nhân dân"
    assert len(session.review) == 1 and "14/04/2036" in session.review[0]


def test_a_monthly_rule_without_its_day_or_rows_is_nothing() -> None:
    text = (
        "Kế hoạch công tác năm 2036 của Trường Tiểu học Bình An\n"
        "Ban Giám hiệu họp giao ban định kỳ hằng tháng.\n"
        "- Ngày 20/3/2036: ra quân tổng vệ sinh trường lớp.\n"
    )
    extraction = extract(text)
    assert all(not m.rrule for m in extraction.of(Meeting))
    assert not any("hãy thêm các ngày bằng tay" in n.message for n in extraction.notes)


def test_what_is_sent_by_a_weekly_or_monthly_rule_is_no_session() -> None:
    text = (
        "Kế hoạch phòng chống dịch năm 2036\n"
        "Các trạm y tế gửi báo cáo số liệu vào thứ Sáu hằng tuần.\n"
        "Tháng 5/2036: các ngày 2, 9, 16, 23 và 30.\n"
        "Các chi bộ gửi biên bản họp về Văn phòng Đảng ủy vào ngày 25 hằng tháng.\n"
    )
    extraction = extract(text)
    assert extraction.of(Meeting) == []
    assert not any("hãy thêm các ngày bằng tay" in n.message for n in extraction.notes)


def test_one_day_written_after_a_weekly_rule_is_not_its_list() -> None:
    text = (
        "Kế hoạch công tác tháng 3 năm 2036 của Trường Tiểu học Phú Lâm\n"
        "Sinh hoạt dưới cờ vào sáng thứ Hai hằng tuần.\n"
        "Tổ chức Hội thi giáo viên dạy giỏi cấp trường vào ngày 10 tháng 3 năm 2036.\n"
    )
    meetings = extract(text).of(Meeting)
    assert [(m.day, m.days) for m in meetings] == [(date(2036, 3, 10), [])]


def test_a_session_moved_to_another_day_is_a_meeting_on_that_day_only() -> None:
    text = (
        "Văn phòng Huyện ủy Mường Tè vừa có thông báo về phiên họp giao ban tháng 9 năm 2036.\n"
        "Theo quy định, phiên họp giao ban định kỳ của Thường trực Huyện ủy tại Phòng họp "
        "số 1 được tổ chức vào ngày 05 hằng tháng.\n"
        "Do ngày 05/9/2036 là thứ Năm trùng với hội nghị của tỉnh, phiên họp được dời sang "
        "thứ Hai, ngày 08/9/2036.\n"
    )
    meetings = extract(text).of(Meeting)
    assert [(m.day, m.location) for m in meetings] == [(date(2036, 9, 8), "Phòng họp số 1")]
    assert meetings[0].title.startswith("Phiên họp giao ban định kỳ")


def test_a_show_put_on_at_a_place_for_weeks_is_one_gathering() -> None:
    text = (
        "Nhiều hoạt động mừng Quốc khánh năm 2036\n"
        "Từ ngày 10/8 đến ngày 20/9/2036, tại Bảo tàng tỉnh Quảng Trị (số 8 Lê Lợi, Đông Hà) "
        "sẽ diễn ra triển lãm ảnh “Quê hương đổi mới”, giới thiệu 200 bức ảnh tư liệu.\n"
        "Dự kiến từ ngày 01/10 đến ngày 31/10/2036, hội chợ sách thiếu nhi được tổ chức tại "
        "Công viên Thống Nhất.\n"
        "Lễ hội hoa xuân sẽ diễn ra từ ngày 20/01 đến ngày 15/02/2037 tại Quảng trường 3/2.\n"
    )
    meetings = sorted(extract(text).of(Meeting), key=lambda m: m.day)
    assert [(m.day, m.end) for m in meetings] == [
        (date(2036, 8, 10), date(2036, 9, 20)),
        (date(2036, 10, 1), date(2036, 10, 31)),
        (date(2037, 1, 20), date(2037, 2, 15)),
    ]
    assert meetings[0].title == "Triển lãm ảnh “Quê hương đổi mới”"
    assert meetings[0].location == "Bảo tàng tỉnh Quảng Trị"
    assert meetings[1].location == "Công viên Thống Nhất"
    assert meetings[2].title == "Lễ hội hoa xuân"


def test_activities_across_many_places_or_for_months_stay_spans_of_work() -> None:
    text = (
        "Kế hoạch tuyên truyền năm 2036\n"
        "Từ ngày 01/4 đến ngày 30/4/2036, các hoạt động tuyên truyền sẽ diễn ra tại các xã, "
        "thị trấn trên địa bàn huyện.\n"
        "Từ ngày 01/5 đến ngày 31/10/2036, tại Nhà Văn hóa huyện sẽ diễn ra các hoạt động "
        "văn nghệ cuối tuần.\n"
        "Từ ngày 01/11 đến ngày 30/11/2036, tại nhà văn hóa các thôn sẽ diễn ra các hoạt động "
        "văn nghệ mừng Ngày hội Đại đoàn kết.\n"
    )
    extraction = extract(text)
    assert extraction.of(Meeting) == []
    assert sorted((p.start, p.end) for p in extraction.of(Phase)) == [
        (date(2036, 4, 1), date(2036, 4, 30)),
        (date(2036, 5, 1), date(2036, 10, 31)),
        (date(2036, 11, 1), date(2036, 11, 30)),
    ]


def test_a_time_line_under_its_heading_dates_the_gathering_the_document_is_titled_by() -> None:
    text = (
        "TRƯỜNG THCS HÒA AN\n"
        "Số: 21/KH-THCS Hòa An, ngày 02 tháng 10 năm 2036\n"
        "KẾ HOẠCH TỔ CHỨC HỘI THI KỂ CHUYỆN THEO SÁCH\n"
        "I. MỤC ĐÍCH\n"
        "Khơi dậy niềm say mê đọc sách của học sinh.\n"
        "II. THỜI GIAN VÀ ĐỊA ĐIỂM\n"
        "1. Thời gian tổ chức:\n"
        "8h00’ ngày 12 tháng 11 năm 2036.\n"
        "2. Địa điểm:\n"
        "Tại hội trường nhà trường\n"
    )
    meetings = extract(text).of(Meeting)
    assert [(m.title, m.day, m.start_time) for m in meetings] == [
        ("Hội thi kể chuyện theo sách", date(2036, 11, 12), time(8, 0))
    ]
    assert meetings[0].location == "Hội trường nhà trường"  # the line under "2. Địa điểm:"


def test_work_launched_on_a_day_and_going_on_to_another_is_a_phase_between_them() -> None:
    text = (
        "Phường Tân An ra quân dọn dẹp kênh mương\n"
        "Sáng ngày 02/3/2036, các khu phố đã đồng loạt ra quân dọn dẹp kênh mương, thu gom "
        "rác thải. Theo kế hoạch, chiến dịch sẽ kéo dài đến hết ngày 20/3/2036.\n"
    )
    phases = extract(text).of(Phase)
    assert [(p.title, p.start, p.end) for p in phases] == [
        ("Chiến dịch", date(2036, 3, 2), date(2036, 3, 20))
    ]
    assert phases[0].review == [_("a span the text does not name as a phase: check its title")]


def test_work_going_on_to_a_day_with_no_launch_day_is_no_phase() -> None:
    text = (
        "Thông báo năm 2036\n"
        "Việc sửa chữa cầu Bến Lội sẽ kéo dài đến hết ngày 20/3/2036, người dân chú ý đi "
        "đường vòng.\n"
    )
    extraction = extract(text)
    assert extraction.of(Phase) == []
    assert all(not isinstance(e, Deadline) or e.days != [] for e in extraction.events)


def test_a_weekly_session_over_a_table_of_whole_days_is_one_meeting() -> None:
    text = (
        "Lịch tiếp công dân quý IV năm 2036 của Chủ tịch UBND thị trấn Phong Điền\n"
        "Chủ tịch UBND thị trấn tiếp công dân định kỳ vào thứ Tư hằng tuần tại Phòng tiếp dân.\n"
        "| STT | Ngày | Người tiếp |\n"
        "| 1 | 01/10/2036 | Trần Văn Hải |\n"
        "| 2 | 08/10/2036 | Trần Văn Hải |\n"
        "| 3 | 15/10/2036 | Phó Chủ tịch Lê Thị Hoa |\n"
    )
    session = extract(text).of(Meeting)[0]
    assert session.rrule == "FREQ=WEEKLY;BYDAY=WE"
    assert session.days == [date(2036, 10, 1), date(2036, 10, 8), date(2036, 10, 15)]


def test_a_monthly_session_over_the_days_its_lines_give_is_one_meeting() -> None:
    text = (
        "Lịch tiếp công dân năm 2036 của Chủ tịch UBND huyện Đồng Xuân\n"
        "Chủ tịch UBND huyện tiếp công dân định kỳ vào ngày 15 hằng tháng.\n"
        "Tháng 1/2036: ngày 15.\n"
        "Tháng 2/2036: ngày 15.\n"
        "Tháng 3/2036: ngày 17 (ngày 15 là thứ Bảy).\n"
    )
    session = extract(text).of(Meeting)[0]
    assert session.rrule == "FREQ=MONTHLY;BYMONTHDAY=15"
    assert session.days == [date(2036, 1, 15), date(2036, 2, 15), date(2036, 3, 17)]
    assert len(session.review) == 1 and "17/03/2036" in session.review[0]


def test_a_weekday_of_the_first_week_of_each_month_is_a_monthly_rule() -> None:
    text = (
        "Lịch sinh hoạt năm 2036 của Chi bộ Trường Mầm non Hoa Sen\n"
        "Chi bộ sinh hoạt định kỳ vào chiều thứ Sáu tuần đầu tiên hằng tháng.\n"
        "Cụ thể: tháng 1/2036: ngày 4; tháng 2/2036: ngày 1; tháng 3/2036: ngày 7.\n"
    )
    session = extract(text).of(Meeting)[0]
    assert session.rrule == "FREQ=MONTHLY;BYDAY=+1FR"
    assert session.days == [date(2036, 1, 4), date(2036, 2, 1), date(2036, 3, 7)]
    assert session.review == []


def test_a_session_said_moved_in_its_own_sentence_keeps_only_its_new_day() -> None:
    instead = (
        "Thông báo năm 2036\n"
        "Phiên tiếp công dân tháng 4 của Chủ tịch UBND tỉnh sẽ tổ chức vào ngày 16/4/2036 "
        "thay cho ngày 15/4/2036.\n"
    )
    put_off = (
        "Thông báo năm 2036\n"
        "Do trùng lịch họp của tỉnh, phiên tiếp công dân tháng 5/2036 của Bí thư Tỉnh ủy được "
        "lùi sang ngày 22/5/2036.\n"
    )
    from_to = (
        "Thông báo năm 2036\n"
        "UBND huyện điều chỉnh lịch tiếp công dân định kỳ tháng 9/2036 của Chủ tịch UBND huyện "
        "từ ngày 02/9/2036 sang ngày 04/9/2036.\n"
    )
    for text, day in (
        (instead, date(2036, 4, 16)),
        (put_off, date(2036, 5, 22)),
        (from_to, date(2036, 9, 4)),
    ):
        meetings = extract(text).of(Meeting)
        assert [m.day for m in meetings] == [day]
        assert re.match(
            r"(?:Phiên )?[Tt]iếp công dân (?:định kỳ )?tháng \d+(?:/2036)? của", meetings[0].title
        )


def test_a_bare_hour_under_a_time_heading_dates_the_titled_gathering() -> None:
    text = (
        "Kế hoạch tổ chức Hội thi văn nghệ chào mừng Ngày Nhà giáo Việt Nam năm 2036\n"
        "II. Thời gian\n"
        "Vào lúc 14h00’, ngày 15/11/2036.\n"
    )
    meetings = extract(text).of(Meeting)
    assert [(m.day, m.start_time) for m in meetings] == [(date(2036, 11, 15), time(14, 0))]
    assert meetings[0].title.startswith("Hội thi văn nghệ")
    # "Thời gian thực hiện" heads the campaign's time, not the titled gathering's
    campaign = text.replace("II. Thời gian\n", "II. Thời gian thực hiện\n")
    assert extract(campaign).of(Meeting) == []


def test_a_launch_and_its_end_in_one_sentence_make_one_phase() -> None:
    text = (
        "Tin năm 2036\n"
        "Chiến dịch tiêm vắc xin ra quân ngày 05/7/2036 và kéo dài đến hết ngày 20/7/2036 "
        "tại các trạm y tế.\n"
    )
    extraction = extract(text)
    assert [(p.title, p.start, p.end) for p in extraction.of(Phase)] == [
        ("Chiến dịch tiêm vắc xin", date(2036, 7, 5), date(2036, 7, 20))
    ]
    assert extraction.of(Meeting) == []


def test_a_show_that_opens_for_weeks_or_a_venue_that_puts_it_on_is_a_gathering() -> None:
    text = (
        "Tin văn hóa năm 2036\n"
        "Triển lãm “Biển đảo quê hương” mở cửa từ ngày 10/8 đến ngày 20/9/2036 tại Bảo tàng "
        "tỉnh Khánh Hòa.\n"
        "Từ ngày 01/10 đến ngày 31/10/2036, Thư viện tỉnh trưng bày hơn 500 tư liệu quý về "
        "Chủ tịch Hồ Chí Minh.\n"
        "Từ ngày 01/11 đến ngày 30/11/2036: Chuỗi hoạt động văn hóa mừng Ngày Nhà giáo tại "
        "Nhà Văn hóa Thanh niên.\n"
        "Từ ngày 01/12 đến ngày 20/12/2036, Thư viện huyện tổ chức luân chuyển sách về các "
        "trường.\n"
    )
    extraction = extract(text)
    shows = sorted((m.day, m.end, m.location) for m in extraction.of(Meeting))
    assert shows == [
        (date(2036, 8, 10), date(2036, 9, 20), "Bảo tàng tỉnh Khánh Hòa"),
        (date(2036, 10, 1), date(2036, 10, 31), "Thư viện tỉnh"),
        (date(2036, 11, 1), date(2036, 11, 30), "Nhà Văn hóa Thanh niên"),
    ]
    # books sent round the schools: work, not a show
    assert [(p.start, p.end) for p in extraction.of(Phase)] == [
        (date(2036, 12, 1), date(2036, 12, 20))
    ]


HARD_WRAPPED_WEEK = """LỊCH
CÔNG TÁC
Tuần
40 (6/10/2036 - 12/10/2036)
* Thứ Hai: 6/10
1-
07h30: PGĐ Trần Minh Khoa dự lễ khai mạc Hội thao
công nhân viên chức ngành Giao thông
-
Cùng dự: Bà Lê Thu Hương –
Chánh Văn phòng
-
Địa điểm: Nhà thi đấu đa năng,
Khu liên hợp thể thao tỉnh.
2- 14h00: Giám đốc Sở họp nghe báo cáo tiến độ dự án đường ven biển (Phòng Kế hoạch
chuẩn bị nội dung).
- Thành
phần: Ban Giám đốc; đại diện Phòng Kế hoạch
(Trưởng phòng, chuyên viên), Ban Quản lý dự án.
* Thứ
Ba: 7/10
1- 08h00: Ban Giám đốc làm việc với Đoàn kiểm tra của Bộ
- Mời dự:
Lãnh đạo các phòng
"""


def test_a_hard_wrapped_week_schedule_makes_one_meeting_of_each_item() -> None:
    extraction = extract(HARD_WRAPPED_WEEK)
    meetings = extraction.of(Meeting)
    assert [(m.day, m.start_time) for m in meetings] == [
        (date(2036, 10, 6), time(7, 30)),
        (date(2036, 10, 6), time(14, 0)),
        (date(2036, 10, 7), time(8, 0)),
    ]
    assert meetings[0].title == (
        "PGĐ Trần Minh Khoa dự lễ khai mạc Hội thao công nhân viên chức ngành Giao thông"
    )
    assert meetings[0].location == "Nhà thi đấu đa năng, Khu liên hợp thể thao tỉnh"
    assert not extraction.of(Phase)  # the schedule's own week is no span


def test_lines_of_a_schedule_whose_items_have_no_marks_stay_items() -> None:
    text = (
        "Lịch làm việc tuần 12 năm 2037 của Thường trực HĐND tỉnh\n"
        "Thứ hai\n16/3\n"
        "Thường trực HĐND tỉnh làm việc với Sở Tài chính\n"
        "Ban Kinh tế - Ngân sách khảo sát tại huyện Đông Hải\n"
    )
    meetings = extract(text).of(Meeting)
    assert [m.title for m in meetings] == [
        "Thường trực HĐND tỉnh làm việc với Sở Tài chính",
        "Ban Kinh tế - Ngân sách khảo sát tại huyện Đông Hải",
    ]


UNTITLED_WEEK = """THỨ SÁU, NGÀY 12/9/2036
Giám đốc: 8 giờ 30 phút, chủ trì họp giao ban quý III, điểm tại Phòng họp số 2.
CHỦ NHẬT, NGÀY 14/9/2036
- Phó Giám đốc Lê Văn Hòa: 7 giờ, dự Lễ ra quân tổng vệ sinh môi trường (Phòng Nghiệp vụ chuẩn \
bị). 9 giờ 30 phút, kiểm tra công trình nhà văn hóa ấp Tân Lợi, điểm tại ấp Tân Lợi (LĐVP: Đ/c \
Mai). 14 giờ, làm việc với Ban quản lý chợ về phương án sắp xếp sạp.
- Phó Giám đốc Trần Thị Thu: Sáng làm việc tại cơ quan.
"""


def test_a_week_schedule_copied_without_its_title_reads_each_hour_of_a_day() -> None:
    meetings = extract(UNTITLED_WEEK).of(Meeting)
    assert [(m.day, m.start_time) for m in meetings] == [
        (date(2036, 9, 12), time(8, 30)),
        (date(2036, 9, 14), time(7, 0)),
        (date(2036, 9, 14), time(9, 30)),
        (date(2036, 9, 14), time(14, 0)),
    ]
    assert meetings[0].title == "Chủ trì họp giao ban quý III"
    assert meetings[0].location == "Phòng họp số 2"
    assert meetings[2].location == "ấp Tân Lợi"
    assert all(not m.title.startswith(",") for m in meetings)


def test_a_week_schedule_with_days_in_brackets_and_no_title_is_read() -> None:
    text = (
        "- Thứ 3 (16/6/2037):\n"
        "+ 8h00: Ban Thường vụ họp thường kỳ tháng 6.\n"
        "- Thứ 5 (18/6/2037):\n"
        "+ 14h00: Tiếp đoàn kiểm tra công tác cải cách hành chính của tỉnh.\n"
    )
    meetings = extract(text).of(Meeting)
    assert [(m.day, m.start_time) for m in meetings] == [
        (date(2037, 6, 16), time(8, 0)),
        (date(2037, 6, 18), time(14, 0)),
    ]


def test_one_weekday_line_or_days_deep_in_a_text_do_not_make_a_schedule() -> None:
    # a single day's heading, then prose: no week of days
    one_day = (
        "Thứ Hai, ngày 7/9/2037\n"
        "Sáng nay, huyện tổng kết năm học 2036-2037 và khen thưởng 40 giáo viên giỏi.\n"
    )
    assert not extract(one_day).of(Meeting)
    # a report whose first lines are its title: days lower down are not a schedule's
    report = (
        "BÁO CÁO\nKết quả công tác tuần của Văn phòng\n"
        "Thứ Hai, ngày 7/9/2037\nVăn phòng đã hoàn thành tổng hợp số liệu thi đua.\n"
        "Thứ Ba, ngày 8/9/2037\nVăn phòng đã gửi báo cáo quý về Sở Nội vụ.\n"
    )
    assert not [m for m in extract(report).of(Meeting) if m.day.year == 2037]


# a hospital's page for one day: its clock's words head the day's labelled entries
DAY_PAGE = """Vì sức khỏe cộng đồng, vì sự hài lòng của người bệnh!
Hôm nay: ngày 14 / 3 / 2037
8 giờ 30: Nội dung: Họp giao ban chuyên môn toàn viện. Thành phần: Ban Giám đốc; trưởng các khoa. \
Địa điểm: Phòng họp số 1.
16 giờ 00: Nội dung: Tiếp đoàn kiểm tra của Sở Y tế về phòng chống dịch. Thành phần: Ban Giám \
đốc. Địa điểm: Hội trường A.
Nâng cao chất lượng khám chữa bệnh, đổi mới phong cách phục vụ.
"""


def test_a_day_page_of_labelled_entries_under_its_day_makes_one_meeting_an_entry() -> None:
    by_hour = {m.start_time: m for m in extract(DAY_PAGE).of(Meeting)}
    assert sorted(by_hour) == [time(8, 30), time(16, 0)]
    assert {m.day for m in by_hour.values()} == {date(2037, 3, 14)}
    assert by_hour[time(16, 0)].location == "Hội trường A"
    assert by_hour[time(8, 30)].title.startswith("Họp giao ban")


def test_a_site_clock_over_prose_is_still_no_day_of_a_schedule() -> None:
    prose = "Hôm nay: ngày 14 / 3 / 2037\nSáng nay, 8 giờ 30, bệnh viện đã họp giao ban năm 2036.\n"
    assert date(2037, 3, 14) not in {m.day for m in extract(prose).of(Meeting)}


# a council's session programme written as a list: a day a heading, a row its hour and sitting
def test_a_gathering_a_letter_announces_above_its_day_headings_is_held_over_them() -> None:
    text = """THƯ MỜI
Dự Lễ giỗ cụ Trạng năm 2036

Ban quản lý di tích xã An Lạc long trọng tổ chức Lễ giỗ cụ Trạng lần thứ 300 với nội dung chính
như sau:
1. Ngày 14/3/2036
– Từ 8 giờ 00 đến 10 giờ 00: Tế lễ.
2. Ngày 15/3/2036
– Từ 7 giờ 30 đến 11 giờ 00: Dâng hương.
"""
    spans = [(m.day, m.end) for m in extract(text).of(Meeting) if m.end is not None]
    assert spans == [(date(2036, 3, 14), date(2036, 3, 15))]


def test_a_day_heading_may_be_a_lunar_day_with_its_solar_day_aside() -> None:
    text = """THƯ MỜI
Dự Lễ giỗ cụ Trạng năm 2036

Ban quản lý di tích xã An Lạc long trọng tổ chức Lễ giỗ cụ Trạng lần thứ 300 với nội dung chính
như sau:
1. Ngày 17 tháng 2 năm Bính Thìn (Tức ngày 14 tháng 3 năm 2036)
– Từ 8 giờ 00 đến 10 giờ 00: Tế lễ.
2. Ngày 18 tháng 2 năm Bính Thìn (Tức ngày 15 tháng 3 năm 2036)
– Từ 7 giờ 30 đến 11 giờ 00: Dâng hương.
"""
    spans = [(m.day, m.end) for m in extract(text).of(Meeting) if m.end is not None]
    assert spans == [(date(2036, 3, 14), date(2036, 3, 15))]


SESSION_LIST = """Thông báo Chương trình Kỳ họp thứ 7 – HĐND huyện
Thường trực HĐND huyện thông báo Chương trình Kỳ họp thứ 7 như sau:
1. Ngày 10 tháng 7 năm 2037:
– Buổi sáng, 8 giờ 00 phút: Phiên khai mạc và báo cáo tình hình kinh tế - xã hội.
– Buổi chiều: Các tổ đại biểu thảo luận.
2. Ngày 11 tháng 7 năm 2037:
– Buổi sáng, 7 giờ 30 phút: Phiên chất vấn và trả lời chất vấn.
– Buổi chiều, 14 giờ 00 phút: Đại biểu nghiên cứu tài liệu.
"""


def test_a_session_list_makes_a_meeting_of_each_sitting_at_its_hour() -> None:
    timed = {(m.day, m.start_time) for m in extract(SESSION_LIST).of(Meeting) if m.start_time}
    assert timed == {(date(2037, 7, 10), time(8, 0)), (date(2037, 7, 11), time(7, 30))}
