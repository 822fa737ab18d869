"""Which line of a copy is the document's own heading, when no kind ("KẾ HOẠCH") heads it.

A news page or a portal's notice gives its headline as a line of sentence words just above
the lead ("Sở Y tế kiểm tra công tác phòng dịch mùa hè" / "Sáng 12/5, Sở Y tế …"). Above
it a copy keeps the site's furniture: menu items ("1. Trang chủ"), the section's name
("Chính trị"), the site's name in capitals or title case ("Báo Miền Núi Online"), the post's
stamp ("21/04/2024 lúc 14:37 (GMT+7)"), a photo's caption ("Ảnh minh họa - Internet"),
banners and buttons ("Image banner", "Cỡ chữ: A+ A-"). None of these is a title: when no line
before the lead is a headline, there is none, and the draft asks for one.
"""

from __future__ import annotations

import re

from importer.text import Paragraph

# the words of a post's stamp besides its figures: its weekday, day, month and clock
_STAMP_TEXT = """thứ chủ nhật hai ba tư năm sáu bảy tám chín mười mươi một bốn ngày tháng lúc giờ
    gmt sa ch am pm monday tuesday wednesday thursday friday saturday sunday"""
_STAMP_WORDS = frozenset(_STAMP_TEXT.split())
_HAS_DAY = re.compile(r"\d{1,2}\s*[/.-]\s*\d{1,2}|\d{1,2}:\d{2}|\btháng\b", re.I)
# a site's buttons, banners, widgets, section and link labels, its name and address
_SITE_PHRASES = """trang chủ, chuyên mục, chi tiết bài viết, google news, theo dõi, nhảy đến,
    cỡ chữ, tương phản, banner, logo, online, menu, print, breaking news, tin tức khác,
    bài viết khác, xem nhiều, đọc nhiều, đăng nhập, tìm kiếm, gói cước, xuất bản thông tin,
    lượt xem, đang tải, cổng thông tin, trang thông tin điện tử, sơ đồ trang, xem toàn văn,
    xem trước, tải xuống, thăm dò ý kiến, bình chọn, thời tiết, advertisement, quảng cáo"""
_SITE_WORDS = re.compile(
    r"\b(?:"
    + "|".join(r"\s+".join(p.split()) for p in _SITE_PHRASES.split(","))
    + r")\b|\w\.(?:vn|com|net|org)\b|^chi\s+tiết\b|\|",
    re.I,
)
# a news outlet's name: "Truyền hình Đại Lộc", "Báo Hà Bắc điện tử" (not "Báo cáo …")
_OUTLET_NAME = re.compile(r"^\W*(?:[Tt]ruyền\s+hình|[Đđ]ài|[Bb]áo|[Tt]ạp\s+chí)\s+[A-ZĐ]")
# a photo's or a clip's caption: "Ảnh minh họa - Internet", "… (Ảnh: Lan Anh)", "Clip …"
_CAPTION = re.compile(
    r"^\W*(?:ảnh|clip|video)\b|\((?:ảnh|nguồn|thực\s+hiện|video|clip)\s*:[^)]*\)\W*$", re.I
)
# an item of a list or a schedule: "1. Chính trị", "2- …", "08h30: …", "- …", "• …"
_ITEM = re.compile(r"^\s*(?:\d{1,2}\s*[.)/-](?!\d)|\d{1,2}\s*[hg:]\s*\d{2}|[-+*•>])", re.I)
_NUMBERED = re.compile(r"^\s*(?:\d{1,2}\s*[.)/-](?!\d)|\d{1,2}\s*[hg:]\s*\d{2})", re.I)
# a lead opens with its agency's tag ("(QNO) -", "TTĐT -", "HNN.VN -"), the time of what it
# reports ("Sáng 19/9,", "Ngày 14 tháng 01 năm 2021", "Vừa qua,") or what it acts upon
# ("Thực hiện Kế hoạch số …", "Căn cứ …", "Theo đó, …", "Nhằm …")
_TAG = r"\([^()]{2,40}\)\s*[-–]?|[A-ZĐ][A-ZĐ.&]{1,14}\s*[-–]"
_LEAD = re.compile(
    rf"^\s*(?:{_TAG}|(?:Vừa\s+qua|Mới\s+đây|Theo\s+đó|Thực\s+hiện|Căn\s+cứ|Nhằm|H[òo]à?\s+chung|"
    r"Cụ\s+thể|Đồng\s+thời|Tiếp\s+theo|Trên\s+cơ\s+sở|Với\s+chủ\s+đề|Được\s+sự)\b)"
)
# the time of what it reports ("Sáng 19/9,", "Ngày 14 tháng 01 năm 2021 …"): a headline may
# open so too ("Tối 11/11, khai mạc …"), a lead goes on for longer
_WHEN = re.compile(
    r"^\s*(?:(?:Sáng|Chiều|Tối|Trưa|Đêm)\s+(?:nay|qua|hôm|ngày|thứ|chủ|\d+)|Ngày\s+\d+|"
    r"Hôm\s+(?:nay|qua)|Trong\s+(?:các\s+|\d+\s+)?ngày|Từ\s+ngày|Dự\s+kiến|Được\s+tổ\s+chức)\b"
)
# what a lead reports, in its sentence's tense: a headline drops "vừa", "đã"
_REPORTS = re.compile(r"\b(?:vừa|đã|sẽ\s+được|nhằm)\s")
_TIMED_LEAD = 16  # words
_REPORTING_LEAD = 20  # words
# a row of a timetable ("Sinh hoạt đầu khóa: 08/09/2017", "Chủ tịch: 7 giờ 30 phút, …"), the
# heading's number line ("Số: 130/KH-UBND …")
_DATED_ROW = re.compile(
    r"^Số\s*[:.]|:\s*(?:từ\s+)?\d{1,2}\s*(?:[/.-]\s*\d{1,3}\b|giờ\b|[hg]\s*\d{0,2}\b)", re.I
)
# a section's name a copy repeats before the headline: "Tin hoạt động Tin hoạt động …"
_REPEATED_LABEL = re.compile(r"^(\S.{2,40}?)\s+\1(?:\s+|$)")
_LONGEST = 45  # words: a headline says it in a line, a lead in sentences
_SHORTEST = 4  # words: "Chính trị", "Tuyên truyền", "Doanh Nhân Trẻ" name a section or a site


