"""annotator restore PROJECT [--from BACKUP] [--list]"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("restore", help="replace a damaged project with its latest sound backup",
                       description="Put a backup in place of the project file. The file it replaces is kept "
                                   "next to it as NAME.damaged-TIMESTAMP, never deleted.")
    p.add_argument("project")
    p.add_argument("--from", dest="backup", help="the backup file to restore (default: the newest sound one)")
    p.add_argument("--list", action="store_true", help="list the backups and whether each is sound; change nothing")
    p.set_defaults(func=run)


def run(args) -> int:
    from annotator.store.files import list_backups
    from annotator.store.recovery import is_sound, restore_backup

    path = Path(args.project)
    if args.list:
        backups = list_backups(path)
        if not backups:
            print(f"no backups of {path}", file=sys.stderr)
        for backup in backups:
            when = datetime.fromtimestamp(backup.stat().st_mtime).strftime("%Y-%m-%d %H:%M:%S")
            print(f"{when}  {'sound  ' if is_sound(backup) else 'DAMAGED'}  {backup}")
        return 0
    used, aside = restore_backup(path, Path(args.backup) if args.backup else None)
    kept = f"; the replaced file is kept as {aside.name}" if aside else ""
    print(f"restored {path} from {used.name}{kept}", file=sys.stderr)
    return 0
