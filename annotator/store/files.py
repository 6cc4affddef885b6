"""The project file on disk, below any connection: is it an SQLite file at all, and its rotating
backups (``<name>.backups/``), taken as one consistent snapshot when a project opens."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

from annotator.core.errors import ProjectError, ProjectLocked

SQLITE_HEADER = b"SQLite format 3\x00"
BACKUPS_KEPT = 5
BUSY_TIMEOUT_MS = 5000


def check_sqlite_file(path: Path) -> None:
    """Refuse, with a clear message, a path that is not an SQLite database file."""
    if not path.exists():
        raise ProjectError(f"{path}: no such project file")
    if path.is_dir():
        raise ProjectError(f"{path}: is a folder, not a project file")
    try:
        with open(path, "rb") as fh:
            head = fh.read(100)
    except PermissionError:
        raise ProjectError(f"{path}: permission denied (cannot read the file)") from None
    if len(head) < 100 or not head.startswith(SQLITE_HEADER):
        kind = "an empty file" if not head else "not an SQLite database"
        raise ProjectError(f"{path}: not an annotation project ({kind})")


def read_only_connection(path: Path) -> sqlite3.Connection:
    """A connection that cannot change the file nor leave anything beside it: ``mode=ro``, and
    ``immutable=1`` when no ``-wal`` or ``-journal`` is there (no writer is active, and a read-only
    connection to a WAL file would otherwise create ``-wal`` and ``-shm`` and leave them)."""
    busy = any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-journal"))
    uri = f"{Path(path).resolve().as_uri()}?mode=ro" + ("" if busy else "&immutable=1")
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA trusted_schema = OFF")
    return conn


def set_deadline(conn: sqlite3.Connection, seconds: float, every: int = 1000):
    """Interrupt whatever ``conn`` runs once ``seconds`` have passed (SQLite's progress handler,
    asked every ``every`` virtual-machine steps of a statement): a query then fails with
    ``OperationalError`` "interrupted" (see ``interrupted``). Every check run on a file from
    elsewhere goes through it, so that a crafted file (a huge schema, millions of rows, a damaged
    tree) cannot hang the app. Returns ``expired()``, which raises that same error once the time is
    up, for loops of many short statements (the handler is only asked inside a long one)."""
    stop = time.monotonic() + seconds
    conn.set_progress_handler(lambda: 1 if time.monotonic() > stop else 0, every)

    def expired() -> None:
        if time.monotonic() > stop:
            raise sqlite3.OperationalError("interrupted")
    return expired


def interrupted(exc: BaseException) -> bool:
    """True when ``exc`` is the error of a query stopped by ``set_deadline``."""
    return isinstance(exc, sqlite3.OperationalError) and "interrupted" in str(exc)


def backups_dir(path: Path) -> Path:
    return path.with_name(path.name + ".backups")


def list_backups(path: Path) -> list[Path]:
    """Backups of ``path``, newest first. Names are matched literally (``study[2024].annot`` holds
    glob characters), on ``STEM-<stamp>.annot`` where the stamp is digits, ``T`` and ``Z``."""
    folder = backups_dir(path)
    if not folder.is_dir():
        return []
    prefix = f"{path.stem}-"
    found = [p for p in folder.iterdir() if p.name.startswith(prefix) and p.name.endswith(".annot")
             and _is_stamp(p.name[len(prefix):-len(".annot")])]
    return sorted(found, reverse=True)


def _is_stamp(text: str) -> bool:
    return bool(text) and text.endswith("Z") and all(ch.isdigit() or ch in "TZ-" for ch in text)


def clean_partials(folder: Path, pattern_prefix: str, suffix: str = ".partial") -> int:
    """Remove ``folder/<prefix>*<suffix>`` files and folders left by a killed writer: each one is
    tried with a non-blocking lock (a live writer holds it; the kernel drops a dead one's), and
    removed only when the lock is free. Returns how many were removed."""
    import shutil

    removed = 0
    try:
        entries = list(folder.iterdir())
    except OSError:
        return 0
    for entry in entries:
        if not (entry.name.startswith(pattern_prefix) and entry.name.endswith(suffix)):
            continue
        try:
            fd = os.open(entry, os.O_RDONLY)
        except OSError:
            continue
        try:
            if not try_lock(fd):
                continue
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
            removed += 1
        finally:
            os.close(fd)
    return removed


def try_lock(fd: int) -> bool:
    """Take an exclusive lock on ``fd`` if free (held until ``fd`` is closed)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: an open file cannot be removed anyway
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


def identity(path: Path) -> tuple[int, int, int, int] | None:
    """``(device, inode, size, mtime in ns)`` of the file now, or None when it is gone."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def _last_change(path: Path) -> float:
    times = [path.stat().st_mtime]
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size:
        times.append(wal.stat().st_mtime)
    return max(times)


def make_backup(path: Path, keep: int = BACKUPS_KEPT) -> Path | None:
    """Copy the project to ``<name>.backups/`` as one consistent snapshot (``VACUUM INTO``)
    unless the newest backup is already as new as the file; keep the ``keep`` newest."""
    existing = list_backups(path)
    if existing and existing[0].stat().st_mtime >= _last_change(path):
        return None
    folder = backups_dir(path)
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise ProjectError(f"{path}: no backup was taken: cannot create {folder.name}/ ({exc.strerror or exc})") from None
    clean_partials(folder, f"{path.stem}-")
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{path.stem}-{stamp}.annot"
    tmp = target.with_suffix(".partial")
    try:
        fd = os.open(tmp, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise ProjectError(f"{path}: no backup was taken: cannot write in {folder.name}/ ({exc.strerror or exc})") from None
    try:
        try_lock(fd)  # held while the copy is made: a later run removes the partial only if we died
        os.ftruncate(fd, 0)
        conn = read_only_connection(path)
        try:
            conn.execute("VACUUM INTO ?", (str(tmp),))
        finally:
            conn.close()
        os.fsync(fd)
        os.replace(tmp, target)
    except sqlite3.Error as exc:
        tmp.unlink(missing_ok=True)
        raise ProjectError(f"{path}: no backup was taken ({exc}; the disk may be full)") from None
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ProjectError(f"{path}: no backup was taken ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
    for old in list_backups(path)[keep:]:
        old.unlink(missing_ok=True)
    return target


class BackupThread(threading.Thread):
    """Takes the opening backup without delaying the open; ``Project.close`` waits for it."""

    def __init__(self, path: Path) -> None:
        super().__init__(name="project-backup", daemon=True)
        self.path = path
        self.result: Path | None = None
        self.error: Exception | None = None

    def run(self) -> None:
        try:
            self.result = make_backup(self.path)
        except Exception as exc:  # a failed backup must not take the project down; it is reported
            self.error = exc


def snapshot(source: Path, target: Path) -> None:
    """One consistent copy of ``source`` in ``target`` (``VACUUM INTO``, fsynced), read-only on the source."""
    try:
        conn = read_only_connection(source)
    except sqlite3.Error as exc:
        raise ProjectError(f"{source}: cannot read it ({exc})") from None
    try:
        conn.execute("VACUUM INTO ?", (str(target),))
    except sqlite3.Error as exc:
        raise ProjectError(f"{source}: cannot copy it to {target} ({exc})") from None
    finally:
        conn.close()
    with open(target, "rb") as fh:
        os.fsync(fh.fileno())


class WriterLock:
    """An OS lock on the project file held while it is open for writing.

    The lock is released by the kernel when the process ends, so a crash never leaves a stale
    lock behind. A second process (or a second open in this one) gets ``ProjectError``.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDONLY)
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            raise ProjectLocked(
                f"{self.path}: this project is open for writing in another window or program; "
                "close it there, or open it read-only"
            ) from None
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            _unlock(self._fd)
            os.close(self._fd)
            self._fd = None


try:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

except ImportError:  # pragma: no cover - Windows
    import msvcrt

    def _lock(fd: int) -> None:
        # Lock a byte far past any real data so that SQLite's own reads are not blocked.
        os.lseek(fd, 2**40, 0)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 2**40, 0)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
