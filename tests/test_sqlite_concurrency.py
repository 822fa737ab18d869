"""SQLite, the embedded default, under ordinary concurrency: a dispatch of 2,000 reminders
over real SMTP by two ``send-due`` processes on the same file, while 200 API submissions
and 40 sign-ins arrive over HTTP (uvicorn). Every write transaction begins IMMEDIATE and
waits out the busy timeout, so writers queue instead of failing."""

from __future__ import annotations

import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx2
import pytest
from sqlalchemy import func, select

from scheduler.models import Reminder
from submissions.models import Submission
from tests import scale
from tests.conftest import Cli, make_settings
from tests.office import PASSWORD, USERNAME, LiveServer, csrf_of, seed
from tests.reminders import load, message_ids, start, stop, units_reached
from tests.smtp import SmtpServer
from thidua.context import AppContext
from thidua.web import create_app

UNITS = 2000
SUBMISSIONS = 200
SIGN_INS = 40
TOKEN = "api-token-for-the-load-test"
DEADLINE = "quy-mo-2024/bao-cao-01"


def submit(url: str, number: int) -> int:
    body = {"deadline": DEADLINE, "unit": scale.unit_code(number), "by": "Hệ thống QLVB"}
    headers = {"Authorization": f"Bearer {TOKEN}"}
    with httpx2.Client(base_url=url, timeout=120) as client:
        return client.post("/api/submissions", json=body, headers=headers).status_code


def sign_in(url: str, _number: int) -> int:
    with httpx2.Client(base_url=url, timeout=120) as client:
        page = client.get("/signin")
        if page.status_code != 200:
            return page.status_code
        form = {
            "username": USERNAME,
            "password": PASSWORD,
            "csrf_token": csrf_of(page.text),
            "next": "/",
        }
        return client.post("/signin", data=form, follow_redirects=False).status_code


@pytest.mark.slow
def test_two_dispatchers_api_calls_and_sign_ins_share_one_sqlite_file(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    sqlite_url: str,
    cli: Cli,
    smtp_server: SmtpServer,
) -> None:
    settings = make_settings(
        monkeypatch, tmp_path / "var", sqlite_url, api_token=TOKEN, **scale.ONE_A_UNIT
    )
    files = tmp_path / "files"
    load(cli, scale.write_units(files, UNITS), scale.write_campaign(files, 1))
    assert cli("plan", "--now", scale.SCALE_DAY).exit_code == 0
    context = AppContext(settings=settings)
    seed(context, examples=False)  # the office's staff member
    env = smtp_server.settings_env()
    logs = [tmp_path / f"send-due-{n}.log" for n in (1, 2)]
    try:
        with LiveServer(create_app(context)) as server:
            senders = [start(["send-due", "--now", scale.SCALE_DAY], log, env) for log in logs]
            try:
                smtp_server.wait_for(100, timeout=600)  # the dispatch is under way
                began, before = time.monotonic(), len(smtp_server.messages)
                with ThreadPoolExecutor(max_workers=16) as pool:
                    # The last units: some submit before their turn comes, some after.
                    last = range(UNITS - SUBMISSIONS + 1, UNITS + 1)
                    api = pool.map(submit, [server.url] * SUBMISSIONS, last)
                    signins = pool.map(sign_in, [server.url] * SIGN_INS, range(SIGN_INS))
                    api_codes, signin_codes = Counter(api), Counter(signins)
                burst = time.monotonic() - began
                during = len(smtp_server.messages) - before
            finally:
                codes = [sender.wait(timeout=900) for sender in senders]
        with context.database.session() as session:
            grouped = select(Reminder.status, func.count()).group_by(Reminder.status)
            statuses = Counter(dict(session.execute(grouped).all()))
            submitted = session.scalar(select(func.count()).select_from(Submission))
    finally:
        context.close()
        for sender in senders:
            stop(sender)
    outputs = [log.read_text("utf-8") for log in logs]
    messages = smtp_server.messages
    print(
        f"\nSQLite: {SUBMISSIONS} API submissions and {SIGN_INS} sign-ins in {burst:.1f} s "
        f"({(SUBMISSIONS + SIGN_INS) / burst:.0f} requests/s) while {during} messages went "
        f"out ({during / burst:.0f}/s); {len(messages)} messages in all; "
        f"API {dict(api_codes)}, sign-in {dict(signin_codes)}, rows {dict(statuses)}"
    )
    assert codes == [0, 0], outputs
    assert not any("Traceback" in output for output in outputs), outputs
    assert set(api_codes) <= {200, 201} and sum(api_codes.values()) == SUBMISSIONS
    assert signin_codes == {303: SIGN_INS}
    assert submitted == SUBMISSIONS
    assert statuses["sending"] == 0 and statuses["failed"] == 0 and statuses["pending"] == 0
    # Each unit reached once, or skipped because it had submitted before its turn came.
    assert max(message_ids(messages).values()) == 1
    assert max(units_reached(messages).values()) == 1
    assert len(messages) + statuses["skipped"] == UNITS
    assert statuses["sent"] == len(messages)
