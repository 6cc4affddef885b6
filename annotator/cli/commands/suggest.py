"""annotator suggest PROJECT --source occurrences|figures|model:DIR|jsonl:FILE [--coder NAME]
[--documents unfinished|all] [--min-score X] [--labels a,b]"""

from __future__ import annotations

import sys

from annotator.cli.output import Progress


def register(sub) -> None:
    known = "occurrences, figures, model:MODEL_DIR, jsonl:FILE"
    p = sub.add_parser("suggest", help="run a suggestion source; its proposals go into the suggestions layer",
                       description="Run a suggestion source on the project and store what it proposes in the "
                                   "suggestions layer (never in a coder's layer): span, label, score, source. The "
                                   "coder accepts or rejects them in the window; what the coder already has or "
                                   f"rejected is left out. Sources: {known}.")
    p.add_argument("project")
    p.add_argument("--source", required=True, metavar="SOURCE", help=f"one of: {known}")
    p.add_argument("--coder", help="whose spans seed 'occurrences' and whose documents count as finished "
                                   "(default: the project's default coder, or its only coder)")
    p.add_argument("--documents", choices=["unfinished", "all"], default="unfinished",
                   help="unfinished (default): documents the coder has not marked done; all: every document")
    p.add_argument("--min-score", type=float, default=0.0, metavar="X", help="store only suggestions scoring X or more")
    p.add_argument("--labels", help="comma-separated labels to propose (default: all)")
    p.add_argument("--clitic-rule", choices=["stem", "token"], default="stem",
                   help="occurrences: propose وبغداد's stem بغداد (default) or the whole token")
    p.set_defaults(func=run)


def run(args) -> int:
    from annotator.core.errors import InputError
    from annotator.store import Project
    from annotator.suggest.run import suggest_project

    labels = [name.strip() for name in args.labels.split(",") if name.strip()] if args.labels else None
    with Project.open(args.project) as project:
        coder = args.coder or project.setting("default_coder")
        if coder is None:
            coders = [c.name for c in project.coders(include_gold=False)]
            if len(coders) != 1:
                raise InputError("choose whose work this is with --coder NAME"
                                 + (f" (coders: {', '.join(coders)})" if coders else " (the project has no coder yet)"))
            coder = coders[0]
        report = suggest_project(project, args.source, coder, documents=args.documents, min_score=args.min_score,
                                 labels=labels, options={"clitic_rule": args.clitic_rule},
                                 progress=Progress(f"suggesting ({args.source})"))
    print(report.summary(), file=sys.stderr)
    return 0


