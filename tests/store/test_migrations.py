"""The Alembic history: one for SQLite (batch mode) and PostgreSQL, and what it makes."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from annotator.store import migrations
from annotator.store.models import Base


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_engine(request, tmp_path):
    if request.param == "sqlite":
        engine = create_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    else:
        url = request.getfixturevalue("pg_url")
        engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    yield engine
    engine.dispose()


def test_the_history_on_disk_is_the_one_the_app_knows():
    assert migrations.script_revisions() == list(migrations.SCHEMA_OF_REVISION)
    assert migrations.script_head() == migrations.HEAD
    assert migrations.SCHEMA_OF_REVISION[migrations.HEAD] == migrations.SCHEMA_VERSION
    assert list(migrations.SCHEMA_OF_REVISION.values()) == list(range(1, migrations.SCHEMA_VERSION + 1))


def _on_this_dialect(dialect: str):
    """Alembic compares every index; one the models make only on another dialect (``ddl_if``) is left out."""
    def include(obj, _name, type_, _reflected, _compare_to):
        condition = getattr(obj, "_ddl_if", None) if type_ == "index" else None
        return condition is None or condition.dialect in (None, dialect)
    return include


def test_the_whole_history_builds_exactly_the_models_schema(empty_engine):
    """An empty database upgraded through every revision equals ``create_all`` of today's models."""
    with empty_engine.begin() as conn:
        migrations.upgrade(conn, None)
    with empty_engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": _on_this_dialect(conn.dialect.name)})
        diff = compare_metadata(context, Base.metadata)
        assert diff == [], diff
        assert conn.scalar(text("select version_num from alembic_version")) == migrations.HEAD
        assert conn.scalar(text("select value from meta where key = 'schema_version'")) == str(migrations.SCHEMA_VERSION)


def test_data_of_schema_1_survives_the_upgrade_on_both_dialects(empty_engine):
    with empty_engine.begin() as conn:
        migrations.upgrade(conn, None, target="0001")
        conn.execute(text("insert into meta (key, value) values ('application', 'arabic-annotator')"))
        conn.execute(text("insert into labels (id, name, color, hotkey, position) values (1, 'PER', '#ff0000', 'p', 1)"))
        conn.execute(text("insert into coders (id, name, is_gold, created_at) values (1, 'ali', false, '2024-01-01')"))
        conn.execute(text("insert into documents (id, title, text, length, sha256, meta_json, position, created_at) "
                          "values (1, 't', 'قالت الوزارة', 12, 'x', '{}', 1, '2024-01-01')"))
        conn.execute(text("insert into spans (id, document_id, coder_id, label_id, start_offset, end_offset, note, "
                          "created_at, updated_at) values (7, 1, 1, 1, 0, 4, 'ملاحظة', '2024-01-01', '2024-01-01')"))
    with empty_engine.connect() as conn:
        state = migrations.read_state(conn)
        assert (state.revision, state.schema_version, state.current) == ("0001", 1, False)
    with empty_engine.begin() as conn:
        migrations.upgrade(conn, state.revision)
    with empty_engine.connect() as conn:
        assert migrations.read_state(conn).current
        assert conn.execute(text("select id, note, provenance from spans")).all() == [(7, "ملاحظة", None)]
        assert "provenance" in {c["name"] for c in inspect(conn).get_columns("spans")}


def test_a_failed_upgrade_rolls_back_the_schema_too(empty_engine):
    with empty_engine.begin() as conn:
        migrations.upgrade(conn, None, target="0001")
        conn.execute(text("insert into meta (key, value) values ('application', 'arabic-annotator')"))
        conn.execute(text("alter table spans add column provenance text"))  # the next revision will clash
    with pytest.raises(Exception):
        with empty_engine.begin() as conn:
            migrations.upgrade(conn, "0001")
    with empty_engine.connect() as conn:
        assert conn.scalar(text("select version_num from alembic_version")) == "0001"
        assert conn.scalar(text("select value from meta where key = 'schema_version'")) == "1"


@pytest.mark.parametrize("revision, number", [("9999", migrations.SCHEMA_VERSION), (None, migrations.SCHEMA_VERSION + 1)])
def test_a_newer_database_is_refused(empty_engine, revision, number):
    with empty_engine.begin() as conn:
        migrations.upgrade(conn, None)
        conn.execute(text("insert into meta (key, value) values ('application', 'arabic-annotator')"))
        migrations.set_schema_number(conn, number)
        if revision:
            conn.execute(text("update alembic_version set version_num = :r"), {"r": revision})
        else:
            conn.execute(text("drop table alembic_version"))
    with empty_engine.connect() as conn, pytest.raises(migrations.SchemaError, match="newer version of the app"):
        migrations.read_state(conn)


# -- real files of earlier schema versions (tests/fixtures/store/, made by the code of their time) --
import hashlib  # noqa: E402
import sqlite3  # noqa: E402
from pathlib import Path  # noqa: E402

from annotator.core.errors import ProjectError  # noqa: E402
from annotator.store import Project  # noqa: E402
from annotator.store.files import list_backups  # noqa: E402

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "store"


