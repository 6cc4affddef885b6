"""The first window of a launch (issue 21): "Opening NAME…" where the main window will be, shown
before the project is opened, so that the app answers within a second of a launch while it imports
the store (SQLAlchemy) and opens the file. Qt and this module only: nothing here imports the store."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QProgressBar, QVBoxLayout, QWidget

from annotator.ui import settings
from annotator.ui.bidi import isolate


def shown_name(where) -> str:
    """A project's name for the opening window: the file's name, or a server URL without its
    password (``scheme://user@host/db``)."""
    text = str(where)
    if "://" in text:
        scheme, _, rest = text.partition("://")
        who, at, place = rest.rpartition("@")
        user = who.partition(":")[0]
        return f"{scheme}://{user}{at}{place}" if at else f"{scheme}://{rest}"
    return text.replace("\\", "/").rsplit("/", 1)[-1]


class OpeningWindow(QMainWindow):
    """Where the main window will be (the saved geometry), saying what is being opened."""

    painted = Signal()  # after the first paint: the launch goes on to open the project

    def __init__(self, where) -> None:
        super().__init__()
        self.setObjectName("OpeningWindow")
        name = shown_name(where)
        self.setWindowTitle(self.tr("Opening {0}… — Arabic Annotator").format(name))
        self.message = QLabel(self.tr("Opening {0}…").format(isolate(name)))
        self.message.setAlignment(Qt.AlignCenter)
        self.message.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy: no fraction is known
        self.bar.setFixedWidth(280)
        self.bar.setTextVisible(False)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addStretch(1)
        layout.addWidget(self.message)
        layout.addWidget(self.bar, 0, Qt.AlignHCenter)
        layout.addStretch(1)
        self.setCentralWidget(central)
        self.resize(1280, 800)
        geometry = settings.settings().value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self._seen = False

    def say(self, text: str) -> None:
        self.message.setText(text)

    def paintEvent(self, event) -> None:  # noqa: N802
        super().paintEvent(event)
        if not self._seen:
            self._seen = True
            QTimer.singleShot(0, self.painted.emit)  # once this paint is on the screen
