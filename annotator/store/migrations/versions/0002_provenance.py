"""Schema 2: gold spans carry provenance (a JSON text column on spans).

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("spans") as batch:
        batch.add_column(sa.Column("provenance", sa.Text))


def downgrade() -> None:
    with op.batch_alter_table("spans") as batch:
        batch.drop_column("provenance")
