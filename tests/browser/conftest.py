"""Browser tests: Playwright for Python driving Debian's Chromium, headless, against the
app served on 127.0.0.1. Playwright's own browser download does not work on these
machines, so the browser is launched from ``executable_path`` (``make install-test``
installs the ``chromium`` package). Without it the tests are skipped — except under CI
(``CI=true``), where they fail: a CI run must not pass without them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from config.settings import Settings
from tests.conftest import ROOT, _in_ci
from tests.office import NOW, LiveServer, seed
from thidua.context import AppContext
from thidua.web import create_app

CHROMIUM = os.environ.get("THIDUA_TEST_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# As root in a container, without a network: no sandbox, no GPU, and nothing that phones
# home (the machine refuses those connections, many at a time).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "test-artifacts"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).parent == Path(__file__).parent:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Module scope, not session: while Playwright's sync API is open its event loop counts
    as running in this thread, and other modules' tests that start one (anyio.run) would
    fail. Pytest closes it before it runs a test of another module."""
    if not Path(CHROMIUM).exists():
        message = f"no Chromium at {CHROMIUM}: run 'make install-test'"
        if _in_ci():
            pytest.fail(message + " (CI=true: the browser tests must run)")
        pytest.skip(message)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@dataclass
class Site:
    url: str
    context: AppContext


@contextmanager
def serve(var: Path, now: datetime = NOW, **overrides: Any) -> Iterator[Site]:
    """The examples loaded into a SQLite store of its own under ``var``, one user, served
    on 127.0.0.1 with the clock at ``now``; ``overrides`` are settings (an SMTP server…).
    The links the service mails lead to this server."""
    values = {"secret_key": "browser-test-secret", "language": "vi", **overrides}
    settings = Settings(var_dir=var, database_url=f"sqlite:///{var / 'thidua.db'}", **values)
    context = AppContext(settings=settings, now_override=now)
    seed(context)
    with LiveServer(create_app(context)) as server:
        settings.base_url = server.url
        yield Site(server.url, context)
    context.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The examples loaded into a SQLite store, one user, the clock on 1 February 2024."""
    with serve(tmp_path_factory.mktemp("office") / "var") as served:
        yield served


@pytest.fixture
def browser_context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.fixture
def page(browser_context: BrowserContext) -> Page:
    return browser_context.new_page()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
