"""Export a project: choose coders, statuses and labels, stream (document, coder) items out of
the store in batches, and write them atomically (a temporary file or folder, then a rename).

Memory stays flat with the corpus: documents are read ``BATCH`` at a time with one span query per
batch (ordered), and the writer gets one item at a time.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from annotator.core.collector import collector_paused
from annotator.formats.atomic import atomic_folder, atomic_text_file
from annotator.core.errors import AnnotatorError, InputError, ProjectError

BATCH = 500


class ExportCancelled(AnnotatorError):
    def __init__(self) -> None:
        super().__init__("export cancelled; nothing was written")


@dataclass
class ExportOptions:
    coder: str | None = None          # None: the project's default coder, or its only coder
    all_coders: bool = False
    status: str = "done"              # "done": only documents the coder marked done; "all"
    labels: list[str] | None = None   # only these labels (None: all)
    gold: bool = False                # the adjudicated gold layer instead of a coder
    provenance: bool = False          # gold: each span's provenance in its "meta" (JSONL)
    split: str | None = None          # hf: "80/10/10" train/validation/test, by document
    seed: int = 0                     # hf: the shuffle of --split
    align: str = "expand"             # spacy: spans that cut tokens: expand, contract or strict


@dataclass
class ExportItem:
    """One document as one coder annotated it; ``spans`` sorted ``(start, end, label, note)``."""

    document_id: int
    id: str
    title: str
    text: str
    meta: dict
    coder: str
    spans: list[tuple[int, int, str, str | None]]
    all_coders: bool = False          # part of an export of every coder's records
    provenance: dict[tuple[int, int, str], dict] | None = None  # gold spans' provenance, when asked
    # Issue 16's layers (parallel to ``spans``): each span's attributes, and for a span of a label
    # with figure values its value (``extras[i] = (attrs, True, value)``; ``(attrs, False, None)``
    # for other labels); relations as ``(head index, child index, type name)`` into ``spans``; the
    # coder's document labels, flags and comment.
    extras: list[tuple[dict, bool, dict | None]] = field(default_factory=list)
    relations: list[tuple[int, int, str]] = field(default_factory=list)
    doc_labels: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    comment: str | None = None

    def extra(self, index: int) -> tuple[dict, bool, dict | None]:
        return self.extras[index] if index < len(self.extras) else ({}, False, None)


@dataclass
class ExportReport:
    path: str = ""
    format: str = ""
    documents: int = 0                 # distinct documents written
    items: int = 0                     # (document, coder) records written
    spans: int = 0
    coders: list[str] = field(default_factory=list)
    labels: Counter = field(default_factory=Counter)
    left_out: int = 0                  # documents (or document-coder pairs) not done, left out
    status: str = "done"
    warnings: list[str] = field(default_factory=list)
    losses: Counter = field(default_factory=Counter)  # what the format could not carry, per reason

    def summary(self) -> str:
        labels = ", ".join(f"{name} {count}" for name, count in sorted(self.labels.items())) or "none"
        lines = [f"exported {self.items} record(s) of {self.documents} document(s) with {self.spans} span(s) "
                 f"to {self.path} ({self.format})",
                 f"  coders: {', '.join(self.coders) or 'none'}; status: {self.status}",
                 f"  labels: {labels}"]
        if self.left_out:
            lines.append(f"  left out {self.left_out} document(s) not marked done "
                         "(use --status all to include them)")
        if self.losses:
            lines.append("  not carried as it was (per reason):")
            lines.extend(f"    {count} {reason}" for reason, count in sorted(self.losses.items()))
        if self.warnings:
            lines.append(f"  {len(self.warnings)} warning(s)")
        return "\n".join(lines)


def export_project(project, out: str | os.PathLike, fmt: str = "jsonl", options: ExportOptions | None = None,
                   progress: Callable[[int, int], None] | None = None,
                   cancelled: Callable[[], bool] | None = None,
                   warn: Callable[[str], None] | None = None) -> ExportReport:
    """Write the export to ``out`` (a file, or a folder for brat). Nothing is written unless it all
    succeeds; ``progress(done, total)`` after each document, ``cancelled()`` true stops it."""
    from annotator.formats.registry import EXPORTERS, _load_builtin_formats

    _load_builtin_formats()
    if fmt not in EXPORTERS:
        raise InputError(f"unknown export format {fmt!r} (known: {', '.join(sorted(EXPORTERS))})")
    exporter = EXPORTERS[fmt]
    options = options or ExportOptions()
    report = ExportReport(path=str(out), format=fmt, status=options.status)

    def note(message: str) -> None:
        report.warnings.append(message)
        if warn is not None:
            warn(message)

    from annotator.formats.context import ExportContext

    labels = project.labels()
    ctx = ExportContext(options=options, labels=[(label.name, label.color) for label in labels],
                        project_name=_project_name(project),
                        settings={"license": project.setting("license")}, warn=note, losses=report.losses)
    with project.snapshot() as snap:
        ctx.layers = snap.layer_counts(list(resolve_coders(project, options)))
    ctx.relation_types = [(t.name, t.color) for t in project.relation_types()]
    ctx.attributes = {label.name: tuple(label.attributes) for label in labels}
    ctx.doc_label_groups = tuple(project.doc_label_groups())
    items = iter_items(project, options, report, progress, cancelled)
    if fmt not in RICH_FORMATS:
        items = _count_layer_losses(items, fmt, ctx)
    out = Path(out)
    with collector_paused():  # a million spans' tuples and dicts, no cycles among them
        if exporter.extension:
            _write_file_atomically(out, lambda fh: exporter.write(items, fh, ctx), binary=exporter.binary)
        else:
            _write_folder_atomically(out, lambda folder: exporter.write(items, folder, ctx))
    return report


# The formats that carry issue 16's layers (relations, attributes, figure values, document labels);
# every other export says, per kind, how many it could not carry. Label Studio carries all but figure
# values, and counts those itself.
RICH_FORMATS = frozenset({"jsonl", "doccano", "brat", "labelstudio"})
RELATION_FORMATS = frozenset({"prodigy", "xmi"})  # relations only (rel.manual, custom.Relation); others counted


def _count_layer_losses(items: Iterator["ExportItem"], fmt: str, ctx) -> Iterator["ExportItem"]:
    relations = fmt not in RELATION_FORMATS
    for item in items:
        if relations:
            ctx.lost(f"relations ({fmt} cannot carry them; jsonl, doccano, brat, labelstudio, prodigy and xmi do)",
                     len(item.relations))
        ctx.lost(f"spans' attribute values ({fmt} cannot carry them)", sum(bool(e[0]) for e in item.extras))
        ctx.lost(f"figure values ({fmt} cannot carry them)", sum(bool(e[1]) for e in item.extras))
        ctx.lost(f"documents' labels, flags or comment ({fmt} cannot carry them)",
                 int(bool(item.doc_labels or item.flags or item.comment)))
        yield item


def _project_name(project) -> str:
    """The file's stem, or a team project's database name (it has no file: ``path`` is None)."""
    path = getattr(project, "path", None)
    if path:
        return Path(path).stem
    return str(getattr(project, "name", "") or "project").split("@")[0].rsplit("/", 1)[-1] or "project"


def _write_file_atomically(out: Path, write: Callable, binary: bool = False) -> None:
    if out.is_dir():
        raise InputError("is a folder; give a file name for the export", str(out))
    if not out.parent.is_dir():
        raise InputError(f"no such folder: {out.parent}", str(out))
    with atomic_text_file(out, binary=binary) as fh:
        write(fh)


def _write_folder_atomically(out: Path, write: Callable) -> None:
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise InputError("already exists; give a new (or empty) folder for this export", str(out))
    if not out.parent.is_dir():
        raise InputError(f"no such folder: {out.parent}", str(out))
    with atomic_folder(out) as tmp:
        write(tmp)


def resolve_coders(project, options: ExportOptions) -> dict[int, str]:
    """The coders to export, ``{id: name}`` in name order."""
    if options.gold:
        if options.coder or options.all_coders:
            raise InputError("--gold exports the gold layer: do not combine it with --coder or --all-coders")
        gold = project.gold_coder()
        if gold is None:
            raise ProjectError("the project has no gold layer yet: run 'annotator adjudicate' or adjudicate "
                               "in the review view first")
        return {gold.id: gold.name}
    if options.provenance:
        raise InputError("--provenance goes with --gold (only gold spans carry provenance)")
    coders = {c.id: c.name for c in project.coders(include_gold=False)}
    if not coders:
        raise ProjectError("no coder has annotated this project yet; there is nothing to export")
    if options.all_coders:
        return dict(sorted(coders.items(), key=lambda kv: kv[1]))
    name = options.coder or project.setting("default_coder")
    if name is None:
        if len(coders) > 1:
            raise InputError(f"the project has several coders ({', '.join(sorted(coders.values()))}); "
                             "choose one with --coder NAME, or use --all-coders")
        name = next(iter(coders.values()))
    for coder_id, coder_name in coders.items():
        if coder_name == name:
            return {coder_id: coder_name}
    raise InputError(f"there is no coder {name!r} in the project (coders: {', '.join(sorted(coders.values()))})")


def _provenance(raw: str) -> dict | None:
    import json

    try:
        value = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def figure_value(text: str, start: int, end: int) -> dict | None:
    from annotator.core.figure_value import span_value

    return span_value(text, start, end)


def iter_items(project, options: ExportOptions, report: ExportReport,
               progress: Callable[[int, int], None] | None = None,
               cancelled: Callable[[], bool] | None = None) -> Iterator[ExportItem]:
    if options.status not in ("done", "all"):
        raise InputError(f"unknown status filter {options.status!r} (expected done or all)")
    coders = resolve_coders(project, options)
    report.coders = list(coders.values())
    label_names = {label.id: label.name for label in project.labels()}
    wanted_labels = None
    if options.labels:
        unknown = [name for name in options.labels if name not in label_names.values()]
        if unknown:
            raise InputError(f"unknown label(s) {', '.join(unknown)} (labels: {', '.join(label_names.values())})")
        wanted_labels = {i for i, name in label_names.items() if name in options.labels}
    coder_ids = list(coders)
    labels = list(project.labels())
    figure_labels = {label.id for label in labels if label.figure_values}
    type_names = {t.id: t.name for t in project.relation_types()}
    # A consistent snapshot for the whole export: one read transaction on one connection.
    with project.snapshot() as snap:
        total = snap.document_count()
        done = 0
        for documents in snap.document_batches(BATCH):
            batch = [doc.id for doc in documents]
            texts = {doc.id: doc.text for doc in documents}
            status = snap.statuses(batch, coder_ids)
            # Per span: (sort key, (start, end, label, note), span id, extras, provenance). The sort key
            # (start, end, label name, note or "", span id) is unique (the span id), so sorting the
            # tuples themselves never compares past it; the rows come ordered by (document, coder).
            spans: dict[tuple[int, int], list] = {}
            key, here = None, None
            with_provenance = options.provenance
            for doc_id, coder_id, span_id, label_id, start, end, note, prov, attrs, value, by in snap.layer_spans(
                    batch, coder_ids):
                if wanted_labels is not None and label_id not in wanted_labels:
                    continue
                if label_id in figure_labels:
                    if by is None:  # never written since schema 5: computed now
                        value = figure_value(texts[doc_id], start, end)
                    extra = (attrs or {}, True, value)
                else:
                    extra = (attrs or {}, False, None)
                if (doc_id, coder_id) != key:
                    key = (doc_id, coder_id)
                    here = spans.setdefault(key, [])
                name = label_names[label_id]
                here.append(((start, end, name, note or "", span_id), (start, end, name, note), span_id, extra,
                             _provenance(prov) if with_provenance and prov else None))
            relations: dict[tuple[int, int], list] = {}
            for doc_id, coder_id, type_id, head_id, child_id in snap.relation_tuples(batch, coder_ids):
                relations.setdefault((doc_id, coder_id), []).append((head_id, child_id, type_names[type_id]))
            doc_labels = snap.doc_label_map(batch, coder_ids)
            for doc in documents:
                if cancelled is not None and cancelled():
                    raise ExportCancelled()
                doc_id = doc.id
                wrote = False
                for coder_id, coder_name in coders.items():
                    key = (doc_id, coder_id)
                    if options.status == "done" and status.get(key) != "done":
                        if not options.all_coders or key in status or key in spans:
                            report.left_out += 1
                        continue
                    if options.all_coders and options.status == "all" and key not in status and key not in spans \
                            and key not in doc_labels:
                        continue
                    rows = spans.get(key, [])
                    rows.sort()
                    doc_spans = [r[1] for r in rows]
                    rels = relations.get(key)
                    if rels:
                        index = {r[2]: i for i, r in enumerate(rows)}
                        rels = sorted((index[h], index[c], name) for h, c, name in rels if h in index and c in index)
                    else:
                        rels = []
                    report.items += 1
                    report.spans += len(doc_spans)
                    report.labels.update(s[2] for s in doc_spans)
                    wrote = True
                    labelled = doc_labels.get(key)
                    provenance = {r[1][:3]: r[4] for r in rows if r[4]} if options.provenance else None
                    yield ExportItem(doc_id, doc.external_id or f"doc-{doc_id}", doc.title, doc.text,
                                     dict(doc.meta), coder_name, doc_spans, options.all_coders, provenance,
                                     [r[3] for r in rows], rels,
                                     labelled.labels if labelled else (), labelled.flags if labelled else (),
                                     labelled.comment if labelled else None)
                report.documents += wrote
                done += 1
                if progress is not None:
                    progress(done, total)
