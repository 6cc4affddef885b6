"""The project file (SQLite through SQLAlchemy). Knows SQL, never Qt."""

from annotator.store.project import Project

__all__ = ["Project"]
