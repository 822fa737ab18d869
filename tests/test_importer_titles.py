"""The draft's title and issuer are the document's own (issue 11): a page's headline, never its
menu, its section, its stamp, a caption or the site's name; a body's name, ending where an
official's name or a verb begins. Every page and sentence here is invented (other bodies,
other places, other years)."""

from __future__ import annotations

import pytest

from importer import build_draft, builtin_directory, extract
from importer.headline import headline, is_lead, reads_as_headline
from importer.names import is_personal_name, without_person
from importer.text import Paragraph


def _title(text: str) -> str | None:
    return extract(text).document.title


def _issuer(text: str) -> str | None:
    return extract(text).document.issuer


LEAD = (
    "Sáng 12/3/2037, Sở Văn hóa tỉnh Hà Bắc tổ chức lễ khai mạc giải việt dã truyền thống với "
    "sự tham gia của hơn 500 vận động viên đến từ các huyện, thị xã trong tỉnh.\n"
    "Giải diễn ra đến hết ngày 14/3/2037.\n"
)
HEADLINE = "Hà Bắc khai mạc giải việt dã truyền thống năm 2037"

PAGES = {
    "below a numbered menu": "Menu\n 1. Trang chủ\n 2. Thể thao\n 3. Văn hóa\nThể thao\n",
    "below the post's stamp": "21/05/2037 lúc 09:15 (GMT+7)\nBreaking News\n",
    "below a stamp in words": "12 Tháng Ba 2037\nThứ Năm, 12/03/2037 | 10:20\n",
    "below the site's name": "Tuổi Trẻ Vùng Cao Online\nDoanh Nhân Miền Núi\n",
    "below a breadcrumb": "Chi tiết bài viết Tin hoạt động\nTin tức khác Tin tức khác\n",
    "below buttons": "Image banner\nCỡ chữ: A+ A-\nBÁOHABAC.VN trên Google News\n",
    "below a section in capitals": "THỂ THAO CÁC CẤP\n",
    "below a slogan": "VÌ MỘT NGÀY MAI TƯƠI SÁNG, SẴN SÀNG!\n",
    "below the portal's name": "CỔNG THÔNG TIN ĐIỆN TỬ TỈNH HÀ BẮC\n",
    "below the school's name twice": "Trường Mầm non Hoa Sen Trường Mầm non Hoa Sen\n",
}


@pytest.mark.parametrize("name", PAGES)
def test_a_pages_title_is_its_headline_not_its_furniture(name: str) -> None:
    assert _title(PAGES[name] + HEADLINE + "\n" + LEAD) == HEADLINE


def test_no_headline_before_the_lead_leaves_the_title_empty() -> None:
    """A caption, then the lead: nothing reads as a headline, and the draft asks for one."""
    text = "Ảnh minh họa - Internet\n" + LEAD
    assert _title(text) is None
    assert _title("Chính trị\n" + LEAD) is None


@pytest.mark.parametrize(
    "line",
    [
        "10 đội bóng tranh tài ở giải bóng đá thiếu niên huyện",
        "Tối 5/4, khai mạc hội thi văn nghệ quần chúng huyện Bắc Sơn",
        "Quận ủy Tân Bình: Hưởng ứng cuộc thi tìm hiểu lịch sử địa phương",
        "73 năm Ngày truyền thống lực lượng Thanh niên xung phong (15/7/1950 - 15/7/2023)",
    ],
)
def test_a_headline_reads_as_one(line: str) -> None:
    assert reads_as_headline(line) and not is_lead(line)


@pytest.mark.parametrize(
    "line",
    [
        "1. Giới thiệu",
        "Thursday, 18/07/2037",
        "Ngày 5 tháng 10 năm 2037",
        "Ảnh: Minh Châu",
        "Đoàn viên tham gia diễn đàn. (Ảnh: Thu Hà)",
        "Clip đại biểu hát quốc ca tại phiên khai mạc",
        "Học kỳ I: từ 05/09/2037 - 15/01/2038",
        "Chủ tịch: 7 giờ 30 phút, dự họp giao ban",
        "Office 2031 home edition",
        "Truyền hình Bắc Sơn",
        "HUYỆN ỦY BẮC SƠN | TIN HOẠT ĐỘNG",
        "Kính gửi:",
    ],
)
def test_furniture_is_no_headline(line: str) -> None:
    assert not reads_as_headline(line)


