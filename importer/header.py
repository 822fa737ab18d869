"""The document's header and frame: kind, number, date and place, issuer, signer, title,
theme (chủ đề), year, the office that follows up, and whom it addresses.

An administrative document (Decree 30/2020/NĐ-CP) opens with the issuing body in capitals,
"Số: 02/CT-UBND", "Hưng Yên, ngày 06 tháng 3 năm 2024", its kind ("CHỈ THỊ") and what it is
about ("Về việc …"), and closes with the signer's title and name. Copies lose parts of this
(a blank day, a number left out, the issuer's lines dropped, a news article instead of the
text), so each item has fallbacks in the body: "UBND huyện Tam Nông phát động…", "UBND
tỉnh Lai Châu vừa ban hành Chỉ thị số 477/CT-UBND…".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from itertools import takewhile

from importer import names, noise
from importer.headline import headline
from importer.model import DocumentInfo
from importer.text import Paragraph, sentence_case

KINDS = (
    "Kế hoạch",
    "Chỉ thị",
    "Chương trình",
    "Hướng dẫn",
    "Công văn",
    "Thông báo",
    "Quyết định",
    "Nghị quyết",
    "Kết luận",
    "Phương án",
    "Đề án",
    "Thông tri",
    "Công điện",
    "Báo cáo",
    "Tờ trình",
)
_NUMBER_KINDS = {
    "KH": "Kế hoạch",
    "CT": "Chỉ thị",
    "CTR": "Chương trình",
    "HD": "Hướng dẫn",
    "HĐ": "Hướng dẫn",
    "TB": "Thông báo",
    "QĐ": "Quyết định",
    "QD": "Quyết định",
    "NQ": "Nghị quyết",
    "KL": "Kết luận",
    "PA": "Phương án",
    "ĐA": "Đề án",
    "CĐ": "Công điện",
    "TT": "Thông tri",
    "BC": "Báo cáo",
    "TTR": "Tờ trình",
}
_KIND_ALT = "|".join(k.replace(" ", r"\s+") for k in KINDS)
_NUMBER_TEXT = r"(?P<n>[^\s,;]*(?:\s*[/–-]\s*[^\s,;]+)*)"
_NUMBER = re.compile(rf"^\s*Số\s*[:.]?\s*{_NUMBER_TEXT}", re.I)
# within a line of the heading ("… ngày 08 tháng 11 năm 2021 Số: 10-KH/LĐ"), or a legal
# site's "Số hiệu 1/KH-HĐTĐKT": the colon or "hiệu" tells it from a cited "số"
_NUMBER_WITHIN = re.compile(rf"(?<!\S)Số\s*(?::|\s+hiệu\b)\s*{_NUMBER_TEXT}")
_PLACE_DATE = re.compile(
    r"(?:(?P<place>[A-ZĐ][^,\d]{1,40}),\s*)?ngày\s*(?P<d>\d{1,2})?\s*(?:/|tháng)\s*"
    r"(?P<m>\d{1,2})?\s*(?:/|năm)\s*(?P<y>\d{4})",
    re.I,
)
# a document a news page reports ("vừa ban hành Kế hoạch số 38/KH-UBND", "vừa có Văn bản số
# 235/TĐKT-HCTH", "phát hành Hướng dẫn 165-HD/BTGTW"), or one its title opens with ("Công văn
# số 2498/UBND-VHTT ngày 15/8/2021 …", "Điều 22 Thông tư 57/2020/TT-BQP …")
_NEWS_KINDS = rf"{_KIND_ALT}|Văn\s+bản|Thông\s+tư"
# after "số" any number ("Kế hoạch số 01"); without it one with its code ("Hướng dẫn 165-HD/…")
_DOC_NUMBER = r"(?:số\s+|(?=\d+[\w.]*[/-]))(?P<n>\d+[\w./-]*)"
_NEWS_DOC = re.compile(
    rf"(?:ban\s+hành|ký|phát\s+động\s+bằng|phát\s+hành|(?:vừa|đã)\s+có)\s+"
    rf"(?P<kind>{_NEWS_KINDS})\s+{_DOC_NUMBER}",
    re.I,
)
_TITLE_DOC = re.compile(rf"^\s*(?:Điều\s+\d+\s+)?(?P<kind>{_NEWS_KINDS})\s+{_DOC_NUMBER}", re.I)
_LEVELS = r"tỉnh|thành\s+phố|huyện|thị\s+xã|quận|xã|phường|thị\s+trấn"
_LEVELS_UPPER = r"TỈNH|THÀNH\s+PHỐ|HUYỆN|THỊ\s+XÃ|QUẬN|XÃ|PHƯỜNG|THỊ\s+TRẤN"  # not .upper(): \s
_PROPER = r"[A-ZĐ][\wÀ-ỹ]*(?:\s+[A-ZĐ][\wÀ-ỹ]*){0,3}"
# what a news page says a body did with a document: "vừa ban hành Kế hoạch", "đã ký Quyết
# định", "phát hành Hướng dẫn", "vừa có Văn bản số …", "thông báo:"
_ACTS = (
    r"(?:đã\s+|vừa\s+|mới\s+|chính\s+thức\s+)*(?:ban\s+hành|phát\s+hành|phát\s+động|(?<!đăng\s)ký|"
    r"có\s+(?i:công\s+văn|văn\s+bản|thông\s+báo|kế\s+hoạch|hướng\s+dẫn|chỉ\s+thị)|"
    r"thông\s+báo\s*:|(?:xây\s+dựng|đề\s+ra)\s+(?i:kế\s+hoạch))"
)
# the committee says what it does ("Ủy Ban nhân dân xã Tây Sơn thông báo lịch …", "UBND TP Hồ
# Chí Minh vừa triển khai kế hoạch …")
_ISSUER_ACTS = re.compile(
    rf"(?P<body>UBND|(?i:ủy|uỷ)\s+(?i:ban\s+nhân\s+dân))\s+(?P<level>{_LEVELS}|TP\.?)\s+"
    rf"(?P<name>{_PROPER})\s+(?:{_ACTS}|(?:vừa\s+|đã\s+)?(?:thông\s+báo|triển\s+khai)\b)",
)
# a news page names the committee by its place ("…, huyện Tân Lập đã ban hành Kế hoạch …")
_PLACE_ACTS = re.compile(
    rf"(?:^|[,.;:]\s+)(?P<level>{_LEVELS})\s+(?P<name>{_PROPER})\s+(?:đã\s+|vừa\s+)+"
    rf"ban\s+hành\s+(?i:{_KIND_ALT})\b"
)
# a body's name in running text: its kind, then words up to the verb ("Ban Tuyên giáo Trung
# ương", "Bộ Văn hóa, Thể thao và Du lịch", "Quận ủy Đống Đa"); a minister stands for the
# ministry ("Bộ trưởng Bộ Tư pháp", "Bộ trưởng Tư pháp")
# (not a conference, a contest or a show, "Hội nghị", "Hội thi", "Hội diễn"; not a site's editors
# or an event's organisers, "Ban Biên tập", "Ban Tổ chức"; "Trường" a school's, not a place's)
_ORG_KINDS = (
    r"Sở|Bộ(?!\s+trưởng)|Ban(?!\s+(?:Biên\s+tập|Tổ\s+chức)\b)|Hội\s+đồng|Phòng|Cục|Tổng\s+cục|"
    r"Trường(?=\s+(?:Đại|Cao|Trung|Tiểu|Mầm|THCS|THPT|TH|MN|PT|Phổ|Chính|Quân|Sĩ)\b)|"
    r"Đại\s+học|Học\s+viện|Liên\s+đoàn|Công\s+đoàn|Tỉnh\s+đoàn|Thành\s+đoàn|"
    r"Hội(?!\s+(?:nghị|thi|diễn|thảo|khỏe|khoẻ|chợ|trại|giảng|báo|xuân|làng|cũng|đua)\b)|"
    r"Đoàn|HĐND|Liên\s+đội|BCH|"
    r"(?:Quận|Huyện|Tỉnh|Thành|Thị|Đảng)\s+ủy|Thủ\s+tướng\s+Chính\s+phủ"
)
# words that start the verb after a name, not the name ("… hướng dẫn", "… đã ký")
_NOT_NAME = (
    r"đã|vừa|mới|chính|ban\s+hành|phát|ký|có|thông\s+báo|tổ|do|về|tại|"
    r"hướng|đăng|yêu|đề|triển|tiếp|xây|thực|phối|long|chủ\s+trì|khai\s+mạc|tiến\s+hành|trao|"
    r"cùng|họp|giao|nhằm|cũng|đang|sẽ|kiểm\s+tra|tổng\s+kết|sơ\s+kết"
)
# a word of the name ("Thi đua-Khen thưởng" with its dash), or its parent in parentheses
# ("Ban Thi đua - Khen thưởng Trung ương (Bộ Nội vụ)"), not an abbreviation's ("(GD-ĐT)")
_NAME_WORD = (
    rf"(?:,\s+[A-ZĐ]|\s+(?!(?:{_NOT_NAME})\b))[\wÀ-ỹ&]+(?:-[\wÀ-ỹ&]+)*"
    rf"|\s+\((?:{_ORG_KINDS})\s[^()]{{2,40}}\)"
)
_MINISTER = r"(?:Bộ\s+trưởng|Thứ\s+trưởng)\s+(?:Bộ\s+)?"
_ORG_ACTS = re.compile(
    rf"(?:(?P<minister>{_MINISTER})(?P<ministry>[A-ZĐ][\wÀ-ỹ]*(?:{_NAME_WORD}){{0,6}})|"
    rf"(?P<org>(?:{_ORG_KINDS})(?:{_NAME_WORD}|\s+-\s+[A-ZĐ][\wÀ-ỹ]*){{1,10}}))\s+{_ACTS}",
)
# a news lead's organiser: "Sáng 10/12, Ban Chấp hành Hội Nông dân Việt Nam đã tổ chức họp
# báo …", "Chiều 04/10, Ủy ban nhân dân huyện Tân Lập tổ chức …"
_LEAD_ORGANISER = re.compile(
    rf"(?:^|,\s+)(?P<org>(?:{_ORG_KINDS}|UBND|(?:Ủy|Uỷ)\s+ban\s+nhân\s+dân)"
    rf"(?:{_NAME_WORD}|\s+-\s+[A-ZĐ][\wÀ-ỹ]*){{1,10}})\s+(?:đã\s+|sẽ\s+|long\s+trọng\s+|trọng\s+thể\s+)*tổ\s+chức\b"
)
# a news headline that names the body first: "Bộ Tư pháp: Phát động thi đua …"
_HEADLINE_ORG = re.compile(
    rf"^(?P<org>(?:{_ORG_KINDS})(?:{_NAME_WORD}|\s+-\s+[A-ZĐ][\wÀ-ỹ]*){{1,10}})\s*:\s+[A-ZĐ]"
)
_SIGNER_TITLE = re.compile(
    r"\b(?:CHỦ\s+TỊCH|GIÁM\s+ĐỐC|HIỆU\s+TRƯỞNG|TRƯỞNG\s+BAN|BỘ\s+TRƯỞNG|THỨ\s+TRƯỞNG|"
    r"CHÁNH\s+VĂN\s+PHÒNG|BÍ\s+THƯ|TRƯỞNG\s+PHÒNG|CỤC\s+TRƯỞNG|VIỆN\s+TRƯỞNG|TỔNG\s+GIÁM\s+ĐỐC|"
    r"PHÓ\s+[A-ZĐ ]+|KT\.|TM\.|TL\.|Q\.)",
)
_NOT_NAME_WORDS = {"Nơi", "Lưu", "Sở", "Ban", "Ủy", "Uỷ", "Phòng", "Hội", "Các", "Thường", "Trang"}


def read_header(all_paragraphs: list[Paragraph], body: list[Paragraph]) -> DocumentInfo:
    info = DocumentInfo()
    head = all_paragraphs[:20]
    block = _heading_block(all_paragraphs[:40])
    # the number is looked for down to a few lines below the motto
    top = all_paragraphs[: max(20, block.motto + 8)] if block else head
    _number_and_kind(info, head, body, top)
    _place_and_date(info, head)
    info.issuer = _issuer(head, body, info, block)
    info.signer, info.signer_title = _signer(all_paragraphs)
    info.title = _title(head, body, info)
    info.theme = _theme(body)
    return info


# --- kind and number -------------------------------------------------------------------


def _number_and_kind(
    info: DocumentInfo, head: list[Paragraph], body: list[Paragraph], top: list[Paragraph]
) -> None:
    written = _written_number(top)
    if written is not None:
        number = re.sub(r"\s+", "", written).replace("–", "-").strip(".")
        info.kind = _kind_of_number(number)
        if number.startswith(("/", "-")):
            info.number_blank = True
        else:
            info.number = number
    heading = _kind_heading(head)
    if heading:
        info.kind = heading[0]
    if info.number is None and not info.number_blank:
        for i, paragraph in enumerate(body[:12]):
            match = _NEWS_DOC.search(paragraph.text) or (
                _TITLE_DOC.match(paragraph.text) if i < 3 else None
            )
            if match:
                info.kind = info.kind or _news_kind(match["kind"])
                info.number = match["n"].rstrip(".,")
                if info.date is None:
                    info.date = _reported_document_day(paragraph.text, match)
                    info.date_reported = info.date is not None
                break
    if info.kind is None and any(
        re.match(r"^\s*(?:V/v|Về\s+việc|Kính\s+gửi)", p.text, re.I) for p in head
    ):
        info.kind = "Công văn"


# a full day in figures or in words ("4/11/2025", "4 tháng 11 năm 2025"): day, month, year in order
_FULL_DAY = r"(?P<when>\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s*,?\s*năm\s+\d{4})"
_DAY_AFTER_NUMBER = re.compile(
    rf"\s*(?:của\s+[^,.;]{{0,40}}?\s+)?(?:ngày|,\s*ngày)\s+{_FULL_DAY}", re.I
)
_DAY_OPENING = re.compile(rf"(?:^|[.;]\s+|,\s*)(?-i:[Nn])gày\s+{_FULL_DAY}\s*,", re.I)


def _reported_document_day(text: str, match: re.Match[str]) -> date | None:
    """The day of the document a news page reports: "Quyết định số 2437/QĐ-TTg ngày 4/11/2025"
    (or "ngày 4 tháng 11 năm 2025"), or "Ngày 13-8-2018, Bộ trưởng … đã ký Quyết định số
    2186/QĐ-BTP" (its own sentence)."""
    after = _DAY_AFTER_NUMBER.match(text, match.end())
    found = after
    if found is None:
        openings = list(_DAY_OPENING.finditer(text, 0, match.start()))
        if openings and not re.search(r"[.;]\s", text[openings[-1].end() : match.start()]):
            found = openings[-1]
    if found is None:
        return None
    day, month, year = (int(n) for n in re.findall(r"\d+", found["when"]))
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _written_number(paragraphs: list[Paragraph]) -> str | None:
    """The number the heading writes ("Số: 02/CT-UBND"), opening a line, within one, or on
    the line after a bare "Số:"."""
    for i, paragraph in enumerate(paragraphs):
        text = _plain(paragraph.text)
        if re.fullmatch(r"Số\s*[:.]?", text, re.I) and i + 1 < len(paragraphs):
            text = "Số: " + _plain(paragraphs[i + 1].text)  # "Số:" / "06/2024/QĐ-UBND"
        for match in (_NUMBER.match(text), *_NUMBER_WITHIN.finditer(text)):
            if match and "/" in match["n"]:
                return match["n"]
    return None


