"""Dispatch and planning benchmarks (see BENCHMARKS.md); prints ratios, asserts nothing.

Dispatch: a real SMTP server (aiosmtpd) in its own process on loopback counts messages.

- bare: a plain ``smtplib`` loop sends pre-built messages over one reused connection;
- thidua: the same reminders (the same units, texts and .ics), already planned, sent by
  ``scheduler.dispatch.Dispatcher``: claimed, rendered, sent, and every row's outcome
  recorded, from the start of the run until the server has counted them all.

The pre-built messages are the ones thidua writes for the same reminders (its outbox
transport), so both sides send the same bytes. Sides alternate, after a warm-up; outcomes
are recorded in SQLite, then in PostgreSQL. Besides the ratio: each side's own CPU time a message,
and the CPU time the mail server's process and PostgreSQL's processes took meanwhile (read
from /proc on Linux, when PostgreSQL runs on this machine).

Planning: 3,500 units × 40 deadlines × 4 offsets = 560,000 reminder rows, on SQLite and on
PostgreSQL, each plan in a child process of its own: wall time, peak memory (the child's
maximum resident set), rows and write statements; then a re-plan of the unchanged calendar,
which must write nothing; then the floor: the same rows inserted again by the driver alone
(executemany on SQLite, COPY on PostgreSQL), and the first plan's time over it.

    python bench/dispatch.py                  # everything
    python bench/dispatch.py --messages 5000  # a longer dispatch
    python bench/dispatch.py --no-planning    # dispatch only
    python bench/dispatch.py --engines sqlite # SQLite only
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import secrets
import smtplib
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import getaddresses
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The repository root is on the path only now.
import sqlalchemy as sa  # noqa: E402
from aiosmtpd.controller import Controller  # noqa: E402
from sqlalchemy import func, select, update  # noqa: E402

from config.settings import Settings  # noqa: E402
from scheduler.dispatch import Dispatcher  # noqa: E402
from scheduler.models import Reminder  # noqa: E402
from tests import scale  # noqa: E402
from thidua.context import AppContext, parse_now  # noqa: E402

THIDUA = Path(sys.executable).parent / "thidua"
DAY = f"{scale.FIRST_DAY.isoformat()}T07:30"
# An office's own sender: the SMTP channel refuses a placeholder one before claiming.
SENDER = "Ban Thi đua - Khen thưởng <thidua@snv.phutho.gov.vn>"
PG_ADMIN = os.environ.get(
    "THIDUA_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


# --- the SMTP server, in its own process -------------------------------------------------


def _serve(port: Any, count: Any, ready: Any) -> None:
    class Counting:
        async def handle_DATA(self, _server: Any, _session: Any, _envelope: Any) -> str:
            with count.get_lock():
                count.value += 1
            return "250 OK"

    with socket.socket() as probe:  # a free port (aiosmtpd's start needs a known one)
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    controller = Controller(Counting(), hostname="127.0.0.1", port=free)
    controller.start()
    port.value = free
    ready.set()
    while True:
        time.sleep(3600)


class Sink:
    """aiosmtpd in another process, counting the messages it accepts."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self.port = context.Value("i", 0)
        self.count = context.Value("l", 0)
        ready = context.Event()
        self.process = context.Process(
            target=_serve, args=(self.port, self.count, ready), daemon=True
        )
        self.process.start()
        ready.wait(30)

    def reset(self) -> None:
        with self.count.get_lock():
            self.count.value = 0

    def wait_for(self, n: int, timeout: float = 600) -> None:
        deadline = time.monotonic() + timeout
        while self.count.value < n:
            if time.monotonic() > deadline:
                raise TimeoutError(f"the server counted {self.count.value} of {n}")
            time.sleep(0.001)

    def stop(self) -> None:
        self.process.terminate()


# --- helpers -------------------------------------------------------------------------------


def cpu_seconds(stat: Path) -> float:
    """User and system CPU time of one process, from its /proc stat file."""
    fields = stat.read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def others_cpu(sink: Sink) -> tuple[float, float]:
    """CPU seconds so far of the mail server's process and of every PostgreSQL process on
    this machine (Linux's /proc; NaN elsewhere)."""
    proc = Path("/proc")
    if not (proc / str(sink.process.pid)).is_dir():
        return float("nan"), float("nan")
    database = 0.0
    for stat in proc.glob("[0-9]*/stat"):
        try:
            if stat.read_text()[:40].split(" ", 2)[1] == "(postgres)":
                database += cpu_seconds(stat)
        except OSError:  # the process ended meanwhile
            continue
    return cpu_seconds(proc / str(sink.process.pid) / "stat"), database


