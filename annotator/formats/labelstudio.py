"""Label Studio JSON: a list of tasks, each with the text in ``data`` and one annotation per coder.

Write (``labelstudio``)::

    [{"id": 1, "data": {"text", "id", "title"?}, "meta": {...},
      "annotations": [{"id", "completed_by": N, "created_username": CODER, "was_cancelled": false,
                       "ground_truth": false,
                       "result": [{"id", "from_name": "label", "to_name": "text", "type": "labels",
                                   "value": {"start", "end", "text", "labels": [LABEL]}, "meta"?: {"text": [NOTE]}},
                                  {"id": REGION, "from_name": ATTRIBUTE, "to_name": "text", "type": "choices",
                                   "value": {"start", "end", "text", "choices": [VALUE]}},    # or number, textarea
                                  {"from_id": REGION, "to_id": REGION, "type": "relation", "direction": "right",
                                   "labels": [RELATION TYPE]},
                                  {"id", "from_name": GROUP, "to_name": "text", "type": "choices",
                                   "value": {"choices": [DOCUMENT LABEL, ...]}}]}],       # also flags, comment
      "predictions": []}]

``completed_by`` numbers the coders 1, 2, ... in the order they first appear; ``created_username``
holds the coder's name (Label Studio writes ``"EMAIL, N"`` there). A span's note is the region's
meta text, as Label Studio's region "Meta" field stores it. Offsets count code points, as Label Studio
stores them (its issue #1008, fixed by storing code points). Relations are Label Studio's relation
results between region ids (head -> child is ``from_id`` -> ``to_id``, direction ``right``); a span's
attributes are per-region results with the region's id: a choice or a yes/no (``yes``/``no``) as
``choices``, a number as ``number``, free text as ``textarea``, ``from_name`` the attribute's name;
document labels are document-level ``choices`` named after their group (``document`` for a label in
none), flags the ``choices`` named ``flags``, the comment the ``textarea`` named ``comment``. Figure
values have no form here: counted as not carried (the import computes them again from the text).
``labeling_config`` / ``project_labeling_config`` give the matching labeling config for Label Studio.

Read: a list of tasks (or one task). The text is ``data.text``, else ``--text-column``, else the one
string in ``data``. Each ``labels`` result becomes one span per label, checked against
``value.text``: offsets that fit only when counted in UTF-16 units (older Label Studio releases with
emoji) are converted, with a warning. The coder is ``created_username`` (without Label Studio's
``", N"``), else ``completed_by``'s e-mail, else ``labelstudio-user-N``. Relations, per-region and
document-level results as above become each coder's relations, attributes and document labels
(a relation ``left`` goes from ``to_id`` to ``from_id``; ``bi`` is imported from ``from_id`` to ``to_id``,
with a warning; a region with several labels is related through its first label's span). A relation or
per-region result naming a region id the annotation lacks is an error naming the file, task,
annotation and result; whether relation types, attributes and document labels are in the project's
schema is checked by the import (``--add-labels`` adds them). ``predictions`` (a model's
pre-annotations) become suggestions (source ``labelstudio:MODEL_VERSION``, score from the result,
else the prediction, else 0.5), not spans. Other result types, relations without a label and
cancelled annotations are counted and reported, not imported.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from annotator.core.errors import InputError
from annotator.core.offsets import Utf16Map
from annotator.core.schema import FLAGS
from annotator.formats.jsonfile import load_json_file
from annotator.formats.records import check_span, normalize_with_offsets
from annotator.formats.registry import (DocumentRecord, ImportOptions, RelationRecord, SpanRecord, SuggestionRecord,
                                        exporter, importer)
from annotator.formats.spanrules import by_document

_USERNAME_ID = re.compile(r",\s*\d+\s*$")


@exporter("labelstudio", ".json", "Label Studio JSON tasks: one annotation per coder, labels results")
def write_labelstudio(items, out, ctx) -> None:
    users: dict[str, int] = {}
    kinds = {(label, d.name): d.kind for label, defs in (getattr(ctx, "attributes", None) or {}).items() for d in defs}
    groups = tuple(getattr(ctx, "doc_label_groups", ()) or ())
    out.write("[")
    annotation_id = 0
    for task_id, group in enumerate(by_document(items), start=1):
        first = group[0]
        data: dict[str, Any] = {"text": first.text, "id": first.id}
        if first.title != first.id:
            data["title"] = first.title
        annotations = []
        for item in group:
            annotation_id += 1
            user = users.setdefault(item.coder, len(users) + 1)
            result = []
            regions = []
            for number, (start, end, label, note) in enumerate(item.spans, start=1):
                region_id = f"a{annotation_id}-{number}"
                regions.append(region_id)
                where = {"start": start, "end": end}
                region: dict[str, Any] = {
                    "id": region_id, "from_name": "label", "to_name": "text", "type": "labels",
                    "value": {**where, "text": item.text[start:end], "labels": [label]}}
                if note:
                    region["meta"] = {"text": [note]}
                result.append(region)
                attrs, has_value, _value = item.extra(number - 1)
                if has_value and ctx is not None and hasattr(ctx, "lost"):
                    ctx.lost("figure values (Label Studio has no form for them; recomputed from the text on import)")
                for name, value in (attrs or {}).items():
                    result.append(_attribute_result(region_id, name, value, kinds.get((label, name)),
                                                    where, item.text[start:end]))
            for head, child, name in item.relations:
                result.append({"from_id": regions[head], "to_id": regions[child], "type": "relation",
                               "direction": "right", "labels": [name]})
            result.extend(_document_results(f"a{annotation_id}", item, groups))
            annotations.append({"id": annotation_id, "completed_by": user, "created_username": item.coder,
                                "was_cancelled": False, "ground_truth": False, "result": result})
        task = {"id": task_id, "data": data, "meta": first.meta, "annotations": annotations, "predictions": []}
        out.write(("\n" if task_id == 1 else ",\n") + json.dumps(task, ensure_ascii=False))
    out.write("\n]\n")


def _attribute_result(region_id: str, name: str, value: Any, kind: str | None, where: dict, quoted: str) -> dict:
    """A span's attribute as Label Studio's per-region result: the region's id, the attribute's tag
    as ``from_name`` (Choices for a choice or yes/no, Number, TextArea for free text)."""
    if isinstance(value, bool):
        kind, payload = "choices", {"text": quoted, "choices": ["yes" if value else "no"]}
    elif isinstance(value, (int, float)):
        kind, payload = "number", {"text": quoted, "number": value}
    elif kind == "text":
        kind, payload = "textarea", {"text": [value]}
    else:
        kind, payload = "choices", {"text": quoted, "choices": [value]}
    return {"id": region_id, "from_name": name, "to_name": "text", "type": kind, "value": {**where, **payload}}


def _document_results(prefix: str, item, groups) -> list[dict]:
    """The coder's document labels (a Choices result per group), flags (Choices ``flags``) and comment
    (TextArea ``comment``), as Label Studio's document-level classifications."""
    out = []
    left = list(item.doc_labels)
    for group in groups:
        chosen = [v for v in left if v in group.values]
        if chosen:
            out.append((group.name, "choices", {"choices": chosen}))
            left = [v for v in left if v not in chosen]
    if left:
        out.append((DOCUMENT, "choices", {"choices": left}))
    if item.flags:
        out.append((FLAGS_TAG, "choices", {"choices": list(item.flags)}))
    if item.comment:
        out.append((COMMENT_TAG, "textarea", {"text": [item.comment]}))
    return [{"id": f"{prefix}-d{number}", "from_name": name, "to_name": "text", "type": kind, "value": value}
            for number, (name, kind, value) in enumerate(out, start=1)]


