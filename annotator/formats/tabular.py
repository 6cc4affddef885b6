"""CSV and TSV: one document per row, with a header row.

The text comes from ``--text-column`` (default: a column named ``text``); an ``id`` column gives the
document id; every other column (``title`` too) is kept in the document's metadata, and ``title``,
when present, also names the document. ``.tsv`` (and ``.tab``) files are tab-separated, the rest
comma-separated. Line breaks in the text become LF, as for plain text.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterator

from annotator.core.errors import InputError
from annotator.core.text import normalize_newlines
from annotator.formats.records import read_lines
from annotator.formats.registry import DocumentRecord, ImportOptions, importer

csv.field_size_limit(64 * 1024 * 1024)


@importer("csv", (".csv", ".tsv", ".tab"), "CSV/TSV with a header: a text column, the others kept as metadata")
def read_table(path: Path, options: ImportOptions) -> Iterator[DocumentRecord]:
    source = str(path)
    delimiter = "\t" if path.suffix.lower() in (".tsv", ".tab") else ","
    lines = read_lines(path)
    numbers: list[int] = []

    def raw_lines() -> Iterator[str]:
        for number, line in lines:
            numbers.append(number)
            yield line + "\n"

    reader = csv.reader(raw_lines(), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        options.warn(f"{source}: empty file, skipped")
        return
    except csv.Error as exc:
        raise InputError(f"cannot read the header: {exc}", source, line=1) from None
    header = [name.strip() for name in header]
    column = options.text_column or "text"
    if column not in header:
        raise InputError(f"there is no column {column!r} (columns: {', '.join(header)}); "
                         "name the text column with --text-column", source, line=1)
    if len(set(header)) != len(header):
        raise InputError("two columns have the same name", source, line=1)
    text_at = header.index(column)
    row_number = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(f"malformed CSV: {exc}", source, line=numbers[-1] if numbers else None) from None
        line = numbers[-1]
        row_number += 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise InputError(f"{len(row)} field(s), but the header has {len(header)}", source, line=line)
        text = normalize_newlines(row[text_at])
        if not text.strip():
            options.warn(f"{source}, line {line}: empty text, skipped")
            continue
        meta = {name: value for name, value in zip(header, row) if name not in (column, "id")}
        external_id = row[header.index("id")] if "id" in header and row[header.index("id")] else None
        title = meta.get("title") or external_id or f"{path.stem} {row_number}"
        yield DocumentRecord(title=title, text=text, source=source, line=line, meta=meta,
                             external_id=external_id)
