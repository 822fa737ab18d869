"""Patterns of the language that documents unlike the seeds use (ministries, schools,
communes, news pages, schedule tables), each with what must not be taken for an event.
Written from the unseen set's documents and from variants of their wording."""

from __future__ import annotations

from datetime import date, time, timedelta
from pathlib import Path

import docx
from hypothesis import given
from hypothesis import strategies as st

from bench.evaluation import Gold, gold_item, score
from config.files import read_bundle
from importer import (
    build_draft,
    builtin_directory,
    directory_from_units_file,
    extract,
    read_document,
)
from importer.context import Context
from importer.dates import ranges
from importer.model import Commemoration, Deadline, Meeting, Period, Phase, Review
from tests.conftest import EXAMPLES
from tests.test_importer_patterns import doc, only
from translations import using


def test_the_days_a_reports_data_covers_are_not_events() -> None:
    events = doc(
        "1. Báo cáo 6 tháng: các đơn vị gửi báo cáo công tác thi đua trước ngày 15/6 "
        "(số liệu báo cáo tính từ ngày 15/12/2024 đến ngày 14/6/2025).\n",
        year=2025,
    )
    deadline = only(events, Deadline)
    assert deadline.days == [date(2025, 6, 15)] and deadline.due["rule"] == "before"
    assert not [e for e in events if isinstance(e, Review | Phase)]


def test_this_phase_and_a_teaching_contest_are_not_phases() -> None:
    events = doc(
        "II. CÁC ĐỢT THI ĐUA\n\nĐợt 1: từ tháng 9/2024 đến tháng 11/2024, thi đua dạy tốt. "
        "Trong đợt này, các khoa tổ chức Hội giảng từ ngày 21/10/2024 đến ngày 08/11/2024.\n\n"
        "Tổ chức Hội giảng cấp trường từ ngày 20/10/2025 đến ngày 14/11/2025.\n",
        year=2024,
    )
    assert [(p.start, p.end) for p in events if isinstance(p, Phase)] == [
        (date(2024, 9, 1), date(2024, 11, 30))
    ]


def test_a_review_conference_dated_by_a_month_is_a_meeting_not_a_review() -> None:
    events = doc(
        "4. Hội nghị tổng kết công tác năm 2025 dự kiến tổ chức trong tháng 01/2026.\n\n"
        "5. Họp Hội đồng xét khen thưởng tổng kết năm 2025, trong tháng 02/2026.\n\n"
        "6. Sơ kết: tháng 6/2025; Tổng kết năm học dự kiến vào ngày 25/5/2025.\n",
        year=2025,
    )
    assert [(r.start, r.end) for r in events if isinstance(r, Review)] == [
        (date(2025, 5, 25), date(2025, 5, 25)),
        (date(2025, 6, 1), date(2025, 6, 30)),
    ]
    assert not [e for e in events if isinstance(e, Meeting)]  # a month is no meeting day


def test_a_local_day_after_other_words_and_its_ceremony() -> None:
    events = doc(
        "Đợt 1 từ ngày 01/01/2025 đến ngày 30/6/2025, tập trung lập thành tích chào mừng 50 "
        "năm Ngày giải phóng tỉnh Bình Phước (23/3/1975 - 23/3/2025).\n\n"
        "2. Kỷ niệm 50 năm Ngày giải phóng tỉnh Quảng Ngãi (24/3/1975 - 24/3/2025): tổ chức "
        "Lễ kỷ niệm cấp tỉnh vào lúc 7h30 ngày 22/3/2025 tại Quảng trường.\n",
        year=2025,
    )
    days = {(c.title, c.day, c.origin) for c in events if isinstance(c, Commemoration)}
    assert days == {
        ("Ngày giải phóng tỉnh Bình Phước", date(2025, 3, 23), date(1975, 3, 23)),
        ("Ngày giải phóng tỉnh Quảng Ngãi", date(2025, 3, 24), date(1975, 3, 24)),
    }
    meeting = only(events, Meeting)
    assert (meeting.day, meeting.start_time) == (date(2025, 3, 22), time(7, 30))


