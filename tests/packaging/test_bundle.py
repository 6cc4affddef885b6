"""The PyInstaller bundle works on its own: no virtual environment, no Python on PATH.

Run by `make bundle-test` (after `make bundle`), not by `make test`: building takes a while.
"""

import os
import subprocess
from pathlib import Path

import pytest

from annotator.paths import resource_path

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "arabic-annotator" / "arabic-annotator"
DEMO = resource_path("demo")

pytestmark = pytest.mark.bundle


def run(*argv, cwd):
    env = {"HOME": str(cwd), "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"}
    return subprocess.run([str(BUNDLE), *map(str, argv)], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)


def test_bundle_exists():
    assert BUNDLE.exists(), "run `make bundle` first"
    assert os.access(BUNDLE, os.X_OK)


def test_bundled_program_creates_imports_and_renders_arabic(tmp_path):
    assert run("--version", cwd=tmp_path).stdout.startswith("annotator ")
    assert run("new", "p.annot", "--coder", "test", cwd=tmp_path).returncode == 0
    result = run("import", "p.annot", DEMO, cwd=tmp_path)
    assert result.returncode == 0 and "imported 4 document(s)" in result.stderr
    shot = tmp_path / "shot.png"
    result = run("screenshot", "p.annot", "-o", shot, "--size", "1000x700", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1000, 700)
    # Text was drawn: many dark pixels on the right half, where right-aligned Arabic lines start.
    dark = sum(1 for x in range(500, 1000, 3) for y in range(0, 700, 3) if image.pixelColor(x, y).lightness() < 90)
    assert dark > 300
    shot.replace(ROOT / "dist" / "bundle-screenshot.png")  # for a person to look at
