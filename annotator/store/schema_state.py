"""Which schema a project database is at, from its ``meta`` rows and Alembic's version row (stdlib
only: ``trust`` reads it on a plain sqlite3 connection, ``migrations.read_state`` on SQLAlchemy's).

The numbers users see and the revisions they are: see ``migrations`` for how a schema changes.
"""

from __future__ import annotations

from dataclasses import dataclass

APPLICATION_ID = "arabic-annotator"
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


def state_of(meta: dict[str, str] | None, revisions: list[str] | None) -> SchemaState:
    """Where a database stands, given its ``meta`` rows (None: no meta table) and the rows of
    Alembic's version table (None: no such table); ``SchemaError`` when it is not a project or is
    newer than this app."""
    if meta is None or meta.get("application") != APPLICATION_ID:
        raise SchemaError("a database, but not an annotation project")
    try:
        number = int(meta.get("schema_version", "0"))
    except ValueError:
        raise SchemaError(f"unreadable schema version {meta.get('schema_version')!r}") from None
    revision = None
    if revisions is not None:
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
