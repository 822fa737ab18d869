"""What a reminder row can be: its kinds and statuses (see `scheduler.models` for what each
means). Kept apart from the table so that a reader that needs only these names, like
``thidua status`` reading with Core, loads no ORM model.
"""

from __future__ import annotations

from typing import Literal, get_args

ReminderKind = Literal["advance", "due", "overdue", "late_list", "manual"]
ReminderStatus = Literal["pending", "sending", "sent", "failed", "cancelled", "skipped"]

KINDS: tuple[str, ...] = get_args(ReminderKind)
STATUSES: tuple[str, ...] = get_args(ReminderStatus)
CHASE_KINDS = ("advance", "due", "overdue", "manual")  # sent to the responsible unit
PLANNED_KINDS = ("advance", "due", "overdue", "late_list")  # what the planner owns
