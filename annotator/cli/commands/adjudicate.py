"""annotator adjudicate PROJECT [--coders a,b,c] [--strategy majority|unanimous|prefer:NAME] [--min-agree K]"""

from __future__ import annotations

import json
import sys

from annotator.cli.output import warn_backup


def register(sub) -> None:
    p = sub.add_parser(
        "adjudicate", help="copy the spans coders agree on into the gold layer",
        description="Automatic pre-merge: spans that at least K coders made identically (same start, end "
                    "and label) go into the gold layer (@gold) with their provenance; everything else is left "
                    "as an open disagreement for a person. Only documents every compared coder marked done "
                    "are used. Running it twice changes nothing.")
    p.add_argument("project")
    p.add_argument("--coders", help="comma-separated coders to compare (default: every coder)")
    p.add_argument("--strategy", default="majority",
                   help="majority (more than half), unanimous (all), or prefer:NAME (NAME wins where "
                        "the others do not agree); default majority")
    p.add_argument("--min-agree", type=int, metavar="K", help="how many coders must agree (overrides the strategy's default)")
    p.add_argument("--json", action="store_true", help="print the report as JSON on stdout")
    p.set_defaults(func=run)


def run(args) -> int:
    from annotator.store import Project
    from annotator.store.adjudicate import adjudicate

    names = [n.strip() for n in args.coders.split(",") if n.strip()] if args.coders else None
    with Project.open(args.project) as project:
        report = adjudicate(project, names, args.strategy, args.min_agree)
    warn_backup(project)
    if args.json:
        print(json.dumps(report.__dict__, ensure_ascii=False, indent=2))
    print(report.summary(), file=sys.stderr)
    return 0
