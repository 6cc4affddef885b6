"""annotator export PROJECT -o OUT [--format ...] [--coder NAME | --all-coders] [--status done|all] [--labels a,b]
[--split 80/10/10 --seed N] [--align expand|contract|strict]"""

from __future__ import annotations

import sys

from annotator.cli.lazy import LazyChoices, exporter_names
from annotator.cli.output import Progress, warn


def register(sub) -> None:
    p = sub.add_parser("export", help="export documents and spans (JSONL, Hugging Face, spaCy, Prodigy, Label Studio, "
                                      "INCEpTION XMI, REFI-QDA, doccano, CoNLL, brat)",
                       description="Export one coder's annotations (or every coder's). By default only documents the "
                                   "coder marked done are exported: a training corpus should hold finished work. "
                                   "The file (or folder: brat, hf, xmi) appears only when the export succeeded. "
                                   "docs/formats.md describes every format.")
    p.add_argument("project")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="output file (a new folder for brat, hf, xmi)")
    p.add_argument("--format", default="jsonl", choices=LazyChoices(exporter_names), metavar="FORMAT",
                   help="output format: %(choices)s (default jsonl)")
    who = p.add_mutually_exclusive_group()
    who.add_argument("--coder", help="whose spans (default: the project's default coder, or its only coder)")
    who.add_argument("--all-coders", action="store_true", help="one record per document and coder")
    who.add_argument("--gold", action="store_true",
                     help="the adjudicated gold layer (with --status done: documents marked adjudicated)")
    p.add_argument("--provenance", action="store_true",
                   help="with --gold, jsonl: each span's provenance (who proposed it, who edited it) in its meta")
    p.add_argument("--status", choices=["done", "all"], default="done",
                   help="done (default): only documents marked done; all: every document")
    p.add_argument("--labels", help="comma-separated labels to keep (default: all)")
    p.add_argument("--split", metavar="TRAIN/VAL/TEST",
                   help="hf: cut the documents into train/validation/test (e.g. 80/10/10, or 90/10 for train/test)")
    p.add_argument("--seed", type=int, default=0, help="hf: the seed of the --split shuffle (default 0)")
    p.add_argument("--align", choices=["expand", "contract", "strict"], default="expand",
                   help="spacy: a span that cuts a token grows to whole tokens (expand, default), shrinks to the "
                        "tokens inside it (contract), or is dropped (strict); the summary counts them")
    p.add_argument("--suggestions", action="store_true",
                   help="export the suggestions layer instead (jsonl: span, label, score, source, value, rejected_by)")
    p.add_argument("--min-score", type=float, default=0.0, metavar="X", help="with --suggestions: only those scoring X or more")
    p.set_defaults(func=run)


def run(args) -> int:
    if args.suggestions:
        return _suggestions(args)
    from annotator.formats.exporting import ExportOptions, export_project
    from annotator.store import Project

    labels = [name.strip() for name in args.labels.split(",") if name.strip()] if args.labels else None
    options = ExportOptions(coder=args.coder, all_coders=args.all_coders, status=args.status, labels=labels,
                            gold=args.gold, provenance=args.provenance, split=args.split, seed=args.seed,
                            align=args.align)
    with Project.open(args.project, readonly=True) as project:
        report = export_project(project, args.output, args.format, options, progress=Progress("exporting"),
                                warn=warn)
    print(report.summary(), file=sys.stderr)
    return 0


def _suggestions(args) -> int:
    from annotator.core.errors import InputError
    from annotator.formats.suggestions import write_suggestions
    from annotator.store import Project

    if (args.format != "jsonl" or args.coder or args.all_coders or args.gold or args.labels or args.provenance
            or args.split):
        raise InputError("--suggestions exports the whole suggestions layer as jsonl; it takes only -o and --min-score")
    with Project.open(args.project, readonly=True) as project:
        docs, count = write_suggestions(project, args.output, min_score=args.min_score)
    print(f"exported {count} suggestion(s) on {docs} document(s) to {args.output}", file=sys.stderr)
    return 0
