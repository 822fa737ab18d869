"""The JSON API (bearer token) and the signed "Đã gửi báo cáo" link. These are about HTTP:
they run on SQLite; what a submission does to the reminders runs on both engines in
test_planner.py and test_dispatch.py."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from config.settings import Settings
from scheduler.models import Reminder
from submissions import links
from submissions.models import Submission
from tests.conftest import Cli
from tests.office import csrf_of
from tests.reminders import (
    UNITS,
    load,
    occurrence_id,
    request,
    statuses,
    unit_id,
    write_campaign,
)
from thidua.context import AppContext, parse_now
from translations import gettext

TOKEN = "s3cret-api-token"
QUY_1 = "thu-nghiem-2024/bao-cao-quy-1"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def api(sqlite_settings: Settings, cli: Cli, tmp_path: Path) -> Iterator[AppContext]:
    load(cli, UNITS, write_campaign(tmp_path / "files"))
    context = AppContext(
        settings=sqlite_settings.model_copy(update={"api_token": TOKEN}),
        now_override=parse_now("2024-03-12T10:00", sqlite_settings),
    )
    assert cli("plan").exit_code == 0
    yield context
    context.close()


def submissions_of(context: AppContext) -> int:
    with context.database.session() as session:
        return session.scalar(select(func.count()).select_from(Submission)) or 0


# --- the token ---------------------------------------------------------------------------


def test_the_api_is_closed_without_a_configured_token(sqlite_settings: Settings) -> None:
    context = AppContext(settings=sqlite_settings)
    try:
        response = request(context, "GET", "/api/status", headers=AUTH)
        assert response.status_code == 403
        assert "THIDUA_API_TOKEN" in response.json()["error"]
    finally:
        context.close()


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}],
)
def test_a_missing_or_wrong_token_is_refused(api: AppContext, headers: dict[str, str]) -> None:
    for method, path in (("GET", "/api/status"), ("POST", "/api/submissions")):
        response = request(api, method, path, headers=headers, json={})
        assert response.status_code == 401
        assert response.headers["www-authenticate"].startswith("Bearer")
    assert submissions_of(api) == 0


# --- POST /api/submissions ---------------------------------------------------------------


def test_a_submission_through_the_api_stops_the_units_reminders(api: AppContext) -> None:
    body = {"deadline": QUY_1, "unit": "so-tu-phap", "by": "Hệ thống QLVB", "note": "Số 15/BC"}
    first = request(api, "POST", "/api/submissions", headers=AUTH, json=body)
    assert first.status_code == 201, first.text
    assert first.json() | {"submitted_at": None} == {
        "status": "recorded",
        "deadline": f"{QUY_1}@thidua.local",
        "unit": "so-tu-phap",
        "submitted_at": None,
        "source": "api",
        "by": "Hệ thống QLVB",
        "note": "Số 15/BC",
    }
    assert first.json()["submitted_at"].startswith("2024-03-12T03:00")
    again = request(api, "POST", "/api/submissions", headers=AUTH, json=body)
    assert (again.status_code, again.json()["status"]) == (200, "already_recorded")
    assert submissions_of(api) == 1
    mine = (
        Reminder.occurrence_id == occurrence_id(api, QUY_1),
        Reminder.unit_id == unit_id(api, "so-tu-phap"),
    )
    assert statuses(api, *mine) == {("skipped", "submitted"): 7}
    undo = request(api, "POST", "/api/submissions", headers=AUTH, json=body | {"undo": True})
    assert (undo.status_code, undo.json()["status"]) == (200, "withdrawn")
    assert statuses(api, *mine) == {("pending", None): 7}


# The API's words are the catalog's, Vietnamese by default.
NO_DEADLINE = "no deadline %(ref)s: write campaign/deadline (see 'thidua events --kind deadline')"
NOT_ANSWERING = "unit %(code)s does not answer for deadline %(uid)s"


@pytest.mark.parametrize(
    ("body", "status", "field", "says"),
    [
        ({"unit": "so-tu-phap"}, 422, "deadline", gettext("required, but missing", "vi")),
        (
            {"deadline": QUY_1, "unit": "so-tu-phap", "when": "x"},
            422,
            "when",
            gettext("unknown field %(name)s", "vi", name="'when'"),
        ),
        (
            {"deadline": QUY_1, "unit": 7},
            422,
            "unit",
            gettext("must be text, not %(value)s", "vi", value="7"),
        ),
        (
            {"deadline": "khong-co/han", "unit": "so-tu-phap"},
            404,
            "deadline",
            gettext(NO_DEADLINE, "vi", ref="'khong-co/han'"),
        ),
        (
            {"deadline": QUY_1, "unit": "khong-co"},
            404,
            "unit",
            gettext("no unit %(code)s (see 'thidua units')", "vi", code="'khong-co'"),
        ),
        (
            {"deadline": QUY_1, "unit": "so-y-te"},
            422,
            "unit",
            gettext(NOT_ANSWERING, "vi", code="'so-y-te'", uid="").strip(),
        ),
    ],
)
def test_bad_submissions_say_what_is_wrong(
    api: AppContext, body: dict[str, object], status: int, field: str, says: str
) -> None:
    response = request(api, "POST", "/api/submissions", headers=AUTH, json=body)
    assert response.status_code == status, response.text
    assert response.json()["field"] == field
    assert says in response.json()["error"]
    assert submissions_of(api) == 0


def test_a_body_that_is_not_json_is_refused(api: AppContext) -> None:
    response = request(api, "POST", "/api/submissions", headers=AUTH, content=b"deadline=x")
    assert response.status_code == 400


# --- GET /api/status ---------------------------------------------------------------------


def test_status_lists_each_deadline_with_its_units(api: AppContext) -> None:
    request(
        api, "POST", "/api/submissions", headers=AUTH, json={"deadline": QUY_1, "unit": "so-noi-vu"}
    )
    everything = request(api, "GET", "/api/status", headers=AUTH)
    assert everything.status_code == 200
    assert [d["deadline"] for d in everything.json()] == [
        "thu-nghiem-2024/bao-cao-quy-1",
        "thu-nghiem-2024/dang-ky-khen-thuong",
        "thu-nghiem-2024/bao-cao-chuyen-de",
    ]
    one = request(api, "GET", "/api/status", headers=AUTH, params={"deadline": QUY_1}).json()
    (quy,) = one
    assert (quy["total"], quy["submitted"], quy["pending"], quy["late"]) == (6, 1, 5, 0)
    units = {u["unit"]: u for u in quy["units"]}
    assert units["so-noi-vu"]["state"] == "submitted"
    assert units["so-noi-vu"]["source"] == "api"
    late = request(
        api.__class__(settings=api.settings, now_override=parse_now("2024-03-20", api.settings)),
        "GET",
        "/api/status",
        headers=AUTH,
        params={"campaign": "thu-nghiem-2024"},
    ).json()
    assert late[0]["late"] == 5
    assert late[0]["late_units"] == sorted(set(units) - {"so-noi-vu"})
    missing = request(api, "GET", "/api/status", headers=AUTH, params={"campaign": "khong-co"})
    assert (missing.status_code, missing.json()["field"]) == (404, "campaign")


# --- the signed link ---------------------------------------------------------------------


def link_path(context: AppContext, unit: str, last_day: date = date(2024, 3, 14)) -> str:
    url = links.submit_url(
        context.settings,
        context.settings.effective_secret_key(),
        f"{QUY_1}@thidua.local",
        unit,
        last_day,
    )
    return url.split("8000", 1)[1]


def test_the_link_asks_then_records_once(api: AppContext) -> None:
    path = link_path(api, "so-tai-chinh")
    page = request(api, "GET", path)
    assert page.status_code == 200
    assert "Sở Tài chính" in page.text
    assert '<form method="post">' in page.text
    form = {"csrf_token": csrf_of(page.text), "action": "confirm"}
    assert page.headers["referrer-policy"] == "no-referrer"
    assert page.headers["cache-control"] == "no-store"
    assert page.headers["x-frame-options"] == "DENY"
    assert "script-src" not in page.headers["content-security-policy"]  # no script at all
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert submissions_of(api) == 0  # opening the link (or a mail scanner) records nothing
    assert request(api, "POST", path, data={"action": "confirm"}).status_code == 403  # no token
    posted = request(api, "POST", path, data=form)
    assert posted.status_code == 303
    assert posted.headers["location"].endswith(path)
    assert submissions_of(api) == 1
    for _ in range(2):
        again = request(api, "POST", path, data=form, follow_redirects=True)
        assert again.status_code == 200
        assert "Đã ghi nhận" in again.text
        assert '<form method="post">' not in again.text  # the report may still be uploaded
    assert submissions_of(api) == 1
    with api.database.session() as session:
        (sub,) = session.scalars(select(Submission))
        assert (sub.source, sub.revoked_at) == ("link", None)


@pytest.mark.parametrize("how", ["forged", "altered", "other key"])
def test_a_forged_or_altered_link_is_rejected(api: AppContext, how: str) -> None:
    path = link_path(api, "so-tai-chinh")
    token = path.rsplit("/", 1)[1]
    payload, signature = token.rsplit(".", 1)
    if how == "forged":
        token = f"{payload}.{'A' * len(signature)}"
    elif how == "altered":
        other = link_path(api, "so-tu-phap").rsplit("/", 1)[1].rsplit(".", 1)[0]
        token = f"{other}.{signature}"
    else:
        token = links.make_token(
            "not-the-key",
            links.SubmitLink(f"{QUY_1}@thidua.local", "so-tai-chinh", date(2030, 1, 1)),
        )
    for method in ("GET", "POST"):
        response = request(api, method, f"/submit/{token}")
        assert response.status_code == 400
        assert "Liên kết không hợp lệ" in response.text
    assert submissions_of(api) == 0


def test_an_expired_link_is_rejected(api: AppContext) -> None:
    # Valid until 30 days after the last day 14/03/2024, i.e. through 13/04/2024.
    path = link_path(api, "so-tai-chinh")
    last = AppContext(
        settings=api.settings, now_override=parse_now("2024-04-13T23:00", api.settings)
    )
    late = AppContext(
        settings=api.settings, now_override=parse_now("2024-04-14T08:00", api.settings)
    )
    try:
        assert request(last, "GET", path).status_code == 200
        for method in ("GET", "POST"):
            response = request(late, method, path)
            assert response.status_code == 410
            assert "hết hạn" in response.text
        assert submissions_of(api) == 0
    finally:
        last.close()
        late.close()


def test_the_page_escapes_what_it_shows(
    sqlite_settings: Settings, cli: Cli, tmp_path: Path
) -> None:
    settings = sqlite_settings
    campaign = write_campaign(tmp_path / "files").read_text("utf-8")
    hostile = campaign.replace(
        "what: Báo cáo kết quả phong trào thi đua quý I",
        'what: "<script>alert(1)</script> & báo cáo"',
    )
    load(cli, UNITS, write_campaign(tmp_path / "other", hostile))
    context = AppContext(settings=settings, now_override=parse_now("2024-03-12", settings))
    try:
        page = request(context, "GET", link_path(context, "so-noi-vu"))
        assert "<script>" not in page.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; báo cáo" in page.text
    finally:
        context.close()
