"""The project: a file, or a database on a PostgreSQL server (team mode). Create, open (a file
read-write with a lock, or read-only), migrate, back up, read, and change it. Every change is one
transaction, committed before the call returns."""

from __future__ import annotations

import json
import os
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from sqlalchemy import Connection, insert
from sqlalchemy.exc import DatabaseError, OperationalError

from annotator.core.changes import Change
from annotator.core.errors import ProjectError
from annotator.core.model import DEFAULT_LABELS, Coder, DocStatus, DocumentInfo, Label, LabelSpec, Span
from annotator.store import engine, files, migrations, trust
from annotator.store.initial import create_schema
from annotator.store.location import display, display_name, is_server_url
from annotator.store.migrations import SCHEMA_VERSION
from annotator.store.models import LabelRow
from annotator.store.reads import ProjectReads
from annotator.store.rich_calls import RichCalls
from annotator.store.rich_reads import RichReads
from annotator.store.team_reads import TeamReads
from annotator.store.recovery import damaged_error
from annotator.store.rows import put_meta
from annotator.store.snapshot import Snapshot
from annotator.store.writes import Transaction

Listener = Callable[[list[Change]], None]

def _writable(path: Path) -> bool:
    """Writable for us, and not marked read-only by its owner (honoured even when running as root)."""
    return os.access(path, os.W_OK) and bool(path.stat().st_mode & 0o222)


