"""annotator copy SOURCE TARGET"""

from __future__ import annotations

import sys

from annotator.cli.output import Progress


def register(sub) -> None:
    p = sub.add_parser(
        "copy", help="copy a whole project between a file and a PostgreSQL server",
        description="Copy every document, label, coder, span and status of SOURCE into TARGET. Either may be "
                    "a project file or a postgresql://user@host:port/database URL (the password comes from "
                    "~/.pgpass or PGPASSWORD). TARGET must be a new file or an empty database. All or nothing.")
    p.add_argument("source")
    p.add_argument("target")
    p.set_defaults(func=run)


def run(args) -> int:
    from annotator.store.copy import copy_project  # here, not at import: --help stays light

    report = copy_project(args.source, args.target, progress=Progress("copying"))
    print(report.summary(), file=sys.stderr)
    return 0
