"""The ``thidua`` command. Each module here adds the commands of one concern to `main`.

Exit codes: 0 done, 1 failed, 2 bad input (files with errors, bad options) with nothing
changed.
"""

from __future__ import annotations

from thidua.cli import calendar as _calendar
from thidua.cli import db as _db
from thidua.cli.common import main

for _module in (_calendar, _db):
    _module.register(main)

__all__ = ["main"]
