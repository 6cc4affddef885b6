"""Helpers shared by the format tests (a module name no other test folder uses)."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.formats.exporting import ExportOptions, export_project
from annotator.formats.importing import import_files
from annotator.formats.registry import ImportOptions


def do_import(project, paths, fmt="auto", **options):
    options.setdefault("add_labels", True)
    return import_files(project, [paths] if not isinstance(paths, list) else paths, fmt, ImportOptions(**options))


def do_export(project, out, fmt="jsonl", **options):
    options.setdefault("status", "all")
    return export_project(project, out, fmt, ExportOptions(**options))


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]
