"""Data shipped with the service: the national anniversary catalog and working-day changes.

`anniversaries()` is read once from ``anniversaries.yaml``; `workday_changes(path)` reads
``workdays.yaml`` or a local file of the same form (see that file for the format).
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal, get_args

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from config.dates import parse_date, parse_day_month
from config.yamlfile import parse_yaml


@dataclass(frozen=True)
class Anniversary:
    """A day celebrated every year: its founding day (or lunar day) and how documents name it."""

    code: str
    name: str
    aliases: tuple[str, ...]
    origin: date | None = None  # None for lunar days, which carry no count
    lunar: tuple[int, int] | None = None  # (day, month) of the lunar calendar
    # False for a day whose years nobody counts (an international day, a day kept by a recent
    # decision): its origin dates it, but no "N năm" is made of it
    counted: bool = True

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


Day = Annotated[date, BeforeValidator(parse_date)]


class _AnniversaryEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    origin: Day | None = None
    lunar: str | None = None
    counted: bool = True


@lru_cache(maxsize=1)
def anniversaries() -> dict[str, Anniversary]:
    """The catalog by code."""
    text = resources.files(__package__).joinpath("anniversaries.yaml").read_text("utf-8")
    catalog: dict[str, Anniversary] = {}
    for raw in parse_yaml(text).data:
        entry = _AnniversaryEntry.model_validate(raw)
        catalog[entry.code] = Anniversary(
            code=entry.code,
            name=entry.name,
            aliases=tuple(entry.aliases),
            origin=entry.origin,
            lunar=parse_day_month(entry.lunar) if entry.lunar else None,
            counted=entry.counted,
        )
    return catalog


def fold(text: str) -> str:
    """A key for matching names: NFC, case-folded, single spaces, 'sỹ' spelled 'sĩ'."""
    text = unicodedata.normalize("NFC", text).casefold()
    text = text.replace("sỹ", "sĩ")
    return " ".join(text.split())


def find_anniversary(name: str) -> Anniversary | None:
    """The catalog day a document's name refers to, if any (exact match after folding)."""
    key = fold(name)
    for anniversary in anniversaries().values():
        if any(fold(candidate) == key for candidate in anniversary.names):
            return anniversary
    return None


NoticeSubject = Literal["tet", "new_year", "reunification", "national_day", "other"]
NOTICE_SUBJECTS: tuple[str, ...] = get_args(NoticeSubject)


class Swap(BaseModel):
    """A weekend day worked so that a working day can be taken off, by a notice."""

    model_config = ConfigDict(extra="forbid")
    work: Day
    off: Day
    source: str = Field(default="", max_length=500)


class NamedDay(BaseModel):
    model_config = ConfigDict(extra="forbid")
    date: Day
    name: str = Field(default="", max_length=300)
    source: str = Field(default="", max_length=500)


class Notice(BaseModel):
    """A government notice about a year's holidays, kept even when it swaps nothing (Tết
    2026 needed no swap): it is how the office shows that the year has been checked."""

    model_config = ConfigDict(extra="forbid")
    year: int = Field(ge=1900, le=2200)
    subject: NoticeSubject
    source: str = Field(min_length=1, max_length=500)
    note: str = Field(default="", max_length=500)


class WorkdayChanges(BaseModel):
    """Days that the `holidays` package does not know: swaps, local days off, worked days,
    and the notices they come from."""

    model_config = ConfigDict(extra="forbid")
    notices: list[Notice] = Field(default_factory=list)
    swaps: list[Swap] = Field(default_factory=list)
    days_off: list[NamedDay] = Field(default_factory=list)
    working_days: list[NamedDay] = Field(default_factory=list)

    def off(self) -> dict[date, str]:
        days = {d.date: d.name or "Ngày nghỉ" for d in self.days_off}
        for swap in self.swaps:
            days[swap.off] = f"Ngày nghỉ (thay cho ngày {swap.work:%d/%m/%Y})"
        return days

    def worked(self) -> set[date]:
        return {d.date for d in self.working_days} | {swap.work for swap in self.swaps}

    def worked_names(self) -> dict[date, str]:
        days = {d.date: d.name or "Ngày làm việc" for d in self.working_days}
        for swap in self.swaps:
            days[swap.work] = f"Làm việc bù (cho ngày nghỉ {swap.off:%d/%m/%Y})"
        return days

    def sources(self) -> dict[date, str]:
        """The notice each changed day comes from, where one is given."""
        found: dict[date, str] = {}
        for swap in self.swaps:
            if swap.source:
                found[swap.work] = found[swap.off] = swap.source
        for day in (*self.days_off, *self.working_days):
            if day.source:
                found[day.date] = day.source
        return found

    def merged(self, other: WorkdayChanges) -> WorkdayChanges:
        return WorkdayChanges(
            notices=[*self.notices, *other.notices],
            swaps=[*self.swaps, *other.swaps],
            days_off=[*self.days_off, *other.days_off],
            working_days=[*self.working_days, *other.working_days],
        )

    def fingerprint(self) -> int:
        """A small number that changes when the days change (stored to notice edits)."""
        text = self.model_dump_json(include={"swaps", "days_off", "working_days"})
        return int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:7], 16)


def shipped_workday_changes() -> WorkdayChanges:
    text = resources.files(__package__).joinpath("workdays.yaml").read_text("utf-8")
    return WorkdayChanges.model_validate(parse_yaml(text).data or {})


def read_workday_file(path: Path) -> WorkdayChanges:
    """The office's override file; an absent file changes nothing."""
    if not path.exists():
        return WorkdayChanges()
    return WorkdayChanges.model_validate(parse_yaml(path.read_text("utf-8")).data or {})


def workday_changes(local_file: Path | None = None) -> WorkdayChanges:
    """The shipped changes plus a local file's, if one is configured (and exists)."""
    changes = shipped_workday_changes()
    if local_file is not None:
        changes = changes.merged(read_workday_file(local_file))
    return changes


def write_workday_file(path: Path, changes: WorkdayChanges) -> None:
    """Write the override file whole: to a temporary file, then renamed over the old one."""
    data = changes.model_dump(mode="json", exclude_defaults=True)
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False)
    header = (
        "# The office's working-day changes (thidua workdays add-swap writes here).\n"
        "# Same form as config/catalog/workdays.yaml; read on top of it.\n"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(header + body, encoding="utf-8")
    temporary.replace(path)
