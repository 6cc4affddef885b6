"""The store's streaming read API (Project.snapshot): what exporters read instead of ORM rows."""

from annotator.core.model import Document


def test_document_batches_page_through_every_document_in_project_order(project):
    texts = [f"نص رقم {i}" for i in range(7)]
    infos = [project.add_document(f"doc {i}", text, meta={"n": i}) for i, text in enumerate(texts)]
    with project.snapshot() as snap:
        assert snap.document_count() == 7
        batches = list(snap.document_batches(3))
    assert [len(b) for b in batches] == [3, 3, 1]
    docs = [d for batch in batches for d in batch]
    assert all(isinstance(d, Document) for d in docs)
    assert [d.id for d in docs] == [info.id for info in infos]
    assert [d.text for d in docs] == texts and [d.meta["n"] for d in docs] == list(range(7))
    assert docs[0].sha256 == infos[0].sha256 and docs[0].length == len(texts[0])


def test_statuses_and_span_tuples_for_a_batch(project, doc):
    ali = project.coder("ali")
    omar = project.ensure_coder("omar")
    label = next(iter(project.labels()))
    project.add_span(doc.id, ali.id, label.id, 0, 4, "note")
    project.add_span(doc.id, omar.id, label.id, 5, 12)
    project.set_provenance(project.spans(doc.id, omar.id)[0].id, {"source": "review"})
    project.set_status(doc.id, ali.id, "done")
    with project.snapshot() as snap:
        assert snap.statuses([doc.id], [ali.id, omar.id]) == {(doc.id, ali.id): "done"}
        plain = sorted(snap.span_tuples([doc.id], [ali.id, omar.id]))
        with_provenance = sorted(snap.span_tuples([doc.id], [omar.id], provenance=True))
        assert list(snap.span_tuples([doc.id], [])) == []
    assert plain == [(doc.id, ali.id, label.id, 0, 4, "note", None), (doc.id, omar.id, label.id, 5, 12, None, None)]
    assert with_provenance == [(doc.id, omar.id, label.id, 5, 12, None, {"source": "review"})]


def test_layer_spans_come_ordered_by_document_coder_and_start_with_empty_attrs_as_none(project, doc):
    ali = project.coder("ali")
    omar = project.ensure_coder("omar")
    label = next(iter(project.labels()))
    other = project.add_document("آخر", "نص آخر قصير للتجربة")
    for doc_id, coder_id, start in ((other.id, ali.id, 3), (doc.id, omar.id, 0), (doc.id, ali.id, 9),
                                    (doc.id, ali.id, 2), (other.id, ali.id, 0)):
        project.add_span(doc_id, coder_id, label.id, start, start + 2, "n" if start == 9 else None)
    with project.snapshot() as snap:
        rows = snap.layer_spans([doc.id, other.id], [ali.id, omar.id])
        assert snap.layer_spans([doc.id], []) == [] and snap.layer_spans([], [ali.id]) == []
    keys = [(r[0], r[1], r[4]) for r in rows]
    assert keys == sorted(keys) and len(rows) == 5
    first = rows[0]
    assert first[3] == label.id and first[5] == first[4] + 2 and first[8] is None and first[9] is None
    assert [r[6] for r in rows if r[4] == 9] == ["n"]
