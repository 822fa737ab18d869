"""``thidua serve`` and ``thidua worker``: the long-running processes."""

from __future__ import annotations

import click
import uvicorn

from thidua.cli.common import err_console, pass_app
from thidua.context import AppContext
from thidua.web import create_app


def register(main: click.Group) -> None:
    main.add_command(serve)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@pass_app
def serve(app: AppContext, host: str, port: int) -> None:
    """Run the web app (feeds, API, office pages)."""
    app.database  # noqa: B018 - open (and migrate) before serving
    err_console.print(f"thidua on http://{host}:{port}/")
    uvicorn.run(create_app(app), host=host, port=port, log_level="info", proxy_headers=True)
