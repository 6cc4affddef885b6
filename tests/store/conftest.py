import pytest

from annotator.store import Project


@pytest.fixture
def project(tmp_path):
    p = Project.create(tmp_path / "p.annot", coder="ali")
    yield p
    p.close()


@pytest.fixture
def doc(project):
    return project.add_document("مقال", "قالت الوزارة إن 80 ألف باوند (36 طنا) من الذخيرة استخدمت.")
