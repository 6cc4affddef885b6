"""Issue 16's layers in a merge: span attributes and figure values, relations, document labels,
flags and comments, and the parts of the schema they need (relation types and their allowed pairs,
attribute definitions, figure values on a label, document label groups).

The schema follows the rule of labels: something a source's annotations use that the target's
schema lacks (a relation type, an allowed pair, an attribute or a value of it, figure values on a
label, a document label) is an error naming it, found before anything is written, unless
``add_labels`` (CLI ``--add-labels``), which first adds to the target everything of the source's
schema it lacks. Attribute values and document labels are then checked against the target's
schema as the spans are copied (``SchemaFit``), each distinct value once.

A relation of the source is copied with its coder's spans, its two ends found again among the spans
just written by (document, coder, label, start, end), which the store keeps unique per coder. A
relation whose end is not one of the spans copied with it is listed in the report
(``MergeReport.relations_skipped``), never written to another span."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace

from annotator.core.errors import ProjectError
from annotator.core.schema import (
    DocLabelGroup,
    check_attrs,
    check_comment,
    check_doc_labels,
    check_figure_value,
    check_flags,
)
from annotator.store import rich_rows as R
from annotator.store.rows import label_from_row, load_json

End = tuple[int, int, int]  # a relation's end: (start, end, label id)
RelKey = tuple[int, End, End]  # (relation type id, head, child)
DocKey = tuple[tuple[str, ...], tuple[str, ...], str | None]  # (labels, flags, comment)


@dataclass
class SourceLayers:
    """What a source file holds of the layers besides its spans' own columns."""

    labels: dict[int, object]                      # source label id -> core ``Label`` (attributes, figure values)
    types: dict[int, object]                       # source relation type id -> core ``RelationType``
    groups: tuple[DocLabelGroup, ...]
    doc_labels: dict[tuple[int, int], DocKey]      # (document, coder) -> labels, flags, comment (non-empty only)
    used_pairs: set[tuple[int, int, int]]          # (type id, head label id, child label id) its relations use
    valued_labels: set[int]                        # label ids of its spans with a stored value
    has_relations: bool = False
    plain: bool = False                            # no span has attributes or a value

    @classmethod
    def read(cls, raw, path) -> "SourceLayers":
        labels = {row[0]: label_from_row(row) for row in raw.execute(
            "SELECT id, name, color, hotkey, position, attributes_json, description, examples_json, figure_values "
            "FROM labels")}
        types = {row[0]: R.relation_type_from_row(row) for row in raw.execute(
            "SELECT id, name, color, hotkey, position, pairs_json, description, examples_json, version "
            "FROM relation_types")}
        found = raw.execute("SELECT value FROM meta WHERE key = 'setting:doc_label_groups'").fetchone()
        try:
            groups_raw = load_json(found[0], [], "the document label groups") if found else []
            groups = tuple(DocLabelGroup.from_dict(g) for g in groups_raw) if isinstance(groups_raw, list) else ()
        except ValueError as exc:
            raise ProjectError(f"{path}: its document label groups are not readable ({exc})") from None
        doc_labels = {}
        for doc, coder, labels_json, flags_json, comment in raw.execute(
                "SELECT document_id, coder_id, labels_json, flags_json, comment FROM doc_labels"):
            key = doc_key(labels_json, flags_json, comment)
            if key is not None:
                doc_labels[(doc, coder)] = key
        has_relations = raw.execute("SELECT 1 FROM relations LIMIT 1").fetchone() is not None
        used_pairs = set()
        if has_relations:
            used_pairs = set(raw.execute(
                "SELECT DISTINCT r.type_id, h.label_id, c.label_id FROM relations r "
                "JOIN spans h ON h.id = r.head_id JOIN spans c ON c.id = r.child_id"))
        valued = {label for (label,) in raw.execute("SELECT DISTINCT label_id FROM spans WHERE value_by IS NOT NULL")}
        plain = not valued and raw.execute("SELECT 1 FROM spans WHERE attrs_json IS NOT NULL LIMIT 1").fetchone() is None
        return cls(labels, types, groups, doc_labels, used_pairs, valued, has_relations, plain)

    def relations_of(self, raw, first: int, last: int):
        """``({(document, coder): [(type id, head, child)]}, [relation ids whose ends are not spans
        of its own document and coder])`` for the documents ``first``..``last``."""
        out: dict[tuple[int, int], list[tuple[int, End, End]]] = {}
        broken: list[tuple[int, int, int]] = []
        if not self.has_relations:
            return out, broken
        for rid, doc, coder, type_id, hd, hc, hl, hs, he, cd, cc, cl, cs, ce in raw.execute(
                "SELECT r.id, r.document_id, r.coder_id, r.type_id, h.document_id, h.coder_id, h.label_id, "
                "h.start_offset, h.end_offset, c.document_id, c.coder_id, c.label_id, c.start_offset, c.end_offset "
                "FROM relations r LEFT JOIN spans h ON h.id = r.head_id LEFT JOIN spans c ON c.id = r.child_id "
                "WHERE r.document_id BETWEEN ? AND ? ORDER BY r.id", (first, last)):
            if (hd, hc) != (doc, coder) or (cd, cc) != (doc, coder):
                broken.append((rid, doc, coder))
                continue
            out.setdefault((doc, coder), []).append((type_id, (hs, he, hl), (cs, ce, cl)))
        return out, broken


