"""Label Studio JSON: a list of tasks, each with the text in ``data`` and one annotation per coder.

Write (``labelstudio``)::

    [{"id": 1, "data": {"text", "id", "title"?}, "meta": {...},
      "annotations": [{"id", "completed_by": N, "created_username": CODER, "was_cancelled": false,
                       "ground_truth": false,
                       "result": [{"id", "from_name": "label", "to_name": "text", "type": "labels",
                                   "value": {"start", "end", "text", "labels": [LABEL]}, "meta"?: {"text": [NOTE]}}]}],
      "predictions": []}]

``completed_by`` numbers the coders 1, 2, ... in the order they first appear; ``created_username``
holds the coder's name (Label Studio writes ``"EMAIL, N"`` there). A span's note is the region's
meta text, as Label Studio's region "Meta" field stores it. Offsets count code points, as Label Studio
stores them (its issue #1008, fixed by storing code points).

Read: a list of tasks (or one task). The text is ``data.text``, else ``--text-column``, else the one
string in ``data``. Each ``labels`` result becomes one span per label, checked against
``value.text``: offsets that fit only when counted in UTF-16 units (older Label Studio releases with
emoji) are converted, with a warning. The coder is ``created_username`` (without Label Studio's
``", N"``), else ``completed_by``'s e-mail, else ``labelstudio-user-N``. Relations (``type:
relation``), other result types, cancelled annotations and predictions are counted and reported,
not imported: the project has no relations yet.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any, Iterator

from annotator.core.errors import InputError
from annotator.core.offsets import Utf16Map
from annotator.formats.jsonfile import load_json_file
from annotator.formats.records import check_span, normalize_with_offsets
from annotator.formats.registry import DocumentRecord, ImportOptions, SpanRecord, exporter, importer
from annotator.formats.spanrules import by_document

_USERNAME_ID = re.compile(r",\s*\d+\s*$")


@exporter("labelstudio", ".json", "Label Studio JSON tasks: one annotation per coder, labels results")
def write_labelstudio(items, out, ctx) -> None:
    users: dict[str, int] = {}
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
            for number, (start, end, label, note) in enumerate(item.spans, start=1):
                region: dict[str, Any] = {
                    "id": f"a{annotation_id}-{number}", "from_name": "label", "to_name": "text", "type": "labels",
                    "value": {"start": start, "end": end, "text": item.text[start:end], "labels": [label]}}
                if note:
                    region["meta"] = {"text": [note]}
                result.append(region)
            annotations.append({"id": annotation_id, "completed_by": user, "created_username": item.coder,
                                "was_cancelled": False, "ground_truth": False, "result": result})
        task = {"id": task_id, "data": data, "meta": first.meta, "annotations": annotations, "predictions": []}
        out.write(("\n" if task_id == 1 else ",\n") + json.dumps(task, ensure_ascii=False))
    out.write("\n]\n")


@importer("labelstudio", (), "Label Studio JSON export: tasks with annotations[].result[]", patterns=("*.json",))
def read_labelstudio(path: Path, options: ImportOptions) -> Iterator[DocumentRecord]:
    source = str(path)
    data = load_json_file(path)
    tasks = data if isinstance(data, list) else [data]
    ignored: Counter = Counter()
    for index, task in enumerate(tasks, start=1):
        record = _task(task, index, source, options, ignored)
        if record is not None:
            yield record
    if ignored:
        options.warn(f"{source}: not imported: " + ", ".join(f"{n} {what}" for what, n in sorted(ignored.items())))


def _where(index: int, task: Any) -> str:
    task_id = task.get("id") if isinstance(task, dict) else None
    return f"task {index}" + (f" (id {task_id!r})" if task_id is not None else "")


def _task(task: Any, index: int, source: str, options: ImportOptions, ignored: Counter) -> DocumentRecord | None:
    where = _where(index, task)
    if not isinstance(task, dict):
        raise InputError(f"{where}: a task must be an object, got {type(task).__name__}", source)
    data = task.get("data")
    if not isinstance(data, dict):
        raise InputError(f'{where}: "data" must be an object holding the text', source)
    text = _text(data, where, source, options)
    if not text.strip():
        options.warn(f"{source}: {where}: empty text, skipped")
        return None
    utf16 = Utf16Map(text)
    by_coder: dict[str, list[SpanRecord]] = {}
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
        layer = by_coder.setdefault(coder, [])
        for r_index, result in enumerate(results, start=1):
            spans, moved = _result(result, text, utf16, f"{at}, result {r_index}", source, ignored)
            converted += moved
            layer.extend(s for s in spans if (s.start, s.end, s.label) not in {(x.start, x.end, x.label) for x in layer})
    if converted:
        options.warn(f"{source}: {where}: {converted} span(s) had offsets in UTF-16 units (an emoji before them); "
                     "converted to code points")
    predictions = task.get("predictions") or []
    if isinstance(predictions, list) and predictions:
        ignored["predictions"] += len(predictions)
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
    normalized = text
    for name in list(by_coder):
        normalized, by_coder[name] = normalize_with_offsets(text, by_coder[name])
    text = normalized if by_coder else normalize_with_offsets(text, [])[0]
    return DocumentRecord(title=title or external_id or f"{Path(source).stem} {index}", text=text, source=source,
                          meta=dict(meta), external_id=external_id, by_coder=by_coder)


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


def _result(result: Any, text: str, utf16: Utf16Map, where: str, source: str,
            ignored: Counter) -> tuple[list[SpanRecord], int]:
    if not isinstance(result, dict):
        raise InputError(f"{where}: a result must be an object", source)
    kind = result.get("type")
    if kind == "relation":
        ignored["relations"] += 1
        return [], 0
    if kind != "labels":
        ignored[f"results of type {kind!r}"] += 1
        return [], 0
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


def labeling_config(labels: list[str]) -> str:
    """The Label Studio labeling config (XML) that matches the export: ``label`` on ``text``."""
    from xml.sax.saxutils import quoteattr

    items = "".join(f"\n    <Label value={quoteattr(name)}/>" for name in labels)
    return (f'<View>\n  <Labels name="label" toName="text">{items}\n  </Labels>\n'
            f'  <Text name="text" value="$text"/>\n</View>\n')
