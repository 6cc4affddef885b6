"""The writes of issue 16's layers, inside one ``Transaction`` (which inherits them): relations,
span attributes, figure values, document labels (the schema's own writes: ``schema_writes``). ``Project`` has a one-call version of each (``store/rich_calls.py``); every one is a
single transaction, committed before it returns, announced to listeners as ``Change`` notices:

- ``Change("relation", document_id, coder_id, ranges)``: a relation was added, removed or retyped
  (``ranges``: its head's and child's extents);
- ``Change("doc_labels", document_id, coder_id)``: a coder's labels, flags or comment of a document;
- ``Change("relation_type")``: the relation types; ``Change("label")``: a label's attributes,
  guideline or figure values; ``Change("settings")``: document label groups, codebook;
- attribute and figure value edits are ``Change("span", ...)`` like every other span edit.

For undo, every edit returns what was there before: ``set_span_attrs`` and ``set_span_value`` the
old ``Span``, ``set_doc_labels`` the old ``DocLabels``, ``remove_relation`` the ``Relation``
(re-create it with ``add_relation(..., relation_id=old.id)``). Removing a span removes its relations:
read ``span_relations(span_id)`` first and re-add them after ``add_span(..., span_id=old.id)``.
"""

from __future__ import annotations

from typing import Any, Iterable

from sqlalchemy import Connection, delete, insert, select, update

from annotator.core.changes import Change
from annotator.core.errors import ProjectError
from annotator.core.model import Span
from annotator.core.schema import (
    DocLabels,
    Relation,
    check_attrs,
    check_comment,
    check_doc_labels,
    check_figure_value,
    check_flags,
)
from annotator.store import rich_rows as R
from annotator.store.models import DocLabelRow, DocumentRow, LabelRow, RelationRow, SpanRow, utcnow
from annotator.store.rows import label_by_id, refuse_duplicate, span_by_id
from annotator.store.versions import versioned_delete, versioned_update

KEEP, COMPUTE = R.KEEP, R.COMPUTE  # "leave as it is"; "compute the figure value from the text"


def _checked(check, *args):
    try:
        return check(*args)
    except ValueError as exc:
        raise ProjectError(str(exc)) from None