def doc_key(labels_json, flags_json, comment) -> DocKey | None:
    labels = load_json(labels_json, [], "a document's labels")
    flags = load_json(flags_json, [], "a document's flags")
    labels = tuple(v for v in labels if isinstance(v, str)) if isinstance(labels, list) else ()
    flags = tuple(v for v in flags if isinstance(v, str)) if isinstance(flags, list) else ()
    if not labels and not flags and not comment:
        return None
    return labels, flags, comment or None


def _canonical(raw: str | None) -> str | None:
    """A stored JSON object with its keys in one order, for comparisons."""
    if raw is None:
        return None
    return json.dumps(json.loads(raw), ensure_ascii=False, sort_keys=True)


def compare_key(row: tuple) -> tuple:
    """What makes two spans of one coder the same work (``merge_sides.Key`` rows): label, extent,
    note, attributes, and a coder's corrected figure value (a computed one follows the text)."""
    if len(row) == 6:
        return (*row[2:], None, None, False)
    _doc, _coder, label, start, end, note, attrs, value, by = row
    return (label, start, end, note, _canonical(attrs), _canonical(value) if by == "coder" else None, by == "coder")


@dataclass
class SchemaFit:
    """The target's schema as the merge writes: checks (and converts) a source's attribute values
    and document labels, each distinct one once, and knows which target labels carry figure values."""

    tx: object
    path: str
    labels: dict[int, object] = field(default_factory=dict)        # target label id -> Label
    types: dict[str, object] = field(default_factory=dict)         # name -> RelationType
    groups: tuple[DocLabelGroup, ...] = ()
    _attrs: dict[tuple[int, str], str | None] = field(default_factory=dict)
    _docs: dict[DocKey, DocKey] = field(default_factory=dict)

    @classmethod
    def of(cls, tx, path: str) -> "SchemaFit":
        fit = cls(tx, path)
        fit.reload()
        return fit

    def reload(self) -> None:
        from annotator.store.rows import LABEL_COLUMNS
        from sqlalchemy import select

        conn = self.tx.conn
        self.labels = {row[0]: label_from_row(row) for row in conn.execute(select(*LABEL_COLUMNS))}
        self.types = {t.name: t for t in R.relation_types(conn)}
        self.groups = R.doc_label_groups(conn)
        self._attrs.clear()
        self._docs.clear()

    def valued(self, label_id: int) -> bool:
        return self.labels[label_id].figure_values

    def attrs(self, label_id: int, raw: str, where) -> str | None:
        """A source span's attributes (stored JSON) as the target stores them for ``label_id``."""
        key = (label_id, raw)
        if key not in self._attrs:
            label = self.labels[label_id]
            try:
                checked = check_attrs(label.attributes, load_json(raw, {}, "a span's attributes") or {})
            except ValueError as exc:
                raise ProjectError(f"{self.path}: {where()} ({label.name}): {exc}; the target's label does not "
                                   "allow it: add it to the target first or use --add-labels") from None
            self._attrs[key] = R.dumps(checked) if checked else None
        return self._attrs[key]

    def doc_labels(self, key: DocKey, where) -> DocKey:
        if key not in self._docs:
            labels, flags, comment = key
            try:
                self._docs[key] = (check_doc_labels(self.groups, labels), check_flags(flags), check_comment(comment))
            except ValueError as exc:
                raise ProjectError(f"{self.path}: {where()}: {exc}; the target's document labels do not have it: "
                                   "add it to the target first or use --add-labels") from None
        return self._docs[key]


