"""The emulation office's pages (sign-in, dashboard, deadlines, units, campaigns)."""

from __future__ import annotations

from starlette.middleware import Middleware
from starlette.routing import BaseRoute

from thidua.context import AppContext


def routes(context: AppContext) -> list[BaseRoute]:
    return []


def middleware(context: AppContext) -> list[Middleware]:
    return []
