"""A launch shows its first window before it imports the store or opens the project (issue 21),
then the main window in its place; a file that cannot be opened gets the same dialog as before."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

ROOT = Path(__file__).resolve().parents[2]

PROBE = r"""
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

seen = []

class Paints(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and obj.isWidgetType() and obj.isWindow():
            name = obj.objectName()
            if not seen or seen[-1][0] != name:
                heavy = sorted({m.split(".")[0] for m in sys.modules} & {"sqlalchemy", "numpy", "alembic"})
                seen.append((name, heavy, obj.windowTitle()))
            if name == "MainWindow":
                QTimer.singleShot(0, done)
        return False

def done():
    windows = [w.objectName() for w in QApplication.topLevelWidgets() if w.isVisible()]
    print("SEEN " + json.dumps({"seen": seen, "visible": windows}), flush=True)
    QApplication.quit()

real = QApplication.__init__
def init(self, *args):
    real(self, *args)
    self.paints = Paints()
    self.installEventFilter(self.paints)
QApplication.__init__ = init
from annotator.launcher import main
sys.exit(main(sys.argv[1:]))
"""


def test_the_first_window_paints_before_the_store_is_imported(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_DATA_HOME=str(home / ".local"), PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", PROBE, "--demo", "--lang", "en"], env=env, capture_output=True,
                          text=True, timeout=180, cwd=ROOT)
    line = next((x for x in done.stdout.splitlines() if x.startswith("SEEN ")), None)
    assert line is not None, done.stdout[-2000:] + done.stderr[-2000:]
    report = json.loads(line[5:])
    (first, first_heavy, first_title), *later = report["seen"]
    assert first == "OpeningWindow" and first_heavy == [] and "demo.annot" in first_title
    assert later and later[-1][0] == "MainWindow" and "sqlalchemy" in later[-1][1]
    assert report["visible"] == ["MainWindow"]  # the opening window made way


def test_a_refused_file_gets_its_dialog_and_the_app_ends(app, tmp_path, monkeypatch):
    from annotator.launcher import main

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    shown = []

    def critical(parent, title, text, *args):
        opening = [w for w in QApplication.topLevelWidgets() if w.objectName() == "OpeningWindow" and w.isVisible()]
        shown.append((title, text, bool(opening)))
        return QMessageBox.Ok

    monkeypatch.setattr(QMessageBox, "critical", critical)
    bad = tmp_path / "not-a-project.annot"
    bad.write_bytes(b"just some text, not SQLite")
    guard = QTimer(singleShot=True, interval=20000)  # never hang the suite (stopped after: a stray
    guard.timeout.connect(QApplication.quit)          # quit would end a later test's event loop)
    guard.start()
    try:
        assert main([str(bad)]) == 1
    finally:
        guard.stop()
    assert len(shown) == 1
    title, text, over_the_opening_window = shown[0]
    assert title == "Cannot open the project" and "not-a-project.annot" in text and over_the_opening_window
    assert not [w for w in QApplication.topLevelWidgets() if w.objectName() == "OpeningWindow" and w.isVisible()]


def test_pyside_import_hook_reads_no_source_of_modules_that_never_use_qt(monkeypatch):
    import inspect

    import sqlalchemy.sql

    import annotator.store.list_reads
    import annotator.ui.opening
    from annotator.ui.app import quicker_feature_check

    feature = sys.modules.get("shibokensupport.feature")
    assert feature is not None and hasattr(feature, "_mod_uses_pyside")  # PySide6 as this app knows it
    quicker_feature_check()
    assert getattr(feature._mod_uses_pyside, "quicker", False)
    assert not quicker_feature_check()  # once
    read = []
    real = inspect.getsource
    monkeypatch.setattr(inspect, "getsource", lambda module: read.append(module.__name__) or real(module))
    assert feature._mod_uses_pyside(sqlalchemy.sql) is False
    assert feature._mod_uses_pyside(annotator.store.list_reads) is False
    assert feature._mod_uses_pyside(json) is False
    assert read == []
    assert feature._mod_uses_pyside(annotator.ui.opening) is True  # ours with Qt: asked as before
    assert read == ["annotator.ui.opening"]
