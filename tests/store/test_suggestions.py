"""The suggestions layer: stored apart from every coder, rejections remembered per coder, accepting
makes a coder's span with its provenance (on a file and on PostgreSQL); a real schema-2 file and a
schema-3 file gain the layer on opening."""

import sqlite3
from pathlib import Path

import pytest

from annotator.core.errors import ProjectError
from annotator.store import migrations
from annotator.store.project import Project

TEXT = "زار الوفد بغداد ثم عاد إلى وبغداد، وقال إن 500 جندي وصلوا."


@pytest.fixture(params=["file", "server"])
def project(request, tmp_path):
    """Each test on a project file and on the suite's PostgreSQL server."""
    target = tmp_path / "s.annot" if request.param == "file" else request.getfixturevalue("pg_url")
    with Project.create(target, coder="salma") as p:
        yield p


def ids(p):
    doc = p.add_document("d", TEXT)
    labels = p.labels()
    return doc.id, p.coder("salma").id, labels.by_name("entity").id, labels.by_name("figure").id


def test_put_is_idempotent_and_updates_scores(project):
    doc, coder, entity, figure = ids(project)
    rows = [(doc, 10, 15, entity, 1.0, "occurrences", None), (doc, 28, 33, entity, 0.8, "occurrences", None),
            (doc, 43, 46, figure, 0.9, "figures", {"low": 500, "high": 500, "unit": "جندي", "approx": False})]
    with project.transaction() as tx:
        assert tx.put_suggestions(rows) == (3, 0)
    with project.transaction() as tx:
        assert tx.put_suggestions(rows[:2] + [rows[2][:4] + (0.5,) + rows[2][5:]]) == (0, 1)
    got = project.suggestions(doc)
    assert [(s.start, s.end, s.score, s.source) for s in got] == [
        (10, 15, 1.0, "occurrences"), (28, 33, 0.8, "occurrences"), (43, 46, 0.5, "figures")]
    assert got[2].value == {"low": 500, "high": 500, "unit": "جندي", "approx": False}
    assert project.spans(doc) == []  # nothing in any coder's layer
    assert project.suggestion_counts() == {"occurrences": 2, "figures": 1}
    assert [s.start for s in project.suggestions(doc, min_score=0.9)] == [10]


def test_bad_suggestions_change_nothing(project):
    doc, coder, entity, figure = ids(project)
    for bad, message in [((doc, 10, 999, entity, 1.0, "x", None), "outside the document"),
                         ((doc, 10, 15, entity, 1.5, "x", None), "score must be between 0 and 1"),
                         ((doc, 10, 15, 999, 0.5, "x", None), "no label with id 999"),
                         ((doc, 10, 15, entity, 0.5, "", None), "source name")]:
        with pytest.raises(ProjectError, match=message):
            with project.transaction() as tx:
                tx.put_suggestions([(doc, 0, 3, entity, 0.5, "ok", None), bad])
    assert project.suggestions(doc) == []


def test_reject_is_remembered_for_that_coder_even_when_proposed_again(project):
    doc, coder, entity, figure = ids(project)
    other = project.ensure_coder("omar").id
    with project.transaction() as tx:
        tx.put_suggestions([(doc, 10, 15, entity, 1.0, "occurrences", None)])
    (s,) = project.suggestions(doc, coder)
    changes = []
    project.subscribe(changes.extend)
    with project.transaction() as tx:
        tx.reject_suggestion(s.id, coder)
    assert changes[-1].kind == "suggestion" and changes[-1].coder_id == coder
    assert project.suggestions(doc, coder) == []
    assert [x.id for x in project.suggestions(doc, other)] == [s.id]  # omar still decides
    with project.transaction() as tx:  # the source proposes it again: still not shown to salma
        tx.clear_suggestions(source="occurrences")
        tx.put_suggestions([(doc, 10, 15, entity, 0.9, "occurrences", None)])
    assert project.suggestions(doc, coder) == []
    (again,) = project.suggestions(doc)
    assert project.rejected_by(again.id) == ["salma"]
    with project.transaction() as tx:
        tx.unreject_suggestion(again.id, coder)
    assert [x.id for x in project.suggestions(doc, coder)] == [again.id]


