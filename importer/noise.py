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
from importer.text import Paragraph, plain

_WEEKDAY = r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật)"
_PAGE_DATE = re.compile(
    rf"^\s*(?:{_WEEKDAY}\s*,?\s*)?(?:ngày\s+)?(\d{{1,2}})/(\d{{1,2}})/(\d{{4}})"
    r"\s*(?:[-,|]\s*)?(?:\d{1,2}:\d{2}|\d{1,2}h\d{2})",
    re.I,
)
_WEEKDAY_DATE = re.compile(rf"^\s*{_WEEKDAY}\s*,\s*(\d{{1,2}})/(\d{{1,2}})/(\d{{4}})", re.I)
_STAMP = re.compile(
    r"^\s*(?:cập\s+nhật|ngày\s+đăng|đăng\s+lúc|đăng\s+ngày|ngày\s+cập\s+nhật|xuất\s+bản|"
    r"ngày\s+xuất\s+bản|published|updated)\b",
    re.I,
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
}
_MOTTO = re.compile(
    r"^(?:CỘNG\s+HÒA|CỘNG\s+HOÀ|Độc\s+lập\s*-\s*Tự\s+do|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM$)", re.I
)
_DISTRIBUTION = re.compile(r"^\s*Nơi\s+nhận\s*:?", re.I)


@dataclass
class Parts:
    body: list[Paragraph]
    tail: list[Paragraph]  # distribution list, signature
    notes: list[Note] = field(default_factory=list)
    published: date | None = None


def split(paragraphs: list[Paragraph]) -> Parts:
    """The body (where events are), the tail, and notes about what was set aside."""
    parts = Parts(body=[], tail=[])
    for i, paragraph in enumerate(paragraphs):
        text = paragraph.text
        if _DISTRIBUTION.match(text):
            parts.tail = paragraphs[i:]
            break
        if plain(text).strip() in _TRAILER and i > len(paragraphs) // 3:
            parts.notes.append(
                Note(f"text after “{text}” (comments, other articles) is not read", paragraph.line)
            )
            break
        if _page_date(paragraph, parts):
            continue
        if _MOTTO.match(text) or _STAMP.match(text):
            continue
        if _CAPTION.search(text) and len(text) < 200:
            continue
        parts.body.append(paragraph)
    return parts


def _page_date(paragraph: Paragraph, parts: Parts) -> bool:
    match = _PAGE_DATE.match(paragraph.text) or _WEEKDAY_DATE.match(paragraph.text)
    if not match or len(paragraph.text) > 80:
        return False
    day, month, year = (int(g) for g in match.groups())
    try:
        seen = date(year, month, day)
    except ValueError:
        return False
    parts.published = parts.published if parts.published and parts.published < seen else seen
    parts.notes.append(Note(f"page date “{paragraph.text}” is not an event", paragraph.line))
    return True
