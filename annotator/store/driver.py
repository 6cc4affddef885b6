"""Rows in bulk at the driver's level: executemany of plain tuples and reads of plain rows.

SQLAlchemy's Core executemany builds a parameter dict per row and converts each value through its
type (a ``DateTime`` becomes a string row by row on SQLite): measured on a 1,000,000-span import,
that was more CPU than SQLite's own insert. These helpers send tuples straight to the driver
through ``Connection.exec_driver_sql`` (so SQLAlchemy's error handling and the transaction stay
the same), with a constant value such as a timestamp converted once (``db_value``). Portable: the
placeholders follow the dialect's paramstyle (``?`` for sqlite3, ``%s`` for psycopg)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Iterable, Iterator

from sqlalchemy import Column, Connection, Table

CHUNK = 20_000  # rows per executemany: bounded memory, few round trips


def mark(conn: Connection) -> str:
    return "?" if conn.dialect.paramstyle == "qmark" else "%s"


def db_value(conn: Connection, column: Column, value: Any) -> Any:
    """``value`` as the driver gets it for ``column`` (what Core would send, converted once)."""
    process = column.type.dialect_impl(conn.dialect).bind_processor(conn.dialect)
    return process(value) if process is not None else value


def insert_rows(conn: Connection, table: Table, columns: tuple[str, ...], rows: Iterable[tuple],
                constants: dict[str, str] | None = None) -> int:
    """INSERT ``rows`` (tuples in the order of ``columns``) with executemany, ``CHUNK`` at a time.
    ``constants``: columns whose value is the same for every row, written into the statement as
    SQL string literals (for the app's own timestamps: no per-row tuple has to carry them)."""
    quote = conn.dialect.identifier_preparer.quote
    constants = constants or {}
    for value in constants.values():
        if not isinstance(value, str) or "'" in value or "\\" in value:
            raise ValueError(f"not a constant this helper writes as a literal: {value!r}")
    names = [*columns, *constants]
    values = [mark(conn)] * len(columns) + [f"'{value}'" for value in constants.values()]
    sql = f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in names)}) VALUES ({', '.join(values)})"
    if isinstance(rows, list):
        for at in range(0, len(rows), CHUNK):
            conn.exec_driver_sql(sql, rows if len(rows) <= CHUNK else rows[at:at + CHUNK])
        return len(rows)
    done = 0
    batch: list[tuple] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= CHUNK:
            conn.exec_driver_sql(sql, batch)
            done += len(batch)
            batch = []
    if batch:
        conn.exec_driver_sql(sql, batch)
        done += len(batch)
    return done


def timestamp(value: datetime) -> str:
    """The app's timestamp as an SQL literal both SQLite (SQLAlchemy's storage format) and
    PostgreSQL read as the same ``DateTime`` value."""
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


def read_rows(conn: Connection, sql: str, params: tuple = ()) -> Iterator[tuple]:
    """Plain tuples from the driver's cursor (no Row objects): ``sql`` uses ``mark(conn)``."""
    result = conn.exec_driver_sql(sql, params)
    cursor = result.cursor
    try:
        while True:
            rows = cursor.fetchmany(CHUNK)
            if not rows:
                return
            yield from rows
    finally:
        result.close()