def test_a_council_that_meets_and_a_schedule_of_meetings() -> None:
    events = doc(
        "5. Hội đồng Thi đua - Khen thưởng Trường họp xét danh hiệu thi đua vào ngày 08/7/2025."
        "\n\nTheo Thông báo ngày 15/3/2025 của Văn phòng UBND tỉnh, lịch họp được điều chỉnh.\n",
        year=2025,
    )
    assert only(events, Meeting).day == date(2025, 7, 8)


def test_days_after_the_end_of_the_only_phase() -> None:
    events = doc(
        "Đợt thi đua cao điểm được triển khai từ ngày 15/5/2025 đến hết ngày 31/8/2025.\n\n"
        "Chậm nhất 10 ngày sau khi kết thúc đợt thi đua, các đơn vị gửi báo cáo tổng kết về "
        "Sở Nội vụ.\n",
        year=2025,
    )
    deadline = only(events, Deadline)
    assert deadline.days == [date(2025, 9, 10)]
    assert deadline.due == {
        "rule": "relative",
        "after": "31/08/2025",
        "days": 10,
        "working_days": False,
    }


def test_deadline_wordings_unlike_the_seeds() -> None:
    cases = {
        "Hạn chót nộp hồ sơ là ngày 20/3/2025.": ("by", [date(2025, 3, 20)]),
        "Thời hạn gửi báo cáo: ngày 25/3/2025.": ("by", [date(2025, 3, 25)]),
        "Các đơn vị gửi báo cáo đến hết ngày 31/3/2025.": ("by", [date(2025, 3, 31)]),
        "Các đơn vị hoàn thành việc ký kết giao ước trong quý I/2025.": (
            "within_month",
            [date(2025, 3, 31)],
        ),
    }
    for text, (rule, days) in cases.items():
        deadline = only(doc(text + "\n", year=2025), Deadline)
        assert (deadline.due["rule"], deadline.days) == (rule, days), text


def _kinds_and_days(text: str) -> list[tuple[str, list[tuple[date, ...]]]]:
    return [(e.kind, e.key_dates()) for e in extract(text).events]


def test_a_last_day_said_with_until_after_its_name_is_a_deadline() -> None:
    # "hạn chót đến ngày …", "hạn cuối tới hết ngày …": the last day, as "hạn chót là ngày …"
    assert _kinds_and_days(
        "Để cuộc thi có thêm nhiều ý tưởng hay, Ban tổ chức Hội thi khởi nghiệp huyện Mỹ An "
        "sẽ tiếp tục nhận bài dự thi hạn chót đến ngày 15/8/2031.\n"
    ) == [("deadline", [(date(2031, 8, 15),)])]
    deadline = only(doc("Các chi hội gửi danh sách, hạn cuối tới hết ngày 9/4/2025.\n"), Deadline)
    assert (deadline.due["rule"], deadline.days) == ("by", [date(2025, 4, 9)])


def test_a_receiving_window_told_by_its_close_is_a_deadline_on_its_new_day() -> None:
    # moved: the new day is the deadline, the one it replaces is no event
    moved = (
        "Ngày 2/10/2029, Hội Nhà văn tỉnh ra thông báo lùi thời điểm nhận tác phẩm dự thi "
        "sáng tác về biển đảo đến ngày 20/11/2029 (thay cho ngày 31/10/2029 như kế hoạch).\n"
    )
    assert _kinds_and_days(moved) == [("deadline", [(date(2029, 11, 20),)])]
    assert extract(moved).events[0].what.startswith("Nhận tác phẩm dự thi")
    extended = only(
        doc("Theo đó, thời hạn nhận hồ sơ đề cử sẽ là 5/6/2025 thay cho hạn cũ 20/5/2025.\n"),
        Deadline,
    )
    assert extended.days == [date(2025, 6, 5)]
    # a window with its first day is a range: its last day is the range's, read once
    window = doc("Thời gian nhận hồ sơ từ ngày 02/6/2025 đến ngày 16/6/2025.\n")
    assert [e.key_dates() for e in window if isinstance(e, Deadline)] == [[(date(2025, 6, 16),)]]