def fit_schema(tx, source, layers: SourceLayers, target_labels: dict[str, int], add_labels: bool,
               added: list[str]) -> None:
    """Refuse (or with ``add_labels``, add to the target) what the source's annotations need of the
    schema: relation types and their pairs, figure values on a label; with ``add_labels`` also the
    attribute definitions and document label groups the target lacks (the values themselves are
    checked as they are copied)."""
    conn = tx.conn
    types = {t.name: t for t in R.relation_types(conn)}
    names = {label_id: label.name for label_id, label in layers.labels.items()}
    target = {row[0]: label_from_row(row) for row in _target_labels(conn)}
    by_name = {label.name: label for label in target.values()}
    # figure values on a label
    for label_id, label in layers.labels.items():
        ours = by_name.get(label.name)
        if ours is None or ours.figure_values or not (label.figure_values or label_id in layers.valued_labels):
            continue
        if add_labels and label.figure_values:
            tx.update_label_schema(ours.id, figure_values=True)
            added.append(f"figure values on {label.name!r}")
        elif label_id in layers.valued_labels:
            raise ProjectError(f"{source}: spans of the label {label.name!r} carry figure values, but the target's "
                               f"label {label.name!r} does not; turn them on in the target first or use --add-labels")
    # relation types and the pairs the relations use
    needed: dict[int, set[tuple[str, str]]] = {}
    for type_id, head, child in layers.used_pairs:
        needed.setdefault(type_id, set()).add((names[head], names[child]))
    hotkeys = {t.hotkey for t in types.values() if t.hotkey} | {label.hotkey for label in target.values() if label.hotkey}
    for type_id, rtype in sorted(layers.types.items(), key=lambda item: (item[1].position, item[0])):
        pairs = needed.get(type_id, set())
        ours = types.get(rtype.name)
        if ours is None:
            if add_labels:
                key = rtype.hotkey if rtype.hotkey and rtype.hotkey not in hotkeys else None
                hotkeys.add(key)
                types[rtype.name] = tx.add_relation_type(rtype.name, rtype.color, key, rtype.pairs, rtype.guide)
                added.append(f"relation type {rtype.name!r}")
                ours = types[rtype.name]
            elif pairs:
                raise ProjectError(f"{source}: relation type {rtype.name!r} is used by its relations but is not in the "
                                   "target's relation types; add it to the target first or use --add-labels")
            else:
                continue
        missing = sorted(p for p in pairs if not ours.allows(*p))
        if missing:
            if not add_labels:
                head, child = missing[0]
                raise ProjectError(f"{source}: a {rtype.name!r} relation goes from {head!r} to {child!r}, which the "
                                   "target's relation type does not allow; allow that pair in the target first "
                                   "or use --add-labels")
            tx.update_relation_type(ours.id, pairs=list(ours.pairs) + missing)
            added.extend(f"pair {h} -> {c} of relation type {rtype.name!r}" for h, c in missing)
    if not add_labels:
        return
    # attribute definitions, and values missing from a choice
    for label in layers.labels.values():
        ours = by_name.get(label.name)
        if ours is None or not label.attributes:
            continue
        defs = list(ours.attributes)
        for definition in label.attributes:
            mine = next((d for d in defs if d.name == definition.name), None)
            if mine is None:
                defs.append(definition)
                added.append(f"attribute {definition.name!r} of {label.name!r}")
            elif mine.kind == definition.kind == "choice":
                extra = tuple(v for v in definition.values if v not in mine.values)
                if extra:
                    defs[defs.index(mine)] = replace(mine, values=mine.values + extra)
                    added.extend(f"value {v!r} of attribute {mine.name!r} of {label.name!r}" for v in extra)
        if defs != list(ours.attributes):
            tx.update_label_schema(ours.id, attributes=defs)
    # document label groups and their values
    groups = list(R.doc_label_groups(conn))
    changed = False
    for group in layers.groups:
        mine = next((g for g in groups if g.name == group.name), None)
        if mine is None:
            known = {v for g in groups for v in g.values}
            values = tuple(v for v in group.values if v not in known)
            if values:
                groups.append(replace(group, values=values))
                added.append(f"document label group {group.name!r}")
                changed = True
            continue
        known = {v for g in groups for v in g.values}
        extra = tuple(v for v in group.values if v not in known)
        if extra:
            groups[groups.index(mine)] = replace(mine, values=mine.values + extra)
            added.extend(f"document label {v!r}" for v in extra)
            changed = True
    if changed:
        tx.set_doc_label_groups(groups)


def _target_labels(conn):
    from sqlalchemy import select

    from annotator.store.rows import LABEL_COLUMNS

    return conn.execute(select(*LABEL_COLUMNS)).all()


def check_value(raw: str | None, path: str, where) -> str | None:
    """A coder's stored value, checked as a value the store accepts."""
    try:
        return R.dumps(check_figure_value(load_json(raw, None, "a span's figure value")))
    except ValueError as exc:
        raise ProjectError(f"{path}: {where()}: {exc}") from None


__all__ = ["DocKey", "RelKey", "SchemaFit", "SourceLayers", "check_value", "compare_key",
           "doc_key", "fit_schema"]
