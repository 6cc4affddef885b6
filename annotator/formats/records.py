"""Checks and conversions shared by the readers: span validation with file and line in every
message, line-ending normalisation that carries offsets along, line-by-line UTF-8 reading with a
bound on the line length, the one document-size rule, input-file checks (no FIFOs or devices),
and JSON parsing that turns every hostile value into a one-line ``InputError``.

Every importer goes through these helpers, so a new format gets the hardening for free."""

from __future__ import annotations

import json
import math
import os
import re
import stat
from bisect import bisect_left
from pathlib import Path
from typing import Any, Iterator

from annotator.core.errors import InputError
from annotator.formats.registry import SpanRecord

# One document may be at most this large (UTF-8 bytes of its text), whatever the format: larger is
# not comfortable to annotate as one document and freezes the view. Split such texts.
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
# A line may hold a whole document with JSON escaping around it; a longer one is refused while it
# is being read (it is never read whole into memory).
MAX_LINE_BYTES = 2 * MAX_DOCUMENT_BYTES + 1024 * 1024
_SURROGATE = re.compile("[\ud800-\udfff]")


def check_input_file(path: Path) -> None:
    """Refuse anything that is not a regular file (a FIFO would block the reader forever)."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        raise InputError(f"cannot read it ({exc.strerror or exc})", str(path)) from None
    if stat.S_ISDIR(mode):
        return
    if not stat.S_ISREG(mode):
        kind = "a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a device or socket"
        raise InputError(f"is {kind}, not a regular file; refused", str(path))


def check_document_size(text: str, source: str, line: int | None = None) -> None:
    """The one size rule for every importer (see ``MAX_DOCUMENT_BYTES``)."""
    if len(text) * 4 <= MAX_DOCUMENT_BYTES:  # cheap: no text this short can be too large
        return
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_DOCUMENT_BYTES:
        raise InputError(f"the document is {size / 2**20:.0f} MB; documents over {MAX_DOCUMENT_BYTES // 2**20} "
                         "MB are refused (split it into smaller ones)", source, line=line)


def read_lines(path: Path, max_line: int | None = None) -> Iterator[tuple[int, str]]:
    """``(line number, text)`` for each line of a UTF-8 file, streamed; the line keeps no ``\\n``.

    Lines are split on LF only (a U+2028 inside a JSON string is not a line break). A BOM on the
    first line is dropped. Bad UTF-8 names the line and the byte offset in the file. A line longer
    than ``max_line`` bytes (``MAX_LINE_BYTES``) is refused after reading at most that much.
    """
    limit = max_line or MAX_LINE_BYTES
    check_input_file(path)
    offset = 0
    with open(path, "rb") as fh:
        number = 0
        while True:
            raw = fh.readline(limit + 1)
            if not raw:
                return
            number += 1
            if len(raw) > limit and not raw.endswith(b"\n"):
                raise InputError(f"the line is longer than {limit // 2**20} MB; refused (a document may be at "
                                 f"most {MAX_DOCUMENT_BYTES // 2**20} MB)", str(path), line=number)
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


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not a number JSON allows")


def load_json(line: str, source: str, number: int | None) -> Any:
    """``json.loads`` for text from strangers: invalid JSON, NaN/Infinity, nesting too deep for the
    parser, over-long integers and lone surrogates (``"\\ud800"``) are one-line ``InputError``s."""
    try:
        data = json.loads(line, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg}", source, line=number, column=exc.colno) from None
    except RecursionError:
        raise InputError("the JSON is nested too deeply to read", source, line=number) from None
    except ValueError as exc:  # NaN/Infinity, or an integer longer than Python converts
        raise InputError(f"invalid JSON value: {str(exc).splitlines()[0]}", source, line=number) from None
    if "\\u" in line and ("\\ud" in line.lower()):
        _check_no_surrogates(data, source, number)
    return data


def _check_no_surrogates(value: Any, source: str, line: int | None) -> None:
    """A lone surrogate cannot be stored as UTF-8: refuse it where it is, not deep in the store."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                raise InputError(f"the string {item[:40].encode('utf-8', 'backslashreplace').decode()!r} holds a "
                                 "lone UTF-16 surrogate (not a character); fix the file", source, line=line)
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def finite_json(value: Any) -> Any:
    """``value`` with NaN and infinities (which are not JSON) replaced by ``None``, for exporters."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: finite_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [finite_json(v) for v in value]
    return value


def check_span(text: str, start: Any, end: Any, label: Any, source: str, line: int | None,
               quoted: Any = None, note: Any = None) -> SpanRecord:
    """A span after checking every field; ``quoted`` is the span's own copy of its text, if given."""
    if start.__class__ is int and end.__class__ is int and label.__class__ is str and quoted is None \
            and note is None and 0 <= start < end <= len(text) and label and label.strip() == label:
        return SpanRecord(start, end, label)  # the common case, checked in one expression
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

    from dataclasses import replace

    moved = [replace(s, start=move(s.start), end=move(s.end)) for s in spans]
    return new_text, [s for s in moved if s.start < s.end]
