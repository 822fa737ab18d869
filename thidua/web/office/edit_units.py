"""Create and edit units (name, e-mail addresses, parent, active or not) and groups (name,
kind, members) in the browser: ``/units/new``, ``/units/CODE/edit``, ``/groups/new``,
``/groups/CODE/edit``.

The store's units and groups are one units file (`thidua.exchange.units_document`); a form
changes one item of it, and the whole file is checked and stored as ``thidua load`` stores a
units file (`thidua.editing.save_units`): a unit left out is inactive, who belongs to a
group follows its members at once (a unit made inactive leaves its groups), reminders are
planned again, the change is recorded with who made it. An issue about the item is shown
beside its field; one about another item is named above the form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from calendars import models as m
from calendars import queries
from config.files import Issue
from thidua import editing, exchange, history
from thidua.web.office import issue_text, state
from thidua.web.office.history import author_of, lines
from thidua.web.office.i18n import N_
from thidua.web.office.render import (
    context_of,
    error_page,
    form_of,
    language_of,
    page,
)
from translations import gettext as _

GROUP_KINDS = ("khoi", "cum", "category")
_LABEL = re.compile(r"^(units|groups)\[(\d+)\](?:\.(\w+))?")
CODE_USED = N_("this code is already used by a unit or a group: choose another code")


def routes() -> list[BaseRoute]:
    return [
        Route("/units/new", unit_form, methods=["GET", "POST"], name="unit_new"),
        Route("/units/{code}/edit", unit_form, methods=["GET", "POST"], name="unit_edit"),
        Route("/groups/new", group_form, methods=["GET", "POST"], name="group_new"),
        Route("/groups/{code}/edit", group_form, methods=["GET", "POST"], name="group_edit"),
    ]


@dataclass
class ItemForm:
    """A unit's or a group's form: its values and the issues beside its fields."""

    kind: str  # unit or group
    code: str | None  # None: a new one
    values: dict[str, Any]
    errors: dict[str, list[str]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)

    @property
    def section(self) -> str:
        return "units" if self.kind == "unit" else "groups"


# --- reading the store and the form ----------------------------------------------------


def _stored(context: Any, kind: str, code: str) -> dict[str, Any] | None:
    """The unit or group as the store keeps it, active or not."""
    with context.database.session() as session:
        if kind == "unit":
            unit = session.scalar(select(m.Unit).where(m.Unit.code == code))
            if unit is None:
                return None
            codes = {u.id: u.code for u in queries.units(session, include_inactive=True)}
            return {**exchange.unit_item(unit, codes), "active": unit.active}
        group = session.scalar(select(m.Group).where(m.Group.code == code))
        if group is None:
            return None
        return {**exchange.group_item(group), "active": group.active}


def _posted(fields: Any, kind: str, code: str | None) -> dict[str, Any]:
    def text(name: str) -> str:
        value = fields.get(name)
        return value.strip() if isinstance(value, str) else ""

    values: dict[str, Any] = {"code": code or text("code"), "name": text("name")}
    if kind == "unit":
        values["emails"] = [e for e in re.split(r"[\s,;]+", text("emails")) if e]
        values["parent"] = text("parent") or None
    else:
        values["kind"] = text("kind")
        values["members"] = [str(v) for v in fields.getlist("members") if str(v)]
    values["note"] = text("note") or None
    values["active"] = fields.get("active") == "1"
    return values


def _document(context: Any, form: ItemForm) -> tuple[dict[str, Any], int | None]:
    """The store's units file with this item in it (or left out, when inactive); the
    item's index in its section."""
    with context.database.session() as session:
        document = exchange.units_document(session)
    code = form.values["code"]
    items = [i for i in document[form.section] if i["code"] != code]
    if form.kind == "unit" and not form.values.get("active"):
        for group in document["groups"]:  # an inactive unit leaves its groups
            group["members"] = [c for c in group["members"] if c != code]
    index = None
    if form.values.get("active"):
        item = {k: v for k, v in form.values.items() if k != "active" and v not in (None, "")}
        index = len(items)
        items.append(item)
    document[form.section] = items
    return document, index


