"""Roles and row-level security on a team project: tried as each role, through the app and with
raw SQL. What a role must not do is refused by the database itself."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import errors

from annotator.core.errors import ProjectError
from annotator.store import Project
from annotator.store.copy import copy_project
from annotator.store.team import add_member, init_server


@pytest.fixture
def team(pg_server, pg_url, tmp_path):
    """A project copied up from a file, then made a team project: lead 'lena', coders 'mona' and
    'ali' (Arabic names work too), adjudicator 'adam'."""
    source = tmp_path / "p.annot"
    with Project.create(source, coder="mona") as p:
        p.ensure_coder("علي")
        doc = p.add_document("t", "قالت الوزارة إن 80 ألف باوند من الذخيرة استخدمت.")
        p.add_span(doc.id, p.coder("علي").id, p.labels().by_name("entity").id, 0, 4)
    copy_project(source, pg_url)
    database = pg_url.rsplit("/", 1)[1]
    init_server(pg_url, "lena")
    add_member(pg_url, "mona")
    add_member(pg_url, "علي")
    add_member(pg_url, "adam", "adjudicator")

    class Team:
        url = pg_url
        db = database

        def as_(self, role):
            return pg_server.socket_url(database, role)

        def sql(self, role):
            return psycopg.connect(host=str(pg_server.socket_dir), port=pg_server.port, user=role,
                                   dbname=database, autocommit=True)
    return Team()


def test_init_on_an_empty_database_makes_an_empty_project_with_the_lead(pg_url):
    message = init_server(pg_url, "lead1")
    assert "created an empty project" in message
    with Project.open(pg_url) as p:
        assert p.document_count() == 0 and p.coder("lead1") is not None
        assert p.labels().names()
    assert "kept the project's data" in init_server(pg_url, "lead1")  # again: changes no data


def test_a_coder_writes_their_own_layer_only_through_the_app(team):
    with Project.open(team.as_("mona")) as p:
        doc = p.documents()[0]
        label = p.labels().by_name("entity").id
        mine = p.add_span(doc.id, p.coder("mona").id, label, 5, 12)
        p.set_status(doc.id, p.coder("mona").id, "done")
        p.remove_span(mine.id)
        other = p.coder("علي")
        (theirs,) = p.spans(doc.id, other.id)  # reads everybody's spans
        with pytest.raises(ProjectError, match="refused"):
            p.add_span(doc.id, other.id, label, 5, 12)
        with pytest.raises(ProjectError, match="refused"):
            p.set_status(doc.id, other.id, "done")
        with pytest.raises(ProjectError, match="refused"):
            p.add_document("new", "نص جديد")
        with pytest.raises(ProjectError, match="refused"):
            p.add_label("claim2")
        with pytest.raises(ProjectError, match="refused"):
            p.set_setting("guidelines", "x")
        with pytest.raises(ProjectError, match="refused"):
            p.ensure_gold_coder()  # a coder cannot make coder rows, the gold one included
        assert [s.id for s in p.spans(doc.id, other.id)] == [theirs.id]


def test_a_coder_is_refused_by_the_database_with_raw_sql(team):
    with team.sql("lena") as lead:  # the lead makes a gold row to attack
        gold = lead.execute("insert into coders (name, is_gold, created_at) values ('@gold', true, now()) "
                            "returning id").fetchone()[0]
    with team.sql("mona") as conn:
        other = conn.execute("select id from coders where name = 'علي'").fetchone()[0]
        (span_id,) = conn.execute("select id from spans where coder_id = %s", (other,)).fetchone()
        doc = conn.execute("select id from documents").fetchone()[0]
        for coder in (other, gold):
            with pytest.raises(errors.InsufficientPrivilege, match="row-level security"):
                conn.execute("insert into spans (document_id, coder_id, label_id, start_offset, end_offset, "
                             "created_at, updated_at) values (%s, %s, 1, 0, 3, now(), now())", (doc, coder))
        # someone else's rows are invisible to change: nothing is updated or deleted
        assert conn.execute("update spans set start_offset = 1 where id = %s", (span_id,)).rowcount == 0
        assert conn.execute("delete from spans where coder_id = %s", (other,)).rowcount == 0
        mine = conn.execute("select id from coders where name = 'mona'").fetchone()[0]
        with pytest.raises(errors.InsufficientPrivilege):  # moving a span into someone else's layer
            conn.execute("insert into spans (document_id, coder_id, label_id, start_offset, end_offset, created_at, "
                         "updated_at) values (%s, %s, 1, 0, 3, now(), now()) returning id", (doc, mine))
            conn.execute("update spans set coder_id = %s where coder_id = %s", (other, mine))
        for statement in ("insert into documents (title, text, length, sha256, meta_json, position, created_at) "
                          "values ('x', 'y', 1, 'z', '{}', 9, now())",
                          "update labels set name = 'hacked'",
                          "delete from documents",
                          "insert into coders (name, is_gold, created_at) values ('ghost', false, now())",
                          "update meta set value = 'x' where key = 'application'",
                          "alter table spans disable row level security",
                          "drop table spans",
                          "update alembic_version set version_num = '9999'"):
            with pytest.raises((errors.InsufficientPrivilege,)):
                conn.execute(statement)
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute(f'set role "{team.db}_lead"')
    with team.sql("lena") as lead:
        assert lead.execute("select count(*) from spans where coder_id = %s", (other,)).fetchone()[0] == 1
        assert lead.execute("select start_offset from spans where id = %s", (span_id,)).fetchone()[0] == 0


def test_the_adjudicator_writes_gold_and_review_notes_but_not_coders_layers(team):
    with team.sql("lena") as lead:
        lead.execute("insert into coders (name, is_gold, created_at) values ('@gold', true, now())")
    with Project.open(team.as_("adam")) as p:
        doc = p.documents()[0]
        label = p.labels().by_name("entity").id
        gold = p.gold_coder()
        p.add_span(doc.id, gold.id, label, 0, 4)
        p.set_status(doc.id, gold.id, "done")
        p.set_setting(f"review_rejected:{doc.id}", [{"start": 0}])
        with pytest.raises(ProjectError, match="refused"):
            p.add_span(doc.id, p.coder("mona").id, label, 0, 4)
        with pytest.raises(ProjectError, match="refused"):
            p.set_setting("guidelines", "x")
        with pytest.raises(ProjectError, match="refused"):
            p.add_document("d", "نص")


def test_the_lead_changes_labels_documents_and_any_layer(team):
    with Project.open(team.as_("lena")) as p:
        p.add_label("claim2")
        doc = p.add_document("new", "نص جديد هنا")
        p.add_span(doc.id, p.coder("mona").id, p.labels().by_name("claim2").id, 0, 2)
        p.set_setting("guidelines", "اقرأ")
    with team.sql("mona") as conn:
        assert conn.execute("select count(*) from documents").fetchone()[0] == 2


def test_add_coder_needs_init_first_and_sane_names(pg_url):
    Project.create(pg_url).close()
    with pytest.raises(ProjectError, match="server init"):
        add_member(pg_url, "mona")
    init_server(pg_url, "lead2")
    for bad in ('a"b', "@gold", "x" * 64):
        with pytest.raises(ProjectError, match="invalid"):
            add_member(pg_url, bad)


def test_suggestions_are_nobodys_layer_and_rejections_are_each_coders_own(team):
    """The lead stores suggestions; everybody reads them; a coder rejects and accepts for their own
    layer only, through the app and with raw SQL."""
    with Project.open(team.as_("lena")) as p:
        doc = p.documents()[0]
        entity = p.labels().by_name("entity").id
        with p.transaction() as tx:
            tx.put_suggestions([(doc.id, 0, 4, entity, 0.9, "occurrences", None),
                                (doc.id, 5, 12, entity, 0.8, "occurrences", None),
                                (doc.id, 16, 18, entity, 0.7, "figures", {"low": 80000, "high": 80000})])
    with Project.open(team.as_("mona")) as p:
        mona, ali = p.coder("mona").id, p.coder("علي").id
        first, second, third = p.suggestions(doc.id, mona)
        with p.transaction() as tx:
            tx.reject_suggestion(first.id, mona)
            span = tx.accept_suggestion(second.id, mona)
        assert p.span(span.id).provenance["accepted_by"] == "mona"
        assert [s.id for s in p.suggestions(doc.id, mona)] == [third.id]
        assert len(p.suggestions(doc.id)) == 3  # accepting leaves the layer as it was
        with pytest.raises(ProjectError, match="refused"):
            with p.transaction() as tx:
                tx.reject_suggestion(third.id, ali)  # not in someone else's name
        with pytest.raises(ProjectError, match="refused"):
            with p.transaction() as tx:
                tx.put_suggestions([(doc.id, 20, 25, entity, 0.5, "mine", None)])
        with pytest.raises(ProjectError, match="refused"):
            with p.transaction() as tx:
                tx.clear_suggestions()
        assert p.suggestion_counts() == {"occurrences": 2, "figures": 1}
    with Project.open(team.as_("علي")) as p:
        # mona's rejection and acceptance are hers; علي's own span over 0-4 already decides the first
        assert [s.id for s in p.suggestions(doc.id, ali)] == [second.id, third.id]
        assert p.rejected_by(first.id) == ["mona"]  # read like every layer
    with team.sql("mona") as conn:
        with pytest.raises(errors.InsufficientPrivilege, match="row-level security"):
            conn.execute("insert into suggestion_rejections (document_id, coder_id, label_id, start_offset, "
                         "end_offset, source, rejected_at) values (%s, %s, %s, 5, 12, 'occurrences', now())",
                         (doc.id, ali, entity))
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute("update suggestions set score = 0")
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute("delete from suggestions")
        assert conn.execute("delete from suggestion_rejections where coder_id != %s", (mona,)).rowcount == 0
        assert conn.execute("delete from suggestion_rejections where coder_id = %s", (mona,)).rowcount == 1
    with team.sql("adam") as conn:
        assert conn.execute("select count(*) from suggestions").fetchone()[0] == 3
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute("insert into suggestions (document_id, label_id, start_offset, end_offset, score, source, "
                         "created_at) values (%s, %s, 0, 2, 0.5, 'x', now())", (doc.id, entity))


def test_a_team_project_upgraded_to_schema_4_gives_the_new_tables_their_grants(team):
    """A schema-3 team server (roles in place, no suggestions tables) upgraded by the owner: coders
    read suggestions and write their rejections at once, without running server init again."""
    with team.sql("postgres") as owner:  # the database's owner (the suite's superuser)
        _drop_schema_5(owner)
        owner.execute("drop table suggestion_rejections")
        owner.execute("drop table suggestions")
        owner.execute("update alembic_version set version_num = '0003'")
        owner.execute("update meta set value = '3' where key = 'schema_version'")
    with Project.open(team.url) as p:  # the owner's app upgrades it
        assert p.schema_version >= 4


        assert p.schema_version >= 4  # later revisions (0005: the document list) come too
        doc = p.documents()[0]
        entity = p.labels().by_name("entity").id
        with p.transaction() as tx:
            tx.put_suggestions([(doc.id, 0, 4, entity, 0.9, "occurrences", None)])
    with Project.open(team.as_("mona")) as p:
        (s,) = p.suggestions(doc.id, p.coder("mona").id)
        with p.transaction() as tx:
            tx.reject_suggestion(s.id, p.coder("mona").id)
        with pytest.raises(ProjectError, match="refused"):
            with p.transaction() as tx:
                tx.reject_suggestion(s.id, p.coder("علي").id)


def test_every_table_with_a_coder_column_is_a_layer_under_row_level_security_or_lead_only(team):
    """A new table holding coders' work (relations, attributes, document labels, suggestions...)
    must be in ``roles.LAYER_TABLES`` (coders write their own rows, under RLS) or, if only the lead
    writes it, in ``roles.LEAD_ONLY``: this fails when a revision adds one and forgets."""
    from annotator.store import roles

    with psycopg.connect(team.as_("postgres")) as conn:
        with_coder = {name for (name,) in conn.execute(
            "SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND column_name = 'coder_id'")}
        secured = {name for (name,) in conn.execute(
            "SELECT relname FROM pg_class WHERE relrowsecurity AND relnamespace = current_schema()::regnamespace")}
        own = {name for (name,) in conn.execute("SELECT tablename FROM pg_policies WHERE policyname = 'own'")}
    assert {"spans", "doc_status", "assignments"} <= with_coder  # the query sees the schema
    unaccounted = with_coder - set(roles.LAYER_TABLES) - set(roles.LEAD_ONLY)
    assert not unaccounted, f"tables with coders' rows but no team rule: {sorted(unaccounted)} (see roles.py)"
    assert set(roles.LAYER_TABLES) <= secured & own


def test_relations_and_document_labels_are_a_coders_own_layer(team):
    """Schema 5's coder-owned tables (relations, doc_labels) carry the same policies as spans."""
    with Project.open(team.as_("mona")) as p:
        doc = p.documents()[0]
        labels, mona, other = p.labels(), p.coder("mona"), p.coder("علي")
        claim = p.add_span(doc.id, mona.id, labels.by_name("claim").id, 13, 28)
        entity = p.add_span(doc.id, mona.id, labels.by_name("entity").id, 5, 12)
        source = p.relation_type("source")
        rel = p.add_relation(source.id, claim.id, entity.id)
        p.set_span_attr(entity.id, "type", "organisation")
        p.set_doc_labels(doc.id, mona.id, flags=["unsure"], comment="ملاحظة")
        with pytest.raises(ProjectError, match="refused|row-level security"):
            p.set_doc_labels(doc.id, other.id, flags=["skip"])
        with pytest.raises(ProjectError, match="refused|row-level security"):
            p.add_relation_type("mine")  # the schema is the lead's
        (theirs,) = p.spans(doc.id, other.id)
    with team.sql("lena") as lead:  # a relation in علي's layer for mona to attack
        their_claim = lead.execute(
            "insert into spans (document_id, coder_id, label_id, start_offset, end_offset, created_at, updated_at) "
            "values (%s, %s, %s, 13, 28, now(), now()) returning id",
            (doc.id, other.id, labels.by_name("claim").id)).fetchone()[0]
        their_rel = lead.execute("insert into relations (document_id, coder_id, type_id, head_id, child_id, created_at) "
                                 "values (%s, %s, %s, %s, %s, now()) returning id",
                                 (doc.id, other.id, source.id, their_claim, theirs.id)).fetchone()[0]
    with team.sql("mona") as conn:
        with pytest.raises(errors.InsufficientPrivilege, match="row-level security"):
            conn.execute("insert into relations (document_id, coder_id, type_id, head_id, child_id, created_at) "
                         "values (%s, %s, %s, %s, %s, now())", (doc.id, other.id, source.id, their_claim, theirs.id))
        assert conn.execute("delete from relations where id = %s", (their_rel,)).rowcount == 0
        assert conn.execute("update doc_labels set comment = 'x' where coder_id = %s", (other.id,)).rowcount == 0
        assert conn.execute("delete from relations where id = %s", (rel.id,)).rowcount == 1