def _kind_of_number(number: str) -> str:
    """ "02/CT-UBND" → Chỉ thị; a number without a kind code ("/UBND-TH2") is a letter."""
    after = number.split("/", 1)[1] if "/" in number else ""
    code = re.split(r"[-/]", after)[0].upper() if after else ""
    return _NUMBER_KINDS.get(code, "Công văn")


def _news_kind(text: str) -> str | None:
    """A reported document's kind; "Văn bản" is a letter, a "Thông tư" no kind of ours."""
    key = " ".join(text.split()).casefold()
    if key == "văn bản":
        return "Công văn"
    return _canonical_kind(text) if key != "thông tư" else None


def _canonical_kind(text: str) -> str:
    key = " ".join(text.split()).casefold()
    return next((k for k in KINDS if k.casefold() == key), sentence_case(key))


def opens_as_document(paragraphs: list[Paragraph]) -> bool:
    """The text opens with a document's kind as its heading ("KẾ HOẠCH", "THÔNG BÁO …")."""
    return _kind_heading(paragraphs[:20]) is not None


_GOES_ON = re.compile(r"(?:này|số|được|của|đã|sẽ|và|nêu|trên|đó|cũng|là)\b", re.I)


def _kind_heading(head: list[Paragraph]) -> tuple[str, str] | None:
    """ "KẾ HOẠCH Phát động …" → (Kế hoạch, "Phát động …"); "CHỈ THỊ" → (Chỉ thị, "")."""
    for paragraph in head:
        text = paragraph.text.strip()
        for kind in KINDS:
            upper = kind.upper()
            if text.startswith(upper) and (len(text) == len(upper) or text[len(upper)] == " "):
                rest = text[len(upper) :].strip()
                # "CHỈ THỊ về tổ chức Tết …" (the kind and its title run together) names the
                # title as well as "KẾ HOẠCH Phát động …"; "KẾ HOẠCH này …" goes on a sentence
                if not rest or rest[0].isupper() or not _GOES_ON.match(rest):
                    return kind, re.sub(r"^(?:về\s+việc|về|v/v)\s+", "", rest, flags=re.I)
    return None


