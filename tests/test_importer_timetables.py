"""Week schedules whose day headings carry a lunar gloss, and timetables of tests a day a line
(issue 11, the retired seventh split), each shown on invented texts: a schedule copied
without its title, its items led by an hour and the who, "Điểm:" their place, "Mời:" who is
invited; a school's plan that gives each subject and class its day, a line each. Prose
that dates several things, a window and a test told as held are no timetable. An exam's day given
once, its sittings listed by hour below ("… thi theo khung giờ sau:"), is a meeting a sitting."""

from __future__ import annotations

from datetime import date, time

from importer import agenda, extract
from importer.model import Meeting, Phase
from importer.text import clean, paragraphs

LUNAR_HEADINGS = "\n".join(
    [
        "* THỨ TƯ 15/01/2036 (nhằm 18/12 ÂL)",
        "- 07 giờ 30: Chủ tịch UBND, Phó Chủ tịch Lê Văn An làm việc với Hợp tác xã Bình Minh."
        " Mời: Đồng chí Bí thư Đảng ủy xã Tân Hòa. Điểm: tại phòng họp số 2, UBND huyện."
        " LĐVP: Đ/c Hà",
        "* THỨ NĂM 16/01/2036 (nhằm 19/12 ÂL)",
        "14 giờ 00: Phó Chủ tịch HĐND dự Hội nghị trực tuyến về chuyển đổi số cấp tỉnh."
        " Điểm: tại Hội trường Huyện ủy.",
        "- 16 giờ 00: Chủ tịch UBND tiếp và làm việc với Đoàn công tác của Sở Xây dựng.",
    ]
)


def test_day_headings_with_a_lunar_gloss_head_a_schedule_without_its_title() -> None:
    meetings = extract(LUNAR_HEADINGS).of(Meeting)
    days = [date(2036, 1, 15), date(2036, 1, 16), date(2036, 1, 16)]
    assert [m.day for m in meetings] == days
    assert [m.start_time for m in meetings] == [time(7, 30), time(14, 0), time(16, 0)]
    first = meetings[0]
    assert first.title.endswith("Hợp tác xã Bình Minh")  # "Mời: …" is who, not what
    assert first.location == "phòng họp số 2, UBND huyện"
    assert meetings[1].location == "Hội trường Huyện ủy"


def test_a_day_glossed_in_prose_heads_no_schedule() -> None:
    lines = [
        "Thứ Hai 13/4/2036 (nhằm 7/3 ÂL), xã Tân Hòa khai mạc lễ hội đình làng.",
        "Thứ Ba 14/4/2036 (nhằm 8/3 ÂL), các đội thi kéo co và đua thuyền.",
    ]
    assert not agenda.is_agenda(paragraphs(clean("\n".join(lines))))
    headings = ["Thứ Hai 13/4/2036 (nhằm 7/3 ÂL)", "- 8 giờ: Họp giao ban.", "Thứ Ba 14/4/2036"]
    assert agenda.is_agenda(paragraphs(clean("\n".join(headings))))


LISTED_TESTS = """Kế hoạch kiểm tra cuối học kỳ I năm học 2035 – 2036
1/ Kiểm tra cuối học kỳ I cho học sinh khối 3, 4, 5 từ ngày 05/01/2036 đến 09/01/2036, cụ thể:
1.1/ Môn Tin học lớp 3, 4: kiểm tra trong ngày Thứ Sáu, ngày 02/01/2036.
1.2/ Kiểm tra môn Ngoại ngữ:
– Ngày 05/01/2036: kiểm tra môn Ngoại ngữ lớp 3.
– Ngày 06/01/2036: kiểm tra môn Ngoại ngữ lớp 4, 5.
1.3/ Môn Lịch sử và Địa lý lớp 4, 5: kiểm tra trong ngày Thứ Hai, ngày 05/01/2036.
"""


def test_each_dated_line_of_a_test_list_is_its_own_one_day_phase() -> None:
    phases = extract(LISTED_TESTS).of(Phase)
    one_day = sorted((p.start, p.title) for p in phases if p.start == p.end)
    assert [d for d, _ in one_day] == [
        date(2036, 1, 2),
        date(2036, 1, 5),
        date(2036, 1, 5),
        date(2036, 1, 6),
    ]
    titles = [t for _, t in one_day]
    assert titles[0] == "Kiểm tra môn Tin học lớp 3, 4"
    assert "Kiểm tra môn Ngoại ngữ lớp 4, 5" in titles
    assert any(t.startswith("Kiểm tra môn Lịch sử và Địa lý") for t in titles)
    # the window the tests sit in is one phase of its own
    assert any((p.start, p.end) == (date(2036, 1, 5), date(2036, 1, 9)) for p in phases)


def test_prose_with_several_dates_is_no_timetable() -> None:
    text = (
        "Kế hoạch năm học 2035 – 2036\n"
        "Nhà trường kiểm tra môn Toán, môn Tiếng Việt vào ngày 05/01/2036 và ngày 06/01/2036 "
        "theo hướng dẫn của Phòng Giáo dục.\n"
        "- Các tổ chuyên môn kiểm tra môn học theo kế hoạch từ ngày 10/01/2036 đến 15/01/2036.\n"
    )
    one_day = [p for p in extract(text).of(Phase) if p.start == p.end]
    assert one_day == []


def test_a_test_told_as_held_is_no_phase() -> None:
    text = (
        "Báo cáo kết quả học kỳ I năm học 2035 – 2036\n"
        "- Ngày 05/01/2036: nhà trường đã kiểm tra môn Toán lớp 5.\n"
        "- Ngày 06/01/2036: đã tổ chức thi môn Ngữ văn lớp 5.\n"
    )
    assert [p for p in extract(text).of(Phase) if p.start == p.end] == []


def test_the_sittings_listed_by_hour_under_an_exams_day_are_a_meeting_each() -> None:
    text = (
        "Hướng dẫn hội thi tin học năm học 2036 - 2037\n\n"
        "1. Thi tin học văn phòng: Thi vòng trường ngày 12/3/2037 và thi theo khung giờ sau:\n"
        "- Lớp 10A, 10B: Từ 07h30 đến 08h30\n"
        "- Lớp 11A: Từ 13h30 đến 14h30\n"
        "2. Đăng ký dự thi tại văn phòng Đoàn trường.\n"
    )
    sittings = [(m.day, m.start_time, m.title) for m in extract(text).of(Meeting)]
    assert sittings == [
        (date(2037, 3, 12), time(7, 30), "Thi vòng trường, lớp 10A, 10B"),
        (date(2037, 3, 12), time(13, 30), "Thi vòng trường, lớp 11A"),
    ]