DOCUMENT, FLAGS_TAG, COMMENT_TAG = "document", "flags", "comment"  # tag names of the document-level results


@importer("labelstudio", (), "Label Studio JSON export: tasks with annotations[].result[]", patterns=("*.json",))
def read_labelstudio(path: Path, options: ImportOptions) -> Iterator[DocumentRecord]:
    source = str(path)
    data = load_json_file(path)
    tasks = data if isinstance(data, list) else [data]
    ignored = _Tally()
    for index, task in enumerate(tasks, start=1):
        yield from _task(task, index, source, options, ignored)
    if ignored:
        options.warn(f"{source}: not imported: " + ", ".join(f"{n} {what}" for what, n in sorted(ignored.items())))
    for what, n in sorted(ignored.noted.items()):
        options.warn(f"{source}: {n} {what}")


class _Tally(Counter):
    """What was not imported, per kind; ``noted``: what was imported with a change worth saying."""

    def __init__(self) -> None:
        super().__init__()
        self.noted: Counter = Counter()


def _where(index: int, task: Any) -> str:
    task_id = task.get("id") if isinstance(task, dict) else None
    return f"task {index}" + (f" (id {task_id!r})" if task_id is not None else "")


@dataclass
class _Layer:
    """One coder's work on one task (their annotations' results, merged)."""

    where: str                                                     # the coder's first annotation
    spans: list[SpanRecord] = field(default_factory=list)
    relations: list[RelationRecord] = field(default_factory=list)
    doc_labels: list[str] = field(default_factory=list)
    groups: dict[str, str] = field(default_factory=dict)           # document label -> its Choices tag
    flags: list[str] = field(default_factory=list)
    comment: list[str] = field(default_factory=list)


