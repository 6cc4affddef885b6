"""What the compared coders agree on beyond spans (issue 16), for the adjudicator to accept in one
step (Qt-free; the panel is ``ui/review/agreed_panel.py``):

- an **agreed relation**: every compared coder (two or more) drew a relation of the same type from a span
  to a span with the same extents and labels; proposed until the gold layer has it. Accepting it
  adds the gold spans it needs (those the gold layer lacks) and the relation between them;
- an **agreed attribute value**: every compared coder has a span equal to a gold span (extent and
  label) and they all gave it the same value of an attribute; proposed while the gold span's value
  differs. Accepting it sets the value on the gold span.
"""

from __future__ import annotations

from dataclasses import dataclass

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


def _key(span) -> Key:
    return (span.start, span.end, span.label_id)


def agreed(project, doc_id: int, coders, gold_id: int | None) -> tuple[list[RelationProposal], list[AttributeProposal]]:
    """The open proposals of one document (none when fewer than two coders are compared)."""
    if len(coders) < 2:
        return [], []
    spans = project.spans(doc_id)
    by_id = {s.id: s for s in spans}
    relations = project.relations(doc_id)
    names = {c.id: c.name for c in coders}
    links: dict[int, set[tuple[int, Key, Key]]] = {c.id: set() for c in coders}
    gold_links: set[tuple[int, Key, Key]] = set()
    for r in relations:
        head, child = by_id.get(r.head_id), by_id.get(r.child_id)
        if head is None or child is None:
            continue
        link = (r.type_id, _key(head), _key(child))
        if r.coder_id in links:
            links[r.coder_id].add(link)
        elif gold_id is not None and r.coder_id == gold_id:
            gold_links.add(link)
    common = set.intersection(*links.values()) - gold_links
    coder_names = tuple(sorted(names.values()))
    rel_out = [RelationProposal(t, h, c, coder_names) for t, h, c in sorted(common, key=lambda x: (x[1], x[2], x[0]))]
    attr_out: list[AttributeProposal] = []
    if gold_id is not None:
        layer: dict[int, dict[Key, object]] = {c.id: {} for c in coders}
        for s in spans:
            if s.coder_id in layer:
                layer[s.coder_id].setdefault(_key(s), s)
        for gold in sorted((s for s in spans if s.coder_id == gold_id), key=_key):
            theirs = [layer[c.id].get(_key(gold)) for c in coders]
            if any(s is None for s in theirs):
                continue
            for name in sorted({n for s in theirs for n in s.attrs}):
                values = [s.attrs.get(name) for s in theirs]
                first = values[0]
                if first is None or any(v != first or type(v) is not type(first) for v in values):
                    continue
                if gold.attrs.get(name) != first:
                    attr_out.append(AttributeProposal(gold.id, _key(gold), name, first, coder_names))
    return rel_out, attr_out
