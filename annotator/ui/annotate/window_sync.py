"""Windows on one project see each other's span edits within moments (issue 17).

Every committed change reaches a window as the store's ``Change`` notices. A window's own edits are
already drawn by its undo commands (``Editor.span_put``/``span_gone``); what another window did
(a second window on the same file, the review window, a worker) is not. So each notice is tagged
with the editor whose command was running when it was committed (``acting``, set around every
command's store call by ``undo.push``, undo/redo and the save queue; per thread, so a worker's
import is never taken for the window's own work), and a window redraws the spans of its open
document only for notices that are not its own.

Redrawing reads the document's spans and versions once and puts only the rows that differ
(``apply``): the view keeps its scroll position and selection, and the window's versions of the
spans follow, so its next edit of a span another window changed is not refused as stale. Changes
still waiting in the save queue (drawn as pending) are left as they are. On a team server the
watch (``ui/team/live.py``) reads the rows on its worker when the change marker moved and hands
them to ``apply``; that covers windows in other processes and other coders.

Spans changed in bulk (an import, a merge: notices without ranges) read the whole document again,
as before.

A project file opened read-only (the file is open for writing elsewhere, in another program) hears
no notices: its window looks at the file every ``FILE_POLL_MS`` (its size and time, a stat) and,
when the writer changed it, reads the open document's spans in the same way.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal

from annotator.core.errors import AnnotatorError
from annotator.store import files
from annotator.ui.annotate.span_index import ID

# Beyond this many differing rows the document is read again in one go (keeping the place in it).
MANY = 300
FILE_POLL_MS = 2000
_local = threading.local()


@contextmanager
def acting(ctx):
    """Changes committed inside are ``ctx``'s window's own (``ctx``: an editor, or a controller
    with an ``editor``)."""
    stack = _local.__dict__.setdefault("stack", [])
    stack.append(getattr(ctx, "editor", ctx))
    try:
        yield
    finally:
        stack.pop()


def origin():
    """The editor whose command is committing on this thread, or None."""
    stack = _local.__dict__.get("stack")
    return stack[-1] if stack else None


class WindowSync(QObject):
    _heard = Signal(object, object)  # changes, the editor that made them (or None)

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.editor = window.editor
        self.generation = 0  # counts this window's own span changes (a read older than one is stale)
        self.refreshes = 0  # how many times other windows' changes were read in (tests, logs)
        self._heard.connect(self._on_changes, Qt.QueuedConnection)
        self._unsubscribe = window.project.subscribe(self._listen)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)  # a burst of notices: one read
        self._soon.timeout.connect(self.refresh)
        window.installEventFilter(self)
        self._file = None
        project = window.project
        if getattr(project, "path", None) is not None and project.readonly:  # the writer is elsewhere
            self._file = (project.path, files.identity(project.path))
            self._file_timer = QTimer(self)
            self._file_timer.setInterval(FILE_POLL_MS)
            self._file_timer.timeout.connect(self._look_at_file)
            self._file_timer.start()

    def _listen(self, changes) -> None:  # on the committing thread
        source = origin()
        if source is self.editor:
            self.generation += 1
        self._heard.emit(changes, source)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if obj is self.window and event.type() == QEvent.Close and self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
            if self._file is not None:
                self._file_timer.stop()
        return False

    def _look_at_file(self) -> None:
        path, seen = self._file
        now = files.identity(path)
        if now is None or now == seen:
            return
        self._file = (path, now)
        try:
            self.refresh()
        except AnnotatorError as exc:  # replaced by something unreadable meanwhile: show what we have
            self.window.statusBar().showMessage(str(exc), 6000)

    def _on_changes(self, changes, source) -> None:
        editor = self.editor
        doc = editor.doc_id
        mine = [c for c in changes if c.kind == "span" and c.document_id == doc and doc is not None]
        if not mine:
            return
        if any(not c.ranges for c in mine):  # in bulk (an import, a merge): read the document again
            editor.reload()
            return
        if source is editor:
            return
        if not editor.show_others and all(c.coder_id not in (None, editor.coder.id) for c in mine):
            return  # another coder's spans, which this window does not show
        self._soon.start()

    def refresh(self) -> None:
        """Read the open document's spans (those the window shows) and draw the ones that differ."""
        editor = self.editor
        if editor.doc_id is None:
            return
        versions: dict[int, int] = {}
        rows = editor.project.span_rows(editor.doc_id, None if editor.show_others else editor.coder.id,
                                        versions=versions)
        self.apply(rows, versions)

    def apply(self, rows, versions: dict[int, int]) -> int:
        """Make the open document's spans those of ``rows`` (as ``Project.span_rows`` gives them,
        ``versions`` theirs), except the ones waiting in the save queue; returns how many differed."""
        editor = self.editor
        return self.apply_difference(difference(editor.index.spans, editor.versions, rows, versions))

    def apply_difference(self, found: "Difference") -> int:
        """Draw what ``difference`` found (maybe on the watch's worker: each item is checked again
        against the index as it is now, and changes waiting in the save queue are left alone)."""
        editor = self.editor
        doc = editor.doc_id
        skip = editor.saves.pending_ids()
        shown = editor.index.spans
        gone = [span_id for span_id in found.gone if span_id in shown and span_id not in skip]
        put = [row for row in found.put if row[ID] not in skip and shown.get(row[ID]) != row]
        editor.versions.update({k: v for k, v in found.versions.items() if k not in skip})
        if not gone and not put:
            return 0
        self.refreshes += 1
        if len(gone) + len(put) > MANY and not skip:
            view = editor.view
            place = view.top_offset()
            editor.reload()
            view.scroll_to_top(place)
            return len(gone) + len(put)
        selected = editor.selected[ID] if editor.selected is not None else None
        for span_id in gone:
            editor.span_gone(doc, span_id)
        for row in put:
            editor.span_put(doc, row, found.versions.get(row[ID]), select=row[ID] == selected)
        return len(gone) + len(put)


class Difference:
    """Between what a window shows and what was read: ``gone`` ids, ``put`` rows (new or changed),
    ``versions`` that moved (id -> version)."""

    def __init__(self, gone: list[int], put: list[tuple], versions: dict[int, int]) -> None:
        self.gone, self.put, self.versions = gone, put, versions


def difference(shown: dict[int, tuple], known: dict[int, int], rows, versions: dict[int, int]) -> Difference:
    """What differs between ``shown`` (id -> row, a window's index) with its ``known`` versions and
    the ``rows`` and ``versions`` read. Pure Python, no Qt: the team watch runs it on its worker
    against the window's live dicts (50,000 spans: 60 ms measured here at load 9, kept off the window's thread);
    a dict changed meanwhile raises RuntimeError there, and the watch asks again."""
    new = {row[ID]: tuple(row) for row in rows}
    gone = [span_id for span_id in list(shown) if span_id not in new]
    put = [row for span_id, row in new.items() if shown.get(span_id) != row]
    moved = {span_id: v for span_id, v in versions.items() if known.get(span_id) != v}
    return Difference(gone, put, moved)


def attach(window) -> WindowSync:
    return WindowSync(window)
