"""Read the report's input from a project: the documents every compared coder marked done, with
those coders' spans, and (for the gold section) the adjudicated documents.

No database here: ``collect`` reads any object with the ``Project`` read methods (see ``data``).
"""

from __future__ import annotations

from annotator.agreement.report.data import (
    MAX_LABELS,
    DocumentData,
    ReportError,
    ReportInput,
    check_names,
    ordinary_coders,
    status_value,
)
from annotator.agreement.report.gold import collect_gold


def collect(project, coders: list[str] | None = None, *, gold: bool = True) -> ReportInput:
    """Read the documents that every compared coder marked done, with those coders' spans; with
    ``gold``, also the adjudicated documents for the report's gold section (``report.gold``)."""
    known = ordinary_coders(project)
    by_name = {c.name: c for c in known}
    if coders is None:
        names = [c.name for c in known]
    else:
        names = list(dict.fromkeys(coders))
        check_names(names, by_name)
    if len(names) < 2:
        raise ReportError(f"agreement needs at least two coders; the project has {len(names)} "
                          f"({', '.join(names) or 'none'}); to compare coders with the gold layer only, "
                          "use --gold-only")
    labels = {label.id: label.name for label in project.labels()}
    if len(labels) > MAX_LABELS:
        raise ReportError(f"the report handles at most {MAX_LABELS} labels; the project has {len(labels)}")
    statuses = {n: project.statuses(by_name[n].id) for n in names}
    id_to_name = {by_name[n].id: n for n in names}
    documents, excluded = [], []
    for info in project.documents():
        missing = [n for n in names if status_value(statuses[n].get(info.id)) != "done"]
        if missing:
            excluded.append({"id": info.id, "title": info.title, "not_done_by": missing})
            continue
        doc = project.document(info.id)
        spans: dict[str, list[tuple[int, int, str]]] = {n: [] for n in names}
        if hasattr(project, "span_rows"):
            for _id, coder_id, label_id, start, end, _note in project.span_rows(info.id):
                if coder_id in id_to_name:
                    spans[id_to_name[coder_id]].append((start, end, labels[label_id]))
        else:
            for n in names:
                spans[n] = [(s.start, s.end, labels[s.label_id]) for s in project.spans(info.id, by_name[n].id)]
        documents.append(DocumentData(info.id, info.title, doc.text, spans, dict(getattr(doc, "meta", {}) or {})))
    result = ReportInput(names, list(labels.values()), documents, excluded)
    if gold:
        result.gold = collect_gold(project, names, texts={d.id: d.text for d in documents})
    return result
