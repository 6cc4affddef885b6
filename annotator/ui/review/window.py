"""The review (adjudication) window: one document at a time, every coder's spans as lanes under
the text, the gold layer as filled highlights on top, editable; see docs/review.md."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow

from annotator.core.errors import ProjectError
from annotator.ui import settings
from annotator.ui.annotate.document_view import DEFAULT_POINT_SIZE
from annotator.ui.annotate.panels import shown_title
from annotator.ui.bidi import anchored, isolate
from annotator.ui.review.agreed_panel import attach as attach_agreed
from annotator.ui.review.controller import ReviewController
from annotator.ui.review.gold_arcs import attach as attach_arcs
from annotator.ui.review.panel import ReviewDocuments, ReviewPanel
from annotator.ui.review.view import ReviewView
from annotator.ui.screen_fit import fit_to_screen


def compared_coders(project, names: list[str] | None):
    available = {c.name: c for c in project.coders(include_gold=False)}
    if names:
        unknown = [n for n in names if n not in available]
        if unknown:
            raise ProjectError(f"unknown coder(s) {', '.join(unknown)} (the project has: {', '.join(available) or 'none'})")
        return [available[n] for n in names]
    return list(available.values())


class ReviewWindow(QMainWindow):
    def __init__(self, project, adjudicator: str, coders: list[str] | None = None, *, doc_id: int | None = None) -> None:
        super().__init__()
        self.project = project
        self.setObjectName("ReviewWindow")
        self.setWindowTitle(self.tr("{0} — review as {1} — Arabic Annotator").format(project.name, adjudicator))
        self.view = ReviewView()
        self.view.snap_to_words = settings.snap_to_words()  # the preference, as in the annotation window
        self.view.set_point_size(DEFAULT_POINT_SIZE)
        self.setCentralWidget(self.view)
        self.panel = ReviewPanel()
        self.documents = ReviewDocuments()
        docks = []
        # Dock areas are not mirrored by Qt: in a right-to-left interface the documents go on the right.
        start, end = ((Qt.RightDockWidgetArea, Qt.LeftDockWidgetArea) if self.isRightToLeft()
                      else (Qt.LeftDockWidgetArea, Qt.RightDockWidgetArea))
        for widget, key, title, area in ((self.documents, "Documents", self.tr("Documents"), start),
                                         (self.panel, "Adjudication", self.tr("Adjudication"), end)):
            dock = QDockWidget(title, self)
            docks.append(dock)
            dock.setObjectName(f"dock-review-{key}")
            dock.setWidget(widget)
            dock.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetFloatable)
            self.addDockWidget(area, dock)
        self.controller = ReviewController(project, adjudicator, compared_coders(project, coders), self.view, self)
        c = self.controller
        self.panel.set_coders([coder.name for coder in c.coders])
        self.documents.populate(c.docs, c.titles)
        self._who = QLabel(self.tr("Adjudicator: <b>{0}</b>").format(escape(isolate(adjudicator))))
        self.statusBar().addPermanentWidget(self._who)
        c.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        c.changed.connect(self._refresh)
        self.documents.chosen.connect(c.open_document)
        self.panel.chosen.connect(c.jump)
        self.panel.acceptRequested.connect(lambda cand: c.accept(cand))
        self.panel.rejectRequested.connect(lambda cand: c.reject(cand))
        self.panel.nextRequested.connect(c.next_open)
        self.panel.adjudicateRequested.connect(c.mark_adjudicated)
        self.agreed = attach_agreed(self)  # agreed relations and attribute values (issue 16)
        self.arcs = attach_arcs(self)  # the gold layer's relations over the text, the chosen agreed one dashed
        self._actions()
        size = fit_to_screen(self, 1400, 900)  # the status bar (where a drawn span is confirmed) stays on screen
        self.resizeDocks(docks, [min(230, size.width() // 6), min(440, size.width() // 3)], Qt.Horizontal)
        if c.docs:
            first = doc_id if doc_id in c.docs else next((d for d in c.docs if c.open_counts.get(d)), c.docs[0])
            c.open_document(first)

    def _actions(self) -> None:
        c = self.controller
        menu = self.menuBar().addMenu(self.tr("&Review"))
        undo = c.stack.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcut(QKeySequence.Undo)
        redo = c.stack.createRedoAction(self, self.tr("&Redo"))
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence.Redo])
        adjudicated = QAction(self.tr("Mark &adjudicated / reopen"), self)
        adjudicated.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        adjudicated.triggered.connect(c.mark_adjudicated)
        nxt = QAction(self.tr("&Next open disagreement (N)"), self)
        nxt.triggered.connect(c.next_open)
        clitics = QAction(self.tr("Proclitics &Off / On (و ف ب ك ل س ال)"), self)  # the annotation window's key and rule
        clitics.setShortcut(QKeySequence("Ctrl+Shift+C"))
        clitics.triggered.connect(c.toggle_clitics)
        agreed = QAction(self.tr("Go to A&greed Relations and Attributes"), self)  # then Enter accepts, Escape returns
        agreed.setShortcut(QKeySequence("Ctrl+Shift+A"))
        agreed.triggered.connect(self.agreed.focus_list)
        arcs = QAction(self.tr("Show Relations Over the &Text"), self)
        arcs.setShortcut(QKeySequence("Ctrl+Shift+L"))  # as in the annotation window
        arcs.setCheckable(True)
        arcs.setChecked(True)
        arcs.toggled.connect(self.arcs.set_shown)
        for action in (undo, redo, adjudicated, nxt, clitics, agreed, arcs):
            action.setShortcutContext(Qt.WindowShortcut)
            menu.addAction(action)
            self.addAction(action)
        self.undo_action, self.redo_action, self.adjudicated_action = undo, redo, adjudicated
        self.agreed_action, self.arcs_action = agreed, arcs

    def _refresh(self) -> None:
        c = self.controller
        if c.doc_id is None:
            return
        colors = {label.name: label.color for label in c.schema}
        self.panel.show_candidates(c.text, c.review.open, colors, c.current, c.review.agreed)
        self.panel.progress.setText(c.progress())
        title = escape(isolate(shown_title(c.titles.get(c.doc_id, ""))))
        self.panel.state.setText(anchored(f"<b>{title}</b> — " + (self.tr("adjudicated") if c.review.adjudicated
                                                                  else self.tr("not adjudicated")), self.isRightToLeft()))
        self.documents.update_counts(c.open_counts, c.adjudicated, c.doc_id)

    def closeEvent(self, event) -> None:  # noqa: N802
        super().closeEvent(event)
