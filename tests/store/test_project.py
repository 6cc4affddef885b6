import sqlite3

import pytest

from annotator.core.changes import Change
from annotator.core.errors import ProjectError
from annotator.core.model import DocStatus, LabelSchema
from annotator.store import Project
from annotator.store.migrations import SCHEMA_VERSION


def test_create_sets_up_schema_labels_and_coder(tmp_path):
    with Project.create(tmp_path / "new.annot", coder="سارة") as p:
        assert p.labels().names() == ["entity", "claim", "figure"]
        assert [c.name for c in p.coders()] == ["سارة"]
        assert p.setting("default_coder") == "سارة"
        assert p.schema_version == SCHEMA_VERSION
    # one self-contained file, no temporary left behind
    assert sorted(x.name for x in tmp_path.iterdir()) == ["new.annot"]


def test_create_with_custom_labels(location):
    with Project.create(location, labels=LabelSchema.specs_from_names(["PER", "LOC"])) as p:
        assert [(l.name, l.hotkey) for l in p.labels()] == [("PER", "1"), ("LOC", "2")]


def test_create_refuses_existing_file_and_missing_folder(tmp_path):
    (tmp_path / "a.annot").write_text("x")
    with pytest.raises(ProjectError, match="already exists"):
        Project.create(tmp_path / "a.annot")
    with pytest.raises(ProjectError, match="no such folder"):
        Project.create(tmp_path / "nope" / "a.annot")


def test_pragmas_are_durable(file_project):
    project = file_project
    with project._engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert raw.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert raw.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_documents_are_stored_exactly(project):
    text = "سطر\u00a0أول\nسطر ثان 😀\u2028نهاية"
    info = project.add_document("t", text, meta={"source": "x"}, external_id="doc-1")
    doc = project.document(info.id)
    assert doc.text == text and doc.length == len(text) and doc.meta == {"source": "x"}
    assert doc.external_id == "doc-1"
    assert project.document_by_sha256(info.sha256).id == info.id
    # the same text again is not a second document
    assert project.add_document("again", text) is None
    assert project.document_count() == 1
    with pytest.raises(ProjectError, match="id 'doc-1'"):
        project.add_document("other", "نص آخر", external_id="doc-1")


def test_span_lifecycle(project, doc):
    ali = project.coder("ali")
    labels = project.labels()
    entity, figure = labels.by_name("entity"), labels.by_name("figure")
    span = project.add_span(doc.id, ali.id, figure.id, 16, 37, note="رقم")
    text = project.document(doc.id).text
    assert text[span.start:span.end] == "80 ألف باوند (36 طنا)"
    project.relabel_span(span.id, entity.id)
    project.resize_span(span.id, 16, 28)
    project.set_note(span.id, None)
    (stored,) = project.spans(doc.id, ali.id)
    assert (stored.label_id, stored.start, stored.end, stored.note) == (entity.id, 16, 28, None)
    removed = project.remove_span(span.id)
    assert project.spans(doc.id) == []
    # undo of a removal: the span comes back under its old id
    project.add_span(doc.id, ali.id, removed.label_id, removed.start, removed.end, span_id=removed.id)
    assert [s.id for s in project.spans(doc.id)] == [span.id]


def test_span_rows_come_in_the_span_lists_order_with_the_versions_of_the_same_read(project, doc):
    """What a window's open reads: plain rows ordered by start, end and id (ties included, the order
    its span list bisects), and with ``versions=`` every span's version (1, or what edits made it)."""
    ali, mona = project.coder("ali"), project.ensure_coder("منى")
    entity, figure = project.labels().by_name("entity").id, project.labels().by_name("figure").id
    wide = project.add_span(doc.id, ali.id, entity, 5, 12)
    short = project.add_span(doc.id, ali.id, figure, 5, 9)  # same start, shorter: comes first
    late = project.add_span(doc.id, ali.id, entity, 0, 4)
    project.add_span(doc.id, mona.id, entity, 5, 9)
    project.relabel_span(late.id, figure)
    project.resize_span(late.id, 0, 3)  # version 3
    versions: dict[int, int] = {}
    rows = project.span_rows(doc.id, ali.id, versions=versions)
    assert rows == [(late.id, ali.id, figure, 0, 3, None), (short.id, ali.id, figure, 5, 9, None),
                    (wide.id, ali.id, entity, 5, 12, None)]
    assert versions == {late.id: 3, short.id: 1, wide.id: 1}
    assert {r[0]: v for r in rows for v in [project.span_versions(doc.id)[r[0]]]} == versions
    assert [r[1] for r in project.span_rows(doc.id)].count(mona.id) == 1  # every coder's without one


