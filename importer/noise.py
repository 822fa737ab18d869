"""What in a copy is not the document's own text: page dates and time stamps of a news
page, photo captions, comment boxes and teasers of other articles, the national motto,
the distribution list ("Nơi nhận") and the signature block.

`split` keeps the body, where events are looked for, apart from the rest, which the header
reader still uses (the signer stands after "Nơi nhận"), and notes what it set aside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from importer.model import Note
from importer.text import Paragraph, plain, split_sentences
from translations import N_
from translations import gettext as _

_WEEKDAY = r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật)"
# a day in figures, its parts set off by one separator: "07/05/2022", "07-05-2022", "07.05.2022"
# (news sites write all three)
_FIGURES = r"(?P<d>\d{1,2})(?P<s>[/.-])(?P<m>\d{1,2})(?P=s)(?P<y>\d{4})"
# "Thứ bảy - 07/05/2022 05:48", "Thứ Hai, 12/3/2036 | 08:15": the weekday set off by a comma,
# a dash or a bar; the clock may stand in brackets, "28/12/2021 [14:30:03 (GMT+7)]"; a page
# that lists its stamps as bullets ("• Thứ tư, 21/1/2036 19:59 (GMT+7)") keeps the bullet
_BULLET = r"(?:[•·]\s*)?"
_PAGE_DATE = re.compile(
    rf"^\s*{_BULLET}(?:{_WEEKDAY}\s*[,|–-]?\s*)?(?:ngày\s+)?{_FIGURES}"
    r"\s*(?:[-,|\[(]\s*)?(?:\d{1,2}:\d{2}|\d{1,2}h\d{2})",
    re.I,
)
# a news page's stamp with the time first, on a line of its own near the top: "09:47,
# 15/03/2021", "- 06:58, 22/11/2022" (lower down such a line may be a schedule's cell)
_TIME_FIRST = re.compile(
    r"^\s*[-–]?\s*\d{1,2}:\d{2}\s*,\s*" + _FIGURES + r"\s*(?:[(\[]\s*GMT\s*\+\s*7\s*[)\]])?\s*$",
    re.I,
)
# the same written in words with its clock: "Thứ ba, ngày 28 tháng 12 năm 2021 [14:30:03 (GMT+7)]"
_PAGE_DATE_WORDS = re.compile(
    rf"^\s*{_WEEKDAY}\s*[,|–-]?\s*(?:ngày\s+)?(?P<d>\d{{1,2}})\s+tháng\s+(?P<m>\d{{1,2}})\s*,?\s*"
    r"(?:năm\s+)?(?P<y>\d{4})\s*[\[(|,-]?\s*\d{1,2}:\d{2}",
    re.I,
)
_WEEKDAY_DATE = re.compile(rf"^\s*{_BULLET}{_WEEKDAY}\s*,\s*{_FIGURES}", re.I)
# "Cập nhật: 15:08 …", "Cập nhật lúc …", not a task that starts with the verb ("Cập nhật cơ sở dữ
# liệu cán bộ: chậm nhất ngày 30/4")
_STAMP = re.compile(
    r"^\s*(?:cập\s+nhật(?=\s*(?:[^\w\s]|\d|lúc\b|ngày\b|lần\b|vào\b|$))|ngày\s+đăng|đăng\s+lúc|đăng\s+ngày|ngày\s+cập\s+nhật|xuất\s+bản|"
    r"ngày\s+xuất\s+bản|published|updated)\b",
    re.I,
)
# a stamp inside a short line of the page's furniture: "Chuyên mục: Thông báo Được đăng ngày Thứ
# năm, 20 Tháng 7 2017", "Tin đăng lúc 08:15 ngày 03/4/2036"
_STAMP_INSIDE = re.compile(
    r"\b(?:(?:được\s+)?đăng\s+(?:ngày|lúc|vào)|ngày\s+đăng|cập\s+nhật\s+(?:ngày|lúc))\b", re.I
)
_CAPTION = re.compile(r"(?:^|[.!?]\s+)(?:Ảnh|Nguồn ảnh|Ảnh minh họa|Ảnh minh hoạ)\s*:", re.I)
_TRAILER = {
    "binh luan",
    "y kien ban doc",
    "viet binh luan",
    "gui binh luan",
    "tin lien quan",
    "bai viet lien quan",
    "tin cung chuyen muc",
    "cac tin khac",
    "tin khac",
    "xem them",
    "bai lien quan",
    "doc them",
    "tin moi nhat",
    "chia se",
    "tin moi",
    "tin da dang",
    "tin da dua",
    "tin bai khac",
    "tin tuc khac",
    "bai viet khac",
    "bai khac",
    "tin noi bat",
    "tin xem nhieu",
    "tin doc nhieu",
    "cung chuyen muc",
    "tin cu hon",
    "tin truoc",
    "xem nhieu",
    "doc nhieu",
    "xem nhieu nhat",
    "doc nhieu nhat",
    "tin xem nhieu nhat",
    "tin doc nhieu nhat",
    "tin duoc quan tam",
    "duoc quan tam",
    "tin tuc lien quan",
    "bai doc nhieu",
}
_MOTTO = re.compile(
    r"^(?:CỘNG\s+HÒA|CỘNG\s+HOÀ|Độc\s+lập\s*-\s*Tự\s+do|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM$)", re.I
)
# a link to another article inside the text: ">> Hội thi … ngày 20/3", "Xem thêm: …"
_LINK_LINE = re.compile(
    r"^\s*(?:>>|»)|^\s*(?:Xem\s+thêm|Đọc\s+thêm|Tin\s+liên\s+quan|"
    r"Bài\s+liên\s+quan|Xem\s+tiếp|Mời\s+xem)\s*[:>»]",
    re.I,
)
_DISTRIBUTION = re.compile(r"^\s*Nơi\s+nhận\s*:?", re.I)

PAGE_DATE = N_("page date “%(text)s” is not an event")
# "Hôm nay, ngày 22 tháng 1 năm 2019", "Hôm nay: Thứ Ba, 22/01/2019": a site's clock, showing
# the day the page was seen, neither the document's date nor the post's
TODAY = re.compile(
    rf"^\s*hôm\s+nay\s*(?:là\s+)?[,:]?\s*(?:{_WEEKDAY}\s*[,:-]?\s*)?(?:ngày\s+)?\d{{1,2}}"
    r"(?:\s+tháng\s+|\s*/\s*)\d{1,2}(?:\s*,?\s*năm\s+|\s*/\s*)\d{4}[\s.]*$",
    re.I,
)
# a portal's top bar: the weekday and the day in words, alone on the copy's first line, with no
# time ("Thứ năm, ngày 28 tháng 3 năm 2024"): the clock too (a document's dating line names its
# place, not its weekday; a post's stamp has its time; a schedule's day heads its rows lower down)
_TOP_BAR_CLOCK = re.compile(
    rf"^\s*{_WEEKDAY}\s*[,:-]\s*ngày\s+\d{{1,2}}\s+tháng\s+\d{{1,2}}\s*,?\s*năm\s+\d{{4}}[\s.]*$",
    re.I,
)


# an entry of a day's schedule: an hour, then a "Nội dung:" label ("9 giờ 00: Nội dung: Họp …")
LABELLED_ENTRY = re.compile(
    r"^\s*(?:[-–+•*]\s*)?\(?\d{1,2}\s*(?:giờ|h|g)\s*\d{0,2}\s*(?:phút|[’'])?\s*\)?\s*[:,-]?\s*"
    r"Nội\s+dung\s*:\s*",
    re.I,
)


def _heads_entries(paragraphs: list[Paragraph], at: int) -> bool:
    """A day's schedule page heads its entries with the clock's own words ("Hôm nay: ngày 14 /
    3 / 2036"): with a labelled entry right under it, the line is the entries' day."""
    return at + 1 < len(paragraphs) and bool(LABELLED_ENTRY.match(paragraphs[at + 1].text))


@dataclass
class Parts:
    body: list[Paragraph]
    tail: list[Paragraph]  # distribution list, signature
    notes: list[Note] = field(default_factory=list)
    published: date | None = None
    published_month: tuple[int, int] | None = None  # a stamp that gives only a month: (year, month)
    posted: date | None = None  # a stamp that says so ("Cập nhật", "Ngày đăng"): the post's day


# a stored copy's own stamp before the text: "date 2025-08-20 Nhân kỷ niệm …"
_COPY_STAMP = re.compile(r"^date\s+(\d{4})-(\d{2})(?:-(\d{2}))?\s+")


def split(paragraphs: list[Paragraph]) -> Parts:
    """The body (where events are), the tail, and notes about what was set aside."""
    parts = Parts(body=[], tail=[])
    if paragraphs:
        paragraphs = [_without_copy_stamp(paragraphs[0], parts), *paragraphs[1:]]
    teasers = _teasers(paragraphs)
    for i, paragraph in enumerate(paragraphs):
        if i in teasers or (_LINK_LINE.match(paragraph.text) and len(paragraph.text) < 250):
            teaser = _("“%(text)s” is a teaser of another article", text=paragraph.text)
            parts.notes.append(Note(teaser, paragraph.line))
            continue
        text = paragraph.text
        if _DISTRIBUTION.match(text):
            parts.tail = paragraphs[i:]
            break
        if plain(text).strip() in _TRAILER and i > len(paragraphs) // 3:
            parts.notes.append(
                Note(
                    _("text after “%(text)s” (comments, other articles) is not read", text=text),
                    paragraph.line,
                )
            )
            break
        if _page_date(paragraph, parts) or (i < 5 and _bare_date(paragraph, parts)):
            continue
        if i < 8 and _time_first(paragraph, parts):
            continue
        clock = TODAY.match(text) or (i == 0 and _TOP_BAR_CLOCK.match(text))
        # the site's clock: the day the page was seen (unless it heads a day's entries)
        if clock and len(text) < 80 and not _heads_entries(paragraphs, i):
            parts.notes.append(Note(_(PAGE_DATE, text=text), paragraph.line))
            continue
        if _STAMP.match(text) or (_STAMP_INSIDE.search(text) and _stamped_date(text)):
            _stamped(paragraph, parts)
            continue
        if _MOTTO.match(text):
            continue
        if _CAPTION.search(text) and len(text) < 200:
            continue
        parts.body.append(paragraph)
    return parts


def _page_date(paragraph: Paragraph, parts: Parts) -> bool:
    text = paragraph.text
    match = _PAGE_DATE.match(text) or _WEEKDAY_DATE.match(text) or _PAGE_DATE_WORDS.match(text)
    if not match or len(text) > 80:
        return False
    day, month, year = int(match["d"]), int(match["m"]), int(match["y"])
    try:
        seen = date(year, month, day)
    except ValueError:
        return False
    parts.published = parts.published if parts.published and parts.published < seen else seen
    parts.notes.append(Note(_(PAGE_DATE, text=paragraph.text), paragraph.line))
    return True


def _time_first(paragraph: Paragraph, parts: Parts) -> bool:
    match = _TIME_FIRST.match(paragraph.text)
    if not match or not _seen(parts, int(match["d"]), int(match["m"]), int(match["y"])):
        return False
    parts.notes.append(Note(_(PAGE_DATE, text=paragraph.text), paragraph.line))
    return True


# a line that is a full date and nothing else, under a page's headline: the post's date
_BARE_DATE = re.compile(r"^\s*\(?\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*\)?\s*$")


def _bare_date(paragraph: Paragraph, parts: Parts) -> bool:
    match = _BARE_DATE.match(paragraph.text)
    if not match or not _seen(parts, int(match[1]), int(match[2]), int(match[3])):
        return False
    parts.notes.append(Note(_(PAGE_DATE, text=paragraph.text), paragraph.line))
    return True


def _seen(parts: Parts, day: int, month: int, year: int) -> bool:
    """The page's date: the earliest one its stamps give."""
    try:
        seen = date(year, month, day)
    except ValueError:
        return False
    parts.published = parts.published if parts.published and parts.published < seen else seen
    return True


def _stamped(paragraph: Paragraph, parts: Parts) -> None:
    """ "Cập nhật, 15:08, Thứ Năm, 22/04/2021 (GMT+7)": a stamp line dates the page."""
    found = _stamped_date(paragraph.text)
    if found and _seen(parts, *found):
        day, month, year = found
        parts.posted = parts.posted or date(year, month, day)


# a stamp's day in figures: "22/04/2021", "22-04-2021", "22.04.2021", spaced as some content
# systems print it ("Đăng ngày 28 - 08 - 2015")
_STAMP_DATE = re.compile(
    r"(?<![\d/.-])(?P<d>\d{1,2})\s?(?P<s>[/.-])\s?(?P<m>\d{1,2})\s?(?P=s)\s?(?P<y>\d{4})(?![\d/.-])"
)
# a content system's words for the day: "Thứ năm, 20 Tháng 7 2017", "20 tháng 7, 2017"
_WORDS_DATE = re.compile(
    r"(?<!\d)(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s*,?\s*(?:năm\s+)?(?P<y>\d{4})(?!\d)", re.I
)


def _stamped_date(text: str) -> tuple[int, int, int] | None:
    """The (day, month, year) a short stamp line gives, in figures or in words."""
    if len(text) > 100:
        return None
    match = _STAMP_DATE.search(text) or _WORDS_DATE.search(text)
    return (int(match["d"]), int(match["m"]), int(match["y"])) if match else None


def _without_copy_stamp(paragraph: Paragraph, parts: Parts) -> Paragraph:
    """The first paragraph with a stored copy's "date 2025-08-20 " blanked (offsets kept); the
    date is the page's."""
    match = _COPY_STAMP.match(paragraph.text)
    if match is None:
        return paragraph
    year, month = int(match[1]), int(match[2])
    if match[3] is None:
        if not 1 <= month <= 12:
            return paragraph
        parts.published_month = (year, month)
    elif not _seen(parts, int(match[3]), month, year):
        return paragraph
    parts.notes.append(Note(_(PAGE_DATE, text=match.group().strip()), paragraph.line))
    blanked = Paragraph(" " * match.end() + paragraph.text[match.end() :], paragraph.line)
    blanked.index = paragraph.index
    blanked.sentences = split_sentences(blanked)
    return blanked


# a headline with its date after it, as lists of other articles give them: "Hội nghị tổng kết
# công tác thi đua năm 2035 (15/01/2036)", "Tọa đàm … - 03/02/2036"
_HEADLINE = re.compile(
    r"^.{10,200}?(?:\(\s*\d{1,2}/\d{1,2}/\d{4}\s*\)|(?<![\d/])\s[-–|]\s*\d{1,2}/\d{1,2}/\d{4})$"
)  # (a range's last day, "01/6/2036 - 10/6/2036", is no headline's date)


# or the date first: "14/12/2036 - Khai mạc Hội thi văn nghệ", "05/12/2036 | Lễ phát động …" (a
# colon would be a timeline's item, a date after the dash a range)
_DATE_FIRST = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}\s*[-–|]\s*(?!\d)\S.{8,200}$")


def _teasers(paragraphs: list[Paragraph]) -> set[int]:
    """Runs of two or more headlines in a row: links to other articles, not the text."""
    found: set[int] = set()
    run: list[int] = []
    for i, paragraph in enumerate([*paragraphs, None]):
        text = paragraph.text.strip(" .") if paragraph is not None else ""
        if paragraph is not None and (_HEADLINE.match(text) or _DATE_FIRST.match(text)):
            run.append(i)
            continue
        if len(run) >= 2:
            found.update(run)
        run = []
    return found
