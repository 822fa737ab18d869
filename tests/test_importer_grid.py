"""A plan's calendar laid out as a table and copied one cell a line (importer/grid.py), on
invented texts: what is done before when (each row one event, the lunar gloss under its time
no event), when before what is done (a month's tasks, each on the day it gives), the kind from
the row's words, a column's heading never a title, and a row that repeats the prose no second
event."""

from __future__ import annotations

from datetime import date, time

from importer import extract
from importer.model import Deadline, Meeting, Phase, Review
from importer.tables import tab_cells

WORK_THEN_TIME = """LỊCH TỔ CHỨC CÁC HOẠT ĐỘNG CHÀO XUÂN NĂM 2041

STT

NỘI DUNG HOẠT ĐỘNG

THỜI GIAN THỰC HIỆN

ĐỊA ĐIỂM

ĐƠN VỊ THỰC HIỆN

01

- Treo băng rôn, cờ phướn trên các tuyến đường chính của xã.

- Chạy 03 đợt xe loa tuyên truyền.

Ngày 05/01 - 20/02/2041

(Từ ngày 15/11 - 01/01/2041

Tháng chạp)

Trung tâm xã

Ban Văn hóa xã

02

- Tổ chức Hội diễn văn nghệ quần chúng mừng Xuân Tân Dậu.

Dự kiến từ ngày 10 - 12/01/2041

Nhà văn hóa xã

Ban Văn hóa xã

03

- Tổ chức Tổng kết Hội diễn văn nghệ quần chúng.

Ngày 14/01/2041

Nhà văn hóa xã

Ban Văn hóa xã

04

- Tổ chức giải Cờ tướng mừng Xuân. Sân nhà văn hóa

Ngày 16 - 17/01/2041

(Ngày 26-27/11

Tháng chạp)

Sân nhà văn hóa

Đoàn Thanh niên xã
"""


def _read(text: str) -> list:
    return extract(text, year=2041).events


def test_each_row_is_one_event_dated_by_its_time_cell() -> None:
    events = _read(WORK_THEN_TIME)
    found = {(e.kind, *e.key_dates()[0]) for e in events}
    assert ("phase", date(2041, 1, 5), date(2041, 2, 20)) in found
    assert ("meeting", date(2041, 1, 10), date(2041, 1, 12)) in found
    assert ("review", date(2041, 1, 14), date(2041, 1, 14)) in found
    assert ("meeting", date(2041, 1, 16), date(2041, 1, 17)) in found
    # the lunar days in parentheses gloss the solar ones: no event of their own
    assert not any(d.month in (11, 12) for e in events for d in e.key_dates()[0])
    assert len(events) == 4


def test_a_row_is_titled_by_its_work_never_by_a_heading() -> None:
    events = _read(WORK_THEN_TIME)
    titles = [e.title for e in events]
    assert all("Thời gian" not in t for t in titles)
    phase = next(e for e in events if isinstance(e, Phase))
    assert phase.title.startswith("Treo băng rôn, cờ phướn")
    review = next(e for e in events if isinstance(e, Review))
    assert review.title == "Tổ chức Tổng kết Hội diễn văn nghệ quần chúng"
    chess = next(e for e in events if isinstance(e, Meeting) and "Cờ" in e.title)
    assert chess.title == "Tổ chức giải Cờ tướng mừng Xuân"  # the place after it left out


TIME_THEN_WORK = """LỊCH THỰC HIỆN KẾ HOẠCH NĂM HỌC 2040-2041 TRƯỜNG TIỂU HỌC AN PHÚ

THÁNG

TUẦN

NỘI DUNG CÔNG VIỆC

NGƯỜI THỰC HIỆN

8/2040

Từ 06 - 30/8

- Sửa chữa bàn ghế, quét vôi các phòng học chuẩn bị năm học mới.

- Giáo viên có mặt tại trường đúng thời gian (06/8)

- Tổ chức họp cha mẹ học sinh các lớp đầu cấp

( 20/8/2040)

- Gửi báo cáo số học sinh ra lớp về Phòng Giáo dục ( chiều 27/8 )

- Dự Hội nghị tổng kết năm học 2039-2040 của ngành (24/8).

- Hiệu trưởng

- Tổ trưởng

9/2040

Từ 01 - 07/9

- Tổ chức Lễ khai giảng năm học mới (05/9)

- Viết bài tuyên truyền về ngày khai giảng

- Ban giám hiệu
"""


