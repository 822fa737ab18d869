"""General rules of the importer found on the retired sixth split (issue 11), each shown on an
invented sentence: a launch year and a cited document's year do not date the text, days listed
in groups make one span, a closure told to last to a day is a phase, a count of years from a
work's birth or a leader's birth is a commemoration, a register's card of the document's own
days is no deadline, and a news lead opened by a phrase of purpose tells its rally as held."""

from __future__ import annotations

from datetime import date

import pytest

from importer import extract
from importer.model import Commemoration, Deadline, Meeting, Phase, Review


def _phases(text: str) -> list[tuple[date, date]]:
    return [(e.start, e.end) for e in extract(text).events if isinstance(e, Phase)]


def test_a_launch_year_told_twice_does_not_date_the_week() -> None:
    opening = (
        "Tuần lễ Quốc gia về An toàn lao động do Thủ tướng Chính phủ phát động từ năm 1999 và "
        "được tổ chức từ ngày 10/3 – 17/3 hằng năm."
    )
    text = f"""{opening} {opening}
Các cơ sở treo băng rôn “Tuần lễ Quốc gia về An toàn lao động (10/3/2033)” tại trụ sở.
"""
    assert (date(2033, 3, 10), date(2033, 3, 17)) in _phases(text)


def test_the_years_of_cited_decisions_do_not_date_the_text() -> None:
    text = """Thực hiện Quyết định số 12/QĐ-TTg ngày 5/3/1998 và Quyết định số 15/QĐ-BYT ngày
8/3/1998 của Bộ Y tế, các đơn vị tổ chức Tuần lễ vệ sinh từ ngày 20/4 – 27/4 hằng năm; hội thi
cấp tỉnh diễn ra ngày 22/4/2035.
"""
    assert extract(text).document.year == 2035


def test_a_text_that_dates_only_cited_documents_is_of_their_time() -> None:
    text = """Trên cơ sở Tờ trình số 05/TTr-HBT ngày 12/4/2034 của Hội Chữ thập đỏ, Sở Nội vụ
đang xem xét hồ sơ theo Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ.
"""
    assert extract(text).document.year == 2034


def test_days_listed_in_groups_are_one_span() -> None:
    text = """THÔNG BÁO
Tiếp nhận hồ sơ năm 2034
Thời gian tiếp nhận hồ sơ: sáng ngày 6, 13/3/2034 và cả ngày 9, 16/3/2034.
"""
    assert _phases(text) == [(date(2034, 3, 6), date(2034, 3, 16))]


def test_days_each_written_in_full_stay_apart() -> None:
    text = """THÔNG BÁO
Lịch họp năm 2034
Ban Thường vụ họp giao ban vào các ngày 5/3/2034, 12/3/2034 và 19/3/2034.
"""
    assert (date(2034, 3, 5), date(2034, 3, 19)) not in _phases(text)


def test_a_closure_told_to_last_to_a_day_runs_from_the_day_after_the_letter() -> None:
    text = """Tin giáo dục
Ngày 14/2/2035, Sở Giáo dục đã ký văn bản đề nghị các trường tiếp tục cho học sinh nghỉ học
đến hết ngày 18/2/2035.
"""
    assert _phases(text) == [(date(2035, 2, 15), date(2035, 2, 18))]


def test_a_closure_over_before_the_document_is_no_phase() -> None:
    text = """SỞ GIÁO DỤC
Hải Dương, ngày 01 tháng 3 năm 2035
BÁO CÁO
Các trường đã cho học sinh nghỉ học đến ngày 18/2/2035 để phòng dịch.
"""
    assert not _phases(text)


def test_a_work_counted_from_its_birth_is_a_commemoration() -> None:
    text = """KẾ HOẠCH
Các ngày kỷ niệm năm 2036
Kỷ niệm 150 năm ra đời tác phẩm “Hịch tướng sĩ mới” (12/5/1886 – 12/5/2036).
"""
    items = [e for e in extract(text).events if isinstance(e, Commemoration)]
    assert [(i.day, i.origin) for i in items] == [(date(2036, 5, 12), date(1886, 5, 12))]
    assert items[0].title.startswith("Ra đời tác phẩm")


def test_a_birth_named_before_an_apposition_of_several_offices() -> None:
    text = """KẾ HOẠCH
tổ chức kỷ niệm 110 năm ngày sinh đồng chí Nguyễn Văn Bính, nguyên Bí thư Tỉnh ủy, nguyên Chủ
tịch Ủy ban hành chính tỉnh (04/7/1926 – 04/7/2036)
"""
    items = [e for e in extract(text).events if isinstance(e, Commemoration)]
    assert [i.day for i in items] == [date(2036, 7, 4)]
    assert items[0].title.startswith("Ngày sinh đồng chí Nguyễn Văn Bính")


def test_a_catalog_day_named_in_other_words_is_one_day() -> None:
    text = """Tin hoạt động
Hội Liên hiệp phụ nữ tổ chức nhiều hoạt động dịp kỷ niệm 106 năm Ngày thành lập Hội Liên hiệp
Phụ nữ Việt Nam 20/10. Các cấp Hội tổ chức kỷ niệm 106 năm thành lập Hội (20/10/1930-20/10/2036).
"""
    items = [e for e in extract(text).events if isinstance(e, Commemoration)]
    assert [i.day for i in items] == [date(2036, 10, 20)]


