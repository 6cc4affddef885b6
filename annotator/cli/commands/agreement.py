"""annotator agreement PROJECT [--coders a,b,c] [--unit char|token] [--gold-only] [--format ...] [-o OUT]
[--gamma] [--ci 95 [--resamples 1000] [--seed N] [--ci-unit document|unit]]"""

from __future__ import annotations

import sys
from pathlib import Path

from annotator.cli.lazy import LazyChoices, report_formats

SUFFIXES = {".json": "json", ".html": "html", ".htm": "html", ".csv": "csv", ".md": "markdown", ".tex": "latex",
            ".txt": "text"}


def register(sub) -> None:
    p = sub.add_parser(
        "agreement", help="inter-annotator agreement report (kappa, alpha, AC1, alpha_U, span F1, gamma)",
        description="Agreement between coders on the documents that every compared coder marked done: Cohen's "
                    "kappa per pair, Fleiss' kappa, Krippendorff's alpha, Gwet's AC1, unitizing alpha and span F1 (and "
                    "gamma with --gamma, bootstrap intervals with --ci), overall, "
                    "per label and per document, pooled and as the mean of documents; and, when the project has a gold "
                    "layer, each coder against gold (span P/R/F1, Cohen's kappa) on the adjudicated documents that "
                    "coder marked done. See docs/agreement.md.")
    p.add_argument("project")
    p.add_argument("--coders", help="comma-separated coder names (default: every coder)")
    p.add_argument("--unit", choices=["char", "token"], default="char", help="unit of kappa and alpha (default: char)")
    p.add_argument("--gold-only", action="store_true",
                   help="only the section 'coders against gold' (works with a single coder)")
    p.add_argument("--format", choices=LazyChoices(report_formats), metavar="FORMAT",
                   help="output format: %(choices)s (default: from -o's extension, else text)")
    p.add_argument("-o", "--output", metavar="OUT", help="write to this file (default: standard output)")
    p.add_argument("--gamma", action="store_true",
                   help="add Mathet et al.'s gamma (exact alignment; about 4.5 ms of CPU per document)")
    p.add_argument("--ci", type=float, metavar="PERCENT",
                   help="add a bootstrap confidence interval (e.g. 95) and standard error to every pooled coefficient")
    p.add_argument("--resamples", type=int, default=1000, help="bootstrap resamples (default: 1000)")
    p.add_argument("--seed", type=int, help="seed of the bootstrap and of gamma's samples (default: 0)")
    p.add_argument("--ci-unit", choices=["document", "unit"], default="document",
                   help="what the bootstrap resamples: documents (default), or units for kappa, alpha and AC1")
    p.set_defaults(func=run)


def run(args) -> int:
    from annotator.core.errors import AnnotatorError
    from annotator.agreement.report import build_report
    from annotator.agreement.report.collect import collect
    from annotator.agreement.report.gold import NO_ADJUDICATED, collect_gold, gold_report
    from annotator.agreement.report.render import renderer

    fmt = args.format or (SUFFIXES.get(Path(args.output).suffix.lower(), "text") if args.output else "text")
    coders = [c.strip() for c in args.coders.split(",") if c.strip()] if args.coders else None
    excluded = []
    with _open(args.project) as project:
        if args.gold_only:
            report = gold_report(collect_gold(project, coders), args.unit)
        else:
            data = collect(project, coders)  # documents are read batch by batch while the report is built
            excluded = data.excluded
            report = build_report(data, args.unit, ci=args.ci, resamples=args.resamples, seed=args.seed,
                                  ci_unit=args.ci_unit, gamma=args.gamma)
            if coders is None:  # work handed out with 'annotator assign': each pair on what it shares
                from annotator.agreement.report.overlap import assigned_overlap
                overlap = assigned_overlap(project, args.unit)
                if overlap:
                    report["assigned_overlap"] = overlap
    output = renderer(fmt)(report)
    if report.get("assigned_overlap") and fmt == "text":
        from annotator.agreement.report.overlap import overlap_text
        output += overlap_text(report["assigned_overlap"])
    if not args.output:
        sys.stdout.write(output)
    else:
        _write(Path(args.output), output)
        what = "gold " if args.gold_only else ""
        count = (report["gold"] or {}).get("adjudicated_documents", 0) if args.gold_only else report["documents"]["count"]
        print(f"wrote the {fmt} {what}report on {count} document(s) to {args.output}", file=sys.stderr)
    if excluded:
        print(f"annotator: note: {len(excluded)} document(s) left out: not marked done by every compared coder",
              file=sys.stderr)
    if report["gold"] is None and (args.gold_only or report["notes"]["gold"] == NO_ADJUDICATED):
        print(f"annotator: note: no section 'coders against gold': {report['notes']['gold']}", file=sys.stderr)
    return 0


def _open(where: str):
    """The project to read: a file through sqlite3 alone in one read transaction (``file_reads``: no
    SQLAlchemy to import, issue 21), a server or a file of an older schema through ``Project``."""
    from annotator.store.location import is_server_url

    if not is_server_url(where):
        from annotator.store.file_reads import FileReads

        reader = FileReads.open(where)
        if reader is not None:
            return reader
    from annotator.store import Project

    return Project.open(where, readonly=True)


def _write(path: Path, content: str) -> None:
    """Write atomically (formats/atomic.py): a hidden partial file in the same folder, then rename;
    an ordinary file's mode."""
    from annotator.core.errors import AnnotatorError
    from annotator.formats.atomic import atomic_text_file

    if not path.parent.is_dir():
        raise AnnotatorError(f"{path.parent}: no such folder")
    try:
        with atomic_text_file(path, newline="") as out:
            out.write(content)
    except OSError as exc:
        raise AnnotatorError(f"{path}: cannot write the report ({exc.strerror or exc})") from None
