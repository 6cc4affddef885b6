"""Store fixtures. ``project`` and ``location`` run each test that uses them on both dialects: a
project file (SQLite) and a project on the suite's own PostgreSQL server (tests/pgserver.py, one
server for the whole run, an empty database per test)."""

import pytest

from annotator.store import Project


@pytest.fixture(params=["file", "server"])
def location(request, tmp_path):
    """Where a test's project goes: a file path that does not exist yet, or the URL of an empty
    database on the test server. Both are accepted by ``Project.create``/``open`` and the commands."""
    return tmp_path / "p.annot" if request.param == "file" else request.getfixturevalue("pg_url")


@pytest.fixture
def fingerprint():
    """``fingerprint(target)``: see ``_fingerprint``."""
    return _fingerprint


def _fingerprint(target) -> list:
    """Every row of every table of a project, in key order: equal before and after means nothing
    changed (a file's bytes say that for files only)."""
    from sqlalchemy import select

    from annotator.store.models import Base

    with Project.open(target, readonly=True) as p, p.snapshot() as snap:
        conn = snap._conn
        return [(table.name, [tuple(row) for row in conn.execute(select(table).order_by(*table.primary_key.columns))])
                for table in Base.metadata.sorted_tables]


@pytest.fixture(params=["file", "server"])
def project(request, tmp_path):
    target = tmp_path / "p.annot" if request.param == "file" else request.getfixturevalue("pg_url")
    p = Project.create(target, coder="ali")
    yield p
    p.close()


@pytest.fixture
def doc(project):
    return project.add_document("مقال", "قالت الوزارة إن 80 ألف باوند (36 طنا) من الذخيرة استخدمت.")


@pytest.fixture
def file_project(tmp_path):
    """A project file, for what only files have (SQLite pragmas, locks, backups)."""
    p = Project.create(tmp_path / "p.annot", coder="ali")
    yield p
    p.close()
