"""Feeds over HTTP: headers, conditional requests, HEAD, gzip, filters, unit tokens, private
shared feeds, and the hot path that does not touch the events."""

from __future__ import annotations

import asyncio
import gc
import gzip
import re
import socket
import threading
from collections.abc import Iterator
from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any

import httpx2
import pytest
import sqlalchemy as sa
import uvicorn
from alembic import command
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.testclient import TestClient

from calendars import feeds_tokens
from calendars import models as m
from calendars.db import make_engine
from config.settings import Settings
from tests.conftest import EXAMPLES, Cli
from tests.ical_checks import check_feed_bytes, parsed_events
from thidua import database
from thidua.context import AppContext, parse_now
from thidua.web import create_app
from thidua.web.server import HttpProtocol
from translations import gettext

NOW = "2024-01-15T09:00"


def token_from(output: str) -> str:
    match = re.search(r"/feeds/units/([A-Za-z0-9_-]+)\.ics", output)
    assert match, output
    return match[1]


def load_examples(context: AppContext, cli: Cli) -> AppContext:
    result = cli("load", *sorted(EXAMPLES.iterdir()), "--now", "2024-01-02T08:00")
    assert result.exit_code == 0, result.output
    context.now_override = parse_now(NOW, context.settings)
    context.settings.feed_check_seconds = 0  # see every change at once
    return context


@pytest.fixture
def loaded(sqlite_settings: Settings, cli: Cli) -> Iterator[AppContext]:
    """HTTP semantics do not depend on the engine: SQLite only."""
    context = AppContext(settings=sqlite_settings)
    yield load_examples(context, cli)
    context.close()


@pytest.fixture
def stored(app: AppContext, cli: Cli) -> AppContext:
    """Tokens, audiences and the hot path's reads: on SQLite and on PostgreSQL."""
    return load_examples(app, cli)


@pytest.fixture
def client(loaded: AppContext) -> Iterator[TestClient]:
    with TestClient(create_app(loaded)) as test_client:
        yield test_client


@pytest.fixture
def store_client(stored: AppContext) -> Iterator[TestClient]:
    with TestClient(create_app(stored)) as test_client:
        yield test_client