# --- place and date --------------------------------------------------------------------


# an hour or a weekday before the day: when something is held, not where a document was signed
_WHEN_HELD = re.compile(
    r"\d{1,2}\s*(?:giờ|h|g)\s*\d{0,2}\b|\b(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật)\s*,",
    re.I,
)


def _place_and_date(info: DocumentInfo, head: list[Paragraph]) -> None:
    for paragraph in head:
        match = _PLACE_DATE.search(paragraph.text)
        if not match or len(paragraph.text) > 90 or noise.TODAY.match(paragraph.text):
            continue  # too long for a dating line, or the site's clock ("Hôm nay, ngày …")
        if not match["place"] and len(match.group()) < len(paragraph.text.strip(" .")) - 2:
            continue  # "Từ ngày 01/01/2023 đến …" is not the document's date
        if _WHEN_HELD.search(paragraph.text[: match.end()]):
            continue  # "CSĐT Hà Nội: 9h00 sáng thứ Ba, ngày 26/9/2023": a meeting's day
        info.place = match["place"].strip() if match["place"] else None
        year = int(match["y"])
        info.year = year
        if match["d"] and match["m"]:
            try:
                info.date = date(year, int(match["m"]), int(match["d"]))
            except ValueError:
                info.date_written = match.group().strip()
        else:
            info.date_written = match.group().strip()
        return


# --- the heading block -------------------------------------------------------------------

# The national motto (or the Party's) stands beside the issuing body's lines: "ỦY BAN NHÂN
# DÂN / TỈNH KON TUM | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM". Copies break it anywhere
# ("CỘNG" / "HÒA XÃ HỘI …", "CỘNG HÒA XÃ" / "HỘI CHỦ NGHĨA …") or run both columns together.
_MOTTO = re.compile(
    r"CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\b|^CỘNG$|^H(?:ÒA|OÀ)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA"
    r"|^ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM$"
)
_INDEPENDENCE = re.compile(r"Độc\s+lập\b", re.I)
_TAGS = re.compile(r"<[^>]{0,80}>")
# where the body's lines stop within a paragraph: its number, its subject line
_AFTER_BODY = re.compile(r"\bSố\b|\bV/v\b|\bVề\s+việc\b", re.I)
# the words an issuing body's name opens with ("SỞ …", "LIÊN ĐỘI …", "HUYỆN ỦY …")
_BODY_WORDS = (
    r"UBND|HĐND|(?:ỦY|UỶ)\s+BAN|SỞ|BỘ|BAN|BCH|BCĐ|HỘI|PHÒNG|TRƯỜNG|ĐOÀN|LIÊN\s+ĐỘI|ĐỘI|ĐẢNG"
    r"|CHI\s+CỤC|CỤC|TỔNG\s+CỤC|TRUNG\s+TÂM|VĂN\s+PHÒNG|THANH\s+TRA|CÔNG\s+AN|MẶT\s+TRẬN"
    r"|(?:HUYỆN|TỈNH|THÀNH|QUẬN|THỊ|XÃ|PHƯỜNG)\s+(?:ỦY|UỶ|ĐOÀN)|THỦ\s+TƯỚNG|CHÍNH\s+PHỦ"
    r"|QUỐC\s+HỘI|VIỆN|ĐẠI\s+HỌC|HỌC\s+VIỆN|LIÊN\s+ĐOÀN|CÔNG\s+ĐOÀN|KHỐI|TẬP\s+ĐOÀN|CÔNG\s+TY"
    r"|NGÂN\s+HÀNG|BỆNH\s+VIỆN"
)
_OPENS_BODY = re.compile(rf"^(?:{_BODY_WORDS})\b")
# a body named again in the same line ("UBND TỈNH SƠN LA SỞ GIÁO DỤC VÀ ĐÀO TẠO")
_NEXT_BODY = re.compile(
    r"\s(?=(?:UBND|(?:ỦY|UỶ)\s+BAN\s+NHÂN\s+DÂN|SỞ|(?<!CÁN\s)BỘ|(?<!VĂN\s)PHÒNG|ĐỘI\s+TNTP"
    r"|LIÊN\s+ĐỘI|HỘI\s+ĐỒNG)\b)"
)


