"""A window on a team project (PostgreSQL) stays current: every few seconds it asks the server for
a small change marker (``Project.change_marker``); when another coder changed labels, settings,
statuses or the spans of the open document, the project announces it through its ordinary
``Change`` notices and the window redraws as after its own edits. The team's progress shows in
the status bar. When the server cannot be reached, a banner says so and the polling goes on until
it answers again; nothing that was reported saved is lost (each save committed before it said so).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel

from annotator.core.changes import Change
from annotator.core.errors import AnnotatorError

log = logging.getLogger(__name__)
POLL_MS = 3000


class TeamWatch(QObject):
    def __init__(self, window, interval_ms: int = POLL_MS) -> None:
        super().__init__(window)
        self.window = window
        self.project = window.project
        self.banner = QLabel(window)
        self.banner.setObjectName("connection-banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #b3261e; color: white; padding: 6px; font-weight: bold;")
        self.banner.hide()
        window.statusBar().insertWidget(0, self.banner, 1)
        self.progress_label = QLabel(window)
        window.statusBar().addPermanentWidget(self.progress_label)
        self._last: tuple | None = None
        self._doc: int | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        self.timer.start()
        self.poll()

    @property
    def offline(self) -> bool:
        return self.banner.isVisible()

    def poll(self) -> None:
        doc = self.window.editor.doc_id
        try:
            marker = self.project.change_marker(doc)
            progress = self.project.progress()
        except AnnotatorError as exc:
            log.info("team project unreachable: %s", exc)
            self.banner.setText(self.tr("The connection to the team server is lost; trying again every few "
                                        "seconds. Everything shown as saved is on the server; changes made "
                                        "meanwhile are kept and saved when it is back."))
            self.banner.show()
            return
        if self.banner.isVisible():
            self.banner.hide()
            self.window.statusBar().showMessage(self.tr("Connected to the team server again"), 6000)
        if len(self.window.editor.saves):  # changes kept while it was away: save them now, in order
            self.window.editor.saves.retry_now()
        self._show_progress(progress)
        if self._last is not None and doc == self._doc and marker != self._last:
            self.project.announce(self._changes(self._last, marker, doc))
        self._last, self._doc = marker, doc

    @staticmethod
    def _changes(old: tuple, new: tuple, doc: int | None) -> list[Change]:
        changed = [a != b for a, b in zip(old, new)] + [False] * 7
        labels, settings, statuses, spans = changed[:4]
        types, relations, doc_labels = changed[4:7]  # schema 4's marker (issue 16)
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
            out.append(Change("span", doc))  # no ranges: the whole document is read again
        return out

    def _show_progress(self, progress: dict[str, dict[str, int]]) -> None:
        parts = [self.tr("{0} {1} done").format(name, counts["done"]) for name, counts in progress.items()]
        self.progress_label.setText(self.tr("Team: {0}").format(", ".join(parts[:4]) + (" …" if len(parts) > 4 else "")))
        self.progress_label.setToolTip("\n".join(
            self.tr("{0}: {1} done, {2} in progress").format(n, c["done"], c["in_progress"]) for n, c in progress.items()))
