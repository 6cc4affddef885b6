"""What the window remembers between sessions (QSettings): recent projects, the coder's name,
zoom, window geometry. Tests point QSettings at a temporary folder (tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

RECENT_MAX = 8


def settings() -> QSettings:
    return QSettings()


def recent_projects() -> list[str]:
    value = settings().value("recent/projects", [])
    if isinstance(value, str):
        value = [value]
    return [p for p in (value or []) if p]


def add_recent(path: str | Path) -> list[str]:
    path = str(Path(path).resolve())
    items = [path] + [p for p in recent_projects() if p != path]
    settings().setValue("recent/projects", items[:RECENT_MAX])
    return items[:RECENT_MAX]


def remembered_coder() -> str | None:
    value = settings().value("coder/name", "")
    return str(value) if value else None


def remember_coder(name: str) -> None:
    settings().setValue("coder/name", name)


def zoom(default: float) -> float:
    try:
        return float(settings().value("view/point_size", default))
    except (TypeError, ValueError):
        return default


def set_zoom(size: float) -> None:
    settings().setValue("view/point_size", float(size))


def show_others() -> bool:
    return settings().value("view/show_others", False, type=bool)


def set_show_others(value: bool) -> None:
    settings().setValue("view/show_others", bool(value))
