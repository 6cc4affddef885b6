"""annotator train PROJECT (--coder NAME | --gold) [--labels a,b] -o MODEL_DIR [--holdout 0.2] [--epochs N]
[--max-steps N]"""

from __future__ import annotations

import sys


def register(sub) -> None:
    p = sub.add_parser("train", help="train a spaCy NER model on finished documents (needs the suggest extra)",
                       description="Train a spaCy pipeline (blank Arabic tokenizer + NER, on the CPU) with spaCy's "
                                   "own config and training loop on the documents a coder (or the gold layer) marked "
                                   "done. A part is held out and scored at the end (precision, recall, F1 per label). "
                                   "Use it with: annotator suggest PROJECT --source model:MODEL_DIR. "
                                   "Needs spaCy: pip install 'arabic-annotator[suggest]'.")
    p.add_argument("project")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--coder", help="train on this coder's finished documents")
    who.add_argument("--gold", action="store_true", help="train on the adjudicated gold layer")
    p.add_argument("--labels", help="comma-separated labels to learn (default: all)")
    p.add_argument("-o", "--output", required=True, metavar="MODEL_DIR", help="a new folder for the model")
    p.add_argument("--holdout", type=float, default=0.2, help="share of the documents held out for scoring (default 0.2)")
    p.add_argument("--epochs", type=int, default=15,
                   help="passes over the training documents at most (default 15); training stops earlier when the "
                        "dev set's F1 has not improved for 4 passes")
    p.add_argument("--max-steps", type=int, default=0, help="spaCy updates at most (default 0: no cap)")
    p.add_argument("--seed", type=int, default=0, help="seed of the split and of spaCy (default 0)")
    p.set_defaults(func=run)


def run(args) -> int:
    from annotator.store import Project
    from annotator.suggest.train import print_scores, train_model

    labels = [name.strip() for name in args.labels.split(",") if name.strip()] if args.labels else None
    with Project.open(args.project, readonly=True) as project:
        meta = train_model(project, args.output, coder=args.coder, gold=args.gold, labels=labels,
                           holdout=args.holdout, epochs=args.epochs, max_steps=args.max_steps, seed=args.seed,
                           progress=sys.stderr.isatty())
    print_scores(meta)
    print(f"model in {args.output}; suggest with: annotator suggest {args.project} --source model:{args.output}",
          file=sys.stderr)
    return 0
