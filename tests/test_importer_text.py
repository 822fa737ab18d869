"""The importer's reading of text: normalisation, paragraphs and sentences, date mentions,
ranges, and dates that belong to cited documents."""

from __future__ import annotations

import unicodedata
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from importer.dates import cited, mentions, ranges
from importer.extract import extract
from importer.text import clean, paragraphs, plain


def test_clean_makes_nfc_single_spaces_and_unix_lines() -> None:
    raw = unicodedata.normalize("NFD", "Kế hoạch\u00a0số\u202f12\r\nngày 15/02/2024\r**đậm**")
    text = clean(raw)
    assert text == "Kế hoạch số 12\nngày 15/02/2024\nđậm"
    assert unicodedata.is_normalized("NFC", text)


def test_an_o_without_its_horn_after_u_horn_is_put_right() -> None:
    # "ư" is never followed by a bare "o" in Vietnamese: "trưóc", "đưọc" are slips
    assert clean("Các lớp gửi bài trưóc ngày 12/4, bài đưọc chấm ngay") == (
        "Các lớp gửi bài trước ngày 12/4, bài được chấm ngay"
    )
    assert clean("Trường Ô Chợ Dừa, huơ tay, thuở nhỏ") == "Trường Ô Chợ Dừa, huơ tay, thuở nhỏ"
    deadlines = extract("Các chi đoàn nộp danh sách về Đoàn trường trưóc ngày 12/4/2033.").events
    assert [e.kind for e in deadlines] == ["deadline"]


def test_the_southern_spelling_of_send_is_read_as_send() -> None:
    assert clean("Các khoa gởi bảng điểm; Gởi kèm danh sách") == (
        "Các khoa gửi bảng điểm; Gửi kèm danh sách"
    )
    assert clean("Cô ấy gởm ghét, gọi điện") == "Cô ấy gởm ghét, gọi điện"
    found = extract("- Ngày 05/09/2034: Hạn cuối các khoa gởi bảng điểm về Phòng Đào tạo.").events
    assert [e.kind for e in found] == ["deadline"]
    assert found[0].days == [date(2034, 9, 5)]


def test_a_deadline_wording_run_into_the_word_before_gets_its_space_back() -> None:
    assert clean("các tổ dân phốchậm nhất là ngày 9/5; xã bạnmuộn nhất") == (
        "các tổ dân phố chậm nhất là ngày 9/5; xã bạn muộn nhất"
    )
    assert clean("đi chậm nhất, rất chậm; Chậm nhất") == "đi chậm nhất, rất chậm; Chậm nhất"
    found = extract(
        "Ban kiểm phiếu ở xã niêm yết danh sách cử tri tại nhà văn hóa thôn"
        "chậm nhất là ngày 6 tháng 4 năm 2033 (30 ngày trước ngày bỏ phiếu)."
    ).events
    assert [(e.kind, e.key_dates()) for e in found] == [("deadline", [(date(2033, 4, 6),)])]


def test_a_sentence_cut_by_a_page_break_is_joined() -> None:
    found = paragraphs("Các đơn vị gửi báo cáo về\n\n2\n\nSở Nội vụ trước ngày 15/3.\n\nMục mới.")
    # "Sở" starts with a capital: not joined; a lower-case continuation is.
    assert found[0].text == "Các đơn vị gửi báo cáo về"
    joined = paragraphs("Các đơn vị gửi báo cáo\n\n- 2 -\n\ntrước ngày 15/3/2024 về Sở.")
    assert [p.text for p in joined] == ["Các đơn vị gửi báo cáo trước ngày 15/3/2024 về Sở."]
    assert joined[0].line == 1


def test_a_hard_wrap_after_a_title_before_a_name_is_joined() -> None:
    wrapped = "\n".join(
        [
            "Các đơn vị tham gia Ngày hội văn hóa thể thao của các dân tộc tỉnh năm 2038",
            "được tổ chức trong ba ngày tại Nhà thi đấu đa năng tỉnh, nằm ở phường Hòa",
            "Bình; lễ khai mạc diễn ra lúc 19 giờ 30 ngày 12/4 tại sân vận động TP.",
            "Tân Phú vào tối thứ Bảy, do Ủy ban nhân dân tỉnh chủ trì và tổ chức thực hiện",
            "Phước với sự tham dự của lãnh đạo các sở, ban, ngành và các huyện, thành",
            "phố; các đoàn vận động viên đến từ mười hai huyện, thị xã và thành phố nhé.",
            "Ban tổ chức đề nghị các đơn vị chuẩn bị chu đáo, hoàn thành trước 10/4/2038.",
            "Các đội văn nghệ đăng ký với Sở Văn hóa trước ngày 01/4/2038 để xếp lịch.",
        ]
    )
    found = [p.text for p in paragraphs(wrapped)]
    assert any("sân vận động TP. Tân Phú vào tối thứ Bảy" in text for text in found), found
    # a full stop at a line's end that is no title still ends the paragraph
    assert "Ban tổ chức đề nghị" in found[1][:20]


