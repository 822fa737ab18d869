"""General rules of the importer found on the ninth split's news pages once retired into dev, each
shown on an invented sentence: a span a news page opens on its day of posting ("từ hôm nay,
12.9, đến ngày 15.9"); a month named as the campaign it is ("Trong tháng 5 - Tháng Công nhân,
…") and a month said to run its activities before they are named ("Diễn ra trong suốt tháng 6,
các hoạt động của …"), each a phase over the month and no deadline; a gathering told to be over
within a month ("Đại hội … sẽ xong trong tháng 9"), held in it, no deadline; a day a decision
sets "hằng năm là Ngày …", a commemoration; a gathering named after what was done ("… đã tổ chức
thành công … và Đại hội … được tổ chức trong 02 ngày …"), held on its own days; a congress named
by the term it opens, its days without a year, dated by the term's first year. A range that says
who is counted by the days they died or were born ("đã qua đời từ ngày …") is no event. Days
joined by an arrow and a month run into its year ("ngày 17->18 /092015") are read as
"17-18/09/2015"."""

from __future__ import annotations

from datetime import date
from typing import TypeVar

import pytest

from importer import extract
from importer.dates import ranges
from importer.model import Commemoration, Deadline, Event, Meeting, Phase
from importer.text import clean

E = TypeVar("E", bound=Event)


def of(kind: type[E], text: str, year: int | None = None) -> list[E]:
    """The events of one kind the importer reads in ``text``."""
    return [e for e in extract(text, year=year).events if isinstance(e, kind)]


def test_a_span_opened_on_the_day_of_posting_is_one_range() -> None:
    for text in (
        "Hội chợ nông sản năm 2036 sẽ diễn ra từ hôm nay, 12.9, đến ngày 15.9 tại tỉnh.",
        "Hội chợ nông sản năm 2036 sẽ diễn ra từ hôm nay (12/9) đến ngày 15/9 tại tỉnh.",
    ):
        [fair] = of(Meeting, text)
        assert fair.key_dates() == [(date(2036, 9, 12), date(2036, 9, 15))]


def test_today_without_from_opens_no_span() -> None:
    # near miss: the day of posting and a later day, not joined by "từ … đến"
    text = "Hôm nay, 12/9, Ban tổ chức họp báo, đến ngày 15/9/2036 công bố kết quả."
    assert ranges(text) == []


MAY = [(date(2036, 5, 1), date(2036, 5, 31))]


@pytest.mark.parametrize(
    "text",
    [
        # the month, then the campaign it is named as
        "Trong tháng 5 - Tháng Công nhân, Công đoàn tỉnh sẽ tổ chức nhiều chương trình, "
        "xây dựng mái ấm công đoàn cho đoàn viên khó khăn.",
        # the month said to run, then its activities
        "Diễn ra trong suốt tháng 5, các hoạt động của tháng hành động hướng tới giảm tai nạn "
        "giao thông trên địa bàn.",
    ],
)
def test_a_campaigns_month_is_a_phase_and_no_deadline(text: str) -> None:
    [month] = of(Phase, text, 2036)
    assert month.key_dates() == MAY
    assert of(Deadline, text, 2036) == []


def test_a_month_after_a_dash_in_lower_case_names_no_campaign() -> None:
    # near miss: "tháng cao điểm" is no name; the report sent in the month stays a deadline
    text = "Các đơn vị gửi báo cáo kết quả trong tháng 5 - tháng cao điểm về Sở Nội vụ."
    assert of(Phase, text, 2036) == []
    [due] = of(Deadline, text, 2036)
    assert due.key_dates() == [(date(2036, 5, 31),)]


def test_a_month_said_to_run_before_no_activities_is_no_phase() -> None:
    # near miss: what runs over the month is not said to be the activities
    text = "Diễn ra trong suốt tháng 5, thời tiết nắng nóng kéo dài trên địa bàn tỉnh."
    assert of(Phase, text, 2036) == []


def test_a_gathering_told_to_be_over_within_a_month_is_no_deadline() -> None:
    for text in (
        "Hội nghị điển hình tiên tiến cấp huyện sẽ xong trong tháng 9/2036.",
        "Đại hội Hội Nông dân cấp xã sẽ được tổ chức xong trong tháng 9/2036.",
    ):
        assert of(Deadline, text) == []


@pytest.mark.parametrize(
    "text",
    [
        # near misses: units told to finish their gatherings by the month have a task due
        "Các chi hội sẽ hoàn thành Đại hội trong tháng 9/2036.",
        "Ban Thường trực chỉ đạo Hội nghị Ban công tác ở khu dân cư xong trong tháng 9/2036.",
    ],
)
def test_units_told_to_finish_their_gatherings_in_a_month_have_a_deadline(text: str) -> None:
    [due] = of(Deadline, text)
    assert due.key_dates() == [(date(2036, 9, 30),)]


