"""A campaign's file, and the units file, as downloads: the YAML ``thidua load`` reads
(`thidua.exchange`), so that what the office edits in the browser can be kept, mailed or
loaded elsewhere."""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from thidua import exchange
from thidua.web.office.i18n import N_
from thidua.web.office.render import context_of, error_page


def routes() -> list[BaseRoute]:
    return [
        Route("/campaigns/{code}/export.yaml", campaign_file, methods=["GET"], name="export"),
        Route("/units/export.yaml", units_file, methods=["GET"], name="units_export"),
    ]


def _download(text: str, name: str) -> Response:
    return Response(
        text.encode("utf-8"),
        media_type="application/yaml; charset=utf-8",
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"},
    )


def campaign_file(request: Request) -> Response:
    code = request.path_params["code"]
    with context_of(request).database.session() as session:
        text = exchange.campaign_yaml(session, code)
    if text is None:
        return error_page(request, 404, N_("There is no campaign %(code)s."), code=code)
    return _download(text, f"{code}.yaml")


def units_file(request: Request) -> Response:
    with context_of(request).database.session() as session:
        text = exchange.units_yaml(session)
    return _download(text, "units.yaml")
