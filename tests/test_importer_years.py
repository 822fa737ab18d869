"""The year a text is read as when neither its title nor a dating line gives it (issue 11, dev
batch 14): a horizon ("đến năm 2040", "tầm nhìn đến năm 2045") is not the year the text is
about, a month written with its year ("tháng 11/2037") names one, the month a span runs to does
not outweigh the one it starts in, and a count of a national day's years ("chào mừng 85 năm Quốc
khánh 2/9") dates a text that writes no year at all. Invented sentences only."""

from __future__ import annotations

from datetime import date

from importer import extract
from importer.model import Commemoration, Meeting


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


def test_a_portals_top_bar_clock_is_neither_title_nor_year() -> None:
    # the weekday and the day in words alone on the first line, with no time: the day the page
    # was seen; the post's stamp, spaced as some content systems print it, dates the article
    text = (
        "Thứ hai, ngày 12 tháng 6 năm 2045\n\nHội thi tin học trẻ của huyện\n\n"
        "Đăng ngày 14 - 03 - 2039\n\n"
        "Sáng 20/3, huyện tổ chức khai mạc Hội thi tin học trẻ tại Nhà văn hóa huyện."
    )
    extraction = extract(text)
    assert extraction.document.year == 2039
    assert extraction.document.title == "Hội thi tin học trẻ của huyện"
    assert [e.key_dates() for e in extraction.events] == [[(date(2039, 3, 20),)]]


def test_a_weekday_line_in_the_body_is_no_clock() -> None:
    text = (
        "LỊCH CÔNG TÁC CỦA BAN THƯỜNG VỤ\n\nNội dung làm việc trong tuần như sau.\n\n"
        "Chủ nhật, ngày 15 tháng 4 năm 2040\n\n"
        "08 giờ 00: Hội nghị Ban Thường vụ mở rộng tại phòng họp số 1."
    )
    assert year_of(text) == 2040


def test_years_long_before_a_posts_stamp_are_history() -> None:
    # a post recalls "những năm 1960": the post's year is the one it is about
    text = (
        "Truyền thống của ngành Văn hóa huyện\n\nĐăng ngày 03/02/2039\n\n"
        "Trong những năm 1965 - 1970, cán bộ văn hóa huyện bám địa bàn phục vụ nhân dân. "
        "Những năm 1980, phong trào văn nghệ quần chúng phát triển mạnh."
    )
    assert year_of(text) == 2039


def test_years_near_a_posts_stamp_still_count() -> None:
    text = (
        "Tổng kết phong trào thi đua của huyện\n\nĐăng ngày 10/01/2039\n\n"
        "Trong năm 2038, các xã hoàn thành kế hoạch; ngày 15/12/2038 huyện tổ chức sơ kết."
    )
    assert year_of(text) == 2038


def test_a_cited_plans_date_in_words_is_not_the_campaigns_year() -> None:
    cited = (
        "Điều chỉnh thời gian tổ chức Hội khỏe Phù Đổng các cấp. Các nội dung khác thực hiện "
        "theo Kế hoạch số 52/KH-UBND ngày {date} của Ủy ban nhân dân huyện.\n\n"
        "Hội khỏe Phù Đổng cấp huyện tổ chức từ ngày 05/4/2037 đến ngày 20/4/2037; cấp trường "
        "hoàn thành trước ngày 25/3/2037."
    )
    assert year_of(cited.format(date="14/9/2035")) == 2037
    assert year_of(cited.format(date="14 tháng 9 năm 2035")) == 2037
    # a plan's own year in its name still dates the text
    assert year_of("Kế hoạch tổ chức phong trào thi đua năm 2035. Tổng kết vào ngày 20/12.") == 2035


def test_the_year_a_look_back_starts_from_is_not_the_year_read() -> None:
    text = (
        "Kế hoạch kỷ niệm 60 năm Ngày truyền thống của Hội\n\n"
        "Kế hoạch nhằm tổng kết phong trào thi đua, khen thưởng từ năm 2031 đến nay; tổ chức "
        "Lễ kỷ niệm vào ngày 10/10/2036."
    )
    assert year_of(text) == 2036
    text = "Kế hoạch nhằm tổng kết phong trào thi đua của Hội trong năm 2031 tại các chi hội."
    assert year_of(text) == 2031


