"""The fragment cache is bounded by the bytes it holds, not by a count of events; builds of
different feeds may run at the same time; a restarted service serves its first requests
from the fragments kept in the database, rendering nothing."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select
from starlette.testclient import TestClient

from calendars import feeds
from calendars import models as m
from calendars.feeds import Audience, FeedBuilder, FeedQuery, LruCache, fragment_weight
from tests.conftest import EXAMPLES, Cli, make_settings
from tests.test_feeds_http import feed_server, settle, token_from
from thidua.context import AppContext, parse_now
from thidua.web import create_app

CHANGED = "vinh-phuc-2024/van-ban-phat-dong@thidua.local"


def _load(cli: Cli, folder: Path = EXAMPLES) -> None:
    result = cli("load", *sorted(folder.glob("*.yaml")), "--now", "2024-01-02T08:00")
    assert result.exit_code == 0, result.output


def test_a_cache_keeps_its_weight_under_the_bound() -> None:
    cache: LruCache[int, bytes] = LruCache(1000, weigh=len)
    for key in range(100):
        cache.put(key, b"x" * 30)
    assert cache.weight == sum(len(cache.get(k) or b"") for k in range(100)) <= 1000
    assert cache.get(99) is not None and cache.get(0) is None


def test_fragments_are_kept_by_bytes(app: AppContext, cli: Cli) -> None:
    _load(cli)
    today = parse_now("2024-02-01", app.settings).date()
    query = FeedQuery(Audience("all"))
    roomy = FeedBuilder(app.settings)
    with app.database.session() as session:
        feed = roomy.build(session, query, today)
        roomy.build(session, query, today)
    assert roomy.rendered == feed.events  # the second build rendered nothing
    bound = roomy.fragments.weight // 3
    tight = FeedBuilder(app.settings, max_fragment_bytes=bound)
    with app.database.session() as session:
        again = tight.build(session, query, today)
    assert again.body == feed.body
    assert 0 < tight.fragments.weight <= bound
    weights = [fragment_weight(f) for f in tight.fragments._items.values()]
    assert sum(weights) == tight.fragments.weight


def test_the_services_cache_is_bounded_by_its_setting(
    app: AppContext, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``THIDUA_FRAGMENT_CACHE_BYTES`` bounds the running service's cache: a third of what
    the feed's fragments weigh keeps some of them, the bytes counted as they come and go,
    and the feed served is the same."""
    _load(cli)
    now = parse_now("2024-02-01T09:00", app.settings)
    roomy = FeedBuilder(app.settings)
    assert roomy.fragments.max_weight == 256 * 2**20  # the default
    with app.database.session() as session:
        feed = roomy.build(session, FeedQuery(Audience("all")), now.date())
    bound = roomy.fragments.weight // 3
    url = app.settings.effective_database_url
    settings = make_settings(monkeypatch, tmp_path / "var", url, fragment_cache_bytes=bound)
    tight = AppContext(settings=settings)
    tight.now_override = now
    try:
        with TestClient(create_app(tight)) as client:
            served = client.get("/feeds/all.ics")
            cache = feed_server(client).builder.fragments
    finally:
        tight.close()
    assert served.content == feed.body
    assert cache.max_weight == bound
    assert 0 < len(cache) < feed.events
    assert cache.weight == sum(fragment_weight(f) for f in cache._items.values()) <= bound


def test_a_feeds_pieces_in_small_batches_join_to_its_body(
    app: AppContext, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`FeedBuilder.pieces` (what ``thidua export`` writes as it goes) gives the bytes of
    the feed built whole, whatever the batch, and the cache bound does not change them."""
    _load(cli)
    today = parse_now("2024-02-01", app.settings).date()
    query = FeedQuery(Audience("all"))
    with app.database.session() as session:
        whole = FeedBuilder(app.settings).build(session, query, today)
        monkeypatch.setattr(feeds, "PIECE_BATCH", 3)
        builder = FeedBuilder(app.settings, max_fragment_bytes=0)
        plan = builder.plan(session, query, today)
        pieces = list(builder.pieces(session, plan))
    assert b"".join(pieces) == whole.body
    assert len(pieces) == 2 + whole.events  # the header and the footer around the events
    assert plan.last_modified == whole.last_modified
    assert len(builder.fragments) == 1  # a bound of 0 keeps the last one alone


def test_builds_of_different_feeds_run_side_by_side(app: AppContext, cli: Cli) -> None:
    _load(cli)
    today = parse_now("2024-02-01", app.settings).date()
    builder = FeedBuilder(app.settings)
    queries = [
        FeedQuery(Audience("all")),
        FeedQuery(Audience("campaign", "tam-nong-2024")),
        FeedQuery(Audience("campaign", "vinh-phuc-2024")),
        FeedQuery(Audience("group", "cum-2")),
    ]
    alone = {}
    for query in queries:
        with app.database.session() as session:
            alone[query] = FeedBuilder(app.settings).build(session, query, today).body
    together: dict[FeedQuery, bytes] = {}
    errors: list[BaseException] = []

    def build(query: FeedQuery) -> None:
        try:
            with app.database.session() as session:
                together[query] = builder.build(session, query, today).body
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=build, args=(q,)) for q in queries * 2]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert together == alone


def test_a_restart_serves_the_first_requests_from_stored_fragments(
    app: AppContext, cli: Cli, tmp_path: Path
) -> None:
    """A new process (a new AppContext on the same database) answers every feed with the
    same bytes and validators without rendering one event; after one change it renders
    that event alone, and the older revision leaves the table."""
    files = tmp_path / "files"
    shutil.copytree(EXAMPLES, files)
    _load(cli, files)
    token = token_from(cli("units", "token", "phong-noi-vu-tam-nong").stdout)
    paths = [
        "/feeds/all.ics",
        "/feeds/all.ics?alarms=1",
        "/feeds/campaigns/tam-nong-2024.ics",
        "/feeds/groups/cum-2.ics",
        f"/feeds/units/{token}.ics",
    ]
    app.now_override = parse_now("2024-02-01T09:00", app.settings)
    with TestClient(create_app(app)) as client:
        first = {path: client.get(path) for path in paths}
        settle(client)
        rendered = feed_server(client).builder.rendered
    assert rendered > 0
    restarted = AppContext(settings=app.settings)
    restarted.now_override = app.now_override
    try:
        with TestClient(create_app(restarted)) as client:
            for path in paths:
                again = client.get(path)
                assert again.content == first[path].content, path
                assert again.headers["etag"] == first[path].headers["etag"], path
                assert again.headers["last-modified"] == first[path].headers["last-modified"]
            builder = feed_server(client).builder
            assert (builder.rendered, builder.loaded) == (0, rendered)
        with restarted.database.session() as session:
            stored = session.scalar(select(func.count()).select_from(m.FeedFragment))
        assert stored == rendered
        text = (files / "000-vinh-phuc-2024.yaml").read_text("utf-8")
        (files / "000-vinh-phuc-2024.yaml").write_text(
            text.replace("trước ngày 15/02/2024", "trước ngày 16/02/2024"), "utf-8"
        )
        _load(cli, files)
        with TestClient(create_app(restarted)) as client:
            client.get("/feeds/all.ics")
            settle(client)
            assert feed_server(client).builder.rendered == 1
        with restarted.database.session() as session:
            kept = session.scalars(
                select(m.FeedFragment.sequence).where(m.FeedFragment.uid == CHANGED)
            ).all()
        assert kept == [1]  # the new revision; the older ones (with and without alarms) left
    finally:
        restarted.close()
