"""Feed benchmark (BENCHMARKS.md, issue 3): thidua against Radicale and against the ceiling
of its own server stack, on loopback, in one run, printing ratios.

Data: 10 campaigns of 100 events each (period, 2 phases, 2 reviews, 15 commemorations,
80 deadlines with Vietnamese descriptions of ~300 characters), loaded with ``thidua load``
into a fresh SQLite store. Sides, each its own process on 127.0.0.1:

  (a) thidua full GET of the 1,000-event feed      (b) thidua 304 for If-None-Match
  (c) Radicale 3 full GET of a CalDAV collection holding the same 1,000 events (PUT one by
      one with If-None-Match: *; it answers a conditional GET with 200, so no 304 side)
  (d) the same stack (uvicorn + Starlette) returning the pre-rendered bytes from memory
  (e) its 304 from memory

The primary client is wrk (Debian's package; ``make bench-feeds`` installs it), in its own
process: requests/s of (a), (c) and (d) at 1, 16 and 64 keep-alive connections, the sides
alternated, each run once the three servers are idle, and thidua's p99 latency at 16
connections. Then a second opinion from one
httpx2 client in this process (one keep-alive connection, sequential requests), which
includes that client's own cost. Identity encoding on every side; every side warmed up.
The servers listen on fixed ports: ``--port P`` gives thidua P, the ceiling P + 1 and
Radicale P + 2.
Then, in this process: (f) the time to rebuild the feed after one event changed (store
read + one fragment rendered + join) against (g) icalendar building and serialising the
same 1,000 events from scratch (from rows already in memory), alternated, medians.

Also printed:
- **cold start**: the first request of a new server process with nothing stored (every
  event rendered), and of the next process (a restart: fragments read back from the
  database), at 1,000 events and at ``--cold-events`` (10,000), against (g) at that size;
- **change to served**: one deadline's title changed through the API (``PATCH
  /api/campaigns/{code}/events/{event}``, the office's bearer token) to the first GET of
  everything with the new bytes, against Radicale's PUT of one changed event and the GET
  of its collection, the two alternated; and a group renamed through the office's form
  (signed in, as a clerk would) to the same first GET (medians of ``--edits``);
- with ``--events 100000``: the load, a build of everything and ``thidua events --format
  json`` on that many events, each in a child process, with its peak resident memory.

Usage: python bench/feeds.py [--rounds 25] [--wrk-rounds 2] [--port 18700] [--edits 5]
[--cold-events 10000] [--events 100000] [--keep]   (``make bench-feeds`` installs the
``bench`` extra and wrk first). Goals: a/c ≥ 300, a/d ≥ 0.7, b/e ≥ 0.7, f/g ≤ 0.2,
restart ≤ 0.1 × (g) at 10k, change to served ≤ 0.5 s and ≤ Radicale's.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import httpx2
import sqlalchemy as sa
import yaml
from icalendar import Calendar
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from calendars import ical, queries
from calendars.feeds import Audience, FeedBuilder, FeedQuery, audience_names, window
from config.catalog import anniversaries
from config.settings import Settings
from thidua.context import AppContext

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.forms and tests.office: the office's form as sent
from tests.forms import PageForm  # noqa: E402
from tests.office import csrf_of  # noqa: E402

THIDUA = [sys.executable, "-c", "from thidua.cli import main; main()"]
IDENTITY = {"accept-encoding": "identity"}
USER, PASSWORD = "bench", "mật khẩu của bench"
API_TOKEN = "bench-api-token"
CAMPAIGNS = 10
ROUNDS_WRK = 2
CONNECTIONS = (1, 16, 64)
DEADLINES = 80
COMMEMORATIONS = [
    "thanh-lap-dang",
    "thay-thuoc",
    "quoc-te-phu-nu",
    "thanh-lap-doan",
    "giai-phong-mien-nam",
    "quoc-te-lao-dong",
    "dien-bien-phu",
    "sinh-nhat-bac-ho",
    "loi-keu-goi-thi-dua-ai-quoc",
    "thuong-binh-liet-si",
    "cach-mang-thang-tam",
    "quoc-khanh",
    "nha-giao-viet-nam",
    "thanh-lap-quan-doi",
    "quoc-phong-toan-dan",
]
GROUPS = [
    "so-ban-nganh",
    "ubnd-huyen",
    "co-quan-trung-uong",
    "doanh-nghiep",
    "khoi-kinh-te",
    "khoi-van-hoa-xa-hoi",
    "cum-1",
    "cum-2",
]
TOPICS = [
    "cải cách hành chính và chuyển đổi số",
    "xây dựng nông thôn mới nâng cao",
    "phòng, chống tham nhũng, tiêu cực",
    "bảo đảm an sinh xã hội",
    "phát triển kinh tế tập thể, hợp tác xã",
    "thi đua “Cả nước chung tay vì người nghèo”",
]


# --- data --------------------------------------------------------------------------------


def campaign_file(number: int, year: int) -> dict[str, object]:
    code = f"bench-{number:02d}-{year}"
    deadlines = []
    for index in range(DEADLINES):
        day = date(year, 1, 5) + timedelta(days=(index * 4 + number) % 350)
        topic = TOPICS[index % len(TOPICS)]
        before = index % 2 == 0
        wording = (
            f"gửi báo cáo {'trước' if before else 'chậm nhất'} ngày {day:%d/%m/%Y} về Sở Nội "
            "vụ (Ban Thi đua - Khen thưởng) để tổng hợp, báo cáo UBND tỉnh"
        )
        deadlines.append(
            {
                "code": f"bao-cao-{index:03d}",
                "title": f"Báo cáo chuyên đề số {index + 1} về {topic} năm {year}",
                "what": (
                    f"Báo cáo kết quả triển khai phong trào thi đua về {topic}, kèm danh sách "
                    "tập thể, cá nhân tiêu biểu đề nghị khen thưởng"
                ),
                "wording": wording,
                "due": {"rule": "before" if before else "by", "date": day.isoformat()},
                "units": [GROUPS[(index + number) % len(GROUPS)]],
                "note": (
                    "Báo cáo gửi bằng văn bản điện tử qua hệ thống quản lý văn bản và điều "
                    "hành; đơn vị chậm gửi sẽ bị trừ điểm thi đua cuối năm."
                ),
            }
        )
    return {
        "campaign": {
            "code": code,
            "title": f"Phong trào thi đua số {number + 1} của tỉnh năm {year}",
            "theme": "Kỷ cương, trách nhiệm; chủ động, sáng tạo; tăng tốc, hiệu quả",
            "issuer": "UBND tỉnh Phú Thọ",
            "document": {"kind": "Kế hoạch", "number": f"{number + 1}/KH-UBND"},
            "period": {"start": f"{year}-01-01", "end": f"{year}-12-31"},
            "receiver": "Sở Nội vụ (Ban Thi đua - Khen thưởng)",
        },
        "phases": [
            {
                "code": "dot-1",
                "title": "Đợt thi đua thứ nhất",
                "start": f"{year}-01-01",
                "end": f"{year}-06-30",
            },
            {
                "code": "dot-2",
                "title": "Đợt thi đua thứ hai",
                "start": f"{year}-07-01",
                "end": f"{year}-12-31",
            },
        ],
        "reviews": [
            {
                "code": "so-ket",
                "kind": "so_ket",
                "title": f"Sơ kết phong trào năm {year}",
                "start": f"{year}-06-15",
                "end": f"{year}-06-30",
            },
            {
                "code": "tong-ket",
                "kind": "tong_ket",
                "title": f"Tổng kết phong trào năm {year}",
                "start": f"{year}-11-15",
                "end": f"{year}-12-10",
            },
        ],
        # Each campaign's own days (no catalog entry): the shared feed would show a national
        # day kept by every campaign once, and the feed must hold every event.
        "commemorations": [
            {"code": c, "title": anniversaries()[c].name, "origin": anniversaries()[c].origin}
            for c in COMMEMORATIONS
        ],
        "deadlines": deadlines,
    }


def write_data(folder: Path, year: int, campaigns: int = CAMPAIGNS) -> list[Path]:
    """The units file and ``campaigns`` campaign files of 100 events each."""
    paths = [folder / "units.yaml"]
    shutil.copy(ROOT / "examples" / "units.yaml", paths[0])
    for number in range(campaigns):
        path = folder / f"bench-{number:02d}.yaml"
        path.write_text(
            yaml.safe_dump(campaign_file(number, year), allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def change_one_event(folder: Path, revision: int) -> None:
    path = folder / "bench-00.yaml"
    text = path.read_text("utf-8")
    text = re.sub(r"trừ điểm thi đua cuối năm\.( \(sửa \d+\))?", "trừ điểm thi đua cuối năm.", text)
    text = text.replace(
        "trừ điểm thi đua cuối năm.", f"trừ điểm thi đua cuối năm. (sửa {revision})", 1
    )
    path.write_text(text, encoding="utf-8")


# --- processes -----------------------------------------------------------------------------


SERVERS: dict[int, int] = {}  # port → process id of the servers running


def cpu_seconds(pid: int) -> float:
    """User and system time of a process so far (Linux's /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_idle(pids: list[int], limit: float = 60.0) -> None:
    """Until the servers have stopped working: Radicale goes on with the requests queued
    when wrk stopped for seconds, which the side measured next would pay for."""
    deadline = time.monotonic() + limit
    before = sum(map(cpu_seconds, pids))
    while time.monotonic() < deadline:
        time.sleep(0.25)
        now = sum(map(cpu_seconds, pids))
        if now - before < 0.02:
            return
        before = now


@contextmanager
def process(args: list[str], env: dict[str, str], port: int, cwd: Path) -> Iterator[str]:
    log = Path(env["THIDUA_VAR_DIR"]).parent / f"server-{port}.log"
    with log.open("wb") as output:
        child = subprocess.Popen(args, env=env, cwd=cwd, stdout=output, stderr=output)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if child.poll() is not None or time.monotonic() > deadline:
                    tail = log.read_text("utf-8", "replace")[-2000:]
                    raise RuntimeError(f"{' '.join(args[2:4])} did not start:\n{tail}") from None
                time.sleep(0.05)
        SERVERS[port] = child.pid
        yield f"http://127.0.0.1:{port}"
    finally:
        SERVERS.pop(port, None)
        child.terminate()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def uvicorn_args(app: str, port: int, app_dir: str = "") -> list[str]:
    """The app factory ``app`` served as ``thidua serve`` serves (`thidua.web.server`)."""
    return [sys.executable, "-m", "thidua.web.server", app, str(port), *([app_dir] * bool(app_dir))]


def server_stack() -> str:
    """uvicorn's loop and HTTP parser as it picks them (``auto``: uvloop and httptools when
    installed) and `thidua.web.server`'s protocol, for both the service and the ceiling."""
    loop = "uvloop" if importlib.util.find_spec("uvloop") else "asyncio"
    http = "httptools" if importlib.util.find_spec("httptools") else "h11"
    return f"uvicorn ({loop}, {http}; head and body in one write) + Starlette"


def load_average() -> str:
    return " / ".join(f"{value:.1f}" for value in os.getloadavg())


def ceiling_app() -> Starlette:
    """(d)/(e): a stock Starlette app serving pre-rendered bytes from memory."""
    body = Path(os.environ["BENCH_FEED_FILE"]).read_bytes()
    etag = f'"{hashlib.sha256(body).hexdigest()[:40]}"'

    async def feed(request: Request) -> Response:
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers={"etag": etag})
        return Response(body, media_type="text/calendar; charset=utf-8", headers={"etag": etag})

    return Starlette(routes=[Route("/feed.ics", feed)])