def test_a_team_project_upgraded_to_schema_5_gives_relations_and_document_labels_their_policies(team):
    """A schema-4 team server upgraded by the owner: coders draw relations and set document labels
    in their own layer at once, and not in anybody else's."""
    with team.sql("postgres") as owner:
        _drop_schema_5(owner)
        owner.execute("update alembic_version set version_num = '0005'")
        owner.execute("update meta set value = '5' where key = 'schema_version'")
    with Project.open(team.url) as p:
        assert p.schema_version == 6 and [t.name for t in p.relation_types()] == ["source", "about"]
    with Project.open(team.as_("mona")) as p:
        doc, labels, mona, other = p.documents()[0], p.labels(), p.coder("mona"), p.coder("علي")
        claim = p.add_span(doc.id, mona.id, labels.by_name("claim").id, 13, 28)
        entity = p.add_span(doc.id, mona.id, labels.by_name("entity").id, 5, 12)
        p.add_relation(p.relation_type("source").id, claim.id, entity.id)
        p.set_doc_labels(doc.id, mona.id, flags=["skip"])
        with pytest.raises(ProjectError, match="refused|row-level security"):
            p.set_doc_labels(doc.id, other.id, flags=["skip"])


def _drop_schema_5(owner) -> None:
    """Take a current team database back to schema 4 (issue 16's tables and columns gone)."""
    for table in ("doc_labels", "relations", "relation_types"):
        owner.execute(f"drop table {table}")
    for column in ("attrs_json", "value_json", "value_by"):
        owner.execute(f"alter table spans drop column {column}")
    for column in ("description", "examples_json", "attributes_json", "figure_values"):
        owner.execute(f"alter table labels drop column {column}")


