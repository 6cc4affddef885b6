"""``annotator copy`` of the generated project of the size, file -> server -> file, next to its floors.

Floors (the same rows, measured in the same run on the same server, wall seconds):
- up: read every table of the file with the ``sqlite3`` module and load it with PostgreSQL's
  ``COPY ... FROM STDIN`` (psycopg's copy protocol, text format) in one transaction into a database
  that holds the empty schema; no checks, no progress, no sequences reset.
- down: ``COPY ... TO STDOUT`` of every table and ``executemany`` into a new file holding the empty
  schema, in one transaction; no checks.
The copy itself also checks the source, keeps its all-or-nothing promise, resets the sequences,
stamps the schema and reports progress. Afterwards the JSONL exports (every coder, every status) of
the file, of the server and of the file copied back must be byte-identical.

Command: ``python -m benchmarks.bench_copy --size large`` (10,000 documents, 1,000,000 spans).
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from benchmarks import generate, harness

TESTS = Path(__file__).resolve().parents[1] / "tests"
MAX_RATIO = {"small": None, "medium": None, "large": None}  # measured, not yet a target


def _server():
    sys.path.insert(0, str(TESTS))
    from pgserver import PgServer

    server = PgServer().start()
    os.environ["PGPASSWORD"] = server.password
    return server


def _tables():
    from annotator.store.models import Base

    return list(Base.metadata.sorted_tables)


def _empty_schema(target) -> None:
    """The empty schema (today's tables, no rows) in a server database or a new file."""
    from sqlalchemy import text

    from annotator.store.initial import create_schema
    if isinstance(target, str):
        from annotator.store.server import make_server_engine
        engine = make_server_engine(target)
    else:
        from annotator.store.engine import make_engine
        engine = make_engine(target, readonly=False)
    try:
        with engine.begin() as conn:
            create_schema(conn, str(target))
            conn.execute(text("DELETE FROM meta"))
    finally:
        engine.dispose()


def _connect(server, database: str):
    import psycopg

    return psycopg.connect(host=server.host, port=server.port, user="postgres", password=server.password,
                           dbname=database)


def floor_up(source: Path, server, database: str) -> float:
    """sqlite3 reads + COPY FROM STDIN of every table, one transaction; wall seconds."""
    _empty_schema(server.url(database))
    started = time.perf_counter()
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        with _connect(server, database) as conn, conn.cursor() as cur:
            for table in _tables():
                names = [c.name for c in table.columns]
                cols = ", ".join(f'"{n}"' for n in names)
                with cur.copy(f'COPY "{table.name}" ({cols}) FROM STDIN') as copy:
                    for row in src.execute(f'SELECT {cols} FROM "{table.name}"'):
                        copy.write_row(row)
            conn.commit()
    finally:
        src.close()
    return time.perf_counter() - started


def floor_down(server, database: str, target: Path) -> float:
    """COPY TO STDOUT of every table + executemany into a new file, one transaction; wall seconds."""
    _empty_schema(target)
    started = time.perf_counter()
    dst = sqlite3.connect(str(target), isolation_level=None)
    try:
        dst.execute("PRAGMA synchronous = FULL")
        dst.execute("BEGIN")
        with _connect(server, database) as conn, conn.cursor() as cur:
            for table in _tables():
                names = [c.name for c in table.columns]
                cols = ", ".join(f'"{n}"' for n in names)
                marks = ", ".join("?" for _ in names)
                with cur.copy(f'COPY "{table.name}" ({cols}) TO STDOUT') as copy:
                    copy.set_types([_pg_type(c.type) for c in table.columns])
                    dst.executemany(f'INSERT INTO "{table.name}" ({cols}) VALUES ({marks})',
                                    (_plain(row) for row in copy.rows()))
        dst.execute("COMMIT")
    finally:
        dst.close()
    return time.perf_counter() - started


def _plain(row: tuple) -> tuple:
    """Timestamps as the text the project files store (sqlite3's datetime adapter is deprecated)."""
    return tuple(value.isoformat(" ") if isinstance(value, datetime) else value for value in row)


def _pg_type(sqltype) -> str:
    """The PostgreSQL type name psycopg parses a COPY column as (rows come back as Python values)."""
    from sqlalchemy import Boolean, DateTime, Integer

    if isinstance(sqltype, Boolean):
        return "bool"
    if isinstance(sqltype, Integer):
        return "int8"
    if isinstance(sqltype, DateTime):
        return "timestamp"
    return "text"


def _export(target, out: Path) -> bytes:
    from annotator.formats.exporting import ExportOptions, export_project
    from annotator.store import Project

    with Project.open(target, readonly=True) as p:
        export_project(p, out, "jsonl", ExportOptions(all_coders=True, status="all"))
    return out.read_bytes()


def _tiny_project(folder: Path) -> Path:
    from benchmarks.bench_team import _tiny_project as tiny

    return tiny(folder)


def run(size: str) -> list[dict]:
    from annotator.store.copy import copy_project

    rows: list[dict] = []
    with tempfile.TemporaryDirectory(dir=generate.cache_dir()) as tmp:
        folder = Path(tmp)
        source = _tiny_project(folder) if size == "small" else generate.project(size)
        server = _server()
        try:
            floor_db = server.new_database("floorup")
            up_floor = floor_up(source, server, floor_db)
            down_floor = floor_down(server, floor_db, folder / "floor-back.annot")
            server.drop_database(floor_db)

            database = server.new_database("copy")
            url = server.url(database)
            started = time.perf_counter()
            report = copy_project(source, url)
            up = time.perf_counter() - started
            back = folder / "back.annot"
            started = time.perf_counter()
            copy_project(url, back)
            down = time.perf_counter() - started

            file_bytes = _export(source, folder / "file.jsonl")
            server_bytes = _export(url, folder / "server.jsonl")
            back_bytes = _export(back, folder / "back.jsonl")
            same = file_bytes == server_bytes == back_bytes
            server.drop_database(database)
        finally:
            server.stop()
    docs, spans = report.rows.get("documents", 0), report.rows.get("spans", 0)
    rows.append(harness.ratio_row(f"copy file -> server ({docs:,} docs, {spans:,} spans)", size, up, up_floor,
                                  max_ratio=MAX_RATIO[size], kind="wall",
                                  floor="sqlite3 reads + COPY FROM STDIN"))
    rows.append(harness.ratio_row("copy server -> file", size, down, down_floor, max_ratio=MAX_RATIO[size],
                                  kind="wall", floor="COPY TO STDOUT + sqlite3 executemany"))
    rows.append(harness.row("JSONL exports of the file, the server and the copy back", size,
                            value=len(file_bytes) / 1e6, unit="MB", target="byte-identical", ok=same,
                            note=f"{len(file_bytes):,} bytes each" if same else "they DIFFER"))
    return rows


if __name__ == "__main__":
    raise SystemExit(harness.main(run))
