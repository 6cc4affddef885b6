from __future__ import annotations

from pathlib import Path

import pytest

from annotator.store import Project

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "formats"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def make_project(tmp_path):
    opened: list[Project] = []

    def make(name: str = "p", coder: str | None = "gold", labels=()) -> Project:
        from annotator.core.model import LabelSchema
        project = Project.create(tmp_path / f"{name}.annot", coder=coder,
                                 labels=LabelSchema.specs_from_names(labels))
        opened.append(project)
        return project

    yield make
    for project in opened:
        project.close()
