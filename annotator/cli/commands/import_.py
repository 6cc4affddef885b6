"""annotator import PROJECT PATH... [--format ...] [--coder NAME] [--status ...] [--add-labels]"""

from __future__ import annotations

import sys

from annotator.cli.lazy import LazyChoices, importer_names
from annotator.cli.output import Progress, warn, warn_backup


def register(sub) -> None:
    p = sub.add_parser("import", help="import documents (and their spans) into a project",
                       description="Import files and folders (recursively, in sorted order). All or nothing: "
                                   "on any error nothing is imported.")
    p.add_argument("project")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--format", default="auto", choices=LazyChoices(importer_names, "auto"), metavar="FORMAT",
                   help="input format: %(choices)s (default: from each file's extension)")
    p.add_argument("--coder", help="coder who owns imported spans (and statuses)")
    p.add_argument("--status", choices=["new", "in_progress", "done"], help="set this coder's status on each document")
    p.add_argument("--add-labels", action="store_true", help="create labels that are not in the project yet")
    p.add_argument("--encoding", default="utf-8", help="text encoding of the input (default utf-8)")
    p.add_argument("--text-column", help="CSV/TSV: the column that holds the text (Label Studio: the data field)")
    p.add_argument("--answers", choices=["accept", "all"], default="accept",
                   help="prodigy: import the spans of accepted answers only (default) or of every answer; "
                        "reject/ignore answers are kept as document flags either way")
    p.set_defaults(func=run)


def run(args) -> int:
    from annotator.formats.importing import import_files
    from annotator.formats.registry import ImportOptions
    from annotator.store import Project

    options = ImportOptions(coder=args.coder, status=args.status, add_labels=args.add_labels,
                            encoding=args.encoding, text_column=args.text_column, answers=args.answers,
                            warn=warn)
    with Project.open(args.project) as project:
        report = import_files(project, args.paths, args.format, options, progress=Progress("importing"))
    warn_backup(project)
    added = f", added labels {', '.join(report.labels_added)}" if report.labels_added else ""
    attached = (f"; spans attached to {report.attached} document(s) already in the project"
                if report.attached else "")
    layers = "".join(f", {n} {what}" for n, what in ((report.relations, "relation(s)"),
                                                     (report.doc_labels, "document(s) with labels, flags or a comment"),
                                                     (report.suggestions, "suggestion(s)"))
                     if n)
    print(f"imported {report.documents} document(s) with {report.spans} span(s){layers} from {report.files} file(s)"
          f"{attached}{_duplicates(report)}{added}", file=sys.stderr)
    return 0


def _duplicates(report) -> str:
    if not report.duplicates:
        return ""
    differing = f" ({report.duplicates_differing} with other spans, not imported)" if report.duplicates_differing else ""
    return f"; {report.duplicates} duplicate text(s) skipped{differing}"
