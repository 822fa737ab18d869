"""The small phrases every template needs, in Vietnamese and English: a day with its
weekday, the days left before a deadline, the reference to a document.

They are Python rather than template macros so that they return plain text: an HTML
template autoescapes them like any other value (a macro imported from a text template
would come back marked safe, unescaped).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from config.dates import MONTHS_EN, vn_date
from notifiers.base import DocumentRef, Language

_VI_WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
_EN_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Document kinds as English readers know them; the Vietnamese name stays beside it.
_EN_KINDS = {
    "kế hoạch": "Plan",
    "chỉ thị": "Directive",
    "chương trình": "Programme",
    "công văn": "Official letter",
    "quyết định": "Decision",
    "hướng dẫn": "Guidance",
    "thông báo": "Notice",
    "nghị quyết": "Resolution",
}


@dataclass(frozen=True)
class Phrases:
    """Phrases in one language; templates reach them as ``say``."""

    language: Language

    def day(self, day: date) -> str:
        """``Thứ Năm, 15/02/2024`` / ``Thursday, 15 February 2024``."""
        if self.language == "en":
            weekday = _EN_WEEKDAYS[day.weekday()]
            return f"{weekday}, {day.day} {MONTHS_EN[day.month]} {day.year}"
        return f"{_VI_WEEKDAYS[day.weekday()]}, {vn_date(day)}"

    def short_day(self, day: date) -> str:
        """``15/02/2024`` / ``15 February 2024``."""
        if self.language == "en":
            return f"{day.day} {MONTHS_EN[day.month]} {day.year}"
        return vn_date(day)

    def day_off(self, day: date, reason: str | None) -> str:
        """The document's last day and why it is off: ``Thứ Tư, 14/02/2024, ngày nghỉ Mùng
        năm Tết Nguyên Đán``; a reason that only repeats the weekday is left out."""
        named = self.day(day)
        why = reason if reason and reason.casefold() not in named.casefold() else ""
        if self.language == "en":
            return f"{named}, a day off" + (f": {why}" if why else "")
        return f"{named}, ngày nghỉ" + (f" {why}" if why else "")

    def days_left(self, days: int) -> str:
        """``còn 3 ngày``, ``hôm nay là hạn cuối``, ``đã quá hạn 2 ngày``."""
        if self.language == "en":
            if days == 0:
                return "today is the last day"
            unit = "day" if abs(days) == 1 else "days"
            return f"{days} {unit} left" if days > 0 else f"{-days} {unit} overdue"
        if days == 0:
            return "hôm nay là hạn cuối"
        return f"còn {days} ngày" if days > 0 else f"đã quá hạn {-days} ngày"

    def days_late(self, days: int) -> str:
        """``chậm 2 ngày`` / ``2 days late`` (the office's list)."""
        if self.language == "en":
            return f"{days} day late" if days == 1 else f"{days} days late"
        return f"chậm {days} ngày"

    def document(self, document: DocumentRef) -> str:
        """``Kế hoạch số 12/KH-UBND ngày 15/01/2024 của UBND tỉnh Vĩnh Phúc``."""
        if self.language == "en":
            english = _EN_KINDS.get(document.kind.casefold())
            parts = [f"{english} ({document.kind})" if english else document.kind]
            if document.number:
                parts.append(f"No. {document.number}")
            if document.date:
                parts.append(f"of {self.short_day(document.date)}")
            parts.append(f"issued by {document.issuer}")
            return " ".join(parts)
        parts = [document.kind]
        if document.number:
            parts.append(f"số {document.number}")
        if document.date:
            parts.append(f"ngày {vn_date(document.date)}")
        parts.append(f"của {document.issuer}")
        return " ".join(parts)
