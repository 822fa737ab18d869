"""The campaign file and the units file, as pydantic models.

A campaign file dates what one plan or directive dates: its period, phases, reviews,
commemorations, meetings and deadlines. A units file lists the units that receive
reminders and the groups (blocs, clusters, categories) documents address them by.
The README shows a complete example of each. Dates may be written ISO (2024-02-15) or
Vietnamese (15/02/2024); every text is NFC-normalised.

This module checks each file on its own terms (types, dates, ranges, e-mail syntax);
`config.files` checks codes across files and `calendars.checks` what the dates mean.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import DAILY, MONTHLY, WEEKLY, YEARLY, rrule, rrulestr
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    EmailStr,
    Field,
    PlainSerializer,
    field_validator,
    model_validator,
)

from config.dates import campaign_day, parse_date, parse_month, parse_time
from translations import said

EVENT_KINDS = ("period", "phase", "review", "commemoration", "meeting", "deadline")
POLICIES = ("next_working_day", "previous_working_day", "keep")
FUZZY_TERMS = ("dau_thang", "giua_thang", "cuoi_thang", "dau_nam", "giua_nam", "cuoi_nam")
CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"

# Sizes (the README's "Limits"): what one file may hold. A file is at most 2 MB
# (config.yamlfile); these bound what is inside it, so that a file that passes is cheap to
# check, store, plan and publish.
MAX_TITLE = 500  # titles, names, wordings: a document's longest headings are ~300
MAX_TEXT = 2000  # notes, themes, what is due
MAX_EVENTS = 1000  # phases, reviews, commemorations, meetings or deadlines in one file
MAX_UNITS = 20_000  # units in one file (a province has ~2,000 with its communes)
MAX_GROUPS = 2000
MAX_MEMBERS = 20_000  # codes in one group or in one deadline's units
MAX_EMAILS = 20
MAX_RULE = 200  # characters of an RRULE
RULE_INTERVAL = 100  # "every N months" beyond this is a typo
RULE_FREQUENCIES = {YEARLY: "YEARLY", MONTHLY: "MONTHLY", WEEKLY: "WEEKLY", DAILY: "DAILY"}


def _nfc(value: object) -> object:
    return unicodedata.normalize("NFC", value).strip() if isinstance(value, str) else value


def _code(value: object) -> object:
    if isinstance(value, int):
        value = str(value)
    if isinstance(value, str) and not re.match(CODE_PATTERN, value):
        raise ValueError(
            said(
                "%(value)s is not a code: use letters, digits, '-', '_' or '.', "
                "starting with a letter or digit, at most 64 characters",
                value=repr(value),
            )
        )
    return value


def _year_month(value: object) -> str:
    year, month = parse_month(value)
    return f"{year:04d}-{month:02d}"


def _known_timezone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(
            said("%(value)s is not a time zone (e.g. Asia/Ho_Chi_Minh)", value=repr(value))
        ) from exc
    return value


def _rrule(value: str) -> str:
    text = value.strip()
    if len(text) > MAX_RULE:
        raise ValueError(said("the rule is longer than %(limit)d characters", limit=MAX_RULE))
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    try:
        rule = rrulestr(text, dtstart=date(2000, 1, 1), forceset=False)
    except (ValueError, TypeError, OverflowError) as exc:
        # dateutil's words say what it could not read.
        raise ValueError(
            said(
                "%(value)s is not an RFC 5545 rule (%(reason)s)", value=repr(value), reason=str(exc)
            )
        ) from exc
    if "UNTIL=" in text.upper() or "COUNT=" in text.upper():
        raise ValueError(said("write the end with 'until:', not inside the rule"))
    if not isinstance(rule, rrule):
        raise ValueError(said("%(value)s is not an RFC 5545 rule (one RRULE)", value=repr(value)))
    _bounded_rule(rule)
    return text


def _bounded_rule(rule: rrule) -> None:
    """Deadlines fall on days: a rule repeats daily at most, every 1 to RULE_INTERVAL periods,
    and names a day that exists. dateutil looks for the next occurrence of a rule that names
    none (30 February) up to the year 9999, so that is checked here, cheaply: the calendar
    repeats every 400 years, and the same rule started 400·k years later, near 9999, ends its
    search after at most two cycles."""
    if rule._freq not in RULE_FREQUENCIES:
        raise ValueError(
            said(
                "deadlines fall on days: the rule may repeat DAILY, WEEKLY, MONTHLY or YEARLY, "
                "not more often"
            )
        )
    if not 1 <= rule._interval <= RULE_INTERVAL:
        raise ValueError(said("INTERVAL must be between 1 and %(limit)d", limit=RULE_INTERVAL))
    if names_no_day(rule):
        raise ValueError(said("the rule names no day that exists (e.g. 30 February)"))


def names_no_day(rule: rrule) -> bool:
    """Whether ``rule`` never occurs, found in at most ~800 years of dateutil's search: the
    same rule started a whole number of 400-year cycles later (same weekdays, same leap
    years) is looked at, from a year between 9200 and 9599."""
    start: datetime = rule._dtstart
    probe_start = start.replace(year=start.year + 400 * ((9599 - start.year) // 400))
    probe = rule.replace(dtstart=probe_start, until=None)
    return probe.after(probe_start, inc=True) is None


def _lunar_day_month(value: object) -> str:
    """A lunar day and month, ``10/3`` (day 1–30, month 1–12), kept as ``10/03``."""
    match = re.match(r"^\s*(\d{1,2})[/.-](\d{1,2})\s*$", str(value))
    if not match or not (1 <= int(match[1]) <= 30 and 1 <= int(match[2]) <= 12):
        raise ValueError(
            said(
                "%(value)s is not a lunar day: write day/month, e.g. 10/3 (day 1–30, month 1–12)",
                value=repr(value),
            )
        )
    return f"{int(match[1]):02d}/{int(match[2]):02d}"


Text = Annotated[str, BeforeValidator(_nfc), Field(min_length=1, max_length=MAX_TEXT)]
Title = Annotated[str, BeforeValidator(_nfc), Field(min_length=1, max_length=MAX_TITLE)]
Code = Annotated[str, BeforeValidator(_code)]
Day = Annotated[date, BeforeValidator(parse_date)]  # any day from 1800 (origins)
CampaignDay = Annotated[date, BeforeValidator(parse_date), AfterValidator(campaign_day)]
TimeOfDay = Annotated[
    time, BeforeValidator(parse_time), PlainSerializer(lambda t: t.strftime("%H:%M"))
]
YearMonth = Annotated[str, BeforeValidator(_year_month)]
LunarDayMonth = Annotated[str, BeforeValidator(_lunar_day_month)]
TimeZone = Annotated[str, AfterValidator(_known_timezone)]
Offsets = Annotated[list[Annotated[int, Field(ge=0, le=366)]], Field(max_length=20)]


class Strict(BaseModel):
    """Unknown fields are errors: a typo must not silently drop a date."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


