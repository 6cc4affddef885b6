"""A new project's tables and facts, on an open connection (a file or a server, one transaction)."""

from __future__ import annotations

from sqlalchemy import Connection, inspect, text

from annotator import __version__
from annotator.core.errors import ProjectError
from annotator.store import migrations
from annotator.store.models import Base


def create_schema(conn: Connection, where: str) -> None:
    """Create every table of today's schema in an empty database and record its revision.

    A database that already holds tables of ours is refused (nothing is changed)."""
    ours = {table.name for table in Base.metadata.sorted_tables} | {migrations.VERSION_TABLE}
    present = ours & set(inspect(conn).get_table_names())
    if present:
        raise ProjectError(f"{where}: already holds a project (or part of one: {', '.join(sorted(present))}); "
                           "nothing was changed")
    Base.metadata.create_all(conn)
    for key, value in (("application", migrations.APPLICATION_ID), ("created_by", __version__)):
        conn.execute(text("INSERT INTO meta (key, value) VALUES (:k, :v)"), {"k": key, "v": value})
    migrations.stamp(conn)