def test_a_calendars_tasks_are_events_on_the_days_they_give() -> None:
    events = _read(TIME_THEN_WORK)
    found = {(type(e).__name__, *e.key_dates()[0]) for e in events}
    assert ("Deadline", date(2040, 8, 6)) in found  # on time: a day to be back by
    assert ("Meeting", date(2040, 8, 20)) in found  # its day on the next line
    assert ("Deadline", date(2040, 8, 27)) in found  # a report sent
    assert ("Review", date(2040, 8, 24), date(2040, 8, 24)) in found  # a year's review
    assert ("Meeting", date(2040, 9, 5)) in found
    report = next(e for e in events if isinstance(e, Deadline) and e.days == [date(2040, 8, 27)])
    assert report.title == "Gửi báo cáo số học sinh ra lớp về Phòng Giáo dục"


def test_a_calendars_span_is_one_phase_of_its_undated_tasks() -> None:
    events = _read(TIME_THEN_WORK)
    phases = [e for e in events if isinstance(e, Phase)]
    assert [(p.start, p.end) for p in phases] == [
        (date(2040, 8, 6), date(2040, 8, 30)),
        (date(2040, 9, 1), date(2040, 9, 7)),
    ]
    assert phases[0].title.startswith("Sửa chữa bàn ghế")
    assert phases[1].title == "Viết bài tuyên truyền về ngày khai giảng"


def test_a_row_that_repeats_the_prose_is_no_second_event() -> None:
    text = (
        "KẾ HOẠCH TỔ CHỨC HỘI DIỄN NĂM 2041\n\n"
        "Hội diễn văn nghệ quần chúng tổ chức từ ngày 10 đến ngày 12/01/2041 "
        "tại Nhà văn hóa xã.\n\n" + WORK_THEN_TIME.split("\n", 1)[1]
    )
    events = _read(text)
    held = [e for e in events if e.key_dates() == [(date(2041, 1, 10), date(2041, 1, 12))]]
    assert len(held) == 1


def test_headings_without_a_column_of_time_are_no_table() -> None:
    text = """KẾ HOẠCH TUYÊN TRUYỀN NĂM 2041

NỘI DUNG

ĐƠN VỊ THỰC HIỆN

- Treo băng rôn tại trụ sở xã.

Ngày 05/01 - 20/02/2041, các thôn treo cờ Tổ quốc.
"""
    events = _read(text)
    # read as prose (a span said in a sentence), not as a row titled by its first task
    assert all(not e.title.startswith("Treo băng rôn") for e in events)


def test_a_due_column_is_left_to_the_table_of_last_days() -> None:
    text = """KẾ HOẠCH NĂM 2041

STT

Nội dung công việc

Thời hạn hoàn thành

1

- Các thôn gửi danh sách hộ gia đình văn hóa về Ủy ban nhân dân xã.

15/3/2041
"""
    events = _read(text)
    assert [type(e).__name__ for e in events] == ["Deadline"]
    assert events[0].key_dates() == [(date(2041, 3, 15),)]


SITES = """THÔNG BÁO
Lịch thi “Em yêu khoa học” cấp trung học cơ sở năm học 2040 - 2041

I. Giờ thi (mỗi điểm thi):
- Các đội tập trung lúc 7 giờ 00 phút.
- Khai mạc lúc 7 giờ 45 phút.

II. Thời gian, địa điểm thi:
Từ ngày 12 – 14/4/2041, chia làm 03 điểm thi như sau:
* Ngày 12/4/2041, tại điểm thi Trường THCS Hòa Bình, gồm 04 đơn vị: Hòa Bình, An Lạc, Phú Mỹ.
* Ngày 13/4/2041, tại điểm thi Trường THCS Long Thạnh, gồm 03 đơn vị: Long Thạnh, Bình Hòa.
* Ngày 14/4/2041, tại Trường THCS Thị trấn.
"""


def test_a_contest_held_site_by_site_is_one_meeting_a_site() -> None:
    events = extract(SITES).events
    sites = sorted((e for e in events if isinstance(e, Meeting)), key=lambda e: e.day)
    assert [(m.day, m.location) for m in sites] == [
        (date(2041, 4, 12), "Trường THCS Hòa Bình"),
        (date(2041, 4, 13), "Trường THCS Long Thạnh"),
        (date(2041, 4, 14), "Trường THCS Thị trấn"),
    ]
    assert sites[0].title == "Thi “Em yêu khoa học” tại Trường THCS Hòa Bình"
    assert all(m.start_time == time(7, 45) for m in sites)  # the opening hour of every site


