"""Helpers of the office pages' tests: a store holding the example campaigns, units and
one staff member, signing in, and a live server for the browser tests. The fixtures built
on them are in `tests.office_fixtures`."""

from __future__ import annotations

import re
import socket
import threading
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import uvicorn
from starlette.applications import Starlette
from starlette.testclient import TestClient

from tests.conftest import EXAMPLES
from thidua import bundles
from thidua import users as accounts
from thidua.context import AppContext

# A Thursday of the examples' year: four campaigns run, Tết 2024 is a week away.
NOW = datetime(2024, 2, 1, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
USERNAME = "lan"
PASSWORD = "mật khẩu đủ dài"
DISPLAY_NAME = "Nguyễn Thị Lan"

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def seed(context: AppContext, *, examples: bool = True) -> None:
    """The example campaigns and units (as ``thidua load examples/*``) and one user."""
    if examples:
        bundle = bundles.check_files(context, sorted(EXAMPLES.glob("*.yaml")), use_store=True)
        assert not bundle.errors, bundle.errors
        bundles.store_bundle(context, bundle)
    with context.database.session() as session, session.begin():
        accounts.add_user(session, USERNAME, PASSWORD, display_name=DISPLAY_NAME, now=NOW)


def csrf_of(html: str) -> str:
    match = _CSRF.search(html)
    assert match, "the page has no CSRF field"
    return match.group(1)


def sign_in(client: TestClient, username: str = USERNAME, password: str = PASSWORD) -> None:
    token = csrf_of(client.get("/signin").text)
    response = client.post(
        "/signin",
        data={"username": username, "password": password, "csrf_token": token, "next": "/"},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    assert response.headers["location"] == "/"


class LiveServer:
    """The app served by uvicorn in a thread, on a free port of 127.0.0.1."""

    def __init__(self, app: Starlette) -> None:
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}"
        config = uvicorn.Config(app, log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True
        )

    def __enter__(self) -> LiveServer:
        self.thread.start()
        while not self.server.started:
            if not self.thread.is_alive():
                raise RuntimeError("the server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.should_exit = True
        self.thread.join()
        self.socket.close()