def with_others(sink: Sink, run: Any, measured: list[tuple[float, float]]) -> tuple[float, float]:
    """``run()``'s (wall, CPU) time; the mail server's and PostgreSQL's CPU time meanwhile
    go to ``measured``."""
    server, database = others_cpu(sink)
    result: tuple[float, float] = run()
    server_after, database_after = others_cpu(sink)
    measured.append((server_after - server, database_after - database))
    return result


def thidua(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [str(THIDUA), *args], env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"thidua {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout + result.stderr


def environment(var: Path, url: str, **settings: Any) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("THIDUA_")}
    env |= {
        "THIDUA_VAR_DIR": str(var),
        "THIDUA_DATABASE_URL": url,
        "THIDUA_CONFIG": str(var / "absent.toml"),
        "THIDUA_SECRET_KEY": "bench-secret",
        "THIDUA_MAIL_FROM": SENDER,
    }
    env |= {f"THIDUA_{k.upper()}": str(v) for k, v in settings.items()}
    return env


def rate(count: int, seconds: float) -> float:
    return count / seconds if seconds else float("inf")


# --- dispatch --------------------------------------------------------------------------------


def prebuilt(outbox: Path) -> list[tuple[str, list[str], bytes]]:
    """(envelope sender, recipients, bytes) of each .eml thidua wrote."""
    messages = []
    for path in sorted(outbox.glob("*.eml")):
        data = path.read_bytes()
        head = BytesHeaderParser(policy=compat32).parsebytes(data)
        sender = getaddresses([str(head["From"])])[0][1]
        recipients = [address for _name, address in getaddresses([str(head["To"])])]
        messages.append((sender, recipients, data))
    return messages


def bare(sink: Sink, messages: list[tuple[str, list[str], bytes]]) -> tuple[float, float]:
    """Wall time, and this process's CPU time, until the server has counted them all."""
    sink.reset()
    start, cpu = time.perf_counter(), time.process_time()
    with smtplib.SMTP("127.0.0.1", sink.port.value) as smtp:
        for sender, recipients, data in messages:
            smtp.sendmail(sender, recipients, data)
        sink.wait_for(len(messages))
    return time.perf_counter() - start, time.process_time() - cpu


class ThiduaSide:
    """thidua's dispatch in this process (warm after the first round)."""

    def __init__(self, var: Path, url: str, port: int) -> None:
        settings = Settings(
            var_dir=var,
            database_url=url,
            secret_key="bench-secret",
            mail_from=SENDER,
            notifier="smtp",
            smtp_host="127.0.0.1",
            smtp_port=port,
            reminder_offsets=[0],
            overdue_max=0,
            late_list_working_days=0,
        )
        self.app = AppContext(settings=settings)
        self.now = parse_now(DAY, settings)

    def run(self, sink: Sink, count: int) -> tuple[float, float]:
        """Every reminder back to pending, then one timed dispatch: from its start until
        the server has counted every message and every row's outcome is recorded (wall
        time, and this process's CPU time)."""
        app = self.app
        with app.database.sessions.begin() as session:
            session.execute(
                update(Reminder).values(
                    status="pending",
                    reason=None,
                    message_id=None,
                    attempts=0,
                    next_attempt_at=Reminder.fire_at,
                    last_error=None,
                    sent_at=None,
                    recipients=sa.null(),  # no address has it yet
                    lease_owner=None,
                    lease_until=None,
                )
            )
        dispatcher = Dispatcher(app.database.sessions, app.settings, app.calendar)
        sink.reset()
        start, cpu = time.perf_counter(), time.process_time()
        report = dispatcher.run(self.now)
        sink.wait_for(count)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        with app.database.session() as session:
            sent = session.scalar(select(func.count()).where(Reminder.status == "sent"))
        assert report.messages == count and sent == count, (report, sent)
        return elapsed, cpu


