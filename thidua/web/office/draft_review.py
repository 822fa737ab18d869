"""Draft review: a plan, directive or letter (pasted, or a file the importer reads) becomes
a campaign form to review, not YAML.

``POST /campaigns/import`` reads the document through the importer (`importing`) and shows
the draft as the campaign form (`campaign_editor`): the header's fields, then every event
the importer proposes as a row — its source sentence with the dated words marked, its
fields, the units responsible picked from the stored groups and units, its review notes —
each accepted or dropped with a tick. ``POST /campaigns/draft/save`` checks it or stores it
(a new campaign: a code already stored is refused).
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from thidua.web.office import campaign_editor, campaign_form, importing
from thidua.web.office.campaigns import MAX_FILE_BYTES, clean_name, import_failed
from thidua.web.office.i18n import N_
from thidua.web.office.render import context_of, form_of, translate

PASTED_DIRECTIVE = "van-ban.txt"


def routes() -> list[BaseRoute]:
    return [
        Route("/campaigns/import", read_document, methods=["POST"], name="campaigns_import"),
        Route("/campaigns/draft/save", save_draft, methods=["POST"], name="draft_save"),
    ]


async def read_document(request: Request) -> Response:
    form = await form_of(request)
    pasted = str(form.get("text") or "").strip()
    document = form.get("document")
    if isinstance(document, UploadFile) and document.filename:
        name = clean_name(document.filename) or PASTED_DIRECTIVE
        data = await document.read(MAX_FILE_BYTES + 1)
    elif pasted:
        name, data = PASTED_DIRECTIVE, pasted.encode("utf-8")
    else:
        message = translate(request, N_("Paste the text or choose a file."))
        return import_failed(request, pasted, message, 400)
    if not name.lower().endswith(importing.DIRECTIVE_SUFFIXES):
        message = translate(request, N_("%(name)s: choose a .txt, .docx or .pdf file."), name=name)
        return import_failed(request, pasted, message, 400)
    if len(data) > MAX_FILE_BYTES:
        message = translate(request, N_("%(name)s: the file is larger than 2 MB."), name=name)
        return import_failed(request, pasted, message, 413)
    context = context_of(request)
    try:
        draft = await run_in_threadpool(importing.draft_from_directive, context, name, data)
    except importing.UnreadableDirective as exc:
        return import_failed(request, pasted, str(exc), 400)
    form = campaign_form.from_document(draft.document)
    for row, index in zip(form.rows, _indices(form), strict=True):
        source = draft.sources.get((row.section, index))
        if source is not None:
            row.source, row.line, row.notes = source.quote, source.line, list(source.notes)
    return campaign_editor.render(
        request, form, mode="draft", source_name=name, header_notes=draft.header_notes
    )


def _indices(form: campaign_form.Form) -> list[int]:
    """Each row's index within its section, in the order `from_document` made them."""
    seen: dict[str, int] = {}
    indices = []
    for row in form.rows:
        indices.append(seen.get(row.section, 0))
        seen[row.section] = indices[-1] + 1
    return indices


async def save_draft(request: Request) -> Response:
    return await campaign_editor.submit(request, mode="draft")
