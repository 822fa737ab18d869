"""due indexes: what is due in fire order, partial on pending and sending rows

A claim read the units of due rows through (unit_id, status) and walked past every row
already sent, so claims slowed down as a run went on. The partial indexes hold only the
rows a claim looks for, and a claimed row leaves them. (status, next_attempt_at) goes: the
pending index answers what it did; (unit_id) stays for a claim's rows and the queries by
unit, without status: an index on what a settlement changes makes its update dearer.

Revision ID: s0004
Revises: s0003
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "s0004"
down_revision: str | Sequence[str] | None = "s0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PARTIAL = {
    "ix_reminders_pending": ("pending", ["next_attempt_at", "unit_id"]),
    "ix_reminders_leased": ("sending", ["lease_until", "unit_id"]),
}


def _where(status: str) -> dict[str, sa.TextClause]:
    where = sa.text(f"status = '{status}'")
    return {"postgresql_where": where, "sqlite_where": where}


def upgrade() -> None:
    op.drop_index("ix_reminders_due", table_name="reminders")
    op.drop_index("ix_reminders_unit_status", table_name="reminders")
    for name, (status, columns) in _PARTIAL.items():
        op.create_index(name, "reminders", columns, **_where(status))
    op.create_index("ix_reminders_unit", "reminders", ["unit_id"])


def downgrade() -> None:
    op.drop_index("ix_reminders_unit", table_name="reminders")
    for name, (status, _columns) in _PARTIAL.items():
        op.drop_index(name, table_name="reminders", **_where(status))
    op.create_index("ix_reminders_due", "reminders", ["status", "next_attempt_at"])
    op.create_index("ix_reminders_unit_status", "reminders", ["unit_id", "status"])
