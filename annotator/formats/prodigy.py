"""Prodigy JSONL: what ``prodigy db-out`` writes and what ``ner_manual`` / ``spans_manual`` read.

Write (``prodigy``): one task per document and coder::

    {"id", "title"?, "text", "_input_hash", "_task_hash", "tokens": [{"text", "start", "end", "id", "ws"}],
     "spans": [{"start", "end", "text", "label", "token_start", "token_end"}], "answer", "_view_id",
     "_annotator_id", "_session_id", "meta"}

Tokens are ours (``conll.tokenize``) cut again at every span edge, so every span falls on tokens
(``token_end`` is inclusive, as in Prodigy). ``answer`` is ``accept`` unless the document carries a
Prodigy answer flag for that coder (see import). ``_view_id`` is ``ner_manual``, or ``spans_manual``
when spans overlap. The hashes are stable 32-bit integers of the text (input) and of the text with
its spans (task), not Prodigy's own murmurhash values (Prodigy only needs them to be integers that
repeat for the same input). Span notes are not carried.

Read (a ``db-out`` file): lines with the same text are one document; each line's ``_annotator_id``
(else ``_session_id``) names the coder, so every annotator's answer becomes that coder's spans.
Only ``accept`` answers give spans unless ``--answers all``; a ``reject`` or ``ignore`` answer is
kept as a document flag (``meta.prodigy_answers``: coder -> answer), never dropped. ``tokens``,
hashes, ``_view_id`` and ``_timestamp`` are not kept; ``relations`` (``rel.manual``'s, between token
indices) are counted and reported, not imported; other top-level fields go to the metadata.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator, TextIO

from annotator.core.errors import InputError
from annotator.formats.jsonfile import load_json_text
from annotator.formats.jsonl import dump_line, item_header
from annotator.formats.records import check_span, normalize_with_offsets, read_lines
from annotator.formats.registry import DocumentRecord, ImportOptions, SpanRecord, exporter, importer
from annotator.formats.spanrules import edge_tokens, flat_spans, stable_hash, token_range

ANSWERS = ("accept", "reject", "ignore")
FLAGS = "prodigy_answers"
_DROPPED = {"text", "spans", "tokens", "answer", "_input_hash", "_task_hash", "_view_id", "_annotator_id",
            "_session_id", "_timestamp", "id", "title", "meta", "_is_binary", "label", "relations"}


@exporter("prodigy", ".jsonl", "Prodigy tasks: tokens, spans with token_start/token_end, answer, hashes")
def write_prodigy(items, out: TextIO, ctx) -> None:
    notes = 0
    for item in items:
        meta = dict(item.meta)
        flags = meta.pop(FLAGS, None)
        answer = flags.get(item.coder, flags.get("*", "accept")) if isinstance(flags, dict) else "accept"
        spans = [(s, e, label) for s, e, label, _note in item.spans]
        notes += sum(1 for *_rest, note in item.spans if note)
        tokens = edge_tokens(item.text, [(s, e) for s, e, _ in spans])
        out_spans = []
        for start, end, label in spans:
            found = token_range(tokens, start, end)
            span: dict[str, Any] = {"start": start, "end": end, "text": item.text[start:end], "label": label}
            if found is None:  # a span of spaces only: no token to hang it on
                ctx.lost("spans over spaces only (no token): kept without token_start/token_end")
            else:
                span["token_start"], span["token_end"] = found
            out_spans.append(span)
        head = item_header(item)
        task_key = json.dumps([[s["start"], s["end"], s["label"]] for s in out_spans])
        head.update({
            "_input_hash": stable_hash(item.text),
            "_task_hash": stable_hash(item.text, task_key),
            "tokens": [{"text": item.text[s:e], "start": s, "end": e, "id": i,
                        "ws": item.text[e:e + 1].isspace()} for i, (s, e) in enumerate(tokens)],
            "spans": out_spans,
            "answer": answer,
            "_view_id": "spans_manual" if flat_spans(spans)[1] else "ner_manual",
            "_annotator_id": item.coder,
            "_session_id": item.coder,
            "meta": meta,
        })
        dump_line(head, out)
    ctx.lost("span notes (Prodigy spans have none)", notes)


@importer("prodigy", (), "Prodigy db-out JSONL: every annotator's answer, accept (or all) answers' spans", patterns=("*.jsonl",))
def read_prodigy(path: Path, options: ImportOptions) -> Iterator[DocumentRecord]:
    source = str(path)
    if options.answers not in ("accept", "all"):
        raise InputError(f"unknown --answers {options.answers!r} (expected accept or all)")
    docs: dict[str, DocumentRecord] = {}
    answered: set[tuple[str, str | None]] = set()
    skipped = relations = 0
    for number, line in read_lines(path):
        if not line.strip():
            continue
        data = load_json_text(line, source, number)
        record, spans, coder, answer = _task(data, source, number, path.stem)
        if isinstance(data.get("relations"), list):
            relations += len(data["relations"])
        doc = docs.setdefault(record.text, record)
        if answer != "accept":
            doc.meta.setdefault(FLAGS, {})[coder or options.coder or "*"] = answer
        if answer != "accept" and options.answers != "all":
            skipped += len(spans)
            continue
        if (record.text, coder) in answered:
            options.warn(f"{source}, line {number}: a second answer by {coder or 'an unnamed annotator'} "
                         "for the same text; its spans are added to the first one's")
        answered.add((record.text, coder))
        layer = doc.by_coder.setdefault(coder, []) if coder else doc.spans
        seen = {(s.start, s.end, s.label) for s in layer}
        layer.extend(s for s in spans if (s.start, s.end, s.label) not in seen)
    if skipped:
        options.warn(f"{source}: {skipped} span(s) of reject/ignore answers not imported (their documents are "
                     f"kept, flagged in meta.{FLAGS}); use --answers all to import them")
    if relations:
        options.warn(f"{source}: {relations} relation(s) (Prodigy's rel.manual, between tokens) not imported: "
                     "this reader takes the spans; bring relations in as JSONL, doccano, brat or Label Studio")
    yield from docs.values()


def _task(data: Any, source: str, line: int, stem: str) -> tuple[DocumentRecord, list[SpanRecord], str | None, str]:
    if not isinstance(data, dict):
        raise InputError(f"expected a JSON object (a Prodigy task), got {type(data).__name__}", source, line=line)
    text = data.get("text")
    if not isinstance(text, str):
        raise InputError('the task has no "text" string', source, line=line)
    answer = data.get("answer", "accept")
    if answer not in ANSWERS:
        raise InputError(f'"answer" must be one of {", ".join(ANSWERS)}, got {answer!r}', source, line=line)
    coder = data.get("_annotator_id", data.get("_session_id"))
    if coder is not None and (not isinstance(coder, str) or not coder.strip()):
        raise InputError(f'"_annotator_id" must be a non-empty string, got {coder!r}', source, line=line)
    raw_spans = data.get("spans") or []
    if not isinstance(raw_spans, list):
        raise InputError('"spans" must be a list', source, line=line)
    spans = []
    for span in raw_spans:
        if not isinstance(span, dict):
            raise InputError(f'each span must be an object with "start", "end" and "label", got {span!r}',
                             source, line=line)
        spans.append(check_span(text, span.get("start"), span.get("end"), span.get("label"), source, line,
                                span.get("text")))
    meta = data.get("meta") or {}
    if not isinstance(meta, dict):
        raise InputError(f'"meta" must be an object, got {type(meta).__name__}', source, line=line)
    meta = {**meta, **{k: v for k, v in data.items() if k not in _DROPPED and k not in meta}}
    meta.pop(FLAGS, None)
    external_id = data.get("id")
    if external_id is not None:
        if isinstance(external_id, bool) or not isinstance(external_id, (str, int)):
            raise InputError(f'"id" must be a string or an integer, got {external_id!r}', source, line=line)
        external_id = str(external_id)
    title = data.get("title")
    if title is not None and not isinstance(title, str):
        raise InputError(f'"title" must be a string, got {title!r}', source, line=line)
    if not text.strip():
        raise InputError("the task's text is empty", source, line=line)
    text, spans = normalize_with_offsets(text, spans)
    record = DocumentRecord(title=title or external_id or f"{stem} {line}", text=text, source=source, line=line,
                            meta=meta, external_id=external_id)
    return record, spans, coder.strip() if coder else None, answer