@dataclass
class HeadingBlock:
    """The issuing body's lines beside the motto, and where the block lies in the text."""

    lines: list[str]
    first: int  # the index (in the paragraphs read) of the block's first line
    motto: int  # the index of the motto's paragraph


def _heading_block(paragraphs: list[Paragraph]) -> HeadingBlock | None:
    """The first motto whose neighbouring capital lines name a body ("BỘ / TƯ PHÁP"); with no
    motto, the capital lines that name a body just above the number or the dating line."""
    for at, paragraph in enumerate(paragraphs):
        text = _plain(paragraph.text)
        motto = _MOTTO.search(text)
        if motto is None:
            continue
        lines = _lines_above(paragraphs, at)
        first = at - len(lines)
        before = _AFTER_BODY.split(text[: motto.start()], maxsplit=1)[0]
        if _mostly_capitals(before):
            lines.append(before.strip())
        lines += _beside_motto(text[motto.start() :], paragraphs[at + 1 : at + 3])
        bodies = _bodies(lines)
        if bodies and _OPENS_BODY.match(bodies[-1]):
            return HeadingBlock(bodies, max(0, first), at)
    return _block_without_motto(paragraphs)


def _block_without_motto(paragraphs: list[Paragraph]) -> HeadingBlock | None:
    """ "ĐỘI TNTP HỒ CHÍ MINH / LIÊN ĐỘI TIỂU HỌC AN PHÚ / Số: 27/KH-LĐ An Phú, ngày …": the
    lines above the number or the dating line, or before them in the same line."""
    for at, paragraph in enumerate(paragraphs):
        text = _plain(paragraph.text)
        number, dating = _NUMBER.match(text), _PLACE_DATE.search(text)
        if not number and not (dating and dating["place"]):
            continue
        lines = _lines_above(paragraphs, at)
        if dating and not number:
            # the capital words before the place ("… LIÊN ĐỘI TRƯỜNG THCS AN PHÚ An Phú, ngày")
            words = text[: dating.end("place")].split()
            capitals = list(takewhile(lambda w: not any(c.islower() for c in w), words))
            if _mostly_capitals(" ".join(capitals)):
                lines.append(" ".join(capitals))
        bodies = _bodies(lines)
        if bodies and _OPENS_BODY.match(bodies[-1]):
            return HeadingBlock(bodies, max(0, at - len(lines)), at)
        if number or dating:
            return None  # the first number or dating line is the heading's, if any is
    return None


def _plain(text: str) -> str:
    return " ".join(_TAGS.sub(" ", text).replace("|", " ").split())


def _mostly_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) / len(letters) >= 0.8


def _lines_above(paragraphs: list[Paragraph], at: int) -> list[str]:
    """The capital lines just above the motto (separators, the number and the dating line
    between them skipped), top first."""
    lines: list[str] = []
    for paragraph in reversed(paragraphs[max(0, at - 8) : at]):
        text = _plain(paragraph.text)
        if not any(c.isalpha() for c in text) or _NUMBER.match(text):
            continue
        # (one word is a line of its own here: "BỘ" / "TƯ PHÁP")
        if _PLACE_DATE.search(text) or _kind_heading([paragraph]) or _PHONE.search(text):
            break
        if not _mostly_capitals(text):
            break
        lines.insert(0, text)
        if len(lines) == 4:
            break
    return lines


def _beside_motto(rest: str, following: list[Paragraph]) -> list[str]:
    """The body's name written in the motto's column on the right ("CỘNG HÒA … VIỆT NAM
    SỞ GIÁO DỤC VÀ ĐÀO TẠO Độc lập …"), or on the next line before "Độc lập"; the motto
    itself may go on over the next line ("CỘNG HÒA XÃ HỘI" / "CHỦ NGHĨA VIỆT NAM")."""
    joined = " ".join([rest, *(_plain(p.text) for p in following)])
    end = re.search(r"VIỆT\s+NAM\b", joined)
    after = joined[end.end() :] if end else ""
    name = _AFTER_BODY.split(_INDEPENDENCE.split(after, maxsplit=1)[0], maxsplit=1)[0].strip()
    return [name] if name and _mostly_capitals(name) and len(name.split()) <= 12 else []


def _bodies(lines: list[str]) -> list[str]:
    """Each body named in the lines, parents first: a line that does not open with a body's
    word ("TƯ PHÁP" under "BỘ", "TỈNH KON TUM") goes on the one above it."""
    bodies: list[str] = []
    split = ""  # "ỦY" / "BAN NHÂN DÂN": a copy broke the committee's name after its first word
    for line in lines:
        for piece in _NEXT_BODY.split(line):
            part = f"{split} {piece.strip(' -–')}".strip()
            split = part if part in {"ỦY", "UỶ"} else ""
            if not part or split:
                continue
            if not _OPENS_BODY.match(part):
                if bodies:  # a title or a slogan above the body's lines is left out
                    bodies[-1] += " " + part
            else:
                bodies.append(part)
    return bodies


# --- issuer ------------------------------------------------------------------------------


def _issuer(
    head: list[Paragraph], body: list[Paragraph], info: DocumentInfo, block: HeadingBlock | None
) -> str | None:
    caps = _block_issuer(block.lines) if block else _capital_issuer(head)
    if caps == "UBND":  # a committee without its place is no issuer: the body may name it
        caps = _committee_in_full(head)
    if not caps and (schedule := _schedule_of(head[:3])):
        return schedule
    outlet = None
    if caps and _OUTLET.match(caps):
        outlet, caps = caps, None  # a news site's name: whose document it reports is below
    if caps:
        return caps
    for paragraph in body[:15]:
        match = _ISSUER_ACTS.search(paragraph.text) or _PLACE_ACTS.search(paragraph.text)
        if match and not _an_officials_name(paragraph.text, match):
            return f"UBND {_level(match['level'])} {match['name']}"
    if reported := _reported_body(body[:8]):
        return reported
    text = "\n".join(p.text for p in body)
    level = _committee_level(text)
    if level and info.place and re.fullmatch(_PROPER, info.place):  # not "KH-UBND: ninh Bình"
        return f"UBND {level} {info.place}"
    if level and outlet and (where := re.search(rf"\b{level}\s+({_PROPER})$", outlet)):
        return f"UBND {level} {where[1]}"  # "UBND tỉnh yêu cầu …" on the province's portal
    if level:
        name = _most_common_place(text, level)
        if name:
            return f"UBND {level} {name}"
    return None