def test_accept_puts_a_span_with_provenance_in_the_coders_layer(project):
    doc, coder, entity, figure = ids(project)
    with project.transaction() as tx:
        tx.put_suggestions([(doc, 10, 15, entity, 1.0, "occurrences", None), (doc, 43, 46, figure, 0.9, "figures", None)])
    first, second = project.suggestions(doc, coder)
    with project.transaction() as tx:
        span = tx.accept_suggestion(first.id, coder)
    assert (span.start, span.end, span.label_id, span.coder_id) == (10, 15, entity, coder)
    stored = project.span(span.id).provenance
    assert stored["source"] == "suggestion" and stored["suggested_by"] == "occurrences"
    assert stored["accepted_by"] == "salma" and stored["score"] == 1.0 and "at" in stored
    assert [s.id for s in project.suggestions(doc, coder)] == [second.id]  # taken: no longer proposed to salma
    assert len(project.suggestions(doc)) == 2  # the layer itself keeps it
    with project.transaction() as tx:
        other = tx.accept_suggestion(second.id, coder, entity)  # accept with another label
    assert project.span(other.id).label_id == entity
    assert project.span(other.id).provenance["relabelled_from"] == "figure"


def test_iter_suggestions_in_order_with_rejections(project):
    doc, coder, entity, figure = ids(project)
    rows = [(doc, i, i + 1, entity, 0.5, "s", None) for i in range(0, 40)]
    with project.transaction() as tx:
        tx.put_suggestions(rows)
    third = project.suggestions(doc)[3]
    with project.transaction() as tx:
        tx.reject_suggestion(third.id, coder)
    got = list(project.iter_suggestions(batch=7))
    assert [s.start for s, _ in got] == list(range(40))
    assert [who for s, who in got if who] == [["salma"]]


def test_a_real_schema_2_file_gains_the_suggestions_layer(tmp_path):
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "store" / "schema-v2.annot"
    path = tmp_path / "v2.annot"
    path.write_bytes(fixture.read_bytes())
    con = sqlite3.connect(path)
    assert "suggestions" not in {r[0] for r in con.execute("select name from sqlite_master where type='table'")}
    con.close()
    with Project.open(path, backup=False) as p:
        assert p.schema_version == migrations.SCHEMA_VERSION >= 4
        first, second = p.documents()
        ali = p.coder("ali")
        assert [(s.start, s.end, s.note) for s in p.spans(first.id, ali.id)] == [(0, 4, "ملاحظة"), (17, 24, None)]
        assert p.stats()["spans"] == 5
        label = p.labels().by_name(p.labels().names()[0]).id
        with p.transaction() as tx:
            tx.put_suggestions([(second.id, 0, 2, label, 0.9, "figures", {"low": 500})])
        with p.transaction() as tx:
            tx.reject_suggestion(p.suggestions(second.id)[0].id, ali.id)
        assert p.suggestions(second.id, ali.id) == [] and len(p.suggestions(second.id)) == 1
    con = sqlite3.connect(path)
    assert con.execute("select version_num from alembic_version").fetchone()[0] == migrations.HEAD
    assert con.execute("select count(*) from suggestion_rejections").fetchone()[0] == 1
    con.close()


def test_a_real_schema_3_file_gains_the_suggestions_layer_and_keeps_its_team_rows(tmp_path):
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "store" / "schema-v3.annot"
    path = tmp_path / "v3.annot"
    path.write_bytes(fixture.read_bytes())
    with Project.open(path, backup=False) as p:
        assert p.schema_version == migrations.SCHEMA_VERSION >= 4
        first, second = p.documents()
        ali = p.coder("ali")
        assert [(s.start, s.end, s.note) for s in p.spans(first.id, ali.id)] == [(0, 4, "ملاحظة")]
        assert p.stats()["spans"] == 3 and p.setting("guidelines") == "اقرأ الدليل"
        label = p.labels().by_name("entity").id
        with p.transaction() as tx:
            tx.put_suggestions([(second.id, 4, 7, label, 0.9, "figures", {"low": 500, "high": 500})])
        with p.transaction() as tx:
            span = tx.accept_suggestion(p.suggestions(second.id)[0].id, p.coder("منى").id)
        assert p.span(span.id).provenance["accepted_by"] == "منى"
    con = sqlite3.connect(path)
    assert con.execute("select version_num from alembic_version").fetchone()[0] == migrations.HEAD
    assert con.execute("select count(*) from assignments").fetchone()[0] == 4
    con.close()


