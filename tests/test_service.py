"""The reminder service: APScheduler in the background, in process; and the processes
``thidua worker`` and ``thidua serve``, started as a deployment starts them and stopped
with SIGTERM."""

from __future__ import annotations

import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest

from calendars.feeds import subscribe_links
from config.settings import Settings
from scheduler.models import Reminder
from scheduler.service import ReminderService, shifted_clock
from tests.conftest import Cli
from tests.reminders import BLOC, UNITS, Recorder, at, load, rows, start, stop, write_campaign
from tests.smtp import SmtpServer
from thidua.cli.service import follow_port
from thidua.context import AppContext


def wait_until(condition: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail("timed out waiting")
        time.sleep(0.05)


@contextmanager
def running(service: ReminderService) -> Iterator[ReminderService]:
    service.start()
    try:
        yield service
    finally:
        service.stop()


def test_the_service_sends_at_the_fire_time_not_the_next_minute(
    sqlite_settings: Settings, cli: Cli, tmp_path: Path
) -> None:
    load(cli, UNITS, write_campaign(tmp_path / "files"))
    app = AppContext(settings=sqlite_settings)
    recorder = Recorder()
    service = ReminderService(
        app.database.sessions,
        app.settings,
        app.calendar,
        clock=shifted_clock(at(app, "2024-03-14T07:29:58")),
        transport_factory=recorder,
        interval=60,  # the minute tick cannot be what sends them
    )
    try:
        with running(service):
            wait_until(lambda: service.runs >= 1)
            assert recorder.notices == []  # planned at start; nothing due at 07:29:58
            assert rows(app)  # the plan ran
            wait_until(lambda: len(recorder.notices) >= len(BLOC), timeout=30)
        assert sorted(n.to.code for n in recorder.notices) == BLOC
        sent = rows(app, Reminder.status == "sent")
        fire = at(app, "2024-03-14T07:30")
        assert all(fire <= r.sent_at < fire + timedelta(seconds=20) for r in sent)
        assert not service.scheduler.running
    finally:
        app.close()


def test_the_service_plans_again_after_a_load(
    sqlite_settings: Settings, cli: Cli, tmp_path: Path
) -> None:
    path = write_campaign(tmp_path / "files")
    load(cli, UNITS, path)
    app = AppContext(settings=sqlite_settings)
    service = ReminderService(
        app.database.sessions,
        app.settings,
        app.calendar,
        clock=shifted_clock(at(app, "2024-02-01T09:00")),
        transport_factory=Recorder(),
        interval=0.5,
    )
    try:
        with running(service):
            wait_until(lambda: service.runs >= 1)
            before = len(rows(app))
            text = path.read_text("utf-8").replace(
                "units: [so-tai-chinh, so-tu-phap]", "units: [so-tai-chinh, so-tu-phap, so-y-te]"
            )
            path.write_text(text, encoding="utf-8")
            load(cli, UNITS, path)
            wait_until(lambda: len(rows(app)) == before + 7)
    finally:
        app.close()


# --- the processes -----------------------------------------------------------------------


def test_a_worker_sends_what_is_due_and_stops_cleanly_on_sigterm(
    sqlite_settings: Settings, cli: Cli, tmp_path: Path, smtp_server: SmtpServer
) -> None:
    load(cli, UNITS, write_campaign(tmp_path / "files"))
    log = tmp_path / "worker.log"
    worker = start(["worker", "--now", "2024-03-14T07:30"], log, smtp_server.settings_env())
    try:
        smtp_server.wait_for(len(BLOC))
    finally:
        code = stop(worker)
    output = log.read_text("utf-8")
    assert code == 0, output
    assert "SIGTERM: dừng sau khi gửi xong thư đang gửi" in output
    assert "stopped" in output
    assert len(smtp_server.messages) == len(BLOC)


def test_serve_runs_the_reminders_beside_the_web_app(
    sqlite_settings: Settings, cli: Cli, tmp_path: Path
) -> None:
    load(cli, UNITS, write_campaign(tmp_path / "files"))
    outbox = sqlite_settings.effective_outbox_dir
    log = tmp_path / "serve.log"
    server = start(["serve", "--port", "0", "--now", "2024-03-14T07:30"], log)
    try:
        wait_until(lambda: outbox.is_dir() and len(list(outbox.glob("*.eml"))) >= len(BLOC))
    finally:
        code = stop(server)
    output = log.read_text("utf-8")
    # uvicorn re-raises SIGTERM once it has shut down (the lifespan first, which stops the
    # reminder service after the message in flight).
    assert code in (0, -signal.SIGTERM), output
    assert f"thư nhắc được ghi vào {outbox}" in output
    assert "reminders: worker" in output
    assert "stopped" in output
    assert len(list(outbox.glob("*.eml"))) == len(BLOC)


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("127.0.0.1", "http://127.0.0.1:8123"),
        ("0.0.0.0", "http://127.0.0.1:8123"),
        ("::1", "http://[::1]:8123"),
        ("thidua.lan", "http://thidua.lan:8123"),
    ],
)
def test_links_follow_the_port_when_no_base_url_is_set(
    sqlite_settings: Settings, host: str, expected: str
) -> None:
    context = AppContext(settings=Settings())
    follow_port(context, host, 8123)
    assert context.settings.base_url == expected
    links = subscribe_links(context.settings.base_url, "/feeds/all.ics")
    assert links.https == f"{expected}/feeds/all.ics"


def test_a_configured_base_url_is_kept_whatever_the_port(
    sqlite_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("THIDUA_BASE_URL", "https://thidua.tinh.gov.vn")
    context = AppContext(settings=Settings())
    follow_port(context, "127.0.0.1", 8123)
    assert context.settings.base_url == "https://thidua.tinh.gov.vn"
