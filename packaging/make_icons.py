"""Render resources/icons/arabic-annotator.svg to the PNG sizes desktops ask for (run by hand)."""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

HERE = Path(__file__).resolve().parent.parent / "resources" / "icons"
app = QGuiApplication(sys.argv)
renderer = QSvgRenderer(str(HERE / "arabic-annotator.svg"))
for size in (16, 24, 32, 48, 64, 128, 256, 512):
    image = QImage(size, size, QImage.Format_ARGB32)
    image.fill(Qt.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing)
    renderer.render(painter)
    painter.end()
    image.save(str(HERE / f"arabic-annotator-{size}.png"))
print("icons written to", HERE)
