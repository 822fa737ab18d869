"""The fragment cache is bounded by the bytes it holds, not by a count of events, and
builds of different feeds may run at the same time."""

from __future__ import annotations

import threading

from calendars.feeds import Audience, FeedBuilder, FeedQuery, LruCache, fragment_weight
from tests.conftest import EXAMPLES, Cli
from thidua.context import AppContext, parse_now


def _load(cli: Cli) -> None:
    result = cli("load", *sorted(EXAMPLES.glob("*.yaml")), "--now", "2024-01-02T08:00")
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
