"""The bulk writes of imports and merges (``Transaction.add_spans``): the same checks as one span at
a time, done as whole-list passes, on documents whose lengths are not cached yet."""

from __future__ import annotations

import pytest

from annotator.core.errors import ProjectError
from annotator.store import Project


def _reopened(project, location):
    project.close()
    return Project.open(location)


@pytest.fixture
def setup(location):
    project = Project.create(location, coder="ali")
    doc = project.add_document("مقال", "قالت الوزارة إن 80 ألف باوند من الذخيرة استخدمت.")
    project = _reopened(project, location)  # the lengths cache starts empty
    yield project, doc, project.coder("ali").id, next(iter(project.labels())).id
    project.close()


def _count(project, doc_id, coder_id):
    return len(project.spans(doc_id, coder_id))


def test_bulk_spans_on_a_document_whose_length_is_not_cached(setup):
    project, doc, ali, label = setup
    with project.transaction() as tx:
        assert tx.add_spans([(doc.id, ali, label, 0, 4, None), (doc.id, ali, label, 5, 12, "ملاحظة"),
                             (doc.id, ali, label, 0, doc.length, None)]) == 3
    spans = sorted((s.start, s.end, s.note) for s in project.spans(doc.id, ali))
    assert spans == [(0, 4, None), (0, doc.length, None), (5, 12, "ملاحظة")]


@pytest.mark.parametrize("start, end, message", [
    (0, 999, "outside the document"), (-1, 3, "outside the document"), (4, 4, "is empty"),
    (6, 2, "is reversed"), (0.0, 3, "must be integers"), ("0", 3, "must be integers")])
def test_a_bad_range_anywhere_in_the_list_refuses_all_of_it(setup, start, end, message):
    project, doc, ali, label = setup
    rows = [(doc.id, ali, label, i, i + 1, None) for i in range(10)]
    rows.insert(5, (doc.id, ali, label, start, end, None))
    with pytest.raises(ProjectError, match=message):
        with project.transaction() as tx:
            tx.add_spans(rows)
    assert _count(project, doc.id, ali) == 0


def test_a_document_that_does_not_exist_is_named(setup):
    project, doc, ali, label = setup
    with pytest.raises(ProjectError, match="no document with id 9999"):
        with project.transaction() as tx:
            tx.add_spans([(doc.id, ali, label, 0, 4, None), (9999, ali, label, 0, 4, None)])
    assert _count(project, doc.id, ali) == 0


def test_the_first_of_several_bad_rows_is_the_one_named(setup):
    project, doc, ali, label = setup
    with pytest.raises(ProjectError, match=r"\[3, 999\)"):
        with project.transaction() as tx:
            tx.add_spans([(doc.id, ali, label, 0, 4, None), (doc.id, ali, label, 3, 999, None),
                          (doc.id, ali, label, 7, 7, None)])
