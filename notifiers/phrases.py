"""The small phrases every e-mail template needs: a day with its weekday, the days left
before a deadline, the reference to a document.

Every word comes from the house catalog (`translations`, English msgids) and dates are
written by `babel.dates` with the catalog's pattern, so there is no per-language branch
here. They are Python rather than template macros so that they return plain text: an HTML
template autoescapes them like any other value (a macro imported from a text template
would come back marked safe, unescaped).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from babel.dates import format_date

from notifiers.base import DocumentRef, Language
from translations import N_, gettext, ngettext, weekday_name

# Document kinds an English reader knows by an English name; the Vietnamese name stays
# beside it. Keys are the Vietnamese kinds, casefolded.
DOCUMENT_KINDS = {
    "kế hoạch": N_("Plan"),
    "chỉ thị": N_("Directive"),
    "chương trình": N_("Programme"),
    "công văn": N_("Official letter"),
    "quyết định": N_("Decision"),
    "hướng dẫn": N_("Guidance"),
    "thông báo": N_("Notice"),
    "nghị quyết": N_("Resolution"),
}
LABEL_WIDTH = 15  # a text body's labels end in one column, the values start in the next


@dataclass(frozen=True)
class Phrases:
    """Phrases in one language; templates reach them as ``say``."""

    language: Language

    def _(self, message: str, **params: object) -> str:
        return gettext(message, language=self.language, **params)

    def day(self, day: date) -> str:
        """``Thứ Năm, 15/02/2024`` / ``Thursday, 15 February 2024``."""
        weekday = weekday_name(day.weekday(), self.language)
        return self._("%(weekday)s, %(date)s", weekday=weekday, date=self.short_day(day))

    def short_day(self, day: date) -> str:
        """``15/02/2024`` / ``15 February 2024``."""
        # Translators: a CLDR date pattern (babel.dates), Vietnamese "dd/MM/y".
        return format_date(day, self._("d MMMM y"), locale=self.language)

    def day_off(self, day: date, reason: str | None) -> str:
        """The document's last day and why it is off: ``Thứ Tư, 14/02/2024, ngày nghỉ Mùng
        năm Tết Nguyên Đán``; a reason that only repeats the weekday is left out."""
        named = self.day(day)
        if reason and reason.casefold() not in named.casefold():
            return self._("%(day)s, a day off: %(reason)s", day=named, reason=reason)
        return self._("%(day)s, a day off", day=named)

    def days_left(self, days: int) -> str:
        """``còn 3 ngày``, ``hôm nay là hạn cuối``, ``đã quá hạn 2 ngày``."""
        if days == 0:
            return self._("today is the last day")
        if days > 0:
            return ngettext("%(n)d day left", "%(n)d days left", days, language=self.language)
        return ngettext("%(n)d day overdue", "%(n)d days overdue", -days, language=self.language)

    def days_late(self, days: int) -> str:
        """``chậm 2 ngày`` / ``2 days late`` (the office's list)."""
        return ngettext("%(n)d day late", "%(n)d days late", days, language=self.language)

    def document(self, document: DocumentRef) -> str:
        """``Kế hoạch số 12/KH-UBND ngày 15/01/2024 của UBND tỉnh Vĩnh Phúc``."""
        params = {"kind": self.kind(document.kind), "issuer": document.issuer}
        if document.number and document.date:
            return self._(
                "%(kind)s No. %(number)s of %(date)s issued by %(issuer)s",
                number=document.number,
                date=self.short_day(document.date),
                **params,
            )
        if document.number:
            return self._(
                "%(kind)s No. %(number)s issued by %(issuer)s", number=document.number, **params
            )
        if document.date:
            return self._(
                "%(kind)s of %(date)s issued by %(issuer)s",
                date=self.short_day(document.date),
                **params,
            )
        return self._("%(kind)s issued by %(issuer)s", **params)

    def kind(self, kind: str) -> str:
        """A document's kind as written, glossed where the reader's language names it
        otherwise: ``Plan (Kế hoạch)``."""
        known = DOCUMENT_KINDS.get(kind.casefold())
        gloss = self._(known) if known else kind
        if gloss.casefold() == kind.casefold():
            return kind
        return self._("%(gloss)s (%(kind)s)", gloss=gloss, kind=kind)

    def label(self, text: str) -> str:
        """A label of a text body, ``Hạn cuối:``, padded to the values' column."""
        return f"{text}:".ljust(LABEL_WIDTH)