def _copy(name, tmp_path):
    path = tmp_path / name
    path.write_bytes((FIXTURES / name).read_bytes())
    return path


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _revision(path):
    con = sqlite3.connect(path)
    try:
        tables = {row[0] for row in con.execute("select name from sqlite_master where type='table'")}
        revision = con.execute("select version_num from alembic_version").fetchone()[0] \
            if "alembic_version" in tables else None
        number = con.execute("select value from meta where key='schema_version'").fetchone()[0]
        return revision, number
    finally:
        con.close()


def test_a_real_schema_1_file_is_upgraded_with_its_data(tmp_path):
    path = _copy("schema-v1.annot", tmp_path)
    with Project.open(path, backup=False) as p:
        assert p.schema_version == migrations.SCHEMA_VERSION
        (doc,) = p.documents()
        spans = p.spans(doc.id)
        assert [(s.start, s.end, s.note, s.provenance) for s in spans] == [(0, 2, "ملاحظة", None), (27, 29, None, None)]
        assert p.status(doc.id, p.coder("ali").id).value == "done"
        gold = p.ensure_gold_coder()
        s = p.add_span(doc.id, gold.id, 1, 0, 2, provenance={"proposed_by": ["ali"]})
        assert p.span(s.id).provenance == {"proposed_by": ["ali"]}
    assert list_backups(path), "the schema-1 file was backed up before the upgrade"
    assert _revision(path) == (migrations.HEAD, str(migrations.SCHEMA_VERSION))
    with sqlite3.connect(path) as con:
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert con.execute("pragma foreign_key_check").fetchall() == []


def test_a_real_schema_2_file_opens_with_all_its_data(tmp_path):
    path = _copy("schema-v2.annot", tmp_path)
    with Project.open(path) as p:
        assert p.schema_version == migrations.SCHEMA_VERSION
        assert [c.name for c in p.coders()] == ["ali", "منى", "@gold"]
        first, second = p.documents()
        assert (first.title, first.external_id, second.title) == ("مقال قصير", "doc-1", "second")
        doc = p.document(first.id)
        assert doc.meta == {"source": "written for the test", "سنة": 2024} and "🙂" in doc.text
        gold = p.gold_coder()
        (gold_span,) = p.spans(first.id, gold.id)
        assert gold_span.provenance == {"from": ["ali", "منى"], "by": "lead"}
        ali = p.coder("ali")
        assert [(s.start, s.end, s.note) for s in p.spans(first.id, ali.id)] == [(0, 4, "ملاحظة"), (17, 24, None)]
        assert p.status(second.id, p.coder("منى").id).value == "done"
        assert p.setting("default_coder") == "ali"
        assert p.stats()["spans"] == 5
    revision, number = _revision(path)
    assert number == str(migrations.SCHEMA_VERSION)
    if migrations.HEAD != "0002":  # once a later revision exists, the file is upgraded after a backup
        assert revision == migrations.HEAD and list_backups(path)


def test_a_file_older_than_any_migration_is_refused_and_untouched(tmp_path):
    path = _copy("schema-v1.annot", tmp_path)
    with sqlite3.connect(path) as con:
        con.execute("update meta set value = '0' where key = 'schema_version'")
    con.close()
    before = _digest(path)
    with pytest.raises(ProjectError, match="no migration from schema version 0"):
        Project.open(path)
    assert _digest(path) == before


@pytest.mark.parametrize("revision, number", [("9999", None), (None, "99")])
def test_a_file_from_a_newer_app_is_refused_and_never_touched(tmp_path, revision, number):
    path = tmp_path / "new.annot"
    Project.create(path).close()
    con = sqlite3.connect(path)
    if revision:
        con.execute("update alembic_version set version_num = ?", (revision,))
    if number:
        con.execute("update meta set value = ? where key = 'schema_version'", (number,))
    con.commit()
    con.close()
    before = _digest(path)
    for readonly in (False, True):
        with pytest.raises(ProjectError, match="made by a newer version of the app.*nothing was changed"):
            Project.open(path, readonly=readonly)
    assert _digest(path) == before
    assert not list_backups(path), "not even a backup is written"


def test_a_failed_upgrade_leaves_the_file_as_it_was(tmp_path):
    path = _copy("schema-v1.annot", tmp_path)
    con = sqlite3.connect(path)
    con.execute("alter table spans add column provenance text")  # revision 0002 will clash with it
    con.commit()
    con.close()
    with pytest.raises(ProjectError, match="upgrade from schema 1 failed .*nothing was changed"):
        Project.open(path, backup=False)
    assert _revision(path) == (None, "1")
    con = sqlite3.connect(path)
    assert con.execute("select count(*) from spans").fetchone()[0] == 2
    con.close()


