"""Schema 4: the suggestions layer (proposed spans with score, source and value) and each coder's
rejections (issue 19).

On a team server whose roles exist (``annotator server init``), the new tables get the same grants
and row-level security that ``store/roles.py`` gives them there, so that coders keep working
after the upgrade without waiting for the lead to run ``server init`` again: everybody reads
both; the lead writes suggestions; a coder writes only their own rejections (the adjudicator
also the gold row's). Written out here, not imported, so the revision stays what it was.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy import text

revision = "0004"
down_revision = "0003"
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
    _team_grants()


def _team_grants() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    database = bind.scalar(text("SELECT current_database()"))
    groups = [f"{database}_{function}" for function in ("lead", "adjudicator", "coder")]
    known = set(bind.scalars(text("SELECT rolname FROM pg_roles WHERE rolname = ANY(:g)"), {"g": groups}))
    if known != set(groups):
        return  # not a team project (yet): server init grants on every table when it runs
    lead, adj, coder = ('"' + name.replace('"', '""') + '"' for name in groups)
    everyone = f"{lead}, {adj}, {coder}"
    own = "coder_id = (SELECT c.id FROM coders c WHERE c.name = current_user)"
    gold = "coder_id IN (SELECT c.id FROM coders c WHERE c.is_gold)"
    for table in ("suggestions", "suggestion_rejections"):
        op.execute(f"REVOKE ALL ON {table} FROM PUBLIC")
        op.execute(f"GRANT SELECT ON {table} TO {everyone}")
        op.execute(f"GRANT INSERT, UPDATE, DELETE ON {table} TO {lead}")
        op.execute(f"GRANT USAGE, SELECT ON SEQUENCE {table}_id_seq TO {everyone}")
    op.execute(f"GRANT INSERT, UPDATE, DELETE ON suggestion_rejections TO {adj}, {coder}")
    op.execute("ALTER TABLE suggestion_rejections ENABLE ROW LEVEL SECURITY")
    for name, body in (("read", f"FOR SELECT TO {everyone} USING (true)"),
                       ("lead", f"FOR ALL TO {lead} USING (true) WITH CHECK (true)"),
                       ("own", f"FOR ALL TO {adj}, {coder} USING ({own}) WITH CHECK ({own})"),
                       ("gold", f"FOR ALL TO {adj} USING ({gold}) WITH CHECK ({gold})")):
        op.execute(f"CREATE POLICY {name} ON suggestion_rejections {body}")


def downgrade() -> None:
    op.drop_table("suggestion_rejections")
    op.drop_index("ix_suggestions_label_id", "suggestions")
    op.drop_index("ix_suggestions_doc_start", "suggestions")
    op.drop_table("suggestions")