def test_a_news_stamp_with_the_time_first_dates_the_page() -> None:
    text = (
        "Huyện chuẩn bị hội thi văn nghệ quần chúng\n\n09:47, 20/03/2039\n\n"
        "Sáng 25/3, huyện sẽ khai mạc Hội thi văn nghệ quần chúng tại Nhà văn hóa huyện."
    )
    extraction = extract(text)
    assert extraction.document.published == date(2039, 3, 20)
    assert [e.key_dates() for e in extraction.events] == [[(date(2039, 3, 25),)]]


def test_a_time_and_a_day_far_down_the_text_are_no_page_stamp() -> None:
    lines = [f"Nội dung thứ {n} của chương trình hội thi cấp huyện năm 2039." for n in range(9)]
    text = "\n\n".join([*lines, "14:00, 25/03/2039", "Khai mạc hội thi tại Nhà văn hóa huyện."])
    assert extract(text).document.published is None


def test_the_first_year_of_a_span_of_years_is_not_the_year_of_the_text() -> None:
    text = (
        "Các báo đã tuyên truyền về điển hình trong phong trào thi đua 05 năm 2031 - 2035.\n"
        "Theo kế hoạch, Đại hội sẽ diễn ra trong 02 ngày 14 - 15/9/2035 tại thị xã Hòa An.\n"
    )
    assert year_of(text) == 2035
    meetings = extract(text).of(Meeting)
    assert [(m.day, m.end) for m in meetings] == [(date(2035, 9, 14), date(2035, 9, 15))]
    # a single year after "năm" still names the text's year
    assert year_of("Phong trào thi đua năm 2036 của huyện Tân Phú có ba nội dung chính.") == 2036


def test_a_congress_of_a_span_of_years_with_no_year_written_is_of_its_last_year() -> None:
    text = (
        "Hội Nông dân tỉnh chuẩn bị dự Đại hội\n"
        "Hội Nông dân tỉnh sẽ cử 12 đại biểu dự Đại hội thi đua yêu nước toàn quốc, nơi biểu "
        "dương các điển hình của phong trào “Nông dân giỏi” giai đoạn 2031 - 2035.\n"
        "Đại hội sẽ diễn ra sáng 9-12 tại thủ đô.\n"
    )
    assert year_of(text) == 2035
    assert [m.day for m in extract(text).of(Meeting)] == [date(2035, 12, 9)]


def test_a_congress_looking_back_on_years_gone_by_is_of_the_year_after() -> None:
    text = (
        "Đại hội Phụ nữ toàn tỉnh lần thứ ba sẽ diễn ra từ ngày 8 đến 10 tháng 3 tại Nhà văn hóa "
        "tỉnh.\n"
        "Các đại biểu sẽ đánh giá kết quả phong trào phụ nữ trong nhiệm kỳ vừa qua (2031-2035).\n"
    )
    assert year_of(text) == 2036
    assert [(m.day, m.end) for m in extract(text).of(Meeting)] == [
        (date(2036, 3, 8), date(2036, 3, 10))
    ]
    # no congress, or the years not told as gone by: the year is still asked
    no_congress = "Các đại biểu sẽ đánh giá kết quả trong nhiệm kỳ vừa qua (2031-2035).\n"
    assert year_of(no_congress) is None
    not_gone = "Đại hội sẽ đánh giá kết quả của nhiệm kỳ (2031-2035) và bàn nhiệm vụ.\n"
    assert year_of(not_gone) is None


def test_a_span_without_a_summing_up_two_spans_or_a_congress_own_leave_the_year_asked() -> None:
    plan = "Kế hoạch phát triển nông thôn giai đoạn 2031 - 2035 có năm mục tiêu chính.\n"
    assert year_of(plan) is None
    two = (
        "Đại hội thi đua biểu dương điển hình của phong trào “Dân vận khéo” giai đoạn 2026 - "
        "2030 và của phong trào “Xanh, sạch, đẹp” giai đoạn 2031 - 2035.\n"
    )
    assert year_of(two) is None
    # a congress's own span names it by the years it opens as often as by those it closes
    own = (
        "Tin Ban Thi đua\n"
        "Đại hội thi đua yêu nước tỉnh lần thứ VII, giai đoạn 2036-2040 dự kiến tổ chức vào "
        "ngày 20/9.\n"
    )
    assert year_of(own) is None


_POSTER = (
    "Kỷ niệm 65 năm ngày Truyền thống ngành Thủy lợi\n\n"
    "Ngày 24/3/1971\n\n"
    "Hội nghị thành lập Nha Thủy lợi họp tại Việt Bắc.\n\n"
    "Từ đó, ngày 24/3 trở thành Ngày truyền thống ngành Thủy lợi.\n"
)


