"""``jsonl:FILE``: suggestions read from a file of predictions, the way a lab plugs in a model of its
own without writing Python (docs/suggestions.md has this module as the worked example).

Each line is a JSON object with the document's ``text`` (as exported by ``annotator export``; the
document is found by its exact text) and its ``spans``: ``[{"start", "end", "label", "score"}]``,
offsets in code points, end exclusive; ``score`` (0-1) is optional (0.5 when absent). A line for a
text that is not in the project is skipped. Every line is checked before anything is proposed: a
bad one is an error naming the file and the line.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from annotator.core.errors import InputError
from annotator.core.model import text_sha256
from annotator.suggest.base import Request, Suggestion
from annotator.suggest.registry import source

DEFAULT_SCORE = 0.5


class JsonlPredictions:
    def __init__(self, path: str) -> None:
        self.path = Path(path)
        self.name = f"jsonl:{self.path.name}"
        self.by_text: dict[str, list[tuple[int, int, str, float]]] = {}
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
        except UnicodeDecodeError:
            raise InputError(f"{path}: not UTF-8 text") from None
        for n, line in enumerate(lines, 1):
            if line.strip():
                self._read(line, n)

    def _read(self, line: str, n: int) -> None:
        where = f"{self.path}, line {n}"
        try:
            record = json.loads(line)
        except ValueError as exc:
            raise InputError(f"{where}: not JSON ({exc.msg})") from None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise InputError(f"{where}: expected an object with the document's \"text\"")
        text, spans = record["text"], record.get("spans", [])
        if not isinstance(spans, list):
            raise InputError(f"{where}: \"spans\" must be a list")
        out = self.by_text.setdefault(text_sha256(text), [])
        for span in spans:
            if not isinstance(span, dict):
                raise InputError(f"{where}: each span must be an object with start, end and label")
            start, end, label = span.get("start"), span.get("end"), span.get("label")
            score = span.get("score", DEFAULT_SCORE)
            if not (type(start) is int and type(end) is int and 0 <= start < end <= len(text)):
                raise InputError(f"{where}: span [{start}, {end}) is not inside the text (length {len(text)})")
            if not isinstance(label, str) or not label:
                raise InputError(f"{where}: span [{start}, {end}) has no label")
            if isinstance(score, bool) or not isinstance(score, (int, float)) or not 0 <= score <= 1:
                raise InputError(f"{where}: span [{start}, {end}) has score {score!r}; a score is between 0 and 1")
            out.append((start, end, label, float(score)))

    def suggest(self, request: Request) -> Iterator[Suggestion]:
        for doc_id, text in request.documents:
            for start, end, label, score in self.by_text.get(text_sha256(text), ()):
                yield Suggestion(doc_id, start, end, label, score, self.name)


@source("jsonl", "predictions read from a JSONL file (jsonl:FILE): text and spans with scores", takes_argument=True)
def _factory(argument: str | None) -> JsonlPredictions:
    return JsonlPredictions(argument or "")
