"""The HTTP app (ASGI, Starlette on uvicorn): feeds, the JSON API, the office's pages.

Each module here contributes its routes; `create_app` puts them together. Routes are
looked up in this order, so the feeds' hot path is matched first.
"""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Route

from thidua.context import AppContext
from thidua.web import api, feeds, office, upload


async def health(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


@asynccontextmanager
async def frozen_heap(app: Starlette) -> AsyncIterator[None]:
    """While the app serves, the objects it was started with (modules, mappers, templates,
    about 130,000) are kept out of the garbage collector's full passes: each such pass
    walked them all and held every request in flight (0.1–0.3 s under wrk on a busy
    machine: the feeds' p99). They live as long as the process anyway."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()  # a process that starts several apps (the tests) collects them again


def create_app(context: AppContext | None = None) -> Starlette:
    """The ASGI app for ``thidua serve``; ``context`` defaults to the configured one."""
    context = context or AppContext()
    feed_server = feeds.FeedServer(context)
    routes: list[BaseRoute] = [
        *feeds.routes(feed_server),
        *api.routes(context),
        *upload.routes(context),
        *office.routes(context),
        Route("/health", health),
    ]
    app = Starlette(
        routes=routes,
        # A feed in memory is answered first: it needs neither the office's session nor
        # its guard.
        middleware=[feeds.middleware(feed_server), *office.middleware(context)],
        exception_handlers=office.exception_handlers(),
        lifespan=frozen_heap,
    )
    app.state.context = context
    return app