def test_sentences_do_not_end_at_list_markers_or_abbreviations() -> None:
    [paragraph] = paragraphs("1. Tiếp tục thực hiện. Lãnh đạo VPUBND tỉnh (Ô. Thắng) dự. Hết.")
    assert [s.text for s in paragraph.sentences] == [
        "1. Tiếp tục thực hiện.",
        "Lãnh đạo VPUBND tỉnh (Ô. Thắng) dự.",
        "Hết.",
    ]


def test_plain_keeps_offsets_and_folds_marks() -> None:
    text = "Ngày Thương binh - Liệt sỹ"
    assert len(plain(text)) == len(text)
    assert plain(text).split() == ["ngai", "thuong", "binh", "liet", "si"]


def _dates(text: str) -> list[tuple[int | None, int, int | None]]:
    return [(w.day, w.month, w.year) for w in mentions(text) if not w.weak]


def test_date_forms() -> None:
    assert _dates("ngày 16 tháng 7 năm 2021") == [(16, 7, 2021)]
    assert _dates("3.2.1930 và 03-02-2024") == [(3, 2, 1930), (3, 2, 2024)]
    assert _dates("trước ngày 15/02") == [(15, 2, None)]
    assert _dates("tháng 7/2024, tháng 01 năm 2025") == [(None, 7, 2024), (None, 1, 2025)]


def test_a_day_of_a_year_named_by_its_can_chi_is_lunar_not_solar() -> None:
    # "năm Bính Ngọ": the lunar year; the solar day is given elsewhere, if at all
    assert _dates("Giỗ cụ Tổ vào ngày 10 tháng 3 năm Bính Ngọ, tại nhà thờ họ") == []
    assert _dates("tháng 6 năm Quý Tỵ") == []
    assert _dates("ngày 10 tháng 3 năm 2026") == [(10, 3, 2026)]


def test_numbers_that_only_look_like_dates_are_not_dates() -> None:
    for text in (
        "tăng 7,5-8,5%",
        "khoảng 16-17 nghìn lao động",
        "01 - 02 tập thể",
        "quy chuẩn 02/BYT",
        "giai đoạn 2021-2025",
        "31/02/2024",
        "3.300,9 tỷ đồng",
    ):
        assert _dates(text) == [], text


def test_ranges_fill_a_left_out_year_and_month_ends() -> None:
    def days(text: str) -> tuple[date, date] | None:
        [found] = ranges(text)
        return found.days(2023)

    assert days("từ 15/6 đến 30/6/2023") == (date(2023, 6, 15), date(2023, 6, 30))
    assert days("15/11-10/12/2023") == (date(2023, 11, 15), date(2023, 12, 10))
    assert days("từ tháng 9/2021 đến tháng 11/2021") == (date(2021, 9, 1), date(2021, 11, 30))
    assert days("từ tháng 01/2024 đến 30/6/2024") == (date(2024, 1, 1), date(2024, 6, 30))
    assert days("từ ngày 15/11 đến ngày 10/01/2024") == (date(2023, 11, 15), date(2024, 1, 10))


def test_months_joined_by_a_hyphen_under_one_year_make_a_range() -> None:
    for text, months in (
        ("Từ tháng 2-11/2034, các chi hội ra quân làm sạch kênh.", (2, 11)),
        ("trong tháng 4 - 6 năm 2034, hội viên góp quỹ", (4, 6)),
    ):
        [found] = ranges(text)
        assert found.days(2030) == (date(2034, months[0], 1), date(2034, months[1], 30))
    # a code's number is no month
    assert _dates("Quyết định số 12-9/2034 của Hội") == []


def test_anniversary_ranges_are_told_apart_from_phases() -> None:
    [memorial] = ranges("(03/02/1930 - 03/02/2024)")
    [phase] = ranges("từ ngày 21/11/2024 đến ngày 03/02/2025")
    assert memorial.anniversary and not phase.anniversary