def _task(task: Any, index: int, source: str, options: ImportOptions, ignored: _Tally) -> list[DocumentRecord]:
    where = _where(index, task)
    if not isinstance(task, dict):
        raise InputError(f"{where}: a task must be an object, got {type(task).__name__}", source)
    data = task.get("data")
    if not isinstance(data, dict):
        raise InputError(f'{where}: "data" must be an object holding the text', source)
    text = _text(data, where, source, options)
    if not text.strip():
        options.warn(f"{source}: {where}: empty text, skipped")
        return []
    utf16 = Utf16Map(text)
    by_coder: dict[str, _Layer] = {}
    converted = 0
    annotations = task.get("annotations", task.get("completions")) or []
    if not isinstance(annotations, list):
        raise InputError(f'{where}: "annotations" must be a list', source)
    for a_index, annotation in enumerate(annotations, start=1):
        at = f"{where}, annotation {a_index}"
        if not isinstance(annotation, dict):
            raise InputError(f"{at}: an annotation must be an object", source)
        if annotation.get("was_cancelled"):
            ignored["cancelled (skipped) annotations"] += 1
            continue
        coder = _coder(annotation, at, source)
        results = annotation.get("result") or []
        if not isinstance(results, list):
            raise InputError(f'{at}: "result" must be a list', source)
        layer = by_coder.setdefault(coder, _Layer(at))
        converted += _annotation(results, layer, text, utf16, at, source, ignored)
    suggestions, moved = _predictions(task.get("predictions"), text, utf16, where, source, ignored)
    converted += moved
    meta = task.get("meta") or {}
    if not isinstance(meta, dict):
        raise InputError(f'{where}: "meta" must be an object', source)
    external_id = data.get("id")
    if external_id is not None and (isinstance(external_id, bool) or not isinstance(external_id, (str, int))):
        raise InputError(f'{where}: data "id" must be a string or an integer, got {external_id!r}', source)
    external_id = None if external_id is None else str(external_id)
    title = data.get("title")
    if title is not None and not isinstance(title, str):
        raise InputError(f'{where}: data "title" must be a string', source)
    if converted:
        options.warn(f"{source}: {where}: {converted} span(s) had offsets in UTF-16 units (an emoji before them); "
                     "converted to code points")
    normalized = normalize_with_offsets(text, [])[0]
    kept = normalize_with_offsets(text, [s for s, _score, _name in suggestions])[1]
    suggested = [SuggestionRecord(span.start, span.end, span.label, *suggestions[span.ref][1:]) for span in kept]
    title = title or external_id or f"{Path(source).stem} {index}"
    if not by_coder:
        return [DocumentRecord(title=title, text=normalized, source=source, meta=dict(meta), external_id=external_id,
                               suggestions=suggested)]
    records = []
    for coder, layer in by_coder.items():  # one record per coder: its relations and document labels are its own
        spans = normalize_with_offsets(text, layer.spans)[1]
        kept = {s.ref for s in spans}
        relations = [r for r in layer.relations if r.head in kept and r.child in kept]
        if len(relations) < len(layer.relations):
            ignored["relations of spans that were only line-break characters"] += len(layer.relations) - len(relations)
        records.append(DocumentRecord(
            title=title, text=normalized, source=f"{source}, {layer.where}", meta=dict(meta),
            external_id=external_id, by_coder={coder: spans}, relations=relations,
            doc_labels=list(dict.fromkeys(layer.doc_labels)), doc_label_groups=layer.groups,
            flags=[f for f in FLAGS if f in layer.flags], comment="\n".join(layer.comment) or None))
    records[0].suggestions = suggested
    return records


