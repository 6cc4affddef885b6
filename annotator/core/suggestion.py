"""A suggestion as the store keeps it: a proposed span in the suggestions layer (never a coder's)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any


@dataclass(frozen=True)
class StoredSuggestion:
    id: int
    document_id: int
    label_id: int
    start: int
    end: int
    score: float
    source: str
    value: dict[str, Any] | None = None

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


def accepted_provenance(source: str, score: float, coder: str, *, relabelled_from: str | None = None) -> dict:
    """The provenance of a span a coder accepted: "suggested by <source>, accepted by <coder>"."""
    provenance: dict[str, Any] = {"source": "suggestion", "suggested_by": source, "score": score,
                                  "accepted_by": coder,
                                  "at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    if relabelled_from is not None:
        provenance["relabelled_from"] = relabelled_from
    return provenance