def test_sites_dated_in_words_are_read_as_sites_dated_in_figures() -> None:
    text = """THÔNG BÁO
Lịch thi “Rung chuông vàng” cấp tiểu học năm học 2040 - 2041

Thời gian, địa điểm thi: chia làm 02 điểm thi như sau:
- Ngày 3 tháng 5 năm 2041, tại điểm thi Trường TH Tân Phú, gồm 04 đơn vị: Tân Phú, Tân An.
- Ngày 4 tháng 5 năm 2041, tại điểm thi Trường TH Phú Lợi, gồm 03 đơn vị: Phú Lợi, Phú Mỹ.
"""
    sites = sorted((e for e in extract(text).events if isinstance(e, Meeting)), key=lambda e: e.day)
    assert [(m.day, m.location) for m in sites] == [
        (date(2041, 5, 3), "Trường TH Tân Phú"),
        (date(2041, 5, 4), "Trường TH Phú Lợi"),
    ]
    # a round of visits dated in words is no contest's sites
    visits = (
        "KẾ HOẠCH KIỂM TRA NĂM 2041\n"
        "- Ngày 3 tháng 5 năm 2041, tại Trường TH Tân Phú.\n"
        "- Ngày 4 tháng 5 năm 2041, tại Trường TH Phú Lợi.\n"
    )
    assert not any(e.title.startswith("Thi") for e in extract(visits).events)


def test_a_news_lead_with_a_day_and_a_place_is_no_site() -> None:
    text = """TIN TỨC
Hội thi “Tiếng hát học đường” năm 2041
Sáng 12/4, tại Nhà văn hóa huyện, Phòng Giáo dục tổ chức khai mạc Hội thi “Tiếng hát học đường”.
Chiều 13/4, tại Trường THCS An Lạc, các đội thi phần năng khiếu và trả lời câu hỏi.
"""
    events = extract(text).events
    assert not any("tại Nhà văn hóa huyện, Phòng" in e.title for e in events)
    assert not any(e.title.startswith("Thi “Tiếng hát học đường” tại") for e in events)


def test_one_dated_place_or_no_contest_is_no_list_of_sites() -> None:
    one = "KẾ HOẠCH\nHội thi “Vở sạch chữ đẹp” năm 2041\n- Ngày 12/4/2041, tại Trường TH An Lạc.\n"
    assert not any(isinstance(e, Meeting) for e in extract(one).events)
    visits = (
        "KẾ HOẠCH KIỂM TRA NĂM 2041\n"
        "- Ngày 12/4/2041, tại Trường TH An Lạc.\n"
        "- Ngày 13/4/2041, tại Trường TH Tân Phú.\n"
    )
    assert not any(e.title.startswith("Thi") for e in extract(visits).events)


UNMARKED_ROWS = """KẾ HOẠCH TỔ CHỨC CÁC HOẠT ĐỘNG CHÀO MỪNG NĂM 2041

TT

Nội dung

Thời gian thực hiện

Đơn vị chủ trì

1

Tuyên truyền trên hệ thống loa truyền thanh của xã

Từ ngày 01/3 đến ngày 31/3/2041

Đài truyền thanh xã

2

Tổ chức Hội nghị sơ kết công tác thi đua quý I

Ngày 28/3/2041

Văn phòng UBND xã

Thời gian thực hiện

3

Các thôn gửi báo cáo kết quả về UBND xã

Trước ngày 05/4/2041

Các thôn

4

Treo cờ Tổ quốc

Thường xuyên

Các hộ gia đình

5

Tổ chức Lễ mít tinh kỷ niệm ngày thành lập xã

Ngày 15/4/2041

UBND xã

III. TỔ CHỨC THỰC HIỆN

Các thôn báo cáo kết quả về Văn phòng UBND xã trước ngày 30/4/2041.
"""