@pytest.mark.parametrize(
    "text",
    [
        "Quốc hội đã quyết định lấy ngày 9/11 hằng năm là Ngày Pháp luật Việt Nam.",
        "Ngày 9-11 hàng năm được chọn làm Ngày Pháp luật Việt Nam.",
    ],
)
def test_a_day_set_each_year_as_a_named_day_is_its_commemoration(text: str) -> None:
    [day] = of(Commemoration, text, 2036)
    assert day.key_dates() == [(date(2036, 11, 9),)]


def test_a_day_said_to_be_a_named_day_without_each_year_is_not_set() -> None:
    # near miss: no "hằng năm", nothing set; the day only described
    assert of(Commemoration, "Ngày 9/11 là Ngày Pháp luật Việt Nam, dịp để học luật.", 2036) == []


@pytest.mark.parametrize(
    ("text", "days"),
    [
        # a gathering named after what was done ("đã tổ chức thành công … và Đại hội …")
        (
            "Từ tháng 3 đến tháng 5/2036, các huyện đã tổ chức thành công Đại hội cấp huyện và "
            "Đại hội đại biểu tỉnh lần thứ X được tổ chức trong 02 ngày 20-21/6/2036 tại tỉnh.",
            (date(2036, 6, 20), date(2036, 6, 21)),
        ),
        # a congress of a term, its days without a year: the term's first year
        (
            "Sáng 24/8, lãnh đạo tỉnh gặp mặt đoàn đại biểu dự Đại hội Hội Nông dân Việt Nam lần "
            "thứ IX, nhiệm kỳ 2036 – 2041 diễn ra từ ngày 29 đến 30/8 tại Hà Nội.",
            (date(2036, 8, 29), date(2036, 8, 30)),
        ),
    ],
)
def test_a_congress_told_in_news_is_one_meeting_over_its_days(
    text: str, days: tuple[date, date]
) -> None:
    [congress] = of(Meeting, text)
    assert congress.key_dates() == [days]
    assert of(Phase, text) == []  # months told as done stay past


def test_days_of_the_gathering_told_as_done_stay_past() -> None:
    # near miss: the days belong to what "đã tổ chức thành công" tells
    text = "Các huyện đã tổ chức thành công Đại hội cấp huyện trong 02 ngày 20-21/6/2036 tại tỉnh."
    assert of(Meeting, text) == []


def test_a_term_told_as_gone_by_gives_no_year() -> None:
    # near miss: the term looked back on, not opened
    text = "Đại hội nhiệm kỳ 2031 - 2036 vừa qua được tổ chức từ ngày 29 đến 30/8 tại tỉnh."
    assert extract(text).document.year_unknown


@pytest.mark.parametrize(
    "text",
    [
        "Đối tượng điều tra gồm các thành viên trong hộ đã qua đời từ ngày 01/2/2036 - 31/3/2037.",
        "Tiêm vắc xin cho trẻ em sinh từ ngày 01/01/2035 đến ngày 31/12/2035 trên địa bàn.",
    ],
)
def test_days_of_death_or_birth_that_say_who_is_counted_are_no_event(text: str) -> None:
    assert extract(text).events == []


def test_pupils_over_days_are_no_births() -> None:
    # near miss: "học sinh" ends in "sinh" but tells no birth
    text = "Học sinh từ ngày 05/9/2036 đến 10/9/2036 tham gia tuần sinh hoạt tập thể."
    assert [e.key_dates() for e in of(Phase, text)] == [[(date(2036, 9, 5), date(2036, 9, 10))]]


def test_days_joined_by_an_arrow_and_a_month_run_into_its_year_are_read() -> None:
    text = "Hội thi dự kiến tổ chức ngày 20->21 /092036 tại Hội trường xã."
    assert "ngày 20-21/09/2036" in clean(text)
    [contest] = of(Meeting, text)
    assert contest.key_dates() == [(date(2036, 9, 20), date(2036, 9, 21))]


@pytest.mark.parametrize(
    "text",
    [
        "Sản lượng tăng từ 10->15% so với cùng kỳ.",  # an arrow between figures, no days
        "Hồ sơ số 18/132036 lưu tại văn phòng.",  # no thirteenth month
        "Quyết định 25/2036/QĐ-UBND.",  # a number and its year
    ],
)
def test_arrows_and_numbers_that_are_no_days_are_left_as_written(text: str) -> None:
    assert clean(text) == text
