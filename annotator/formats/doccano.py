"""doccano's sequence-labelling JSONL: ``{"id", "text", "label": [[start, end, label], ...], "meta",
"coder"}``. Reading is the JSONL reader (it knows this shape); ``--format doccano`` just names it."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator, TextIO

from annotator.formats.exporting import ExportItem
from annotator.formats.jsonl import dump_line, item_header, read_jsonl
from annotator.formats.registry import DocumentRecord, ImportOptions, exporter, importer


@importer("doccano", (), "doccano JSONL {text, label: [[start, end, label], ...]}", patterns=("*.jsonl",))
def read_doccano(path: Path, options: ImportOptions) -> Iterator[DocumentRecord]:
    return read_jsonl(path, options)


@exporter("doccano", ".jsonl", "doccano JSONL {id, text, label: [[start, end, label]], meta, coder}")
def write_doccano(items: Iterator[ExportItem], out: TextIO, warn: Callable[[str], None] = lambda m: None) -> None:
    for item in items:
        obj = item_header(item)
        obj["label"] = [[start, end, label] for start, end, label, _note in item.spans]
        obj["meta"] = item.meta
        obj["coder"] = item.coder
        dump_line(obj, out)