def _place(
    request: Request,
    form: ItemForm,
    issues: list[Issue],
    document: dict[str, Any],
    index: int | None,
) -> None:
    """Issues about the item beside its fields; others above the form, naming their item."""
    language = language_of(request)
    for issue in issues:
        if issue.severity != "error":
            continue
        message = issue_text.translated(issue.message, language)
        match = _LABEL.match(issue.field)
        if match and match[1] == form.section and index is not None and int(match[2]) == index:
            form.errors.setdefault(match[3] or "", []).append(message)
        elif match:
            items = document[match[1]]
            item = int(match[2])
            where = items[item]["code"] if item < len(items) else issue.field
            form.general.append(f"{where}: {message}")
        else:
            form.general.append(message)


# --- the pages -------------------------------------------------------------------------


async def unit_form(request: Request) -> Response:
    return await _item_page(request, "unit")


async def group_form(request: Request) -> Response:
    return await _item_page(request, "group")


async def _item_page(request: Request, kind: str) -> Response:
    code = request.path_params.get("code")
    context = context_of(request)
    stored = _stored(context, kind, code) if code else None
    if code and stored is None:
        missing = N_("There is no unit %(code)s.") if kind == "unit" else N_("No group %(code)s.")
        return error_page(request, 404, missing, code=code)
    if request.method == "GET":
        values = stored or {"code": "", "name": "", "active": True, "emails": [], "members": []}
        return _render(request, ItemForm(kind, code, values))
    fields = await form_of(request)
    form = ItemForm(kind, code, _posted(fields, kind, code))
    if code is None and _code_taken(context, form.values["code"]):
        form.errors["code"] = [_(CODE_USED, language_of(request))]
        return _render(request, form, status_code=422)
    document, index = _document(context, form)
    author = author_of(request)
    subject = (kind, form.values["code"])
    confirm = fields.get("action") == "confirm"
    saved = await run_in_threadpool(
        lambda: editing.save_units(context, document, author, subject, confirm=confirm)
    )
    if saved.stored:
        state.flash(request.session, "success", N_("Saved."))
        saved_code = form.values["code"]
        target = f"/units/{saved_code}" if kind == "unit" else f"/groups/{saved_code}/edit"
        return RedirectResponse(target, status_code=303)
    _place(request, form, saved.issues, document, index)
    status = 422 if saved.errors else 200
    return _render(request, form, due=saved.due, status_code=status)


def _code_taken(context: Any, code: str) -> bool:
    with context.database.session() as session:
        unit = session.scalar(select(m.Unit.id).where(m.Unit.code == code))
        group = session.scalar(select(m.Group.id).where(m.Group.code == code))
    return bool(code) and (unit is not None or group is not None)


def _render(
    request: Request,
    form: ItemForm,
    *,
    due: list[editing.DueReminder] | None = None,
    status_code: int = 200,
) -> Response:
    context = context_of(request)
    with context.database.session() as session:
        units = queries.units(session)
        groups = [g for g in queries.groups(session) if g.code != form.code]
        changes = history.of_subject(session, form.kind, form.code) if form.code else []
    subject = str(form.values.get("name") or form.code or "")
    return page(
        request,
        "unit_form.html" if form.kind == "unit" else "group_form.html",
        {
            "item": form,
            "v": form.values,
            "errors": form.errors,
            "due": due or [],
            "units": [u for u in units if u.code != form.code],
            "parent_options": [(u.code, u.name) for u in units if u.code != form.code],
            "groups": groups,
            "group_kinds": GROUP_KINDS,
            "history": lines(changes, subject, language_of(request), context.settings.tz),
        },
        status_code=status_code,
    )
