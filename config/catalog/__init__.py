"""Data shipped with the service: the national anniversary catalog and working-day changes.

`anniversaries()` is read once from ``anniversaries.yaml``; `workday_changes(path)` reads
``workdays.yaml`` or a local file of the same form (see that file for the format).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Annotated

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


class _Swap(BaseModel):
    model_config = ConfigDict(extra="forbid")
    work: Day
    off: Day
    source: str = ""


class _NamedDay(BaseModel):
    model_config = ConfigDict(extra="forbid")
    date: Day
    name: str = ""


class WorkdayChanges(BaseModel):
    """Days that the `holidays` package does not know: swaps, local days off, worked days."""

    model_config = ConfigDict(extra="forbid")
    swaps: list[_Swap] = Field(default_factory=list)
    days_off: list[_NamedDay] = Field(default_factory=list)
    working_days: list[_NamedDay] = Field(default_factory=list)

    def off(self) -> dict[date, str]:
        days = {d.date: d.name or "Ngày nghỉ" for d in self.days_off}
        for swap in self.swaps:
            days[swap.off] = f"Ngày nghỉ (thay cho ngày {swap.work:%d/%m/%Y})"
        return days

    def worked(self) -> set[date]:
        return {d.date for d in self.working_days} | {swap.work for swap in self.swaps}

    def merged(self, other: WorkdayChanges) -> WorkdayChanges:
        return WorkdayChanges(
            swaps=[*self.swaps, *other.swaps],
            days_off=[*self.days_off, *other.days_off],
            working_days=[*self.working_days, *other.working_days],
        )


def shipped_workday_changes() -> WorkdayChanges:
    text = resources.files(__package__).joinpath("workdays.yaml").read_text("utf-8")
    return WorkdayChanges.model_validate(parse_yaml(text).data or {})


def workday_changes(local_file: Path | None = None) -> WorkdayChanges:
    """The shipped changes plus a local file's, if one is configured."""
    changes = shipped_workday_changes()
    if local_file is not None:
        local = parse_yaml(local_file.read_text("utf-8")).data or {}
        changes = changes.merged(WorkdayChanges.model_validate(local))
    return changes
