"""``annotator train``: a spaCy NER pipeline (blank ``ar`` tokenizer + NER, CPU) trained with spaCy's
own config and training loop on the documents a coder (or the gold layer) finished.

A part of those documents is held out (``holdout``, default 20 %, chosen by a seeded shuffle); of
the rest, a tenth is spaCy's dev set (it picks the best model); the held-out part is scored once at
the end: precision, recall and F1 per label. The model directory holds spaCy's ``model-best`` and
``annotator-model.json``: project, coder, documents, labels, date, scores, time. A model's
suggestions score the held-out precision of their label (docs/suggestions.md).

How long it trains: spaCy's "efficiency" config (no word vectors), at most ``epochs`` passes over
the training documents (default 15), stopped early when the dev set's F1 has not improved for
``PATIENCE_EPOCHS`` passes; ``max_steps`` caps the updates (0: no cap). spaCy's own default,
2,000 updates with no early stop, made about 45 passes over 500 ANERCorp sentences and took
1,014 s under load; docs/benchmarks.md has what this costs now and what F1 it reaches.
``on_epoch(done, total)`` is called as passes complete and may raise ``TrainingCancelled``
(the GUI's Cancel): nothing is left in the model folder then.
"""

from __future__ import annotations

import json
import math
import os
import random
import shutil
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
DEFAULT_EPOCHS = 15
PATIENCE_EPOCHS = 4
_ON_STEP = None  # the running training's step hook (spaCy calls the registered callback below)


class TrainingCancelled(InputError):
    """The user stopped the training; no model was written."""


def _register_step_callback(spacy) -> str:
    name = "annotator.train_step.v1"
    if name not in spacy.registry.callbacks.get_all():
        @spacy.registry.callbacks(name)
        def _make():
            def before_update(nlp, info):
                if _ON_STEP is not None:
                    _ON_STEP(info["step"], info["epoch"])
            return before_update
    return name


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


def _steps_per_epoch(n_words: int) -> int:
    """About how many updates one pass over ``n_words`` takes with the config's batcher (batches of
    words compounding from 100 to 1,000, 0.1 % a step): for the early-stop and dev-scoring period."""
    steps, done, size = 0, 0, 100.0
    while done < n_words:
        done += size
        size = min(1000.0, size * 1.001)
        steps += 1
    return max(1, steps)


def train_model(project, output: str | Path, *, coder: str | None = None, gold: bool = False,
                labels: list[str] | None = None, holdout: float = 0.2, epochs: int = DEFAULT_EPOCHS,
                max_steps: int = 0, seed: int = 0, progress: bool = True, on_epoch=None,
                quiet: bool = False) -> dict:
    global _ON_STEP
    spacy = require_spacy()
    from spacy.cli.init_config import init_config
    from spacy.cli.train import train as spacy_train
    from spacy.training import Example as SpacyExample

    if not 0 < holdout < 0.9:
        raise InputError(f"--holdout must be between 0 and 0.9, got {holdout}")
    if not 1 <= epochs <= 1000:
        raise InputError(f"--epochs must be between 1 and 1000, got {epochs}")
    if max_steps < 0:
        raise InputError(f"--max-steps must be 0 (no cap) or more, got {max_steps}")
    out = Path(output)
    if out.exists() and any(out.iterdir()):
        raise InputError(f"{out}: exists and is not empty; choose a new folder for the model")
    made_folder = not out.exists()
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
    started, cpu_started = time.perf_counter(), os.times()
    per_epoch = _steps_per_epoch(sum(len(nlp.make_doc(ex.text)) for ex in train))
    eval_every = max(10, per_epoch)

    seen = {"steps": 0, "epochs": 0}

    def on_step(step: int, epoch: int) -> None:
        seen["steps"], seen["epochs"] = step + 1, epoch + 1
        if on_epoch is not None and step % eval_every == 0:
            on_epoch(min(epoch, epochs), epochs)  # may raise TrainingCancelled

    with tempfile.TemporaryDirectory(prefix="annotator-train-") as tmp:
        tmp = Path(tmp)
        train_db, dropped = _docbin(nlp, train)
        dev_db, _ = _docbin(nlp, dev)
        train_db.to_disk(tmp / "train.spacy")
        dev_db.to_disk(tmp / "dev.spacy")
        config = init_config(lang="ar", pipeline=["ner"], optimize="efficiency", gpu=False)
        training = config["training"]
        training["max_epochs"] = epochs
        training["max_steps"] = max_steps
        training["eval_frequency"] = eval_every  # the dev set is scored about once a pass
        training["patience"] = PATIENCE_EPOCHS * eval_every
        training["seed"] = seed
        config["system"]["seed"] = seed
        training["before_update"] = {"@callbacks": _register_step_callback(spacy)}
        training["logger"] = {"@loggers": "spacy.ConsoleLogger.v3", "progress_bar": "eval" if progress else None,
                              "console_output": not quiet}
        config_path = tmp / "config.cfg"
        config.to_disk(config_path)
        out.mkdir(parents=True, exist_ok=True)
        _ON_STEP = on_step
        try:
            spacy_train(config_path, out, use_gpu=-1,
                        overrides={"paths.train": str(tmp / "train.spacy"), "paths.dev": str(tmp / "dev.spacy")})
        except BaseException:
            if made_folder:
                shutil.rmtree(out, ignore_errors=True)
            else:
                for child in out.iterdir():
                    shutil.rmtree(child) if child.is_dir() else child.unlink()
            raise
        finally:
            _ON_STEP = None
    seconds = time.perf_counter() - started
    cpu_now = os.times()
    cpu_seconds = (cpu_now.user - cpu_started.user) + (cpu_now.system - cpu_started.system)
    if on_epoch is not None:
        on_epoch(epochs, epochs)
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
        "train_seconds": round(seconds, 1), "train_cpu_seconds": round(cpu_seconds, 1),
        "epochs": epochs, "epochs_run": seen["epochs"], "steps_run": seen["steps"], "max_steps": max_steps, "eval_frequency": eval_every, "spacy": spacy.__version__,
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
          f"(+{len(meta['documents']['dev'])} dev) in {meta['train_seconds']} s "
          f"({meta.get('train_cpu_seconds', '?')} CPU-s, {meta.get('epochs_run', '?')} pass(es), "
          f"{meta.get('steps_run', '?')} updates)", file=stream)
    print(f"{'label':<12}{'P':>8}{'R':>8}{'F1':>8}", file=stream)
    for label, prf in sorted(meta["scores"]["held_out"]["per_label"].items()):
        print(f"{label:<12}{prf['p']:>8.3f}{prf['r']:>8.3f}{prf['f']:>8.3f}", file=stream)
    print(f"{'overall':<12}{held['precision']:>8.3f}{held['recall']:>8.3f}{held['f1']:>8.3f}", file=stream)
