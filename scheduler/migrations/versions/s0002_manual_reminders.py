"""manual reminders: the kind of a reminder the office sends at once

Revision ID: s0002
Revises: s0001
Create Date: 2027-01-12
"""

from collections.abc import Sequence

from alembic import op

revision: str = "s0002"
down_revision: str | Sequence[str] | None = "s0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BEFORE = "kind IN ('advance', 'due', 'overdue', 'late_list')"
_AFTER = "kind IN ('advance', 'due', 'overdue', 'late_list', 'manual')"


def _replace_kind_check(condition: str) -> None:
    # Batch mode: SQLite cannot alter a CHECK constraint, so the table is copied there.
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_reminders_kind"), type_="check")
        batch_op.create_check_constraint("kind", condition)


def upgrade() -> None:
    _replace_kind_check(_AFTER)


def downgrade() -> None:
    op.execute("DELETE FROM reminders WHERE kind = 'manual'")
    _replace_kind_check(_BEFORE)
