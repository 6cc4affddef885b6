"""Plain text: one document per file, title from the file name, text decoded as UTF-8 with line
endings normalised (see ``annotator.core.text``)."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from annotator.core.errors import InputError
from annotator.core.text import decode_text
from annotator.formats.records import MAX_DOCUMENT_BYTES, check_input_file
from annotator.formats.registry import DocumentRecord, ImportOptions, importer

MAX_TEXT_BYTES = MAX_DOCUMENT_BYTES  # the one rule for every importer (records.py)


@importer("txt", (".txt", ".text"), "plain text, one document per file")
def read_txt(path: Path, options: ImportOptions) -> Iterator[DocumentRecord]:
    check_input_file(path)
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise InputError(f"the file is {size / 2**20:.0f} MB; documents over {MAX_TEXT_BYTES // 2**20} MB "
                         "are refused (split it into smaller files)", str(path))
    data = path.read_bytes()
    if not data.strip():
        options.warn(f"{path}: empty file, skipped")
        return
    text = decode_text(data, str(path), options.encoding)
    yield DocumentRecord(title=path.stem, text=text, source=str(path), meta={"source_file": path.name})
