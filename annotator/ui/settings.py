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


def dock_state_key(right_to_left: bool) -> str:
    """Where the window's dock layout is kept: one per interface direction. The docks are placed
    mirrored in a right-to-left interface, so a layout saved in English, restored in Arabic, put the
    document list back on the left (and the other way round)."""
    return "window/state-rtl" if right_to_left else "window/state-ltr"


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


def snap_to_words() -> bool:
    """Drags, double-clicks and Ctrl+Shift+arrows take whole words (Edit > Preferences)."""
    return settings().value("view/snap_to_words", True, type=bool)


def set_snap_to_words(value: bool) -> None:
    settings().setValue("view/snap_to_words", bool(value))


def _place_key(project, coder: str) -> str:
    """``project``: a file path, or a server project's display address (``Project.where``)."""
    import hashlib

    where = str(Path(project).resolve()) if isinstance(project, Path) else str(project)
    digest = hashlib.sha256(f"{where}\0{coder}".encode("utf-8")).hexdigest()[:16]
    return f"places/{digest}"


def last_place(project, coder: str) -> tuple[int, int] | None:
    """Where this coder left this project (its file, or a server's address): ``(document id, offset of
    the first line shown)``."""
    value = settings().value(_place_key(project, coder), "")
    try:
        doc_id, offset = (int(part) for part in str(value).split(","))
    except ValueError:
        return None
    return (doc_id, offset) if doc_id >= 0 and offset >= 0 else None


def set_last_place(project, coder: str, doc_id: int, offset: int) -> None:
    settings().setValue(_place_key(project, coder), f"{int(doc_id)},{int(offset)}")
