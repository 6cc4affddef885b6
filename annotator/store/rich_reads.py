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

from sqlalchemy import Engine, bindparam, exists, select
from sqlalchemy.orm import aliased

from annotator.core.schema import DocLabelGroup, DocLabels, Relation, RelationType
from annotator.store import rich_rows as R
from annotator.store.models import DocLabelRow, RelationRow, SpanRow

# Reads of many documents at once for the agreement report (statements built once, as in batch_reads).
_HEAD, _CHILD = aliased(SpanRow), aliased(SpanRow)
_RELATION_TABLE = (
    select(RelationRow.document_id, RelationRow.coder_id, RelationRow.type_id, _HEAD.label_id, _HEAD.start, _HEAD.end,
           _CHILD.label_id, _CHILD.start, _CHILD.end)
    .join(_HEAD, _HEAD.id == RelationRow.head_id).join(_CHILD, _CHILD.id == RelationRow.child_id)
    .where(RelationRow.document_id.in_(bindparam("ids", expanding=True)),
           RelationRow.coder_id.in_(bindparam("coders", expanding=True))))
_ATTRIBUTE_TABLE = (
    select(SpanRow.document_id, SpanRow.coder_id, SpanRow.label_id, SpanRow.start, SpanRow.end, SpanRow.attrs_json)
    .where(SpanRow.document_id.in_(bindparam("ids", expanding=True)),
           SpanRow.coder_id.in_(bindparam("coders", expanding=True)),
           SpanRow.label_id.in_(bindparam("labels", expanding=True))))
_ANY_RELATION = select(exists().where(RelationRow.coder_id.in_(bindparam("coders", expanding=True))))
_ANY_ATTRIBUTE = select(exists().where(SpanRow.label_id.in_(bindparam("labels", expanding=True)),
                                       SpanRow.coder_id.in_(bindparam("coders", expanding=True)),
                                       SpanRow.attrs_json.is_not(None)))


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

    def layers_present(self, coder_ids, label_ids=()) -> tuple[bool, bool]:
        """(any relation, any attribute value on a span of ``label_ids``) of these coders: two EXISTS
        queries (the second through the spans' label index, none without labels), so that a pass
        over the project reads neither layer when there is none."""
        coders, labels = list(coder_ids), list(label_ids)
        if not coders:
            return False, False
        with self._engine.connect() as conn:
            relations = bool(conn.scalar(_ANY_RELATION, {"coders": coders}))
            attributes = bool(labels) and bool(conn.scalar(_ANY_ATTRIBUTE, {"coders": coders, "labels": labels}))
        return relations, attributes

    def relation_table(self, ids, coder_ids) -> list[tuple]:
        """The relations of many documents in one query: ``(document_id, coder_id, type_id, head label_id,
        head start, head end, child label_id, child start, child end)``, in no particular order."""
        if not ids or not coder_ids:
            return []
        with self._engine.connect() as conn:
            return [tuple(row) for row in conn.execute(_RELATION_TABLE, {"ids": list(ids), "coders": list(coder_ids)})]

    def attribute_table(self, ids, coder_ids, label_ids) -> list[tuple]:
        """The spans of ``label_ids`` in many documents, in one query: ``(document_id, coder_id,
        label_id, start, end, attributes dict)`` (``{}`` when the span has none), in no particular order."""
        if not ids or not coder_ids or not label_ids:
            return []
        params = {"ids": list(ids), "coders": list(coder_ids), "labels": list(label_ids)}
        with self._engine.connect() as conn:
            rows = conn.execute(_ATTRIBUTE_TABLE, params).all()
        out = []
        for doc, coder, label, start, end, raw in rows:
            attrs = R.load_json(raw, {}, "a span's attributes") if raw else {}
            out.append((doc, coder, label, start, end, attrs if isinstance(attrs, dict) else {}))
        return out

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
