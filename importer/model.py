"""What the importer reads out of a document: the document itself and its dated events.

Every event carries its `Source` (the sentence it was read from and the line it starts on)
and a list of reasons to review it. `Event.key_dates` are the dates that evaluation compares
with gold files: (start, end) for a range, (day,) for a single day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from typing import Any, ClassVar, Literal

ReviewKind = Literal["so_ket", "tong_ket"]


@dataclass(frozen=True)
class Source:
    quote: str
    line: int


@dataclass(kw_only=True)
class Event:
    kind: ClassVar[str] = ""
    title: str
    source: Source
    review: list[str] = field(default_factory=list)
    paragraph: int = field(default=-1, repr=False, compare=False)  # where it was read

    def key_dates(self) -> list[tuple[date, ...]]:
        """The dates evaluation compares, one tuple per occurrence."""
        raise NotImplementedError

    def when(self) -> str:
        """The dates as a person reads them."""
        dates = self.key_dates()
        if not dates:
            return ""
        return " – ".join(f"{d:%d/%m/%Y}" for d in dict.fromkeys(dates[0]))


@dataclass(kw_only=True)
class RangeEvent(Event):
    start: date
    end: date

    def key_dates(self) -> list[tuple[date, ...]]:
        return [(self.start, self.end)]


@dataclass(kw_only=True)
class Period(RangeEvent):
    """The campaign period, when the document dates it ("Từ ngày 01/01/2023 đến hết ngày
    31/12/2023")."""

    kind: ClassVar[str] = "period"


@dataclass(kw_only=True)
class Phase(RangeEvent):
    kind: ClassVar[str] = "phase"
    commemorations: list[str] = field(default_factory=list)  # event codes


@dataclass(kw_only=True)
class Review(RangeEvent):
    kind: ClassVar[str] = "review"
    review_kind: ReviewKind


@dataclass(kw_only=True)
class Commemoration(Event):
    kind: ClassVar[str] = "commemoration"
    day: date
    catalog: str | None = None  # code of the national catalog
    origin: date | None = None  # as the document writes it, else the catalog's
    years: int | None = None  # the count the document writes
    lunar: bool = False
    year_written: bool = False  # the text gives the occurrence's year (dates or count)

    def key_dates(self) -> list[tuple[date, ...]]:
        return [(self.day,)]


@dataclass(kw_only=True)
class Meeting(Event):
    kind: ClassVar[str] = "meeting"
    day: date
    end: date | None = None  # the last day of a meeting over several days
    start_time: time | None = None
    location: str | None = None
    # a session held by a rule ("thứ 5 hàng tuần"): its RFC 5545 rule and the days the text
    # lists for it, one meeting each in the draft; ``day`` is the first of them
    rrule: str | None = None
    days: list[date] = field(default_factory=list)

    def key_dates(self) -> list[tuple[date, ...]]:
        if self.days:
            return [(d,) for d in self.days]
        return [(self.day, self.end)] if self.end and self.end != self.day else [(self.day,)]


@dataclass(kw_only=True)
class Deadline(Event):
    """A last day to send something. ``due`` is the rule in the campaign-file form
    (``{"rule": "before", "date": ...}``); ``days`` are the days the wording names (one,
    or one per occurrence of a recurring rule), filled in once the period is known."""

    kind: ClassVar[str] = "deadline"
    what: str
    wording: str
    due: dict[str, Any]
    sense: Literal["before", "by"]
    receiver: str | None = None
    addressees: list[str] = field(default_factory=list)
    addressees_from: str = "sentence"  # where the addressees were found
    days: list[date] = field(default_factory=list)
    anchor: Event | None = field(default=None, repr=False)  # what a relative rule counts from

    def key_dates(self) -> list[tuple[date, ...]]:
        return [(d,) for d in self.days]


@dataclass
class DocumentInfo:
    """The document's header and what it says about the whole campaign."""

    kind: str | None = None
    number: str | None = None
    number_blank: bool = False  # "Số: /UBND-TH2"
    date: date | None = None
    date_written: str | None = None  # "ngày tháng 01 năm 2024" when the day is blank
    place: str | None = None
    issuer: str | None = None
    signer: str | None = None
    signer_title: str | None = None
    title: str | None = None
    theme: str | None = None
    year: int | None = None
    period: tuple[date, date] | None = None
    period_inferred: str | None = None  # how a period the text does not date was chosen
    receiver: str | None = None  # the office that follows up ("Giao Sở Nội vụ … đôn đốc")
    addressees: list[str] = field(default_factory=list)  # "Kính gửi" and closing addressees
    published: date | None = None  # a news page's date, never an event
    date_reported: bool = False  # ``date`` is the day of a document a news page reports
    year_unknown: bool = False  # nothing in the text dates it (the year is a stand-in)


@dataclass(frozen=True)
class Note:
    """Something read but not taken as an event, or doubtful: said in the draft."""

    message: str
    line: int | None = None


@dataclass
class Extraction:
    document: DocumentInfo
    events: list[Event] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    reading: list[str] = field(default_factory=list)  # how the file was read (OCR, encoding)

    def of(self, kind: type[Event]) -> list[Any]:
        return [e for e in self.events if isinstance(e, kind)]


def covering(period: tuple[date, date], events: list[Event]) -> tuple[date, date]:
    """The period grown to hold the phases, reviews, meetings and deadlines the text dates
    (a winter phase runs into the next year; a school year's final review falls in June);
    commemorations do not stretch it."""
    days = [
        d
        for e in events
        if isinstance(e, Phase | Review | Meeting | Deadline)
        for dates in e.key_dates()
        for d in dates
    ]
    return (min([period[0], *days]), max([period[1], *days]))
