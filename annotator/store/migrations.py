"""Schema versions and the path between them.

The schema version lives in the ``meta`` table. Opening a file from an older version runs each
step in order, all in one transaction, after a backup. A file from a newer version is refused.

To change the schema: bump ``SCHEMA_VERSION``, add ``MIGRATIONS[old_version] = step`` where the
step brings a version-``old_version`` file to ``old_version + 1``, and add a test that opens a file
made by the old code.
"""

from __future__ import annotations

from typing import Callable

from sqlalchemy import Connection

SCHEMA_VERSION = 2
APPLICATION_ID = "arabic-annotator"

Step = Callable[[Connection], None]

def _v1_to_v2(conn: Connection) -> None:
    """Schema 2: gold spans carry provenance (a JSON column on spans)."""
    conn.exec_driver_sql("ALTER TABLE spans ADD COLUMN provenance TEXT")


# MIGRATIONS[n] upgrades a file at schema version n to n + 1.
MIGRATIONS: dict[int, Step] = {1: _v1_to_v2}


def plan(from_version: int, to_version: int = SCHEMA_VERSION, steps: dict[int, Step] | None = None) -> list[Step]:
    """The steps that take a file from ``from_version`` to ``to_version``, or ValueError."""
    steps = MIGRATIONS if steps is None else steps
    missing = [v for v in range(from_version, to_version) if v not in steps]
    if missing:
        raise ValueError(f"no migration from schema version {missing[0]} to {missing[0] + 1}")
    return [steps[v] for v in range(from_version, to_version)]
