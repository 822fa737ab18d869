"""Who changed what from the office's pages, and when: the differences between a thing as it
was stored and as it is saved, kept in the ``changes`` table (`thidua.models.Change`).

A change is one save of one subject — a campaign (its header and each of its events), a
unit or a group — with a list of items, each one difference: a field that changed (its
path as the files write it: ``document.date``, ``due.date``, ``emails``), an event added or
removed. Values are kept as the files write them, so the history reads the same whatever
the code becomes. The pages turn items into sentences (`thidua.web.office.history`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from thidua.exchange import SECTIONS
from thidua.models import Change

Item = dict[str, Any]


@dataclass(frozen=True)
class Author:
    """Who saves: a signed-in user (their id and name as shown), or a command."""

    name: str
    user_id: int | None = None


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """``{"due": {"rule": "by", "date": "2024-06-20"}}`` → ``{"due.rule": "by", …}``;
    lists stay whole values."""
    if not isinstance(value, dict):
        return {prefix: value}
    flat: dict[str, Any] = {}
    for key, inner in value.items():
        flat.update(flatten(inner, f"{prefix}.{key}" if prefix else str(key)))
    return flat


def field_changes(old: dict[str, Any], new: dict[str, Any], event: str | None = None) -> list[Item]:
    """One item per field whose value differs (absent counts as None)."""
    before, after = flatten(old), flatten(new)
    items = []
    for name in [*before, *(k for k in after if k not in before)]:
        if before.get(name) != after.get(name):
            items.append(
                {
                    "change": "changed",
                    "event": event,
                    "field": name,
                    "old": before.get(name),
                    "new": after.get(name),
                }
            )
    return items


def event_code(item: dict[str, Any]) -> str:
    return str(item.get("code") or item.get("catalog") or "")


def _events(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {event_code(item): item for section in SECTIONS for item in document.get(section) or []}


def campaign_changes(old: dict[str, Any] | None, new: dict[str, Any]) -> list[Item]:
    """What a save changes in a campaign file: its header's fields, then event by event."""
    items = field_changes((old or {}).get("campaign") or {}, new["campaign"])
    before, after = _events(old or {}), _events(new)
    for code, item in after.items():
        if code not in before:
            items.append({"change": "added", "event": code, "new": item.get("title")})
        else:
            items.extend(field_changes(before[code], item, event=code))
    for code, item in before.items():
        if code not in after:
            items.append({"change": "removed", "event": code, "old": item.get("title")})
    return items


def record(
    session: Session,
    author: Author,
    at: datetime,
    subject: str,
    code: str,
    items: list[Item],
    *,
    created: bool = False,
) -> Change | None:
    """Add a change to the session (the caller commits); nothing when nothing changed."""
    if not items and not created:
        return None
    change = Change(
        at=at,
        user_id=author.user_id,
        author=author.name,
        subject=subject,
        code=code,
        action="created" if created else "changed",
        items=items,
    )
    session.add(change)
    return change


def of_subject(session: Session, subject: str, code: str, *, limit: int = 50) -> list[Change]:
    """The changes of one campaign, unit or group, newest first."""
    query = (
        select(Change)
        .where(Change.subject == subject, Change.code == code)
        .order_by(Change.at.desc(), Change.id.desc())
        .limit(limit)
    )
    return list(session.scalars(query))


def of_unit(session: Session, code: str, *, limit: int = 50) -> list[Change]:
    """A unit's own changes and those of groups that took it in or let it go."""
    own = of_subject(session, "unit", code, limit=limit)
    groups = session.scalars(
        select(Change).where(Change.subject == "group").order_by(Change.at.desc()).limit(500)
    )
    moved = [c for c in groups if _moves(c.items, code)]
    return sorted([*own, *moved], key=lambda c: (c.at, c.id), reverse=True)[:limit]


def _moves(items: Iterable[Item], code: str) -> bool:
    for item in items:
        if item.get("field") == "members":
            old, new = set(item.get("old") or []), set(item.get("new") or [])
            if code in old ^ new:
                return True
    return False
