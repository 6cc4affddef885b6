"""The bundled fonts, registered once per process."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

from annotator.paths import resource_path

_loaded: list[str] = []

ARABIC_TEXT_FAMILIES = ["Noto Naskh Arabic", "Noto Sans"]  # Naskh lacks Latin: pair it with Noto Sans
UI_FAMILIES = ["Noto Sans", "Noto Sans Arabic"]


def load_fonts() -> list[str]:
    """Register the bundled fonts with Qt; returns the families found."""
    if _loaded:
        return _loaded
    folder = resource_path("fonts")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".ttf"):
            font_id = QFontDatabase.addApplicationFontFromData(entry.read_bytes())
            if font_id >= 0:
                _loaded.extend(QFontDatabase.applicationFontFamilies(font_id))
    return _loaded


def text_font(point_size: float = 14.0) -> QFont:
    font = QFont()
    font.setFamilies(ARABIC_TEXT_FAMILIES)
    font.setPointSizeF(point_size)
    return font


def ui_font(point_size: float = 10.0) -> QFont:
    font = QFont()
    font.setFamilies(UI_FAMILIES)
    font.setPointSizeF(point_size)
    return font
