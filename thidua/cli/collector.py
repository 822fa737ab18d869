"""The garbage collector in the process of a ``thidua`` command: few passes while it starts.

A command's start is mostly imports: Click, pydantic, SQLAlchemy and Rich make some 90,000
objects (modules, classes, functions) that live as long as the process. With the
interpreter's thresholds the collector walks them over a hundred times while ``thidua
status`` starts, and again in its passes at exit, and frees next to nothing: some 80 M
instructions, 4–5% of the command. So the process of a command collects its young objects
every 100,000 new ones instead of every 700 (cycles are still freed, later) and skips the
collector's passes at exit (the process's memory goes back whole; files and connections are
closed by the commands themselves, and the operating system closes what is left).

Only the process's own command line does so (`thidua.cli.lazy.LazyGroup.main` called
without arguments): a caller that runs commands in its own process (the tests, with Click's
runner) keeps its collector as it was. A command that runs on (the web app, the worker,
the mail receivers) calls `running_on` once started: from then on its process collects as
the interpreter does by default, at exit too.
"""

from __future__ import annotations

import atexit
import gc

# New objects (less those freed) between two young passes: more than the imports of a
# command make, so that none runs before its own work.
YOUNG_OBJECTS = 100_000

_DEFAULT = gc.get_threshold()  # the interpreter's thresholds, as the process started
_short = [False]  # whether the process still runs a command that ends soon


def short_lived() -> None:
    """The process runs one command and ends: few passes from now on, none at exit."""
    gc.set_threshold(YOUNG_OBJECTS, *_DEFAULT[1:])
    if not _short[0]:
        atexit.register(_skip_passes_at_exit)
    _short[0] = True


def running_on() -> None:
    """The command runs until stopped: collect as the interpreter does by default, at exit
    too."""
    gc.set_threshold(*_DEFAULT)
    _short[0] = False


def _skip_passes_at_exit() -> None:
    # Exit handlers run before the interpreter's last passes, which a disabled collector
    # skips.
    if _short[0]:
        gc.disable()
