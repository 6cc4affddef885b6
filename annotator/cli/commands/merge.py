"""annotator merge TARGET SOURCE... [--prefer source|target] [--add-labels]"""

from __future__ import annotations

import sys

from annotator.cli.output import warn_backup


def register(sub) -> None:
    p = sub.add_parser(
        "merge", help="merge coders' copies of a project into one",
        description="Copy each coder's work from SOURCE projects into TARGET: spans with their attributes and figure "
                    "values, relations, document labels, flags and comments, statuses. Documents are matched "
                    "by the sha256 of their text (missing ones are added), labels and coders by name. Merging the "
                    "same file twice changes nothing. The same coder with different work for one document in "
                    "TARGET and a SOURCE is a conflict: all conflicts are listed and nothing is merged, unless "
                    "--prefer says which side wins. All or nothing; sources are only read.")
    p.add_argument("target", help="the project to merge into (changed)")
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="coders' project files (read only)")
    p.add_argument("--prefer", choices=["source", "target"],
                   help="settle conflicts: the winner's work replaces the loser's for that coder and document")
    p.add_argument("--add-labels", action="store_true",
                   help="add labels, relation types and their pairs, attributes and their values, figure values and "
                        "document labels that a source has and the target lacks (otherwise one its annotations use "
                        "is an error)")
    p.set_defaults(func=run)


def run(args) -> int:
    from annotator.store import Project
    from annotator.store.merge import merge_projects

    with Project.open(args.target) as project:
        report = merge_projects(project, args.sources, args.prefer, add_labels=args.add_labels)
    warn_backup(project)
    print(report.summary(), file=sys.stderr)
    for skipped in report.relations_skipped:
        print(f"annotator: {skipped}", file=sys.stderr)
    for conflict in report.conflicts:
        print(f"annotator: conflict settled by the {args.prefer}: {conflict.describe()}", file=sys.stderr)
    return 0
