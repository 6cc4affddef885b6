"""The reads of issue 16's schema, each in its own short read transaction (``Project`` inherits
them): relation types, relations, document labels, document label groups and the codebook.

    types = project.relation_types()                  # [RelationType], in order; .allows(head, child)
    project.relations(doc_id, coder_id)               # [Relation] of one layer (coder_id None: all)
    project.span_relations(span_id)                   # the relations a span is the head or child of
    project.doc_labels(doc_id, coder_id)              # DocLabels (empty, version 0, when none stored)
    project.doc_labels_table(coder_id)                # {document_id: DocLabels}: the document list's filter
    project.doc_label_groups(), project.codebook()    # the schema's document labels; the codebook text

Span attributes and figure values come with the spans (``Span.attrs``, ``Span.value``,
``Span.value_by``); a label's attribute definitions, guideline and ``figure_values`` with
``project.labels()``.
"""

from __future__ import annotations

from sqlalchemy import Engine, select

from annotator.core.schema import DocLabelGroup, DocLabels, Relation, RelationType
from annotator.store import rich_rows as R
from annotator.store.models import DocLabelRow


class RichReads:
    _engine: Engine

    def relation_types(self) -> list[RelationType]:
        with self._engine.connect() as conn:
            return R.relation_types(conn)

    def relation_type(self, name: str) -> RelationType | None:
        return next((t for t in self.relation_types() if t.name == name), None)

    def relations(self, document_id: int, coder_id: int | None = None) -> list[Relation]:
        with self._engine.connect() as conn:
            return R.document_relations(conn, document_id, coder_id)

    def relation(self, relation_id: int) -> Relation:
        with self._engine.connect() as conn:
            return R.relation_by_id(conn, relation_id)

    def span_relations(self, span_id: int) -> list[Relation]:
        """Every relation whose head or child is ``span_id`` (save them before removing the span)."""
        with self._engine.connect() as conn:
            return R.span_relations(conn, span_id)

    def doc_labels(self, document_id: int, coder_id: int) -> DocLabels:
        with self._engine.connect() as conn:
            return R.doc_labels_of(conn, document_id, coder_id)

    def doc_labels_table(self, coder_id: int | None = None) -> dict:
        """``{document_id: DocLabels}`` of one coder (or ``{(document_id, coder_id): DocLabels}`` of
        all when ``coder_id`` is None); documents without labels, flags or comment are absent."""
        query = select(DocLabelRow.document_id, DocLabelRow.coder_id, DocLabelRow.labels_json,
                       DocLabelRow.flags_json, DocLabelRow.comment, DocLabelRow.version)
        if coder_id is not None:
            query = query.where(DocLabelRow.coder_id == coder_id)
        with self._engine.connect() as conn:
            rows = [R.doc_labels_from(*row) for row in conn.execute(query)]
        if coder_id is not None:
            return {d.document_id: d for d in rows}
        return {(d.document_id, d.coder_id): d for d in rows}

    def doc_label_groups(self) -> tuple[DocLabelGroup, ...]:
        with self._engine.connect() as conn:
            return R.doc_label_groups(conn)

    def codebook(self) -> str:
        with self._engine.connect() as conn:
            return R.codebook(conn)
