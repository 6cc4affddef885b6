"""The document list's reads (issue 21): one query, no text read, this coder's queue first; span
counts of the rows a list shows."""

from __future__ import annotations

from sqlalchemy import create_engine

from annotator.core.assignment import plan_assignments
from annotator.core.model import DocStatus
from annotator.store.list_reads import list_query
from annotator.store.models import Base


def test_the_list_rows_come_in_one_query_queue_first_with_statuses(project):
    docs = [project.add_document(f"عنوان {i}", f"نص الوثيقة رقم {i}") for i in range(6)]
    ali = project.coder("ali")
    mona = project.ensure_coder("mona")
    project.set_status(docs[1].id, ali.id, DocStatus.DONE)
    project.set_status(docs[2].id, mona.id, DocStatus.IN_PROGRESS)  # another coder's: not in ali's list
    label = project.labels().by_name("entity").id
    project.add_span(docs[0].id, ali.id, label, 0, 2)
    project.add_span(docs[0].id, ali.id, label, 3, 6)
    project.add_span(docs[3].id, mona.id, label, 0, 2)
    rows = project.document_list(ali.id)
    assert [r[0] for r in rows] == [d.id for d in docs]
    assert rows[0][1:4] == ("عنوان 0", len("نص الوثيقة رقم 0"), None) and rows[1][3] == "done"
    assert rows[2][3] is None
    assert project.span_counts_of(ali.id, [docs[0].id, docs[3].id]) == {docs[0].id: 2, docs[3].id: 0}
    assert project.span_counts_of(mona.id, [docs[3].id]) == {docs[3].id: 1}
    plan = plan_assignments([d.id for d in docs], ["ali", "mona"], 1, seed=3)
    project.assign(plan)
    queue = plan.queue("ali")
    rows = project.document_list(ali.id)
    assert [r[0] for r in rows[:len(queue)]] == queue  # the queue first, in its order
    assert [r[4] for r in rows[:len(queue)]] == sorted(r[4] for r in rows[:len(queue)])
    rest = [r[0] for r in rows[len(queue):]]
    assert rest == [d.id for d in docs if d.id not in queue] and all(r[4] is None for r in rows[len(queue):])


def test_the_list_query_reads_no_text():
    """SQLite answers the documents' part from the covering index ix_documents_list: no document
    row, text and all, is read to list it (with an ORDER BY it walked ix_documents_position)."""
    engine = create_engine("sqlite://")
    with engine.begin() as conn:
        Base.metadata.create_all(conn)
        sql = str(list_query(1).compile(conn, compile_kwargs={"literal_binds": True}))
        plan = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql).all()
    engine.dispose()
    details = [row[-1] for row in plan]
    documents = [d for d in details if "documents" in d]
    assert documents == ["SCAN documents USING COVERING INDEX ix_documents_list"], details
