"""Damaged project files: find the newest backup that is sound, and restore it."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from datetime import datetime, timezone
from pathlib import Path

from annotator.core.errors import ProjectDamaged, ProjectError
from annotator.store.files import SQLITE_HEADER, WriterLock, list_backups, read_only_connection, set_deadline

# ``PRAGMA integrity_check`` reads every page: a few seconds for a 170 MB project. A file that takes
# longer (or a crafted one) is not called sound; looking through the backups has the same budget.
INTEGRITY_SECONDS = 30.0


def is_sound(path: Path, deadline_s: float | None = None) -> bool:
    """True when ``path`` is an SQLite file whose ``PRAGMA integrity_check`` says ok within
    ``deadline_s`` (``INTEGRITY_SECONDS``). Read-only, nothing left beside the file (no ``-wal`` or
    ``-shm``: the file may be a stranger's, refused), ``trusted_schema`` off."""
    try:
        with open(path, "rb") as fh:
            if not fh.read(16).startswith(SQLITE_HEADER):
                return False
        conn = read_only_connection(path)
        try:
            set_deadline(conn, INTEGRITY_SECONDS if deadline_s is None else deadline_s)
            return conn.execute("PRAGMA integrity_check(1)").fetchone()[0] == "ok"
        finally:
            conn.close()
    except (OSError, sqlite3.Error):  # interrupted by the deadline too: not known to be sound
        return False


def latest_good_backup(path: Path, deadline_s: float | None = None) -> Path | None:
    """The newest backup of ``path`` that ``is_sound``, all of them checked within one deadline."""
    stop = time.monotonic() + (INTEGRITY_SECONDS if deadline_s is None else deadline_s)
    for backup in list_backups(path):
        left = stop - time.monotonic()
        if left <= 0:
            return None
        if is_sound(backup, left):
            return backup
    return None


def damaged_error(path: Path, detail: str) -> ProjectDamaged:
    """The error for a damaged ``path``, naming the newest sound backup (looked for once: the app's
    offer to restore it takes the backup from the error, ``ProjectDamaged.backup``)."""
    backup = latest_good_backup(path)
    if backup is None:
        offer = "No sound backup was found next to it."
    else:
        when = datetime.fromtimestamp(backup.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        offer = (f"The latest sound backup is {backup.name} ({when}); restore it with "
                 f"'annotator restore {path}' (the damaged file is kept aside).")
    return ProjectDamaged(f"{path}: the project file is damaged ({detail}). {offer}", backup)


def restore_backup(path: Path, backup: Path | None = None) -> tuple[Path, Path | None]:
    """Put a sound backup in place of ``path``; the file it replaces is kept aside, never deleted.

    Takes the writer lock first (refused while the project is open for writing anywhere). The
    backup is copied to a hidden temporary file and fsynced before anything else moves, the
    replaced file is kept under a unique name (two restores in one second never collide), and the
    new file takes the path with one atomic rename: killed at any moment, the path holds either
    the old file or the restored one. Returns ``(backup used, where the replaced file went)``.
    """
    path = Path(path)
    backup = Path(backup) if backup else latest_good_backup(path)
    if backup is None:
        raise ProjectError(f"{path}: no sound backup found in {path.name}.backups/")
    if not is_sound(backup):
        raise ProjectError(f"{backup}: this backup is damaged too; choose another")
    lock = WriterLock(path) if path.exists() else None
    if lock is not None:
        lock.acquire()  # ProjectError while the app (or another command) has it open for writing
    tmp = path.with_name(f".{path.name}.restoring")
    try:
        shutil.copyfile(backup, tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        aside = None
        if path.exists():
            aside = _unique_aside(path)
            os.link(path, aside)  # the old file under its new name; the path still holds it too
            for suffix in ("-wal", "-shm", "-journal"):
                side = Path(f"{path}{suffix}")
                if side.exists():  # never left beside the restored file: SQLite would replay it
                    os.replace(side, Path(f"{aside}{suffix}"))
        os.replace(tmp, path)
        _fsync_folder(path.parent)
    except OSError as exc:
        raise ProjectError(f"{path}: the restore failed ({exc.strerror or exc}); the project file was not "
                           "replaced") from None
    finally:
        tmp.unlink(missing_ok=True)
        if lock is not None:
            lock.release()
    return backup, aside


def _unique_aside(path: Path) -> Path:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    for n in range(1, 1000):
        candidate = path.with_name(f"{path.name}.damaged-{stamp}" + (f"-{n}" if n > 1 else ""))
        if not candidate.exists():
            return candidate
    raise ProjectError(f"{path}: cannot find a free name to keep the replaced file aside")


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def translate_error(path: Path, exc: BaseException) -> ProjectError | None:
    """A user-fit ProjectError for SQLite failures a user can act on (damage, full disk, read-only)."""
    if not isinstance(exc, sqlite3.Error):
        return None
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    if name in ("SQLITE_CORRUPT", "SQLITE_NOTADB") or name.startswith(("SQLITE_IOERR_READ", "SQLITE_IOERR_SHORT_READ")) \
            or "malformed" in text or "not a database" in text:
        return damaged_error(path, str(exc))
    if name == "SQLITE_FULL" or "disk is full" in text:
        return ProjectError(f"{path}: the disk is full; the last change was NOT saved. Free some space "
                            "and try again (everything saved before is intact)")
    if name.startswith("SQLITE_IOERR"):
        return ProjectError(f"{path}: could not write to the disk ({exc}: the disk may be full, removed or "
                            "failing); the last change was NOT saved (everything saved before is intact)")
    if name.startswith("SQLITE_READONLY") or "readonly database" in text:
        return ProjectError(f"{path}: the file cannot be written (read-only); the last change was NOT saved")
    return None


def read_error(path: Path, exc: sqlite3.Error) -> ProjectError:
    """The error of a failed read through plain sqlite3 (``quick_stats``, ``file_reads``): damage as
    ``translate_error`` names it, anything else (a lock held too long, ...) as what SQLite said."""
    return translate_error(path, exc) or ProjectError(f"{path}: cannot be read ({exc})")
