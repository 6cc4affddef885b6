"""No noise from Qt on a user's terminal: the offscreen plugin's capability notices are dropped,
every other Qt message still reaches stderr. Run as the user runs them: child processes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(args: list[str], **env) -> subprocess.CompletedProcess:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", **env)
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=environment, cwd=ROOT,
                          timeout=180)


def test_screenshot_prints_nothing_from_qt(make_project, tmp_path):
    project = make_project({"مقال": "ذهب الطالب إلى المدرسة في دمشق صباحًا."})
    path = project.path
    project.close()
    out = tmp_path / "shot.png"
    result = _run(["-m", "annotator", "screenshot", str(path), "-o", str(out), "--size", "900x600"],
                  XDG_DATA_HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 10_000
    assert "propagateSizeHints" not in result.stderr and "This plugin does not support" not in result.stderr
    assert result.stderr.strip() == "", result.stderr


def test_make_app_filters_qt_noise_and_styles_menus():
    """Other Qt warnings still reach stderr; the menus' style isolates shortcuts (test_bidi_cells.py)."""
    script = """
from annotator.ui.app import make_app
from PySide6.QtCore import qWarning
from PySide6.QtWidgets import QWidget
app = make_app(language="en")
qWarning("This plugin does not support propagateSizeHints()")
qWarning("a real problem: the font file is damaged")
w = QWidget(); w.show(); app.processEvents()
print(type(app.style()).__name__)
"""
    result = _run(["-c", script])
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["BidiStyle"]
    assert "a real problem: the font file is damaged" in result.stderr
    assert "propagateSizeHints" not in result.stderr


def test_the_filter_only_drops_known_notices_of_headless_plugins():
    from annotator.ui.qt_messages import is_noise

    assert is_noise("This plugin does not support propagateSizeHints()", "offscreen")
    assert not is_noise("This plugin does not support propagateSizeHints()", "xcb")  # a real desktop: shown
    assert not is_noise("QFont::setPointSizeF: Point size <= 0 (0.000000), must be greater than 0", "offscreen")
