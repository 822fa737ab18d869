"""The campaign form's page and what its buttons do, for the draft review (`draft_review`)
and the campaign editor (`edit_campaign`) alike.

"Check" reads the form into a campaign file and checks it as ``thidua check`` would,
showing each issue beside its field; "Add the event" adds an empty row of a kind; "Save"
goes through `thidua.editing.save_campaign` (the store path of ``thidua load``, reminders
planned again, the change recorded with its author): errors come back beside their fields
and nothing is stored; reminders already due that the save would cancel are listed first
and saved only with "Save and cancel them".
"""

from __future__ import annotations

import dataclasses
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from calendars import queries
from config.catalog import anniversaries
from config.files import Issue
from thidua import editing
from thidua.web.office import campaign_form, highlight, issue_text, state
from thidua.web.office.campaign_form import KIND_OF, Form
from thidua.web.office.history import author_of
from thidua.web.office.render import context_of, form_of, language_of, page
from translations import N_

MAX_ROWS = 300

HEADINGS = {
    "draft": N_("Review the draft"),
    "new": N_("New campaign"),
    "edit": N_("Edit the campaign"),
}


def catalog_name(code: str | None) -> str:
    entry = anniversaries().get(code or "")
    return entry.name if entry is not None else ""


def render(
    request: Request,
    form: Form,
    *,
    mode: str,
    code: str | None = None,
    due: list[editing.DueReminder] | None = None,
    checked: bool = False,
    source_name: str = "",
    header_notes: tuple[str, ...] = (),
    status_code: int = 200,
) -> Response:
    context = context_of(request)
    with context.database.session() as session:
        units = queries.units(session)
        groups = queries.groups(session)
    action = {"draft": "/campaigns/draft/save", "new": "/campaigns/new"}.get(
        mode, f"/campaigns/{code}/edit"
    )
    error_count = sum(len(v) for v in form.errors.values()) + len(form.general)
    return page(
        request,
        "campaign_form.html",
        {
            "form": form,
            "mode": mode,
            "code": code,
            "heading": HEADINGS[mode],
            "action": action,
            "cancel_url": f"/campaigns/{code}" if mode == "edit" else "/campaigns",
            "due": due or [],
            "checked": checked,
            "error_count": error_count,
            "source_name": source_name,
            "header_notes": header_notes,
            "units": units,
            "groups": groups,
            "unit_options": [(u.code, u.name) for u in units],
            "kind_sections": list(KIND_OF.items()),
            "highlight": highlight.parts,
            "carry": campaign_form.carry,
            "catalog_name": catalog_name,
        },
        status_code=status_code,
    )


def place(request: Request, form: Form, issues: list[Issue]) -> None:
    """The issues beside their fields, in the page's language."""
    language = language_of(request)
    form.place(
        [dataclasses.replace(i, message=issue_text.translated(i.message, language)) for i in issues]
    )


async def submit(request: Request, *, mode: str, code: str | None = None) -> Response:
    """A post of the form: add a row, check, or save (see the module's docstring)."""
    fields = await form_of(request)
    form = campaign_form.from_fields(fields)
    if code is not None:
        form.header["code"] = code  # a stored campaign keeps its code
    notes = tuple(str(n) for n in fields.getlist("header_note"))
    shown = {"mode": mode, "code": code, "header_notes": notes}
    shown["source_name"] = str(fields.get("source_name") or "")
    action = fields.get("action")
    if action == "add":
        section = str(fields.get("add_kind") or "")
        if section in KIND_OF and len(form.rows) < MAX_ROWS:
            number = max((r.number for r in form.rows), default=-1) + 1
            form.rows.append(campaign_form.blank_row(number, section))
        return render(request, form, **shown)
    context = context_of(request)
    document = form.document()
    if action == "check":
        bundle = await run_in_threadpool(
            lambda: editing.check_campaign(context, document, new=mode != "edit")
        )
        place(request, form, bundle.issues)
        status = 422 if bundle.errors else 200
        return render(request, form, checked=True, status_code=status, **shown)
    author = author_of(request)
    saved = await run_in_threadpool(
        lambda: editing.save_campaign(
            context, document, author, new=mode != "edit", confirm=action == "confirm"
        )
    )
    if saved.stored:
        saved_code = str(form.header.get("code"))
        state.flash(request.session, "success", N_("The campaign is saved."))
        return RedirectResponse(f"/campaigns/{saved_code}", status_code=303)
    place(request, form, saved.issues)
    status = 422 if saved.errors else 200
    return render(request, form, due=saved.due, status_code=status, **shown)


def header_fields(values: dict[str, Any]) -> dict[str, Any]:
    """A new campaign's header: what the form needs to show empty fields."""
    return {"document": {}, "period": {}, **values}