def _range_in_order(start: date, end: date) -> None:
    if end < start:
        raise ValueError(
            said(
                "the range ends (%(e)s) before it starts (%(s)s)",
                e=f"{end:%d/%m/%Y}",
                s=f"{start:%d/%m/%Y}",
            )
        )


# --- campaign file ------------------------------------------------------------------


class Document(Strict):
    """The plan or directive that launches the campaign."""

    kind: Title  # Kế hoạch, Chỉ thị, Chương trình, Công văn, Hướng dẫn …
    number: Title | None = None  # "02/CT-UBND"; None when the copy leaves it blank
    date: CampaignDay | None = None  # None when the day is left blank ("ngày tháng 01 năm 2024")
    signer: Title | None = None


class DateRange(Strict):
    start: CampaignDay
    end: CampaignDay

    @model_validator(mode="after")
    def _ordered(self) -> DateRange:
        _range_in_order(self.start, self.end)
        return self


_PHONE = re.compile(r"^\+?[0-9][0-9 .()-]{4,22}[0-9]$")


def _phone(value: object) -> object:
    if isinstance(value, int):
        value = str(value)  # 02103846123 written without quotes
    if isinstance(value, str) and not _PHONE.match(value.strip()):
        raise ValueError(
            said("%(value)s is not a phone number (digits, spaces, '+', '.', '-')", value=value)
        )
    return value


Phone = Annotated[str, BeforeValidator(_phone), Field(max_length=24)]
Channel = Literal["email", "upload", "paper"]


class Reporting(Strict):
    """How units send what a deadline asks for: the receiving office's mailbox (the
    reminders' Reply-To), the channel (e-mail, this service's upload page, paper to an
    address) and whom to call."""

    mailbox: EmailStr
    channel: Channel = "email"
    address: Text | None = None  # paper: where to post it
    contact: Title | None = None  # the person to call
    phone: Phone | None = None

    @model_validator(mode="after")
    def _paper_has_an_address(self) -> Reporting:
        if self.channel == "paper" and not self.address:
            raise ValueError(said("reports on paper need the address to send them to"))
        return self


