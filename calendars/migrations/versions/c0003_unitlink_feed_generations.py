"""unit feed links derived with HMAC: a generation per unit instead of a token hash

The tokens issued before cannot be carried over (only their SHA-256 was kept), so their
links stop working: every unit gets its derived link at generation 1, which the next
reminder carries and the unit's page shows ("Gửi liên kết lịch cho đơn vị" mails it).

Revision ID: unitlink_c0003
Revises: c0002
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "unitlink_c0003"
down_revision: str | Sequence[str] | None = "c0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_table("feed_tokens")
    op.create_table(
        "feed_generations",
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.Column("rotated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_feed_generations_unit_id_units")
        ),
        sa.PrimaryKeyConstraint("unit_id", name=op.f("pk_feed_generations")),
    )


def downgrade() -> None:
    op.drop_table("feed_generations")
    op.create_table(
        "feed_tokens",
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_feed_tokens_unit_id_units")
        ),
        sa.PrimaryKeyConstraint("unit_id", name=op.f("pk_feed_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_feed_tokens_token_hash")),
    )
