"""The Vietnamese working-day calendar and deadline resolution.

Working days are Monday to Friday, less public holidays (Labour Code 2019 art. 112). The
`holidays` package's Vietnam calendar carries them, with the Vietnamese lunar calendar
computed for UTC+7 (Tết 1985 fell on 21/01, not the Chinese 20/02), observed days and the
government's yearly swaps (Saturday 26/4/2025 worked, Friday 2/5/2025 off). Changes the
package does not know yet come from configuration (`config.catalog.workday_changes`).

A deadline is resolved in two steps, and both days are kept:

1. its wording gives the *nominal* last day: "trước ngày D" → D − 1; "chậm nhất ngày D" → D;
   "kết thúc trong tháng 7/2024" → 31/7/2024; "cuối tháng" (Civil Code art. 146) → the
   month's last day; "N ngày kể từ" an event → the event's day + N (art. 147: the event's
   own day is not counted);
2. the campaign's policy moves a nominal day that is not a working day: to the next working
   day (Civil Code art. 148, the default), to the previous one, or not at all.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from calendars import lunar
from config.catalog import WorkdayChanges, workday_changes
from config.dates import last_day_of_month, shift_days

if TYPE_CHECKING:  # loaded with the first day asked about: `thidua status` asks none
    import holidays

Policy = Literal["next_working_day", "previous_working_day", "keep"]
FuzzyTerm = Literal["dau_thang", "giua_thang", "cuoi_thang", "dau_nam", "giua_nam", "cuoi_nam"]

_WEEKEND = frozenset({5, 6})  # Saturday, Sunday
_LONGEST_SEARCH = 60  # no run of days off in Vietnam comes near two months


@dataclass(frozen=True)
class ResolvedDay:
    """A deadline's last day as its wording gives it, and after the campaign's policy."""

    nominal: date
    effective: date

    @property
    def moved(self) -> bool:
        return self.nominal != self.effective


@dataclass(frozen=True)
class ChangedDay:
    """A day a year's calendar treats unlike an ordinary week: a weekday off or a weekend
    day worked, with why and, for a notice's days, the notice."""

    day: date
    working: bool
    reason: str
    source: str = ""


class WorkCalendar:
    """Vietnamese working days: the `holidays` VN calendar plus configured changes."""

    def __init__(
        self, changes: WorkdayChanges | None = None, *, local_file: Path | None = None
    ) -> None:
        # The package fills in years lazily, mutating itself; the web app and the scheduler
        # share one calendar across threads.
        self._lock = threading.Lock()
        self._local_file = local_file
        self._stamp = _file_stamp(local_file)
        self._use(changes or WorkdayChanges())

    @classmethod
    def from_files(cls, local_file: Path | None) -> WorkCalendar:
        """The shipped catalog and the office's file, re-read by `refresh` when it changes."""
        return cls(workday_changes(local_file), local_file=local_file)

    def _use(self, changes: WorkdayChanges) -> None:
        self.changes = changes
        self._extra_off = changes.off()
        self._extra_worked = changes.worked_names()
        self._sources = changes.sources()

    def refresh(self) -> bool:
        """Read the office's file again if it changed since it was read (another process
        added a swap); True when it did. Every holder of this calendar sees the new days."""
        stamp = _file_stamp(self._local_file)
        if self._local_file is None or stamp == self._stamp:
            return False
        self._use(workday_changes(self._local_file))
        self._stamp = stamp
        return True

    @property
    def fingerprint(self) -> int:
        return self.changes.fingerprint()

    @cached_property
    def _public(self) -> holidays.HolidayBase:
        import holidays  # noqa: PLC0415 (see TYPE_CHECKING above)

        return holidays.country_holidays("VN", language="vi")

    def holiday_name(self, day: date) -> str | None:
        """Why ``day`` is a day off other than a weekend, if it is one."""
        if day in self._extra_off:
            return self._extra_off[day]
        if day in self._extra_worked:
            return None
        with self._lock:
            name = self._public.get(day)
        return _tet_label(day, name) if name else None

    def is_working_day(self, day: date) -> bool:
        if day in self._extra_off:
            return False
        if day in self._extra_worked:
            return True
        with self._lock:
            return self._public.is_working_day(day)

    def package_says_working(self, day: date) -> bool:
        """The `holidays` package's answer alone, without the catalog and the office's file."""
        with self._lock:
            return self._public.is_working_day(day)

    def changed_days(self, year: int) -> list[ChangedDay]:
        """Every weekday off and every weekend day worked in ``year``, in order."""
        found = []
        day = date(year, 1, 1)
        while day.year == year:
            working = self.is_working_day(day)
            if working == (day.weekday() in _WEEKEND):
                reason = (
                    self._extra_worked.get(day, "Làm việc")
                    if working
                    else self.holiday_name(day) or "Ngày nghỉ"
                )
                found.append(ChangedDay(day, working, reason, self._sources.get(day, "")))
            day += timedelta(days=1)
        return found

    def next_working_day(self, day: date) -> date:
        """``day`` itself when it is a working day, else the first working day after it."""
        return self._step_to_working_day(day, 1)

    def previous_working_day(self, day: date) -> date:
        """``day`` itself when it is a working day, else the last working day before it."""
        return self._step_to_working_day(day, -1)

    def add_working_days(self, day: date, count: int) -> date:
        """The ``count``-th working day after ``day`` (``day`` itself is not counted)."""
        current = day
        for _ in range(count):
            current = self._step_to_working_day(shift_days(current, 1), 1)
        return current

    def subtract_working_days(self, day: date, count: int) -> date:
        """The ``count``-th working day before ``day`` (``day`` itself is not counted)."""
        current = day
        for _ in range(count):
            current = self._step_to_working_day(shift_days(current, -1), -1)
        return current

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]: how many working days ``end`` lies after ``start``."""
        count, current = 0, start
        while current < end:
            current += timedelta(days=1)
            count += self.is_working_day(current)
        return count

    def apply_policy(self, nominal: date, policy: Policy) -> ResolvedDay:
        if policy == "next_working_day":
            return ResolvedDay(nominal, self.next_working_day(nominal))
        if policy == "previous_working_day":
            return ResolvedDay(nominal, self.previous_working_day(nominal))
        return ResolvedDay(nominal, nominal)

    def _step_to_working_day(self, day: date, step: int) -> date:
        current = day
        for _ in range(_LONGEST_SEARCH):
            if self.is_working_day(current):
                return current
            current = shift_days(current, step)
        raise ValueError(f"no working day within {_LONGEST_SEARCH} days of {day}")


def _file_stamp(path: Path | None) -> tuple[int, int] | None:
    try:
        return None if path is None else (path.stat().st_mtime_ns, path.stat().st_size)
    except FileNotFoundError:
        return None


def _tet_label(day: date, name: str) -> str:
    """The package calls the day it adds before Giao thừa "29 Tết" every year; when tháng
    Chạp has 29 days that day is the 28th (27/01/2025 was 28 Tết): name it from the lunar
    calendar itself."""
    if not name.endswith(" Tết") or not name[0].isdigit():
        return name
    lunar_day = lunar.to_lunar(day)
    return f"{lunar_day.day} Tết" if lunar_day.month == 12 else name


# --- nominal last days, from the wording ---------------------------------------------


def before(day: date) -> date:
    """ "trước ngày D": the last day to send is D − 1."""
    return day - timedelta(days=1)


def fuzzy_day(term: FuzzyTerm, year: int, month: int | None = None) -> date:
    """Civil Code 2015 art. 146: đầu/giữa/cuối tháng are the 1st, the 15th and the last day
    of the month; đầu/giữa/cuối năm are 1 January, 30 June and 31 December."""
    if term.endswith("_thang"):
        if month is None:
            raise ValueError(f"{term} needs a month")
        if term == "dau_thang":
            return date(year, month, 1)
        if term == "giua_thang":
            return date(year, month, 15)
        return last_day_of_month(year, month)
    return {
        "dau_nam": date(year, 1, 1),
        "giua_nam": date(year, 6, 30),
        "cuoi_nam": date(year, 12, 31),
    }[term]


def within_month(year: int, month: int) -> date:
    """ "kết thúc trong tháng 7/2024": the month's last day."""
    return last_day_of_month(year, month)