PREDICTED = "labelstudio"  # the suggestions' source name: "labelstudio:MODEL_VERSION" when the file names one
DEFAULT_SCORE = 0.5        # a prediction without a score (as the jsonl: suggestion source has it)


def _score(value: Any, default: float, where: str, source: str) -> float:
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise InputError(f'{where}: "score" must be a number from 0 to 1 (a suggestion\'s score), got {value!r}',
                         source)
    return float(value)


def _predictions(predictions: Any, text: str, utf16: Utf16Map, where: str, source: str,
                 ignored: _Tally) -> tuple[list[tuple[SpanRecord, float, str]], int]:
    """A task's ``predictions`` (a model's pre-annotations): their ``labels`` results as
    ``(span, score, source name)`` for the suggestions layer (``span.ref``: its index), and how many
    had UTF-16 offsets. Each result's ``score``, else the prediction's, else 0.5."""
    if predictions is None:
        return [], 0
    if not isinstance(predictions, list):
        raise InputError(f'{where}: "predictions" must be a list', source)
    out: list[tuple[SpanRecord, float, str]] = []
    converted = 0
    for p_index, prediction in enumerate(predictions, start=1):
        at = f"{where}, prediction {p_index}"
        if not isinstance(prediction, dict):
            raise InputError(f"{at}: a prediction must be an object", source)
        results = prediction.get("result") or []
        if not isinstance(results, list):
            raise InputError(f'{at}: "result" must be a list', source)
        model = prediction.get("model_version")
        name = (f"{PREDICTED}:{model}" if isinstance(model, (str, int)) and str(model).strip() else PREDICTED)[:200]
        default = _score(prediction.get("score"), DEFAULT_SCORE, at, source)
        for r_index, result in enumerate(results, start=1):
            here = f"{at}, result {r_index}"
            if not isinstance(result, dict):
                raise InputError(f"{here}: a result must be an object", source)
            if result.get("type") != "labels":
                ignored[f"prediction results of type {result.get('type')!r} (only spans become suggestions)"] += 1
                continue
            spans, moved = _result(result, text, utf16, here, source)
            converted += moved
            score = _score(result.get("score"), default, here, source)
            for span in spans:
                span.ref = len(out)
                out.append((span, score, name))
    return out, converted


def _region_id(result: dict, where: str, source: str) -> Any:
    region = result.get("id")
    if region is not None and (isinstance(region, bool) or not isinstance(region, (str, int))):
        raise InputError(f'{where}: "id" must be a string or an integer, got {region!r}', source)
    return region


