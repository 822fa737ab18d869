"""received mails: replies that came in by SMTP or IMAP, kept whole, recorded or waiting
for the office

Revision ID: inbound0001
Revises: uploads0001
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "inbound0001"
down_revision: str | Sequence[str] | None = "uploads0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATUSES = "status IN ('recorded', 'unassigned', 'assigned', 'dismissed')"


def upgrade() -> None:
    op.create_table(
        "received_mails",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("transport", sa.String(length=8), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sender", sa.String(length=320), nullable=False),
        sa.Column("sender_name", sa.String(length=200), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("message_id", sa.String(length=255), nullable=False),
        sa.Column("attachments", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=True),
        sa.Column("problem", sa.Text(), nullable=True),
        sa.Column("how", sa.String(length=8), nullable=True),
        sa.Column("occurrence_id", sa.Integer(), nullable=True),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("submission_id", sa.Integer(), nullable=True),
        sa.Column("decided_by", sa.String(length=200), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("raw", sa.LargeBinary(), nullable=False),
        sa.CheckConstraint(STATUSES, name=op.f("ck_received_mails_status")),
        sa.ForeignKeyConstraint(
            ["occurrence_id"],
            ["occurrences.id"],
            name=op.f("fk_received_mails_occurrence_id_occurrences"),
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_received_mails_unit_id_units")
        ),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submissions.id"],
            name=op.f("fk_received_mails_submission_id_submissions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_received_mails")),
        sa.UniqueConstraint("sha256", name=op.f("uq_received_mails_sha256")),
    )
    op.create_index("ix_received_mails_status", "received_mails", ["status", "received_at"])
    op.create_index(op.f("ix_received_mails_message_id"), "received_mails", ["message_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_received_mails_message_id"), table_name="received_mails")
    op.drop_index("ix_received_mails_status", table_name="received_mails")
    op.drop_table("received_mails")
