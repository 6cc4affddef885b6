"""Writes out ``schema_snapshot.py`` from the models: ``python -m annotator.store.schema_write``
after a schema change (issue 21). Its own module so that the snapshot imports nothing and ``trust``,
which reads the snapshot, is not imported back by it."""

from __future__ import annotations

import pprint
from pathlib import Path

from annotator.store import schema_snapshot
from annotator.store.trust import built_schema

MARK = "# -- generated below this line --\n"


def render(tables, indexes) -> str:
    """The generated part of ``schema_snapshot.py`` for ``(tables, indexes)``."""
    return (MARK + "TABLES: dict[str, dict[str, str]] = " + pprint.pformat(tables, width=110) + "\n\n"
            "INDEXES: dict[str, tuple[str, tuple[str, ...]]] = " + pprint.pformat(indexes, width=110) + "\n")


def write() -> Path:
    """Rewrites the generated part of ``schema_snapshot.py``; returns its path."""
    path = Path(schema_snapshot.__file__)
    source = path.read_text(encoding="utf-8")
    head = source[:source.index(MARK)] if MARK in source else source + "\n\n"
    path.write_text(head + render(*built_schema()), encoding="utf-8")
    return path


if __name__ == "__main__":
    print(write())
