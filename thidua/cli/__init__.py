"""The ``thidua`` command. Each module here adds the commands of one concern to `main`.

Exit codes: 0 done, 1 failed, 2 bad input (files with errors, bad options) with nothing
changed.
"""

from __future__ import annotations

from thidua.cli import (
    calendar,
    db,
    doctor,
    feeds,
    importer,
    mail,
    office,
    reminders,
    service,
)
from thidua.cli.common import main

for _module in (calendar, db, feeds, reminders, importer, office, service, mail, doctor):
    _module.register(main)

__all__ = ["main"]
