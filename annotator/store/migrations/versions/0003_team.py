"""Schema 3: team mode. Work assignments, and a version on shared rows (labels, settings, spans)
so that a stale edit from a second window or coder is refused instead of overwriting.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

VERSIONED = ("labels", "meta", "spans")


def upgrade() -> None:
    for table in VERSIONED:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("version", sa.Integer, nullable=False, server_default="1"))
    op.create_table(
        "assignments",
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("coder_id", sa.Integer, sa.ForeignKey("coders.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    )
    op.create_index("ix_assignments_coder_position", "assignments", ["coder_id", "position"])


def downgrade() -> None:
    op.drop_index("ix_assignments_coder_position", "assignments")
    op.drop_table("assignments")
    for table in VERSIONED:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("version")
