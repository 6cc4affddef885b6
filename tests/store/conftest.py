"""Store fixtures. ``project`` runs each test that uses it on both dialects: a project file
(SQLite) and a project on the suite's own PostgreSQL server (tests/pgserver.py)."""

import pytest

from annotator.store import Project


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
