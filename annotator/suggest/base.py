"""What every suggestion source takes and gives: plain data, no Qt, no SQL.

A source turns documents (id and text) into :class:`Suggestion` objects: a proposed span with a
label, a score in [0, 1] and the name of the source. It never writes anything; the store keeps
suggestions in their own layer and the coder decides.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Protocol, Sequence


@dataclass(frozen=True)
class Seed:
    """A span a coder made, given to sources that propose more like it (``occurrences``)."""

    text: str
    label: str


@dataclass(frozen=True)
class Suggestion:
    document_id: int
    start: int
    end: int
    label: str
    score: float
    source: str
    value: dict[str, Any] | None = None  # a figure's value (low, high, unit, approx), when known

    @property
    def key(self) -> tuple[int, int, int, str]:
        """What makes two suggestions the same (a rejection is remembered by this key and its source)."""
        return self.document_id, self.start, self.end, self.label


@dataclass
class Request:
    """What a source is asked: these documents, with these seeds, for these labels."""

    documents: Iterable[tuple[int, str]]
    seeds: Sequence[Seed] = ()
    labels: Sequence[str] = ()  # the project's label names (a source proposes only these)
    options: dict[str, Any] = field(default_factory=dict)


class Source(Protocol):
    """``name``: what suggestions record as their source. A source that proposes more of what the
    coder did sets ``wants_seeds = True``: the runner then passes the coder's spans as seeds."""

    name: str

    def suggest(self, request: Request) -> Iterator[Suggestion]: ...


def drop_known(suggestions: Iterable[Suggestion],
               existing: dict[int, set[tuple[int, int, str]]],
               rejected: set[tuple[int, int, int, str]] = frozenset()) -> Iterator[Suggestion]:
    """Leave out what a coder already has (same range and label, or any span of that label
    overlapping it) and what was rejected before."""
    for s in suggestions:
        if s.key in rejected:
            continue
        mine = existing.get(s.document_id, ())
        if any(label == s.label and start < s.end and s.start < end for start, end, label in mine):
            continue
        yield s
