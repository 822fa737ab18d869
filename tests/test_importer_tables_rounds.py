"""General rules of the importer for tables of last days and gatherings held in rounds (issue
11, the third split's lessons), each shown on an invented text: a column headed as a deadline
under any heading of that family ("Thời hạn hoàn thành", "Hạn chót", "Ngày hoàn thành chậm
nhất", …), copied one cell a line, as "|" cells or in a .docx table; the rounds of a congress
level by level; a range whose first day carries an aside; a tie word closed off in an aside; a
headline that rounds a deadline; "công tác chuẩn bị" as a noun, not a tense; an activity that
follows a dated gathering by its hour only."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

from importer import extract
from importer.model import Commemoration, Deadline, Meeting, Phase
from importer.source import read_document
from tests.documents import schedule_docx

ONE_CELL_A_LINE = """KẾ HOẠCH
Tổ chức lấy ý kiến cử tri năm 2031
STT

Công việc

Đơn vị chủ trì

Thời hạn hoàn thành

1

Lập danh sách tổ dân phố tham gia

Các phường lập danh sách và gửi về Phòng Nội vụ.

Phòng Nội vụ

12/3/2031

2

Hội nghị tập huấn tổ trưởng tổ dân phố

Tại hội trường Quận ủy.

Văn phòng HĐND - UBND

18/3/2031 (thứ Ba)

3

Tổng hợp ý kiến cử tri

Các phường gửi biên bản tổng hợp.

25 ngày

Văn phòng HĐND - UBND