def test_a_registers_card_of_the_documents_days_is_no_deadline() -> None:
    text = """Loại văn bản: | Quyết định | Người ký: | Nguyễn Văn A |
Ngày ban hành: | 05/09/2036 | Hết hiệu lực: | Đang cập nhật |
Áp dụng: | 15/09/2036 | Tình trạng hiệu lực: | Còn Hiệu lực |
"""
    assert not [e for e in extract(text).events if isinstance(e, Deadline)]


def test_a_row_of_work_due_on_a_day_is_still_a_deadline() -> None:
    text = """KẾ HOẠCH
Thi đua năm 2036
| Nộp báo cáo tổng kết về Phòng Nội vụ | 05/09/2036 |
"""
    assert [e for e in extract(text).events if isinstance(e, Deadline)]


def test_a_news_lead_opened_by_a_phrase_of_purpose_tells_its_rally_as_held() -> None:
    text = """Huyện Đoàn: Lễ mít tinh hưởng ứng Tháng hành động vì trẻ em năm 2036
Hưởng ứng Tháng hành động vì trẻ em, sáng ngày 29/5/2036, Huyện Đoàn An Phú tổ chức Lễ mít tinh
tại sân vận động huyện.
Tại buổi lễ, các đại biểu được nghe tuyên truyền về quyền trẻ em.
"""
    assert not [e for e in extract(text).events if isinstance(e, Meeting)]


def test_a_plan_opened_by_a_phrase_of_purpose_still_schedules_its_rally() -> None:
    text = """HUYỆN ĐOÀN AN PHÚ
An Phú, ngày 10 tháng 5 năm 2036
KẾ HOẠCH
Hưởng ứng Tháng hành động vì trẻ em, sáng ngày 29/5/2036, Huyện Đoàn tổ chức Lễ mít tinh tại
sân vận động huyện.
"""
    meetings = [e for e in extract(text).events if isinstance(e, Meeting)]
    assert [m.day for m in meetings] == [date(2036, 5, 29)]


def test_at_the_latest_in_other_words_is_a_deadline() -> None:
    text = """KẾ HOẠCH
Công tác năm 2036
Các tổ vận động học sinh ra lớp, dứt điểm trễ nhất ngày 15/10/2036.
"""
    deadlines = [e for e in extract(text).events if isinstance(e, Deadline)]
    assert [d.days for d in deadlines] == [[date(2036, 10, 15)]]


@pytest.mark.parametrize(
    ("written", "kept"),
    [("04/10/2036", [[date(2036, 10, 4)]]), ("28/9/2036", [])],  # the month before: gone by
)
def test_a_monthly_plan_signed_into_its_month_still_sets_its_first_days(
    written: str, kept: list[list[date]]
) -> None:
    text = f"""TRƯỜNG TIỂU HỌC AN BÌNH
An Bình, ngày 08 tháng 10 năm 2036
KẾ HOẠCH
Thực hiện nhiệm vụ tháng 10/2036
Các lớp hoàn thành việc thu nhận học sinh, chậm nhất vào ngày {written}.
"""
    deadlines = [e for e in extract(text).events if isinstance(e, Deadline)]
    assert [d.days for d in deadlines] == kept


def test_a_lines_review_of_a_gathering_at_an_hour_is_a_review() -> None:
    text = """KẾ HOẠCH
Tổ chức Hội thi văn nghệ năm 2036
+ Khai mạc Hội thi: vào lúc 8 giờ 00, ngày 10/3/2036.
+ Tổng kết Hội thi: vào lúc 15 giờ 30, ngày 12/3/2036.
"""
    reviews = [e for e in extract(text).events if isinstance(e, Review)]
    assert [(r.start, r.end) for r in reviews] == [(date(2036, 3, 12), date(2036, 3, 12))]


def test_a_review_that_leads_to_another_gathering_is_not_its_day() -> None:
    text = """KẾ HOẠCH
Công tác năm 2036
Sau khi tổng kết năm học, nhà trường tổ chức Hội thi văn nghệ vào ngày 12/3/2036.
"""
    assert not [e for e in extract(text).events if isinstance(e, Review)]


def test_a_gathering_held_again_by_others_on_a_day_of_its_own_clause() -> None:
    text = """KẾ HOẠCH
Tổ chức Ngày hội văn hóa năm 2036
Dự kiến ngày 14/11/2036 tổ chức Ngày hội tại điểm của huyện; ngày 15/11/2036, các thôn còn lại
tổ chức đồng loạt.
"""
    meetings = [e for e in extract(text).events if isinstance(e, Meeting)]
    assert [m.day for m in meetings] == [date(2036, 11, 14), date(2036, 11, 15)]


def test_a_day_of_other_work_after_a_gathering_is_no_further_round() -> None:
    text = """KẾ HOẠCH
Tổ chức Ngày hội văn hóa năm 2036
Dự kiến ngày 14/11/2036 tổ chức Ngày hội tại điểm của huyện; ngày 20/11/2036, các thôn gửi báo
cáo kết quả về Ủy ban.
"""
    meetings = [e for e in extract(text).events if isinstance(e, Meeting)]
    assert [m.day for m in meetings] == [date(2036, 11, 14)]


def test_a_closing_with_prizes_at_an_hour_is_a_ceremony_not_a_review() -> None:
    text = """KẾ HOẠCH
Tổ chức Hội thi văn nghệ năm 2036
- Tổng kết trao giải: vào lúc 19 giờ 00, ngày 12/3/2036.
"""
    events = extract(text).events
    assert not [e for e in events if isinstance(e, Review)]
    assert [e.day for e in events if isinstance(e, Meeting)] == [date(2036, 3, 12)]
