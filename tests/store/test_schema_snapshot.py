"""The written-out schema (``schema_snapshot``) that every project file is checked against is the
one the models make: a schema change that forgets to regenerate it fails here, not in a user's hands."""

from annotator.store import schema_snapshot, trust


def test_the_snapshot_is_what_a_new_project_is_made_of():
    tables, indexes = trust.built_schema()
    assert (schema_snapshot.TABLES, schema_snapshot.INDEXES) == (tables, indexes), (
        "annotator/store/schema_snapshot.py differs from the models: run python -m annotator.store.schema_write")


def test_the_check_accepts_the_tools_tables_and_a_new_project(tmp_path):
    from annotator.store import Project

    tables, _indexes = trust.expected_schema()
    assert tables["alembic_version"] == {"version_num": "VARCHAR(32) NOT NULL PRIMARY KEY"}
    assert set(tables) == set(schema_snapshot.TABLES) | {"alembic_version"}
    Project.create(tmp_path / "p.annot").close()
    assert trust.check_schema(tmp_path / "p.annot") == trust_version()


def trust_version() -> int:
    from annotator.store.schema_state import SCHEMA_VERSION

    return SCHEMA_VERSION
