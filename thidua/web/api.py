"""The JSON API for other systems (bearer token) and the signed submission link."""

from __future__ import annotations

from starlette.routing import BaseRoute

from thidua.context import AppContext


def routes(context: AppContext) -> list[BaseRoute]:
    return []
