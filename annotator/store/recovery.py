"""Damaged project files: find the newest backup that is sound, and restore it."""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from annotator.core.errors import ProjectError
from annotator.store.files import SQLITE_HEADER, list_backups


def is_sound(path: Path) -> bool:
    """True when ``path`` is an SQLite file whose ``PRAGMA integrity_check`` says ok."""
    try:
        with open(path, "rb") as fh:
            if not fh.read(16).startswith(SQLITE_HEADER):
                return False
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            conn.close()
    except (OSError, sqlite3.Error):
        return False


def latest_good_backup(path: Path) -> Path | None:
    for backup in list_backups(path):
        if is_sound(backup):
            return backup
    return None


def damaged_message(path: Path, detail: str) -> str:
    backup = latest_good_backup(path)
    if backup is None:
        offer = "No sound backup was found next to it."
    else:
        when = datetime.fromtimestamp(backup.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        offer = (f"The latest sound backup is {backup.name} ({when}); restore it with "
                 f"'annotator restore {path}' (the damaged file is kept aside).")
    return f"{path}: the project file is damaged ({detail}). {offer}"


def restore_backup(path: Path, backup: Path | None = None) -> tuple[Path, Path | None]:
    """Put a sound backup in place of ``path``; the file it replaces is moved aside, never deleted.

    Returns ``(backup used, where the replaced file went)``.
    """
    path = Path(path)
    backup = Path(backup) if backup else latest_good_backup(path)
    if backup is None:
        raise ProjectError(f"{path}: no sound backup found in {path.name}.backups/")
    if not is_sound(backup):
        raise ProjectError(f"{backup}: this backup is damaged too; choose another")
    aside = None
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    if path.exists():
        aside = path.with_name(f"{path.name}.damaged-{stamp}")
        os.replace(path, aside)
        for suffix in ("-wal", "-shm"):
            side = Path(f"{path}{suffix}")
            if side.exists():
                os.replace(side, Path(f"{aside}{suffix}"))
    tmp = path.with_name(f".{path.name}.restoring")
    shutil.copyfile(backup, tmp)
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    return backup, aside
