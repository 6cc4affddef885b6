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
* A coder has *work* on a document in a file when they have spans on it, document labels (or flags,
  a comment) or a status other than new. Their work is the spans (with attributes and figure
  values), the relations, the document labels and the status. Work in the source and none in the
  target: copied. The same work in both (spans as a multiset of start, end, label, note, attributes
  and a coder's corrected value; relations by type and their ends; document labels, flags and
  comment): nothing to copy, the merge is idempotent. Different work in both: a **conflict**.
  Conflicts are collected over every source and then abort the whole merge (nothing is changed),
  unless ``prefer="source"`` or ``"target"`` says which side wins; the winner's work replaces the
  loser's for that coder on that document.
* Issue 16's layers and the schema they need: ``merge_layers`` (relation ends are remapped to the
  merged spans; one that cannot be is reported, never written).
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

from annotator.core.changes import Change
from annotator.core.errors import ProjectError
from annotator.store.location import display, is_server_url
from annotator.store.merge_layers import SchemaFit, compare_key, fit_schema
from annotator.store.merge_report import MergeConflict, MergeConflictError, MergeReport
from annotator.store.merge_sides import Key, Pair, Source, TargetState, open_source
from annotator.store.merge_writes import Side as _Side
from annotator.store.merge_writes import attachments
from annotator.store.rows import load_json
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
    with attachments(target) as attached, target.transaction() as tx:
        state = TargetState(tx)
        state.attached = attached
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
    fit_schema(tx, source.path, source.layers, state.labels, add_labels, report.schema_added)
    fit = SchemaFit.of(tx, source.path)
    doc_map = _merge_documents(tx, state, source, report)
    label_map = {label_id: state.labels.get(name) for label_id, (name, _c, _h) in source.labels.items()}
    type_map = {type_id: fit.types[t.name].id for type_id, t in source.layers.types.items() if t.name in fit.types}
    side = _Side(tx, state, source, fit, label_map, type_map, doc_map, report)
    coder_map: dict[int, int] = {}
    statuses = source.statuses
    in_sql = side.sql_copy_ready()  # a SQLite target and a plain source: new pairs copied by INSERT ... SELECT

    def target_key(pair: Pair) -> Pair:
        doc, coder = pair
        if coder not in coder_map:
            name, is_gold = source.coders[coder]
            if name not in state.coders:
                state.coders[name] = tx.ensure_coder(name, is_gold=is_gold).id
                report.coders_added.append(name)
            coder_map[coder] = state.coders[name]
        return doc_map[doc][0], coder_map[coder]

    for chunk in source.chunks():
        relations = side.read_relations(chunk)
        counts = source.span_counts(chunk) if in_sql else None
        spans = None if in_sql else source.spans_of(chunk)
        work = [(pair, key, state.has_work(key)) for pair in sorted(set(counts if spans is None else spans) | source.worked(chunk))
                for key in (target_key(pair),)]
        if spans is None and any(has for _pair, _key, has in work):
            spans = source.spans_of(chunk)  # a comparison needs the spans: this batch goes through Python
        if spans is None:
            side.copy_in_sql(chunk, [(pair, key) for pair, key, _has in work if pair in counts], counts)
        pending: list[tuple] = []
        compared: list[tuple[Pair, Pair]] = []  # (source pair, target pair) with work on both sides
        for pair, key, has in work:
            if has:
                compared.append((pair, key))
                continue
            report.copied += 1
            if spans is None:
                side.replace(pair, key, side.work(pair, key, (), relations), None, pending, copied=counts.get(pair, 0))
            else:
                side.replace(pair, key, side.work(pair, key, spans.get(pair, ()), relations), None, pending)
            _set_status(state, tx, key, _more_advanced(state.statuses.get(key, "new"), statuses.get(pair, "new")),
                        report)
        if compared:
            _compare(tx, state, side, source, prefer, report, compared, spans, relations, pending)
        side.write(pending)
    side.sql_copy_done()
    state.write_statuses(tx.conn)


def _compare(tx, state, side, source, prefer, report, compared, spans, relations, pending) -> None:
    """The pairs of a batch that have work in the target too: the same work, or a conflict."""
    keys = {key for _pair, key in compared}
    ours_of = state.spans_of({key for key in keys if key in state.with_spans})
    our_relations = state.relations_of(keys)
    for pair, key in compared:
        their_status, our_status = source.statuses.get(pair, "new"), state.statuses.get(key, "new")
        theirs = side.work(pair, key, spans.get(pair, ()), relations)
        ours = (_once(ours_of.get(key, [])), our_relations[key], state.doc_labels.get(key))
        differs = _differences(ours, theirs)
        if not differs:
            report.unchanged += 1
            _set_status(state, tx, key, _more_advanced(our_status, their_status), report)
            continue
        report.conflicts.append(MergeConflict(source.path, side.doc_map[pair[0]][1], source.documents[pair[0]][0],
                                              source.coders[pair[1]][0], len(ours[0]), len(theirs[0]), differs))
        if prefer == "source":
            report.replaced += 1
            side.replace(pair, key, theirs, ours, pending)
            _set_status(state, tx, key, their_status, report)
        elif prefer == "target":
            report.kept += 1


def _differences(ours, theirs) -> str:
    """What differs between two versions of one coder's work on a document ("" when nothing)."""
    (our_spans, our_relations, our_labels), (their_spans, their_relations, their_labels) = ours, theirs
    out = []
    if Counter(map(compare_key, our_spans)) != Counter(map(compare_key, their_spans)):
        out.append("spans")
    if our_relations != their_relations:
        out.append("relations")
    if _doc_set(our_labels) != _doc_set(their_labels):
        out.append("document labels")
    return ", ".join(out)


def _doc_set(key):
    return None if key is None else (frozenset(key[0]), frozenset(key[1]), key[2])


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


def _once(rows: list[Key]) -> list[Key]:
    """A target's span rows with each (label, start, end) kept once (a file written before the
    store refused duplicates may hold some)."""
    seen: set[tuple[int, int, int]] = set()
    out = []
    for row in rows:
        if row[2:5] not in seen:
            seen.add(row[2:5])
            out.append(row)
    return out


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