def _reported_body(paragraphs: list[Paragraph]) -> str | None:
    """The body a news page reports on: the subject of "… vừa ban hành Kế hoạch", "… đã ký
    Quyết định", a headline's "Bộ Tư pháp: …", or the organiser its lead names."""
    for paragraph in paragraphs:
        if match := _ORG_ACTS.search(paragraph.text):
            if match["ministry"]:
                return "Bộ " + match["ministry"].strip()
            if name := _whole_name(match["org"]):
                return name
    for paragraph in paragraphs[:3]:
        if (match := _HEADLINE_ORG.match(paragraph.text)) and (name := _whole_name(match["org"])):
            return name
    for paragraph in paragraphs[:4]:
        match = _LEAD_ORGANISER.search(paragraph.text)
        if match and (name := _whole_name(match["org"])):
            return re.sub(r"^(?:Ủy|Uỷ)\s+ban\s+nhân\s+dân\b", "UBND", name)
    return None


def _an_officials_name(text: str, match: re.Match[str]) -> bool:
    """ "Chủ tịch UBND tỉnh Phạm Văn An đã ký": the words after the level are the official's
    name, not the province's."""
    official = bool(names.OFFICIAL.search(text[: match.start()]))
    return names.is_personal_name(match["name"], after_official=official)


_LEVEL_WORDS = {"tỉnh", "phố", "huyện", "xã", "quận", "phường", "trấn", "TP", "TP."}


def _place_ended(name: str) -> str:
    """A place's name ends where a word in lower case begins: "UBND tỉnh Hà Bắc long trọng"
    → "UBND tỉnh Hà Bắc"."""
    words = name.split()
    for i, word in enumerate(words[:-1]):
        if word in _LEVEL_WORDS and words[i + 1][:1].isupper():
            end = i + 1
            while end < len(words) and (words[end][:1].isupper() or words[end] in {"-", "–"}):
                end += 1
            return " ".join(words[:end])
    return name


def _whole_name(name: str) -> str | None:
    """The name as Decree 30/2020/NĐ-CP spaces it ("Thi đua-Khen thưởng" → "Thi đua - Khen
    thưởng"; an abbreviation's dash, "GD-ĐT", stays); none when it stops at a bare level ("Ủy
    ban MTTQ huyện": which district the text does not say here)."""
    name = names.without_person(name.strip())
    name = _place_ended(name)
    if not re.search(r"\s(?:[A-ZĐ]|\()", name):
        return None  # "Hội cũng đang …": a kind of body, no name
    name = re.sub(r"(?<=[a-zà-ỹđ])-(?=[A-ZĐ][a-zà-ỹ])", " - ", name)
    return None if re.search(rf"\b(?:{_LEVELS})$", name) else name


_OUTLET = re.compile(
    r"^(?:Cổng\s+thông\s+tin|Trang\s+thông\s+tin|Báo\s|Đài\s|Tạp\s+chí|Bản\s+tin)", re.I
)


def _level(text: str) -> str:
    level = " ".join(text.split()).lower()
    return "thành phố" if level.rstrip(".") == "tp" else level


def _committee_level(text: str) -> str | None:
    """ "Chủ tịch UBND tỉnh phát động", "Ủy ban nhân dân tỉnh yêu cầu": the issuing level."""
    found = re.findall(
        rf"(?:UBND|Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân)\s+({_LEVELS})\s+"
        r"(?:phát\s+động|yêu\s+cầu|ban\s+hành|trao|giao|đề\s+nghị|chỉ\s+thị|quyết\s+định|"
        r"xây\s+dựng\s+(?i:kế\s+hoạch))",
        text,
    )
    if not found:
        return None
    return _level(Counter(_level(f) for f in found).most_common(1)[0][0])


def _most_common_place(text: str, level: str) -> str | None:
    names = re.findall(rf"\b{level}\s+({_PROPER})", text)
    names = [n for n in names if n.split()[0] not in {"Ủy", "Uỷ", "UBND"}]
    return Counter(names).most_common(1)[0][0] if names else None


_COMMITTEE_IN_FULL = re.compile(
    rf"(?:ỦY|UỶ)\s+BAN\s+NHÂN\s+DÂN\s+(?:{_LEVELS_UPPER})(?:\s+[^\s,.;:]+){{1,4}}"
)


def _committee_in_full(head: list[Paragraph]) -> str | None:
    """A committee the heading names without its place ("ỦY BAN NHÂN DÂN" alone) is the one
    the decision's enacting line names in full ("ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ")."""
    for paragraph in head:
        if match := _COMMITTEE_IN_FULL.search(paragraph.text):
            words = list(takewhile(lambda w: not any(c.islower() for c in w), match[0].split()))
            return _title_case_org(" ".join(words))
    return None


_SCHEDULE_TITLE = re.compile(r"^\W*LỊCH\s+(?:LÀM\s+VIỆC|CÔNG\s+TÁC)\b")


def _schedule_of(paragraphs: list[Paragraph]) -> str | None:
    """A week's schedule titled with its committee in full ("LỊCH LÀM VIỆC CỦA LÃNH ĐẠO ỦY BAN
    NHÂN DÂN XÃ …") is that committee's."""
    for paragraph in paragraphs:
        if _SCHEDULE_TITLE.match(paragraph.text):
            return _committee_in_full([paragraph])
    return None


def _capital_issuer(head: list[Paragraph]) -> str | None:
    """The issuing body from the header's capital lines: "ỦY BAN NHÂN DÂN / TỈNH HÀ GIANG"."""
    lines = _capital_lines(head)
    if not lines or not (_OPENS_BODY.match(lines[-1]) or _OUTLET.match(lines[-1])):
        return None  # a title, a slogan or a byline in capitals: not a body
    return _block_issuer([*lines[:-1], _before_verb(lines[-1])])


# what a body does, in capitals: a headline that opens with the body's name ("TRƯỜNG THCS AN
# PHÚ TỔ CHỨC NGÀY HỘI …") names it up to there
_CAPITAL_VERB = re.compile(
    r"\s(?:TỔ\s+CHỨC|PHÁT\s+ĐỘNG|HƯỞNG\s+ỨNG|RA\s+QUÂN|TRIỂN\s+KHAI|THAM\s+GIA|KỶ\s+NIỆM|"
    r"CHÀO\s+MỪNG|THÔNG\s+BÁO|BAN\s+HÀNH|TỔNG\s+KẾT|SƠ\s+KẾT|KHAI\s+MẠC|HỌP|ĐÓN|TRAO)\b"
)


