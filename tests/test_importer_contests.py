"""General rules of the importer found on the eighth split's documents once retired into dev
(issue 11): a contest named for the month it runs over is a phase over that month; one held
over a few days is a gathering over them; a local victory the catalog does not know, counted
and dated beside its name, is its anniversary; a stage's window for entries ("Giai đoạn 1: Thời
gian nhận bài …") or a window for a contest's entries from a day is a phase, not a deadline;
the window a text extends is replaced by its new close; prizes announced on a day are a
deadline on it. Invented sentences only."""

from __future__ import annotations

from datetime import date

from importer import extract
from importer.model import Commemoration, Deadline, Meeting, Phase


def _phases(text: str) -> list[tuple[str, date, date]]:
    return [(p.title, p.start, p.end) for p in extract(text).of(Phase)]


def test_a_contest_named_for_its_month_runs_over_the_month() -> None:
    text = "Công đoàn phát động Cuộc thi tìm hiểu an toàn giao thông tháng 9/2035 trong đoàn viên."
    assert _phases(text) == [
        ("Cuộc thi tìm hiểu an toàn giao thông tháng 9/2035", date(2035, 9, 1), date(2035, 9, 30))
    ]
    text = "Nhà trường tổ chức Hội thi kể chuyện về Bác tháng 3/2035 cho học sinh khối 5."
    assert [(s, e) for _, s, e in _phases(text)] == [(date(2035, 3, 1), date(2035, 3, 31))]


def test_a_contests_results_for_a_month_are_not_the_contest() -> None:
    text = "Ban tổ chức công bố kết quả Cuộc thi tìm hiểu an toàn giao thông tháng 9/2035."
    assert _phases(text) == []
    # a bare "9/2035" after the name is when it was launched, not a month it is named for
    assert _phases("Cuộc thi tìm hiểu an toàn giao thông được phát động vào 9/2035.") == []
    # a congress of emulation ("Đại hội Thi đua") is no contest ("hội thi")
    assert _phases("Đại hội Thi đua yêu nước huyện lần thứ VI dự kiến tổ chức tháng 6/2035.") == []


def test_a_contest_held_over_a_few_days_is_a_gathering() -> None:
    text = "Ban tổ chức Cuộc thi Hát dân ca đã thống nhất tổ chức cuộc thi từ ngày 7 đến 9/11/2035."
    meetings = extract(text).of(Meeting)
    assert [(m.title, m.day, m.end) for m in meetings] == [
        ("Cuộc thi Hát dân ca", date(2035, 11, 7), date(2035, 11, 9))
    ]
    text = "Cuộc thi Hùng biện tiếng Anh sẽ diễn ra từ ngày 5 đến 6/12/2035 tại hội trường trường."
    assert [(m.day, m.end) for m in extract(text).of(Meeting)] == [
        (date(2035, 12, 5), date(2035, 12, 6))
    ]


def test_a_contest_over_weeks_is_no_gathering() -> None:
    text = "Cuộc thi Viết thư quốc tế được tổ chức từ ngày 5/3 đến 30/4/2035 trong học sinh."
    assert extract(text).of(Meeting) == []


def test_a_counted_victory_dated_beside_its_name_is_its_anniversary() -> None:
    text = (
        "Kế hoạch năm 2035\n\nXã tổ chức các hoạt động chào mừng kỷ niệm 70 năm Chiến thắng "
        "Suối Lớn (14/3) trong toàn xã."
    )
    days = extract(text).of(Commemoration)
    assert [(d.title, d.day, d.years) for d in days] == [
        ("Chiến thắng Suối Lớn", date(2035, 3, 14), 70)
    ]


def test_a_victory_named_without_a_count_or_a_day_is_no_anniversary() -> None:
    text = "Kế hoạch năm 2035\n\nĐoàn viên tham quan di tích Chiến thắng Suối Lớn (xã Tân An)."
    assert extract(text).of(Commemoration) == []


def test_a_stages_window_for_entries_is_a_phase_not_a_deadline() -> None:
    # entries taken in each stage: a stage's close does not close the contest
    text = (
        "Kế hoạch Cuộc thi viết về thầy cô năm 2035.\n\n- Giai đoạn 1: Thời gian nhận bài dự thi: "
        "từ ngày 01/3 đến ngày 30/4/2035.\n\n- Giai đoạn 2: Thời gian nhận bài dự thi: từ ngày "
        "02/5 đến ngày 30/6/2035.\n"
    )
    assert not extract(text).of(Deadline)
    assert [(s, e) for _, s, e in _phases(text)] == [
        (date(2035, 3, 1), date(2035, 4, 30)),
        (date(2035, 5, 2), date(2035, 6, 30)),
    ]


def test_the_window_a_text_extends_is_replaced_by_its_new_close() -> None:
    # "gia hạn nhận bài … ngày D": the old window is superseded, neither phase nor deadline
    text = (
        "Gia hạn cuộc thi viết “Nghề giáo trong tôi”\n\nTheo thể lệ, thời gian nhận bài dự thi "
        "từ 01/3/2034 – 30/6/2034.\n\nNay Ban tổ chức thông báo thời gian gia hạn nhận bài dự "
        "thi ngày 31/8/2034.\n"
    )
    found = extract(text)
    assert found.of(Phase) == []
    assert [d.days for d in found.of(Deadline)] == [[date(2034, 8, 31)]]


def test_prizes_announced_on_a_day_are_a_deadline_on_it() -> None:
    # what the organisers owe by a day: the announcement of the prizes, as of results
    text = (
        "Kế hoạch cuộc thi ảnh “Phố cổ mùa thu” năm 2034.\n\nBan tổ chức công bố các giải "
        "thưởng trên trang thông tin của Hội vào ngày 20/11/2034.\n"
    )
    assert [(d.what, d.days) for d in extract(text).of(Deadline)] == [
        ("Công bố các giải thưởng trên trang thông tin của Hội", [date(2034, 11, 20)])
    ]
    # told at a rite, the announcement is the rite's: a meeting, no deadline
    rite = "Kế hoạch năm 2034.\n\nHội tổ chức lễ công bố kết quả vào ngày 20/11/2034 tại hội trường"
    assert not extract(rite).of(Deadline)
    assert [m.day for m in extract(rite).of(Meeting)] == [date(2034, 11, 20)]


def test_a_contests_window_for_entries_from_a_day_is_a_phase_not_a_deadline() -> None:
    # entries open to all comers bind no addressee: the window is the contest's phase
    text = (
        "Thể lệ cuộc thi sáng tác ca khúc về quê hương năm 2034.\n\n- Nhận tác phẩm dự thi từ "
        "ngày 10 tháng 3 đến ngày 25 tháng 6 năm 2034 (theo dấu bưu điện).\n"
    )
    assert not extract(text).of(Deadline)
    assert [(s, e) for _, s, e in _phases(text)] == [(date(2034, 3, 10), date(2034, 6, 25))]
