"""The figures source proposes `figure` spans with their values, only for a project with that label."""

from annotator.suggest import Request, make_source


def test_figures_source_proposes_figure_spans_with_values():
    text = "قال إن نحو 500 إلى 750 مقاتل عبروا، وإن آلاف اللاجئين فروا في عام 2014"
    found = list(make_source("figures").suggest(Request([(3, text)], labels=["entity", "claim", "figure"])))
    assert [(text[s.start:s.end], s.label, s.score, s.source) for s in found] == [
        ("500 إلى 750", "figure", 0.9, "figures"), ("آلاف", "figure", 0.5, "figures")]
    assert found[0].value == {"low": 500, "high": 750, "unit": "مقاتل", "approx": True}
    assert found[1].value is None


def test_no_figure_label_no_figure_suggestions_unless_another_label_is_named():
    source = make_source("figures")
    assert list(source.suggest(Request([(1, "500 جندي")], labels=["PERS", "LOC"]))) == []
    named = list(source.suggest(Request([(1, "500 جندي")], labels=["CARDINAL"], options={"figure_label": "CARDINAL"})))
    assert [(s.start, s.end, s.label) for s in named] == [(0, 3, "CARDINAL")]
