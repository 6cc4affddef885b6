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
