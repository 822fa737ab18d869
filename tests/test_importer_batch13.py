"""General rules of the importer found on dev batch 13 and the retired fourth split (issue 11),
each shown on an invented sentence: days off for a holiday are no ceremony, a page's stamp
with its weekday set off by a dash, a month in which activities take place is no deadline."""

from __future__ import annotations

from datetime import date

from importer import extract
from importer.model import Deadline, Meeting


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
