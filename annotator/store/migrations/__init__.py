"""Schema versions and the path between them: one Alembic history for SQLite and PostgreSQL.

The revisions live in ``versions/`` (SQLite changes go through Alembic's batch mode, which copies a
table when SQLite's ALTER TABLE cannot do the change). Every database records its revision in
Alembic's ``alembic_version`` table and, for the app versions from before Alembic (which read only
that), a schema number in ``meta.schema_version``: an older app then refuses a newer file itself.

Opening a project costs one query here when it is current (``read_state``); Alembic is imported and
run only when an upgrade is due, all revisions in the caller's one transaction.

To change the schema: copy the newest file in ``versions/`` (next revision id, ``down_revision`` the
old head), write ``upgrade()`` with ``op.batch_alter_table`` for table changes, add
the new revision to ``schema_state.SCHEMA_OF_REVISION`` with the next schema number, change the models, and add a
test that opens a fixture file made by the old code (tests/fixtures/store/).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, inspect, text

from annotator.store.schema_state import (APPLICATION_ID, HEAD, REVISION_OF_SCHEMA, SCHEMA_OF_REVISION,  # noqa: F401
                                          SCHEMA_VERSION, VERSION_TABLE, SchemaError, SchemaState, state_of)

VERSIONS = Path(__file__).resolve().parent / "versions"


def read_state(conn: Connection) -> SchemaState:
    """Where a database stands; ``SchemaError`` when it is not a project or is newer than this app."""
    tables = set(inspect(conn).get_table_names())
    meta = dict(conn.execute(text("SELECT key, value FROM meta")).all()) if "meta" in tables else None
    revisions = (list(conn.scalars(text(f"SELECT version_num FROM {VERSION_TABLE}")))
                 if VERSION_TABLE in tables else None)
    return state_of(meta, revisions)


def _script():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(VERSIONS.parent))
    config.set_main_option("path_separator", "os")
    config.set_main_option("version_locations", str(VERSIONS))
    return config, ScriptDirectory.from_config(config)


def upgrade(conn: Connection, from_revision: str | None, target: str = HEAD) -> None:
    """Run the revisions after ``from_revision`` (``None``: an empty database) up to ``target`` in
    ``conn``'s open transaction, then record the revision and schema number. The caller commits,
    or rolls back on error: on both SQLite and PostgreSQL the schema changes roll back too."""
    from alembic.runtime.environment import EnvironmentContext
    from alembic.runtime.migration import MigrationContext

    from annotator.store.models import Base

    config, script = _script()
    if from_revision is not None and VERSION_TABLE not in inspect(conn).get_table_names():
        MigrationContext.configure(conn).stamp(script, from_revision)  # a file from before Alembic

    def revisions(rev, _context):
        return script._upgrade_revs(target, rev)

    with EnvironmentContext(config, script, fn=revisions, destination_rev=target) as env:
        env.configure(connection=conn, target_metadata=Base.metadata, render_as_batch=True,
                      transaction_per_migration=False)
        env.run_migrations()
    set_schema_number(conn, SCHEMA_OF_REVISION[target])


def stamp(conn: Connection, revision: str = HEAD) -> None:
    """Record that a database made by ``Base.metadata.create_all`` stands at ``revision``."""
    conn.execute(text(f"CREATE TABLE IF NOT EXISTS {VERSION_TABLE} "
                      "(version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"))
    conn.execute(text(f"DELETE FROM {VERSION_TABLE}"))
    conn.execute(text(f"INSERT INTO {VERSION_TABLE} (version_num) VALUES (:r)"), {"r": revision})
    set_schema_number(conn, SCHEMA_OF_REVISION[revision])


def set_schema_number(conn: Connection, number: int) -> None:
    if conn.execute(text("UPDATE meta SET value = :v WHERE key = 'schema_version'"), {"v": str(number)}).rowcount == 0:
        conn.execute(text("INSERT INTO meta (key, value) VALUES ('schema_version', :v)"), {"v": str(number)})


def script_head() -> str:
    """The head of the history on disk (a test checks it is ``HEAD``)."""
    return _script()[1].get_current_head()


def script_revisions() -> list[str]:
    """Every revision on disk, oldest first."""
    return [rev.revision for rev in reversed(list(_script()[1].walk_revisions()))]
