"""A window on a team project (PostgreSQL) stays current: every few seconds it asks the server for
a small change marker (``Project.change_marker``); when another coder changed labels, settings,
statuses or the spans of the open document, the project announces it through its ordinary
``Change`` notices and the window redraws as after its own edits (the spans: only those that
differ, ``window_sync``). The team's progress shows in the status bar. When the server cannot be
reached, a banner says so and the polling goes on until it answers again; nothing that was
reported saved is lost (each save committed before it said so).

Every question to the server is asked by a worker thread, never by the window's: a server whose
host drops packets makes a connection attempt wait up to its connect timeout (10 s), and the
window must stay responsive meanwhile (typing, scrolling, adding spans, which wait in the save
queue). The worker is a plain daemon thread that touches nothing of Qt: it takes jobs from one
queue and puts their results in another, which the window empties with a timer while a job runs.
(A connection attempt cannot be interrupted; a QThread still running when its window is
destroyed would abort the process, a daemon thread that outlives its window does no harm.)
"""

from __future__ import annotations

import logging
import queue
import threading

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QLabel, QSizePolicy, QToolBar

from annotator.core.changes import Change
from annotator.core.errors import AnnotatorError
from annotator.ui.annotate.window_sync import difference

log = logging.getLogger(__name__)
POLL_MS = 3000
DRAIN_MS = 40
# A question unanswered this long (they take milliseconds, a large document's first read a second or
# two on a loaded machine): the host may have gone silent, and a save or read from the window's thread
# would wait for the connect timeout (10 s); changes wait in the queue and reads fail at once meanwhile.
SLOW_MS = 4000


class Worker:
    """One daemon thread running ``submit``-ted callables in order; ``results()`` gives back
    ``(job, value, error)`` of those that ended."""

    def __init__(self, name: str = "team-server") -> None:
        self._jobs: queue.Queue = queue.Queue()
        self._done: queue.Queue = queue.Queue()
        self.thread = threading.Thread(target=self._run, name=name, daemon=True)
        self.thread.start()

    def submit(self, job) -> None:
        self._jobs.put(job)

    def stop(self) -> None:
        self._jobs.put(None)

    def results(self) -> list[tuple]:
        out = []
        while True:
            try:
                out.append(self._done.get_nowait())
            except queue.Empty:
                return out

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            try:
                self._done.put((job, job(), None))
            except BaseException as exc:  # noqa: BLE001 - reported on the window's thread
                self._done.put((job, None, exc))


class _Poll:
    """One question to the server: the marker and progress, and (when the open document's spans
    changed since ``last``) its span rows and versions, read in one go for ``window_sync``."""

    def __init__(self, project, doc: int | None, coder_id: int | None, last: tuple | None, generation: int,
                 shown: dict, known: dict) -> None:
        self.project, self.doc, self.coder_id, self.last = project, doc, coder_id, last
        self.generation = generation  # the window's own span changes so far (window_sync)
        self.shown, self.known = shown, known  # the window's index and versions, compared on the worker

    def __call__(self):
        return self.project.probe(self._read)  # asked even while the server is known to be away

    def _read(self, project):
        marker = project.change_marker(self.doc)
        progress = project.progress()
        found = None
        # rows when the document's part moved, and at the first question about a document (what the
        # window shows was read before this marker: a change in between would go unseen)
        if self.doc is not None and (self.last is None or marker[3] != self.last[3]):
            versions: dict[int, int] = {}
            rows = project.span_rows(self.doc, self.coder_id, versions=versions)  # one snapshot of both
            try:
                found = difference(self.shown, self.known, rows, versions)
            except RuntimeError:  # the window changed its spans meanwhile: its generation says so too
                found = None
        return marker, progress, found