def test_rows_with_no_bullets_open_after_their_columns_or_with_a_verb() -> None:
    events = extract(UNMARKED_ROWS).events
    found = {(type(e).__name__, e.title, *e.key_dates()[0]) for e in events}
    assert (
        "Phase",
        "Tuyên truyền trên hệ thống loa truyền thanh của xã",
        date(2041, 3, 1),
        date(2041, 3, 31),
    ) in found
    assert (
        "Review",
        "Tổ chức Hội nghị sơ kết công tác thi đua quý I",
        date(2041, 3, 28),
        date(2041, 3, 28),
    ) in found
    # the heading said again over a new page is no row; a row with no day ("Thường xuyên")
    # gives no event and lends its words to none
    assert ("Deadline", "Các thôn gửi báo cáo kết quả về UBND xã", date(2041, 4, 5)) in found
    assert ("Meeting", "Tổ chức Lễ mít tinh kỷ niệm ngày thành lập xã", date(2041, 4, 15)) in found
    assert not any("Thời gian" in e.title or "Treo cờ" in e.title for e in events)


def test_the_table_ends_at_the_next_part_and_the_prose_after_it_is_read_as_prose() -> None:
    events = extract(UNMARKED_ROWS).events
    after = [e for e in events if e.key_dates() == [(date(2041, 4, 30),)]]
    assert len(after) == 1
    assert not after[0].title.startswith("III")
    assert after[0].source.line > 50  # read from its own line, not as a row of the table


def test_a_heading_row_over_cells_of_time_neither_titles_nor_kinds_the_rows() -> None:
    text = """UBND XÃ AN LẠC
KẾ HOẠCH
Tuyên truyền kỷ niệm 50 năm ngày giải phóng năm 2041

I. MỤC ĐÍCH, YÊU CẦU
Tuyên truyền sâu rộng đến nhân dân.

II. NỘI DUNG
| TT | Nội dung | Thời gian thực hiện | Đơn vị chủ trì |
| 1 | Tuyên truyền trên hệ thống loa truyền thanh | Từ ngày 01/3 đến ngày 31/3/2041 | Đài xã |
| 2 | Treo băng rôn, khẩu hiệu trên các tuyến đường | Từ ngày 10/3 đến ngày 05/4/2041 | Các thôn |
| 3 | Tổ chức Lễ mít tinh kỷ niệm | Ngày 15/4/2041 | UBND xã |
"""
    events = extract(text).events
    # "Thời gian thực hiện" over the rows is not the campaign's time: each row is its own phase
    assert [(type(e).__name__, e.title) for e in events if e.kind != "meeting"] == [
        ("Phase", "Tuyên truyền trên hệ thống loa truyền thanh"),
        ("Phase", "Treo băng rôn, khẩu hiệu trên các tuyến đường"),
    ]
    no_table = text.replace("| 1 |", "1.").replace(" | Từ", ": từ").split("| 2 |")[0]
    # the same words as prose under a heading of time stay the campaign's time
    assert any(
        e.kind == "period"
        for e in extract(no_table.replace("II. NỘI DUNG", "II. THỜI GIAN THỰC HIỆN")).events
    )


def test_cells_joined_by_tabs_are_read_as_a_tables_cells() -> None:
    text = (
        "KẾ HOẠCH\nTuyên truyền kỷ niệm 50 năm ngày giải phóng năm 2041\n\nII. NỘI DUNG\n"
        "TT\tNội dung\tThời gian thực hiện\tĐơn vị chủ trì\n"
        "1\tTuyên truyền trên hệ thống loa truyền thanh\tTừ ngày 01/3 đến ngày 31/3/2041\tĐài xã\n"
        "2\tCác thôn gửi báo cáo kết quả về UBND xã\tTrước ngày 05/4/2041\tCác thôn\n"
    )
    events = extract(text).events
    assert [(type(e).__name__, e.key_dates()[0]) for e in events] == [
        ("Phase", (date(2041, 3, 1), date(2041, 3, 31))),
        ("Deadline", (date(2041, 4, 5),)),
    ]
    assert events[0].title == "Tuyên truyền trên hệ thống loa truyền thanh"


