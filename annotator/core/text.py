"""Turning bytes from a file into the text we store, exactly and predictably.

Plain text import: UTF-8 (a BOM is stripped), CRLF and lone CR become LF, nothing else changes.
"""

from __future__ import annotations

import codecs

from annotator.core.errors import InputError

_BINARY_CONTROL = set(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31}


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF. Qt would turn a CRLF into one break and shift every offset."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def looks_binary(data: bytes) -> bool:
    """A NUL byte, or many C0 control bytes in the first 8 KiB, means this is not a text file."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    if not head:
        return False
    controls = sum(1 for b in head if b in _BINARY_CONTROL)
    return controls / len(head) > 0.05


def decode_text(data: bytes, source: str, encoding: str = "utf-8") -> str:
    """Decode a text file's bytes, naming the line and byte of the first invalid sequence."""
    if looks_binary(data):
        raise InputError("this is a binary file, not text (it contains NUL or control bytes)", source)
    if encoding.lower().replace("_", "-") in ("utf-8", "utf8", "utf-8-sig"):
        if data.startswith(codecs.BOM_UTF8):
            data = data[len(codecs.BOM_UTF8) :]
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            bad = data[exc.start : exc.start + 4].hex(" ")
            raise InputError(
                f"not valid UTF-8 (bytes {bad}); save the file as UTF-8 or give its encoding",
                source,
                line=line,
                byte_offset=exc.start,
            ) from None
    else:
        try:
            text = data.decode(encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}", source) from None
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            raise InputError(f"not valid {encoding}", source, line=line, byte_offset=exc.start) from None
        if text.startswith("\ufeff"):
            text = text[1:]
    return normalize_newlines(text)