02/4/2031
"""


def test_a_column_of_last_days_copied_one_cell_a_line_dates_each_rows_deadline() -> None:
    extraction = extract(ONE_CELL_A_LINE)
    deadlines = {d.days[0]: d for d in extraction.of(Deadline)}
    assert sorted(deadlines) == [date(2031, 3, 12), date(2031, 4, 2)]
    assert "danh sách tổ dân phố" in deadlines[date(2031, 3, 12)].what.casefold()
    assert deadlines[date(2031, 3, 12)].sense == "by"  # the day itself is the last one
    # a row that names a gathering is held on its day, whatever the column's heading
    meetings = extraction.of(Meeting)
    assert [m.day for m in meetings] == [date(2031, 3, 18)]
    assert meetings[0].title.startswith("Hội nghị tập huấn")


def test_the_same_days_under_another_time_heading_date_no_deadline() -> None:
    text = ONE_CELL_A_LINE.replace("Thời hạn hoàn thành", "Ghi chú")
    assert extract(text).of(Deadline) == []


def test_a_column_of_last_days_in_cells_reads_the_same_with_an_empty_cell() -> None:
    text = (
        "KẾ HOẠCH Kiểm tra công tác văn thư năm 2032\n"
        "| STT | Nội dung | Số ngày | Hạn chót |\n"
        "| 1 | Các trường tự kiểm tra, gửi báo cáo | | 20/5/2032 |\n"
        "| 2 | Đoàn kiểm tra của Sở làm việc tại các trường | 10 ngày | Trước 15/6/2032 |\n"
    )
    deadlines = sorted(extract(text).of(Deadline), key=lambda d: d.days)
    assert [(d.days, d.sense) for d in deadlines] == [
        ([date(2032, 5, 20)], "by"),
        ([date(2032, 6, 15)], "before"),  # the cell words its own limit
    ]


def test_a_heading_that_says_before_makes_each_day_one_not_to_reach() -> None:
    text = (
        "KẾ HOẠCH Tổng kết năm học 2033 - 2034\n"
        "| TT | Công việc | Hoàn thành trước ngày |\n"
        "| 1 | Các tổ chuyên môn nộp báo cáo tổng kết | 25/5/2034 |\n"
    )
    deadline = extract(text).of(Deadline)[0]
    assert (deadline.days, deadline.sense) == ([date(2034, 5, 25)], "before")


def test_a_docx_table_of_last_days_dates_deadlines(tmp_path: Path) -> None:
    word = tmp_path / "ke-hoach.docx"
    schedule_docx(
        word,
        ["KẾ HOẠCH", "Triển khai chuyển đổi số năm 2033"],
        ["TT", "Nhiệm vụ", "Cơ quan thực hiện", "Ngày hoàn thành chậm nhất"],
        [
            ["1", "Cập nhật cơ sở dữ liệu cán bộ", "Sở Nội vụ", "30/4/2033"],
            ["2", "Họp Ban Chỉ đạo đánh giá kết quả", "Văn phòng UBND tỉnh", "10/7/2033"],
        ],
        [],
    )
    extraction = extract(read_document(word))
    assert [d.days for d in extraction.of(Deadline)] == [[date(2033, 4, 30)]]
    assert [m.day for m in extraction.of(Meeting)] == [date(2033, 7, 10)]


ROUNDS = (
    "Hội thi Tiếng hát công nhân năm 2031\n"
    "Theo kế hoạch, Hội thi cấp Thành phố: diễn ra từ ngày 10/6/2031 đến ngày 20/7/2031 "
    "(chào mừng Ngày Báo chí cách mạng Việt Nam); Hội thi cấp Quận: tổ chức từ ngày 02/5/2031 "
    "đến ngày 31/5/2031; Hội thi cấp Phường: tổ chức từ ngày 01/3/2031 "
    "(gắn với ngày Quốc tế Phụ nữ) đến ngày 30/4/2031.\n"
)


def test_rounds_of_a_contest_by_level_are_phases_below_and_one_gathering_on_top() -> None:
    extraction = extract(ROUNDS)
    phases = sorted((p.start, p.end) for p in extraction.of(Phase))
    assert phases == [
        (date(2031, 3, 1), date(2031, 4, 30)),  # across an aside on its first day
        (date(2031, 5, 2), date(2031, 5, 31)),
    ]
    meetings = [(m.day, m.end, m.title) for m in extraction.of(Meeting)]
    assert meetings == [(date(2031, 6, 10), date(2031, 7, 20), "Hội thi cấp Thành phố")]


def test_a_tie_word_closed_in_an_aside_celebrates_nothing_named_after_it() -> None:
    days = [c.day for c in extract(ROUNDS).of(Commemoration)]
    assert date(2031, 3, 8) not in days  # "gắn với ngày Quốc tế Phụ nữ": only a tie
    # the day named inside the aside that says "chào mừng" is still celebrated
    assert date(2031, 6, 21) in days


def test_a_lower_round_named_alone_is_a_phase_and_a_top_round_alone_is_left() -> None:
    lower = "Năm 2034, Hội khỏe Phù Đổng cấp huyện: tổ chức từ ngày 05/3/2034 đến ngày 20/4/2034.\n"
    assert [(p.start, p.end) for p in extract(lower).of(Phase)] == [
        (date(2034, 3, 5), date(2034, 4, 20))
    ]
    school = lower.replace("cấp huyện", "vòng trường")
    assert [(p.start, p.end) for p in extract(school).of(Phase)] == [
        (date(2034, 3, 5), date(2034, 4, 20))
    ]
    top = "Năm 2034, Hội khỏe Phù Đổng cấp tỉnh: tổ chức từ ngày 05/3/2034 đến ngày 20/4/2034.\n"
    assert extract(top).of(Meeting) == []


HEADLINE = """Quận Hoàng Mai: hoàn thành lấy ý kiến cử tri trước tháng 6/2035
Theo kế hoạch của Ủy ban MTTQ quận, các phường hoàn thành lấy ý kiến trước ngày 12/6/2035.
"""


def test_a_headline_that_rounds_a_deadline_the_body_dates_adds_none() -> None:
    extraction = extract(HEADLINE)
    assert [d.days for d in extraction.of(Deadline)] == [[date(2035, 6, 12)]]
    assert any("6/2035" in n.message for n in extraction.notes)


def test_a_headline_deadline_far_from_the_bodys_is_kept() -> None:
    text = HEADLINE.replace("trước ngày 12/6/2035", "trước ngày 20/9/2035")
    days = sorted(d.days[0] for d in extract(text).of(Deadline))
    assert len(days) == 2 and days[1] == date(2035, 9, 20)


def test_a_lead_about_the_work_of_preparing_reports_a_conference_held() -> None:
    text = (
        "Huyện đoàn Tân Phú triển khai Đại hội Đoàn các cấp\n"
        "Sáng ngày 08/10, Ban Thường vụ Huyện đoàn tổ chức Hội nghị triển khai công tác chuẩn "
        "bị Đại hội Đoàn cấp cơ sở nhiệm kỳ 2032 - 2037.\n"
        "Theo dự kiến, Đại hội Đoàn các xã hoàn thành trước ngày 15/3/2032.\n"
    )
    extraction = extract(text)
    assert extraction.of(Meeting) == []
    assert [d.days for d in extraction.of(Deadline)] == [[date(2032, 3, 15)]]


def test_a_lead_that_says_a_gathering_is_being_prepared_tells_it_to_come() -> None:
    text = (
        "Trường THCS Lê Lợi sẵn sàng cho ngày hội\n"
        "Sáng ngày 20/11/2036, nhà trường chuẩn bị tổ chức Lễ kỷ niệm Ngày Nhà giáo Việt Nam.\n"
    )
    assert [m.day for m in extract(text).of(Meeting)] == [date(2036, 11, 20)]


FIREWORKS = (
    "KẾ HOẠCH Tổ chức Lễ hội đường phố năm 2033\n"
    "Lễ hội đường phố sẽ khai mạc lúc 19h00 ngày 30/4/2033 tại quảng trường trung tâm.\n"
    "Tiếp đó, Ban Tổ chức tổ chức bắn pháo hoa tầm cao trên sông, bắt đầu lúc 22 giờ.\n"
)


def test_an_activity_that_follows_a_dated_gathering_by_its_hour_is_held_that_day() -> None:
    meetings = sorted(extract(FIREWORKS).of(Meeting), key=lambda m: m.start_time or time())
    assert [(m.day, m.start_time) for m in meetings] == [
        (date(2033, 4, 30), time(19, 0)),
        (date(2033, 4, 30), time(22, 0)),
    ]
    assert meetings[1].title.startswith("Bắn pháo hoa tầm cao")


def test_an_hour_before_the_gatherings_own_or_after_another_is_not_its_day() -> None:
    earlier = FIREWORKS.replace("22 giờ", "17 giờ")
    assert len(extract(earlier).of(Meeting)) == 1
    other = FIREWORKS.replace("Tiếp đó,", "Sau Hội nghị tổng kết,")
    assert len(extract(other).of(Meeting)) == 1


def test_a_task_that_opens_with_cap_nhat_is_no_post_stamp() -> None:
    text = "KẾ HOẠCH số hóa hồ sơ năm 2033\nCập nhật hồ sơ đảng viên: chậm nhất ngày 30/4/2033.\n"
    assert [d.days for d in extract(text).of(Deadline)] == [[date(2033, 4, 30)]]


def test_a_show_the_same_evening_is_named_by_what_is_done() -> None:
    text = (
        "KẾ HOẠCH Lễ hội mùa xuân năm 2034\n"
        "Lễ khai hội sẽ diễn ra lúc 8h00 ngày 12/2/2034 tại sân vận động huyện.\n"
        "Tối cùng ngày, đoàn nghệ thuật sẽ biểu diễn chương trình ca múa nhạc lúc 20 giờ.\n"
        "Sau lễ khai hội, các đại biểu tham quan gian hàng lúc 9h30.\n"
    )
    meetings = extract(text).of(Meeting)
    assert [(m.day, m.start_time) for m in meetings] == [
        (date(2034, 2, 12), time(8, 0)),
        (date(2034, 2, 12), time(20, 0)),
    ]
    assert meetings[1].title.startswith("Biểu diễn chương trình ca múa nhạc")
