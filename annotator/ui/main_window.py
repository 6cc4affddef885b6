"""The main window: document list, document view, label palette, span list, status bar, menus."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QDockWidget, QFileDialog, QLabel, QMainWindow, QVBoxLayout, QWidget

from annotator.core.model import Coder, DocStatus
from annotator.store import Project
from annotator.ui import settings
from annotator.ui.annotate.document_view import DEFAULT_POINT_SIZE, DocumentView
from annotator.ui.annotate.editor import Editor
from annotator.ui.suggest.controller import SuggestionController
from annotator.ui.annotate.find_bar import FindBar
from annotator.ui.annotate.layers import attach as attach_layers
from annotator.ui.menus import build_menus
from annotator.ui.team.handoff import watch_backup
from annotator.ui.annotate.document_list import DocumentList
from annotator.ui.annotate.panels import LabelPalette, SpanPanel
from annotator.ui.annotate.status_widgets import CoderProgress, OthersLegend, other_style
from annotator.ui.annotate import window_sync
from annotator.ui.summaries import import_summary

DOCUMENTS_WIDTH = 340
IMPORTABLE = (".txt", ".jsonl", ".json", ".conll", ".ann", ".csv", ".tsv")


class _Bridge(QObject):
    """Store notifications may come from a worker thread: a queued signal brings them home."""

    changed = Signal(object)


class MainWindow(QMainWindow):
    def __init__(self, project: Project, coder: Coder, *, restore: bool = True,
                 open_project: Callable[..., object] | None = None) -> None:
        """``open_project(path, parent=)`` opens another project's window (File > Open, Open Recent;
        ``annotator.ui.windows`` passes its ``open_project_window``); it returns None when nothing opened."""
        super().__init__()
        self.project, self.coder = project, coder
        self._open_project = open_project
        self.setObjectName("MainWindow")
        self.setWindowTitle(self.tr("{0} — {1} — Arabic Annotator").format(project.name, coder.name))
        self.setAcceptDrops(True)
        self.view = DocumentView()
        self.view.setAcceptDrops(False)
        self.find_bar = FindBar(self.view)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.find_bar)
        self.legend = OthersLegend()
        layout.addWidget(self.legend)
        layout.addWidget(self.view)
        self.setCentralWidget(central)
        self.documents = DocumentList()
        self.palette_ = LabelPalette()
        self.spans = SpanPanel()
        # Dock areas are not mirrored by Qt: in a right-to-left interface the document list (read first)
        # goes on the right and the labels and spans on the left.
        start, end = ((Qt.RightDockWidgetArea, Qt.LeftDockWidgetArea) if self.isRightToLeft()
                      else (Qt.LeftDockWidgetArea, Qt.RightDockWidgetArea))
        docks = [self._dock(self.documents, "documents", self.tr("Documents"), start),
                 self._dock(self.palette_, "labels", self.tr("Labels"), end),
                 self._dock(self.spans, "spans", self.tr("Spans"), end)]
        # 340 px for the documents: their titles read whole beside the three narrow columns (at 300,
        # "benchmark document 00001" was cut in the middle; issue 21)
        self.resizeDocks(docks[:1] + docks[2:], [DOCUMENTS_WIDTH, 300], Qt.Horizontal)
        self.resizeDocks(docks[1:], [160, 500], Qt.Vertical)
        self.editor = Editor(project, coder, self.view, self.spans, self)
        self.editor.show_others = settings.show_others()
        self.suggest = SuggestionController(self.editor, self)
        self._coder_label, self._position_label, self._saved_label = QLabel(), QLabel(), QLabel()
        self.progress = CoderProgress()
        for widget in (self.editor.saves.label, self.progress, self._position_label, self._saved_label,
                       self._coder_label):
            self.statusBar().addPermanentWidget(widget)
        self._coder_label.setText(self.tr("Coder: <b>{0}</b>").format(coder.name))
        self._saved_label.setText(self.tr("read-only") if project.readonly else self.tr("saved"))
        if project.readonly:
            self._saved_label.setToolTip(project.read_only_reason or self.tr("opened read-only"))
        self.actions_ = build_menus(self)
        self.layers = attach_layers(self)  # relations, attributes, document labels, guidelines (issue 16)
        self._set_tab_order()
        self.view.set_point_size(settings.zoom(DEFAULT_POINT_SIZE))
        self.view.snap_to_words = settings.snap_to_words()
        self.resize(1280, 800)
        self.runner = None
        self._bridge = _Bridge(self)
        self._bridge.changed.connect(self._on_changes, Qt.QueuedConnection)
        self._unsubscribe = project.subscribe(self._bridge.changed.emit)
        self.sync = window_sync.attach(self)  # other windows' span edits show here (issue 17)
        self.documents.chosen.connect(self.open_document)
        self.palette_.picked.connect(self.editor.apply_label)
        self.editor.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.editor.countsChanged.connect(self._on_counts)
        self.editor.statusChanged.connect(self._on_status)
        self.editor.documentShown.connect(self._on_document_shown)
        self.editor.stack.cleanChanged.connect(lambda _clean: None)
        self.reload_documents()
        self.palette_.populate(self.editor.schema, {})
        if restore:
            self._restore_state()
        watch_backup(self)
        self.open_where_left()
        self.view.setFocus()  # the keys go to the text, not to the document filter
        self.team_watch = None
        if getattr(project, "is_server", False):  # other coders' work shows up without reopening
            from annotator.ui.team.live import TeamWatch
            self.team_watch = TeamWatch(self)

    def _dock(self, widget, key: str, title: str, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{key}")  # saved window state refers to it: never translated
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        return dock

    def _set_tab_order(self) -> None:
        """Tab goes in reading order: the document filter, status filter, list, then the text, the find
        bar when open, and the span list (the label palette is used by its hotkeys, not by Tab)."""
        chain = [self.documents.filter_edit, self.documents.status_filter, self.documents.tree, self.view,
                 self.find_bar.edit, self.spans]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    # -- documents ------------------------------------------------------------------------------
    def reload_documents(self) -> None:
        """The document list from one query of the store (no text read; this coder's queue first);
        span counts are read for the rows the list paints."""
        coder_id = self.coder.id
        rows = self.project.document_list(coder_id)
        self.infos = {row[0]: row for row in rows}
        model = self.documents.model
        model.count_source = (lambda ids: self.project.span_counts_of(coder_id, ids)) if coder_id >= 0 else None
        model.all_counts = (lambda: self.project.span_counts(coder_id)) if coder_id >= 0 else None
        self.documents.populate(rows)
        self.progress.show_statuses(self.documents.ids(), self.documents.statuses)

    def open_first_unfinished(self) -> None:
        order = self.documents.all_order()
        statuses = self.documents.statuses
        first = next((d for d in order if statuses.get(d) != DocStatus.DONE), order[0] if order else None)
        if first is not None:
            self.open_document(first)

    def open_where_left(self) -> None:
        """The document and the line this coder was at when the project was last closed, else the
        first document not done."""
        place = settings.last_place(self._place_of_project(), self.coder.name)
        if place is not None and place[0] in self.infos:
            self.open_document(place[0])
            offset = min(place[1], self.infos[place[0]][2])
            self.view.scroll_to_top(offset)
            QTimer.singleShot(0, lambda: self.view.scroll_to_top(offset))  # again once the window has its size
        else:
            self.open_first_unfinished()

    def open_document(self, doc_id: int) -> None:
        if doc_id != self.editor.doc_id:
            self._remember_place()
            self.editor.open_document(doc_id)

    def _place_of_project(self):
        return self.project.path if self.project.path is not None else self.project.where

    def _remember_place(self) -> None:
        if self.editor.doc_id is not None:
            settings.set_last_place(self._place_of_project(), self.coder.name, self.editor.doc_id, self.view.top_offset())

    def _on_document_shown(self, doc_id: int) -> None:
        self.documents.select(doc_id)
        self._position_label.setText(self.tr("Document {0} of {1}").format(self.documents.place(doc_id),
                                                                             self.documents.count()))
        self.find_bar.document_changed()
        self._show_legend()

    def _show_legend(self) -> None:
        """Name the other coders whose spans the text shows, with their line styles."""
        others = sorted({r[1] for r in self.editor.index.spans.values()} - {self.coder.id}) if self.editor.show_others else []
        styles = {coder_id: other_style(rank) for rank, coder_id in enumerate(others)}
        self.view.highlighter.other_styles = styles
        self.legend.show_coders([(self.editor.coder_names.get(c) or str(c), styles[c]) for c in others])

    def go(self, step: int) -> None:
        order = self.documents.visible_order() or self.documents.all_order()
        if not order:
            return
        current = self.editor.doc_id
        at = order.index(current) if current in order else -1
        target = at + step
        if 0 <= target < len(order):
            self.open_document(order[target])
        else:
            self.statusBar().showMessage(self.tr("No more documents that way"), 4000)

    def next_unfinished(self) -> None:
        order = self.documents.all_order()
        if not order:
            return
        current = self.editor.doc_id
        at = order.index(current) if current in order else -1
        for doc_id in order[at + 1:] + order[:at + 1]:
            if self.documents.statuses.get(doc_id) != DocStatus.DONE and doc_id != current:
                self.open_document(doc_id)
                return
        self.statusBar().showMessage(self.tr("Every other document is done"), 6000)

    def mark_done(self) -> None:
        self.editor.set_status(DocStatus.DONE)
        if self.documents.statuses.get(self.editor.doc_id) == DocStatus.DONE:
            self.next_unfinished()

    # -- updates --------------------------------------------------------------------------------
    def _on_counts(self) -> None:
        self.palette_.set_counts(self.editor.document_counts())
        if self.editor.doc_id is not None:
            self.documents.set_counts(self.editor.doc_id, spans=self.editor.index.count_mine())

    def _on_status(self, doc_id: int) -> None:
        # the open document's status is the editor's (also one waiting for the team server to come back)
        status = self.editor.status if doc_id == self.editor.doc_id else self.project.status(doc_id, self.coder.id)
        self.documents.set_counts(doc_id, status=status)
        self.documents._apply_filter()
        self.progress.show_statuses(self.documents.ids(), self.documents.statuses)

    def _on_changes(self, changes) -> None:
        """After each committed transaction (from this window or a worker): redraw what changed."""
        kinds = {change.kind for change in changes}
        self._saved_label.setText(self.tr("saved {0}").format(time.strftime('%H:%M:%S')))
        if "label" in kinds:
            self.editor.set_schema(self.project.labels())
            self.palette_.populate(self.editor.schema, self.editor.document_counts())
            self.editor.reload()
        if "assignment" in kinds:
            self.reload_documents()
        if "coder" in kinds:
            self.editor.coder_names = {c.id: c.name for c in self.project.coders()}
        if "document" in kinds:
            self.reload_documents()
            if self.editor.doc_id is None or self.editor.doc_id not in self.infos:
                self.open_first_unfinished()
            else:
                self.documents.select(self.editor.doc_id)
        # Spans: window_sync (another window's edits, and bulk changes, which read the document again).

    # -- zoom, other coders ----------------------------------------------------------------------
    def zoom(self, delta: float | None) -> None:
        size = DEFAULT_POINT_SIZE if delta is None else self.view.point_size + delta
        settings.set_zoom(self.view.set_point_size(size))
        self.statusBar().showMessage(self.tr("Text size {0} pt").format(f"{self.view.point_size:g}"), 2000)

    def set_show_others(self, value: bool) -> None:
        settings.set_show_others(value)
        self.editor.show_others = value
        self.editor.reload()

    # -- files ------------------------------------------------------------------------------------
    def import_files(self, paths=None) -> None:
        if self.project.readonly:
            self.statusBar().showMessage(self.tr("Read-only: cannot import"), 6000)
            return
        fmt = "auto"
        if paths is None:
            paths, fmt = self.choose_import_files()
        if not paths:
            return
        from annotator.ui.workers import ImportRunner

        self.runner = ImportRunner(self, self.project, paths, fmt)
        self.runner.done.connect(self._on_imported)
        self.runner.start()

    def choose_import_files(self, dialog=QFileDialog.getOpenFileNames) -> tuple[list[str], str]:
        """The files to import and their format, from a file dialog with one filter per format of the
        registry (the chosen filter is the format; the first one reads each file by its extension)."""
        from annotator.formats.registry import ALL_KNOWN, open_filters

        filters = [(label.replace(ALL_KNOWN, self.tr("All known formats"), 1), fmt) for label, fmt in open_filters()]
        paths, chosen = dialog(self, self.tr("Import files"), str(Path.home()), ";;".join(label for label, _ in filters))
        return paths, dict(filters).get(chosen, "auto")

    def _on_imported(self, report) -> None:
        if report is not None:
            self.statusBar().showMessage(import_summary(report), 10000)

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if _dropped_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:  # noqa: N802
        paths = _dropped_files(event)
        if paths:
            event.acceptProposedAction()
            self.import_files(paths)

    def open_other(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Open project"), str(self.project.path.parent if self.project.path else Path.home()),
                                                  self.tr("Annotation projects (*.annot);;All files (*)"))
        if path and self._open_project is not None:
            if self._open_project(path, parent=self) is not None:
                self.close()

    # -- window state ------------------------------------------------------------------------------
    def _restore_state(self) -> None:
        store = settings.settings()
        geometry, state = store.value("window/geometry"), store.value(settings.dock_state_key(self.isRightToLeft()))
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)

    def closeEvent(self, event) -> None:  # noqa: N802
        self._remember_place()
        store = settings.settings()
        store.setValue("window/geometry", self.saveGeometry())
        store.setValue(settings.dock_state_key(self.isRightToLeft()), self.saveState())
        self._unsubscribe()
        super().closeEvent(event)
        self.project.close()


def _dropped_files(event) -> list[str]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    paths = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
    return [p for p in paths if Path(p).suffix.lower() in IMPORTABLE or Path(p).is_dir()]
