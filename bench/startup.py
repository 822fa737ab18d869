"""Start-up of the ``thidua`` command against a bare interpreter.

    python bench/startup.py [--runs 15] [--instructions]

Runs ``python -c pass``, ``thidua --help`` and ``thidua status`` (on a temporary SQLite
store holding the example campaigns, on 1 June, and on 1 November when the year-ahead guard
also reads the working-day calendar) in turns, each as its own process, and prints for
each the median wall time and the median CPU time (user + system, from the children's
rusage: on a shared, loaded machine the CPU time is the steadier figure), and the ratio
of each to ``python -c pass`` measured in the same run, with the load average before and
after. ``--instructions`` also counts the instructions each runs once under Valgrind's
callgrind: a figure that does not move with the machine's load (each run takes a minute).
Nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
THIDUA = [sys.executable, "-c", "from thidua.cli import main; main()"]
SIDES = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "thidua --help": [*THIDUA, "--help"],
    # On a fixed day, so that the figure does not change with the month: from 1 October the
    # command also reads the working-day calendar, for the year-ahead guard.
    "thidua status": [*THIDUA, "status", "--now", "2026-06-01T09:00"],
    "status, Nov.": [*THIDUA, "status", "--now", "2026-11-01T09:00"],
}


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        argv, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def instructions(argv: list[str], env: dict[str, str]) -> int:
    """The instructions one process runs, as callgrind counts them."""
    run = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    found = re.search(r"Collected : (\d+)", run.stderr)
    if found is None:
        raise RuntimeError(f"no instruction count from callgrind: {run.stderr[-500:]}")
    return int(found.group(1))


def load_average() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def environment(var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("THIDUA_")}
    # The runs below start warm, with the bytecode written by the first: an environment that
    # forbids writing it would have every run compile the service's own modules again
    # (some 20 ms), which an installed command does not do.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["THIDUA_VAR_DIR"] = str(var_dir)
    return env


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--instructions", action="store_true", help="also count instructions (Valgrind)"
    )
    args = parser.parse_args()
    if args.instructions and shutil.which("valgrind") is None:
        parser.error("--instructions needs valgrind on PATH")
    before = load_average()
    counts: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as folder:
        env = environment(Path(folder))
        examples = sorted(str(p) for p in (ROOT / "examples").glob("*.yaml"))
        subprocess.run(
            [*THIDUA, "load", *examples],
            env=env,
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for argv in SIDES.values():  # warm the file cache and the bytecode
            run_once(argv, env)
        walls: dict[str, list[float]] = {name: [] for name in SIDES}
        cpus: dict[str, list[float]] = {name: [] for name in SIDES}
        for _ in range(args.runs):
            for name, argv in SIDES.items():  # in turns: the machine's load hits each side
                wall, cpu = run_once(argv, env)
                walls[name].append(wall)
                cpus[name].append(cpu)
        if args.instructions:
            counts = {name: instructions(argv, env) for name, argv in SIDES.items()}
    base_wall = statistics.median(walls["python -c pass"])
    base_cpu = statistics.median(cpus["python -c pass"])
    print(f"start-up, median of {args.runs} runs each, in turns (goal: ≤ 0.3 s)")
    print(f"  load average {before} before, {load_average()} after")
    for name in SIDES:
        wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
        print(
            f"  {name:<15} wall {wall:6.3f} s ({wall / base_wall:5.1f}× python -c pass)   "
            f"CPU {cpu:6.3f} s ({cpu / base_cpu:5.1f}×)"
        )
    for name, count in counts.items():
        ratio = count / counts["python -c pass"]
        print(f"  {name:<15} {count / 1e6:8.0f} M instructions ({ratio:5.1f}×)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
