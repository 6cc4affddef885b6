"""annotator assign PROJECT --coders a,b,c --per-document K [--seed N]"""

from __future__ import annotations

import sys

from annotator.core.errors import AnnotatorError


def register(sub) -> None:
    p = sub.add_parser(
        "assign", help="hand out the documents: each to K coders, loads balanced",
        description="Give every document to K of the coders, the loads balanced (they differ by at most one "
                    "document) and every pair of coders sharing about as many documents, so the overlap that "
                    "agreement is computed on is known in advance. Replaces the project's assignments; coders "
                    "are added when missing. Deterministic for a --seed. Each coder's window shows their queue "
                    "first. Works on files and servers (as the lead).")
    p.add_argument("project")
    p.add_argument("--coders", required=True, help="comma-separated coder names")
    p.add_argument("--per-document", type=int, default=1, metavar="K", help="coders per document (default 1)")
    p.add_argument("--seed", type=int, default=0, help="shuffle seed (default 0)")
    p.set_defaults(func=run)


def run(args) -> int:
    from annotator.core.assignment import plan_assignments  # here, not at import: --help stays light
    from annotator.store import Project

    coders = [c.strip() for c in args.coders.split(",") if c.strip()]
    with Project.open(args.project) as project:
        try:
            plan = plan_assignments([d.id for d in project.documents()], coders, args.per_document, args.seed)
        except ValueError as exc:
            raise AnnotatorError(str(exc)) from None
        project.assign(plan)
    load = plan.load()
    print(f"assigned {len(plan.by_document)} document(s), {args.per_document} coder(s) each: "
          + ", ".join(f"{name} {count}" for name, count in load.items()), file=sys.stderr)
    for (a, b), count in plan.overlap().items():
        print(f"  {a} & {b}: {count} shared document(s)", file=sys.stderr)
    return 0
