"""Checks and conversions shared by the readers: span validation with file and line in every
message, line-ending normalisation that carries offsets along, and line-by-line UTF-8 reading."""

from __future__ import annotations

from bisect import bisect_left
from pathlib import Path
from typing import Any, Iterator

from annotator.core.errors import InputError
from annotator.formats.registry import SpanRecord


def read_lines(path: Path) -> Iterator[tuple[int, str]]:
    """``(line number, text)`` for each line of a UTF-8 file, streamed; the line keeps no ``\\n``.

    Lines are split on LF only (a U+2028 inside a JSON string is not a line break). A BOM on the
    first line is dropped. Bad UTF-8 names the line and the byte offset in the file.
    """
    offset = 0
    with open(path, "rb") as fh:
        for number, raw in enumerate(fh, start=1):
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                bad = raw[exc.start:exc.start + 4].hex(" ")
                raise InputError(f"not valid UTF-8 (bytes {bad}); save the file as UTF-8", str(path),
                                 line=number, byte_offset=offset + exc.start) from None
            if number == 1 and text.startswith("\ufeff"):
                text = text[1:]
            offset += len(raw)
            yield number, text[:-1] if text.endswith("\n") else text


def check_span(text: str, start: Any, end: Any, label: Any, source: str, line: int | None,
               quoted: Any = None, note: Any = None) -> SpanRecord:
    """A span after checking every field; ``quoted`` is the span's own copy of its text, if given."""
    where = f"span [{start!r}, {end!r}]"
    for name, value in (("start", start), ("end", end)):
        if not isinstance(value, int) or isinstance(value, bool):
            raise InputError(f"{where}: {name} must be an integer, got {value!r}", source, line=line)
    if not isinstance(label, str) or not label.strip():
        raise InputError(f"{where}: the label must be a non-empty string, got {label!r}", source, line=line)
    if start < 0 or end > len(text):
        raise InputError(f"{where} is outside the text (length {len(text)} code points)", source, line=line)
    if start >= end:
        raise InputError(f"{where} is {'empty' if start == end else 'reversed'}", source, line=line)
    if quoted is not None and quoted != text[start:end]:
        raise InputError(f"{where}: its text {quoted!r} is not the text at those offsets "
                         f"({text[start:end]!r}); offsets must count code points (not bytes or UTF-16 units)",
                         source, line=line)
    if note is not None and not isinstance(note, str):
        raise InputError(f"{where}: a note must be a string, got {note!r}", source, line=line)
    return SpanRecord(start, end, label.strip(), note or None)


def normalize_with_offsets(text: str, spans: list[SpanRecord]) -> tuple[str, list[SpanRecord]]:
    """CRLF and lone CR become LF (as for plain text), and span offsets move with the text."""
    if "\r" not in text:
        return text, spans
    dropped = [i for i, ch in enumerate(text) if ch == "\r" and i + 1 < len(text) and text[i + 1] == "\n"]
    new_text = text.replace("\r\n", "\n").replace("\r", "\n")

    def move(offset: int) -> int:
        return offset - bisect_left(dropped, offset)

    moved = [SpanRecord(move(s.start), move(s.end), s.label, s.note) for s in spans]
    return new_text, [s for s in moved if s.start < s.end]
