"""Merge coders' copies of a project into one (``annotator merge TARGET SOURCE...``).

The desktop workflow: the lead makes a project with the documents, sends each coder a copy, each
coder annotates under their own name, and the lead merges the copies back. The rules:

* **Documents** are matched by the sha256 of their text. A source document whose text is not in the
  target is added (title, metadata and external id kept; an external id that the target already
  uses for another text is an error).
* **Labels** are matched by name. A label that a copied span uses but the target lacks is an error
  naming it, unless ``add_labels=True`` (CLI ``--add-labels``), which adds every missing source label
  (colour kept; hotkey kept when free). Same rule as ``annotator import --add-labels``.
* **Coders** are matched by name and added when missing.
* A coder has *work* on a document in a file when they have spans on it or a status other than new.
  Work in the source and none in the target: copied. Work in both with the same spans (start, end,
  label, note; as a multiset): nothing to copy, the merge is idempotent. Work in both with
  different spans: a **conflict**. Conflicts are collected over every source and then abort the whole
  merge (nothing is changed), unless ``prefer="source"`` or ``"target"`` says which side wins; the
  winner's spans replace the loser's for that coder on that document.
* **Statuses** (new < in progress < done): when the spans agree (or were copied), the more advanced
  status of the two is kept; when a conflict is settled by ``prefer``, the status follows the winner.
* All sources are merged in ONE transaction, in the order given: all or nothing. Sources are opened
  read-only and never changed.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import Iterable

from sqlalchemy import delete

from annotator.core.changes import Change
from annotator.core.errors import ProjectError
from annotator.store.location import display, is_server_url
from annotator.store.merge_report import MergeConflict, MergeConflictError, MergeReport
from annotator.store.merge_sides import Key, Pair, Source, TargetState, open_source
from annotator.store.rows import load_json
from annotator.store.models import SpanRow
from annotator.store.project import Project

__all__ = ["PREFER", "MergeConflict", "MergeConflictError", "MergeReport", "merge_projects"]

PREFER = (None, "source", "target")
_RANK = {"new": 0, "in_progress": 1, "done": 2}


def merge_projects(target: Project, sources: Iterable[str | os.PathLike], prefer: str | None = None,
                   *, add_labels: bool = False) -> MergeReport:
    """Merge each source file into ``target`` (open read-write) in one transaction; see the module
    docstring for the rules. Raises ``MergeConflictError`` (nothing changed) on unsettled conflicts
    and ``ProjectError`` on any other problem (also nothing changed)."""
    if prefer not in PREFER:
        raise ProjectError(f"prefer must be 'source', 'target' or None, not {prefer!r}")
    sources = list(sources)
    for source in sources:
        if is_server_url(source):  # Path() would turn the URL into a path that names nothing
            raise ProjectError(f"{display(source)}: merge takes project files (a coder's copy); copy a server "
                               "project to a file first (annotator copy URL FILE)")
    sources = [Path(s) for s in sources]
    if not sources:
        raise ProjectError("nothing to merge: give at least one source project")
    for source in sources:
        if source.exists() and target.path is not None and target.path.exists() and os.path.samefile(source, target.path):
            raise ProjectError(f"{source}: this is the target itself; a project cannot be merged into itself")
    report = MergeReport(sources=[str(s) for s in sources])
    with target.transaction() as tx:
        state = TargetState(tx)
        for path in sources:
            source, project = open_source(path)
            try:
                _merge_one(tx, state, source, prefer, add_labels, report)
            finally:
                source.close()
                project.close()
        if report.conflicts and prefer is None:
            raise MergeConflictError(report.conflicts)
    return report


def _merge_one(tx, state: TargetState, source: Source, prefer, add_labels, report) -> None:
    _merge_labels(tx, state, source, add_labels, report)
    doc_map = _merge_documents(tx, state, source, report)
    label_map = {label_id: state.labels.get(name) for label_id, (name, _c, _h) in source.labels.items()}
    coder_map: dict[int, int] = {}
    statuses = source.statuses
    for chunk, spans in source.span_batches():
        pairs = sorted(set(spans) | source.worked(chunk))
        plan: list[tuple[Pair, Pair, list]] = []  # (source pair, target pair, their spans)
        for doc, coder in pairs:
            if coder not in coder_map:
                name, is_gold = source.coders[coder]
                if name not in state.coders:
                    state.coders[name] = tx.ensure_coder(name, is_gold=is_gold).id
                    report.coders_added.append(name)
                coder_map[coder] = state.coders[name]
            theirs, dropped = _once([(start, end, label_map[label], note)
                                     for start, end, label, note in spans.get((doc, coder), ())])
            report.duplicates_dropped += dropped
            plan.append(((doc, coder), (doc_map[doc][0], coder_map[coder]), theirs))
        ours_of = state.spans_of({key for _pair, key, _theirs in plan if key in state.with_spans})
        pending: list[tuple[int, int, int, int, int, str | None]] = []
        for (doc, coder), key, theirs in plan:
            their_status = statuses.get((doc, coder), "new")
            our_status = state.statuses.get(key, "new")
            if not state.has_work(key):
                report.copied += 1
                _replace(tx, state, key, theirs, [], pending, report)
                _set_status(state, tx, key, _more_advanced(our_status, their_status), report)
                continue
            ours, _ = _once(ours_of.get(key, []))
            if Counter(ours) == Counter(theirs):
                report.unchanged += 1
                _set_status(state, tx, key, _more_advanced(our_status, their_status), report)
                continue
            report.conflicts.append(MergeConflict(source.path, doc_map[doc][1], source.documents[doc][0],
                                                  source.coders[coder][0], len(ours), len(theirs)))
            if prefer == "source":
                report.replaced += 1
                _replace(tx, state, key, theirs, ours, pending, report)
                _set_status(state, tx, key, their_status, report)
            elif prefer == "target":
                report.kept += 1
        tx.add_spans(pending)
    state.write_statuses(tx.conn)


def _merge_labels(tx, state: TargetState, source: Source, add_labels: bool, report: MergeReport) -> None:
    missing = [(label_id, name, color, hotkey) for label_id, (name, color, hotkey) in source.labels.items()
               if name not in state.labels]
    if not missing:
        return
    if not add_labels:
        needed = sorted(name for label_id, name, _c, _h in missing if label_id in source.used_labels)
        if needed:
            raise ProjectError(f"{source.path}: label(s) {', '.join(map(repr, needed))} are used by its spans but "
                               f"are not in the target's labels; add them to the target first or use --add-labels")
        return
    for _label_id, name, color, hotkey in missing:
        key = hotkey if hotkey and hotkey not in state.hotkeys else None
        label = tx.add_label(name, color, key)
        state.labels[name] = label.id
        if key:
            state.hotkeys.add(key)
        report.labels_added.append(name)


def _merge_documents(tx, state: TargetState, source: Source, report: MergeReport) -> dict[int, tuple[int, str]]:
    doc_map: dict[int, tuple[int, str]] = {}
    new: list[int] = []
    for doc_id, (sha, title, external_id, _meta_json) in source.documents.items():
        found = state.documents.get(sha)
        if found is not None:
            doc_map[doc_id] = found
            report.documents_matched += 1
            continue
        if external_id is not None and external_id in state.external_ids:
            raise ProjectError(f"{source.path}: document {title!r} has the id {external_id!r}, which the target "
                               "already uses for a document with a different text")
        new.append(doc_id)
        if external_id is not None:
            state.external_ids[external_id] = sha
    for at in range(0, len(new), 200):
        chunk = new[at:at + 200]
        texts = source.text_of(chunk)
        docs = []
        for doc_id in chunk:
            _sha, title, external_id, meta_json = source.documents[doc_id]
            docs.append((title, texts[doc_id], load_json(meta_json, {}, "a document's metadata"), external_id))
        for doc_id, info in zip(chunk, tx.add_documents(docs)):
            sha, title, _external_id, _meta = source.documents[doc_id]
            if info is None or info.sha256 != sha:
                raise ProjectError(f"{source.path}: document {title!r} is damaged (its text does not match its "
                                   "stored sha256)")
            state.documents[sha] = doc_map[doc_id] = (info.id, title)
            report.documents_added += 1
    return doc_map


def _replace(tx, state: TargetState, key: Pair, spans: list[Key], old: list[Key], pending: list, report) -> None:
    document_id, coder_id = key
    if old:
        tx.conn.execute(delete(SpanRow).where(SpanRow.document_id == document_id, SpanRow.coder_id == coder_id))
        report.spans_removed += len(old)
        tx.changes.append(Change("span", document_id, coder_id))
    pending.extend((document_id, coder_id, label, start, end, note) for start, end, label, note in spans)
    report.spans_added += len(spans)
    if spans:
        state.with_spans.add(key)
    else:
        state.with_spans.discard(key)


def _once(spans: list[Key]) -> tuple[list[Key], int]:
    """``spans`` with each (start, end, label) kept once (the first, with its note), and how many
    repeats were dropped: a file written before the store refused duplicates may hold some."""
    seen: set[tuple[int, int, int]] = set()
    out = []
    for span in spans:
        if span[:3] not in seen:
            seen.add(span[:3])
            out.append(span)
    return out, len(spans) - len(out)


def _more_advanced(a: str, b: str) -> str:
    return a if _RANK.get(a, 0) >= _RANK.get(b, 0) else b


def _set_status(state: TargetState, tx, key: Pair, status: str, report: MergeReport) -> None:
    """Record a status change; ``state.write_statuses`` writes them all with two executemany."""
    old = state.statuses.get(key, "new")
    if old == status:
        return
    pending_row = key in state.status_inserts or key not in state.statuses
    (state.status_inserts if pending_row else state.status_updates)[key] = status
    tx.changes.append(Change("status", *key))
    state.statuses[key] = status
    report.statuses_changed += 1
