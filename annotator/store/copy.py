"""``annotator copy``: a whole project from a file to a server, a server to a file, or any pair.

All or nothing: a file target is written under a temporary name and renamed when complete; a
server target gets schema and rows in one transaction (PostgreSQL's DDL is transactional). Rows
keep their ids, so a round trip gives back the same project (byte-identical exports).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable


from annotator.core.errors import ProjectError
from annotator.store.initial import create_schema
from annotator.store.location import display, is_server_url
from annotator.store.models import Base

BATCH = 5000
Progress = Callable[[int, int], None]


@dataclass
class CopyReport:
    source: str
    target: str
    rows: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        counts = ", ".join(f"{count} {table}" for table, count in self.rows.items() if table != "meta")
        return f"copied {display(self.source)} to {display(self.target)}: {counts}"


def copy_project(source: str | os.PathLike, target: str | os.PathLike, progress: Progress | None = None,
                 *, password: str | None = None) -> CopyReport:
    """Copy every row of ``source`` (a current project) into ``target`` (a new file, or an empty
    server database). ``ProjectError`` when either side is unfit; then nothing is left behind."""
    from annotator.store import Project

    source, target = str(source), str(target)
    if not is_server_url(target):
        path = Path(target)
        if path.exists():
            raise ProjectError(f"{path}: already exists; copy into a new file")
        if not path.parent.is_dir():
            raise ProjectError(f"{path.parent}: no such folder")
    elif is_server_url(source) and source == target:
        raise ProjectError(f"{display(source)}: source and target are the same")
    report = CopyReport(source, target)
    with Project.open(source, readonly=True) as src:
        with src.snapshot() as read:
            tables = [t for t in Base.metadata.sorted_tables]
            counts = {t.name: read.row_count(t) for t in tables}
            total, done = sum(counts.values()), 0
            if progress:
                progress(0, total)

            def fill(write, where: str) -> None:
                nonlocal done
                create_schema(write, where)
                write.execute(Base.metadata.tables["meta"].delete())
                for table in tables:
                    for rows in read.table_batches(table, BATCH):
                        try:
                            _insert(write, table, rows)
                        except Exception as exc:
                            raise ProjectError(f"{where}: cannot copy a row of {table.name} "
                                               f"({_reason(exc)}); nothing was copied") from None
                        done += len(rows)
                        if progress:
                            progress(done, total)
                    report.rows[table.name] = counts[table.name]
                from annotator.store import migrations
                migrations.stamp(write)  # the schema number in meta, as copied rows replaced it
                if write.dialect.name == "postgresql":
                    from annotator.store.server import reset_sequences
                    reset_sequences(write, tables)

            if is_server_url(target):
                _into_server(target, fill, password)
            else:
                _into_file(Path(target), fill)
    return report


def _insert(write, table, rows: list[dict]) -> None:
    """One batch of rows into ``table`` in the open transaction: PostgreSQL's COPY on a server
    (about 3x faster than INSERTs for the large project, docs/benchmarks.md), INSERTs into a file."""
    if write.dialect.name == "postgresql":
        from annotator.store.server import copy_rows
        copy_rows(write, table, rows)
    else:
        write.execute(table.insert(), rows)


def _into_server(target: str, fill, password: str | None) -> None:
    from annotator.store.server import make_server_engine

    engine = make_server_engine(target, password=password)
    try:
        with engine.begin() as write:
            fill(write, display(target))
    finally:
        engine.dispose()


def _into_file(path: Path, fill) -> None:
    from annotator.store.engine import finish_new_file, make_engine

    tmp = path.with_name(f".{path.name}.copying")
    for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        leftover.unlink(missing_ok=True)
    engine = make_engine(tmp, readonly=False)
    try:
        with engine.begin() as write:
            fill(write, str(path))
        engine.dispose()
        finish_new_file(tmp)
        os.replace(tmp, path)
    except BaseException:
        engine.dispose()
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            leftover.unlink(missing_ok=True)
        raise


def _reason(exc: Exception) -> str:
    from annotator.store.location import mask

    return mask(str(getattr(exc, "orig", exc)).strip().splitlines()[0])
