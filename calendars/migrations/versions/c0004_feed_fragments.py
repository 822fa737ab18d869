"""feed fragments kept across restarts

Revision ID: fragments_c0004
Revises: unitlink_c0003
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "fragments_c0004"
down_revision: str | Sequence[str] | None = "unitlink_c0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "feed_fragments",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("uid", sa.String(length=255), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("tzid", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_feed_fragments")),
    )
    op.create_index(op.f("ix_feed_fragments_uid"), "feed_fragments", ["uid"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_feed_fragments_uid"), table_name="feed_fragments")
    op.drop_table("feed_fragments")
