"""The year a text is read as when neither its title nor a dating line gives it (issue 11, dev
batch 14): a horizon ("đến năm 2040", "tầm nhìn đến năm 2045") is not the year the text is
about, a month written with its year ("tháng 11/2037") names one, the month a span runs to does
not outweigh the one it starts in, and a count of a national day's years ("chào mừng 85 năm Quốc
khánh 2/9") dates a text that writes no year at all. Invented sentences only."""

from __future__ import annotations

from datetime import date

from importer import extract
from importer.model import Commemoration


def year_of(text: str) -> int | None:
    """The year the importer reads ``text`` as, or None when it asks for one."""
    document = extract(text).document
    return None if document.year_unknown else document.year


def test_a_horizon_is_not_the_year_a_text_is_about() -> None:
    text = (
        "Ngày 10/10 hằng năm là Ngày Chuyển đổi số quốc gia. Chương trình chuyển đổi số của "
        "tỉnh đến năm 2040, định hướng đến năm 2045 đặt ra nhiều mục tiêu.\n\n"
        "Các hoạt động hưởng ứng Ngày Chuyển đổi số quốc gia năm 2037 gồm hội thảo, triển lãm."
    )
    assert year_of(text) == 2037
    days = extract(text).of(Commemoration)
    assert [d.day for d in days] == [date(2037, 10, 10)]


def test_a_text_that_names_only_a_horizon_asks_for_its_year() -> None:
    text = "Chương trình phát triển du lịch của huyện đến năm 2040, tầm nhìn đến năm 2050."
    assert year_of(text) is None


def test_a_month_written_with_its_year_names_the_year() -> None:
    text = (
        "Các chi hội hoàn thành tổng kết trong tháng 10, Đại hội Hội Nông dân tỉnh dự kiến "
        "trong tháng 11/2037."
    )
    assert year_of(text) == 2037


def test_the_month_a_span_runs_to_does_not_outweigh_its_first() -> None:
    text = "Chiến dịch tiêm chủng được triển khai từ tháng 7/2036 đến tháng 4/2037 trên toàn tỉnh."
    assert year_of(text) == 2036


def test_a_count_of_a_national_days_years_dates_a_text_without_a_year() -> None:
    text = "Nhân dân các thôn ra quân tổng vệ sinh môi trường chào mừng 85 năm Quốc khánh 2/9."
    assert year_of(text) == 2030
    assert [d.day for d in extract(text).of(Commemoration)] == [date(2030, 9, 2)]


def test_a_count_of_a_days_years_the_catalog_does_not_know_dates_nothing() -> None:
    text = "Học sinh các lớp trang trí khuôn viên chào mừng 35 năm thành lập trường."
    assert year_of(text) is None


def test_to_the_end_of_a_year_is_no_horizon() -> None:
    text = "Kế hoạch triển khai thực hiện từ nay đến hết năm 2037 trên địa bàn xã."
    assert year_of(text) == 2037


def test_a_sites_clock_does_not_date_the_page() -> None:
    # "Hôm nay, ngày …" is the day the page was seen: the article's events are not past for it
    text = (
        "Hôm nay, ngày 14 tháng 3 năm 2038\nTIN HOẠT ĐỘNG\n\n"
        "Xã Tân Hòa: tổ chức Ngày hội đại đoàn kết toàn dân tộc năm 2037\n\n"
        "Thời gian tổ chức ngày hội ở các khu dân cư từ ngày 01 đến ngày 18/11/2037."
    )
    extraction = extract(text)
    assert extraction.document.year == 2037 and extraction.document.date is None
    assert [e.key_dates() for e in extraction.events] == [[(date(2037, 11, 1), date(2037, 11, 18))]]


def test_a_sentence_about_today_is_read() -> None:
    text = "Hôm nay, ngày 5/9/2037, trường tổ chức lễ khai giảng năm học mới tại sân trường."
    assert [e.key_dates() for e in extract(text).events] == [[(date(2037, 9, 5),)]]
