"""Text that lost its diacritics ("Hoi nghi tong ket du kien to chuc vao ngay 20/12/2036"),
as some copies and forms give it: the words the readers key on are given back their marks,
so that dates, meetings and deadlines read as in a marked text. Only a text that carries
almost no mark at all is touched, and only the administrative words below, written in lower
case (a capital "Nam" or "Le" is a name), or as the first word of a sentence.
"""

from __future__ import annotations

import re
import unicodedata

# longest first: a phrase is given back before its words
_WORDS = {
    "den het ngay": "đến hết ngày",
    "cham nhat": "chậm nhất",
    "hoi nghi": "hội nghị",
    "dai hoi": "đại hội",
    "to chuc": "tổ chức",
    "du kien": "dự kiến",
    "bao cao": "báo cáo",
    "ho so": "hồ sơ",
    "dang ky": "đăng ký",
    "hoan thanh": "hoàn thành",
    "ket thuc": "kết thúc",
    "so ket": "sơ kết",
    "tong ket": "tổng kết",
    "phat dong": "phát động",
    "ky niem": "kỷ niệm",
    "chao mung": "chào mừng",
    "hoi thi": "hội thi",
    "hoi dien": "hội diễn",
    "hoi thao": "hội thao",
    "toa dam": "tọa đàm",
    "khai mac": "khai mạc",
    "be mac": "bế mạc",
    "dien ra": "diễn ra",
    "thoi gian": "thời gian",
    "dia diem": "địa điểm",
    "hang nam": "hằng năm",
    "hang thang": "hằng tháng",
    "ke hoach": "kế hoạch",
    "thong bao": "thông báo",
    "quyet dinh": "quyết định",
    "ngay hoi": "ngày hội",
    "mit tinh": "mít tinh",
    "gap mat": "gặp mặt",
    "ngay": "ngày",
    "thang": "tháng",
    "nam": "năm",
    "truoc": "trước",
    "tu": "từ",
    "den": "đến",
    "vao": "vào",
    "luc": "lúc",
    "gio": "giờ",
    "hop": "họp",
    "gui": "gửi",
    "nop": "nộp",
    "le": "lễ",
    "se": "sẽ",
    "da": "đã",
    "han": "hạn",
}
_PATTERN = re.compile(
    r"\b("
    + "|".join(w.replace(" ", r"\s+") for w in sorted(_WORDS, key=len, reverse=True))
    + r")\b",
    re.I,
)
_SENTENCE_START = re.compile(r"(?:^|[.;:!?]\s+|\n\s*(?:[-–+•]\s*|\d+[.)]\s*)?)$")


def unmarked(text: str) -> bool:
    """Almost no letter carries a mark (a Vietnamese text has one in three or so)."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 100:
        return False
    marked = sum(1 for c in letters if c in "đĐ" or len(unicodedata.normalize("NFD", c)) > 1)
    return marked < 0.01 * len(letters)


def restored(text: str) -> str:
    """``text`` with the administrative words given back their marks."""

    def mark(match: re.Match[str]) -> str:
        written = match.group()
        words = " ".join(written.split()).casefold()
        wanted = _WORDS[words]
        if written.islower():
            return wanted
        if (
            written[0].isupper()
            and written[1:].islower()
            and (
                len(words.split()) > 1
                or _SENTENCE_START.search(text[max(0, match.start() - 8) : match.start()])
            )
        ):
            return wanted[0].upper() + wanted[1:]
        if written.isupper() and len(written) > 2:
            return wanted.upper()
        return written

    return _PATTERN.sub(mark, text)
