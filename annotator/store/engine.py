"""SQLite connections: pragmas, read-only opening, the single-writer lock, and SQLite errors turned
into messages a user can act on. The file itself (header check, backups) is ``files``; the rest of
the store speaks portable SQLAlchemy."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from annotator.store.files import BUSY_TIMEOUT_MS
from annotator.store.recovery import translate_error


# The main file holds every committed change whenever the app is idle (users copy, e-mail and sync
# it while the app is open): WAL with synchronous=FULL, and a checkpoint after every write
# transaction (``checkpoint``; a window runs it just after it has painted the change:
# ``Project.defer_checkpoints``) and after every long read. Chosen over a rollback journal, which
# gives the same whole file, because it measured faster here (benchmarks/bench_journal.py, see
# docs/reliability.md) and keeps readers (exports, backups, a second read-only window) from
# blocking the coder's next save.
JOURNAL = "wal+checkpoint"


def make_engine(path: Path, *, readonly: bool) -> Engine:
    """An engine whose connections have our pragmas: WAL, synchronous=FULL, foreign keys, busy
    timeout, and ``trusted_schema=OFF`` (functions named in a file's schema never run)."""
    immutable = readonly and not (os.access(path.parent, os.W_OK) and path.parent.stat().st_mode & 0o222) and not Path(f"{path}-shm").exists()

    def connect() -> sqlite3.Connection:
        if readonly:
            uri = f"{path.resolve().as_uri()}?mode=ro" + ("&immutable=1" if immutable else "")
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        else:
            conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":  # pragma: no cover - only on filesystems without shared memory
                conn.execute("PRAGMA journal_mode = DELETE")
        # FULL: a commit that returned has reached the disk (the WAL is fsynced at each commit).
        conn.execute("PRAGMA synchronous = FULL")
        return conn

    engine = create_engine("sqlite://", creator=connect, poolclass=QueuePool, pool_size=2, max_overflow=4)

    # pysqlite's own transaction handling is off (isolation_level=None); SQLAlchemy emits BEGIN
    # itself so that reads and writes inside one ``engine.begin()`` block form one transaction.
    @event.listens_for(engine, "begin")
    def _begin(conn):  # pragma: no cover - exercised by every write
        conn.exec_driver_sql("BEGIN")

    @event.listens_for(engine, "handle_error")
    def _user_message(context):
        translated = translate_error(path, context.original_exception)
        if translated is not None:
            raise translated

    return engine


def finish_new_file(path: Path) -> None:
    """Leave a newly written file self-contained: fold its WAL into it and remove the side files."""
    raw = sqlite3.connect(str(path))
    try:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def checkpoint(engine: Engine) -> None:
    """Copy the committed WAL frames into the main file (PASSIVE: never waits for a reader; a
    reader's snapshot holds back only the frames it may still need, copied at the next one)."""
    with engine.connect() as conn:
        checkpoint_on(conn)


def checkpoint_on(conn) -> None:
    """``checkpoint`` on a connection already taken (outside any transaction)."""
    conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
