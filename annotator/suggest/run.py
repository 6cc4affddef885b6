"""Run a source over a project and store what it proposes: ``annotator suggest`` and the GUI's
Suggest menu both call :func:`suggest_project`.

It takes the project as an object (``annotator.store.Project``'s public methods: documents,
document, spans, statuses, labels, coders, suggestions, transaction), so this package still imports
nothing but ``core``. Everything it proposes goes into the suggestions layer in one transaction
(all or nothing); what the coder already has, or rejected, is left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from annotator.core.errors import InputError
from annotator.core.model import DocStatus
from annotator.suggest.base import Request, Seed
from annotator.suggest.registry import make_source

Progress = Callable[[int, int], None]


@dataclass
class RunReport:
    source: str
    coder: str
    documents: int = 0
    proposed: int = 0
    added: int = 0
    updated: int = 0
    below_score: int = 0
    known: int = 0
    unknown_labels: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        text = (f"{self.source}: {self.proposed} suggestion(s) on {self.documents} document(s) for {self.coder}: "
                f"{self.added} new, {self.updated} updated")
        if self.known:
            text += f", {self.known} left out (the coder has them or rejected them)"
        if self.below_score:
            text += f", {self.below_score} below the minimum score"
        if self.unknown_labels:
            text += "; labels not in the project, left out: " + ", ".join(
                f"{name} ({n})" for name, n in sorted(self.unknown_labels.items()))
        return text


def suggest_project(project, spec: str, coder: str, *, documents: str = "unfinished", min_score: float = 0.0,
                    labels: list[str] | None = None, options: dict | None = None,
                    progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
                    only_documents: list[int] | None = None) -> RunReport:
    """Run the source ``spec`` on the coder's unfinished (or all) documents and store its suggestions."""
    if documents not in ("unfinished", "all"):
        raise InputError(f"unknown document choice {documents!r} (expected unfinished or all)")
    if not 0 <= min_score <= 1:
        raise InputError(f"--min-score must be between 0 and 1, got {min_score}")
    source = make_source(spec)
    who = project.coder(coder)
    if who is None:
        raise InputError(f"there is no coder {coder!r} in the project")
    schema = project.labels()
    names = schema.names()
    if labels:
        unknown = [name for name in labels if name not in names]
        if unknown:
            raise InputError(f"unknown label(s) {', '.join(unknown)} (labels: {', '.join(names)})")
    wanted = labels or names
    statuses = project.statuses(who.id)
    infos = [d for d in project.documents() if documents == "all" or statuses.get(d.id) != DocStatus.DONE]
    if only_documents is not None:
        infos = [d for d in infos if d.id in set(only_documents)]
    report = RunReport(spec, coder, documents=len(infos))
    label_name = {label.id: label.name for label in schema}
    seeds: list[Seed] = []
    mine: dict[int, list[tuple[int, int, str]]] = {}
    texts: dict[int, str] = {}
    if getattr(source, "wants_seeds", False):
        for info in project.documents():
            spans = project.spans(info.id, who.id)
            if not spans:
                continue
            text = project.document(info.id).text
            texts[info.id] = text
            seeds += [Seed(text[s.start:s.end], label_name[s.label_id]) for s in spans
                      if label_name[s.label_id] in wanted]
    total = len(infos)

    def docs():
        for n, info in enumerate(infos, 1):
            if cancelled is not None and cancelled():
                raise InputError("cancelled; nothing was stored")
            mine[info.id] = [(s.start, s.end, label_name[s.label_id]) for s in project.spans(info.id, who.id)]
            yield info.id, texts.pop(info.id, None) or project.document(info.id).text
            if progress is not None:
                progress(n, total)

    rejected = project.rejected_keys(who.id)
    label_id = {label.name: label.id for label in schema}
    rows = []
    request = Request(documents=docs(), seeds=seeds, labels=wanted, options=dict(options or {}))
    for s in source.suggest(request):
        report.proposed += 1
        if s.label not in label_id or s.label not in wanted:
            report.unknown_labels[s.label] = report.unknown_labels.get(s.label, 0) + 1
            continue
        if s.score < min_score:
            report.below_score += 1
            continue
        if (s.document_id, s.start, s.end, label_id[s.label], s.source) in rejected or any(
                (lab == s.label and a < s.end and s.start < b) or (a, b) == (s.start, s.end)
                for a, b, lab in mine.get(s.document_id, ())):
            report.known += 1
            continue
        rows.append((s.document_id, s.start, s.end, label_id[s.label], float(s.score), s.source, s.value))
    with project.transaction() as tx:
        report.added, report.updated = tx.put_suggestions(rows)
    return report
