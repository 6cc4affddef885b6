"""core.schema: the checks every writer of issue 16's layers goes through."""

import pytest

from annotator.core.schema import (
    AttributeDef,
    DocLabelGroup,
    RelationType,
    check_attrs,
    check_doc_labels,
    check_figure_value,
    check_flags,
    check_pairs,
)

STANCE = AttributeDef("stance", "choice", ("asserted", "denied"), required=True)


def test_attribute_values_by_kind():
    assert STANCE.check("denied") == "denied"
    with pytest.raises(ValueError, match="'maybe' is not one of asserted, denied"):
        STANCE.check("maybe")
    assert AttributeDef("n", "number").check(3) == 3
    for bad in (True, "3", float("nan")):
        with pytest.raises(ValueError, match="expected a number"):
            AttributeDef("n", "number").check(bad)
    with pytest.raises(ValueError, match="yes/no"):
        AttributeDef("b", "bool").check(1)
    with pytest.raises(ValueError, match="longer than"):
        AttributeDef("t", "text").check("x" * 2001)


def test_check_attrs_orders_drops_nones_and_knows_required():
    defs = (STANCE, AttributeDef("gloss", "text"))
    assert list(check_attrs(defs, {"gloss": "g", "stance": "asserted"})) == ["stance", "gloss"]
    assert check_attrs(defs, {"stance": None}) == {}
    with pytest.raises(ValueError, match="required"):
        check_attrs(defs, {"gloss": "g"}, complete=True)
    with pytest.raises(ValueError, match="unknown attribute 'x' \\(this label has: stance, gloss\\)"):
        check_attrs(defs, {"x": 1})


def test_definitions_round_trip_and_bad_ones_are_refused():
    assert AttributeDef.from_dict(STANCE.as_dict()) == STANCE
    for bad, reason in (({"name": "a", "kind": "colour"}, "kind 'colour'"), ({"name": "a"}, "at least one value"),
                        ({"name": "a,b", "kind": "text"}, "invalid attribute name"),
                        ({"name": "a", "values": ["x", "x"]}, "listed twice")):
        with pytest.raises(ValueError, match=reason):
            AttributeDef.from_dict(bad)
    group = DocLabelGroup("topic", ("politics", "economy"), multiple=True)
    assert DocLabelGroup.from_dict(group.as_dict()) == group


def test_relation_pairs():
    assert check_pairs([["claim", "entity"]]) == (("claim", "entity"),)
    with pytest.raises(ValueError, match="\\[head label, child label\\]"):
        check_pairs([["claim"]])
    rt = RelationType(1, "source", "#000000", pairs=(("claim", "entity"),))
    assert rt.allows("claim", "entity") and not rt.allows("entity", "claim")
    assert RelationType(2, "any", "#000000").allows("x", "y")


def test_document_labels_and_flags():
    groups = (DocLabelGroup("topic", ("politics", "economy"), multiple=True), DocLabelGroup("genre", ("news", "opinion")))
    assert check_doc_labels(groups, ["news", "economy", "politics"]) == ("politics", "economy", "news")
    with pytest.raises(ValueError, match="single choice"):
        check_doc_labels(groups, ["news", "opinion"])
    with pytest.raises(ValueError, match="given twice"):
        check_doc_labels(groups, ["news", "news"])
    assert check_flags(["skip", "unsure"]) == ("unsure", "skip")
    with pytest.raises(ValueError, match="unknown flag"):
        check_flags(["urgent"])


def test_figure_values_are_normalised_or_refused():
    assert check_figure_value({"low": 5}) == {"low": 5, "high": 5, "unit": None, "approx": False}
    assert check_figure_value(None) is None
    for bad, reason in (({"low": True}, "must be a number"), ({"low": 1, "approx": "yes"}, "approx"),
                        ([1, 2], "must be an object"), ({"low": 1, "unit": 5}, "unit")):
        with pytest.raises(ValueError, match=reason):
            check_figure_value(bad)
