"""doccano's sequence-labelling JSONL: ``{"id", "text", "label": [[start, end, label], ...], "meta",
"coder"}``, and its relation form (a project with relations, attributes, figure values or document
labels): ``{"id", "text", "entities": [{"id", "label", "start_offset", "end_offset", "attrs"?,
"value"?}], "relations": [{"id", "from_id", "to_id", "type"}], "doc_labels"?, "flags"?,
"comment"?, "meta", "coder"}`` (doccano reads ``entities`` and ``relations``; the other keys are
ours and it leaves them). Reading is the JSONL reader (it knows both shapes); ``--format doccano``
just names it."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator, TextIO

from annotator.formats import layers
from annotator.formats.exporting import ExportItem
from annotator.formats.jsonl import dump_line, item_header, read_jsonl
from annotator.formats.registry import DocumentRecord, ImportOptions, exporter, importer


@importer("doccano", (), "doccano JSONL {text, label: [[start, end, label], ...]}", patterns=("*.jsonl",))
def read_doccano(path: Path, options: ImportOptions) -> Iterator[DocumentRecord]:
    return read_jsonl(path, options)


@exporter("doccano", ".jsonl", "doccano JSONL {id, text, label: [[start, end, label]], meta, coder}")
def write_doccano(items: Iterator[ExportItem], out: TextIO, warn: Callable[[str], None] = lambda m: None) -> None:
    rich = getattr(warn, "rich", False)
    lost = getattr(warn, "lost", lambda reason, count=1: None)  # the export context counts per reason
    for item in items:
        lost("span notes (doccano's spans have none; jsonl and brat carry them)", sum(bool(s[3]) for s in item.spans))
        obj = item_header(item)
        if rich:
            obj["entities"] = [layers.spans_out(item, i, span, {"id": i + 1, "label": span[2], "start_offset": span[0],
                                                                "end_offset": span[1]})
                               for i, span in enumerate(item.spans)]
            obj["relations"] = [{"id": n + 1, "from_id": head + 1, "to_id": child + 1, "type": name}
                                for n, (head, child, name) in enumerate(item.relations)]
            layers.record_out(item, obj, with_relations=False)
        else:
            obj["label"] = [[start, end, label] for start, end, label, _note in item.spans]
        obj["meta"] = item.meta
        obj["coder"] = item.coder
        dump_line(obj, out)
