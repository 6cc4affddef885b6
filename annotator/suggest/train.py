"""``annotator train``: a spaCy NER pipeline (blank ``ar`` tokenizer + NER, CPU) trained with spaCy's
own config and training loop on the documents a coder (or the gold layer) finished.

A part of those documents is held out (``holdout``, default 20 %, chosen by a seeded shuffle); of
the rest, a tenth is spaCy's dev set (it picks the best model); the held-out part is scored once at
the end: precision, recall and F1 per label. The model directory holds spaCy's ``model-best`` and
``annotator-model.json``: project, coder, documents, labels, date, scores, time. A model's
suggestions score the held-out precision of their label (docs/suggestions.md).
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.model import GOLD_CODER, DocStatus
from annotator.suggest.spacy_support import require_spacy

META = "annotator-model.json"


@dataclass
class Example:
    key: str
    text: str
    spans: list[tuple[int, int, str]]


def finished_examples(project, coder: str | None, gold: bool, labels: list[str] | None) -> tuple[list[Example], str]:
    """The coder's (or the gold layer's) finished documents with their spans, and whose they are."""
    if gold:
        who = project.coder(GOLD_CODER)
        if who is None:
            raise InputError("the project has no gold layer yet (adjudicate first, or train from --coder NAME)")
    else:
        who = project.coder(coder) if coder else None
        if who is None:
            raise InputError(f"there is no coder {coder!r} in the project")
    schema = project.labels()
    names = {label.id: label.name for label in schema}
    if labels:
        unknown = [name for name in labels if name not in names.values()]
        if unknown:
            raise InputError(f"unknown label(s) {', '.join(unknown)} (labels: {', '.join(names.values())})")
    statuses = project.statuses(who.id)
    out = []
    for info in project.documents():
        if statuses.get(info.id) != DocStatus.DONE:
            continue
        text = project.document(info.id).text
        spans = [(s.start, s.end, names[s.label_id]) for s in project.spans(info.id, who.id)
                 if not labels or names[s.label_id] in labels]
        out.append(Example(info.external_id or str(info.id), text, spans))
    if len(out) < 10:
        raise InputError(f"{who.name} has finished {len(out)} document(s); training needs at least 10")
    return out, who.name


def _docbin(nlp, examples: list[Example]):
    from spacy.tokens import DocBin
    from spacy.util import filter_spans

    db = DocBin()
    dropped = 0
    for ex in examples:
        doc = nlp.make_doc(ex.text)
        ents = []
        for start, end, label in ex.spans:
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is None:
                dropped += 1
                continue
            ents.append(span)
        kept = filter_spans(ents)  # NER takes no overlapping spans: the longest wins
        dropped += len(ents) - len(kept)
        doc.ents = kept
        db.add(doc)
    return db, dropped


def train_model(project, output: str | Path, *, coder: str | None = None, gold: bool = False,
                labels: list[str] | None = None, holdout: float = 0.2, max_steps: int = 2000, seed: int = 0,
                progress: bool = True) -> dict:
    spacy = require_spacy()
    from spacy.cli.init_config import init_config
    from spacy.cli.train import train as spacy_train
    from spacy.training import Example as SpacyExample

    if not 0 < holdout < 0.9:
        raise InputError(f"--holdout must be between 0 and 0.9, got {holdout}")
    out = Path(output)
    if out.exists() and any(out.iterdir()):
        raise InputError(f"{out}: exists and is not empty; choose a new folder for the model")
    examples, who = finished_examples(project, coder, gold, labels)
    rng = random.Random(seed)
    order = list(range(len(examples)))
    rng.shuffle(order)
    n_test = max(1, round(len(examples) * holdout))
    test = [examples[i] for i in order[:n_test]]
    rest = [examples[i] for i in order[n_test:]]
    n_dev = max(1, len(rest) // 10)
    dev, train = rest[:n_dev], rest[n_dev:]
    nlp = spacy.blank("ar")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="annotator-train-") as tmp:
        tmp = Path(tmp)
        train_db, dropped = _docbin(nlp, train)
        dev_db, _ = _docbin(nlp, dev)
        train_db.to_disk(tmp / "train.spacy")
        dev_db.to_disk(tmp / "dev.spacy")
        config = init_config(lang="ar", pipeline=["ner"], optimize="efficiency", gpu=False)
        config["training"]["max_steps"] = max_steps
        config["training"]["seed"] = seed
        config["system"]["seed"] = seed
        config["training"]["logger"] = {"@loggers": "spacy.ConsoleLogger.v3",
                                        "progress_bar": "eval" if progress else None}
        config_path = tmp / "config.cfg"
        config.to_disk(config_path)
        out.mkdir(parents=True, exist_ok=True)
        spacy_train(config_path, out, use_gpu=-1,
                    overrides={"paths.train": str(tmp / "train.spacy"), "paths.dev": str(tmp / "dev.spacy")})
    seconds = time.perf_counter() - started
    best = spacy.load(out / "model-best")
    scored = [SpacyExample.from_dict(best.make_doc(ex.text), {"entities": [(s, e, lab) for s, e, lab in _nonoverlapping(ex.spans)]})
              for ex in test]
    # Gold spans that do not fall on token edges would be misaligned: expand them as in training.
    scores = best.evaluate(scored)
    per_label = {label: {k: round(v, 4) for k, v in prf.items()} for label, prf in (scores.get("ents_per_type") or {}).items()}
    meta = {
        "format": "arabic-annotator model 1",
        "project": str(getattr(project, "path", "")), "coder": who,
        "trained_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "labels": sorted({lab for ex in examples for _, _, lab in ex.spans}),
        "documents": {"train": [ex.key for ex in train], "dev": [ex.key for ex in dev], "held_out": [ex.key for ex in test]},
        "spans_dropped": dropped,
        "scores": {"held_out": {"precision": round(scores.get("ents_p") or 0.0, 4), "recall": round(scores.get("ents_r") or 0.0, 4),
                                "f1": round(scores.get("ents_f") or 0.0, 4), "per_label": per_label}},
        "train_seconds": round(seconds, 1), "max_steps": max_steps, "spacy": spacy.__version__,
    }
    (out / META).write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    return meta


def _nonoverlapping(spans):
    kept, last_end = [], -1
    for start, end, label in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if start >= last_end:
            kept.append((start, end, label))
            last_end = end
    return kept


def print_scores(meta: dict, stream=sys.stdout) -> None:
    held = meta["scores"]["held_out"]
    print(f"held out: {len(meta['documents']['held_out'])} document(s); trained on {len(meta['documents']['train'])} "
          f"(+{len(meta['documents']['dev'])} dev) in {meta['train_seconds']} s", file=stream)
    print(f"{'label':<12}{'P':>8}{'R':>8}{'F1':>8}", file=stream)
    for label, prf in sorted(meta["scores"]["held_out"]["per_label"].items()):
        print(f"{label:<12}{prf['p']:>8.3f}{prf['r']:>8.3f}{prf['f']:>8.3f}", file=stream)
    print(f"{'overall':<12}{held['precision']:>8.3f}{held['recall']:>8.3f}{held['f1']:>8.3f}", file=stream)
