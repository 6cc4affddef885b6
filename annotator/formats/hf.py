"""Hugging Face datasets: a folder that ``datasets.load_dataset(FOLDER)`` loads.

Write (``hf``, a new folder)::

    FOLDER/README.md                   the dataset card: YAML metadata (features, label names, language ar,
                                       licence, annotators, splits, configs) and a short description
    FOLDER/data/train-00000-of-00001.parquet   (and validation-, test- with --split)

One row per document (per document and coder with ``--all-coders``): ``id``, ``title``, ``text``,
``tokens``, ``ner_tags`` (BIO over ``tokens``, a ``ClassLabel`` with the label names), ``spans``
(every span: ``start``, ``end`` in code points, ``label``, ``text``, ``note``), ``coder`` and
``meta`` (the document's metadata as JSON text). ``tokens`` are ours (``conll.tokenize``) cut at
every span edge, so every span falls on tokens; ``ner_tags`` hold the flat layer (``spanrules``:
longest non-overlapping spans); nested and overlapping spans are in ``spans`` only, and counted in
the summary. ``--split 80/10/10 --seed N`` shuffles the *documents* with that seed and cuts them
into train/validation/test (two numbers: train/test), so a document's rows (all its coders) stay in
one split. The features are stored both in the card and in each Parquet file's schema metadata,
as ``datasets`` writes them itself.

Read (``hf``): the Parquet files of such a folder (or single ``.parquet`` files): ``text``,
``spans`` (``start``/``end``/``label``, ``note`` if present), ``id``, ``title``, ``meta``, ``coder``;
rows with the same text are one document with each row's coder. pyarrow comes with the ``hf`` extra.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any, Iterator

from annotator.core.errors import InputError
from annotator.formats.records import check_span, normalize_with_offsets
from annotator.formats.registry import DocumentRecord, ImportOptions, SpanRecord, exporter, importer
from annotator.formats.spanrules import bio, edge_tokens, flat_spans

ROW_GROUP = 1000
SPLIT_NAMES = {1: ("train",), 2: ("train", "test"), 3: ("train", "validation", "test")}


def _arrow():
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise InputError("the hf format needs pyarrow: pip install 'arabic-annotator[hf]'") from None
    return pyarrow


def parse_split(value: str | None) -> list[int]:
    """``"80/10/10"`` -> ``[80, 10, 10]``; an error for anything else."""
    if value is None:
        return [100]
    parts = value.split("/")
    if not 2 <= len(parts) <= 3 or not all(re.fullmatch(r"\d{1,3}", p) for p in parts):
        raise InputError(f"--split {value!r}: expected two or three whole percentages, e.g. 80/10/10 or 90/10")
    numbers = [int(p) for p in parts]
    if sum(numbers) != 100 or numbers[0] == 0:
        raise InputError(f"--split {value!r}: the parts must add up to 100 and train must not be 0")
    return numbers


def assign_splits(count: int, parts: list[int], seed: int) -> list[int]:
    """The split index of each of ``count`` documents (in project order): a seeded shuffle, then cut
    at the rounded cumulative percentages."""
    order = list(range(count))
    random.Random(seed).shuffle(order)
    cuts, total = [], 0
    for part in parts:
        total += part
        cuts.append(round(count * total / 100))
    result = [0] * count
    at = 0
    for index, doc in enumerate(order):
        while index >= cuts[at]:
            at += 1
        result[doc] = at
    return result


def _schema(pa, tag_names: list[str]):
    span = pa.struct([("start", pa.int32()), ("end", pa.int32()), ("label", pa.string()), ("text", pa.string()),
                      ("note", pa.string())])
    schema = pa.schema([("id", pa.string()), ("title", pa.string()), ("text", pa.string()),
                        ("tokens", pa.list_(pa.string())), ("ner_tags", pa.list_(pa.int64())),
                        ("spans", pa.list_(span)), ("coder", pa.string()), ("meta", pa.string())])
    value = lambda dtype: {"dtype": dtype, "_type": "Value"}  # noqa: E731
    features = {
        "id": value("string"), "title": value("string"), "text": value("string"),
        "tokens": {"feature": value("string"), "_type": "List"},
        "ner_tags": {"feature": {"names": tag_names, "_type": "ClassLabel"}, "_type": "List"},
        "spans": {"feature": {"start": value("int32"), "end": value("int32"), "label": value("string"),
                              "text": value("string"), "note": value("string")}, "_type": "List"},
        "coder": value("string"), "meta": value("string"),
    }
    return schema.with_metadata({"huggingface": json.dumps({"info": {"features": features}})})


def tag_names(labels: list[str]) -> list[str]:
    return ["O", *(f"{prefix}-{label}" for label in labels for prefix in ("B", "I"))]


@exporter("hf", "", "Hugging Face dataset folder: Parquet (tokens, BIO ner_tags, spans, coder) and a dataset card")
def write_hf(items, folder: Path, ctx) -> None:
    pa = _arrow()
    import pyarrow.parquet as pq

    parts = parse_split(ctx.option("split"))
    wanted = ctx.option("labels")
    labels = [name for name, _colour in ctx.labels if not wanted or name in wanted]
    names = tag_names(labels)
    index = {name: i for i, name in enumerate(names)}
    schema = _schema(pa, names)
    (folder / "data").mkdir()
    staging = folder / "data" / ".all.parquet"
    writer = pq.ParquetWriter(staging, schema)
    rows: list[dict] = []
    doc_of_row: list[int] = []
    documents: dict[int, int] = {}
    coders: dict[str, None] = {}
    layers: dict[int, dict[str, list]] = {}  # document -> coder -> spans, for the card's agreement line
    nested = 0
    for item in items:
        spans = [(s, e, label) for s, e, label, _note in item.spans]
        tokens = edge_tokens(item.text, [(s, e) for s, e, _ in spans])
        flat, rest = flat_spans(spans)
        nested += len(rest)
        rows.append({
            "id": item.id, "title": item.title, "text": item.text,
            "tokens": [item.text[s:e] for s, e in tokens],
            "ner_tags": [index[tag] for tag in bio(tokens, flat)],
            "spans": [{"start": s, "end": e, "label": label, "text": item.text[s:e], "note": note}
                      for s, e, label, note in item.spans],
            "coder": item.coder, "meta": json.dumps(item.meta, ensure_ascii=False, sort_keys=True),
        })
        doc_of_row.append(documents.setdefault(item.document_id, len(documents)))
        coders.setdefault(item.coder)
        layers.setdefault(doc_of_row[-1], {})[item.coder] = spans
        if len(rows) >= ROW_GROUP:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            rows = []
    if rows or not doc_of_row:
        writer.write_table(pa.Table.from_pylist(rows, schema=schema))
    writer.close()
    ctx.lost("nested or overlapping spans not in ner_tags (they are in the spans column)", nested)
    split_of_doc = assign_splits(len(documents), parts, ctx.option("seed") or 0)
    table = pq.read_table(staging)
    split_names = SPLIT_NAMES[len(parts)]
    counts = {}
    for number, name in enumerate(split_names):
        keep = [i for i, doc in enumerate(doc_of_row) if split_of_doc[doc] == number]
        if not keep and len(split_names) > 1:
            ctx(f"the {name} split has no documents ({len(documents)} document(s) in all); it is not written")
            continue
        part = table.take(pa.array(keep, type=pa.int64())) if len(split_names) > 1 else table
        pq.write_table(part, folder / "data" / f"{name}-00000-of-00001.parquet", row_group_size=ROW_GROUP)
        counts[name] = (part.num_rows, len({doc_of_row[i] for i in keep}), part.nbytes)
    staging.unlink()
    (folder / "README.md").write_text(dataset_card(ctx, names, counts, list(coders), ctx.option("split"),
                                                   ctx.option("seed") or 0, agreement(layers, list(coders))),
                                      encoding="utf-8")


def agreement(layers: dict[int, dict[str, list]], coders: list[str]) -> list[str]:
    """Card lines: span F1 (exact match) for each pair of coders, over the documents both have rows
    for (with the default --status done: the documents both marked done). Empty for one coder."""
    from annotator.agreement import span_prf

    lines = []
    for i, first in enumerate(coders):
        for second in coders[i + 1:]:
            shared = [doc for doc, by in sorted(layers.items()) if first in by and second in by]
            if not shared:
                continue
            # one offset space for all documents: document k's spans are moved past document k-1's
            ref, cand = [], []
            for k, doc in enumerate(shared):
                base = k << 32
                ref += [(base + s, base + e, label) for s, e, label in layers[doc][first]]
                cand += [(base + s, base + e, label) for s, e, label in layers[doc][second]]
            result = span_prf(ref, cand)
            f1 = "undefined (no spans)" if result["f1"] != result["f1"] else f"{result['f1']:.3f}"
            lines.append(f"| {first} | {second} | {len(shared)} | {f1} | {result['tp']} | {result['fp']} | "
                         f"{result['fn']} |")
    return lines


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def dataset_card(ctx, names: list[str], counts: dict[str, tuple[int, int, int]], coders: list[str],
                 split: str | None, seed: int, agreement_lines: list[str] = ()) -> str:
    licence = ctx.settings.get("license") or "unknown"
    lines = ["---", "language:", "- ar", f"license: {_q(licence)}", f"pretty_name: {_q(ctx.project_name)}",
             "task_categories:", "- token-classification", "task_ids:", "- named-entity-recognition",
             "annotators:", *(f"- {_q(c)}" for c in coders), "dataset_info:", "  features:",
             "  - name: id", "    dtype: string", "  - name: title", "    dtype: string",
             "  - name: text", "    dtype: string", "  - name: tokens", "    list: string",
             "  - name: ner_tags", "    list:", "      class_label:", "        names:",
             *(f"          '{i}': {_q(name)}" for i, name in enumerate(names)),
             "  - name: spans", "    list:",
             *(f"    - name: {field}\n      dtype: {dtype}" for field, dtype in
               (("start", "int32"), ("end", "int32"), ("label", "string"), ("text", "string"), ("note", "string"))),
             "  - name: coder", "    dtype: string", "  - name: meta", "    dtype: string",
             "  splits:", *(f"  - name: {name}\n    num_bytes: {size}\n    num_examples: {rows}"
                           for name, (rows, _d, size) in counts.items()),
             "configs:", "- config_name: default", "  data_files:",
             *(f"  - split: {name}\n    path: data/{name}-*.parquet" for name in counts), "---", ""]
    split_text = (f"Documents were shuffled with seed {seed} and cut {split} into "
                  f"{', '.join(counts)}; all rows of a document are in one split." if split else
                  "One split (train) with every exported document.")
    table = "\n".join(f"| {name} | {docs} | {rows} |" for name, (rows, docs, _size) in counts.items())
    body = [f"# {ctx.project_name}", "",
            "Arabic span annotations exported by arabic-annotator. Offsets in `spans` count Unicode code points "
            "(Python `str` indices) into `text`; `ner_tags` are BIO tags over `tokens` for the longest "
            "non-overlapping spans (nested ones are in `spans`).", "", split_text, "",
            "| split | documents | rows |", "|---|---|---|", table, "",
            f"Annotators: {', '.join(coders) or 'none'}. Labels: {', '.join(n[2:] for n in names[1::2]) or 'none'}.",
            "", *(["Agreement between annotators: span F1 with exact match (same start, end and label; coder A "
                   "as reference), over the documents both have here.", "",
                   "| coder A | coder B | documents | F1 | in both | only B | only A |",
                   "|---|---|---|---|---|---|---|", *agreement_lines, ""] if agreement_lines else []),
            "```python", "from datasets import load_dataset", "ds = load_dataset(\"path/to/this/folder\")",
            "names = ds[\"train\"].features[\"ner_tags\"].feature.names", "```", ""]
    return "\n".join(lines + body)


@importer("hf", (".parquet",), "Hugging Face dataset folder or Parquet files with text and spans")
def read_hf(path: Path, options: ImportOptions) -> Iterator[DocumentRecord]:
    if path.suffix.lower() != ".parquet":
        if path.name.lower() not in ("readme.md", "dataset_infos.json", ".gitattributes"):
            options.warn(f"{path}: not a Parquet file, skipped")
        return
    pa = _arrow()
    import pyarrow.parquet as pq

    source = str(path)
    try:
        parquet = pq.ParquetFile(path)
    except (pa.ArrowInvalid, OSError) as exc:
        raise InputError(f"not a readable Parquet file ({str(exc).splitlines()[0]})", source) from None
    columns = set(parquet.schema_arrow.names)
    if "text" not in columns:
        raise InputError(f"there is no 'text' column (columns: {', '.join(sorted(columns))})", source)
    wanted = [c for c in ("id", "title", "text", "spans", "coder", "meta") if c in columns]
    docs: dict[str, DocumentRecord] = {}
    row = 0
    for batch in parquet.iter_batches(batch_size=ROW_GROUP, columns=wanted):
        for data in batch.to_pylist():
            row += 1
            _row(data, row, source, docs, path.stem)
    yield from docs.values()


def _row(data: dict[str, Any], row: int, source: str, docs: dict[str, DocumentRecord], stem: str) -> None:
    where = f"row {row}"
    text = data.get("text")
    if not isinstance(text, str):
        raise InputError(f"{where}: 'text' must be a string, got {type(text).__name__}", source)
    spans: list[SpanRecord] = []
    for span in data.get("spans") or []:
        if not isinstance(span, dict):
            raise InputError(f"{where}: each span must be a struct with start, end and label", source)
        try:
            spans.append(check_span(text, span.get("start"), span.get("end"), span.get("label"), source, None,
                                    span.get("text"), span.get("note")))
        except InputError as exc:
            raise InputError(f"{where}: {exc.reason}", source) from None
    if not text.strip():
        return
    text, spans = normalize_with_offsets(text, spans)
    meta: Any = {}
    if data.get("meta"):
        try:
            meta = json.loads(data["meta"])
        except (TypeError, ValueError):
            raise InputError(f"{where}: 'meta' must be JSON text of an object", source) from None
        if not isinstance(meta, dict):
            raise InputError(f"{where}: 'meta' must be JSON text of an object", source)
    doc_id = data.get("id")
    doc = docs.get(text)
    if doc is None:
        doc = docs[text] = DocumentRecord(title=data.get("title") or doc_id or f"{stem} {row}", text=text,
                                          source=f"{source}, {where}", meta=meta,
                                          external_id=None if doc_id is None else str(doc_id))
    coder = data.get("coder")
    layer = doc.by_coder.setdefault(coder, []) if coder else doc.spans
    seen = {(s.start, s.end, s.label) for s in layer}
    layer.extend(s for s in spans if (s.start, s.end, s.label) not in seen)
