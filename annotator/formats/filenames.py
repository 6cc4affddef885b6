"""Safe, unique file names made from document titles (for exports that write one file per document)."""

from __future__ import annotations

import re
import unicodedata

MAX_NAME = 100
# A file name may be 255 bytes on ext4, APFS and NTFS; leave room for "-NN" and ".ann".
MAX_NAME_BYTES = 200
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}


def safe_name(title: str, fallback: str = "document") -> str:
    """A file name stem from a title: no separators, no ``..``, no leading dot, no control characters,
    no Windows device names (CON, NUL, COM1 ...), at most ``MAX_NAME`` characters. Arabic stays."""
    name = unicodedata.normalize("NFC", title)
    name = _UNSAFE.sub("_", name)
    name = re.sub(r"\s+", " ", name).strip(" .")
    name = _cut_bytes(name[:MAX_NAME], MAX_NAME_BYTES).rstrip(" .")
    if not name:
        name = fallback
    if name.split(".")[0].upper().rstrip() in _RESERVED:
        name = f"_{name}"
    return name


def _cut_bytes(name: str, limit: int) -> str:
    """At most ``limit`` bytes of UTF-8, cut between characters (and never inside a surrogate pair)."""
    data = name.encode("utf-8", "surrogatepass")
    if len(data) <= limit:
        return name
    return data[:limit].decode("utf-8", "ignore")


class UniqueNames:
    """Hands out names that differ from every earlier one, ignoring case (Windows, macOS)."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def take(self, title: str, fallback: str = "document") -> str:
        base = safe_name(title, fallback)
        name, n = base, 1
        while name.casefold() in self._used:
            n += 1
            name = f"{base}-{n}"
        self._used.add(name.casefold())
        return name