def _before_verb(line: str) -> str:
    """The body's name before the verb of a headline in capitals; a verb among the name's
    first words is part of it ("BAN TỔ CHỨC TỈNH ỦY")."""
    for match in _CAPITAL_VERB.finditer(line):
        if len(line[: match.start()].split()) >= 3:
            return line[: match.start()]
    return line


def _block_issuer(lines: list[str]) -> str:
    """The last body of the lines, placed within its parents: "UBND TỈNH LONG AN / SỞ Y TẾ"
    → "Sở Y tế tỉnh Long An"."""
    parents = [_title_case_org(line) for line in reversed(lines[:-1])]
    return _within(_title_case_org(lines[-1]), parents)


def _capital_lines(head: list[Paragraph]) -> list[str]:
    """The header's lines in capitals before the number, kind or date; a line that starts
    with a level ("TỈNH HÀ GIANG") goes on the one above it."""
    merged: list[str] = []
    for paragraph in head[:8]:
        text = paragraph.text.strip()
        if _NUMBER.match(text) or _kind_heading([paragraph]) or _PLACE_DATE.search(text):
            break
        letters = [c for c in text if c.isalpha()]
        if not letters or sum(c.isupper() for c in letters) / len(letters) < 0.8:
            continue
        if _furniture(text):
            continue
        text = re.split(r"\s*CỘNG\s+H(?:ÒA|OÀ)\b|\s*ĐỘC\s+LẬP\b", text, flags=re.I)[0].strip()
        if text and merged and re.match(rf"^(?:{_LEVELS_UPPER})\b", text):
            merged[-1] += " " + text
        elif text:
            merged.append(text)
    return merged


# the Youth Union, the Pioneers, a union or an association of a school
_IN_A_SCHOOL = re.compile(
    r"(?:Đoàn|Chi\s+đoàn|Liên\s+đội|Hội|BCH|Ban\s+chấp\s+hành|Công\s+đoàn)\b", re.I
)
_CENTRAL_COMMITTEE = re.compile(r"Ban\s+chấp\s+hành\s+trung\s+ương$", re.I)


def _within(issuer: str, parents: list[str]) -> str:
    """An office named without a place takes its committee's ("UBND TỈNH LONG AN / SỞ Y TẾ"
    → "Sở Y tế tỉnh Long An") or its body's ("Ban Thường vụ Tỉnh Đoàn Quảng Nam"); a member
    school its university's ("Trường Đại học Sư phạm, Đại học Huế")."""
    placeless = issuer.split(maxsplit=1)[0].casefold() in _OFFICES and not re.search(
        rf"\b(?:{_LEVELS})\b", issuer
    )
    for parent in parents:
        if placeless and (where := re.match(rf"^UBND\s+((?:{_LEVELS})\s+.+)$", parent)):
            return f"{issuer} {where[1]}"
        if issuer.startswith("Trường") and parent.startswith("Đại học"):
            return f"{issuer}, {parent}"
        if parent.startswith("Trường") and _IN_A_SCHOOL.match(issuer):
            return f"{issuer} {parent}"  # "Đoàn Thanh niên Trường Đại học …"
        if _CENTRAL_COMMITTEE.match(parent) and issuer.startswith("Ban"):
            return f"{issuer} Trung ương"  # "Ban Tuyên giáo" under the Party's Central Committee
    for parent in parents:
        if placeless and parent.split()[0].casefold() not in _OFFICES:
            return f"{issuer} {parent}"
    return issuer


_SMALL = {"và", "các", "của", "về", "với", "trên", "tại"}
_ACRONYMS = {
    *("UBND", "HĐND", "THPT", "THCS", "TNCS", "MTTQ", "TĐKT", "CP", "TW", "VN", "PT", "DTNT"),
    *("PTDTNT", "PTDTBT", "TH", "MN", "TP", "HĐTĐKT", "BCH", "CHXHCN", "GDĐT", "GD&ĐT"),
}
# Offices a document names without their place ("SỞ NỘI VỤ" under "UBND TỈNH …").
_OFFICES = {"sở", "ban", "hội", "phòng", "văn", "chi", "thanh"}


def _title_case_org(text: str) -> str:
    """ "ỦY BAN NHÂN DÂN TỈNH HÀ GIANG" → "UBND tỉnh Hà Giang"; "SỞ GIÁO DỤC VÀ ĐÀO TẠO" →
    "Sở Giáo dục và Đào tạo"."""
    text = " ".join(text.split())
    text = re.sub(r"^(?:ỦY|UỶ)\s+BAN\s+NHÂN\s+DÂN\b", "UBND", text)
    match = re.match(rf"^(.*?)\b({_LEVELS_UPPER})\s+(?!HỘI\b)(.+)$", text)  # not "xã hội"
    if match and match[1].strip():
        body = _org_case(match[1].strip())
        return f"{body} {_level(match[2])} {_proper_case(match[3])}"
    return _org_case(text)


_ORG_TYPES = {"sở", "bộ", "phòng", "ban", "cục", "trường", "viện", "hội", "vụ", "đài", "báo"}
_COMPOUND_TYPES = {
    *("hội đồng", "ủy ban", "uỷ ban", "văn phòng", "tổng cục", "chi cục", "đại học", "học viện"),
    *("trung tâm", "liên đoàn", "công đoàn", "thanh tra", "ban chấp hành"),
    *("tổng công ty", "công ty", "tập đoàn"),
}
# Bodies named after their place: "Tỉnh Đoàn Quảng Nam", "Thành Đoàn Hà Nội".
_PLACE_NAMED = {"tỉnh đoàn", "thành đoàn", "huyện đoàn", "quận đoàn", "thị đoàn"}
# The Party's committees, named after their place: "Huyện ủy Tân Lập", "Đảng ủy xã …".
_PARTY_COMMITTEES = {
    f"{level} {word}"
    for level in ("huyện", "tỉnh", "thành", "quận", "thị")
    for word in ("ủy", "uỷ")
}
_UNIVERSITY_LEVELS = {"đại học", "cao đẳng", "trung cấp"}
_SCHOOL_LEVELS = {"tiểu học", "mầm non", "trung học cơ sở", "trung học phổ thông"}
_SCHOOL_ACRONYMS = {"THCS", "THPT", "TH", "MN", "PTDTNT", "PTDTBT", "THCS&THPT"}


