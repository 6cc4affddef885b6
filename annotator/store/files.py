"""The project file on disk, below any connection: is it an SQLite file at all, and its rotating
backups (``<name>.backups/``), taken as one consistent snapshot when a project opens."""

from __future__ import annotations

import os
import sqlite3
import threading
from datetime import datetime, timezone
from pathlib import Path

from annotator.core.errors import ProjectError

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


def backups_dir(path: Path) -> Path:
    return path.with_name(path.name + ".backups")


def list_backups(path: Path) -> list[Path]:
    """Backups of ``path``, newest first."""
    folder = backups_dir(path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{path.stem}-*.annot"), reverse=True)


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
    folder.mkdir(exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{path.stem}-{stamp}.annot"
    tmp = target.with_suffix(".partial")
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("VACUUM INTO ?", (str(tmp),))
    finally:
        conn.close()
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, target)
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
