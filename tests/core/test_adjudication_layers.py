"""core.adjudication_layers: agreed attribute values and relations."""

from annotator.core.adjudication_layers import propose_attributes, propose_relations

S, T = (0, 4, "claim"), (5, 9, "entity")


def test_an_attribute_value_needs_k_votes_and_no_tie():
    three = {"a": [(S, {"stance": "denied"})], "b": [(S, {"stance": "denied"})], "c": [(S, {"stance": "reported"})]}
    (p,) = propose_attributes(three, 2)
    assert (p.span, p.name, p.value, p.coders) == (S, "stance", "denied", frozenset("ab"))
    assert propose_attributes(three, 3) == []
    tie = {"a": [(S, {"stance": "denied"})], "b": [(S, {"stance": "reported"})]}
    assert propose_attributes(tie, 1) == []  # 1 against 1: nobody decides
    assert propose_attributes({"a": [(S, {"n": 1})], "b": [(S, {"n": True})]}, 2) == []  # 1 is not yes


def test_a_relation_needs_k_coders_drawing_it_between_the_same_spans():
    rels = {"a": [(S, T, "source"), (S, T, "source")], "b": [(S, T, "source")], "c": [(T, S, "source")]}
    (p,) = propose_relations(rels, 2)
    assert (p.head, p.child, p.type, p.coders) == (S, T, "source", frozenset("ab"))
    assert propose_relations(rels, 3) == []
