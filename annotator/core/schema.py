"""The richer annotation schema (issue 16), in pure Python: relation types between spans, attributes
on spans of a label, document labels with the coder's flags and comment, and the guidelines text
that goes with each.

The store keeps these (``Project.relation_types()``, ``Label.attributes``, ``Project.doc_label_groups()``,
``Project.codebook()``) and checks every value written against them with the functions here, so the
GUI, the importers and the merge meet one set of rules:

- ``RelationType(name, ..., pairs=(("claim", "entity"),))``: a relation of this type goes from a
  head span of the first label to a child span of the second (``allows(head, child)``); no pairs
  means any labels.
- ``AttributeDef(name, kind, values, required)``: ``kind`` is one of ``KINDS`` (``choice``: one of
  ``values``; ``text``; ``number``; ``bool``: yes/no). ``check_attrs(defs, attrs)`` returns the
  attributes as stored or raises ``ValueError`` with a one-line reason.
- ``DocLabelGroup(name, values, multiple)``: document-level categories; a document's labels are a
  flat list of values, at most one of each single-choice group (``check_doc_labels``).
- ``FLAGS``: what a coder can mark a document with for the lead.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

KINDS = ("choice", "text", "number", "bool")
FLAGS = ("unsure", "skip", "needs_discussion")
MAX_TEXT = 2000  # a free-text attribute, a comment, a description: at most this many characters


@dataclass(frozen=True)
class Guide:
    """A description and examples: what a label, relation type or attribute means for the coder."""

    description: str = ""
    examples: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        return {"description": self.description, "examples": list(self.examples)}


@dataclass(frozen=True)
class AttributeDef:
    """One attribute that spans of a label carry (``kind`` in ``KINDS``)."""

    name: str
    kind: str = "choice"
    values: tuple[str, ...] = ()
    required: bool = False
    guide: Guide = field(default_factory=Guide)

    def check(self, value: Any) -> Any:
        """The value as stored (numbers as int or float), or ``ValueError`` saying what is wrong."""
        if self.kind == "choice":
            if not isinstance(value, str) or value not in self.values:
                raise ValueError(f"attribute {self.name!r}: {value!r} is not one of {', '.join(self.values)}")
            return value
        if self.kind == "text":
            if not isinstance(value, str):
                raise ValueError(f"attribute {self.name!r}: expected text, got {value!r}")
            if len(value) > MAX_TEXT:
                raise ValueError(f"attribute {self.name!r}: text longer than {MAX_TEXT} characters")
            return value
        if self.kind == "number":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                raise ValueError(f"attribute {self.name!r}: expected a number, got {value!r}")
            return value
        if not isinstance(value, bool):
            raise ValueError(f"attribute {self.name!r}: expected yes/no (true or false), got {value!r}")
        return value

    def as_dict(self) -> dict:
        return {"name": self.name, "kind": self.kind, "values": list(self.values),
                "required": self.required, **self.guide.as_dict()}

    @classmethod
    def from_dict(cls, data: Mapping) -> "AttributeDef":
        """From ``as_dict``'s form (a project file, a schema file); ``ValueError`` when malformed."""
        if not isinstance(data, Mapping):
            raise ValueError(f"an attribute must be an object, got {data!r}")
        name = check_name(data.get("name"), "attribute")
        kind = data.get("kind", "choice")
        if kind not in KINDS:
            raise ValueError(f"attribute {name!r}: kind {kind!r} is not one of {', '.join(KINDS)}")
        values = _strings(data.get("values", ()), f"attribute {name!r} values")
        if kind == "choice" and not values:
            raise ValueError(f"attribute {name!r}: a choice needs at least one value")
        if len(set(values)) != len(values):
            raise ValueError(f"attribute {name!r}: a value is listed twice")
        return cls(name, kind, tuple(values) if kind == "choice" else (), bool(data.get("required", False)),
                   guide_from(data))


@dataclass(frozen=True)
class RelationType:
    """A kind of link from a head span to a child span. ``id`` is the store's (0 before it has one)."""

    id: int
    name: str
    color: str
    hotkey: str | None = None
    position: int = 0
    pairs: tuple[tuple[str, str], ...] = ()
    guide: Guide = field(default_factory=Guide)
    version: int = 1

    def allows(self, head_label: str, child_label: str) -> bool:
        return not self.pairs or (head_label, child_label) in self.pairs


