"""Reads an import needs to attach a coder's spans to documents the project already has (matched
by the sha256 of their text), with merge's rules: a coder with no work on the document gets the
spans; the same spans again change nothing; different spans of the same coder are a conflict."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select, tuple_

from annotator.store.models import DocumentRow, SpanRow, StatusRow

SpanKey = tuple[int, int, int, str | None]  # start, end, label id, note


def documents_by_sha(tx, shas: set[str]) -> dict[str, tuple[int, str]]:
    """``{sha256: (document id, title)}`` for the texts already in the project."""
    if not shas:
        return {}
    rows = tx.conn.execute(select(DocumentRow.sha256, DocumentRow.id, DocumentRow.title)
                           .where(DocumentRow.sha256.in_(shas)))
    return {sha: (doc_id, title) for sha, doc_id, title in rows}


def coder_work(tx, pairs: set[tuple[int, int]]) -> dict[tuple[int, int], tuple[Counter, str | None]]:
    """``{(document id, coder id): (spans as a multiset, status or None)}`` for each pair asked."""
    out: dict[tuple[int, int], tuple[Counter, str | None]] = {pair: (Counter(), None) for pair in pairs}
    if not pairs:
        return out
    keys = list(pairs)
    for chunk in (keys[i:i + 400] for i in range(0, len(keys), 400)):
        for doc, coder, start, end, label, note in tx.conn.execute(
                select(SpanRow.document_id, SpanRow.coder_id, SpanRow.start, SpanRow.end, SpanRow.label_id,
                       SpanRow.note).where(tuple_(SpanRow.document_id, SpanRow.coder_id).in_(chunk))):
            out[(doc, coder)][0][(start, end, label, note or None)] += 1
        for doc, coder, status in tx.conn.execute(
                select(StatusRow.document_id, StatusRow.coder_id, StatusRow.status)
                .where(tuple_(StatusRow.document_id, StatusRow.coder_id).in_(chunk))):
            out[(doc, coder)] = (out[(doc, coder)][0], status)
    return out
