"""Run by tests/ui/test_desktop_keys.py under a real X server with a window manager: the main window
on a small project, with an application-wide filter that records every key that reaches the program
and swallows it (so no action runs). The Pause key prints what was recorded and quits."""

import json
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence

from annotator.store import Project
from annotator.ui.app import make_app
from annotator.ui.main_window import MainWindow


class Recorder(QObject):
    def __init__(self, app) -> None:
        super().__init__()
        self.app, self.seen = app, []

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() == QEvent.ShortcutOverride:
            event.accept()  # no shortcut fires: the key press comes next
            return True
        if event.type() == QEvent.KeyPress and not event.isAutoRepeat():
            if event.key() == Qt.Key_Pause:
                print(json.dumps(self.seen), flush=True)
                self.app.quit()
                return True
            if event.key() not in (Qt.Key_Shift, Qt.Key_Control, Qt.Key_Alt, Qt.Key_Meta):
                mods = event.modifiers() & ~Qt.KeypadModifier
                self.seen.append(QKeySequence(event.keyCombination().key().value | mods.value).toString(
                    QKeySequence.PortableText))
            return True
        return False


def main() -> None:
    app = make_app(language="en")
    folder = Path(tempfile.mkdtemp())
    project = Project.create(folder / "keys.annot", coder="rana")
    project.add_document("doc", "قال المدرب إن النتيجة عادلة في ملعب دمشق الكبير أمس")
    window = MainWindow(project, project.coder("rana"), restore=False)
    window.setWindowTitle("desktop-keys-check")
    shortcuts = sorted({s.toString(QKeySequence.PortableText) for a in window.actions_.values()
                        for s in a.shortcuts() if not s.isEmpty()})
    recorder = Recorder(app)
    app.installEventFilter(recorder)
    window.show()
    window.activateWindow()
    print(json.dumps({"ready": True, "shortcuts": shortcuts}), flush=True)
    app.exec()
    window.close()


if __name__ == "__main__":
    sys.exit(main())
