"""annotator stats PROJECT [--json]"""

from __future__ import annotations

import json


def register(sub) -> None:
    p = sub.add_parser("stats", help="counts of documents, coders, spans and statuses")
    p.add_argument("project")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(func=run)


def run(args) -> int:
    stats = None
    from annotator.store.location import is_server_url

    if not is_server_url(args.project):  # a file: sqlite3 alone, no SQLAlchemy to import (issue 21)
        from annotator.store import quick_stats

        stats = quick_stats.stats(args.project)
    if stats is None:  # a server, or an older schema (read through an upgraded copy)
        from annotator.store import Project

        with Project.open(args.project, readonly=True) as project:
            stats = project.stats()
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=2))
        return 0
    print(f"project     {stats['project']}")
    print(f"documents   {stats['documents']} ({stats['characters']} characters)")
    print(f"labels      {', '.join(stats['labels'])}")
    print(f"coders      {', '.join(stats['coders']) or '(none yet)'}")
    print(f"spans       {stats['spans']}")
    if stats["coders"]:
        labels = stats["labels"]
        width = max(len(c) for c in stats["coders"]) + 2
        print()
        print("coder".ljust(width) + "".join(label.rjust(10) for label in labels) + "new".rjust(8)
              + "in prog.".rjust(10) + "done".rjust(8))
        for coder in stats["coders"]:
            counts = stats["spans_per_label"][coder]
            status = stats["status"][coder]
            print(coder.ljust(width) + "".join(str(counts[label]).rjust(10) for label in labels)
                  + str(status["new"]).rjust(8) + str(status["in_progress"]).rjust(10) + str(status["done"]).rjust(8))
    return 0
