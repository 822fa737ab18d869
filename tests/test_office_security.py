"""The office's guard, route by route: every page but sign-in redirects there when signed
out; every form rejects a missing or wrong CSRF token; sessions are signed, HttpOnly,
SameSite=Lax (Secure behind https) and end when the user is disabled or their password
changes; the sign-in page never redirects to another site.

The routes are enumerated from the app itself, so a page added later is checked too.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from starlette.routing import Mount, Route
from starlette.testclient import TestClient

from config.settings import Settings
from tests.conftest import make_settings
from tests.office import NOW, PASSWORD, USERNAME, csrf_of, seed, sign_in
from thidua import users as accounts
from thidua.context import AppContext
from thidua.web import create_app
from thidua.web.office.guard import (
    FOREIGN_PATHS,
    FOREIGN_PREFIXES,
    OPEN_PATHS,
    SECURITY_HEADERS,
    is_foreign,
)

pytest_plugins = ["tests.office_fixtures"]

PARAM = re.compile(r"{([^}:]+)(:[^}]+)?}")
SAMPLE_PARAMS = {"code": "tam-nong-2024", "occurrence_id": "1", "unit": "so-y-te"}


def _concrete(path: str) -> str:
    return PARAM.sub(lambda m: SAMPLE_PARAMS.get(m.group(1), "x"), path)


def office_routes(app: Any) -> list[tuple[str, str]]:
    """(method, path) of every route of the office, with sample path parameters."""
    found = []
    for route in app.routes:
        if isinstance(route, Route) and not is_foreign(route.path):
            for method in sorted(route.methods or {"GET"}):
                if method != "HEAD":
                    found.append((method, _concrete(route.path)))
    return found


def test_the_route_list_is_what_the_checks_below_walk(client: TestClient) -> None:
    routes = office_routes(client.app)
    methods = {method for method, _ in routes}
    assert methods == {"GET", "POST"}, "a new method needs its own check below"
    assert ("GET", "/") in routes
    assert ("POST", "/campaigns/load") in routes
    assert ("POST", "/deadlines/1/submissions") in routes
    assert ("POST", "/deadlines/1/reminders") in routes
    assert ("POST", "/units/tam-nong-2024/feed-link") in routes
    assert ("GET", "/deadlines/1/preview/so-y-te/message.html") in routes
    assert len([r for r in routes if r[0] == "GET"]) >= 10
    assert len([r for r in routes if r[0] == "POST"]) >= 9
    mounts = [r.path for r in client.app.routes if isinstance(r, Mount)]
    assert mounts == ["/static"], "a new mount needs a check of its own"


def test_every_page_redirects_to_sign_in_when_signed_out(client: TestClient) -> None:
    checked = 0
    for method, path in office_routes(client.app):
        if path in OPEN_PATHS:
            continue
        response = client.request(method, path)
        assert response.status_code == 303, (method, path, response.status_code)
        location = response.headers["location"]
        assert location.startswith("/signin"), (method, path, location)
        checked += 1
    assert checked >= 16


def test_the_redirect_keeps_the_page_to_come_back_to(client: TestClient) -> None:
    response = client.get("/calendar?month=2024-02")
    assert response.headers["location"] == "/signin?next=%2Fcalendar%3Fmonth%3D2024-02"
    token = csrf_of(client.get(response.headers["location"]).text)
    response = client.post(
        "/signin",
        data={
            "username": USERNAME,
            "password": PASSWORD,
            "csrf_token": token,
            "next": "/calendar?month=2024-02",
        },
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/calendar?month=2024-02"


def test_open_pages_and_static_files_need_no_sign_in(client: TestClient) -> None:
    assert client.get("/signin").status_code == 200
    response = client.get("/static/office.css")
    assert response.status_code == 200
    assert "text/css" in response.headers["content-type"]
    assert client.get("/static/office.js").status_code == 200


@pytest.mark.parametrize("token", [None, "", "wrong-token"])
def test_every_form_rejects_a_missing_or_wrong_csrf_token(
    signed_in: TestClient, token: str | None
) -> None:
    checked = 0
    for method, path in office_routes(signed_in.app):
        if method != "POST":
            continue
        data = {"lang": "en", "next": "/"}
        if token is not None:
            data["csrf_token"] = token
        for body in ({"data": data}, {"data": data, "files": {"files": ("a.yaml", b"x: 1")}}):
            response = signed_in.post(path, **body)
            assert response.status_code == 403, (path, body, response.status_code)
            assert "Biểu mẫu đã hết hạn" in response.text
        checked += 1
    assert checked >= 9
    # The session is still signed in and the same forms work with the right token.
    page = signed_in.get("/")
    assert page.status_code == 200
    response = signed_in.post("/language", data={"lang": "en", "csrf_token": csrf_of(page.text)})
    assert response.status_code == 303


def test_open_forms_reject_a_wrong_csrf_token_when_signed_out(client: TestClient) -> None:
    client.get("/signin")  # the session now has a token: a wrong one must still fail
    for path in OPEN_PATHS:
        response = client.post(
            path, data={"username": USERNAME, "password": PASSWORD, "csrf_token": "forged"}
        )
        assert response.status_code == 403, path
        response = client.post(path, data={"username": USERNAME, "password": PASSWORD})
        assert response.status_code == 403, path
    assert client.get("/").status_code == 303  # not signed in by a forged form


def test_a_token_from_another_session_is_refused(office: AppContext) -> None:
    app = create_app(office)
    with (
        TestClient(app, follow_redirects=False) as mallory,
        TestClient(app, follow_redirects=False) as victim,
    ):
        sign_in(victim)
        foreign_token = csrf_of(mallory.get("/signin").text)
        response = victim.post("/language", data={"lang": "en", "csrf_token": foreign_token})
        assert response.status_code == 403


def test_the_csrf_header_is_accepted_for_scripts(signed_in: TestClient) -> None:
    token = csrf_of(signed_in.get("/").text)
    response = signed_in.post("/language", data={"lang": "en"}, headers={"X-CSRF-Token": token})
    assert response.status_code == 303


def test_signing_in_renews_the_csrf_token(client: TestClient) -> None:
    before = csrf_of(client.get("/signin").text)
    sign_in(client)
    after = csrf_of(client.get("/").text)
    assert before != after
    response = client.post("/language", data={"lang": "en", "csrf_token": before})
    assert response.status_code == 403


def test_session_cookie_flags(client: TestClient) -> None:
    response = client.get("/signin")
    cookie = response.headers["set-cookie"].lower()
    assert cookie.startswith("thidua_session=")
    assert "httponly" in cookie
    assert "samesite=lax" in cookie
    assert "secure" not in cookie  # plain http on localhost: a Secure cookie would be lost
    assert "max-age=43200" in cookie


def test_session_cookie_is_secure_behind_https(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any, sqlite_url: str
) -> None:
    settings = make_settings(
        monkeypatch, tmp_path / "var", sqlite_url, base_url="https://thidua.snv.example"
    )
    context = AppContext(settings=settings, now_override=NOW)
    try:
        with TestClient(create_app(context), base_url="https://testserver") as https:
            cookie = https.get("/signin").headers["set-cookie"].lower()
    finally:
        context.close()
    assert "; secure" in cookie and "httponly" in cookie and "samesite=lax" in cookie


def test_security_headers_on_office_pages_only(signed_in: TestClient) -> None:
    page = signed_in.get("/")
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["cache-control"] == "no-store"
    assert "no-store" not in signed_in.get("/static/office.css").headers.get("cache-control", "")
    health = signed_in.get("/health")
    assert health.status_code == 200
    assert "content-security-policy" not in health.headers  # other rooms set their own
    assert "set-cookie" not in health.headers


def test_foreign_paths_are_left_to_their_rooms(client: TestClient) -> None:
    assert "/health" in FOREIGN_PATHS
    assert set(FOREIGN_PREFIXES) == {"/feeds/", "/api/", "/submit/"}
    for path in ("/feeds/all.ics", "/api/status", "/submit/token"):
        response = client.get(path)
        # Not redirected to sign-in (404 until those rooms add their routes).
        assert response.status_code != 303, path
        assert "set-cookie" not in response.headers
    for path in ("/api/submissions", "/submit/token"):
        response = client.post(path, data={"x": "1"})  # no CSRF token: not the guard's say
        assert response.status_code != 303, path
        assert "Biểu mẫu đã hết hạn" not in response.text, path
        # The guard's own headers are not laid over another room's answer.
        assert (
            response.headers.get("content-security-policy")
            != (SECURITY_HEADERS["Content-Security-Policy"])
        ), path


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
        "javascript:alert(1)",
        "evil.example",
        "/%0d%0aSet-Cookie:x=1",
    ],
)
def test_sign_in_never_redirects_to_another_site(client: TestClient, target: str) -> None:
    token = csrf_of(client.get("/signin").text)
    response = client.post(
        "/signin",
        data={"username": USERNAME, "password": PASSWORD, "csrf_token": token, "next": target},
    )
    assert response.status_code == 303
    location = response.headers["location"]
    assert location.startswith("/") and not location.startswith(("//", "/\\"))
    assert "\n" not in location and "\r" not in location
    if not target.startswith("/%0d"):
        assert location == "/"


def test_wrong_password_and_unknown_user_get_the_same_answer(client: TestClient) -> None:
    answers = []
    for username, password in ((USERNAME, "not the password"), ("nobody", PASSWORD)):
        token = csrf_of(client.get("/signin").text)
        response = client.post(
            "/signin", data={"username": username, "password": password, "csrf_token": token}
        )
        assert response.status_code == 200
        assert 'role="alert"' in response.text
        answers.append(re.search(r'id="signin-error">([^<]+)<', response.text).group(1))
    assert (
        answers[0]
        == answers[1]
        == ("Sai tên đăng nhập hoặc mật khẩu, hoặc tài khoản đã ngừng sử dụng.")
    )
    assert client.get("/").status_code == 303


def test_repeated_failures_lock_the_account_for_a_while(
    office: AppContext, client: TestClient
) -> None:
    def attempt(password: str) -> Any:
        token = csrf_of(client.get("/signin").text)
        return client.post(
            "/signin", data={"username": USERNAME, "password": password, "csrf_token": token}
        )

    for _ in range(accounts.MAX_FAILED_LOGINS):
        assert attempt("wrong password").status_code == 200
    locked = attempt(PASSWORD)
    assert locked.status_code == 200
    assert "Đăng nhập sai quá nhiều lần" in locked.text
    assert "09:05" in locked.text  # locked until, in the service's time zone
    office.now_override = NOW + timedelta(minutes=accounts.LOCK_MINUTES, seconds=1)
    assert attempt(PASSWORD).status_code == 303


def test_disabling_a_user_ends_their_session(office: AppContext, signed_in: TestClient) -> None:
    assert signed_in.get("/").status_code == 200
    with office.database.session() as session, session.begin():
        accounts.set_active(session, USERNAME, False)
    response = signed_in.get("/")
    assert response.status_code == 303 and response.headers["location"] == "/signin"
    with office.database.session() as session, session.begin():
        accounts.set_active(session, USERNAME, True)
    assert signed_in.get("/").status_code == 303  # signed out for good: sign in again
    sign_in(signed_in)
    assert signed_in.get("/").status_code == 200


def test_a_new_password_ends_sessions_opened_with_the_old_one(
    office: AppContext, signed_in: TestClient
) -> None:
    with office.database.session() as session, session.begin():
        accounts.set_password(session, USERNAME, "a brand new password", now=NOW)
    assert signed_in.get("/").status_code == 303
    sign_in(signed_in, password="a brand new password")
    assert signed_in.get("/").status_code == 200


def test_a_forged_session_cookie_is_ignored(client: TestClient) -> None:
    client.cookies.set("thidua_session", "eyJ1aWQiOiAxfQ==.forged.signature")
    response = client.get("/")
    assert response.status_code == 303


def test_a_cookie_signed_with_another_key_is_ignored(
    office: AppContext, client: TestClient
) -> None:
    sign_in(client)
    cookie = client.cookies["thidua_session"]
    other = AppContext(
        settings=Settings(**{**office.settings.model_dump(), "secret_key": "another key"}),
        now_override=NOW,
    )
    try:
        with TestClient(create_app(other), follow_redirects=False) as elsewhere:
            elsewhere.cookies.set("thidua_session", cookie)
            assert elsewhere.get("/").status_code == 303
    finally:
        other.close()


def test_signing_out(signed_in: TestClient) -> None:
    token = csrf_of(signed_in.get("/").text)
    response = signed_in.post("/signout", data={"csrf_token": token})
    assert response.status_code == 303 and response.headers["location"] == "/signin"
    page = signed_in.get("/signin")
    assert "Bạn đã đăng xuất." in page.text
    assert signed_in.get("/").status_code == 303


def test_a_disabled_user_cannot_sign_in(office: AppContext, client: TestClient) -> None:
    with office.database.session() as session, session.begin():
        accounts.set_active(session, USERNAME, False)
    token = csrf_of(client.get("/signin").text)
    response = client.post(
        "/signin", data={"username": USERNAME, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 200 and "ngừng sử dụng" in response.text


def test_a_body_too_large_is_refused_before_it_is_read_whole(signed_in: TestClient) -> None:
    token = csrf_of(signed_in.get("/").text)
    response = signed_in.post(
        "/campaigns/check",
        data={"csrf_token": token},
        files={"files": ("big.yaml", b"#" * (17 * 1024 * 1024))},
    )
    assert response.status_code == 413


def test_seed_users_last_sign_in_is_recorded(office: AppContext, client: TestClient) -> None:
    sign_in(client)
    with office.database.session() as session:
        user = accounts.require(session, USERNAME)
        assert user.last_login_at == NOW
        assert user.failed_logins == 0


def test_an_empty_store_still_guards(sqlite_settings: Settings) -> None:
    context = AppContext(settings=sqlite_settings, now_override=NOW)
    seed(context, examples=False)
    try:
        with TestClient(create_app(context), follow_redirects=False) as fresh:
            assert fresh.get("/units").status_code == 303
            sign_in(fresh)
            assert fresh.get("/").status_code == 200
            assert "Hôm nay không có phong trào nào" in fresh.get("/").text
    finally:
        context.close()
