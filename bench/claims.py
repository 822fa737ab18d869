"""Claim benchmark (see BENCHMARKS.md); prints figures and ratios, asserts nothing.

What it measures: how much one claim of `scheduler.claims` costs as a run goes through a
large backlog of due reminders on PostgreSQL, and how claims scale with workers.

- The backlog: a fresh PostgreSQL database of its own (a random name, dropped at the end),
  a small calendar loaded by ``thidua load`` (its deadlines), then ``--rows`` due reminders
  (400,000 by default: ``--per-unit`` rows for each of rows / per-unit units, their fire
  times spread over the two days before now) written by a bulk ``INSERT … SELECT``, and
  vacuumed, as a settled table would be.
- Latency: one worker claims through the whole backlog the real way (``claims.claim`` in a
  transaction of its own, ``--units`` units a claim as the dispatcher does), each claim's rows
  then settled as sent in one statement (a run settles them message by message). Printed: the
  median claim latency (begin to commit) of the first, middle and last claims (at 0%, 50% and
  100% of the backlog) and the ratio last / first (goal: ≤ 1.5), with the share of the
  table's updates PostgreSQL made HOT.
- Throughput: the backlog made due again (and vacuumed), then 1, 2 and 4 worker processes,
  each with its own engine, claim and settle through it together: rows/s and claims/s from
  the first claim until the backlog is empty, and each against one worker.

    python bench/claims.py                # 400,000 rows
    python bench/claims.py --rows 40000   # a quick check
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The repository root is on the path only now.
import sqlalchemy as sa  # noqa: E402
from sqlalchemy.orm import sessionmaker  # noqa: E402

from bench.dispatch import database, environment, thidua  # noqa: E402
from calendars.db import make_engine  # noqa: E402
from scheduler import claims  # noqa: E402
from tests import scale  # noqa: E402

NOW = datetime(2024, 6, 3, 7, 30, tzinfo=UTC)  # after every deadline of the small calendar
LEASE = timedelta(minutes=10)
SPREAD_MINUTES = 2 * 24 * 60  # fire times fall over the two days before NOW


# --- the backlog -------------------------------------------------------------------------------


def build(url: str, var: Path, files: Path, rows: int, per_unit: int) -> None:
    """Schema and a small calendar through thidua; then units and due rows in bulk."""
    thidua(
        environment(var, url),
        "load",
        str(scale.write_units(files, 1)),
        str(scale.write_campaign(files, per_unit)),
    )
    engine = sa.create_engine(url)
    units = rows // per_unit
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO units (code, name, emails, active, content_hash, created_at,"
                " updated_at) SELECT 'bench-' || n, name || ' ' || n, emails, active,"
                " content_hash, created_at, updated_at FROM units, generate_series(1, :n) n"
                " WHERE code = :first"
            ),
            {"n": units - 1, "first": scale.unit_code(1)},
        )
        # Unit by unit, deadline by deadline: fire times interleave units, as a day's do.
        connection.execute(
            sa.text(
                'INSERT INTO reminders (occurrence_id, unit_id, kind, "offset", fire_at,'
                " status, attempts, next_attempt_at, created_at, updated_at)"
                " SELECT o.id, u.id, 'due', 0, t.at, 'pending', 0, t.at, :now, :now"
                " FROM units u CROSS JOIN (SELECT id FROM occurrences WHERE kind = 'deadline'"
                " ORDER BY id LIMIT :per_unit) o,"
                " LATERAL (SELECT :now - make_interval(mins =>"
                "   ((u.id::bigint * :per_unit + o.id) * 7919 % :spread)::int) AS at) t"
            ),
            {"now": NOW, "per_unit": per_unit, "spread": SPREAD_MINUTES},
        )
        found = connection.scalar(sa.text("SELECT count(*) FROM reminders"))
    vacuum(engine)
    engine.dispose()
    if found != rows - rows % per_unit:
        raise SystemExit(f"the backlog has {found} rows, not {rows}")


def vacuum(engine: sa.Engine) -> None:
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(sa.text("VACUUM ANALYZE reminders"))


def due_again(url: str) -> None:
    """Every row pending and due again, the table vacuumed: each run starts alike."""
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                "UPDATE reminders SET status = 'pending', lease_owner = NULL,"
                " lease_until = NULL, sent_at = NULL, message_id = NULL, attempts = 0"
            )
        )
    vacuum(engine)
    engine.dispose()


def hot_share(url: str) -> tuple[int, int]:
    """(updates, HOT updates) of the reminders table so far."""
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        found = connection.execute(
            sa.text(
                "SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables"
                " WHERE relname = 'reminders'"
            )
        ).one()
    engine.dispose()
    return found[0], found[1]


# --- claiming ----------------------------------------------------------------------------------


def claim_through(url: str, name: str, units: int, start: Any = None) -> dict[str, Any]:
    """Claim and settle until nothing is left; each claim's latency and rows."""
    engine = make_engine(url)
    sessions = sessionmaker(engine)
    latencies: list[float] = []
    taken: list[int] = []
    if start is not None:
        start.wait()
    began = time.perf_counter()
    while True:
        owner = f"{name}/{len(latencies) + 1}"
        t0 = time.perf_counter()
        with sessions.begin() as session:
            rows = claims.claim(session, owner, NOW, units=units, lease=LEASE, wall=NOW)
        latencies.append(time.perf_counter() - t0)
        if not rows:
            break
        taken.append(len(rows))
        with engine.begin() as connection:
            ids = [row.id for row in rows]
            claims.mark_sent(connection, owner, ids, now=NOW, message_id=f"<{owner}@bench>")
    ended = time.perf_counter()
    engine.dispose()
    return {"latencies": latencies[:-1], "rows": taken, "began": began, "ended": ended}