def test_an_extension_of_receiving_given_its_bare_day_is_a_deadline_on_it() -> None:
    # "thời gian gia hạn nhận bài … ngày D": the extension names the new close, no "đến"
    text = (
        "Ban tổ chức cuộc thi ảnh “Quê em mùa lúa chín” thông báo thời gian gia hạn nhận "
        "tác phẩm dự thi ngày 15/9/2033.\n"
    )
    assert _kinds_and_days(text) == [("deadline", [(date(2033, 9, 15),)])]


def test_a_span_begun_on_a_day_and_ending_with_a_months_end_is_no_deadline() -> None:
    assert _kinds_and_days(
        "Từ ngày 05/7/2030, giải sẽ thi đấu vòng loại tại huyện Tân Kỳ và kết thúc tại vòng "
        "chung kết vào cuối tháng 8/2030 ở thị xã Hoàng Mai.\n"
    ) == [("meeting", [(date(2030, 7, 5),)])]
    # a month's end with no day that began the work before it stays a deadline
    events = doc("Các trường kết thúc việc chấm bài vào cuối tháng 8/2025.\n")
    assert [e.due["rule"] for e in events if isinstance(e, Deadline)] == ["fuzzy"]


def test_the_end_of_a_range_is_no_deadline() -> None:
    events = doc(
        "Phong trào được phát động từ ngày ký ban hành đến hết ngày 31/12/2025.\n\n"
        "Đợt I: Từ đầu năm đến 30/4/2025, thi đua chào mừng các ngày lễ lớn.\n",
        year=2025,
    )
    assert not [e for e in events if isinstance(e, Deadline)]
    period = only(events, Period)
    assert (period.start, period.end) == (date(2025, 1, 10), date(2025, 12, 31))  # its day
    phase = only(events, Phase)
    assert (phase.start, phase.end) == (date(2025, 1, 1), date(2025, 4, 30))


def test_every_month_written_before_the_day() -> None:
    events = doc(
        "Định kỳ hằng tháng, các đơn vị gửi báo cáo về Sở Nội vụ trước ngày 25.\n", year=2025
    )
    deadline = only(events, Deadline)
    assert deadline.due == {
        "rule": "recurring",
        "rrule": "FREQ=MONTHLY;BYMONTHDAY=25",
        "before": True,
    }
    assert deadline.days == [date(2025, month, 25) for month in range(1, 13)]


def test_a_range_opened_by_a_day_alone() -> None:
    events = doc(
        "Đợt 2: từ ngày 01 đến ngày 31/7/2025.\n\nSơ kết: từ ngày 15 đến hết ngày 30 tháng 6 "
        "năm 2025.\n\nNghị quyết Hội nghị lần thứ 10 Ban Chấp hành Trung ương (từ ngày 18 - "
        "20/9/2024).\n",
        year=2025,
    )
    assert (only(events, Phase).start, only(events, Phase).end) == (
        date(2025, 7, 1),
        date(2025, 7, 31),
    )
    assert (only(events, Review).start, only(events, Review).end) == (
        date(2025, 6, 15),
        date(2025, 6, 30),
    )


@given(st.integers(2000, 2100), st.integers(1, 12), st.integers(1, 28), st.integers(0, 27))
def test_a_bare_first_day_takes_the_month_and_year_of_the_last(
    year: int, month: int, first: int, length: int
) -> None:
    last = min(28, first + length)
    text = f"từ ngày {first:02d} đến ngày {last}/{month}/{year}"
    [span] = ranges(text)
    assert span.days(year) == (date(year, month, first), date(year, month, last))


def test_commemorations_named_past_or_apart_from_the_catalog() -> None:
    events = doc(
        "Chào mừng 80 năm Ngày Quốc khánh nước CHXHCN Việt Nam (02/9/1945 - 02/9/2025).\n\n"
        "Chào mừng 95 năm Ngày thành lập Đảng bộ tỉnh Quảng Ngãi (15/3/1930 - 15/3/2025).\n\n"
        "Chào mừng 95 năm Ngày thành lập Mặt trận Tổ quốc Việt Nam (18/11/1930 - 18/11/2025), "
        "Ngày hội Đại đoàn kết toàn dân tộc.\n",
        year=2025,
    )
    found = sorted((c.day, c.origin, c.catalog) for c in events if isinstance(c, Commemoration))
    assert found == [
        (date(2025, 3, 15), date(1930, 3, 15), None),  # the province's Party committee
        (date(2025, 9, 2), date(1945, 9, 2), "quoc-khanh"),
        (date(2025, 11, 18), date(1930, 11, 18), "mat-tran-to-quoc"),
    ]


