"""Whole-file JSON documents (Label Studio exports, spaCy-free configs): read with a size bound and
the shared hostile-input checks; a syntax error names its line and column."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError

MAX_JSON_BYTES = 512 * 1024 * 1024  # a whole export read at once: tasks with their texts


def load_json_text(text: str, source: str, line: int | None = None) -> Any:
    try:
        from annotator.formats.records import load_json  # the hardened loader (deep nesting, NaN, surrogates)
    except ImportError:
        load_json = None
    if load_json is not None:
        return load_json(text, source, line)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg}", source, line=exc.lineno if line is None else line,
                         column=exc.colno) from None
    except (RecursionError, ValueError) as exc:
        raise InputError(f"invalid JSON: {type(exc).__name__}", source, line=line) from None


def load_json_file(path: Path) -> Any:
    source = str(path)
    size = path.stat().st_size
    if size > MAX_JSON_BYTES:
        raise InputError(f"the file is {size / 2**20:.0f} MB; JSON files over {MAX_JSON_BYTES // 2**20} MB are "
                         "refused", source)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InputError("not valid UTF-8; save the file as UTF-8", source, line=line, byte_offset=exc.start) from None
    try:
        return load_json_text(text, source)
    except InputError as exc:
        if exc.line is None and "invalid JSON" in exc.reason:
            try:
                json.loads(text)
            except json.JSONDecodeError as inner:
                raise InputError(f"invalid JSON: {inner.msg}", source, line=inner.lineno, column=inner.colno) from None
        raise