def _annotation(results: list, layer: _Layer, text: str, utf16: Utf16Map, at: str, source: str,
                ignored: _Tally) -> int:
    """Read one annotation's results into the coder's layer: first the regions (``labels``), then
    what refers to them (relations, per-region choices, numbers and text areas) and the document-level
    classifications. Returns the number of spans whose offsets were UTF-16 units."""
    converted = 0
    regions: dict[Any, SpanRecord] = {}   # region id -> the span of its first label
    given = {(s.start, s.end, s.label): s for s in layer.spans}
    for r_index, result in enumerate(results, start=1):
        here = f"{at}, result {r_index}"
        if not isinstance(result, dict):
            raise InputError(f"{here}: a result must be an object", source)
        if result.get("type") != "labels":
            continue
        spans, moved = _result(result, text, utf16, here, source)
        converted += moved
        region = _region_id(result, here, source)
        if region is not None and region in regions:
            raise InputError(f"{here}: region id {region!r} is used by two labels results", source)
        for number, span in enumerate(spans):
            known = given.get((span.start, span.end, span.label))
            if known is None:  # the same span twice for one coder (two annotations) is kept once
                span.ref = len(given) + 1
                given[(span.start, span.end, span.label)] = known = span
                layer.spans.append(span)
            if number == 0 and region is not None:
                regions[region] = known
    for r_index, result in enumerate(results, start=1):
        here = f"{at}, result {r_index}"
        kind = result.get("type")
        if kind == "labels":
            continue
        if kind == "relation":
            _relation(result, regions, layer, here, source, ignored)
            continue
        region = _region_id(result, here, source)
        value = result.get("value")
        if region in regions and region is not None:
            _region_attribute(result, kind, regions[region], here, source, ignored)
        elif isinstance(value, dict) and ("start" in value or "end" in value):
            raise InputError(f"{here}: this per-region {kind!r} result names region id {region!r}, which no "
                             "labels result of this annotation has", source)
        else:
            _document_result(result, kind, layer, here, source, ignored)
    return converted


def _relation(result: dict, regions: dict, layer: _Layer, where: str, source: str, ignored: _Tally) -> None:
    ends = []
    for key in ("from_id", "to_id"):
        region = result.get(key)
        if isinstance(region, (dict, list, bool)) or region not in regions:
            raise InputError(f"{where}: the relation's {key!r} is {region!r}, but no labels result of this "
                             "annotation has that id", source)
        ends.append(regions[region].ref)
    direction = result.get("direction", "right")
    if direction not in ("right", "left", "bi"):
        raise InputError(f'{where}: the relation\'s "direction" must be right, left or bi, got {direction!r}', source)
    head, child = ends if direction != "left" else ends[::-1]
    if head == child:
        raise InputError(f"{where}: the relation goes from a span to itself", source)
    labels = result.get("labels") or []
    if not isinstance(labels, list) or not all(isinstance(x, str) and x.strip() for x in labels):
        raise InputError(f'{where}: the relation\'s "labels" must be a list of relation type names, got {labels!r}',
                         source)
    if not labels:
        ignored["relations without a label (a relation here has a type)"] += 1
        return
    if direction == "bi":
        ignored.noted["bidirectional relation(s) imported as going from from_id to to_id"] += 1
    for name in labels:
        relation = RelationRecord(head, child, name.strip())
        if relation not in layer.relations:
            layer.relations.append(relation)


def _text(data: dict, where: str, source: str, options: ImportOptions) -> str:
    key = options.text_column or ("text" if "text" in data else None)
    if key is None:
        strings = [k for k, v in data.items() if isinstance(v, str) and k not in ("id", "title")]
        if len(strings) != 1:
            raise InputError(f'{where}: no "text" in data (keys: {", ".join(map(str, data))}); name the text '
                             "field with --text-column", source)
        key = strings[0]
    text = data.get(key)
    if not isinstance(text, str):
        raise InputError(f"{where}: data {key!r} must be a string, got {type(text).__name__}", source)
    return text


