"""Issue 16's layers in JSON records, shared by the JSONL and doccano readers and writers: span ids,
attributes and figure values, relations (``{"head", "child", "label"}``, or doccano's
``{"from_id", "to_id", "type"}``), document labels, flags and the document comment.

Reading checks the shape only (file and line in every message); whether a label, relation type,
attribute value or document label is in the project's schema is the importer's business
(``importing.py``), which knows about ``--add-labels``."""

from __future__ import annotations

from typing import Any

from annotator.core.errors import InputError
from annotator.formats.registry import NO_VALUE, DocumentRecord, RelationRecord, SpanRecord

RECORD_KEYS = {"relations", "doc_labels", "flags", "comment"}


def _ref(value: Any, what: str, source: str, line: int) -> Any:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise InputError(f"{what} must be a string or an integer, got {value!r}", source, line=line)
    return value


def span_extras(span: SpanRecord, raw: dict, id_key: str, source: str, line: int) -> SpanRecord:
    """``span`` with the id, attributes and value its raw object carries."""
    span.ref = _ref(raw.get(id_key), f"a span's {id_key!r}", source, line)
    attrs = raw.get("attrs")
    if attrs is not None:
        if not isinstance(attrs, dict) or not all(isinstance(k, str) for k in attrs):
            raise InputError(f'span [{span.start}, {span.end}]: "attrs" must be an object, got {attrs!r}',
                             source, line=line)
        bad = next((k for k, v in attrs.items() if isinstance(v, (dict, list))), None)
        if bad is not None:
            raise InputError(f'span [{span.start}, {span.end}]: attribute {bad!r} must be text, a number or '
                             f'true/false, got {attrs[bad]!r}', source, line=line)
        span.attrs = {k: v for k, v in attrs.items() if v is not None} or None
    if "value" in raw:
        span.value = raw["value"]
    return span


def record_layers(record: DocumentRecord, data: dict, source: str, line: int) -> DocumentRecord:
    """The relations, document labels, flags and comment of one JSON record, checked for shape,
    relations checked against the record's span ids."""
    refs: dict[Any, SpanRecord] = {}
    for span in record.spans:
        if span.ref is not None:
            if span.ref in refs:
                raise InputError(f"span id {span.ref!r} is used twice", source, line=line)
            refs[span.ref] = span
    raw = data.get("relations") or []
    if not isinstance(raw, list):
        raise InputError('"relations" must be a list', source, line=line)
    for item in raw:
        if not isinstance(item, dict):
            raise InputError(f"each relation must be an object, got {item!r}", source, line=line)
        doccano = "from_id" in item or "to_id" in item
        keys = ("from_id", "to_id", "type") if doccano else ("head", "child", "label")
        head, child, label = (item.get(k) for k in keys)
        for key, ref in zip(keys[:2], (head, child)):
            _ref(ref, f'a relation\'s "{key}"', source, line)
            if ref is None or ref not in refs:
                raise InputError(f'a relation\'s "{key}" is {ref!r}, but no span of this record has that id',
                                 source, line=line)
        if head == child:
            raise InputError(f"a relation goes from span {head!r} to itself", source, line=line)
        if not isinstance(label, str) or not label.strip():
            raise InputError(f'a relation\'s "{keys[2]}" must be a non-empty string, got {label!r}', source, line=line)
        record.relations.append(RelationRecord(head, child, label.strip()))
    for key in ("doc_labels", "flags"):
        values = data.get(key) or []
        if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
            raise InputError(f'"{key}" must be a list of non-empty strings, got {values!r}', source, line=line)
        setattr(record, key, [v.strip() for v in values])
    comment = data.get("comment")
    if comment is not None and not isinstance(comment, str):
        raise InputError(f'"comment" must be a string, got {comment!r}', source, line=line)
    record.comment = comment or None
    return record


def spans_out(item, index: int, span: tuple, obj: dict) -> dict:
    """``obj`` (a span written by a format) with its attributes and value from ``item.extras``."""
    attrs, has_value, value = item.extra(index)
    if attrs:
        obj["attrs"] = attrs
    if has_value:
        obj["value"] = value
    return obj


def record_out(item, obj: dict, *, with_relations: bool = True) -> dict:
    """``obj`` with the item's relations (``{"head", "child", "label"}``, span ids 1, 2, ... in span
    order), document labels, flags and comment; each only when there is one."""
    if item.relations and with_relations:
        obj["relations"] = [{"head": head + 1, "child": child + 1, "label": name} for head, child, name in item.relations]
    if item.doc_labels:
        obj["doc_labels"] = list(item.doc_labels)
    if item.flags:
        obj["flags"] = list(item.flags)
    if item.comment:
        obj["comment"] = item.comment
    return obj
