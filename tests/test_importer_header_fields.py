"""The draft's header fields read from what the document itself says (issue 11, item 6): the
issuing body's lines beside the motto however a copy breaks them, the number wherever the
heading writes it, the body a news page reports on; never the page's furniture. Every
heading and sentence here is invented (other bodies, other numbers, other years)."""

from __future__ import annotations

from datetime import date

import pytest

from bench.evaluation import same_body
from importer import extract
from importer.model import DocumentInfo


def _document(text: str) -> DocumentInfo:
    return extract(text).document


BODY = "Các đơn vị gửi báo cáo về Văn phòng trước ngày 20/6/2037.\n"


HEADINGS = {
    # a table copied one cell a line: the motto's second half is not the body's name
    "cells one a line": (
        "ỦY BAN NHÂN DÂN\nTỈNH HÀ BẮC\n-------\n|\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n---------------\n|\nSố:\n17/2037/QĐ-UBND\n|\n"
        "Hà Bắc, ngày 03 tháng 02 năm 2037\n|\nQUYẾT ĐỊNH\nVề chế độ báo cáo\n",
        "UBND tỉnh Hà Bắc",
        "17/2037/QĐ-UBND",
    ),
    "single words": (
        "BỘ\nNỘI THƯƠNG\n-------\n|\nCỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nSố: 88/QĐ-BNT\nHà Nội, ngày 9 tháng 4 năm 2037\n"
        "QUYẾT ĐỊNH\nPhát động thi đua\n",
        "Bộ Nội thương",
        "88/QĐ-BNT",
    ),
    # a commune's site puts its visitor counter and the plan's title before the block
    "below a counter": (
        "Truy cập\nHôm nay:\n41\nKẾ HOẠCH Tổ chức Tết trồng cây năm 2037\n"
        "Ngày 20/01/2037 00:00:00\nỦY BAN NHÂN DÂN\nXÃ BÌNH AN\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 05 /KH-UBND\nBình An, ngày 15 tháng 01 năm 2037\nKẾ HOẠCH\nTết trồng cây\n",
        "UBND xã Bình An",
        "05/KH-UBND",
    ),
    # both columns flattened into lines: the body under the motto, before "Độc lập"
    "columns run together": (
        "UBND TỈNH MINH HẢI CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "SỞ VĂN HÓA VÀ THỂ THAO Độc lập - Tự do - Hạnh phúc\n"
        "Số: 301/SVHTT-NV Minh Hải, ngày 04 tháng 5 năm 2037\nV/v tổ chức hội thi\n",
        "Sở Văn hóa và Thể thao tỉnh Minh Hải",
        "301/SVHTT-NV",
    ),
    # a committee named without its place is the one the enacting line names in full
    "the enacting line": (
        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "Số: 33/2037/QĐ-UBND | Kim Sơn, ngày 2 tháng 10 năm 2037 |\n"
        "BAN HÀNH QUY ĐỊNH CHẾ ĐỘ BÁO CÁO\nỦY BAN NHÂN DÂN TỈNH KIM SƠN\n",
        "UBND tỉnh Kim Sơn",
        "33/2037/QĐ-UBND",
    ),
    # a week's schedule titled with its committee in full
    "a schedule's title": (
        "LỊCH LÀM VIỆC CỦA LÃNH ĐẠO ỦY BAN NHÂN DÂN XÃ BÌNH MINH\n"
        "(Tuần thứ 12 từ ngày 16/3/2037 đến ngày 20/3/2037)\n"
        "THỨ HAI (16/3/2037): 08 giờ 00: Chủ tịch UBND xã họp giao ban.\n",
        "UBND xã Bình Minh",
        None,
    ),
    "the Party's name": (
        "HUYỆN ỦY TÂN LẬP\nSố 41 – KH/HU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Tân Lập, ngày 2 tháng 3 năm 2037\nKẾ HOẠCH\nTuyên truyền kỷ niệm\n",
        "Huyện ủy Tân Lập",
        "41-KH/HU",
    ),
}


@pytest.mark.parametrize("name", HEADINGS)
def test_the_body_and_number_beside_the_motto(name: str) -> None:
    heading, issuer, number = HEADINGS[name]
    info = _document(heading + BODY)
    assert (info.issuer, info.number) == (issuer, number)