class Campaign(Strict):
    code: Code
    title: Title
    theme: Text | None = None  # chủ đề, as quoted
    issuer: Title
    document: Document
    period: DateRange
    timezone: TimeZone = "Asia/Ho_Chi_Minh"
    non_working_day: Literal["next_working_day", "previous_working_day", "keep"] = (
        "next_working_day"
    )
    receiver: Text | None = None  # default receiving office of deadlines
    receiver_unit: Code | None = None  # the unit that gets the list of late units
    reminders: Offsets | None = None  # default reminder offsets of deadlines
    reporting: Reporting | None = None  # how units send their reports; deadlines may differ


class RangeEvent(Strict):
    """An event that spans days: a phase or a review."""

    code: Code
    title: Title
    start: CampaignDay
    end: CampaignDay
    note: Text | None = None

    @model_validator(mode="after")
    def _ordered(self) -> RangeEvent:
        _range_in_order(self.start, self.end)
        return self


class Phase(RangeEvent):
    commemorations: list[Code] = Field(default_factory=list, max_length=MAX_EVENTS)


class Review(RangeEvent):
    kind: Literal["so_ket", "tong_ket"]


class Commemoration(Strict):
    """A catalog day (``catalog: dien-bien-phu``), a day of its own with its origin, or a
    lunar day of its own (``lunar: 10/3``, no count)."""

    catalog: Code | None = None
    code: Code | None = None  # defaults to the catalog code
    title: Title | None = None  # defaults to the catalog name
    origin: Day | None = None  # founding day; the day recurs on its day and month
    lunar: LunarDayMonth | None = None  # a lunar day/month that recurs each lunar year
    years: int | None = Field(default=None, ge=0)  # the count the document states, checked
    # the one year the document dates it in ("(03/02/1930 - 03/02/2026)"): only that year's
    # occurrence, not one in each year of the period
    year: int | None = Field(default=None, ge=1800, le=2200)
    note: Text | None = None

    @model_validator(mode="after")
    def _catalog_or_own(self) -> Commemoration:
        if self.catalog is None:
            missing = [f for f in ("code", "title") if getattr(self, f) is None]
            if self.origin is None and self.lunar is None:
                missing.append("origin")
            if missing:
                raise ValueError(
                    said(
                        "give 'catalog' (a code of the national catalog) or all of "
                        "'code', 'title' and 'origin' or 'lunar' (missing: %(fields)s)",
                        fields=", ".join(missing),
                    )
                )
        if self.origin is not None and self.lunar is not None:
            raise ValueError(said("give 'origin' (a solar day) or 'lunar' (a lunar day), not both"))
        return self

    @property
    def event_code(self) -> str:
        return self.code or self.catalog or ""


class Meeting(Strict):
    code: Code
    title: Title
    date: CampaignDay
    end_date: CampaignDay | None = None  # a meeting over several days ("trong 2 ngày 9 - 10/12")
    start_time: TimeOfDay | None = None
    end_time: TimeOfDay | None = None
    location: Title | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _times(self) -> Meeting:
        if self.end_date is not None and self.end_date < self.date:
            raise ValueError(
                said(
                    "the meeting ends (%(e)s) before it starts (%(s)s)",
                    e=str(self.end_date),
                    s=str(self.date),
                )
            )
        if self.end_time is not None and self.start_time is None:
            raise ValueError(said("an end time needs a start time"))
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValueError(
                said(
                    "the meeting ends (%(e)s) before it starts (%(s)s)",
                    e=f"{self.end_time:%H:%M}",
                    s=f"{self.start_time:%H:%M}",
                )
            )
        return self


class BeforeRule(Strict):
    """ "trước ngày D": the last day to send is the day before D."""

    rule: Literal["before"]
    date: CampaignDay


class ByRule(Strict):
    """ "chậm nhất ngày D", "hạn cuối D", "trong ngày D": D is included."""

    rule: Literal["by"]
    date: CampaignDay


class WithinMonthRule(Strict):
    """ "kết thúc trong tháng 7/2024": the month's last day."""

    rule: Literal["within_month"]
    month: YearMonth


