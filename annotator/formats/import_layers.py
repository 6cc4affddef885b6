"""Importing issue 16's layers: a record with span ids, attributes, figure values, relations,
document labels, flags or a comment goes in span by span (the flat ones go in bulk), inside the
import's one transaction. Everything is checked against the project's schema; with
``--add-labels`` what the schema lacks is added (a relation type or an allowed pair, an attribute
or a value of it, a document label), otherwise it is an error naming the file and line, and the
whole import changes nothing."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Callable

from annotator.core.errors import InputError, ProjectError
from annotator.core.schema import AttributeDef, DocLabelGroup, check_figure_value, check_name
from annotator.formats.registry import NO_VALUE, DocumentRecord

IMPORTED_GROUP = "imported"  # the document label group --add-labels puts unknown document labels in


class LayerImport:
    def __init__(self, tx, project, options) -> None:
        self.tx, self.options = tx, options
        self.types = {t.name: t for t in project.relation_types()}
        self.groups = list(project.doc_label_groups())
        self.relations = self.attrs = self.doc_labels = 0

    def _fail(self, message: str, record: DocumentRecord, line: int | None = None):
        raise InputError(message, record.source, line=line or record.line)

    def add(self, doc_id: int, coder_id: int, record: DocumentRecord, label_id: Callable[[str, DocumentRecord], int],
            spans=None) -> int:
        """Add ``spans`` (default: the record's) with their layers, the record's relations and
        document labels for one coder. Returns the number of spans added."""
        spans = record.spans if spans is None else spans
        ids: dict[Any, int] = {}
        labels_of: dict[Any, str] = {}
        try:
            for span in spans:
                lid = label_id(span.label, record)
                attrs = self._attrs(lid, span, record) if span.attrs else None
                added = self._span(doc_id, coder_id, lid, span, attrs, record)
                if span.ref is not None:
                    ids[span.ref], labels_of[span.ref] = added.id, span.label
            for rel in record.relations:
                rtype = self._type(rel.label, labels_of[rel.head], labels_of[rel.child], record, rel.line)
                self.tx.add_relation(rtype.id, ids[rel.head], ids[rel.child])
                self.relations += 1
            if record.doc_labels or record.flags or record.comment:
                self._ensure_doc_labels(record)
                self.tx.set_doc_labels(doc_id, coder_id, labels=record.doc_labels, flags=record.flags,
                                       comment=record.comment)
                self.doc_labels += 1
        except ProjectError as exc:
            self._fail(exc.message, record)
        return len(spans)

    def _span(self, doc_id, coder_id, lid, span, attrs, record):
        from annotator.store.rich_rows import COMPUTE

        if span.value is NO_VALUE:
            return self.tx.add_span(doc_id, coder_id, lid, span.start, span.end, span.note, attrs=attrs)
        label = self._label(lid)
        where = f"span [{span.start}, {span.end}]"
        if not label.figure_values:
            if not self.options.add_labels:
                self._fail(f"{where}: it has a figure value, but spans of the label {label.name!r} carry none "
                           "(turn figure values on for it, or use --add-labels)", record)
            self.tx.update_label_schema(lid, figure_values=True)
        try:
            given = check_figure_value(span.value)
        except ValueError as exc:
            self._fail(f"{where}: {exc}", record)
        added = self.tx.add_span(doc_id, coder_id, lid, span.start, span.end, span.note, attrs=attrs, value=COMPUTE)
        if added.value != given:  # a coder's correction: kept as given
            self.tx.set_span_value(added.id, given, by="coder")
        return added

    def _label(self, lid: int):
        return self.tx.label(lid)

    def _attrs(self, lid: int, span, record) -> dict:
        """The span's attributes checked against its label; with ``--add-labels`` an attribute the
        label lacks is added (a choice of the value given, a number or yes/no), and so is a value
        missing from a choice."""
        from annotator.core.schema import check_attrs

        label = self._label(lid)
        defs = list(label.attributes)
        yes_no = {d.name for d in defs if d.kind == "bool"}
        if any(span.attrs.get(name) in ("yes", "no") for name in yes_no):  # Label Studio's Choices yes/no
            span.attrs = {k: (v == "yes" if k in yes_no and v in ("yes", "no") else v) for k, v in span.attrs.items()}
        if self.options.add_labels:
            for name, value in span.attrs.items():
                definition = next((d for d in defs if d.name == name), None)
                if definition is None:
                    kind = (span.kinds or {}).get(name) or (
                        "bool" if isinstance(value, bool) else "number" if isinstance(value, (int, float)) else "choice")
                    defs.append(AttributeDef(name, kind, (value,) if kind == "choice" else ()))
                elif definition.kind == "choice" and isinstance(value, str) and value not in definition.values:
                    defs[defs.index(definition)] = replace(definition, values=definition.values + (value,))
            if defs != list(label.attributes):
                self.tx.update_label_schema(lid, attributes=defs)
        self.attrs += 1
        try:
            return check_attrs(defs, span.attrs)
        except ValueError as exc:
            hint = "" if self.options.add_labels else " (add it to the label first, or use --add-labels)"
            self._fail(f"span [{span.start}, {span.end}] ({label.name}): {exc}{hint}", record)

    def _type(self, name: str, head: str, child: str, record, line: int | None = None):
        rtype = self.types.get(name)
        if rtype is None:
            if not self.options.add_labels:
                known = ", ".join(self.types) or "none"
                self._fail(f"relation type {name!r} is not in the project's relation types ({known}); add it first "
                           "or use --add-labels", record, line)
            rtype = self.types[name] = self.tx.add_relation_type(name, pairs=[(head, child)])
        elif not rtype.allows(head, child):
            if not self.options.add_labels:
                self._fail(f"a {name!r} relation cannot go from {head!r} to {child!r} in this project; "
                           "allow that pair first or use --add-labels", record, line)
            self.tx.update_relation_type(rtype.id, pairs=list(rtype.pairs) + [(head, child)])
            rtype = self.types[name] = replace(rtype, pairs=rtype.pairs + ((head, child),))
        return rtype

    def _ensure_doc_labels(self, record) -> None:
        known = {v for g in self.groups for v in g.values}
        missing = [v for v in dict.fromkeys(record.doc_labels) if v not in known]
        if not missing:
            return
        if not self.options.add_labels:
            self._fail(f"document label {missing[0]!r} is not in the project's document labels "
                       f"({', '.join(sorted(known)) or 'none'}); add it first or use --add-labels", record)
        for value in missing:  # into the group the file names (Label Studio's Choices tag), else "imported"
            name = record.doc_label_groups.get(value) or IMPORTED_GROUP
            try:
                check_name(value, "document label")
                check_name(name, "document label group")
            except ValueError as exc:
                self._fail(str(exc), record)
            group = next((g for g in self.groups if g.name == name), None)
            if group is None:
                self.groups.append(DocLabelGroup(name, (value,), multiple=True))
            else:
                self.groups[self.groups.index(group)] = replace(group, values=group.values + (value,))
        self.tx.set_doc_label_groups(self.groups)
