"""Compile a Qt Linguist catalogue (.ts) into the binary .qm file that ``QTranslator`` loads, in
plain Python: the wheel build (setup.py) runs it, where no Qt is installed, so that ``pip install .``
from a clean clone carries the compiled Arabic interface.

The file written is byte for byte what ``pyside6-lrelease`` writes for our catalogue (checked by
tests/packaging/test_resources.py): the magic number, the language, a hash table of (ELF hash of
source text + comment, offset) pairs, the messages, each a translation (UTF-16 big-endian) with
its comment, source text and context (UTF-8), and the language's plural rules. A plural message
(``numerus="yes"``: "%n document(s)") carries one translation per plural form of the language, in
order, as lrelease writes it (Arabic has six forms, English two).
"""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
from pathlib import Path

MAGIC = bytes([0x3C, 0xB8, 0x64, 0x18, 0xCA, 0xEF, 0x9C, 0x95, 0xCD, 0x21, 0x1C, 0xBF, 0x60, 0xA1, 0xBD, 0xDD])
HASHES, MESSAGES, NUMERUS_RULES, LANGUAGE = 0x42, 0x69, 0x88, 0xA7
TAG_END, TAG_TRANSLATION, TAG_SOURCE, TAG_CONTEXT, TAG_COMMENT = 1, 3, 6, 7, 8
SKIPPED = ("obsolete", "vanished")
# Qt's plural rules per language, as lrelease appends them (Qt's numerus table): Arabic has six
# forms, n = 0, 1, 2, n % 100 in 3..10, n % 100 >= 11, and the rest.
PLURAL_RULES = {"ar": bytes.fromhex("0100ff0101ff0102ff24030aff2a0b"), "en": bytes.fromhex("0101")}


class CatalogueError(ValueError):
    """The .ts file cannot be compiled (not XML, plural forms, ...)."""


def _elf_hash(data: bytes) -> int:
    h = 0
    for byte in data:
        h = ((h << 4) + byte) & 0xFFFFFFFF
        g = h & 0xF0000000
        if g:
            h ^= g >> 24
        h &= ~g & 0xFFFFFFFF
    return h or 1


def _bytes(tag: int, value: bytes) -> bytes:
    return struct.pack(">BI", tag, len(value)) + value


def messages(ts: Path) -> tuple[str, list[tuple[str, str, str, str]]]:
    """The catalogue's language and its compiled messages: (context, source, comment, translations),
    ``translations`` a list: one text, or one per plural form."""
    try:
        root = ET.parse(ts).getroot()
    except (OSError, ET.ParseError) as exc:
        raise CatalogueError(f"{ts}: cannot read the catalogue ({exc})") from None
    out = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in SKIPPED:
                continue
            if message.get("numerus") == "yes":
                texts = [form.text or "" for form in translation.iter("numerusform")]
                if not texts or not all(texts):
                    continue  # unfinished: lrelease leaves it out too
            elif not (translation.text or ""):
                continue
            else:
                texts = [translation.text]
            out.append((name, message.findtext("source") or "", message.findtext("comment") or "", texts))
    return root.get("language") or "", out


def compile_ts(ts: Path) -> bytes:
    """The .qm bytes for ``ts``."""
    language, found = messages(ts)
    table = {}
    for context, source, comment, texts in found:  # the last of duplicates wins, as in lrelease
        table[(context.encode(), source.encode(), comment.encode())] = texts
    body = bytearray()
    offsets = []
    for (context, source, comment), texts in sorted(table.items()):
        offsets.append((_elf_hash(source + comment), len(body)))
        for text in texts:  # one per plural form of a plural message
            body += _bytes(TAG_TRANSLATION, text.encode("utf-16-be"))
        body += _bytes(TAG_COMMENT, comment) + _bytes(TAG_SOURCE, source) + _bytes(TAG_CONTEXT, context)
        body += bytes([TAG_END])
    hashes = b"".join(struct.pack(">II", h, o) for h, o in sorted(offsets))
    out = bytearray(MAGIC)
    if language:
        out += _bytes(LANGUAGE, language.encode())
    if hashes:
        out += _bytes(HASHES, hashes)
    if body:
        out += _bytes(MESSAGES, bytes(body))
    rules = PLURAL_RULES.get(language.split("_")[0])
    if rules:
        out += _bytes(NUMERUS_RULES, rules)
    return bytes(out)


def write_qm(ts: Path, qm: Path) -> None:
    """Compile ``ts`` into ``qm`` (written whole, then renamed into place)."""
    data = compile_ts(ts)
    tmp = qm.with_name(qm.name + ".partial")
    tmp.write_bytes(data)
    tmp.replace(qm)
