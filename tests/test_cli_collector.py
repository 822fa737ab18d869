"""The garbage collector of a command's process (`thidua.cli.collector`): few passes for a
command run from the command line, the interpreter's own for one that runs on, and none
changed for a caller that runs commands in its own process."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator

import pytest
from click.testing import CliRunner

from thidua.cli import collector, main


@pytest.fixture
def thresholds() -> Iterator[tuple[int, int, int]]:
    """The test process's thresholds, given back after the test."""
    before = gc.get_threshold()
    short = collector._short[0]
    yield before
    gc.set_threshold(*before)
    collector._short[0] = short


def _at_exit(*args: str) -> str:
    """What a fresh interpreter running ``thidua ARGS`` from its command line says of its
    collector in its last exit handler (the first registered runs last)."""
    code = (
        "import atexit, gc\n"
        "atexit.register(lambda: print(gc.get_threshold()[0], gc.isenabled()))\n"
        "from thidua.cli import main\n"
        "main()\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True, timeout=120
    )
    return run.stdout.splitlines()[-1]


def test_a_command_line_runs_with_few_passes_and_none_at_exit() -> None:
    assert _at_exit("--version") == f"{collector.YOUNG_OBJECTS} False"


def test_a_command_run_in_process_leaves_the_collector_alone(
    thresholds: tuple[int, int, int],
) -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert gc.get_threshold() == thresholds
    assert gc.isenabled()


def test_a_command_that_runs_on_collects_as_the_interpreter_does(
    thresholds: tuple[int, int, int],
) -> None:
    collector.short_lived()
    assert gc.get_threshold()[0] == collector.YOUNG_OBJECTS
    collector.running_on()
    assert gc.get_threshold() == collector._DEFAULT
    collector._skip_passes_at_exit()  # what the exit handler does now: nothing
    assert gc.isenabled()
