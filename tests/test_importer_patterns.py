"""Each pattern the importer reads, and each thing it must not take for an event, written
in the language of plans, directives and official letters (not copied from the seeds)."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from importer.extract import extract
from importer.model import (
    Commemoration,
    Deadline,
    Event,
    Meeting,
    Period,
    Phase,
    Review,
)


def doc(body: str, year: int = 2024, header: str = "") -> list[Event]:
    head = header or (
        f"UBND TỈNH BẮC SƠN\n\nSố: 15/KH-UBND\n\nBắc Sơn, ngày 10 tháng 01 năm {year}\n\n"
        f"KẾ HOẠCH\nPhát động phong trào thi đua năm {year}\n\n"
    )
    return extract(head + body).events


def only(events: list[Event], kind: type[Any]) -> Any:
    found = [e for e in events if isinstance(e, kind)]
    assert len(found) == 1, found
    return found[0]


# --- the document ----------------------------------------------------------------------


def test_header_of_a_decree_style_document() -> None:
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH BẮC SƠN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n\nSố: 02/CT - UBND\n\nBắc Sơn, ngày 06 tháng 3 năm 2024\n\n"
        "CHỈ THỊ\nVề việc phát động phong trào thi đua năm 2024\n\n"
        "Chủ tịch UBND tỉnh phát động phong trào thi đua với chủ đề “Đoàn kết, sáng tạo”.\n\n"
        "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn An\n"
    )
    info = extract(text).document
    assert (info.issuer, info.kind, info.number) == ("UBND tỉnh Bắc Sơn", "Chỉ thị", "02/CT-UBND")
    assert (info.date, info.signer) == (date(2024, 3, 6), "Nguyễn Văn An")
    assert info.title == "Phong trào thi đua năm 2024"
    assert info.theme == "Đoàn kết, sáng tạo"


def test_a_blank_day_and_number_stay_unknown() -> None:
    text = "Số: /UBND-TH\n\nBắc Sơn, ngày tháng 01 năm 2024\n\nV/v phát động thi đua năm 2024\n"
    info = extract(text).document
    assert info.number is None and info.number_blank
    assert info.date is None and info.date_written == "Bắc Sơn, ngày tháng 01 năm 2024"
    assert info.kind == "Công văn" and info.year == 2024


# --- periods, phases, reviews -----------------------------------------------------------


def test_campaign_period_written_as_a_range() -> None:
    events = doc(
        "II. THỜI GIAN\n\n1. Thời gian phát động:\n\nTừ ngày 01/3/2024 đến hết ngày 30/11/2024."
    )
    period = only(events, Period)
    assert (period.start, period.end) == (date(2024, 3, 1), date(2024, 11, 30))


def test_phases_with_month_only_ranges() -> None:
    events = doc(
        "- Đợt thi đua thứ nhất (từ tháng 01/2024 đến 30/6/2024): thi đua lập thành tích.\n"
        "- Giai đoạn 2: từ tháng 9 đến tháng 11/2024.\n"
    )
    phases = [e for e in events if isinstance(e, Phase)]
    assert [(p.title, p.start, p.end) for p in phases] == [
        ("Đợt thi đua thứ nhất", date(2024, 1, 1), date(2024, 6, 30)),
        ("Giai đoạn 2", date(2024, 9, 1), date(2024, 11, 30)),
    ]


def test_reviews_with_ranges_and_months() -> None:
    events = doc(
        "- Thời gian sơ kết: từ ngày 15/6 đến 30/6/2024.\n"
        "- Tổ chức tổng kết phong trào vào tháng 12/2024.\n"
    )
    reviews = [e for e in events if isinstance(e, Review)]
    assert [(r.review_kind, r.start, r.end) for r in reviews] == [
        ("so_ket", date(2024, 6, 15), date(2024, 6, 30)),
        ("tong_ket", date(2024, 12, 1), date(2024, 12, 31)),
    ]


# --- commemorations ---------------------------------------------------------------------


def test_commemorations_with_their_dates_in_every_spelling() -> None:
    events = doc(
        "Thi đua chào mừng kỷ niệm 95 năm Ngày thành lập Đảng Cộng sản Việt Nam "
        "(3.2.1930 - 3.2.2025); 50 năm Ngày giải phóng miền Nam, thống nhất đất nước "
        "(30/4/1975-30/4/2025) và Ngày Quốc tế Lao động (1-5).",
        year=2025,
    )
    found = {(c.catalog, c.day, c.origin, c.years) for c in events if isinstance(c, Commemoration)}
    assert found == {
        ("thanh-lap-dang", date(2025, 2, 3), date(1930, 2, 3), 95),
        ("giai-phong-mien-nam", date(2025, 4, 30), date(1975, 4, 30), 50),
        ("quoc-te-lao-dong", date(2025, 5, 1), date(1886, 5, 1), None),
    }


def test_commemorations_named_without_dates_come_from_the_catalog() -> None:
    events = doc("Tổ chức các hoạt động kỷ niệm 70 năm Chiến thắng Điện Biên Phủ.")
    memorial = only(events, Commemoration)
    assert (memorial.catalog, memorial.day, memorial.years) == (
        "dien-bien-phu",
        date(2024, 5, 7),
        70,
    )
    # the count dates it: "95 năm" after 1930 is 2025, even in a 2024 plan
    later = only(doc("Hướng tới kỷ niệm 95 năm Ngày thành lập Đảng."), Commemoration)
    assert later.day == date(2025, 2, 3)


def test_a_lunar_day_is_noted_as_such() -> None:
    memorial = only(
        doc("Tổ chức trọng thể Lễ hội Đền Hùng, Giỗ Tổ Hùng Vương (10/3 âm lịch)."), Commemoration
    )
    assert memorial.lunar and memorial.catalog == "gio-to-hung-vuong"
    assert memorial.day == date(2024, 4, 18)  # 10/3 Giáp Thìn
    assert any("lunar" in r for r in memorial.review)


def test_a_count_that_contradicts_its_dates_is_flagged_not_fixed() -> None:
    memorial = only(
        doc("Chào mừng 36 năm Ngày hội Quốc phòng toàn dân (22/12/1944 - 22/12/2025).", 2025),
        Commemoration,
    )
    assert (memorial.years, memorial.origin, memorial.day) == (
        36,
        date(1944, 12, 22),
        date(2025, 12, 22),
    )
    assert any("36 năm" in r and "81 năm" in r for r in memorial.review)


def test_a_day_the_catalog_does_not_know_is_taken_with_its_dates() -> None:
    memorial = only(
        doc("Chào mừng 20 năm Ngày thành lập Khu kinh tế cửa khẩu (15/3/2004 - 15/3/2024)."),
        Commemoration,
    )
    assert memorial.catalog is None and memorial.origin == date(2004, 3, 15)
    assert memorial.title == "Ngày thành lập Khu kinh tế cửa khẩu" and memorial.years == 20


# --- meetings ---------------------------------------------------------------------------


def test_a_ceremony_with_its_time_and_place() -> None:
    meeting = only(
        doc(
            "Tổ chức Lễ phát động phong trào thi đua vào lúc 8 giờ 30 ngày 20/3/2024 "
            "tại Hội trường UBND tỉnh."
        ),
        Meeting,
    )
    assert (meeting.day, meeting.start_time) == (date(2024, 3, 20), time(8, 30))
    assert meeting.title == "Lễ phát động phong trào thi đua"
    assert meeting.location == "Hội trường UBND tỉnh"


def test_a_programme_heading_with_its_time_line() -> None:
    meeting = only(
        doc(
            "3. Hội nghị ký kết giao ước thi đua\n\n- Thời gian: 14h00, ngày 28/02/2024.\n\n"
            "- Địa điểm: Nhà khách tỉnh.\n"
        ),
        Meeting,
    )
    assert (meeting.day, meeting.start_time, meeting.location) == (
        date(2024, 2, 28),
        time(14, 0),
        "Nhà khách tỉnh",
    )


# --- deadlines --------------------------------------------------------------------------


def _deadline(body: str, year: int = 2024, header: str = "") -> Deadline:
    return only(doc(body, year, header), Deadline)


def test_before_and_by_wordings() -> None:
    before = _deadline("Các sở, ban, ngành gửi báo cáo về Sở Nội vụ trước ngày 15/02.")
    assert (before.due, before.sense, before.days) == (
        {"rule": "before", "date": "15/02/2024"},
        "before",
        [date(2024, 2, 15)],
    )
    assert before.wording == "trước ngày 15/02"
    by = _deadline(
        "Hồ sơ đề nghị khen thưởng gửi về Ban Thi đua - Khen thưởng chậm nhất là ngày 30/10/2024."
    )
    assert (by.due["rule"], by.what, by.receiver) == (
        "by",
        "Hồ sơ đề nghị khen thưởng",
        "Ban Thi đua - Khen thưởng",
    )
    hard = _deadline("Hạn cuối nhận bài dự thi: 17 giờ 00 ngày 31/5/2024.")
    assert hard.due == {"rule": "by", "date": "31/05/2024"}


def test_within_a_month_and_before_a_month() -> None:
    within = _deadline("Tổ chức sơ kết đợt 1, kết thúc trong tháng 7/2024.")
    assert (within.due, within.days) == (
        {"rule": "within_month", "month": "7/2024"},
        [date(2024, 7, 31)],
    )
    before = _deadline(
        "Trưởng các Khối thi đua gửi báo cáo kết quả về Sở Nội vụ trước tháng 5/2024."
    )
    assert before.due == {"rule": "before", "date": "01/05/2024"}


def test_a_month_in_the_sentence_a_plan_opens_its_contents_with_is_not_due() -> None:
    opening = (
        "Căn cứ nhiệm vụ năm học, Ban Chấp hành Chi đoàn giáo viên xây dựng kế hoạch tổ chức "
        "hoạt động trải nghiệm trong tháng 3 năm 2024, nhằm chào mừng Ngày Quốc tế Phụ nữ, "
        "với những nội dung cụ thể sau:\nI. MỤC ĐÍCH\nHọc sinh hiểu ý nghĩa của ngày lễ.\n"
    )
    assert not [e for e in doc(opening) if isinstance(e, (Deadline, Phase))]
    # the same month as a task, its sentence no plan's opening: still due
    task = _deadline(
        "Các chi đoàn xây dựng kế hoạch tổ chức hoạt động trải nghiệm trong tháng 3/2024."
    )
    assert task.due == {"rule": "within_month", "month": "3/2024"}


def test_end_of_month_is_fuzzy() -> None:
    fuzzy = _deadline("Các đơn vị gửi báo cáo sơ kết 6 tháng vào cuối tháng 6/2024.")
    assert fuzzy.due == {"rule": "fuzzy", "term": "cuoi_thang", "month": "6/2024"}
    assert fuzzy.days == [date(2024, 6, 30)]


def test_next_year_and_every_year() -> None:
    next_year = _deadline("Báo cáo tổng kết gửi về Sở Nội vụ trước ngày 15/01 năm sau.")
    assert next_year.days == [date(2025, 1, 15)]
    yearly = _deadline("Hằng năm, các đơn vị gửi hồ sơ khen thưởng về Sở Nội vụ trước ngày 15/11.")
    assert yearly.due == {
        "rule": "recurring",
        "rrule": "FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=15",
        "before": True,
    }
    assert yearly.days == [date(2024, 11, 15)]
    monthly = _deadline("Báo cáo nhanh gửi về Văn phòng trước ngày 25 hằng tháng.")
    assert monthly.due["rrule"] == "FREQ=MONTHLY;BYMONTHDAY=25" and len(monthly.days) == 12


def test_working_days_from_the_launch() -> None:
    events = doc(
        "Lễ phát động thi đua tổ chức vào ngày 15/3/2024 tại Hội trường tỉnh.\n\n"
        "Các đơn vị gửi bản đăng ký thi đua trong thời hạn 10 ngày làm việc kể từ ngày phát động."
    )
    deadline = only(events, Deadline)
    assert deadline.due["rule"] == "relative" and deadline.due["working_days"]
    assert deadline.anchor is only(events, Meeting)
    assert deadline.days == [date(2024, 3, 29)]  # Friday 15/3 + 10 working days


def test_receiver_and_addressees_of_a_deadline() -> None:
    deadline = _deadline(
        "Thủ trưởng các sở, ban, ngành, đoàn thể tỉnh; Chủ tịch UBND các huyện, thành phố "
        "gửi báo cáo về Sở Nội vụ (Ban Thi đua - Khen thưởng) trước ngày 30/11/2024 để tổng hợp."
    )
    assert deadline.receiver == "Sở Nội vụ (Ban Thi đua - Khen thưởng)"
    assert deadline.addressees == ["sở, ban, ngành, đoàn thể tỉnh", "UBND các huyện, thành phố"]
    assert deadline.what == "Báo cáo"


def test_a_parenthetical_note_takes_who_from_the_paragraph_before() -> None:
    deadline = _deadline(
        "7. UBND các huyện, Thủ trưởng các cơ quan, đơn vị đăng ký thi đua với Hội đồng Thi đua - "
        "Khen thưởng tỉnh.\n\n(Thời gian gửi đăng ký thi đua trước ngày 20/01/2024)"
    )
    assert deadline.addressees == ["UBND các huyện", "cơ quan, đơn vị"]
    assert deadline.addressees_from == "previous paragraph"
    assert deadline.what == "Đăng ký thi đua"


# --- not events -------------------------------------------------------------------------


def test_cited_documents_history_and_year_ranges_are_not_events() -> None:
    events = doc(
        "Thực hiện Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị; Kế hoạch số 12/KH-UBND "
        "ngày 05/01/2024 của UBND tỉnh; Nghị quyết Hội nghị Trung ương 8 ngày 25/10/2013.\n\n"
        "Trước ngày 30/4/1975, tỉnh là căn cứ cách mạng.\n\n"
        "Thực hiện Kế hoạch 5 năm (2021-2025), phong trào giai đoạn 2021-2025 "
        "và nhiệm kỳ 2020-2025.\n\n"
        "Tăng trưởng 7,5-8,5%; giải quyết việc làm cho 16-17 nghìn lao động; 01 - 02 tập thể.\n\n"
        "Năm 2023, ngày 25/12/2023 UBND tỉnh đã tổ chức Hội nghị tổng kết."
    )
    assert events == []


def test_page_dates_and_other_articles_are_not_events() -> None:
    text = (
        "Thứ bảy, 13/07/2024, 07:07 [GMT+7]\n\nUBND tỉnh ban hành Chỉ thị về thi đua năm 2024\n\n"
        "Thứ tư, 07/02/2024 - 22:48'\nUBND tỉnh Bắc Sơn vừa ban hành Chỉ thị số 47/CT-UBND về "
        "phát động phong trào thi đua năm 2024.\n\nẢnh: Minh Anh\n\n"
        + "Nội dung chỉ thị. "
        * 30
        + "\n\nBình luận\n\nTin liên quan\n"
        "Hội chợ diễn ra từ ngày 20/3 đến 26/3/2024 tại quảng trường.\n"
        "Lễ khai mạc lúc 8h00 ngày 20/3/2024.\n"
    )
    extraction = extract(text)
    assert extraction.events == []
    assert extraction.document.published == date(2024, 2, 7)
    assert (extraction.document.issuer, extraction.document.number) == (
        "UBND tỉnh Bắc Sơn",
        "47/CT-UBND",
    )
    assert any(n.message.startswith("ngày đăng trang") for n in extraction.notes)


def test_a_range_nothing_names_becomes_a_span_titled_from_its_clause() -> None:
    extraction = extract(
        "KẾ HOẠCH năm 2024\n\nCông trình thi công từ ngày 01/3/2024 đến ngày 30/9/2024.\n"
        "Từ ngày 5/8 đến ngày 12/8/2024 các đơn vị tự kiểm tra, chấm điểm.\n"
    )
    spans = [(e.kind, e.title, e.start, e.end) for e in extraction.events]
    assert spans == [
        ("phase", "Công trình thi công", date(2024, 3, 1), date(2024, 9, 30)),
        ("phase", "Các đơn vị tự kiểm tra, chấm điểm", date(2024, 8, 5), date(2024, 8, 12)),
    ]
    assert all(e.review for e in extraction.events)  # a person checks the title


def test_a_page_stamp_dates_the_page_whatever_separates_its_day_month_and_year() -> None:
    article = (
        "Tối 20/3, khai mạc Hội diễn văn nghệ quần chúng huyện Bắc Sơn\n\n{stamp}\n\n"
        "Tối ngày 20/3, tại Nhà văn hóa huyện, Phòng Văn hóa và Thông tin sẽ khai mạc Hội diễn "
        "văn nghệ quần chúng huyện Bắc Sơn năm 2031.\n"
    )
    for stamp in (
        "Thứ Ba, 18/3/2031 | 16:05",
        "Thứ Ba, 18-3-2031 | 16:05",
        "18.03.2031 - 16:05",
        "Thứ ba, ngày 18/03/2031 [16:05:12 (GMT+7)]",  # the clock in brackets
        "Thứ ba, ngày 18 tháng 3 năm 2031 [16:05:12 (GMT+7)]",
    ):
        extraction = extract(article.format(stamp=stamp))
        assert extraction.document.published == date(2031, 3, 18), stamp
        assert [(e.kind, e.day) for e in extraction.of(Meeting)] == [("meeting", date(2031, 3, 20))]
    # one date's parts set off by two different marks is no stamp
    assert extract(article.format(stamp="Thứ Ba, 18-3/2031 | 16:05")).document.published is None