def _relation_sql(conn, doc, coder, type_id, head, child):
    return conn.execute("insert into relations (document_id, coder_id, type_id, head_id, child_id, created_at) "
                        "values (%s, %s, %s, %s, %s, now()) returning id", (doc, coder, type_id, head, child))


def test_a_coders_relation_must_join_two_spans_of_their_own_layer(team):
    """Row-level security checks both ends of a relation, not only its coder_id: a relation in mona's
    layer hanging on علي's spans (or on one of each, or moved onto one of his later) is refused by the
    database, through raw SQL; mona's relations between her own spans still go in."""
    with Project.open(team.as_("mona")) as p:
        doc = p.documents()[0]
        labels, mona, other = p.labels(), p.coder("mona"), p.coder("علي")
        claim = p.add_span(doc.id, mona.id, labels.by_name("claim").id, 13, 28)
        entity = p.add_span(doc.id, mona.id, labels.by_name("entity").id, 5, 12)
        source = p.relation_type("source").id
        (theirs,) = p.spans(doc.id, other.id)
    with team.sql("lena") as lead:
        their_claim = lead.execute(
            "insert into spans (document_id, coder_id, label_id, start_offset, end_offset, created_at, updated_at) "
            "values (%s, %s, %s, 13, 28, now(), now()) returning id",
            (doc.id, other.id, labels.by_name("claim").id)).fetchone()[0]
    with team.sql("mona") as conn:
        for head, child in ((their_claim, theirs.id), (claim.id, theirs.id), (their_claim, entity.id)):
            with pytest.raises(errors.InsufficientPrivilege, match="row-level security"):
                _relation_sql(conn, doc.id, mona.id, source, head, child)
        mine = _relation_sql(conn, doc.id, mona.id, source, claim.id, entity.id).fetchone()[0]
        with pytest.raises(errors.InsufficientPrivilege, match="row-level security"):
            conn.execute("update relations set child_id = %s where id = %s", (theirs.id, mine))
        assert conn.execute("select count(*) from relations where coder_id = %s", (mona.id,)).fetchone()[0] == 1
    with Project.open(team.url) as p:
        gold = p.ensure_gold_coder().id
    with team.sql("adam") as conn:  # the adjudicator's gold relations: between gold spans only
        with pytest.raises(errors.InsufficientPrivilege, match="row-level security"):
            _relation_sql(conn, doc.id, gold, source, claim.id, entity.id)


