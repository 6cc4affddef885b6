"""Schema versions and the path between them: one Alembic history for SQLite and PostgreSQL.

The revisions live in ``versions/`` (SQLite changes go through Alembic's batch mode, which copies a
table when SQLite's ALTER TABLE cannot do the change). Every database records its revision in
Alembic's ``alembic_version`` table and, for the app versions from before Alembic (which read only
that), a schema number in ``meta.schema_version``: an older app then refuses a newer file itself.

Opening a project costs one query here when it is current (``read_state``); Alembic is imported and
run only when an upgrade is due, all revisions in the caller's one transaction.

To change the schema: copy the newest file in ``versions/`` (next revision id, ``down_revision`` the
old head), write ``upgrade()`` with ``op.batch_alter_table`` for table changes, add
the new revision to ``SCHEMA_OF_REVISION`` with the next schema number, change the models, and add a
test that opens a fixture file made by the old code (tests/fixtures/store/).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, inspect, text

APPLICATION_ID = "arabic-annotator"
VERSIONS = Path(__file__).resolve().parent / "versions"
VERSION_TABLE = "alembic_version"

# Every revision this app knows, oldest first, with the schema number users see.
SCHEMA_OF_REVISION: dict[str, int] = {"0001": 1, "0002": 2, "0003": 3, "0004": 4, "0005": 5, "0006": 6}
HEAD = list(SCHEMA_OF_REVISION)[-1]
SCHEMA_VERSION = SCHEMA_OF_REVISION[HEAD]
# Files from before Alembic carry only ``meta.schema_version``: the revision each number is.
REVISION_OF_SCHEMA = {number: revision for revision, number in SCHEMA_OF_REVISION.items()}


class SchemaError(Exception):
    """The database is not a project, or not one this app can open; the message says which."""


@dataclass(frozen=True)
class SchemaState:
    revision: str
    schema_version: int
    meta: dict[str, str]

    @property
    def current(self) -> bool:
        return self.revision == HEAD


def read_state(conn: Connection) -> SchemaState:
    """Where a database stands; ``SchemaError`` when it is not a project or is newer than this app."""
    tables = set(inspect(conn).get_table_names())
    if "meta" not in tables:
        raise SchemaError("a database, but not an annotation project")
    meta = dict(conn.execute(text("SELECT key, value FROM meta")).all())
    if meta.get("application") != APPLICATION_ID:
        raise SchemaError("a database, but not an annotation project")
    try:
        number = int(meta.get("schema_version", "0"))
    except ValueError:
        raise SchemaError(f"unreadable schema version {meta.get('schema_version')!r}") from None
    revision = None
    if VERSION_TABLE in tables:
        revisions = list(conn.scalars(text(f"SELECT version_num FROM {VERSION_TABLE}")))
        if len(revisions) > 1:
            raise SchemaError(f"several schema revisions at once ({', '.join(revisions)})")
        revision = revisions[0] if revisions else None
    if number > SCHEMA_VERSION or (revision is not None and revision not in SCHEMA_OF_REVISION):
        shown = number if revision is None or revision in SCHEMA_OF_REVISION else f"{number}, revision {revision}"
        raise SchemaError(f"made by a newer version of the app (schema {shown}; this version reads up to "
                          f"{SCHEMA_VERSION}). Update the app to open it; nothing was changed")
    if revision is None:
        if number not in REVISION_OF_SCHEMA:
            raise SchemaError(f"no migration from schema version {number} (this version upgrades "
                              f"{min(REVISION_OF_SCHEMA)} to {SCHEMA_VERSION})")
        revision = REVISION_OF_SCHEMA[number]
    return SchemaState(revision, SCHEMA_OF_REVISION[revision], meta)


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
