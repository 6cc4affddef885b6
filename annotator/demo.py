"""The bundled demo project: openly licensed Arabic text from ``resources/demo``.

Created on first use in the user's data folder, so ``make run`` opens something real to annotate.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from annotator.core.text import decode_text
from annotator.paths import resource_path

DEMO_CODER = "demo"


def user_data_dir() -> Path:
    """Where the app keeps its own files (the demo project, logs)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "arabic-annotator"


def demo_texts() -> list[tuple[str, str]]:
    """(title, text) of each demo document, in order."""
    folder = resource_path("demo")
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    return [(item["title"], decode_text((folder / item["file"]).read_bytes(), item["file"])) for item in index]


def demo_path(folder: Path | None = None) -> Path:
    """Where the demo project is (or will be made): no store imported to say it."""
    return (folder or user_data_dir()) / "demo.annot"


def ensure_demo_project(folder: Path | None = None) -> Path:
    """The demo project's path, creating it from the bundled texts if it does not exist yet."""
    folder = folder or user_data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "demo.annot"
    if path.exists():
        return path
    tmp = folder / "demo.annot.new"
    if tmp.exists():
        tmp.unlink()
    from annotator.store import Project

    with Project.create(tmp, coder=DEMO_CODER) as project:
        with project.transaction() as tx:
            for title, text in demo_texts():
                tx.add_document(title, text, meta={"source": "see ATTRIBUTION.md in the demo resources"})
    os.replace(tmp, path)
    return path