def _org_case(text: str) -> str:
    """An agency's name as Decree 30/2020/NĐ-CP writes it: the kind of body and the first
    word of its field capitalised ("Hội đồng Thi đua - Khen thưởng", "Sở Văn hóa, Thể thao
    và Du lịch"), a school's own name in full ("Trường THCS Nguyễn Du")."""
    words = text.split()
    folded = [w.casefold() for w in words]
    if _prefix(folded, _PLACE_NAMED):
        return _proper_case(text)
    if school := _unit_of_a_school(words, folded):
        return school
    if _prefix(folded, _PARTY_COMMITTEES):
        return " ".join([_first_upper(words[0]), folded[1], _proper_case(" ".join(words[2:]))])
    kind = _prefix(folded, _COMPOUND_TYPES) or (1 if folded and folded[0] in _ORG_TYPES else 0)
    out = [_first_upper(w) if i == 0 else w.casefold() for i, w in enumerate(words[:kind])]
    rest, own_name = words[kind:], False
    if folded[:1] == ["trường"]:
        level = _prefix(folded[kind:], _UNIVERSITY_LEVELS | _SCHOOL_LEVELS)
        if level:
            out += [_first_upper(rest[0]), *(w.casefold() for w in rest[1:level])]
            own_name = " ".join(folded[kind : kind + level]) in _SCHOOL_LEVELS
            rest = rest[level:]
        elif rest and rest[0] in _SCHOOL_ACRONYMS:
            out.append(rest[0])
            own_name, rest = True, rest[1:]
    if own_name:
        return " ".join([*out, _proper_case(" ".join(rest))]).strip()
    return " ".join([*out, *_field_case(rest, first=True)]).strip()


_SCHOOL_UNITS = {"liên đội", "chi đoàn", "công đoàn", "đoàn trường"}


def _unit_of_a_school(words: list[str], folded: list[str]) -> str | None:
    """The Pioneers' or the Youth Union's unit of a school, the school named as a school is:
    "LIÊN ĐỘI TIỂU HỌC AN PHÚ" → "Liên đội Tiểu học An Phú", "LIÊN ĐỘI TRƯỜNG THCS AN PHÚ"
    → "Liên đội trường THCS An Phú"."""
    size = 2 if " ".join(folded[:2]) in _SCHOOL_UNITS else int(folded[:1] == ["đoàn"])
    rest = words[size:]
    if not size or not rest:
        return None
    unit = " ".join([_first_upper(words[0]), *folded[1:size]])
    if folded[size] == "trường" and size == 2:
        school = _org_case(" ".join(rest))
        return f"{unit} {school[:1].lower()}{school[1:]}"
    if _prefix(folded[size:], _SCHOOL_LEVELS) or rest[0] in _SCHOOL_ACRONYMS:
        return f"{unit} {_org_case(' '.join(['TRƯỜNG', *rest])).split(' ', 1)[1]}"
    return None


def _field_case(words: list[str], *, first: bool) -> list[str]:
    out = []
    capitalise_next = first
    for word in words:
        if word in _ACRONYMS:
            out.append(word)
        elif word.casefold() in _SMALL:
            out.append(word.casefold())
            capitalise_next = word.casefold() == "và"  # "Giáo dục và Đào tạo"
            continue
        elif word in {"-", "–"}:
            out.append(word)
            capitalise_next = True
            continue
        else:
            out.append(_first_upper(word) if capitalise_next else word.casefold())
        capitalise_next = word.endswith(",")
    return out


def _proper_case(text: str) -> str:
    return " ".join(w if w in _ACRONYMS else _first_upper(w) for w in text.split())


def _first_upper(word: str) -> str:
    return word[:1].upper() + word[1:].casefold()


def _prefix(folded: list[str], phrases: set[str]) -> int:
    """How many words at the start of ``folded`` make one of ``phrases`` (0: none)."""
    for size in (4, 3, 2):
        if " ".join(folded[:size]) in phrases:
            return size
    return 0


# --- signer ------------------------------------------------------------------------------


_SIGNED = re.compile(r"^\(?\s*(?:đã\s+ký|ký\s+tên)\s*\)?\s*:?\s*", re.I)
_TITLE_THEN_NAME = re.compile(
    r"(?P<title>(?:PHÓ\s+)?(?:CHỦ\s+TỊCH|GIÁM\s+ĐỐC|HIỆU\s+TRƯỞNG|TRƯỞNG\s+BAN|BỘ\s+TRƯỞNG|THỨ\s+TRƯỞNG|"
    r"BÍ\s+THƯ|TRƯỞNG\s+PHÒNG|TỔNG\s+GIÁM\s+ĐỐC|CỤC\s+TRƯỞNG|VIỆN\s+TRƯỞNG))\s+"
    r"(?:\(?\s*(?:Đã\s+ký|đã\s+ký)\s*\)?\s*:?\s*)?(?P<name>(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*\s*){2,5})$"
)


def _signer(paragraphs: list[Paragraph]) -> tuple[str | None, str | None]:
    """The last personal name near the end, below a signer's title ("CHỦ TỊCH"); "(Đã ký)"
    and "Đã ký:" before it go; a signature block run into one line ("… PHÓ CHỦ TỊCH Lê
    Hoàng Anh") is read from its end."""
    tail = paragraphs[-14:]
    for i in range(len(tail) - 1, -1, -1):
        text = _SIGNED.sub("", tail[i].text.strip())
        if not _is_person(text):
            continue
        titles = [p.text for p in tail[max(0, i - 5) : i] if _SIGNER_TITLE.search(p.text)]
        if titles:
            return text, titles[-1].strip()
    for paragraph in reversed(tail[-3:]):
        match = _TITLE_THEN_NAME.search(paragraph.text.strip())
        if match and _is_person(match["name"].strip()):
            return match["name"].strip(), match["title"]
    return None, None