def test_headers_of_a_feed(client: TestClient) -> None:
    response = client.get("/feeds/all.ics", headers={"accept-encoding": "identity"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    etag = response.headers["etag"]
    assert re.fullmatch(r'"[0-9a-f]{40}"', etag)  # strong: no W/
    assert response.headers["cache-control"] == "public, max-age=300"
    assert "Accept-Encoding" in response.headers["vary"]
    assert response.headers["content-length"] == str(len(response.content))
    assert "content-encoding" not in response.headers
    last_modified = parsedate_to_datetime(response.headers["last-modified"])
    # the newest moment the bytes changed: after the load at 08:00 on 02/01/2024, the window
    # (a year back) let the last 2023 event ending on 09/01/2023 go at midnight on 10/01/2024
    assert last_modified == datetime(2024, 1, 9, 17, 0, tzinfo=last_modified.tzinfo)
    check_feed_bytes(response.content)
    assert "tam-nong-2024/dot-1@thidua.local" in parsed_events(response.content)


def test_conditional_requests(client: TestClient) -> None:
    first = client.get("/feeds/campaigns/tam-nong-2024.ics")
    etag, last_modified = first.headers["etag"], first.headers["last-modified"]
    again = client.get("/feeds/campaigns/tam-nong-2024.ics", headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    assert again.headers["last-modified"] == last_modified
    weak = client.get("/feeds/campaigns/tam-nong-2024.ics", headers={"if-none-match": f"W/{etag}"})
    assert weak.status_code == 304  # If-None-Match compares weakly (RFC 9110 13.1.2)
    listed = client.get(
        "/feeds/campaigns/tam-nong-2024.ics", headers={"if-none-match": f'"other", {etag}'}
    )
    assert listed.status_code == 304
    other = client.get("/feeds/campaigns/tam-nong-2024.ics", headers={"if-none-match": '"x"'})
    assert other.status_code == 200
    since = client.get(
        "/feeds/campaigns/tam-nong-2024.ics", headers={"if-modified-since": last_modified}
    )
    assert since.status_code == 304
    earlier = format_datetime(parsedate_to_datetime(last_modified).replace(year=2023), usegmt=True)
    older = client.get("/feeds/campaigns/tam-nong-2024.ics", headers={"if-modified-since": earlier})
    assert older.status_code == 200
    # If-None-Match wins over If-Modified-Since
    both = client.get(
        "/feeds/campaigns/tam-nong-2024.ics",
        headers={"if-none-match": '"x"', "if-modified-since": last_modified},
    )
    assert both.status_code == 200
    garbled = client.get(
        "/feeds/campaigns/tam-nong-2024.ics", headers={"if-modified-since": "yesterday"}
    )
    assert garbled.status_code == 200


def test_head_and_gzip(client: TestClient) -> None:
    plain = client.get("/feeds/all.ics", headers={"accept-encoding": "identity"})
    head = client.head("/feeds/all.ics", headers={"accept-encoding": "identity"})
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["etag"] == plain.headers["etag"]
    assert head.headers["content-length"] == str(len(plain.content))

    zipped = client.get("/feeds/all.ics", headers={"accept-encoding": "gzip, deflate"})
    assert zipped.headers["content-encoding"] == "gzip"
    assert zipped.content == plain.content  # as httpx2 decoded it
    with client.stream("GET", "/feeds/all.ics", headers={"accept-encoding": "gzip"}) as stream:
        raw = b"".join(stream.iter_raw())
    assert gzip.decompress(raw) == plain.content
    assert zipped.headers["etag"] == plain.headers["etag"][:-1] + '-gzip"'
    assert int(zipped.headers["content-length"]) < len(plain.content) / 3
    refused = client.get("/feeds/all.ics", headers={"accept-encoding": "gzip;q=0"})
    assert "content-encoding" not in refused.headers
    not_modified = client.get(
        "/feeds/all.ics",
        headers={"accept-encoding": "gzip", "if-none-match": zipped.headers["etag"]},
    )
    assert not_modified.status_code == 304
    assert not_modified.headers["etag"] == zipped.headers["etag"]


def test_gzip_bytes_are_made_once_and_stable(loaded: AppContext) -> None:
    with TestClient(create_app(loaded)) as test_client:
        first = test_client.get("/feeds/all.ics", headers={"accept-encoding": "gzip"})
        second = test_client.get("/feeds/all.ics", headers={"accept-encoding": "gzip"})
    assert first.headers["content-length"] == second.headers["content-length"]
    assert first.headers["etag"] == second.headers["etag"]


def test_kind_filter_and_alarms(client: TestClient) -> None:
    deadlines = parsed_events(client.get("/feeds/all.ics?kind=deadline").content)
    assert deadlines
    assert all(str(e["SUMMARY"]).startswith("Hạn: ") for e in deadlines.values())
    two = parsed_events(client.get("/feeds/all.ics?kind=deadline,phase").content)
    same = parsed_events(client.get("/feeds/all.ics?kind=phase&kind=deadline").content)
    assert two.keys() == same.keys() and len(two) > len(deadlines)
    name = re.search(rb"X-WR-CALNAME:(.*)\r\n", client.get("/feeds/all.ics?kind=deadline").content)
    assert name and name[1].decode() == "Lịch thi đua (Thời hạn)"
    bad = client.get("/feeds/all.ics?kind=holiday")
    assert bad.status_code == 400
    assert bad.text.startswith(
        gettext("unknown kind %(kind)s: use one of %(kinds)s", "vi", kind="'holiday'", kinds="")
    )
    assert "deadline" in bad.text
    assert b"VALARM" not in client.get("/feeds/all.ics").content
    assert b"BEGIN:VALARM" in client.get("/feeds/all.ics?alarms=1").content
    assert client.get("/feeds/all.ics?alarms=maybe").status_code == 400


def test_unknown_feeds_are_404(client: TestClient) -> None:
    for path in (
        "/feeds/campaigns/nope.ics",
        "/feeds/groups/nope.ics",
        "/feeds/units/not-a-token.ics",
        "/feeds/units/.ics",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
    wrong = gettext("no campaign %(code)s", "vi", code="'nope'")  # the default language
    assert wrong == client.get("/feeds/campaigns/nope.ics").text
    assert client.post("/feeds/all.ics").status_code == 405


def test_a_window_keeps_feeds_small(loaded: AppContext, client: TestClient) -> None:
    events = parsed_events(client.get("/feeds/all.ics").content)
    assert "tam-nong-2024/dot-2@thidua.local" in events
    loaded.now_override = parse_now("2027-03-01T09:00", loaded.settings)
    # two years later the 2024 campaigns are more than a year back
    assert parsed_events(client.get("/feeds/all.ics").content) == {}
    loaded.now_override = parse_now("2021-12-01T09:00", loaded.settings)
    ahead = parsed_events(client.get("/feeds/all.ics").content)
    # two years ahead of 01/12/2021 reaches 30/11/2023: 2023 is in, 2024 is not
    assert "ha-giang-2023/period@thidua.local" in ahead
    assert not any(uid.startswith("tam-nong-2024/") for uid in ahead)


def _deadline_units(loaded: AppContext) -> dict[str, set[str]]:
    """Deadline UID → codes of the units that answer for it (from the store)."""
    with loaded.database.session() as session:
        rows = session.execute(
            select(m.Occurrence.uid, m.Unit.code)
            .join(m.Assignment, m.Assignment.event_id == m.Occurrence.event_id)
            .join(m.Unit, m.Unit.id == m.Assignment.unit_id)
            .where(m.Occurrence.kind == "deadline")
        )
        result: dict[str, set[str]] = {}
        for uid, code in rows:
            result.setdefault(uid, set()).add(code)
    return result


def test_a_unit_sees_its_own_deadlines_only(
    stored: AppContext, store_client: TestClient, cli: Cli
) -> None:
    client = store_client
    owners = _deadline_units(stored)
    for unit in ("phong-noi-vu-tam-nong", "so-noi-vu"):
        token = token_from(cli("units", "token", unit).stdout)
        response = client.get(f"/feeds/units/{token}.ics")
        assert response.status_code == 200
        assert response.headers["cache-control"] == "private, max-age=300"
        events = parsed_events(response.content)
        deadlines = {uid for uid, e in events.items() if str(e["SUMMARY"]).startswith("Hạn: ")}
        mine = {uid for uid, units in owners.items() if unit in units}
        in_window = set(parsed_events(client.get("/feeds/all.ics?kind=deadline").content))
        assert deadlines == mine & in_window, unit
        assert deadlines, unit
        others = {uid for uid in in_window if uid not in mine}
        assert others, "the test needs deadlines of other units"
        assert not others & set(events)
        # and its campaigns' reviews, commemorations and meetings; their period and phases,
        # which would fill every day of a phone's calendar, only when asked for
        campaigns = {uid.split("/")[0] for uid in deadlines}
        assert {uid.split("/")[0] for uid in events} == campaigns
        assert not any("/period@" in uid for uid in events)
        spans = parsed_events(client.get(f"/feeds/units/{token}.ics?spans=1").content)
        assert any("/period@" in uid for uid in spans) and set(events) < set(spans)
    tam_nong = parsed_events(client.get(f"/feeds/units/{token}.ics").content)
    assert tam_nong  # the last token still works


def test_a_rotated_token_gives_404(stored: AppContext, store_client: TestClient, cli: Cli) -> None:
    client = store_client
    old = token_from(cli("units", "token", "so-noi-vu").stdout)
    assert token_from(cli("units", "token", "so-noi-vu").stdout) == old  # shown again
    assert client.get(f"/feeds/units/{old}.ics").status_code == 200
    rotated = cli("units", "token", "so-noi-vu", "--rotate")
    assert rotated.exit_code == 0, rotated.output
    new = token_from(rotated.stdout)
    assert new != old and len(new.partition("-")[2]) >= 22  # ≥ 128 bits in URL-safe base64
    assert client.get(f"/feeds/units/{old}.ics").status_code == 404
    assert client.get(f"/feeds/units/{new}.ics").status_code == 200
    secret = stored.settings.effective_secret_key()
    with stored.database.session() as session:
        stored_rows = session.execute(select(m.FeedGeneration.__table__)).all()
        assert feeds_tokens.unit_for_token(session, secret, new) == "so-noi-vu"
        assert feeds_tokens.unit_for_token(session, secret, old) is None
        so_tai_chinh = feeds_tokens.current_token(session, secret, "so-tai-chinh")
        # a token with another unit's id, or with digits beyond any id, opens nothing
        forged = so_tai_chinh.partition("-")[0] + "-" + new.partition("-")[2]
        assert feeds_tokens.unit_for_token(session, secret, forged) is None
        assert feeds_tokens.unit_for_token(session, secret, "9" * 40 + "-x") is None
    # The store keeps the unit and its generation, never the token or the key.
    assert [(row.unit_id, row.generation) for row in stored_rows] == [(int(new.split("-")[0]), 2)]
    assert not any(new in str(row) or secret in str(row) for row in stored_rows)


def test_shared_feeds_can_be_private(loaded: AppContext, cli: Cli) -> None:
    loaded.settings.feeds_public = False
    loaded.settings.api_token = "s3cret-token"
    token = token_from(cli("units", "token", "so-noi-vu").stdout)
    with TestClient(create_app(loaded)) as private:
        refused = private.get("/feeds/all.ics")
        assert refused.status_code == 401
        assert refused.headers["www-authenticate"].startswith("Basic")
        assert private.get("/feeds/all.ics", auth=("office", "wrong")).status_code == 401
        basic = private.get("/feeds/campaigns/tam-nong-2024.ics", auth=("office", "s3cret-token"))
        assert basic.status_code == 200
        assert basic.headers["cache-control"].startswith("private")
        bearer = private.get("/feeds/all.ics", headers={"authorization": "Bearer s3cret-token"})
        assert bearer.status_code == 200
        # a unit's feed needs only its token
        assert private.get(f"/feeds/units/{token}.ics").status_code == 200


def feed_server(client: TestClient) -> Any:
    """The `thidua.web.feeds.FeedServer` behind a test client's app."""
    route = next(r for r in client.app.routes if getattr(r, "path", "") == "/feeds/all.ics")
    return route.endpoint.__self__


def settle(client: TestClient) -> None:
    """Wait until the fragments the app's feed builds rendered are in the database."""
    client.portal.call(feed_server(client).flush)


class StatementLog:
    def __init__(self, engine: sa.Engine) -> None:
        self.engine, self.statements = engine, []
        sa.event.listen(engine, "before_cursor_execute", self.seen)

    def seen(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        self.statements.append(statement)

    def close(self) -> None:
        sa.event.remove(self.engine, "before_cursor_execute", self.seen)


def test_an_unchanged_feed_does_not_touch_the_events(stored: AppContext) -> None:
    loaded = stored
    loaded.settings.feed_check_seconds = 3600  # the counters were read once
    with TestClient(create_app(loaded)) as test_client:
        etag = test_client.get("/feeds/all.ics").headers["etag"]
        settle(test_client)  # the rendered fragments are written after the response
        log = StatementLog(loaded.database.engine)
        try:
            for _ in range(20):
                response = test_client.get("/feeds/all.ics", headers={"if-none-match": etag})
                assert response.status_code == 304
                assert test_client.get("/feeds/all.ics").status_code == 200
        finally:
            log.close()
    assert log.statements == []  # not even the counters
    with TestClient(create_app(loaded)) as test_client:
        first = test_client.get("/feeds/all.ics?kind=deadline,phase")
        settle(test_client)
        log = StatementLog(loaded.database.engine)
        try:
            # another spelling of the same feed is not built again
            other = test_client.get("/feeds/all.ics?kind=phase&kind=deadline&utm_source=x")
        finally:
            log.close()
    assert other.content == first.content and log.statements == []
    loaded.settings.feed_check_seconds = 0  # now the counters are read on every request
    with TestClient(create_app(loaded)) as test_client:
        test_client.get("/feeds/all.ics")
        log = StatementLog(loaded.database.engine)
        try:
            response = test_client.get("/feeds/all.ics", headers={"if-none-match": etag})
        finally:
            log.close()
    assert response.status_code == 304
    queries = [s for s in log.statements if s.lstrip().upper().startswith("SELECT")]
    assert len(queries) == 1 and "FROM state" in queries[0]  # the counters, not the events


def test_requests_that_find_the_counters_old_share_one_read(loaded: AppContext) -> None:
    """Sixteen requests at once with no counters read yet: one read, which all of them
    await (each used to start its own, in a worker thread of its own)."""
    loaded.settings.feed_check_seconds = 3600
    with TestClient(create_app(loaded)) as test_client:
        server = feed_server(test_client)

        async def sixteen() -> list[Any]:
            return await asyncio.gather(*(server._current() for _ in range(16)))

        log = StatementLog(loaded.database.engine)
        try:
            states = test_client.portal.call(sixteen)
        finally:
            log.close()
        assert test_client.get("/feeds/all.ics").status_code == 200
    assert len(states) == 16 and len(set(states)) == 1
    assert [s for s in log.statements if "FROM state" in s] == log.statements
    assert len(log.statements) == 1


def test_the_heap_the_app_started_with_is_out_of_the_collectors_passes(
    loaded: AppContext,
) -> None:
    """A full collection does not walk the modules and mappers while the app serves (it
    held every request in flight); once it stops they are collected again."""
    assert gc.get_freeze_count() == 0
    with TestClient(create_app(loaded)) as test_client:
        assert gc.get_freeze_count() > 10_000
        assert test_client.get("/feeds/all.ics").status_code == 200
    assert gc.get_freeze_count() == 0


@pytest.mark.parametrize("protocol", ["auto", HttpProtocol], ids=["uvicorn", "thidua"])
def test_served_by_uvicorn(loaded: AppContext, protocol: Any) -> None:
    """The real server, with uvicorn's protocol and with `thidua serve`'s (which sends a
    response's head with its body): a HEAD has no body, a keep-alive GET the whole feed, an
    identity GET its bytes, a 304 and a bad request their heads."""
    config = uvicorn.Config(
        create_app(loaded), host="127.0.0.1", port=0, log_level="warning", http=protocol
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        while not server.started:
            thread.join(0.01)
            assert thread.is_alive()
        port = server.servers[0].sockets[0].getsockname()[1]
        with httpx2.Client(base_url=f"http://127.0.0.1:{port}") as http:
            got = http.get("/feeds/all.ics", headers={"accept-encoding": "gzip"})
            head = http.head("/feeds/all.ics", headers={"accept-encoding": "gzip"})
            again = http.get("/feeds/all.ics", headers={"if-none-match": got.headers["etag"]})
            plain = http.get("/feeds/all.ics", headers={"accept-encoding": "identity"})
        with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
            raw.sendall(b"GET /feeds/all.ics HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n")
            bad = raw.makefile("rb").read()  # the server closes after its answer
    finally:
        server.should_exit = True
        thread.join()
    assert got.status_code == 200 and got.headers["content-encoding"] == "gzip"
    check_feed_bytes(got.content)
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == got.headers["content-length"]
    assert again.status_code == 304 and again.content == b""
    assert "content-encoding" not in plain.headers and plain.content == got.content
    assert int(plain.headers["content-length"]) == len(plain.content)
    assert bad.startswith(b"HTTP/1.1 400 ")


def test_the_day_moves_the_cache(loaded: AppContext, client: TestClient) -> None:
    first = client.get("/feeds/all.ics")
    loaded.now_override = parse_now("2024-01-16T09:00", loaded.settings)
    second = client.get("/feeds/all.ics")
    # nothing entered or left the window in a day: the same bytes, the same ETag
    assert second.content == first.content and second.headers["etag"] == first.headers["etag"]


def test_the_upgrade_drops_hashed_tokens_for_derived_links(database_url: str) -> None:
    """Migration unitlink_c0003 on a store with a token of the old kind: the hash is gone
    (its link could never be shown or mailed), the unit is at generation 1."""
    engine = make_engine(database_url)
    with engine.begin() as connection:
        command.upgrade(database.alembic_config(connection), "c0002")
        connection.execute(
            sa.text(
                "INSERT INTO units (id, code, name, emails, active, content_hash, created_at, "
                "updated_at) VALUES (1, 'so-noi-vu', 'Sở Nội vụ', '[]', true, 'x', "
                "'2024-01-01 00:00:00', '2024-01-01 00:00:00')"
            )
        )
        connection.execute(
            sa.text(
                "INSERT INTO feed_tokens (unit_id, token_hash, issued_at) "
                "VALUES (1, :hash, '2024-01-01 00:00:00')"
            ),
            {"hash": "0" * 64},
        )
    database.upgrade(engine)
    with engine.connect() as connection:
        tables = sa.inspect(connection).get_table_names()
        assert "feed_tokens" not in tables
        assert connection.execute(sa.text("SELECT count(*) FROM feed_generations")).scalar() == 0
    with Session(engine) as session:
        assert feeds_tokens.generation_of(session, 1) == feeds_tokens.FIRST_GENERATION
    engine.dispose()
