"""``thidua serve`` and ``thidua worker``: the long-running processes.

``serve`` runs the web app and the reminder service in one process; ``worker`` runs the
reminder service alone (several may share one PostgreSQL database). Both stop cleanly on
SIGTERM or SIGINT: the message in flight is finished and recorded, the rest is given back
for the next process to send.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from types import FrameType
from typing import Any

import anyio
import click
import uvicorn
from starlette.applications import Starlette

from scheduler.service import ReminderService, shifted_clock
from thidua.cli import collector
from thidua.cli.common import err_console, now_option, pass_app
from thidua.cli.i18n import command
from thidua.context import AppContext
from thidua.users import all_users
from thidua.web import create_app, logmask, server
from translations import N_
from translations import gettext as _


def register(main: click.Group) -> None:
    main.add_command(serve)
    main.add_command(worker)


def reminder_service(app: AppContext) -> ReminderService:
    """The service on the app's database, with the clock ``--now`` started (if given)."""
    return ReminderService(
        app.database.sessions,
        app.settings,
        app.calendar,
        clock=shifted_clock(app.now_override),
    )


def _log_to_stderr() -> None:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    # APScheduler logs every run of every job at INFO; thidua.reminders says what matters.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


def _where_to_look(app: AppContext) -> None:
    settings = app.settings
    if settings.notifier == "outbox":
        where = _(
            "reminders are written to %(dir)s/ (one .eml a message)",
            dir=str(settings.effective_outbox_dir),
        )
    else:
        where = _(
            "reminders are sent through %(host)s:%(port)d",
            host=settings.smtp_host,
            port=settings.smtp_port,
        )
    _say(where)
    if app.now_override is not None:
        moment = app.now_override.astimezone(settings.tz)
        _say(
            _(
                "the clock starts at %(moment)s (%(zone)s)",
                moment=f"{moment:%d/%m/%Y %H:%M:%S}",
                zone=settings.timezone,
            )
        )


def _office_accounts(app: AppContext) -> None:
    """The office's pages need an account; say how to make the first one."""
    with app.database.session() as session:
        if not all_users(session):
            _say(_("no office account yet: create one with 'thidua users add USERNAME'"))


def _say(line: str) -> None:
    err_console.print(line, soft_wrap=True, markup=False, highlight=False)


@command(help=N_("Run the web app (feeds, API, office pages) and the reminder service."))
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),  # 0: a free port the system picks
    help=N_("The port; links in mails and pages follow it unless THIDUA_BASE_URL is set."),
)
@click.option(
    "--no-reminders",
    is_flag=True,
    help=N_("Serve the web app only (reminders sent by 'thidua worker' processes)."),
)
@now_option
@pass_app
def serve(app: AppContext, host: str, port: int, no_reminders: bool) -> None:
    collector.running_on()
    follow_port(app, host, port)
    app.database  # noqa: B018 - open (and migrate) before serving
    web = create_app(app)
    if not no_reminders:
        _run_alongside(web, reminder_service(app))
        _where_to_look(app)
    _say(_("thidua on %(url)s", url=f"http://{host}:{port}/"))
    _office_accounts(app)
    uvicorn.run(
        web,
        host=host,
        port=port,
        log_level="info",
        log_config=logmask.log_config(),
        proxy_headers=True,
        http=server.HttpProtocol,
    )


def follow_port(app: AppContext, host: str, port: int) -> None:
    """Links (feeds, submit links, office pages) name where this process listens, unless the
    base URL is configured (a reverse proxy's public address)."""
    if "base_url" in app.settings.model_fields_set or port == 0:
        return  # configured, or a port not known until the system picks it
    shown = "127.0.0.1" if host in {"0.0.0.0", "::", ""} else host  # noqa: S104 - compared
    if ":" in shown:
        shown = f"[{shown}]"  # an IPv6 address
    app.settings.base_url = f"http://{shown}:{port}"


def _run_alongside(web: Starlette, service: ReminderService) -> None:
    """Start the service with the app and stop it (cleanly) when uvicorn shuts down: the
    lifespan's shutdown runs before uvicorn re-raises SIGTERM."""
    inner = web.router.lifespan_context

    @asynccontextmanager
    async def lifespan(application: Starlette) -> AsyncIterator[Mapping[str, Any] | None]:
        _log_to_stderr()
        service.start()
        web.state.reminders = service
        try:
            async with inner(application) as state:
                yield state
        finally:
            await anyio.to_thread.run_sync(service.stop)

    web.router.lifespan_context = lifespan


@command(
    help=N_(
        "Run the reminder service alone: plan, and send what falls due, until stopped"
        " (SIGTERM or Ctrl-C finishes the message in flight)."
    )
)
@now_option
@pass_app
def worker(app: AppContext) -> None:
    collector.running_on()
    _log_to_stderr()
    service = reminder_service(app)
    stop = threading.Event()

    def request_stop(signum: int, _frame: FrameType | None) -> None:
        err_console.print(
            _(
                "%(signal)s: stopping after the message in flight",
                signal=signal.Signals(signum).name,
            )
        )
        stop.set()

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, request_stop)
    service.start()
    _where_to_look(app)
    while not stop.wait(0.5):
        pass
    service.stop()