class Project(RichCalls, ProjectReads, RichReads, TeamReads):
    """An open project. Use ``Project.create`` or ``Project.open``; close it (or use ``with``).

    ``target`` is a file path or a ``postgresql://user@host:port/db`` URL (``location.py``); the
    password of a server comes from libpq (``~/.pgpass``, ``PGPASSWORD``) or ``password=``, and
    lives only in the engine's memory."""

    def __init__(self, target: "Path | str", *, readonly: bool, read_only_reason: str | None = None,
                 password: str | None = None) -> None:
        self.is_server = is_server_url(target)
        # ``path``: the file (None for a server project); ``where``: for messages (URLs masked).
        self.path = None if self.is_server else Path(target)
        self.where = display(target)
        self.name = display_name(target)
        self.readonly = readonly
        self.read_only_reason = read_only_reason
        if self.is_server:
            from annotator.store.server import make_server_engine
            self._engine = make_server_engine(str(target), password=password, readonly=readonly)
        else:
            self._engine = engine.make_engine(self.path, readonly=readonly)
        self._lock: files.WriterLock | None = None
        self._write_lock = threading.RLock()
        self._lengths: dict[int, int] = {}
        self._listeners: list[Listener] = []
        self._backup: files.BackupThread | None = None
        self.backup_error: Exception | None = None
        self._identity: tuple[int, int, int, int] | None = None  # the file as our last write left it
        self._gone: str | None = None        # set when the file was replaced or deleted under us
        self._temporary: Path | None = None  # an upgraded copy of an older read-only file
        self._schedule_checkpoint: Callable[[Callable[[], None]], None] | None = None  # defer_checkpoints
        self._checkpoint_due = False  # a write's checkpoint was handed to _schedule_checkpoint

    # -- lifecycle ------------------------------------------------------------------------
    @classmethod
    def create(cls, path: str | os.PathLike, *, coder: str | None = None,
               labels: Iterable[LabelSpec] | None = None, password: str | None = None) -> "Project":
        """Create a new project (a file, or in an empty server database) with a label schema (the
        default one unless given)."""
        if is_server_url(path):
            project = cls(str(path), readonly=False, password=password)
            try:
                with project._engine.begin() as conn:
                    project._fill_new(conn, coder, labels)
            finally:
                project.close()
            return cls.open(str(path), password=password)
        path = Path(path)
        if path.exists():
            raise ProjectError(f"{path}: already exists; choose another name or open it")
        if not path.parent.is_dir():
            raise ProjectError(f"{path.parent}: no such folder")
        if not _writable(path.parent):
            raise ProjectError(f"{path.parent}: this folder is not writable")
        for suffix in ("-wal", "-journal", "-shm"):
            stale = Path(f"{path}{suffix}")
            if stale.exists():
                raise ProjectError(
                    f"{stale}: left beside the name by an earlier project that was deleted; SQLite would "
                    f"bring its contents into the new project. Move it away or delete it, or choose another name")
        tmp = path.with_name(f".{path.name}.creating")
        for leftover in (tmp, *(Path(f"{tmp}{suffix}") for suffix in ("-wal", "-journal", "-shm"))):
            leftover.unlink(missing_ok=True)  # our own hidden temporary name: an earlier create was killed
        try:
            project = cls(tmp, readonly=False)
            with project._engine.begin() as conn:
                project._fill_new(conn, coder, labels)
            project._engine.dispose()
            engine.finish_new_file(tmp)  # a single self-contained file before it is moved into place
            os.replace(tmp, path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise ProjectError(f"{path}: cannot create the project ({exc.strerror or exc})") from None
        return cls.open(path, backup=False)

    def _fill_new(self, conn: Connection, coder: str | None, labels: Iterable[LabelSpec] | None) -> None:
        create_schema(conn, self.where)
        for position, spec in enumerate(labels if labels is not None else DEFAULT_LABELS, start=1):
            conn.execute(insert(LabelRow).values(name=spec.name, color=spec.color,
                                                 hotkey=spec.hotkey, position=position))
        from annotator.store.rich_rows import fill_default_schema
        fill_default_schema(conn)
        if coder:
            Transaction(conn, self._lengths).ensure_coder(coder)
            put_meta(conn, "setting:default_coder", json.dumps(coder, ensure_ascii=False))

    @classmethod
    def open(cls, path: str | os.PathLike, *, readonly: bool = False, backup: bool = True,
             password: str | None = None) -> "Project":
        """Open a project. Read-write takes the writer lock; a read-only file opens read-only.
        A server project (a ``postgresql://`` URL) has no lock: many coders write at once."""
        if is_server_url(path):
            project = cls(str(path), readonly=readonly, password=password)
            try:
                project._check_and_migrate()
            except BaseException:
                project.close()
                raise
            return project
        path = Path(path)
        files.check_sqlite_file(path)
        version = trust.check_file(path)  # schema and rows, read-only, before anything else reads it
        if readonly and version < SCHEMA_VERSION:
            return cls._open_upgraded_copy(path, version)
        reason = None
        if not readonly:
            if not _writable(path):
                readonly, reason = True, "the file is read-only"
            elif not _writable(path.parent):
                readonly, reason = True, "its folder is not writable"
        project = cls(path, readonly=readonly, read_only_reason=reason)
        try:
            if not readonly:
                project._lock = files.WriterLock(path)
                project._lock.acquire()
            project._check_and_migrate()
            if not readonly and backup:
                project._backup = files.BackupThread(path)
                project._backup.start()
            if not readonly:
                project._identity = files.identity(path)
        except BaseException:
            project.close()
            raise
        return project

    @classmethod
    def _open_upgraded_copy(cls, path: Path, version: int) -> "Project":
        """An older file opened read-only (a coder's copy made by the previous version, sent to be
        merged or reported on): upgrade a temporary copy and read that; the file itself is never
        written. The copy is removed at close."""
        import shutil
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix="annotator-upgrade-"))
        copy = folder / path.name
        try:
            files.snapshot(path, copy)
            cls.open(copy, backup=False).close()
            project = cls.open(copy, readonly=True)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        project.read_only_reason = f"an older file (schema {version}), read through an upgraded temporary copy"
        project.original_path = path
        project.where, project.name = display(path), display_name(path)  # messages name the user's file
        project._temporary = folder
        return project

    def backup_state(self):
        """``"running"``, ``None`` (done, or none taken) or the exception that stopped the backup."""
        thread = self._backup
        if thread is None:
            return self.backup_error
        if thread.is_alive():
            return "running"
        return thread.error

    def close(self) -> None:
        unfolded = None
        if not self.is_server:
            try:
                self.checkpoint_now()
            except (ProjectError, DatabaseError) as exc:  # still close: release the file and its lock
                unfolded = exc
        if self._backup is not None:
            self._backup.join()
            self.backup_error = self._backup.error
            self._backup = None
        self._engine.dispose()
        if self._lock is not None:
            now = files.identity(self.path)
            if self._gone is None and self._identity is not None and now is not None and now[:2] == self._identity[:2]:
                trust.remember(self.path)  # written by us alone since it was checked
            self._lock.release()
            self._lock = None
        if self._temporary is not None:
            import shutil
            shutil.rmtree(self._temporary, ignore_errors=True)
            self._temporary = None
        if unfolded is not None:
            raise ProjectError(f"{self.where}: every change is saved, but the last ones are still in the file "
                               f"{self.path.name}-wal beside it: copying them into the main file failed "
                               f"({unfolded}). Keep that file with the project (the next open takes them in)")

    def wait_for_backup(self) -> Path | None:
        if self._backup is None:
            return None
        self._backup.join()
        self.backup_error = self._backup.error
        return self._backup.result

    def __enter__(self) -> "Project":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _check_and_migrate(self) -> None:
        """One query when the schema is current; an upgrade (a file: after a backup) when it is
        older; a clear refusal, touching nothing, when it is newer or not a project at all."""
        try:
            with self._engine.connect() as conn:
                state = migrations.read_state(conn)
        except migrations.SchemaError as exc:
            raise ProjectError(f"{self.where}: {exc}") from None
        except DatabaseError as exc:
            if self.is_server:
                raise ProjectError(f"{self.where}: {exc.orig}") from None
            raise damaged_error(self.path, str(exc.orig)) from None
        self.schema_version = state.schema_version
        if not state.current:
            self.migrate(state)

    def migrate(self, state: "migrations.SchemaState") -> None:
        """Bring the project to the current schema, every revision in one transaction (a file:
        after a backup; a server: one client at a time)."""
        if self.readonly:
            raise ProjectError(f"{self.where}: needs an upgrade to open (schema {state.schema_version}), "
                               "but is opened read-only; nothing was changed")
        if not self.is_server:
            files.make_backup(self.path)
        try:
            with self._engine.begin() as conn:
                if self.is_server:
                    from annotator.store.server import lock_for_upgrade
                    lock_for_upgrade(conn)
                    state = migrations.read_state(conn)  # another client may have upgraded meanwhile
                if not state.current:
                    migrations.upgrade(conn, state.revision)
        except ProjectError:
            raise
        except Exception as exc:
            reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
            raise ProjectError(f"{self.where}: the upgrade from schema {state.schema_version} failed ({reason}); "
                               "nothing was changed") from exc
        self.schema_version = SCHEMA_VERSION

    # -- transactions and change notification ----------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """One all-or-nothing transaction; listeners hear of its changes after it commits."""
        if self.readonly:
            raise ProjectError(f"{self.where}: opened read-only ({self.read_only_reason or 'as asked'}); nothing can be changed")
        with self._write_lock:
            if not self.is_server:
                self._check_still_ours()
            with self._engine.connect() as conn:
                try:
                    with conn.begin():
                        tx = Transaction(conn, self._lengths)
                        yield tx
                except OperationalError as exc:
                    self._lengths.clear()
                    raise ProjectError(f"{self.where}: could not save ({exc.orig})") from None
                except BaseException:
                    self._lengths.clear()  # a rolled-back document insert must not stay cached
                    raise
                if not self.is_server and self._schedule_checkpoint is None:
                    # the main file alone now holds this change (on the connection that wrote it:
                    # no second one taken from the pool)
                    try:
                        engine.checkpoint_on(conn)
                    except (ProjectError, DatabaseError):
                        # The commit has returned: the change is saved (in the WAL beside the file,
                        # synchronous=FULL). Only copying it into the main file failed: saying "NOT
                        # saved" would be false. ``close`` tries again (and says so if it fails).
                        self._checkpoint_due = True
            if not self.is_server:
                self._identity = files.identity(self.path)
                if self._schedule_checkpoint is not None and not self._checkpoint_due:
                    self._checkpoint_due = True
                    self._schedule_checkpoint(self.checkpoint_now)
        if tx.changes:
            self.announce(tx.changes)

    def defer_checkpoints(self, schedule: Callable[[Callable[[], None]], None] | None) -> None:
        """Let a window copy a write's WAL frames into the main file just after it has shown the
        change, instead of inside the write: ``schedule(run)`` must call ``run`` before the app is
        idle again (the window: right after the next paint of the view, within a few ms). A
        commit that returned is on disk either way (the WAL, synchronous=FULL); what waits is only
        the moment the main file *alone* holds it (a copy of the file taken while the app is idle
        holds every change: docs/reliability.md). ``close`` runs a checkpoint still due. None:
        every write checkpoints before it returns (the default, and what the CLI does)."""
        self._schedule_checkpoint = schedule

    def undefer_checkpoints(self, schedule) -> None:
        """Back to checkpointing inside each write if ``schedule`` is the one deferring them (its
        window is closing), after running one still due."""
        if self._schedule_checkpoint is schedule:
            self._schedule_checkpoint = None
            self.checkpoint_now()

    @property
    def checkpoint_due(self) -> bool:
        """A write's checkpoint is waiting for its ``defer_checkpoints`` schedule (the main file
        alone does not hold that write yet; the WAL beside it does)."""
        return self._checkpoint_due

    def checkpoint_now(self) -> None:
        """Run the checkpoint a write left due (``defer_checkpoints``); nothing when none is due."""
        if not self._checkpoint_due:
            return
        with self._write_lock:
            self._checkpoint_due = False
            if self._gone is None and self._identity is not None and files.identity(self.path) == self._identity:
                engine.checkpoint(self._engine)  # (a replaced file: the next write says so)
                self._identity = files.identity(self.path)

    def announce(self, changes: list[Change]) -> None:
        """Tell every listener about ``changes``: this project's own commits, and what a window
        polling a team server learnt that other coders changed (``TeamReads.change_marker``)."""
        for listener in list(self._listeners):
            listener(changes)

    @contextmanager
    def snapshot(self) -> Iterator[Snapshot]:
        """A read transaction: every read through the ``Snapshot`` sees one consistent state of the
        file, even while another connection writes (WAL). For exporters that stream in batches."""
        with self._engine.connect() as conn:
            if self.is_server:
                from annotator.store.server import consistent_reads
                consistent_reads(conn)
            with conn.begin():
                yield Snapshot(conn)
        if not self.is_server and not self.readonly and self._gone is None:
            with self._write_lock:  # frames a long read held back go into the main file now
                if files.identity(self.path) == self._identity:  # (a replaced file: the next write says so)
                    engine.checkpoint(self._engine)
                    self._identity = files.identity(self.path)

    def _check_still_ours(self) -> None:
        """Before every write: is the file at our path still the one we opened, as our last write
        left it? A copy dropped in place, a sync client or a delete would otherwise be written into
        (and both files damaged) or go unnoticed. On a change: keep our work in a recovered file,
        stop writing, and say so."""
        if self._gone is not None:
            raise ProjectError(self._gone)
        now = files.identity(self.path)
        if self._identity is None or now == self._identity:
            return
        if now is None:
            what = "was deleted or moved away"
        elif now[:2] != self._identity[:2]:
            what = "was replaced by another file"
        else:
            what = "was changed by another program"
        kept = self._recover() if now is None or now[:2] != self._identity[:2] else None
        where = (f"your work up to the last saved change is kept in {kept}" if kept else
                 f"your work cannot be recovered from it; the backups are in {files.backups_dir(self.path).name}/")
        self._gone = (f"{self.path}: the project file {what} while it was open here; nothing more is saved to it "
                      f"(the change just made was NOT saved). {where[0].upper() + where[1:]}. Close this window "
                      "and open the file you want to keep.")
        raise ProjectError(self._gone)

    def _recover(self) -> Path | None:
        """Our connection still reads the file we opened (the inode, now unlinked or renamed): copy it."""
        from datetime import datetime, timezone

        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        target = self.path.with_name(f"{self.path.stem}.recovered-{stamp}{self.path.suffix or '.annot'}")
        try:
            raw = self._engine.raw_connection()  # a pooled connection: its file descriptor is the old file's
            try:
                raw.driver_connection.execute("VACUUM INTO ?", (str(target),))
            finally:
                raw.close()
            return target
        except Exception:  # noqa: BLE001 - the folder may be gone too; the message says so
            return None

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _do(self, method: str, *args, **kwargs):
        with self.transaction() as tx:
            return getattr(tx, method)(*args, **kwargs)

    # One-call versions of every change, each its own transaction.
    def add_label(self, name, color=None, hotkey=None, *, label_id=None) -> Label:
        return self._do("add_label", name, color, hotkey, label_id=label_id)

    def update_label(self, label_id, **kwargs) -> None:
        return self._do("update_label", label_id, **kwargs)

    def reorder_labels(self, label_ids) -> None:
        return self._do("reorder_labels", label_ids)

    def remove_label(self, label_id, *, force=False) -> int:
        return self._do("remove_label", label_id, force=force)

    def ensure_coder(self, name) -> Coder:
        return self._do("ensure_coder", name)

    def add_document(self, title, text, **kwargs) -> DocumentInfo | None:
        return self._do("add_document", title, text, **kwargs)

    def remove_document(self, document_id) -> None:
        return self._do("remove_document", document_id)

    def add_span(self, document_id, coder_id, label_id, start, end, note=None, **kwargs) -> Span:
        return self._do("add_span", document_id, coder_id, label_id, start, end, note, **kwargs)

    def remove_span(self, span_id, **kwargs) -> Span:
        return self._do("remove_span", span_id, **kwargs)

    def relabel_span(self, span_id, label_id, **kwargs) -> Span:
        return self._do("relabel_span", span_id, label_id, **kwargs)

    def resize_span(self, span_id, start, end, **kwargs) -> Span:
        return self._do("resize_span", span_id, start, end, **kwargs)

    def change_span(self, span_id, **kwargs) -> int:
        return self._do("change_span", span_id, **kwargs)

    def set_provenance(self, span_id, provenance, **kwargs) -> Span:
        return self._do("set_provenance", span_id, provenance, **kwargs)

    def ensure_gold_coder(self) -> Coder:
        return self._do("ensure_gold_coder")

    def set_note(self, span_id, note, **kwargs) -> Span:
        return self._do("set_note", span_id, note, **kwargs)

    def set_status(self, document_id, coder_id, status) -> DocStatus:
        return self._do("set_status", document_id, coder_id, status)

    def set_setting(self, key: str, value: Any, expected_version: int | None = None) -> None:
        return self._do("set_setting", key, value, expected_version)

    def assign(self, plan) -> int:
        """Replace the work assignments with ``plan`` (``core.assignment.plan_assignments``)."""
        return self._do("assign", plan)