def test_a_line_of_two_tabbed_parts_is_no_row() -> None:
    # a header's two columns, and an indented line: text as it was, no cells
    assert tab_cells("UBND XÃ AN LẠC\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") == (
        "UBND XÃ AN LẠC\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    )
    assert tab_cells("\tCác thôn gửi báo cáo trước ngày 05/4/2041.") == (
        "\tCác thôn gửi báo cáo trước ngày 05/4/2041."
    )
    assert tab_cells("1\tHọp\t15/3/2041") == "1 | Họp | 15/3/2041"


TIME_THEN_WORK_BY_DAY = """KẾ HOẠCH TỔ CHỨC CÁC HOẠT ĐỘNG THÁNG THANH NIÊN NĂM 2041

STT

Thời gian

Nội dung

Đơn vị thực hiện

1

Ngày 05/3/2041

Tổ chức Lễ ra quân Tháng Thanh niên

Đoàn xã

2

Từ ngày 10/3 đến ngày 20/3/2041

Tuyên truyền về Tháng Thanh niên trên loa truyền thanh

Đài truyền thanh xã

3

Trước ngày 30/3/2041

Các chi đoàn gửi báo cáo kết quả về Đoàn xã

Các chi đoàn
"""


def test_a_calendars_day_then_its_one_cell_of_work_is_one_event() -> None:
    events = extract(TIME_THEN_WORK_BY_DAY).events
    assert sorted((type(e).__name__, e.title, e.key_dates()[0]) for e in events) == [
        ("Deadline", "Các chi đoàn gửi báo cáo kết quả về Đoàn xã", (date(2041, 3, 30),)),
        ("Meeting", "Tổ chức Lễ ra quân Tháng Thanh niên", (date(2041, 3, 5),)),
        (
            "Phase",
            "Tuyên truyền về Tháng Thanh niên trên loa truyền thanh",
            (date(2041, 3, 10), date(2041, 3, 20)),
        ),
    ]


def test_a_programme_by_the_hour_is_left_to_its_reader() -> None:
    text = """CHƯƠNG TRÌNH HỘI THI GIÁO VIÊN DẠY GIỎI NĂM 2041

TT

Thời gian

Nội dung

Người thực hiện

Ngày 17/5/2041

1

7h30 - 8h30’

Đón tiếp đại biểu, các đoàn

Ban tổ chức
"""
    # the hours are no work of a row dated by the day above them
    assert not any(e.title.startswith("7h30") for e in extract(text).events)


def test_a_rows_month_is_a_phase_or_a_review_over_it_never_a_gatherings_day() -> None:
    text = """KẾ HOẠCH CÔNG TÁC THI ĐUA NĂM 2041

STT

Nội dung công việc

Thời gian thực hiện

Đơn vị thực hiện

1

Tuyên truyền phong trào thi đua trên trang thông tin điện tử

Tháng 02/2041

Văn phòng

2

Sơ kết phong trào thi đua 6 tháng đầu năm

Tháng 7

Hội đồng Thi đua

3

Tổ chức Hội nghị biểu dương điển hình tiên tiến

Tháng 9/2041

Hội đồng Thi đua
"""
    events = extract(text).events
    assert [(type(e).__name__, e.key_dates()[0]) for e in events] == [
        ("Phase", (date(2041, 2, 1), date(2041, 2, 28))),
        ("Review", (date(2041, 7, 1), date(2041, 7, 31))),
    ]


def test_a_rows_cells_run_on_over_the_next_line_are_read_with_it() -> None:
    text = (
        "KẾ HOẠCH CÔNG TÁC THI ĐUA NĂM 2041\nII. NỘI DUNG\n"
        "| TT | Nội dung | Thời gian | Đơn vị chủ trì |\n"
        "| 1 | Tổ chức Hội nghị sơ kết | Ngày 15/7/2041 | Hội đồng |\n"
        "|   | công tác thi đua 6 tháng đầu năm |   | Thi đua |\n"
        "| 2 | Các đơn vị gửi báo cáo tổng kết | Trước ngày 10/12/2041 | Các đơn vị |\n"
    )
    events = extract(text).events
    held = next(e for e in events if e.key_dates() == [(date(2041, 7, 15),)])
    assert "công tác thi đua" in held.title
    assert [d.days for d in events if isinstance(d, Deadline)] == [[date(2041, 12, 10)]]


def test_a_row_of_its_own_with_a_number_does_not_run_on() -> None:
    text = (
        "KẾ HOẠCH CÔNG TÁC THI ĐUA NĂM 2041\nII. NỘI DUNG\n"
        "| TT | Nội dung | Thời gian | Đơn vị chủ trì |\n"
        "| 1 | Tổ chức Hội nghị sơ kết công tác thi đua | Ngày 15/7/2041 | Hội đồng |\n"
        "| 2 | Treo cờ Tổ quốc tại trụ sở | Thường xuyên | Văn phòng |\n"
    )
    held = next(e for e in extract(text).events if e.key_dates() == [(date(2041, 7, 15),)])
    assert "Treo cờ" not in held.title