def test_a_title_in_capitals_above_the_block_is_not_a_parent() -> None:
    info = _document(
        "KẾ HOẠCH TỔ CHỨC NGÀY HỘI ĐỌC SÁCH\nTRƯỜNG TIỂU HỌC KIM ĐỒNG\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 14/KH-THKĐ\nKim Đồng, ngày 5 tháng 4 năm 2037\nKẾ HOẠCH\nNgày hội đọc sách\n" + BODY
    )
    assert info.issuer == "Trường Tiểu học Kim Đồng"


def test_the_number_written_after_the_dating_line_in_one_line() -> None:
    info = _document(
        "LIÊN ĐỘI TRƯỜNG THCS AN PHÚ\nAn Phú, ngày 08 tháng 10 năm 2037 Số: 21-KH/LĐ\n"
        "KẾ HOẠCH\nChào mừng ngày 20/11\n" + BODY
    )
    assert info.number == "21-KH/LĐ"


def test_a_cited_number_in_a_sentence_is_not_the_documents() -> None:
    info = _document(
        "KẾ HOẠCH\nTổ chức hội thi năm 2037\n"
        "Căn cứ Quyết định số 77/QĐ-UBND ngày 02/01/2037 của UBND huyện Tây Sơn;\n" + BODY
    )
    assert info.number is None


def test_a_title_or_byline_in_capitals_is_no_issuer() -> None:
    """With no motto, capital lines that name no body (a slogan, an author) are not taken."""
    info = _document(
        "VÌ MỘT NGÀY MAI TƯƠI SÁNG, SẴN SÀNG!\nThông báo lịch họp\n"
        "Cuộc họp giao ban sẽ diễn ra vào ngày 12/6/2037 tại hội trường.\nMINH KHÔI\n"
    )
    assert info.issuer is None


@pytest.mark.parametrize(
    ("found", "gold"),
    [
        ("UBND thành phố Cam Lộ", "UBND Thành phố Cam Lộ"),
        ("Ủy ban nhân dân huyện Tân Lập", "UBND huyện Tân Lập"),
        ("UBND TP Cam Lộ", "UBND thành phố Cam Lộ"),
        ("Uỷ ban MTTQ xã Bình An", "Ủy ban MTTQ xã Bình An"),
        ("Hội đồng Thi đua - Khen thưởng trung ương", "Hội đồng Thi đua - Khen thưởng Trung ương"),
    ],
)
def test_the_bench_takes_spellings_of_one_body_alike(found: str, gold: str) -> None:
    assert same_body(found, gold)


@pytest.mark.parametrize(
    ("found", "gold"),
    [
        ("UBND tỉnh Cam Lộ", "UBND thành phố Cam Lộ"),  # another level is another body
        ("Sở Nội vụ", "Sở Nội vụ tỉnh Cam Lộ"),  # a place left out is not the same name
        ("Bộ VHTT", "Bộ Văn hóa và Thông tin"),  # abbreviations are not expanded
        ("UBND xã Bình An", "Ban Thường trực UBND xã Bình An"),
    ],
)
def test_the_bench_tells_other_bodies_apart(found: str, gold: str) -> None:
    assert not same_body(found, gold)