@dataclass(frozen=True)
class RelationTypeSpec:
    """A relation type before it has a database id (defaults, ``--add-labels``)."""

    name: str
    color: str
    hotkey: str | None = None
    pairs: tuple[tuple[str, str], ...] = ()
    guide: Guide = field(default_factory=Guide)


@dataclass(frozen=True)
class Relation:
    """A link of one coder's layer: ``head_id`` -> ``child_id`` (span ids of the same document and coder)."""

    id: int
    document_id: int
    coder_id: int
    type_id: int
    head_id: int
    child_id: int
    version: int = 1


@dataclass(frozen=True)
class DocLabelGroup:
    """Document-level categories: one (``multiple=False``) or several of ``values`` per document."""

    name: str
    values: tuple[str, ...]
    multiple: bool = False
    guide: Guide = field(default_factory=Guide)

    def as_dict(self) -> dict:
        return {"name": self.name, "values": list(self.values), "multiple": self.multiple, **self.guide.as_dict()}

    @classmethod
    def from_dict(cls, data: Mapping) -> "DocLabelGroup":
        if not isinstance(data, Mapping):
            raise ValueError(f"a document label group must be an object, got {data!r}")
        name = check_name(data.get("name"), "document label group")
        values = tuple(check_name(v, "document label") for v in _strings(data.get("values", ()), name))
        if not values:
            raise ValueError(f"document label group {name!r} has no values")
        return cls(name, values, bool(data.get("multiple", False)), guide_from(data))


@dataclass(frozen=True)
class DocLabels:
    """One coder's document-level annotation: labels (values of the groups), flags, a comment."""

    document_id: int
    coder_id: int
    labels: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    comment: str | None = None
    version: int = 0  # 0: nothing stored yet

    @property
    def empty(self) -> bool:
        return not self.labels and not self.flags and not self.comment


# -- checks ----------------------------------------------------------------------------------------
def check_name(name: Any, what: str) -> str:
    if not isinstance(name, str) or not name.strip() or any(c in name for c in ",\n\r\t"):
        raise ValueError(f"invalid {what} name {name!r}: it must be non-empty, without commas or line breaks")
    name = name.strip()
    if len(name) > 64:
        raise ValueError(f"{what} name {name[:20]!r}... is longer than 64 characters")
    return name


def _strings(values: Any, what: str) -> list[str]:
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise ValueError(f"{what}: expected a list of strings, got {values!r}")
    out = list(values)
    if not all(isinstance(v, str) and v.strip() for v in out):
        raise ValueError(f"{what}: expected a list of non-empty strings, got {out!r}")
    return [v.strip() for v in out]


def guide_from(data: Mapping) -> Guide:
    description = data.get("description") or ""
    if not isinstance(description, str) or len(description) > 20 * MAX_TEXT:
        raise ValueError(f"a description must be text of at most {20 * MAX_TEXT} characters")
    examples = _strings(data.get("examples") or (), "examples")
    return Guide(description, tuple(examples))


def check_pairs(pairs: Any) -> tuple[tuple[str, str], ...]:
    """``[["claim", "entity"], ...]`` -> a tuple of (head label, child label) names."""
    out = []
    if isinstance(pairs, (str, bytes)) or not isinstance(pairs, Iterable):
        raise ValueError(f"allowed pairs must be a list of [head label, child label], got {pairs!r}")
    for pair in pairs:
        if isinstance(pair, str) or not isinstance(pair, Iterable) or len(list(pair)) != 2:
            raise ValueError(f"an allowed pair must be [head label, child label], got {pair!r}")
        head, child = list(pair)
        out.append((check_name(head, "label"), check_name(child, "label")))
    if len(set(out)) != len(out):
        raise ValueError("an allowed pair is listed twice")
    return tuple(out)


