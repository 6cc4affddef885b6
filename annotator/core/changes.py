"""What a store operation changed: windows redraw from these instead of re-reading everything."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Change:
    """``kind`` is one of: span, document, label, coder, status, settings, assignment, suggestion (the
    suggestions layer: added, cleared, rejected or accepted; ``coder_id`` set for a coder's decision).

    ``document_id`` is set for span and status changes; ``ranges`` lists the ``[start, end)``
    ranges of text whose spans changed (old and new extents), so a view re-highlights only those.
    """

    kind: str
    document_id: int | None = None
    coder_id: int | None = None
    ranges: tuple[tuple[int, int], ...] = field(default_factory=tuple)
