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
repeat for the same input). Span notes are not carried. The coder's relations are ``rel.manual``'s
``relations``: ``{"head", "child", "label", "head_span", "child_span"}``, ``head``/``child`` the token
index of the span's last token (``token_end``), each ``*_span`` the span's ``start``, ``end``,
``token_start``, ``token_end`` and ``label`` (``_view_id`` is then ``relations``).

Read (a ``db-out`` file): lines with the same text are one document; each line's ``_annotator_id``
(else ``_session_id``) names the coder, so every annotator's answer becomes that coder's spans.
Only ``accept`` answers give spans unless ``--answers all``; a ``reject`` or ``ignore`` answer is
kept as a document flag (``meta.prodigy_answers``: coder -> answer), never dropped. ``tokens``,
hashes, ``_view_id`` and ``_timestamp`` are not kept; other top-level fields go to the metadata.
``relations`` (``rel.manual``'s) become the answer's coder's relations: each end is the task's span with
the ``head_span``'s / ``child_span``'s ``start`` and ``end`` (and its ``label`` and token indices when
they are given), else the span whose last token (``token_end``) is the ``head`` / ``child`` token index
(Prodigy's convention), else the one span whose tokens hold it; an end that
is no span of the task, or one of several, is an error with the line (``rel.manual`` can also link
plain tokens: mark them as spans first).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator, TextIO

from annotator.core.errors import InputError
from annotator.formats.jsonfile import load_json_text
from annotator.formats.jsonl import dump_line, item_header
from annotator.formats.records import check_span, normalize_with_offsets, read_lines
from annotator.formats.registry import DocumentRecord, ImportOptions, RelationRecord, SpanRecord, exporter, importer
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
        ends: list[dict | None] = []
        for start, end, label in spans:
            found = token_range(tokens, start, end)
            span: dict[str, Any] = {"start": start, "end": end, "text": item.text[start:end], "label": label}
            if found is None:  # a span of spaces only: no token to hang it on
                ctx.lost("spans over spaces only (no token): kept without token_start/token_end")
            else:
                span["token_start"], span["token_end"] = found
            out_spans.append(span)
            ends.append(span if found is not None else None)
        relations = []
        for head, child, name in item.relations:
            if ends[head] is None or ends[child] is None:
                ctx.lost("relations of spans over spaces only (no token to name)")
                continue
            relations.append({"head": ends[head]["token_end"], "child": ends[child]["token_end"], "label": name,
                              "head_span": _end(ends[head]), "child_span": _end(ends[child])})
        head = item_header(item)
        task_key = json.dumps([[s["start"], s["end"], s["label"]] for s in out_spans])
        head.update({
            "_input_hash": stable_hash(item.text),
            "_task_hash": stable_hash(item.text, task_key),
            "tokens": [{"text": item.text[s:e], "start": s, "end": e, "id": i,
                        "ws": item.text[e:e + 1].isspace()} for i, (s, e) in enumerate(tokens)],
            "spans": out_spans,
            **({"relations": relations} if relations else {}),
            "answer": answer,
            "_view_id": "relations" if relations else "spans_manual" if flat_spans(spans)[1] else "ner_manual",
            "_annotator_id": item.coder,
            "_session_id": item.coder,
            "meta": meta,
        })
        dump_line(head, out)
    ctx.lost("span notes (Prodigy spans have none)", notes)


def _end(span: dict) -> dict:
    return {key: span[key] for key in ("start", "end", "token_start", "token_end", "label")}


@importer("prodigy", (), "Prodigy db-out JSONL: every annotator's answer, accept (or all) answers' spans", patterns=("*.jsonl",))
def read_prodigy(path: Path, options: ImportOptions) -> Iterator[DocumentRecord]:
    source = str(path)
    if options.answers not in ("accept", "all"):
        raise InputError(f"unknown --answers {options.answers!r} (expected accept or all)")
    docs: dict[str, DocumentRecord] = {}
    answered: set[tuple[str, str | None]] = set()
    relations: dict[tuple[str, str | None], dict] = {}  # (text, coder) -> that coder's relations (kept in order)
    skipped = skipped_links = 0
    for number, line in read_lines(path):
        if not line.strip():
            continue
        data = load_json_text(line, source, number)
        record, spans, coder, answer, links = _task(data, source, number, path.stem)
        doc = docs.setdefault(record.text, record)
        if answer != "accept":
            doc.meta.setdefault(FLAGS, {})[coder or options.coder or "*"] = answer
        if answer != "accept" and options.answers != "all":
            skipped += len(spans)
            skipped_links += len(links)
            continue
        if (record.text, coder) in answered:
            options.warn(f"{source}, line {number}: a second answer by {coder or 'an unnamed annotator'} "
                         "for the same text; its spans are added to the first one's")
        answered.add((record.text, coder))
        layer = doc.by_coder.setdefault(coder, []) if coder else doc.spans
        seen = {(s.start, s.end, s.label) for s in layer}
        layer.extend(s for s in spans if (s.start, s.end, s.label) not in seen)
        for link in links:
            relations.setdefault((record.text, coder), {}).setdefault((link.head, link.child, link.label), link)
    if skipped or skipped_links:
        what = f"{skipped} span(s)" + (f" and {skipped_links} relation(s)" if skipped_links else "")
        options.warn(f"{source}: {what} of reject/ignore answers not imported (their documents are kept, flagged "
                     f"in meta.{FLAGS}); use --answers all to import them")
    mixed = 0
    for text, doc in docs.items():
        layers = {coder: list(rels.values()) for (t, coder), rels in relations.items() if t == text}
        if not layers:
            yield doc
        elif not doc.by_coder:  # one unnamed layer: --coder's (or the default coder's)
            doc.relations = layers[None]
            yield doc
        elif doc.spans:  # named and unnamed answers of one text: the unnamed one's relations have no owner here
            mixed += sum(len(rels) for rels in layers.values())
            yield doc
        else:  # one record per coder: each coder's relations are its own (as Label Studio's are)
            for index, (coder, spans) in enumerate(doc.by_coder.items()):
                yield DocumentRecord(title=doc.title, text=doc.text, source=doc.source, line=doc.line,
                                     meta=dict(doc.meta), external_id=doc.external_id, by_coder={coder: spans},
                                     relations=layers.get(coder, []))
    if mixed:
        options.warn(f"{source}: {mixed} relation(s) not imported: their texts have answers both with and without "
                     "_annotator_id, so the relations have no one coder; give every line an _annotator_id")


def _task(data: Any, source: str, line: int, stem: str):
    """(record, spans, coder, answer, relations) of one task line."""
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
    for index, span in enumerate(raw_spans):
        if not isinstance(span, dict):
            raise InputError(f'each span must be an object with "start", "end" and "label", got {span!r}',
                             source, line=line)
        spans.append(check_span(text, span.get("start"), span.get("end"), span.get("label"), source, line,
                                span.get("text")))
        spans[-1].ref = index
    links = _relations(data.get("relations"), raw_spans, source, line)
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
    keys = {}
    for span in spans:  # a span's ref: its offsets and label (one coder's layer holds each once)
        keys[span.ref] = span.ref = (span.start, span.end, span.label)
    links = [RelationRecord(keys[h], keys[c], label) for h, c, label in links if h in keys and c in keys]
    record = DocumentRecord(title=title or external_id or f"{stem} {line}", text=text, source=source, line=line,
                            meta=meta, external_id=external_id)
    return record, spans, coder.strip() if coder else None, answer, links


def _relations(raw: Any, spans: list[dict], source: str, line: int) -> list[tuple[int, int, str]]:
    """rel.manual's relations as (head span index, child span index, label) into the task's spans."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise InputError('"relations" must be a list', source, line=line)
    out = []
    for number, relation in enumerate(raw, start=1):
        where = f"relation {number}"
        if not isinstance(relation, dict):
            raise InputError(f"{where}: expected an object with head, child and label, got {relation!r}",
                             source, line=line)
        label = relation.get("label")
        if not isinstance(label, str) or not label.strip() or label.strip() != label:
            raise InputError(f"{where}: the label must be a non-empty string without outer spaces, got {label!r}",
                             source, line=line)
        ends = [_span_of(relation, end, spans, f"{where}'s {end}", source, line) for end in ("head", "child")]
        if ends[0] == ends[1]:
            raise InputError(f"{where} goes from a span to itself", source, line=line)
        out.append((ends[0], ends[1], label))
    return out


def _span_of(relation: dict, end: str, spans: list[dict], where: str, source: str, line: int) -> int:
    given = relation.get(f"{end}_span")
    if given is not None:
        if not isinstance(given, dict) or not all(isinstance(given.get(k), int) and not isinstance(given.get(k), bool)
                                                  for k in ("start", "end")):
            raise InputError(f"{where}_span must be an object with integer start and end, got {given!r}",
                             source, line=line)
        keys = [k for k in ("start", "end", "label", "token_start", "token_end") if given.get(k) is not None]
        found = [i for i, s in enumerate(spans) if all(s.get(k) == given[k] for k in keys)]
        what = f"[{given['start']}, {given['end']}]" + (f" {given['label']!r}" if given.get("label") else "")
    else:
        token = relation.get(end)
        if not isinstance(token, int) or isinstance(token, bool):
            raise InputError(f"{where} must be a token index (an integer) or come with {end}_span, got {token!r}",
                             source, line=line)
        # Prodigy's head/child is the span's last token (explosion's rel_component reads it so);
        # else the one span whose tokens hold it
        found = [i for i, s in enumerate(spans) if s.get("token_end") == token] or [
            i for i, s in enumerate(spans) if isinstance(s.get("token_start"), int)
            and isinstance(s.get("token_end"), int) and s["token_start"] <= token <= s["token_end"]]
        what = f"the token {token}"
    if not found:
        raise InputError(f"{where} is {what}, which is no span of the task (rel.manual links plain tokens too: "
                         "only relations between spans are imported; mark the token as a span first)",
                         source, line=line)
    if len(found) > 1:
        raise InputError(f"{where} is {what}, which {len(found)} spans of the task match; give its label and "
                         "token_start/token_end", source, line=line)
    return found[0]