@pytest.mark.parametrize("start,end,message", [(-1, 3, "outside"), (0, 999, "outside"), (5, 5, "empty"),
                                               (6, 5, "reversed")])
def test_bad_span_ranges_are_refused(project, doc, start, end, message):
    ali = project.coder("ali")
    with pytest.raises(ProjectError, match=message):
        project.add_span(doc.id, ali.id, project.labels().by_name("entity").id, start, end)
    assert project.spans(doc.id) == []


def test_span_with_missing_references(project, doc):
    with pytest.raises(ProjectError, match="does not exist"):
        project.add_span(doc.id, 999, project.labels().by_name("entity").id, 0, 3)
    with pytest.raises(ProjectError, match="no document"):
        project.add_span(999, 1, 1, 0, 3)
    with pytest.raises(ProjectError, match="no span"):
        project.remove_span(12345)


def test_spans_are_per_coder(project, doc):
    ali, mona = project.coder("ali"), project.ensure_coder("منى")
    entity = project.labels().by_name("entity").id
    project.add_span(doc.id, ali.id, entity, 0, 4)
    project.add_span(doc.id, mona.id, entity, 5, 12)
    assert [s.start for s in project.spans(doc.id, ali.id)] == [0]
    assert [s.start for s in project.spans(doc.id, mona.id)] == [5]
    assert len(project.spans(doc.id)) == 2
    assert project.ensure_coder("منى") == mona
    assert project.span_counts(mona.id) == {doc.id: 1}


def test_labels_crud(project, doc):
    ali = project.coder("ali")
    new = project.add_label("event", hotkey="4")
    assert new.color.startswith("#") and project.labels().by_hotkey("4").name == "event"
    with pytest.raises(ProjectError, match="already exists"):
        project.add_label("event")
    with pytest.raises(ProjectError, match="hotkey '1'"):
        project.add_label("x", hotkey="1")
    project.update_label(new.id, name="حدث", color="#123456", hotkey=None)
    label = project.labels().by_id(new.id)
    assert (label.name, label.color, label.hotkey) == ("حدث", "#123456", None)
    with pytest.raises(ProjectError, match="colour"):
        project.update_label(new.id, color="red")
    ids = [l.id for l in project.labels()]
    project.reorder_labels(list(reversed(ids)))
    assert [l.id for l in project.labels()] == list(reversed(ids))
    project.add_span(doc.id, ali.id, new.id, 0, 4)
    with pytest.raises(ProjectError, match="used by 1 span"):
        project.remove_label(new.id)
    assert project.remove_label(new.id, force=True) == 1
    assert project.spans(doc.id) == [] and project.labels().by_id(new.id) is None


def test_status(project, doc):
    ali = project.coder("ali")
    assert project.status(doc.id, ali.id) is DocStatus.NEW
    assert project.set_status(doc.id, ali.id, "in_progress") is DocStatus.NEW
    assert project.set_status(doc.id, ali.id, DocStatus.DONE) is DocStatus.IN_PROGRESS
    assert project.statuses(ali.id) == {doc.id: DocStatus.DONE}
    with pytest.raises(ValueError):
        project.set_status(doc.id, ali.id, "finished")


def test_stats(project, doc):
    ali = project.coder("ali")
    project.add_document("second", "نص ثان")
    project.add_span(doc.id, ali.id, project.labels().by_name("claim").id, 0, 12)
    project.set_status(doc.id, ali.id, "done")
    stats = project.stats()
    assert stats["documents"] == 2
    assert stats["spans_per_label"]["ali"] == {"entity": 0, "claim": 1, "figure": 0}
    assert stats["status"]["ali"] == {"new": 1, "in_progress": 0, "done": 1}


def test_transaction_is_all_or_nothing(project):
    with pytest.raises(ProjectError):
        with project.transaction() as tx:
            d = tx.add_document("a", "نص أول")
            tx.add_span(d.id, project.coder("ali").id, 1, 0, 2)
            tx.add_span(d.id, project.coder("ali").id, 1, 0, 99)  # out of range: everything rolls back
    assert project.document_count() == 0
    assert project.stats()["spans"] == 0


