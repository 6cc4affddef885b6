"""Domain objects. Plain, immutable dataclasses: the store returns them, the UI reads them."""

from __future__ import annotations

import enum
import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Iterable

from annotator.core.schema import AttributeDef, Guide


class DocStatus(str, enum.Enum):
    """Where one coder stands with one document."""

    NEW = "new"
    IN_PROGRESS = "in_progress"
    DONE = "done"

    @classmethod
    def parse(cls, value: "str | DocStatus") -> "DocStatus":
        if isinstance(value, DocStatus):
            return value
        key = str(value).strip().lower().replace("-", "_").replace(" ", "_")
        for status in cls:
            if status.value == key:
                return status
        raise ValueError(f"unknown status {value!r} (expected new, in_progress or done)")


def text_sha256(text: str) -> str:
    """The identity of a document's text across project files: sha256 of its UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


GOLD_CODER = "@gold"  # the reserved coder whose layer is the adjudicated gold standard


@dataclass(frozen=True)
class Coder:
    id: int
    name: str

    @property
    def is_gold(self) -> bool:
        return self.name == GOLD_CODER


@dataclass(frozen=True)
class Label:
    """A span label. Since schema 5 it also carries its guideline (``guide``), the attributes its
    spans may have (``attributes``: ``core.schema.AttributeDef``), and whether its spans get a
    figure value (``figure_values``)."""

    id: int
    name: str
    color: str
    hotkey: str | None
    position: int
    attributes: tuple[AttributeDef, ...] = ()
    guide: Guide = field(default_factory=Guide)
    figure_values: bool = False

    def attribute(self, name: str) -> AttributeDef | None:
        return next((a for a in self.attributes if a.name == name), None)


@dataclass(frozen=True)
class DocumentInfo:
    """A document without its text: what lists and statistics need."""

    id: int
    title: str
    length: int
    sha256: str
    position: int
    external_id: str | None = None


@dataclass(frozen=True)
class Document(DocumentInfo):
    text: str = ""
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Span:
    """A labelled character range: [start, end) in code points of the stored document text."""

    id: int
    document_id: int
    coder_id: int
    label_id: int
    start: int
    end: int
    note: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    provenance: dict[str, Any] | None = None
    # Schema 5: attribute values (``{name: value}``); for a span of a figure label its value
    # (``{"low", "high", "unit", "approx"}``, or None when the text does not parse) and who set
    # it: ``value_by`` is "core" (computed from the text), "coder" (corrected or imported as
    # given) or None (no value: not a figure label).
    attrs: dict[str, Any] = field(default_factory=dict, hash=False)  # (a span stays hashable)
    value: dict[str, Any] | None = field(default=None, hash=False)
    value_by: str | None = None

    def text(self, document_text: str) -> str:
        return document_text[self.start : self.end]

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_NAME = re.compile(r"^[^\s,][^,\n\r\t]*$")


def check_label_name(name: str) -> str:
    """A label name is non-empty, has no comma (the CLI's list separator) and no line breaks."""
    name = name.strip()
    if not name or not _NAME.match(name):
        raise ValueError(f"invalid label name {name!r}: it must be non-empty, without commas or line breaks")
    if len(name) > 64:
        raise ValueError(f"label name {name[:20]!r}... is longer than 64 characters")
    return name


def check_color(color: str) -> str:
    if not _COLOR.match(color):
        raise ValueError(f"invalid colour {color!r}: expected #RRGGBB")
    return color.lower()


def check_hotkey(hotkey: str | None) -> str | None:
    if hotkey is None or hotkey == "":
        return None
    if len(hotkey) != 1 or hotkey.isspace():
        raise ValueError(f"invalid hotkey {hotkey!r}: a hotkey is one printable key such as 1 or q")
    return hotkey.lower()


# Mid-saturation colours that keep contrast both as a tint on white and as a tint on a dark
# background (checked in screenshots of both themes): blue, amber, green, then more for new labels.
PALETTE = (
    "#2f7ed8",  # blue
    "#e8a317",  # amber
    "#2e9e5b",  # green
    "#c2417a",  # magenta
    "#7b5cc4",  # violet
    "#d2622a",  # orange
    "#1b9aaa",  # teal
    "#8c8c2a",  # olive
)


@dataclass(frozen=True)
class LabelSpec:
    """A label before it has a database id."""

    name: str
    color: str
    hotkey: str | None = None


DEFAULT_LABELS: tuple[LabelSpec, ...] = (
    LabelSpec("entity", PALETTE[0], "1"),
    LabelSpec("claim", PALETTE[1], "2"),
    LabelSpec("figure", PALETTE[2], "3"),
)


class LabelSchema:
    """An ordered set of labels with unique names and unique hotkeys."""

    def __init__(self, labels: Iterable[Label] = ()) -> None:
        self._labels = sorted(labels, key=lambda label: (label.position, label.id))
        names = [label.name for label in self._labels]
        if len(set(names)) != len(names):
            raise ValueError("label names must be unique")
        keys = [label.hotkey for label in self._labels if label.hotkey]
        if len(set(keys)) != len(keys):
            raise ValueError("label hotkeys must be unique")

    @staticmethod
    def specs_from_names(names: Iterable[str]) -> list[LabelSpec]:
        """Label specs for names given by a user: default colours and hotkeys 1..9 in order."""
        specs: list[LabelSpec] = []
        defaults = {spec.name: spec for spec in DEFAULT_LABELS}
        seen: set[str] = set()
        for index, raw in enumerate(names):
            name = check_label_name(raw)
            if name in seen:
                raise ValueError(f"label {name!r} is given twice")
            seen.add(name)
            if name in defaults and defaults[name].hotkey == str(index + 1):
                specs.append(defaults[name])
            else:
                hotkey = str(index + 1) if index < 9 else None
                specs.append(LabelSpec(name, PALETTE[index % len(PALETTE)], hotkey))
        return specs

    def __iter__(self):
        return iter(self._labels)

    def __len__(self) -> int:
        return len(self._labels)

    def by_name(self, name: str) -> Label | None:
        return next((label for label in self._labels if label.name == name), None)

    def by_id(self, label_id: int) -> Label | None:
        return next((label for label in self._labels if label.id == label_id), None)

    def by_hotkey(self, key: str) -> Label | None:
        key = key.lower()
        return next((label for label in self._labels if label.hotkey == key), None)

    def names(self) -> list[str]:
        return [label.name for label in self._labels]

    def next_free_hotkey(self, reserved: Iterable[str] = ()) -> str | None:
        """The first of 1..9, 0 that no label uses (nor ``reserved``), else the first free letter
        a..z; ``None`` when every one is taken."""
        taken = {label.hotkey for label in self._labels if label.hotkey} | {k.lower() for k in reserved}
        return next((key for key in "1234567890abcdefghijklmnopqrstuvwxyz" if key not in taken), None)