NEWS = {
    "a minister signs": (
        "Ngày 3/4/2037, Bộ trưởng Bộ Hàng hải đã ký Quyết định số 91/QĐ-BHH ban hành Kế "
        "hoạch thi đua năm 2037.",
        ("Bộ Hàng hải", "91/QĐ-BHH"),
    ),
    "a minister named by his field": (
        "Mới đây, Bộ trưởng Hàng hải đã ký Quyết định số 92/QĐ-BHH phát động thi đua.",
        ("Bộ Hàng hải", "92/QĐ-BHH"),
    ),
    # without "số", a number is one with its code
    "a central board publishes": (
        "Ngày 09/3/2037, Ban Dân vận Trung ương phát hành Hướng dẫn 12-HD/BDVTW về tuyên "
        "truyền năm 2037.",
        ("Ban Dân vận Trung ương", "12-HD/BDVTW"),
    ),
    "a party committee": (
        "Huyện ủy Tân Lập đã ban hành Kế hoạch số 12-KH/HU tổ chức cuộc thi tìm hiểu lịch sử.",
        ("Huyện ủy Tân Lập", "12-KH/HU"),
    ),
    "a ministry with commas": (
        "Bộ Giao thông, Bưu điện và Du lịch vừa có Văn bản số 40/BGT-TĐ về khen thưởng.",
        ("Bộ Giao thông, Bưu điện và Du lịch", "40/BGT-TĐ"),
    ),
    "a notice": (
        "Sở Tư pháp tỉnh Cam Lộ thông báo: Về việc lấy ý kiến nhân dân đối với các cá nhân.",
        ("Sở Tư pháp tỉnh Cam Lộ", None),
    ),
    "a plan numbered without its code": (
        "Ban Dân vận Trung ương vừa ban hành Kế hoạch số 04 về tổ chức hội nghị.",
        ("Ban Dân vận Trung ương", "04"),
    ),
    "a plan of five years": (
        "UBND tỉnh Cam Lộ vừa ban hành Kế hoạch 5 năm phát triển du lịch.",
        ("UBND tỉnh Cam Lộ", None),
    ),
    # a dash run into the name, the parent in parentheses
    "a board of a ministry": (
        "Ban Thi đua-Khen thưởng Trung ương (Bộ Nội vụ) vừa có Văn bản số 77/BTĐKT-VP về "
        "việc lấy ý kiến nhân dân.",
        ("Ban Thi đua - Khen thưởng Trung ương (Bộ Nội vụ)", "77/BTĐKT-VP"),
    ),
    # the committee says what it does, its words capitalised as they come
    "a commune's notice": (
        "Ủy Ban nhân dân xã Bình Minh thông báo lịch tiếp công dân năm 2037 như sau.",
        ("UBND xã Bình Minh", None),
    ),
    "a city's committee abbreviated": (
        "UBND TP Kim Sơn vừa triển khai kế hoạch tổ chức triển lãm ảnh.",
        ("UBND thành phố Kim Sơn", None),
    ),
    "a district named by its place": (
        "Nhằm kỷ niệm 50 năm ngày thành lập, huyện Tân Lập đã ban hành Kế hoạch tổ chức hội thi.",
        ("UBND huyện Tân Lập", None),
    ),
    "a standing board of a front's committee": (
        "Ban Thường trực Ủy ban MTTQ huyện Tân Lập xây dựng kế hoạch tổ chức đại hội.",
        ("Ban Thường trực Ủy ban MTTQ huyện Tân Lập", None),
    ),
    # the organiser a news lead names
    "a lead's organiser": (
        "Sáng 12/3, Ban Chấp hành Hội Làm vườn Việt Nam đã tổ chức họp báo về Đại hội lần thứ IX.",
        ("Ban Chấp hành Hội Làm vườn Việt Nam", None),
    ),
    "a committee organises": (
        "Chiều ngày 04/11/2037, Ủy ban nhân dân huyện Tân Lập tổ chức họp bàn công tác chuẩn bị.",
        ("UBND huyện Tân Lập", None),
    ),
    # a name that stops at a bare level does not say which district: the draft asks
    "a district not named": (
        "Sáng 14/9, Ban Thường trực Ủy ban MTTQ Việt Nam huyện tổ chức hội nghị triển khai.",
        (None, None),
    ),
    # an abbreviation in parentheses is not the name, and the city is not named: the draft asks
    "an abbreviation": (
        "Sở Y tế (SYT) thành phố vừa có Công văn số 9/SYT-VP gửi các bệnh viện.",
        (None, "9/SYT-VP"),
    ),
}


@pytest.mark.parametrize("name", NEWS)
def test_a_news_page_names_the_body_it_reports_on_and_its_number(name: str) -> None:
    sentence, expected = NEWS[name]
    info = _document(f"Tin tức\n{sentence}\nCác đơn vị gửi báo cáo trước ngày 20/6/2037.\n")
    assert (info.issuer, info.number) == expected


def test_a_news_headline_that_opens_with_the_body() -> None:
    text = "Sở Du lịch tỉnh Cam Lộ: Phát động thi đua năm 2037\nThứ Hai, 02/3/2037\n" + BODY
    assert _document(text).issuer == "Sở Du lịch tỉnh Cam Lộ"


def test_registering_is_not_signing() -> None:
    """ "hướng dẫn đăng ký thi đua": the body is the one that issues the letter below."""
    text = (
        "Hội đồng Thi đua - Khen thưởng tỉnh hướng dẫn đăng ký thi đua năm 2037\n"
        "Ngày 02/3/2037, Hội đồng Thi đua - Khen thưởng tỉnh Cam Lộ ban hành Công văn số "
        "7/HĐTĐKT-TĐ hướng dẫn đăng ký thi đua.\n" + BODY
    )
    assert _document(text).issuer == "Hội đồng Thi đua - Khen thưởng tỉnh Cam Lộ"