def bench_dispatch(count: int, rounds: int, engine: str) -> None:
    print(f"\n== dispatch: {count} reminders, one message each, to aiosmtpd on loopback ({engine})")
    sink = Sink()
    drop: Any = None
    try:
        with tempfile.TemporaryDirectory(prefix="thidua-bench-") as folder:
            var = Path(folder) / "var"
            files = Path(folder) / "files"
            url, drop = database(engine, var)
            one_each = {"reminder_offsets": "[0]", "overdue_max": 0, "late_list_working_days": 0}
            env = environment(var, url, **one_each)
            thidua(
                env,
                "load",
                str(scale.write_units(files, count)),
                str(scale.write_campaign(files, 1)),
            )
            thidua(env, "send-due", "--now", DAY)  # through the outbox: the bytes to pre-build
            messages = prebuilt(var / "outbox")
            assert len(messages) == count, len(messages)
            side = ThiduaSide(var, url, sink.port.value)
            bare(sink, messages)  # warm-up, both sides
            side.run(sink, count)
            thidua_times, bare_times, thidua_cpu, bare_cpu = [], [], [], []
            others: dict[str, list[tuple[float, float]]] = {"thidua": [], "bare": []}
            for n in range(rounds):
                # Alternate which side goes first: the machine's load drifts within a round.
                if n % 2:
                    ours = with_others(sink, lambda: side.run(sink, count), others["thidua"])
                    theirs = with_others(sink, lambda: bare(sink, messages), others["bare"])
                else:
                    theirs = with_others(sink, lambda: bare(sink, messages), others["bare"])
                    ours = with_others(sink, lambda: side.run(sink, count), others["thidua"])
                for times, cpus, (wall, cpu) in (
                    (thidua_times, thidua_cpu, ours),
                    (bare_times, bare_cpu, theirs),
                ):
                    times.append(wall)
                    cpus.append(cpu)
                print(
                    f"round {n + 1}: bare smtplib {rate(count, bare_times[-1]):7.0f} msg/s   "
                    f"thidua {rate(count, thidua_times[-1]):7.0f} msg/s   "
                    f"ratio {bare_times[-1] / thidua_times[-1]:.2f}"
                )
            size = statistics.mean(len(m[2]) for m in messages)
            side.app.database.engine.dispose()
    finally:
        sink.stop()
        if drop is not None:
            drop()
    bare_rate = rate(count, statistics.median(bare_times))
    thidua_rate = rate(count, statistics.median(thidua_times))
    print(f"messages of {size / 1024:.1f} KiB (text, HTML, .ics); {engine}; each outcome recorded")
    print(f"bare smtplib, one connection : {bare_rate:7.0f} messages/s (median)")
    print(f"thidua dispatch              : {thidua_rate:7.0f} messages/s (median)")
    # Each round's two sides ran back to back, under the same load: the median of the
    # rounds' ratios is steadier on a shared machine than the ratio of the medians.
    paired = sorted(b / t for b, t in zip(bare_times, thidua_times, strict=True))
    print(f"ratio of the medians         : {thidua_rate / bare_rate:.2f}")
    print(
        f"ratio thidua / bare          : {statistics.median(paired):.2f}   (goal >= 0.7; "
        f"rounds from {paired[0]:.2f} to {paired[-1]:.2f})"
    )
    # The client's own CPU per message (the server's is the same for both): what the
    # ratio comes to on an idle machine, where the client's work overlaps the server's.
    ours, theirs = (1000 * statistics.median(c) / count for c in (thidua_cpu, bare_cpu))
    print(
        f"client CPU per message       : thidua {ours:.2f} ms, bare {theirs:.2f} ms "
        f"({ours / theirs:.1f}x)"
    )
    # Where the rest of the machine's CPU goes: on two cores the client, the mail server
    # and PostgreSQL's backend share them.
    for side_name, measured in others.items():
        server, postgres = (statistics.median(m[i] for m in measured) for i in (0, 1))
        print(
            f"other CPU per message, {side_name:6s}: mail server {1000 * server / count:.2f} ms,"
            f" PostgreSQL processes {1000 * postgres / count:.2f} ms (/proc; this machine's)"
        )


# --- planning --------------------------------------------------------------------------------

PLAN_CHILD = """
import json, sys, time
import sqlalchemy as sa
from config.settings import Settings
from scheduler import planner
from thidua.context import AppContext
app = AppContext(settings=Settings())
engine = app.database.engine
writes = []
def seen(conn, cursor, statement, parameters, context, executemany):
    verb = statement.lstrip().split(None, 1)[0].upper()
    if verb in {"INSERT", "UPDATE", "DELETE"}:
        writes.append(verb)
sa.event.listen(engine, "before_cursor_execute", seen)
start = time.perf_counter()
with app.database.session() as session, session.begin():
    report = planner.plan(session, app.settings, app.calendar, app.now())
elapsed = time.perf_counter() - start
with app.database.session() as session:
    rows = session.scalar(sa.text("SELECT count(*) FROM reminders"))
print(json.dumps({"elapsed": elapsed, "written": report.written, "statements": len(writes),
                  "rows": rows}))
"""