def test_dates_of_cited_documents() -> None:
    for text in (
        "Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị",
        "Nghị quyết số 55/NQ-HĐND ngày 15/12/2023",
        "Chỉ thị 05-CT/TW, ngày 15/5/2016",
        "Đề án 06 ngày 06/01/2022 của Thủ tướng",
        "Chỉ thị số 19/CT-TTg ngày 16 tháng 7 năm 2021",
        "Luật Thi đua, khen thưởng ban hành ngày 15/6/2022",
    ):
        [when] = [w for w in mentions(text) if not w.weak]
        assert cited(text, when.start), text
    text = "gửi báo cáo trước ngày 30/6/2023 về Sở Nội vụ"
    assert not cited(text, mentions(text)[0].start)


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    st.sampled_from(
        [
            "{d}/{m}/{y}",
            "{d:02d}/{m:02d}/{y}",
            "{d}-{m}-{y}",
            "{d}.{m}.{y}",
            "{d} tháng {m} năm {y}",
        ]
    ),
)
def test_every_written_form_of_a_deadline_gives_its_day(day: date, form: str) -> None:
    written = form.format(d=day.day, m=day.month, y=day.year)
    text = (
        f"KẾ HOẠCH thi đua năm {day.year}\n\n"
        f"Các cơ quan, đơn vị gửi báo cáo về Sở Nội vụ chậm nhất ngày {written}."
    )
    [deadline] = extract(text).events
    assert deadline.kind == "deadline"
    assert deadline.key_dates() == [(day,)]


def test_a_line_ending_on_a_closed_quote_goes_on_in_lower_case() -> None:
    found = paragraphs(
        "Hội nghị điển hình tiên tiến huyện với chủ đề “Đoàn kết, sáng tạo, thi đua”\n"
        "sẽ được tổ chức vào ngày 20/9 tới.\n"
        "Các xã gửi báo cáo về Phòng Nội vụ (qua bộ phận Thi đua)\n"
        "Tổ chức tổng kết trước ngày 30/9.\n"
        "Nội dung do Ban Thi đua chuẩn bị.”\n"
        "a) Tuyên truyền trên hệ thống loa truyền thanh.\n"
    )
    assert [p.text[:20] for p in found] == [
        "Hội nghị điển hình t",
        "Các xã gửi báo cáo v",
        "Tổ chức tổng kết trư",
        "Nội dung do Ban Thi ",
        "a) Tuyên truyền trên",
    ]


def _wrapped_text(*lines: str) -> list[str]:
    """The paragraphs of a text hard-wrapped at 60 columns (eight lines near that width)."""
    filler = [
        "Các đơn vị tổ chức quán triệt nội dung kế hoạch tới toàn thể",
        "cán bộ, đoàn viên và người lao động trong cơ quan, bảo đảm",
        "nghiêm túc, thiết thực, hiệu quả, tiết kiệm và đúng quy định",
        "của cấp trên về công tác thi đua, khen thưởng trong năm học.",
    ]
    return [p.text for p in paragraphs("\n".join([*lines, *filler, *filler]))]


def test_a_wrapped_line_the_next_word_would_have_fitted_on_ends_its_paragraph() -> None:
    found = _wrapped_text(
        "Huyện Đông Sơn tổng kết thi đua năm 2038",
        "Sáng 20/1, Ủy ban nhân dân huyện tổ chức hội nghị tổng kết",
        "phong trào thi đua yêu nước năm 2038 tại hội trường huyện.",
    )
    # the title leaves room for "Sáng": it ended there of itself, however long it is
    assert found[0] == "Huyện Đông Sơn tổng kết thi đua năm 2038"
    assert found[1].startswith("Sáng 20/1") and found[1].endswith("tại hội trường huyện.")


def test_a_title_in_capitals_is_not_joined_to_the_line_under_it() -> None:
    found = _wrapped_text(
        "LỊCH CÔNG TÁC CỦA LÃNH ĐẠO ỦY BAN NHÂN DÂN XÃ AN PHÚ",
        "(Tuần thứ 15 từ ngày 09/4/2038 đến ngày 13/4/2038)",
    )
    assert found[:2] == [
        "LỊCH CÔNG TÁC CỦA LÃNH ĐẠO ỦY BAN NHÂN DÂN XÃ AN PHÚ",
        "(Tuần thứ 15 từ ngày 09/4/2038 đến ngày 13/4/2038)",
    ]


