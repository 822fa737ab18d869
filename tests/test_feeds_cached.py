"""The feeds' fast path (`thidua.web.feeds.CachedFeeds`): a feed in memory answered before
the office's middleware and the router, exactly as the routes answer it, and the routes
still answering whatever it must not (a build, a private feed without its token, gzip not
made yet, another method, a change)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from config.settings import Settings
from tests.conftest import Cli
from tests.ical_checks import parsed_events
from tests.test_feeds_http import feed_server, load_examples, token_from
from thidua.context import AppContext
from thidua.web import create_app
from thidua.web.feeds import Asked, asked

CAMPAIGN = "/feeds/campaigns/tam-nong-2024.ics"
TOKEN = "a-token-for-the-tests"


@pytest.fixture
def loaded(sqlite_settings: Settings, cli: Cli) -> Iterator[AppContext]:
    context = AppContext(settings=sqlite_settings)
    load_examples(context, cli)
    context.settings.api_token = TOKEN
    yield context
    context.close()


class RouteCount:
    """How many requests the feed routes answered (the fast path's are not counted)."""

    def __init__(self, client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
        server = feed_server(client)
        answer = server._answer
        self.calls = 0

        async def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            return await answer(*args, **kwargs)

        monkeypatch.setattr(server, "_answer", counted)


def answers(client: TestClient, unit_feed: str) -> list[tuple[int, dict[str, str], bytes]]:
    """A battery of feed requests: status, headers and body of each."""
    etag = client.get(CAMPAIGN, headers={"accept-encoding": "identity"}).headers["etag"]
    modified = client.get(CAMPAIGN).headers["last-modified"]
    asked_for: list[tuple[str, str, dict[str, str]]] = [
        ("GET", "/feeds/all.ics", {"accept-encoding": "identity"}),
        ("GET", "/feeds/all.ics", {"accept-encoding": "gzip, deflate"}),
        ("GET", "/feeds/all.ics", {"accept-encoding": "gzip;q=0"}),
        ("HEAD", "/feeds/all.ics", {"accept-encoding": "identity"}),
        ("GET", CAMPAIGN, {"if-none-match": etag}),
        ("GET", CAMPAIGN, {"if-none-match": f'"elsewhere", W/{etag}'}),
        ("GET", CAMPAIGN, {"if-none-match": '"elsewhere"', "if-modified-since": modified}),
        ("GET", CAMPAIGN, {"if-modified-since": modified}),
        ("GET", CAMPAIGN, {"if-modified-since": "the day before"}),
        ("GET", f"{CAMPAIGN}?kind=deadline&alarms=1", {}),
        ("GET", "/feeds/groups/khoi-tam-nong.ics", {}),
        ("GET", unit_feed, {"accept-encoding": "identity"}),
        ("GET", "/feeds/campaigns/no-such-campaign.ics", {}),
        ("POST", "/feeds/all.ics", {}),
    ]
    got = []
    for method, url, headers in asked_for:
        response = client.request(method, url, headers=headers)
        got.append((response.status_code, dict(response.headers), response.content))
    return got


def test_a_feed_in_memory_is_answered_as_the_routes_answer_it(
    loaded: AppContext, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    unit_feed = f"/feeds/units/{token_from(cli('units', 'token', 'so-noi-vu').stdout)}.ics"
    with TestClient(create_app(loaded)) as routes_only:  # counters read at every request
        expected = answers(routes_only, unit_feed)
    loaded.settings.feed_check_seconds = 3600
    with TestClient(create_app(loaded)) as client:
        count = RouteCount(client, monkeypatch)
        first = answers(client, unit_feed)  # each feed built once, gzip made once
        built = count.calls
        again = answers(client, unit_feed)
    assert first == expected and again == expected
    assert [status for status, _, _ in expected].count(304) == 3
    assert expected[-2][0] == 404 and expected[-1][0] == 405
    # the second time, the routes saw only what the fast path must not answer: the unknown
    # campaign (never cached; POST is refused by the router without reaching them)
    assert built > count.calls - built == 1


def test_a_private_feed_asks_for_the_token_every_time(
    loaded: AppContext, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded.settings.feeds_public = False
    loaded.settings.feed_check_seconds = 3600
    unit_feed = f"/feeds/units/{token_from(cli('units', 'token', 'so-noi-vu').stdout)}.ics"
    bearer = {"authorization": f"Bearer {TOKEN}"}
    with TestClient(create_app(loaded)) as client:
        assert client.get(CAMPAIGN, headers=bearer).status_code == 200
        assert client.get(unit_feed).status_code == 200
        count = RouteCount(client, monkeypatch)
        assert client.get(CAMPAIGN, headers=bearer).status_code == 200
        assert client.get(CAMPAIGN, auth=("calendar", TOKEN)).status_code == 200
        assert client.get(unit_feed).status_code == 200  # its token is its credential
        assert count.calls == 0
        # the same feed, in memory, without the token: the route's refusal
        assert client.get(CAMPAIGN).status_code == 401
        assert client.get(CAMPAIGN, headers={"authorization": "Bearer wrong"}).status_code == 401
        assert client.get(CAMPAIGN, auth=("calendar", "wrong")).status_code == 401


def test_a_change_is_served_at_once_by_the_fast_path(
    loaded: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A change saved by this process moves the validators at the next request, however
    long the counters are otherwise trusted."""
    loaded.settings.feed_check_seconds = 3600
    url = "/api/campaigns/tam-nong-2024/events/tong-ket-dot-1"
    bearer = {"authorization": f"Bearer {TOKEN}"}
    with TestClient(create_app(loaded)) as client:
        before = client.get(CAMPAIGN)
        current = {"if-none-match": before.headers["etag"]}
        count = RouteCount(client, monkeypatch)
        assert client.get(CAMPAIGN, headers=current).status_code == 304
        assert count.calls == 0
        patched = client.patch(url, json={"title": "Tổng kết đợt một (viết lại)"}, headers=bearer)
        assert patched.status_code == 200, patched.text
        after = client.get(CAMPAIGN, headers=current)
        assert after.status_code == 200 and count.calls == 1
        titles = {str(event["SUMMARY"]) for event in parsed_events(after.content).values()}
        assert any("Tổng kết đợt một (viết lại)" in title for title in titles)
        assert after.headers["etag"] != before.headers["etag"]
        assert after.headers["last-modified"] != before.headers["last-modified"]
        again = client.get(CAMPAIGN, headers={"if-none-match": after.headers["etag"]})
        assert again.status_code == 304 and count.calls == 1


def test_the_headers_a_feed_depends_on_are_read_in_one_pass() -> None:
    raw = [
        (b"host", b"example.org"),
        (b"if-none-match", b'"first"'),
        (b"accept-encoding", b"gzip"),
        (b"if-none-match", b'"second"'),
        (b"cookie", b"thidua_session=x"),
    ]
    assert asked(raw) == Asked(accept_encoding="gzip", if_none_match='"first"')
    assert asked([]) == Asked()
    dated = asked([(b"if-modified-since", b"Mon, 15 Jan 2024 09:00:00 GMT")])
    assert dated.if_modified_since == "Mon, 15 Jan 2024 09:00:00 GMT"
    assert dated.if_none_match is None
    assert asked([(b"authorization", b"Bearer \xc3\xa9")]).authorization == "Bearer Ã©"