def test_a_lunar_day_is_never_a_solar_date() -> None:
    events = doc(
        "Giỗ Tổ Hùng Vương (mùng 10 tháng 3 âm lịch).\n\nTổ chức Lễ dâng hương tưởng niệm các "
        "Vua Hùng vào ngày 10/3 âm lịch tại Đền Hùng.\n",
        year=2025,
    )
    commemoration = only(events, Commemoration)
    assert (commemoration.day, commemoration.lunar) == (date(2025, 4, 7), True)
    assert not [e for e in events if isinstance(e, Meeting)]


LETTER_OF_DECEMBER = (
    "UBND TỈNH BẮC SƠN\nSỞ NỘI VỤ\n\nSố: 1520/SNV-TĐKT\nV/v hướng dẫn tổng kết công tác thi "
    "đua, khen thưởng năm 2024\n\nBắc Sơn, ngày 05 tháng 12 năm 2024\n\n"
    "Sở Nội vụ đề nghị các cơ quan, đơn vị gửi báo cáo tổng kết về Sở Nội vụ trước ngày 10/01; "
    "hồ sơ đề nghị khen thưởng gửi chậm nhất ngày 20/01.\n\n"
    "Hội nghị tổng kết công tác thi đua, khen thưởng năm 2024 dự kiến tổ chức vào ngày 15/02."
    "\n\nNgày 20/11, Sở đã tổ chức Hội nghị tập huấn.\n"
)


def test_a_day_left_without_its_year_that_would_be_long_past_is_next_years() -> None:
    extraction = extract(LETTER_OF_DECEMBER)
    assert extraction.document.issuer == "Sở Nội vụ tỉnh Bắc Sơn"
    assert [d.days for d in extraction.of(Deadline)] == [[date(2025, 1, 10)], [date(2025, 1, 20)]]
    assert [m.day for m in extraction.of(Meeting)] == [date(2025, 2, 15)]


@given(st.dates(date(2000, 1, 1), date(2100, 12, 31)), st.integers(1, 12), st.integers(1, 28))
def test_an_upcoming_day_is_never_more_than_a_month_past_nor_a_year_ahead(
    issued: date, month: int, day: int
) -> None:
    context = Context([], issued.year, issued=issued)
    upcoming = date(context.upcoming_year(month, day), month, day)
    assert upcoming >= issued - timedelta(days=31)
    assert upcoming <= issued + timedelta(days=366)


def test_headings_and_peaks_date_the_campaign() -> None:
    events = doc(
        "I. THỜI GIAN\n\nTháng Thanh niên được tổ chức từ ngày 01/3/2025 đến ngày 31/3/2025, "
        "cao điểm từ ngày 20/3 đến 26/3/2025.\n",
        year=2025,
    )
    assert (only(events, Period).start, only(events, Period).end) == (
        date(2025, 3, 1),
        date(2025, 3, 31),
    )
    assert (only(events, Phase).start, only(events, Phase).end) == (
        date(2025, 3, 20),
        date(2025, 3, 26),
    )


def test_what_is_due_ends_before_and() -> None:
    events = doc(
        "3. Các đơn vị ký giao ước thi đua và gửi về Sở Nội vụ trước ngày 28/02/2025.\n",
        year=2025,
    )
    assert only(events, Deadline).what == "Giao ước thi đua"


def _header(*lines: str) -> str:
    return "\n".join(lines) + "\n\nSố: 12/KH-UBND\n\nNơi nào đó, ngày 10 tháng 01 năm 2025\n"


