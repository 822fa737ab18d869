"""What every entry point (CLI, web app, worker) shares: settings, the database, the
working-day calendar and the clock, made once and handed around.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from typing import TYPE_CHECKING, Protocol

from config.settings import Settings, get_settings

if TYPE_CHECKING:  # loaded on first use: a command may need neither
    from calendars.workdays import WorkCalendar
    from thidua.database import Database


class Expiring(Protocol):
    def expire(self) -> None: ...


@dataclass
class AppContext:
    settings: Settings = field(default_factory=get_settings)
    now_override: datetime | None = None
    # Told once a change of the calendar is committed in this process (an office's save,
    # the API's edit): the feeds read the store's counters again at their next request
    # instead of waiting for their next check. Weak: an app that is gone is not kept.
    on_change: weakref.WeakSet[Expiring] = field(default_factory=weakref.WeakSet, repr=False)

    @cached_property
    def database(self) -> Database:
        from thidua.database import open_database  # noqa: PLC0415 (see TYPE_CHECKING)

        return open_database(settings=self.settings)

    @cached_property
    def calendar(self) -> WorkCalendar:
        from calendars.workdays import WorkCalendar  # noqa: PLC0415 (see TYPE_CHECKING)

        return WorkCalendar.from_files(self.settings.effective_workdays_file)

    def now(self) -> datetime:
        """The clock: ``--now`` when given (tests, dry runs), else the real time."""
        return self.now_override or datetime.now(UTC)

    def changed(self) -> None:
        """Tell this process's listeners that a change of the calendar was committed."""
        for listener in list(self.on_change):
            listener.expire()

    def close(self) -> None:
        if "database" in self.__dict__:
            self.database.dispose()


def parse_now(text: str, settings: Settings) -> datetime:
    """An ISO date or datetime; without a zone it is read in the service's time zone."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=settings.tz)
    return moment
