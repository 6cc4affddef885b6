"""Everything PostgreSQL-specific: the engine (psycopg 3), its errors in words a user can act on,
and the consistent-read setting. The rest of the store speaks portable SQLAlchemy.

Passwords: libpq finds them in ``PGPASSWORD`` or ``~/.pgpass``; the window may pass one it asked
for, which lives only in this engine's memory. Every message shows the URL masked.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Iterator

from sqlalchemy import Engine, create_engine, event

from annotator.core.errors import PasswordRequired, ProjectError, ServerUnreachable
from annotator.store.location import display, mask, server_url

CONNECT_TIMEOUT_S = 10
# A link that goes silent (packets dropped, not refused) fails a running query after this long instead
# of the kernel's quarter of an hour of retransmissions (libpq's tcp_user_timeout), and idle pooled
# connections are probed (TCP keepalives) so a dead one is found before it is used.
SILENT_LINK_MS = 10_000
NEEDS_EXTRA = ("PostgreSQL projects need the PostgreSQL driver: pip install 'arabic-annotator[postgres]' "
               "(psycopg 3)")


def require_driver() -> None:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise ProjectError(NEEDS_EXTRA) from None


def make_server_engine(target: str, *, password: str | None = None, readonly: bool = False) -> Engine:
    """An engine on the database ``target`` names (a ``postgresql://`` URL)."""
    require_driver()
    url = server_url(target)
    if password is not None:
        url = url.set(password=password)
    connect_args = {"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "arabic-annotator",
                    "keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 3, "keepalives_count": 3,
                    "tcp_user_timeout": SILENT_LINK_MS}
    if readonly:
        connect_args["options"] = "-c default_transaction_read_only=on"
    engine = create_engine(url, pool_pre_ping=True, pool_size=2, max_overflow=6, connect_args=connect_args,
                           hide_parameters=True)
    where = display(target)
    breaker = engine.annotator_breaker = Breaker(where)

    @event.listens_for(engine, "handle_error")
    def _user_message(context):
        if getattr(context, "is_pre_ping", False):
            return  # a pooled connection the server dropped: the pool connects again by itself
        translated = translate_error(where, context.original_exception)
        if translated is not None:
            if isinstance(translated, ServerUnreachable):
                breaker.tripped = True
            raise translated

    @event.listens_for(engine, "do_connect")
    def _fail_fast(dialect, record, cargs, cparams):
        breaker.check()

    return engine


class Breaker:
    """While a window watches the server (``armed``) and the last attempt found it away
    (``tripped``), a new connection fails at once instead of waiting for its timeout, on every
    thread but the one probing the server (``probing``, the watch's worker); the first answer to a
    probe closes it again. A window then never waits for a server it knows is away, whatever asks
    (a panel reading the selected span, a document opened). Unarmed (the command line, a project
    opened without a window) it changes nothing."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.armed = False
        self.tripped = False
        self._local = threading.local()

    def check(self) -> None:
        if self.armed and self.tripped and not getattr(self._local, "probing", False):
            raise ServerUnreachable(f"{self.where}: the server cannot be reached (not tried again from here "
                                    "until it answers)")

    @contextmanager
    def probing(self) -> Iterator[None]:
        self._local.probing = True
        try:
            yield
        finally:
            self._local.probing = False
        self.tripped = False  # it answered


def breaker_of(engine: Engine) -> Breaker | None:
    return getattr(engine, "annotator_breaker", None)


def translate_error(where: str, exc: BaseException) -> ProjectError | None:
    """A user-fit ProjectError for server failures a user can act on; ``None`` for the rest."""
    try:
        import psycopg
        from psycopg import errors
    except ImportError:  # pragma: no cover - the driver is there when an engine exists
        return None
    if not isinstance(exc, psycopg.Error):
        return None
    detail = mask(str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__)
    if isinstance(exc, errors.InsufficientPrivilege):
        return ProjectError(f"{where}: the server refused this change: your role may not make it ({detail}); "
                            "nothing was changed")
    if isinstance(exc, errors.ReadOnlySqlTransaction):
        return ProjectError(f"{where}: opened read-only; nothing can be changed")
    if isinstance(exc, psycopg.OperationalError) and not isinstance(exc, errors.QueryCanceled):
        lower = detail.lower()
        if "password" in lower:
            reason = ("the server wants a password: put it in ~/.pgpass or PGPASSWORD"
                      if "no password" in lower else "wrong user name or password")
        elif "does not exist" in lower:
            reason = "no such database or user on the server"
        elif "refused" in lower or "could not connect" in lower or "timeout" in lower or "timed out" in lower \
                or "not currently accepting connections" in lower or "starting up" in lower \
                or "shutting down" in lower:
            reason = "the server cannot be reached (is it running, is the host and port right?)"
        elif "terminat" in lower or "closed" in lower or "lost" in lower or _connection_state(exc):
            reason = "the connection to the server was lost; the last change may not have reached it"
        else:
            reason = "the server said: " + detail
        kind = PasswordRequired if "password" in lower else \
            ServerUnreachable if reason.startswith(("the server cannot", "the connection")) else ProjectError
        return kind(f"{where}: {reason} ({detail})" if reason != "the server said: " + detail
                    else f"{where}: {reason}")
    return None


def _connection_state(exc) -> bool:
    """SQLSTATE class 08 (connection exception) or 57P0x (the server shut the session down)."""
    state = getattr(exc, "sqlstate", None) or ""
    return state.startswith("08") or state in ("57P01", "57P02", "57P03")


def consistent_reads(conn) -> None:
    """Make ``conn``'s next transaction see one snapshot for all its queries (exports, reports)."""
    conn.execution_options(isolation_level="REPEATABLE READ")


def copy_rows(conn, table, rows: list[dict]) -> None:
    """Rows (column name -> value) into ``table`` with ``COPY ... FROM STDIN``, in ``conn``'s open
    transaction (psycopg's copy protocol; the table's constraints are checked as for INSERTs)."""
    names = [column.name for column in table.columns]
    columns = ", ".join(f'"{name}"' for name in names)
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        with cursor.copy(f'COPY "{table.name}" ({columns}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row([row.get(name) for name in names])
    finally:
        cursor.close()


def reset_sequences(conn, tables) -> None:
    """After rows were inserted with their ids (copy), let new rows continue after the largest."""
    for table in tables:
        columns = [c for c in table.primary_key.columns if c.autoincrement is True or
                   (c.autoincrement == "auto" and len(table.primary_key.columns) == 1 and c.type.python_type is int)]
        for column in columns:
            conn.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', '{column.name}'), "
                f"COALESCE((SELECT MAX({column.name}) FROM {table.name}), 0) + 1, false)")


UPGRADE_LOCK = 0x616E6E6F  # an advisory lock id: one client upgrades the schema at a time


def lock_for_upgrade(conn) -> None:
    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({UPGRADE_LOCK})")