def test_issuers_as_decree_30_writes_them() -> None:
    cases = {
        ("UBND THÀNH PHỐ CẦN THƠ", "SỞ NỘI VỤ"): "Sở Nội vụ thành phố Cần Thơ",
        ("UBND TỈNH NGHỆ AN", "SỞ NỘI VỤ", "BAN THI ĐUA - KHEN THƯỞNG"): (
            "Ban Thi đua - Khen thưởng tỉnh Nghệ An"
        ),
        ("UBND TỈNH TUYÊN QUANG", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"): (
            "Hội đồng Thi đua - Khen thưởng tỉnh Tuyên Quang"
        ),
        ("ĐẠI HỌC HUẾ", "TRƯỜNG ĐẠI HỌC SƯ PHẠM"): "Trường Đại học Sư phạm, Đại học Huế",
        ("UBND PHƯỜNG TÂN AN", "TRƯỜNG THCS NGUYỄN DU"): "Trường THCS Nguyễn Du",
        ("TỈNH ĐOÀN QUẢNG NAM", "BAN THƯỜNG VỤ"): "Ban Thường vụ Tỉnh Đoàn Quảng Nam",
        ("UBND TỈNH PHÚ THỌ", "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"): (
            "Sở Lao động - Thương binh và Xã hội tỉnh Phú Thọ"
        ),
    }
    for lines, issuer in cases.items():
        assert extract(_header(*lines)).document.issuer == issuer, lines


def test_a_news_portal_is_not_the_issuer() -> None:
    text = (
        "CỔNG THÔNG TIN ĐIỆN TỬ TỈNH BÌNH PHƯỚC\nTrang chủ > Tin tức\n\n"
        "Thứ Sáu, 21/02/2025 | 10:15 GMT+7\n\nBình Phước phát động phong trào thi đua năm 2025"
        "\n\nUBND tỉnh yêu cầu các cơ quan gửi bản đăng ký thi đua về Sở Nội vụ trước ngày "
        "15/3/2025.\n"
    )
    assert extract(text).document.issuer == "UBND tỉnh Bình Phước"


def _schedule_docx(path: Path) -> Path:
    document = docx.Document()
    layout = document.add_table(rows=1, cols=2)
    layout.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH BẮC SƠN\nSố: 12/KH-UBND"
    layout.cell(
        0, 1
    ).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nBắc Sơn, ngày 10 tháng 01 năm 2025"
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Tổ chức các hoạt động thi đua năm 2025")
    rows = [
        ("STT", "Nội dung", "Thời gian thực hiện", "Đơn vị chủ trì", "Đơn vị phối hợp"),
        ("1", "Tổ chức ký kết giao ước thi đua", "Tháng 3/2025", "Trưởng các Khối thi đua", ""),
        ("2", "Hội nghị sơ kết 6 tháng", "15/7/2025", "UBND tỉnh", "Các sở, ngành"),
        (
            "3",
            "Gửi báo cáo tổng kết về Sở Nội vụ",
            "Trước ngày 15/11/2025",
            "Các sở, ban, ngành; UBND các huyện",
            "",
        ),
        ("4", "Báo cáo kết quả chấm điểm", "Quý IV/2025", "Các Khối thi đua", ""),
    ]
    table = document.add_table(rows=0, cols=5)
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    document.add_paragraph("CHỦ TỊCH")
    document.add_paragraph("Trần Văn Bình")
    document.save(str(path))
    return path


def test_a_schedule_table_is_read_row_by_row(tmp_path: Path) -> None:
    text = read_document(_schedule_docx(tmp_path / "lich.docx"))
    assert "Trưởng các Khối thi đua: Tổ chức ký kết giao ước thi đua, trong tháng 3/2025." in text
    assert "UBND tỉnh: Hội nghị sơ kết 6 tháng, vào ngày 15/7/2025." in text
    extraction = extract(text)
    assert extraction.document.issuer == "UBND tỉnh Bắc Sơn"  # the layout table as before
    assert [m.day for m in extraction.of(Meeting)] == [date(2025, 7, 15)]
    deadlines = {d.days[0]: d for d in extraction.of(Deadline)}
    assert sorted(deadlines) == [date(2025, 3, 31), date(2025, 11, 15), date(2025, 12, 31)]
    report = deadlines[date(2025, 11, 15)]
    assert (report.what, report.receiver, report.due["rule"]) == (
        "Báo cáo tổng kết",
        "Sở Nội vụ",
        "before",
    )
    assert report.addressees == ["sở, ban, ngành", "UBND các huyện"]