def test_a_founding_day_on_a_line_of_its_own_that_the_title_counts_is_history() -> None:
    found = extract(_POSTER)
    assert (found.document.year, found.document.date) == (2036, None)
    days = found.of(Commemoration)
    assert [(d.day, d.origin, d.years) for d in days] == [
        (date(2036, 3, 24), date(1971, 3, 24), 65)
    ]


def test_a_dated_line_the_body_does_not_keep_as_a_yearly_day_still_dates_the_text() -> None:
    # the body never writes 24/3 again without its year: nothing says the line is history
    text = _POSTER.replace("ngày 24/3 trở thành", "ngày ấy trở thành")
    assert year_of(text) == 1971
    # a dating line with its place is the document's own
    text = "Kỷ niệm 65 năm ngày Truyền thống ngành Thủy lợi\n\nHà Nội, ngày 24/3/2036\n\n" + (
        "Các đơn vị gửi báo cáo trước ngày 24/3 hằng năm.\n"
    )
    assert year_of(text) == 2036


def test_a_festival_named_with_its_edition_year_dates_its_yearless_day() -> None:
    # a digest page of two festivals: the second is last year's edition, named so
    page = (
        "Từ ngày 8 đến 10/9/2036, tỉnh Hòa Bình tổ chức Ngày hội Văn hóa các dân tộc vùng Tây "
        "Bắc.\n\nSáng 12/9, tại TP Sơn La sẽ diễn ra lễ khai mạc Liên hoan Dân ca các tỉnh "
        "miền núi năm 2035. Liên hoan do Sở Văn hóa tổ chức.\n"
    )
    meetings = extract(page).of(Meeting)
    assert extract(page).document.year == 2036
    assert [m.day for m in meetings if m.day.month == 9 and m.day.day == 12] == [date(2035, 9, 12)]


def test_a_review_of_last_years_edition_keeps_the_documents_year() -> None:
    # the review of the 2035 contest is held early in 2036: the document's year stays
    text = (
        "Kế hoạch tổ chức các hoạt động năm 2036\n\n"
        "Sáng 15/1, Sở sẽ tổ chức Hội nghị tổng kết Hội thi Văn nghệ quần chúng năm 2035 "
        "tại Nhà văn hóa tỉnh.\n"
    )
    meetings = extract(text).of(Meeting)
    assert [m.day for m in meetings] == [date(2036, 1, 15)]


def test_a_weekday_beside_a_day_picks_the_year_it_falls_in() -> None:
    # a schedule's day: 2037 is named most, but only in 2038 is 09/3 a Tuesday
    text = (
        "THỨ BA, NGÀY 09/3:\n\n"
        "- Phó Chủ tịch: 8 giờ, dự hội nghị sơ kết công tác thu ngân sách năm 2037, phương hướng "
        "năm 2038 của huyện, điểm tại Hội trường A. 14 giờ, dự họp xét duyệt quyết toán dự án "
        "đường liên xã năm 2037, điểm tại phòng họp số 2.\n"
    )
    assert year_of(text) == 2038


def test_a_weekday_no_named_year_fits_leaves_the_most_named() -> None:
    text = (
        "THỨ TƯ, NGÀY 09/3:\n\n"
        "- Chủ tịch: 8 giờ, dự hội nghị sơ kết công tác năm 2037, phương hướng năm 2038, điểm tại "
        "Hội trường A. 14 giờ, dự họp xét duyệt quyết toán năm 2037, điểm tại phòng họp số 2.\n"
    )
    assert year_of(text) == 2037


def test_an_august_day_of_a_school_years_opening_is_in_its_first_year() -> None:
    text = (
        "Theo khung kế hoạch năm học 2037-2038, học sinh các trường mầm non của huyện tựu "
        "trường ngày 20.8, chuẩn bị cho lễ khai giảng.\n\n"
        "Công tác tuyển sinh vào lớp 10 hoàn thành trước ngày 15.8.\n"
    )
    found = {e.when() for e in extract(text).events}
    assert any("20/08/2037" in when for when in found)
    assert not any("20/08/2038" in when for when in found)
    assert any("15/08/2038" in when for when in found)  # the enrolment closes the year


def test_a_weekday_no_year_fits_asks_to_check_the_year() -> None:
    text = (
        "THỨ TƯ, NGÀY 09/3:\n\n"
        "- Chủ tịch: 8 giờ, dự hội nghị sơ kết công tác năm 2037, phương hướng năm 2038, điểm "
        "tại Hội trường A.\n"
    )
    notes = [n.message for n in extract(text).notes]
    assert any("09/03" in n for n in notes)