def test_listeners_hear_committed_changes_only(project, doc):
    heard: list[list[Change]] = []
    unsubscribe = project.subscribe(heard.append)
    span = project.add_span(doc.id, project.coder("ali").id, 1, 0, 4)
    assert heard[-1] == [Change("span", doc.id, span.coder_id, ((0, 4),))]
    with pytest.raises(ProjectError):
        project.add_span(doc.id, span.coder_id, 1, 0, 999)
    assert len(heard) == 1
    unsubscribe()
    project.remove_span(span.id)
    assert len(heard) == 1


def test_changes_survive_reopen(location):
    path = location
    with Project.create(path, coder="ali") as p:
        d = p.add_document("t", "نص للحفظ")
        p.add_span(d.id, p.coder("ali").id, 1, 0, 2)
    with Project.open(path) as p:
        assert len(p.spans(d.id)) == 1
    # and a plain reader (sqlite3, or psycopg on a server) sees the same (no private format)
    if isinstance(path, str):
        import psycopg
        with psycopg.connect(path) as con:
            assert con.execute("select count(*) from spans").fetchone()[0] == 1
        return
    con = sqlite3.connect(path)
    assert con.execute("select count(*) from spans").fetchone()[0] == 1
    con.close()


def test_gold_coder_is_reserved(project):
    with pytest.raises(ProjectError, match="reserved"):
        project.ensure_coder("@gold")
    gold = project.ensure_gold_coder()
    assert gold.is_gold and project.gold_coder() == gold
    assert "@gold" not in [c.name for c in project.coders(include_gold=False)]
    assert "@gold" in [c.name for c in project.coders()]


def test_span_table_packed_holds_the_rows_of_span_table(project, doc):
    ali = project.coder("ali")
    mona = project.ensure_coder("mona")
    labels = list(project.labels())
    for coder, (start, end) in ((ali, (0, 4)), (ali, (16, 37)), (mona, (5, 12))):
        project.add_span(doc.id, coder.id, labels[0].id, start, end)
    other = project.add_document("ثان", "نص ثان قصير")
    project.add_span(other.id, mona.id, labels[-1].id, 1, 3)
    ids, coders = [doc.id, other.id], [ali.id, mona.id]
    rows = sorted(tuple(r) for r in project.span_table(ids, coders))
    packed = project.span_table_packed(ids, coders)
    if project.is_server:
        assert packed is None  # the report reads span_table there
        return
    import struct
    unpacked = sorted(tuple(n - 1 for n in row) for row in struct.iter_unpack("<5I", packed))
    assert unpacked == rows and len(rows) == 4
    assert project.span_table_packed([doc.id], [mona.id]) == struct.pack("<5I", doc.id + 1, mona.id + 1,
                                                                         labels[0].id + 1, 6, 13)
    assert project.span_table_packed([], coders) == b""
    assert project.span_table_packed(ids, [project.ensure_coder("nobody").id]) == b""


def test_span_table_packed_holds_offsets_in_the_surrogate_range_and_refuses_what_no_code_point_holds(project):
    """The packing makes each number a code point (``row_values``): offsets 55,295-57,344 are
    surrogates, which the UTF-8 from SQLite holds and the unpacking keeps; an offset past U+10FFFE
    is not a code point, and the answer is None (the report then reads the rows)."""
    if project.is_server:
        return
    import struct
    ali = project.coder("ali")
    label = list(project.labels())[0].id
    doc = project.add_document("طويل", "ب" * 60_000)
    edges = [(55_294, 55_296), (55_295, 55_297), (57_343, 57_344), (57_344, 57_346), (0, 59_999)]
    for start, end in edges:
        project.add_span(doc.id, ali.id, label, start, end)
    packed = project.span_table_packed([doc.id], [ali.id])
    unpacked = sorted((s - 1, e - 1) for *_, s, e in struct.iter_unpack("<5I", packed))
    assert unpacked == sorted(edges)
    far = project.add_document("أطول", "ت" * 1_114_200)
    project.add_span(far.id, ali.id, label, 10, 20)
    assert len(project.span_table_packed([far.id], [ali.id])) == 20
    project.add_span(far.id, ali.id, label, 1_114_100, 1_114_150)
    assert project.span_table_packed([far.id], [ali.id]) is None
    assert sorted(tuple(r)[3:] for r in project.span_table([far.id], [ali.id])) == [(10, 20), (1_114_100, 1_114_150)]
