"""What a store operation changed: windows redraw from these instead of re-reading everything."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Change:
    """``kind`` is one of: span, document, label, coder, status, settings, assignment, suggestion (the
    suggestions layer: added, cleared, rejected or accepted; ``coder_id`` set for a coder's decision),
    and since schema 5 relation (a relation added, removed or retyped; ``ranges``: its two spans),
    doc_labels (a coder's document labels, flags or comment) and relation_type.

    ``document_id`` is set for span, status, relation and doc_labels changes; ``ranges`` lists the ``[start, end)``
    ranges of text whose spans changed (old and new extents), so a view re-highlights only those.
    """

    kind: str
    document_id: int | None = None
    coder_id: int | None = None
    ranges: tuple[tuple[int, int], ...] = field(default_factory=tuple)
