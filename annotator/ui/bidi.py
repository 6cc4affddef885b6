"""Bidi isolation of text shown in lists, tables, labels and dialogs (Unicode UAX #9 isolates).

A list cell or a label has one paragraph direction: the interface's. A span's text, a title or a
coder's name inside it must keep *its own* direction, or the bidi algorithm reorders it against the
cell: ``80 ألف باوند`` in a left-to-right list shows the number at the left (the wrong end for
Arabic), and in the Arabic interface ``F1, Ctrl+/`` shows as ``/+F1, Ctrl`` and ``193–212`` as
``212–193``. Every cell or label that holds user text or a key sequence goes through one of these:

- :func:`isolate` (FSI … PDI) for user text (span text, titles, names, labels, notes): its direction
  is that of its first strong letter, whatever the interface's.
- :func:`ltr` (LRI … PDI) for what reads left to right in every language: key sequences, offsets,
  ranges (:func:`span_range`), file paths.

Qt's text engine implements the isolates (LRI U+2066, RLI U+2067, FSI U+2068, PDI U+2069); they
are invisible. :func:`plain` removes them again (for filtering, tests and copying), with the marks
of :func:`anchored`.
"""

from __future__ import annotations

LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
_MARKS = str.maketrans("", "", LRI + RLI + FSI + PDI + "\u200e\u200f")


def isolate(text: str) -> str:
    """``text`` in a first-strong isolate: it keeps its own direction inside any sentence or cell."""
    return f"{FSI}{text}{PDI}" if text else text


def ltr(text: str) -> str:
    """``text`` in a left-to-right isolate: key sequences, numbers, ranges, paths."""
    return f"{LRI}{text}{PDI}" if text else text


def span_range(start: int, end: int) -> str:
    """``start–end`` reading left to right in either interface direction."""
    return ltr(f"{start}–{end}")


def anchored(text: str, rtl: bool) -> str:
    """``text`` led by a right-to-left (or left-to-right) mark: Qt lays out *rich text* in the
    direction of its first strong letter, not skipping isolates, so a label that starts with an
    isolated title took the title's direction; the mark gives it the interface's."""
    return ("\u200f" if rtl else "\u200e") + text


def plain(text: str) -> str:
    """``text`` without the isolate marks this module adds."""
    return text.translate(_MARKS)


def menu_item_text(text: str) -> str:
    """A menu item's ``text\\tshortcut`` with the shortcut isolated left to right."""
    head, tab, keys = text.partition("\t")
    return f"{head}{tab}{ltr(plain(keys))}" if tab and keys else text