def check_attribute_defs(defs: Iterable[AttributeDef]) -> tuple[AttributeDef, ...]:
    """A label's attribute definitions checked by the rules a project file is read with (a kind
    outside ``KINDS``, a choice without values, a bad name: ``ValueError``), so that what is
    written can always be read back; returned in that normal form."""
    checked = []
    for d in defs:
        if not isinstance(d, AttributeDef):
            raise ValueError(f"an attribute definition was expected, got {d!r}")
        checked.append(AttributeDef.from_dict(d.as_dict()))
    defs = tuple(checked)
    names = [d.name for d in defs]
    if len(set(names)) != len(names):
        raise ValueError("attribute names of a label must be unique")
    return defs


def check_attrs(defs: Iterable[AttributeDef], attrs: Mapping | None, *, complete: bool = False) -> dict:
    """``attrs`` checked against a label's attribute definitions: every key must be defined and its
    value of the right kind (``None`` removes it). With ``complete``, a required attribute that is
    missing is an error too (the GUI warns; imports accept partial work). Returns a new dict in
    definition order, or raises ``ValueError`` with a one-line reason."""
    by_name = {d.name: d for d in defs}
    attrs = dict(attrs or {})
    unknown = [k for k in attrs if k not in by_name]
    if unknown:
        known = ", ".join(by_name) or "none"
        raise ValueError(f"unknown attribute {unknown[0]!r} (this label has: {known})")
    out = {}
    for name, definition in by_name.items():
        if attrs.get(name) is not None:
            out[name] = definition.check(attrs[name])
        elif complete and definition.required:
            raise ValueError(f"attribute {name!r} is required")
    return out


def check_flags(flags: Iterable[str]) -> tuple[str, ...]:
    flags = tuple(flags)
    bad = [f for f in flags if f not in FLAGS]
    if bad:
        raise ValueError(f"unknown flag {bad[0]!r} (flags are {', '.join(FLAGS)})")
    return tuple(f for f in FLAGS if f in flags)


def check_doc_labels(groups: Iterable[DocLabelGroup], labels: Iterable[str]) -> tuple[str, ...]:
    """A document's labels, checked: each a value of some group, at most one per single-choice group,
    none twice. Returned in the schema's order."""
    groups = tuple(groups)
    group_of = {value: group for group in groups for value in group.values}
    labels = list(labels)
    for value in labels:
        if not isinstance(value, str) or value not in group_of:
            raise ValueError(f"unknown document label {value!r}")
    if len(set(labels)) != len(labels):
        raise ValueError("a document label is given twice")
    for group in groups:
        chosen = [v for v in labels if group_of[v] is group]
        if len(chosen) > 1 and not group.multiple:
            raise ValueError(f"document label group {group.name!r} is single choice; got {', '.join(chosen)}")
    order = [value for group in groups for value in group.values]
    return tuple(sorted(labels, key=order.index))


def check_comment(comment: Any) -> str | None:
    if comment is None or comment == "":
        return None
    if not isinstance(comment, str):
        raise ValueError(f"a comment must be text, got {comment!r}")
    if len(comment) > 20 * MAX_TEXT:
        raise ValueError(f"a comment is longer than {20 * MAX_TEXT} characters")
    return comment


def check_figure_value(value: Any) -> dict | None:
    """A figure value as JSONL carries it: ``{"low", "high", "unit", "approx"}`` or ``None`` (the text
    does not parse). Returned normalised (missing high = low, unit None, approx False)."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise ValueError(f"a figure value must be an object with low and high, or null; got {value!r}")
    extra = set(value) - {"low", "high", "unit", "approx"}
    if extra:
        raise ValueError(f"a figure value has unknown key {sorted(extra)[0]!r}")
    low, high = value.get("low"), value.get("high", value.get("low"))
    for what, number in (("low", low), ("high", high)):
        if isinstance(number, bool) or not isinstance(number, (int, float)) or not math.isfinite(number):
            raise ValueError(f"a figure value's {what} must be a number, got {number!r}")
    if high < low:
        raise ValueError(f"a figure value's high ({high}) is below its low ({low})")
    unit = value.get("unit")
    if unit is not None and (not isinstance(unit, str) or len(unit) > 64):
        raise ValueError(f"a figure value's unit must be short text or null, got {unit!r}")
    approx = value.get("approx", False)
    if not isinstance(approx, bool):
        raise ValueError(f"a figure value's approx must be true or false, got {approx!r}")
    return {"low": low, "high": high, "unit": unit, "approx": approx}