def test_an_old_file_opened_read_only_is_read_through_an_upgraded_copy_unchanged(tmp_path):
    """A coder's copy from the previous version, sent to be merged or reported on (issue 14): it
    opens read-only through an upgraded temporary copy; the file itself is never written."""
    path = _copy("schema-v1.annot", tmp_path)
    before = _digest(path)
    with Project.open(path, readonly=True) as project:
        assert project.readonly and "schema 1" in project.read_only_reason
        assert project.schema_version == migrations.SCHEMA_VERSION and project.document_count() == 1
        copy = project.path
    assert _digest(path) == before
    assert not copy.exists() and sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_a_real_schema_4_file_gains_issue_16s_schema_and_keeps_its_data(tmp_path):
    """tests/fixtures/store/schema-v4-layers.annot, written by main before issue 16 (0004): upgraded after a
    backup, every row kept, the default relation types and attributes added, and the new layers
    (relations, attributes, figure values, document labels) written and read back."""
    path = _copy("schema-v4-layers.annot", tmp_path)
    assert _revision(path) == ("0004", "4")
    with Project.open(path) as p:
        assert p.schema_version == migrations.SCHEMA_VERSION
        assert [c.name for c in p.coders()] == ["ali", "منى", "@gold"]
        first, second = p.documents()
        assert (first.external_id, p.document(first.id).meta) == ("doc-1", {"source": "اختبار"})
        labels = p.labels()
        assert labels.by_name("entity").color == "#123456" and p.version("label", labels.by_name("entity").id) == 2
        assert labels.by_name("claim").attribute("stance") and labels.by_name("figure").figure_values
        assert [t.name for t in p.relation_types()] == ["source", "about"]
        ali, mona, gold = p.coder("ali"), p.coder("منى"), p.gold_coder()
        text = p.document(first.id).text
        spans = {text[s.start:s.end]: s for s in p.spans(first.id, ali.id)}
        assert spans["ليس هناك خطة"].note == "ادعاء" and p.stats()["spans"] == 7
        assert p.spans(first.id, gold.id)[0].provenance == {"by": "ali", "how": "accepted"}
        assert p.status(first.id, ali.id).value == "done" and p.setting("default_coder") == "ali"
        figure = spans["500 إلى 750"]
        assert figure.value_by is None and figure.value is None  # not computed until written
        p.set_span_value(figure.id)
        assert p.span(figure.id).value == {"low": 500, "high": 750, "unit": "جندي", "approx": True}
        rel = p.add_relation(p.relation_type("source").id, spans["ليس هناك خطة"].id, spans["المبعوث الأميركي"].id)
        p.set_span_attr(spans["المبعوث الأميركي"].id, "type", "person")
        p.set_doc_labels(second.id, mona.id, flags=["needs_discussion"], comment="؟")
    assert list_backups(path) and _revision(path) == (migrations.HEAD, str(migrations.SCHEMA_VERSION))
    with Project.open(path) as p:
        assert p.relations(first.id) == [rel]
        assert p.doc_labels(second.id, p.coder("منى").id).flags == ("needs_discussion",)
    with sqlite3.connect(path) as con:
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert con.execute("pragma foreign_key_check").fetchall() == []


def test_a_real_schema_4_file_gains_the_document_list_index_and_lists_without_its_texts(tmp_path):
    """Schema 5 (issue 21): the document list comes from a covering index, never from the rows
    holding the texts. A file written by schema 4's code is upgraded (after a backup) with its data."""
    path = _copy("schema-v4.annot", tmp_path)
    with Project.open(path) as p:
        assert p.schema_version == migrations.SCHEMA_VERSION >= 5
        first, second = p.documents()
        assert (first.title, first.external_id, first.length, second.title) == ("مقال قصير", "doc-1", 50, "second")
        assert "🙂" in p.document(first.id).text and p.document(first.id).meta == {"سنة": 2024}
        ali, mona = p.coder("ali"), p.coder("منى")
        assert [(s.start, s.end, s.note) for s in p.spans(first.id, ali.id)] == [(0, 4, "ملاحظة")]
        assert p.status(second.id, mona.id).value == "done" and p.setting("default_coder") == "ali"
        assert p.stats()["spans"] == 3
    assert list_backups(path)
    assert _revision(path)[0] == migrations.HEAD
    with sqlite3.connect(path) as con:
        plan = con.execute("EXPLAIN QUERY PLAN SELECT id, title, length, sha256, position, external_id "
                           "FROM documents ORDER BY position, id").fetchall()
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert "COVERING INDEX ix_documents_list" in str(plan)


def test_the_document_list_query_reads_only_the_index():
    """What ``Project.documents()`` asks is what the covering index holds, so SQLite never reads a
    text to list the documents (the query's plan, on a new project)."""
    from sqlalchemy import select

    from annotator.store.models import DocumentRow
    from annotator.store.rows import INFO_COLUMNS

    engine = create_engine("sqlite://")
    with engine.begin() as conn:
        Base.metadata.create_all(conn)
        query = select(*INFO_COLUMNS).order_by(DocumentRow.position, DocumentRow.id)
        sql = str(query.compile(conn))
        plan = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql).all()
    engine.dispose()
    assert "COVERING INDEX ix_documents_list" in str(plan), plan
