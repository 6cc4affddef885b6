"""annotator new PROJECT [--coder NAME] [--labels entity,claim,figure]"""

from __future__ import annotations

import sys


def register(sub) -> None:
    p = sub.add_parser("new", help="create a project file", description="Create a new, empty project file.")
    p.add_argument("project", help="the project file to create (e.g. study.annot)")
    p.add_argument("--coder", help="the coder who will annotate in this copy of the project")
    p.add_argument("--labels", help="comma-separated label names (default: entity,claim,figure)")
    p.set_defaults(func=run)


def run(args) -> int:
    from annotator.core.errors import AnnotatorError
    from annotator.core.model import LabelSchema
    from annotator.store import Project

    labels = None
    if args.labels is not None:
        try:
            labels = LabelSchema.specs_from_names(n for n in args.labels.split(",") if n.strip())
        except ValueError as exc:
            raise AnnotatorError(f"--labels: {exc}") from None
        if not labels:
            raise AnnotatorError("--labels: give at least one label name")
    with Project.create(args.project, coder=args.coder, labels=labels) as project:
        names = ", ".join(project.labels().names())
    print(f"created {args.project} with labels {names}", file=sys.stderr)
    return 0