def _worker(url: str, name: str, units: int, start: Any, results: Any) -> None:
    results.put(claim_through(url, name, units, start))


def workers(url: str, count: int, units: int) -> dict[str, Any]:
    """``count`` processes claiming together; from the first start to the last end."""
    context = multiprocessing.get_context("spawn")
    start = context.Event()
    results = context.Queue()
    processes = [
        context.Process(target=_worker, args=(url, f"w{n}", units, start, results))
        for n in range(count)
    ]
    for process in processes:
        process.start()
    time.sleep(2)  # let every worker import and connect before the start
    start.set()
    found = [results.get() for _ in processes]
    for process in processes:
        process.join()
    return {
        "seconds": max(r["ended"] for r in found) - min(r["began"] for r in found),
        "rows": sum(sum(r["rows"]) for r in found),
        "claims": sum(len(r["rows"]) for r in found),
        "latency": statistics.median(x for r in found for x in r["latencies"]),
    }


# --- reporting ---------------------------------------------------------------------------------


def at(latencies: list[float], taken: list[int], share: float, window: int) -> float:
    """Median latency (ms) of ``window`` claims around ``share`` of the backlog claimed."""
    total, done, index = sum(taken), 0, len(taken)
    for n, count in enumerate(taken):
        if done >= share * total:
            index = n
            break
        done += count
    first = min(max(0, index - window // 2), len(latencies) - window)
    return statistics.median(latencies[first : first + window]) * 1000


def bench(rows: int, per_unit: int, units: int, counts: list[int]) -> None:
    print(
        f"== claims: {rows:,} due reminders ({rows // per_unit:,} units × {per_unit}), "
        f"PostgreSQL, {units} units a claim"
    )
    with tempfile.TemporaryDirectory(prefix="thidua-bench-") as folder:
        var = Path(folder) / "var"
        url, drop = database("postgresql", var)
        try:
            start = time.perf_counter()
            build(url, var, Path(folder) / "files", rows, per_unit)
            print(f"backlog built in {time.perf_counter() - start:.1f} s (bulk insert)")
            latency(url, units)
            if counts:
                throughput(url, units, counts)
        finally:
            drop()


def latency(url: str, units: int) -> None:
    before = hot_share(url)
    run = claim_through(url, "one", units)
    time.sleep(1)  # the backend's statistics reach the collector as it exits
    after = hot_share(url)
    latencies, taken = run["latencies"], run["rows"]
    window = max(3, len(latencies) // 50)
    figures = [at(latencies, taken, share, window) for share in (0, 0.5, 1)]
    print(f"claim latency, one worker (median of {window} claims at each point):")
    for label, value in zip(("0%", "50%", "100%"), figures, strict=True):
        print(f"  at {label:>4s} of the backlog: {value:6.1f} ms")
    print(f"  ratio 100% / 0%          : {figures[2] / figures[0]:6.2f}   (goal <= 1.5)")
    updates, hot = after[0] - before[0], after[1] - before[1]
    print(
        f"  whole backlog: {len(taken):,} claims, {sum(taken):,} rows in "
        f"{run['ended'] - run['began']:.1f} s; HOT updates {hot:,} of {updates:,}"
    )


def throughput(url: str, units: int, counts: list[int]) -> None:
    print("throughput, claim + settle through the whole backlog:")
    first: float | None = None
    for count in counts:
        due_again(url)
        run = workers(url, count, units)
        rows_per_s = run["rows"] / run["seconds"]
        first = first or rows_per_s
        print(
            f"  {count} worker{'s' if count > 1 else ' '}: {rows_per_s:8.0f} rows/s "
            f"{run['claims'] / run['seconds']:6.1f} claims/s   median claim "
            f"{run['latency'] * 1000:6.1f} ms   × {rows_per_s / first:.2f} of one worker"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=400_000)
    parser.add_argument("--per-unit", type=int, default=4, help="due rows of each unit")
    parser.add_argument("--units", type=int, default=100, help="units a claim")
    parser.add_argument("--workers", default="1,2,4", help="'' for latency only")
    args = parser.parse_args()
    print(f"cpus: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f} (a shared machine)")
    counts = [int(n) for n in args.workers.split(",") if n]
    bench(args.rows, args.per_unit, args.units, counts)


if __name__ == "__main__":
    main()