def headline(paragraphs: list[Paragraph]) -> str | None:
    """The page's headline among its opening lines: the first before the lead that reads as
    one; a short label in capitals just above a headline is its section ("ĐẠI HỘI ĐẢNG
    CÁC CẤP" above "Đẩy mạnh phong trào …"), not the headline."""
    found: list[str] = []
    for paragraph in paragraphs[:15]:
        text = _REPEATED_LABEL.sub("", " ".join(paragraph.text.split()))
        if not text or _stamp(text):
            continue  # a post's stamp may stand between the headline and the lead
        if found and text.endswith(":") and _section_label(found[-1]):
            found.pop()  # "HÌNH THỨC TỔ CHỨC" above "Hội nghị diễn ra qua 3 giai đoạn:"
        if is_lead(text) or _body_begins(text):
            break
        if reads_as_headline(text):
            found.append(text)
            if len(found) == 2:
                break
    if len(found) == 2 and _section_label(found[0]) and not _capitals(found[1]):
        return found[1]
    return found[0] if found else None


def is_lead(text: str) -> bool:
    """A news lead, or the body's first sentence: it opens like one or runs too long."""
    words = sum(any(c.isalpha() for c in w) for w in text.split())
    if (words >= _TIMED_LEAD and _WHEN.match(text)) or (
        words >= _REPORTING_LEAD and _REPORTS.search(text)
    ):
        return True  # "UBND tỉnh vừa ban hành kế hoạch …", "Sáng 19/9, Sở … tổ chức …"
    return bool(_LEAD.match(text)) or words > _LONGEST or _cut_after_a_word(text)


def _cut_after_a_word(text: str) -> bool:
    """A sentence cut after its first word ("Trên, UBND thành phố giao …"); a byline's
    initials are not one ("KTBT, …")."""
    first = text.split(maxsplit=1)[0]
    word = first[:-1]
    return first.endswith(",") and word.isalpha() and not word.isupper()


def _body_begins(text: str) -> bool:
    """A sentence that introduces a list ("… như sau:"), or a numbered item or an hour's row
    of some length: the body's text, below any headline."""
    long = len(text.split()) > 6
    return long and (text.endswith(":") or bool(_NUMBERED.match(text)))


def reads_as_headline(text: str) -> bool:
    """A line of sentence words, not a piece of the site's furniture."""
    words = text.split()
    if len(words) < _SHORTEST or text.rstrip().endswith((":", "!")):
        return False  # a label ("Kính gửi:"), a section, a slogan ("… SẴN SÀNG!")
    return not (
        _SITE_WORDS.search(text)
        or _CAPTION.search(text)
        or _ITEM.match(text)
        or _stamp(text)
        or _DATED_ROW.search(text)
        or _OUTLET_NAME.match(text)
        or _title_case(words)
        or _foreign(text, words)
    )


def _stamp(text: str) -> bool:
    """A post's day and clock with at most a word or two beside them ("Thursday, 18/07/2024",
    "21/04/2024 lúc 14:37 (GMT+7)", "10 Tháng Mười Hai 2022")."""
    rest = [w for w in re.findall(r"[^\W\d_]+", text) if w.casefold() not in _STAMP_WORDS]
    return bool(_HAS_DAY.search(text)) and len(rest) <= 2


def _title_case(words: list[str]) -> bool:
    """Every word capitalised and not in capitals: a site's or a product's name ("Doanh
    Nhân Trẻ", "Top 3 # Xem Nhiều Nhất …"), which a Vietnamese headline never is."""
    letters = [w for w in words if w[:1].isalpha()]
    return (
        len(letters) >= 3
        and all(w[0].isupper() for w in letters)
        and not all(w.isupper() for w in letters)
    )


def _foreign(text: str, words: list[str]) -> bool:
    """A short line without one Vietnamese letter: a banner's or a button's label ("Image
    banner", "Office 2021 professional plus")."""
    return len(words) <= 5 and text.isascii()


def _capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) >= 0.8


def _section_label(text: str) -> bool:
    return _capitals(text) and len(text.split()) <= 6