def after_days(calendar: WorkCalendar, anchor: date, days: int, working_days: bool) -> date:
    """ "N ngày (làm việc) kể từ" ``anchor``: art. 147 starts counting the day after."""
    if working_days:
        return calendar.add_working_days(anchor, days)
    return shift_days(anchor, days)


def before_days(calendar: WorkCalendar, anchor: date, days: int, working_days: bool) -> date:
    """ "trước N ngày (làm việc) tính đến" ``anchor``: counted backwards, the anchor's own
    day not counted, so 5 working days before Monday 23/02/2026 is Monday 09/02/2026
    (the Tết break of 16–20/02 is not counted)."""
    if working_days:
        return calendar.subtract_working_days(anchor, days)
    return shift_days(anchor, -days)


# --- the package and the catalog side by side -------------------------------------------


@dataclass(frozen=True)
class Disagreement:
    """A day the `holidays` package and the catalog (with the office's file) treat unlike:
    ``listed`` is what the catalog says (None: it says nothing of a change the package
    makes)."""

    day: date
    listed: bool | None  # working according to the catalog
    package: bool  # working according to the package
    reason: str
    source: str


def disagreements(calendar: WorkCalendar, years: Iterable[int]) -> list[Disagreement]:
    """Every day of ``years`` the package and the catalog disagree on: a listed swap or day
    the package does not know, and a swap the package makes that the catalog does not list."""
    changes = calendar.changes
    listed = dict.fromkeys(changes.off(), False) | dict.fromkeys(changes.worked(), True)
    sources = changes.sources()
    found = []
    for year in sorted(set(years)):
        day = date(year, 1, 1)
        while day.year == year:
            package = calendar.package_says_working(day)
            if day in listed and listed[day] != package:
                reason = calendar.holiday_name(day) or changes.worked_names().get(day, "")
                found.append(Disagreement(day, listed[day], package, reason, sources.get(day, "")))
            elif day not in listed and _package_swap(calendar, day, package):
                reason = calendar.holiday_name(day) or "Làm việc"
                found.append(Disagreement(day, None, package, reason, ""))
            day += timedelta(days=1)
    return found


def _package_swap(calendar: WorkCalendar, day: date, package: bool) -> bool:
    """A weekend day the package has worked, or a day off it gives in exchange for one."""
    if package:
        return day.weekday() in _WEEKEND
    with calendar._lock:
        name = calendar._public.get(day) or ""
    return "thay cho" in name
