"""One-call versions of issue 16's writes on ``Project`` (each its own transaction, committed
before it returns; listeners hear the ``Change`` notices). The arguments and what each returns for
undo are described in ``store/layer_writes.py`` and ``store/schema_writes.py``; in short:

    rt = project.add_relation_type("cites", pairs=[("claim", "claim")])
    rel = project.add_relation(rt.id, head_span_id, child_span_id)       # -> Relation
    project.remove_relation(rel.id)                                      # -> Relation (undo: add_relation(..., relation_id=rel.id))
    old = project.set_span_attr(span_id, "stance", "denied")             # -> the Span as it was
    project.set_span_value(span_id, {"low": 500, "high": 750, "unit": "جندي", "approx": True})
    project.set_span_value(span_id)                                      # back to the computed value
    project.restore_span(old)                                            # undo of any span edit
    old = project.set_doc_labels(doc_id, coder_id, labels=["politics"], flags=["unsure"], comment="...")
    project.update_label(label_id, attributes=[AttributeDef("stance", "choice", ("a", "b"))])
"""

from __future__ import annotations

from annotator.store.rich_rows import COMPUTE, KEEP


class RichCalls:
    """Mixed into ``Project``, whose ``_do(method, ...)`` runs ``Transaction.method`` in one transaction."""

    def add_relation_type(self, name, color=None, hotkey=None, pairs=(), guide=None, *, type_id=None):
        return self._do("add_relation_type", name, color, hotkey, pairs, guide, type_id=type_id)

    def update_relation_type(self, type_id, **kwargs):
        return self._do("update_relation_type", type_id, **kwargs)

    def remove_relation_type(self, type_id, *, force=False) -> int:
        return self._do("remove_relation_type", type_id, force=force)

    def reorder_relation_types(self, type_ids) -> None:
        return self._do("reorder_relation_types", type_ids)

    def add_relation(self, type_id, head_id, child_id, *, relation_id=None):
        return self._do("add_relation", type_id, head_id, child_id, relation_id=relation_id)

    def add_relations(self, relations):
        return self._do("add_relations", list(relations))

    def remove_relation(self, relation_id, expected_version=None):
        return self._do("remove_relation", relation_id, expected_version)

    def retype_relation(self, relation_id, type_id, expected_version=None):
        return self._do("retype_relation", relation_id, type_id, expected_version)

    def set_span_attrs(self, span_id, attrs, expected_version=None):
        return self._do("set_span_attrs", span_id, attrs, expected_version)

    def set_span_attr(self, span_id, name, value, expected_version=None):
        return self._do("set_span_attr", span_id, name, value, expected_version)

    def set_span_value(self, span_id, value=COMPUTE, *, by="coder", expected_version=None):
        return self._do("set_span_value", span_id, value, by=by, expected_version=expected_version)

    def restore_span(self, old, expected_version=None):
        return self._do("restore_span", old, expected_version)

    def set_doc_labels(self, document_id, coder_id, *, labels=KEEP, flags=KEEP, comment=KEEP, expected_version=None):
        return self._do("set_doc_labels", document_id, coder_id, labels=labels, flags=flags, comment=comment,
                        expected_version=expected_version)

    def set_doc_label_groups(self, groups, expected_version=None):
        return self._do("set_doc_label_groups", list(groups), expected_version)

    def set_codebook(self, text, expected_version=None):
        return self._do("set_codebook", text, expected_version)

    def update_label_schema(self, label_id, **kwargs):
        return self._do("update_label_schema", label_id, **kwargs)