class LayerWrites:
    """Needs ``conn``, ``changes`` and ``_check_range`` (``Transaction`` has them)."""

    conn: Connection
    changes: list[Change]

    # -- relations (a coder's layer) --------------------------------------------------------
    def add_relation(self, type_id: int, head_id: int, child_id: int, *, relation_id: int | None = None) -> Relation:
        """Link span ``head_id`` to span ``child_id`` (same document and coder) with a relation of
        type ``type_id``; refused when the type does not allow the spans' labels, when the same
        link exists, or when head and child are one span. ``relation_id`` re-creates a removed
        relation under its old id (undo/redo)."""
        rtype = R.relation_type_by_id(self.conn, type_id)
        head, child = span_by_id(self.conn, head_id), span_by_id(self.conn, child_id)
        if head_id == child_id:
            raise ProjectError("a relation needs two different spans")
        if (head.document_id, head.coder_id) != (child.document_id, child.coder_id):
            raise ProjectError("a relation links two spans of the same document and coder")
        names = dict(self.conn.execute(select(LabelRow.id, LabelRow.name)
                                       .where(LabelRow.id.in_({head.label_id, child.label_id}))).all())
        if not rtype.allows(names[head.label_id], names[child.label_id]):
            allowed = ", ".join(f"{h} -> {c}" for h, c in rtype.pairs)
            raise ProjectError(f"a {rtype.name!r} relation cannot go from {names[head.label_id]!r} to "
                               f"{names[child.label_id]!r} (it allows {allowed})")
        if self.conn.scalar(select(RelationRow.id).where(RelationRow.type_id == type_id, RelationRow.head_id == head_id,
                                                         RelationRow.child_id == child_id)) is not None:
            raise ProjectError(f"this {rtype.name!r} relation exists already")
        values = dict(document_id=head.document_id, coder_id=head.coder_id, type_id=type_id, head_id=head_id,
                      child_id=child_id, created_at=utcnow())
        if relation_id is not None:
            values["id"] = relation_id
        try:
            new_id = self.conn.execute(insert(RelationRow).values(**values)).inserted_primary_key[0]
        except Exception as exc:  # an id clash, or a server's row-level security
            raise ProjectError(f"cannot add the relation: {str(getattr(exc, 'orig', exc)).splitlines()[0]}") from None
        self.changes.append(Change("relation", head.document_id, head.coder_id,
                                   ((head.start, head.end), (child.start, child.end))))
        return Relation(new_id, head.document_id, head.coder_id, type_id, head_id, child_id)

    def add_relations(self, relations: Iterable[Relation]) -> list[Relation]:
        """Re-create relations under their ids (undo of a span's removal)."""
        return [self.add_relation(r.type_id, r.head_id, r.child_id, relation_id=r.id) for r in relations]

    def remove_relation(self, relation_id: int, expected_version: int | None = None) -> Relation:
        old = R.relation_by_id(self.conn, relation_id)
        self._announce_relations(RelationRow.id == relation_id)
        versioned_delete(self.conn, RelationRow, RelationRow.id == relation_id, expected_version,
                         f"the relation {relation_id}")
        return old

    def retype_relation(self, relation_id: int, type_id: int, expected_version: int | None = None) -> Relation:
        """Give a relation another type (checked like ``add_relation``); returns the old relation."""
        old = R.relation_by_id(self.conn, relation_id)
        self.remove_relation(relation_id, expected_version)
        self.add_relation(type_id, old.head_id, old.child_id, relation_id=relation_id)
        return old

    def _announce_relations(self, where) -> None:
        for doc_id, coder_id, ranges in R.relation_ranges(self.conn, where):
            self.changes.append(Change("relation", doc_id, coder_id, ranges))

    # -- span attributes and figure values ----------------------------------------------------
    def set_span_attrs(self, span_id: int, attrs: dict | None, expected_version: int | None = None) -> Span:
        """Replace a span's attributes (checked against its label's definitions; a ``None`` value
        drops that attribute). Returns the span as it was."""
        span = span_by_id(self.conn, span_id)
        label = label_by_id(self.conn, span.label_id)
        attrs = _checked(check_attrs, label.attributes, attrs)
        self._update(span, {"attrs_json": R.dumps(attrs) if attrs else None, "updated_at": utcnow()}, expected_version)
        return span

    def set_span_attr(self, span_id: int, name: str, value: Any, expected_version: int | None = None) -> Span:
        """Set (``None``: remove) one attribute of a span; returns the span as it was."""
        span = span_by_id(self.conn, span_id)
        return self.set_span_attrs(span_id, {**span.attrs, name: value}, expected_version)

    def set_span_value(self, span_id: int, value: Any = COMPUTE, *, by: str = "coder",
                       expected_version: int | None = None) -> Span:
        """Set a figure span's value as a coder corrected it (``{"low", "high", "unit", "approx"}``,
        or None: "this is not a number I can value"); ``value=COMPUTE`` goes back to the value
        ``core`` computes from the text. Only for labels with figure values. Returns the old span."""
        span = span_by_id(self.conn, span_id)
        label = label_by_id(self.conn, span.label_id)
        if not label.figure_values:
            raise ProjectError(f"spans of the label {label.name!r} carry no figure value")
        if value is COMPUTE:
            stored, by = R.compute_value(self.conn, span.document_id, span.start, span.end), "core"
        else:
            stored = _checked(check_figure_value, value)
            if by not in ("coder", "core"):
                raise ProjectError(f"a value is set by 'coder' or 'core', not {by!r}")
        self._update(span, {"value_json": R.dumps(stored), "value_by": by, "updated_at": utcnow()}, expected_version)
        return span

    def restore_span(self, old: Span, expected_version: int | None = None) -> Span:
        """Put a span back as ``old`` was (label, extent, note, attributes, value): the undo of a
        relabel, resize, note, attribute or value edit. Returns the span as it was before this."""
        span = span_by_id(self.conn, old.id)
        values = {"label_id": old.label_id, "start": old.start, "end": old.end, "note": old.note,
                  "attrs_json": R.dumps(old.attrs) if old.attrs else None,
                  "value_json": R.dumps(old.value) if old.value_by else None, "value_by": old.value_by,
                  "updated_at": utcnow()}
        self._check_range(span.document_id, old.start, old.end)
        refuse_duplicate(self.conn, span.document_id, span.coder_id, old.label_id, old.start, old.end, other_than=old.id)
        versioned_update(self.conn, SpanRow, SpanRow.id == old.id, values, expected_version, f"the span {old.id}")
        self.changes.append(Change("span", span.document_id, span.coder_id,
                                   ((span.start, span.end), (old.start, old.end))))
        return span

    def _update(self, span: Span, values: dict, expected_version: int | None) -> None:
        versioned_update(self.conn, SpanRow, SpanRow.id == span.id, values, expected_version, f"the span {span.id}")
        self.changes.append(Change("span", span.document_id, span.coder_id, ((span.start, span.end),)))

    # -- document labels, flags and comment ---------------------------------------------------
    def set_doc_labels(self, document_id: int, coder_id: int, *, labels: Any = KEEP, flags: Any = KEEP,
                       comment: Any = KEEP, expected_version: int | None = None) -> DocLabels:
        """Set one coder's document labels (values of ``doc_label_groups()``), flags (``core.schema.FLAGS``)
        or comment; what is not given stays. Returns the old ``DocLabels`` (pass its fields back
        to undo). ``expected_version``: ``DocLabels.version`` as read (0: nothing stored yet)."""
        old = R.doc_labels_of(self.conn, document_id, coder_id)
        if self.conn.scalar(select(DocumentRow.id).where(DocumentRow.id == document_id)) is None:
            raise ProjectError(f"there is no document with id {document_id}")
        if expected_version is not None and expected_version != old.version:
            from annotator.core.errors import StaleEdit
            raise StaleEdit("the document's labels were changed by someone else since you read them; "
                            "nothing was changed: look at them as they are now and make your change again")
        new_labels = old.labels if labels is KEEP else _checked(check_doc_labels, R.doc_label_groups(self.conn), labels)
        new_flags = old.flags if flags is KEEP else _checked(check_flags, flags)
        new_comment = old.comment if comment is KEEP else _checked(check_comment, comment)
        where = (DocLabelRow.document_id == document_id, DocLabelRow.coder_id == coder_id)
        values = dict(labels_json=R.dumps(list(new_labels)), flags_json=R.dumps(list(new_flags)),
                      comment=new_comment, updated_at=utcnow())
        if not new_labels and not new_flags and not new_comment:
            if old.version:
                self.conn.execute(delete(DocLabelRow).where(*where))
        elif old.version:
            self.conn.execute(update(DocLabelRow).where(*where).values(**values, version=DocLabelRow.version + 1))
        else:
            try:
                self.conn.execute(insert(DocLabelRow).values(document_id=document_id, coder_id=coder_id, **values))
            except Exception as exc:  # a coder that does not exist, or not this login's (server)
                raise ProjectError(f"cannot set the document's labels: {str(getattr(exc, 'orig', exc)).splitlines()[0]}") from None
        self.changes.append(Change("doc_labels", document_id, coder_id))
        return old

