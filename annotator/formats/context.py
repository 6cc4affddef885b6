"""What an exporter gets besides the items: the options, the project's labels (with colours) and
coders, a few project settings, and two ways to speak: ``ctx(message)`` for a warning and
``ctx.lost(reason)`` to count what the format cannot carry (listed per reason in the summary).

``ctx`` is callable, so a writer written as ``write(items, out, warn)`` works unchanged.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable


@dataclass
class ExportContext:
    options: Any = None                                          # ExportOptions
    labels: list[tuple[str, str]] = field(default_factory=list)  # (name, colour) in the project's order
    coders: list[str] = field(default_factory=list)              # the coders exported
    project_name: str = "project"
    settings: dict[str, Any] = field(default_factory=dict)       # e.g. "license"
    warn: Callable[[str], None] = lambda message: None
    losses: Counter = field(default_factory=Counter)             # reason -> count
    # Issue 16: how much of the richer layers the export holds ({"relations": n, "attrs": n,
    # "values": n, "doc_labels": n}, ``Snapshot.layer_counts``), and the relation types (name, colour).
    layers: dict[str, int] = field(default_factory=dict)
    relation_types: list[tuple[str, str]] = field(default_factory=list)
    # Each label's attribute definitions (label name -> AttributeDef tuple) and the document label
    # groups: formats with a natural form for them (Label Studio's Choices, TextArea, Number) need the kinds.
    attributes: dict[str, tuple] = field(default_factory=dict)
    doc_label_groups: tuple = ()

    @property
    def rich(self) -> bool:
        return any(self.layers.values())

    def __call__(self, message: str) -> None:
        self.warn(message)

    def lost(self, reason: str, count: int = 1) -> None:
        """Count ``count`` things (spans, notes, ...) the format could not carry, for ``reason``."""
        if count:
            self.losses[reason] += count

    def option(self, name: str, default: Any = None) -> Any:
        return getattr(self.options, name, default) if self.options is not None else default