def test_a_draft_widens_a_period_that_leaves_events_out() -> None:
    extraction = extract(
        "UBND TỈNH BẮC SƠN\nSỞ Y TẾ\n\nSố: 48/KH-SYT\n\nBắc Sơn, ngày 17 tháng 02 năm 2025\n\n"
        "KẾ HOẠCH\nPhát động phong trào thi đua năm 2025\n\nII. THỜI GIAN PHÁT ĐỘNG\n\n"
        "Từ ngày 01/3/2025 đến hết ngày 31/12/2025.\n\nLễ phát động được tổ chức vào lúc 14 "
        "giờ 00 ngày 27/02/2025 tại Hội trường Sở Y tế.\n"
    )
    assert extraction.document.period == (date(2025, 3, 1), date(2025, 12, 31))  # as written
    draft = build_draft(extraction, builtin_directory(), source_name="ke-hoach.txt")
    assert "# REVIEW: thời gian của văn bản là 01/03/2025 – 31/12/2025; được mở rộng" in draft.text
    assert draft.model.campaign.period.start == date(2025, 2, 27)


def test_a_gold_recurring_deadline_matches_one_rule_giving_its_days() -> None:
    extraction = extract(
        _header("UBND TỈNH BẮC SƠN")
        + "\nĐịnh kỳ hằng quý, trước ngày 20 tháng cuối quý, gửi báo cáo về Sở Nội vụ.\n"
    )
    quarterly = {"kind": "deadline", "rule": "recurring"}
    days = ["2025-03-20", "2025-06-20", "2025-09-20", "2025-12-20"]
    right = Gold(Path("g.yaml"), "t.txt", [gold_item({**quarterly, "dates": days})], [], {})
    wrong = Gold(Path("g.yaml"), "t.txt", [gold_item({**quarterly, "dates": days[:3]})], [], {})
    assert (score(right, extraction).true_positives, score(right, extraction).f1) == (1, 1.0)
    assert score(wrong, extraction).true_positives == 0


def test_gold_days_off_match_a_phase_over_the_same_days_only() -> None:
    """A campaign file has no holiday kind: the draft carries days off as a phase, which a
    gold `holiday` over the same days accepts; other days, or another kind, do not match."""
    extraction = extract(
        _header("UBND TỈNH BẮC SƠN")
        + "\nTừ ngày 05/3/2025 đến ngày 11/3/2025, các đơn vị tự kiểm tra công tác thi đua.\n"
    )
    assert [e.kind for e in extraction.events if e.kind != "period"] == ["phase"]

    def tp(item: dict) -> int:
        return score(
            Gold(Path("g.yaml"), "t.txt", [gold_item(item)], [], {}), extraction
        ).true_positives

    days_off = {"kind": "holiday", "start": "2025-03-05", "end": "2025-03-11"}
    assert tp(days_off) == 1
    assert tp({**days_off, "end": "2025-03-12"}) == 0
    assert tp({**days_off, "kind": "meeting"}) == 0


def test_a_report_of_the_past_dates_only_what_is_to_come() -> None:
    extraction = extract(
        "UBND TỈNH BẮC SƠN\nSỞ NỘI VỤ\n\nSố: 45/BC-SNV\n\nBắc Sơn, ngày 20 tháng 12 năm 2024\n\n"
        "BÁO CÁO\nTổng kết công tác thi đua, khen thưởng năm 2024\n\n"
        "1. Các Khối thi đua đã tổ chức ký kết giao ước thi đua trong tháng 3/2024.\n\n"
        "2. Sơ kết 6 tháng được tổ chức từ ngày 01/7/2024 đến ngày 15/7/2024; 100% đơn vị gửi "
        "báo cáo đúng hạn (trước ngày 30/6/2024).\n\n"
        "3. Năm 2025, các đơn vị gửi đăng ký thi đua trước ngày 28/02/2025.\n"
    )
    assert extraction.document.kind == "Báo cáo"
    assert [(e.kind, e.key_dates()) for e in extraction.events] == [
        ("deadline", [(date(2025, 2, 28),)])
    ]
    assert sum("không phải là hạn" in n.message for n in extraction.notes) == 2


