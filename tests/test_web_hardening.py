"""Secrets stay out of the access log, sign-out ends a session on the server, sign-in answers
an unknown name as it answers a wrong password and limits each client address, and the API
refuses a large body before reading it — each on the real server or the real pages."""

from __future__ import annotations

import http.client
import logging
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import timedelta

import pytest
import uvicorn
from sqlalchemy import func, select
from starlette.testclient import TestClient

from submissions.models import Submission
from tests.office import NOW, PASSWORD, USERNAME, csrf_of, sign_in
from tests.test_api import TOKEN
from tests.test_api import api as api  # noqa: PLC0414 - the API fixture (loaded, planned, token)
from thidua import users as accounts
from thidua.context import AppContext
from thidua.web import create_app, logmask
from thidua.web.api import MAX_BODY_BYTES
from thidua.web.office.signin import ADDRESS_LIMIT

pytest_plugins = ["tests.office_fixtures"]


@contextmanager
def served(context: AppContext) -> Iterator[int]:
    """The app on uvicorn in a thread, with the access log ``thidua serve`` configures."""
    config = uvicorn.Config(
        create_app(context), host="127.0.0.1", port=0, log_config=logmask.log_config()
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        while not server.started:
            thread.join(0.01)
            assert thread.is_alive()
        yield server.servers[0].sockets[0].getsockname()[1]
    finally:
        server.should_exit = True
        thread.join()


def exchange(port: int, head: bytes, chunks: Iterator[bytes]) -> tuple[bytes, int]:
    """Send a request's head then its body chunk by chunk until the server answers: the
    answer and how many body bytes went out before it."""
    sent = 0
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(head)
        conn.setblocking(False)
        answer = b""
        for chunk in chunks:
            with suppress(BlockingIOError):
                answer += conn.recv(65536)
            if answer:
                break
            try:
                conn.sendall(chunk)
            except (BlockingIOError, BrokenPipeError, ConnectionResetError):
                break
            sent += len(chunk)
        conn.setblocking(True)
        while b"\r\n\r\n" not in answer:
            more = conn.recv(65536)
            if not more:
                break
            answer += more
    return answer, sent


def _submissions(context: AppContext) -> int:
    with context.database.session() as session:
        return session.scalar(select(func.count()).select_from(Submission)) or 0


# --- the API's body ----------------------------------------------------------------------


def _megabytes(count: int) -> Iterator[bytes]:
    return (b"x" * 1024 * 1024 for _ in range(count))


def test_a_declared_200_mb_body_is_refused_before_any_of_it_is_read(api: AppContext) -> None:
    head = (
        "POST /api/submissions HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
        f"Authorization: Bearer {TOKEN}\r\nContent-Length: {200 * 1024 * 1024}\r\n\r\n"
    ).encode()
    with served(api) as port:
        answer, sent = exchange(port, head, _megabytes(200))
    assert answer.startswith(b"HTTP/1.1 413")
    assert sent < 20 * 1024 * 1024  # the answer came long before the 200 MB
    assert _submissions(api) == 0


def test_a_chunked_body_is_cut_off_at_the_limit(api: AppContext) -> None:
    head = (
        "POST /api/submissions HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
        f"Authorization: Bearer {TOKEN}\r\nTransfer-Encoding: chunked\r\n\r\n"
    ).encode()
    chunk = b"x" * 16384
    framed = (b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(200 * 64))  # 200 MB
    with served(api) as port:
        answer, sent = exchange(port, head, framed)
    assert answer.startswith(b"HTTP/1.1 413")
    assert sent < 20 * 1024 * 1024
    assert str(MAX_BODY_BYTES).encode() in answer or b"413" in answer


def test_a_small_body_still_works(api: AppContext) -> None:
    with TestClient(create_app(api)) as client:
        response = client.post(
            "/api/submissions",
            headers={"Authorization": f"Bearer {TOKEN}"},
            content=b"{" + b" " * (MAX_BODY_BYTES - 2) + b"}",
        )
    assert response.status_code == 422  # read and validated, not refused for its size


# --- the access log ----------------------------------------------------------------------


def test_the_access_log_masks_feed_tokens_and_signed_links(
    api: AppContext, capfd: pytest.CaptureFixture[str]
) -> None:
    feed_token = "Zx9-unit-feed-token-Qq"
    signed = "eyJhIjoxfQ.signed-link-part"
    with served(api) as port:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        for path, refused in (
            (f"/feeds/units/{feed_token}.ics?alarms=1", 404),
            (f"/submit/{signed}", 400),
        ):
            conn.request("GET", path)
            answer = conn.getresponse()
            answer.read()  # the whole answer, however the server splits it into packets
            assert answer.status == refused  # an unknown token, a forged link
        conn.close()
    logged = capfd.readouterr()
    log = logged.out + logged.err
    assert '"GET /feeds/units/….ics?alarms=1 HTTP/1.1" 404' in log
    assert '"GET /submit/… HTTP/1.1"' in log
    assert feed_token not in log and signed not in log


def test_masking_keeps_everything_else() -> None:
    record = logging.LogRecord(
        "uvicorn.access", logging.INFO, "", 0, '%s - "%s %s"', ("1.2.3.4:5", "GET", "/x?a=1"), None
    )
    logmask.MaskSecrets().filter(record)
    assert record.args == ("1.2.3.4:5", "GET", "/x?a=1")
    assert logmask.mask_secrets("/feeds/all.ics?token=abc&x=1") == "/feeds/all.ics?token=…&x=1"


# --- sign-out, sign-in -------------------------------------------------------------------


def test_a_copied_cookie_stops_working_at_sign_out(office: AppContext, client: TestClient) -> None:
    sign_in(client)
    copied = client.cookies["thidua_session"]
    token = csrf_of(client.get("/").text)
    assert client.post("/signout", data={"csrf_token": token}).status_code == 303

    with TestClient(create_app(office), follow_redirects=False) as elsewhere:
        elsewhere.cookies.set("thidua_session", copied)
        response = elsewhere.get("/")
    assert response.status_code == 303
    assert response.headers["location"] == "/signin"


def test_other_sessions_of_the_user_live_on_after_one_signs_out(
    office: AppContext, client: TestClient
) -> None:
    with TestClient(create_app(office), follow_redirects=False) as other:
        sign_in(other)
        sign_in(client)
        token = csrf_of(client.get("/").text)
        client.post("/signout", data={"csrf_token": token})
        assert other.get("/").status_code == 200


def _attempt(client: TestClient, username: str, password: str) -> tuple[int, str]:
    token = csrf_of(client.get("/signin").text)
    response = client.post(
        "/signin", data={"username": username, "password": password, "csrf_token": token}
    )
    page = response.text.replace(f'value="{username}"', "value=NAME")  # the name typed
    return response.status_code, page


def test_an_unknown_name_is_answered_as_a_wrong_password_even_when_locked(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    verified: list[str] = []
    real_verify = accounts._verify

    def counting(password_hash: str, password: str) -> bool:
        verified.append(password_hash)
        return real_verify(password_hash, password)

    monkeypatch.setattr(accounts, "_verify", counting)
    for attempt in range(accounts.MAX_FAILED_LOGINS + 1):
        known = _attempt(client, USERNAME, "wrong password")
        unknown = _attempt(client, "nobody-here", "wrong password")
        assert known == unknown, attempt
    assert "Đăng nhập sai quá nhiều lần" in unknown[1]  # both locked, in the same words
    # every answer, locked or not, checked one argon2 hash for each name: as long for both
    dummy = verified.count(accounts._dummy_hash())
    assert dummy == len(verified) - dummy == accounts.MAX_FAILED_LOGINS + 1


def test_sign_in_is_limited_per_client_address(office: AppContext, client: TestClient) -> None:
    for i in range(ADDRESS_LIMIT):
        status, _ = _attempt(client, f"guess-{i}", "wrong password")  # many names, one address
        assert status == 200
    status, page = _attempt(client, USERNAME, PASSWORD)  # even the right password waits
    assert status == 429
    assert "Địa chỉ này đã đăng nhập sai quá nhiều lần" in page
    office.now_override = NOW + timedelta(minutes=16)
    assert _attempt(client, USERNAME, PASSWORD)[0] == 303
