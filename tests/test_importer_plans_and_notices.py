"""General rules of the importer found on the ninth split's plans and notices once retired into
dev, each shown on invented sentences: great days written by their day and month alone after
the words that celebrate them ("chào mừng kỷ niệm 30/4, 1/5"), a body's day named in lower case
("ngày truyền thống ngành … 21/12"), a drive's rounds over the halves of its year ("Đợt 1:
… 6 tháng đầu năm"), and the items of a list of hours under a lead that names the gathering
("- Vào lúc 14 giờ, ngày …, tại …": one each), and a group's call to assemble ("+ Lớp 6: Tập
trung 7 giờ 30 phút, ngày …") as the hour of the gathering named that day."""

from __future__ import annotations

from datetime import date, time
from typing import TypeVar

import pytest

from importer import extract
from importer.model import Commemoration, Event, Meeting, Phase

E = TypeVar("E", bound=Event)


def of(kind: type[E], text: str) -> list[E]:
    """The events of one kind the importer reads in ``text``."""
    return [e for e in extract(text).events if isinstance(e, kind)]


def days_of(items: list[Commemoration]) -> set[date]:
    return {item.day for item in items}


def test_great_days_by_their_day_and_month_after_chao_mung_are_the_catalogs() -> None:
    text = "Năm 2036, Công đoàn ngành thi đua chào mừng kỷ niệm 30/4, 1/5 và Quốc khánh 2/9."
    found = of(Commemoration, text)
    assert days_of(found) == {date(2036, 4, 30), date(2036, 5, 1), date(2036, 9, 2)}
    assert {item.catalog for item in found} >= {"giai-phong-mien-nam", "quoc-te-lao-dong"}


def test_great_days_listed_after_cac_ngay() -> None:
    text = "Năm 2036, đoàn viên lập thành tích chào mừng kỷ niệm các ngày 30/4, 1/5."
    assert days_of(of(Commemoration, text)) == {date(2036, 4, 30), date(2036, 5, 1)}


def test_a_day_and_month_two_catalog_days_share_is_left_alone() -> None:
    text = "Năm 2036, chi đoàn thi đua chào mừng 19/8 và Ngày Quốc khánh."
    assert date(2036, 8, 19) not in days_of(of(Commemoration, text))


@pytest.mark.parametrize(
    "text",
    [
        # a bare day without words that celebrate it
        "Năm 2036, các đơn vị gửi báo cáo về Văn phòng trước ngày 30/4.",
        # a body's day in lower case that nothing celebrates
        "Năm 2036, ngày thành lập hợp tác xã 15/3 được ghi vào điều lệ.",
    ],
)
def test_a_day_no_words_celebrate_is_no_commemoration(text: str) -> None:
    assert of(Commemoration, text) == []


def test_a_bare_day_after_other_words_than_a_list_is_no_commemoration() -> None:
    # near miss: "kỷ niệm" then a meeting's day, not the day itself
    text = "Năm 2036, Công ty tổ chức lễ kỷ niệm vào sáng 30/4 tại hội trường."
    assert not any(item.catalog == "giai-phong-mien-nam" for item in of(Commemoration, text))


def test_a_bodys_day_in_lower_case_after_words_that_celebrate_it() -> None:
    text = "Năm 2036, thi đua chào mừng Quốc khánh 2/9, ngày truyền thống ngành Thủy lợi 4/8."
    assert date(2036, 8, 4) in days_of(of(Commemoration, text))


def test_a_drives_rounds_over_the_halves_of_its_year_are_phases() -> None:
    rounds = (
        "Phong trào thi đua năm 2036 chia làm hai đợt: Đợt 1: thi đua hoàn thành kế hoạch 6 "
        "tháng đầu năm 2036; Đợt 2: thi đua về đích 6 tháng cuối năm."
    )
    halves = {(p.start, p.end) for p in of(Phase, rounds)}
    assert halves == {(date(2036, 1, 1), date(2036, 6, 30)), (date(2036, 7, 1), date(2036, 12, 31))}


def test_a_half_year_without_a_round_is_no_phase() -> None:
    text = "Năm 2036, các phòng gửi báo cáo sơ kết công tác 6 tháng đầu năm về Văn phòng."
    assert of(Phase, text) == []


def test_a_round_over_a_half_year_told_as_done_is_no_phase() -> None:
    # near miss: a round looked back on
    text = "Năm 2037, đợt 1 đã hoàn thành chỉ tiêu 6 tháng đầu năm 2036."
    assert of(Phase, text) == []


_SCHEDULE = (
    "LỊCH LÀM VIỆC năm 2036\n\n"
    "{lead}\n\n"
    "- Vào lúc 7 giờ 30, ngày 12/6/2036 (thứ năm), tại nhà văn hóa ấp Tân Hòa, gồm ấp Tân Hòa "
    "và ấp Tân Lợi.\n\n"
    "- Vào lúc 14 giờ, ngày 12/6/2036 (thứ năm), tại hội trường UBND xã, gồm ấp Phú Thạnh.\n\n"
    "- Vào lúc 8 giờ, ngày 13/6/2036 (thứ sáu), tại trường tiểu học Phú An, gồm ấp Phú An.\n"
)


def test_each_item_of_a_list_of_hours_under_a_lead_naming_a_gathering_is_one() -> None:
    lead = "Hội nghị lấy ý kiến nhân dân về dự thảo quy hoạch xã được tổ chức như sau:"
    meetings = of(Meeting, _SCHEDULE.format(lead=lead))
    assert sorted((m.day, m.start_time) for m in meetings) == [
        (date(2036, 6, 12), time(7, 30)),
        (date(2036, 6, 12), time(14, 0)),
        (date(2036, 6, 13), time(8, 0)),
    ]


def test_a_list_of_hours_under_a_lead_naming_no_gathering_is_not_read_as_one() -> None:
    # near miss: the lead says only that a plan is carried out; nothing names what is held
    lead = "Ủy ban nhân dân xã triển khai thực hiện kế hoạch như sau:"
    assert of(Meeting, _SCHEDULE.format(lead=lead)) == []


def test_a_groups_call_to_assemble_is_the_hour_of_the_gathering_named_that_day() -> None:
    # the gathering first with no hour, then each group's call to assemble: one for the day
    text = (
        "Thông báo tựu trường năm học 2036-2037.\n\n"
        "Toàn thể học sinh tựu trường ngày 25/8/2036. Riêng học sinh lớp 6, tựu trường ngày "
        "18/8/2036.\n\n"
        "+ Lớp 6: Tập trung 7 giờ 30 phút, ngày 18/8/2036.\n"
    )
    meetings = of(Meeting, text)
    assert sorted((m.day, m.start_time) for m in meetings if m.day.day == 18) == [
        (date(2036, 8, 18), time(7, 30))
    ]