def test_server_init_on_an_existing_server_puts_in_the_tighter_relation_policy(team):
    """A server whose relation policy is the older one (coder_id only), as schema 6's upgrade made it:
    running ``server init`` again replaces it, and the attack it let through is refused after."""
    with team.sql("postgres") as owner:
        own = "coder_id = (SELECT c.id FROM coders c WHERE c.name = current_user)"
        owner.execute("drop policy own on relations")
        owner.execute(f'create policy own on relations for all to "{team.db}_adjudicator", "{team.db}_coder" '
                      f"using ({own}) with check ({own})")
    with Project.open(team.url) as p:
        doc, mona, other = p.documents()[0], p.coder("mona"), p.coder("علي")
        (theirs,) = p.spans(doc.id, other.id)
        their_claim = p.add_span(doc.id, other.id, p.labels().by_name("claim").id, 13, 28)
        source = p.relation_type("source").id
    with team.sql("mona") as conn:  # the older policy lets it in
        loose = _relation_sql(conn, doc.id, mona.id, source, their_claim.id, theirs.id).fetchone()[0]
        conn.execute("delete from relations where id = %s", (loose,))
    assert "kept the project's data" in init_server(team.url, "lena")
    with team.sql("mona") as conn:
        with pytest.raises(errors.InsufficientPrivilege, match="row-level security"):
            _relation_sql(conn, doc.id, mona.id, source, their_claim.id, theirs.id)