def test_signers_after_a_signed_mark_or_run_into_one_line() -> None:
    head = (
        "ỦY BAN NHÂN DÂN\nTỈNH HÀ NAM\n\nSố: 123 /KH-UBND\n\nHà Nam, ngày 05 tháng 02 năm 2025"
        "\n\nKẾ HOẠCH\nPhát động phong trào thi đua năm 2025\n\n"
    )
    blocks = {
        "Nơi nhận:\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n(Đã ký)\n\nNguyễn Văn Nam\n": (
            "Nguyễn Văn Nam"
        ),
        "Nơi nhận:\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nĐã ký: Trần Thị Lan\n": (
            "Trần Thị Lan"
        ),
        "Nơi nhận: - Lưu: VT. KT. CHỦ TỊCH PHÓ CHỦ TỊCH Lê Hoàng Anh\n": "Lê Hoàng Anh",
    }
    for block, signer in blocks.items():
        info = extract(head + block).document
        assert (info.number, info.signer, info.signer_title) == (
            "123/KH-UBND",
            signer,
            "PHÓ CHỦ TỊCH",
        ), block


def test_schedule_columns_are_found_by_their_headings_whatever_their_order(
    tmp_path: Path,
) -> None:
    document = docx.Document()
    table = document.add_table(rows=0, cols=3)
    for row in (
        ("Tên đơn vị", "Nội dung", "Thời hạn"),
        ("Các sở, ban, ngành", "Gửi bản đăng ký thi đua", "Chậm nhất ngày 10/3/2025"),
    ):
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    two = document.add_table(rows=0, cols=2)
    for row in (("Nội dung", "Thời gian"), ("Hội nghị sơ kết 6 tháng", "Ngày 15/7/2025")):
        for cell, text in zip(two.add_row().cells, row, strict=True):
            cell.text = text
    path = tmp_path / "lich.docx"
    document.save(str(path))
    lines = read_document(path).splitlines()
    assert "Các sở, ban, ngành: Gửi bản đăng ký thi đua, chậm nhất ngày 10/3/2025." in lines
    assert "Hội nghị sơ kết 6 tháng, vào ngày 15/7/2025." in lines


def test_the_heads_of_blocs_name_every_bloc_not_the_enterprises() -> None:
    [units] = read_bundle([EXAMPLES / "units.yaml"]).units_files
    directory = directory_from_units_file(units.model, "units.yaml")
    extraction = extract(
        _header("UBND TỈNH BẮC SƠN")
        + "\nTrưởng các Cụm, Khối thi đua tổ chức ký kết giao ước thi đua, gửi bản giao ước "
        "về Sở Nội vụ trước ngày 28/02/2025.\n"
    )
    text = build_draft(extraction, directory, source_name="x.txt").text
    line = next(line for line in text.splitlines() if line.strip().startswith("units:"))
    codes = line.split("[")[1].split("]")[0].split(", ")
    assert "khoi-tong-hop" in codes and "cum-1" in codes and "doanh-nghiep" not in codes
    builtin = build_draft(extraction, builtin_directory(), source_name="x.txt").text
    assert "không có nhóm khối hay cụm thi đua nào cho “Cụm, Khối thi đua”" in builtin


def test_the_period_a_draft_assumes_is_named_in_the_notes_language() -> None:
    """The school year taken as the period is read inside a Vietnamese note: it is named in
    Vietnamese there (and in English in an English draft), never half one and half the other."""
    text = (
        "TRƯỜNG THCS AN PHÚ\n\nKẾ HOẠCH\nKiểm tra nội bộ năm học 2031-2032\n\n"
        "Các tổ chuyên môn nộp hồ sơ kiểm tra trước ngày 15/10/2031.\n"
    )
    draft = build_draft(extract(text), builtin_directory(), source_name="ke-hoach.txt").text
    assert "tạm lấy năm học 2031–2032" in draft
    assert "school year" not in draft
    with using("en"):
        english = build_draft(extract(text), builtin_directory(), source_name="x.txt").text
    assert "the school year 2031–2032 is assumed" in english
