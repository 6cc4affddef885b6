"""Schema 3: the suggestions layer (proposed spans with score, source and value) and each coder's
rejections (issue 19).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "suggestions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("label_id", sa.Integer, sa.ForeignKey("labels.id", ondelete="CASCADE"), nullable=False),
        sa.Column("start_offset", sa.Integer, nullable=False),
        sa.Column("end_offset", sa.Integer, nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("value_json", sa.Text),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.CheckConstraint("start_offset >= 0 AND end_offset > start_offset", name="suggestion_range"),
        sa.CheckConstraint("score >= 0 AND score <= 1", name="suggestion_score"),
        sa.UniqueConstraint("document_id", "start_offset", "end_offset", "label_id", "source", name="uq_suggestion"),
    )
    op.create_index("ix_suggestions_doc_start", "suggestions", ["document_id", "start_offset"])
    op.create_index("ix_suggestions_label_id", "suggestions", ["label_id"])
    op.create_table(
        "suggestion_rejections",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("coder_id", sa.Integer, sa.ForeignKey("coders.id", ondelete="CASCADE"), nullable=False),
        sa.Column("label_id", sa.Integer, sa.ForeignKey("labels.id", ondelete="CASCADE"), nullable=False),
        sa.Column("start_offset", sa.Integer, nullable=False),
        sa.Column("end_offset", sa.Integer, nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("rejected_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("document_id", "coder_id", "start_offset", "end_offset", "label_id", "source",
                            name="uq_rejection"),
    )


def downgrade() -> None:
    op.drop_table("suggestion_rejections")
    op.drop_index("ix_suggestions_label_id", "suggestions")
    op.drop_index("ix_suggestions_doc_start", "suggestions")
    op.drop_table("suggestions")