def test_a_clause_and_a_dash_a_wrap_left_at_a_line_end_or_start_are_joined() -> None:
    found = _wrapped_text(
        "Trọng tâm: kiện toàn tổ chức bộ máy trong toàn trường ngay;",
        "nâng cao chất lượng dạy và học trong năm học 2038 - 2039.",
        "Mời bà Lê Thị Anh, chuyên viên của Phòng Văn hóa và Thông tin",
        "– Xã hội dự buổi làm việc với nhà trường vào ngày 12/9.",
    )
    assert found[0].endswith(
        "toàn trường ngay; nâng cao chất lượng dạy và học trong năm học 2038 - 2039."
    )
    assert found[1].endswith("Thông tin – Xã hội dự buổi làm việc với nhà trường vào ngày 12/9.")
    # a list's items: a ";" line the next word fits after, or a line well short of the width
    items = _wrapped_text(
        "- rà soát hồ sơ của các tập thể, cá nhân;",
        "hoàn thiện hồ sơ trước ngày 12/9 gửi về Phòng Nội vụ.",
        "Thành phần gồm các đồng chí",
        "- Nguyễn Văn Bình, Hiệu trưởng nhà trường, Trưởng ban.",
        "Họp chuẩn bị tổ chức Lễ kỷ niệm Ngày thành lập trường năm 2038",
        "- Thành phần: Ban Giám hiệu, đại diện Ban đại diện cha mẹ học sinh.",
    )
    assert items[:5] == [
        "- rà soát hồ sơ của các tập thể, cá nhân;",
        "hoàn thiện hồ sơ trước ngày 12/9 gửi về Phòng Nội vụ.",
        "Thành phần gồm các đồng chí",
        "- Nguyễn Văn Bình, Hiệu trưởng nhà trường, Trưởng ban.",
        "Họp chuẩn bị tổ chức Lễ kỷ niệm Ngày thành lập trường năm 2038",
    ]


def test_a_wrapped_line_short_before_a_long_word_or_ending_inside_a_quote_goes_on() -> None:
    for first, second in (
        # short, but "(15/10/1993-15/10/2038);" would not have fitted after it
        (
            "Các đơn vị tổ chức kỷ niệm 45 năm ngày thành lập Hội",
            "(15/10/1993-15/10/2038); tuyên truyền sâu rộng tới hội viên.",
        ),
        # a colon inside a quoted name ends no line
        (
            "Sở triển khai chiến dịch truyền thông “Học tập suốt đời:",
            "Mỗi người dân một thói quen tốt” từ ngày 01/10 đến 31/10/2038.",
        ),
    ):
        assert _wrapped_text(first, second)[0] == f"{first} {second}"


def test_a_page_number_between_a_wrapped_sentence_is_dropped_and_the_sentence_joined() -> None:
    found = _wrapped_text(
        "Các đơn vị gửi báo cáo kết quả thực hiện phong trào về Sở",
        "Trang 2/5",
        "Nội vụ chậm nhất ngày 15/3/2038 để tổng hợp, báo cáo tỉnh.",
    )
    assert found[0] == (
        "Các đơn vị gửi báo cáo kết quả thực hiện phong trào về Sở"
        " Nội vụ chậm nhất ngày 15/3/2038 để tổng hợp, báo cáo tỉnh."
    )


def test_a_time_of_day_and_its_date_on_two_lines_are_joined() -> None:
    found = paragraphs(
        "- Nộp báo cáo tổng hợp số liệu về phòng ( chiều\n28/9 )\n- Họp chi bộ\n28 đảng viên dự."
    )
    assert found[0].text == "- Nộp báo cáo tổng hợp số liệu về phòng ( chiều 28/9 )"
    assert [p.text for p in found[1:]] == ["- Họp chi bộ", "28 đảng viên dự."]


def test_a_span_opened_by_from_and_closed_by_ends_on_is_one_range() -> None:
    text = "Hội đồng sẽ chấm bài từ ngày 5/3 và kết thúc vào ngày 20/4/2034."
    [found] = ranges(text)
    assert (found.first.day, found.first.month, found.last.day, found.last.month) == (5, 3, 20, 4)
    # without "từ" (or "bắt đầu") two days told in one clause stay apart
    assert ranges("Sơ khảo vào ngày 5/3 và kết thúc vào ngày 20/4/2034.") == []
    assert ranges("Nhận bài từ ngày 5/3 và ngày 20/4/2034 công bố kết quả.") == []
