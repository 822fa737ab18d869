"""The HTTP app (ASGI, Starlette on uvicorn): feeds, the JSON API, the office's pages.

Each module here contributes its routes; `create_app` puts them together. Routes are
looked up in this order, so the feeds' hot path is matched first.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Route

from thidua.context import AppContext
from thidua.web import api, feeds, office, upload


async def health(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


def create_app(context: AppContext | None = None) -> Starlette:
    """The ASGI app for ``thidua serve``; ``context`` defaults to the configured one."""
    context = context or AppContext()
    routes: list[BaseRoute] = [
        *feeds.routes(context),
        *api.routes(context),
        *upload.routes(context),
        *office.routes(context),
        Route("/health", health),
    ]
    app = Starlette(
        routes=routes,
        middleware=office.middleware(context),
        exception_handlers=office.exception_handlers(),
    )
    app.state.context = context
    return app