def _coder(annotation: dict, where: str, source: str) -> str:
    name = annotation.get("created_username")
    if isinstance(name, str) and _USERNAME_ID.sub("", name).strip():
        return _USERNAME_ID.sub("", name).strip()
    user = annotation.get("completed_by")
    if isinstance(user, dict):
        for key in ("email", "username"):
            if isinstance(user.get(key), str) and user[key].strip():
                return user[key].strip()
        user = user.get("id")
    if isinstance(user, int) and not isinstance(user, bool):
        return f"labelstudio-user-{user}"
    if user is None:
        return "labelstudio"
    raise InputError(f'{where}: "completed_by" must be a user id or object, got {user!r}', source)


def _result(result: dict, text: str, utf16: Utf16Map, where: str, source: str) -> tuple[list[SpanRecord], int]:
    """The spans of one ``labels`` result (one per label), and 1 if its offsets were UTF-16 units."""
    value = result.get("value")
    if not isinstance(value, dict):
        raise InputError(f'{where}: "value" must be an object with start, end and labels', source)
    labels = value.get("labels")
    if not isinstance(labels, list) or not labels:
        raise InputError(f'{where}: "value.labels" must be a non-empty list of label names', source)
    start, end, quoted = value.get("start"), value.get("end"), value.get("text")
    moved = 0
    if (quoted is not None and isinstance(start, int) and isinstance(end, int) and not utf16.is_identity
            and text[start:end] != quoted):
        try:
            cp_start, cp_end = utf16.from_utf16(start), utf16.from_utf16(end)
        except ValueError:
            cp_start = cp_end = None
        if cp_start is not None and text[cp_start:cp_end] == quoted:
            start, end, moved = cp_start, cp_end, 1
    note = None
    meta = result.get("meta")
    if isinstance(meta, dict) and isinstance(meta.get("text"), list):
        note = "\n".join(str(part) for part in meta["text"]) or None
    try:
        spans = [check_span(text, start, end, label, source, None, quoted, note) for label in labels]
    except InputError as exc:
        raise InputError(f"{where}: {exc.reason}", source) from None
    return spans, moved


_ATTRIBUTE_KINDS = {"choices": "choice", "textarea": "text", "number": "number"}


def _tag_name(result: dict, where: str, source: str) -> str:
    name = result.get("from_name")
    if not isinstance(name, str) or not name.strip():
        raise InputError(f'{where}: "from_name" must name the tag of this {result.get("type")!r} result, '
                         f"got {name!r}", source)
    return name.strip()


def _payload(result: dict, kind: str, where: str, source: str) -> list | int | float | None:
    """A classification's value: the choices (a list of strings), the text area's lines, a number."""
    value = result.get("value")
    if not isinstance(value, dict):
        raise InputError(f'{where}: "value" must be an object', source)
    if kind == "number":
        number = value.get("number")
        if isinstance(number, bool) or not isinstance(number, (int, float)) or number != number \
                or number in (float("inf"), float("-inf")):
            raise InputError(f'{where}: "value.number" must be a number, got {number!r}', source)
        return number
    key = "choices" if kind == "choices" else "text"
    items = value.get(key)
    if isinstance(items, str) and kind == "textarea":
        items = [items]
    if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
        raise InputError(f'{where}: "value.{key}" must be a list of strings, got {items!r}', source)
    return items


def _region_attribute(result: dict, kind: Any, span: SpanRecord, where: str, source: str, ignored: _Tally) -> None:
    """A per-region result (its ``id`` is a region's): the span's attribute named by ``from_name``."""
    if kind not in _ATTRIBUTE_KINDS:
        ignored[f"per-region results of type {kind!r}"] += 1
        return
    name = _tag_name(result, where, source)
    payload = _payload(result, kind, where, source)
    if kind == "choices":
        if len(payload) != 1:
            ignored["per-region choices with none or several values (an attribute holds one)"] += 1
            return
        value: Any = payload[0]
    elif kind == "textarea":
        value = "\n".join(payload)
        if not value:
            return
    else:
        value = payload
    span.attrs = span.attrs or {}
    if name in span.attrs and span.attrs[name] != value:
        raise InputError(f"{where}: the region's {name!r} is given twice ({span.attrs[name]!r} and {value!r})", source)
    span.attrs[name] = value
    span.kinds = {**(span.kinds or {}), name: _ATTRIBUTE_KINDS[kind]}