class FuzzyRule(Strict):
    """Civil Code art. 146: đầu/giữa/cuối tháng (1st, 15th, last day), đầu/giữa/cuối năm
    (1 January, 30 June, 31 December)."""

    rule: Literal["fuzzy"]
    term: Literal["dau_thang", "giua_thang", "cuoi_thang", "dau_nam", "giua_nam", "cuoi_nam"]
    month: YearMonth | None = None
    year: int | None = Field(default=None, ge=1900, le=2200)

    @model_validator(mode="after")
    def _needs_month_or_year(self) -> FuzzyRule:
        if self.term.endswith("_thang") and self.month is None:
            raise ValueError(said("'%(term)s' needs 'month' (e.g. 7/2024)", term=self.term))
        if self.term.endswith("_nam") and self.year is None:
            raise ValueError(said("'%(term)s' needs 'year'", term=self.term))
        return self


class RecurringRule(Strict):
    """ "trước ngày 15 tháng 3 hằng năm": an RFC 5545 rule (dateutil) within the period."""

    rule: Literal["recurring"]
    rrule: Annotated[str, AfterValidator(_rrule)]
    before: bool = False  # True for "trước ngày …": each last day is the day before
    start: CampaignDay | None = None  # default: the campaign period's start
    until: CampaignDay | None = None  # default: the campaign period's end


class RelativeRule(Strict):
    """ "N ngày kể từ" an event, or "N ngày làm việc": Civil Code art. 147 does not count the
    day of the event itself. ``before`` counts backwards: "gửi hồ sơ trước 05 ngày làm việc
    tính đến ngày tổ chức Hội nghị" is the 5th working day before the meeting."""

    rule: Literal["relative"]
    after: Text | None = None  # an event code of this campaign, a date, or "document"
    before: Text | None = None  # the same, counted backwards
    days: int = Field(ge=1, le=3650)
    working_days: bool = False

    @model_validator(mode="after")
    def _one_anchor(self) -> RelativeRule:
        if (self.after is None) == (self.before is None):
            raise ValueError(
                said(
                    "give 'after' (N days after an event, a date or 'document') "
                    "or 'before' (N days before it), one of them"
                )
            )
        return self

    @property
    def anchor(self) -> str:
        """The event code, date or 'document' the days are counted from."""
        return self.after if self.after is not None else self.before or ""

    @property
    def backwards(self) -> bool:
        return self.before is not None


DueRule = Annotated[
    BeforeRule | ByRule | WithinMonthRule | FuzzyRule | RecurringRule | RelativeRule,
    Field(discriminator="rule"),
]


class Deadline(Strict):
    code: Code
    title: Title
    what: Text  # what is due
    wording: Title  # as written: "trước ngày 30/6/2023"
    due: DueRule
    units: list[Code] = Field(min_length=1, max_length=MAX_MEMBERS)  # unit and group codes
    receiver: Text | None = None  # defaults to the campaign's
    receiver_unit: Code | None = None
    reminders: Offsets | None = None
    reporting: Reporting | None = None  # replaces the campaign's as a whole
    note: Text | None = None


class CampaignFile(Strict):
    campaign: Campaign
    phases: list[Phase] = Field(default_factory=list, max_length=MAX_EVENTS)
    reviews: list[Review] = Field(default_factory=list, max_length=MAX_EVENTS)
    commemorations: list[Commemoration] = Field(default_factory=list, max_length=MAX_EVENTS)
    meetings: list[Meeting] = Field(default_factory=list, max_length=MAX_EVENTS)
    deadlines: list[Deadline] = Field(default_factory=list, max_length=MAX_EVENTS)


# --- units file ------------------------------------------------------------------------


class Unit(Strict):
    code: Code
    name: Title
    emails: list[EmailStr] = Field(min_length=1, max_length=MAX_EMAILS)
    parent: Code | None = None
    note: Text | None = None

    @field_validator("emails")
    @classmethod
    def _distinct(cls, emails: list[str]) -> list[str]:
        seen = {e.casefold() for e in emails}
        if len(seen) != len(emails):
            raise ValueError(said("an address is listed twice"))
        return emails


class Group(Strict):
    code: Code
    name: Title
    kind: Literal["khoi", "cum", "category"]  # Khối thi đua, Cụm thi đua, or a category
    members: list[Code] = Field(
        min_length=1, max_length=MAX_MEMBERS
    )  # unit codes and other group codes
    note: Text | None = None


class UnitsFile(Strict):
    units: list[Unit] = Field(default_factory=list, max_length=MAX_UNITS)
    groups: list[Group] = Field(default_factory=list, max_length=MAX_GROUPS)
