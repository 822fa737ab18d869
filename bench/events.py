"""``thidua events --format json`` and ``thidua export --all`` at two calendar sizes: time
and peak resident memory of each child process, and the ratio of the peaks (flat memory:
near 1 whatever the size).

Data: ``bench/feeds.py``'s campaigns of 100 events each (period, phases, reviews,
commemorations, 80 deadlines with Vietnamese descriptions), loaded with ``thidua load``
into a SQLite store per size, all in 2026 (the export is the feed of 1 June 2026, whose
window holds them all). Each command runs in a child process; its peak resident set is
what ``wait4`` reports for it (``ru_maxrss``), its time the wall clock around it.

Usage: python bench/events.py [--events 10000 100000] [--work DIR] [--code DIR]
[--postgres URL]

``--work DIR`` keeps the stores there and reuses them on the next run (a load of 100,000
events takes minutes); ``--code DIR`` runs the command from another checkout of thidua
(its root put first on PYTHONPATH), to compare a version before a change with the one
after on the same stores; ``--postgres URL`` keeps the events in databases
``thidua_bench_events_N`` of that server instead of SQLite (rows then come through a
server-side cursor).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402

from bench.feeds import store_env, write_data  # noqa: E402

THIDUA = [sys.executable, "-c", "from thidua.cli import main; main()"]
YEAR = 2026  # fixed, so that a kept store and a new one hold the same events


def loaded_store(
    work: Path, events: int, postgres: str | None
) -> tuple[dict[str, str], float | None]:
    """The environment of a store of ``events`` events (SQLite in ``work``, or a database
    of the PostgreSQL server ``postgres``), loaded unless ``work`` has it; the load's
    seconds (None: it was there)."""
    name = f"events-{events}"
    env = store_env(work, name)
    marker = work / name / ("loaded-postgres" if postgres else "loaded")
    if postgres is not None:
        database = f"thidua_bench_events_{events}"
        env["THIDUA_DATABASE_URL"] = fresh_database(postgres, database, keep=marker.exists())
    if marker.exists() or (postgres is None and (work / name / "thidua.db").exists()):
        return env, None
    data = work / f"data-{events}"
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    files = write_data(data, YEAR, campaigns=max(1, events // 100))
    start = time.perf_counter()
    subprocess.run([*THIDUA, "load", *map(str, files)], env=env, check=True, capture_output=True)
    seconds = time.perf_counter() - start
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.touch()
    return env, seconds


def drop_database(server: str, name: str) -> None:
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def fresh_database(server: str, name: str, *, keep: bool) -> str:
    """The URL of the database ``name`` on ``server``, made empty unless ``keep``."""
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            exists = connection.scalar(
                sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
            )
            if exists and not keep:
                connection.execute(sa.text(f'DROP DATABASE "{name}" WITH (FORCE)'))
            if not exists or not keep:
                connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    return sa.engine.make_url(server).set(database=name).render_as_string(hide_password=False)


def measured(env: dict[str, str], args: list[str], code: Path) -> tuple[float, float, int, str]:
    """(seconds, peak resident MiB, bytes written, SHA-256 of them) of a child process
    run in ``code`` (``python -c`` imports from its folder before PYTHONPATH)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as output:
        proc = subprocess.Popen(args, env=env, cwd=code, stdout=output, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(f"{args[-3:]} failed ({status})")
        output.seek(0)
        digest, size = hashlib.sha256(), 0
        while chunk := output.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
        return seconds, usage.ru_maxrss / 1024, size, digest.hexdigest()[:12]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--work", type=Path, help="keep (and reuse) the stores here")
    parser.add_argument("--code", type=Path, help="run thidua from this checkout")
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="store the events in this PostgreSQL server (postgresql+psycopg://user@host/db)",
    )
    parser.add_argument("--format", default="json", choices=["json", "csv", "table"])
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="thidua-bench-events-"))
    commands = {
        f"thidua events --format {args.format}": ["events", "--format", args.format],
        "thidua export --all": ["export", "--all", "-o", "-", "--now", f"{YEAR}-06-01"],
    }
    peaks: dict[str, list[tuple[int, float]]] = {name: [] for name in commands}
    try:
        for events in args.events:
            env, loaded = loaded_store(work, events, args.postgres)
            if loaded is not None:
                print(f"{events:,} events: load {loaded:.0f} s", flush=True)
            code = (args.code or ROOT).resolve()
            env["PYTHONPATH"] = str(code)
            for name, command in commands.items():
                seconds, peak, size, digest = measured(env, [*THIDUA, *command], code)
                print(
                    f"{events:,} events: {name} {seconds:.1f} s, peak {peak:.0f} MiB "
                    f"({size / 2**20:.1f} MiB written, sha256 {digest})",
                    flush=True,
                )
                peaks[name].append((events, peak))
        for name, sizes in peaks.items():
            if len(sizes) > 1:
                (small, low), (large, high) = sizes[0], sizes[-1]
                print(f"{name}: peak at {large:,} / peak at {small:,}: {high / low:.2f}")
        print(f"{date.today():%d/%m/%Y}, load average {os.getloadavg()[0]:.1f}")
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
            for events in args.events if args.postgres else ():
                drop_database(args.postgres, f"thidua_bench_events_{events}")


if __name__ == "__main__":
    main()
