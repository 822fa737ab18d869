"""Helpers for the reminder tests: a small campaign of their own, loading, a transport that
records notices (for dispatch logic; the acceptance tests use the real SMTP server), and
reading the reminder table back."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import textwrap
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import anyio
import httpx2
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from calendars import models as m
from config.settings import Settings, get_settings
from notifiers.base import Notice, SendResult, Transport, TransportError
from scheduler.dispatch import Dispatcher, DispatchReport
from scheduler.models import Reminder
from tests.conftest import EXAMPLES, Cli
from tests.smtp import Received, SmtpServer
from thidua.context import AppContext, parse_now
from thidua.web import create_app

UNITS = EXAMPLES / "units.yaml"
THIDUA = Path(sys.executable).parent / "thidua"  # the console script of this environment

# Two deadlines on the same day for the six units of the "tổng hợp" bloc, and one a week
# later for two of them; the Board (ban-tdkt) receives them. 14/03/2024 is a Thursday.
CAMPAIGN = textwrap.dedent(
    """\
    campaign:
      code: thu-nghiem-2024
      title: Phong trào thi đua thử nghiệm năm 2024
      issuer: UBND tỉnh Phú Thọ
      document: {kind: Kế hoạch, number: 12/KH-UBND, date: 05/01/2024}
      period: {start: 01/01/2024, end: 31/12/2024}
      receiver: Sở Nội vụ (Ban Thi đua - Khen thưởng)
      receiver_unit: ban-tdkt

    deadlines:
      - code: bao-cao-quy-1
        title: Báo cáo thi đua quý I năm 2024
        what: Báo cáo kết quả phong trào thi đua quý I
        wording: chậm nhất ngày 14/3/2024
        due: {rule: by, date: 14/03/2024}
        units: [khoi-tong-hop]
      - code: dang-ky-khen-thuong
        title: Đăng ký khen thưởng chuyên đề
        what: Danh sách đăng ký khen thưởng chuyên đề
        wording: hạn cuối ngày 14/3/2024
        due: {rule: by, date: 14/03/2024}
        units: [khoi-tong-hop]
      - code: bao-cao-chuyen-de
        title: Báo cáo chuyên đề cải cách hành chính
        what: Báo cáo chuyên đề
        wording: trước ngày 22/3/2024
        due: {rule: before, date: 22/03/2024}
        units: [so-tai-chinh, so-tu-phap]
    """
)
BLOC = [
    "so-ke-hoach-dau-tu",
    "so-noi-vu",
    "so-tai-chinh",
    "so-tu-phap",
    "thanh-tra-tinh",
    "van-phong-ubnd",
]


def write_campaign(folder: Path, text: str = CAMPAIGN, name: str = "thu-nghiem.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def load(cli: Cli, *files: Path, now: str = "2024-01-10T09:00") -> None:
    result = cli("load", "--now", now, *files)
    assert result.exit_code == 0, result.output


def load_examples(cli: Cli) -> None:
    load(cli, *sorted(EXAMPLES.glob("*.yaml")))


class Recorder:
    """A transport factory whose transports record what they are given; ``fail`` maps a
    unit code to the TransportError its notices raise, ``broken`` names units whose
    notices cannot even be rendered."""

    def __init__(self) -> None:
        self.notices: list[Notice] = []
        self.fail: dict[str, TransportError] = {}
        self.broken: set[str] = set()
        self.opened = 0

    def __call__(self, settings: Settings, clock: Callable[[], datetime]) -> Transport:
        recorder = self

        class Recording(Transport):
            name = "recording"

            def open(self) -> None:
                recorder.opened += 1

            def prepare(self, notice: Notice) -> Notice:
                if notice.to.code in recorder.broken:
                    raise RuntimeError(f"cannot render {notice.to.code}")
                return notice

            def deliver(
                self,
                prepared: Notice,
                meanwhile: Callable[[], None] | None = None,
                before: Callable[[], None] | None = None,
            ) -> SendResult:
                if before is not None:
                    before()
                if meanwhile is not None:  # as SMTP does, while the server reads
                    meanwhile()
                if prepared.to.code in recorder.fail:
                    raise recorder.fail[prepared.to.code]
                recorder.notices.append(prepared)
                return SendResult(prepared.message_id, prepared.to.addresses)

        return Recording(settings, clock)

    def to(self, code: str) -> list[Notice]:
        return [n for n in self.notices if n.to.code == code]

    def clear(self) -> None:
        self.notices.clear()


def request(context: AppContext, method: str, path: str, **kwargs: Any) -> httpx2.Response:
    """One request to the web app, in process (no server, no lifespan)."""

    async def go() -> httpx2.Response:
        transport = httpx2.ASGITransport(app=create_app(context))
        async with httpx2.AsyncClient(transport=transport, base_url="http://thidua.test") as client:
            return await client.request(method, path, **kwargs)

    return anyio.run(go)


def at(app: AppContext, text: str) -> datetime:
    return parse_now(text, app.settings)


def dispatch(app: AppContext, recorder: Recorder, now: str, **kwargs: Any) -> DispatchReport:
    dispatcher = Dispatcher(
        app.database.sessions, app.settings, app.calendar, transport_factory=recorder, **kwargs
    )
    return dispatcher.run(at(app, now))


@contextmanager
def session(app: AppContext) -> Iterator[Session]:
    with app.database.session() as s:
        yield s


def rows(app: AppContext, *where: Any) -> list[Reminder]:
    with session(app) as s:
        query = (
            select(Reminder)
            .join(m.Unit)
            .options(joinedload(Reminder.unit))
            .order_by(Reminder.fire_at, m.Unit.code, Reminder.id)
        )
        return list(s.scalars(query.where(*where)))


def statuses(app: AppContext, *where: Any) -> Counter[tuple[str, str | None]]:
    return Counter((r.status, r.reason) for r in rows(app, *where))


def unit_id(app: AppContext, code: str) -> int:
    with session(app) as s:
        found = s.scalar(select(m.Unit.id).where(m.Unit.code == code))
        assert found is not None
        return found


def occurrence_id(app: AppContext, uid_stem: str) -> int:
    with session(app) as s:
        found = s.scalar(
            select(m.Occurrence.id).where(m.Occurrence.uid == f"{uid_stem}@thidua.local")
        )
        assert found is not None
        return found


def start(args: list[str], log: Path, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    """``thidua ARGS`` as a process of its own, with the test's THIDUA_* settings (and
    ``env``), its output in ``log``."""
    return subprocess.Popen(
        [str(THIDUA), *args],
        env={**os.environ, **(env or {})},
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )


def stop(process: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> int:
    """Signal the process (SIGTERM: a clean stop) and wait for its exit status."""
    if process.poll() is None:
        process.send_signal(sig)
    return process.wait(timeout=60)


def use_smtp(server: SmtpServer, monkeypatch: pytest.MonkeyPatch) -> Settings:
    for key, value in server.settings_env().items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    return Settings()


def units_reached(messages: list[Received]) -> Counter[str]:
    return Counter(address for message in messages for address in message.rcpt_to)


_MESSAGE_ID = re.compile(rb"^Message-ID:\s*(<[^>\r\n]+>)", re.IGNORECASE | re.MULTILINE)


def message_ids(messages: list[Received]) -> Counter[str]:
    """Read from the raw bytes: parsing thousands of messages would cost the test seconds."""
    found: Counter[str] = Counter()
    for message in messages:
        match = _MESSAGE_ID.search(message.data)
        assert match is not None
        found[match.group(1).decode()] += 1
    return found
