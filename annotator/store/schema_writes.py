"""The lead's side of issue 16's schema, inside one ``Transaction`` (which inherits these):
relation types, a label's attributes, guideline and figure values, the document label groups and
the codebook. Each returns what was there before (for undo); see ``layer_writes`` for the notices.
"""

from __future__ import annotations

import json
from typing import Any, Iterable

from sqlalchemy import Connection, delete, func, insert, select, update

from annotator.core.changes import Change
from annotator.core.errors import ProjectError
from annotator.core.model import PALETTE, check_color, check_hotkey
from annotator.core.schema import DocLabelGroup, Guide, RelationType, check_doc_labels, check_name, check_pairs
from annotator.store import rich_rows as R
from annotator.store.layer_writes import KEEP, _checked
from annotator.store.models import LabelRow, RelationRow, RelationTypeRow
from annotator.store.rows import label_by_id, put_meta
from annotator.store.versions import versioned_update


class SchemaWrites:
    """Needs ``conn``, ``changes`` and ``_announce_relations`` (``Transaction`` has them)."""

    conn: Connection
    changes: list[Change]

    # -- relation types (the lead's schema) -------------------------------------------------
    def add_relation_type(self, name: str, color: str | None = None, hotkey: str | None = None,
                          pairs: Iterable = (), guide: Guide | None = None, *,
                          type_id: int | None = None) -> RelationType:
        """A new relation type; ``pairs``: allowed ``(head label, child label)`` names (none: any).
        ``type_id`` re-creates a removed type under its old id (undo, redo)."""
        name = _checked(check_name, name, "relation type")
        hotkey = _checked(check_hotkey, hotkey)
        pairs = _checked(check_pairs, pairs)
        if self.conn.scalar(select(RelationTypeRow.id).where(RelationTypeRow.name == name)) is not None:
            raise ProjectError(f"a relation type named {name!r} already exists")
        if hotkey and self.conn.scalar(select(RelationTypeRow.name).where(RelationTypeRow.hotkey == hotkey)):
            raise ProjectError(f"hotkey {hotkey!r} is already used by another relation type")
        count = self.conn.scalar(select(func.count(RelationTypeRow.id))) or 0
        color = _checked(check_color, color) if color else PALETTE[(count + 3) % len(PALETTE)]
        position = (self.conn.scalar(select(func.max(RelationTypeRow.position))) or 0) + 1
        guide = guide or Guide()
        values = dict(name=name, color=color, hotkey=hotkey, position=position,
                      pairs_json=json.dumps(pairs, ensure_ascii=False), description=guide.description or None,
                      examples_json=R.dumps(list(guide.examples)) if guide.examples else None)
        if type_id is not None:
            if self.conn.scalar(select(RelationTypeRow.id).where(RelationTypeRow.id == type_id)) is not None:
                raise ProjectError(f"a relation type with id {type_id} already exists")
            values["id"] = type_id
        type_id = self.conn.execute(insert(RelationTypeRow).values(**values)).inserted_primary_key[0]
        self.changes.append(Change("relation_type"))
        return RelationType(type_id, name, color, hotkey, position, pairs, guide)

    def update_relation_type(self, type_id: int, *, name: str | None = None, color: str | None = None,
                             hotkey: Any = KEEP, pairs: Iterable | None = None, guide: Guide | None = None,
                             expected_version: int | None = None) -> RelationType:
        """Change a relation type; ``hotkey=None`` clears it. Refused when ``pairs`` would forbid
        relations that exist. Returns the type as it was (for undo)."""
        old = R.relation_type_by_id(self.conn, type_id)
        values: dict[str, Any] = {}
        if name is not None:
            name = _checked(check_name, name, "relation type")
            other = self.conn.scalar(select(RelationTypeRow.id).where(RelationTypeRow.name == name))
            if other is not None and other != type_id:
                raise ProjectError(f"a relation type named {name!r} already exists")
            values["name"] = name
        if color is not None:
            values["color"] = _checked(check_color, color)
        if hotkey is not KEEP:
            key = _checked(check_hotkey, hotkey)
            if key and self.conn.scalar(select(RelationTypeRow.name).where(
                    RelationTypeRow.hotkey == key, RelationTypeRow.id != type_id)):
                raise ProjectError(f"hotkey {key!r} is already used by another relation type")
            values["hotkey"] = key
        if pairs is not None:
            pairs = _checked(check_pairs, pairs)
            probe = RelationType(type_id, old.name, old.color, pairs=pairs)
            for head, child in R.relation_label_pairs(self.conn, type_id):
                if not probe.allows(head, child):
                    raise ProjectError(f"relations {head} -> {child} of type {old.name!r} exist; "
                                       "remove them before you disallow that pair")
            values["pairs_json"] = json.dumps(pairs, ensure_ascii=False)
        if guide is not None:
            values["description"] = guide.description or None
            values["examples_json"] = R.dumps(list(guide.examples)) if guide.examples else None
        if values:
            versioned_update(self.conn, RelationTypeRow, RelationTypeRow.id == type_id, values, expected_version,
                             f"the relation type {old.name!r}")
            self.changes.append(Change("relation_type"))
        return old

    def remove_relation_type(self, type_id: int, *, force: bool = False) -> int:
        """Delete a relation type; if relations use it, refuse unless ``force`` (deletes them)."""
        old = R.relation_type_by_id(self.conn, type_id)
        used = self.conn.scalar(select(func.count(RelationRow.id)).where(RelationRow.type_id == type_id)) or 0
        if used and not force:
            raise ProjectError(f"the relation type {old.name!r} is used by {used} relation(s); delete them too to remove it")
        self._announce_relations(RelationRow.type_id == type_id)
        self.conn.execute(delete(RelationRow).where(RelationRow.type_id == type_id))
        self.conn.execute(delete(RelationTypeRow).where(RelationTypeRow.id == type_id))
        self.changes.append(Change("relation_type"))
        return used

    def reorder_relation_types(self, type_ids: list[int]) -> None:
        existing = set(self.conn.scalars(select(RelationTypeRow.id)))
        if set(type_ids) != existing or len(type_ids) != len(existing):
            raise ProjectError("reordering must list every relation type exactly once")
        for position, type_id in enumerate(type_ids, start=1):
            self.conn.execute(update(RelationTypeRow).where(RelationTypeRow.id == type_id)
                              .values(position=position, version=RelationTypeRow.version + 1))
        self.changes.append(Change("relation_type"))

    # -- the project's document label groups and codebook (settings) ---------------------------
    def set_doc_label_groups(self, groups: Iterable[DocLabelGroup], expected_version: int | None = None) -> tuple:
        """Replace the document label groups; refused when a stored document label would no longer
        fit (a value gone, several values in a group made single choice). Returns the old groups."""
        groups = tuple(groups)
        values = [v for g in groups for v in g.values]
        if len(set(values)) != len(values) or len({g.name for g in groups}) != len(groups):
            raise ProjectError("document label groups and their values must have unique names")
        for doc_id, coder_id, stored in R.all_doc_labels(self.conn):
            try:
                check_doc_labels(groups, stored)
            except ValueError as exc:
                raise ProjectError(f"document {doc_id} (coder {coder_id}) would no longer fit: {exc}; "
                                   "change those document labels first") from None
        old = R.doc_label_groups(self.conn)
        put_meta(self.conn, "setting:doc_label_groups", R.dumps([g.as_dict() for g in groups]), expected_version)
        self.changes.append(Change("settings"))
        return old

    def set_codebook(self, text: str, expected_version: int | None = None) -> str:
        """The project's codebook (Markdown); returns the old one."""
        if not isinstance(text, str) or len(text) > 2_000_000:
            raise ProjectError("the codebook must be text of at most 2,000,000 characters")
        old = R.codebook(self.conn)
        put_meta(self.conn, "setting:codebook", R.dumps(text), expected_version)
        self.changes.append(Change("settings"))
        return old

    def label(self, label_id: int):
        """A ``Label`` as this transaction sees it (importers that extend the schema as they go)."""
        return label_by_id(self.conn, label_id)

    # -- a label's attributes, guideline and figure values ---------------------------------------
    def update_label_schema(self, label_id: int, *, attributes: Iterable | None = None, guide: Guide | None = None,
                            figure_values: bool | None = None, drop_invalid: bool = False,
                            expected_version: int | None = None):
        """Change what a label's spans carry: ``attributes`` (``AttributeDef``s, replacing the
        list), its ``guide``, whether its spans get figure values. New definitions that existing
        attribute values do not fit are refused unless ``drop_invalid`` (those values are removed).
        Turning figure values on computes them for the label's spans; off clears them. Returns the
        ``Label`` as it was (for undo)."""
        from annotator.core.schema import check_attribute_defs

        old = label_by_id(self.conn, label_id)
        values: dict[str, Any] = {}
        if attributes is not None:
            defs = _checked(check_attribute_defs, attributes)
            R.refit_attrs(self.conn, self.changes, label_id, defs, drop_invalid)
            values["attributes_json"] = R.dumps([d.as_dict() for d in defs]) if defs else None
        if guide is not None:
            values["description"] = guide.description or None
            values["examples_json"] = R.dumps(list(guide.examples)) if guide.examples else None
        if figure_values is not None and bool(figure_values) != old.figure_values:
            values["figure_values"] = bool(figure_values)
            R.refit_values(self.conn, self.changes, label_id, bool(figure_values))
        if values:
            versioned_update(self.conn, LabelRow, LabelRow.id == label_id, values, expected_version,
                             f"the label {old.name!r}")
            self.changes.append(Change("label"))
        return old
