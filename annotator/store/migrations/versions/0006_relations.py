"""Schema 6: beyond flat spans (issue 16). Relation types and relations between spans, attributes on
spans (defined per label), a figure value beside figure spans, document labels with flags and a
comment per coder, and guideline text on labels and relation types.

An upgraded file gets the defaults a new project has: the relation types ``source`` and ``about``,
the attributes ``stance`` on a label named ``claim`` and ``type`` on ``entity``, and figure values
on ``figure`` (computed when a span is next written; existing figure spans keep no value until
then, which readers show as "not computed").

On a team server whose roles exist, the new tables get the grants and row-level security that
``store/roles.py`` gives them (relations and doc_labels are each coder's own rows, like spans;
relation types are the lead's), so coders keep working after the owner's upgrade.

Revision ID: 0006
Revises: 0005
"""

import json

import sqlalchemy as sa
from alembic import op
from sqlalchemy import text

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("labels") as batch:
        batch.add_column(sa.Column("description", sa.Text))
        batch.add_column(sa.Column("examples_json", sa.Text))
        batch.add_column(sa.Column("attributes_json", sa.Text))
        batch.add_column(sa.Column("figure_values", sa.Boolean, nullable=False, server_default="0"))
    with op.batch_alter_table("spans") as batch:
        batch.add_column(sa.Column("attrs_json", sa.Text))
        batch.add_column(sa.Column("value_json", sa.Text))
        batch.add_column(sa.Column("value_by", sa.String(8)))
    op.create_table(
        "relation_types",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
        sa.Column("color", sa.String(7), nullable=False),
        sa.Column("hotkey", sa.String(1), unique=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("pairs_json", sa.Text, nullable=False),
        sa.Column("description", sa.Text),
        sa.Column("examples_json", sa.Text),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    )
    op.create_table(
        "relations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("coder_id", sa.Integer, sa.ForeignKey("coders.id", ondelete="CASCADE"), nullable=False),
        sa.Column("type_id", sa.Integer, sa.ForeignKey("relation_types.id", ondelete="CASCADE"), nullable=False),
        sa.Column("head_id", sa.Integer, sa.ForeignKey("spans.id", ondelete="CASCADE"), nullable=False),
        sa.Column("child_id", sa.Integer, sa.ForeignKey("spans.id", ondelete="CASCADE"), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        sa.CheckConstraint("head_id != child_id", name="relation_ends"),
        sa.UniqueConstraint("type_id", "head_id", "child_id", name="uq_relation"),
    )
    op.create_index("ix_relations_doc_coder", "relations", ["document_id", "coder_id"])
    op.create_index("ix_relations_type_id", "relations", ["type_id"])
    op.create_index("ix_relations_head_id", "relations", ["head_id"])
    op.create_index("ix_relations_child_id", "relations", ["child_id"])
    op.create_table(
        "doc_labels",
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("coder_id", sa.Integer, sa.ForeignKey("coders.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("labels_json", sa.Text, nullable=False),
        sa.Column("flags_json", sa.Text, nullable=False),
        sa.Column("comment", sa.Text),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    )
    _defaults()
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
    for table in ("relation_types", "relations", "doc_labels"):
        op.execute(f"REVOKE ALL ON {table} FROM PUBLIC")
        op.execute(f"GRANT SELECT ON {table} TO {everyone}")
        op.execute(f"GRANT INSERT, UPDATE, DELETE ON {table} TO {lead}")
    for sequence in ("relation_types_id_seq", "relations_id_seq"):
        op.execute(f"GRANT USAGE, SELECT ON SEQUENCE {sequence} TO {everyone}")
    for table in ("relations", "doc_labels"):
        op.execute(f"GRANT INSERT, UPDATE, DELETE ON {table} TO {adj}, {coder}")
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        for name, body in (("read", f"FOR SELECT TO {everyone} USING (true)"),
                           ("lead", f"FOR ALL TO {lead} USING (true) WITH CHECK (true)"),
                           ("own", f"FOR ALL TO {adj}, {coder} USING ({own}) WITH CHECK ({own})"),
                           ("gold", f"FOR ALL TO {adj} USING ({gold}) WITH CHECK ({gold})")):
            op.execute(f"CREATE POLICY {name} ON {table} {body}")


def _defaults() -> None:
    """The default schema of issue 16 for an upgraded project (the same as a new one gets). The
    defaults are written out here, not imported: a revision must do the same thing forever."""
    conn = op.get_bind()
    labels = sa.table("labels", sa.column("name"), sa.column("attributes_json"), sa.column("figure_values"))
    attributes = {
        "claim": [{"name": "stance", "kind": "choice", "values": ["asserted", "denied", "reported", "questioned"],
                   "required": False, "description": "How the text presents the claim.", "examples": []}],
        "entity": [{"name": "type", "kind": "choice", "values": ["person", "organisation", "place", "other"],
                    "required": False, "description": "What kind of entity it is.", "examples": []}],
    }
    for name, defs in attributes.items():
        conn.execute(labels.update().where(labels.c.name == name)
                     .values(attributes_json=json.dumps(defs, ensure_ascii=False)))
    conn.execute(labels.update().where(labels.c.name == "figure").values(figure_values=True))
    used = set(conn.scalars(sa.text("SELECT hotkey FROM labels WHERE hotkey IS NOT NULL")))
    types = sa.table("relation_types", sa.column("name"), sa.column("color"), sa.column("hotkey"),
                     sa.column("position"), sa.column("pairs_json"), sa.column("description"),
                     sa.column("examples_json"))
    defaults = (
        ("source", "#c2417a", "s", [["claim", "entity"]],
         "Who made the claim: from the claim to the entity that said it.",
         ["قال المبعوث الأميركي ... إنه ليس هناك خطة: claim -> المبعوث الأميركي"]),
        ("about", "#7b5cc4", "a", [["figure", "claim"], ["figure", "entity"]],
         "What the figure measures: from the figure to the claim or entity it counts.",
         ["80 ألف باوند (36 طنا) -> the bomb it weighs"]),
    )
    for position, (name, color, key, pairs, description, examples) in enumerate(defaults, start=1):
        conn.execute(types.insert().values(
            name=name, color=color, hotkey=None if key in used else key, position=position,
            pairs_json=json.dumps(pairs, ensure_ascii=False), description=description,
            examples_json=json.dumps(examples, ensure_ascii=False)))


def downgrade() -> None:
    op.drop_table("doc_labels")
    for index in ("ix_relations_child_id", "ix_relations_head_id", "ix_relations_type_id", "ix_relations_doc_coder"):
        op.drop_index(index, "relations")
    op.drop_table("relations")
    op.drop_table("relation_types")
    with op.batch_alter_table("spans") as batch:
        for column in ("value_by", "value_json", "attrs_json"):
            batch.drop_column(column)
    with op.batch_alter_table("labels") as batch:
        for column in ("figure_values", "attributes_json", "examples_json", "description"):
            batch.drop_column(column)