# --- measuring -----------------------------------------------------------------------------


class Side:
    def __init__(self, name: str, client: httpx2.Client, url: str, status: int, **headers: str):
        self.name, self.client, self.url, self.status = name, client, url, status
        self.headers = {"accept-encoding": "identity", **headers}
        self.requests, self.seconds = 0, 0.0

    def run(self, count: int, size: int | None = None) -> None:
        get, url, headers, status = self.client.get, self.url, self.headers, self.status
        start = time.perf_counter()
        for _ in range(count):
            response = get(url, headers=headers)
            if response.status_code != status or (
                size is not None and len(response.content) != size
            ):
                raise RuntimeError(f"{self.name}: unexpected answer {response.status_code}")
        self.seconds += time.perf_counter() - start
        self.requests += count

    @property
    def rate(self) -> float:
        return self.requests / self.seconds


def median_pair(
    f: Callable[[], float], g: Callable[[], float], repeats: int
) -> tuple[float, float]:
    g()  # warm icalendar up
    fs, gs = [], []
    for index in range(repeats):
        if index % 2:
            gs.append(g())
            fs.append(f())
        else:
            fs.append(f())
            gs.append(g())
    return statistics.median(fs), statistics.median(gs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=25)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--port", type=int, default=18700, help="thidua's port; the ceiling +1, Radicale +2"
    )
    parser.add_argument(
        "--cold-events",
        type=int,
        default=10_000,
        help="the larger calendar of the cold-start line (0: leave it out)",
    )
    parser.add_argument(
        "--events",
        type=int,
        default=0,
        help="also time a build and 'thidua events' on a calendar this large (e.g. 100000)",
    )
    parser.add_argument("--edits", type=int, default=5, help="edits timed change-to-served")
    parser.add_argument(
        "--wrk-rounds", type=int, default=ROUNDS_WRK, help="alternated rounds of the wrk table"
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="thidua-bench-feeds-"))
    try:
        run(work, args.rounds, args.port, args.edits, args.wrk_rounds)
        if args.cold_events:
            cold_line(work, args.cold_events, args.port)
        if args.events:
            large_line(work, args.events)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def store_env(work: Path, name: str) -> dict[str, str]:
    """The environment of a thidua process on the store ``work/name``."""
    return {
        **os.environ,
        "THIDUA_VAR_DIR": str(work / name),
        "THIDUA_DATABASE_URL": f"sqlite:///{work / name / 'thidua.db'}",
        "THIDUA_CONFIG": str(work / "absent.toml"),
        "THIDUA_SECRET_KEY": "bench",
        "THIDUA_API_TOKEN": API_TOKEN,
    }


