"""Create and edit campaigns in the browser: ``/campaigns/new`` and ``/campaigns/CODE/edit``.

The campaign form (`campaign_editor`) of a stored campaign holds its file as stored
(`thidua.exchange`), header and events; saving stores the edited file through the path of
``thidua load``: a changed event keeps its UID and its SEQUENCE goes up, an untick'd one is
cancelled, reminders are planned again, and the change is recorded with who made it.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from thidua import exchange
from thidua.web.office import campaign_editor, campaign_form
from thidua.web.office.i18n import N_
from thidua.web.office.render import context_of, error_page


def routes() -> list[BaseRoute]:
    return [
        Route("/campaigns/new", new_form, methods=["GET"], name="campaign_new"),
        Route("/campaigns/new", create, methods=["POST"], name="campaign_create"),
        Route("/campaigns/{code}/edit", edit_form, methods=["GET"], name="campaign_edit"),
        Route("/campaigns/{code}/edit", save, methods=["POST"], name="campaign_save"),
    ]


def new_form(request: Request) -> Response:
    form = campaign_form.Form(campaign_editor.header_fields({}), [])
    return campaign_editor.render(request, form, mode="new")


async def create(request: Request) -> Response:
    return await campaign_editor.submit(request, mode="new")


def edit_form(request: Request) -> Response:
    code = request.path_params["code"]
    with context_of(request).database.session() as session:
        campaign = exchange.find_campaign(session, code)
        document = exchange.campaign_document(campaign) if campaign is not None else None
    if document is None:
        return error_page(request, 404, N_("There is no campaign %(code)s."), code=code)
    form = campaign_form.from_document(document)
    return campaign_editor.render(request, form, mode="edit", code=code)


async def save(request: Request) -> Response:
    code = request.path_params["code"]
    with context_of(request).database.session() as session:
        if exchange.find_campaign(session, code) is None:
            return error_page(request, 404, N_("There is no campaign %(code)s."), code=code)
    return await campaign_editor.submit(request, mode="edit", code=code)
