"""Schema 5: the document list reads no text. A covering index on the columns the list shows
(position, id, title, length, sha256, external_id) lets SQLite answer ``Project.documents()`` from
the index alone: the documents' rows, with their texts (30.8 M characters in the large benchmark
project), are no longer read to list them. SQLite only: PostgreSQL keeps long texts out of the row
(TOAST) already, and limits a btree entry to about 2.7 KB, which a long title could pass.

Revision ID: 0005
Revises: 0004
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

INDEX = "ix_documents_list"
COLUMNS = ["position", "id", "title", "length", "sha256", "external_id"]


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.create_index(INDEX, "documents", COLUMNS)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.drop_index(INDEX, "documents")