def thidua_cli(env: dict[str, str], *args: str, **kwargs: object) -> float:
    """Run ``thidua ARGS`` in a child process; its seconds."""
    start = time.perf_counter()
    subprocess.run([*THIDUA, *args], env=env, check=True, capture_output=True, **kwargs)  # type: ignore[call-overload]
    return time.perf_counter() - start


def first_request(env: dict[str, str], port: int) -> tuple[float, bytes]:
    """A new server process; the seconds of its first GET of everything (once it listens),
    as curl, a client in its own process, sees them, and the body. The server's fragments
    are in the database when this returns."""
    args = uvicorn_args("thidua.web:create_app", port)
    with process(args, env, port, ROOT) as url, tempfile.NamedTemporaryFile() as body:
        curl = ["curl", "-sS", "-H", "accept-encoding: identity", "-o", body.name]
        timed = subprocess.run(
            [*curl, "-w", "%{http_code} %{time_total}", f"{url}/feeds/all.ics"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        if timed[0] != "200":
            raise RuntimeError(f"first request: {timed[0]}")
        data = Path(body.name).read_bytes()
        wait_stored(env, data.count(b"BEGIN:VEVENT"))
    return float(timed[1]), data


def wait_stored(env: dict[str, str], events: int) -> None:
    """Until the server wrote the fragments it rendered (after its answer)."""
    engine = sa.create_engine(env["THIDUA_DATABASE_URL"])
    deadline = time.monotonic() + 600
    try:
        while time.monotonic() < deadline:
            with engine.connect() as connection:
                count = connection.scalar(sa.text("SELECT count(*) FROM feed_fragments"))
            if count is not None and count >= events:
                return
            time.sleep(0.2)
        raise RuntimeError(f"the server kept {count} of {events} fragments")
    finally:
        engine.dispose()


def run(work: Path, rounds: int, port: int, edits: int, wrk_rounds: int = ROUNDS_WRK) -> None:
    today = date.today()
    data = work / "data"
    data.mkdir()
    files = write_data(data, today.year)
    env = store_env(work, "var")
    thidua_cli(env, "load", *map(str, files))
    thidua_cli(env, "plan")  # as the reminder service does when it starts
    thidua_cli(env, "users", "add", USER, "--password-stdin", input=f"{PASSWORD}\n".encode())

    ports = {"thidua": port, "ceiling": port + 1, "radicale": port + 2}
    first, _ = first_request(env, ports["thidua"])
    thidua_args = uvicorn_args("thidua.web:create_app", ports["thidua"])
    with process(thidua_args, env, ports["thidua"], ROOT) as thidua_url, httpx2.Client() as http:
        start = time.perf_counter()
        feed = http.get(f"{thidua_url}/feeds/all.ics", headers=IDENTITY)
        restart = time.perf_counter() - start
        body, etag = feed.content, feed.headers["etag"]
        events = body.count(b"BEGIN:VEVENT")
        print(f"feed: {events} events, {len(body):,} bytes; server stack: {server_stack()}")
        print(f"first request, nothing stored: {first:.2f} s; after a restart: {restart:.3f} s")
        feed_file = work / "feed.ics"
        feed_file.write_bytes(body)
        ceiling_env = {**env, "BENCH_FEED_FILE": str(feed_file)}
        ceiling = uvicorn_args("feeds:ceiling_app", ports["ceiling"], str(Path(__file__).parent))
        radicale = [
            sys.executable, "-m", "radicale",
            "--server-hosts", f"127.0.0.1:{ports['radicale']}",
            "--auth-type", "none", "--rights-type", "owner_only", "--web-type", "none",
            "--storage-filesystem-folder", str(work / "radicale"),
            "--logging-level", "warning",
        ]  # fmt: skip
        with (
            process(ceiling, ceiling_env, ports["ceiling"], ROOT) as ceiling_url,
            process(radicale, env, ports["radicale"], ROOT) as radicale_url,
        ):
            collection = fill_radicale(radicale_url, body)
            sides = measure(http, thidua_url, ceiling_url, collection, body, etag, rounds)
            urls = {
                "a": (f"{thidua_url}/feeds/all.ics", {}),
                "b": (f"{thidua_url}/feeds/all.ics", {"if-none-match": etag}),
                "c": (collection, {"authorization": "Basic YmVuY2g6YmVuY2g="}),  # bench:bench
                "d": (f"{ceiling_url}/feed.ics", {}),
                "e": (f"{ceiling_url}/feed.ics", {"if-none-match": etag}),
            }
            if shutil.which("wrk") is None:
                raise SystemExit("wrk is missing: 'make bench-feeds' installs Debian's package")
            loads = [load_average()]
            primary = wrk_table({k: urls[k] for k in "acd"}, wrk_rounds)
            loads.append(load_average())
            api, put_get = api_against_radicale(thidua_url, collection, today.year, edits)
            served = change_to_served(thidua_url, edits)
    report_wrk(primary, wrk_rounds)
    print(f"load average (1 / 5 / 15 min) before the wrk table {loads[0]}, after {loads[1]}")
    print(
        f"\nchange to served (medians of {edits}): thidua {api[0] * 1000:.0f} ms (one "
        f"deadline's title changed through the API, whose PATCH took {api[1] * 1000:.0f} ms → "
        f"the first GET of everything with the new bytes), Radicale PUT + GET "
        f"{put_get * 1000:.0f} ms, alternated (goal ≤ 500 ms and ≤ Radicale's); a group "
        f"renamed in the office's form {served[0] * 1000:.0f} ms, its POST "
        f"{served[1] * 1000:.0f} ms (another process's change is seen within "
        f"{Settings().feed_check_seconds} s)"
    )
    f, g = rebuild_times(env, data, files, today, events)
    print("\nsecond opinion, one httpx2 client in this process (its own cost included):")
    report(sides, f, g)


def change_to_served(base: str, edits: int) -> tuple[float, float]:
    """Median seconds from posting the office's form that renames a group (its deadlines'
    text changes) to the first GET of everything that returns the new bytes, and of the
    form's POST alone. The group's name is put back at the end (the files say it)."""
    with httpx2.Client(base_url=base, timeout=60) as client:
        token = csrf_of(client.get("/signin").text)
        signed = client.post(
            "/signin",
            data={"username": USER, "password": PASSWORD, "csrf_token": token, "next": "/"},
        )
        if signed.status_code != 303:
            raise RuntimeError(f"sign-in: {signed.status_code}")
        feed = client.get("/feeds/all.ics", headers=IDENTITY).content
        url, times, posts = f"/groups/{GROUPS[0]}/edit", [], []
        original = PageForm(client.get(url).text, url).get("name") or ""
        for number in range(edits + 1):
            form = PageForm(client.get(url).text, url)
            form.set("name", f"{original} (sửa {number + 1})" if number < edits else original)
            start = time.perf_counter()
            saved = form.post(client, url, action="save")
            posts.append(time.perf_counter() - start)
            if saved.status_code != 303:
                raise RuntimeError(f"the group's form: {saved.status_code}")
            if number == edits:
                break
            feed = first_new_feed(client, feed)
            times.append(time.perf_counter() - start)
    return statistics.median(times), statistics.median(posts[:edits])


def api_against_radicale(
    base: str, collection: str, year: int, edits: int
) -> tuple[tuple[float, float], float]:
    """Medians of thidua's API edit to served (and of its PATCH alone) and of Radicale's
    PUT + GET, one of each in turn."""
    served, patches, put_gets = [], [], []
    with (
        httpx2.Client(base_url=base, timeout=60) as thidua,
        httpx2.Client(auth=("bench", "bench"), timeout=60) as radicale,
    ):
        feed = thidua.get("/feeds/all.ics", headers=IDENTITY).content
        url = f"/api/campaigns/bench-00-{year}/events/bao-cao-000"
        auth = {"authorization": f"Bearer {API_TOKEN}"}
        title = campaign_file(0, year)["deadlines"][0]["title"]  # type: ignore[index]
        event_url = f"{collection}0000.ics"
        event = radicale.get(event_url).content
        for number in range(edits):
            start = time.perf_counter()
            patched = thidua.patch(url, json={"title": f"{title} (sửa {number + 1})"}, headers=auth)
            patches.append(time.perf_counter() - start)
            if patched.status_code != 200:
                raise RuntimeError(f"the API's PATCH: {patched.status_code} {patched.text}")
            feed = first_new_feed(thidua, feed)
            served.append(time.perf_counter() - start)
            event, seconds = radicale_put_get(radicale, collection, event_url, event)
            put_gets.append(seconds)
        thidua.patch(url, json={"title": title}, headers=auth)  # as the files say
    median = statistics.median
    return (median(served), median(patches)), median(put_gets)


def first_new_feed(client: httpx2.Client, feed: bytes) -> bytes:
    """GET everything until its bytes are not ``feed``."""
    body = feed
    while body == feed:
        body = client.get("/feeds/all.ics", headers=IDENTITY).content
    return body


def radicale_put_get(
    client: httpx2.Client, collection: str, url: str, event: bytes
) -> tuple[bytes, float]:
    """Radicale's PUT of one changed event and the GET of the collection that follows
    (which has it: Radicale writes before it answers): the event as changed, the seconds."""
    changed = re.sub(rb"SUMMARY:([^\r]*)", rb"SUMMARY:\1 x", event, count=1)
    start = time.perf_counter()
    put = client.put(url, content=changed, headers={"content-type": "text/calendar"})
    if put.status_code not in (201, 204):
        raise RuntimeError(f"Radicale PUT: {put.status_code}")
    got = client.get(collection, headers=IDENTITY).content
    seconds = time.perf_counter() - start
    if changed.split(b"SUMMARY:")[1][:40] not in got.replace(b"\r\n ", b""):
        raise RuntimeError("Radicale served the old event after its PUT")
    return changed, seconds


def cold_line(work: Path, events: int, port: int) -> None:
    """A larger calendar: its load, the first request with nothing stored, the first after
    a restart, against icalendar from scratch (once each: they take seconds)."""
    name = f"cold-{events}"
    data = work / f"data-{events}"
    data.mkdir()
    files = write_data(data, date.today().year, campaigns=max(1, events // 100))
    env = store_env(work, name)
    loaded = thidua_cli(env, "load", *map(str, files))
    first, body = first_request(env, port)
    restart, again = first_request(env, port)
    assert again == body
    count = body.count(b"BEGIN:VEVENT")
    scratch = icalendar_from_scratch(env, count)()
    print(
        f"\n{count:,} events: load {loaded:.1f} s; first request, nothing stored {first:.2f} s; "
        f"after a restart {restart:.3f} s; icalendar from scratch {scratch:.2f} s "
        f"(restart/icalendar = {restart / scratch:.3f}, goal ≤ 0.1)"
    )


LARGE_BUILD = """
import sys, time
from datetime import date
from calendars.feeds import Audience, FeedBuilder, FeedQuery
from thidua.context import AppContext
context = AppContext()
start = time.perf_counter()
with context.database.reader() as session:
    feed = FeedBuilder(context.settings).build(session, FeedQuery(Audience("all")), date.today())
print(feed.events, len(feed.body), time.perf_counter() - start)
"""


def child(env: dict[str, str], args: list[str]) -> tuple[float, float, bytes]:
    """(seconds, peak resident MiB, stdout) of a child process."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as output:
        proc = subprocess.Popen(args, env=env, stdout=output, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            raise RuntimeError(f"{args[-2:]} failed ({proc.returncode})")
        output.seek(0)
        return seconds, usage.ru_maxrss / 1024, output.read()


def large_line(work: Path, events: int) -> None:
    """A calendar of ``events`` events: time and peak memory of a build of everything (in a
    child process) and of ``thidua events --format json``."""
    data = work / f"data-{events}"
    data.mkdir()
    files = write_data(data, date.today().year, campaigns=max(1, events // 100))
    env = store_env(work, f"large-{events}")
    loaded = thidua_cli(env, "load", *map(str, files))
    build, build_mib, out = child(env, [sys.executable, "-c", LARGE_BUILD])
    shown, size, built = out.split()
    listed, listed_mib, listing = child(env, [*THIDUA, "events", "--format", "json"])
    print(
        f"\n{int(shown):,} events ({int(size) / 2**20:.0f} MiB feed): load {loaded:.0f} s; "
        f"a build of everything {float(built):.1f} s in a process of {build:.1f} s, peak "
        f"{build_mib:.0f} MiB; thidua events --format json {listed:.1f} s, peak "
        f"{listed_mib:.0f} MiB ({len(listing) / 2**20:.0f} MiB of JSON)"
    )


def fill_radicale(base: str, feed: bytes) -> str:
    """PUT each VEVENT of the feed as its own resource of a new calendar collection."""
    auth = ("bench", "bench")
    url = f"{base}/bench/feed/"
    with httpx2.Client(auth=auth, timeout=60) as client:
        made = client.request("MKCALENDAR", url)
        if made.status_code != 201:
            raise RuntimeError(f"Radicale MKCALENDAR: {made.status_code} {made.text[:200]}")
        head = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//thidua bench//EN\r\n"
        blocks = re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", feed, flags=re.DOTALL)
        timezones = b"".join(
            re.findall(rb"BEGIN:VTIMEZONE\r\n.*?END:VTIMEZONE\r\n", feed, flags=re.DOTALL)
        )
        start = time.perf_counter()
        for number, block in enumerate(blocks):
            put = client.put(
                f"{url}{number:04d}.ics",
                content=head + timezones + block + b"END:VCALENDAR\r\n",
                headers={"content-type": "text/calendar; charset=utf-8", "if-none-match": "*"},
            )
            if put.status_code != 201:
                raise RuntimeError(f"Radicale PUT: {put.status_code} {put.text[:200]}")
        print(f"Radicale: {len(blocks)} events PUT in {time.perf_counter() - start:.1f} s")
    return url


def measure(
    http: httpx2.Client,
    thidua: str,
    ceiling: str,
    radicale: str,
    body: bytes,
    etag: str,
    rounds: int,
) -> dict[str, Side]:
    radicale_client = httpx2.Client(auth=("bench", "bench"), timeout=60)
    sides = {
        "a": Side("thidua full GET", http, f"{thidua}/feeds/all.ics", 200),
        "b": Side("thidua 304", http, f"{thidua}/feeds/all.ics", 304, **{"if-none-match": etag}),
        "c": Side("Radicale full GET", radicale_client, radicale, 200),
        "d": Side("ceiling full GET", http, f"{ceiling}/feed.ics", 200),
        "e": Side("ceiling 304", http, f"{ceiling}/feed.ics", 304, **{"if-none-match": etag}),
    }
    # Small batches, many rounds: the machine is shared, and its load changes by the second.
    counts = {"a": 60, "b": 200, "c": 1, "d": 60, "e": 200}
    sizes = {"a": len(body), "d": len(body)}
    first = radicale_client.get(radicale, headers={"accept-encoding": "identity"})
    found = first.content.count(b"BEGIN:VEVENT")
    if found != body.count(b"BEGIN:VEVENT"):
        raise RuntimeError(f"Radicale returned {found} events")
    conditional = radicale_client.get(
        radicale, headers={"if-none-match": first.headers.get("etag", "")}
    )
    print(f"Radicale conditional GET answers {conditional.status_code}")
    for key, side in sides.items():  # warm up, then throw the figures away
        side.run(max(2, counts[key] // 10), sizes.get(key))
        side.requests, side.seconds = 0, 0.0
    order = list(sides)
    for number in range(rounds):
        for key in order[number % len(order) :] + order[: number % len(order)]:
            sides[key].run(counts[key], sizes.get(key))
    radicale_client.close()
    return sides


def wrk_once(
    url: str, headers: dict[str, str], connections: int, seconds: int
) -> tuple[float, float]:
    """(requests/s, p99 latency in seconds) of one wrk run."""
    args = ["wrk", f"-t{min(connections, 2)}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    args += ["-H", "accept-encoding: identity"]
    for name, value in headers.items():
        args += ["-H", f"{name}: {value}"]
    out = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in out:
        raise RuntimeError(f"wrk {url}: error answers\n{out}")
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    assert rate and p99, out
    scale = {"us": 1e-6, "ms": 1e-3, "s": 1.0}[p99[2]]
    return float(rate[1]), float(p99[1]) * scale


def wrk_table(
    urls: dict[str, tuple[str, dict[str, str]]], rounds: int
) -> dict[tuple[str, int], tuple[float, float]]:
    """(side, connections) → (requests/s, p99), each the mean of ``rounds`` rounds that
    alternate the sides."""
    totals: dict[tuple[str, int], list[float]] = {}
    for _ in range(rounds):
        for connections in CONNECTIONS:
            for key, (url, headers) in urls.items():
                wait_idle(list(SERVERS.values()))
                rate, p99 = wrk_once(url, headers, connections, 6 if key == "c" else 3)
                total = totals.setdefault((key, connections), [0.0, 0.0])
                total[0] += rate / rounds
                total[1] = max(total[1], p99)
    return {key: (rate, p99) for key, (rate, p99) in totals.items()}


def report_wrk(table: dict[tuple[str, int], tuple[float, float]], rounds: int) -> None:
    print(f"\nwrk, {rounds} alternated rounds (requests/s; ratios from the same run):")
    print("connections      thidua    Radicale     ceiling   thidua/Radicale   thidua/ceiling")
    for connections in CONNECTIONS:
        a, c, d = (table[(key, connections)][0] for key in "acd")
        print(f"{connections:>11} {a:11.1f} {c:11.1f} {d:11.1f} {a / c:17.0f}× {a / d:16.2f}")
    p99, ceiling = table[("a", 16)][1], table[("d", 16)][1]
    print(
        f"p99 at 16 connections (the worst round): thidua {p99 * 1000:.1f} ms (goal ≤ 50 ms), "
        f"the ceiling {ceiling * 1000:.1f} ms"
    )


def rebuild_times(
    env: dict[str, str], data: Path, files: list[Path], today: date, events: int
) -> tuple[float, float]:
    """(f) rebuild after one change, with the fragments of the previous build kept;
    (g) icalendar builds and serialises the same events from scratch."""
    os.environ.update({k: v for k, v in env.items() if k.startswith("THIDUA_")})
    context = AppContext(settings=Settings())
    builder = FeedBuilder(context.settings)
    query = FeedQuery(Audience("all"))
    with context.database.session() as session:
        assert builder.build(session, query, today).events == events
    revision = 0

    def f() -> float:
        nonlocal revision
        revision += 1
        change_one_event(data, revision)
        thidua_cli(env, "load", *map(str, files))
        rendered = builder.rendered
        start = time.perf_counter()
        with context.database.session() as session:
            feed = builder.build(session, query, today)
        seconds = time.perf_counter() - start
        assert feed.events == events and builder.rendered == rendered + 1
        return seconds

    result = median_pair(f, icalendar_from_scratch(env, events), repeats=7)
    context.close()
    return result


def icalendar_from_scratch(env: dict[str, str], events: int) -> Callable[[], float]:
    """(g): icalendar builds and serialises the feed's events from rows in memory."""
    os.environ.update({k: v for k, v in env.items() if k.startswith("THIDUA_")})
    context = AppContext(settings=Settings())
    today = date.today()
    with context.database.session() as session:
        rows = queries.occurrences(session, window(context.settings, today))
        names = audience_names(session)
        infos = {o.campaign_id: ical.CampaignInfo.of(o.campaign) for o in rows}
    options = ical.RenderOptions.from_settings(context.settings)
    context.close()

    def g() -> float:
        start = time.perf_counter()
        calendar = Calendar()
        calendar.add("prodid", ical.PRODID)
        calendar.add("version", "2.0")
        for occ in rows:
            calendar.add_component(ical.vevent(occ, infos[occ.campaign_id], names, options))
        data = calendar.to_ical()
        seconds = time.perf_counter() - start
        assert data.count(b"BEGIN:VEVENT") == events
        return seconds

    return g


def report(sides: dict[str, Side], f: float, g: float) -> None:
    print()
    for key, side in sides.items():
        print(f"({key}) {side.name:<20} {side.rate:9.1f} requests/s  ({side.requests} requests)")
    print(f"(f) rebuild after one change     {f * 1000:8.1f} ms (median of 7)")
    print(f"(g) icalendar from scratch       {g * 1000:8.1f} ms (median of 7)")
    a, b, c, d, e = (sides[k].rate for k in "abcde")
    print()
    print(f"a/c = {a / c:8.1f}   goal ≥ 50")
    print(f"a/d = {a / d:8.2f}   goal ≥ 0.7")
    print(f"b/e = {b / e:8.2f}   goal ≥ 0.7")
    print(f"f/g = {f / g:8.3f}   goal ≤ 0.2")


if __name__ == "__main__":
    main()
