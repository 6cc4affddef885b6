"""What coders agree on beyond spans, proposed for the gold layer (pure logic, no storage).

- An **attribute proposal**: on one span ``(start, end, label)`` that several coders made
  identically, an attribute value that at least ``k`` of them gave, and more of them than any other
  value of that attribute (a tie proposes nothing).
- A **relation proposal**: a relation type from one span to another (both identified by
  ``(start, end, label)``) that at least ``k`` coders drew.

``k`` is the span threshold of the adjudication strategy (``core.adjudication.threshold``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

SpanKey = tuple[int, int, str]  # start, end, label


@dataclass(frozen=True)
class AttributeProposal:
    span: SpanKey
    name: str
    value: Any
    coders: frozenset[str]


@dataclass(frozen=True)
class RelationProposal:
    head: SpanKey
    child: SpanKey
    type: str
    coders: frozenset[str]


def _key(value: Any) -> tuple:
    return (type(value).__name__, value)  # 1 and True and "1" are different answers


def propose_attributes(by_coder: Mapping[str, Iterable[tuple[SpanKey, Mapping[str, Any]]]], k: int) -> list[AttributeProposal]:
    """``by_coder``: each coder's spans with their attributes. Returns the proposals in span order."""
    votes: dict[tuple[SpanKey, str], dict[tuple, set[str]]] = defaultdict(lambda: defaultdict(set))
    values: dict[tuple, Any] = {}
    for coder, spans in by_coder.items():
        for span, attrs in spans:
            for name, value in (attrs or {}).items():
                votes[(span, name)][_key(value)].add(coder)
                values[_key(value)] = value
    out = []
    for (span, name), counted in votes.items():
        ranked = sorted(counted.items(), key=lambda kv: -len(kv[1]))
        best, coders = ranked[0]
        if len(coders) >= k and (len(ranked) == 1 or len(ranked[1][1]) < len(coders)):
            out.append(AttributeProposal(span, name, values[best], frozenset(coders)))
    return sorted(out, key=lambda p: (p.span, p.name))


def propose_relations(by_coder: Mapping[str, Iterable[tuple[SpanKey, SpanKey, str]]], k: int) -> list[RelationProposal]:
    """``by_coder``: each coder's relations as ``(head span, child span, type)``."""
    counted: Counter = Counter()
    who: dict[tuple, set[str]] = defaultdict(set)
    for coder, relations in by_coder.items():
        for rel in set(relations):
            counted[rel] += 1
            who[rel].add(coder)
    return sorted((RelationProposal(h, c, t, frozenset(who[(h, c, t)])) for (h, c, t), n in counted.items() if n >= k),
                  key=lambda p: (p.head, p.child, p.type))
