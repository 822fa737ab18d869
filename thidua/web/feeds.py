"""Feeds over HTTP: ``/feeds/…ics`` with ETag, Last-Modified, 304 and gzip."""

from __future__ import annotations

from starlette.routing import BaseRoute

from thidua.context import AppContext


def routes(context: AppContext) -> list[BaseRoute]:
    return []
