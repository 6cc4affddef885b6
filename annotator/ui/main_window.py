"""The main window: document list and document view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QMainWindow, QSplitter

from annotator.core.model import Coder, DocStatus
from annotator.store import Project
from annotator.ui.document_view import DocumentView


class MainWindow(QMainWindow):
    def __init__(self, project: Project, coder: Coder) -> None:
        super().__init__()
        self.project = project
        self.coder = coder
        self.setWindowTitle(f"{project.path.name} — Arabic Annotator")
        self.documents = QListWidget()
        self.documents.setLayoutDirection(Qt.RightToLeft)
        self.view = DocumentView()
        splitter = QSplitter()
        splitter.addWidget(self.documents)
        splitter.addWidget(self.view)
        splitter.setStretchFactor(1, 4)
        self.setCentralWidget(splitter)
        self._coder_label = QLabel()
        self.statusBar().addPermanentWidget(self._coder_label)
        self._infos = project.documents()
        for info in self._infos:
            item = QListWidgetItem(f"{info.title}  ·  {info.length:,}")
            item.setData(Qt.UserRole, info.id)
            self.documents.addItem(item)
        self.documents.currentRowChanged.connect(self._on_document_chosen)
        self.resize(1280, 800)
        statuses = project.statuses(coder.id)
        first = next((i for i, info in enumerate(self._infos) if statuses.get(info.id) != DocStatus.DONE), 0)
        if self._infos:
            self.documents.setCurrentRow(first)

    def _on_document_chosen(self, row: int) -> None:
        if row < 0:
            return
        info = self._infos[row]
        self.view.show_text(self.project.document(info.id).text)
        self._coder_label.setText(f"{self.coder.name} · {row + 1} / {len(self._infos)}")