class TeamWatch(QObject):
    def __init__(self, window, interval_ms: int = POLL_MS) -> None:
        super().__init__(window)
        self.window = window
        self.project = window.project
        self.banner = QLabel(window)
        self.banner.setObjectName("connection-banner")
        self.banner.setStyleSheet("background: #b3261e; color: white; padding: 6px; font-weight: bold;")
        self.banner.setMinimumWidth(1)  # never widens the window
        self.banner.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        # across the top of the window, under the menus (a status message must not hide it)
        self.bar = QToolBar(self.tr("Connection"), window)
        self.bar.setObjectName("connection-banner-bar")
        self.bar.setMovable(False)
        self.bar.setFloatable(False)
        self.bar.toggleViewAction().setVisible(False)
        self.bar.addWidget(self.banner)
        window.addToolBar(Qt.TopToolBarArea, self.bar)
        self.bar.hide()
        self.progress_label = QLabel(window)
        window.statusBar().addPermanentWidget(self.progress_label)
        self._last: tuple | None = None
        self._doc: int | None = None
        self.worker = Worker()
        self._asked: _Poll | None = None  # the poll the worker is answering (one at a time)
        self._again = False  # asked for another poll while one was running
        self.drain = QTimer(self)
        self.drain.setInterval(DRAIN_MS)
        self.drain.timeout.connect(self._collect)
        self.slow = QTimer(self)
        self.slow.setSingleShot(True)
        self.slow.setInterval(SLOW_MS)
        self.slow.timeout.connect(self._slow)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        self.timer.start()
        saves = window.editor.saves
        saves.probe = self.poll  # the save queue's retries ask the server through this watch
        saves.changed.connect(self._banner_text)
        self.project.watch_server()  # known away: the window's own reads fail at once, never wait
        window.installEventFilter(self)
        self.poll()

    @property
    def offline(self) -> bool:
        return not self.bar.isHidden()

    @property
    def busy(self) -> bool:
        """A question to the server is on its way (the worker may be waiting for it)."""
        return self._asked is not None

    def poll(self) -> None:
        """Ask the server (on the worker); the answer comes back to ``_answered`` or ``_failed``."""
        if self._asked is not None:
            self._again = True
            return
        editor = self.window.editor
        doc = editor.doc_id
        coder = None if editor.show_others else editor.coder.id
        self._asked = _Poll(self.project, doc, coder, self._last if doc == self._doc else None,
                            self.window.sync.generation, editor.index.spans, editor.versions)
        self._asked.epoch = editor.saves.epoch
        self.worker.submit(self._asked)
        self.drain.start()
        self.slow.start()

    def _slow(self) -> None:
        if self._asked is not None:
            self.project.seems_away()  # the window's own reads fail at once too, instead of waiting
            self.window.editor.saves.server_slow()

    def _collect(self) -> None:
        for job, value, error in self.worker.results():
            if job is not self._asked:
                continue
            self._asked = None
            self.drain.stop()
            self.slow.stop()
            if error is None:
                self._answered(job, *value)
            elif isinstance(error, AnnotatorError):
                self._failed(error)
            else:  # not the server's words: still no traceback in the window, but in the log
                log.warning("team poll failed: %r", error)
                self._failed(error)
        if self._again and self._asked is None:
            self._again = False
            self.poll()

    def _failed(self, exc: BaseException) -> None:
        log.info("team project unreachable: %s", exc)
        self.bar.show()
        self.window.editor.saves.server_away(exc)
        self._banner_text()

    def _banner_text(self) -> None:
        if self.bar.isHidden():
            return
        text = self.tr("The connection to the team server is lost; trying again every few seconds. Everything "
                       "shown as saved is on the server.")
        waiting = len(self.window.editor.saves)
        if waiting:
            text += " " + self.tr("%n change(s) made meanwhile wait, drawn hatched, and are saved when it is "
                                  "back.", "", waiting)
        self.banner.setText(text)
        self.banner.setToolTip(self.tr("The connection to the team server is lost; the window keeps trying. Everything "
                                       "shown as saved is on the server; changes made meanwhile are kept, drawn "
                                       "hatched, and saved in order when it is back."))

    def _answered(self, job: _Poll, marker, progress, found) -> None:
        editor = self.window.editor
        if job.epoch != editor.saves.epoch:  # asked before the window's thread found the server away
            self.poll()
            return
        if not self.bar.isHidden():
            self.bar.hide()
            self.window.statusBar().showMessage(self.tr("Connected to the team server again"), 6000)
        kept = len(editor.saves)
        editor.saves.server_back()  # changes kept while it was away are saved now, in order
        self._show_progress(progress)
        doc = job.doc
        unread = doc is not None and found is None and (job.last is None or marker[3] != job.last[3])  # compare failed
        if (editor.doc_id != doc or kept or job.generation != self.window.sync.generation or unread
                or job.shown is not editor.index.spans):
            # another document was opened (or this one read again) meanwhile, or this window saved
            # spans since the rows were read: they are not the latest; ask again (the marker is kept,
            # so the rows are read again)
            if editor.doc_id != doc:
                self._last, self._doc = None, None
            self.poll()
            return
        if self._last is not None and doc == self._doc and marker != self._last:
            changes = self._changes(self._last, marker, doc)
            self.project.announce([c for c in changes if c.kind != "span"])
        if found is not None:
            self.window.sync.apply_difference(found)  # only the spans that differ are redrawn
        self._last, self._doc = marker, doc

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if obj is self.window and event.type() == QEvent.Close:
            self.stop()
        return False

    def stop(self) -> None:
        """The window closes: no more polls; the worker ends after the question it is answering."""
        self.timer.stop()
        self.drain.stop()
        self.slow.stop()
        self.worker.stop()

    @staticmethod
    def _changes(old: tuple, new: tuple, doc: int | None) -> list[Change]:
        # the marker's parts (TeamReads.change_marker): labels (2 numbers) and relation types (2);
        # settings; statuses; the document's spans (4), relations (3) and document labels (3)
        labels, types = old[0][:2] != new[0][:2], old[0][2:] != new[0][2:]
        settings, statuses = old[1] != new[1], old[2] != new[2]
        spans, relations, doc_labels = (old[3][i:j] != new[3][i:j] for i, j in ((0, 4), (4, 7), (7, 10)))
        out = []
        if types:
            out.append(Change("relation_type"))
        if relations and doc is not None:
            out.append(Change("relation", doc))
        if doc_labels and doc is not None:
            out.append(Change("doc_labels", doc))
        if labels:
            out.append(Change("label"))
        if settings:
            out.append(Change("settings"))
        if statuses:
            out.append(Change("status", doc))
        if spans and doc is not None:
            out.append(Change("span", doc))  # the rows come with the answer (window_sync)
        return out

    def _show_progress(self, progress: dict[str, dict[str, int]]) -> None:
        parts = [self.tr("{0} {1} done").format(name, counts["done"]) for name, counts in progress.items()]
        self.progress_label.setText(self.tr("Team: {0}").format(", ".join(parts[:4]) + (" …" if len(parts) > 4 else "")))
        self.progress_label.setToolTip("\n".join(
            self.tr("{0}: {1} done, {2} in progress").format(n, c["done"], c["in_progress"]) for n, c in progress.items()))
