"""JSONL, one document per line: the spaCy/Prodigy shape and doccano's.

Read: ``{"text", "id"?, "title"?, "meta"?, "spans"?: [{"start", "end", "label", "text"?, "note"?}],
"coder"?|"_annotator_id"?}``, or doccano's ``{"text", "label": [[start, end, label], ...]}`` (also
``"labels"``, and ``"entities"`` with ``start_offset``/``end_offset``). Other top-level fields are kept
in the document's metadata. Offsets count code points; every span is checked against the text.

Write (``jsonl``): ``{"id", "title"?, "text", "spans": [{"id", "start", "end", "label", "text", "note"?,
"attrs"?, "value"?}], "relations"?: [{"head", "child", "label"}], "doc_labels"?, "flags"?, "comment"?,
"meta", "coder"}``; ``title`` only when it differs from ``id``; span ids are 1, 2, ... in span order;
``value`` on every span of a label with figure values (null when its text does not parse). Read
also takes span ``id``/``attrs``/``value`` and the record keys (``layers.py``). See docs/formats.md.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Iterator, TextIO

from annotator.core.errors import InputError
from annotator.formats import layers
from annotator.formats.exporting import ExportItem
from annotator.formats.records import check_span, finite_json, load_json, normalize_with_offsets, read_lines
from annotator.formats.registry import DocumentRecord, ImportOptions, SpanRecord, exporter, importer

RESERVED = {"id", "title", "text", "meta", "spans", "label", "labels", "entities", "coder", "_annotator_id"} \
    | layers.RECORD_KEYS


@importer("jsonl", (".jsonl", ".ndjson"), "JSON lines: spaCy/Prodigy {text, spans} or doccano {text, label}")
def read_jsonl(path: Path, options: ImportOptions) -> Iterator[DocumentRecord]:
    source = str(path)
    for number, line in read_lines(path):
        if not line.strip():
            continue
        data = load_json(line, source, number)
        record = parse_record(data, source, number, default_title=f"{path.stem} {number}")
        if record is not None:
            yield record
        elif options.warn:
            options.warn(f"{source}, line {number}: empty text, skipped")


def parse_record(data: Any, source: str, line: int, default_title: str) -> DocumentRecord | None:
    """One JSON object as a document with checked spans; ``None`` for an empty text."""
    if not isinstance(data, dict):
        raise InputError(f"expected a JSON object, got {type(data).__name__}", source, line=line)
    text = data.get("text")
    if text is None:
        raise InputError('the record has no "text"', source, line=line)
    if not isinstance(text, str):
        raise InputError(f'"text" must be a string, got {type(text).__name__}', source, line=line)
    spans = _plain_spans(data.get("spans"), text)
    if spans is None:
        spans = [layers.span_extras(check_span(text, start, end, label, source, line, quoted, note), raw,
                                    "id", source, line) if raw is not None else check_span(text, start, end, label, source, line)
                 for start, end, label, quoted, note, raw in _span_fields(data, source, line)]
    if not text.strip():
        if spans:
            raise InputError("the text is empty but the record has spans", source, line=line)
        return None
    external_id = data.get("id")
    if external_id is not None:
        if isinstance(external_id, bool) or not isinstance(external_id, (str, int)):
            raise InputError(f'"id" must be a string or an integer, got {external_id!r}', source, line=line)
        external_id = str(external_id)
    meta = data.get("meta", {})
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise InputError(f'"meta" must be an object, got {type(meta).__name__}', source, line=line)
    extra = {key: value for key, value in data.items() if key not in RESERVED and key not in meta}
    if extra:
        meta = {**meta, **extra}
    title = data.get("title")
    if title is not None and not isinstance(title, str):
        raise InputError(f'"title" must be a string, got {title!r}', source, line=line)
    coder = data.get("coder", data.get("_annotator_id"))
    if coder is not None and not isinstance(coder, str):
        raise InputError(f'"coder" must be a string, got {coder!r}', source, line=line)
    text, spans = normalize_with_offsets(text, spans)
    record = DocumentRecord(title=title or external_id or default_title, text=text, source=source, line=line,
                            meta=meta, external_id=external_id, spans=spans, coder=coder or None)
    return layers.record_layers(record, data, source, line)


def _plain_spans(items: Any, text: str) -> list[SpanRecord] | None:
    """The spans of a ``"spans"`` list when every one is exactly ``{"start", "end", "label"}`` with
    int offsets inside the text and a stripped, non-empty label (what most files hold: one pass,
    no generator, no per-span call); ``None`` when any span is anything else, for the full check
    (``_span_fields`` and ``check_span``), which then also says what is wrong and where."""
    if items.__class__ is not list:
        return None
    length = len(text)
    out = []
    append = out.append
    for raw in items:
        if raw.__class__ is not dict or len(raw) != 3:
            return None
        start, end, label = raw.get("start"), raw.get("end"), raw.get("label")
        # three keys, and these three not None: they are the keys
        if start.__class__ is not int or end.__class__ is not int or label.__class__ is not str \
                or not 0 <= start < end <= length or not label or label.strip() != label:
            return None
        append(SpanRecord(start, end, label))
    return out


def _span_fields(data: dict, source: str, line: int) -> Iterator[tuple]:
    """``(start, end, label, quoted text, note, raw object)`` of each span, in whichever shape the
    record uses (``raw``: the span's object, for its id, attributes and value; None for lists)."""
    if "spans" in data:
        spans = data["spans"] or []
        if not isinstance(spans, list):
            raise InputError('"spans" must be a list', source, line=line)
        for span in spans:
            if not isinstance(span, dict):
                raise InputError(f'each span must be an object with "start", "end" and "label", got {span!r}',
                                 source, line=line)
            yield span.get("start"), span.get("end"), span.get("label"), span.get("text"), span.get("note"), span
        return
    for key in ("label", "labels"):
        if key in data:
            items = data[key] or []
            if not isinstance(items, list):
                raise InputError(f'"{key}" must be a list of [start, end, label]', source, line=line)
            for item in items:
                if not isinstance(item, list) or len(item) != 3:
                    raise InputError(f'each "{key}" item must be [start, end, label], got {item!r}',
                                     source, line=line)
                yield item[0], item[1], item[2], None, None, None
            return
    entities = data.get("entities") or []
    if not isinstance(entities, list):
        raise InputError(f'"entities" must be a list of objects, got {type(entities).__name__}', source, line=line)
    for entity in entities:
        if not isinstance(entity, dict):
            raise InputError(f'each entity must be an object, got {entity!r}', source, line=line)
        yield entity.get("start_offset"), entity.get("end_offset"), entity.get("label"), None, None, entity


def dump_line(obj: dict, out: TextIO) -> None:
    """One JSON line; NaN or infinities (which older files may hold in metadata) become null,
    so that every line is valid JSON."""
    try:
        line = json.dumps(obj, ensure_ascii=False, allow_nan=False)
    except ValueError:
        line = json.dumps(finite_json(obj), ensure_ascii=False, allow_nan=False)
    out.write(line)
    out.write("\n")


def item_header(item: ExportItem) -> dict:
    head: dict[str, Any] = {"id": item.id}
    if item.title != item.id:
        head["title"] = item.title
    head["text"] = item.text
    return head


@exporter("jsonl", ".jsonl", "JSON lines {id, text, spans, meta, coder}: spaCy and Hugging Face ready")
def write_jsonl(items: Iterator[ExportItem], out: TextIO, warn: Callable[[str], None] = lambda m: None) -> None:
    for item in items:
        obj = item_header(item)
        text = item.text
        if item.provenance is None and not any(attrs or has_value for attrs, has_value, _v in item.extras):
            # No attributes, values or provenance (most records): the same objects, in one pass.
            spans = [{"id": index, "start": start, "end": end, "label": label, "text": text[start:end], "note": note}
                     if note else {"id": index, "start": start, "end": end, "label": label, "text": text[start:end]}
                     for index, (start, end, label, note) in enumerate(item.spans, 1)]
        else:
            spans = []
            for index, (start, end, label, note) in enumerate(item.spans):
                span = {"id": index + 1, "start": start, "end": end, "label": label, "text": text[start:end]}
                if note:
                    span["note"] = note
                layers.spans_out(item, index, item.spans[index], span)
                if item.provenance is not None:
                    span["meta"] = {"provenance": item.provenance.get((start, end, label))}
                spans.append(span)
        obj["spans"] = spans
        layers.record_out(item, obj)
        obj["meta"] = item.meta
        obj["coder"] = item.coder
        dump_line(obj, out)
