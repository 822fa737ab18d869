"""What the extractors share while they read one document: its body, its year and period,
and which stretches of text an extractor has already taken, so that a date is read once
(a review's range is not also a phase; a commemoration's founding day is not a deadline)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from importer.model import Event, Note, Source
from importer.text import Paragraph, Sentence, shorten
from translations import N_

# A date set aside because the text tells it as past (a meeting, a window).
HELD = N_("%(what)s has taken place: not an event")


@dataclass
class Context:
    body: list[Paragraph]
    year: int
    period: tuple[date, date] | None = None
    issued: date | None = None  # the document's date, or a news page's
    year_known: bool = True  # False: ``year`` is a stand-in, nothing in the text dates it
    reported: bool = False  # ``issued`` is a news page's date: the page reports, it does not plan
    # the text dates itself ("…, ngày 14 tháng 5 năm 2015") or opens as a document: not a news page
    dating_line: bool = True
    page_month: tuple[int, int] | None = None  # a page stamped with a month only: (year, month)
    title: str | None = None  # the document's title ("Tổ chức Hội thi … năm 2036")
    notes: list[Note] = field(default_factory=list)
    spans: list[Event] = field(default_factory=list)  # windows read as spans beside a deadline
    # (month, day) → the years the text writes that day with (cited documents left out)
    written_years: dict[tuple[int, int], set[int]] = field(default_factory=dict)
    # August days the text ties to a school year's opening ("tựu trường ngày 14.8")
    opening_days: set[tuple[int, int]] = field(default_factory=set)
    _positions: dict[int, int] = field(default_factory=dict)  # paragraph index → place in body
    _taken: dict[int, bytearray] = field(default_factory=dict)  # per paragraph, per character

    def earlier(self, paragraph: Paragraph, count: int) -> list[Paragraph]:
        """The ``count`` paragraphs of the body just before ``paragraph``."""
        if not self._positions:
            self._positions.update({p.index: i for i, p in enumerate(self.body)})
        at = self._positions.get(paragraph.index)
        if at is None:  # not in the body: the paragraphs of the body before it
            return [p for p in self.body if p.index < paragraph.index][-count:]
        return self.body[max(0, at - count) : at]

    def sentences(self) -> list[Sentence]:
        return [s for p in self.body for s in p.sentences]

    def take(self, sentence: Sentence, start: int, end: int) -> None:
        """Mark ``[start, end)`` of the sentence as read."""
        offset = sentence.start
        mask = self._taken.setdefault(
            sentence.paragraph.index, bytearray(len(sentence.paragraph.text))
        )
        first, last = offset + start, min(offset + end, len(mask))
        mask[first:last] = b"\x01" * max(0, last - first)

    def taken(self, sentence: Sentence, start: int, end: int) -> bool:
        mask = self._taken.get(sentence.paragraph.index)
        offset = sentence.start
        return mask is not None and any(mask[offset + start : offset + end])

    def source(self, sentence: Sentence, text: str | None = None) -> Source:
        return Source(shorten(text or sentence.text, 300), sentence.line)

    def note(self, message: str, sentence: Sentence | None = None) -> None:
        self.notes.append(Note(message, sentence.line if sentence else None))

    def year_of(self, month: int, day: int = 1) -> int:
        """The year of a day written without one: the document's, or within a period that
        spans two years (a school year), the one that puts the day inside it. A day the text
        also writes with its year, near the document's ("(27.11.1929 - 27.11.2036)" then "trong
        2 ngày 26 và 27-11"), is in that year."""
        written = {
            y
            for y in self.written_years.get((month, day), ())
            if abs(y - self.year) <= 1 and not self._gone_by(y, month, day)
        }
        if len(written) == 1:
            return written.pop()
        if self.period and self.period[0].year != self.period[1].year:
            for year in range(self.period[0].year, self.period[1].year + 1):
                try:
                    candidate = date(year, month, day)
                except ValueError:
                    continue
                if self.period[0] <= candidate <= self.period[1]:
                    return year
            if (summer := self._school_summer(month, day)) is not None:
                return summer
        return self.year

    def _school_summer(self, month: int, day: int) -> int | None:
        """The year of a summer day outside a school year taken as the period (September to
        May): the summer that closes it ("kết thúc năm học trước ngày 15/7", "tuyển sinh vào
        lớp 10 hoàn thành trước ngày 15/8"), unless the document, written before the year
        opens, dates that summer's days still to come (its preparations)."""
        assert self.period is not None
        first, last = self.period
        if not (first.month in (8, 9) and last.month <= 7 and 6 <= month <= 8):
            return None
        if last.year != first.year + 1:
            return None
        try:
            ahead = date(first.year, month, day)
        except ValueError:
            return None
        if self.issued is not None and self.issued < first and ahead >= self.issued:
            return first.year
        if (month, day) in self.opening_days:  # the students return before the year opens
            return first.year
        return last.year

    def _gone_by(self, year: int, month: int, day: int) -> bool:
        """A day before the document's own (last year's review on the day this year's falls
        on does not date this year's)."""
        try:
            return self.issued is not None and date(year, month, day) < self.issued
        except ValueError:
            return True

    def upcoming_year(self, month: int, day: int = 1) -> int:
        """The year of a deadline's day written without one: the document's (`year_of`),
        or the next when that day would have passed more than a month before the document
        was issued (a letter of 05/12/2024 asking for reports "trước ngày 10/01")."""
        year = self.year_of(month, day)
        if self.issued is None:
            return year
        try:
            written, following = date(year, month, day), date(year + 1, month, day)
        except ValueError:
            return year
        if (self.issued - written).days > 31 and (following - self.issued).days <= 366:
            return year + 1
        return year

    def plausible(self, day: date) -> bool:
        """A day an event of this campaign can fall on (not a historical date)."""
        low = (self.period[0].year if self.period else self.year) - 1
        high = (self.period[1].year if self.period else self.year) + 2
        return low <= day.year <= high
