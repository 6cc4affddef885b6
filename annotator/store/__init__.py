"""The project file (SQLite through SQLAlchemy). Knows SQL, never Qt.

``Project`` is imported on first use (PEP 562), so that the stdlib-only parts (``files``, ``trust``,
``quick_stats``) load without SQLAlchemy: ``annotator stats`` on a small file reads it with sqlite3
alone (issue 21: importing SQLAlchemy and the models costs about 0.6 s)."""

__all__ = ["Project"]


def __getattr__(name: str):
    if name == "Project":
        from annotator.store.project import Project

        return Project
    raise AttributeError(f"module 'annotator.store' has no attribute {name!r}")