def test_a_title_that_opens_with_the_document_gives_its_number_and_day() -> None:
    info = _document(
        "Công văn số 771/UBND-VX ngày 14/5/2037 Hưởng ứng Cuộc thi viết về gia đình\n" + BODY
    )
    assert (info.number, info.date) == ("771/UBND-VX", date(2037, 5, 14))


SCHOOLS_AND_UNIONS = {
    # no motto: the lines above the number, or before the dating line in the same line
    "lines above the number": (
        "KẾ HOẠCH CHÀO MỪNG 26/3\nĐỘI TNTP HỒ CHÍ MINH\nLIÊN ĐỘI TIỂU HỌC AN PHÚ\n"
        "Số: 27/KH-LĐ An Phú, ngày 11 tháng 3 năm 2037\nKẾ HOẠCH\nChào mừng ngày 26/3\n",
        "Liên đội Tiểu học An Phú",
    ),
    "one line before the dating line": (
        "ĐỘI TNTP HỒ CHÍ MINH HUYỆN TÂN LẬP ĐỘI TNTP HỒ CHÍ MINH LIÊN ĐỘI TRƯỜNG THCS AN PHÚ "
        "An Phú, ngày 08 tháng 10 năm 2037\nKẾ HOẠCH\nChào mừng ngày 20/11\n",
        "Liên đội trường THCS An Phú",
    ),
    "the Youth Union of a university": (
        "TRƯỜNG ĐẠI HỌC KIM SƠN\nĐOÀN THANH NIÊN\nSố: 9/KH-ĐTN\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Kim Sơn, ngày 2 tháng 10 năm 2037\nKẾ HOẠCH\nChào mừng ngày 20/11\n",
        "Đoàn Thanh niên Trường Đại học Kim Sơn",
    ),
    "a board of the Party's Central Committee": (
        "BAN CHẤP HÀNH TRUNG ƯƠNG\nBAN DÂN VẬN\nSố 12-HD/BDVTW\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Hà Nội, ngày 4 tháng 9 năm 2037\nHƯỚNG DẪN\nTuyên truyền năm 2038\n",
        "Ban Dân vận Trung ương",
    ),
    # with no heading, the sentence in which the body says what it does
    "the Youth Union's committee drafts a plan": (
        "KẾ HOẠCH THI ĐUA CHÀO MỪNG NGÀY 20/11/2037\n"
        "BCH Đoàn trường THPT số 3 An Phú xây dựng kế hoạch thi đua, cụ thể như sau:\n",
        "BCH Đoàn trường THPT số 3 An Phú",
    ),
    "a committee named by its level": (
        "KẾ HOẠCH TỔ CHỨC KỶ NIỆM 60 NĂM NGÀY THÀNH LẬP TỈNH KIM SƠN\n"
        "Ủy ban nhân dân tỉnh xây dựng Kế hoạch tổ chức kỷ niệm 60 năm ngày thành lập tỉnh "
        "Kim Sơn như sau:\nCác hoạt động kỷ niệm của tỉnh Kim Sơn diễn ra trong năm 2037.\n",
        "UBND tỉnh Kim Sơn",
    ),
}


@pytest.mark.parametrize("name", SCHOOLS_AND_UNIONS)
def test_units_of_schools_and_bodies_named_in_their_own_words(name: str) -> None:
    text, issuer = SCHOOLS_AND_UNIONS[name]
    found = _document(text + BODY).issuer
    # a university's own name is cased like a field ("Sư phạm"): the words are what is read
    assert found is not None and found.casefold() == issuer.casefold()


@pytest.mark.parametrize(
    "said",
    ["ngày 12/9/2037", "ngày 12 tháng 9 năm 2037", "ngày 12-9-2037"],
)
def test_a_reported_plans_day_in_figures_or_in_words_dates_it(said: str) -> None:
    text = (
        f"UBND huyện Tân Lộc vừa ký ban hành Kế hoạch số 118/KH-UBND {said} về tổ chức Lễ kỷ "
        "niệm 40 năm thành lập huyện. Lễ kỷ niệm tổ chức vào sáng ngày 30/10/2037.\n"
    )
    assert _document(text).date == date(2037, 9, 12)


def test_a_day_in_words_not_after_the_reported_number_does_not_date_the_plan() -> None:
    text = (
        "UBND huyện Tân Lộc vừa ký ban hành Kế hoạch số 118/KH-UBND về tổ chức Lễ kỷ niệm. "
        "Lễ kỷ niệm tổ chức vào sáng ngày 30 tháng 10 năm 2037.\n"
    )
    assert _document(text).date is None
