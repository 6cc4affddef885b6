"""Adjudication beyond spans: the attribute values and relations that coders agree on, proposed for
the gold layer of one document (``core.adjudication_layers``), and accepting them.

    props = layer_proposals(project, doc_id)                 # coders: every non-gold coder; majority
    for p in props.attributes:                               # p.span, p.name, p.value, p.coders
        if p.gold_span_id is not None and not p.in_gold:
            old = accept_attribute(project, p)               # -> the gold Span as it was (undo: restore_span)
    for r in props.relations:                                # r.head, r.child, r.type, r.coders
        if r.acceptable:
            rel = accept_relation(project, r)                # -> Relation (undo: remove_relation(rel.id))

A proposal can be accepted once the gold layer holds its span(s) (``gold_span_id``; for a relation
``gold_head_id`` and ``gold_child_id``): accept the spans first (the review window's span proposals).
``annotator adjudicate`` accepts them all itself after the spans (``accept_all``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.core.adjudication import parse_strategy, threshold
from annotator.core.adjudication_layers import AttributeProposal, RelationProposal, propose_attributes, propose_relations
from annotator.core.errors import ProjectError


@dataclass(frozen=True)
class GoldAttribute(AttributeProposal):
    gold_span_id: int | None = None
    in_gold: bool = False          # gold's span already has this value


@dataclass(frozen=True)
class GoldRelation(RelationProposal):
    type_id: int = 0
    gold_head_id: int | None = None
    gold_child_id: int | None = None
    in_gold: bool = False

    @property
    def acceptable(self) -> bool:
        return not self.in_gold and self.gold_head_id is not None and self.gold_child_id is not None


@dataclass
class LayerProposals:
    attributes: list[GoldAttribute] = field(default_factory=list)
    relations: list[GoldRelation] = field(default_factory=list)


def layer_proposals(project, document_id: int, coders=None, strategy: str = "majority",
                    min_agree: int | None = None) -> LayerProposals:
    """The proposals for one document; ``coders``: ``Coder`` objects (default every non-gold coder)."""
    coders = list(coders) if coders is not None else project.coders(include_gold=False)
    try:
        kind, _ = parse_strategy(strategy)
        k = threshold(kind, len(coders), min_agree)
    except ValueError as exc:
        raise ProjectError(str(exc)) from None
    names = {label.id: label.name for label in project.labels()}
    types = {t.id: t.name for t in project.relation_types()}
    type_ids = {name: type_id for type_id, name in types.items()}
    spans = project.spans(document_id)
    key = {s.id: (s.start, s.end, names[s.label_id]) for s in spans}
    attrs = {c.name: [(key[s.id], s.attrs) for s in spans if s.coder_id == c.id] for c in coders}
    relations = project.relations(document_id)
    rels = {c.name: [(key[r.head_id], key[r.child_id], types[r.type_id]) for r in relations if r.coder_id == c.id]
            for c in coders}
    gold = project.gold_coder()
    gold_spans = {key[s.id]: s for s in spans if gold is not None and s.coder_id == gold.id}
    gold_rels = {(key[r.head_id], key[r.child_id], types[r.type_id]) for r in relations
                 if gold is not None and r.coder_id == gold.id}
    out = LayerProposals()
    for p in propose_attributes(attrs, k):
        span = gold_spans.get(p.span)
        out.attributes.append(GoldAttribute(p.span, p.name, p.value, p.coders, span.id if span else None,
                                            span is not None and span.attrs.get(p.name) == p.value))
    for p in propose_relations(rels, k):
        head, child = gold_spans.get(p.head), gold_spans.get(p.child)
        out.relations.append(GoldRelation(p.head, p.child, p.type, p.coders, type_ids[p.type],
                                          head.id if head else None, child.id if child else None,
                                          (p.head, p.child, p.type) in gold_rels))
    return out


def accept_attribute(project, proposal: GoldAttribute, tx=None):
    """Set the proposed value on gold's span; returns the span as it was (undo: ``restore_span``)."""
    if proposal.gold_span_id is None:
        raise ProjectError("the gold layer has no such span yet: accept the span first")
    if tx is not None:
        return tx.set_span_attr(proposal.gold_span_id, proposal.name, proposal.value)
    return project.set_span_attr(proposal.gold_span_id, proposal.name, proposal.value)


def accept_relation(project, proposal: GoldRelation, tx=None):
    """Draw the proposed relation between gold's spans; returns the ``Relation`` (undo: remove it)."""
    if proposal.gold_head_id is None or proposal.gold_child_id is None:
        raise ProjectError("the gold layer lacks one end of this relation: accept its spans first")
    target = tx if tx is not None else project
    return target.add_relation(proposal.type_id, proposal.gold_head_id, proposal.gold_child_id)


def accept_all(project, tx, document_id: int, coders, strategy: str, min_agree: int | None) -> tuple[int, int]:
    """Inside ``annotator adjudicate``'s transaction (after the spans): every acceptable proposal.
    Returns (attribute values set, relations drawn)."""
    props = layer_proposals(_InTransaction(project, tx), document_id, coders, strategy, min_agree)
    values = relations = 0
    for p in props.attributes:
        if p.gold_span_id is not None and not p.in_gold:
            try:
                accept_attribute(project, p, tx)
                values += 1
            except ProjectError:
                pass  # the gold label does not define it (a relabelled gold span): left for a person
    for r in props.relations:
        if r.acceptable:
            try:
                accept_relation(project, r, tx)
                relations += 1
            except ProjectError:
                pass  # a pair the type no longer allows: left for a person
    return values, relations


class _InTransaction:
    """The project's reads, but the spans and relations as the open transaction sees them."""

    def __init__(self, project, tx) -> None:
        self._project, self._tx = project, tx

    def __getattr__(self, name):
        return getattr(self._project, name)

    def spans(self, document_id):
        from sqlalchemy import select

        from annotator.store.models import SpanRow
        from annotator.store.rows import SPAN_COLUMNS, span_from_row

        return [span_from_row(r) for r in self._tx.conn.execute(select(*SPAN_COLUMNS).where(SpanRow.document_id == document_id))]

    def relations(self, document_id):
        from annotator.store import rich_rows
        from annotator.store.models import RelationRow

        return rich_rows.relations(self._tx.conn, RelationRow.document_id == document_id)

    def gold_coder(self):
        return self._tx.ensure_gold_coder()