def _document_result(result: dict, kind: Any, layer: _Layer, where: str, source: str, ignored: _Tally) -> None:
    """A document-level classification: Choices are document labels (``flags``: the document's flags),
    the TextArea ``comment`` the document's comment; other results are counted, not imported."""
    if kind == "choices":
        name = _tag_name(result, where, source)
        choices = [c.strip() for c in _payload(result, kind, where, source) if c.strip()]
        if name == FLAGS_TAG and all(c in FLAGS for c in choices):
            layer.flags.extend(choices)
        else:
            layer.doc_labels.extend(choices)
            for choice in choices:
                layer.groups.setdefault(choice, name)
    elif kind == "textarea" and result.get("from_name") == COMMENT_TAG:
        layer.comment.extend(_payload(result, kind, where, source))
    else:
        ignored[f"results of type {kind!r}" + (" (document-level)" if kind in _ATTRIBUTE_KINDS else "")] += 1


def labeling_config(labels: list[str], relations: list[str] = (), attributes: dict | None = None,
                    groups=(), flags: bool = False, comment: bool = False) -> str:
    """The Label Studio labeling config (XML) that matches the export: ``Labels`` named ``label`` on
    the ``Text`` named ``text``; a ``Relations`` tag with the relation types; for each attribute
    (``attributes``: label name -> its ``AttributeDef``s) a per-region tag named after it (``Choices``
    for a choice or yes/no, ``Number``, ``TextArea`` for free text); a ``Choices`` tag per document
    label group; ``flags`` and ``comment`` when asked."""
    from xml.sax.saxutils import quoteattr as q

    def choices(values) -> str:
        return "".join(f"\n    <Choice value={q(v)}/>" for v in values)

    lines = ["<View>", '  <Labels name="label" toName="text">'
             + "".join(f"\n    <Label value={q(name)}/>" for name in labels) + "\n  </Labels>"]
    if relations:
        lines.append("  <Relations>" + "".join(f"\n    <Relation value={q(name)}/>" for name in relations)
                     + "\n  </Relations>")
    tags: dict[str, tuple[str, list[str]]] = {}  # attribute name -> (kind, values), merged over labels
    for defs in (attributes or {}).values():
        for d in defs:
            kind, values = tags.setdefault(d.name, (d.kind, []))
            values.extend(v for v in (("yes", "no") if d.kind == "bool" else d.values) if v not in values)
    for name, (kind, values) in tags.items():
        region = f'name={q(name)} toName="text" perRegion="true"'
        if kind == "number":
            lines.append(f"  <Number {region}/>")
        elif kind == "text":
            lines.append(f"  <TextArea {region}/>")
        else:
            lines.append(f"  <Choices {region}>{choices(values)}\n  </Choices>")
    for group in groups:
        lines.append(f'  <Choices name={q(group.name)} toName="text" choice='
                     f'"{"multiple" if group.multiple else "single"}">{choices(group.values)}\n  </Choices>')
    if flags:
        lines.append(f'  <Choices name="{FLAGS_TAG}" toName="text" choice="multiple">{choices(FLAGS)}\n  </Choices>')
    if comment:
        lines.append(f'  <TextArea name="{COMMENT_TAG}" toName="text"/>')
    lines += ['  <Text name="text" value="$text"/>', "</View>", ""]
    return "\n".join(lines)


def project_labeling_config(project) -> str:
    """``labeling_config`` for everything a project's export can hold: its labels, relation types,
    attributes, document label groups, flags and comment."""
    labels = list(project.labels())
    return labeling_config([label.name for label in labels], [t.name for t in project.relation_types()],
                           {label.name: tuple(label.attributes) for label in labels},
                           tuple(project.doc_label_groups()), flags=True, comment=True)