@pytest.mark.parametrize(
    "line",
    [
        "(HBO) - Kỳ thi học sinh giỏi cấp tỉnh sẽ diễn ra vào ngày 15/3/2037",
        "Thực hiện Kế hoạch số 12/KH-UBND của UBND huyện về tổ chức hội thi",
        "Chiều 4/10, tại hội trường huyện, Ban Chỉ đạo đã họp bàn công tác chuẩn bị đại hội "
        "thể dục thể thao",
        "UBND tỉnh vừa ban hành kế hoạch tổ chức ngày hội toàn dân bảo vệ an ninh Tổ quốc "
        "năm 2037 và lễ ra mắt lực lượng ở cơ sở",
        "Hội diễn được tổ chức nhằm tạo không khí vui tươi cho người dân nhân dịp xuân về và "
        "chào mừng ngày thành lập Đảng",
        "Trên, UBND huyện giao Phòng Văn hóa chủ trì tổ chức hội thi",
    ],
)
def test_a_lead_is_no_headline(line: str) -> None:
    assert is_lead(line)


def _lines(*texts: str) -> list[Paragraph]:
    return [Paragraph(text, line) for line, text in enumerate(texts, 1)]


def test_a_list_the_body_introduces_ends_the_search() -> None:
    """A list the body introduces ("… như sau:") begins the body: its items are no headline,
    and the part's name in capitals above it is none either."""
    lines = _lines("HÌNH THỨC TỔ CHỨC THI", "Hội thi diễn ra qua ba vòng như sau:", "Vòng một")
    assert headline(lines) is None
    assert headline(_lines(HEADLINE, "Hội thi diễn ra qua ba vòng như sau:")) == HEADLINE


def test_a_section_repeated_before_the_headline_goes() -> None:
    text = "Tin hoạt động Tin hoạt động\n" + HEADLINE + "\n" + LEAD
    assert _title(text) == HEADLINE
    assert _title("Tin hoạt động Tin hoạt động tổ chức hội thi cờ vua năm 2037\n" + LEAD) == (
        "Tổ chức hội thi cờ vua năm 2037"
    )


def test_a_sentence_about_the_matter_is_no_subject_line() -> None:
    """ "Về việc trên, …" goes on about what was said: the headline above it is the title."""
    text = (
        HEADLINE + "\nCập nhật: 09:15 | 12/03/2037\n"
        "Về việc trên, UBND tỉnh giao Sở Văn hóa chủ trì tổ chức giải.\n"
    )
    assert _title(text) == HEADLINE


def test_a_kind_that_is_the_headlines_subject_stays() -> None:
    title = _title("Chỉ thị của UBND tỉnh về phát động thi đua năm 2037\n" + LEAD)
    assert title == "Chỉ thị của UBND tỉnh về phát động thi đua năm 2037"
    assert _title("Thông báo thay đổi lịch họp năm 2037\n" + LEAD) == ("Thay đổi lịch họp năm 2037")


def test_a_heading_wrapped_over_lines_is_read_whole() -> None:
    text = (
        "KẾ HOẠCH\nTỔ CHỨC HỘI THI TIN HỌC TRẺ CẤP\nHUYỆN NĂM 2037\nI. MỤC ĐÍCH\n"
        "Các trường gửi danh sách trước ngày 20/4/2037.\n"
    )
    assert _title(text) == "TỔ CHỨC HỘI THI TIN HỌC TRẺ CẤP HUYỆN NĂM 2037"
    wrapped = "CHỈ THỊ\nVỀ VIỆC TĂNG CƯỜNG QUẢN LÝ\nCHỢ ĐÊM NĂM 2037\nCăn cứ Luật …\n"
    assert _title(wrapped) == "TĂNG CƯỜNG QUẢN LÝ CHỢ ĐÊM NĂM 2037"
    single = "KẾ HOẠCH\nTết trồng cây năm 2037\nI. MỤC ĐÍCH\n"
    assert _title(single) == "Tết trồng cây năm 2037"


