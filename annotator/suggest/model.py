"""``model:DIR``: suggestions from a spaCy model trained by ``annotator train`` (or any spaCy NER
pipeline: a lab's own model in a folder spaCy can load).

Each entity becomes a suggestion of its label. spaCy's NER gives no per-entity confidence, so the
score is the label's held-out precision recorded at training time (``annotator-model.json``): the
share of that label's suggestions that were right on documents the model never saw. A model
without that record scores 0.5.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from annotator.core.errors import InputError
from annotator.suggest.base import Request, Suggestion
from annotator.suggest.registry import source
from annotator.suggest.spacy_support import require_spacy
from annotator.suggest.train import META

UNKNOWN_SCORE = 0.5


class ModelSource:
    def __init__(self, folder: str) -> None:
        spacy = require_spacy()
        path = Path(folder)
        model = path / "model-best" if (path / "model-best").is_dir() else path
        if not model.is_dir():
            raise InputError(f"{folder}: no such model folder")
        try:
            self.nlp = spacy.load(model)
        except (OSError, ValueError) as exc:
            raise InputError(f"{folder}: not a spaCy model ({str(exc).splitlines()[0]})") from None
        self.precision: dict[str, float] = {}
        meta = path / META
        if meta.is_file():
            try:
                per_label = json.loads(meta.read_text(encoding="utf-8"))["scores"]["held_out"]["per_label"]
                self.precision = {label: float(prf["p"]) for label, prf in per_label.items()}
            except (ValueError, KeyError, TypeError):
                raise InputError(f"{meta}: unreadable model record") from None
        self.name = f"model:{path.resolve().name}"

    def suggest(self, request: Request) -> Iterator[Suggestion]:
        docs = iter(request.documents)
        pairs = ((text, doc_id) for doc_id, text in docs)
        for doc, doc_id in self.nlp.pipe(pairs, as_tuples=True, batch_size=64):
            for ent in doc.ents:
                score = round(max(0.0, min(1.0, self.precision.get(ent.label_, UNKNOWN_SCORE))), 4)
                yield Suggestion(doc_id, ent.start_char, ent.end_char, ent.label_, score, self.name)


@source("model", "a spaCy model trained by `annotator train` (model:MODEL_DIR)", takes_argument=True)
def _factory(argument: str | None) -> ModelSource:
    return ModelSource(argument or "")
