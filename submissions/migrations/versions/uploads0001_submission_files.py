"""submission files and review states: reports uploaded or mailed in, received / returned /
accepted by the office

Revision ID: uploads0001
Revises:
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "uploads0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = ("submissions",)
depends_on: str | Sequence[str] | None = "s0001"  # made the submissions table


def upgrade() -> None:
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("state", sa.String(length=16), server_default="received", nullable=False)
        )
        batch_op.add_column(sa.Column("reviewed_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("reviewed_by", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("reason", sa.Text(), nullable=True))
        batch_op.drop_constraint(batch_op.f("ck_submissions_source"), type_="check")
        batch_op.create_check_constraint(
            batch_op.f("ck_submissions_source"), "source IN ('office', 'link', 'api', 'mail')"
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_submissions_state"), "state IN ('received', 'returned', 'accepted')"
        )
    op.create_table(
        "submission_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("stored_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('pdf', 'docx', 'xlsx', 'doc', 'xls')", name=op.f("ck_submission_files_kind")
        ),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submissions.id"],
            name=op.f("fk_submission_files_submission_id_submissions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submission_files")),
    )
    op.create_index(
        op.f("ix_submission_files_submission_id"), "submission_files", ["submission_id"]
    )
    op.create_index(op.f("ix_submission_files_sha256"), "submission_files", ["sha256"])


def downgrade() -> None:
    op.drop_index(op.f("ix_submission_files_sha256"), table_name="submission_files")
    op.drop_index(op.f("ix_submission_files_submission_id"), table_name="submission_files")
    op.drop_table("submission_files")
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_submissions_state"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_submissions_source"), type_="check")
        batch_op.create_check_constraint(
            batch_op.f("ck_submissions_source"), "source IN ('office', 'link', 'api')"
        )
        batch_op.drop_column("reason")
        batch_op.drop_column("reviewed_by")
        batch_op.drop_column("reviewed_at")
        batch_op.drop_column("state")
