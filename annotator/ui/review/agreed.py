"""What the compared coders agree on beyond spans (issue 16), for the adjudicator to accept in one
step (Qt-free; the panel is ``ui/review/agreed_panel.py``). The proposals are the store's
(``store.adjudicate_layers.layer_proposals``: the same rule as ``annotator adjudicate``, a majority
of the compared coders, ties left open); this module keeps those still open and names their spans by
label id, as the review window's gold index does:

- an **agreed relation**: a relation of one type between two spans (extent and label) that enough
  coders drew, until the gold layer has it. Accepting it adds the gold spans it needs (those the gold
  layer lacks) and the relation between them;
- an **agreed attribute value**: on a span the gold layer holds, the value enough coders gave;
  accepting it sets the value on the gold span.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.store.adjudicate_layers import layer_proposals

Key = tuple[int, int, int]  # a span's (start, end, label id)


@dataclass(frozen=True)
class RelationProposal:
    type_id: int
    head: Key
    child: Key
    coders: tuple[str, ...]


@dataclass(frozen=True)
class AttributeProposal:
    gold_span_id: int
    span: Key
    name: str
    value: object
    coders: tuple[str, ...]


def agreed(project, doc_id: int, coders, gold_id: int | None) -> tuple[list[RelationProposal], list[AttributeProposal]]:
    """The open proposals of one document (none when fewer than two coders are compared)."""
    if len(coders) < 2:
        return [], []
    ids = {label.name: label.id for label in project.labels()}
    found = layer_proposals(project, doc_id, coders)

    def key(span) -> Key:
        start, end, label = span
        return (start, end, ids.get(label, -1))

    relations = [RelationProposal(r.type_id, key(r.head), key(r.child), tuple(sorted(r.coders)))
                 for r in found.relations if not r.in_gold]
    attributes = [AttributeProposal(a.gold_span_id, key(a.span), a.name, a.value, tuple(sorted(a.coders)))
                  for a in found.attributes if a.gold_span_id is not None and not a.in_gold]
    return relations, attributes
