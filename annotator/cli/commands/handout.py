"""annotator handout PROJECT --coders a,b,c -o DIR"""

from __future__ import annotations

import sys
from pathlib import Path



def register(sub) -> None:
    p = sub.add_parser(
        "handout", help="write one project copy per coder, ready to send",
        description="Write DIR/CODER.annot for each coder: a complete, self-contained project (one consistent "
                    "snapshot, never a raw copy) in which that coder exists and is the default, with the labels "
                    "and documents of PROJECT but no other coder's spans. When the project has work assignments "
                    "('annotator assign'), each copy holds the documents assigned to its coder (and --coders may be "
                    "left out: every assigned coder gets a copy); otherwise every document. Send each coder their "
                    "file; merge the returned copies with 'annotator merge'. PROJECT is only read (it may be open "
                    "in the app).")
    p.add_argument("project")
    p.add_argument("--coders", help="comma-separated coder names (default: the coders of the assignments)")
    p.add_argument("--all-documents", action="store_true",
                   help="every copy holds every document, even when the project has assignments")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="folder for the copies (created if missing)")
    p.set_defaults(func=run)


def copy_names(coders: list[str], folder: Path) -> list[tuple[str, Path]]:
    """``(coder, DIR/NAME.annot)`` with file names made safe and unique (ignoring case)."""
    from annotator.formats.filenames import UniqueNames

    names = UniqueNames()
    return [(coder, folder / f"{names.take(coder, 'coder')}.annot") for coder in coders]


def run(args) -> int:
    from annotator.core.errors import AnnotatorError  # imported when it runs: --help stays light
    from annotator.store import Project
    from annotator.store.handout import plan_handout, write_copy

    coders = None
    if args.coders is not None:
        coders = [name.strip() for name in args.coders.split(",") if name.strip()]
        if not coders:
            raise AnnotatorError("--coders: give at least one coder name")
        if len(set(coders)) != len(coders):
            raise AnnotatorError("--coders: a coder is named twice")
    folder = Path(args.output)
    if folder.exists() and not folder.is_dir():
        raise AnnotatorError(f"{folder}: exists and is not a folder")
    with Project.open(args.project, readonly=True) as project:
        plan = plan_handout(project, coders, all_documents=args.all_documents)
        targets = copy_names(plan.coders, folder)
        taken = [str(path) for _, path in targets if path.exists()]
        if taken:
            raise AnnotatorError(f"{taken[0]}: already exists; nothing was written (choose an empty folder)")
        folder.mkdir(parents=True, exist_ok=True)
        print(plan.note, file=sys.stderr)
        for coder, path in targets:
            counts = write_copy(project, path, coder, plan.documents[coder])
            print(f"wrote {path} for {coder}: {counts['documents']} document(s), {counts['spans']} span(s) of "
                  "their own", file=sys.stderr)
    return 0
