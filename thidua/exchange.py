"""The store's campaigns, units and groups written back as the files ``thidua load`` reads.

YAML stays the exchange format: a campaign edited in the browser downloads as a campaign
file, and ``thidua export-yaml`` writes the same text. A stored campaign keeps its validated
file as JSON (``campaigns.spec``), so its export is that file again, and loading the export
changes nothing (same model, same content hash). Units and groups are the whole list, as a
units file is: the active ones, each with the fields the file has.

The office's edit pages build their documents here too: what they change is a document in
this form, checked and stored by `thidua.editing` through the same path as ``thidua load``.
"""

from __future__ import annotations

from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from calendars import models as m
from calendars import queries

SECTIONS = ("phases", "reviews", "commemorations", "meetings", "deadlines")


# libyaml's emitter when PyYAML was built with it: the same text, eight times faster (an
# office's save writes its campaign's whole file to check it: 100 events took 65 ms).
_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump_yaml(document: dict[str, Any]) -> str:
    """A document as YAML text: Vietnamese as written, keys in the document's order.
    Everything a file's reader would take for something else (``08:00``, ``null``) is
    quoted by PyYAML's own rules."""
    return yaml.dump(
        document,
        Dumper=_DUMPER,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )


def campaign_document(campaign: m.Campaign) -> dict[str, Any]:
    """The campaign file of a stored campaign: its header, then each non-empty section."""
    spec = campaign.spec
    document: dict[str, Any] = {"campaign": spec["campaign"]}
    for section in SECTIONS:
        if spec.get(section):
            document[section] = spec[section]
    return document


def find_campaign(session: Session, code: str) -> m.Campaign | None:
    return session.scalar(select(m.Campaign).where(m.Campaign.code == code))


def campaign_yaml(session: Session, code: str) -> str | None:
    """The campaign file of campaign ``code``; None when there is no such campaign."""
    campaign = find_campaign(session, code)
    return None if campaign is None else dump_yaml(campaign_document(campaign))


def unit_item(unit: m.Unit, codes: dict[int, str]) -> dict[str, Any]:
    """A unit as a units file lists it; ``codes`` names parents by id."""
    item: dict[str, Any] = {"code": unit.code, "name": unit.name, "emails": list(unit.emails)}
    if unit.parent_id is not None:
        item["parent"] = codes[unit.parent_id]
    if unit.note:
        item["note"] = unit.note
    return item


def group_item(group: m.Group) -> dict[str, Any]:
    item: dict[str, Any] = {
        "code": group.code,
        "name": group.name,
        "kind": group.kind,
        "members": list(group.members),
    }
    if group.note:
        item["note"] = group.note
    return item


def units_document(session: Session) -> dict[str, Any]:
    """The units file of the store: every active unit and group, by code."""
    every = queries.units(session, include_inactive=True)
    codes = {u.id: u.code for u in every}
    groups = session.scalars(select(m.Group).where(m.Group.active).order_by(m.Group.code))
    return {
        "units": [unit_item(u, codes) for u in every if u.active],
        "groups": [group_item(g) for g in groups],
    }


def units_yaml(session: Session) -> str:
    return dump_yaml(units_document(session))