def _is_person(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 5 or words[0] in _NOT_NAME_WORDS:
        return False
    return all(w.isalpha() and w[0].isupper() and (len(w) == 1 or w[1:].islower()) for w in words)


# --- title and theme ---------------------------------------------------------------------

_ABOUT = re.compile(r"^\s*(?:V/v|Về\s+việc)\s*:?\s*", re.I)
# "Về việc trên, UBND thành phố giao …": a sentence about what was said, not a subject line
_BACK_REFERENCE = re.compile(r"^\s*Về\s+việc\s+(?:trên|này|đó)\b", re.I)


def _title(head: list[Paragraph], body: list[Paragraph], info: DocumentInfo) -> str | None:
    for i, paragraph in enumerate(head):
        if _ABOUT.match(paragraph.text) and not _BACK_REFERENCE.match(paragraph.text):
            return _campaign_title(_ABOUT.sub("", _wrapped_heading(head[i:])))
    heading = _kind_heading(head)
    if heading and heading[1]:
        return _campaign_title(heading[1])
    if heading:
        index = next(i for i, p in enumerate(head) if _kind_heading([p]))
        if index + 1 < len(head) and not _OPENS_BODY.match(head[index + 1].text.strip()):
            return _campaign_title(_ABOUT.sub("", _wrapped_heading(head[index + 1 :])))
    lines = [p for p in body[:15] if not _furniture(p.text) and not _body_name(p.text)]
    if found := headline(lines):
        # "Thông báo thay đổi lịch …" is titled by what it is about; in "Chỉ thị của UBND
        # tỉnh về …" or "Kế hoạch số 12 …" the kind is the headline's subject and stays
        kind = rf"^(?:{_KIND_ALT})\s+(?!của\b|số\b|\d)(?:về\s+việc\s+)?"
        return _campaign_title(re.sub(kind, "", _ABOUT.sub("", found), flags=re.I))
    return None


def opening_line(body: list[Paragraph]) -> str | None:
    """The body's first line that is not the site's menu or contact bar, its kind left out
    ("Thông báo …"): what a page without a headline opens with, often its lead."""
    lines = [p.text for p in body[:6] if not _furniture(p.text)]
    if lines:
        first = re.sub(rf"^(?:{_KIND_ALT})\s+(?:về\s+việc\s+)?", "", lines[0], flags=re.I)
        if len(first) < 300:
            return _campaign_title(first)
    return None


# where a heading wrapped over lines stops: a body's name (the enacting line of a decision),
# a part or an item ("PHẦN I.", "I. MỤC ĐÍCH", "1."), a legal ground ("Căn cứ …")
_HEADING_ENDS = re.compile(r"^(?:PHẦN\b|[IVX]+\s*[.-]|\d+\s*[.)]|Căn\s+cứ|Thực\s+hiện)", re.I)


def _wrapped_heading(lines: list[Paragraph]) -> str:
    """The title line with the lines a copy wrapped it onto ("… ĐIỀU HÀNH THỰC" / "HIỆN NHIỆM
    VỤ …"): lines in the same capitals, or going on in lower case, up to the next part."""
    text = lines[0].text.strip()
    capitals = _mostly_capitals(text)
    for paragraph in lines[1:4]:
        line = paragraph.text.strip()
        if not line or _HEADING_ENDS.match(line) or _OPENS_BODY.match(line):
            break
        if _NUMBER.match(line) or _PLACE_DATE.search(line) or _kind_heading([paragraph]):
            break
        goes_on = _mostly_capitals(line) if capitals else line[:1].islower()
        if not goes_on:
            break
        text += " " + line
    return text


# a site's menu or contact bar ("HOTLINE: 0834 244 333 | THƯ VIỆN | ĐẶT LÀM TRANG CHỦ",
# "Trang chủ | Giới thiệu | Tin tức"): neither the title nor the issuer
_PHONE = re.compile(r"\b\d{3,4}[ .]\d{3}[ .]\d{3,4}\b")


def _body_name(text: str) -> bool:
    """A body's name in capitals alone on its line ("UBND TỈNH HÀ BẮC"): the page's owner or
    the issuer's line of a heading, not a headline."""
    text = text.strip()
    return _mostly_capitals(text) and bool(_OPENS_BODY.match(text)) and len(text.split()) <= 8


def _furniture(text: str) -> bool:
    return text.count("|") >= 2 or bool(_PHONE.search(text)) or len(text.split()) <= 1


def _campaign_title(text: str) -> str:
    """ "phát động phong trào thi đua … năm 2024" → "Phong trào thi đua … năm 2024"."""
    text = " ".join(text.split()).rstrip(".")
    text = re.sub(r"^(?:về\s+việc\s+)?(?:phát\s+động\s+)(?=phong\s+trào)", "", text, flags=re.I)
    return sentence_case(text)


_QUOTED = r"[“\"](?P<t>[^”\"]{5,500})[”\"]"
_THEME = (
    re.compile(rf"chủ\s+đề\s*:?\s*{_QUOTED}", re.I),
    re.compile(rf"phát\s+động\s+phong\s+trào\s+thi\s+đua[^“\"]{{0,40}}:\s*{_QUOTED}", re.I),
    re.compile(rf"khẩu\s+hiệu\s*:?\s*{_QUOTED}", re.I),
)


def _theme(body: list[Paragraph]) -> str | None:
    for pattern in _THEME:
        for paragraph in body:
            if match := pattern.search(paragraph.text):
                return " ".join(match["t"].split()).strip(" .")
    return None


# --- who follows up, who is addressed ------------------------------------------------------

_GIVEN_TO = re.compile(r"(?:^|[.;:]\s*|\)\s*|[-–+]\s*)Giao\s+(?:cho\s+)?(?P<org>[^;:]{3,200})")
_ORG_VERB = re.compile(
    r"\s(?:có\s+trách\s+nhiệm|chủ\s+trì|tham\s+mưu|hướng\s+dẫn|theo\s+dõi|đôn\s+đốc|kiểm\s+tra|"
    r"tổ\s+chức|phối\s+hợp|tiếp\s+tục|là|thực\s+hiện|làm)\b|[,.;]",
    re.I,
)
_FOLLOW_UP = re.compile(r"\b(?:đôn\s+đốc|theo\s+dõi|tổng\s+hợp)\b", re.I)


def follow_up_office(body: list[Paragraph]) -> str | None:
    """The office given the follow-up ("Giao Sở Nội vụ (Ban Thi đua - Khen thưởng) có trách
    nhiệm kiểm tra, đôn đốc"): the default receiver of the campaign's reports."""
    candidates: list[tuple[int, str]] = []
    for paragraph in body:
        for match in _GIVEN_TO.finditer(paragraph.text):
            org = _org_before_verb(match["org"])
            if not org:
                continue
            rest = paragraph.text[match.end("org") - len(match["org"]) + len(org) :]
            score = 2 * bool(_FOLLOW_UP.search(rest[:200])) + bool(
                re.search(r"Nội\s+vụ|Thi\s+đua", org, re.I)
            )
            candidates.append((score, org))
    if not candidates:
        return None
    best = max(candidates, key=lambda c: c[0])
    return best[1] if best[0] > 0 else None


def _org_before_verb(text: str) -> str:
    depth = 0
    for i, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and (match := _ORG_VERB.match(text, i)):
            return text[: match.start()].strip()
    return text.strip() if len(text) < 120 else ""


_KINH_GUI = re.compile(r"^\s*Kính\s+gửi\s*:?\s*(?P<rest>.*)$", re.I)
_CLOSING = re.compile(
    r"\b(?:yêu\s+cầu|đề\s+nghị)\s+(?P<who>(?:Thủ\s+trưởng|Chủ\s+tịch|Giám\s+đốc|Lãnh\s+đạo|Hiệu\s+trưởng|"
    r"các)[^.]{5,400}?)\s+(?:tổ\s+chức\s+)?(?:triển\s+khai\s+)?(?:thực\s+hiện|nghiêm\s+túc|"
    r"căn\s+cứ)",
    re.I,
)


def addressed(body: list[Paragraph]) -> list[str]:
    """The "Kính gửi" list, else those the closing sentence tells to carry the plan out."""
    from importer.addressees import phrases  # noqa: PLC0415 (one-way use)

    for i, paragraph in enumerate(body[:40]):
        match = _KINH_GUI.match(paragraph.text)
        if not match:
            continue
        lines = [match["rest"]] if match["rest"].strip() else []
        for following in body[i + 1 : i + 15]:
            if not following.text.lstrip().startswith(("-", "+", "•")):
                break
            lines.append(following.text)
        found = [p for line in lines for p in phrases(line)]
        if found:
            return found
    for paragraph in reversed(body):
        if match := _CLOSING.search(paragraph.text):
            found = phrases(match["who"])
            if found:
                return found
    return []
