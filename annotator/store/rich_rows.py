"""Small queries of issue 16's tables that the reads and the writes share (each takes an open
connection): relation types, relations, document labels, the settings that hold the document label
groups and the codebook, and the figure value of a span computed from its document's text."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, bindparam, select, update
from sqlalchemy.orm import aliased

from annotator.core.changes import Change
from annotator.core.errors import ProjectError
from annotator.core.schema import DocLabelGroup, DocLabels, Relation, RelationType, check_attrs
from annotator.store.models import (DocLabelRow, DocumentRow, LabelRow, Meta, RelationRow, RelationTypeRow,
                                    SpanRow)
from annotator.store.row_values import (doc_label_groups_from, doc_labels_from, load_json,  # noqa: F401
                                        relation_type_from_row)

TYPE_COLUMNS = (RelationTypeRow.id, RelationTypeRow.name, RelationTypeRow.color, RelationTypeRow.hotkey,
                RelationTypeRow.position, RelationTypeRow.pairs_json, RelationTypeRow.description,
                RelationTypeRow.examples_json, RelationTypeRow.version)
RELATION_COLUMNS = (RelationRow.id, RelationRow.document_id, RelationRow.coder_id, RelationRow.type_id,
                    RelationRow.head_id, RelationRow.child_id, RelationRow.version)


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def relation_types(conn: Connection) -> list[RelationType]:
    rows = conn.execute(select(*TYPE_COLUMNS).order_by(RelationTypeRow.position, RelationTypeRow.id)).all()
    return [relation_type_from_row(row) for row in rows]


def relation_type_by_id(conn: Connection, type_id: int) -> RelationType:
    row = conn.execute(select(*TYPE_COLUMNS).where(RelationTypeRow.id == type_id)).first()
    if row is None:
        raise ProjectError(f"there is no relation type with id {type_id}")
    return relation_type_from_row(row)


def relation_by_id(conn: Connection, relation_id: int) -> Relation:
    row = conn.execute(select(*RELATION_COLUMNS).where(RelationRow.id == relation_id)).first()
    if row is None:
        raise ProjectError(f"there is no relation with id {relation_id}")
    return Relation(*row)


def relations(conn: Connection, where) -> list[Relation]:
    return [Relation(*row) for row in conn.execute(select(*RELATION_COLUMNS).where(where).order_by(RelationRow.id))]


# Built once: a window reads its document's relations again at every span added or removed.
_DOCUMENT_RELATIONS = (select(*RELATION_COLUMNS).where(RelationRow.document_id == bindparam("document"))
                       .order_by(RelationRow.id))
_CODER_RELATIONS = (select(*RELATION_COLUMNS).where(RelationRow.document_id == bindparam("document"),
                                                    RelationRow.coder_id == bindparam("coder"))
                    .order_by(RelationRow.id))


def document_relations(conn: Connection, document_id: int, coder_id: int | None = None) -> list[Relation]:
    """The relations of a document (of one coder, or of all), by id."""
    if coder_id is None:
        rows = conn.execute(_DOCUMENT_RELATIONS, {"document": document_id})
    else:
        rows = conn.execute(_CODER_RELATIONS, {"document": document_id, "coder": coder_id})
    return [Relation(*row) for row in rows]


def relation_label_pairs(conn: Connection, type_id: int) -> set[tuple[str, str]]:
    """The (head label, child label) names of the relations of one type."""
    head, child = aliased(SpanRow), aliased(SpanRow)
    hl, cl = aliased(LabelRow), aliased(LabelRow)
    rows = conn.execute(select(hl.name, cl.name).select_from(RelationRow)
                        .join(head, head.id == RelationRow.head_id).join(child, child.id == RelationRow.child_id)
                        .join(hl, hl.id == head.label_id).join(cl, cl.id == child.label_id)
                        .where(RelationRow.type_id == type_id).distinct())
    return {(h, c) for h, c in rows}


def _ranges_query(where=None):
    head, child = aliased(SpanRow), aliased(SpanRow)
    query = (select(RelationRow.document_id, RelationRow.coder_id, head.start, head.end, child.start, child.end)
             .select_from(RelationRow).join(head, head.id == RelationRow.head_id)
             .join(child, child.id == RelationRow.child_id))
    return query if where is None else query.where(where)


def relation_ranges(conn: Connection, where) -> list[tuple[int, int, tuple]]:
    """``(document_id, coder_id, ((head start, end), (child start, end)))`` of the relations ``where``."""
    return [(d, c, ((hs, he), (cs, ce))) for d, c, hs, he, cs, ce in conn.execute(_ranges_query(where))]


# Built once: removing a span asks for its relations at every Delete, and composing these joins
# of aliases cost more than running them (issue 12: a span's add or removal in under 5 ms).
_SPAN_RANGES = _ranges_query((RelationRow.head_id == bindparam("span")) | (RelationRow.child_id == bindparam("span")))
_SPAN_RELATIONS = (select(*RELATION_COLUMNS).where((RelationRow.head_id == bindparam("span"))
                                                   | (RelationRow.child_id == bindparam("span"))).order_by(RelationRow.id))


def span_relation_ranges(conn: Connection, span_id: int) -> list[tuple[int, int, tuple]]:
    """``relation_ranges`` of the relations whose head or child is ``span_id``."""
    return [(d, c, ((hs, he), (cs, ce))) for d, c, hs, he, cs, ce in conn.execute(_SPAN_RANGES, {"span": span_id})]


def span_relations(conn: Connection, span_id: int) -> list[Relation]:
    """The relations whose head or child is ``span_id``, by id."""
    return [Relation(*row) for row in conn.execute(_SPAN_RELATIONS, {"span": span_id})]


def compute_value(conn: Connection, document_id: int, start: int, end: int) -> dict | None:
    from annotator.core.figure_value import span_value

    text = conn.scalar(select(DocumentRow.text).where(DocumentRow.id == document_id)) or ""
    return span_value(text, start, end)


def doc_labels_of(conn: Connection, document_id: int, coder_id: int) -> DocLabels:
    row = conn.execute(select(DocLabelRow.labels_json, DocLabelRow.flags_json, DocLabelRow.comment, DocLabelRow.version)
                       .where(DocLabelRow.document_id == document_id, DocLabelRow.coder_id == coder_id)).first()
    if row is None:
        return DocLabels(document_id, coder_id)
    return doc_labels_from(document_id, coder_id, *row)


def all_doc_labels(conn: Connection):
    for doc_id, coder_id, labels_json in conn.execute(select(DocLabelRow.document_id, DocLabelRow.coder_id,
                                                             DocLabelRow.labels_json)):
        yield doc_id, coder_id, load_json(labels_json, [], "a document's labels")


def setting(conn: Connection, key: str, default: Any) -> Any:
    raw = conn.scalar(select(Meta.value).where(Meta.key == f"setting:{key}"))
    return default if raw is None else load_json(raw, default, f"the setting {key!r}")


def doc_label_groups(conn: Connection) -> tuple[DocLabelGroup, ...]:
    return doc_label_groups_from(setting(conn, "doc_label_groups", []))


def codebook(conn: Connection) -> str:
    raw = setting(conn, "codebook", "")
    return raw if isinstance(raw, str) else ""


def refit_attrs(conn: Connection, changes: list, label_id: int, defs, drop_invalid: bool) -> None:
    """Check (or with ``drop_invalid``, trim) the stored attribute values of a label's spans
    against new definitions."""
    rows = conn.execute(select(SpanRow.id, SpanRow.document_id, SpanRow.coder_id, SpanRow.start, SpanRow.end,
                               SpanRow.attrs_json).where(SpanRow.label_id == label_id, SpanRow.attrs_json.is_not(None)))
    by_name = {d.name: d for d in defs}
    for span_id, doc_id, coder_id, start, end, raw in rows.all():
        attrs = load_json(raw, {}, "a span's attributes") or {}
        try:
            check_attrs(defs, attrs)
            continue
        except ValueError as exc:
            if not drop_invalid:
                raise ProjectError(f"span {span_id} has attribute values the new definitions refuse ({exc}); "
                                   "nothing was changed") from None
        kept = {}
        for name, value in attrs.items():
            try:
                kept[name] = by_name[name].check(value)
            except (KeyError, ValueError):
                pass
        conn.execute(update(SpanRow).where(SpanRow.id == span_id)
                     .values(attrs_json=dumps(kept) if kept else None, version=SpanRow.version + 1))
        changes.append(Change("span", doc_id, coder_id, ((start, end),)))


def refit_values(conn: Connection, changes: list, label_id: int, on: bool) -> None:
    """Figure values turned on (computed for every span of the label) or off (cleared)."""
    rows = conn.execute(select(SpanRow.id, SpanRow.document_id, SpanRow.coder_id, SpanRow.start, SpanRow.end)
                        .where(SpanRow.label_id == label_id)).all()
    for span_id, doc_id, coder_id, start, end in rows:
        if on:
            values = {"value_json": dumps(compute_value(conn, doc_id, start, end)), "value_by": "core"}
        else:
            values = {"value_json": None, "value_by": None}
        conn.execute(update(SpanRow).where(SpanRow.id == span_id).values(**values, version=SpanRow.version + 1))
        changes.append(Change("span", doc_id, coder_id, ((start, end),)))



class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


KEEP: Any = _Marker("KEEP")  # "leave as it is" for optional arguments where None means "clear"
COMPUTE: Any = _Marker("COMPUTE")  # "compute the figure value from the text"


# Built once: every span drawn with a key asks it (``span_layer_values``).
_LABEL_HAS_FIGURES = select(LabelRow.figure_values).where(LabelRow.id == bindparam("id"))


def span_layer_values(conn: Connection, label_id: int, document_id: int, start: int, end: int,
                      attrs: dict | None, value: Any = COMPUTE, value_by: str | None = None) -> dict:
    """The schema-4 columns of a span being written: attributes checked against the label, and for
    a label with figure values the value (computed when ``value`` is ``COMPUTE``, else checked and
    kept as given with ``value_by`` "coder" unless said). A value for a label without figure
    values is refused."""
    from annotator.core.schema import check_figure_value
    from annotator.store.rows import label_by_id

    if attrs:
        label = label_by_id(conn, label_id)
        figure_values = label.figure_values
    else:  # a span drawn with a key: only whether the label has figure values (no parsing of its definitions)
        figure_values = conn.scalar(_LABEL_HAS_FIGURES, {"id": label_id})
        if figure_values is None:
            raise ProjectError(f"there is no label with id {label_id}")
        label = None
    try:
        checked = check_attrs(label.attributes, attrs) if label is not None else {}
        out = {"attrs_json": dumps(checked) if checked else None, "value_json": None, "value_by": None}
        if figure_values:
            if value is COMPUTE:
                out.update(value_json=dumps(compute_value(conn, document_id, start, end)), value_by="core")
            else:
                if value_by not in (None, "coder", "core"):
                    raise ValueError(f"a value is set by 'coder' or 'core', not {value_by!r}")
                out.update(value_json=dumps(check_figure_value(value)), value_by=value_by or "coder")
        elif value is not COMPUTE and value is not None:
            name = label.name if label is not None else label_by_id(conn, label_id).name
            raise ValueError(f"spans of the label {name!r} carry no figure value")
    except ValueError as exc:
        raise ProjectError(str(exc)) from None
    return out


def relabelled(conn: Connection, span, label_id: int) -> dict:
    """The schema-4 columns of ``span`` given the label ``label_id``: attributes it defines kept,
    the value kept (a coder's), computed or cleared."""
    from annotator.store.rows import label_by_id

    label = label_by_id(conn, label_id)
    by_name = {d.name: d for d in label.attributes}
    kept = {}
    for name, value in span.attrs.items():
        try:
            kept[name] = by_name[name].check(value)
        except (KeyError, ValueError):
            pass
    out: dict = {"attrs_json": dumps(kept) if kept else None}
    if not label.figure_values:
        out.update(value_json=None, value_by=None)
    elif span.value_by != "coder":
        out.update(value_json=dumps(compute_value(conn, span.document_id, span.start, span.end)), value_by="core")
    return out


def rename_in_pairs(conn: Connection, changes: list, old: str, new: str) -> None:
    """A label renamed: the relation types' allowed pairs follow it."""
    for rtype in relation_types(conn):
        if any(old in pair for pair in rtype.pairs):
            pairs = [[new if h == old else h, new if c == old else c] for h, c in rtype.pairs]
            conn.execute(update(RelationTypeRow).where(RelationTypeRow.id == rtype.id)
                         .values(pairs_json=dumps(pairs), version=RelationTypeRow.version + 1))
            changes.append(Change("relation_type"))


def fill_default_schema(conn: Connection) -> None:
    """A new project's issue-16 schema (``core.schema``'s defaults): the attributes of labels named
    ``claim`` and ``entity``, figure values on ``figure``, the relation types ``source`` and
    ``about`` (a hotkey a label already uses is left off)."""
    from annotator.core.schema_defaults import DEFAULT_ATTRIBUTES, DEFAULT_RELATION_TYPES, VALUE_LABELS

    for name, defs in DEFAULT_ATTRIBUTES.items():
        conn.execute(update(LabelRow).where(LabelRow.name == name)
                     .values(attributes_json=dumps([d.as_dict() for d in defs])))
    conn.execute(update(LabelRow).where(LabelRow.name.in_(VALUE_LABELS)).values(figure_values=True))
    used = set(conn.scalars(select(LabelRow.hotkey).where(LabelRow.hotkey.is_not(None))))
    from sqlalchemy import insert
    for position, spec in enumerate(DEFAULT_RELATION_TYPES, start=1):
        conn.execute(insert(RelationTypeRow).values(
            name=spec.name, color=spec.color, hotkey=None if spec.hotkey in used else spec.hotkey, position=position,
            pairs_json=dumps([list(p) for p in spec.pairs]), description=spec.guide.description or None,
            examples_json=dumps(list(spec.guide.examples)) if spec.guide.examples else None))


def changed_layer(conn: Connection, span, values: dict) -> dict:
    """The schema-5 columns of ``span`` after ``values`` (a new ``label_id``, ``start``/``end``):
    ``relabelled``'s rule for a new label, a computed value recomputed for a new extent."""
    from dataclasses import replace

    moved = replace(span, start=values.get("start", span.start), end=values.get("end", span.end))
    if "label_id" in values:
        return relabelled(conn, moved, values["label_id"])
    if "start" in values and span.value_by == "core":
        return {"value_json": dumps(compute_value(conn, span.document_id, moved.start, moved.end))}
    return {}