def test_a_draft_asks_for_the_title_a_page_does_not_give() -> None:
    note = "# REVIEW: văn bản không có tiêu đề riêng"
    for text, asks in (("Ảnh minh họa - Internet\n" + LEAD, True), (HEADLINE + "\n" + LEAD, False)):
        draft = build_draft(extract(text), builtin_directory(), source_name="tin.txt")
        assert (note in draft.text) is asks


# --- the issuer ------------------------------------------------------------------------------


def test_an_officials_name_is_not_the_provinces() -> None:
    text = (
        "Chủ tịch UBND tỉnh Phạm Văn An đã ký ban hành Chỉ thị số 24/CT-UBND về phát động thi "
        "đua năm 2037.\n"
    )
    assert _issuer(text) != "UBND tỉnh Phạm Văn An"
    assert _issuer("UBND tỉnh Hà Bắc đã ban hành Kế hoạch số 12/KH-UBND ngày 3/2/2037.\n") == (
        "UBND tỉnh Hà Bắc"
    )


def test_an_officials_name_after_the_body_is_left_out() -> None:
    text = "Giám đốc Sở Y tế Lê Thị Bình đã ký Kế hoạch số 12/KH-SYT về tháng hành động 2037.\n"
    assert _issuer(text) == "Sở Y tế"


def test_a_verb_after_the_place_is_not_the_name() -> None:
    text = "Sáng 3/4, UBND tỉnh Hà Bắc long trọng tổ chức Đại hội Thi đua yêu nước lần thứ III.\n"
    assert _issuer(text) == "UBND tỉnh Hà Bắc"


def test_a_conference_or_a_contest_is_no_body() -> None:
    assert _issuer("Chiều 4/10, Hội thi Tin học trẻ tổ chức lễ khai mạc tại nhà văn hóa.\n") is None
    assert _issuer("Chiều 4/10, Hội Nông dân tỉnh Hà Bắc tổ chức họp báo.\n") == (
        "Hội Nông dân tỉnh Hà Bắc"
    )


def test_a_headline_in_capitals_names_its_body_up_to_the_verb() -> None:
    text = "TRƯỜNG TIỂU HỌC AN PHÚ TỔ CHỨC NGÀY HỘI ĐỌC SÁCH NĂM HỌC 2036 - 2037\n" + LEAD
    assert _issuer(text) == "Trường Tiểu học An Phú"


def test_a_committees_name_broken_after_its_first_word() -> None:
    text = (
        "ỦY\nBAN NHÂN DÂN\nTỈNH HÀ BẮC\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nSố: 12/QĐ-UBND\nHà Bắc, ngày 3 tháng 2 năm 2037\n"
        "QUYẾT ĐỊNH\nPhê duyệt kế hoạch\n"
    )
    assert _issuer(text) == "UBND tỉnh Hà Bắc"


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("Sở Y tế Lê Thị Bình", "Sở Y tế"),
        ("Ban Bí thư Trần Văn Hòa", "Ban Bí thư"),
        ("Trường THCS Lê Quý Đôn", "Trường THCS Lê Quý Đôn"),
        ("Đoàn TNCS Hồ Chí Minh", "Đoàn TNCS Hồ Chí Minh"),
        ("UBND phường Lê Hồng Phong", "UBND phường Lê Hồng Phong"),
        (
            "Hội đồng Thi đua - Khen thưởng tỉnh Hà Bắc",
            "Hội đồng Thi đua - Khen thưởng tỉnh Hà Bắc",
        ),
    ],
)
def test_a_trailing_personal_name_goes(name: str, kept: str) -> None:
    assert without_person(name) == kept


def test_a_personal_name() -> None:
    assert is_personal_name("Nguyễn Thị Lan")
    assert not is_personal_name("Hồ Chí Minh")
    assert not is_personal_name("Hà Bắc")
    assert is_personal_name("Đào An", after_official=True)