@pytest.mark.parametrize("damage, what", [
    ("UPDATE suggestions SET value_json = '{not json'", "a suggestion"),
    ("UPDATE suggestions SET value_json = '[1, 2]'", "a suggestion"),
    ("UPDATE suggestions SET end_offset = 5000", "a suggestion"),
    ("UPDATE suggestions SET score = 'high'", "a suggestion"),
    ("UPDATE suggestions SET label_id = 999", "a suggestion"),
    ("UPDATE suggestion_rejections SET coder_id = 999", "a rejected suggestion"),
    ("UPDATE suggestion_rejections SET start_offset = -3", "a rejected suggestion"),
])
def test_a_file_with_hostile_suggestion_rows_is_refused_unchanged(tmp_path, damage, what):
    """Suggestions are rows the app reads from a stranger's file, like spans: checked before use."""
    path = tmp_path / "s.annot"
    with Project.create(path, coder="salma") as p:
        doc, coder, entity, _ = ids(p)
        with p.transaction() as tx:
            tx.put_suggestions([(doc, 10, 15, entity, 0.9, "occurrences", {"stem": True})])
        with p.transaction() as tx:
            tx.reject_suggestion(p.suggestions(doc)[0].id, coder)
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA ignore_check_constraints = ON")
    con.execute("PRAGMA foreign_keys = OFF")
    con.execute("PRAGMA journal_mode = DELETE")
    con.execute(damage)
    con.close()
    before = path.read_bytes()
    with pytest.raises(ProjectError, match=f"refused: {what}") as caught:
        Project.open(path, backup=False)
    assert "\n" not in str(caught.value)
    assert path.read_bytes() == before


def test_a_coders_suggestions_are_those_the_definition_leaves_whatever_the_span_lengths(project):
    """The read leaves out in the database what the coder decided (a span of the same label over
    it, any span on exactly its range) or rejected; spans longer than the index probe reaches
    (``PROBE``), one over the whole text among them, are checked apart. Compared with the
    definition written out plainly, for the whole document and for ranges of it (what a window
    paints first), with score and source filters."""
    import random

    from annotator.store.suggestions import PROBE

    text = TEXT * 12  # 684 characters
    doc = project.add_document("long", text).id
    labels = [label.id for label in project.labels()]
    coder, other = project.coder("salma").id, project.ensure_coder("omar").id
    rng = random.Random(19)

    def some_spans(n, longest):
        out = set()
        while len(out) < n:
            start = rng.randrange(len(text) - 1)
            out.add((start, min(len(text), start + rng.randint(1, longest)), rng.choice(labels)))
        return out

    mine = some_spans(60, 12) | some_spans(6, 5 * PROBE) | {(0, len(text), labels[2])}
    assert any(e - s > PROBE for s, e, _ in mine)
    theirs = some_spans(80, 12)
    proposed = some_spans(250, 10) | {(s, e, rng.choice(labels)) for s, e, _ in rng.sample(sorted(mine), 20)}
    rows = [(doc, s, e, label, rng.choice((0.3, 0.6, 0.9)), rng.choice(("occurrences", "model")), None)
            for s, e, label in sorted(proposed)]
    with project.transaction() as tx:
        tx.add_spans([(doc, coder, label, s, e, None) for s, e, label in sorted(mine)])
        tx.add_spans([(doc, other, label, s, e, None) for s, e, label in sorted(theirs)])
        tx.put_suggestions(rows)
    every = project.suggestions(doc)
    assert len(every) == len(rows)
    with project.transaction() as tx:
        for s in rng.sample(every, 25):
            tx.reject_suggestion(s.id, coder)
        for s in rng.sample(every, 25):
            tx.reject_suggestion(s.id, other)
    rejected = project.rejected_keys(coder)

    def decided(s):
        return (doc, s.start, s.end, s.label_id, s.source) in rejected or any(
            (a, b) == (s.start, s.end) or (label == s.label_id and a < s.end and s.start < b) for a, b, label in mine)

    for min_score, source in ((0.0, None), (0.5, None), (0.0, "model"), (0.6, "occurrences")):
        expected = [s for s in every if s.score >= min_score and (source is None or s.source == source)
                    and not decided(s)]
        got = project.suggestions(doc, coder, min_score=min_score, source=source)
        assert got == expected
        assert got != [s for s in every if s.score >= min_score and (source is None or s.source == source)]
        for lo, hi in ((0, 50), (100, 101), (300, 520), (len(text) - 30, len(text)), (0, len(text))):
            assert project.suggestions(doc, coder, min_score=min_score, source=source, within=(lo, hi)) == \
                [s for s in expected if s.start < hi and lo < s.end]
    assert all(s.label_id != labels[2] for s in project.suggestions(doc, coder))  # the span over everything
    assert any(s.label_id == labels[2] for s in project.suggestions(doc, other))