# The floor: the same rows, read back from the planned table, deleted, and inserted again by
# the driver alone, in one transaction — values as the driver takes them, no planning, no
# SQLAlchemy: executemany on SQLite, COPY on PostgreSQL.
BARE_CHILD = """
import json, time
from config.settings import Settings
from thidua.context import AppContext
COLUMNS = ("occurrence_id, unit_id, kind, \\"offset\\", fire_at, next_attempt_at, status, reason, "
           "attempts, created_at, updated_at")
app = AppContext(settings=Settings())
engine = app.database.engine
raw = engine.raw_connection()
driver = raw.driver_connection
cursor = driver.cursor()
cursor.execute(f"SELECT {COLUMNS} FROM reminders ORDER BY id")
rows = cursor.fetchall()
cursor.execute("DELETE FROM reminders")
driver.commit()
start = time.perf_counter()
if engine.dialect.name == "sqlite":
    cursor.execute("BEGIN IMMEDIATE")
    marks = ", ".join("?" * len(rows[0]))
    cursor.executemany(f"INSERT INTO reminders ({COLUMNS}) VALUES ({marks})", rows)
    cursor.execute("COMMIT")
else:
    with cursor.copy(f"COPY reminders ({COLUMNS}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
    driver.commit()
elapsed = time.perf_counter() - start
print(json.dumps({"elapsed": elapsed, "rows": len(rows)}))
"""


def plan_once(env: dict[str, str], child: str = PLAN_CHILD) -> dict[str, Any]:
    process = subprocess.Popen(
        [sys.executable, "-c", child], env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"planning failed ({process.returncode})")
    result: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    result["peak_mib"] = usage.ru_maxrss / 1024  # Linux: KiB
    return result


def bench_planning(units: int, deadlines: int, engines: list[str]) -> None:
    rows = units * deadlines * 4
    print(f"\n== planning: {units} units × {deadlines} deadlines × 4 offsets = {rows:,} rows")
    for engine in engines:
        with tempfile.TemporaryDirectory(prefix="thidua-bench-") as folder:
            var = Path(folder) / "var"
            files = Path(folder) / "files"
            url, drop = database(engine, var)
            try:
                env = environment(var, url, overdue_max=0, late_list_working_days=0)
                thidua(
                    env,
                    "load",
                    str(scale.write_units(files, units)),
                    str(scale.write_campaign(files, deadlines)),
                )
                first = plan_once(env)
                second = plan_once(env)
                floor = plan_once(env, BARE_CHILD)
            finally:
                drop()
        assert first["rows"] == rows == floor["rows"], (first, floor)
        # Statements are counted as SQLAlchemy sends them: PostgreSQL's COPY is not one.
        copies = " (and COPY)" if engine != "sqlite" else ""
        for label, run in (("first plan", first), ("re-plan", second)):
            print(
                f"{engine:10s} {label:10s}: {run['elapsed']:6.1f} s, "
                f"peak {run['peak_mib']:5.0f} MiB, {run['written']:,} rows written, "
                f"{run['statements']} write statements{copies if run['written'] else ''}"
            )
        how = "executemany" if engine == "sqlite" else "COPY"
        print(
            f"{engine:10s} bare insert: {floor['elapsed']:6.1f} s ({how}, the same rows)   "
            f"first plan / bare {first['elapsed'] / floor['elapsed']:.2f}   (goal <= 1.5)"
        )


def database(engine: str, var: Path) -> tuple[str, Any]:
    if engine == "sqlite":
        return f"sqlite:///{var / 'thidua.db'}", lambda: None
    admin = sa.create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    name = f"thidua_bench_{secrets.token_hex(4)}"
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return sa.engine.make_url(PG_ADMIN).set(database=name).render_as_string(False), drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--units", type=int, default=3500)
    parser.add_argument("--deadlines", type=int, default=40)
    parser.add_argument("--no-planning", action="store_true")
    parser.add_argument("--no-dispatch", action="store_true")
    parser.add_argument("--engines", default="sqlite,postgresql")
    args = parser.parse_args()
    print(f"cpus: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f} (a shared machine)")
    if not args.no_dispatch:
        for engine in args.engines.split(","):
            bench_dispatch(args.messages, args.rounds, engine)
    if not args.no_planning:
        bench_planning(args.units, args.deadlines, args.engines.split(","))


if __name__ == "__main__":
    main()
